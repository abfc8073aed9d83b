package diagram

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// beautiful-mermaid reads a flowchart line by line, and draws what it
// reads: a line that is not one of its statements is read as nodes and
// links as far as it goes, and the rest is dropped. So a link Mermaid
// does not have (A -->> B), a link to nothing (A -->) or a click would be
// drawn wrong, silently, and so would valid Mermaid it does not read (a
// node SUMMARY.md, a label A["a [b] c"]). flowchart passes on the lines
// it reads, rewrites those it can (see flowReader), leaves out those that
// draw nothing, reports the mistakes, and leaves the diagram to Mermaid
// when a line is none of these.

// flowStyles are the statements that style the drawing, as the renderer
// reads them.
var flowStyles = sync.OnceValue(func() map[string]*regexp.Regexp {
	return map[string]*regexp.Regexp{
		"classDef":  regexp.MustCompile(`^classDef\s+(\w+)\s+(.+)$`),
		"class":     regexp.MustCompile(`^class\s+([\w,-]+)\s+(\w+)$`),
		"style":     regexp.MustCompile(`^style\s+([\w,-]+)\s+(.+)$`),
		"linkStyle": regexp.MustCompile(`^linkStyle\s+(default|[\d,\s]+)\s+(.+)$`),
	}
})

// flowStyleForms say how each is written, for a statement that lacks its
// arguments.
var flowStyleForms = sync.OnceValue(func() map[string]string {
	return map[string]string{
		"classDef":  "a class name and its styles: classDef done fill:#9f6",
		"class":     "nodes and a class name: class A,B done",
		"style":     "a node and its styles: style A fill:#f9f",
		"linkStyle": "link numbers and styles: linkStyle 0 stroke:#f66",
	}
})

var (
	flowStatement = lazyRE(`^(subgraph|direction|click|classDef|class|style|linkStyle)(?:\s+(.*))?$`)
	flowDirection = lazyRE(`^(?i:TB|TD|BT|LR|RL)$`)
	twoFields     = lazyRE(`^(\S+)\s+(.*)$`)
)

