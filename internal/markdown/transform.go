package markdown

import (
	"bytes"
	"cmp"
	"fmt"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"folio/internal/diag"
	"folio/internal/gitbook"
	"folio/internal/glossary"
	"folio/internal/htmlname"
	"folio/internal/links"
)

// contentTransformer runs after pageTransformer. It attaches HonKit file
// labels to code blocks, recovers figures CommonMark reads as code, drops
// the `:name:` text of icons, links glossary terms, gives titled images a caption, warns of a code fence
// never closed that swallows the rest of the page, and counts the constructs of the page for the
// compatibility report.
type contentTransformer struct{}

var iconOpenRE = regexp.MustCompile(`^<i\s[^>]*class\s*=\s*["'][^"']*\bfa-([a-z0-9-]+)`)

// htmlConstructs are the raw HTML constructs counted in the report.
var htmlConstructs = []struct{ name, needle string }{
	{"details", "<details"}, {"figure", "<figure"}, {"picture", "<picture"}, {"kbd", "<kbd"},
	{"mark", "<mark"}, {"sup", "<sup"}, {"sub", "<sub"}, {"underline", "<u>"},
	{"html-table", "<table"}, {"cards", `data-view="cards"`}, {"button", `class="button`},
	{"mention", "data-mention"}, {"icon", `<i class="fa-`}, {"html-code", `<pre class="language-`},
	{"image-line", `data-size="line"`}, {"drawing", "gitbook-drawing"}, {"framed-figure", "data-with-frame"},
	{"select-column", "<select"}, {"honkit-section", `<details class="section"`},
}

func (contentTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d, _ := pc.Get(docKey).(*Doc)
	if d == nil {
		return
	}
	src := reader.Source()
	t := &transform{d: d, src: src, linked: map[string]bool{}, pc: pc}
	_ = ast.Walk(doc, t.visit)
	for _, f := range t.after {
		f()
	}
	t.undefinedFootnotes()
}

type transform struct {
	d      *Doc
	src    []byte
	after  []func() // tree edits, applied after the walk
	linked map[string]bool
	pc     parser.Context
	// refs are the page's reference definitions and refNames their
	// labels normalised, read from pc on a page's first undefined label
	// (nearestRef); refHints counts the labels a near one was looked for.
	refs     []parser.Reference
	refNames []string
	refHints int
	// footnotes are the footnote references no definition gives, and
	// noteLabels the labels the page defines (undefinedFootnotes).
	footnotes  []undefinedNote
	noteLabels []string
	// figureN counts the images the image-captions plugin captions.
	figureN int
	// rawLinks counts the raw HTML <a> tags the block being walked has
	// opened and not closed: an address within one is its text.
	rawLinks int
}

func (t *transform) count(name string) { t.d.Constructs[name]++ }

func (t *transform) report(pos int, sev diag.Severity, rule, format string, args ...any) {
	t.d.report(pos, sev, rule, sprintf(format, args...))
}

