package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// A LANGS.md book with a right-to-left language loads with no site.yaml.
func TestLoadLangsBook(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"LANGS.md":       "# Languages\n\n* [English](en/)\n* [Français](fr/)\n* [العربية](ar/)\n",
		"en/README.md":   "# Tutorial\n",
		"en/SUMMARY.md":  "# Summary\n\n* [Introduction](README.md)\n",
		"fr/README.md":   "# Tutoriel\n",
		"fr/SUMMARY.md":  "# Sommaire\n\n* [Introduction](README.md)\n",
		"ar/README.md":   "# درس\n",
		"ar/SUMMARY.md":  "# الفهرس\n\n* [مقدمة](README.md)\n",
		"book.json":      "{}\n",
		"styles/web.css": "",
	})
	c, ds, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) > 0 {
		t.Errorf("diagnostics:\n%s", formatDiags(ds))
	}
	want := []Language{
		{Code: "en", Name: "English", Dir: "en", Default: true, Line: 3},
		{Code: "fr", Name: "Français", Dir: "fr", Line: 4},
		{Code: "ar", Name: "العربية", Dir: "ar", Line: 5},
	}
	if diff := cmp.Diff(want, c.Languages); diff != "" {
		t.Errorf("languages (-want +got):\n%s", diff)
	}
	if c.File != LangsFile {
		t.Errorf("File = %q", c.File)
	}
}

// site.yaml wins over docs.yaml, which wins over LANGS.md.
func TestLoadPrecedence(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"LANGS.md":     "* [English](en/)\n",
		"en/README.md": "",
		"docs.yaml":    "site:\n  structure:\n    - type: space\n      content: {directory: fr, language: fr}\n",
		"fr/README.md": "",
	})
	c, _, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if c.File != DocsFile || c.Languages[0].Code != "fr" {
		t.Errorf("docs.yaml not preferred: %s %+v", c.File, c.Languages)
	}
	writeFiles(t, dir, map[string]string{"site.yaml": "content: en\n"})
	if c, _, err = Load(dir); err != nil {
		t.Fatal(err)
	}
	if c.File != FileName || c.Languages[0].Dir != "en" {
		t.Errorf("site.yaml not preferred: %s %+v", c.File, c.Languages)
	}
}
