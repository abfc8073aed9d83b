package diagram

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// TestGolden draws the diagram of each testdata/*.txtar. "want" holds the
// error, or the kind, label and ignored features of the drawing, then what
// the renderer was given; "want.svg" holds the drawing.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	r := New(1, 1<<20)
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			src, ok := section(ar, "diagram")
			if !ok {
				t.Fatal("no diagram section")
			}
			got := map[string]string{}
			d, err := r.Draw(src)
			if err != nil {
				got["want"] = fmt.Sprintf("error: %v\n", err)
			} else {
				p, _ := prepare(src)
				got["want"] = fmt.Sprintf("kind: %s\nlabel: %s\nignored: %s\nbody:\n%s", d.Kind, d.Label, strings.Join(d.Ignored, ", "), p.body)
				got["want.svg"] = d.SVG("g-") + "\n"
			}
			if *update {
				ar.Files = slices.DeleteFunc(ar.Files, func(f txtar.File) bool { return strings.HasPrefix(f.Name, "want") })
				for _, name := range []string{"want", "want.svg"} {
					if data, ok := got[name]; ok {
						ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"want", "want.svg"} {
				want, _ := section(ar, name)
				if d := cmp.Diff(want, got[name]); d != "" {
					t.Errorf("%s mismatch (-want +got):\n%s", name, d)
				}
			}
		})
	}
}

func section(ar *txtar.Archive, name string) (string, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data), true
		}
	}
	return "", false
}
