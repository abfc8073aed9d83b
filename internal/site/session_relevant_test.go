package site

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestSessionRelevant: a change to a file that no page uses and folio
// does not read builds nothing; a page, a file folio reads, an asset a
// page publishes or includes, and a file a page reports missing (made
// now) each ask for a build.
func TestSessionRelevant(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":        "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
		"README.md":         "# Home\n\n![Used](img/used.png)\n\n![Missing](img/Missing.png)\n\n[Download](files/later%20one.zip)\n",
		"a.md":              "# A\n\n{% include \"parts/snippet.txt\" %}\n",
		"parts/snippet.txt": "Included text.\n",
		"img/used.png":      "png",
		"notes.txt":         "notes",
		"old/draft.txt":     "draft",
	})
	ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	testkit.WriteFiles(t, dir, map[string]string{
		"notes.txt":           "more notes",
		"serve.log":           "built 2 pages",
		"scratch/a.txt":       "a",
		"scratch/deep/b.bin":  "b",
		"img/Missing.png":     "now here",
		"files/later one.zip": "zip",
		"img/used.png":        "new png",
		"parts/snippet.txt":   "Other text.\n",
		"data/spec.yaml":      "openapi: 3.0.0\n",
		"static/extra.css":    "body{}",
		"themes/default/x.js": "",
		".mailmap":            "",
		"_book/index.md":      "# Old build",
		"docs/_book/x.md":     "# Old build",
	})
	if err := os.RemoveAll(filepath.Join(dir, "old")); err != nil {
		t.Fatal(err)
	}
	abs := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	for rel, want := range map[string]bool{
		"notes.txt":           false,
		"serve.log":           false,
		"scratch":             false, // a new folder of unused files
		"old":                 false, // a folder no page used, deleted
		"old/draft.txt":       false,
		"a.md":                true,
		"new.md":              true, // deleted or made: a page all the same
		"img/used.png":        true, // published
		"img/Missing.png":     true, // reported missing until now
		"files/later one.zip": true, // the same, linked escaped
		"parts/snippet.txt":   true, // included
		"data/spec.yaml":      true,
		"static/extra.css":    true,
		"themes/default/x.js": true,
		".mailmap":            true,
		".gitignore":          true,
		"drafts/.ignore":      true,
		"styles/website.css":  true,
		"SUMMARY.md":          true,
		"book.json":           true,
		"img":                 true,  // a folder with published files
		"_book":               false, // HonKit's output, never read (t74)
		"_book/index.md":      false,
		"docs/_book/x.md":     false,
	} {
		got := len(ss.Relevant([]string{abs(rel)})) == 1
		if got != want {
			t.Errorf("Relevant(%s) = %v, want %v", rel, got, want)
		}
	}
	got := ss.Relevant([]string{abs("notes.txt"), abs("a.md"), abs("serve.log")})
	if !slices.Equal(got, []string{abs("a.md")}) {
		t.Errorf("Relevant of a mixed batch = %v, want a.md alone", got)
	}
	// Deleted, an asset that was published matters.
	if err := os.Remove(abs("img/used.png")); err != nil {
		t.Fatal(err)
	}
	if len(ss.Relevant([]string{abs("img/used.png")})) != 1 {
		t.Error("a published asset, deleted, does not matter")
	}
}

// TestSessionUpdateAfterUnusedFile: a file made without a build (no page
// used it) is not in the last build's index: an update of a page that
// now uses it builds the whole site rather than report it missing, and
// an update of a page that does not stays an update.
func TestSessionUpdateAfterUnusedFile(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
		"README.md":  "# Home\n",
		"a.md":       "# A\n\nNo picture yet.\n",
	})
	ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	pic := filepath.Join(dir, "pics", "new.png")
	testkit.WriteFiles(t, dir, map[string]string{"pics/new.png": "png"})
	if got := ss.Relevant([]string{filepath.Join(dir, "pics")}); len(got) != 0 {
		t.Fatalf("a new folder of a picture no page uses: %v matters", got)
	}
	a := filepath.Join(dir, "a.md")
	testkit.WriteFiles(t, dir, map[string]string{"a.md": "# A\n\nStill no picture.\n"})
	if _, ok, err := ss.Update(context.Background(), []string{a}); !ok || err != nil {
		t.Fatalf("update of a page that uses no new file: ok=%v err=%v", ok, err)
	}
	testkit.WriteFiles(t, dir, map[string]string{"a.md": "# A\n\n![A picture](pics/new.png)\n"})
	if res, ok, err := ss.Update(context.Background(), []string{a}); ok || err != nil {
		t.Fatalf("update of a page that uses %s: ok=%v err=%v (%v), want a full build", pic, ok, err, res.Diags)
	}
	res, err := ss.Build(context.Background(), filepath.Join(t.TempDir(), "site"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range res.Diags {
		if strings.Contains(d.Msg, "new.png") {
			t.Errorf("after the build: %v", d)
		}
	}
}

// TestSessionRelevantLinkTarget: a file that a symbolic link of the
// content leads to is published under the link's name; an edit of it
// asks for a build, though no page names it.
func TestSessionRelevantLinkTarget(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":       "# S\n\n* [Home](README.md)\n",
		"README.md":        "# Home\n\n![Logo](images/logo.png)\n",
		"assets/logo.png":  "v1",
		"assets/other.png": "x",
	})
	if err := os.MkdirAll(filepath.Join(dir, "images"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../assets/logo.png", filepath.Join(dir, "images", "logo.png")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	if got := ss.Relevant([]string{filepath.Join(dir, "assets", "logo.png")}); len(got) != 1 {
		t.Error("an edit of the file a published link leads to builds nothing")
	}
	if got := ss.Relevant([]string{filepath.Join(dir, "assets", "other.png")}); len(got) != 0 {
		t.Error("an edit of an unused file asks for a build")
	}
}

// TestSessionRelevantNewLink: a symbolic link that appears asks for a
// build, whose warning tells a link to a folder (t58: nothing was built,
// nothing told).
func TestSessionRelevantNewLink(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n",
		"sub/x.txt":  "x",
	})
	ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	if err := os.Symlink("sub", filepath.Join(dir, "dirlink")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	if got := ss.Relevant([]string{filepath.Join(dir, "dirlink")}); len(got) != 1 {
		t.Error("a new link to a folder builds nothing")
	}
}
