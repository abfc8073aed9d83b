package site

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"folio/internal/diag"
	"folio/internal/testkit"
)

// historyYAML is the review repository's site.yaml with the keys that
// give links to the host, and a base URL for citable addresses.
const historyYAML = "title: Review test\nbase_url: https://example.org/book/\nrepo_url: https://github.com/example/book\n" +
	"languages:\n  - code: en\n    name: English\n    dir: en\n    default: true\n  - code: fr\n    name: Français\n    dir: fr\n"

// historyRepo is testkit's review repository (see NewReviewRepo) with the
// site in sub, and one more commit, "typo" (Bob, day 6): the French setup
// page is corrected but still says it follows the initial English page
// (its translated_from, abbreviated, wins over its newer date), and the
// French home page says it follows v1.0, since when its English original
// has not changed. site.yaml, with repo_url, is left uncommitted.
func historyRepo(t *testing.T, sub string) *testkit.ReviewRepo {
	t.Helper()
	r := testkit.NewReviewRepo(t, sub)
	r.Write(map[string]string{
		path.Join(sub, "fr/guide/setup.md"): "---\ntranslated_from: " + r.Commits["initial"][:9] + "\n---\n\n# Mise en place\n\n" +
			"Installez l'outil, puis configurez-le.\n\n## Prérequis\n\nIl vous faut un ordinateur.\n",
		path.Join(sub, "fr/README.md"): "---\ntranslated_from: v1.0\n---\n\n# Accueil\n\nLa spécification en cours d'examen.\n",
	})
	r.Commits["typo"] = r.Commit("Bob Tremblay <bob@example.org>", "Corrections")
	r.Write(map[string]string{path.Join(sub, "site.yaml"): historyYAML})
	return r
}

// histBuild builds the site in dir, not minified, and returns the output
// directory and the result.
func histBuild(t *testing.T, dir string, minify bool) (string, *Result) {
	t.Helper()
	out, res := built(t, Options{Dir: dir, NoMinify: !minify})
	return out, res
}

