package site

import (
	"context"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/internal/diag"
	"folio/internal/testkit"
)

// TestCorpusHonKit builds the HonKit book of the corpus (five languages,
// templating, filename labels in quotes): no error, no template syntax
// left in what readers see, and every internal link and every anchor it
// names resolving in the output. Its pages are titled with their
// SUMMARY.md labels, as HonKit titles them.
func TestCorpusHonKit(t *testing.T) {
	corpus := testkit.CorpusDir(t)
	out, res := built(t, Options{Dir: filepath.Join(corpus, "djangogirls-extensions"), Offline: true})
	for _, d := range res.Diags {
		if d.Severity == diag.Error || strings.HasPrefix(d.Rule, "template") || d.Rule == "link-anchor" {
			t.Errorf("%s", d)
		}
	}
	checkOutputLinks(t, out)
	checkVisibleText(t, out)
	checkAnchors(t, out)
	b, err := os.ReadFile(filepath.Join(out, "en", "authentication_authorization", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	// The page's first heading is "Homework: Adding security to your
	// website"; SUMMARY.md calls it "Homework: secure your website".
	if !strings.Contains(string(b), "<title>Homework: secure your website —") {
		t.Errorf("page not titled with its SUMMARY.md label: %s", regexp.MustCompile(`<title>[^<]*`).Find(b))
	}
	// Its h1 is still its own heading, with its anchor, as in HonKit.
	if h1 := regexp.MustCompile(`<h1[^>]*>[^<]*`).Find(b); !regexp.MustCompile(`id="?homework-adding-security-to-your-website"?>Homework: Adding security to your website$`).Match(h1) {
		t.Errorf("page heading %s, want the page's own first heading and its id", h1)
	}
}

var (
	hrefRE = regexp.MustCompile(`\shref=(?:"([^"]*)"|([^\s>"]+))`)
	idRE   = regexp.MustCompile(`\sid=(?:"([^"]*)"|([^\s>"]+))`)
)

// checkAnchors checks that every internal link with a fragment leads to
// an element with that id in its target page.
func checkAnchors(t *testing.T, out string) {
	t.Helper()
	ids := map[string]map[string]bool{}
	idsOf := func(file string) map[string]bool {
		if m, ok := ids[file]; ok {
			return m
		}
		m := map[string]bool{}
		b, err := os.ReadFile(file)
		if err == nil {
			for _, x := range idRE.FindAllStringSubmatch(string(b), -1) {
				m[x[1]+x[2]] = true
			}
		}
		ids[file] = m
		return m
	}
	n := 0
	err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") || filepath.Base(p) == "404.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		b = codeRE.ReplaceAll(b, nil) // code shows markup as text
		for _, m := range hrefRE.FindAllStringSubmatch(string(b), -1) {
			ref := m[1] + m[2]
			u, err := url.Parse(strings.ReplaceAll(ref, "&amp;", "&"))
			if err != nil || u.Fragment == "" || u.Scheme != "" || u.Host != "" {
				continue
			}
			target := p
			if u.Path != "" {
				target = filepath.Join(filepath.Dir(p), filepath.FromSlash(u.Path))
				if strings.HasSuffix(u.Path, "/") || !strings.HasSuffix(u.Path, ".html") {
					target = filepath.Join(target, "index.html")
				}
			}
			n++
			if !idsOf(target)[u.Fragment] {
				t.Errorf("%s: %s: no id %q in %s", rel, ref, u.Fragment, path.Clean(filepath.ToSlash(target)))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("no anchor checked")
	}
}

// TestBareSpaceLanguage: the French playbook, built with no site.yaml,
// is published as French: lang="fr" on every page, French interface
// strings, the French search analyser, and the build says why.
func TestBareSpaceLanguage(t *testing.T) {
	corpus := testkit.CorpusDir(t)
	out, res := built(t, Options{Dir: filepath.Join(corpus, "govstack-playbook-fr"), Offline: true})
	if c := res.Stats.Language; c == nil || c.Code != "fr" || c.From != "text" {
		t.Fatalf("language choice %+v, want fr from the text", c)
	}
	pages := 0
	err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || filepath.Base(p) != "index.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		s := string(b)
		if !strings.Contains(s, "<html lang=fr") {
			t.Errorf("%s: not lang=fr: %.80s", p, s)
		}
		if !strings.Contains(s, "Rechercher") && !strings.Contains(s, "Table des matières") { // the print page has no search
			t.Errorf("%s: no French interface string", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages == 0 {
		t.Fatal("no page")
	}
	idx, err := os.ReadFile(filepath.Join(out, "search-index.js"))
	if err != nil || !strings.Contains(string(idx), `"lang":"fr"`) {
		t.Errorf("search index not analysed as French (%v)", err)
	}
}

// languageMismatches checks the site of files and returns its
// language-mismatch diagnostics.
func languageMismatches(t *testing.T, files map[string]string) []diag.Diagnostic {
	t.Helper()
	res, err := Check(context.Background(), Options{Dir: testkit.Site(t, files)})
	if err != nil {
		t.Fatal(err)
	}
	var ds []diag.Diagnostic
	for _, d := range res.Diags {
		if d.Rule == "language-mismatch" {
			ds = append(ds, d)
		}
	}
	return ds
}

const frenchPage = "# Bienvenue\n\nCe guide explique comment les membres du comité peuvent lire les pages et donner leur avis sur le texte, avec les liens et les images qui sont dans le dépôt. Il est écrit pour les personnes qui ne connaissent pas encore le projet et qui veulent savoir ce qu'il fait.\n"

// TestLanguageMismatch: a site.yaml that says English over French pages
// is a warning at the line that says it; one that agrees is not.
func TestLanguageMismatch(t *testing.T) {
	files := map[string]string{"site.yaml": "title: T\nlanguage: en\n", "SUMMARY.md": "* [A](README.md)\n* [B](b.md)\n* [C](c.md)\n",
		"README.md": frenchPage, "b.md": frenchPage, "c.md": frenchPage}
	ds := languageMismatches(t, files)
	if len(ds) != 1 || ds[0].Path != "site.yaml" || ds[0].Line != 2 || !strings.Contains(ds[0].Msg, "read as fr") {
		t.Errorf("diagnostics %v, want one at site.yaml:2", ds)
	}
	files["site.yaml"] = "title: T\nlanguage: fr\n"
	if ds := languageMismatches(t, files); len(ds) > 0 {
		t.Errorf("agreeing language reported: %v", ds)
	}
}

// TestLanguageMismatchBookJSON: a book.json that says English over French
// pages is a warning at its "language" key, with or without a site.yaml
// that gives no language (t100: never told); one that agrees is not.
func TestLanguageMismatchBookJSON(t *testing.T) {
	for _, c := range []struct {
		name string
		yaml string
	}{{"no site.yaml", ""}, {"site.yaml without a language", "title: T\n"}} {
		files := map[string]string{"book.json": "{\n  \"title\": \"T\",\n  \"language\": \"en\"\n}\n", "SUMMARY.md": "* [A](README.md)\n* [B](b.md)\n* [C](c.md)\n",
			"README.md": frenchPage, "b.md": frenchPage, "c.md": frenchPage}
		if c.yaml != "" {
			files["site.yaml"] = c.yaml
		}
		ds := languageMismatches(t, files)
		if len(ds) != 1 || ds[0].Path != "book.json" || ds[0].Line != 3 || ds[0].Col != 3 || !strings.Contains(ds[0].Msg, "read as fr") {
			t.Errorf("%s: diagnostics %v, want one at book.json:3:3", c.name, ds)
		}
		files["book.json"] = `{"title": "T", "language": "fr"}`
		if ds := languageMismatches(t, files); len(ds) > 0 {
			t.Errorf("%s: agreeing language reported: %v", c.name, ds)
		}
	}
}
