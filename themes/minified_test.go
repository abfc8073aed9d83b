package themes_test

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/output"
	"folio/themes"
)

var update = flag.Bool("update", false, "rewrite minified/ from the default theme's static files")

// TestMinifiedUpToDate holds minified/ to what a build would make of the
// default theme's static files: the minified bytes and the sums of their
// sources. After editing a file of default/static, run
// `go test ./themes -update`.
func TestMinifiedUpToDate(t *testing.T) {
	const src, dst = "default/static", "minified/default/static"
	var sums strings.Builder
	err := fs.WalkDir(themes.Default, src, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		name := strings.TrimPrefix(p, src+"/")
		b, err := fs.ReadFile(themes.Default, p)
		if err != nil {
			return err
		}
		h := sha256.Sum256(b) // before minifying: the minifier may reuse b
		min, err := output.MinifyFile(name, b)
		if err != nil {
			return err
		}
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(h[:]), name)
		return check(t, path.Join(dst, name), min)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := check(t, path.Join(dst, "SUMS"), []byte(sums.String())); err != nil {
		t.Fatal(err)
	}
}

func check(t *testing.T, p string, want []byte) error {
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, want, 0o644)
	}
	got, err := fs.ReadFile(themes.Minified, p)
	if err != nil || string(got) != string(want) {
		t.Errorf("%s is out of date: run go test ./themes -update", p)
	}
	return nil
}
