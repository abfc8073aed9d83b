// Package search builds the per-language search index that the default
// theme's search.js loads: text analysis (folding, tokenising, stop words,
// light stemming) and a compact inverted index, both deterministic. It also
// tells the language a text is written in (detect.go), which a site that
// names none takes from its pages, and which the language-mismatch warning
// checks: the stop words serve both.
//
// The index is JSON:
//
//	{
//	  "v": 2,                                   // format version
//	  "analysis": {"lang", "fold", "stop", "stem", "prefix"}, // see Analysis
//	  "pages":    [[url, title], …],            // [url, title, lang] for a page in another language (Entry.Lang)
//	  "sections": [[page, headingID, headingText, text], …],
//	  "terms":    [term, …],                    // sorted
//	  "postings": ["…", …]                      // one list per term, numbers in base 32 (appendNumber)
//	}
//
// A site publishes it inside a script (Script), which a page loads with a
// <script> element: that works from file:// as well as over http, where
// fetching JSON would not.
//
// A section is a page's introduction (headingID "") or the part of the page
// under one heading; results link to page#headingID. The introduction's
// headingText is the page's own heading where the page shows one other
// than its title (Entry.Heading), "" otherwise. Its text (up to
// textLen characters, then excerpts around the words not yet in it: clip)
// gives search.js the snippet around what matched. A posting list holds,
// for each section containing the term in ascending order, the number
// delta<<4 | score: delta is the section index minus the previous one in
// the list (the first is absolute), score (1–15) sums the field weights:
// titleWeight for the page title and the page's own heading (counted in
// the introduction section), headingWeight for the section's heading, 1
// per occurrence in the text up to textCap.
package search

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"
)

// Version is the index format version, "v" in the JSON.
const Version = 2

// Field weights: a word in the title says more about a page than a word in
// a heading, which says more than one in the text.
// Occurrences in the text count up to textCap, less than a heading, so
// that a word in the title or a heading ranks its section above any number
// of mentions in the text (a page about HonKit above one that names it
// twenty times in a table); the weights are multiples of headingWeight,
// so that a score's text part is its remainder.
const (
	titleWeight   = 8
	headingWeight = 4
	textCap       = headingWeight - 1
	maxScore      = 15 // four bits
)

// textLen is the length in runes of the text stored per section for
// result snippets, which show the sentence that matched best: most
// sections are shorter (govstack-playbook: 93 % of them), and the rest
// are tables or listings whose start is as good a snippet as any. The
// text is most of the index: see BenchmarkBuild2000 before raising it.
const textLen = 4000

// Entry is one page of one language.
type Entry struct {
	URL   string // site-root-relative, e.g. "guide/install/"; "" is the home page
	Title string // the page title
	// Heading is the page's own first heading where the page shows one
	// other than Title (a HonKit book's page titled "Start" by its
	// SUMMARY.md label shows its "# Welcome"): readers search for the
	// words they see. "" when the page shows its title.
	Heading string
	// Lang is the language code of the page's text when it is not the
	// index's language ("en" for a fallback copy of an English page in
	// the French site); "" when it is. search.js gives the page's results
	// this lang attribute (WCAG 3.1.2, language of parts).
	Lang     string
	Headings []Heading // the headings that start sections, in document order
	HTML     []byte    // the rendered page body
	// Description is the text the page shows under its title (its front
	// matter's description), "" when it shows none: it is searched with
	// the page's introduction.
	Description string
}

// Heading is a section heading of a page; ID is its anchor, the id of its
// element in the page body.
type Heading struct {
	ID   string
	Text string
}

// Page is an entry analysed, ready for Index or a Merger. A build
// extracts each page's text on the core that rendered it (Extract), and
// analyses and merges the pages on one goroutine as they come.
type Page struct {
	json     []byte // `[url,title]`: the page in the index
	sections []pageSection
}

type pageSection struct {
	json  []byte      // `,"id","heading","excerpt"]`: the section in the index, but its page's number
	terms []termScore // each term of the section once
}

// termScore is a term and its score in one section: the weight of the
// title or heading holding it, plus one per occurrence in the text.
type termScore struct {
	sl    *slot // the term
	score int
}

