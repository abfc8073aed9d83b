package markdown

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"

	"folio/internal/diag"
)

// GitBook shows a variable with `<code class="expression">space.vars.x</code>`
// (from .gitbook/vars.yaml) or `page.vars.x` (from the front matter's vars).
// The expander puts the values of both in the source, space variables known
// before the page is read and page variables read from the front matter;
// what it leaves (a page variable not defined, in an included file without
// the page's front matter) is put in the tree, inline by
// contentTransformer and in HTML blocks by rewriteHTML. An expression folio cannot evaluate stays as written, with a
// warning.

var (
	exprRE     = regexp.MustCompile(`<code class="expression">([^<]*)</code>`)
	exprOpenRE = regexp.MustCompile(`^<code class="expression">$`)
)

const spacePrefix, pagePrefix = "space.vars.", "page.vars."

// exprName returns the expression written inside the code element.
func exprName(inner string) string { return strings.TrimSpace(html.UnescapeString(inner)) }

// expressions replaces the space and page variable expressions of a line
// outside inline code with their values, so that a heading's ID, the
// outline and the search index see the text the reader sees.
func (e *expander) expressions(page, line string, o origin) string {
	var b strings.Builder
	code := false // inside a code span: between odd and even backticks
	for off := 0; off < len(line); {
		end := strings.IndexByte(line[off:], '`')
		if end < 0 {
			end = len(line)
		} else {
			end += off
		}
		part := line[off:end]
		if !code {
			part = e.expressionsIn(page, part, off, o)
		}
		b.WriteString(part)
		if end < len(line) {
			b.WriteByte('`')
			end++
		}
		code = !code
		off = end
	}
	return b.String()
}

// expressionsIn is expressions for a part of the line outside code spans,
// starting at byte off of the line.
func (e *expander) expressionsIn(page, part string, off int, o origin) string {
	ms := exprRE.FindAllStringSubmatchIndex(part, -1)
	if ms == nil {
		return part
	}
	var b strings.Builder
	last := 0
	for _, m := range ms {
		b.WriteString(part[last:m[0]])
		last = m[1]
		name := exprName(part[m[2]:m[3]])
		if v, ok := e.gitbookVar(page, name, o, off+m[0]+1); ok {
			b.WriteString(entityText(v))
		} else {
			b.WriteString(part[m[0]:m[1]])
		}
	}
	b.WriteString(part[last:])
	return b.String()
}

// gitbookVar is the value of the space or page variable name, written at
// column col of the line o. One that has none is reported here, where
// the column is the source's, and left as written; the tree then says
// nothing more of it (Doc.expression). Other expressions are left to
// Doc.expression.
func (e *expander) gitbookVar(page, name string, o origin, col int) (string, bool) {
	key, isPage := strings.CutPrefix(name, pagePrefix)
	if isPage {
		if v, ok := e.pageVar(key); ok {
			return v, true
		}
	} else if key, ok := strings.CutPrefix(name, spacePrefix); !ok {
		return "", false
	} else if v, ok := e.opts.SpaceVars[key]; ok {
		return v, true
	}
	key = strings.TrimPrefix(strings.TrimPrefix(name, pagePrefix), spacePrefix)
	switch {
	case !isVarName(key):
		e.reportAt(o, col, page, diag.Warning, "expression", "",
			"expression %q computes from a variable: folio shows variables, not expressions; it is shown as written", name)
	case isPage:
		e.reportAt(o, col, page, diag.Warning, "expression", "",
			"page variable %s is not defined in the front matter's vars; the expression is shown as written", key)
	default:
		e.reportAt(o, col, page, diag.Warning, "expression", "define it in .gitbook/vars.yaml",
			"space variable %s is not defined; the expression is shown as written", key)
	}
	if e.undefined == nil {
		e.undefined = map[string]bool{}
	}
	e.undefined[name] = true
	return "", false
}

// isVarName reports whether a variable's name is a name, not an
// expression such as "price * 3".
func isVarName(s string) bool {
	for _, r := range s {
		if !(r == '_' || r == '-' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)) {
			return false
		}
	}
	return s != ""
}

// pageVar returns the value of a scalar of the front matter's vars, as
// Doc.expression gives it.
func (e *expander) pageVar(key string) (string, bool) {
	vars, _ := e.pageVars()["vars"].(map[string]any)
	v, found := vars[key]
	switch v.(type) {
	case map[string]any, []any:
		return "", false
	case nil:
		return "", found
	}
	return fmt.Sprint(v), found
}

// entityText writes v so that it reads as text both in Markdown and in raw
// HTML: every ASCII character other than letters, digits, spaces and a few
// punctuation marks that start no markup becomes a numeric character
// reference.
func entityText(v string) string {
	var b strings.Builder
	for _, r := range v {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r >= 0x80 || r == ' ' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".,;/", r):
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "&#%d;", r)
		}
	}
	return b.String()
}

// expression evaluates an expression left in the page after expansion. It
// returns the value and whether it has one, and a message when the author
// should hear about it (space variables were reported by the expander).
func (d *Doc) expression(name string) (val string, ok bool, msg string) {
	if strings.HasPrefix(name, spacePrefix) || d.undefinedExpr[name] {
		return "", false, ""
	}
	key, isPage := strings.CutPrefix(name, pagePrefix)
	if !isPage {
		return "", false, fmt.Sprintf("expression %q is neither a space nor a page variable; it is shown as written", name)
	}
	vars, _ := d.Meta.Extra["vars"].(map[string]any)
	v, found := vars[key]
	switch v.(type) {
	case map[string]any, []any:
		found = false
	}
	if !found {
		return "", false, fmt.Sprintf("page variable %s is not defined in the front matter's vars; the expression is shown as written", key)
	}
	if v == nil {
		return "", true, ""
	}
	return fmt.Sprint(v), true, ""
}

// inlineExpression replaces `<code class="expression">` + text + `</code>`
// written in a paragraph with the value of the expression.
func (t *transform) inlineExpression(open *ast.RawHTML) {
	var name strings.Builder
	var nodes []ast.Node
	var closer ast.Node
	for c := open.NextSibling(); c != nil; c = c.NextSibling() {
		if txt, ok := c.(*ast.Text); ok {
			name.Write(txt.Segment.Value(t.src))
			nodes = append(nodes, c)
			continue
		}
		if r, ok := c.(*ast.RawHTML); ok && strings.EqualFold(strings.TrimSpace(string(rawText(r, t.src))), "</code>") {
			closer = c
		}
		break
	}
	if closer == nil {
		return
	}
	val, ok, msg := t.d.expression(exprName(name.String()))
	if !ok {
		if msg != "" {
			t.report(open.Pos(), diag.Warning, "expression", "%s", msg)
		}
		return
	}
	t.after = append(t.after, func() {
		p := open.Parent()
		for _, n := range append(nodes, closer) {
			p.RemoveChild(p, n)
		}
		p.ReplaceChild(p, open, &htmlInline{HTML: []byte(html.EscapeString(val))})
	})
}

// exprState follows a `<code class="expression">` element of raw HTML.
type exprState struct {
	at   int // where the element starts in the output
	pos  int // and in the input
	text strings.Builder
	bad  bool // holds markup: not an expression folio reads
}
