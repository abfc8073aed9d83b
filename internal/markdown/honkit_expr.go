package markdown

import (
	"cmp"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/language"

	"folio/internal/diag"
)

// HonKit renders each page with Nunjucks before Markdown. This file
// evaluates the expressions of `{{ … }}` and `{% set x = … %}`: literals,
// variables (`name`, `book.a.b`, `page["x"]`), filters with arguments and
// chains (`x | default("y") | upper`), `~` and `+ - * / %`, `and`, `or`,
// `not` and parentheses, with Nunjucks' (JavaScript's) rules for truth,
// concatenation and printing. It evaluates while it parses: expressions
// are short and written once.

// undefined is the value of a name nothing defines. It remembers where the
// name was written, so that the warning points at it when the value is
// used (printed, filtered, concatenated) rather than defaulted.
type undefined struct {
	name string
	col  int
	// lacking is set for a value of HonKit's that folio does not provide.
	lacking bool
	// quiet is set for a value whose use is no warning: one of HonKit's
	// that the build does not have here (page.previous on the first
	// page), undefined in HonKit too, or one a {% set %} reported.
	quiet bool
}

// safeString is a string the `safe` or `escape` filter marked: `escape`
// leaves it alone, as Nunjucks does.
type safeString string

// exprParser reads one expression of a line and evaluates it.
type exprParser struct {
	e    *expander
	page string
	o    origin
	src  string // the line
	pos  int    // next byte of src to read
	end  int    // where the expression ends in src
	// start is where the tag holding the expression starts, for
	// diagnostics about its value.
	start int
	// quiet is set while evaluating an operand whose value is not used
	// (the right of a true `or`): its undefined names are not reported.
	quiet int
	err   *exprError
	// lenient is set in code, where an expression folio cannot evaluate
	// fully is kept as written: missed records that it could not.
	lenient, missed bool
	// inlineIfs are the parts of the expression that hold an inline if
	// of their own (findInlineIfs), by where they start, once ifsFound.
	inlineIfs map[int]bool
	ifsFound  bool
	// ifDepth counts the inline ifs whose first part is being read
	// again, within one another (maxIfDepth).
	ifDepth int
	// nest counts the values being read within one another (maxExprNest),
	// values those read so far (maxExprValues).
	nest, values int
	// pendingNot counts the nots whose ! the next value of a row takes
	// (parseNot).
	pendingNot int
	// uncompiled is set while reading what Nunjucks parses but does not
	// compile (what names no test after is), where what JavaScript
	// would reject is no error.
	uncompiled int
}

type exprError struct {
	col int
	msg string
}

func (p *exprParser) fail(pos int, format string, args ...any) {
	if p.err == nil {
		p.err = &exprError{col: pos + 1, msg: fmt.Sprintf(format, args...)}
	}
}

// warnUndefined reports a use of an undefined value, shown as empty.
func (p *exprParser) warnUndefined(v any) { p.warnUndefinedAs(v, "shown as empty") }

// warnUndefinedAs reports a use of an undefined value, which shown says
// what becomes of.
func (p *exprParser) warnUndefinedAs(v any, shown string) {
	u, ok := v.(undefined)
	if !ok || u.quiet || p.quiet > 0 || p.err != nil {
		return
	}
	if p.lenient {
		p.missed = true
		return
	}
	if u.lacking {
		p.e.reportAt(p.o, u.col, p.page, diag.Warning, "template-undefined", "",
			"template variable %s is HonKit's, and folio does not provide it; shown as empty", u.name)
		return
	}
	root, _, _ := strings.Cut(u.name, ".")
	if (root == "book" || root == "config") && p.e.opts.BookUnread {
		return // book.json's error is reported: its values are all missing
	}
	hint := "define it in book.json variables or with {% set %}"
	if _, ok := p.e.opts.Vars[root]; ok && root != "book" {
		// book.json's variables are book.x (t59: the hint said to
		// define what was there).
		hint = "book.json's variables are read as book." + root + ": write {{ book." + u.name + " }}"
	} else if root != "book" {
		// Braces meant as text (Vue's {{ message }}, GitHub Actions'
		// ${{ secrets.X }}) are HonKit's expressions too.
		hint += "; to show the braces as written, put them in {% raw %}…{% endraw %}"
	}
	if p.e.loopSets[u.name] {
		hint = "it was set within a {% for %}, where a {% set %} of a new name holds for the loop only, as in Nunjucks: set it before the loop"
	}
	switch root {
	case "config":
		hint = "set it in book.json"
	case "page":
		hint = "set it in the page's front matter"
	}
	p.e.reportAt(p.o, u.col, p.page, diag.Warning, "template-undefined", hint,
		"template variable %s is not defined; %s", u.name, shown)
}

// writtenUndefined is what becomes of undefined joined to text, which
// JavaScript writes "undefined".
const writtenUndefined = `written "undefined" there, as HonKit writes it`

func (p *exprParser) skipSpace() {
	for p.pos < p.end && (p.src[p.pos] == ' ' || p.src[p.pos] == '\t') {
		p.pos++
	}
}

// peekWord returns the identifier at the current position ("" if none).
func (p *exprParser) peekWord() string {
	p.skipSpace()
	i := p.pos
	for i < p.end && isNameByte(p.src[i], i == p.pos) {
		i++
	}
	return p.src[p.pos:i]
}

func isNameByte(c byte, first bool) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || !first && c >= '0' && c <= '9'
}

// accept consumes tok (punctuation) if it comes next.
func (p *exprParser) accept(tok string) bool {
	p.skipSpace()
	if strings.HasPrefix(p.src[p.pos:p.end], tok) {
		p.pos += len(tok)
		return true
	}
	return false
}

// acceptWord consumes the keyword w if it comes next as a whole word.
func (p *exprParser) acceptWord(w string) bool {
	if p.peekWord() == w {
		p.pos += len(w)
		return true
	}
	return false
}

// parse evaluates the whole expression src[start:end].
func (p *exprParser) parse() any {
	v := p.parseIf()
	p.skipSpace()
	if p.err == nil && p.pos < p.end {
		p.fail(p.pos, "unexpected %q", p.src[p.pos:p.end])
	}
	return v
}

// parseIf reads `a if condition else b`, which Nunjucks compiles to
// JavaScript's (condition ? a : b): a is evaluated only when the
// condition holds, b (a value without inline if of its own, as Nunjucks
// reads it) only when it does not, and a false condition without else
// gives "". The part read first, a, is read again when it is evaluated:
// what it says or changes on its first reading is taken back.
func (p *exprParser) parseIf() any {
	if n := p.pendingNot; n > 0 {
		// A part within brackets, parentheses or arguments, in which
		// the value after not is not.
		p.pendingNot = 0
		defer func() { p.pendingNot = n }()
	}
	if !p.hasInlineIf() {
		return p.parseOr()
	}
	if p.quiet > 0 || p.ifDepth == maxIfDepth {
		// Nothing is said or changed (or the ifs within ifs are too many
		// to read parts again): a is evaluated as it is read.
		return p.parseIfOnce()
	}
	start := p.pos
	p.skipQuietly(p.parseOr)
	if p.err != nil || !p.acceptWord("if") {
		// The if is elsewhere (within a member's name): no inline if.
		if p.err == nil {
			p.pos = start
			return p.parseOr()
		}
		return nil
	}
	cond := truthy(p.parseOr())
	if p.err != nil {
		return nil
	}
	var v any = ""
	if cond {
		after := p.pos
		p.pos = start
		p.ifDepth++
		v = p.parseOr()
		p.ifDepth--
		p.pos = after
	}
	if p.acceptWord("else") {
		if cond {
			p.skipQuietly(p.parseOr)
		} else {
			v = p.parseOr()
		}
	}
	return v
}

// maxIfDepth bounds the inline ifs within the first part of one another
// whose first part parseIf reads again, which makes reading an
// expression take time in their number times its length.
const maxIfDepth = 16

// parseIfOnce is parseIf reading a before the condition, once.
func (p *exprParser) parseIfOnce() any {
	v := p.parseOr()
	if p.err != nil || !p.acceptWord("if") {
		return v
	}
	cond := truthy(p.parseOr())
	var alt any = ""
	if p.acceptWord("else") {
		if cond {
			p.skipQuietly(p.parseOr)
		} else {
			alt = p.parseOr()
		}
	}
	if cond {
		return v
	}
	return alt
}

// skipQuietly reads what read reads without its warnings or changes: a
// part of an expression that is not evaluated.
func (p *exprParser) skipQuietly(read func() any) {
	diags := len(p.e.diags)
	p.quiet++
	read()
	p.quiet--
	p.e.diags = p.e.diags[:diags]
}

// hasInlineIf reports whether the part of the expression that starts
// here (the whole, an argument, a value of a list, what parentheses or
// brackets hold) holds an inline if of its own.
func (p *exprParser) hasInlineIf() bool {
	if !p.ifsFound {
		p.findInlineIfs()
		p.ifsFound = true
	}
	return p.inlineIfs[p.blanksEnd(p.pos)]
}

// findInlineIfs notes, in one pass over the expression from here on,
// where each part that holds the word if outside any bracket of its own
// starts (after blanks): the parts are what brackets, commas and the
// colons of objects delimit.
func (p *exprParser) findInlineIfs() {
	starts := []int{p.pos}
	for i := p.pos; i < p.end; i++ {
		switch c := p.src[i]; {
		case c == '"' || c == '\'':
			for i++; i < p.end && p.src[i] != c; i++ {
				if p.src[i] == '\\' {
					i++
				}
			}
		case c == '(' || c == '[' || c == '{':
			starts = append(starts, i+1)
		case c == ')' || c == ']' || c == '}':
			if len(starts) > 1 {
				starts = starts[:len(starts)-1]
			}
		case c == ',' || c == ':':
			// A value of an object starts after its key's colon.
			starts[len(starts)-1] = i + 1
		case isNameByte(c, false):
			j := i
			for j < p.end && isNameByte(p.src[j], false) {
				j++
			}
			if p.src[i:j] == "if" && (i == 0 || p.src[i-1] != '.') {
				if p.inlineIfs == nil {
					p.inlineIfs = map[int]bool{}
				}
				p.inlineIfs[p.blanksEnd(starts[len(starts)-1])] = true
			}
			i = j - 1
		}
	}
}

// blanksEnd returns the first byte at or after i that is no blank.
func (p *exprParser) blanksEnd(i int) int {
	for i < p.end && (p.src[i] == ' ' || p.src[i] == '\t') {
		i++
	}
	return i
}