// Build returns the index of one language's pages. Entries keep their
// order (pass them in navigation order: it breaks ties between equal
// results), and the same entries always give the same bytes.
func Build(lang string, entries []Entry) ([]byte, error) {
	a := NewAnalysis(lang)
	pages := make([]*Page, len(entries))
	errs := make([]error, len(entries))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(entries)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(entries) {
					return
				}
				pages[i], errs[i] = a.Analyse(entries[i])
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return Index(a, pages)
}

// Text is the visible text of a page split into its sections: what
// analysis needs of an Entry. Extracting it reads the page's HTML, which
// a build does on every core; analysing it reads a shared vocabulary.
type Text struct {
	url, title, lang string
	sections         []section
	// The page and its sections as the index writes them, made by Extract
	// on the core that rendered the page.
	pageJSON []byte
	secJSON  [][]byte
}

// wordsOf is s's letters and digits, lower-cased: a page's heading that
// differs from its title only by case, spacing or signs is the title
// (t83: "Tarea: Agregar mas" under "Tarea: agregar mas"). Not links.Key,
// which keeps a word break where a sign stood: a Persian heading that
// differs from its title by a zero-width non-joiner alone differs there.
func wordsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// Extract reads the text of a page.
func Extract(e Entry) (*Text, error) {
	if err := checkURL(e.URL); err != nil {
		return nil, fmt.Errorf("search: page %q: %w", e.Title, err)
	}
	t := &Text{url: collapseSpace(e.URL), title: collapseSpace(e.Title), lang: strings.TrimSpace(e.Lang), sections: pageSections(e.HTML, e.Headings)}
	intro := &t.sections[0]
	if h := collapseSpace(e.Heading); wordsOf(h) != wordsOf(t.title) {
		// The introduction is the part of the page under that heading:
		// a result there shows it, as one in a section shows its own.
		intro.heading = h
	}
	if d := collapseSpace(e.Description); d != "" {
		intro.text = strings.TrimSpace(d + " " + intro.text)
	}
	t.pageJSON = appendJSONString(append(appendJSONString([]byte{'['}, t.url), ','), t.title)
	if t.lang != "" {
		t.pageJSON = appendJSONString(append(t.pageJSON, ','), t.lang)
	}
	t.pageJSON = append(t.pageJSON, ']')
	t.secJSON = make([][]byte, len(t.sections))
	for i, s := range t.sections {
		var b []byte
		for _, v := range [...]string{collapseSpace(s.id), s.heading, clip(s.text)} {
			b = appendJSONString(append(b, ','), v)
		}
		t.secJSON[i] = append(b, ']')
	}
	return t, nil
}

// Analyse splits a page into sections and turns their words into terms.
// It may be called from several goroutines at once.
func (a *Analysis) Analyse(e Entry) (*Page, error) {
	t, err := Extract(e)
	if err != nil {
		return nil, err
	}
	return a.AnalyseText(t), nil
}

// AnalyseText turns the words of an extracted page into terms. It may be
// called from several goroutines at once.
func (a *Analysis) AnalyseText(t *Text) *Page {
	var sc *scratch
	select {
	case sc = <-a.scratch:
	default:
		sc = &scratch{terms: make(map[string]*slot, 4096), words: make(map[string][]*slot, 4096)}
	}
	defer func() {
		select {
		case a.scratch <- sc:
		default: // more goroutines than cores: let it go
		}
	}()
	p := &Page{json: t.pageJSON, sections: make([]pageSection, len(t.sections))}
	// The sections' terms are gathered in the scratch's buffer, then copied
	// once into a slice of the page's own.
	terms := sc.termBuf[:0]
	ends := make([]int, len(t.sections))
	for i, s := range t.sections {
		sc.sec++
		w := headingWeight
		if i == 0 {
			// The page's own heading names the page as its title does;
			// a word of both counts once (add's distinct).
			terms = sc.add(a, t.title, titleWeight, true, terms)
			w = titleWeight
		}
		terms = sc.add(a, s.heading, w, true, terms)
		terms = sc.add(a, s.text, 1, false, terms)
		ends[i] = len(terms)
	}
	sc.termBuf = terms
	all := slices.Clone(terms)
	start := 0
	for i := range t.sections {
		p.sections[i] = pageSection{json: t.secJSON[i], terms: all[start:ends[i]:ends[i]]}
		start = ends[i]
	}
	return p
}

