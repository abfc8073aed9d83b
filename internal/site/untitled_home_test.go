package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestUntitledHome: a space without SUMMARY.md whose README has no
// title (a centred logo, as GitHub READMEs open) names the site after its
// folder, not "." (t59).
func TestUntitledHome(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "acme-docs")
	testkit.WriteFiles(t, dir, map[string]string{
		"README.md":  "<p align=\"center\"><b>Acme</b></p>\n\nAcme does things.\n",
		"install.md": "# Install\n",
	})
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Build(context.Background(), Options{Dir: dir, Out: out}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "install/index.html"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "acme-docs</title>") {
			t.Errorf("%s: the site is not named after its folder: %s", f, b[:min(len(b), 300)])
		}
	}
}

// TestHTMLTitle: a README that opens with an HTML <h1> (a centred logo and
// the project's name) is titled by it, and it names the site; the page and
// its print section show that heading once, not the folder's name or the
// title a second time above it (t57 #15, t60 F9).
func TestHTMLTitle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "acme-docs")
	testkit.WriteFiles(t, dir, map[string]string{
		"README.md":  "---\ndescription: Tools.\n---\n<h1 align=\"center\">\n  <img src=\"logo.png\" alt=\"\"><br>\n  Acme Toolkit\n</h1>\n\nAcme does things.\n\n## Install\n",
		"logo.png":   "",
		"install.md": "# Install\n",
	})
	out := filepath.Join(t.TempDir(), "out")
	if _, err := Build(context.Background(), Options{Dir: dir, Out: out}); err != nil {
		t.Fatal(err)
	}
	// The description follows the title, in the page's header (t64: it
	// came above it).
	b, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if title, desc := strings.Index(string(b), "Acme Toolkit</h1>"), strings.Index(string(b), "page-description"); title < 0 || desc < title {
		t.Errorf("the description is not after the title (title at %d, description at %d)", title, desc)
	}
	// The print page's: the book's title, the README's own <h1> and the
	// install page's section title.
	for f, want := range map[string]int{"index.html": 1, "install/index.html": 1, "print/index.html": 3} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil {
			t.Fatal(err)
		}
		page := string(b)
		if !strings.Contains(page, "Acme Toolkit</title>") {
			t.Errorf("%s: the site is not named after the README's <h1>: %s", f, b[:min(len(b), 300)])
		}
		if n := strings.Count(page, "<h1"); n != want {
			t.Errorf("%s: %d h1, want %d", f, n, want)
		}
		if strings.Contains(page, ">acme-docs<") {
			t.Errorf("%s: titled with the folder's name", f)
		}
		if strings.Contains(page, "folio-title-end") {
			t.Errorf("%s: the title's end mark is published", f)
		}
	}
}
