package browser

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"folio/internal/testkit"
)

// TestTabMemory checks that choosing a tab on one page selects the tab of
// the same title on the next page.
func TestTabMemory(t *testing.T) {
	tabs := "{% tabs %}\n{% tab title=\"macOS\" %}\nmac\n{% endtab %}\n{% tab title=\"Linux\" %}\nlinux\n{% endtab %}\n{% endtabs %}\n"
	s := serve(t, testkit.Site(t, map[string]string{
		"README.md":  "# Install\n\n" + tabs,
		"update.md":  "# Update\n\n" + tabs,
		"SUMMARY.md": "# Summary\n\n* [Install](README.md)\n* [Update](update.md)\n",
	}))
	ctx := newTab(t, 1280, 800)
	selected := `[...document.querySelectorAll(".tabs [role=tab]")].filter(t => t.getAttribute("aria-selected") === "true").map(t => t.textContent.trim()).join(",")`
	open(t, ctx, s.URL+"/update/")
	if got := eval[string](t, ctx, selected); got != "macOS" {
		t.Fatalf("before any choice, selected tab = %q, want the first, macOS", got)
	}
	open(t, ctx, s.URL+"/")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`.tabs [role=tab]:nth-child(2)`))); err != nil {
		t.Fatalf("click Linux: %v", err)
	}
	open(t, ctx, s.URL+"/update/")
	if got := eval[string](t, ctx, selected); got != "Linux" {
		t.Errorf("after choosing Linux on the first page, the next page selects %q", got)
	}
}

// TestSidebarCurrent checks on every page of both languages that the
// sidebar marks exactly the page being read and shows it.
func TestSidebarCurrent(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	n := 0
	for _, p := range s.Pages {
		if !strings.HasPrefix(p, "en/") && !strings.HasPrefix(p, "fr/") {
			continue
		}
		n++
		open(t, ctx, s.URL+"/"+p)
		got := eval[string](t, ctx, `(() => {
		  const cur = document.querySelectorAll('#folio-sidebar [aria-current="page"]');
		  if (cur.length !== 1) return cur.length + " links marked current";
		  if (cur[0].href !== location.href) return "marks " + cur[0].href;
		  const box = (document.querySelector("#folio-sidebar .sidebar-inner") || document.getElementById("folio-sidebar")).getBoundingClientRect();
		  const r = cur[0].getBoundingClientRect();
		  if (r.top < box.top || r.bottom > box.bottom) return "current link out of view";
		  return "";
		})()`)
		if got != "" {
			t.Errorf("/%s: sidebar %s", p, got)
		}
	}
	if n == 0 {
		t.Fatal("no pages checked")
	}
}

// TestPreviousNext follows the "next" links from the English home page to
// the end and back with "previous": every page is reached once, in the
// same order both ways.
func TestPreviousNext(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	follow := func(start, rel string) []string {
		var seen []string
		open(t, ctx, start)
		for range 200 {
			here := eval[string](t, ctx, "location.pathname")
			for _, p := range seen {
				if p == here {
					t.Fatalf("%s links loop back to %s after %v", rel, here, seen)
				}
			}
			seen = append(seen, here)
			next := eval[string](t, ctx, `(document.querySelector('.pagination a[rel="`+rel+`"]') || {}).href || ""`)
			if next == "" {
				return seen
			}
			open(t, ctx, next)
		}
		t.Fatalf("more than 200 pages following %s", rel)
		return nil
	}
	forward := follow(s.URL+"/en/", "next")
	back := follow(s.URL+forward[len(forward)-1], "prev")
	if len(forward) < 5 {
		t.Fatalf("next links reach only %v", forward)
	}
	for i := range forward {
		if j := len(back) - 1 - i; j < 0 || back[j] != forward[i] {
			t.Fatalf("previous links do not retrace next links:\nnext: %v\nprev: %v", forward, back)
		}
	}
	t.Logf("%d pages in reading order", len(forward))
}

