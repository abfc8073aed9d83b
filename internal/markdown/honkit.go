package markdown

import (
	"cmp"
	"fmt"
	"html"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v2"

	"folio/internal/diag"
	"folio/internal/gitbook"
	"folio/internal/source"
)

// HonKit runs Nunjucks over the whole page before Markdown, so its tags
// work anywhere in a line: in block quotes, list items, table cells and
// mid-paragraph.
//
// Code: HonKit first wraps the top-level code blocks and the code spans of
// paragraphs and headings in {% raw %} (@honkit/markdown-legacy's page.js),
// so template syntax there is shown as written, as folio does for those
// and for fenced and indented code blocks. A code span in a table row,
// list item or block quote gets the values folio has (codeSpan). A fence
// inside a block quote or list item is templated by HonKit: books rely on it for
// `{{ book.x }}` in their instructions, while Django's `{{ post.title }}`
// there comes out empty and `{% url %}` stops the HonKit build. folio
// puts in the values it has and keeps the rest as written (scanCode).
//
// HonKit's comments are `{### … ###}`: it configures
// Nunjucks so, which keeps `{#id}` heading attributes and Django's
// `{# … #}` (which HonKit shows as written) out of the template engine.
//
// lineScan expands one line. It walks the line once, left to right, so
// every diagnostic has the column where the author wrote the construct.
type lineScan struct {
	// isOneLine caches gitbook.IsOneLine of the line (oneLine): asked at
	// each tag, it read the whole line each time (t44: 100,000 tags on a
	// line took minutes).
	isOneLine *bool
	e         *expander
	page      string
	file      string
	line      string
	o         origin
	depth     int
	b         strings.Builder
	// spans is set where Markdown code spans are literal: everywhere but
	// in <pre> HTML blocks, which HonKit templates as a whole.
	spans bool
	// nested is set for the body of a label: no includes, nothing that
	// goes on past the line.
	nested bool
	// taken is set when b holds a line emitted by an inline include and
	// taken back: it already has its container prefix.
	taken bool
	// done is set when the line was consumed (a block include wrote it).
	done bool
	// code is set in a fenced code block within a block quote or list
	// item: only `{{ … }}` with a value and a one-line {% raw %} count.
	code bool
	// lastClose is where the last "%}" of line[:closeEnd-1] starts, or -1:
	// a {% after it is not closed, which readTag would find by reading to
	// the end of the line for each one, quadratic in a long line of them.
	lastClose, closeEnd int
	// lastEnd caches, by end tag name, where its last mention in the
	// line starts (endOnLine).
	lastEnd map[string]int
	// joinNext is set when the line ends with a tag's -%} (or -}}): its
	// line break and the blanks after it go, as in Nunjucks.
	joinNext bool
	// joins is set where whitespace control may take line breaks: a line
	// expanded whole, or a part of a loop's body over lines.
	joins bool
	// barrier is where the last tag or expression ended in b, plus one
	// (0: none): {%- takes the blanks after it only, as Nunjucks takes
	// those of the text between two tags.
	barrier int
}

// blockTagRE matches the tag {% name %}, with or without its
// whitespace-control dashes.
func blockTagRE(name string) *regexp.Regexp {
	return regexp.MustCompile(`\{%-?\s*` + regexp.QuoteMeta(name) + `\s*-?%\}`)
}

// unclosed tells the {% name %} whose {% is at at, which no end tag
// closes: an error, as HonKit stops on it; shown says what folio shows
// instead.
func (s *lineScan) unclosed(at int, name, shown string) {
	s.e.reportAt(s.o, at+1, s.page, diag.Error, "block-unclosed", "close it with {% end"+name+" %}",
		"{%% %s %%} is not closed; %s (HonKit stops on it)", name, shown)
}

// markBarrier notes that a tag or expression ends where b ends.
func (s *lineScan) markBarrier() { s.barrier = s.b.Len() + 1 }

// nunjucksTags are the tags of Nunjucks itself, HonKit's template
// language, that folio does not read, with what to write instead. They
// are no plugin's: told as such, not as a tag folio does not know.
var nunjucksTags = map[string]string{
	"extends":   "remove it: the site's theme lays out every page",
	"block":     "remove the tags: HonKit shows the text between them where it stands",
	"endblock":  "remove the tags: HonKit shows the text between them where it stands",
	"call":      "call the macro as {{ name(…) }}, giving it the text as an argument",
	"endcall":   "call the macro as {{ name(…) }}, giving it the text as an argument",
	"asyncEach": "write {% for %}",
	"endeach":   "write {% for %}",
	"asyncAll":  "write {% for %}",
	"endall":    "write {% for %}",
}

var (
	endrawRE = blockTagRE("endraw")
	labelRE  = map[string]*regexp.Regexp{
		"filename": blockTagRE("endfilename"),
		"label":    blockTagRE("endlabel"),
	}
	setHeadRE = regexp.MustCompile(`^\s*set\s+([A-Za-z_$][\w$]*(?:\s*,\s*[A-Za-z_$][\w$]*)*)\s*(=?)`)
	endsetRE  = blockTagRE("endset")
	// ignoreTailRE is Nunjucks' `ignore missing` after an include's
	// file: a missing file is left out without an error.
	ignoreTailRE  = regexp.MustCompile(`\s+ignore\s+missing\s*$`)
	includeHeadRE = regexp.MustCompile(`^\s*include\s+(?:"([^"]*)"|'([^']*)')\s*$`)
	// containerRE matches what may stand before a block in a line: block
	// quote markers and list item markers.
	containerRE = regexp.MustCompile(`^(?:[ \t]*(?:>|(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)))*[ \t]*$`)
)

// scan expands line and emits the result, or nothing when the line lies
// inside a multi-line comment.
func (e *expander) scan(page, file, line string, o origin, depth int, spans bool) {
	s := &lineScan{e: e, page: page, file: file, line: line, o: o, depth: depth, spans: spans, joins: true}
	s.finish(0)
}

// goOn reads line[i:end] where a comment or a {% raw %} opened on a line
// before goes on, and returns where the line goes on after it (end when
// it does not end there). A comment's line breaks are the comment's: the
// line that opens it goes on on the line that closes it (finish).
func (s *lineScan) goOn(i, end int) int {
	switch {
	case s.e.comment:
		j := strings.Index(s.line[i:end], "###}")
		if j < 0 {
			return end
		}
		s.e.comment = false
		s.markBarrier()
		return i + j + 4
	case s.e.rawSpan:
		loc := endrawRE.FindStringIndex(s.line[i:end])
		if loc == nil {
			s.literal(s.line[i:end])
			return end
		}
		s.e.rawSpan = false
		s.literal(s.line[i : i+loc[0]])
		s.markBarrier()
		return i + loc[1]
	}
	return i
}

// scanFrom expands line from byte start on, where a control tag showed
// the text again (joinNext when it ended the line with -%}), or where the
// blanks that a -%} took end.
func (e *expander) scanFrom(page, file, line string, o origin, depth, start int, joinNext bool) {
	s := &lineScan{e: e, page: page, file: file, line: line, o: o, depth: depth, spans: true, joins: true, barrier: 1, joinNext: joinNext}
	s.finish(start)
}

