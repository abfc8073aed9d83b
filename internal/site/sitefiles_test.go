package site

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"folio/internal/diag"
	"folio/internal/search"
	"folio/internal/symlink"
	"folio/internal/testkit"
)

// TestCheckRunsTemplates: a site's template that parses but fails when it
// runs fails check as it fails the build (tester: check said 0 errors).
func TestCheckRunsTemplates(t *testing.T) {
	for _, tpl := range []string{"partials/footer.html", "404.html"} {
		dir := testkit.Site(t, map[string]string{
			"README.md":                       "# Home\n",
			"themes/default/templates/" + tpl: `{{define "x"}}{{end}}<footer>{{.Site.Nope}}</footer>`,
		})
		if _, err := Check(context.Background(), Options{Dir: dir}); err == nil || !strings.Contains(err.Error(), "Nope") {
			t.Errorf("%s: check gives %v, want the template's error", tpl, err)
		}
	}
}

// TestLogoIsFavicon: one file outside static/ may be the logo and the
// favicon, named twice in the list even: it is published once (tester:
// the build failed, "file exists", where check said nothing).
func TestLogoIsFavicon(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":    "title: Docs\nlogo: img/mark.svg\nfavicon: [img/mark.svg, img/mark.svg]\n",
		"README.md":    "# Home\n",
		"img/mark.svg": "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
	})
	out, _ := built(t, Options{Dir: dir})
	if _, err := os.Stat(filepath.Join(out, "_folio/site/img/mark.svg")); err != nil {
		t.Error(err)
	}
}

// TestSocialImage: with a base URL, a page's head has the Open Graph
// tags of link previews, social_image as their picture (published where
// it is not in static/), by its absolute address; without one, none
// (t34: the guide named the picture, and no page showed it).
func TestSocialImage(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":          "title: Docs\nsocial_image: img/card image.png\n",
		"README.md":          "---\ndescription: What the docs say.\n---\n# Home\n",
		"img/card image.png": "png",
	})
	out, _ := built(t, Options{Dir: dir, BaseURL: "https://example.org/docs/"})
	home := readFile(t, filepath.Join(out, "index.html"))
	for _, want := range []string{`property="og:image" content="https://example.org/docs/_folio/site/img/card%20image.png"`,
		`property="og:title" content="Home"`, `property="og:description" content="What the docs say."`,
		`property="og:url" content="https://example.org/docs/"`, `twitter:card content="summary_large_image"`} {
		if !containsHTML(home, want) {
			t.Errorf("home lacks %s", want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "_folio/site/img/card image.png")); err != nil {
		t.Error(err)
	}
	out, _ = built(t, Options{Dir: dir})
	if home := readFile(t, filepath.Join(out, "index.html")); strings.Contains(home, "og:") {
		t.Errorf("without a base URL, Open Graph tags: %s", home)
	}
}

// TestSiteFiles: static/ is published as it is, the logo and the
// favicons of site.yaml show in every page (a file outside static/ is
// published too), and a site without them gets the theme's own icon.
func TestSiteFiles(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":                "title: Docs\nlogo: .gitbook/assets/logo.png\nfavicon: [static/icon.svg, static/icon.png]\n",
		"README.md":                "# Home\n",
		"guide.md":                 "# Guide\n",
		"SUMMARY.md":               "# Summary\n\n* [Home](README.md)\n* [Guide](guide.md)\n",
		"static/icon.svg":          "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
		"static/icon.png":          "png",
		"static/robots-x.txt":      "kept as it is",
		".gitbook/assets/logo.png": "png",
	})
	out, _ := built(t, Options{Dir: dir})
	for _, f := range []string{"icon.svg", "icon.png", "robots-x.txt", "_folio/site/.gitbook/assets/logo.png"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s not published: %v", f, err)
		}
	}
	guide := readFile(t, filepath.Join(out, "guide/index.html"))
	// Attribute values are quoted or not, as the minifier sees fit.
	at := func(re string) int {
		t.Helper()
		loc := regexp.MustCompile(strings.ReplaceAll(re, `"`, `"?`)).FindStringIndex(guide)
		if loc == nil {
			t.Errorf("guide/index.html lacks %s", re)
			return -1
		}
		return loc[0]
	}
	at(`<img class="site-logo" src="\.\./_folio/site/\.gitbook/assets/logo\.png" alt`)
	at(`<link rel="apple-touch-icon" href="\.\./icon\.png">`)
	if png, svg := at(`<link rel="icon" href="\.\./icon\.png" type="image/png">`), at(`<link rel="icon" href="\.\./icon\.svg" type="image/svg\+xml">`); png > svg {
		t.Error("the SVG icon comes before the PNG one: browsers that show SVG take the last they can")
	}
	if strings.Contains(guide, "_folio/favicon.svg") || strings.Contains(guide, `href="data:,"`) {
		t.Error("the site's own favicon comes with the theme's")
	}

	// Without them: the theme's icon, which is published; no logo.
	bare := testkit.Site(t, map[string]string{"README.md": "# Home\n"})
	out = filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Dir: bare, Out: out}); err != nil {
		t.Fatal(err)
	}
	home := readFile(t, filepath.Join(out, "index.html"))
	if !regexp.MustCompile(`<link rel=icon href="?\./_folio/favicon\.svg"? type=image/svg\+xml>`).MatchString(home) || strings.Contains(home, "site-logo") {
		t.Errorf("a site without icons: %.600s", home)
	}
	if _, err := os.Stat(filepath.Join(out, "_folio/favicon.svg")); err != nil {
		t.Error(err)
	}
}