// scratch is what one goroutine needs to analyse pages. Words repeat, so
// each word as written is analysed once; a term is counted in its slot,
// so a section's terms need no map.
type scratch struct {
	words map[string][]*slot // a word as written → the slots of its terms
	terms map[string]*slot
	sec   int // serial number of the section being analysed

	// Allocated in blocks: a new word costs a few hundred nanoseconds,
	// and a site has thousands.
	slabs   []slot
	ptrs    []*slot
	termBuf []termScore // the terms of the page under analysis
}

// newSlot returns a slot for a new term.
func (sc *scratch) newSlot(term string) *slot {
	if len(sc.slabs) == 0 {
		sc.slabs = make([]slot, 512)
	}
	sl := &sc.slabs[0]
	sc.slabs = sc.slabs[1:]
	sl.term = term
	sc.terms[term] = sl
	return sl
}

// maxWordTerms is the room slotsOf keeps for one word's terms; a word
// with more (a long hyphenated run) gets a slice of its own.
const maxWordTerms = 40

// slotsOf analyses a word seen for the first time.
func (sc *scratch) slotsOf(a *Analysis, word string) []*slot {
	if len(sc.ptrs) < maxWordTerms {
		sc.ptrs = make([]*slot, 1024)
	}
	out := sc.ptrs[:0:len(sc.ptrs)]
	for _, t := range a.Terms(word) {
		sl := sc.terms[t]
		if sl == nil {
			sl = sc.newSlot(strings.Clone(t))
		}
		out = append(out, sl)
	}
	if len(out) <= len(sc.ptrs) { // else append moved out elsewhere
		sc.ptrs = sc.ptrs[len(out):]
	}
	return out
}

type slot struct {
	term     string
	sec, pos int // the last section holding the term, and its place in the page's terms

	// The last Merger that met the term, and the term's list there: a
	// merge looks each term up by name once, not once per section.
	merger uint64
	list   int
}

// add adds the terms of s to a section's terms with weight w. A distinct
// text (a title) counts each of its terms once.
func (sc *scratch) add(a *Analysis, s string, w int, distinct bool, out []termScore) []termScore {
	for i := 0; i < len(s); {
		start, end := nextWord(s, i, a.fold)
		if start < 0 {
			break
		}
		i = end
		word := s[start:end]
		slots, ok := sc.words[word]
		if !ok {
			slots = sc.slotsOf(a, word)
			// A copy, so that the cache does not hold the page's text.
			sc.words[strings.Clone(word)] = slots
		}
		for _, sl := range slots {
			switch {
			case sl.sec != sc.sec:
				sl.sec, sl.pos = sc.sec, len(out)
				out = append(out, termScore{sl, min(w, maxScore)})
			case !distinct:
				sc := out[sl.pos].score
				out[sl.pos].score = min(sc+w, sc-sc%headingWeight+textCap, maxScore)
			}
		}
	}
	return out
}

// Index merges analysed pages, in order, into the index of their language.
func Index(a *Analysis, pages []*Page) ([]byte, error) {
	m := NewMerger(a)
	for _, p := range pages {
		m.Add(p)
	}
	return m.Bytes()
}

// Merger builds the index of one language from analysed pages added in
// order. A build adds each page as soon as it and the pages before it are
// analysed; pages and sections are written as JSON as they come, and
// terms are sorted in runs, so that merging the runs and writing the
// terms are left when the last page is rendered.
//
// A Merger keeps its term numbers in the slots of the Analysis (see
// slot.merger): one Analysis serves one Merger at a time.
type Merger struct {
	a        *Analysis
	id       uint64 // this merger, in slot.merger
	pages    []byte // JSON array elements, comma-separated
	sections []byte
	npages   int
	nsecs    int
	added    []*Page // the pages, in order
	byTerm   map[string]int
	terms    []string
	// Each term's postings, written (appendNumber) as they come, and the
	// section of its last one: posting numbers are deltas.
	postings [][]byte
	last     []int
	slab     []byte

	analysis []byte // the analysis as JSON
	err      error  // from encoding it
	// Each term as JSON: term i is termJSON[termEnd[i-1]:termEnd[i]], one
	// buffer for all rather than one allocation a term.
	termJSON []byte
	termEnd  []int
}

