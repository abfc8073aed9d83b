package serve

import (
	"bytes"
	"errors"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"folio/internal/search"
)

// fileHandler serves a built site the way static hosting does: folder
// URLs serve their index.html, folders without a trailing slash redirect,
// missing files get 404.html with status 404. Nothing outside the
// directory is ever read: the path is cleaned, ".." is refused, and files
// are opened through an os.Root.
//
// HTML pages carry the version of the build they come from, when version
// is set: the live-reload script's URL gets it as its query, so that the
// page can tell the server which build it shows.
type fileHandler struct {
	dir     func() string // the directory to serve now
	version func() string // the version of what dir holds; nil: pages as they are
}

func (h fileHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !validPath(p) {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	if r.Header.Get("Service-Worker") == "script" {
		// The preview's pages register none. One a repository's script
		// registers would outlive the preview, and answer for the next
		// site previewed at this address (t88).
		http.Error(w, "no service workers here", http.StatusForbidden)
		return
	}
	// A file's type is its extension's, never guessed from what it
	// holds: a file named without one (guide, page.jsp) was served as a
	// page, its scripts run at the preview's address (t88).
	w.Header().Set("X-Content-Type-Options", "nosniff")
	// Read before the files: a build is published (its version counted)
	// after its files are written, so a page is never said to be newer
	// than it is.
	version := ""
	if h.version != nil {
		version = h.version()
	}
	dir := h.dir()
	if dir == "" {
		h.notBuilt(w, r, version)
		return
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		h.notBuilt(w, r, version)
		return
	}
	defer root.Close()
	// Revalidate every time: the site changes under the reader's eyes.
	w.Header().Set("Cache-Control", "no-cache")

	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" {
		name = "."
	}
	info, err := root.Stat(name)
	if errors.Is(err, fs.ErrNotExist) && path.Base(name) == search.ScriptName {
		// A full build's search index is written after the site is
		// swapped in (Session.Build): a tab that reloads then waits for
		// it, rather than say search cannot be loaded (t78).
		for end := time.Now().Add(searchWait); errors.Is(err, fs.ErrNotExist) && time.Now().Before(end); {
			time.Sleep(25 * time.Millisecond)
			info, err = root.Stat(name)
		}
	}
	if err == nil && info.IsDir() {
		if !strings.HasSuffix(p, "/") {
			target := p + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		info, err = root.Stat(name)
	}
	// A file asked for as a folder (search-index.js/) is not found, as a
	// static host answers: served, it passed by refuseCrossSite, which
	// lets a page's folder be linked from anywhere (t40).
	if err != nil || info.IsDir() || strings.HasPrefix(path.Base(name), ".") && name != "." ||
		strings.HasSuffix(p, "/") && path.Base(name) != "index.html" {
		h.notFound(w, r, root, version)
		return
	}
	if version != "" && strings.HasSuffix(name, ".html") {
		b, err := root.ReadFile(name)
		if err != nil {
			h.notFound(w, r, root, version)
			return
		}
		writeHTML(w, r, http.StatusOK, stampVersion(b, version))
		return
	}
	f, err := root.Open(name)
	if err != nil {
		h.notFound(w, r, root, version)
		return
	}
	defer f.Close()
	if mime.TypeByExtension(path.Ext(name)) == "" {
		w.Header().Set("Content-Type", "application/octet-stream")
	}
	http.ServeContent(w, r, name, info.ModTime(), f)
}

// searchWait is how long a request for a search index that is not
// written yet waits for it.
const searchWait = 3 * time.Second

// validPath reports whether p, a decoded URL path, may name a file of
// the site: absolute, without NUL, backslash or ".." segment.
func validPath(p string) bool {
	if !strings.HasPrefix(p, "/") || strings.ContainsRune(p, 0) || strings.Contains(p, "\\") {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return false
		}
	}
	return true
}

// pageHTML reads the page that the URL path p (decoded) shows in the site
// in dir: nil when it shows none (a folder without its slash, a missing
// page, a file that is not HTML).
func pageHTML(dir, p string) []byte {
	if dir == "" || !validPath(p) {
		return nil
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil
	}
	defer root.Close()
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") {
		name = path.Join(name, "index.html")
	}
	if !strings.HasSuffix(name, ".html") || strings.HasPrefix(path.Base(name), ".") {
		return nil
	}
	b, err := root.ReadFile(name)
	if err != nil {
		return nil
	}
	return b
}

// notBuiltPage is what a page shows while no build has succeeded: the
// live-reload script shows the first build's problems, and loads the page
// once one succeeds (t41: a plain text that never changed).
const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>folio serve</title>` +
	`<meta name="viewport" content="width=device-width,initial-scale=1"></head>` +
	`<body data-folio-unbuilt style="font:16px/1.5 system-ui,sans-serif;margin:2rem"><h1>The site is being built</h1>` +
	`<p>This page loads as soon as a build succeeds. If the build fails, its problems are listed below and in the terminal.</p>` +
	`<script src="/_folio/livereload.js"></script></body></html>`

// notBuilt answers while there is no site to serve yet. The page's
// script carries the version of no build, so that a tab that connects
// after the first build, hidden until then, is told of it (review).
func (h fileHandler) notBuilt(w http.ResponseWriter, r *http.Request, version string) {
	w.Header().Set("Cache-Control", "no-store")
	if r.Method == http.MethodGet && strings.Contains(r.Header.Get("Accept"), "text/html") {
		page := []byte(notBuiltPage)
		if version != "" {
			page = stampVersion(page, version)
		}
		writeHTML(w, r, http.StatusServiceUnavailable, page)
		return
	}
	http.Error(w, "the site is being built", http.StatusServiceUnavailable)
}

// stampVersion adds the version to the URL of the live-reload script in
// a page: "livereload.js?<version>". The version holds no '=', quote or
// space, so the URL stays valid in an attribute with or without quotes.
func stampVersion(page []byte, version string) []byte {
	const script = "_folio/livereload.js"
	i := bytes.Index(page, []byte(script))
	if i < 0 {
		return page
	}
	i += len(script)
	out := make([]byte, 0, len(page)+len(version)+1)
	out = append(out, page[:i]...)
	out = append(out, '?')
	out = append(out, version...)
	return append(out, page[i:]...)
}

// writeHTML writes a page that is made for this request: no validators,
// as the same file serves different bytes from one build to the next.
func writeHTML(w http.ResponseWriter, r *http.Request, status int, b []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b)
	}
}

func (h fileHandler) notFound(w http.ResponseWriter, r *http.Request, root *os.Root, version string) {
	// The nearest 404.html up the path, as the hosts that look for one
	// serve it: a language's own under its folder (fr/404.html). Any
	// failure climbs on (a file in the path, /style.css/x, is not a
	// folder); root confines every read to the site.
	dir := path.Dir(strings.TrimPrefix(path.Clean(r.URL.Path), "/"))
	b, err := root.ReadFile(path.Join(dir, "404.html"))
	for err != nil && dir != "." {
		dir = path.Dir(dir)
		b, err = root.ReadFile(path.Join(dir, "404.html"))
	}
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		http.NotFound(w, r)
		return
	}
	if version != "" {
		b = stampVersion(b, version)
	}
	writeHTML(w, r, http.StatusNotFound, b)
}
