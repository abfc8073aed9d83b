package markdown

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"

	"folio/internal/diag"
)

// HonKit's control tags: {% if %} / {% elif %} / {% else %} / {% endif %}
// and {% for %} / {% else %} / {% endfor %}, evaluated as Nunjucks does
// before Markdown, in HonKit books only (a GitBook space's {% if %} is
// adaptive content, which the block parser shows). As in Nunjucks, the
// line break after a tag belongs to what follows it: a tag alone on its
// line leaves an empty line where its branch is shown, and the lines of a
// branch not taken go. A loop repeats the text up to its {% endfor %},
// within its line (inlineFor) or over lines (spanFor): a loop alone on
// its line repeats the lines up to an {% endfor %} alone on its line.
// Whitespace control ({%- and -%}) takes blanks and line breaks as
// Nunjucks' lexer does.

// cond is an {% if %} being expanded.
type cond struct {
	outer bool // the text around the tag is shown
	on    bool // the branch being read is shown
	taken bool // a branch was taken: the later ones are not
	o     origin
	col   int
	file  string
	// open is set for an {% if %} nothing closes: all its branches are
	// shown.
	open bool
	// elsed is set after its {% else %}.
	elsed bool
}

// condKey is where an {% if %} is written.
type condKey struct {
	file      string
	line, col int
}

func (c cond) key() condKey { return condKey{c.o.file, c.o.line, c.col} }

// active reports whether the text being expanded is shown: it is in the
// branch taken of every {% if %} around it.
func (e *expander) active() bool {
	return len(e.conds) == 0 || e.conds[len(e.conds)-1].on
}

var forHeadRE = regexp.MustCompile(`^\s*for\s+([A-Za-z_$][\w$]*)\s*(?:,\s*([A-Za-z_$][\w$]*)\s*)?in\s`)

// control handles the control tag name, written between from and to in
// the line (its {% at at), and reports whether it was one.
func (s *lineScan) control(name string, at, from, to int) bool {
	e := s.e
	switch name {
	case "if":
		c := cond{outer: e.active(), o: s.o, col: at + 1, file: s.file}
		c.open = e.openIfs[c.key()]
		switch {
		case c.open:
			if c.outer {
				s.condition(at, afterWord(s.line, from, "if"), to) // for its diagnostics
			}
			c.on = c.outer
		case c.outer:
			c.on = s.condition(at, afterWord(s.line, from, "if"), to)
			c.taken = c.on
		default:
			c.taken = true
		}
		e.conds = append(e.conds, c)
	case "elif", "elseif":
		c := s.top(name, at)
		if c == nil || s.afterElse(c, name, at) {
			return true
		}
		if c.open {
			c.on = c.outer
		} else if c.outer && !c.taken {
			c.on = s.condition(at, afterWord(s.line, from, name), to)
			c.taken = c.on
		} else {
			c.on = false
		}
	case "else":
		if c := s.top(name, at); c != nil && !s.afterElse(c, name, at) {
			c.on = c.outer && (!c.taken || c.open)
			c.taken, c.elsed = true, true
		}
	case "endif":
		if s.top(name, at) != nil {
			e.conds = e.conds[:len(e.conds)-1]
		}
	default:
		return false
	}
	return true
}

// afterWord returns where word, the first word of line from from on,
// ends.
func afterWord(line string, from int, word string) int {
	return from + strings.Index(line[from:], word) + len(word)
}

// top returns the innermost {% if %}, or nil (reported) when tag stands
// outside any.
func (s *lineScan) top(tag string, at int) *cond {
	if len(s.e.conds) == 0 {
		s.e.reportAt(s.o, at+1, s.page, diag.Warning, "template-syntax", "",
			"{%% %s %%} without an {%% if %%} before it; left out", tag)
		return nil
	}
	return &s.e.conds[len(s.e.conds)-1]
}

// afterElse reports an {% elif %} or {% else %} written after the
// {% else %} of the {% if %} c, which Nunjucks rejects: it is left out,
// and what follows it is shown as the {% else %} says.
func (s *lineScan) afterElse(c *cond, tag string, at int) bool {
	if !c.elsed {
		return false
	}
	s.e.reportAt(s.o, at+1, s.page, diag.Warning, "template-syntax", "put {% else %} last, after every {% elif %}",
		"{%% %s %%} after the {%% else %%} of its {%% if %%}: HonKit stops on it; left out", tag)
	return true
}

