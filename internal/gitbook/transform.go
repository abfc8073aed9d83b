package gitbook

import (
	"bytes"
	"fmt"
	"sort"

	"folio/internal/diag"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer finishes what needs the inline pass: a caption read from
// an attribute shows raw HTML as text, and a branch tag within a line of
// text is reported.
type transformer struct{}

// Transform implements parser.ASTTransformer.
func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := getState(pc, reader.Source())
	for _, l := range st.captions {
		textRawHTML(l)
	}
	st.misplacedBranches(doc)
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

// misplacedBranches reports the branch tags ({% else %}, {% elif … %}…)
// written within a line of text: the parser reads a tag alone on its
// line only, so such a tag is text, and the branches around it run
// together. Tags in code, in raw HTML or after a backslash are not text.
func (st *state) misplacedBranches(doc ast.Node) {
	src := st.src
	var at []int
	for i := 0; ; {
		j := bytes.Index(src[i:], []byte("{%"))
		if j < 0 {
			break
		}
		j += i
		i = j + 2
		// Most tags are not branches: their name is looked at before
		// the tag is lexed.
		k := i
		if k < len(src) && src[k] == '-' {
			k++
		}
		for k < len(src) && src[k] == ' ' {
			k++
		}
		if !bytes.HasPrefix(src[k:], []byte("el")) || j > 0 && src[j-1] == '\\' {
			continue
		}
		if _, ok := branchAt(string(src[j:min(len(src), j+maxBranchTag)])); ok {
			at = append(at, j)
		}
	}
	if at == nil {
		return
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil
		case *Block:
			if n.Tag.Name == "raw" {
				return ast.WalkSkipChildren, nil
			}
		case *ast.Text:
			seg := n.Segment
			for k := sort.SearchInts(at, seg.Start); k < len(at) && at[k] < seg.Stop; k++ {
				t, _ := branchAt(string(src[at[k]:min(len(src), at[k]+maxBranchTag)]))
				ln, col := st.lineCol(at[k])
				st.report(ln, col, diag.Warning, "block-misplaced", fmt.Sprintf("put {%% %s %%} on a line of its own", t.Name),
					"{%% %s %%} is not alone on its line: it is shown as text, and the content after it is not a branch of its own", t.Name)
			}
		}
		return ast.WalkContinue, nil
	})
}
