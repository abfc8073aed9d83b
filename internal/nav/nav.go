// Package nav reads a GitBook SUMMARY.md into a navigation tree.
//
// The grammar, as GitBook writes it (docs/gitbook-syntax.md §1.3):
//
//	summary = [ "# " title ] { entries | part }
//	part    = ( ( "## " | "### " | "#### " ) title [ `<a href="#slug" id="slug"></a>` ] | "***" | "---" ) entries
//	entries = list of entry, nested to any depth, markers *, -, + or 1.
//	entry   = "[" text "](" target [ ` "label"` ] ")" | plain text
//
// SUMMARY.md is parsed with goldmark, so links, escapes and entities mean
// what they mean in any other page. Everything else (paragraphs, h3+
// headings, code blocks) is reported and skipped: the tree only ever holds
// what a reader of the sidebar would see. Targets are kept as written; page
// paths and URLs are the job of the packages that load the space.
package nav

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"folio/internal/diag"
	"folio/internal/htmlname"
	"folio/internal/nesting"
	"folio/internal/shortcode"
)

// MaxDepth is how deep entries may nest. GitBook repositories use fewer than
// ten levels; the limit keeps recursion bounded on hostile input.
const MaxDepth = 100

// Summary is a parsed SUMMARY.md.
type Summary struct {
	Title string  // from the "# …" line; may be localised or ""
	Parts []*Part // Parts[0].Title is "" when entries come before the first "## "
}

// Part is a group of entries: a "## " heading or a "***" separator and the
// entries that follow it.
type Part struct {
	Title string // "" for the leading entries and for "***" groups
	Slug  string // from `## Title <a href="#slug" id="slug"></a>`, else ""
	Line  int    // line of the heading or separator; of the first entry for the leading part
	Items []*Item
}

// Item is one entry of the table of contents.
type Item struct {
	Title  string // link text, inline markup stripped, entities decoded, spaces collapsed
	Label  string // the quoted link title `[T](p.md "Label")`, the sidebar label; "" if none
	Target string // destination as written, angle brackets removed, not decoded; "" for a plain-text entry
	// Spaced is the destination of an entry written as a link whose
	// destination holds a space, which CommonMark reads as text: the
	// entry is its title alone, and a link-space warning names the file.
	Spaced   string
	Line     int // position of the entry's list marker in SUMMARY.md, 1-based
	Col      int // column in characters, 1-based
	Children []*Item
}

// Items yields every item, depth first in reading order.
func (s *Summary) Items(yield func(*Item) bool) {
	var walk func(items []*Item) bool
	walk = func(items []*Item) bool {
		for _, it := range items {
			if !yield(it) || !walk(it.Children) {
				return false
			}
		}
		return true
	}
	for _, p := range s.Parts {
		if !walk(p.Items) {
			return
		}
	}
}

// mdParser reads SUMMARY.md as CommonMark, with the pages' emoji
// shortcodes (package shortcode): "* [Launch :rocket:](launch.md)" is
// titled "Launch 🚀" in the sidebar, previous/next links and the printed
// table of contents, as the page's own text would show it.
var mdParser = goldmark.New(goldmark.WithParserOptions(
	parser.WithInlineParsers(util.Prioritized(shortcode.Parser(), 999)))).Parser()

// lineStart returns the offset where line (1-based) of src starts.
func lineStart(src []byte, line int) int {
	off := 0
	for n := 1; n < line; n++ {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			return len(src)
		}
		off += i + 1
	}
	return off
}

// Parse reads SUMMARY.md. Path is only used in diagnostics. src should be
// normalised (source.Normalize) but any bytes are accepted.
//
// honkit says the SUMMARY.md is a HonKit book's, whose parser reads more
// loosely than CommonMark: an entry [Title](my page.md) is a link.
func Parse(path string, src []byte, honkit bool) (*Summary, []diag.Diagnostic) {
	clean, shifts := cleanSource(src)
	p := &summaryParser{path: path, src: clean, shifts: shifts, lines: lineStarts(src), orig: src, s: &Summary{}, honkit: honkit}
	if line, deep := nesting.TooDeep(clean, MaxDepth); deep {
		// Parsing such nesting takes time that grows with its square
		// (t87: a SUMMARY.md of 4 MB took 75 s): what comes before that
		// line is read, the rest left out.
		p.ds = append(p.ds, diag.Diagnostic{Path: path, Line: line, Col: 1, Severity: diag.Error, Rule: "summary-syntax",
			Msg:  fmt.Sprintf("lists or quotes nested deeper than %d levels: SUMMARY.md is read up to this line", MaxDepth),
			Hint: "flatten the nesting"})
		clean = clean[:lineStart(clean, line)]
		p.src = clean
	}
	doc := mdParser.Parse(text.NewReader(clean), parser.WithContext(parser.NewContext()))
	p.document(doc)
	sort.SliceStable(p.ds, func(i, j int) bool { return diag.Compare(p.ds[i], p.ds[j]) < 0 })
	return p.s, p.ds
}

