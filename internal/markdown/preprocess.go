package markdown

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"

	"folio/internal/diag"
)

// maxIncludeDepth bounds nested {% include %}: past it the tag is reported
// and left out, so a chain of includes cannot blow the page up.
const maxIncludeDepth = 10

// maxIncludes and maxExpanded bound the work one page may ask for: a file
// that includes the same fragment several times at every level would
// otherwise grow exponentially within the depth limit.
const (
	maxIncludes = 200
	maxExpanded = 8 << 20
)

// ParseOptions give Parse what a page needs from the outside world. The
// zero value parses a GitBook page on its own, like Parse.
type ParseOptions struct {
	// Include returns the file named by an `{% include "target" %}` written
	// in the file from (the page's path for the page itself, else a path
	// Include returned earlier): its path, used in diagnostics and as
	// Ref.Base, and its normalised text. nil leaves includes unexpanded.
	Include func(from, target string) (path string, src []byte, err error)
	// Vars are the book.json variables of a HonKit book. Non-nil turns on
	// HonKit's templating: `{{ book.x }}`, `{% set x = "…" %}`, `{{ x }}`.
	Vars map[string]any
	// Glossary terms are linked on their first use in the page.
	Glossary *Glossary
	// TagLabels maps the tag slugs of `{% update tags="…" %}` to the labels
	// of .gitbook/tags.yaml.
	TagLabels map[string]string
	// TrustHTML keeps scripts, frames, event handlers and styles written
	// in raw HTML; by default they are removed with a warning.
	TrustHTML bool
	// SpaceVars are the space variables of .gitbook/vars.yaml, shown by
	// `<code class="expression">space.vars.name</code>`.
	SpaceVars map[string]string
}

// origin is the file and line a line of the expanded source came from.
type origin struct {
	file string // "" for the page itself
	line int
}

// expander turns a page into the source the Markdown parser sees: includes
// expanded, HonKit templating applied, legacy HonKit comments turned into
// HTML. Lines inside fenced code and `{% raw %}` are left alone. Every output
// line remembers its origin so diagnostics point at the right file.
type expander struct {
	opts   ParseOptions
	out    bytes.Buffer
	lines  []origin
	diags  []diag.Diagnostic
	sets   map[string]string
	legacy bool
	stack  []string // files being expanded, for cycle detection
	used   map[string]int
	count  int // includes expanded so far

	// Where the line being expanded sits, so that expressions in
	// indented code and <pre> blocks stay as written.
	prevBlank, inList, inIndented, inPre bool
	prevQuote                            bool // the line before starts with >
}

var (
	includeRE  = regexp.MustCompile(`^ {0,3}\{%-?\s*include\s+(?:"([^"]*)"|'([^']*)')[^%]*-?%\}\s*$`)
	setRE      = regexp.MustCompile(`^ {0,3}\{%-?\s*set\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:"([^"]*)"|'([^']*)')\s*-?%\}\s*$`)
	varRE      = regexp.MustCompile(`\{\{-?\s*([A-Za-z_][A-Za-z0-9_.]*)\s*-?\}\}`)
	filenameRE = regexp.MustCompile(`^ {0,3}\{%\s*filename\s*%\}(.*?)\{%\s*endfilename\s*%\}\s*$`)
	secRE      = regexp.MustCompile(`^ {0,3}<!--sec\b(.*?)(ces-->)?\s*$`)
	endsecRE   = regexp.MustCompile(`^ {0,3}<!--\s*endsec\s*-->\s*$`)
	secAttrRE  = regexp.MustCompile(`data-([a-z]+)=(?:"([^"]*)"|'([^']*)'|(\S+))`)
	inlineRaw  = regexp.MustCompile(`\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}`)
	rawOpenRE  = regexp.MustCompile(`^ {0,3}\{%-?\s*raw\s*-?%\}\s*$`)
	rawCloseRE = regexp.MustCompile(`^ {0,3}\{%-?\s*endraw\s*-?%\}\s*$`)
	preOpenRE  = regexp.MustCompile(`(?i)^ {0,3}<pre[\s>]`)
	preCloseRE = regexp.MustCompile(`(?i)</pre>`)
	richRE     = regexp.MustCompile(`^( {0,3})>\s*(?:\*\*|__)([A-Za-z]+)[:.!]?(?:\*\*|__)`)
	listItemRE = regexp.MustCompile(`^ {0,3}(?:[-*+]|[0-9]{1,9}[.)])(?:\s|$)`)
)

