package config

import (
	"os"
	"path/filepath"
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
