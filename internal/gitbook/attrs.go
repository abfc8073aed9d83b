package gitbook

import (
	"fmt"
	"slices"
	"strings"

	"folio/internal/diag"
	"folio/internal/suggest"
)

// attrSpec is what folio knows of the attributes of a block tag: those
// GitBook writes, whether folio reads them or not.
type attrSpec struct {
	names []string
	// loose: only a near miss of a name is reported. The legacy API parts
	// (GitBook v2, inline swagger) and integrations may carry attributes
	// that no reference lists.
	loose bool
	// alias maps a name that other tools use for the same thing to
	// GitBook's (a hint's type= is its style=).
	alias map[string]string
	// values lists, for an attribute GitBook gives one of a few values,
	// those values: folio compares with them, so another one (wrapp, yes)
	// is silently the default.
	values map[string][]string
	// checks holds, for an attribute whose values are no short list, what
	// folio reads (a column's width).
	checks map[string]attrCheck
}

// attrCheck tells whether folio reads a value of an attribute, and how to
// write one it does not.
type attrCheck struct {
	reads func(string) bool
	hint  string
}

var boolValues = []string{"true", "false"}

// anyTagValues are the values of anyTagAttrs.
var anyTagValues = map[string][]string{"fullWidth": boolValues}

// valueAliases maps words that other tools write for a value to the one
// GitBook writes, for the hint: yes is not read as true.
var valueAliases = map[string]string{
	"yes": "true", "y": "true", "on": "true", "1": "true",
	"no": "false", "n": "false", "off": "false", "0": "false",
	// GitHub's alert kinds, for a hint's style.
	"note": "info", "important": "warning", "caution": "danger", "error": "danger",
	// CSS's word for a column's valign.
	"center": "middle",
}

// hintStyles are the styles GitBook writes; hintAliases are read too.
var hintStyles = []string{"info", "success", "warning", "danger"}

var apiValues = map[string][]string{"expanded": boolValues}

// httpMethods are the methods of an inline operation (swagger, api-method),
// which folio reads in any case (see opMethod): the corpus writes POST.
var httpMethods = []string{"get", "post", "put", "patch", "delete", "head", "options", "trace"}

var (
	methodValues  = map[string][]string{"method": httpMethods}
	swaggerValues = map[string][]string{"method": httpMethods, "expanded": boolValues}
	// paramValues are the locations GitBook's reference lists, and the
	// cookie of OpenAPI; paramIn also reads some other names of them.
	paramValues = map[string][]string{"in": {"path", "query", "header", "cookie", "body"}}
)

// anyTagAttrs are attributes GitBook writes on many blocks: a layout
// option that folio shows at the normal width, never a misspelling.
var anyTagAttrs = []string{"fullWidth"}

var apiAttrs = []string{"src", "spec", "path", "method", "expanded"}

