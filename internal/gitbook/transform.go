package gitbook

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer finishes what needs the inline pass: a caption read from
// an attribute shows raw HTML as text.
type transformer struct{}

// Transform implements parser.ASTTransformer.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return
	}
	for _, l := range st.captions {
		textRawHTML(l)
	}
}

// textRawHTML replaces the raw HTML inside n by text, shown as written. A
// caption= value is text GitBook's editor wrote: a `<` in it was typed,
// and HTML there must not reach the page.
func textRawHTML(n ast.Node) {
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		if h, ok := c.(*ast.RawHTML); ok {
			for i := 0; i < h.Segments.Len(); i++ {
				t := ast.NewTextSegment(h.Segments.At(i))
				t.SetRaw(true)
				n.InsertBefore(n, c, t)
			}
			n.RemoveChild(n, c)
		} else {
			textRawHTML(c)
		}
		c = next
	}
}
