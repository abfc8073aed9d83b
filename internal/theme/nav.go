package theme

import (
	"html"
	"html/template"
	"strconv"
	"strings"
)

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
	if p.Site.navSize() > navPruneAbove {
		p.writePrunedNav(b, items)
		return
	}
	nt := p.Site.compiledNav(items, p.T("sub_pages"))
	b.Grow(nt.size + len(nt.slots)*len(p.Root))
	for i, s := range nt.slots {
		b.WriteString(nt.chunks[i])
		switch s.kind {
		case slotRoot:
			b.WriteString(p.Root)
		case slotCurrent:
			if p.Current(s.item) {
				b.WriteString(` aria-current="page"`)
			}
		case slotOpen:
			if p.InTrail(s.item) {
				b.WriteString(" open")
			}
		}
	}
	b.WriteString(nt.chunks[len(nt.chunks)-1])
}

// navPruneAbove is the size of navigation past which a page shows only
// the top level and the sections on the way to it. The whole tree in every
// page makes a site's size grow with pages × entries: at 2,000 pages each
// page would carry some 300 kB of sidebar.
const navPruneAbove = 400

// navSize counts the entries of the site's navigation, once.
func (s *Site) navSize() int {
	s.navMu.Lock()
	defer s.navMu.Unlock()
	if s.navCount == 0 {
		var count func([]*NavItem) int
		count = func(items []*NavItem) int {
			n := len(items)
			for _, it := range items {
				n += count(it.Children)
			}
			return n
		}
		for _, p := range s.Nav {
			s.navCount += count(p.Items)
		}
		s.navCount++ // never 0 again, even for an empty nav
	}
	return s.navCount
}

// writePrunedNav writes the top level of a big navigation and, below it, only
// the sections that lead to this page. Each section's own page lists what
// it holds, so every page stays reachable without the whole tree.
func (p *Page) writePrunedNav(b *strings.Builder, items []*NavItem) {
	c := &navCompiler{subPages: html.EscapeString(p.T("sub_pages")), page: p}
	c.list(items)
	b.WriteString(c.cur.String())
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

// compiledNav returns the compiled form of a nav list of the site,
// compiling it the first time. Lists that are not part of the site's nav
// (a custom theme may pass any) are compiled each time.
func (s *Site) compiledNav(items []*NavItem, subPages string) *navTemplate {
	key := items[0]
	s.navMu.Lock()
	defer s.navMu.Unlock()
	if nt, ok := s.navCache[key]; ok {
		return nt
	}
	nt := compileNav(items, subPages)
	if s.navCache == nil {
		s.navCache = map[*NavItem]*navTemplate{}
	}
	s.navCache[key] = nt
	return nt
}

func compileNav(items []*NavItem, subPages string) *navTemplate {
	c := &navCompiler{subPages: html.EscapeString(subPages)}
	c.list(items)
	c.chunks = append(c.chunks, c.cur.String())
	nt := &navTemplate{chunks: c.chunks, slots: c.slots}
	for _, ch := range nt.chunks {
		nt.size += len(ch)
	}
	return nt
}

// navCompiler writes the markup of nav lists: compiled, with slots for
// what changes from page to page, or, given a page, for that page alone,
// pruned to the sections on its way (writePrunedNav).
type navCompiler struct {
	subPages string
	cur      strings.Builder
	chunks   []string
	slots    []slot
	page     *Page // writing for this page: slots are filled at once
}

func (c *navCompiler) slot(kind slotKind, it *NavItem) {
	if p := c.page; p != nil {
		switch {
		case kind == slotRoot:
			c.cur.WriteString(p.Root)
		case kind == slotCurrent && p.Current(it):
			c.cur.WriteString(` aria-current="page"`)
		case kind == slotOpen && p.InTrail(it):
			c.cur.WriteString(" open")
		}
		return
	}
	c.chunks = append(c.chunks, c.cur.String())
	c.cur.Reset()
	c.slots = append(c.slots, slot{kind, it})
}

func (c *navCompiler) list(items []*NavItem) {
	b := &c.cur
	for _, it := range items {
		if it.Hidden {
			continue
		}
		title := html.EscapeString(it.Title)
		b.WriteString("\n<li class=\"nav-item\">")
		if it.External || isAbsURL(it.URL) {
			if it.External {
				b.WriteString(`<a class="nav-link external" href="`)
			} else {
				b.WriteString(`<a class="nav-link" href="`)
			}
			b.WriteString(attrURL(it.URL))
			b.WriteString(`" rel="noopener">`)
		} else {
			b.WriteString(`<a class="nav-link" href="`)
			c.slot(slotRoot, it)
			b.WriteString(attrURL(it.URL))
			b.WriteString(`"`)
			c.slot(slotCurrent, it)
			b.WriteString(`>`)
		}
		b.WriteString(title)
		b.WriteString(`</a>`)
		if it.HasVisibleChildren() && (c.page == nil || c.page.InTrail(it)) {
			b.WriteString("\n<details class=\"nav-children\"")
			c.slot(slotOpen, it)
			b.WriteString(`><summary><span class="visually-hidden">`)
			b.WriteString(c.subPages)
			b.WriteString(" ")
			b.WriteString(title)
			b.WriteString("</span></summary>\n<ul class=\"nav-list\">")
			c.list(it.Children)
			b.WriteString("\n</ul>\n</details>")
		}
		b.WriteString("\n</li>")
	}
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
	for _, h := range p.Outline {
		b.WriteString(`<li class="outline-item level-`)
		b.WriteString(strconv.Itoa(h.Level))
		b.WriteString(`"><a href="#`)
		b.WriteString(fragmentEscape(h.ID))
		b.WriteString(`">`)
		b.WriteString(escapeText(h.Text))
		b.WriteString(`</a></li>`)
	}
	return template.HTML(b.String())
}

// PaginationLinks renders the links to the previous and next pages in
// reading order, each with its label and title.
func (p *Page) PaginationLinks() template.HTML {
	var b strings.Builder
	link := func(l *Link, rel, label string) {
		if l == nil {
			return
		}
		b.WriteString(`<a class="pagination-link ` + rel + `" rel="` + rel + `" href="` + attrURL(p.Href(l.URL)) + `">`)
		b.WriteString(`<span class="pagination-label">` + escapeText(p.T(label)) + `</span>`)
		b.WriteString(`<span class="pagination-title">` + escapeText(l.Title) + `</span></a>`)
	}
	link(p.Prev, "prev", "previous")
	link(p.Next, "next", "next")
	return template.HTML(b.String())
}

// escapeText escapes s as html/template escapes an action in text: as
// template.HTMLEscapeString does, and '+' too.
var escapeText = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;").Replace

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
// has one, and its list (NavHTML). A theme can still range over .Site.Nav.
func (p *Page) SidebarParts() template.HTML {
	if p.Site == nil {
		return ""
	}
	var b strings.Builder
	for i, part := range p.Site.Nav {
		b.WriteString("\n<div class=\"nav-part\">")
		id := "folio-nav-" + strconv.Itoa(i)
		if part.Title != "" {
			b.WriteString("\n<p class=\"nav-part-title\" id=\"" + id + "\">" + escapeText(part.Title) + "</p>")
		}
		b.WriteString("\n<ul class=\"nav-list\"")
		if part.Title != "" {
			b.WriteString(" aria-labelledby=\"" + id + "\"")
		}
		b.WriteString(">")
		p.writeNav(&b, part.Items)
		b.WriteString("\n</ul>\n</div>")
	}
	return template.HTML(b.String())
}
