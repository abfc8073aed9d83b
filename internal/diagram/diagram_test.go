package diagram

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"folio/themes"
)

// corpusDiagrams returns the Mermaid fences of the GovStack corpora that
// have diagrams, by "file:line".
func corpusDiagrams(t testing.TB) map[string]string {
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	fence := regexp.MustCompile("(?m)^```mermaid[^\n]*\n((?s:.*?))^```")
	out := map[string]string{}
	for _, name := range []string{"govstack-bb-payments", "govstack-bb-consent"} {
		dir := filepath.Join(root, name)
		if _, err := os.Stat(dir); err != nil {
			t.Skipf("corpus not available: %v", err)
		}
		err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			s := strings.ReplaceAll(string(b), "\r\n", "\n")
			for _, m := range fence.FindAllStringSubmatchIndex(s, -1) {
				line := strings.Count(s[:m[0]], "\n") + 1
				rel, _ := filepath.Rel(root, p)
				out[fmt.Sprintf("%s:%d", rel, line)] = s[m[2]:m[3]]
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestCorpus draws every Mermaid diagram of the GovStack corpora. A
// sequence diagram must draw every message of its source: the renderer
// skips the lines it does not read, which the drawing would not show.
func TestCorpus(t *testing.T) {
	diagrams := corpusDiagrams(t)
	if len(diagrams) < 20 {
		t.Fatalf("found %d diagrams in the corpora, want at least 20", len(diagrams))
	}
	kinds := map[string]int{}
	for at, src := range diagrams {
		d, err := Draw(src)
		if err != nil {
			t.Errorf("%s: %v", at, err)
			continue
		}
		kinds[d.Kind]++
		svg := d.SVG("x-")
		if d.Kind == Sequence {
			p, _ := prepare(src)
			want := len(regexp.MustCompile(`(?m)^p\d+(-|<)`).FindAllString(p.body, -1))
			if got := strings.Count(svg, `<g class="message">`); got != want || want == 0 {
				t.Errorf("%s: %d messages drawn, want %d", at, got, want)
			}
		}
		if strings.Count(svg, "<text") < 2 {
			t.Errorf("%s: the drawing has almost no text:\n%s", at, svg)
		}
	}
	t.Logf("%d diagrams: %v", len(diagrams), kinds)
	for _, k := range []string{Sequence, ER, Flowchart, C4} {
		if kinds[k] == 0 {
			t.Errorf("no %s diagram drawn", k)
		}
	}
}

func TestPrepareErrors(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
		msg  string
	}{
		{"", 1, "empty"},
		{"%% only a comment\n", 1, "empty"},
		{";\n", 1, `"" is not a Mermaid diagram type`},
		{"sequenceDiagram\n  Alice->>Bob: hi\n  Alice Bob hi\n", 3, `cannot read "Alice Bob hi"`},
		{"sequenceDiagram\n  Alice->>: missing target\n", 2, `cannot read "Alice->>: missing target"`},
		{"sequenceDiagram\n  alt ok\n  A->>B: x\n", 2, `"alt" is not closed`},
		{"sequenceDiagram\n  A->>B: x\n  end\n", 3, `"end" closes no block`},
		{"sequenceDiagram\n  else x\n", 2, `"else" outside a block`},
		{"graph TD\n  A[open --> B\n", 2, "'[' is not closed"},
		{"graph TD\n  A[\"open] --> B\n", 2, "quote is not closed"},
		{"erDiagram\n  A {\n    string x\n", 2, "'{' is not closed"},
		{"classDiagram\n  }\n", 2, "'}' closes no block"},
		{"\n\nflowchat TD\n  A --> B\n", 3, `"flowchat" is not a Mermaid diagram type`},
		{"C4Context\n  Person(a, \"A\")\n  Boundary(b, \"B\") {\n", 3, "boundary '{' is not closed"},
		{"C4Context\n  Nonsense here\n", 2, "cannot read"},
		{"C4Context\n  Spaceship(a, \"A\")\n", 2, "Spaceship is not a C4 element"},
	} {
		_, err := prepare(tc.src)
		var syn *SyntaxError
		if !errors.As(err, &syn) {
			t.Errorf("%q: error %v, want a syntax error", tc.src, err)
			continue
		}
		if syn.Line != tc.line || !strings.Contains(syn.Msg, tc.msg) {
			t.Errorf("%q: line %d %q, want line %d %q", tc.src, syn.Line, syn.Msg, tc.line, tc.msg)
		}
	}
	var un *UnsupportedError
	if _, err := prepare("---\ntitle: Plan\n---\ngantt\n  title x\n"); !errors.As(err, &un) || un.Type != "gantt" {
		t.Errorf("gantt: %v, want unsupported", err)
	}
}

// TestFlowReader: the flowcharts Mermaid reads and the renderer does not
// are rewritten for it, left to Mermaid (an *UnsupportedError at the line),
// or, where Mermaid rejects them too, a syntax error.
func TestFlowReader(t *testing.T) {
	for src, want := range map[string]string{
		"graph LR\n  a.b-->c.d\n  c.d --> a.b":     "graph LR\nfolio-id-1[\"a.b\"] --> folio-id-2[\"c.d\"]\nfolio-id-2 --> folio-id-1\n",
		"graph LR\n  folio-id-1 --> é":             "graph LR\nfolio-id-1 --> folio-id-2[\"é\"]\n",
		"graph LR\n  A[\"a\" ] --> B":              "graph LR\nA[\"a\"] --> B\n",
		"graph LR\n  A[\"(x)\"] --> B[f: x]":       "graph LR\nA[\"(x(\u034f\"] --> B[f: x]\n",
		"graph LR\n  A x1@ --> B":                  "graph LR\nA --> B\n",
		"graph LR\n  A[/a\\] --> B[\\b/] --> C>c]": "graph LR\nA[/a\\] --> B[\\b/] --> C>c]\n",
	} {
		p, err := prepare(src)
		if err != nil || p.body != want {
			t.Errorf("%q: body %q, %v, want %q", src, p.body, err, want)
		}
	}
	for src, want := range map[string]struct {
		line    int
		feature string
	}{
		"graph LR\n  A --> B\n  A@{ shape: circle }":  {3, `"A@{ shape: circle }"`},
		"graph LR\n  A(-x-) --> B":                    {2, `"A(-x-)"`},
		"graph LR\n  A[|borders:lt|x] --> B":          {2, `"A[|borders:lt|x]"`},
		"graph LR\n  A[\\x\\] --> B":                  {2, `"A[\\x\\]"`},
		"graph LR\n  A(\"y\"z) --> B":                 {2, `"A(\"y\"z"`},
		"graph LR\n  A --> B\n  e1@{ animate: true }": {3, `"e1@{ animate: true }"`},
		"graph LR\n  a:b --> c":                       {2, `"a:b --> c"`},
	} {
		_, err := prepare(src)
		var un *UnsupportedError
		if !errors.As(err, &un) || un.Type != "graph" || un.Line != want.line || un.Feature != want.feature {
			t.Errorf("%q: %#v, want unsupported at line %d: %s", src, err, want.line, want.feature)
		}
	}
	for _, src := range []string{"graph LR\n  A(a]b) --> B", "graph LR\n  A[a \"b\"] --> B", "graph LR\n  A{a(b)} --> B"} {
		_, err := prepare(src)
		var syn *SyntaxError
		if !errors.As(err, &syn) || syn.Line != 2 || !strings.Contains(syn.Msg, "holds a bracket or a quote") {
			t.Errorf("%q: %v, want a syntax error at line 2", src, err)
		}
	}
	un := &UnsupportedError{Type: "flowchart", Feature: `"A@{ shape: rect }"`, Line: 3}
	if got, want := un.Error(), `a Mermaid flowchart with "A@{ shape: rect }" (line 3) is not drawn by folio`; got != want {
		t.Errorf("message %q, want %q", got, want)
	}
}

func TestPrepareSequence(t *testing.T) {
	p, err := prepare(`sequenceDiagram
  %% a comment
  accTitle: Voucher flow
  accDescr {
    How a voucher
    is redeemed
  }
  title Voucher Redemption
  autonumber
  participant Source BB (Merchant) as Merchant
  box Aqua Payment side
  actor Payment BB
  end
  Source BB (Merchant) ->> Payment BB: Submit #59; check
  Payment BB-->>+Source BB (Merchant):
  activate Payment BB
  critical Check
    Payer-FI -x Payment BB: fail
  option Timeout
    Payer-FI --) Payment BB: retry
  end
  Note over Payment BB, Payer-FI: done
`)
	if err != nil {
		t.Fatal(err)
	}
	want := "sequenceDiagram\n" +
		"participant p1 as Merchant\n" +
		"actor p2 as Payment BB\n" +
		"participant p3 as Payer-FI\n" +
		"p1->>p2: Submit ; check\n" +
		"p2-->>+p1: \u200b\n" +
		"critical Check\n" +
		"p3-xp2: fail\n" +
		"else Timeout\n" +
		"p3--)p2: retry\n" +
		"end\n" +
		"Note over p2,p3: done\n"
	if p.body != want {
		t.Errorf("body:\n%s\nwant:\n%s", p.body, want)
	}
	if p.title != "Voucher Redemption" || p.accTitle != "Voucher flow" || p.accDescr != "How a voucher is redeemed" {
		t.Errorf("title %q, accTitle %q, accDescr %q", p.title, p.accTitle, p.accDescr)
	}
	if strings.Join(p.ignored, ",") != "autonumber,box" && strings.Join(p.ignored, ",") != "box,autonumber" {
		t.Errorf("ignored %v", p.ignored)
	}
}

func TestCompactSyntax(t *testing.T) {
	for in, want := range map[string]string{
		"A-->B":                "A --> B",
		"A[x]--->B(y)":         "A[x] --> B(y)",
		"A-.->B":               "A -.-> B",
		"A-..->B":              "A -.-> B",
		"A==>B":                "A ==> B",
		"A====B":               "A === B",
		"A<-->B":               "A <--> B",
		"A-->|yes|B":           "A -->|yes|B",
		"A --> |yes| B":        "A -->|yes| B",
		"A-- text -->B":        "A -- text --> B",
		"A--oB":                "A--oB",
		"A o--o B":             "A <--> B",
		"A x==x B":             "A <==> B",
		"A -.-o B":             "A -.-> B",
		"foo--> x-ray":         "foo --> x-ray",
		"A --o B":              "A --> B",
		"A~~~B":                "A --- B",
		"A[a-->b]-->B":         "A[a-->b] --> B",
		`A["a-->b"]-->B`:       `A["a-->b"] --> B`,
		"my-node-->other-node": "my-node --> other-node",
		"subgraph one [a-->b]": "subgraph one [a-->b]",
		"classDef x fill:#f00": "classDef x fill:#f00",
	} {
		if got, err := flowLine(in); got != want || err != nil {
			t.Errorf("flowLine(%q) = %q, %v, want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"A-->>B", "A --->> B", "A ==>> B", "A -->-B", "A -- text -->> B"} {
		if got, err := flowLine(in); err == nil {
			t.Errorf("flowLine(%q) = %q, want an error", in, got)
		}
	}
	for in, want := range map[string]string{
		"A<|--B":             "A <|-- B",
		`A"1"*--"many"C:has`: `A "1" *-- "many" C : has`,
		"Foo--Bar":           "Foo -- Bar",
		"class A":            "class A",
	} {
		if got := classLine(in); got != want {
			t.Errorf("classLine(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{
		"A||--o{B:has":                    "A ||--o{ B : has",
		"Zoo-Keeper}|..|{Big-Cat : feeds": "Zoo-Keeper }|..|{ Big-Cat : feeds",
		"A {":                             "A {",
	} {
		if got := erLine(in); got != want {
			t.Errorf("erLine(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStatements(t *testing.T) {
	p, err := prepare("graph TD;A-->B;B[\"x;y\"]-->C;")
	if err != nil {
		t.Fatal(err)
	}
	// B is first written with the label it is given later, as Mermaid
	// draws it.
	if want := "graph TD\nA --> B[\"x;y\"]\nB[\"x;y\"] --> C\n"; p.body != want {
		t.Errorf("body %q, want %q", p.body, want)
	}
}

func TestC4(t *testing.T) {
	p, err := prepare(`C4Context
  title System context
  Person(customer, "Customer", "A client of the bank")
  Enterprise_Boundary(b0, "Bank") {
    System(core, "Core banking", "Holds accounts")
    ContainerDb_Ext(db, "Ledger", "PostgreSQL", "Every entry")
  }
  BiRel(customer, core, "Uses", "HTTPS")
  Rel_Back(db, core, "Writes")
  UpdateRelStyle(customer, core, $textColor="blue", $offsetY="-10")
`)
	if err != nil {
		t.Fatal(err)
	}
	want := `flowchart TB
c1(["«person»<br>Customer<br>A client of the bank"])
subgraph c2["Bank"]
c3["«system»<br>Core banking<br>Holds accounts"]
c4[("«external_container_db»<br>Ledger [PostgreSQL]<br>Every entry")]
end
c1 <-->|"Uses [HTTPS]"| c3
c3 -->|"Writes"| c4
`
	// The closers in labels are stand-ins, which draw puts back.
	if body := show.Replace(p.body); body != want || !p.hidden {
		t.Errorf("body:\n%s\nwant:\n%s", body, want)
	}
	if p.title != "System context" || strings.Join(p.labels, "|") != "Customer|Core banking|Ledger" {
		t.Errorf("title %q labels %q", p.title, p.labels)
	}
}

func TestDraw(t *testing.T) {
	d, err := Draw("graph LR\n  accTitle: Build\n  accDescr: Markdown becomes HTML\n  Markdown-->folio-->HTML")
	if err != nil {
		t.Fatal(err)
	}
	svg := d.SVG("m1-")
	for _, want := range []string{`role="img" aria-label="Build"><desc>Markdown becomes HTML</desc>`, `id="m1-arrowhead"`, `url(#m1-arrowhead)`, ">folio</text>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("missing %q in\n%s", want, svg)
		}
	}
	if d.KindName != "" {
		t.Errorf("kind name %q with an accTitle", d.KindName)
	}
	if other := d.SVG("m2-"); strings.Contains(other, "m1-") || !strings.Contains(other, `id="m2-arrowhead"`) {
		t.Errorf("prefix m2- not applied everywhere:\n%s", other)
	}
	d, err = Draw("sequenceDiagram\n  Alice->>Bob: Hello\n  Bob-->>Carol: Hi")
	if err != nil {
		t.Fatal(err)
	}
	if d.Label != "Sequence diagram: Alice, Bob, Carol" || d.KindName != "Sequence diagram" {
		t.Errorf("label %q, kind name %q", d.Label, d.KindName)
	}
	d, err = Draw("stateDiagram-v2\n  [*] --> Draft\n  Draft --> Published: publish")
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != State || !strings.HasPrefix(d.Label, "State diagram: ") {
		t.Errorf("kind %q label %q", d.Kind, d.Label)
	}
}

// TestLabelOrder: without accTitle or a title, a diagram's text
// alternative names its subgraphs, then its nodes in the order written,
// then the labels of its links, in the order written.
func TestLabelOrder(t *testing.T) {
	tests := []struct{ src, want string }{
		// The renderer writes the nodes outside subgraphs first, and the
		// labels of links before the nodes.
		{`flowchart TD
    subgraph Front
      UI -->|calls| API
    end
    Start --> UI
    API -- reads --> DB[(Database)]`, "Flowchart: Front, UI, API, Start, Database, calls, reads"},
		{`flowchart LR
    A --> B
    B -->|yes| C
    B -->|no| A`, "Flowchart: A, B, C, yes, no"},
		{`stateDiagram-v2
    [*] --> Idle
    Idle --> Running: start
    state Busy {
      Running --> Paused: pause
    }
    Paused --> Idle: stop`, "State diagram: Busy, Idle, Running, Paused, start, pause, stop"},
	}
	r := New(1, 1<<20)
	for _, tt := range tests {
		d, err := r.Draw(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		// The label itself stops after 5: all are checked here.
		got := kindNames()[d.Kind] + ": " + firstLabels(d.drawing.texts, 10)
		if got != tt.want {
			t.Errorf("%s\nlabels %q, want %q", tt.src, got, tt.want)
		}
	}
}

// TestERNoAttributes: the placeholder the renderer writes in the box of
// an ER entity without attributes stays in the drawing, in italics, for a
// page to put in its language, but is no label of the drawing: the text
// alternative said "CUSTOMER, (no attributes), ORDER". A relationship
// labelled so is a label.
func TestERNoAttributes(t *testing.T) {
	tests := []struct {
		src, want string
		n         int // placeholders drawn
	}{
		{"erDiagram\n  CUSTOMER ||--o{ ORDER : places\n", "Entity-relationship diagram: CUSTOMER, ORDER, places", 2},
		{"erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  ORDER {\n    int id\n  }\n", "Entity-relationship diagram: CUSTOMER, ORDER, int, id, places", 1},
		{"erDiagram\n  A ||--o{ B : \"(no attributes)\"\n", "Entity-relationship diagram: A, B, (no attributes)", 2},
	}
	r := New(1, 1<<20)
	for _, tt := range tests {
		d, err := r.Draw(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		if d.Label != tt.want {
			t.Errorf("%q: label %q, want %q", tt.src, d.Label, tt.want)
		}
		if got := strings.Count(d.SVG("p-"), ` font-style="italic">`+NoAttributes+`</text>`); got != tt.n {
			t.Errorf("%q: %d placeholders, want %d:\n%s", tt.src, got, tt.n, d.SVG("p-"))
		}
	}
}

// TestCacheOnce draws one source from many goroutines: it is drawn once.
func TestCacheOnce(t *testing.T) {
	r := New(2, 1<<20)
	src := "graph TD\n  A --> B\n  B --> C"
	var wg sync.WaitGroup
	svgs := make([]string, 8)
	for i := range svgs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d, err := r.Draw(src)
			if err != nil {
				t.Error(err)
				return
			}
			svgs[i] = d.SVG("p-")
		}()
	}
	wg.Wait()
	if r.cache.draws != 1 {
		t.Errorf("drawn %d times, want 1", r.cache.draws)
	}
	for _, s := range svgs[1:] {
		if s != svgs[0] {
			t.Fatal("different drawings of one source")
		}
	}
	// Errors are kept too: a page with a broken diagram rebuilt by folio
	// serve does not parse it again.
	r.Draw("sequenceDiagram\n  nonsense")
	r.Draw("sequenceDiagram\n  nonsense")
	if r.cache.draws != 2 {
		t.Errorf("drawn %d times, want 2", r.cache.draws)
	}
}

// TestCacheBound fills a small cache: it stays within its bound.
func TestCacheBound(t *testing.T) {
	r := New(1, 20<<10)
	for i := range 30 {
		if _, err := r.Draw(fmt.Sprintf("sequenceDiagram\n  A->>B: message %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	if r.cache.size > 20<<10 || len(r.cache.m) >= 30 || len(r.cache.m) != r.cache.lru.Len() {
		t.Errorf("cache holds %d bytes in %d entries (%d in the list)", r.cache.size, len(r.cache.m), r.cache.lru.Len())
	}
}

// TestTimeout interrupts a drawing: the renderer says so, drops that
// runtime, and draws the next diagram.
func TestTimeout(t *testing.T) {
	r := New(1, 1<<20)
	r.timeout = time.Millisecond
	var b strings.Builder
	b.WriteString("graph TD\n")
	for i := range 100 {
		fmt.Fprintf(&b, "  N%d --> N%d\n  N%d --> N%d\n", i, i+1, i, (i*7)%100)
	}
	if _, err := r.Draw(b.String()); !errors.Is(err, ErrTimeout) {
		t.Fatalf("error %v, want ErrTimeout", err)
	}
	r.timeout = Timeout
	if _, err := r.Draw("graph TD\n  A --> B"); err != nil {
		t.Fatal(err)
	}
	// A timeout is kept for the process: a preview does not spend it
	// again at every rebuild.
	r.timeout = time.Millisecond
	draws := r.cache.draws
	if _, err := r.Draw(b.String()); !errors.Is(err, ErrTimeout) || r.cache.draws != draws {
		t.Errorf("error %v after %d draws, want ErrTimeout after %d", err, r.cache.draws, draws)
	}
	// After maxTimeouts, new diagrams are not drawn: a page of dense
	// diagrams took minutes and gigabytes (security tester). Those drawn
	// before still are.
	if _, err := r.Draw(b.String() + "  X --> Y\n"); !errors.Is(err, ErrTimeout) {
		t.Fatalf("second slow diagram: %v, want ErrTimeout", err)
	}
	r.timeout = Timeout
	if _, err := r.Draw("graph TD\n  C --> D"); !errors.Is(err, ErrGaveUp) {
		t.Errorf("a new diagram after %d timeouts: %v, want ErrGaveUp", maxTimeouts, err)
	}
	if _, err := r.Draw("graph TD\n  A --> B"); err != nil {
		t.Errorf("a diagram drawn before: %v", err)
	}
}

func TestTooLarge(t *testing.T) {
	if _, err := Draw("graph TD\n" + strings.Repeat("A --> B\n", MaxSource/8+1)); err == nil {
		t.Error("no error for a source larger than MaxSource")
	}
}

// TestWiden: a label longer than the gap between the first two
// participants goes past the left edge; the view box is widened for it.
func TestWiden(t *testing.T) {
	d, err := Draw("sequenceDiagram\n  A->>B: " + strings.Repeat("a long message label ", 6))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`viewBox="(-[\d.]+) 0 ([\d.]+) [\d.]+" width="([\d.]+)"`).FindStringSubmatch(d.SVG(""))
	if m == nil || m[2] != m[3] {
		t.Errorf("view box not widened to the left, or width not matching: %v\n%s", m, d.SVG("")[:200])
	}
}

// TestCSSColour: a rect's colour is read into numbers; anything else is
// no colour, never text passed on.
func TestCSSColour(t *testing.T) {
	for in, want := range map[string]string{
		"rgb(191, 223, 255)":          "#bfdfffff",
		"rgba(0,0,255,.5)":            "#0000ff80",
		"RGB(100% 50% 0% / 25%)":      "#ff800040",
		"#ABC":                        "#aabbccff",
		"#abcd":                       "#aabbccdd",
		"#0a0b0c":                     "#0a0b0cff",
		"#0a0b0c80":                   "#0a0b0c80",
		"LightGreen":                  "#90ee90ff",
		"transparent":                 "#00000000",
		"rgb(300, -1, 0)":             "",
		"rgb(1, 2)":                   "",
		"rgb(1, 2, 3":                 "",
		"#abcde":                      "",
		"#ggg":                        "",
		"red; stroke: url(#x)":        "",
		"url(javascript:alert(1))":    "",
		`"><script>alert(1)</script>`: "",
		"":                            "",
	} {
		if got := cssColour(in); got != want {
			t.Errorf("cssColour(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLazyRE compiles every expression given to lazyRE, as the package
// compiled them when it started before they were made lazy: a mistake in
// one used only on a rare path would otherwise panic in a build.
func TestLazyRE(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(node ast.Node) bool {
			call, ok := node.(*ast.CallExpr)
			if !ok {
				return true
			}
			if id, ok := call.Fun.(*ast.Ident); !ok || id.Name != "lazyRE" || len(call.Args) != 1 {
				return true
			}
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok {
				return true
			}
			expr, err := strconv.Unquote(lit.Value)
			if err == nil {
				_, err = regexp.Compile(expr)
			}
			if err != nil {
				t.Errorf("%s: %v", fset.Position(lit.Pos()), err)
			}
			n++
			return true
		})
	}
	if n < 30 {
		t.Errorf("found %d expressions given to lazyRE, want at least 30", n)
	}
}

// TestDiskTrim: past its bound, the cache folder keeps its most recently
// used drawings, which load touches (t48: it only grew).
func TestDiskTrim(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	for i := range 12 {
		p := filepath.Join(dir, fmt.Sprintf("f%02d", i))
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		at := old.Add(time.Duration(i) * time.Minute)
		if err := os.Chtimes(p, at, at); err != nil {
			t.Fatal(err)
		}
	}
	// f00, the oldest, was just used.
	now := time.Now()
	if err := os.Chtimes(filepath.Join(dir, "f00"), now, now); err != nil {
		t.Fatal(err)
	}
	trim(dir, 20, 5)
	if es, _ := os.ReadDir(dir); len(es) != 12 {
		t.Fatalf("under its bound, %d files left of 12", len(es))
	}
	trim(dir, 10, 5)
	var left []string
	es, _ := os.ReadDir(dir)
	for _, e := range es {
		left = append(left, e.Name())
	}
	if want := []string{"f00", "f08", "f09", "f10", "f11"}; !slices.Equal(left, want) {
		t.Errorf("left %v, want %v", left, want)
	}
}

// TestBundleSum: bundleSum, in the cache key, is the vendored renderer's
// hash: a new bundle changes it, or drawings of the old one are read back.
func TestBundleSum(t *testing.T) {
	if got := fmt.Sprintf("%x", sha256.Sum256([]byte(themes.BeautifulMermaid))); got != bundleSum {
		t.Errorf("the bundle's SHA-256 is %s; set bundleSum to it", got)
	}
}
