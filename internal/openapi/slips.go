package openapi

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v4"
)

// A Slip is a value of a type OpenAPI does not allow where a hand-written
// spec often has one: `version: 1.0` (a number), `required: true` on a
// property, `maxLength: "64"`, `enum: abc`. kin-openapi refuses the whole
// spec for one of them, where GitBook shows it: each is read as what its
// author meant (or left out), in what kin-openapi reads, and reported at
// its place.
type Slip struct {
	File      string // absolute path of the file it is written in
	Line, Col int
	Msg       string
}

// slipFix replaces, in what kin-openapi reads of a file, the n bytes at
// off of the file as written (at line and col) by text.
type slipFix struct {
	off, n    int
	text      string
	line, col int
}

// requiredKey is what a property's own `required: true` becomes: the
// property is shown required (see schema.go).
const requiredKey = "x-folio-required"

// Keys whose value OpenAPI wants of one type.
var (
	slipNumbers = map[string]bool{"maxLength": true, "minLength": true, "maxItems": true, "minItems": true,
		"maxProperties": true, "minProperties": true, "maximum": true, "minimum": true, "multipleOf": true}
	slipBools = map[string]bool{"nullable": true, "deprecated": true, "readOnly": true, "writeOnly": true,
		"uniqueItems": true, "explode": true, "allowReserved": true, "allowEmptyValue": true}
	slipTexts = map[string]bool{"title": true, "description": true, "summary": true}
	// Keys whose value is a schema, a map of schemas or a list of them.
	schemaKeys = map[string]bool{"schema": true, "items": true, "additionalProperties": true, "not": true,
		"additionalItems": true, "contains": true, "propertyNames": true, "if": true, "then": true, "else": true}
	schemaMaps  = map[string]bool{"properties": true, "patternProperties": true, "$defs": true, "definitions": true}
	schemaLists = map[string]bool{"allOf": true, "anyOf": true, "oneOf": true, "prefixItems": true}
	// Keys whose value is the author's data, not the spec's: nothing in
	// it is a slip.
	dataKeys = map[string]bool{"example": true, "examples": true, "default": true, "const": true, "value": true}
)

// jsonNumber is a number as JSON and YAML both read it: not NaN, Inf, +5
// or 05, which ParseFloat takes.
var jsonNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

// findSlips reads a spec's file for slips; nothing when it is not YAML
// or JSON (the load says why).
func findSlips(file string, data []byte) ([]slipFix, []Slip) {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return nil, nil
	}
	w := &slipWalker{file: file, data: data}
	w.mapping(doc.Content[0], "", false)
	return w.fixes, w.slips
}

type slipWalker struct {
	file  string
	data  []byte
	lines []int // the offset of each line's start, made on the first slip
	fixes []slipFix
	slips []Slip
	depth int
}

// offset is the byte offset of line and col (1-based, the column in
// characters); -1 past the end of its line.
func (w *slipWalker) offset(line, col int) int {
	if w.lines == nil {
		w.lines = []int{0}
		for i, c := range w.data {
			if c == '\n' {
				w.lines = append(w.lines, i+1)
			}
		}
	}
	if line < 1 || line > len(w.lines) {
		return -1
	}
	off := w.lines[line-1]
	for i := 1; i < col; i++ {
		if off >= len(w.data) || w.data[off] == '\n' {
			return -1
		}
		_, size := utf8.DecodeRune(w.data[off:])
		off += size
	}
	return off
}

// value walks the value of a key: a schema, a map of schemas (inMap), or
// another object of the spec.
func (w *slipWalker) value(n *yaml.Node, key string, schema, inMap bool) {
	if w.depth > 200 {
		return // a spec this deep says nothing more of its slips
	}
	w.depth++
	defer func() { w.depth-- }()
	switch n.Kind {
	case yaml.MappingNode:
		if inMap {
			for i := 0; i+1 < len(n.Content); i += 2 {
				w.value(n.Content[i+1], n.Content[i].Value, true, false)
			}
			return
		}
		w.mapping(n, key, schema)
	case yaml.SequenceNode:
		for _, c := range n.Content {
			w.value(c, key, schema, false)
		}
	}
}

