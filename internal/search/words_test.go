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
	} {
		var got []string
		for i := 0; i < len(c.in); {
			s, e := nextWord(c.in, i)
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
