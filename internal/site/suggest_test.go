package site

import "testing"

// TestNearestPath: the file a missing link meant is a typo's, or a file
// of the same name moved to another folder, ahead of a name two letters
// away (t103); nothing when nothing is near.
func TestNearestPath(t *testing.T) {
	paths := []string{"chapter-03/page-24.md", "chapter-4b/page-34.md", "guide/install.md", "guide/instal.md", "a.md"}
	for p, want := range map[string]string{
		"chapter-04/page-34.md": "chapter-4b/page-34.md", // moved, over a two-letter typo
		"guide/instll.md":       "guide/instal.md",       // one letter
		"elsewhere/install.md":  "guide/install.md",      // moved far
		"nothing-near.md":       "",
	} {
		if got := nearestPath(p, paths); got != want {
			t.Errorf("nearestPath(%q) = %q, want %q", p, got, want)
		}
	}
}