// tagAttrs lists the attributes of the block tags folio reads, from
// GitBook's exports, its documentation and what folio renders. A tag not
// listed (if, an unknown tag, an integration other than mermaid) is not
// checked.
var tagAttrs = map[string]attrSpec{
	"hint":           {names: []string{"style", "icon"}, alias: map[string]string{"type": "style", "kind": "style"}},
	"tabs":           {},
	"tab":            {names: []string{"title", "icon"}},
	"code-tabs":      {},
	"code-tabs-item": {names: []string{"title"}},
	"code": {names: []string{"title", "overflow", "lineNumbers", "expandable"},
		values: map[string][]string{"overflow": {"wrap", "scroll"}, "lineNumbers": boolValues, "expandable": boolValues}},
	"embed":       {names: []string{"url", "caption"}}, // caption: GitBook v2
	"file":        {names: []string{"src", "caption"}},
	"content-ref": {names: []string{"url"}},
	"page-ref":    {names: []string{"page"}},
	"stepper":     {},
	"step":        {},
	"columns":     {},
	"column": {names: []string{"width", "valign"}, values: map[string][]string{"valign": {"top", "middle", "bottom"}},
		checks: map[string]attrCheck{"width": {func(v string) bool { _, ok := percent(v); return ok }, `write a share of the row's width, as width="50%"`}}},
	"updates": {names: []string{"format"}, values: map[string][]string{"format": {"full"}}}, // the only one in gb (7 of 7)
	"update":  {names: []string{"date", "tags"}},
	"prompt": {names: []string{"description", "defaultExpanded", "icon", "openInAIProviders"},
		values: map[string][]string{"defaultExpanded": {"partial", "full"}, "openInAIProviders": boolValues}},
	"include":           {names: []string{"src"}},
	"raw":               {},
	"openapi":           {names: apiAttrs, values: apiValues},
	"openapi-operation": {names: apiAttrs, values: apiValues},
	"openapi-schemas":   {names: []string{"src", "spec", "schemas", "grouped"}, values: map[string][]string{"grouped": boolValues}},
	"openapi-webhook":   {names: []string{"src", "spec", "name", "method"}},
	"swagger":           {names: append([]string{"baseUrl", "summary"}, apiAttrs...), values: swaggerValues},

	"swagger-description":                     {loose: true},
	"swagger-parameter":                       {names: []string{"in", "name", "type", "required"}, loose: true, values: paramValues},
	"swagger-response":                        {names: []string{"status", "description"}, loose: true},
	"api-method":                              {names: []string{"method", "host", "path"}, loose: true, values: methodValues},
	"api-method-summary":                      {loose: true},
	"api-method-description":                  {loose: true},
	"api-method-spec":                         {loose: true},
	"api-method-request":                      {loose: true},
	"api-method-response":                     {loose: true},
	"api-method-path-parameters":              {loose: true},
	"api-method-query-parameters":             {loose: true},
	"api-method-headers":                      {loose: true},
	"api-method-body-parameters":              {loose: true},
	"api-method-form-data-parameters":         {loose: true},
	"api-method-parameter":                    {names: []string{"name", "type", "required"}, loose: true},
	"api-method-response-example":             {names: []string{"httpCode"}, loose: true},
	"api-method-response-example-description": {loose: true},
	"@mermaid/diagram":                        {names: []string{"content"}, loose: true},
}

// checkAttrs reports the named attributes of b that its tag does not
// take: folio ignores them, so a misspelled one (titel=, linenumbers=) is
// an option the author thinks is set. Positional arguments are not
// checked.
func (st *state) checkAttrs(b *Block) {
	spec, ok := tagAttrs[b.Tag.Name]
	if !ok {
		return
	}
	var at []int
	for i, a := range b.Tag.Attrs {
		if a.Key == "" {
			continue
		}
		if slices.ContainsFunc(b.Tag.Attrs[:i], func(o Attr) bool { return o.Key == a.Key }) {
			if at == nil {
				at = st.attrOffsets(b)
			}
			ln, col := b.Line, b.col
			if i < len(at) {
				ln, col = st.lineCol(b.off + at[i])
			}
			st.report(ln, col, diag.Warning, "block-attribute", "remove one", "%s is given twice on {%% %s %%}: the first value is used", a.Key, b.Tag.Name)
			continue
		}
		if slices.Contains(spec.names, a.Key) || slices.Contains(anyTagAttrs, a.Key) {
			allowed, ok := spec.values[a.Key]
			if !ok {
				allowed, ok = anyTagValues[a.Key]
			}
			if c, checked := spec.checks[a.Key]; checked && !c.reads(a.Val) {
				if at == nil {
					at = st.attrOffsets(b)
				}
				ln, col := st.valuePos(b, at, i)
				st.report(ln, col, diag.Warning, "block-attribute", c.hint, "unknown %s %q on {%% %s %%}: it is ignored", a.Key, a.Val, b.Tag.Name)
				continue
			}
			if ok && !takes(a.Key, a.Val, allowed) {
				if at == nil {
					at = st.attrOffsets(b)
				}
				ln, col := st.valuePos(b, at, i)
				effect := "it is ignored"
				if a.Key == "method" {
					effect = "it is shown as written"
				}
				st.report(ln, col, diag.Warning, "block-attribute", valueHint(a.Key, a.Val, allowed),
					"unknown value %q of %s on {%% %s %%}: %s", a.Val, a.Key, b.Tag.Name, effect)
			}
			continue
		}
		near := spec.alias[a.Key]
		if near == "" {
			near = suggest.Nearest(a.Key, spec.names)
		}
		if near == "" && spec.loose {
			continue
		}
		if at == nil {
			at = st.attrOffsets(b)
		}
		ln, col := b.Line, b.col
		if i < len(at) {
			ln, col = st.lineCol(b.off + at[i])
		}
		var hint string
		switch {
		case near != "":
			hint = "did you mean " + near + "?"
		case len(spec.names) == 0:
			hint = fmt.Sprintf("{%% %s %%} takes no attributes", b.Tag.Name)
		default:
			hint = fmt.Sprintf("{%% %s %%} takes %s", b.Tag.Name, diag.Enumerate(spec.names))
		}
		st.report(ln, col, diag.Warning, "block-attribute", hint, "unknown attribute %q on {%% %s %%}: it is ignored", a.Key, b.Tag.Name)
	}
}

