package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/diag"
	"folio/internal/testkit"
)

// TestMatchAnchorComposes: an anchor typed with combining accents finds
// the heading whose ID links.Slug composed, and one typed composed finds
// it as it is; an "id-" prefix and letter case are still forgiven.
func TestMatchAnchorComposes(t *testing.T) {
	ids := map[string]bool{"café-crème": true, "id-2.1-étape": true}
	for _, tc := range []struct{ in, want string }{
		{"café-crème", "café-crème"},
		{"cafe\u0301-cre\u0300me", "café-crème"},
		{"Cafe\u0301-Cre\u0300me", "café-crème"},
		{"2.1-e\u0301tape", "id-2.1-étape"},
	} {
		if got, ok := matchAnchor(ids, tc.in); !ok || got != tc.want {
			t.Errorf("matchAnchor(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := matchAnchor(ids, "cafe-creme"); ok {
		t.Error("an anchor without the accents matched")
	}
}

// TestUnsafeURLWords: the unsafe-url message reads "an" before a vowel,
// and an address that is a host and port (<localhost:3000>) is told to
// write http://.
func TestUnsafeURLWords(t *testing.T) {
	for word, want := range map[string]string{"irc": "an", "about": "an", "javascript": "a", "Urn": "an", "": "a"} {
		if got := indefinite(word); got != want {
			t.Errorf("indefinite(%q) = %q, want %q", word, got, want)
		}
	}
	for dest, want := range map[string]bool{
		"localhost:3000": true, "docs.example.com:8080/path": true, "host:port": false,
		"javascript:alert(1)": false, "irc://x:6667": false, "tel:12345": true, "ftp:123456": false,
	} {
		if got := hostLike(dest); got != want {
			t.Errorf("hostLike(%q) = %v, want %v", dest, got, want)
		}
	}
}

// TestSummaryAnchorEntry: a SUMMARY.md entry that names a heading links
// to the heading's ID as the page has it, however the anchor is typed:
// with combining accents, without GitBook's "id-" prefix, in capitals;
// an anchor that names none is a link-anchor warning at its entry.
func TestSummaryAnchorEntry(t *testing.T) {
	s := prepared(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Page](page.md)\n  * [Crème](page.md#cafe\u0301-cre\u0300me)\n  * [Steps](page.md#2-steps)\n  * [Upper](page.md#Install)\n  * [Gone](page.md#nothing)\n",
		"README.md":  "# Home\n",
		"page.md":    "# Page\n\n## Café crème\n\n## 2 steps\n\n## Install\n",
	})
	got := navText(t, s.langs[0])
	for _, want := range []string{"- Crème → page/#caf%C3%A9-cr%C3%A8me\n", "- Steps → page/#id-2-steps\n", "- Upper → page/#install\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("sidebar lacks %q:\n%s", want, got)
		}
	}
	// Only the anchor that names no heading is reported, at its entry.
	var anchors []string
	for _, d := range s.diags.Sorted() {
		if d.Rule == "link-anchor" {
			anchors = append(anchors, fmt.Sprintf("%s:%d: %s", d.Path, d.Line, d.Msg))
		}
	}
	if want := `SUMMARY.md:8: SUMMARY.md entry "Gone": anchor #nothing matches no heading in page.md`; len(anchors) != 1 || anchors[0] != want {
		t.Errorf("link-anchor diagnostics: %q, want [%q]", anchors, want)
	}
}

// TestShowsSomething: a body of blanks and HTML comments shows nothing
// (an empty parent page lists its children); any text or element does.
func TestShowsSomething(t *testing.T) {
	for body, want := range map[string]bool{
		"": false, " \n ": false, "<!-- todo -->\n": false, "<!-- a -->\n<!--b-->": false,
		"<!-- a --><p>x</p>": true, "<p></p>": true, "<!-- open": true, "text<!-- c -->": true,
	} {
		if got := showsSomething([]byte(body)); got != want {
			t.Errorf("showsSomething(%q) = %v, want %v", body, got, want)
		}
	}
}

