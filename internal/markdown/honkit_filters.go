package markdown

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Nunjucks' filters of lists and objects that say more than a value:
// dictsort, groupby, reject, rejectattr, select, selectattr and slice,
// as its src/filters.js writes them. Where that code throws, which stops HonKit, folio warns
// and goes on with a value (stops).

// collectionFilter applies the filter name, written at at, to v with the
// arguments arg; false for another filter.
func (p *exprParser) collectionFilter(name string, at int, v any, arg func(int) any) (any, bool) {
	switch name {
	case "slice":
		return p.sliceFilter(at, v, arg(0), arg(1)), true
	case "select", "reject":
		return p.selectFilter(name, at, v, arg(0), arg(1)), true
	case "groupby":
		return p.groupby(at, v, arg(0)), true
	case "dictsort":
		return p.dictsort(at, v, arg(0), arg(1)), true
	case "selectattr", "rejectattr":
		return p.attrFilter(name, at, v, arg(0)), true
	case "urlize":
		return p.urlize(at, v, arg(0), arg(1)), true
	}
	return nil, false
}

// attrFilter is Nunjucks' selectattr and rejectattr (name), which its
// filters.js writes arr.filter((item) => !!item[attr]) and !item[attr]:
// the values of the list v whose property attr, as JavaScript reads it
// (an inherited method is true: 'length' of text, 'toFixed' of a
// number), is true, or false. attr is one name, not a path ('a.b' is
// the key "a.b"), and what follows it is not read: selectattr("a",
// "equalto", 1) is selectattr("a"). What is no list has no filter
// method, and a value of null or undefined has no property: Nunjucks
// throws on both, which stops HonKit.
func (p *exprParser) attrFilter(name string, at int, v, attr any) any {
	items, ok := v.([]any)
	if !ok {
		p.filterStops(at, v, name, "filters", "no list", "give it a list", "takes it as an empty list")
		return []any{}
	}
	key := jsString(attr)
	out := []any{}
	warned := false
	for _, x := range items {
		if nullish(x) && !warned {
			p.stops(at, "template-value", "", fmt.Sprintf("%s(%q) cannot read %q of %s", name, key, key, jsString(x)),
				"takes it as undefined there")
			warned = true
		}
		if propTruthy(x, key) == (name == "selectattr") {
			out = append(out, x)
		}
	}
	return out
}

// propTruthy reports whether x[key] is true in JavaScript: an own
// property's value, or one x inherits from its prototype (a method, or
// __proto__, an object: all true); false for null and undefined, where
// JavaScript throws.
func propTruthy(x any, key string) bool {
	var inherited []string
	switch y := x.(type) {
	case nil, undefined:
		return false
	case map[string]any:
		if v, ok := y[key]; ok {
			return truthy(v)
		}
	case []any:
		if i, ok := arrayIndex(key); ok {
			return i < uint64(len(y)) && truthy(y[i])
		}
		if key == "length" {
			return len(y) > 0
		}
		inherited = arrayKeys
	case string:
		// An index is a UTF-16 code unit: a text of one, true.
		if i, ok := arrayIndex(key); ok {
			return i < uint64(lengthJS(y))
		}
		if key == "length" {
			return y != ""
		}
		inherited = stringKeys
	case safeString:
		// Its own val and length, no index, and String.prototype's.
		switch key {
		case "val", "length":
			return y != ""
		}
		inherited = stringKeys
	case bool:
		inherited = []string{"constructor", "toString", "valueOf"}
	default:
		if isNumber(y) {
			inherited = numberKeys
		}
	}
	return slices.Contains(inherited, key) || slices.Contains(objectKeys, key)
}

// arrayKeys, stringKeys and numberKeys are the properties of
// Array.prototype, String.prototype and Number.prototype (Node 20's),
// which lists, text and numbers inherit, length aside.
var (
	arrayKeys = []string{"constructor", "at", "concat", "copyWithin", "fill", "find", "findIndex", "findLast", "findLastIndex",
		"lastIndexOf", "pop", "push", "reverse", "shift", "unshift", "slice", "sort", "splice", "includes", "indexOf", "join",
		"keys", "entries", "values", "forEach", "filter", "flat", "flatMap", "map", "every", "some", "reduce", "reduceRight",
		"toLocaleString", "toString", "toReversed", "toSorted", "toSpliced", "with"}
	stringKeys = append([]string{"constructor"}, safeStringKeys[2:]...)
	numberKeys = []string{"constructor", "toExponential", "toFixed", "toPrecision", "toString", "valueOf", "toLocaleString"}
)