// TestSearchScript: each language's index is a script, and no JSON copy
// is written beside it.
func TestSearchScript(t *testing.T) {
	dir := testkit.Site(t, map[string]string{"README.md": "# Home\n\nWords.\n"})
	out, _ := built(t, Options{Dir: dir})
	js := readFile(t, filepath.Join(out, search.ScriptName))
	if !strings.HasPrefix(js, "window.folioSearchIndex={\"v\":2,") {
		t.Errorf("search index script: %.100s", js)
	}
	if _, err := os.Stat(filepath.Join(out, "search-index.json")); err == nil {
		t.Error("search-index.json is written too: two copies of the index")
	}
}

// TestThemeStrings: a language the theme has no strings for is reported
// once per build, as are the strings of site.yaml the theme does not
// have; site.yaml's strings show in the pages.
func TestThemeStrings(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml": "title: Docs\nlanguages:\n  - {code: en, dir: en}\n  - {code: sw, dir: sw}\n  - {code: fa, dir: fa}\n" +
			"strings:\n  sw:\n    search: Tafuta\n  en:\n    serch: typo\n  english:\n    search: Find\n",
		"en/README.md": "# Home\n", "en/a.md": "# A\n", "en/SUMMARY.md": "* [Home](README.md)\n* [A](a.md)\n",
		"sw/README.md": "# Nyumbani\n", "sw/a.md": "# A\n", "sw/SUMMARY.md": "* [Nyumbani](README.md)\n* [A](a.md)\n",
		"fa/README.md": "# خانه\n",
	})
	out, res := built(t, Options{Dir: dir})
	// Each at the line of its language's strings (t100), with the
	// nearest key or code.
	var got []string
	for _, d := range res.Diags {
		if d.Rule == "theme-strings" {
			if d.Severity != diag.Warning || d.Path != "site.yaml" {
				t.Errorf("diagnostic %s", d)
			}
			got = append(got, d.String())
		}
	}
	want := []string{
		"site.yaml:6: warning: … have no sw translation …",
		"site.yaml:9: warning: strings: en: serch is not a string of the theme (did you mean search?)",
		"site.yaml:11: warning: strings: english is the code of no language of the site: its strings are not used (the site's languages are en, sw, fa)",
	}
	if len(got) != 3 || !strings.HasPrefix(got[0], "site.yaml:6: warning: ") || !strings.Contains(got[0], "have no sw translation and show in English: ") || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("theme-strings diagnostics:\n%s\nwant one for sw, one for the typo and one for the code:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	sw := readFile(t, filepath.Join(out, "sw/a/index.html"))
	if !regexp.MustCompile(`placeholder="?Tafuta`).MatchString(sw) || !strings.Contains(sw, `>Skip to content<`) {
		t.Errorf("sw page: site string or English fallback missing: %.800s", sw)
	}
}

// TestEnglishStandIns: on the pages of a language the theme has no words
// for, the English words that stand in are marked English, and so is
// what folio.js writes with them; not on the English pages (t97).
func TestEnglishStandIns(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":     "title: T\nlanguages:\n  - {code: en, dir: en}\n  - {code: ur, dir: ur}\n",
		"en/README.md":  "# Home\n\n## A\n\nText.\n\n## B\n\nText.\n",
		"en/SUMMARY.md": "* [Home](README.md)\n",
		"ur/README.md":  "# سرورق\n\n## الف\n\nیہ\n\n## ب\n\nیہ\n",
		"ur/SUMMARY.md": "* [سرورق](README.md)\n",
	})
	out, _ := built(t, Options{Dir: dir})
	ur, en := readFile(t, filepath.Join(out, "ur/index.html")), readFile(t, filepath.Join(out, "en/index.html"))
	for _, want := range []string{`class="skip-link" lang="en" dir="ltr"`, `data-ui-lang=en`, `<p lang="en" dir="ltr">Built with`, `class="outline-title" lang="en" dir="ltr"`} {
		if !strings.Contains(ur, want) {
			t.Errorf("the Urdu page lacks %s", want)
		}
		if strings.Contains(en, want) {
			t.Errorf("the English page has %s", want)
		}
	}
}

