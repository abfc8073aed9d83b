package markdown

import (
	"strings"
	"testing"
)

// TestTableLongWords: the columns of a table whose words cannot all fit a
// printed page side by side are marked long-words, widest words first,
// until the others fit (six of eight columns of one long word); a table
// whose words fit is not marked. Markdown
// and HTML tables alike.
func TestTableLongWords(t *testing.T) {
	url := "https://example.org/a/very/long/path/to/a/page/that/goes/on.html"
	for _, c := range []struct {
		name, src string
		marked    int // cells marked
	}{
		{"fits", "| Key | Type | Meaning |\n|---|---|---|\n| `gitbook_spaces` | map | Where the pages live now; see the guide. |\n", 0},
		{"long url", "| Key | Meaning |\n|---|---|\n| `base_url` | Such as " + url + " here. |\n| `out` | Folder. |\n", 3},
		{"many columns", "| " + strings.Repeat("documentation | ", 8) + "\n|" + strings.Repeat("---|", 8) + "\n", 6},
		{"html", "<table><thead><tr><th>Key</th><th>Meaning</th></tr></thead><tbody><tr><td>a</td><td>" + url + "</td></tr></tbody></table>\n", 2},
		{"html fits", "<table><tr><td>Key</td><td>Short words only</td></tr></table>\n", 0},
	} {
		out := string(convertSimple(t, c.src))
		if got := strings.Count(out, "long-words"); got != c.marked {
			t.Errorf("%s: %d cells marked, want %d:\n%s", c.name, got, c.marked, out)
		}
	}
	if got := longColumns([]int{14, 7, 13, 25}); got[0] || got[1] || got[2] || !got[3] {
		t.Errorf("longColumns marks %v, want the last column only", got)
	}
}

// convertSimple parses and renders src as a page with no links to
// resolve.
func convertSimple(t *testing.T, src string) []byte {
	t.Helper()
	conv := New()
	d := conv.Parse("page.md", []byte(src))
	d.Resolve(func(Ref) Resolution { return Resolution{Keep: true} })
	out, err := conv.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
