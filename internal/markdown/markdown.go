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
	"fmt"
	"slices"
	"sort"
	"sync"
	"unicode/utf8"

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
	"folio/internal/links"
	"folio/internal/nesting"
	"folio/internal/shortcode"
)

// Converter holds the goldmark instance shared by all pages of a build.
type Converter struct {
	md goldmark.Markdown
}

// New builds the goldmark pipeline once.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(
			// GFM (linkify is among the inline parsers below).
			extension.Table,
			extension.Strikethrough,
			extension.TaskList,
			extension.Footnote,
			gitbook.Extension,
			mathExtension{},
			frontMatter{},
		),
		goldmark.WithParserOptions(
			// `{#id}` after a heading's text (goldmark reads attributes on
			// headings only); pageTransformer keeps the id alone.
			parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(pageTransformer{}, 900), util.Prioritized(contentTransformer{}, 950), util.Prioritized(diagramTransformer{}, 960)),
			parser.WithInlineParsers(util.Prioritized(extension.NewLinkifyParser(), 999), util.Prioritized(shortcode.Parser(), 999)),
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
	// Level is 1 to 6, or 0 for an expandable block (<details>, Block
	// "details"): links resolve to it, the outline does not list it.
	Level int
	ID    string
	Text  string
	// File and Line are where the heading is written: File is "" in the
	// page itself, else the included file (a HonKit loop's heading is at
	// the line of the loop's body).
	File string
	Line int
	// Block is the tag name of the innermost GitBook block holding the
	// heading ("step", "tab", "update", …), "" at the top level. Headings in
	// steps and updates start their own outline level in GitBook.
	Block string
	// API marks the title of an API operation, webhook or schema, which
	// the outline lists whatever its level.
	API bool
}

// Doc is one parsed page.
type Doc struct {
	// rawOpen are the containers of raw HTML open at this point of the
	// collecting pass; closers closes those left open at the page's end.
	rawOpen  []rawTag
	rawScope ast.Node // the container of the raw HTML being collected (enterRaw)
	closers  string
	// echoes are the links inside a {% content-ref %} to its own target
	// (Ref.Echo), found by the collecting pass.
	echoes map[*ast.Link]bool

	Path    string // for diagnostics
	Source  []byte // normalised Markdown given to the parser (front matter YAML cleaned)
	Meta    FrontMatter
	HasMeta bool
	Title   string // text of the leading H1, "" if none
	// TitleInBody: the title is an HTML <h1> the body keeps (README
	// fashion, with its logo), which the theme does not print again.
	TitleInBody bool
	Included    []string  // files the page includes, as Include named them, sorted
	Headings    []Heading // every heading with an ID, in order
	// Anchors are the other places links may lead to: the ids of the
	// page's raw HTML elements and the names of its <a>, as published.
	Anchors []string
	Refs    []Ref // every link and asset reference, in order
	Diags   []diag.Diagnostic

	// Constructs counts the GitBook and HonKit constructs the page uses, by
	// stable name ("hint", "tabs", "details", "figure", "mermaid", …), for
	// the compatibility report.
	Constructs map[string]int
	// MermaidClient counts the diagrams that the mermaid script draws in
	// the browser (types folio does not draw): the page must load it.
	MermaidClient int

	root      ast.Node
	fm        frontMatterSource // until the parser has decoded it
	lines     lineIndex
	origins   []sourceLine   // per line of Source; nil when it is the page as written
	cols      map[int]colMap // the columns of the lines of Source templating changed, by index
	glossary  *Glossary
	tagLabels map[string]string
	tagLooks  map[string]TagLook
	// glossaryLinks are the links to glossary terms: relative to the
	// glossary page, not to the page.
	glossaryLinks map[*ast.Link]bool
	trustHTML     bool // keep unsafe raw HTML (site.yaml trust_raw_html)
	titleTips     bool // an image's title is its tooltip, not its caption: a HonKit book without image-captions
	// figures is the caption template of a HonKit book's image-captions
	// plugin ("Figure: _CAPTION_"), "" without it; pageLevel is the
	// page's HonKit level ("1.2"), which the template may show.
	figures, pageLevel string
	// alertLabels and alertStyles are what a HonKit book's flexible-alerts
	// configuration says of its alerts (alertConfig).
	alertLabels, alertStyles map[string]string
	defines                  map[string]string   // ParseOptions.Defines: the ID of each term's heading, by name
	untitled                 bool                // the first `#` heading is a term (Defines.TopLevel)
	slug                     func(string) string // a heading's ID from its text: ParseOptions.HonKitIDs
	themeID                  func(string) bool   // ParseOptions.ThemeID
	apis                     []*APIBlock         // the API reference blocks, in page order
	raw                      map[int]*rawState   // what the collect pass learnt of each block of raw HTML
	emptyLinks               map[int]bool        // inline raw HTML opening a link that shows nothing, by source offset
	// hiddenEnds maps the source line of a GitBook block whose end tag an
	// unclosed comment hides to the comment's line as told (t50).
	hiddenEnds    map[int]int
	undefinedExpr map[string]bool // page variable expressions the expander reported
}

