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
	page     string
	file     string
	o        origin
}

// maxMacroDepth bounds macros calling one another, maxMacroCalls the
// calls of a page.
const (
	maxMacroDepth = 20
	maxMacroCalls = 10000
)

var (
	macroHeadRE = regexp.MustCompile(`^\s*macro\s+([A-Za-z_$][\w$]*)\s*\((.*)\)\s*$`)
	endmacroRE  = regexp.MustCompile(`\{%-?\s*endmacro\s*-?%\}`)
	// macroDefRE finds the macros of a file that {% import %} or
	// {% from … import %} names.
	macroDefRE  = regexp.MustCompile(`(?s)\{%-?\s*(macro\s+[A-Za-z_$][\w$]*\s*\(.*?\))\s*-?%\}(.*?)\{%-?\s*endmacro\s*-?%\}`)
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
	if loc := s.endOnLine(endmacroRE, "endmacro", next, end); loc != nil {
		d, ok := newMacro(head, trimmed(s.line[next:next+loc[0]], s.line[next+loc[0]:next+loc[1]]))
		if !ok {
			return 0, false
		}
		s.define(d)
		return next + loc[1], true
	}
	e, ctx := s.e, s.e.ctx
	if ctx == nil || s.nested || ctx.i >= len(ctx.lines) || strings.TrimSuffix(ctx.lines[ctx.i], "\n") != s.line {
		return 0, false
	}
	k, endAt, endNext := e.endBelow(endmacroRE, "endmacro", ctx)
	if endAt < 0 {
		e.reportAt(s.o, at+1, s.page, diag.Error, "block-unclosed", "close it with {% endmacro %}",
			"{%% macro %%} is not closed; the rest of the page is shown as written (HonKit stops on it)")
		return 0, false
	}
	var body strings.Builder
	body.WriteString(s.line[next:] + "\n")
	for j := ctx.i + 1; j < k; j++ {
		body.WriteString(ctx.lines[j])
	}
	last := strings.TrimSuffix(ctx.lines[k], "\n")
	body.WriteString(last[:endAt])
	d, ok := newMacro(head, trimmed(body.String(), last[endAt:endNext]))
	if !ok {
		return 0, false
	}
	s.define(d)
	ctx.resume = &resume{line: k, at: endNext, prefix: s.b.String(), raw: s.taken}
	s.done = true
	return end, true
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
	p, src, err := s.e.opts.Include(from, target)
	if err != nil {
		s.e.reportAt(s.o, at+1, s.page, diag.Error, "include-missing", "", "cannot import %q: %v", target, err)
		return true
	}
	// The file is the page's, as an included one is (Doc.Included: not
	// an orphan, and the page is built again when it changes), though
	// not counted as an include.
	if s.e.used == nil {
		s.e.used = map[string]int{}
	}
	if _, ok := s.e.used[p]; !ok {
		s.e.used[p] = 0
	}
	found := map[string]*macroDef{}
	for _, m := range macroDefRE.FindAllStringSubmatch(string(src), -1) {
		if d, ok := newMacro(m[1], m[2]); ok {
			d.page, d.file, d.o = s.page, p, s.o
			found[d.name] = d
		}
	}
	if alias != "" {
		ns := make(map[string]any, len(found))
		for n, d := range found {
			ns[n] = d
		}
		s.e.sets[alias] = ns
		return true
	}
	for _, n := range names {
		d, ok := found[n[0]]
		if !ok {
			s.e.reportAt(s.o, at+1, s.page, diag.Warning, "template-undefined", "",
				"%s defines no macro %s; nothing is imported for it", p, n[0])
			continue
		}
		s.e.sets[n[1]] = d
	}
	return true
}

func isMacro(v any) bool { _, ok := v.(*macroDef); return ok }

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

var endfilterRE = regexp.MustCompile(`\{%-?\s*endfilter\s*-?%\}`)