func (t *transform) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if n.Type() == ast.TypeBlock {
		t.rawLinks = 0 // a paragraph, a heading, a table cell: inline HTML ends there
	}
	switch n := n.(type) {
	case *gitbook.Block:
		if n.IsAlert() {
			t.count("alert")
		} else {
			t.count(n.Tag.Name)
		}
		if n.Tag.Name == "update" && t.d.tagLabels != nil {
			for _, tg := range strings.Split(tagsOf(n), ",") {
				tg = strings.TrimSpace(tg)
				if l := t.d.tagLabels[tg]; l != "" {
					n.Tag.Set("_label."+tg, l)
					// Its colour, in the theme's palette as marks are, and its
					// icon when folio draws it (t98: every chip alike).
					look := t.d.tagLooks[tg]
					if c := markColors[strings.ToLower(strings.TrimSpace(look.Color))]; c != "" {
						n.Tag.Set("_color."+tg, c)
					}
					if gitbook.KnownIcon(look.Icon) {
						n.Tag.Set("_icon."+tg, look.Icon)
					}
				} else if _, known := t.d.tagLabels[tg]; tg != "" && !known {
					// A tag renamed or removed in GitBook, or mistyped.
					t.report(n.Pos(), diag.Warning, "update-tag", "{%% update %%} tag %q is not in .gitbook/tags.yaml: it is shown as written", tg)
				}
			}
		}
	case *ast.FencedCodeBlock:
		switch fenceLang(n, t.src) {
		case "mermaid":
			t.count("mermaid")
		case "math":
			t.mathFence(n)
		default:
			if title := fenceTitle(n, t.src); title != "" {
				t.count("code-title")
				n.SetAttributeString("data-title", title)
			}
		}
		t.unclosedFence(n)
		return ast.WalkSkipChildren, nil
	case *ast.CodeBlock:
		t.recoverHTML(n)
		t.indentedBlockTag(n)
		return ast.WalkSkipChildren, nil
	case *ast.HTMLBlock:
		body := blockText(n, t.src)
		if name, ok := bytes.CutPrefix(body, []byte("<!--folio:filename ")); ok {
			t.attachLabel(n, string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(name), []byte("-->")))))
			return ast.WalkSkipChildren, nil
		}
		if kind, ok := bytes.CutPrefix(bytes.TrimSpace(body), []byte("<!--folio:richquote ")); ok {
			t.richquote(n, string(bytes.TrimSuffix(kind, []byte("-->"))))
			return ast.WalkSkipChildren, nil
		}
		if t.placeholderLine(n) {
			return ast.WalkSkipChildren, nil
		}
		t.countHTML(body, n)
		t.unclosedComment(n)
	case *ast.RawHTML:
		raw := rawText(n, t.src)
		if n.Segments.Len() == 1 && htmlname.Placeholder(raw) {
			// `<service>` in a sentence, an image's alternative text or a
			// link's: the text it is, everywhere text is read (t64: an
			// image's alt lost it).
			seg := n.Segments.At(0)
			t.after = append(t.after, func() {
				// Unless what held it went, a <script>…</script> in a
				// line that is removed whole (a fuzzed page panicked).
				if p := n.Parent(); p != nil {
					p.ReplaceChild(p, n, ast.NewTextSegment(seg))
				}
			})
			return ast.WalkSkipChildren, nil
		}
		switch {
		case endTagName(raw) == "a":
			t.rawLinks = max(t.rawLinks-1, 0)
		case len(raw) > 1 && raw[1] != '/' && tagName(raw) == "a":
			t.rawLinks++
		}
		t.countHTML(raw, n)
		if n.Segments.Len() > 0 && emptyLinkOpen(n, t.src) {
			if t.d.emptyLinks == nil {
				t.d.emptyLinks = map[int]bool{}
			}
			t.d.emptyLinks[n.Segments.At(0).Start] = true
		}
		if m := iconOpenRE.FindSubmatch(raw); m != nil {
			t.dropIconText(n, string(m[1]))
		}
		if !t.d.trustHTML && len(raw) > 1 && raw[1] != '/' && textContent[tagName(raw)] {
			t.dropTextContent(n, tagName(raw))
		}
		if exprOpenRE.Match(raw) {
			t.inlineExpression(n)
		}
	case *emojiast.Emoji:
		t.count("emoji")
	case *east.Strikethrough:
		t.count("strikethrough")
	case *east.TaskCheckBox:
		t.count("task-list")
	case *east.FootnoteLink:
		t.count("footnote")
	case *east.Footnote:
		t.noteLabels = append(t.noteLabels, string(n.Ref))
	case *east.Table:
		t.count("table")
	case *ast.Image:
		if len(n.Title) > 0 || t.d.figures != "" {
			t.caption(n)
		}
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if e, ok := c.(*emojiast.Emoji); ok {
				// The alt text is the image's text: an emoji in it is
				// written as its characters.
				t.count("emoji")
				t.after = append(t.after, func() { n.ReplaceChild(n, e, ast.NewString([]byte(string(e.Value.Unicode)))) })
			}
			if r, ok := c.(*ast.RawHTML); ok && r.Segments.Len() == 1 && htmlname.Placeholder(rawText(r, t.src)) {
				// And a placeholder, `<service>`, the text it is (t64).
				seg := r.Segments.At(0)
				t.after = append(t.after, func() { n.ReplaceChild(n, r, ast.NewTextSegment(seg)) })
			}
		}
		return ast.WalkSkipChildren, nil
	case *ast.Link:
		// A mention of a page, [](page.md "mention"), shows the page's
		// title: its text is left empty on purpose.
		mention := string(n.Title) == "mention" && !links.IsExternal(string(n.Destination))
		if !hasText(n, t.src) && !mention {
			// Readers see nothing to click and screen readers announce a
			// bare "link"; the title names it (WCAG 2.4.4).
			if n.Title == nil {
				n.Title = n.Destination
			}
			t.report(n.Pos(), diag.Warning, "link-text", "link to %s has no text", n.Destination)
		}
	case *ast.AutoLink:
		if t.rawLinks > 0 {
			// HTML has no link within a link: the address is the text
			// of the author's <a>, as markdown-it and GitBook leave it.
			t.after = append(t.after, func() {
				n.Parent().ReplaceChild(n.Parent(), n, ast.NewString(n.Label(t.src)))
			})
			return ast.WalkSkipChildren, nil
		}
		t.trimAutoLink(n)
		t.escapedURLTail(n)
		return ast.WalkSkipChildren, nil
	case *ast.Text:
		if v := n.Segment.Value(t.src); bytes.Contains(v, []byte(zwsp)) || bytes.Contains(v, []byte(zwnj)) {
			t.splitText(n, zwRE, func(v []byte, m []int) (ast.Node, bool) {
				if joiner(v, m) {
					return nil, false // a real joiner between letters (Persian)
				}
				return ast.NewString(nil), true
			})
		}
	case *ast.CodeSpan:
		return ast.WalkSkipChildren, nil
	case *ast.Paragraph, *ast.TextBlock:
		t.otherSyntax(n)
		t.undefinedRefs(n)
		t.math(n) // a paragraph that is only $$…$$ becomes a display block
		if t.d.glossary != nil {
			t.glossary(n)
		}
	case *ast.Heading:
		t.undefinedRefs(n)
	case *east.TableCell:
		// A cell holds its text itself, with no paragraph.
		t.undefinedRefs(n)
		if t.d.glossary != nil {
			t.glossary(n)
		}
	}
	return ast.WalkContinue, nil
}

