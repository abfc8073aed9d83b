package markdown

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden converts testdata/*.txtar: input.md → want.html (every
// reference resolved to "RESOLVED:<dest>", or left as is when the
// destination starts with "keep:" and turned into plain text when it
// starts with "gone:"), want.diag, and want.doc (title, headings,
// references, front matter).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	conv := New()
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			doc := conv.Parse("page.md", section(ar, "input.md"))
			got := map[string]string{"want.doc": dumpDoc(doc)}
			doc.Resolve(func(r Ref) Resolution {
				switch {
				case strings.HasPrefix(r.Dest, "keep:"):
					return Resolution{Keep: true}
				case strings.HasPrefix(r.Dest, "gone:"):
					return Resolution{Plain: true, Title: "gone"}
				}
				return Resolution{URL: "RESOLVED:" + r.Dest, Title: "Target", Desc: "About the target", Size: 1234, Width: 10, Height: 5}
			})
			html, err := conv.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			got["want.html"] = string(html)
			var ds strings.Builder
			for _, d := range doc.Diags {
				fmt.Fprintf(&ds, "%s [%s]\n", d, d.Rule)
			}
			got["want.diag"] = ds.String()
			if *update {
				for name, data := range got {
					setSection(ar, name, data)
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"want.html", "want.diag", "want.doc"} {
				if d := cmp.Diff(string(section(ar, name)), got[name]); d != "" {
					t.Errorf("%s mismatch (-want +got):\n%s", name, d)
				}
			}
		})
	}
}

func dumpDoc(d *Doc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %q\n", d.Title)
	if d.HasMeta {
		m := d.Meta
		fmt.Fprintf(&b, "meta: description=%q title=%q cover=%q hidden=%v noIndex=%v translationKey=%q extra=%v\n",
			m.Description, m.Title, m.Cover, m.Hidden, m.NoIndex, m.TranslationKey, m.Extra)
	}
	for _, h := range d.Headings {
		fmt.Fprintf(&b, "h%d #%s %q line %d\n", h.Level, h.ID, h.Text, h.Line)
	}
	for _, r := range d.Refs {
		fmt.Fprintf(&b, "ref %d:%d kind=%d tag=%q %q\n", r.Line, r.Col, r.Kind, r.Tag, r.Dest)
	}
	return b.String()
}

func section(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

func setSection(ar *txtar.Archive, name, data string) {
	for i, f := range ar.Files {
		if f.Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}

// FuzzConvert: any input parses, resolves and renders without panicking,
// twice to the same bytes.
func FuzzConvert(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		if ar, err := txtar.ParseFile(file); err == nil {
			f.Add(section(ar, "input.md"))
		}
	}
	conv := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		render := func() string {
			d := conv.Parse("fuzz.md", src)
			d.Resolve(func(r Ref) Resolution { return Resolution{URL: "x/" + r.Dest} })
			html, err := conv.Render(d)
			if err != nil {
				t.Fatal(err)
			}
			return string(html)
		}
		if a, b := render(), render(); a != b {
			t.Fatalf("two conversions differ:\n%s\n%s", a, b)
		}
	})
}
