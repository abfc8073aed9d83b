package site

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"folio/internal/diag"
	"folio/internal/links"
	"folio/internal/nav"
	"folio/internal/output"
)

// Session is a build kept in memory for the live preview. A full build
// writes a new output directory; when only the text of published pages
// changed, Update re-renders those pages, and the pages that show
// something of them, in place in the last output directory, and when
// SUMMARY.md only reorders or relabels the same pages, it re-frames every
// page. Anything else (another SUMMARY.md, configuration, theme, new or
// deleted files, links to pages not yet published) asks for a full build.
type Session struct {
	opts Options

	mu     sync.Mutex
	s      *site
	out    string
	search sync.WaitGroup // search indexes and print pages written after a build or an update
	// laterErr holds what that writing failed with, for the next
	// result to report; gen counts the builds and updates, so that a
	// result reports the failures of the writing before it, not those of
	// its own, which may end before it does.
	laterMu  sync.Mutex
	laterErr []laterError
	gen      int
	// stale holds the names (lower-cased) of the files that changed since
	// the last build without mattering to it (Relevant): its index of the
	// files does not know them as they are now.
	stale map[string]bool
}

// later runs fn after a build or an update has been handed to the reader
// (the search indexes, the print pages). What it fails with is reported
// by the next result, as an error diagnostic: a preview shows it in the
// terminal and on the page.
func (ss *Session) later(fn func() error) {
	gen := ss.gen
	ss.search.Go(func() {
		if err := fn(); err != nil {
			ss.laterMu.Lock()
			ss.laterErr = append(ss.laterErr, laterError{gen, err})
			ss.laterMu.Unlock()
		}
	})
}

// laterError is what the writing after a build or update (gen) failed
// with.
type laterError struct {
	gen int
	err error
}

// laterDiags turns what the writing after the builds and updates before
// this one failed with into diagnostics, once; the caller has waited for
// it. This one's own failures wait for the next result.
func (ss *Session) laterDiags() []diag.Diagnostic {
	ss.laterMu.Lock()
	defer ss.laterMu.Unlock()
	var ds []diag.Diagnostic
	keep := ss.laterErr[:0]
	for _, le := range ss.laterErr {
		if le.gen == ss.gen {
			keep = append(keep, le)
			continue
		}
		ds = append(ds, diag.Diagnostic{Path: ss.out, Severity: diag.Error, Rule: "output", Msg: le.err.Error(),
			Hint: "the preview writes it again after the next change"})
	}
	ss.laterErr = keep
	return ds
}

// NewSession prepares a session; nothing is built until Build.
func NewSession(opts Options) *Session { return &Session{opts: opts} }

// Build builds the whole site into out, a directory that must not exist
// yet, and keeps it for updates.
func (ss *Session) Build(ctx context.Context, out string) (*Result, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.gen++
	ss.search.Wait()
	// The last build is let go first: holding it while the new one is
	// made doubles the memory the collector has to walk. A failed build
	// then leaves no session, and the next change asks for a full build.
	if ss.s != nil {
		ss.s.close()
		ss.s = nil
	}
	ss.stale = nil // the build indexes the files anew
	opts := ss.opts
	opts.Out, opts.deferSearch = out, true
	s, res, err := buildSite(ctx, opts)
	if err != nil {
		if s != nil {
			s.close()
		}
		return nil, err
	}
	ss.s, ss.out = s, out
	res.Diags = append(ss.laterDiags(), res.Diags...)
	// The reader sees the new site first; its search index follows.
	dir := ss.liveDir()
	ss.later(func() error { return s.writeSearch(dir) })
	return res, nil
}

// Close releases what the session holds.
func (ss *Session) Close() {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.search.Wait()
	if ss.s != nil {
		ss.s.close()
		ss.s = nil
	}
}

