package diagram

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"folio/themes"
)

// TestCycles draws diagrams with cycles, which Mermaid lays out with the
// first links written going down (or right), from the nodes in the order
// written: each "A<B" of order is a node A drawn before B in the diagram's
// direction, and each "A>B" of links a line that starts at A and ends, at
// its arrowhead, at B (a link elkjs was given reversed included).
func TestCycles(t *testing.T) {
	tests := []struct {
		name, src, order, links string
	}{
		{"loop", `flowchart TD
    Start --> Check
    Check -->|yes| Done
    Check -->|no| Start`, "Start<Check Check<Done", "Start>Check Check>Done Check>Start"},
		{"loop LR", `flowchart LR
    Start --> Check
    Check -->|yes| Done
    Check -->|no| Start`, "Start<Check Check<Done", "Start>Check Check>Done Check>Start"},
		{"three", `flowchart TD
    Write --> Build
    Build --> Test
    Test -->|fails| Write
    Test -->|passes| Ship
    Build -->|breaks| Write`, "Write<Build Build<Test Test<Ship", "Write>Build Build>Test Test>Write Build>Write"},
		{"shared node", `flowchart TD
    Edit --> Review
    Review -->|changes| Edit
    Review --> Merge
    Merge -->|conflict| Edit
    Merge --> Done`, "Edit<Review Review<Merge Merge<Done", "Review>Edit Merge>Edit Review>Merge"},
		{"self-loop", `flowchart TD
    Start --> Check
    Check -->|wait| Check
    Check -->|no| Start
    Check -->|yes| Done`, "Start<Check Check<Done", "Start>Check Check>Start"},
		// elkjs's own depth-first breaker starts from Begin, which has no
		// link in, and would reverse Retry --> Work.
		{"entry written last", `flowchart TD
    Retry --> Work
    Work -->|fail| Retry
    Begin --> Work`, "Retry<Work Begin<Work", "Work>Retry"},
		{"subgraph", `flowchart TD
    subgraph Loop
        Start --> Check
        Check -->|no| Start
    end
    Check -->|yes| Done`, "Start<Check Check<Done", "Start>Check Check>Start"},
		// The cycle is between A and the subgraph's box, for elkjs.
		{"link to a subgraph", `flowchart TD
    A --> S
    subgraph S
        B --> C
    end
    C --> A`, "A<B B<C", "C>A B>C"},
		{"state", `stateDiagram-v2
    Idle --> Running
    Running --> Idle
    Running --> Paused
    Paused --> Idle`, "Idle<Running Running<Paused", "Running>Idle Paused>Idle"},
	}
	r := New(1, 1<<20)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg := drawn(t, r, tt.src)
			nodes := nodeBoxes(svg)
			horizontal := strings.Contains(tt.src, " LR")
			for _, pair := range strings.Fields(tt.order) {
				a, b, _ := strings.Cut(pair, "<")
				na, okA := nodes[a]
				nb, okB := nodes[b]
				if !okA || !okB {
					t.Fatalf("%s or %s not drawn; nodes: %v", a, b, nodes)
				}
				if horizontal && na.x+na.w > nb.x || !horizontal && na.y+na.h > nb.y {
					t.Errorf("%s is not drawn before %s: %+v, %+v", a, b, na, nb)
				}
			}
			lines := edgeLines(svg)
			for _, link := range strings.Fields(tt.links) {
				a, b, _ := strings.Cut(link, ">")
				found := false
				for _, l := range lines {
					if nodes[a].touches(l[0]) && nodes[b].touches(l[len(l)-1]) {
						found = true
					}
				}
				if !found {
					t.Errorf("no line from %s to %s: nodes %v, lines %v", a, b, nodes, lines)
				}
			}
		})
	}
}

