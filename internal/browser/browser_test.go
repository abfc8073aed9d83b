// Package browser holds folio's browser tests: sites are built into a
// temporary directory, served over HTTP and driven in headless Chromium the
// way a reader would use them. They run where Debian's chromium is
// installed (.ci/run installs it) and skip elsewhere.
package browser

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	foliosite "folio/internal/site"
	"folio/internal/testkit"
)

const chromiumPath = "/usr/bin/chromium"

// site is a built site served over HTTP.
type site struct {
	URL   string
	Out   string   // the output directory
	Pages []string // site paths of the built pages, sorted, without a leading slash
}

// serve builds the site in dir into a temporary directory and serves it
// until the test ends.
func serve(t *testing.T, dir string) *site {
	t.Helper()
	return serveWith(t, foliosite.Options{Dir: dir})
}

// serveWith is serve with the build's options (review mode…); Out is a
// temporary folder.
func serveWith(t *testing.T, opts foliosite.Options) *site {
	t.Helper()
	opts.Out = filepath.Join(t.TempDir(), "public")
	res, err := foliosite.Build(context.Background(), opts)
	if err != nil {
		t.Fatalf("build %s: %v", opts.Dir, err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(res.Out)))
	t.Cleanup(srv.Close)
	s := &site{URL: srv.URL, Out: res.Out}
	for _, p := range res.Pages {
		s.Pages = append(s.Pages, strings.TrimPrefix(p, "/"))
	}
	slices.Sort(s.Pages)
	s.Pages = slices.Compact(s.Pages)
	return s
}

// requireBrowser skips the test where Chromium is not installed.
func requireBrowser(t *testing.T) {
	t.Helper()
	// The tests run wherever Debian's chromium is installed (CI installs
	// it); FOLIO_BROWSER=0 skips them, FOLIO_BROWSER=1 makes a missing
	// browser a failure rather than a skip.
	switch os.Getenv("FOLIO_BROWSER") {
	case "0":
		t.Skip("FOLIO_BROWSER=0: browser tests skipped")
	case "1":
		if _, err := exec.LookPath(chromiumPath); err != nil {
			t.Fatalf("FOLIO_BROWSER=1 but Chromium is missing at %s: %v", chromiumPath, err)
		}
	default:
		if _, err := exec.LookPath(chromiumPath); err != nil {
			t.Skipf("browser tests need Chromium at %s (apt-get install chromium): %v", chromiumPath, err)
		}
	}
}

// newTab starts a headless Chromium with a fresh profile and returns a
// context for one tab whose viewport is w×h CSS pixels, good for one
// minute. The browser stops when the test ends.
func newTab(t *testing.T, w, h int64) context.Context {
	t.Helper()
	tctx, cancel := context.WithTimeout(startBrowser(t, w, h), 60*time.Second)
	t.Cleanup(cancel)
	return tctx
}

// startBrowser is newTab without a deadline, for tests that visit many
// pages and set a deadline for each.
func startBrowser(t *testing.T, w, h int64) context.Context {
	t.Helper()
	requireBrowser(t)
	// The flags are spelled out rather than taken from chromedp's defaults,
	// so that the browser is the one the issue describes and nothing else.
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true), // containers give /dev/shm 64 MB
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(int(w), int(h)),
	)
	ctx, cancelCtx := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancelCtx()
		cancelAlloc()
	})
	// The first Run starts the browser; it must not carry a timeout (that
	// would stop the browser with it), so the viewport is set here.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// open loads url and waits for the page's body.
