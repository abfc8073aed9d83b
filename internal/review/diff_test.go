package review

import (
	"bytes"
	"fmt"
	"testing"
)

// bigPage is a page of n blocks in sections of ten: a heading, paragraphs,
// a list and a table. When every is set, one block in every is changed,
// each time of another kind (a heading gets a paragraph after it).
func bigPage(n, every int) []byte {
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		changed := every > 0 && i%every == i/every%min(every, 10)
		text := fmt.Sprintf("Block %d says something about the subject of its section.", i)
		if changed {
			text = fmt.Sprintf("Block %d says something else about the subject of its section.", i)
		}
		switch i % 10 {
		case 0:
			fmt.Fprintf(&b, "<h2 id=\"s%d\">Section %d</h2>\n", i, i)
			if changed {
				fmt.Fprintf(&b, "<p>Inserted before block %d.</p>\n", i)
			}
		case 3:
			fmt.Fprintf(&b, "<ul>\n<li>%s</li>\n</ul>\n", text)
		case 6:
			fmt.Fprintf(&b, "<div class=\"table-wrap\"><table><tbody><tr><td>%d</td><td>%s</td></tr></tbody></table></div>\n", i, text)
		default:
			fmt.Fprintf(&b, "<p>%s</p>\n", text)
		}
	}
	return b.Bytes()
}

func TestBigPage(t *testing.T) {
	old, new := bigPage(3000, 0), bigPage(3000, 50)
	r := Diff(old, new)
	// Every 50th block changed: 60 blocks, of which 6 are headings that
	// stay (only a paragraph is inserted after them) and 54 are changed.
	if r.Changed != 54 || r.Inserted != 6 || r.Removed != 0 || len(r.Sections) != 60 {
		t.Errorf("changed %d, inserted %d, removed %d, %d sections", r.Changed, r.Inserted, r.Removed, len(r.Sections))
	}
	checkInvariants(t, old, new, r)
}

// BenchmarkDiff diffs a page of 3,000 blocks (about 200 kB) with one block
// in 50 changed, and one with every block changed.
func BenchmarkDiff(b *testing.B) {
	old := bigPage(3000, 0)
	for _, every := range []int{50, 1} {
		new := bigPage(3000, every)
		b.Run(fmt.Sprintf("1-in-%d", every), func(b *testing.B) {
			b.SetBytes(int64(len(old) + len(new)))
			for b.Loop() {
				Diff(old, new)
			}
		})
	}
}

// FuzzDiff checks that any pair of inputs gives a result that holds
// together.
func FuzzDiff(f *testing.F) {
	f.Add([]byte("<p>a</p><ul><li>b</li></ul>"), []byte("<p>a</p><ul><li>c</li><li>d</li></ul>text"))
	f.Add([]byte("<table><tr><td>1</table><p>x"), []byte("<p>x<p>y</div></span><img/>"))
	f.Add([]byte("<h2 id=a>A</h2><details><summary>s</summary>x</details>"), []byte(""))
	f.Fuzz(func(t *testing.T, old, new []byte) {
		r := Diff(old, new)
		sum := 0
		last := 0
		for _, rm := range r.Removals {
			if rm.Offset < last || rm.Offset > len(r.HTML) {
				t.Fatalf("removal at %d, after %d, in %d bytes", rm.Offset, last, len(r.HTML))
			}
			last = rm.Offset
			sum += rm.Blocks
		}
		if sum != r.Removed {
			t.Fatalf("removals hold %d blocks, Removed is %d", sum, r.Removed)
		}
		r.Splice(func(rm Removal) []byte { return rm.HTML })
		if same := Diff(new, new); !same.Unchanged() || !bytes.Equal(same.HTML, new) {
			t.Fatal("a page differs from itself")
		}
	})
}