// mapping walks an object: parent is the key it is the value of, schema
// whether it is a schema.
func (w *slipWalker) mapping(n *yaml.Node, parent string, schema bool) {
	if n.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := k.Value
		switch {
		case strings.HasPrefix(key, "x-") || dataKeys[key] && !(key == "default" && parent == "responses"):
			// The default response is an object of the spec's.
			continue
		case key == "enum":
			if v.Kind == yaml.ScalarNode && v.Tag != "!!null" {
				quoted := v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
				if raw, ok := w.raw(v); ok {
					list := "[" + raw.text + "]" // a, b: the list of the values the author wrote
					if !quoted && strings.ContainsAny(raw.text, "[]{}#") {
						list = "[" + strconv.Quote(v.Value) + "]" // in brackets, it would read as no list at all
					}
					w.fix(raw, list, fmt.Sprintf("enum is not a list: read as the list %s", list))
				}
			}
			continue
		case schemaKeys[key]:
			w.value(v, key, true, false)
			continue
		case schemaMaps[key] || key == "schemas" && parent == "components":
			w.value(v, key, true, true)
			continue
		case schemaLists[key]:
			w.value(v, key, true, false)
			continue
		}
		if v.Kind != yaml.ScalarNode {
			w.value(v, key, false, false)
			continue
		}
		// The raw text is looked for only where a slip may be: most
		// scalars are none.
		quoted := v.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0
		switch {
		case (slipTexts[key] || key == "version" && parent == "info" || key == "openapi" && parent == "") && !quoted && v.Tag != "!!str" && v.Tag != "!!null":
			if raw, ok := w.raw(v); ok {
				w.fix(raw, strconv.Quote(v.Value), fmt.Sprintf("%s is %s, where OpenAPI wants text: read as the text %q", key, typeName(v.Tag), v.Value))
			}
		case slipNumbers[key] && v.Tag == "!!str":
			if jsonNumber.MatchString(v.Value) && quoted {
				if raw, ok := w.raw(v); ok {
					w.fix(raw, v.Value, fmt.Sprintf("%s is the text %q, where OpenAPI wants a number: read as the number %s", key, v.Value, v.Value))
				}
			} else if kraw, ok := w.raw(k); ok {
				w.fix(kraw, strings.Replace(kraw.text, key, "x-folio-invalid-"+key, 1), fmt.Sprintf("%s is %q, not a number: it is left out", key, v.Value))
			}
		case (slipBools[key] || key == "required" && !schema) && v.Tag == "!!str" && quoted && (v.Value == "true" || v.Value == "false"):
			if raw, ok := w.raw(v); ok {
				w.fix(raw, v.Value, fmt.Sprintf("%s is the text %q, where OpenAPI wants true or false: read as %s", key, v.Value, v.Value))
			}
		case key == "required" && schema && v.Tag == "!!bool":
			// A property's own flag, as Swagger 2.0's parameters have it.
			if kraw, ok := w.raw(k); ok {
				w.fix(kraw, strings.Replace(kraw.text, key, requiredKey, 1),
					"required: "+v.Value+" on a schema is not OpenAPI's, which lists the required properties in their object's required list: a property so marked true is shown as required")
			}
		}
	}
}

// raw returns the text of the scalar n as written, and its offset, when it
// is on one line and folio can tell its extent: plain, or quoted without
// escapes.
func (w *slipWalker) raw(n *yaml.Node) (scalar, bool) {
	off := w.offset(n.Line, n.Column)
	if off < 0 || strings.ContainsAny(n.Value, "\n\\\"'") {
		return scalar{}, false
	}
	want := n.Value
	switch {
	case n.Style&yaml.DoubleQuotedStyle != 0:
		want = `"` + n.Value + `"`
	case n.Style&yaml.SingleQuotedStyle != 0:
		want = `'` + n.Value + `'`
	case n.Style != 0:
		return scalar{}, false // a block or flow scalar
	}
	if off+len(want) > len(w.data) || string(w.data[off:off+len(want)]) != want {
		return scalar{}, false
	}
	return scalar{want, off, n}, true
}

// scalar is a scalar as written: its text, and where.
type scalar struct {
	text string
	off  int
	node *yaml.Node
}

// fix replaces the scalar sc by text, reporting msg at its place.
func (w *slipWalker) fix(sc scalar, text, msg string) {
	n := sc.node
	w.fixes = append(w.fixes, slipFix{off: sc.off, n: len(sc.text), text: text, line: n.Line, col: n.Column})
	w.slips = append(w.slips, Slip{File: w.file, Line: n.Line, Col: n.Column, Msg: msg})
}

func typeName(tag string) string {
	switch tag {
	case "!!int", "!!float":
		return "a number"
	case "!!bool":
		return "true or false"
	case "!!timestamp":
		return "a date"
	}
	return "not text"
}
