package openapi

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v4"

	"folio/internal/testkit"
)

// TestTypeWordsLocalised: what a schema is (array of, one of, any of, an
// unresolved $ref) is written in the page's language, from the theme's
// strings, as the rest of the block is; JSON Schema's type names stay.
func TestTypeWordsLocalised(t *testing.T) {
	root := testkit.Site(t, map[string]string{"spec.yaml": minimal(`                type: object
                properties:
                  pets:
                    type: array
                    items: {$ref: "#/components/schemas/Pet"}
                  tags:
                    type: array
                    items: {type: string}
                  either:
                    oneOf: [{type: string}, {$ref: "#/components/schemas/Pet"}]
                  some:
                    anyOf: [{type: integer}, {$ref: "#/components/schemas/Pet"}]
                  lost: {$ref: "nope.yaml#/Thing"}
components:
  schemas:
    Pet:
      type: object
      properties:
        name: {type: string}
`)})
	spec, err := NewLoader(root).Load("spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	op, err := spec.Find("/things", "GET")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "i18n", "fr.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var fr map[string]string
	if err := yaml.Unmarshal(raw, &fr); err != nil {
		t.Fatal(err)
	}
	out := string(spec.RenderOperation(op, Options{ID: "get-things", Strings: fr}))
	for _, want := range []string{"tableau de Pet", "tableau de string", ">un parmi<", ">un ou plusieurs parmi<", "$ref non résolue nope.yaml#/Thing"} {
		if !strings.Contains(out, want) {
			t.Errorf("the French block lacks %q", want)
		}
	}
	for _, english := range []string{"array of", "one of", "any of", "unresolved"} {
		if strings.Contains(out, english) {
			t.Errorf("the French block says %q", english)
		}
	}
}

// TestNotFoundOnce: the message of an operation the spec lacks names it,
// and leaves the closest one to the caller's hint, which a build writes
// after it: the closest was said twice.
func TestNotFoundOnce(t *testing.T) {
	root := testkit.Site(t, map[string]string{"spec.yaml": minimal("                type: string\n")})
	spec, err := NewLoader(root).Load("spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, err = spec.Find("/things", "PATCH")
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		t.Fatalf("Find = %v, want a *NotFoundError", err)
	}
	if got, want := err.Error(), "the spec has no operation PATCH /things"; got != want || nf.Closest != "GET /things" {
		t.Errorf("Find = %q (closest %q), want %q (closest GET /things)", got, nf.Closest, want)
	}
}