// takes reports whether folio reads v as one of the allowed values of
// key: exactly, as GitBook compares them, except the method and the
// location of an inline operation's parameter, which folio reads in any
// case, the location also under its other names (see paramIn).
func takes(key, v string, allowed []string) bool {
	switch key {
	case "method":
		return slices.Contains(allowed, strings.ToLower(v))
	case "in":
		return paramIn(v) != ""
	}
	return slices.Contains(allowed, v)
}

// valuePos returns the line and column of the value of b's attribute i
// (inside its quotes), or of the tag when the offsets are unknown.
func (st *state) valuePos(b *Block, at []int, i int) (int, int) {
	if i >= len(at) {
		return b.Line, b.col
	}
	if start, _, ok := st.valueSpan(b, i); ok {
		return st.lineCol(start)
	}
	return st.lineCol(b.off + at[i])
}

// valueSpan returns where the value of b's named attribute i is written
// in the source, quotes excluded; ok is false when that is unknown.
func (st *state) valueSpan(b *Block, i int) (start, stop int, ok bool) {
	at := st.attrOffsets(b)
	if i >= len(at) || b.Tag.Attrs[i].Key == "" {
		return 0, 0, false
	}
	s := string(st.src[b.off:st.tagEnd(b)])
	j := valueStart(s, at[i], b.Tag.Attrs[i].Key)
	if j < len(s) && (s[j] == '"' || s[j] == '\'') {
		_, next, res := lexQuoted(s, j)
		if res != lexOK {
			return 0, 0, false
		}
		return b.off + j + 1, b.off + next - 1, true
	}
	_, next := lexBare(s, j)
	return b.off + j, b.off + next, true
}

// valueHint names the value of key that v is nearest to, if one is, and
// the values key takes.
func valueHint(key, v string, allowed []string) string {
	takes := fmt.Sprintf("%s takes %s", key, either(allowed))
	if near := NearestValue(v, allowed); near != "" {
		return "did you mean " + near + "? " + takes
	}
	return takes
}

// NearestValue is Nearest for a value: also a word other tools write for
// it (yes for true, error for danger) and, from two letters on, the start
// of only one of them (warn for warning).
func NearestValue(v string, allowed []string) string {
	lower := strings.ToLower(strings.TrimSpace(v))
	if a := valueAliases[lower]; slices.Contains(allowed, a) {
		return a
	}
	if near := suggest.Nearest(lower, allowed); near != "" {
		return near
	}
	if len(lower) < 2 {
		return ""
	}
	near := ""
	for _, a := range allowed {
		if strings.HasPrefix(a, lower) {
			if near != "" {
				return ""
			}
			near = a
		}
	}
	return near
}

// either joins items with commas and a last "or".
func either(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// attrOffsets lexes b's tag again, from the source, for where each of
// its attributes starts (relative to b.off).
func (st *state) attrOffsets(b *Block) []int {
	var at []int
	if t, _, res := lexTagAt(string(st.src[b.off:st.tagEnd(b)]), 0, &at); res != lexOK || len(t.Attrs) != len(b.Tag.Attrs) {
		return nil
	}
	return at
}

// tagEnd returns the offset after b's opening tag when it spans lines,
// else the end of its line. (Continue forgets b.tagEnd once past it.)
func (st *state) tagEnd(b *Block) int {
	if b.tagEnd > b.off {
		return b.tagEnd
	}
	end := b.off
	for end < len(st.src) && st.src[end] != '\n' {
		end++
	}
	if _, _, res := lexTag(string(st.src[b.off:end]), 0); res == lexEOFInQuote {
		if _, e, ok := lexMultiLine(st.src, b.off); ok {
			return e
		}
	}
	return end
}
