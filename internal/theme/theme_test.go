package theme

import (
	"bytes"
	"flag"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

var preview = flag.String("preview", "", "also write the golden pages and the static files into this directory, to look at them in a browser")

func loadDefault(t *testing.T) *Theme {
	t.Helper()
	th, err := Load("", "default")
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// testSite is a two-language site with two nav parts and nested items.
func testSite(th *Theme) *Site {
	return &Site{
		Title:       "Folio Docs",
		Description: "Documentation built with folio.",
		BaseURL:     "https://docs.example.com/",
		SocialImage: "https://docs.example.com/social.png",
		Lang:        "en",
		Dir:         "ltr",
		Home:        "",
		Languages:   []LangLink{{Code: "en", Name: "English", URL: ""}, {Code: "fr", Name: "Français", URL: "fr/"}},
		Nav: []*NavPart{
			{Items: []*NavItem{
				{ID: 1, Title: "Introduction", URL: ""},
				{ID: 2, Title: "Getting started", URL: "start/", Children: []*NavItem{
					{ID: 3, Title: "Install", URL: "start/install/"},
					{ID: 4, Title: "Secret draft", URL: "start/draft/", Hidden: true},
				}},
			}},
			{Title: "Guides", Items: []*NavItem{
				{ID: 5, Title: "Writing pages", URL: "guide/", Children: []*NavItem{
					{ID: 6, Title: "Blocks", URL: "guide/blocks/", Children: []*NavItem{
						{ID: 7, Title: "Hints & tabs", URL: "guide/blocks/hints/"},
					}},
					{ID: 8, Title: "Links", URL: "guide/links/"},
				}},
				{ID: 9, Title: "Only hidden children", URL: "guide/hidden/", Children: []*NavItem{
					{ID: 10, Title: "Hidden", URL: "guide/hidden/x/", Hidden: true},
				}},
				{ID: 11, Title: "GitHub", URL: "https://github.com/example/folio", External: true},
			}},
		},
		Strings:   th.Strings("en"),
		Generator: "folio v0.1.0",
	}
}

func testPage(th *Theme, content string) *Page {
	return &Page{
		Site:        testSite(th),
		URL:         "guide/blocks/",
		Root:        "../../",
		Title:       "Blocks",
		Description: "Every block GitBook knows, as folio renders it.",
		Content:     template.HTML(content),
		Outline: []Heading{
			{2, "hints", "Hints"}, {2, "tabs", "Tabs"}, {2, "code", "Code"}, {3, "code-with-title", "With a title"},
			{2, "embeds-and-files", "Embeds and files"}, {2, "steps-and-columns", "Steps and columns"}, {2, "other-blocks", "Other blocks"},
		},
		Prev:       &Link{Title: "Writing pages", URL: "guide/"},
		Next:       &Link{Title: "Hints & tabs", URL: "guide/blocks/hints/"},
		Trail:      []int{5, 6},
		Layout:     DefaultLayout(),
		Canonical:  "https://docs.example.com/guide/blocks/",
		Alternates: []Alternate{{"en", "https://docs.example.com/guide/blocks/"}, {"fr", "fr/guide/blocks/"}},
		LangLinks:  []LangLink{{Code: "fr", Name: "Français", URL: "fr/guide/blocks/"}},
	}
}

func TestGolden(t *testing.T) {
	th := loadDefault(t)
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			switch name {
			case "page":
				err = th.RenderPage(&buf, testPage(th, string(section(ar, "content.html"))))
			case "notfound":
				p := testPage(th, "")
				p.URL, p.Root, p.Title, p.Description = "404.html", "/docs/", "", ""
				p.Trail, p.Outline, p.Prev, p.Next, p.Canonical, p.Alternates, p.LangLinks = nil, nil, nil, nil, "", nil, nil
				err = th.RenderNotFound(&buf, p)
			case "redirect":
				err = th.RenderRedirect(&buf, &Redirect{
					Site: testSite(th), From: "old/page/", To: "../../new/page/",
					Canonical: "https://docs.example.com/new/page/", Root: "../../", Title: "New page",
				})
			case "languages":
				err = th.RenderLanguages(&buf, &LanguageIndex{
					Title: "Folio Docs", Default: "en", Root: "./",
					Languages: []LangLink{{Code: "en", Name: "English", URL: "en/"}, {Code: "fr", Name: "Français", URL: "fr/"}},
				})
			default:
				t.Fatalf("no fixture for %s", name)
			}
			if err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			if *preview != "" {
				writePreview(t, th, name, got)
			}
			if *update {
				setSection(ar, "want.html", got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(section(ar, "want.html")), string(got)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
			}
		})
	}
}

