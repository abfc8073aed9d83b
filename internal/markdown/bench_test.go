package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// benchPage builds a page of about n bytes mixing every kind of block,
// with a 5,000-character table line and highlighted code.
func benchPage(n int) []byte {
	var b bytes.Buffer
	row := "| " + strings.Repeat("cell ", 1000) + " |\n"
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, "## Section %d :tada:\nText&#x20; with `{%% code %%}` and a [link](a%d.md) and <mark style=\"color:red;\">red</mark>.\n", i, i)
		b.WriteString("{% hint style=\"info\" %}\nA hint.\n{% endhint %}\n")
		b.WriteString("{% tabs %}\n{% tab title=\"A\" %}\n<figure><img src=\"a.png\"><figcaption><p>c</p></figcaption></figure>\n{% endtab %}\n{% endtabs %}\n")
		b.WriteString("```go\nfunc main() { fmt.Println(\"hi\") }\n```\n\n<details>\n\n<summary>More</summary>\n\nBody <i class=\"fa-github\">:github:</i>.\n\n</details>\n\n")
		if i%20 == 0 {
			b.WriteString("\n| a |\n|---|\n" + row + "\n")
		}
	}
	return b.Bytes()
}

// BenchmarkPage converts 1 MB and 4 MB pages: the time per byte should stay
// about the same (linear parse).
func BenchmarkPage(b *testing.B) {
	conv := New()
	for _, size := range []struct {
		name string
		n    int
	}{{"1MB", 1 << 20}, {"4MB", 4 << 20}} {
		src := benchPage(size.n)
		b.Run(size.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				d := conv.Parse("bench.md", src)
				d.Resolve(func(r Ref) Resolution { return Resolution{URL: r.Dest} })
				if _, err := conv.Render(d); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
