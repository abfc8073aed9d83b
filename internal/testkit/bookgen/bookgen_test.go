package bookgen

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestDeterministic: two runs write the same files, and the book has
// what the scale figures assume (LANGS.md, a SUMMARY.md per language,
// code blocks shared between languages).
func TestDeterministic(t *testing.T) {
	o := Options{Langs: 3, Pages: 8, Images: 2}
	a, b := t.TempDir(), t.TempDir()
	if err := Generate(a, o); err != nil {
		t.Fatal(err)
	}
	if err := Generate(b, o); err != nil {
		t.Fatal(err)
	}
	n := 0
	err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between runs", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// LANGS.md, book.json, and per language: pages, SUMMARY.md, images.
	if want := 2 + o.Langs*(o.Pages+1+o.Images); n != want {
		t.Errorf("%d files, want %d", n, want)
	}
	en, _ := os.ReadFile(filepath.Join(a, "en", "chapter-00", "page-01.md"))
	fr, _ := os.ReadFile(filepath.Join(a, "fr", "chapter-00", "page-01.md"))
	if !bytes.Contains(en, []byte("```")) || bytes.Equal(en, fr) {
		t.Fatalf("page 1 should have code and differ between languages")
	}
	for _, f := range []string{"LANGS.md", "en/SUMMARY.md", "fr/SUMMARY.md", "en/images/figure-01.png"} {
		if _, err := os.Stat(filepath.Join(a, f)); err != nil {
			t.Error(err)
		}
	}
}
