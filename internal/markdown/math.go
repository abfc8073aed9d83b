package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"folio/internal/diag"
)

// GitBook math: `$$…$$` is the only delimiter (a single `$` is a price),
// inline inside text, display when it is the whole paragraph. folio turns
// the TeX into MathML Core at build time, which browsers draw without any
// script; the TeX source rides along in an annotation for copy and paste.

// mathExtension registers the `$$` inline parser and the math renderers.
type mathExtension struct{}

func (mathExtension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(util.Prioritized(mathParser{}, 150)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(mathRenderer{}, 10)))
}

var (
	kindMath      = ast.NewNodeKind("Math")
	kindMathBlock = ast.NewNodeKind("MathBlock")
)

// mathNode is one `$$…$$`. The MathML is made at parse time, so that its
// diagnostics belong to Parse and Render stays pure.
type mathNode struct {
	ast.BaseInline
	TeX     string
	MathML  string // the presentation MathML; "" when the TeX is malformed
	Tag     string // the equation's \tag label
	Display bool
}

func (n *mathNode) Kind() ast.NodeKind { return kindMath }

func (n *mathNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"TeX": n.TeX}, nil)
}

// mathBlock replaces a paragraph that holds nothing but one mathNode.
type mathBlock struct{ ast.BaseBlock }

func (n *mathBlock) Kind() ast.NodeKind { return kindMathBlock }

func (n *mathBlock) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

type mathParser struct{}

func (mathParser) Trigger() []byte { return []byte{'$'} }

// Parse reads `$$…$$`, across the lines of the paragraph. Without a closing
// `$$` (or with nothing between), the dollars stay text. The closer is the
// first `$$` after the opener, so a failed search means there is no later
// opener either: the paragraph is scanned a bounded number of times.
func (mathParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) > 1 && line[1] == '`' {
		return codeMath(line, seg.Start, block, pc)
	}
	if len(line) < 2 || line[1] != '$' {
		return nil
	}
	start := seg.Start
	block.Advance(2)
	var tex []byte
	for {
		line, _ := block.PeekLine()
		if line == nil {
			return nil // the parser restores the position
		}
		if i := bytes.Index(line, []byte("$$")); i >= 0 {
			tex = append(tex, line[:i]...)
			block.Advance(i + 2)
			break
		}
		tex = append(tex, line...)
		block.AdvanceLine()
	}
	if _, ok := parent.(*east.TableCell); ok {
		// GFM reads \| in a cell as a pipe that does not end the cell,
		// inside any span (goldmark unescapes it in code spans only): TeX
		// would read it as \|, the norm ‖. A writer's \\| keeps TeX's \|.
		tex = bytes.ReplaceAll(tex, []byte(`\|`), []byte("|"))
	}
	src := strings.TrimSpace(string(tex))
	if src == "" {
		return nil
	}
	d, _ := pc.Get(docKey).(*Doc)
	return d.newMath(src, start)
}

// codeMath reads GitHub's inline math, a code span between dollars:
// $`\sqrt{2}`$, on one line. line starts at the first dollar.
func codeMath(line []byte, start int, block text.Reader, pc parser.Context) ast.Node {
	ticks := 1
	for 1+ticks < len(line) && line[1+ticks] == '`' {
		ticks++
	}
	body := line[1+ticks:]
	for i := 0; i < len(body); {
		j := bytes.IndexByte(body[i:], '`')
		if j < 0 {
			return nil
		}
		i += j
		k := i
		for k < len(body) && body[k] == '`' {
			k++
		}
		if k-i != ticks {
			i = k
			continue
		}
		if k == len(body) || body[k] != '$' {
			return nil
		}
		src := strings.TrimSpace(string(body[:i]))
		if src == "" {
			return nil
		}
		block.Advance(1 + ticks + k + 1)
		d, _ := pc.Get(docKey).(*Doc)
		return d.newMath(src, start)
	}
	return nil
}

