package site

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/internal/testkit"
)

// BenchmarkHistory builds a site of 500 pages whose repository holds
// 1,000 commits (testkit.GenerateGitRepo, 19 of them renames), with its
// history (stamps, edit and comment links, forwarding pages), and the
// same site copied outside git, alternately. The history is read while
// the pages are parsed: compare the two medians, ms-median-git and
// ms-median-nogit.
//
//	go test -run '^$' -bench History -count 5 ./internal/site
func BenchmarkHistory(b *testing.B) {
	g := testkit.GenerateGitRepo(b, 1000, 500)
	var pages []string
	err := filepath.WalkDir(g.Dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, err := filepath.Rel(g.Dir, p)
		pages = append(pages, filepath.ToSlash(rel))
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	slices.Sort(pages)
	var sum strings.Builder
	sum.WriteString("# Summary\n\n* [Home](README.md)\n")
	for _, p := range pages {
		sum.WriteString("* [" + strings.TrimSuffix(filepath.Base(p), ".md") + "](<" + p + ">)\n")
	}
	g.Write(map[string]string{
		"site.yaml":  "title: Bench\nbase_url: https://example.org/\nrepo_url: https://github.com/example/bench\n",
		"README.md":  "# Bench\n\nA generated book.\n",
		"SUMMARY.md": sum.String(),
	})
	g.Commit("Alice <alice@example.org>", "Summary")
	noGit := filepath.Join(b.TempDir(), "site")
	if err := os.CopyFS(noGit, os.DirFS(g.Dir)); err != nil {
		b.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(noGit, ".git")); err != nil {
		b.Fatal(err)
	}
	work := benchOutDir(b)
	// The two builds alternate, so that a machine busy with something
	// else slows both alike; each gets its own figure.
	sites := []struct{ name, dir string }{{"git", g.Dir}, {"nogit", noGit}}
	took := make([][]time.Duration, len(sites))
	build := func(i int) {
		c := sites[i]
		out := filepath.Join(work, c.name)
		start := time.Now()
		res, err := Build(context.Background(), Options{Dir: c.dir, Out: out})
		if err != nil {
			b.Fatal(err)
		}
		took[i] = append(took[i], time.Since(start))
		if res.Stats.Pages != len(pages)+1 {
			b.Fatalf("%d pages built, want %d", res.Stats.Pages, len(pages)+1)
		}
		stamped := strings.Contains(readFileB(b, filepath.Join(out, filepath.FromSlash(res.Pages[pages[0]]), "index.html")), "page-stamp")
		if stamped != (c.name == "git") || c.name == "git" && res.Stats.Redirects == 0 {
			b.Fatalf("%s: stamped %v, %d forwarding pages", c.name, stamped, res.Stats.Redirects)
		}
	}
	n := 0
	for b.Loop() {
		build(n % 2)
		build(1 - n%2)
		n++
	}
	for i, c := range sites {
		slices.Sort(took[i])
		b.ReportMetric(float64(took[i][len(took[i])/2].Microseconds())/1000, "ms-median-"+c.name)
	}
}

func readFileB(b *testing.B, p string) string {
	data, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}