// parseOr reads `a or b`, which Nunjucks compiles to JavaScript's
// (a || b): b is not evaluated when a is true, so nothing there is said
// (a name not defined, a filter or a test folio does not know, a call
// that would throw); it is read all the same, and a syntax error there
// is one.
func (p *exprParser) parseOr() any {
	v := p.parseAnd()
	for p.err == nil && p.acceptWord("or") {
		if truthy(v) {
			p.skipQuietly(p.parseAnd)
			continue
		}
		v = p.parseAnd()
	}
	return v
}

// parseAnd reads `a and b`, JavaScript's (a && b): b is not evaluated
// when a is false, as in parseOr.
func (p *exprParser) parseAnd() any {
	v := p.parseNot()
	for p.err == nil && p.acceptWord("and") {
		if !truthy(v) {
			p.skipQuietly(p.parseNot)
			continue
		}
		v = p.parseNot()
	}
	return v
}

// parseNot reads not, which Nunjucks compiles to JavaScript's !
// written before what follows, without parentheses: ! applies to the
// first value of a row of operators (not a == b is (!a) == b, not a ~ b
// is (!a) ~ b), which parseMul negates (pendingNot), but to the whole
// of an in or an is, which are calls.
func (p *exprParser) parseNot() any {
	n := 0
	for p.acceptWord("not") {
		n++
	}
	if n == 0 {
		return p.parseIn()
	}
	start := p.pos
	p.skipQuietly(p.parseCompare)
	next := p.peekWord()
	whole := p.err != nil || next == "in" || next == "is" || next == "not"
	if p.err == nil {
		p.pos = start
	}
	if whole {
		v := p.parseIn()
		return negate(v, n)
	}
	p.pendingNot = n
	v := p.parseIn()
	p.pendingNot = 0
	return v
}

// negate is v after n JavaScript !.
func negate(v any, n int) any {
	for range n {
		v = !truthy(v)
	}
	return v
}

// parseIn reads `a in b` and `a not in b`, which Nunjucks places between
// not and is: not "a" in l is not ("a" in l), and x == y in l asks
// whether the comparison's result is in l.
func (p *exprParser) parseIn() any {
	v := p.parseIs()
	for p.err == nil {
		save := p.pos
		invert := p.acceptWord("not")
		if !p.acceptWord("in") {
			p.pos = save
			return v
		}
		p.skipSpace()
		at := p.pos
		r := p.parseIs()
		if p.err != nil {
			return nil
		}
		p.warnUndefined(v)
		found, ok := inJS(v, r)
		if !ok {
			p.badIn(r, at)
		}
		v = found != invert
	}
	return v
}

// inJS is Nunjucks' in operator (its lib.inOperator): a value in a
// list, compared as ===; a text within a text; a property of an object,
// as JavaScript's in finds it, inherited ones too: "toString" in book.m
// is true. What safe and escape give is an object, a SafeString, whose
// properties are its own and those of text. ok is false where Nunjucks
// throws: on any other right side.
func inJS(key, in any) (found, ok bool) {
	k := jsString(key)
	switch x := in.(type) {
	case []any:
		return slices.ContainsFunc(x, func(y any) bool { return strictEqualJS(key, y) }), true
	case string:
		return strings.Contains(x, k), true
	case safeString:
		return slices.Contains(safeStringKeys, k) || slices.Contains(objectKeys, k), true
	case map[string]any:
		_, found = x[k]
		return found || slices.Contains(objectKeys, k), true
	}
	return false, false
}

// objectKeys are the properties every JavaScript object inherits from
// Object.prototype (Node 20's).
var objectKeys = []string{"constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__",
	"__lookupSetter__", "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf", "__proto__", "toLocaleString"}

// safeStringKeys are the properties of Nunjucks' SafeString: its own,
// val and length, and those it inherits from String.prototype (Node
// 20's), but no index: it holds its text in val.
var safeStringKeys = []string{"val", "length", "anchor", "at", "big", "blink", "bold", "charAt", "charCodeAt",
	"codePointAt", "concat", "endsWith", "fontcolor", "fontsize", "fixed", "includes", "indexOf", "isWellFormed",
	"italics", "lastIndexOf", "link", "localeCompare", "match", "matchAll", "normalize", "padEnd", "padStart", "repeat",
	"replace", "replaceAll", "search", "slice", "small", "split", "strike", "sub", "substr", "substring", "sup",
	"startsWith", "toString", "toWellFormed", "trim", "trimStart", "trimLeft", "trimEnd", "trimRight",
	"toLocaleLowerCase", "toLocaleUpperCase", "toLowerCase", "toUpperCase", "valueOf"}

// strictEqualJS is JavaScript's ===: numbers by value (NaN equals
// nothing), text with text, lists and objects by identity. What safe and
// escape give is an object, a SafeString, made anew by each filter: it
// is no text, and folio takes two for two objects.
func strictEqualJS(a, b any) bool {
	switch {
	case isNumber(a) && isNumber(b):
		return toNumber(a) == toNumber(b)
	}
	switch x := a.(type) {
	case string:
		y, ok := b.(string)
		return ok && x == y
	case bool:
		y, ok := b.(bool)
		return ok && x == y
	case nil:
		return b == nil
	case undefined:
		return isUndefined(b)
	case []any:
		// One list: its values at the same place. An empty list without
		// room for values is none of the lists JavaScript's are (ownEmpty).
		y, ok := b.([]any)
		return ok && cap(x) > 0 && cap(y) > 0 && len(x) == len(y) && &x[:1][0] == &y[:1][0]
	case map[string]any:
		y, ok := b.(map[string]any)
		return ok && mapID(x) == mapID(y)
	}
	return false
}

func isNumber(v any) bool {
	switch v.(type) {
	case float64, int, int64, uint64:
		return true
	}
	return false
}

// jsString is JavaScript's String(v), which in and the string methods
// apply to their arguments: undefined is "undefined" and null "null"
// there, where a page shows nothing for them.
func jsString(v any) string {
	switch v.(type) {
	case undefined:
		return "undefined"
	case nil:
		return "null"
	}
	return toText(v)
}

// badIn reports an `in` whose right side, written from at on, is no
// list, text or object: Nunjucks throws there, and HonKit stops.
func (p *exprParser) badIn(r any, at int) {
	if p.quiet > 0 {
		return
	}
	if p.lenient {
		p.missed = true
		return
	}
	if u, ok := r.(undefined); ok {
		p.e.reportAt(p.o, u.col, p.page, diag.Warning, "template-undefined", "define it in book.json variables or with {% set %}",
			"\"in\" looks in %s, which is not defined: HonKit stops on it; folio takes it as holding nothing", u.name)
		return
	}
	p.e.reportAt(p.o, at+1, p.page, diag.Warning, "template-value", "look in a list, a text or an object",
		"\"in\" looks in %s, which is no list, text or object: HonKit stops on it; folio takes it as holding nothing", clip(jsString(r)))
}

// parseCompare reads comparisons, which Nunjucks compiles to
// JavaScript's operators written in a row: a < b < c is (a < b) < c,
// and <, >, <= and >= apply before ==, !=, === and !== (a == b < c is
// a == (b < c)), each left to right.
func (p *exprParser) parseCompare() any {
	vals := []any{p.parseConcat()}
	var ops []string
	for p.err == nil {
		op := ""
		for _, o := range []string{"===", "!==", "==", "!=", "<=", ">=", "<", ">"} {
			if p.accept(o) {
				op = o
				break
			}
		}
		if op == "" {
			break
		}
		ops = append(ops, op)
		vals = append(vals, p.parseConcat())
	}
	if len(ops) == 0 || p.err != nil {
		return vals[0]
	}
	for _, v := range vals {
		p.warnUndefined(v)
	}
	// The relations first, then the equalities.
	eqVals, eqOps := []any{vals[0]}, []string(nil)
	for i, op := range ops {
		if strings.Contains("<><=>=", op) {
			eqVals[len(eqVals)-1] = compareOpJS(op, eqVals[len(eqVals)-1], vals[i+1])
			continue
		}
		eqOps = append(eqOps, op)
		eqVals = append(eqVals, vals[i+1])
	}
	v := eqVals[0]
	for i, op := range eqOps {
		v = compareOpJS(op, v, eqVals[i+1])
	}
	return v
}

// compareOpJS is JavaScript's comparison operator op, which Nunjucks
// compiles to itself: === and !== are strict, == and != loose
// (looseEqualJS), and < > <= >= compare as relateJS does, NaN false.
func compareOpJS(op string, a, b any) bool {
	switch op {
	case "===":
		return strictEqualJS(a, b)
	case "!==":
		return !strictEqualJS(a, b)
	case "==":
		return looseEqualJS(a, b)
	case "!=":
		return !looseEqualJS(a, b)
	}
	c, ok := relateJS(a, b)
	if !ok {
		return false
	}
	switch op {
	case "<":
		return c < 0
	case ">":
		return c > 0
	case "<=":
		return c <= 0
	}
	return c >= 0
}

// nullish reports JavaScript's null and undefined.
func nullish(v any) bool { return v == nil || isUndefined(v) }

// looseEqualJS is JavaScript's ==: null and undefined equal each other
// only; two objects (lists, objects, what safe gives) are equal when
// they are one; otherwise an object is taken as its primitive value
// (toPrimitiveJS), and text equals text, anything else compared as
// numbers: 0 == [] and [1, 2] == "1,2" are true, [] == [] false.
func looseEqualJS(a, b any) bool {
	if nullish(a) || nullish(b) {
		return nullish(a) && nullish(b)
	}
	if objectJS(a) && objectJS(b) {
		return strictEqualJS(a, b)
	}
	a, b = toPrimitiveJS(a), toPrimitiveJS(b)
	if isText(a) && isText(b) {
		return toText(a) == toText(b)
	}
	return toNumber(a) == toNumber(b)
}

// relateJS compares a and b as JavaScript's < and > do: their primitive
// values (toPrimitiveJS), text with text by UTF-16 code units, anything
// else as numbers; ok is false when one is NaN, where every comparison
// is false.
func relateJS(a, b any) (c int, ok bool) {
	a, b = toPrimitiveJS(a), toPrimitiveJS(b)
	if isText(a) && isText(b) {
		return compareUnits(toText(a), toText(b)), true
	}
	x, y := toNumber(a), toNumber(b)
	switch {
	case x < y:
		return -1, true
	case x > y:
		return 1, true
	}
	return 0, x == y
}

