package site

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"folio/internal/testkit"
)

// TestSectionFrames builds the docs.yaml site of
// testdata/sites/docs-yaml-sections.txtar and checks what its golden does
// not show: the section tabs of each page (linked to the section's home
// in the page's language where the section has it, the page's own marked
// current), language menus and hreflang links that stay within a section,
// the language index of the top section, a section's icon, and the
// sitemap and search indexes of every section.
func TestSectionFrames(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/docs-yaml-sections.txtar")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want.") {
			files[f.Name] = string(f.Data)
		}
	}
	files["site.yaml"] = "base_url: https://example.org/\n" + files["site.yaml"]
	files["docs.yaml"] = strings.Replace(files["docs.yaml"], "          title: Developers\n", "          title: Developers\n          localizedTitle: {fr: Développeurs}\n          icon: code\n", 1)
	out := filepath.Join(t.TempDir(), "out")
	res, err := Build(context.Background(), Options{Dir: testkit.Site(t, files), Out: out, NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		t.Log(d)
	}
	tabsRE := regexp.MustCompile(`(?s)<nav class="section-tabs".*?</nav>`)
	linkRE := regexp.MustCompile(`<a href="([^"]*)"( aria-current="true")?>(?:<svg.*?</svg>)?([^<]*)</a>`)
	tabs := func(page string) string {
		nav := tabsRE.FindString(readOut(t, out, page))
		var got []string
		for _, m := range linkRE.FindAllStringSubmatch(nav, -1) {
			s := m[3] + "=" + m[1]
			if m[2] != "" {
				s += " (current)"
			}
			got = append(got, s)
		}
		return strings.Join(got, ", ")
	}
	for page, want := range map[string]string{
		"en/index.html":             "Documentation=../en/ (current), Developers=../developers/, Guides=../guides/v2/",
		"fr/index.html":             "Documentation=../fr/ (current), Développeurs=../developers/, Guides=../guides/v2/",
		"developers/api/index.html": "Documentation=../../en/, Developers=../../developers/ (current), Guides=../../guides/v2/",
		"guides/v2/index.html":      "Documentation=../../fr/, Développeurs=../../developers/, Guides=../../guides/v2/ (current)",
	} {
		if got := tabs(page); got != want {
			t.Errorf("%s: section tabs\n got %s\nwant %s", page, got, want)
		}
	}

	if nav := tabsRE.FindString(readOut(t, out, "en/index.html")); !strings.Contains(nav, `<svg class="icon icon-code"`) {
		t.Errorf("the Developers tab does not show its icon, code:\n%s", nav)
	}
	menuRE := regexp.MustCompile(`(?s)<ul class="lang-menu-list".*?</ul>`)
	if menu := menuRE.FindString(readOut(t, out, "en/index.html")); !strings.Contains(menu, "Français") || strings.Count(menu, "<li") != 2 {
		t.Errorf("the English home's language menu does not list English and French alone:\n%s", menu)
	}
	for _, page := range []string{"developers/index.html", "developers/setup/index.html", "guides/v2/index.html"} {
		h := readOut(t, out, page)
		if strings.Contains(h, "lang-menu") || strings.Contains(h, "hreflang") {
			t.Errorf("%s, in a section of one language, has a language menu or hreflang links, as if another section translated it", page)
		}
	}
	if h := readOut(t, out, "en/setup/index.html"); strings.Contains(h, "developers/setup") {
		t.Errorf("en/setup/ names developers/setup/, a page of another section at the same path, as its translation")
	}
	if idx := readOut(t, out, "index.html"); !strings.Contains(idx, "Français") || strings.Contains(idx, "developers/") {
		t.Errorf("the language index is not that of the top section:\n%s", idx)
	}
	sitemap := readOut(t, out, "sitemap.xml")
	for _, u := range []string{"https://example.org/en/setup/", "https://example.org/developers/api/", "https://example.org/guides/v2/"} {
		if !strings.Contains(sitemap, "<loc>"+u+"</loc>") {
			t.Errorf("the sitemap lacks %s:\n%s", u, sitemap)
		}
	}
	for _, idx := range []string{"en/", "fr/", "developers/", "guides/v2/"} {
		readOut(t, out, idx+"search-index.js")
	}
	if idx := readOut(t, out, "developers/search-index.js"); strings.Contains(idx, "Accueil") || !strings.Contains(idx, "Developer setup") {
		t.Errorf("the developers' search index is not theirs alone")
	}
}

