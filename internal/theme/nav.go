package theme

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"html/template"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// navPartIDPrefix and the group's index are the id of a sidebar group's
// title, which names its list (aria-labelledby).
const navPartIDPrefix = "folio-nav-"

// NavHTML renders the sidebar tree of the page's site: nested lists where an
// item with visible children gets a <details> disclosure next to its link
// (the link stays separately clickable), the current page carries
// aria-current="page" and the sections on the way to it start open.
//
// It runs once per page over the whole nav, so the markup of each list of
// the site's nav is compiled once: fixed chunks of HTML with slots for
// what changes from page to page (the relative root, the current page,
// the open sections). A page then only copies chunks. Custom themes that
// want other markup can still recurse over .Site.Nav with Current,
// InTrail, Href and the "nav" template function.
func (p *Page) NavHTML(items []*NavItem) template.HTML {
	var b strings.Builder
	p.writeNav(&b, items)
	return template.HTML(b.String())
}

// writeNav writes NavHTML(items) to b.
func (p *Page) writeNav(b *strings.Builder, items []*NavItem) {
	if len(items) == 0 {
		return
	}
	if !plainRoot(p.Root) {
		// For this page alone: a root (a 404 page's base path) decides
		// the quoting of every link. It carries the whole tree.
		c := &navCompiler{subPages: minText(p.T("sub_pages")), page: p, marks: p.Site.reviewMarks()}
		c.list(items)
		b.WriteString(c.cur.String())
		return
	}
	if p.Site.SharedNav() {
		// The list's entry on the page's way, at whatever depth the list
		// is (a theme may pass a section's children); a list outside the
		// site's nav is written whole.
		c := &navCompiler{subPages: minText(p.T("sub_pages")), page: p, marks: p.Site.reviewMarks()}
		switch depth := p.trailDepth(items); {
		case p.Site.topInPage() && p.Site.navFacts().index[items[0].ID].top:
			c.top(items)
		case depth >= 0:
			c.trail(items, depth)
		case !p.Site.inNav(items[0]):
			c.list(items)
		}
		b.WriteString(c.cur.String())
		return
	}
	nt := p.Site.compiledNav(items, p.T("sub_pages"), false)
	b.Grow(nt.size + len(nt.slots)*len(p.Root))
	for i := 0; i < len(nt.slots); i++ {
		b.WriteString(nt.chunks[i])
		switch s := nt.slots[i]; s.kind {
		case slotRoot:
			b.WriteString(p.Root)
		case slotCurrent:
			if p.Current(s.item) {
				b.WriteString(` aria-current=page`)
			}
		case slotOpen:
			if p.InTrail(s.item) {
				b.WriteString(" open")
			}
		}
	}
	b.WriteString(nt.chunks[len(nt.chunks)-1])
}

// navShareAbove is the size of navigation past which the sidebar's whole
// tree is written once per language, in a script every page loads
// (NavScript), and a page's own markup holds only the parts' top levels
// (topInPage) and the entries on its way, for readers without scripts.
// The whole tree in every page made a site's size grow with pages ×
// entries: 1.25 GB for 4,000 pages listed in one list, 20 GB for 16,000
// (t48).
const navShareAbove = 400

// SharedNav reports whether the pages of the site load their sidebar's
// tree from NavScript (navShareAbove).
func (s *Site) SharedNav() bool { return s.navFacts().count > navShareAbove }

// navFacts are what every page asks of the site's nav, gathered once: the
// number of its entries, that of its parts' visible top-level entries,
// and its entries by ID, with the first entry of their list, so that a
// page of a shared nav finds the entries on its way without reading the
// lists that hold them.
type navFacts struct {
	count, top int
	index      map[int]navEntry
}

func (s *Site) navFacts() *navFacts {
	s.navOnce.Do(func() {
		f := &s.facts
		f.index = map[int]navEntry{}
		var index func([]*NavItem, bool)
		index = func(items []*NavItem, top bool) {
			for _, it := range items {
				f.count++
				if top && !it.Hidden {
					f.top++
				}
				f.index[it.ID] = navEntry{it, items[0], top}
				index(it.Children, false)
			}
		}
		for _, p := range s.Nav {
			index(p.Items, true)
		}
	})
	return &s.facts
}

