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
	dir := t.TempDir()
	testkit.WriteFiles(t, dir, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n\n![Logo](light.png#gh-light-mode-only) ![Logo](dark.png#gh-dark-mode-only)\n",
		"light.png":  "x",
		"dark.png":   "x",
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 800)
	shown := `[...document.querySelectorAll(".content img")].filter(i => getComputedStyle(i).display !== "none").map(i => i.getAttribute("src").split("#")[0]).join(" ")`
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
	}
}
