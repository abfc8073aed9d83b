package site

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"folio/internal/diag"
	"folio/internal/testkit"
)

// govstackSite makes a bilingual site over the two GovStack corpora: a
// site.yaml beside a copy of each, the French space's prototype page
// naming its English counterpart with translationKey (the
// paths differ between the two languages).
func govstackSite(t *testing.T, frSettings string) string {
	t.Helper()
	corpus := testkit.CorpusDir(t)
	dir := t.TempDir()
	// Copied: a content folder that is a symbolic link out of the site
	// is not read.
	if err := os.CopyFS(filepath.Join(dir, "en"), os.DirFS(filepath.Join(corpus, "govstack-playbook"))); err != nil {
		t.Fatal(err)
	}
	fr := filepath.Join(dir, "fr")
	if err := os.CopyFS(fr, os.DirFS(filepath.Join(corpus, "govstack-playbook-fr"))); err != nil {
		t.Fatal(err)
	}
	proto := filepath.Join(fr, "govstack-implementation-playbook/design-and-delivery/prototype.md")
	b, err := os.ReadFile(proto)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), "---\n", "---\ntranslationKey: govstack-implementation-playbook/adopt-govstack/design-and-delivery/prototype.md\n", 1))
	if err := os.Chmod(proto, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(proto, b, 0o644); err != nil {
		t.Fatal(err)
	}
	yaml := "title: GovStack\nbase_url: https://example.org/playbook/\nlanguages:\n  - code: en\n    name: English\n    dir: en\n    default: true\n  - code: fr\n    name: Français\n    dir: fr\n" + frSettings
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// switcherHref returns the href of the language switcher's link to code.
func switcherHref(t *testing.T, html, code string) string {
	t.Helper()
	re := regexp.MustCompile(`<a href="?([^" >]*)"? hreflang="?` + code + `"?`)
	m := re.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no switcher link to %s", code)
	}
	return m[1]
}

func TestGovStackBilingual(t *testing.T) {
	dir := govstackSite(t, "")
	out, res := built(t, Options{Dir: dir})
	if res.Stats.Languages != 2 {
		t.Fatalf("languages = %d", res.Stats.Languages)
	}
	// The French engagement page has the English page's path: the
	// switcher goes from one to the other and back.
	frEng := readFile(t, filepath.Join(out, "fr/govstack-implementation-playbook/2-description/engagement/index.html"))
	enEng := readFile(t, filepath.Join(out, "en/govstack-implementation-playbook/2-description/engagement/index.html"))
	if got := switcherHref(t, frEng, "en"); got != "../../../../en/govstack-implementation-playbook/2-description/engagement/" {
		t.Errorf("French engagement → English: %q", got)
	}
	if got := switcherHref(t, enEng, "fr"); got != "../../../../fr/govstack-implementation-playbook/2-description/engagement/" {
		t.Errorf("English engagement → French: %q", got)
	}
	// The prototype pages are linked through translationKey.
	frProto := readFile(t, filepath.Join(out, "fr/govstack-implementation-playbook/design-and-delivery/prototype/index.html"))
	if got := switcherHref(t, frProto, "en"); got != "../../../../en/govstack-implementation-playbook/adopt-govstack/design-and-delivery/prototype/" {
		t.Errorf("French prototype → English: %q", got)
	}
	enProto := readFile(t, filepath.Join(out, "en/govstack-implementation-playbook/adopt-govstack/design-and-delivery/prototype/index.html"))
	if got := switcherHref(t, enProto, "fr"); got != "../../../../../fr/govstack-implementation-playbook/design-and-delivery/prototype/" {
		t.Errorf("English prototype → French: %q", got)
	}
	// hreflang alternates, x-default included, in the head and the sitemap.
	for _, want := range []string{
		`hreflang="en" href="https://example.org/playbook/en/govstack-implementation-playbook/2-description/engagement/"`,
		`hreflang="fr" href="https://example.org/playbook/fr/govstack-implementation-playbook/2-description/engagement/"`,
		`hreflang="x-default" href="https://example.org/playbook/en/govstack-implementation-playbook/2-description/engagement/"`,
	} {
		if !containsHTML(frEng, want) {
			t.Errorf("French engagement page lacks %s", want)
		}
	}
	sitemap := readFile(t, filepath.Join(out, "sitemap.xml"))
	if !strings.Contains(sitemap, `<xhtml:link rel="alternate" hreflang="fr" href="https://example.org/playbook/fr/govstack-implementation-playbook/design-and-delivery/prototype/"/>`) {
		t.Error("sitemap lacks the French alternate of the prototype page")
	}
	// An English page with no French translation: the switcher leads to
	// the French home.
	enGov := readFile(t, filepath.Join(out, "en/govstack-implementation-playbook/2-description/governance-model/index.html"))
	if got := switcherHref(t, enGov, "fr"); got != "../../../../fr/" {
		t.Errorf("untranslated English page → French: %q, want the French home", got)
	}
	// The root page lists the languages; French has 38 untranslated pages.
	root := readFile(t, filepath.Join(out, "index.html"))
	if !strings.Contains(root, `en/`) || !strings.Contains(root, `fr/`) {
		t.Error("root page does not list the languages")
	}
	// Its alternates are absolute too, as search engines want them (t34).
	for _, want := range []string{`rel="canonical" href="https://example.org/playbook/"`, `hreflang="fr" href="https://example.org/playbook/fr/"`, `hreflang="x-default" href="https://example.org/playbook/"`} {
		if !containsHTML(root, want) {
			t.Errorf("root page lacks %s", want)
		}
	}
	if u := res.Stats.Untranslated; len(u) != 1 || u[0].Code != "fr" || u[0].N != 37 {
		t.Errorf("untranslated = %+v", u)
	}
}

