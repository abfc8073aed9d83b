package markdown

import (
	"cmp"
	"regexp"
	"strings"

	"folio/internal/diag"
)

// macroDef is a Nunjucks {% macro name(params) %}…{% endmacro %} of a
// HonKit book: a call, {{ name(args) }}, writes its body expanded with
// its parameters set to the arguments (t51: the definition was published
// with its {{ }} and the calls printed nothing).
type macroDef struct {
	name     string
	params   []string
	defaults map[string]string // the source of each parameter's default value
	body     string
	// scope are the names of the file it was imported from (its macros,
	// and what its top level sets and imports), which its body reads,
	// as Nunjucks runs an imported macro in its own file's scope; nil
	// for a macro of the page.
	scope map[string]any
	page  string
	file  string
	o     origin
}

// maxMacroDepth bounds macros calling one another, maxMacroCalls the
// calls of a page.
const (
	maxMacroDepth = 20
	maxMacroCalls = 10000
)

var (
	macroHeadRE = regexp.MustCompile(`(?s)^\s*macro\s+([A-Za-z_$][\w$]*)\s*\((.*)\)\s*$`)
	endmacroRE  = blockTagRE("endmacro")
	// macroDefRE finds the macros of a file that {% import %} or
	// {% from … import %} names.
	macroDefRE  = regexp.MustCompile(`(?s)\{%-?\s*(macro\s+[A-Za-z_$][\w$]*\s*\(.*?\))\s*(-?)%\}(.*?)(\{%-?)\s*endmacro\s*-?%\}`)
	importRE    = regexp.MustCompile(`^\s*import\s+(?:"([^"]*)"|'([^']*)')\s+as\s+([A-Za-z_$][\w$]*)\s*$`)
	fromRE      = regexp.MustCompile(`^\s*from\s+(?:"([^"]*)"|'([^']*)')\s+import\s+(.+?)\s*$`)
	importAsRE  = regexp.MustCompile(`^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$`)
	paramNameRE = regexp.MustCompile(`^[A-Za-z_$][\w$]*$`)
)

// newMacro reads a macro's head, `macro name(a, b="x")`, into a
// definition with body; ok is false when it is not one.
func newMacro(head, body string) (*macroDef, bool) {
	m := macroHeadRE.FindStringSubmatch(head)
	if m == nil {
		return nil, false
	}
	d := &macroDef{name: m[1], body: body, defaults: map[string]string{}}
	for _, p := range splitTopLevel(m[2]) {
		name, def, hasDef := strings.Cut(p, "=")
		name = strings.TrimSpace(name)
		if name == "" && !hasDef && strings.TrimSpace(p) == "" {
			continue
		}
		if !paramNameRE.MatchString(name) {
			return nil, false
		}
		d.params = append(d.params, name)
		if hasDef {
			d.defaults[name] = strings.TrimSpace(def)
		}
	}
	return d, true
}

// splitTopLevel splits a list at its commas outside quotes, brackets and
// parentheses.
func splitTopLevel(s string) []string {
	var out []string
	depth, quote, from := 0, byte(0), 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			out = append(out, s[from:i])
			from = i + 1
		}
	}
	return append(out, s[from:])
}

// macro reads {% macro %} (its {% at at, its inside between from and
// to, its text from next on): closed on its line, it returns where the
// line goes on; closed on a later line, it sets the page to go on there
// and reports end. ok is false when it is no macro folio can read.
func (s *lineScan) macro(at, from, to, next, end int, trimR bool) (after int, ok bool) {
	head := s.line[from:to]
	// {% macro … -%} and {%- endmacro %} take the blanks and line breaks
	// at the body's ends, as Nunjucks does.
	trimmed := func(text, endTag string) string {
		if trimR {
			text = strings.TrimLeft(text, " \t\r\n")
		}
		if strings.HasPrefix(endTag, "{%-") {
			text = strings.TrimRight(text, " \t\r\n")
		}
		return text
	}
	text, endTag, goOn, st := s.blockBody(endmacroRE, "endmacro", next, end)
	switch st {
	case spanNone:
		return 0, false
	case spanUnclosed:
		s.unclosed(at, "macro", "the rest of the page is shown as written")
		// Told once: the tag goes, and what follows is the macro's, its
		// {{ }} shown as written (t56: an unknown block besides).
		s.e.macro = true
		return next, true
	}
	d, ok := newMacro(head, trimmed(text, endTag))
	if !ok {
		return 0, false
	}
	s.define(d)
	return goOn(), true
}

