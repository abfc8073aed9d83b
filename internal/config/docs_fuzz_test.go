package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// FuzzParseDocs: whatever a docs.yaml says, reading it does not panic and
// gives a configuration the build can trust: at least one language, the
// first the default; each language in a section that exists; a section's
// languages side by side; sections with distinct paths, only the first at
// the top; no two languages with one folder.
func FuzzParseDocs(f *testing.F) {
	files, _ := filepath.Glob("testdata/load/docs_yaml*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			continue
		}
		for _, af := range ar.Files {
			if af.Name == DocsFile {
				f.Add(af.Data)
			}
		}
	}
	dir := f.TempDir()
	for _, d := range []string{"a", "b", "c/d", "docs", "api", "guides"} {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		c, _ := parseDocs(dir, b)
		if len(c.Languages) == 0 || !c.Languages[0].Default {
			t.Fatalf("languages %+v: none, or the first not the default", c.Languages)
		}
		folders := map[string]bool{}
		last := 0
		for _, l := range c.Languages {
			if c.Sections == nil && l.Section != 0 || c.Sections != nil && (l.Section < 0 || l.Section >= len(c.Sections)) {
				t.Fatalf("language %+v in no section of %d", l, len(c.Sections))
			}
			if l.Section < last {
				t.Fatalf("the languages of section %d are not side by side: %+v", l.Section, c.Languages)
			}
			last = l.Section
			if folders[l.Dir] {
				t.Fatalf("folder %q is two languages' ", l.Dir)
			}
			folders[l.Dir] = true
		}
		paths := map[string]bool{}
		for i, s := range c.Sections {
			if (i == 0) != (s.Path == "") || strings.HasPrefix(s.Path, "/") || strings.HasSuffix(s.Path, "/") {
				t.Fatalf("section %d has path %q", i, s.Path)
			}
			if paths[strings.ToLower(s.Path)] {
				t.Fatalf("two sections at %q", s.Path)
			}
			paths[strings.ToLower(s.Path)] = true
		}
	})
}