// navItem returns the entry of the site's nav whose ID is id when it is
// one of items (a list of the nav), else nil.
func (s *Site) navItem(id int, items []*NavItem) *NavItem {
	if e := s.navFacts().index[id]; e.item != nil && len(items) > 0 && e.first == items[0] {
		return e.item
	}
	return nil
}

// trailDepth is the depth of the page's way whose entry is one of items,
// -1 for none.
func (p *Page) trailDepth(items []*NavItem) int {
	for d, id := range p.Trail {
		if p.Site.navItem(id, items) != nil {
			return d
		}
	}
	return -1
}

// inNav reports whether it is an entry of the site's nav.
func (s *Site) inNav(it *NavItem) bool { return s.navFacts().index[it.ID].item == it }

// navEntry is an entry of the nav, the first entry of its list, and
// whether that list is a part's.
type navEntry struct {
	item, first *NavItem
	top         bool
}

// navTopInPage is the most entries the top levels of a shared sidebar's
// parts may have for every page to carry them, for readers without
// scripts (t49: a page off every section carried one link, or none); past
// it, a page carries its own way alone, or the pages would grow with the
// site again.
const navTopInPage = 100

// topInPage reports whether the pages of a shared sidebar carry the top
// levels of its parts (navTopInPage).
func (s *Site) topInPage() bool { return s.navFacts().top <= navTopInPage }

// NavScript returns the script that holds the sidebar's tree when the
// tree is shared, and its site path: in _folio/, among the theme's files,
// which no file of the site can clash with, named by its content, so that
// a browser never keeps an earlier build's (its entries' IDs would mark
// another page). The script holds the markup of every part of the
// sidebar, as SidebarParts writes it with every section, and what puts it
// in the page in place of the page's own entries, marking the page's
// entry and opening the sections on its way (data-trail, the entries'
// data-nav). Links are written from the site's root, which the script
// takes from the page (data-root). It is made once.
func (s *Site) NavScript() (path string, script []byte) {
	s.navScriptOnce.Do(func() {
		p := &Page{Site: s, notFound: true}
		var b strings.Builder
		p.writeParts(&b, func(items []*NavItem) {
			nt := s.compiledNav(items, p.T("sub_pages"), true)
			for i, sl := range nt.slots {
				b.WriteString(nt.chunks[i])
				if sl.kind == slotRoot {
					b.WriteByte(0)
				}
			}
			b.WriteString(nt.chunks[len(nt.chunks)-1])
		}, false)
		markup, _ := json.Marshal(b.String()) // a string marshals without error
		s.navScript = []byte(navScriptHead + string(markup) + ")\n")
		sum := sha256.Sum256(s.navScript)
		s.navScriptPath = "_folio/" + s.Home + "sidebar-" + hex.EncodeToString(sum[:5]) + ".js"
	})
	return s.navScriptPath, s.navScript
}

// navScriptHead runs where the page's <script> stands, in the sidebar,
// before the rest of the page is read: the sidebar shows its tree as the
// page first shows, and folio.js finds it there.
const navScriptHead = `(function(h){var s=document.currentScript;if(!s)return;` +
	`var p=s.parentNode,t=document.createElement("template"),w=(s.getAttribute("data-trail")||"").split(" ");` +
	`t.innerHTML=h.split("\0").join(s.getAttribute("data-root")||"");` +
	`w.forEach(function(id,i){var li=id&&t.content.querySelector('li[data-nav="'+id+'"]'),d,a;if(!li)return;` +
	`d=li.querySelector(":scope>details");if(d)d.open=true;` +
	`a=i===w.length-1&&li.querySelector(":scope>a.nav-link:not(.external)");if(a)a.setAttribute("aria-current","page")});` +
	`p.querySelectorAll(":scope>.nav-part").forEach(function(n){n.remove()});p.insertBefore(t.content,s)})(`

