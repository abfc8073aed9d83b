package gitbook

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
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

func section(ar *txtar.Archive, name string) ([]byte, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

func setSection(ar *txtar.Archive, name string, data []byte) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = data
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: data})
}

func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			input, ok := section(ar, "input.md")
			if !ok {
				t.Fatal("no input.md section")
			}
			gotHTML, gotDiag := convert(t, input)
			if *update {
				setSection(ar, "want.html", []byte(gotHTML))
				setSection(ar, "want.diag", []byte(gotDiag))
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			wantHTML, ok1 := section(ar, "want.html")
			wantDiag, ok2 := section(ar, "want.diag")
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
}
