package site

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestHonKitAddresses: a HonKit book's pages keep the addresses HonKit
// gave them (a/b.html, a language's folder pt_BR/) as forwarding pages
// (t43: every link to a book moved from HonKit led to the 404 page).
func TestHonKitAddresses(t *testing.T) {
	root := t.TempDir()
	testkit.WriteFiles(t, root, map[string]string{
		"book.json":            `{"title": "Widgets"}`,
		"LANGS.md":             "* [English](en/)\n* [Português](pt_BR/)\n",
		"en/README.md":         "# Widgets\n",
		"en/SUMMARY.md":        "* [Widgets](README.md)\n* [Setup](guide/setup.md)\n* [Guide](guide/README.md)\n",
		"en/guide/setup.md":    "# Setup\n",
		"en/guide/README.md":   "# Guide\n",
		"en/unlisted.md":       "# Not in SUMMARY.md, not published by HonKit\n",
		"en/kept.html":         "<p>A file of the book\n",
		"en/kept.md":           "# Kept: its HonKit address is a file of the book\n",
		"pt_BR/README.md":      "# Widgets\n",
		"pt_BR/SUMMARY.md":     "* [Widgets](README.md)\n* [Instalação](guide/setup.md)\n",
		"pt_BR/guide/setup.md": "# Instalação\n",
	})
	out := filepath.Join(root, "out")
	if _, err := Build(context.Background(), Options{Dir: root, Out: out}); err != nil {
		t.Fatal(err)
	}
	for from, to := range map[string]string{
		"en/guide/setup.html":    "setup/",
		"pt_BR/index.html":       "../pt-BR/",
		"pt_BR/guide/setup.html": "../../pt-BR/guide/setup/",
	} {
		b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(from)))
		if err != nil {
			t.Errorf("no forwarding page at %s: %v", from, err)
			continue
		}
		if !strings.Contains(string(b), `var to="`+to+`"`) {
			t.Errorf("%s does not forward to %s:\n%s", from, to, b)
		}
	}
	// kept.html is the book's own file: no forwarding page takes its place.
	for _, none := range []string{"en/unlisted.html", "en/guide/index.html.html", "en/README.html", "pt_BR/guide/index.html", "en/kept.html"} {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(none))); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: %v, want none", none, err)
		}
	}
}

// TestHonKitAddressesTaken: no forwarding page is written where a page's
// folder is (foo.html.md beside foo.md) or a folder of the book is
// (bar.html/), nor one whose name is longer than a file system takes; the
// build stopped on each (t99, t102).
func TestHonKitAddressesTaken(t *testing.T) {
	root := t.TempDir()
	long := strings.Repeat("a", 251) + ".md"
	testkit.WriteFiles(t, root, map[string]string{
		"book.json":   `{"title": "Widgets"}`,
		"README.md":   "# Widgets\n",
		"SUMMARY.md":  "* [Widgets](README.md)\n* [Foo](foo.md)\n* [Foo page](foo.html.md)\n* [Long](" + long + ")\n* [Bar](bar.md)\n* [In bar.html](bar.html/in.md)\n* [Baz](baz.md)\n",
		"foo.md":      "# Foo\n",
		"foo.html.md": "# Foo page\n",
		// t102: a folder of the book named as a forwarding page would be.
		"bar.md":         "# Bar\n",
		"bar.html/in.md": "# In bar.html\n",
		"baz.md":         "# Baz\n\n![p](baz.html/p.png)\n",
		"baz.html/p.png": "png",
		long:             "# Long\n",
	})
	out := filepath.Join(root, "out")
	if _, err := Build(context.Background(), Options{Dir: root, Out: out}); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"foo/index.html", "foo.html/index.html", strings.TrimSuffix(long, ".md") + "/index.html", "bar.html/in/index.html", "baz.html/p.png"} {
		if _, err := os.Stat(filepath.Join(out, page)); err != nil {
			t.Errorf("page %s: %v", page, err)
		}
	}
}

// TestLangsIndexTitle: the language chooser of a LANGS.md book is titled
// by its book.json, where it was "Languages" (t45).
func TestLangsIndexTitle(t *testing.T) {
	root := t.TempDir()
	testkit.WriteFiles(t, root, map[string]string{
		"book.json":    `{"title": "Widgets"}`,
		"LANGS.md":     "* [English](en/)\n* [Français](fr/)\n",
		"en/README.md": "# Home\n",
		"fr/README.md": "# Accueil\n",
	})
	out := filepath.Join(root, "out")
	if _, err := Build(context.Background(), Options{Dir: root, Out: out}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); !strings.Contains(string(b), "<title>Widgets</title>") {
		t.Errorf("the language chooser is not titled Widgets:\n%.300s", b)
	}
}
