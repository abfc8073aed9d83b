package site

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sync/errgroup"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/langname"
	"folio/internal/output"
	"folio/internal/search"
	"folio/internal/suggest"
	"folio/internal/theme"
)

// run builds the site into the staging directory dir, in stages:
//
//	prepare → mermaid script → render pages → search indexes
//
// and, beside them, the files that need less than every page: the
// theme's static files from the start, and static/ and the extras
// (redirects, 404, robots.txt, sitemap, language index) once prepare is
// done. The first
// error cancels the stages under way and is what run returns.
func (s *site) run(ctx context.Context, dir *output.Dir, opts Options) error {
	s.regrow = !opts.Dev && (opts.regrowAll || s.bigTrees())
	g, ctx := errgroup.WithContext(ctx)
	// Theme and site static files need no content.
	g.Go(func() error { return s.writeStatic(dir) })
	g.Go(func() error {
		if err := s.prepare(ctx); err != nil {
			return err
		}
		// Review mode's marks show in the sidebar of every page and file.
		if err := s.prepareReview(ctx, opts); err != nil {
			return err
		}
		pages := s.pages()
		if err := writeMermaid(dir, pages); err != nil {
			return err
		}
		// Every page's folder is known now: each is made once, parents
		// first, rather than tried before every file, beside the
		// rendering (a page's file waits for its folder).
		names := make([]string, len(pages))
		for i, pg := range pages {
			names[i] = pg.url + "index.html"
		}
		if err := dir.MakeFolders(names); err != nil {
			return err
		}
		// The extra files need only what prepare knows, and static/ that
		// prepare took out what would clash with them (checkStaticClashes).
		g.Go(func() error { return s.writeExtras(dir, opts) })
		g.Go(func() error { return s.copyStatic(dir) })
		if err := s.renderPages(ctx, dir, opts); err != nil {
			return err
		}
		s.stats.Constructs = s.compat()
		// The search indexes need only the analysed pages: they are merged
		// while the last static and extra files are written. A session
		// writes them itself, once the new site is served.
		if !opts.deferSearch {
			g.Go(func() error { return s.writeSearch(dir) })
		}
		return nil
	})
	return g.Wait()
}

// prepare reads and parses every page and decides what is published:
// each language's pages, their translations and fallback copies, and the
// navigation every page shows.
func (s *site) prepare(ctx context.Context) error {
	root := s.rootBook()
	for _, l := range s.langs {
		l.setupSpace(root)
		if err := l.discover(ctx); err != nil {
			return err
		}
	}
	// After every language's pages: a page may include a file of
	// another language, which is then no orphan.
	included := s.includedFiles()
	for _, l := range s.langs {
		s.stats.Unpublished += l.unpublished(included)
	}
	s.chooseLanguages()
	s.matchTranslations()
	for li, l := range s.langs {
		if l.def != l {
			s.stats.Untranslated = append(s.stats.Untranslated, LangCount{Code: l.name(), N: len(s.untranslated(li))})
		}
	}
	if err := s.addFallbacks(ctx); err != nil {
		return err
	}
	s.checkStaticClashes()
	s.stats.Languages = len(s.langs)
	s.stats.Sections = len(s.cfg.Sections)
	s.theme.SetSiteStrings(s.cfg.Strings)
	s.checkStrings()
	s.clearNavTitles()
	for _, l := range s.langs {
		s.checkRedirects(l)
		s.checkSidebarLinks(l)
		l.buildNav()
		l.tsite = s.themeSite(l, s.langLinks(l.def))
		l.search = search.NewAnalysis(l.space.Lang.Code)
	}
	return ctx.Err()
}

// job is a page to render.
type job struct {
	l   *lang // the language the page is published in
	src *lang // the language whose space holds its file and assets
	pg  *page
	pos int // during a build, its place in its language's search index
	// print is, during a build, the print page of the page's language
	// (print.go), which the page's body goes into; nil otherwise.
	print *printBook
}

