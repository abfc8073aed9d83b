package site

import (
	"bytes"
	"context"
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/links"
	"folio/internal/markdown"
	"folio/internal/nav"
	"folio/internal/search"
	"folio/internal/theme"
)

// lang is one language of the site: a space and the pages published from it.
type lang struct {
	site   *site
	space  *content.Space
	prefix string // site path of the language's root: "" or "fr/"
	// pageFiles are the space's Markdown pages, published or not, which
	// a missing SUMMARY.md entry or link may be a typo of (nearestFile),
	// listed the first time one is.
	pageFiles     []string
	pageFilesOnce sync.Once
	// pagePaths are the paths of its own published pages, for nearestPage,
	// made once when the first broken link asks.
	pagePaths     []string
	pagePathsOnce sync.Once
	// own are the site paths of the files folio writes for the site or
	// the language (ownNames), set by discover: ownFile reads them for
	// every asset a page links.
	own   []string
	index int // position in site.langs; 0 is the site's default language, its top section's
	// inner are the languages published in a folder of this one's
	// (findInner): another section's, a language's beside a default
	// language at the site's top.
	inner []*lang
	// nests is set when another language's space is in a folder of this
	// one's, which links into it lead to.
	nests bool
	// def is the default language of the language's section (of the
	// site, without sections): the one it translates, l itself for it.
	def *lang

	pages  []*page          // published pages: reading order, then pages outside SUMMARY.md
	byPath map[string]*page // by path relative to the space root
	byURL  map[string]*page // by site path
	nav    []*theme.NavPart
	tsite  *theme.Site
	trails map[*page][]int
	// navHidden holds the pages whose sidebar entry is hidden, or under a
	// hidden page's entry: the previous and next links skip them too.
	navHidden map[*page]bool
	search    *search.Analysis // the search analysis of the language
	// merged is the search index a build merged as it rendered, every
	// page in; nil once a page changes, and then merged from pg.search.
	merged *search.Merger

	fallbacks []*page         // copies of untranslated default-language pages
	copyOf    map[*page]*page // the fallback copy of each original that has one
	// headPlaced holds, for a page the sidebar reaches only through
	// entries to headings of it, the first of them (indexHeadPlaced).
	headPlaced map[*page]*theme.NavItem

	opts markdown.ParseOptions // how every page of the language is parsed
	book *content.Book         // a HonKit book.json, or nil
	// legacy is set for a GitBook 3 / HonKit book (book.json or LANGS.md,
	// no .gitbook.yaml): its pages are titled with their SUMMARY.md label.
	legacy   bool
	glossary string // the glossary page's path, "" without one
	// dropped holds the files not published because a page before them
	// has their URL (page-url-conflict, which says so): not orphans.
	dropped map[string]bool
	// articleList and articleAt (by path) are SUMMARY.md's pages as HonKit
	// numbers them, for HonKit's page variables; set by discover.
	articleList []article
	articleAt   map[string]int
}

