//go:build race

package browser

import (
	"fmt"
	"os"
	"testing"
)

// TestMain skips the browser tests under the race detector. Their time
// goes to Chromium and to race-instrumented builds of every corpus, well
// over go test's ten minutes, while the Go code they drive (the site
// build, the preview server, the theme) is race-tested in its own
// packages.
func TestMain(m *testing.M) {
	fmt.Println("browser tests skipped under the race detector: the packages they drive are race-tested on their own")
	os.Exit(0)
}
