package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"folio/internal/diag"
	"folio/internal/gitbook"
	"folio/internal/source"
)

// linkTitle matches the title after a link destination: ` "Title"`.
var linkTitle = regexp.MustCompile(`\s+("[^"]*"|'[^']*'|\([^)]*\))\s*$`)

// loose finds what HonKit's parser reads more loosely than CommonMark:
// links and images whose destination holds a space
// (`![Map](assets/site map.png)`), and headings without a space after
// their #s (`##Setup`, or a no-break space), which CommonMark reads as
// text. In a HonKit book (legacy) they are rewritten as CommonMark
// writes them, `](<assets/site map.png>)` and `## Setup`, as HonKit
// reads them; elsewhere each is a warning. firstLine is the page line
// src starts at.
//
// It also finds, in a GitBook space, variables written in the template
// form `{{ space.vars.x }}`, which GitBook shows as written (it writes
// `<code class="expression">space.vars.x</code>`): a warning each.
//
// which says what to look for: the variables are looked for in the page
// as written, before its expansion, so that their columns are the
// file's; the rest after it.
func (d *Doc) loose(src []byte, legacy bool, firstLine int, which looseCheck) []byte {
	spaced := which&looseLinks != 0 && mayHaveSpacedLink(src)
	tight := which&looseHeadings != 0 && mayHaveTightHeading(src)
	braces := which&looseVars != 0 && !legacy && bytes.Contains(src, []byte("{{"))
	spaces := which&looseSpaces != 0 && (bytes.Contains(src, []byte("&#x20;*")) || bytes.Contains(src, []byte("&#x20;_")))
	tags := which&looseTags != 0 && !legacy && bytes.Contains(src, []byte("{%"))
	if !spaced && !tight && !braces && !spaces && !tags {
		return src // most pages: no fence or line to follow
	}
	var out []byte
	var open fence
	var html rawHTMLLines
	blocks := blockLines{prevBlank: true} // indented code is not looked through (t90)
	lines := bytes.SplitAfter(src, []byte("\n"))
	warn := func(i, col int, rule, msg, hint string) {
		if col > 1 {
			col = source.Col(string(lines[i]), col-1)
		}
		col = d.originCol(firstLine+i, col)
		path, line := d.origin(firstLine + i) // an included file's line, after expansion
		d.Diags = append(d.Diags, diag.Diagnostic{Path: path, Line: line, Col: col, Severity: diag.Warning, Rule: rule, Msg: msg, Hint: hint})
	}
	for i, line := range lines {
		if open.ch == 0 && html.in(line, i == 0 || len(bytes.TrimSpace(lines[i-1])) == 0) {
			// Raw HTML: its lines are neither headings nor links.
			out = append(out, line...)
			continue
		}
		if f := fenceOf(string(line)); f.ch != 0 {
			switch {
			case open.ch == 0:
				open = f
				out = append(out, line...)
				continue
			case f.ch == open.ch && f.n >= open.n && strings.TrimSpace(f.info) == "":
				open = fence{}
				out = append(out, line...)
				continue
			}
		}
		if open.ch != 0 {
			out = append(out, line...)
			continue
		}
		switch blocks.inCode(string(line)) {
		case codeIndented:
			out = append(out, line...)
			continue
		case codeNone:
			blocks.trackList(string(line))
		}
		if fixed, col, ok := tightHeading(line); tight && ok {
			switch {
			case legacy:
				line = fixed
			case col > 0:
				warn(i, col, "heading-space", "no space after the #s: this line is shown as text, not as a heading", "put a space after the #s")
			}
		}
		if spaces {
			line = encodedSpaceClosers(line)
		}
		if tags && bytes.Contains(line, []byte("{%")) && !gitbook.IsOneLine(string(line)) {
			for _, t := range midLineTags(line) {
				warn(i, t.col, "block-misplaced", fmt.Sprintf("{%% %s %%} within a line of text is shown as written: a block tag stands alone on its line", t.name),
					"put the tag on a line of its own")
			}
		}
		if braces && bytes.Contains(line, []byte("{{")) {
			for _, col := range templateVars(line) {
				warn(i, col, "expression", "a variable written {{ … }} is shown as written: GitBook reads only its own form",
					`write <code class="expression">space.vars.name</code>, as GitBook's editor does`)
			}
		}
		if !spaced || !bytes.Contains(line, []byte("](")) {
			out = append(out, line...)
			continue
		}
		fixed, cols := spacedInLine(line)
		if len(cols) == 0 {
			out = append(out, line...)
			continue
		}
		if legacy {
			out = append(out, fixed...)
			continue
		}
		out = append(out, line...)
		for _, c := range cols {
			warn(i, c, "link-space", "a link destination holds a space: it is shown as text, not as a link",
				"write the path between < and > (](<my file.png>)) or the space as %20")
		}
	}
	return out
}