// flowchart checks the statements of a flowchart and writes them for the
// renderer. A line the renderer would not read to its end, and which is no
// mistake folio knows, leaves the diagram to Mermaid: the error is then
// an *UnsupportedError naming the line.
func (p *prepared) flowchart(lines []line) error {
	var b strings.Builder
	b.WriteString(lines[0].text + "\n")
	var open []int // the lines of the subgraphs not closed yet
	var firsts []firstNode
	r := newFlowReader(lines)
	for _, l := range lines[1:] {
		if err := balanced(l); err != nil {
			return err
		}
		t := l.text
		if m := flowData().FindStringSubmatch(t); m != nil && r.edges[m[1]] {
			// The animation or the curve of a link with an id: the
			// drawing has neither.
			p.ignore(fmt.Sprintf("%q", clip(t)), l.n)
			continue
		}
		m := flowStatement().FindStringSubmatch(t)
		kw, args := "", ""
		if m != nil {
			kw, args = m[1], strings.TrimSpace(m[2])
		}
		switch {
		case t == "end":
			if len(open) == 0 {
				return &SyntaxError{Line: l.n, Msg: `"end" closes no subgraph`}
			}
			open = open[:len(open)-1]
		case kw == "subgraph":
			if args == "" {
				return &SyntaxError{Line: l.n, Msg: "a subgraph needs a name"}
			}
			open = append(open, l.n)
			t = "subgraph " + r.subgraph(args)
		case kw == "direction":
			if !flowDirection().MatchString(args) {
				return &SyntaxError{Line: l.n, Msg: "a direction is TB, TD, BT, LR or RL"}
			}
			if len(open) == 0 {
				continue // Mermaid too keeps the header's
			}
		case kw == "click":
			// It makes a node a link or runs a script, in Mermaid's
			// drawing; folio's has neither.
			if len(strings.Fields(args)) < 2 {
				return &SyntaxError{Line: l.n, Msg: `"click" needs a node and a link or a callback: click A "https://…"`}
			}
			p.ignore("click", l.n)
			continue
		case kw != "":
			f := twoFields().FindStringSubmatch(args)
			if f == nil {
				return &SyntaxError{Line: l.n, Msg: fmt.Sprintf("%q needs %s", kw, flowStyleForms()[kw])}
			}
			stmts := []string{t}
			switch kw {
			case "class", "style":
				stmts = []string{kw + " " + r.rename(f[1]) + " " + f[2]}
			case "classDef":
				// Mermaid takes several classes at once; the renderer, one.
				stmts = nil
				for _, name := range strings.Split(f[1], ",") {
					stmts = append(stmts, "classDef "+strings.TrimSpace(name)+" "+f[2])
				}
			}
			for _, s := range stmts {
				switch {
				case flowStyles()[kw].MatchString(s):
					b.WriteString(s + "\n")
				case kw == "classDef":
					p.ignore(fmt.Sprintf("%q", clip(s)), l.n)
				default:
					p.ignore(fmt.Sprintf("%q", clip(t)), l.n) // as written, not renamed
				}
			}
			continue
		default:
			s, err := flowLine(t)
			if err == nil {
				s, err = r.line(s)
			}
			if err == nil {
				err = flowMistake(s)
			}
			var un *unread
			if errors.As(err, &un) {
				what := un.what
				if what == "" {
					what = t
				}
				return &UnsupportedError{Type: p.header, Line: l.n, Feature: fmt.Sprintf("%q", clip(what))}
			}
			if err != nil {
				return &SyntaxError{Line: l.n, Msg: fmt.Sprintf("in %q, %v", clip(t), err)}
			}
			for _, f := range r.firsts {
				f.at += b.Len()
				firsts = append(firsts, f)
			}
			t = s
		}
		b.WriteString(t + "\n")
	}
	if len(open) > 0 {
		return &SyntaxError{Line: open[len(open)-1], Msg: `"subgraph" is not closed by "end"`}
	}
	p.body = lastShapes(b.String(), firsts, r.shapes)
	p.hidden = r.hidden
	return nil
}

// lastShapes gives each node, where the renderer first reads it, the last
// shape Mermaid gives it.
func lastShapes(body string, firsts []firstNode, shapes map[string]string) string {
	var b strings.Builder
	done := 0
	for _, f := range firsts {
		last := shapes[f.v]
		if last == "" || last == f.shape {
			continue
		}
		b.WriteString(body[done:f.at])
		b.WriteString(f.v + last + f.class)
		done = f.at + f.n
	}
	if done == 0 {
		return body
	}
	b.WriteString(body[done:])
	return b.String()
}

// ignore notes a feature read and not drawn, once, with the line of
// its first use.
func (p *prepared) ignore(f string, line int) {
	if !slices.Contains(p.ignored, f) {
		p.ignored = append(p.ignored, f)
		p.ignoredAt = append(p.ignoredAt, line)
	}
}

// How the renderer reads nodes and links (parseEdgeLine): a node is an id
// with a shape and a class; nodes joined by & make a group.
var (
	bmLink     = lazyRE(`^<?(?:-->|-.->|==>|---|-\.-|===)(?:\|[^|]*\|)?`)
	bmTextLink = lazyRE(`^<?(?:--|-\.|==)\s+.+?\s+(?:-->|---|\.->|-\.-|==>|===)`)
	bmNode     = lazyRE(`^[\w-]+(?:\(\(\(.+?\)\)\)|\(\[.+?\]\)|\(\(.+?\)\)|\[\[.+?\]\]|\[\(.+?\)\]|\[/.+?\\\]|\[\\.+?/\]|>.+?\]|\{\{.+?\}\}|\[.+?\]|\(.+?\)|\{.+?\})?(?::::\w[\w-]*)?`)
	textOpener = lazyRE(`^<?(?:--|-\.|==)\s`)
	// Not a dot first: SUMMARY.md --> B is Mermaid the renderer cuts at
	// the dot, no mistake.
	linkChars = lazyRE(`^[<>\-=~][<>\-=.~]*`)
)

