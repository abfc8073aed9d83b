package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"folio/internal/testkit"
)

// TestHonKitBook builds a legacy GitBook 3 / HonKit book: book.json
// variables, an include from the language root, a glossary, a filename
// label, a collapsible section and raw template text.
func TestHonKitBook(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"book.json":        `{"title": "Tutorial", "variables": {"py_version": "3.12"}}`,
		"SUMMARY.md":       "# Summary\n\n* [Intro](README.md)\n* [Install](install.md)\n",
		"README.md":        "# Intro\n\nUse Python {{ book.py_version }}. A Django project is a folder.\n",
		"install.md":       "# Install\n\n{% include \"/snippets/note.md\" %}\n\n{% filename %}mysite/settings.py{% endfilename %}\n```python\nDEBUG = True\n```\n\n<!--sec data-title=\"On Windows\" data-id=\"windows\" data-collapse=true ces-->\nRun the installer.\n<!--endsec-->\n\n{% raw %}Write {{ name }} in templates.{% endraw %}\n",
		"snippets/note.md": "A note from an [included file](README.md).\n", // relative to the page, as in HonKit
		"GLOSSARY.md":      "# Django\n\nA web framework written in Python.\n",
		".bookignore":      "drafts/\n",
		"drafts/old.md":    "# Old\n",
	})
	out, res := built(t, Options{Dir: dir})
	for _, d := range res.Diags {
		if d.Severity >= 1 {
			t.Errorf("diagnostic: %s", d)
		}
	}
	intro := readFile(t, filepath.Join(out, "index.html"))
	for _, want := range []string{"Python 3.12", "glossary", "Tutorial"} {
		if !strings.Contains(intro, want) {
			t.Errorf("intro lacks %q", want)
		}
	}
	install := readFile(t, filepath.Join(out, "install/index.html"))
	for _, want := range []string{"A note from an", `href="../"`, "mysite/settings.py", "On Windows", "{{ name }}"} {
		if !containsHTML(install, want) {
			t.Errorf("install page lacks %q", want)
		}
	}
	if _, err := readTreeErr(filepath.Join(out, "GLOSSARY/index.html")); err != nil {
		t.Error("glossary page not published")
	}
	if res.Stats.Unpublished != 0 { // snippets/note.md is included; drafts/ is ignored
		t.Errorf("unpublished = %d", res.Stats.Unpublished)
	}
}

func readTreeErr(p string) (string, error) {
	b, err := os.ReadFile(p)
	return string(b), err
}

// TestOrphanNotContent: the Markdown files under a dot folder (.github's
// issue template) or under _book (HonKit's output folder) are not reported
// as orphans nor counted as files SUMMARY.md leaves out, while a draft
// elsewhere still is; the dot folders are still read: a page's image under
// .gitbook/assets is published, and a page's link to a file under .github
// works.
func TestOrphanNotContent(t *testing.T) {
	s := prepared(t, map[string]string{
		"SUMMARY.md":                        "# S\n\n* [Home](README.md)\n",
		"README.md":                         "# Home\n\n![Logo](.gitbook/assets/logo.png)\n\nSee [the issue template](.github/ISSUE_TEMPLATE.txt).\n",
		".gitbook/assets/logo.png":          "png",
		".github/ISSUE_TEMPLATE.md":         "# Issue\n",
		".github/ISSUE_TEMPLATE.txt":        "Issue\n",
		".github/workflows/notes/README.md": "# Notes\n",
		"_book/x.md":                        "# X\n",
		"_book/sub/y.md":                    "# Y\n",
		"drafts/new.md":                     "# Draft\n",
		"draft_book/z.md":                   "# Z\n",
	})
	var rules []string
	for _, d := range s.diags.Sorted() {
		rules = append(rules, d.Path+" "+d.Rule)
	}
	if d := cmp.Diff([]string{"draft_book/z.md orphan", "drafts/new.md orphan"}, rules); d != "" {
		t.Errorf("diagnostics (-want +got):\n%s", d)
	}
	if n := s.langs[0].unpublished(s.includedFiles()); n != 2 {
		t.Errorf("unpublished() = %d, want 2", n)
	}
}
