package openapi

import (
	"fmt"
	"slices"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxDepth bounds how deep a schema tree is drawn: past it, a nested
// object shows its type only.
const maxDepth = 12

// field is a parameter, a header or a property, as a tree item shows it.
type field struct {
	name       string
	ref        *openapi3.SchemaRef
	required   bool
	desc       string // the parameter's own description (a property's is its schema's)
	deprecated bool
	example    any
}

// refName is the name a `$ref` gives its schema ("Pet" for
// "#/components/schemas/Pet" or "pet.yaml#/Pet"), "" for an inline one.
func refName(ref string) string {
	if ref == "" {
		return ""
	}
	_, frag, found := strings.Cut(ref, "#")
	if !found {
		frag = ref
	}
	frag = strings.TrimRight(frag, "/")
	if i := strings.LastIndexByte(frag, '/'); i >= 0 {
		frag = frag[i+1:]
	}
	frag = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(frag, ".yaml"), ".yml"), ".json")
	return frag
}

// merged is a schema with its allOf parts folded in: what a reader sees
// as one object.
type merged struct {
	s          *openapi3.Schema
	types      []string
	format     string
	desc       string
	props      []prop
	required   []string
	additional *openapi3.SchemaRef
	addAny     bool // additionalProperties: true
	oneOf      openapi3.SchemaRefs
	anyOf      openapi3.SchemaRefs
	disc       *openapi3.Discriminator
	items      *openapi3.SchemaRef
	nullable   bool
	readOnly   bool
	writeOnly  bool
	deprecated bool
}

type prop struct {
	name string
	ref  *openapi3.SchemaRef
}

// merge folds allOf into one view of the schema, parts first in written
// order, the schema's own keywords last.
func (r *renderer) merge(s *openapi3.Schema) *merged {
	m := &merged{s: s}
	seen := map[*openapi3.Schema]bool{}
	var add func(s *openapi3.Schema, own bool)
	add = func(s *openapi3.Schema, own bool) {
		if s == nil || seen[s] {
			return
		}
		seen[s] = true
		for _, part := range s.AllOf {
			if part != nil {
				add(part.Value, false)
			}
		}
		if s.Type != nil {
			for _, t := range *s.Type {
				if t == "null" {
					m.nullable = true
				} else if !slices.Contains(m.types, t) {
					m.types = append(m.types, t)
				}
			}
		}
		if s.Format != "" {
			m.format = s.Format
		}
		if own && s.Description != "" || m.desc == "" {
			if s.Description != "" {
				m.desc = s.Description
			}
		}
		for _, name := range orderedKeys(r.spec.order, s.Properties) {
			if i := slices.IndexFunc(m.props, func(p prop) bool { return p.name == name }); i >= 0 {
				m.props[i].ref = s.Properties[name]
				continue
			}
			m.props = append(m.props, prop{name, s.Properties[name]})
		}
		for _, q := range s.Required {
			if !slices.Contains(m.required, q) {
				m.required = append(m.required, q)
			}
		}
		if ap := s.AdditionalProperties; ap.Schema != nil {
			m.additional = ap.Schema
		} else if ap.Has != nil && *ap.Has {
			m.addAny = true
		}
		m.oneOf = append(m.oneOf, s.OneOf...)
		m.anyOf = append(m.anyOf, s.AnyOf...)
		if s.Discriminator != nil {
			m.disc = s.Discriminator
		}
		if s.Items != nil {
			m.items = s.Items
		}
		m.nullable = m.nullable || s.Nullable
		m.readOnly = m.readOnly || s.ReadOnly
		m.writeOnly = m.writeOnly || s.WriteOnly
		m.deprecated = m.deprecated || s.Deprecated
	}
	add(s, true)
	if len(m.types) == 0 && len(m.props) > 0 {
		m.types = []string{"object"}
	}
	return m
}

// typeText says what a schema is: "string · date-time", "array of Pet",
// "integer | null".
func (r *renderer) typeText(sr *openapi3.SchemaRef) string {
	if sr == nil || sr.Value == nil {
		return ""
	}
	m := r.merge(sr.Value)
	t := strings.Join(m.types, " | ")
	if slices.Contains(m.types, "array") && m.items != nil {
		inner := refName(m.items.Ref)
		if inner == "" {
			inner = r.typeText(m.items)
		}
		if inner != "" {
			t = strings.Replace(t, "array", "array of "+inner, 1)
		}
	}
	if t == "" {
		switch {
		case len(m.oneOf) > 0 || len(m.anyOf) > 0:
			t = "one of"
			if len(m.oneOf) == 0 {
				t = "any of"
			}
		case sr.Value.Always != nil:
			t = "any"
		}
	}
	if m.format != "" {
		t += " · " + m.format
	}
	if m.nullable && !strings.Contains(t, "null") {
		t += " | null"
	}
	return strings.TrimPrefix(t, " · ")
}