// page is one published page.
type page struct {
	path      string // relative to the space root
	url       string // site path
	inSummary bool
	// navShowsTitle: an entry of the sidebar, without text of its own,
	// shows the page's title (buildNav).
	navShowsTitle bool
	// byLink: published only because a page links to it, which the
	// first such link's page-not-in-summary warning tells.
	byLink   bool
	navTitle string // SUMMARY label, when listed
	// folder is the name of the site's folder, the title of the README at
	// the space's top when it names itself no other way (t59: ".").
	folder string
	// label is the quoted title of its SUMMARY entry ([T](p.md "Label")),
	// its name in the sidebar and the previous and next links; "" if none.
	label string
	// summaryTitle: the page is titled with its SUMMARY label first, as
	// HonKit titles the pages of a legacy book.
	summaryTitle bool
	// role is roleHome or roleGlossary for the language's home page and
	// glossary, which are translations of the other languages' whatever
	// their files' names (a book.json's structure.readme: ACCUEIL.md).
	role        string
	doc         *markdown.Doc
	ids         map[string]bool     // heading IDs, for anchor checks
	github      *githubIDs          // the ids GitHub would give its headings, made on the first anchor ids miss
	anchorHints int                 // the near ids looked for its broken anchors, as it is resolved
	nearHints   int                 // the near pages looked for its missing targets, as it is resolved
	order       int                 // position in reading order, -1 when outside SUMMARY.md
	cover       string              // cover image URL, relative to the page
	search      *search.Page        // the page analysed for the search index; nil when not indexed
	language    search.PageLanguage // the language its text reads in
	links       []pageLink          // after a parse, until discover or an update reads them: the pages it links to
	feed        string              // its Atom feed, relative to the page, or ""
	body        []byte              // rendered content, kept by a session (Dev) to re-frame the page
	// specs are the files of the API specs the page shows, relative to the
	// site's folder: review mode compares the page when one changed.
	specs []string
	// assets are the site paths of the files the page publishes (images,
	// downloads), kept by a session (Dev): an update removes those no page
	// uses any more.
	assets []string

	// The page's own diagnostics: from reading and parsing it, and from
	// resolving its links. They are kept apart from the site's so that a
	// page can be rebuilt alone.
	diags, rdiags []diag.Diagnostic
	targets       []*page          // pages its links lead to, for rebuilding what shows them
	ignores       map[int][]string // line → rules silenced by <!-- folio-ignore … --> on the line before

	trans  []*page // the same page in each language (by index), nil entries when untranslated
	src    *lang   // the language whose space holds the file, when not the page's own (fallback copies)
	home   *lang   // for a fallback copy: the language it is published in
	origin *page   // for a fallback copy: the default language's page it copies
	// cardsSrc is set when the page's body is empty, so that it lists
	// its SUMMARY.md children (childCards): the language its body was
	// rendered from, and cards the list it shows.
	cardsSrc *lang
	cards    string
}

func (p *page) title() string {
	if p.origin != nil {
		// A fallback copy: the original's text, titled as the original
		// is (t60: an empty page's copy named by its file, "group" under
		// "Group"), but by its label in this language's SUMMARY.md where
		// that label titles the page, as a HonKit book's labels do, or
		// the page titles itself not (t64: "Group" under "Groupe").
		if p.titledHere() {
			return p.navTitle
		}
		return p.origin.title()
	}
	if p.summaryTitle && p.navTitle != "" {
		return p.navTitle
	}
	return p.ownTitle()
}

// titledHere reports whether a fallback copy is titled by its label in
// its language's SUMMARY.md: it has one, and that label titles the page,
// as a HonKit book's labels do, or the page titles itself not.
func (p *page) titledHere() bool {
	o := p.origin
	return o != nil && p.navTitle != "" && (o.summaryTitle || o.untitled())
}

// untitled reports whether the page gives itself no title: no heading,
// no front matter title.
func (p *page) untitled() bool {
	return p.doc == nil || p.doc.Title == "" && p.doc.Meta.Title == ""
}

// ownTitle is the title the page gives itself: its first heading, else
// its front matter's, else its SUMMARY label, else its file name.
func (p *page) ownTitle() string {
	switch {
	case p.titledHere() && p.origin.untitled():
		return p.navTitle // its h1 too (t65: the French label in the tab, the English in the h1)
	case p.origin != nil:
		return p.origin.ownTitle()
	case p.doc != nil && p.doc.Title != "":
		return p.doc.Title
	case p.doc != nil && p.doc.Meta.Title != "":
		return p.doc.Meta.Title
	case p.navTitle != "":
		return p.navTitle
	}
	name := strings.TrimSuffix(path.Base(p.path), path.Ext(p.path))
	if links.IsReadme(p.path) {
		name = path.Base(path.Dir(p.path))
	}
	if name == "." {
		// The README at the space's top: its folder has the name.
		name = p.folder
	}
	return name
}

// pageURL is where the page file p is published, site-root-relative.
func (l *lang) pageURL(p string) string {
	if p == l.space.Readme {
		return l.prefix
	}
	u := links.PageURL(p)
	if u == "" {
		// The space's own README.md where another file is the home page
		// (.gitbook.yaml's structure.readme, book.json's in HonKit), as a
		// repository's notes for GitHub: the home page has the root, and
		// this page its own name.
		u = strings.TrimSuffix(path.Base(p), path.Ext(p)) + "/"
	}
	return l.prefix + u
}