// sliceFilter is Nunjucks' slice(arr, slices, fillWith): arr cut into
// slices lists, the first arr.length % slices of them one longer, and
// fillWith, when true, put at the end of each of the others (of every
// one when none is longer). A text is cut into texts. slices is read as
// JavaScript's / and < read it: no number gives no list. At most maxList
// lists are made.
func (p *exprParser) sliceFilter(at int, v, count, fill any) any {
	n := toNumber(count)
	var items []any
	var text []uint16
	isText := false
	switch x := v.(type) {
	case []any:
		items = x
	case string, safeString:
		// String.prototype.slice: a SafeString has it too, and gives text.
		text, isText = units(toText(x)), true
	default:
		// arr.length of null or undefined throws; arr.slice of a value
		// without it throws once a slice is cut.
		if nullish(v) || n > 0 {
			p.filterStops(at, v, "slice", "slices", "no list or text", "give it a list", "takes it as an empty list")
		}
	}
	length := float64(len(items))
	if isText {
		length = float64(len(text))
	}
	size, extra := math.Floor(length/n), math.Mod(length, n)
	out := []any{}
	offset := 0.0
	for i := 0.0; i < n; i++ {
		if len(out) == maxList {
			p.stops(at, "template-value", "", fmt.Sprintf("slice makes more than %d lists", maxList), "leaves the rest out")
			break
		}
		start := offset + i*size
		if i < extra {
			offset++
		}
		from, to := sliceBounds(start, offset+(i+1)*size, int(length))
		fills := truthy(fill) && i >= extra
		if isText {
			if fills {
				p.stops(at, "template-value", "", "slice cannot fill the slices of a text (currSlice.push is not a function)", "leaves them as they are")
				fill = nil
			}
			out = append(out, string(utf16.Decode(text[from:to])))
			continue
		}
		cur := slices.Clone(items[from:to])
		if fills {
			cur = append(cur, fill)
		}
		out = append(out, cur)
	}
	return out
}

// selectFilter is Nunjucks' select and reject (name): the values of v,
// as Array.prototype.slice copies it (a text's UTF-16 code units,
// nothing of what has no length), for which the test named test (truthy
// when none is given) is true, or false; arg is the test's argument. A
// test that is not Nunjucks' leaves v as it is; one that throws on a
// value is taken as false there, as `is` takes it.
func (p *exprParser) selectFilter(name string, at int, v, test, arg any) any {
	var items []any
	switch x := v.(type) {
	case nil, undefined:
		p.filterStops(at, v, name, "goes over", "no list", "give it a list", "takes it as an empty list")
		return []any{}
	case []any, string:
		items = arrayLike(x)
	}
	// env.getTest(name), name a property key: none is no test there,
	// null is one (none is only the name of `is none`).
	testName := "truthy"
	if !isUndefined(test) {
		testName = jsString(test)
	}
	if testName == "none" || !slices.Contains(Tests, testName) {
		p.stops(at, "template-value", testHint, fmt.Sprintf("%s(%q): %q is not one of Nunjucks' tests", name, testName, testName),
			"shows the value unfiltered")
		return v
	}
	out := []any{}
	warned := false
	for _, x := range items {
		found, _, throws := applyTest(testName, x, argsAt([]any{arg}))
		if throws && !warned {
			p.stops(at, "template-value", "", fmt.Sprintf("%s(%q) cannot test %s", name, testName, clip(jsString(x))),
				"takes the test as false there")
			warned = true
		}
		if found == (name == "select") {
			out = append(out, x)
		}
	}
	return out
}

// groupby is Nunjucks' groupby(arr, attribute): an object whose keys are
// the values of the attribute (a path of names joined with dots, or the
// value itself when none is given) as JavaScript writes a property name
// ("undefined" for a value without it), each holding the list of the
// values with that key, in order. Its keys go in JavaScript's order: the
// array indexes, then the others in the order they first come.
func (p *exprParser) groupby(at int, v, attr any) any {
	out := map[string]any{}
	if nullish(v) {
		p.filterStops(at, v, "groupby", "groups", "no list", "give it a list", "takes it as an empty list")
		return out
	}
	parts := attrParts(attr)
	var order []string
	warned := false
	for _, x := range arrayLike(v) {
		key, bad := ownPath(x, parts)
		if bad >= 0 {
			if !warned {
				p.stops(at, "template-value", "", fmt.Sprintf("groupby(%q) cannot read %q of %s", strings.Join(parts, "."), parts[bad], jsString(key)),
					"groups it under \"undefined\"")
				warned = true
			}
			key = undefined{}
		}
		k := jsString(key)
		if slices.Contains(objectKeys, k) && !warned {
			// result[key] is a method of every object, not a list.
			p.stops(at, "template-value", "", fmt.Sprintf("groupby cannot group under %q, a name every object has", k), "groups them")
			warned = true
		}
		group, seen := out[k].([]any)
		if !seen {
			order = append(order, k)
		}
		out[k] = append(group, x)
	}
	p.e.rememberMade(out, order)
	return out
}