func (r *renderer) onStack(s *openapi3.Schema) bool { return slices.Contains(r.stack, s) }

// hidden reports whether a property is left out here: internal, or
// read-only in a request, write-only in a response.
func (r *renderer) hidden(sr *openapi3.SchemaRef) bool {
	if sr == nil || sr.Value == nil {
		return false
	}
	s := sr.Value
	if boolExt(s.Extensions, "x-internal") || boolExt(s.Extensions, "x-gitbook-ignore") {
		return true
	}
	return r.request && s.ReadOnly || !r.request && s.WriteOnly && r.inBody
}

// schemaRoot writes the schema of a body or a response.
func (r *renderer) schemaRoot(sr *openapi3.SchemaRef) {
	if sr == nil || sr.Value == nil {
		return
	}
	r.inBody = true
	defer func() { r.inBody = false }()
	m := r.merge(sr.Value)
	name := refName(sr.Ref)
	anchor := r.anchor(sr)
	if anchor != "" {
		r.printf(`<div class="api-schema" id="%s">`, esc(anchor))
	} else {
		r.write(`<div class="api-schema">`)
	}
	r.printf(`<p class="api-schema-type"><span class="api-type">%s</span>`, esc(r.typeText(sr)))
	if name != "" {
		r.printf(` <span class="api-schema-name">%s</span>`, esc(name))
	}
	r.write(`</p>`)
	r.stack = append(r.stack, sr.Value)
	r.body(m, 0)
	r.stack = r.stack[:len(r.stack)-1]
	r.write(`</div>`)
}

// anchor gives a named schema an id the first time it is drawn on the
// block, for circular references to link to.
func (r *renderer) anchor(sr *openapi3.SchemaRef) string {
	name := refName(sr.Ref)
	if name == "" {
		return ""
	}
	if _, done := r.anchors[sr.Ref]; done {
		return ""
	}
	id := r.o.ID + "-schema-" + slugID(name)
	r.anchors[sr.Ref] = id
	return id
}

// body writes the inside of a merged schema: properties, items,
// additional properties and variants.
func (r *renderer) body(m *merged, depth int) {
	if len(m.props) > 0 {
		r.write(`<ul class="api-fields">`)
		r.props(m, depth)
		r.write(`</ul>`)
	} else if m.items != nil && m.items.Value != nil {
		im := r.merge(m.items.Value)
		if len(im.props) > 0 || len(im.oneOf)+len(im.anyOf) > 0 {
			if r.onStack(m.items.Value) {
				r.circular(m.items)
			} else {
				r.stack = append(r.stack, m.items.Value)
				r.body(im, depth+1)
				r.stack = r.stack[:len(r.stack)-1]
			}
		}
	}
	if m.additional != nil {
		r.printf(`<p class="api-additional">%s: <span class="api-type">%s</span></p>`, esc(r.o.str("api_additional")), esc(r.typeText(m.additional)))
	} else if m.addAny {
		r.printf(`<p class="api-additional">%s: <span class="api-type">any</span></p>`, esc(r.o.str("api_additional")))
	}
	r.variants(m, depth)
}

// props writes the properties, required ones first, each group in written
// order.
func (r *renderer) props(m *merged, depth int) {
	var req, opt []prop
	for _, p := range m.props {
		if r.hidden(p.ref) {
			continue
		}
		if slices.Contains(m.required, p.name) {
			req = append(req, p)
		} else {
			opt = append(opt, p)
		}
	}
	for _, p := range append(req, opt...) {
		r.fieldAt(field{name: p.name, ref: p.ref, required: slices.Contains(m.required, p.name)}, depth)
	}
}

func (r *renderer) field(f field) { r.fieldAt(f, 0) }