// Release drops what only rendering needs (the syntax tree, the source,
// the references, what the parse learnt of raw HTML), keeping what other
// pages and the site read of the page: its title, front matter, headings,
// constructs and diagnostics. A build releases each page once it is
// rendered, so that a big site does not hold every page's tree to the end,
// and, past a size, once it is parsed. The Doc cannot be rendered or
// resolved again until Regrow gives it a new parse's tree.
func (d *Doc) Release() {
	d.root, d.Source, d.Refs = nil, nil, nil
	d.lines, d.origins, d.cols = lineIndex{}, nil, nil
	d.glossaryLinks, d.apis, d.raw, d.emptyLinks = nil, nil, nil, nil
	// These point into the tree: kept, they would keep all of it.
	d.echoes, d.rawScope, d.rawOpen = nil, nil, nil
}

// Released reports whether Release dropped the tree.
func (d *Doc) Released() bool { return d.root == nil }

// Blank reports whether the page shows nothing at all, not even a
// heading: its Markdown is blanks, front matter and HTML comments. It
// needs the tree (not Released).
func (d *Doc) Blank() bool {
	for n := d.root.FirstChild(); n != nil; n = n.NextSibling() {
		h, ok := n.(*ast.HTMLBlock)
		if !ok || h.HTMLBlockType != ast.HTMLBlockType2 {
			return false
		}
	}
	return len(d.Headings) == 0
}

// Regrow gives a released Doc what Release dropped, from fresh, a new
// parse of the same text with the same options, so that it can be
// resolved and rendered. What the site read of d since its own parse
// (title, headings, front matter, constructs, diagnostics) stays as it
// is: other pages may be reading it.
func (d *Doc) Regrow(fresh *Doc) {
	d.root, d.Source, d.Refs = fresh.root, fresh.Source, fresh.Refs
	d.lines, d.origins, d.cols = fresh.lines, fresh.origins, fresh.cols
	d.glossaryLinks, d.apis, d.raw, d.emptyLinks = fresh.glossaryLinks, fresh.apis, fresh.raw, fresh.emptyLinks
	d.echoes = fresh.echoes
}

// Parse parses a page. src must be normalised text (UTF-8, LF endings).
func (c *Converter) Parse(path string, src []byte) *Doc {
	return c.ParseWith(path, src, ParseOptions{})
}

// Expand returns src, a file of a HonKit book that is not parsed as a
// page (a glossary, whose definitions are shown as the terms' tooltips),
// with its templates expanded as a page's are: "{{ book.product }}" gives
// the product's name. What is wrong in them is told where the file is
// parsed as a page.
func Expand(path string, src []byte, opts ParseOptions) []byte {
	if !needsExpansion(src, opts) {
		return src
	}
	e := newExpander(opts, nil)
	e.expand(path, "", src, 0)
	return e.out.Bytes()
}