// attrParts are the parts of an attribute path, as Nunjucks'
// _prepareAttributeParts reads it: none for no attribute, text split at
// its dots, anything else as one name.
func attrParts(attr any) []string {
	if s, text := attr.(string); text && s != "" {
		return strings.Split(s, ".")
	}
	if !truthy(attr) {
		return nil
	}
	return []string{jsString(attr)}
}

// ownPath reads the path parts from x as Nunjucks' getAttrGetter does,
// through own properties only: undefined where one lacks. bad is the
// part where JavaScript throws, reading a property of null or undefined,
// which v is then (-1: none).
func ownPath(x any, parts []string) (v any, bad int) {
	for i, part := range parts {
		if nullish(x) {
			return x, i
		}
		var found bool
		switch y := x.(type) {
		case map[string]any:
			x, found = y[part]
		case []any, string:
			if part == "length" {
				x, found = member(y, part)
			} else if i, isIndex := arrayIndex(part); isIndex {
				if l := arrayLike(y); i < uint64(len(l)) {
					x, found = l[i], true
				}
			}
		case safeString:
			switch part {
			case "val":
				x, found = string(y), true
			case "length":
				x, found = float64(lengthJS(string(y))), true
			}
		}
		if !found {
			return undefined{quiet: true}, -1
		}
	}
	return x, -1
}

// dictsort is Nunjucks' dictsort(val, caseSensitive, by): the [key,
// value] pairs of an object, as for…in goes over them, sorted by key or
// by value (by), text compared in upper case unless caseSensitive, with
// its comparison: a > b ? 1 : a === b ? 0 : -1, which sortJS applies as
// V8 does.
func (p *exprParser) dictsort(at int, v, caseSensitive, by any) any {
	var pairs []any
	switch x := v.(type) {
	case map[string]any:
		for _, k := range p.e.keysOf(x) {
			pairs = append(pairs, []any{k, x[k]})
		}
	case safeString:
		// Its own properties, then the methods its prototype was given.
		pairs = []any{[]any{"val", string(x)}, []any{"length", float64(lengthJS(string(x)))},
			[]any{"valueOf", undefined{quiet: true}}, []any{"toString", undefined{quiet: true}}}
	default:
		p.filterStops(at, v, "dictsort", "sorts", "no object", "give it an object", "takes it as an empty object")
		return []any{}
	}
	at1 := 0
	switch b, text := by.(string); {
	case isUndefined(by) || text && b == "key":
	case text && b == "value":
		at1 = 1
	default:
		p.stops(at, "template-value", `sort by "key" or "value"`, fmt.Sprintf("dictsort sorts by \"key\" or \"value\", not %s", clip(jsString(by))),
			"sorts by key")
	}
	sortJS(pairs, func(t1, t2 any) int {
		a, b := t1.([]any)[at1], t2.([]any)[at1]
		if !truthy(caseSensitive) {
			if s, ok := a.(string); ok {
				a = upperJS(s)
			}
			if s, ok := b.(string); ok {
				b = upperJS(s)
			}
		}
		if c, ok := relateJS(a, b); ok && c > 0 {
			return 1
		}
		if strictEqualJS(a, b) {
			return 0
		}
		return -1
	})
	return pairs
}