type summaryParser struct {
	path      string
	src       []byte  // cleaned source that goldmark parsed
	shifts    []shift // maps offsets in src back to orig
	orig      []byte
	lines     []int // offsets of line starts in orig
	s         *Summary
	ds        []diag.Diagnostic
	tooDeep   bool
	seenEntry bool
	honkit    bool
}

func (p *summaryParser) document(doc ast.Node) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		line, col := p.pos(n, 1)
		switch n := n.(type) {
		case *ast.Heading:
			p.heading(n, line)
		case *ast.ThematicBreak:
			p.startPart("", "", line)
		case *ast.List:
			part := p.current(line)
			for li := n.FirstChild(); li != nil; li = li.NextSibling() {
				if it := p.item(li, 1, line); it != nil {
					part.Items = append(part.Items, it)
				}
			}
		case *ast.FencedCodeBlock:
			p.fence(n, line, col)
		case *ast.HTMLBlock:
			if n.HTMLBlockType == ast.HTMLBlockType2 { // <!-- comment -->
				continue
			}
			p.warn(line, col, "raw HTML in SUMMARY.md is ignored")
		default:
			p.warn(line, col, "text outside a list is not part of the table of contents and is ignored")
		}
	}
}

func (p *summaryParser) heading(h *ast.Heading, line int) {
	title := p.plainText(h)
	switch {
	case h.Level == 1 && !p.seenEntry && p.s.Title == "" && len(p.s.Parts) == 0:
		p.s.Title = title
	case h.Level == 1:
		p.warn(line, 1, fmt.Sprintf("heading %q is ignored: only the first line may be a \"# \" title", title))
	case h.Level <= 4:
		// HonKit takes h2 to h4 for a part's title; parts do not nest.
		p.templated(title, line)
		p.startPart(title, p.slug(h), line)
	default:
		p.warn(line, 1, fmt.Sprintf("heading %q is ignored: a group's title is a heading of level 2 to 4 (\"## \" to \"#### \")", title))
	}
}

// startPart opens a new part, replacing an untitled one that got no entries
// (a "***" right before a "## ", or at the top of the file).
func (p *summaryParser) startPart(title, slug string, line int) {
	if n := len(p.s.Parts); n > 0 {
		last := p.s.Parts[n-1]
		if last.Title == "" && len(last.Items) == 0 {
			*last = Part{Title: title, Slug: slug, Line: line}
			return
		}
	}
	p.s.Parts = append(p.s.Parts, &Part{Title: title, Slug: slug, Line: line})
}

// current returns the part that entries at line go into.
func (p *summaryParser) current(line int) *Part {
	if len(p.s.Parts) == 0 {
		p.s.Parts = append(p.s.Parts, &Part{Line: line})
	}
	return p.s.Parts[len(p.s.Parts)-1]
}