// discover decides which pages are published and parses them: the home
// page, every page SUMMARY.md lists, and, transitively, every Markdown
// page that a published page links to.
func (l *lang) discover(ctx context.Context) error {
	l.own = l.ownNames()
	l.byPath = map[string]*page{}
	l.byURL = map[string]*page{}
	l.dropped = map[string]bool{}
	l.numberArticles()
	sp := l.space
	var queue []*page
	folded := map[string]*page{} // by lower-cased URL
	// tell reports what is wrong with the page at p (msg starts "page "),
	// at its SUMMARY.md entry if it has one: where the author chose to
	// publish it.
	tell := func(p string, entry *nav.Item, sev diag.Severity, rule, msg, hint string) {
		d := diag.Diagnostic{Path: sp.DiagPath(p), Severity: sev, Rule: rule, Msg: msg, Hint: hint}
		if entry != nil {
			d.Path, d.Line, d.Col = sp.DiagPath(sp.GitBook.Summary), entry.Line, entry.Col
			d.Msg = fmt.Sprintf("SUMMARY.md entry %q: %s %s", entry.Title, p, strings.TrimPrefix(msg, "page "))
		}
		l.site.diags.Add(d)
	}
	// add publishes the page at p; entry is its SUMMARY.md entry, if any.
	add := func(p string, entry *nav.Item) *page {
		pg := &page{path: p, inSummary: entry != nil, order: -1, url: l.pageURL(p)}
		if path.Dir(p) == "." {
			pg.folder = filepath.Base(l.site.cfg.Dir)
		}
		if other, dup := l.byURL[pg.url]; dup {
			l.dropped[p] = true
			d := diag.Diagnostic{Path: sp.DiagPath(p), Severity: diag.Error, Rule: "page-url-conflict",
				Msg: fmt.Sprintf("page is published at the same URL /%s as %s; only the latter is kept", pg.url, other.path)}
			if entry != nil {
				// Where the author chose to publish it.
				d.Path, d.Line, d.Col = sp.DiagPath(sp.GitBook.Summary), entry.Line, entry.Col
				d.Msg = fmt.Sprintf("SUMMARY.md entry %q: %s is published at the same URL /%s as %s; only the latter is kept", entry.Title, p, pg.url, other.path)
				d.Hint = "list only one of them, or rename one"
			}
			l.site.diags.Add(d)
			return nil
		}
		if o := l.innerLangAt(pg.url); o != nil {
			// Two files for one address, written in parallel: neither
			// would be sure to be the one published.
			if l.dropped[p] {
				return nil // reported at its first entry or link
			}
			l.dropped[p] = true
			tell(p, entry, diag.Error, "page-url-conflict", fmt.Sprintf("page is published at /%s, in the folder of %s: not published", pg.url, o.folderName()),
				"rename the page or its folder")
			return nil
		}
		if u := l.ownAbove(pg.url); u != "" {
			// Its folder, or one above it, would be where a file of
			// folio's is: the build stopped at the first write of either
			// (t99, t102: "not a directory", no site, and check said
			// nothing).
			l.dropped[p] = true
			tell(p, entry, diag.Error, "page-url-conflict", fmt.Sprintf("page is published at /%s, in the folder /%s, a file folio writes itself: not published", pg.url, u),
				"rename the page or its folder")
			return nil
		}
		if other, dup := folded[strings.ToLower(pg.url)]; dup {
			tell(p, entry, diag.Warning, "page-url-case", fmt.Sprintf("page is published at /%s, which differs from /%s (%s) only in letter case: on a case-insensitive file system or web server, one overwrites the other", pg.url, other.url, other.path),
				"rename one of them")
		} else {
			folded[strings.ToLower(pg.url)] = pg
		}
		l.byPath[p] = pg
		l.byURL[pg.url] = pg
		l.pages = append(l.pages, pg)
		queue = append(queue, pg)
		return pg
	}
	if sp.Readme != "" {
		if pg := add(sp.Readme, nil); pg != nil {
			pg.role = roleHome
		}
	}
	if l.glossary != "" {
		// Term links lead to it. Its headings are its terms: it is titled
		// as HonKit titles it, unless SUMMARY.md lists it.
		if pg := add(l.glossary, nil); pg != nil {
			l.titleGlossary(pg)
			pg.role = roleGlossary
		}
	}
	if sp.Summary != nil {
		sumDir := path.Dir(sp.GitBook.Summary)
		nearHints := 0 // the entries given a near file
		for it := range sp.Summary.Items {
			if it.Target == "" || links.IsExternal(it.Target) {
				continue
			}
			loc := l.locate(sumDir, it.Target)
			if by := sp.IgnoredBy(loc.path); loc.status == locFile && by != "" {
				l.site.diags.Add(diag.Diagnostic{Path: sp.DiagPath(sp.GitBook.Summary), Line: it.Line, Col: it.Col,
					Severity: diag.Warning, Rule: "bookignore",
					Msg: fmt.Sprintf("SUMMARY.md entry %q: %s is excluded by %s: not published", it.Title, loc.path, by)})
				continue
			}
			if loc.status == locMissing && l.fallbackOrigin(loc.path) != nil {
				continue // its fallback copy, once made, takes the entry (buildOwnNav)
			}
			if loc.status == locOtherLang {
				continue // a page of another section or language: the sidebar links it (buildOwnNav)
			}
			if loc.status != locFile || !isPage(loc.path) || l.isSummary(loc.path) {
				msg := fmt.Sprintf("SUMMARY.md entry %q points to a missing file %s", it.Title, loc.path)
				refused := ""
				if loc.status == locMissing {
					refused = sp.RefusedLink(loc.path)
				}
				switch {
				case loc.status == locOutside:
					msg = fmt.Sprintf("SUMMARY.md entry %q points outside the space", it.Title)
				case loc.status == locFile && l.isSummary(loc.path):
					msg = fmt.Sprintf("SUMMARY.md entry %q points to %s: a table of contents is not a page", it.Title, loc.path)
				case loc.status == locFile:
					msg = fmt.Sprintf("SUMMARY.md entry %q points to %s, which is not a Markdown page", it.Title, loc.path)
				case refused != "":
					msg = fmt.Sprintf("SUMMARY.md entry %q points to %s: %s", it.Title, loc.path, refusedLink(refused))
				case loc.status == locMissing && sp.IsDir(loc.path):
					msg = fmt.Sprintf("SUMMARY.md entry %q points to the folder %s, which has no README.md and no page", it.Title, loc.path)
					if first := l.firstFileIn(loc.path); first != "" {
						msg = fmt.Sprintf("SUMMARY.md entry %q points to the folder %s, which has no README.md: an entry names a page's file, such as %s", it.Title, loc.path, first)
					}
				}
				d := diag.Diagnostic{Path: sp.DiagPath(sp.GitBook.Summary), Line: it.Line, Col: it.Col,
					Severity: diag.Error, Rule: "summary-missing", Msg: msg}
				switch lit := l.literalFile(sumDir, it.Target); {
				case refused != "":
					// Told as such above: no other file is meant.
				case lit != "":
					d.Msg = fmt.Sprintf("SUMMARY.md entry %q points to a missing file %s", it.Title, loc.path)
					d.Hint = lit
				case loc.suggest != "":
					d.Hint = "did you mean " + relPath(sumDir, loc.suggest) + "?"
				case loc.status == locMissing && nearHints < diag.PerRule:
					// The first ones: each looks through every file of
					// the space (t87: 20,000 misspelt entries took 103 s).
					nearHints++
					if near := l.nearestFile(loc.path); near != "" {
						d.Hint = "did you mean " + relPath(sumDir, near) + "?"
					}
				}
				l.site.diags.Add(d)
				continue
			}
			if pg, ok := l.byPath[loc.path]; ok {
				if !pg.inSummary {
					pg.inSummary = true
					pg.navTitle, pg.label = navLabel(it), it.Label
					if pg.path == l.glossary {
						// Found before SUMMARY.md was read: its place in
						// the reading order is its entry's.
						l.pages = append(slices.DeleteFunc(l.pages, func(p *page) bool { return p == pg }), pg)
					}
				} else if loc.anchor == "" {
					l.site.diags.Add(diag.Diagnostic{Path: sp.DiagPath(sp.GitBook.Summary), Line: it.Line, Col: it.Col,
						Severity: diag.Warning, Rule: "summary-duplicate",
						Msg: fmt.Sprintf("%s is listed more than once; a page has one URL, so the sidebar links to the same page", loc.path)})
				}
				continue
			}
			if pg := add(loc.path, it); pg != nil {
				pg.navTitle, pg.label = navLabel(it), it.Label
			}
		}
	}

	if l.def != l && l.space.Lang.Fallback {
		// A language that fills its gaps with the default language's
		// pages publishes its own file wherever it has one, listed or
		// not: it is the translation, which the sidebar places where
		// the default language has the page (placeFallbacks), rather
		// than an orphan beside the original's copy.
		for _, dp := range l.def.pages {
			if dp.origin == nil && l.byPath[dp.path] == nil && !l.dropped[dp.path] &&
				sp.Exists(dp.path) && isPage(dp.path) && !sp.Ignored(dp.path) {
				add(dp.path, nil)
			}
		}
	}

	// Parse in waves: each wave may publish the pages its links lead to.
	// Those SUMMARY.md leaves out are told once their translation keys
	// are known (placedByDefault).
	type linked struct {
		pg *page
		d  diag.Diagnostic
	}
	var unlisted []linked
	for len(queue) > 0 {
		wave := queue
		queue = nil
		if err := fanOut(ctx, len(wave), func(i int) error { l.parse(wave[i]); return nil }); err != nil {
			return err
		}
		for _, pg := range wave {
			for _, lk := range pg.links {
				if l.byPath[lk.path] != nil {
					continue
				}
				if np := add(lk.path, nil); np != nil {
					np.byLink = true
					if sp.SummaryInferred && content.NotContent(lk.path) {
						// No SUMMARY.md to add it to: a README's link to
						// .github/CONTRIBUTING.md publishes it, which is
						// what its author meant (t59).
						continue
					}
					unlisted = append(unlisted, linked{np, diag.Diagnostic{Path: sp.DiagPath(pg.path), Line: lk.line, Col: lk.col,
						Severity: diag.Warning, Rule: "page-not-in-summary",
						Msg: fmt.Sprintf("%s is linked but not in SUMMARY.md; it is published without a place in the navigation", lk.path)}})
				}
			}
			pg.links = nil
		}
	}
	for _, u := range unlisted {
		if !l.placedByDefault(u.pg) {
			l.site.diags.Add(u.d)
		}
	}
	l.orderPages()
	return nil
}

