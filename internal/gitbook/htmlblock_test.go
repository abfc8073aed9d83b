package gitbook

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// goldmarkType returns the HTML block type goldmark's own parser opens for
// line, 0 for none.
func goldmarkType(line string) ast.HTMLBlockType {
	n, _ := parser.NewHTMLBlockParser().Open(ast.NewDocument(), text.NewReader([]byte(line)), parser.NewContext())
	if n == nil {
		return 0
	}
	return n.(*ast.HTMLBlock).HTMLBlockType
}

// TestBlockTagLine holds the fast path to goldmark: every line it takes is
// a type 6 block for goldmark too, and it takes the common ones.
func TestBlockTagLine(t *testing.T) {
	for name := range blockTags {
		for _, line := range []string{"<" + name + ">\n", "</" + strings.ToUpper(name) + ">", "  <" + name + ` class="x">text` + "\r\n", "<" + name + "/>", "</ " + name + " >\n"} {
			if !blockTagLine([]byte(line)) {
				t.Errorf("blockTagLine(%q) = false", line)
			}
			if got := goldmarkType(line); got != ast.HTMLBlockType6 {
				t.Errorf("goldmark opens %q as type %d, want 6: blockTags differs from goldmark's list", line, got)
			}
		}
	}
	for _, line := range []string{"<span>", "<divx>", "    <div>", "<div\tclass=x>", "<pre>", "<script>", "<!-- x -->", "text", "<", "<di v>", "<figure-x>", "<p2>"} {
		if blockTagLine([]byte(line)) {
			t.Errorf("blockTagLine(%q) = true", line)
		}
	}
}

func FuzzBlockTagLine(f *testing.F) {
	for _, s := range []string{"<div>\n", "</p >", "<figure class=x>", "<div\t>", "<P/>", "   <table\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		if i := strings.IndexByte(line, '\n'); i >= 0 {
			line = line[:i+1] // one line, as PeekLine gives it
		}
		if blockTagLine([]byte(line)) && goldmarkType(line) != ast.HTMLBlockType6 {
			t.Fatalf("blockTagLine(%q) = true, goldmark opens type %d", line, goldmarkType(line))
		}
	})
}
