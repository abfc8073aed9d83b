package openapi

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// exampler makes an example value from a schema: the schema's own example
// where it has one, else a value of its type. Read-only properties are
// left out of requests, write-only ones out of responses.
type exampler struct {
	order   *keyOrder
	request bool
	// all keeps read-only and write-only properties (a schemas block).
	all bool
	// stack holds the schemas being made (their schemaID): a cycle
	// ends the example there.
	stack []any
	// values counts the values made, against maxValues.
	values int
}

// object is a JSON object that keeps its keys in order.
type object struct {
	keys []string
	vals map[string]any
}

func (g *exampler) value(sr *openapi3.SchemaRef, depth int) (any, bool) {
	if sr == nil || sr.Value == nil || depth > maxDepth || g.values >= maxValues {
		return nil, false
	}
	g.values++
	s := sr.Value
	if slices.Contains(g.stack, schemaID(s)) {
		return nil, false // a cycle: the example stops here
	}
	switch {
	case s.Example != nil:
		return s.Example, true
	case len(s.Examples) > 0:
		return s.Examples[0], true
	case s.Const != nil:
		return s.Const, true
	case s.Default != nil:
		return s.Default, true
	case len(s.Enum) > 0:
		return s.Enum[0], true
	}
	g.stack = append(g.stack, schemaID(s))
	defer func() { g.stack = g.stack[:len(g.stack)-1] }()

	if len(s.AllOf) > 0 || len(s.Properties) > 0 || s.Type.Includes("object") {
		obj := &object{vals: map[string]any{}}
		g.fill(obj, s, depth, map[*openapi3.Schema]bool{})
		if len(obj.keys) > 0 || s.Type.Includes("object") {
			return obj, true
		}
	}
	for _, alts := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
		for _, alt := range alts {
			if v, ok := g.value(alt, depth+1); ok {
				g.discriminate(s.Discriminator, alt, v)
				return v, true
			}
		}
	}
	types := s.Type.Slice()
	t := ""
	for _, x := range types {
		if x != "null" {
			t = x
			break
		}
	}
	switch t {
	case "array":
		if v, ok := g.value(s.Items, depth+1); ok {
			return []any{v}, true
		}
		return []any{}, true
	case "string":
		return stringExample(s), true
	case "integer":
		return numberExample(s, true), true
	case "number":
		return numberExample(s, false), true
	case "boolean":
		return true, true
	case "null":
		return nil, true
	}
	if slices.Contains(types, "null") {
		return nil, true
	}
	return nil, false
}

// discriminate sets the discriminator property of an example made for
// the variant alt to the value that selects alt: its mapping key, else
// its schema name. The spec's own examples are left as written.
func (g *exampler) discriminate(d *openapi3.Discriminator, alt *openapi3.SchemaRef, v any) {
	obj, ok := v.(*object)
	if d == nil || d.PropertyName == "" || !ok || alt.Ref == "" {
		return
	}
	value := refName(alt.Ref)
	for _, k := range orderedKeys(g.order, d.Mapping) {
		if m := d.Mapping[k]; m.Ref == alt.Ref || refName(m.Ref) == value {
			value = k
			break
		}
	}
	if _, has := obj.vals[d.PropertyName]; !has {
		obj.keys = append([]string{d.PropertyName}, obj.keys...)
	}
	obj.vals[d.PropertyName] = value
}

// fill adds the properties of s and of its allOf parts to obj. A part
// merged already (done) adds nothing again: a chain of allOf: [A, A]
// took time in 2 to the power of its length (t40).
func (g *exampler) fill(obj *object, s *openapi3.Schema, depth int, done map[*openapi3.Schema]bool) {
	for _, part := range s.AllOf {
		if part != nil && part.Value != nil && !done[part.Value] && !slices.Contains(g.stack, schemaID(part.Value)) {
			done[part.Value] = true
			g.stack = append(g.stack, schemaID(part.Value))
			g.fill(obj, part.Value, depth, done)
			g.stack = g.stack[:len(g.stack)-1]
		}
	}
	for _, name := range orderedKeys(g.order, s.Properties) {
		p := s.Properties[name]
		if p == nil || p.Value == nil {
			continue
		}
		if !g.all && (g.request && p.Value.ReadOnly || !g.request && p.Value.WriteOnly) ||
			boolExt(p.Value.Extensions, "x-internal") || boolExt(p.Value.Extensions, "x-gitbook-ignore") {
			continue
		}
		v, ok := g.value(p, depth+1)
		if !ok {
			continue
		}
		if _, dup := obj.vals[name]; !dup {
			obj.keys = append(obj.keys, name)
		}
		obj.vals[name] = v
	}
}

