package markdown

import (
	"strings"
	"testing"
)

// TestFrontMatterUnclosedQuote: an unterminated quote is reported at the
// line where it opens, not where the YAML parser ran out of text.
func TestFrontMatterUnclosedQuote(t *testing.T) {
	for _, c := range []struct {
		name, src string
		line      int
		msg       string
	}{
		{"double", "---\ndescription: \"An open quote\ntitle: Hello\nlayout:\n  width: wide\n---\n# Page\n", 2, `opening " is never closed`},
		{"single", "---\ntitle: x\ndescription: 'it''s open\n---\n# Page\n", 3, `opening ' is never closed`},
		{"colon", "---\ndescription: Note: this breaks\n---\n# Page\n", 2, "not allowed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := New().Parse("page.md", []byte(c.src))
			var found bool
			for _, g := range d.Diags {
				if g.Rule != "front-matter" {
					continue
				}
				found = true
				if g.Line != c.line || !strings.Contains(g.Msg, c.msg) || g.Hint == "" {
					t.Errorf("got %s (hint %q), want line %d and %q", g, g.Hint, c.line, c.msg)
				}
			}
			if !found {
				t.Fatalf("no front-matter diagnostic: %v", d.Diags)
			}
		})
	}
	// Closed quotes, an escaped double quote and a doubled single quote are
	// not mistakes.
	d := New().Parse("page.md", []byte("---\ndescription: 'it''s closed'\ntitle: \"a \\\" b\"\n---\n# P\n"))
	for _, g := range d.Diags {
		if g.Rule == "front-matter" {
			t.Errorf("unexpected %s", g)
		}
	}
}
