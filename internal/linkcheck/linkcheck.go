// Package linkcheck checks that external links answer, for `folio check --external`.
//
// Each distinct URL (fragment removed) is requested once per run: HEAD first, GET when
// the server rejects HEAD, redirects followed. Requests are bounded per host and overall,
// retried with exponential backoff on transient failures, and remembered in an optional
// cache file so that repeated runs are cheap. folio build never uses this package.
package linkcheck

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults used for the zero values of Options.
const (
	DefaultConcurrency   = 8
	DefaultPerHost       = 2
	DefaultRetries       = 2
	DefaultTimeout       = 10 * time.Second
	DefaultMaxAge        = 24 * time.Hour
	DefaultFailAge       = time.Hour
	DefaultBackoff       = 500 * time.Millisecond
	DefaultMaxRetryAfter = 30 * time.Second
	DefaultUserAgent     = "folio-linkcheck/1 (folio check --external)"

	// MaxRedirects is how many redirects one request follows before giving up.
	MaxRedirects = 10
	// bodyLimit bounds what a GET reads: the status is all we need, and draining a
	// little lets small responses release their connection cleanly.
	bodyLimit = 4 << 10
)

// Options configures Check. Zero values mean the defaults above.
type Options struct {
	Concurrency int // requests in flight overall
	PerHost     int // URLs of one host (name without port) in flight at once
	Retries     int // extra attempts after a transient failure; negative for none

	Timeout time.Duration // per request, redirects and the bounded body read included
	Backoff time.Duration // wait before the first retry, doubled for each further one
	// MaxRetryAfter is the longest Retry-After (on 429 or 503) that is honoured; a server
	// asking for a longer pause is not retried and its status is reported as is.
	MaxRetryAfter time.Duration

	// Skip lists hosts that are never requested: an exact host name ("example.org") or a
	// wildcard for its subdomains ("*.example.org", which does not match example.org).
	Skip []string

	// CacheFile is the JSON file results are remembered in; empty disables caching.
	// Successes are reused for MaxAge, failures for FailAge (at most MaxAge). A negative
	// age means results of that kind are never reused.
	CacheFile string
	MaxAge    time.Duration
	FailAge   time.Duration

	UserAgent string
	// Client sends the requests; nil means a client over http.DefaultTransport. Its
	// CheckRedirect is replaced (on a copy) to follow MaxRedirects and detect loops.
	Client *http.Client
	// Now is the clock for cache ages; nil means time.Now.
	Now func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Concurrency <= 0 {
		o.Concurrency = DefaultConcurrency
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	if o.Retries == 0 {
		o.Retries = DefaultRetries
	} else if o.Retries < 0 {
		o.Retries = 0
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.Backoff <= 0 {
		o.Backoff = DefaultBackoff
	}
	if o.MaxRetryAfter <= 0 {
		o.MaxRetryAfter = DefaultMaxRetryAfter
	}
	if o.MaxAge == 0 {
		o.MaxAge = DefaultMaxAge
	}
	if o.FailAge == 0 {
		o.FailAge = DefaultFailAge
	}
	o.FailAge = min(o.FailAge, o.MaxAge)
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Result is the outcome for one URL.
type Result struct {
	URL     string // as given to Check
	Status  int    // final HTTP status, after redirects; 0 when no response came
	Err     string // why no usable response came: timeout, connection error, redirect loop…
	Cached  bool   // taken from the cache file, not requested in this run
	Skipped bool   // not checked: not http(s), or a host of Options.Skip
}

// OK reports whether the URL answered 2xx (after redirects). Skipped URLs are not OK;
// callers usually ignore them.
func (r Result) OK() bool {
	return !r.Skipped && r.Err == "" && r.Status >= 200 && r.Status < 300
}

// Problem describes what is wrong with the URL, such as "404 Not Found" or "timeout after
// 10s", or returns "" when it is OK or skipped.
func (r Result) Problem() string {
	switch {
	case r.Skipped || r.OK():
		return ""
	case r.Err != "":
		return r.Err
	case http.StatusText(r.Status) != "":
		return fmt.Sprintf("%d %s", r.Status, http.StatusText(r.Status))
	default:
		return fmt.Sprintf("status %d", r.Status)
	}
}

// Check requests every http(s) URL of urls, at most once per distinct URL (fragment
// removed), and returns one Result per URL as given. URLs served from the cache are not
// requested. The error is non-nil only when the cache file cannot be written or ctx is
// done; in the latter case the results of URLs not checked carry ctx's error, and the
// checked ones are still cached.
func Check(ctx context.Context, urls []string, opts Options) (map[string]Result, error) {
	o := opts.withDefaults()
	results := make(map[string]Result, len(urls))
	keyOf := make(map[string]string, len(urls)) // URL as given → URL requested
	var jobs []job
	queued := make(map[string]bool)
	for _, raw := range urls {
		if _, done := results[raw]; done {
			continue
		}
		if _, done := keyOf[raw]; done {
			continue
		}
		j, r, ok := classify(raw, o.Skip)
		if !ok {
			r.URL = raw
			results[raw] = r
			continue
		}
		keyOf[raw] = j.key
		if !queued[j.key] {
			queued[j.key] = true
			jobs = append(jobs, j)
		}
	}

	var cache map[string]entry
	if o.CacheFile != "" {
		cache = loadCache(o.CacheFile)
	}
	byKey := make(map[string]Result, len(jobs))
	var todo []job
	now := o.Now()
	for _, j := range jobs {
		if e, ok := cache[j.key]; ok && e.fresh(now, o) {
			byKey[j.key] = Result{Status: e.Status, Err: e.Err, Cached: true}
			continue
		}
		todo = append(todo, j)
	}

	c := newChecker(o)
	fresh := c.run(ctx, todo)
	for k, r := range fresh {
		byKey[k] = r.Result
	}
	for raw, key := range keyOf {
		r := byKey[key]
		r.URL = raw
		results[raw] = r
	}

	var errs []error
	if o.CacheFile != "" {
		checkedAt := o.Now()
		for _, j := range todo {
			// URLs interrupted by ctx have no result worth remembering.
			if r, ok := fresh[j.key]; ok && !r.interrupted {
				cache[j.key] = entry{URL: j.key, Status: r.Status, Err: r.Err, Checked: checkedAt}
			}
		}
		if err := saveCache(o.CacheFile, cache, checkedAt, o); err != nil {
			errs = append(errs, err)
		}
	}
	if err := ctx.Err(); err != nil {
		errs = append(errs, fmt.Errorf("checking links: %w", err))
	}
	return results, errors.Join(errs...)
}

// job is one distinct URL to request.
type job struct {
	key  string // the URL without fragment, host lower-cased: what is requested and cached
	host string // host name without port, for the per-host bound
}

// classify normalises raw, or returns the final Result of a URL that is not requested.
func classify(raw string, skip []string) (job, Result, bool) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return job{}, Result{Err: fmt.Sprintf("invalid URL: %v", errors.Unwrap(err))}, false
	}
	if u.Scheme == "" && strings.HasPrefix(u.String(), "//") {
		u.Scheme = "https" // protocol-relative links are served over https nowadays
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return job{}, Result{Skipped: true}, false
	}
	if u.Host == "" {
		return job{}, Result{Err: "invalid URL: no host"}, false
	}
	u.Fragment, u.RawFragment = "", ""
	u.Host = strings.ToLower(u.Host)
	host := strings.TrimSuffix(u.Hostname(), ".")
	if Skips(host, skip) {
		return job{}, Result{Skipped: true}, false
	}
	return job{key: u.String(), host: host}, Result{}, true
}

// Skips reports whether host matches one of patterns: an exact host name, or
// "*.example.org" for any subdomain of example.org. Matching ignores case.
func Skips(host string, patterns []string) bool {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, p := range patterns {
		p = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(p), "."))
		if suffix, ok := strings.CutPrefix(p, "*."); ok {
			if strings.HasSuffix(host, "."+suffix) {
				return true
			}
		} else if p != "" && host == p {
			return true
		}
	}
	return false
}

