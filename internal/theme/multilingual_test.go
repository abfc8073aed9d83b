package theme

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// multiSite is an English, French, Arabic and Spanish site seen from
// language lang.
func multiSite(th *Theme, lang, dir, home string) *Site {
	s := testSite(th)
	s.Lang, s.Dir, s.Home = lang, dir, home
	s.Languages = []LangLink{
		{Code: "en", Name: "English", URL: "en/"},
		{Code: "fr", Name: "Français", URL: "fr/"},
		{Code: "ar", Name: "العربية", URL: "ar/"},
		{Code: "es", Name: "Español", URL: "es/"},
	}
	s.Strings = th.Strings(lang)
	return s
}

func TestSwitcher(t *testing.T) {
	th := loadDefault(t)
	p := &Page{
		Site:   multiSite(th, "fr", "ltr", "fr/"),
		URL:    "fr/guide/",
		Root:   "../../",
		Layout: DefaultLayout(),
		LangLinks: []LangLink{
			{Code: "en", Name: "English", URL: "en/guide/"},
			{Code: "ar", Name: "العربية", URL: "ar/guide/", Untranslated: true}, // a fallback page
		},
	}
	want := []LangLink{
		{Code: "en", Name: "English", URL: "en/guide/"},
		{Code: "fr", Name: "Français", URL: "fr/guide/"},
		{Code: "ar", Name: "العربية", URL: "ar/guide/", Untranslated: true},
		{Code: "es", Name: "Español", URL: "es/", Untranslated: true},
	}
	if diff := cmp.Diff(want, p.Switcher()); diff != "" {
		t.Errorf("Switcher (-want +got):\n%s", diff)
	}

	// The 404 page sends every language home, without marks.
	nf := *p
	nf.notFound = true
	for _, l := range nf.Switcher() {
		if l.Untranslated || !strings.HasSuffix(l.URL, l.Code+"/") || strings.Contains(l.URL, "guide") {
			t.Errorf("404 switcher entry %+v", l)
		}
	}

	// Each untranslated target is marked in its own language.
	out := render(t, th, p)
	for _, s := range []string{
		`<a href=../../es/ hreflang=es lang=es class=untranslated>Español<span class=lang-note>Aún no traducida</span></a>`,
		`<a href=../../ar/guide/ hreflang=ar lang=ar class=untranslated>العربية<span class=lang-note>لم تُترجم بعد</span></a>`,
		`<a href=../../en/guide/ hreflang=en lang=en>English</a>`,
		`<a href=../../fr/guide/ hreflang=fr lang=fr aria-current=true>Français</a>`,
		`aria-label="Traductions"`,
	} {
		if !strings.Contains(out, s) {
			t.Errorf("page lacks %s", s)
		}
	}
}

func TestAlternatesAndDirection(t *testing.T) {
	th := loadDefault(t)
	p := &Page{
		Site:   multiSite(th, "ar", "rtl", "ar/"),
		URL:    "ar/guide/",
		Root:   "../../",
		Title:  "دليل",
		Layout: DefaultLayout(),
		Alternates: []Alternate{
			{Lang: "en", URL: "https://docs.example.com/en/guide/"},
			{Lang: "ar", URL: "https://docs.example.com/ar/guide/"},
			{Lang: "x-default", URL: "https://docs.example.com/en/guide/"},
		},
	}
	out := render(t, th, p)
	for _, s := range []string{
		`<html lang=ar dir=rtl>`,
		`<link rel=alternate hreflang=en href=https://docs.example.com/en/guide/>`,
		`<link rel=alternate hreflang=ar href=https://docs.example.com/ar/guide/>`,
		`<link rel=alternate hreflang=x-default href=https://docs.example.com/en/guide/>`,
		`<p class="outline-title"`, // no outline: not rendered
	} {
		if got := strings.Contains(out, s); got != (s != `<p class="outline-title"`) {
			t.Errorf("contains %s = %v", s, got)
		}
	}
}