func TestGovStackFallback(t *testing.T) {
	dir := govstackSite(t, "    fallback: true\n")
	out, _ := built(t, Options{Dir: dir})
	// The untranslated governance page exists in the French tree, with a
	// notice, its text marked as English and a canonical link to the
	// original.
	p := readFile(t, filepath.Join(out, "fr/govstack-implementation-playbook/2-description/governance-model/index.html"))
	for _, want := range []string{`notice`, `lang="en"`, `https://example.org/playbook/en/govstack-implementation-playbook/2-description/governance-model/`} {
		if !strings.Contains(p, want) {
			t.Errorf("fallback page lacks %q:\n%s", want, p)
		}
	}
	// The French navigation is complete: it links to every English page's
	// counterpart.
	if !strings.Contains(p, "govstack-implementation-playbook/scaling-strategy/") {
		t.Error("French navigation lacks the scaling strategy page")
	}
	checkOutputLinks(t, out)
}

// TestSwitcherTargetsExist: on every page of the bilingual GovStack site,
// every language link leads to a page of the output, and the translation
// when there is one.
func TestSwitcherTargetsExist(t *testing.T) {
	dir := govstackSite(t, "")
	out, _ := built(t, Options{Dir: dir})
	n := 0
	for _, lang := range []string{"en", "fr"} {
		err := filepath.WalkDir(filepath.Join(out, lang), func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || e.Name() != "index.html" {
				return err
			}
			html := readFile(t, p)
			if strings.Contains(html, "class=print-book") {
				return nil // the print page has no switcher
			}
			other := map[string]string{"en": "fr", "fr": "en"}[lang]
			href := switcherHref(t, html, other)
			target := filepath.Join(filepath.Dir(p), filepath.FromSlash(href), "index.html")
			if _, err := os.Stat(target); err != nil {
				t.Errorf("%s: switcher to %s leads to %s, which does not exist", p, other, href)
			}
			untranslated := strings.Contains(html, "class=untranslated") || strings.Contains(html, `class="untranslated"`)
			home := filepath.Clean(target) == filepath.Join(out, other, "index.html")
			if untranslated && !home {
				t.Errorf("%s: marked untranslated but leads to %s", p, href)
			}
			n++
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n < 40 {
		t.Fatalf("checked %d pages", n)
	}
}

// TestLangsBook: a HonKit-style book with LANGS.md and no site.yaml, one
// language right-to-left, builds each language with its own navigation
// and search index.
func TestLangsBook(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"LANGS.md":      "# Languages\n\n* [English](en/)\n* [Français](fr/)\n* [العربية](ar/)\n",
		"en/README.md":  "# Welcome\n\nRead the [guide](guide.md).\n",
		"en/SUMMARY.md": "# Summary\n\n* [Welcome](README.md)\n* [Guide](guide.md)\n",
		"en/guide.md":   "# Guide\n\n## Install\n\nInstall it.\n",
		"fr/README.md":  "# Bienvenue\n\nLisez le [guide](guide.md).\n",
		"fr/SUMMARY.md": "# Sommaire\n\n* [Bienvenue](README.md)\n* [Guide](guide.md)\n",
		"fr/guide.md":   "# Guide\n\n## Installer\n\nInstallez-le.\n",
		"ar/README.md":  "# مرحبا\n\nاقرأ [الدليل](guide.md).\n",
		"ar/SUMMARY.md": "# الفهرس\n\n* [مرحبا](README.md)\n* [الدليل](guide.md)\n",
		"ar/guide.md":   "# الدليل\n\n## التثبيت\n\nثبّته.\n",
	})
	out, res := built(t, Options{Dir: dir})
	if res.Stats.Languages != 3 || res.Stats.Pages != 6 {
		t.Fatalf("built %d pages in %d languages", res.Stats.Pages, res.Stats.Languages)
	}
	ar := readFile(t, filepath.Join(out, "ar/guide/index.html"))
	for _, want := range []string{`lang="ar"`, `dir="rtl"`, `التثبيت`, `hreflang="en"`} {
		if !containsHTML(ar, want) {
			t.Errorf("Arabic page lacks %s", want)
		}
	}
	for _, lang := range []string{"en", "fr", "ar"} {
		idx := readFile(t, filepath.Join(out, lang, "search-index.js"))
		if !strings.Contains(idx, `"lang":"`+lang+`"`) {
			t.Errorf("%s search index: %.200s", lang, idx)
		}
		home := readFile(t, filepath.Join(out, lang, "index.html"))
		if !strings.Contains(home, "search-index.js") || !strings.Contains(home, "nav-link") {
			t.Errorf("%s home lacks search or navigation", lang)
		}
	}
	root := readFile(t, filepath.Join(out, "index.html"))
	for _, lang := range []string{"en/", "fr/", "ar/"} {
		if !strings.Contains(root, lang) {
			t.Errorf("root page does not link to %s", lang)
		}
	}
}