// finish expands the line from i on and emits it.
func (s *lineScan) finish(i int) {
	s.run(i, len(s.line))
	switch {
	case s.done:
	case s.e.comment:
		// The line break is the comment's.
		s.e.toCarry(s.b.String(), s.barrier, s.o)
	case s.joinNext && s.e.ctx != nil:
		// The next line that is not blank goes on this one.
		text, barrier := s.b.String(), s.barrier
		if !s.taken && s.e.active() && s.e.hasPending {
			text, s.e.hasPending = s.e.pending+text, false
			barrier += len(s.e.pending)
		}
		s.e.toCarry(text, barrier, s.o)
		s.e.trimNext = true
	default:
		s.e.endLine(s.b.String(), s.barrier, s.o, s.taken)
	}
}

// toCarry adds text, whose barrier is as lineScan's, to the carry.
func (e *expander) toCarry(text string, barrier int, o origin) {
	if !e.carrying {
		e.carryAt = o
	}
	e.carrying = true
	// What the carry held ends at a tag.
	e.carryBarrier = len(e.carry) + max(barrier, 1)
	if barrier == 0 && e.carry == "" {
		e.carryBarrier = 0
	}
	e.carry += text
}

// trimBefore is {%- or {{- at i: it takes the blanks before the tag and,
// when only blanks stand before it on its line, the line breaks and
// blank lines before them too, as Nunjucks does: the line goes on the
// last one written.
func (s *lineScan) trimBefore(i int) {
	s.trimOut()
	e := s.e
	if !s.joins || s.code || s.taken || s.b.Len() > 0 || s.barrier > 0 || strings.TrimSpace(s.line[:i]) != "" {
		return
	}
	if e.carrying {
		e.carry = trimFloor(e.carry, e.carryBarrier-1)
		return
	}
	for len(e.lines) > 0 && len(e.lines)-1 > e.keepLine && strings.TrimSpace(e.lastLine()) == "" {
		e.unemit()
	}
	if len(e.lines) == 0 {
		return
	}
	floor := -1
	if len(e.lines)-1 == e.keepLine {
		floor = e.keepCol
	}
	s.b.WriteString(trimFloor(e.unemit(), floor))
	s.taken = true
	if floor >= 0 {
		s.barrier = floor + 1
	}
}

// trimFloor drops the blanks at the end of text, not before byte floor.
func trimFloor(text string, floor int) string {
	t := strings.TrimRight(text, " \t")
	if len(t) < floor && floor <= len(text) {
		return text[:floor]
	}
	return t
}

// trimAfter is -%} or -}} ending at next: it returns where the text goes
// on after the blanks that follow, and notes a tag that ends its line.
func (s *lineScan) trimAfter(next, end int) int {
	next = s.skipBlanks(next, end)
	if next == len(s.line) && s.joins && !s.code {
		s.joinNext = true
	}
	return next
}

// endLine writes text, a line expanded, which ends with a line break;
// raw when it already has its container prefix. barrier is as
// lineScan's.
func (e *expander) endLine(text string, barrier int, o origin, raw bool) {
	if !e.active() {
		// The line break is in a branch not shown: what the line shows
		// goes on at the start of the next line shown, as in Nunjucks.
		e.toCarry(text, barrier, o)
		return
	}
	e.tail = -1
	if barrier > 0 {
		e.tail = len(text) - (barrier - 1)
	}
	if raw {
		e.emitRaw(text, o)
	} else {
		e.emit(text, o)
	}
	e.tail = -1
}

// scanCode expands a line of a fenced code block within a block quote or
// list item.
func (e *expander) scanCode(page, line string, o origin) {
	s := &lineScan{e: e, page: page, line: line, o: o, code: true}
	s.run(0, len(line))
	e.emit(s.b.String(), o)
}

// run expands line[i:end] into b.
func (s *lineScan) run(i, end int) {
	line := s.line
	if !s.nested && !s.code {
		i = s.goOn(i, end)
	}
	for i < end && !s.done {
		if s.e.legacy && !s.code && !s.e.active() {
			i = s.skipHidden(i, end)
			s.markBarrier()
			continue
		}
		c := line[i]
		switch {
		case c == '\\' && i+1 < end && line[i+1] == '`':
			s.b.WriteString(line[i : i+2])
			i += 2
			continue
		case c == '`' && s.spans:
			i = s.codeSpan(i, end)
			continue
		case c == '{' && i+1 < end:
			switch line[i+1] {
			case '{':
				if s.e.legacy {
					i = s.variable(i, end)
					s.markBarrier()
					continue
				}
			case '%':
				i = s.tag(i, end)
				s.markBarrier()
				continue
			case '#':
				if s.e.legacy && !s.code {
					i = s.comment(i, end)
					s.markBarrier()
					continue
				}
			}
		}
		s.b.WriteByte(c)
		i++
	}
}

// codeSpan copies the code span starting at i (a run of backticks closed
// by a run of the same length) as it is, or the run alone when nothing
// closes it on the line. In a HonKit book's table row, list item or
// quote, whose code spans HonKit templates (only those of paragraphs and
// headings are raw), the span's `{{ … }}` with a value are put in, as in
// a fence there (scanCode), and the rest is kept as written (t51: a
// filter's | split a table's cell).
func (s *lineScan) codeSpan(i, end int) int {
	n := 0
	for i+n < end && s.line[i+n] == '`' {
		n++
	}
	for j := i + n; j < end; {
		if s.line[j] != '`' {
			j++
			continue
		}
		m := 0
		for j+m < end && s.line[j+m] == '`' {
			m++
		}
		if m == n {
			if !s.code && s.e.legacy && !s.nested && s.templatedSpans() && strings.Contains(s.line[i+n:j], "{{") {
				inner := &lineScan{e: s.e, page: s.page, line: s.line, o: s.o, code: true}
				inner.run(i+n, j)
				s.b.WriteString(s.line[i : i+n])
				s.b.WriteString(inner.b.String())
				s.b.WriteString(s.line[j : j+m])
				return j + m
			}
			s.b.WriteString(s.line[i : j+m])
			return j + m
		}
		j += m
	}
	s.b.WriteString(s.line[i : i+n])
	return i + n
}

// templatedSpans reports whether the line is one whose code spans HonKit
// templates: a table row, or a line of a list item or block quote.
func (s *lineScan) templatedSpans() bool {
	return strings.TrimSpace(containerLead.FindString(s.line)) != "" || strings.HasPrefix(strings.TrimSpace(s.line), "|")
}

// findClose returns where closer starts in line[from:end], skipping
// quoted strings, or -1.
func findClose(line string, from, end int, closer string) int {
	var q byte
	for j := from; j < end; j++ {
		c := line[j]
		if q != 0 {
			if c == '\\' {
				j++
			} else if c == q {
				q = 0
			}
			continue
		}
		if c == '"' || c == '\'' {
			q = c
			continue
		}
		if c == closer[0] && strings.HasPrefix(line[j:end], closer) {
			return j
		}
	}
	return -1
}