// compareUnits compares text as JavaScript does, by UTF-16 code unit:
// a character past U+FFFF comes before U+E000…U+FFFF, which UTF-8 puts
// before it.
func compareUnits(a, b string) int {
	for a != "" && b != "" {
		r, n := utf8.DecodeRuneInString(a)
		q, m := utf8.DecodeRuneInString(b)
		if r != q {
			return slices.Compare(utf16.AppendRune(nil, r), utf16.AppendRune(nil, q))
		}
		a, b = a[n:], b[m:]
	}
	return cmp.Compare(len(a), len(b))
}

// objectJS reports the values that are objects in JavaScript: lists,
// objects, and what safe and escape give, a SafeString.
func objectJS(v any) bool {
	switch v.(type) {
	case []any, map[string]any, safeString:
		return true
	}
	return false
}

// toPrimitiveJS is JavaScript's ToPrimitive: a list is its text, as
// its toString writes it (its values joined with commas), an object
// "[object Object]", a SafeString its text; other values are primitive.
func toPrimitiveJS(v any) any {
	if objectJS(v) {
		return toText(v)
	}
	return v
}

// parseConcat reads ~, + and -, which Nunjucks compiles to JavaScript's
// + and - written in a row (~ to + "" +), so they apply left to right
// whatever its parse tree says: 1 ~ 2 + 3 is "12" + 3, "123", and
// 1 ~ 2 - 3 is "12" - 3, 9.
func (p *exprParser) parseConcat() any {
	v := p.parseMul()
	for p.err == nil {
		p.skipSpace()
		if p.pos >= p.end || strings.IndexByte("~+-", p.src[p.pos]) < 0 {
			return v
		}
		op := p.src[p.pos]
		p.pos++
		r := p.parseMul()
		shown := "shown as empty"
		if op == '~' || op == '+' && (textJS(v) || textJS(r)) {
			shown = writtenUndefined
		}
		p.warnUndefinedAs(v, shown)
		p.warnUndefinedAs(r, shown)
		switch op {
		case '~':
			v = p.capText(concatText(v)+concatText(r), p.start)
		case '+':
			v = p.capText(addJS(v, r), p.start)
		default:
			v = toNumber(v) - toNumber(r)
		}
	}
	return v
}

// parseMul reads *, /, %, // and **. Nunjucks compiles *, / and % to
// JavaScript's operators written in a row, so they apply left to right
// whatever its parse tree says; // becomes Math.floor(a / b) around the
// whole % chains on each side of it (7 // 4 % 3 is Math.floor(7 / 4 % 3)),
// and ** Math.pow(a, b) around the values beside it. The operators are
// gathered in a row and applied as that JavaScript does.
func (p *exprParser) parseMul() any {
	var row arithRow
	op := byte(0)
	for p.err == nil {
		unit := p.parseMod()
		if p.accept("//") {
			unit = arithRow{vals: []any{p.parseFloorDiv(unit)}}
		}
		if n := p.pendingNot; n > 0 && op == 0 && len(unit.vals) > 0 {
			// The first value after not (parseNot).
			p.pendingNot = 0
			unit.vals[0] = negate(unit.vals[0], n)
		}
		row.add(op, unit)
		p.skipSpace()
		if p.pos >= p.end || p.src[p.pos] != '*' && p.src[p.pos] != '/' {
			break
		}
		op = p.src[p.pos]
		p.pos++
	}
	return row.eval(p)
}

// parseFloorDiv reads what follows a //, whose left side is left, up to
// the last // of a chain, and returns the value.
func (p *exprParser) parseFloorDiv(left arithRow) float64 {
	for {
		left.add('/', p.parseMod())
		x := math.Floor(toNumber(left.eval(p)))
		if p.err != nil || !p.accept("//") {
			return x
		}
		left = arithRow{vals: []any{x}}
	}
}

// parseMod reads values joined by %.
func (p *exprParser) parseMod() arithRow {
	row := arithRow{vals: []any{p.parsePow()}}
	for p.err == nil && p.accept("%") {
		row.add('%', arithRow{vals: []any{p.parsePow()}})
	}
	return row
}

// parsePow reads values joined by **, left to right, as Nunjucks nests
// them: 2 ** 3 ** 2 is 64.
func (p *exprParser) parsePow() any {
	v := p.parseUnary()
	for p.err == nil && p.accept("**") {
		r := p.parseUnary()
		p.warnUndefined(v)
		p.warnUndefined(r)
		v = powJS(toNumber(v), toNumber(r))
	}
	return v
}

// arithRow is values joined by *, / and %, to apply left to right.
type arithRow struct {
	vals []any
	ops  []byte // ops[i] stands between vals[i] and vals[i+1]
}

// add appends r to the row after op (none for the row's first values).
func (a *arithRow) add(op byte, r arithRow) {
	if op != 0 {
		a.ops = append(a.ops, op)
	}
	a.vals = append(a.vals, r.vals...)
	a.ops = append(a.ops, r.ops...)
}

func (a arithRow) eval(p *exprParser) any {
	if len(a.vals) == 0 {
		return nil
	}
	v := a.vals[0]
	for i, op := range a.ops {
		r := a.vals[i+1]
		p.warnUndefined(v)
		p.warnUndefined(r)
		x, y := toNumber(v), toNumber(r)
		switch op {
		case '*':
			v = x * y
		case '/':
			v = x / y
		default:
			v = math.Mod(x, y)
		}
	}
	return v
}

// powJS is JavaScript's Math.pow, which differs from math.Pow on a NaN
// exponent and on 1 or -1 to an infinite one: NaN.
func powJS(x, y float64) float64 {
	if math.IsNaN(y) || math.Abs(x) == 1 && math.IsInf(y, 0) {
		return math.NaN()
	}
	return math.Pow(x, y)
}

// parseUnary reads a value and its filters; as in Nunjucks, they filter
// a negative number, not its absolute value: -3 | abs is 3.
func (p *exprParser) parseUnary() any {
	return p.parseFilters(p.parseNegation())
}

// parseNegation reads a value after unary - and +, JavaScript's, which
// Nunjucks compiles them to, written before it: two alike in a row,
// - -x, are JavaScript's -- there, which does not compile.
func (p *exprParser) parseNegation() any {
	p.skipSpace()
	if p.pos >= p.end || p.src[p.pos] != '-' && p.src[p.pos] != '+' {
		return p.parsePrimary()
	}
	op := p.src[p.pos]
	p.pos++
	if p.peek(op) && p.uncompiled == 0 {
		p.fail(p.pos, "%c %c is JavaScript's %c%c once Nunjucks compiles it, which fails: write %c(%cx)", op, op, op, op, op, op)
		return nil
	}
	v := p.parseNegation()
	p.warnUndefined(v)
	if op == '-' {
		return -toNumber(v)
	}
	return toNumber(v)
}

// parseFilters applies the filters that follow a value: `| name` or
// `| name(args)`.
func (p *exprParser) parseFilters(v any) any {
	for p.err == nil && p.accept("|") {
		name, at, args := p.parseCall("a filter name must follow |")
		if p.err != nil {
			return nil
		}
		v = p.filter(name, at, v, args)
	}
	return v
}

// parseCall reads the name of a filter or a test and its arguments in
// parentheses, if any; at is where the name starts. With no name, it
// fails with missing.
func (p *exprParser) parseCall(missing string) (name string, at int, args []any) {
	p.skipSpace()
	at = p.pos
	name = p.peekWord()
	if name == "" {
		p.fail(p.pos, "%s", missing)
		return "", at, nil
	}
	p.pos += len(name)
	if p.accept("(") {
		var named *keywordArgs
		args, named = p.parseArgs(name)
		args = p.withKeywords(args, named, macroFilters[name])
	}
	return name, at, args
}

// macroFilters are the filters Nunjucks makes with makeMacro, which
// read arguments given by name: the names of their arguments after the
// value.
var macroFilters = map[string][]string{"sort": {"reverse", "case_sensitive", "attribute"}, "int": {"default", "base"}}

// keywordArgs are the arguments of a call given by name, name=value,
// in the order written.
type keywordArgs struct {
	names []string
	vals  map[string]any
}

// withKeywords gives the arguments a call with args, and named ones
// (nil for none), passes to its function, as Nunjucks does: a function
// made with makeMacro, whose arguments after the filtered value macro
// names, takes the missing ones by name (when fewer are given than it
// names, else none); any other takes, after args, an object of the
// named ones and __keywords, true.
func (p *exprParser) withKeywords(args []any, named *keywordArgs, macro []string) []any {
	if macro != nil {
		if len(args) < len(macro) {
			for _, n := range macro[len(args):] {
				var v any = undefined{quiet: true}
				if named != nil {
					if x, ok := named.vals[n]; ok {
						v = x
					}
				}
				args = append(args, v)
			}
		}
		return args
	}
	if named == nil {
		return args
	}
	m := map[string]any{"__keywords": true}
	for _, n := range named.names {
		m[n] = named.vals[n]
	}
	p.e.rememberMade(m, append(slices.Clone(named.names), "__keywords"))
	return append(args, m)
}

// maxExprNest bounds the values within values of one expression, and
// maxChain the members and calls after one value: a page of 250,000 ( or
// [ overflowed the stack and killed the process, and 40,000 .trim()
// took 16 s (t40). Templates written by people stay far below both.
const (
	maxExprNest   = 500
	maxChain      = 500
	maxExprValues = 20000 // the values one expression reads, all told
)

