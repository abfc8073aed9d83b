package build

import (
	"bytes"
	"context"
	"fmt"
	"html/template"
	"image"
	_ "image/gif" // register decoders for image sizes
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/fastio"
	"folio/internal/links"
	"folio/internal/markdown"
	"folio/internal/output"
	"folio/internal/search"
	"folio/internal/theme"
)

// prepare reads and parses every page and decides what is published.
func (s *site) prepare(ctx context.Context) error {
	for _, l := range s.langs {
		l.setupSpace()
		l.discover(ctx)
		s.stats.Unpublished += l.unpublished()
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	s.matchTranslations()
	for li := 1; li < len(s.langs); li++ {
		s.stats.Untranslated = append(s.stats.Untranslated, LangCount{Code: s.langs[li].space.Lang.Code, N: len(s.untranslated(li))})
	}
	s.addFallbacks(ctx)
	s.stats.Languages = len(s.langs)
	s.theme.SetSiteStrings(s.cfg.Strings)
	s.checkStrings()
	langLinks := s.langLinks()
	for _, l := range s.langs {
		l.buildNav()
		l.tsite = s.themeSite(l, langLinks)
		l.search = search.NewAnalysis(l.space.Lang.Code)
	}
	return ctx.Err()
}

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
		s.diags.Add(diag.Diagnostic{Path: file, Line: s.cfg.StringsLine, Severity: diag.Warning, Rule: "theme-strings",
			Msg: msg, Hint: fmt.Sprintf("translate them in site.yaml, under strings: then %s:", code)})
	}
	for _, k := range s.theme.UnknownStrings() {
		s.diags.Add(diag.Diagnostic{Path: file, Line: s.cfg.StringsLine, Severity: diag.Warning, Rule: "theme-strings",
			Msg: fmt.Sprintf("strings: %s is not a string of the theme", k), Hint: "see the keys of themes/default/i18n/en.yaml"})
	}
}

// siteFileURL is the site-root-relative URL of a file that site.yaml names
// (logo, favicon): where static/ publishes it, or under _folio/site/
// (writeSiteFiles).
func siteFileURL(p string) string {
	if rest, ok := strings.CutPrefix(p, "static/"); ok {
		return links.Escape(rest)
	}
	return links.Escape("_folio/site/" + p)
}

// langLinks lists the site's languages, each linked to its home.
func (s *site) langLinks() []theme.LangLink {
	out := make([]theme.LangLink, len(s.langs))
	for i, l := range s.langs {
		out[i] = theme.LangLink{Code: l.space.Lang.Code, Name: l.space.Lang.Name, URL: l.prefix}
	}
	return out
}

// check resolves every link of every page, for the diagnostics only.
func (s *site) check(ctx context.Context) error {
	if err := s.prepare(ctx); err != nil {
		return err
	}
	var jobs []*page
	var langs []*lang
	for _, l := range s.langs {
		for _, pg := range l.pages {
			if pg.origin == nil { // a fallback copy repeats its original
				jobs = append(jobs, pg)
				langs = append(langs, l)
			}
		}
	}
	parallel(ctx, len(jobs), func(i int) { s.resolvePage(langs[i], jobs[i], func(string) {}) })
	s.stats.Pages = len(jobs)
	return ctx.Err()
}

// untranslatedPaths lists the untranslated pages of each language.
func (s *site) untranslatedPaths() map[string][]string {
	out := map[string][]string{}
	for li := 1; li < len(s.langs); li++ {
		var paths []string
		for _, pg := range s.untranslated(li) {
			paths = append(paths, s.langs[0].space.DiagPath(pg.path))
		}
		out[s.langs[li].space.Lang.Code] = paths
	}
	return out
}