func (r *renderer) fieldAt(f field, depth int) {
	var s *openapi3.Schema
	if f.ref != nil {
		s = f.ref.Value
	}
	circular := s != nil && r.onStack(s)
	anchor := ""
	if s != nil && !circular {
		anchor = r.anchor(f.ref)
	}
	if anchor != "" {
		r.printf(`<li class="api-field" id="%s">`, esc(anchor))
	} else {
		r.write(`<li class="api-field">`)
	}
	r.printf(`<div class="api-field-head"><code class="api-field-name">%s</code>`, esc(f.name))
	var m *merged
	if s != nil {
		m = r.merge(s)
		t := r.typeText(f.ref)
		if n := refName(f.ref.Ref); n != "" && !strings.Contains(t, n) {
			t = strings.TrimSpace(t + " · " + n)
		}
		if t != "" {
			r.printf(` <span class="api-type">%s</span>`, esc(t))
		}
	}
	if f.required {
		r.printf(` <span class="api-required">%s</span>`, esc(r.o.str("api_required")))
	}
	if m != nil {
		if m.readOnly {
			r.printf(` <span class="api-flag">%s</span>`, esc(r.o.str("api_read_only")))
		}
		if m.writeOnly {
			r.printf(` <span class="api-flag">%s</span>`, esc(r.o.str("api_write_only")))
		}
	}
	if f.deprecated || m != nil && m.deprecated {
		r.printf(` <span class="api-flag api-flag-deprecated">%s</span>`, esc(r.o.str("api_deprecated")))
	}
	r.write(`</div>`)
	desc := f.desc
	if desc == "" && m != nil {
		desc = m.desc
	}
	r.markdown("api-field-desc", desc)
	if s == nil {
		r.write(`</li>`)
		return
	}
	r.constraints(s, m)
	r.enum(s)
	ex := f.example
	if ex == nil {
		ex = s.Example
	}
	if ex != nil && isScalar(ex) {
		r.printf(`<p class="api-example-value">%s: <code>%s</code></p>`, esc(r.o.str("api_example_value")), esc(scalarText(ex)))
	}
	if circular {
		r.circular(f.ref)
		r.write(`</li>`)
		return
	}
	if depth < maxDepth && hasChildren(r, m) {
		open := ""
		if r.expandModels {
			open = " open"
		}
		r.printf(`<details class="api-children"%s><summary>%s</summary>`, open, esc(r.o.str("api_show_properties")))
		r.stack = append(r.stack, s)
		r.body(m, depth+1)
		r.stack = r.stack[:len(r.stack)-1]
		r.write(`</details>`)
	} else if depth < maxDepth && (m.additional != nil || m.addAny) {
		r.body(m, depth+1)
	}
	r.write(`</li>`)
}

// hasChildren reports whether a schema draws a nested tree: properties,
// variants, or items that have them.
func hasChildren(r *renderer, m *merged) bool {
	if len(m.props) > 0 || len(m.oneOf) > 0 || len(m.anyOf) > 0 {
		return true
	}
	if m.items != nil && m.items.Value != nil {
		im := r.merge(m.items.Value)
		return len(im.props) > 0 || len(im.oneOf) > 0 || len(im.anyOf) > 0
	}
	return false
}

func (r *renderer) circular(sr *openapi3.SchemaRef) {
	name := refName(sr.Ref)
	if name == "" {
		name = "…"
	}
	if id, ok := r.anchors[sr.Ref]; ok && sr.Ref != "" {
		r.printf(`<p class="api-circular">%s <a href="#%s">%s</a></p>`, esc(r.o.str("api_circular")), esc(id), esc(name))
		return
	}
	r.printf(`<p class="api-circular">%s %s</p>`, esc(r.o.str("api_circular")), esc(name))
}

// variants writes oneOf and anyOf, each variant a collapsible tree.
func (r *renderer) variants(m *merged, depth int) {
	for _, v := range []struct {
		key  string
		refs openapi3.SchemaRefs
	}{{"api_one_of", m.oneOf}, {"api_any_of", m.anyOf}} {
		if len(v.refs) == 0 {
			continue
		}
		r.printf(`<div class="api-variants"><p class="api-variants-label">%s</p>`, esc(r.o.str(v.key)))
		if m.disc != nil && m.disc.PropertyName != "" {
			r.printf(`<p class="api-discriminator">%s: <code>%s</code></p>`, esc(r.o.str("api_discriminator")), esc(m.disc.PropertyName))
		}
		for i, vr := range v.refs {
			if vr == nil || vr.Value == nil {
				continue
			}
			label := r.variantLabel(m, vr, i)
			r.printf(`<details class="api-variant"><summary>%s</summary>`, esc(label))
			if r.onStack(vr.Value) {
				r.circular(vr)
			} else {
				vm := r.merge(vr.Value)
				r.markdown("api-field-desc", vm.desc)
				if len(vm.props) == 0 && len(vm.oneOf)+len(vm.anyOf) == 0 {
					r.printf(`<p class="api-schema-type"><span class="api-type">%s</span></p>`, esc(r.typeText(vr)))
					r.constraints(vr.Value, vm)
					r.enum(vr.Value)
				}
				if depth < maxDepth {
					r.stack = append(r.stack, vr.Value)
					r.body(vm, depth+1)
					r.stack = r.stack[:len(r.stack)-1]
				}
			}
			r.write(`</details>`)
		}
		r.write(`</div>`)
	}
}