// titleGlossary titles the glossary page pg in the language's words, as
// HonKit does; again once the language is known, when the pages' text
// tells it (chooseLanguages).
func (l *lang) titleGlossary(pg *page) {
	pg.navTitle = l.site.theme.Strings(l.space.Lang.Code)["glossary"]
}

// isSummary reports whether the file p of the space is its table of
// contents, which is no page: links and entries to it lead nowhere. A
// chapter's summary.md in a folder is a page.
func (l *lang) isSummary(p string) bool {
	return strings.EqualFold(p, l.space.GitBook.Summary)
}

// placedByDefault reports whether the sidebar places pg although its
// language's SUMMARY.md leaves it out: in a language with fallback
// copies, a translation goes where the default language's SUMMARY.md
// lists the page (placeFallbacks).
func (l *lang) placedByDefault(pg *page) bool {
	if l.def == l || !l.space.Lang.Fallback {
		return false
	}
	k := pg.key()
	for _, dp := range l.def.pages {
		if dp.inSummary && dp.origin == nil && dp.key() == k {
			return true
		}
	}
	return false
}

// orderPages puts l.pages, in the order they were found (the home page,
// the glossary, SUMMARY.md's entries, the pages they link to), in reading
// order: the home page and the pages of SUMMARY.md as found; the pages
// reached only by links come last, by path, outside the reading order.
func (l *lang) orderPages() {
	var ordered, extra []*page
	for _, pg := range l.pages {
		if pg.inSummary || pg.path == l.space.Readme {
			pg.order = len(ordered)
			ordered = append(ordered, pg)
		} else {
			pg.order = -1
			extra = append(extra, pg)
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i].path < extra[j].path })
	l.pages = append(ordered, extra...)
}

