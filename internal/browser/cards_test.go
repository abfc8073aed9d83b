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
