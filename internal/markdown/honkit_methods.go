package markdown

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"math/big"
	"slices"
	"strings"
	"unicode/utf16"

	"folio/internal/diag"
)

// The JavaScript methods of text, lists and numbers that HonKit pages
// call, which Nunjucks calls as JavaScript does.

// Methods lists the JavaScript methods folio calls in HonKit templates,
// of text, of lists, then of numbers, as the guide lists them.
var Methods = [3][]string{
	{"at", "charAt", "concat", "endsWith", "includes", "indexOf", "lastIndexOf", "padEnd", "padStart", "repeat", "replace",
		"replaceAll", "slice", "split", "startsWith", "substr", "substring", "toLowerCase", "toString", "toUpperCase", "trim",
		"trimEnd", "trimStart"},
	{"at", "concat", "includes", "indexOf", "join", "lastIndexOf", "pop", "push", "reverse", "shift", "slice", "sort",
		"splice", "toString", "unshift"},
	{"toFixed", "toString"},
}

var methodHint = "folio calls " + diag.Enumerate(Methods[0]) + " on text, " + diag.Enumerate(Methods[1]) +
	" on lists and " + diag.Enumerate(Methods[2]) + " on numbers"

// jsThrow is what a method gives where JavaScript throws, which stops
// HonKit: the exception's message.
type jsThrow string

// maxList bounds the lists that methods make: pushing in a loop, or
// concatenating a list with itself, would otherwise grow one without
// end. A change but push copies the list (see store), which the bound
// keeps quick too.
const maxList = 1000

// jsMethod calls the method name of v with args as JavaScript does;
// false for a method folio does not call. Text is measured and cut in
// UTF-16 code units, as JavaScript's indexes count. A method that
// JavaScript throws from gives a jsThrow.
func jsMethod(v any, name string, args []any) (any, bool) {
	arg := argsAt(args)
	switch x := v.(type) {
	case string, safeString:
		return textMethod(toText(x), name, arg, len(args))
	case []any:
		return listMethod(x, name, arg, len(args))
	case float64, int, int64, uint64:
		switch name {
		case "toString":
			if len(args) == 0 {
				return toText(x), true
			}
		case "toFixed":
			d := toIntegerJS(arg(0))
			if d < 0 || d > 100 {
				return jsThrow("toFixed() digits argument must be between 0 and 100"), true
			}
			return toFixedJS(toNumber(x), int(d)), true
		}
	case bool:
		if name == "toString" && len(args) == 0 {
			return toText(x), true
		}
	}
	return nil, false
}

// toFixedJS is JavaScript's x.toFixed(digits): x rounded to digits
// decimals, from its exact binary value, a tie away from zero (the
// larger n of the spec, the sign aside: 2.5 gives 3, -2.5 gives -3, and
// 1.005, a little under, 1.00); from 1e21 on, x as it prints.
func toFixedJS(x float64, digits int) string {
	if math.IsNaN(x) || math.Abs(x) >= 1e21 {
		return toText(x)
	}
	sign := ""
	if x < 0 {
		sign, x = "-", -x
	}
	r := new(big.Rat).SetFloat64(x)
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(digits)), nil)))
	r.Add(r, big.NewRat(1, 2))
	n := new(big.Int).Quo(r.Num(), r.Denom()).String()
	if digits == 0 {
		return sign + n
	}
	if len(n) <= digits {
		n = strings.Repeat("0", digits-len(n)+1) + n
	}
	return sign + n[:len(n)-digits] + "." + n[len(n)-digits:]
}

