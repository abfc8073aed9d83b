package site

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"sync"

	"golang.org/x/net/html"

	"folio/internal/history"
	"folio/internal/links"
	"folio/internal/output"
	"folio/internal/theme"
)

// The whole book in print (issue 19): each language has a print page
// (print/ under its root) holding every page of its reading order, in
// SUMMARY.md's parts, for print or a PDF. The pages' bodies are made ready
// for it on the render workers, as each page is rendered (printBook.add),
// and the print page is written as soon as the last page of its language
// is in, so that a build holds the print content of about one language
// at a time rather than of the whole site.
//
// A fallback copy (an untranslated page shown in another language's tree)
// is in that language's book too, marked with the original's language:
// the book follows the sidebar, which lists it, and a printed book with
// holes where the translation is missing would be harder to review than
// one with the original in its place.

// printURL is the site path of the language's print page: print/ under
// its root, or _print/ when a page or a redirect of .gitbook.yaml is at
// print/ already; "" when both are taken or no page is in the reading
// order. It depends on the published pages and the reading order only, so
// a build and the sidebar it writes agree.
func (l *lang) printURL() string {
	if !l.hasReadingOrder() {
		return ""
	}
	taken := map[string]bool{}
	for _, r := range l.space.GitBook.Redirects {
		taken[l.prefix+links.PageURL(r.From+".md")] = true
	}
	for _, u := range []string{"print/", "_print/"} {
		if u = l.prefix + u; l.byURL[u] == nil && !taken[u] && l.innerLangAt(u) == nil {
			return u
		}
	}
	return ""
}

func (l *lang) hasReadingOrder() bool {
	for _, pg := range l.pages {
		if pg.order >= 0 {
			return true
		}
	}
	return false
}

// printBook is a language's print page while its pages render. The
// fields above mu are set before the render workers start and only read
// after; mu guards the others.
type printBook struct {
	s       *site
	l       *lang
	dir     *output.Dir
	dev     bool
	url     string              // the print page's site path
	slot    map[*page]int       // each page of the book: its place in sections
	inBook  map[string]bookPage // the pages of the book by site path, for links
	part    []int               // each section's part, an index of titles
	titles  []theme.PrintPart   // the parts' titles (and their language), without sections
	mermaid bool                // a page of the book draws a diagram in the browser

	mu       sync.Mutex
	hold     bool // a session writes the book itself, after the pages (reprint), whatever left says
	keep     bool // a session's: its sections stay for the next update
	sections []theme.PrintSection
	latest   *history.Commit // the newest last change of a page of the book
	left     int             // pages not rendered yet
}

// printBooks prepares the print page of every language that has one, and
// attaches it to the jobs of the language's pages.
// A session's books keep their sections, which its updates rewrite
// (a session built without Dev panicked at its first update).
func (s *site) printBooks(jobs []job, dir *output.Dir, dev, session bool) {
	s.books = map[*lang]*printBook{}
	for _, l := range s.langs {
		if l.tsite == nil || l.tsite.PrintURL == "" {
			continue
		}
		s.books[l] = s.newPrintBook(l, dir, dev)
		s.books[l].keep = dev || session
	}
	for i := range jobs {
		jobs[i].print = s.books[jobs[i].l]
	}
}

// reprint attaches to a session's jobs the print pages their pages are
// in, and returns those books: the caller writes each anew (write) once
// the pages are rendered again, after the reader has the pages. The
// other sections keep what the last build gave them.
func (s *site) reprint(jobs []job, dir *output.Dir) []*printBook {
	var books []*printBook
	for i := range jobs {
		b := s.books[jobs[i].l]
		if b == nil {
			continue
		}
		if _, ok := b.slot[jobs[i].pg]; ok {
			jobs[i].print = b
			// Links to it follow its headings as they are now; the
			// workers only read inBook.
			b.inBook[jobs[i].pg.url] = newBookPage(jobs[i].pg)
			if !slices.Contains(books, b) {
				b.mu.Lock()
				b.dir, b.hold = dir, true
				b.mu.Unlock()
				books = append(books, b)
			}
		}
	}
	// A page that gains or loses a diagram drawn in the browser may give
	// the book the script, or take it away.
	for _, b := range books {
		mermaid := false
		for pg := range b.slot {
			mermaid = mermaid || pg.doc != nil && pg.doc.MermaidClient > 0
		}
		b.mu.Lock()
		b.mermaid = mermaid
		b.mu.Unlock()
	}
	return books
}

