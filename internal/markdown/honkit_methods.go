package markdown

import (
	"math"
	"slices"
	"strings"
	"unicode/utf16"

	"folio/internal/diag"
)

// The JavaScript methods of text, lists and numbers that HonKit pages
// call, which Nunjucks calls as JavaScript does.

// Methods lists the JavaScript methods folio calls in HonKit templates,
// of text, then of lists, as the guide lists them.
var Methods = [2][]string{
	{"at", "charAt", "concat", "endsWith", "includes", "indexOf", "lastIndexOf", "replace", "replaceAll", "slice",
		"split", "startsWith", "substr", "substring", "toLowerCase", "toString", "toUpperCase", "trim", "trimEnd", "trimStart"},
	{"at", "concat", "includes", "indexOf", "join", "lastIndexOf", "slice", "toString"},
}

var methodHint = "folio calls " + diag.Enumerate(Methods[0]) + " on text and " + diag.Enumerate(Methods[1]) + " on lists"

// jsMethod calls the method name of v with args as JavaScript does;
// false for a method folio does not call. Text is measured and cut in
// UTF-16 code units, as JavaScript's indexes count.
func jsMethod(v any, name string, args []any) (any, bool) {
	arg := func(i int) any {
		if i < len(args) {
			return args[i]
		}
		return undefined{}
	}
	switch x := v.(type) {
	case string, safeString:
		return textMethod(toText(x), name, arg, len(args))
	case []any:
		return listMethod(x, name, arg, len(args))
	case float64, int, int64, uint64, bool:
		if name == "toString" && len(args) == 0 {
			return toText(x), true
		}
	}
	return nil, false
}

// textMethod is jsMethod for text s.
func textMethod(s, name string, arg func(int) any, n int) (any, bool) {
	u := utf16.Encode([]rune(s))
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
		return replaceJS(u, utf16.Encode([]rune(str(0))), str(1), name == "replaceAll"), true
	case "concat":
		var b strings.Builder
		b.WriteString(s)
		for i := range n {
			b.WriteString(str(i))
		}
		return b.String(), true
	case "indexOf", "includes", "startsWith":
		sub := utf16.Encode([]rune(str(0)))
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
		sub := utf16.Encode([]rune(str(0)))
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
		sub := utf16.Encode([]rune(str(0)))
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
		parts := make([]string, len(l))
		for i, x := range l {
			parts[i] = toText(x)
		}
		return strings.Join(parts, sep), true
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
			if x, ok := arg(i).([]any); ok {
				out = append(out, x...)
			} else {
				out = append(out, arg(i))
			}
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
	s := utf16.Encode([]rune(jsString(sep)))
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
