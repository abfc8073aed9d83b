package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	neturl "net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"

	"folio/internal/diag"
	"folio/internal/site"
	"folio/internal/testkit"
)

func TestFileHandler(t *testing.T) {
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, map[string]string{
		"index.html":   "home",
		"a/index.html": "page a",
		"404.html":     "custom not found",
		"fr/404.html":  "page introuvable",
		"style.css":    "body{}",
		".nojekyll":    "",
		"img/x y.png":  "png",
		"files/guide":  "<script>navigator.serviceWorker.register('/sw.js')</script>",
		"page.jsp":     "<html><script>x()</script></html>",
	})
	secret := filepath.Join(filepath.Dir(dir), "secret.txt")
	_ = os.WriteFile(secret, []byte("secret"), 0o644)
	srv := httptest.NewServer(refuseTraversal(fileHandler{dir: func() string { return dir }}))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	tests := []struct {
		path   string
		status int
		body   string
		ctype  string
	}{
		{"/", 200, "home", "text/html"},
		{"/a/", 200, "page a", "text/html"},
		{"/a", 301, "", ""},
		{"/style.css", 200, "body{}", "text/css"},
		{"/img/x%20y.png", 200, "png", "image/png"},
		{"/missing/", 404, "custom not found", "text/html"},
		{"/.nojekyll", 404, "custom not found", ""},
		{"/fr/missing/deep/", 404, "page introuvable", "text/html"}, // the nearest 404.html
		{"/fr/x", 404, "page introuvable", "text/html"},
		{"/frx/", 404, "custom not found", "text/html"},
		{"/style.css/x", 404, "custom not found", "text/html"}, // a file is no folder: climb on
		// A file asked for as a folder is not found, as a static host
		// answers: it passed refuseCrossSite, which lets folders be
		// asked for from anywhere (t40).
		{"/style.css/", 404, "custom not found", "text/html"},
		{"/../secret.txt", 400, "", ""},
		{"/a/../../secret.txt", 400, "", ""},
		{"/%2e%2e/secret.txt", 400, "", ""},
		{"/a/%2E%2E/%2e%2e/secret.txt", 400, "", ""},
		{"/..%2fsecret.txt", 400, "", ""},
		// A file's type is never guessed from what it holds (t88).
		{"/files/guide", 200, "", "application/octet-stream"},
		{"/page.jsp", 200, "", "application/octet-stream"},
	}
	for _, tc := range tests {
		req, _ := http.NewRequest("GET", srv.URL+tc.path, nil)
		req.URL.Opaque = tc.path // send the path exactly as written
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("GET %s: status %d, want %d", tc.path, resp.StatusCode, tc.status)
		}
		if tc.body != "" && string(b) != tc.body {
			t.Errorf("GET %s: body %q, want %q", tc.path, b, tc.body)
		}
		if tc.ctype != "" && !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.ctype) {
			t.Errorf("GET %s: Content-Type %q", tc.path, resp.Header.Get("Content-Type"))
		}
		if strings.Contains(string(b), "secret") {
			t.Errorf("GET %s served a file outside the site", tc.path)
		}
		if tc.status == 200 && resp.Header.Get("Cache-Control") != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q", tc.path, resp.Header.Get("Cache-Control"))
		}
		if tc.status == 200 && resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: X-Content-Type-Options %q, want nosniff", tc.path, resp.Header.Get("X-Content-Type-Options"))
		}
	}
	// No service worker is registered from the preview's address.
	req, _ := http.NewRequest("GET", srv.URL+"/style.css", nil)
	req.Header.Set("Service-Worker", "script")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("a service worker's script request: status %d, want 403", resp.StatusCode)
	}
}

// events reads server-sent events from the live server into a channel.
func events(t testing.TB, url string) <-chan string {
	t.Helper()
	resp, err := http.Get(url + "_folio/events")
	if err != nil {
		t.Fatal(err)
	}
	return readEvents(resp)
}

// readEvents reads the events of a stream into a channel, as "name data".
func readEvents(resp *http.Response) <-chan string {
	ch := make(chan string, 100)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var name string
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ch <- name + " " + strings.TrimPrefix(line, "data: ")
			}
		}
		close(ch)
	}()
	return ch
}

// waitFor returns the first event that starts with prefix.
func waitFor(t testing.TB, ch <-chan string, prefix string) string {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		select {
		case e, ok := <-ch:
			if !ok {
				t.Fatalf("event stream ended waiting for %q", prefix)
			}
			if strings.HasPrefix(e, prefix) {
				return e
			}
		case <-deadline:
			t.Fatalf("no %q event", prefix)
		}
	}
}

// start runs a server over a new site and returns its URL.
func start(t *testing.T, files map[string]string) (string, string, *Server) {
	return startQuiet(t, files, 20*time.Millisecond)
}

func startQuiet(t *testing.T, files map[string]string, quiet time.Duration) (string, string, *Server) {
	t.Helper()
	return startLog(t, files, quiet, nil)
}

// startLog is start with the server's terminal output going to log.
func startLog(t *testing.T, files map[string]string, quiet time.Duration, log io.Writer) (string, string, *Server) {
	t.Helper()
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, files)
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	var srv *Server
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Build: site.Options{Dir: dir, NoMinify: true}, Addr: "127.0.0.1:0", Quiet: quiet, Log: log,
			onStart: func(s *Server) { srv = s }}, func(u string) { urls <- u })
	}()
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		t.Fatalf("serve: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return dir, url, srv
}

