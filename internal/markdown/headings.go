package markdown

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"

	"golang.org/x/text/unicode/norm"

	"folio/internal/diag"
	"folio/internal/gitbook"
	"folio/internal/htmlname"
	"folio/internal/links"
	"folio/internal/shortcode"
)

// pageTransformer cleans the AST of one page after parsing: it drops the
// empty paragraphs and headings GitBook's export leaves, takes the leading
// H1 as the page title, gives every heading its GitBook ID, and every
// expandable block (<details>) one from its summary, and records them on
// the Doc.
type pageTransformer struct{}

// anchor is an element of the page that links can point at: a heading, an
// API block or a <details> of raw HTML.
type anchor struct {
	node    ast.Node       // *ast.Heading or *gitbook.Block; nil for details
	details *detailsAnchor //
	// written is the ID the author gave it (`{#id}` after a heading's
	// text, id="…" on a <details>), "" if none.
	written string
	at      int // where the author wrote it, for diagnostics
	// apiIDs and apiTexts are an API block's anchors and their outline
	// texts (apiAnchors), made once for the reservation and the block.
	apiIDs, apiTexts []string
}

func (pageTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d, _ := pc.Get(docKey).(*Doc)
	if d == nil {
		return
	}
	src := reader.Source()
	var empties []ast.Node
	var updates []string // the anchors of update blocks, from their dates
	var alerts []alertQuote
	var anchors []anchor // in page order
	var tables []sectioned
	var scan detailsScan
	// The section a table is in: the last heading before it in its own
	// container or, failing that, in one around it (a heading inside a
	// tab or a hint before the table, out of it, is not). One entry per
	// open node, the index in anchors of the heading its children are
	// under, which a node takes from its container: the table's is the
	// last.
	open := []int{-1}
	section := func() int { return open[len(open)-1] }
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			open = open[:len(open)-1]
			return ast.WalkContinue, nil
		}
		open = append(open, section())
		switch n := n.(type) {
		case *ast.Blockquote:
			if b := d.alert(n, src); b != nil {
				alerts = append(alerts, alertQuote{n, b})
			}
		case *ast.Paragraph:
			if isBlankInline(n, src) {
				empties = append(empties, n)
			} else if scan.reading != nil {
				scan.text(plainText(n, src)) // a summary holding Markdown
			}
			return ast.WalkSkipChildren, nil
		case *ast.Heading:
			id, at := d.headingAttrs(n, src)
			// Before the anchor goes: a heading of GitBook's anchor alone
			// is a heading, empty (heading-empty), whose ID links use.
			blank := isBlankInline(n, src)
			if gb := explicitAnchor(n, src); id != "" && gb != "" && gb != id {
				// GitBook's <a id> anchor is an ID the author gave too.
				// Beside a {#id}, which wins, it stays in the heading: a
				// place of its own, which links to it still reach.
				n.InsertBefore(n, n.FirstChild(), &htmlInline{HTML: []byte(`<span id="` + html.EscapeString(gb) + `"></span>`)})
				d.Anchors = append(d.Anchors, gb)
			} else if id == "" {
				id = gb
				if n.Lines().Len() > 0 {
					at = n.Lines().At(0).Start // its heading's text
				}
			}
			if id == "" && d.defines != nil {
				id = d.termID(n, src)
			}
			if blank {
				empties = append(empties, n)
			} else {
				anchors = append(anchors, anchor{node: n, written: id, at: at})
				open[len(open)-2] = len(anchors) - 1
			}
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			if l := n.Lines(); l.Len() > 0 && containsFold(src[l.At(0).Start:l.At(l.Len()-1).Stop], "<table") {
				tables = append(tables, sectioned{n, section()})
			}
			for _, a := range scan.block(n, src) {
				anchors = append(anchors, anchor{node: n, details: a, written: a.id, at: a.pos})
			}
		case *extast.Table:
			tables = append(tables, sectioned{n, section()})
			return ast.WalkSkipChildren, nil
		case *gitbook.Block:
			if gitbook.IsAPI(n.Tag.Name) {
				anchors = append(anchors, anchor{node: n})
				dropHeadingAttrs(n)
				return ast.WalkSkipChildren, nil
			}
			if n.Tag.Name == "update" && n.Anchor() != "" {
				updates = append(updates, n.Anchor())
			}
		case *gitbook.Label:
			// A hint's title was its first heading: links to it still
			// land on it, though the outline leaves it out. An alert's
			// title, in its quote until the walk is over, was no heading:
			// it takes no id from the page's headings (t59).
			_, hint := n.Parent().(*gitbook.Block)
			if n.Role == "hint-title" && hint && !isBlankInline(n, src) {
				// With the ID its heading was given, as a {#id} or as
				// GitBook's <a id> anchor (t98: the anchor stayed, an
				// empty link, and the {#id} was lost).
				a := anchor{node: n, written: d.labelID(n)}
				if n.Lines().Len() > 0 {
					a.at = n.Lines().At(0).Start
				}
				if gb := explicitAnchor(n, src); a.written != "" && gb != "" && gb != a.written {
					n.InsertBefore(n, n.FirstChild(), &htmlInline{HTML: []byte(`<span id="` + html.EscapeString(gb) + `"></span>`)})
					d.Anchors = append(d.Anchors, gb)
				} else if a.written == "" {
					a.written = gb
				}
				anchors = append(anchors, a)
			}
			if n.Role == "hint-title" {
				n.RemoveAttributes() // its id is set below
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, n := range empties {
		n.Parent().RemoveChild(n.Parent(), n)
	}
	swapAlerts(alerts)

	// An ID the author wrote is what links written for it use: it is
	// reserved before any is generated, so that a generated ID never takes
	// it, whatever the order. Of two equal written IDs the first keeps it.
	reserved := map[string]bool{}
	owner := make([]bool, len(anchors))
	for i, a := range anchors {
		if a.written != "" && !reserved[a.written] && !d.notOurs(a.written) {
			reserved[a.written], owner[i] = true, true
		}
	}
	// An update's anchor, made from its date, is what its feed links to:
	// a heading of the same words takes a suffix (t85: "## Update
	// 2025-01-02" and the update of that day shared one id).
	for _, id := range updates {
		reserved[id] = true
	}
	// Links lead to it too (t98: told as matching no heading).
	d.Anchors = append(d.Anchors, updates...)
	// An API block's anchors, made from its method and path, are what the
	// guide promises stay as they are: they are reserved next, so that a
	// heading of the same words takes a suffix, not the operation (t84:
	// "## Get users id" took #get-users-id from GET /users/{id}). Of two
	// blocks of one operation, the first keeps it.
	apiOwner := map[string]int{} // an anchor reserved, and its block's index
	claimed := map[string]bool{} // the reserved anchors their blocks took
	for i := range anchors {
		if b, ok := anchors[i].node.(*gitbook.Block); ok {
			anchors[i].apiIDs, anchors[i].apiTexts = apiAnchors(b, src)
			for _, id := range anchors[i].apiIDs {
				if !reserved[id] && !d.notOurs(id) {
					reserved[id], apiOwner[id] = true, i
				}
			}
		}
	}
	seen := map[string]int{}
	taken := func(id string) bool {
		_, ok := seen[id]
		return ok || reserved[id] || d.notOurs(id)
	}
	// unique makes id unique on the page.
	unique := func(id string) string {
		if taken(id) {
			// GitHub's convention; GitBook's own is undocumented.
			for n := seen[id]; ; {
				n++
				cand := id + "-" + strconv.Itoa(n)
				if !taken(cand) {
					seen[id] = n
					id = cand
					break
				}
			}
		}
		seen[id] = 0
		return id
	}
	// own returns the ID anchor i is given: its written ID when it is the
	// first to claim it, else a unique one from base.
	own := func(i int, base string) string {
		a := anchors[i]
		if owner[i] {
			if _, ok := seen[a.written]; !ok {
				seen[a.written] = 0
			}
			return a.written
		}
		id := unique(base)
		if a.written != "" {
			d.report(a.at, diag.Warning, "heading-id", fmt.Sprintf("id %q is already used on this page: this one is published as %q", a.written, id))
		}
		return id
	}
	level := 1 // of the last heading outside blocks: an API block's title goes one below
	// The text of each heading the body keeps, which names the tables of
	// its section.
	names := make([]string, len(anchors))
	// The page's title is no section of it: in GitBook, page.md#overview
	// is the "## Overview" section of a page titled Overview. So the
	// sections get their IDs first, and the title the one left.
	var title *ast.Heading
	var htmlTitle *detailsAnchor
	titleAt := -1 // its index in d.Headings
	if len(anchors) > 0 && d.Title == "" && !d.untitled {
		if h, ok := anchors[0].node.(*ast.Heading); ok && h.Level == 1 && h.Parent() == doc && firstBlock(h, src) {
			title = h
		} else if htmlTitle = leadingHTMLTitle(doc, anchors[0], src); htmlTitle != nil {
			d.TitleInBody = true
		}
		if title != nil || htmlTitle != nil {
			// Its place, first: what the loop records refers to
			// headings by their index.
			titleAt = len(d.Headings)
			d.Headings = append(d.Headings, Heading{Level: 1})
		}
	}
	for i, a := range anchors {
		if i == 0 && titleAt >= 0 {
			continue
		}
		if a.details != nil {
			d.addDetails(a.details, func(base string) string { return own(i, base) })
			continue
		}
		if b, ok := a.node.(*gitbook.Block); ok {
			claim := func(id string) string {
				if j, ok := apiOwner[id]; ok && j == i && !claimed[id] {
					claimed[id] = true // reserved: taken for every other
					return id
				}
				return unique(id)
			}
			d.addAPI(b, a.apiIDs, a.apiTexts, claim, min(max(level+1, 2), 6))
			continue
		}
		if l, ok := a.node.(*gitbook.Label); ok {
			txt := strings.TrimSpace(stripZeroWidth(plainText(l, src)))
			id := own(i, cmp.Or(d.slug(txt), "section"))
			l.SetAttributeString("id", []byte(id))
			file, line := d.writtenAt(l)
			d.Headings = append(d.Headings, Heading{Level: 0, ID: id, Text: txt, File: file, Line: line, Block: "hint"})
			continue
		}
		h := a.node.(*ast.Heading)
		id := a.written
		words, txt := headingTexts(h, src)
		if id == "" {
			id = d.slug(words)
		}
		if id == "" {
			id = "section"
		}
		id = own(i, id)
		h.SetAttributeString("id", []byte(id))
		if txt != words && txt != "" {
			// A formula or an icon: the heading is named as the outline
			// shows it, E = mc², where the theme's script, which names a
			// heading by its text, read E=mc2 and no icon (t83).
			h.SetAttributeString("aria-label", []byte(txt))
		}
		file, line := d.writtenAt(h)
		if h.Level == 1 {
			h.Level = 2
		}
		names[i] = txt
		blk := enclosingBlock(h)
		if blk == "" {
			level = h.Level
		}
		if txt == "" && file == "" {
			d.report(h.Pos(), diag.Warning, "heading-empty", "heading has no text: readers see an empty line, and the outline leaves it out")
		}
		d.Headings = append(d.Headings, Heading{Level: h.Level, ID: id, Text: txt, File: file, Line: line, Block: blk})
	}
	if title != nil {
		moved := titleImages(title, src)
		words, txt := headingTexts(title, src)
		if moved {
			// The blanks on both sides of an image moved out.
			words, txt = strings.Join(strings.Fields(words), " "), strings.Join(strings.Fields(txt), " ")
		}
		id := cmp.Or(anchors[0].written, d.slug(words), "section")
		id = own(0, id)
		title.SetAttributeString("id", []byte(id))
		file, line := d.writtenAt(title)
		// The theme prints the title; keep one h1 per page.
		d.Title = txt
		d.titleLinks(title, src)
		doc.RemoveChild(doc, title)
		d.Headings[titleAt] = Heading{Level: 1, ID: id, Text: txt, File: file, Line: line}
	}
	if htmlTitle != nil {
		// The heading stays where it is, logo and all, as GitHub shows
		// it: the theme prints no title of its own above it.
		d.addDetails(htmlTitle, func(base string) string { return own(0, base) })
		h := d.Headings[len(d.Headings)-1]
		d.Headings = d.Headings[:len(d.Headings)-1]
		h.Level = 1
		d.Headings[titleAt] = h
		d.Title = h.Text
		// Where the title's HTML ends, for the frame to print the page's
		// description after it, not above (t64).
		doc.InsertAfter(doc, anchors[0].node, &htmlBlock{HTML: []byte(TitleEnd + "\n")})
	}
	for i, t := range tables {
		if t.heading >= 0 && names[t.heading] != "" {
			t.node.SetAttributeString(sectionAttr, tableLabel{id: "folio-table-" + strconv.Itoa(i+1), text: names[t.heading]})
		}
	}
}

// tableLabel is what names a table's region besides the word "Table":
// the text of its section's heading, in an element of the table's own.
// Not the heading itself, whose name has its anchor link's ("Link to
// this section: …").
type tableLabel struct{ id, text string }

// sectioned is a table, in Markdown or HTML, and the index in anchors of
// the heading of its section, -1 if none.
type sectioned struct {
	node    ast.Node
	heading int
}

// sectionAttr holds a table's tableLabel, with which its scrolling
// wrapper is named ("Table" and the heading's text): a screen reader's
// list of regions tells a page's tables apart. No attribute filter of
// goldmark's lets it through.
const sectionAttr = "folio-section"

// titleImages moves the images of the page's title heading h (a
// README's badges, `# mylib [![npm](…)](…) ![CI](…)`, an HTML logo
// `<a href="…"><img src="logo.png"></a>`), with the links around them,
// to a paragraph of their own in its place: the title is text, and their
// alternative texts ("npm version CI") would be part of it, of the
// site's name that it gives, of the id and the search index. A title
// that is nothing but images (a logo, or GitHub's light and dark logos)
// is named by the first one's alternative text, and shows them under it
// (t59: "AcmeAcme", the logos lost). It reports whether it moved any.
func titleImages(h *ast.Heading, src []byte) bool {
	var units [][]ast.Node
	text := false
	for c := h.FirstChild(); c != nil; c = c.NextSibling() {
		if u := imageUnit(c, src); u != nil {
			units = append(units, u)
			c = u[len(u)-1]
			continue
		}
		if !blankInline(c, src) {
			text = true
		}
	}
	if len(units) == 0 {
		return false
	}
	name := ""
	if !text {
		name = imageAlt(units[0][0], src)
	}
	p := ast.NewParagraph()
	p.SetLines(h.Lines())
	for i, u := range units {
		if i > 0 {
			p.AppendChild(p, ast.NewString([]byte(" ")))
		}
		for _, c := range u {
			h.RemoveChild(h, c)
			p.AppendChild(p, c)
		}
	}
	if name != "" {
		h.AppendChild(h, ast.NewString([]byte(name)))
	}
	h.Parent().InsertAfter(h.Parent(), h, p)
	return true
}

// imageUnit is the inline nodes from n that show an image and nothing
// else: an image; a link whose text is only images; a raw <img>; or a
// raw <a …>, blanks and <img …> up to its </a>. nil otherwise.
func imageUnit(n ast.Node, src []byte) []ast.Node {
	switch n := n.(type) {
	case *ast.Image:
		return []ast.Node{n}
	case *ast.Link:
		images := false
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if _, ok := c.(*ast.Image); ok {
				images = true
			} else if !blankInline(c, src) {
				return nil
			}
		}
		if images {
			return []ast.Node{n}
		}
	case *ast.RawHTML:
		raw := rawText(n, src)
		switch {
		case tagName(raw) == "img":
			return []ast.Node{n}
		case tagName(raw) == "a" && len(raw) > 1 && raw[1] != '/':
			u, images := []ast.Node{n}, false
			for c := n.NextSibling(); c != nil; c = c.NextSibling() {
				u = append(u, c)
				r, ok := c.(*ast.RawHTML)
				switch {
				case ok && tagName(rawText(r, src)) == "img":
					images = true
				case ok && endTagName(rawText(r, src)) == "a":
					if images {
						return u
					}
					return nil
				case !blankInline(c, src):
					return nil
				}
			}
		}
	}
	return nil
}