// article is a page of SUMMARY.md as HonKit numbers it, for a HonKit
// page's page.level, page.depth, page.previous and page.next.
type article struct {
	path, url, title, level string // path for a page of the space, url for a web address, neither for a plain entry
	depth                   int
}

// numberArticles lists the entries of SUMMARY.md in order, numbered as
// HonKit numbers them: "1.2.1" is the first entry under the second of the
// first part. Only a HonKit book's pages need them. As in HonKit, the
// list holds web addresses and plain entries too, which a page's
// page.previous and page.next may be, and not the entries that link to a
// heading (page.md#part), which only count in the numbering.
func (l *lang) numberArticles() {
	l.articleList, l.articleAt = nil, map[string]int{}
	sp := l.space
	if sp.Summary == nil || l.opts.Vars == nil {
		return
	}
	sumDir := path.Dir(sp.GitBook.Summary)
	var walk func(items []*nav.Item, prefix string, depth int)
	walk = func(items []*nav.Item, prefix string, depth int) {
		for i, it := range items {
			level := prefix + "." + strconv.Itoa(i+1)
			a := article{title: navLabel(it), level: level, depth: depth}
			switch {
			case links.IsExternal(it.Target):
				a.url = it.Target
			case strings.Contains(it.Target, "#"):
				walk(it.Children, level, depth+1)
				continue
			case it.Target != "":
				a.path = l.locate(sumDir, it.Target).path
				if _, seen := l.articleAt[a.path]; !seen {
					// A page listed twice has the first entry's place.
					l.articleAt[a.path] = len(l.articleList)
				}
			}
			l.articleList = append(l.articleList, a)
			walk(it.Children, level, depth+1)
		}
	}
	for i, part := range sp.Summary.Parts {
		walk(part.Items, strconv.Itoa(i+1), 1)
	}
}

