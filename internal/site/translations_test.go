package site

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"folio/internal/testkit"
)

// TestFallbackCanonical: a fallback copy's canonical link leads to its
// original, absolute with a base URL and relative to the copy without
// one; the hreflang alternates of a translated page lead to the
// translations either way; and every link of the site leads to a file.
func TestFallbackCanonical(t *testing.T) {
	for _, base := range []string{"", "https://example.org/docs/"} {
		yaml := fallbackYAML
		if base != "" {
			yaml += "base_url: " + base + "\n"
		}
		dir := testkit.Site(t, map[string]string{
			"site.yaml":          yaml,
			"en/SUMMARY.md":      "# S\n\n* [Home](README.md)\n* [Guide](guide/README.md)\n  * [Deep](guide/deep.md)\n",
			"en/README.md":       "# Home\n",
			"en/guide/README.md": "# Guide\n",
			"en/guide/deep.md":   "# Deep\n",
			"fr/SUMMARY.md":      "# S\n\n* [Accueil](README.md)\n* [Guide](guide/README.md)\n",
			"fr/README.md":       "# Accueil\n",
			"fr/guide/README.md": "# Guide fr\n",
		})
		out, _ := built(t, Options{Dir: dir})
		copyPage := readFile(t, filepath.Join(out, "fr/guide/deep/index.html"))
		guide := readFile(t, filepath.Join(out, "fr/guide/index.html"))
		wants := map[string][]string{
			"copy":  {`rel=canonical href=../../../en/guide/deep/`},
			"guide": {`hreflang=en href=../../en/guide/`, `hreflang=fr href=../../fr/guide/`},
		}
		if base != "" {
			wants = map[string][]string{
				"copy":  {`rel=canonical href=https://example.org/docs/en/guide/deep/`},
				"guide": {`hreflang=en href=https://example.org/docs/en/guide/`, `rel=canonical href=https://example.org/docs/fr/guide/`},
			}
		}
		for name, page := range map[string]string{"copy": copyPage, "guide": guide} {
			for _, want := range wants[name] {
				if !strings.Contains(unquoteAttrs.Replace(page), want) {
					t.Errorf("base %q: the %s page lacks %s:\n%.1500s", base, name, want, page)
				}
			}
		}
		checkOutputLinks(t, out)
	}
}

// unquoteAttrs drops the quotes around attribute values, which the
// minifier keeps or removes by their characters.
var unquoteAttrs = strings.NewReplacer(`="`, "=", `"`, "")

// TestFallbackUnlisted: in a language with fallback copies, a file of its
// own that its SUMMARY.md leaves out is the translation of the default
// language's page at its path, linked to or not: it is published where
// the default language's sidebar has the page, not reported as an
// orphan nor as untranslated, and no copy of the original stands for it;
// a page that links to it, there or at another path that its
// translationKey pairs with the default language's, is not told that it
// has no place in the navigation; a linked page without a counterpart is. The default language's pages that the language lacks are
// still copied.
func TestFallbackUnlisted(t *testing.T) {
	s := prepared(t, map[string]string{
		"site.yaml":        fallbackYAML,
		"en/SUMMARY.md":    "# S\n\n* [Home](README.md)\n* [A](a.md)\n* [B](b.md)\n* [C](c.md)\n* [D](d.md)\n* [E](e.md)\n",
		"en/README.md":     "# Home\n",
		"en/a.md":          "# A\n",
		"en/b.md":          "# B\n",
		"en/c.md":          "# C\n",
		"en/d.md":          "# D\n",
		"en/e.md":          "# E\n",
		"fr/SUMMARY.md":    "# S\n\n* [Accueil](README.md)\n* [A fr](a.md)\n",
		"fr/README.md":     "# Accueil\n\nVoir [C](c.md), [E](avance.md) et [X](x.md).\n",
		"fr/a.md":          "# fr a\n",
		"fr/b.md":          "# fr b\n",
		"fr/c.md":          "# fr c\n",
		"fr/drafts/new.md": "# Brouillon\n",
		"fr/avance.md":     "---\ntranslationKey: e.md\n---\n# fr e\n",
		"fr/x.md":          "# fr x\n",
	})
	fr := s.langs[1]
	want := `##
- Accueil → fr/
- A fr → fr/a/
- fr b → fr/b/
- fr c → fr/c/
- D → fr/d/ (lang=en)
- fr e → fr/avance/
order: /fr/ /fr/a/ /fr/b/ /fr/c/ /fr/d/ /fr/avance/
`
	if d := cmp.Diff(want, navText(t, fr)); d != "" {
		t.Errorf("French sidebar (-want +got):\n%s", d)
	}
	for _, p := range []string{"b.md", "c.md"} {
		if pg := fr.byPath[p]; pg == nil || pg.origin != nil {
			t.Errorf("fr/%s is not published as its own page: %+v", p, pg)
		}
	}
	var untranslated []string
	for _, pg := range s.untranslated(1) {
		untranslated = append(untranslated, pg.path)
	}
	if d := cmp.Diff([]string{"d.md"}, untranslated); d != "" {
		t.Errorf("untranslated (-want +got):\n%s", d)
	}
	var rules []string
	for _, d := range s.diags.Sorted() {
		rules = append(rules, d.Path+" "+d.Rule)
	}
	// The draft has no English page: it stays unpublished, and says so;
	// x.md has none either: it has no place in the sidebar.
	if d := cmp.Diff([]string{"fr/README.md page-not-in-summary", "fr/drafts/new.md orphan"}, rules); d != "" {
		t.Errorf("diagnostics (-want +got):\n%s", d)
	}
}

