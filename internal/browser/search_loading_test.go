package browser

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"folio/internal/testkit"
)

// TestSearchLoadingShown: while the index is on its way (held here, as a
// slow line would), a query opens the panel saying so, and a screen
// reader hears it; the results follow once it comes (t42: nothing was
// shown, in a panel still hidden, for as long as the index took).
func TestSearchLoadingShown(t *testing.T) {
	for _, escape := range []bool{false, true} {
		t.Run(map[bool]string{false: "results", true: "escape"}[escape], func(t *testing.T) { searchLoading(t, escape) })
	}
}

func searchLoading(t *testing.T, escape bool) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n\nThe configuration file.\n",
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 800)
	held := make(chan *fetch.EventRequestPaused, 1)
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			select {
			case held <- e:
			default:
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "hold the index", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*search-index*"}}})
		return err
	}))
	open(t, ctx, s.URL+"/")
	eval[bool](t, ctx, `(() => { const i = document.getElementById("folio-search-input"); i.focus(); i.value = "configuration";
	  i.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
	var req *fetch.EventRequestPaused
	select {
	case req = <-held:
	case <-time.After(10 * time.Second):
		t.Fatal("the index was not asked for")
	}
	pollTrue(t, ctx, `!document.querySelector(".search-panel").hidden && document.querySelector(".search-status").textContent.includes("Loading")`,
		"the panel says the index is loading")
	if said := eval[[]string](t, ctx, `[...document.querySelectorAll("form.search [role=status]")].map(e => e.textContent).filter(t => t)`); len(said) != 1 || !strings.Contains(said[0], "Loading") {
		t.Errorf("screen readers hear %q, want the loading, once (t45)", said)
	}
	if escape {
		// The reader closes the panel while the index is on its way: it
		// stays closed when the index comes (t45).
		do(t, ctx, "press Escape", chromedp.KeyEvent(kb.Escape))
	}
	do(t, ctx, "let the index come", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: req.RequestID})
		return err
	}))
	if escape {
		time.Sleep(500 * time.Millisecond)
		if !eval[bool](t, ctx, `document.querySelector(".search-panel").hidden`) {
			t.Error("the panel the reader closed opened again when the index came")
		}
		return
	}
	pollTrue(t, ctx, `document.querySelector("#folio-search-results [role=option]") !== null`, "the results follow")
}