func (p *exprParser) parsePrimary() any {
	p.nest++
	p.values++
	defer func() { p.nest-- }()
	if p.nest > maxExprNest {
		p.fail(p.pos, "the expression holds values within values more than %d deep", maxExprNest)
		p.pos = p.end
		return nil
	}
	if p.values > maxExprValues {
		// 200,000 operands of in or ~ took half a minute (t44).
		p.fail(p.pos, "the expression holds more than %d values", maxExprValues)
		p.pos = p.end
		return nil
	}
	p.skipSpace()
	if p.pos >= p.end {
		p.fail(p.pos, "an expression is missing")
		return nil
	}
	at := p.pos
	c := p.src[p.pos]
	var v any
	switch {
	case c == '"' || c == '\'':
		s, ok := p.parseString()
		if !ok {
			return nil
		}
		v = s
	case c >= '0' && c <= '9':
		// Nunjucks' lexer reads a word: digits alone are a number, which
		// a dot and the digits after it, if any, make a decimal (1.5,
		// 1.); a dot after that is a member: 1.5.toFixed(1). A word of
		// digits and letters (1e5, 1abc) is a name.
		i := digitsEnd(p.src, p.pos, p.end)
		if i < p.end && isNameByte(p.src[i], false) {
			for i < p.end && isNameByte(p.src[i], false) {
				i++
			}
			return p.named(at, p.src[p.pos:i])
		}
		if i < p.end && p.src[i] == '.' {
			i = digitsEnd(p.src, i+1, p.end)
		}
		f, err := strconv.ParseFloat(p.src[p.pos:i], 64)
		if err != nil {
			p.fail(p.pos, "%q is not a number", p.src[p.pos:i])
			return nil
		}
		p.pos = i
		v = f
	case c == '(':
		p.pos++
		v = p.parseIf()
		if !p.accept(")") {
			p.fail(p.pos, "expected )")
		}
	case c == '[':
		p.pos++
		var list []any
		for p.err == nil && !p.accept("]") {
			if len(list) > 0 && !p.accept(",") {
				p.fail(p.pos, "expected , or ] in a list")
				return nil
			}
			list = append(list, p.parseIf())
		}
		v = list
	case c == '{':
		v = p.parseObject()
	default:
		return p.parseName(at)
	}
	if p.err != nil {
		return nil
	}
	// As in Nunjucks, a literal takes members and method calls too:
	// "a,b".split(",")[0]. The empty first key matches no HonKit name.
	return p.parsePostfix(at, v, true, p.src[at:p.pos], []string{""}, false, false)
}

// parseObject reads an object written {key: value, …} after its {, as
// Nunjucks reads it and JavaScript makes it: a key is a name or a text
// (anything else does not compile), a key written twice keeps its first
// place and its last value, __proto__ sets no key, and the keys go in
// JavaScript's order. Nunjucks' lexer reads }} as the end of a {{ … }}
// wherever it stands, so an object that ends another, }}, is an error
// there.
func (p *exprParser) parseObject() any {
	p.pos++
	m := map[string]any{}
	var keys []string
	for n := 0; p.err == nil && !p.accept("}"); n++ {
		if n > 0 && !p.accept(",") {
			p.fail(p.pos, "expected , or } in an object")
			return nil
		}
		key, ok := p.parseKey()
		if !ok {
			return nil
		}
		if !p.accept(":") {
			p.fail(p.pos, "expected : after the key of an object")
			return nil
		}
		v := p.parseIf()
		if key == "__proto__" {
			continue // the object's prototype, not a key
		}
		if _, seen := m[key]; !seen {
			keys = append(keys, key)
		}
		m[key] = v
	}
	if p.err != nil {
		return nil
	}
	if p.pos < p.end && p.src[p.pos] == '}' {
		p.fail(p.pos-1, "}} ends a {{ … }} in Nunjucks, even within an expression: write } }")
		return nil
	}
	p.e.rememberMade(m, keys)
	return m
}

// parseKey reads the key of an object or of an argument given by name:
// a name or a text.
func (p *exprParser) parseKey() (string, bool) {
	p.skipSpace()
	if p.pos < p.end && (p.src[p.pos] == '"' || p.src[p.pos] == '\'') {
		return p.parseString()
	}
	name := p.peekWord()
	switch name {
	case "":
		p.fail(p.pos, "a key is a name or a text")
		return "", false
	case "true", "True", "false", "False", "none", "None", "null":
		p.fail(p.pos, "a key is a name or a text, not %s", name)
		return "", false
	}
	p.pos += len(name)
	return name, true
}

// digitsEnd returns where the digits of src from i on end, before end.
func digitsEnd(src string, i, end int) int {
	for i < end && src[i] >= '0' && src[i] <= '9' {
		i++
	}
	return i
}

// parseName reads a name, at at, and what follows it: members, indexes
// and method calls.
func (p *exprParser) parseName(at int) any {
	name := p.peekWord()
	if name == "" {
		p.fail(p.pos, "unexpected %q", p.src[p.pos:p.end])
		return nil
	}
	return p.named(at, name)
}

// named reads the name written at at, which comes next, and what follows
// it.
func (p *exprParser) named(at int, name string) any {
	p.pos += len(name)
	switch name {
	case "true", "True":
		return true
	case "false", "False":
		return false
	case "none", "None", "null":
		return nil
	}
	v, found := p.e.variable(name)
	if name == "range" && !found && p.peek('(') {
		return p.callRange(at)
	}
	keys := []string{name}
	empty, lacking := false, false
	if !found {
		// A name HonKit defines that folio does not.
		switch honkitBuiltin(keys) {
		case builtinEmpty:
			empty = true
		case builtinLacking:
			lacking = true
		}
	}
	return p.parsePostfix(at, v, found, name, keys, empty, lacking)
}

// parsePostfix reads the members (.key, [key]) and method calls that
// follow the value v, written at at as path; found is false when v is
// undefined. keys are the names read so far, for honkitBuiltin: empty is
// set once a value of HonKit's that is missing here was met (what follows
// it is undefined too, without a warning, as in HonKit: page.previous.title
// on the first page), lacking once one folio does not provide was.
func (p *exprParser) parsePostfix(at int, v any, found bool, path string, keys []string, empty, lacking bool) any {
	look := func(key string) {
		keys = append(keys, key)
		if found {
			in := v
			if v, found = member(v, key); found {
				v = p.e.ownEmpty(in, key, v)
			}
		}
		if !found && !lacking {
			switch honkitBuiltin(keys) {
			case builtinEmpty:
				empty = true
			case builtinLacking:
				lacking = true
			}
		}
	}
	here := func() any {
		if !found {
			return undefined{name: path, col: at + 1, lacking: lacking, quiet: empty}
		}
		return v
	}
	// The value a member was read from, for a method call: "a".trim().
	var recv receiver
	for n := 0; p.err == nil; n++ {
		if n > maxChain {
			p.fail(p.pos, "the expression reads more than %d members or calls in a row", maxChain)
			p.pos = p.end
			return nil
		}
		switch {
		case p.accept("."):
			key := p.peekWord()
			if key == "" {
				p.fail(p.pos, "a name must follow .")
				return nil
			}
			recv = receiver{here(), path, slices.Clone(keys), key, p.pos}
			p.pos += len(key)
			path += "." + key
			look(key)
		case p.accept("["):
			k := p.parseIf()
			if !p.accept("]") {
				p.fail(p.pos, "expected ]")
				return nil
			}
			key := jsString(k) // null and undefined are "null" and "undefined"
			recv = receiver{here(), path, slices.Clone(keys), key, p.pos}
			if _, num := k.(float64); num {
				path += "[" + key + "]"
			} else {
				path += "[" + strconv.Quote(key) + "]"
			}
			look(key)
		case p.peek('(') && found && isMacro(v):
			p.pos++
			args, named := p.parseArgs(path)
			if p.err != nil {
				return nil
			}
			v = p.callMacro(v.(*macroDef), args, named, at)
			path += "()"
			keys = append(keys, "()")
			recv = receiver{}
		case p.peek('('):
			if recv.name == "" && p.quiet == 0 {
				if !found && len(keys) == 1 && path != "cycler" && path != "joiner" {
					// Not a global of Nunjucks folio lacks: a name the page
					// never defined (t56: told as not supported).
					p.fail(at, "%s is not defined: no macro of that name is defined or imported", path)
					return nil
				}
				p.fail(at, "calling %s is not supported in folio's template expressions", path)
				return nil
			}
			p.pos++
			args, named := p.parseArgs(path)
			if p.err != nil {
				return nil
			}
			args = p.withKeywords(args, named, nil)
			if recv.name == "" {
				// Not evaluated: nothing is called.
				v, found = nil, false
			} else {
				v, found = p.call(recv, args, at)
			}
			path += "()"
			keys = append(keys, "()")
			recv = receiver{}
		default:
			return here()
		}
	}
	return nil
}

// parseArgs reads the arguments of a call to what, after its (, up to
// its ).
// parseArgs reads the arguments of a call to what, after its (, up to
// its ): those given by position, and those given by name, name=value
// (the name a name or a text), in any order, as Nunjucks reads them;
// named is nil when there are none.
func (p *exprParser) parseArgs(what string) (args []any, named *keywordArgs) {
	for n := 0; p.err == nil && !p.accept(")"); n++ {
		if n > 0 && !p.accept(",") {
			p.fail(p.pos, "expected , or ) in the arguments of %s", what)
			return nil, nil
		}
		if name, ok := p.keywordName(); ok {
			if named == nil {
				named = &keywordArgs{vals: map[string]any{}}
			}
			if _, seen := named.vals[name]; !seen {
				named.names = append(named.names, name)
			}
			named.vals[name] = p.parseIf()
			continue
		}
		args = append(args, p.parseIf())
	}
	return args, named
}

// keywordName reads name= (or "name"=), the start of an argument given
// by name, if it comes next; it leaves the position alone otherwise.
func (p *exprParser) keywordName() (string, bool) {
	save, err := p.pos, p.err
	p.skipSpace()
	c := byte(0)
	if p.pos < p.end {
		c = p.src[p.pos]
	}
	var name string
	switch {
	case c == '"' || c == '\'':
		name, _ = p.parseString()
	case isNameByte(c, true):
		name = p.peekWord()
		p.pos += len(name)
	}
	if p.err == nil && p.accept("=") && !p.peek('=') {
		return name, true
	}
	p.pos, p.err = save, err
	return "", false
}

// receiver is a value whose member is called: "a".trim().
type receiver struct {
	v    any    // undefined when not found
	path string // as written
	// keys are where v was read, for store: its variable, then members.
	keys   []string
	name   string // the member's
	nameAt int    // where the name is written
}