func histRead(t *testing.T, out, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// histMain is the <main> element of a page: what the history changes, and
// not the sidebar.
func histMain(t *testing.T, page string) string {
	t.Helper()
	i, j := strings.Index(page, "<main"), strings.Index(page, "</main>")
	if i < 0 || j < i {
		t.Fatalf("no <main> in\n%s", page)
	}
	return page[i:j+len("</main>")] + "\n"
}

// rules lists the diagnostics of the given rules, as text.
func histRules(ds []diag.Diagnostic, names ...string) []string {
	var out []string
	for _, d := range ds {
		if slices.Contains(names, d.Rule) {
			out = append(out, d.String()+" ["+d.Rule+"]")
		}
	}
	return out
}

var histCommentHref = regexp.MustCompile(`<a class="comment-link" href="([^"]+)"`)

// TestHistoryBuild builds the review repository, at the root of the
// repository and in a folder of it: stamps, edit and comment links,
// freshness notices, forwarding of the moved page.
func TestHistoryBuild(t *testing.T) {
	t.Parallel()
	for _, sub := range []string{"", "docs"} {
		t.Run("sub="+sub, func(t *testing.T) {
			t.Parallel()
			r := historyRepo(t, sub)
			out, res := histBuild(t, r.Site, false)
			short := func(label string) string { return r.Git("rev-parse", "--short", r.Commits[label]) }
			inRepo := ""
			if sub != "" {
				inRepo = sub + "/"
			}

			setup := histRead(t, out, "en/guide/setup/index.html")
			for _, want := range []string{
				// The last change of the page: the commit "edit", on day 2.
				`<p class="page-stamp">Last changed on <time datetime="2024-01-03">`,
				`<a class="commit-link" href="https://github.com/example/book/commit/` + r.Commits["edit"] + `"><code>` + short("edit") + `</code></a>`,
				`<a class="edit-link" href="https://github.com/example/book/edit/main/` + inRepo + `en/guide/setup.md">`,
			} {
				if !strings.Contains(setup, want) {
					t.Errorf("en/guide/setup/ lacks %s", want)
				}
			}
			// A comment link ends each heading; the issue quotes the section.
			m := histCommentHref.FindAllStringSubmatch(setup, -1)
			if len(m) != 2 {
				t.Fatalf("comment links: %d, want 2 (Requirements, Configuration)", len(m))
			}
			if !strings.Contains(setup, `Requirements<a class="comment-link"`) {
				t.Error("the comment link is not the heading's last child")
			}
			u, err := url.Parse(strings.ReplaceAll(m[0][1], "&amp;", "&"))
			if err != nil {
				t.Fatal(err)
			}
			q := u.Query()
			wantBody := "https://example.org/book/en/guide/setup/#requirements\n\n> You need a computer with 4 GB of memory.\n" +
				"> A keyboard\n> A large screen\n> A network connection\n> Setting Default\n> port 4000\n"
			if u.Host != "github.com" || u.Path != "/example/book/issues/new" || q.Get("title") != "Setup: Requirements" {
				t.Errorf("comment link %s", u)
			}
			if d := cmp.Diff(wantBody, q.Get("body")); d != "" {
				t.Errorf("issue body (-want +got):\n%s", d)
			}

			// The moved page: stamped by its rename, its old address forwards
			// to it, fragment included.
			install := histRead(t, out, "en/guide/install/index.html")
			if !strings.Contains(install, `<time datetime="2024-01-04">`) || !strings.Contains(install, short("rename")) {
				t.Error("en/guide/install/ is not stamped with its rename")
			}
			fwd := histRead(t, out, "en/guide/old-name/index.html")
			for _, want := range []string{`var to="../install/";`, `location.replace(location.hash?to.replace(/#.*/,"")+location.hash:to)`, `content="0; url=../install/index.html"`,
				`<link rel="canonical" href="https://example.org/book/en/guide/install/">`, `<a href="../install/index.html">Installing</a>`} {
				if !strings.Contains(fwd, want) {
					t.Errorf("forwarding page lacks %s:\n%s", want, fwd)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "en", "obsolete", "index.html")); err == nil {
				t.Error("the deleted page has a forwarding page")
			}

			// Translations: the engagement page by date, the setup page by
			// its translated_from; the home page follows v1.0, still current.
			eng := histRead(t, out, "fr/engagement/index.html")
			if !strings.Contains(eng, `<div class="notice outdated-notice" role="note">`) ||
				!strings.Contains(eng, `<a href="../../en/engagement/" hreflang="en" lang="en">English</a>`) ||
				!strings.Contains(eng, `<time datetime="2024-01-05">`) {
				t.Errorf("fr/engagement/ has no freshness notice:\n%s", histMain(t, eng))
			}
			if !strings.Contains(histRead(t, out, "fr/guide/setup/index.html"), "outdated-notice") {
				t.Error("fr/guide/setup/ has no freshness notice: translated_from should win over its newer date")
			}
			for _, p := range []string{"fr/index.html", "en/engagement/index.html"} {
				if strings.Contains(histRead(t, out, p), "outdated-notice") {
					t.Errorf("%s has a freshness notice", p)
				}
			}

			// One forwarding page, said once; no history problem.
			inSite := func(p string) string { return p }
			got := histRules(res.Diags, "moved-page", "history", "translated-from", "repo-url")
			want := []string{inSite("en/guide/install.md") + ": info: moved from en/guide/old-name.md in " + short("rename") +
				": its old address /en/guide/old-name/ forwards here (to keep the old address for good, add it to en/.gitbook.yaml: redirects: {guide/old-name: guide/install.md}) [moved-page]"}
			if d := cmp.Diff(want, got); d != "" {
				t.Errorf("diagnostics (-want +got):\n%s", d)
			}

			if sub == "" {
				histGolden(t, "testdata/history/setup-fr.html", histMain(t, histRead(t, out, "fr/guide/setup/index.html")))
				histGolden(t, "testdata/history/setup-en.html", histMain(t, setup))
			}
		})
	}
}

// golden compares got with the file, or rewrites it with -update.
func histGolden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", file, d)
	}
}

// TestHistoryMinified: the comment links find the headings of a minified
// body too, whose attributes lose their quotes.
func TestHistoryMinified(t *testing.T) {
	t.Parallel()
	r := historyRepo(t, "")
	out, _ := histBuild(t, r.Site, true)
	setup := histRead(t, out, "en/guide/setup/index.html")
	if n := strings.Count(setup, `class="comment-link"`); n != 2 {
		t.Errorf("%d comment links in the minified page, want 2", n)
	}
	if !strings.Contains(setup, "page-stamp") {
		t.Error("no stamp in the minified page")
	}
}

