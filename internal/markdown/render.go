package markdown

import (
	"html"
	"strconv"

	emojiast "github.com/yuin/goldmark-emoji/ast"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders the nodes folio adds to goldmark's AST, and wraps
// GFM tables in a box that scrolls on its own on narrow screens.
type nodeRenderer struct {
	table renderer.NodeRendererFunc
}

func newNodeRenderer() renderer.NodeRenderer {
	r := &nodeRenderer{}
	// Borrow GFM's table renderer to draw the table itself.
	extension.NewTableHTMLRenderer().RegisterFuncs(registerFunc(func(k ast.NodeKind, f renderer.NodeRendererFunc) {
		if k == east.KindTable {
			r.table = f
		}
	}))
	return r
}

type registerFunc func(ast.NodeKind, renderer.NodeRendererFunc)

func (f registerFunc) Register(k ast.NodeKind, fn renderer.NodeRendererFunc) { f(k, fn) }

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindPlainLink, r.renderPlainLink)
	reg.Register(kindHTMLInline, r.renderHTMLInline)
	reg.Register(kindHTMLBlock, r.renderHTMLBlock)
	reg.Register(kindRawClose, r.renderRawClose)
	reg.Register(east.KindTable, r.renderTable)
	reg.Register(ast.KindFencedCodeBlock, r.renderFencedCode)
	reg.Register(ast.KindCodeBlock, r.renderIndentedCode)
	reg.Register(kindFigure, r.renderFigure)
	reg.Register(kindAPINames, r.renderAPINames)
	reg.Register(east.KindTaskCheckBox, r.renderTaskCheckBox)
	reg.Register(emojiast.KindEmoji, r.renderEmoji)
	reg.Register(east.KindFootnoteList, r.renderFootnoteList)
	reg.Register(ast.KindHeading, r.renderHeading)
}

// headingAttrs are the attributes a heading is written with: goldmark's,
// and the aria-label that names a heading holding a formula or an icon
// as the outline shows it (headings.go).
var headingAttrs = gmhtml.HeadingAttributeFilter.ExtendString("aria-label")

// renderHeading writes a heading as goldmark does, with headingAttrs.
func (r *nodeRenderer) renderHeading(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if !entering {
		_, _ = w.WriteString("</h" + strconv.Itoa(n.Level) + ">\n")
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("<h" + strconv.Itoa(n.Level))
	if n.Attributes() != nil {
		gmhtml.RenderAttributes(w, node, headingAttrs)
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// footnotesAttr holds the name of a page's notes in its language, which
// Localise gives them.
const footnotesAttr = "folio-footnotes"

// renderFootnoteList writes the notes at the end of a page as goldmark's
// footnote extension does, named: screen readers list them among the
// page's regions, as "Footnotes" (t62: an unnamed list).
func (r *nodeRenderer) renderFootnoteList(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		_, _ = w.WriteString("</ol>\n</div>\n")
		return ast.WalkContinue, nil
	}
	label := english["footnotes"]
	if v, ok := node.AttributeString(footnotesAttr); ok {
		label = v.(string)
	}
	_, _ = w.WriteString(`<div class="footnotes" role="doc-endnotes" aria-label="` + html.EscapeString(label) + "\">\n<hr>\n<ol>\n")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderRawClose(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(node.(*rawClose).html)
	}
	return ast.WalkContinue, nil
}

// renderTaskCheckBox draws a task-list box with an accessible name, which
// GFM's bare <input> lacks (WCAG 4.1.2): "done" or "to do".
func (r *nodeRenderer) renderTaskCheckBox(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if node.(*east.TaskCheckBox).IsChecked {
		_, _ = w.WriteString(`<input type="checkbox" disabled checked aria-label="` + html.EscapeString(word(node, "task_done")) + `"> `)
	} else {
		_, _ = w.WriteString(`<input type="checkbox" disabled aria-label="` + html.EscapeString(word(node, "task_todo")) + `"> `)
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderFigure(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<figure class="image-figure">`)
	} else {
		_, _ = w.WriteString("<figcaption>" + html.EscapeString(node.(*figureNode).Caption) + "</figcaption></figure>\n")
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderPlainLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*plainLink)
	if entering {
		_, _ = w.WriteString(`<span class="` + n.Class + `"`)
		if n.Title != "" {
			_, _ = w.WriteString(` title="` + html.EscapeString(n.Title) + `"`)
		}
		_ = w.WriteByte('>')
	} else {
		_, _ = w.WriteString("</span>")
	}
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) renderHTMLInline(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.Write(node.(*htmlInline).HTML)
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) renderHTMLBlock(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.Write(node.(*htmlBlock).HTML)
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) renderTable(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		// Paper is narrow: print shrinks the type of a table of many
		// columns (content.css), which would run off the page.
		class := "table-wrap"
		switch n := len(node.(*east.Table).Alignments); {
		case n >= 12:
			class += " table-cols-wider"
		case n >= 8:
			class += " table-cols-wide"
		}
		_, _ = w.WriteString(tableWrap(node, class) + "\n")
		markLongWords(node, src)
	}
	st, err := r.table(w, src, node, entering)
	if !entering {
		_, _ = w.WriteString("</div>\n")
	}
	return st, err
}

// tableWrap opens the scrolling box of table node n (a Markdown table or
// the HTML block that holds one), of class class, named "Table" and its
// section's heading's text.
func tableWrap(n ast.Node, class string) string {
	var l any
	ok := false
	if n != nil {
		l, ok = n.AttributeString(sectionAttr)
	}
	if !ok {
		return `<div class="` + class + `" tabindex="0" role="region" aria-labelledby="folio-label-table">`
	}
	tl := l.(tableLabel)
	return `<div class="` + class + `" tabindex="0" role="region" aria-labelledby="folio-label-table ` + tl.id + `">` +
		`<span id="` + tl.id + `" hidden>` + html.EscapeString(tl.text) + `</span>`
}
