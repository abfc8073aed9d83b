package openapi

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// bigSpec writes a deterministic OpenAPI 3.0 spec of about size bytes:
// resources with a get and a put each, parameters, headers, a schema per
// resource with nested objects, enums, an array of itself, the next
// resource's schema (so schemas refer to each other, in a cycle through
// all of them, which the renderer cuts at its depth limit) and an allOf
// of shared parts.
func bigSpec(size int) []byte {
	var b strings.Builder
	b.WriteString(`openapi: 3.0.3
info:
  title: Big
  version: "1"
servers:
  - url: https://api.example.com/v1
    description: Production
  - url: https://sandbox.example.com/v1
    description: Sandbox
security:
  - bearer: []
paths:
`)
	// Each resource writes about 2.15 kB: paths, then components.
	n := max(size/2150, 1)
	for i := range n {
		fmt.Fprintf(&b, `  /resources%d/{id}:
    parameters:
      - name: id
        in: path
        required: true
        schema: {type: string, format: uuid}
    get:
      summary: Get resource %d
      description: Returns resource %d, with its *children*.
      parameters:
        - name: expand
          in: query
          schema: {type: array, items: {type: string, enum: [children, owner, audit]}}
        - $ref: "#/components/parameters/Trace"
      responses:
        "200":
          description: The resource.
          headers:
            X-Rate-Limit: {schema: {type: integer}, description: Calls left.}
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Resource%d"}
        "404": {$ref: "#/components/responses/NotFound"}
    put:
      summary: Replace resource %d
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Resource%d"}
      responses:
        "200":
          description: Replaced.
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Resource%d"}
        default: {$ref: "#/components/responses/NotFound"}
`, i, i, i, i, i, i, i)
	}
	b.WriteString(`components:
  securitySchemes:
    bearer: {type: http, scheme: bearer, bearerFormat: JWT}
  parameters:
    Trace: {name: X-Trace, in: header, schema: {type: string}}
  responses:
    NotFound:
      description: Not found.
      content:
        application/json:
          schema: {$ref: "#/components/schemas/Error"}
  schemas:
    Error:
      type: object
      required: [code]
      properties:
        code: {type: integer, example: 404}
        message: {type: string}
    Audit:
      type: object
      properties:
        createdAt: {type: string, format: date-time, readOnly: true}
        updatedAt: {type: string, format: date-time, readOnly: true}
        by: {type: string, format: email}
`)
	for i := range n {
		fmt.Fprintf(&b, `    Resource%d:
      description: Resource number %d.
      allOf:
        - $ref: "#/components/schemas/Audit"
        - type: object
          required: [name, kind]
          properties:
            id: {type: string, format: uuid, readOnly: true}
            name: {type: string, maxLength: 80, example: "resource %d"}
            kind: {type: string, enum: [a, b, c], x-enumDescriptions: {a: First, b: Second, c: Third}}
            secret: {type: string, writeOnly: true}
            size: {type: number, minimum: 0, maximum: 1000}
            tags: {type: array, items: {type: string}, maxItems: 10}
            owner:
              type: object
              properties:
                name: {type: string}
                email: {type: string, format: email}
            children:
              type: array
              items: {$ref: "#/components/schemas/Resource%d"}
            next: {$ref: "#/components/schemas/Resource%d"}
`, i, i, i, i, (i+1)%n)
	}
	return []byte(b.String())
}

// benchSpec writes the 1 MB spec into a temporary directory and returns
// the directory and the file's name.
func benchSpec(b *testing.B) (dir, name string, size int) {
	data := bigSpec(1 << 20)
	dir = b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.yaml"), data, 0o644); err != nil {
		b.Fatal(err)
	}
	return dir, "big.yaml", len(data)
}

// BenchmarkRender50Operations renders 50 operations of a 1 MB spec, loaded
// once: each iteration asks the loader for the spec again, as each page of
// a build does, and gets the parsed one back.
func BenchmarkRender50Operations(b *testing.B) {
	dir, name, _ := benchSpec(b)
	l := NewLoader(dir)
	start := time.Now()
	spec, err := l.Load(name)
	if err != nil {
		b.Fatal(err)
	}
	parse := time.Since(start)
	var ops []*Operation
	for _, p := range spec.PathKeys() {
		for _, m := range []string{"get", "put"} {
			if len(ops) < 50 {
				op, err := spec.Find(p, m)
				if err != nil {
					b.Fatal(err)
				}
				ops = append(ops, op)
			}
		}
	}
	if len(ops) != 50 {
		b.Fatalf("the spec has %d operations, want 50", len(ops))
	}
	b.ReportAllocs()
	b.ResetTimer()
	var loads time.Duration // of the spec again, parsed once
	for b.Loop() {
		start := time.Now()
		s, err := l.Load(name)
		loads += time.Since(start)
		if err != nil || s != spec {
			b.Fatalf("Load again = %p, %v; want the spec loaded first (%p)", s, err, spec)
		}
		for i, op := range ops {
			if html := s.RenderOperation(op, Options{ID: fmt.Sprintf("op-%d", i), Level: 2}); len(html) == 0 {
				b.Fatal("empty rendering")
			}
		}
	}
	// All the loads together take less than the first: none parsed again.
	if loads > parse {
		b.Errorf("%d loads of the parsed spec took %v, its parse %v", b.N, loads, parse)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(ops)), "ns/operation")
}

// BenchmarkLoad1MB parses and validates the 1 MB spec.
func BenchmarkLoad1MB(b *testing.B) {
	dir, name, size := benchSpec(b)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := NewLoader(dir).Load(name); err != nil {
			b.Fatal(err)
		}
	}
}

func TestBigSpecIsValid(t *testing.T) {
	data := bigSpec(1 << 20)
	if len(data) < 900<<10 || len(data) > 1200<<10 {
		t.Errorf("bigSpec(1 MB) is %d bytes", len(data))
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "big.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	spec, err := NewLoader(dir).Load("big.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(spec.Problems) > 0 {
		t.Errorf("the benchmark's spec is invalid: %v", spec.Problems)
	}
	op, err := spec.Find("/resources3/{id}", "put")
	if err != nil {
		t.Fatal(err)
	}
	html := spec.RenderOperation(op, Options{ID: "put"})
	if err := checkHTML(html, "put"); err != nil {
		t.Error(err)
	}
	if !strings.Contains(string(html), `href="#put-schema-resource3"`) {
		t.Errorf("no circular link back to Resource3 in:\n%s", html)
	}
}
