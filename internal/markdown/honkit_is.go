package markdown

import (
	"math"
	"strings"

	"folio/internal/diag"
)

// Tests lists Nunjucks' tests (its tests.js), which `x is test` and
// `x is test(y)` apply, as the guide lists them.
var Tests = []string{"callable", "defined", "divisibleby", "eq", "equalto", "escaped", "even", "falsy", "ge",
	"greaterthan", "gt", "iterable", "le", "lessthan", "lower", "lt", "mapping", "ne", "none", "null", "number",
	"odd", "sameas", "string", "truthy", "undefined", "upper"}

var testHint = "Nunjucks' tests are " + diag.Enumerate(Tests)

// parseIs reads `value is test`, `value is test(args)` and
// `value is not test`, which Nunjucks places between in and the
// comparisons, once: `x is odd is odd` is no expression. A test reads
// its value without showing it, so a value that is not defined is no
// warning there: `x is defined` is what pages ask before using x.
func (p *exprParser) parseIs() any {
	v := p.parseCompare()
	if p.err != nil || !p.acceptWord("is") {
		return v
	}
	invert := p.acceptWord("not")
	name, at, args := p.parseTest()
	if p.err != nil {
		return nil
	}
	arg := argsAt(args)
	found, ok, throws := applyTest(name, v, arg)
	switch {
	case !ok && p.quiet > 0:
		// Not evaluated: Nunjucks looks for the test when it applies it.
		return false
	case !ok:
		p.fail(at, "%q is not one of Nunjucks' tests (%s)", name, testHint)
		return nil
	case throws:
		p.badTest(name, v, at)
	}
	return found != invert
}

// parseTest reads what follows is (and not): the test's name, where it
// is written, and its arguments. Nunjucks reads a comparison there, and
// names the test as its compileIs does: a name or a text ('odd' is
// odd), called or not, names its test; anything else (odd == true,
// divisibleby(3) == false, odd.x, (odd), odd + 1) has no name, and
// JavaScript's String of that, "undefined", names the test: is
// undefined. Its arguments are written one after the other with
// nothing between them, so that is divisibleby(3, 4) divides by 34 and
// one of two texts does not compile: folio reads one. What has no name
// is read without being evaluated, as Nunjucks does. A filter after is
// names the test too, the value it filters being the test's argument.
func (p *exprParser) parseTest() (name string, at int, args []any) {
	p.skipSpace()
	at = p.pos
	if p.pos >= p.end {
		p.fail(p.pos, "a test name must follow is (%s)", testHint)
		return "", at, nil
	}
	// What a value written there is: one value with its filters, and
	// what an operator after it joins to it.
	p.uncompiled++
	p.skipQuietly(p.parseNegation)
	filtered := p.err == nil && p.peek('|')
	if filtered {
		p.skipQuietly(func() any { return p.parseFilters(nil) })
	}
	p.uncompiled--
	p.skipSpace()
	joined := p.err == nil && p.pos < p.end && strings.IndexByte("=!<>~+-*/%", p.src[p.pos]) >= 0
	if p.err != nil {
		return "", at, nil
	}
	end := p.pos
	p.pos = at
	switch {
	case joined:
		p.uncompiled++
		p.skipQuietly(p.parseCompare)
		p.uncompiled--
		return "undefined", at, nil
	case filtered:
		// A filter after is names the test, and what it filters is the
		// test's argument: is odd | string tests string, with odd.
		pipe := lastPipe(p.src, at, end)
		saved := p.end
		p.end = pipe
		inner := p.parseUnary()
		p.end = saved
		p.pos = pipe + 1
		name, at, args := p.parseCall("a filter name must follow |")
		if p.err == nil && len(args) > 0 && p.quiet == 0 {
			p.fail(at, "a filter after is names the test, whose arguments Nunjucks writes together, the filtered value first: give the filter no arguments")
		}
		return name, at, []any{inner}
	}
	c := p.src[p.pos]
	if c == '"' || c == '\'' {
		name, _ = p.parseString()
	} else if name = p.peekWord(); !isNameByte(c, true) {
		name = ""
	} else {
		p.pos += len(name)
	}
	if name != "" && p.accept("(") {
		var named *keywordArgs
		args, named = p.parseArgs(name)
		args = p.withKeywords(args, named, nil)
	}
	p.skipSpace()
	if name == "" || p.pos != end {
		// Not a name or a text: (odd), odd.x, odd(1)(2), a number.
		p.pos = at
		p.uncompiled++
		p.skipQuietly(p.parseCompare)
		p.uncompiled--
		if c >= '0' && c <= '9' {
			return strings.TrimSpace(p.src[at:p.pos]), at, nil // a number names no test
		}
		return "undefined", at, nil
	}
	if len(args) > 1 && p.quiet == 0 {
		p.fail(at, "a test takes one value: Nunjucks writes the %d given to %s together, as one (is divisibleby(3, 4) divides by 34); give it one", len(args), name)
	}
	return name, at, args
}

