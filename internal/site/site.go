// Package site is folio's pipeline: it turns a site (site.yaml and its
// GitBook spaces, or a bare space) into the files of a static website, or,
// for folio check, into the diagnostics alone. Data flows one way:
//
//	config, theme → load spaces → prepare (parse pages, publish set,
//	translations, navigation) → render (resolve links, render, frame,
//	write; search analysis beside) → search index → commit
//
// Per-site work (configuration, theme, file indexes, navigation) is done
// once, before the per-page fan-out. Results go into slices by index, so
// the output does not depend on the order in which workers finish.
//
// Its files, by job: site.go the entry points (Build, Check) and the
// loading of a site; run.go the stages of a build and a check; pages.go
// which pages are published and their parsing; space.go what a space
// declares beside its pages (book.json, variables, tags, glossary) and
// includes; resolve.go link resolution; nav.go the sidebar, trails and
// reading order; translations.go translations and fallback copies;
// sections.go a docs.yaml site's sections, their tabs and the links
// between them; activedoc.go which linked files (SVG, XML, HTML, files of
// unknown types) are safe to publish; honkiturls.go a HonKit book's .html
// addresses;
// render.go a page's frame; extras.go and feed.go every file that is not a
// page; print.go the print pages; api.go the API reference blocks;
// search.go the search index; review.go review mode; session.go the live
// preview's incremental rebuilds, with session_relevant.go which changed
// files matter to the last build; history.go what
// git tells of the pages (read by one git log beside loading and parsing),
// with freshness.go outdated translations, moves.go forwarding of moved
// pages and comments.go the comment links of headings. Image sizes are
// measured by package imagesize, and the search analysis runs in
// search.Indexer.
package site

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/imagesize"
	"folio/internal/links"
	"folio/internal/markdown"
	"folio/internal/output"
	"folio/internal/symlink"
	"folio/internal/theme"
)

// Version is folio's version, printed by `folio version` and in pages.
var Version = "0.1.0-dev"

// Options says what to build and where.
type Options struct {
	Dir      string // site directory (site.yaml) or bare GitBook space
	Out      string // output directory; "" means site.yaml's out (relative to the site), else "public"
	BaseURL  string // overrides site.yaml's base_url when not ""
	NoMinify bool
	Strict   bool // error diagnostics keep the new output from replacing the old
	Dev      bool // serve mode: pages load the live-reload script
	// External, for Check, lists the external links in Result.External.
	External bool
	// Offline forbids downloading remote API specs: a block whose spec is
	// neither local nor cached shows its link, with a diagnostic.
	Offline bool
	// Translations, for Check, measures how far the original of each
	// outdated translation moved (lines added and removed, with git).
	Translations bool
	// Review turns on review mode (review.go): the tag, branch or commit
	// the pages are compared with. It wins over site.yaml's review: since.
	Review string

	// deferSearch leaves the search index to the caller (a Session writes
	// it after the new site is served).
	deferSearch bool
	// regrowAll releases and regrows every page's tree, as a big site's
	// are (bigTrees), whatever the site's size: for tests.
	regrowAll bool
	// Progress, when set, is called as pages are rendered.
	Progress func(done, total int)
}

// Stats counts what a build produced.
type Stats struct {
	Pages       int
	Languages   int
	Sections    int // a docs.yaml site's sections, 0 without several
	Assets      int
	Redirects   int
	Unpublished int // Markdown files in the spaces that are not published
	// Constructs counts the GitBook constructs the pages use, by name.
	Constructs map[string]int
	// Untranslated counts, for each language but the default, the pages
	// of the default language it has no translation of.
	Untranslated []LangCount
	// Language says, for a site whose language nothing configures, what
	// folio took: Code, and From "book.json", "text" (detected in Pages
	// of the Of pages with enough text), "script" (pages too short to
	// tell, Pages of the Of pages with words in a script of its own) or
	// "" (assumed English).
	Language *LanguageChoice
	Elapsed  time.Duration
}

