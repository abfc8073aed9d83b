package diagram

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Kinds of diagram folio draws, as Diagram.Kind names them.
const (
	Sequence  = "sequence"
	Flowchart = "flowchart"
	State     = "state"
	Class     = "class"
	ER        = "er"
	XYChart   = "xychart"
	C4        = "c4"
)

// kindNames name each kind in the text alternative of its drawing.
var kindNames = sync.OnceValue(func() map[string]string {
	return map[string]string{
		Sequence:  "Sequence diagram",
		Flowchart: "Flowchart",
		State:     "State diagram",
		Class:     "Class diagram",
		ER:        "Entity-relationship diagram",
		XYChart:   "Chart",
		C4:        "C4 diagram",
	}
})

// headers maps the first word of a diagram to its kind; "" marks the kinds
// Mermaid draws and beautiful-mermaid does not.
var headers = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"sequencediagram": Sequence,
		"graph":           Flowchart,
		"flowchart":       Flowchart,
		"flowchart-elk":   Flowchart,
		"statediagram":    State,
		"statediagram-v2": State,
		"classdiagram":    Class,
		"classdiagram-v2": Class,
		"erdiagram":       ER,
		"xychart":         XYChart,
		"xychart-beta":    XYChart,
		"c4context":       C4,
		"c4container":     C4,
		"c4component":     C4,
		"c4dynamic":       C4,
		"c4deployment":    C4,

		"gantt": "", "pie": "", "journey": "", "gitgraph": "", "mindmap": "", "timeline": "",
		"quadrantchart": "", "requirementdiagram": "", "requirement": "", "sankey": "", "sankey-beta": "",
		"block": "", "block-beta": "", "packet": "", "packet-beta": "", "architecture": "",
		"architecture-beta": "", "kanban": "", "radar-beta": "", "treemap-beta": "", "treemap": "",
		"zenuml": "",
	}
})

// line is one line of a diagram with its 1-based number in the source.
type line struct {
	n    int
	text string // trimmed
}

// prepared is a diagram made ready for the renderer: what folio reads
// itself (accessibility text, title) is taken out, and the syntax
// beautiful-mermaid does not read is rewritten into syntax it does.
type prepared struct {
	kind     string
	header   string // the first word as written, for messages
	body     string // given to the renderer
	title    string // `title` of a sequence or C4 diagram, or of the front matter
	accTitle string
	accDescr string
	ignored  []string // Mermaid features read but not drawn, e.g. "autonumber"
	// ignoredAt is the line of each feature of ignored where the
	// diagram first uses it.
	ignoredAt []int
	labels    []string // the first things a reader sees: participants, C4 elements
	hidden    bool     // whether labels hold stand-ins for closers (see flowReader)
}

