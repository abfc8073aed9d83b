package linkcheck

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// site is a local server whose handlers count requests per path.
type site struct {
	*httptest.Server
	mu     sync.Mutex
	counts map[string]int // "METHOD /path" → requests
}

func newSite(t *testing.T, h func(s *site, w http.ResponseWriter, r *http.Request)) *site {
	t.Helper()
	s := &site{counts: make(map[string]int)}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.counts[r.Method+" "+r.URL.Path]++
		s.mu.Unlock()
		h(s, w, r)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *site) count(key string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.counts[key]
}

func (s *site) total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.counts {
		n += c
	}
	return n
}

// fast are options that keep the tests quick.
func fast() Options {
	return Options{Backoff: time.Millisecond, Timeout: 2 * time.Second}
}

func check1(t *testing.T, u string, o Options) Result {
	t.Helper()
	res, err := Check(context.Background(), []string{u}, o)
	if err != nil {
		t.Fatalf("Check: %v", err)
	}
	r, ok := res[u]
	if !ok {
		t.Fatalf("no result for %s in %v", u, res)
	}
	if r.URL != u {
		t.Errorf("Result.URL = %q, want %q", r.URL, u)
	}
	return r
}

func TestStatuses(t *testing.T) {
	t.Parallel()
	var ua atomic.Value
	s := newSite(t, func(s *site, w http.ResponseWriter, r *http.Request) {
		ua.Store(r.Header.Get("User-Agent"))
		switch r.URL.Path {
		case "/ok":
		case "/missing":
			http.NotFound(w, r)
		case "/nohead", "/forbidhead", "/nothead":
			if r.Method == http.MethodHead {
				code := map[string]int{"/nohead": 405, "/forbidhead": 403, "/nothead": 501}[r.URL.Path]
				w.WriteHeader(code)
				return
			}
			w.Write([]byte(strings.Repeat("x", 1<<20)))
		case "/forbidden":
			w.WriteHeader(http.StatusForbidden)
		case "/r0":
			http.Redirect(w, r, "/r1", http.StatusMovedPermanently)
		case "/r1":
			http.Redirect(w, r, "/r2", http.StatusFound)
		case "/r2":
			http.Redirect(w, r, "/gone", http.StatusTemporaryRedirect)
		case "/gone":
			w.WriteHeader(http.StatusGone)
		case "/rok":
			http.Redirect(w, r, "/ok", http.StatusFound)
		case "/loop1":
			http.Redirect(w, r, "/loop2", http.StatusFound)
		case "/loop2":
			http.Redirect(w, r, "/loop1#x", http.StatusFound)
		default:
			if n, ok := strings.CutPrefix(r.URL.Path, "/chain/"); ok {
				// /chain/N redirects N times before answering.
				k, _ := strconv.Atoi(n)
				if k <= 0 {
					return
				}
				http.Redirect(w, r, "/chain/"+strconv.Itoa(k-1), http.StatusFound)
				return
			}
			http.NotFound(w, r)
		}
	})
	tests := []struct {
		path    string
		status  int
		err     string
		ok      bool
		problem string
		head    int // HEAD requests expected for path, -1 to ignore
		get     int
	}{
		{path: "/ok", status: 200, ok: true, head: 1, get: 0},
		{path: "/missing", status: 404, problem: "404 Not Found", head: 1, get: 0},
		{path: "/nohead", status: 200, ok: true, head: 1, get: 1},
		{path: "/forbidhead", status: 200, ok: true, head: 1, get: 1},
		{path: "/nothead", status: 200, ok: true, head: 1, get: 1},
		{path: "/forbidden", status: 403, problem: "403 Forbidden", head: 1, get: 1},
		{path: "/r0", status: 410, problem: "410 Gone", head: 1, get: 0},
		{path: "/rok", status: 200, ok: true, head: 1, get: 0},
		{path: "/loop1", err: "redirect loop", problem: "redirect loop", head: 1, get: 0},
		{path: "/chain/10", status: 200, ok: true, head: -1},
		{path: "/chain/11", err: "more than 10 redirects", problem: "more than 10 redirects", head: -1},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			r := check1(t, s.URL+tt.path, fast())
			if r.Status != tt.status || r.Err != tt.err || r.OK() != tt.ok || r.Cached || r.Skipped {
				t.Errorf("got %+v OK=%v, want status %d err %q OK=%v", r, r.OK(), tt.status, tt.err, tt.ok)
			}
			if got := r.Problem(); got != tt.problem {
				t.Errorf("Problem() = %q, want %q", got, tt.problem)
			}
			if tt.head >= 0 {
				if h, g := s.count("HEAD "+tt.path), s.count("GET "+tt.path); h != tt.head || g != tt.get {
					t.Errorf("requests: %d HEAD, %d GET; want %d, %d", h, g, tt.head, tt.get)
				}
			}
		})
	}
	if got, _ := ua.Load().(string); !strings.Contains(got, "folio") {
		t.Errorf("User-Agent %q does not name folio", got)
	}
}

