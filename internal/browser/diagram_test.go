package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"folio/internal/testkit"
)

// The diagrams of the fixture, in the order of the page. Each is drawn
// into an inline SVG at build time, but the last, which does not parse and
// is shown as its source.
const (
	diagramSequence = `sequenceDiagram
    title Greetings
    participant Alice
    participant Bob
    Alice->>Bob: Hello Bob, how are you?
    Bob-->>Alice: Fine, thanks
    Note right of Bob: Bob thinks a long thought
`
	// Wider than a phone: it keeps its size there and scrolls in its box.
	diagramFlowchart = `flowchart LR
    subgraph one [First group]
        a1[Start] --> a2[Validate the request]
    end
    subgraph two [Second group]
        b1[Process the payment] --> b2[Notify the beneficiary]
    end
    a2 --> b1
    b2 --> c[Archive the record in the ledger]
    c --> d[Send the monthly report to the ministry]
`
	diagramState = `stateDiagram-v2
    [*] --> Draft
    Draft --> Submitted: submit
    Submitted --> Approved: approve
    Submitted --> Rejected: reject
    Approved --> [*]
`
	diagramAccessible = `flowchart TD
    accTitle: Payment approval flow
    accDescr: A request is checked, then approved or sent back.
    r[Request] --> c{Checked?}
    c -->|yes| ok[Approved]
    c -->|no| back[Sent back]
`
	diagramBroken = `flowchart TD
    a[Broken -->
    b(((
`
	diagramAccTitle = "Payment approval flow"
	diagramAccDescr = "A request is checked, then approved or sent back."
)

// diagramWant is what each drawn diagram of the fixture must be: its kind
// (data-diagram), the start of its accessible name, and whether it is
// wider than a phone.
var diagramWant = []struct {
	kind, name string
	wide       bool
}{
	{"sequence", "Sequence diagram", false},
	{"flowchart", "Flowchart", true},
	{"state", "State diagram", false},
	{"flowchart", diagramAccTitle, false},
}

func diagramSite(t *testing.T) string {
	fence := func(src string) string { return "```mermaid\n" + src + "```\n\n" }
	return testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Diagrams](diagrams.md)\n",
		"README.md":  "# Home\n\nSee [the diagrams](diagrams.md).\n",
		"diagrams.md": "# Diagrams\n\nA sequence:\n\n" + fence(diagramSequence) +
			"A flowchart with groups:\n\n" + fence(diagramFlowchart) +
			"States:\n\n" + fence(diagramState) +
			"With a title and a description for assistive technology:\n\n" + fence(diagramAccessible) +
			"One that does not draw:\n\n" + fence(diagramBroken) +
			"The end.\n",
	})
}

// diagramView is a viewport, a colour scheme, and whether the page is
// printed.
type diagramView struct {
	w, h   int64
	scheme string
	print  bool
}

func (v diagramView) String() string {
	s := fmt.Sprintf("%d px, %s", v.w, v.scheme)
	if v.print {
		s += ", print"
	}
	return s
}

// visit sets the view and loads url, then checks the page sees the media
// asked for (emulation that did not take would make the checks no-ops).
func visit(t *testing.T, ctx context.Context, url string, v diagramView) {
	t.Helper()
	media := ""
	if v.print {
		media = "print"
	}
	do(t, ctx, "emulate "+v.String(),
		chromedp.EmulateViewport(v.w, v.h),
		emulateMedia(emulation.SetEmulatedMediaParams{Media: media, Features: []*emulation.MediaFeature{
			{Name: "prefers-color-scheme", Value: v.scheme},
			{Name: "prefers-reduced-motion", Value: "reduce"},
		}}))
	open(t, ctx, url)
	got := eval[string](t, ctx, `innerWidth + " " + (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light") + " " + matchMedia("print").matches`)
	if want := fmt.Sprintf("%d %s %v", v.w, v.scheme, v.print); got != want {
		t.Fatalf("%s: the page sees %q (width, scheme, print), want %q", url, got, want)
	}
}

