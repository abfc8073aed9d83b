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
	"github.com/yuin/goldmark/ast"
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

// TestBranchLabel: an else branch is labelled, in English unless the build
// gives the label in the page's language (_label), escaped.
func TestBranchLabel(t *testing.T) {
	src := []byte("{% if a %}\nA.\n{% else %}\nB.\n{% endif %}\n")
	for _, tc := range []struct{ label, want string }{
		{"", `<p class="conditional-label">Otherwise</p>`},
		{"Sinon <b>", `<p class="conditional-label">Sinon &lt;b&gt;</p>`},
	} {
		doc := md.Parser().Parse(text.NewReader(src))
		_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if b, ok := n.(*Block); ok && entering && b.Tag.Name == "else" && tc.label != "" {
				b.Tag.Set("_label", tc.label)
			}
			return ast.WalkContinue, nil
		})
		var buf bytes.Buffer
		if err := md.Renderer().Render(&buf, src, doc); err != nil {
			t.Fatal(err)
		}
		if got := buf.String(); strings.Count(got, tc.want) != 1 || strings.Count(got, "conditional-label") != 1 {
			t.Errorf("label %q: got\n%s\nwant one %s", tc.label, got, tc.want)
		}
	}
}
