package markdown

import (
	"strings"
	"testing"
)

// FuzzWordIndexFold: a match is inside s, is the word in some case, and
// stands as a whole word; letters whose lower case has another length
// (Ⱥ, İ) around it change nothing.
func FuzzWordIndexFold(f *testing.F) {
	for _, s := range []string{"ȺȺȺȺȺȺ ab", "İİİİ AB", "xab ab", "ab", "aİb ab"} {
		f.Add(s, "ab")
	}
	f.Fuzz(func(t *testing.T, s, word string) {
		if word == "" {
			return
		}
		i, n := wordIndexFold([]byte(s), word)
		if i < 0 {
			return
		}
		if i+n > len(s) || !strings.EqualFold(s[i:i+n], word) {
			t.Fatalf("wordIndexFold(%q, %q) = %d, %d: %q is not the word", s, word, i, n, s[max(0, min(i, len(s))):min(len(s), i+n)])
		}
	})
}

func TestWordIndexFold(t *testing.T) {
	for _, c := range []struct {
		s, word string
		want    int
	}{
		{"ȺȺȺȺȺȺ ab", "ab", 13},
		{"İİİİ AB", "ab", 9},
		{"xab ab", "ab", 4},
		{"The Build Cache.", "build cache", 4},
		{"abc", "ab", -1},
	} {
		if i, _ := wordIndexFold([]byte(c.s), c.word); i != c.want {
			t.Errorf("wordIndexFold(%q, %q) = %d, want %d", c.s, c.word, i, c.want)
		}
	}
}
