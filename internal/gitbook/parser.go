package gitbook

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"folio/internal/diag"
	"folio/internal/suggest"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// maxDepth bounds how many blocks may be open at once. goldmark calls
// Continue on every open block for every line, so unbounded nesting would
// make a hostile page quadratic.
const maxDepth = 100

// Limits of the look-ahead for a tag whose quoted value spans lines
// (`{% @mermaid/diagram content="…` + newline).
const (
	multiLineMaxLines = 50
	multiLineMaxBytes = 8 << 10
)

var stateKey = parser.NewContextKey()

// state is everything the parser remembers about one page.
type state struct {
	src        []byte
	lineStarts []int // offsets of line starts, built on first use
	// lastOff and lastCol are the last offset lineCol counted the column
	// of: reports on one line come in order, and counting each column
	// from the line's start made a long line's thousand reports quadratic.
	lastOff, lastCol int
	diags            []diag.Diagnostic
	open             map[string]int // open paired blocks per tag name
	depth            int
	// tooDeep counts, per tag group, the openers past maxDepth shown as
	// text whose end tags are still to come: those are text too, and
	// close no block.
	tooDeep    map[string]int
	tabs       int        // tabs blocks seen so far, for unique ids
	raw        *Block     // the open `{% raw %}`, inside which tags are text
	closer     *Block     // the block whose end tag is being processed
	closerLine int        // line of that end tag
	origin     LineOrigin // where the source's lines were written; nil when the page includes nothing
	index      *tagIndex  // tag lines of the page, built on first use
	anchors    map[string]int
	lastBad    int // offset of the last line reported, to report it once

	captions []*Label // the captions read from caption= (captionAttr)

	// The {% if %} or branch that a `{% else %}` line just closed, and
	// where that line's tag starts: Open makes the next branch there.
	branchOf *Block
	branchAt int

	// The last line lexed by Continue: every open block looks at the same
	// line, so nested blocks would otherwise lex it once each.
	lexedAt  text.Segment
	lexedTag Tag
	lexedPos int
	lexedRes lexResult
}

func getState(pc parser.Context, src []byte) *state {
	if st, ok := pc.Get(stateKey).(*state); ok {
		return st
	}
	st := &state{src: src, open: map[string]int{}, anchors: map[string]int{}, lastBad: -1, lexedAt: text.NewSegment(-1, -1)}
	st.origin, _ = pc.Get(originKey).(LineOrigin)
	pc.Set(stateKey, st)
	return st
}

// lineOf names the line other of the parsed source, in a message about
// the line at: "line 8", or "line 7 of x.md" when an include put it in
// another file than at's.
func (st *state) lineOf(at, other int) string {
	if st.origin == nil {
		return fmt.Sprintf("line %d", other)
	}
	file, line := st.origin(other)
	if own, _ := st.origin(at); own != file {
		return fmt.Sprintf("line %d of %s", line, file)
	}
	return fmt.Sprintf("line %d", line)
}

// lineCol converts a byte offset to a 1-based line and column (in runes).
func (st *state) lineCol(off int) (int, int) {
	if st.lineStarts == nil {
		st.lineStarts = []int{0}
		for i, c := range st.src {
			if c == '\n' {
				st.lineStarts = append(st.lineStarts, i+1)
			}
		}
	}
	off = max(0, min(off, len(st.src)))
	i := sort.SearchInts(st.lineStarts, off+1) - 1
	start, col := st.lineStarts[i], 1
	if st.lastOff > start && st.lastOff <= off {
		start, col = st.lastOff, st.lastCol
	}
	col += utf8.RuneCount(st.src[start:off])
	if off == len(st.src) || utf8.RuneStart(st.src[off]) {
		// Kept at a character's start only: a count from the middle of
		// one would differ from the count from the line's start.
		st.lastOff, st.lastCol = off, col
	}
	return i + 1, col
}

func (st *state) report(line, col int, sev diag.Severity, rule, hint, format string, args ...any) {
	st.diags = append(st.diags, diag.Diagnostic{
		Line: line, Col: col, Severity: sev, Rule: rule,
		Msg: fmt.Sprintf(format, args...), Hint: hint,
	})
}

// kind says how a tag pairs with its end tag.
type kind int

const (
	kindPaired   kind = iota
	kindOptional      // embed, file: paired only when the end tag follows
	kindSelf          // never takes an end tag
	kindUnknown       // paired when an end tag appears later in the page
)

var pairedTags = map[string]bool{
	"hint": true, "tabs": true, "tab": true, "code": true, "stepper": true, "step": true,
	"columns": true, "column": true, "updates": true, "update": true, "prompt": true,
	"if": true, "content-ref": true, "raw": true,
	"openapi": true, "openapi-operation": true, "openapi-schemas": true, "openapi-webhook": true,
	"swagger": true, "swagger-description": true, "swagger-parameter": true, "swagger-response": true,
	// GitBook v2 API methods.
	"api-method": true, "api-method-summary": true, "api-method-description": true, "api-method-spec": true,
	"api-method-request": true, "api-method-path-parameters": true, "api-method-query-parameters": true,
	"api-method-headers": true, "api-method-body-parameters": true, "api-method-form-data-parameters": true,
	"api-method-parameter": true, "api-method-response": true, "api-method-response-example": true,
	"api-method-response-example-description": true,
	// GitBook v2 names for tabs of code.
	"code-tabs": true, "code-tabs-item": true,
}

func tagKind(name string) kind {
	switch {
	case pairedTags[name]:
		return kindPaired
	case name == "embed" || name == "file":
		return kindOptional
	case name == "page-ref" || name == "include" || name[0] == '@':
		return kindSelf
	}
	return kindUnknown
}

// IsOneLine reports whether line is a block written on one line, its
// opening tag, its content and its end tag, which the parser reads as
// that block (see oneLine), also after the markers of the block quotes
// and list items it stands in (`> `, `- `, `1. `).
func IsOneLine(line string) bool {
	line = afterMarkers(line)
	w := len(line) - len(strings.TrimLeft(line, " "))
	_, _, _, ok := oneLineParts(strings.TrimRight(line[w:], " \t\r\n"))
	return w <= 3 && ok
}