// TestCheckTranslations: check lists the outdated translations with both
// commits and how far the original moved.
func TestCheckTranslations(t *testing.T) {
	t.Parallel()
	r := historyRepo(t, "")
	res, err := Check(context.Background(), Options{Dir: r.Site, Translations: true})
	if err != nil {
		t.Fatal(err)
	}
	short := func(label string) string { return r.Git("rev-parse", "--short", r.Commits[label]) }
	var got []string
	for _, o := range res.Outdated {
		got = append(got, fmt.Sprintf("%s %s %s %s %s %s meta=%v %d/%d measured=%v", o.Lang, o.Path, o.Original, o.OriginalCommit,
			o.OriginalDate.Format(time.DateOnly), o.Since, o.FromMeta, o.Insertions, o.Deletions, o.Measured))
	}
	want := []string{
		"fr fr/guide/setup.md en/guide/setup.md " + short("edit") + " 2024-01-03 " + short("initial") + " meta=true 4/3 measured=true",
		"fr fr/engagement.md en/engagement.md " + short("original") + " 2024-01-05 " + short("translation") + " meta=false 2/2 measured=true",
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("outdated translations (-want +got):\n%s", d)
	}
	if ds := histRules(res.Diags, "moved-page"); len(ds) != 1 {
		t.Errorf("check lists %d moved pages, want 1: %v", len(ds), ds)
	}
}

// histCopy copies the work tree of dir, without .git, into a new
// directory outside any repository.
func histCopy(t *testing.T, dir string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "site")
	if err := os.CopyFS(dst, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dst, ".git")); err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestNoHistory: outside git, or in a shallow clone, pages have no stamps
// and no notices, and one info line says why when the author could
// expect them; a site that is not in git and asks for nothing of it says
// nothing.
func TestNoHistory(t *testing.T) {
	r := historyRepo(t, "")
	// git must not find a repository above the temporary folder either.
	t.Setenv("GIT_CEILING_DIRECTORIES", os.TempDir())

	check := func(t *testing.T, dir string, wantDiag []string, editLinks bool) {
		t.Helper()
		out, res := histBuild(t, dir, false)
		setup := histRead(t, out, "en/guide/setup/index.html")
		if strings.Contains(setup, "page-stamp") || strings.Contains(histRead(t, out, "fr/engagement/index.html"), "outdated-notice") {
			t.Error("a stamp or a notice without history")
		}
		if _, err := os.Stat(filepath.Join(out, "en/guide/old-name/index.html")); err == nil {
			t.Error("a forwarding page without history")
		}
		// Edit and comment links need repo_url only: the site is taken
		// for the whole repository.
		if got := strings.Contains(setup, `href="https://github.com/example/book/edit/main/en/guide/setup.md"`); got != editLinks {
			t.Errorf("edit link shown: %v, want %v", got, editLinks)
		}
		if got := strings.Contains(setup, `class="comment-link"`); got != editLinks {
			t.Errorf("comment links shown: %v, want %v", got, editLinks)
		}
		got := histRules(res.Diags, "history")
		if len(got) != len(wantDiag) {
			t.Fatalf("history diagnostics %q, want %q", got, wantDiag)
		}
		for i, w := range wantDiag {
			// "…" stands for git's own words, which differ by version.
			re := regexp.MustCompile("^" + strings.ReplaceAll(regexp.QuoteMeta(w), "…", ".*") + "$")
			if !re.MatchString(got[i]) {
				t.Errorf("history diagnostic\n%s\nwant\n%s", got[i], w)
			}
		}
	}
	t.Run("not in git, repo_url", func(t *testing.T) {
		check(t, histCopy(t, r.Site), []string{"site.yaml: info: no page history: not in a git work tree…; " +
			"pages show no last change, translation notices or forwarding of moved pages [history]"}, true)
	})
	t.Run("not in git, nothing asked", func(t *testing.T) {
		dir := histCopy(t, r.Site)
		testkit.WriteFiles(t, dir, map[string]string{"site.yaml": strings.Replace(historyYAML, "repo_url: https://github.com/example/book\n", "", 1)})
		check(t, dir, nil, false)
	})
	t.Run("shallow clone", func(t *testing.T) {
		dst := filepath.Join(t.TempDir(), "clone")
		r.Git("clone", "-q", "--depth", "1", "file://"+r.Dir, dst)
		testkit.WriteFiles(t, dst, map[string]string{"site.yaml": historyYAML})
		// The CI advice once (tester: it was given twice).
		check(t, dst, []string{"site.yaml: info: no page history: shallow clone: fetch the full history (git fetch --unshallow); " +
			"pages show no last change, translation notices or forwarding " +
			"of moved pages (in CI, fetch the whole history: fetch-depth: 0 in actions/checkout, GIT_DEPTH: 0 in GitLab CI) [history]"}, true)
	})
}