// imageAlt is the alternative text of the first image of a unit of
// imageUnit.
func imageAlt(n ast.Node, src []byte) string {
	switch n := n.(type) {
	case *ast.Image:
		return strings.TrimSpace(plainText(n, src))
	case *ast.Link:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if img, ok := c.(*ast.Image); ok {
				return strings.TrimSpace(plainText(img, src))
			}
		}
	case *ast.RawHTML:
		for c := ast.Node(n); c != nil; c = c.NextSibling() {
			if r, ok := c.(*ast.RawHTML); ok && tagName(rawText(r, src)) == "img" {
				z := xhtml.NewTokenizer(bytes.NewReader(rawText(r, src)))
				z.Next()
				alt, _ := altOf(z.Token())
				return strings.TrimSpace(alt)
			}
		}
	}
	return ""
}

// blankInline reports whether an inline node is text of blanks only.
func blankInline(n ast.Node, src []byte) bool {
	t, ok := n.(*ast.Text)
	return ok && blankText(t.Segment.Value(src))
}

// titleLinks reports the links and images of the page's title heading
// h: the title is text, in the page and the sidebar as in GitBook, so
// they are lost, their targets never checked. An address the title
// shows as it is (www.example.com) loses nothing.
func (d *Doc) titleLinks(h *ast.Heading, src []byte) {
	_ = ast.Walk(h, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var what string
		switch n := n.(type) {
		case *ast.Link:
			what = "link to " + string(n.Destination)
		case *ast.Image:
			what = "image " + string(n.Destination)
		case *ast.RawHTML:
			tag := strings.ToLower(string(rawText(n, src)))
			switch {
			case strings.HasPrefix(tag, "<a ") && strings.Contains(tag, "href"):
				what = "link " + strings.TrimSpace(string(rawText(n, src)))
			case strings.HasPrefix(tag, "<img"):
				what = "image " + strings.TrimSpace(string(rawText(n, src)))
			default:
				return ast.WalkContinue, nil
			}
		default:
			return ast.WalkContinue, nil
		}
		pos := n.Pos()
		if raw, ok := n.(*ast.RawHTML); ok && raw.Segments.Len() > 0 {
			pos = raw.Segments.At(0).Start
		}
		d.report(pos, diag.Warning, "title-link", fmt.Sprintf("the page's title is shown as text: its %s is lost", what))
		return ast.WalkSkipChildren, nil
	})
}