// afterMarkers returns line after the block quote markers and list item
// markers it starts with, each with the blanks before it and the blank
// after it.
func afterMarkers(line string) string {
	for {
		t := strings.TrimLeft(line, " \t")
		n := 0 // the marker's length
		switch {
		case strings.HasPrefix(t, ">"):
			n = 1
		case t != "" && strings.IndexByte("-*+", t[0]) >= 0:
			n = 1
		default:
			for n < len(t) && n < 9 && t[n] >= '0' && t[n] <= '9' {
				n++
			}
			if n == 0 || n == len(t) || t[n] != '.' && t[n] != ')' {
				return line
			}
			n++
		}
		switch {
		case n < len(t) && (t[n] == ' ' || t[n] == '\t'):
			line = t[n+1:]
		case t[0] == '>':
			line = t[n:]
		default:
			return line // a list marker is followed by a blank
		}
	}
}

// oneLineParts reads s as `{% x … %} content {% endx %}`: the opening
// tag, where it ends and where the end tag starts.
func oneLineParts(s string) (t Tag, end, closeAt int, ok bool) {
	t, end, res := lexTag(s, 0)
	if res != lexOK || tagKind(t.Name) == kindSelf || tagKind(t.Name) == kindUnknown || t.Name == "raw" {
		return t, 0, 0, false
	}
	closeAt = strings.LastIndex(s, "{%")
	if closeAt < end {
		return t, 0, 0, false
	}
	c, cend, res := lexTag(s, closeAt)
	return t, end, closeAt, res == lexOK && cend == len(s) && c.Name == "end"+t.Name
}

// aloneMalformed reports whether line, from its "{%", is one tag alone on
// it that does not lex (a HonKit plugin's `{% codetabs name="Py", type="py" %}`),
// with the tag's name.
func aloneMalformed(line []byte) (string, bool) {
	s := strings.TrimRight(string(line), " \t\r\n")
	if !strings.HasPrefix(s, "{%") || !strings.HasSuffix(s, "%}") || strings.Index(s, "%}") != len(s)-2 {
		return "", false
	}
	f := strings.Fields(strings.Trim(s[2:len(s)-2], "- "))
	if len(f) == 0 {
		return "", false
	}
	name, _, _ := strings.Cut(f[0], "=")
	return name, name != ""
}

// IsBlockTag reports whether name, or X for a name endX, is a tag the
// block parser reads (hint, tabs, embed, page-ref, an integration…).
func IsBlockTag(name string) bool {
	if n, ok := endName(name); ok {
		name = n
	}
	return name != "" && tagKind(name) != kindUnknown
}

// IsPaired reports whether name, or X for `endX`, is a block that GitBook
// closes with an end tag.
func IsPaired(name string) bool {
	if n, ok := endName(name); ok {
		name = n
	}
	return pairedTags[name]
}

// endName returns X for `endX`.
func endName(name string) (string, bool) {
	if len(name) > 3 && strings.HasPrefix(name, "end") {
		return name[3:], true
	}
	return "", false
}

// isBranch reports whether name starts another branch of an open
// `{% if %}`: GitBook's own syntax has none, but authors who know Liquid,
// Jinja or HonKit write them in GitBook spaces too.
func isBranch(name string) bool {
	return name == "else" || name == "elif" || name == "elsif" || name == "elseif"
}

// branchAt returns the branch tag ({% else %}) that s starts with.
func branchAt(s string) (Tag, bool) {
	t, _, res := lexTag(s, 0)
	return t, res == lexOK && isBranch(t.Name)
}

// maxBranchTag bounds the bytes lexed for a branch tag within a line of
// text, so that a line of many `{% else` stays linear.
const maxBranchTag = 1 << 10

// group returns the name a block is counted open under and closed by:
// "if" for a branch, which `{% endif %}` ends.
func group(name string) string {
	if isBranch(name) {
		return "if"
	}
	return name
}

// lexLine lexes a line that may be exactly one tag, indented by at most 3
// columns. pos is the index of `{` in line. A tag followed by more text is
// lexBad.
func lexLine(line []byte, lineOffset int) (t Tag, pos int, res lexResult) {
	w, pos := util.IndentWidth(line, lineOffset)
	if w > 3 || pos+1 >= len(line) || line[pos] != '{' || line[pos+1] != '%' {
		return t, pos, lexBad
	}
	s := string(line[pos:])
	t, end, res := lexTag(s, 0)
	if res == lexOK && skipSpace(s, end) != len(s) {
		res = lexBad
	}
	return t, pos, res
}

// startsTag reports whether line starts a tag (possibly spanning lines).
func startsTag(line []byte, lineOffset int) bool {
	_, _, res := lexLine(line, lineOffset)
	return res != lexBad
}

// lexMultiLine lexes a tag whose first line ends inside a quoted value. It
// returns the offset after `%}`; the rest of that line must be blank.
func lexMultiLine(src []byte, off int) (Tag, int, bool) {
	limit, lines := off, 0
	for limit < len(src) && limit-off < multiLineMaxBytes && lines < multiLineMaxLines {
		nl := limit
		for nl < len(src) && src[nl] != '\n' {
			nl++
		}
		if lines > 0 && util.IsBlank(src[limit:nl]) {
			break
		}
		limit = min(nl+1, len(src))
		lines++
	}
	s := string(src[off:limit])
	t, end, res := lexTag(s, 0)
	if res != lexOK {
		return t, 0, false
	}
	rest := end
	for rest < len(s) && s[rest] != '\n' {
		if !isSpace(s[rest]) {
			return t, 0, false
		}
		rest++
	}
	return t, off + end, true
}

type blockParser struct{}

func (blockParser) Trigger() []byte { return []byte{'{'} }

func (blockParser) CanInterruptParagraph() bool { return true }

func (blockParser) CanAcceptIndentedLine() bool { return false }