// item converts a list item; it returns nil for items that are not entries
// (a builtin block alone, or nesting past MaxDepth).
func (p *summaryParser) item(li ast.Node, depth, parentLine int) *Item {
	line, col := p.pos(li, parentLine)
	if depth > MaxDepth {
		if !p.tooDeep {
			p.tooDeep = true
			p.ds = append(p.ds, diag.Diagnostic{Path: p.path, Line: line, Col: col, Severity: diag.Error,
				Rule: "summary-syntax", Msg: fmt.Sprintf("entries nested deeper than %d levels are dropped", MaxDepth)})
		}
		return nil
	}
	p.seenEntry = true
	it := &Item{Line: line, Col: col}
	hasText, onlyFence := false, true
	for c := li.FirstChild(); c != nil; c = c.NextSibling() {
		cl, cc := p.pos(c, line)
		switch c := c.(type) {
		case *ast.TextBlock, *ast.Paragraph:
			onlyFence = false
			if hasText {
				p.warn(cl, cc, "a second paragraph in an entry is ignored")
				continue
			}
			hasText = true
			p.entry(it, c)
		case *ast.List:
			onlyFence = false
			for gc := c.FirstChild(); gc != nil; gc = gc.NextSibling() {
				if child := p.item(gc, depth+1, line); child != nil {
					it.Children = append(it.Children, child)
				}
			}
		case *ast.FencedCodeBlock:
			p.fence(c, cl, cc)
		default:
			onlyFence = false
			p.warn(cl, cc, "only a link or plain text may follow a list marker; this block is ignored")
		}
	}
	if !hasText {
		if onlyFence && li.HasChildren() {
			return nil
		}
		p.warn(line, col, "entry has no title")
	}
	return it
}

// markerNoSpace matches a list marker glued to a link: *[, -[, +[, 1.[, 1)[.
var markerNoSpace = regexp.MustCompile(`^(?:[*+-]|[0-9]{1,9}[.)])\[`)

// entry fills it from the first link of block, or makes it a plain-text entry.
func (p *summaryParser) entry(it *Item, block ast.Node) {
	var link, extra ast.Node
	_ = ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Link, *ast.AutoLink:
			if link != nil {
				extra = n
				return ast.WalkStop, nil
			}
			link = n
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if extra != nil {
		// Usually a nested entry indented so far that Markdown reads it as
		// a continuation of the line above.
		line, col := p.pos(extra, it.Line)
		hint := "put each entry on its own line, indented by 2 spaces per level"
		if line >= 1 && line <= len(p.lines) {
			start := p.lines[line-1]
			end := bytes.IndexByte(p.orig[start:], '\n')
			if end < 0 {
				end = len(p.orig) - start
			}
			if m := markerNoSpace.Find(bytes.TrimSpace(p.orig[start : start+end])); m != nil {
				// *[Title](page.md), 1.[Title](page.md): the list marker
				// needs a space (t47, t50).
				hint = "put a space after " + string(m[:len(m)-1]) + ": without one, the line continues the entry above"
			}
		}
		p.warn(line, col, "an entry holds more than one link; all but the first are dropped", hint)
	}
	switch l := link.(type) {
	case *ast.Link:
		it.Title = p.plainText(l)
		p.templated(it.Title, it.Line)
		it.Label = cleanText(decode(l.Title))
		it.Target = string(l.Destination)
		if strings.TrimSpace(it.Title) == "" {
			line, col := p.pos(l, it.Line)
			p.warn(line, col, fmt.Sprintf("the entry for %s has no title; the sidebar shows the page's own", it.Target),
				"write the title between the brackets")
		}
	case *ast.AutoLink:
		it.Target = string(l.URL(p.src))
		it.Title = it.Target
	default:
		if title, dest, label, ok := spacedLink(blockText(block, p.src)); ok {
			if p.honkit {
				// HonKit's parser reads it as a link.
				it.Title, it.Target, it.Label = title, dest, label
				p.templated(title, it.Line)
				return
			}
			// GitBook's CommonMark reads no link there: the entry is
			// its title alone, its children under it, and not the
			// Markdown it is written in.
			line, col := p.pos(block, it.Line)
			p.ds = append(p.ds, diag.Diagnostic{Path: p.path, Line: line, Col: col, Severity: diag.Warning, Rule: "link-space",
				Msg:  fmt.Sprintf("the destination %q holds a space: the entry is shown as its title alone, not as a link", dest),
				Hint: "write the path between < and > (](<my page.md>)) or the space as %20"})
			it.Title, it.Label, it.Spaced = title, label, dest
			return
		}
		it.Title = p.plainText(block)
		if brokenLink(blockText(block, p.src)) {
			// [A](a.md with its ) missing, or [A] (a.md): Markdown reads
			// text, and the page it meant is not published.
			line, col := p.pos(block, it.Line)
			p.warn(line, col, "the entry is written as a link that Markdown does not read as one (a ) or ] missing, or a space between ] and (?): it is shown as its text, and no page is published for it",
				"write the entry as [Title](path.md)")
		}
	}
}

