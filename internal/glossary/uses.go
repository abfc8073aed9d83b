package glossary

import (
	"bytes"
	"hash/maphash"
	"unicode"
	"unicode/utf8"
)

// Use is a use of a term in a text.
type Use struct {
	Start, Stop int // byte offsets in the text
	Term        int // index in Glossary.Terms
}

// index finds the terms a text can use at a position without trying
// each: a term is filed under its lead (below), and a position of the
// text is looked up by the lead it starts. A page then costs its length,
// not its length times the number of terms (10,000 terms and a page using
// 3,000 of them took 12 s when every term was looked for in turn).
type index struct {
	byLead  map[uint64][]int // terms by the hash of their lead
	first   [256]bool        // bytes a term's lead starts with, in any case
	longest int              // bytes of the longest name, in any case's encoding
}

// lead is what a term and the text at a use of it begin with, in a case
// of its own: the word run when the first character is a letter or digit
// of a script written with spaces (a use of "API key" starts "API"), else
// that character alone (".NET", or "咖" of 咖啡, which may start
// anywhere). The hash stops short of the end of the word run in neither,
// so "API" is not looked up at "APIs".
var seed = maphash.MakeSeed()

func lead(s []byte, i int) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	var buf [4]byte
	r, size := utf8.DecodeRune(s[i:])
	word := isWordRune(r) && !spaceless(r)
	for {
		h.Write(buf[:utf8.EncodeRune(buf[:], foldRune(r))])
		i += size
		if !word || i == len(s) {
			break
		}
		if r, size = utf8.DecodeRune(s[i:]); !isWordRune(r) || spaceless(r) {
			break
		}
	}
	return h.Sum64()
}

// foldRune gives every character of a case-folding orbit (k, K, the
// Kelvin sign) the same one, its smallest, as bytes.EqualFold matches
// them.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		m = min(m, f)
	}
	return m
}

func (g *Glossary) terms() *index {
	g.once.Do(func() {
		x := &index{byLead: map[uint64][]int{}}
		var buf [utf8.UTFMax]byte
		for k, t := range g.Terms {
			if t.Name == "" {
				continue
			}
			h := lead([]byte(t.Name), 0)
			x.byLead[h] = append(x.byLead[h], k)
			// Another case of a letter may take more bytes (ı, K).
			x.longest = max(x.longest, utf8.UTFMax*utf8.RuneCountInString(t.Name))
			fr, _ := utf8.DecodeRuneInString(t.Name)
			if fr == utf8.RuneError {
				// Any invalid byte reads as fr, and is one of these.
				for b := utf8.RuneSelf; b < 256; b++ {
					x.first[b] = true
				}
			}
			for r := fr; ; {
				utf8.EncodeRune(buf[:], r)
				x.first[buf[0]] = true
				if r = unicode.SimpleFold(r); r == fr {
					break
				}
			}
		}
		g.index = x
	})
	return g.index
}

// FirstUses returns the first use in s, as a whole word in any case, of
// each term that skip (given its index) does not rule out, by position;
// terms used at the same position come in the glossary's order. A use
// inside a use of a term skip rules out is none: once C++ is linked, the
// C of a later C++ is not a use of C.
func (g *Glossary) FirstUses(s []byte, skip func(int) bool) []Use {
	x := g.terms()
	var uses []Use
	var found map[int]bool
	var before rune // at i == 0, none
	blockEnd := 0   // the end of the uses of skipped terms so far
	var cands []Use
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
		}
		if terms := x.at(s, i, before, r); terms != nil {
			cands = cands[:0]
			for _, k := range terms {
				if found[k] {
					continue
				}
				if j, ok := wordAt(s, i, g.Terms[k].Name); ok {
					if skip(k) {
						blockEnd = max(blockEnd, j)
						continue
					}
					cands = append(cands, Use{i, j, k})
				}
			}
			for _, u := range cands {
				if u.Stop <= blockEnd {
					continue // within a use of a term ruled out
				}
				if found == nil {
					found = map[int]bool{}
				}
				found[u.Term] = true
				uses = append(uses, u)
			}
		}
		before = r
		i += size
	}
	return uses
}

// Covered reports whether s[start:stop] lies within a use, in s, of a
// term that linked (given its index) says is linked (a use of the same
// extent included): the C of C++ once C++ is linked. Only the positions a
// term long enough could start at are looked at.
func (g *Glossary) Covered(s []byte, start, stop int, linked func(int) bool) bool {
	x := g.terms()
	from := max(0, start-x.longest)
	for from > 0 && !utf8.RuneStart(s[from]) {
		from--
	}
	for i := from; i <= start && i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		before, _ := utf8.DecodeLastRune(s[:i])
		for _, k := range x.at(s, i, before, r) {
			if !linked(k) {
				continue
			}
			if j, ok := wordAt(s, i, g.Terms[k].Name); ok && j >= stop {
				return true
			}
		}
		i += size
	}
	return false
}

