package markdown

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestUndefinedRefsBounded: a page of 10,000 undefined references and
// 10,000 definitions is checked in time linear in the page, the typo
// search bounded to the references the page shows (t54: 14.5 s, each
// undefined label compared with every definition).
func TestUndefinedRefsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("# Refs\n\n")
	for i := range 10000 {
		fmt.Fprintf(&b, "See [t][label%05dx].\n\n", i)
	}
	for i := range 10000 {
		fmt.Fprintf(&b, "[def%05d]: https://example.com/%d\n", i, i)
	}
	start := time.Now()
	d := New().Parse("page.md", []byte(b.String()))
	if el := time.Since(start); el > 3*time.Second && !raceOn {
		t.Errorf("checking 10,000 undefined references took %v", el)
	}
	n := 0
	for _, x := range d.Diags {
		if x.Rule == "link-reference" {
			n++
		}
	}
	if n == 0 {
		t.Error("no link-reference warning")
	}
}
