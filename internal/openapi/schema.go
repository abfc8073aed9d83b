package openapi

import (
	"fmt"
	"math"
	"net/url"
	"reflect"
	"slices"
	"strings"

	"folio/internal/links"

	"github.com/getkin/kin-openapi/openapi3"
)

// maxDepth bounds how deep a schema tree is drawn: past it, a nested
// object shows its type only.
const maxDepth = 12

// maxFields bounds how many fields a block draws, and maxValues how many
// values an example holds. Depth alone does not bound a tree: schemas
// that each refer to the next a few times (a DAG, no cycle) multiply at
// every level, and a 30-line spec would draw gigabytes. Past the budget,
// nested objects show their type only, as past maxDepth.
const (
	maxFields = 3000
	maxValues = 2000
)

// room reports whether a tree at depth may still be expanded.
func (r *renderer) room(depth int) bool { return depth < maxDepth && r.fields < maxFields }

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
	// A JSON pointer's escapes: the schema Refund/Request is Refund~1Request
	// in its $ref, %-escaped in a URL's fragment.
	if u, err := url.PathUnescape(frag); err == nil {
		frag = u
	}
	return pointerToken(frag)
}

// merged is a schema with its allOf parts folded in: what a reader sees
// as one object.
type merged struct {
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
	nullable   bool // OpenAPI 3.0's nullable: true, shown as a flag
	nullType   bool // "null" among the types or the variants (3.1), shown in the type
	readOnly   bool
	writeOnly  bool
	deprecated bool
	// via is the one variant a nullable anyOf or oneOf was reduced to,
	// nil otherwise.
	via *openapi3.SchemaRef
	// name is via's name, "" when via is nil or inline.
	name string
}

type prop struct {
	name string
	ref  *openapi3.SchemaRef
}

// merge folds allOf into one view of the schema, parts first in written
// order, the schema's own keywords last. A field asks for it several times
// (its type, its children, its items'), so it is kept for the block; it
// must not be modified.
func (r *renderer) merge(s *openapi3.Schema) *merged {
	if m, ok := r.merged[s]; ok {
		return m
	}
	m := r.mergeOnce(s)
	r.merged[s] = m
	return m
}

func (r *renderer) mergeOnce(s *openapi3.Schema) *merged {
	m := &merged{}
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
					m.nullType = true
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
		for _, name := range orderedKeys(r.spec.order, s.Properties) {
			// A property's own required: true, a slip (slips.go).
			if p := s.Properties[name]; p != nil && p.Value != nil && p.Value.Extensions[requiredKey] == true && !slices.Contains(m.required, name) {
				m.required = append(m.required, name)
			}
		}
		if ap := s.AdditionalProperties; ap.Schema != nil {
			m.additional = ap.Schema
		} else if ap.Has != nil && *ap.Has {
			m.addAny = true
		}
		m.oneOf = append(m.oneOf, m.nonNull(s.OneOf)...)
		m.anyOf = append(m.anyOf, m.nonNull(s.AnyOf)...)
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
	// `anyOf: [{$ref: X}, {type: "null"}]` is how OpenAPI 3.1 writes a
	// nullable X: shown as X itself, nullable, rather than a choice of one.
	for _, alts := range []*openapi3.SchemaRefs{&m.oneOf, &m.anyOf} {
		if len(*alts) == 1 && len(m.oneOf)+len(m.anyOf) == 1 && (m.nullable || m.nullType) && len(m.props) == 0 && len(m.types) == 0 {
			m.via = (*alts)[0]
			*alts = nil
			m.name = refName(m.via.Ref)
			add(m.via.Value, false)
		}
	}
	if len(m.types) == 0 && len(m.props) > 0 {
		m.types = []string{"object"}
	}
	return m
}

// nonNull returns the variants but those that only allow null, which make
// the schema nullable instead.
func (m *merged) nonNull(alts openapi3.SchemaRefs) openapi3.SchemaRefs {
	var out openapi3.SchemaRefs
	for _, a := range alts {
		if a != nil && a.Value != nil && a.Value.Type != nil && len(*a.Value.Type) == 1 && (*a.Value.Type)[0] == "null" {
			m.nullType = true
			continue
		}
		out = append(out, a)
	}
	return out
}