// trimOut drops the blanks at the end of the output, after the last tag,
// for `{%-` and `{{-`.
func (s *lineScan) trimOut() {
	t := trimFloor(s.b.String(), s.barrier-1)
	s.b.Reset()
	s.b.WriteString(t)
}

// skipBlanks returns the first byte at or after i that is no blank.
func (s *lineScan) skipBlanks(i, end int) int {
	for i < end && (s.line[i] == ' ' || s.line[i] == '\t') {
		i++
	}
	return i
}

// variable expands `{{ expression }}` at i.
func (s *lineScan) variable(i, end int) int {
	j := findClose(s.line, i+2, end, "}}")
	if s.e.macro && j >= 0 {
		s.b.WriteString(s.line[i : j+2]) // a macro's argument, shown as the macro is
		return j + 2
	}
	if j < 0 {
		// An unclosed string: the expression is read to the first }}
		// and reported.
		j = strings.Index(s.line[i+2:end], "}}")
		if j >= 0 {
			j += i + 2
		}
	}
	if j < 0 {
		s.e.reportAt(s.o, i+1, s.page, diag.Warning, "template-syntax", "close it with }} on the same line",
			"{{ is not closed on its line; shown as written")
		s.b.WriteString("{{")
		return i + 2
	}
	from, to, next := i+2, j, j+2
	if s.line[from] == '-' {
		from++
		s.trimBefore(i)
	}
	if to > from && s.line[to-1] == '-' {
		to--
		next = s.trimAfter(next, end)
	}
	p := &exprParser{e: s.e, page: s.page, o: s.o, src: s.line, pos: from, end: to, start: i, lenient: s.code}
	v := p.parse()
	if _, undef := v.(undefined); s.code && (p.err != nil || p.missed || undef) {
		s.b.WriteString(s.line[i : j+2])
		return j + 2
	}
	if p.err != nil {
		s.syntaxError(p.err, s.line[i:j+2])
		return next
	}
	text := s.print(p, v)
	if s.e.printed += len(text); s.e.printed > maxPagePrinted {
		// Each value is capped (maxText), but a page may print one many
		// times: 3,000 {{ s }} of a 1 MB s took 23 GB (t40).
		if !s.e.printCut {
			s.e.printCut = true
			s.e.reportAt(s.o, i+1, s.page, diag.Error, "template-value", "print less, or split the page",
				"the page's template expressions print more than %d MB; this one and the ones after it are left out", maxPagePrinted>>20)
		}
		return next
	}
	s.b.WriteString(text)
	return next
}

// maxPagePrinted bounds what a page's {{ … }} print, all together.
const maxPagePrinted = 16 << 20

// tagText is the tag whose {% is at at and whose inside ends at to, as
// written, clipped when long, to quote it in a message.
func (s *lineScan) tagText(at, to int) string {
	end := len(s.line)
	if k := strings.Index(s.line[to:], "%}"); k >= 0 {
		end = to + k + 2
	}
	return clip(s.line[at:end])
}

func (s *lineScan) syntaxError(err *exprError, written string) {
	s.e.reportAt(s.o, err.col, s.page, diag.Warning, "template-syntax", "",
		"cannot evaluate %s: %s; left out", clip(written), err.msg)
}

// print writes a value as the page shows it.
func (s *lineScan) print(p *exprParser, v any) string {
	switch x := v.(type) {
	case undefined:
		p.warnUndefined(x)
		return ""
	case map[string]any:
		s.e.reportAt(s.o, p.start+1, s.page, diag.Warning, "template-value", "name one of its values: x.key",
			"template expression is a group of values, not one value; shown as empty")
		return ""
	}
	return strings.ReplaceAll(toText(v), "\r", "")
}

// oneLine reports whether the line is a block written on one line
// (gitbook.IsOneLine), worked out once.
func (s *lineScan) oneLine() bool {
	if s.isOneLine == nil {
		v := gitbook.IsOneLine(s.line)
		s.isOneLine = &v
	}
	return *s.isOneLine
}

// tagSpan is a `{% … %}` tag within a line: its inside lies between from
// and to, without the whitespace-control dashes that trimL and trimR
// note; name is its first word, next where the line goes on after it.
type tagSpan struct {
	from, to, next int
	name           string
	trimL, trimR   bool
}

// readTag reads the tag whose {% is at i in line[:end]; false when
// nothing closes it there.
func readTag(line string, i, end int) (tagSpan, bool) {
	j := findClose(line, i+2, end, "%}")
	if j < 0 {
		return tagSpan{}, false
	}
	t := tagSpan{from: i + 2, to: j, next: j + 2}
	if t.trimL = line[t.from] == '-'; t.trimL {
		t.from++
	}
	if t.trimR = t.to > t.from && line[t.to-1] == '-'; t.trimR {
		t.to--
	}
	if f := strings.Fields(line[t.from:t.to]); len(f) > 0 {
		t.name = f[0]
	}
	return t, true
}

// nextTag finds the first tag in line[i:end]: where its {% is, and the
// tag; false when there is none, or it is not closed.
func nextTag(line string, i, end int) (int, tagSpan, bool) {
	k := strings.Index(line[i:end], "{%")
	if k < 0 {
		return 0, tagSpan{}, false
	}
	t, ok := readTag(line, i+k, end)
	return i + k, t, ok
}