// TestTranslatedFromUnknown: a translated_from that git does not know is
// a warning, and the translation is compared by date.
func TestTranslatedFromUnknown(t *testing.T) {
	t.Parallel()
	r := historyRepo(t, "")
	r.Write(map[string]string{
		"fr/engagement.md": "---\ntitle: Engagement\ntranslated_from: 0123456789abcdef\n---\n\n# Engagement\n\nLes parties prenantes.\n",
		"en/README.md":     "---\ntranslated_from: abc1234\n---\n\n# Home\n\nThe specification under review.\n",
	})
	out, res := histBuild(t, r.Site, false)
	want := []string{
		"en/README.md:2:1: warning: translated_from on a page of the default language, which is translated from nothing: ignored [translated-from]",
		`fr/engagement.md:3:1: warning: translated_from: git knows no commit "0123456789abcdef"; the translation is compared with its original by date ` +
			"(give the hash of the commit of the original that the translation follows) [translated-from]",
	}
	if d := cmp.Diff(want, histRules(res.Diags, "translated-from")); d != "" {
		t.Errorf("diagnostics (-want +got):\n%s", d)
	}
	if !strings.Contains(histRead(t, out, "fr/engagement/index.html"), "outdated-notice") {
		t.Error("fr/engagement/ is not compared by date")
	}
}

// TestOutdatedRebased: an original's change written before its
// translation's last change but committed after it (rebased) makes the
// translation outdated, and the notice gives the commit's date, not the
// author's, which the page's own "last changed" date would contradict
// (tester: "changed on March 5, after the last update" on a page last
// changed on March 20).
func TestOutdatedRebased(t *testing.T) {
	t.Parallel()
	r := testkit.NewGitRepo(t)
	r.Write(map[string]string{
		"site.yaml":     "title: T\nlanguages:\n  - code: en\n    name: English\n    dir: en\n    default: true\n  - code: fr\n    name: Français\n    dir: fr\n",
		"en/README.md":  "# Home\n\nFirst text.\n",
		"en/SUMMARY.md": "* [Home](README.md)\n",
	})
	r.Commit("Alice <alice@example.org>", "English") // January 1
	r.Write(map[string]string{"fr/README.md": "# Accueil\n\nPremier texte.\n", "fr/SUMMARY.md": "* [Accueil](README.md)\n"})
	r.Commit("Bob <bob@example.org>", "French") // January 2
	r.Write(map[string]string{"en/README.md": "# Home\n\nSecond text.\n"})
	r.CommitAuthored("Alice <alice@example.org>", "Rebased", testkit.GitEpoch.Add(12*time.Hour)) // committed January 3
	out, _ := histBuild(t, r.Dir, false)
	fr := histRead(t, out, "fr/index.html")
	if !strings.Contains(fr, `outdated-notice`) || !strings.Contains(fr, `<time datetime="2024-01-03">`) {
		t.Errorf("fr/ has no notice dated January 3, its original's commit:\n%s", histMain(t, fr))
	}
}

// TestSessionKeepsHistory: the live preview reads the history at its full
// build and keeps it: an edited page that is not committed keeps its
// stamp and its comment links.
func TestSessionKeepsHistory(t *testing.T) {
	t.Parallel()
	r := historyRepo(t, "")
	ss, out := builtSession(t, Options{Dir: r.Site, NoMinify: true, Dev: true})
	setup := filepath.Join(r.Site, "en", "guide", "setup.md")
	testkit.WriteFiles(t, r.Site, map[string]string{"en/guide/setup.md": strings.Replace(setupPage(t, setup), "Restart the tool.", "Restart the tool twice.", 1)})
	if _, ok, err := ss.Update(context.Background(), []string{setup}); err != nil || !ok {
		t.Fatalf("update: %v %v", ok, err)
	}
	page := histRead(t, out, "en/guide/setup/index.html")
	for _, want := range []string{"Restart the tool twice.", `<time datetime="2024-01-03">`, `class="comment-link"`, "edit-link"} {
		if !strings.Contains(page, want) {
			t.Errorf("updated page lacks %s", want)
		}
	}
}