// LanguageChoice is the language of a site that configures none.
type LanguageChoice struct {
	Code, From string
	Pages, Of  int
}

// Link is an external link and where it is written.
type Link struct {
	URL string
	At  diag.Diagnostic // Path, Line and Col
}

// LangCount is a count for one language.
type LangCount struct {
	Code string
	N    int
}

// Result is the outcome of a build that ran to the end.
type Result struct {
	Diags []diag.Diagnostic
	Stats Stats
	Out   string // the output directory
	// Written is false when Strict found errors: the previous output was
	// left as it was.
	Written bool
	// Pages maps the path of each page's source, as diagnostics give it, to
	// the page's site path.
	Pages map[string]string
	// Includers maps each file that pages include, as diagnostics give
	// it, to the site paths of the pages that include it, in order.
	Includers map[string][]string
	// Sections gives, for each page whose source a warning or an error
	// names, its headings in order with their lines: the live preview
	// links a problem to the part of the page it is in.
	Sections map[string][]Section
	// External lists, for Check with External, every http(s) link to
	// another site, with where it is written (Path, Line, Col).
	External []Link
	// Untranslated lists, for Check, the untranslated pages of each
	// language but the default, as paths of the default language.
	Untranslated map[string][]string
	// Outdated lists, for Check, the translations whose original changed
	// after them (freshness.go).
	Outdated []OutdatedTranslation
	// OutdatedUnknown says there was no git history to find them in.
	OutdatedUnknown bool
}

// Section is a heading of a page: its ID and the line it is written at.
type Section struct {
	Line int
	ID   string
}

// ErrConfig is returned when site.yaml or docs.yaml cannot be read as YAML, or names a
// content folder outside the site: building from defaults instead would
// replace a good site with a wrong one.
var ErrConfig = errors.New("the configuration has an error that stops the build; nothing was built")

// ErrOutput is returned when the output directory is not acceptable.
var ErrOutput = errors.New("unsafe output directory")

// Build builds the site and replaces the output directory with the result.
// Content problems are diagnostics in the Result; an error means nothing
// was written (the previous output is left as it was).
func Build(ctx context.Context, opts Options) (*Result, error) {
	s, res, err := buildSite(ctx, opts)
	if s != nil {
		s.close()
	}
	return res, err
}

// Check finds every problem a build would find, without writing anything:
// no output directory is touched. Options' Out, NoMinify, Strict and Dev
// do not apply.
func Check(ctx context.Context, opts Options) (*Result, error) {
	start := time.Now()
	s, err := load(ctx, opts)
	if err != nil {
		return nil, err
	}
	defer s.close()
	var mu sync.Mutex
	var ext []Link
	if opts.External {
		s.external = func(u string, at diag.Diagnostic) {
			if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "//") {
				mu.Lock()
				ext = append(ext, Link{URL: u, At: at})
				mu.Unlock()
			}
		}
	}
	s.hist.drift = opts.Translations
	s.regrow = opts.regrowAll || s.bigTrees()
	if s.cfg.OutLine > 0 {
		// An out that site.yaml writes and a build refuses is the site's
		// mistake, which a check tells (t92: it passed, and the build
		// failed). The default, public/, is the builder's to choose with
		// --out, which a check has not (t94).
		if _, err := s.outDir(""); err != nil {
			s.diags.Add(diag.Diagnostic{Path: config.FileName, Line: s.cfg.OutLine, Severity: diag.Error, Rule: "config",
				Msg: err.Error(), Hint: "choose another folder for out, inside the site and outside its content and static/"})
		}
	}
	if err := s.check(ctx); err != nil {
		return nil, err
	}
	slices.SortFunc(ext, func(a, b Link) int { return cmp.Or(diag.Compare(a.At, b.At), strings.Compare(a.URL, b.URL)) })
	s.stats.Constructs = s.compat()
	s.stats.Elapsed = time.Since(start)
	outdated := s.outdatedList()
	_, log, _ := s.gitHistory()
	return &Result{Diags: s.allDiags(), Stats: s.stats, Untranslated: s.untranslatedPaths(), Pages: s.pageSources(), External: ext,
		Outdated: outdated, OutdatedUnknown: log == nil}, nil
}