// flowMistake reads a line of nodes and links, spaced out by flowLine and
// rewritten by flowReader.line, as the renderer does, and reports a
// mistake where it would stop reading. A stop at anything else is an
// *unread: Mermaid may read what the renderer does not, and the drawing
// would lack the rest of the line.
func flowMistake(s string) error {
	if bmLink().MatchString(s) || bmTextLink().MatchString(s) {
		return errors.New("the link starts from no node")
	}
	rest, ok, err := flowGroup(s)
	if err != nil {
		return err
	}
	if !ok {
		return &unread{}
	}
	for {
		spaced := len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t')
		rest = strings.TrimSpace(rest)
		if rest == "" {
			return nil
		}
		link := bmLink().FindString(rest)
		if link == "" {
			link = bmTextLink().FindString(rest)
		}
		if link == "" {
			switch {
			case textOpener().MatchString(rest):
				return errors.New("the text of the link is not closed: write A -- text --> B")
			case linkChars().MatchString(rest):
				return notLink(linkChars().FindString(rest))
			case spaced && nodeAlone(rest):
				return fmt.Errorf("a link is missing before %q", clip(rest))
			}
			return &unread{}
		}
		rest = strings.TrimSpace(rest[len(link):])
		next, ok, err := flowGroup(rest)
		if err != nil {
			return err
		}
		if !ok {
			switch {
			case rest == "":
				return errors.New("the link leads to no node")
			case rest[0] == '|':
				return errors.New("the text of the link is not closed: write A -->|text| B")
			case linkChars().MatchString(rest):
				return notLink(linkChars().FindString(rest))
			}
			return &unread{}
		}
		rest = next
	}
}

// nodeAlone reports whether s starts with a node followed by a space, or
// by nothing.
func nodeAlone(s string) bool {
	n := bmNode().FindString(s)
	return n != "" && (len(n) == len(s) || s[len(n)] == ' ' || s[len(n)] == '\t')
}

// flowGroup reads a group of nodes at the start of s, as the renderer
// does, and returns the rest. The error is an & followed by no node, which
// the renderer skips, or reads as a node "--" before a link.
func flowGroup(s string) (rest string, ok bool, err error) {
	n := bmNode().FindString(s)
	if n == "" {
		return s, false, nil
	}
	rest = s[len(n):]
	for {
		t, amp := strings.CutPrefix(strings.TrimSpace(rest), "&")
		if !amp {
			return rest, true, nil
		}
		t = strings.TrimSpace(t)
		n := bmNode().FindString(t)
		if n == "" || bmLink().MatchString(t) || bmTextLink().MatchString(t) {
			return t, true, errors.New(`"&" is followed by no node`)
		}
		rest = t[len(n):]
	}
}

// notLink is the error of a link Mermaid does not have.
func notLink(link string) error {
	return fmt.Errorf("%q is not a Mermaid link (-->, ---, -.->, ==>, …)", link)
}

// unread is a line, or a part of one, that Mermaid may read and the
// renderer does not: the diagram is left to Mermaid. what is the part, or
// "" for the line.
type unread struct{ what string }

func (u *unread) Error() string { return "the renderer cannot read " + u.what }