func TestRetries(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	failures := map[string]int{"/flaky": 2, "/busy": 1, "/down": 100, "/later": 1, "/slowdown": 1}
	var busyWait time.Duration
	var busyFirst time.Time
	s := newSite(t, func(s *site, w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		left := failures[r.URL.Path]
		failures[r.URL.Path]--
		if r.URL.Path == "/busy" {
			if left > 0 {
				busyFirst = time.Now()
			} else {
				busyWait = time.Since(busyFirst)
			}
		}
		mu.Unlock()
		if left <= 0 {
			return
		}
		switch r.URL.Path {
		case "/flaky", "/down":
			w.WriteHeader(http.StatusInternalServerError)
		case "/busy":
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/later":
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(http.StatusTooManyRequests)
		case "/slowdown":
			w.WriteHeader(http.StatusTooManyRequests) // no Retry-After: backoff
		}
	})
	tests := []struct {
		path     string
		status   int
		requests int
	}{
		{"/flaky", 200, 3},    // 500, 500, then ok: within 2 retries
		{"/down", 500, 3},     // gives up after 2 retries
		{"/busy", 200, 2},     // 429 with Retry-After: 1, then ok
		{"/later", 429, 1},    // Retry-After beyond MaxRetryAfter: reported, not retried
		{"/slowdown", 200, 2}, // 429 without Retry-After
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			t.Parallel()
			o := fast()
			o.MaxRetryAfter = 2 * time.Second
			r := check1(t, s.URL+tt.path, o)
			if r.Status != tt.status || r.Err != "" {
				t.Errorf("got %+v, want status %d", r, tt.status)
			}
			if n := s.count("HEAD " + tt.path); n != tt.requests {
				t.Errorf("%d requests, want %d", n, tt.requests)
			}
		})
	}
	t.Cleanup(func() {
		if busyWait < 900*time.Millisecond {
			t.Errorf("retried /busy after %v, before its Retry-After of 1s", busyWait)
		}
	})
}

