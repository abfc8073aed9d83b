package serve

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	neturl "net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"folio/internal/testkit"
)

// syncBuffer is a bytes.Buffer that the server writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// next returns what was written since the last call.
func (s *syncBuffer) next() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := s.b.String()
	s.b.Reset()
	return out
}

// TestSecondSavePrintsOnlyChanges: the first build prints every problem
// of the site; each save after it prints only the problems it added or
// fixed, one line each, and a one-line summary.
func TestSecondSavePrintsOnlyChanges(t *testing.T) {
	files := map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n* [Other](other.md)\n",
		"README.md":  "# Home\n\n![old](img/gone.png)\n",
		"page.md":    "# Page\n\nFirst text.\n",
		"other.md":   "# Other\n\n![a](img/a.png) ![b](img/b.png)\n",
	}
	log := &syncBuffer{}
	dir, url, _ := startLog(t, files, 20*time.Millisecond, log)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	first := log.next()
	for _, want := range []string{"README.md:3", "img/gone.png", "other.md:3", "img/a.png", "img/b.png", "built "} {
		if !strings.Contains(first, want) {
			t.Errorf("first build's output lacks %q:\n%s", want, first)
		}
	}

	// A new problem on one page: one line for it, then the summary.
	testkit.WriteFiles(t, dir, map[string]string{"page.md": "# Page\n\nFirst text. ![c](img/c.png)\n"})
	waitFor(t, ev, "update")
	second := log.next()
	lines := strings.Split(strings.TrimSpace(second), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "new ") || !strings.Contains(lines[0], "page.md:3") ||
		!strings.Contains(lines[0], "img/c.png") {
		t.Errorf("second save printed:\n%s\nwant one new line for page.md and a summary", second)
	}
	if !regexp.MustCompile(`^updated 1 pages? in \S+: 1 new, 0 fixed \(\d+ errors, \d+ warnings\)$`).MatchString(lines[len(lines)-1]) {
		t.Errorf("summary line %q", lines[len(lines)-1])
	}
	for _, old := range []string{"gone.png", "img/a.png", "img/b.png"} {
		if strings.Contains(second, old) {
			t.Errorf("second save reprinted the known problem %s:\n%s", old, second)
		}
	}

	// A line added above a problem moves it: it is neither new nor fixed.
	// Fixing one of other.md's two prints it as fixed.
	testkit.WriteFiles(t, dir, map[string]string{"other.md": "# Other\n\nAdded line.\n\n![b](img/b.png)\n"})
	waitFor(t, ev, "update")
	third := log.next()
	lines = strings.Split(strings.TrimSpace(third), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "fixed ") || !strings.Contains(lines[0], "img/a.png") ||
		!strings.Contains(lines[1], ": 0 new, 1 fixed") {
		t.Errorf("third save printed:\n%s\nwant one fixed line for img/a.png and a summary", third)
	}

	// A save that changes no problem prints the summary alone.
	testkit.WriteFiles(t, dir, map[string]string{"page.md": "# Page\n\nOther text. ![c](img/c.png)\n"})
	waitFor(t, ev, "update")
	if fourth := strings.TrimSpace(log.next()); strings.Contains(fourth, "\n") || !strings.HasPrefix(fourth, "updated ") {
		t.Errorf("a save with the same problems printed:\n%s", fourth)
	}
}

var versionRE = regexp.MustCompile(`_folio/livereload\.js\?([0-9a-f]+\.\d+)`)

// pageVersion returns the build version a page is served with.
func pageVersion(t *testing.T, url string) string {
	t.Helper()
	_, body := get(t, url)
	m := versionRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("%s: no version on the live-reload script", url)
	}
	return m[1]
}

