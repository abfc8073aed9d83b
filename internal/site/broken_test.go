package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"folio/internal/diag"
	"folio/internal/testkit"
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
			out, res := built(t, Options{Dir: dir})
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

// TestDeepNesting: lists and quotes nested a thousand levels deep give a
// diagnostic and a page shown as text, quickly, instead of a parse whose
// time grows with the square of the depth.
func TestDeepNesting(t *testing.T) {
	var lists, quotes strings.Builder
	lists.WriteString("# Lists\n\n")
	quotes.WriteString("# Quotes\n\n")
	for i := range 1000 {
		lists.WriteString(strings.Repeat("  ", i) + "- item\n")
		quotes.WriteString(strings.Repeat(">", i+1) + " quote\n")
	}
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Lists](lists.md)\n* [Quotes](quotes.md)\n",
		"README.md":  "# Home\n",
		"lists.md":   lists.String(),
		"quotes.md":  quotes.String(),
	})
	start := time.Now()
	res, err := Build(context.Background(), Options{Dir: dir, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("build took %s", d)
	}
	var got []string
	for _, d := range res.Diags {
		if d.Rule == "nesting" {
			got = append(got, fmt.Sprintf("%s:%d", d.Path, d.Line))
		}
	}
	if strings.Join(got, " ") != "lists.md:204 quotes.md:103" {
		t.Errorf("nesting diagnostics: %v", got)
	}
}

// TestBigPage: a 20 MB page is reported as too big and the site builds,
// without a crash or a hang.
func TestBigPage(t *testing.T) {
	if testing.Short() {
		t.Skip("a 20 MB page")
	}
	var big strings.Builder
	big.WriteString("# Big\n\n")
	for big.Len() < 20<<20 {
		big.WriteString("A paragraph with **bold**, a [link](README.md) and `code`.\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n")
	}
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Big](big.md)\n",
		"README.md":  "# Home\n",
		"big.md":     big.String(),
	})
	start := time.Now()
	res, err := Build(context.Background(), Options{Dir: dir, Out: filepath.Join(t.TempDir(), "public")})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("20 MB page built in %s", time.Since(start))
	found := false
	for _, d := range res.Diags {
		found = found || d.Rule == "page-size" && d.Path == "big.md"
	}
	if !found || res.Stats.Pages != 2 {
		t.Errorf("pages %d, page-size reported %v", res.Stats.Pages, found)
	}
}

// TestReservedFileNames: pages whose names hold characters that URLs
// reserve are published and linked correctly.
func TestReservedFileNames(t *testing.T) {
	names := []string{"what?.md", "a:b.md", "x#y.md", "100%.md", "space name.md", "é.md"}
	files := map[string]string{"README.md": "# Home\n"}
	var sum strings.Builder
	sum.WriteString("# S\n\n* [Home](README.md)\n")
	for _, n := range names {
		files[n] = "# " + n + "\n\n[home](README.md)\n"
		fmt.Fprintf(&sum, "* [%s](<./%s>)\n", n, strings.NewReplacer("%", "%25", "#", "%23", "?", "%3F").Replace(n))
	}
	files["SUMMARY.md"] = sum.String()
	out, res := built(t, Options{Dir: testkit.Site(t, files)})
	for _, d := range res.Diags {
		if d.Severity == diag.Error {
			t.Errorf("diagnostic: %s", d)
		}
	}
	if res.Stats.Pages != len(names)+1 {
		t.Errorf("built %d pages", res.Stats.Pages)
	}
	checkOutputLinks(t, out)
}