// newMath is the formula of TeX src, written at pos, its MathML made and
// its problems reported on d (nil for none).
func (d *Doc) newMath(src string, start int) *mathNode {
	n := &mathNode{TeX: src}
	n.SetPos(start)
	res, err := texToMathML(src)
	n.MathML, n.Tag = res.MathML, res.Tag
	if d == nil {
		return n
	}
	d.Constructs["math"]++
	if err != nil {
		d.mathReport(start, diag.Warning, "malformed TeX ("+err.Error()+"): its source is shown")
	}
	for _, cmd := range res.Unknown {
		d.mathReport(start, diag.Warning, `TeX command \`+cmd+` is not known to folio: it is shown in an error box`)
	}
	for _, note := range res.Notes {
		d.mathReport(start, diag.Warning, note)
	}
	return n
}

func (d *Doc) mathReport(pos int, sev diag.Severity, msg string) {
	d.report(pos, sev, "math", msg)
}

// mathFence makes a ```math fence, GitHub's display math, a display
// block.
func (t *transform) mathFence(n *ast.FencedCodeBlock) {
	var tex bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		tex.Write(seg.Value(t.src))
	}
	src := strings.TrimSpace(tex.String())
	if src == "" {
		return
	}
	m := t.d.newMath(src, n.Info.Segment.Start)
	m.Display = true
	t.after = append(t.after, func() {
		b := &mathBlock{}
		n.Parent().ReplaceChild(n.Parent(), n, b)
		b.AppendChild(b, m)
	})
}

// math makes a paragraph that holds only one `$$…$$` a display block. The
// text of a tight list item keeps it inline: a block there would leave the
// bullet alone on its line.
func (t *transform) math(p ast.Node) {
	if _, ok := p.(*ast.Paragraph); !ok {
		return
	}
	m, ok := p.FirstChild().(*mathNode)
	if !ok || m.NextSibling() != nil {
		return
	}
	t.after = append(t.after, func() {
		m.Display = true
		b := &mathBlock{}
		p.Parent().ReplaceChild(p.Parent(), p, b)
		b.AppendChild(b, m)
	})
}

type mathRenderer struct{}

func (mathRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMath, renderMath)
	reg.Register(kindMathBlock, renderMathBlock)
}

func renderMathBlock(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="math">`)
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func renderMath(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*mathNode)
	if !n.Display {
		_, _ = w.WriteString(`<span class="math">`)
	}
	_, _ = w.Write(mathHTML(n.TeX, n.MathML, n.Tag, n.Display))
	if !n.Display {
		_, _ = w.WriteString(`</span>`)
	}
	return ast.WalkSkipChildren, nil
}

// mathHTML is the <math> element for tex, or its source in a <code> when
// it could not be translated (mathml == ""). A display formula's tag
// follows it, for the style sheet to set at the right edge; an inline
// one's ends the formula.
func mathHTML(tex, mathml, tag string, display bool) []byte {
	var b []byte
	if mathml == "" {
		b = append(b, "<code>"...)
		b = appendEsc(b, tex)
		return append(b, "</code>"...)
	}
	if display {
		b = append(b, `<math display="block">`...)
	} else {
		b = append(b, `<math>`...)
	}
	b = append(b, "<semantics><mrow>"...)
	b = append(b, mathml...)
	if tag != "" && !display {
		b = append(b, `<mspace width="1em"/><mtext>`...)
		b = appendEsc(b, tag)
		b = append(b, "</mtext>"...)
	}
	b = append(b, `</mrow><annotation encoding="application/x-tex">`...)
	b = appendEsc(b, tex)
	b = append(b, "</annotation></semantics></math>"...)
	if tag != "" && display {
		b = append(b, `<span class="math-tag">`...)
		b = appendEsc(b, tag)
		b = append(b, "</span>"...)
	}
	return b
}

// appendEsc escapes s for HTML and XML text and attributes. Bytes that are
// not UTF-8 and characters XML forbids become U+FFFD.
func appendEsc(b []byte, s string) []byte {
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		i += w
		switch {
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '"':
			b = append(b, "&#34;"...)
		case r == '\'':
			b = append(b, "&#39;"...)
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return b
}

// ---- TeX → MathML Core ----

// maxTeXDepth bounds the nesting of groups and commands, so that the
// recursive translator keeps a small stack on any input.
const maxTeXDepth = 100

type texError string

func (e texError) Error() string { return string(e) }

// texMath is a formula translated to MathML.
type texMath struct {
	MathML  string   // presentation markup, without the <math> element
	Tag     string   // \tag's label, which a display formula shows at its right edge
	Unknown []string // the names of unknown commands, shown as <merror>
	Notes   []string // other things drawn otherwise than written (a colour folio cannot read)
}

// texToMathML translates the common subset of TeX math to MathML Core
// presentation markup, or returns an error for malformed input (unbalanced
// braces, \left without \right, a missing argument).
func texToMathML(tex string) (texMath, error) {
	wrapped := !strings.Contains(tex, `\begin`) && strings.Contains(withoutSubstacks(tex), `\\`)
	if wrapped {
		// Lines broken by \\ outside an environment: KaTeX stacks them,
		// centred, as gathered does.
		tex = `\begin{gathered}` + tex + `\end{gathered}`
	}
	p := &texParser{s: tex, wrapped: wrapped}
	err := p.expr(0)
	m := texMath{Tag: p.tag, Unknown: p.unknown, Notes: p.notes}
	if err != nil {
		return m, err
	}
	m.MathML = string(p.out)
	return m, nil
}

// withoutSubstacks is tex without its \substack{…} groups, whose \\
// break their own lines, not the formula's (review).
func withoutSubstacks(tex string) string {
	for {
		i := strings.Index(tex, `\substack`)
		if i < 0 {
			return tex
		}
		j, depth := i+len(`\substack`), 0
		for ; j < len(tex); j++ {
			if tex[j] == '\\' {
				j++ // \{ and \} are no braces of the group
				continue
			}
			if tex[j] == '{' {
				depth++
			} else if tex[j] == '}' {
				if depth--; depth <= 0 {
					break
				}
			}
		}
		tex = tex[:i] + tex[min(j+1, len(tex)):]
	}
}

type texParser struct {
	s       string
	i       int
	out     []byte
	unknown []string
	notes   []string
	tag     string
	depth   int
	variant string // mathvariant set by \mathbf and friends
	stop    byte   // the stop of the innermost expr, where \color's reach ends
	rows    int    // environments of rows being read, within one another
	wrapped bool   // the formula is wrapped in gathered for its \\: its tag is the formula's
}

func (p *texParser) w(s string)   { p.out = append(p.out, s...) }
func (p *texParser) esc(s string) { p.out = appendEsc(p.out, s) }

func (p *texParser) skipSpace() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

// expr translates items until stop: 0 (end of input), '}' (end of a group),
// ']' (end of a root index), 'r' (\right) or 'e' (the end of a cell of an
// environment: &, \\ or \end). It does not consume the stop.
func (p *texParser) expr(stop byte) error {
	outer := p.stop
	p.stop = stop
	defer func() { p.stop = outer }()
	// An infix fraction ({n \choose k}, {a \over b}) takes what the group
	// wrote before it as its numerator, and the rest as its denominator.
	start, infix := len(p.out), ""
	var num []byte
	end := func() error {
		if infix == "" {
			return nil
		}
		den := bytes.Clone(p.out[start:])
		p.out = p.out[:start]
		frac := `<mfrac>`
		if infix != "over" {
			frac = `<mfrac linethickness="0">`
		}
		if infix == "choose" {
			p.w(`<mrow><mo>(</mo>`)
		}
		p.w(frac + "<mrow>")
		p.out = append(p.out, num...)
		p.w("</mrow><mrow>")
		p.out = append(p.out, den...)
		p.w("</mrow></mfrac>")
		if infix == "choose" {
			p.w(`<mo>)</mo></mrow>`)
		}
		return nil
	}
	for {
		p.skipSpace()
		if p.i >= len(p.s) {
			switch stop {
			case '}':
				return texError("missing }")
			case ']':
				return texError("missing ]")
			case 'r':
				return texError(`\left without \right`)
			case 'e':
				return texError(`\begin without \end`)
			case 's':
				return texError("missing }")
			}
			return end()
		}
		if stop == 'e' && (p.s[p.i] == '&' || p.s[p.i] == '\\' && (p.cmdName() == `\` || p.cmdName() == "end")) {
			return end()
		}
		if stop == 's' && (p.s[p.i] == '}' || p.s[p.i] == '\\' && p.cmdName() == `\`) {
			return end()
		}
		switch c := p.s[p.i]; {
		case c == '}':
			if stop == '}' {
				return end()
			}
			return texError("unmatched }")
		case c == ']' && stop == ']':
			return end()
		case c == '\\' && p.cmdName() == "right":
			if stop == 'r' {
				return end()
			}
			return texError(`\right without \left`)
		case c == '\\':
			if name := p.cmdName(); name == "over" || name == "choose" || name == "atop" {
				if infix != "" {
					return texError(`two \` + infix + `-like fractions in one group: put one in braces`)
				}
				p.i += 1 + len(name)
				infix, num = name, bytes.Clone(p.out[start:])
				p.out = p.out[:start]
				continue
			}
		}
		if err := p.item(); err != nil {
			return err
		}
	}
}

// cmdName returns the name of the command at p.i without consuming it.
func (p *texParser) cmdName() string {
	j := p.i + 1
	for j < len(p.s) && isASCIILetter(p.s[j]) {
		j++
	}
	if j == p.i+1 && j < len(p.s) {
		_, w := utf8.DecodeRuneInString(p.s[j:])
		j += w
	}
	return p.s[p.i+1 : j]
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// item translates one atom and the sub- and superscripts after it.
func (p *texParser) item() error {
	start := len(p.out)
	big, err := p.atom(false)
	if err != nil {
		return err
	}
	var sub, sup []byte
	for {
		p.skipSpace()
		if p.i >= len(p.s) || (p.s[p.i] != '_' || sub != nil) && (p.s[p.i] != '^' || sup != nil) {
			break
		}
		c := p.s[p.i]
		p.i++
		at := len(p.out)
		if err := p.arg(); err != nil {
			return err
		}
		script := bytes.Clone(p.out[at:])
		p.out = p.out[:at]
		if c == '_' {
			sub = script
		} else {
			sup = script
		}
	}
	if sub == nil && sup == nil {
		return nil
	}
	base := bytes.Clone(p.out[start:])
	p.out = p.out[:start]
	tag := map[bool][3]string{false: {"msub", "msup", "msubsup"}, true: {"munder", "mover", "munderover"}}[big]
	t := tag[2]
	if sup == nil {
		t = tag[0]
	} else if sub == nil {
		t = tag[1]
	}
	p.w("<" + t + ">")
	p.out = append(p.out, base...)
	p.out = append(p.out, sub...)
	p.out = append(p.out, sup...)
	p.w("</" + t + ">")
	return nil
}

// arg translates the argument of a command or script: a group or a single
// token (one digit of a number, as TeX reads x^23).
func (p *texParser) arg() error {
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] == '}' {
		return texError("missing argument")
	}
	if p.s[p.i] == '^' || p.s[p.i] == '_' {
		return texError("missing argument before " + p.s[p.i:p.i+1])
	}
	_, err := p.atom(true)
	return err
}

// atom translates one token or group. big reports an operator whose limits
// go under and over it (\sum, \lim…).
func (p *texParser) atom(single bool) (big bool, err error) {
	p.depth++
	defer func() { p.depth-- }()
	if p.depth > maxTeXDepth {
		return false, texError("nested too deeply")
	}
	c := p.s[p.i]
	switch {
	case c == '{':
		p.i++
		p.w("<mrow>")
		if err := p.expr('}'); err != nil {
			return false, err
		}
		p.i++
		p.w("</mrow>")
	case c == '\\':
		return p.command()
	case c == '^' || c == '_':
		p.w("<mrow></mrow>") // a script with no base; item consumes it
	case c >= '0' && c <= '9' || c == '.' && p.i+1 < len(p.s) && p.s[p.i+1] >= '0' && p.s[p.i+1] <= '9':
		j := p.i + 1
		if !single {
			dot := c == '.'
			for j < len(p.s) && (p.s[j] >= '0' && p.s[j] <= '9' || !dot && p.s[j] == '.' && j+1 < len(p.s) && p.s[j+1] >= '0' && p.s[j+1] <= '9') {
				dot = dot || p.s[j] == '.'
				j++
			}
		}
		p.token("mn", p.s[p.i:j])
		p.i = j
	case c == '~':
		p.i++
		p.w(`<mspace width="0.333em"/>`)
	default:
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		p.i += n
		switch {
		case unicode.IsLetter(r):
			p.token("mi", string(r))
		case unicode.IsDigit(r):
			p.token("mn", string(r))
		default:
			p.mo(string(opChar(r)))
		}
	}
	return false, nil
}

// opChar maps ASCII operators to the characters typesetting uses.
func opChar(r rune) rune {
	switch r {
	case '-':
		return '−'
	case '*':
		return '∗'
	case '\'':
		return '′'
	}
	return r
}

// token writes an identifier or number in the current variant.
func (p *texParser) token(tag, s string) {
	switch p.variant {
	case "":
		p.w("<" + tag + ">")
	case "normal":
		if tag == "mi" {
			p.w(`<mi mathvariant="normal">`)
		} else {
			p.w("<" + tag + ">")
		}
	default:
		// MathML Core draws only mathvariant="normal": other styles are
		// written with Unicode's mathematical letters, and the attribute is
		// kept for older MathML renderers.
		p.w("<" + tag + ` mathvariant="` + p.variant + `">`)
		s = styled(p.variant, s)
	}
	p.esc(s)
	p.w("</" + tag + ">")
}

func (p *texParser) mo(s string) {
	if s != "" && strings.Contains("()[]|{}‖⟨⟩⌊⌋⌈⌉", s) {
		// A bracket typed as it is keeps its size, as in TeX: only
		// \left and \right stretch (MathML would stretch it to the row).
		p.w(`<mo stretchy="false">`)
	} else {
		p.w("<mo>")
	}
	p.esc(s)
	p.w("</mo>")
}

// styled maps ASCII letters and digits to Unicode's bold, double-struck or
// script mathematical alphanumerics.
func styled(variant, s string) string {
	var b strings.Builder
	for _, r := range s {
		if x, ok := letterlike[variant][r]; ok {
			b.WriteRune(x)
			continue
		}
		var upper, lower, digit rune
		switch variant {
		case "bold":
			upper, lower, digit = 0x1D400, 0x1D41A, 0x1D7CE
			// Greek too (\boldsymbol\alpha): Unicode's bold Greek is in
			// the order of the Greek block.
			switch {
			case r >= 'Α' && r <= 'Ω':
				r = 0x1D6A8 + r - 'Α'
			case r >= 'α' && r <= 'ω':
				r = 0x1D6C2 + r - 'α'
			}
		case "double-struck":
			upper, lower, digit = 0x1D538, 0x1D552, 0x1D7D8
		case "script":
			upper, lower = 0x1D49C, 0x1D4B6
		case "fraktur":
			upper, lower = 0x1D504, 0x1D51E
		}
		switch {
		case r >= 'A' && r <= 'Z' && upper != 0:
			r = upper + r - 'A'
		case r >= 'a' && r <= 'z' && lower != 0:
			r = lower + r - 'a'
		case r >= '0' && r <= '9' && digit != 0:
			r = digit + r - '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// letterlike holds the letters Unicode encodes outside the mathematical
// alphanumerics block (the holes in that block).
var letterlike = map[string]map[rune]rune{
	"double-struck": {'C': 'ℂ', 'H': 'ℍ', 'N': 'ℕ', 'P': 'ℙ', 'Q': 'ℚ', 'R': 'ℝ', 'Z': 'ℤ'},
	"script": {'B': 'ℬ', 'E': 'ℰ', 'F': 'ℱ', 'H': 'ℋ', 'I': 'ℐ', 'L': 'ℒ', 'M': 'ℳ', 'R': 'ℛ',
		'e': 'ℯ', 'g': 'ℊ', 'o': 'ℴ'},
	"fraktur": {'C': 'ℭ', 'H': 'ℌ', 'I': 'ℑ', 'R': 'ℜ', 'Z': 'ℨ'},
}

// command translates \name at p.i.
func (p *texParser) command() (big bool, err error) {
	name := p.cmdName()
	p.i += 1 + len(name)
	if name == "" {
		p.mo(`\`)
		return false, nil
	}
	if s, ok := texSymbols[name]; ok {
		if s.tag == "mo" && s.text != "" && strings.Contains("{}‖⟨⟩⌊⌋⌈⌉", s.text) {
			p.mo(s.text) // \{ and friends keep their size, as ( does
			return false, nil
		}
		if s.tag == "mi" && p.variant != "" && p.variant != "normal" {
			p.token("mi", s.text) // \boldsymbol\alpha: its letter in that style
			return false, nil
		}
		switch s.tag {
		case "mi":
			p.w("<mi>")
		case "miN":
			p.w(`<mi mathvariant="normal">`)
		case "mo", "big", "int":
			p.w("<mo>")
		}
		p.esc(s.text)
		if strings.HasPrefix(s.tag, "mi") {
			p.w("</mi>")
		} else {
			p.w("</mo>")
		}
		return s.tag == "big", nil
	}
	if w, ok := texSpaces[name]; ok {
		if w != "" {
			p.w(`<mspace width="` + w + `"/>`)
		}
		return false, nil
	}
	if v, ok := texVariants[name]; ok {
		saved := p.variant
		p.variant = v
		err := p.arg()
		p.variant = saved
		return false, err
	}
	if name == "overline" || name == "underline" {
		// A stretched bar needs a math font, which a page without one
		// lacks: Chromium drew it over one letter. A border spans the
		// argument in every browser (content.css).
		p.w(`<mrow class="math-` + name + `">`)
		if err := p.arg(); err != nil {
			return false, err
		}
		p.w("</mrow>")
		return false, nil
	}
	if a, ok := texAccents[name]; ok {
		tag, attr := "mover", `accent="true"`
		if a.under {
			tag, attr = "munder", `accentunder="true"`
		}
		p.w("<" + tag + " " + attr + ">")
		if err := p.arg(); err != nil {
			return false, err
		}
		p.w(`<mo stretchy="` + a.stretchy + `">` + a.mark + "</mo></" + tag + ">")
		return false, nil
	}
	switch name {
	case "frac", "dfrac", "tfrac", "cfrac":
		p.w("<mfrac>")
		if err := p.arg(); err != nil {
			return false, err
		}
		if err := p.arg(); err != nil {
			return false, err
		}
		p.w("</mfrac>")
	case "binom":
		p.w(`<mrow><mo>(</mo><mfrac linethickness="0">`)
		if err := p.arg(); err != nil {
			return false, err
		}
		if err := p.arg(); err != nil {
			return false, err
		}
		p.w(`</mfrac><mo>)</mo></mrow>`)
	case "sqrt":
		return false, p.sqrt()
	case "middle":
		if p.stop != 'r' {
			return false, texError(`\middle outside \left … \right`)
		}
		return false, p.delim()
	case "substack":
		return false, p.substack()
	case "left":
		p.w("<mrow>")
		if err := p.delim(); err != nil {
			return false, err
		}
		if err := p.expr('r'); err != nil {
			return false, err
		}
		p.i += len(`\right`)
		if err := p.delim(); err != nil {
			return false, err
		}
		p.w("</mrow>")
	case "text", "textrm", "textit", "textbf", "textsf", "texttt", "mbox", "operatorname":
		limits := false
		if name == "operatorname" && p.i < len(p.s) && p.s[p.i] == '*' {
			p.i++ // \operatorname*{argmax}: its limits go under and over
			limits = true
		}
		body, err := p.rawGroup()
		if err != nil {
			return false, err
		}
		switch {
		case name == "textbf" || name == "textit" || name == "textsf" || name == "texttt":
			p.w(`<mtext class="math-` + name + `">`) // content.css: MathML Core styles text by CSS only
		case name != "operatorname":
			p.w("<mtext>")
		case utf8.RuneCountInString(body) == 1:
			p.w(`<mi mathvariant="normal">`)
		default:
			p.w("<mi>")
		}
		if name != "operatorname" {
			// MathML drops the spaces at a token's ends and joins the
			// others: \text{ if } keeps its spaces as no-break ones.
			body = strings.ReplaceAll(body, " ", "\u00a0")
		}
		p.esc(body)
		if name == "operatorname" {
			p.w("</mi>")
		} else {
			p.w("</mtext>")
		}
		return limits, nil
	case "not":
		// The next relation, struck through: ≠, ∉, or the sign with a
		// combining long solidus.
		p.skipSpace()
		if p.i >= len(p.s) {
			return false, texError(`\not without a relation`)
		}
		sign := ""
		if p.s[p.i] == '\\' {
			next := p.cmdName()
			sym, ok := texSymbols[next]
			if !ok {
				return false, texError(`\not before \` + next)
			}
			p.i += 1 + len(next)
			sign = sym.text
		} else {
			r, n := utf8.DecodeRuneInString(p.s[p.i:])
			p.i += n
			sign = string(r)
		}
		if neg, ok := texNegated[sign]; ok {
			sign = neg
		} else {
			sign += "\u0338"
		}
		p.mo(sign)
	case "overset", "stackrel", "underset":
		// The first argument goes over (or under) the second.
		at := len(p.out)
		if err := p.arg(); err != nil {
			return false, err
		}
		mark := bytes.Clone(p.out[at:])
		p.out = p.out[:at]
		tag := "mover"
		if name == "underset" {
			tag = "munder"
		}
		p.w("<" + tag + ">")
		if err := p.arg(); err != nil {
			return false, err
		}
		p.out = append(p.out, mark...)
		p.w("</" + tag + ">")
	case "xrightarrow", "xleftarrow", "xRightarrow", "xLeftarrow", "xleftrightarrow", "xLeftrightarrow",
		"xmapsto", "xhookrightarrow", "xhookleftarrow", "xrightharpoonup", "xleftharpoonup", "xrightleftharpoons", "xtofrom", "xlongequal":
		// A long arrow, as drawn: Chromium draws no stretched arrow
		// without a math font.
		arrow := texXArrows[name]
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '[' {
			// The optional label under the arrow.
			p.i++
			p.w(`<munderover><mo stretchy="false">` + arrow + `</mo><mrow>`)
			if err := p.expr(']'); err != nil {
				return false, err
			}
			p.i++
			p.w("</mrow>")
			if err := p.arg(); err != nil {
				return false, err
			}
			p.w("</munderover>")
			return false, nil
		}
		p.w(`<mover><mo stretchy="false">` + arrow + `</mo>`)
		if err := p.arg(); err != nil {
			return false, err
		}
		p.w("</mover>")
	case "boxed", "fbox", "cancel", "bcancel", "xcancel", "sout":
		// A box or a stroke needs menclose, which MathML Core lacks: a
		// border or a line of content.css draws it.
		p.w(`<mrow class="math-` + name + `">`)
		if name == "fbox" {
			body, err := p.rawGroup()
			if err != nil {
				return false, err
			}
			p.w("<mtext>")
			p.esc(strings.ReplaceAll(body, " ", "\u00a0"))
			p.w("</mtext>")
		} else if err := p.arg(); err != nil {
			return false, err
		}
		p.w("</mrow>")
	case "phantom", "hphantom", "vphantom":
		p.w("<mphantom>")
		if err := p.arg(); err != nil {
			return false, err
		}
		p.w("</mphantom>")
	case "smash", "mathllap", "mathrlap", "mathclap", "llap", "rlap", "clap", "mathstrut":
		// Drawn as they are, without their overlap or height tricks.
		if name == "mathstrut" {
			return false, nil
		}
		if p.skipSpace(); p.i < len(p.s) && p.s[p.i] == '[' {
			if k := strings.IndexByte(p.s[p.i:], ']'); k >= 0 {
				p.i += k + 1 // \smash[b]: which side, left out
			}
		}
		return false, p.arg()
	case "bmod":
		p.w(`<mo lspace="0.2222em" rspace="0.2222em">mod</mo>`)
	case "pmod", "pod":
		p.w(`<mspace width="1em"/><mo stretchy="false">(</mo>`)
		if name == "pmod" {
			p.w(`<mi mathvariant="normal">mod</mi><mspace width="0.3333em"/>`)
		}
		if err := p.arg(); err != nil {
			return false, err
		}
		p.w(`<mo stretchy="false">)</mo>`)
	case "tag":
		// The equation's number, after it; \tag* without parentheses.
		star := p.i < len(p.s) && p.s[p.i] == '*'
		if star {
			p.i++
		}
		body, err := p.rawGroup()
		if err != nil {
			return false, err
		}
		if !star {
			body = "(" + body + ")"
		}
		if p.rows > 0 {
			// A row's tag (align, gather): it ends its row, as before
			// (review: each row of an align may have one).
			p.w(`<mspace width="2em"/><mtext>`)
			p.esc(body)
			p.w("</mtext>")
			return false, nil
		}
		if p.tag != "" {
			return false, texError(`two \tag in one formula`)
		}
		p.tag = body
	case "hspace", "kern", "mkern", "hskip":
		// A width in em, ex or mu: another unit is a normal space.
		if p.i < len(p.s) && p.s[p.i] == '*' {
			p.i++ // \hspace*: the same here
		}
		body := ""
		if p.skipSpace(); p.i < len(p.s) && p.s[p.i] == '{' {
			var err error
			if body, err = p.rawGroup(); err != nil {
				return false, err
			}
		} else {
			// TeX's own form, without braces: \kern1em, \mkern18mu.
			j := p.i
			for j < len(p.s) && strings.IndexByte("+-.0123456789", p.s[j]) >= 0 {
				j++
			}
			if k := j; j > p.i {
				for k < len(p.s) && k < j+2 && isASCIILetter(p.s[k]) {
					k++
				}
				body, p.i = p.s[p.i:k], k
			}
		}
		p.w(`<mspace width="` + texWidth(body) + `"/>`)
	case "href":
		// The link's text: a formula is no place for a link.
		if _, err := p.rawGroup(); err != nil {
			return false, err
		}
		return false, p.arg()
	case "mathop", "mathbin", "mathrel", "mathord":
		return false, p.arg()
	case "raisebox":
		// Raised by a length, which is left out: the box is drawn in line.
		if _, err := p.rawGroup(); err != nil {
			return false, err
		}
		return false, p.arg()
	case "rule":
		// A rule's [raise]{width}{height}: a space of its width.
		p.skipSpace()
		if p.i < len(p.s) && p.s[p.i] == '[' {
			if k := strings.IndexByte(p.s[p.i:], ']'); k >= 0 {
				p.i += k + 1
			}
		}
		width, err := p.rawGroup()
		if err != nil {
			return false, err
		}
		if _, err := p.rawGroup(); err != nil {
			return false, err
		}
		p.w(`<mspace width="` + texWidth(width) + `"/>`)
	case "notag", "nonumber":
		// No number for this line: folio numbers none but those tagged.
	case "KaTeX", "LaTeX", "TeX":
		p.w("<mtext>" + name + "</mtext>")
	case "begin":
		return false, p.environment()
	case "color", "textcolor":
		// \color colours the rest of its group, \textcolor its argument.
		class, err := p.colour(false)
		if err != nil {
			return false, err
		}
		if class != "" {
			p.w(`<mrow class="` + class + `">`)
		} else {
			p.w("<mrow>")
		}
		if name == "color" {
			err = p.expr(p.stop)
		} else {
			err = p.arg()
		}
		p.w("</mrow>")
		return false, err
	case "colorbox", "fcolorbox":
		// Text on a coloured ground, framed by \fcolorbox.
		class := ""
		if name == "fcolorbox" {
			if _, err := p.colour(false); err != nil { // the frame's: drawn in the text's colour
				return false, err
			}
			class = "math-fbox"
		}
		bg, err := p.colour(true)
		if err != nil {
			return false, err
		}
		body, err := p.rawGroup()
		if err != nil {
			return false, err
		}
		if class = strings.TrimSpace(class + " " + bg); class != "" {
			p.w(`<mtext class="` + class + `">`)
		} else {
			p.w("<mtext>")
		}
		p.esc(strings.ReplaceAll(body, " ", "\u00a0"))
		p.w("</mtext>")
	case "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl", "Biggr",
		"displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "!":
		// Sizes and styles: the delimiter or expression after them is
		// drawn as it is.
	default:
		p.unknown = append(p.unknown, name)
		p.w("<merror><mtext>")
		p.esc(`\` + name)
		p.w("</mtext></merror>")
	}
	return false, nil
}

// texEnvs are the environments of rows and columns: the delimiters
// around the table, and how its columns align ("" centred).
var texEnvs = map[string]struct{ open, close, align string }{
	"matrix": {}, "smallmatrix": {}, "array": {}, "gathered": {}, "gather": {}, "gather*": {},
	"pmatrix": {"(", ")", ""}, "bmatrix": {"[", "]", ""}, "Bmatrix": {"{", "}", ""},
	"vmatrix": {"|", "|", ""}, "Vmatrix": {"‖", "‖", ""},
	"cases":   {"{", "", "left"},
	"aligned": {"", "", "rl"}, "align": {"", "", "rl"}, "align*": {"", "", "rl"}, "split": {"", "", "rl"},
	"alignat": {"", "", "rl"}, "alignat*": {"", "", "rl"}, "eqnarray": {"", "", "rl"}, "eqnarray*": {"", "", "rl"},
	"equation": {}, "equation*": {},
}

// environment translates \begin{name} … \end{name} (its \begin read) to
// an <mtable>: rows end at \\, cells at &.
func (p *texParser) environment() error {
	name, err := p.rawGroup()
	if err != nil {
		return err
	}
	env, ok := texEnvs[name]
	if !ok {
		p.unknown = append(p.unknown, "begin{"+name+"}")
	}
	if name == "array" || strings.HasPrefix(name, "alignat") {
		if _, err := p.rawGroup(); err != nil { // the column spec, or the count
			return err
		}
	}
	rows := 0
	if name != "equation" && name != "equation*" && !p.wrapped {
		rows = 1 // each row may have its \tag
	}
	p.wrapped = false // the wrapper is the outermost: those inside are the author's
	p.depth++
	p.rows += rows
	defer func() { p.depth--; p.rows -= rows }()
	if p.depth > 50 {
		return texError("environments nested too deep")
	}
	if env.open != "" || env.close != "" {
		p.w("<mrow>")
	}
	if env.open != "" {
		p.w(`<mo stretchy="true">`)
		p.esc(env.open)
		p.w("</mo>")
	}
	p.w("<mtable")
	switch env.align {
	case "left":
		p.w(` columnalign="left left"`)
	case "rl":
		p.w(` columnalign="right left right left right left" displaystyle="true"`)
	}
	p.w("><mtr><mtd>")
	for {
		if err := p.expr('e'); err != nil {
			return err
		}
		switch {
		case p.s[p.i] == '&':
			p.i++
			p.w("</mtd><mtd>")
		case p.cmdName() == `\`:
			p.i += 2
			p.skipSpace()
			if p.i < len(p.s) && p.s[p.i] == '[' { // \\[4pt]: a space we do not draw
				if j := strings.IndexByte(p.s[p.i:], ']'); j >= 0 {
					p.i += j + 1
				}
			}
			p.skipSpace()
			if p.i+4 <= len(p.s) && p.s[p.i:p.i+4] == `\end` {
				continue // a last \\ before \end ends no row
			}
			p.w("</mtd></mtr><mtr><mtd>")
		default: // \end
			p.i += len(`\end`)
			end, err := p.rawGroup()
			if err != nil {
				return err
			}
			if end != name {
				return texError(`\begin{` + name + `} ended by \end{` + end + `}`)
			}
			p.w("</mtd></mtr></mtable>")
			if env.close != "" {
				p.w(`<mo stretchy="true">`)
				p.esc(env.close)
				p.w("</mo>")
			}
			if env.open != "" || env.close != "" {
				p.w("</mrow>")
			}
			return nil
		}
	}
}

// substack translates \substack{a \\ b}: lines stacked and centred,
// under a \sum for example.
func (p *texParser) substack() error {
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != '{' {
		return texError(`missing { after \substack`)
	}
	p.i++
	p.w(`<mtable class="math-substack"><mtr><mtd>`)
	for {
		if err := p.expr('s'); err != nil {
			return err
		}
		if p.s[p.i] == '}' {
			p.i++
			p.w("</mtd></mtr></mtable>")
			return nil
		}
		p.i += 2 // \\
		p.w("</mtd></mtr><mtr><mtd>")
	}
}

// sqrt translates \sqrt{x} and \sqrt[n]{x}.
func (p *texParser) sqrt() error {
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != '[' {
		p.w("<msqrt>")
		if err := p.arg(); err != nil {
			return err
		}
		p.w("</msqrt>")
		return nil
	}
	p.i++
	at := len(p.out)
	p.w("<mrow>")
	if err := p.expr(']'); err != nil {
		return err
	}
	p.i++
	p.w("</mrow>")
	index := bytes.Clone(p.out[at:])
	p.out = p.out[:at]
	p.w("<mroot>")
	if err := p.arg(); err != nil {
		return err
	}
	p.out = append(p.out, index...)
	p.w("</mroot>")
	return nil
}

// delim translates the delimiter after \left or \right as a stretchy
// operator ("." is none).
func (p *texParser) delim() error {
	p.skipSpace()
	if p.i >= len(p.s) {
		return texError("missing delimiter")
	}
	var d string
	if p.s[p.i] == '\\' {
		name := p.cmdName()
		p.i += 1 + len(name)
		switch name {
		case "{", "}", "|":
			d = map[string]string{"{": "{", "}": "}", "|": "‖"}[name]
		default:
			s, ok := texSymbols[name]
			if !ok || s.tag != "mo" {
				return texError(`bad delimiter \` + name)
			}
			d = s.text
		}
	} else {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		p.i += n
		if r == '{' || r == '}' {
			return texError("bad delimiter " + string(r))
		}
		if r != '.' {
			d = string(r)
		}
	}
	if d != "" {
		p.w(`<mo stretchy="true">`)
		p.esc(d)
		p.w("</mo>")
	}
	return nil
}

// rawGroup reads the text of a {…} argument as written (for \text).
func (p *texParser) rawGroup() (string, error) {
	p.skipSpace()
	if p.i >= len(p.s) || p.s[p.i] != '{' {
		return "", texError("missing { after a text command")
	}
	depth := 0
	var b strings.Builder
	for j := p.i + 1; j < len(p.s); j++ {
		switch c := p.s[j]; c {
		case '\\':
			if j+1 < len(p.s) {
				j++
				if strings.IndexByte(`{}$%&#_ \`, p.s[j]) >= 0 {
					b.WriteByte(p.s[j])
				} else {
					b.WriteByte('\\')
					b.WriteByte(p.s[j])
				}
			}
			continue
		case '{':
			depth++
			continue
		case '}':
			if depth == 0 {
				p.i = j + 1
				return b.String(), nil
			}
			depth--
			continue
		default:
			b.WriteByte(c)
		}
	}
	return "", texError("missing }")
}