// prepare reads src. The error is a *SyntaxError or an *UnsupportedError.
func prepare(src string) (*prepared, error) {
	p := &prepared{}
	var lines []line
	raw := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	for i := 0; i < len(raw); i++ {
		t := strings.TrimSpace(raw[i])
		switch {
		case t == "" || strings.HasPrefix(t, "%%"):
			continue // comments and %%{init}%% directives
		case t == "---" && len(lines) == 0:
			// Front matter: only its title matters here.
			for i++; i < len(raw) && strings.TrimSpace(raw[i]) != "---"; i++ {
				if v, ok := strings.CutPrefix(raw[i], "title:"); ok {
					p.title = unquote(strings.TrimSpace(v))
				}
			}
			continue
		}
		if key, val, ok := accLine(t); ok {
			if key == "accTitle" {
				p.accTitle = val
				continue
			}
			if val == "{" {
				// accDescr { … } spans lines up to the closing brace.
				var b []string
				for i++; i < len(raw) && !strings.HasPrefix(strings.TrimSpace(raw[i]), "}"); i++ {
					b = append(b, strings.TrimSpace(raw[i]))
				}
				val = strings.TrimSpace(strings.Join(b, " "))
			}
			p.accDescr = val
			continue
		}
		lines = append(lines, line{i + 1, t})
	}
	if len(lines) == 0 {
		return nil, &SyntaxError{Line: 1, Msg: "the diagram is empty"}
	}
	head := lines[0]
	if words := strings.FieldsFunc(head.text, func(r rune) bool { return r == ' ' || r == '\t' || r == ';' }); len(words) > 0 {
		p.header = words[0]
	}
	kind, known := headers()[strings.ToLower(p.header)]
	switch {
	case !known:
		return nil, &SyntaxError{Line: head.n, Msg: fmt.Sprintf("%q is not a Mermaid diagram type", p.header)}
	case kind == "":
		return nil, &UnsupportedError{Type: p.header}
	}
	p.kind = kind
	if kind == Flowchart {
		lines = splitStatements(lines)
	}
	var err error
	switch kind {
	case Sequence:
		err = p.sequence(lines)
	case C4:
		err = p.c4(lines)
	case Flowchart:
		err = p.flowchart(lines)
	default:
		err = p.checked(lines)
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// splitStatements splits the lines of a flowchart at the semicolons that
// end its statements (graph TD; A-->B; B-->C), outside quotes and brackets.
func splitStatements(lines []line) []line {
	var out []line
	for _, l := range lines {
		depth, quoted, start := 0, false, 0
		for i, r := range l.text {
			switch {
			case r == '"':
				quoted = !quoted
			case quoted:
			case r == '[' || r == '(' || r == '{':
				depth++
			case r == ']' || r == ')' || r == '}':
				depth = max(depth-1, 0)
			case r == ';' && depth == 0:
				if t := strings.TrimSpace(l.text[start:i]); t != "" {
					out = append(out, line{l.n, t})
				}
				start = i + 1
			}
		}
		if t := strings.TrimSpace(l.text[start:]); t != "" {
			out = append(out, line{l.n, t})
		}
	}
	return out
}

var accRE = lazyRE(`^(accTitle|accDescr)\s*(:|\{)\s*(.*)$`)

// accLine reads `accTitle: …`, `accDescr: …` and the opening of
// `accDescr { …`, whose value is then "{".
func accLine(t string) (key, val string, ok bool) {
	m := accRE().FindStringSubmatch(t)
	if m == nil {
		return "", "", false
	}
	if m[2] == "{" {
		return m[1], "{", true
	}
	return m[1], m[3], true
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return s[1 : len(s)-1]
	}
	return s
}

// checked passes a state, class, ER diagram or chart on as written, after
// the checks of the mistakes beautiful-mermaid would silently draw as
// something else: its parsers skip what they do not understand.
func (p *prepared) checked(lines []line) error {
	depth, opened := 0, 0 // braces of class and ER blocks
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			if p.kind == State {
				if err := balanced(l); err != nil {
					return err
				}
			}
			// The blocks of class and ER diagrams: a line that ends with
			// '{' opens one, a line that starts with '}' closes it (ER
			// cardinalities such as }|..|{ are neither).
			if p.kind == Class || p.kind == ER {
				switch {
				case strings.HasPrefix(l.text, "}"):
					depth--
					if depth < 0 {
						return &SyntaxError{Line: l.n, Msg: "'}' closes no block"}
					}
				case strings.HasSuffix(l.text, "{"):
					if depth == 0 {
						opened = l.n
					}
					depth++
				}
			}
		}
		t := l.text
		if i > 0 {
			switch p.kind {
			case Class:
				t = classLine(t)
			case ER:
				t = erLine(t)
			}
		}
		b.WriteString(t)
		b.WriteByte('\n')
	}
	if depth > 0 {
		return &SyntaxError{Line: opened, Msg: "'{' is not closed"}
	}
	p.body = b.String()
	return nil
}