// newPrintBook lists the pages of l's book in reading order, each with
// its part of SUMMARY.md and its depth there.
func (s *site) newPrintBook(l *lang, dir *output.Dir, dev bool) *printBook {
	b := &printBook{s: s, l: l, dir: dir, dev: dev, url: l.tsite.PrintURL, slot: map[*page]int{}, inBook: map[string]bookPage{}}
	for _, pg := range l.pages {
		if pg.order < 0 {
			continue
		}
		b.slot[pg] = len(b.sections)
		b.inBook[pg.url] = newBookPage(pg)
		sec := theme.PrintSection{URL: links.Escape(pg.url), Title: pg.title(), Heading: heading(pg), TitleInBody: titleInBody(pg), Lang: pg.copyLang()}
		b.sections = append(b.sections, sec)
		b.mermaid = b.mermaid || pg.doc != nil && pg.doc.MermaidClient > 0
	}
	b.left = len(b.sections)

	// Parts and depths from the sidebar, which is SUMMARY.md's (or the
	// default language's, for a language with fallback copies). A page
	// the sidebar does not list (the home page of such a language) goes
	// with the page before it, at the top level.
	b.part = make([]int, len(b.sections))
	level := make([]int, len(b.sections))
	var walk func(items []*theme.NavItem, part, depth int)
	walk = func(items []*theme.NavItem, part, depth int) {
		for _, it := range items {
			// An entry without a page of its own: its pages take its
			// place.
			if it.Label {
				walk(it.Children, part, depth)
				continue
			}
			if i, ok := b.slot[l.navPage(it)]; ok && level[i] == 0 {
				b.part[i], level[i] = part, depth
			}
			walk(it.Children, part, depth+1)
		}
	}
	for pi, p := range l.nav {
		b.titles = append(b.titles, theme.PrintPart{Title: p.Title, Lang: p.Lang})
		walk(p.Items, pi, 1)
	}
	if len(b.titles) == 0 {
		b.titles = []theme.PrintPart{{}}
	}
	onePart := true
	for i := range b.sections {
		if level[i] == 0 {
			level[i] = 1
			if i > 0 {
				b.part[i] = b.part[i-1]
			}
		}
		onePart = onePart && b.part[i] == b.part[0]
	}
	// A book of one part that is one page with every other under it (the
	// home page as the root of SUMMARY.md) reads as chapters: the pages
	// under the root are the top level, each starting a new sheet as the
	// top-level pages of a book of one part do.
	if onePart && len(level) > 1 && level[0] == 1 && !slices.Contains(level[1:], 1) {
		for i := 1; i < len(level); i++ {
			level[i]--
		}
	}
	for i := range b.sections {
		b.sections[i].Level = level[i]
	}
	return b
}

// rebook makes l's book anew for the reading order and titles that a
// session's update of SUMMARY.md gave the same pages, with the content
// the pages had in the old book, and returns it to be written into dir;
// nil when l had no book.
func (s *site) rebook(l *lang, dir *output.Dir) *printBook {
	old := s.books[l]
	if old == nil || l.tsite == nil || l.tsite.PrintURL == "" {
		return nil
	}
	b := s.newPrintBook(l, dir, old.dev)
	b.keep = true
	for pg, i := range b.slot {
		if j, ok := old.slot[pg]; ok {
			b.sections[i].Content, b.sections[i].Stamp = old.sections[j].Content, old.sections[j].Stamp
			b.sections[i].Description = old.sections[j].Description // t58: the print page lost them all
		}
	}
	b.latest, b.hold = old.latest, true
	s.books[l] = b
	return b
}

// newBookPage is what links to pg need to know of it.
func newBookPage(pg *page) bookPage {
	bp := bookPage{name: pg.title(), url: links.Escape(pg.url), ids: pg.ids}
	if pg.doc != nil && len(pg.doc.Headings) > 0 && pg.doc.Headings[0].Level == 1 {
		// The title's heading, which the body does not hold: the theme
		// prints it.
		bp.title = pg.doc.Headings[0].ID
	}
	return bp
}

