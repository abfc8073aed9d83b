package search

import (
	"testing"
	"unicode/utf8"
)

// nextWord is the plain form of nextWordHash, kept to check it: it returns the bounds of the first word of s at or after i: a run
// of word characters with the connectors that join two of them. Analysing
// each word alone gives the terms of the whole text, since tokens never
// cross a word's ends. start is -1 when there is none.
func nextWord(s string, i int) (start, end int) {
	start = -1
	prevWord := false
	for i < len(s) {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		word := isWord(r)
		if !word && isConnector(r) && prevWord && i+w < len(s) {
			next, _ := utf8.DecodeRuneInString(s[i+w:])
			word = isWord(next)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			return start, i
		}
		prevWord = word && !isConnector(r)
		i += w
	}
	return start, len(s)
}

func FuzzNextWordHash(f *testing.F) {
	for _, s := range []string{"site.yaml 4.15 a..b _x_ x. .x é.é 日本 a\u0301b", "a.b.c d_e", "..", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		s = collapseSpace(s) // what the scanner is given
		seen := map[string]uint32{}
		for i := 0; i < len(s); {
			ws, we := nextWord(s, i)
			hs, he, h := nextWordHash(s, i)
			if ws != hs || (ws >= 0 && we != he) {
				t.Fatalf("%q at %d: nextWord (%d, %d), nextWordHash (%d, %d)", s, i, ws, we, hs, he)
			}
			if ws < 0 {
				break
			}
			if h == 0 {
				t.Fatalf("%q: hash 0", s[ws:we])
			}
			if prev, ok := seen[s[ws:we]]; ok && prev != h {
				t.Fatalf("%q: two hashes", s[ws:we])
			}
			seen[s[ws:we]] = h
			i = we
		}
	})
}

func TestWordTable(t *testing.T) {
	var tb wordTable
	words := map[string]uint32{}
	for i := range 5000 {
		w := string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
		h := uint32(i%97) | 1 // many collisions on purpose
		words[w] = h
		if _, ok := tb.find(w, h); !ok {
			tb.insert(w, h, []*slot{{term: w}})
		}
	}
	for w, h := range words {
		sl, ok := tb.find(w, h)
		if !ok || len(sl) != 1 || sl[0].term != w {
			t.Fatalf("find(%q) = %v, %v", w, sl, ok)
		}
	}
	if _, ok := tb.find("zzzz", 5); ok {
		t.Error("found a word never inserted")
	}
}
