package browser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"

	"folio/internal/testkit"
)

// layoutSite is a space whose pages hold what the default theme once laid
// out badly: code blocks under their copy button, a wrapped numbered block,
// nested expandable blocks, lists nested deeper than a phone is wide, and a
// page without an outline beside one with an outline.
func layoutSite(t *testing.T) *site {
	t.Helper()
	var deep strings.Builder
	for i := range 40 {
		fmt.Fprintf(&deep, "%s* level %d\n", strings.Repeat("  ", i), i)
	}
	return serve(t, testkit.Site(t, map[string]string{
		"site.yaml":  "title: A rather long site title for a narrow header\ntrust_raw_html: true\n",
		"SUMMARY.md": "# Summary\n\n* [Code](README.md)\n* [Nested](nested.md)\n* [Deep](deep.md)\n* [Prompts](prompts.md)\n",
		"prompts.md": "# Prompts\n\n{% prompt description=\"Short\" defaultExpanded=\"partial\" %}\n```\nOne line.\n```\n{% endprompt %}\n\n" +
			"{% prompt description=\"Long\" defaultExpanded=\"partial\" %}\n```\n" + strings.Repeat("A line of the prompt.\n", 20) + "```\n{% endprompt %}\n\n" +
			"{% code expandable=\"true\" %}\n```text\nShort code.\n```\n{% endcode %}\n\n" +
			"{% code expandable=\"true\" %}\n```text\n" + strings.Repeat("A line of code.\n", 60) + "```\n{% endcode %}\n",
		"README.md": "# Code\n\n## One line\n\n" +
			"```bash\ndocker run --rm -it -v \"$PWD:/work\" -e ACME_TOKEN=xxxxxxxxxxxxxxxx ghcr.io/example/acme:2.0 serve --port 8080\n```\n\n" +
			"{% code overflow=\"wrap\" %}\n```text\nA long wrapped line without a title or line numbers: lorem ipsum dolor sit amet consectetur adipiscing elit.\n```\n{% endcode %}\n\n" +
			"## Numbered\n\n" +
			"{% code title=\"acme.yaml\" lineNumbers=\"true\" overflow=\"wrap\" %}\n```yaml\n" +
			"# a deliberately long line follows to test the wrap overflow setting of this block, which should wrap\nserver:\n  port: 8080\n```\n{% endcode %}\n\n" +
			"{% code lineNumbers=\"true\" overflow=\"wrap\" %}\n```text\ntoken=" + strings.Repeat("a", 150) + "\n```\n{% endcode %}\n\n" +
			"{% code expandable=\"true\" %}\n```python\n" + strings.Repeat("value = 1\n", 40) + "```\n{% endcode %}\n\n" +
			"<pre>a bare pre, raw HTML, with a line long enough to run under a button placed over it</pre>\n",
		"nested.md": "# Nested\n\n<details open>\n\n<summary>Outer</summary>\n\nOuter body.\n\n" +
			"<details>\n\n<summary>Inner</summary>\n\nInner body.\n\n</details>\n\n</details>\n",
		"deep.md": "# Deep\n\n" + deep.String(),
	}))
}

// underCopyJS lists the text of the code blocks that lies under a copy
// button: a line box of a text node of the block that meets the button's
// box.
const underCopyJS = `(() => {
  const out = [], meet = (a, b) => a.left < b.right - .5 && b.left < a.right - .5 && a.top < b.bottom - .5 && b.top < a.bottom - .5;
  for (const btn of document.querySelectorAll(".content .copy-button")) {
    const b = btn.getBoundingClientRect(), host = btn.parentElement;
    const walk = document.createTreeWalker(host, NodeFilter.SHOW_TEXT);
    for (let n; (n = walk.nextNode());) {
      if (btn.contains(n) || !n.textContent.trim()) continue;
      const r = document.createRange();
      r.selectNodeContents(n);
      for (const box of r.getClientRects()) if (meet(box, b)) out.push(n.textContent.trim().slice(0, 40));
    }
  }
  return out;
})()`