// add puts a rendered page's body (minified, as the page shows it) into
// its book, made ready for the print page, and writes the print page
// once every page of the book is in. A nil book, or a page outside the
// book, adds nothing.
func (b *printBook) add(pg *page, body []byte) error {
	if b == nil {
		return nil
	}
	i, ok := b.slot[pg]
	if !ok {
		return nil
	}
	pl := &printLinks{page: pg.url, print: b.url, inBook: b.inBook, cite: b.l.tsite.CiteURL}
	content := template.HTML(printBody(body, pl))
	var titleHTML template.HTML
	if titleInBody(pg) {
		// The body's own title goes where a section's title is, before
		// its description, as on the page (t64).
		titleHTML, content = splitTitle(content)
	}
	stamp, last := b.lastChange(pg)
	b.mu.Lock()
	b.sections[i].Title, b.sections[i].Heading = pg.title(), heading(pg) // a session may bring new ones
	b.sections[i].TitleInBody, b.sections[i].TitleHTML = titleInBody(pg), titleHTML
	b.sections[i].Description = pg.doc.Meta.Description // as the page shows it under its title
	b.sections[i].Content = content
	b.sections[i].Stamp = stamp
	if last.After(b.latest) {
		b.latest = last
	}
	b.left--
	done := b.left == 0 && !b.hold
	b.mu.Unlock()
	if !done {
		return nil
	}
	return b.write()
}

// lastChange is the last change of a page of the book, as its own page
// shows it (history.go), and its commit; nil without a history.
func (b *printBook) lastChange(pg *page) (*theme.Stamp, *history.Commit) {
	c := b.s.pageCommit(b.l, pg)
	return b.s.stamp(c), c
}

// write renders and writes the print page, then lets its content go.
// The cover dates the book by the newest change of its pages, not by the
// time of the build, so that a build stays the same bytes for the same
// commit.
func (b *printBook) write() error {
	l := b.l
	b.mu.Lock()
	defer b.mu.Unlock()
	book := &theme.PrintBook{}
	if c := b.latest; c != nil {
		book.Built, book.Commit = c.Date, c.Short
		if h := b.s.settle(); h.edit != nil {
			book.CommitURL = h.edit.CommitURL(c.Hash)
		}
	}
	for i, sec := range b.sections {
		if i == 0 || b.part[i] != b.part[i-1] {
			book.Parts = append(book.Parts, b.titles[b.part[i]])
		}
		p := &book.Parts[len(book.Parts)-1]
		p.Sections = append(p.Sections, sec)
	}
	p := &theme.Page{
		Site: l.tsite, URL: links.Escape(b.url), Root: links.Root(b.url), Layout: theme.DefaultLayout(),
		NoIndex: true, Dev: b.dev, Mermaid: b.mermaid, Title: l.tsite.SectionTitle, // its PDF's name
	}
	for _, o := range b.s.langs {
		if o != l && o.def == l.def && o.tsite != nil && o.tsite.PrintURL != "" {
			p.LangLinks = append(p.LangLinks, theme.LangLink{Code: o.space.Lang.Code, Name: o.space.Lang.Name, URL: o.tsite.PrintURL})
		}
	}
	var buf bytes.Buffer
	size := 64 << 10 // the frame, the cover and the contents
	for _, sec := range b.sections {
		size += len(sec.Content)
	}
	buf.Grow(size)
	if err := b.s.theme.RenderPrint(&buf, p, book); err != nil {
		return fmt.Errorf("print page %s: %w", b.url, err)
	}
	if !b.keep {
		b.sections = nil // a session keeps them for its next update
	}
	// The templates were minified when the theme was loaded and the
	// pages' bodies when they were rendered; printBody writes what it
	// changes as minify would: the book is written as it is.
	return b.dir.WriteRaw(b.url+"index.html", buf.Bytes())
}

// printLinks is what a page's body needs to know to move to the print
// page.
type printLinks struct {
	page   string              // the page's site path (unescaped)
	print  string              // the print page's site path
	inBook map[string]bookPage // the book's pages by site path
	// cite gives a section's citable address (theme.Site.CiteURL), "" if
	// none.
	cite func(url, id string) string
}

// bookPage is a page of the book, for the links to it.
type bookPage struct {
	name  string          // its title, which a link to it names on paper
	url   string          // its escaped URL, as theme.PrintSection.URL
	title string          // the id of its title's heading, which the print page gives the section; "" without one
	ids   map[string]bool // the ids of its headings, which links may lead to
}