// spacedParenRE is an entry written as a link with a space between its
// ] and its (, which Markdown reads as text: [A] (a.md); its second group
// is the destination.
var spacedParenRE = regexp.MustCompile(`^\s*\[([^\[\]]+)\][ \t]+\(([^()\s]+)\)`)

// brokenLink reports whether the text of an entry that Markdown read as
// no link was meant as one: [A](a.md with its ) missing, or [A] (a.md).
// Code, images and escaped brackets say the author meant the text, and a
// task box ([ ] (todo)) or a note in brackets ([Deprecated] (since v2))
// is no link: the destination must look like a path.
func brokenLink(t string) bool {
	if strings.ContainsAny(t, "`") || strings.Contains(t, "![") || strings.Contains(t, `\[`) || strings.Contains(t, `\]`) {
		return false
	}
	if strings.Contains(t, "](") {
		return true
	}
	m := spacedParenRE.FindStringSubmatch(t)
	if m == nil || strings.TrimSpace(m[1]) == "" || strings.EqualFold(m[1], "x") {
		return false
	}
	d := strings.ToLower(m[2])
	return strings.HasSuffix(d, ".md") || strings.Contains(d, ".md#") || strings.HasSuffix(d, "/") || strings.Contains(d, "://")
}

// spacedRE is an entry's link whose destination holds a space, which
// CommonMark reads as text: [Title](my page.md "Label").
var spacedRE = regexp.MustCompile(`^\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*([^\s()<>"']+(?:[ \t]+[^\s()<>"']+)+?)(?:[ \t]+("[^"]*"|'[^']*'))?\s*\)$`)

// spacedLink reads the text of an entry as a link whose destination holds
// a space.
func spacedLink(entry string) (title, dest, label string, ok bool) {
	m := spacedRE.FindStringSubmatch(strings.TrimSpace(entry))
	if m == nil {
		return "", "", "", false
	}
	if m[3] != "" {
		label = cleanText(decode([]byte(m[3][1 : len(m[3])-1])))
	}
	// The title's inline markup, as in a link's text.
	sub := &summaryParser{src: []byte(m[1])}
	if title = sub.plainText(mdParser.Parse(text.NewReader(sub.src))); title == "" {
		title = cleanText(decode(sub.src))
	}
	return title, m[2], label, true
}

// blockText is the source of a block's lines.
func blockText(block ast.Node, src []byte) string {
	var b strings.Builder
	lines := block.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return b.String()
}

func (p *summaryParser) fence(f *ast.FencedCodeBlock, line, col int) {
	var body bytes.Buffer
	for i := 0; i < f.Lines().Len(); i++ {
		seg := f.Lines().At(i)
		body.Write(seg.Value(p.src))
	}
	if string(f.Language(p.src)) == "yaml" && bytes.Contains(body.Bytes(), []byte("builtin:")) {
		p.ds = append(p.ds, diag.Diagnostic{Path: p.path, Line: line, Col: col, Severity: diag.Info,
			Rule: "summary-builtin", Msg: "GitBook builtin block (generated OpenAPI pages) is skipped",
			Hint: "link the operations from a page with {% openapi %} blocks instead"})
		return
	}
	p.warn(line, col, "code block in SUMMARY.md is ignored")
}

var idRe = regexp.MustCompile(`(?i)\bid\s*=\s*["']([^"']*)["']`)
var hrefRe = regexp.MustCompile(`(?i)\bhref\s*=\s*["']#([^"']*)["']`)

// slug reads GitBook's `<a href="#slug" id="slug"></a>` anchor from a heading.
func (p *summaryParser) slug(h *ast.Heading) string {
	var html []byte
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		if r, ok := c.(*ast.RawHTML); ok {
			for i := 0; i < r.Segments.Len(); i++ {
				seg := r.Segments.At(i)
				html = append(html, seg.Value(p.src)...)
			}
		}
	}
	if m := idRe.FindSubmatch(html); m != nil {
		return string(m[1])
	}
	if m := hrefRe.FindSubmatch(html); m != nil {
		return string(m[1])
	}
	return ""
}

