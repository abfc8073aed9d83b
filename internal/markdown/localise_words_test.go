package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v2"
)

// themeWords are the default theme's strings of lang, over the English
// ones, as the build gives them to Localise.
func themeWords(t *testing.T, lang string) map[string]string {
	t.Helper()
	words := map[string]string{}
	for _, l := range []string{"en", lang} {
		b, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "i18n", l+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		for k, v := range m {
			words[k] = v
		}
	}
	return words
}

// TestHumanSize: a file's size is written with the units, the decimal
// separator and the digits of the language (it was "12.3 kB" in every
// language); one decimal that would round to 1000 moves up a unit.
func TestHumanSize(t *testing.T) {
	fr, de, ar := themeWords(t, "fr"), themeWords(t, "de"), themeWords(t, "ar")
	for _, tc := range []struct {
		n     int64
		words map[string]string
		want  string
	}{
		{512, nil, "512 B"},
		{12345, nil, "12.3 kB"},
		{1234567, nil, "1.2 MB"},
		{3_500_000_000, nil, "3.5 GB"},
		{999_949, nil, "999.9 kB"},
		{999_950, nil, "1.0 MB"},
		{999_950_000, nil, "1.0 GB"},
		{5_000_000_000_000, nil, "5000.0 GB"},
		{512, fr, "512\u00a0o"},
		{12345, fr, "12,3\u00a0ko"},
		{1234567, fr, "1,2\u00a0Mo"},
		{3_500_000_000, fr, "3,5\u00a0Go"},
		{12345, de, "12,3 kB"},
		{12, de, "12 Byte"},
		{12345, ar, "١٢٫٣ ك.بايت"},
		{12345, map[string]string{"size_kb": "KB"}, "12.3 KB"}, // a site's unit without {n}
	} {
		if got := humanSize(tc.n, tc.words); got != tc.want {
			t.Errorf("humanSize(%d, %s) = %q, want %q", tc.n, tc.words["decimal_separator"], got, tc.want)
		}
	}
}

// TestLocaliseFileSize: the size of a {% file %} is the page's
// language's once Localise runs, English before.
func TestLocaliseFileSize(t *testing.T) {
	src := "# Page\n\n{% file src=\"deck.pdf\" %}\nSlides.\n{% endfile %}\n"
	conv := New()
	for _, tc := range []struct {
		words map[string]string
		want  string
	}{
		{nil, `<span class="file-size">12.3 kB</span>`},
		{themeWords(t, "fr"), "<span class=\"file-size\">12,3\u00a0ko</span>"},
		{themeWords(t, "fa"), `<span class="file-size">۱۲٫۳ کیلوبایت</span>`},
	} {
		doc := conv.Parse("page.md", []byte(src))
		doc.Resolve(func(Ref) Resolution { return Resolution{URL: "deck.pdf", Size: 12345} })
		if tc.words != nil {
			doc.Localise(func(d string) string { return d }, tc.words)
		}
		html, err := conv.Render(doc)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(html), tc.want) {
			t.Errorf("no %s in\n%s", tc.want, html)
		}
	}
}

// TestLocaliseFootnoteBacklinks: a footnote's links back to the text have
// an accessible name in the page's language (screen readers read the
// arrow, which names nothing), a note called twice numbering its links in
// the language's digits; the links lead where goldmark's did. Localised
// again, a page takes the new language's names.
func TestLocaliseFootnoteBacklinks(t *testing.T) {
	src := "# Page\n\nOne[^a], two[^b] and again[^a].\n\n[^a]: Called twice.\n[^b]: Called once.\n"
	conv := New()
	doc := conv.Parse("page.md", []byte(src))
	doc.Resolve(func(Ref) Resolution { return Resolution{Keep: true} })
	before, err := conv.Render(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"fr", []string{
			"<p>Called twice.&#160;<a href=\"#fnref:1\" class=\"footnote-backref\" role=\"doc-backlink\" aria-label=\"Retour à l’appel de note 1\">&#x21a9;&#xfe0e;</a>" +
				"&#160;<a href=\"#fnref1:1\" class=\"footnote-backref\" role=\"doc-backlink\" aria-label=\"Retour à l’appel de note 2\">&#x21a9;&#xfe0e;</a></p>",
			"<p>Called once.&#160;<a href=\"#fnref:2\" class=\"footnote-backref\" role=\"doc-backlink\" aria-label=\"Retour au texte\">&#x21a9;&#xfe0e;</a></p>",
			// The notes are a region named in the page's language (t62).
			`<div class="footnotes" role="doc-endnotes" aria-label="Notes">`,
		}},
		{"en", []string{`aria-label="Back to reference 1"`, `aria-label="Back to reference 2"`, `aria-label="Back to content"`,
			`<div class="footnotes" role="doc-endnotes" aria-label="Footnotes">`}},
		{"ar", []string{`aria-label="العودة إلى الإحالة ٢"`, `aria-label="العودة إلى النص"`}},
	} {
		doc.Localise(func(d string) string { return d }, themeWords(t, tc.lang))
		html, err := conv.Render(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(html), w) {
				t.Errorf("%s: no %s in\n%s", tc.lang, w, html)
			}
		}
		// The same links as goldmark's, named.
		if got := strings.NewReplacer(` aria-label="`, `"`).Replace(string(html)); strings.Count(got, `role="doc-backlink"`) != 3 {
			t.Errorf("%s: %d back-links, want 3", tc.lang, strings.Count(got, `role="doc-backlink"`))
		}
	}
	// Apart from the names, the HTML is goldmark's.
	if got := strings.Count(string(before), `class="footnote-backref" role="doc-backlink">&#x21a9;&#xfe0e;</a>`); got != 3 {
		t.Fatalf("goldmark's back-links changed: %s", before)
	}
	html, _ := conv.Render(doc)
	unnamed := stripAttr(string(html), "aria-label")
	if unnamed != stripAttr(string(before), "aria-label") {
		t.Errorf("without their names, the back-links differ from goldmark's:\n%s\nwant\n%s", unnamed, before)
	}
}

// stripAttr removes every attribute name="…" from s.
func stripAttr(s, name string) string {
	for {
		i := strings.Index(s, " "+name+`="`)
		if i < 0 {
			return s
		}
		j := strings.IndexByte(s[i+len(name)+3:], '"')
		s = s[:i] + s[i+len(name)+3+j+1:]
	}
}