// textMethod is jsMethod for text s.
func textMethod(s, name string, arg func(int) any, n int) (any, bool) {
	u := units(s)
	str := func(i int) string { return jsString(arg(i)) }
	switch name {
	case "toString":
		return s, true
	case "toUpperCase", "toLocaleUpperCase":
		return upperJS(s), true
	case "toLowerCase", "toLocaleLowerCase":
		return lowerJS(s), true
	case "trim":
		return strings.TrimFunc(s, isSpaceJS), true
	case "trimStart", "trimLeft":
		return strings.TrimLeftFunc(s, isSpaceJS), true
	case "trimEnd", "trimRight":
		return strings.TrimRightFunc(s, isSpaceJS), true
	case "split":
		return splitJS(u, arg(0), arg(1)), true
	case "replace", "replaceAll":
		return replaceJS(u, units(str(0)), str(1), name == "replaceAll"), true
	case "repeat":
		count := toIntegerJS(arg(0))
		if count < 0 || math.IsInf(count, 0) {
			return jsThrow("Invalid count value: " + toText(toNumber(arg(0)))), true
		}
		if s == "" {
			return "", true
		}
		// Past maxText, the caller cuts it.
		return strings.Repeat(s, int(min(count, float64(maxText/len(s)+1)))), true
	case "padStart", "padEnd":
		fill := " "
		if !isUndefined(arg(1)) {
			fill = str(1)
		}
		f := units(fill)
		missing := int(min(toIntegerJS(arg(0)), maxText+1)) - len(u)
		if missing <= 0 || len(f) == 0 {
			return s, true
		}
		pad := make([]uint16, 0, missing)
		for len(pad) < missing {
			pad = append(pad, f[:min(len(f), missing-len(pad))]...)
		}
		if name == "padStart" {
			return string(utf16.Decode(pad)) + s, true
		}
		return s + string(utf16.Decode(pad)), true
	case "concat":
		var b strings.Builder
		b.WriteString(s)
		for i := range n {
			b.WriteString(str(i))
		}
		return b.String(), true
	case "indexOf", "includes", "startsWith":
		sub := units(str(0))
		from := clampIndex(toIntegerJS(arg(1)), len(u))
		if name == "startsWith" {
			return hasAt(u, sub, from), true
		}
		i := indexFrom(u, sub, from)
		if name == "includes" {
			return i >= 0, true
		}
		return float64(i), true
	case "lastIndexOf":
		sub := units(str(0))
		from := len(u)
		if p := toNumber(arg(1)); !math.IsNaN(p) {
			from = clampIndex(math.Trunc(p), len(u))
		}
		for i := min(from, len(u)-len(sub)); i >= 0; i-- {
			if hasAt(u, sub, i) {
				return float64(i), true
			}
		}
		return -1.0, true
	case "endsWith":
		sub := units(str(0))
		end := len(u)
		if !isUndefined(arg(1)) {
			end = clampIndex(toIntegerJS(arg(1)), len(u))
		}
		return end >= len(sub) && hasAt(u, sub, end-len(sub)), true
	case "slice":
		from, to := sliceBounds(arg(0), arg(1), len(u))
		return string(utf16.Decode(u[from:to])), true
	case "substring":
		from := clampIndex(toIntegerJS(arg(0)), len(u))
		to := len(u)
		if !isUndefined(arg(1)) {
			to = clampIndex(toIntegerJS(arg(1)), len(u))
		}
		if from > to {
			from, to = to, from
		}
		return string(utf16.Decode(u[from:to])), true
	case "substr":
		from, _ := sliceBounds(arg(0), undefined{}, len(u))
		count := float64(len(u) - from)
		if !isUndefined(arg(1)) {
			count = min(max(toIntegerJS(arg(1)), 0), count)
		}
		return string(utf16.Decode(u[from : from+int(count)])), true
	case "charAt", "at":
		i := toIntegerJS(arg(0))
		if name == "at" && i < 0 {
			i += float64(len(u))
		}
		if i < 0 || i >= float64(len(u)) {
			if name == "at" {
				return undefined{}, true
			}
			return "", true
		}
		return string(utf16.Decode(u[int(i) : int(i)+1])), true
	}
	return nil, false
}

