// Package markdown turns one GitBook page into HTML. It owns the goldmark
// set-up (built once per build and shared by every worker), front matter,
// heading IDs, the clean-up of GitBook export artefacts, and the rewriting
// of every link and asset reference, in Markdown and in raw HTML.
//
// A page goes through three steps, so that the build can decide which
// pages exist before any link is resolved:
//
//	doc := conv.Parse(path, src)   // AST, front matter, headings, references
//	doc.Resolve(fn)                // rewrite each reference as fn decides
//	html := conv.Render(doc)       // pure: no I/O, no lookups
//
// Parse and Render are safe for concurrent use on different documents.
package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"folio/internal/diag"
	"folio/internal/gitbook"
)

// Converter holds the goldmark instance shared by all pages of a build.
type Converter struct {
	md goldmark.Markdown
}

// New builds the goldmark pipeline once.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			gitbook.Extension,
		),
		goldmark.WithParserOptions(
			parser.WithASTTransformers(util.Prioritized(pageTransformer{}, 900)),
		),
		goldmark.WithRendererOptions(
			html.WithUnsafe(),
			renderer.WithNodeRenderers(util.Prioritized(newNodeRenderer(), 10)),
		),
	)
	return &Converter{md: md}
}

// Heading is a heading of the page, with the ID readers can link to.
type Heading struct {
	Level int
	ID    string
	Text  string
	Line  int
}

// Doc is one parsed page.
type Doc struct {
	Path     string // for diagnostics
	Source   []byte // normalised Markdown given to the parser (front matter blanked)
	Meta     FrontMatter
	HasMeta  bool
	Title    string    // text of the leading H1, "" if none
	Headings []Heading // every heading with an ID, in order
	Refs     []Ref     // every link and asset reference, in order
	Diags    []diag.Diagnostic

	root  ast.Node
	lines lineIndex
}

// Parse parses a page. src must be normalised text (UTF-8, LF endings).
func (c *Converter) Parse(path string, src []byte) *Doc {
	d := &Doc{Path: path}
	if yml, n, ok := splitFrontMatter(src); ok {
		d.HasMeta = true
		var ds []diag.Diagnostic
		d.Meta, ds = parseFrontMatter(path, yml)
		d.Diags = append(d.Diags, ds...)
		src = blankLines(src, n)
	}
	d.Source = src
	d.lines = newLineIndex(src)
	pc := parser.NewContext()
	pc.Set(docKey, d)
	d.root = c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	for _, p := range gitbook.Problems(pc) {
		p.Path = path
		d.Diags = append(d.Diags, p)
	}
	d.Refs = collectRefs(d)
	return d
}

// Render writes the page's HTML. Call it after Resolve.
func (c *Converter) Render(d *Doc) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(d.Source) * 3 / 2)
	if err := c.md.Renderer().Render(&buf, d.Source, d.root); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

var docKey = parser.NewContextKey()

// lineIndex maps byte offsets to 1-based line and column numbers.
type lineIndex []int // offsets where each line starts

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// pos returns the line and column (in bytes, 1-based) of offset off.
func (l lineIndex) pos(off int) (line, col int) {
	if off < 0 {
		return 0, 0
	}
	i := sort.SearchInts(l, off+1) - 1
	if i < 0 {
		i = 0
	}
	return i + 1, off - l[i] + 1
}