// TestDrawer checks the sidebar on a phone: hidden behind the menu button,
// which opens it and Escape closes it, giving focus back to the button.
func TestDrawer(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 360, 740)
	open(t, ctx, s.URL+"/en/guide/gitbook-blocks/")
	visible := `(() => { const r = document.getElementById("folio-sidebar").getBoundingClientRect();
	  return getComputedStyle(document.getElementById("folio-sidebar")).visibility !== "hidden" && r.right > 0 && r.left < innerWidth; })()`
	expanded := `document.querySelector(".menu-toggle").getAttribute("aria-expanded")`
	if eval[bool](t, ctx, visible) {
		t.Fatal("the sidebar covers the page at 360 px before the menu is opened")
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".menu-toggle"))); err != nil {
		t.Fatalf("click menu: %v", err)
	}
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](visible, chromedp.WithPollingTimeout(5*time.Second))); err != nil {
		t.Fatalf("the sidebar does not open: %v", err)
	}
	if got := eval[string](t, ctx, expanded); got != "true" {
		t.Errorf("aria-expanded = %q with the menu open", got)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatalf("press Escape: %v", err)
	}
	if got := eval[string](t, ctx, expanded); got != "false" {
		t.Errorf("aria-expanded = %q after Escape", got)
	}
	if !eval[bool](t, ctx, `document.activeElement === document.querySelector(".menu-toggle")`) {
		t.Error("focus does not return to the menu button after Escape")
	}
	// Open again: Tab from the menu button goes into the drawer at once,
	// not through the header's controls first (t42), and Shift+Tab from
	// its first link back to the button.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".menu-toggle"))); err != nil {
		t.Fatalf("click menu: %v", err)
	}
	pollTrue(t, ctx, expanded+` === "true"`, "the menu opens again")
	eval[bool](t, ctx, `document.querySelector(".menu-toggle").focus(), true`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatalf("press Tab: %v", err)
	}
	if !eval[bool](t, ctx, `document.getElementById("folio-sidebar").contains(document.activeElement)`) || eval[string](t, ctx, expanded) != "true" {
		t.Fatalf("Tab from the menu button reaches %s, want the drawer's first link", eval[string](t, ctx, `document.activeElement.className || document.activeElement.tagName`))
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift))); err != nil {
		t.Fatalf("press Shift+Tab: %v", err)
	}
	if !eval[bool](t, ctx, `document.activeElement === document.querySelector(".menu-toggle")`) {
		t.Errorf("Shift+Tab from the drawer's first link reaches %s, want the menu button", eval[string](t, ctx, `document.activeElement.className || document.activeElement.tagName`))
	}
	// Then Tab past the drawer's last link: the drawer closes rather than
	// let focus go on under it.
	eval[bool](t, ctx, `[...document.querySelectorAll("#folio-sidebar a[href]")].pop().focus(), true`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatalf("press Tab: %v", err)
	}
	if got := eval[string](t, ctx, expanded); got != "false" || eval[bool](t, ctx, `document.getElementById("folio-sidebar").contains(document.activeElement)`) {
		t.Errorf("Tab past the drawer's last link: aria-expanded = %q, focus in the drawer: %v; want the drawer closed, focus after it",
			got, eval[bool](t, ctx, `document.getElementById("folio-sidebar").contains(document.activeElement)`))
	}
}