// condition evaluates the expression between from and to: a value that is
// not defined is false, as in Nunjucks, without a warning.
func (s *lineScan) condition(at, from, to int) bool {
	p := &exprParser{e: s.e, page: s.page, o: s.o, src: s.line, pos: from, end: to, start: at}
	v := p.parse()
	if p.err != nil {
		s.syntaxError(p.err, s.tagText(at, to))
		return false
	}
	if u, ok := v.(undefined); ok && u.lacking {
		p.warnUndefined(u) // HonKit may find it true
	}
	return truthy(v)
}

// skipHidden passes over line[i:end] while it is in a branch not shown,
// handling only the control tags there, and returns where the text is
// shown again (end when it is not).
func (s *lineScan) skipHidden(i, end int) int {
	for i < end && !s.e.active() {
		at, t, ok := nextTag(s.line, i, end)
		if !ok {
			return end
		}
		s.control(t.name, at, t.from, t.to)
		i = t.next
		if t.trimR && s.e.active() {
			i = s.trimAfter(i, end)
		}
	}
	return i
}

// closeConds reports the {% if %} tags of file left open, from the n-th
// on, and drops them. HonKit stops on such a tag; folio shows what
// follows it (expandFrom), once it knows that nothing closes it.
func (e *expander) closeConds(page string, n int) {
	if len(e.conds) <= n {
		return // none left open (or the file closed tags of the one around it)
	}
	for _, c := range e.conds[n:] {
		k := c.key()
		if e.reported[k] {
			continue // a loop's content, expanded again
		}
		if e.reported == nil {
			e.reported = map[condKey]bool{}
		}
		e.reported[k] = true
		e.reportAt(c.o, c.col, page, diag.Error, "block-unclosed", "close it with {% endif %}",
			"{%% if %%} is not closed; what follows it is shown, whatever its condition (HonKit stops on it)")
	}
	e.conds = e.conds[:n]
}

// loop is a {% for %} read: its variables, the values it goes over.
type loop struct {
	key, val string // {% for val in … %} or {% for key, val in … %}
	keys     []any  // the keys of an object, in order; nil for a list
	values   []any
}

// readLoop reads `for x in expression` (or `for k, v in …`), written
// between from and to, and evaluates the expression. A loop folio cannot
// read or evaluate goes over nothing, as one over a value that is not
// defined does in Nunjucks: its {% else %} shows, not its body with
// blanks for its values.
func (s *lineScan) readLoop(at, from, to int) loop {
	m := forHeadRE.FindStringSubmatchIndex(s.line[from:to])
	if m == nil {
		s.e.reportAt(s.o, at+1, s.page, diag.Warning, "template-syntax", "write {% for item in list %}",
			"cannot read this {%% for %%}; it goes over nothing")
		return loop{}
	}
	var l loop
	l.val = s.line[from+m[2] : from+m[3]]
	if m[4] >= 0 {
		l.key, l.val = l.val, s.line[from+m[4]:from+m[5]]
	}
	p := &exprParser{e: s.e, page: s.page, o: s.o, src: s.line, pos: from + m[1], end: to, start: at}
	v := p.parse()
	if p.err != nil {
		s.syntaxError(p.err, s.tagText(at, to))
		return loop{key: l.key, val: l.val}
	}
	switch x := v.(type) {
	case []any:
		if l.key == "" {
			l.values = x
			cloned := false
			for i, item := range x {
				if empty, ok := item.([]any); ok && cap(empty) == 0 {
					// One with an identity of its own, in a copy.
					if !cloned {
						l.values, cloned = slices.Clone(x), true
					}
					l.values[i] = s.e.ownEmpty(x, strconv.Itoa(i), item)
				}
			}
			break
		}
		// {% for a, b in list %}: a and b are each value's [0] and [1],
		// which null and undefined have not.
		warned := false
		for _, item := range x {
			if nullish(item) && !warned {
				p.stops(at, "template-value", "", fmt.Sprintf("{%% for %s, %s %%} reads [0] of %s", l.key, l.val, jsString(item)),
					"takes both as undefined")
				warned = true
			}
			l.keys = append(l.keys, s.e.ownEmpty(item, "0", indexJS(item, 0)))
			l.values = append(l.values, s.e.ownEmpty(item, "1", indexJS(item, 1)))
		}
	case map[string]any:
		if l.key == "" {
			// Nunjucks goes over obj.length values: none.
			s.e.reportAt(s.o, at+1, s.page, diag.Warning, "template-value", "name its keys and values: {% for key, value in … %}",
				"{%% for %s in … %%} goes over nothing of an object, as in HonKit: it needs two names", l.val)
			break
		}
		l.keys, l.values = s.e.entries(x)
	case string:
		// Nunjucks goes over text as JavaScript indexes it: by UTF-16
		// code unit, its keys the indexes.
		u := units(x)
		for i := range u {
			l.keys = append(l.keys, strconv.Itoa(i))
			l.values = append(l.values, string(utf16.Decode(u[i:i+1])))
		}
	case safeString:
		// A SafeString is an object: Nunjucks goes over it through its
		// iterator, by character; with two names, each character's [0]
		// and [1] (UTF-16 code units).
		for _, r := range string(x) {
			c := string(r)
			if l.key == "" {
				l.values = append(l.values, c)
			} else {
				l.keys = append(l.keys, indexJS(c, 0))
				l.values = append(l.values, indexJS(c, 1))
			}
		}
	case undefined:
		// Nunjucks goes over nothing.
		if x.lacking {
			p.warnUndefined(x)
		}
	case nil:
	default:
		s.e.reportAt(s.o, at+1, s.page, diag.Warning, "template-value", "go over a list or an object",
			"{%% for %%} over a value that is not a list or an object; nothing is repeated")
	}
	return l
}

