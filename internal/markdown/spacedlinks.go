package markdown

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"

	"folio/internal/diag"
)

// linkTitle matches the title after a link destination: ` "Title"`.
var linkTitle = regexp.MustCompile(`\s+("[^"]*"|'[^']*'|\([^)]*\))\s*$`)

// spacedLinks finds links and images whose destination holds a space
// (`![Map](assets/site map.png)`), which CommonMark reads as text. HonKit
// reads them as links: in a HonKit book (legacy) they are rewritten as
// CommonMark writes them, `](<assets/site map.png>)`; elsewhere each is
// a warning. firstLine is the page line src starts at.
func (d *Doc) spacedLinks(src []byte, legacy bool, firstLine int) []byte {
	if !mayHaveSpacedLink(src) {
		return src // most pages: no fence or line to follow
	}
	var out []byte
	var open fence
	lines := bytes.SplitAfter(src, []byte("\n"))
	for i, line := range lines {
		if f := fenceOf(string(line)); f.ch != 0 {
			switch {
			case open.ch == 0:
				open = f
				out = append(out, line...)
				continue
			case f.ch == open.ch && f.n >= open.n && strings.TrimSpace(f.info) == "":
				open = fence{}
				out = append(out, line...)
				continue
			}
		}
		if open.ch != 0 || !bytes.Contains(line, []byte("](")) {
			out = append(out, line...)
			continue
		}
		fixed, cols := spacedInLine(line)
		if len(cols) == 0 {
			out = append(out, line...)
			continue
		}
		if legacy {
			out = append(out, fixed...)
			continue
		}
		out = append(out, line...)
		for _, c := range cols {
			d.Diags = append(d.Diags, diag.Diagnostic{Path: d.Path, Line: firstLine + i, Col: c, Severity: diag.Warning, Rule: "link-space",
				Msg:  "a link destination holds a space: it is shown as text, not as a link",
				Hint: "write the path between < and > (](<my file.png>)) or the space as %20"})
		}
	}
	return out
}

// spacedInLine rewrites the links of one line whose destination holds a
// space, outside code spans, and returns the 1-based columns of their
// destinations.
func spacedInLine(line []byte) ([]byte, []int) {
	var out []byte
	var cols []int
	code := 0 // length of the open code span's backtick run
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c == '`' {
			n := 1
			for i+n < len(line) && line[i+n] == '`' {
				n++
			}
			switch {
			case code == 0:
				code = n
			case code == n:
				code = 0
			}
			out = append(out, line[i:i+n]...)
			i += n - 1
			continue
		}
		if code > 0 || c != ']' || i+1 >= len(line) || line[i+1] != '(' {
			out = append(out, c)
			continue
		}
		start := i + 2
		end, depth := start, 1
		for ; end < len(line); end++ {
			if line[end] == '\n' {
				end = len(line) // a destination ends on its line
				break
			}
			if line[end] == '(' {
				depth++
			} else if line[end] == ')' {
				if depth--; depth == 0 {
					break
				}
			}
		}
		if end >= len(line) {
			out = append(out, c)
			continue
		}
		dest, title := bytes.TrimSpace(line[start:end]), []byte(nil)
		if m := linkTitle.FindIndex(dest); m != nil {
			dest, title = dest[:m[0]], dest[m[0]:]
		}
		if len(dest) == 0 || !bytes.ContainsAny(dest, " \t") || bytes.ContainsAny(dest, "<>`") || bytes.Contains(dest, []byte("](")) {
			out = append(out, c)
			continue
		}
		cols = append(cols, start+1)
		out = append(out, fmt.Sprintf("](<%s>%s)", dest, title)...)
		i = end
	}
	return out, cols
}

// mayHaveSpacedLink reports whether some "](" of src is followed by a
// space before its closing ")" or the line's end.
func mayHaveSpacedLink(src []byte) bool {
	for {
		i := bytes.Index(src, []byte("]("))
		if i < 0 {
			return false
		}
		src = src[i+2:]
		depth := 1
		for j := 0; j < len(src) && depth > 0 && src[j] != '\n'; j++ {
			switch src[j] {
			case '(':
				depth++
			case ')':
				depth--
			case ' ', '\t':
				return true
			}
		}
	}
}
