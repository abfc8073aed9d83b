// Package gitbook is a goldmark extension for GitBook's block tags:
// `{% hint %}`, `{% tabs %}`/`{% tab %}`, `{% code %}`, `{% embed %}`,
// `{% file %}`, `{% content-ref %}`, `{% stepper %}`, `{% columns %}`,
// `{% updates %}`, `{% prompt %}`, API blocks, `{% if %}`, `{% include %}`,
// `{% raw %}` and `@integration` tags.
//
// A line that holds exactly one tag (at most 3 spaces of indentation) is a
// block boundary, even when glued to the text around it. The inside of a
// paired tag is ordinary Markdown, parsed into the children of a [Block], so
// blocks nest to any depth. Tags inside code (fenced, indented, inline, or a
// `<pre>` HTML block) stay literal.
//
// Bad input never fails the parse: unclosed, stray, mismatched and unknown
// tags are reported through [Problems] and the content is still rendered.
//
// The rendered HTML is semantic, with CSS class hooks only; it never loads a
// third-party resource (embeds are cards that a theme script may activate).
//
// Invariants: the parsers are stateless and safe to share between
// goroutines; all per-page state lives in the parser.Context. Parsing is
// linear in the size of the page.
package gitbook

import (
	"slices"

	"folio/internal/diag"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Extension adds the GitBook block tags to a goldmark.Markdown. It replaces
// the HTML block parser with one that also ends before a tag line.
var Extension goldmark.Extender = extender{}

type extender struct{}

// Extend implements goldmark.Extender.
func (extender) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		// Before every default parser, so a tag line is never taken for
		// something else.
		util.Prioritized(blockParser{}, 50),
		// Before the default HTML block parser (900), which it wraps.
		util.Prioritized(htmlBlockParser{inner: parser.NewHTMLBlockParser()}, 899),
	), parser.WithASTTransformers(util.Prioritized(transformer{}, 100)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 500)))
}

// KindBlock is the node kind of [Block].
var KindBlock = ast.NewNodeKind("GitBookBlock")

// KindLabel is the node kind of [Label].
var KindLabel = ast.NewNodeKind("GitBookLabel")

// Block is a GitBook block tag, paired or self-closing. Its children are
// Markdown blocks (the inside of a paired tag, or an embed's caption).
type Block struct {
	ast.BaseBlock
	Tag  Tag
	Line int // 1-based source line of the opening tag
	// RawClosers are the end tags of raw HTML elements its content left
	// open (</div>), written before its own: the block's end would
	// otherwise close them and stay open itself, taking in the page.
	RawClosers string

	col      int  // 1-based column of the opening tag
	off      int  // offset of the opening tag's `{` in the source
	closed   bool // its end tag was seen (or it needs none)
	selfOnly bool // self-closing: takes no children
	released bool // no longer counted open: closed by the next tab's tag (Continue)
	stray    bool // a `{% endx %}` with no opener; removed on Close
	ordinal  int  // how many open blocks had the same name when it opened
	tagEnd   int  // offset after `%}` when the tag spans several lines
	seq      int  // tabs: page-wide number; tab: number within its tabs
	parent   int  // tab: the number of its tabs (0 when misplaced)
	anchor   string
	branches []*Block // the branches of a one-line {% if %} (oneLine)
	api      apiRole  // its place in an inline API operation (see finishOp)
	open     bool     // an inline operation's response shown expanded
	// unclosed marks a block whose end tag the page lacks: a heading ends
	// it (see Continue), at line cutLine; a {% code %}, its code block.
	unclosed bool
	cutLine  int

	// APIHTML is the rendered API reference of an API block (an operation,
	// a webhook or schemas), set by the build from the spec before the page
	// renders; the block then shows it in place of its children.
	APIHTML []byte
	// APIID and APILevel are the anchor and heading level of an API
	// block's title, set by the build before the page renders. Without
	// them an inline operation makes its id from its method and path, at
	// level 2.
	APIID    string
	APILevel int
}

// IsAPI reports whether a tag is an API reference block that the build
// renders from a spec or from its own attributes: an operation, a
// webhook, schemas, or a legacy swagger or api-method block.
func IsAPI(name string) bool {
	switch name {
	case "openapi", "openapi-operation", "openapi-schemas", "openapi-webhook", "swagger", "api-method":
		return true
	}
	return false
}

// Kind implements ast.Node.
func (b *Block) Kind() ast.NodeKind { return KindBlock }

// Anchor returns the page-unique id of an update block ("update-2025-12-25"),
// "" for other blocks and updates without a valid date.
func (b *Block) Anchor() string { return b.anchor }

// Dump implements ast.Node.
func (b *Block) Dump(source []byte, level int) {
	ast.DumpHelper(b, source, level, map[string]string{"Tag": b.Tag.String()}, nil)
}

// Label is the inline content GitBook shows without a paragraph: the title
// of a hint (taken from its first heading, so the page outline stays clean)
// or the caption of an embed or file. Role is "hint-title" or "caption".
type Label struct {
	ast.BaseBlock
	Role string
}

// Kind implements ast.Node.
func (l *Label) Kind() ast.NodeKind { return KindLabel }

// Dump implements ast.Node.
func (l *Label) Dump(source []byte, level int) {
	ast.DumpHelper(l, source, level, map[string]string{"Role": l.Role}, nil)
}

// URLAttrs returns the names of the attributes of tagName that hold a URL or
// a path the resolver should rewrite.
func URLAttrs(tagName string) []string {
	switch tagName {
	case "embed", "content-ref":
		return []string{"url"}
	case "file", "openapi", "swagger":
		return []string{"src"}
	case "page-ref":
		return []string{"page"}
	}
	if len(tagName) > 1 && tagName[0] == '@' && tagName != "@mermaid/diagram" {
		return []string{"url"}
	}
	return nil
}

// Problems returns the diagnostics found while parsing with pc, sorted by
// position. Path is left empty for the caller to fill in.
// LineOrigin is where a line of the parsed source was written: its file
// (the page's, or an included file's) and line there.
type LineOrigin func(line int) (file string, at int)

var originKey = parser.NewContextKey()

// WithLineOrigin tells the parser where the lines of a source that
// includes other files were written, for the messages that name a line
// other than their own ("ends before the heading on line 8").
func WithLineOrigin(pc parser.Context, f LineOrigin) { pc.Set(originKey, f) }

func Problems(pc parser.Context) []diag.Diagnostic {
	st, _ := pc.Get(stateKey).(*state)
	if st == nil {
		return nil
	}
	out := slices.Clone(st.diags)
	slices.SortStableFunc(out, diag.Compare)
	return out
}

// Col returns the 1-based column of the block's opening tag.
func (b *Block) Col() int { return b.col }
