package gitbook

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"folio/internal/testkit"
)

func FuzzConvert(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			f.Fatal(err)
		}
		if in, ok := testkit.Section(ar, "input.md"); ok {
			f.Add(in)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		h1, d1 := convert(t, src)
		h2, d2 := convert(t, src)
		if h1 != h2 || d1 != d2 {
			t.Fatalf("two conversions differ:\n%s\n%s\n---\n%s\n%s", h1, d1, h2, d2)
		}
	})
}

// TestUnbalancedInput checks that hostile shapes finish quickly and keep the
// page.
func TestUnbalancedInput(t *testing.T) {
	tests := []struct {
		name string
		src  string
	}{
		{"deep nesting", strings.Repeat("{% hint %}\n", 5000) + "end\n"},
		{"many closers", strings.Repeat("{% endhint %}\n", 5000)},
		{"many open quotes", strings.Repeat("{% embed url=\"x\n", 5000)},
		{"many embeds", strings.Repeat("{% embed url=\"https://youtu.be/x\" %}\n", 5000)},
		{"unknown tags", strings.Repeat("{% foo %}\n", 5000)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			html, _ := convert(t, []byte(tc.src))
			if d := time.Since(start); d > testkit.Slowdown*5*time.Second {
				t.Errorf("took %v", d)
			}
			if tc.name == "deep nesting" && !strings.Contains(html, "end") {
				t.Error("content after the tags was lost")
			}
		})
	}
}

// TestTooDeepClosers: past the depth limit, openers are shown as text,
// and so are their end tags, which close no real block and are no stray
// end tags: only the too-deep openers are reported.
func TestTooDeepClosers(t *testing.T) {
	var b strings.Builder
	for i := range 60 {
		fmt.Fprintf(&b, "{%% tabs %%}\n{%% tab title=\"T%d\" %%}\n{%% hint style=\"info\" %%}\ntext %d\n", i, i)
	}
	b.WriteString(strings.Repeat("{% endhint %}\n{% endtab %}\n{% endtabs %}\n", 60))
	b.WriteString("after\n")
	html, diags := convert(t, []byte(b.String()))
	rules := map[string]int{}
	for _, l := range strings.Split(strings.TrimSpace(diags), "\n") {
		f := strings.SplitN(l, ": ", 4)
		rules[f[2]]++
	}
	if rules["block-too-deep"] != 80 || rules["block-stray-end"] != 0 || rules["block-unclosed"] != 0 {
		t.Errorf("diagnostics by rule %v, want 80 block-too-deep only:\n%s", rules, diags)
	}
	if !strings.Contains(html, "after") {
		t.Error("content after the blocks was lost")
	}
	// Tabs in tabs: a tab past the limit is no next tab of the last real
	// one. An embed past it, which has no end tag, waits for none.
	for name, src := range map[string]string{
		"tabs": strings.Repeat("{% tabs %}\n{% tab title=\"T\" %}\n", 60) + "text\n" + strings.Repeat("{% endtab %}\n{% endtabs %}\n", 60),
		"embed": strings.Repeat("{% hint style=\"info\" %}\n", 101) + "{% embed url=\"https://example.org\" %}\n" +
			strings.Repeat("{% endhint %}\n", 101) + "{% embed url=\"https://example.org/b\" %}\nCaption.\n{% endembed %}\n",
	} {
		_, diags := convert(t, []byte(src))
		rules := map[string]int{}
		for _, l := range strings.Split(strings.TrimSpace(diags), "\n") {
			rules[strings.SplitN(l, ": ", 4)[2]]++
		}
		if len(rules) != 1 || rules["block-too-deep"] == 0 {
			t.Errorf("%s: diagnostics by rule %v, want block-too-deep only:\n%s", name, rules, diags)
		}
	}
}

// moduleRoot finds the directory holding go.mod, so the corpus is found
// whatever directory the test runs in.
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
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

// TestCorpus parses every page of the shared GitBook corpus. GitBook wrote
// them, so every tag is balanced: any unclosed, stray or malformed tag
// diagnostic is a parser bug.
func TestCorpus(t *testing.T) {
	root := filepath.Join(moduleRoot(t), "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	pages, blocks := 0, 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			// A HonKit book's pages go through HonKit's template pass
			// (internal/markdown) before this parser sees them.
			for _, f := range []string{"LANGS.md", "book.json"} {
				if _, err := os.Stat(filepath.Join(path, f)); err == nil {
					return fs.SkipDir
				}
			}
			return nil
		}
		if !strings.HasSuffix(path, ".md") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		pages++
		html, diags := convert(t, src)
		blocks += strings.Count(html, `class="hint `) + strings.Count(html, `class="tabs"`)
		for _, line := range strings.Split(strings.TrimSpace(diags), "\n") {
			for _, rule := range []string{"block-unclosed", "block-stray-end", "block-malformed", "tabs-child"} {
				if strings.Contains(line, ": "+rule+": ") {
					rel, _ := filepath.Rel(root, path)
					t.Errorf("%s:%s", rel, line)
				}
			}
		}
		if bytes.Contains([]byte(html), []byte("{% end")) && !strings.Contains(string(src), "```") {
			rel, _ := filepath.Rel(root, path)
			t.Errorf("%s: an end tag leaked into the HTML", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages == 0 || blocks == 0 {
		t.Fatalf("parsed %d pages with %d hint/tabs blocks; expected some", pages, blocks)
	}
}

// largePage builds a page of about n bytes with many blocks and a
// 5,000-character table line.
func largePage(n int) []byte {
	var b bytes.Buffer
	row := "| " + strings.Repeat("cell ", 1000) + " |\n"
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "## Section %d\nText with `{%% code %%}` inline.\n", i)
		b.WriteString("{% hint style=\"info\" %}\nA hint.\n{% endhint %}\n")
		b.WriteString("{% tabs %}\n{% tab title=\"A\" %}\n<figure><img src=\"a.png\"></figure>\n{% endtab %}\n")
		b.WriteString("{% tab title=\"B\" %}\n```\n{% endtab %}\n```\n{% endtab %}\n{% endtabs %}\n")
		b.WriteString("{% embed url=\"https://youtu.be/abc\" %}\n{% embed url=\"https://youtu.be/def\" %}\nCaption\n{% endembed %}\n")
		if i%20 == 0 {
			b.WriteString("\n| a |\n|---|\n" + row + "\n")
		}
	}
	return b.Bytes()
}

func BenchmarkConvertLarge(b *testing.B) {
	for _, size := range []struct {
		name string
		n    int
	}{{"1x", 1 << 20}, {"4x", 4 << 20}} {
		src := largePage(size.n)
		b.Run(size.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				convert(b, src)
			}
		})
	}
}