func (blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	pos := pc.BlockOffset()
	if pos < 0 || pos+1 >= len(line) || line[pos] != '{' || line[pos+1] != '%' {
		return nil, parser.NoChildren
	}
	src := reader.Source()
	st := getState(pc, src)
	if st.raw != nil {
		return nil, parser.NoChildren
	}
	off := seg.Start + pos - seg.Padding
	t, _, res := lexLine(line, reader.LineOffset())
	if res == lexBad {
		if b := st.oneLine(line, off, reader.LineOffset()); b != nil {
			reader.AdvanceToEOL()
			return b, parser.NoChildren
		}
	}
	tagEnd := 0
	if res == lexEOFInQuote {
		var ok bool
		if t, tagEnd, ok = lexMultiLine(src, off); ok {
			res = lexOK
		}
	}
	ln, col := st.lineCol(off)
	if res == lexBad {
		if _, ok := branchAt(string(line[pos:min(len(line), pos+maxBranchTag)])); ok {
			// A branch tag followed by text: the transformer reports
			// it, as it does one within a line.
			return nil, parser.NoChildren
		}
	}
	if res != lexOK {
		if st.lastBad != off {
			st.lastBad = off
			if name, ok := aloneMalformed(line[pos:]); ok {
				// Alone on its line, what is wrong is the tag itself: a
				// HonKit plugin's arguments, separated by commas (t93: told
				// to stand alone on its line, which it did).
				st.report(ln, col, diag.Warning, "block-malformed", `write key="value" attributes, separated by blanks, each value in closed quotes, like {% hint style="info" %}; a HonKit plugin's tag, its arguments separated by commas, is not read`,
					"{%% %s %%} is not written as a block tag folio reads; it is shown as text", name)
			} else {
				st.report(ln, col, diag.Warning, "block-malformed", "a block tag must be alone on its line, like {% hint style=\"info\" %}",
					"line starts with {%% but is not a single block tag; it is shown as text")
			}
		}
		return nil, parser.NoChildren
	}
	if name, ok := endName(t.Name); ok && st.tooDeep[name] > 0 {
		st.tooDeep[name]-- // an opener's, shown as text: so is it
		return nil, parser.NoChildren
	}
	after := seg.Stop
	if tagEnd > 0 {
		after = tagEnd
	}
	if st.depth >= maxDepth {
		if st.lastBad != off {
			st.lastBad = off
			st.report(ln, col, diag.Error, "block-too-deep", "", "more than %d nested block tags; {%% %s %%} is shown as text", maxDepth, t.Name)
			if _, end := endName(t.Name); !end && !isBranch(t.Name) && !st.alone(src, t.Name, after) {
				if st.tooDeep == nil {
					st.tooDeep = map[string]int{}
				}
				st.tooDeep[group(t.Name)]++
			}
		}
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	b := &Block{Tag: t, Line: ln, col: col, off: off, tagEnd: tagEnd}
	if name, ok := endName(t.Name); ok {
		b.stray, b.selfOnly = true, true
		if st.open[name] > 0 {
			st.report(ln, col, diag.Warning, "block-stray-end", "", "{%% %s %%} cannot close {%% %s %%} from inside a list item or quote", t.Name, name)
		} else {
			st.report(ln, col, diag.Warning, "block-stray-end", "remove it, or add the opening tag", "{%% %s %%} has no matching {%% %s %%}", t.Name, name)
		}
		return b, parser.NoChildren
	}
	if isBranch(t.Name) {
		return st.openBranch(b)
	}
	b.selfOnly = st.alone(src, t.Name, after)
	if tagKind(t.Name) == kindUnknown {
		hint := "its content is shown in a neutral box"
		if b.selfOnly {
			hint = "it holds nothing, and is left out"
		}
		st.report(ln, col, diag.Warning, "unsupported", hint, "unknown block tag {%% %s %%}", t.Name)
	}
	st.checkOpen(b)
	if b.selfOnly {
		b.closed = true
		return b, parser.NoChildren
	}
	if st.tagIndexOf(src).unmatched[off] {
		// Its end tag is missing: rather than take the rest of the page,
		// the block ends at the next heading after its first line of
		// content (reported on Close). Only a heading the block starts
		// with is its own (a hint's title).
		b.unclosed = true
	}
	b.ordinal = st.open[t.Name]
	st.open[t.Name]++
	st.depth++
	if t.Name == "raw" {
		st.raw = b
	}
	return b, parser.HasChildren
}

// alone reports whether the tag name whose line ends at after stands
// alone, with no end tag of its own: a tag that never has one, an
// optional one ({% embed %}) whose next tag is not its end, an unknown one
// that no end tag of its name follows.
func (st *state) alone(src []byte, name string, after int) bool {
	switch tagKind(name) {
	case kindSelf:
		return true
	case kindOptional:
		next := st.tagIndexOf(src).next(after)
		return next == nil || next.name != "end"+name
	case kindUnknown:
		return st.tagIndexOf(src).lastEnd[name] < after
	}
	return false
}

// openBranch opens the branch that b's tag starts, after the {% if %} or
// branch that Continue closed on the same line; b alone is a stray tag.
func (st *state) openBranch(b *Block) (ast.Node, parser.State) {
	prev := st.branchOf
	st.branchOf = nil
	if prev == nil || st.branchAt != b.off {
		b.stray, b.selfOnly = true, true
		if st.open["if"] > 0 {
			st.report(b.Line, b.col, diag.Warning, "block-misplaced", "", "{%% %s %%} is not at the level of the {%% if %%} it follows: one of them is in a list item or quote", b.Tag.Name)
		} else {
			st.report(b.Line, b.col, diag.Warning, "block-misplaced", "remove it, or add {% if … %} before it", "{%% %s %%} has no {%% if %%} before it", b.Tag.Name)
		}
		return b, parser.NoChildren
	}
	st.noteBranch(b, prev)
	b.unclosed = prev.unclosed
	b.ordinal = st.open["if"]
	st.open["if"]++
	st.depth++
	return b, parser.HasChildren
}

// noteBranch reports what becomes of branch b, which follows prev. A
// static site cannot tell which branch a visitor would see: every branch
// is shown, in order, as each is when written as a separate {% if %}
// (GitBook's way to write an alternative).
func (st *state) noteBranch(b, prev *Block) {
	if prev.Tag.Name == "else" {
		st.report(b.Line, b.col, diag.Warning, "block-misplaced", "", "{%% %s %%} after {%% else %%}: both branches are shown", b.Tag.Name)
	}
	if b.Tag.Name == "else" {
		st.report(b.Line, b.col, diag.Info, "block-conditional", "", "the {%% else %%} content is always shown too, after the {%% if %%} content")
	} else {
		st.report(b.Line, b.col, diag.Info, "block-conditional", "", "conditional content is always shown (condition: %s)", b.Tag.positional())
	}
}

// oneLine reads a block written on one line, its opening tag, its
// content and its closing tag: `{% tab title="Linux" %} text {% endtab %}`,
// a form GitBook's own documentation shows. It returns the block, closed,
// holding its content as a paragraph; nil when the line is not one.
// off is where the line's first tag starts in the source.
//
// An {% if %} may hold branches too, `{% if x %} a {% else %} b {% endif %}`:
// each is a block of its own, as on separate lines, which Close puts
// after the if.
func (st *state) oneLine(line []byte, off, lineOffset int) *Block {
	w, pos := util.IndentWidth(line, lineOffset)
	if w > 3 || pos+1 >= len(line) {
		return nil
	}
	s := strings.TrimRight(string(line[pos:]), " \t\r\n")
	t, end, closeAt, ok := oneLineParts(s)
	if !ok || st.depth >= maxDepth {
		return nil
	}
	// Each part: its tag, where the tag starts and where its content
	// starts, then ends (at the next tag).
	type part struct {
		tag          Tag
		at, from, to int
	}
	parts := []part{{tag: t, from: end}}
	for i := end; ; {
		j := strings.Index(s[i:closeAt], "{%")
		if j < 0 {
			break
		}
		j += i
		bt, bend, res := lexTag(s, j)
		if t.Name != "if" || res != lexOK || !isBranch(bt.Name) || bend > closeAt {
			return nil // other tags within: not this simple form
		}
		parts[len(parts)-1].to = j
		parts = append(parts, part{tag: bt, at: j, from: bend})
		i = bend
	}
	parts[len(parts)-1].to = closeAt
	blocks := make([]*Block, len(parts))
	for k, p := range parts {
		from, to := skipSpace(s, p.from), p.to
		for to > from && (s[to-1] == ' ' || s[to-1] == '\t') {
			to--
		}
		ln, col := st.lineCol(off + p.at)
		b := &Block{Tag: p.tag, Line: ln, col: col, off: off + p.at, selfOnly: true, closed: true}
		if from < to {
			para := ast.NewParagraph()
			para.Lines().Append(text.NewSegment(off+from, off+to))
			b.AppendChild(b, para)
		}
		blocks[k] = b
	}
	// A block or branch with nothing in it (`{% tab title="X" %}{% endtab %}`,
	// `{% if x %}a{% else %}{% endif %}`) is read as the lines it stands
	// for, the tags on lines of their own with nothing between them (t90:
	// an empty tab was text).
	st.checkOpen(blocks[0])
	for k, b := range blocks[1:] {
		st.noteBranch(b, blocks[k])
	}
	blocks[0].branches = blocks[1:]
	return blocks[0]
}

// checkOpen reports problems visible on the opening tag and numbers the
// blocks that need page-unique ids.
func (st *state) checkOpen(b *Block) {
	t := &b.Tag
	st.checkAttrs(b)
	switch t.Name {
	case "hint":
		if s, ok := t.Get("style"); ok && hintStyle(s) == "" {
			ln, col := b.Line, b.col
			if i := slices.IndexFunc(t.Attrs, func(a Attr) bool { return a.Key == "style" }); i >= 0 {
				ln, col = st.valuePos(b, st.attrOffsets(b), i)
			}
			st.report(ln, col, diag.Warning, "hint-style", valueHint("style", s, hintStyles), "unknown hint style %q; shown as info", s)
		}
		st.checkIcon(b)
	case "tab", "code-tabs-item":
		st.checkIcon(b)
		misspelt := slices.ContainsFunc(t.Attrs, func(a Attr) bool { return a.Key != "title" && suggest.Nearest(a.Key, []string{"title"}) != "" })
		if strings.TrimSpace(t.get("title")) == "" && !misspelt { // a misspelt title= is said once, by checkAttrs
			st.report(b.Line, b.col, diag.Warning, "block-malformed", fmt.Sprintf(`write {%% %s title="…" %%}`, t.Name),
				"{%% %s %%} has no title: its button shows its number", t.Name)
		}
	case "tabs", "code-tabs":
		st.tabs++
		b.seq = st.tabs
	case "if":
		st.report(b.Line, b.col, diag.Info, "block-conditional", "", "conditional content is always shown (condition: %s)", t.positional())
	case "include":
		st.report(b.Line, b.col, diag.Info, "block-include", "", "include is not expanded yet")
	case "embed", "file", "content-ref":
		attr := URLAttrs(t.Name)[0]
		if strings.TrimSpace(t.get(attr)) == "" {
			st.report(b.Line, b.col, diag.Warning, "block-malformed", fmt.Sprintf(`write {%% %s %s="…" %%}`, t.Name, attr),
				"{%% %s %%} has no %s: there is nothing to show", t.Name, attr)
		}
	case "update":
		// Blanks around the date are no part of it, for the page, its
		// anchor and the feed alike (t92: shown trimmed, called invalid).
		for i := range t.Attrs {
			if t.Attrs[i].Key == "date" {
				t.Attrs[i].Val = strings.TrimSpace(t.Attrs[i].Val)
			}
		}
		d := t.get("date")
		if d == "" {
			st.report(b.Line, b.col, diag.Warning, "update-date", `write {% update date="YYYY-MM-DD" %}`,
				"update has no date: it shows none, and the updates feed leaves it out")
			return
		}
		if _, err := time.Parse("2006-01-02", d); err != nil || len(d) != 10 {
			st.report(b.Line, b.col, diag.Warning, "update-date", "write the date as YYYY-MM-DD", "update date %q is not a valid YYYY-MM-DD date: the page shows it as written, with no link to it, and the updates feed leaves it out", d)
			return
		}
		id := "update-" + d
		if n := st.anchors[id]; n > 0 {
			st.anchors[id]++
			id = fmt.Sprintf("%s-%d", id, n+1)
		} else {
			st.anchors[id] = 1
		}
		b.anchor = id
	}
	if t.Name != "@mermaid/diagram" && strings.HasPrefix(t.Name, "@") {
		st.report(b.Line, b.col, diag.Info, "block-integration", "", "integration {%% %s %%} is shown as a link", t.Name)
	}
}

// checkIcon reports an icon attribute folio has no drawing for.
func (st *state) checkIcon(b *Block) {
	if icon := b.Tag.get("icon"); icon != "" && !KnownIcon(icon) {
		st.report(b.Line, b.col, diag.Info, "icon-unknown", "", "icon %q is not in folio's icon set; a neutral glyph is shown", icon)
	}
}

func (blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	b := node.(*Block)
	line, seg := reader.PeekLine()
	if b.tagEnd > 0 {
		if line != nil && seg.Start < b.tagEnd {
			reader.AdvanceToEOL()
			return parser.Continue | parser.NoChildren
		}
		b.tagEnd = 0
	}
	if b.selfOnly || line == nil {
		return parser.Close
	}
	st := getState(pc, reader.Source())
	if st.raw != nil && st.raw != b {
		return parser.Continue | parser.HasChildren
	}
	if st.lexedAt != seg {
		st.lexedAt = seg
		st.lexedTag, st.lexedPos, st.lexedRes = lexLine(line, reader.LineOffset())
	}
	t, pos, res := st.lexedTag, st.lexedPos, st.lexedRes
	if b.unclosed && b.Tag.Name == "code" && pc.LastOpenedBlock().Node == b {
		// Its code block, which GitBook always writes first and alone,
		// is over: the text after it is the page's, not code.
		if _, ok := b.LastChild().(*ast.FencedCodeBlock); ok {
			st.report(b.Line, b.col, diag.Error, "block-unclosed", "add {% endcode %}", "{%% %s %%} is not closed: it ends after its code block", b.Tag.Name)
			// Counted closed now: a block this line opens (another
			// {% code %}) opens before Close runs.
			b.closed, b.released = true, true
			st.open[group(b.Tag.Name)]--
			st.depth--
			return parser.Close
		}
	}
	if b.unclosed && b.HasChildren() {
		if isHeading(line, reader.LineOffset()) && !deepestIsLiteral(pc, b, reader.Source()) && !inClosedBlock(pc, b) {
			b.cutLine, _ = st.lineCol(seg.Start)
			return parser.Close
		}
	}
	if res != lexOK {
		return parser.Continue | parser.HasChildren
	}
	if isTab(b.Tag.Name) && isTab(t.Name) && st.open[b.Tag.Name]-1 == b.ordinal && st.tooDeep["tabs"]+st.tooDeep["code-tabs"] == 0 && !deepestIsLiteral(pc, b, reader.Source()) {
		// The next tab of the same tabs block, this one left open: the
		// author forgot {% endtab %}; the new tab is its sibling.
		if p, isBlock := b.Parent().(*Block); isBlock && isTabs(p.Tag.Name) && st.open[p.Tag.Name]-1 == p.ordinal {
			ln, _ := st.lineCol(seg.Start + pos - seg.Padding)
			st.report(b.Line, b.col, diag.Error, "block-unclosed", fmt.Sprintf("add {%% end%s %%}", b.Tag.Name),
				"{%% %s %%} is not closed before the next {%% %s %%} on line %d", b.Tag.Name, t.Name, ln)
			// Counted closed now: the next tab opens before Close runs.
			b.closed, b.released = true, true
			st.open[b.Tag.Name]--
			st.depth--
			return parser.Close
		}
	}
	if isBranch(t.Name) && group(b.Tag.Name) == "if" && st.open["if"]-1 == b.ordinal && !deepestIsLiteral(pc, b, reader.Source()) {
		// The branch ends this one, as {% endif %} would, and opens
		// where this one stood (openBranch).
		b.closed, b.released = true, true
		st.open["if"]--
		st.depth--
		st.branchOf, st.branchAt = b, seg.Start+pos-seg.Padding
		return parser.Close
	}
	name, ok := endName(t.Name)
	// A closer belongs to the innermost open block of that name; outer
	// blocks see the line first and must let it through, as every block
	// does a closer of an opener shown as text (Open).
	if !ok || name != group(b.Tag.Name) || st.open[name]-1 != b.ordinal || st.tooDeep[name] > 0 {
		return parser.Continue | parser.HasChildren
	}
	if deepestIsLiteral(pc, b, reader.Source()) {
		at := seg.Start + pos - seg.Padding
		fence, cut := st.tagIndexOf(reader.Source()).cuts[at]
		if _, isFence := pc.LastOpenedBlock().Node.(*ast.FencedCodeBlock); !cut || !isFence {
			return parser.Continue | parser.HasChildren
		}
		ln, col := st.lineCol(fence)
		endLn, _ := st.lineCol(at)
		st.report(ln, col, diag.Warning, "code-unclosed", "close it with the line that opened it, such as ```",
			"code block opened here is not closed: it ends at {%% %s %%} on line %d", t.Name, endLn)
	}
	b.closed = true
	st.closer = b
	st.closerLine, _ = st.lineCol(seg.Start + pos - seg.Padding)
	reader.AdvanceToEOL()
	return parser.Close
}

// inClosedBlock reports whether a block that its end tag closes is open
// below b: a heading there is that block's (a step's title), not the
// end of b.
func inClosedBlock(pc parser.Context, b *Block) bool {
	for n := pc.LastOpenedBlock().Node; n != nil && n != b; n = n.Parent() {
		if c, ok := n.(*Block); ok && !c.unclosed {
			return true
		}
	}
	return false
}

// isHeading reports whether line is an ATX heading.
func isHeading(line []byte, lineOffset int) bool {
	w, pos := util.IndentWidth(line, lineOffset)
	if w > 3 {
		return false
	}
	n := 0
	for pos+n < len(line) && line[pos+n] == '#' {
		n++
	}
	return n > 0 && n <= 6 && (pos+n == len(line) || util.IsSpace(line[pos+n]))
}

// deepestIsLiteral reports whether the innermost open block below b takes
// the current line as text: an open fence, a `<pre>`/comment HTML block, or
// the rest of a multi-line tag.
func deepestIsLiteral(pc parser.Context, b *Block, src []byte) bool {
	last := pc.LastOpenedBlock().Node
	switch n := last.(type) {
	case *ast.FencedCodeBlock:
		return true
	case *ast.HTMLBlock:
		return n.HTMLBlockType != ast.HTMLBlockType6 && n.HTMLBlockType != ast.HTMLBlockType7 && !htmlDoneOnFirstLine(n, src)
	case *Block:
		return n != b && n.tagEnd > 0
	}
	return false
}

// htmlDoneOnFirstLine mirrors goldmark: an HTML block of types 1-5 whose
// first line holds its end marker closes on the next line without taking it.
func htmlDoneOnFirstLine(n *ast.HTMLBlock, src []byte) bool {
	if n.Lines().Len() != 1 {
		return false
	}
	seg := n.Lines().At(0)
	first := strings.ToLower(string(seg.Value(src)))
	switch n.HTMLBlockType {
	case ast.HTMLBlockType1:
		return strings.Contains(first, "</script>") || strings.Contains(first, "</pre>") ||
			strings.Contains(first, "</style>") || strings.Contains(first, "</textarea>")
	case ast.HTMLBlockType2:
		return strings.Contains(first, "-->")
	case ast.HTMLBlockType3:
		return strings.Contains(first, "?>")
	case ast.HTMLBlockType4:
		return strings.Contains(first, ">")
	case ast.HTMLBlockType5:
		return strings.Contains(first, "]]>")
	}
	return false
}

func (blockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	b := node.(*Block)
	st := getState(pc, reader.Source())
	if b.stray {
		node.Parent().RemoveChild(node.Parent(), node)
		return
	}
	if !b.selfOnly && !b.released {
		st.open[group(b.Tag.Name)]--
		st.depth--
	}
	if st.raw == b {
		st.raw = nil
	}
	if !b.closed {
		hint := fmt.Sprintf("add {%% end%s %%}", group(b.Tag.Name))
		switch line, _ := reader.PeekLine(); {
		case b.cutLine > 0:
			st.report(b.Line, b.col, diag.Error, "block-unclosed", hint, "{%% %s %%} is not closed: it ends before the heading on %s",
				b.Tag.Name, st.lineOf(b.Line, b.cutLine))
		case st.closer != nil:
			st.report(b.Line, b.col, diag.Error, "block-unclosed", hint, "{%% %s %%} is not closed before {%% end%s %%} on %s",
				b.Tag.Name, group(st.closer.Tag.Name), st.lineOf(b.Line, st.closerLine))
		case line == nil:
			st.report(b.Line, b.col, diag.Error, "block-unclosed", hint, "{%% %s %%} is not closed before the end of the page", b.Tag.Name)
		default:
			st.report(b.Line, b.col, diag.Error, "block-unclosed", hint, "{%% %s %%} is not closed before the end of its enclosing block", b.Tag.Name)
		}
	}
	if st.closer == b {
		st.closer = nil
	}
	st.finish(b)
	// The branches of a one-line {% if %} follow it, as they would from
	// lines of their own.
	at := ast.Node(b)
	for _, br := range b.branches {
		b.Parent().InsertAfter(b.Parent(), at, br)
		at = br
	}
}

// finish reshapes the children of a closed block for rendering.
func (st *state) finish(b *Block) {
	switch b.Tag.Name {
	case "hint":
		if h, ok := b.FirstChild().(*ast.Heading); ok && h.Lines().Len() > 0 {
			l := &Label{Role: "hint-title"}
			l.SetLines(h.Lines())
			l.SetPos(h.Pos())
			// Its {#id}, which links use (t98: lost).
			for _, a := range h.Attributes() {
				l.SetAttribute(a.Name, a.Value)
			}
			b.ReplaceChild(b, h, l)
		}
	case "embed", "file":
		captionize(b)
		if !b.HasChildren() {
			st.captionAttr(b)
		}
	case "code":
		if !holdsCode(b) {
			st.report(b.Line, b.col, diag.Warning, "block-malformed", "put a fenced code block (```) right after the tag",
				"{%% code %%} holds no code block: its title and options apply to nothing")
		}
	case "tabs", "code-tabs":
		n := 0
		for c := b.FirstChild(); c != nil; c = c.NextSibling() {
			if cb, ok := c.(*Block); ok && isTab(cb.Tag.Name) {
				n++
				cb.seq, cb.parent = n, b.seq
				continue
			}
			ln, col := st.posOf(c, b)
			st.report(ln, col, diag.Warning, "tabs-child", "move it into a {% tab %}", "content directly inside {%% %s %%} is not in a tab", b.Tag.Name)
		}
		if n == 0 {
			// An empty row of tab buttons (t61).
			st.report(b.Line, b.col, diag.Warning, "tabs-child", `write a {% tab title="…" %} … {% endtab %} in it, or remove it`, "{%% %s %%} holds no tab: readers see an empty bar", b.Tag.Name)
		}
	case "tab", "code-tabs-item":
		if p, ok := b.Parent().(*Block); !ok || !isTabs(p.Tag.Name) {
			st.report(b.Line, b.col, diag.Warning, "block-misplaced", "", "{%% %s %%} outside {%% tabs %%}", b.Tag.Name)
		}
	case "step":
		if p, ok := b.Parent().(*Block); !ok || p.Tag.Name != "stepper" {
			st.report(b.Line, b.col, diag.Warning, "block-misplaced", "", "{%% step %%} outside {%% stepper %%}")
		}
	case "stepper":
		wrapLooseSteps(st, b)
		for p := b.Parent(); p != nil; p = p.Parent() {
			if pb, ok := p.(*Block); ok && pb.Tag.Name == "step" {
				// GitBook's editor nests no stepper in a step (t61): its
				// steps are numbered as a list in a list.
				st.report(b.Line, b.col, diag.Warning, "block-misplaced", "make its steps steps of the outer stepper, or a list",
					"{%% stepper %%} inside a {%% step %%}: GitBook does not nest steppers")
				break
			}
		}
	case "swagger":
		if b.Tag.get("src") == "" {
			finishOp(b)
		}
	case "api-method":
		finishOp(b)
	default:
		if op := apiFamily(b.Tag.Name); op != "" {
			if p, ok := b.Parent().(*Block); !ok || apiFamily(p.Tag.Name) != op {
				st.report(b.Line, b.col, diag.Warning, "block-misplaced", "", "{%% %s %%} outside {%% %s %%}", b.Tag.Name, op)
			}
		}
	}
}

// holdsCode reports whether a {% code %} block holds a code block.
func holdsCode(b *Block) bool {
	for c := b.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			return true
		}
	}
	return false
}