// tag handles `{% … %}` at i: raw, set, filename and label, include; any
// other tag is copied as written for the GitBook block parser.
func (s *lineScan) tag(i, end int) int {
	if s.closeEnd != end+1 {
		s.lastClose, s.closeEnd = strings.LastIndex(s.line[:end], "%}"), end+1
	}
	t, ok := tagSpan{}, false
	if i+2 <= s.lastClose {
		t, ok = readTag(s.line, i, end)
	}
	if !ok {
		if s.e.legacy && !s.code && !s.nested && i+2 > s.lastClose && tagNameRE.MatchString(s.line[i:]) {
			// Nunjucks reads a tag over lines; folio, line by line, does
			// not (t51: told as a block tag not alone on its line).
			s.e.reportAt(s.o, i+1, s.page, diag.Warning, "template-syntax", "write the tag on one line",
				"{%% is not closed on its line: folio reads a tag written on one line, and shows this one as written")
		}
		s.b.WriteString("{%")
		return i + 2
	}
	from, to, next, trimL, trimR := t.from, t.to, t.next, t.trimL, t.trimR
	inner := s.line[from:to]
	name := strings.Fields(inner)
	if len(name) == 0 || s.code && name[0] != "raw" {
		s.b.WriteString(s.line[i:next])
		return next
	}
	trim := func() {
		if trimL {
			s.trimBefore(i)
		}
		if trimR {
			next = s.trimAfter(next, end)
		}
	}
	if s.e.legacy && !s.code {
		switch name[0] {
		case "if", "elif", "elseif", "else", "endif":
			trim()
			s.control(name[0], i, from, to)
			return next
		case "for":
			trim()
			if after := s.inlineFor(i, from, to, next, end); after >= 0 {
				return after
			}
			if s.spanFor(i, from, to, next, trimR) {
				return end
			}
			if !s.nested {
				s.unclosed(i, "for", "what follows it is shown once")
				return next
			}
			s.e.reportAt(s.o, i+1, s.page, diag.Warning, "template-syntax", "put {% endfor %} on the same line",
				"{%% for %%} is not closed on its line; shown as written")
		case "endfor":
			s.e.reportAt(s.o, i+1, s.page, diag.Warning, "template-syntax", "", "{%% endfor %%} without a {%% for %%} before it; left out")
			trim()
			return next
		case "macro", "filter":
			if !s.nested {
				// Its {%- takes the blanks before it first: the page goes
				// on after it with what they leave.
				if trimL {
					s.trimBefore(i)
				}
				after, ok := 0, false
				if name[0] == "macro" {
					after, ok = s.macro(i, from, to, next, end, trimR)
				} else {
					after, ok = s.filterBlock(i, from, to, next, end)
				}
				if ok {
					return after
				}
			}
		case "import", "from":
			if !s.nested && s.importMacros(i, inner) {
				trim()
				return next
			}
		}
	}
	switch name[0] {
	case "raw":
		trim()
		if loc := endrawRE.FindStringIndex(s.line[next:end]); loc != nil {
			s.literal(s.line[next : next+loc[0]])
			return next + loc[1]
		}
		if s.code {
			break
		}
		if s.nested || s.e.closers.raw <= s.e.closers.at {
			// Only a HonKit book's build stops on it: a GitBook space has
			// no HonKit to speak of.
			stops := ""
			if s.e.legacy {
				stops = " (HonKit stops on it)"
			}
			s.e.reportAt(s.o, i+1, s.page, diag.Error, "block-unclosed", "close it with {% endraw %}",
				"{%% raw %%} is not closed; the rest of the line is shown as written%s", stops)
			s.literal(s.line[next:end])
			return end
		}
		s.literal(s.line[next:end])
		s.e.rawSpan = true
		return end
	case "set":
		if !s.e.legacy {
			break
		}
		trim()
		if after, ok := s.blockSet(from, to, next, end); ok {
			return after
		}
		if s.spanSet(from, to, t.next) { // a -%} after set takes nothing there
			return end
		}
		s.set(i, from, to)
		return next
	case "filename", "label":
		// The plugin reads only the text between the tags: what the start
		// tag holds besides its name is Nunjucks' to pass, and ignored.
		if loc := labelRE[name[0]].FindStringIndex(s.line[next:end]); loc != nil {
			return s.label(next, next+loc[0], next+loc[1], end)
		}
		if len(name) > 1 && !s.code && !s.nested {
			// {% filename "main.go" %}: the name written in the tag, with
			// no end tag, which HonKit refuses; its meaning is plain.
			arg := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(inner), name[0]))
			if len(arg) >= 2 && (arg[0] == '"' || arg[0] == '\'') && arg[len(arg)-1] == arg[0] {
				arg = arg[1 : len(arg)-1]
			}
			s.e.reportAt(s.o, i+1, s.page, diag.Error, "block-unclosed",
				"write {% "+name[0]+" %}"+arg+"{% end"+name[0]+" %}",
				"{%% %s %%} takes the file name between its tags, not in the tag: without {%% end%s %%}, HonKit stops on it (folio reads %q as the name)",
				name[0], name[0], arg)
			return s.writeLabel(arg, next, end)
		}
	case "include":
		if !s.e.legacy || s.nested || s.e.opts.Include == nil {
			break
		}
		target, optional := "", false
		if m := ignoreTailRE.FindStringIndex(inner); m != nil {
			inner, to, optional = inner[:m[0]], from+m[0], true
		}
		if m := includeHeadRE.FindStringSubmatch(inner); m != nil {
			target = m[1] + m[2]
		} else if t, ok := s.includeTarget(i, from, to); ok {
			target = t
		} else {
			trim()
			return next // reported
		}
		trim()
		s.include(target, i, next, end, optional)
		return next
	}
	// What HonKit's plugins write: first on its line (after a quote's or
	// list item's markers), or alone there.
	// (A GitBook space's tags do not look: a page may hold thousands.)
	lead, first := i, false
	if s.e.legacy && !s.code && !s.nested {
		lead = min(len(containerLead.FindString(s.line)), i)
		first = strings.TrimSpace(s.line[lead:i]) == ""
	}
	alone := first && strings.TrimSpace(s.line[next:end]) == ""
	if name[0] == "youtube" && len(name) == 1 && first {
		// gitbook-plugin-youtube: {% youtube %}address{% endyoutube %},
		// GitBook's embed.
		if m := youtubeRE.FindStringSubmatchIndex(s.line[next:end]); m != nil {
			u := s.line[next+m[2] : next+m[3]]
			if !strings.Contains(u, "://") {
				u = "https://www.youtube.com/watch?v=" + u // the plugin's other form: the video's id
			}
			s.b.WriteString(`{% embed url="` + u + `" %}`)
			return next + m[1]
		}
	}
	if name[0] == "pdf" && first {
		// gitbook-plugin-embed-pdf: {% pdf src="manual.pdf", width=… %}
		// {% endpdf %}, GitBook's file block: the file is published and
		// offered for download (t93: the tag shown as text, the file not
		// published).
		src := pdfSrcRE.FindStringSubmatch(inner)
		if m := pdfEndRE.FindStringIndex(s.line[next:end]); src != nil && m != nil {
			s.b.WriteString(`{% file src="` + cmp.Or(src[1], src[2]) + `" %}`)
			return next + m[1]
		}
	}
	if (name[0] == "math" || name[0] == "katex") && len(name) == 1 && s.e.legacy && !s.code && !s.nested {
		// Within a line, inline math: $$…$$ (katex reads a body that does
		// not start with a line break as inline).
		if m := inlineMathRE[name[0]].FindStringSubmatchIndex(s.line[next:end]); m != nil {
			s.b.WriteString("$$" + s.line[next+m[2]:next+m[3]] + "$$")
			return next + m[1]
		}
	}
	if alone {
		if out, ok := s.pluginTab(name[0], inner, continuation(s.line[:lead])); ok {
			s.b.WriteString(out)
			return next
		}
	}
	if md, ok := pluginMarkdown[name[0]]; ok && alone && len(name) == 1 {
		// An end tag only where its start was written so, and a start
		// not within another: their lines pair up.
		switch {
		case s.e.plugin == "" && !strings.HasPrefix(name[0], "end"):
			// Written so only when its end tag is on a line below: an
			// unclosed fence would take the rest of the page (t54).
			blank, st := s.pluginBody(name[0])
			switch st {
			case spanNone:
				// Within a loop's line: left to the block parser.
			case spanUnclosed:
				s.unclosed(i, name[0], "what follows it is shown as text")
				return next
			default:
				if md == "$$" && blank {
					// Markdown ends the paragraph, and the formula, there.
					s.e.reportAt(s.o, i+1, s.page, diag.Warning, "math", "remove the blank lines between the tags",
						"a blank line in {%% %s %%} ends the formula there: what follows is shown as text", name[0])
				}
				s.e.plugin = "end" + name[0]
				s.b.WriteString(md)
				return next
			}
		case s.e.plugin == name[0]:
			s.e.plugin = ""
			s.b.WriteString(md)
			return next
		}
	}
	if s.e.legacy && !s.code && !s.nested && !trimL && !trimR && gitbook.IsPaired(name[0]) && !s.oneLine() {
		// Nunjucks reads a plugin's block wherever its tags stand, the
		// block parser on lines of their own (t93: text glued before {%
		// endhint %} took the rest of the page into the hint; t102: and
		// text on both sides, or two tags glued). An end tag with text
		// before or after it, or a start first on its line with text after
		// it, goes on a line of its own within the same quote or list
		// item. A start after text stays text, told: it is more often a
		// tag named in a sentence than a block.
		textBefore, textAfter := strings.TrimSpace(s.line[lead:i]) != "", strings.TrimSpace(s.line[next:end]) != ""
		_, isEnd := strings.CutPrefix(name[0], "end")
		if isEnd && (textBefore || textAfter) || !isEnd && !textBefore && textAfter {
			cont := continuation(s.line[:lead])
			if textBefore {
				s.b.WriteString("\n" + cont)
			}
			s.b.WriteString(s.line[i:next])
			if textAfter {
				s.b.WriteString("\n" + cont)
				return s.skipBlanks(next, end)
			}
			return next
		}
	}
	// Alone on its line after a quote's or list item's markers, a tag is
	// its block's too (t51: a hint in a quote was told shown as written).
	before := s.line[lead:i]
	if s.e.legacy && !s.code && !s.nested && (strings.TrimSpace(before) != "" || strings.TrimSpace(s.line[next:]) != "") && !s.oneLine() {
		// Alone on its line, a tag is a block's (the block parser says
		// what it makes of it); within a line HonKit fails on a tag it
		// does not know, and folio shows it as written.
		switch {
		case name[0] == "for" || name[0] == "raw" || name[0] == "set":
			// Said above, or by set.
		case name[0] == "include":
			s.e.reportAt(s.o, i+1, s.page, diag.Warning, "template-syntax", `write {% include "file.md" %}`,
				"{%% include %%} names no file in quotes; shown as written")
		case gitbook.IsBlockTag(name[0]):
			s.e.reportAt(s.o, i+1, s.page, diag.Warning, "template-syntax", "put the tag alone on its line",
				"{%% %s %%} within a line is shown as written: a block tag stands alone on its line", name[0])
		case name[0] == "endmacro" && s.e.macro:
			// Told with its {% macro %}.
		case nunjucksTags[name[0]] != "":
			s.e.reportAt(s.o, i+1, s.page, diag.Warning, "unsupported", nunjucksTags[name[0]],
				"{%% %s %%} is a Nunjucks tag folio does not support; shown as written", name[0])
		default:
			// As a block tag folio does not know: what folio check
			// --compat lists as not supported. Once a file for each tag,
			// with a count of the rest, and not for the end tag of one
			// told on its line (t93: two warnings a use, 20 of one tag
			// hid the others).
			if base, ok := strings.CutPrefix(name[0], "end"); ok && strings.Contains(s.line[:i], base) {
				break
			}
			file := cmp.Or(s.o.file, s.page)
			k := unknownTag{file, name[0]}
			if t, ok := s.e.unknown[k]; ok && t.at < len(s.e.diags) && s.e.diags[t.at].Rule == "unsupported" {
				t.more++
				s.e.unknown[k] = t
				more := fmt.Sprintf("%d more times", t.more)
				if t.more == 1 {
					more = "once more"
				}
				s.e.diags[t.at].Msg = fmt.Sprintf("{%% %s %%} is not a tag folio reads; shown as written, here and %s in this file", name[0], more)
				break
			}
			s.e.reportAt(s.o, i+1, s.page, diag.Warning, "unsupported", "folio reads HonKit's own tags and macros, not plugins'",
				"{%% %s %%} is not a tag folio reads; shown as written", name[0])
			if s.e.unknown == nil {
				s.e.unknown = map[unknownTag]toldTag{}
			}
			s.e.unknown[k] = toldTag{at: len(s.e.diags) - 1}
		}
	} else if s.e.legacy && !s.code && !s.nested && first && nunjucksTags[name[0]] != "" && !strings.HasPrefix(name[0], "end") {
		// Alone on its line, the block parser makes it a block it does
		// not know and says only that; this says what the tag is
		// (ParseWith leaves out the parser's word at the same place).
		s.e.reportAt(s.o, i+1, s.page, diag.Warning, "unsupported", nunjucksTags[name[0]],
			"{%% %s %%} is a Nunjucks tag folio does not support; what it holds is shown in a neutral box", name[0])
	}
	if s.e.legacy {
		switch name[0] {
		case "macro":
			s.e.macro = true
		case "endmacro":
			s.e.macro = false
		}
	}
	s.b.WriteString(s.line[i:next])
	return next
}