// TestStaticLinks: in static/, a symbolic link to a file of static/ is
// published as that file; one that leads out of static/, or to a folder,
// is left out with a symlink warning, where all three were dropped
// silently.
func TestStaticLinks(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":          "title: T\ncontent: docs\n",
		"docs/SUMMARY.md":    "# S\n\n* [Home](README.md)\n",
		"docs/README.md":     "# Home\n",
		"static/robots.txt":  "User-agent: *\nDisallow: /drafts/\n",
		"static/css/a.css":   "body{}",
		"secret.txt":         "not for static",
		"static/fonts/x.ttf": "font",
	})
	for link, to := range map[string]string{"static/b.css": "css/a.css", "static/out.txt": "../secret.txt", "static/dir": "fonts",
		"static/abs.css": filepath.Join(dir, "static", "css", "a.css"), "static/css/up.css": "../css/a.css"} {
		if err := os.Symlink(to, filepath.Join(dir, link)); err != nil {
			t.Fatal(err)
		}
	}
	out, res := built(t, Options{Dir: dir})
	// The site's own robots.txt is published, not folio's.
	if b, err := os.ReadFile(filepath.Join(out, "robots.txt")); err != nil || !strings.Contains(string(b), "Disallow: /drafts/") {
		t.Errorf("robots.txt is not static/'s: %q, %v", b, err)
	}
	// Relative or absolute, a link that stays in static/ is its file.
	for _, f := range []string{"b.css", "abs.css", "css/up.css"} {
		if b, err := os.ReadFile(filepath.Join(out, f)); err != nil || string(b) != "body{}" {
			t.Errorf("%s, a link to css/a.css: %q, %v", f, b, err)
		}
	}
	for _, f := range []string{"out.txt", "dir"} {
		if _, err := os.Lstat(filepath.Join(out, f)); err == nil {
			t.Errorf("%s is published", f)
		}
	}
	var got []string
	for _, d := range res.Diags {
		if d.Rule == "symlink" {
			got = append(got, d.String())
		}
	}
	want := "static/dir: warning: symbolic link to a directory is not followed\n" +
		"static/out.txt: warning: symbolic link leads outside static/ or nowhere; not published"
	if strings.Join(got, "\n") != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), want)
	}
}

// TestAPIOutlineLevel: an API operation is listed in the outline at its
// heading's level: level 2 before any section (it was always level 3, as
// if under the heading that follows it), level 3 within one, and not at
// all under an h3, as an h4 is not.
func TestAPIOutlineLevel(t *testing.T) {
	spec := "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n  /a:\n    get:\n      summary: First op\n      responses: {\"200\": {description: OK}}\n" +
		"  /b:\n    get:\n      summary: Second op\n      responses: {\"200\": {description: OK}}\n" +
		"  /c:\n    get:\n      summary: Third op\n      responses: {\"200\": {description: OK}}\n"
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [API](README.md)\n",
		"README.md": "# API\n\n{% openapi src=\"spec.yaml\" path=\"/a\" method=\"get\" %}\n[spec.yaml](spec.yaml)\n{% endopenapi %}\n\n## Later\n\n" +
			"{% openapi src=\"spec.yaml\" path=\"/b\" method=\"get\" %}\n[spec.yaml](spec.yaml)\n{% endopenapi %}\n\n### Deep\n\n" +
			"{% openapi src=\"spec.yaml\" path=\"/c\" method=\"get\" %}\n[spec.yaml](spec.yaml)\n{% endopenapi %}\n",
		"spec.yaml": spec,
	})
	out, _ := built(t, Options{Dir: dir})
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`level-2"><a href=#get-a>First op`, `level-2"><a href=#later>Later`, `level-3"><a href=#get-b>Second op`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("outline lacks %s", want)
		}
	}
	if regexp.MustCompile(`outline-item level-\d"><a href=#get-c>`).Match(b) {
		t.Error("the outline lists an operation under an h3")
	}
}

