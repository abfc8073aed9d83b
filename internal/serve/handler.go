package serve

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
)

// fileHandler serves a built site the way static hosting does: folder
// URLs serve their index.html, folders without a trailing slash redirect,
// missing files get 404.html with status 404. Nothing outside the
// directory is ever read: the path is cleaned, ".." is refused, and files
// are opened through an os.Root.
type fileHandler struct {
	dir func() string // the directory to serve now
}

func (h fileHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	p := r.URL.Path
	if !strings.HasPrefix(p, "/") || strings.ContainsRune(p, 0) || strings.Contains(p, "\\") {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
	}
	dir := h.dir()
	if dir == "" {
		http.Error(w, "the site is being built", http.StatusServiceUnavailable)
		return
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		http.Error(w, "the site is being built", http.StatusServiceUnavailable)
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
	if err != nil || info.IsDir() || strings.HasPrefix(path.Base(name), ".") && name != "." {
		h.notFound(w, r, root)
		return
	}
	f, err := root.Open(name)
	if err != nil {
		h.notFound(w, r, root)
		return
	}
	defer f.Close()
	http.ServeContent(w, r, name, info.ModTime(), f)
}

func (h fileHandler) notFound(w http.ResponseWriter, r *http.Request, root *os.Root) {
	b, err := root.ReadFile("404.html")
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			http.Error(w, "not found", http.StatusNotFound)
			return
		}
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		_, _ = w.Write(b)
	}
}
