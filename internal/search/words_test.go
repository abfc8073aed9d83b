package search

import (
	"slices"
	"testing"
)

// TestNextWord: words are runs of word characters with the connectors
// (. between letters or digits) that join two of them; a connector at a
// word's end is not part of it.
func TestNextWord(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"site.yaml 4.15 a..b _x_ x. .x", []string{"site.yaml", "4.15", "a", "b", "x", "x", "x"}},
		{"é.é 日本 a\u0301b", []string{"é.é", "日本", "a\u0301b"}},
		{"", nil},
		{"..", nil},
		{"folio's build-time", []string{"folio", "s", "build", "time"}},
		// A comma between digits and the signs of C++ stay in the word,
		// which Tokens cuts.
		{"2,048 bits, 1,2 x1,234 1,234.5 1.2,345 C++, C#x a+ ,1", []string{"2,048", "bits", "1,2", "x1,234", "1,234.5", "1.2,345", "C++", "C#x", "a+", "1"}},
	} {
		var got []string
		for i := 0; i < len(c.in); {
			s, e := nextWord(c.in, i, nil)
			if s < 0 {
				break
			}
			got = append(got, c.in[s:e])
			i = e
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: words %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzWords: analysing the words nextWord finds one by one gives the terms
// of the whole text, as AnalyseText relies on.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"site.yaml 4.15 a..b", "2,048 bits, 1,2 x1,234 1,234.5", "C++ c# é.é 日本", "v1.2,345", "A͔# ㌰", "2\u0301,048 2,\u0301048"} {
		f.Add("en", s)
	}
	f.Add("ar", "إِنَّ أحمد")
	f.Add("de", "Straße 2,048")
	f.Fuzz(func(t *testing.T, lang, s string) {
		a := NewAnalysis(lang)
		var got []string
		for i := 0; i < len(s); {
			start, end := nextWord(s, i, a.fold)
			if start < 0 {
				break
			}
			got = append(got, a.Terms(s[start:end])...)
			i = end
		}
		if want := a.Terms(s); !slices.Equal(got, want) {
			t.Errorf("%q: terms word by word %q, want %q", s, got, want)
		}
	})
}