type texSymbol struct {
	tag  string // mi, miN (upright identifier), mo, big (limits under and over), int
	text string
}

// texSymbols are the commands that stand for one character or word.
var texSymbols = func() map[string]texSymbol {
	m := map[string]texSymbol{}
	add := func(tag, pairs string) {
		f := strings.Fields(pairs)
		for i := 0; i+1 < len(f); i += 2 {
			m[f[i]] = texSymbol{tag, f[i+1]}
		}
	}
	add("mi", `alpha α beta β gamma γ delta δ epsilon ϵ varepsilon ε zeta ζ eta η theta θ vartheta ϑ
		iota ι kappa κ lambda λ mu μ nu ν xi ξ omicron ο pi π varpi ϖ rho ρ varrho ϱ sigma σ
		varsigma ς tau τ upsilon υ phi ϕ varphi φ chi χ psi ψ omega ω
		infty ∞ partial ∂ nabla ∇ emptyset ∅ varnothing ∅ hbar ℏ ell ℓ Re ℜ Im ℑ aleph ℵ
		sin sin cos cos tan tan cot cot sec sec csc csc sinh sinh cosh cosh tanh tanh
		arcsin arcsin arccos arccos arctan arctan log log ln ln lg lg exp exp det det gcd gcd
		arg arg deg deg dim dim ker ker hom hom Pr Pr`)
	add("miN", `Gamma Γ Delta Δ Theta Θ Lambda Λ Xi Ξ Pi Π Sigma Σ Upsilon Υ Phi Φ Psi Ψ Omega Ω`)
	add("mo", `pm ± mp ∓ times × div ÷ cdot ⋅ ast ∗ star ⋆ circ ∘ bullet ∙ leq ≤ le ≤ geq ≥ ge ≥
		neq ≠ ne ≠ approx ≈ equiv ≡ sim ∼ simeq ≃ cong ≅ propto ∝ ll ≪ gg ≫ subset ⊂ supset ⊃
		subseteq ⊆ supseteq ⊇ in ∈ notin ∉ ni ∋ cup ∪ cap ∩ setminus ∖ wedge ∧ land ∧ vee ∨ lor ∨
		neg ¬ lnot ¬ forall ∀ exists ∃ nexists ∄ rightarrow → to → leftarrow ← gets ←
		leftrightarrow ↔ Rightarrow ⇒ Leftarrow ⇐ Leftrightarrow ⇔ iff ⟺ implies ⟹ mapsto ↦
		uparrow ↑ downarrow ↓ longrightarrow ⟶ longleftarrow ⟵ ldots … cdots ⋯ vdots ⋮ ddots ⋱
		dots … prime ′ angle ∠ perp ⊥ parallel ∥ mid ∣ langle ⟨ rangle ⟩ lfloor ⌊ rfloor ⌋
		lceil ⌈ rceil ⌉ vert | Vert ‖ oplus ⊕ otimes ⊗ colon : { { } } | ‖ % % $ $ & & # # _ _
		lbrace { rbrace } lbrack [ rbrack ] lvert | rvert | lVert ‖ rVert ‖ backslash \
		lt < gt > nmid ∤ odot ⊙ ominus ⊖ oslash ⊘ prec ≺ succ ≻ preceq ⪯ succeq ⪰
		sqsubseteq ⊑ sqsupseteq ⊒ sqsubset ⊏ sqsupset ⊐ sqcup ⊔ sqcap ⊓ models ⊨ vdash ⊢ dashv ⊣
		top ⊤ bot ⊥ intercal ⊺ hookrightarrow ↪ hookleftarrow ↩ subsetneq ⊊ supsetneq ⊋
		updownarrow ↕ Uparrow ⇑ Downarrow ⇓ Updownarrow ⇕ leadsto ⇝ rightleftharpoons ⇌
		leftrightharpoons ⇋ rightharpoonup ⇀ leftharpoonup ↼ circlearrowleft ↺ circlearrowright ↻
		curvearrowleft ↶ curvearrowright ↷ longmapsto ⟼ Longrightarrow ⟹ Longleftarrow ⟸
		longleftrightarrow ⟷ Longleftrightarrow ⟺ nearrow ↗ searrow ↘ swarrow ↙ nwarrow ↖
		therefore ∴ because ∵ smile ⌣ frown ⌢ lessgtr ≶ gtrless ≷ lesssim ≲ gtrsim ≳ approxeq ≊
		doteq ≐ bumpeq ≏ Bumpeq ≎ triangleq ≜ coloneqq ≔ eqqcolon ≕ coloneq ≔ leqslant ⩽ geqslant ⩾
		nleq ≰ ngeq ≱ nless ≮ ngtr ≯ nsubseteq ⊈ nsupseteq ⊉ nparallel ∦ ncong ≇ nsim ≁
		dotsb ⋯ dotsc … dotsm ⋯ dotsi ⋯ dotso … iddots ⋰ uplus ⊎ amalg ⨿ wr ≀ diamond ⋄
		bigtriangleup △ bigtriangledown ▽ triangleleft ◃ triangleright ▹ lhd ⊲ rhd ⊳ unlhd ⊴ unrhd ⊵
		dagger † ddagger ‡ ltimes ⋉ rtimes ⋊ bowtie ⋈ Join ⋈ asymp ≍ between ≬ pitchfork ⋔`)
	add("mi", `triangle △ square □ blacksquare ■ Box □ Diamond ◊ lozenge ◊ blacklozenge ⧫
		checkmark ✓ S § P ¶ copyright © pounds £ euro € yen ¥ degree ° clubsuit ♣ heartsuit ♡
		spadesuit ♠ diamondsuit ♢ flat ♭ sharp ♯ natural ♮ wp ℘ mho ℧ eth ð beth ℶ gimel ℷ
		daleth ℸ digamma ϝ varkappa ϰ imath ı jmath ȷ complement ∁ Finv Ⅎ Game ⅁ hslash ℏ
		backprime ‵ bigstar ★ maltese ✠ surd √ Bbbk 𝕜
		circledS Ⓢ measuredangle ∡ sphericalangle ∢ diagup ╱ diagdown ╲`)
	add("big", `sum ∑ prod ∏ coprod ∐ bigcup ⋃ bigcap ⋂ bigoplus ⨁ bigotimes ⨂ lim lim max max
		min min sup sup inf inf`)
	add("int", `int ∫ iint ∬ iiint ∭ oint ∮`)
	m["limsup"] = texSymbol{"big", "lim sup"}
	m["liminf"] = texSymbol{"big", "lim inf"}
	return m
}()

