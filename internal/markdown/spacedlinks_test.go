package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzSpacedLinks: a line with no spaced link is left as it is, a
// rewritten line has none left, and the quick test misses none.
func FuzzSpacedLinks(f *testing.F) {
	for _, s := range []string{"![a](b c.png)", "[x](y z.md \"T\") [`](a b)`", "](", "[a](b (c) d)", "[a](<b c>)", "x](a\tb)",
		"[a](b c '`') x ` [d](e f)", "[a](b \"`\") [d](e f)`x`"} {
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

// FuzzTightHeadings: a rewritten heading line is no longer tight, keeps
// its text, and the quick test finds every tight line.
func FuzzTightHeadings(f *testing.F) {
	for _, s := range []string{"##Setup", "#\u00a0x", "   ###a###  ", "#", "####### x", "## ok", "#\t", "##a#\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		fixed, col, ok := tightHeading([]byte(line))
		if !ok {
			if col != 0 || fixed != nil {
				t.Fatalf("%q: not tight, yet col %d, fixed %q", line, col, fixed)
			}
			return
		}
		if _, _, again := tightHeading(fixed); again {
			t.Fatalf("%q rewritten as %q, still tight", line, fixed)
		}
		strip := func(b []byte) string {
			return strings.NewReplacer(" ", "", "\u00a0", "").Replace(string(b))
		}
		if strip(fixed) != strip([]byte(line)) {
			t.Fatalf("%q rewritten as %q: text changed", line, fixed)
		}
		if !mayHaveTightHeading([]byte("text\n" + line)) {
			t.Fatalf("%q: the quick test misses it", line)
		}
	})
}

// TestSpacedLinkTitle: a link's title is the link's, backticks and all,
// as in HonKit's parser, which reads a link before a code span: the link
// after it is rewritten too.
func TestSpacedLinkTitle(t *testing.T) {
	for line, want := range map[string]string{
		"[a](b \"`\") [d](e f)`x`":    "[a](b \"`\") [d](<e f>)`x`",
		"[a](b c '`') x `y` [d](e f)": "[a](<b c> '`') x `y` [d](<e f>)",
		"`[a](b \"`\") [d](e f)":      "`[a](b \"`\") [d](<e f>)",
	} {
		if out, _ := spacedInLine([]byte(line)); string(out) != want {
			t.Errorf("%q became %q, want %q", line, out, want)
		}
	}
}

// TestStrayBacktick: a run of backticks that nothing closes on its line
// is text, as in CommonMark and HonKit: the links and block tags after
// it are read.
func TestStrayBacktick(t *testing.T) {
	for line, want := range map[string]string{
		"a ` [d](e f)":                 "a ` [d](<e f>)",
		"[a](b c '`') x ` [d](e f)":    "[a](<b c> '`') x ` [d](<e f>)",
		"`` a ` [d](e f) ``":           "`` a ` [d](e f) ``",
		"``` a `` [d](e f) ` [g](h i)": "``` a `` [d](<e f>) ` [g](<h i>)",
	} {
		if out, _ := spacedInLine([]byte(line)); string(out) != want {
			t.Errorf("%q became %q, want %q", line, out, want)
		}
	}
	if tags := midLineTags([]byte("Use ` here {% hint %}")); len(tags) != 1 {
		t.Errorf("a tag after a stray backtick: %v", tags)
	}
}