// includeTarget evaluates the expression of `{% include expression %}`
// (its {% at at, its inside between from and to), which names the file
// as HonKit reads it: `{% include book.snippet %}`. It reports false,
// after saying why, when that is no file name.
func (s *lineScan) includeTarget(at, from, to int) (string, bool) {
	p := &exprParser{e: s.e, page: s.page, o: s.o, src: s.line, pos: afterWord(s.line, from, "include"), end: to, start: at}
	v := p.parse()
	written := s.tagText(at, to)
	switch x := v.(type) {
	case string, safeString:
		if t := toText(x); p.err == nil && strings.TrimSpace(t) != "" {
			return t, true
		}
	case undefined:
		if p.err == nil {
			hint := "define it in book.json variables or with {% set %}"
			if x.lacking {
				hint = ""
			}
			s.e.reportAt(s.o, x.col, s.page, diag.Warning, "template-undefined", hint,
				"%s names its file with %s, which is not defined; nothing is included", written, x.name)
			return "", false
		}
	}
	if p.err != nil {
		s.syntaxError(p.err, written)
		return "", false
	}
	s.e.reportAt(s.o, at+1, s.page, diag.Warning, "template-value", `name a file: {% include "file.md" %} or a variable whose value is its path`,
		"%s names no file: its value is %q; nothing is included", written, clip(toText(v)))
	return "", false
}

// clip shortens text quoted in a message to about 60 characters.
func clip(text string) string {
	if utf8.RuneCountInString(text) <= 60 {
		return text
	}
	r := []rune(text)
	return string(r[:45]) + "…" + string(r[len(r)-10:])
}

// setNames are the names a set's head lists, joined with commas: Nunjucks
// sets each of them to the one value.
func setNames(list string) []string {
	names := strings.Split(list, ",")
	for i, n := range names {
		names[i] = strings.TrimSpace(n)
	}
	return names
}

