package content

import (
	"slices"
	"testing"
)

// TestNaturalCompare: the navigation GitBook infers lists numbered files
// by their number (t35: 10-ten came before 2-two).
func TestNaturalCompare(t *testing.T) {
	names := []string{"10-ten.md", "2-two.md", "1-a.md", "01-a.md", "b.md", "a10.md", "a9.md", "README.md"}
	slices.SortFunc(names, naturalCompare)
	want := []string{"01-a.md", "1-a.md", "2-two.md", "10-ten.md", "README.md", "a9.md", "a10.md", "b.md"}
	if !slices.Equal(names, want) {
		t.Errorf("sorted %v, want %v", names, want)
	}
}