func (e *expander) emit(line string, o origin) {
	e.out.WriteString(line)
	e.out.WriteByte('\n')
	e.lines = append(e.lines, o)
}

func (e *expander) report(o origin, page string, sev diag.Severity, rule, hint, format string, args ...any) {
	p := o.file
	if p == "" {
		p = page
	}
	e.diags = append(e.diags, diag.Diagnostic{Path: p, Line: o.line, Col: 1, Severity: sev, Rule: rule,
		Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// expand appends the lines of src (a file called file; "" for the page)
// to the output.
func (e *expander) expand(page, file string, src []byte, depth int) {
	var fence byte
	fenceLen := 0
	inRaw := false
	// An included file starts its own blocks; the including one goes on
	// after it where it was.
	saved := [...]bool{e.prevBlank, e.inList, e.inIndented, e.inPre, e.prevQuote}
	defer func() {
		e.prevBlank, e.inList, e.inIndented, e.inPre, e.prevQuote = saved[0], saved[1], saved[2], saved[3], saved[4]
	}()
	e.prevBlank, e.inList, e.inIndented, e.inPre, e.prevQuote = true, false, false, false, false
	lines := strings.SplitAfter(string(src), "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	for i, line := range lines {
		line = strings.TrimSuffix(line, "\n")
		o := origin{file, i + 1}
		trim := strings.TrimLeft(line, " \t")
		if n := fenceRun(trim); n >= 3 && !inRaw {
			switch {
			case fence == 0:
				fence, fenceLen = trim[0], n
			case trim[0] == fence && n >= fenceLen && strings.TrimSpace(trim[n:]) == "":
				fence = 0
			}
			e.emit(line, o)
			continue
		}
		if fence != 0 {
			e.emit(line, o)
			continue
		}
		if inRaw {
			inRaw = !rawCloseRE.MatchString(line)
			e.emit(line, o)
			continue
		}
		code := e.inCode(line)
		if e.legacy && !code {
			e.richquote(line, o)
		}
		if !strings.Contains(line, "{") && !strings.Contains(line, "<!--") {
			if !code {
				line = e.text(page, line, o)
			}
			e.emit(line, o)
			continue
		}
		switch {
		case rawOpenRE.MatchString(line):
			inRaw = true
			e.emit(line, o)
			continue
		case e.opts.Include != nil && includeRE.MatchString(line):
			m := includeRE.FindStringSubmatch(line)
			e.include(page, file, m[1]+m[2], o, depth)
			continue
		case e.legacy && setRE.MatchString(line):
			m := setRE.FindStringSubmatch(line)
			e.sets[m[1]] = m[2] + m[3]
			e.emit("", o)
			continue
		}
		if m := filenameRE.FindStringSubmatch(line); m != nil {
			// A comment block the tree transformer attaches to the next code
			// block as its label.
			e.emit("<!--folio:filename "+strings.ReplaceAll(strings.TrimSpace(m[1]), "--", "‐‐")+"-->", o)
			continue
		}
		if m := secRE.FindStringSubmatch(line); m != nil {
			attrs := m[1]
			if m[2] == "" && i+1 < len(lines) && strings.Contains(lines[i+1], "ces-->") {
				// The comment goes on on the next line: the line is consumed
				// here and replaced by an empty one.
				next := strings.TrimSuffix(lines[i+1], "\n")
				attrs += " " + next[:strings.Index(next, "ces-->")]
				lines[i+1] = ""
			}
			e.openSection(attrs, o)
			continue
		}
		if endsecRE.MatchString(line) {
			e.emit("", o)
			e.emit("</details>", o)
			e.emit("", o)
			continue
		}
		e.emit(e.inline(page, line, o, code), o)
	}
}

// inCode follows the blocks of the page line by line and reports whether
// line belongs to an indented code block or a <pre> HTML block, which show
// their text as written. An indented line inside a list is a continuation
// of the item, not code.
func (e *expander) inCode(line string) bool {
	blank := strings.TrimSpace(line) == ""
	prevBlank := e.prevBlank
	e.prevBlank = blank
	if e.inPre {
		e.inPre = !preCloseRE.MatchString(line)
		return true
	}
	if blank {
		return e.inIndented
	}
	if indent(line) >= 4 {
		if !e.inList && (prevBlank || e.inIndented) {
			e.inIndented = true
		}
		return e.inIndented
	}
	e.inIndented = false
	e.inList = listItemRE.MatchString(line)
	if preOpenRE.MatchString(line) {
		e.inPre = !preCloseRE.MatchString(line)
		return true
	}
	return false
}

// richQuotes are the labels HonKit's richquotes plugin styles.
var richQuotes = map[string]bool{"note": true, "info": true, "tip": true, "hint": true, "warning": true,
	"caution": true, "danger": true, "important": true, "success": true, "error": true}

// richquote marks a block quote whose first line starts with a bold label
// (`> **Note** …`, HonKit's richquotes plugin) with a comment line the tree
// transformer turns into the quote's class.
func (e *expander) richquote(line string, o origin) {
	quote := strings.HasPrefix(strings.TrimLeft(line, " "), ">")
	first := quote && !e.prevQuote
	e.prevQuote = quote
	if !first {
		return
	}
	if m := richRE.FindStringSubmatch(line); m != nil && richQuotes[strings.ToLower(m[2])] {
		e.emit(m[1]+"<!--folio:richquote "+strings.ToLower(m[2])+"-->", o)
	}
}

// indent returns the width of the leading blanks of line, tabs to 4.
func indent(line string) int {
	n := 0
	for _, c := range line {
		switch c {
		case ' ':
			n++
		case '\t':
			n += 4 - n%4
		default:
			return n
		}
	}
	return n
}

// text replaces space variable expressions in a line of text. Emoji
// shortcodes are left to the parser, which sees text apart from code,
// URLs and HTML (emoji.go).
func (e *expander) text(page, line string, o origin) string {
	if strings.Contains(line, "expression") {
		line = e.expressions(page, line, o)
	}
	return line
}

// openSection writes HonKit's `<!--sec data-title=… ces-->` as the start of
// a <details> block whose body is Markdown.
func (e *expander) openSection(attrs string, o origin) {
	vals := map[string]string{}
	for _, m := range secAttrRE.FindAllStringSubmatch(attrs, -1) {
		vals[m[1]] = m[2] + m[3] + m[4]
	}
	open := vals["collapse"] != "true" || vals["show"] == "true"
	tag := `<details class="section"`
	if id := vals["id"]; id != "" {
		tag += ` id="` + html.EscapeString(id) + `"`
	}
	if open {
		tag += " open"
	}
	title := vals["title"]
	if title == "" {
		title = "Section"
	}
	e.emit("", o)
	e.emit(tag+">", o)
	e.emit("", o)
	e.emit("<summary>"+html.EscapeString(title)+"</summary>", o)
	e.emit("", o)
}

// inline applies HonKit templating to one line outside code: inline
// `{% raw %}…{% endraw %}` keeps its content literal; variables are
// replaced. Inline code spans are left as they are.
func (e *expander) inline(page, line string, o origin, code bool) string {
	if !code {
		line = e.text(page, line, o)
	}
	if !strings.Contains(line, "{") {
		return line
	}
	line = inlineRaw.ReplaceAllStringFunc(line, func(s string) string {
		inner := inlineRaw.FindStringSubmatch(s)[1]
		// Entities keep the braces from being read as tags or variables.
		inner = strings.ReplaceAll(inner, "{%", "{&#37;")
		return strings.ReplaceAll(inner, "{{", "{&#123;")
	})
	if !e.legacy || !strings.Contains(line, "{{") {
		return line
	}
	parts := strings.Split(line, "`")
	for k := 0; k < len(parts); k += 2 {
		parts[k] = varRE.ReplaceAllStringFunc(parts[k], func(s string) string {
			name := varRE.FindStringSubmatch(s)[1]
			if v, ok := e.lookup(name); ok {
				return v
			}
			e.report(o, page, diag.Warning, "template-undefined", "define it in book.json variables or with {% set %}",
				"template variable %s is not defined; shown as empty", name)
			return ""
		})
	}
	return strings.Join(parts, "`")
}

// lookup finds a variable: `book.a.b` in the book.json variables, other
// names among the page's {% set %}.
func (e *expander) lookup(name string) (string, bool) {
	if v, ok := e.sets[name]; ok {
		return v, true
	}
	rest, ok := strings.CutPrefix(name, "book.")
	if !ok {
		return "", false
	}
	var cur any = e.opts.Vars
	for _, k := range strings.Split(rest, ".") {
		switch m := cur.(type) {
		case map[string]any:
			cur, ok = m[k]
		case map[any]any:
			cur, ok = m[k]
		default:
			ok = false
		}
		if !ok {
			return "", false
		}
	}
	switch cur.(type) {
	case map[string]any, map[any]any, []any, nil:
		return "", false
	}
	return fmt.Sprint(cur), true
}

func (e *expander) include(page, from, target string, o origin, depth int) {
	if depth >= maxIncludeDepth {
		e.report(o, page, diag.Error, "include-depth", "", "includes nested more than %d deep; %q is left out", maxIncludeDepth, target)
		return
	}
	if e.count >= maxIncludes || e.out.Len() > maxExpanded {
		e.report(o, page, diag.Error, "include-limit", "", "the page includes too much (%d files or %d MB); %q is left out", maxIncludes, maxExpanded>>20, target)
		return
	}
	e.count++
	fromPath := from
	if fromPath == "" {
		fromPath = page
	}
	p, src, err := e.opts.Include(fromPath, target)
	if err != nil {
		e.report(o, page, diag.Error, "include-missing", "", "cannot include %q: %v", target, err)
		return
	}
	if p == page || containsStr(e.stack, p) {
		e.report(o, page, diag.Error, "include-cycle", "", "%q includes itself (through %s); left out", target, strings.Join(append(e.stack, p), " → "))
		return
	}
	if e.used == nil {
		e.used = map[string]int{}
	}
	e.used[p]++
	if _, n, ok := splitFrontMatter(src); ok {
		src = blankLines(src, n)
	}
	e.stack = append(e.stack, p)
	// Blank lines around the included text keep it from merging with a
	// paragraph before or after it.
	e.emit("", o)
	e.expand(page, p, src, depth+1)
	e.emit("", o)
	e.stack = e.stack[:len(e.stack)-1]
}

func containsStr(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// fenceRun returns the length of the run of backticks or tildes s starts with.
func fenceRun(s string) int {
	if s == "" || s[0] != '`' && s[0] != '~' {
		return 0
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return n
}

// needsExpansion reports whether src holds anything the expander changes,
// so ordinary pages skip it.
func needsExpansion(src []byte, opts ParseOptions) bool {
	// The commonest first: most GitBook pages hold a {% block %}.
	return opts.Vars != nil || bytes.Contains(src, []byte("{%")) ||
		bytes.Contains(src, []byte(`class="expression"`)) || bytes.Contains(src, []byte("<!--sec")) || bytes.Contains(src, []byte("<!--endsec"))
}
