package site

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"folio/internal/diag"
	"folio/internal/testkit"
)

// reviewRepo is testkit's review repository with one more commit on the
// English setup page after the tag v1.0, so that every kind of change is
// there: since v1.0, a paragraph changed, a list item inserted and one
// changed, a table row changed and one inserted, paragraphs removed
// (setup); a page added (new-page), one removed (obsolete), one renamed
// (old-name → install), one changed (engagement).
func reviewRepo(t testing.TB) *testkit.ReviewRepo {
	r := testkit.NewReviewRepo(t, "")
	setup, err := os.ReadFile(filepath.Join(r.Site, "en/guide/setup.md"))
	if err != nil {
		t.Fatal(err)
	}
	v3 := strings.NewReplacer(
		"* A keyboard\n", "* A keyboard\n* A mouse\n",
		"| port    | 4000    |", "| port    | 8080    |",
		"\nRestart the tool.\n", "",
	).Replace(string(setup))
	r.Write(map[string]string{"en/guide/setup.md": v3})
	r.Commits["more"] = r.Commit("Alice Martin <alice@example.org>", "Setup: a mouse, another port")
	return r
}

// buildReview builds the site of r into a new directory, not minified,
// with review mode since ref ("" for none), and returns the output
// directory and the diagnostics.
func buildReview(t *testing.T, dir, ref string) (string, []diag.Diagnostic) {
	t.Helper()
	out, res := built(t, Options{Dir: dir, NoMinify: true, Review: ref})
	return out, res.Diags
}