// diagramBox is the geometry of one drawn diagram.
type diagramBox struct {
	Kind      string  `json:"kind"`
	Shown     bool    `json:"shown"`     // the figure, its drawing and its SVG are rendered and not hidden
	W         float64 `json:"w"`         // the SVG's box
	H         float64 `json:"h"`         //
	Attr      float64 `json:"attr"`      // the SVG's width attribute: its natural size
	ViewRatio float64 `json:"viewRatio"` // width / height of the viewBox
	Left      float64 `json:"left"`      // the .diagram-drawing box, in the viewport
	Right     float64 `json:"right"`     //
	Inner     float64 `json:"inner"`     // its content box's width
	Client    float64 `json:"client"`    // its clientWidth and scrollWidth
	Scroll    float64 `json:"scroll"`    //
	OverflowX string  `json:"overflowX"` //
	ColLeft   float64 `json:"colLeft"`   // the content column (.content)
	ColRight  float64 `json:"colRight"`  //
	Texts     int     `json:"texts"`     // <text> elements in the SVG
}

const diagramBoxesJS = `(() => {
  const col = document.querySelector("article.page .content").getBoundingClientRect();
  return [...document.querySelectorAll("article.page .content figure.diagram")].filter(f => f.querySelector(".diagram-drawing")).map(f => {
    const d = f.querySelector(".diagram-drawing"), svg = d.querySelector(":scope > svg");
    const r = d.getBoundingClientRect(), cs = getComputedStyle(d);
    const s = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    const vb = svg && svg.viewBox.baseVal;
    return {
      kind: f.dataset.diagram || "",
      shown: !!svg && [f, d, svg].every(e => e.checkVisibility({opacityProperty: true, visibilityProperty: true})),
      w: s.width, h: s.height,
      attr: svg ? parseFloat(svg.getAttribute("width")) || 0 : 0,
      viewRatio: vb && vb.height ? vb.width / vb.height : 0,
      left: r.left, right: r.right,
      inner: d.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
      client: d.clientWidth, scroll: d.scrollWidth, overflowX: cs.overflowX,
      colLeft: col.left, colRight: col.right,
      texts: svg ? svg.querySelectorAll("text").length : 0,
    };
  });
})()`

// checkBoxes checks the drawn diagrams of the page on view: each is shown
// at its proportions, inside the content column and the viewport, and
// either fits its box or scrolls in it. It returns the boxes.
func checkBoxes(t *testing.T, ctx context.Context, where string, wantCount int) []diagramBox {
	t.Helper()
	boxes := eval[[]diagramBox](t, ctx, diagramBoxesJS)
	if len(boxes) != wantCount {
		t.Fatalf("%s: %d drawn diagrams (figure.diagram with .diagram-drawing), want %d", where, len(boxes), wantCount)
	}
	vw := eval[float64](t, ctx, "innerWidth")
	for i, b := range boxes {
		at := fmt.Sprintf("%s: diagram %d (%s)", where, i+1, b.Kind)
		if !b.Shown || b.W < 1 || b.H < 1 || b.Texts == 0 {
			t.Errorf("%s: not shown: svg %.0f×%.0f, shown %v, %d texts", at, b.W, b.H, b.Shown, b.Texts)
			continue
		}
		if r := b.W / b.H; b.ViewRatio == 0 || math.Abs(r-b.ViewRatio)/b.ViewRatio > 0.02 {
			t.Errorf("%s: svg drawn %.1f×%.1f (ratio %.3f), viewBox ratio %.3f: distorted", at, b.W, b.H, r, b.ViewRatio)
		}
		if b.Left < b.ColLeft-0.5 || b.Right > b.ColRight+0.5 || b.Left < -0.5 || b.Right > vw+0.5 {
			t.Errorf("%s: .diagram-drawing spans %.1f–%.1f px, outside the content column %.1f–%.1f px or the %v px viewport",
				at, b.Left, b.Right, b.ColLeft, b.ColRight, vw)
		}
		if b.W > b.Inner+1 {
			// Wider than its box: the box, not the page, scrolls.
			if b.Scroll <= b.Client || (b.OverflowX != "auto" && b.OverflowX != "scroll") {
				t.Errorf("%s: svg %.1f px wide in a %.1f px box that does not scroll (overflow-x %s, scrollWidth %.0f, clientWidth %.0f)",
					at, b.W, b.Inner, b.OverflowX, b.Scroll, b.Client)
			}
		}
	}
	return boxes
}