// TestRawHTMLAnchors: the ids of a page's raw HTML elements and the names
// of its <a> are places links lead to, as headings are, from the page
// itself and from others, and the print page keeps them; an anchor none
// of them has is still reported, and so is the id of an element the
// allowlist removed.
func TestRawHTMLAnchors(t *testing.T) {
	out, res := built(t, Options{Dir: testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Other](other.md)\n",
		"README.md": "# Home\n\n[a](other.md#raw-id) [b](other.md#loose) [c](other.md#named) [d](other.md#spanid) " +
			"[e](other.md#DIVID) [f](other.md#gone) [g](other.md#nothing)\n\n<a id=\"here\"></a>\n\n[self](#here)\n",
		"other.md": "# Other\n\n<h2 id=\"raw-id\">Raw</h2>\n\n<a\nid=\"loose\"></a>\n\n<A NAME=\"named\"></A>\n\n" +
			"<span id=\"spanid\">s</span> <div id=\"divid\">d</div>\n\n<iframe id=\"gone\"></iframe>\n",
	})})
	var got []string
	for _, d := range res.Diags {
		if d.Rule == "link-anchor" {
			got = append(got, d.Msg)
		}
	}
	if len(got) != 2 || !strings.Contains(got[0], "#gone") || !strings.Contains(got[1], "#nothing") {
		t.Errorf("link-anchor warnings: %q; want #gone and #nothing only", got)
	}
	print := string(readFileBytes(t, filepath.Join(out, "print", "index.html")))
	for _, want := range []string{"#p-other_~spanid", "#p-other_~named", "#p-~here"} {
		if !strings.Contains(print, want) {
			t.Errorf("the print page's links lack %s", want)
		}
	}
}

// TestSessionSummaryAnchor: when an edit renames the heading a SUMMARY.md
// entry names, the live preview reports the entry as a build would, and
// stops reporting it when the heading comes back.
func TestSessionSummaryAnchor(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Page](page.md)\n  * [Setup](page.md#setup)\n",
		"README.md":  "# Home\n",
		"page.md":    "# Page\n\n## Setup\n",
	})
	ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	anchors := func(res *Result) int {
		n := 0
		for _, d := range res.Diags {
			if d.Rule == "link-anchor" && d.Path == "SUMMARY.md" {
				n++
			}
		}
		return n
	}
	for _, step := range []struct {
		body string
		want int
	}{{"# Page\n\n## Install\n", 1}, {"# Page\n\n## Setup\n", 0}} {
		if err := os.WriteFile(filepath.Join(dir, "page.md"), []byte(step.body), 0o644); err != nil {
			t.Fatal(err)
		}
		res, ok, err := ss.Update(context.Background(), []string{filepath.Join(dir, "page.md")})
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			if res, err = ss.Build(context.Background(), filepath.Join(t.TempDir(), "o")); err != nil {
				t.Fatal(err)
			}
		}
		if got := anchors(res); got != step.want {
			t.Errorf("after page.md became %q: %d SUMMARY.md link-anchor warnings, want %d", step.body, got, step.want)
		}
	}
}

// TestReadmeNotHome: where .gitbook.yaml makes another file the home
// page, the space's README.md (a repository's notes for GitHub) that a
// page links to is published under its own name, not displaced by the
// home page with a page-url-conflict error while the link led home.
func TestReadmeNotHome(t *testing.T) {
	out, res := built(t, Options{NoMinify: true, Dir: testkit.Site(t, map[string]string{
		".gitbook.yaml": "structure:\n  readme: intro.md\n",
		"SUMMARY.md":    "# S\n\n* [Intro](intro.md)\n",
		"intro.md":      "# Intro\n\nSee the [repository README](README.md).\n",
		"README.md":     "# Acme repo\n\nContributor notes.\n",
	})})
	for _, d := range res.Diags {
		if d.Severity == diag.Error {
			t.Errorf("error: %s", d)
		}
	}
	if home := string(readFileBytes(t, filepath.Join(out, "index.html"))); !strings.Contains(home, `href="README/"`) || !strings.Contains(home, "Intro") {
		t.Errorf("the home page is not intro.md linking to README/")
	}
	if readme := string(readFileBytes(t, filepath.Join(out, "README", "index.html"))); !strings.Contains(readme, "Contributor notes.") {
		t.Errorf("README/ lacks README.md's text")
	}
}

// TestSessionFallbackSummaryAnchor: a French sidebar entry that names a
// heading of a fallback copy follows an edit of the English original in
// the live preview, as a build would: its warning comes and goes.
func TestSessionFallbackSummaryAnchor(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":     fallbackYAML,
		"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
		"en/README.md":  "# Home\n",
		"en/a.md":       "# A\n\n## Part\n",
		"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n* [A partie](a.md#part)\n",
		"fr/README.md":  "# Accueil\n",
	})
	ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	for _, step := range []struct {
		body string
		want int
	}{{"# A\n\n## Other\n", 1}, {"# A\n\n## Part\n", 0}} {
		if err := os.WriteFile(filepath.Join(dir, "en", "a.md"), []byte(step.body), 0o644); err != nil {
			t.Fatal(err)
		}
		res, ok, err := ss.Update(context.Background(), []string{filepath.Join(dir, "en", "a.md")})
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			if res, err = ss.Build(context.Background(), filepath.Join(t.TempDir(), "o")); err != nil {
				t.Fatal(err)
			}
		}
		n := 0
		for _, d := range res.Diags {
			if d.Rule == "link-anchor" {
				n++
			}
		}
		if n != step.want {
			t.Errorf("after en/a.md became %q: %d link-anchor warnings, want %d", step.body, n, step.want)
		}
	}
}
