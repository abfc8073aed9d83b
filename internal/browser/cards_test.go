package browser

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"folio/internal/testkit"
)

// TestCardFocusVisible: a card whose target makes it a link shows the
// keyboard's focus (WCAG 2.4.7): the link sits in a cell of no height,
// so its own outline is cut off, and the card draws one.
func TestCardFocusVisible(t *testing.T) {
	requireBrowser(t)
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Cards](cards.md)\n* [Embeds](embeds.md)\n",
		"README.md":  "# Home\n",
		"cards.md": "# Cards\n\n<table data-view=\"cards\"><thead><tr><th></th><th data-hidden data-card-target data-type=\"content-ref\"></th></tr></thead>" +
			"<tbody><tr><td><strong>Embeds</strong></td><td><a href=\"embeds.md\">embeds.md</a></td></tr></tbody></table>\n",
		"embeds.md": "# Embeds\n",
	})
	url := preview(t, dir)
	ctx := newTab(t, 1280, 800)
	open(t, ctx, url+"cards/")
	// Tab from the top of the page to the card's link, as a keyboard user.
	for i := 0; i < 60 && !eval[bool](t, ctx, `!!(document.activeElement && document.activeElement.closest("td.card-target"))`); i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
	}
	got := eval[string](t, ctx, `(() => {
	  const a = document.activeElement;
	  if (!a || !a.closest("td.card-target")) return "focus is not on the card's link: " + (a && a.outerHTML);
	  const s = getComputedStyle(a.closest("tr"));
	  return s.outlineStyle + " " + s.outlineWidth;
	})()`)
	if got != "solid 3px" {
		t.Errorf("focused card's outline: %q, want solid 3px", got)
	}
}

// TestGitBookLooks: what GitBook shows as it does (t46): large cards
// fewer to a row than the default's, a step's list with discs, not the
// circles of a list within a list, and a raw link folio could not
// publish, or a mention, in the text's colour, as a Markdown one is.
func TestGitBookLooks(t *testing.T) {
	requireBrowser(t)
	cards := func(size string) string {
		return `<table data-view="cards"` + size + `><thead><tr><th></th></tr></thead><tbody>` +
			`<tr><td>One</td></tr><tr><td>Two</td></tr><tr><td>Three</td></tr></tbody></table>` + "\n\n"
	}
	s := serve(t, testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n",
		"README.md": "# Home\n\nOld: <a href=\"broken-reference\">v1</a>, by <a data-mention href=\"https://app.gitbook.com/u/abc\">Jane</a>, [here](README.md).\n\n" +
			"{% stepper %}\n{% step %}\n### First\n\n* item\n  * nested\n{% endstep %}\n{% endstepper %}\n\n" + cards(` data-card-size="large"`) + cards(""),
	}))
	ctx := newTab(t, 1280, 900)
	open(t, ctx, s.URL+"/")
	type looks struct {
		Large, Default       int
		Disc, Nested         string
		Broken, Mention, Txt string
	}
	// The grids 1,000 pixels wide: 4 default cards, 3 large ones.
	got := eval[looks](t, ctx, `(() => {
  const cols = tb => { tb.style.width = "1000px"; return getComputedStyle(tb.tBodies[0]).gridTemplateColumns.split(" ").length; };
  const [large, def] = document.querySelectorAll(".content table[data-view=cards]");
  const colour = sel => getComputedStyle(document.querySelector(sel)).color;
  return {
    Large: cols(large), Default: cols(def),
    Disc: getComputedStyle(document.querySelector(".step ul")).listStyleType,
    Nested: getComputedStyle(document.querySelector(".step ul ul")).listStyleType,
    Broken: colour("a.broken-link"), Mention: colour("a.mention"), Txt: colour(".content p"),
  };
})()`)
	if got.Large != 3 || got.Default != 4 {
		t.Errorf("cards to a row 1,000px wide: large %d, default %d; want 3 and 4", got.Large, got.Default)
	}
	if got.Disc != "disc" || got.Nested != "circle" {
		t.Errorf("a step's list: %s, nested %s; want disc and circle", got.Disc, got.Nested)
	}
	if got.Broken != got.Txt || got.Mention != got.Txt {
		t.Errorf("unpublished link %s, mention %s; want the text's %s", got.Broken, got.Mention, got.Txt)
	}
}
