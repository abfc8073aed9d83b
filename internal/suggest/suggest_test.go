package suggest

import "testing"

func TestNearest(t *testing.T) {
	for _, tc := range []struct {
		name  string
		known []string
		want  string
	}{
		{"titel", []string{"title", "overflow"}, "title"},                  // two letters swapped
		{"linenumbers", []string{"title", "lineNumbers"}, "lineNumbers"},   // case
		{"LINENUMBER", []string{"lineNumbers"}, "lineNumbers"},             // case and a letter
		{"descripton", []string{"description"}, "description"},             // a letter dropped
		{"tableOfContent", []string{"tableOfContents"}, "tableOfContents"}, // long: two edits allowed
		{"tocVisible", []string{"tableOfContents"}, ""},
		{"cover", []string{"color"}, ""}, // two edits in a short name: another word
		{"id", []string{"if"}, "if"},
		{"x", nil, ""},
		{"étiquette", []string{"etiquette"}, "etiquette"}, // characters, not bytes
	} {
		if got := Nearest(tc.name, tc.known); got != tc.want {
			t.Errorf("Nearest(%q, %q) = %q, want %q", tc.name, tc.known, got, tc.want)
		}
	}
}

// TestEditDistance: insertions, deletions, substitutions and swaps of two
// neighbours count one each, in characters.
func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "", 3}, {"", "ab", 2}, {"title", "titel", 1}, {"ca", "abc", 3},
		{"kitten", "sitting", 3}, {"style", "type", 2}, {"é", "e", 1},
	} {
		if got := EditDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := EditDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}

// FuzzEditDistanceAtMost: the banded distance is the full one, capped at
// k+1.
func FuzzEditDistanceAtMost(f *testing.F) {
	f.Add("guide/install.md", "guide/instal.md", 5)
	f.Add("ab", "ba", 1)
	f.Add("", "abc", 2)
	f.Add("sec3/page12.md", "sec4/page21.md", 0)
	f.Fuzz(func(t *testing.T, a, b string, k int) {
		k = k & 15
		if got, want := EditDistanceAtMost(a, b, k), min(EditDistance(a, b), k+1); got != want {
			t.Errorf("EditDistanceAtMost(%q, %q, %d) = %d, want %d", a, b, k, got, want)
		}
	})
}
