package search

import (
	"folio/internal/langname"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestDetectSamples reads testdata/detect/CODE.md, a paragraph of
// documentation in each language, and expects CODE. A file named
// undecided-* must give no language: Danish, whose stop words are mostly
// Norwegian's, is not to be guessed.
func TestDetectSamples(t *testing.T) {
	files, err := filepath.Glob("testdata/detect/*.md")
	if err != nil || len(files) < 10 {
		t.Fatalf("samples: %v, %d files", err, len(files))
	}
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.TrimSuffix(filepath.Base(f), ".md")
		if strings.HasPrefix(want, "undecided-") {
			want = ""
		}
		got := DetectPage(src)
		if got.Lang != want {
			t.Errorf("%s: got %q (%d words, score %.2f), want %q", f, got.Lang, got.Words, got.Score, want)
		}
		if want != "" && (got.Score <= 0 || got.Score > 1) {
			t.Errorf("%s: score %v out of (0, 1]", f, got.Score)
		}
		if want != "" && langname.Self(want) == "" {
			t.Errorf("%s: no name for %q", f, want)
		}
		if txt := DetectText(string(src)); txt.Lang != got.Lang {
			t.Errorf("%s: DetectText gives %q, DetectPage %q", f, txt.Lang, got.Lang)
		}
	}
}

// detectCorpusPages returns the Markdown files under dir, by path relative to
// it, in lexical order.
func detectCorpusPages(t testing.TB, dir string) ([]string, [][]byte) {
	t.Helper()
	var paths []string
	var pages [][]byte
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".md") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		paths = append(paths, filepath.ToSlash(rel))
		pages = append(pages, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) == 0 {
		t.Fatalf("no pages in %s", dir)
	}
	return paths, pages
}

