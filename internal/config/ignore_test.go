package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestIgnore(t *testing.T) {
	dir := t.TempDir()
	yaml := "title: T\nignore:\n  - rule: link-anchor\n  - rule: link-gitbook-space\n    paths: [\"playbook/**/design-*.md\", \"README.md\"]\n  - paths: [x]\npage_size_limit: 100\n"
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("# T\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, ds, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Line != 6 {
		t.Errorf("diagnostics %v, want one for the entry without a rule at line 6", ds)
	}
	if c.PageSizeLimit != 100 {
		t.Errorf("page_size_limit = %d", c.PageSizeLimit)
	}
	for _, tc := range []struct {
		rule, file string
		want       bool
	}{
		{"link-anchor", "any/file.md", true},
		{"link-gitbook-space", "README.md", true},
		{"link-gitbook-space", "playbook/a/b/design-x.md", true},
		{"link-gitbook-space", "playbook/design-x.md", true},
		{"link-gitbook-space", "playbook/a/other.md", false},
		{"link-gitbook-space", "other/README.md", false},
		{"link-missing", "README.md", false},
	} {
		if got := c.Silences(tc.rule, tc.file); got != tc.want {
			t.Errorf("Silences(%q, %q) = %v, want %v", tc.rule, tc.file, got, tc.want)
		}
	}
}

// TestIgnoreMistakes: an ignore entry that cannot silence what its author
// meant, and a page size limit below zero, are reported at their line.
func TestIgnoreMistakes(t *testing.T) {
	dir := t.TempDir()
	yaml := "title: T\nignore:\n  - rule: link-mising\n  - rule: no-such-thing\n  - rule: link-anchor\n    paths: [\"docs/[draft.md\"]\npage_size_limit: -5\n"
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	c, ds, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"site.yaml:3:3: warning: ignore: no diagnostic has the rule \"link-mising\": this entry silences nothing (did you mean link-missing?)",
		"site.yaml:4:3: warning: ignore: no diagnostic has the rule \"no-such-thing\": this entry silences nothing (folio check ends each diagnostic with its rule in brackets)",
		"site.yaml:6:5: error: ignore: path pattern \"docs/[draft.md\": syntax error in pattern (an unclosed [ or a \\ at the end) (write a path relative to the site, where * matches within a folder and ** any number of folders)",
		"site.yaml:7:1: error: page_size_limit is -5: it must be a positive number of kB (remove it to keep the default of 500 kB, or silence the rule with ignore: page-size)",
	}
	var got []string
	for _, d := range ds {
		got = append(got, d.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if c.PageSizeLimit != 500 {
		t.Errorf("page_size_limit = %d, want the default", c.PageSizeLimit)
	}
}

// TestPageSizeLimitZero: page_size_limit: 0 is an error, as a negative
// one is (tester: it silently meant the default, 500 kB).
func TestPageSizeLimitZero(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte("title: T\npage_size_limit: 0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c, ds, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Line != 2 || !strings.Contains(ds[0].Msg, "page_size_limit is 0") || c.PageSizeLimit != 500 {
		t.Errorf("diagnostics %v, limit %d", ds, c.PageSizeLimit)
	}
}
