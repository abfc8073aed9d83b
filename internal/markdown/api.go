package markdown

import (
	"bufio"
	"bytes"
	"cmp"
	"html"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"folio/internal/gitbook"
	"folio/internal/links"
)

// APIBlock is an API reference block of a page (`{% openapi %}`,
// `{% swagger %}`, `{% openapi-operation %}`, `{% openapi-schemas %}`,
// `{% openapi-webhook %}`, `{% api-method %}`), which the build renders
// from its spec or from its own attributes before the page renders.
type APIBlock struct {
	Tag  gitbook.Tag
	File string // the file it is written in: the page's path or an included file's
	Line int    // in File
	Col  int
	// Base is the included file it was written in, "" for the page
	// itself: a relative src is relative to Base's directory when set.
	Base string
	// IDs are its anchors on the page: one for an operation or a webhook,
	// one per schema of a schemas block.
	IDs []string
	// Level is the heading level of its titles.
	Level int
	// Link is the address of the first link in its body as written
	// (`[OpenAPI acme](specs/acme.yaml)`, GitBook's echo of its spec), ""
	// for none.
	Link string

	block    *gitbook.Block
	headings []int // positions in Doc.Headings
}

// Get returns an attribute of the block's tag.
func (a *APIBlock) Get(key string) string {
	v, _ := a.Tag.Get(key)
	return v
}

// Inline reports whether the block is rendered from its own attributes
// and children (the legacy inline swagger form and api-method), not from
// a spec.
func (a *APIBlock) Inline() bool {
	switch a.Tag.Name {
	case "api-method":
		return true
	case "swagger":
		return a.Get("src") == ""
	}
	return false
}