// Mermaid reads node ids the renderer does not, and labels it cuts short.
// flowReader rewrites both before a line is drawn:
//
//   - An id with a dot, a slash or a letter outside ASCII (SUMMARY.md,
//     docs/a.md, Café), which the renderer cuts at that character, is
//     given another id, folio-id-1 and so on, with the id as its label
//     where the node is first drawn.
//   - The renderer ends a label at the first closing bracket it meets
//     (and a link's |text| at the first bar), even between quotes, where
//     Mermaid allows one: A["a [b] c"]. Between quotes, each is written
//     as a stand-in (see hide), which draw puts back.
//   - The id of a link (A e1@--> B), which gives it an animation or a
//     curve, is left out, and so is the line that gives them (flowData).
//
// The shapes the renderer does not draw (A@{ shape: … }, A[/…/],
// A[\…\], A(-…-), A[|…|…]) are *unread.
type flowReader struct {
	ids    map[string]string // Mermaid's id → the renderer's, for the ids given another
	drawn  map[string]bool   // the renderer's ids drawn so far
	edges  map[string]bool   // the ids of links
	src    string            // the diagram, which the ids given must not be in
	hidden bool              // whether a label holds stand-ins
	// Mermaid draws a node with the last shape given it (A --> B, then
	// B(Round)); the renderer, with the first. shapes holds each node's
	// last, and firsts where each node is first written in the line being
	// read, for flowchart to give it that shape there.
	shapes map[string]string
	firsts []firstNode
}

// firstNode is the first time a node is written: at byte at of the
// renderer's text, n bytes, with shape and class.
type firstNode struct {
	v, shape, class string
	at, n           int
}

func newFlowReader(lines []line) *flowReader {
	var src strings.Builder
	for _, l := range lines {
		src.WriteString(l.text + "\n")
	}
	return &flowReader{ids: map[string]string{}, drawn: map[string]bool{}, edges: map[string]bool{}, shapes: map[string]string{}, src: src.String()}
}

var (
	// flowID is a node id as Mermaid reads it, in part: Mermaid also takes
	// some punctuation (a+b, a:b), which is left unread.
	flowID = lazyRE(`^[\p{L}\p{M}\p{N}_./-]+`)
	bmID   = lazyRE(`^[\w-]+$`)
	// flowEdgeID is the id before a link: A e1@--> B, spaced out by
	// flowLine as A e1@ --> B.
	flowEdgeID = lazyRE(`^([\p{L}\p{M}\p{N}_./-]+)@\s*`)
	// flowData gives properties to a node or a link: A@{ shape: rect },
	// e1@{ animate: true }.
	flowData = lazyRE(`^([\p{L}\p{M}\p{N}_./-]+)@\{.*\}$`)
	// bmLinkOp is a link without its |text|.
	bmLinkOp  = lazyRE(`^<?(?:-->|-.->|==>|---|-\.-|===)`)
	bmClass   = lazyRE(`^:::\w[\w-]*`)
	subgraphN = lazyRE(`^([\p{L}\p{M}\p{N}_./-]+)(\s*\[.*\])?$`)
)

