package content

import (
	"context"
	"slices"
	"testing"

	"folio/internal/config"
	"folio/internal/testkit"
)

// TestNaturalCompare: the navigation GitBook infers lists numbered files
// by their number (t35: 10-ten came before 2-two), and names whatever
// the case of their letters (t73: Zebra came before apple).
func TestNaturalCompare(t *testing.T) {
	names := []string{"10-ten.md", "2-two.md", "1-a.md", "01-a.md", "b.md", "a10.md", "a9.md", "README.md", "Zebra.md", "mango.md", "Apple.md", "apple.md"}
	slices.SortFunc(names, naturalCompare)
	want := []string{"01-a.md", "1-a.md", "2-two.md", "10-ten.md", "a9.md", "a10.md", "Apple.md", "apple.md", "b.md", "mango.md", "README.md", "Zebra.md"}
	if !slices.Equal(names, want) {
		t.Errorf("sorted %v, want %v", names, want)
	}
}

// TestInferSummaryFolders: a folder without a README is an entry of its
// name, without a page, with its pages under it, so that a reader sees
// which folder a page is in (t73: they were listed at the folder's place,
// guides/intro.md and api/intro.md side by side); the names are in the
// order a file manager gives, whatever their case.
func TestInferSummaryFolders(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"README.md":                  "# Home\n",
		"Zebra.md":                   "# Zebra\n",
		"apple.md":                   "# Apple\n",
		"guides/intro.md":            "# Intro\n",
		"guides/deep dir/notes.md":   "# Notes\n",
		"api/README.md":              "# API\n",
		"api/intro.md":               "# Intro\n",
		"getting_started-now/[a].md": "# A\n",
	})
	sp, _, err := Load(context.Background(), dir, config.Language{Code: "en", Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	want := "# Summary\n\n" +
		"* [](README.md)\n" +
		"* [](apple.md)\n" +
		"* [](Zebra.md)\n" +
		"* [](api/README.md)\n" +
		"  * [](api/intro.md)\n" +
		"* Getting started now\n" +
		"  * [](getting_started-now/%5Ba%5D.md)\n" +
		"* Guides\n" +
		"  * [](guides/intro.md)\n" +
		"  * Deep dir\n" +
		"    * [](guides/deep%20dir/notes.md)\n"
	if got := string(sp.inferSummary()); got != want {
		t.Errorf("inferred SUMMARY.md:\n%s\nwant:\n%s", got, want)
	}
}
