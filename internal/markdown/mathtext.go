package markdown

import (
	"strings"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// line is the formula as a line of plain text, for a heading's text in
// the outline: its MathML read in order, with the characters the
// formula draws (α, ≤, ∑, not \alpha), a fraction as a/b, a root as √x,
// and scripts in Unicode's superscript and subscript characters where
// they all have one (E = mc², xᵢ), else after ^ or _. Not the TeX, which
// the page never shows, and not the MathML's bare text, which loses the
// scripts (E=mc2); a spoken form would need a speech rule set. A
// formula folio could not translate shows its TeX, and reads so.
func (n *mathNode) line() string {
	if n.MathML == "" {
		return n.TeX
	}
	nodes, err := xhtml.ParseFragment(strings.NewReader("<math>"+n.MathML+"</math>"),
		&xhtml.Node{Type: xhtml.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil || len(nodes) == 0 {
		return n.TeX
	}
	return strings.Join(strings.Fields(mathLine(nodes[0])), " ")
}

// mathLine reads the MathML element n as text (mathNode.line).
func mathLine(n *xhtml.Node) string {
	var kids []string // the text of each child element
	var b strings.Builder
	var prev *xhtml.Node
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		s := c.Data
		if c.Type == xhtml.ElementNode {
			s = mathLine(c)
			kids = append(kids, s)
		}
		switch {
		case prev != nil && (apart(prev) || apart(c)) && endsAlnum(b.String()) && startsAlnum(s):
			b.WriteByte(' ') // O(n log n), not O(nlogn)
		case c.Data == "mo" && utf8.RuneCountInString(s) == 1 && strings.Contains(spacedOps, s) && operandBefore(b.String()):
			s = " " + s + " " // not a sign: −1
		}
		b.WriteString(s)
		prev = c
	}
	arg := func(i int) string {
		if i < len(kids) {
			return kids[i]
		}
		return ""
	}
	switch n.Data {
	case "annotation", "mphantom":
		return ""
	case "mspace":
		return " "
	case "mo":
		if b.String() == "," {
			return ", "
		}
	case "msup":
		return arg(0) + script(arg(1), superscripts, "^")
	case "msub":
		return arg(0) + script(arg(1), subscripts, "_")
	case "msubsup", "munderover":
		return arg(0) + script(arg(1), subscripts, "_") + script(arg(2), superscripts, "^")
	case "mover", "munder":
		if hasMathAttr(n, "accent") || hasMathAttr(n, "accentunder") {
			return arg(0) + arg(1) // x→ for \vec{x}: the mark after its letter
		}
		if n.Data == "mover" {
			return arg(0) + script(arg(1), superscripts, "^")
		}
		return arg(0) + script(arg(1), subscripts, "_")
	case "mfrac":
		return group(arg(0)) + "/" + group(arg(1))
	case "msqrt":
		return "√" + group(b.String())
	case "mroot":
		return script(arg(1), superscripts, "^") + "√" + group(arg(0))
	case "mtr":
		return strings.Join(kids, ", ")
	case "mtable":
		return strings.Join(kids, "; ")
	}
	return b.String()
}

// spacedOps are the relations and binary operators a formula draws with
// space on either side, which its text writes so: E = mc².
const spacedOps = "=≠<>≤≥≈≡∼≃≅∝∈∉⊂⊃⊆⊇→←↔⇒⇐⇔↦+−±∓×÷⋅·∗∘∪∩∧∨"

// operandBefore reports whether s, a formula's text so far, ends with an
// operand, which makes the operator after it binary.
func operandBefore(s string) bool {
	s = strings.TrimRight(s, " ")
	r, _ := utf8.DecodeLastRuneInString(s)
	return endsAlnum(s) || strings.ContainsRune(")]}|′", r)
}

// apart reports whether n is a name of more than one letter (sin, log,
// a \text word), or one with scripts, or a fraction: what the text
// writes apart from the letters and numbers on either side.
func apart(n *xhtml.Node) bool {
	if n.Type != xhtml.ElementNode {
		return false
	}
	switch n.Data {
	case "mi", "mtext":
		return n.FirstChild != nil && utf8.RuneCountInString(n.FirstChild.Data) > 1
	case "msub", "msup", "msubsup":
		return n.FirstChild != nil && apart(n.FirstChild)
	case "mfrac":
		return true
	}
	return false
}

func hasMathAttr(n *xhtml.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// startsAlnum and endsAlnum report whether s starts or ends with a
// letter or a number, a script's ₂ too.
func startsAlnum(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

func endsAlnum(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// group is s as one term of a fraction or a root: in brackets unless it
// is a single number or name.
func group(s string) string {
	if s == "" || strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) < 0 {
		return s
	}
	return "(" + s + ")"
}

// script is s as a superscript or subscript: each character in its
// Unicode form, spaces left out, or, where one has none, s after mark
// (^ or _).
func script(s string, forms map[rune]rune, mark string) string {
	var b strings.Builder
	for _, r := range s {
		if r == ' ' {
			continue
		}
		f, ok := forms[r]
		if !ok {
			return mark + group(s)
		}
		b.WriteRune(f)
	}
	return b.String()
}

// The characters Unicode has superscript and subscript forms of, and
// those forms.
var (
	superscripts = scriptForms("0123456789+−-=()in", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁱⁿ")
	subscripts   = scriptForms("0123456789+−-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
)

func scriptForms(from, to string) map[rune]rune {
	f, t := []rune(from), []rune(to)
	m := make(map[rune]rune, len(f))
	for i, r := range f {
		m[r] = t[i]
	}
	return m
}