// buildSite is Build that hands back the site it built, for a Session to
// update; the caller closes it.
func buildSite(ctx context.Context, opts Options) (*site, *Result, error) {
	start := time.Now()
	s, err := load(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	res, err := s.build(ctx, opts, start)
	return s, res, err
}

// build writes the site into a staging directory, and puts it in place of
// the output directory unless Strict found errors.
func (s *site) build(ctx context.Context, opts Options, start time.Time) (*Result, error) {
	out, err := s.outDir(opts.Out)
	if err != nil {
		return nil, err
	}
	dir, err := output.New(out, s.cfg.Minify && !opts.NoMinify)
	if err != nil {
		return nil, err
	}
	if err := s.run(ctx, dir, opts); err != nil {
		_ = dir.Abort()
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		_ = dir.Abort()
		return nil, err
	}
	res := &Result{Diags: s.allDiags(), Out: out}
	if opts.Strict && diag.Count(res.Diags, diag.Error) > 0 {
		if err := dir.Abort(); err != nil {
			return nil, err
		}
	} else {
		// Named as the other diagnostics name their files, from the site's
		// folder, and sorted among them (t91).
		at := out
		if rel, err := filepath.Rel(s.cfg.Dir, out); err == nil {
			at = filepath.ToSlash(rel)
		}
		gone := filesGone(out, dir.Staging())
		switch err := dir.Commit(); {
		case errors.Is(err, output.ErrLeftOver):
			// The site is written: a warning, not a failure.
			res.Diags = append(res.Diags, diag.Diagnostic{Path: at, Severity: diag.Warning, Rule: "output",
				Msg: err.Error(), Hint: "remove it by hand"})
		case err != nil:
			_ = dir.Abort()
			return nil, err
		}
		res.Written = true
		if len(gone) > 0 {
			// A CNAME or .nojekyll put there by hand, which a host needs
			// (t63: deleted without a word).
			res.Diags = append(res.Diags, diag.Diagnostic{Path: at, Severity: diag.Warning, Rule: "output",
				Msg:  fmt.Sprintf("removed %s from the output folder's top: this build does not write %s", strings.Join(gone, ", "), map[bool]string{true: "it", false: "them"}[len(gone) == 1]),
				Hint: "put the files to publish in static/, which the build copies"})
		}
		slices.SortFunc(res.Diags, diag.Compare)
	}
	s.stats.Elapsed = time.Since(start)
	res.Stats = s.stats
	res.Pages, res.Includers, res.Sections = s.pageSources(), s.includers(), s.sections(res.Diags)
	return res, nil
}

// site is the state of one build.
type site struct {
	cfg   *config.Config
	theme *theme.Theme
	conv  *markdown.Converter
	langs []*lang
	// innerFirst are the languages, those whose space is in another's
	// folder before it (otherLanguage).
	innerFirst []*lang
	outs       []string // folio's output folders inside the site, which are no content
	// topIgnore holds a LANGS.md book's top ignore files, nil for another site.
	topIgnore *content.Ignore
	diags     diag.List
	stats     Stats
	base      string // base URL, "" or ending in "/"
	// external, set by a check that looks at external links, receives
	// each external link with its position.
	external func(url string, at diag.Diagnostic)
	images   imagesize.Cache // the size of each image the pages show
	// scripted remembers, by file, whether an SVG or XML file the pages
	// use holds more than drawing or data (scriptedXML), and, under
	// "sniff:" and the file, whether a file of an unknown extension
	// holds a document (sniffedDoc).
	scripted sync.Map
	// oldAPIs reads the specs as they were at review mode's reference
	// (apisAt).
	oldAPIs struct {
		once sync.Once
		refs *apiRefs
	}
	// gitRootDir is the git repository's folder, found once (gitRoot).
	gitRootOnce sync.Once
	gitRootDir  string
	// frames holds the idle buffers pages are written with. Not a
	// sync.Pool: a pool in use is reachable from the runtime until two
	// collections have passed, and with it the whole site.
	frames chan *bytes.Buffer
	apis   *apiRefs     // the API blocks' specs and renderings
	review *reviewState // review mode's marks, nil when it is off
	hist   *siteHistory // the history of the site's files (history.go)
	// books are the languages' print pages (print.go); a session keeps
	// their content, to write them anew when pages change.
	books map[*lang]*printBook
	// static holds the site paths of the static/ folder's files.
	static map[string]bool
	// forwarded holds the pages a forwarding page leads to (writeForward),
	// which names them: a session rebuilds all when one's title changes.
	forwarded map[*page]bool
	// regrow: each page's tree is released once it is parsed and grown
	// again to be rendered (bigTrees), rather than kept in between.
	regrow bool
}

// thisMachine reports whether host names the machine that reads it: a
// loopback name or address, a name under localhost, or 0.0.0.0.
func thisMachine(host string) bool {
	ip := net.ParseIP(host)
	return links.LoopbackHost(host) || strings.HasSuffix(strings.ToLower(host), ".localhost") || ip != nil && ip.IsUnspecified()
}

// load reads what a build starts from: the configuration, the theme and
// each language's space. The caller closes the site.
func load(ctx context.Context, opts Options) (*site, error) {
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, fmt.Errorf("site directory: %w", err)
	}
	cfg, ds, err := config.Load(dir)
	if err != nil {
		return nil, err
	}
	if cfg.Broken {
		var msgs []string
		var why []diag.Diagnostic
		for _, d := range ds {
			if d.Severity == diag.Error {
				msgs = append(msgs, d.String())
				why = append(why, d)
			}
		}
		return nil, &StopError{Diags: why, said: fmt.Sprintf("%v: %s", ErrConfig, strings.Join(msgs, "; ")), err: ErrConfig}
	}
	s := &site{cfg: cfg, conv: markdown.New(), frames: make(chan *bytes.Buffer, runtime.GOMAXPROCS(0)), apis: newAPIRefs(dir, opts.Offline)}
	s.diags.Add(ds...)
	// static/ is a folio site's: a GitBook or HonKit repository's folder
	// of that name is its content, or another tool's (GitBook knows no
	// such folder), which must not be published at the site's root.
	s.static = map[string]bool{}
	var notContent []string // static/ is not content, as the outputs are not
	if cfg.File == config.FileName {
		var sds []diag.Diagnostic
		if s.static, sds, err = staticFiles(dir); err != nil {
			return nil, err
		}
		s.diags.Add(sds...)
		// As the content names it: static/ itself, a symbolic link or not.
		notContent = append(notContent, filepath.Join(symlink.Resolve(dir), "static"))
	}
	s.base = cfg.BaseURL
	if opts.BaseURL != "" {
		b, err := config.NormalizeBaseURL(opts.BaseURL)
		if err != nil {
			return nil, fmt.Errorf("--base-url: %w", err)
		}
		s.base = b
	}
	if u, err := url.Parse(s.base); err == nil && s.base != "" && !opts.Dev && thisMachine(u.Hostname()) {
		// A preview's address copied into CI: every canonical link, the
		// sitemap and link previews would lead readers to their own
		// machine.
		d := diag.Diagnostic{Path: "--base-url", Severity: diag.Warning, Rule: "config",
			Msg:  "the base URL " + s.base + " is this machine's: the published site's canonical links, sitemap and link previews would lead readers to their own computer",
			Hint: "give the address the site is published at"}
		if opts.BaseURL == "" {
			d.Path, d.Line, d.Col = config.FileName, cfg.BaseURLLine, 1
		}
		s.diags.Add(d)
	}
	s.startHistory() // git log runs while the spaces are read and parsed
	// Parsing the templates does not depend on the content: it overlaps
	// with reading the spaces.
	var themeLoad errgroup.Group
	themeLoad.Go(func() error { return s.loadTheme(opts) })
	// An output folio wrote inside the content is not content: this
	// build's, and the site's own when a session writes elsewhere. A
	// folder of that name without folio's _folio is the author's. An out
	// that cannot be written to stops a build where it decides where to
	// write (outDir), not a check, which writes nothing (t89: it stopped
	// before reading a page, leaving git and the theme's loading running).
	out, _ := outPath(cfg, opts.Out)
	own, _ := outPath(cfg, "")
	var outs []string
	for _, o := range []string{out, own} {
		if o != "" && output.Wrote(o) {
			outs = append(outs, o)
		}
	}
	s.outs = outs
	spacesErr := s.loadSpaces(ctx, append(notContent, outs...)...)
	if err := cmp.Or(spacesErr, themeLoad.Wait()); err != nil {
		s.close()
		if spacesErr != nil {
			// A content folder site.yaml names that cannot be opened:
			// its line says which, in the author's words.
			var lines []string
			var why []diag.Diagnostic
			for _, d := range ds {
				// Only what says why the folder cannot be opened: another
				// mistake of site.yaml must not hide the cause.
				if d.Severity == diag.Error && d.Path == config.FileName && strings.HasPrefix(d.Msg, "content directory ") {
					// The command line says "error" before it.
					lines = append(lines, strings.Replace(d.String(), ": error: ", ": ", 1))
					why = append(why, d)
				}
			}
			if len(lines) > 0 {
				err = &StopError{Diags: why, said: strings.Join(lines, "\n"), err: err}
			}
		}
		return nil, err
	}
	return s, nil
}