// unclosedComment tells an HTML comment that no --> closes: Markdown
// hides all that follows it in its container (t47: the rest of a page
// vanished without a word). goldmark closes a comment on its first line
// without a closure line.
func (t *transform) unclosedComment(n *ast.HTMLBlock) {
	if n.HTMLBlockType != ast.HTMLBlockType2 || n.HasClosure() || n.Lines().Len() == 0 {
		return
	}
	first := n.Lines().At(0)
	line := first.Value(t.src)
	i := bytes.Index(line, []byte("<!--"))
	if i < 0 || bytes.Contains(line, []byte("-->")) { // <!--> ends at once
		return
	}
	if bytes.Contains(line, []byte("--!>")) {
		// Browsers end a comment there; Markdown reads on (t49).
		t.d.reportHint(first.Start+i, diag.Warning, "html-unbalanced",
			"<!-- ends with --!>, which Markdown does not read as an end: what follows it, to the end of the page, is shown as raw HTML", "end the comment with -->")
		return
	}
	// It reads on past the end tags of the GitBook blocks around it (t49),
	// to the end of the list item or quote that holds them, or the page's
	// (t50).
	where, blocks := "the page", false
	at, _ := t.d.lines.pos(first.Start + i)
	_, at = t.d.origin(at)
	for p := n.Parent(); p != nil && p.Kind() != ast.KindDocument; p = p.Parent() {
		if b, ok := p.(*gitbook.Block); ok {
			blocks = true
			// Its "not closed" error asks for an end tag the comment hides
			// (t50): it says so.
			if t.d.hiddenEnds == nil {
				t.d.hiddenEnds = map[int]int{}
			}
			t.d.hiddenEnds[b.Line] = at
			continue
		}
		where = "the block that holds it"
		break
	}
	if blocks {
		where += ", the end tags of the blocks around it included"
	}
	t.d.reportHint(first.Start+i, diag.Warning, "html-unbalanced",
		"<!-- is not closed: all that follows it, to the end of "+where+", is hidden", "end the comment with -->")
}

func blockText(n ast.Node, src []byte) []byte {
	var b []byte
	for i := 0; i < n.Lines().Len(); i++ {
		s := n.Lines().At(i)
		b = append(b, s.Value(src)...)
	}
	return b
}

func (t *transform) countHTML(b []byte, n ast.Node) {
	if bytes.IndexByte(b, '<') < 0 {
		return
	}
	// One pass over the tags instead of one search per construct: every
	// needle starts at a tag or inside one.
	icons := false
	for i := 0; ; {
		lt := bytes.IndexByte(b[i:], '<')
		if lt < 0 {
			break
		}
		i += lt
		end := bytes.IndexByte(b[i:], '>') + 1 // the tag with its '>'
		if end == 0 {
			end = len(b) - i
		}
		tag := b[i : i+end]
		for _, c := range htmlConstructs {
			if c.needle[0] == '<' {
				if hasPrefixFold(tag, c.needle) {
					t.d.Constructs[c.name]++
				}
			} else if k := countFold(tag, c.needle); k > 0 {
				t.d.Constructs[c.name] += k
			}
		}
		icons = icons || len(tag) > 2 && hasPrefixFold(tag, "<i") && isHTMLSpace(tag[2])
		i += end
	}
	if !icons {
		return
	}
	// Icons: report the names folio has not drawn.
	for _, m := range iconAnyRE.FindAllSubmatch(b, -1) {
		if name := string(m[1]); !KnownIcon(name) {
			pos := n.Pos()
			if pos < 0 && n.Lines().Len() > 0 {
				pos = n.Lines().At(0).Start
			}
			t.report(max(pos, 0), diag.Info, "icon-unknown", "icon %q is not in folio's icon set; a neutral glyph is shown", name)
		}
	}
}

// countFold counts the occurrences of the lower-case needle in b, in any
// case.
func countFold(b []byte, needle string) int {
	k := 0
	for i := 0; i+len(needle) <= len(b); i++ {
		if lowerASCII(b[i]) == needle[0] && hasPrefixFold(b[i:], needle) {
			k++
			i += len(needle) - 1
		}
	}
	return k
}

