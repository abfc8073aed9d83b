package browser

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"folio/internal/testkit"
)

// longOutlineSite is the tester's book: a page of 40 sections of 3
// subsections each, whose outline is taller than the window, last in a
// sidebar of 60 other pages, which is taller than the window too.
func longOutlineSite(t *testing.T) *site {
	t.Helper()
	var long, summary strings.Builder
	long.WriteString("# Long page\n\n")
	para := strings.Repeat("Zebras are African equids with distinctive black-and-white striped coats. ", 5)
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&long, "## Section %d\n\n", i)
		for j := 1; j <= 3; j++ {
			fmt.Fprintf(&long, "### Subsection %d.%d\n\nParagraph %d.%d: %s\n\n", i, j, i, j, para)
		}
	}
	files := map[string]string{"README.md": "# Home\n\nThe home page.\n", "long.md": long.String()}
	summary.WriteString("# Summary\n\n* [Home](README.md)\n")
	for i := 1; i <= 60; i++ {
		name := fmt.Sprintf("p%02d.md", i)
		files[name] = fmt.Sprintf("# Page %d\n\nText.\n", i)
		fmt.Fprintf(&summary, "* [Page %d](%s)\n", i, name)
	}
	summary.WriteString("* [Long page](long.md)\n")
	files["SUMMARY.md"] = summary.String()
	return serve(t, testkit.Site(t, files))
}

// outlineActiveJS gives the hash of the outline's active link when it is
// inside the outline's scroll box, else says where it is.
const outlineActiveJS = `(() => {
  const a = document.querySelector(".outline a.is-active");
  if (!a) return "no active link";
  const box = document.querySelector(".outline-inner").getBoundingClientRect();
  const r = a.getBoundingClientRect();
  if (r.top < box.top || r.bottom > box.bottom) return a.hash + " at y=" + Math.round(r.top) + ", outside the outline's " + Math.round(box.top) + "–" + Math.round(box.bottom);
  return a.hash;
})()`

// TestOutlineFollows checks that the outline's own scroll box keeps the
// section being read in view, when the page is opened at a section deep
// in it and as the reader scrolls, without moving the page; that it
// leaves the outline where the reader scrolled it while the pointer is
// on it; and that the sidebar shows the current page, last of a long
// list.
func TestOutlineFollows(t *testing.T) {
	s := longOutlineSite(t)
	ctx := newTab(t, 1280, 900)
	// Headless Chromium does not always finish a smooth scroll; readers
	// who ask for reduced motion jump, as the test does.
	if err := chromedp.Do(ctx, setMedia("light")); err != nil {
		t.Fatalf("emulate reduced motion: %v", err)
	}
	follows := func(hash, what string) {
		t.Helper()
		want := `(` + outlineActiveJS + `) === "` + hash + `"`
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](want, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Errorf("%s: outline: %s, want %s in view: %v", what, eval[string](t, ctx, outlineActiveJS), hash, err)
		}
	}
	headingTop := func(id string) float64 {
		return eval[float64](t, ctx, `document.getElementById("`+id+`").getBoundingClientRect().top`)
	}

	open(t, ctx, s.URL+"/long/#subsection-12.3")
	if eval[float64](t, ctx, `(b => b.scrollHeight - b.clientHeight)(document.querySelector(".outline-inner"))`) < 1000 {
		t.Fatal("the outline is not much taller than its box: the test shows nothing")
	}
	follows("#subsection-12.3", "opened at #subsection-12.3")
	// Just below the header, with a rem to spare: not twice that (t62).
	if top := headingTop("subsection-12.3"); top < 0 || top > 110 {
		t.Errorf("opened at #subsection-12.3, the heading is %v px from the top of the window", top)
	}

	eval[bool](t, ctx, `document.getElementById("section-30").scrollIntoView(); true`)
	y := eval[float64](t, ctx, "scrollY")
	follows("#section-30", "scrolled to Section 30")
	if got := eval[float64](t, ctx, "scrollY"); got != y {
		t.Errorf("the outline following Section 30 moved the page from %v to %v", y, got)
	}

	eval[bool](t, ctx, `scrollTo(0, 0); document.getElementById("section-2").scrollIntoView(); true`)
	follows("#section-2", "scrolled back to Section 2")

	// The reader scrolls the outline with the wheel, then the page moves
	// (the keyboard, say) while the pointer is still on the outline: the
	// outline stays where the reader put it.
	box := eval[[]float64](t, ctx, `(r => [r.left + r.width / 2, r.top + r.height / 2])(document.querySelector(".outline-inner").getBoundingClientRect())`)
	// The protocol wants deltaX too, and cdproto leaves a zero out.
	wheel := func(p *input.DispatchMouseEventParams) { p.DeltaX, p.DeltaY = 0.001, 1500 }
	if err := chromedp.Do(ctx,
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box[0], box[1]),
		chromedp.MouseEvent(input.DispatchMouseEventTypeMouseWheel, box[0], box[1], wheel),
	); err != nil {
		t.Fatalf("wheel over the outline: %v", err)
	}
	pollTrue(t, ctx, `document.querySelector(".outline-inner").scrollTop > 500`, "the wheel scrolls the outline")
	time.Sleep(300 * time.Millisecond)
	kept := eval[float64](t, ctx, `document.querySelector(".outline-inner").scrollTop`)
	eval[bool](t, ctx, `document.getElementById("section-5").scrollIntoView(); true`)
	pollTrue(t, ctx, `(document.querySelector(".outline a.is-active") || {}).hash === "#section-5"`, "the outline highlights Section 5")
	time.Sleep(300 * time.Millisecond)
	if got := eval[float64](t, ctx, `document.querySelector(".outline-inner").scrollTop`); got != kept {
		t.Errorf("the page moved while the reader scrolled the outline: the outline moved from %v to %v", kept, got)
	}
	// The pointer leaves, the reader reads on: the outline follows again.
	if err := chromedp.Do(ctx, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, 640, 450)); err != nil {
		t.Fatalf("move the mouse: %v", err)
	}
	time.Sleep(1600 * time.Millisecond)
	eval[bool](t, ctx, `document.getElementById("section-6").scrollIntoView(); true`)
	follows("#section-6", "scrolled to Section 6 once the pointer left the outline")

	// The sidebar shows the current page, below the fold of its list.
	got := eval[string](t, ctx, `(() => {
	  const cur = document.querySelector('#folio-sidebar [aria-current="page"]');
	  if (!cur) return "no current page";
	  const box = document.querySelector("#folio-sidebar .sidebar-inner").getBoundingClientRect();
	  const r = cur.getBoundingClientRect();
	  return r.top < box.top || r.bottom > box.bottom ? "current page at y=" + Math.round(r.top) + ", outside the sidebar's " + Math.round(box.top) + "–" + Math.round(box.bottom) : "";
	})()`)
	if got != "" {
		t.Errorf("sidebar: %s", got)
	}
}
