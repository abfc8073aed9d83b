package gitbook

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestLineCol: lineCol gives each offset's line and column, counted in
// characters, whatever offsets it was asked before (it keeps the last).
func TestLineCol(t *testing.T) {
	src := []byte("ab\ncafé {% else %} x\n\nçà {% elif y %}\xffz\n")
	want := func(off int) (int, int) {
		line, start := 1, 0
		for i := 0; i < off; i++ {
			if src[i] == '\n' {
				line, start = line+1, i+1
			}
		}
		return line, utf8.RuneCount(src[start:off]) + 1
	}
	st := &state{src: src}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		off := r.IntN(len(src) + 1)
		l, c := st.lineCol(off)
		if wl, wc := want(off); l != wl || c != wc {
			t.Fatalf("lineCol(%d) = %d:%d, want %d:%d", off, l, c, wl, wc)
		}
	}
}

// TestLineColLongLine: the columns of a long line of misplaced branch tags
// are counted in time linear in its length.
func TestLineColLongLine(t *testing.T) {
	src := []byte("# T\n\n" + strings.Repeat("é {% else %} ", 40000) + "\n")
	start := time.Now()
	st := &state{src: src}
	n := 0
	for i := 0; i < len(src); i += 13 {
		st.lineCol(i)
		n++
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("%d columns of a %d-byte line took %v", n, len(src), d)
	}
}
