package markdown

import (
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
	"testing"
)

func TestTeXToMathML(t *testing.T) {
	tests := []struct {
		tex, want string
		tag       string
		unknown   []string
		notes     int
		bad       bool
	}{
		{tex: "x", want: "<mi>x</mi>"},
		{tex: "f(x)", want: `<mi>f</mi><mo stretchy="false">(</mo><mi>x</mi><mo stretchy="false">)</mo>`},
		{tex: `a \\ b`, want: "<mtable><mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr></mtable>"},
		{tex: `\begin{aligned} x &= 1 \\ y &= 2 \\ \end{aligned}`, want: `<mtable columnalign="right left right left right left" displaystyle="true"><mtr><mtd><mi>x</mi></mtd><mtd><mo>=</mo><mn>1</mn></mtd></mtr><mtr><mtd><mi>y</mi></mtd><mtd><mo>=</mo><mn>2</mn></mtd></mtr></mtable>`},
		{tex: `\begin{cases} 1 & x > 0 \\[2pt] 0 & \text{else} \end{cases}`, want: `<mrow><mo stretchy="true">{</mo><mtable columnalign="left left"><mtr><mtd><mn>1</mn></mtd><mtd><mi>x</mi><mo>&gt;</mo><mn>0</mn></mtd></mtr><mtr><mtd><mn>0</mn></mtd><mtd><mtext>else</mtext></mtd></mtr></mtable></mrow>`},
		{tex: `\begin{pmatrix} a & b \end{pmatrix}`, want: `<mrow><mo stretchy="true">(</mo><mtable><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr></mtable><mo stretchy="true">)</mo></mrow>`},
		{tex: `\begin{array}{cl} 1 & 2 \end{array}`, want: `<mtable><mtr><mtd><mn>1</mn></mtd><mtd><mn>2</mn></mtd></mtr></mtable>`},
		{tex: `\begin{foo} x \end{foo}`, want: `<mtable><mtr><mtd><mi>x</mi></mtd></mtr></mtable>`, unknown: []string{"begin{foo}"}},
		{tex: `\begin{aligned} x \end{cases}`, bad: true},
		{tex: `\begin{aligned} x`, bad: true},
		{tex: `\lVert x \rVert \color{red} y \textcolor{blue}{z}`, want: `<mo stretchy="false">‖</mo><mi>x</mi><mo stretchy="false">‖</mo><mrow class="mark-red"><mi>y</mi><mrow class="mark-blue"><mrow><mi>z</mi></mrow></mrow></mrow>`},
		// \color reaches the end of its group; colours go to the palette.
		{tex: `{a \color{#228B22} b} c`, want: `<mrow><mi>a</mi><mrow class="mark-green"><mi>b</mi></mrow></mrow><mi>c</mi>`},
		{tex: `\color[HTML]{FFA500} a \color{black} b`, want: `<mrow class="mark-orange"><mi>a</mi><mrow><mi>b</mi></mrow></mrow>`},
		{tex: `\textcolor{gray}{a} \textcolor[rgb]{0.5,0,0.5}{b}`, want: `<mrow class="math-muted"><mrow><mi>a</mi></mrow></mrow><mrow class="mark-purple"><mrow><mi>b</mi></mrow></mrow>`},
		{tex: `\colorbox{yellow}{a b} \fcolorbox{red}{lightblue}{c}`, want: `<mtext class="mark-bg-yellow">a b</mtext><mtext class="math-fbox mark-bg-blue">c</mtext>`},
		{tex: `\color{nocolour} x`, want: `<mrow><mi>x</mi></mrow>`, notes: 1},
		{tex: `\begin{cases} \color{red} a & b \end{cases}`, want: `<mrow><mo stretchy="true">{</mo><mtable columnalign="left left"><mtr><mtd><mrow class="mark-red"><mi>a</mi></mrow></mtd><mtd><mi>b</mi></mtd></mtr></mtable></mrow>`},
		{tex: `\sum_{\substack{0<i<m \\ 0<j<n}} x`, want: `<munder><mo>∑</mo><mrow><mtable class="math-substack"><mtr><mtd><mn>0</mn><mo>&lt;</mo><mi>i</mi><mo>&lt;</mo><mi>m</mi></mtd></mtr><mtr><mtd><mn>0</mn><mo>&lt;</mo><mi>j</mi><mo>&lt;</mo><mi>n</mi></mtd></mtr></mtable></mrow></munder><mi>x</mi>`},
		{tex: `\substack{a`, bad: true},
		{tex: `\left( a \middle| b \right)`, want: `<mrow><mo stretchy="true">(</mo><mi>a</mi><mo stretchy="true">|</mo><mi>b</mi><mo stretchy="true">)</mo></mrow>`},
		{tex: `a \middle| b`, bad: true},
		{tex: `E = mc^2 \tag{1.2}`, want: `<mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup>`, tag: "(1.2)"},
		{tex: `x \tag*{A}`, want: `<mi>x</mi>`, tag: "A"},
		{tex: `x \tag{1} \tag{2}`, bad: true},
		// \\ breaks the formula's lines beside a \substack, whose own it
		// leaves alone (review); \notag numbers nothing; equation is one row,
		// whose tag is the formula's; #rrggbbaa is a colour (t45).
		{tex: `\sum_{\substack{a \\ b}} x \\ y`, want: `<mtable><mtr><mtd><munder><mo>∑</mo><mrow><mtable class="math-substack"><mtr><mtd><mi>a</mi></mtd></mtr><mtr><mtd><mi>b</mi></mtd></mtr></mtable></mrow></munder><mi>x</mi></mtd></mtr><mtr><mtd><mi>y</mi></mtd></mtr></mtable>`},
		{tex: `x \notag`, want: `<mi>x</mi>`},
		{tex: `\begin{equation} x \tag{3} \end{equation}`, want: `<mtable><mtr><mtd><mi>x</mi></mtd></mtr></mtable>`, tag: "(3)"},
		{tex: `\color{#ff000080} x`, want: `<mrow class="mark-red"><mi>x</mi></mrow>`},
		// \} inside a \substack is no brace of its group: its \\ is its own.
		{tex: `\sum_{\substack{a \} b \\ c}} x`, want: `<munder><mo>∑</mo><mrow><mtable class="math-substack"><mtr><mtd><mi>a</mi><mo stretchy="false">}</mo><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi></mtd></mtr></mtable></mrow></munder><mi>x</mi>`},
		// Lines broken by \\ alone: the tag is the formula's (review).
		{tex: `a = b \\ c = d \tag{2}`, want: `<mtable><mtr><mtd><mi>a</mi><mo>=</mo><mi>b</mi></mtd></mtr><mtr><mtd><mi>c</mi><mo>=</mo><mi>d</mi></mtd></mtr></mtable>`, tag: "(2)"},
		// Each row of an environment may have its tag, which ends its row.
		{tex: `\begin{align} a&=b \tag{1} \\ c&=d \tag{2} \end{align}`, want: `<mtable columnalign="right left right left right left" displaystyle="true"><mtr><mtd><mi>a</mi></mtd><mtd><mo>=</mo><mi>b</mi><mspace width="2em"/><mtext>(1)</mtext></mtd></mtr><mtr><mtd><mi>c</mi></mtd><mtd><mo>=</mo><mi>d</mi><mspace width="2em"/><mtext>(2)</mtext></mtd></mtr></mtable>`},
		{tex: "12.5+x", want: "<mn>12.5</mn><mo>+</mo><mi>x</mi>"},
		{tex: "a-b", want: "<mi>a</mi><mo>−</mo><mi>b</mi>"},
		{tex: "x^2", want: "<msup><mi>x</mi><mn>2</mn></msup>"},
		{tex: "x^23", want: "<msup><mi>x</mi><mn>2</mn></msup><mn>3</mn>"},
		{tex: "x_i^2", want: "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>"},
		{tex: "x^2_i", want: "<msubsup><mi>x</mi><mi>i</mi><mn>2</mn></msubsup>"},
		{tex: "x_{ij}", want: "<msub><mi>x</mi><mrow><mi>i</mi><mi>j</mi></mrow></msub>"},
		{tex: "^2", want: "<msup><mrow></mrow><mn>2</mn></msup>"},
		{tex: `\frac{a}{b}`, want: "<mfrac><mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></mfrac>"},
		{tex: `\frac12`, want: "<mfrac><mn>1</mn><mn>2</mn></mfrac>"},
		{tex: `\sqrt{x}`, want: "<msqrt><mrow><mi>x</mi></mrow></msqrt>"},
		{tex: `\sqrt[n]{x}`, want: "<mroot><mrow><mi>x</mi></mrow><mrow><mi>n</mi></mrow></mroot>"},
		{tex: `\alpha\Omega`, want: `<mi>α</mi><mi mathvariant="normal">Ω</mi>`},
		{tex: `a \leq b \neq c`, want: "<mi>a</mi><mo>≤</mo><mi>b</mi><mo>≠</mo><mi>c</mi>"},
		{tex: `\sum_{i}^{n}`, want: "<munderover><mo>∑</mo><mrow><mi>i</mi></mrow><mrow><mi>n</mi></mrow></munderover>"},
		{tex: `\int_0^1`, want: "<msubsup><mo>∫</mo><mn>0</mn><mn>1</mn></msubsup>"},
		{tex: `\left( x \right)`, want: `<mrow><mo stretchy="true">(</mo><mi>x</mi><mo stretchy="true">)</mo></mrow>`},
		{tex: `\left\{ x \right.`, want: `<mrow><mo stretchy="true">{</mo><mi>x</mi></mrow>`},
		{tex: `\text{a < b}`, want: "<mtext>a\u00a0&lt;\u00a0b</mtext>"},
		{tex: `\mathrm{d}`, want: `<mrow><mi mathvariant="normal">d</mi></mrow>`},
		{tex: `\mathbf{v1}`, want: `<mrow><mi mathvariant="bold">𝐯</mi><mn mathvariant="bold">𝟏</mn></mrow>`},
		{tex: `\mathbb R`, want: `<mi mathvariant="double-struck">ℝ</mi>`},
		{tex: `a\,b\quad c`, want: `<mi>a</mi><mspace width="0.1667em"/><mi>b</mi><mspace width="1em"/><mi>c</mi>`},
		{tex: `\{x\}`, want: `<mo stretchy="false">{</mo><mi>x</mi><mo stretchy="false">}</mo>`},
		{tex: `\ldots\cdots`, want: "<mo>…</mo><mo>⋯</mo>"},
		{tex: `\foo x`, want: `<merror><mtext>\foo</mtext></merror><mi>x</mi>`, unknown: []string{"foo"}},
		// KaTeX's everyday commands (t33: error boxes where GitBook draws them).
		{tex: `a \not= b \not\in C \not\prec d`, want: "<mi>a</mi><mo>≠</mo><mi>b</mi><mo>∉</mo><mi>C</mi><mo>⊀</mo><mi>d</mi>"},
		{tex: `x \lt y \gt z`, want: "<mi>x</mi><mo>&lt;</mo><mi>y</mi><mo>&gt;</mo><mi>z</mi>"},
		{tex: `{n \choose k}`, want: `<mrow><mrow><mo>(</mo><mfrac linethickness="0"><mrow><mi>n</mi></mrow><mrow><mi>k</mi></mrow></mfrac><mo>)</mo></mrow></mrow>`},
		{tex: `a \over b`, want: `<mfrac><mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></mfrac>`},
		{tex: `\overset{?}{=}`, want: `<mover><mrow><mo>=</mo></mrow><mrow><mo>?</mo></mrow></mover>`},
		{tex: `\underset{n}{\lim}`, want: `<munder><mrow><mo>lim</mo></mrow><mrow><mi>n</mi></mrow></munder>`},
		{tex: `A \xrightarrow{f} B`, want: `<mi>A</mi><mover><mo stretchy="false">⟶</mo><mrow><mi>f</mi></mrow></mover><mi>B</mi>`},
		{tex: `a \equiv b \pmod{n}`, want: `<mi>a</mi><mo>≡</mo><mi>b</mi><mspace width="1em"/><mo stretchy="false">(</mo><mi mathvariant="normal">mod</mi><mspace width="0.3333em"/><mrow><mi>n</mi></mrow><mo stretchy="false">)</mo>`},
		{tex: `\boxed{x}`, want: `<mrow class="math-boxed"><mrow><mi>x</mi></mrow></mrow>`},
		{tex: `x \tag{1}`, want: `<mi>x</mi>`, tag: "(1)"},
		{tex: `\phantom{x}\hspace{1em}`, want: `<mphantom><mrow><mi>x</mi></mrow></mphantom><mspace width="1.0000em"/>`},
		{tex: `\therefore \dagger \checkmark \mathfrak{g}`, want: `<mo>∴</mo><mo>†</mo><mi>✓</mi><mrow><mi mathvariant="fraktur">𝔤</mi></mrow>`},
		{tex: `\not`, bad: true},
		{tex: `a\kern1em b\mkern18mu c`, want: `<mi>a</mi><mspace width="1.0000em"/><mi>b</mi><mspace width="1.0000em"/><mi>c</mi>`},
		{tex: `\smash[b]{y}`, want: `<mrow><mi>y</mi></mrow>`},
		{tex: `a \over b \over c`, bad: true},
		{tex: `\textbf{Total} \boldsymbol{\alpha}`, want: `<mtext class="math-textbf">Total</mtext><mrow><mi mathvariant="bold">𝛂</mi></mrow>`},
		{tex: `\operatorname*{argmax}_x`, want: `<munder><mi>argmax</mi><mi>x</mi></munder>`},
		{tex: `A \xRightarrow{f} B`, want: `<mi>A</mi><mover><mo stretchy="false">⟹</mo><mrow><mi>f</mi></mrow></mover><mi>B</mi>`},
		{tex: `a & "b"`, want: "<mi>a</mi><mo>&amp;</mo><mo>&#34;</mo><mi>b</mi><mo>&#34;</mo>"},
		{tex: "{x", bad: true},
		{tex: "x}", bad: true},
		{tex: `\frac{a}`, bad: true},
		{tex: `x^`, bad: true},
		{tex: `\left( x`, bad: true},
		{tex: `x \right)`, bad: true},
		{tex: `\sqrt[3{x}`, bad: true},
		{tex: `\text{x`, bad: true},
		{tex: strings.Repeat("{", 200) + strings.Repeat("}", 200), bad: true},
	}
	for _, tt := range tests {
		got, err := texToMathML(tt.tex)
		if (err != nil) != tt.bad {
			t.Errorf("texToMathML(%q) error = %v, want error %v", tt.tex, err, tt.bad)
			continue
		}
		if !tt.bad && (got.MathML != tt.want || got.Tag != tt.tag) {
			t.Errorf("texToMathML(%q)\n got %s tag %q\nwant %s tag %q", tt.tex, got.MathML, got.Tag, tt.want, tt.tag)
		}
		if !slices.Equal(got.Unknown, tt.unknown) {
			t.Errorf("texToMathML(%q) unknown = %q, want %q", tt.tex, got.Unknown, tt.unknown)
		}
		if len(got.Notes) != tt.notes {
			t.Errorf("texToMathML(%q) notes = %q, want %d", tt.tex, got.Notes, tt.notes)
		}
	}
}