// call calls the method r.name of r.v, written r.path.name(args) from at
// on. Nunjucks lets
// a page call the methods JavaScript gives text and lists; folio calls
// those that pages use (jsMethod). What Nunjucks cannot call (a method
// of nothing, or a name that is no method) stops HonKit: folio says so
// and goes on with null, which shows as empty.
func (p *exprParser) call(r receiver, args []any, at int) (any, bool) {
	recv, path, name := r.v, r.path, r.name
	for _, a := range args {
		p.warnUndefined(a)
	}
	if u, undef := recv.(undefined); undef || recv == nil {
		switch {
		case p.quiet > 0 || p.err != nil:
		case p.lenient:
			p.missed = true
		default:
			what := "is not defined"
			if !undef || u.quiet {
				what = "is empty here"
			}
			p.e.reportAt(p.o, at+1, p.page, diag.Warning, "template-undefined", "",
				"cannot call %s.%s(): %s %s (HonKit stops on it); left out", path, name, path, what)
		}
		return nil, true
	}
	v, ok := jsMethod(recv, name, args)
	if l, list := recv.([]any); list && !ok {
		var changed []any
		// What a branch not taken or code calls changes nothing.
		if v, changed, ok = changeList(l, name, args); ok && !p.lenient && p.quiet == 0 {
			p.e.store(r.keys, changed)
		}
	}
	if !ok {
		if p.lenient || p.quiet > 0 {
			// In code, or not evaluated.
			p.missed = p.lenient
			return nil, true
		}
		p.fail(r.nameAt, "%s.%s() is not a method folio calls (%s)", clip(path), name, methodHint)
		return nil, false
	}
	if t, thrown := v.(jsThrow); thrown {
		switch {
		case p.quiet > 0:
		case p.lenient:
			p.missed = true
		default:
			p.e.reportAt(p.o, r.nameAt+1, p.page, diag.Warning, "template-value", "",
				"%s.%s() throws %q (HonKit stops on it); left out", clip(path), name, string(t))
		}
		return nil, true
	}
	// undefined ("ab".at(5)) is named after the call, for a warning where
	// it is shown.
	return p.capText(v, at), !isUndefined(v)
}

// peek reports whether c comes next, after blanks.
func (p *exprParser) peek(c byte) bool {
	p.skipSpace()
	return p.pos < p.end && p.src[p.pos] == c
}

// maxRange bounds the values range gives, which a page could ask to be
// endless (HonKit then never ends).
const maxRange = 100000

// callRange reads the arguments of Nunjucks' global range(start, stop,
// step), written at at, and returns its values, as its JavaScript
// computes them: start + step + step… while below stop (above it for a
// step below 0), with + and < as JavaScript's, and a step of 1 for a
// missing or false one.
func (p *exprParser) callRange(at int) any {
	p.accept("(")
	args, named := p.parseArgs("range")
	if p.err != nil {
		return nil
	}
	args = p.withKeywords(args, named, nil)
	for _, a := range args {
		p.warnUndefined(a)
	}
	arg := argsAt(args)
	start, stop, step := arg(0), arg(1), arg(2)
	if isUndefined(stop) {
		start, stop, step = 0.0, start, 1.0
	} else if !truthy(step) {
		step = 1.0
	}
	up := lessJS(0.0, step)
	var out []any
	for i := start; ; i = addJS(i, step) {
		if up && !lessJS(i, stop) || !up && !lessJS(stop, i) {
			break
		}
		if len(out) == maxRange {
			p.e.reportAt(p.o, at+1, p.page, diag.Warning, "template-value", "",
				"range gives more than %d values; the rest are left out", maxRange)
			break
		}
		out = append(out, i)
	}
	return out
}

// What honkitBuiltin finds a name to be.
const (
	notBuiltin     = iota
	builtinEmpty   // HonKit's, and empty where it is missing
	builtinLacking // HonKit's, and folio does not provide it
)

// honkitBuiltin tells whether the path keys (book, language) names a
// value of HonKit's template objects, which the build does not always
// fill (HonKit's lib/json/encode*.js): page.previous on the first page,
// page.level on a page SUMMARY.md does not list, config.author that
// book.json does not set.
func honkitBuiltin(keys []string) int {
	in := func(k string, list ...string) bool { return slices.Contains(list, k) }
	switch len(keys) {
	case 1:
		if in(keys[0], "glossary", "summary", "readme", "languages", "options") {
			return builtinLacking
		}
	case 2:
		switch k := keys[1]; keys[0] {
		case "page":
			switch {
			case in(k, "title", "level", "depth", "previous", "next", "dir"):
				return builtinEmpty
			case in(k, "articles", "content"):
				return builtinLacking
			}
		case "file":
			switch {
			case in(k, "path", "type"):
				return builtinEmpty
			case k == "mtime":
				return builtinLacking
			}
		case "book":
			if k == "language" {
				return builtinEmpty
			}
		case "config":
			// The keys of HonKit's book.json schema that have no default
			// (configDefault merges those that have one).
			if in(k, "root", "title", "author", "authorSort", "producer", "publisher", "pubdate", "series",
				"seriesIndex", "isbn", "language", "direction", "variables", "pluginsConfig") {
				return builtinEmpty
			}
		case "gitbook", "honkit":
			switch k {
			case "version":
				return builtinEmpty
			case "time":
				return builtinLacking
			}
		}
	case 3:
		if keys[0] == "page" && in(keys[1], "previous", "next") &&
			in(keys[2], "title", "level", "depth", "anchor", "url", "path", "ref", "articles") {
			return builtinEmpty
		}
	}
	return notBuiltin
}

// parseString reads a quoted string with JavaScript's escapes.
func (p *exprParser) parseString() (string, bool) {
	q := p.src[p.pos]
	start := p.pos
	p.pos++
	var b strings.Builder
	for p.pos < p.end {
		c := p.src[p.pos]
		switch {
		case c == q:
			p.pos++
			return b.String(), true
		case c == '\\' && p.pos+1 < p.end:
			p.pos++
			switch e := p.src[p.pos]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			default:
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
		}
		p.pos++
	}
	p.fail(start, "the string is not closed")
	return "", false
}

// member returns v[key] as JavaScript reads it, key being the property
// name (JavaScript's String of what is written in brackets): an object's
// key, a list's length or value at an index (a number as JavaScript
// writes it: "1", not "01" or "+1"), text's length or UTF-16 code unit
// at an index, a SafeString's val and length.
func member(v any, key string) (any, bool) {
	switch m := v.(type) {
	case map[string]any:
		r, ok := m[key]
		return r, ok
	case []any:
		if key == "length" {
			return float64(len(m)), true
		}
		if i, ok := arrayIndex(key); ok && i < uint64(len(m)) {
			return m[i], true
		}
	case string:
		if key == "length" {
			return float64(lengthJS(m)), true
		}
		if i, ok := arrayIndex(key); ok && i < uint64(len(m)) {
			if u := units(m); i < uint64(len(u)) {
				return string(utf16.Decode(u[i : i+1])), true
			}
		}
	case safeString:
		switch key {
		case "length":
			return float64(lengthJS(string(m))), true
		case "val":
			return string(m), true
		}
	}
	return nil, false
}

// Filters is the list of the template filters folio applies, with
// Nunjucks' meaning, as the guide lists them.
var Filters = []string{"abs", "batch", "capitalize", "center", "date", "default", "dictsort", "dump", "escape", "first", "float",
	"forceescape", "groupby", "indent", "int", "join", "last", "length", "list", "lower", "nl2br", "reject", "rejectattr", "replace",
	"reverse", "round", "safe", "select", "selectattr", "slice", "sort", "string", "striptags", "sum", "title", "trim", "truncate",
	"upper", "urlencode", "urlize", "wordcount"}

// otherFilters are Nunjucks' other built-in filters, and HonKit's own.
var otherFilters = []string{"random", "dateFromNow"}

var filterHint = "folio applies " + diag.Enumerate(Filters)

// filter applies one of Nunjucks' filters.
func (p *exprParser) filter(name string, at int, v any, args []any) any {
	arg := argsAt(args)
	if name == "default" || name == "d" {
		// default(val, def, bool): val || def when bool is true, else
		// def where val is undefined. Without def, that is val as it is,
		// which a page shows empty where it is undefined.
		if _, undef := v.(undefined); (undef || truthy(arg(1)) && !truthy(v)) && len(args) > 0 {
			return args[0]
		}
		return v
	}
	if r, ok := p.collectionFilter(name, at, v, arg); ok {
		for _, a := range args {
			p.warnUndefined(a)
		}
		return r
	}
	r, ok := applyFilter(name, v, arg, len(args), p.e.keysOf)
	if n, thrown := r.(notIterable); thrown {
		p.notIterable(name, at, v, n.one)
		r = n.v
	} else if what, throws := filterThrows(name, v, arg); throws {
		instead := "goes on with its text"
		if nullish(v) {
			instead = "takes it as empty"
		}
		hint := map[string]string{"no text": "give it text", "no list or text": "give it a list or text"}[what]
		p.filterStops(at, v, name, "reads", what, hint, instead)
	} else {
		p.warnUndefined(v)
	}
	for _, a := range args {
		p.warnUndefined(a)
	}
	if ok {
		if s, text := r.(string); text && isSafe(v) && slices.Contains(safeKept, name) {
			// Nunjucks' copySafeness: a safe text stays safe.
			r = safeString(s)
		}
		return p.capText(r, at)
	}
	if p.lenient {
		p.missed = true
		return v
	}
	if u, undef := v.(undefined); undef {
		// Said above: not again where it is shown.
		u.quiet = true
		v = u
	}
	if slices.Contains(otherFilters, name) {
		whose := "a Nunjucks"
		if strings.HasPrefix(name, "date") {
			whose = "a HonKit"
		}
		p.e.reportAt(p.o, at+1, p.page, diag.Warning, "template-filter", filterHint,
			"template filter %s is %s filter folio does not apply; the value is shown unfiltered", name, whose)
		return v
	}
	p.e.reportAt(p.o, at+1, p.page, diag.Warning, "template-filter", filterHint,
		"unknown template filter %s; the value is shown unfiltered", name)
	return v
}

// safeKept are the filters that give a safe text for a safe one (their
// copySafeness in Nunjucks' filters.js): escape leaves what they give
// alone. upper, lower and the others give text.
var safeKept = []string{"capitalize", "center", "indent", "nl2br", "replace", "string", "striptags", "title", "trim", "truncate"}

// isSafe reports what safe or escape marked.
func isSafe(v any) bool {
	_, ok := v.(safeString)
	return ok
}