// TestSiteLanguagesLinkEachOther: in a site whose site.yaml lists the
// languages, a page links the other language's pages by their path, as
// in a LANGS.md book (t35: an error, "outside the content directory",
// and the link published as text), with its anchor checked.
func TestSiteLanguagesLinkEachOther(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":             "title: T\nlanguages:\n  - code: en\n    dir: docs/en\n  - code: fr\n    dir: docs/fr\n",
		"docs/en/README.md":     "# Home\n\n[En français](../fr/spec/scope.md#portée), [missing](../fr/nope.md), [bad anchor](../fr/spec/scope.md#nope).\n",
		"docs/en/spec/scope.md": "# Scope\n",
		"docs/fr/README.md":     "# Accueil\n",
		"docs/fr/spec/scope.md": "# Portée\n\n## Portée\n\n[Original](../../en/spec/scope.md).\n",
	})
	out, res := built(t, Options{Dir: dir})
	en := readFile(t, filepath.Join(out, "en/index.html"))
	if !containsHTML(en, `<a href="../fr/spec/scope/#port%C3%A9e">En français</a>`) {
		t.Errorf("English home: %s", en)
	}
	fr := readFile(t, filepath.Join(out, "fr/spec/scope/index.html"))
	if !containsHTML(fr, `<a href="../../../en/spec/scope/">Original</a>`) {
		t.Errorf("French page: %s", fr)
	}
	var got []string
	for _, d := range res.Diags {
		if d.Severity != diag.Info {
			got = append(got, d.Path+":"+d.Rule)
		}
	}
	if want := []string{"docs/en/README.md:link-missing", "docs/en/README.md:link-anchor"}; !slices.Equal(got, want) {
		t.Errorf("diagnostics %v, want %v", res.Diags, want)
	}
}