// TestLinksApart draws diagrams whose links meet at a node where the
// renderer bundles links, and checks that no two links are drawn on top
// of each other, but for the trunk of a bundle: lines that leave one
// point, or reach one, may share their way there. A line is in one bundle
// at most: one that shares its way both from its start and to its end
// joins two bundles, and a reader cannot tell where they lead.
func TestLinksApart(t *testing.T) {
	tests := []struct{ name, src string }{
		// The link going back, in the loop, left the hub of a bundle
		// where the bundle's trunk did.
		{"back link at a fan-out", `flowchart TD
    Work --> Check
    Work --> Log
    Check --> Work`},
		{"back link at a fan-in", `flowchart TD
    A --> C
    B --> C
    C --> A`},
		{"back link at a fan-out LR", `flowchart LR
    A --> B
    A --> C
    B --> A`},
		// Once the links are not bundled, elkjs's routes: B, which the
		// renderer moves in line with C, was moved onto the bend of
		// A --> B.
		{"node moved onto a bend", `flowchart TD
    A --> B
    A --> C
    B --> A`},
		// A --> X, bundled with B --> X, was redrawn from the middle of
		// A, where A --> Y leaves.
		{"other link at a bundle's far end", `flowchart TD
    A --> X
    B --> X
    A --> Y
    A -->|l| Z`},
		{"link of another style at a hub", `flowchart TD
    A --> X
    B --> X
    A -.-> Y
    A ==> Z`},
	}
	r := New(1, 1<<20)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := edgeLines(drawn(t, r, tt.src))
			fromStart := make([]bool, len(lines)) // shares its way from its start
			toEnd := make([]bool, len(lines))
			for i, a := range lines {
				for j := i + 1; j < len(lines); j++ {
					b := lines[j]
					s, ok := shared(a, b)
					switch {
					case !ok:
					case a[0] == b[0]:
						fromStart[i], fromStart[j] = true, true
					case a[len(a)-1] == b[len(b)-1]:
						toEnd[i], toEnd[j] = true, true
					default:
						t.Errorf("links %v and %v are drawn on top of each other from %v to %v", a, b, s[0], s[1])
					}
				}
			}
			for i, l := range lines {
				if fromStart[i] && toEnd[i] {
					t.Errorf("link %v is drawn in two bundles", l)
				}
				// The arrowhead points along the last segment.
				if p, q := l[len(l)-2], l[len(l)-1]; math.Hypot(q.x-p.x, q.y-p.y) < 1 {
					t.Errorf("link %v ends with a segment of no length: its arrowhead points along the bend before", l)
				}
			}
		})
	}
}

// shared returns a stretch longer than a point that lines a and b both
// draw, if any.
func shared(a, b []point) ([2]point, bool) {
	const near = 0.5
	for i := 1; i < len(a); i++ {
		for j := 1; j < len(b); j++ {
			p, q, r, s := a[i-1], a[i], b[j-1], b[j]
			switch {
			case math.Abs(p.x-q.x) < near && math.Abs(r.x-s.x) < near && math.Abs(p.x-r.x) < near:
				lo := max(min(p.y, q.y), min(r.y, s.y))
				hi := min(max(p.y, q.y), max(r.y, s.y))
				if hi-lo > 1 {
					return [2]point{{p.x, lo}, {p.x, hi}}, true
				}
			case math.Abs(p.y-q.y) < near && math.Abs(r.y-s.y) < near && math.Abs(p.y-r.y) < near:
				lo := max(min(p.x, q.x), min(r.x, s.x))
				hi := min(max(p.x, q.x), max(r.x, s.x))
				if hi-lo > 1 {
					return [2]point{{lo, p.y}, {hi, p.y}}, true
				}
			}
		}
	}
	return [2]point{}, false
}