// run does the build into the staging directory dir.
func (s *site) run(ctx context.Context, dir *output.Dir, opts Options) error {
	// Theme and site static files need no content: they are written while
	// the pages are parsed and rendered.
	var static sync.WaitGroup
	var staticErr error
	static.Go(func() { staticErr = s.writeStatic(dir) })
	defer static.Wait()

	if err := s.prepare(ctx); err != nil {
		return err
	}
	var pages []*page
	for _, l := range s.langs {
		pages = append(pages, l.pages...)
	}
	if err := writeMermaid(dir, pages); err != nil {
		return err
	}

	// Pages are analysed for search as they are rendered, by one goroutine
	// beside the render workers: analysis is mostly looking words up in
	// the vocabulary it has seen, and one vocabulary learnt once costs less
	// than one learnt by each worker.
	ix := newIndexer(s.langs)
	s.indexer = ix
	defer func() { s.indexer = nil }()
	defer ix.wait()

	// Resolve and render every page on every core.
	type job struct {
		l   *lang // the language the page is published in
		src *lang // the language whose space holds its file and assets
		pg  *page
	}
	var jobs []job
	for _, l := range s.langs {
		for _, pg := range l.pages {
			src := l
			if pg.src != nil {
				src = pg.src
			}
			jobs = append(jobs, job{l, src, pg})
		}
	}
	// The extra files (redirects, 404, robots.txt, sitemap) need only what
	// prepare knows: they are written while the pages render.
	var extrasErr error
	var extras sync.WaitGroup
	extras.Go(func() { extrasErr = s.writeExtras(dir, opts) })
	defer extras.Wait()

	// Each asset a page uses is published, once, as soon as the page is
	// rendered.
	published := make(map[*lang]*sync.Map, len(s.langs))
	for _, l := range s.langs {
		published[l] = &sync.Map{}
	}
	var assets atomic.Int64
	errs := make([]error, len(jobs))
	var done atomic.Int64
	parallel(ctx, len(jobs), func(i int) {
		j := jobs[i]
		var used []string
		errs[i] = s.renderPage(j.l, j.src, j.pg, dir, opts, func(p string) { used = append(used, p) })
		for _, p := range used {
			if errs[i] != nil {
				break
			}
			if _, seen := published[j.src].LoadOrStore(p, true); !seen {
				assets.Add(1)
				if err := dir.Link(j.src.assetURL(p), j.src.space.AbsPath(p)); err != nil {
					errs[i] = fmt.Errorf("language %s: %w", j.src.space.Lang.Code, err)
				}
			}
		}
		if opts.Progress != nil {
			opts.Progress(int(done.Add(1)), len(jobs))
		}
	})
	if err := ctx.Err(); err != nil {
		return err
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	s.stats.Pages = len(jobs)
	s.stats.Assets = int(assets.Load())
	ix.wait()

	// The search indexes need only the analysed pages: they are merged
	// while the last files are written.
	var searchErr error
	var searchDone sync.WaitGroup
	if !opts.deferSearch {
		searchDone.Go(func() { searchErr = s.writeSearch(dir) })
	}
	defer searchDone.Wait()

	static.Wait()
	if staticErr != nil {
		return staticErr
	}
	s.stats.Constructs = s.compat()
	extras.Wait()
	if extrasErr != nil {
		return extrasErr
	}
	searchDone.Wait()
	return searchErr
}

// renderPage resolves the links of one page, renders it and writes it.
func (s *site) renderPage(l, src *lang, pg *page, dir *output.Dir, opts Options, used func(string)) error {
	body, err := s.renderBody(src, pg, used)
	if err != nil {
		return err
	}
	// The templates were minified once when the theme was loaded: only the
	// page's own content needs it here.
	if body, err = dir.Minify("content.html", body); err != nil {
		return fmt.Errorf("render %s: %w", l.space.DiagPath(pg.path), err)
	}
	if indexed(pg) {
		if s.indexer != nil {
			t, err := search.Extract(searchEntry(pg, body))
			if err != nil {
				return fmt.Errorf("search index %s: %w", l.space.DiagPath(pg.path), err)
			}
			s.indexer.add(l, pg, t)
			runtime.Gosched() // the indexer competes with the render workers: let it keep up
		} else if pg.search, err = l.search.Analyse(searchEntry(pg, body)); err != nil {
			return fmt.Errorf("search index %s: %w", l.space.DiagPath(pg.path), err)
		}
	}
	if pg.origin == nil {
		if pg.feed, err = s.writeFeed(pg, dir); err != nil {
			return err
		}
	}
	if opts.Dev {
		pg.body = body // a session may put it in a new frame later
	}
	return s.writePage(l, pg, body, dir, opts)
}

// writePage puts a page's rendered body into the theme's frame (sidebar,
// outline, previous/next…) and writes it.
func (s *site) writePage(l *lang, pg *page, body []byte, dir *output.Dir, opts Options) error {
	p := s.pageData(l, pg, template.HTML(body), opts.Dev)
	p.Feed = pg.feed
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

// renderBody resolves the links of a page and renders its Markdown.
func (s *site) renderBody(l *lang, pg *page, used func(string)) ([]byte, error) {
	s.resolvePage(l, pg, used)
	if pg.doc.Constructs["update"] > 0 {
		pg.doc.FormatDates(func(d string) string { return l.tsite.Date(d) })
	}
	body, err := s.conv.Render(pg.doc)
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", l.space.DiagPath(pg.path), err)
	}
	return body, nil
}

// resolvePage resolves every reference of a page, its cover included, and
// reports what is wrong with them. A build and a check share it, so that
// they agree on every diagnostic.
func (s *site) resolvePage(l *lang, pg *page, used func(string)) {
	var ds []diag.Diagnostic
	pg.targets = pg.targets[:0]
	pg.doc.Resolve(func(r markdown.Ref) markdown.Resolution {
		return l.resolve(pg, r, func(d diag.Diagnostic) { ds = append(ds, d) }, used)
	})
	if c := pg.doc.Meta.Cover; c != "" {
		// The cover is an image like any other, written in front matter.
		r := l.resolve(pg, markdown.Ref{Dest: c, Kind: markdown.RefImage, Line: 1, Col: 1, HasAlt: true},
			func(d diag.Diagnostic) { ds = append(ds, d) }, used)
		switch {
		case r.Keep:
			pg.cover = c
		case !r.Plain:
			pg.cover = r.URL
		}
	}
	pg.rdiags = ds
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
	return slices.Compact(all)
}

// themeSite is what every page of a language shares.
func (s *site) themeSite(l *lang, langs []theme.LangLink) *theme.Site {
	lg := l.space.Lang
	ts := &theme.Site{
		Title:       firstNonEmpty(lg.Title, s.cfg.Title),
		Description: firstNonEmpty(lg.Description, s.cfg.Description),
		BaseURL:     s.base,
		Lang:        lg.Code,
		Dir:         config.Direction(lg.Code),
		Home:        l.prefix,
		Languages:   langs,
		Nav:         l.nav,
		Strings:     s.theme.Strings(lg.Code),
		Generator:   "folio " + Version,
	}
	if s.cfg.Logo != "" {
		ts.Logo = siteFileURL(s.cfg.Logo)
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
		// A HonKit book names itself in book.json.
		ts.Title = firstNonEmpty(ts.Title, l.book.Title)
		ts.Description = firstNonEmpty(ts.Description, l.book.Description)
		if l.book.Direction == "rtl" || l.book.Direction == "ltr" {
			ts.Dir = l.book.Direction
		}
	}
	if ts.Title == "" {
		// A bare GitBook space: its home page's title, else SUMMARY's.
		if home := l.byPath[l.space.Readme]; home != nil {
			ts.Title = home.title()
		}
	}
	return ts
}

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
	}
	if s.base != "" {
		p.Canonical = s.base + links.Escape(pg.url)
	}
	for _, h := range pg.doc.Headings {
		switch {
		case h.API:
			// An operation is listed under the section that holds it.
			p.Outline = append(p.Outline, theme.Heading{Level: 3, ID: h.ID, Text: h.Text})
		case h.Level == 2 || h.Level == 3:
			p.Outline = append(p.Outline, theme.Heading{Level: h.Level, ID: h.ID, Text: h.Text})
		}
	}
	if pg.order >= 0 {
		if prev := l.neighbour(pg.order - 1); prev != nil {
			p.Prev = &theme.Link{Title: prev.title(), URL: links.Escape(prev.url)}
		}
		if next := l.neighbour(pg.order + 1); next != nil {
			p.Next = &theme.Link{Title: next.title(), URL: links.Escape(next.url)}
		}
	}
	s.translationData(l, pg, p)
	return p
}