// ParseWith parses a page with includes, HonKit variables and a glossary.
func (c *Converter) ParseWith(path string, src []byte, opts ParseOptions) *Doc {
	d := &Doc{Path: path, Constructs: map[string]int{}, glossary: opts.Glossary, tagLabels: opts.TagLabels, tagLooks: opts.TagLooks, glossaryLinks: map[*ast.Link]bool{}, trustHTML: opts.TrustHTML, slug: links.Slug, themeID: opts.ThemeID}
	if opts.HonKitIDs {
		d.slug = links.HonKitSlug
		d.titleTips = !slices.Contains(opts.Plugins, "image-captions")
		if !d.titleTips {
			d.figures = "Figure: _CAPTION_"
			if c, ok := opts.Config["pluginsConfig"].(map[string]any); ok {
				if ic, ok := c["image-captions"].(map[string]any); ok {
					if tpl, ok := ic["caption"].(string); ok && tpl != "" {
						d.figures = tpl
					}
				}
			}
			if v, ok := opts.Page["level"]; ok {
				d.pageLevel = fmt.Sprint(v)
			}
		}
	}
	if slices.Contains(opts.Plugins, "flexible-alerts") {
		d.alertLabels, d.alertStyles = alertConfig(opts.Config, opts.Language)
	}
	if g := opts.Defines; g != nil {
		d.untitled = g.TopLevel
		d.defines = make(map[string]string, len(g.Terms))
		for _, t := range g.Terms {
			d.defines[t.Name] = t.ID
		}
	}
	// A HonKit book's front matter is read as HonKit reads it (a line ...
	// also closes it).
	if yml, n, ok := splitFrontMatterFor(src, opts.HonKitIDs); ok {
		// goldmark-meta decodes it during the parse (frontMatterParser);
		// until then its lines are blank.
		d.HasMeta = true
		d.fm = frontMatterSource{yaml: yml, lines: n}
		src = blankLines(src, n)
	} else {
		d.Diags = append(d.Diags, unclosedFrontMatterDiags(path, src, opts.HonKitIDs)...)
		d.Diags = append(d.Diags, lateFrontMatterDiags(path, src)...)
	}
	d.loose(src, opts.HonKitIDs, 1, looseVars)
	if needsExpansion(src, opts) {
		e := newExpander(opts, d.fm.yaml)
		e.expand(path, "", src, 0)
		src = e.out.Bytes()
		d.origins, d.cols = e.lines, e.cols
		d.Diags = append(d.Diags, e.diags...)
		d.undefinedExpr = e.undefined
		for p, n := range e.used {
			d.Constructs["include"] += n
			d.Included = append(d.Included, p)
		}
		for p := range e.codeFiles {
			d.Constructs["import"]++
			if e.used[p] == 0 {
				d.Included = append(d.Included, p)
			}
		}
		slices.Sort(d.Included)
	}
	fm, src := d.cutFrontMatter(src)
	checks := looseLinks | looseHeadings | looseSpaces
	if opts.Vars == nil {
		checks |= looseTags // templating says so of the tags within a line
	}
	src = d.loose(src, opts.HonKitIDs, d.fm.lines+1, checks)
	if line, deep := nesting.TooDeep(src, maxNesting); deep {
		// Parsing such nesting costs time that grows with its square: show
		// the page as text rather than hang the build.
		d.Diags = append(d.Diags, diag.Diagnostic{Path: path, Line: line + d.fm.lines, Col: 1, Severity: diag.Error, Rule: "nesting",
			Msg:  fmt.Sprintf("lists or quotes nested deeper than %d levels: the page is shown as plain text", maxNesting),
			Hint: "flatten the nesting"})
		src = asCode(src)
	}
	if fm != nil {
		src = append(fm, src...)
	}
	d.Source = src
	d.lines = newLineIndex(src)
	pc := parser.NewContext()
	pc.Set(docKey, d)
	if d.origins != nil {
		gitbook.WithLineOrigin(pc, d.origin)
	}
	d.root = c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	// A tag folio does not know, at the start of a line with text after
	// it, is told by templating as not supported, and one not closed on
	// its line as such: the block parser's "not a single block tag" at
	// the same place says it again, less truly (t43, t51); so does its
	// "unknown block tag" of a Nunjucks tag templating told.
	var unsupported map[[2]int]bool // made on the first such problem: most pages have none
	for _, p := range gitbook.Problems(pc) {
		if at, ok := d.hiddenEnds[p.Line]; ok && p.Rule == "block-unclosed" {
			p.Hint = fmt.Sprintf("the <!-- on line %d, not closed, hides its end tag: end the comment with -->", at)
		}
		p.Path = path
		p.Col = d.originCol(p.Line, p.Col)
		p.Path, p.Line = d.origin(p.Line)
		if (p.Rule == "block-malformed" || p.Rule == "unsupported") && p.Path == path {
			if unsupported == nil {
				unsupported = map[[2]int]bool{}
				for _, x := range d.Diags {
					if (x.Rule == "unsupported" || x.Rule == "template-syntax") && x.Path == path {
						unsupported[[2]int{x.Line, x.Col}] = true
					}
				}
			}
			if unsupported[[2]int{p.Line, p.Col}] {
				continue
			}
		}
		d.Diags = append(d.Diags, p)
	}
	slices.SortStableFunc(d.Diags, diag.Compare)
	d.Diags = diag.Cap(d.Diags, diag.PerRule)
	d.Refs = collectRefs(d)
	return d
}

// origin returns the file (the page's path or an included file's) and the
// line there of a line of the parsed source.
// originCol maps the column col of line (of Source) to the column of the
// line as written, where templating changed it.
func (d *Doc) originCol(line, col int) int {
	if m, ok := d.cols[line-1]; ok && col > 0 {
		return m.col(col)
	}
	return col
}

