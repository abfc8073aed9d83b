package search

import (
	"bytes"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Detecting the language of a site whose configuration does not give one:
// a bare GitBook space is otherwise published as English, with English
// interface strings, an English stemmer and lang="en" read aloud with
// English pronunciation.
//
// Within a script, stop words decide: every language uses a few dozen
// short words in nearly every sentence, and the analyser already lists
// them for the languages it stems (detect_data.go adds a few languages it
// does not). A page is in the language whose stop words are a good share
// of its words, if that language is well ahead of the next one; in that
// race a word that several languages list counts for each in proportion
// ("de" is a fifth French, a fifth Spanish…), so that the words only one
// language uses tell neighbours apart. Scripts that one
// language writes far more than any other (Greek, Hebrew, Hangul, Thai…)
// decide alone; Arabic letters, kana and Chinese characters tell Arabic
// from Persian and Urdu, Japanese from Chinese, simplified from
// traditional characters. A statistical detector (lingua-go, whatlanggo)
// would know more languages, at the price of megabytes of models or of
// trigram tables to keep; stop words are exact on a page of prose, which
// is what a documentation page is, and the result is "unknown" rather
// than a guess wherever they are not clear.

const (
	// detectMinWords is the number of words below which a page tells
	// nothing: a title and a sentence are not enough.
	detectMinWords = 25
	// detectSample is the number of words read from a page. A few hundred
	// decide as well as the whole page, and a page then costs the same
	// whatever its length.
	detectSample = 400
	// detectMaxScan bounds the Markdown read from a page, for pages that
	// are mostly code or tables.
	detectMaxScan = 64 << 10
	// detectMinShare is the share of a page's words that must be stop
	// words of its language. Prose in any of the listed languages has
	// 20 to 50 % of them, a list of titles less; a page in an unlisted
	// language scores a few per cent in its neighbours.
	detectMinShare = 0.12
	// byScriptMinShare is the share of a short page's words that must be
	// in its main script for that script to tell its language
	// (PageLanguage.ByScript): a Latin page quoting one Greek letter is no
	// Greek page.
	byScriptMinShare = 0.8
	// detectMinRatio is how far the first language's score must be ahead
	// of the second's.
	detectMinRatio = 1.5
	// siteMinShare is the share of a site's pages (those with enough
	// text) that must be in one language for the site to be in it.
	siteMinShare = 0.6
	// mismatchMinPages and mismatchMinShare are the pages with enough
	// text that a site must have, and the share of them in another
	// language than the configured one, for CheckLanguage to report it.
	mismatchMinPages = 3
	mismatchMinShare = 0.5
)

// PageLanguage is the language of one page's text.
type PageLanguage struct {
	// Lang is a BCP 47 code ("fr", "zh-Hant"), or "" when the page has
	// too little text or no language stands out.
	Lang string
	// Words is the number of words read (a Chinese or Japanese character
	// counting as half a word), at most about detectSample.
	Words int
	// Score is the share of the words that back Lang: stop words of the
	// language, or words of its script. 0 when Lang is "".
	Score float64
	// ByScript is, for a page too short to tell (Lang ""), the language
	// its script alone gives when nearly all its words are in one that a
	// language of its own writes (Arabic, Hebrew, Greek, Chinese…): a
	// site of such pages is not read as English, left to right.
	ByScript string
}

// Detection is the language of a site, from its pages.
type Detection struct {
	// Lang is the language of most pages, or "" when too few pages have
	// enough text (Of is 0) or when no language has a clear majority of
	// them (a site in several languages).
	Lang string
	// Pages is the number of pages in the most common language (Lang when
	// decided), and Of the number of pages with enough text to tell.
	Pages, Of int
	// Share is Pages / Of; 0 when Of is 0.
	Share float64
	// ByScript is set when every page was too short to tell, and Lang is
	// the language the script of Pages of the Of pages with words gives.
	ByScript bool
}

// DetectLanguage returns the language of a site from the Markdown source
// of its pages.
func DetectLanguage(pages [][]byte) Detection {
	langs := make([]PageLanguage, len(pages))
	for i, p := range pages {
		langs[i] = DetectPage(p)
	}
	return SiteLanguage(langs)
}

// SiteLanguage returns the language most pages are in, when it is a clear
// majority (siteMinShare) of the pages whose language is known.
func SiteLanguage(pages []PageLanguage) Detection {
	var d Detection
	var best string
	best, d.Pages, d.Of = plurality(pages)
	if d.Of == 0 {
		return byScript(pages)
	}
	d.Share = float64(d.Pages) / float64(d.Of)
	if d.Share >= siteMinShare {
		d.Lang = best
	}
	return d
}

// byScript returns the language of a site whose pages are all too short
// to tell, when the script of a clear majority of those with words gives
// it (PageLanguage.ByScript); Pages and Of count those pages.
func byScript(pages []PageLanguage) Detection {
	var d Detection
	short := make([]PageLanguage, 0, len(pages))
	for _, p := range pages {
		if p.Words > 0 {
			short = append(short, PageLanguage{Lang: p.ByScript, Words: p.Words})
		}
	}
	lang, n, _ := plurality(short)
	if lang != "" && float64(n) >= siteMinShare*float64(len(short)) {
		d.Lang, d.Pages, d.Of, d.Share, d.ByScript = lang, n, len(short), float64(n)/float64(len(short)), true
	}
	return d
}

// plurality returns the language of the most pages, with their number,
// and the number of pages whose language is known. Ties go to the
// language with more words, then to the first code in alphabetical
// order, so that the result never depends on map order.
func plurality(pages []PageLanguage) (lang string, n, of int) {
	type tally struct {
		pages, words int
	}
	tallies := map[string]*tally{}
	for _, p := range pages {
		if p.Lang == "" {
			continue
		}
		of++
		t := tallies[p.Lang]
		if t == nil {
			t = &tally{}
			tallies[p.Lang] = t
		}
		t.pages++
		t.words += p.Words
	}
	var b *tally
	for code, t := range tallies {
		if b == nil || t.pages > b.pages || t.pages == b.pages && (t.words > b.words || t.words == b.words && code < lang) {
			lang, b = code, t
		}
	}
	if b != nil {
		n = b.pages
	}
	return lang, n, of
}

// Mismatch is what CheckLanguage reports: a configured language that
// the text of many pages contradicts.
type Mismatch struct {
	Configured string
	// Detected is the language most of the other pages are in.
	Detected string
	// Pages are the indexes, in the slice given to CheckLanguage, of the
	// pages read in another language than Configured, in order.
	Pages []int
	// Of is the number of pages with enough text to tell.
	Of int
}

// CheckLanguage compares a configured language with the languages of the
// pages, and reports a mismatch when, of at least mismatchMinPages pages
// with enough text, half or more read in another language. A region or
// script ("fr-CA", "zh-Hant") does not count: only the language does.
func CheckLanguage(configured string, pages []PageLanguage) (Mismatch, bool) {
	m := Mismatch{Configured: configured}
	var other []PageLanguage
	for i, p := range pages {
		if p.Lang == "" {
			continue
		}
		m.Of++
		if !SameLanguage(p.Lang, configured) {
			m.Pages = append(m.Pages, i)
			other = append(other, p)
		}
	}
	if m.Of < mismatchMinPages || float64(len(m.Pages)) < mismatchMinShare*float64(m.Of) {
		return m, false
	}
	m.Detected, _, _ = plurality(other) // even when it is no majority
	return m, true
}

// languageAliases are the old or macro codes of a language and the code
// detection gives for it.
var languageAliases = map[string]string{"no": "nb", "nn": "nb", "iw": "he", "in": "id", "ji": "yi"}

// SameLanguage reports whether two BCP 47 codes name the same language,
// whatever their region or script: "fr" and "fr-CA", "zh" and "zh-Hant",
// "no" and "nb".
func SameLanguage(a, b string) bool {
	norm := func(s string) string {
		s = base(s)
		if alias, ok := languageAliases[s]; ok {
			return alias
		}
		return s
	}
	return norm(a) == norm(b)
}

// DetectPage returns the language of a Markdown page. Code (fenced,
// indented, inline), HTML tags and comments, template tags, URLs and
// front matter are left out: their words are the same in every language,
// and mostly English. Only the first detectSample words are read.
func DetectPage(src []byte) PageLanguage {
	c := newLangCounter()
	c.markdown(src)
	return c.result()
}

// DetectText returns the language of plain text, read whole but for the
// first detectSample words.
func DetectText(text string) PageLanguage {
	c := newLangCounter()
	c.prose([]byte(text))
	return c.result()
}

// script is a writing system, as far as telling languages apart needs.
type script uint8

const (
	scOther script = iota
	scLatin
	scCyrillic
	scGreek
	scArmenian
	scHebrew
	scArabic
	scDevanagari
	scBengali
	scTamil
	scThai
	scGeorgian
	scHangul
	scHan  // Chinese characters, also written in Japanese
	scKana // hiragana and katakana: Japanese
	nScripts
)

// scriptLangs are the languages of the scripts that one language writes
// far more than any other, in documentation at least.
var scriptLangs = [nScripts]string{scGreek: "el", scArmenian: "hy", scHebrew: "he", scDevanagari: "hi",
	scBengali: "bn", scTamil: "ta", scThai: "th", scGeorgian: "ka", scHangul: "ko"}

// scriptRange is a block of characters of one script.
type scriptRange struct {
	lo, hi rune
	s      script
}

// scriptRanges are the blocks of the scripts above U+0250, sorted.
var scriptRanges = []scriptRange{
	{0x0370, 0x03FF, scGreek},
	{0x0400, 0x052F, scCyrillic},
	{0x0531, 0x058F, scArmenian},
	{0x0591, 0x05FF, scHebrew},
	{0x0600, 0x06FF, scArabic},
	{0x0750, 0x077F, scArabic},
	{0x08A0, 0x08FF, scArabic},
	{0x0900, 0x097F, scDevanagari},
	{0x0980, 0x09FF, scBengali},
	{0x0B80, 0x0BFF, scTamil},
	{0x0E00, 0x0E7F, scThai},
	{0x10A0, 0x10FF, scGeorgian},
	{0x1100, 0x11FF, scHangul},
	{0x1E00, 0x1EFF, scLatin}, // Vietnamese
	{0x1F00, 0x1FFF, scGreek},
	{0x3040, 0x30FF, scKana},
	{0x3130, 0x318F, scHangul},
	{0x31F0, 0x31FF, scKana},
	{0x3400, 0x4DBF, scHan},
	{0x4E00, 0x9FFF, scHan},
	{0xA960, 0xA97F, scHangul},
	{0xAC00, 0xD7FF, scHangul},
	{0xF900, 0xFAFF, scHan},
	{0xFB1D, 0xFB4F, scHebrew},
	{0xFB50, 0xFDFF, scArabic},
	{0xFE70, 0xFEFF, scArabic},
	{0xFF66, 0xFF9F, scKana},
	{0x20000, 0x3FFFF, scHan},
}

func scriptOf(r rune) script {
	switch {
	case r < 0x250:
		return scLatin
	case 0x4E00 <= r && r <= 0x9FFF: // the common blocks of long runs first
		return scHan
	case 0x3040 <= r && r <= 0x30FF:
		return scKana
	case 0xAC00 <= r && r <= 0xD7FF:
		return scHangul
	}
	i, ok := slices.BinarySearchFunc(scriptRanges, r, func(e scriptRange, r rune) int {
		switch {
		case e.hi < r:
			return -1
		case e.lo > r:
			return 1
		}
		return 0
	})
	if !ok {
		return scOther
	}
	return scriptRanges[i].s
}

// A marker is a class of letters that tells languages of one script apart.
type marker uint8

const (
	mkNone marker = iota
	mkUkrainian
	mkRussian
	mkPersian
	mkArabic
	mkUrdu
	mkSimplified
	mkTraditional
	nMarkers
)

// detector is the data of detection, built once.
type detector struct {
	langs   []string          // stop-word languages, in a fixed order
	scripts []script          // the script of each
	stop    map[string]uint64 // folded stop word → bit set of langs
	maxLen  int               // bytes of the longest folded stop word
	fold    map[rune]string   // the analysis' folding
	markers map[rune]marker
}

var theDetector = sync.OnceValue(newDetector)

func newDetector() *detector {
	a := NewAnalysis("")
	d := &detector{stop: map[string]uint64{}, markers: map[rune]marker{}, fold: a.fold}
	codes := make([]string, 0, len(stopWords)+len(detectStopWords))
	for _, m := range []map[string]string{stopWords, detectStopWords} {
		for code := range m {
			codes = append(codes, code)
		}
	}
	slices.Sort(codes)
	for i, code := range codes {
		words := stopWords[code]
		if words == "" {
			words = detectStopWords[code]
		}
		d.langs = append(d.langs, code)
		sc := scOther
		for _, w := range strings.Fields(words) {
			f := a.Fold(w)
			d.stop[f] |= 1 << i
			d.maxLen = max(d.maxLen, len(f))
			r, _ := utf8.DecodeRuneInString(f)
			sc = scriptOf(r)
		}
		d.scripts = append(d.scripts, sc)
	}
	for _, m := range []struct {
		letters string
		m       marker
	}{{ukLetters, mkUkrainian}, {ruLetters, mkRussian}, {faLetters, mkPersian}, {arabicLetters, mkArabic}, {urLetters, mkUrdu}} {
		for _, r := range m.letters {
			d.markers[r] = m.m
		}
	}
	for i, r := range []rune(hanForms) {
		d.markers[r] = mkSimplified + marker(i%2)
	}
	return d
}

// langCounter counts what a page's text says of its language.
type langCounter struct {
	d       *detector
	letters [nScripts]int
	words   [nScripts]int // words of two letters or more, by the script of their first letter
	markers [nMarkers]int
	score   [64]float64 // per stop-word language: its stop words read, weighted
	hits    [64]int     // per stop-word language: its stop words read
	read    int         // words read, twice (a Chinese or Japanese character counts 1)
	buf     []byte      // a folded word
	inTag   bool        // inside an HTML tag that goes on at the next line
	inHTML  bool        // inside an HTML comment, or an HTML block whose content is not prose
	endHTML string      // what ends it
}

func newLangCounter() *langCounter {
	return &langCounter{d: theDetector(), buf: make([]byte, 0, 64)}
}

// full reports whether enough words have been read.
func (c *langCounter) full() bool { return c.read >= 2*detectSample }

// word counts one word: a run of letters (and marks) of src.
func (c *langCounter) word(w []byte) {
	ascii := true
	for _, b := range w {
		if b >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		c.letters[scLatin] += len(w)
		if len(w) < 2 {
			return
		}
		c.words[scLatin]++
		c.read += 2
		if len(w) > c.d.maxLen {
			return
		}
		c.buf = c.buf[:0]
		for _, b := range w {
			if 'A' <= b && b <= 'Z' {
				b += 'a' - 'A'
			}
			c.buf = append(c.buf, b)
		}
		c.stopWord()
		return
	}
	first, _ := utf8.DecodeRune(w)
	sc := scriptOf(first)
	n := 0
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRune(w[i:])
		i += size
		if unicode.IsMark(r) {
			continue
		}
		n++
		rs := sc
		if r >= 0x250 {
			rs = scriptOf(r)
		}
		c.letters[rs]++
		if rs == scCyrillic || rs == scArabic || rs == scHan {
			if m, ok := c.d.markers[r]; ok {
				c.markers[m]++
			}
		}
		if rs == scHan || rs == scKana {
			// Not delimited into words: two characters count as one, and
			// a paragraph is one run, read as far as the sample goes.
			if c.read++; c.full() {
				return
			}
		}
	}
	if sc == scHan || sc == scKana {
		return
	}
	if n < 2 {
		return
	}
	c.words[sc]++
	c.read += 2
	if sc != scLatin && sc != scCyrillic && sc != scArabic || len(w) > 2*c.d.maxLen {
		return
	}
	c.buf = c.buf[:0]
	for _, r := range string(w) {
		r = unicode.ToLower(r)
		if f, ok := c.d.fold[r]; ok {
			c.buf = append(c.buf, f...)
		} else {
			c.buf = utf8.AppendRune(c.buf, r)
		}
	}
	if len(c.buf) <= c.d.maxLen {
		c.stopWord()
	}
}