// typeText says what a schema is: "string · date-time", "array of Pet",
// "integer | null", in the words of the page's language (the theme's
// api_type_* strings); JSON Schema's type names stay as they are.
func (r *renderer) typeText(sr *openapi3.SchemaRef) string { return r.typeTextAt(sr, 0) }

// typeTextAt is typeText for an array's items at depth: arrays of arrays
// of an unnamed cycle end there.
func (r *renderer) typeTextAt(sr *openapi3.SchemaRef, depth int) string {
	if sr == nil || sr.Value == nil || depth > maxDepth {
		return ""
	}
	if ref, ok := sr.Value.Extensions[unresolvedKey].(string); ok {
		return strings.ReplaceAll(r.o.str("api_type_unresolved"), "{ref}", ref)
	}
	m := r.merge(sr.Value)
	t := strings.Join(m.types, " | ")
	if slices.Contains(m.types, "array") && m.items != nil {
		inner := refName(m.items.Ref)
		if inner == "" {
			inner = r.typeTextAt(m.items, depth+1)
		}
		if inner != "" {
			t = strings.Replace(t, "array", strings.ReplaceAll(r.o.str("api_type_array_of"), "{type}", inner), 1)
		}
	}
	if t == "" {
		switch {
		case len(m.oneOf) > 0 || len(m.anyOf) > 0:
			t = r.variantTypes(m)
			if t == "" && len(m.oneOf) > 0 {
				t = r.o.str("api_type_one_of")
			} else if t == "" {
				t = r.o.str("api_type_any_of")
			}
		case sr.Value.Const != nil:
			t = jsonType(sr.Value.Const)
		case sr.Value.Always != nil:
			t = "any"
		}
	}
	if m.format != "" {
		t += " · " + m.format
	}
	t = strings.TrimPrefix(t, " · ")
	if m.nullType && !strings.Contains(t, "null") {
		if t == "" {
			return "null"
		}
		t += " | null"
	}
	return t
}

// variantTypes is the type of a choice (oneOf or anyOf, not both) of
// unnamed scalar types, theirs joined: "string | integer", where "any
// of" said nothing of them (t84); "" for another choice.
func (r *renderer) variantTypes(m *merged) string {
	alts := m.oneOf
	if len(alts) == 0 {
		alts = m.anyOf
	} else if len(m.anyOf) > 0 {
		return ""
	}
	var types []string
	for _, vr := range alts {
		if vr == nil || vr.Value == nil || vr.Ref != "" {
			return ""
		}
		vm := r.merge(vr.Value)
		if len(vm.types) == 0 || len(vm.props) > 0 || len(vm.oneOf)+len(vm.anyOf) > 0 ||
			slices.Contains(vm.types, "object") || slices.Contains(vm.types, "array") {
			return ""
		}
		if t := r.typeText(vr); !slices.Contains(types, t) {
			types = append(types, t)
		}
	}
	return strings.Join(types, " | ")
}

// bareVariants reports whether m is a choice of types and nothing more
// (no description, limit or value): its type says them all, and a panel
// of them would only say them again.
func (r *renderer) bareVariants(m *merged) bool {
	if r.variantTypes(m) == "" {
		return false
	}
	for _, vr := range slices.Concat(m.oneOf, m.anyOf) {
		s := vr.Value
		if !reflect.DeepEqual(*s, openapi3.Schema{Extensions: s.Extensions, Origin: s.Origin, Type: s.Type, Format: s.Format}) {
			return false
		}
	}
	return true
}

// choices reports whether m's variants are drawn, each in a panel.
func (r *renderer) choices(m *merged) bool {
	return len(m.oneOf)+len(m.anyOf) > 0 && !r.bareVariants(m)
}

