package browser

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"folio/internal/testkit"
)

// specPage is a page of requirements down to h6, in one language's words:
// the same structure in both, ids that differ.
func specPage(words [6]string) string {
	long := strings.Repeat(words[5]+" ", 400)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n## %s 5.1\n\n%s\n\n", words[0], words[1], long)
	fmt.Fprintf(&b, "### %s 5.2.1\n\n%s\n\n### %s 5.2.2\n\nx\n\n", words[2], long, words[2])
	fmt.Fprintf(&b, "#### %s 5.2.2.1\n\nx\n\n##### %s 5.2.2.1.1\n\nx\n\n###### %s\n\nx\n\n", words[3], words[3], words[4])
	fmt.Fprintf(&b, "### %s 5.2.3\n\n%s\n\n## %s 5.3\n\n%s\n", words[2], long, words[1], long)
	return b.String()
}

// TestDeepAnchors: a reviewer cites an h5 or h6. It has its # link; the
// outline marks the section that holds it, not the next one in view; and
// the language menu opens the other language's page at the same heading,
// whose id differs (t62: at the top of the page).
func TestDeepAnchors(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":     "title: Spec\nlanguages:\n  - {code: en, name: English, dir: en, default: true}\n  - {code: fr, name: Français, dir: fr}\n",
		"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Requirements](req.md)\n",
		"en/README.md":  "# Home\n\nText.\n",
		"en/req.md":     specPage([6]string{"Requirements", "Section", "Requirement", "Details", "Notes", "text"}),
		"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n* [Exigences](req.md)\n",
		"fr/README.md":  "# Accueil\n\nTexte.\n",
		"fr/req.md":     specPage([6]string{"Exigences", "Partie", "Exigence", "Détails", "Remarques", "texte"}),
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 800)
	if err := chromedp.Do(ctx, setMedia("light")); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, s.URL+"/en/req/#notes")
	if !eval[bool](t, ctx, `!!document.querySelector("h6#notes > .heading-anchor[href='#notes']")`) {
		t.Error("the h6 has no # link")
	}
	want := `(` + outlineActiveJS + `) === "#requirement-5.2.2"`
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](want, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("opened at the h6 of 5.2.2, the outline marks %s: %v", eval[string](t, ctx, outlineActiveJS), err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".lang-menu > summary")),
		chromedp.Click(chromedp.CSS(".lang-menu a[hreflang=fr]")),
	); err != nil {
		t.Fatalf("follow the switcher: %v", err)
	}
	dest := s.URL + "/fr/req/#remarques"
	js := `location.href === "` + dest + `" && document.documentElement.lang === "fr" && window.scrollY > 100`
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the French page does not open at #remarques: at %s, scrolled %v", eval[string](t, ctx, "location.href"), eval[float64](t, ctx, "scrollY"))
		}
	}
}