// Update brings the last build up to date with the changed files (absolute
// paths). It reports false when the change needs a full build, which the
// caller then runs (Build): it may have parsed the edited pages again
// first, so the last build is no longer one to serve as it is.
func (ss *Session) Update(ctx context.Context, changed []string) (*Result, bool, error) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	ss.gen++
	if ss.s == nil || ss.s.review != nil {
		// In review mode, any edit may change which pages the sidebar
		// marks, and the review index: a full build (review.go).
		return nil, false, nil
	}
	start := time.Now()
	s := ss.s
	if len(changed) == 1 {
		for _, l := range s.langs {
			if changed[0] == l.space.AbsPath(l.space.GitBook.Summary) {
				if s.stats.Pages > maxSummaryInPlace || slices.ContainsFunc(s.langs, func(o *lang) bool { return o.tsite.SharedNav() }) {
					// Every page's sidebar changes: written in place, a big
					// book showed readers old and new sidebars for a second,
					// in no less time than a full build, which is swapped in
					// whole (t41). A shared sidebar (theme.NavScript) is
					// written by a build.
					return nil, false, nil
				}
				return ss.updateSummary(ctx, l, start)
			}
		}
	}
	type edit struct {
		l  *lang
		pg *page
	}
	var edits []edit
	edited := map[*page]bool{}
	for _, abs := range changed {
		if s.linkedTo(abs) {
			// Pages published under a symbolic link's name show this
			// file too (t58: they kept the old text): rare enough for a
			// full build.
			return nil, false, nil
		}
		l, pg := s.pageAt(abs)
		if pg == nil {
			// A file that pages include (.gitbook/includes/…): those pages
			// are parsed again, as if edited (t41: a full build, a second
			// on a big book).
			// A page may include two of the changed files: it is parsed
			// again once, for both.
			included := false
			for l, pg := range s.pagesIncluding(s.includeName(abs)) {
				included = true
				if pg.origin == nil && !edited[pg] { // a fallback copy follows its original
					edited[pg] = true
					edits = append(edits, edit{l, pg})
				}
			}
			if !included {
				return nil, false, nil
			}
			if _, err := os.Stat(abs); err != nil {
				return nil, false, nil
			}
			continue
		}
		if edited[pg] {
			continue
		}
		edited[pg] = true
		if pg.path == l.glossary || pg.path == glossaryFile(l) {
			// Its terms are linked from every page of the language, where
			// any of them may appear: the whole site is built with them.
			return nil, false, nil
		}
		if _, err := os.Stat(abs); err != nil {
			return nil, false, nil // deleted: the page set changes
		}
		edits = append(edits, edit{l, pg})
	}
	ss.search.Wait()

	// Re-read the changed pages; a page that now links to a page that is
	// not published, or changed its translation key, changes the site: the
	// full build that follows reads everything anew.
	affected := map[*page]*lang{}
	// A page published because of a link (byLink), which the page adds
	// or removes, may be published or not, and the warning about it at
	// another link: a full build too (t47).
	for _, e := range edits {
		if slices.ContainsFunc(e.pg.targets, func(t *page) bool { return t.byLink }) {
			return nil, false, nil
		}
	}
	verdicts := map[*lang]string{}
	mermaid := false // an edited page drew a diagram in the browser
	for _, e := range edits {
		mermaid = mermaid || e.pg.doc != nil && e.pg.doc.MermaidClient > 0
		if _, ok := verdicts[e.l]; !ok {
			verdicts[e.l] = s.languageVerdict(e.l)
		}
	}
	for _, e := range edits {
		old := pageSummary(e.pg)
		e.l.parse(e.pg)
		if e.pg.key() != old.key || ss.mentionsStale(e.pg) {
			return nil, false, nil
		}
		// The pages it links to, as discover would publish them.
		for _, lk := range e.pg.links {
			if t := e.l.byPath[lk.path]; t == nil || t.byLink {
				return nil, false, nil
			}
		}
		e.pg.links = nil
		affected[e.pg] = e.l
		now := pageSummary(e.pg)
		if now.icon != old.icon || now.hidden != old.hidden {
			return nil, false, nil // every page's sidebar shows them
		}
		if now.noIndex != old.noIndex {
			return nil, false, nil // the search index and the sitemap leave it out or take it in (t58)
		}
		shown := now.title != old.title || now.desc != old.desc
		if e.l.tsite != nil && s.siteTitle(e.l) != e.l.tsite.Title {
			// The home page names the site, in every page's header (t41):
			// by its own heading, even where SUMMARY.md's label titles it
			// (t58: a HonKit book's).
			return nil, false, nil
		}
		if now.title != old.title && s.forwarded[e.pg] {
			// Its forwarding pages (a redirect, a moved page's old
			// address) name it, and only a build writes them (t86).
			return nil, false, nil
		}
		if now.title != old.title && e.pg.navShowsTitle {
			// An entry of SUMMARY.md without text, even besides one
			// with (t49): every page's sidebar shows its title.
			return nil, false, nil
		}
		if shown {
			// Previous/next links show its title, and its fallback
			// copies': every page whose link leads to one of them, next
			// to hidden pages and empty parents too (t58).
			s.paginatedTo(e.pg, affected)
		}
		if !maps.Equal(old.ids, now.ids) && s.anchoredIn(e.pg) {
			return nil, false, nil // every page's sidebar links a heading of it
		}
		if shown || !maps.Equal(old.ids, now.ids) {
			// Page cards show its title; links to its anchors are checked,
			// and those to its fallback copies in the other languages
			// (t60: a French link kept an anchor gone).
			linked := map[*page]bool{e.pg: true}
			for _, l := range s.langs {
				if fb := l.copyOf[e.pg]; fb != nil {
					linked[fb] = true
				}
			}
			for _, l := range s.langs {
				for _, pg := range l.pages {
					if slices.ContainsFunc(pg.targets, func(t *page) bool { return linked[t] }) {
						affected[pg] = l
					}
				}
			}
		}
		for _, l := range s.langs {
			if fb := l.copyOf[e.pg]; fb != nil {
				fb.ids, fb.github = e.pg.ids, e.pg.github // parse made the original new ones
				affected[fb] = l
			}
		}
		// The pages that include it show its text.
		for l, pg := range s.pagesIncluding(e.l.space.DiagPath(e.pg.path)) {
			affected[pg] = l
		}
	}

	for l, v := range verdicts {
		if s.languageVerdict(l) != v {
			return nil, false, nil
		}
	}

	// Fresh syntax trees for the pages that did not change themselves:
	// resolving links rewrote theirs.
	var jobs []job
	for pg, l := range affected {
		jobs = append(jobs, newJob(l, pg))
	}
	slices.SortFunc(jobs, func(a, b job) int { return strings.Compare(a.pg.url, b.pg.url) })
	dir := ss.liveDir()
	// All the trees first: rendering a page reads its neighbours' titles.
	err := fanOut(ctx, len(jobs), func(i int) error {
		j := jobs[i]
		if !slices.ContainsFunc(edits, func(e edit) bool { return e.pg == j.pg }) {
			if j.pg.origin != nil {
				j.src.parseCopy(j.pg)
			} else {
				j.src.parse(j.pg)
			}
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	pages := make([]*page, len(jobs))
	for i, j := range jobs {
		pages[i] = j.pg
	}
	if err := writeMermaid(dir, pages); err != nil {
		return nil, false, err
	}
	books := s.reprint(jobs, dir) // print.go: the print pages that hold them
	type published struct {
		assets []string
		feed   string
	}
	before := make([]published, len(jobs))
	for i, j := range jobs {
		before[i] = published{j.pg.assets, j.pg.feed}
	}
	err = fanOut(ctx, len(jobs), func(i int) error {
		j := jobs[i]
		j.pg.assets = nil
		// An asset that cannot be published fails the update as it fails
		// a build; the render's own result must not hide it.
		var linkErr error
		linked := map[string]bool{} // two specs may name each other
		var link func(p string)
		link = func(p string) {
			u, abs := s.assetFile(j.src, p)
			if linked[u] {
				return
			}
			linked[u] = true
			j.pg.assets = append(j.pg.assets, u)
			if err := dir.Link(u, abs); err != nil {
				if linkErr == nil {
					linkErr = fmt.Errorf("language %s: %w", j.src.space.Lang.Code, err)
				}
				return
			}
			// As a build publishes them: a spec readers download needs
			// the files its $refs name (t86: a spec newly linked had
			// its $refs to nothing).
			for _, part := range s.specParts(j.src, p, abs) {
				link(part)
			}
		}
		err := s.renderPage(j, dir, ss.opts, nil, link)
		return errors.Join(err, linkErr)
	})
	if err != nil {
		return nil, false, err
	}
	// What the pages no longer publish goes, as a build would not write
	// it (t86: a feed removed from its page still answered).
	var gone []string
	for i, j := range jobs {
		if before[i].feed != "" && j.pg.feed == "" {
			gone = append(gone, j.pg.url+before[i].feed)
		}
		for _, u := range before[i].assets {
			if !slices.Contains(j.pg.assets, u) {
				gone = append(gone, u) // most edits: none, and no look through the site
			}
		}
	}
	if mermaid {
		gone = append(gone, mermaidScript)
	}
	if err := s.removeUnused(dir, gone); err != nil {
		return nil, false, err
	}
	// The search index follows a moment later: the reader sees the page
	// first.
	langs := map[*lang]bool{}
	for _, j := range jobs {
		langs[j.l] = true
		j.l.merged = nil // its pages are analysed anew
	}
	ss.later(func() error {
		var errs []error
		for _, l := range s.langs {
			if langs[l] {
				errs = append(errs, s.writeSearchFor(l, dir))
			}
		}
		return errors.Join(errs...)
	})
	// So do the print pages, which hold every page of their language.
	ss.later(func() error { return writeBooks(books) })
	return ss.result(len(jobs), start), true, nil
}

// removeUnused removes from a session's output the files of gone that
// no page publishes any more: images and downloads, feeds, the diagram
// script.
func (s *site) removeUnused(dir *output.Dir, gone []string) error {
	if len(gone) == 0 {
		return nil
	}
	unused := map[string]bool{}
	for _, u := range gone {
		unused[u] = !s.static[u]
	}
	for _, l := range s.langs {
		for _, pg := range l.pages {
			for _, u := range pg.assets {
				delete(unused, u)
			}
			if pg.feed != "" {
				delete(unused, pg.url+pg.feed)
			}
			if pg.doc != nil && pg.doc.MermaidClient > 0 {
				delete(unused, mermaidScript)
			}
		}
	}
	for _, u := range slices.Sorted(maps.Keys(unused)) {
		if !unused[u] {
			continue
		}
		if err := dir.Remove(u); err != nil {
			return err
		}
	}
	return nil
}

// paginatedTo adds to affected the pages whose previous or next link
// leads to pg or to one of its fallback copies, in any language.
func (s *site) paginatedTo(pg *page, affected map[*page]*lang) {
	for _, l := range s.langs {
		target := pg
		if fb := l.copyOf[pg]; fb != nil {
			target = fb
		}
		for _, p := range l.pages {
			if p.order < 0 {
				continue
			}
			if l.neighbour(p.order, -1) == target || l.neighbour(p.order, 1) == target {
				affected[p] = l
			}
		}
	}
}

// linkedTo reports whether a symbolic link of the content leads to the
// file abs, which the site then publishes under the link's name too.
func (s *site) linkedTo(abs string) bool {
	targets := s.linkTargets()
	return len(targets) > 0 && targets[realPath(abs)]
}

// linkTargets are the files the content's symbolic links lead to, with
// every link on their way followed; nil for content without links.
func (s *site) linkTargets() map[string]bool {
	var targets map[string]bool
	for _, l := range s.langs {
		for _, p := range l.space.Links() {
			if real, err := filepath.EvalSymlinks(l.space.AbsPath(p)); err == nil {
				if targets == nil {
					targets = map[string]bool{}
				}
				targets[real] = true
			}
		}
	}
	return targets
}

// realPath is abs with the links of its folders followed (not its own:
// a file deleted has none), "" when they lead nowhere.
func realPath(abs string) string {
	dir, err := filepath.EvalSymlinks(filepath.Dir(abs))
	if err != nil {
		return ""
	}
	return filepath.Join(dir, filepath.Base(abs))
}

// maxSummaryInPlace is the most pages a SUMMARY.md edit rewrites in
// place; above, it is a full build.
const maxSummaryInPlace = 300

// includeName is the file abs as the pages' lists of included files
// (Doc.Included) name it, "" when it is outside the site.
func (s *site) includeName(abs string) string {
	for _, l := range s.langs {
		if rel, err := filepath.Rel(l.space.Dir, abs); err == nil && filepath.IsLocal(rel) {
			return l.space.DiagPath(filepath.ToSlash(rel))
		}
	}
	if rel, err := filepath.Rel(s.cfg.Dir, abs); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel) // a file at a LANGS.md book's top
	}
	return ""
}

