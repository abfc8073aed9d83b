package openapi

import (
	"cmp"
	"slices"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"
)

// keyOrder recovers the authored order of an object's keys, which
// kin-openapi's maps lose, where kin-openapi did not record where each key
// is written (see orderedKeys). Every mapping of the source files is
// recorded under its set of keys; an object of the model (the properties
// of a schema, the paths, the responses) is ordered as the mapping with
// the same keys. This needs no knowledge of where in the document the
// object came from, so it serves Swagger 2.0 converted to 3.x and values
// of examples too. When two mappings share their keys the first one
// written wins; when none matches, keys are sorted.
//
// Reading the mappings parses the sources a second time, so it waits
// until an object without positions needs it: one of a Swagger 2.0 spec,
// or an example the spec gives.
type keyOrder struct {
	files [][]byte // the sources, in the order they were read
	once  sync.Once
	sigs  map[string][]string // written keys by signature
}

// add records a source. It is called while the spec loads, before the
// order is used.
func (o *keyOrder) add(data []byte) { o.files = append(o.files, data) }

func (o *keyOrder) build() {
	o.sigs = map[string][]string{}
	for _, data := range o.files {
		var root yaml.Node
		if yaml.Unmarshal(data, &root) != nil {
			continue
		}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n.Kind == yaml.MappingNode {
				keys := make([]string, 0, len(n.Content)/2)
				for i := 0; i+1 < len(n.Content); i += 2 {
					keys = append(keys, n.Content[i].Value)
				}
				sig := signature(slices.Clone(keys))
				if _, ok := o.sigs[sig]; !ok {
					o.sigs[sig] = keys
				}
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(&root)
	}
	o.files = nil
}

func signature(keys []string) string {
	slices.Sort(keys)
	return strings.Join(keys, "\x00")
}

// orderedKeys returns the keys of m in authored order: by the positions
// kin-openapi recorded for its entries when it has them (they tell apart
// two objects with the same keys written in different orders, which
// keyOrder cannot), else as keyOrder finds them.
func orderedKeys[V any](o *keyOrder, m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	if sortByOrigin(keys, m) {
		return keys
	}
	return o.sort(keys)
}

// sortByOrigin sorts keys by where each entry of m is written, and
// reports whether it could: every entry must have a position, all in one
// file.
func sortByOrigin[V any](keys []string, m map[string]V) bool {
	if len(keys) < 2 {
		return true
	}
	type at struct {
		key       string
		line, col int
	}
	pos := make([]at, len(keys))
	file := ""
	for i, k := range keys {
		l := keyAt(m[k])
		if l == nil || l.Line == 0 || i > 0 && l.File != file {
			return false
		}
		file = l.File
		pos[i] = at{k, l.Line, l.Column}
	}
	slices.SortFunc(pos, func(a, b at) int {
		return cmp.Or(cmp.Compare(a.line, b.line), cmp.Compare(a.col, b.col), strings.Compare(a.key, b.key))
	})
	for i, p := range pos {
		keys[i] = p.key
	}
	return true
}

// keyAt is where the key of a map entry is written, nil when kin-openapi
// did not record it. The entry's own origin is the key's; a $ref's target
// was written elsewhere, so its origin does not count.
func keyAt(v any) *openapi3.Location {
	var o *openapi3.Origin
	switch x := v.(type) {
	case *openapi3.SchemaRef:
		if x != nil {
			o = x.Origin
			if o == nil && x.Ref == "" && x.Value != nil {
				o = x.Value.Origin
			}
		}
	case *openapi3.ResponseRef:
		if x != nil {
			o = x.Origin
			if o == nil && x.Ref == "" && x.Value != nil {
				o = x.Value.Origin
			}
		}
	case *openapi3.HeaderRef:
		if x != nil {
			o = x.Origin
			if o == nil && x.Ref == "" && x.Value != nil {
				o = x.Value.Origin
			}
		}
	case *openapi3.ExampleRef:
		if x != nil {
			o = x.Origin
		}
	case *openapi3.MediaType:
		if x != nil {
			o = x.Origin
		}
	case *openapi3.PathItem:
		if x != nil {
			o = x.Origin
		}
	}
	if o == nil {
		return nil
	}
	return o.Key
}

// sort puts keys in the order of the mapping that has exactly these keys;
// a nil keyOrder sorts them.
func (o *keyOrder) sort(keys []string) []string {
	slices.Sort(keys)
	if o == nil {
		return keys
	}
	o.once.Do(o.build)
	if written, ok := o.sigs[strings.Join(keys, "\x00")]; ok && len(written) == len(keys) {
		return slices.Clone(written)
	}
	return keys
}