// set stores `{% set name = expression %}`, written between from and to,
// or `{% set a, b = expression %}`.
func (s *lineScan) set(at, from, to int) {
	m := setHeadRE.FindStringSubmatchIndex(s.line[from:to])
	if m == nil || m[5] == m[4] {
		// `{% set x %}…{% endset %}` that nothing closes (blockSet and
		// spanSet read the others).
		s.e.reportAt(s.o, at+1, s.page, diag.Warning, "template-syntax", "close it with {% endset %}, or write {% set name = \"value\" %}",
			"{%% set %%} without a value is not closed by an {%% endset %%}; left out")
		return
	}
	names := setNames(s.line[from+m[2] : from+m[3]])
	p := &exprParser{e: s.e, page: s.page, o: s.o, src: s.line, pos: from + m[1], end: to, start: at}
	v := p.parse()
	if p.err != nil {
		s.syntaxError(p.err, s.tagText(at, to))
		return
	}
	if u, ok := v.(undefined); ok {
		// As in Nunjucks, the name is set, to undefined; its uses are no
		// warning, as this one was.
		p.warnUndefined(u)
		v = undefined{quiet: true}
	}
	v = ownList(v)
	for _, name := range names {
		s.e.sets[name] = v
	}
}

// blockSetNames reads the inside of a tag, ` set x, y `, as the head of
// a block set: its names, or false for another tag or a set with a value.
func blockSetNames(inside string) ([]string, bool) {
	m := setHeadRE.FindStringSubmatch(inside)
	if m == nil || m[2] != "" || strings.TrimSpace(inside[len(m[0]):]) != "" {
		return nil, false
	}
	return setNames(m[1]), true
}

// blockSet reads `{% set x %}…{% endset %}` closed on its line: x (or
// each of x, y) takes what it encloses, expanded. It returns where the line goes on after
// the end tag, and false for another form of set.
func (s *lineScan) blockSet(from, to, next, end int) (int, bool) {
	names, ok := blockSetNames(s.line[from:to])
	if !ok {
		return 0, false
	}
	loc := endsetRE.FindStringIndex(s.line[next:end])
	if loc == nil {
		return 0, false
	}
	body := &lineScan{e: s.e, page: s.page, file: s.file, line: s.line, o: s.o, depth: s.depth, nested: true}
	body.run(next, next+loc[0])
	for _, name := range names {
		s.e.sets[name] = body.b.String()
	}
	return next + loc[1], true
}

// spanSet reads `{% set x %}` whose {% endset %} is on a later line, as
// Nunjucks does: x (or each of x, y) takes the text from the tag to the
// {% endset %}, line breaks included, expanded as one text, and the
// page goes on after the {% endset %} with what its line shows before
// the {% set %}. A {%- before endset takes the blanks and line breaks
// that end the text, and a -%} after endset those that follow it; a -%}
// after set takes nothing, as in Nunjucks 3.2.4. Expressions in the text
// are reported at the {% set %}'s line. It reports false when nothing closes
// the tag, or where a text cannot span lines (within a loop's line).
func (s *lineScan) spanSet(from, to, next int) bool {
	e, ctx := s.e, s.e.ctx
	names, ok := blockSetNames(s.line[from:to])
	if !ok {
		return false
	}
	if ctx == nil || s.nested || ctx.i >= len(ctx.lines) || strings.TrimSuffix(ctx.lines[ctx.i], "\n") != s.line {
		return false
	}
	// The {% endset %} of this set, past the block sets inside it.
	depth, k, endAt, after, endTrimL, endTrimR := 0, ctx.i, -1, 0, false, false
	for col := next; k < len(ctx.lines) && endAt < 0; k, col = k+1, 0 {
		line := strings.TrimSuffix(ctx.lines[k], "\n")
		for endAt < 0 {
			at, t, ok := nextTag(line, col, len(line))
			if !ok {
				break
			}
			col = t.next
			_, nested := blockSetNames(line[t.from:t.to])
			switch {
			case endsetRE.MatchString(line[at:t.next]) && depth == 0:
				endAt, after, endTrimL, endTrimR = at, t.next, t.trimL, t.trimR
			case endsetRE.MatchString(line[at:t.next]):
				depth--
			case nested:
				depth++
			}
		}
		if endAt >= 0 {
			break
		}
	}
	if endAt < 0 {
		return false
	}
	var body strings.Builder
	if k == ctx.i {
		return false // closed on its line: blockSet's
	}
	body.WriteString(s.line[next:] + "\n")
	for j := ctx.i + 1; j < k; j++ {
		body.WriteString(ctx.lines[j])
	}
	last := strings.TrimSuffix(ctx.lines[k], "\n")
	body.WriteString(last[:endAt])
	text := body.String()
	if endTrimL {
		text = strings.TrimRight(text, " \t\r\n")
	}
	p := &lineScan{e: e, page: s.page, file: s.file, line: text, o: s.o, depth: s.depth, nested: true}
	p.run(0, len(text))
	for _, name := range names {
		e.sets[name] = p.b.String()
	}
	join := false
	if endTrimR {
		for after < len(last) && (last[after] == ' ' || last[after] == '\t') {
			after++
		}
		// Blanks to the end of the line: the line breaks after it go
		// too, up to the next text.
		join = after == len(last)
	}
	ctx.resume = &resume{line: k, at: after, prefix: s.b.String(), raw: s.taken, joinNext: join}
	s.done = true
	return true
}