// TestOutlineAndAnchors checks that the outline follows the section being
// read and that a heading's anchor link leads to that heading.
func TestOutlineAndAnchors(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	// Headless Chromium does not always finish a smooth scroll; readers
	// who ask for reduced motion jump, as the test does.
	if err := chromedp.Do(ctx, setMedia("light")); err != nil {
		t.Fatalf("emulate reduced motion: %v", err)
	}
	open(t, ctx, s.URL+"/en/guide/gitbook-blocks/")
	active := `(document.querySelector(".outline a.is-active") || {}).hash || ""`
	for _, id := range []string{"code-blocks", "tabs"} {
		js := `document.getElementById("` + id + `").scrollIntoView(); true`
		if !eval[bool](t, ctx, js) {
			t.Fatalf("no heading #%s", id)
		}
		want := `(` + active + `) === "#` + id + `"`
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](want, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Errorf("scrolled to #%s, outline highlights %q: %v", id, eval[string](t, ctx, active), err)
		}
	}
	// A script click: a mouse click would aim while smooth scrolling moves
	// the target.
	if !eval[bool](t, ctx, `(a => !!a && (a.click(), true))(document.querySelector("#hints .heading-anchor"))`) {
		t.Fatal("#hints has no anchor link")
	}
	if got := eval[string](t, ctx, "location.hash"); got != "#hints" {
		t.Errorf("after clicking the anchor of #hints, location.hash = %q", got)
	}
	// A heading is named by its own text, not with its anchor's name
	// after it (t42: "Hints Link to this section: Hints").
	names, err := chromedp.Run(ctx, axNames("h2#hints"))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 1 || names[0][1] != "Hints" {
		t.Errorf("the heading #hints is named %q, want Hints", names)
	}
	// Nor with a formula's TeX source, nor without an image's alt text
	// (review).
	label := eval[string](t, ctx, `(() => {
	  const h = document.createElement("h2");
	  h.id = "probe";
	  h.innerHTML = 'Energy <span class="math"><math><mi>E</mi><annotation encoding="application/x-tex">E</annotation></math></span> <img alt="bolt" src="x.png"> <span hidden>no</span>';
	  document.querySelector(".content").appendChild(h);
	  window.folio.init(h);
	  return h.getAttribute("aria-label");
	})()`)
	if label != "Energy E bolt" {
		t.Errorf("a heading with a formula and an image is named %q, want %q", label, "Energy E bolt")
	}
	top := `document.getElementById("hints").getBoundingClientRect().top`
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`(t => t >= 0 && t < 200)(`+top+`)`, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("after clicking its anchor, #hints stays %v px from the top of the window: %v", eval[float64](t, ctx, top), err)
	}
}

// TestOutlineAfterJump lands on a page at a heading, as a search result
// or a link to a section does, then jumps to another from the page: the
// outline highlights the section landed on each time, though the heading
// may land above the band the outline's observer watches.
func TestOutlineAfterJump(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	if err := chromedp.Do(ctx, setMedia("light")); err != nil {
		t.Fatalf("emulate reduced motion: %v", err)
	}
	active := `(document.querySelector(".outline a.is-active") || {}).hash || ""`
	for _, id := range []string{"tabs", "hints"} {
		open(t, ctx, s.URL+"/en/guide/gitbook-blocks/?landed#"+id)
		want := `(` + active + `) === "#` + id + `"`
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](want, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Errorf("landed on #%s, outline highlights %q: %v", id, eval[string](t, ctx, active), err)
		}
	}
	eval[bool](t, ctx, `location.hash = "#code-blocks"; true`)
	want := `(` + active + `) === "#code-blocks"`
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](want, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("jumped to #code-blocks, outline highlights %q: %v", eval[string](t, ctx, active), err)
	}
	// The tester's: a result for "glossaire" in its section.
	for _, u := range []string{s.URL + "/fr/guide/preview/?highlight=glossaire#corriger-ce-qui-est-signal%C3%A9", fileURL(s.Out, "fr/guide/preview/index.html") + "?highlight=glossaire#corriger-ce-qui-est-signal%C3%A9"} {
		open(t, ctx, u)
		pollTrue(t, ctx, `!!document.querySelector("mark.search-hit")`, "the page marks the word")
		want = `decodeURIComponent(` + active + `) === "#corriger-ce-qui-est-signalé"`
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](want, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Errorf("landed from a search result at %s, outline highlights %q: %v", u, eval[string](t, ctx, active), err)
		}
	}
	// A search result scrolls to the word found, deep in its section, far
	// from any heading.
	ss := serve(t, searchSite(t))
	open(t, ctx, ss.URL+"/en/long/?highlight=needle#late")
	pollTrue(t, ctx, `(m => !!m && Math.abs(m.getBoundingClientRect().top - innerHeight / 2) < 100)(document.querySelector("mark.search-hit"))`,
		"the page scrolls to the word found")
	want = `(` + active + `) === "#late"`
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](want, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("landed from a search result in #late, outline highlights %q: %v", eval[string](t, ctx, active), err)
	}
}