// TestCodeReadable: no character of a code block lies under its copy
// button, on a phone and on a desktop, whatever the block (one line that
// scrolls, wrapped, titled and numbered, expandable and scrolled, a bare
// <pre>) and whatever the button says; the continuation of a wrapped
// numbered line stays right of the numbers.
func TestCodeReadable(t *testing.T) {
	s := layoutSite(t)
	for _, w := range []int64{360, 1280} {
		ctx := newTab(t, w, 900)
		open(t, ctx, s.URL+"/")
		if n := eval[int](t, ctx, `document.querySelectorAll(".content .copy-button").length`); n != 6 {
			t.Fatalf("at %d px: %d copy buttons, want 6", w, n)
		}
		// The keyboard reaches each button before its code (t79).
		if !eval[bool](t, ctx, `[...document.querySelectorAll(".content .copy-button")].every(b => b.compareDocumentPosition(b.parentElement.querySelector(":scope > pre")) & Node.DOCUMENT_POSITION_FOLLOWING)`) {
			t.Errorf("at %d px: a copy button comes after its code", w)
		}
		// A titled block's button names its block (t52).
		if got := eval[string](t, ctx, `[...document.querySelectorAll(".content .copy-button")].map(b => b.getAttribute("aria-label")).filter(l => l !== "Copy code").join("|")`); got != "Copy code (acme.yaml)" {
			t.Errorf("at %d px: copy buttons named %q besides Copy code, want the titled block's, Copy code (acme.yaml)", w, got)
		}
		if under := eval[[]string](t, ctx, underCopyJS); len(under) > 0 {
			t.Errorf("at %d px, code under a copy button: %q", w, under)
		}
		eval[bool](t, ctx, `document.querySelector(".code-expandable pre").scrollTop = 200, true`)
		if under := eval[[]string](t, ctx, underCopyJS); len(under) > 0 {
			t.Errorf("at %d px, the expandable block scrolled, code under its copy button: %q", w, under)
		}
		// The longest words a button shows: a refused clipboard.
		eval[bool](t, ctx, `document.querySelectorAll(".copy-button > span:first-child").forEach(s => s.textContent = "Нажмите Ctrl+C, чтобы скопировать"), true`)
		if under := eval[[]string](t, ctx, underCopyJS); len(under) > 0 {
			t.Errorf("at %d px, with a long label, text under a copy button: %q", w, under)
		}
		// Each line box of the wrapped numbered line starts right of the
		// numbers' column.
		starts := eval[[]float64](t, ctx, `(() => {
		  const line = document.querySelector(".code-line-numbers .line"), r = document.createRange();
		  r.selectNodeContents(line.querySelector("span") || line);
		  const code = line.closest("code").getBoundingClientRect().left;
		  const lines = new Map();
		  for (const b of r.getClientRects()) {
		    if (b.width < 1) continue;
		    const y = Math.round(b.top);
		    lines.set(y, Math.min(lines.has(y) ? lines.get(y) : Infinity, b.left - code));
		  }
		  return [...lines.entries()].sort((a, b) => a[0] - b[0]).map(e => e[1]);
		})()`)
		if len(starts) < 2 {
			t.Errorf("at %d px, the long numbered line does not wrap: %v", w, starts)
		}
		for i, x := range starts {
			if x < 20 || x > starts[0]+1 || x < starts[0]-1 {
				t.Errorf("at %d px, line box %d of the wrapped numbered line starts %.1f px into the code, the first at %.1f", w, i, x, starts[0])
			}
		}
		// A wrapped block wraps a word longer than its width too, beside
		// its number (t90: it scrolled, the number alone on its row).
		if n := eval[int](t, ctx, `[...document.querySelectorAll(".code-wrap pre")].filter(p => p.scrollWidth > p.clientWidth + 1).length`); n > 0 {
			t.Errorf("at %d px, %d wrapped code blocks scroll sideways", w, n)
		}
		if gap := eval[float64](t, ctx, `(() => {
		  const line = [...document.querySelectorAll(".code-wrap .line")].find(l => l.textContent.startsWith("token=")), r = document.createRange();
		  r.selectNodeContents(line);
		  const first = [...r.getClientRects()].find(b => b.width >= 1);
		  return first.top - line.getBoundingClientRect().top;
		})()`); gap > 2 {
			t.Errorf("at %d px, a long word starts %.0f px below its line number", w, gap)
		}
		if sw := eval[int](t, ctx, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); sw > 0 {
			t.Errorf("at %d px, the page scrolls sideways by %d px", w, sw)
		}
	}
}

// TestPromptMore: a prompt shown in part offers "Show more" only when its
// text does not fit in the part (t90: a one-line prompt had one, which
// opened nothing).
func TestPromptMore(t *testing.T) {
	s := layoutSite(t)
	ctx := newTab(t, 1280, 900)
	open(t, ctx, s.URL+"/prompts/")
	got := eval[[]bool](t, ctx, `[...document.querySelectorAll(".prompt-more")].map(d => d.checkVisibility())`)
	if want := []bool{false, true}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Show more shown for the short and the long prompt: %v, want %v", got, want)
	}
	// On paper the whole prompt shows, without the toggle (t92).
	do(t, ctx, "emulate print", emulateMedia(emulation.SetEmulatedMediaParams{Media: "print"}))
	if n := eval[int](t, ctx, `[...document.querySelectorAll(".prompt-more")].filter(d => d.checkVisibility()).length`); n != 0 {
		t.Errorf("in print, %d prompts show Show more", n)
	}
}

