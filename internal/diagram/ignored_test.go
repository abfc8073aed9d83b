package diagram

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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

// TestDiskCleaned: a drawing read back from the disk cache is cleaned
// and labelled as a new one is, with the lines of the features not drawn:
// a stored file edited by hand, or written by another branch's build,
// puts no script in a page (t89: inlined as it was).
func TestDiskCleaned(t *testing.T) {
	dir := t.TempDir()
	src := "sequenceDiagram\n  autonumber\n  Alice->>Bob: Start\n"
	r := New(1, 1<<20)
	r.disk = disk{dir: dir}
	if _, err := r.Draw(src); err != nil {
		t.Fatal(err)
	}
	es, err := os.ReadDir(dir)
	if err != nil || len(es) != 1 {
		t.Fatalf("stored %d files (%v), want 1", len(es), err)
	}
	p := filepath.Join(dir, es[0].Name())
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	tampered := strings.Replace(strings.Replace(string(b), ">Start<", ">Tampered<", 1), "</svg>", `<script>alert(1)</script><a href="javascript:x()"><text onclick="x()">t</text></a></svg>`, 1)
	if tampered == string(b) || !strings.Contains(tampered, "Tampered") {
		t.Fatalf("nothing to tamper with in %s", b)
	}
	if err := os.WriteFile(p, []byte(tampered), 0o644); err != nil {
		t.Fatal(err)
	}
	again := New(1, 1<<20)
	again.disk = disk{dir: dir}
	d, err := again.Draw(src)
	if err != nil {
		t.Fatal(err)
	}
	svg := d.SVG("p-")
	if !strings.Contains(svg, "Tampered") {
		t.Fatalf("not read from the disk cache:\n%s", svg)
	}
	for _, bad := range []string{"<script", "javascript:", "onclick"} {
		if strings.Contains(svg, bad) {
			t.Errorf("the drawing read back holds %s:\n%s", bad, svg)
		}
	}
	if !strings.Contains(svg, `role="img"`) || len(d.IgnoredAt) != 1 {
		t.Errorf("the drawing read back is not labelled (%s), or lost its features' lines (%v)", svg[:min(len(svg), 200)], d.IgnoredAt)
	}
}