var siteFiles = map[string]string{
	"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n",
	"README.md":  "# Home\n\nSee [page](page.md).\n",
	"page.md":    "# Page\n\nFirst text.\n",
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestEditCreateDeleteRename(t *testing.T) {
	dir, url, _ := start(t, siteFiles)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	if _, body := get(t, url+"page/"); !strings.Contains(body, "First text") || !strings.Contains(body, "_folio/livereload.js") {
		t.Fatal("first build not served with the live-reload script")
	}
	if _, body := get(t, url+"_folio/livereload.js"); !strings.Contains(body, "EventSource") {
		t.Fatal("live-reload script not served")
	}
	// Edit.
	testkit.WriteFiles(t, dir, map[string]string{"page.md": "# Page\n\nSecond text.\n"})
	waitFor(t, ev, "update")
	if _, body := get(t, url+"page/"); !strings.Contains(body, "Second text") {
		t.Error("edit not served")
	}
	// Create a page and list it.
	testkit.WriteFiles(t, dir, map[string]string{
		"new/fresh.md": "# Fresh\n\nNew page.\n",
		"SUMMARY.md":   "# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n* [Fresh](new/fresh.md)\n",
	})
	waitFor(t, ev, "update")
	if code, body := get(t, url+"new/fresh/"); code != 200 || !strings.Contains(body, "New page") {
		t.Errorf("created page: %d", code)
	}
	// Rename it.
	if err := os.Rename(filepath.Join(dir, "new/fresh.md"), filepath.Join(dir, "new/renamed.md")); err != nil {
		t.Fatal(err)
	}
	testkit.WriteFiles(t, dir, map[string]string{"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n* [Renamed](new/renamed.md)\n"})
	waitFor(t, ev, "update")
	if code, _ := get(t, url+"new/renamed/"); code != 200 {
		t.Errorf("renamed page: %d", code)
	}
	if code, _ := get(t, url+"new/fresh/"); code != 404 {
		t.Errorf("old name after rename: %d, want 404", code)
	}
	// Delete an asset a page uses: the page's diagnostics say so.
	testkit.WriteFiles(t, dir, map[string]string{"img/a.png": "x", "page.md": "# Page\n\n![a](img/a.png)\n"})
	waitFor(t, ev, "update")
	if code, _ := get(t, url+"img/a.png"); code != 200 {
		t.Errorf("asset: %d", code)
	}
	if err := os.Remove(filepath.Join(dir, "img/a.png")); err != nil {
		t.Fatal(err)
	}
	d := waitFor(t, ev, `diagnostics [{`)
	if !strings.Contains(d, "missing target img/a.png") || !strings.Contains(d, `"url":"page/"`) {
		t.Errorf("diagnostics after deleting an asset: %s", d)
	}
}

func TestBadFrontMatterOverlayAndRecovery(t *testing.T) {
	dir, url, _ := start(t, siteFiles)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	testkit.WriteFiles(t, dir, map[string]string{"page.md": "---\ndescription: bad: yaml\n---\n# Page\n\nText.\n"})
	d := waitFor(t, ev, `diagnostics [{`)
	if !strings.Contains(d, `"path":"page.md","line":2`) || !strings.Contains(d, `"url":"page/"`) {
		t.Errorf("front matter diagnostics: %s", d)
	}
	testkit.WriteFiles(t, dir, map[string]string{"page.md": "---\ndescription: \"good: yaml\"\n---\n# Page\n\nText.\n"})
	waitFor(t, ev, "diagnostics []")
}

func TestBrokenTemplateKeepsLastGoodSite(t *testing.T) {
	dir, url, _ := start(t, siteFiles)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	testkit.WriteFiles(t, dir, map[string]string{"themes/default/templates/page.html": "<html>\n{{ .Broken "})
	d := waitFor(t, ev, `diagnostics [{`)
	// At its file in the site and its line, as the panel shows the others.
	if !strings.Contains(d, `"path":"themes/default/templates/page.html","line":2`) {
		t.Errorf("template error not reported at its file and line: %s", d)
	}
	// Flagged as stopping the build, so that every page shows it as its
	// own (t41: a problem with a path was another page's, folded).
	if !strings.Contains(d, `"failed":true`) {
		t.Errorf("template error not flagged as the build's failure: %s", d)
	}
	if code, body := get(t, url+"page/"); code != 200 || !strings.Contains(body, "First text") {
		t.Errorf("last good site not served: %d", code)
	}
	if err := os.RemoveAll(filepath.Join(dir, "themes")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ev, "update")
}

func TestBurstIsOneRebuild(t *testing.T) {
	files := map[string]string{}
	for k, v := range siteFiles {
		files[k] = v
	}
	// The writes below come from 500 goroutines on a machine that may be
	// busy (CI runs the browser tests beside it): a longer quiet period
	// keeps them one burst (a fresh-clone CI run saw 2 rebuilds at 150 ms).
	dir, url, srv := startQuiet(t, files, 400*time.Millisecond)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	before := srv.rebuilt.Load()
	// 500 file events in a burst, as a git checkout makes them.
	var wg sync.WaitGroup
	for i := range 500 {
		wg.Go(func() {
			name := filepath.Join(dir, "burst", "f"+strings.Repeat("x", i%7)+string(rune('a'+i%26))+".md")
			_ = os.MkdirAll(filepath.Dir(name), 0o755)
			_ = os.WriteFile(name, []byte("# x\n"), 0o644)
		})
	}
	wg.Wait()
	waitFor(t, ev, "update")
	time.Sleep(300 * time.Millisecond)
	if n := srv.rebuilt.Load() - before; n != 1 {
		t.Errorf("a burst of 500 events gave %d rebuilds, want 1", n)
	}
}

func TestCSSOnlyChange(t *testing.T) {
	// static/ is a folio site's: one with site.yaml.
	files := map[string]string{"static/site.css": "body{color:red}", "site.yaml": "title: T\ncontent: .\n"}
	for k, v := range siteFiles {
		files[k] = v
	}
	dir, url, _ := start(t, files)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	testkit.WriteFiles(t, dir, map[string]string{"static/site.css": "body{color:blue}"})
	if e := waitFor(t, ev, "update"); !strings.Contains(e, `"css":true`) || strings.Contains(e, `"reload"`) {
		t.Errorf("after a CSS change: %s, want a CSS swap and no reload", e)
	}
	if _, body := get(t, url+"site.css"); !strings.Contains(body, "blue") {
		t.Error("new stylesheet not served")
	}
}

// TestManyTabs: fifty open tabs all get the reload.
func TestManyTabs(t *testing.T) {
	dir, url, _ := start(t, siteFiles)
	var streams []<-chan string
	for range 50 {
		ev := events(t, url)
		waitFor(t, ev, "diagnostics")
		streams = append(streams, ev)
	}
	testkit.WriteFiles(t, dir, map[string]string{"page.md": "# Page\n\nFor every tab.\n"})
	for _, ev := range streams {
		waitFor(t, ev, "update")
	}
}

// TestCleanShutdown: when the context ends, Run returns, the port is
// closed, the temporary directory is gone and no goroutine is left.
func TestCleanShutdown(t *testing.T) {
	before := runtime.NumGoroutine()
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, siteFiles)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Build: site.Options{Dir: dir, NoMinify: true}, Addr: "127.0.0.1:0"}, func(u string) { urls <- u })
	}()
	url := <-urls
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(url); err == nil {
		t.Error("server still answers after shutdown")
	}
	if left, _ := os.ReadDir(tmp); len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before+1 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond) // the event reader ends with its stream
	}
	if n := runtime.NumGoroutine(); n > before+1 {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines left running (%d before):\n%s", n-before, before, buf[:runtime.Stack(buf, true)])
	}
}