// TestSectionSite: the other frames of a site of sections. Tabs follow
// docs.yaml's order, though the top section is listed second; a section's
// only space that docs.yaml gives no language is in the language of its
// text, said in an info message; a section of several languages has a
// language index at its own path; its print page names its language, not
// the space's title, and its section; and gitbook_spaces' "this site" finds a page of
// another section (t67).
func TestSectionSite(t *testing.T) {
	french := strings.Repeat("Ce guide explique comment les équipes de la ville préparent les demandes, vérifient les pièces et répondent aux habitants dans les délais prévus par la loi. ", 6)
	files := map[string]string{
		"docs.yaml": `site:
  title: Acme
  structure:
    - type: section
      key: a
      title: Aide
      path: aide
      children:
        - type: space
          key: a-space
          title: Aide
          content:
            directory: aide
    - type: section
      key: top
      title: Top
      default: true
      children:
        - type: space
          key: top-en
          content:
            directory: top
            language: en
    - type: section
      key: multi
      title: Multi
      path: multi
      children:
        - type: space
          key: multi-en
          content:
            directory: multi-en
            language: en
        - type: space
          key: multi-fr
          content:
            directory: multi-fr
            language: fr
`,
		"site.yaml":          "gitbook_spaces:\n  HERE: \"\"\n",
		"aide/SUMMARY.md":    "# Sommaire\n\n* [Aide](README.md)\n* [Demandes](demandes.md)\n",
		"aide/README.md":     "# Aide\n\n" + french + "\n",
		"aide/demandes.md":   "# Demandes\n\n" + french + "\n",
		"top/README.md":      "# Top\n\nSee [requests](https://app.gitbook.com/s/HERE/demandes).\n",
		"multi-en/README.md": "# Multi\n",
		"multi-fr/README.md": "# Multi FR\n",
	}
	out := filepath.Join(t.TempDir(), "out")
	res, err := Build(context.Background(), Options{Dir: testkit.Site(t, files), Out: out, NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	var said []string
	for _, d := range res.Diags {
		said = append(said, d.String())
	}
	if !slices.ContainsFunc(said, func(s string) bool { return strings.Contains(s, "the space in aide is in fr") }) {
		t.Errorf("no message says the Aide space's language was found in its text:\n%s", strings.Join(said, "\n"))
	}
	top := readOut(t, out, "index.html")
	if i, j := strings.Index(top, ">Aide</a>"), strings.Index(top, ">Top</a>"); i < 0 || j < 0 || i > j {
		t.Errorf("the tabs are not in docs.yaml's order, Aide before Top:\n%s", regexp.MustCompile(`(?s)<nav class="section-tabs".*?</nav>`).FindString(top))
	}
	if !strings.Contains(top, `<a href="aide/demandes/">requests</a>`) {
		t.Errorf("a GitBook link to this site does not find the page of another section:\n%s", top)
	}
	if aide := readOut(t, out, "aide/index.html"); !strings.Contains(aide, `<html lang=fr `) {
		t.Errorf("the Aide section is not in French, its text's language")
	}
	idx := readOut(t, out, "multi/index.html")
	if !strings.Contains(idx, `href="../multi/en/"`) || !strings.Contains(idx, `href="../multi/fr/"`) || !strings.Contains(idx, "Acme – Multi") {
		t.Errorf("the Multi section has no language index at its path:\n%s", idx)
	}
	if p := readOut(t, out, "aide/print/index.html"); !strings.Contains(p, "<title>Aide — Acme") || !strings.Contains(p, `<p class="print-subtitle" dir="auto">Aide</p>`) {
		t.Errorf("the Aide print page does not name its section in its title and on its cover:\n%s", p[:min(len(p), 2000)])
	}
	if p := readOut(t, out, "aide/print/index.html"); !strings.Contains(p, "<dd>Français</dd>") {
		t.Errorf("the Aide print page does not name its language:\n%s", regexp.MustCompile(`(?s)<dl class="print-edition">.*?</dl>`).FindString(p))
	}
}