// termID is the ID of a glossary term's heading on the glossary page:
// the one package glossary gave it, which links to it name. Two terms
// can slug alike (C# and C++), and the page's IDs would tell them apart
// by their order among all its headings, which the glossary cannot
// know. A name defined twice is the first's; "" if n is not a term's.
func (d *Doc) termID(n *ast.Heading, src []byte) string {
	if n.Parent() == nil || n.Parent().Kind() != ast.KindDocument || n.Lines().Len() != 1 {
		return ""
	}
	level := 2
	if d.untitled {
		level = 1
	}
	if n.Level != level {
		return ""
	}
	seg := n.Lines().At(0)
	name := strings.TrimSpace(string(seg.Value(src)))
	id := d.defines[name]
	delete(d.defines, name)
	return id
}

// notOurs reports whether id is one that the page's other elements take:
// the theme's (folio-main, folio-label-table…), a tab's or its panel's
// (tabs-1-tab-2, which the tab script looks up), a drawing's
// (mermaid-1-arrowhead). A heading given it would be confused with them.
func (d *Doc) notOurs(id string) bool {
	if d.themeID != nil && d.themeID(id) {
		return true
	}
	if rest, ok := strings.CutPrefix(id, "tabs-"); ok {
		n, rest, _ := strings.Cut(rest, "-")
		kind, m, _ := strings.Cut(rest, "-")
		return digits(n) && (kind == "tab" || kind == "panel") && digits(m)
	}
	if n, ok := strings.CutPrefix(id, "folio-table-"); ok {
		return digits(n) // a table's name (tableLabel)
	}
	if rest, ok := strings.CutPrefix(id, "mermaid-"); ok {
		// A drawing's ids name its parts in letters (mermaid-1-arrowhead);
		// a suffix -1 makes one that is not, so unique ends.
		n, part, _ := strings.Cut(rest, "-")
		return digits(n) && part != "" && strings.Trim(part, "abcdefghijklmnopqrstuvwxyz-") == ""
	}
	return false
}

