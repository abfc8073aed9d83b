package site

import (
	"bytes"
	"cmp"
	"fmt"
	"html"
	"html/template"
	"net/url"
	"runtime"
	"slices"
	"strings"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/forge"
	"folio/internal/gitbook"
	"folio/internal/langname"
	"folio/internal/links"
	"folio/internal/markdown"
	"folio/internal/output"
	"folio/internal/search"
	"folio/internal/theme"
)

// Rendering: a page's body from its syntax tree, and the theme's frame
// around it, from what its language shares (theme.Site) and what the page
// itself shows (theme.Page).

// renderPage resolves the links of one page, renders it, analyses it for
// search (through ix during a build, in place for a session's update)
// and writes it in its frame.
func (s *site) renderPage(j job, dir *output.Dir, opts Options, ix *search.Indexer, used func(string)) error {
	l, pg := j.l, j.pg
	body, err := s.renderBody(j.src, pg, used)
	if err != nil {
		return err
	}
	// Review mode: the reader sees the changes marked, search indexes the
	// page as it is.
	marked := s.reviewBody(l, pg, body)
	// The templates were minified once when the theme was loaded: only the
	// page's own content needs it here.
	if body, err = dir.Minify("content.html", body); err != nil {
		return fmt.Errorf("render %s: %w", l.space.DiagPath(pg.path), err)
	}
	if marked != nil {
		if marked, err = dir.Minify("content.html", marked); err != nil {
			return fmt.Errorf("render %s: %w", l.space.DiagPath(pg.path), err)
		}
	}
	if indexed(pg) {
		if ix != nil {
			t, err := search.Extract(searchEntry(pg, body))
			if err != nil {
				return fmt.Errorf("search index %s: %w", l.space.DiagPath(pg.path), err)
			}
			ix.Add(l.index, j.pos, t)
			runtime.Gosched() // the indexer competes with the render workers: let it keep up
		} else if pg.search, err = l.search.Analyse(searchEntry(pg, body)); err != nil {
			return fmt.Errorf("search index %s: %w", l.space.DiagPath(pg.path), err)
		}
	}
	if marked != nil {
		body = marked
	}
	if pg.origin == nil {
		if pg.feed, err = s.writeFeed(pg, l.tsite.Title, dir); err != nil {
			return err
		}
	}
	if err := j.print.add(pg, body); err != nil {
		return err
	}
	body = s.addCommentLinks(l, pg, body) // comments.go: after search and review marks
	if opts.Dev {
		pg.body = body // a session may put it in a new frame later
	}
	if !opts.Dev {
		// Other pages, and the page's frame, need only its title,
		// headings and front matter from now on: its tree goes (a
		// session keeps it, to rebuild the page alone later), before a
		// frame that waits for git's history would keep it.
		pg.doc.Release()
	}
	if s.frameLater(l, pg, body) { // history.go: framed once git has told its history
		return nil
	}
	return s.writePage(l, pg, body, dir, opts)
}

// writePage puts a page's rendered body into the theme's frame (sidebar,
// outline, previous/next…) and writes it.
func (s *site) writePage(l *lang, pg *page, body []byte, dir *output.Dir, opts Options) error {
	p := s.pageData(l, pg, template.HTML(body), opts.Dev)
	p.Feed = pg.feed
	p.Review = s.pageReview(pg)
	// Frames are tens of kilobytes: the render workers reuse their buffers
	// rather than each page growing a new one.
	var buf *bytes.Buffer
	select {
	case buf = <-s.frames:
	default:
		buf = new(bytes.Buffer)
	}
	defer func() {
		buf.Reset()
		select {
		case s.frames <- buf:
		default:
		}
	}()
	buf.Grow(len(body) + 16<<10)
	if err := s.theme.RenderPage(buf, p); err != nil {
		return fmt.Errorf("render %s: %w", l.space.DiagPath(pg.path), err)
	}
	return dir.WriteRaw(pg.url+"index.html", buf.Bytes())
}

// localise gives a page's blocks the dates and words of the language.
func (l *lang) localise(doc *markdown.Doc) {
	doc.Localise(func(d string) string { return l.tsite.Date(d) }, l.tsite.Strings)
}

// renderBody resolves the links of a page and renders its Markdown.
func (s *site) renderBody(l *lang, pg *page, used func(string)) ([]byte, error) {
	s.resolvePage(l, pg, used)
	l.localise(pg.doc)
	body, err := s.conv.Render(pg.doc)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", l.space.DiagPath(pg.path), err)
	}
	return s.childCards(l, pg, body), nil
}

