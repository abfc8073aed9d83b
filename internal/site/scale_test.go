package site

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// genLarge writes a site of n pages and assets images (tiny PNG-named
// files) under dir: 50 pages a section, each page with headings, a table,
// a hint, links to its neighbours and an anchor, and an image.
func genLarge(tb testing.TB, dir string, n, assets int) {
	tb.Helper()
	var sum bytes.Buffer
	sum.WriteString("# Summary\n\n* [Home](README.md)\n")
	write := func(name, body string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write("README.md", "# Home\n\n## Start\n\nWelcome.\n")
	for i := range assets {
		write(fmt.Sprintf(".gitbook/assets/img %d (1).png", i), "not a real png")
	}
	for i := range n {
		sec := i / 50
		name := fmt.Sprintf("s%03d/p%05d.md", sec, i)
		if i%50 == 0 {
			name = fmt.Sprintf("s%03d/README.md", sec)
			fmt.Fprintf(&sum, "* [Section %d](%s)\n", sec, name)
		} else {
			fmt.Fprintf(&sum, "  * [Page %d](%s)\n", i, name)
		}
		write(name, fmt.Sprintf("---\ndescription: Page %d.\n---\n\n# Page %d\n\n"+
			"{%% hint style=\"info\" %%}\nA hint on page %d.\n{%% endhint %%}\n\n"+
			"Text with a [link home](../README.md#start) and **bold** words.&#x20;\n\n"+
			"![figure](<../.gitbook/assets/img %d (1).png>)\n\n## Details\n\n| a | b |\n| - | - |\n| %d | two |\n\n### More\n\n- one\n- two\n",
			i, i, i, i%max(assets, 1), i))
	}
	write("SUMMARY.md", sum.String())
}

// peakRSS returns the process's peak resident memory in bytes (Linux).
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// BenchmarkScale builds generated sites of 1,000, 5,000 and 10,000 pages
// with 2,000 assets, and reports the time per page (it should stay flat:
// linear growth) and the process's peak memory so far (under 400 MB
// asked at 10,000 pages). The 5,000- and 10,000-page sites are past
// regrowPages: their trees are released after parsing and grown again.
//
//	go test -run '^$' -bench Scale -benchtime 1x ./internal/site
func BenchmarkScale(b *testing.B) {
	for _, n := range []int{1000, 5000, 10000} {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			work := benchOutDir(b)
			dir := filepath.Join(work, "site")
			genLarge(b, dir, n, 2000)
			out := filepath.Join(work, "public")
			b.ResetTimer()
			start := time.Now()
			for b.Loop() {
				res, err := Build(context.Background(), Options{Dir: dir, Out: out})
				if err != nil {
					b.Fatal(err)
				}
				if res.Stats.Pages != n+1 {
					b.Fatalf("built %d pages", res.Stats.Pages)
				}
			}
			took := time.Since(start)
			b.ReportMetric(float64(took.Microseconds())/1000/float64(b.N)/float64(n)*1000, "µs/page")
			b.ReportMetric(float64(peakRSS())/(1<<20), "MB-peak-rss")
			// The output per page stays flat as the site grows: a sidebar
			// written whole into every page made it grow with the site (t48).
			var size int64
			_ = filepath.WalkDir(out, func(_ string, e fs.DirEntry, err error) error {
				if err == nil && e.Type().IsRegular() {
					if info, err := e.Info(); err == nil {
						size += info.Size()
					}
				}
				return nil
			})
			b.ReportMetric(float64(size)/1024/float64(n), "kB-out/page")
		})
	}
}