// indexJS is item[i] in JavaScript: a value of a list, a UTF-16 code
// unit of text, an object's key "0", "1"…; undefined where there is
// none.
func indexJS(item any, i int) any {
	var l []any
	switch x := item.(type) {
	case []any, string:
		l = arrayLike(x)
	case map[string]any:
		if v, ok := x[strconv.Itoa(i)]; ok {
			return v
		}
	}
	if i < len(l) {
		return l[i]
	}
	return undefined{quiet: true}
}

// entries lists an object's keys and values in the order keysOf gives.
func (e *expander) entries(m map[string]any) (keys, values []any) {
	for _, k := range e.keysOf(m) {
		keys = append(keys, k)
		values = append(values, e.ownEmpty(m, k, m[k]))
	}
	return keys, values
}

// keysOf lists an object's keys in the order JavaScript goes over them,
// as Nunjucks does: the keys that are array indexes ("2", "10") in
// increasing order, then the others in the order book.json or the front
// matter writes them (KeyOrder), or sorted where neither says.
func (e *expander) keysOf(m map[string]any) []string {
	var keys []string
	if e.opts.KeyOrder != nil {
		keys = slices.Clone(e.opts.KeyOrder(m))
	}
	if len(keys) != len(m) {
		keys = slices.Sorted(maps.Keys(m))
	}
	slices.SortStableFunc(keys, func(a, b string) int {
		x, okA := arrayIndex(a)
		y, okB := arrayIndex(b)
		switch {
		case okA && okB:
			return cmp.Compare(x, y)
		case okA:
			return -1
		case okB:
			return 1
		}
		return 0
	})
	return keys
}

// arrayIndex reads a key that JavaScript takes for an array index: a
// number below 2³²-1 written without sign, fraction or leading zero.
func arrayIndex(k string) (uint64, bool) {
	if k == "" || len(k) > 10 || k[0] == '0' && k != "0" {
		return 0, false
	}
	n, err := strconv.ParseUint(k, 10, 64)
	return n, err == nil && n < 1<<32-1
}

// maxLoopOutput bounds what loops write into a page: loops within loops
// over long lists would otherwise write without end.
const maxLoopOutput = 1 << 20

// maxLoopNest bounds how deep loops nest in a page.
const maxLoopNest = 64

// maxLoopSteps bounds how often the loops of a page go round: loops
// within loops that write little or nothing would otherwise go on for
// hours (range(100000) within range(100000)), where maxLoopOutput does
// not stop them.
const maxLoopSteps = 1 << 18

