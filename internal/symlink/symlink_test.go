package symlink

import (
	"os"
	"path/filepath"
	"testing"
)

// TestInside: a path is judged where its links lead, a link to a folder
// not made yet included, and a link out of the folder is outside whatever
// its name says.
func TestInside(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	other := filepath.Join(root, "other")
	for _, d := range []string{filepath.Join(site, "docs"), other} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	link := func(to, name string) {
		if err := os.Symlink(to, filepath.Join(site, name)); err != nil {
			t.Fatal(err)
		}
	}
	link("docs", "in")                      // a folder of the site
	link(other, "out")                      // a folder beside it
	link("not-yet", "later")                // a folder of the site, not made yet
	link(filepath.Join(other, "x"), "gone") // a folder outside, not made yet
	link("out", "chain")                    // a link to the link out
	for _, c := range []struct {
		p    string
		want bool
	}{
		{site, true},
		{filepath.Join(site, "docs", "a.md"), true},
		{filepath.Join(site, "in", "a.md"), true},
		{filepath.Join(site, "out"), false},
		{filepath.Join(site, "out", "a.md"), false},
		{filepath.Join(site, "later", "public"), true},
		{filepath.Join(site, "gone", "public"), false},
		{filepath.Join(site, "chain", "a.md"), false},
		{filepath.Join(site, "..", "other"), false},
		{root, false},
	} {
		if got := Inside(c.p, site); got != c.want {
			t.Errorf("Inside(%s) = %v, want %v (it leads to %s)", c.p, got, c.want, Resolve(c.p))
		}
	}
	// The folder itself may be reached through a link.
	if err := os.Symlink(site, filepath.Join(root, "alias")); err != nil {
		t.Fatal(err)
	}
	if !Inside(filepath.Join(site, "docs"), filepath.Join(root, "alias")) {
		t.Error("a folder of the site is outside the site reached through a link")
	}
}
