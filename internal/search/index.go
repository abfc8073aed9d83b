// Package search builds the per-language search index that the default
// theme's search.js loads: text analysis (folding, tokenising, stop words,
// light stemming) and a compact inverted index, both deterministic.
//
// The index is JSON:
//
//	{
//	  "v": 1,                                   // format version
//	  "analysis": {"lang", "fold", "stop", "stem"}, // see Analysis
//	  "pages":    [[url, title], …],
//	  "sections": [[page, headingID, headingText, excerpt], …],
//	  "terms":    [term, …],                    // sorted
//	  "postings": [[v, …], …]                   // one list per term
//	}
//
// A section is a page's introduction (headingID "") or the part of the page
// under one heading; results link to page#headingID. A posting list holds,
// for each section containing the term in ascending order, the number
// delta<<4 | score: delta is the section index minus the previous one in
// the list (the first is absolute), score (1–15) sums the field weights:
// titleWeight for the page title (counted in the introduction section),
// headingWeight for the section's heading, 1 per occurrence in the text.
package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// Version is the index format version, "v" in the JSON.
const Version = 1

// Field weights: a word in the title says more about a page than a word in
// a heading, which says more than one in the text.
const (
	titleWeight   = 8
	headingWeight = 4
	maxScore      = 15 // four bits
)

// excerptLen is the length in runes of the text stored per section for
// result snippets. It is the largest part of the index: see
// BenchmarkBuild2000 before raising it.
const excerptLen = 120

// Entry is one page of one language.
type Entry struct {
	URL      string // site-root-relative, e.g. "guide/install/"; "" is the home page
	Title    string
	Headings []Heading // in document order
	Text     string    // visible text of the page body, e.g. from PlainText
}

// Heading is a section heading of a page; ID is its anchor.
type Heading struct {
	ID   string
	Text string
}

type index struct {
	V        int         `json:"v"`
	Analysis *Analysis   `json:"analysis"`
	Pages    [][2]string `json:"pages"`
	Sections [][4]any    `json:"sections"`
	Terms    []string    `json:"terms"`
	Postings []string    `json:"postings"`
}