func section(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

func setSection(ar *txtar.Archive, name string, data []byte) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = data
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: data})
}

// writePreview lays out a page so that its relative links to _folio/ work:
// the page fixture lives two folders deep.
func writePreview(t *testing.T, th *Theme, name string, html []byte) {
	dir := *preview
	rel := map[string]string{"page": "guide/blocks/index.html", "notfound": "404.html", "redirect": "old/page/index.html", "languages": "languages.html"}[name]
	dst := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(dst), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, html, 0o666); err != nil {
		t.Fatal(err)
	}
	static := filepath.Join(dir, "_folio")
	if err := os.RemoveAll(static); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(static, th.Static()); err != nil {
		t.Fatal(err)
	}
}

// TestDarkRulesAgree: the dark colours come twice in each style sheet,
// for the system's setting and for the reader's choice in the theme menu
// (a rule cannot belong to a media query and to a selector at once). The
// two copies must say the same.
func TestDarkRulesAgree(t *testing.T) {
	th := loadDefault(t)
	space := regexp.MustCompile(`\s+`)
	for _, name := range []string{"folio.css", "content.css"} {
		b, err := fs.ReadFile(th.Static(), name)
		if err != nil {
			t.Fatal(err)
		}
		css := string(b)
		// Both copies are for screens only: paper stays white whatever
		// the reader chose (tester: pale code colours on white paper).
		const media = "@media screen and (prefers-color-scheme: dark) {"
		const chosen = "@media screen { /* dark on screen only: paper is white */"
		if !strings.Contains(css, media) {
			t.Errorf("%s has no dark colours", name)
		}
		for rest := css; ; {
			i := strings.Index(rest, media)
			if i < 0 {
				break
			}
			rest = rest[i+len(media):]
			depth, end := 1, 0
			for end = 0; end < len(rest) && depth > 0; end++ {
				switch rest[end] {
				case '{':
					depth++
				case '}':
					depth--
				}
			}
			block := rest[:end-1]
			rest = rest[end:]
			if !strings.Contains(block, `:root:not([data-theme="light"])`) {
				t.Errorf("%s: a dark block that the theme menu cannot turn off:%s", name, block)
				continue
			}
			want := space.ReplaceAllString(strings.TrimSpace(strings.ReplaceAll(block, `:root:not([data-theme="light"])`, `:root[data-theme="dark"]`)), " ")
			next, ok := strings.CutPrefix(strings.TrimSpace(rest), chosen)
			if !ok || !strings.HasPrefix(space.ReplaceAllString(strings.TrimSpace(next), " "), want) {
				t.Errorf("%s: the rules for a dark theme chosen in the menu do not follow the dark block, or differ from it:\n%s", name, want)
			}
		}
	}
}

// TestThemeIDs: the ids the templates write as they are are found, in
// the templates as written and minified; ids made by an action are not.
func TestThemeIDs(t *testing.T) {
	for _, load := range []func() (*Theme, error){
		func() (*Theme, error) { return Load("", "") },
		func() (*Theme, error) { return LoadMinified("", "", nil) },
	} {
		th, err := load()
		if err != nil {
			t.Fatal(err)
		}
		ids := th.IDs()
		for _, want := range []string{"folio-main", "folio-label-table", "folio-sidebar"} {
			if !ids[want] {
				t.Errorf("IDs lacks %q: %v", want, ids)
			}
		}
		for id := range ids {
			if strings.Contains(id, "{") {
				t.Errorf("IDs holds %q", id)
			}
		}
		for id, want := range map[string]bool{"folio-main": true, "folio-nav-0": true, "folio-nav-12": true, "folio-search-opt-3": true,
			"folio-search-more": true, "folio-nav-": false, "folio-nav-x": false, "folio-build": false, "folio-nav-1-1": false} {
			if got := th.OwnsID(id); got != want {
				t.Errorf("OwnsID(%q) = %v, want %v", id, got, want)
			}
		}
	}
}
