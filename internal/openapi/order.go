package openapi

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v4"
)

// keyOrder recovers the authored order of an object's keys, which
// kin-openapi's maps lose. Every mapping of the source files is recorded
// under its set of keys; an object of the model (the properties of a
// schema, the paths, the responses) is ordered as the mapping with the
// same keys. This needs no knowledge of where in the document the object
// came from, so it serves Swagger 2.0 converted to 3.x, JSON and YAML
// alike, and values of examples too. When two mappings share their keys
// the first one written wins; when none matches, keys are sorted.
type keyOrder map[string][]string

func (o *keyOrder) add(data []byte) {
	var root yaml.Node
	if yaml.Unmarshal(data, &root) != nil {
		return
	}
	if *o == nil {
		*o = keyOrder{}
	}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			keys := make([]string, 0, len(n.Content)/2)
			for i := 0; i+1 < len(n.Content); i += 2 {
				keys = append(keys, n.Content[i].Value)
			}
			sig := signature(slices.Clone(keys))
			if _, ok := (*o)[sig]; !ok {
				(*o)[sig] = keys
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&root)
}

func signature(keys []string) string {
	slices.Sort(keys)
	return strings.Join(keys, "\x00")
}

// keys returns the keys of m in authored order.
func orderedKeys[V any](o keyOrder, m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	return o.sort(keys)
}

// sort puts keys in the order of the mapping that has exactly these keys.
func (o keyOrder) sort(keys []string) []string {
	slices.Sort(keys)
	if written, ok := o[strings.Join(keys, "\x00")]; ok && len(written) == len(keys) {
		return slices.Clone(written)
	}
	return keys
}