// childCards gives a page that shows nothing but its title (its Markdown
// has no block after the leading heading, front matter aside: its body
// renders empty) the list of its children in the sidebar, as GitBook
// lists them on an empty parent page: a card per child, as a
// {% content-ref %} shows a page, titled as the sidebar titles it, with
// the child's description. Hidden children and entries that are only a
// title are left out; a web address listed under it is a card too. A
// HonKit book shows the empty page as it is. The page then depends on
// its children's titles and descriptions (targets), as it does on those
// of the pages it links to. Otherwise body is returned as it is.
func (s *site) childCards(src *lang, pg *page, body []byte) []byte {
	l := src
	if pg.home != nil {
		l = pg.home // a fallback copy is placed in the sidebar of its language
	}
	if src.legacy || l.legacy || showsSomething(body) {
		return body
	}
	// Its cards follow SUMMARY.md, which a session may change without
	// rendering bodies again: updateSummary compares them (cardsSrc).
	pg.cardsSrc = src
	var b bytes.Buffer
	for _, it := range l.navChildren(pg) {
		if it.Hidden || it.Label {
			continue
		}
		href, desc, icon := it.URL, "", ""
		if cp := l.navPage(it); cp != nil {
			_, frag, _ := strings.Cut(it.URL, "#")
			href = links.Rel(pg.url, cp.url)
			if frag != "" {
				href += "#" + frag
			}
			if cp.doc != nil {
				desc, icon = cp.doc.Meta.Description, cp.doc.Meta.Icon
			}
			if !slices.Contains(pg.targets, cp) {
				pg.targets = append(pg.targets, cp)
			}
		}
		if b.Len() == 0 {
			sub := s.theme.Strings(l.space.Lang.Code)["sub_pages"]
			fmt.Fprintf(&b, `<nav class="page-children" aria-label="%s">`+"\n", html.EscapeString(sub+" "+pg.title()))
		}
		gitbook.PageCard(&b, href, it.Title, desc, icon, it.Lang)
	}
	if b.Len() == 0 {
		pg.cards = ""
		return body
	}
	b.WriteString("</nav>\n")
	pg.cards = b.String()
	return b.Bytes()
}

// navChildren are the entries under pg's in l's sidebar.
func (l *lang) navChildren(pg *page) []*theme.NavItem {
	for it := range navItems(l.nav) {
		if l.placedPage(it) == pg {
			return it.Children
		}
	}
	return nil
}

// hasCards reports whether childCards gives the page in src a card: a
// GitBook space lists an empty page's children.
func hasCards(src *lang, pg *page) bool {
	l := src
	if pg.home != nil {
		l = pg.home
	}
	if src.legacy || l.legacy {
		return false
	}
	for _, it := range l.navChildren(pg) {
		if !it.Hidden && !it.Label {
			return true
		}
	}
	return false
}

// showsSomething reports whether a page body holds more than blanks and
// HTML comments (<!-- todo: write this -->), which readers do not see.
func showsSomething(body []byte) bool {
	for {
		body = bytes.TrimSpace(body)
		rest, ok := bytes.CutPrefix(body, []byte("<!--"))
		if !ok {
			return len(body) > 0
		}
		end := bytes.Index(rest, []byte("-->"))
		if end < 0 {
			return true // an unclosed comment: shown as HTML makes it
		}
		body = rest[end+3:]
	}
}

// sidebarLink is where a link of book.json's links.sidebar leads: an
// address as it is, or a path of the book (guide/setup.md, or setup.html
// as HonKit publishes it) to its page, site-root-relative (rel). ok is
// false for a path that leads to no page (checkSidebarLinks reports it).
func (l *lang) sidebarLink(dest string) (u string, rel, ok bool) {
	if scheme, _ := links.Scheme(dest); scheme != "" || strings.HasPrefix(dest, "//") {
		return dest, false, true
	}
	loc := l.locate("", strings.TrimPrefix(dest, "/"))
	pg := l.byPath[loc.path]
	if loc.status != locFile || pg == nil {
		return "", false, false
	}
	u = pg.url
	if loc.anchor != "" {
		u += "#" + url.PathEscape(loc.anchor)
	}
	return u, true, true
}