// loadTheme parses the theme's templates, minified unless the build is
// not, and reads the interface strings of each language.
func (s *site) loadTheme(opts Options) error {
	cfg := s.cfg
	var err error
	if cfg.Minify && !opts.NoMinify {
		s.theme, err = theme.LoadMinified(cfg.Dir, cfg.Theme, output.MinifyTemplate)
		if err == nil {
			s.theme.SetSharedMinifier(func(b []byte) ([]byte, error) { return output.MinifyFile("part.html", b) })
		}
	} else {
		s.theme, err = theme.Load(cfg.Dir, cfg.Theme)
	}
	if err != nil {
		return err
	}
	for _, l := range cfg.Languages {
		s.theme.Strings(l.Code) // read each language's strings here, off the main path
	}
	return nil
}

// loadSpaces reads each language's space: its files, .gitbook.yaml and
// SUMMARY.md, leaving out the output directories outs.
func (s *site) loadSpaces(ctx context.Context, outs ...string) error {
	inSection := make([]int, max(len(s.cfg.Sections), 1)) // the languages of each section
	for _, l := range s.cfg.Languages {
		inSection[l.Section]++
	}
	for _, l := range s.cfg.Languages {
		// Another space in a folder of this one (a space at the
		// repository's top, the others in folders) is no part of it.
		own := outs
		nested := false
		for _, o := range s.cfg.Languages {
			if o.Dir != l.Dir && (l.Dir == "." || strings.HasPrefix(o.Dir, l.Dir+"/")) {
				own = append(slices.Clip(own), filepath.Join(s.cfg.Dir, filepath.FromSlash(o.Dir)))
				nested = true
			}
		}
		sp, ds, err := content.Load(ctx, s.cfg.Dir, l, own...)
		s.diags.Add(ds...)
		if err != nil {
			return fmt.Errorf("language %s: %w", l.Code, err)
		}
		lg := &lang{site: s, space: sp, index: len(s.langs), def: s.sectionDefault(l.Section), nests: nested}
		if lg.def == nil {
			lg.def = lg
		}
		if l.Section > 0 {
			lg.prefix = s.cfg.Sections[l.Section].Path + "/"
		}
		if inSection[l.Section] > 1 && !(s.cfg.DefaultAtRoot && lg.def == lg) {
			lg.prefix += l.Code + "/"
		}
		s.langs = append(s.langs, lg)
	}
	s.findInner()
	// A space at the site's top last: the others are in its folders.
	s.innerFirst = slices.SortedStableFunc(slices.Values(s.langs), func(a, b *lang) int {
		return cmp.Compare(len(b.space.Rel), len(a.space.Rel))
	})
	if s.cfg.LangsBook {
		// The languages read them too (content.Space.IgnoredBy).
		top, ds := content.ReadIgnore(s.cfg.Dir)
		s.diags.Add(ds...)
		s.topIgnore = top
	}
	return nil
}