// TestSwitcherToFallback: from a page of the default language, the
// language menu leads to the page a language with fallback copies shows
// untranslated at the same place, marked so, not to that language's home.
func TestSwitcherToFallback(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":     "title: T\nlanguages:\n  - {code: en, name: English, dir: en}\n  - {code: fr, name: Français, dir: fr, fallback: true}\n",
		"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Setup](setup.md)\n",
		"en/README.md":  "# Home\n",
		"en/setup.md":   "# Setup\n",
		"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n",
		"fr/README.md":  "# Accueil\n",
	})
	out, _ := built(t, Options{Dir: dir})
	b, err := os.ReadFile(filepath.Join(out, "en", "setup", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `<a href=../../fr/setup/ hreflang=fr lang=fr class=untranslated>`; !strings.Contains(string(b), want) {
		t.Errorf("the menu of en/setup/ lacks %s", want)
	}
}

// TestStaticFolderOwner: static/ is a folio site's (one with site.yaml).
// In a GitBook repository it is content, as GitBook reads it, where its
// files were published twice (at the root too, Markdown as it is) and its
// symbolic links warned about twice; beside a site.yaml whose content is
// the site's folder, it is static/ alone.
func TestStaticFolderOwner(t *testing.T) {
	files := map[string]string{
		"README.md":       "# Home\n\n![Logo](static/logo.png)\n",
		"static/logo.png": "png",
		"static/a.md":     "# A\n",
	}
	symlinks := func(dir string) {
		if err := os.Symlink("/nonexistent", filepath.Join(dir, "static", "gone")); err != nil {
			t.Fatal(err)
		}
	}
	symlinkDiags := func(res *Result) []string {
		var got []string
		for _, d := range res.Diags {
			if d.Rule == "symlink" {
				got = append(got, d.String())
			}
		}
		return got
	}
	exists := func(out, p string) bool {
		_, err := os.Stat(filepath.Join(out, p))
		return err == nil
	}

	dir := testkit.Site(t, files)
	symlinks(dir)
	out, res := built(t, Options{Dir: dir})
	for p, want := range map[string]bool{"static/logo.png": true, "static/a/index.html": true, "logo.png": false, "a.md": false} {
		if exists(out, p) != want {
			t.Errorf("GitBook repository: %s published: %v, want %v", p, !want, want)
		}
	}
	if got := symlinkDiags(res); len(got) != 1 || !strings.Contains(got[0], "outside the content directory") {
		t.Errorf("GitBook repository: symlink diagnostics %q, want one, the content's", got)
	}

	files["site.yaml"] = "title: T\ncontent: .\n"
	dir = testkit.Site(t, files)
	symlinks(dir)
	out, res = built(t, Options{Dir: dir})
	for p, want := range map[string]bool{"logo.png": true, "a.md": true, "static/a/index.html": false} {
		if exists(out, p) != want {
			t.Errorf("site.yaml site: %s published: %v, want %v", p, !want, want)
		}
	}
	if got := symlinkDiags(res); len(got) != 1 || !strings.Contains(got[0], "outside static/") {
		t.Errorf("site.yaml site: symlink diagnostics %q, want one, static/'s", got)
	}
	// A page's link to a file of static/ leads where static/ publishes it,
	// from a content folder that holds static/ or one beside it.
	for _, content := range []string{".", "docs"} {
		files := map[string]string{"site.yaml": "title: T\ncontent: " + content + "\n", "static/logo.png": "png"}
		up := ""
		if content != "." {
			up = "../"
		}
		files[path.Join(content, "README.md")] = "# Home\n\n![Logo](" + up + "static/logo.png) [logo](" + up + "static/logo.png#top)\n"
		out, res := built(t, Options{Dir: testkit.Site(t, files)})
		page := readFile(t, filepath.Join(out, "index.html"))
		if !regexp.MustCompile(`src="?logo\.png`).MatchString(page) || !regexp.MustCompile(`href="?logo\.png#top`).MatchString(page) || slices.ContainsFunc(res.Diags, func(d diag.Diagnostic) bool { return d.Severity == diag.Error }) {
			t.Errorf("content %s: links to static/logo.png: %v\n%.600s", content, res.Diags, page)
		}
	}
}

// TestSymlinksOutOfSite: a repository cannot make a build read or write
// outside its folder through its configuration: a content folder, a
// .gitbook.yaml or book.json root, static/, a theme folder, a logo's
// folder or site.yaml's out that is, or goes through, a symbolic link
// out of the site; nor an out that is written outside it. Each was
// followed (security tester): a secret outside was published, and a
// build wrote files where site.yaml said.
func TestSymlinksOutOfSite(t *testing.T) {
	outside := t.TempDir()
	testkit.WriteFiles(t, outside, map[string]string{
		"README.md":       "# Outside SECRET\n",
		"img.png":         "SECRET",
		"style.css":       "SECRET",
		"templates/x.txt": "SECRET",
	})
	link := func(dir, name string) {
		t.Helper()
		if err := os.Symlink(outside, filepath.Join(dir, name)); err != nil {
			t.Fatal(err)
		}
	}
	leaked := func(out string) bool {
		found := false
		_ = filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
			if err == nil && e.Type().IsRegular() {
				if b, _ := os.ReadFile(p); strings.Contains(string(b), "SECRET") {
					found = true
				}
			}
			return nil
		})
		return found
	}
	build := func(dir string) (string, *Result, error) {
		out := filepath.Join(t.TempDir(), "out")
		res, err := Build(context.Background(), Options{Dir: dir, Out: out})
		return out, res, err
	}
	diagsSay := func(res *Result, want string) bool {
		return res != nil && slices.ContainsFunc(res.Diags, func(d diag.Diagnostic) bool { return strings.Contains(d.String(), want) })
	}

	// site.yaml's content.
	dir := testkit.Site(t, map[string]string{"site.yaml": "title: T\ncontent: docs\n"})
	link(dir, "docs")
	if _, _, err := build(dir); err == nil || !strings.Contains(err.Error(), "leads outside the site's folder") {
		t.Errorf("content: docs, a link out: err = %v", err)
	}
	// .gitbook.yaml's root and book.json's.
	for file, text := range map[string]string{".gitbook.yaml": "root: ./d/\n", "book.json": `{"root": "d"}`} {
		dir = testkit.Site(t, map[string]string{file: text, "README.md": "# Home\n"})
		link(dir, "d")
		out, res, err := build(dir)
		if err != nil || leaked(out) || !diagsSay(res, `root "d" is a symbolic link that leads outside`) {
			t.Errorf("%s root through a link out: err %v, leaked %v, diags %v", file, err, leaked(out), res.Diags)
		}
	}
	// static/, and a logo through a linked folder.
	dir = testkit.Site(t, map[string]string{"site.yaml": "title: T\ncontent: docs\nlogo: d/img.png\n", "docs/README.md": "# Home\n"})
	link(dir, "static")
	link(dir, "d")
	out, res, err := build(dir)
	if err != nil || leaked(out) || !diagsSay(res, "static/ is a symbolic link") || !diagsSay(res, "symbolic link leading outside the site's folder") {
		t.Errorf("static/ and logo through links out: err %v, leaked %v, diags %v", err, leaked(out), res.Diags)
	}
	// static/ in the content (content: .): said once, static/'s, whether
	// it leads out or to a folder inside (then published, no warning).
	dir = testkit.Site(t, map[string]string{"site.yaml": "title: T\ncontent: .\n", "README.md": "# Home\n", "assets/pub/x.txt": "x"})
	link(dir, "static")
	if _, res, _ = build(dir); !diagsSay(res, "static/ is a symbolic link") || diagsSay(res, "outside the content directory") {
		t.Errorf("static/ a link out, content: .: diags %v, want static/'s alone", res.Diags)
	}
	dir = testkit.Site(t, map[string]string{"site.yaml": "title: T\ncontent: .\n", "README.md": "# Home\n", "assets/pub/x.txt": "x"})
	if err := os.Symlink("assets/pub", filepath.Join(dir, "static")); err != nil {
		t.Fatal(err)
	}
	out, res, _ = build(dir)
	if _, err := os.Stat(filepath.Join(out, "x.txt")); err != nil || diagsSay(res, "symbolic link") {
		t.Errorf("static/ a link inside, content: .: x.txt %v, diags %v", err, res.Diags)
	}
	// A theme folder.
	dir = testkit.Site(t, map[string]string{"site.yaml": "title: T\ncontent: docs\n", "docs/README.md": "# Home\n"})
	if err := os.MkdirAll(filepath.Join(dir, "themes"), 0o755); err != nil {
		t.Fatal(err)
	}
	link(filepath.Join(dir, "themes"), "default")
	if _, _, err := build(dir); err == nil || !strings.Contains(err.Error(), "leads outside the site's folder") {
		t.Errorf("themes/default, a link out: err = %v", err)
	}
	// site.yaml's out: written outside, or a link out.
	victim := t.TempDir()
	dir = testkit.Site(t, map[string]string{"site.yaml": "title: T\ncontent: docs\nout: " + victim + "\n", "docs/README.md": "# Home\n"})
	res, err = Build(context.Background(), Options{Dir: dir})
	if err != nil || !diagsSay(res, "out: ") || res.Out != filepath.Join(symlink.Resolve(dir), "public") {
		t.Errorf("out: %s: err %v, written to %s, diags %v", victim, err, res.Out, res.Diags)
	}
	if entries, _ := os.ReadDir(victim); len(entries) > 0 {
		t.Errorf("out: %s was written", victim)
	}
	dir = testkit.Site(t, map[string]string{"site.yaml": "title: T\ncontent: docs\nout: pub\n", "docs/README.md": "# Home\n"})
	if err := os.Symlink(victim, filepath.Join(dir, "pub")); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), Options{Dir: dir}); !errors.Is(err, ErrOutput) {
		t.Errorf("out: pub, a link out: err = %v, want ErrOutput", err)
	}
	if entries, _ := os.ReadDir(victim); len(entries) > 0 {
		t.Errorf("out: pub wrote into %s", victim)
	}
	// A check writes nothing: it checks the content all the same (t89:
	// it stopped, and told of a --out it has not).
	// and tells what the build would refuse (t92: it passed).
	if res, err := Check(context.Background(), Options{Dir: dir}); err != nil || res.Stats.Pages != 1 || !diagsSay(res, "site.yaml:3: error: unsafe output directory: pub is a symbolic link leading outside") {
		t.Errorf("check with out: pub, a link out: err = %v, result %+v", err, res)
	}
}