// TestBrokenSiteYAMLKeepsLastGoodSite: a site.yaml that is not YAML shows
// the error and keeps the last good site online.
func TestBrokenSiteYAMLKeepsLastGoodSite(t *testing.T) {
	files := map[string]string{"site.yaml": "title: Good\n"}
	for k, v := range siteFiles {
		files[k] = v
	}
	dir, url, _ := start(t, files)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	testkit.WriteFiles(t, dir, map[string]string{"site.yaml": "title: [\n"})
	if d := waitFor(t, ev, `diagnostics [{`); !strings.Contains(d, "site.yaml") {
		t.Errorf("error not shown: %s", d)
	}
	if code, body := get(t, url+"page/"); code != 200 || !strings.Contains(body, "First text") {
		t.Errorf("last good site not served: %d", code)
	}
	testkit.WriteFiles(t, dir, map[string]string{"site.yaml": "title: Fixed\n"})
	waitFor(t, ev, "update")
	if _, body := get(t, url); !strings.Contains(body, "Fixed") {
		t.Error("fixed site.yaml not applied")
	}
}

// TestFirstBuildFails: with no site built yet, a page is an HTML page
// with the live-reload script, which shows the failure, at its file and
// line, and loads the site once the build succeeds (t41: a plain text
// that stayed after the fix).
func TestFirstBuildFails(t *testing.T) {
	files := map[string]string{"site.yaml": "title: x\nlanguages: [: bad\n"}
	for k, v := range siteFiles {
		files[k] = v
	}
	dir, url, _ := start(t, files)
	ev := events(t, url)
	d := waitFor(t, ev, `diagnostics [{`)
	if !strings.Contains(d, `"path":"site.yaml"`) || !strings.Contains(d, `"failed":true`) {
		t.Errorf("the failure is not shown at site.yaml: %s", d)
	}
	req, _ := http.NewRequest("GET", url+"page/", nil)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := regexp.MustCompile(`<script src="/_folio/livereload\.js\?([0-9a-f]+\.0)">`).FindSubmatch(body)
	if resp.StatusCode != http.StatusServiceUnavailable || m == nil {
		t.Fatalf("before any build: %d %s", resp.StatusCode, body)
	}
	testkit.WriteFiles(t, dir, map[string]string{"site.yaml": "title: Fixed\n"})
	waitFor(t, ev, "update")
	// A tab hidden until now connects with the version of the page it
	// shows, that of no build: it is told of the build (review).
	late, err := http.Get(url + "_folio/events?v=" + string(m[1]))
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, readEvents(late), "update")
	if code, body := get(t, url+"page/"); code != 200 || !strings.Contains(body, "First text") {
		t.Errorf("after the fix: %d", code)
	}
}

// TestRenamedFolderIsWatched: after a folder is renamed, saves inside it
// under its new name are seen (fsnotify drops the watch of a moved
// folder, which was also the new name's when it was added at once).
func TestRenamedFolderIsWatched(t *testing.T) {
	files := map[string]string{
		"SUMMARY.md":      "# Summary\n\n* [Home](README.md)\n* [Guide](guide/page.md)\n",
		"README.md":       "# Home\n",
		"guide/page.md":   "# Guide\n\nv1\n",
		"guide/deep/x.md": "# X\n",
	}
	dir, url, _ := start(t, files)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	if err := os.Rename(filepath.Join(dir, "guide"), filepath.Join(dir, "guide2")); err != nil {
		t.Fatal(err)
	}
	testkit.WriteFiles(t, dir, map[string]string{"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Guide](guide2/page.md)\n"})
	waitFor(t, ev, "update")
	for i, rel := range []string{"guide2/page.md", "guide2/page.md", "guide2/deep/x.md"} {
		text := fmt.Sprintf("v%d", i+2)
		testkit.WriteFiles(t, dir, map[string]string{rel: "# Page\n\n" + text + "\n"})
		waitFor(t, ev, "update")
		if rel == "guide2/page.md" {
			if _, body := get(t, url+"guide2/page/"); !strings.Contains(body, text) {
				t.Errorf("save %d in the renamed folder not served", i+1)
			}
		}
	}
}