// Schemas are the schema names of an openapi-schemas block.
func (a *APIBlock) Schemas() []string {
	var out []string
	for _, s := range strings.Split(a.Get("schemas"), ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// APIBlocks returns the page's API reference blocks in page order.
func (d *Doc) APIBlocks() []*APIBlock { return d.apis }

// SetAPI gives an API block its rendered HTML, and its titles (in the
// order of its IDs) to the page's outline and search sections.
func (d *Doc) SetAPI(a *APIBlock, html []byte, titles []string) {
	a.block.APIHTML = html
	for i, h := range a.headings {
		if i < len(titles) && titles[i] != "" {
			d.Headings[h].Text = titles[i]
		}
	}
}

// UnsetAPI says that the block a could not be rendered (its spec or its
// operation is missing): the outline leaves it out, as the page shows
// no operation there.
func (d *Doc) UnsetAPI(a *APIBlock) {
	for _, h := range a.headings {
		d.Headings[h].Text = ""
	}
}

// apiAnchors returns the anchors of an API block, made from what it
// shows (an operation's method and path, a webhook's name, the schemas'
// names), and the text the outline names each by.
func apiAnchors(b *gitbook.Block, src []byte) (ids, texts []string) {
	a := &APIBlock{Tag: b.Tag, block: b}
	switch b.Tag.Name {
	case "openapi-schemas":
		for _, s := range a.Schemas() {
			ids = append(ids, "schema-"+links.Key(s))
			texts = append(texts, s)
		}
	case "openapi-webhook":
		name := a.Get("name")
		ids = append(ids, "webhook-"+links.Key(name+" "+a.Get("method")))
		texts = append(texts, name)
	default:
		method := a.Get("method")
		p := a.Get("path")
		ids = append(ids, links.Key(method+" "+p))
		// The outline names the operation as its heading does (renderOp):
		// by api-method's {% api-method-summary %}, else by its summary.
		texts = append(texts, cmp.Or(apiTitle(b, src), strings.TrimSpace(a.Get("summary")), strings.TrimSpace(strings.ToUpper(method)+" "+p)))
	}
	for i, id := range ids {
		if id == "" || id == "webhook-" || id == "schema-" {
			ids[i] = "operation"
		}
	}
	return ids, texts
}

// addAPI records an API block met in page order, with its anchors
// (apiAnchors: ids and their texts), each made unique on the page by
// claim.
func (d *Doc) addAPI(b *gitbook.Block, ids, texts []string, claim func(string) string, level int) {
	a := &APIBlock{Tag: b.Tag, Level: level, block: b, Col: b.Col()}
	_ = ast.Walk(b, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering && a.Link == "" {
			a.Link = string(l.Destination)
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	b.APILevel = level
	a.Col = d.originCol(b.Line, a.Col)
	a.File, a.Line = d.origin(b.Line)
	if a.File != d.Path {
		a.Base = a.File
	}
	for i, id := range ids {
		id = claim(id)
		a.IDs = append(a.IDs, id)
		a.headings = append(a.headings, len(d.Headings))
		d.Headings = append(d.Headings, Heading{Level: level, ID: id, Text: texts[i], Line: a.Line, Block: b.Tag.Name, API: true})
	}
	if len(a.IDs) > 0 {
		b.APIID = a.IDs[0]
	}
	if b.Tag.Name == "openapi-schemas" && len(a.IDs) > 0 {
		if _, done := b.FirstChild().(*apiNames); !done {
			n := &apiNames{names: a.Schemas(), ids: a.IDs}
			if fc := b.FirstChild(); fc != nil {
				b.InsertBefore(b, fc, n)
			} else {
				// The box shows the spec's name when the block's body
				// does not show it (GitBook writes a link to it there).
				n.spec = a.Get("spec")
				b.AppendChild(b, n)
			}
		}
	}
	d.apis = append(d.apis, a)
}

// apiNames is what an openapi-schemas block shows of itself when no spec
// renders it (SetAPI does not run): the names of its schemas, each at its
// anchor, the first at the box's own, so that links to any of them lead
// there (t73: only the caption, and no anchor but the first).
type apiNames struct {
	ast.BaseBlock
	names, ids []string
	spec       string
}

var kindAPINames = ast.NewNodeKind("FolioAPINames")

func (n *apiNames) Kind() ast.NodeKind         { return kindAPINames }
func (n *apiNames) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

func (r *nodeRenderer) renderAPINames(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*apiNames)
	// The line of an operation's box holds its method and path: here,
	// the names.
	_, _ = w.WriteString(`<p class="api-op-line">`)
	for i, name := range n.names {
		if i == 0 {
			_, _ = w.WriteString("<code>") // the box holds its anchor
		} else {
			_, _ = w.WriteString(` <code id="` + html.EscapeString(n.ids[i]) + `">`)
		}
		_, _ = w.WriteString(html.EscapeString(name) + "</code>")
	}
	_, _ = w.WriteString("</p>\n")
	if n.spec != "" {
		_, _ = w.WriteString(`<p class="api-spec">` + html.EscapeString(n.spec) + "</p>\n")
	}
	return ast.WalkContinue, nil
}

// apiTitle is the text of an inline operation's title, which the parser
// took from its {% api-method-summary %} before the headings are read; ""
// when it has none.
func apiTitle(b *gitbook.Block, src []byte) string {
	if l, ok := b.FirstChild().(*gitbook.Label); ok && l.Role == "api-title" {
		return strings.TrimSpace(stripZeroWidth(plainText(l, src)))
	}
	return ""
}

// Fragment renders Markdown that is not a page (a description in an API
// spec) as HTML: raw HTML is cleaned as in pages, links are kept as
// written unless their scheme is unsafe.
func (c *Converter) Fragment(src string) []byte {
	d := c.Parse("", []byte(src))
	d.Resolve(func(r Ref) Resolution {
		if links.Unsafe(r.Dest) {
			return Resolution{Plain: true}
		}
		return Resolution{Keep: true}
	})
	out, err := c.Render(d)
	if err != nil {
		return []byte("<p>" + html.EscapeString(src) + "</p>")
	}
	return out
}

// Highlight writes code as a fenced code block of a page is written: a
// <pre> with the highlighter's classes, which the theme colours.
func Highlight(lang, code string) []byte {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	writeHighlighted(w, lang, []byte(code))
	_ = w.Flush() // a bytes.Buffer does not fail
	return buf.Bytes()
}

// HighlightTokens writes code that its writer has split into the
// highlighter's tokens itself (the code samples of an API operation), as
// Highlight writes code a lexer splits.
func HighlightTokens(lang string, tokens []chroma.Token) []byte {
	size := 0
	for _, t := range tokens {
		size += len(t.Value)
	}
	return writeTokens(lang, tokens, size)
}