func isTab(name string) bool  { return name == "tab" || name == "code-tabs-item" }
func isTabs(name string) bool { return name == "tabs" || name == "code-tabs" }

func (st *state) posOf(n ast.Node, fallback *Block) (int, int) {
	if n.Pos() >= 0 {
		return st.lineCol(n.Pos())
	}
	return fallback.Line, fallback.col
}

// captionize turns the children of a captioned embed or file into one
// caption Label; a lone paragraph loses its <p>.
func captionize(b *Block) {
	first := b.FirstChild()
	if first == nil {
		return
	}
	l := &Label{Role: "caption"}
	if p, ok := first.(*ast.Paragraph); ok && first.NextSibling() == nil {
		l.SetLines(p.Lines())
		l.SetPos(p.Pos())
		b.ReplaceChild(b, p, l)
		return
	}
	l.SetPos(first.Pos())
	for c := b.FirstChild(); c != nil; c = b.FirstChild() {
		b.RemoveChild(b, c)
		l.AppendChild(l, c)
	}
	b.AppendChild(b, l)
}

// captionAttr gives an embed or file the caption of its caption=, where
// GitBook v2 wrote it: a Label over the value as written, so that its
// inline Markdown (emphasis, code, links) is read as a caption's between
// the tags is. Raw HTML in it is text (see transformer).
func (st *state) captionAttr(b *Block) {
	i := slices.IndexFunc(b.Tag.Attrs, func(a Attr) bool { return a.Key == "caption" })
	if i < 0 || strings.TrimSpace(b.Tag.Attrs[i].Val) == "" {
		return
	}
	start, stop, ok := st.valueSpan(b, i)
	if !ok {
		return
	}
	l := &Label{Role: "caption"}
	l.SetPos(start)
	// One segment a line, as a paragraph has, its newline kept so that
	// lines stay apart; none for a blank line, which the inline parser
	// cannot read (caption="\nText" made it panic).
	for start < stop {
		end := stop
		if nl := bytes.IndexByte(st.src[start:stop], '\n'); nl >= 0 {
			end = start + nl + 1
		}
		seg := text.NewSegment(start, end)
		seg = seg.TrimLeftSpace(st.src)
		if end == stop {
			seg = seg.TrimRightSpace(st.src)
		}
		if seg.Len() > 0 {
			l.Lines().Append(seg)
		}
		start = end
	}
	b.AppendChild(b, l)
	st.captions = append(st.captions, l)
}

