package gitbook

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"folio/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// md is shared by all tests, as the markdown package shares it between
// goroutines.
var md = goldmark.New(
	goldmark.WithExtensions(extension.GFM, Extension),
	goldmark.WithRendererOptions(html.WithUnsafe()),
)

// convert renders src and formats its diagnostics one per line.
func convert(t testing.TB, src []byte) (string, string) {
	t.Helper()
	pc := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		t.Fatalf("render: %v", err)
	}
	var d strings.Builder
	for _, p := range Problems(pc) {
		fmt.Fprintf(&d, "%d:%d: %s: %s: %s\n", p.Line, p.Col, p.Severity, p.Rule, p.Msg)
	}
	return buf.String(), d.String()
}

func TestGolden(t *testing.T) {
	testkit.EachCase(t, "testdata/*.txtar", func(t *testing.T, file string, ar *txtar.Archive) {
		input, ok := testkit.Section(ar, "input.md")
		if !ok {
			t.Fatal("no input.md section")
		}
		gotHTML, gotDiag := convert(t, input)
		if *update {
			testkit.SetSection(ar, "want.html", []byte(gotHTML))
			testkit.SetSection(ar, "want.diag", []byte(gotDiag))
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		wantHTML, ok1 := testkit.Section(ar, "want.html")
		wantDiag, ok2 := testkit.Section(ar, "want.diag")
		if !ok1 || !ok2 {
			t.Fatal("missing want.html or want.diag; run with -update")
		}
		if d := cmp.Diff(string(wantHTML), gotHTML); d != "" {
			t.Errorf("HTML mismatch (-want +got):\n%s", d)
		}
		if d := cmp.Diff(string(wantDiag), gotDiag); d != "" {
			t.Errorf("diagnostics mismatch (-want +got):\n%s", d)
		}
	})
}