func setupPage(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestHistoryIncludesAndBranch: a page's last change is the newest of its
// file's and of the files it includes; edit links open the branch checked
// out, unless site.yaml or repo_url names one.
func TestHistoryIncludesAndBranch(t *testing.T) {
	t.Parallel()
	g := testkit.NewGitRepo(t)
	g.Write(map[string]string{
		"SUMMARY.md":                 "# Summary\n\n* [Home](README.md)\n* [Guide](guide.md)\n",
		"README.md":                  "# Home\n\n{% include \".gitbook/includes/intro.md\" %}\n",
		"guide.md":                   "# Guide\n\n## Steps\n\nOne.\n",
		".gitbook/includes/intro.md": "An introduction.\n",
	})
	g.Commit("Alice Martin <alice@example.org>", "Pages")
	g.Write(map[string]string{".gitbook/includes/intro.md": "A better introduction.\n"})
	later := g.Commit("Bob Tremblay <bob@example.org>", "The introduction")
	g.Git("checkout", "-q", "-b", "review")
	for _, c := range []struct{ yaml, edit string }{
		{"repo_url: https://gitlab.com/group/sub/book\n", "https://gitlab.com/group/sub/book/-/edit/review/guide.md"},
		{"repo_url: https://gitlab.com/group/book\nbranch: draft\n", "https://gitlab.com/group/book/-/edit/draft/guide.md"},
		{"repo_url: https://github.com/o/book/tree/stable\n", "https://github.com/o/book/edit/stable/guide.md"},
		{"edit_url: https://example.org/edit?file={path}&ref={branch}\n", "https://example.org/edit?file=guide.md&amp;ref=review"},
	} {
		g.Write(map[string]string{"site.yaml": "title: T\n" + c.yaml})
		out, _ := histBuild(t, g.Dir, false)
		if home := histRead(t, out, "index.html"); !strings.Contains(home, `<time datetime="2024-01-02">`) ||
			!strings.Contains(home, g.Git("rev-parse", "--short", later)) {
			t.Errorf("%s: the home page is not stamped with its include's change", c.yaml)
		}
		if guide := histRead(t, out, "guide/index.html"); !strings.Contains(guide, `<a class="edit-link" href="`+c.edit+`">`) {
			t.Errorf("%s: no edit link to %s in\n%s", c.yaml, c.edit, histMain(t, guide))
		}
	}
}

// TestFramesLater: pages rendered before git has told the history wait
// for their frames; none is lost, and each shows its stamp.
func TestFramesLater(t *testing.T) {
	t.Parallel()
	r := historyRepo(t, "")
	out := filepath.Join(t.TempDir(), "public")
	s, err := load(context.Background(), Options{Dir: r.Site, Out: out, NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	// The history is read; the build is told it is not, for a while.
	<-s.hist.done
	gate := make(chan struct{})
	s.hist.done = gate
	time.AfterFunc(300*time.Millisecond, func() { close(gate) })
	res, err := s.build(context.Background(), Options{Dir: r.Site, Out: out, NoMinify: true}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for src, url := range res.Pages {
		page := histRead(t, out, url+"index.html")
		if !strings.Contains(page, "page-stamp") || !strings.Contains(page, "</html>") {
			t.Errorf("%s (/%s) has no stamp, or is cut", src, url)
		}
	}
	if len(res.Pages) < 8 {
		t.Errorf("%d pages", len(res.Pages))
	}
}

// gitRuns puts first on PATH a git that notes each of its runs before
// running the real one, and returns a function that returns the runs
// noted since its last call, one line of arguments each.
func gitRuns(t *testing.T) func() []string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the git wrapper is a shell script")
	}
	real, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	runs := filepath.Join(dir, "runs")
	script := "#!/bin/sh\nprintf '%s\\n' \"$*\" >>\"$FOLIO_TEST_GIT_RUNS\"\nexec \"$FOLIO_TEST_GIT\" \"$@\"\n"
	if err := os.WriteFile(filepath.Join(dir, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("FOLIO_TEST_GIT_RUNS", runs)
	t.Setenv("FOLIO_TEST_GIT", real)
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	return func() []string {
		t.Helper()
		b, err := os.ReadFile(runs)
		if os.IsNotExist(err) {
			return nil
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(runs); err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	}
}

// TestHistoryGitRuns: a build reads the history of its site with one git
// process, and runs none when the site is not in a git work tree (issue
// 19). Edit links (repo_url) take the branch from the HEAD file, not from
// git.
func TestHistoryGitRuns(t *testing.T) {
	g := testkit.NewGitRepo(t)
	g.Write(map[string]string{
		"site.yaml":  "title: T\nrepo_url: https://github.com/o/book\n",
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Guide](guide.md)\n",
		"README.md":  "# Home\n\nWelcome.\n",
		"guide.md":   "# Guide\n\n## Steps\n\nOne.\n",
	})
	g.Commit("Alice Martin <alice@example.org>", "Pages")
	g.Tag("v1")
	g.Write(map[string]string{"guide.md": "# Guide\n\n## Steps\n\nOne, then two.\n"})
	g.Commit("Bob Tremblay <bob@example.org>", "Two")
	outside := histCopy(t, g.Dir)
	// The copy must not be found in a repository above the temporary
	// folder either.
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(filepath.Dir(outside)))
	runs := gitRuns(t)

	out, res := histBuild(t, g.Dir, false)
	if got := runs(); len(got) != 1 || !strings.Contains(got[0], " log ") {
		t.Errorf("a build in git ran git %d times, want once (git log):\n%s", len(got), strings.Join(got, "\n"))
	}
	if !strings.Contains(histRead(t, out, "guide/index.html"), "page-stamp") {
		t.Error("the build in git has no stamps")
	}
	if ds := histRules(res.Diags, "history"); len(ds) != 0 {
		t.Errorf("history diagnostics %q", ds)
	}

	histBuild(t, outside, false)
	if got := runs(); len(got) != 0 {
		t.Errorf("a build outside git ran git %d times, want none:\n%s", len(got), strings.Join(got, "\n"))
	}

	// Review mode runs more of git, as many times as it needs.
	res, err := Build(context.Background(), Options{Dir: g.Dir, Out: filepath.Join(t.TempDir(), "review"), NoMinify: true, Review: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	if ds := histRules(res.Diags, "review", "history"); len(ds) != 0 {
		t.Errorf("review diagnostics %q", ds)
	}
	t.Logf("a review build ran git %d times", len(runs()))
}

// TestReviewShallowClone: a shallow clone has no page history, but review
// mode works when the clone holds the reference.
func TestReviewShallowClone(t *testing.T) {
	t.Parallel()
	r := reviewRepo(t)
	dst := filepath.Join(t.TempDir(), "clone")
	r.Git("clone", "-q", "--depth", "6", "file://"+r.Dir, dst) // back to v1.0
	out, ds := buildReview(t, dst, "v1.0")
	if got := histRules(ds, "review", "history"); len(got) != 1 || !strings.Contains(got[0], "info: no page history: shallow clone") {
		t.Errorf("diagnostics %q, want the shallow clone's info line only", got)
	}
	if !strings.Contains(readOut(t, out, "en/guide/setup/index.html"), "data-review") {
		t.Error("the changed setup page is not marked")
	}
}

// TestOutdatedInSections: in a site of sections, each with English and
// French, an outdated translation of the second section is that
// section's French, named as the untranslated counts name it (t69: "fr",
// which check filed under the top section's French).
func TestOutdatedInSections(t *testing.T) {
	t.Parallel()
	r := testkit.NewGitRepo(t)
	space := func(key, dir, lang string) string {
		return "        - {type: space, key: " + key + ", content: {directory: " + dir + ", language: " + lang + "}}\n"
	}
	r.Write(map[string]string{
		"docs.yaml": "site:\n  structure:\n    - type: section\n      key: docs\n      default: true\n      children:\n" + space("de", "docs/en", "en") + space("df", "docs/fr", "fr") +
			"    - type: section\n      key: api\n      path: api\n      children:\n" + space("ae", "api/en", "en") + space("af", "api/fr", "fr"),
		"docs/en/README.md": "# Home\n", "docs/fr/README.md": "# Accueil\n",
		"api/en/README.md": "# API\n\nFirst text.\n", "api/fr/README.md": "# API\n\nPremier texte.\n",
	})
	r.Commit("Alice <alice@example.org>", "Both")
	r.Write(map[string]string{"api/en/README.md": "# API\n\nSecond text.\n"})
	r.Commit("Alice <alice@example.org>", "English")
	res, err := Check(context.Background(), Options{Dir: r.Dir, Translations: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, o := range res.Outdated {
		got = append(got, o.Lang+" "+o.Path)
	}
	if want := []string{"api/fr api/fr/README.md"}; !slices.Equal(got, want) {
		t.Errorf("outdated translations %q, want %q", got, want)
	}
}
