package search

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// skipped elements hold no visible text.
var skipped = map[string]bool{"script": true, "style": true, "template": true, "svg": true, "math": true, "noscript": true}

// inline elements do not separate words: "foo<em>bar</em>" reads "foobar".
// Every other tag separates words, so "<td>a</td><td>b</td>" reads "a b".
// Two inline elements side by side do, outside <pre>: the parts of a card
// ("<span>Quickstart</span><span>Get running…</span>", a file's name and
// size, an update's date and tag) are set apart by the theme's CSS, not
// by a space; in code, highlighted tokens are spans side by side and read
// as written. A superscript or subscript separates too: a footnote's
// number is not part of the word it follows.
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true,
	"data": true, "del": true, "dfn": true, "em": true, "i": true, "ins": true, "kbd": true,
	"mark": true, "q": true, "s": true, "samp": true, "small": true, "span": true, "strong": true,
	"time": true, "u": true, "var": true, "wbr": true,
}

// PlainText returns the text a reader sees in a rendered page body, with
// runs of white space collapsed to one space. Script, style, SVG and
// template contents are skipped; image alt texts are kept. Code is kept
// too, at the weight of body text: readers of documentation do search for
// command names, flags and identifiers.
func PlainText(src []byte) string {
	return pageSections(src, nil)[0].text
}

type section struct {
	id, heading, text string
}

// pageSections splits a rendered page body into its introduction and one
// section per heading of hs, in that order, each with its visible text.
// A section starts at the heading element whose id is the heading's ID;
// the heading's own text is its title, not part of the text. A heading
// whose element is missing gets an empty section, so the sections always
// match hs one to one.
//
// The scanner is deliberately small instead of a full HTML parser: it reads
// the HTML that folio itself renders, in one pass, and on malformed input
// it only produces less tidy text.
func pageSections(src []byte, hs []Heading) []section {
	out := make([]section, 1+len(hs))
	at := make(map[string]int, len(hs)) // heading ID → its section
	for i, h := range hs {
		out[1+i] = section{id: h.ID, heading: collapseSpace(h.Text)}
		if _, dup := at[h.ID]; !dup {
			at[h.ID] = 1 + i
		}
	}
	var t textWriter
	t.buf = make([]byte, 0, len(src)/2)
	ends := make([]int, len(out)) // where each section's text ends in t.buf
	starts := make([]int, len(out))
	cur := 0
	pre := 0          // depth of <pre> elements
	afterEnd := false // the last thing read is an inline element's end tag
	for len(src) > 0 {
		lt := bytes.IndexByte(src, '<')
		if lt < 0 {
			t.text(src)
			break
		}
		if lt > 0 {
			t.text(src[:lt])
			afterEnd = false
		}
		src = src[lt:]
		if bytes.HasPrefix(src, []byte("<!--")) {
			end := bytes.Index(src[4:], []byte("-->"))
			if end < 0 {
				break
			}
			src = src[4+end+3:]
			continue
		}
		if len(src) < 2 || !isTagStart(src[1]) {
			t.text(src[:1])
			src = src[1:]
			continue
		}
		end := tagEnd(src)
		tag := src[:end]
		src = src[end:]
		info := tagInfoOf(tag)
		closing := tag[1] == '/'
		if info.kind != kindInline || afterEnd && !closing && pre == 0 {
			t.space()
		}
		afterEnd = closing && info.kind == kindInline
		if info.name == "pre" {
			if !closing {
				pre++
			} else if pre > 0 {
				pre--
			}
		}
		if closing {
			continue
		}
		switch info.kind {
		case kindImage:
			if alt, ok := attr(tag, "alt"); ok {
				t.text(alt)
				t.space()
			}
		case kindHeading:
			if len(hs) == 0 {
				break
			}
			id, _ := attr(tag, "id")
			if i, ok := at[unescape(id)]; ok && i > cur {
				starts[cur], ends[cur] = t.take()
				cur = i
				src = skipTo(src, info.name) // its text is the section's title
			}
		case kindSkipped:
			if !bytes.HasSuffix(tag, []byte("/>")) {
				src = skipTo(src, info.name)
			}
		}
	}
	starts[cur], ends[cur] = t.take()
	text := string(t.buf) // one string for the page; sections share it
	for i := range out {
		out[i].text = text[starts[i]:ends[i]]
	}
	return out
}