var iconAnyRE = regexp.MustCompile(`<i\s[^>]*class\s*=\s*["'][^"']*\bfa-([a-z0-9-]+)`)

// attachLabel gives the code block after a HonKit `{% filename %}` its
// title.
func (t *transform) attachLabel(n *ast.HTMLBlock, name string) {
	t.count("filename")
	t.after = append(t.after, func() {
		next := n.NextSibling()
		switch next.(type) {
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			next.SetAttributeString("data-title", name)
		}
		n.Parent().RemoveChild(n.Parent(), n)
	})
}

// richquote gives the block quote after a richquote marker (see
// expander.richquote) its class, and drops the marker.
func (t *transform) richquote(n *ast.HTMLBlock, kind string) {
	t.count("richquote")
	t.after = append(t.after, func() {
		if q, ok := n.NextSibling().(*ast.Blockquote); ok {
			q.SetAttributeString("class", []byte("richquote richquote-"+kind))
		}
		n.Parent().RemoveChild(n.Parent(), n)
	})
}

// recoverHTML handles an export quirk: an empty list item, a blank line and
// a 4-space indented `<figure>` (govstack-playbook). CommonMark reads an
// indented code block; GitBook shows the figure in the list item. An
// indented block that is one HTML element right after such a list becomes
// an HTML block inside the empty item.
func (t *transform) recoverHTML(n *ast.CodeBlock) {
	list, ok := n.PreviousSibling().(*ast.List)
	if !ok || list.LastChild() == nil || list.LastChild().HasChildren() {
		return
	}
	body := bytes.TrimSpace(blockText(n, t.src))
	if !bytes.HasPrefix(body, []byte("<")) || !bytes.HasSuffix(body, []byte(">")) {
		return
	}
	tag := strings.ToLower(tagName(body))
	switch tag {
	case "figure", "img", "picture", "div", "table", "p":
	default:
		return
	}
	item := list.LastChild()
	t.count("figure-in-list")
	t.after = append(t.after, func() {
		h := ast.NewHTMLBlock(ast.HTMLBlockType6)
		h.SetLines(n.Lines())
		n.Parent().RemoveChild(n.Parent(), n)
		item.AppendChild(item, h)
	})
}

// placeholderLine makes a line that is one placeholder alone
// (`<your-api-key>`), which CommonMark reads as a block of HTML, the
// paragraph of text it is (t64: text outside any paragraph).
func (t *transform) placeholderLine(n *ast.HTMLBlock) bool {
	if n.Lines().Len() != 1 || n.HasClosure() {
		return false
	}
	seg := n.Lines().At(0)
	seg = seg.TrimLeftSpace(t.src)
	seg = seg.TrimRightSpace(t.src)
	v := seg.Value(t.src)
	if len(v) < 3 || bytes.Count(v, []byte("<")) != 1 || v[len(v)-1] != '>' || !htmlname.Placeholder(v) {
		return false
	}
	t.after = append(t.after, func() {
		p := ast.NewParagraph()
		p.Lines().Append(seg)
		p.AppendChild(p, ast.NewTextSegment(seg))
		n.Parent().ReplaceChild(n.Parent(), n, p)
	})
	return true
}

// indentedBlockTag tells a GitBook block indented as code by a tab before
// its tag (t61: shown as code without a word): an indented code block that
// opens with a block's tag and holds its end tag. A block's tag alone in
// code, one indented by spaces and {% raw %} are examples of the syntax,
// and stay so.
func (t *transform) indentedBlockTag(n *ast.CodeBlock) {
	lines := n.Lines()
	if lines.Len() < 2 {
		return
	}
	seg := lines.At(0)
	first := bytes.TrimSpace(seg.Value(t.src))
	name, ok := blockTagName(first)
	if !ok || strings.HasPrefix(name, "end") || name == "raw" || !gitbook.IsBlockTag(name) {
		return
	}
	// A tab before the tag: four spaces are how a page shows the syntax
	// as an example (t64), a tab is an editor's indent.
	lineStart := seg.Start
	for lineStart > 0 && t.src[lineStart-1] != '\n' {
		lineStart--
	}
	if !bytes.Contains(t.src[lineStart:seg.Start], []byte("\t")) && !bytes.HasPrefix(seg.Value(t.src), []byte("\t")) {
		return
	}
	for i := 1; i < lines.Len(); i++ {
		sg := lines.At(i)
		if end, ok := blockTagName(bytes.TrimSpace(sg.Value(t.src))); ok && end == "end"+name {
			t.d.reportHint(lineStart, diag.Warning, "block-misplaced",
				"{% "+name+" %} is indented as code (a tab before it): it is shown as code, not as a block",
				"remove the indentation before its tags, or indent it under a list item's text")
			return
		}
	}
}

