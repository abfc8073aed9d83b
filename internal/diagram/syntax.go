package diagram

import "strings"

// beautiful-mermaid reads node names with [\w-]+ and wants spaces around
// links and relations, so it misreads Mermaid's compact forms (A-->B,
// A<|--B, A||--o{B). These functions put the spaces in, and write long
// links (--->, ====>) in the one length it knows, before a line is drawn.

// flowKeywords start the flowchart lines that hold no link.
var flowKeywords = lazyRE(`^(subgraph|end|classDef|class|style|linkStyle|click|direction|accTitle|accDescr)\b`)

// flowLine spaces out the links of a flowchart line, outside brackets and
// quotes. It fails on a link that goes on after its head (A -->> B), which
// Mermaid rejects: spaced out, it would be a link to no node.
func flowLine(s string) (string, error) {
	if flowKeywords().MatchString(s) {
		return s, nil
	}
	var b strings.Builder
	depth, quoted := 0, false
	for i := 0; i < len(s); {
		c := s[i]
		if quoted {
			quoted = c != '"'
			b.WriteByte(c)
			i++
			continue
		}
		switch c {
		case '"':
			quoted = true
		case '[', '(', '{':
			depth++
		case ']', ')', '}':
			depth = max(depth-1, 0)
		case '.':
			// The end of a dotted link with text (A -. text .- B), which
			// the renderer knows as -.-.
			if depth == 0 && i > 0 && (s[i-1] == ' ' || s[i-1] == '\t') && strings.HasPrefix(s[i:], ".-") && (i+2 == len(s) || s[i+2] == ' ' || s[i+2] == '\t') {
				b.WriteString("-.-")
				i += 2
				continue
			}
		case '-', '=', '<', '~', 'o', 'x':
			// o and x start a link only after a space, as in Mermaid: in
			// "A o--o B", not in "foo--> B".
			if depth > 0 || (c == 'o' || c == 'x') && (i == 0 || s[i-1] != ' ' && s[i-1] != '\t') {
				break
			}
			if link, n := flowLink(s[i:]); n > 0 {
				if j := i + n; j < len(s) && strings.IndexByte(">-=", s[j]) >= 0 {
					for j < len(s) && strings.IndexByte("<>-=.~", s[j]) >= 0 {
						j++
					}
					return "", notLink(s[i:j])
				}
				if i > 0 && s[i-1] != ' ' && s[i-1] != '\t' {
					b.WriteByte(' ')
				}
				b.WriteString(link)
				i += n
				// A |label| stays against its link.
				if j := len(s[i:]) - len(strings.TrimLeft(s[i:], " \t")); j > 0 && i+j < len(s) && s[i+j] == '|' {
					i += j
				}
				if i < len(s) && s[i] != '|' && s[i] != ' ' && s[i] != '\t' {
					b.WriteByte(' ')
				}
				continue
			}
			if c == '<' && i+1 < len(s) && strings.IndexByte("-=.", s[i+1]) >= 0 {
				return "", notLink(linkChars().FindString(s[i:]))
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String(), nil
}

// flowLink reads the link at the start of s: it returns the link as
// beautiful-mermaid knows it and the bytes read, or n = 0.
func flowLink(s string) (string, int) {
	start := ""
	i := 0
	if len(s) > 1 && (s[0] == '<' || (s[0] == 'o' || s[0] == 'x') && (s[1] == '-' || s[1] == '=')) {
		// A circle or a cross at the start (A o--o B) is drawn as an
		// arrow, as at the end.
		start, i = "<", 1
	}
	run := func(c byte) int {
		j := i
		for j < len(s) && s[j] == c {
			j++
		}
		return j - i
	}
	// endsWord: a circle or cross head (--o, --x) is one only when no name
	// goes on after it.
	endsWord := func(j int) bool {
		return j >= len(s) || !isWord(s[j])
	}
	switch {
	case i < len(s) && s[i] == '~':
		if n := run('~'); n >= 3 {
			return "---", i + n
		}
	case i < len(s) && s[i] == '=':
		n := run('=')
		j := i + n
		switch {
		case n >= 2 && j < len(s) && s[j] == '>':
			return start + "==>", j + 1
		case n >= 2 && j < len(s) && (s[j] == 'o' || s[j] == 'x') && endsWord(j+1):
			return start + "==>", j + 1
		case n >= 3:
			return start + "===", j
		case n == 2 && start == "" && j < len(s) && (s[j] == ' ' || s[j] == '\t'):
			return "==", j // opens a link with text: == text ==>
		}
	case i < len(s) && s[i] == '-':
		if i+1 < len(s) && s[i+1] == '.' {
			j := i + 1
			for j < len(s) && s[j] == '.' {
				j++
			}
			switch {
			case j < len(s) && s[j] == '-' && j+1 < len(s) && s[j+1] == '>':
				return start + "-.->", j + 2
			case j < len(s) && s[j] == '-' && j+1 < len(s) && (s[j+1] == 'o' || s[j+1] == 'x') && endsWord(j+2):
				return start + "-.->", j + 2
			case j < len(s) && s[j] == '-':
				return start + "-.-", j + 1
			case start == "" && j == i+2 && j < len(s) && (s[j] == ' ' || s[j] == '\t'):
				return "-.", j // -. text .->
			}
			return "", 0
		}
		n := run('-')
		j := i + n
		switch {
		case n >= 2 && j < len(s) && s[j] == '>':
			return start + "-->", j + 1
		case n >= 2 && j < len(s) && (s[j] == 'o' || s[j] == 'x') && endsWord(j+1):
			return start + "-->", j + 1
		case n >= 3:
			return start + "---", j
		case n == 2 && start == "" && j < len(s) && (s[j] == ' ' || s[j] == '\t'):
			return "--", j // -- text -->
		}
	}
	return "", 0
}

func isWord(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

// A relation of a class diagram: class names are words, the cardinalities
// quoted.
var classRel = lazyRE(`^(\w+)\s*(?:("[^"]*")\s*)?(<\|--|<\|\.\.|\*--|o--|-->|--\*|--o|--\|>|\.\.>|\.\.\|>|<--|<\.\.|\.\.|--)\s*(?:("[^"]*")\s*)?(\w+)\s*(?::\s*(.*))?$`)

// classLine spaces out a relation of a class diagram.
func classLine(s string) string {
	m := classRel().FindStringSubmatch(s)
	if m == nil {
		return s
	}
	out := m[1] + " "
	if m[2] != "" {
		out += m[2] + " "
	}
	out += m[3] + " "
	if m[4] != "" {
		out += m[4] + " "
	}
	out += m[5]
	if m[6] != "" {
		out += " : " + m[6]
	}
	return out
}

// A relationship of an ER diagram: the cardinality on each side is two
// characters, which keeps it apart from names with dashes.
var erRel = lazyRE(`^("[^"]*"|[\w-]+?)\s*(\|o|\|\||\}o|\}\|)(--|\.\.)(o\||\|\||o\{|\|\{)\s*("[^"]*"|[\w-]+)\s*:\s*(.*)$`)

// erLine spaces out a relationship of an ER diagram.
func erLine(s string) string {
	m := erRel().FindStringSubmatch(s)
	if m == nil {
		return s
	}
	return m[1] + " " + m[2] + m[3] + m[4] + " " + m[5] + " : " + m[6]
}