// variantLabel names a variant: its discriminator value, its schema name,
// its title, or its type and position.
func (r *renderer) variantLabel(m *merged, vr *openapi3.SchemaRef, i int) string {
	if m.disc != nil {
		for _, k := range orderedKeys(r.spec.order, m.disc.Mapping) {
			if mv := m.disc.Mapping[k]; mv.Ref == vr.Ref && vr.Ref != "" {
				return k
			}
		}
	}
	if n := refName(vr.Ref); n != "" {
		return n
	}
	if vr.Value.Title != "" {
		return vr.Value.Title
	}
	t := r.typeText(vr)
	if t == "" {
		t = "object"
	}
	return fmt.Sprintf("%s (%d)", t, i+1)
}

// constraints writes the limits a value must keep to.
func (r *renderer) constraints(s *openapi3.Schema, m *merged) {
	var parts []string
	add := func(key string, v string) {
		parts = append(parts, fmt.Sprintf(`<span>%s: <code>%s</code></span>`, esc(r.o.str(key)), esc(v)))
	}
	if s.Default != nil {
		add("api_default", scalarText(s.Default))
	}
	if s.Min != nil {
		v := formatNumber(*s.Min)
		if s.ExclusiveMin.Bool != nil && *s.ExclusiveMin.Bool {
			v = "> " + v
		}
		add("api_minimum", v)
	} else if s.ExclusiveMin.Value != nil {
		add("api_minimum", "> "+formatNumber(*s.ExclusiveMin.Value))
	}
	if s.Max != nil {
		v := formatNumber(*s.Max)
		if s.ExclusiveMax.Bool != nil && *s.ExclusiveMax.Bool {
			v = "< " + v
		}
		add("api_maximum", v)
	} else if s.ExclusiveMax.Value != nil {
		add("api_maximum", "< "+formatNumber(*s.ExclusiveMax.Value))
	}
	if s.MultipleOf != nil {
		add("api_multiple_of", formatNumber(*s.MultipleOf))
	}
	if s.MinLength > 0 {
		add("api_min_length", fmt.Sprint(s.MinLength))
	}
	if s.MaxLength != nil {
		add("api_max_length", fmt.Sprint(*s.MaxLength))
	}
	if s.Pattern != "" {
		add("api_pattern", s.Pattern)
	}
	if s.MinItems > 0 {
		add("api_min_items", fmt.Sprint(s.MinItems))
	}
	if s.MaxItems != nil {
		add("api_max_items", fmt.Sprint(*s.MaxItems))
	}
	if s.UniqueItems {
		parts = append(parts, `<span>`+esc(r.o.str("api_unique_items"))+`</span>`)
	}
	if m != nil && m.nullable {
		parts = append(parts, `<span>`+esc(r.o.str("api_nullable"))+`</span>`)
	}
	if len(parts) > 0 {
		r.write(`<p class="api-constraints">` + strings.Join(parts, " ") + `</p>`)
	}
}

// enum writes the values a schema allows, with their descriptions when
// the spec gives x-enumDescriptions (a map, or a list in enum order).
func (r *renderer) enum(s *openapi3.Schema) {
	values := s.Enum
	if s.Const != nil {
		values = []any{s.Const}
	}
	if len(values) == 0 && s.Items != nil && s.Items.Value != nil {
		values = s.Items.Value.Enum
	}
	if len(values) == 0 {
		return
	}
	descs := map[string]string{}
	switch d := s.Extensions["x-enumDescriptions"].(type) {
	case map[string]any:
		for k, v := range d {
			descs[k] = fmt.Sprint(v)
		}
	case []any:
		for i, v := range d {
			if i < len(values) {
				descs[scalarText(values[i])] = fmt.Sprint(v)
			}
		}
	}
	if len(descs) > 0 {
		r.printf(`<dl class="api-enum" aria-label="%s">`, esc(r.o.str("api_possible_values")))
		for _, v := range values {
			t := scalarText(v)
			r.printf(`<dt><code>%s</code></dt><dd>%s</dd>`, esc(t), esc(descs[t]))
		}
		r.write(`</dl>`)
		return
	}
	r.printf(`<p class="api-enum">%s:`, esc(r.o.str("api_possible_values")))
	for _, v := range values {
		r.printf(` <code>%s</code>`, esc(scalarText(v)))
	}
	r.write(`</p>`)
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any:
		return false
	}
	return true
}

// scalarText writes a value as JSON would, strings without their quotes.
func scalarText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case nil:
		return "null"
	case float64:
		return formatNumber(x)
	case map[string]any, []any:
		b, _ := encodeJSON(nil, x, "")
		return string(b)
	}
	return fmt.Sprint(v)
}

// slugID makes an id fragment of a name: lower case letters and digits,
// other runs as one dash.
func slugID(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && (r >= 0xC0) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