// TestFallbackEmptyTitle: the copy of an empty page is titled as its
// original, by its SUMMARY.md label, not by its file's name (t60 F2:
// "group" in the tab and the heading, under "Group" in the sidebar).
func TestFallbackEmptyTitle(t *testing.T) {
	s := prepared(t, map[string]string{
		"site.yaml":         fallbackYAML,
		"en/SUMMARY.md":     "# S\n\n* [Home](README.md)\n* [Group](group.md)\n  * [Child](group/child.md)\n",
		"en/README.md":      "# Home\n",
		"en/group.md":       "",
		"en/group/child.md": "# Child\n",
		"fr/SUMMARY.md":     "# S\n\n* [Accueil](README.md)\n",
		"fr/README.md":      "# Accueil\n",
	})
	orig := s.langs[0].byPath["group.md"]
	for _, l := range s.langs {
		pg := l.counterpart(orig)
		if orig == nil || pg == nil {
			t.Fatalf("%s: no group.md", l.space.Lang.Code)
		}
		if got := pg.title(); got != "Group" {
			t.Errorf("%s: group.md is titled %q, want Group", l.space.Lang.Code, got)
		}
	}
	// Listed in the French SUMMARY.md, it is titled by the French label
	// (t64: "Group" under "Groupe").
	s = prepared(t, map[string]string{
		"site.yaml":         fallbackYAML,
		"en/SUMMARY.md":     "# S\n\n* [Home](README.md)\n* [Group](group.md)\n  * [Child](group/child.md)\n",
		"en/README.md":      "# Home\n",
		"en/group.md":       "",
		"en/group/child.md": "# Child\n",
		"fr/SUMMARY.md":     "# S\n\n* [Accueil](README.md)\n* [Groupe](group.md)\n",
		"fr/README.md":      "# Accueil\n",
	})
	fb := s.langs[1].counterpart(s.langs[0].byPath["group.md"])
	if got, own := fb.title(), fb.ownTitle(); got != "Groupe" || own != "Groupe" {
		t.Errorf("fr: group.md, listed as Groupe, is titled %q, its h1 %q (t65: the English label)", got, own)
	}
	if code, _ := s.langs[1].foreignTitle(fb); code != "" {
		t.Errorf("fr: the French label of group.md's copy is marked as %s", code)
	}
}

// TestRenamedHomeTranslations: a language whose book.json renames its
// home page and glossary (structure.readme, structure.glossary) has them
// as translations of the other languages' (t74: every language's home
// was untranslated in the others, without hreflang links between them).
func TestRenamedHomeTranslations(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"LANGS.md":       "* [English](en/)\n* [Français](fr/)\n",
		"en/SUMMARY.md":  "# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n",
		"en/README.md":   "# Home\n\nA widget.\n",
		"en/GLOSSARY.md": "## Widget\n\nA part.\n",
		"en/page.md":     "# Page\n",
		"fr/book.json":   `{"structure": {"readme": "ACCUEIL.md", "summary": "SOMMAIRE.md", "glossary": "LEXIQUE.md"}}`,
		"fr/SOMMAIRE.md": "# Sommaire\n\n* [Accueil](ACCUEIL.md)\n* [Page](page.md)\n",
		"fr/ACCUEIL.md":  "# Accueil\n\nUn widget.\n",
		"fr/LEXIQUE.md":  "## Widget\n\nUne pièce.\n",
		"fr/page.md":     "# Page\n",
	})
	out, res := built(t, Options{Dir: dir})
	for _, c := range res.Stats.Untranslated {
		if c.N != 0 {
			t.Errorf("%s: %d pages untranslated, want 0", c.Code, c.N)
		}
	}
	for file, want := range map[string]string{
		"en/index.html":          `hreflang=fr href=../fr/`,
		"fr/index.html":          `hreflang=en href=../en/`,
		"en/GLOSSARY/index.html": `hreflang=fr href=../../fr/LEXIQUE/`,
	} {
		if page := unquoteAttrs.Replace(readFile(t, filepath.Join(out, file))); !strings.Contains(page, want) {
			t.Errorf("%s lacks %s", file, want)
		}
	}
}

// TestXDefaultHome: the home pages' x-default is the page that lets the
// reader choose a language, as that page says of itself; another page's
// is its default language's (t85: the homes named the English home).
func TestXDefaultHome(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":     "title: Docs\nlanguages:\n  - {code: en, name: English, dir: en, default: true}\n  - {code: fr, name: Français, dir: fr}\n",
		"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n", "en/README.md": "# Home\n", "en/a.md": "# A\n",
		"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n* [A](a.md)\n", "fr/README.md": "# Accueil\n", "fr/a.md": "# A\n",
	})
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Dir: dir, Out: out, BaseURL: "https://example.org/docs/"}); err != nil {
		t.Fatal(err)
	}
	for page, want := range map[string]string{
		"index.html":      "https://example.org/docs/",
		"en/index.html":   "https://example.org/docs/",
		"fr/index.html":   "https://example.org/docs/",
		"fr/a/index.html": "https://example.org/docs/en/a/",
	} {
		b, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		m := regexp.MustCompile(`hreflang="?x-default"? href="?([^" >]+)`).FindSubmatch(b)
		if m == nil || string(m[1]) != want {
			t.Errorf("%s: x-default %q, want %s", page, m, want)
		}
	}
}