// textColor is the colour of one text of a drawing and of what is painted
// under it, as sRGB bytes.
type textColor struct {
	Diagram int       `json:"diagram"`
	Text    string    `json:"text"`
	FG      []float64 `json:"fg"`
	BG      []float64 `json:"bg"`
}

// diagramColorsJS lists the colour of every text of every drawing and of
// the paint under its centre: the filled shapes drawn before it whose box
// holds that point, composited in paint order over the drawing's
// background. Colours are resolved by a canvas, which reads any CSS colour
// (color-mix() computes to color(srgb …)).
const diagramColorsJS = `(() => {
  const cv = document.createElement("canvas"); cv.width = cv.height = 1;
  const cx = cv.getContext("2d", {willReadFrequently: true});
  const rgba = c => {
    if (!c || c === "none" || c.startsWith("url(")) return null;
    cx.clearRect(0, 0, 1, 1); cx.fillStyle = "#000"; cx.fillStyle = c; cx.fillRect(0, 0, 1, 1);
    const d = cx.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3] / 255];
  };
  const over = (top, alpha, under) => top.slice(0, 3).map((v, i) => v * alpha + under[i] * (1 - alpha));
  const paint = e => {
    const s = getComputedStyle(e), c = rgba(s.fill);
    if (!c) return null;
    return {c, a: c[3] * parseFloat(s.fillOpacity) * parseFloat(s.opacity)};
  };
  const out = [];
  document.querySelectorAll("article.page .content .diagram-drawing").forEach((d, i) => {
    let e = d, bg = null;
    for (; e && !bg; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c && c[3] > 0.99) bg = c; }
    const svg = d.querySelector(":scope > svg");
    const shapes = [...svg.querySelectorAll("rect, path, polygon, circle, ellipse")].filter(s => !s.closest("defs, marker, clipPath"));
    for (const tx of svg.querySelectorAll("text")) {
      if (!tx.textContent.trim()) continue;
      const r = tx.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
      let under = bg.slice(0, 3);
      for (const s of shapes) {
        if (!(s.compareDocumentPosition(tx) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
        const b = s.getBoundingClientRect();
        if (x < b.left || x > b.right || y < b.top || y > b.bottom) continue;
        const p = paint(s);
        if (p && p.a > 0) under = over(p.c, p.a, under);
      }
      const f = paint(tx);
      out.push({diagram: i, text: tx.textContent.trim(), fg: f ? over(f.c, f.a, under) : [], bg: under});
    }
  });
  return out;
})()`