// pagesIncluding yields the published pages whose text includes the file
// inc (as Doc.Included names it), with their languages.
func (s *site) pagesIncluding(inc string) iter.Seq2[*lang, *page] {
	return func(yield func(*lang, *page) bool) {
		for _, l := range s.langs {
			for _, pg := range l.pages {
				if pg.doc == nil {
					continue
				}
				if _, found := slices.BinarySearch(pg.doc.Included, inc); found && !yield(l, pg) {
					return
				}
			}
		}
	}
}

// pageAt finds the published page whose source is the file abs.
func (s *site) pageAt(abs string) (*lang, *page) {
	for _, l := range s.langs {
		rel, err := filepath.Rel(l.space.Dir, abs)
		if err != nil || !filepath.IsLocal(rel) {
			continue
		}
		if pg := l.byPath[filepath.ToSlash(rel)]; pg != nil && pg.origin == nil {
			return l, pg
		}
	}
	return nil, nil
}

type summary struct {
	key, title, desc, icon string
	hidden, noIndex        bool
	ids                    map[string]bool
}

// pageSummary is what other pages show or check of a page.
func pageSummary(pg *page) summary {
	sm := summary{key: pg.key(), title: pg.title(), ids: pg.ids}
	if pg.doc != nil {
		sm.desc, sm.icon, sm.hidden, sm.noIndex = pg.doc.Meta.Description, pg.doc.Meta.Icon, pg.doc.Meta.Hidden, pg.doc.Meta.NoIndex
	}
	return sm
}