// blockTagName returns the name of the tag `{% name … %}` that line
// starts with.
func blockTagName(line []byte) (string, bool) {
	rest, ok := bytes.CutPrefix(line, []byte("{%"))
	if !ok {
		return "", false
	}
	rest = bytes.TrimLeft(rest, " -")
	i := 0
	for i < len(rest) && (rest[i] >= 'a' && rest[i] <= 'z' || rest[i] == '-' || rest[i] >= 'A' && rest[i] <= 'Z') {
		i++
	}
	return string(rest[:i]), i > 0
}

// dropIconText removes the `:name:` text and `</i>` after an inline
// `<i class="fa-name">`: the icon is drawn in its place.
func (t *transform) dropIconText(open *ast.RawHTML, name string) {
	txt := iconText(open, t.src)
	if txt == nil {
		return
	}
	closer := txt.NextSibling()
	t.after = append(t.after, func() {
		p := open.Parent()
		p.RemoveChild(p, txt)
		p.RemoveChild(p, closer)
	})
}

// iconText returns the `:name:` text between an inline
// `<i class="fa-name">`, open, and its `</i>`; nil when open is not
// followed by text and `</i>`.
func iconText(open *ast.RawHTML, src []byte) ast.Node {
	txt := open.NextSibling()
	switch txt.(type) {
	case *ast.Text, *emojiast.Emoji: // ":rocket:" is an emoji's shortcode too
	default:
		return nil
	}
	closer, ok := txt.NextSibling().(*ast.RawHTML)
	if !ok || !bytes.Equal(bytes.TrimSpace(rawText(closer, src)), []byte("</i>")) {
		return nil
	}
	return txt
}

// dropTextContent removes what stands between an inline start tag of an
// element whose content is text (<script>, <style>: textContent) and its
// end tag in the same paragraph. The sanitizer removes both tags, as it
// removes such an element whole from a block; inline, goldmark makes the
// content a text node of its own, which would show.
func (t *transform) dropTextContent(open *ast.RawHTML, name string) {
	var gone []ast.Node
	for c := open.NextSibling(); c != nil; c = c.NextSibling() {
		if r, ok := c.(*ast.RawHTML); ok {
			if raw := bytes.TrimSpace(rawText(r, t.src)); len(raw) > 2 && raw[1] == '/' && endTagName(raw) == name {
				t.after = append(t.after, func() {
					for _, g := range gone {
						// Another start tag before the same end tag
						// (<style><style>…</style>) took it already.
						if p := g.Parent(); p != nil {
							p.RemoveChild(p, g)
						}
					}
				})
				return
			}
		}
		gone = append(gone, c)
	}
	// No end tag in the paragraph: the text stays, the tag goes.
}

// caption wraps an image with a title that stands alone in its paragraph in
// a figure whose caption is the title (GitBook's reading of the title). A
// HonKit book shows the title as a tooltip, unless its book.json lists
// the image-captions plugin.
//
// The plugin captions an image alone in its paragraph with its title, or
// else its alternative text, through its template ("Figure: _CAPTION_",
// or pluginsConfig's caption), as folio does then (t59: an image with
// alt text alone had no caption).
func (t *transform) caption(img *ast.Image) {
	p, ok := img.Parent().(*ast.Paragraph)
	if !ok || p.FirstChild() != img || img.NextSibling() != nil || t.d.titleTips {
		return
	}
	caption := string(img.Title)
	if t.d.figures != "" {
		if caption == "" {
			caption = strings.TrimSpace(plainText(img, t.src))
		}
		if caption == "" {
			return
		}
		t.figureN++
		n := strconv.Itoa(t.figureN)
		// _BOOK_IMAGE_NUMBER_ counts the images of every page before
		// this one, which a page parsed alone cannot know. The page's
		// level and the image's number on it make a number no other
		// image of the book has, where the page's number alone would
		// repeat from page to page.
		book := n
		if t.d.pageLevel != "" {
			book = t.d.pageLevel + "." + n
		}
		caption = strings.NewReplacer("_CAPTION_", caption, "_BOOK_IMAGE_NUMBER_", book, "_PAGE_IMAGE_NUMBER_", n,
			"_PAGE_LEVEL_", t.d.pageLevel).Replace(t.d.figures)
	}
	t.count("image-caption")
	t.after = append(t.after, func() {
		f := &figureNode{Caption: caption}
		// The caption shows the title: as a tooltip too, screen readers
		// read it twice (t52).
		img.Title = nil
		p.Parent().ReplaceChild(p.Parent(), p, f)
		p.RemoveChild(p, img)
		f.AppendChild(f, img)
	})
}

const (
	zwsp = "\u200b"
	zwnj = "\u200c"
)

// zwRE matches runs of zero-width spaces and non-joiners. A ZWSP is always
// an export artefact; a ZWNJ only when it does not sit between two letters.
var zwRE = regexp.MustCompile("[\u200b\u200c]+")