// contrast is the WCAG contrast ratio of two sRGB colours.
func contrast(a, b []float64) float64 {
	lum := func(c []float64) float64 {
		var l [3]float64
		for i := range l {
			v := c[i] / 255
			if v <= 0.04045 {
				l[i] = v / 12.92
			} else {
				l[i] = math.Pow((v+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	la, lb := lum(a), lum(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

func rgb(c []float64) string {
	if len(c) < 3 {
		return "none"
	}
	return fmt.Sprintf("#%02x%02x%02x", int(math.Round(c[0])), int(math.Round(c[1])), int(math.Round(c[2])))
}

// axNames returns the computed role, name and description of the
// elements matching sel, as Chromium's accessibility tree has them.
func axNames(sel string) chromedp.Action[[][3]string] {
	return func(ctx context.Context, tg *chromedp.Target) ([][3]string, error) {
		nodes, err := chromedp.Nodes(chromedp.CSSAll(sel))(ctx, tg)
		if err != nil {
			return nil, err
		}
		str := func(v *accessibility.Value) string {
			if v == nil {
				return ""
			}
			var s string
			if err := json.Unmarshal(v.Value, &s); err != nil {
				return string(v.Value)
			}
			return s
		}
		var out [][3]string
		no := false
		for _, n := range nodes {
			res, err := cdp.Call(ctx, tg, accessibility.GetPartialAXTree,
				accessibility.GetPartialAXTreeParams{BackendNodeID: n.BackendNodeID, FetchRelatives: &no})
			if err != nil {
				return nil, err
			}
			if len(res.Nodes) == 0 {
				out = append(out, [3]string{"", "", ""})
				continue
			}
			a := res.Nodes[0]
			role := str(a.Role)
			if a.Ignored {
				role = "ignored"
			}
			out = append(out, [3]string{role, str(a.Name), str(a.Description)})
		}
		return out, nil
	}
}

// TestDiagram checks Mermaid diagrams drawn at build time as a reader
// sees them: at a phone's and a laptop's width, in light and dark mode and
// in print, with assistive technology and the keyboard, and through axe.
// One browser serves every subtest.
func TestDiagram(t *testing.T) {
	requireBrowser(t)
	s := serve(t, diagramSite(t))
	page := s.URL + "/diagrams/"
	browser := startBrowser(t, 1280, 800)
	drawn := len(diagramWant)

	t.Run("widths", func(t *testing.T) {
		for _, v := range []diagramView{{360, 740, "light", false}, {1280, 800, "light", false}} {
			ctx := step(t, browser)
			visit(t, ctx, page, v)
			if r := eval[overflowReport](t, ctx, overflowJS); r.ScrollWidth > r.InnerWidth {
				t.Errorf("/diagrams/ at %d px: scrollWidth %d > innerWidth %d; overflowing: %s",
					v.w, r.ScrollWidth, r.InnerWidth, strings.Join(r.Culprits, ", "))
			}
			boxes := checkBoxes(t, ctx, fmt.Sprintf("/diagrams/ at %d px", v.w), drawn)
			for i, b := range boxes {
				want := diagramWant[i]
				if b.Kind != want.kind {
					t.Errorf("diagram %d: data-diagram %q, want %q", i+1, b.Kind, want.kind)
				}
				switch {
				case v.w >= 1280 && b.W > b.Inner+1:
					t.Errorf("at %d px diagram %d (%s) is %.1f px wide in a %.1f px box: it should shrink to the column", v.w, i+1, b.Kind, b.W, b.Inner)
				case v.w >= 1280 && b.W < b.Attr-1:
					t.Logf("at %d px diagram %d (%s) is drawn at %.0f%% of its size (%.0f of %.0f px)", v.w, i+1, b.Kind, 100*b.W/b.Attr, b.W, b.Attr)
				case v.w < 640 && want.wide && (b.W < b.Attr-1 || b.Scroll <= b.Client):
					t.Errorf("at %d px the wide diagram %d (%s) is %.1f px wide (natural %.1f) in a box of clientWidth %.0f, scrollWidth %.0f: it should keep its size and scroll in its box",
						v.w, i+1, b.Kind, b.W, b.Attr, b.Client, b.Scroll)
				}
			}
			// The wide drawing's box scrolls; the page does not follow.
			if v.w < 640 {
				got := eval[[]float64](t, ctx, `(d => { d.scrollLeft = 200; return [d.scrollLeft, document.scrollingElement.scrollLeft]; })(document.querySelectorAll(".diagram-drawing")[1])`)
				if got[0] <= 0 || got[1] != 0 {
					t.Errorf("at %d px, scrolling the wide drawing's box by 200 px: box scrollLeft %v, page scrollLeft %v", v.w, got[0], got[1])
				}
			}
		}
	})

	t.Run("colors", func(t *testing.T) {
		colors := map[string][]textColor{}
		for _, scheme := range []string{"light", "dark"} {
			ctx := step(t, browser)
			visit(t, ctx, page, diagramView{1280, 800, scheme, false})
			checkBoxes(t, ctx, "/diagrams/ in "+scheme, drawn)
			cs := eval[[]textColor](t, ctx, diagramColorsJS)
			if len(cs) == 0 {
				t.Fatalf("%s: no text in the drawings", scheme)
			}
			colors[scheme] = cs
			for _, c := range cs {
				if len(c.FG) < 3 {
					t.Errorf("%s: diagram %d, text %q has no fill", scheme, c.Diagram+1, c.Text)
					continue
				}
				if r := contrast(c.FG, c.BG); r < 4.5 {
					t.Errorf("%s: diagram %d (%s), text %q: %s on %s, contrast %.2f:1, want at least 4.5:1",
						scheme, c.Diagram+1, diagramWant[c.Diagram].kind, c.Text, rgb(c.FG), rgb(c.BG), r)
				}
			}
		}
		light, dark := colors["light"], colors["dark"]
		if len(light) != len(dark) {
			t.Fatalf("%d texts in light mode, %d in dark mode", len(light), len(dark))
		}
		for i := range light {
			if rgb(light[i].FG) == rgb(dark[i].FG) {
				t.Errorf("diagram %d, text %q: colour %s in both light and dark mode", light[i].Diagram+1, light[i].Text, rgb(light[i].FG))
			}
		}
		t.Logf("%d texts checked in each scheme, e.g. %q: %s on %s (light), %s on %s (dark)",
			len(light), light[0].Text, rgb(light[0].FG), rgb(light[0].BG), rgb(dark[0].FG), rgb(dark[0].BG))
	})

	t.Run("print", func(t *testing.T) {
		for _, w := range []int64{360, 1280} {
			ctx := step(t, browser)
			visit(t, ctx, page, diagramView{w, 800, "light", true})
			where := fmt.Sprintf("/diagrams/ printed at %d px", w)
			// folio.js opens every <details> before printing; the source
			// stays out all the same.
			eval[bool](t, ctx, `dispatchEvent(new Event("beforeprint")), true`)
			for i, b := range checkBoxes(t, ctx, where, drawn) {
				if b.W > b.Inner+1 {
					t.Errorf("%s: diagram %d (%s) is %.1f px wide in a %.1f px box: a printed page does not scroll", where, i+1, b.Kind, b.W, b.Inner)
				}
			}
			got := eval[[]string](t, ctx, `(() => {
			  const bad = [];
			  const src = [...document.querySelectorAll(".content figure.diagram details.diagram-source")];
			  if (!src.length) bad.push("no details.diagram-source");
			  src.forEach((d, i) => { if (!d.open) bad.push("source " + (i + 1) + " not opened by beforeprint"); if (d.checkVisibility()) bad.push("source " + (i + 1) + " printed (display " + getComputedStyle(d).display + ")"); });
			  const pre = document.querySelector(".content figure.diagram:not(:has(.diagram-drawing)) pre");
			  if (!pre || !pre.checkVisibility()) bad.push("the source of the diagram that does not draw is not printed");
			  return bad;
			})()`)
			if len(got) > 0 {
				t.Errorf("%s: %s", where, strings.Join(got, "; "))
			}
			eval[bool](t, ctx, `dispatchEvent(new Event("afterprint")), true`)
		}
	})

	t.Run("names", func(t *testing.T) {
		ctx := step(t, browser)
		visit(t, ctx, page, diagramView{1280, 800, "light", false})
		attrs := eval[[]string](t, ctx, `[...document.querySelectorAll(".content .diagram-drawing > svg")].map(s => s.getAttribute("role"))`)
		names, err := chromedp.Run(ctx, axNames(".content .diagram-drawing > svg"))
		if err != nil {
			t.Fatalf("accessibility tree: %v", err)
		}
		if len(names) != drawn || len(attrs) != drawn {
			t.Fatalf("%d drawings in the accessibility tree, %d in the page, want %d", len(names), len(attrs), drawn)
		}
		for i, n := range names {
			want := diagramWant[i]
			role, name, desc := n[0], n[1], n[2]
			if attrs[i] != "img" || role != "image" {
				t.Errorf("diagram %d (%s): role attribute %q, computed role %q; want img, image", i+1, want.kind, attrs[i], role)
			}
			if !strings.HasPrefix(name, want.name) {
				t.Errorf("diagram %d (%s): accessible name %q, want it to start with %q", i+1, want.kind, name, want.name)
			}
			if want.name == diagramAccTitle {
				if name != diagramAccTitle {
					t.Errorf("diagram %d: accessible name %q, want its accTitle %q", i+1, name, diagramAccTitle)
				}
				if desc != diagramAccDescr {
					t.Errorf("diagram %d: accessible description %q, want its accDescr %q", i+1, desc, diagramAccDescr)
				}
			}
		}
		t.Logf("accessible names: %q", names)
	})

	t.Run("broken", func(t *testing.T) {
		ctx := step(t, browser)
		visit(t, ctx, page, diagramView{360, 740, "light", false})
		type shown struct {
			Count   int    `json:"count"`
			Caption string `json:"caption"`
			Code    string `json:"code"`
			Visible bool   `json:"visible"`
			SVG     int    `json:"svg"`
			Focus   bool   `json:"focus"`
		}
		got := eval[shown](t, ctx, `(() => {
		  const fs = [...document.querySelectorAll(".content figure.diagram:not(:has(.diagram-drawing))")];
		  const f = fs[0];
		  if (!f) return {count: 0};
		  const pre = f.querySelector("pre"), code = pre && pre.querySelector(":scope > code");
		  return {count: fs.length, caption: (f.querySelector("figcaption") || {}).textContent || "",
		    code: code ? code.textContent : "", visible: !!pre && pre.checkVisibility() && pre.getBoundingClientRect().height > 20,
		    svg: f.querySelectorAll("svg").length,
		    focus: !!pre && (pre.scrollWidth > pre.clientWidth + 1 ? pre.tabIndex === 0 : !pre.hasAttribute("tabindex"))};
		})()`)
		switch {
		case got.Count != 1:
			t.Fatalf("%d diagrams shown as source, want 1", got.Count)
		case strings.TrimSpace(got.Code) != strings.TrimSpace(diagramBroken):
			t.Errorf("the diagram that does not draw shows %q, want its source %q", got.Code, diagramBroken)
		case !got.Visible || got.SVG != 0:
			t.Errorf("the source of the diagram that does not draw: shown %v, %d svg", got.Visible, got.SVG)
		}
		if got.Caption == "" {
			t.Error("the source of the diagram that does not draw has no caption")
		}
		if !got.Focus {
			// A Tab stop where it scrolls, none where it fits (t42).
			t.Error("the source of the diagram that does not draw is a Tab stop where it fits, or none where it scrolls")
		}
	})

	t.Run("keyboard", func(t *testing.T) {
		ctx := step(t, browser)
		visit(t, ctx, page, diagramView{360, 740, "light", false})
		ring := `(e => { const c = getComputedStyle(e); return (c.outlineStyle !== "none" && parseFloat(c.outlineWidth) >= 2) || c.boxShadow !== "none"; })(document.activeElement)`
		active := `(e => e.tagName.toLowerCase() + "." + [...e.classList].join(".") + " " + JSON.stringify(e.textContent.trim().slice(0, 30)))(document.activeElement)`
		// The wide drawing takes focus and scrolls with the arrow keys.
		if !eval[bool](t, ctx, `(d => (d.focus(), document.activeElement === d))(document.querySelectorAll(".content .diagram-drawing")[1])`) {
			t.Fatalf("the wide drawing does not take focus; focus on %s", eval[string](t, ctx, active))
		}
		do(t, ctx, "press ArrowRight", chromedp.KeyEvent(kb.ArrowRight))
		waitFor(t, ctx, `document.activeElement.scrollLeft > 0`, `"scrollLeft " + document.activeElement.scrollLeft`, "ArrowRight on the focused wide drawing")
		// Tab leads from a drawing to its "Mermaid source" toggle, which
		// Enter opens and Space closes.
		do(t, ctx, "focus the first drawing", chromedp.Focus(chromedp.CSS(".content .diagram-drawing")))
		do(t, ctx, "press Tab", chromedp.KeyEvent(kb.Tab))
		if !eval[bool](t, ctx, `document.activeElement === document.querySelector(".content details.diagram-source > summary")`) {
			t.Fatalf("Tab from the first drawing reaches %s, not its Mermaid source toggle", eval[string](t, ctx, active))
		}
		if got := eval[string](t, ctx, `document.activeElement.textContent.trim()`); got != "Mermaid source" {
			t.Errorf("the toggle reads %q, want \"Mermaid source\"", got)
		}
		if !eval[bool](t, ctx, ring) {
			t.Error("the focused Mermaid source toggle shows no focus ring")
		}
		details := `document.querySelector(".content details.diagram-source")`
		do(t, ctx, "press Enter", chromedp.KeyEvent(kb.Enter))
		if !eval[bool](t, ctx, details+`.open`) {
			t.Fatal("Enter on the Mermaid source toggle leaves it closed")
		}
		code := eval[string](t, ctx, `(c => c && c.checkVisibility() ? c.textContent : "")(`+details+`.querySelector("pre > code"))`)
		if strings.TrimSpace(code) != strings.TrimSpace(diagramSequence) {
			t.Errorf("opened by the keyboard, the Mermaid source shows %q, want %q", code, diagramSequence)
		}
		do(t, ctx, "press Space", chromedp.KeyEvent(" "))
		if eval[bool](t, ctx, details+`.open`) {
			t.Error("Space on the open Mermaid source toggle leaves it open")
		}
	})

	t.Run("axe", func(t *testing.T) {
		script := axeScript(t)
		var found []finding
		for _, v := range []diagramView{{360, 740, "light", false}, {360, 740, "dark", false}, {1280, 800, "light", false}, {1280, 800, "dark", false}} {
			ctx := step(t, browser)
			visit(t, ctx, page, v) // sets the view
			r, err := runAxe(ctx, script, page)
			if err != nil {
				t.Fatal(err)
			}
			for _, rule := range r.Violations {
				found = append(found, finding{page: fmt.Sprintf("/diagrams/ at %d px", v.w), scheme: v.scheme, rule: rule})
			}
		}
		if len(found) > 0 {
			t.Errorf("%d accessibility violations (rule, page, color scheme):%s", len(found), report(found))
		}
	})

	// The diagrams of a real specification.
	t.Run("govstack-bb-payments", func(t *testing.T) {
		dir := filepath.Join(testkit.CorpusDir(t), "govstack-bb-payments")
		const p = "9-internal-workflows/9.1-g2p-bulk-payment/"
		md, err := os.ReadFile(filepath.Join(dir, "spec", "9-internal-workflows", "9.1-g2p-bulk-payment.md"))
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Count(string(md), "```mermaid") + strings.Count(string(md), "@mermaid/diagram")
		if want == 0 {
			t.Fatalf("no Mermaid diagram in the source of /%s", p)
		}
		cs := serve(t, dir)
		ctx := step(t, browser)
		v := diagramView{1280, 800, "light", false}
		visit(t, ctx, cs.URL+"/"+p, v)
		if n := eval[int](t, ctx, `document.querySelectorAll(".content .diagram-drawing svg[role=img]").length`); n != want {
			t.Errorf("/%s: %d drawn diagrams (.diagram-drawing svg[role=img]), want the %d of its source", p, n, want)
		}
		checkBoxes(t, ctx, "/"+p+" at 1280 px", want)
		t.Run("axe", func(t *testing.T) {
			script := axeScript(t)
			r, err := runAxe(ctx, script, cs.URL+"/"+p)
			if err != nil {
				t.Fatal(err)
			}
			var found []finding
			for _, rule := range r.Violations {
				found = append(found, finding{page: "/" + p + " at 1280 px", scheme: v.scheme, rule: rule})
			}
			if len(found) > 0 {
				t.Errorf("%d accessibility violations (rule, page, color scheme):%s", len(found), report(found))
			}
		})
	})
}
