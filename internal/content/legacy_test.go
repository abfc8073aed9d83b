package content

import (
	"context"
	"fmt"
	"folio/internal/testkit"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/internal/config"
	"folio/internal/diag"
)

func TestIgnore(t *testing.T) {
	ig := ParseIgnore([]byte("# comment\n.github\npackage.json\n/root-only.md\nbuild/\n*.log\n!keep.log\ndocs/**/draft.md\n"))
	for _, c := range []struct {
		path string
		want bool
	}{
		{".github/workflows/ci.yml", true},
		{"package.json", true},
		{"sub/package.json", true},
		{"root-only.md", true},
		{"sub/root-only.md", false},
		{"build/out.html", true},
		{"build", false}, // a file called build is not the directory
		{"a/b.log", true},
		{"keep.log", false},
		{"docs/x/y/draft.md", true},
		{"docs/draft.md", true},
		{"README.md", false},
	} {
		if got := ig.Match(c.path); got != c.want {
			t.Errorf("Match(%q) = %v, want %v", c.path, got, c.want)
		}
	}
	// "./" anchors at the root (git would match nothing).
	dot := ParseIgnore([]byte("./drafts/*.md\n.//tmp/\n"))
	for p, want := range map[string]bool{"drafts/a.md": true, "x/drafts/a.md": false, "tmp/y.md": true, "drafts.md": false} {
		if got := dot.Match(p); got != want {
			t.Errorf("./ patterns: Match(%q) = %v, want %v", p, got, want)
		}
	}
	// As git: nothing below an excluded folder is re-included, while
	// folder/** excludes what the folder holds and lets a pattern
	// re-include some of it; **/ stands for whole folders.
	re := ParseIgnore([]byte("drafts/\n!drafts/keep.md\nold\n!old/keep.md\nwip/**\n!wip/keep.md\n**/tmp\n"))
	for p, want := range map[string]bool{
		"drafts/keep.md": true, "drafts/a.md": true, "old/keep.md": true,
		"wip/keep.md": false, "wip/a.md": true, "wip/sub/a.md": true,
		"tmp": true, "a/tmp/x.md": true, "xtmp": false, "a/xtmp": false,
	} {
		if got := re.Match(p); got != want {
			t.Errorf("re-include: Match(%q) = %v, want %v", p, got, want)
		}
	}
	var none *Ignore
	if none.Match("x") || none.MatchedBy("x") != "" {
		t.Error("nil Ignore matched")
	}
	if by := ig.MatchedBy("a/b.log"); by != ".bookignore" {
		t.Errorf("MatchedBy = %q, want .bookignore", by)
	}
}