// includers maps each file pages include, as diagnostics give it, to the
// site paths of the pages that include it: a problem in the file shows
// on them in the live preview.
func (s *site) includers() map[string][]string {
	var m map[string][]string
	for _, l := range s.langs {
		for _, pg := range l.pages {
			if pg.origin != nil || pg.doc == nil {
				continue
			}
			for _, f := range pg.doc.Included {
				if m == nil {
					m = map[string][]string{}
				}
				m[f] = append(m[f], pg.url)
			}
		}
	}
	return m
}

// pageSources maps each page's source, as diagnostics give it, to its
// site path.
func (s *site) pageSources() map[string]string {
	m := map[string]string{}
	for _, l := range s.langs {
		for _, pg := range l.pages {
			if pg.origin == nil {
				m[l.space.DiagPath(pg.path)] = pg.url
			}
		}
	}
	return m
}

// sections is Result.Sections for the diagnostics ds.
func (s *site) sections(ds []diag.Diagnostic) map[string][]Section {
	named := map[string]bool{}
	for _, d := range ds {
		if d.Severity >= diag.Warning {
			named[d.Path] = true
		}
	}
	m := map[string][]Section{}
	for _, l := range s.langs {
		for _, pg := range l.pages {
			p := l.space.DiagPath(pg.path)
			if pg.origin != nil || !named[p] || pg.doc == nil {
				continue
			}
			var secs []Section
			for _, h := range pg.doc.Headings {
				if h.File == "" && h.Line > 0 && h.ID != "" {
					secs = append(secs, Section{Line: h.Line, ID: h.ID})
				}
			}
			m[p] = secs
		}
	}
	return m
}