// wrapLooseSteps puts content that sits directly in a stepper into steps so
// the <ol> holds only <li>.
func wrapLooseSteps(st *state, b *Block) {
	var wrap *Block
	for c := b.FirstChild(); c != nil; {
		next := c.NextSibling()
		if cb, ok := c.(*Block); ok && cb.Tag.Name == "step" {
			wrap = nil
			c = next
			continue
		}
		if wrap == nil {
			ln, col := st.posOf(c, b)
			st.report(ln, col, diag.Warning, "stepper-child", "move it into a {% step %}", "content directly inside {%% stepper %%} is not in a step")
			wrap = &Block{Tag: Tag{Name: "step"}, Line: ln, col: col, closed: true}
			b.InsertBefore(b, c, wrap)
		}
		b.RemoveChild(b, c)
		wrap.AppendChild(wrap, c)
		c = next
	}
}

// tagIndex lists the tag lines of a page outside fenced code, for the
// look-ahead that decides whether embed, file and unknown tags are paired.
type tagIndex struct {
	entries []indexEntry
	lastEnd map[string]int // offset of the last `{% endX %}` per X
	// unmatched holds the offsets of the `{% X %}` tags that no
	// `{% endX %}` after them is left to close, once each end is given to
	// the nearest opening of X before it that has none.
	unmatched map[int]bool
	// cuts maps the offset of an end tag that ends a code fence left open
	// to the offset of the fence's line: a fence never closed inside a
	// block ends at the end tag of a block open around it (tags stand
	// alone at the start of their lines, code rarely does so), rather
	// than take the rest of the page and leave every block open.
	cuts map[int]int
	// swallowed are the code fences opened in a block that hold, alone on
	// a line, an end tag of a block open around them, and close later:
	// the author's closing fence may be missing (the next code sample's
	// closed it), and the rest of the block is code. A fence may show an
	// end tag on purpose, so the page is built as written, with a warning.
	swallowed []swallow
}

