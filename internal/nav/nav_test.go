package nav

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"folio/internal/diag"
	"folio/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// dump prints a summary as the want.txt sections show it.
func dump(s *Summary) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title %q\n", s.Title)
	var items func(its []*Item, depth int)
	items = func(its []*Item, depth int) {
		for _, it := range its {
			fmt.Fprintf(&b, "%s%d:%d %q", strings.Repeat("  ", depth), it.Line, it.Col, it.Title)
			if it.Target != "" {
				fmt.Fprintf(&b, " -> %q", it.Target)
			}
			if it.Label != "" {
				fmt.Fprintf(&b, " label %q", it.Label)
			}
			b.WriteByte('\n')
			items(it.Children, depth+1)
		}
	}
	for _, p := range s.Parts {
		fmt.Fprintf(&b, "part %q", p.Title)
		if p.Slug != "" {
			fmt.Fprintf(&b, " slug %q", p.Slug)
		}
		fmt.Fprintf(&b, " line %d\n", p.Line)
		items(p.Items, 1)
	}
	return b.String()
}

func formatDiags(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s [%s]\n", d, d.Rule)
	}
	return b.String()
}

func TestGolden(t *testing.T) {
	testkit.EachCase(t, "testdata/*.txtar", func(t *testing.T, file string, ar *txtar.Archive) {
		var src []byte
		found := false
		for _, f := range ar.Files {
			if f.Name == "SUMMARY.md" {
				src, found = f.Data, true
			}
		}
		if !found {
			t.Fatal("no SUMMARY.md section")
		}
		// A case named honkit_… is a HonKit book's SUMMARY.md.
		honkit := strings.HasPrefix(filepath.Base(file), "honkit_")
		s, ds := Parse("SUMMARY.md", src, honkit)
		got := map[string]string{"want.txt": dump(s), "want.diag": formatDiags(ds)}
		if *update {
			var kept []txtar.File
			for _, f := range ar.Files {
				if _, ok := got[f.Name]; !ok {
					kept = append(kept, f)
				}
			}
			ar.Files = append(kept, txtar.File{Name: "want.txt", Data: []byte(got["want.txt"])},
				txtar.File{Name: "want.diag", Data: []byte(got["want.diag"])})
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		for name, g := range got {
			var want string
			for _, f := range ar.Files {
				if f.Name == name {
					want = string(f.Data)
				}
			}
			if diff := cmp.Diff(want, g); diff != "" {
				t.Errorf("%s (-want +got):\n%s", name, diff)
			}
		}
	})
}

func TestItems(t *testing.T) {
	s, _ := Parse("SUMMARY.md", []byte("* [a](a.md)\n  * [b](b.md)\n    * [c](c.md)\n* [d](d.md)\n\n## G\n\n* [e](e.md)\n"), false)
	var got []string
	for it := range s.Items {
		got = append(got, it.Title)
	}
	if diff := cmp.Diff([]string{"a", "b", "c", "d", "e"}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	got = got[:0]
	for it := range s.Items {
		got = append(got, it.Title)
		if it.Title == "c" {
			break
		}
	}
	if diff := cmp.Diff([]string{"a", "b", "c"}, got); diff != "" {
		t.Errorf("early stop (-want +got):\n%s", diff)
	}
}

func TestDeepNesting(t *testing.T) {
	for _, src := range []string{
		strings.Repeat("- ", 10000) + "[x](x.md)\n",
		// Many such lines: what comes before the first is read (t87: a
		// SUMMARY.md of 4 MB took 75 s).
		"* [a](a.md)\n" + strings.Repeat(strings.Repeat("- ", 5000)+"[x](x.md)\n", 200),
		func() string {
			var b strings.Builder
			for i := range 10000 {
				fmt.Fprintf(&b, "%s* [p%d](p%d.md)\n", strings.Repeat(" ", 2*(i%50)), i, i)
			}
			return b.String()
		}(),
	} {
		start := time.Now()
		s, ds := Parse("SUMMARY.md", []byte(src), false)
		n := 0
		for range s.Items {
			n++
		}
		if n == 0 && !strings.HasPrefix(src, "- - ") { // a line nested too deep is not read
			t.Error("no items")
		}
		if time.Since(start) > testkit.Slowdown*10*time.Second {
			t.Errorf("took %v", time.Since(start))
		}
		for _, d := range ds {
			if d.Line < 1 {
				t.Errorf("diagnostic without line: %v", d)
			}
		}
		if strings.Contains(src, "- - - ") && diag.Count(ds, diag.Error) != 1 {
			t.Errorf("want one depth error, got %v", ds)
		}
	}
}

// moduleRoot walks up from the test's directory to the directory holding go.mod.
func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

func TestCorpus(t *testing.T) {
	corpus := filepath.Join(moduleRoot(t), "..", "shared", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("corpus not found: %v", err)
	}
	want := map[string]int{
		"govstack-playbook":                        40,
		"govstack-playbook-fr":                     3,
		"govstack-specs":                           68,
		"govstack-specs/govstack-ui-ux-guidelines": 60,
		"govstack-bb-consent/spec":                 14,
		"govstack-bb-payments/spec":                24,
		"djangogirls-extensions/en":                11,
		"djangogirls-extensions/es":                6,
		"djangogirls-extensions/fa":                6,
		"djangogirls-extensions/ja":                6,
		"djangogirls-extensions/ko":                7,
	}
	var found []string
	err := filepath.WalkDir(corpus, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.Name() != "SUMMARY.md" {
			return err
		}
		rel, _ := filepath.Rel(corpus, filepath.Dir(path))
		rel = filepath.ToSlash(rel)
		found = append(found, rel)
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		s, ds := Parse(rel+"/SUMMARY.md", src, false)
		if n := diag.Count(ds, diag.Error) + diag.Count(ds, diag.Warning); n > 0 {
			t.Errorf("%s: diagnostics:\n%s", rel, formatDiags(ds))
		}
		n := 0
		for it := range s.Items {
			if it.Target != "" {
				n++
			}
		}
		if w, ok := want[rel]; !ok {
			t.Errorf("%s: unexpected SUMMARY.md with %d entries", rel, n)
		} else if n != w {
			t.Errorf("%s: %d entries, want %d", rel, n, w)
		}
		if s.Title == "" {
			t.Errorf("%s: no title", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != len(want) {
		t.Errorf("found %v, want %d files", found, len(want))
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		if ar, err := txtar.ParseFile(file); err == nil && len(ar.Files) > 0 {
			f.Add(ar.Files[0].Data)
		}
	}
	f.Add([]byte("\u200b* [a](a.md)\n\u00a0 * [b](b.md \"x\")\n"))
	f.Add([]byte("* [a *b*](my page.md 'L')\n  * [c](d e.md)\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, honkit := range []bool{false, true} {
			s, ds := Parse("SUMMARY.md", src, honkit)
			for _, d := range ds {
				if d.Line < 1 || d.Col < 0 {
					t.Errorf("bad position: %v", d)
				}
			}
			for it := range s.Items {
				if it.Line < 1 || it.Col < 1 {
					t.Errorf("item %q at %d:%d", it.Title, it.Line, it.Col)
				}
			}
		}
	})
}