var mergers atomic.Uint64

// NewMerger starts an index with the analysis a.
func NewMerger(a *Analysis) *Merger {
	// Room for a documentation site's terms from the start.
	m := &Merger{a: a, id: mergers.Add(1), byTerm: make(map[string]int, 4096), terms: make([]string, 0, 4096),
		postings: make([][]byte, 0, 4096), last: make([]int, 0, 4096), termEnd: make([]int, 0, 4096)}
	m.analysis, m.err = json.Marshal(a)
	return m
}

// Add appends a page to the index.
func (m *Merger) Add(p *Page) {
	if m.npages > 0 {
		m.pages = append(m.pages, ',')
	}
	m.pages = append(m.pages, p.json...)
	m.added = append(m.added, p)
	for _, s := range p.sections {
		if m.nsecs > 0 {
			m.sections = append(m.sections, ',')
		}
		m.sections = append(m.sections, '[')
		m.sections = strconv.AppendInt(m.sections, int64(m.npages), 10)
		m.sections = append(m.sections, s.json...)
		for _, ts := range s.terms {
			sl := ts.sl
			if sl.merger != m.id {
				// Another scratch may have its own slot for the term.
				id, ok := m.byTerm[sl.term]
				if !ok {
					id = m.newTerm(sl.term)
				}
				sl.merger, sl.list = m.id, id
			}
			id := sl.list
			m.postings[id] = appendNumber(m.postings[id], (m.nsecs-m.last[id])<<4|ts.score)
			m.last[id] = m.nsecs
		}
		m.nsecs++
	}
	m.npages++
}

// Pages returns the pages added so far, in order; the caller must not
// change the slice.
func (m *Merger) Pages() []*Page { return m.added }

// termJSONOf returns term id as JSON.
func (m *Merger) termJSONOf(id int) []byte {
	start := 0
	if id > 0 {
		start = m.termEnd[id-1]
	}
	return m.termJSON[start:m.termEnd[id]]
}

// newTerm adds a term with no postings yet and returns its number.
func (m *Merger) newTerm(t string) int {
	id := len(m.terms)
	m.byTerm[t] = id
	m.terms = append(m.terms, t)
	m.termJSON = appendJSONString(m.termJSON, t)
	m.termEnd = append(m.termEnd, len(m.termJSON))
	// Room for a few postings, cut from a block: most terms are in a few
	// sections, and a site has thousands of terms.
	const room = 8
	if len(m.slab) < room {
		m.slab = make([]byte, 1024*room)
	}
	m.postings = append(m.postings, m.slab[:0:room])
	m.slab = m.slab[room:]
	m.last = append(m.last, 0)
	return id
}

// sorted returns every term number in the order of the terms.
func (m *Merger) sorted() []int {
	order := make([]int, len(m.terms))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(m.terms[a], m.terms[b]) })
	return order
}

// Bytes returns the index of the pages added so far.
func (m *Merger) Bytes() ([]byte, error) {
	analysis := m.analysis
	if m.err != nil {
		return nil, fmt.Errorf("search: encode index: %w", m.err)
	}
	order := m.sorted()
	size := len(analysis) + len(m.pages) + len(m.sections) + 64
	size += len(m.termJSON) + len(order)
	for _, id := range order {
		size += len(m.postings[id]) + 3
	}
	b := make([]byte, 0, size)
	b = append(b, `{"v":`...)
	b = strconv.AppendInt(b, Version, 10)
	b = append(b, `,"analysis":`...)
	b = append(b, analysis...)
	b = append(b, `,"pages":[`...)
	b = append(b, m.pages...)
	b = append(b, `],"sections":[`...)
	b = append(b, m.sections...)
	b = append(b, `],"terms":[`...)
	for i, id := range order {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, m.termJSONOf(id)...)
	}
	b = append(b, `],"postings":[`...)
	for i, id := range order {
		if i > 0 {
			b = append(b, ',')
		}
		// Posting digits need no escaping.
		b = append(b, '"')
		b = append(b, m.postings[id]...)
		b = append(b, '"')
	}
	return append(b, "]}"...), nil
}

