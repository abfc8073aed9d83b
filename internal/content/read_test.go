package content

import (
	"os"
	"path/filepath"
	"testing"

	"folio/internal/config"
)

// TestReadText reads pages plainly, through a link that stays inside the
// space, and refuses a link that leaves it and a path that climbs out.
func TestReadText(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(site, "README.md"), "# Home\r\n")
	write(filepath.Join(site, "a", "b", "page.md"), "deep")
	write(filepath.Join(root, "secret.md"), "secret")
	if err := os.Symlink(filepath.Join("a", "b", "page.md"), filepath.Join(site, "inside.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "secret.md"), filepath.Join(site, "outside.md")); err != nil {
		t.Fatal(err)
	}
	sp, _, err := Load(site, config.Language{Code: "en", Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	for p, want := range map[string]string{"README.md": "# Home\n", "a/b/page.md": "deep", "inside.md": "deep"} {
		if b, ds, ok := sp.ReadText(p); !ok || string(b) != want {
			t.Errorf("ReadText(%s) = %q, %v, %v; want %q", p, b, ok, ds, want)
		}
	}
	for _, p := range []string{"outside.md", "../secret.md", "missing.md"} {
		if b, ds, ok := sp.ReadText(p); ok || len(ds) == 0 {
			t.Errorf("ReadText(%s) = %q, ok %v, %v: want a diagnostic", p, b, ok, ds)
		}
	}
}