func newJob(l *lang, pg *page) job {
	src := l
	if pg.src != nil {
		src = pg.src
	}
	return job{l: l, src: src, pg: pg, pos: -1}
}

// jobs lists every published page, language by language in reading
// order, with each indexed page's place in its language's search index
// (indexed pages are merged in this order).
func (s *site) jobs() []job {
	var jobs []job
	for _, l := range s.langs {
		pos := 0
		for _, pg := range l.pages {
			j := newJob(l, pg)
			if indexed(pg) {
				j.pos = pos
				pos++
			}
			jobs = append(jobs, j)
		}
	}
	return jobs
}

// pages lists every published page.
func (s *site) pages() []*page {
	var pages []*page
	for _, l := range s.langs {
		pages = append(pages, l.pages...)
	}
	return pages
}

// renderPages resolves, renders and writes every page on every core, and
// publishes each asset a page uses, once, as soon as the page is
// rendered. The pages are analysed for search beside the render workers,
// by one search.Indexer.
func (s *site) renderPages(ctx context.Context, dir *output.Dir, opts Options) error {
	jobs := s.jobs()
	s.printBooks(jobs, dir, opts.Dev, opts.deferSearch)
	ix := s.newIndexer()
	// By the place each is published at: one file may be reached from
	// its own language and from another's page (../en/images/map.png).
	var published sync.Map
	var assets, done atomic.Int64
	render := func(j job) error {
		var used []string
		if err := s.renderPage(j, dir, opts, ix, func(p string) { used = append(used, p) }); err != nil {
			return err
		}
		var mine map[string]bool // a session's record of the page's files (page.assets)
		if opts.Dev {
			j.pg.assets, mine = nil, map[string]bool{}
		}
		for i := 0; i < len(used); i++ {
			p := used[i]
			u, abs := s.assetFile(j.src, p)
			if mine != nil {
				if mine[u] {
					continue
				}
				mine[u] = true
				j.pg.assets = append(j.pg.assets, u)
			}
			if _, seen := published.Load(u); seen {
				if mine != nil {
					// The page publishes a spec's files as well as the
					// page that published them first.
					used = append(used, s.specParts(j.src, p, abs)...)
				}
				continue // most uses: an image on many pages
			}
			at := j.src.assetDiagPath(p)
			if _, seen := published.LoadOrStore(u, at); !seen {
				err := dir.Link(u, abs)
				if errors.Is(err, fs.ErrExist) {
					// A file folio writes that ownFile does not foresee.
					published.Store(u, "")
					s.diags.Add(diag.Diagnostic{Path: at, Severity: diag.Error, Rule: "asset-reserved",
						Msg:  fmt.Sprintf("published at %s, where folio writes a file of its own: not published", u),
						Hint: "rename the file or move it to another folder"})
					continue
				}
				if errors.Is(err, output.ErrSource) {
					// An unreadable image: the page still builds, without it.
					s.diags.Add(unreadableAsset(at, err))
					continue
				}
				if err != nil {
					return fmt.Errorf("language %s: %w", j.src.space.Lang.Code, err)
				}
				assets.Add(1)
				// A spec readers download needs the files its $refs name.
				used = append(used, s.specParts(j.src, p, abs)...)
			}
		}
		if opts.Progress != nil {
			opts.Progress(int(done.Add(1)), len(jobs))
		}
		return nil
	}

	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { ix.Run(); return nil })
	g.Go(func() error {
		defer ix.Close() // the workers are done: the indexer finishes what it has
		if err := fanOut(ctx, len(jobs), func(i int) error { return render(jobs[i]) }); err != nil {
			return err
		}
		return s.writeFramesLater(ctx, dir, opts) // history.go: pages rendered before git was done
	})
	if err := g.Wait(); err != nil {
		return err
	}
	s.checkAssetCase(&published)
	s.keepSearch(ix)
	s.stats.Pages = len(jobs)
	s.stats.Assets = int(assets.Load())
	return nil
}