// stopWord counts c.buf, a folded word, if it is a stop word: a word
// that k languages list counts 1/k for each.
func (c *langCounter) stopWord() {
	set, ok := c.d.stop[string(c.buf)]
	if !ok {
		return
	}
	w := 1 / float64(bits.OnesCount64(set))
	for set != 0 {
		i := bits.TrailingZeros64(set)
		c.score[i] += w
		c.hits[i]++
		set &= set - 1
	}
}

// result decides the page's language from the counts.
func (c *langCounter) result() PageLanguage {
	var units [nScripts]float64
	total := 0.0
	for s := range nScripts {
		units[s] = float64(c.words[s])
	}
	// Chinese and Japanese count by characters, two to a word, under Han.
	units[scHan] = float64(c.letters[scHan]+c.letters[scKana]) / 2
	dom := scOther
	for s := range nScripts {
		total += units[s]
		if units[s] > units[dom] {
			dom = s
		}
	}
	p := PageLanguage{Words: int(total)}
	if dom == scOther {
		return p
	}
	share := units[dom] / total
	if units[dom] < detectMinWords {
		if share >= byScriptMinShare {
			p.ByScript = c.scriptLang(dom)
		}
		return p
	}
	switch dom {
	case scLatin, scCyrillic:
		p.Lang, p.Score = c.byStopWords(dom)
		if p.Lang == "" && dom == scCyrillic {
			uk, ru := c.markers[mkUkrainian], c.markers[mkRussian]
			switch {
			case uk > 0 && ru == 0:
				p.Lang, p.Score = "uk", share
			case ru > 0 && uk == 0:
				p.Lang, p.Score = "ru", share
			}
		}
	default:
		p.Lang, p.Score = c.scriptLang(dom), share
	}
	if p.Lang == "" {
		p.Score = 0
	}
	return p
}

