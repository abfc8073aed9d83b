package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/google/go-cmp/cmp"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/internal/diag"

	"folio/internal/testkit"
)

var smallSite = map[string]string{
	"site.yaml":     "title: Small\nbase_url: https://example.org/docs\n",
	"SUMMARY.md":    "# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n",
	"README.md":     "# Home\n\nSee [page](page.md).\n",
	"page.md":       "---\ndescription: A page.\n---\n\n# Page\n\n## Part\n\nText.\n",
	".gitbook.yaml": "redirects:\n  old/page: page.md\n",
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDefaultSite builds the repository's own site.yaml (content/, in
// English and French) and requires a clean build.
func TestDefaultSite(t *testing.T) {
	out, res := built(t, Options{Dir: "../.."})
	for _, d := range res.Diags {
		if d.Severity >= diag.Warning {
			t.Errorf("default site: %s", d)
		}
	}
	if res.Stats.Languages != 2 || res.Stats.Pages < 10 {
		t.Errorf("built %d pages in %d languages, want ≥10 pages in 2", res.Stats.Pages, res.Stats.Languages)
	}
	for _, p := range []string{"index.html", "en/index.html", "fr/index.html", "404.html", "robots.txt", "_folio/folio.css", "_folio/folio.js"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	checkOutputLinks(t, out)
}

// TestDeterministic builds the same site twice: the outputs must be
// byte-identical.
func TestDeterministic(t *testing.T) {
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	for _, out := range []string{a, b} {
		if _, err := Build(context.Background(), Options{Dir: "../..", Out: out}); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != len(tb) {
		t.Fatalf("%d files vs %d", len(ta), len(tb))
	}
	for name, data := range ta {
		if !bytes.Equal(data, tb[name]) {
			t.Errorf("%s differs between two builds", name)
		}
	}
}

func TestOutputs(t *testing.T) {
	dir := testkit.Site(t, smallSite)
	out, res := built(t, Options{Dir: dir})
	if !res.Written || res.Stats.Pages != 2 || res.Stats.Redirects != 1 {
		t.Fatalf("result %+v", res.Stats)
	}
	tree := readTree(t, out)
	want := map[string][]string{
		"index.html":          {`<link rel=canonical href="https://example.org/docs/">`, `href=page/`},
		"page/index.html":     {`A page.`, `id=part`, `href="https://example.org/docs/page/"`},
		"old/page/index.html": {`../../page/`, `https://example.org/docs/page/`},
		"sitemap.xml":         {`<loc>https://example.org/docs/page/</loc>`},
		"robots.txt":          {`Sitemap: https://example.org/docs/sitemap.xml`},
		"404.html":            {`/docs/_folio/folio.css`},
	}
	for name, subs := range want {
		body, ok := tree[name]
		if !ok {
			t.Errorf("missing %s", name)
			continue
		}
		for _, s := range subs {
			if !bytes.Contains(body, []byte(s)) {
				t.Errorf("%s does not contain %q", name, s)
			}
		}
	}
	if bytes.Contains(tree["page/index.html"], []byte("livereload")) {
		t.Error("build output loads the live-reload script")
	}
	// folio serve serves the site at its own root: its 404 page's links
	// start there, not at the base URL's path (t35: an unstyled page of
	// dead links).
	out, _ = built(t, Options{Dir: dir, Dev: true})
	if nf := readFile(t, filepath.Join(out, "404.html")); !strings.Contains(nf, `href=/_folio/folio.css`) {
		t.Errorf("404 page of the preview: %s", nf)
	}
}

// TestNoMinify checks that --no-minify keeps the HTML as rendered.
func TestNoMinify(t *testing.T) {
	dir := testkit.Site(t, smallSite)
	out, _ := built(t, Options{Dir: dir, NoMinify: true})
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`<link rel="canonical" href="https://example.org/docs/">`)) {
		t.Errorf("unminified page lacks quoted canonical link:\n%.400s", b)
	}
}

// TestStrictKeepsPreviousOutput: with --strict, a build that finds errors
// leaves the previous output untouched.
func TestStrictKeepsPreviousOutput(t *testing.T) {
	dir := testkit.Site(t, smallSite)
	out, _ := built(t, Options{Dir: dir})
	before := readTree(t, out)
	if err := os.WriteFile(filepath.Join(dir, "page.md"), []byte("# Page\n\n[broken](nowhere.md)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{Dir: dir, Out: out, Strict: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Written || diag.Count(res.Diags, diag.Error) != 1 {
		t.Fatalf("strict build with an error: written=%v diags=%v", res.Written, res.Diags)
	}
	after := readTree(t, out)
	if len(before) != len(after) || !bytes.Equal(before["page/index.html"], after["page/index.html"]) {
		t.Error("strict build with errors changed the output")
	}
	// Without --strict the same build replaces the output.
	res, err = Build(context.Background(), Options{Dir: dir, Out: out})
	if err != nil || !res.Written {
		t.Fatalf("non-strict build: %v, written=%v", err, res != nil && res.Written)
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.folio-*"))
	if len(leftovers) != 0 {
		t.Errorf("staging directories left behind: %v", leftovers)
	}
}

// TestInterruptedBuild: a cancelled build writes nothing and removes its
// staging directory.
func TestInterruptedBuild(t *testing.T) {
	dir := testkit.Site(t, smallSite)
	out, _ := built(t, Options{Dir: dir})
	before := readTree(t, out)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Build(ctx, Options{Dir: dir, Out: out}); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled build returned %v", err)
	}
	if after := readTree(t, out); len(after) != len(before) {
		t.Error("cancelled build changed the output")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.folio-*"))
	if len(leftovers) != 0 {
		t.Errorf("staging directories left behind: %v", leftovers)
	}
}

func TestRefusedOutput(t *testing.T) {
	dir := testkit.Site(t, smallSite)
	for _, out := range []string{dir, filepath.Dir(dir), "/"} {
		_, err := Build(context.Background(), Options{Dir: dir, Out: out})
		if !errors.Is(err, ErrOutput) {
			t.Errorf("--out %s: err = %v, want ErrOutput", out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
		t.Fatal("content damaged by a refused build")
	}
}

// TestOutputInsideContent: public/ in a bare GitBook repository (the
// default after folio init) is written, and is not read as content by
// the next build.
func TestOutputInsideContent(t *testing.T) {
	dir := testkit.Site(t, smallSite)
	out := filepath.Join(dir, "public")
	var first *Result
	for i := range 2 {
		res, err := Build(context.Background(), Options{Dir: dir, Out: out})
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = res
			continue
		}
		if d := cmp.Diff(first.Diags, res.Diags); d != "" {
			t.Errorf("the second build reads the first one's output (-first +second):\n%s", d)
		}
		if res.Stats.Pages != first.Stats.Pages || res.Stats.Assets != first.Stats.Assets {
			t.Errorf("second build: %d pages, %d assets; first: %d, %d", res.Stats.Pages, res.Stats.Assets, first.Stats.Pages, first.Stats.Assets)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Fatal(err)
	}
}

// TestOutputHoldsContent: a content folder that happens to hold a _folio
// folder is no output: a build into it is refused, and its pages stay.
func TestOutputHoldsContent(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":             "# S\n\n* [Home](README.md)\n* [G](guide/g.md)\n",
		"README.md":              "# Home\n",
		"guide/g.md":             "# G\n",
		"guide/_folio/folio.css": "body{}",
	})
	_, err := Build(context.Background(), Options{Dir: dir, Out: filepath.Join(dir, "guide")})
	if !errors.Is(err, ErrOutput) || !strings.Contains(err.Error(), "g.md, a Markdown file") {
		t.Errorf("--out guide: err = %v, want ErrOutput naming g.md", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "guide", "g.md")); err != nil {
		t.Fatalf("content deleted by a refused build: %v", err)
	}
	// A Markdown file of static/ is published as it is: folio's own
	// output holding it is still folio's (reviewer).
	dir = testkit.Site(t, map[string]string{"SUMMARY.md": "# S\n\n* [Home](README.md)\n", "README.md": "# Home\n", "static/NOTES.md": "notes"})
	out := filepath.Join(t.TempDir(), "out")
	for i := range 2 {
		if _, err := Build(context.Background(), Options{Dir: dir, Out: out}); err != nil {
			t.Fatalf("build %d with static/NOTES.md: %v", i+1, err)
		}
	}
}

// TestRefusedOutputLinks: an --out that is a symbolic link is judged by
// what it leads to, and a directory folio did not write (or a file) is
// not replaced; a symbolic link to an output is replaced through it.
func TestRefusedOutputLinks(t *testing.T) {
	dir := testkit.Site(t, smallSite)
	tmp := t.TempDir()
	link := func(name, to string) string {
		p := filepath.Join(tmp, name)
		if err := os.Symlink(to, p); err != nil {
			t.Fatal(err)
		}
		return p
	}
	mine := filepath.Join(tmp, "mine")
	if err := os.MkdirAll(mine, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(mine, "essay.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(tmp, "notes.txt")
	if err := os.WriteFile(file, []byte("notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{link("to-content", dir), link("to-parent", filepath.Dir(dir)), mine, link("to-mine", mine), file} {
		if _, err := Build(context.Background(), Options{Dir: dir, Out: out}); !errors.Is(err, ErrOutput) {
			t.Errorf("--out %s: err = %v, want ErrOutput", out, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "README.md")); err != nil {
		t.Fatal("content damaged by a refused build")
	}
	if b, err := os.ReadFile(filepath.Join(mine, "essay.txt")); err != nil || string(b) != "mine" {
		t.Fatal("a directory folio did not write was damaged")
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != "notes" {
		t.Fatal("a file given as --out was damaged")
	}
	// Built twice through a link: the output is where the link leads,
	// and the link stays.
	site := filepath.Join(tmp, "site")
	out := link("to-site", site)
	for range 2 {
		if _, err := Build(context.Background(), Options{Dir: dir, Out: out}); err != nil {
			t.Fatal(err)
		}
	}
	if fi, err := os.Lstat(out); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link given as --out was replaced: %v", err)
	}
	if _, err := os.Stat(filepath.Join(site, "index.html")); err != nil {
		t.Errorf("no site where the link leads: %v", err)
	}
}

// TestOutputOnlyGit: an output folder holding only .git (a fresh gh-pages
// checkout or worktree) is empty to folio: built into, its .git kept; with
// a file of someone else's beside it, it is still refused.
func TestOutputOnlyGit(t *testing.T) {
	dir := testkit.Site(t, smallSite)
	out := filepath.Join(t.TempDir(), "public")
	if err := os.MkdirAll(filepath.Join(out, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, ".git", "HEAD"), []byte("ref: refs/heads/gh-pages\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(context.Background(), Options{Dir: dir, Out: out}); err != nil {
		t.Fatalf("build into a folder holding only .git: %v", err)
	}
	for _, f := range []string{".git/HEAD", "index.html"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("after the build: %v", err)
		}
	}
	other := filepath.Join(t.TempDir(), "public")
	for _, f := range []string{".git/HEAD", "notes.txt"} {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(other, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(other, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := Build(context.Background(), Options{Dir: dir, Out: other}); !errors.Is(err, ErrOutput) {
		t.Errorf("a folder with .git and a file of its own: err = %v, want ErrOutput", err)
	}
}

func TestBadTemplateFails(t *testing.T) {
	files := map[string]string{"themes/default/templates/page.html": "{{ .Broken "}
	for k, v := range smallSite {
		files[k] = v
	}
	dir := testkit.Site(t, files)
	_, err := Build(context.Background(), Options{Dir: dir, Out: filepath.Join(t.TempDir(), "o")})
	if err == nil || !strings.Contains(err.Error(), "page.html") {
		t.Fatalf("broken template: err = %v", err)
	}
}

// TestBrokenConfigKeepsOutput: a site.yaml that is not YAML fails the
// build and leaves the previous output as it was.
func TestBrokenConfigKeepsOutput(t *testing.T) {
	dir := testkit.Site(t, smallSite)
	out, _ := built(t, Options{Dir: dir})
	before := readTree(t, out)
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(context.Background(), Options{Dir: dir, Out: out})
	if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "site.yaml:") {
		t.Fatalf("broken site.yaml: err = %v", err)
	}
	if after := readTree(t, out); len(after) != len(before) {
		t.Error("output changed")
	}
}

// TestTrustRawHTML: scripts in raw HTML are removed with a warning,
// unless site.yaml trusts the raw HTML.
func TestTrustRawHTML(t *testing.T) {
	for _, trust := range []bool{false, true} {
		files := map[string]string{
			"site.yaml":  fmt.Sprintf("title: T\ntrust_raw_html: %v\n", trust),
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
			"README.md":  "# Home\n\n<div onclick=\"go()\">x</div>\n\n<script>window.x = 1</script>\n",
		}
		out, res := built(t, Options{Dir: testkit.Site(t, files), NoMinify: true})
		html := string(readTree(t, out)["index.html"])
		hasScript := strings.Contains(html, "window.x = 1") && strings.Contains(html, `onclick="go()"`)
		warned := false
		for _, d := range res.Diags {
			warned = warned || d.Rule == "unsafe-html"
		}
		if hasScript != trust || warned == trust {
			t.Errorf("trust_raw_html %v: script kept %v, warned %v", trust, hasScript, warned)
		}
	}
}

// TestInterruptedMidBuild: a build cancelled while it runs (as SIGINT and
// SIGTERM do through the command's context) leaves the previous output
// and no staging directory.
func TestInterruptedMidBuild(t *testing.T) {
	dir := t.TempDir()
	genLarge(t, dir, 1500, 50)
	out, _ := built(t, Options{Dir: dir})
	before := readTree(t, out)
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	if _, err := Build(ctx, Options{Dir: dir, Out: out}); !errors.Is(err, context.Canceled) {
		t.Skipf("the build finished before it could be interrupted (%v)", err)
	}
	if after := readTree(t, out); len(after) != len(before) {
		t.Errorf("interrupted build changed the output: %d files, had %d", len(after), len(before))
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.folio-*"))
	if len(left) != 0 {
		t.Errorf("staging directories left behind: %v", left)
	}
}

// TestRedirectTargetCheck: a redirect of .gitbook.yaml to a page that is
// not published is a warning of folio check as of folio build, at its
// line; a redirect from a path a page holds is no redirect at all.
func TestRedirectTargetCheck(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":    "# S\n\n* [Home](README.md)\n* [Page](page.md)\n",
		"README.md":     "# Home\n",
		"page.md":       "# Page\n",
		".gitbook.yaml": "redirects:\n  old/page: page.md\n  gone: nowhere.md\n  page: README.md\n",
	})
	want := ".gitbook.yaml:3:3: error: redirect gone → nowhere.md: the target is not a published page"
	res, err := Build(context.Background(), Options{Dir: dir, Out: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	chk, err := Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for name, ds := range map[string][]diag.Diagnostic{"build": res.Diags, "check": chk.Diags} {
		var got []string
		for _, d := range ds {
			if d.Rule == "redirect-target" {
				got = append(got, d.String())
			}
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: redirect-target %q, want [%q]", name, got, want)
		}
	}
	if res.Stats.Redirects != 1 {
		t.Errorf("%d forwarding pages, want 1 (old/page)", res.Stats.Redirects)
	}
}

// TestRedirectClash: a redirect of .gitbook.yaml from a path where a
// file is published (the space's, or folio's own, or under one), or from
// a page's path in other letter case, is ignored with a warning at its
// line, from check as from build; the build goes on, and the file and the
// page stay. Old paths with . or .. segments are errors of .gitbook.yaml.
func TestRedirectClash(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":    "# S\n\n* [Home](README.md)\n* [Guide](guide.md)\n",
		"README.md":     "# Home\n\n[pdf](files/doc.pdf)\n",
		"guide.md":      "# Guide\n",
		"files/doc.pdf": "%PDF",
		".gitbook.yaml": "redirects:\n  404.html: guide.md\n  _folio/folio.css: guide.md\n  robots.txt/x: guide.md\n" +
			"  files/doc.pdf: guide.md\n  Guide: guide.md\n  ../up: guide.md\n  a/./b: guide.md\n  old: guide.md\n  guide.md: guide.md\n" +
			"  _folio: guide.md\n  SEARCH-INDEX.JS: guide.md\n  Robots.TXT/x: guide.md\n",
	})
	want := []string{
		".gitbook.yaml:2:3: warning: redirect 404.html → guide.md is ignored: folio writes a file of its own at 404.html",
		".gitbook.yaml:3:3: warning: redirect _folio/folio.css → guide.md is ignored: folio writes its own files in _folio/",
		".gitbook.yaml:4:3: warning: redirect robots.txt/x → guide.md is ignored: folio writes a file of its own at robots.txt",
		".gitbook.yaml:5:3: warning: redirect files/doc.pdf → guide.md is ignored: the space's file files/doc.pdf has this path, and a file wins over a redirect",
		".gitbook.yaml:6:3: warning: redirect Guide → guide.md is ignored: its path differs from that of the page at guide/ only in case: a host that ignores case would serve one for the other",
		`.gitbook.yaml:7:3: error: redirect "../up": an old path with . or .. segments is no address a reader asks for; ignored`,
		`.gitbook.yaml:8:3: error: redirect "a/./b": an old path with . or .. segments is no address a reader asks for; ignored`,
		`.gitbook.yaml:10:3: warning: redirect "guide.md": GitBook's old paths are addresses, without .md; read as "guide" (write the old page's address without .md)`,
		".gitbook.yaml:10:3: warning: redirect guide → guide.md is ignored: the page guide.md is published at its path, and a page wins over a redirect",
		".gitbook.yaml:11:3: warning: redirect _folio → guide.md is ignored: folio writes its own files in _folio/",
		".gitbook.yaml:12:3: warning: redirect SEARCH-INDEX.JS → guide.md is ignored: its path differs from search-index.js, a file of folio's own, only in case: a host that ignores case would serve one for the other",
		".gitbook.yaml:13:3: warning: redirect Robots.TXT/x → guide.md is ignored: its path differs from robots.txt, a file of folio's own, only in case: a host that ignores case would serve one for the other",
	}
	out := filepath.Join(t.TempDir(), "out")
	res, err := Build(context.Background(), Options{Dir: dir, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	chk, err := Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for name, ds := range map[string][]diag.Diagnostic{"build": res.Diags, "check": chk.Diags} {
		var got []string
		for _, d := range ds {
			if d.Path == ".gitbook.yaml" {
				got = append(got, d.String())
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: diagnostics\n%s\nwant\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	// A key naming a page's file (guide.md) is read as its address (t61),
	// guide, where the page is, which wins.
	if res.Stats.Redirects != 1 {
		t.Errorf("%d forwarding pages, want 1 (old)", res.Stats.Redirects)
	}
	for _, f := range []string{"files/doc.pdf", "404.html", "robots.txt", "_folio/folio.css", "guide/index.html", "old/index.html"} {
		if fi, err := os.Stat(filepath.Join(out, f)); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("%s is not a file of the output: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "Guide")); err == nil {
		t.Error("Guide/ was written beside guide/")
	}
}

// TestRedirectOtherLanguage: with the default language at the site's
// root, a redirect of its .gitbook.yaml into another language's folder is
// ignored with a warning: its forwarding page would replace that
// language's page, or fail the build on its files.
func TestRedirectOtherLanguage(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":        "title: T\ndefault_at_root: true\nlanguages:\n  - {code: en, name: English, dir: en}\n  - {code: fr, name: Français, dir: fr}\n",
		"en/SUMMARY.md":    "# S\n\n* [Home](README.md)\n* [Setup](setup.md)\n",
		"en/README.md":     "# Home\n",
		"en/setup.md":      "# Setup\n",
		"en/.gitbook.yaml": "redirects:\n  fr/setup: setup.md\n  fr/search-index.js: setup.md\n  old: setup.md\n",
		"fr/SUMMARY.md":    "# S\n\n* [Accueil](README.md)\n* [Installation](setup.md)\n",
		"fr/README.md":     "# Accueil\n",
		"fr/setup.md":      "# Installation\n",
	})
	out, res := built(t, Options{Dir: dir})
	var got []string
	for _, d := range res.Diags {
		if d.Path == "en/.gitbook.yaml" {
			got = append(got, d.String())
		}
	}
	want := []string{
		"en/.gitbook.yaml:2:3: warning: redirect fr/setup → setup.md is ignored: its path is in the folder of the language fr, whose pages and files are there",
		"en/.gitbook.yaml:3:3: warning: redirect fr/search-index.js → setup.md is ignored: its path is in the folder of the language fr, whose pages and files are there",
	}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if b, err := os.ReadFile(filepath.Join(out, "fr", "setup", "index.html")); err != nil || !strings.Contains(string(b), "Installation") {
		t.Errorf("fr/setup/ is not the French page: %v", err)
	}
}

// TestRedirectAnchor: a redirect of .gitbook.yaml to page.md#anchor
// forwards to that section of the page; an anchor the page lacks is a
// warning, and the browser shows the top of the page, as for a link.
func TestRedirectAnchor(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":    "# S\n\n* [Home](README.md)\n* [Two](guides/two.md)\n",
		"README.md":     "# Home\n",
		"guides/two.md": "# Two\n\n## Contact\n",
		".gitbook.yaml": "redirects:\n  help: guides/two.md#contact\n  lost: guides/two.md#nowhere\n",
	})
	out, res := built(t, Options{Dir: dir})
	var got []string
	for _, d := range res.Diags {
		if d.Rule == "redirect-target" || d.Rule == "link-anchor" {
			got = append(got, d.String())
		}
	}
	want := []string{".gitbook.yaml:3:3: warning: redirect lost → guides/two.md: anchor #nowhere matches no heading in guides/two.md; it leads to the top of the page"}
	if !slices.Equal(got, want) {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
	for from, to := range map[string]string{"help": `"../guides/two/#contact"`, "lost": `"../guides/two/#nowhere"`} {
		b, err := os.ReadFile(filepath.Join(out, from, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "var to="+to) {
			t.Errorf("%s/ does not forward to %s:\n%s", from, to, b)
		}
	}
}

// TestRedirectToFallback: in a language with fallback copies, a
// redirect of its .gitbook.yaml to a page not translated yet forwards to
// the page's copy; to a page no language has, it is reported.
func TestRedirectToFallback(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":        fallbackYAML,
		"en/SUMMARY.md":    "# S\n\n* [Home](README.md)\n* [Hooks](hooks.md)\n",
		"en/README.md":     "# Home\n",
		"en/hooks.md":      "# Hooks\n",
		"fr/SUMMARY.md":    "# S\n\n* [Accueil](README.md)\n",
		"fr/README.md":     "# Accueil\n",
		"fr/.gitbook.yaml": "redirects:\n  old/hooks: hooks.md\n  gone: nowhere.md\n",
	})
	out, res := built(t, Options{Dir: dir})
	var got []string
	for _, d := range res.Diags {
		if d.Rule == "redirect-target" {
			got = append(got, d.Msg)
		}
	}
	if want := []string{"redirect gone → nowhere.md: the target is not a published page"}; !slices.Equal(got, want) {
		t.Errorf("redirect-target %q, want %q", got, want)
	}
	b, err := os.ReadFile(filepath.Join(out, "fr", "old", "hooks", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "../../hooks/") {
		t.Errorf("forwarding page does not lead to the copy at fr/hooks/:\n%s", b)
	}
}

// TestPagination: previous and next skip hidden pages and the pages
// under a hidden page's entry, as the sidebar does, and use a page's quoted SUMMARY.md label when it has one.
func TestPagination(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Images](images.md \"Pictures\")\n* [Hidden](hidden.md)\n  * [Child](child.md)\n  * [Images part](images.md#part)\n* [Last](last.md)\n",
		"README.md":  "# Home\n",
		"images.md":  "# Images\n",
		"hidden.md":  "---\nhidden: true\n---\n\n# Hidden\n",
		"last.md":    "# Last\n",
		"child.md":   "# Child\n",
	})
	out, _ := built(t, Options{Dir: dir})
	pagination := regexp.MustCompile(`(?s)<nav class="?pagination"?.*?</nav>`)
	text := regexp.MustCompile(`<[^>]*>`)
	for page, want := range map[string][]string{
		"index.html":        {"Pictures"},
		"images/index.html": {"Home", "Last"},
		"last/index.html":   {"Pictures"},
	} {
		nav := string(pagination.Find(readFileBytes(t, filepath.Join(out, page))))
		got := text.ReplaceAllString(nav, " ")
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: pagination %q lacks %q", page, got, w)
			}
		}
		if strings.Contains(got, "Hidden") || strings.Contains(got, "Child") || strings.Contains(got, "Images") {
			t.Errorf("%s: pagination %q names the hidden page, or a page by its heading instead of its label", page, got)
		}
	}
}

// built builds the site opts describe into a new temporary folder, and
// returns the folder and the result.
func built(t *testing.T, opts Options) (string, *Result) {
	t.Helper()
	opts.Out = filepath.Join(t.TempDir(), "out")
	res, err := Build(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return opts.Out, res
}

func readFileBytes(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNavLabels: a SUMMARY.md entry without a page and without children
// (plain text, a missing file, a file .bookignore excludes) is shown in
// the sidebar as its title alone, as HonKit shows it.
func TestNavLabels(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"book.json":   `{"title": "Labels"}`,
		".bookignore": "draft.md\n",
		"SUMMARY.md":  "* [Intro](README.md)\n* Coming soon\n* [Draft](draft.md)\n* [Gone](gone.md)\n",
		"README.md":   "# Intro\n",
		"draft.md":    "# Draft\n",
	})
	out, _ := built(t, Options{Dir: dir})
	b := string(readFileBytes(t, filepath.Join(out, "index.html")))
	for _, title := range []string{"Coming soon", "Draft", "Gone"} {
		if !regexp.MustCompile(`<span class="nav-link nav-label">` + title + `</span>`).MatchString(b) {
			t.Errorf("sidebar lacks the label %q", title)
		}
	}
	if !regexp.MustCompile(`<a class="?nav-link"? href="?\./"?[^>]*>Intro</a>`).MatchString(b) {
		t.Error("the home page's entry is not a link")
	}
}

// TestURLCase: pages whose URLs differ only in letter case are both
// published, with a warning: on a case-insensitive file system or host
// one would overwrite the other. (Made here: such files cannot be
// checked out everywhere.)
func TestURLCase(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":      "# Summary\n\n* [Home](README.md)\n* [Guide](Guide/README.md)\n* [guide](guide/README.md)\n* [A](A.md)\n* [a](a.md)\n",
		"README.md":       "# Home\n",
		"Guide/README.md": "# Guide upper\n",
		"guide/README.md": "# guide lower\n",
		"A.md":            "# A\n",
		"a.md":            "# a\n![logo](img/Logo.png) ![logo](img/logo.png) ![logo](img/logo.png)\n",
		"img/Logo.png":    "L",
		"img/logo.png":    "l",
	})
	res, err := Build(context.Background(), Options{Dir: dir, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags {
		if d.Rule == "page-url-case" {
			got = append(got, d.String())
		}
	}
	// At the entries that publish them.
	want := []string{
		`SUMMARY.md:5:1: warning: SUMMARY.md entry "guide": guide/README.md is published at /guide/, which differs from /Guide/ (Guide/README.md) only in letter case: on a case-insensitive file system or web server, one overwrites the other (rename one of them)`,
		`SUMMARY.md:7:1: warning: SUMMARY.md entry "a": a.md is published at /a/, which differs from /A/ (A.md) only in letter case: on a case-insensitive file system or web server, one overwrites the other (rename one of them)`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("page-url-case warnings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Assets too, once for the pair, at the later one in byte order.
	got = nil
	for _, d := range res.Diags {
		if d.Rule == "asset-url-case" {
			got = append(got, d.String())
		}
	}
	const wantAsset = "img/logo.png: warning: published at /img/logo.png, which differs from /img/Logo.png (img/Logo.png) only in letter case: on a case-insensitive file system or web server, one overwrites the other (rename one of them, and the links to it)"
	if strings.Join(got, "\n") != wantAsset {
		t.Errorf("asset-url-case warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), wantAsset)
	}
	// folio check tells it too (t86: it did not).
	chk, err := Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	got = nil
	for _, d := range chk.Diags {
		if d.Rule == "asset-url-case" {
			got = append(got, d.String())
		}
	}
	if strings.Join(got, "\n") != wantAsset {
		t.Errorf("check's asset-url-case warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), wantAsset)
	}
	if res.Stats.Pages != 5 {
		t.Errorf("%d pages published, want 5", res.Stats.Pages)
	}
}

// TestPageIcon: a page's front matter icon is drawn before its title in
// the sidebar and in its heading, hidden from screen readers (the title
// says it); an icon folio has not drawn is left out.
func TestPageIcon(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Launch](launch.md)\n* [Odd](odd.md)\n",
		"README.md":  "# Home\n",
		"launch.md":  "---\nicon: rocket\n---\n\n# Launch\n",
		"odd.md":     "---\nicon: no-such-icon\n---\n\n# Odd\n",
	})
	out, _ := built(t, Options{Dir: dir})
	b := string(readFileBytes(t, filepath.Join(out, "launch", "index.html")))
	icon := `<svg class="icon icon-rocket"[^>]*aria-hidden="true">`
	if !regexp.MustCompile(`href="?\.\./launch/"?[^>]*>` + icon + `.*?</svg>Launch</a>`).MatchString(b) {
		t.Error("sidebar entry lacks the page's icon")
	}
	if !regexp.MustCompile(`<h1 class="?page-title"?[^>]*>` + icon + `.*?</svg>Launch</h1>`).MatchString(b) {
		t.Error("page heading lacks the page's icon")
	}
	if strings.Contains(b, "no-such-icon") {
		t.Error("an unknown icon is drawn")
	}
}

// TestWideLayout: front matter layout: {width: wide} gives the page's
// .layout the class wide; width: default, no width, and a width GitBook
// does not have (a warning at its key) do not.
func TestWideLayout(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Wide](wide.md)\n* [Default](default.md)\n* [Full](full.md)\n",
		"README.md":  "# Home\n",
		"wide.md":    "---\nlayout:\n  width: wide\n  outline:\n    visible: false\n---\n\n# Wide\n",
		"default.md": "---\nlayout:\n  width: default\n---\n\n# Default\n",
		"full.md":    "---\nlayout:\n  width: full\n---\n\n# Full\n",
	})
	out, res := built(t, Options{Dir: dir})
	layout := regexp.MustCompile(`<div class="?(layout[^">]*)"?>`)
	for page, want := range map[string]string{
		"index.html":         "layout no-outline", // no headings: no outline
		"wide/index.html":    "layout no-outline wide",
		"default/index.html": "layout no-outline",
		"full/index.html":    "layout no-outline",
	} {
		m := layout.FindSubmatch(readFileBytes(t, filepath.Join(out, page)))
		if m == nil || string(m[1]) != want {
			t.Errorf("%s: layout %q, want %q", page, m, want)
		}
	}
	var got []string
	for _, d := range res.Diags {
		if d.Rule == "front-matter" {
			got = append(got, fmt.Sprintf("%s:%d:%d %s", d.Path, d.Line, d.Col, d.Msg))
		}
	}
	if want := []string{`full.md:3:3 layout.width is "full", neither default nor wide: it is ignored`}; !slices.Equal(got, want) {
		t.Errorf("front-matter diagnostics %q, want %q", got, want)
	}
}

// TestBookSidebarLinks: book.json's links.sidebar shows in every page's
// sidebar, an address as written and a path of the book as a link to its
// page (setup.html as HonKit publishes setup.md); a path to no page is
// left out, with a warning.
func TestBookSidebarLinks(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"book.json":       `{"title": "B", "links": {"sidebar": {"Project <home>": "https://example.org/?a=1&b=2", "Setup": "guide/setup.html#linux", "Gone": "files/manual.pdf"}}}`,
		"SUMMARY.md":      "* [Home](README.md)\n* [Guide](guide/README.md)\n  * [Setup](guide/setup.md)\n",
		"README.md":       "# Home\n",
		"guide/README.md": "# Guide\n",
		"guide/setup.md":  "# Setup\n\n## Linux\n",
	})
	out, res := built(t, Options{Dir: dir})
	for page, setup := range map[string]string{"index.html": "./guide/setup/#linux", "guide/index.html": "../guide/setup/#linux"} {
		b, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			`<li><a class="book-link custom-link" href=https://example.org/?a&#61;1&amp;b&#61;2>Project &lt;home&gt;</a></li>`,
			`<li><a class="book-link custom-file" href=` + setup + `>Setup</a></li>`,
		} {
			if !strings.Contains(string(b), want) {
				t.Errorf("%s: no %s in the sidebar", page, want)
			}
		}
		if strings.Contains(string(b), ">Gone<") {
			t.Errorf("%s: a link to no page is in the sidebar", page)
		}
	}
	var got []string
	for _, d := range res.Diags {
		if d.Rule == "link-missing" {
			got = append(got, d.String())
		}
	}
	if want := `book.json:1:16: warning: links.sidebar "Gone" leads to files/manual.pdf, which is no page of the book: left out of the sidebar (name a page's Markdown file, or a web address)`; strings.Join(got, "\n") != want {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
}

// TestSpacedSummaryNotOrphan: the file of a SUMMARY.md entry whose
// destination holds a space is reported once, at the entry (link-space,
// which says how to link it), not again as an orphan.
func TestSpacedSummaryNotOrphan(t *testing.T) {
	_, res := built(t, Options{Dir: testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [My page](my page.md)\n",
		"README.md":  "# Home\n",
		"my page.md": "# My page\n",
		"stale.md":   "# Stale\n",
	})})
	var got []string
	for _, d := range res.Diags {
		if d.Rule == "orphan" || d.Rule == "link-space" {
			got = append(got, d.Path+" "+d.Rule)
		}
	}
	if want := "SUMMARY.md link-space, stale.md orphan"; strings.Join(got, ", ") != want {
		t.Errorf("diagnostics %q, want %q", strings.Join(got, ", "), want)
	}
}

// TestMissingContentError: a content folder site.yaml names that does not
// exist fails the build with site.yaml's words, at its line, once, not
// with the Go error of a language the author did not name.
func TestMissingContentError(t *testing.T) {
	dir := testkit.Site(t, map[string]string{"site.yaml": "title: T\ncontent: nonexistent\n"})
	_, err := Build(context.Background(), Options{Dir: dir, Out: filepath.Join(t.TempDir(), "o")})
	if err == nil || err.Error() != `site.yaml:2:1: content directory "nonexistent" does not exist` {
		t.Errorf("err = %v", err)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("err %v does not wrap its cause", err)
	}
	// Another mistake of site.yaml does not hide why a space cannot be read.
	dir = testkit.Site(t, map[string]string{"site.yaml": "title: T\ncolour: blue\n", "README.md": "# Home\n"})
	if err := os.Mkdir(filepath.Join(dir, ".gitbook.yaml"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err = Build(context.Background(), Options{Dir: dir, Out: filepath.Join(t.TempDir(), "o")})
	if err == nil || !strings.Contains(err.Error(), ".gitbook.yaml") {
		t.Errorf("with an unrelated site.yaml mistake: err = %v, want the .gitbook.yaml cause", err)
	}
}

// TestOutputFilesGone: a file put by hand at the top of the output (a
// host's CNAME), which the build does not write, is removed with a
// warning that says where such files go (t63: without a word), at the
// output's path from the site's folder, sorted among the others (t91).
func TestOutputFilesGone(t *testing.T) {
	dir := testkit.Site(t, map[string]string{"README.md": "# Home\n", "zeta.md": "# Zeta\n\n### Skipped\n"})
	out := filepath.Join(dir, "public")
	if _, err := Build(context.Background(), Options{Dir: dir, Out: out}); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "CNAME"), []byte("docs.example.org\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Options{Dir: dir, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, d := range res.Diags {
		if d.Rule == "output" {
			msgs = append(msgs, d.Msg+" ("+d.Hint+")")
			if d.Path != "public" {
				t.Errorf("the warning is at %q, want public", d.Path)
			}
		}
	}
	if !slices.IsSortedFunc(res.Diags, diag.Compare) {
		t.Errorf("diagnostics not sorted: %v", res.Diags)
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0], "removed CNAME") || !strings.Contains(msgs[0], "static/") {
		t.Errorf("output diagnostics %q, want one that names CNAME and static/", msgs)
	}
	if res, err := Build(context.Background(), Options{Dir: dir, Out: out}); err != nil || slices.ContainsFunc(res.Diags, func(d diag.Diagnostic) bool { return d.Rule == "output" }) {
		t.Errorf("a build over its own output warns: %v %v", err, res.Diags)
	}
}