// looseCheck selects what loose looks for.
type looseCheck int

const (
	looseLinks looseCheck = 1 << iota
	looseHeadings
	looseVars
	looseSpaces
	looseTags
)

// backticks reads the run of backticks at line[i], following code spans:
// code is the length of the open span's run, 0 outside one. It returns
// the run's length. A run that no run of the same length closes later
// on the line opens nothing: as in CommonMark and HonKit, its backticks
// are text.
func backticks(line []byte, i int, code *int) int {
	n := 1
	for i+n < len(line) && line[i+n] == '`' {
		n++
	}
	switch *code {
	case 0:
		if closes(line[i+n:], n) {
			*code = n
		}
	case n:
		*code = 0
	}
	return n
}

// closes reports whether rest holds a run of exactly n backticks.
func closes(rest []byte, n int) bool {
	for j := 0; j < len(rest); {
		if rest[j] != '`' {
			j++
			continue
		}
		m := 1
		for j+m < len(rest) && rest[j+m] == '`' {
			m++
		}
		if m == n {
			return true
		}
		j += m
	}
	return false
}

// lineTag is a block tag met within a line: its name and 1-based column.
type lineTag struct {
	name string
	col  int
}

// midLineTags finds the GitBook block tags of a line that do not start it
// (after the markers of a block quote or a list item), outside code
// spans: GitBook reads a block tag alone on its line only.
func midLineTags(line []byte) []lineTag {
	var out []lineTag
	lead := len(containerLead.Find(line))
	code := 0
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '`':
			i += backticks(line, i, &code) - 1
		case code == 0 && c == '{' && i+1 < len(line) && line[i+1] == '%' && (i == 0 || line[i-1] != '\\'):
			name := tagNameRE.FindSubmatch(line[i:])
			if name != nil && gitbook.IsBlockTag(string(name[1])) && len(bytes.TrimSpace(line[lead:i])) > 0 {
				out = append(out, lineTag{name: string(name[1]), col: i + 1})
			}
		}
	}
	return out
}

// containerLead is what may stand before a block at the start of a line:
// block quote markers and list item markers.
var containerLead = regexp.MustCompile(`^(?:[ \t]*(?:>|(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)))*[ \t]*`)

// tagNameRE reads the name of the tag at the start of a text.
var tagNameRE = regexp.MustCompile(`^\{%-?\s*([a-zA-Z][\w-]*)`)

// closesNot reports whether a delimiter run after a `;` and before rest
// is no closer in CommonMark: rest starts with neither a space nor
// punctuation.
func closesNot(rest []byte) bool {
	r, _ := utf8.DecodeRune(rest)
	return len(rest) > 0 && !unicode.IsSpace(r) && !unicode.IsPunct(r) && !unicode.IsSymbol(r)
}