// idListAttrs hold space-separated lists of ids of the same document.
var idListAttrs = map[string]bool{
	"for": true, "headers": true, "list": true, "form": true, "itemref": true,
	"popovertarget": true, "commandfor": true,
	"aria-labelledby": true, "aria-describedby": true, "aria-controls": true, "aria-owns": true,
	"aria-flowto": true, "aria-activedescendant": true, "aria-details": true, "aria-errormessage": true,
}

// paintAttrs may refer to ids as url(#id): SVG's paint, markers, clips
// and masks.
var paintAttrs = map[string]bool{
	"fill": true, "stroke": true, "clip-path": true, "mask": true, "filter": true,
	"marker-start": true, "marker-mid": true, "marker-end": true, "style": true,
}

// urlAttrs hold one URL.
var urlAttrs = map[string]bool{"href": true, "xlink:href": true, "src": true, "poster": true, "cite": true}

// hole is an attribute value that refers to ids, written once every id
// of the body is known: a reference may come before its target (a tab
// before its panel, a footnote mark before the note).
type hole struct {
	at    int    // where the value goes in the output
	key   string // the attribute
	val   string // its value
	quote bool   // the value ends a self-closing tag: quoted whatever it holds
}

// printBody makes a page's body ready for the print page, where every
// page of the book shares one document (the contract of
// theme.PrintSection.Content): each id becomes theme.PrintAnchor(page,
// id), and every reference to an id of the body follows it (href="#…",
// usemap, for, headers, aria-*, url(#…) in SVG paint, the API blocks'
// data-for); a link to a page of the book becomes a link within the print
// page; other relative URLs are rebased to the print page's address; a
// heading with an id gets data-cite, its citable address. References to
// ids the body does not hold (the theme's labels) are left as they are,
// but for a link (href="#gone", a warning of the build), which leads to
// the top of its section. Every <details> is open and nothing loads
// lazily (loading="lazy" goes), so that print shows all a page holds,
// loaded.
// Tags that change nothing are copied byte for byte; those that change
// are written as minify writes them, values quoted only where they must
// be, so that the print page needs no minifying of its own. One pass of
// the tokenizer; the values that refer to ids are filled in at the end.
func printBody(body []byte, pl *printLinks) []byte {
	pageURL := links.Escape(pl.page)
	base := &url.URL{Scheme: "http", Host: "folio.invalid", Path: "/" + pl.page}
	ids := map[string]bool{}
	var holes []hole
	var out bytes.Buffer
	out.Grow(len(body) + len(body)/8)

	// rebase gives the print page's form of a relative URL, or false for
	// a URL that reads the same from anywhere (absolute, another scheme,
	// a fragment alone). A link (page) to a place in the page itself
	// comes back as "#id", to be resolved with the page's ids (self).
	// printTo is the title of the other page of the book that the last
	// link rebase read leads to, "" for none.
	var printTo string
	rebase := func(v string, page bool) (to string, self, ok bool) {
		printTo = ""
		if v == "" || v[0] == '#' || v[0] == '/' {
			return "", false, false
		}
		if scheme, _ := links.Scheme(v); scheme != "" {
			return "", false, false
		}
		u, err := url.Parse(v)
		if err != nil || u.Scheme != "" || u.Host != "" {
			return "", false, false
		}
		r := base.ResolveReference(u)
		if r.Host != base.Host {
			return "", false, false
		}
		sitePath := strings.TrimPrefix(r.Path, "/")
		if sitePath == pl.page && page && r.RawQuery == "" && r.Fragment != "" {
			// A place in the page itself, written as a path: as "#…",
			// once the page's ids are known.
			return "#" + r.EscapedFragment(), true, true
		}
		// A query means something to the web page only: a link with one
		// leads to the section too (t64: out of the book, since links to
		// pages keep their query).
		if target, ok := pl.inBook[sitePath]; ok && page {
			if sitePath != pl.page {
				printTo = target.name
			}
			id := r.Fragment
			if !target.ids[id] || id == target.title {
				// The section itself: its title, or an anchor the page
				// lacks (a warning of the build), which on the site lands
				// at the top of the page.
				id = ""
			}
			return theme.PrintHref(target.url, id), false, true
		}
		s := links.Rel(pl.print, sitePath)
		if r.RawQuery != "" || r.ForceQuery {
			s += "?" + r.RawQuery
		}
		if r.Fragment != "" {
			s += "#" + r.EscapedFragment()
		}
		return s, false, true
	}

	var attrs [][2][]byte
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := out.Len()
		out.Write(z.Raw())
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		name, more := z.TagName()
		if !more {
			continue
		}
		attrs = attrs[:0]
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			attrs = append(attrs, [2][]byte{k, v})
		}
		if !printChanges(name, attrs) {
			continue // the tag as it was
		}
		// The tag anew, from its attributes.
		out.Truncate(start)
		out.WriteByte('<')
		out.Write(name)
		heading := len(name) == 2 && name[0] == 'h' && '1' <= name[1] && name[1] <= '6'
		details, open := string(name) == "details", false
		for ai, a := range attrs {
			key, val := string(a[0]), string(a[1])
			switch {
			case key == "loading" && strings.EqualFold(val, "lazy"):
				continue
			case key == "open" && details:
				open = true
				writeAttr(&out, key, val)
				continue
			case val == "" && (key == "id" || key == "name"):
				// No id: PrintAnchor would give the section's.
				writeAttr(&out, key, val)
				continue
			case key == "id" || key == "name" && string(name) == "a":
				ids[val] = true
				writeAttr(&out, key, theme.PrintAnchor(pageURL, val))
				if heading && key == "id" && pl.cite != nil {
					if cite := pl.cite(pageURL, val); cite != "" {
						writeAttr(&out, "data-cite", cite)
					}
				}
				continue
			case strings.HasPrefix(val, "#") && (urlAttrs[key] || key == "usemap"):
				// A reference to an id: a hole.
			case urlAttrs[key]:
				v, self, ok := rebase(val, key == "href" || key == "xlink:href")
				if ok {
					val = v
				}
				if !self {
					writeAttr(&out, key, val)
					if printTo != "" && key == "href" {
						// Paper cannot follow it: print.css names the
						// page it leads to (t62).
						writeAttr(&out, "data-print-to", printTo)
					}
					continue
				}
			case key == "srcset":
				writeAttr(&out, key, mapSrcset(val, func(u string) string {
					if v, _, ok := rebase(u, false); ok {
						return v
					}
					return u
				}))
				continue
			case idListAttrs[key] || key == "data-for" || paintAttrs[key] && strings.Contains(val, "url(#"):
			default:
				writeAttr(&out, key, val)
				continue
			}
			out.WriteString(" " + key + "=")
			last := ai == len(attrs)-1 && !(details && !open)
			holes = append(holes, hole{at: out.Len(), key: key, val: val, quote: last && tt == html.SelfClosingTagToken})
		}
		if details && !open {
			out.WriteString(" open")
		}
		if tt == html.SelfClosingTagToken {
			if b := out.Bytes(); b[len(b)-1] != '"' && b[len(b)-1] != '=' {
				// An unquoted value would take the slash (a hole there
				// is quoted).
				out.WriteByte(' ')
			}
			out.WriteString("/>")
		} else {
			out.WriteByte('>')
		}
	}
	if len(holes) == 0 {
		return out.Bytes()
	}

	// The references, now that every id is known.
	title := pl.inBook[pl.page].title
	anchor := func(id string) (string, bool) {
		switch {
		case ids[id]:
			return theme.PrintAnchor(pageURL, id), true
		case id != "" && id == title:
			return theme.PrintAnchor(pageURL, ""), true
		}
		return "", false
	}
	src := out.Bytes()
	var b bytes.Buffer
	b.Grow(len(src) + len(holes)*32)
	last := 0
	for _, h := range holes {
		b.Write(src[last:h.at])
		last = h.at
		writeValue(&b, resolveRefs(h, anchor, theme.PrintAnchor(pageURL, "")), h.quote)
	}
	b.Write(src[last:])
	return b.Bytes()
}

