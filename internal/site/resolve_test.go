package site

import (
	"context"
	"slices"
	"testing"

	"folio/internal/diag"
	"folio/internal/testkit"
)

// TestCoverDiagnosticAtItsLine: the diagnostics of a page's cover image
// are at the value of its cover: key, where other front matter
// diagnostics are (t33: at 1:1).
func TestCoverDiagnosticAtItsLine(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"README.md": "---\ndescription: x\ncover:   .gitbook/assets/none.png\n---\n# Home\n",
	})
	res, err := Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Diags, func(d diag.Diagnostic) bool {
		return d.Rule == "link-missing" && d.Path == "README.md" && d.Line == 3 && d.Col == 10
	}) {
		t.Errorf("no link-missing at README.md:3:10: %v", res.Diags)
	}
}
