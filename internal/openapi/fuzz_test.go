package openapi

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoadRender loads random bytes as a spec and, when they load,
// renders every operation, webhook and component schema: no panic, and
// well-formed HTML whose ids are unique, start with the block's anchor,
// and are there for every link the block makes to itself.
func FuzzLoadRender(f *testing.F) {
	for _, pattern := range []string{"testdata/*/*.yaml", "testdata/*/*.json"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			b, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
	md := func(src string) []byte { return []byte("<p>" + esc(src) + "</p>") }
	f.Fuzz(func(t *testing.T, data []byte) {
		// LoadData reads no file: the loader's root is not used.
		spec, err := NewLoader(".").LoadData("fuzz.yaml", data)
		if err != nil {
			return
		}
		check := func(what string, html []byte, prefix string) {
			if err := checkHTML(html, prefix); err != nil {
				t.Fatalf("%s: %v\n%s", what, err, html)
			}
		}
		n := 0
		for _, p := range spec.PathKeys() {
			item := spec.Doc.Paths.Value(p)
			if item == nil {
				continue
			}
			for _, m := range Methods {
				if item.GetOperation(strings.ToUpper(m)) == nil {
					continue
				}
				op, err := spec.Find(p, m)
				if err != nil {
					t.Fatalf("Find(%q, %q) of a listed operation: %v", p, m, err)
				}
				n++
				id := fmt.Sprintf("op%d", n)
				check(m+" "+p, spec.RenderOperation(op, Options{ID: id, Level: 2, Markdown: md}), id)
			}
		}
		for name, item := range spec.Doc.Webhooks {
			if item == nil {
				continue
			}
			if op, err := spec.FindWebhook(name, ""); err == nil {
				n++
				id := fmt.Sprintf("hook%d", n)
				check("webhook "+name, spec.RenderOperation(op, Options{ID: id, Level: 3}), id)
			}
		}
		if spec.Doc.Components != nil && len(spec.Doc.Components.Schemas) > 0 {
			var names, ids []string
			for _, name := range orderedKeys(spec.order, spec.Doc.Components.Schemas) {
				if s := spec.Doc.Components.Schemas[name]; s == nil || s.Value == nil {
					continue
				}
				names = append(names, name)
				ids = append(ids, fmt.Sprintf("schema%d", len(ids)+1))
			}
			if len(names) > 0 {
				html, err := spec.RenderSchemas(names, ids, len(names)%2 == 0, Options{ID: ids[0], Level: 2, Markdown: md})
				if err != nil {
					t.Fatalf("RenderSchemas(%q): %v", names, err)
				}
				check("schemas", html, "schema")
			}
		}
	})
}
