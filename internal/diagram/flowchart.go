package diagram

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// beautiful-mermaid reads a flowchart line by line, and draws what it
// reads: a line that is not one of its statements is read as nodes and
// links as far as it goes, and the rest is dropped. So a link Mermaid
// does not have (A -->> B), a link to nothing (A -->) or a click would be
// drawn wrong, silently. flowchart passes on the lines it reads, leaves
// out those that draw nothing, and reports the mistakes.

// flowStyles are the statements that style the drawing, as the renderer
// reads them.
var flowStyles = map[string]*regexp.Regexp{
	"classDef":  regexp.MustCompile(`^classDef\s+(\w+)\s+(.+)$`),
	"class":     regexp.MustCompile(`^class\s+([\w,-]+)\s+(\w+)$`),
	"style":     regexp.MustCompile(`^style\s+([\w,-]+)\s+(.+)$`),
	"linkStyle": regexp.MustCompile(`^linkStyle\s+(default|[\d,\s]+)\s+(.+)$`),
}

// flowStyleForms say how each is written, for a statement that lacks its
// arguments.
var flowStyleForms = map[string]string{
	"classDef":  "a class name and its styles: classDef done fill:#9f6",
	"class":     "nodes and a class name: class A,B done",
	"style":     "a node and its styles: style A fill:#f9f",
	"linkStyle": "link numbers and styles: linkStyle 0 stroke:#f66",
}

var (
	flowStatement = regexp.MustCompile(`^(subgraph|direction|click|classDef|class|style|linkStyle)(?:\s+(.*))?$`)
	flowDirection = regexp.MustCompile(`^(?i:TB|TD|BT|LR|RL)$`)
	twoFields     = regexp.MustCompile(`^(\S+)\s+(.*)$`)
)

// flowchart checks the statements of a flowchart and writes them for the
// renderer.
func (p *prepared) flowchart(lines []line) error {
	var b strings.Builder
	b.WriteString(lines[0].text + "\n")
	var open []int // the lines of the subgraphs not closed yet
	for _, l := range lines[1:] {
		if err := balanced(l); err != nil {
			return err
		}
		t := l.text
		m := flowStatement.FindStringSubmatch(t)
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
		case kw == "direction":
			if !flowDirection.MatchString(args) {
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
			p.ignore("click")
			continue
		case kw != "":
			f := twoFields.FindStringSubmatch(args)
			if f == nil {
				return &SyntaxError{Line: l.n, Msg: fmt.Sprintf("%q needs %s", kw, flowStyleForms[kw])}
			}
			stmts := []string{t}
			if kw == "classDef" {
				// Mermaid takes several classes at once; the renderer, one.
				stmts = nil
				for _, name := range strings.Split(f[1], ",") {
					stmts = append(stmts, "classDef "+strings.TrimSpace(name)+" "+f[2])
				}
			}
			for _, s := range stmts {
				if flowStyles[kw].MatchString(s) {
					b.WriteString(s + "\n")
				} else {
					p.ignore(fmt.Sprintf("%q", clip(s)))
				}
			}
			continue
		default:
			s, err := flowLine(t)
			if err == nil {
				err = flowMistake(s)
			}
			if err != nil {
				return &SyntaxError{Line: l.n, Msg: fmt.Sprintf("in %q, %v", clip(t), err)}
			}
			t = s
		}
		b.WriteString(t + "\n")
	}
	if len(open) > 0 {
		return &SyntaxError{Line: open[len(open)-1], Msg: `"subgraph" is not closed by "end"`}
	}
	p.body = b.String()
	return nil
}

// ignore notes a feature read and not drawn, once.
func (p *prepared) ignore(f string) {
	if !slices.Contains(p.ignored, f) {
		p.ignored = append(p.ignored, f)
	}
}

// How the renderer reads nodes and links (parseEdgeLine): a node is an id
// with a shape and a class; nodes joined by & make a group.
var (
	bmLink     = regexp.MustCompile(`^<?(?:-->|-.->|==>|---|-\.-|===)(?:\|[^|]*\|)?`)
	bmTextLink = regexp.MustCompile(`^<?(?:--|-\.|==)\s+.+?\s+(?:-->|---|\.->|-\.-|==>|===)`)
	bmNode     = regexp.MustCompile(`^[\w-]+(?:\(\(\(.+?\)\)\)|\(\[.+?\]\)|\(\(.+?\)\)|\[\[.+?\]\]|\[\(.+?\)\]|\[/.+?\\\]|\[\\.+?/\]|>.+?\]|\{\{.+?\}\}|\[.+?\]|\(.+?\)|\{.+?\})?(?::::\w[\w-]*)?`)
	textOpener = regexp.MustCompile(`^<?(?:--|-\.|==)\s`)
	// Not a dot first: SUMMARY.md --> B is Mermaid the renderer cuts at
	// the dot, no mistake.
	linkChars = regexp.MustCompile(`^[<>\-=~][<>\-=.~]*`)
)

// flowMistake reads a line of nodes and links, spaced out by flowLine, as
// the renderer does, and reports a mistake where it would stop reading. A
// stop at what Mermaid reads and the renderer does not (a node id with a
// dot or an accent) is not reported: the drawing lacks the rest of the
// line, as before.
func flowMistake(s string) error {
	if bmLink.MatchString(s) || bmTextLink.MatchString(s) {
		return errors.New("the link starts from no node")
	}
	rest, ok, err := flowGroup(s)
	if !ok || err != nil {
		return err
	}
	for {
		spaced := len(rest) > 0 && (rest[0] == ' ' || rest[0] == '\t')
		rest = strings.TrimSpace(rest)
		if rest == "" {
			return nil
		}
		link := bmLink.FindString(rest)
		if link == "" {
			link = bmTextLink.FindString(rest)
		}
		if link == "" {
			read := s[:len(s)-len(rest)]
			switch {
			case textOpener.MatchString(rest):
				return errors.New("the text of the link is not closed: write A -- text --> B")
			case linkChars.MatchString(rest):
				return notLink(linkChars.FindString(rest))
			// A node after a space, with a space or nothing after it, but
			// not where a quoted label holds a bracket, which ends it for
			// the renderer (A["a [b] c"]), nor before Mermaid the renderer
			// does not read (A e1@--> B).
			case spaced && strings.Count(read, `"`)%2 == 0 && nodeAlone(rest):
				return fmt.Errorf("a link is missing before %q", clip(rest))
			}
			return nil
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
			case linkChars.MatchString(rest):
				return notLink(linkChars.FindString(rest))
			}
			return nil
		}
		rest = next
	}
}

// nodeAlone reports whether s starts with a node followed by a space, or
// by nothing.
func nodeAlone(s string) bool {
	n := bmNode.FindString(s)
	return n != "" && (len(n) == len(s) || s[len(n)] == ' ' || s[len(n)] == '\t')
}

// flowGroup reads a group of nodes at the start of s, as the renderer
// does, and returns the rest. The error is an & followed by no node, which
// the renderer skips, or reads as a node "--" before a link.
func flowGroup(s string) (rest string, ok bool, err error) {
	n := bmNode.FindString(s)
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
		n := bmNode.FindString(t)
		if n == "" || bmLink.MatchString(t) || bmTextLink.MatchString(t) {
			return t, true, errors.New(`"&" is followed by no node`)
		}
		rest = t[len(n):]
	}
}

// notLink is the error of a link Mermaid does not have.
func notLink(link string) error {
	return fmt.Errorf("%q is not a Mermaid link (-->, ---, -.->, ==>, …)", link)
}
