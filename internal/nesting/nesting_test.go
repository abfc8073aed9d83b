package nesting

import (
	"strings"
	"testing"
)

// TestTooDeep: nesting is measured by indentation and by the container
// markers of a line, also when one line opens many lists ("- - - x"),
// which goldmark would take seconds to parse; ordinary lines pass.
func TestTooDeep(t *testing.T) {
	const limit = 100
	deep := limit + 1
	for _, tc := range []struct {
		src  string
		line int
	}{
		{"text\n" + strings.Repeat("- ", deep) + "x\n", 2},
		{strings.Repeat("1. ", deep) + "x\n", 1},
		{strings.Repeat("> - ", deep/2+1) + "x\n", 1},
		{strings.Repeat("* ", deep) + "x", 1},
		{strings.Repeat(" ", 4*limit+1) + "x\n", 1},
		{strings.Repeat("- ", limit) + "x\n", 0},
		{strings.Repeat("-", 1000) + "\n" + strings.Repeat("-x ", 1000) + "\n" + strings.Repeat("1.x ", 500) + "\n", 0},
		{strings.Repeat("- - - x\n", 1000), 0},
		{strings.Repeat("1234567890. ", deep) + "x\n", 0}, // not markers: ten digits
	} {
		line, deep := TooDeep([]byte(tc.src), limit)
		if line != tc.line || deep != (tc.line > 0) {
			t.Errorf("TooDeep(%.40q…) = %d, %v; want line %d", tc.src, line, deep, tc.line)
		}
	}
}