// joiner reports whether the run m of zwRE in v is a real joiner: ZWNJs
// alone, between two letters.
func joiner(v []byte, m []int) bool {
	return !bytes.Contains(v[m[0]:m[1]], []byte(zwsp)) && joins(v, m[0], m[1])
}

// joins reports whether v[start:stop] sits between two letters.
func joins(v []byte, start, stop int) bool {
	before, _ := utf8.DecodeLastRune(v[:start])
	after, _ := utf8.DecodeRune(v[stop:])
	return start > 0 && stop < len(v) && unicode.IsLetter(before) && unicode.IsLetter(after)
}

// escapedURLTail carries a linkified address past the backslashes Git
// Sync writes before punctuation in text: in
// https://example.com/my\_page\_here, GFM's autolink stops at the first
// backslash, linking https://example.com/my; the address goes on, its
// escaped characters as they mean (my_page_here), up to what ends an
// address, less its trailing punctuation, as GFM ends one.
func (t *transform) escapedURLTail(n *ast.AutoLink) {
	next, ok := n.NextSibling().(*ast.Text)
	if !ok || n.AutoLinkType != ast.AutoLinkURL {
		return
	}
	v := next.Segment.Value(t.src)
	if len(v) < 2 || v[0] != '\\' || !escapedInURL(v[1]) {
		return
	}
	var tail []byte
	var ends []int // the source length consumed after each byte of tail
	for i := 0; i < len(v); {
		switch {
		case v[i] == '\\' && i+1 < len(v) && escapedInURL(v[i+1]):
			tail = append(tail, v[i+1])
			i += 2
		case urlByte(v[i]):
			tail = append(tail, v[i])
			i++
		default:
			i = len(v)
			continue
		}
		ends = append(ends, i)
	}
	url := n.URL(t.src)
	for len(tail) > 0 {
		c := tail[len(tail)-1]
		whole := string(url) + string(tail)
		// Trailing punctuation, and a ) that opens nowhere in the
		// address, belong to the text.
		if strings.IndexByte(".,:;!?'\"", c) < 0 && (c != ')' || strings.Count(whole, "(") >= strings.Count(whole, ")")) {
			break
		}
		tail, ends = tail[:len(tail)-1], ends[:len(ends)-1]
	}
	if len(tail) == 0 {
		return
	}
	consumed := ends[len(ends)-1]
	t.after = append(t.after, func() {
		link := ast.NewLink()
		// URL and Label may be the source itself: copies, not appends.
		link.Destination = append(append([]byte(nil), url...), tail...)
		link.AppendChild(link, ast.NewString(append(append([]byte(nil), n.Label(t.src)...), tail...)))
		link.SetPos(n.Pos())
		n.Parent().ReplaceChild(n.Parent(), n, link)
		next.Segment = next.Segment.WithStart(next.Segment.Start + consumed)
	})
}

// escapedInURL reports whether c, after a backslash, is punctuation an
// address may hold (Git Sync escapes _, *, &…).
func escapedInURL(c byte) bool {
	return urlByte(c) && !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9')
}

// urlByte reports whether c may stand in an address as GFM reads one.
func urlByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte("-._~:/?#[]@!$&'()*+,;=%", c) >= 0
}

// trimAutoLink keeps an encoded trailing space (`&#x20;`, a GitBook export
// artefact) out of a linkified URL.
func (t *transform) trimAutoLink(n *ast.AutoLink) {
	const artefact = "&#x20;"
	url := n.URL(t.src)
	if !bytes.HasSuffix(url, []byte(artefact)) || n.AutoLinkType != ast.AutoLinkURL {
		return
	}
	lbl := n.Label(t.src)
	if !bytes.Equal(lbl, url) {
		return
	}
	// The label is the source text at the node's position.
	// goldmark's position of a linkified URL may be a byte early.
	pos := n.Pos()
	if pos < 0 || len(url) <= len(artefact) {
		return
	}
	i := bytes.Index(t.src[pos:min(len(t.src), pos+len(url)+4)], url)
	if i < 0 {
		return
	}
	pos += i
	cut := len(url) - len(artefact)
	// Without the artefact, a closing parenthesis that opens nowhere in the
	// URL belongs to the text, as GFM's autolinks have it.
	for cut > 0 && url[cut-1] == ')' && bytes.Count(url[:cut], []byte("(")) < bytes.Count(url[:cut], []byte(")")) {
		cut--
	}
	rest := string(url[cut:len(url)-len(artefact)]) + " "
	t.after = append(t.after, func() {
		short := ast.NewTextSegment(text.NewSegment(pos, pos+cut))
		p := n.Parent()
		p.InsertBefore(p, n, ast.NewAutoLink(ast.AutoLinkURL, short))
		p.ReplaceChild(p, n, ast.NewString([]byte(rest)))
	})
}