func (s *site) close() {
	s.stopHistory()
	for _, l := range s.langs {
		_ = l.space.Close()
	}
}

// outPath is where the output directory is, symbolic links resolved, for
// the --out flag (flag), else site.yaml's out, else public/ in the
// site.
func outPath(cfg *config.Config, flag string) (string, error) {
	// --out is relative to the current directory, like any path typed on
	// the command line; site.yaml's out is relative to the site.
	out := flag
	if out == "" && cfg.Out != "" {
		out = cfg.Out
		if !filepath.IsAbs(out) {
			out = filepath.Join(cfg.Dir, filepath.FromSlash(out))
		}
	}
	if out == "" {
		out = "public"
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", fmt.Errorf("output directory: %w", err)
	}
	if flag == "" && !symlink.Inside(abs, cfg.Dir) {
		// site.yaml's out stays in the site (config checks it as written):
		// a symbolic link must not take a build of a cloned repository
		// anywhere else either.
		return "", fmt.Errorf("%w: %s is a symbolic link leading outside the site's folder; choose where to write with --out", ErrOutput, cfg.Out)
	}
	// Compared and replaced where it really is: a symbolic link to the
	// content or the home directory is the content or the home directory.
	return symlink.Resolve(abs), nil
}

// outDir decides the output directory and refuses the ones whose
// replacement would destroy content: the site, a content directory or a
// parent of either, the home directory, the file system root, a file,
// and a directory that folio did not write. An output inside the content
// is left out of it (content.Load).
func (s *site) outDir(flag string) (string, error) {
	abs, err := outPath(s.cfg, flag)
	if err != nil {
		return "", err
	}
	if abs == filepath.Dir(abs) {
		return "", fmt.Errorf("%w: %s is the root of the file system", ErrOutput, abs)
	}
	if home, err := os.UserHomeDir(); err == nil && abs == symlink.Resolve(home) {
		return "", fmt.Errorf("%w: %s is your home directory", ErrOutput, abs)
	}
	if git := gitDirOf(abs); git != "" {
		// A hook written there runs on the next commit: a cloned site's
		// out: .git/hooks would run its static files (t40).
		return "", fmt.Errorf("%w: %s is inside %s, a git repository's own folder; choose another directory with --out", ErrOutput, abs, git)
	}
	if site := symlink.Resolve(s.cfg.Dir); within(site, abs) {
		return "", fmt.Errorf("%w: %s contains the site in %s; choose another directory with --out", ErrOutput, abs, s.cfg.Dir)
	}
	if static := symlink.Resolve(filepath.Join(s.cfg.Dir, "static")); within(abs, static) {
		// The next build would publish this one's output again, as
		// static files: a page deleted stayed, and static/site/site/…
		// grew with every build (t91).
		return "", fmt.Errorf("%w: %s is inside the static folder %s, whose files every build publishes; choose another directory with --out", ErrOutput, abs, static)
	}
	for _, l := range s.langs {
		if content := symlink.Resolve(l.space.Dir); within(content, abs) {
			return "", fmt.Errorf("%w: %s contains the content in %s; choose another directory with --out", ErrOutput, abs, l.space.Dir)
		}
	}
	// The build replaces the whole directory: only one that folio wrote
	// (its _folio folder says so), or an empty one, may be replaced.
	if fi, err := os.Lstat(abs); err == nil {
		if !fi.IsDir() {
			return "", fmt.Errorf("%w: %s is a file, not a directory; choose another directory with --out", ErrOutput, abs)
		}
		if md := markdownIn(abs, s.static); md != "" {
			return "", fmt.Errorf("%w: %s holds %s, a Markdown file, which folio never writes: it is content, which the build would delete; choose another directory with --out", ErrOutput, abs, md)
		}
		if !folioOutput(abs) {
			return "", fmt.Errorf("%w: %s holds files folio did not write (it has no _folio folder), which the build would delete; empty it or choose another directory with --out", ErrOutput, abs)
		}
	}
	return abs, nil
}