// checkSidebarLinks reports the paths of links.sidebar that lead to no
// page: they are left out of the sidebar.
func (s *site) checkSidebarLinks(l *lang) {
	if l.book == nil {
		return
	}
	for _, k := range l.book.Links {
		if _, _, ok := l.sidebarLink(k.URL); !ok {
			s.diags.Add(diag.Diagnostic{Path: cmp.Or(k.File, l.space.DiagPath("book.json")), Line: k.Line, Col: k.Col, Severity: diag.Warning, Rule: "link-missing",
				Msg:  fmt.Sprintf("links.sidebar %q leads to %s, which is no page of the book: left out of the sidebar", k.Title, k.URL),
				Hint: "name a page's Markdown file, or a web address"})
		}
	}
}

// themeSite is what every page of a language shares.
func (s *site) themeSite(l *lang, langs []theme.LangLink) *theme.Site {
	lg := l.space.Lang
	ts := &theme.Site{
		Title:       s.siteTitle(l),
		Description: firstNonEmpty(lg.Description, s.cfg.Description),
		BaseURL:     s.base,
		Lang:        lg.Code,
		Dir:         theme.Direction(lg.Code),
		Home:        l.prefix,
		Languages:   langs,
		Nav:         l.nav,
		Strings:     s.theme.Strings(lg.Code),
		English:     s.theme.English(lg.Code),
		Generator:   "folio " + Version,
		PrintURL:    l.printURL(),
		Sections:    s.sectionLinks(l),
	}
	for _, sec := range ts.Sections {
		if sec.Current {
			ts.SectionTitle = sec.Title
		}
	}
	if s.cfg.Logo != "" {
		ts.Logo = siteFileURL(s.cfg.Logo)
	}
	if s.cfg.SocialImage != "" && s.base != "" {
		ts.SocialImage = s.base + siteFileURL(s.cfg.SocialImage)
	}
	// A PNG or an ICO first: browsers that show SVG icons take the last
	// one they can.
	for _, svg := range []bool{false, true} {
		for _, f := range s.cfg.Favicon {
			if t := config.MediaType(f); (t == "image/svg+xml") == svg {
				ts.Favicon = append(ts.Favicon, theme.Icon{URL: siteFileURL(f), Type: t})
			}
		}
	}
	if l.book != nil {
		for _, k := range l.book.Links {
			if u, rel, ok := l.sidebarLink(k.URL); ok {
				ts.Links = append(ts.Links, theme.SiteLink{Title: k.Title, URL: u, Relative: rel})
			}
		}
		ts.Description = firstNonEmpty(ts.Description, l.book.Description)
		if l.book.Direction == "rtl" || l.book.Direction == "ltr" {
			ts.Dir = l.book.Direction
		}
	}
	return ts
}

// siteTitle is the name of the site in the language l: site.yaml's, else
// book.json's (a HonKit book names itself), else its home page's own
// title (its heading, front matter title or SUMMARY.md label), unless
// that names a part of the book ("Introduction"):
// the repository's name (repo_url) says more, in the header and every
// tab. Not the folder's, which a CI names repo, app or workspace: the
// same content would build with another name there (review).
func (s *site) siteTitle(l *lang) string {
	if t := firstNonEmpty(l.space.Lang.Title, s.cfg.Title); t != "" {
		return t
	}
	if l.book != nil && l.book.Title != "" {
		return l.book.Title
	}
	t := ""
	if home := l.byPath[l.space.Readme]; home != nil {
		t = home.ownTitle()
	}
	if config.PlaceholderTitle(t) {
		t = cmp.Or(repoName(s.cfg.RepoURL), t)
	}
	return t
}

// repoName is the repository's name, the last part of its address as
// forge reads it (without .git, a folder or branch of it, or a query):
// "specs" for https://github.com/GovStack/specs; "" for none. config keeps
// only a repo_url that forge reads.
func repoName(u string) string {
	f, err := forge.New(u, "", "")
	if err != nil || f.Base == "" {
		return ""
	}
	return f.Base[strings.LastIndexByte(f.Base, '/')+1:]
}

// heading is the page's own heading when its title is another (a HonKit
// book's page, titled by its SUMMARY.md label, keeps its first heading);
// "" otherwise.
func heading(pg *page) string {
	if own := pg.ownTitle(); own != pg.title() {
		return own
	}
	return ""
}

// titleInBody reports whether the page's h1 is its body's own.
func titleInBody(pg *page) bool {
	return pg.doc != nil && pg.doc.TitleInBody
}

// splitTitle cuts the body of a page whose h1 is its own at the end of its
// title's HTML (markdown.TitleEnd): the title, and the rest. Without the
// mark, the title is "".
func splitTitle(body template.HTML) (title, rest template.HTML) {
	head, tail, ok := strings.Cut(string(body), markdown.TitleEnd)
	if !ok {
		return "", body
	}
	return template.HTML(head), template.HTML(tail)
}

