// Package glossary reads a HonKit book's GLOSSARY.md into its list of
// terms, and finds where a text uses them. The pipeline finds the file
// (its name can be changed in book.json), this package parses it, and the
// Markdown parser links the first use of each term on every page to its
// definition. It is a leaf, as
// nav is for SUMMARY.md, so that the space loader and the page parser need
// not know each other.
package glossary

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"folio/internal/diag"
)

// Glossary is the list of terms of a glossary page.
type Glossary struct {
	Page  string // path of the glossary page, the target of term links
	Terms []Term
	// TopLevel is set when the terms are `# Term` headings (the file has
	// no `## ` heading): the page's first heading is then a term, not its
	// title.
	TopLevel bool

	once  sync.Once // builds index on the first FirstUses
	index *index
}

// Term is one entry of a glossary.
type Term struct {
	Name string // as written in the heading
	ID   string // anchor of its heading on the glossary page
	Desc string // plain text of its definition, for the tooltip
}

// Parse reads a GLOSSARY.md: each `## Term` followed by its definition;
// a `# ` heading there is the page's title or a group of terms (A, B…).
// A file without `## ` headings has its terms as `# Term`, as many books
// write it. page is the path of the glossary file relative to the space
// root, the target of term links; term IDs are the heading IDs folio
// gives the glossary page.
//
// slug gives a term's ID from its name, as the page's headings get theirs
// (links.Slug, or links.HonKitSlug in a HonKit book).
func Parse(diagPath, page string, src []byte, slug func(string) string) (*Glossary, []diag.Diagnostic) {
	g := &Glossary{Page: page}
	var ds []diag.Diagnostic
	var cur *Term
	var desc []string
	descDone := false // the first paragraph is read: the tooltip is it, as in HonKit
	seen := map[string]bool{}
	ids := map[string]int{} // uses of each ID, for the suffix of the next
	flush := func() {
		if cur != nil {
			cur.Desc = strings.Join(strings.Fields(strings.Join(desc, " ")), " ")
			g.Terms = append(g.Terms, *cur)
		}
		cur, desc, descDone = nil, nil, false
	}
	text := setext(textLines(src))
	g.TopLevel = !slices.ContainsFunc(text, func(l line) bool { return strings.HasPrefix(l.text, "## ") })
	for _, l := range text {
		i, t := l.n, l.text
		if !g.TopLevel && strings.HasPrefix(t, "# ") {
			flush() // a title or a group: the definition before it ends
			continue
		}
		if name, ok := heading(t, g.TopLevel); ok {
			name = nameText(name)
			flush()
			id := slug(name)
			if name == "" || id == "" {
				continue
			}
			if seen[strings.ToLower(name)] {
				ds = append(ds, diag.Diagnostic{Path: diagPath, Line: i + 1, Col: 1, Severity: diag.Warning, Rule: "glossary-duplicate",
					Msg: fmt.Sprintf("glossary term %q is defined twice; the first definition is used", name)})
				continue
			}
			seen[strings.ToLower(name)] = true
			cur = &Term{Name: name, ID: unique(ids, id)}
			continue
		}
		// A quote's markers are no text of the tooltip (t44), and a line
		// of markers alone ends its paragraph (review).
		text := strings.TrimLeft(t, "> \t")
		switch {
		case cur == nil || descDone:
		case text != "":
			desc = append(desc, stripMarkup(text))
		case len(desc) > 0:
			descDone = true
		}
	}
	flush()
	if len(g.Terms) == 0 {
		ds = append(ds, diag.Diagnostic{Path: diagPath, Severity: diag.Warning, Rule: "glossary-empty",
			Msg: "the glossary defines no term (write each as a `## Term` heading followed by its definition)"})
	}
	return g, ds
}

// unique makes id one no term before has, as a page's headings are
// made (C# and C++ are c and c-1); the glossary page gives its terms'
// headings these IDs.
func unique(ids map[string]int, id string) string {
	base := id
	for ids[id] > 0 {
		ids[base]++
		id = base + "-" + strconv.Itoa(ids[base]-1)
	}
	ids[id]++
	return id
}

// heading reads a term's heading: `## Term`, or `# Term` when top. As in
// CommonMark, a closing run of # goes only after a space: `## C#` is C#.
func heading(t string, top bool) (string, bool) {
	p := "## "
	if top {
		p = "# "
	}
	name, ok := strings.CutPrefix(t, p)
	if !ok {
		return "", false
	}
	name = strings.TrimRight(name, " \t")
	if open := strings.TrimRight(name, "#"); open == "" || strings.HasSuffix(open, " ") || strings.HasSuffix(open, "\t") {
		name = open
	}
	return strings.TrimSpace(name), true
}

// setext rewrites the setext headings of lines (a line of text alone in
// its paragraph, underlined with = or -) as the ATX headings of the same
// level, and drops their underlines: "Widget" over "------" is "## Widget".
func setext(lines []line) []line {
	out := make([]line, 0, len(lines))
	for k := 0; k < len(lines); k++ {
		l := lines[k]
		alone := k == 0 || lines[k-1].text == "" || lines[k-1].n != l.n-1
		if alone && paragraphLine(l.text) && k+1 < len(lines) && lines[k+1].n == l.n+1 {
			switch u := lines[k+1].text; {
			case u == "":
			case strings.Trim(u, "=") == "":
				l.text = "# " + l.text
				k++
			case strings.Trim(u, "-") == "" && len(u) >= 2: // a lone - starts a list item
				l.text = "## " + l.text
				k++
			}
		}
		out = append(out, l)
	}
	return out
}

// paragraphLine reports whether the trimmed line t can be a paragraph's,
// which an underline makes a heading: not a heading already, nor a list
// item, a quote or a table row, which a line of dashes after them ends.
// (An indented line is code: textLines trimmed it, but GLOSSARY.md files
// do not indent their terms.)
func paragraphLine(t string) bool {
	if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, ">") || strings.HasPrefix(t, "|") {
		return false
	}
	return !listItemRE.MatchString(t)
}

var listItemRE = regexp.MustCompile(`^([-*+]|\d{1,9}[.)])(\s|$)`)

// nameText is a term's name as its heading shows it: without the marks of
// emphasis, code and links around or in it (**Bold Term**, `cli`), which
// the page's headings do not show and the pages' text does not write.
// An underscore inside a word (max_width) is no mark.
func nameText(s string) string {
	s = strings.NewReplacer("`", "", "**", "", "__", "").Replace(s)
	s = linkRE.ReplaceAllString(s, "$1")
	for _, m := range []string{"*", "_"} {
		if len(s) > 2 && strings.HasPrefix(s, m) && strings.HasSuffix(s, m) {
			s = s[1 : len(s)-1]
		}
	}
	return strings.TrimSpace(s)
}

// linkPattern is a Markdown link, its text in the first group.
const linkPattern = `\[([^\]]*)\]\([^)]*\)`

var linkRE = regexp.MustCompile(linkPattern)

// line is a line of text outside code, trimmed, with its index.
type line struct {
	n    int
	text string
}

// textLines returns the lines of src outside fenced code blocks.
func textLines(src []byte) []line {
	var out []line
	fence := false
	for i, l := range strings.Split(string(src), "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = !fence
			continue
		}
		if !fence {
			out = append(out, line{i, t})
		}
	}
	return out
}

var markupRE = regexp.MustCompile("[*_`]|" + linkPattern + "|<[^>]+>")

// stripMarkup keeps the text of a Markdown line for a tooltip.
func stripMarkup(s string) string {
	return markupRE.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(m, "[") {
			return m[1:strings.Index(m, "]")]
		}
		return ""
	})
}