// numberExample is a number s admits: 0, or its lowest bound, past it
// when the bound is exclusive (3.0's exclusiveMinimum: true, 3.1's
// exclusiveMinimum: n); under a maximum below 0, the maximum. An example
// that its own schema refuses misleads the reader who copies it.
func numberExample(s *openapi3.Schema, integer bool) float64 {
	lo, loOpen, hasLo := bound(s.Min, s.ExclusiveMin.Bool, s.ExclusiveMin.Value, 1)
	hi, hiOpen, hasHi := bound(s.Max, s.ExclusiveMax.Bool, s.ExclusiveMax.Value, -1)
	if !hasLo {
		if !hasHi || hi > 0 || hi == 0 && !hiOpen {
			return 0
		}
		// A maximum below 0 (or 0, excluded): the maximum, or under it.
		v := hi
		if integer {
			v = math.Floor(hi)
		}
		if hiOpen && v == hi {
			v--
		}
		return v
	}
	v := lo
	if integer {
		v = math.Ceil(lo)
	}
	if loOpen && v == lo {
		v++
		if !integer && hasHi && hi > lo && v >= hi {
			v = lo + (hi-lo)/2 // a narrow range: its middle
		}
	}
	return v
}

// bound is one side of a number's range as a schema gives it: x with
// 3.0's exclusive flag, or 3.1's exclusive number excl; 3.1 may give both,
// and the tighter holds (the greater for a minimum, side 1; the smaller
// for a maximum, side -1).
func bound(x *float64, flag *bool, excl *float64, side float64) (v float64, open, ok bool) {
	if x != nil {
		v, open, ok = *x, flag != nil && *flag, true
	}
	if excl != nil && (!ok || *excl*side >= v*side) {
		v, open, ok = *excl, true, true
	}
	return v, open, ok
}

func stringExample(s *openapi3.Schema) string {
	switch s.Format {
	case "date-time":
		return "2024-01-15T09:30:00Z"
	case "date":
		return "2024-01-15"
	case "time":
		return "09:30:00"
	case "email":
		return "user@example.com"
	case "uuid":
		return "3fa85f64-5717-4562-b3fc-2c963f66afa6"
	case "uri", "url":
		return "https://example.com"
	case "hostname":
		return "example.com"
	case "ipv4":
		return "192.0.2.1"
	case "ipv6":
		return "2001:db8::1"
	case "byte":
		return "U3dhZ2dlciByb2Nrcw=="
	case "binary":
		return "(binary)"
	case "password":
		return "********"
	}
	return "text"
}

// formatExample writes an example for its media type: JSON (keys in
// written order, two-space indent), a form body, XML (as sr's xml
// keywords name its elements), or the value as text.
func formatExample(o *keyOrder, mediaType string, v any, sr *openapi3.SchemaRef) (text, lang string) {
	mt := strings.ToLower(mediaType)
	switch {
	case strings.Contains(mt, "x-www-form-urlencoded"):
		return formBody(o, v), "http"
	case strings.Contains(mt, "xml"): // text/xml too
		if s, ok := v.(string); ok {
			return s, "xml"
		}
		return xmlExample(o, sr, v), "xml"
	case strings.HasPrefix(mt, "text/") && !strings.Contains(mt, "json"):
		if s, ok := v.(string); ok {
			return s, "text"
		}
	}
	b, _ := encodeJSON(o, v, "  ")
	return string(b), "json"
}