// plainRoot reports whether a page's root can go in front of a compiled
// link: a relative root ("./", "../../") or a base path needing neither
// escapes nor quotes, so that the link's own URL decides its quoting.
func plainRoot(root string) bool {
	return root != "" && attrURL(root) == root && !NeedsQuotes(root)
}

type slotKind int

const (
	slotRoot    slotKind = iota // the page's relative root
	slotCurrent                 // aria-current when the item is the page
	slotOpen                    // open when the item is on the page's trail
)

type slot struct {
	kind slotKind
	item *NavItem
}

// navTemplate is a compiled nav list: chunks[i] comes before slots[i], and
// the last chunk ends the list.
type navTemplate struct {
	chunks []string
	slots  []slot
	size   int
}

// navKey names a compiled list: its first item, and whether its entries
// carry their IDs (the shared tree, NavScript).
type navKey struct {
	first *NavItem
	ids   bool
}

// compiledNav returns the compiled form of a nav list of the site,
// compiling it the first time. Lists that are not part of the site's nav
// (a custom theme may pass any) are compiled each time.
func (s *Site) compiledNav(items []*NavItem, subPages string, ids bool) *navTemplate {
	key := navKey{items[0], ids}
	s.navMu.Lock()
	defer s.navMu.Unlock()
	if nt, ok := s.navCache[key]; ok {
		return nt
	}
	c := &navCompiler{subPages: minText(subPages), marks: s.reviewMarks(), ids: ids}
	c.list(items)
	c.chunks = append(c.chunks, c.cur.String())
	nt := &navTemplate{chunks: c.chunks, slots: c.slots}
	for _, ch := range nt.chunks {
		nt.size += len(ch)
	}
	if s.navCache == nil {
		s.navCache = map[navKey]*navTemplate{}
	}
	s.navCache[key] = nt
	return nt
}

// navCompiler writes the markup of nav lists: compiled, with slots for
// what changes from page to page, or, given a page, for that page alone.
type navCompiler struct {
	subPages string
	cur      strings.Builder
	chunks   []string
	slots    []slot
	page     *Page             // writing for this page: slots are filled at once
	marks    map[string]string // review mode: the mark of each status (Site.reviewMarks)
	ids      bool              // each entry carries its ID (data-nav), for NavScript
}

func (c *navCompiler) slot(kind slotKind, it *NavItem) {
	if p := c.page; p != nil {
		switch {
		case kind == slotCurrent && p.Current(it):
			c.cur.WriteString(` aria-current=page`)
		case kind == slotOpen && p.InTrail(it):
			c.cur.WriteString(" open")
		}
		return
	}
	c.chunks = append(c.chunks, c.cur.String())
	c.cur.Reset()
	c.slots = append(c.slots, slot{kind: kind, item: it})
}

func (c *navCompiler) list(items []*NavItem) {
	for _, it := range items {
		if !it.Hidden {
			c.entry(it, it.HasVisibleChildren(), func() { c.list(it.Children) })
		}
	}
}

// trail writes, of items, the entry on the page's way at depth, and below
// it the next one, down to the page's own entry and the entries under it,
// without theirs: a page's markup when the site's tree is shared
// (SharedNav). It reads no list whole, so that a page costs the length of
// its way, not the site's size.
func (c *navCompiler) trail(items []*NavItem, depth int) {
	p := c.page
	if depth >= len(p.Trail) {
		return
	}
	if it := p.Site.navItem(p.Trail[depth], items); it != nil && !it.Hidden {
		c.trailEntry(it, depth)
	}
}

// top writes a part's list of a shared sidebar whose top levels a page
// carries (topInPage): every entry, and below the one on the page's way
// the entries on it.
func (c *navCompiler) top(items []*NavItem) {
	p := c.page
	for _, it := range items {
		switch {
		case it.Hidden:
		case len(p.Trail) > 0 && it.ID == p.Trail[0]:
			c.trailEntry(it, 0)
		default:
			c.entry(it, false, nil)
		}
	}
}