// ValidPattern reports why p cannot be a pattern of Options.Skip, for configuration
// checks: it must be a host name, optionally prefixed by "*.".
func ValidPattern(p string) error {
	name := strings.TrimPrefix(p, "*.")
	if name == "" || strings.ContainsAny(name, "*/:@?# \t") {
		return fmt.Errorf("%q is not a host name or *.host wildcard", p)
	}
	return nil
}

var (
	errRedirectLoop     = errors.New("redirect loop")
	errTooManyRedirects = fmt.Errorf("more than %d redirects", MaxRedirects)
)

func checkRedirect(req *http.Request, via []*http.Request) error {
	next := withoutFragment(req.URL)
	for _, v := range via {
		if withoutFragment(v.URL) == next {
			return errRedirectLoop
		}
	}
	if len(via) > MaxRedirects {
		return errTooManyRedirects
	}
	return nil
}

func withoutFragment(u *url.URL) string {
	c := *u
	c.Fragment, c.RawFragment = "", ""
	return c.String()
}

type checker struct {
	o      Options
	client *http.Client
}

func newChecker(o Options) *checker {
	var cl http.Client
	if o.Client != nil {
		cl = *o.Client
	}
	cl.CheckRedirect = checkRedirect
	return &checker{o: o, client: &cl}
}

// checked is a Result with what the run needs to know about it.
type checked struct {
	Result
	interrupted bool // ctx ended before the check did
}