func TestNoRetries(t *testing.T) {
	t.Parallel()
	s := newSite(t, func(s *site, w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	o := fast()
	o.Retries = -1
	if r := check1(t, s.URL+"/x", o); r.Status != 503 || s.total() != 1 {
		t.Errorf("got %+v after %d requests, want 503 after 1", r, s.total())
	}
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	s := newSite(t, func(s *site, w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	o := fast()
	o.Timeout = 50 * time.Millisecond
	o.Retries = 1
	start := time.Now()
	r := check1(t, s.URL+"/slow", o)
	if r.Err != "timeout after 50ms" || r.OK() {
		t.Errorf("got %+v, want a timeout", r)
	}
	if n := s.total(); n != 2 {
		t.Errorf("%d requests, want 2 (one retry)", n)
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("took %v", d)
	}
}

func TestConnectionError(t *testing.T) {
	t.Parallel()
	s := httptest.NewServer(http.NotFoundHandler())
	u := s.URL + "/x"
	s.Close() // nothing listens there any more
	r := check1(t, u, fast())
	if r.Err == "" || r.OK() || r.Status != 0 {
		t.Errorf("got %+v, want a connection error", r)
	}
	if strings.Contains(r.Err, u) {
		t.Errorf("error %q repeats the URL", r.Err)
	}
}

func TestPerHostBound(t *testing.T) {
	t.Parallel()
	var cur, peak atomic.Int32
	s := newSite(t, func(s *site, w http.ResponseWriter, r *http.Request) {
		n := cur.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
		cur.Add(-1)
	})
	var urls []string
	for i := range 12 {
		urls = append(urls, s.URL+"/p"+strconv.Itoa(i))
	}
	o := fast()
	o.PerHost = 3
	res, err := Check(context.Background(), urls, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range urls {
		if !res[u].OK() {
			t.Errorf("%s: %+v", u, res[u])
		}
	}
	if p := peak.Load(); p != 3 {
		t.Errorf("peak of %d concurrent requests to one host, want 3", p)
	}
}

func TestOverallBound(t *testing.T) {
	t.Parallel()
	var cur, peak atomic.Int32
	h := func(s *site, w http.ResponseWriter, r *http.Request) {
		n := cur.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
		cur.Add(-1)
	}
	// Two hosts: 127.0.0.1 and localhost name the same server differently.
	s := newSite(t, h)
	var urls []string
	for i := range 8 {
		urls = append(urls, s.URL+"/p"+strconv.Itoa(i), strings.Replace(s.URL, "127.0.0.1", "localhost", 1)+"/p"+strconv.Itoa(i))
	}
	o := fast()
	o.PerHost = 4
	o.Concurrency = 3
	if _, err := Check(context.Background(), urls, o); err != nil {
		t.Fatal(err)
	}
	if p := peak.Load(); p != 3 {
		t.Errorf("peak of %d concurrent requests, want 3", p)
	}
}

func TestDeduplicate(t *testing.T) {
	t.Parallel()
	s := newSite(t, func(s *site, w http.ResponseWriter, r *http.Request) {})
	a, b, c := s.URL+"/page#one", s.URL+"/page#two", strings.ToUpper(s.URL[:4])+s.URL[4:]+"/page"
	res, err := Check(context.Background(), []string{a, b, c, a}, fast())
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 3 {
		t.Errorf("%d results, want 3: %v", len(res), res)
	}
	for _, u := range []string{a, b, c} {
		if r := res[u]; !r.OK() || r.URL != u {
			t.Errorf("%s: %+v", u, r)
		}
	}
	if n := s.total(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

// refuse is a transport that fails the test: for URLs that must not be requested.
type refuse struct{ t *testing.T }

func (r refuse) RoundTrip(req *http.Request) (*http.Response, error) {
	r.t.Errorf("unexpected request to %s", req.URL)
	return nil, errors.New("refused")
}

func TestSkipped(t *testing.T) {
	t.Parallel()
	o := fast()
	o.Client = &http.Client{Transport: refuse{t}}
	o.Skip = []string{"example.org", "*.example.net", "  Example.COM. "}
	skipped := []string{
		"https://example.org/a",
		"http://EXAMPLE.org:8080/a",
		"https://docs.example.net/x#y",
		"https://a.b.example.net",
		"https://example.com/",
		"mailto:someone@example.org",
		"ftp://files.example.org/x",
		"tel:+331234",
		"relative/path.md",
		"#anchor",
	}
	res, err := Check(context.Background(), skipped, o)
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range skipped {
		r := res[u]
		if !r.Skipped || r.OK() || r.Problem() != "" || r.URL != u {
			t.Errorf("%s: %+v, want skipped", u, r)
		}
	}
	for _, u := range []string{"http://", "http://%zz", "https:///path"} {
		r := check1(t, u, o)
		if !strings.HasPrefix(r.Err, "invalid URL") || r.Skipped {
			t.Errorf("%s: %+v, want invalid", u, r)
		}
	}
}

func TestSkips(t *testing.T) {
	pats := []string{"example.org", "*.example.net"}
	tests := []struct {
		host string
		want bool
	}{
		{"example.org", true},
		{"EXAMPLE.ORG.", true},
		{"www.example.org", false},
		{"example.net", false},
		{"www.example.net", true},
		{"a.b.example.net", true},
		{"badexample.net", false},
		{"example.org.evil", false},
	}
	for _, tt := range tests {
		if got := Skips(tt.host, pats); got != tt.want {
			t.Errorf("Skips(%q) = %v, want %v", tt.host, got, tt.want)
		}
	}
	for p, ok := range map[string]bool{"example.org": true, "*.example.org": true, "": false, "*.": false, "*example.org": false, "https://example.org": false, "example.org/x": false} {
		if err := ValidPattern(p); (err == nil) != ok {
			t.Errorf("ValidPattern(%q) = %v", p, err)
		}
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{" 120 ", 2 * time.Minute, true},
		{"-1", 0, false},
		{"soon", 0, false},
		{"99999999999999999", 1<<63 - 1, true},
		{"Thu, 02 Jan 2025 03:05:05 GMT", time.Minute, true},
		{"Thu, 02 Jan 2025 03:00:00 GMT", 0, true},
	}
	for _, tt := range tests {
		got, ok := parseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("parseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCancel(t *testing.T) {
	t.Parallel()
	s := newSite(t, func(s *site, w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})
	var urls []string
	for i := range 20 {
		urls = append(urls, s.URL+"/p"+strconv.Itoa(i))
	}
	cache := filepath.Join(t.TempDir(), "links.json")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	res, err := Check(ctx, urls, Options{CacheFile: cache})
	if d := time.Since(start); d > time.Second {
		t.Errorf("Check returned %v after cancellation", d)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	for _, u := range urls {
		if r := res[u]; r.OK() || r.Err == "" {
			t.Errorf("%s: %+v, want an error", u, r)
		}
	}
	if n := len(readCache(t, cache).Entries); n != 0 {
		t.Errorf("%d interrupted checks cached", n)
	}
}

func readCache(t *testing.T, path string) cacheFile {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var f cacheFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestCache(t *testing.T) {
	t.Parallel()
	s := newSite(t, func(s *site, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
		}
	})
	ok, missing := s.URL+"/ok#frag", s.URL+"/missing"
	urls := []string{ok, missing}
	path := filepath.Join(t.TempDir(), "sub", "links.json")
	now := time.Date(2025, 6, 1, 12, 0, 0, 500, time.UTC)
	o := fast()
	o.CacheFile = path
	o.Now = func() time.Time { return now }

	run := func(wantCached map[string]bool) {
		t.Helper()
		res, err := Check(context.Background(), urls, o)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range urls {
			if r := res[u]; r.Cached != wantCached[u] || r.OK() != (u == ok) {
				t.Errorf("at %v, %s: %+v, want Cached=%v", now, u, r, wantCached[u])
			}
		}
	}
	run(nil)
	first, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := `{
  "version": 1,
  "entries": [
    {
      "url": "` + s.URL + `/missing",
      "status": 404,
      "checked": "2025-06-01T12:00:00Z"
    },
    {
      "url": "` + s.URL + `/ok",
      "status": 200,
      "checked": "2025-06-01T12:00:00Z"
    }
  ]
}
`
	if string(first) != want {
		t.Errorf("cache file:\n%s\nwant:\n%s", first, want)
	}

	// Within the hour both are cached; the file does not change.
	now = now.Add(30 * time.Minute)
	run(map[string]bool{ok: true, missing: true})
	if s.total() != 2 {
		t.Errorf("%d requests, want 2", s.total())
	}
	if again, _ := os.ReadFile(path); string(again) != want {
		t.Errorf("cache file changed:\n%s", again)
	}

	// After FailAge the failure is checked again, not the success.
	now = now.Add(time.Hour)
	run(map[string]bool{ok: true})
	if a, b := s.count("HEAD /ok"), s.count("HEAD /missing"); a != 1 || b != 2 {
		t.Errorf("requests: /ok %d, /missing %d; want 1, 2", a, b)
	}

	// After MaxAge the success expires too.
	now = now.Add(24 * time.Hour)
	run(map[string]bool{missing: false})
	if a := s.count("HEAD /ok"); a != 2 {
		t.Errorf("/ok requested %d times, want 2", a)
	}
	f := readCache(t, path)
	if len(f.Entries) != 2 || !f.Entries[0].Checked.Equal(now.Truncate(time.Second)) {
		t.Errorf("cache entries %+v, want both checked at %v", f.Entries, now)
	}

	// Entries of URLs absent from a run survive until they expire.
	res, err := Check(context.Background(), []string{ok}, o)
	if err != nil || !res[ok].Cached {
		t.Fatalf("%v %+v", err, res)
	}
	if f := readCache(t, path); len(f.Entries) != 2 {
		t.Errorf("%d entries, want 2", len(f.Entries))
	}
}

func TestCacheBadFiles(t *testing.T) {
	t.Parallel()
	s := newSite(t, func(s *site, w http.ResponseWriter, r *http.Request) {})
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := fast()
	o.CacheFile = bad
	if r := check1(t, s.URL, o); !r.OK() || r.Cached {
		t.Errorf("with a corrupt cache: %+v", r)
	}
	if f := readCache(t, bad); len(f.Entries) != 1 {
		t.Errorf("corrupt cache not rewritten: %+v", f)
	}

	// A cache that cannot be written is the one error; results are still returned.
	blocker := filepath.Join(dir, "file")
	if err := os.WriteFile(blocker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	o.CacheFile = filepath.Join(blocker, "links.json")
	res, err := Check(context.Background(), []string{s.URL}, o)
	if err == nil || !strings.Contains(err.Error(), "link cache") {
		t.Errorf("err = %v, want a link cache error", err)
	}
	if !res[s.URL].OK() {
		t.Errorf("result %+v", res[s.URL])
	}
}

func TestClassify(t *testing.T) {
	tests := []struct{ in, key, host string }{
		{"https://Example.ORG/A/b?q=1#frag", "https://example.org/A/b?q=1", "example.org"},
		{"HTTP://example.org:8080/", "http://example.org:8080/", "example.org"},
		{"//cdn.example.org/x.js", "https://cdn.example.org/x.js", "cdn.example.org"},
		{" https://example.org./x ", "https://example.org./x", "example.org"},
		{"https://[::1]:8080/x", "https://[::1]:8080/x", "::1"},
	}
	for _, tt := range tests {
		j, r, ok := classify(tt.in, nil)
		if !ok || j.key != tt.key || j.host != tt.host {
			t.Errorf("classify(%q) = %+v, %+v, %v; want key %q host %q", tt.in, j, r, ok, tt.key, tt.host)
		}
	}
}
