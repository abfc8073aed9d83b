package site

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"folio/internal/diag"
	"folio/internal/testkit"
)

// TestAnchorsBounded: a page's links to its own 4,000 headings, by
// GitHub's ids or broken, resolve in linear time: GitHub's ids are made
// once for the page, and only the first broken anchors are given a near
// id (t59: 4,000 of each took 19 s).
func TestAnchorsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Home\n\n")
	for i := range 4000 {
		fmt.Fprintf(&b, "* [Tool %d](#tools-%d) [typo](#tool-x-%d)\n", i, i, i)
	}
	for i := range 4000 {
		fmt.Fprintf(&b, "\n## Tool's %d\n", i)
	}
	dir := testkit.Site(t, map[string]string{"SUMMARY.md": "# S\n\n* [Home](README.md)\n", "README.md": b.String()})
	start := time.Now()
	res, err := Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 5*time.Second && !raceOn {
		t.Errorf("resolving 8,000 anchors took %v", el)
	}
	// The page tells diag.PerRule of them, and counts the rest.
	broken, hinted, more := 0, 0, ""
	for _, d := range res.Diags {
		if d.Rule == "link-anchor" {
			broken++
			if d.Hint != "" {
				hinted++
			}
			more = d.Msg
		}
	}
	want := fmt.Sprintf("%d more of rule link-anchor in this file, not shown", 4000-diag.PerRule)
	if broken != diag.PerRule+1 || hinted != maxAnchorHints || more != want {
		t.Errorf("%d broken anchors told, %d with a hint, the last %q; want %d, %d, %q (the GitHub ids resolve)", broken, hinted, more, diag.PerRule+1, maxAnchorHints, want)
	}
}

// TestNearPagesBounded: a page's broken links and SUMMARY.md's misspelt
// entries are given a near file as far as they are told (diag.PerRule),
// each such search reading every file of the space: 8,000 of each, among
// 8,000 files, resolve in linear time (t87: 10,000 took 25 s).
func TestNearPagesBounded(t *testing.T) {
	const n = 8000
	files := map[string]string{}
	var page, summary strings.Builder
	page.WriteString("# Home\n\n")
	summary.WriteString("# S\n\n* [Home](README.md)\n")
	for i := range n {
		files[fmt.Sprintf("docs/page-%05d.md", i)] = "# P\n"
		fmt.Fprintf(&page, "[p](docs/pgae-%05d.md)\n", i)
		fmt.Fprintf(&summary, "* [P](docs/paeg-%05d.md)\n", i)
	}
	files["README.md"], files["SUMMARY.md"] = page.String(), summary.String()
	dir := testkit.Site(t, files)
	start := time.Now()
	res, err := Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 5*time.Second && !raceOn {
		t.Errorf("checking %d broken links and entries took %v", n, el)
	}
	hinted := map[string]int{}
	for _, d := range res.Diags {
		if strings.HasPrefix(d.Hint, "did you mean docs/page-") {
			hinted[d.Rule]++
		}
	}
	if hinted["link-missing"] != diag.PerRule || hinted["summary-missing"] != diag.PerRule {
		t.Errorf("near pages given: %v, want %d of each rule", hinted, diag.PerRule)
	}
}