// printChanges reports whether printBody rewrites a tag with these
// attributes: a <details> not open yet, or an attribute that is an id,
// refers to ids, is a relative URL or loads lazily.
func printChanges(name []byte, attrs [][2][]byte) bool {
	details := string(name) == "details"
	for _, a := range attrs {
		key, val := a[0], a[1]
		switch k := string(key); {
		case k == "open" && details:
			details = false
		case k == "loading" && bytes.EqualFold(val, []byte("lazy")):
			return true
		case k == "id", k == "name" && string(name) == "a":
			return true
		case urlAttrs[k] || k == "srcset":
			// A fragment, or a URL relative to the page.
			if len(val) > 0 && val[0] != '/' {
				if s, _ := links.Scheme(string(val)); s == "" {
					return true
				}
			}
		case k == "usemap", idListAttrs[k], k == "data-for":
			return true
		case paintAttrs[k] && bytes.Contains(val, []byte("url(#")):
			return true
		}
	}
	return details
}

// resolveRefs is the value of an attribute that refers to ids, with each
// id of the body replaced by anchor's.
func resolveRefs(h hole, anchor func(string) (string, bool), top string) string {
	switch {
	case strings.HasPrefix(h.val, "#"): // href, usemap
		id := h.val[1:]
		if a, ok := anchor(id); ok {
			return "#" + a
		}
		if a, ok := anchor(unescape(id)); ok {
			return "#" + a
		}
		if h.key == "href" {
			// A link to an anchor the page lacks (a warning of the
			// build) lands at the top of its section, as such a link
			// from another page does, not on the print page's own
			// elements (#folio-main).
			return "#" + top
		}
		return h.val
	case h.key == "data-for":
		// The API blocks' server list names its operation's id without
		// "-op"; PrintAnchor keeps "-", so the prefix maps to a prefix.
		if a, ok := anchor(h.val + "-op"); ok {
			return strings.TrimSuffix(a, "-op")
		}
		return h.val
	case idListAttrs[h.key]:
		f := strings.Fields(h.val)
		for i, id := range f {
			if a, ok := anchor(id); ok {
				f[i] = a
			}
		}
		return strings.Join(f, " ")
	}
	// url(#id) in SVG paint and markers.
	var b strings.Builder
	rest := h.val
	for {
		i := strings.Index(rest, "url(#")
		if i < 0 {
			break
		}
		b.WriteString(rest[:i+len("url(#")])
		rest = rest[i+len("url(#"):]
		j := strings.IndexByte(rest, ')')
		if j < 0 {
			break
		}
		id := strings.Trim(rest[:j], `'" `)
		if a, ok := anchor(id); ok {
			b.WriteString(a)
		} else {
			b.WriteString(rest[:j])
		}
		rest = rest[j:]
	}
	b.WriteString(rest)
	return b.String()
}