func open(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// tabState describes the first tab set of a page: the id of each tab, which
// tab is selected (aria-selected), which panels are visible, and which tab
// has the focus.
type tabState struct {
	IDs      []string `json:"ids"`
	Selected []int    `json:"selected"`
	Visible  []int    `json:"visible"`
	Focused  int      `json:"focused"`
}

const tabStateJS = `(() => {
  const list = document.querySelector('.tabs [role=tablist]');
  if (!list) return null;
  const tabs = Array.from(list.querySelectorAll('[role=tab]'));
  const st = {ids: [], selected: [], visible: [], focused: tabs.indexOf(document.activeElement)};
  tabs.forEach((tab, i) => {
    st.ids.push(tab.id);
    if (tab.getAttribute('aria-selected') === 'true') st.selected.push(i);
    const panel = document.getElementById(tab.getAttribute('aria-controls'));
    if (panel && !panel.hidden && panel.getClientRects().length > 0 &&
        getComputedStyle(panel).visibility !== 'hidden') st.visible.push(i);
  });
  return st;
})()`

func firstTabs(t *testing.T, ctx context.Context) *tabState {
	t.Helper()
	st := eval[*tabState](t, ctx, tabStateJS)
	if st == nil {
		t.Fatal("the page has no .tabs [role=tablist]")
	}
	if len(st.IDs) < 2 {
		t.Fatalf("the first tab set has %d tabs, want at least 2", len(st.IDs))
	}
	return st
}

func checkSelected(t *testing.T, st *tabState, want int, how string) {
	t.Helper()
	if !slices.Equal(st.Selected, []int{want}) {
		t.Errorf("after %s: aria-selected on tabs %v, want only tab %d", how, st.Selected, want)
	}
	if !slices.Equal(st.Visible, []int{want}) {
		t.Errorf("after %s: visible panels %v, want only panel %d", how, st.Visible, want)
	}
}

func TestBlocksInteractive(t *testing.T) {
	ctx := newTab(t, 1280, 800)
	s := serve(t, "../..")
	open(t, ctx, s.URL+"/en/guide/gitbook-blocks/")

	st := firstTabs(t, ctx)
	checkSelected(t, st, 0, "loading")

	// A click on the second tab shows its panel.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#"+st.IDs[1]))); err != nil {
		t.Fatalf("click tab 2: %v", err)
	}
	st = firstTabs(t, ctx)
	checkSelected(t, st, 1, "a click on tab 2")

	// ArrowRight on the focused tab moves to the next one (wrapping).
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#"+st.IDs[1])), chromedp.KeyEvent(kb.ArrowRight)); err != nil {
		t.Fatalf("ArrowRight: %v", err)
	}
	next := 2 % len(st.IDs)
	st = firstTabs(t, ctx)
	checkSelected(t, st, next, "ArrowRight on tab 2")
	if st.Focused != next {
		t.Errorf("after ArrowRight: focus on tab %d, want %d", st.Focused, next)
	}

	// A closed <details> in the page opens on a click of its summary.
	const sel = "article.page .content details:not([open]) > summary"
	if !eval[bool](t, ctx, fmt.Sprintf("document.querySelector(%q) !== null", sel)) {
		t.Fatalf("no closed <details> in the page (%s)", sel)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(
		"document.querySelector(%q).parentElement.id = 'folio-test-details'", sel))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#folio-test-details > summary"))); err != nil {
		t.Fatalf("click summary: %v", err)
	}
	if !eval[bool](t, ctx, "document.getElementById('folio-test-details').open") {
		t.Error("a click on the summary left the <details> closed")
	}
}

// TestTabsStacked: tabs that a narrow screen stacks go down and up with
// the arrow keys (t79: only left and right did); in a row, those keys
// leave the tab alone, for the page to scroll.
func TestTabsStacked(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Home\n\n{% tabs %}\n")
	for i := range 6 {
		fmt.Fprintf(&b, "{%% tab title=\"Installation on system number %d\" %%}\nText %d.\n{%% endtab %%}\n", i, i)
	}
	b.WriteString("{% endtabs %}\n")
	s := serve(t, testkit.Site(t, map[string]string{"SUMMARY.md": "# S\n\n* [Home](README.md)\n", "README.md": b.String()}))
	for _, c := range []struct {
		width int64
		want  int // the tab selected after ArrowDown on the first
	}{{320, 1}, {1280, 0}} {
		ctx := newTab(t, c.width, 800)
		open(t, ctx, s.URL+"/")
		st := firstTabs(t, ctx)
		if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#"+st.IDs[0])), chromedp.KeyEvent(kb.ArrowDown)); err != nil {
			t.Fatal(err)
		}
		checkSelected(t, firstTabs(t, ctx), c.want, fmt.Sprintf("ArrowDown on the first tab at %d px", c.width))
	}
}