// digits reports whether s is a number written in ASCII digits.
func digits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// writtenAt is where the heading-like block n is written: its line, in
// the included file it comes from ("" for the page itself).
func (d *Doc) writtenAt(n ast.Node) (file string, line int) {
	if n.Lines().Len() == 0 {
		return "", 0
	}
	line, _ = d.lines.pos(n.Lines().At(0).Start)
	if file, line = d.origin(line); file == d.Path {
		file = ""
	}
	return file, line
}

// headingAttrs reads the attributes goldmark found in `{…}` after a
// heading's text (`# Title {#custom-id}`, the syntax of kramdown, Pandoc
// and HonKit) and removes them all: the renderer would print every one
// (class, style…), and folio publishes the ID alone. It returns the ID
// when it is one ValidID admits, and the offset of the `{`.
func (d *Doc) headingAttrs(h *ast.Heading, src []byte) (string, int) {
	at := attrsOffset(h, src)
	if h.Attributes() == nil {
		if at > 0 && src[at-1] != '\\' && unparsedIDRE.Match(bytes.TrimRight(src[at:lineEnd(src, at)], " \t#")) {
			d.report(at, diag.Warning, "heading-id",
				"{#…} after the heading is not read as an id (an id holds letters, digits, - _ . : only, and ends the line): it is shown as text")
		}
		return "", at
	}
	id, others := "", []string{}
	for _, a := range h.Attributes() {
		if string(a.Name) != "id" {
			others = append(others, string(a.Name))
			continue
		}
		if w := d.writtenID(a.Value, at); w != "" {
			id = w
		}
	}
	if len(others) > 0 {
		d.report(at, diag.Info, "heading-id", "heading attributes other than the id are not published: "+strings.Join(others, ", "))
	}
	h.RemoveAttributes()
	return id, at
}