// filterThrows reports where the filter name, as Nunjucks 3.2.4's
// filters.js writes it, throws on v (arg its arguments), which stops
// HonKit, and what v is not: the filters of text call a method of text
// (after normalize, which takes null, undefined and false for ""; trim
// and nl2br take none, or only null and undefined); truncate a list
// longer than its length too; first, last, batch and string read a
// property of v, and urlencode one of each value of a list, which null
// and undefined have not.
func filterThrows(name string, v any, arg func(int) any) (what string, throws bool) {
	norm := v
	if v == false || nullish(v) {
		norm = ""
	}
	switch name {
	case "capitalize", "lower", "upper", "title", "striptags", "indent":
		return "no text", !isText(norm)
	case "wordcount":
		return "no text", truthy(v) && !isText(v)
	case "trim":
		return "no text", !isText(v)
	case "nl2br":
		return "no text", !nullish(v) && !isText(v)
	case "truncate":
		length := arg(0)
		if !truthy(length) {
			length = 255.0
		}
		l, list := norm.([]any)
		return "no text", !isText(norm) && !(list && compareOpJS("<=", float64(len(l)), length))
	case "first", "last", "batch", "string":
		return "no list or text", nullish(v)
	case "urlencode":
		l, _ := v.([]any)
		return "no list of pairs (it holds null or undefined)", slices.ContainsFunc(l, nullish)
	}
	return "", false
}

// notIterable is what join and sum without an attribute, and list, give
// for a value Nunjucks' filter throws on, which stops HonKit: join and
// sum call the methods of a list (arr.join is not a function), list
// takes text, a list or an object only. v is the value folio goes on
// with: the filter's over a list of that one value (one), or over an
// empty list.
type notIterable struct {
	v   any
	one bool
}

// oneValue is the list folio takes v for where join or list wants one
// (notIterable): v alone, or none for null, undefined and an object
// (which a page does not show).
func oneValue(v any) []any {
	switch v.(type) {
	case nil, undefined, map[string]any:
		return nil
	}
	return []any{v}
}

// notIterable reports the filter name, written at at, that Nunjucks
// cannot apply to v (see the type notIterable).
func (p *exprParser) notIterable(name string, at int, v any, one bool) {
	verb := map[string]string{"join": "joins", "sum": "sums", "list": "lists"}[name]
	took := "takes it as an empty list"
	if one {
		took = "takes it as a list of that one value"
	}
	what, hint := "no list", "give it a list"
	if name == "list" {
		what, hint = "no text, list or object", "give it text, a list or an object"
	}
	p.filterStops(at, v, name, verb, what, hint, took)
}

// filterStops reports the filter name, written at at, which Nunjucks
// cannot apply to v: '"join" joins 3, which is no list' (verb, what),
// and what folio does instead. A value not defined is named where it is
// written; one of HonKit's that folio lacks is said to be.
func (p *exprParser) filterStops(at int, v any, name, verb, what, hint, instead string) {
	if u, undef := v.(undefined); undef {
		switch {
		case u.lacking:
			p.warnUndefined(u) // HonKit may have a value there
		case u.name != "":
			p.stops(u.col-1, "template-undefined", "define it in book.json variables or with {% set %}",
				fmt.Sprintf("%q %s %s, which is not defined", name, verb, u.name), instead)
		default:
			p.stops(at, "template-undefined", "", fmt.Sprintf("%q %s a value that is not defined", name, verb), instead)
		}
		return
	}
	written := clip(jsString(v))
	switch v.(type) {
	case map[string]any:
		written = "an object"
	case []any:
		written = "a list"
	}
	p.stops(at, "template-value", hint, fmt.Sprintf("%q %s %s, which is %s", name, verb, written, what), instead)
}

// stops reports, at byte at of the line, what makes Nunjucks throw, why,
// which stops HonKit, and what folio does instead; nothing where the
// value is not used, and in code, where the expression is kept as
// written.
func (p *exprParser) stops(at int, rule, hint, why, instead string) {
	switch {
	case p.quiet > 0 || p.err != nil:
	case p.lenient:
		p.missed = true
	default:
		p.e.reportAt(p.o, at+1, p.page, diag.Warning, rule, hint, "%s: HonKit stops on it; folio %s", why, instead)
	}
}

// applyFilter applies the filter name, with Nunjucks' meaning (its
// src/filters.js), to v; arg(i) is its i-th argument, of n, and keys
// lists an object's keys in order. It reports false for a filter folio
// does not apply.
func applyFilter(name string, v any, arg func(int) any, n int, keys func(map[string]any) []string) (any, bool) {
	str := func() string { return toText(v) }
	// norm is the text of Nunjucks' normalize(v, ''), which takes
	// false for '' too.
	norm := func() string {
		if v == false {
			return ""
		}
		return toText(v)
	}
	num := func(i int, def float64) float64 {
		if a := arg(i); truthy(a) && !math.IsNaN(toNumber(a)) && !math.IsInf(toNumber(a), 0) {
			return toNumber(a)
		}
		return def
	}
	list, _ := v.([]any)
	switch name {
	case "safe":
		if _, ok := v.(undefined); ok {
			return safeString(""), true
		}
		return safeString(str()), true
	case "escape", "e", "forceescape":
		if s, ok := v.(safeString); ok && name != "forceescape" {
			return s, true
		}
		return safeString(escapeJS(str())), true
	case "date": // HonKit's
		layout := ""
		if n > 0 {
			layout = toText(arg(0))
		}
		return momentDate(v, layout), true
	case "upper":
		return upperJS(norm()), true
	case "lower":
		return lowerJS(norm()), true
	case "capitalize":
		return capitalize(norm()), true
	case "title":
		words := strings.Split(norm(), " ")
		for i, w := range words {
			words[i] = capitalize(w)
		}
		return strings.Join(words, " "), true
	case "trim":
		return strings.TrimSpace(str()), true
	case "replace":
		return replaceFilter(v, arg(0), arg(1), arg(2)), true
	case "length":
		// value.length, none, undefined and false counting as '': a
		// number or true has no length.
		switch l := v.(type) {
		case []any:
			return float64(len(l)), true
		case map[string]any:
			return float64(len(l)), true
		case string, safeString:
			return float64(lengthJS(str())), true
		case nil, undefined:
			return 0.0, true
		case bool:
			if !l {
				return 0.0, true
			}
		}
		return undefined{quiet: true}, true
	case "join":
		// arr.join(del || ''), or of lib.map over arr with an attribute.
		_, isList := v.([]any)
		switch {
		case truthy(arg(1)):
			list = arrayLike(v) // a text's characters
		case !isList:
			one := oneValue(v)
			return notIterable{joinText(one, "", toText), one != nil}, true
		}
		sep := ""
		if truthy(arg(0)) {
			sep = toText(arg(0))
		}
		return joinText(list, sep, func(x any) string {
			if a := arg(1); truthy(a) {
				x, _ = member(x, toText(a))
			}
			return toText(x)
		}), true
	case "first", "last":
		// arr[0] and arr[arr.length - 1]: a UTF-16 code unit of text,
		// undefined for nothing.
		if s, ok := v.(string); ok {
			list = arrayLike(s)
		}
		if len(list) == 0 {
			return undefined{quiet: true}, true
		}
		if name == "first" {
			return list[0], true
		}
		return list[len(list)-1], true
	case "string":
		return str(), true
	case "int", "float":
		// parseInt(value, base) and parseFloat(value), which read the
		// value's text (String: null is "null", 1e21 "1e+21"), base 10
		// when none is given; NaN gives the default, undefined without one.
		var f float64
		if name == "int" {
			base := arg(1)
			if isUndefined(base) {
				base = 10.0
			}
			f = parseIntJS(jsString(v), base)
		} else {
			f = parseFloatJS(jsString(v))
		}
		if math.IsNaN(f) {
			if a := arg(0); !isUndefined(a) {
				return a, true
			}
			return undefined{quiet: true}, true
		}
		return f, true
	case "abs":
		return math.Abs(toNumber(v)), true
	case "round":
		factor := math.Pow(10, num(0, 0))
		x := toNumber(v) * factor
		switch toText(arg(1)) {
		case "ceil":
			x = math.Ceil(x)
		case "floor":
			x = math.Floor(x)
		default:
			x = math.Floor(x + 0.5) // JavaScript's Math.round
		}
		return x / factor, true
	case "wordcount":
		// str ? str.match(/\w+/g) : null: nothing false has words.
		if !truthy(v) {
			return nil, true
		}
		c := len(wordRE.FindAllString(norm(), -1))
		if c == 0 {
			return nil, true
		}
		return float64(c), true
	case "truncate":
		// Counted in UTF-16 code units, as JavaScript's length. A list
		// no longer than length is given back as it is. length is read
		// as JavaScript's <=, substring and lastIndexOf read it: one
		// that is no number cuts at the last blank.
		s := norm()
		r := units(s)
		length := arg(0)
		if !truthy(length) {
			length = 255.0
		}
		if l, isList := v.([]any); isList && compareOpJS("<=", float64(len(l)), length) {
			return l, true
		}
		if compareOpJS("<=", float64(len(r)), length) {
			return s, true
		}
		n := toNumber(length)
		clamp := func(x float64) int {
			if math.IsNaN(x) {
				return 0
			}
			return int(max(min(math.Trunc(x), float64(len(r))), 0))
		}
		cut := clamp(n)
		if !truthy(arg(1)) {
			from := len(r)
			if !math.IsNaN(n) {
				from = clamp(n)
			}
			cut = -1
			for i := min(from, len(r)-1); i >= 0; i-- {
				if r[i] == ' ' {
					cut = i
					break
				}
			}
			if cut < 0 {
				cut = clamp(n)
			}
		}
		end := "..."
		if a := arg(2); a != nil && !isUndefined(a) {
			end = toText(a)
		}
		return string(utf16.Decode(r[:cut])) + end, true
	case "center":
		// By the value's length, as JavaScript reads it: a list's is its
		// number of values, and a number, true or an object have none,
		// which leaves their text as it is. The blanks are
		// lib.repeat(' ', n), n rounded up.
		s := norm()
		n := float64(lengthJS(s))
		switch v.(type) {
		case []any:
			n = float64(len(list))
		case float64, int, int64, uint64, map[string]any:
			return s, true
		case bool:
			if v == true {
				return s, true
			}
		}
		width := arg(0)
		if !truthy(width) {
			width = 80.0
		}
		spaces := toNumber(width) - n
		if !(spaces > 0) {
			return s, true
		}
		spaces = min(spaces, maxFilterWidth)
		blanks := func(k float64) string { return strings.Repeat(" ", int(math.Ceil(max(k, 0)))) }
		return blanks(spaces/2-math.Mod(spaces, 2)) + s + blanks(spaces/2), true
	case "indent":
		s := norm()
		if s == "" {
			return "", true
		}
		sp := strings.Repeat(" ", int(max(min(num(0, 4), maxFilterWidth), 0)))
		var b strings.Builder
		for i, line := range strings.Split(s, "\n") {
			if b.Len() > maxText {
				break // the caller cuts it
			}
			if i > 0 {
				b.WriteByte('\n')
			}
			if i > 0 || truthy(arg(1)) {
				b.WriteString(sp)
			}
			b.WriteString(line)
		}
		return b.String(), true
	case "nl2br":
		if v == nil || isUndefined(v) {
			return "", true
		}
		return strings.NewReplacer("\r\n", "<br />\n", "\n", "<br />\n").Replace(str()), true
	case "striptags":
		s := strings.TrimSpace(tagRE.ReplaceAllString(norm(), ""))
		if truthy(arg(0)) {
			s = lineBlanksRE.ReplaceAllString(s, "")
			s = spacesRE.ReplaceAllString(s, " ")
			s = strings.ReplaceAll(s, "\r\n", "\n")
			return breaksRE.ReplaceAllString(s, "\n\n"), true
		}
		return blanksRE.ReplaceAllString(s, " "), true
	case "urlencode":
		// Text, or key=value pairs: an object's own properties (none for
		// a number or true), or a list's values, each read as [key,
		// value] by index; each part as String writes it.
		var pairs [][2]any
		switch x := v.(type) {
		case string:
			return encodeURIComponent(x), true
		case map[string]any:
			for _, k := range keys(x) {
				pairs = append(pairs, [2]any{k, x[k]})
			}
		case safeString:
			pairs = [][2]any{{"val", string(x)}, {"length", float64(lengthJS(string(x)))}}
		case []any:
			for _, item := range x {
				pairs = append(pairs, [2]any{indexJS(item, 0), indexJS(item, 1)})
			}
		}
		return joinText(anyPairs(pairs), "&", func(kv any) string {
			p := kv.([2]any)
			return encodeURIComponent(jsString(p[0])) + "=" + encodeURIComponent(jsString(p[1]))
		}), true
	case "reverse":
		if s, ok := v.(string); ok {
			// By UTF-16 code unit, as Nunjucks splits it: a character past
			// U+FFFF comes out as two halves, which a page shows as two U+FFFD.
			r := units(s)
			slices.Reverse(r)
			return string(utf16.Decode(r)), true
		}
		// A copy of anything else, as lib.map makes it: nothing of a
		// number or an object.
		r := slices.Clone(arrayLike(v))
		slices.Reverse(r)
		return r, true
	case "list":
		switch x := v.(type) {
		case []any:
			return x, true
		case map[string]any:
			var l []any
			for _, k := range keys(x) {
				l = append(l, map[string]any{"key": k, "value": x[k]})
			}
			return l, true
		case string:
			return arrayLike(x), true
		case safeString:
			// An object: its own properties.
			return []any{map[string]any{"key": "val", "value": string(x)},
				map[string]any{"key": "length", "value": float64(lengthJS(string(x)))}}, true
		}
		one := oneValue(v)
		return notIterable{one, one != nil}, true
	case "sort":
		// lib.map's copy (a text's characters), sorted as V8 sorts with
		// Nunjucks' comparison: by the attribute path's value (own
		// properties, getAttrGetter), text (not a SafeString) in lower
		// case unless case_sensitive; undefined values last.
		r := slices.Clone(arrayLike(v))
		parts := attrParts(arg(2))
		sortJS(r, func(a, b any) int {
			if parts != nil {
				a, _ = ownPath(a, parts)
				b, _ = ownPath(b, parts)
			}
			x, textA := a.(string)
			y, textB := b.(string)
			if !truthy(arg(1)) && textA && textB {
				a, b = lowerJS(x), lowerJS(y)
			}
			c := compareJS(a, b)
			if truthy(arg(0)) {
				c = -c
			}
			return c
		})
		return r, true
	case "batch":
		// Nunjucks' loop over arr.length and arr[i], a text's characters
		// too, starting a row where i % size is 0: with no size, 0 or one
		// that is no number, one row; rows of size -n are those of n, and
		// of 2.5, rows of 5. The fill goes on while the row is shorter
		// than size, to a bound.
		items, size := arrayLike(v), toNumber(arg(0))
		out, row := []any{}, []any(nil)
		for i, x := range items {
			if math.Mod(float64(i), size) == 0 && len(row) > 0 {
				out, row = append(out, row), nil
			}
			row = append(row, x)
		}
		if len(row) > 0 {
			for fill := arg(1); truthy(fill) && float64(len(row)) < size && len(row) < len(items)+maxFilterWidth; {
				row = append(row, fill)
			}
			out = append(out, row)
		}
		return out, true
	case "sum":
		// JavaScript's +, from 0, then start + that total: [1, 'a', 2]
		// sums to "01a2".
		_, isList := v.([]any)
		switch {
		case truthy(arg(0)):
			list = arrayLike(v) // lib.map over it: a text's characters
		case !isList && isNumber(v):
			list = []any{v}
		}
		var total any = 0.0
		for _, x := range list {
			if a := arg(0); truthy(a) {
				var ok bool
				if x, ok = member(x, toText(a)); !ok {
					x = undefined{}
				}
			}
			total = addJS(total, x)
			if len(toText(total)) > maxText {
				break // the caller cuts it
			}
		}
		start := arg(1)
		if isUndefined(start) {
			start = 0.0
		}
		if _, isList := v.([]any); !isList && !truthy(arg(0)) {
			return notIterable{addJS(start, total), list != nil}, true
		}
		return addJS(start, total), true
	case "dump":
		// JSON.stringify's indent: a number of spaces up to 10, or the
		// first 10 UTF-16 code units of a text.
		indent := strings.Repeat(" ", int(min(num(0, 0), 10)))
		if a := units(toText(arg(0))); isText(arg(0)) {
			indent = string(utf16.Decode(a[:min(10, len(a))]))
		}
		if isUndefined(v) {
			return "", true // JSON.stringify(undefined) is undefined
		}
		var b strings.Builder
		writeJSON(&b, v, indent, "\n", keys)
		return b.String(), true
	}
	return nil, false
}