// TestSubgraphMembers draws flowcharts with subgraphs, and checks that
// each node is drawn in the box of the subgraph Mermaid puts it in: "A in
// S" is a node drawn inside subgraph S's box, "A out S" one drawn outside.
// Mermaid puts a node in the first subgraph closed of those that name it
// (checked with Mermaid 12.3's flowDb, the vendored script).
func TestSubgraphMembers(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"written outside first", `flowchart TD
    A --> B
    subgraph S
        B --> C
    end`, "A out S, B in S, C in S"},
		{"written bare alone", `flowchart TD
    X
    subgraph S
        X
    end`, "X in S"},
		{"the first of two", `flowchart TD
    subgraph S
        A --> B
    end
    subgraph T
        B --> C
    end`, "A in S, B in S, B out T, C in T"},
		{"the first of two, written bare", `flowchart TD
    X
    subgraph S
        X
    end
    subgraph T
        X --> Y
    end`, "X in S, X out T, Y in T, Y out S"},
		{"the innermost", `flowchart TD
    subgraph Outer
        A --> B
        subgraph Inner
            A
        end
    end`, "A in Inner, B in Outer, B out Inner"},
		{"a style names no member", `flowchart TD
    A --> B
    subgraph S
        style A fill:#f9f
        C
    end`, "A out S, B out S, C in S"},
	}
	r := New(1, 1<<20)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			svg := drawn(t, r, tt.src)
			nodes, groups := nodeBoxes(svg), groupBoxes(svg)
			for _, w := range strings.Split(tt.want, ", ") {
				f := strings.Fields(w)
				n, okN := nodes[f[0]]
				g, okG := groups[f[2]]
				if !okN || !okG {
					t.Fatalf("%s or %s not drawn: nodes %v, subgraphs %v", f[0], f[2], nodes, groups)
				}
				in := n.x >= g.x && n.y >= g.y && n.x+n.w <= g.x+g.w && n.y+n.h <= g.y+g.h
				if in != (f[1] == "in") {
					t.Errorf("%s is not drawn %s %s: node %+v, subgraph %+v", f[0], f[1], f[2], n, g)
				}
			}
		})
	}
}

var groupBox = regexp.MustCompile(`<g class="subgraph"><rect x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)"[^>]*></rect>(?:<rect[^>]*></rect>)?<text[^>]*>([^<]*)</text>`)

// drawn returns the SVG of a diagram r draws from src.
func drawn(t *testing.T, r *Renderer, src string) string {
	t.Helper()
	d, err := r.Draw(src)
	if err != nil {
		t.Fatal(err)
	}
	return d.SVG("x-")
}

// groupBoxes returns the box of each subgraph of a drawing, by label.
func groupBoxes(svg string) map[string]box { return boxes(groupBox, svg) }

// TestPatchLayoutMissing: a bundle without the text a patch replaces, as
// after an upgrade, is an error, not a renderer without the patch.
func TestPatchLayoutMissing(t *testing.T) {
	script := strings.Replace(themes.BeautifulMermaid, layoutPatches[1].old, "", 1)
	if _, err := patchLayout(script); err == nil {
		t.Error("patchLayout accepted a bundle without the text of its second patch")
	}
	if _, err := patchLayout(themes.BeautifulMermaid); err != nil {
		t.Error(err)
	}
}

type box struct{ x, y, w, h float64 }

type point struct{ x, y float64 }

// touches reports whether p is on the border of b, or next to it.
func (b box) touches(p point) bool {
	const near = 2
	return p.x >= b.x-near && p.x <= b.x+b.w+near && p.y >= b.y-near && p.y <= b.y+b.h+near
}

var (
	nodeBox  = regexp.MustCompile(`<g class="node"><rect x="([^"]+)" y="([^"]+)" width="([^"]+)" height="([^"]+)"[^>]*></rect><text[^>]*>([^<]*)</text>`)
	edgeLine = regexp.MustCompile(`<polyline class="edge" points="([^"]+)"[^>]*marker-end=`)
)

// nodeBoxes returns the box of each node of a drawing, by label.
func nodeBoxes(svg string) map[string]box { return boxes(nodeBox, svg) }

// boxes returns the boxes re finds in a drawing, by label: re's groups
// are x, y, width, height and label.
func boxes(re *regexp.Regexp, svg string) map[string]box {
	out := map[string]box{}
	for _, m := range re.FindAllStringSubmatch(svg, -1) {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		out[m[5]] = box{v[0], v[1], v[2], v[3]}
	}
	return out
}

// edgeLines returns the points of each line with an arrowhead at its end.
func edgeLines(svg string) [][]point {
	var out [][]point
	for _, m := range edgeLine.FindAllStringSubmatch(svg, -1) {
		var l []point
		for _, xy := range strings.Fields(m[1]) {
			xs, ys, _ := strings.Cut(xy, ",")
			x, _ := strconv.ParseFloat(xs, 64)
			y, _ := strconv.ParseFloat(ys, 64)
			l = append(l, point{x, y})
		}
		if len(l) > 1 {
			out = append(out, l)
		}
	}
	return out
}