// TestContentOutside: a one-language site whose content is above its
// folder is not built, as one whose content folder is missing is not
// (tester: it published site.yaml's folder over the output, exit 0).
func TestContentOutside(t *testing.T) {
	root := t.TempDir()
	testkit.WriteFiles(t, root, map[string]string{
		"one/site.yaml":  "title: T\ncontent: ../base\n",
		"one/README.md":  "# Not content\n",
		"base/README.md": "# Base\n",
	})
	_, err := Build(context.Background(), Options{Dir: filepath.Join(root, "one"), Out: filepath.Join(root, "out")})
	if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), `content directory "../base" is outside the site directory`) {
		t.Errorf("build: %v, want ErrConfig naming the content", err)
	}
	if _, err := os.Stat(filepath.Join(root, "out")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("something was written: %v", err)
	}
	// So with languages, every one of which is ignored (reviewer).
	testkit.WriteFiles(t, root, map[string]string{"one/site.yaml": "title: T\nlanguages:\n  - code: en\n    dir: ../base\n"})
	if _, err := Build(context.Background(), Options{Dir: filepath.Join(root, "one"), Out: filepath.Join(root, "out")}); !errors.Is(err, ErrConfig) {
		t.Errorf("build with no language left: %v, want ErrConfig", err)
	}
}