// wellFormed checks that b is one XML element with balanced tags.
func wellFormed(b []byte) error {
	dec := xml.NewDecoder(strings.NewReader(string(b)))
	dec.Strict = true
	depth, roots := 0, 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			if depth == 0 {
				roots++
			}
			depth++
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 0 {
				return errors.New("text outside the element")
			}
		}
	}
	if depth != 0 || roots != 1 {
		return errors.New("not one balanced element")
	}
	return nil
}

func FuzzTeX(f *testing.F) {
	for _, s := range []string{`\frac{-b \pm \sqrt{b^2-4ac}}{2a}`, `\left( \sum_{i=1}^n x_i \right)^2`, `{x`, `x}`,
		`\sqrt[3]{\mathbf{v}}`, `\text{a{b}c} \foo`, `\left\{ \right.`, "x^\xff", `\mathbb{RZ}_\alpha'`, `<&>"'`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, tex string) {
		res, err := texToMathML(tex)
		if err != nil && res.MathML != "" {
			t.Fatalf("%q: MathML %q with error %v", tex, res.MathML, err)
		}
		for _, display := range []bool{false, true} {
			// Malformed TeX (MathML "") gives the <code> fallback: it must be
			// well-formed too.
			out := mathHTML(tex, res.MathML, res.Tag, display)
			if display && res.Tag != "" {
				out = append(append([]byte("<div>"), out...), "</div>"...)
			}
			if wellFormed(out) != nil {
				t.Fatalf("%q: %v\n%s", tex, wellFormed(out), out)
			}
		}
	})
}