// maxLoopWork bounds how many bytes of loop bodies the loops of a page
// read, each body once per value: a long body of tags that write
// nothing (t87: a 30 KB body in range(100000) took 72 s) is stopped
// neither by maxLoopSteps nor by maxLoopOutput. A body of many lines
// costs more per byte than one of a line: 16 MB of it take about 2 s.
const maxLoopWork = 1 << 24

// each sets the loop's variables for each value in turn and calls fn,
// while size (what has been written) stays under maxLoopOutput; the
// names it hid are put back after. body is the length of what fn reads.
func (e *expander) each(l loop, page string, o origin, col, body int, size func() int, fn func()) {
	e.loopDepth++
	defer func() { e.loopDepth-- }()
	if e.loopDepth > maxLoopNest {
		// Each loop finds its {% endfor %} by reading on: 10,000 loops
		// within one another took a minute and 4.8 GB (t44).
		if !e.nestCut {
			e.nestCut = true
			e.reportAt(o, col, page, diag.Warning, "template-syntax", "",
				"loops nested more than %d deep; the loops within are left out", maxLoopNest)
		}
		return
	}
	names := []string{l.val, "loop"}
	if l.key != "" {
		names = append(names, l.key)
	}
	saved := map[string]any{}
	for _, n := range names {
		if v, ok := e.sets[n]; ok {
			saved[n] = v
		}
	}
	// As in Nunjucks, a {% set %} within the loop of a name not set
	// before it sets it for the loop only; one set before is set anew.
	before := make(map[string]bool, len(e.sets))
	for n := range e.sets {
		before[n] = true
	}
	defer func() {
		for n := range e.sets {
			if !before[n] {
				delete(e.sets, n)
				if n != "loop" && n != l.key && n != l.val {
					e.loopSets[n] = true // for the hint of a later use
				}
			}
		}
	}()
	for i, v := range l.values {
		if e.loopsCut {
			break
		}
		if size() > maxLoopOutput {
			e.reportAt(o, col, page, diag.Warning, "template-value", "",
				"{%% for %%} writes more than %d MB into the page; the rest of its values, and of every loop after it, are left out", maxLoopOutput>>20)
			e.loopsCut = true
			break
		}
		if e.loopWork += body; e.loopWork > maxLoopWork {
			e.reportAt(o, col, page, diag.Warning, "template-value", "",
				"the page's loops read more than %d MB of their bodies; the rest of the values of this {%% for %%}, and of every loop after it, are left out", maxLoopWork>>20)
			e.loopsCut = true
			break
		}
		if e.loopSteps++; e.loopSteps > maxLoopSteps {
			e.reportAt(o, col, page, diag.Warning, "template-value", "",
				"the page's loops go round more than %d times; the rest of the values of this {%% for %%}, and of every loop after it, are left out", maxLoopSteps)
			e.loopsCut = true
			break
		}
		n := len(l.values)
		e.sets["loop"] = map[string]any{"index": float64(i + 1), "index0": float64(i), "first": i == 0, "last": i == n-1,
			"length": float64(n), "revindex": float64(n - i), "revindex0": float64(n - i - 1)}
		if l.key != "" {
			e.sets[l.key] = l.keys[i]
		}
		e.sets[l.val] = v
		fn()
	}
	for _, n := range names {
		delete(e.sets, n)
		if v, ok := saved[n]; ok {
			e.sets[n] = v
		}
	}
}

// loopNesting follows the loops and {% if %} tags opened inside a loop's
// body, to tell the loop's own {% else %} and {% endfor %} from theirs.
type loopNesting struct{ loops, ifs int }

// own counts the tag name in turn, and returns it when it is "endfor" or
// "else" of the loop itself; "" otherwise.
func (n *loopNesting) own(name string) string {
	switch {
	case name == "if":
		n.ifs++
	case name == "endif" && n.ifs > 0:
		n.ifs--
	case name == "for":
		n.loops++
	case name == "endfor" && n.loops > 0:
		n.loops--
	case name == "endfor", name == "else" && n.loops == 0 && n.ifs == 0:
		return name
	}
	return ""
}

