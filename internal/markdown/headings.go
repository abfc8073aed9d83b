package markdown

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"folio/internal/gitbook"
	"folio/internal/links"
)

// pageTransformer cleans the AST of one page after parsing: it drops the
// empty paragraphs and headings GitBook's export leaves, takes the leading
// H1 as the page title, gives every heading its GitBook ID and records the
// headings on the Doc.
type pageTransformer struct{}

func (pageTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d, _ := pc.Get(docKey).(*Doc)
	if d == nil {
		return
	}
	src := reader.Source()
	var empties []ast.Node
	var heads []ast.Node // headings and API blocks, in page order
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Paragraph:
			if isBlankInline(n, src) {
				empties = append(empties, n)
			}
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			if isBlankInline(n, src) {
				empties = append(empties, n)
			} else {
				heads = append(heads, n)
			}
			return ast.WalkSkipChildren, nil
		case *gitbook.Block:
			if gitbook.IsAPI(n.Tag.Name) {
				heads = append(heads, n)
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range empties {
		n.Parent().RemoveChild(n.Parent(), n)
	}

	seen := map[string]int{}
	// unique makes id unique on the page.
	unique := func(id string) string {
		if n, dup := seen[id]; dup {
			// GitHub's convention; GitBook's own is undocumented.
			for {
				n++
				cand := id + "-" + strconv.Itoa(n)
				if _, taken := seen[cand]; !taken {
					seen[id] = n
					id = cand
					break
				}
			}
		}
		seen[id] = 0
		return id
	}
	level := 1 // of the last heading outside blocks: an API block's title goes one below
	for i, n := range heads {
		if b, ok := n.(*gitbook.Block); ok {
			d.addAPI(b, unique, min(max(level+1, 2), 6))
			continue
		}
		h := n.(*ast.Heading)
		id := explicitAnchor(h, src)
		txt := strings.TrimSpace(stripZeroWidth(plainText(h, src)))
		if id == "" {
			id = links.Slug(txt)
		}
		if id == "" {
			id = "section"
		}
		id = unique(id)
		h.SetAttributeString("id", []byte(id))
		line := 0
		if h.Lines().Len() > 0 {
			line, _ = d.lines.pos(h.Lines().At(0).Start)
		}
		if h.Level == 1 {
			if i == 0 && h.Parent() == doc && h == doc.FirstChild() && d.Title == "" {
				// The theme prints the title; keep one h1 per page.
				d.Title = txt
				doc.RemoveChild(doc, h)
				d.Headings = append(d.Headings, Heading{Level: 1, ID: id, Text: txt, Line: line})
				continue
			}
			h.Level = 2
		}
		blk := enclosingBlock(h)
		if blk == "" {
			level = h.Level
		}
		d.Headings = append(d.Headings, Heading{Level: h.Level, ID: id, Text: txt, Line: line, Block: blk})
	}
}

// enclosingBlock returns the tag name of the innermost GitBook block that
// holds n, "" at the top level.
func enclosingBlock(n ast.Node) string {
	for p := n.Parent(); p != nil; p = p.Parent() {
		if b, ok := p.(*gitbook.Block); ok {
			return b.Tag.Name
		}
	}
	return ""
}

var anchorRE = regexp.MustCompile(`^<a\s[^>]*\bid\s*=\s*["']([^"']+)["'][^>]*>$`)

// explicitAnchor finds GitBook's `<a href="#x" id="x"></a>` at the end of a
// heading, removes it from the AST and returns its id.
func explicitAnchor(h *ast.Heading, src []byte) string {
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		open, ok := c.(*ast.RawHTML)
		if !ok {
			continue
		}
		m := anchorRE.FindSubmatch(bytes.TrimSpace(rawText(open, src)))
		if m == nil {
			continue
		}
		closer, ok := open.NextSibling().(*ast.RawHTML)
		if !ok || string(bytes.TrimSpace(rawText(closer, src))) != "</a>" {
			continue
		}
		h.RemoveChild(h, closer)
		h.RemoveChild(h, open)
		trimTrailingSpace(h, src)
		return strings.TrimSpace(stripZeroWidth(string(m[1])))
	}
	return ""
}

// trimTrailingSpace removes the space GitBook writes between a heading's
// text and its anchor, so the rendered heading does not end in a space.
func trimTrailingSpace(h *ast.Heading, src []byte) {
	if t, ok := h.LastChild().(*ast.Text); ok {
		seg := t.Segment
		v := seg.Value(src)
		t.Segment = seg.WithStop(seg.Start + len(bytes.TrimRight(v, " \t")))
	}
}

func rawText(n *ast.RawHTML, src []byte) []byte {
	var b []byte
	for i := 0; i < n.Segments.Len(); i++ {
		s := n.Segments.At(i)
		b = append(b, s.Value(src)...)
	}
	return b
}

// plainText returns the text of an inline container as a reader sees it:
// markup dropped, backslash escapes and entities resolved.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if c.IsRaw() {
				b.Write(v)
			} else {
				b.Write(util.ResolveNumericReferences(util.ResolveEntityNames(util.UnescapePunctuations(v))))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *emojiast.Emoji:
			b.WriteString(string(c.Value.Unicode))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// isBlankInline reports whether a paragraph or heading shows nothing: only
// spaces, `&#x20;` artefacts or zero-width characters.
func isBlankInline(n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		t, ok := c.(*ast.Text)
		if !ok {
			return false
		}
		if !blankText(t.Segment.Value(src)) {
			return false
		}
	}
	return true
}

var zeroWidth = strings.NewReplacer("\u200b", "", "\ufeff", "", "\u2060", "")

// stripZeroWidth drops zero-width spaces; U+200C (ZWNJ) is kept, as it is
// a real letter joiner in Persian and other scripts.
func stripZeroWidth(s string) string {
	// U+200B and U+2060 start with byte E2, U+FEFF with EF: most text has
	// neither, and ContainsAny is slow with a set of non-ASCII characters.
	if strings.IndexByte(s, 0xe2) < 0 && strings.IndexByte(s, 0xef) < 0 || !strings.ContainsAny(s, "\u200b\ufeff\u2060") {
		return s
	}
	return zeroWidth.Replace(s)
}

// blankText reports whether raw paragraph text shows nothing: spaces,
// "&#x20;" (GitBook's encoded space) and zero-width characters only. It
// runs on every paragraph, so it looks at the bytes before it allocates.
func blankText(v []byte) bool {
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		case c == '&' || c >= 0x80:
			s := strings.ReplaceAll(string(util.ResolveNumericReferences(v[i:])), " ", "")
			return strings.TrimSpace(stripZeroWidth(s)) == ""
		default:
			return false
		}
	}
	return true
}