// TestLangsSharedAssets: a HonKit book keeps the files all languages
// show at its top, outside the languages' folders; each language links
// them with ../, and they are published once, at the same place.
//
// A site.yaml that folio init wrote from LANGS.md lists the languages
// itself: the book is the same.
func TestLangsSharedAssets(t *testing.T) {
	for _, siteYAML := range []string{"", "title: T\nlanguages:\n  - code: en\n    dir: en\n  - code: fr\n    dir: fr\n"} {
		t.Run(fmt.Sprintf("site.yaml=%v", siteYAML != ""), func(t *testing.T) { testLangsSharedAssets(t, siteYAML) })
	}
}

func testLangsSharedAssets(t *testing.T, siteYAML string) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"></svg>`
	files := map[string]string{
		"LANGS.md":         "# Languages\n\n* [English](en/)\n* [Français](fr/)\n",
		"assets/logo.svg":  svg,
		"assets/guide.pdf": "%PDF",
		".private/key.png": "secret",
		"en/SUMMARY.md":    "# Summary\n\n* [Welcome](README.md)\n",
		"en/README.md": "# Welcome\n\n![Logo](../assets/logo.svg)\n\n[Guide](../assets/guide.pdf), [gone](../assets/gone.png), " +
			"[hidden](../.private/key.png), [above](../../x.png), [LANGS](../LANGS.md)\n",
		"fr/SUMMARY.md":  "# Sommaire\n\n* [Bienvenue](README.md)\n* [Page](sub/page.md)\n",
		"fr/README.md":   "# Bienvenue\n",
		"fr/sub/page.md": "# Page\n\n![Logo](../../assets/logo.svg)\n",
	}
	if siteYAML != "" {
		files["site.yaml"] = siteYAML
	}
	dir := testkit.Site(t, files)
	out, res := built(t, Options{Dir: dir})
	if got := readFile(t, filepath.Join(out, "assets/logo.svg")); got != svg {
		t.Errorf("shared logo published as %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, "assets/guide.pdf")); err != nil {
		t.Error(err)
	}
	for _, p := range []string{"en/assets", "fr/assets", "_shared", ".private", "assets/gone.png"} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s published", p)
		}
	}
	if en := readFile(t, filepath.Join(out, "en/index.html")); !containsHTML(en, `src="../assets/logo.svg"`) || !containsHTML(en, `width="40"`) ||
		!containsHTML(en, `href="../assets/guide.pdf"`) {
		t.Errorf("English home does not show the shared files:\n%s", en)
	}
	if fr := readFile(t, filepath.Join(out, "fr/sub/page/index.html")); !containsHTML(fr, `src="../../../assets/logo.svg"`) {
		t.Errorf("French page does not show the shared logo:\n%s", fr)
	}
	want := map[string]string{
		"../assets/gone.png":  "link-missing",
		"../.private/key.png": "link-outside",
		"../../x.png":         "link-outside",
		"../LANGS.md":         "link-outside",
	}
	for _, d := range res.Diags {
		for dest, rule := range want {
			if strings.Contains(d.Msg, dest) && d.Rule == rule && d.Path == "en/README.md" {
				delete(want, dest)
			}
		}
	}
	if len(want) > 0 {
		t.Errorf("missing diagnostics %v in %v", want, res.Diags)
	}
	if diag.Count(res.Diags, diag.Error) != 4 {
		t.Errorf("diagnostics: %v", res.Diags)
	}
}