// lastPipe returns where the last | of src[from:to] outside brackets,
// parentheses and quotes is (to when there is none).
func lastPipe(src string, from, to int) int {
	at, depth := to, 0
	for i := from; i < to; i++ {
		switch c := src[i]; c {
		case '"', '\'':
			for i++; i < to && src[i] != c; i++ {
				if src[i] == '\\' {
					i++
				}
			}
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '|':
			if depth == 0 {
				at = i
			}
		}
	}
	return at
}

// applyTest applies the test name, with Nunjucks' meaning, to v; arg(i)
// is its i-th argument. ok is false for a name that is no test (Nunjucks
// throws "test not found"); throws is set where the test's JavaScript
// throws: lower and upper call a method of text, iterable reads a
// property, which null and undefined have not.
func applyTest(name string, v any, arg func(int) any) (found, ok, throws bool) {
	switch name {
	case "defined":
		return !isUndefined(v), true, false
	case "undefined":
		return isUndefined(v), true, false
	case "none", "null":
		// Nunjucks reads none and null as the literal null, and compiles
		// the test's name from it: both are its null test.
		return v == nil, true, false
	case "number":
		return isNumber(v), true, false
	case "string":
		// typeof: what safe or escape marked is an object.
		_, is := v.(string)
		return is, true, false
	case "callable":
		// No value folio evaluates is a function.
		return false, true, false
	case "escaped":
		_, is := v.(safeString)
		return is, true, false
	case "truthy":
		return truthy(v), true, false
	case "falsy":
		return !truthy(v), true, false
	case "odd":
		return math.Mod(toNumber(v), 2) == 1, true, false
	case "even":
		return math.Mod(toNumber(v), 2) == 0, true, false
	case "divisibleby":
		return math.Mod(toNumber(v), toNumber(arg(0))) == 0, true, false
	case "eq", "equalto", "sameas":
		return strictEqualJS(v, arg(0)), true, false
	case "ne":
		return !strictEqualJS(v, arg(0)), true, false
	case "lt", "lessthan", "gt", "greaterthan", "le", "ge":
		op := map[string]string{"lt": "<", "lessthan": "<", "gt": ">", "greaterthan": ">", "le": "<=", "ge": ">="}[name]
		return compareOpJS(op, v, arg(0)), true, false
	case "lower", "upper":
		switch x := v.(type) {
		case string:
			if name == "lower" {
				return lowerJS(x) == x, true, false
			}
			return upperJS(x) == x, true, false
		case safeString:
			// The method gives text, which is never === the object.
			return false, true, false
		}
		return false, true, true
	case "iterable":
		switch v.(type) {
		case string, safeString, []any:
			return true, true, false
		case nil, undefined:
			return false, true, true
		}
		return false, true, false
	case "mapping":
		switch v.(type) {
		case map[string]any, safeString:
			return true, true, false
		}
		return false, true, false
	}
	return false, false, false
}

// badTest reports a test, written from at on, that throws on v: HonKit
// stops there.
func (p *exprParser) badTest(name string, v any, at int) {
	if p.quiet > 0 {
		return
	}
	if p.lenient {
		p.missed = true
		return
	}
	if u, ok := v.(undefined); ok && u.name != "" {
		p.e.reportAt(p.o, u.col, p.page, diag.Warning, "template-undefined", "test whether it is defined first: x is defined and x is lower",
			"\"is %s\" tests %s, which is not defined: HonKit stops on it; folio takes the test as false", name, u.name)
		return
	}
	hint := "test text"
	if name == "iterable" {
		hint = "test whether it is none first"
	}
	p.e.reportAt(p.o, at+1, p.page, diag.Warning, "template-value", hint,
		"\"is %s\" cannot test %s: HonKit stops on it; folio takes the test as false", name, clip(jsString(v)))
}