func readOut(t *testing.T, out, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// between returns the part of s from the first start to the end of the
// first end after it.
func between(t *testing.T, s, start, end string) string {
	t.Helper()
	i := strings.Index(s, start)
	if i < 0 {
		t.Fatalf("%q not found", start)
	}
	j := strings.Index(s[i:], end)
	if j < 0 {
		t.Fatalf("%q not found after %q", end, start)
	}
	return s[i : i+j+len(end)]
}

// pageMeta is the footer of a page's stamp and edit link, which review
// mode does not decide.
var pageMeta = regexp.MustCompile(`(?s)\n?<footer class="page-meta">.*?</footer>`)

// TestReviewGolden compares the review marks of the changed setup page
// (its banner and content) and the English review index with
// testdata/review/*.html (-update rewrites them).
func TestReviewGolden(t *testing.T) {
	r := reviewRepo(t)
	out, ds := buildReview(t, r.Site, "v1.0")
	for _, d := range ds {
		if d.Severity == diag.Error {
			t.Errorf("diagnostic: %s", d)
		}
	}
	setup := readOut(t, out, "en/guide/setup/index.html")
	got := map[string]string{
		"setup.html": pageMeta.ReplaceAllString(between(t, setup, `<div class="review-banner"`, "</article>"), "") + "\n",
		"index.html": between(t, readOut(t, out, "en/_review/index.html"), "<main", "</main>") + "\n",
	}
	for name, html := range got {
		file := filepath.Join("testdata", "review", name)
		if *update {
			if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(html), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(string(want), html); d != "" {
			t.Errorf("%s (-want +got):\n%s", file, d)
		}
	}
}

// TestReview checks what review mode marks, and where, against the
// history of reviewRepo; and that search indexes the pages as they are.
func TestReview(t *testing.T) {
	r := reviewRepo(t)
	out, ds := buildReview(t, r.Site, "v1.0")
	for _, d := range ds {
		if d.Rule == "review" {
			t.Errorf("diagnostic: %s", d)
		}
	}
	setup := readOut(t, out, "en/guide/setup/index.html")
	for _, want := range []string{
		// The banner: the status, the sections, the index.
		`<div class="review-banner" role="note" data-review="changed">`,
		`href="#requirements">2 sections</a>`,
		`<a href="../../../en/_review/">All changes since v1.0</a>`,
		// The marks.
		`<p class="review-changed" data-review="changed">You need a computer with 4 GB of memory.</p>`,
		`<li class="review-inserted" data-review="inserted">A mouse</li>`,
		`<li class="review-changed" data-review="changed">A large screen</li>`,
		`<tr class="review-changed" data-review="changed">`,
		`<tr class="review-inserted" data-review="inserted">`,
		`<details class="review-removed" data-review="removed"><summary>Removed text</summary><del class="review-removed-body">`,
		`<p>Restart the tool.</p>`,
		// The sidebar.
		`guide/setup/ aria-current=page>setup<span class=nav-review data-review=changed aria-hidden=true>●</span><span class=visually-hidden> (Changed since v1.0)</span>`,
		`guide/install/>install<span class=nav-review data-review=renamed`,
		`guide/new-page/>new-page<span class=nav-review data-review=added`,
		`engagement/>engagement<span class=nav-review data-review=changed`,
		// What screen readers say after a marked block, which shows it by
		// its outline alone (tester, WCAG 1.3.1).
		`<style>.page{--review-said-inserted:" (New since v1.0)";--review-said-changed:" (Changed since v1.0)"}</style>`,
	} {
		if !strings.Contains(setup, want) {
			t.Errorf("the setup page lacks %s", want)
		}
	}
	// The sidebar marks nothing else: the home page did not change.
	if n := strings.Count(setup, `class=nav-review`); n != 4 {
		t.Errorf("%d sidebar marks, want 4 (setup, install, new-page, engagement)", n)
	}
	// The unchanged home page has no banner and no mark, the added page a
	// banner without marks, the renamed one its former address.
	home := readOut(t, out, "en/index.html")
	if strings.Contains(home, `class="review-banner"`) || strings.Contains(home, `data-review="inserted"`) {
		t.Error("the unchanged home page is marked")
	}
	added := readOut(t, out, "en/guide/new-page/index.html")
	if !strings.Contains(added, `<strong>New since v1.0</strong>`) || strings.Contains(added, `class="review-inserted"`) {
		t.Error("the added page has no banner, or marks")
	}
	install := readOut(t, out, "en/guide/install/index.html")
	if !strings.Contains(install, `data-review="renamed"`) || !strings.Contains(install, `<code>en/guide/old-name/</code>`) {
		t.Error("the renamed page does not give its former address")
	}

	index := readOut(t, out, "en/_review/index.html")
	for _, want := range []string{
		`<a href="../../en/guide/setup/">Setup</a>`,
		`<a href="../../en/engagement/">Engagement</a>`,
		`<a href="../../en/guide/new-page/">New page</a>`,
		`<a href="../../en/guide/install/">Installing</a>`,
		`Obsolete <code class="review-from">en/obsolete/</code>`,
		`<meta name="robots" content="noindex">`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("the review index lacks %s", want)
		}
	}
	// The French pages did not change since v1.0: their index says so.
	fr := readOut(t, out, "fr/_review/index.html")
	if !strings.Contains(fr, "v1.0") || strings.Contains(fr, "<table") || strings.Contains(readOut(t, out, "fr/engagement/index.html"), "review-banner") {
		t.Error("the French review index lists changes, or a French page is marked")
	}

	// Search has the pages as they are: no marks, no removed text.
	search := readOut(t, out, "en/search-index.js")
	if strings.Contains(search, "Restart the tool") || strings.Contains(search, "Removed text") {
		t.Error("search indexes the removed text")
	}
	if !strings.Contains(search, "validate command") {
		t.Error("search lacks the new text")
	}
}

// TestReviewHeader: a page whose title or description alone changed is
// a changed page: listed in the index, with a banner that links to the
// start of the page, and its title or description marked (tester: such a
// page was "nothing has changed", though readers see both).
func TestReviewHeader(t *testing.T) {
	r := testkit.NewGitRepo(t)
	r.Write(map[string]string{
		"SUMMARY.md": "* [Home](README.md)\n* [Rules](rules.md)\n* [Notes](notes.md)\n* [Tool](tool.md)\n",
		"README.md":  "# Home\n\nText.\n",
		"rules.md":   "# Requirements\n\nThe rules.\n",
		"notes.md":   "---\ndescription: Old notes.\n---\n\n# Notes\n\nThe notes.\n",
		"tool.md":    "<h1 align=\"center\">Acme Tool</h1>\n\nText.\n\n## Section\n",
	})
	r.Commit("Alice <alice@example.org>", "First")
	r.Tag("v1")
	r.Write(map[string]string{
		"rules.md": "# Functional requirements\n\nThe rules.\n",
		"notes.md": "---\ndescription: New notes.\n---\n\n# Notes\n\nThe notes.\n",
		"tool.md":  "<h1 align=\"center\">Acme Tools</h1>\n\nText.\n\n## Section\n",
	})
	r.Commit("Alice <alice@example.org>", "Retitled")
	out, _ := buildReview(t, r.Dir, "v1")
	for file, want := range map[string]string{
		"rules/index.html": `<h1 class="page-title review-changed" data-review="changed" id="functional-requirements">`,
		"notes/index.html": `<p class="page-description review-changed" data-review="changed">New notes.</p>`,
	} {
		page := readOut(t, out, file)
		if !strings.Contains(page, want) || !strings.Contains(page, `<div class="review-banner" role="note" data-review="changed">`) {
			t.Errorf("%s lacks its banner or %s", file, want)
		}
	}
	// A title the body holds, an HTML <h1>, is one changed section, not a
	// second one at the start of the page (t66).
	if tool := readOut(t, out, "tool/index.html"); !strings.Contains(tool, `<a href="#acme-tools">1 section</a>`) {
		t.Errorf("tool/index.html: the retitled HTML <h1> is not one changed section:\n%s", tool)
	}
	index := readOut(t, out, "_review/index.html")
	if !strings.Contains(index, `>Functional requirements</a>`) || !strings.Contains(index, `>Notes</a>`) {
		t.Errorf("the review index lacks the retitled pages:\n%s", index)
	}
}

// TestReviewOff checks that without review mode nothing of it is in the
// output, and that a build with it and one without differ only in the
// pages it marks.
func TestReviewOff(t *testing.T) {
	r := reviewRepo(t)
	out, _ := buildReview(t, r.Site, "")
	err := filepath.WalkDir(out, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() || strings.Contains(p, "_folio") {
			return err // the theme's own files style review mode
		}
		if strings.Contains(p, "_review") {
			t.Errorf("%s written without review mode", p)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, w := range []string{"data-review", "review-banner", "_review/"} {
			if strings.Contains(string(b), w) {
				t.Errorf("%s holds %s without review mode", p, w)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestReviewConfig turns review mode on from site.yaml, and checks that
// --review wins over it.
func TestReviewConfig(t *testing.T) {
	r := reviewRepo(t)
	yaml := readOut(t, r.Site, "site.yaml")
	r.Write(map[string]string{"site.yaml": yaml + "review:\n  since: v1.0\n"})
	out, _ := buildReview(t, r.Site, "")
	if !strings.Contains(readOut(t, out, "en/guide/setup/index.html"), `data-review="changed"`) {
		t.Error("review: since in site.yaml marks nothing")
	}
	// Since the last commit, nothing changed.
	out, _ = buildReview(t, r.Site, "HEAD")
	if strings.Contains(readOut(t, out, "en/guide/setup/index.html"), `class="review-banner"`) {
		t.Error("--review HEAD marks the setup page")
	}
	if !strings.Contains(readOut(t, out, "en/_review/index.html"), "Nothing has changed since HEAD.") {
		t.Error("the index of --review HEAD lists changes")
	}
}

// TestReviewErrors: a reference git does not know, and a site outside
// git, are error diagnostics; the site builds, unmarked.
func TestReviewErrors(t *testing.T) {
	r := reviewRepo(t)
	check := func(dir, ref, page, want string) {
		t.Helper()
		out, ds := buildReview(t, dir, ref)
		found := false
		for _, d := range ds {
			if d.Rule == "review" && d.Severity == diag.Error && strings.Contains(d.String(), want) {
				found = true
			}
		}
		if !found {
			t.Errorf("--review %s: no error diagnostic saying %q in %v", ref, want, ds)
		}
		if _, err := os.Stat(filepath.Join(out, "en/_review")); err == nil {
			t.Errorf("--review %s: a review index is written", ref)
		}
		if strings.Contains(readOut(t, out, page), "data-review") {
			t.Errorf("--review %s: the setup page is marked", ref)
		}
	}
	check(r.Site, "v9.9", "en/guide/setup/index.html", `--review: error: git knows no tag, branch or commit "v9.9" to review the changes since`)
	check(r.Site, "--output=/tmp/x", "en/guide/setup/index.html", `git knows no tag, branch or commit "--output=/tmp/x"`)

	// From site.yaml, the diagnostic points at its line.
	yaml := readOut(t, r.Site, "site.yaml")
	r.Write(map[string]string{"site.yaml": yaml + "review:\n  since: v0\n"})
	check(r.Site, "", "en/guide/setup/index.html", fmt.Sprintf(`site.yaml:%d: error: git knows no tag, branch or commit "v0"`, strings.Count(yaml, "\n")+1))
	r.Write(map[string]string{"site.yaml": yaml})

	plain := testkit.Site(t, map[string]string{
		"site.yaml":    "title: Plain\nlanguages:\n  - code: en\n    dir: en\n",
		"en/README.md": "# Home\n\nNo git here.\n",
	})
	check(plain, "v1.0", "index.html", "review mode needs the git history of the site")
}

// TestReviewInclude: a change of an included file marks the pages that
// include it, since the old version reads its includes at the reference.
func TestReviewInclude(t *testing.T) {
	g := testkit.NewGitRepo(t)
	g.Write(map[string]string{
		"README.md":                 "# Home\n\nWelcome.\n",
		"SUMMARY.md":                "# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n",
		"page.md":                   "# Page\n\nIntro.\n\n{% include \".gitbook/includes/note.md\" %}\n",
		".gitbook/includes/note.md": "Shared text.\n",
		".gitbook.yaml":             "root: ./\n",
	})
	g.Commit("Alice <alice@example.org>", "first")
	g.Tag("v1")
	g.Write(map[string]string{".gitbook/includes/note.md": "Shared text, revised.\n"})
	g.Commit("Alice <alice@example.org>", "second")
	out, _ := buildReview(t, g.Dir, "v1")
	page := readOut(t, out, "page/index.html")
	if !strings.Contains(page, `<p class="review-changed" data-review="changed">Shared text, revised.</p>`) {
		t.Errorf("the page that includes the changed file is not marked:\n%s", between(t, page, "<main", "</main>"))
	}
	if strings.Contains(readOut(t, out, "index.html"), `class="review-banner"`) {
		t.Error("the home page is marked")
	}
}

// TestReviewNavOpen: in review mode, a sidebar group that holds a marked
// page is open on every page, its marks in view (t95: hidden in a
// collapsed group); groups without one stay as they were.
func TestReviewNavOpen(t *testing.T) {
	g := testkit.NewGitRepo(t)
	g.Write(map[string]string{
		"README.md":      "# Home\n\nWelcome.\n",
		"SUMMARY.md":     "# Summary\n\n* [Home](README.md)\n* [Architecture](arch/README.md)\n  * [Components](arch/comp.md)\n* [Guide](guide/README.md)\n  * [Setup](guide/setup.md)\n",
		"arch/README.md": "# Architecture\n\nText.\n", "arch/comp.md": "# Components\n\nOld.\n",
		"guide/README.md": "# Guide\n\nText.\n", "guide/setup.md": "# Setup\n\nText.\n",
		".gitbook.yaml": "root: ./\n",
	})
	g.Commit("Alice <alice@example.org>", "first")
	g.Tag("v1")
	g.Write(map[string]string{"arch/comp.md": "# Components\n\nNew.\n"})
	g.Commit("Alice <alice@example.org>", "second")
	out, _ := buildReview(t, g.Dir, "v1")
	groups := regexp.MustCompile(`<details class=nav-children( open)?>.*?</details>`).FindAllStringSubmatch(readOut(t, out, "index.html"), -1)
	if len(groups) != 2 || groups[0][1] != " open" || !strings.Contains(groups[0][0], "arch/comp/") || groups[1][1] != "" {
		t.Errorf("on the home page, the groups are %q; want Architecture's open, with its changed page, and Guide's closed", groups)
	}
}

// TestReviewSpec: a change of the spec a page's API block shows is marked
// on that page, which the review index lists, though the page's own file
// did not change (t95: nothing was marked).
func TestReviewSpec(t *testing.T) {
	g := testkit.NewGitRepo(t)
	spec := "openapi: 3.0.3\ninfo: {title: Records, version: '1'}\npaths:\n  /records:\n    post:\n      summary: Add a record\n      responses:\n        '201': {description: Created}\n"
	g.Write(map[string]string{
		"README.md":     "# Home\n\nWelcome.\n",
		"SUMMARY.md":    "# Summary\n\n* [Home](README.md)\n* [API](api.md)\n",
		"api.md":        "# API\n\n{% openapi src=\"spec.yaml\" path=\"/records\" method=\"post\" %}\n[spec.yaml](spec.yaml)\n{% endopenapi %}\n",
		"spec.yaml":     spec,
		".gitbook.yaml": "root: ./\n",
	})
	g.Commit("Alice <alice@example.org>", "first")
	g.Tag("v1")
	g.Write(map[string]string{"spec.yaml": spec + "        '409': {description: Already there}\n"})
	g.Commit("Alice <alice@example.org>", "a conflict response")
	out, _ := buildReview(t, g.Dir, "v1")
	page := readOut(t, out, "api/index.html")
	if !strings.Contains(page, "Already there") || !strings.Contains(page, `class="api-op review-changed"`) {
		t.Errorf("the page whose spec changed is not marked:\n%s", between(t, page, "<main", "</main>"))
	}
	// The page's stamp is the spec's commit, its last change.
	if !strings.Contains(page, g.Git("rev-parse", "--short", "HEAD")) {
		t.Errorf("the page's stamp is not the spec's commit %s:\n%s", g.Git("rev-parse", "--short", "HEAD"), pageMeta.FindString(page))
	}
	if index := readOut(t, out, "_review/index.html"); !strings.Contains(index, "api/") {
		t.Errorf("the review index does not list the page:\n%s", between(t, index, "<main", "</main>"))
	}
}

// BenchmarkReviewBuild measures a build in review mode of a repository
// of 1,000 commits and 500 pages (and one commit that adds a home page
// and SUMMARY.md), since 101 commits before HEAD (some 250 pages changed),
// beside the same build without review mode:
//
//	go test -run '^$' -bench ReviewBuild -benchtime 5x ./internal/site
func BenchmarkReviewBuild(b *testing.B) {
	g := testkit.GenerateGitRepo(b, 1000, 500)
	ref := g.Git("rev-parse", "HEAD~100")
	// A home page and a SUMMARY.md of every page make it a GitBook space,
	// in one more commit.
	var sum strings.Builder
	sum.WriteString("# Summary\n\n* [Home](README.md)\n")
	for _, f := range strings.Split(g.Git("ls-files"), "\n") {
		fmt.Fprintf(&sum, "* [%s](<%s>)\n", strings.TrimSuffix(path.Base(f), ".md"), f)
	}
	g.Write(map[string]string{"README.md": "# Home\n\nA generated book.\n", "SUMMARY.md": sum.String()})
	g.Commit("Alice <alice@example.org>", "Home and summary")
	out := filepath.Join(benchOutDir(b), "public")
	for _, bc := range []struct{ name, ref string }{{"plain", ""}, {"review", ref}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				res, err := Build(context.Background(), Options{Dir: g.Dir, Out: out, Review: bc.ref})
				if err != nil {
					b.Fatal(err)
				}
				if n := diag.Count(res.Diags, diag.Error); n > 0 {
					b.Fatalf("%d errors: %v", n, res.Diags)
				}
			}
		})
	}
}

// TestReviewSession: in the live preview, an edit in review mode asks
// for a full build, which marks the pages anew.
func TestReviewSession(t *testing.T) {
	r := reviewRepo(t)
	ss, _ := builtSession(t, Options{Dir: r.Site, NoMinify: true, Dev: true, Review: "v1.0"})
	page := filepath.Join(r.Site, "en", "README.md")
	r.Write(map[string]string{"en/README.md": "# Home\n\nThe specification under review, edited.\n"})
	if _, ok, err := ss.Update(context.Background(), []string{page}); ok || err != nil {
		t.Errorf("update in review mode: ok=%v err=%v, want a full build", ok, err)
	}
}