// xmlExample writes the value v of the schema sr as XML, as OpenAPI's
// xml keywords say: the root element is named by its xml name, else its
// component's name; a property's element by its xml name, else the
// property's; an attribute property is an attribute; an array's items
// repeat the element, inside one of the array's name when wrapped.
func xmlExample(o *keyOrder, sr *openapi3.SchemaRef, v any) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	root := "root"
	if sr != nil && sr.Ref != "" {
		root = sr.Ref[strings.LastIndexByte(sr.Ref, '/')+1:]
	}
	x := xmlOf(sr)
	name := xmlName(sr, root)
	ns := ""
	if x != nil && x.Namespace != "" {
		ns = " xmlns"
		if x.Prefix != "" {
			ns += ":" + x.Prefix
		}
		ns += `="` + xmlEscape(x.Namespace) + `"`
	}
	writeXML(&b, o, sr, name, ns, v, 0)
	return strings.TrimRight(b.String(), "\n")
}

// xmlOf is the xml keywords of sr, nil if none.
func xmlOf(sr *openapi3.SchemaRef) *openapi3.XML {
	if sr == nil || sr.Value == nil {
		return nil
	}
	return sr.Value.XML
}

// xmlName is the element name of sr: its xml name (with its prefix),
// else fallback, made a name XML takes (first name, 1st: first_name,
// _1st).
func xmlName(sr *openapi3.SchemaRef, fallback string) string {
	name := xmlSafe(fallback)
	if x := xmlOf(sr); x != nil {
		if x.Name != "" {
			name = x.Name
		}
		if x.Prefix != "" {
			name = x.Prefix + ":" + name
		}
	}
	return name
}

// propSchema is the schema of the property k of s, also one its allOf
// parts give.
func propSchema(sr *openapi3.SchemaRef, k string, depth int) *openapi3.SchemaRef {
	return findProp(sr, k, depth, map[*openapi3.Schema]bool{})
}

// findProp is propSchema, each schema looked in once (seen): a chain of
// allOf: [A, A, A, A, A] took time in 5 to the power of its length (t44).
func findProp(sr *openapi3.SchemaRef, k string, depth int, seen map[*openapi3.Schema]bool) *openapi3.SchemaRef {
	if sr == nil || sr.Value == nil || depth > maxDepth || seen[sr.Value] {
		return nil
	}
	seen[sr.Value] = true
	if p := sr.Value.Properties[k]; p != nil {
		return p
	}
	for _, part := range sr.Value.AllOf {
		if p := findProp(part, k, depth+1, seen); p != nil {
			return p
		}
	}
	return nil
}

func writeXML(b *strings.Builder, o *keyOrder, sr *openapi3.SchemaRef, name, attrs string, v any, depth int) {
	indent := strings.Repeat("  ", depth)
	switch x := v.(type) {
	case *object, map[string]any:
		var children []func()
		each(o, x, func(k string, val any) {
			p := propSchema(sr, k, 0)
			if px := xmlOf(p); px != nil && px.Attribute && isScalar(val) {
				attrs += " " + xmlName(p, k) + `="` + xmlEscape(scalarText(val)) + `"`
				return
			}
			children = append(children, func() { writeXMLProp(b, o, p, k, val, depth+1) })
		})
		if len(children) == 0 {
			fmt.Fprintf(b, "%s<%s%s/>\n", indent, name, attrs)
			return
		}
		fmt.Fprintf(b, "%s<%s%s>\n", indent, name, attrs)
		for _, c := range children {
			c()
		}
		fmt.Fprintf(b, "%s</%s>\n", indent, name)
	case []any:
		var items *openapi3.SchemaRef
		if sr != nil && sr.Value != nil {
			items = sr.Value.Items
		}
		for _, e := range x {
			writeXML(b, o, items, xmlName(items, name), "", e, depth)
		}
	default:
		fmt.Fprintf(b, "%s<%s%s>%s</%s>\n", indent, name, attrs, xmlEscape(scalarText(v)), name)
	}
}

