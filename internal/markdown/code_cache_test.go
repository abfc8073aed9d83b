package markdown

import (
	"bytes"
	"testing"

	"bufio"
)

// TestHighlightCache: a block seen again is served from the cache, with
// the same HTML, and a block that differs by one character or by its
// language is highlighted on its own.
func TestHighlightCache(t *testing.T) {
	render := func(lang, code string) string {
		var b bytes.Buffer
		w := bufio.NewWriter(&b)
		writeHighlighted(w, lang, []byte(code))
		_ = w.Flush()
		return b.String()
	}
	code := "package main\n\nfunc main() {}\n"
	first := render("go", code)
	highlights.RLock()
	n := len(highlights.m)
	highlights.RUnlock()
	if again := render("go", code); again != first {
		t.Fatalf("cached HTML differs:\n%s\n%s", first, again)
	}
	highlights.RLock()
	if len(highlights.m) != n {
		t.Errorf("the same block was added again: %d entries, want %d", len(highlights.m), n)
	}
	highlights.RUnlock()
	if other := render("go", code+" "); other == first {
		t.Error("a different block got the cached HTML")
	}
	if plain := render("text", code); plain == first {
		t.Error("another language got the cached HTML")
	}
	if want := `<span class="kd">func</span>`; !bytes.Contains([]byte(first), []byte(want)) {
		t.Errorf("no %s in %s", want, first)
	}
}