// articleVars sets HonKit's page.level, page.depth, page.previous and
// page.next for the page at p, when SUMMARY.md lists it.
func (l *lang) articleVars(p string, page map[string]any) {
	list, at := l.articleList, l.articleAt
	i, ok := at[p]
	if !ok {
		return
	}
	a := list[i]
	page["level"], page["depth"] = a.level, a.depth
	if i > 0 {
		page["previous"] = list[i-1].vars()
	}
	if i+1 < len(list) {
		page["next"] = list[i+1].vars()
	}
}

// vars is the article as HonKit gives it to templates: path and url are
// undefined when it has none.
func (a article) vars() map[string]any {
	v := map[string]any{"title": a.title, "level": a.level, "depth": a.depth}
	if a.path != "" {
		v["path"] = a.path
	}
	if a.url != "" {
		v["url"] = a.url
	}
	return v
}

// isPage reports whether a file of the space is published as a page:
// Markdown outside the .gitbook folder (whose .md files are assets or
// reusable blocks).
func isPage(p string) bool {
	return strings.EqualFold(path.Ext(p), ".md") && !strings.HasPrefix(p, ".gitbook/")
}

// parse reads and parses one page.
func (l *lang) parse(pg *page) {
	src, ds, ok := l.space.ReadText(pg.path)
	if !ok {
		src = nil
	}
	opts := l.parseOptions(pg)
	pg.summaryTitle = l.legacy
	pg.doc = l.site.conv.ParseWith(l.space.DiagPath(pg.path), src, opts)
	pg.language = search.DetectPage(src)
	pg.diags = append(ds, pg.doc.Diags...)
	pg.diags = append(pg.diags, l.renderAPIs(pg)...)
	pg.diags = append(pg.diags, l.pageChecks(pg, src)...)
	var ignoreDiags []diag.Diagnostic
	pg.ignores, ignoreDiags = ignoreComments(src, l.space.DiagPath(pg.path))
	pg.diags = append(pg.diags, ignoreDiags...)
	pg.github = &githubIDs{}
	pg.ids = make(map[string]bool, len(pg.doc.Headings)+len(pg.doc.Anchors))
	for _, h := range pg.doc.Headings {
		pg.ids[h.ID] = true
	}
	for _, id := range pg.doc.Anchors {
		pg.ids[id] = true
	}
	// The pages this one links to, located here on the parsing cores:
	// discover publishes those that are not yet.
	pg.links = pg.links[:0]
	for _, r := range pg.doc.Refs {
		if r.Kind == markdown.RefImage || (r.Kind == markdown.RefBlock && r.Tag != "content-ref" && r.Tag != "page-ref") {
			continue
		}
		loc := l.locate(l.refDir(pg, r), r.Dest)
		if loc.status == locFile && isPage(loc.path) && !l.space.Ignored(loc.path) && !l.isSummary(loc.path) {
			pg.links = append(pg.links, pageLink{loc.path, r.Line, r.Col})
		}
	}
	if l.site.regrow {
		pg.doc.Release()
	}
}