func (d *Doc) origin(line int) (string, int) {
	if d.origins == nil || line < 1 || line > len(d.origins) {
		return d.Path, line
	}
	o := d.origins[line-1]
	if o.file == "" {
		return d.Path, o.line
	}
	return o.file, o.line
}

// Render writes the page's HTML. Call it after Resolve.
func (c *Converter) Render(d *Doc) ([]byte, error) {
	var buf bytes.Buffer
	buf.Grow(len(d.Source) * 3 / 2)
	if err := c.md.Renderer().Render(&buf, d.Source, d.root); err != nil {
		return nil, err
	}
	if d.closers != "" {
		buf.WriteString(d.closers + "\n")
	}
	return buf.Bytes(), nil
}

var docKey = parser.NewContextKey()

// report adds a diagnostic at byte pos of the source, placed in the file
// that line came from (an included file, or the page).
func (d *Doc) report(pos int, sev diag.Severity, rule, msg string) {
	d.reportHint(pos, sev, rule, msg, "")
}

// reportHint is report with a hint.
func (d *Doc) reportHint(pos int, sev diag.Severity, rule, msg, hint string) {
	line, col := d.lines.pos(pos)
	col = d.originCol(line, col)
	file, line := d.origin(line)
	d.Diags = append(d.Diags, diag.Diagnostic{Path: file, Line: line, Col: col, Severity: sev, Rule: rule, Msg: msg, Hint: hint})
}

// lineIndex maps byte offsets of a source to 1-based line and column
// numbers, columns in characters.
type lineIndex struct {
	src    []byte
	starts []int // offsets where each line starts
	// runes counts the characters before every runeBlock bytes of src,
	// made the first time a column far into a line is asked for: a line
	// of thousands of links was counted from its start for each of them
	// (t87: a 2 MB line of links took minutes).
	runes *runeBlocks
}

// runeBlock is how many bytes of source one count of runeBlocks covers.
const runeBlock = 1024

type runeBlocks struct {
	once sync.Once
	n    []int // n[k]: the characters of src[:k*runeBlock]
}

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{src: src, starts: make([]int, 1, bytes.Count(src, []byte{'\n'})+1), runes: &runeBlocks{}}
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return idx
		}
		off += i + 1
		idx.starts = append(idx.starts, off)
	}
}

// pos returns the line and column (in characters, 1-based) of offset off.
func (l lineIndex) pos(off int) (line, col int) {
	if off < 0 {
		return 0, 0
	}
	off = min(off, len(l.src))
	i := max(sort.SearchInts(l.starts, off+1)-1, 0)
	start := l.starts[i]
	if off-start < runeBlock || l.runes == nil {
		return i + 1, utf8.RuneCount(l.src[start:off]) + 1
	}
	return i + 1, l.runesBefore(off) - l.runesBefore(start) + 1
}

// runesBefore returns the characters of src before offset off: those
// that begin there, as every character of valid UTF-8 does once.
func (l lineIndex) runesBefore(off int) int {
	r := l.runes
	r.once.Do(func() {
		r.n = make([]int, len(l.src)/runeBlock+1)
		for k := 1; k < len(r.n); k++ {
			r.n[k] = r.n[k-1] + runeStarts(l.src[(k-1)*runeBlock:k*runeBlock])
		}
	})
	k := off / runeBlock
	return r.n[k] + runeStarts(l.src[k*runeBlock:off])
}

// runeStarts counts the bytes of b that begin a character.
func runeStarts(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// offset returns the byte offset of a line and column (in characters).
func (l lineIndex) offset(line, col int) int {
	start := l.starts[line-1]
	off := start
	for n := 1; n < col && off < len(l.src) && l.src[off] != '\n'; n++ {
		_, size := utf8.DecodeRune(l.src[off:])
		off += size
	}
	return off
}

// maxNesting is how deep lists and block quotes may nest. Real documents
// stay under ten levels.
const maxNesting = 100

// asCode turns a page into one fenced code block that shows it as it is.
func asCode(src []byte) []byte {
	fence := []byte("````````")
	for bytes.Contains(src, fence) {
		fence = append(fence, '`')
	}
	out := make([]byte, 0, len(src)+2*len(fence)+2)
	out = append(append(out, fence...), '\n')
	out = append(out, src...)
	if len(src) > 0 && src[len(src)-1] != '\n' {
		out = append(out, '\n')
	}
	return append(append(out, fence...), '\n')
}
