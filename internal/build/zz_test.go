package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"folio/internal/search"
	"folio/internal/testkit"
)

func BenchmarkAnalyseWarm(b *testing.B) {
	work := benchOutDir(b)
	dir := filepath.Join(work, "govstack-specs")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(testkit.CorpusDir(b), "govstack-specs"))); err != nil {
		b.Fatal(err)
	}
	s, _, err := buildSite(context.Background(), Options{Dir: dir, Out: filepath.Join(work, "out"), Dev: true})
	if err != nil {
		b.Fatal(err)
	}
	var entries []search.Entry
	for _, pg := range s.langs[0].pages {
		entries = append(entries, searchEntry(pg, pg.body))
	}
	defer tuneGC()()
	a := search.NewAnalysis("en")
	b.ReportAllocs()
	for b.Loop() {
		for _, e := range entries {
			if _, err := a.Analyse(e); err != nil {
				b.Fatal(err)
			}
		}
	}
}