// TestAnchorNames: a heading's link is named by what the heading says as
// read, its images' alternative text in, its math's TeX source out (t79).
func TestAnchorNames(t *testing.T) {
	page := "# Home\n\n## Energy $$E = mc^2$$ formula\n\n## Logo ![folio](pic.png) here\n"
	s := serve(t, testkit.Site(t, map[string]string{"SUMMARY.md": "# S\n\n* [Home](README.md)\n", "README.md": page, "pic.png": "x"}))
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/")
	got := eval[[]string](t, ctx, `[...document.querySelectorAll(".content h2 .heading-anchor")].map(a => a.getAttribute("aria-label"))`)
	if len(got) != 2 || strings.Contains(got[0], "^") || !strings.Contains(got[0], "formula") || !strings.Contains(got[1], "Logo folio here") {
		t.Errorf("anchor names %q, want the math without its TeX, and the image's alt", got)
	}
}

// overflowJS reports whether the page scrolls horizontally and, if so, the
// widest elements that stick out of the viewport on the right.
const overflowJS = `(() => {
  const vw = window.innerWidth;
  const sw = document.documentElement.scrollWidth;
  const r = {scrollWidth: sw, innerWidth: vw, culprits: []};
  if (sw <= vw) return r;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const b = el.getBoundingClientRect();
    if (b.right > vw + 0.5) out.push({el, right: b.right});
  }
  // The outermost elements that overflow are the interesting ones: drop
  // those whose parent also overflows.
  const set = new Set(out.map(o => o.el));
  for (const o of out) {
    if (set.has(o.el.parentElement)) continue;
    let d = o.el.tagName.toLowerCase();
    if (o.el.id) d += '#' + o.el.id;
    if (o.el.classList.length) d += '.' + Array.from(o.el.classList).join('.');
    r.culprits.push(d + ' (right ' + Math.round(o.right) + 'px)');
    if (r.culprits.length >= 5) break;
  }
  return r;
})()`

type overflowReport struct {
	ScrollWidth int      `json:"scrollWidth"`
	InnerWidth  int      `json:"innerWidth"`
	Culprits    []string `json:"culprits"`
}

// overflow returns a description of the horizontal scroll of the page at
// url, or "" when it has none.
func overflow(t *testing.T, ctx context.Context, url string) string {
	t.Helper()
	open(t, ctx, url)
	r := eval[overflowReport](t, ctx, overflowJS)
	if r.ScrollWidth <= r.InnerWidth {
		return ""
	}
	return fmt.Sprintf("scrollWidth %d > innerWidth %d; overflowing: %s",
		r.ScrollWidth, r.InnerWidth, strings.Join(r.Culprits, ", "))
}

// TestOverflowDetected checks the checker: a page with an element wider
// than the screen must be reported by overflow.
func TestOverflowDetected(t *testing.T) {
	ctx := newTab(t, 360, 740)
	dir := testkit.Site(t, map[string]string{
		"README.md":  "# Home\n\nSee [wide](wide.md).\n",
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Wide](wide.md)\n",
		"site.yaml":  "title: fixture\ntrust_raw_html: true\n",
		// Style attributes are removed from raw HTML unless the site
		// trusts it, hence trust_raw_html above.
		"wide.md": "# Wide\n\n<div style=\"width: 2000px\">wide</div>\n",
	})
	s := serve(t, dir)
	msg := overflow(t, ctx, s.URL+"/wide/")
	if msg == "" {
		t.Fatal("a page with a 2000px wide element was not reported as scrolling horizontally")
	}
	t.Logf("reported as expected: %s", msg)
	if msg := overflow(t, ctx, s.URL+"/"); msg != "" {
		t.Errorf("the fixture's home page, which has nothing wide, was reported: %s", msg)
	}
}