// TestCodeMore: an expandable code block longer than its box shows
// "Show more", which shows the rest of the code; a short one shows no
// toggle, and paper shows the whole code (t98: a box that scrolled, with
// nothing to say there was more).
func TestCodeMore(t *testing.T) {
	s := layoutSite(t)
	ctx := newTab(t, 1280, 900)
	open(t, ctx, s.URL+"/prompts/")
	got := eval[[]bool](t, ctx, `[...document.querySelectorAll(".code-more")].map(d => d.checkVisibility())`)
	if want := []bool{false, true}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Show more shown for the short and the long code: %v, want %v", got, want)
	}
	const long = `document.querySelectorAll(".code-expandable > pre")[1]`
	closed := eval[[]float64](t, ctx, `[`+long+`.clientHeight, `+long+`.scrollHeight]`)
	if closed[0] >= closed[1] {
		t.Fatalf("the long code shows whole before Show more: %v", closed)
	}
	eval[bool](t, ctx, `document.querySelectorAll(".code-more")[1].querySelector("summary").click(), true`)
	if open := eval[[]float64](t, ctx, `[`+long+`.clientHeight, `+long+`.scrollHeight]`); open[0] < open[1] {
		t.Errorf("after Show more, the code shows %v of its %v px", open[0], open[1])
	}
	open(t, ctx, s.URL+"/prompts/")
	do(t, ctx, "emulate print", emulateMedia(emulation.SetEmulatedMediaParams{Media: "print"}))
	paper := eval[[]float64](t, ctx, `[`+long+`.clientHeight, `+long+`.scrollHeight, [...document.querySelectorAll(".code-more")].filter(d => d.checkVisibility()).length]`)
	if paper[0] < paper[1] || paper[2] != 0 {
		t.Errorf("in print, the code shows %v of its %v px, with %v toggles", paper[0], paper[1], paper[2])
	}
}

// TestNestingInset: a nested expandable block is inset from the borders
// of the one around it; the text of a list nested forty deep keeps a
// readable width on a phone, inside the column.
func TestNestingInset(t *testing.T) {
	s := layoutSite(t)
	ctx := newTab(t, 360, 800)
	open(t, ctx, s.URL+"/nested/")
	gaps := eval[[]float64](t, ctx, `(() => {
	  const outer = document.querySelector(".content details").getBoundingClientRect();
	  const inner = document.querySelector(".content details details").getBoundingClientRect();
	  return [inner.left - outer.left, outer.right - inner.right];
	})()`)
	for _, g := range gaps {
		if g < 8 {
			t.Errorf("the nested block is %.1f px from the outer block's side, want an inset (sides %v)", g, gaps)
		}
	}
	open(t, ctx, s.URL+"/deep/")
	got := eval[[]float64](t, ctx, `(() => {
	  const items = [...document.querySelectorAll(".content li")], last = items[items.length - 1];
	  const text = document.createRange();
	  text.selectNodeContents(last.firstChild);
	  const r = text.getBoundingClientRect(), col = document.querySelector(".content").getBoundingClientRect();
	  return [r.width, r.height, col.right - r.right, items.length];
	})()`)
	if got[3] != 40 {
		t.Fatalf("%v items, want 40", got[3])
	}
	if got[1] > 40 || got[2] < 0 {
		t.Errorf("the deepest item's text is %.0f×%.0f px, %.0f px from the column's end: it wraps or overflows", got[0], got[1], got[2])
	}
}

// TestColumnStill: the text column starts at the same place on a page with
// an outline and on one without.
func TestColumnStill(t *testing.T) {
	s := layoutSite(t)
	for _, w := range []int64{1280, 1440, 1700} {
		ctx := newTab(t, w, 800)
		var lefts []float64
		for _, p := range []string{"/", "/nested/"} {
			open(t, ctx, s.URL+p)
			// A scroll bar on both, long page or short.
			lefts = append(lefts, eval[float64](t, ctx, `document.documentElement.style.overflowY = "scroll", document.querySelector(".page").getBoundingClientRect().left`))
		}
		if outline := eval[bool](t, ctx, `!!document.querySelector(".outline")`); outline {
			t.Fatal("/nested/ has an outline; the test needs a page without one")
		}
		if lefts[0] != lefts[1] {
			t.Errorf("at %d px, the page starts at %.1f px with an outline and at %.1f px without one", w, lefts[0], lefts[1])
		}
	}
}