// plainText returns the text a reader sees in n: markup and raw HTML
// dropped, escapes and entities decoded, spaces collapsed.
func (p *summaryParser) plainText(n ast.Node) string {
	var b []byte
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.RawHTML:
			var raw []byte
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				raw = append(raw, seg.Value(p.src)...)
			}
			if htmlname.Placeholder(raw) {
				b = append(b, raw...) // `<name>`: text, as the page shows it (t64)
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			// Backslashes and entities are literal inside code spans.
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b = append(b, t.Segment.Value(p.src)...)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b = append(b, decode(c.Segment.Value(p.src))...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		case *emojiast.Emoji:
			b = append(b, string(c.Value.Unicode)...)
		case *ast.AutoLink:
			b = append(b, c.Label(p.src)...)
		}
		return ast.WalkContinue, nil
	})
	return cleanText(b)
}

func decode(b []byte) []byte {
	return util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(b)))
}

// cleanText drops zero-width characters (GitBook leaves them, also as
// entities) and collapses runs of white space, as a browser would show them.
func cleanText(b []byte) string {
	var sb strings.Builder
	space := false
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		b = b[n:]
		switch {
		case isZeroWidth(r):
		case unicode.IsSpace(r):
			space = sb.Len() > 0
		default:
			if space {
				sb.WriteByte(' ')
				space = false
			}
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

func isZeroWidth(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\ufeff', '\u2060':
		return true
	}
	return false
}

// shift records that from clean offset at on, delta more bytes were removed.
type shift struct{ at, delta int }

// cleanSource removes zero-width characters and turns NBSP into a space, so
// that "*\u00a0[a](a.md)" is a list item and "\u200b* [a](a.md)" is not text.
// Line breaks are untouched; shifts map offsets back to src.
func cleanSource(src []byte) ([]byte, []shift) {
	out := make([]byte, 0, len(src))
	var shifts []shift
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case isZeroWidth(r):
		case r == '\u00a0':
			out = append(out, ' ')
		default:
			out = append(out, src[i:i+n]...)
			i += n
			continue
		}
		// From here on, clean offset len(out) is src offset i+n.
		shifts = append(shifts, shift{at: len(out), delta: i + n - len(out)})
		i += n
	}
	return out, shifts
}

func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// pos returns the 1-based line and column of n, or fallback and column 1
// when goldmark kept no position for it.
func (p *summaryParser) pos(n ast.Node, fallback int) (line, col int) {
	off := n.Pos()
	if off < 0 {
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			off = n.Lines().At(0).Start
		} else {
			return max(fallback, 1), 1
		}
	}
	// Map the offset in the cleaned source back to the file.
	i := sort.Search(len(p.shifts), func(i int) bool { return p.shifts[i].at > off })
	if i > 0 {
		off += p.shifts[i-1].delta
	}
	off = min(off, len(p.orig))
	l := sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }) // l ≥ 1: lines[0] is 0
	col = utf8.RuneCount(p.orig[p.lines[l-1]:off]) + 1
	return l, col
}

// templated warns at a template expression or tag in an entry's title or
// a group's, in a HonKit book: HonKit expands them in pages, not in
// SUMMARY.md, so the sidebar, the browser tab and the previous and next
// links show it as written where the page's heading shows its value (t93).
func (p *summaryParser) templated(title string, line int) {
	if !p.honkit || !strings.Contains(title, "{{") && !strings.Contains(title, "{%") {
		return
	}
	col := 1
	if line >= 1 && line <= len(p.lines) {
		raw := p.orig[p.lines[line-1]:]
		if end := bytes.IndexByte(raw, '\n'); end >= 0 {
			raw = raw[:end]
		}
		i := bytes.Index(raw, []byte("{{"))
		if j := bytes.Index(raw, []byte("{%")); j >= 0 && (i < 0 || j < i) {
			i = j
		}
		if i >= 0 && bytes.Count(raw[:i], []byte("`"))%2 == 1 {
			return // in code: shown as written is what the author meant (t102)
		}
		if i >= 0 {
			col = utf8.RuneCount(raw[:i]) + 1
		}
	}
	p.warn(line, col, "a template in SUMMARY.md is shown as written: HonKit expands templates in pages, not in SUMMARY.md",
		"write the text itself")
}

func (p *summaryParser) warn(line, col int, msg string, hint ...string) {
	p.ds = append(p.ds, diag.Diagnostic{Path: p.path, Line: line, Col: col, Severity: diag.Warning,
		Rule: "summary-syntax", Msg: msg, Hint: strings.Join(hint, "")})
}