func TestLanguageSwitcher(t *testing.T) {
	ctx := newTab(t, 1280, 800)
	s := serve(t, "../..")
	// A section's anchor comes along: one both languages give a section
	// ({#id}) finds it again.
	open(t, ctx, s.URL+"/en/guide/configuration/#shared-id")
	// The switcher's links are resolved by the browser (a.href is absolute),
	// so relative links are checked as a reader would follow them.
	hrefs := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('.lang-menu a[hreflang=fr]')).map(a => a.href)`)
	page := s.URL + "/fr/guide/configuration/"
	want := page + "#shared-id"
	if !slices.Contains(hrefs, page) {
		t.Fatalf("language switcher French links %v, want %s", hrefs, page)
	}
	// Following it lands on the French page.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".lang-menu > summary")),
		chromedp.Click(chromedp.CSS(".lang-menu a[hreflang=fr]")),
		chromedp.WaitReady(chromedp.CSS("body")),
	); err != nil {
		t.Fatalf("follow the switcher: %v", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		loc := eval[string](t, ctx, "location.href")
		lang := eval[string](t, ctx, "document.documentElement.lang")
		if loc == want && lang == "fr" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after a click on Français: at %s (lang %q), want %s (lang fr)", loc, lang, want)
		}
		time.Sleep(50 * time.Millisecond)
	}
	// A section whose id differs between the languages (#the-index is
	// #l-index), in pages with as many headings: the French page opens at
	// the heading in the same place, and its address names it (t42).
	open(t, ctx, s.URL+"/en/guide/search/#the-index")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".lang-menu > summary")),
		chromedp.Click(chromedp.CSS(".lang-menu a[hreflang=fr]")),
	); err != nil {
		t.Fatalf("follow the switcher: %v", err)
	}
	want = s.URL + "/fr/guide/search/#l-index"
	js := `location.href === "` + want + `" && document.documentElement.lang === "fr" && window.scrollY > 100`
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		// Errors are expected while the English page goes away.
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the French page does not open at #l-index: at %s, scrolled %v", eval[string](t, ctx, "location.href"), eval[float64](t, ctx, "scrollY"))
		}
	}
}

// emulateMedia sets the CSS media type and features the page sees.
func emulateMedia(p emulation.SetEmulatedMediaParams) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, p)
		return err
	})
}

func TestScreenshots(t *testing.T) {
	requireBrowser(t)
	s := serve(t, "../..")
	// The pictures are for people to look at, so they outlive the test:
	// in FOLIO_SCREENSHOTS when it is set, else in a new directory under
	// the system's temporary directory.
	dir := os.Getenv("FOLIO_SCREENSHOTS")
	if dir == "" {
		d, err := os.MkdirTemp("", "folio-screenshots-")
		if err != nil {
			t.Fatal(err)
		}
		dir = d
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	shots := []struct {
		name   string
		w, h   int64
		scheme string
	}{
		{"light", 1280, 800, "light"},
		{"dark", 1280, 800, "dark"},
		{"mobile", 360, 740, "light"},
	}
	for _, sh := range shots {
		t.Run(sh.name, func(t *testing.T) {
			ctx := newTab(t, sh.w, sh.h)
			if err := chromedp.Do(ctx, setMedia(sh.scheme)); err != nil {
				t.Fatalf("emulate %s: %v", sh.scheme, err)
			}
			open(t, ctx, s.URL+"/en/guide/gitbook-blocks/")
			dark := eval[bool](t, ctx, "matchMedia('(prefers-color-scheme: dark)').matches")
			if dark != (sh.scheme == "dark") {
				t.Errorf("prefers-color-scheme: dark matches = %v with %s emulated", dark, sh.scheme)
			}
			png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatalf("screenshot: %v", err)
			}
			if len(png) == 0 {
				t.Fatal("empty screenshot")
			}
			p := filepath.Join(dir, sh.name+".png")
			if err := os.WriteFile(p, png, 0o644); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Logf("screenshots in %s", dir)
}