// TestRightToLeftHeader: on a right-to-left page, the search field's key
// sits at its end (the left), clear of the placeholder; a Latin site title
// too long for a phone's header loses its end, not its start.
func TestRightToLeftHeader(t *testing.T) {
	s := serve(t, testkit.Site(t, map[string]string{
		"site.yaml":  "title: The Widget Book of Many Useful Things\nlanguage: ar\n",
		"SUMMARY.md": "# Summary\n\n* [مقدمة](README.md)\n",
		"README.md":  "# مقدمة\n\nمرحبا! هذا كتاب تجريبي.\n",
	}))
	ctx := newTab(t, 1280, 600)
	open(t, ctx, s.URL+"/")
	key := eval[[]float64](t, ctx, `(() => {
	  const input = document.getElementById("folio-search-input"), k = document.querySelector(".search-key");
	  const f = input.getBoundingClientRect(), b = k.getBoundingClientRect(), cs = getComputedStyle(input);
	  const text = f.right - parseFloat(cs.paddingRight) - parseFloat(cs.borderRightWidth);
	  const c = document.createElement("canvas").getContext("2d");
	  c.font = cs.font;
	  return [b.left - f.left, f.right - b.right, text - c.measureText(input.placeholder).width, b.right];
	})()`)
	if key[0] > key[1] {
		t.Errorf("the search key is %.0f px from the field's left and %.0f px from its right: want it on the left, the end of a right-to-left field", key[0], key[1])
	}
	if key[3] > key[2] {
		t.Errorf("the search key (ending at %.0f px) reaches the placeholder (starting at %.0f px)", key[3], key[2])
	}

	ctx = newTab(t, 360, 600)
	open(t, ctx, s.URL+"/")
	cut := eval[[]float64](t, ctx, `(() => {
	  const name = document.querySelector(".site-name"), r = name.getBoundingClientRect();
	  const text = document.createRange();
	  text.selectNodeContents(name);
	  const t = text.getBoundingClientRect();
	  return [name.scrollWidth - name.clientWidth, t.left - r.left];
	})()`)
	if cut[0] <= 0 {
		t.Skipf("the title fits at 360 px; nothing to cut")
	}
	if cut[1] < -0.5 {
		t.Errorf("the site title starts %.0f px left of its box: its start is cut, want its end", -cut[1])
	}
}

// TestColumnWidths: a column given a width (width="60%") takes that share
// of the row, and the columns without one share the rest, as in GitBook.
func TestColumnWidths(t *testing.T) {
	s := serve(t, testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Columns](README.md)\n",
		"README.md": "# Columns\n\n{% columns %}\n{% column width=\"60%\" %}\nWide.\n{% endcolumn %}\n{% column %}\nNarrow.\n{% endcolumn %}\n{% endcolumns %}\n\n" +
			"{% columns %}\n{% column width=\"25%\" %}\nA.\n{% endcolumn %}\n{% column %}\nB.\n{% endcolumn %}\n{% column %}\nC.\n{% endcolumn %}\n{% endcolumns %}\n",
	}))
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/")
	// Each row's columns, as shares of the row's width: the gaps come out
	// of the columns without a width.
	got := eval[[][]float64](t, ctx, `[...document.querySelectorAll(".columns")].map(row =>
	  [...row.children].map(c => Math.round(100 * c.getBoundingClientRect().width / row.getBoundingClientRect().width)))`)
	if len(got) != 2 || len(got[0]) != 2 || len(got[1]) != 3 {
		t.Fatalf("columns %v", got)
	}
	if got[0][0] != 60 || got[0][1] < 36 || got[0][1] > 39 {
		t.Errorf("60%% and unset: shares %v, want 60 and the rest less the gap", got[0])
	}
	if got[1][0] != 25 || got[1][1] != got[1][2] || got[1][1] < 34 || got[1][1] > 37 {
		t.Errorf("25%% and two unset: shares %v, want 25 and two equal shares of the rest", got[1])
	}
}

// TestTableFlagsWhole: a flag in a table's first column stays on one line
// beside a long cell (t101: --strict showed as "--" over "strict").
func TestTableFlagsWhole(t *testing.T) {
	long := strings.Repeat("A long explanation of what the flag does, with its default and its caveats. ", 12)
	s := serve(t, testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Flags](README.md)\n",
		"README.md":  "# Flags\n\n| Flag | Default | Meaning |\n| --- | --- | --- |\n| `--strict` | off | " + long + "|\n| `--base-url URL` | none | " + long + "|\n| `--external-cache FILE` | a file | " + long + "|\n",
	}))
	for _, w := range []int64{1280, 800} {
		ctx := newTab(t, w, 900)
		open(t, ctx, s.URL+"/")
		if broken := eval[[]string](t, ctx, `[...document.querySelectorAll(".content td:first-child code")].filter(c => c.getClientRects().length > 1).map(c => c.textContent)`); len(broken) > 0 {
			t.Errorf("at %d px, flags broken over lines: %q", w, broken)
		}
	}
}