// swallow is a fence at offset fence whose code holds the end tag name at
// offset tag.
type swallow struct {
	fence, tag int
	name       string
}

type indexEntry struct {
	off    int
	name   string
	indent int // columns before the tag
}

// LiteralHTMLEnd returns what ends the raw HTML block that line (its
// indentation removed) opens, whose lines are text, neither Markdown nor
// tags: a comment, <pre>, <script>, <style> or <textarea>; nil for
// another line.
func LiteralHTMLEnd(line []byte) []byte {
	if bytes.HasPrefix(line, []byte("<!--")) {
		return []byte("-->")
	}
	lower := bytes.ToLower(line[:min(len(line), 10)])
	for _, tag := range []string{"pre", "script", "style", "textarea"} {
		n := len(tag) + 1
		if bytes.HasPrefix(lower, []byte("<"+tag)) && (len(lower) == n || bytes.IndexByte([]byte("> \t\r\n"), lower[n]) >= 0) {
			return []byte("</" + tag + ">")
		}
	}
	return nil
}

func (st *state) tagIndexOf(src []byte) *tagIndex {
	if st.index == nil {
		st.index = buildIndex(src)
		for _, sw := range st.index.swallowed {
			ln, col := st.lineCol(sw.fence)
			tagLn, _ := st.lineCol(sw.tag)
			st.report(ln, col, diag.Warning, "code-unclosed", "close the code block before it, if that is where it ends",
				"code block opened here holds {%% %s %%} on line %d, the end of the block around it: shown as code", sw.name, tagLn)
		}
	}
	return st.index
}