// writeAttr writes ` key=val` as minify writes an attribute: the key
// alone for an empty value, else the value as writeValue writes it.
func writeAttr(b *bytes.Buffer, key, val string) {
	b.WriteByte(' ')
	b.WriteString(key)
	if val == "" {
		return
	}
	b.WriteByte('=')
	writeValue(b, val, false)
}

// writeValue writes an attribute's value, escaped, in quotes only when
// quote is set or the value needs them (theme.NeedsQuotes).
func writeValue(b *bytes.Buffer, val string, quote bool) {
	if !quote && !theme.NeedsQuotes(val) {
		b.WriteString(strings.ReplaceAll(val, "&", "&amp;"))
		return
	}
	b.WriteByte('"')
	b.WriteString(html.EscapeString(val))
	b.WriteByte('"')
}

// mapSrcset applies fn to each URL of a srcset value, keeping the
// descriptors: "a.png 1x, b.png 2x". As browsers read it, a URL runs to
// the next white space (a data: URL holds commas), and commas at its end
// close its candidate.
func mapSrcset(v string, fn func(string) string) string {
	var b strings.Builder
	isSpace := func(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }
	for i := 0; i < len(v); {
		for i < len(v) && (isSpace(v[i]) || v[i] == ',') {
			i++
		}
		if i == len(v) {
			break
		}
		j := i
		for j < len(v) && !isSpace(v[j]) {
			j++
		}
		u, desc := strings.TrimRight(v[i:j], ","), ""
		if len(u) == j-i { // descriptors follow, up to a comma
			k := strings.IndexByte(v[j:], ',')
			if k < 0 {
				k = len(v) - j
			}
			desc = strings.Join(strings.Fields(v[j:j+k]), " ")
			j += k
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(fn(u))
		if desc != "" {
			b.WriteString(" " + desc)
		}
		i = j
	}
	return b.String()
}
