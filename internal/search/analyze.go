package search

import (
	"runtime"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxTermLen drops longer tokens (hashes, base64, minified code): nobody
// types them, and they would bloat the index.
const maxTermLen = 40

// Analysis is the text analysis of one language. It is written into the
// index as is, so search.js analyses queries with the same data; only the
// algorithm (Fold, Tokens, Terms) is written twice, in Go and in JS, and
// testdata/vectors.json pins both to the same results.
type Analysis struct {
	Lang      string       `json:"lang"`
	FoldPairs []string     `json:"fold"` // pairs: characters, their replacement
	StopWords []string     `json:"stop"` // sorted stop words, folded
	StemSteps [][]StemRule `json:"stem"` // steps; nil when the language has no stemmer
	// Prefix says that every word of a query also matches the longer
	// words it starts (prefixLangs), not only the word being typed.
	Prefix bool `json:"prefix,omitempty"`

	fold    map[rune]string
	stop    map[string]bool
	scratch chan *scratch // idle scratches for Analyse; not a sync.Pool, which every GC empties
}

// NewAnalysis returns the analysis for a language code ("en", "fr-CA").
// Unknown languages get folding and tokenising only.
func NewAnalysis(lang string) *Analysis {
	b := base(lang)
	a := &Analysis{Lang: b, fold: map[rune]string{}, stop: map[string]bool{}, StemSteps: stemSteps[b], Prefix: prefixLangs[b]}
	a.scratch = make(chan *scratch, runtime.GOMAXPROCS(0))
	for _, g := range foldGroups {
		a.FoldPairs = append(a.FoldPairs, g[0], g[1])
		for _, r := range g[0] {
			a.fold[r] = g[1]
		}
	}
	var ms strings.Builder
	for _, m := range marks {
		for r := m[0]; r <= m[1]; r++ {
			ms.WriteRune(r)
			a.fold[r] = ""
		}
	}
	a.FoldPairs = append(a.FoldPairs, ms.String(), "")
	for _, w := range strings.Fields(stopWords[b]) {
		w = a.Fold(w)
		if !a.stop[w] {
			a.stop[w] = true
			a.StopWords = append(a.StopWords, w)
		}
	}
	// Sorted so that the index bytes do not depend on the list's layout.
	slices.Sort(a.StopWords)
	return a
}

// Fold lower-cases s and folds accents and letter variants: "Éléphant" →
// "elephant", "أحمد" → "احمد".
func (a *Analysis) Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s) // nothing to fold, and no copy when already lower case
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(s) {
		if r < 0x80 {
			b.WriteByte(byte(r)) // nothing to fold in ASCII: skip the map
		} else if f, ok := a.fold[r]; ok {
			b.WriteString(f)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isWord reports whether r belongs to a word: letters, decimal digits and
// the marks that folding keeps.
func isWord(r rune) bool {
	if r < 0x80 { // most text: no table lookups
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// isIdeo reports whether r belongs to a script written without spaces
// between words (Han, Hiragana, Katakana), or whose words carry their
// particles (Hangul). Without a dictionary, such text is cut into
// overlapping pairs of characters (bigrams): 検索設定 gives 検索, 索設 and
// 設定, so a query of two characters or more matches exactly the pages
// that have its characters in a row, give or take a pair.
// The prolonged sound mark (ー, and its half-width form), which belongs to
// no script, is part of katakana words: インストール.
func isIdeo(r rune) bool {
	return r >= 0x1100 && // the first Hangul letters: a fast path for the rest
		(unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) || r == 'ー' || r == 'ｰ')
}

// isConnector reports whether r joins two word runs into one token:
// "4.15", "site.yaml", "max_width".
func isConnector(r rune) bool { return r == '.' || r == '_' }

// signs is the length of the ++ or # that follows a letter at the start
// of s and ends a word there (C++, C#), 0 for none.
func signs(s string) int {
	n := 0
	switch {
	case strings.HasPrefix(s, "++"):
		n = 2
	case strings.HasPrefix(s, "#"):
		n = 1
	default:
		return 0
	}
	if n < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[n:]); isWord(r) || r == '+' || r == '#' {
			return 0
		}
	}
	return n
}

// Tokens splits folded text into tokens. A token is a run of word
// characters; runs joined by single connectors form a compound, emitted
// whole and, unless it is a number ("4.15", "1.2.3"), followed by its
// parts, so "site.yaml" is found by "site.yaml", "site" and "yaml".
// A run of ideographic characters (isIdeo) gives its bigrams, or its one
// character. Single letters and over-long tokens are dropped.
func Tokens(folded string) []string {
	var out []string
	type span struct{ start, end int }
	var parts []span // reused: most tokens have a single part
	// Tokens are substrings of folded: no copies.
	at := func(i int) (rune, int) {
		if c := folded[i]; c < utf8.RuneSelf {
			return rune(c), 1
		}
		return utf8.DecodeRuneInString(folded[i:])
	}
	keep := func(start, end int) {
		t := folded[start:end]
		n := utf8.RuneCountInString(t)
		if n > maxTermLen {
			return
		}
		if n == 1 {
			if r, _ := utf8.DecodeRuneInString(t); !unicode.IsDigit(r) && !isIdeo(r) {
				return
			}
		}
		out = append(out, t)
	}
	for i := 0; i < len(folded); {
		r, w := at(i)
		switch {
		case isIdeo(r):
			// Each character of the run with the next one; a run of one
			// character is a token of its own.
			start, prev, j := i, i, i+w
			for j < len(folded) {
				r2, w2 := at(j)
				if !isIdeo(r2) {
					break
				}
				keep(prev, j+w2)
				prev, j = j, j+w2
			}
			if prev == start {
				keep(start, j)
			}
			i = j
			continue
		case !isWord(r):
			i += w
			continue
		}
		if isDigitByte(folded[i]) {
			// A number written with thousands separators, 2,048, is
			// the number: found by 2048 (t42).
			if n, end := grouped(folded, i); end > 0 {
				if len(n) <= maxTermLen {
					out = append(out, n)
				}
				i = end
				continue
			}
		}
		start := i
		parts = parts[:0]
		for {
			j := i
			for j < len(folded) {
				r, w := at(j)
				if !isWord(r) || isIdeo(r) {
					break
				}
				j += w
			}
			parts = append(parts, span{i, j})
			if j < len(folded) {
				if c, cw := at(j); isConnector(c) && j+cw < len(folded) {
					if n, _ := at(j + cw); isWord(n) && !isIdeo(n) {
						i = j + cw
						continue
					}
				}
			}
			i = j
			break
		}
		if i == start+1 && folded[start] >= 'a' && folded[start] <= 'z' {
			// A language named by a letter and a sign, C++, C#, F#, is a
			// word of its own: the letter alone is no token (t42).
			if n := signs(folded[i:]); n > 0 {
				keep(start, i+n)
				i += n
				continue
			}
		}
		keep(start, i)
		if len(parts) > 1 && !allDigits([]rune(folded[start:i])) {
			if folded[start] == 'v' && isDigitByte(folded[start+1]) && allDigits([]rune(folded[start+1:i])) {
				keep(start+1, i) // a version, v1.2, is found by its number, 1.2
			}
			for _, p := range parts {
				keep(p.start, p.end)
			}
		}
	}
	return out
}

func isDigitByte(b byte) bool { return '0' <= b && b <= '9' }

// grouped reads at s[i:] a number of ASCII digits in groups of three
// between commas, 2,048 or 1,234,567, and its decimals after a dot,
// 3,500.75: it returns the number without its commas and where it ends,
// or end 0 where s[i:] is no such number. The first group has one to
// three digits, and does not start with 0; the number is followed by
// neither a word character nor a connector and a word. Not the dot, as
// in German: 2.048 is a decimal as often as not. Not the French spaces:
// the indexed text has them as spaces already, and "page 2 048" is no
// number as often as it is one.
func grouped(s string, i int) (digits string, end int) {
	digitsAt := func(j int) int { // the ASCII digits at s[j:]
		k := j
		for k < len(s) && isDigitByte(s[k]) {
			k++
		}
		return k - j
	}
	first := digitsAt(i)
	if first > 3 || s[i] == '0' { // 0,125 is a decimal, as French writes it (t49)
		return "", 0
	}
	j, groups := i+first, 0
	for j < len(s) && s[j] == ',' && digitsAt(j+1) == 3 {
		j += 4
		groups++
	}
	if groups > 0 && j < len(s) && s[j] == '.' {
		// 3,500.75: its decimals are the number's too (t49).
		if k := digitsAt(j + 1); k > 0 && endsWord(s, j+1+k) {
			j += 1 + k
		}
	}
	if groups == 0 || !endsWord(s, j) {
		return "", 0
	}
	var b strings.Builder
	b.Grow(j - i)
	for k := i; k < j; k++ {
		if s[k] != ',' {
			b.WriteByte(s[k])
		}
	}
	return b.String(), j
}

// endsWord reports whether a word ends before s[j]: s ends there, or s[j]
// is no word character, and no connector followed by one.
func endsWord(s string, j int) bool {
	r, w := utf8.DecodeRuneInString(s[j:])
	if isWord(r) {
		return false
	}
	if isConnector(r) && j+w < len(s) {
		n, _ := utf8.DecodeRuneInString(s[j+w:])
		return !isWord(n)
	}
	return true
}

func allDigits(rs []rune) bool {
	for _, r := range rs {
		if !unicode.IsDigit(r) && !isConnector(r) {
			return false
		}
	}
	return true
}

// Stem applies the language's stemming steps to a token made of letters
// only; other tokens (numbers, identifiers) are returned unchanged.
func (a *Analysis) Stem(t string) string {
	if len(a.StemSteps) == 0 {
		return t
	}
	for _, r := range t {
		if !unicode.IsLetter(r) {
			return t
		}
	}
	ascii := isASCII(t)
	n := len(t)
	if !ascii {
		n = utf8.RuneCountInString(t)
	}
	for _, step := range a.StemSteps {
		for _, rule := range step {
			if !strings.HasSuffix(t, rule.Suffix) {
				continue
			}
			if rule.Strip > 0 {
				if n-rule.Strip < rule.MinStem {
					continue
				}
				if ascii {
					t = t[:n-rule.Strip]
				} else {
					t = string([]rune(t)[:n-rule.Strip])
				}
				n -= rule.Strip
			}
			break
		}
	}
	return t
}

// IsStop reports whether a folded token is a stop word.
func (a *Analysis) IsStop(t string) bool { return a.stop[t] }

// Terms returns the index terms of s: folded, tokenised, without stop
// words, stemmed. The same function analyses pages and queries.
func (a *Analysis) Terms(s string) []string {
	toks := Tokens(a.Fold(s))
	out := toks[:0]
	for _, t := range toks {
		if !a.stop[t] {
			out = append(out, a.Stem(t))
		}
	}
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