// inlineFor expands a {% for %} (its {% at at, its inside between from and
// to, next after it) whose {% endfor %} is on the same line; it returns
// where the line goes on, or -1 when the {% endfor %} is not there.
func (s *lineScan) inlineFor(at, from, to, next, end int) int {
	one := &lineCtx{lines: []string{s.line[:end]}}
	parts, found := one.loopParts(pos{0, next})
	if !found {
		return -1
	}
	after := parts.after.col
	if parts.endTrimR {
		after = s.trimAfter(after, end) // -%} at the line's end joins the next line
	}
	l := s.readLoop(at, from, to)
	run := func(a, b int) {
		body := &lineScan{e: s.e, page: s.page, file: s.file, line: s.line, o: s.o, depth: s.depth, nested: true, spans: s.spans}
		body.run(a, b)
		s.b.WriteString(body.b.String())
	}
	switch {
	case len(l.values) == 0 && parts.hasElse:
		run(parts.elseFrom.col, parts.elseTo.col)
	default:
		s.e.each(l, s.page, s.o, at+1, parts.bodyEnd.col-next, func() int { return s.e.out.Len() + s.b.Len() }, func() { run(next, parts.bodyEnd.col) })
	}
	return after
}

// lineCtx is the file expandLines goes through: its lines, the number of
// the first, the index of the one being expanded, and where to go on
// when a {% for %} within a line took the lines up to its {% endfor %}.
type lineCtx struct {
	lines    []string
	first, i int
	resume   *resume
}

// resume is where a line goes on after a {% endfor %}: its index, the
// byte after the tag, and what the line shows before it.
type resume struct {
	line, at int
	prefix   string
	raw      bool // prefix has its container prefix
	// joinNext: the tag ended its line with -%}, which takes the line
	// breaks after it (an {% endset -%} at the end of its line).
	joinNext bool
}

// spanFor expands a {% for %} within a line (its {% at at, its inside
// between from and to, its text from next on) whose {% endfor %} is on a
// later line, as Nunjucks does: its body runs from the tag to the
// {% endfor %}, line breaks included, and is written once for each
// value, as in a loop that writes table rows:
//
//	{% for r in book.rows %}| {{ r[0] }} | {{ r[1] }} |
//	{% endfor %}
//
// The line of the {% endfor %} goes on after it (lineCtx.resume). It
// reports false when nothing closes the loop.
func (s *lineScan) spanFor(at, from, to, next int, trimR bool) bool {
	e, ctx := s.e, s.e.ctx
	if ctx == nil || s.nested || s.code || ctx.i >= len(ctx.lines) || strings.TrimSuffix(ctx.lines[ctx.i], "\n") != s.line {
		return false
	}
	start := pos{ctx.i, next}
	parts, found := ctx.loopParts(start)
	if !found {
		return false
	}
	if trimR {
		start = ctx.skipForward(start, parts.endAt.line)
	}
	bodyEnd := parts.bodyEnd
	if bodyEnd.before(start) {
		bodyEnd = start
	}
	cur, raw, barrier := s.b.String(), s.taken, 0
	// scan expands line k from byte i to j after cur; first is set for
	// the text after a tag on its line, which takes no line before it.
	scan := func(k, i, j int, first bool) *lineScan {
		line := strings.TrimSuffix(ctx.lines[k], "\n")
		p := &lineScan{e: e, page: s.page, file: s.file, line: line, o: origin{s.o.file, ctx.first + k, line},
			depth: s.depth, nested: true, spans: s.spans, joins: true}
		if first {
			p.barrier = 1
		}
		p.run(i, j)
		if p.taken {
			// Whitespace control took back the line written last.
			cur, raw = "", true
		}
		if p.barrier > 0 {
			barrier = len(cur) + p.barrier
		}
		cur += p.b.String()
		return p
	}
	// part expands the text from a to b, which may span lines, after cur.
	part := func(a, b pos) {
		barrier = len(cur) + 1 // the tag before a
		if a.line == b.line {
			scan(a.line, a.col, b.col, true)
			return
		}
		r := &region{start: a.col, end: b.col, text: cur, raw: raw, barrier: barrier}
		e.expandLines(s.page, s.file, []byte(strings.Join(ctx.lines[a.line:b.line+1], "")), s.depth, ctx.first+a.line, r)
		cur, raw, barrier = r.tail, r.tailRaw, r.tailBarrier
	}
	l := s.readLoop(at, from, to)
	switch {
	case len(l.values) == 0 && parts.hasElse:
		part(parts.elseFrom, parts.elseTo)
	default:
		body := 0
		for k := start.line; k <= bodyEnd.line && k < len(ctx.lines); k++ {
			body += len(ctx.lines[k])
		}
		e.each(l, s.page, s.o, at+1, body, e.out.Len, func() { part(start, bodyEnd) })
	}
	e.trimNext = false // a -%} in the body takes blanks up to the {% endfor %} only
	ctx.resume = &resume{line: parts.after.line, at: parts.after.col, prefix: cur, raw: raw}
	s.done = true
	return true
}