// splitText cuts txt around the matches of re that repl accepts, putting
// the replacement nodes between the pieces.
func (t *transform) splitText(txt *ast.Text, re *regexp.Regexp, repl func(v []byte, m []int) (ast.Node, bool)) bool {
	seg := txt.Segment
	v := seg.Value(t.src)
	type piece struct {
		start, stop int
		node        ast.Node
	}
	var pieces []piece
	for _, m := range re.FindAllIndex(v, -1) {
		if node, ok := repl(v, m); ok {
			pieces = append(pieces, piece{m[0], m[1], node})
		}
	}
	if len(pieces) == 0 {
		return false
	}
	t.after = append(t.after, func() {
		p := txt.Parent()
		at := 0
		for _, pc := range pieces {
			if pc.start > at {
				p.InsertBefore(p, txt, ast.NewTextSegment(text.NewSegment(seg.Start+at, seg.Start+pc.start)))
			}
			p.InsertBefore(p, txt, pc.node)
			at = pc.stop
		}
		rest := ast.NewTextSegment(text.NewSegment(seg.Start+at, seg.Stop))
		rest.SetSoftLineBreak(txt.SoftLineBreak())
		rest.SetHardLineBreak(txt.HardLineBreak())
		p.ReplaceChild(p, txt, rest)
	})
	return true
}

// glossary links the first use of each glossary term in the page.
func (t *transform) glossary(n ast.Node) {
	g := t.d.glossary
	var in rawElement // an inline HTML link, code… whose text is left alone
	for c := n.FirstChild(); c != nil; {
		if r, ok := c.(*ast.RawHTML); ok {
			in.read(rawText(r, t.src))
		}
		switch c.(type) {
		case *ast.Emphasis, *east.Strikethrough:
			// Its text, in its place in the reading order: HonKit links
			// a term in bold or italics too.
			if in.name == "" {
				t.glossary(c)
			}
			c = c.NextSibling()
			continue
		}
		first, ok := c.(*ast.Text)
		if !ok || in.name != "" {
			c = c.NextSibling()
			continue
		}
		// goldmark splits a text where an inline parser might start
		// (the h of "cache", for links): a term is looked for across
		// the run of text nodes that follow each other in the source.
		run := []*ast.Text{first}
		for next := first.NextSibling(); next != nil; next = next.NextSibling() {
			last := run[len(run)-1]
			nt, ok := next.(*ast.Text)
			if !ok || last.SoftLineBreak() || last.HardLineBreak() || nt.Segment.Start != last.Segment.Stop {
				break
			}
			run = append(run, nt)
		}
		c = run[len(run)-1].NextSibling()
		from, to := first.Segment.Start, run[len(run)-1].Segment.Stop
		var hits []termHit
		for _, u := range g.FirstUses(t.src[from:to], func(k int) bool { return t.linked[g.Terms[k].ID] }) {
			term := g.Terms[u.Term]
			hits = append(hits, termHit{from + u.Start, from + u.Stop, utf8.RuneCountInString(term.Name), term})
		}
		if len(hits) == 0 {
			continue
		}
		kept := t.pickTerms(from, to, hits)
		if len(kept) == 0 {
			continue
		}
		t.after = append(t.after, func() { t.linkTerms(run, kept) })
	}
}

// rawElement follows, through the inline HTML tags of a paragraph, the
// element whose text links no glossary term, as HonKit's: a link (a term
// linked there would be a link in a link), code, a heading, or an element
// whose content is not text shown (<script>).
type rawElement struct {
	name  string // "" outside
	depth int    // of elements of that name
}

func (e *rawElement) read(raw []byte) {
	raw = bytes.TrimSpace(raw)
	if len(raw) < 3 || raw[0] != '<' {
		return
	}
	if raw[1] == '/' {
		if name := endTagName(raw); name != "" && name == e.name {
			if e.depth--; e.depth == 0 {
				e.name = ""
			}
		}
		return
	}
	name := tagName(raw)
	if bytes.HasSuffix(raw, []byte("/>")) || name == "" {
		return
	}
	switch {
	case name == e.name:
		e.depth++
	case e.name == "" && noGlossary(name):
		e.name, e.depth = name, 1
	}
}

func noGlossary(name string) bool {
	switch name {
	case "a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6":
		return true
	}
	return textContent[name]
}

// termHit is a use of a glossary term in the source.
type termHit struct {
	start, stop int
	size        int // the term's length in characters
	term        GlossaryTerm
}