// labelID returns the {#id} of the heading a hint's title was, "" when it
// had none or one an ID cannot be (told as for a heading).
func (d *Doc) labelID(l *gitbook.Label) string {
	v, ok := l.AttributeString("id")
	if !ok {
		return ""
	}
	at := 0
	if l.Lines().Len() > 0 {
		at = l.Lines().At(0).Start
	}
	return d.writtenID(v, at)
}

// writtenID returns the id attribute v a heading was given at offset at,
// "" when it cannot be one (told: the heading keeps its generated id).
func (d *Doc) writtenID(v any, at int) string {
	b, ok := v.([]byte)
	switch {
	case !ok:
		d.report(at, diag.Warning, "heading-id", "the heading's id is not text: the heading keeps its generated id")
	case len(b) == 0:
		d.report(at, diag.Warning, "heading-id", "the heading's id is empty: the heading keeps its generated id")
	case !links.ValidID(string(b)):
		d.report(at, diag.Warning, "heading-id", fmt.Sprintf("heading id %q holds characters an id cannot (letters, digits, - _ . : only): the heading keeps its generated id", b))
	default:
		// Composed as generated IDs are (links.Slug), so that a link
		// typed with composed or combining accents finds it.
		return norm.NFC.String(string(b))
	}
	return ""
}

// unparsedIDRE matches what an author meant as an ID that goldmark did not
// read as one: `{#a/b}` at the end of a heading.
var unparsedIDRE = regexp.MustCompile(`\{#[^{}]*\}$`)

// attrsOffset returns the offset of the `{` of the attributes after the
// text of h, on its last line: those goldmark read and removed from the
// text, or an unread `{#` still in it; -1 if there is none.
func attrsOffset(h *ast.Heading, src []byte) int {
	n := h.Lines().Len()
	if n == 0 {
		return -1
	}
	last := h.Lines().At(n - 1)
	if i := bytes.IndexByte(src[last.Stop:lineEnd(src, last.Stop)], '{'); i >= 0 {
		return last.Stop + i
	}
	if i := bytes.LastIndex(src[last.Start:last.Stop], []byte("{#")); i >= 0 {
		return last.Start + i
	}
	return -1
}