// TestDocsYAMLSite: GitBook's docs.yaml declares the languages.
func TestDocsYAMLSite(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"docs.yaml": "site:\n  title: Docs\n  structure:\n    - type: section\n      key: s1\n      title: Documentation\n      path: documentation\n      default: true\n      children:\n" +
			"        - type: space\n          key: en\n          title: English\n          path: en\n          default: true\n          content:\n            directory: ./en\n            language: en\n" +
			"        - type: space\n          key: fr\n          title: Français\n          path: fr\n          content:\n            directory: ./fr\n            language: fr\n" +
			"        - type: space\n          key: ja\n          title: 日本語\n          path: ja\n          content:\n            directory: null\n            language: ja\n",
		"en/README.md":  "# Docs\n",
		"en/SUMMARY.md": "# Summary\n\n* [Docs](README.md)\n",
		"fr/README.md":  "# Docs FR\n",
		"fr/SUMMARY.md": "# Sommaire\n\n* [Docs FR](README.md)\n",
	})
	out, res := built(t, Options{Dir: dir})
	if res.Stats.Languages != 2 {
		t.Fatalf("languages = %d, want 2 (ja has no directory)", res.Stats.Languages)
	}
	if fr := readFile(t, filepath.Join(out, "fr/index.html")); !strings.Contains(fr, "Docs FR") || !containsHTML(fr, `hreflang="en"`) {
		t.Error("French home not built with its translation link")
	}
}

// TestDefaultAtRoot puts the default language at the site root.
func TestDefaultAtRoot(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":     "title: T\ndefault_at_root: true\nlanguages:\n  - code: en\n    dir: en\n  - code: fr\n    dir: fr\n",
		"en/README.md":  "# Home\n\n[Page](page.md)\n",
		"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Page](page.md)\n",
		"en/page.md":    "# Page\n",
		"fr/README.md":  "# Accueil\n",
		"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n",
	})
	out, _ := built(t, Options{Dir: dir})
	if home := readFile(t, filepath.Join(out, "index.html")); !strings.Contains(home, "Home") || strings.Contains(home, "lang-list") {
		t.Error("root is not the default language's home")
	}
	for _, p := range []string{"page/index.html", "fr/index.html"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "en")); err == nil {
		t.Error("default language also published under en/")
	}
}

var quotedValueRE = regexp.MustCompile(`="([^"\s'=<>` + "`" + `]+)"`)

// containsHTML reports whether page holds want, its attribute values
// quoted or not: the minifier drops the quotes a value does not need.
func containsHTML(page, want string) bool {
	return strings.Contains(page, want) || strings.Contains(page, quotedValueRE.ReplaceAllString(want, "=$1"))
}