// writeXMLProp writes the property k, of schema p: an array's items as
// elements of the property's name (or their own), inside one of the
// property's name when wrapped.
func writeXMLProp(b *strings.Builder, o *keyOrder, p *openapi3.SchemaRef, k string, v any, depth int) {
	name := xmlName(p, k)
	list, isList := v.([]any)
	if !isList {
		writeXML(b, o, p, name, "", v, depth)
		return
	}
	var items *openapi3.SchemaRef
	if p != nil && p.Value != nil {
		items = p.Value.Items
	}
	if x := xmlOf(p); x != nil && x.Wrapped {
		indent := strings.Repeat("  ", depth)
		fmt.Fprintf(b, "%s<%s>\n", indent, name)
		for _, e := range list {
			writeXML(b, o, items, xmlName(items, k), "", e, depth+1)
		}
		fmt.Fprintf(b, "%s</%s>\n", indent, name)
		return
	}
	for _, e := range list {
		writeXML(b, o, items, xmlName(items, name), "", e, depth)
	}
}

// xmlSafe makes s an XML name: a character a name cannot hold is an _,
// and one it cannot start with gets an _ before it.
func xmlSafe(s string) string {
	var b strings.Builder
	for i, c := range s {
		ok := c == '_' || c == ':' || unicode.IsLetter(c) || i > 0 && (c == '-' || c == '.' || unicode.IsDigit(c))
		switch {
		case ok:
			b.WriteRune(c)
		case i == 0 && (unicode.IsDigit(c) || c == '-' || c == '.'):
			b.WriteRune('_')
			b.WriteRune(c)
		default:
			b.WriteRune('_')
		}
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

// xmlEscape escapes text for an XML element or attribute.
func xmlEscape(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// formBody encodes an object as an HTML form does: an array as its key
// repeated (OpenAPI's default style, form with explode), a nested object
// as JSON, for want of a standard.
func formBody(o *keyOrder, v any) string {
	var parts []string
	each(o, v, func(k string, val any) {
		for _, f := range formValues(val) {
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(f))
		}
	})
	return strings.Join(parts, "&")
}

// formValues is the values a form field sends for v.
func formValues(v any) []string {
	list, ok := v.([]any)
	if !ok {
		return []string{scalarText(v)}
	}
	out := make([]string, 0, len(list))
	for _, e := range list {
		out = append(out, scalarText(e))
	}
	return out
}

// each calls fn for the keys of an object value in order.
func each(o *keyOrder, v any, fn func(string, any)) {
	switch x := v.(type) {
	case *object:
		for _, k := range x.keys {
			fn(k, x.vals[k])
		}
	case map[string]any:
		for _, k := range orderedKeys(o, x) {
			fn(k, x[k])
		}
	}
}

// encodeJSON writes v as JSON with the keys of its objects in written
// order (the spec's own examples are Go maps: their order comes from o).
func encodeJSON(o *keyOrder, v any, indent string) ([]byte, error) {
	var b bytes.Buffer
	err := writeJSON(&b, o, v, indent, 0)
	return b.Bytes(), err
}

func writeJSON(b *bytes.Buffer, o *keyOrder, v any, indent string, level int) error {
	nl := func(l int) {
		if indent != "" {
			b.WriteByte('\n')
			b.WriteString(strings.Repeat(indent, l))
		}
	}
	sep := ":"
	if indent != "" {
		sep = ": "
	}
	switch x := v.(type) {
	case *object, map[string]any:
		var keys []string
		vals := map[string]any{}
		each(o, x, func(k string, val any) { keys = append(keys, k); vals[k] = val })
		if len(keys) == 0 {
			b.WriteString("{}")
			return nil
		}
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			nl(level + 1)
			kb, _ := marshal(k)
			b.Write(kb)
			b.WriteString(sep)
			if err := writeJSON(b, o, vals[k], indent, level+1); err != nil {
				return err
			}
		}
		nl(level)
		b.WriteByte('}')
	case []any:
		if len(x) == 0 {
			b.WriteString("[]")
			return nil
		}
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			nl(level + 1)
			if err := writeJSON(b, o, e, indent, level+1); err != nil {
				return err
			}
		}
		nl(level)
		b.WriteByte(']')
	case float64:
		b.WriteString(formatNumber(x))
	default:
		vb, err := marshal(x)
		if err != nil {
			vb, _ = marshal(fmt.Sprint(x))
		}
		b.Write(vb)
	}
	return nil
}

// marshal is json.Marshal without its escaping of <, > and &: the text
// is shown as code (and HTML-escaped as a whole), where \u003c would be
// noise.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte{'\n'}), nil
}