func TestFallbackNotice(t *testing.T) {
	th := loadDefault(t)
	p := &Page{
		Site:     multiSite(th, "fr", "ltr", "fr/"),
		URL:      "fr/guide/",
		Root:     "../../",
		Title:    "Guide",
		Layout:   DefaultLayout(),
		Fallback: &LangLink{Code: "en", Name: "English <en>", URL: "en/guide/"},
		Outline:  []Heading{{Level: 2, ID: "setup", Text: "Setup"}, {Level: 2, ID: "usage", Text: "Usage"}},
	}
	want := `Cette page n’est pas encore traduite : vous lisez la version originale (<a href="../../en/guide/" hreflang="en" lang="en">English &lt;en&gt;</a>).`
	if got := string(p.FallbackNotice()); got != want {
		t.Errorf("FallbackNotice = %s\nwant %s", got, want)
	}
	out := render(t, th, p)
	// The outline beside the text lists the original's headings: in its
	// language too, under a title in the page's; the folded outline in the
	// article has its title in the page's language.
	for _, s := range []string{`<div class="notice fallback-notice" role="note">` + want, `<article class="page" lang="en" dir="ltr">`,
		`<p class="outline-title" id="folio-outline-title">Sur cette page</p>` + "\n" + `<ul class="outline-list" lang="en" dir="ltr">`,
		`<summary lang="fr" dir="ltr">Sur cette page</summary>`} {
		if !strings.Contains(out, s) {
			t.Errorf("page lacks %s", s)
		}
	}
	// An Arabic original inside another tree keeps its direction.
	p.Fallback = &LangLink{Code: "ar", Name: "العربية", URL: "ar/guide/"}
	if out := render(t, th, p); !strings.Contains(out, `<article class="page" lang="ar" dir="rtl">`) {
		t.Error("fallback article without lang=ar dir=rtl")
	}
	// Translated pages have no notice.
	p.Fallback = nil
	if p.FallbackNotice() != "" || strings.Contains(render(t, th, p), "fallback-notice") {
		t.Error("notice on a translated page")
	}
	// A notice string without the placeholder still names the original.
	p.Fallback = &LangLink{Code: "en", Name: "English", URL: "en/guide/"}
	p.Site.Strings = map[string]string{"not_translated_notice": "Untranslated."}
	if got := string(p.FallbackNotice()); !strings.HasPrefix(got, "Untranslated. <a ") {
		t.Errorf("notice without {language}: %s", got)
	}
}

func TestDates(t *testing.T) {
	th := loadDefault(t)
	d := time.Date(2024, time.March, 1, 15, 4, 0, 0, time.UTC)
	for _, tt := range []struct {
		lang string
		v    any
		want string
	}{
		{"en", d, "March 1, 2024"},
		{"fr", d, "1er mars 2024"},
		{"fr", "2024-08-15", "15 août 2024"},
		{"fr-CA", "2024-12-02T10:00:00Z", "2 décembre 2024"},
		{"es", "2024-01-09", "9 de enero de 2024"},
		{"pt", "2024-05-31", "31 de maio de 2024"},
		{"pt-BR", d, "1 de março de 2024"},
		{"ar", "2024-10-27", "٢٧ أكتوبر ٢٠٢٤"},
		{"de", "2024-10-27", "27. Oktober 2024"},
		{"ja", "2024-10-27", "2024年10月27日"},
		{"zh-TW", d, "2024年3月1日"},
		{"ko", d, "2024년 3월 1일"},
		{"ru", d, "1 марта 2024 г."},
		{"fa", "2024-10-27", "۲۷ اکتبر ۲۰۲۴"},
		{"it", d, "1º marzo 2024"},
		{"hu", d, "2024. március 1."},
		{"sw", "2024-10-27", "October 27, 2024"}, // no Swahili strings: English
		{"en", "2024-13-01", "2024-13-01"},       // not a date: unchanged
		{"en", "soon", "soon"},
		{"en", nil, ""},
		{"en", 2024, "2024"},
		{"en", &d, "March 1, 2024"},
	} {
		p := &Page{Site: &Site{Strings: th.Strings(tt.lang)}}
		if got := p.Date(tt.v); got != tt.want {
			t.Errorf("%s: Date(%v) = %q, want %q", tt.lang, tt.v, got, tt.want)
		}
	}
	// Without strings: English; with a broken months list: ISO.
	if got := (&Page{}).Date("2024-03-01"); got != "March 1, 2024" {
		t.Errorf("no site: %q", got)
	}
	broken := map[string]string{"months": "a, b", "date_format": "{day} {month}", "digits": "٠١٢٣٤٥٦٧٨٩"}
	if got := formatDate(broken, d); got != "٢٠٢٤-٠٣-٠١" {
		t.Errorf("broken months: %q", got)
	}
}