// Build returns the index of one language's pages. Entries keep their
// order (pass them in navigation order: it breaks ties between equal
// results), and the same entries always give the same bytes.
func Build(lang string, entries []Entry) ([]byte, error) {
	a := NewAnalysis(lang)
	ix := index{V: Version, Analysis: a, Pages: [][2]string{}, Sections: [][4]any{}}
	for i, e := range entries {
		if err := checkURL(e.URL); err != nil {
			return nil, fmt.Errorf("search: entry %d (%q): %w", i, e.Title, err)
		}
	}

	// Analysing the text is most of the work and each page is independent:
	// pages are analysed on every core, then merged in order.
	pages := make([][]analysedSection, len(entries))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(entries)) {
		wg.Go(func() {
			cache := map[string][]string{} // words repeat: analyse each once
			for {
				i := int(next.Add(1)) - 1
				if i >= len(entries) {
					return
				}
				pages[i] = analysePage(a, entries[i], cache)
			}
		})
	}
	wg.Wait()

	// Sections are added in order, so each term's postings grow in
	// section order: no sorting, and only the last posting can grow.
	type posting struct{ sec, score int }
	postings := map[string][]posting{}
	add := func(sec int, terms []string, w int) {
		for _, t := range terms {
			ps := postings[t]
			if n := len(ps); n > 0 && ps[n-1].sec == sec {
				ps[n-1].score = min(ps[n-1].score+w, maxScore)
				continue
			}
			postings[t] = append(ps, posting{sec, min(w, maxScore)})
		}
	}
	for i, e := range entries {
		ix.Pages = append(ix.Pages, [2]string{clean(e.URL), clean(e.Title)})
		for _, s := range pages[i] {
			sec := len(ix.Sections)
			ix.Sections = append(ix.Sections, [4]any{i, s.id, s.heading, s.excerpt})
			add(sec, s.head, s.headWeight)
			add(sec, s.text, 1)
		}
	}
	ix.Terms = make([]string, 0, len(postings))
	for t := range postings {
		ix.Terms = append(ix.Terms, t)
	}
	slices.Sort(ix.Terms)
	ix.Postings = make([]string, len(ix.Terms))
	var enc []byte
	for i, t := range ix.Terms {
		enc = enc[:0]
		prev := 0
		for _, p := range postings[t] {
			enc = appendNumber(enc, (p.sec-prev)<<4|p.score)
			prev = p.sec
		}
		ix.Postings[i] = string(enc)
	}
	var buf bytes.Buffer
	je := json.NewEncoder(&buf)
	je.SetEscapeHTML(false) // the index is data, never inlined in HTML
	if err := je.Encode(ix); err != nil {
		return nil, fmt.Errorf("search: encode index: %w", err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// Posting numbers are written in base 32, most significant digit first:
// the last digit of a number comes from lastDigits, the others from
// moreDigits, so numbers need no separator. Most take one or two
// characters, against four or five as JSON numbers with commas. Neither
// alphabet holds a character that JSON escapes.
const (
	lastDigits = "0123456789abcdefghijklmnopqrstuv"
	moreDigits = "ABCDEFGHIJKLMNOPQRSTUVWXYZ()*+-/"
)

func appendNumber(b []byte, n int) []byte {
	var tmp [16]byte
	i := len(tmp) - 1
	tmp[i] = lastDigits[n&31]
	for n >>= 5; n > 0; n >>= 5 {
		i--
		tmp[i] = moreDigits[n&31]
	}
	return append(b, tmp[i:]...)
}

// checkURL rejects URLs that are not site-root-relative: search.js
// prefixes them with the path to the site root.
func checkURL(u string) error {
	if strings.HasPrefix(u, "/") || strings.HasPrefix(u, "\\") {
		return fmt.Errorf("URL %q is absolute, want site-root-relative", u)
	}
	if i := strings.IndexAny(u, ":/?#"); i >= 0 && u[i] == ':' {
		return fmt.Errorf("URL %q has a scheme, want site-root-relative", u)
	}
	return nil
}

// clean makes s valid UTF-8 with single spaces, so bad bytes in a page
// never reach the JSON as replacement noise in the middle of words.
func clean(s string) string {
	return collapseSpace(strings.ToValidUTF8(s, " "))
}

type section struct {
	id, heading, text string
}

// sections splits a page's text at its headings. The text is flat, so each
// heading is looked for in it after the previous one; a heading that
// cannot be found gets an empty section instead of shifting the others.
func sections(text string, hs []Heading) []section {
	out := []section{{}}
	cur, start, pos := 0, 0, 0 // section being filled, start of its text, search position
	for _, h := range hs {
		ht := clean(h.Text)
		out = append(out, section{id: h.ID, heading: ht})
		i := findWords(text[pos:], ht)
		if i < 0 {
			continue
		}
		out[cur].text = strings.TrimSpace(text[start : pos+i])
		cur = len(out) - 1
		pos += i + len(ht)
		start = pos
	}
	out[cur].text = strings.TrimSpace(text[start:])
	return out
}

// findWords returns the index of the first occurrence of words in text
// that starts and ends at a word boundary (PlainText puts spaces around
// headings), or -1. A heading "B" is not found in "Body".
func findWords(text, words string) int {
	if words == "" {
		return -1
	}
	for off := 0; ; {
		i := strings.Index(text[off:], words)
		if i < 0 {
			return -1
		}
		i += off
		end := i + len(words)
		if (i == 0 || text[i-1] == ' ') && (end == len(text) || text[end] == ' ') {
			return i
		}
		off = i + 1
	}
}

// excerpt returns the start of a section's text for result snippets, cut
// at a word boundary.
func excerpt(s string) string {
	if utf8.RuneCountInString(s) <= excerptLen {
		return s
	}
	rs := []rune(s)[:excerptLen]
	cut := string(rs)
	if i := strings.LastIndexByte(cut, ' '); i > excerptLen/2 {
		cut = cut[:i]
	}
	return cut + "…"
}

func distinct(ts []string) []string {
	slices.Sort(ts)
	return slices.Compact(ts)
}

// analysedSection is a section with its terms, ready to be indexed.
type analysedSection struct {
	id, heading, excerpt string
	head                 []string // distinct terms of the title or heading
	headWeight           int
	text                 []string // terms of the text, repeated as they occur
}

// analysePage splits one page into sections and turns their words into terms.
// cache maps each word as written (a run of word characters and the
// connectors inside it) to its terms: words repeat, so each is folded,
// split, filtered and stemmed once, and looked up without a copy.
func analysePage(a *Analysis, e Entry, cache map[string][]string) []analysedSection {
	terms := func(s string) []string {
		var out []string
		for _, w := range words(s) {
			ts, ok := cache[w]
			if !ok {
				ts = a.Terms(w)
				cache[w] = ts
			}
			out = append(out, ts...)
		}
		return out
	}
	title := clean(e.Title)
	var out []analysedSection
	for _, s := range sections(clean(e.Text), e.Headings) {
		as := analysedSection{id: clean(s.id), heading: s.heading, excerpt: excerpt(s.text), text: terms(s.text)}
		if s.id == "" {
			as.head, as.headWeight = distinct(terms(title)), titleWeight
		} else {
			as.head, as.headWeight = distinct(terms(s.heading)), headingWeight
		}
		out = append(out, as)
	}
	return out
}

// words splits s into the runs Tokens works on: word characters, with the
// connectors that join two of them. Analysing each run alone gives the
// terms of the whole text, since tokens never cross a run's ends.
func words(s string) []string {
	var out []string
	start := -1
	prevWord := false
	for i := 0; i < len(s); {
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
			out = append(out, s[start:i])
			start = -1
		}
		prevWord = word && !isConnector(r)
		i += w
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}
