package search

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"
)

// skipped elements hold no visible text (a player's content is for
// browsers that cannot play: a link to the file).
var skipped = map[string]bool{"script": true, "style": true, "template": true, "svg": true, "math": true, "noscript": true,
	"video": true, "audio": true}

// controls are the elements a reader acts on rather than reads: their
// labels say what they do (an API operation's Copy, the tabs of its code
// samples, an embed's "Load content from …"), in the theme's words, not
// the page's. A tab's title is read from its panel, which repeats it
// (<p class="tab-panel-title">); an author's button, such as GitBook's
// search button, is a control too.
var controls = map[string]bool{"button": true, "select": true, "textarea": true}

// void elements have no content and no end tag: a hidden one hides its
// alt text at most.
var void = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// classKind tells what a class of the theme marks: an element not shown
// (the hidden columns of a card table, text for screen readers only) or
// that holds the theme's words about the content, not the content (the
// label of a diagram shown as its source); or a <details> whose summary
// is a control (Show properties, Mermaid source, Show more) and its body
// content; or a tab's title at the top of its panel. Every such class has
// a hyphen.
func classKind(c []byte) (hidden, summaryControl, tabTitle bool) {
	switch string(c) { // no copy, no hashing
	case "col-hidden", "visually-hidden", "diagram-label", "diagram-source":
		// A drawn diagram's source is its markup (A-->>+B:, <br>), which
		// snippets showed (t42): its drawing's name, which lists its
		// labels, is read instead.
		return true, false, false
	case "api-children", "prompt-more":
		return false, true, false
	case "tab-panel-title":
		return false, false, true
	}
	return false, false, false
}

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
// command names, flags and identifiers. Controls (buttons, the summaries
// the theme marks as controls) and what is not shown (hidden,
// aria-hidden="true", a card table's hidden columns) are left out: they
// are the theme's words, the same on every page that has them, and a
// search for "copy" would find every API operation.
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
	inCtl := false    // the last tag read is a <details> whose <summary> is a control
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
		ctlSummary := inCtl
		inCtl = false
		var hide, ctl, title bool
		if info.kind != kindInline || bytes.Contains(tag, []byte("hidden")) {
			// An inline element (most tags of highlighted code) is
			// not content when hidden; the classes that mark the
			// theme's words are on blocks.
			hide, ctl, title = notContent(tag)
		}
		if title && !hide {
			// A tab's title opens its panel: read it now, and remember
			// where it is, for a heading that starts the panel's
			// content to take it into its own section.
			if rest := skipTo(src, tagName(tag)); rest != nil && !bytes.HasSuffix(tag, []byte("/>")) {
				inner := src[:len(src)-len(rest)]
				inner = inner[:bytes.LastIndex(inner, []byte("</"))]
				if text := PlainText(inner); text != "" {
					run := t.titleEnd == len(t.buf) && t.titleStart >= t.start // nested tabs' titles, one after the other
					t.space()
					t.flush()
					if !run {
						t.titleStart = len(t.buf)
					}
					t.buf = append(t.buf, text...)
					t.titleEnd = len(t.buf)
					t.space()
				}
				src = rest
				continue
			}
		}
		if hide || info.kind == kindControl || ctlSummary && info.name == "summary" {
			name := tagName(tag)
			if void[name] || bytes.HasSuffix(tag, []byte("/>")) {
				continue // nothing inside: an image's alt text is all it hides
			}
			if rest := skipTo(src, name); rest != nil {
				src = rest
				afterEnd = info.kind == kindInline
				continue
			}
			// No end tag: what follows may be content, which is
			// better indexed than lost.
		} else if ctl {
			inCtl = true
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
				if t.titleEnd == ends[cur] && t.titleStart >= starts[cur] && t.titleEnd > t.titleStart {
					// The section ends with the titles of the tabs
					// whose content this heading starts: they are the
					// new section's.
					t.start, t.pending = t.titleStart, true
					ends[cur] = t.titleStart
					if ends[cur] > starts[cur] && t.buf[ends[cur]-1] == ' ' {
						ends[cur]--
					}
				}
				cur = i
				src = skipTo(src, info.name) // its text is the section's title
			}
		case kindSkipped:
			if info.name == "svg" {
				// A drawing named for screen readers (a diagram: its kind
				// and labels) is read by that name, as an image by its alt.
				if label, ok := attr(tag, "aria-label"); ok {
					t.text(label)
					t.space()
				}
			}
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
	// The last run of tab titles in buf, nothing but white space between
	// them: buf[titleStart:titleEnd].
	titleStart, titleEnd int
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
	for key, val, i := nextAttr(tag, nameEnd(tag)); key != nil; key, val, i = nextAttr(tag, i) {
		if equalFold(key, name) {
			return val, true
		}
	}
	return nil, false
}