// trailEntry writes it, the entry of the page's way at depth, and below
// it the rest of the way.
func (c *navCompiler) trailEntry(it *NavItem, depth int) {
	p := c.page
	if depth < len(p.Trail)-1 {
		c.entry(it, it.HasVisibleChildren(), func() { c.trail(it.Children, depth+1) })
		return
	}
	c.entry(it, it.HasVisibleChildren(), func() {
		for _, ch := range it.Children {
			if !ch.Hidden {
				c.entry(ch, false, nil)
			}
		}
	})
}

// entry writes one entry of a list and, when it shows its children, the
// disclosure that holds them, written by children.
func (c *navCompiler) entry(it *NavItem, showChildren bool, children func()) {
	// The markup is written as the HTML minifier would leave it (no white
	// space between tags, no quotes where none are needed): it is most of
	// a page, and minifying each page again would cost more than the page.
	b := &c.cur
	title := minText(it.Title)
	lang := langAttr(it.Lang)
	b.WriteString("<li class=nav-item")
	if c.ids {
		b.WriteString(" data-nav=" + strconv.Itoa(it.ID))
	}
	b.WriteString(">")
	if it.Label {
		// An entry without a page: its title alone.
		b.WriteString(`<span class="nav-link nav-label"` + lang + `>`)
	} else if it.External || isAbsURL(it.URL) && !strings.HasPrefix(it.URL, "#") {
		// (An entry's "#id" is a heading of the home page, whose URL is
		// empty, not of the page that shows the sidebar: t59.)
		if it.External {
			b.WriteString(`<a class="nav-link external"` + lang + ` href=`)
		} else {
			b.WriteString(`<a class=nav-link` + lang + ` href=`)
		}
		writeAttrValue(b, attrURL(it.URL))
		b.WriteString(` rel=noopener>`)
	} else if c.page != nil {
		b.WriteString(`<a class=nav-link` + lang + ` href=`)
		writeAttrValue(b, attrURL(c.page.Root+it.URL))
		c.slot(slotCurrent, it)
		b.WriteString(`>`)
	} else {
		// The page's root goes before the URL; plainRoot holds it to
		// characters that need no quotes, so the URL decides them.
		u := attrURL(it.URL)
		q := NeedsQuotes(u) && u != ""
		b.WriteString(`<a class=nav-link` + lang + ` href=`)
		if q {
			b.WriteByte('"')
		}
		c.slot(slotRoot, it)
		b.WriteString(u)
		if q {
			b.WriteByte('"')
		}
		c.slot(slotCurrent, it)
		b.WriteString(`>`)
	}
	b.WriteString(string(it.Icon))
	b.WriteString(title)
	b.WriteString(c.marks[it.Review])
	if it.Label {
		b.WriteString(`</span>`)
	} else {
		b.WriteString(`</a>`)
	}
	if showChildren {
		b.WriteString("<details class=nav-children")
		if it.ReviewInside {
			b.WriteString(" open")
		} else {
			c.slot(slotOpen, it)
		}
		b.WriteString(`><summary><span class=visually-hidden>`)
		b.WriteString(c.subPages)
		b.WriteString(" ")
		if lang != "" {
			// In the language of its link's text (t62: an English title
			// read with French sounds).
			b.WriteString("<span" + lang + ">" + title + "</span>")
		} else {
			b.WriteString(title)
		}
		b.WriteString("</span></summary><ul class=nav-list>")
		children()
		b.WriteString("</ul></details>")
	}
	b.WriteString("</li>")
}

// NeedsQuotes reports whether an attribute value must be quoted: it is
// empty or holds white space or one of "'`<=>. The build writes markup as
// the minifier would with it (here and in the print page).
func NeedsQuotes(v string) bool {
	return v == "" || strings.ContainsAny(v, " \t\n\f\r\"'`<=>")
}

// writeAttrValue writes v, which holds no double quote (attrURL and
// minText escape them), quoted only when it must be.
// langAttr is ` lang=code`, as the minifier writes it, or "" for none.
func langAttr(code string) string {
	if code == "" {
		return ""
	}
	var b strings.Builder
	b.WriteString(" lang=")
	writeAttrValue(&b, template.HTMLEscapeString(code))
	return b.String()
}

