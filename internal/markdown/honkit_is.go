package markdown

import (
	"math"

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
	name, at, args := p.parseCall("a test name must follow is (" + testHint + ")")
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