// pickTerms chooses the uses to link in t.src[from:to], given the first
// use of each term there. Where two overlap, the longer term is linked
// (the earlier use of two as long), and the other is looked for again
// after its use: the choice depends neither on the glossary's order nor
// on the page's ("a Web Service and Web apps" links both). The uses
// chosen come by position.
func (t *transform) pickTerms(from, to int, hits []termHit) []termHit {
	s := t.src[from:to]
	first := func(a, b termHit) int { return cmp.Or(b.size-a.size, a.start-b.start) }
	slices.SortStableFunc(hits, first)
	var kept []termHit // by position; they do not overlap
	for len(hits) > 0 {
		h := hits[0]
		hits = hits[1:]
		if t.linked[h.term.ID] {
			continue // two names of one anchor
		}
		k, _ := slices.BinarySearchFunc(kept, h.start, func(k termHit, start int) int { return k.start - start })
		if k > 0 && kept[k-1].stop > h.start || k < len(kept) && kept[k].start < h.stop {
			// Its next use, outside the uses of the terms linked.
			at := h.start - from
			for {
				_, size := utf8.DecodeRune(s[at:])
				i, n := glossary.Index(s, at+size, h.term.Name)
				if i < 0 {
					break
				}
				if !t.d.glossary.Covered(s, i, i+n, func(k int) bool { return t.linked[t.d.glossary.Terms[k].ID] }) {
					h.start, h.stop = from+i, from+i+n
					j, _ := slices.BinarySearchFunc(hits, h, first)
					hits = slices.Insert(hits, j, h)
					break
				}
				at = i
			}
			continue
		}
		kept = slices.Insert(kept, k, h)
		t.linked[h.term.ID] = true
		t.count("glossary-term")
	}
	return kept
}

// linkTerms replaces a run of text nodes by its text with the uses hits
// linked to their terms.
func (t *transform) linkTerms(run []*ast.Text, hits []termHit) {
	g := t.d.glossary
	p := run[0].Parent()
	at := run[0]
	pos := at.Segment.Start
	for _, h := range hits {
		if h.start > pos {
			p.InsertBefore(p, at, ast.NewTextSegment(text.NewSegment(pos, h.start)))
		}
		l := ast.NewLink()
		l.Destination = []byte(path.Base(g.Page) + "#" + h.term.ID)
		t.d.glossaryLinks[l] = true
		l.Title = []byte(h.term.Desc)
		l.SetAttributeString("class", "glossary-term")
		l.AppendChild(l, ast.NewTextSegment(text.NewSegment(h.start, h.stop)))
		p.InsertBefore(p, at, l)
		pos = h.stop
	}
	last := run[len(run)-1]
	rest := ast.NewTextSegment(text.NewSegment(pos, last.Segment.Stop))
	rest.SetSoftLineBreak(last.SoftLineBreak())
	rest.SetHardLineBreak(last.HardLineBreak())
	p.InsertBefore(p, at, rest)
	for _, n := range run {
		p.RemoveChild(p, n)
	}
}

// figureNode is a Markdown image shown as a figure with its title as the
// caption.
type figureNode struct {
	ast.BaseBlock
	Caption string
}

var kindFigure = ast.NewNodeKind("FolioFigure")

func (n *figureNode) Kind() ast.NodeKind { return kindFigure }

func (n *figureNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Caption": n.Caption}, nil)
}

var sprintf = fmt.Sprintf

func tagsOf(b *gitbook.Block) string {
	v, _ := b.Tag.Get("tags")
	return v
}

// hasText reports whether a link shows something: text other than spaces,
// encoded spaces (GitBook's "&#x20;") and zero-width characters, an image,
// code or raw HTML.
func hasText(n ast.Node, src []byte) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if !invisible(c.Segment.Value(src)) {
				return true
			}
		case *ast.String:
			if !invisible(c.Value) {
				return true
			}
		case *ast.Emphasis, *east.Strikethrough:
			if hasText(c, src) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// invisible reports whether text, entities decoded, shows nothing: white
// space and zero-width characters only.
func invisible(v []byte) bool {
	if bytes.IndexByte(v, '&') >= 0 {
		v = util.ResolveNumericReferences(util.ResolveEntityNames(v))
	}
	for _, r := range string(v) {
		switch {
		case unicode.IsSpace(r), r == '\u200b', r == '\u200c', r == '\u200d', r == '\u2060', r == '\ufeff', r == '\u00ad':
		default:
			return false
		}
	}
	return true
}

// emptyLinkOpen reports whether the inline raw HTML n opens a link with an
// href and without a name of its own whose content, up to its "</a>",
// shows nothing. rewriteHTML names it by its href, as for Markdown links.
func emptyLinkOpen(n *ast.RawHTML, src []byte) bool {
	raw := rawText(n, src)
	if !hasPrefixFold(raw, "<a") || len(raw) < 3 || !isHTMLSpace(raw[2]) {
		return false
	}
	for c := n.NextSibling(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			if !invisible(c.Segment.Value(src)) {
				return false
			}
		case *ast.RawHTML:
			t := bytes.TrimSpace(rawText(c, src))
			return hasPrefixFold(t, "</a") && len(t) > 3 && (t[3] == '>' || isHTMLSpace(t[3]))
		default:
			return false
		}
	}
	return false
}
