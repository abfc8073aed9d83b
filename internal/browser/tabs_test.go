package browser

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"folio/internal/testkit"
)

// TestTabKeys checks that tabs whose titles differ only in punctuation are
// different tabs: choosing "C#" selects "C#" in every tab set, on this page
// and the next, never "C" or "C++"; and that a click in a set with two tabs
// of the same title keeps the one clicked.
func TestTabKeys(t *testing.T) {
	set := func(titles ...string) string {
		s := "{% tabs %}\n"
		for _, title := range titles {
			s += "{% tab title=\"" + title + "\" %}\n" + title + " panel.\n{% endtab %}\n"
		}
		return s + "{% endtabs %}\n\n"
	}
	s := serve(t, testkit.Site(t, map[string]string{
		"README.md":  "# Code\n\n" + set("C", "C#", "C++") + set("C++", "C#", "C") + set("Example", "Example", "C#"),
		"next.md":    "# Next\n\n" + set("C", "C#", "C++"),
		"SUMMARY.md": "# Summary\n\n* [Code](README.md)\n* [Next](next.md)\n",
	}))
	ctx := newTab(t, 1280, 800)
	// Per tab set: the selected tabs' titles, then the visible panels'.
	state := `[...document.querySelectorAll(".tabs")].map(set =>
	  [...set.querySelectorAll("[role=tab]")].filter(t => t.getAttribute("aria-selected") === "true").map(t => t.textContent).join("+") + "/" +
	  [...set.querySelectorAll("[role=tabpanel]")].filter(p => !p.hidden).map(p => p.querySelector("p:not(.tab-panel-title)").textContent).join("+")
	).join(" | ")`
	click := func(sel string) {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
			t.Fatalf("click %s: %v", sel, err)
		}
	}
	open(t, ctx, s.URL+"/")
	click(".tabs:nth-of-type(1) [role=tab]:nth-child(2)")
	if got, want := eval[string](t, ctx, state), "C#/C# panel. | C#/C# panel. | C#/C# panel."; got != want {
		t.Errorf("after a click on C#:\n got %s\nwant %s", got, want)
	}
	click(".tabs:nth-of-type(2) [role=tab]:nth-child(1)")
	if got, want := eval[string](t, ctx, state), "C++/C++ panel. | C++/C++ panel. | C#/C# panel."; got != want {
		t.Errorf("after a click on C++:\n got %s\nwant %s", got, want)
	}
	click(".tabs:nth-of-type(3) [role=tab]:nth-child(2)")
	if got, want := eval[string](t, ctx, state), "C++/C++ panel. | C++/C++ panel. | Example/Example panel."; got != want {
		t.Errorf("after a click on the second Example:\n got %s\nwant %s", got, want)
	}
	if got := eval[string](t, ctx, `document.querySelector(".tabs:nth-of-type(3) [aria-selected=true]").id`); got != "tabs-3-tab-2" {
		t.Errorf("after a click on the second Example, %s is selected", got)
	}
	click(".tabs:nth-of-type(1) [role=tab]:nth-child(2)")
	open(t, ctx, s.URL+"/next/")
	if got, want := eval[string](t, ctx, state), "C#/C# panel."; got != want {
		t.Errorf("after choosing C# on the first page, the next page shows %s, want %s", got, want)
	}
}

// TestTabListNames: each tab set is named by the heading of the part of
// the page it is in, inside a hint or list too; one before any heading
// of the text has no name to take (t52: 33 unnamed tab lists on a page);
// a heading inside another set's tab names none (t54).
func TestTabListNames(t *testing.T) {
	set := "{% tabs %}\n{% tab title=\"A\" %}\nA.\n{% endtab %}\n{% endtabs %}\n\n"
	s := serve(t, testkit.Site(t, map[string]string{
		"README.md": "# Home\n\n" + set + "## Install\n\nText.\n\n" + set + "## Configure\n\n{% hint style=\"info\" %}\n" + set + "{% endhint %}\n\n" +
			"### Deep\n\n* Item\n\n  " + strings.ReplaceAll(set, "\n", "\n  ") + "\n" +
			"## Last\n\n{% tabs %}\n{% tab title=\"A\" %}\n## Only in tab A\n{% endtab %}\n{% endtabs %}\n\n" + set +
			"## Outer\n\n{% tabs %}\n{% tab title=\"A\" %}\n## In A\n{% endtab %}\n{% tab title=\"B\" %}\n" + set + "{% endtab %}\n{% endtabs %}\n\n" +
			"## Steps\n\n{% stepper %}\n{% step %}\n### Step one\n\nDo.\n{% endstep %}\n{% endstepper %}\n\n" + set,
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n",
	}))
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/")
	names := `[...document.querySelectorAll(".tabs [role=tablist]")].map(l => l.getAttribute("aria-labelledby") || "-").join(" ")`
	if got, want := eval[string](t, ctx, names), "- install configure deep last last outer outer steps"; got != want {
		t.Errorf("tab lists labelled by %q, want %q", got, want)
	}
}