// scriptLang returns the language that writes the script sc, told apart
// by its letters where several share it (Arabic, Persian and Urdu; Chinese
// and Japanese); "" for the scripts that only stop words tell apart.
func (c *langCounter) scriptLang(sc script) string {
	switch sc {
	case scLatin, scCyrillic, scOther:
		return ""
	case scArabic:
		letters := c.letters[scArabic]
		ur, fa, ar := c.markers[mkUrdu], c.markers[mkPersian], c.markers[mkArabic]
		switch {
		case ur >= 3 && ur*50 >= letters:
			return "ur"
		case fa > ar:
			return "fa"
		default:
			return "ar"
		}
	case scHan:
		han, kana := c.letters[scHan], c.letters[scKana]
		switch s, t := c.markers[mkSimplified], c.markers[mkTraditional]; {
		case kana*10 >= han+kana:
			return "ja"
		case t > s:
			return "zh-Hant"
		default:
			return "zh"
		}
	}
	return scriptLangs[sc]
}

// byStopWords returns the language of the words of script sc by their
// stop words, and its score; "" when none is clearly ahead.
func (c *langCounter) byStopWords(sc script) (string, float64) {
	best, second := -1, -1
	for i, s := range c.d.scripts {
		if s != sc {
			continue
		}
		switch {
		case best < 0 || c.score[i] > c.score[best]:
			best, second = i, best
		case second < 0 || c.score[i] > c.score[second]:
			second = i
		}
	}
	if best < 0 {
		return "", 0
	}
	share := float64(c.hits[best]) / float64(c.words[sc])
	if share < detectMinShare || second >= 0 && c.score[best] < detectMinRatio*c.score[second] {
		return "", 0
	}
	return c.d.langs[best], share
}

