package browser

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	foliosite "folio/internal/site"
	"folio/internal/testkit"
)

// searchTabsSite is a page with two tab sets, Linux selected in both.
func searchTabsSite(t *testing.T) string {
	return testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Install](install.md)\n",
		"README.md":  "# Home\n\nHi.\n",
		"install.md": "# Install\n\nIntro.\n\n## Setup\n\nSome setup text.\n\n" +
			"{% tabs %}\n{% tab title=\"Linux\" %}\nUnpack the archive.\n{% endtab %}\n{% tab title=\"macOS\" %}\nDrag the bundle.\n{% endtab %}\n{% endtabs %}\n\n" +
			"## Other\n\n{% tabs %}\n{% tab title=\"Linux\" %}\nOther set.\n{% endtab %}\n{% tab title=\"macOS\" %}\nOther Mac.\n{% endtab %}\n{% endtabs %}\n",
	})
}

// searchTabsState says which tab each tab set shows, and how many tab
// choices are remembered for the next pages.
const searchTabsState = `[...document.querySelectorAll(".tabs [role=tablist]")].map(list =>
  [...list.querySelectorAll("[role=tab]")].filter(t => t.getAttribute("aria-selected") === "true" && !document.getElementById(t.getAttribute("aria-controls")).hidden).map(t => t.textContent).join("+")
).join(" | ") + " stored " + Object.keys(localStorage).filter(k => k.startsWith("folio-tab")).length`

// linkWatch counts, from the page's start, the links taken out of the
// document: revealing a result's tab adds none for a moment (it once
// followed a hidden link to the match, added and removed).
const linkWatch = `window.folioTestLinksRemoved = 0;
new MutationObserver(ms => { for (const m of ms) for (const n of m.removedNodes) {
  if (n.nodeType === 1 && (n.nodeName === "A" || n.querySelector("a"))) window.folioTestLinksRemoved++;
} }).observe(document, {childList: true, subtree: true});`

func watchLinks(t *testing.T, ctx context.Context) {
	t.Helper()
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: linkWatch})
		return err
	}))
	if err != nil {
		t.Fatalf("add the link watch: %v", err)
	}
}

// TestSearchRevealsTab follows search results to matches inside a tab
// that is not selected: in its text, and in its title (the tab's button,
// and the title hidden at the top of its panel). The page selects that
// tab, as a link on the page to a heading inside it does (folio.js's
// window.folio.reveal), and shows the match; the other tab set keeps its
// tab, nothing is remembered for the next pages (following a result is
// no choice of tab), the address stays the page's own, and no link is
// added to the page to do it.
func TestSearchRevealsTab(t *testing.T) {
	s := serve(t, searchTabsSite(t))
	ctx := startBrowser(t, 1280, 800)
	watchLinks(t, ctx)
	for _, c := range []struct{ url, shows string }{
		{"/install/?highlight=macos#setup", "Drag the bundle."},
		{"/install/?highlight=bundle#setup", "bundle"},
		{"/install/?highlight=bundle", "bundle"},
	} {
		t.Run(c.url, func(t *testing.T) {
			ctx := stepCtx(t, ctx)
			open(t, ctx, s.URL+c.url)
			checkHitRevealed(t, ctx, c.url, c.shows)
		})
	}
}

// TestSearchRevealsTabSlowScript is TestSearchRevealsTab when folio.js
// comes after the search index: the marks wait for it to have set up the
// tabs, though the document is no longer loading when search.js runs
// (deferred scripts run once it is interactive).
func TestSearchRevealsTabSlowScript(t *testing.T) {
	requireBrowser(t)
	out := filepath.Join(t.TempDir(), "public")
	res, err := foliosite.Build(context.Background(), foliosite.Options{Dir: searchTabsSite(t), Out: out})
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(res.Out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/folio.js") {
			time.Sleep(700 * time.Millisecond)
			w.Header().Set("Cache-Control", "no-store")
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	ctx := startBrowser(t, 1280, 800)
	watchLinks(t, ctx)
	const url = "/install/?highlight=bundle#setup"
	ctx = stepCtx(t, ctx)
	open(t, ctx, srv.URL+url)
	checkHitRevealed(t, ctx, url, "bundle")
}

func checkHitRevealed(t *testing.T, ctx context.Context, url, shows string) {
	t.Helper()
	// The match, or the panel it names, is in view.
	pollTrue(t, ctx, `(() => { const el = [...document.querySelectorAll(".content mark.search-hit, .content .tab-panel")].find(e =>
	  e.textContent.trim().endsWith(`+"`"+shows+"`"+`) && e.getClientRects().length); if (!el) return false;
	  const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`, "the match is shown")
	if got, want := eval[string](t, ctx, searchTabsState), "macOS | Linux stored 0"; got != want {
		t.Errorf("tabs %q, want %q", got, want)
	}
	wantAddr := strings.Replace(strings.Replace(url, "?highlight=macos", "", 1), "?highlight=bundle", "", 1)
	if got := eval[string](t, ctx, `location.pathname + location.search + location.hash`); got != wantAddr {
		t.Errorf("address %q, want %q", got, wantAddr)
	}
	if n := eval[int](t, ctx, `window.folioTestLinksRemoved`); n != 0 {
		t.Errorf("%d links added and taken out of the page, want none", n)
	}
}
