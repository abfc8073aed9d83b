package theme

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"folio/themes"
)

// TestLanguageSummaryPunctuation: the language menu's button reads
// language_current, its words and punctuation as the page's language
// writes them: French puts a no-break space before the colon (the template
// wrote "Langue: "), Chinese a full-width colon; the name and code of the
// language are shown, the rest hidden from sight. A site's string without
// {language} is followed by the name.
func TestLanguageSummaryPunctuation(t *testing.T) {
	th := loadDefault(t)
	for _, tc := range []struct{ lang, name, want string }{
		{"en", "English", `<summary><span class=visually-hidden>Language: </span><span class=lang-name>English</span><span class=lang-code>en</span></summary>`},
		{"fr", "Français", "<summary><span class=visually-hidden>Langue\u00a0: </span><span class=lang-name>Français</span><span class=lang-code>fr</span></summary>"},
		{"zh", "中文", "<summary><span class=visually-hidden>语言：</span><span class=lang-name>中文</span><span class=lang-code>zh</span></summary>"},
	} {
		s := multiSite(th, tc.lang, "ltr", tc.lang+"/")
		s.Languages = append(s.Languages, LangLink{Code: "zh", Name: "中文", URL: "zh/"})
		p := &Page{Site: s, URL: tc.lang + "/guide/", Root: "../../", Layout: DefaultLayout()}
		if out := render(t, th, p); !strings.Contains(out, tc.want) {
			i := strings.Index(out, "<summary>")
			t.Errorf("%s: the language menu's button is not %s\n%s", tc.lang, tc.want, out[i:min(len(out), i+300)])
		}
	}
	p := &Page{Site: &Site{Lang: "en", Languages: []LangLink{{Code: "en", Name: "English"}}, Strings: map[string]string{"language_current": "Language:"}}}
	if got, want := string(p.LanguageSummary()), `<span class=visually-hidden>Language: </span><span class=lang-name>English</span><span class=lang-code>en</span>`; got != want {
		t.Errorf("without {language}: %s, want %s", got, want)
	}
}

// TestCommentLinkPunctuation: a heading's comment link is named with the
// language's punctuation between its words and the heading's text (it
// was "Commenter cette section: Titre" in French); a site's string
// without {section} is followed by ": " and the text.
func TestCommentLinkPunctuation(t *testing.T) {
	th := loadDefault(t)
	for _, tc := range []struct {
		strings       map[string]string
		heading, want string
	}{
		{th.Strings("en"), "Install \n now", `title="Comment on this section" aria-label="Comment on this section: Install now"`},
		{th.Strings("fr"), "Install \n now", "title=\"Commenter cette section\" aria-label=\"Commenter cette section\u00a0: Install now\""},
		{th.Strings("zh"), "Install \n now", `title="评论此部分" aria-label="评论此部分：Install now"`},
		{map[string]string{"comment_section": "Discuss", "comment_section_named": "Discuss"}, "Install \n now", `title="Discuss" aria-label="Discuss: Install now"`},
		{map[string]string{"comment_section": "Discuss", "comment_section_named": "Discuss"}, " ", `aria-label="Discuss">`},
		// A site renames the link but not its named form (the theme's).
		{map[string]string{"comment_section": "Discuss", "comment_section_named": "Comment on this section: {section}"}, "Install", `title="Discuss" aria-label="Discuss: Install"`},
	} {
		got := string((&Site{Strings: tc.strings}).CommentLink("https://example.com/issues/new", tc.heading))
		if !strings.Contains(got, tc.want) {
			t.Errorf("CommentLink = %s, want %s", got, tc.want)
		}
	}
}

// TestTemplatesWriteNoPunctuation: no template of the default theme writes
// punctuation right after a UI string (the language menu wrote
// {{.T "language"}}: ), which the string's language may write otherwise
// (French "Langue :", Chinese "语言："); the string carries it.
func TestTemplatesWriteNoPunctuation(t *testing.T) {
	after := regexp.MustCompile(`\{\{-?\s*\$?\.T(?:For)?\s[^}]*\}\}\s*[:：;,.!?]`)
	err := fs.WalkDir(themes.Default, "default/templates", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(themes.Default, name)
		if err != nil {
			return err
		}
		for _, m := range after.FindAllString(string(b), -1) {
			t.Errorf("%s: %s: the string should carry its punctuation", name, m)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestI18nPatterns: every language's strings of the patterns the theme
// and the Markdown fill in keep their placeholder, and write a decimal
// separator: a translation that dropped {section} would name every
// heading's link alike.
func TestI18nPatterns(t *testing.T) {
	th := loadDefault(t)
	keys := map[string]string{
		"language_current": "{language}", "anchor": "{section}", "comment_section_named": "{section}", "footnote_backref_n": "{n}",
		"size_bytes": "{n}", "size_kb": "{n}", "size_mb": "{n}", "size_gb": "{n}",
	}
	for _, lang := range th.i18n.langs() {
		m := th.i18n.lang(lang)
		for k, ph := range keys {
			if strings.Count(m[k], ph) != 1 {
				t.Errorf("%s: %s = %q: want %s once", lang, k, m[k], ph)
			}
		}
		for _, k := range []string{"footnote_backref", "decimal_separator"} {
			if strings.TrimSpace(m[k]) == "" || strings.Contains(m[k], "{") {
				t.Errorf("%s: %s = %q", lang, k, m[k])
			}
		}
	}
	if fr := th.i18n.lang("fr"); fr["size_kb"] != "{n}\u00a0ko" || fr["decimal_separator"] != "," {
		t.Errorf("fr: size_kb %q, decimal_separator %q", fr["size_kb"], fr["decimal_separator"])
	}
}
