package openapi

import (
	"context"
	"fmt"

	"github.com/getkin/kin-openapi/openapi3"
)

// validate is doc.Validate, with each schema validated once: every
// problem it finds, not only the first.
//
// kin-openapi validates a schema together with all the schemas it refers
// to, afresh for every place that refers to it: on a spec whose schemas
// refer to one another, that is quadratic (22 s for a 1 MB spec that
// parses in 0.5 s). So while the document is validated, every $ref found
// inside a schema points to an empty schema, which validates at once;
// then each schema such a $ref pointed to is validated on its own, its
// own $refs cut the same way. A $ref that does not resolve is left as it
// is, for kin-openapi to report. The document is restored before
// validate returns; it must not be in use meanwhile.
func validate(doc *openapi3.T, opts ...openapi3.ValidationOption) []error {
	opts = append(opts, openapi3.EnableMultiError())
	c := cutter{seen: map[*openapi3.Schema]bool{}, items: map[*openapi3.PathItem]bool{}}
	c.document(doc)
	defer c.restore()
	empty := &openapi3.Schema{}
	for _, x := range c.cuts {
		x.ref.Value = empty
	}
	for _, x := range c.mappings {
		mr := x.d.Mapping[x.key]
		mr.Value = empty
		x.d.Mapping[x.key] = mr
	}
	ctx := context.Background()
	errs := flatten(doc.Validate(ctx, opts...))
	// doc.Validate adds these itself; a lone schema needs them given.
	if doc.IsOpenAPI31OrLater() {
		opts = append(opts, openapi3.IsOpenAPI31OrLater())
	}
	if doc.IsOpenAPI32OrLater() {
		opts = append(opts, openapi3.IsOpenAPI32OrLater())
	}
	components := map[*openapi3.Schema]bool{}
	if doc.Components != nil {
		for _, sr := range doc.Components.Schemas {
			if sr != nil && sr.Ref == "" {
				components[sr.Value] = true // validated with the document
			}
		}
	}
	done := map[*openapi3.Schema]bool{}
	for _, x := range c.cuts {
		if components[x.value] || done[x.value] {
			continue
		}
		done[x.value] = true
		for _, err := range flatten(x.value.Validate(ctx, opts...)) {
			errs = append(errs, fmt.Errorf("schema %s: %w", x.ref.Ref, err))
		}
	}
	return errs
}

// flatten lists the errors of a kin-openapi MultiError, which may nest.
func flatten(err error) []error {
	if err == nil {
		return nil
	}
	me, ok := err.(openapi3.MultiError)
	if !ok {
		return []error{err}
	}
	var errs []error
	for _, e := range me {
		errs = append(errs, flatten(e)...)
	}
	return errs
}

// cutter finds the $refs inside the schemas of a document.
type cutter struct {
	seen     map[*openapi3.Schema]bool
	items    map[*openapi3.PathItem]bool
	cuts     []cut
	mappings []mappingCut
}

// cut is a $ref inside a schema and the schema it resolved to.
type cut struct {
	ref   *openapi3.SchemaRef
	value *openapi3.Schema
}

// mappingCut is an entry of a discriminator's mapping, which kin-openapi
// validates like a $ref, and the schema it resolved to.
type mappingCut struct {
	d     *openapi3.Discriminator
	key   string
	value *openapi3.Schema
}

func (c *cutter) restore() {
	for _, x := range c.cuts {
		x.ref.Value = x.value
	}
	for _, x := range c.mappings {
		mr := x.d.Mapping[x.key]
		mr.Value = x.value
		x.d.Mapping[x.key] = mr
	}
}

// top walks a schema that is not inside another (a media type's, a
// parameter's): it keeps its value, so that what it refers to is checked
// where it is used.
func (c *cutter) top(sr *openapi3.SchemaRef) {
	if sr != nil && sr.Value != nil {
		c.schema(sr.Value)
	}
}

// nested walks a schema inside another: a $ref is cut.
func (c *cutter) nested(sr *openapi3.SchemaRef) {
	if sr == nil || sr.Value == nil {
		return
	}
	if sr.Ref != "" {
		c.cuts = append(c.cuts, cut{sr, sr.Value})
	}
	c.schema(sr.Value)
}