// neighbour returns the page at position i of the reading order.
func (l *lang) neighbour(i int) *page {
	if i < 0 || i >= len(l.pages) || l.pages[i].order != i {
		return nil
	}
	return l.pages[i]
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

// imageSize returns the pixel size of an image file, or zeros. Each file
// is read once per build.
func (s *site) imageSize(abs string) (int, int) {
	if v, ok := s.assets.Load(abs); ok {
		d := v.([2]int)
		return d[0], d[1]
	}
	w, h := readImageSize(abs)
	s.assets.Store(abs, [2]int{w, h})
	return w, h
}

var svgSizeRE = regexp.MustCompile(`(?s)<svg\b[^>]*?\bwidth\s*=\s*["']([0-9.]+)(?:px)?["'][^>]*?\bheight\s*=\s*["']([0-9.]+)(?:px)?["']`)

func readImageSize(abs string) (int, int) {
	// Every format folio reads gives its size in its first bytes, but for
	// a JPEG with a large header (EXIF, a colour profile): that one is
	// read again, as a stream.
	const headSize = 8 << 10
	head, err := fastio.ReadHead(abs, headSize)
	if err != nil {
		return 0, 0
	}
	if strings.EqualFold(filepath.Ext(abs), ".svg") {
		if m := svgSizeRE.FindSubmatch(head[:min(len(head), 4096)]); m != nil {
			w, _ := strconv.ParseFloat(string(m[1]), 64)
			h, _ := strconv.ParseFloat(string(m[2]), 64)
			return int(w + 0.5), int(h + 0.5)
		}
		return 0, 0
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(head))
	if err != nil && len(head) == headSize {
		f, ferr := os.Open(abs)
		if ferr != nil {
			return 0, 0
		}
		defer f.Close()
		cfg, _, err = image.DecodeConfig(f)
	}
	if err != nil {
		return 0, 0
	}
	return cfg.Width, cfg.Height
}

// searchEntry is what the search index holds of a page.
func searchEntry(pg *page, body []byte) search.Entry {
	e := search.Entry{URL: links.Escape(pg.url), Title: pg.title(), HTML: body}
	for _, h := range pg.doc.Headings {
		if h.Level > 1 {
			e.Headings = append(e.Headings, search.Heading{ID: h.ID, Text: h.Text})
		}
	}
	return e
}

// writeSearch writes each language's search index, its pages in reading
// order, at the root of the language.
func (s *site) writeSearch(dir *output.Dir) error {
	for _, l := range s.langs {
		if err := s.writeSearchFor(l, dir); err != nil {
			return err
		}
	}
	return nil
}

func (s *site) writeSearchFor(l *lang, dir *output.Dir) error {
	m := l.merged
	if m == nil {
		m = search.NewMerger(l.search)
		for _, pg := range l.pages {
			if pg.search != nil {
				m.Add(pg.search)
			}
		}
	}
	idx, err := m.Bytes()
	if err != nil {
		return fmt.Errorf("search index %s: %w", l.space.Lang.Code, err)
	}
	// The index is written without white space: nothing to minify. It is
	// a script rather than JSON so that search works from file:// too.
	return dir.WriteRaw(l.prefix+search.ScriptName, search.Script(idx))
}

// indexer analyses pages for search on a goroutine of its own, and
// merges each language's pages into its index in reading order as soon as
// they and the pages before them are analysed.
type indexer struct {
	jobs  chan func()
	done  chan struct{}
	once  sync.Once
	langs map[*lang]*langIndex
}

// langIndex is the merge of one language's index under way.
type langIndex struct {
	m     *search.Merger
	pos   map[*page]int // place of each indexed page in reading order
	ready []*search.Page
	next  int // the first page not merged yet
}

func newIndexer(langs []*lang) *indexer {
	ix := &indexer{jobs: make(chan func(), 64), done: make(chan struct{}), langs: map[*lang]*langIndex{}}
	for _, l := range langs {
		li := &langIndex{m: search.NewMerger(l.search), pos: map[*page]int{}}
		for _, pg := range l.pages {
			if indexed(pg) {
				li.pos[pg] = len(li.pos)
			}
		}
		li.ready = make([]*search.Page, len(li.pos))
		ix.langs[l] = li
	}
	go func() {
		defer close(ix.done)
		for job := range ix.jobs {
			job()
		}
	}()
	return ix
}

// indexed reports whether a page goes into its language's search index.
func indexed(pg *page) bool { return pg.origin == nil && !pg.doc.Meta.NoIndex }

// add queues a page's text; its analysis lands in pg.search.
func (ix *indexer) add(l *lang, pg *page, t *search.Text) {
	ix.jobs <- func() {
		p := l.search.AnalyseText(t)
		pg.search = p
		li := ix.langs[l]
		li.ready[li.pos[pg]] = p
		for li.next < len(li.ready) && li.ready[li.next] != nil {
			li.m.Add(li.ready[li.next])
			li.ready[li.next] = nil
			li.next++
		}
	}
}

// wait waits for the pages queued so far and takes no more. A language
// whose every page is merged keeps its merge (lang.merged).
func (ix *indexer) wait() {
	ix.once.Do(func() { close(ix.jobs) })
	<-ix.done
	for l, li := range ix.langs {
		if li.next == len(li.ready) {
			l.merged = li.m
		}
	}
}
