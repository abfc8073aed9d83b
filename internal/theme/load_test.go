package theme

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"folio/themes"
)

// writeFiles creates files (slash paths → content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o666); err != nil {
			t.Fatal(err)
		}
	}
}

func render(t *testing.T, th *Theme, p *Page) string {
	t.Helper()
	var buf bytes.Buffer
	if err := th.RenderPage(&buf, p); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestTemplateError: a site's template that does not parse is a
// TemplateError at its path in the site and its line in the file, not in
// the minified copy that a build parses (tester: named relative to the
// theme, with no line the preview's panel could show).
func TestTemplateError(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"themes/default/templates/partials/footer.html": "<footer>\n  <p>x</p>\n\n  {{ .Broken </p>\n</footer>\n",
	})
	minify := func(b []byte) ([]byte, error) { return bytes.Join(bytes.Fields(b), []byte(" ")), nil }
	for _, load := range []func() (*Theme, error){
		func() (*Theme, error) { return Load(site, "default") },
		func() (*Theme, error) { return LoadMinified(site, "default", minify) },
	} {
		_, err := load()
		var te *TemplateError
		if !errors.As(err, &te) {
			t.Fatalf("error %v, want a TemplateError", err)
		}
		if te.File != "themes/default/templates/partials/footer.html" || te.Line != 4 || !strings.Contains(te.Msg, "unexpected") {
			t.Errorf("TemplateError %+v, want themes/default/templates/partials/footer.html line 4", te)
		}
	}
}

func TestOverride(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"themes/default/templates/partials/footer.html": `<footer class="site-footer">Custom footer: {{.T "built_with"}}</footer>`,
		"themes/default/static/folio.css":               "body{color:red}",
		"themes/default/static/extra/site.css":          "p{margin:0}",
		"themes/default/static/.DS_Store":               "junk",
		"themes/default/i18n/en.yaml":                   "built_with: Made with folio\n",
	})
	th, err := Load(site, "default")
	if err != nil {
		t.Fatal(err)
	}
	p := testPage(th, "<p>Hi</p>")
	p.Site.Strings = th.Strings("en")
	out := render(t, th, p)
	if !strings.Contains(out, "Custom footer: Made with folio") {
		t.Errorf("footer override or string override not used:\n%s", out)
	}
	// Keys the site did not override still come from the default en.yaml.
	if !strings.Contains(out, "Skip to content") {
		t.Error("default strings lost after overriding en.yaml")
	}

	static := th.Static()
	if err := fstest.TestFS(static, "folio.css", "folio.js", "extra/site.css"); err != nil {
		t.Fatal(err)
	}
	css, err := fs.ReadFile(static, "folio.css")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(css); got != "body{color:red}" {
		t.Errorf("folio.css = %q, want the override", got)
	}
	var names []string
	err = fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	// Other default files may come and go; the override and the default
	// files must be there, the ignored one must not.
	for _, want := range []string{"content.css", "extra/site.css", "folio.css", "folio.js"} {
		if !slices.Contains(names, want) {
			t.Errorf("static files = %q, missing %q", names, want)
		}
	}
	if slices.Contains(names, ".DS_Store") {
		t.Errorf("static files = %q, want no .DS_Store", names)
	}
}

func TestLoadNamedTheme(t *testing.T) {
	site := t.TempDir()
	if _, err := Load(site, "fancy"); err == nil {
		t.Error("Load of a theme without a directory succeeded")
	}
	if _, err := Load(site, "../x"); err == nil {
		t.Error("Load accepted a theme name with a path")
	}
	writeFiles(t, site, map[string]string{"themes/fancy/static/fancy.css": "a{}"})
	th, err := Load(site, "fancy")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(th.Static(), "fancy.css"); err != nil {
		t.Error(err)
	}
	if _, err := fs.Stat(th.Static(), "folio.js"); err != nil {
		t.Errorf("a named theme should still inherit default files: %v", err)
	}
}

func TestTemplateSyntaxError(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"themes/default/templates/partials/outline.html": "<aside>{{range .Outline}}</aside>",
	})
	_, err := Load(site, "default")
	if err == nil {
		t.Fatal("Load succeeded with a broken template")
	}
	if !strings.Contains(err.Error(), "templates/partials/outline.html") {
		t.Errorf("error %q does not name the file", err)
	}
}