// sortJS sorts l as V8's Array.prototype.sort does with the comparison
// function cmp: undefined values go last, uncompared; the others are
// sorted stably, and, when fewer than 64, as V8's TimSort sorts them (the
// run at the start, reversed when it descends, then a binary insertion
// sort), so that a comparison that is not consistent (NaN, or mixed
// types) orders them as Nunjucks does.
func sortJS(l []any, cmp func(a, b any) int) {
	var defined, undef []any
	for _, x := range l {
		if isUndefined(x) {
			undef = append(undef, x)
		} else {
			defined = append(defined, x)
		}
	}
	n := len(defined)
	if n >= 64 {
		slices.SortStableFunc(defined, cmp)
	} else if n > 1 {
		// CountAndMakeRun.
		run := 2
		descending := cmp(defined[1], defined[0]) < 0
		for ; run < n; run++ {
			c := cmp(defined[run], defined[run-1])
			if descending && c >= 0 || !descending && c < 0 {
				break
			}
		}
		if descending {
			slices.Reverse(defined[:run])
		}
		// BinaryInsertionSort.
		for start := run; start < n; start++ {
			pivot := defined[start]
			left, right := 0, start
			for left < right {
				mid := left + (right-left)/2
				if cmp(pivot, defined[mid]) < 0 {
					right = mid
				} else {
					left = mid + 1
				}
			}
			copy(defined[left+1:start+1], defined[left:start])
			defined[left] = pivot
		}
	}
	copy(l, defined)
	copy(l[n:], undef)
}

// The regular expressions of Nunjucks' urlize. A word holds no line
// break, where JavaScript's . and Go's differ; the address's letters are
// ASCII's, as JavaScript's /i reads [a-z] (Go's (?i) adds K and ſ).
var (
	urlizePuncRE  = regexp.MustCompile(`^(?:\(|<|&lt;)?(.*?)(?:\.|,|\)|\n|&gt;)?$`)
	urlizeEmailRE = regexp.MustCompile("^[\\w.!#$%&'*+\\-/=?^`{|}~]+@[a-zA-Z0-9\\-]+(?:\\.[a-zA-Z0-9\\-]+)+$")
	urlizeTLDRE   = regexp.MustCompile(`\.(?:org|net|com)(?::|/|$)`)
)

// urlize is Nunjucks' urlize(str, length, nofollow): each word of the
// text (split at JavaScript's white space) that is an address, once a
// leading (, < or &lt; and a trailing ., ,, ), line break or &gt; are
// taken off, becomes a link, which replaces the whole word, those
// characters too, as Nunjucks writes it: an http(s):// address, one
// starting with www. or holding .com, .net or .org (http:// before
// them), or an e-mail address (mailto:). A link's text is cut to length
// UTF-16 code units, read as String.prototype.substr reads it (none, or
// NaN: all of it; null, or text that is no number: nothing), and
// rel="nofollow" is added when nofollow is true, but not to an e-mail
// link. What is no text has no split method:
// Nunjucks throws, and HonKit stops.
func (p *exprParser) urlize(at int, v, length, nofollow any) any {
	if !isText(v) {
		p.filterStops(at, v, "urlize", "reads", "no text", "give it text", "leaves it out")
		return ""
	}
	// Its isNaN is num !== num: only NaN itself means no length.
	n := math.Inf(1)
	if !isUndefined(length) && !isNaNValue(length) {
		if n = toNumber(length); math.IsNaN(n) {
			n = 0
		}
	}
	rel := ""
	if nofollow == true {
		rel = ` rel="nofollow"`
	}
	s := toText(v)
	var b strings.Builder
	for s != "" {
		// A run of blanks, or of what is no blank.
		i, space := 0, false
		for j, r := range s {
			if j == 0 {
				space = isSpaceJS(r)
			} else if isSpaceJS(r) != space {
				break
			}
			_, size := utf8.DecodeRuneInString(s[j:]) // 1 for a byte that is no UTF-8, which r reads as U+FFFD
			i = j + size
		}
		word := s[:i]
		s = s[i:]
		if space || b.Len() > maxText {
			b.WriteString(word)
			continue
		}
		url := word
		if m := urlizePuncRE.FindStringSubmatch(word); m != nil {
			url = m[1]
		}
		u := units(url)
		short := string(utf16.Decode(u[:int(max(min(math.Trunc(n), float64(len(u))), 0))]))
		switch {
		case strings.HasPrefix(url, "http://") || strings.HasPrefix(url, "https://"):
			b.WriteString(`<a href="` + url + `"` + rel + ">" + short + "</a>")
		case strings.HasPrefix(url, "www."):
			b.WriteString(`<a href="http://` + url + `"` + rel + ">" + short + "</a>")
		case urlizeEmailRE.MatchString(url):
			b.WriteString(`<a href="mailto:` + url + `">` + url + "</a>")
		case urlizeTLDRE.MatchString(url):
			b.WriteString(`<a href="http://` + url + `"` + rel + ">" + short + "</a>")
		default:
			b.WriteString(word)
		}
	}
	return b.String()
}
