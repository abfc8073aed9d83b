package gitbook

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TestResolverContract does what the markdown package does between parsing
// and rendering: find blocks, rewrite their URL attributes with Set and add
// the reserved `_` values. The HTML must show the rewritten values.
func TestResolverContract(t *testing.T) {
	src := []byte("Intro\n" +
		"{% content-ref url=\"../a.md\" %}\n[a.md](../a.md)\n{% endcontent-ref %}\n" +
		"{% file src=\"x y.pdf\" %}\n" +
		"{% embed url=\"https://example.com/v\" %}\n")
	pc := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var lines []int
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		b, ok := n.(*Block)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		lines = append(lines, b.Line)
		for _, k := range URLAttrs(b.Tag.Name) {
			if v, ok := b.Tag.Get(k); ok {
				b.Tag.Set(k, "/resolved/"+v)
			}
		}
		switch b.Tag.Name {
		case "content-ref":
			b.Tag.Set("_title", "Page A")
			b.Tag.Set("_desc", "About <A>")
		case "file":
			b.Tag.Set("_size", "1.2 MB")
			b.Tag.Set("_name", "Nice name.pdf")
		case "embed":
			b.Tag.Set("_media", "video")
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{2, 5, 6}; !slices.Equal(lines, want) {
		t.Errorf("Block lines = %v, want %v", lines, want)
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		`<a class="content-ref" href="/resolved/../a.md"><span class="content-ref-title">Page A</span><span class="content-ref-desc">About &lt;A&gt;</span></a>`,
		`<a class="file-link" href="/resolved/x%20y.pdf" download>`,
		`<span class="file-name">Nice name.pdf</span><span class="file-size">1.2 MB</span>`,
		`<video controls preload="metadata" src="/resolved/https://example.com/v"><a href="/resolved/https://example.com/v">v</a></video>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %s\n%s", want, got)
		}
	}
	if strings.Contains(got, "[a.md]") || strings.Contains(got, `href="../a.md"`) {
		t.Errorf("content-ref children rendered although _title is set:\n%s", got)
	}
	if p := Problems(pc); len(p) != 0 {
		t.Errorf("Problems = %v, want none", p)
	}
}

// TestConcurrent converts pages from several goroutines with the shared
// goldmark instance; run with -race.
func TestConcurrent(t *testing.T) {
	src := largePage(64 << 10)
	want, wantDiag := convert(t, src)
	done := make(chan [2]string)
	for range 4 {
		go func() {
			h, d := convert(t, src)
			done <- [2]string{h, d}
		}()
	}
	for range 4 {
		if got := <-done; got[0] != want || got[1] != wantDiag {
			t.Error("concurrent conversion differs")
		}
	}
}
