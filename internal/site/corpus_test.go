package site

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"folio/internal/diag"
	"folio/internal/search"

	"folio/internal/testkit"
)

// defects reads DEFECTS.txt: "corpus/path:line: kind detail" per line.
func defects(t *testing.T, corpus string) map[string][]string {
	f, err := os.Open(filepath.Join(corpus, "DEFECTS.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		name, rest, _ := strings.Cut(line, "/")
		out[name] = append(out[name], rest)
	}
	return out
}

var defectRE = regexp.MustCompile(`^(.+?):(\d+): (missing target|broken-reference placeholder|broken-page placeholder|GitBook space link|editor-local link) ?(.*)$`)

// TestCorpus builds every real GitBook repository of the corpus and checks
// what issue #2 requires: no crash, a page for every SUMMARY entry, every
// internal href and src resolving to a file of the output, no .md link
// left, every known defect reported at its line, and no other error.
func TestCorpus(t *testing.T) {
	corpus := testkit.CorpusDir(t)
	want := defects(t, corpus)
	for _, name := range []string{"govstack-playbook", "govstack-playbook-fr", "govstack-specs", "govstack-bb-consent", "govstack-bb-payments"} {
		t.Run(name, func(t *testing.T) {
			out, res := built(t, Options{Dir: filepath.Join(corpus, name), Offline: true})
			checkDefects(t, res.Diags, want[name])
			checkOutputLinks(t, out)
			checkVisibleText(t, out)
			for _, d := range res.Diags {
				if d.Rule == "unsupported" {
					t.Errorf("unsupported construct: %s", d)
				}
			}
			if res.Stats.Pages == 0 {
				t.Fatal("no pages built")
			}
		})
	}
}

func checkDefects(t *testing.T, ds []diag.Diagnostic, want []string) {
	t.Helper()
	// Every defect must be reported as an error at its line, with a message
	// naming its kind; each diagnostic accounts for one defect.
	var errs []diag.Diagnostic
	for _, d := range ds {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	used := make([]bool, len(errs))
	for _, w := range want {
		m := defectRE.FindStringSubmatch(w)
		if m == nil {
			t.Fatalf("cannot read defect %q", w)
		}
		file, line, kind, detail := m[1], m[2], m[3], m[4]
		found := false
		for i, d := range errs {
			if used[i] || (d.Path != file && !strings.HasSuffix(d.Path, "/"+file)) || fmt.Sprint(d.Line) != line || !matchesKind(d, kind, detail) {
				continue
			}
			used[i], found = true, true
			break
		}
		if !found {
			t.Errorf("defect not reported: %s", w)
		}
	}
	for i, d := range errs {
		if !used[i] {
			t.Errorf("error that is not a known defect: %s", d)
		}
	}
}

func matchesKind(d diag.Diagnostic, kind, detail string) bool {
	switch kind {
	case "missing target":
		return d.Rule == "link-missing" && strings.Contains(d.Msg, detail)
	case "broken-reference placeholder":
		return d.Rule == "link-placeholder" && strings.Contains(d.Msg, "broken-reference")
	case "broken-page placeholder":
		return d.Rule == "link-placeholder" && strings.Contains(d.Msg, detail)
	case "GitBook space link":
		return d.Rule == "link-gitbook-space" && strings.Contains(d.Msg, detail)
	case "editor-local link":
		return d.Rule == "link-editor-local" && strings.Contains(d.Msg, detail)
	}
	return false
}

var urlAttrRE = regexp.MustCompile(`\s(?:href|src)=(?:"([^"]*)"|([^"\s>&][^\s>]*))`)

// checkOutputLinks walks the output: every relative href and src of every
// HTML file must lead to a file of the output, and no link may still point
// to a Markdown source.
func checkOutputLinks(t *testing.T, out string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if filepath.Base(rel) == "404.html" {
			return nil // its links start at the host root, by design (a language's too)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		b = codeRE.ReplaceAll(b, nil) // code shows markup as text
		for _, m := range urlAttrRE.FindAllStringSubmatch(string(b), -1) {
			ref := m[1] + m[2]
			if strings.Contains(ref, "://") || strings.HasPrefix(ref, "mailto:") || strings.HasPrefix(ref, "#") || strings.HasPrefix(ref, "data:") || strings.HasPrefix(ref, "tel:") {
				continue
			}
			n++
			u, err := url.Parse(strings.ReplaceAll(ref, "&amp;", "&"))
			if err != nil {
				t.Errorf("%s: bad URL %q", rel, ref)
				continue
			}
			if strings.HasSuffix(strings.ToLower(u.Path), ".md") {
				t.Errorf("%s: link to Markdown source survived: %q", rel, ref)
			}
			target := path.Join(path.Dir(filepath.ToSlash(rel)), u.Path)
			if strings.HasSuffix(u.Path, "/") || u.Path == "" || u.Path == "." || u.Path == ".." {
				target = path.Join(target, "index.html")
			}
			if u.Path == "" {
				continue
			}
			if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(target))); err != nil {
				t.Errorf("%s: %q leads to no file (%s)", rel, ref, target)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Error("no internal link checked")
	}
}

// checkVisibleText walks the output: no page may show GitBook tag text,
// the &#x20; export artefact or a zero-width space to its readers.
func checkVisibleText(t *testing.T, out string) {
	t.Helper()
	err := filepath.WalkDir(out, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		// Code shows GitBook syntax on purpose: leave it out.
		b = codeRE.ReplaceAll(b, nil)
		text := search.PlainText(b)
		rel, _ := filepath.Rel(out, p)
		for _, bad := range []string{"{%", "{{", "&#x20;", "\u200b"} {
			if i := strings.Index(text, bad); i >= 0 {
				t.Errorf("%s shows %q: …%s…", rel, bad, text[max(0, i-40):min(len(text), i+40)])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

var codeRE = regexp.MustCompile(`(?s)<pre.*?</pre>|<code.*?</code>`)

// TestCorpusSummaryPages checks that every SUMMARY entry of the corpus
// has its page in the output.
func TestCorpusSummaryPages(t *testing.T) {
	corpus := testkit.CorpusDir(t)
	for _, name := range []string{"govstack-playbook", "govstack-specs"} {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(corpus, name)
			out, _ := built(t, Options{Dir: dir, NoMinify: true})
			s, err := load(context.Background(), Options{Dir: dir})
			if err != nil {
				t.Fatal(err)
			}
			defer s.close()
			l := s.langs[0]
			count := 0
			for it := range l.space.Summary.Items {
				if it.Target == "" || strings.Contains(it.Target, "://") {
					continue
				}
				loc := l.locate(path.Dir(l.space.GitBook.Summary), it.Target)
				if loc.status != locFile {
					continue
				}
				count++
				u := l.prefix
				if loc.path != l.space.Readme {
					u += strings.TrimSuffix(strings.TrimSuffix(loc.path, ".md"), "README") + "/"
					u = strings.ReplaceAll(u, "//", "/")
				}
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(u), "index.html")); err != nil {
					t.Errorf("SUMMARY entry %s has no page at %s", it.Target, u)
				}
			}
			if count == 0 || slices.Contains([]string{""}, name) {
				t.Fatal("no SUMMARY entry checked")
			}
		})
	}
}

// TestCheckAgreesWithBuild: a check reports exactly what a build reports,
// and writes nothing.
func TestCheckAgreesWithBuild(t *testing.T) {
	corpus := testkit.CorpusDir(t)
	for _, name := range []string{"govstack-playbook", "govstack-specs"} {
		dir := filepath.Join(corpus, name)
		built, err := Build(context.Background(), Options{Dir: dir, Out: filepath.Join(t.TempDir(), "out")})
		if err != nil {
			t.Fatal(err)
		}
		checked, err := Check(context.Background(), Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(built.Diags, checked.Diags) {
			t.Errorf("%s: check and build disagree:\nbuild: %v\ncheck: %v", name, built.Diags, checked.Diags)
		}
		if checked.Out != "" || checked.Written {
			t.Errorf("%s: check wrote %q", name, checked.Out)
		}
	}
}

// TestRegrowAgreesWithBuild: a site whose trees are released after the
// first parse and grown again to be rendered (as past regrowPages pages)
// is built and checked exactly as one that keeps them.
func TestRegrowAgreesWithBuild(t *testing.T) {
	corpus := testkit.CorpusDir(t)
	for _, name := range []string{"djangogirls-extensions", "govstack-specs", "govstack-bb-consent"} {
		dir := filepath.Join(corpus, name)
		var trees []map[string][]byte
		var diags [][]diag.Diagnostic
		for _, regrow := range []bool{false, true} {
			out, res := built(t, Options{Dir: dir, regrowAll: regrow})
			trees = append(trees, readTree(t, out))
			diags = append(diags, res.Diags)
			checked, err := Check(context.Background(), Options{Dir: dir, regrowAll: regrow})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Diags, checked.Diags) {
				t.Errorf("%s (regrow %v): check and build disagree", name, regrow)
			}
		}
		if !slices.Equal(diags[0], diags[1]) {
			t.Errorf("%s: regrown trees report otherwise:\nkept: %v\nregrown: %v", name, diags[0], diags[1])
		}
		if len(trees[0]) != len(trees[1]) {
			t.Errorf("%s: %d files with kept trees, %d regrown", name, len(trees[0]), len(trees[1]))
		}
		for p, b := range trees[0] {
			if !slices.Equal(b, trees[1][p]) {
				t.Errorf("%s: %s differs when trees are regrown", name, p)
			}
		}
	}
}

// TestRegrowSites: each golden site (testdata/sites) builds to the same
// files, frames included, when its trees are released after parsing and
// grown again to be rendered.
func TestRegrowSites(t *testing.T) {
	testkit.EachCase(t, "testdata/sites/*.txtar", func(t *testing.T, file string, ar *txtar.Archive) {
		files := map[string]string{}
		for _, f := range ar.Files {
			if strings.HasPrefix(f.Name, "edit/") {
				return // a session's case: a session keeps its trees
			}
			if !strings.HasPrefix(f.Name, "want.") {
				files[f.Name] = string(f.Data)
			}
		}
		dir := testkit.Site(t, files)
		var trees []map[string][]byte
		for _, regrow := range []bool{false, true} {
			out, _ := built(t, Options{Dir: dir, regrowAll: regrow})
			trees = append(trees, readTree(t, out))
		}
		if len(trees[0]) != len(trees[1]) {
			t.Errorf("%d files with kept trees, %d regrown", len(trees[0]), len(trees[1]))
		}
		for p, b := range trees[0] {
			if !slices.Equal(b, trees[1][p]) {
				t.Errorf("%s differs when trees are regrown", p)
			}
		}
	})
}