// run checks todo concurrently and returns the results by key.
func (c *checker) run(ctx context.Context, todo []job) map[string]checked {
	out := make(map[string]checked, len(todo))
	if len(todo) == 0 {
		return out
	}
	global := make(chan struct{}, c.o.Concurrency)
	hosts := make(map[string]chan struct{})
	for _, j := range todo {
		if hosts[j.host] == nil {
			hosts[j.host] = make(chan struct{}, c.o.PerHost)
		}
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	// One goroutine per URL, each waiting for its host's turn before taking an overall
	// slot, so that a busy host never holds slots other hosts could use.
	for _, j := range todo {
		wg.Go(func() {
			r := c.check(ctx, j.key, hosts[j.host], global)
			mu.Lock()
			out[j.key] = r
			mu.Unlock()
		})
	}
	wg.Wait()
	return out
}

// outcome is the result of one attempt.
type outcome struct {
	Result
	retry      bool          // transient failure: worth another attempt
	retryAfter time.Duration // server-requested pause, when given
	hasRA      bool
}

func interrupted(ctx context.Context) checked {
	return checked{Result: Result{Err: context.Cause(ctx).Error()}, interrupted: true}
}

func acquire(ctx context.Context, sem chan struct{}) bool {
	select {
	case sem <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

// check requests one URL, retrying transient failures. The host slot is held across
// retries so that backing off also spares the host.
func (c *checker) check(ctx context.Context, u string, host, global chan struct{}) checked {
	if !acquire(ctx, host) {
		return interrupted(ctx)
	}
	defer func() { <-host }()
	useGet := false
	for attempt := 0; ; attempt++ {
		if !acquire(ctx, global) {
			return interrupted(ctx)
		}
		out := c.attempt(ctx, u, &useGet)
		<-global
		if ctx.Err() != nil {
			return interrupted(ctx)
		}
		if !out.retry || attempt >= c.o.Retries {
			return checked{Result: out.Result}
		}
		wait := c.o.Backoff << attempt
		if out.hasRA {
			if out.retryAfter > c.o.MaxRetryAfter {
				return checked{Result: out.Result}
			}
			wait = out.retryAfter
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return interrupted(ctx)
		}
	}
}

// attempt sends HEAD, or GET when the server rejects HEAD; useGet remembers the
// rejection for later attempts.
func (c *checker) attempt(ctx context.Context, u string, useGet *bool) outcome {
	if !*useGet {
		out := c.do(ctx, http.MethodHead, u)
		switch out.Status {
		case http.StatusMethodNotAllowed, http.StatusForbidden, http.StatusNotImplemented:
			*useGet = true
		default:
			return out
		}
	}
	return c.do(ctx, http.MethodGet, u)
}

func (c *checker) do(ctx context.Context, method, u string) outcome {
	rctx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, method, u, nil)
	if err != nil {
		return outcome{Result: Result{Err: fmt.Sprintf("invalid URL: %v", err)}}
	}
	req.Header.Set("User-Agent", c.o.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	resp, err := c.client.Do(req)
	if err != nil {
		return c.failure(ctx, rctx, err)
	}
	if method == http.MethodGet {
		// The status is known; a body that fails to read does not change it.
		_, _ = io.CopyN(io.Discard, resp.Body, bodyLimit)
	}
	resp.Body.Close()
	out := outcome{Result: Result{Status: resp.StatusCode}}
	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500 {
		out.retry = true
		out.retryAfter, out.hasRA = parseRetryAfter(resp.Header.Get("Retry-After"), time.Now())
	}
	return out
}

// failure turns a transport error into an outcome.
func (c *checker) failure(ctx, rctx context.Context, err error) outcome {
	switch {
	case errors.Is(err, errRedirectLoop), errors.Is(err, errTooManyRedirects):
		// Both are properties of the site, not of the moment: no retry.
		if errors.Is(err, errRedirectLoop) {
			return outcome{Result: Result{Err: errRedirectLoop.Error()}}
		}
		return outcome{Result: Result{Err: errTooManyRedirects.Error()}}
	case ctx.Err() != nil:
		return outcome{Result: Result{Err: context.Cause(ctx).Error()}}
	case rctx.Err() != nil || isTimeout(err):
		return outcome{Result: Result{Err: fmt.Sprintf("timeout after %v", c.o.Timeout)}, retry: true}
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return outcome{Result: Result{Err: err.Error()}, retry: true}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// parseRetryAfter reads a Retry-After header: delay in seconds or an HTTP date.
func parseRetryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(h, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > math.MaxInt64/int64(time.Second) {
			return math.MaxInt64, true
		}
		return time.Duration(n) * time.Second, true
	}
	if t, err := http.ParseTime(h); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}
