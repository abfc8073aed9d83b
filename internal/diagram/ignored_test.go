package diagram

import (
	"fmt"
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestIgnoredLines: each feature read and not drawn comes with the line
// of its first use, in the order the diagram first uses them, so that
// the note about it points there rather than at the diagram's first line.
func TestIgnoredLines(t *testing.T) {
	cases := []struct {
		src  string
		want string
	}{{
		src:  "sequenceDiagram\n  participant A\n  participant B\n  A->>B: hi\n  autonumber\n  B->>A: yo\n  autonumber\n",
		want: "autonumber@5",
	}, {
		src:  "sequenceDiagram\n  box Team\n  participant A\n  end\n  A<<->>A: self\n  autonumber\n  A<<-->>A: again\n",
		want: "box@2 two-way arrows@5 autonumber@6",
	}, {
		src:  "flowchart TD\n  a --> b\n  b --> c\n  click a href \"https://example.com\"\n  style b fill:#f9f\n  click b href \"https://example.org\"\n",
		want: "click@4",
	}}
	for _, c := range cases {
		p, err := prepare(c.src)
		if err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		if len(p.ignoredAt) != len(p.ignored) {
			t.Fatalf("%q: %d lines for %d features", c.src, len(p.ignoredAt), len(p.ignored))
		}
		got := ""
		for i, f := range p.ignored {
			if i > 0 {
				got += " "
			}
			got += fmt.Sprintf("%s@%d", f, p.ignoredAt[i])
		}
		if got != c.want {
			t.Errorf("%q: ignored %s, want %s", c.src, got, c.want)
		}
	}
}

// TestDiskIgnoredLines: the disk cache keeps the lines of the features
// not drawn, and draws again a drawing stored without them.
func TestDiskIgnoredLines(t *testing.T) {
	k := disk{dir: t.TempDir()}
	key := [32]byte{1}
	d := &Diagram{Kind: "Sequence", Ignored: []string{"autonumber"}, IgnoredAt: []int{5}, drawing: &drawing{parts: []string{"<svg/>"}}}
	k.save(key, d)
	got, ok := k.load(key)
	if !ok {
		t.Fatal("not loaded")
	}
	if diff := cmp.Diff(d.IgnoredAt, got.IgnoredAt); diff != "" {
		t.Errorf("IgnoredAt (-saved +loaded):\n%s", diff)
	}
	old := `{"Kind":"Sequence","Ignored":["autonumber"],"Parts":["<svg/>"]}`
	if err := os.WriteFile(k.path(key), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok := k.load(key); ok {
		t.Error("a drawing stored without the lines of its features is loaded")
	}
}
