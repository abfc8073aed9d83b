package browser

import (
	"testing"

	"folio/internal/testkit"
)

// TestSearchRevealsTab follows search results to matches inside a tab
// that is not selected: in its text, and in its title (the tab's button,
// and the title hidden at the top of its panel). The page selects that
// tab, as a link on the page to a heading inside it does, and shows the
// match; the other tab set keeps its tab, and nothing is remembered for
// the next pages: following a result is no choice of tab.
func TestSearchRevealsTab(t *testing.T) {
	s := serve(t, testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Install](install.md)\n",
		"README.md":  "# Home\n\nHi.\n",
		"install.md": "# Install\n\nIntro.\n\n## Setup\n\nSome setup text.\n\n" +
			"{% tabs %}\n{% tab title=\"Linux\" %}\nUnpack the archive.\n{% endtab %}\n{% tab title=\"macOS\" %}\nDrag the bundle.\n{% endtab %}\n{% endtabs %}\n\n" +
			"## Other\n\n{% tabs %}\n{% tab title=\"Linux\" %}\nOther set.\n{% endtab %}\n{% tab title=\"macOS\" %}\nOther Mac.\n{% endtab %}\n{% endtabs %}\n",
	}))
	ctx := startBrowser(t, 1280, 800)
	state := `[...document.querySelectorAll(".tabs [role=tablist]")].map(list =>
	  [...list.querySelectorAll("[role=tab]")].filter(t => t.getAttribute("aria-selected") === "true" && !document.getElementById(t.getAttribute("aria-controls")).hidden).map(t => t.textContent).join("+")
	).join(" | ") + " stored " + Object.keys(localStorage).filter(k => k.startsWith("folio-tab")).length`
	for _, c := range []struct{ url, shows string }{
		{"/install/?highlight=macos#setup", "Drag the bundle."},
		{"/install/?highlight=bundle#setup", "bundle"},
		{"/install/?highlight=bundle", "bundle"},
	} {
		t.Run(c.url, func(t *testing.T) {
			ctx := stepCtx(t, ctx)
			open(t, ctx, s.URL+c.url)
			// The match, or the panel it names, is in view.
			pollTrue(t, ctx, `(() => { const el = [...document.querySelectorAll(".content mark.search-hit, .content .tab-panel")].find(e =>
			  e.textContent.trim().endsWith(`+"`"+c.shows+"`"+`) && e.getClientRects().length); if (!el) return false;
			  const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`, "the match is shown")
			if got, want := eval[string](t, ctx, state), "macOS | Linux stored 0"; got != want {
				t.Errorf("tabs %q, want %q", got, want)
			}
		})
	}
}