// regrowTree parses a page that was released after its first parse
// (site.regrow) again, for the tree its rendering needs. The parse is
// the first one's, from the same text with the same options; what it
// reports was reported then.
func (s *site) regrowTree(src *lang, pg *page) {
	text, _, ok := src.space.ReadText(pg.path)
	if !ok {
		text = nil
	}
	opts := src.opts
	if pg.origin == nil {
		opts = src.parseOptions(pg)
	}
	pg.doc.Regrow(s.conv.ParseWith(src.space.DiagPath(pg.path), text, opts))
	_ = src.renderAPIs(pg) // reported after the first parse
}

// parseOptions are the options the page is parsed with.
func (l *lang) parseOptions(pg *page) markdown.ParseOptions {
	opts := l.opts
	if pg.path == l.glossary {
		// Its first heading is a term when the terms are `# Term`; it does
		// not link to itself.
		opts.Defines, opts.Glossary = opts.Glossary, nil
	}
	if opts.Vars != nil {
		// HonKit's page and file objects, beyond the front matter.
		opts.Page = map[string]any{"dir": theme.Direction(l.space.Lang.Code)}
		if pg.navTitle != "" {
			opts.Page["title"] = pg.navTitle
		}
		l.articleVars(pg.path, opts.Page)
		opts.File = map[string]any{"path": pg.path}
	}
	return opts
}

// pageLink is a link from a page to a page of the space, where it stands.
type pageLink struct {
	path      string
	line, col int
}

// unpublished counts the Markdown files of the space that are not pages.
// Each is reported at info level (rule orphan): a stale copy, a page
// forgotten in SUMMARY.md or a draft, which readers will not see. A file
// under a folder that is not content (notContent) is neither counted nor
// reported.
func (l *lang) unpublished(included map[string]bool) int {
	// The files of SUMMARY.md entries whose destination holds a space
	// are reported there (link-space), with the way to link them.
	spaced := map[string]bool{}
	if sp := l.space; sp.Summary != nil {
		for it := range sp.Summary.Items {
			if it.Spaced != "" {
				spaced[l.locate(path.Dir(sp.GitBook.Summary), it.Spaced).path] = true
			}
		}
	}
	n := 0
	langs := l.site.cfg.LangsPath
	for _, f := range l.space.Files() {
		if spaced[f] {
			continue
		}
		if isPage(f) && l.byPath[f] == nil && !l.dropped[f] && !l.isSummary(f) &&
			!strings.EqualFold(path.Base(f), "SUMMARY.md") && l.space.DiagPath(f) != langs && !l.space.Ignored(f) && !included[l.space.DiagPath(f)] &&
			!content.NotContent(f) {
			n++
			l.site.diags.Add(diag.Diagnostic{Path: l.space.DiagPath(f), Severity: diag.Info, Rule: "orphan",
				Msg:  "not in SUMMARY.md and no published page links to it: not published",
				Hint: "list it in SUMMARY.md, link to it, or delete it"})
		}
	}
	return n
}

// includedFiles returns the files that pages of any language include
// (as Doc.Included names them), which are fragments rather than orphans.
func (s *site) includedFiles() map[string]bool {
	out := map[string]bool{}
	for f := range s.includers() {
		out[f] = true
	}
	return out
}