// define makes d a name of the page's templates.
func (s *lineScan) define(d *macroDef) {
	d.page, d.file, d.o = s.page, s.file, s.o
	s.e.sets[d.name] = d
}

// importMacros reads {% import "file" as name %} and {% from "file"
// import a, b as c %} (inside, between from and to): the file's macros
// become names of the page's templates. It reports false when inside is
// neither.
func (s *lineScan) importMacros(at int, inside string) bool {
	var target, alias string
	var names [][2]string // name in the file, name here
	if m := importRE.FindStringSubmatch(inside); m != nil {
		target, alias = m[1]+m[2], m[3]
	} else if m := fromRE.FindStringSubmatch(inside); m != nil {
		target = m[1] + m[2]
		for _, part := range strings.Split(m[3], ",") {
			n := importAsRE.FindStringSubmatch(strings.TrimSpace(part))
			if n == nil {
				return false
			}
			names = append(names, [2]string{n[1], cmp.Or(n[2], n[1])})
		}
	} else {
		return false
	}
	if s.e.opts.Include == nil {
		return false
	}
	from := s.file
	if from == "" {
		from = s.page
	}
	found, p, ok := s.macroFile(at, from, target, 0)
	if !ok {
		return true // told
	}
	if alias != "" {
		s.e.sets[alias] = found
		return true
	}
	for _, n := range names {
		v, ok := found[n[0]] // a macro, or a name its top level sets
		if !ok {
			s.e.reportAt(s.o, at+1, s.page, diag.Warning, "template-undefined", "",
				"%s defines no macro %s; nothing is imported for it", p, n[0])
			continue
		}
		s.e.sets[n[1]] = v
	}
	return true
}

func isMacro(v any) bool { _, ok := v.(*macroDef); return ok }

// maxImportDepth bounds files importing one another.
const maxImportDepth = 10

var (
	// fileTopRE finds what an imported file's own top level does beside
	// defining macros: its sets and imports, one line each.
	fileTopRE = regexp.MustCompile(`\{%-?\s*((?:set|import|from)\s[^%]*?)\s*-?%\}`)
	// literalRE finds what a file holds as text, not as templates: raw
	// spans and HonKit's comments.
	literalRE = regexp.MustCompile(`(?s)\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}|\{###.*?###\}`)
	fileSetRE = regexp.MustCompile(`^set\s+([A-Za-z_$][\w$]*)\s*=\s*(.+)$`)
)

