package build

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark"
)

// BenchmarkBuildSpecs measures the full build of govstack-specs (parse,
// links, theme, minification, assets, writing) beside its baseline: bare
// goldmark reading and converting the same published pages. Compare the
// two ns/op figures:
//
//	go test -run '^$' -bench BuildSpecs -count 5 ./internal/build
func BenchmarkBuildSpecs(b *testing.B) {
	dir := filepath.Join(corpusDir(b), "govstack-specs")
	s, err := load(Options{Dir: dir})
	if err != nil {
		b.Fatal(err)
	}
	s.langs[0].discover(context.Background())
	var files []string
	size := 0
	for _, pg := range s.langs[0].pages {
		p := s.langs[0].space.AbsPath(pg.path)
		files = append(files, p)
		size += len(pg.doc.Source)
	}
	s.close()

	b.Run("goldmark", func(b *testing.B) {
		md := goldmark.New()
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range files {
				src, err := os.ReadFile(f)
				if err != nil {
					b.Fatal(err)
				}
				if err := md.Convert(src, io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("folio", func(b *testing.B) {
		out := filepath.Join(b.TempDir(), "public")
		b.SetBytes(int64(size))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := Build(context.Background(), Options{Dir: dir, Out: out}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

var _ = bytes.MinRead