// eventsAt is events for a page that has version v.
func eventsAt(t *testing.T, url, v string, lastEventID bool) <-chan string {
	t.Helper()
	req, _ := http.NewRequest("GET", url+"_folio/events?v="+v, nil)
	if lastEventID {
		req, _ = http.NewRequest("GET", url+"_folio/events", nil)
		req.Header.Set("Last-Event-ID", v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	return readEvents(resp)
}

// TestStalePageIsToldAtOnce: a page (re)connecting with the version of
// an older build is told to update as it connects: the edit saved while
// it was loading is not lost. What it must do depends on the builds it
// missed.
func TestStalePageIsToldAtOnce(t *testing.T) {
	files := map[string]string{"static/site.css": "body{color:red}"}
	for k, v := range siteFiles {
		files[k] = v
	}
	dir, url, _ := start(t, files)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	v1 := pageVersion(t, url+"page/")
	if v := pageVersion(t, url+"missing/"); v != v1 {
		t.Errorf("404 page has version %s, page %s", v, v1)
	}

	// Up to date: nothing to do.
	up := eventsAt(t, url, v1, false)
	waitFor(t, up, "diagnostics")
	select {
	case e := <-up:
		t.Errorf("an up-to-date page was sent %s", e)
	case <-time.After(200 * time.Millisecond):
	}

	testkit.WriteFiles(t, dir, map[string]string{"page.md": "# Page\n\nSecond text.\n"})
	e := waitFor(t, ev, "update")
	v2 := pageVersion(t, url+"page/")
	if v2 == v1 || !strings.Contains(e, `"v":"`+v2+`"`) || strings.Contains(e, "reload") {
		t.Errorf("after an edit: %s, page at %s (was %s)", e, v2, v1)
	}
	for _, lastID := range []bool{false, true} {
		got := update(t, waitFor(t, eventsAt(t, url, v1, lastID), "update"))
		if got.Version != v2 || got.Reload || got.CSS {
			t.Errorf("a page at %s connecting (Last-Event-ID %v) was sent %+v, want an update to %s", v1, lastID, got, v2)
		}
	}

	// A CSS change: a page that missed it swaps its stylesheets too.
	testkit.WriteFiles(t, dir, map[string]string{"static/site.css": "body{color:blue}"})
	waitFor(t, ev, "update")
	if got := update(t, waitFor(t, eventsAt(t, url, v1, false), "update")); !got.CSS || got.Reload {
		t.Errorf("a page that missed a CSS change was sent %+v", got)
	}
	// A template change: pages that missed it reload.
	testkit.WriteFiles(t, dir, map[string]string{"themes/default/templates/partials/footer.html": "<footer>new</footer>"})
	waitFor(t, ev, "update")
	v4 := pageVersion(t, url+"page/")
	for _, v := range []string{v1, v2} {
		if got := update(t, waitFor(t, eventsAt(t, url, v, false), "update")); !got.Reload || got.Version != v4 {
			t.Errorf("a page at %s that missed a template change was sent %+v", v, got)
		}
	}
	// A page of an earlier run of the server reloads.
	if got := update(t, waitFor(t, eventsAt(t, url, "0badc0de."+strings.SplitN(v4, ".", 2)[1], false), "update")); !got.Reload {
		t.Errorf("a page of another server run was sent %+v", got)
	}
	for _, v := range []string{"nonsense", strings.SplitN(v4, ".", 2)[0] + ".999", strings.SplitN(v4, ".", 2)[0] + ".-1", ".", "\x00"} {
		if got := update(t, waitFor(t, eventsAt(t, url, neturl.QueryEscape(v), false), "update")); !got.Reload {
			t.Errorf("a page with the version %q was sent %+v", v, got)
		}
	}
}

func update(t *testing.T, e string) updateJSON {
	t.Helper()
	var u updateJSON
	if err := json.Unmarshal([]byte(strings.TrimPrefix(e, "update ")), &u); err != nil {
		t.Fatalf("update event %q: %v", e, err)
	}
	return u
}

// TestDiagnosticPages: each diagnostic names the page it belongs to, the
// home page's as "" like any other; a problem of no page names none (the
// home page's were once shown on every page). A page's names the heading
// it is under, which the panel links to.
func TestDiagnosticPages(t *testing.T) {
	_, url, _ := start(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n* [Gone](gone.md)\n",
		"README.md":  "![x](top.png)\n\n# Home\n\n![x](home.png)\n",
		"page.md":    "# Page\n\n## Setup\n\n![x](page.png)\n\n## Later\n",
	})
	var list []diagJSON
	d := waitFor(t, events(t, url), "diagnostics")
	if err := json.Unmarshal([]byte(strings.TrimPrefix(d, "diagnostics ")), &list); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, d := range list {
		u := "(none)"
		if d.URL != nil {
			u = *d.URL + "#" + d.Anchor
		}
		got[fmt.Sprintf("%s:%d", d.Path, d.Line)] = u
	}
	want := map[string]string{"README.md:1": "#", "README.md:5": "#home", "page.md:5": "page/#setup", "SUMMARY.md:5": "(none)"}
	for p, u := range want {
		if got[p] != u {
			t.Errorf("diagnostic at %s: page %q, want %q (all: %s)", p, got[p], u, d)
		}
	}
}

// TestUpdateCarriesPage: an update carries the new HTML of the tab's page,
// stamped with its version, so that the tab needs no request; never a
// file outside the site, nor anything but a page.
func TestUpdateCarriesPage(t *testing.T) {
	dir, url, _ := start(t, siteFiles)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	v1 := pageVersion(t, url+"page/")
	_ = os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.html"), []byte("secret"), 0o644)
	streams := map[string]<-chan string{}
	for _, p := range []string{"/page/", "/page", "/", "/index.html", "/missing/", "/../secret.html", "/%2e%2e/secret.html", "/page/%00", "/_folio/folio.css"} {
		streams[p] = eventsAt(t, url, v1+"&page="+neturl.QueryEscape(p), false)
		waitFor(t, streams[p], "diagnostics")
	}
	testkit.WriteFiles(t, dir, map[string]string{"page.md": "# Page\n\nPushed text.\n"})
	for p, ev := range streams {
		u := update(t, waitFor(t, ev, "update"))
		switch p {
		case "/page/":
			if !strings.Contains(u.HTML, "Pushed text") || !strings.Contains(u.HTML, "livereload.js?"+u.Version) {
				t.Errorf("%s: update without its new HTML, or without its version: %.200q", p, u.HTML)
			}
		case "/", "/index.html":
			if !strings.Contains(u.HTML, "<title>") {
				t.Errorf("%s: update without the home page", p)
			}
		default:
			if u.HTML != "" {
				t.Errorf("%s: update carries %.100q, want nothing", p, u.HTML)
			}
		}
	}
}

// TestAtomicSaveUpdatesInPlace: an editor that saves through a temporary
// file renamed over the page (as sed -i and many editors do) gives an
// update of that page, not a full build and a reload.
func TestAtomicSaveUpdatesInPlace(t *testing.T) {
	log := &syncBuffer{}
	dir, url, _ := startLog(t, siteFiles, 20*time.Millisecond, log)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	log.next()
	tmp := filepath.Join(dir, ".page.md.sedX1b2c3")
	if err := os.WriteFile(tmp, []byte("# Page\n\nAtomic text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "page.md")); err != nil {
		t.Fatal(err)
	}
	if u := update(t, waitFor(t, ev, "update")); u.Reload {
		t.Errorf("an atomic save reloads the page: %+v", u)
	}
	if out := log.next(); !strings.HasPrefix(out, "updated 1 page") {
		t.Errorf("an atomic save gave %q, want an update of the page", out)
	}
	if _, body := get(t, url+"page/"); !strings.Contains(body, "Atomic text") {
		t.Error("the saved text is not served")
	}
}