func buildIndex(src []byte) *tagIndex {
	idx := &tagIndex{lastEnd: map[string]int{}, cuts: map[int]int{}}
	var fenceChar byte
	fenceLen, fenceAt := 0, 0
	var literalEnd []byte    // the end of an HTML comment or <pre> being skipped
	open := map[string]int{} // blocks open so far, by group
	var pending []swallow    // of the fence being read
	// A fence of Markdown or text may show tags on purpose: its end tags
	// are a mistake only when a fence line follows them in it, the next
	// sample's opening fence read as code.
	var showsTags, nextSample bool
	for start := 0; ; {
		if start >= len(src) {
			if fenceChar == 0 {
				break
			}
			cut := fenceCut(src, fenceAt, open)
			if cut < 0 {
				break
			}
			idx.cuts[cut], fenceChar = fenceAt, 0
			start = cut // the end tag's line, read again as a tag
			continue
		}
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		line := src[start:end]
		i, width := 0, 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			width++
			if line[i] == '\t' {
				width += 3 // to the next stop, near enough for "more than 3"
			}
			i++
		}
		rest := line[i:]
		if literalEnd != nil {
			if bytes.Contains(bytes.ToLower(line), literalEnd) {
				literalEnd = nil
			}
			start = end + 1
			continue
		}
		if fenceChar == 0 {
			if e := LiteralHTMLEnd(rest); e != nil && !bytes.Contains(bytes.ToLower(rest), e) {
				literalEnd = e
				start = end + 1
				continue
			}
		}
		if n := fenceRun(rest); n >= 3 {
			switch {
			case fenceChar == 0:
				fenceChar, fenceLen, fenceAt, pending = rest[0], n, start, nil
				showsTags, nextSample = showsMarkup(rest[n:]), false
			case rest[0] == fenceChar && n >= fenceLen && util.IsBlank(rest[n:]):
				fenceChar = 0
				if !showsTags || nextSample {
					idx.swallowed = append(idx.swallowed, pending...)
				}
			case len(pending) > 0 && rest[0] == fenceChar && n >= fenceLen:
				// The next code sample's opening fence, as code; a shorter
				// one is content the author's longer fence was made for.
				nextSample = true
			}
		} else if len(rest) > 1 && rest[0] == '{' && rest[1] == '%' && (fenceChar == 0 || width <= 3) {
			s := string(rest)
			if t, e, res := lexTag(s, 0); res == lexOK && skipSpace(s, e) == len(s) {
				name, isEnd := endName(t.Name)
				switch {
				case fenceChar != 0:
					if isEnd && open[name] > 0 {
						pending = append(pending, swallow{fenceAt, start + i, t.Name})
					}
				default:
					idx.entries = append(idx.entries, indexEntry{start + i, t.Name, width})
					if isEnd {
						idx.lastEnd[name] = start + i
						open[name]--
					} else {
						open[group(t.Name)]++
					}
				}
			}
		}
		start = end + 1
	}
	// Backwards: ends of X minus openings of X after each tag.
	idx.unmatched = map[int]bool{}
	balance := map[string]int{}
	for k := len(idx.entries) - 1; k >= 0; k-- {
		e := idx.entries[k]
		if e.indent > 3 {
			// In a list item, or code indented: which, a line alone
			// cannot tell; such tags neither count nor are cut.
			continue
		}
		if name, ok := endName(e.name); ok {
			balance[name]++
			continue
		}
		if balance[e.name] < 1 {
			// No end left for it: the ends after it close the blocks
			// opened after it (a {% code %} left open before a closed one
			// is the one reported).
			idx.unmatched[e.off] = true
			continue
		}
		balance[e.name]--
	}
	// A fence's end tag is its block's only if that block is open there:
	// opened by a tag its end closes (not an {% embed %} without one).
	idx.swallowed = slices.DeleteFunc(idx.swallowed, func(sw swallow) bool {
		name, _ := endName(sw.name)
		open := 0
		for _, e := range idx.entries {
			if e.off > sw.fence {
				break
			}
			if n, isEnd := endName(e.name); isEnd && n == name {
				open--
			} else if !isEnd && group(e.name) == name && !idx.unmatched[e.off] {
				open++
			}
		}
		return open <= 0
	})
	// One warning a fence: its first end tag of a block open around it.
	idx.swallowed = slices.CompactFunc(idx.swallowed, func(a, b swallow) bool { return a.fence == b.fence })
	return idx
}