func TestMathNotUnsupported(t *testing.T) {
	doc := New().Parse("page.md", []byte("$$x^2$$\n\nText $$\\frac{a}{b}$$ and $$\\nope$$ and $$x}$$.\n"))
	if doc.Constructs["math"] != 4 {
		t.Errorf("math constructs = %d, want 4", doc.Constructs["math"])
	}
	for _, d := range doc.Diags {
		if d.Rule != "math" {
			t.Errorf("diagnostic %v has rule %q, want math", d, d.Rule)
		}
	}
	if len(doc.Diags) != 2 {
		t.Errorf("got %d diagnostics, want 2 (unknown command, malformed): %v", len(doc.Diags), doc.Diags)
	}
}

// TestMathText: a formula as a line of text, for the outline, reads as
// the page draws it, not as its TeX.
func TestMathText(t *testing.T) {
	tests := []struct{ tex, want string }{
		{`E = mc^2`, "E = mc²"},
		{`\frac{a}{b} \alpha`, "a/b α"},
		{`\frac{a+b}{2}`, "(a + b)/2"},
		{`O(n \log n)`, "O(n log n)"},
		{`\sin x + \log_2 n`, "sin x + log₂ n"},
		{`\sum_{i=1}^{n} x_i`, "∑ᵢ₌₁ⁿxᵢ"},
		{`x^{-1} - 1`, "x⁻¹ − 1"},
		{`-x`, "−x"},
		{`a_{\max} + x_b`, "aₘₐₓ + x_b"},
		{`2^{x+1}`, "2^(x + 1)"},
		{`2\frac{1}{2}`, "2 1/2"},
		{`\sqrt{x^2+1}`, "√(x² + 1)"},
		{`\sqrt[3]{x}`, "³√x"},
		{`\vec{v}`, "v→"},
		{`f(x) \le 3, x \in \mathbb{R}`, "f(x) ≤ 3, x ∈ ℝ"},
		{`\text{if } x > 0`, "if x > 0"},
		{`a \quad b`, "a b"},
		{`\begin{pmatrix}a & b\\ c & d\end{pmatrix}`, "(a, b; c, d)"},
		{`\phantom{x} y`, "y"},
		{`\frac{1`, `\frac{1`}, // not translated: shown as its TeX
	}
	var d *Doc // no diagnostics
	for _, tc := range tests {
		if got := d.newMath(tc.tex, 0).line(); got != tc.want {
			t.Errorf("%s reads %q, want %q", tc.tex, got, tc.want)
		}
	}
}
