package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestUnclosedFence: a code fence that runs to the end of the page is
// reported when what it swallows reads as Markdown, and only then.
func TestUnclosedFence(t *testing.T) {
	cases := []struct {
		src  string
		want string // the code-unclosed diagnostics, line:col, joined by "; "
	}{
		{"# P\n\n```bash\nnpm install\n\n## Next steps\n\nMore text.\n", "3:1"},
		{"# P\n\n```bash\nnpm install\n\nMore text and a [link](nowhere.md).\n", "3:1"},
		{"# P\n\n~~~~\ncode\n\n- [Guide](guide.md)\n", "3:1"},
		{"---\ntitle: T\n---\n\nText.\n\n```\nx\n\n# Heading\n", "7:1"},
		// In a quote or a list item that runs to the end of the page.
		{"> ```\n> code\n>\n> ## Next\n>\n> Text.\n", "1:3"},
		{"- Item\n\n  ```sh\n  make\n\n  ### Then\n", "3:3"},
		// Closed, or closed by the end of its list item.
		{"```bash\nnpm install\n```\n\n## Next\n", ""},
		{"```bash\nnpm install\n\n## Next\n\n```\n", ""},
		{"- ```\n  code\n\n## Next\n\nText.\n", ""},
		// Only code after the fence.
		{"# P\n\n```bash\nnpm install\n\nnpm run build\n", ""},
		{"# P\n\n```sh\nmake\n\n# Build the images\ndocker build .\n", ""},
		{"# P\n\n```js\nlet a = 1;\n\nhandlers[name](event);\n", ""},
		{"# P\n\n```python\n## Section\nx = 1\n", ""},
		{"# P\n\n```\n", ""},
		// Markdown shown as code.
		{"# P\n\n```markdown\n# Title\n\n## Guide\n\n* [Intro](README.md)\n", ""},
	}
	for _, c := range cases {
		d := New().Parse("page.md", []byte(c.src))
		var got []string
		for _, dg := range d.Diags {
			if dg.Rule == "code-unclosed" {
				got = append(got, fmt.Sprintf("%d:%d", dg.Line, dg.Col))
				if want := "page.md:" + got[len(got)-1] + ": warning: code block opened here is never closed: it runs to the end of the page"; dg.String() != want {
					t.Errorf("%q: %s, want %s", c.src, dg, want)
				}
			}
		}
		if g := strings.Join(got, "; "); g != c.want {
			t.Errorf("%q: code-unclosed at %q, want %q", c.src, g, c.want)
		}
	}
}