// TestIgnoreFiles: a space applies .ignore, .gitignore and .bookignore,
// in that order (a later file's pattern wins), its own and those of each
// folder above it up to the site's, each file's patterns relative to its
// folder; IgnoredBy names the file that excludes a path.
func TestIgnoreFiles(t *testing.T) {
	site := t.TempDir()
	testkit.WriteFiles(t, site, map[string]string{
		".gitbook.yaml":         "root: ./docs/\n",
		".gitignore":            "drafts/\n*.tmp.md\nnode_modules\n_book\n*.log\n/public/\n",
		".ignore":               "secret.md\n",
		".bookignore":           "!keep.tmp.md\n",
		"docs/.gitignore":       "local.md\n",
		"docs/README.md":        "# Home\n",
		"docs/SUMMARY.md":       "* [Home](README.md)\n",
		"docs/drafts/a.md":      "a",
		"docs/secret.md":        "s",
		"docs/x.tmp.md":         "x",
		"docs/keep.tmp.md":      "k",
		"docs/local.md":         "l",
		"docs/sub/local.md":     "l",
		"docs/public/page.md":   "p", // /public/ is the site's top folder, not this one
		"docs/guide/install.md": "i",
		// Below the space: git reads every folder's .gitignore, the
		// deeper one's patterns winning, and none in an excluded folder.
		"docs/guide/.gitignore":  "*.out.md\n!keep.tmp.md\n",
		"docs/guide/run.out.md":  "r",
		"docs/guide/keep.tmp.md": "k",
		"docs/run.out.md":        "r",
		"docs/drafts/.gitignore": "!a.md\n",
	})
	sp, ds, err := Load(context.Background(), site, config.Language{Code: "en", Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	if len(ds) > 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	for p, want := range map[string]string{
		"drafts/a.md": ".gitignore", "secret.md": ".ignore", "x.tmp.md": ".gitignore", "keep.tmp.md": "",
		"local.md": "docs/.gitignore", "sub/local.md": "docs/.gitignore", "README.md": "", "public/page.md": "",
		"guide/install.md": "", "guide/run.out.md": "docs/guide/.gitignore", "guide/keep.tmp.md": "", "run.out.md": "",
	} {
		if got := sp.IgnoredBy(p); got != want {
			t.Errorf("IgnoredBy(%s) = %q, want %q", p, got, want)
		}
		if sp.Ignored(p) != (want != "") {
			t.Errorf("Ignored(%s) = %v", p, !(want != ""))
		}
	}

	// A LANGS.md book: the top files apply to every language, their
	// patterns relative to the top; a language's own to it alone.
	book := t.TempDir()
	testkit.WriteFiles(t, book, map[string]string{
		"LANGS.md":     "* [English](en/)\n* [Français](fr/)\n",
		".gitignore":   "en/old.md\n*.bak.md\n",
		"en/.ignore":   "notes.md\n",
		"en/README.md": "# Home\n",
		"en/old.md":    "o",
		"en/x.bak.md":  "b",
		"en/notes.md":  "n",
		"fr/README.md": "# Accueil\n",
		"fr/old.md":    "o",
		"fr/x.bak.md":  "b",
		"fr/notes.md":  "n",
	})
	for lang, want := range map[string]map[string]string{
		"en": {"old.md": ".gitignore", "x.bak.md": ".gitignore", "notes.md": "en/.ignore", "README.md": ""},
		"fr": {"old.md": "", "x.bak.md": ".gitignore", "notes.md": "", "README.md": ""},
	} {
		sp, _, err := Load(context.Background(), book, config.Language{Code: lang, Dir: lang})
		if err != nil {
			t.Fatal(err)
		}
		for p, w := range want {
			if got := sp.IgnoredBy(p); got != w {
				t.Errorf("%s: IgnoredBy(%s) = %q, want %q", lang, p, got, w)
			}
		}
		sp.Close()
	}
	// A pattern above the space that excludes the space's folder itself
	// is not applied to it: there would be nothing left to build.
	gen := t.TempDir()
	testkit.WriteFiles(t, gen, map[string]string{
		".gitignore":             "/generated/\n*.tmp.md\n",
		"generated/en/README.md": "# Home\n",
		"generated/en/a.tmp.md":  "a",
	})
	sp, _, err = Load(context.Background(), gen, config.Language{Code: "en", Dir: "generated/en"})
	if err != nil {
		t.Fatal(err)
	}
	if sp.Ignored("README.md") || sp.IgnoredBy("a.tmp.md") != ".gitignore" {
		t.Errorf("generated/: README.md ignored %v, a.tmp.md by %q", sp.Ignored("README.md"), sp.IgnoredBy("a.tmp.md"))
	}
	sp.Close()

	top, ds := ReadIgnore(book)
	if len(ds) > 0 || top.MatchedBy("images/x.bak.md") != ".gitignore" || top.Match("images/a.png") {
		t.Errorf("ReadIgnore: %v, %v", top, ds)
	}
}

func TestParseBook(t *testing.T) {
	b, ds := ParseBook("book.json", []byte(`{"title":"Tutorial","language":"fa","direction":"RTL","variables":{"django_version":"5.0","n":{"x":1}},"plugins":["-sharing"],"structure":{"glossary":"GLOSSARY.md"}}`))
	if len(ds) != 0 || b == nil {
		t.Fatalf("ParseBook: %v %v", b, ds)
	}
	if b.Title != "Tutorial" || b.Direction != "rtl" || b.Variables["django_version"] != "5.0" || b.Variables["title"] != nil || b.Variables["language"] != "fa" || b.Structure.Glossary != "GLOSSARY.md" {
		t.Errorf("ParseBook = %+v", b)
	}
	b, ds = ParseBook("book.json", []byte("{\n  \"title\": \"x\",\n  oops\n}"))
	if b != nil || len(ds) != 1 || ds[0].Line != 3 || ds[0].Rule != "book-json" {
		t.Errorf("bad JSON: %v %v", b, ds)
	}
	_, ds = ParseBook("book.json", []byte("{\n  \"direction\": \"up\"\n}"))
	if len(ds) != 1 || ds[0].Line != 2 || ds[0].Col != 3 {
		t.Errorf("bad direction not reported at its line: %v", ds)
	}
	// A value of the wrong type is told in JSON's words, not Go's.
	for src, want := range map[string]string{
		`{"variables": [1]}`: "variables must be an object, not a list; ignored",
		`{"title": 5}`:       "title must be a string, not a number; ignored",
		`[1]`:                "book.json cannot be read: it must be an object, not a list",
		` "x"`:               "book.json cannot be read: it must be an object, not a string",
	} {
		_, ds = ParseBook("book.json", []byte(src))
		if len(ds) != 1 || ds[0].Msg != want || ds[0].Severity != diag.Error {
			t.Errorf("ParseBook(%s): %v, want %q", src, ds, want)
		}
	}
}

// TestParseBookWrongTypes: each key folio reads whose value has the wrong
// type is an error at the key, and that key alone is dropped (from config
// too); the rest of book.json applies.
func TestParseBookWrongTypes(t *testing.T) {
	src := "{\n  \"title\": 42,\n  \"description\": \"A book\",\n  \"variables\": {\"product\": \"Widget\"},\n" +
		"  \"structure\": {\"readme\": [\"x\"], \"summary\": \"TOC.md\"},\n  \"language\": {\"code\": \"fr\"},\n  \"title\": true\n}"
	b, ds := ParseBook("book.json", []byte(src))
	if b == nil {
		t.Fatalf("ParseBook: nil book, %v", ds)
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.String()+" ["+d.Rule+"]")
	}
	want := []string{
		"book.json:7:3: error: title must be a string, not true or false; ignored [book-json]", // the value kept is the last
		"book.json:6:3: error: language must be a string, not an object; ignored [book-json]",
		"book.json:5:17: error: structure.readme must be a string, not a list; ignored [book-json]",
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if b.Title != "" || b.Description != "A book" || b.Variables["product"] != "Widget" || b.Language != "" ||
		b.Structure.Summary != "TOC.md" || b.Structure.Readme != "" {
		t.Errorf("book = %+v", b)
	}
	if _, ok := b.Config["title"]; ok {
		t.Error("config keeps the title of the wrong type")
	}
	if got := strings.Join(b.Keys(b.Config), " "); got != "description variables structure" {
		t.Errorf("config keys %q", got)
	}
	if got := strings.Join(b.Keys(b.Config["structure"].(map[string]any)), " "); got != "summary" {
		t.Errorf("structure keys %q", got)
	}
}

// TestParseBookUnapplied: HonKit's plugins, the pluginsConfig of plugins
// it does not list and custom styles are told at info level, each at its
// key and named; a plugin removed with "-" or a version is no plugin of
// its own, and the pluginsConfig of a removed one is not told (t74: the
// book turned sharing off).
func TestParseBookUnapplied(t *testing.T) {
	for src, want := range map[string][]string{
		`{"styles":{"website":"styles/website.css"},"plugins":["ga","disqus"],"pluginsConfig":{"ga":{"token":"UA-1"}}}`: {
			"book.json:1:2: info: styles.website (styles/website.css) is not applied: folio's theme does not load a book's own CSS",
			"book.json:1:44: info: HonKit plugins ga, disqus are not applied, nor their pluginsConfig: folio does not run HonKit plugins, so what they add to pages, such as analytics, comments or buttons, is not published",
		},
		"{\n \"plugins\": \"ga, -sharing, disqus@0.1.0\",\n \"pluginsConfig\": {\"sharing\": {}, \"ga\": {}, \"fontsettings\": {}}\n}": {
			"book.json:2:2: info: HonKit plugins ga, disqus are not applied, nor their pluginsConfig: folio does not run HonKit plugins, so what they add to pages, such as analytics, comments or buttons, is not published",
			"book.json:3:2: info: pluginsConfig for plugin fontsettings is not applied: folio does not run HonKit plugins",
		},
		`{"plugins": ["-sharing", "-fontsettings", "-@scope/x"], "styles": {}}`: {},
		// Plugins whose work folio does itself are not told.
		`{"plugins": ["hints", "codeblock-label", "heading-anchors", "github"], "pluginsConfig": {"theme-default": {}, "language-picker": {}}}`: {
			"book.json:1:2: info: HonKit plugin github is not applied, nor its pluginsConfig: folio does not run HonKit plugins, so what they add to pages, such as analytics, comments or buttons, is not published",
		},
		`{"plugins": ["@scope/honkit-plugin-x", {"name": "ga", "version": "1.0"}]}`: {
			"book.json:1:2: info: HonKit plugins @scope/honkit-plugin-x, ga are not applied, nor their pluginsConfig: folio does not run HonKit plugins, so what they add to pages, such as analytics, comments or buttons, is not published",
		},
		`{"plugins": ["ga"], "styles": {"website": "a.css", "pdf": "b.css"}}`: {
			"book.json:1:2: info: HonKit plugin ga is not applied, nor its pluginsConfig: folio does not run HonKit plugins, so what they add to pages, such as analytics, comments or buttons, is not published",
			"book.json:1:21: info: styles.pdf (b.css), styles.website (a.css) are not applied: folio's theme does not load a book's own CSS",
		},
	} {
		_, ds := ParseBook("book.json", []byte(src))
		var got []string
		for _, d := range ds {
			if d.Rule != "unsupported" || d.Severity != diag.Info {
				t.Errorf("%s: %s [%s]", src, d, d.Rule)
			}
			d.Hint = ""
			got = append(got, d.String())
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) && len(got)+len(want) > 0 {
			t.Errorf("ParseBook(%s):\n%s\nwant:\n%s", src, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// TestDefaultStyles: HonKit's theme links styles/website.css from every
// page of a book whose book.json sets no styles; folio says it does not.
func TestDefaultStyles(t *testing.T) {
	for bookJSON, want := range map[string]bool{`{}`: true, `{"styles": {}}`: false} {
		dir := t.TempDir()
		testkit.WriteFiles(t, dir, map[string]string{"book.json": bookJSON, "README.md": "# Home\n", "SUMMARY.md": "* [Home](README.md)\n", "styles/website.css": "h1 {}\n"})
		sp, ds, err := Load(context.Background(), dir, config.Language{Code: "en", Dir: "."})
		if err != nil {
			t.Fatal(err)
		}
		sp.Close()
		got := len(ds) == 1 && ds[0].Path == "styles/website.css" && ds[0].Rule == "unsupported" && ds[0].Severity == diag.Info
		if got != want || len(ds) > 1 || !want && len(ds) > 0 {
			t.Errorf("book.json %s: %v", bookJSON, ds)
		}
	}
}

func TestParseTags(t *testing.T) {
	tags, ds := ParseTags("tags.yaml", []byte("- tag: new-releases\n  label: New releases\n  icon: rocket\n- tag: fixes\n- label: no slug\n"))
	if len(ds) != 1 || tags["new-releases"].Label != "New releases" || tags["fixes"].Label != "fixes" || len(tags) != 2 {
		t.Errorf("ParseTags = %v %v", tags, ds)
	}
	tags, ds = ParseTags("tags.yaml", []byte("tags:\n  - tag: a\n    label: A\n"))
	if len(ds) != 0 || TagLabels(tags)["a"] != "A" {
		t.Errorf("wrapped form: %v %v", tags, ds)
	}
	if _, ds := ParseTags("tags.yaml", []byte(": : :\n\t-")); len(ds) != 1 {
		t.Errorf("bad yaml: %v", ds)
	}
}

func TestParseVars(t *testing.T) {
	vars, ds := ParseVars(".gitbook/vars.yaml", []byte("latest_version: 2.4.1\nbeta: true\ncount: 3\nempty:\nlist: [a, b]\n"))
	want := map[string]string{"latest_version": "2.4.1", "beta": "true", "count": "3", "empty": ""}
	if len(vars) != len(want) {
		t.Errorf("ParseVars = %v, want %v", vars, want)
	}
	for k, v := range want {
		if vars[k] != v {
			t.Errorf("vars[%q] = %q, want %q", k, vars[k], v)
		}
	}
	if len(ds) != 1 || ds[0].String() != `.gitbook/vars.yaml:5:1: warning: variable "list" is a list or a map, which a page cannot show; ignored` {
		t.Errorf("diagnostics = %v, want one about list at its line", ds)
	}
	if _, ds := ParseVars("v.yaml", []byte("a: 1\n\"nested\" :\n  x: 2\n")); len(ds) != 1 || ds[0].Line != 2 {
		t.Errorf("quoted map key: %v, want one at line 2", ds)
	}
	if vars, ds := ParseVars("v.yaml", []byte("a: 1\nb: [\n")); vars != nil || len(ds) != 1 || ds[0].Line == 0 {
		t.Errorf("bad YAML: %v %v, want one diagnostic at a line", vars, ds)
	}
}

// TestBookKeyOrder: the objects of book.json keep the order the file
// writes their keys in (HonKit goes over them so), in variables and in
// the whole file, nested and in lists; a map that is not one of them has
// none.
func TestBookKeyOrder(t *testing.T) {
	src := `{"variables": {"zeta": 1, "langs": {"fr": "French", "en": "English", "de": "German"},
		"list": [{"b": 1, "a": 2}]}, "title": "T", "pluginsConfig": {"y": {}, "x": {}}}`
	b, ds := ParseBook("book.json", []byte(src))
	if b == nil || len(ds) != 1 || ds[0].Rule != "unsupported" { // pluginsConfig
		t.Fatalf("ParseBook: %v", ds)
	}
	langs, _ := b.Variables["langs"].(map[string]any)
	item := b.Variables["list"].([]any)[0].(map[string]any)
	plugins, _ := b.Config["pluginsConfig"].(map[string]any)
	for _, c := range []struct {
		m    map[string]any
		want string
	}{
		{langs, "fr en de"},
		{item, "b a"},
		{plugins, "y x"},
		{b.Config["variables"].(map[string]any), "zeta langs list"},
		{map[string]any{"fr": 1, "en": 2, "de": 3}, ""},
	} {
		if got := strings.Join(b.Keys(c.m), " "); got != c.want {
			t.Errorf("Keys(%v) = %q, want %q", c.m, got, c.want)
		}
	}
}

// TestIgnoreTracked: in a GitBook space, a file git tracks although a
// .gitignore pattern matches it (git add -f) is published, as GitBook
// has it; in a HonKit book, which knows nothing of git, it stays out.
func TestIgnoreTracked(t *testing.T) {
	g := testkit.NewGitRepo(t)
	g.Write(map[string]string{
		".gitignore":     "*.gen.md\n",
		"README.md":      "# Home\n",
		"SUMMARY.md":     "* [Home](README.md)\n",
		"api.gen.md":     "a",
		"other.gen.md":   "o",
		"book/book.json": "{}\n",
		"book/README.md": "# Book\n",
		"book/x.gen.md":  "x",
	})
	g.Commit("A <a@example.com>", "start")
	g.Git("add", "-f", "api.gen.md", "book/x.gen.md")
	g.Commit("A <a@example.com>", "generated page")

	sp, ds, err := Load(context.Background(), g.Dir, config.Language{Code: "en", Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	if len(ds) > 0 {
		t.Errorf("diagnostics: %v", ds)
	}
	if by := sp.IgnoredBy("api.gen.md"); by != "" {
		t.Errorf("tracked api.gen.md ignored by %q", by)
	}
	if by := sp.IgnoredBy("other.gen.md"); by != ".gitignore" {
		t.Errorf("untracked other.gen.md ignored by %q, want .gitignore", by)
	}
	book, _, err := Load(context.Background(), g.Dir, config.Language{Code: "en", Dir: "book"})
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	if by := book.IgnoredBy("x.gen.md"); by != ".gitignore" {
		t.Errorf("HonKit book: x.gen.md ignored by %q, want .gitignore", by)
	}
}

// TestParseBookSyntax: a JSON mistake is told in an author's words, at the
// character at fault.
func TestParseBookSyntax(t *testing.T) {
	for src, want := range map[string]string{
		"{\n  \"name\": \"Widget\",\n}\n":          "book.json:2:19: error: book.json cannot be read: a comma after the last entry: JSON allows none before }",
		"{\"a\": [1, 2,]}":                         "book.json:1:12: error: book.json cannot be read: a comma after the last entry: JSON allows none before ]",
		"{\n  'title': \"x\"\n}":                   "book.json:2:3: error: book.json cannot be read: JSON writes strings and keys between double quotes, not single ones",
		"{\n  // the title\n  \"title\": \"x\"\n}": "book.json:2:3: error: book.json cannot be read: JSON has no comments",
		"{\n  \"a\": 1\n  \"b\": 2\n}":             "book.json:3:3: error: book.json cannot be read: a comma is missing before this entry",
		"{\n  title: \"x\"\n}":                     "book.json:2:3: error: book.json cannot be read: a key must be written between double quotes",
		"{\"title\" \"x\"}":                        "book.json:1:10: error: book.json cannot be read: a colon is missing after the key",
		"{\"title\": \"x\"":                        "book.json:1:14: error: book.json cannot be read: it ends before every { and [ is closed",
		"{\"é\": 1, \"b\": @}":                     "book.json:1:15: error: book.json cannot be read: unexpected '@'",
		"{\"title\": \"é\", \"x\": ‘a’}":           "book.json:1:21: error: book.json cannot be read: '‘' is a typographic quote: JSON writes strings between straight double quotes (\")",
		"{\"x\": ·}":                               "book.json:1:7: error: book.json cannot be read: unexpected '·'",
		" \n":                                      "book.json:1:1: error: book.json cannot be read: it is empty: write {} for a book.json that sets nothing",
	} {
		_, ds := ParseBook("book.json", []byte(src))
		if len(ds) != 1 || ds[0].String() != want+" ("+ds[0].Hint+")" || !strings.Contains(ds[0].Hint, "{{ book.… }} shows nothing") {
			t.Errorf("ParseBook(%q):\n%v\nwant %s", src, ds, want)
		}
	}
}

// TestBookLinks: links.sidebar gives the book's own links, in the order
// book.json writes them; false turns one off, and an address that is no
// web address is left out with a warning at links.
func TestBookLinks(t *testing.T) {
	src := "{\n  \"links\": {\n    \"sidebar\": {\"Zeta\": \"https://z.example\", \"Alpha\": \"docs/a.pdf\", \"Off\": false, \"Bad\": \"javascript:alert(1)\", \"Tel\": \"tel:+123\"}\n  }\n}"
	b, ds := ParseBook("book.json", []byte(src))
	want := []Link{{"Zeta", "https://z.example", "book.json", 2, 3}, {"Alpha", "docs/a.pdf", "book.json", 2, 3}}
	if !slices.Equal(b.Links, want) {
		t.Errorf("Links = %v, want %v", b.Links, want)
	}
	if len(ds) != 2 || ds[0].Rule != "unsafe-url" || ds[0].Line != 2 || ds[1].Rule != "unsafe-url" {
		t.Errorf("diagnostics %v, want two unsafe-url at line 2 (javascript:, tel:, which the theme would not write)", ds)
	}
	// A language's book.json over the top one: the top's links, then the
	// language's new ones, the language's address winning.
	top, _ := ParseBook("book.json", []byte(`{"links": {"sidebar": {"Home": "https://h.example", "Blog": "https://b.example"}}}`))
	fr, _ := ParseBook("fr/book.json", []byte(`{"links": {"sidebar": {"Blog": "https://b.example/fr", "Forum": "https://f.example"}}}`))
	got := Inherit(top, fr).Links
	// Each where it is written.
	want = []Link{{"Home", "https://h.example", "book.json", 1, 2}, {"Blog", "https://b.example/fr", "fr/book.json", 1, 2}, {"Forum", "https://f.example", "fr/book.json", 1, 2}}
	if !slices.Equal(got, want) {
		t.Errorf("inherited Links = %v, want %v", got, want)
	}
}

// TestNoHomeBrokenYAML: when .gitbook.yaml has an error, the missing home
// page says it may come from there.
func TestNoHomeBrokenYAML(t *testing.T) {
	site := t.TempDir()
	testkit.WriteFiles(t, site, map[string]string{
		".gitbook.yaml":   "root: [./docs/\n",
		"docs/README.md":  "# Home\n",
		"docs/SUMMARY.md": "* [Home](README.md)\n",
	})
	sp, ds, err := Load(context.Background(), site, config.Language{Code: "en", Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	found := false
	for _, d := range ds {
		if d.Rule == "space-readme" {
			found = strings.Contains(d.Hint, ".gitbook.yaml has an error")
		}
	}
	if !found {
		t.Errorf("no space-readme error pointing at .gitbook.yaml: %v", ds)
	}
}

// TestIgnoreFileIgnored: a sub-folder's .gitignore is read even when a
// pattern above names the file itself (.*), as git reads it; only one in
// an excluded folder is not.
func TestIgnoreFileIgnored(t *testing.T) {
	site := t.TempDir()
	testkit.WriteFiles(t, site, map[string]string{
		".gitignore":       ".*\nbuild/\n",
		"README.md":        "# Home\n",
		"SUMMARY.md":       "* [Home](README.md)\n",
		"sub/.gitignore":   "x.md\n",
		"sub/x.md":         "x",
		"build/.gitignore": "!*\n",
		"build/y.md":       "y",
	})
	sp, _, err := Load(context.Background(), site, config.Language{Code: "en", Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	if by := sp.IgnoredBy("sub/x.md"); by != "sub/.gitignore" {
		t.Errorf("sub/x.md ignored by %q, want sub/.gitignore", by)
	}
	if by := sp.IgnoredBy("build/y.md"); by != ".gitignore" {
		t.Errorf("build/y.md ignored by %q, want .gitignore (its folder's .gitignore is not read)", by)
	}
}

// TestParseBookManyKeys: an object of many keys is read in time that grows
// with it, not with its square (tester: a 10 MB book.json took 11 s, each
// key looked for among those before it), and its order is kept.
func TestParseBookManyKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString(`{"variables": {`)
	const n = 100000
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%d": %d`, n-i, i)
	}
	b.WriteString(`, "k1": 0}}`)
	start := time.Now()
	book, ds := ParseBook("book.json", []byte(b.String()))
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("%d keys read in %v", n, d)
	}
	if len(ds) != 0 || len(book.Variables) != n {
		t.Fatalf("%d variables, %v", len(book.Variables), ds)
	}
	order := book.Keys(book.Variables)
	if len(order) != n || order[0] != fmt.Sprint("k", n) || order[n-1] != "k1" {
		t.Errorf("order: %d keys, first %q, last %q", len(order), order[0], order[len(order)-1])
	}
}

// TestBookImageNumber: image-captions' _BOOK_IMAGE_NUMBER_, which folio
// numbers page by page, is a warning once, at the caption in book.json,
// where every page with a caption said it (t77).
func TestBookImageNumber(t *testing.T) {
	src := "{\n \"plugins\": [\"image-captions\"],\n \"pluginsConfig\": {\"image-captions\": {\n  \"caption\": \"Image _BOOK_IMAGE_NUMBER_ - _CAPTION_\"}}\n}"
	_, ds := ParseBook("book.json", []byte(src))
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%d:%d %s %s", d.Line, d.Col, d.Severity, d.Rule))
	}
	if want := []string{"4:3 warning unsupported"}; !slices.Equal(got, want) {
		t.Errorf("diagnostics %v, want %v", got, want)
	}
}