// jsonType is the JSON Schema type of a value.
func jsonType(v any) string {
	switch x := v.(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case float64:
		if x == math.Trunc(x) {
			return "integer"
		}
		return "number"
	case int, int64:
		return "integer"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return ""
}

func (r *renderer) onStack(s *openapi3.Schema) bool { return slices.Contains(r.stack, schemaID(s)) }

// push notes that s is being drawn, until the matching pop.
func (r *renderer) push(s *openapi3.Schema) { r.stack = append(r.stack, schemaID(s)) }
func (r *renderer) pop()                    { r.stack = r.stack[:len(r.stack)-1] }

// schemaAt is where a schema is written.
type schemaAt struct {
	file      string
	line, col int
}

// schemaID identifies a schema, to find cycles and anchors: where it is
// written when kin-openapi recorded that, since it copies the schema of a
// $ref that has sibling keywords (OpenAPI 3.1), so that one schema may be
// several values; else the value itself.
func schemaID(s *openapi3.Schema) any {
	if s != nil && s.Origin != nil && s.Origin.Key != nil && s.Origin.Key.Line > 0 {
		k := s.Origin.Key
		return schemaAt{k.File, k.Line, k.Column}
	}
	return s
}

// hidden reports whether a property is left out here: internal, or
// read-only in a request, write-only in a response. A schemas block
// (r.all) shows both.
func (r *renderer) hidden(sr *openapi3.SchemaRef) bool {
	if sr == nil || sr.Value == nil {
		return false
	}
	s := sr.Value
	if boolExt(s.Extensions, "x-internal") || boolExt(s.Extensions, "x-gitbook-ignore") {
		return true
	}
	if r.all {
		return false
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
	if name == "" {
		name = m.name
	}
	if anchor := r.anchorFor(sr); anchor != "" {
		r.printf(`<div class="api-schema" id="%s">`, esc(anchor))
	} else {
		r.write(`<div class="api-schema">`)
	}
	// An unnamed choice of schemas says "one of" once: the list of its
	// variants is titled so (body).
	if name != "" || len(m.types) > 0 || !r.choices(m) {
		r.printf(`<p class="api-schema-type"><span class="api-type">%s</span>`, esc(r.typeText(sr)))
		if name != "" {
			r.printf(` <span class="api-schema-name">%s</span>`, esc(name))
		}
		r.write(`</p>`)
	}
	r.push(sr.Value)
	r.body(m, 0)
	r.pop()
	r.write(`</div>`)
}

// anchor gives a named schema an id the first time it is drawn on the
// block, for circular references to link to. Schemas are told apart by
// identity, not by how a $ref names them: "Error" and "common.yaml#/Error"
// may be one schema, and a.yaml's Pet and b.yaml's Pet two.
func (r *renderer) anchor(sr *openapi3.SchemaRef) string {
	if sr == nil || sr.Value == nil {
		return ""
	}
	name := refName(sr.Ref)
	if name == "" {
		return ""
	}
	if _, done := r.anchors[schemaID(sr.Value)]; done {
		return ""
	}
	id := r.uniqueID(r.o.ID + "-schema-" + links.Key(name))
	r.anchors[schemaID(sr.Value)] = id
	return id
}

// anchorFor is the anchor of the element that draws sr: its own, or, for
// an inline array, that of its items, which the element expands.
func (r *renderer) anchorFor(sr *openapi3.SchemaRef) string {
	for depth := 0; sr != nil && sr.Value != nil && depth < maxDepth; depth++ {
		if sr.Ref != "" {
			return r.anchor(sr)
		}
		if !sr.Value.Type.Includes("array") {
			return ""
		}
		sr = sr.Value.Items
	}
	return ""
}

// uniqueID returns id, or id with a number appended when the block
// already has it.
func (r *renderer) uniqueID(id string) string {
	u := id
	for n := 2; r.ids[u]; n++ {
		u = fmt.Sprintf("%s-%d", id, n)
	}
	r.ids[u] = true
	return u
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
		if len(im.props) > 0 || r.choices(im) {
			if r.onStack(m.items.Value) {
				r.circular(m.items)
			} else {
				r.push(m.items.Value)
				r.body(im, depth+1)
				r.pop()
			}
		}
	}
	if m.additional != nil {
		r.printf(`<p class="api-additional">%s <span class="api-type">%s</span></p>`, r.label("api_additional"), esc(r.typeText(m.additional)))
	} else if m.addAny {
		r.printf(`<p class="api-additional">%s <span class="api-type">any</span></p>`, r.label("api_additional"))
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
	r.fields++
	var s *openapi3.Schema
	if f.ref != nil {
		s = f.ref.Value
	}
	var m *merged
	// circular is the schema this field would expand into while it is
	// being drawn already: the field's own, or its array's items.
	var circular *openapi3.SchemaRef
	// drawn is the schema the field expands: its own, or the variant its
	// nullable anyOf stands for.
	drawn := f.ref
	if s != nil {
		m = r.merge(s)
		if m.via != nil && m.via.Value != nil {
			drawn = m.via
		}
		switch {
		case r.onStack(s):
			circular = f.ref
		case r.onStack(drawn.Value):
			circular = drawn
		case slices.Contains(m.types, "array") && m.items != nil && m.items.Value != nil && r.onStack(m.items.Value):
			circular = m.items
		}
	}
	anchor := ""
	if s != nil && circular == nil {
		anchor = r.anchorFor(drawn)
	}
	if anchor != "" {
		r.printf(`<li class="api-field" id="%s">`, esc(anchor))
	} else {
		r.write(`<li class="api-field">`)
	}
	r.printf(`<div class="api-field-head"><code class="api-field-name">%s</code>`, esc(f.name))
	if s != nil {
		t := r.typeText(f.ref)
		n := refName(f.ref.Ref)
		if n == "" {
			n = m.name
		}
		if n != "" && !strings.Contains(t, n) {
			// "object · Pet | null", the name with the type it qualifies
			base, null := strings.CutSuffix(t, " | null")
			t = strings.TrimSpace(base + " · " + n)
			if null {
				t += " | null"
			}
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
		if m.nullable && !m.nullType {
			r.printf(` <span class="api-flag">%s</span>`, esc(r.o.str("api_nullable")))
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
	r.constraints(s)
	r.enum(s)
	ex := f.example
	if ex == nil {
		ex = s.Example
	}
	if ex == nil && len(s.Examples) > 0 {
		ex = s.Examples[0] // OpenAPI 3.1's JSON Schema examples
	}
	if ex != nil && isScalar(ex) {
		r.printf(`<p class="api-example-value">%s <code>%s</code></p>`, r.label("api_example_value"), esc(scalarText(ex)))
	}
	if circular != nil {
		r.circular(circular)
		r.write(`</li>`)
		return
	}
	if r.room(depth) && hasChildren(r, m) {
		open := ""
		if r.expandModels {
			open = " open"
		}
		r.printf(`<details class="api-children"%s><summary>%s</summary>`, open, esc(r.o.str("api_show_properties")))
		n := len(r.stack)
		r.push(s)
		if drawn != f.ref {
			r.push(drawn.Value)
		}
		// A field whose type says "one of" does not title its list of
		// variants so again.
		r.choiceSaid = len(m.types) == 0 && len(m.props) == 0 && len(m.oneOf)+len(m.anyOf) > 0
		r.body(m, depth+1)
		r.choiceSaid = false
		r.stack = r.stack[:n]
		r.write(`</details>`)
	} else if r.room(depth) && (m.additional != nil || m.addAny) {
		r.body(m, depth+1)
	} else if hasChildren(r, m) || m.additional != nil {
		// Past the depth or the budget: said, not left for an empty
		// object (t36).
		r.printf(`<p class="api-too-deep">%s</p>`, esc(r.o.str("api_too_deep")))
	}
	r.write(`</li>`)
}

// hasChildren reports whether a schema draws a nested tree: properties,
// variants, or items that have them.
func hasChildren(r *renderer, m *merged) bool {
	if len(m.props) > 0 || r.choices(m) {
		return true
	}
	if m.items != nil && m.items.Value != nil {
		im := r.merge(m.items.Value)
		return len(im.props) > 0 || r.choices(im)
	}
	return false
}

func (r *renderer) circular(sr *openapi3.SchemaRef) {
	if items := sr.Value.Items; sr.Ref == "" && items != nil && items.Ref != "" {
		sr = items // an array of it, itself being drawn: named by its items
	}
	name := refName(sr.Ref)
	if name == "" {
		name = "…"
	}
	if id, ok := r.anchors[schemaID(sr.Value)]; ok {
		r.printf(`<p class="api-circular">%s <a href="#%s">%s</a></p>`, esc(r.o.str("api_circular")), esc(id), esc(name))
		return
	}
	r.printf(`<p class="api-circular">%s %s</p>`, esc(r.o.str("api_circular")), esc(name))
}

// variants writes oneOf and anyOf, each variant a collapsible tree.
func (r *renderer) variants(m *merged, depth int) {
	if r.bareVariants(m) {
		return // its type says them
	}
	for _, v := range []struct {
		key  string
		refs openapi3.SchemaRefs
	}{{"api_one_of", m.oneOf}, {"api_any_of", m.anyOf}} {
		if len(v.refs) == 0 {
			continue
		}
		if r.choiceSaid {
			r.write(`<div class="api-variants">`)
		} else {
			r.printf(`<div class="api-variants"><p class="api-variants-label">%s</p>`, esc(r.o.str(v.key)))
		}
		r.choiceSaid = false
		if m.disc != nil && m.disc.PropertyName != "" {
			r.printf(`<p class="api-discriminator">%s <code>%s</code></p>`, r.label("api_discriminator"), esc(m.disc.PropertyName))
		}
		// A variant named by its type alone gets its place when another
		// has the same type (object (1), object (2)), not integer (2).
		labels := make([]string, len(v.refs))
		typed := make([]bool, len(v.refs))
		count := map[string]int{}
		for i, vr := range v.refs {
			if vr != nil && vr.Value != nil {
				labels[i], typed[i] = r.variantLabel(m, vr)
				count[labels[i]]++
			}
		}
		for i, vr := range v.refs {
			if vr == nil || vr.Value == nil {
				continue
			}
			if r.fields >= maxFields {
				// Variants count against the block's budget as fields do:
				// oneOf and anyOf of the same schema, nested, drew 2 kB of
				// spec as a page of 499 MB (t40).
				r.printf(`<p class="api-too-deep">%s</p>`, esc(r.o.str("api_too_deep")))
				break
			}
			r.fields++
			label := labels[i]
			if typed[i] && count[label] > 1 {
				label = fmt.Sprintf("%s (%d)", label, i+1)
			}
			circular := r.onStack(vr.Value)
			if anchor := r.anchorFor(vr); anchor != "" && !circular {
				r.printf(`<details class="api-variant" id="%s"><summary>%s</summary>`, esc(anchor), esc(label))
			} else {
				r.printf(`<details class="api-variant"><summary>%s</summary>`, esc(label))
			}
			if circular {
				r.circular(vr)
			} else {
				vm := r.merge(vr.Value)
				r.markdown("api-field-desc", vm.desc)
				if len(vm.props) == 0 && !r.choices(vm) {
					r.printf(`<p class="api-schema-type"><span class="api-type">%s</span></p>`, esc(r.typeText(vr)))
					r.constraints(vr.Value)
					r.enum(vr.Value)
				}
				if r.room(depth) {
					r.push(vr.Value)
					r.body(vm, depth+1)
					r.pop()
				} else if len(vm.props)+len(vm.oneOf)+len(vm.anyOf) > 0 {
					r.printf(`<p class="api-too-deep">%s</p>`, esc(r.o.str("api_too_deep")))
				}
			}
			r.write(`</details>`)
		}
		r.write(`</div>`)
	}
}

// variantLabel names a variant: its discriminator value, its schema name,
// its title, or its type (typed).
func (r *renderer) variantLabel(m *merged, vr *openapi3.SchemaRef) (label string, typed bool) {
	if m.disc != nil {
		for _, k := range orderedKeys(r.spec.order, m.disc.Mapping) {
			if mv := m.disc.Mapping[k]; mv.Ref == vr.Ref && vr.Ref != "" {
				return k, false
			}
		}
	}
	if n := refName(vr.Ref); n != "" {
		return n, false
	}
	if vr.Value.Title != "" {
		return vr.Value.Title, false
	}
	t := r.typeText(vr)
	if t == "" {
		t = "object"
	}
	return t, true
}

// constraints writes the limits a value must keep to.
func (r *renderer) constraints(s *openapi3.Schema) {
	var parts []string
	add := func(key string, v string) {
		parts = append(parts, fmt.Sprintf(`<span>%s <code>%s</code></span>`, r.label(key), esc(v)))
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
			r.printf(`<dt><code>%s</code></dt><dd%s>%s</dd>`, esc(t), r.o.langAttrs(), esc(descs[t]))
		}
		r.write(`</dl>`)
		return
	}
	r.printf(`<p class="api-enum">%s`, r.label("api_possible_values"))
	for _, v := range values {
		r.printf(` <code>%s</code>`, esc(scalarText(v)))
	}
	r.write(`</p>`)
}

func isScalar(v any) bool {
	switch v.(type) {
	case map[string]any, []any, *object:
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
	case map[string]any, []any, *object:
		b, _ := encodeJSON(nil, x, "")
		return string(b)
	}
	return fmt.Sprint(v)
}