// TestColorScheme checks that the page follows the reader's colour scheme.
func TestColorScheme(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	// The sum of the body background's red, green and blue.
	brightness := `getComputedStyle(document.body).backgroundColor.match(/\d+/g).slice(0, 3).reduce((a, b) => a + Number(b), 0)`
	for _, c := range []struct {
		scheme string
		light  bool
	}{{"light", true}, {"dark", false}} {
		if err := chromedp.Do(ctx, setMedia(c.scheme)); err != nil {
			t.Fatalf("emulate %s: %v", c.scheme, err)
		}
		open(t, ctx, s.URL+"/en/")
		if b := eval[float64](t, ctx, brightness); (b > 3*128) != c.light {
			t.Errorf("%s scheme: body background brightness %v of 765", c.scheme, b)
		}
	}
}

// TestTabsBrokenDetected shows the tab checks can fail: with the theme's
// script broken, a click on the second tab selects nothing new, and the
// state the tab test reads says so.
func TestTabsBrokenDetected(t *testing.T) {
	s := serve(t, "../..")
	if err := os.WriteFile(filepath.Join(s.Out, "_folio", "folio.js"), []byte("// broken on purpose\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/en/guide/gitbook-blocks/")
	st := firstTabs(t, ctx)
	// Without the script the tab row is not shown, so the click is a
	// script's.
	eval[bool](t, ctx, `document.getElementById("`+st.IDs[1]+`").click(), true`)
	st = firstTabs(t, ctx)
	if slices.Equal(st.Selected, []int{1}) && slices.Equal(st.Visible, []int{1}) {
		t.Errorf("without folio.js, tab 2 still reads as selected and shown: %+v", st)
	}
}

// TestFocusVisible checks that keyboard focus shows: the skip link, the
// first thing Tab reaches, and then a sidebar link each draw a ring.
func TestFocusVisible(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/en/guide/gitbook-blocks/")
	ring := `(e => { const c = getComputedStyle(e); return (c.outlineStyle !== "none" && parseFloat(c.outlineWidth) >= 2) || c.boxShadow !== "none"; })(document.activeElement)`
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatalf("press Tab: %v", err)
	}
	if !eval[bool](t, ctx, `document.activeElement.classList.contains("skip-link")`) {
		t.Errorf("Tab first reaches %s, not the skip link", eval[string](t, ctx, "document.activeElement.outerHTML.slice(0, 80)"))
	}
	if !eval[bool](t, ctx, ring) {
		t.Error("the focused skip link shows no focus ring")
	}
	if err := chromedp.Do(ctx, chromedp.Focus(chromedp.CSS("#folio-sidebar a"))); err != nil {
		t.Fatalf("focus a sidebar link: %v", err)
	}
	if !eval[bool](t, ctx, ring) {
		t.Errorf("the focused %s shows no focus ring", eval[string](t, ctx, "document.activeElement.outerHTML.slice(0, 80)"))
	}
}

// TestBlocksRender checks that hints, steppers, columns and cards are laid
// out as blocks: each takes the column's width, columns sit side by side
// and cards form a grid rather than a table.
func TestBlocksRender(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/en/guide/gitbook-blocks/")
	got := eval[[]string](t, ctx, `(() => {
	  const bad = [];
	  const content = document.querySelector(".content").getBoundingClientRect().width;
	  for (const sel of [".hint", ".stepper", ".columns", "table[data-view=cards]"]) {
	    const e = document.querySelector(sel);
	    if (!e) { bad.push("no " + sel); continue; }
	    const r = e.getBoundingClientRect();
	    if (r.width < content * 0.9 || r.height < 20) bad.push(sel + " is " + Math.round(r.width) + "×" + Math.round(r.height) + " in a " + Math.round(content) + " px column");
	  }
	  const cols = [...document.querySelectorAll(".columns > .column")].map(c => c.getBoundingClientRect());
	  if (cols.length < 2 || cols[0].top !== cols[1].top || cols[0].right > cols[1].left) bad.push("columns are not side by side");
	  const cards = document.querySelector("table[data-view=cards] tbody");
	  if (cards && getComputedStyle(cards).display === "table-row-group") bad.push("cards are drawn as a table");
	  return bad;
	})()`)
	if len(got) > 0 {
		t.Errorf("blocks: %s", strings.Join(got, "; "))
	}
}