// listMethod is jsMethod for the list l.
func listMethod(l []any, name string, arg func(int) any, n int) (any, bool) {
	switch name {
	case "toString":
		return toText(l), true
	case "join":
		sep := ","
		if a := arg(0); !isUndefined(a) {
			sep = jsString(a)
		}
		return joinText(l, sep, toText), true
	case "indexOf", "includes":
		from := toIntegerJS(arg(1))
		if from < 0 {
			from = max(from+float64(len(l)), 0)
		}
		for i := int(min(from, float64(len(l)))); i < len(l); i++ {
			// includes is SameValueZero: NaN is found.
			if strictEqualJS(l[i], arg(0)) || name == "includes" && isNaNValue(l[i]) && isNaNValue(arg(0)) {
				if name == "includes" {
					return true, true
				}
				return float64(i), true
			}
		}
		if name == "includes" {
			return false, true
		}
		return -1.0, true
	case "lastIndexOf":
		from := float64(len(l) - 1)
		if n > 1 {
			from = toIntegerJS(arg(1))
			if from < 0 {
				from += float64(len(l))
			}
		}
		for i := int(min(from, float64(len(l)-1))); i >= 0; i-- {
			if strictEqualJS(l[i], arg(0)) {
				return float64(i), true
			}
		}
		return -1.0, true
	case "slice":
		from, to := sliceBounds(arg(0), arg(1), len(l))
		return slices.Clone(l[from:to]), true
	case "concat":
		out := slices.Clone(l)
		for i := range n {
			x, ok := arg(i).([]any)
			if !ok {
				x = []any{arg(i)}
			}
			if len(out)+len(x) > maxList {
				return jsThrow(fmt.Sprintf("folio makes no list of more than %d values", maxList)), true
			}
			out = append(out, x...)
		}
		return out, true
	case "at":
		i := toIntegerJS(arg(0))
		if i < 0 {
			i += float64(len(l))
		}
		if i < 0 || i >= float64(len(l)) {
			return undefined{}, true
		}
		return l[int(i)], true
	}
	return nil, false
}

// changeList calls the method name of l that changes the list in
// JavaScript, with args, and returns what it gives and the list as it
// leaves it, a new one (see store); false for another name.
func changeList(l []any, name string, args []any) (result any, changed []any, ok bool) {
	arg := argsAt(args)
	tooLong := jsThrow(fmt.Sprintf("folio makes no list of more than %d values", maxList))
	switch name {
	case "push", "unshift":
		if len(l)+len(args) > maxList {
			return tooLong, l, true
		}
		if name == "push" {
			changed = push(l, args)
		} else {
			changed = append(slices.Clone(args), l...)
		}
		return float64(len(changed)), changed, true
	case "pop", "shift":
		if len(l) == 0 {
			return undefined{}, l, true
		}
		if name == "pop" {
			return l[len(l)-1], l[:len(l)-1], true
		}
		return l[0], l[1:], true
	case "reverse":
		changed = slices.Clone(l)
		slices.Reverse(changed)
		return changed, changed, true
	case "sort":
		if !isUndefined(arg(0)) {
			// A template has no function to give.
			return jsThrow("The comparison function must be either a function or undefined"), l, true
		}
		changed = slices.Clone(l)
		slices.SortStableFunc(changed, sortCompareJS)
		return changed, changed, true
	case "splice":
		// splice(start, deleteCount, ...items): what it takes out, and
		// the list with items in their place.
		from, _ := sliceBounds(arg(0), undefined{}, len(l))
		count := 0
		switch {
		case len(args) == 1:
			count = len(l) - from
		case len(args) > 1:
			count = clampIndex(toIntegerJS(arg(1)), len(l)-from)
		}
		items := args[min(len(args), 2):]
		if len(l)-count+len(items) > maxList {
			return tooLong, l, true
		}
		changed = slices.Concat(l[:from], items, l[from+count:])
		return slices.Clone(l[from : from+count]), changed, true
	}
	return nil, nil, false
}