// encodedSpaceClosers moves an encoded space (GitBook's `&#x20;`) that
// ends an emphasis after its closer: GitBook writes a bold span that ends
// in a space as `**Note:&#x20;**the value`, where CommonMark reads the
// `**` after a `;` and before a letter as no closer, and shows the
// asterisks. A run of * or _ after `&#x20;` closes when the line has an
// odd number of such runs before it, outside code spans.
func encodedSpaceClosers(line []byte) []byte {
	const enc = "&#x20;"
	if !bytes.Contains(line, []byte(enc)) {
		return line
	}
	var out []byte
	runs := map[string]int{} // delimiter runs seen, by run
	code := 0                // the open code span's backtick run
	for i := 0; i < len(line); {
		c := line[i]
		n := 1
		for i+n < len(line) && line[i+n] == c && (c == '`' || c == '*' || c == '_') {
			n++
		}
		switch {
		case c == '`':
			backticks(line, i, &code)
		case code == 0 && (c == '*' || c == '_') && (i == 0 || line[i-1] != '\\'):
			run := string(line[i : i+n])
			after := i + n
			if bytes.HasSuffix(out, []byte(enc)) && runs[run]%2 == 1 && closesNot(line[after:]) {
				out = append(out[:len(out)-len(enc)], run...)
				out = append(out, enc...)
				runs[run]++
				i = after
				continue
			}
			runs[run]++
		}
		out = append(out, line[i:i+n]...)
		i += n
	}
	return out
}

// rawHTMLLines follows the raw HTML blocks of a page, line by line, as
// CommonMark reads them: a comment, <pre>, <script>, <style> or
// <textarea> up to its end, another element up to a blank line.
type rawHTMLLines struct {
	end  []byte // the end marker being looked for; nil: until a blank line
	open bool
}

// in reports whether line is raw HTML; afterBlank tells whether the line
// before it was blank (an element starts a block only there, near
// enough: CommonMark lets block-level elements interrupt a paragraph).
func (h *rawHTMLLines) in(line []byte, afterBlank bool) bool {
	if h.open {
		switch {
		case h.end != nil && bytes.Contains(bytes.ToLower(line), h.end):
			h.open = false
		case h.end == nil && len(bytes.TrimSpace(line)) == 0:
			h.open = false
			return false
		}
		return true
	}
	t := bytes.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || len(t) < 2 || t[0] != '<' {
		return false
	}
	if h.end = gitbook.LiteralHTMLEnd(t); h.end != nil {
		h.open = !bytes.Contains(bytes.ToLower(t), h.end)
		return true
	}
	m := htmlStartRE.FindSubmatch(t)
	switch {
	case m == nil:
		return false
	case blockElements[strings.ToLower(string(m[1]))]:
	case !afterBlank || !htmlAloneRE.Match(t):
		// Another element starts a block only alone on its line, and
		// not within a paragraph.
		return false
	}
	h.open = true
	return true
}

var (
	htmlStartRE = regexp.MustCompile(`^</?([A-Za-z][A-Za-z0-9-]*)(?:[\s/>]|$)`)
	htmlAloneRE = regexp.MustCompile(`^</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>\s*$`)
)

// blockElements are the elements that start an HTML block anywhere
// (CommonMark's type 6).
var blockElements = func() map[string]bool {
	m := map[string]bool{}
	for _, e := range strings.Fields(`address article aside base basefont blockquote body caption center col colgroup dd details dialog
		dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe
		legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td
		tfoot th thead title tr track ul`) {
		m[e] = true
	}
	return m
}()

// tightHeading reads line as a heading written without a space after its
// #s, as HonKit's parser (kramed, after marked) reads `##Setup` and
// `#\u00a0Setup`. It returns the line with the space CommonMark needs
// (a no-break space becomes two spaces: the line keeps its length), and
// the column of the first character after the #s when the line is
// surely meant as a heading (two #s or more, or a no-break space; a
// lone `#word` may be a hashtag), else 0.
func tightHeading(line []byte) ([]byte, int, bool) {
	i := 0
	for i < 3 && i < len(line) && line[i] == ' ' {
		i++
	}
	j := i
	for j < len(line) && line[j] == '#' {
		j++
	}
	if n := j - i; n == 0 || n > 6 || j == len(line) {
		return nil, 0, false
	}
	rest := line[j:]
	if bytes.HasPrefix(rest, []byte("\u00a0")) {
		return slices.Concat(line[:j], []byte("  "), rest[2:]), j + 1, true
	}
	switch rest[0] {
	case ' ', '\t', '\n', '\r', '#':
		return nil, 0, false
	}
	col := 0
	if j-i >= 2 {
		col = j + 1
	}
	// HonKit drops closing #s written tight too (`##Setup##`); CommonMark
	// needs a space before them.
	body := bytes.TrimRight(rest, " \t\r\n")
	if k := len(bytes.TrimRight(body, "#")); k > 0 && k < len(body) && body[k-1] != ' ' && body[k-1] != '\t' {
		rest = slices.Concat(rest[:k], []byte(" "), rest[k:])
	}
	return slices.Concat(line[:j], []byte(" "), rest), col, true
}