// textWriter collects visible text with white space collapsed as it goes:
// pages are long, and a second pass over them costs as much as the scan.
// Bytes that are not UTF-8 count as white space, so they never show as
// replacement noise in the middle of words.
type textWriter struct {
	buf     []byte
	start   int  // where the current section's text starts in buf
	pending bool // white space is pending
}

func (t *textWriter) space() { t.pending = true }

// text adds HTML text, entities decoded.
func (t *textWriter) text(b []byte) {
	if bytes.IndexByte(b, '&') >= 0 {
		b = []byte(html.UnescapeString(string(b)))
	}
	t.raw(b)
}

// raw adds text as it is.
func (t *textWriter) raw(b []byte) {
	for i := 0; i < len(b); {
		switch textClass[b[i]] {
		case textSpace:
			t.pending = true
			i++
			continue
		case textPlain:
			// A run of ASCII that is not white space is copied at once.
			j := i + 1
			for j < len(b) && textClass[b[j]] == textPlain {
				j++
			}
			t.flush()
			t.buf = append(t.buf, b[i:j]...)
			i = j
			continue
		}
		r, w := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && w == 1 || unicode.IsSpace(r) {
			t.pending = true
		} else {
			t.flush()
			t.buf = append(t.buf, b[i:i+w]...)
		}
		i += w
	}
}

// textClass sorts bytes for textWriter.raw: ASCII white space, other
// ASCII, and the first bytes of other characters.
var textClass = func() (c [256]byte) {
	for i := range c {
		switch {
		case i >= utf8.RuneSelf:
			c[i] = textOther
		case i == ' ' || i == '\t' || i == '\n' || i == '\r' || i == '\v' || i == '\f':
			c[i] = textSpace
		default:
			c[i] = textPlain
		}
	}
	return c
}()

const (
	textPlain = iota
	textSpace
	textOther
)

// flush writes a pending space, unless the section's text is still empty.
func (t *textWriter) flush() {
	if t.pending && len(t.buf) > t.start {
		t.buf = append(t.buf, ' ')
	}
	t.pending = false
}

// take returns the bounds of the current section's text in buf and starts
// the next one.
func (t *textWriter) take() (start, end int) {
	start, end = t.start, len(t.buf)
	t.start = end
	t.pending = false
	return start, end
}