// texSpaces are the spacing commands and their widths.
var texSpaces = map[string]string{",": "0.1667em", ":": "0.2222em", ">": "0.2222em", ";": "0.2778em",
	" ": "0.25em", "quad": "1em", "qquad": "2em", "thinspace": "0.1667em", "enspace": "0.5em"}

// texVariants are the font commands and the mathvariant they give.
var texVariants = map[string]string{"mathrm": "normal", "mathup": "normal", "mathbf": "bold", "boldsymbol": "bold",
	"bm": "bold", "mathit": "italic", "mathbb": "double-struck", "mathcal": "script", "mathscr": "script",
	"mathsf": "sans-serif", "mathtt": "monospace", "mathfrak": "fraktur", "Bbb": "double-struck"}

type texAccent struct {
	mark     string
	stretchy string
	under    bool
}

// texXArrows are the arrows of \xrightarrow and its kin, long ones.
var texXArrows = map[string]string{"xrightarrow": "⟶", "xleftarrow": "⟵", "xRightarrow": "⟹", "xLeftarrow": "⟸",
	"xleftrightarrow": "⟷", "xLeftrightarrow": "⟺", "xmapsto": "⟼", "xhookrightarrow": "↪", "xhookleftarrow": "↩",
	"xrightharpoonup": "⇀", "xleftharpoonup": "↼", "xrightleftharpoons": "⇌", "xtofrom": "⇄", "xlongequal": "="}

