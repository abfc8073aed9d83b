package build

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestBrokenInputs builds each site of testdata/broken (one folder per
// case) and compares its diagnostics with the case's want.diag: bad input
// gives a clear diagnostic, and the rest of the site still builds.
func TestBrokenInputs(t *testing.T) {
	cases, err := filepath.Glob("testdata/broken/*")
	if err != nil || len(cases) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, dir := range cases {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			res, err := Build(context.Background(), Options{Dir: dir, Out: out})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
				t.Error("the rest of the site was not built")
			}
			var got strings.Builder
			for _, d := range res.Diags {
				got.WriteString(d.String() + " [" + d.Rule + "]\n")
			}
			wantFile := filepath.Join(dir, "want.diag")
			if *update {
				if err := os.WriteFile(wantFile, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(string(want), got.String()); d != "" {
				t.Errorf("diagnostics (-want +got):\n%s", d)
			}
		})
	}
}
