package site

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestForeignTitleParts: on a page of a language with fallback copies,
// every title shown in another language than the page's says which
// (WCAG 3.1.2, language of parts), as the sidebar's entries do
// (7f5f1781): a {% content-ref %} card and a mention (both forms) of a
// fallback copy, a mention of a translation in a fallback copy's English
// text, a group of the default language's SUMMARY.md shown whole in the
// French sidebar, and, on the print page, that group and the copies'
// entries in the table of contents. Titles in the page's own language
// carry no lang.
func TestForeignTitleParts(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":       fallbackYAML,
		"en/SUMMARY.md":   "# S\n\n* [Home](README.md)\n\n## Getting started\n\n* [Install](install.md)\n* [Usage](usage.md)\n\n## Advanced topics\n\n* [Tuning](tuning.md)\n* [Internals](internals.md)\n",
		"en/README.md":    "# Home\n\nWelcome.\n",
		"en/install.md":   "# Install\n\nInstall it.\n",
		"en/usage.md":     "# Usage\n\nUse it.\n",
		"en/tuning.md":    "---\ndescription: How to tune it.\n---\n\n# Tuning\n\nTune it after [](install.md \"mention\").\n",
		"en/internals.md": "# Internals\n\nInside.\n",
		"fr/SUMMARY.md":   "# S\n\n* [Accueil](README.md)\n\n## Premiers pas\n\n* [Installation](install.md)\n* [Utilisation](usage.md)\n",
		"fr/README.md":    "# Accueil\n\nBienvenue.\n",
		"fr/install.md":   "# Installation\n\nInstallez-le.\n",
		"fr/usage.md": "# Utilisation\n\nVoir [](tuning.md \"mention\"), <a href=\"internals.md\" data-mention>internals.md</a> et [](install.md \"mention\").\n\n" +
			"{% content-ref url=\"tuning.md\" %}\n[tuning.md](tuning.md)\n{% endcontent-ref %}\n\n" +
			"{% content-ref url=\"install.md\" %}\n[install.md](install.md)\n{% endcontent-ref %}\n",
	})
	out, _ := built(t, Options{Dir: dir, NoMinify: true})
	check := func(file string, want, not []string) {
		t.Helper()
		got := readFile(t, filepath.Join(out, filepath.FromSlash(file)))
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", file, w)
			}
		}
		for _, w := range not {
			if strings.Contains(got, w) {
				t.Errorf("%s has %s", file, w)
			}
		}
	}
	check("fr/usage/index.html", []string{
		`<a href="../tuning/" lang="en">Tuning</a>`,
		`<a href="../internals/" data-mention="" lang="en">Internals</a>`,
		`<a href="../install/">Installation</a>`,
		`<span class="content-ref-title" lang="en">Tuning</span><span class="content-ref-desc" lang="en">How to tune it.</span>`,
		`<span class="content-ref-title">Installation</span>`,
		`<p class=nav-part-title id=folio-nav-1>Premiers pas</p>`,
		`<p class=nav-part-title id=folio-nav-2 lang=en>Advanced topics</p>`,
	}, nil)
	// The English page of the French site mentions the French page.
	check("fr/tuning/index.html", []string{`<a href="../install/" lang="fr">Installation</a>`}, nil)
	// The English site is in its own language throughout.
	check("en/tuning/index.html", []string{`<a href="../install/">Install</a>`}, nil)
	foreign := regexp.MustCompile(`<[^>]*(?:nav-part-title|print-toc|print-part-title|href="#p-|content-ref-title|data-mention)[^>]* lang=[^>]*>`)
	for _, f := range []string{"en/tuning/index.html", "en/usage/index.html", "en/print/index.html"} {
		if m := foreign.FindString(readFile(t, filepath.Join(out, filepath.FromSlash(f)))); m != "" {
			t.Errorf("%s: %s", f, m)
		}
	}
	check("fr/print/index.html", []string{
		`<span class="print-toc-part-title">Premiers pas</span>`,
		`<span class="print-toc-part-title" lang="en" dir="ltr">Advanced topics</span>`,
		`<li><a href="#p-fr_install_">Installation</a>`,
		`<li><a href="#p-fr_tuning_" lang="en" dir="ltr">Tuning</a>`,
		`<li><a href="#p-fr_internals_" lang="en" dir="ltr">Internals</a>`,
		`<h1 class="print-part-title">Premiers pas</h1>`,
		`<h1 class="print-part-title" lang="en" dir="ltr">Advanced topics</h1>`,
	}, nil)
}

// TestFallbackAnchoredEntry: a fallback copy that the language's
// SUMMARY.md names only through a heading of it (a.md#part) is placed by
// that entry, as a page named itself is: in the reading order (previous
// and next links), before the copies the default language lists after
// it, and on the print page.
func TestFallbackAnchoredEntry(t *testing.T) {
	out, res := built(t, Options{NoMinify: true, Dir: testkit.Site(t, map[string]string{
		"site.yaml":     fallbackYAML,
		"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n* [B](b.md)\n",
		"en/README.md":  "# Home\n",
		"en/a.md":       "# A\n\n## Part\n\nText a.\n",
		"en/b.md":       "# B\n\nText b.\n",
		"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n* [A partie](a.md#part)\n  * [Rien](a.md#rien)\n",
		"fr/README.md":  "# Accueil\n",
	})})
	home := string(readFileBytes(t, filepath.Join(out, "fr", "index.html")))
	if a, b := strings.Index(home, "A partie"), strings.Index(home, ">B<"); a < 0 || b < 0 || a > b {
		t.Errorf("French sidebar: A partie at %d, B at %d; want A first", a, b)
	}
	a := string(readFileBytes(t, filepath.Join(out, "fr", "a", "index.html")))
	if !strings.Contains(a, "rel=prev") || !strings.Contains(a, "rel=next href=../../fr/b/") {
		t.Errorf("fr/a/ lacks its previous and next links")
	}
	if print := string(readFileBytes(t, filepath.Join(out, "fr", "print", "index.html"))); !strings.Contains(print, "Text a.") {
		t.Errorf("the French print page leaves A out")
	}
	// The entry's missing anchor names the file the copy is made from.
	var msgs []string
	for _, d := range res.Diags {
		if d.Rule == "link-anchor" {
			msgs = append(msgs, d.Path+": "+d.Msg)
		}
	}
	if want := `fr/SUMMARY.md: SUMMARY.md entry "Rien": anchor #rien matches no heading in en/a.md`; len(msgs) != 1 || msgs[0] != want {
		t.Errorf("link-anchor diagnostics %q, want [%q]", msgs, want)
	}
}