// loopParts is where the parts of a loop lie, from its {% else %} and
// {% endfor %}: its body ends at bodyEnd, its else branch (hasElse) runs
// from elseFrom to elseTo, its {% endfor %} starts at endAt, and the
// text goes on at after. Whitespace control is done: a {%- takes the
// blanks and line breaks before its tag, back to the body's start, a -%}
// those after it; endTrimR notes the {% endfor %}'s.
type loopParts struct {
	bodyEnd, elseFrom, elseTo, endAt, after pos
	hasElse, endTrimR                       bool
}

// loopParts finds the {% else %} and {% endfor %} of the loop whose body
// starts at start, within a line or over lines; false when nothing
// closes the loop.
func (c *lineCtx) loopParts(start pos) (loopParts, bool) {
	var l loopParts
	var nest loopNesting
	last := len(c.lines) - 1
	for k, col := start.line, start.col; k <= last; k, col = k+1, 0 {
		line := strings.TrimSuffix(c.lines[k], "\n")
		for {
			at, t, ok := nextTag(line, col, len(line))
			if !ok {
				break
			}
			col = t.next
			switch nest.own(t.name) {
			case "endfor":
				endAt, after := pos{k, at}, pos{k, t.next}
				if t.trimL {
					endAt = c.trimBack(endAt, start)
				}
				if t.trimR {
					after = c.skipForward(after, last)
				}
				l.endAt, l.elseTo, l.after, l.endTrimR = endAt, endAt, after, t.trimR
				if !l.hasElse {
					l.bodyEnd = endAt
				} else if endAt.before(l.elseFrom) {
					l.elseTo = l.elseFrom // an else branch of blanks alone
				}
				return l, true
			case "else":
				if l.hasElse {
					break
				}
				l.hasElse = true
				elseAt, elseFrom := pos{k, at}, pos{k, t.next}
				if t.trimL {
					elseAt = c.trimBack(elseAt, start)
				}
				if t.trimR {
					elseFrom = c.skipForward(elseFrom, last)
				}
				l.bodyEnd, l.elseFrom = elseAt, elseFrom
			}
		}
	}
	return l, false
}

// pos is a place in the lines of a lineCtx: a line's index, a byte.
type pos struct{ line, col int }

func (p pos) before(q pos) bool { return p.line < q.line || p.line == q.line && p.col < q.col }

// skipForward returns where the blanks and line breaks from p on end,
// not past line last.
func (c *lineCtx) skipForward(p pos, last int) pos {
	for {
		line := strings.TrimSuffix(c.lines[p.line], "\n")
		for p.col < len(line) && (line[p.col] == ' ' || line[p.col] == '\t') {
			p.col++
		}
		if p.col < len(line) || p.line >= last {
			return p
		}
		p = pos{p.line + 1, 0}
	}
}

// trimBack returns where the blanks and line breaks before p start, not
// before from.
func (c *lineCtx) trimBack(p, from pos) pos {
	for {
		line := strings.TrimSuffix(c.lines[p.line], "\n")
		low := 0
		if p.line == from.line {
			low = from.col
		}
		for p.col > low && (line[p.col-1] == ' ' || line[p.col-1] == '\t') {
			p.col--
		}
		if p.col > low || p.line <= from.line {
			return p
		}
		p = pos{p.line - 1, len(strings.TrimSuffix(c.lines[p.line-1], "\n"))}
	}
}