// langDirAttr is langAttr(code), with ` dir=…` when code is written in
// another direction than the page's language.
func (p *Page) langDirAttr(code string) string {
	a := langAttr(code)
	if a != "" && p.Site != nil && Direction(code) != cmp.Or(p.Site.Dir, "ltr") {
		a += " dir=" + Direction(code)
	}
	return a
}

func writeAttrValue(b *strings.Builder, v string) {
	if NeedsQuotes(v) {
		b.WriteByte('"')
		b.WriteString(v)
		b.WriteByte('"')
		return
	}
	b.WriteString(v)
}

// minText escapes s for the text of an element as the minifier leaves
// it: < always, & where it could start a character reference.
func minText(s string) string {
	if !strings.ContainsAny(s, "<&\x00") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '<':
			b.WriteString("&lt;")
		case c == 0:
			b.WriteString("\uFFFD")
		case c == '&' && i+1 < len(s) && refStart(s[i+1]):
			b.WriteString("&amp;")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// refStart reports whether c after '&' could make a character reference.
// The text minText escapes is always followed by a tag, never by a letter.
func refStart(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '#'
}

// attrURL makes u safe inside a double-quoted href: URLs with a scheme other
// than http(s), mailto and tel become "#" (as html/template would filter
// them), bytes that are not valid in a URL are percent-encoded without
// touching existing escapes, and HTML specials are escaped.
func attrURL(u string) string {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.ContainsAny(scheme, "/?#") && scheme != "" {
		switch strings.ToLower(scheme) {
		case "http", "https", "mailto", "tel":
		default:
			return "#"
		}
	}
	const hex = "0123456789ABCDEF"
	if urlSafe(u) {
		return u // most site paths: nothing to escape, no copy
	}
	var b strings.Builder
	b.Grow(len(u) + 8)
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case urlSafeByte[c]:
			b.WriteByte(c)
		case c == '&':
			b.WriteString("&amp;")
		case c == '\'':
			b.WriteString("&#39;")
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}

// OutlineItems renders the list items of the page's outline ("on this
// page"): a link to each heading, its level as a class. Like NavHTML it
// spares html/template three actions per heading on every page; a theme
// can still range over .Outline itself.
func (p *Page) OutlineItems() template.HTML {
	var b strings.Builder
	// The headings under an h2 are a list in its item, so that the list
	// says what the indent shows (t79, WCAG 1.3.1): open is whether an
	// h2's item is still open, sub whether its list is.
	open, sub := false, false
	for _, h := range p.Outline {
		if h.Level > 2 && open {
			if !sub {
				b.WriteString(`<ul>`)
				sub = true
			}
		} else {
			if sub {
				b.WriteString(`</ul>`)
			}
			if open {
				b.WriteString(`</li>`)
			}
			open, sub = false, false
		}
		b.WriteString(`<li class="outline-item level-`)
		b.WriteString(strconv.Itoa(h.Level))
		// fragmentEscape leaves nothing that needs quotes.
		b.WriteString(`"><a href=#`)
		b.WriteString(fragmentEscape(h.ID))
		b.WriteString(`>`)
		writeBreakable(&b, h.Text)
		b.WriteString(`</a>`)
		if h.Level <= 2 {
			open = true
		} else {
			b.WriteString(`</li>`)
		}
	}
	if sub {
		b.WriteString(`</ul>`)
	}
	if open {
		b.WriteString(`</li>`)
	}
	return template.HTML(b.String())
}

// longName is the length in bytes from which a word of the outline gets
// places to wrap (writeBreakable): shorter ones fit its column whole.
const longName = 16

// writeBreakable writes text as minText does, with a <wbr> inside each long
// word where an identifier's parts meet: before a capital that follows a
// lower-case letter (Voucher|Pre|Activation) and after _ . / and :. The
// outline's column is narrow: without them, a name wider than the column
// broke at its last letter that fitted (VoucherPreActivatio|n).
func writeBreakable(b *strings.Builder, text string) {
	start := 0 // of the part not yet written
	word := 0  // start of the current word
	var prev rune
	for i, r := range text {
		switch {
		case unicode.IsSpace(r):
			word = i + utf8.RuneLen(r)
		case i-word >= 2 &&
			(unicode.IsUpper(r) && unicode.IsLower(prev) || strings.ContainsRune("_./:", prev) && (unicode.IsLetter(r) || unicode.IsDigit(r))) &&
			longWord(text, word): // the word's length only at a place to wrap
			b.WriteString(minText(text[start:i]))
			b.WriteString("<wbr>")
			start = i
		}
		prev = r
	}
	b.WriteString(minText(text[start:]))
}

// longWord reports whether the word of text that starts at i is at least
// longName bytes long.
func longWord(text string, i int) bool {
	end := strings.IndexFunc(text[i:], unicode.IsSpace)
	if end < 0 {
		end = len(text) - i
	}
	return end >= longName
}

// PaginationLinks renders the links to the previous and next pages in
// reading order, each with its label and title.
func (p *Page) PaginationLinks() template.HTML {
	var b strings.Builder
	link := func(l *Link, rel, label string) {
		if l == nil {
			return
		}
		b.WriteString(`<a class="pagination-link ` + rel + `" rel=` + rel + ` href=`)
		writeAttrValue(&b, attrURL(p.Href(l.URL)))
		b.WriteString(`><span class=pagination-label>` + minText(p.T(label)) + `</span>`)
		b.WriteString(`<span class=pagination-title` + langAttr(l.Lang) + `>` + minText(l.Title) + `</span></a>`)
	}
	link(p.Prev, "prev", "previous")
	link(p.Next, "next", "next")
	return template.HTML(b.String())
}

// fragmentEscape escapes s as html/template escapes an action after '#'
// in a URL attribute: every byte but letters, digits and -._~ as %xx.
func fragmentEscape(s string) string {
	const hex = "0123456789abcdef"
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		c := s[i]
		clean = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// urlSafeByte marks the bytes attrURL copies as they are.
var urlSafeByte = func() (t [256]bool) {
	for c := range 256 {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			strings.IndexByte("-._~:/?#[]@!$()*+,;=%", byte(c)) >= 0
	}
	return t
}()

func urlSafe(u string) bool {
	for i := 0; i < len(u); i++ {
		if !urlSafeByte[u[i]] {
			return false
		}
	}
	return true
}

// SidebarParts renders the parts of the sidebar: each one's title, when it
// has one, and its list (NavHTML); a part with no entry shown (NavPart.Shown)
// is left out. A theme can still range over .Site.Nav. When the site's
// tree is shared (SharedNav), a page holds the part on its way alone, and
// the script that puts the whole tree in its place.
func (p *Page) SidebarParts() template.HTML {
	if p.Site == nil {
		return ""
	}
	var b strings.Builder
	shared := p.Site.SharedNav() && plainRoot(p.Root)
	p.writeParts(&b, func(items []*NavItem) { p.writeNav(&b, items) }, shared)
	if shared {
		b.WriteString(`<script src=`)
		src, _ := p.Site.NavScript()
		writeAttrValue(&b, attrURL(p.Root+src))
		b.WriteString(` data-root=` + p.Root)
		if len(p.Trail) > 0 {
			ids := make([]string, len(p.Trail))
			for i, id := range p.Trail {
				ids[i] = strconv.Itoa(id)
			}
			b.WriteString(` data-trail=`)
			writeAttrValue(&b, strings.Join(ids, " "))
		}
		b.WriteString(`></script>`)
	}
	return template.HTML(b.String())
}

// writeParts writes the parts of the sidebar, each list written by list;
// onWay keeps only the part that holds the page's way.
func (p *Page) writeParts(b *strings.Builder, list func([]*NavItem), onWay bool) {
	for i, part := range p.Site.Nav {
		if !part.Shown() || onWay && !p.Site.topInPage() && (len(p.Trail) == 0 || p.Site.navItem(p.Trail[0], part.Items) == nil) {
			continue
		}
		b.WriteString("<div class=nav-part>")
		id := navPartIDPrefix + strconv.Itoa(i)
		if part.Title != "" {
			b.WriteString("<p class=nav-part-title id=" + id + p.langDirAttr(part.Lang) + ">" + minText(part.Title) + "</p>")
		}
		b.WriteString("<ul class=nav-list")
		if part.Title != "" {
			b.WriteString(" aria-labelledby=" + id)
		}
		b.WriteString(">")
		list(part.Items)
		b.WriteString("</ul></div>")
	}
}

// CurrentLanguage is the site's language the page is in (its code and
// name, for the switcher's button), or nil.
func (p *Page) CurrentLanguage() *LangLink {
	if p.Site == nil {
		return nil
	}
	for _, l := range p.Site.Languages {
		if l.Code == p.Site.Lang {
			return &l
		}
	}
	return nil
}

// LanguageSummary is the content of the language switcher's button: the
// name of the page's language (CurrentLanguage) and its code, shown,
// within language_current, which screen readers read whole ("Language:
// English"). The words and punctuation around {language} are hidden from
// sight and written as the language writes them ("Langue : Français",
// with a no-break space before the colon; "语言：中文"), not by the
// template after the word. A string without {language} is followed by
// the name, after a space. The code, which narrow screens show in place
// of the name, is in the button's name too, so that a reader who says
// what they see ("click EN") reaches it (WCAG 2.5.3, t52).
func (p *Page) LanguageSummary() template.HTML {
	before, after, ok := strings.Cut(p.T("language_current"), "{language}")
	if !ok {
		before += " "
	}
	var b strings.Builder
	hidden := func(s string) {
		if s != "" {
			b.WriteString(`<span class=visually-hidden>` + minText(s) + `</span>`)
		}
	}
	hidden(before)
	if l := p.CurrentLanguage(); l != nil {
		b.WriteString(`<span class=lang-name`)
		if l.NameLang != "" && l.NameLang != l.Code {
			b.WriteString(` lang=` + minAttr(l.NameLang))
		}
		b.WriteString(`>` + minText(l.Name) + `</span><span class=lang-code>` + minText(l.Code) + `</span>`)
	}
	hidden(after)
	return template.HTML(b.String())
}

// LanguageItems renders the language switcher's list items, one per
// language of the site (Switcher): the page's own language marked
// current, a language without a translation of the page marked as such
// in its own language. Like OutlineItems it spares html/template a
// dozen actions per language on every page, which a site in twenty
// languages feels; a theme can still range over .Switcher itself.
func (p *Page) LanguageItems() template.HTML {
	var b strings.Builder
	for _, l := range p.Switcher() {
		code := minAttr(l.Code)
		b.WriteString(`<li><a href=`)
		writeAttrValue(&b, attrURL(p.Href(l.URL)))
		// The name's own language, which names as LANGS.md writes them,
		// in English, are not (t79: "Korean" read in Korean).
		w := cmp.Or(l.NameLang, l.Code)
		b.WriteString(` hreflang=` + code + ` lang=` + minAttr(w))
		switch {
		case p.Site != nil && l.Code == p.Site.Lang:
			b.WriteString(` aria-current=true>` + minText(l.Name))
		case l.Untranslated:
			note := `<span class=lang-note>`
			if w != l.Code {
				note = `<span class=lang-note lang=` + code + `>` // the note is in the language itself
			}
			b.WriteString(` class=untranslated>` + minText(l.Name) + note + minText(p.TFor(l.Code, "not_translated")) + `</span>`)
		default:
			b.WriteString(`>` + minText(l.Name))
		}
		b.WriteString(`</a></li>`)
	}
	return template.HTML(b.String())
}

// AlternateLinks renders a <link rel=alternate> per translation of the
// page (Alternates), for search engines.
func (p *Page) AlternateLinks() template.HTML {
	var b strings.Builder
	for _, a := range p.Alternates {
		b.WriteString("\n<link rel=alternate hreflang=" + minAttr(a.Lang) + " href=")
		writeAttrValue(&b, attrURL(p.Href(a.URL)))
		b.WriteString(`>`)
	}
	return template.HTML(b.String())
}

// minAttr is s as an attribute value, escaped and quoted only when it
// must be.
func minAttr(s string) string {
	e := html.EscapeString(s)
	if NeedsQuotes(e) {
		return `"` + e + `"`
	}
	return e
}