func TestBadI18n(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{"themes/default/i18n/de.yaml": "menu: [not, a, string]\n"})
	_, err := Load(site, "default")
	if err == nil || !strings.Contains(err.Error(), "i18n/de.yaml") {
		t.Errorf("Load error = %v, want one naming i18n/de.yaml", err)
	}
}

func TestStrings(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{"themes/default/i18n/sw.yaml": "menu: Menyu\n", "themes/default/i18n/de.yaml": "menu: Hauptmenü\n"})
	th, err := Load(site, "default")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ lang, key, want string }{
		{"sw", "menu", "Menyu"},
		{"sw", "next", "Next"}, // missing in sw.yaml: English
		{"de", "menu", "Hauptmenü"},
		{"de", "next", "Weiter"}, // the site's file changes one key of the theme's
		{"fr", "next", "Suivant"},
		{"FR", "next", "Suivant"},
		{"fr-CA", "next", "Suivant"}, // regional code: base language
		{"xx", "previous", "Previous"},
		{"en", "no_such_key", ""},
	}
	for _, tc := range tests {
		if got := th.Strings(tc.lang)[tc.key]; got != tc.want {
			t.Errorf("Strings(%q)[%q] = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
	a, b := th.Strings("fr"), th.Strings("fr")
	a["x"] = "y"
	if b["x"] != "y" {
		t.Error("Strings does not return the cached map")
	}
}

// TestChineseScripts: the codes of Chinese find the strings of their
// script.
func TestChineseScripts(t *testing.T) {
	th := loadDefault(t)
	for lang, want := range map[string]string{
		"zh": "搜索", "zh-CN": "搜索", "zh-Hans": "搜索", "zh-SG": "搜索", "zh-Hans-CN": "搜索",
		"zh-TW": "搜尋", "zh-Hant": "搜尋", "zh-HK": "搜尋", "zh-MO": "搜尋", "zh-Hant-TW": "搜尋",
	} {
		if got := th.Strings(lang)["search"]; got != want {
			t.Errorf("Strings(%q)[search] = %q, want %q", lang, got, want)
		}
		if m := th.MissingStrings(lang); len(m) > 0 {
			t.Errorf("%s lacks %q", lang, m)
		}
	}
}

// TestSiteStrings: site.yaml's strings win over the theme's, in their
// language and its regions, and English ones in every language that
// lacks the key.
func TestSiteStrings(t *testing.T) {
	th := loadDefault(t)
	if got := th.Strings("fr")["search"]; got != "Rechercher" {
		t.Fatalf("fr search before = %q", got)
	}
	th.SetSiteStrings(map[string]map[string]string{
		"FR": {"search": "Chercher"},
		"en": {"built_with": "Made here", "serach": "typo"},
		"sw": {"search": "Tafuta"},
	})
	tests := []struct{ lang, key, want string }{
		{"fr", "search", "Chercher"}, // the cache was cleared
		{"fr-CA", "search", "Chercher"},
		{"fr", "next", "Suivant"},
		{"fr", "built_with", "Généré avec folio"}, // the theme's French beats the site's English
		{"sw", "built_with", "Made here"},         // no Swahili file: the site's English
		{"sw", "search", "Tafuta"},
		{"en", "built_with", "Made here"},
	}
	for _, tc := range tests {
		if got := th.Strings(tc.lang)[tc.key]; got != tc.want {
			t.Errorf("Strings(%q)[%q] = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
	if got := th.UnknownStrings(); !slices.Equal(got, []UnknownString{{Code: "en", Key: "serach", Near: "search"}}) {
		t.Errorf("UnknownStrings = %q", got)
	}
	// Missing: what neither the theme nor the site has.
	if m := th.MissingStrings("sw"); slices.Contains(m, "search") || !slices.Contains(m, "next") {
		t.Errorf("MissingStrings(sw) = %q", m)
	}
	for _, lang := range []string{"en", "en-GB", "fr", "pt-BR", "fa", "ja"} {
		if m := th.MissingStrings(lang); len(m) > 0 {
			t.Errorf("MissingStrings(%s) = %q, want none", lang, m)
		}
	}
}

// TestI18nComplete keeps the shipped translations in step with English,
// and their files valid: they are parsed only when a site asks for them.
func TestI18nComplete(t *testing.T) {
	th := loadDefault(t)
	if len(th.i18n.langs()) < 5 {
		t.Fatalf("languages %q", th.i18n.langs())
	}
	for _, lang := range th.i18n.langs() {
		if _, err := readStrings(th.i18n.base, th.i18n.lazy[lang]); err != nil {
			t.Error(err)
		}
	}
	en := slices.Sorted(maps.Keys(th.i18n.lang("en")))
	for _, lang := range th.i18n.langs() {
		if got := slices.Sorted(maps.Keys(th.i18n.lang(lang))); !slices.Equal(got, en) {
			t.Errorf("i18n/%s.yaml keys = %q, want %q", lang, got, en)
		}
	}
}

func TestPageT(t *testing.T) {
	p := &Page{Site: &Site{Strings: map[string]string{"menu": "Menü"}}}
	tests := []struct{ key, want string }{
		{"menu", "Menü"},
		{"next", "Next"},               // not in Site.Strings: embedded English
		{"no_such_key", "no_such_key"}, // unknown: the key shows up in the page
	}
	for _, tc := range tests {
		if got := p.T(tc.key); got != tc.want {
			t.Errorf("T(%q) = %q, want %q", tc.key, got, tc.want)
		}
	}
}

func TestEscaping(t *testing.T) {
	th := loadDefault(t)
	const evil = `<script>alert(1)</script>`
	p := testPage(th, "<p>ok</p>")
	p.Title = evil
	p.Description = evil
	p.Site.Title = evil
	p.Site.Nav[0].Items[0].Title = evil
	p.Outline = []Heading{{2, `x"><script>`, evil}}
	p.Prev = &Link{Title: evil, URL: `javascript:alert(1)`, Lang: `en" onmouseover="x`}
	out := render(t, th, p)
	if strings.Contains(out, "<script>alert") || strings.Contains(out, `x"><script>`) {
		t.Errorf("unescaped text in output:\n%s", out)
	}
	if !strings.Contains(out, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("escaped title missing")
	}
	if strings.Contains(out, "javascript:alert") {
		t.Error("javascript: URL not filtered")
	}
	if strings.Contains(out, ` onmouseover="x`) {
		t.Error("a link's language broke out of its attribute")
	}
}

func TestDevScript(t *testing.T) {
	th := loadDefault(t)
	p := testPage(th, "")
	if out := render(t, th, p); strings.Contains(out, "livereload") {
		t.Error("live-reload script present when Dev is false")
	}
	p.Dev = true
	if out := render(t, th, p); !strings.Contains(out, `<script src="../../_folio/livereload.js" defer></script>`) {
		t.Error("live-reload script missing when Dev is true")
	}
}

func TestLayoutFlags(t *testing.T) {
	th := loadDefault(t)
	p := testPage(th, "")
	p.Layout = Layout{Title: true}
	p.NoIndex = true
	out := render(t, th, p)
	for _, absent := range []string{`id="folio-sidebar"`, `class="outline"`, `class="pagination"`, `class="page-description"`, `class="menu-toggle"`} {
		if strings.Contains(out, absent) {
			t.Errorf("hidden part %s rendered", absent)
		}
	}
	if !strings.Contains(out, `<meta name="robots" content="noindex">`) {
		t.Error("noindex missing")
	}
	if n := strings.Count(out, "<h1"); n != 1 {
		t.Errorf("%d h1 elements, want 1", n)
	}
}

// TestWideLayout: a wide page (layout.width: wide) has the class wide on
// its .layout, beside the classes of its hidden sidebar or outline; other
// pages do not.
func TestWideLayout(t *testing.T) {
	th := loadDefault(t)
	p := testPage(th, "")
	if out := render(t, th, p); !strings.Contains(out, `<div class="layout">`) {
		t.Errorf("default page: no plain .layout in\n%s", out)
	}
	p.Layout.Wide = true
	if out := render(t, th, p); !strings.Contains(out, `<div class="layout wide">`) {
		t.Errorf("wide page: no .layout.wide in\n%s", out)
	}
	p.Layout.Outline, p.Layout.TableOfContents = false, false
	if out := render(t, th, p); !strings.Contains(out, `<div class="layout no-sidebar no-outline wide">`) {
		t.Errorf("wide page without sidebar and outline: no .layout.no-sidebar.no-outline.wide in\n%s", out)
	}
}

func TestSingleLanguage(t *testing.T) {
	th := loadDefault(t)
	p := testPage(th, "")
	p.Site.Languages = p.Site.Languages[:1]
	if out := render(t, th, p); strings.Contains(out, "lang-menu") {
		t.Error("language switcher shown on a single-language site")
	}
}

func TestRenderErrors(t *testing.T) {
	th := loadDefault(t)
	var buf bytes.Buffer
	if err := th.RenderPage(&buf, &Page{Content: template.HTML("x")}); err == nil {
		t.Error("RenderPage without a Site succeeded")
	}
	if err := th.RenderNotFound(&buf, nil); err == nil {
		t.Error("RenderNotFound(nil) succeeded")
	}
	if err := th.RenderRedirect(&buf, nil); err == nil {
		t.Error("RenderRedirect(nil) succeeded")
	}
	if err := th.RenderLanguages(&buf, nil); err == nil {
		t.Error("RenderLanguages(nil) succeeded")
	}
	// A redirect without a Site still renders, in English.
	buf.Reset()
	if err := th.RenderRedirect(&buf, &Redirect{To: "https://example.com/"}); err != nil {
		t.Fatal(err)
	}
	// Without a title (a target that is not a page), the link shows the
	// address.
	if !strings.Contains(buf.String(), `content="0; url=https://example.com/"`) || !strings.Contains(buf.String(), `>https://example.com/</a>`) {
		t.Errorf("redirect without site:\n%s", buf.String())
	}
}

func TestCurrentInTrail(t *testing.T) {
	a := &NavItem{ID: 1, URL: "a/"}
	b := &NavItem{ID: 2, URL: "a/b/"}
	dup := &NavItem{ID: 3, URL: "a/b/"}
	ext := &NavItem{ID: 4, URL: "a/b/", External: true}
	tests := []struct {
		name          string
		page          *Page
		item          *NavItem
		current, open bool
	}{
		{"trail leaf", &Page{URL: "a/b/", Trail: []int{1, 2}}, b, true, true},
		{"trail ancestor", &Page{URL: "a/b/", Trail: []int{1, 2}}, a, false, true},
		{"same URL other entry", &Page{URL: "a/b/", Trail: []int{1, 2}}, dup, false, false},
		{"no trail: URL match", &Page{URL: "a/b/"}, dup, true, true},
		{"no trail: external", &Page{URL: "a/b/"}, ext, false, false},
		{"nil item", &Page{URL: "a/b/"}, nil, false, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.page.Current(tc.item); got != tc.current {
				t.Errorf("Current = %v, want %v", got, tc.current)
			}
			if got := tc.page.InTrail(tc.item); got != tc.open {
				t.Errorf("InTrail = %v, want %v", got, tc.open)
			}
		})
	}
}

func TestHref(t *testing.T) {
	tests := []struct{ root, url, want string }{
		{"../", "a/b/", "../a/b/"},
		{"./", "", "./"},
		{"/docs/", "fr/", "/docs/fr/"},
		{"../", "https://example.com/x", "https://example.com/x"},
		{"../", "mailto:a@b.c", "mailto:a@b.c"},
		{"../", "//cdn.example.com/x", "//cdn.example.com/x"},
		{"../", "/abs/", "/abs/"},
		{"../", "#top", "#top"},
		{"../", "a/b:c/", "../a/b:c/"},
		{"../", ":x", "../:x"},
	}
	for _, tc := range tests {
		p := &Page{Root: tc.root}
		if got := p.Href(tc.url); got != tc.want {
			t.Errorf("Href(%q) from %q = %q, want %q", tc.url, tc.root, got, tc.want)
		}
	}
}

func TestFullTitle(t *testing.T) {
	tests := []struct{ site, page, want string }{
		{"Docs", "Install", "Install — Docs"},
		{"Docs", "Docs", "Docs"},
		{"Docs", "", "Docs"},
		{"", "Install", "Install"},
	}
	for _, tc := range tests {
		p := &Page{Site: &Site{Title: tc.site}, Title: tc.page}
		if got := p.FullTitle(); got != tc.want {
			t.Errorf("FullTitle(%q, %q) = %q, want %q", tc.site, tc.page, got, tc.want)
		}
	}
}

// TestStaticIsOffline guards the "no network request" promise of the theme.
func TestStaticIsOffline(t *testing.T) {
	th := loadDefault(t)
	err := fs.WalkDir(th.Static(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(th.Static(), p)
		if err != nil {
			return err
		}
		// The SVG namespace is an identifier, never fetched.
		s := strings.ReplaceAll(string(b), "http://www.w3.org/2000/svg", "")
		for _, bad := range []string{"http://", "https://", "@import", "fetch(", "XMLHttpRequest", "sendBeacon", "@font-face"} {
			if bad == "fetch(" && p == "search.js" {
				// search.js loads one script, the search index: a file of
				// the same site at a relative URL.
				if strings.Contains(s, "fetch(") || strings.Count(s, `createElement("script")`) != 1 || !strings.Contains(s, "s.src = form.dataset.index") {
					t.Errorf("search.js loads something other than its index")
				}
				continue
			}
			if strings.Contains(s, bad) {
				t.Errorf("%s contains %q", p, bad)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSharedPerRoot: pages of one site at different depths each get the
// shared partials with their own root, and at one depth the same markup.
func TestSharedPerRoot(t *testing.T) {
	th := loadDefault(t)
	deep := testPage(th, "")
	top := testPage(th, "")
	top.Site = deep.Site
	top.Root, top.URL = "", ""
	for range 2 {
		if out := render(t, th, deep); !strings.Contains(out, `href="../../_folio/folio.css"`) || !strings.Contains(out, `data-root="../../"`) {
			t.Error("page two levels down: shared partials without its root")
		}
		if out := render(t, th, top); !strings.Contains(out, `href="_folio/folio.css"`) || !strings.Contains(out, `data-root=""`) || strings.Contains(out, "../") {
			t.Error("home page: shared partials with another page's root")
		}
	}
	if n := len(deep.Site.shared); n != 8 {
		t.Errorf("%d shared renderings, want 8 (four partials, two roots)", n)
	}
}

// TestSharedOwnTemplates: a site's own header that shows the page is
// rendered for each page, though the built-in page.html shares it.
func TestSharedOwnTemplates(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{
		"themes/default/templates/partials/header.html": `<header class="site-header">{{.Title}}</header>`,
	})
	th, err := Load(site, "default")
	if err != nil {
		t.Fatal(err)
	}
	a := testPage(th, "")
	a.Site.Languages = a.Site.Languages[:1] // one language: page.html shares the header
	b := testPage(th, "")
	b.Site, b.Title = a.Site, "Other page"
	for _, p := range []*Page{a, b} {
		if out := render(t, th, p); !strings.Contains(out, `<header class="site-header">`+p.Title+`</header>`) {
			t.Errorf("page %q: header without its title", p.Title)
		}
	}
}

// TestPreMinified: the default theme's static files come minified ahead,
// except those a site overrides.
func TestPreMinified(t *testing.T) {
	th := loadDefault(t)
	for _, name := range []string{"folio.css", "content.css", "folio.js", "search.js", "search.css"} {
		b, ok := th.Minified(name)
		if !ok || len(b) == 0 {
			t.Errorf("%s: no minified copy", name)
		}
	}
	site := t.TempDir()
	over := filepath.Join(site, "themes", "default", "static")
	if err := os.MkdirAll(over, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(over, "folio.css"), []byte("body { color: red }"), 0o644); err != nil {
		t.Fatal(err)
	}
	th, err := Load(site, "default")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := th.Minified("folio.css"); ok {
		t.Error("overridden folio.css: the default theme's minified copy is used")
	}
	if _, ok := th.Minified("folio.js"); !ok {
		t.Error("folio.js not overridden: no minified copy")
	}
	if _, ok := loadDefault(t).pre.get("templates/page.html"); !ok {
		t.Error("templates/page.html: no minified copy")
	}
	if err := os.MkdirAll(filepath.Join(site, "themes", "default", "templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	page, _ := fs.ReadFile(themes.Default, "default/templates/page.html")
	if err := os.WriteFile(filepath.Join(site, "themes", "default", "templates", "page.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	if th, err = Load(site, "default"); err != nil {
		t.Fatal(err)
	}
	if _, ok := th.pre.get("templates/page.html"); ok {
		t.Error("overridden page.html: the default theme's minified copy is used")
	}
}

// TestForeignTitles: a sidebar entry or a previous/next link whose title
// is in another language than the page (a fallback copy's) says so, for
// screen readers and hyphenation (WCAG 3.1.2); others carry no lang.
func TestForeignTitles(t *testing.T) {
	th := loadDefault(t)
	p := testPage(th, "<p>ok</p>")
	p.Site.Nav[0].Items[0].Lang = "en"
	p.Site.Nav[0].Items[1].Lang = "en" // with children: its toggle's name says its title (t62)
	p.Prev = &Link{Title: "Advanced", URL: "guide/advanced/", Lang: "en"}
	out := render(t, th, p)
	for _, want := range []string{
		`<span class=pagination-title lang=en>Advanced</span>`,
		`<a class=nav-link lang=en href=`,
		`<span class=pagination-title>Hints`,
		`<span lang=en>Getting started</span></span></summary>`,
		`<span class=visually-hidden>` + p.Site.Strings["sub_pages"] + ` Writing pages</span></summary>`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s", want)
		}
	}
	if n := strings.Count(out, "nav-link lang="); n != 2 {
		t.Errorf("%d sidebar entries with a lang, want 2", n)
	}
}

// TestCustomCSS: a site that adds static/custom.css to its theme folder
// has it linked after the theme's style sheets, on pages, the print page
// and the language index; a site without it links none (tester: colours
// could be changed only by copying folio.css whole).
func TestCustomCSS(t *testing.T) {
	site := t.TempDir()
	writeFiles(t, site, map[string]string{"themes/default/static/custom.css": ":root { --accent: #8b0000; }"})
	for _, c := range []struct {
		dir  string
		want bool
	}{{site, true}, {t.TempDir(), false}} {
		th, err := Load(c.dir, "default")
		if err != nil {
			t.Fatal(err)
		}
		page := render(t, th, testPage(th, "<p>Hi</p>"))
		var idx bytes.Buffer
		if err := th.RenderLanguages(&idx, &LanguageIndex{Title: "T", Default: "en", Root: ""}); err != nil {
			t.Fatal(err)
		}
		for name, out := range map[string]string{"page": page, "language index": idx.String()} {
			linked := strings.Contains(out, `_folio/custom.css">`)
			if linked != c.want {
				t.Errorf("%s links custom.css: %v, want %v", name, linked, c.want)
			}
			if linked && strings.Index(out, "_folio/custom.css") < strings.Index(out, "_folio/folio.css") {
				t.Errorf("%s links custom.css before folio.css", name)
			}
		}
		if _, err := fs.Stat(th.Static(), "custom.css"); (err == nil) != c.want {
			t.Errorf("custom.css published: %v, want %v", err == nil, c.want)
		}
	}
}

// TestLanguagePrompts: the language index says "Choose a language" in
// each of the site's languages, each marked with its own, once per
// wording (t62: in the default language only).
func TestLanguagePrompts(t *testing.T) {
	th := loadDefault(t)
	var buf bytes.Buffer
	idx := &LanguageIndex{Title: "Spec", Default: "en", Languages: []LangLink{
		{Code: "en", Name: "English", URL: "en/"}, {Code: "fr", Name: "Français", URL: "fr/"}, {Code: "ar", Name: "العربية", URL: "ar/"}, {Code: "en-GB", Name: "English (UK)", URL: "gb/"},
	}}
	if err := th.RenderLanguages(&buf, idx); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	fr, ar := th.Strings("fr")["choose_language"], th.Strings("ar")["choose_language"]
	for _, want := range []string{`lang="fr" dir="ltr">` + fr + `</p>`, `lang="ar" dir="rtl">` + ar + `</p>`} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in\n%s", want, out)
		}
	}
	if n := strings.Count(out, "lang-prompt"); n != 2 {
		t.Errorf("%d prompts besides the default language's, want 2 (English once)", n)
	}
}
