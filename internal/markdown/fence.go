package markdown

import (
	"bytes"
	"regexp"

	"github.com/yuin/goldmark/ast"

	"folio/internal/diag"
)

// unclosedFence warns of a fenced code block that is never closed and so
// runs to the end of the page, when what it swallows reads as Markdown
// the author meant as such (fenceSwallows): a forgotten closing fence
// turns the rest of the page, its headings and links, into code, and no
// other check sees them. CommonMark allows a fence to run to the end of
// the document, so it is a warning; a fence the document ends in, with
// code after it only, is left alone.
func (t *transform) unclosedFence(n *ast.FencedCodeBlock) {
	lines := n.Lines()
	if lines.Len() == 0 || n.Pos() < 0 {
		return
	}
	// A closed fence has its closing line after its last line of code; a
	// fence closed by the end of its container (a list item, a quote)
	// has the container's next line or block after it.
	if end := lines.At(lines.Len() - 1).Stop; end < len(t.src) && len(bytes.TrimSpace(t.src[end:])) > 0 {
		return
	}
	switch fenceLang(n, t.src) {
	case "markdown", "md", "mdx", "gfm", "commonmark":
		return // Markdown shown as code: its headings are meant as code
	}
	code := make([][]byte, lines.Len())
	for i := range code {
		seg := lines.At(i)
		code[i] = seg.Value(t.src)
	}
	if fenceSwallows(code) {
		t.report(n.Pos(), diag.Warning, "code-unclosed", "code block opened here is never closed: it runs to the end of the page")
	}
}

// fenceSwallows reports whether the lines of a code block that runs to
// the end of the page hold Markdown meant as such, after a blank line (the
// code the fence was opened for comes first):
//
//   - a heading (#, a space and text) alone between blank lines, as
//     headings stand in Markdown; a comment of shell or Python code stands
//     above its code;
//   - a line that starts a paragraph or a list item and holds a link,
//     [text](target), not after a name or a bracket as an index of code is
//     (handlers[name](event)).
func fenceSwallows(code [][]byte) bool {
	blank := func(i int) bool { return i < 0 || i >= len(code) || len(bytes.TrimSpace(code[i])) == 0 }
	for i := 1; i < len(code); i++ {
		if !blank(i-1) || blank(i) {
			continue
		}
		if blank(i+1) && isATXHeading(code[i]) || proseLinkRE.Match(code[i]) {
			return true
		}
	}
	return false
}

// proseLinkRE matches a line that holds an inline link, at its start or
// after a space or a parenthesis, and starts with it, a letter, or a list
// marker and a space.
var proseLinkRE = regexp.MustCompile(`^(?:(?:\pL|[-*+] |\d{1,9}[.)] )(?:.*[ (])?)?\[[^\]\[]+\]\([^()\s]+\)`)

// isATXHeading reports whether line, unindented, is an ATX heading with
// text: one to six #, a space or tab, and something else than #.
func isATXHeading(line []byte) bool {
	n := 0
	for n < len(line) && line[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n == len(line) || line[n] != ' ' && line[n] != '\t' {
		return false
	}
	return len(bytes.TrimSpace(bytes.Trim(bytes.TrimSpace(line[n:]), "#"))) > 0
}