// balanced reports an unclosed quote, or a bracket opened and not closed
// on its line (node shapes: A[…], A(…), A{…}; a closer without an opener
// is fine: A>…] is a shape).
func balanced(l line) error {
	if strings.Count(l.text, `"`)%2 == 1 {
		return &SyntaxError{Line: l.n, Msg: "a quote is not closed"}
	}
	var stack []rune
	for _, r := range stripQuoted(l.text) {
		switch r {
		case '[', '(', '{':
			stack = append(stack, r)
		case ']', ')', '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) > 0 && !strings.HasSuffix(l.text, "{") {
		return &SyntaxError{Line: l.n, Msg: fmt.Sprintf("'%c' is not closed", stack[len(stack)-1])}
	}
	return nil
}

// stripQuoted blanks what is between double quotes.
func stripQuoted(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		if r == '"' {
			in = !in
			continue
		}
		if !in {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Mermaid's sequence grammar, the parts beautiful-mermaid lacks: names with
// spaces and dashes ("Payment BB", "Payer-FI"), which it does not read.
var (
	seqParticipant = lazyRE(`^(?:create\s+)?(participant|actor)\s+(.+?)(?:\s+as\s+(.+))?$`)
	seqMessage     = lazyRE(`^(.+?)\s*(<<-->>|<<->>|-->>|->>|-->|->|--x|-x|--\)|-\))\s*([+\-*]?)\s*([^:<>\s-][^:]*?)\s*:(.*)$`)
	seqNote        = lazyRE(`(?i)^note\s+(left of|right of|over)\s+([^:]+?)\s*:(.*)$`)
	seqBlock       = lazyRE(`^(loop|alt|opt|par|par_over|critical|break|rect|box)\b\s*(.*)$`)
	seqDivider     = lazyRE(`^(else|and|option)\b\s*(.*)$`)
	seqTitle       = lazyRE(`^title(?:\s*:\s*|\s+)(.*)$`)
	seqIgnored     = lazyRE(`^(autonumber|activate|deactivate|destroy|link|links|properties|details)\b`)
	mermaidEntity  = lazyRE(`#(\d{1,7});`)
)

// sequence rewrites a sequence diagram for beautiful-mermaid: every
// participant gets a short id (p1, p2, …) and a label, and the lines it
// would skip are either errors (Mermaid rejects them too) or noted in
// p.ignored, in the order the diagram first uses them.
func (p *prepared) sequence(lines []line) error {
	ids := map[string]string{}
	var order []string
	labels := map[string]string{}
	kinds := map[string]string{}
	id := func(name string) string {
		name = strings.TrimSpace(name)
		if v, ok := ids[name]; ok {
			return v
		}
		v := "p" + strconv.Itoa(len(ids)+1)
		ids[name] = v
		order = append(order, name)
		labels[v] = name
		kinds[v] = "participant"
		return v
	}
	type open struct {
		kind string
		line int
	}
	var stack []open
	var body []string
	for _, l := range lines[1:] {
		t := strings.TrimSuffix(l.text, ";")
		if m := seqTitle().FindStringSubmatch(t); m != nil {
			p.title = strings.TrimSpace(m[1])
			continue
		}
		if m := seqParticipant().FindStringSubmatch(t); m != nil {
			name := m[2]
			if i := strings.Index(name, "@{"); i >= 0 {
				name = name[:i] // Mermaid 11 metadata: participant A@{ "type": … }
			}
			v := id(name)
			kinds[v] = m[1]
			if m[3] != "" {
				labels[v] = strings.TrimSpace(m[3])
			}
			continue
		}
		if m := seqNote().FindStringSubmatch(t); m != nil {
			var who []string
			for _, a := range strings.Split(m[2], ",") {
				who = append(who, id(a))
			}
			body = append(body, "Note "+strings.ToLower(m[1])+" "+strings.Join(who, ",")+": "+text(m[3]))
			continue
		}
		if m := seqBlock().FindStringSubmatch(t); m != nil {
			stack = append(stack, open{m[1], l.n})
			switch m[1] {
			case "box":
				// Boxes group participants; beautiful-mermaid has no box.
				p.ignore("box", l.n)
			case "rect":
				// Its argument is a colour, not a label. The renderer draws
				// a rect as a frame titled "rect", over the frame of the
				// block it holds: its label carries the colour, as folio
				// writes it, to clean, which paints a background instead.
				body = append(body, strings.TrimSpace("rect "+cssColour(m[2])))
			case "par_over":
				body = append(body, "par "+m[2])
			default:
				body = append(body, m[1]+" "+m[2])
			}
			continue
		}
		if m := seqDivider().FindStringSubmatch(t); m != nil {
			if len(stack) == 0 {
				return &SyntaxError{Line: l.n, Msg: fmt.Sprintf("%q outside a block", m[1])}
			}
			if stack[len(stack)-1].kind != "box" {
				kw := m[1]
				if kw == "option" {
					kw = "else"
				}
				body = append(body, kw+" "+m[2])
			}
			continue
		}
		if t == "end" {
			if len(stack) == 0 {
				return &SyntaxError{Line: l.n, Msg: `"end" closes no block`}
			}
			if stack[len(stack)-1].kind != "box" {
				body = append(body, "end")
			}
			stack = stack[:len(stack)-1]
			continue
		}
		if m := seqMessage().FindStringSubmatch(t); m != nil {
			arrow := m[2]
			switch arrow {
			case "<<->>":
				arrow = "->>"
				p.ignore("two-way arrows", l.n)
			case "<<-->>":
				arrow = "-->>"
				p.ignore("two-way arrows", l.n)
			}
			mark := m[3]
			if mark == "*" {
				mark = "" // Mermaid 11's "create" mark
			}
			body = append(body, id(m[1])+arrow+mark+id(m[4])+": "+text(m[5]))
			continue
		}
		if m := seqIgnored().FindStringSubmatch(t); m != nil {
			if m[1] == "autonumber" {
				p.ignore("autonumber", l.n)
			}
			continue
		}
		return &SyntaxError{Line: l.n, Msg: fmt.Sprintf("cannot read %q: a message is written From->>To: text", clip(t))}
	}
	if len(stack) > 0 {
		o := stack[len(stack)-1]
		return &SyntaxError{Line: o.line, Msg: fmt.Sprintf("%q is not closed by \"end\"", o.kind)}
	}
	var b strings.Builder
	b.WriteString("sequenceDiagram\n")
	for _, name := range order {
		v := ids[name]
		fmt.Fprintf(&b, "%s %s as %s\n", kinds[v], v, text(labels[v]))
		p.labels = append(p.labels, labels[v])
	}
	for _, s := range body {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	p.body = b.String()
	return nil
}

// text prepares a label: Mermaid's #59; entities become characters, and an
// empty label a zero-width space (beautiful-mermaid needs some text; its
// trim keeps U+200B).
func text(s string) string {
	s = mermaidEntity().ReplaceAllStringFunc(strings.TrimSpace(s), func(m string) string {
		n, err := strconv.Atoi(m[1 : len(m)-1])
		if err != nil || n == 0 || n > 0x10FFFF {
			return m
		}
		return string(rune(n))
	})
	if s == "" {
		return "\u200b"
	}
	return s
}

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
