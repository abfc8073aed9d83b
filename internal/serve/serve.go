// Package serve is folio's live preview: it builds the site into a
// temporary directory, serves it on a local address exactly as static
// hosting would, watches the sources, rebuilds on every burst of changes
// and tells the open browser tabs, which update the page in place (or
// swap their stylesheets when only CSS changed, or reload when the
// theme's frame changed). The terminal shows every diagnostic of the
// first build, then only the ones each save adds or fixes; the page shows
// its own in an overlay. A failed build keeps the last good site online.
//
// The live-reload script is served by this package at
// /_folio/livereload.js and is never part of a site's output.
package serve

import (
	"cmp"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"folio/internal/diag"
	"folio/internal/links"
	"folio/internal/output"
	"folio/internal/site"
	"folio/internal/theme"
)

//go:embed livereload.js
var liveReload []byte

// Options says what to serve and where.
type Options struct {
	Build site.Options // what to build; Out and Dev are set by the server
	Addr  string       // host:port to listen on
	Log   io.Writer    // where diagnostics and rebuilds are reported
	// Quiet is how long the sources must stay unchanged before a rebuild
	// starts: it folds a burst of file events into one rebuild.
	Quiet time.Duration

	onStart func(*Server) // for tests
	built   func()        // for tests: called when a full build is written, before it is published
}

// Server is a running preview.
type Server struct {
	opts    Options
	session *site.Session
	hub     *hub
	tmp     string
	current atomic.Pointer[string]
	gen     int
	mu      sync.Mutex // serialises rebuilds
	rebuilt atomic.Int64
	// shown holds the diagnostics the terminal has shown, from the last
	// build that ran to the end; nil before the first.
	shown []diag.Diagnostic
	// pages maps the source file of each page of the last build to its
	// site path, to tell a tab that its page moved.
	pages map[string]string
	// removing tracks the removal of replaced output directories.
	removing sync.WaitGroup
	// own are the files folio's own output goes to (the log, standard
	// output and error redirected to files), which may be in the site:
	// writing a rebuild's line there must not ask for another rebuild.
	own []os.FileInfo
	// stirred counts the watcher's events (watcher.stirred); nil before
	// it watches.
	stirred *atomic.Int64
}

// Run serves until ctx ends. ready, when set, is called with the site's
// URL once the first build is done and the server listens.
func Run(ctx context.Context, opts Options, ready func(url string)) error {
	if opts.Quiet == 0 {
		opts.Quiet = 10 * time.Millisecond
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	root, err := filepath.Abs(opts.Build.Dir)
	if err != nil {
		return err
	}
	opts.Build.Dir = root
	// The address first: a port in use fails at once, not after a build.
	ln, err := net.Listen(network(opts.Addr), opts.Addr)
	if err != nil {
		return &ListenError{Addr: opts.Addr, Err: err}
	}
	defer ln.Close()
	tmp, err := os.MkdirTemp("", "folio-serve-")
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer os.RemoveAll(tmp)
	bo := opts.Build
	bo.Dev, bo.Strict, bo.Progress = true, false, nil
	s := &Server{opts: opts, hub: newHub(), tmp: tmp, session: site.NewSession(bo), own: ownFiles(opts.Log, os.Stdout, os.Stderr)}
	s.hub.page = func(p string) []byte { return pageHTML(s.dir(), p) }
	defer s.session.Close()
	defer s.removing.Wait()
	if opts.onStart != nil {
		opts.onStart(s)
	}

	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	// Watched before the first build, so that a save during it is the
	// next build's.
	w, err := newWatcher(root, func(p string) bool { return s.skip(p) }, opts.Quiet)
	if err != nil {
		_ = srv.Close()
		return fmt.Errorf("serve: watch %s: %w", root, err)
	}
	s.stirred = &w.stirred
	batches := make(chan []string)
	wctx, stopWatch := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { w.run(wctx, root, batches) })
	s.rebuild(ctx, nil)
	if ready != nil {
		ready(pageURL(ln.Addr()))
	}

	var runErr error
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case err := <-serveErr:
			runErr = err
			break loop
		case err := <-w.errors:
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				err = fmt.Errorf("%w: building the whole site again", err)
			}
			fmt.Fprintf(opts.Log, "folio: watch: %v\n", err)
		case changed := <-batches:
			s.rebuild(ctx, changed)
		}
	}
	stopWatch()
	wg.Wait()
	s.hub.close()
	shutCtx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		_ = srv.Close()
	}
	if errors.Is(runErr, http.ErrServerClosed) {
		runErr = nil
	}
	return runErr
}