// TestStaticClashes: a file of static/ published where folio writes a
// file of its own is left out with a warning, in check as in build, and
// folio's file is published; robots.txt takes folio's place (tester: the
// one written last won, without a word).
func TestStaticClashes(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":                 "title: T\n",
		"README.md":                 "# Home\n",
		"guide.md":                  "# Guide\n",
		"SUMMARY.md":                "* [Home](README.md)\n* [Guide](guide.md)\n",
		"static/404.html":           "mine",
		"static/guide/index.html":   "mine",
		"static/search-index.js":    "mine",
		"static/_folio/folio.css":   "mine",
		"static/robots.txt":         "mine",
		"static/ok.txt":             "mine",
		"static/old/index.html":     "mine",
		"static/_review/index.html": "mine",
		".gitbook.yaml":             "redirects:\n  old: guide.md\n",
	})
	want := []string{"static/404.html", "static/_folio/folio.css", "static/_review/index.html", "static/guide/index.html", "static/old/index.html", "static/search-index.js"}
	said := func(ds []diag.Diagnostic) []string {
		var got []string
		for _, d := range ds {
			if d.Rule == "asset-reserved" {
				got = append(got, d.Path)
			}
		}
		return got
	}
	res, err := Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if got := said(res.Diags); !slices.Equal(got, want) {
		t.Errorf("check warns of %v, want %v", got, want)
	}
	out, bres := built(t, Options{Dir: dir})
	if got := said(bres.Diags); !slices.Equal(got, want) {
		t.Errorf("build warns of %v, want %v", got, want)
	}
	for _, f := range []string{"404.html", "guide/index.html", "search-index.js", "_folio/folio.css", "old/index.html"} {
		if readFile(t, filepath.Join(out, f)) == "mine" {
			t.Errorf("%s is static/'s", f)
		}
	}
	for _, f := range []string{"robots.txt", "ok.txt"} {
		if readFile(t, filepath.Join(out, f)) != "mine" {
			t.Errorf("%s is not static/'s", f)
		}
	}
}

