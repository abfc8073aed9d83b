package browser

import (
	"slices"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// printTableSite has a table of three short columns, one of eight columns
// under a heading
// of long text, one with a word longer than the page and a cards table.
var printTableSite = func() map[string]string {
	long := "The quick brown fox jumps over the lazy dog while reading documentation"
	row := "|" + strings.Repeat(" "+long+" |", 8) + "\n"
	return map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Tables](README.md)\n",
		"README.md": "# Tables\n\n| A | B | C |\n|---|---|---|\n| 1 | 2 | 3 |\n\n## Wide\n\n" +
			"| One | Two | Three | Four | Five | Six | Seven | Eight |\n|---|---|---|---|---|---|---|---|\n" + row + row + "\n" +
			"| Key | Value |\n|---|---|\n| " + strings.Repeat("identifier", 20) + " | x |\n| `consentRecordIdentifier` | y |\n| https://example.org/" + strings.Repeat("path/", 30) + " | z |\n\n" +
			`<table data-view="cards"><thead><tr><th></th><th></th></tr></thead><tbody>` +
			`<tr><td><strong>One</strong></td><td>First card</td></tr><tr><td><strong>Two</strong></td><td>Second card</td></tr>` +
			`<tr><td><strong>Three</strong></td><td>Third card</td></tr></tbody></table>` + "\n",
	}
}()

// TestPrintTables checks tables in print media at the width of a sheet of
// Letter paper within folio's margins: no table scrolls or is cut off,
// each is a table no wider than the page, its text wrapping in its cells,
// and keeps its right border inside the page (Chromium's print clips a
// collapsed border lying on the page's edge); a cards table stays a grid
// of cards. On screen the wide table scrolls in its box, and the table of
// a long word and a URL fits.
func TestPrintTables(t *testing.T) {
	requireBrowser(t)
	s := serve(t, testkit.Site(t, printTableSite))
	ctx := newTab(t, 696, 900)
	open(t, ctx, s.URL+"/")
	type table struct {
		Display, Wrap, BorderRight string
		Right, Page                float64
		Scrolls                    bool
	}
	const tablesJS = `[...document.querySelectorAll(".content table:not([data-view=cards])")].map(tb => {
  const wrap = tb.closest(".table-wrap"), row = tb.rows[tb.rows.length - 1], cell = getComputedStyle(row.cells[row.cells.length - 1]);
  return {
    Display: getComputedStyle(tb).display,
    Wrap: wrap ? getComputedStyle(wrap).overflowX : "",
    BorderRight: cell.borderRightStyle + " " + cell.borderRightWidth,
    Right: tb.getBoundingClientRect().right,
    Page: document.documentElement.clientWidth,
    Scrolls: !!wrap && wrap.scrollWidth > wrap.clientWidth,
  };
})`
	screen := eval[[]table](t, ctx, tablesJS)
	if len(screen) != 3 {
		t.Fatalf("%d tables on the page, want 3", len(screen))
	}
	if !screen[1].Scrolls || screen[1].Wrap != "auto" {
		t.Errorf("on screen the table of eight columns of prose does not scroll in its box: %+v", screen[1])
	}
	if screen[2].Scrolls {
		t.Errorf("on screen the table of a long word and a long URL does not fit its column: %+v", screen[2])
	}
	// On screen code in a cell the build marked breaks anywhere too, but
	// the cell keeps the room of a few words (not consen / tRecord…); code
	// in other cells breaks only where it must.
	const wrapJS = `[...document.querySelectorAll(".content td.long-words code")].map(c => getComputedStyle(c).overflowWrap)`
	if got := eval[[]string](t, ctx, wrapJS); len(got) == 0 || slices.ContainsFunc(got, func(w string) bool { return w != "anywhere" }) {
		t.Errorf("on screen, code in long-words cells wraps %q, want anywhere", got)
	}
	if got := eval[[]string](t, ctx, `[...document.querySelectorAll(".content td.long-words")].map(c => getComputedStyle(c).minWidth)`); len(got) == 0 || got[0] == "0px" {
		t.Errorf("on screen, long-words cells have min-width %q, want a few words", got)
	}
	do(t, ctx, "emulate print", printMedia())
	if got := eval[[]string](t, ctx, wrapJS); len(got) == 0 || slices.ContainsFunc(got, func(w string) bool { return w != "anywhere" }) {
		t.Errorf("in print, code in long-words cells wraps %q, want anywhere", got)
	}
	if got := eval[int](t, ctx, `document.querySelectorAll(".content th.long-words").length`); got != 0 {
		t.Errorf("%d header cells marked long-words: a header is words, kept whole", got)
	}
	for i, tb := range eval[[]table](t, ctx, tablesJS) {
		if tb.Display != "table" || tb.Wrap != "visible" || tb.Scrolls {
			t.Errorf("in print, table %d is shown as %s in a box whose overflow is %s (scrolls: %v), want a table not clipped",
				i+1, tb.Display, tb.Wrap, tb.Scrolls)
		}
		if tb.Right > tb.Page-1 {
			t.Errorf("in print, table %d ends at %.2fpx, on or past the page's edge at %dpx: its right border is cut off",
				i+1, tb.Right, int(tb.Page))
		}
		if tb.BorderRight != "solid 1px" {
			t.Errorf("in print, table %d's last cell has right border %q", i+1, tb.BorderRight)
		}
	}
	// A heading keeps room below it for a table's first rows, which the
	// table takes back: Chromium's PDF otherwise left "Wide" alone at a
	// page's foot, its table on the next page (checked with pdftotext; a
	// test cannot read a PDF's pages).
	type room struct{ After, Margin, Break string }
	if r := eval[room](t, ctx, `(() => {
  const h = document.querySelector(".content h2"), a = getComputedStyle(h, "::after");
  return {After: a.height, Margin: a.marginBottom, Break: getComputedStyle(h).breakInside};
})()`); r.After != "96px" || r.Margin != "-96px" || r.Break != "avoid" {
		t.Errorf("in print, a heading before a table keeps %+v below it; want 96px taken back, the heading unbroken", r)
	}
	type cards struct {
		Display, Grid string
		Cards         int
		Right, Page   float64
	}
	c := eval[cards](t, ctx, `(() => {
  const tb = document.querySelector(".content table[data-view=cards]");
  return {
    Display: getComputedStyle(tb).display,
    Grid: getComputedStyle(tb.tBodies[0]).display,
    Cards: [...tb.rows].filter(r => r.checkVisibility() && getComputedStyle(r).borderRightWidth === "1px").length,
    Right: Math.max(...[...tb.rows].map(r => r.getBoundingClientRect().right)),
    Page: document.documentElement.clientWidth,
  };
})()`)
	if c.Display != "block" || c.Grid != "grid" || c.Cards != 3 || c.Right > c.Page {
		t.Errorf("in print, the cards table: %+v; want a block holding a grid of 3 bordered cards within the page", c)
	}
}
