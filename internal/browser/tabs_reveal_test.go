package browser

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"folio/internal/testkit"
)

// TestTabFragment checks that a link to a heading inside a tab that is not
// selected selects that tab, and the tab around it in nested tabs, then
// shows the heading: opened with the fragment, from the outline, from a
// link on the page and when the hash changes. The selection is the one a
// click makes (aria-selected, one visible panel), and the outline then
// highlights the heading.
func TestTabFragment(t *testing.T) {
	filler := strings.Repeat("A paragraph that takes room, so that the tabs are below the fold.\n\n", 30)
	page := "# Tabs\n\n[To tab B](#heading-in-tab-b) and [to the inner tab](#deep-heading).\n\n" + filler +
		"<details>\n\n<summary>Folded</summary>\n\n## Folded heading\n\nFolded text.\n\n</details>\n\n" +
		"{% tabs %}\n{% tab title=\"A\" %}\n## Heading in tab A\n\nIn A.\n{% endtab %}\n" +
		"{% tab title=\"B\" %}\n## Heading in tab B\n\nIn B.\n\n" +
		"{% tabs %}\n{% tab title=\"Inner 1\" %}\nInner one.\n{% endtab %}\n{% tab title=\"Inner 2\" %}\n### Deep heading\n\nInner two.\n{% endtab %}\n{% endtabs %}\n" +
		"{% endtab %}\n{% endtabs %}\n\n" + filler
	s := serve(t, testkit.Site(t, map[string]string{
		"README.md":  "# Home\n\nSee [tab B](tabs.md#heading-in-tab-b).\n",
		"tabs.md":    page,
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Tabs](tabs.md)\n",
	}))
	ctx := newTab(t, 1280, 800)
	if err := chromedp.Do(ctx, setMedia("light")); err != nil {
		t.Fatalf("emulate reduced motion: %v", err)
	}
	// Per tab set: the selected tabs' titles, then the visible panels' ids.
	state := `[...document.querySelectorAll(".tabs [role=tablist]")].map(list =>
	  [...list.querySelectorAll("[role=tab]")].filter(t => t.getAttribute("aria-selected") === "true").map(t => t.textContent + (t.tabIndex === 0 ? "" : "(tabindex " + t.tabIndex + ")")).join("+") + "/" +
	  [...list.querySelectorAll("[role=tab]")].filter(t => !document.getElementById(t.getAttribute("aria-controls")).hidden).map(t => t.textContent).join("+")
	).join(" | ")`
	shown := func(id string) string {
		return `(h => !!h && h.getClientRects().length > 0 && (r => r.top >= 0 && r.bottom <= innerHeight)(h.getBoundingClientRect()))(document.getElementById("` + id + `"))`
	}
	check := func(id, want, what string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](shown(id), chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Errorf("%s: #%s is not shown in the window: %v", what, id, err)
		}
		if got := eval[string](t, ctx, state); got != want {
			t.Errorf("%s: tabs\n got %s\nwant %s", what, got, want)
		}
	}
	const atB = "B/B | Inner 1/Inner 1"
	const atDeep = "B/B | Inner 2/Inner 2"

	open(t, ctx, s.URL+"/tabs/#heading-in-tab-b")
	check("heading-in-tab-b", atB, "opened with #heading-in-tab-b")
	active := `(document.querySelector(".outline a.is-active") || {}).hash || ""`
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`(`+active+`) === "#heading-in-tab-b"`, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("opened with #heading-in-tab-b, the outline highlights %q: %v", eval[string](t, ctx, active), err)
	}

	// Headings the reader cannot see are never the section in view: the
	// one folded in a closed block (whose box is where its summary is),
	// the one in tab B (no box).
	open(t, ctx, s.URL+"/tabs/")
	eval[bool](t, ctx, `(d => scrollBy(0, d.getBoundingClientRect().top - 120))(document.querySelector(".content details")); true`)
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`(`+active+`) === "#heading-in-tab-a"`, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("the closed block and tab A in view, the outline highlights %q, want #heading-in-tab-a: %v", eval[string](t, ctx, active), err)
	}
	eval[bool](t, ctx, `scrollBy(0, document.getElementById("heading-in-tab-a").getBoundingClientRect().bottom + 20); true`)
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`(`+active+`) === "#heading-in-tab-a"`, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("below tab A's heading, the outline highlights %q, want #heading-in-tab-a: %v", eval[string](t, ctx, active), err)
	}

	open(t, ctx, s.URL+"/tabs/#deep-heading")
	check("deep-heading", atDeep, "opened with #deep-heading")

	// From the outline, and from a link in the text.
	for _, c := range []struct{ sel, id, want string }{
		{`.outline a[href="#heading-in-tab-b"]`, "heading-in-tab-b", atB},
		{`.content a[href="#heading-in-tab-b"]`, "heading-in-tab-b", atB},
		{`.content a[href="#deep-heading"]`, "deep-heading", atDeep},
	} {
		open(t, ctx, s.URL+"/tabs/")
		if got := eval[string](t, ctx, state); got != "A/A | Inner 1/Inner 1" {
			t.Fatalf("opened without a fragment: tabs %s", got)
		}
		if !eval[bool](t, ctx, `(a => !!a && (a.click(), true))(document.querySelector('`+c.sel+`'))`) {
			t.Fatalf("no link %s", c.sel)
		}
		check(c.id, c.want, "after a click on "+c.sel)
	}

	// A change of the hash, tab A selected again by the reader.
	open(t, ctx, s.URL+"/tabs/")
	eval[bool](t, ctx, `location.hash = "#heading-in-tab-b"; true`)
	check("heading-in-tab-b", atB, "after the hash changed to #heading-in-tab-b")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.tabs [role=tab]:first-child`))); err != nil {
		t.Fatalf("click tab A: %v", err)
	}
	eval[bool](t, ctx, `location.hash = "#top-nowhere"; scrollTo(0, 0); location.hash = "#heading-in-tab-b"; true`)
	check("heading-in-tab-b", atB, "after the reader chose A and the hash changed to #heading-in-tab-b again")

	// From another page, the reader having chosen A there before: the
	// fragment wins over the remembered tab.
	open(t, ctx, s.URL+"/")
	if !eval[bool](t, ctx, `(a => !!a && (a.click(), true))(document.querySelector('.content a[href*="heading-in-tab-b"]'))`) {
		t.Fatal("the home page has no link to tab B")
	}
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("#heading-in-tab-b"))); err != nil {
		t.Fatalf("following the link from the home page: %v", err)
	}
	check("heading-in-tab-b", atB, "after following a link from the home page, tab A remembered")
}