// lineEnd returns the offset of the end of the line holding offset i.
func lineEnd(src []byte, i int) int {
	if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

// dropHeadingAttrs removes the `{…}` attributes of the headings under n,
// which pageTransformer does not visit (API blocks render their own).
func dropHeadingAttrs(n ast.Node) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := c.(*ast.Heading); ok && entering {
			h.RemoveAttributes()
		}
		return ast.WalkContinue, nil
	})
}

// detailsAnchor is an expandable block of raw HTML (<details>, as GitBook
// writes it, and HonKit's sections): like a heading, it gets an ID from
// its summary's text, by the same rule, unless its author gave it one.
type detailsAnchor struct {
	level      int       // 1 to 6 for an HTML heading (<h2>), 0 for <details>
	segs       []segment // of the HTML block holding its start tag
	pos        int       // offset of the start tag in the source
	raw        string    // its id attribute as written
	hasID      bool      // whether it has one
	id         string    // that id when ValidID admits it, else ""
	summary    strings.Builder
	hasSummary bool
	alt        string // an HTML heading's first image's alternative text
}

// firstBlock reports whether n is the document's first block, but for
// the invisible anchors a README's top may hold before its title
// (`<a name="readme-top"></a>`, t65).
func firstBlock(n ast.Node, src []byte) bool {
	for p := n.PreviousSibling(); p != nil; p = p.PreviousSibling() {
		if !htmlOnly(p, src) {
			return false
		}
		for c := p.FirstChild(); c != nil; c = c.NextSibling() {
			if r, ok := c.(*ast.RawHTML); ok && !anchorTagRE.Match(bytes.TrimSpace(rawText(r, src))) {
				return false
			}
		}
	}
	return true
}

// anchorTagRE matches an anchor's tags that show nothing: `<a name="x">`
// or `<a id="x">` without href, and `</a>`.
var anchorTagRE = regexp.MustCompile(`(?i)^(?:<a(?:\s+(?:name|id)\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))+\s*/?>|</a\s*>)$`)

