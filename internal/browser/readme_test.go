package browser

import (
	"fmt"
	"testing"

	"github.com/chromedp/chromedp"

	"folio/internal/testkit"
)

// TestModeOnlyImages: GitHub's images for one colour mode
// (logo.png#gh-dark-mode-only) show in that mode alone, as the system or
// the theme menu sets it (t57: both showed in both).
func TestModeOnlyImages(t *testing.T) {
	requireBrowser(t)
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n",
		"README.md": "# Home\n\n![Logo](light.png#gh-light-mode-only) ![Logo](dark.png#gh-dark-mode-only)\n\n" +
			"<figure><a href=\"dark.png\"><img src=\"dark.png#gh-dark-mode-only\" alt=\"Chart\"></a><figcaption><p>Dark caption</p></figcaption></figure>\n",
		"light.png": "x",
		"dark.png":  "x",
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 800)
	shown := `[...document.querySelectorAll(".content p img")].filter(i => getComputedStyle(i).display !== "none").map(i => i.getAttribute("src").split("#")[0]).join(" ")`
	caption := `document.querySelector(".content").innerText.includes("Dark caption")`
	for _, c := range []struct{ system, choice, want string }{
		{"light", "", "light.png"}, {"dark", "", "dark.png"},
		{"light", "dark", "dark.png"}, {"dark", "light", "light.png"},
	} {
		if err := chromedp.Do(ctx, setMedia(c.system)); err != nil {
			t.Fatal(err)
		}
		open(t, ctx, s.URL+"/")
		if c.choice != "" {
			eval[any](t, ctx, fmt.Sprintf(`document.documentElement.setAttribute("data-theme", %q)`, c.choice))
		}
		if got := eval[string](t, ctx, shown); got != c.want {
			t.Errorf("system %s, theme %q: shown %q, want %q", c.system, c.choice, got, c.want)
		}
		if got := eval[bool](t, ctx, caption); got != (c.want == "dark.png") {
			t.Errorf("system %s, theme %q: the dark image's caption shown: %v", c.system, c.choice, got)
		}
	}
}

// TestReadmeShapes: a README's nested table of contents leaves no gap
// after its inner list, and a heading as a <details> summary stays on the
// marker's line (t57).
func TestReadmeShapes(t *testing.T) {
	requireBrowser(t)
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n",
		"README.md": "# Home\n\n<details>\n<summary><h2>Contents</h2></summary>\n\nBody.\n\n</details>\n\n" +
			"- [Usage](#usage)\n  - [CLI](#cli)\n- [License](#license)\n\n## Usage\n\n### CLI\n\n## License\n",
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/")
	// The gap between the inner list's last item and the next item, and
	// between two items of the inner list's level.
	gaps := eval[[]float64](t, ctx, `(() => {
	  const outer = document.querySelector(".content > ul"), items = outer.children;
	  const inner = items[0].querySelector("ul");
	  return [items[1].getBoundingClientRect().top - inner.getBoundingClientRect().bottom,
	          items[1].getBoundingClientRect().top - items[0].getBoundingClientRect().bottom];
	})()`)
	if gaps[0] > 8 {
		t.Errorf("the item after a nested list is %.1fpx below it, more than between items", gaps[0])
	}
	// The summary is one line: its height is the heading's line, not two.
	h := eval[[]float64](t, ctx, `(() => { const s = document.querySelector(".content details > summary"), h = s.querySelector("h2");
	  return [s.getBoundingClientRect().height, h.getBoundingClientRect().height]; })()`)
	if h[0] > 2*h[1] {
		t.Errorf("the summary is %.1fpx high for a heading of %.1fpx: the heading is not on the marker's line", h[0], h[1])
	}
}
