package browser

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"folio/internal/testkit"
)

// TestTableStops: a table that fits the text column is neither a Tab stop
// nor a landmark; one wider than it stays both, named; a table in a tab
// not shown yet is decided once the tab is shown; a narrower window makes
// a table that fitted scroll, and a stop again.
func TestTableStops(t *testing.T) {
	wide := "|" + strings.Repeat(" Column heading |", 12) + "\n|" + strings.Repeat("---|", 12) + "\n|" + strings.Repeat(" Some prose in a cell |", 12) + "\n"
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
		"README.md": "# Home\n\n## Small\n\n| A | B |\n|---|---|\n| 1 | 2 |\n\n## Wide\n\n" + wide + "\n" +
			"{% tabs %}\n{% tab title=\"One\" %}\nFirst.\n{% endtab %}\n{% tab title=\"Two\" %}\n" + wide + "{% endtab %}\n{% endtabs %}\n",
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 900)
	open(t, ctx, s.URL+"/")
	state := `[...document.querySelectorAll(".table-wrap")].map(w => [w.getAttribute("tabindex"), w.getAttribute("role"), w.getAttribute("aria-labelledby")].join(" "))`
	want := []string{"  ", "0 region folio-label-table folio-table-2"}
	poll := func(what string, want []string) {
		t.Helper()
		w, _ := json.Marshal(want)
		js := `JSON.stringify(` + state + `.slice(0, ` + strconv.Itoa(len(want)) + `)) === ` + "`" + string(w) + "`"
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Errorf("%s: tables %q, want %q", what, eval[[]string](t, ctx, state), want)
		}
	}
	poll("at 1280 px", want)
	// The table in the second tab, hidden: as the build wrote it.
	if got := eval[[]string](t, ctx, state)[2]; got != "0 region folio-label-table folio-table-3" {
		t.Errorf("table in a hidden tab: %q, want as built", got)
	}
	eval[bool](t, ctx, `document.querySelectorAll("[role=tab]")[1].click(), true`)
	poll("its tab shown", append(want, "0 region folio-label-table folio-table-3"))
	// Named "Table" and its heading's text, not the heading's anchor link.
	if got := eval[string](t, ctx, `document.getElementById("folio-table-2").textContent`); got != "Wide" {
		t.Errorf("the wide table's name %q, want Wide", got)
	}
	do(t, ctx, "narrow window", chromedp.EmulateViewport(100, 900))
	poll("at 100 px", []string{"0 region folio-label-table folio-table-1", "0 region folio-label-table folio-table-2"})
}

// TestCodeStops: a code block that fits is no Tab stop; a wider one is,
// and so is one that a narrower window makes scroll (t42).
func TestCodeStops(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n\n```sh\necho short\n```\n\n```sh\necho " + strings.Repeat("long-argument ", 30) + "\n```\n",
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 900)
	open(t, ctx, s.URL+"/")
	state := `JSON.stringify([...document.querySelectorAll(".content pre")].map(p => p.getAttribute("tabindex")))`
	poll := func(what, want string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](state+" === `"+want+"`", chromedp.WithPollingTimeout(3*time.Second))); err != nil {
			t.Errorf("%s: tabindex %s, want %s", what, eval[string](t, ctx, state), want)
		}
	}
	poll("at 1280 px", `[null,"0"]`)
	do(t, ctx, "narrow window", chromedp.EmulateViewport(60, 900))
	poll("at 60 px", `["0","0"]`)
}

// TestTableFocusInView: the keyboard reaching a link in a far column of a
// wide table brings the whole link into the table's view, not only the
// part the browser scrolls to (t62: its focus ring under the table's
// edge).
func TestTableFocusInView(t *testing.T) {
	row := "|" + strings.Repeat(" [a link in a rather long cell](README.md) |", 12) + "\n"
	wide := "|" + strings.Repeat(" Column heading |", 12) + "\n|" + strings.Repeat("---|", 12) + "\n" + row
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n\n## Wide\n\n" + wide,
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 900)
	open(t, ctx, s.URL+"/")
	// One after the other, as Tab goes: the next link is often half in
	// view, which the browser leaves as it is. A headless tab has no
	// system focus, so focus() fires no focusin: the test sends it.
	for i := range 12 {
		eval[bool](t, ctx, `(a => (a.focus(), a.dispatchEvent(new FocusEvent("focusin", {bubbles: true})), true))(document.querySelectorAll(".table-wrap a")[`+strconv.Itoa(i)+`])`)
		js := `(() => {
		  const a = document.querySelectorAll(".table-wrap a")[` + strconv.Itoa(i) + `], w = a.closest(".table-wrap");
		  const r = a.getBoundingClientRect(), b = w.getBoundingClientRect();
		  return r.left >= b.left + 4 && r.right <= b.right - 4; // its focus ring too (t66)
		})()`
		if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(2*time.Second))); err != nil {
			t.Errorf("the table's link %d, focused, is not wholly in the table's view: %v", i, err)
		}
	}
}

// TestFigureCaptionAlign: the caption of an image aligned left or right
// (GitBook's <div align>) goes with it, not centred under the column
// (t61).
func TestFigureCaptionAlign(t *testing.T) {
	fig := func(align string) string {
		return `<div align="` + align + `"><figure><img src="a.png" alt="` + align + `"><figcaption><p>` + align + `</p></figcaption></figure></div>`
	}
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n\n" + fig("left") + "\n\n" + fig("right") + "\n\n" + fig("center") + "\n",
		"a.png":      "",
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 900)
	open(t, ctx, s.URL+"/")
	got := eval[[]string](t, ctx, `[...document.querySelectorAll(".content figcaption")].map(c => getComputedStyle(c).textAlign)`)
	if want := []string{"start", "end", "center"}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("captions aligned %v, want %v", got, want)
	}
}
