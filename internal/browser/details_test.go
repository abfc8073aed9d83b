package browser

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"folio/internal/testkit"
)

// detailsSite is a space whose page holds an expandable block far below
// the top, a link to it on the same page and one from the home page.
func detailsSite(t *testing.T) *site {
	t.Helper()
	filler := strings.Repeat("A paragraph that takes room, so that the block is below the fold.\n\n", 40)
	dir := testkit.Site(t, map[string]string{
		"README.md":  "# Home\n\nSee [the block](page.md#how-do-i-run-it).\n",
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n",
		"page.md": "# Page\n\n[Jump to the block](#how-do-i-run-it)\n\n" + filler +
			"<details>\n\n<summary>How do I <code>run</code> it?</summary>\n\nThe hidden answer.\n\n</details>\n\n" + filler,
	})
	return serve(t, dir)
}

const (
	detailsJS = `document.getElementById("how-do-i-run-it")`
	// inView: the block's summary is inside the window.
	inViewJS = `(r => r.top >= 0 && r.bottom <= innerHeight)(` + detailsJS + `.querySelector("summary").getBoundingClientRect())`
)

// TestDetailsAnchor checks that a link to an expandable block's ID opens it
// and scrolls to it: when the page is opened with the fragment, when a
// link on the page is clicked and when the hash changes; and that the
// link beside its summary gives its address without opening it.
func TestDetailsAnchor(t *testing.T) {
	s := detailsSite(t)
	ctx := newTab(t, 1280, 800)
	// Headless Chromium does not always finish a smooth scroll; readers
	// who ask for reduced motion jump, as the test does.
	if err := chromedp.Do(ctx, setMedia("light")); err != nil {
		t.Fatalf("emulate reduced motion: %v", err)
	}
	poll := func(js, what string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Errorf("%s: %v", what, err)
		}
	}

	// Opened with the fragment.
	open(t, ctx, s.URL+"/page/#how-do-i-run-it")
	if !eval[bool](t, ctx, `!!`+detailsJS) {
		t.Fatal("the page has no element #how-do-i-run-it: the block got no ID from its summary")
	}
	poll(detailsJS+`.open && `+inViewJS, "opened with #how-do-i-run-it, the block is not open and in view")

	// A click on a link to it, on the page, from the top.
	open(t, ctx, s.URL+"/page/")
	if eval[bool](t, ctx, detailsJS+`.open`) {
		t.Fatal("opened without a fragment, the block is open")
	}
	if !eval[bool](t, ctx, `(a => !!a && (a.click(), true))(document.querySelector('.content a[href="#how-do-i-run-it"]:not(.details-anchor)'))`) {
		t.Fatal("no link to #how-do-i-run-it on the page")
	}
	poll(detailsJS+`.open && `+inViewJS, "after a click on a link to it, the block is not open and in view")

	// A change of the hash, the block closed again and scrolled away.
	eval[bool](t, ctx, detailsJS+`.open = false; location.hash = "#top-nowhere"; scrollTo(0, 0); true`)
	eval[bool](t, ctx, `location.hash = "#how-do-i-run-it"; true`)
	poll(detailsJS+`.open && `+inViewJS, "after the hash changed to it, the block is not open and in view")

	// The link beside the summary: named, and it leaves the block shut.
	open(t, ctx, s.URL+"/page/")
	label := eval[string](t, ctx, `(a => a ? a.getAttribute("aria-label") : "")(document.querySelector(".details-anchor"))`)
	if !strings.Contains(label, "How do I run it?") {
		t.Errorf("the link beside the summary is named %q, want the summary's text in it", label)
	}
	if eval[bool](t, ctx, `!!document.querySelector("summary .details-anchor, summary a")`) {
		t.Error("a link is inside the summary: a control in a control")
	}
	// The keyboard reaches the summary before its link, as a heading
	// before its own (tester: the link came first, WCAG 2.4.3).
	if !eval[bool](t, ctx, `(a => !!a && !!(a.previousElementSibling && a.previousElementSibling.matches("details")))(document.querySelector(".details-anchor"))`) {
		t.Error("the link beside the summary comes before its block in the tab order")
	}
	if !eval[bool](t, ctx, `(a => !!a && (a.click(), true))(document.querySelector(".details-anchor"))`) {
		t.Fatal("the block has no .details-anchor link")
	}
	poll(`location.hash === "#how-do-i-run-it"`, "after a click on the link beside the summary, the address has no #how-do-i-run-it")
	// Let the hashchange event pass before looking.
	time.Sleep(200 * time.Millisecond)
	if eval[bool](t, ctx, detailsJS+`.open`) {
		t.Error("a click on the link beside the summary opened the block")
	}

	// From another page.
	open(t, ctx, s.URL+"/")
	if !eval[bool](t, ctx, `(a => !!a && (a.click(), true))(document.querySelector('.content a[href*="how-do-i-run-it"]'))`) {
		t.Fatal("the home page has no link to the block")
	}
	// The old page has no such element: this waits for the new one.
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("#how-do-i-run-it"))); err != nil {
		t.Fatalf("following the link from the home page: %v", err)
	}
	poll(detailsJS+`.open && `+inViewJS, "after following a link from the home page, the block is not open and in view")
}