// label handles HonKit's `{% filename %}…{% endfilename %}` (plugin
// codeblock-label, also `{% label %}`): alone in its block, it names the
// code block after it; within text, it is shown where it is written.
func (s *lineScan) label(from, to, next, end int) int {
	body := &lineScan{e: s.e, page: s.page, file: s.file, line: s.line, o: s.o, depth: s.depth, nested: true}
	body.run(from, to)
	// The plugin drops backslashes, which authors write to keep Markdown
	// from reading underscores.
	text := strings.ReplaceAll(body.b.String(), `\`, "")
	return s.writeLabel(text, next, end)
}

// writeLabel writes the label text of a {% filename %} whose tags end at
// next: alone in its block, it names the code block after it; within
// text, it is shown where it is written.
func (s *lineScan) writeLabel(text string, next, end int) int {
	text = strings.TrimSpace(strings.Join(strings.Fields(text), " "))
	if !s.nested && !s.taken && containerRE.MatchString(s.b.String()) && strings.TrimSpace(s.line[next:end]) == "" {
		// A comment block the tree transformer attaches to the next code
		// block as its label.
		prefix := s.e.blockPrefix(s.b.String())
		s.b.Reset()
		s.b.WriteString(prefix + "<!--folio:filename " + strings.ReplaceAll(text, "--", "‐‐") + "-->")
		return end
	}
	s.b.WriteString(`<code class="code-label">` + html.EscapeString(text) + `</code>`)
	return next
}

// include expands `{% include "file" %}`, whose {% is at at. Alone in its block (after quote
// or list markers), the file's lines become blocks of that container;
// within text, the file's text is put in the line where the tag stands,
// as Nunjucks does.
func (s *lineScan) include(target string, at, next, end int, optional bool) {
	e := s.e
	before := s.b.String()
	first := e.indent
	if e.hasPending {
		first = e.pending
	}
	savedIndent, savedPending, savedHas := e.indent, e.pending, e.hasPending
	e.pending, e.hasPending = first+before, true
	alone := !s.taken && containerRE.MatchString(before) && strings.TrimSpace(s.line[next:end]) == ""
	mark := len(e.lines)
	if alone {
		e.indent += continuation(before)
	}
	e.includeAt(s.page, s.file, target, s.o, at+1, s.depth, !alone, optional)
	e.barrierHere()
	e.indent = savedIndent
	if len(e.lines) <= mark {
		// Nothing was written (an error, or an empty file): the line
		// goes on as it was. Fewer lines than before: a {%- took one
		// back, and the file wrote none (a fuzzed {%-include ""-%}
		// then took back a line that was not there).
		e.pending, e.hasPending = savedPending, savedHas
		return
	}
	e.hasPending = false
	if alone {
		s.done = true
		return
	}
	// The text after the tag goes on on the last line the file wrote.
	last := e.unemit()
	s.b.Reset()
	s.b.WriteString(last)
	s.taken = true
	if s.joinNext {
		// A -%} that ends the line takes the line break after the tag
		// and the blanks after it, but not the file's own last line
		// break, which Nunjucks keeps (a file ends with one): the next
		// line starts a line, without its blanks.
		s.joinNext = false
		e.trimNext = true
	}
}

// blockPrefix returns what to write before a block that starts after
// prefix (blanks, quote and list markers) so that it starts exactly where
// that container's content does: a line of blanks keeps those of the list
// item it continues, markers are followed by one space.
func (e *expander) blockPrefix(prefix string) string {
	rest := strings.TrimLeft(prefix, " \t")
	lead := prefix[:len(prefix)-len(rest)]
	if rest != "" {
		return lead + strings.TrimRight(rest, " \t") + " "
	}
	return strings.Repeat(" ", e.itemCol(indent(lead)))
}

// trackList follows the list items around a line outside code: the
// columns where their content starts, innermost last.
func (e *blockLines) trackList(line string) {
	if q, _ := quoted(line); q > 0 {
		// A block quote left of an item's text is no lazy continuation:
		// it ends that item. The lists inside a quote are followed apart
		// (inCode).
		e.listCols = popCols(e.listCols, indent(line))
		return
	}
	e.listCols = trackCols(e.listCols, line)
}

// popCols drops from cols the items a line indented ind ends.
func popCols(cols []int, ind int) []int {
	for len(cols) > 0 && cols[len(cols)-1] > ind {
		cols = cols[:len(cols)-1]
	}
	return cols
}

// trackCols follows in cols the list items around line, outside code:
// the columns where their content starts, innermost last.
func trackCols(cols []int, line string) []int {
	if strings.TrimSpace(line) == "" {
		return cols
	}
	ind := indent(line)
	cols = popCols(cols, ind)
	t := strings.TrimLeft(line, " \t")
	if m := listItemRE.FindString(t); m != "" {
		marker := strings.TrimRight(m, " \t")
		gap := len(t) - len(strings.TrimLeft(t[len(marker):], " ")) - len(marker)
		if gap < 1 || gap > 4 {
			gap = 1
		}
		cols = append(cols, ind+len(marker)+gap)
	}
	return cols
}

// continuation turns the container markers before a block into the
// prefix of the lines that continue it: quote markers stay, list markers
// become blanks.
func continuation(prefix string) string {
	b := []byte(prefix)
	for i, c := range b {
		if c != '>' && c != ' ' && c != '\t' {
			b[i] = ' '
		}
	}
	return string(b)
}

// comment handles `{### … ###}`, HonKit's comment, at i. A `{#` that
// opens no such comment is text: a heading attribute `{#id}`, or Django's
// comment syntax shown in prose, which HonKit shows as written.
func (s *lineScan) comment(i, end int) int {
	if !strings.HasPrefix(s.line[i:end], "{###") {
		if j := strings.Index(s.line[i+2:end], "#}"); j >= 0 && strings.IndexByte(s.line[i+2:i+2+j], '}') < 0 &&
			(i+2 >= end || !isNameByte(s.line[i+2], false) && s.line[i+2] != '-') {
			s.e.reportAt(s.o, i+1, s.page, diag.Info, "template-comment", "write {### … ###} for a comment readers must not see",
				"{# … #} is not a comment in HonKit books; shown as written")
		}
		s.b.WriteString("{#")
		return i + 2
	}
	if j := strings.Index(s.line[i+4:end], "###}"); j >= 0 {
		return i + 4 + j + 4
	}
	if s.nested || s.e.closers.comment <= s.e.closers.at {
		s.e.reportAt(s.o, i+1, s.page, diag.Warning, "template-syntax", "close it with ###}",
			"{### is not closed; shown as written")
		s.b.WriteString("{###")
		return i + 4
	}
	s.e.comment = true
	return end
}

// literal writes text of a {% raw %} block: template syntax stays as
// written, and `{%` is written with an entity outside code spans so that
// the GitBook block parser does not read it as a tag.
func (s *lineScan) literal(text string) {
	for len(text) > 0 {
		i := strings.IndexAny(text, "`{")
		if i < 0 {
			break
		}
		s.b.WriteString(text[:i])
		text = text[i:]
		if text[0] == '`' && s.spans {
			n := len(text) - len(strings.TrimLeft(text, "`"))
			if j := strings.Index(text[n:], text[:n]); j >= 0 {
				s.b.WriteString(text[:n+j+n])
				text = text[n+j+n:]
				continue
			}
			s.b.WriteString(text[:n])
			text = text[n:]
			continue
		}
		if strings.HasPrefix(text, "{%") {
			s.b.WriteString("{&#37;")
			text = text[2:]
			continue
		}
		s.b.WriteByte(text[0])
		text = text[1:]
	}
	s.b.WriteString(text)
}

// variable returns the value of a top-level name: a {% set %} of the page,
// or one of HonKit's objects.
func (e *expander) variable(name string) (any, bool) {
	if v, ok := e.sets[name]; ok {
		return v, true
	}
	switch name {
	case "book":
		return e.bookVars(), true
	case "page":
		return e.pageVars(), true
	case "config":
		if e.opts.Config != nil {
			return e.configVars(), true
		}
	case "output":
		// The website generator: `{% if output.name == "website" %}`.
		return map[string]any{"name": "website"}, true
	case "file":
		if e.opts.File != nil {
			f := maps.Clone(e.opts.File)
			if p, ok := f["path"].(string); ok && f["type"] == nil && strings.EqualFold(path.Ext(p), ".md") {
				f["type"] = "markdown"
			}
			return f, true
		}
	case "gitbook", "honkit":
		// The tool's version; not its start time, which would make every
		// build of the same book differ.
		if e.opts.ToolVersion != "" {
			return map[string]any{"version": e.opts.ToolVersion}, true
		}
	}
	return nil, false
}

// bookVars is HonKit's `book`: the variables of book.json and, in a
// book of several languages, the language being built.
func (e *expander) bookVars() map[string]any {
	if e.book != nil {
		return e.book
	}
	e.book = maps.Clone(e.opts.Vars)
	if e.book == nil {
		e.book = map[string]any{}
	}
	keys := e.keysOf(e.opts.Vars)
	if _, set := e.book["language"]; !set && e.opts.Language != "" {
		keys = append(keys, "language")
	}
	if e.opts.Language != "" {
		e.book["language"] = e.opts.Language
	}
	e.rememberOrder(map[uintptr][]string{mapID(e.book): keys})
	return e.book
}

// rememberOrder adds the key order of the objects the expander makes
// (book with its language, the page's front matter) to that of
// book.json's (KeyOrder), for keysOf.
func (e *expander) rememberOrder(order map[uintptr][]string) {
	maps.Copy(e.keyOrders().keys, order)
}

// rememberMade adds the key order of m, an object a filter made
// (groupby), for keysOf. The expander holds the last maxList of them,
// and forgets the order of those before.
func (e *expander) rememberMade(m map[string]any, keys []string) {
	o := e.keyOrders()
	o.keys[mapID(m)] = keys
	o.made = append(o.made, m)
	if len(o.made) > maxList {
		delete(o.keys, mapID(o.made[0]))
		o.made = slices.Delete(o.made, 0, 1)
	}
}

// keyOrders is the key order of the objects the expander makes, by
// their address. It holds those a filter made (made), so that no other
// object takes the address of one whose order it remembers; the others
// are the page's own (book, page), which the expander holds. It holds
// the identities of empty lists too (ownEmpty), which the expander
// keeps with it.
type keyOrders struct {
	keys map[uintptr][]string
	made []map[string]any
	// empties are the lists that stand for the empty lists read from
	// an object or a list, by where they were read (ownEmpty), oldest
	// first in emptyOrder, with what they were read from, which the
	// expander so holds: no other object takes its address.
	empties    map[emptyAt][]any
	emptyOrder []emptyAt
	holders    map[emptyAt]any
}

// ordersProbe is how keyOrders finds the orders of an expander: the
// KeyOrder it puts in the expander's options answers an object that
// holds a probe alone, under "", with them (no value of a page is of
// this type).
type ordersProbe struct{ found *keyOrders }

// keyOrders returns the expander's orders, which keysOf reads through
// KeyOrder before book.json's, made on first use.
func (e *expander) keyOrders() *keyOrders {
	if e.opts.KeyOrder != nil {
		probe := &ordersProbe{}
		e.opts.KeyOrder(map[string]any{"": probe})
		if probe.found != nil {
			return probe.found
		}
	}
	o := &keyOrders{keys: map[uintptr][]string{}, empties: map[emptyAt][]any{}, holders: map[emptyAt]any{}}
	outer := e.opts.KeyOrder
	e.opts.KeyOrder = func(m map[string]any) []string {
		if probe, ok := m[""].(*ordersProbe); ok && len(m) == 1 {
			probe.found = o
			return nil
		}
		if keys, ok := o.keys[mapID(m)]; ok {
			return keys
		}
		if outer != nil {
			return outer(m)
		}
		return nil
	}
	return o
}

// emptyAt is where an empty list was read: the address of the object
// or list that holds it, and its key there.
type emptyAt struct {
	in  uintptr
	key string
}

// ownEmpty returns v, read at key from in, with an identity of its own
// when it is an empty list without one. JavaScript compares lists by
// identity (book.e == book.e is true, [] == [] false), which folio reads
// from where a list's values are (strictEqualJS); an empty list that
// has no room for values (book.json's [], a literal's) has no such
// place, and stands for one that has, the same wherever it is read
// from there. The expander remembers the last maxEmpties of them.
func (e *expander) ownEmpty(in any, key string, v any) any {
	l, ok := v.([]any)
	if !ok || cap(l) > 0 {
		return v
	}
	var at emptyAt
	switch x := in.(type) {
	case map[string]any:
		at = emptyAt{mapID(x), key}
	case []any:
		if cap(x) == 0 {
			return v
		}
		at = emptyAt{reflect.ValueOf(x).Pointer(), key}
	default:
		return v
	}
	o := e.keyOrders()
	if own, ok := o.empties[at]; ok {
		return own
	}
	own := make([]any, 0, 1)
	o.empties[at], o.holders[at] = own, in
	o.emptyOrder = append(o.emptyOrder, at)
	if len(o.emptyOrder) > maxEmpties {
		delete(o.empties, o.emptyOrder[0])
		delete(o.holders, o.emptyOrder[0])
		o.emptyOrder = slices.Delete(o.emptyOrder, 0, 1)
	}
	return own
}

// maxEmpties bounds the empty lists whose identity ownEmpty remembers.
const maxEmpties = 4096

// ownList returns v with an identity of its own when it is an empty
// list without one (see ownEmpty): what a {% set %} stores is the same
// list wherever it is read.
func ownList(v any) any {
	if l, ok := v.([]any); ok && cap(l) == 0 {
		return make([]any, 0, 1)
	}
	return v
}

// pageVars is HonKit's `page`: the front matter, then what the build
// knows of the page (its SUMMARY.md title, level, neighbours, direction).
func (e *expander) pageVars() map[string]any {
	if e.pageMap != nil {
		return e.pageMap
	}
	order := map[uintptr][]string{}
	var items yaml.MapSlice
	if len(e.meta) > 0 {
		// The front matter is decoded (and its errors reported) during the
		// parse, after expansion; a page that names page.x has it read
		// here too, as HonKit's page attributes: every key as written.
		yml := source.CleanYAML(e.meta)
		_ = yaml.Unmarshal(yml, &items)
		yaml12(yml, items, nil)
	}
	m := plain(items, order).(map[string]any)
	keys := order[mapID(m)]
	for _, k := range slices.Sorted(maps.Keys(e.opts.Page)) {
		if _, set := m[k]; !set {
			keys = append(keys, k)
		}
		m[k] = e.opts.Page[k]
	}
	order[mapID(m)] = keys
	e.rememberOrder(order)
	for _, k := range []string{"previous", "next"} {
		// HonKit's article: depth and ref follow from level and path.
		if a, ok := m[k].(map[string]any); ok {
			a = maps.Clone(a)
			if l, ok := a["level"].(string); ok && a["depth"] == nil {
				a["depth"] = float64(strings.Count(l, "."))
			}
			if a["ref"] == nil {
				a["ref"] = a["path"]
			}
			m[k] = a
		}
	}
	e.pageMap = m
	return m
}

// configVars is HonKit's `config`: book.json over the defaults of
// HonKit's schema (its constants/configDefault).
func (e *expander) configVars() map[string]any {
	if e.config != nil {
		return e.config
	}
	c := map[string]any{"gitbook": "*", "theme": "default", "plugins": []any{},
		"structure": map[string]any{"langs": "LANGS.md", "readme": "README.md", "glossary": "GLOSSARY.md", "summary": "SUMMARY.md"},
		"pdf": map[string]any{"pageNumbers": true, "fontSize": 12.0, "fontFamily": "Arial", "paperSize": "a4",
			"chapterMark": "pagebreak", "pageBreaksBefore": "/", "embedFonts": false,
			"margin": map[string]any{"right": 62.0, "left": 62.0, "top": 56.0, "bottom": 56.0}}}
	e.config = mergeConfig(c, e.opts.Config)
	return e.config
}

// mergeConfig puts over's keys over base's, object within object.
func mergeConfig(base, over map[string]any) map[string]any {
	for k, v := range over {
		b, ok1 := base[k].(map[string]any)
		o, ok2 := v.(map[string]any)
		if ok1 && ok2 {
			base[k] = mergeConfig(b, o)
			continue
		}
		base[k] = v
	}
	return base
}