// TestOutlineShortSections jumps to the last sections of a page too short
// to scroll them to the top: the heading jumped to stays lower than the
// band the outline watches, below an earlier heading, yet it is the
// section the reader asked for, and the outline says so until the reader
// scrolls.
func TestOutlineShortSections(t *testing.T) {
	page := "# Short\n\nIntro.\n\n## First\n\n" + strings.Repeat("Some words to read. ", 60) + "\n\n"
	for _, h := range []string{"Second", "Third", "Fourth"} {
		page += "## " + h + "\n\nOne line.\n\n"
	}
	dir := testkit.Site(t, map[string]string{
		"README.md":  "# Home\n",
		"short.md":   page,
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Short](short.md)\n",
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 800)
	if err := chromedp.Do(ctx, setMedia("light")); err != nil {
		t.Fatalf("emulate reduced motion: %v", err)
	}
	active := `(document.querySelector(".outline a.is-active") || {}).hash || ""`
	for _, id := range []string{"fourth", "third"} {
		open(t, ctx, s.URL+"/short/?"+id+"#"+id)
		want := `(` + active + `) === "#` + id + `"`
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](want, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Errorf("landed on #%s, outline highlights %q: %v", id, eval[string](t, ctx, active), err)
		}
	}
	eval[bool](t, ctx, `location.hash = "#second"; true`)
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`(`+active+`) === "#second"`, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("jumped to #second, outline highlights %q: %v", eval[string](t, ctx, active), err)
	}
	// The reader scrolls back to the top: the jump no longer decides.
	eval[bool](t, ctx, `window.dispatchEvent(new WheelEvent("wheel", {deltaY: -100})); scrollTo(0, 0); true`)
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`(`+active+`) !== "#second"`, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("scrolled to the top, outline still highlights %q: %v", eval[string](t, ctx, active), err)
	}
	// The reader scrolls to the end of the page: the last sections never
	// reach the band, yet the last one in the window is the one read (t35:
	// the outline stayed on an earlier one).
	eval[bool](t, ctx, `window.dispatchEvent(new WheelEvent("wheel", {deltaY: 100})); scrollTo(0, document.documentElement.scrollHeight); true`)
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](`(`+active+`) === "#fourth"`, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("scrolled to the end, outline highlights %q: %v", eval[string](t, ctx, active), err)
	}
}

// TestOutlineNarrow: where the window has no room for the outline beside
// the text (a zoomed window, a tablet, a phone), the page shows it folded
// above the text, whose links lead to the sections; with room, only the
// outline beside the text shows.
func TestOutlineNarrow(t *testing.T) {
	s := serve(t, "../..")
	shown := `[".outline", ".page-toc"].map(sel => { const e = document.querySelector(sel); return !!e && e.checkVisibility(); })`
	for _, c := range []struct {
		width int64
		want  []bool
	}{{1280, []bool{true, false}}, {1024, []bool{false, true}}, {390, []bool{false, true}}} {
		ctx := newTab(t, c.width, 800)
		open(t, ctx, s.URL+"/en/guide/gitbook-blocks/")
		if got := eval[[]bool](t, ctx, shown); !slices.Equal(got, c.want) {
			t.Errorf("at %d px: outline, folded outline shown %v, want %v", c.width, got, c.want)
		}
	}
	ctx := newTab(t, 1024, 800)
	open(t, ctx, s.URL+"/en/guide/gitbook-blocks/")
	eval[bool](t, ctx, `document.querySelector(".page-toc").open = true, true`)
	if !eval[bool](t, ctx, `(a => !!a && (a.click(), true))(document.querySelector(".page-toc a[href='#tabs']"))`) {
		t.Fatal("the folded outline has no link to #tabs")
	}
	pollTrue(t, ctx, `location.hash === "#tabs" && Math.abs(document.getElementById("tabs").getBoundingClientRect().top) < 200`, "the link leads to #tabs")
}