// prose counts the words of a run of text.
func (c *langCounter) prose(t []byte) {
	for i := 0; i < len(t); {
		b := t[i]
		if b < utf8.RuneSelf {
			if !asciiLetter(b) {
				i++
				continue
			}
		} else if r, size := utf8.DecodeRune(t[i:]); !unicode.IsLetter(r) {
			i += size
			continue
		}
		j := i
		for j < len(t) {
			if b := t[j]; b < utf8.RuneSelf {
				if !asciiLetter(b) {
					break
				}
				j++
				continue
			}
			r, size := utf8.DecodeRune(t[j:])
			if !unicode.IsLetter(r) && !unicode.IsMark(r) {
				break
			}
			j += size
		}
		c.word(t[i:j])
		if c.full() {
			return
		}
		i = j
	}
}

func asciiLetter(b byte) bool { return 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' }

// markdown counts the words of the prose of a Markdown page, line by
// line, until it has read enough.
func (c *langCounter) markdown(src []byte) {
	src = src[:min(len(src), detectMaxScan)]
	src = skipFrontMatter(src)
	var fence []byte    // the opening fence of the code block we are in
	prevBlank := true   // the previous line was blank
	inList := false     // the last unindented line belonged to a list item
	inIndented := false // in an indented code block
	for len(src) > 0 && !c.full() {
		line := src
		if nl := bytes.IndexByte(src, '\n'); nl >= 0 {
			line, src = src[:nl], src[nl+1:]
		} else {
			src = nil
		}
		indent, t := indentOf(line)
		for indent < 4 && len(t) > 0 && t[0] == '>' {
			indent, t = indentOf(t[1:]) // a block quote's content
			indent = max(indent-1, 0)   // the space after ">" belongs to the marker
		}
		blank := len(bytes.TrimSpace(t)) == 0
		switch {
		case fence != nil:
			if closesFence(t, fence) {
				fence = nil
			}
			continue
		case blank:
			prevBlank = true
			c.inTag = false // a tag does not span a blank line
			continue
		case c.inHTML || c.inTag:
			// HTML and comments end where their end is, not at a line.
		case indent >= 4 && (inIndented || prevBlank && !inList):
			inIndented, prevBlank = true, false
			continue
		case (indent < 4 || inList) && opensFence(t):
			n := 0
			for n < len(t) && t[n] == t[0] {
				n++
			}
			fence, prevBlank, inIndented = t[:n], false, false
			continue
		}
		inIndented, prevBlank = false, false
		if indent == 0 {
			inList = listItem(t)
		} else if indent < 4 && listItem(t) {
			inList = true
		}
		c.line(t)
	}
}

// skipFrontMatter returns src without its YAML front matter, if any.
func skipFrontMatter(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	rest, ok := bytes.CutPrefix(src, []byte("---"))
	if !ok {
		return src
	}
	nl := bytes.IndexByte(rest, '\n')
	if nl < 0 || len(bytes.TrimSpace(rest[:nl])) > 0 {
		return src
	}
	rest = rest[nl+1:]
	for len(rest) > 0 {
		line := rest
		if nl := bytes.IndexByte(rest, '\n'); nl >= 0 {
			line, rest = rest[:nl], rest[nl+1:]
		} else {
			rest = nil
		}
		if t := bytes.TrimSpace(line); bytes.Equal(t, []byte("---")) || bytes.Equal(t, []byte("...")) {
			return rest
		}
	}
	return src // unclosed: not front matter
}

// indentOf returns the indentation of a line in columns, a tab counting
// as four, and the line without it.
func indentOf(line []byte) (int, []byte) {
	n := 0
	for i, b := range line {
		switch b {
		case ' ':
			n++
		case '\t':
			n += 4 - n%4
		default:
			return n, line[i:]
		}
	}
	return n, nil
}

func opensFence(t []byte) bool {
	return bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~"))
}

func closesFence(t, fence []byte) bool {
	t = bytes.TrimLeft(t, " \t")
	n := 0
	for n < len(t) && t[n] == fence[0] {
		n++
	}
	return n >= len(fence) && len(bytes.TrimSpace(t[n:])) == 0
}

// listItem reports whether a line without its indentation starts a list
// item: "- ", "* ", "+ ", "1. ", "1) ".
func listItem(t []byte) bool {
	if len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && (t[1] == ' ' || t[1] == '\t') {
		return true
	}
	i := 0
	for i < len(t) && i < 9 && '0' <= t[i] && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && (t[i+1] == ' ' || t[i+1] == '\t')
}

// htmlBlocks are the HTML elements whose content is not prose, when they
// start a line, and htmlCode the elements of code within a line.
var (
	htmlBlocks = []string{"pre", "script", "style", "svg", "math", "template", "textarea"}
	htmlCode   = []string{"code", "kbd", "samp"}
)

// line counts the words of one line of prose, leaving out inline code,
// HTML tags, template tags, link destinations, URLs and entities.
func (c *langCounter) line(t []byte) {
	start := 0 // start of the prose not yet counted
	flush := func(end int) {
		if end > start {
			c.prose(t[start:end])
		}
	}
	for i := 0; i < len(t); {
		if c.inHTML {
			end := bytes.Index(t[i:], []byte(c.endHTML))
			if end < 0 {
				return
			}
			c.inHTML = false
			i += end + len(c.endHTML)
			start = i
			continue
		}
		if c.inTag {
			end := bytes.IndexByte(t[i:], '>')
			if end < 0 {
				return
			}
			c.inTag = false
			i += end + 1
			start = i
			continue
		}
		skip := 0 // bytes to leave out from i
		switch t[i] {
		case '`':
			n := 1
			for i+n < len(t) && t[i+n] == '`' {
				n++
			}
			skip = n
			if end := closingTicks(t[i+n:], n); end >= 0 {
				skip = n + end + n
			}
		case '<':
			rest := t[i+1:]
			if bytes.HasPrefix(rest, []byte("!--")) {
				flush(i)
				c.inHTML, c.endHTML = true, "-->"
				i += 4
				start = i
				continue
			}
			if len(rest) == 0 || !asciiLetter(rest[0]) && rest[0] != '/' && rest[0] != '!' {
				break
			}
			flush(i)
			if i == 0 {
				for _, name := range htmlBlocks {
					if hasTagName(rest, name) {
						c.inHTML, c.endHTML = true, "</"+name
						break
					}
				}
			}
			for _, name := range htmlCode {
				if hasTagName(rest, name) {
					// Up to the end of the element, when it ends on the line.
					if end := bytes.Index(rest, []byte("</"+name)); end >= 0 {
						rest = rest[end:]
						i += end
					}
					break
				}
			}
			end := bytes.IndexByte(rest, '>')
			if end < 0 {
				c.inTag = !c.inHTML
				return
			}
			i += 1 + end + 1
			start = i
			continue
		case '{':
			if i+1 < len(t) {
				var closer string
				switch t[i+1] {
				case '%':
					closer = "%}"
				case '{':
					closer = "}}"
				case '#':
					closer = "#}"
				}
				if closer != "" {
					skip = len(t) - i // unclosed: the rest of the line
					if end := bytes.Index(t[i+2:], []byte(closer)); end >= 0 {
						skip = 2 + end + 2
					}
				}
			}
		case ']':
			if i+1 < len(t) && t[i+1] == '(' {
				skip = 1 + destinationEnd(t[i+1:])
			}
		case '&':
			skip = entityLen(t[i:])
		case 'h', 'H', 'w', 'W':
			if i == 0 || !asciiLetter(t[i-1]) {
				skip = urlLen(t[i:])
			}
		}
		if skip == 0 {
			i++
			continue
		}
		flush(i)
		i += skip
		start = i
	}
	flush(len(t))
}

// hasTagName reports whether the tag after "<" or "</" is name.
func hasTagName(rest []byte, name string) bool {
	if len(rest) <= len(name) || !bytes.EqualFold(rest[:len(name)], []byte(name)) {
		return false
	}
	b := rest[len(name)]
	return b == '>' || b == ' ' || b == '\t' || b == '/'
}

// closingTicks returns where a code span opened by n backticks ends in t:
// the offset of a run of exactly n backticks, or -1.
func closingTicks(t []byte, n int) int {
	for i := 0; i < len(t); {
		if t[i] != '`' {
			i++
			continue
		}
		j := i
		for j < len(t) && t[j] == '`' {
			j++
		}
		if j-i == n {
			return i
		}
		i = j
	}
	return -1
}

// destinationEnd returns the length of a link destination "(…)" at the
// start of t, nested parentheses included; the rest of the line when it
// is not closed.
func destinationEnd(t []byte) int {
	depth := 0
	for i, b := range t {
		switch b {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(t)
}

// entityLen returns the length of an HTML entity ("&amp;", "&#x20;") at
// the start of t, or 0.
func entityLen(t []byte) int {
	for i := 1; i < len(t) && i <= 10; i++ {
		switch b := t[i]; {
		case b == ';':
			if i > 1 {
				return i + 1
			}
			return 0
		case asciiLetter(b) || '0' <= b && b <= '9' || b == '#' && i == 1:
		default:
			return 0
		}
	}
	return 0
}

// urlLen returns the length of a bare URL at the start of t, up to the
// next space, or 0.
func urlLen(t []byte) int {
	lower := func(p string) bool {
		return len(t) >= len(p) && strings.EqualFold(string(t[:len(p)]), p)
	}
	if !lower("http://") && !lower("https://") && !lower("www.") {
		return 0
	}
	end := bytes.IndexAny(t, " \t")
	if end < 0 {
		return len(t)
	}
	return end
}