// texNegated are the relations that \not strikes with a character of
// their own.
var texNegated = map[string]string{"=": "≠", "<": "≮", ">": "≯", "∈": "∉", "∋": "∌", "⊂": "⊄", "⊃": "⊅",
	"⊆": "⊈", "⊇": "⊉", "≡": "≢", "∼": "≁", "≃": "≄", "≈": "≉", "≅": "≇", "≤": "≰", "≥": "≱",
	"∣": "∤", "∥": "∦", "∃": "∄", "≺": "⊀", "≻": "⊁", "⊢": "⊬", "⊨": "⊭", "↔": "↮", "→": "↛", "←": "↚"}

// texWidth reads a TeX width (1em, 0.5ex, 18mu, -3mu) as a CSS one; a
// width of another unit, or none, is a normal space.
func texWidth(w string) string {
	w = strings.TrimSpace(w)
	for unit, em := range map[string]float64{"em": 1, "ex": 0.43, "mu": 1.0 / 18, "pt": 0.1, "px": 0.0625} {
		if n, ok := strings.CutSuffix(w, unit); ok {
			if f, err := strconv.ParseFloat(strings.TrimSpace(n), 64); err == nil && f > -100 && f < 100 {
				return strconv.FormatFloat(f*em, 'f', 4, 64) + "em"
			}
		}
	}
	return "0.25em"
}

var texAccents = map[string]texAccent{
	"hat": {"^", "false", false}, "widehat": {"^", "true", false}, "bar": {"¯", "false", false},
	"vec": {"→", "false", false}, "overrightarrow": {"→", "true", false},
	"dot": {"˙", "false", false}, "ddot": {"¨", "false", false}, "tilde": {"~", "false", false},
	"widetilde": {"~", "true", false},
	"overbrace": {"⏞", "true", false}, "underbrace": {"⏟", "true", true},
	"mathring": {"˚", "false", false}, "check": {"ˇ", "false", false}, "breve": {"˘", "false", false},
	"acute": {"´", "false", false}, "grave": {"`", "false", false},
	"overleftarrow": {"←", "true", false}, "overleftrightarrow": {"↔", "true", false},
	"underrightarrow": {"→", "true", true}, "underleftarrow": {"←", "true", true},
}