// filterBlock reads {% filter name(args) %}…{% endfilter %} (its {% at
// at, its inside between from and to, its text from next on): the text
// up to the {% endfilter %}, on its line or a later one, is expanded and
// written through the filter, as Nunjucks does (t51: an unknown block).
// It returns as macro does.
func (s *lineScan) filterBlock(at, from, to, next, end int) (after int, ok bool) {
	inside := s.line[from:to]
	start := from + strings.Index(inside, "filter") + len("filter")
	for start < to && (s.line[start] == ' ' || s.line[start] == '\t') {
		start++
	}
	if strings.TrimSpace(s.line[start:to]) == "" {
		return 0, false
	}
	write := func(text string) {
		body := &lineScan{e: s.e, page: s.page, file: s.file, line: text, o: s.o, depth: s.depth, nested: true}
		body.run(0, len(text))
		// The text is a value, __f, piped to the filter written where it
		// is in the line, so that the filter's diagnostics have its
		// column: "{% filter " is longer than "__f | ".
		const name, pipe = "__f", "__f | "
		old, had := s.e.sets[name]
		s.e.sets[name] = body.b.String()
		src := strings.Repeat(" ", start-len(pipe)) + pipe + s.line[start:to]
		p := &exprParser{e: s.e, page: s.page, o: s.o, src: src, pos: start - len(pipe), end: len(src), start: at}
		v := p.parse()
		if had {
			s.e.sets[name] = old
		} else {
			delete(s.e.sets, name)
		}
		if p.err != nil {
			s.e.reportAt(s.o, at+1, s.page, diag.Warning, "template-syntax", "",
				"cannot apply {%% filter %s %%}: %s; its text is shown unfiltered", strings.TrimSpace(s.line[start:to]), p.err.msg)
			s.b.WriteString(body.b.String())
			return
		}
		s.b.WriteString(s.print(p, v))
	}
	if loc := s.endOnLine(endfilterRE, "endfilter", next, end); loc != nil {
		write(s.line[next : next+loc[0]])
		return next + loc[1], true
	}
	e, ctx := s.e, s.e.ctx
	if ctx == nil || s.nested || ctx.i >= len(ctx.lines) || strings.TrimSuffix(ctx.lines[ctx.i], "\n") != s.line {
		return 0, false
	}
	k, endAt, endNext := e.endBelow(endfilterRE, "endfilter", ctx)
	if endAt < 0 {
		e.reportAt(s.o, at+1, s.page, diag.Error, "block-unclosed", "close it with {% endfilter %}",
			"{%% filter %%} is not closed; its text is shown unfiltered (HonKit stops on it)")
		return next, true // told: the tag goes
	}
	var text strings.Builder
	text.WriteString(s.line[next:] + "\n")
	for j := ctx.i + 1; j < k; j++ {
		text.WriteString(ctx.lines[j])
	}
	last := strings.TrimSuffix(ctx.lines[k], "\n")
	text.WriteString(last[:endAt])
	write(text.String())
	ctx.resume = &resume{line: k, at: endNext, prefix: s.b.String(), raw: s.taken}
	s.done = true
	return end, true
}

// endOnLine finds the end tag re (named name) in the line's text from
// next to end, nil when there is none. Whether the line holds the name
// at all after next is known once per line: a line of many tags that
// no end closes is read once, not once a tag (TestHonKitNestingBounded).
func (s *lineScan) endOnLine(re *regexp.Regexp, name string, next, end int) []int {
	if s.lastEnd == nil {
		s.lastEnd = map[string]int{}
	}
	last, ok := s.lastEnd[name]
	if !ok {
		last = strings.LastIndex(s.line[:end], name)
		s.lastEnd[name] = last
	}
	if last < next {
		return nil
	}
	return re.FindStringIndex(s.line[next:end])
}

// endBelow finds the end tag re (named name) on the lines of ctx after
// its current one: the line k it is on, where it starts and ends there,
// or -1 for endAt. A search that found none is not made again from
// there on, as the lines below do not change.
func (e *expander) endBelow(re *regexp.Regexp, name string, ctx *lineCtx) (k, endAt, endNext int) {
	if from, ok := e.noEnd[name]; ok && from <= ctx.i+1 && e.noEndCtx == ctx {
		return len(ctx.lines), -1, 0
	}
	for k = ctx.i + 1; k < len(ctx.lines); k++ {
		if loc := re.FindStringIndex(ctx.lines[k]); loc != nil {
			return k, loc[0], loc[1]
		}
	}
	if e.noEndCtx != ctx {
		e.noEnd, e.noEndCtx = map[string]int{}, ctx
	}
	e.noEnd[name] = ctx.i + 1
	return k, -1, 0
}

// pluginTabs is an open gitbook-plugin-tabs set: {% tabs a="A", b="B" %}
// names its tabs, {% content "a" %} starts each, {% endtabs %} ends it.
// Written as GitBook's tabs (t51: an unknown block and empty boxes).
type pluginTabs struct {
	titles map[string]string
	open   bool // a {% tab %} is open
}

var pluginTabAttrRE = regexp.MustCompile(`([A-Za-z_][\w-]*)\s*=\s*"([^"]*)"`)
var pluginContentRE = regexp.MustCompile(`^\s*content\s+(?:"([^"]*)"|'([^']*)')\s*$`)

// pluginTab rewrites the tags of gitbook-plugin-tabs, alone on their
// lines, as GitBook's: it reports false for any other tag.
func (s *lineScan) pluginTab(name, inside string) (string, bool) {
	e := s.e
	switch {
	case name == "tabs" && e.tabs == nil && strings.Contains(inside, "="):
		t := &pluginTabs{titles: map[string]string{}}
		for _, m := range pluginTabAttrRE.FindAllStringSubmatch(inside, -1) {
			t.titles[m[1]] = m[2]
		}
		if len(t.titles) == 0 {
			return "", false
		}
		e.tabs = t
		return "{% tabs %}", true
	case name == "content" && e.tabs != nil:
		m := pluginContentRE.FindStringSubmatch(inside)
		if m == nil {
			return "", false
		}
		key := m[1] + m[2]
		title := cmp.Or(e.tabs.titles[key], key)
		out := `{% tab title="` + strings.ReplaceAll(title, `"`, "&quot;") + `" %}`
		if e.tabs.open {
			out = "{% endtab %}\n" + out
		}
		e.tabs.open = true
		return out, true
	case name == "endtabs" && e.tabs != nil:
		out := "{% endtabs %}"
		if e.tabs.open {
			out = "{% endtab %}\n" + out
		}
		e.tabs = nil
		return out, true
	}
	return "", false
}
