package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// generated returns n pages of pseudo-English documentation: Zipf-
// distributed words from a vocabulary of 20,000, about 600 words and 6
// headings per page, so index sizes resemble a large real site.
func generated(n int) []Entry {
	r := rand.New(rand.NewPCG(1, 2))
	vocab := make([]string, 20000)
	for i := range vocab {
		var b strings.Builder
		for range 3 + r.IntN(8) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
		vocab[i] = b.String()
	}
	zipf := rand.NewZipf(r, 1.07, 2, uint64(len(vocab)-1))
	words := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = vocab[zipf.Uint64()]
		}
		return strings.Join(ws, " ")
	}
	entries := make([]Entry, n)
	for i := range entries {
		e := Entry{URL: fmt.Sprintf("section-%d/page-%d/", i/20, i), Title: words(3)}
		var body strings.Builder
		body.WriteString("<p>" + words(80) + "</p>\n")
		for h := range 6 {
			ht := words(2)
			e.Headings = append(e.Headings, Heading{ID: fmt.Sprintf("h-%d", h), Text: ht})
			fmt.Fprintf(&body, "<h2 id=\"h-%d\">%s</h2>\n<p>%s</p>\n", h, ht, words(85))
		}
		e.HTML = []byte(body.String())
		entries[i] = e
	}
	return entries
}

// BenchmarkBuild2000 indexes a generated 2,000-page site and reports the
// index size, raw and gzipped as a web server would send it.
func BenchmarkBuild2000(b *testing.B) {
	entries := generated(2000)
	var idx []byte
	b.ReportAllocs()
	for b.Loop() {
		var err error
		idx, err = Build("en", entries)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(idx)), "bytes/index")
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(idx)
	w.Close()
	b.ReportMetric(float64(gz.Len()), "gzip-bytes/index")
}