// ListenError is a failure to listen on the address asked for, most
// often a port that another program uses.
type ListenError struct {
	Addr string
	Err  error
}

func (e *ListenError) Error() string {
	return fmt.Sprintf("serve: cannot listen on %s: %v", e.Addr, e.Err)
}
func (e *ListenError) Unwrap() error { return e.Err }

// Handler serves the current site, the event stream and the live-reload
// script.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/_folio/events", s.hub)
	mux.HandleFunc("/_folio/livereload.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(liveReload)
	})
	mux.Handle("/", fileHandler{dir: s.dir, version: s.hub.version})
	return checkHost(s.opts.Addr, refuseCrossSite(refuseTraversal(mux)))
}

// refuseCrossSite answers 403 to what a page of another site asks of the
// preview other than to open it: a page of any site may load
// search-index.js (every page's text) as a script of its own, and read
// the drafts from it, though the Host is ours. Browsers say who asks
// (Sec-Fetch-Site): another port of localhost is the same site, not the
// same origin. Those that do not say it give an Origin to what a page
// reads, and a Referer to the scripts and styles it loads.
func refuseCrossSite(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		foreign := false
		switch site := r.Header.Get("Sec-Fetch-Site"); site {
		case "", "same-origin", "none":
			if site == "" {
				origin, ref := r.Header.Get("Origin"), r.Header.Get("Referer")
				foreign = origin != "" && !ownOrigin(origin, r) ||
					ref != "" && !ownOrigin(ref, r) && path.Ext(r.URL.Path) != ".html" && !strings.HasSuffix(r.URL.Path, "/")
			}
		default: // same-site, cross-site
			foreign = r.Header.Get("Sec-Fetch-Mode") != "navigate"
		}
		if foreign {
			http.Error(w, "forbidden: the preview answers its own pages only", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// ownOrigin reports whether the URL u (an Origin or a Referer) is of the
// server r was sent to.
func ownOrigin(u string, r *http.Request) bool {
	p, err := url.Parse(u)
	return err == nil && p.Scheme == "http" && strings.EqualFold(p.Host, r.Host)
}

// checkHost answers 403 to a request whose Host is not a loopback name,
// when the server listens on loopback only: otherwise a page of any site
// whose name its owner points at 127.0.0.1 (DNS rebinding) could read the
// drafts and the event stream. Listening on another address is a choice
// to share the preview: any Host is answered.
func checkHost(addr string, next http.Handler) http.Handler {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || !links.LoopbackHost(host) {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := r.Host
		if hh, _, err := net.SplitHostPort(h); err == nil {
			h = hh
		}
		if !links.LoopbackHost(strings.Trim(h, "[]")) {
			http.Error(w, "forbidden: the preview answers to 127.0.0.1 and localhost only", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// dir is the directory of the site served now, "" before the first build.
func (s *Server) dir() string {
	if p := s.current.Load(); p != nil {
		return *p
	}
	return ""
}

// refuseTraversal answers 400 to any path with a ".." segment, decoded or
// not, before the multiplexer would clean it into a redirect.
func refuseTraversal(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, p := range []string{r.URL.Path, r.URL.RawPath, r.RequestURI} {
			q, _, _ := strings.Cut(p, "?")
			for _, seg := range strings.Split(strings.ReplaceAll(strings.ToLower(q), "%2e", "."), "/") {
				if seg == ".." {
					http.Error(w, "bad request", http.StatusBadRequest)
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// skip tells the watcher which directories hold no sources: the server's
// own output, folio build's default output in the site (public/, when
// folio wrote it: its _folio folder says so) and the staging directories
// of a build (.public.folio-…, output.New); and which files: those
// folio's own messages are written to.
func (s *Server) skip(p string) bool {
	if strings.HasPrefix(p, s.tmp) {
		return true
	}
	if len(s.own) > 0 {
		if fi, err := os.Stat(p); err == nil {
			for _, o := range s.own {
				if os.SameFile(fi, o) {
					return true
				}
			}
		}
	}
	base := filepath.Base(p)
	if output.IsStaging(base, "") {
		return true
	}
	if p == filepath.Join(s.opts.Build.Dir, "public") {
		return output.Wrote(p)
	}
	return false
}

// ownFiles returns the regular files among ws: where folio's messages go
// when they are redirected to a file.
func ownFiles(ws ...io.Writer) []os.FileInfo {
	var own []os.FileInfo
	for _, w := range ws {
		f, ok := w.(*os.File)
		if !ok || f == nil {
			continue
		}
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			own = append(own, fi)
		}
	}
	return own
}

// rebuild builds the site into a new directory and, when the build ran
// to the end, serves it and tells the browsers. changed lists the files
// changed since the last build, nil for anything; a change to none that
// the site uses builds nothing.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if changed != nil {
		if changed = s.session.Relevant(changed); len(changed) == 0 {
			return
		}
	}
	start := time.Now()
	res, ok, err := (*site.Result)(nil), false, error(nil)
	if changed != nil && !cssOnly(changed) {
		// Most saves change the text of a page or two: update those in
		// place when the site allows it.
		res, ok, err = s.session.Update(ctx, changed)
	}
	// The outputs of the builds dropped: each is removed once the next
	// build has begun, which waits for what the dropped one still writes
	// (its search index) (t96: removed at once, the write failed, told as
	// an error, and made the folder again).
	var droppedOuts []string
	for dropped := 0; err == nil && !ok; {
		s.gen++
		out := filepath.Join(s.tmp, fmt.Sprintf("site-%d", s.gen))
		var before int64
		if s.stirred != nil {
			before = s.stirred.Load()
		}
		res, err = s.session.Build(ctx, out)
		for _, d := range droppedOuts {
			s.removing.Go(func() { _ = os.RemoveAll(d) })
		}
		droppedOuts = droppedOuts[:0]
		if s.opts.built != nil {
			s.opts.built()
		}
		if err == nil && s.stirred != nil && s.stirred.Load() != before && dropped < maxDropped && s.current.Load() != nil {
			// A file changed while the build read the sources: it may have
			// read a file half written (a SUMMARY.md emptied before its
			// new text, t41), and readers would see that site. It is built
			// again at once, once the save is quiet; until then the last
			// site stays (the first build is served: there is no other). A
			// change of no file the watcher sends on (a lock file made and
			// removed) must not leave it unbuilt (review).
			dropped++
			fmt.Fprintln(s.opts.Log, "folio: files changed during the build: building again")
			droppedOuts = append(droppedOuts, out)
			select {
			case <-ctx.Done():
				return
			case <-time.After(s.opts.Quiet):
			}
			continue
		}
		if err == nil {
			if old := s.current.Swap(&out); old != nil {
				// Readers may still be fetching from it; nobody waits for it.
				s.removing.Go(func() { _ = os.RemoveAll(*old) })
			}
		}
		break
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		// Keep serving the last good site; show why this one failed, on
		// every page: no page of the new site exists.
		if s.current.Load() == nil {
			fmt.Fprintf(s.opts.Log, "folio: build failed, nothing to serve until a build succeeds: %v\n", err)
		} else {
			fmt.Fprintf(s.opts.Log, "folio: build failed, still serving the previous site: %v\n", err)
		}
		s.hub.diagnostics(failure(err))
		return
	}
	s.rebuilt.Add(1)
	var now []diag.Diagnostic // the ones worth showing: warnings and errors
	var list []diagJSON
	for _, d := range res.Diags {
		if d.Severity < diag.Warning {
			continue
		}
		now = append(now, d)
		dj := diagJSON{Path: d.Path, Line: d.Line, Col: d.Col, Severity: d.Severity.String(), Message: d.Msg, Hint: d.Hint}
		if u, ok := res.Pages[d.Path]; ok {
			dj.URL = &u
			dj.Anchor = sectionAt(res.Sections[d.Path], d.Line)
		} else {
			dj.URLs = res.Includers[d.Path] // an included file's: on the pages that include it
		}
		list = append(list, dj)
	}
	what := "built"
	switch {
	case ok:
		what = "updated"
	case changed != nil:
		what = "rebuilt"
	}
	summary := fmt.Sprintf("%s %s in %s", what, diag.Plural(res.Stats.Pages, "page"), time.Since(start).Round(time.Millisecond))
	if s.shown == nil {
		// The first build: every problem of the site.
		for _, d := range now {
			fmt.Fprintln(s.opts.Log, d.String())
		}
	} else {
		// Later ones: what this save changed, so that a new problem is
		// not buried under the ones the editor knows about.
		added, fixed := diffDiags(s.shown, now)
		for _, d := range added {
			fmt.Fprintln(s.opts.Log, "new   "+d.String())
		}
		for _, d := range fixed {
			fmt.Fprintln(s.opts.Log, "fixed "+d.String())
		}
		if len(added)+len(fixed) > 0 {
			summary += fmt.Sprintf(": %d new, %d fixed", len(added), len(fixed))
		}
	}
	if now == nil {
		now = []diag.Diagnostic{} // not nil: the first build is done
	}
	s.shown = now
	fmt.Fprintf(s.opts.Log, "%s (%s, %s)\n", summary,
		diag.Plural(diag.Count(res.Diags, diag.Error), "error"), diag.Plural(diag.Count(res.Diags, diag.Warning), "warning"))
	s.hub.diagnostics(list)
	s.hub.published(kindOf(changed, ok), moves(s.pages, res.Pages))
	s.pages = res.Pages
}

// moves maps the URL path of each page of the last build that this one
// publishes elsewhere (a section or a language renamed) to its new one;
// before and now map source files to their site paths.
func moves(before, now map[string]string) map[string]string {
	var out map[string]string
	for src, old := range before {
		if u, ok := now[src]; ok && u != old {
			if out == nil {
				out = map[string]string{}
			}
			out["/"+old] = "/" + u
		}
	}
	return out
}

// maxDropped bounds the builds dropped in a row because files changed
// while they ran: saves that never stop still get a site published.
const maxDropped = 2

// diffDiags returns the diagnostics of now that were not in before, and
// those of before that are not in now. A diagnostic is the same one when
// its file, severity, rule and message are: a line added above it moves
// it without making it new. Of several alike, those nearest in the file
// are paired, so that the one fixed is the one told (t47: fixing the
// first of two broken links told the second as fixed).
func diffDiags(before, now []diag.Diagnostic) (added, fixed []diag.Diagnostic) {
	key := func(d diag.Diagnostic) string {
		return d.Path + "\x00" + d.Severity.String() + "\x00" + d.Rule + "\x00" + d.Msg
	}
	groups := map[string][2][]int{} // key → indexes in before, in now
	for i, d := range before {
		g := groups[key(d)]
		g[0] = append(g[0], i)
		groups[key(d)] = g
	}
	for i, d := range now {
		g := groups[key(d)]
		g[1] = append(g[1], i)
		groups[key(d)] = g
	}
	keptBefore, keptNow := make([]bool, len(before)), make([]bool, len(now))
	for _, g := range groups {
		if len(g[0]) == 0 || len(g[1]) == 0 {
			continue
		}
		type pair struct{ b, n, dist int }
		var pairs []pair
		for _, b := range g[0] {
			for _, n := range g[1] {
				dist := abs(before[b].Line-now[n].Line)<<16 + abs(before[b].Col-now[n].Col)
				pairs = append(pairs, pair{b, n, dist})
			}
		}
		slices.SortFunc(pairs, func(x, y pair) int { return cmp.Or(x.dist-y.dist, x.b-y.b, x.n-y.n) })
		for _, p := range pairs {
			if !keptBefore[p.b] && !keptNow[p.n] {
				keptBefore[p.b], keptNow[p.n] = true, true
			}
		}
	}
	for i, d := range now {
		if !keptNow[i] {
			added = append(added, d)
		}
	}
	for i, d := range before {
		if !keptBefore[i] {
			fixed = append(fixed, d)
		}
	}
	return added, fixed
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// kindOf says what the open pages must do after a build for the changed
// files: update in place when only text changed, Markdown or the YAML
// and JSON of the configuration and variables (an update in place by the
// session, or a full build: the page compares its frame, and reloads when
// the site's title or menus changed), swap stylesheets when only they
// changed, reload for anything else: an image, whose page is the same,
// a template, a script. A folder made with the pages in it changes
// nothing of itself (t78: book.json, vars.yaml and a new folder reloaded
// every tab).
func kindOf(changed []string, updated bool) buildKind {
	switch {
	case changed == nil:
		return changedFrame
	case updated:
		return changedText
	case cssOnly(changed):
		return changedCSS
	}
	for _, p := range changed {
		if !textFile(p) && !textFolder(p) {
			return changedFrame
		}
	}
	return changedText
}

// textFile reports whether p is Markdown or the YAML or JSON of the
// configuration and variables.
func textFile(p string) bool {
	switch strings.ToLower(filepath.Ext(p)) {
	case ".md", ".yaml", ".yml", ".json":
		return true
	}
	return false
}

// textFolder reports whether p is a folder that holds text files alone
// (textFile), a few hundred at most: a new folder's files may have no
// event of their own.
func textFolder(p string) bool {
	fi, err := os.Stat(p)
	if err != nil || !fi.IsDir() {
		return false
	}
	n, text := 0, true
	_ = filepath.WalkDir(p, func(f string, e fs.DirEntry, err error) error {
		if n++; err != nil || n > 500 || !e.IsDir() && !textFile(f) {
			text = false
			return fs.SkipAll
		}
		return nil
	})
	return text
}

// sectionAt is the ID of the last heading written at or before line.
func sectionAt(secs []site.Section, line int) string {
	id, at := "", 0
	for _, h := range secs {
		if h.Line <= line && h.Line >= at {
			id, at = h.ID, h.Line
		}
	}
	return id
}

// diagJSON is a diagnostic as the live-reload script shows it.
type diagJSON struct {
	Path     string `json:"path,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	// URL is the site path of the page whose source holds the problem
	// ("" for the home page); absent for problems of no page (SUMMARY.md,
	// configuration, a failed build).
	URL *string `json:"url,omitempty"`
	// URLs are the site paths of the pages that include the file that
	// holds the problem, when it is an included file.
	URLs []string `json:"urls,omitempty"`
	// Anchor is the ID of the heading of the page (URL) that the problem
	// is under: the panel links to it. "" before the first heading.
	Anchor string `json:"anchor,omitempty"`
	// Failed marks the problems that stopped the build, which every page
	// shows: none of the new site was published.
	Failed bool `json:"failed,omitempty"`
}

// failure is what every open page shows of a build that failed: its
// problems at their files and lines, flagged so that each page shows them
// as its own (t41: a template's error, having a path, was counted as
// another page's).
func failure(err error) []diagJSON {
	var stop *site.StopError
	if errors.As(err, &stop) && len(stop.Diags) > 0 {
		var list []diagJSON
		for _, d := range stop.Diags {
			if d.Severity >= diag.Warning {
				list = append(list, diagJSON{Path: d.Path, Line: d.Line, Col: d.Col, Severity: d.Severity.String(), Message: d.Msg, Hint: d.Hint, Failed: true})
			}
		}
		if len(list) > 0 {
			return list
		}
	}
	dj := diagJSON{Severity: "error", Message: err.Error(), Failed: true}
	if te := (*theme.TemplateError)(nil); errors.As(err, &te) {
		dj.Path, dj.Line, dj.Message = te.File, te.Line, te.Msg // shown at its file and line, as the others
	}
	return []diagJSON{dj}
}

func cssOnly(paths []string) bool {
	for _, p := range paths {
		if !strings.EqualFold(filepath.Ext(p), ".css") {
			return false
		}
	}
	return len(paths) > 0
}

// network is the network to listen on at addr: "tcp4" for an IPv4
// address, which "tcp" would take for every IPv6 address too (0.0.0.0
// listened on [::], t47).
func network(addr string) string {
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err == nil && ip != nil && ip.To4() != nil {
		return "tcp4"
	}
	return "tcp"
}

// pageURL is the address to open the preview at: an unspecified address
// (0.0.0.0, ::), which no browser opens, is this machine's loopback one.
func pageURL(a net.Addr) string {
	if ta, ok := a.(*net.TCPAddr); ok && ta.IP.IsUnspecified() {
		host := "127.0.0.1"
		if ta.IP.To4() == nil {
			host = "[::1]"
		}
		return "http://" + host + ":" + strconv.Itoa(ta.Port) + "/"
	}
	return "http://" + a.String() + "/"
}