// macroFile reads the file target, imported from the file from: its
// macros, and what its own top level sets and imports, which its macros
// see, as Nunjucks runs an imported template's top level (t55). It
// reports false, after saying why, when the file cannot be read.
func (s *lineScan) macroFile(at int, from, target string, depth int) (scope map[string]any, path string, ok bool) {
	if depth >= maxImportDepth {
		s.e.reportAt(s.o, at+1, s.page, diag.Error, "include-depth", "", "imports nested more than %d deep; %q is left out", maxImportDepth, target)
		return nil, "", false
	}
	p, src, ds, err := s.e.opts.Include(from, target)
	s.e.diags = append(s.e.diags, ds...)
	if err != nil {
		s.e.reportAt(s.o, at+1, s.page, diag.Error, "include-missing", "", "cannot import %q: %v", target, err)
		return nil, "", false
	}
	// A file is read once a page: files importing one another several
	// times each would be read a number of times that grows as a power
	// of their depth; one that imports itself, through others or not,
	// is a cycle.
	if done, seen := s.e.imported[p]; seen {
		if done == nil {
			s.e.reportAt(s.o, at+1, s.page, diag.Error, "include-cycle", "", "%s imports itself, through the files it imports; the import is left out", p)
			return nil, "", false
		}
		return done, p, true
	}
	if s.e.imported == nil {
		s.e.imported = map[string]map[string]any{}
	}
	s.e.imported[p] = nil // being read
	defer func() { s.e.imported[p] = scope }()
	// The file is the page's, as an included one is (Doc.Included: not
	// an orphan, and the page is built again when it changes), though
	// not counted as an include.
	if s.e.used == nil {
		s.e.used = map[string]int{}
	}
	if _, seen := s.e.used[p]; !seen {
		s.e.used[p] = 0
	}
	scope = map[string]any{}
	text := literalRE.ReplaceAllStringFunc(string(src), func(m string) string {
		return strings.Repeat("\n", strings.Count(m, "\n")) // lines kept for positions
	})
	var top strings.Builder // the text outside the macros
	last := 0
	for _, m := range macroDefRE.FindAllStringSubmatchIndex(text, -1) {
		top.WriteString(text[last:m[0]])
		last = m[1]
		body := text[m[6]:m[7]]
		if m[5] > m[4] { // macro … -%}
			body = strings.TrimLeft(body, " \t\r\n")
		}
		if m[9]-m[8] == 3 { // {%- endmacro
			body = strings.TrimRight(body, " \t\r\n")
		}
		if d, ok := newMacro(text[m[2]:m[3]], body); ok {
			// Its diagnostics are at the file's line of its body.
			line := 1 + strings.Count(text[:m[6]], "\n")
			d.page, d.file, d.o = s.page, p, origin{file: p, line: line, text: lineAt(text, m[6])}
			d.scope = scope
			scope[d.name] = d
		}
	}
	top.WriteString(text[last:])
	for _, m := range fileTopRE.FindAllStringSubmatch(top.String(), -1) {
		inside := strings.TrimSpace(m[1])
		if set := fileSetRE.FindStringSubmatch(inside); set != nil {
			expr := set[2]
			q := &exprParser{e: s.e, page: s.page, o: s.o, src: expr, end: len(expr), quiet: 1}
			if v := q.parse(); q.err == nil {
				scope[set[1]] = v
			}
			continue
		}
		if im := importRE.FindStringSubmatch(inside); im != nil {
			if ns, _, ok := s.macroFile(at, p, im[1]+im[2], depth+1); ok {
				scope[im[3]] = ns
			}
			continue
		}
		if fr := fromRE.FindStringSubmatch(inside); fr != nil {
			ns, _, ok := s.macroFile(at, p, fr[1]+fr[2], depth+1)
			if !ok {
				continue
			}
			for _, part := range strings.Split(fr[3], ",") {
				if n := importAsRE.FindStringSubmatch(strings.TrimSpace(part)); n != nil && ns[n[1]] != nil {
					scope[cmp.Or(n[2], n[1])] = ns[n[1]]
				}
			}
		}
	}
	return scope, p, true
}

func hasKey(m map[string]any, k string) bool { _, ok := m[k]; return ok }

// callMacro writes the body of d with its parameters set to args (by
// position) and named (by name), or their defaults.
func (p *exprParser) callMacro(d *macroDef, args []any, named *keywordArgs, at int) any {
	e := p.e
	if e.macroDepth >= maxMacroDepth {
		p.fail(at, "macros call one another more than %d deep", maxMacroDepth)
		return nil
	}
	if e.macroCalls >= maxMacroCalls {
		// Two calls of itself a level make a million by the twentieth.
		p.fail(at, "the page calls macros more than %d times", maxMacroCalls)
		return nil
	}
	e.macroCalls++
	type saved struct {
		v  any
		ok bool
	}
	before := map[string]saved{}
	for i, name := range d.params {
		v, ok := e.sets[name]
		before[name] = saved{v, ok}
		var val any = undefined{name: name, quiet: true}
		switch {
		case i < len(args):
			val = args[i]
		case named != nil && hasKey(named.vals, name):
			val = named.vals[name]
		case d.defaults[name] != "":
			src := d.defaults[name]
			q := &exprParser{e: e, page: p.page, o: p.o, src: src, end: len(src), quiet: 1}
			if v := q.parse(); q.err == nil {
				val = v
			}
		}
		e.sets[name] = val
	}
	for name, m := range d.scope {
		if _, param := before[name]; !param {
			v, ok := e.sets[name]
			before[name] = saved{v, ok}
			e.sets[name] = m
		}
	}
	e.macroDepth++
	body := &lineScan{e: e, page: d.page, file: d.file, line: d.body, o: d.o, nested: true}
	body.run(0, len(d.body))
	e.macroDepth--
	for name, b := range before {
		if b.ok {
			e.sets[name] = b.v
		} else {
			delete(e.sets, name)
		}
	}
	return safeString(body.b.String())
}

// lineAt is the line of text that byte at is on.
func lineAt(text string, at int) string {
	from := strings.LastIndexByte(text[:at], '\n') + 1
	to := strings.IndexByte(text[at:], '\n')
	if to < 0 {
		return text[from:]
	}
	return text[from : at+to]
}