// anyPairs is pairs as values, for joinText.
func anyPairs(pairs [][2]any) []any {
	out := make([]any, len(pairs))
	for i, p := range pairs {
		out[i] = p
	}
	return out
}

// maxFilterWidth bounds the widths center and indent write, so that a
// page cannot ask for a huge one.
const maxFilterWidth = 1000

// maxPageMade bounds the text a page's expressions make, all told.
const maxPageMade = 1 << 30

// maxText bounds the text that filters, methods and operators make, as
// maxLoopOutput bounds what loops write: replace with an empty pattern,
// or repeat, over text made so before, would otherwise fill the memory
// in a few steps. They stop making it a little past the bound, and
// capText cuts it there, with a warning.
const maxText = maxLoopOutput

// capText cuts text v longer than maxText, made by what is written at
// at, and says so.
func (p *exprParser) capText(v any, at int) any {
	t := toText(v)
	if isText(v) {
		// Each text is capped, but a loop may make one many times: 400,000
		// texts of 1 MB took three minutes (t44). Past maxPageMade made
		// by a page's expressions, its loops stop.
		if p.e.made += len(t); p.e.made > maxPageMade && !p.e.madeCut {
			p.e.madeCut, p.e.loopsCut = true, true
			p.e.reportAt(p.o, at+1, p.page, diag.Error, "template-value", "make shorter texts, or fewer",
				"the page's template expressions make more than %d MB of text; the loops that go on are left out", maxPageMade>>20)
		}
	}
	if !isText(v) || len(t) <= maxText {
		return v
	}
	cut := maxText
	for cut > 0 && !utf8.RuneStart(t[cut]) {
		cut--
	}
	if p.quiet == 0 && !p.lenient {
		p.e.reportAt(p.o, at+1, p.page, diag.Warning, "template-value", "",
			"this makes a text of more than %d MB; the rest is left out", maxText>>20)
	}
	if _, safe := v.(safeString); safe {
		return safeString(t[:cut])
	}
	return t[:cut]
}

// arrayLike is v as Nunjucks' filters read an array-like value, through
// its length and indices (lib.map, a for loop): a list, the UTF-16 code
// units of a text, as many undefined values as a safe text has code units
// (a SafeString has a length but no indices), and nothing of anything
// else.
func arrayLike(v any) []any {
	switch x := v.(type) {
	case []any:
		return x
	case string:
		return splitJS(units(x), "", undefined{})
	case safeString:
		out := make([]any, lengthJS(string(x)))
		for i := range out {
			out[i] = undefined{quiet: true}
		}
		return out
	}
	return nil
}

// joinText joins the text of the values of l, which text gives, with
// sep, and stops past maxText: a list may hold many long texts.
func joinText(l []any, sep string, text func(any) string) string {
	var b strings.Builder
	for i, x := range l {
		if b.Len() > maxText {
			break
		}
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(text(x))
	}
	return b.String()
}

var (
	wordRE       = regexp.MustCompile(`\w+`)
	tagRE        = regexp.MustCompile(`(?i)</?([a-z][a-z0-9]*)\b[^>]*>|<!--[\s\S]*?-->`)
	lineBlanksRE = regexp.MustCompile(`(?m)^ +| +$`)
	spacesRE     = regexp.MustCompile(` +`)
	breaksRE     = regexp.MustCompile(`\n\n\n+`)
	blanksRE     = regexp.MustCompile(`\s+`)
	floatRE      = regexp.MustCompile(`^[+-]?(Infinity|\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?)`)
)

func isUndefined(v any) bool {
	_, ok := v.(undefined)
	return ok
}

// replaceFilter is Nunjucks' replace over v: old replaced by new, at
// most count times (every time when count is missing or -1); an empty old
// puts new before, between and after the UTF-16 code units. A number is
// replaced in as text; an old that is no text or number, or a v that is
// no text, leaves v as it is.
func replaceFilter(v, old, new, count any) any {
	if isNumber(old) {
		old = toText(old)
	}
	o, ok := old.(string)
	if isNumber(v) {
		v = toText(v)
	}
	if !ok || !isText(v) {
		return v
	}
	s, n := toText(v), jsString(new)
	var b strings.Builder
	if o == "" {
		// new + s.split("").join(new) + new
		u := units(s)
		b.WriteString(n)
		for i := range u {
			if b.Len() > maxText {
				break // the caller cuts it
			}
			if i > 0 {
				b.WriteString(n)
			}
			b.WriteString(string(utf16.Decode(u[i : i+1])))
		}
		b.WriteString(n)
	} else {
		max := -1.0
		if !isUndefined(count) {
			max = toNumber(count)
		}
		for k := 0.0; (max == -1 || k < max) && b.Len() <= maxText; k++ {
			i := strings.Index(s, o)
			if i < 0 {
				break
			}
			b.WriteString(s[:i])
			b.WriteString(n)
			s = s[i+len(o):]
		}
		b.WriteString(s)
	}
	if _, safe := v.(safeString); safe {
		return safeString(b.String())
	}
	return b.String()
}