// TestDetectCorpus detects the language of real books: the French and
// English playbooks, and each language folder of the Django Girls
// extensions as LANGS.md lists them (Korean, Japanese and Persian by
// their scripts). Every page whose language is decided must be in the
// folder's language, but for one: the Japanese folder holds the English
// original of a page not yet translated, which must read as English.
func TestDetectCorpus(t *testing.T) {
	corpus := testkit.CorpusDir(t)
	books := map[string]string{"govstack-playbook-fr": "fr", "govstack-playbook": "en"}
	langs, err := os.ReadFile(filepath.Join(corpus, "djangogirls-extensions", "LANGS.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`\]\(([a-z]+)/\)`).FindAllStringSubmatch(string(langs), -1) {
		books["djangogirls-extensions/"+m[1]] = m[1]
	}
	if len(books) != 7 {
		t.Fatalf("LANGS.md gives %d books, want 5 languages", len(books)-2)
	}
	untranslated := map[string]string{"djangogirls-extensions/ja/manual_pythonanywhere_deploy/README.md": "en"}
	for book, want := range books {
		paths, pages := detectCorpusPages(t, filepath.Join(corpus, filepath.FromSlash(book)))
		d := DetectLanguage(pages)
		if d.Lang != want || d.Of < 2 || d.Share < siteMinShare {
			t.Errorf("%s: %+v, want %s", book, d, want)
		}
		for i, p := range pages {
			got := DetectPage(p).Lang
			wantPage := want
			if w, ok := untranslated[book+"/"+paths[i]]; ok {
				wantPage = w
			}
			if got != "" && got != wantPage {
				t.Errorf("%s/%s: %q, want %q", book, paths[i], got, wantPage)
			}
		}
	}
}

func TestDetectTooLittle(t *testing.T) {
	for _, src := range []string{
		"",
		"Hello world",
		"# Installation\n\nRun the installer, then open the site in a browser.\n",
		"# Bienvenue\n\nCe site est la traduction française du guide.\n",
		"---\ntitle: The title of the page and a description that goes on and on for the search engines\n---\n\n# Install\n",
		"```\nfor the and of in to is it that with as on are be\nfor the and of in to is it that with as on are be\n```\n",
		"1.2.3 4.5.6 — 42 % + / * [] () {} <> 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30",
		"\xff\xfe\x00garbage\x80\x81 é à ü",
	} {
		if got := DetectPage([]byte(src)); got.Lang != "" || got.Score != 0 {
			t.Errorf("DetectPage(%q) = %+v, want no language", src, got)
		}
		if strings.HasPrefix(src, "```") {
			continue // plain text has no code blocks to leave out
		}
		if got := DetectText(src); got.Lang != "" {
			t.Errorf("DetectText(%q) = %+v, want no language", src, got)
		}
	}
	if d := DetectLanguage(nil); d.Lang != "" || d.Of != 0 {
		t.Errorf("DetectLanguage(nil) = %+v", d)
	}
}

// frenchProse is prose of about 50 words, enough alone to decide.
const frenchProse = "Ce guide explique comment publier la documentation de votre projet. Le programme lit les pages " +
	"écrites en Markdown, et il produit un site que vous pouvez ouvrir dans un navigateur. Si la " +
	"configuration manque, il utilise les valeurs par défaut, et la langue du contenu est détectée " +
	"à partir de son texte.\n"

// englishNoise is English noise that must not count: as much again of stop
// words as the French has words.
const englishNoise = "the and of to in is it that for with as on are be this from by at or an was have not the and of to in is it that for with as on are be this from by at or an was have not"

// TestDetectMarkdown checks that what is not prose does not count: each
// page puts English in a construct whose words are not the page's text,
// and would read as English if it counted.
func TestDetectMarkdown(t *testing.T) {
	for name, src := range map[string]string{
		"fenced":        "# Guide\n\n" + frenchProse + "\n```sh\n" + englishNoise + "\n```\n\n~~~~\n" + englishNoise + "\n```\n" + englishNoise + "\n~~~~\n",
		"indented code": frenchProse + "\n    " + englishNoise + "\n\n    " + englishNoise + "\n",
		"fence in list": "- Étape :\n\n    ```\n    " + englishNoise + "\n    ```\n\n" + frenchProse,
		"quoted fence":  "> {% filename %}command-line{% endfilename %}\n> ```\n> " + englishNoise + "\n> ```\n\n" + frenchProse,
		"inline code":   frenchProse + "`" + englishNoise + "` and ``" + englishNoise + " ` inside ``\n",
		"front matter":  "---\ndescription: " + englishNoise + "\n---\n" + frenchProse,
		"comment":       frenchProse + "<!-- start\n\n" + englishNoise + "\n\n" + englishNoise + " -->\n",
		"html tags":     `<figure><img src="x.png" alt="` + frenchProse[:40] + `" title="` + englishNoise + "\"\n data-x=\"" + englishNoise + "\"></figure>\n\n" + frenchProse,
		"pre":           "<pre>\n" + englishNoise + "\n\n" + englishNoise + "\n</pre>\n" + frenchProse,
		"template":      "{% hint style=\"info\" %}\n" + frenchProse + "{% endhint %}\n{{ " + englishNoise + " }} {# " + englishNoise + " #}\n",
		"links":         frenchProse + "[voir](https://example.org/" + strings.ReplaceAll(englishNoise, " ", "-") + ") https://example.org/the/and/of/to/in/is/it www.the-and-of.org &the;\n",
		"code element":  frenchProse + "<code>" + englishNoise + "</code> <kbd>" + englishNoise + "</kbd>\n",
	} {
		if got := DetectPage([]byte(src)); got.Lang != "fr" {
			t.Errorf("%s: %+v, want fr", name, got)
		}
	}
	// And the same French in English prose is not French.
	if got := DetectPage([]byte(englishNoise + " " + englishNoise + "\n\n" + frenchProse)); got.Lang == "fr" {
		t.Errorf("English with a French paragraph: %+v", got)
	}
}

// TestDetectSample checks that a long page is read only in part, and
// still decided.
func TestDetectSample(t *testing.T) {
	long := strings.Repeat(frenchProse, 200)
	got := DetectPage([]byte(long))
	if got.Lang != "fr" || got.Words != detectSample {
		t.Errorf("long page: %+v, want fr from %d words", got, detectSample)
	}
	// Japanese has no spaces: a paragraph is one run of letters.
	got = DetectPage([]byte(strings.Repeat("日本語の文書です", 2000)))
	if got.Lang != "ja" || got.Words != detectSample {
		t.Errorf("long Japanese paragraph: %+v, want ja from %d words", got, detectSample)
	}
}

func pageLang(lang string, words int) PageLanguage { return PageLanguage{Lang: lang, Words: words} }

// TestDetectShortByScript: a site whose pages are all too short to tell
// takes the language their script gives when most of them are written in
// one that a language of its own writes (tester: two short Arabic pages
// were published in English, left to right); Latin or mixed text gives
// none, and neither does one Greek page among English ones.
func TestDetectShortByScript(t *testing.T) {
	for _, tt := range []struct {
		name  string
		pages []string
		want  string
	}{
		{"arabic", []string{"# الرئيسية\n\nمرحبا بكم في الموقع.\n", "# صور\n\nصور من الرحلة.\n"}, "ar"},
		{"hebrew", []string{"# בית\n\nברוכים הבאים לאתר.\n"}, "he"},
		{"japanese", []string{"# ホーム\n\nようこそ。\n"}, "ja"},
		{"latin", []string{"# Home\n\nWelcome to the site.\n"}, ""},
		{"greek among english", []string{"# Home\n\nWelcome.\n", "# Setup\n\nInstall it.\n", "# Αλφα\n\nΚαλώς ήρθατε.\n"}, ""},
		{"a greek letter in english", []string{"# Math\n\nThe angle α is small.\n"}, ""},
	} {
		var src [][]byte
		for _, p := range tt.pages {
			src = append(src, []byte(p))
		}
		d := DetectLanguage(src)
		if d.Lang != tt.want || d.ByScript != (tt.want != "") {
			t.Errorf("%s: %+v, want %q by its script", tt.name, d, tt.want)
		}
	}
}

func TestSiteLanguage(t *testing.T) {
	for _, tt := range []struct {
		name  string
		pages []PageLanguage
		want  Detection
	}{
		{"none", nil, Detection{}},
		{"too short", []PageLanguage{pageLang("", 3), pageLang("", 10)}, Detection{}},
		{"one page", []PageLanguage{pageLang("fr", 100), pageLang("", 5)}, Detection{Lang: "fr", Pages: 1, Of: 1, Share: 1}},
		{"majority", []PageLanguage{pageLang("fr", 100), pageLang("en", 400), pageLang("fr", 50)}, Detection{Lang: "fr", Pages: 2, Of: 3, Share: 2.0 / 3}},
		// A site in two languages has none.
		{"mixed", []PageLanguage{pageLang("fr", 100), pageLang("en", 100), pageLang("fr", 100), pageLang("en", 120)}, Detection{Pages: 2, Of: 4, Share: 0.5}},
		{"scattered", []PageLanguage{pageLang("fr", 100), pageLang("en", 100), pageLang("de", 100), pageLang("fr", 120), pageLang("es", 10)}, Detection{Pages: 2, Of: 5, Share: 0.4}},
	} {
		for range 20 { // map order must not matter
			if got := SiteLanguage(tt.pages); got != tt.want {
				t.Fatalf("%s: %+v, want %+v", tt.name, got, tt.want)
			}
		}
	}
}

func TestCheckLanguage(t *testing.T) {
	fr, en, none := pageLang("fr", 200), pageLang("en", 200), pageLang("", 10)
	for _, tt := range []struct {
		name       string
		configured string
		pages      []PageLanguage
		want       *Mismatch
	}{
		{"agrees", "fr", []PageLanguage{fr, fr, fr, en}, nil},
		{"region", "fr-CA", []PageLanguage{fr, fr, fr}, nil},
		{"too few pages", "en", []PageLanguage{fr, fr, none, none}, nil},
		{"under half", "en", []PageLanguage{en, en, fr, en, fr}, nil},
		{"default en on French", "en", []PageLanguage{fr, none, fr, fr, en}, &Mismatch{"en", "fr", []int{0, 2, 3}, 4}},
		{"half", "en", []PageLanguage{fr, en, fr, en}, &Mismatch{"en", "fr", []int{0, 2}, 4}},
		{"two others", "de", []PageLanguage{fr, en, fr, en}, &Mismatch{"de", "en", []int{0, 1, 2, 3}, 4}},
		{"alias", "no", []PageLanguage{pageLang("nb", 100), pageLang("nb", 100), pageLang("nb", 100)}, nil},
		{"script", "zh", []PageLanguage{pageLang("zh-Hant", 100), pageLang("zh-Hant", 100), pageLang("zh", 100)}, nil},
	} {
		for range 20 {
			got, ok := CheckLanguage(tt.configured, tt.pages)
			if ok != (tt.want != nil) || ok && (got.Configured != tt.want.Configured || got.Detected != tt.want.Detected ||
				!slices.Equal(got.Pages, tt.want.Pages) || got.Of != tt.want.Of) {
				t.Fatalf("%s: %+v, %v; want %+v", tt.name, got, ok, tt.want)
			}
		}
	}
}

// TestCheckLanguageCorpus runs the check on the French playbook as if
// it were configured in English, as folio built it before detection, and
// on each language of the Django Girls extensions: the Japanese one's
// English page is no mismatch, English is one for all but English.
func TestCheckLanguageCorpus(t *testing.T) {
	corpus := testkit.CorpusDir(t)
	langsOf := func(book string) ([]string, []PageLanguage) {
		paths, pages := detectCorpusPages(t, filepath.Join(corpus, filepath.FromSlash(book)))
		out := make([]PageLanguage, len(pages))
		for i, p := range pages {
			out[i] = DetectPage(p)
		}
		return paths, out
	}
	paths, pages := langsOf("govstack-playbook-fr")
	m, ok := CheckLanguage("en", pages)
	if !ok || m.Detected != "fr" || len(m.Pages) != 3 || m.Of != 3 {
		t.Fatalf("French playbook configured as English: %+v, %v", m, ok)
	}
	var got []string
	for _, i := range m.Pages {
		got = append(got, paths[i])
	}
	want := []string{"README.md", "govstack-implementation-playbook/2-description/engagement.md", "govstack-implementation-playbook/design-and-delivery/prototype.md"}
	if !slices.Equal(got, want) {
		t.Errorf("pages %v, want %v", got, want)
	}
	if m, ok := CheckLanguage("fr", pages); ok {
		t.Errorf("French playbook configured as French: %+v", m)
	}
	for _, lang := range []string{"en", "es", "fa", "ja", "ko"} {
		_, pages := langsOf("djangogirls-extensions/" + lang)
		if m, ok := CheckLanguage(lang, pages); ok {
			t.Errorf("Django Girls extensions in %s: %+v", lang, m)
		}
		if m, ok := CheckLanguage("en", pages); ok != (lang != "en") || ok && m.Detected != lang {
			t.Errorf("Django Girls extensions in %s, configured as English: %+v, %v", lang, m, ok)
		}
	}
}

func TestSameLanguage(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{
		{"fr", "fr", true}, {"fr", "FR-ca", true}, {"pt_BR", "pt", true}, {"zh-Hant", "zh", true},
		{"no", "nb", true}, {"nn", "nb", true}, {"iw", "he", true},
		{"fr", "en", false}, {"sk", "cs", false}, {"", "en", false},
	} {
		if got := SameLanguage(tt.a, tt.b); got != tt.want {
			t.Errorf("SameLanguage(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

// TestDetectStopWordLists checks the data: every stop-word language is
// of one script and has a name, and detectStopWords adds languages
// instead of replacing the analyser's.
func TestDetectStopWordLists(t *testing.T) {
	d, fold := theDetector(), NewAnalysis("").Fold
	if len(d.langs) > 64 {
		t.Fatalf("%d languages: the bit sets hold 64", len(d.langs))
	}
	for i, code := range d.langs {
		if _, dup := stopWords[code]; dup && detectStopWords[code] != "" {
			t.Errorf("%s is in both stopWords and detectStopWords", code)
		}
		if langname.Self(code) == "" {
			t.Errorf("%s has no name", code)
		}
		words := stopWords[code] + " " + detectStopWords[code]
		for _, w := range strings.Fields(words) {
			r := []rune(fold(w))[0]
			if scriptOf(r) != d.scripts[i] {
				t.Errorf("%s: %q is not in the script of the other words", code, w)
			}
		}
	}
	for _, code := range scriptLangs {
		if code != "" && langname.Self(code) == "" {
			t.Errorf("%s has no name", code)
		}
	}
	forms := []rune(hanForms)
	seen := map[rune]bool{}
	for i := 0; i+1 < len(forms); i += 2 {
		if forms[i] == forms[i+1] || seen[forms[i]] || seen[forms[i+1]] || scriptOf(forms[i]) != scHan || scriptOf(forms[i+1]) != scHan {
			t.Errorf("hanForms: bad pair %c%c", forms[i], forms[i+1])
		}
		seen[forms[i]], seen[forms[i+1]] = true, true
	}
	if len(forms)%2 != 0 {
		t.Errorf("hanForms: %d characters, not pairs", len(forms))
	}
	if !slices.IsSortedFunc(scriptRanges, func(a, b scriptRange) int { return int(a.lo - b.lo) }) {
		t.Error("scriptRanges are not sorted")
	}
	for i := 1; i < len(scriptRanges); i++ {
		if scriptRanges[i].lo <= scriptRanges[i-1].hi {
			t.Errorf("scriptRanges overlap at %U", scriptRanges[i].lo)
		}
	}
}

func FuzzDetectPage(f *testing.F) {
	for _, s := range []string{frenchProse, englishNoise, "```\nx\n", "<pre>", "<!--", "{% x", "](", "&#x20;", "> > ```\n", "---\n", "日本語のテキスト", "\t\t- x\n    ```"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		p := DetectPage(src)
		if p.Lang != "" && langname.Self(p.Lang) == "" {
			t.Errorf("unknown code %q", p.Lang)
		}
		if p.Score < 0 || p.Score > 1 || p.Words < 0 || p.Words > detectSample {
			t.Errorf("out of range: %+v", p)
		}
		if again := DetectPage(src); again != p {
			t.Errorf("not deterministic: %+v then %+v", p, again)
		}
	})
}

// BenchmarkDetectLanguage detects the language of the English playbook
// (41 pages, 450 kB of Markdown) and the Django Girls extensions (47
// pages in five languages).
func BenchmarkDetectLanguage(b *testing.B) {
	corpus := testkit.CorpusDir(b)
	for _, book := range []string{"govstack-playbook", "djangogirls-extensions"} {
		_, pages := detectCorpusPages(b, filepath.Join(corpus, book))
		size := 0
		for _, p := range pages {
			size += len(p)
		}
		b.Run(book, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				DetectLanguage(pages)
			}
		})
	}
}
