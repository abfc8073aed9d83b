package diagram

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// beautiful-mermaid has no C4 diagrams. A C4 diagram is elements, the
// boundaries around them and relations between them, which a flowchart
// draws as well: c4 rewrites one into a flowchart, each element labelled
// with its C4 stereotype («person», «system_db», …) as Mermaid does.

var c4Call = lazyRE(`^([A-Za-z][A-Za-z0-9_]*)\s*\((.*)\)\s*(\{)?$`)

// c4Shapes gives the flowchart shape of each element: its opening and
// closing brackets.
var c4Shapes = sync.OnceValue(func() map[string][2]string {
	return map[string][2]string{
		"person":    {"([", "])"},
		"system":    {"[", "]"},
		"container": {"(", ")"},
		"component": {"[", "]"},
		"db":        {"[(", ")]"},
		"queue":     {"[[", "]]"},
	}
})

func (p *prepared) c4(lines []line) error {
	ids := map[string]string{}
	id := func(alias string) string {
		if v, ok := ids[alias]; ok {
			return v
		}
		v := "c" + strconv.Itoa(len(ids)+1)
		ids[alias] = v
		return v
	}
	var b strings.Builder
	b.WriteString("flowchart TB\n")
	depth, opened := 0, 0
	for _, l := range lines[1:] {
		t := l.text
		if m := seqTitle().FindStringSubmatch(t); m != nil {
			p.title = unquote(strings.TrimSpace(m[1]))
			continue
		}
		if t == "}" {
			if depth == 0 {
				return &SyntaxError{Line: l.n, Msg: "'}' closes no boundary"}
			}
			depth--
			b.WriteString("end\n")
			continue
		}
		m := c4Call().FindStringSubmatch(t)
		if m == nil {
			return &SyntaxError{Line: l.n, Msg: fmt.Sprintf("cannot read %q: a C4 line is Element(alias, \"label\", …) or Rel(from, to, \"label\")", clip(t))}
		}
		fn, args := m[1], c4Args(m[2])
		arg := func(i int) string {
			if i < len(args) {
				return args[i]
			}
			return ""
		}
		if m[3] == "{" {
			// A boundary or a deployment node: a subgraph.
			if len(args) == 0 {
				return &SyntaxError{Line: l.n, Msg: fmt.Sprintf("%s needs an alias", fn)}
			}
			label := arg(1)
			if label == "" {
				label = args[0]
			}
			if kind := arg(2); kind != "" && !strings.HasPrefix(fn, "Node") && fn != "Deployment_Node" {
				label += " [" + kind + "]"
			}
			fmt.Fprintf(&b, "subgraph %s[\"%s\"]\n", id(args[0]), c4Text(label))
			if depth == 0 {
				opened = l.n
			}
			depth++
			continue
		}
		switch {
		case strings.HasPrefix(fn, "Update") || strings.HasPrefix(fn, "Add") && strings.HasSuffix(fn, "Tag"):
			continue // styles and layout: not drawn
		case strings.HasPrefix(fn, "Rel") || fn == "BiRel":
			from, to, label, techn := arg(0), arg(1), arg(2), arg(3)
			if fn == "RelIndex" {
				from, to, label, techn = arg(1), arg(2), arg(3), arg(4)
			}
			if from == "" || to == "" {
				return &SyntaxError{Line: l.n, Msg: fmt.Sprintf("%s needs a source and a target", fn)}
			}
			arrow := "-->"
			switch fn {
			case "BiRel":
				arrow = "<-->"
			case "Rel_Back":
				from, to = to, from
			}
			if techn != "" {
				label += " [" + techn + "]"
			}
			if label != "" {
				fmt.Fprintf(&b, "%s %s|\"%s\"| %s\n", id(from), arrow, c4Text(label), id(to))
			} else {
				fmt.Fprintf(&b, "%s %s %s\n", id(from), arrow, id(to))
			}
		default:
			shape, stereo, techn, ok := c4Element(fn)
			if !ok {
				return &SyntaxError{Line: l.n, Msg: fmt.Sprintf("%s is not a C4 element", fn)}
			}
			if len(args) == 0 {
				return &SyntaxError{Line: l.n, Msg: fmt.Sprintf("%s needs an alias", fn)}
			}
			label := arg(1)
			if label == "" {
				label = args[0]
			}
			p.labels = append(p.labels, label)
			parts := []string{"«" + stereo + "»", label}
			descr := arg(2)
			if techn {
				// Containers and components: technology, then description.
				if descr != "" {
					parts[1] += " [" + descr + "]"
				}
				descr = arg(3)
			}
			if descr != "" {
				parts = append(parts, descr)
			}
			sh := c4Shapes()[shape]
			fmt.Fprintf(&b, "%s%s\"%s\"%s\n", id(args[0]), sh[0], c4Text(strings.Join(parts, "\n")), sh[1])
		}
	}
	if depth > 0 {
		return &SyntaxError{Line: opened, Msg: "a boundary '{' is not closed"}
	}
	p.body = b.String()
	p.hidden = strings.Contains(p.body, standIn)
	return nil
}

// c4Element gives the shape and the stereotype of an element function
// (SystemDb_Ext → "db", "external_system_db"), and whether its third
// argument is a technology (containers and components) rather than a
// description.
func c4Element(fn string) (shape, stereo string, techn, ok bool) {
	base, ext := strings.CutSuffix(fn, "_Ext")
	techn = strings.HasPrefix(base, "Container") || strings.HasPrefix(base, "Component")
	switch base {
	case "Person":
		shape, stereo = "person", "person"
	case "System", "Container", "Component":
		shape, stereo = strings.ToLower(base), strings.ToLower(base)
	case "SystemDb", "ContainerDb", "ComponentDb":
		shape, stereo = "db", strings.ToLower(strings.TrimSuffix(base, "Db"))+"_db"
	case "SystemQueue", "ContainerQueue", "ComponentQueue":
		shape, stereo = "queue", strings.ToLower(strings.TrimSuffix(base, "Queue"))+"_queue"
	default:
		return "", "", false, false
	}
	if ext {
		stereo = "external_" + stereo
	}
	return shape, stereo, techn, true
}

// c4Args splits the arguments of a call at the commas outside quotes, and
// leaves out the named ones ($tags="…", $link="…").
func c4Args(s string) []string {
	var out []string
	var cur strings.Builder
	in := false
	flush := func() {
		a := strings.TrimSpace(cur.String())
		cur.Reset()
		if !strings.HasPrefix(a, "$") {
			out = append(out, unquote(a))
		}
	}
	for _, r := range s {
		switch {
		case r == '"':
			in = !in
			cur.WriteRune(r)
		case r == ',' && !in:
			flush()
		default:
			cur.WriteRune(r)
		}
	}
	if strings.TrimSpace(cur.String()) != "" || len(out) > 0 {
		flush()
	}
	return out
}

// c4Text makes a label safe inside the quotes of a flowchart node: a quote
// becomes a typographic one, a line break <br>, and a closing bracket or a
// bar a stand-in (see hide), which the renderer would take for the end of
// the label: Component(c, "Parser", "Go") is labelled "Parser [Go]".
func c4Text(s string) string {
	s = strings.ReplaceAll(s, `"`, "”")
	return hide.Replace(strings.ReplaceAll(s, "\n", "<br>"))
}