// TestConfigFIFO: a configuration file that is a FIFO is an error, not a
// build that blocks for ever reading it, beyond Ctrl-C's reach
// (pathological-input tester).
func TestConfigFIFO(t *testing.T) {
	for _, name := range []string{"site.yaml", "book.json", "LANGS.md", ".gitbook.yaml"} {
		dir := testkit.Site(t, map[string]string{"README.md": "# Home\n"})
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skip("no FIFO here:", err)
		}
		done := make(chan error, 1)
		go func() {
			res, err := Check(context.Background(), Options{Dir: dir})
			if err == nil && diag.Count(res.Diags, diag.Error) == 0 {
				err = errors.New("no error")
			} else {
				err = nil
			}
			done <- err
		}()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("%s a FIFO: %v", name, err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s a FIFO: check blocks", name)
		}
	}
}

// TestUnreadableAsset: an image the build cannot read is an error at the
// image, and the rest of the site is built (tester: the build failed
// whole, with no output and no position); check reports it as well.
// Root reads anything: skipped.
func TestUnreadableAsset(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads a file of mode 000")
	}
	dir := testkit.Site(t, map[string]string{"README.md": "# Home\n\n![a](img/y.png)\n", "img/y.png": "png"})
	if err := os.Chmod(filepath.Join(dir, "img/y.png"), 0); err != nil {
		t.Fatal(err)
	}
	// Its owner may link it (a hard link needs no read): the output goes
	// to another file system, where folio copies, as it does a file that
	// is not its own.
	shm, err := os.MkdirTemp("/dev/shm", "folio-test-")
	if err != nil {
		t.Skip("no /dev/shm:", err)
	}
	t.Cleanup(func() { os.RemoveAll(shm) })
	out := filepath.Join(shm, "out")
	res, err := Build(context.Background(), Options{Dir: dir, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Diags, func(d diag.Diagnostic) bool { return d.Rule == "read" && d.Path == "img/y.png" }) {
		t.Errorf("no read error at img/y.png: %v", res.Diags)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Error(err)
	}
	// folio check, which copies nothing, finds it too.
	res, err = Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Diags, func(d diag.Diagnostic) bool { return d.Rule == "read" && d.Path == "img/y.png" }) {
		t.Errorf("check: no read error at img/y.png: %v", res.Diags)
	}
}

// TestPlaceholderHomeTitle: a space whose home page is titled
// "Introduction" is named by its repository (repo_url) when site.yaml
// gives one, not by the folder it is built in, which a CI names repo or
// workspace (review); without one it keeps the title (t38: every tab
// read "Page — Introduction"; site.yaml's title, which folio init
// writes, is the way out). A home
// page with a real title keeps naming the site.
func TestPlaceholderHomeTitle(t *testing.T) {
	root := t.TempDir()
	testkit.WriteFiles(t, root, map[string]string{
		"repo/site.yaml":            "repo_url: https://github.com/example/rates-api\n",
		"repo/README.md":            "# Introduction\n\nText.\n",
		"workspace/docs/README.md":  "# Introduction\n\nText.\n",
		"workspace/docs/SUMMARY.md": "# Table of contents\n\n* [Introduction](README.md)\n* [Usage](usage.md)\n",
		"workspace/docs/usage.md":   "# Usage\n",
		"named/README.md":           "# Rates API Handbook\n",
	})
	for dir, want := range map[string]string{"repo": "rates-api", "workspace/docs": "Introduction", "named": "Rates API Handbook"} {
		out := filepath.Join(root, "out-"+path.Base(dir))
		if _, err := Build(context.Background(), Options{Dir: filepath.Join(root, dir), Out: out}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "<title>"+want+"</title>") && !strings.Contains(string(b), "— "+want+"</title>") {
			t.Errorf("%s: title is not %q: %s", dir, want, regexp.MustCompile(`<title>[^<]*</title>`).Find(b))
		}
	}
}

