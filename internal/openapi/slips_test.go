package openapi

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"folio/internal/testkit"
)

// TestSlipsLoad: a spec with a value of a type OpenAPI does not allow,
// as hand-written specs have them, loads all the same (t36: kin-openapi
// refused the whole spec, and every block showed a bare link): each slip
// is read as its author meant, or left out, and reported at its place, in
// the file it is written in, with positions after it on its line as
// written.
func TestSlipsLoad(t *testing.T) {
	spec := `openapi: 3.0.3
info:
  title: Slips
  version: 1.0
paths:
  /a:
    get:
      parameters:
        - name: q
          in: query
          required: "true"
          schema: {type: string, maxLength: "64", enum: abc}
      responses:
        default:
          description: error
          content:
            application/json:
              schema:
                type: string
                maxLength: "8"
                enum: a, b
        "200":
          description: ok
          content:
            application/json:
              schema:
                $ref: "types.yaml#/Thing"
`
	types := `Thing:
  type: object
  properties:
    id: {type: string, required: true}
    size: {type: integer, minimum: "ten", maximum: "NaN"}
    example: {type: string, example: {version: 1.0, required: true}}
`
	root := testkit.Site(t, map[string]string{"spec.yaml": spec, "types.yaml": types})
	sp, err := NewLoader(root).Load("spec.yaml")
	if err != nil {
		t.Fatalf("the spec does not load: %v", err)
	}
	var got []string
	for _, s := range sp.Slips {
		got = append(got, fmt.Sprintf("%s:%d:%d: %s", filepath.Base(s.File), s.Line, s.Col, s.Msg))
	}
	want := []string{
		`spec.yaml:4:12: version is a number, where OpenAPI wants text: read as the text "1.0"`,
		`spec.yaml:11:21: required is the text "true", where OpenAPI wants true or false: read as true`,
		`spec.yaml:12:45: maxLength is the text "64", where OpenAPI wants a number: read as the number 64`,
		`spec.yaml:12:57: enum is not a list: read as the list [abc]`,
		`spec.yaml:20:28: maxLength is the text "8", where OpenAPI wants a number: read as the number 8`,
		`spec.yaml:21:23: enum is not a list: read as the list [a, b]`,
		`types.yaml:4:24: required: true on a schema is not OpenAPI's, which lists the required properties in their object's required list: a property so marked true is shown as required`,
		`types.yaml:5:27: minimum is "ten", not a number: it is left out`,
		`types.yaml:5:43: maximum is "NaN", not a number: it is left out`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("slips:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	op := sp.Doc.Paths.Find("/a").Get
	p := op.Parameters[0].Value
	if !p.Required || p.Schema.Value.MaxLength == nil || *p.Schema.Value.MaxLength != 64 || len(p.Schema.Value.Enum) != 1 {
		t.Errorf("parameter q read as %+v, schema %+v", p, p.Schema.Value)
	}
	if sp.Doc.Info.Version != "1.0" {
		t.Errorf("version %q", sp.Doc.Info.Version)
	}
	thing := op.Responses.Value("200").Value.Content["application/json"].Schema.Value
	if ex, ok := thing.Properties["example"].Value.Example.(map[string]any); !ok || ex["version"] != 1.0 || ex["required"] != true {
		t.Errorf("an example's content was changed: %v", ex)
	}
	if thing.Properties["id"].Value.Extensions[requiredKey] != true {
		t.Errorf("id's required: true is lost: %v", thing.Properties["id"].Value.Extensions)
	}
}

// TestSlipsPositionsAsWritten: in minified JSON, a problem after a slip
// on its line is placed in the file as written, not as kin-openapi reads
// it with the slip fixed.
func TestSlipsPositionsAsWritten(t *testing.T) {
	spec := `{"openapi":"3.0.3","info":{"title":"t","version":1.0},"paths":{"/a":{"get":{"parameters":[` +
		`{"name":"q","schema":{"type":"string","enum":"café"},"in":"nowhere"}],"responses":{"200":{"description":"ok"}}}}}}`
	root := testkit.Site(t, map[string]string{"spec.json": spec})
	sp, err := NewLoader(root).Load("spec.json")
	if err != nil {
		t.Fatal(err)
	}
	// Columns count characters: é is one.
	col := func(s string) int { return utf8.RuneCountInString(spec[:strings.Index(spec, s)]) + 1 }
	if len(sp.Slips) != 2 || sp.Slips[0].Col != col(`1.0`) || sp.Slips[1].Col != col(`"café"`) {
		t.Errorf("slips %v, want at columns %d and %d", sp.Slips, col(`1.0`), col(`"café"`))
	}
	if len(sp.Problems) != 1 || sp.Problems[0].Line != 1 || sp.Problems[0].Col != col(`"in"`) {
		t.Errorf("problems %v, want one at 1:%d (the 'in' of q)", sp.Problems, col(`"in"`))
	}
}
