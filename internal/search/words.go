package search

import "unicode/utf8"

// Looking words up is most of the work of indexing: a page of 500 words
// has some 150 distinct ones, and a site repeats them from page to page.
// Words are hashed while they are scanned and looked up in a table of
// their own, instead of scanning each word a second time to hash it for a
// map.

// wordTable maps words as written to the slots of their terms, by open
// addressing with linear probing. The probed table holds only each
// word's hash and its place among the words, 8 bytes a word: it stays in
// the core's cache, which a table of whole entries, probed 38,000 times a
// build at random places, did not.
type wordTable struct {
	index []uint64 // hash<<32 | place in words + 1; a power of two long, never more than half full
	words []wordEntry
}

type wordEntry struct {
	word  string
	slots []*slot
}

func (t *wordTable) find(word string, h uint32) ([]*slot, bool) {
	if len(t.index) == 0 {
		return nil, false
	}
	mask := uint32(len(t.index) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		v := t.index[i]
		if v == 0 {
			return nil, false
		}
		if uint32(v>>32) == h {
			if e := &t.words[uint32(v)-1]; e.word == word {
				return e.slots, true
			}
		}
	}
}

func (t *wordTable) insert(word string, h uint32, slots []*slot) {
	if 2*(len(t.words)+1) > len(t.index) {
		t.grow()
	}
	t.words = append(t.words, wordEntry{word, slots})
	t.put(uint64(h)<<32 | uint64(len(t.words)))
}

func (t *wordTable) put(v uint64) {
	mask := uint32(len(t.index) - 1)
	i := uint32(v>>32) & mask
	for t.index[i] != 0 {
		i = (i + 1) & mask
	}
	t.index[i] = v
}

func (t *wordTable) grow() {
	old := t.index
	t.index = make([]uint64, max(2*len(old), 16384)) // a documentation site's vocabulary at once
	if t.words == nil {
		t.words = make([]wordEntry, 0, len(t.index)/2)
	}
	for _, v := range old {
		if v != 0 {
			t.put(v)
		}
	}
}

// asciiWord marks the ASCII characters that belong to words.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isWord(rune(c))
	}
	return t
}()

// nextWordHash is nextWord that also returns the word's hash (FNV-1a over
// its bytes, never 0).
func nextWordHash(s string, i int) (start, end int, h uint32) {
	const offset, prime = 2166136261, 16777619
	// Most text is ASCII: skip to the first character of a word byte by
	// byte, and read words a byte at a time until something else comes.
	for i < len(s) {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, w := utf8.DecodeRuneInString(s[i:])
			if isWord(r) {
				break
			}
			i += w
			continue
		}
		if asciiWord[c] {
			break
		}
		i++
	}
	if i == len(s) {
		return -1, len(s), 0
	}
	start, h = i, offset
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf && asciiWord[c] {
			h = (h ^ uint32(c)) * prime
			i++
			continue
		}
		w := 1
		if c >= utf8.RuneSelf {
			var r rune
			r, w = utf8.DecodeRuneInString(s[i:])
			if !isWord(r) {
				break
			}
		} else if !isConnector(rune(c)) || i+1 == len(s) || !wordAt(s, i+1) || !wordAt(s, i-1) {
			// A connector joins two word characters; the one before it
			// may be a connector only when it is itself a word's end.
			break
		}
		for k := i; k < i+w; k++ {
			h = (h ^ uint32(s[k])) * prime
		}
		i += w
	}
	return start, i, h | 1
}

// wordAt reports whether the character at byte i of s is a word character.
func wordAt(s string, i int) bool {
	if c := s[i]; c < utf8.RuneSelf {
		return asciiWord[c]
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError {
		// i may be inside a character: find its start.
		r, _ = utf8.DecodeLastRuneInString(s[:i+1])
	}
	return isWord(r)
}