// TestRenamedFolderAtomicSave: after a folder that holds folders is
// renamed, an editor's atomic save in one of those (a temporary file
// renamed over the page, as sed -i and many editors do) is seen: the
// watches under the old name are dropped and made again under the new.
func TestRenamedFolderAtomicSave(t *testing.T) {
	files := map[string]string{
		"SUMMARY.md":    "# Summary\n\n* [Home](README.md)\n* [Deep](a/sub/deep.md)\n",
		"README.md":     "# Home\n",
		"a/sub/deep.md": "# Deep\n\nV1\n",
	}
	dir, url, _ := start(t, files)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	if err := os.Rename(filepath.Join(dir, "a"), filepath.Join(dir, "b")); err != nil {
		t.Fatal(err)
	}
	testkit.WriteFiles(t, dir, map[string]string{"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Deep](b/sub/deep.md)\n"})
	waitBody(t, ev, url+"b/sub/deep/", "V1")
	for _, v := range []string{"V2", "V3"} {
		tmp := filepath.Join(dir, "b", "sub", ".deep.md.new")
		if err := os.WriteFile(tmp, []byte("# Deep\n\n"+v+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(dir, "b", "sub", "deep.md")); err != nil {
			t.Fatal(err)
		}
		waitBody(t, ev, url+"b/sub/deep/", v)
	}
}

// TestIncludedFileProblemOnItsPages: a problem in an included file names
// the pages that include it (urls), where the live preview's panel shows
// it; the panel's script reads them.
func TestIncludedFileProblemOnItsPages(t *testing.T) {
	files := map[string]string{
		"SUMMARY.md":                   "# Summary\n\n* [Home](README.md)\n* [Install](guide/install.md)\n",
		"README.md":                    "# Home\n",
		"guide/install.md":             "# Install\n\n{% include \"../.gitbook/includes/snippet.md\" %}\n",
		".gitbook/includes/snippet.md": "Snippet text.\n\n{% hint style=\"info\" %}\nunclosed hint\n",
	}
	_, url, _ := start(t, files)
	ev := events(t, url)
	d := waitFor(t, ev, "diagnostics")
	if !strings.Contains(d, `"path":".gitbook/includes/snippet.md"`) || !strings.Contains(d, `"urls":["guide/install/"]`) {
		t.Errorf("diagnostics: %s; want the snippet's problem with urls [guide/install/]", d)
	}
	if _, js := get(t, url+"_folio/livereload.js"); !strings.Contains(js, "d.urls.indexOf(here)") {
		t.Error("the panel's script does not read urls")
	}
}

// TestOverflowRebuildsAll: when the kernel's queue of events overflows,
// the watcher asks for a full build (a nil batch).
func TestOverflowRebuildsAll(t *testing.T) {
	dir := t.TempDir()
	w, err := newWatcher(dir, func(string) bool { return false }, 5*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	batches := make(chan []string, 1)
	done := make(chan struct{})
	go func() { w.run(ctx, dir, batches); close(done) }()
	defer func() { cancel(); <-done }()
	w.w.Errors <- fsnotify.ErrEventOverflow
	select {
	case b := <-batches:
		if b != nil {
			t.Errorf("batch after an overflow: %v, want nil (build everything)", b)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no batch after an overflow")
	}
}

// TestSaveThroughBackup: vim with a backup renames the file away and
// writes the new one tens of milliseconds later on a slow disk: the burst
// waits for it, and the one batch holds the file, there again, where the
// first batch said it was gone (tester: a full build, errors that were
// never there, and open pages sent through the 404 page).
func TestSaveThroughBackup(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "install.md")
	if err := os.WriteFile(page, []byte("# Install\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	batches := watchBatches(t, dir)
	if err := os.Rename(page, page+"~"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(60 * time.Millisecond) // six times the quiet
	if err := os.WriteFile(page, []byte("# Install again\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(page + "~"); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-batches:
		if len(b) != 1 || b[0] != page {
			t.Fatalf("batch %v, want [%s]", b, page)
		}
		if _, err := os.Stat(page); err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no batch")
	}
	select {
	case b := <-batches:
		t.Errorf("a second batch %v: the save was split", b)
	case <-time.After(400 * time.Millisecond):
	}
	// A file really deleted is still reported, after the grace.
	start := time.Now()
	if err := os.Remove(page); err != nil {
		t.Fatal(err)
	}
	select {
	case b := <-batches:
		if len(b) != 1 || b[0] != page {
			t.Errorf("batch %v after a delete, want [%s]", b, page)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("the delete was reported after %v", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no batch after a delete")
	}
}

// TestHostCheck: on loopback, only loopback names are answered (DNS
// rebinding); on another address, any.
func TestHostCheck(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	for _, tc := range []struct {
		addr, host string
		want       int
	}{
		{"127.0.0.1:4000", "127.0.0.1:4000", 200},
		{"127.0.0.1:4000", "localhost:4000", 200},
		{"127.0.0.1:4000", "LOCALHOST", 200},
		{"127.0.0.1:4000", "[::1]:4000", 200},
		{"localhost:4000", "127.0.0.1:4000", 200},
		{"127.0.0.1:4000", "evil.example.com", 403},
		{"127.0.0.1:4000", "evil.example.com:4000", 403},
		{"127.0.0.1:4000", "127.0.0.1.evil.example.com", 403},
		{"0.0.0.0:4000", "laptop.lan:4000", 200},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = tc.host
		rec := httptest.NewRecorder()
		checkHost(tc.addr, ok).ServeHTTP(rec, r)
		if rec.Code != tc.want {
			t.Errorf("listening on %s, Host %s: %d, want %d", tc.addr, tc.host, rec.Code, tc.want)
		}
	}
}

// TestCrossSite: what a page of another site asks of the preview, other
// than to open it, is refused: it could load search-index.js, every
// page's text, as a script of its own and read the drafts (another port
// of localhost is the same site, not the same origin).
func TestCrossSite(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	for _, tc := range []struct {
		path    string
		headers map[string]string
		want    int
	}{
		{"/search-index.js", map[string]string{"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "no-cors", "Sec-Fetch-Dest": "script"}, 403},
		{"/search-index.js", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"}, 403},
		{"/_folio/events", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"}, 403},
		{"/search-index.js", map[string]string{"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "no-cors"}, 200},
		{"/guide/", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}, 200},
		{"/guide/", map[string]string{"Sec-Fetch-Site": "none", "Sec-Fetch-Mode": "navigate"}, 200},
		// Browsers that do not send Sec-Fetch-*, and tools.
		{"/search-index.js", nil, 200},
		{"/search-index.js", map[string]string{"Referer": "http://127.0.0.1:4000/guide/"}, 200},
		{"/search-index.js", map[string]string{"Referer": "http://localhost:8080/evil.html"}, 403},
		{"/_folio/events", map[string]string{"Origin": "http://evil.example"}, 403},
		{"/guide/", map[string]string{"Referer": "http://evil.example/"}, 200},
	} {
		r := httptest.NewRequest("GET", tc.path, nil)
		r.Host = "127.0.0.1:4000"
		for k, v := range tc.headers {
			r.Header.Set(k, v)
		}
		rec := httptest.NewRecorder()
		refuseCrossSite(ok).ServeHTTP(rec, r)
		if rec.Code != tc.want {
			t.Errorf("GET %s with %v: %d, want %d", tc.path, tc.headers, rec.Code, tc.want)
		}
	}
}

// waitBody waits, update after update, until the page at url holds want:
// a save may come in two bursts (truncated, then written), each built.
func waitBody(t *testing.T, ev <-chan string, url, want string) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		waitFor(t, ev, "update")
		if _, body := get(t, url); strings.Contains(body, want) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s never showed %q", url, want)
		}
	}
}

// TestUnusedFileBuildsNothing: a file that no page uses and folio does not
// read (notes, a log) builds nothing when it changes; a picture a page
// links, reported missing until it is made, rebuilds that page.
func TestUnusedFileBuildsNothing(t *testing.T) {
	files := map[string]string{}
	for k, v := range siteFiles {
		files[k] = v
	}
	files["page.md"] = "# Page\n\n![A picture](img/new.png)\n"
	dir, url, srv := start(t, files)
	ev := events(t, url)
	if d := waitFor(t, ev, "diagnostics"); !strings.Contains(d, "missing target img/new.png") {
		t.Fatalf("first build: %s", d)
	}
	before := srv.rebuilt.Load()
	testkit.WriteFiles(t, dir, map[string]string{"notes.txt": "to do", "serve.log": "built 3 pages", "scratch/x.bin": "x"})
	time.Sleep(300 * time.Millisecond)
	if n := srv.rebuilt.Load() - before; n != 0 {
		t.Errorf("files no page uses gave %d rebuilds, want none", n)
	}
	testkit.WriteFiles(t, dir, map[string]string{"img/new.png": "png"})
	waitFor(t, ev, "diagnostics []")
	waitFor(t, ev, "update")
	if _, body := get(t, url+"page/"); !strings.Contains(body, "../img/new.png") || strings.Contains(body, "broken-link") {
		t.Error("the page does not show the picture made after it")
	}
	if code, _ := get(t, url+"img/new.png"); code != 200 {
		t.Errorf("the new picture: %d", code)
	}
}

// TestOwnLogIsNotWatched: folio serve's messages written to a file in the
// site (folio serve > serve.log) are no change to build, even when a page
// links the file: otherwise each rebuild's line asks for the next one.
func TestOwnLogIsNotWatched(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for k, v := range siteFiles {
		files[k] = v
	}
	files["page.md"] = "# Page\n\nThe [log](serve.log).\n"
	testkit.WriteFiles(t, dir, files)
	log, err := os.Create(filepath.Join(dir, "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var srv *Server
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Build: site.Options{Dir: dir, NoMinify: true}, Addr: "127.0.0.1:0", Quiet: 20 * time.Millisecond, Log: log,
			onStart: func(s *Server) { srv = s }}, func(u string) { urls <- u })
	}()
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		t.Fatal(err)
	}
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	testkit.WriteFiles(t, dir, map[string]string{"page.md": "# Page\n\nThe [log](serve.log), again.\n"})
	waitFor(t, ev, "update")
	// Each build writes a line to the log: were the log watched, builds
	// would follow one another without end.
	time.Sleep(300 * time.Millisecond)
	n := srv.rebuilt.Load()
	time.Sleep(500 * time.Millisecond)
	if more := srv.rebuilt.Load() - n; more != 0 {
		t.Errorf("%d more builds after the edit's, with nothing changed but the log", more)
	}
	cancel()
	if err := <-done; err != nil {
		t.Error(err)
	}
}

// TestGlossaryEditRelinksPages: a new definition and a new term of the
// glossary show on every page, not on the glossary's page alone.
func TestGlossaryEditRelinksPages(t *testing.T) {
	dir, url, _ := start(t, map[string]string{
		"book.json":   "{}\n",
		"SUMMARY.md":  "# Summary\n\n* [Home](README.md)\n",
		"README.md":   "# Home\n\nA Widget is here.\n\nA Gadget too.\n",
		"GLOSSARY.md": "# Glossary\n\n## Widget\n\nOLD DEFINITION.\n",
	})
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	testkit.WriteFiles(t, dir, map[string]string{"GLOSSARY.md": "# Glossary\n\n## Widget\n\nNEW DEFINITION.\n\n## Gadget\n\nA gadget.\n"})
	waitBody(t, ev, url+"GLOSSARY/", "A gadget.")
	_, body := get(t, url)
	if !strings.Contains(body, `title="NEW DEFINITION."`) || strings.Contains(body, "OLD DEFINITION") {
		t.Error("the home page does not show the new definition")
	}
	if !strings.Contains(body, `title="A gadget."`) {
		t.Error("the home page does not link the new term")
	}
}

// TestSiteFolderMovedAwayAndBack: when the site's folder is moved away,
// the build that is tried says why it fails; when it is back, or made
// anew (a new clone), it is watched again and built whole, and later
// saves are served.
func TestSiteFolderMovedAwayAndBack(t *testing.T) {
	dir, url, _ := start(t, siteFiles)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	away := dir + "-away"
	if err := os.Rename(dir, away); err != nil {
		t.Fatal(err)
	}
	if d := waitFor(t, ev, "diagnostics [{"); !strings.Contains(d, "no such file or directory") {
		t.Errorf("while the folder is away: %s", d)
	}
	if code, body := get(t, url+"page/"); code != 200 || !strings.Contains(body, "First text") {
		t.Errorf("last good site not served while the folder is away: %d", code)
	}
	if err := os.Rename(away, dir); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ev, "update")
	for _, text := range []string{"Back text.", "Again."} {
		testkit.WriteFiles(t, dir, map[string]string{"page.md": "# Page\n\n" + text + "\n"})
		waitBody(t, ev, url+"page/", text)
	}

	// Deleted and made anew, as rm -rf and git clone do.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	waitFor(t, ev, "diagnostics [{")
	files := map[string]string{}
	for k, v := range siteFiles {
		files[k] = v
	}
	files["page.md"] = "# Page\n\nCloned text.\n"
	testkit.WriteFiles(t, dir, files)
	waitBody(t, ev, url+"page/", "Cloned text.")
	testkit.WriteFiles(t, dir, map[string]string{"page.md": "# Page\n\nEdited after the clone.\n"})
	waitBody(t, ev, url+"page/", "Edited after the clone.")
}

// duringSecondBuild serves files (siteFiles when nil), logging to log (nil
// for none), and calls during while the second build runs, the first
// after its start (built): a save of the test's lands in it. It returns
// the site's folder and URL.
func duringSecondBuild(t *testing.T, files map[string]string, log io.Writer, during func(dir string)) (string, string) {
	t.Helper()
	dir := t.TempDir()
	if files == nil {
		files = siteFiles
	}
	testkit.WriteFiles(t, dir, files)
	builds := 0
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Build: site.Options{Dir: dir, NoMinify: true}, Addr: "127.0.0.1:0", Quiet: 20 * time.Millisecond, Log: log,
			built: func() {
				if builds++; builds == 2 {
					during(dir)
					time.Sleep(200 * time.Millisecond) // for the watcher to see it
				}
			}}, func(u string) { urls <- u })
	}()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return dir, <-urls
}

// TestChangedDuringBuildNotPublished: a full build during which a source
// changed is not served, as it may have read a file half written (t41:
// a SUMMARY.md emptied before its new text was served for 1.6 s); the
// next build, of the whole site, is.
func TestChangedDuringBuildNotPublished(t *testing.T) {
	var log syncBuffer
	dir, url := duringSecondBuild(t, nil, &log, func(dir string) {
		testkit.WriteFiles(t, dir, map[string]string{"page.md": "# Page\n\nThird text.\n"})
	})
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	testkit.WriteFiles(t, dir, map[string]string{"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n* [Second](second.md)\n", "second.md": "# Second\n"})
	waitFor(t, ev, "update")
	_, body := get(t, url+"page/")
	out := log.next()
	if !strings.Contains(body, "Third text") {
		t.Errorf("the first site served after the save is the one built before it:\n%s", out)
	}
	if !strings.Contains(out, "files changed during the build") {
		t.Errorf("log:\n%s", out)
	}
}

// TestDroppedBuildBuiltAgain: a file made and removed while a full build
// runs (a lock file) drops the build, and the watcher sends nothing on for
// it: the site is built again all the same (review: the edit was never
// published).
func TestDroppedBuildBuiltAgain(t *testing.T) {
	dir, url := duringSecondBuild(t, nil, nil, func(dir string) {
		lock := filepath.Join(dir, "lock.part")
		_ = os.WriteFile(lock, nil, 0o644)
		_ = os.Remove(lock)
	})
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	testkit.WriteFiles(t, dir, map[string]string{"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n* [Second](second.md)\n", "second.md": "# Second\n"})
	waitFor(t, ev, "update")
	if code, _ := get(t, url+"second/"); code != 200 {
		t.Errorf("the edit is not published: /second/ answers %d", code)
	}
}

// TestDroppedBuildRemoved: the output of a dropped build is removed once
// what it writes after the build (its search index) is written, and that
// writing is not told as an error (t96: the folder was removed at once,
// the index's write failed and was told, or made the folder again, left
// until the server stopped).
func TestDroppedBuildRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	files := maps.Clone(siteFiles)
	var summary strings.Builder
	summary.WriteString("# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n")
	for i := range 400 {
		name := fmt.Sprintf("p%d.md", i)
		fmt.Fprintf(&summary, "* [P%d](%s)\n", i, name)
		files[name] = fmt.Sprintf("# P%d\n\n%s\n", i, strings.Repeat("Words to index, more words. ", 40))
	}
	files["SUMMARY.md"] = summary.String()
	var log syncBuffer
	dir, url := duringSecondBuild(t, files, &log, func(dir string) {
		testkit.WriteFiles(t, dir, map[string]string{"page.md": "# Page\n\nThird text.\n"})
	})
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	testkit.WriteFiles(t, dir, map[string]string{"site.yaml": "title: Renamed\n"}) // built whole
	waitBody(t, ev, url+"page/", "Third text.")
	var left []string
	for range 100 {
		left, _ = filepath.Glob(filepath.Join(tmp, "folio-serve-*", "site-*"))
		if len(left) == 1 {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if len(left) != 1 {
		t.Errorf("outputs left: %v, want the one served", left)
	}
	if out := log.next(); !strings.Contains(out, "files changed during the build") || strings.Contains(out, "error:") {
		t.Errorf("log:\n%s", out)
	}
}

// TestListenAddress: an IPv4 address is listened on alone (0.0.0.0 took
// every IPv6 address too, t47), and an unspecified one is opened at the
// loopback address, which a browser can open.
func TestListenAddress(t *testing.T) {
	for addr, want := range map[string]string{"0.0.0.0:80": "tcp4", "127.0.0.1:80": "tcp4", "[::]:80": "tcp", "localhost:80": "tcp", "[::1]:80": "tcp"} {
		if got := network(addr); got != want {
			t.Errorf("network(%s) = %s, want %s", addr, got, want)
		}
	}
	for _, c := range []struct {
		ip   string
		want string
	}{{"0.0.0.0", "http://127.0.0.1:4000/"}, {"::", "http://[::1]:4000/"}, {"127.0.0.1", "http://127.0.0.1:4000/"}, {"192.0.2.1", "http://192.0.2.1:4000/"}} {
		if got := pageURL(&net.TCPAddr{IP: net.ParseIP(c.ip), Port: 4000}); got != c.want {
			t.Errorf("pageURL(%s) = %s, want %s", c.ip, got, c.want)
		}
	}
}

// TestDiffDiags: a diagnostic moved by an edit above it is neither new
// nor fixed; of two alike, the one that went is told fixed, whether the
// lines below it moved or not (t47: fixing line 3 told line 21 fixed).
func TestDiffDiags(t *testing.T) {
	d := func(line int) diag.Diagnostic {
		return diag.Diagnostic{Path: "a.md", Line: line, Col: 16, Severity: diag.Error, Rule: "link-missing", Msg: "missing target install.md"}
	}
	other := diag.Diagnostic{Path: "a.md", Line: 9, Severity: diag.Warning, Rule: "image-alt", Msg: "no alt"}
	lines := func(ds []diag.Diagnostic) []int {
		var out []int
		for _, d := range ds {
			out = append(out, d.Line)
		}
		return out
	}
	for _, c := range []struct {
		name              string
		before, now       []diag.Diagnostic
		wantAdded, wantFx []int
	}{
		{"first fixed", []diag.Diagnostic{d(3), d(21)}, []diag.Diagnostic{d(21)}, nil, []int{3}},
		{"first fixed, the rest moved up", []diag.Diagnostic{d(3), d(21)}, []diag.Diagnostic{d(20)}, nil, []int{3}},
		{"all moved down", []diag.Diagnostic{d(3), other, d(21)}, []diag.Diagnostic{d(4), other, d(22)}, nil, nil},
		{"one added", []diag.Diagnostic{d(3)}, []diag.Diagnostic{d(3), d(30)}, []int{30}, nil},
		{"another fixed", []diag.Diagnostic{d(3), other}, []diag.Diagnostic{d(3)}, nil, []int{9}},
	} {
		added, fixed := diffDiags(c.before, c.now)
		if !slices.Equal(lines(added), c.wantAdded) || !slices.Equal(lines(fixed), c.wantFx) {
			t.Errorf("%s: added %v fixed %v, want %v and %v", c.name, lines(added), lines(fixed), c.wantAdded, c.wantFx)
		}
	}
}

// TestSearchIndexWaited: a request for a search index that a full build
// has not written yet (it is written after the site is swapped in) waits
// for it, where it was a 404 and the open tab's search said the index
// could not be loaded (t78).
func TestSearchIndexWaited(t *testing.T) {
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, map[string]string{"index.html": "home", "404.html": "not found"})
	srv := httptest.NewServer(fileHandler{dir: func() string { return dir }})
	defer srv.Close()
	go func() {
		time.Sleep(200 * time.Millisecond)
		_ = os.WriteFile(filepath.Join(dir, "search-index.js"), []byte("window.folioSearchIndex={}"), 0o644)
	}()
	res, err := http.Get(srv.URL + "/search-index.js")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if b, _ := io.ReadAll(res.Body); res.StatusCode != 200 || !strings.Contains(string(b), "folioSearchIndex") {
		t.Errorf("status %d, body %q: want the index once written", res.StatusCode, b)
	}
	if res, err := http.Get(srv.URL + "/missing.js"); err != nil || res.StatusCode != 404 {
		t.Errorf("another missing file: %v %v, want 404 at once", res.StatusCode, err)
	}
}

// TestSlowAtomicSave: an editor's safe save writes a temporary file,
// then, after a pause longer than the quiet (an fsync on a slow disk),
// renames it over the page: the temporary file's going is no removed
// page, and the save is not held for the grace (t78: 250 ms more on
// every save).
func TestSlowAtomicSave(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "install.md")
	if err := os.WriteFile(page, []byte("# Install\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	batches := watchBatches(t, dir)
	tmp := page + ".tmp.83af"
	if err := os.WriteFile(tmp, []byte("# Install again\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	time.Sleep(60 * time.Millisecond) // six times the quiet
	start := time.Now()
	if err := os.Rename(tmp, page); err != nil {
		t.Fatal(err)
	}
	for {
		select {
		case b := <-batches:
			if !slices.Contains(b, page) {
				continue // the temporary file's own batch
			}
			if d := time.Since(start); d > 200*time.Millisecond {
				t.Errorf("the save came %v after the rename: held for the grace", d)
			}
			return
		case <-time.After(5 * time.Second):
			t.Fatal("no batch with the page")
		}
	}
}

// TestSaveInTwoSteps: a save that empties the page, then writes it tens
// of milliseconds later (a slow disk, a sync tool), is one batch after
// the writing, not an empty page published first (t58: the reader was
// sent to the top); a page left empty is still reported, after the
// grace.
func TestSaveInTwoSteps(t *testing.T) {
	for _, name := range []string{"install.md", "site.yaml"} { // t60: site.yaml too
		t.Run(name, func(t *testing.T) { saveInTwoSteps(t, name) })
	}
}

func saveInTwoSteps(t *testing.T, name string) {
	dir := t.TempDir()
	page := filepath.Join(dir, name)
	if err := os.WriteFile(page, []byte("# Install\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	batches := watchBatches(t, dir)
	for _, final := range []string{"# Install again\n", ""} {
		if err := os.WriteFile(page, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		time.Sleep(60 * time.Millisecond) // six times the quiet
		if final != "" {
			if err := os.WriteFile(page, []byte(final), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		select {
		case b := <-batches:
			got, _ := os.ReadFile(page)
			if len(b) != 1 || b[0] != page || string(got) != final {
				t.Errorf("batch %v with the page %q, want [%s] with %q", b, got, page, final)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("no batch")
		}
		select {
		case b := <-batches:
			t.Errorf("a second batch %v: the save was split", b)
		case <-time.After(400 * time.Millisecond):
		}
	}
}

// watchBatches watches dir, bursts ending after 10 ms of quiet, and
// returns the channel of its batches; the watching ends with the test.
func watchBatches(t *testing.T, dir string) <-chan []string {
	t.Helper()
	w, err := newWatcher(dir, func(string) bool { return false }, 10*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	batches := make(chan []string, 4)
	done := make(chan struct{})
	go func() { w.run(ctx, dir, batches); close(done) }()
	t.Cleanup(func() { cancel(); <-done })
	return batches
}

// TestMovedPageFollowed: a build that publishes a page's file at another
// address (a docs.yaml section's path renamed) tells a tab on its old
// address where it went (t70: the tab reloaded to "Page not found").
func TestMovedPageFollowed(t *testing.T) {
	files := map[string]string{
		"docs.yaml": "site:\n  structure:\n    - type: section\n      key: docs\n      default: true\n      children:\n        - {type: space, key: d, content: {directory: docs, language: en}}\n" +
			"    - type: section\n      key: guides\n      path: guides\n      children:\n        - {type: space, key: g, content: {directory: guides, language: en}}\n",
		"docs/README.md":    "# Home\n",
		"guides/SUMMARY.md": "# S\n\n* [Guides](README.md)\n* [A](a.md)\n",
		"guides/README.md":  "# Guides\n", "guides/a.md": "# A\n\nText.\n",
	}
	dir, url, _ := start(t, files)
	ev := events(t, url)
	waitFor(t, ev, "diagnostics")
	resp, err := http.Get(url + "_folio/events?page=" + neturl.QueryEscape("/guides/a/"))
	if err != nil {
		t.Fatal(err)
	}
	tab := readEvents(resp)
	waitFor(t, tab, "diagnostics") // connected
	testkit.WriteFiles(t, dir, map[string]string{"docs.yaml": strings.Replace(files["docs.yaml"], "path: guides", "path: howto", 1)})
	if u := waitFor(t, tab, "update"); !strings.Contains(u, `"moved":"/howto/a/"`) {
		t.Errorf("the tab on /guides/a/ is not told that its page moved to /howto/a/: %s", u)
	}
	if code, _ := get(t, url+"howto/a/"); code != 200 {
		t.Errorf("/howto/a/: %d", code)
	}
}

// TestKindOf: text (Markdown, the configuration's YAML and JSON) and new
// folders update open pages in place, which reload themselves when their
// frame changed; an image, a template or a script reloads them (t78).
func TestKindOf(t *testing.T) {
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, map[string]string{"guide/a.md": "# A\n", "img/x.png": "png", "themes/default/templates/page.html": "x"})
	at := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	for _, c := range []struct {
		changed []string
		want    buildKind
	}{
		{[]string{at("guide/a.md"), at("SUMMARY.md")}, changedText},
		{[]string{at("book.json")}, changedText},
		{[]string{at(".gitbook/vars.yaml"), at("site.yaml")}, changedText},
		{[]string{at("guide"), at("guide/a.md")}, changedText},
		{[]string{at("img/x.png")}, changedFrame},
		{[]string{at("img")}, changedFrame},    // a new folder of images
		{[]string{at("themes")}, changedFrame}, // a new theme override, its files without events
		{[]string{at("themes/default/templates/page.html")}, changedFrame},
		{[]string{at("a.md"), at("static/x.js")}, changedFrame},
		{nil, changedFrame},
	} {
		if got := kindOf(c.changed, false); got != c.want {
			t.Errorf("kindOf(%v) = %v, want %v", c.changed, got, c.want)
		}
	}
}
