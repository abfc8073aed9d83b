// Package serve is folio's live preview: it builds the site into a
// temporary directory, serves it on a local address exactly as static
// hosting would, watches the sources, rebuilds on every burst of changes
// and tells the open browser tabs to reload (or to swap their stylesheets
// when only CSS changed). Diagnostics of the last build show in the
// terminal and as an overlay in the page. A failed build keeps the last
// good site online.
//
// The live-reload script is served by this package at
// /_folio/livereload.js and is never part of a site's output.
package serve

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"folio/internal/build"
	"folio/internal/diag"
)

//go:embed livereload.js
var liveReload []byte

// Options says what to serve and where.
type Options struct {
	Build build.Options // what to build; Out and Dev are set by the server
	Addr  string        // host:port to listen on
	Log   io.Writer     // where diagnostics and rebuilds are reported
	// Quiet is how long the sources must stay unchanged before a rebuild
	// starts: it folds a burst of file events into one rebuild.
	Quiet time.Duration

	onStart func(*Server) // for tests
}

// Server is a running preview.
type Server struct {
	opts    Options
	session *build.Session
	hub     *hub
	tmp     string
	current atomic.Pointer[string]
	gen     int
	mu      sync.Mutex // serialises rebuilds
	rebuilt atomic.Int64
	// removing tracks the removal of replaced output directories.
	removing sync.WaitGroup
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
	site, err := filepath.Abs(opts.Build.Dir)
	if err != nil {
		return err
	}
	opts.Build.Dir = site
	tmp, err := os.MkdirTemp("", "folio-serve-")
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer os.RemoveAll(tmp)
	bo := opts.Build
	bo.Dev, bo.Strict, bo.Progress = true, false, nil
	s := &Server{opts: opts, hub: newHub(), tmp: tmp, session: build.NewSession(bo)}
	defer s.session.Close()
	defer s.removing.Wait()
	if opts.onStart != nil {
		opts.onStart(s)
	}

	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	s.rebuild(ctx, nil)
	w, err := newWatcher(site, func(p string) bool { return s.skip(p) }, opts.Quiet)
	if err != nil {
		_ = srv.Close()
		return fmt.Errorf("serve: watch %s: %w", site, err)
	}
	batches := make(chan []string)
	wctx, stopWatch := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() { w.run(wctx, batches) })
	if ready != nil {
		ready("http://" + ln.Addr().String() + "/")
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
	mux.Handle("/", fileHandler{dir: func() string {
		if p := s.current.Load(); p != nil {
			return *p
		}
		return ""
	}})
	return refuseTraversal(mux)
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
// own output, and folio build's default output in the site.
func (s *Server) skip(p string) bool {
	return strings.HasPrefix(p, s.tmp) || p == filepath.Join(s.opts.Build.Dir, "public") ||
		strings.Contains(filepath.Base(p), ".folio-")
}

// rebuild builds the site into a new directory and, when the build ran
// to the end, serves it and tells the browsers.
func (s *Server) rebuild(ctx context.Context, changed []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	start := time.Now()
	res, ok, err := (*build.Result)(nil), false, error(nil)
	if changed != nil && !cssOnly(changed) {
		// Most saves change the text of a page or two: update those in
		// place when the site allows it.
		res, ok, err = s.session.Update(ctx, changed)
	}
	if err == nil && !ok {
		s.gen++
		out := filepath.Join(s.tmp, fmt.Sprintf("site-%d", s.gen))
		res, err = s.session.Build(ctx, out)
		if err == nil {
			if old := s.current.Swap(&out); old != nil {
				// Readers may still be fetching from it; nobody waits for it.
				s.removing.Go(func() { _ = os.RemoveAll(*old) })
			}
		}
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		// Keep serving the last good site; show why this one failed.
		fmt.Fprintf(s.opts.Log, "folio: build failed, still serving the previous site: %v\n", err)
		s.hub.send(diagEvent([]diagJSON{{Severity: "error", Message: err.Error()}}))
		return
	}
	s.rebuilt.Add(1)
	var list []diagJSON
	for _, d := range res.Diags {
		if d.Severity < diag.Warning {
			continue
		}
		fmt.Fprintln(s.opts.Log, d.String())
		list = append(list, diagJSON{Path: d.Path, Line: d.Line, Col: d.Col, Severity: d.Severity.String(),
			Message: d.Msg, Hint: d.Hint, URL: res.Pages[d.Path]})
	}
	what := "built"
	switch {
	case ok:
		what = "updated"
	case changed != nil:
		what = "rebuilt"
	}
	fmt.Fprintf(s.opts.Log, "%s %d pages in %s (%d errors, %d warnings)\n", what, res.Stats.Pages,
		time.Since(start).Round(time.Millisecond), diag.Count(res.Diags, diag.Error), diag.Count(res.Diags, diag.Warning))
	s.hub.send(diagEvent(list))
	if changed == nil {
		return
	}
	if cssOnly(changed) {
		s.hub.send(event{name: "css", data: "{}"})
	} else {
		s.hub.send(event{name: "reload", data: "{}"})
	}
}

// diagJSON is a diagnostic as the live-reload script shows it.
type diagJSON struct {
	Path     string `json:"path,omitempty"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint,omitempty"`
	URL      string `json:"url"` // site path of the page concerned, "" for the whole site
}

func diagEvent(list []diagJSON) event {
	if list == nil {
		list = []diagJSON{}
	}
	b, _ := json.Marshal(list)
	return event{name: "diagnostics", data: string(b)}
}

func cssOnly(paths []string) bool {
	for _, p := range paths {
		if !strings.EqualFold(filepath.Ext(p), ".css") {
			return false
		}
	}
	return len(paths) > 0
}