// updateSummary handles an edit of a language's SUMMARY.md that publishes
// the same pages as before (reordered, relabelled, regrouped): the pages'
// content does not change, only the frame around it, so every page is
// put in a new frame from its kept body, without parsing anything but
// SUMMARY.md. Any other change of SUMMARY.md asks for a full build.
func (ss *Session) updateSummary(ctx context.Context, l *lang, start time.Time) (*Result, bool, error) {
	s, sp := ss.s, l.space
	sumPath := sp.DiagPath(sp.GitBook.Summary)
	for _, d := range s.diags.Sorted() {
		if d.Path == sumPath {
			return nil, false, nil // its diagnostics may change: rebuild
		}
	}

	src, ds, ok := sp.ReadText(sp.GitBook.Summary)
	if !ok || len(ds) > 0 {
		return nil, false, nil
	}
	sum, ds := nav.Parse(sumPath, src, l.legacy)
	if len(ds) > 0 {
		return nil, false, nil
	}
	if l.legacy {
		l.honkitSummary(sum)
	}
	// The same pages, each listed once.
	sumDir := path.Dir(sp.GitBook.Summary)
	listed := map[*page][2]string{} // the page's navTitle and label
	var order []*page
	for it := range sum.Items {
		if it.Target == "" || links.IsExternal(it.Target) {
			continue
		}
		loc := l.locate(sumDir, it.Target)
		pg := l.byPath[loc.path]
		if loc.status != locFile || !isPage(loc.path) || pg == nil || pg.origin != nil {
			return nil, false, nil
		}
		if _, dup := listed[pg]; dup {
			if loc.anchor == "" {
				return nil, false, nil
			}
			continue
		}
		listed[pg] = [2]string{navLabel(it), it.Label}
		order = append(order, pg)
	}
	for _, pg := range l.pages {
		if _, ok := listed[pg]; pg.inSummary != ok && pg.path != sp.Readme && pg.origin == nil {
			return nil, false, nil
		}
	}
	if !s.bodiesKept() {
		return nil, false, nil // a page without a kept body: rebuild
	}
	ss.search.Wait()

	sp.Summary = sum
	// The pages in the order discover finds them, then in reading order.
	found := make([]*page, 0, len(l.pages))
	seen := map[*page]bool{}
	add := func(pg *page) {
		if pg != nil && !seen[pg] {
			seen[pg] = true
			found = append(found, pg)
		}
	}
	add(l.byPath[sp.Readme])
	if g := l.byPath[l.glossary]; g != nil {
		if _, ok := listed[g]; !ok { // else at its entry's place
			add(g)
		}
	}
	for _, pg := range order {
		was := pg.title()
		pg.navTitle, pg.label = listed[pg][0], listed[pg][1]
		if pg.title() != was {
			// A page its label titles (HonKit's, one without a heading):
			// the cards and links of other pages, its search entry and
			// forwarding pages show its title (t86).
			return nil, false, nil
		}
		add(pg)
	}
	for _, pg := range l.pages {
		add(pg)
	}
	l.pages = found
	l.orderPages()

	// New frames for every language: a fallback language's sidebar
	// takes the default language's pages it lacks.
	var jobs []job
	s.clearNavTitles()
	for _, o := range s.langs {
		o.nav = nil
		o.buildNav()
		o.tsite = s.themeSite(o, s.langLinks(o.def))
		if o.tsite.SharedNav() {
			// A shared sidebar (theme.NavScript), new or changed, is
			// written by a build: a full one follows (review).
			return nil, false, nil
		}
		for _, pg := range o.pages {
			jobs = append(jobs, newJob(o, pg))
		}
	}
	for _, o := range s.langs {
		for _, pg := range o.pages {
			// A page whose body lists its children (an empty parent
			// page) keeps it only if the new sidebar gives the same.
			if old := pg.cards; pg.cardsSrc != nil && string(s.childCards(pg.cardsSrc, pg, nil)) != old {
				return nil, false, nil // its body changes: rebuild
			}
		}
	}
	dir := ss.liveDir()
	err := fanOut(ctx, len(jobs), func(i int) error {
		return s.writePage(jobs[i].l, jobs[i].pg, jobs[i].pg.body, dir, ss.opts)
	})
	if err != nil {
		return nil, false, err
	}
	if err := s.writeNotFound(dir, ss.opts); err != nil {
		return nil, false, err
	}
	// The search index and the sitemap list pages in reading order.
	if s.base != "" {
		if err := s.writeSitemap(dir); err != nil {
			return nil, false, err
		}
	}
	l.merged = nil
	ss.later(func() error { return s.writeSearchFor(l, dir) })
	// The print pages follow the new reading order and titles.
	var books []*printBook
	for _, o := range s.langs {
		if b := s.rebook(o, dir); b != nil {
			books = append(books, b)
		}
	}
	ss.later(func() error { return writeBooks(books) })
	return ss.result(len(jobs), start), true, nil
}

// bodiesKept reports whether every page's rendered body is kept.
func (s *site) bodiesKept() bool {
	for _, l := range s.langs {
		for _, pg := range l.pages {
			if pg.body == nil {
				return false
			}
		}
	}
	return true
}

// liveDir is the last output directory, for writing updates into.
func (ss *Session) liveDir() *output.Dir {
	return output.Open(ss.out, ss.s.cfg.Minify && !ss.opts.NoMinify)
}

// writeBooks writes the print pages of a session's update.
func writeBooks(books []*printBook) error {
	var errs []error
	for _, b := range books {
		errs = append(errs, b.write())
	}
	return errors.Join(errs...)
}

// result is the Result of an update that wrote n pages.
func (ss *Session) result(n int, start time.Time) *Result {
	s := ss.s
	res := &Result{Diags: append(ss.laterDiags(), s.allDiags()...), Stats: s.stats, Out: ss.out, Written: true, Pages: s.pageSources(), Includers: s.includers()}
	res.Sections = s.sections(res.Diags)
	res.Stats.Pages = n
	res.Stats.Elapsed = time.Since(start)
	return res
}