// TestLinkToFallback: a translated page's link to a page only the
// default language has leads to the fallback copy its language publishes,
// anchor included, with no error; a missing anchor there is a warning as
// anywhere. Without fallback copies the link is missing. Build and check
// agree.
func TestLinkToFallback(t *testing.T) {
	for _, fallback := range []bool{true, false} {
		yaml := "title: T\nlanguages:\n  - code: en\n    dir: en\n    default: true\n  - code: fr\n    dir: fr\n"
		if fallback {
			yaml += "    fallback: true\n"
		}
		dir := testkit.Site(t, map[string]string{
			"site.yaml":     yaml,
			"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n* [B](b.md)\n",
			"en/README.md":  "# Home\n",
			"en/a.md":       "# A\n\nSee [B](b.md#part).\n",
			"en/b.md":       "# B\n\n## Part\n\nText.\n",
			"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n* [A](a.md)\n",
			"fr/README.md":  "# Accueil\n",
			"fr/a.md":       "# A\n\nVoir [B](b.md#part) et [ailleurs](b.md#nulle-part).\n",
		})
		out, res := built(t, Options{Dir: dir})
		chk, err := Check(context.Background(), Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		got := fmt.Sprint(res.Diags)
		if got != fmt.Sprint(chk.Diags) {
			t.Errorf("fallback %v: build and check disagree:\n%s\n%s", fallback, got, chk.Diags)
		}
		page := readFile(t, filepath.Join(out, "fr/a/index.html"))
		if fallback {
			if strings.Contains(got, "link-missing") || !strings.Contains(got, "fr/a.md:3:24: warning: anchor #nulle-part") {
				t.Errorf("diagnostics: %s", got)
			}
			if !strings.Contains(page, `<a href=../b/#part>B</a>`) {
				t.Errorf("fr/a lacks the link to the fallback copy:\n%s", page)
			}
		} else if !strings.Contains(got, "fr/a.md:3:6: error: missing target b.md#part") {
			t.Errorf("diagnostics without fallback: %s", got)
		}
	}
}

// TestLangsTopBookignore: the .bookignore at the top of a LANGS.md book
// applies to every language, its patterns relative to the top.
func TestLangsTopBookignore(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"LANGS.md":        "# Languages\n\n* [English](en/)\n* [Français](fr/)\n",
		".bookignore":     "*.tmp.md\nen/secret.md\n",
		"en/SUMMARY.md":   "# Summary\n\n* [Welcome](README.md)\n* [Secret](secret.md)\n* [Notes](notes.tmp.md)\n",
		"en/README.md":    "# Welcome\n",
		"en/secret.md":    "# Secret\n",
		"en/notes.tmp.md": "# Notes\n",
		"fr/SUMMARY.md":   "# Sommaire\n\n* [Bienvenue](README.md)\n* [Secret](secret.md)\n* [Notes](notes.tmp.md)\n",
		"fr/README.md":    "# Bienvenue\n",
		"fr/secret.md":    "# Secret\n",
		"fr/notes.tmp.md": "# Notes\n",
	})
	out, _ := built(t, Options{Dir: dir})
	for p, want := range map[string]bool{"en/secret": false, "en/notes.tmp": false, "fr/notes.tmp": false, "fr/secret": true} {
		if _, err := os.Stat(filepath.Join(out, p, "index.html")); (err == nil) != want {
			t.Errorf("%s published: %v, want %v", p, err == nil, want)
		}
	}
}

// TestLangsTopStructure: the top book.json's structure.readme and
// structure.summary apply to every language, a language's own book.json
// winning.
func TestLangsTopStructure(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"LANGS.md":       "# Languages\n\n* [English](en/)\n* [Français](fr/)\n",
		"book.json":      `{"structure": {"readme": "INTRO.md", "summary": "TOC.md"}}`,
		"en/INTRO.md":    "# Intro\n",
		"en/TOC.md":      "# TOC\n\n* [Intro](INTRO.md)\n* [Page](page.md)\n",
		"en/page.md":     "# Page\n",
		"fr/book.json":   `{"structure": {"summary": "SOMMAIRE.md"}}`,
		"fr/INTRO.md":    "# Accueil\n",
		"fr/SOMMAIRE.md": "# Sommaire\n\n* [Accueil](INTRO.md)\n* [Page](page.md)\n",
		"fr/page.md":     "# Page\n",
	})
	out, res := built(t, Options{Dir: dir})
	for _, d := range res.Diags {
		if d.Severity >= diag.Warning {
			t.Errorf("unexpected: %s", d)
		}
	}
	for _, p := range []string{"en/index.html", "en/page/index.html", "fr/index.html", "fr/page/index.html"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("%s not published", p)
		}
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "fr/index.html")), "Accueil") {
		t.Error("fr's home page is not its INTRO.md")
	}
}

// TestLangsOtherLanguageImage: an image of another language's folder
// (../en/images/map.png) is published once, where that language has it,
// whether or not that language's pages show it too.
func TestLangsOtherLanguageImage(t *testing.T) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 3, 2))); err != nil {
		t.Fatal(err)
	}
	png := buf.String()
	dir := testkit.Site(t, map[string]string{
		"LANGS.md":           "# Languages\n\n* [English](en/)\n* [Français](fr/)\n",
		"en/SUMMARY.md":      "# Summary\n\n* [Home](README.md)\n",
		"en/README.md":       "# Home\n\n![map](images/map.png)\n",
		"en/images/map.png":  png,
		"en/images/only.png": png,
		"fr/SUMMARY.md":      "# Sommaire\n\n* [Accueil](README.md)\n",
		"fr/README.md":       "# Accueil\n\n![carte](../en/images/map.png) ![seule](../en/images/only.png) ![non](../en/images/none.png)\n",
	})
	out, res := built(t, Options{Dir: dir})
	var errs []string
	for _, d := range res.Diags {
		if d.Severity == diag.Error {
			errs = append(errs, d.String())
		}
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "none.png") {
		t.Errorf("errors %q, want one, for none.png", errs)
	}
	fr := readFile(t, filepath.Join(out, "fr/index.html"))
	for _, want := range []string{`src=../en/images/map.png`, `src=../en/images/only.png`, `width=3`} {
		if !strings.Contains(fr, want) {
			t.Errorf("fr/index.html lacks %s:\n%s", want, fr)
		}
	}
	for _, f := range []string{"en/images/map.png", "en/images/only.png"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s not published", f)
		}
	}
}