// checkAssetCase warns of assets published at places that differ only in
// letter case (images/Logo.png, images/logo.png): on a case-insensitive
// file system or web server, one overwrites the other. published maps
// each place to its file as diagnostics name it.
func (s *site) checkAssetCase(published *sync.Map) {
	at := map[string]string{}
	published.Range(func(u, file any) bool {
		if file != "" {
			at[u.(string)] = file.(string)
		}
		return true
	})
	first := map[string]string{} // by lower-cased place
	for _, u := range slices.Sorted(maps.Keys(at)) {
		low := strings.ToLower(u)
		if other, dup := first[low]; dup {
			s.diags.Add(diag.Diagnostic{Path: at[u], Severity: diag.Warning, Rule: "asset-url-case",
				Msg:  fmt.Sprintf("published at /%s, which differs from /%s (%s) only in letter case: on a case-insensitive file system or web server, one overwrites the other", u, other, at[other]),
				Hint: "rename one of them, and the links to it"})
			continue
		}
		first[low] = u
	}
}

// fanOut runs fn(i) for i in [0, n) on every core, starting them in
// order of i. The first error, or the end of ctx, keeps the calls not
// started yet from starting; it is what fanOut returns.
func fanOut(ctx context.Context, n int, fn func(i int) error) error {
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range n {
		if gctx.Err() != nil {
			break
		}
		g.Go(func() error { return fn(i) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return ctx.Err()
}

// check resolves every link of every page, for the diagnostics only.
func (s *site) check(ctx context.Context) error {
	if err := s.prepare(ctx); err != nil {
		return err
	}
	s.settle() // history.go: moved pages and outdated translations
	var jobs []job
	for _, l := range s.langs {
		for _, pg := range l.pages {
			if pg.origin == nil { // a fallback copy repeats its original
				jobs = append(jobs, newJob(l, pg))
			}
		}
	}
	s.stats.Pages = len(jobs)
	// The files used, by the place they are published at, as build
	// publishes each once: the file's path, "" for one it cannot read.
	var tried sync.Map
	err := fanOut(ctx, len(jobs), func(i int) error {
		j := jobs[i]
		s.resolvePage(j.l, j.pg, func(p string) {
			u, abs := s.assetFile(j.src, p)
			at := j.src.assetDiagPath(p)
			if _, seen := tried.LoadOrStore(u, at); seen {
				return
			}
			// What build's copy would find: a file it cannot read.
			f, err := os.Open(abs)
			if err != nil {
				tried.Store(u, "")
				s.diags.Add(unreadableAsset(at, err))
				return
			}
			f.Close()
		})
		if s.regrow {
			jobs[i].pg.doc.Release()
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.checkAssetCase(&tried) // as build warns (t86: check did not)
	return s.tryTemplates()
}

// tryTemplates runs the theme's page and 404 templates on each language's
// first page, writing nothing: a template that parses but fails when it
// runs ({{.Site.Nope}} in a site's own partial) fails the build, and
// check must say so too.
func (s *site) tryTemplates() error {
	for _, l := range s.langs {
		if len(l.pages) > 0 {
			pg := l.pages[0]
			if err := s.theme.RenderPage(io.Discard, s.pageData(l, pg, "", false)); err != nil {
				return fmt.Errorf("render %s: %w", l.space.DiagPath(pg.path), err)
			}
		}
		p := &theme.Page{Site: l.tsite, URL: l.prefix + "404.html", Root: "/", Title: l.tsite.Strings["not_found_title"],
			Layout: theme.DefaultLayout(), NoIndex: true}
		if err := s.theme.RenderNotFound(io.Discard, p); err != nil {
			return fmt.Errorf("404 page %s: %w", p.URL, err)
		}
	}
	return nil
}

// bigTrees tells whether the site has too many pages to keep every
// page's syntax tree from its parse to its rendering: all pages are
// parsed before the first is rendered, so that links can be checked
// against every page's headings, and a tree weighs about twenty times
// its Markdown. Past regrowPages, each tree is released once the page is
// parsed, and the page is parsed again to be rendered: at 10,000 pages
// this takes peak memory from about 380–400 MB to 215 MB and the build
// 10 to 20 % longer (BenchmarkScale); a 700-page book would lose 16 % of
// its speed for 50 MB, so smaller sites keep their trees.
func (s *site) bigTrees() bool {
	n := 0
	for _, l := range s.langs {
		for _, f := range l.space.Files() {
			if isPage(f) {
				n++
			}
		}
	}
	return n > regrowPages
}

const regrowPages = 2000

// checkStrings reports, once per language, the UI strings that show in
// English for want of a translation, and the strings of site.yaml that
// the theme does not have.
func (s *site) checkStrings() {
	file := s.cfg.File
	if file == "" {
		file = config.FileName // where the strings would go
	}
	for _, l := range s.langs {
		missing := s.theme.MissingStrings(l.space.Lang.Code)
		if len(missing) == 0 {
			continue
		}
		code := l.space.Lang.Code
		msg := fmt.Sprintf("the theme has no interface strings in %s: its pages show them in English", code)
		if s.theme.HasStrings(code) {
			list := strings.Join(missing, ", ")
			if len(missing) > 5 {
				list = strings.Join(missing[:5], ", ") + "…"
			}
			msg = fmt.Sprintf("%d interface strings have no %s translation and show in English: %s", len(missing), code, list)
		}
		at, hint := file, fmt.Sprintf("translate them in site.yaml, under strings: then %s:", code)
		if s.cfg.File == "" && s.stats.Language != nil && s.stats.Language.From == "book.json" {
			// The language is book.json's, and there is no site.yaml yet.
			at = l.space.DiagPath("book.json")
			hint = fmt.Sprintf("translate them in a site.yaml beside book.json, under strings: then %s:", code)
		}
		s.diags.Add(diag.Diagnostic{Path: at, Line: s.cfg.StringsLine, Severity: diag.Warning, Rule: "theme-strings",
			Msg: msg, Hint: hint})
	}
	// Each at its language's line (t100: all at strings:, and a code no
	// language has was not told).
	var codes []string
	for _, l := range s.langs {
		codes = append(codes, strings.ToLower(l.space.Lang.Code))
	}
	for _, code := range slices.Sorted(maps.Keys(s.cfg.Strings)) {
		if slices.Contains(codes, strings.ToLower(code)) {
			continue
		}
		hint := "the site's languages are " + strings.Join(codes, ", ")
		if near := suggest.Nearest(strings.ToLower(code), codes); near != "" {
			hint = "did you mean " + near + "? " + hint
		}
		s.diags.Add(diag.Diagnostic{Path: file, Line: s.stringsLine(code), Severity: diag.Warning, Rule: "theme-strings",
			Msg: fmt.Sprintf("strings: %s is the code of no language of the site: its strings are not used", code), Hint: hint})
	}
	for _, k := range s.theme.UnknownStrings() {
		hint := "see the keys of themes/default/i18n/en.yaml"
		if k.Near != "" {
			hint = "did you mean " + k.Near + "?"
		}
		s.diags.Add(diag.Diagnostic{Path: file, Line: s.stringsLine(k.Code), Severity: diag.Warning, Rule: "theme-strings",
			Msg: fmt.Sprintf("strings: %s: %s is not a string of the theme", k.Code, k.Key), Hint: hint})
	}
}

// stringsLine is the line of site.yaml's strings for the language code,
// in any case; strings: itself when it has none.
func (s *site) stringsLine(code string) int {
	for c, line := range s.cfg.StringsLines {
		if strings.EqualFold(c, code) {
			return line
		}
	}
	return s.cfg.StringsLine
}

// untranslatedPaths lists the untranslated pages of each language.
func (s *site) untranslatedPaths() map[string][]string {
	out := map[string][]string{}
	for li, l := range s.langs {
		if l.def == l {
			continue
		}
		var paths []string
		for _, pg := range s.untranslated(li) {
			paths = append(paths, l.def.space.DiagPath(pg.path))
		}
		out[l.name()] = paths
	}
	return out
}

// allDiags gathers the site's diagnostics and every page's, sorted.
func (s *site) allDiags() []diag.Diagnostic {
	var all []diag.Diagnostic
	keep := func(pg *page, ds []diag.Diagnostic) {
		for _, d := range ds {
			if s.cfg.Silences(d.Rule, d.Path) || pg != nil && pg.silenced(d) {
				continue
			}
			all = append(all, d)
		}
	}
	keep(nil, s.diags.Sorted())
	for _, l := range s.langs {
		for _, pg := range l.pages {
			keep(pg, pg.diags)
			keep(pg, pg.rdiags)
		}
	}
	slices.SortFunc(all, diag.Compare)
	all = slices.Compact(all)
	return compactIncluded(all, s.includedFiles())
}

// compactIncluded tells once a mistake in a file that pages include,
// which each of them tells in words of its own ("it runs to line 37 of
// a.md"): past two, the first stands for all (t78: an unclosed
// {% hint %} in a snippet was 34 problems on each of its 34 pages). Two
// may differ in what to do (a heading one level too deep here, two
// there): both are kept. all is sorted.
func compactIncluded(all []diag.Diagnostic, included map[string]bool) []diag.Diagnostic {
	same := func(a, b diag.Diagnostic) bool {
		return a.Path == b.Path && a.Line == b.Line && a.Col == b.Col && a.Rule == b.Rule && a.Severity == b.Severity
	}
	out := all[:0]
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && same(all[i], all[j]) {
			j++
		}
		if n := j - i; n > 2 && included[all[i].Path] {
			d := all[i]
			d.Msg += fmt.Sprintf(" (and %d more times, from the other pages that include it)", n-1)
			out = append(out, d)
		} else {
			out = append(out, all[i:j]...)
		}
		i = j
	}
	return out
}

// compat sums the GitBook constructs the pages use, for the build's
// closing line and folio check --compat.
func (s *site) compat() map[string]int {
	m := map[string]int{}
	for _, l := range s.langs {
		for _, pg := range l.pages {
			if pg.origin != nil || pg.doc == nil {
				continue
			}
			for k, n := range pg.doc.Constructs {
				m[k] += n
			}
		}
	}
	return m
}

// chooseLanguages settles the language of a site that configures none
// (a bare space, a site.yaml without language): book.json's language, else
// the language the pages are written in, else English. A configured
// language that most pages disagree with is a warning (language-mismatch).
// Build and check share it, so they agree.
func (s *site) chooseLanguages() {
	for _, l := range s.langs {
		lg := &l.space.Lang
		if !lg.Assumed {
			s.checkLanguage(l, lg.Code, s.cfg.File, lg.Line, 0)
			continue
		}
		if s.sectionSize(l) > 1 {
			continue // the prefixes of several languages are fixed by now
		}
		choice := s.languageChoice(l)
		if choice.From == "book.json" {
			// Given, so checked against the text as site.yaml's is (t100:
			// never told).
			line, col := l.book.At("language")
			s.checkLanguage(l, choice.Code, l.book.File, line, col)
		}
		if choice.Code != lg.Code {
			if lg.Name == "" || lg.Name == "English" {
				lg.Name = langname.Self(choice.Code)
			}
			lg.Code = choice.Code
			if pg := l.byPath[l.glossary]; pg != nil && !pg.inSummary && l.glossary != "" {
				l.titleGlossary(pg)
			}
		}
		if len(s.langs) == 1 {
			s.stats.Language = choice
		} else if choice.From != "" {
			// A section's only space, which docs.yaml gives no language.
			from := fmt.Sprintf("the text of %d of its %d pages", choice.Pages, choice.Of)
			if choice.From == "book.json" {
				from = "its book.json"
			}
			s.diags.Add(diag.Diagnostic{Path: s.cfg.File, Line: lg.Line, Severity: diag.Info, Rule: "docs-yaml",
				Msg:  fmt.Sprintf("the space in %s is in %s, from %s", cmp.Or(l.space.Rel, "the repository's root"), choice.Code, from),
				Hint: "give the space a content.language"})
		}
	}
}

// languageChoice is the language chooseLanguages gives l when none is
// configured.
func (s *site) languageChoice(l *lang) *LanguageChoice {
	choice := &LanguageChoice{Code: l.space.Lang.Code}
	if code, ok := config.BookLanguage(bookLanguage(l)); ok {
		choice.Code, choice.From = code, "book.json"
	} else if d := search.SiteLanguage(pageLanguages(l)); d.Lang != "" {
		choice.Code, choice.From, choice.Pages, choice.Of = d.Lang, "text", d.Pages, d.Of
		if d.ByScript {
			choice.From = "script"
		}
	} else {
		choice.Pages, choice.Of = d.Pages, d.Of
	}
	return choice
}

// languageVerdict sums up what chooseLanguages makes of l's pages: the
// language chosen for them, or a configured language's mismatch. An edit
// that changes it changes every page's language, or a warning: the live
// preview then builds the site again (t86).
func (s *site) languageVerdict(l *lang) string {
	if !l.space.Lang.Assumed {
		m, ok := search.CheckLanguage(l.space.Lang.Code, pageLanguages(l))
		return fmt.Sprint(ok, m)
	}
	if s.sectionSize(l) > 1 {
		return ""
	}
	// From the pages alone: the code chosen at the first build is the
	// default now.
	c := s.languageChoice(l)
	if c.From == "book.json" {
		m, ok := search.CheckLanguage(c.Code, pageLanguages(l))
		return fmt.Sprint(c.From, " ", c.Code, " ", ok, m)
	}
	return c.From + " " + c.Code
}

func pageLanguages(l *lang) []search.PageLanguage {
	pages := make([]search.PageLanguage, len(l.pages))
	for i, pg := range l.pages {
		pages[i] = pg.language
	}
	return pages
}

func bookLanguage(l *lang) string {
	if l.book == nil {
		return ""
	}
	return l.book.Language
}

// checkLanguage warns when most of l's pages read as another language
// than code, the one given at line and col of file.
func (s *site) checkLanguage(l *lang, code, file string, line, col int) {
	m, ok := search.CheckLanguage(code, pageLanguages(l))
	if !ok {
		return
	}
	if file == "" {
		file = l.space.DiagPath("book.json")
	}
	var names []string
	for i, k := range m.Pages {
		if i == 3 {
			names = append(names, "…")
			break
		}
		names = append(names, l.space.DiagPath(l.pages[k].path))
	}
	s.diags.Add(diag.Diagnostic{Path: file, Line: line, Col: col, Severity: diag.Warning, Rule: "language-mismatch",
		Msg: fmt.Sprintf("the language is set to %s, but %d of %d pages read as %s: %s",
			m.Configured, len(m.Pages), m.Of, m.Detected, strings.Join(names, ", ")),
		Hint: fmt.Sprintf("if the pages are in %s, set the language to %s", langname.Self(m.Detected), m.Detected)})
}

// pathCause is the cause a *fs.PathError in err gives ("permission
// denied"), without the path the diagnostic names already; err without one.
// unreadableAsset is the error of a file used by a page (at, as
// assetDiagPath names it) that cannot be read: the page is published
// without it.
func unreadableAsset(at string, err error) diag.Diagnostic {
	return diag.Diagnostic{Path: at, Severity: diag.Error, Rule: "read",
		Msg: fmt.Sprintf("cannot read %s: %v; not published", at, pathCause(err))}
}

// assetDiagPath is the path diagnostics give the file p a page of l uses
// (a path in the space, or /path from the site's root).
func (l *lang) assetDiagPath(p string) string {
	if rel, ok := strings.CutPrefix(p, "/"); ok {
		return rel
	}
	return l.space.DiagPath(p)
}

func pathCause(err error) error {
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