// attr returns the value of the attribute name (lower case) of a start
// tag, quoted or not, entities left as written.
func attr(tag []byte, name string) ([]byte, bool) {
	i := 1
	for i < len(tag) && !isSpaceByte(tag[i]) && tag[i] != '>' && tag[i] != '/' {
		i++ // the element name
	}
	for i < len(tag) {
		for i < len(tag) && (isSpaceByte(tag[i]) || tag[i] == '/') {
			i++
		}
		k := i
		for i < len(tag) && !isSpaceByte(tag[i]) && tag[i] != '=' && tag[i] != '>' && tag[i] != '/' {
			i++
		}
		key := tag[k:i]
		if k == i {
			return nil, false // '>' or the end
		}
		for i < len(tag) && isSpaceByte(tag[i]) {
			i++
		}
		var val []byte
		if i < len(tag) && tag[i] == '=' {
			i++
			for i < len(tag) && isSpaceByte(tag[i]) {
				i++
			}
			if i < len(tag) && (tag[i] == '"' || tag[i] == '\'') {
				q := tag[i]
				j := bytes.IndexByte(tag[i+1:], q)
				if j < 0 {
					return nil, false
				}
				val = tag[i+1 : i+1+j]
				i += j + 2
			} else {
				v := i
				for i < len(tag) && !isSpaceByte(tag[i]) && tag[i] != '>' {
					i++
				}
				val = tag[v:i]
			}
		}
		if string(key) == name || len(key) == len(name) && strings.EqualFold(string(key), name) {
			return val, true
		}
	}
	return nil, false
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func unescape(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	return html.UnescapeString(string(b))
}

func isTagStart(c byte) bool {
	return c == '/' || c == '!' || c == '?' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// tagEnd returns the length of the tag at the start of src, quotes
// respected; an unclosed tag runs to the end.
func tagEnd(src []byte) int {
	var quote byte
	for i := 1; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return len(src)
}

// tagInfo is what the scanner needs of an element: one lookup per tag.
type tagInfo struct {
	name string
	kind uint8
}

const (
	kindBlock   = iota // separates words
	kindInline         // does not
	kindSkipped        // holds no visible text
	kindImage          // its alt text is read
	kindHeading        // may start a section
)

var tagInfos = map[string]tagInfo{}

// tagInfoOf returns the name and kind of the element of tag ("<P class=x>",
// "</div>"); an element the scanner does not know is a block, and its name
// is not needed.
func tagInfoOf(tag []byte) tagInfo {
	i := 1
	if i < len(tag) && tag[i] == '/' {
		i++
	}
	j := i
	lower := true
	for j < len(tag) && tag[j] != '>' && tag[j] != '/' && !isSpaceByte(tag[j]) {
		if 'A' <= tag[j] && tag[j] <= 'Z' {
			lower = false
		}
		j++
	}
	if lower {
		return tagInfos[string(tag[i:j])]
	}
	return tagInfos[strings.ToLower(string(tag[i:j]))]
}

func init() {
	for n := range inline {
		tagInfos[n] = tagInfo{n, kindInline}
	}
	for n := range skipped {
		tagInfos[n] = tagInfo{n, kindSkipped}
	}
	tagInfos["pre"] = tagInfo{"pre", kindBlock}
	for _, n := range []string{"img", "area"} {
		tagInfos[n] = tagInfo{n, kindImage}
	}
	for _, n := range []string{"h1", "h2", "h3", "h4", "h5", "h6"} {
		tagInfos[n] = tagInfo{n, kindHeading}
	}
}

// skipTo returns src after the end tag of name, or nothing when there is
// none. Elements of the same name nested inside (svg in svg) are counted.
func skipTo(src []byte, name string) []byte {
	if name == "script" || name == "style" {
		// Raw text: no tags inside, only the end tag counts.
		for i := 0; ; {
			j := bytes.Index(src[i:], []byte("</"))
			if j < 0 {
				return nil
			}
			i += j
			if len(src)-i-2 >= len(name) && strings.EqualFold(string(src[i+2:i+2+len(name)]), name) {
				return src[i+tagEnd(src[i:]):]
			}
			i += 2
		}
	}
	depth := 1
	for {
		lt := bytes.IndexByte(src, '<')
		if lt < 0 {
			return nil
		}
		src = src[lt:]
		end := tagEnd(src)
		if len(src) > 1 && isTagStart(src[1]) && tagInfoOf(src[:end]).name == name {
			if src[1] == '/' {
				depth--
			} else if !bytes.HasSuffix(src[:end], []byte("/>")) {
				depth++
			}
		}
		src = src[end:]
		if depth == 0 {
			return src
		}
	}
}

// collapseSpace trims s and turns every run of white space into one
// space, and bytes that are not UTF-8 into spaces: bad bytes in a page
// never reach the index as replacement noise in the middle of words.
func collapseSpace(s string) string {
	if isCollapsed(s) {
		return s
	}
	var t textWriter
	t.raw([]byte(s))
	return string(t.buf)
}

// isCollapsed reports whether s has no white space to collapse and is
// valid UTF-8: callers often pass text collapsed already.
func isCollapsed(s string) bool {
	prevSpace := true // a leading space is to trim
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, w := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && w == 1 || unicode.IsSpace(r) {
				return false // the full pass turns it into a space
			}
			prevSpace = false
			i += w
			continue
		}
		sp := c == ' '
		if textClass[c] == textSpace && (!sp || prevSpace) {
			return false
		}
		prevSpace = sp
		i++
	}
	return !prevSpace || s == ""
}