func TestTFor(t *testing.T) {
	th := loadDefault(t)
	p := &Page{Site: multiSite(th, "en", "ltr", "en/")}
	if got := p.TFor("fr", "not_translated"); got != "not_translated" && got != "Not translated yet" {
		t.Errorf("TFor without a theme = %q, want the page's own string", got)
	}
	p.theme = th
	for lang, want := range map[string]string{"fr": "Pas encore traduite", "pt-BR": "Ainda não traduzida", "xx": "Not translated yet"} {
		if got := p.TFor(lang, "not_translated"); got != want {
			t.Errorf("TFor(%q) = %q, want %q", lang, got, want)
		}
	}
}

func TestLanguagesPageDirection(t *testing.T) {
	th := loadDefault(t)
	var b strings.Builder
	err := th.RenderLanguages(&b, &LanguageIndex{Title: "Docs", Default: "ar", Root: "./",
		Languages: []LangLink{{Code: "ar", Name: "العربية", URL: "ar/"}, {Code: "en", Name: "English", URL: "en/"}}})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`<html lang="ar" dir="rtl">`, `hreflang="x-default" href="./"`, `<a href="./en/" hreflang="en" lang="en">English</a>`, `اختر لغة`} {
		if !strings.Contains(b.String(), s) {
			t.Errorf("languages page lacks %s:\n%s", s, b.String())
		}
	}
}

// TestLanguageItemsEscaping: what the site's configuration names (a
// language's name, its code, a URL) is escaped in the switcher and the
// alternate links, and a URL of another scheme is dropped.
func TestLanguageItemsEscaping(t *testing.T) {
	th := loadDefault(t)
	site := multiSite(th, "en", "ltr", "en/")
	site.Languages = []LangLink{
		{Code: "en", Name: "English", URL: "en/"},
		{Code: `x"y`, Name: `<b>A & B</b>`, URL: "javascript:alert(1)"},
		{Code: "fr", Name: "Fr", URL: `fr/a b/"q"/`},
	}
	p := &Page{Site: site, URL: "en/", Root: "../", Layout: DefaultLayout(),
		LangLinks:  []LangLink{{Code: `x"y`, URL: "javascript:alert(1)"}, {Code: "fr", URL: `fr/a b/"q"/`}},
		Alternates: []Alternate{{Lang: `x"y`, URL: "javascript:alert(1)"}, {Lang: "fr", URL: `fr/a b/'q'/`}},
	}
	p.theme = th
	got := string(p.LanguageItems()) + string(p.AlternateLinks())
	for _, want := range []string{
		`<li><a href=../en/ hreflang=en lang=en aria-current=true>English</a></li>`,
		`<li><a href=# hreflang=x&#34;y lang=x&#34;y>&lt;b>A & B&lt;/b></a></li>`,
		`<li><a href=../fr/a%20b/%22q%22/ hreflang=fr lang=fr>Fr</a></li>`,
		"\n<link rel=alternate hreflang=x&#34;y href=#>",
		"\n<link rel=alternate hreflang=fr href=../fr/a%20b/&#39;q&#39;/>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s in\n%s", want, got)
		}
	}
}

// TestLanguageNamesInEnglish: a language whose name is written in
// English (NameLang, which the build sets from langname.Written) is
// marked so, in the switcher and in the summary of the page's own
// language (t79: "Korean" read in Korean).
func TestLanguageNamesInEnglish(t *testing.T) {
	th := loadDefault(t)
	site := multiSite(th, "ko", "ltr", "ko/")
	site.Languages = []LangLink{
		{Code: "en", Name: "English", URL: "en/"},
		{Code: "ko", Name: "Korean", URL: "ko/", NameLang: "en"},
		{Code: "fr", Name: "Français", URL: "fr/"},
	}
	site.Languages = append(site.Languages, LangLink{Code: "es", Name: "Spanish", URL: "es/", NameLang: "en"})
	p := &Page{Site: site, URL: "ko/", Root: "../", Layout: DefaultLayout(),
		LangLinks: []LangLink{{Code: "en", URL: "en/"}, {Code: "fr", URL: "fr/"}}}
	p.theme = th
	got := string(p.LanguageItems()) + string(p.LanguageSummary())
	for _, want := range []string{
		`<li><a href=../en/ hreflang=en lang=en>English</a></li>`,
		`<li><a href=../ko/ hreflang=ko lang=en aria-current=true>Korean</a></li>`,
		`<li><a href=../fr/ hreflang=fr lang=fr>Français</a></li>`,
		// The note that the page is not translated is in Spanish.
		`<li><a href=../es/ hreflang=es lang=en class=untranslated>Spanish<span class=lang-note lang=es>`,
		`<span class=lang-name lang=en>Korean</span>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %s in\n%s", want, got)
		}
	}
}
