package history

import (
	"bytes"
	"context"
	"testing"
	"time"

	"folio/internal/testkit"
)

// BenchmarkLog reads the history of a repository of 1,000 commits and 500
// pages as a build does, with Read: the work tree found without git, then
// one git log. It reports the time to make the repository (ms-setup, with
// git fast-import) and to read its history (ms/history, the same as
// ns/op).
func BenchmarkLog(b *testing.B) {
	start := time.Now()
	g := testkit.GenerateGitRepo(b, 1000, 500)
	setup := time.Since(start)
	ctx := context.Background()
	var h *History
	for b.Loop() {
		var err error
		if _, h, err = Read(ctx, g.Dir); err != nil {
			b.Fatal(err)
		}
	}
	if h.CommitCount != 1000 || len(h.Files()) != 500 || len(h.Renames) != 19 {
		b.Fatalf("read %d commits, %d files, %d renames", h.CommitCount, len(h.Files()), len(h.Renames))
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/history")
	b.ReportMetric(float64(setup.Milliseconds()), "ms-setup")
}

// BenchmarkParseLog measures folio's share of BenchmarkLog: parsing the
// output of git log for the same repository.
func BenchmarkParseLog(b *testing.B) {
	g := testkit.GenerateGitRepo(b, 1000, 500)
	out := g.Git("log", "-z", "--no-merges", "--date-order", "--find-renames", "--name-status",
		"--decorate-refs-exclude=*", "--format="+logFormat)
	repo := &Repo{}
	b.SetBytes(int64(len(out)))
	for b.Loop() {
		if _, err := parseLog(bytes.NewReader([]byte(out)), repo); err != nil {
			b.Fatal(err)
		}
	}
}