// TestOutInsideGit: no output goes inside a git repository's own folder,
// whatever it holds: out: .git/hooks in a cloned site (cloned with no
// sample hooks) wrote its static files there as hooks, which ran on the
// next commit (t40). A bare repository's folders are git's too.
func TestOutInsideGit(t *testing.T) {
	root := t.TempDir()
	testkit.WriteFiles(t, root, map[string]string{
		"site/site.yaml":         "title: T\nout: .git/hooks\n",
		"site/README.md":         "# Home\n",
		"site/static/pre-commit": "#!/bin/sh\ntouch ran\n",
		"bare.git/HEAD":          "ref: refs/heads/main\n",
		"bare.git/objects/x":     "",
		"bare.git/refs/heads/x":  "",
	})
	for _, tt := range []struct{ dir, out string }{
		{"site", ""}, // site.yaml's out
		{"site", filepath.Join(root, "site", ".git", "refs", "tags")}, // --out
		{"site", filepath.Join(root, "bare.git", "hooks")},
	} {
		_, err := Build(context.Background(), Options{Dir: filepath.Join(root, tt.dir), Out: tt.out})
		if !errors.Is(err, ErrOutput) || !strings.Contains(err.Error(), "a git repository's own folder") {
			t.Errorf("out %q: %v, want ErrOutput naming git's folder", tt.out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "site", ".git", "hooks", "pre-commit")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a hook was written: %v", err)
	}
}

// TestOutInsideStatic: no output goes into the static folder, whose
// files every build publishes: out: static/site grew static/site/site/…
// with every build, and out: static kept deleted pages for good (t91).
func TestOutInsideStatic(t *testing.T) {
	root := t.TempDir()
	testkit.WriteFiles(t, root, map[string]string{
		"site.yaml":       "title: T\nout: static/site\n",
		"README.md":       "# Home\n",
		"static/logo.png": "png",
	})
	for _, out := range []string{"", filepath.Join(root, "static")} {
		_, err := Build(context.Background(), Options{Dir: root, Out: out})
		if !errors.Is(err, ErrOutput) || !strings.Contains(err.Error(), "static folder") {
			t.Errorf("out %q: %v, want ErrOutput naming the static folder", out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(root, "static", "site")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("an output was written into static/: %v", err)
	}
	// A check of a site that writes no out: says nothing of its public/,
	// which holds files of the author's: CI builds with --out (t94).
	bare := testkit.Site(t, map[string]string{"README.md": "# Home\n", "public/keep.txt": "mine"})
	if res, err := Check(context.Background(), Options{Dir: bare}); err != nil || slices.ContainsFunc(res.Diags, func(d diag.Diagnostic) bool { return d.Rule == "config" }) {
		t.Errorf("check of a site without out: %v %v", err, res.Diags)
	}
	// A check tells it, as the build would (t92).
	res, err := Check(context.Background(), Options{Dir: root})
	if err != nil || !slices.ContainsFunc(res.Diags, func(d diag.Diagnostic) bool {
		return d.Severity == diag.Error && d.Path == "site.yaml" && d.Line == 2 && strings.Contains(d.Msg, "static folder")
	}) {
		t.Errorf("check of out: static/site: err %v, diagnostics %v", err, res.Diags)
	}
}

// TestRepoName: the repository's name, not a folder or branch of it.
func TestRepoName(t *testing.T) {
	for u, want := range map[string]string{
		"https://github.com/example/rates-api":                "rates-api",
		"https://github.com/example/rates-api.git":            "rates-api",
		"https://github.com/example/rates-api/tree/main/docs": "rates-api",
		"https://gitlab.com/group/sub/book/-/tree/main":       "book",
		"git@github.com:example/handbook.git":                 "handbook",
		"https://example.org/owner/repo?ref=main":             "repo",
		"": "",
	} {
		if got := repoName(u); got != want {
			t.Errorf("repoName(%q) = %q, want %q", u, got, want)
		}
	}
}

// TestLinkToRefusedSymlink: a link or a SUMMARY.md entry to a file of the
// space that is a symbolic link out of it is told as such, without a
// "did you mean" (t47: "points to a missing file", though the author sees
// the file).
func TestLinkToRefusedSymlink(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Linked](guide/sym.md)\n",
		"README.md":  "# Home\n\n[s](guide/sym.md) ![h](img/host.png)\n",
		"guide/x.md": "# X\n",
	})
	outside := filepath.Join(t.TempDir(), "secret.md")
	if err := os.WriteFile(outside, []byte("# Secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"guide/sym.md", "img/host.png"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(outside, filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	// A folder linked from outside, and a page through it (t50).
	if err := os.Symlink(filepath.Dir(outside), filepath.Join(dir, "ext")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Home\n\n[s](guide/sym.md) ![h](img/host.png) [e](ext/secret.md)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, res := built(t, Options{Dir: dir})
	var got []string
	for _, d := range res.Diags {
		if d.Rule == "link-missing" || d.Rule == "summary-missing" {
			got = append(got, d.String())
		}
	}
	const not = " is a symbolic link folio does not follow (out of the space, to nowhere or to a folder): not published"
	want := []string{
		`README.md:3:19: error: link to img/host.png: img/host.png` + not,
		`README.md:3:1: error: link to guide/sym.md: guide/sym.md` + not,
		`README.md:3:38: error: link to ext/secret.md: ext` + not,
		`SUMMARY.md:4:1: error: SUMMARY.md entry "Linked" points to guide/sym.md: guide/sym.md` + not,
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