func (c *cutter) schema(s *openapi3.Schema) {
	if c.seen[s] {
		return
	}
	c.seen[s] = true
	for _, list := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf, s.AllOf, s.PrefixItems} {
		for _, sr := range list {
			c.nested(sr)
		}
	}
	for _, sr := range []*openapi3.SchemaRef{s.Not, s.Items, s.AdditionalProperties.Schema, s.Contains, s.PropertyNames,
		s.If, s.Then, s.Else, s.ContentSchema, s.UnevaluatedItems.Schema, s.UnevaluatedProperties.Schema} {
		c.nested(sr)
	}
	for _, m := range []openapi3.Schemas{s.Properties, s.PatternProperties, s.DependentSchemas, s.Defs} {
		for _, sr := range m {
			c.nested(sr)
		}
	}
	if d := s.Discriminator; d != nil {
		for k, mr := range d.Mapping {
			if mr.Value != nil {
				c.mappings = append(c.mappings, mappingCut{d, k, mr.Value})
				c.schema(mr.Value)
			}
		}
	}
}

func (c *cutter) document(doc *openapi3.T) {
	if cs := doc.Components; cs != nil {
		for _, sr := range cs.Schemas {
			c.top(sr)
		}
		for _, p := range cs.Parameters {
			if p != nil {
				c.parameter(p.Value)
			}
		}
		for _, h := range cs.Headers {
			if h != nil && h.Value != nil {
				c.parameter(&h.Value.Parameter)
			}
		}
		for _, rb := range cs.RequestBodies {
			if rb != nil && rb.Value != nil {
				c.content(rb.Value.Content)
			}
		}
		for _, r := range cs.Responses {
			if r != nil {
				c.response(r.Value)
			}
		}
		for _, cb := range cs.Callbacks {
			if cb != nil {
				c.callback(cb.Value)
			}
		}
	}
	if doc.Paths != nil {
		for _, item := range doc.Paths.Map() {
			c.pathItem(item)
		}
	}
	for _, item := range doc.Webhooks {
		c.pathItem(item)
	}
}

func (c *cutter) pathItem(item *openapi3.PathItem) {
	if item == nil || c.items[item] {
		return
	}
	c.items[item] = true
	c.parameters(item.Parameters)
	for _, op := range item.Operations() {
		if op == nil {
			continue
		}
		c.parameters(op.Parameters)
		if op.RequestBody != nil && op.RequestBody.Value != nil {
			c.content(op.RequestBody.Value.Content)
		}
		if op.Responses != nil {
			for _, r := range op.Responses.Map() {
				if r != nil {
					c.response(r.Value)
				}
			}
		}
		for _, cb := range op.Callbacks {
			if cb != nil {
				c.callback(cb.Value)
			}
		}
	}
}

func (c *cutter) callback(cb *openapi3.Callback) {
	if cb == nil {
		return
	}
	for _, item := range cb.Map() {
		c.pathItem(item)
	}
}

func (c *cutter) parameters(ps openapi3.Parameters) {
	for _, p := range ps {
		if p != nil {
			c.parameter(p.Value)
		}
	}
}

func (c *cutter) parameter(p *openapi3.Parameter) {
	if p == nil {
		return
	}
	c.top(p.Schema)
	c.content(p.Content)
}

func (c *cutter) response(r *openapi3.Response) {
	if r == nil {
		return
	}
	for _, h := range r.Headers {
		if h != nil && h.Value != nil {
			c.parameter(&h.Value.Parameter)
		}
	}
	c.content(r.Content)
}

func (c *cutter) content(content openapi3.Content) {
	for _, mt := range content {
		if mt == nil {
			continue
		}
		c.top(mt.Schema)
		for _, enc := range mt.Encoding {
			if enc == nil {
				continue
			}
			for _, h := range enc.Headers {
				if h != nil && h.Value != nil {
					c.parameter(&h.Value.Parameter)
				}
			}
		}
	}
}