// pageData is what the frame of a page shows: its outline, its place in
// the navigation, its translations.
func (s *site) pageData(l *lang, pg *page, body template.HTML, dev bool) *theme.Page {
	fm := pg.doc.Meta
	p := &theme.Page{
		Site:        l.tsite,
		URL:         links.Escape(pg.url),
		Root:        links.Root(pg.url),
		Title:       pg.title(),
		Description: fm.Description,
		Content:     body,
		Trail:       l.trails[pg],
		Layout:      layout(fm.Layout),
		NoIndex:     fm.NoIndex,
		Dev:         dev,
		Mermaid:     pg.doc.MermaidClient > 0,
		Meta:        fm.Extra,
		Cover:       pg.cover,
		CoverY:      fm.CoverY,
		HasCoverY:   fm.HasCoverY,
	}
	if s.base != "" {
		p.Canonical = s.base + links.Escape(pg.url)
	}
	p.Icon = pageIcon(pg)
	p.Heading = heading(pg)
	p.TitleInBody = titleInBody(pg)
	if p.TitleInBody {
		// The body's own title, which the frame prints where its own
		// would be, before the description and the outline (t64).
		p.TitleHTML, p.Content = splitTitle(body)
	}
	if hs := pg.doc.Headings; len(hs) > 0 && hs[0].Level == 1 {
		p.HeadingID = hs[0].ID // the page's first heading, its title
	}
	for _, h := range pg.doc.Headings {
		switch {
		case h.API && h.Text == "":
			// A block that could not be rendered: no operation to list.
		case h.API && h.Level <= 3:
			// An operation is listed under the section that holds it, at
			// the level of its heading (2 before any section); under an h3,
			// its h4 is left out, as other headings of that level are.
			p.Outline = append(p.Outline, theme.Heading{Level: max(h.Level, 2), ID: h.ID, Text: h.Text})
		case (h.Level == 2 || h.Level == 3) && h.Text != "":
			p.Outline = append(p.Outline, theme.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
	if pg.order >= 0 {
		// A SUMMARY.md label names them, as in the sidebar.
		if prev := l.neighbour(pg.order, -1); prev != nil {
			p.Prev = s.pageLink(prev)
		}
		if next := l.neighbour(pg.order, 1); next != nil {
			p.Next = s.pageLink(next)
		}
	}
	s.translationData(l, pg, p)
	s.historyData(l, pg, p) // history.go: last change, edit link, outdated translation
	return p
}

func layout(l markdown.Layout) theme.Layout {
	t := theme.DefaultLayout()
	set := func(dst *bool, v *bool) {
		if v != nil {
			*dst = *v
		}
	}
	set(&t.Title, l.Title)
	set(&t.Description, l.Description)
	set(&t.TableOfContents, l.TableOfContents)
	set(&t.Outline, l.Outline)
	set(&t.Pagination, l.Pagination)
	set(&t.Cover, l.Cover)
	t.Wide = l.Width == "wide"
	return t
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// siteFileURL is the site-root-relative URL of a file that site.yaml names
// (logo, favicon): where static/ publishes it, or under _folio/site/
// (writeStatic).
func siteFileURL(p string) string {
	if rest, ok := strings.CutPrefix(p, "static/"); ok {
		return links.Escape(rest)
	}
	return links.Escape("_folio/site/" + p)
}

// langLinks lists the languages of the section of def, its default
// language, each linked to its home.
func (s *site) langLinks(def *lang) []theme.LangLink {
	var out []theme.LangLink
	for _, l := range s.langs {
		if l.def == def {
			code, name := l.space.Lang.Code, l.space.Lang.Name
			out = append(out, theme.LangLink{Code: code, Name: name, URL: l.prefix, NameLang: langname.Written(code, name)})
		}
	}
	if len(out) == 1 && len(s.cfg.Sections) > 1 {
		// The only space of a section is titled as the section is
		// ("Developers"); the print page names its language.
		out[0].Name = firstNonEmpty(langname.Self(out[0].Code), out[0].Name)
	}
	return out
}

// pageLink is the previous or next link to pg: its SUMMARY.md label or
// its title, which for a fallback copy is in the default language.
func (s *site) pageLink(pg *page) *theme.Link {
	ln := &theme.Link{Title: firstNonEmpty(pg.label, pg.title()), URL: links.Escape(pg.url)}
	if pg.label == "" {
		ln.Lang = pg.copyLang()
	}
	return ln
}