// flowShapes are Mermaid's node shapes, the longer openers first; drawn
// is false for those the renderer lacks, which it would draw as another
// shape with the wrong label.
var flowShapes = []struct {
	open, close string
	drawn       bool
}{
	{"(((", ")))", true},
	{"(-", "-)", false}, // an ellipse
	{"([", "])", true},
	{"((", "))", true},
	{"(", ")", true},
	{"[[", "]]", true},
	{"[(", ")]", true},
	{"[|", "]", false}, // a rectangle with properties: A[|borders:lt|text]
	{"[/", `\]`, true},
	{"[/", "/]", false}, // a parallelogram
	{`[\`, "/]", true},
	{`[\`, `\]`, false},
	{"[", "]", true},
	{"{{", "}}", true},
	{"{", "}", true},
	{">", "]", true},
}

// The stand-ins of the closers between quotes: each, and a bar, becomes
// an opener (or !) followed by U+034F, a combining mark. The renderer reads
// the pair as text, and measures it as wide as the character it stands
// for.
const standIn = "\u034f"

var (
	hide = strings.NewReplacer("]", "["+standIn, ")", "("+standIn, "}", "{"+standIn, "|", "!"+standIn)
	show = strings.NewReplacer("["+standIn, "]", "("+standIn, ")", "{"+standIn, "}", "!"+standIn, "|")
)

// rename returns the renderer's ids of a comma-separated list of
// Mermaid ids.
func (r *flowReader) rename(ids string) string {
	names := strings.Split(ids, ",")
	for i, n := range names {
		if flowID().FindString(n) == n {
			names[i] = r.id(n)
		}
	}
	return strings.Join(names, ",")
}

// id returns the renderer's id of a Mermaid id.
func (r *flowReader) id(id string) string {
	if bmID().MatchString(id) {
		return id
	}
	if v, ok := r.ids[id]; ok {
		return v
	}
	v := ""
	for n := len(r.ids) + 1; v == "" || strings.Contains(r.src, v); n++ {
		v = "folio-id-" + strconv.Itoa(n)
	}
	r.ids[id] = v
	return v
}

// subgraph rewrites the name of a subgraph (id, id [label] or a title)
// whose id the renderer would not read, so that links to it reach it.
func (r *flowReader) subgraph(args string) string {
	m := subgraphN().FindStringSubmatch(args)
	if m == nil || bmID().MatchString(m[1]) {
		return args
	}
	if m[2] == "" {
		return r.id(m[1]) + `["` + m[1] + `"]`
	}
	return r.id(m[1]) + " " + strings.TrimSpace(m[2])
}

// line rewrites a line of nodes and links, spaced out by flowLine, for the
// renderer. It stops at what it does not read, and writes the rest as it
// is, for flowMistake to tell a mistake from what the renderer does not
// read.
func (r *flowReader) line(s string) (string, error) {
	var b strings.Builder
	type span struct{ at, n int }
	var nodes []span // those written, to check that the renderer reads them
	rest := s
	r.firsts = r.firsts[:0]
read:
	for {
		// A node, or nodes joined by &.
		for {
			node, n, err := r.node(rest)
			if err != nil {
				return "", err
			}
			if n == 0 {
				break read
			}
			nodes = append(nodes, span{b.Len(), len(node)})
			if f := len(r.firsts) - 1; f >= 0 && r.firsts[f].at < 0 {
				r.firsts[f].at, r.firsts[f].n = b.Len(), len(node)
			}
			b.WriteString(node)
			rest = rest[n:]
			t, amp := strings.CutPrefix(strings.TrimLeft(rest, " \t"), "&")
			if !amp {
				break
			}
			b.WriteString(" & ")
			rest = strings.TrimLeft(t, " \t")
		}
		// A link, with its id and its text.
		t := strings.TrimLeft(rest, " \t")
		if id := flowEdgeID().FindStringSubmatch(t); id != nil {
			if after := t[len(id[0]):]; bmLinkOp().MatchString(after) || bmTextLink().MatchString(after) {
				r.edges[id[1]] = true
				t = after
			}
		}
		link := bmTextLink().FindString(t)
		n := len(link)
		if link == "" {
			link = bmLinkOp().FindString(t)
			n = len(link)
			if link == "" {
				break
			}
			if text, m := pipeText(t[n:]); m > 0 {
				link += text
				n += m
			} else if strings.HasPrefix(t[n:], "|") {
				break // not closed: for flowMistake
			}
		}
		b.WriteString(" " + link + " ")
		rest = strings.TrimLeft(t[n:], " \t")
	}
	b.WriteString(rest)
	out := b.String()
	for _, n := range nodes {
		if len(bmNode().FindString(out[n.at:])) != n.n {
			// The renderer reads another shape, across the label's end.
			return "", &unread{}
		}
	}
	r.hidden = r.hidden || strings.Contains(out, standIn)
	return out, nil
}

// pipeText reads the |text| of a link at the start of s, with the bars
// between quotes hidden, and returns it and the bytes read, 0 for none.
func pipeText(s string) (string, int) {
	if !strings.HasPrefix(s, "|") {
		return "", 0
	}
	if q, ok := quoted(s[1:]); ok && strings.HasPrefix(s[1+len(q):], "|") {
		return "|" + hideQuoted(q) + "|", len(q) + 2
	}
	i := strings.IndexByte(s[1:], '|')
	if i < 0 {
		return "", 0
	}
	return s[:i+2], i + 2
}

// quoted returns the quoted string at the start of s.
func quoted(s string) (string, bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", false
	}
	i := strings.IndexByte(s[1:], '"')
	if i < 0 {
		return "", false
	}
	return s[:i+2], true
}

// hideQuoted writes the closers and bars of a quoted label as stand-ins.
func hideQuoted(q string) string {
	return `"` + hide.Replace(q[1:len(q)-1]) + `"`
}

// node reads the node at the start of s: its id, its shape and its class.
// It returns the node as the renderer is to read it and the bytes read, 0
// if s starts with no node.
func (r *flowReader) node(s string) (string, int, error) {
	if bmLinkOp().MatchString(s) || bmTextLink().MatchString(s) {
		return "", 0, nil
	}
	id := flowID().FindString(s)
	if id == "" {
		return "", 0, nil
	}
	rest := s[len(id):]
	if strings.HasPrefix(rest, "@{") {
		// Mermaid 11's shapes, some fifty, most of which the renderer
		// lacks.
		end := strings.IndexByte(rest, '}') + 1
		if end == 0 {
			end = len(rest)
		}
		return "", 0, &unread{what: id + rest[:end]}
	}
	shape, n, err := flowShape(rest)
	if err != nil {
		return "", 0, err
	}
	if n < 0 {
		return "", 0, &unread{what: id + rest[:-n]}
	}
	class := bmClass().FindString(rest[n:])
	v := r.id(id)
	if shape == "" && v != id && !r.drawn[v] {
		shape = `["` + id + `"]` // its label, where the renderer draws it; quoted, as it may start with a slash
	}
	if n > 0 {
		r.shapes[v] = shape
	}
	if !r.drawn[v] {
		r.firsts = append(r.firsts, firstNode{v: v, shape: shape, class: class, at: -1}) // placed by line
	}
	r.drawn[v] = true
	return v + shape + class, len(id) + n + len(class), nil
}

// flowShape reads the shape at the start of s. It returns the shape as the
// renderer is to read it and the bytes read: 0 for no shape, -n for a
// shape of n bytes the renderer does not draw. A label between quotes
// has its closers hidden; one not quoted cannot hold a bracket or a quote,
// in Mermaid.
func flowShape(s string) (string, int, error) {
	open := ""
	for _, sh := range flowShapes {
		if strings.HasPrefix(s, sh.open) {
			open = sh.open
			break
		}
	}
	if open == "" {
		return "", 0, nil
	}
	body := s[len(open):]
	var label string
	var end int // of the label in body
	q, isQuoted := quoted(body)
	if isQuoted {
		label = hideQuoted(q)
		// Mermaid allows spaces after the quote; the renderer would keep
		// them, and the quotes with them.
		end = len(body) - len(strings.TrimLeft(body[len(q):], " \t"))
	} else {
		end = strings.IndexAny(body, `[](){}"`)
		if end < 0 {
			return "", 0, nil // not closed: for balanced or flowMistake
		}
		for _, sh := range flowShapes {
			if sh.open == open && len(sh.close) == 2 && end > 0 && strings.HasPrefix(body[end-1:], sh.close) {
				end-- // a closer of two characters: A[/a\], A(-a-)
				break
			}
		}
		label = body[:end]
	}
	// near: the label ends at a bracket of the shape's kind, in another
	// closer (A[/a], A((a)b))): a mistake, or a shape folio does not know.
	near := false
	for _, sh := range flowShapes {
		if sh.open != open {
			continue
		}
		if strings.HasPrefix(body[end:], sh.close) {
			n := len(open) + end + len(sh.close)
			if !sh.drawn {
				return "", -n, nil
			}
			return open + label + sh.close, n, nil
		}
		near = near || end < len(body) && body[end] == sh.close[len(sh.close)-1]
	}
	if isQuoted || near {
		// Text after the quotes (A("a"b), which Mermaid reads as a label
		// "ab"), or near.
		return "", -min(len(open)+end+1, len(s)), nil
	}
	return "", 0, fmt.Errorf("the label %q holds a bracket or a quote: write it between quotes, as in A[\"a [b] c\"], with #quot; for a quote", clip(body[:end+1]))
}