// parseFloatJS is JavaScript's parseFloat(s): the decimal number s
// starts with, after blanks, Infinity too; NaN when none.
func parseFloatJS(s string) float64 {
	m := floatRE.FindString(strings.TrimLeftFunc(s, isSpaceJS))
	if strings.HasSuffix(m, "Infinity") {
		return textToNumber(m)
	}
	f, err := strconv.ParseFloat(m, 64)
	if err != nil && f == 0 {
		return math.NaN()
	}
	return f // ±Inf past the largest, as JavaScript
}

// parseIntJS is JavaScript's parseInt(s, radix): the whole number s
// starts with, after blanks and a sign, in base radix (ToInt32; 0 is
// 10, or 16 after 0x, which base 16 takes too); NaN when none, or for a
// base below 2 or above 36.
func parseIntJS(s string, radix any) float64 {
	s = strings.TrimLeftFunc(s, isSpaceJS)
	sign := 1.0
	if s != "" && (s[0] == '-' || s[0] == '+') {
		if s[0] == '-' {
			sign = -1
		}
		s = s[1:]
	}
	r := toInt32JS(radix)
	prefix := r == 0 || r == 16
	switch {
	case r == 0:
		r = 10
	case r < 2 || r > 36:
		return math.NaN()
	}
	if prefix && len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s, r = s[2:], 16
	}
	n := 0
	for n < len(s) {
		c, d := s[n], int32(99)
		switch {
		case c >= '0' && c <= '9':
			d = int32(c - '0')
		case c >= 'a' && c <= 'z':
			d = int32(c-'a') + 10
		case c >= 'A' && c <= 'Z':
			d = int32(c-'A') + 10
		}
		if d >= r {
			break
		}
		n++
	}
	if n == 0 {
		return math.NaN()
	}
	if r == 10 {
		f, _ := strconv.ParseFloat(s[:n], 64)
		return sign * f
	}
	i, _ := new(big.Int).SetString(s[:n], int(r))
	f, _ := new(big.Float).SetInt(i).Float64()
	return sign * f
}

// toInt32JS is JavaScript's ToInt32: the number, whole, modulo 2³²,
// signed; 0 for NaN and infinities.
func toInt32JS(v any) int32 {
	f := toNumber(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0
	}
	return int32(uint32(int64(math.Mod(math.Trunc(f), 1<<32))))
}

// addJS is JavaScript's +: it joins the text of its operands when one
// is a string, a list or an object (concatText), and adds their numbers
// otherwise.
func addJS(a, b any) any {
	if textJS(a) || textJS(b) {
		return concatText(a) + concatText(b)
	}
	return toNumber(a) + toNumber(b)
}

// textJS reports the values that JavaScript's + takes as text: strings,
// and objects (lists, objects, a SafeString), whose primitive value is.
func textJS(v any) bool {
	switch v.(type) {
	case string, safeString, []any, map[string]any:
		return true
	}
	return false
}

// concatText is v as JavaScript's + and Nunjucks' ~ join it to text:
// null and undefined are "null" and "undefined" there, where a page
// shows them empty. A value of HonKit's that folio lacks, whose text is
// not known, is "".
func concatText(v any) string {
	if u, ok := v.(undefined); ok && u.lacking {
		return ""
	}
	return jsString(v)
}

// lessJS is JavaScript's <.
func lessJS(a, b any) bool {
	c, ok := relateJS(a, b)
	return ok && c < 0
}

// compareJS compares as JavaScript's < and > do for sort: 0 where
// neither is true.
func compareJS(a, b any) int {
	c, _ := relateJS(a, b)
	return c
}

// encodeURIComponent is JavaScript's.
func encodeURIComponent(s string) string {
	const keep = "-_.!~*'()"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte(keep, c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// writeJSON writes v as JSON.stringify(v, null, indent) does: an
// object's keys in their order (keys), undefined values left out of
// objects and null in lists, numbers that are not finite as null; nl is
// the line break and the indent of the level being written.
func writeJSON(b *strings.Builder, v any, indent, nl string, keys func(map[string]any) []string) {
	if b.Len() > maxText {
		return // the caller cuts it
	}
	inner := nl
	if indent != "" {
		inner += indent
	}
	open := func(c byte, n int) {
		b.WriteByte(c)
		if n > 0 && indent != "" {
			b.WriteString(inner)
		}
	}
	next := func(i int) {
		if i > 0 {
			b.WriteByte(',')
			if indent != "" {
				b.WriteString(inner)
			}
		}
	}
	end := func(c byte, n int) {
		if n > 0 && indent != "" {
			b.WriteString(nl)
		}
		b.WriteByte(c)
	}
	switch x := v.(type) {
	case nil, undefined:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case float64, int, int64, uint64:
		if f := toNumber(x); math.IsNaN(f) || math.IsInf(f, 0) {
			b.WriteString("null")
		} else {
			b.WriteString(toText(f))
		}
	case []any:
		open('[', len(x))
		for i, y := range x {
			next(i)
			writeJSON(b, y, indent, inner, keys)
		}
		end(']', len(x))
	case safeString:
		// An object: its own properties, val and length.
		pairs := [][2]any{{"val", string(x)}, {"length", float64(lengthJS(string(x)))}}
		open('{', len(pairs))
		for i, kv := range pairs {
			next(i)
			quoteJSON(b, kv[0].(string))
			b.WriteByte(':')
			if indent != "" {
				b.WriteByte(' ')
			}
			writeJSON(b, kv[1], indent, inner, keys)
		}
		end('}', len(pairs))
	case map[string]any:
		var ks []string
		for _, k := range keys(x) {
			if !isUndefined(x[k]) {
				ks = append(ks, k)
			}
		}
		open('{', len(ks))
		for i, k := range ks {
			next(i)
			quoteJSON(b, k)
			b.WriteByte(':')
			if indent != "" {
				b.WriteByte(' ')
			}
			writeJSON(b, x[k], indent, inner, keys)
		}
		end('}', len(ks))
	default:
		quoteJSON(b, toText(x))
	}
}

// quoteJSON writes s as a JSON string, escaped as JSON.stringify escapes
// it: quotes, backslashes and control characters only.
func quoteJSON(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
}

// upperJS and lowerJS are JavaScript's toUpperCase and toLowerCase,
// which map case by Unicode's full rules, where Go's strings.ToUpper
// maps each letter to one: "ß" is "SS", and a final Σ lowers to ς.
func upperJS(s string) string { return cases.Upper(language.Und).String(s) }
func lowerJS(s string) string { return cases.Lower(language.Und).String(s) }

// capitalize is Nunjucks' capitalize: the first UTF-16 code unit upper
// case, the rest lower case.
func capitalize(s string) string {
	u := units(lowerJS(s))
	if len(u) == 0 {
		return ""
	}
	return upperJS(string(utf16.Decode(u[:1]))) + string(utf16.Decode(u[1:]))
}

// escapeJS escapes as Nunjucks' escape filter does.
func escapeJS(s string) string {
	return strings.NewReplacer("&", "&amp;", `"`, "&quot;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `\`, "&#92;").Replace(s)
}

// truthy is JavaScript's truth.
func truthy(v any) bool {
	switch x := v.(type) {
	case nil, undefined:
		return false
	case bool:
		return x
	case string:
		return x != ""
	case safeString:
		return true // an object, a SafeString, even of no text
	case float64:
		return x != 0 && !math.IsNaN(x)
	case int:
		return x != 0
	case int64:
		return x != 0
	case uint64:
		return x != 0
	}
	return true
}

func isText(v any) bool {
	switch v.(type) {
	case string, safeString:
		return true
	}
	return false
}

func toNumber(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case int:
		return float64(x)
	case int64:
		return float64(x)
	case uint64:
		return float64(x)
	case bool:
		if x {
			return 1
		}
		return 0
	case nil:
		return 0
	case string, safeString, []any:
		// A list is its text (toPrimitiveJS): [5] is 5, [] 0.
		return textToNumber(toText(x))
	}
	return math.NaN()
}

// numberRE is JavaScript's StringNumericLiteral, blanks aside: a
// decimal with an optional sign, or a whole number in base 16, 8 or 2.
var numberRE = regexp.MustCompile(`^(?:[+-]?(?:Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|0[xX]([0-9a-fA-F]+)|0[oO]([0-7]+)|0[bB]([01]+))$`)

// textToNumber is JavaScript's Number(text): NaN for what is no number
// there ("inf", "1_000", "0x1p4"), which Go's ParseFloat reads.
func textToNumber(s string) float64 {
	t := strings.TrimFunc(s, isSpaceJS)
	if t == "" {
		return 0 // Number("") is 0
	}
	m := numberRE.FindStringSubmatch(t)
	if m == nil {
		return math.NaN()
	}
	for i, base := range []int{16, 8, 2} {
		if m[i+1] != "" {
			n, _ := new(big.Int).SetString(m[i+1], base)
			f, _ := new(big.Float).SetInt(n).Float64()
			return f
		}
	}
	f, _ := strconv.ParseFloat(t, 64) // ±Inf past the largest, as JavaScript
	return f
}

// toText prints a value as Nunjucks does: nothing for null and undefined,
// numbers as JavaScript writes them, lists joined with commas.
func toText(v any) string {
	switch x := v.(type) {
	case nil, undefined:
		return ""
	case string:
		return x
	case safeString:
		return string(x)
	case bool:
		return strconv.FormatBool(x)
	case float64:
		switch {
		case math.IsNaN(x):
			return "NaN"
		case math.IsInf(x, 1):
			return "Infinity"
		case math.IsInf(x, -1):
			return "-Infinity"
		case math.Abs(x) >= 1e21 || x != 0 && math.Abs(x) < 1e-6:
			// As JavaScript writes a number: 1e+22, 1.5e-7.
			e := strconv.FormatFloat(x, 'e', -1, 64)
			return strings.NewReplacer("e+0", "e+", "e-0", "e-").Replace(e)
		case x == 0:
			return "0" // JavaScript writes -0 so too
		}
		return strconv.FormatFloat(x, 'f', -1, 64)
	case []any:
		return joinText(x, ",", toText)
	case map[string]any:
		return "[object Object]"
	}
	return fmt.Sprint(v)
}
