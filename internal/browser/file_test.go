package browser

import (
	"fmt"
	"strings"
	"testing"
)

// TestFileRedirects opens the guide from disk, as the README says to: the
// language index and a .gitbook.yaml redirect must land on a page, not on
// a folder, which a browser shows as a directory listing there.
func TestFileRedirects(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	for _, c := range []struct{ from, hash, want string }{
		{"index.html", "", "/en/index.html"},
		{"en/cli/index.html", "#options", "/en/guide/command-line/index.html#options"},
	} {
		open(t, ctx, fileURL(s.Out, c.from)+c.hash)
		js := fmt.Sprintf(`document.readyState === "complete" && location.href.endsWith(%q)`, c.want)
		pollTrue(t, ctx, js, "opening "+c.from+" from disk")
		if got := eval[string](t, ctx, "location.href"); !strings.HasPrefix(got, "file:") {
			t.Errorf("%s led to %s", c.from, got)
		}
	}
}