// TestGlossaryListedLast: a glossary SUMMARY.md lists last comes last in
// the reading order, as the sidebar shows it.
func TestGlossaryListedLast(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"book.json":   `{"title": "B"}`,
		"SUMMARY.md":  "# Summary\n\n* [Intro](README.md)\n* [One](one.md)\n* [Two](two.md)\n* [Glossary](GLOSSARY.md)\n",
		"README.md":   "# Intro\n",
		"one.md":      "# One\n",
		"two.md":      "# Two\n",
		"GLOSSARY.md": "## Term\n\nA word.\n",
	})
	out, _ := built(t, Options{Dir: dir})
	next := regexp.MustCompile(`rel="?next"? href="?([^" >]+)`)
	for page, want := range map[string]string{"index.html": "./one/", "one/index.html": "../two/", "two/index.html": "../GLOSSARY/"} {
		m := next.FindStringSubmatch(readFile(t, filepath.Join(out, page)))
		if m == nil || m[1] != want {
			t.Errorf("%s: next is %v, want %s", page, m, want)
		}
	}
}

// TestLangsSharedLinks: a shared file that is a symbolic link is judged
// where it leads and published as the file it leads to; a top folder
// named as a language is published is not shared.
func TestLangsSharedLinks(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"LANGS.md":         "# Languages\n\n* [English](en/)\n* [Português](pt_BR/)\n",
		"assets/logo.svg":  `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2"></svg>`,
		".git/config":      "secret",
		"pt-BR/logo.png":   "SHARED",
		"en/SUMMARY.md":    "# Summary\n\n* [Welcome](README.md)\n",
		"en/README.md":     "# Welcome\n\n[in](../assets/in.svg) [git](../assets/git.png) [away](../assets/away.png) [pt](../pt-BR/logo.png)\n",
		"pt_BR/SUMMARY.md": "# Sumário\n\n* [Bem-vindo](README.md)\n",
		"pt_BR/README.md":  "# Bem-vindo\n",
	})
	away := filepath.Join(t.TempDir(), "away.png")
	if err := os.WriteFile(away, []byte("outside"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, to := range map[string]string{"assets/in.svg": "logo.svg", "assets/git.png": "../.git/config", "assets/away.png": away} {
		if err := os.Symlink(to, filepath.Join(dir, link)); err != nil {
			t.Skip(err)
		}
	}
	out, res := built(t, Options{Dir: dir})
	fi, err := os.Lstat(filepath.Join(out, "assets/in.svg"))
	if err != nil || !fi.Mode().IsRegular() {
		t.Errorf("a link inside the book is not published as its file: %v", err)
	}
	for _, p := range []string{"assets/git.png", "assets/away.png", "pt-BR/logo.png"} {
		if b, err := os.ReadFile(filepath.Join(out, p)); err == nil && string(b) != "" && !strings.Contains(string(b), "<html") {
			t.Errorf("%s published: %q", p, b)
		}
	}
	outside := 0
	for _, d := range res.Diags {
		if d.Rule == "link-outside" && d.Path == "en/README.md" {
			outside++
		}
	}
	if outside != 3 {
		t.Errorf("%d link-outside diagnostics, want 3: %v", outside, res.Diags)
	}
}
