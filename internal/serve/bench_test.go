package serve

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"folio/internal/site"

	"folio/internal/testkit"
)

// genSite writes a site of n pages: SUMMARY.md lists them all in nested
// sections, each page has headings, a table, and links to its neighbours
// and to an anchor of the first page.
func genSite(tb testing.TB, dir string, n int) {
	tb.Helper()
	var sum strings.Builder
	sum.WriteString("# Summary\n\n* [Home](README.md)\n")
	files := map[string]string{"README.md": "# Home\n\n## Start here\n\nWelcome.\n"}
	for i := range n {
		sec := i / 50
		name := fmt.Sprintf("s%02d/p%04d.md", sec, i)
		if i%50 == 0 {
			name = fmt.Sprintf("s%02d/README.md", sec)
			fmt.Fprintf(&sum, "* [Section %d](%s)\n", sec, name)
		} else {
			fmt.Fprintf(&sum, "  * [Page %d](%s)\n", i, name)
		}
		files[name] = fmt.Sprintf("---\ndescription: Page %d of the generated site.\n---\n\n# Page %d\n\n"+
			"Some text about page %d, with a [link home](../README.md#start-here) and **bold** words.\n\n"+
			"## Details\n\n| a | b |\n| - | - |\n| %d | two |\n\n## More\n\n- one\n- two\n", i, i, i, i)
	}
	files["SUMMARY.md"] = sum.String()
	testkit.WriteFiles(tb, dir, files)
}

// benchDir is a directory in memory when the machine has one, so that the
// figures measure folio rather than the disk.
func benchDir(b *testing.B) string {
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		if d, err := os.MkdirTemp("/dev/shm", "folio-serve-bench-"); err == nil {
			b.Cleanup(func() { os.RemoveAll(d) })
			return d
		}
	}
	return b.TempDir()
}

// BenchmarkSaveToReload measures, on a generated 2,000-page site, the time
// from writing a page to the reload event reaching a connected browser,
// through the real watcher, debounce, update and event stream. It reports
// the median ("ms/median") as the issue asks, and the same for a change to
// SUMMARY.md (a full rebuild) beside a cold folio build of the same site.
//
//	go test -run '^$' -bench SaveToReload -benchtime 40x ./internal/serve
func BenchmarkSaveToReload(b *testing.B) {
	work := benchDir(b)
	dir := filepath.Join(work, "site")
	genSite(b, dir, 2000)
	// The server's output goes where the cold build's goes: one file system.
	b.Setenv("TMPDIR", work)

	// Cold builds, for comparison with a rebuild after SUMMARY.md changes:
	// the folio build command itself, a new process each time, with the
	// same minification setting as the preview; the median of three, like
	// the rebuilds.
	bin := filepath.Join(work, "folio")
	if out, err := exec.Command("go", "build", "-o", bin, "folio/cmd/folio").CombinedOutput(); err != nil {
		b.Fatalf("build the command: %v\n%s", err, out)
	}
	var colds []time.Duration
	for i := range 3 {
		cold := time.Now()
		cmd := exec.Command(bin, "build", "--quiet", "--no-minify", "--out", filepath.Join(work, fmt.Sprintf("cold%d", i)), dir)
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("folio build: %v\n%s", err, out)
		}
		colds = append(colds, time.Since(cold))
	}
	coldBuild := median(colds)

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Build: site.Options{Dir: dir, NoMinify: true}, Addr: "127.0.0.1:0"}, func(u string) { urls <- u })
	}()
	var url string
	select {
	case url = <-urls:
	case err := <-done:
		b.Fatal(err)
	}
	ev := events(b, url)
	waitFor(b, ev, "diagnostics")

	var edits []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		page := filepath.Join(dir, fmt.Sprintf("s%02d/p%04d.md", (i%1900+1)/50, i%1900+1))
		if (i%1900+1)%50 == 0 {
			page = filepath.Join(dir, fmt.Sprintf("s%02d/README.md", (i%1900+1)/50))
		}
		body := fmt.Sprintf("---\ndescription: Edited.\n---\n\n# Page %d\n\nEdited text number %d.\n", i, i)
		start := time.Now()
		if err := os.WriteFile(page, []byte(body), 0o644); err != nil {
			b.Fatal(err)
		}
		waitFor(b, ev, "update")
		edits = append(edits, time.Since(start))
	}
	b.StopTimer()

	// SUMMARY.md changes: one that keeps the same pages (reordered
	// entries, the common edit) and one that drops a page, which needs a
	// full build.
	sumFile := filepath.Join(dir, "SUMMARY.md")
	sum, err := os.ReadFile(sumFile)
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(sum), "\n"), "\n")
	var reframes, rebuilds []time.Duration
	for i := range 3 {
		// An editor's saves are seconds apart: let the last rebuild's
		// background work (search index, removing the old output) end.
		time.Sleep(time.Second)
		swapped := slices.Clone(lines)
		n := len(swapped)
		swapped[n-1-i], swapped[n-2-i] = swapped[n-2-i], swapped[n-1-i]
		start := time.Now()
		if err := os.WriteFile(sumFile, []byte(strings.Join(swapped, "\n")+"\n"), 0o644); err != nil {
			b.Fatal(err)
		}
		waitFor(b, ev, "update")
		reframes = append(reframes, time.Since(start))
	}
	for i := range 3 {
		time.Sleep(2 * time.Second)
		start := time.Now()
		if err := os.WriteFile(sumFile, []byte(strings.Join(lines[:len(lines)-1-i], "\n")+"\n"), 0o644); err != nil {
			b.Fatal(err)
		}
		waitFor(b, ev, "update")
		rebuilds = append(rebuilds, time.Since(start))
	}
	b.ReportMetric(ms(median(edits)), "ms/median-edit")
	b.ReportMetric(ms(median(reframes)), "ms/summary-reorder")
	b.ReportMetric(ms(median(rebuilds)), "ms/summary-full-rebuild")
	b.ReportMetric(ms(coldBuild), "ms/cold-build")
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