// templateVar matches a space or page variable in the template form.
var templateVar = regexp.MustCompile(`\{\{\s*(?:space|page)\.vars\.[A-Za-z0-9_.-]+\s*\}\}`)

// templateVars returns the 1-based columns of the template-form
// variables of line outside code spans.
func templateVars(line []byte) []int {
	var cols []int
	code := false
	off := 0
	for _, part := range bytes.Split(line, []byte("`")) {
		if !code {
			for _, m := range templateVar.FindAllIndex(part, -1) {
				cols = append(cols, off+m[0]+1)
			}
		}
		code = !code
		off += len(part) + 1
	}
	return cols
}

// mayHaveTightHeading reports whether a line of src is a heading without
// a space after its #s.
func mayHaveTightHeading(src []byte) bool {
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		if _, _, ok := tightHeading(line); ok {
			return true
		}
	}
	return false
}

// spacedInLine rewrites the links of one line whose destination holds a
// space, outside code spans, and returns the 1-based columns of their
// destinations.
func spacedInLine(line []byte) ([]byte, []int) {
	var out []byte
	var cols []int
	code := 0 // length of the open code span's backtick run
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '`' {
			n := backticks(line, i, &code)
			out = append(out, line[i:i+n]...)
			i += n - 1
			continue
		}
		if code > 0 || c != ']' || i+1 >= len(line) || line[i+1] != '(' {
			out = append(out, c)
			continue
		}
		start := i + 2
		end, depth := start, 1
		for ; end < len(line); end++ {
			if line[end] == '\n' {
				end = len(line) // a destination ends on its line
				break
			}
			if line[end] == '(' {
				depth++
			} else if line[end] == ')' {
				if depth--; depth == 0 {
					break
				}
			}
		}
		if end >= len(line) {
			out = append(out, c)
			continue
		}
		dest, title := bytes.TrimSpace(line[start:end]), []byte(nil)
		if m := linkTitle.FindIndex(dest); m != nil {
			dest, title = dest[:m[0]], dest[m[0]:]
		}
		if len(dest) == 0 || !bytes.ContainsAny(dest, " \t") || bytes.ContainsAny(dest, "<>`") || bytes.Contains(dest, []byte("](")) {
			// Kept as written, and passed over whole as when rewritten,
			// so that a second pass reads the line as the first did: a
			// backtick in the title is the link's, not a code span's,
			// as in HonKit's parser, which reads the link first.
			out = append(out, line[i:end+1]...)
			i = end
			continue
		}
		cols = append(cols, start+1)
		out = append(out, fmt.Sprintf("](<%s>%s)", dest, title)...)
		i = end
	}
	return out, cols
}

// mayHaveSpacedLink reports whether some "](" of src is followed by a
// space before its closing ")" or the line's end.
func mayHaveSpacedLink(src []byte) bool {
	for {
		i := bytes.Index(src, []byte("]("))
		if i < 0 {
			return false
		}
		src = src[i+2:]
		depth := 1
		for j := 0; j < len(src) && depth > 0 && src[j] != '\n'; j++ {
			switch src[j] {
			case '(':
				depth++
			case ')':
				depth--
			case ' ', '\t':
				return true
			}
		}
	}
}