// pageChecks finds what is wrong with a page as a whole: headings that skip
// a level, a page too big to read comfortably.
func (l *lang) pageChecks(pg *page, src []byte) []diag.Diagnostic {
	var ds []diag.Diagnostic
	path := l.space.DiagPath(pg.path)
	prev := 1 // the title
	for _, h := range pg.doc.Headings {
		switch {
		case h.Block == "step" || h.Block == "update":
			continue // GitBook's editor titles each with a heading of its own level
		case h.API || h.Level == 0:
			continue // an API block's titles keep their level; an expandable has none
		}
		if h.Level > prev+1 && h.Line > 0 {
			at := path
			if h.File != "" {
				at = h.File // an included file
			}
			ds = append(ds, diag.Diagnostic{Path: at, Line: h.Line, Col: 1, Severity: diag.Warning, Rule: "heading-skip",
				Msg:  fmt.Sprintf("heading level %d follows level %d: a level is skipped", h.Level, prev),
				Hint: fmt.Sprintf("make it a level %d heading", prev+1)})
		}
		prev = h.Level
	}
	if limit := l.site.cfg.PageSizeLimit; limit > 0 && len(src) > limit*1000 {
		ds = append(ds, diag.Diagnostic{Path: path, Line: 1, Col: 1, Severity: diag.Warning, Rule: "page-size",
			Msg:  fmt.Sprintf("the page is %.1f kB, over the limit of %d kB", float64(len(src))/1000, limit),
			Hint: "split it into several pages, or raise page_size_limit in site.yaml"})
	}
	return ds
}

// ignoreComments finds the <!-- folio-ignore rule … --> comments of a
// page: each silences the named rules (every rule when it names none) on
// the line after it. The comment starts its line, after any quote or
// list markers, outside fenced code (the guide's own text shows it in
// code). A name that is no rule, which silences nothing, is a warning at
// file's line.
func ignoreComments(src []byte, file string) (map[int][]string, []diag.Diagnostic) {
	if !bytes.Contains(src, []byte("folio-ignore")) {
		return nil, nil
	}
	const open = "<!-- folio-ignore"
	m := map[int][]string{}
	var ds []diag.Diagnostic
	fence := ""
	for i, line := range bytes.Split(src, []byte("\n")) {
		text := bytes.TrimLeft(line, " \t>-*+0123456789.)")
		if f := markdown.FenceRun(string(line)); f != "" {
			switch {
			case fence == "":
				fence = f
			case strings.HasPrefix(f, fence[:1]) && len(f) >= len(fence):
				fence = ""
			}
			continue
		}
		after, ok := bytes.CutPrefix(text, []byte(open))
		if fence != "" || !ok || len(after) > 0 && after[0] != ' ' && after[0] != '-' {
			continue
		}
		body, _, _ := bytes.Cut(after, []byte("-->"))
		col := len(line) - len(text) + len(open) + 1 // of body
		rules := []string{}
		for j := 0; j < len(body); {
			k := j
			for k < len(body) && body[k] != ' ' && body[k] != '\t' {
				k++
			}
			if r := string(body[j:k]); r != "" {
				rules = append(rules, r)
				if !diag.IsRule(r) {
					ds = append(ds, diag.Diagnostic{Path: file, Line: i + 1, Col: col + j, Severity: diag.Warning, Rule: "ignore-rule",
						Msg:  fmt.Sprintf("folio-ignore: no diagnostic has the rule %q: it silences nothing", r),
						Hint: diag.UnknownRuleHint(r)})
				}
			}
			j = k + 1
		}
		m[i+2] = rules // silences line i+2 (1-based: the next line)
	}
	return m, ds
}

// silenced reports whether a page's comment silences d.
func (pg *page) silenced(d diag.Diagnostic) bool {
	rules, ok := pg.ignores[d.Line]
	return ok && (len(rules) == 0 || slices.Contains(rules, d.Rule))
}

// refDir is the directory a reference is relative to: its page's, or the
// included file's it was written in, except in a HonKit book, where an
// include is text pasted into the page.
func (l *lang) refDir(pg *page, r markdown.Ref) string {
	if r.Base != "" && !(r.Included && l.legacy) {
		return path.Dir(l.spacePath(r.Base))
	}
	return path.Dir(pg.path)
}

// firstFileIn returns the first Markdown file inside directory dir, in
// path order; "" if none.
func (l *lang) firstFileIn(dir string) string {
	for _, f := range l.space.Files() {
		if strings.HasPrefix(f, dir+"/") && isPage(f) {
			return f
		}
	}
	return ""
}