// hostFiles are the files a static host reads at a site's top, which a
// team may put in the output folder by hand: replacing the folder without
// them breaks a custom domain or the host's redirects.
var hostFiles = map[string]bool{"CNAME": true, "_headers": true, "_redirects": true, ".htaccess": true,
	"netlify.toml": true, "vercel.json": true, "staticwebapp.config.json": true, "firebase.json": true}

// filesGone lists the host's files at the top of the output folder out
// that the build in staging does not write, which replacing out deletes.
// Only those: what else an output holds may be a file an earlier build
// wrote and this one does not (t65: sitemap.xml, an image no page shows
// any more), which no build tells apart without a list of its own.
func filesGone(out, staging string) []string {
	old, err := os.ReadDir(out)
	if err != nil {
		return nil
	}
	var gone []string
	for _, e := range old {
		if !e.Type().IsRegular() || !hostFiles[e.Name()] {
			continue
		}
		if _, err := os.Lstat(filepath.Join(staging, e.Name())); errors.Is(err, fs.ErrNotExist) {
			gone = append(gone, e.Name())
		}
	}
	return gone
}

// gitDirOf returns the git directory that holds dir, or dir itself: a
// folder named .git, or one laid out as git's (HEAD, objects/, refs/, as a
// bare repository is); "" if none.
func gitDirOf(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if strings.EqualFold(filepath.Base(d), ".git") {
			return d
		}
		head, err1 := os.Stat(filepath.Join(d, "HEAD"))
		objects, err2 := os.Stat(filepath.Join(d, "objects"))
		refs, err3 := os.Stat(filepath.Join(d, "refs"))
		if err1 == nil && err2 == nil && err3 == nil && head.Mode().IsRegular() && objects.IsDir() && refs.IsDir() {
			return d
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// folioOutput reports whether dir is empty or an output folio wrote.
func folioOutput(dir string) bool {
	if output.Wrote(dir) {
		return true
	}
	// A folder holding only .git is empty too: a fresh gh-pages checkout
	// or worktree, whose .git the build keeps.
	entries, err := os.ReadDir(dir)
	return err == nil && (len(entries) == 0 || len(entries) == 1 && entries[0].Name() == ".git")
}

// markdownIn returns the name of a Markdown file at the top of dir that
// is not one of the site's static files (which folio publishes as they
// are), "" if none: a content folder that holds a _folio folder (copied
// there, or left by a tool) is no output. Only the top is read: a walk of
// the old output would cost every build.
func markdownIn(dir string, static map[string]bool) string {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Type().IsRegular() && isPage(e.Name()) && !static[e.Name()] {
			return e.Name()
		}
	}
	return ""
}

// within reports whether p is dir or inside it.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && filepath.IsLocal(rel)
}

// StopError is an error of the configuration that stops a check or a
// build before it starts, with the diagnostics that say why, at their
// places: a report in any format gives them (a CI's annotations, a JUnit
// file), where the error's text is for the terminal. It wraps its cause
// (ErrConfig, or the content folder that cannot be opened).
type StopError struct {
	Diags []diag.Diagnostic
	said  string // what Error says: the diagnostics, or the cause with them
	err   error
}

func (e *StopError) Error() string { return e.said }
func (e *StopError) Unwrap() error { return e.err }