// htmlOnly reports whether n is a paragraph of inline HTML tags alone,
// such as the `<a name="readme-top"></a>` a README's top holds (t64).
func htmlOnly(n ast.Node, src []byte) bool {
	p, ok := n.(*ast.Paragraph)
	if !ok || !p.HasChildren() {
		return false
	}
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.RawHTML:
		case *ast.Text:
			if len(bytes.TrimSpace(c.Segment.Value(src))) > 0 {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// TitleEnd marks the end of the HTML that holds a page's title when the
// title is its body's (Doc.TitleInBody): the frame prints the page's
// description and outline after it. An element, not a comment: it stays
// through minifying, until the frame takes it out.
const TitleEnd = "<folio-title-end></folio-title-end>"

// leadingHTMLTitle returns the HTML <h1> that titles a page, README
// fashion (`<h1 align="center"><img src="logo.png"><br>Name</h1>`): the
// page's first anchor, in a block of raw HTML at the top level with
// nothing but raw HTML before it (a logo, badges). Nil if there is none.
// A title of images alone is named by the first one's alternative text.
func leadingHTMLTitle(doc *ast.Document, first anchor, src []byte) *detailsAnchor {
	a := first.details
	if a == nil || a.level != 1 || first.node == nil || first.node.Parent() != doc {
		return nil
	}
	for n := first.node.PreviousSibling(); n != nil; n = n.PreviousSibling() {
		if _, ok := n.(*ast.HTMLBlock); !ok && !htmlOnly(n, src) {
			return nil
		}
	}
	if strings.TrimSpace(a.summary.String()) == "" {
		if a.alt == "" {
			return nil
		}
		a.summary.WriteString(a.alt)
	}
	if t, n := shortcode.Replace([]byte(a.summary.String())); n > 0 {
		// As the page shows it, and a Markdown title's id has it (t64:
		// ":rocket:" in the tab's title).
		a.summary.Reset()
		a.summary.Write(t)
	}
	return a
}

// detailsScan follows <details> and <summary> tags through the raw HTML
// blocks of a page in order, and the Markdown between them: a summary may
// be split over several blocks, and hold a paragraph.
type detailsScan struct {
	open    []*detailsAnchor // whose </details> is still ahead
	reading *detailsAnchor   // whose <summary> is open
}

func (s *detailsScan) text(t string) {
	s.reading.summary.WriteString(t)
	s.reading.summary.WriteByte(' ')
}

// block reads an HTML block and returns the <details> it opens.
func (s *detailsScan) block(n *ast.HTMLBlock, src []byte) []*detailsAnchor {
	if s.reading == nil && !s.concerns(n, src) {
		return nil // most blocks: figures, tables, tags of a line
	}
	segs := htmlBlockSegments(n)
	var in []byte
	offs := make([]int, 0, len(segs))
	for _, sg := range segs {
		offs = append(offs, len(in))
		in = append(in, src[sg.start:sg.stop]...)
	}
	var found []*detailsAnchor
	z := xhtml.NewTokenizer(bytes.NewReader(in))
	pos := 0
	tables := 0                // a heading in a table (a card's title) is the table's
	var heading *detailsAnchor // the HTML heading whose text is being read
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return found
		}
		start := pos
		pos += len(z.Raw())
		switch tt {
		case xhtml.StartTagToken:
			name, more := z.TagName()
			switch tag := string(name); tag {
			case "table":
				tables++
			case "h1", "h2", "h3", "h4", "h5", "h6":
				if tables > 0 || heading != nil {
					continue
				}
				k := len(offs) - 1
				for k > 0 && offs[k] > start {
					k--
				}
				heading = &detailsAnchor{level: int(tag[1] - '0'), segs: segs, pos: segs[k].start + start - offs[k]}
				for more {
					var key, val []byte
					key, val, more = z.TagAttr()
					if string(key) == "id" && !heading.hasID {
						heading.raw, heading.hasID = string(val), true
					}
				}
				if links.ValidID(heading.raw) {
					heading.id = heading.raw
				}
				found = append(found, heading)
			case "img":
				if heading != nil && heading.alt == "" {
					for more {
						var key, val []byte
						key, val, more = z.TagAttr()
						if string(key) == "alt" {
							heading.alt = strings.TrimSpace(string(val))
							break
						}
					}
				}
			case "details":
				k := len(offs) - 1
				for k > 0 && offs[k] > start {
					k--
				}
				a := &detailsAnchor{segs: segs, pos: segs[k].start + start - offs[k]}
				for more {
					var key, val []byte
					key, val, more = z.TagAttr()
					if string(key) == "id" && !a.hasID { // browsers read the first
						a.raw, a.hasID = string(val), true
					}
				}
				if links.ValidID(a.raw) {
					a.id = a.raw
				}
				s.open = append(s.open, a)
				found = append(found, a)
			case "summary":
				// The first summary names the block, as browsers show it.
				if k := len(s.open); k > 0 && !s.open[k-1].hasSummary {
					s.reading = s.open[k-1]
					s.reading.hasSummary = true
				}
			case "br":
				if s.reading != nil {
					s.text("")
				}
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			switch tag := string(name); tag {
			case "table":
				tables = max(tables-1, 0)
			case "h1", "h2", "h3", "h4", "h5", "h6":
				if heading != nil && heading.level == int(tag[1]-'0') {
					heading = nil
				}
			case "summary":
				s.reading = nil
			case "details":
				if k := len(s.open); k > 0 {
					if s.open[k-1] == s.reading {
						s.reading = nil
					}
					s.open = s.open[:k-1]
				}
			}
		case xhtml.TextToken:
			if heading != nil {
				heading.summary.Write(z.Text())
			}
			if s.reading != nil { // a heading in a summary names the block too
				s.reading.summary.Write(z.Text())
			}
		}
	}
}

// htmlHeadingRE finds an HTML heading's start tag in a line.
var htmlHeadingRE = regexp.MustCompile(`(?i)<h[1-6][\s>]`)

// concerns reports whether the HTML block n may open a <details>, or name
// or close one that is open. A tag is on one line, so each line is looked
// at alone.
func (s *detailsScan) concerns(n *ast.HTMLBlock, src []byte) bool {
	lines := n.Lines()
	for i := 0; i <= lines.Len(); i++ {
		var v []byte
		switch {
		case i < lines.Len():
			sg := lines.At(i)
			v = sg.Value(src)
		case n.HasClosure():
			sg := n.ClosureLine
			v = sg.Value(src)
		}
		if countFold(v, "<details") > 0 || len(s.open) > 0 && countFold(v, "</details")+countFold(v, "<summary") > 0 || htmlHeadingRE.Match(v) {
			return true
		}
	}
	return false
}

// htmlBlockSegments returns the source segments of an HTML block, as
// walkRefs reads them: its lines and its closing line.
func htmlBlockSegments(n *ast.HTMLBlock) []segment {
	segs := make([]segment, 0, n.Lines().Len()+1)
	for i := 0; i < n.Lines().Len(); i++ {
		s := n.Lines().At(i)
		segs = append(segs, segment{s.Start, s.Stop})
	}
	if n.HasClosure() {
		segs = append(segs, segment{n.ClosureLine.Start, n.ClosureLine.Stop})
	}
	return segs
}

// addDetails gives an expandable block its ID, the one its author wrote
// or the slug of its summary's text, made unique by own, and records it
// with the headings (level 0: not in the outline), so that links to it
// resolve. A block without either has none.
func (d *Doc) addDetails(a *detailsAnchor, own func(string) string) {
	sum := a.summary.String()
	if t, n := shortcode.Replace([]byte(sum)); n > 0 {
		// As the page shows it: its id is the same whether the emoji was
		// typed as :bulb: or as 💡, as a heading's is (t98).
		sum = string(t)
	}
	txt := strings.Join(strings.Fields(stripZeroWidth(sum)), " ")
	base := a.id
	if base == "" {
		base = links.Slug(txt)
	}
	refused := a.hasID && a.id == "" && strings.TrimSpace(a.raw) != ""
	what := "<details>"
	if a.level > 0 {
		what = fmt.Sprintf("<h%d>", a.level)
	}
	msg := fmt.Sprintf("%s id %q holds characters an id cannot (letters, digits, - _ . : only)", what, a.raw)
	if base == "" || len(a.segs) == 0 {
		if refused {
			d.report(a.pos, diag.Warning, "heading-id", msg)
		}
		return
	}
	id := own(base)
	if refused {
		d.report(a.pos, diag.Warning, "heading-id", msg+fmt.Sprintf(": the block is published as %q, from its summary", id))
	}
	if id != a.raw {
		st := d.rawState(a.segs, true)
		if st.ids == nil {
			st.ids = map[int]string{}
		}
		st.ids[a.pos] = id
	}
	line, _ := d.lines.pos(a.pos)
	if a.level > 0 {
		// An HTML heading of the page's: in the outline as a Markdown
		// heading of its level is, an h1 below the title one level down.
		d.Headings = append(d.Headings, Heading{Level: max(a.level, 2), ID: id, Text: txt, Line: line})
		return
	}
	d.Headings = append(d.Headings, Heading{Level: 0, ID: id, Text: txt, Line: line, Block: "details"})
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
func explicitAnchor(h ast.Node, src []byte) string {
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
		return norm.NFC.String(strings.TrimSpace(stripZeroWidth(string(m[1]))))
	}
	return ""
}

// trimTrailingSpace removes the space GitBook writes between a heading's
// text and its anchor, so the rendered heading does not end in a space.
func trimTrailingSpace(h ast.Node, src []byte) {
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
	s, _ := textOf(n, src, false)
	return s
}

// headingTexts returns a heading's words, which its ID is made of, and its
// text as the page shows it, which the outline and search results show
// too: each formula as text (mathNode.line), where the words leave it
// out ("The bound" for "The $$O(n)$$ bound", t46), and each icon by the
// name screen readers read for its drawing ("github"), where the words
// have the ":github:" it is written with. The ID stays that of the
// words, as published before.
func headingTexts(n ast.Node, src []byte) (words, shown string) {
	w, drawn := textOf(n, src, false)
	words = strings.TrimSpace(stripZeroWidth(w))
	if !drawn {
		return words, words
	}
	t, _ := textOf(n, src, true)
	return words, strings.TrimSpace(stripZeroWidth(t))
}

// textOf is plainText, or with shown the text as the page shows it
// (headingTexts), and whether n holds a formula or an icon, which the
// two read differently.
func textOf(n ast.Node, src []byte, shown bool) (string, bool) {
	drawn := false
	var iconCode ast.Node // the ":name:" an icon is written with, which its name replaces
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if c == iconCode {
			return ast.WalkSkipChildren, nil
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
		case *ast.AutoLink:
			// Its text is no child: an address in a heading is part of
			// the heading's text, and of its ID, as GitBook has it.
			b.Write(c.Label(src))
		case *ast.RawHTML:
			raw := rawText(c, src)
			if htmlname.Placeholder(raw) {
				b.Write(raw) // `<version>`: text, as the page shows it (t64)
			} else if name := rawIcon(raw); name != "" {
				drawn = true
				if shown {
					b.WriteString(gitbook.IconLabel(name))
					iconCode = iconText(c, src)
				}
			}
			return ast.WalkSkipChildren, nil
		case *mathNode:
			drawn = true
			if shown {
				b.WriteString(c.line())
			}
		}
		return ast.WalkContinue, nil
	})
	return b.String(), drawn
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

// stripZeroWidth drops zero-width spaces, and a U+200C (ZWNJ) that is not
// between two letters, as the page's text does (zwRE): between two, it
// is a real letter joiner in Persian and other scripts; elsewhere, an
// export's artefact ("Structure\u200c").
func stripZeroWidth(s string) string {
	// U+200B, U+200C and U+2060 start with byte E2, U+FEFF with EF: most
	// text has neither, and ContainsAny is slow with a set of non-ASCII
	// characters.
	if strings.IndexByte(s, 0xe2) < 0 && strings.IndexByte(s, 0xef) < 0 || !strings.ContainsAny(s, "\u200b\u200c\ufeff\u2060") {
		return s
	}
	v := []byte(zeroWidth.Replace(s)) // U+FEFF and U+2060, which zwRE leaves
	var b strings.Builder
	at := 0
	for _, m := range zwRE.FindAllIndex(v, -1) {
		b.Write(v[at:m[0]])
		if joiner(v, m) {
			b.WriteString(zwnj) // one joins as many
		}
		at = m[1]
	}
	b.Write(v[at:])
	return b.String()
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