// appendJSONString appends s as a JSON string, as encoding/json writes it
// with HTML escaping off.
func appendJSONString(b []byte, s string) []byte {
	var buf bytes.Buffer
	e := json.NewEncoder(&buf)
	e.SetEscapeHTML(false)
	_ = e.Encode(s) // a string always encodes
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte("\n"))...)
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

// clip returns a section's text for result snippets: all of it, or its
// first textLen runes cut at a word boundary followed by excerpts of the
// rest, one around the first use of each word the start does not hold.
// The section is found by every word of its text, so its snippet must be
// able to show any of them: cut at textLen alone, a section found for a
// word used only past the cut showed a snippet without it.
func clip(s string) string {
	if len(s) <= textLen { // fewer bytes, so fewer runes
		return s
	}
	n, head := 0, len(s)
	for i := range s {
		if n == textLen {
			head = i
			if j := strings.LastIndexByte(s[:i], ' '); j > i/2 {
				head = j
			}
			break
		}
		n++
	}
	if head == len(s) {
		return s
	}
	seen := make(map[string]bool, 512)
	for i := 0; i < head; {
		start, end := nextWord(s[:head], i, nil)
		if start < 0 {
			break
		}
		seen[strings.ToLower(s[start:end])] = true
		i = end
	}
	var b strings.Builder
	b.Grow(head + head/4)
	b.WriteString(s[:head])
	covered := head // the end of the text kept so far
	for i := head; i < len(s); {
		start, end := nextWord(s, i, nil)
		if start < 0 {
			break
		}
		i = end
		w := strings.ToLower(s[start:end])
		if seen[w] {
			continue
		}
		seen[w] = true
		if start < covered {
			continue // in the excerpt before
		}
		from, to := excerptAround(s, start, end)
		if from <= covered {
			from = covered
		} else {
			b.WriteString(" …")
		}
		b.WriteString(s[from:to])
		covered = to
	}
	if covered < len(s) {
		b.WriteString(" …")
	}
	return b.String()
}

// Around a word, an excerpt keeps a few words before it and more after, as
// a snippet shows them (search.js starts one max/5 characters before the
// match).
const (
	excerptBefore = 30
	excerptAfter  = 80
)

// excerptAround returns the bounds of the excerpt around s[start:end],
// from a space before it (the excerpt starts with that space) to one after
// it, whole characters either way.
func excerptAround(s string, start, end int) (from, to int) {
	from = max(0, start-excerptBefore)
	if j := strings.IndexByte(s[from:start], ' '); j >= 0 {
		from += j
	} else {
		for from > 0 && !utf8.RuneStart(s[from]) {
			from--
		}
	}
	to = min(len(s), end+excerptAfter)
	if j := strings.LastIndexByte(s[end:to], ' '); j >= 0 && to < len(s) {
		to = end + j
	} else {
		for to < len(s) && !utf8.RuneStart(s[to]) {
			to++
		}
	}
	return from, to
}

// ScriptName is the file name of a language's index, at the root of the
// language.
const ScriptName = "search-index.js"

// Script wraps an index (Build, Merger.Bytes) in the script that search.js
// loads: one statement that hands the index to the page. JSON is valid
// JavaScript (U+2028 and U+2029, which older engines did not accept in
// strings, are escaped by appendJSONString), and the script is a file of
// its own, so nothing in the index can end it early.
func Script(index []byte) []byte {
	const head, tail = "window.folioSearchIndex=", ";\n"
	b := make([]byte, 0, len(head)+len(index)+len(tail))
	b = append(b, head...)
	b = append(b, index...)
	return append(b, tail...)
}