// spare fills the capacity after a list that push made: a push that
// finds its slots spare writes there, so that pushing in a loop does not
// copy the list each time. A list from elsewhere (book.json's, shared by
// the pages of a build) has no spare slot, nor has one that a push
// through another variable wrote past ({% set b = a %}, then a push to
// each): push copies it.
var spare any = new(int)

// push returns l with vals after its values.
func push(l []any, vals []any) []any {
	n := len(l) + len(vals)
	if free := l[len(l):min(n, cap(l))]; len(free) == len(vals) && !slices.ContainsFunc(free, func(x any) bool { return x != spare }) {
		return append(l, vals...)
	}
	out := make([]any, n, 2*n)
	copy(out, l)
	copy(out[len(l):], vals)
	for i := n; i < cap(out); i++ {
		out[:cap(out)][i] = spare
	}
	return out
}

// sortCompareJS orders values as JavaScript's sort does without a
// comparison function: as text, in UTF-16 code units; undefined last.
func sortCompareJS(a, b any) int {
	switch ua, ub := isUndefined(a), isUndefined(b); {
	case ua || ub:
		return cmp.Compare(btoi(ua), btoi(ub))
	}
	return slices.Compare(units(jsString(a)), units(jsString(b)))
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// store puts v where keys lead: a variable, then the members read from
// it (as parsePostfix records them), so that a method that changes a
// list changes it for whatever reads it there after, as in JavaScript.
// Nothing is changed in place (but the spare slots of push): the objects
// and lists on the way are copied (book.json's values are shared by the pages of a build, and a
// copy of an object goes over its keys in sorted order). So a list
// copied before, {% set b = a %}, keeps its values, where JavaScript's
// a and b are one list. What keys do not lead to (a value made, as
// "a,b".split(","), or what the expander makes anew each time, as
// output) is not stored.
func (e *expander) store(keys []string, v any) {
	if len(keys) == 0 || slices.Contains(keys, "()") {
		return
	}
	v = ownList(v)
	if old, ok := e.sets[keys[0]]; ok {
		e.sets[keys[0]] = withValue(old, keys[1:], v)
		return
	}
	var top map[string]any
	switch keys[0] {
	case "book":
		top = e.bookVars()
	case "page":
		top = e.pageVars()
	case "config":
		if e.opts.Config != nil {
			top = e.configVars()
		}
	}
	// These objects are the page's own; what they hold may be shared.
	if len(keys) > 1 && top != nil {
		if old, ok := top[keys[1]]; ok {
			top[keys[1]] = withValue(old, keys[2:], v)
		}
	}
}

// withValue returns a copy of the object or list old with v where keys
// lead, or v when there are none.
func withValue(old any, keys []string, v any) any {
	if len(keys) == 0 {
		return v
	}
	switch x := old.(type) {
	case map[string]any:
		if inner, ok := x[keys[0]]; ok {
			m := maps.Clone(x)
			m[keys[0]] = withValue(inner, keys[1:], v)
			return m
		}
	case []any:
		if i, ok := arrayIndex(keys[0]); ok && i < uint64(len(x)) {
			l := slices.Clone(x)
			l[i] = withValue(x[i], keys[1:], v)
			return l
		}
	}
	return old
}

// units is a text as JavaScript holds it: UTF-16 code units.
func units(s string) []uint16 { return utf16.Encode([]rune(s)) }

// lengthJS is a text's length in JavaScript: its UTF-16 code units.
func lengthJS(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

func isNaNValue(v any) bool { return isNumber(v) && math.IsNaN(toNumber(v)) }

// toIntegerJS is JavaScript's ToIntegerOrInfinity: NaN (undefined, text
// that is no number) is 0, the rest is truncated.
func toIntegerJS(v any) float64 {
	f := toNumber(v)
	if isUndefined(v) || math.IsNaN(f) {
		return 0
	}
	return math.Trunc(f)
}

// clampIndex bounds an integer position to 0…n.
func clampIndex(i float64, n int) int {
	return int(min(max(i, 0), float64(n)))
}

// sliceBounds are the bounds of slice(start, end) over n values: a
// negative position counts from the end, a missing end is n.
func sliceBounds(start, end any, n int) (int, int) {
	bound := func(v any) int {
		i := toIntegerJS(v)
		if i < 0 {
			i += float64(n)
		}
		return clampIndex(i, n)
	}
	from, to := bound(start), n
	if !isUndefined(end) {
		to = bound(end)
	}
	return from, max(from, to)
}

// hasAt reports whether sub stands in u at i.
func hasAt(u, sub []uint16, i int) bool {
	return i >= 0 && i+len(sub) <= len(u) && slices.Equal(u[i:i+len(sub)], sub)
}

// indexFrom is where sub first stands in u at or after from, or -1.
func indexFrom(u, sub []uint16, from int) int {
	for i := from; i+len(sub) <= len(u); i++ {
		if hasAt(u, sub, i) {
			return i
		}
	}
	return -1
}

// splitJS is String.prototype.split with a text separator: no
// separator gives the whole text, an empty one each code unit, and limit
// (ToUint32) caps the number of parts.
func splitJS(u []uint16, sep, limit any) []any {
	max := uint32(math.MaxUint32)
	if !isUndefined(limit) {
		f := toNumber(limit)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			f = 0
		}
		max = uint32(int64(math.Trunc(f)))
	}
	out := []any{}
	if max == 0 {
		return out
	}
	if isUndefined(sep) {
		return append(out, string(utf16.Decode(u)))
	}
	s := units(jsString(sep))
	if len(s) == 0 {
		for i := 0; i < len(u) && uint32(len(out)) < max; i++ {
			out = append(out, string(utf16.Decode(u[i:i+1])))
		}
		return out
	}
	last := 0
	for i := indexFrom(u, s, 0); i >= 0; i = indexFrom(u, s, last) {
		out = append(out, string(utf16.Decode(u[last:i])))
		if uint32(len(out)) == max {
			return out
		}
		last = i + len(s)
	}
	return append(out, string(utf16.Decode(u[last:])))
}

// replaceJS is String.prototype.replace (all: replaceAll) with a text
// pattern: the first match only, or every one; an empty pattern matches
// before the first code unit (and, for all, between every two and at the
// end). The replacement's $$, $&, $` and $' are a dollar, the match and
// the text before and after it.
func replaceJS(u, pat []uint16, rep string, all bool) string {
	var at []int
	for i := indexFrom(u, pat, 0); i >= 0; {
		at = append(at, i)
		if !all {
			break
		}
		next := i + len(pat)
		if len(pat) == 0 {
			next++
		}
		if next > len(u) {
			break
		}
		i = indexFrom(u, pat, next)
	}
	var b strings.Builder
	last := 0
	for _, i := range at {
		if b.Len() > maxText {
			break // the caller cuts it
		}
		b.WriteString(string(utf16.Decode(u[last:i])))
		for j := 0; j < len(rep); j++ {
			if rep[j] != '$' || j+1 == len(rep) {
				b.WriteByte(rep[j])
				continue
			}
			switch rep[j+1] {
			case '$':
				b.WriteByte('$')
			case '&':
				b.WriteString(string(utf16.Decode(pat)))
			case '`':
				b.WriteString(string(utf16.Decode(u[:i])))
			case '\'':
				b.WriteString(string(utf16.Decode(u[i+len(pat):])))
			default:
				b.WriteByte('$')
				continue
			}
			j++
		}
		last = i + len(pat)
	}
	b.WriteString(string(utf16.Decode(u[last:])))
	return b.String()
}

// isSpaceJS is JavaScript's white space and line terminators, which trim
// takes: unlike Go's unicode.IsSpace, it has U+FEFF and not U+0085.
func isSpaceJS(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// argsAt reads a call's arguments by position: one not given is
// undefined, as in JavaScript.
func argsAt(args []any) func(int) any {
	return func(i int) any {
		if i < len(args) {
			return args[i]
		}
		return undefined{}
	}
}
