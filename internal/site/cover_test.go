package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestCoverLayout: a page's cover follows its front matter as GitBook
// draws it: layout.cover.visible: false hides it, and coverY places the
// image in its band (t61: both ignored without a word).
func TestCoverLayout(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":                "# S\n\n* [Home](README.md)\n* [Top](top.md)\n* [Hidden](hidden.md)\n",
		"README.md":                 "---\ncover: .gitbook/assets/cover.png\ncoverY: -120\n---\n# Home\n",
		"top.md":                    "---\ncover: .gitbook/assets/cover.png\ncoverY: 0\n---\n# Top\n",
		"hidden.md":                 "---\ncover: .gitbook/assets/cover.png\nlayout:\n  cover:\n    visible: false\n---\n# Hidden\n",
		".gitbook/assets/cover.png": "",
	})
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Build(context.Background(), Options{Dir: dir, Out: out}); err != nil {
		t.Fatal(err)
	}
	read := func(f string) string {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if home := read("index.html"); !strings.Contains(home, `class=page-cover`) || !strings.Contains(home, `object-position: 50% -120px`) {
		t.Errorf("the home page's cover is not drawn at coverY -120:\n%s", home)
	}
	if top := read("top/index.html"); !strings.Contains(top, `object-position: 50% 0px`) {
		t.Errorf("coverY: 0 is not the top of the band (t64: centred):\n%s", top)
	}
	if hidden := read("hidden/index.html"); strings.Contains(hidden, "page-cover") {
		t.Errorf("layout.cover.visible: false, and the cover is drawn:\n%s", hidden)
	}
}