// nextAttr returns the attribute of a start tag at or after i, its value
// (quoted or not, entities left as written; nil when it has none), and
// where the next one may start; key is nil past the last one.
func nextAttr(tag []byte, i int) (key, val []byte, next int) {
	for i < len(tag) && (isSpaceByte(tag[i]) || tag[i] == '/') {
		i++
	}
	k := i
	for i < len(tag) && !isSpaceByte(tag[i]) && tag[i] != '=' && tag[i] != '>' && tag[i] != '/' {
		i++
	}
	if k == i {
		return nil, nil, i // '>' or the end
	}
	key = tag[k:i]
	for i < len(tag) && isSpaceByte(tag[i]) {
		i++
	}
	if i < len(tag) && tag[i] == '=' {
		i++
		for i < len(tag) && isSpaceByte(tag[i]) {
			i++
		}
		if i < len(tag) && (tag[i] == '"' || tag[i] == '\'') {
			q := tag[i]
			j := bytes.IndexByte(tag[i+1:], q)
			if j < 0 {
				return nil, nil, len(tag)
			}
			return key, tag[i+1 : i+1+j], i + j + 2
		}
		v := i
		for i < len(tag) && !isSpaceByte(tag[i]) && tag[i] != '>' {
			i++
		}
		val = tag[v:i]
	}
	return key, val, i
}

// nameEnd returns where the element name of a tag ends.
func nameEnd(tag []byte) int {
	i := 1
	for i < len(tag) && !isSpaceByte(tag[i]) && tag[i] != '>' && tag[i] != '/' {
		i++
	}
	return i
}

// tagName returns the element name of a start tag, in lower case.
func tagName(tag []byte) string {
	n := tag[1:nameEnd(tag)]
	if info := tagInfos[string(n)]; info.name != "" {
		return info.name // no copy
	}
	return strings.ToLower(string(n))
}

// equalFold reports whether b is s (lower case ASCII) in any case.
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// notContent reads the attributes of a start tag: hide says that the
// element is not shown (hidden, unless until-found, which find in page
// reveals; aria-hidden="true"; a hiding class of classKind), ctl that it
// is a <details> whose summary is a control, title that it is a tab's
// title (classKind).
//
// GitBook's data-hidden hides nothing by itself: the renderer turns it,
// on a table's header cell, into the col-hidden class of the column's
// cells, which the theme hides; anywhere else the page shows what it
// holds, and so does search.
func notContent(tag []byte) (hide, ctl, title bool) {
	for key, val, i := nextAttr(tag, nameEnd(tag)); key != nil; key, val, i = nextAttr(tag, i) {
		switch len(key) {
		case len("hidden"):
			if equalFold(key, "hidden") && !equalFold(bytes.TrimSpace(val), "until-found") {
				return true, false, false
			}
		case len("aria-hidden"):
			if equalFold(key, "aria-hidden") && equalFold(bytes.TrimSpace(val), "true") {
				return true, false, false
			}
		case len("class"):
			if !equalFold(key, "class") || bytes.IndexByte(val, '-') < 0 {
				break
			}
			for f := range bytes.FieldsSeq(val) {
				h, c, tt := classKind(f)
				if h {
					return true, false, false
				}
				ctl = ctl || c
				title = title || tt
			}
		}
	}
	return false, ctl, title
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
	kindControl        // a control: its label is no content
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
	for n := range controls {
		tagInfos[n] = tagInfo{n, kindControl}
	}
	tagInfos["pre"] = tagInfo{"pre", kindBlock}
	tagInfos["summary"] = tagInfo{"summary", kindBlock}
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
		if len(src) > 1 && isTagStart(src[1]) && isNamed(src[:end], name) {
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

// isNamed reports whether tag, a start or end tag, is of the element name
// (lower case).
func isNamed(tag []byte, name string) bool {
	i := 1
	if i < len(tag) && tag[i] == '/' {
		i++
	}
	j := i
	for j < len(tag) && tag[j] != '>' && tag[j] != '/' && !isSpaceByte(tag[j]) {
		j++
	}
	return equalFold(tag[i:j], name)
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