// at returns the terms that may be used at s[i:], whose character r
// follows before (at i == 0, none): those filed under the lead there,
// where a term may start; nil elsewhere. A term starts a word, unless it
// starts with a letter of a script written without spaces (wordAt has
// the whole rule).
func (x *index) at(s []byte, i int, before, r rune) []int {
	if !x.first[s[i]] || i > 0 && isWordRune(before) && !spaceless(before) && !spaceless(r) {
		return nil
	}
	return x.byLead[lead(s, i)]
}

// Index finds word in s as a whole word, in any case, at from or after
// (the text before from still tells whether a use starts a word), and
// returns its offset and length in s (-1 when absent). It compares the
// text as written: a letter's lower case may be longer or shorter in
// bytes (Ⱥ, İ), so offsets in a lower-cased copy would not be s's.
func Index(s []byte, from int, word string) (int, int) {
	fr, _ := utf8.DecodeRuneInString(word)
	if fr == utf8.RuneError {
		// Any invalid byte reads as fr: s is read character by character.
		for i := from; i < len(s); {
			if j, ok := wordAt(s, i, word); ok {
				return i, j - i
			}
			_, size := utf8.DecodeRune(s[i:])
			i += size
		}
		return -1, 0
	}
	// The bytes a use can start with: the first letter's in each case
	// (for k: k, K and the Kelvin sign's first byte). Other bytes are
	// passed over without decoding; a continuation byte is never among
	// them, so the candidates are the characters' starts, as when reading
	// s character by character.
	var lead [256]bool
	var buf [utf8.UTFMax]byte
	for r := fr; ; {
		utf8.EncodeRune(buf[:], r)
		lead[buf[0]] = true
		if r = unicode.SimpleFold(r); r == fr {
			break
		}
	}
	for i := from; i < len(s); i++ {
		if lead[s[i]] {
			if j, ok := wordAt(s, i, word); ok {
				return i, j - i
			}
		}
	}
	return -1, 0
}

// wordAt reports whether word, in any case, stands at s[i:] as a whole
// word, and where it ends.
func wordAt(s []byte, i int, word string) (int, bool) {
	fr, fsize := utf8.DecodeRuneInString(word)
	_, size := utf8.DecodeRune(s[i:])
	if !bytes.EqualFold(s[i:i+size], []byte(word[:fsize])) {
		return 0, false
	}
	j := i
	for range utf8.RuneCountInString(word) {
		if j == len(s) {
			break
		}
		_, sz := utf8.DecodeRune(s[j:])
		j += sz
	}
	if !bytes.EqualFold(s[i:j], []byte(word)) {
		return 0, false
	}
	lr, _ := utf8.DecodeLastRuneInString(word)
	before, _ := utf8.DecodeLastRune(s[:i])
	after, _ := utf8.DecodeRune(s[j:])
	return j, (i == 0 || wordEdge(before, fr)) && (j == len(s) || wordEdge(after, lr) && !unicode.Is(unicode.M, after))
}

// wordEdge reports whether a word may end between its letter edge and
// the character out beside it: unless both are letters, digits or _ of
// scripts written with spaces between words. Japanese, Chinese, Thai…
// put none, so a term of them is looked for inside the text, and a
// Latin term stops where such a script starts ("APIを"). A combining
// mark after a use (caller's test) belongs to its last letter, whatever
// the script.
func wordEdge(out, edge rune) bool {
	return !isWordRune(out) || spaceless(out) || spaceless(edge)
}

// spacelessScripts are the scripts written without spaces between words.
var spacelessScripts = []*unicode.RangeTable{
	unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo, unicode.Yi,
	unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan,
	unicode.Tai_Le, unicode.New_Tai_Lue, unicode.Tai_Tham, unicode.Tai_Viet,
	unicode.Balinese, unicode.Javanese, unicode.Sundanese, unicode.Buginese,
}

// spaceless reports whether r is a letter of a script written without
// spaces between words, or the Japanese length mark (ー, of no script),
// or a combining (han)dakuten.
func spaceless(r rune) bool {
	if r < 0x0e00 {
		return false // Latin, Greek, Cyrillic, Arabic, Indic…: quickly
	}
	switch r {
	case 'ー', 'ｰ', '\u3099', '\u309a', '゛', '゜', 'ﾞ', 'ﾟ':
		return true
	}
	return unicode.In(r, spacelessScripts...)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
