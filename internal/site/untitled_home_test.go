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
// Markdown title (a centred HTML <h1>, as GitHub READMEs open) names the
// site after its folder, not "." (t59).
func TestUntitledHome(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "acme-docs")
	testkit.WriteFiles(t, dir, map[string]string{
		"README.md":  "<h1 align=\"center\">Acme</h1>\n\nAcme does things.\n",
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
