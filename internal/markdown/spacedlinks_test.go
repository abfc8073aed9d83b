package markdown

import (
	"bytes"
	"testing"
)

// FuzzSpacedLinks: a line with no spaced link is left as it is, a
// rewritten line has none left, and the quick test misses none.
func FuzzSpacedLinks(f *testing.F) {
	for _, s := range []string{"![a](b c.png)", "[x](y z.md \"T\") [`](a b)`", "](", "[a](b (c) d)", "[a](<b c>)", "x](a\tb)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		out, cols := spacedInLine([]byte(line))
		if len(cols) == 0 && !bytes.Equal(out, []byte(line)) {
			t.Fatalf("%q rewritten as %q without a report", line, out)
		}
		if again, more := spacedInLine(out); len(more) > 0 {
			t.Fatalf("%q rewritten as %q, which still has spaced links: %q", line, out, again)
		}
		if len(cols) > 0 && !mayHaveSpacedLink([]byte(line)) {
			t.Fatalf("%q: the quick test misses a spaced link", line)
		}
	})
}