// showsMarkup reports whether a fence's info string names a language
// whose code may show GitBook's tags as written: none or plain text,
// Markdown, or a template language of the same {% %} syntax. A tag in a
// sample of Python or shell is rather a fence left open.
func showsMarkup(info []byte) bool {
	lang, _, _ := strings.Cut(strings.TrimSpace(string(info)), " ")
	switch strings.ToLower(lang) {
	case "", "text", "txt", "plaintext", "markdown", "md", "liquid", "jinja", "jinja2", "nunjucks", "twig", "django":
		return true
	}
	return false
}

// fenceCut returns the offset of the first end tag after the fence at
// fenceAt, alone at the start of its line, of a block open at the fence
// (open: more of its tags open before it than end); -1 if none.
func fenceCut(src []byte, fenceAt int, open map[string]int) int {
	for start := fenceAt; start < len(src); {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		if start > fenceAt && end-start > 1 && src[start] == '{' && src[start+1] == '%' {
			s := string(src[start:end])
			if t, e, res := lexTag(s, 0); res == lexOK && skipSpace(s, e) == len(s) {
				if name, ok := endName(t.Name); ok && open[name] > 0 {
					return start
				}
			}
		}
		start = end + 1
	}
	return -1
}

func fenceRun(s []byte) int {
	if len(s) == 0 || s[0] != '`' && s[0] != '~' {
		return 0
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return n
}

// next returns the first tag line at or after off.
func (idx *tagIndex) next(off int) *indexEntry {
	i := sort.Search(len(idx.entries), func(i int) bool { return idx.entries[i].off >= off })
	if i == len(idx.entries) {
		return nil
	}
	return &idx.entries[i]
}

// htmlBlockParser is goldmark's HTML block parser, except that blocks of
// types 6 and 7 (which run to a blank line) also end before a tag line, so
// `</figure>` + `{% endtab %}` without a blank line keeps the tag. Types 1-5
// (`<pre>`, comments, …) keep running to their end marker.
type htmlBlockParser struct{ inner parser.BlockParser }

func (p htmlBlockParser) Trigger() []byte { return p.inner.Trigger() }

func (p htmlBlockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, segment := reader.PeekLine()
	if blockTagLine(line) {
		// goldmark finds the same by trying seven regular expressions, the
		// slowest part of parsing GitBook's HTML-heavy pages.
		node := ast.NewHTMLBlock(ast.HTMLBlockType6)
		reader.AdvanceToEOL()
		node.Lines().Append(segment)
		return node, parser.NoChildren
	}
	return p.inner.Open(parent, reader, pc)
}

// blockTagLine reports whether line opens a CommonMark HTML block of type
// 6 for certain: up to three spaces, a start or end tag of a block element
// ("<div", "</figure"), then a space, ">", "/>" or the end of the line.
// Other lines, including the rarer forms of type 6 (a tab after the name),
// are left to goldmark.
func blockTagLine(line []byte) bool {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	if i >= len(line) || line[i] != '<' {
		return false
	}
	i++
	if i < len(line) && line[i] == '/' {
		i++
		for i < len(line) && line[i] == ' ' {
			i++
		}
	}
	start := i
	for i < len(line) && (isASCIILetter(line[i]) || i > start && (line[i] >= '0' && line[i] <= '9' || line[i] == '-')) {
		i++
	}
	if i == start || i-start > len("blockquote") {
		return false
	}
	var name [10]byte
	for k := start; k < i; k++ {
		name[k-start] = line[k] | 0x20
	}
	if !blockTags[string(name[:i-start])] {
		return false
	}
	rest := line[i:]
	return len(rest) == 0 || rest[0] == ' ' || rest[0] == '>' || rest[0] == '/' && len(rest) > 1 && rest[1] == '>' ||
		string(rest) == "\n" || string(rest) == "\r\n"
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// blockTags are the element names of HTML blocks of type 6, as goldmark
// knows them (CommonMark's list; TestBlockTagLine holds the two together).
var blockTags = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`address article aside base basefont blockquote body caption center col
		colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset
		h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem meta nav noframes
		ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul`) {
		blockTags[n] = true
	}
}

func (p htmlBlockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	if h, ok := node.(*ast.HTMLBlock); ok && (h.HTMLBlockType == ast.HTMLBlockType6 || h.HTMLBlockType == ast.HTMLBlockType7) {
		st, _ := pc.Get(stateKey).(*state)
		if line, _ := reader.PeekLine(); line != nil && (st == nil || st.raw == nil) && startsTag(line, reader.LineOffset()) {
			return parser.Close
		}
	}
	return p.inner.Continue(node, reader, pc)
}

func (p htmlBlockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.inner.Close(node, reader, pc)
}

func (p htmlBlockParser) CanInterruptParagraph() bool { return p.inner.CanInterruptParagraph() }

func (p htmlBlockParser) CanAcceptIndentedLine() bool { return p.inner.CanAcceptIndentedLine() }
