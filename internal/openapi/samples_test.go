package openapi

import (
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestSpecSampleKeys: a spec's own samples are keyed by their tab's title
// as shown, so that C# and C++ are two choices, not one (a slug of their
// lang gave both the key c).
func TestSpecSampleKeys(t *testing.T) {
	op := &Operation{Op: &openapi3.Operation{Extensions: map[string]any{"x-codeSamples": []any{
		map[string]any{"lang": "C#", "source": "a"},
		map[string]any{"lang": "C++", "source": "b"},
		map[string]any{"lang": "C", "source": "c"},
		map[string]any{"lang": "Shell", "label": "cURL  (custom)", "source": "d"},
	}}}}
	var r renderer
	got := r.specSamples(op)
	want := []string{"C#", "C++", "C", "cURL (custom)"}
	if len(got) != len(want) {
		t.Fatalf("%d samples, want %d", len(got), len(want))
	}
	for i, s := range got {
		if s.key != want[i] {
			t.Errorf("sample %d (%s): key %q, want %q", i, s.label, s.key, want[i])
		}
	}
}

// TestRefNameUnescaped: a schema's name is read from its $ref as written
// in the spec's keys: a JSON pointer's ~1 and ~0, and a %-escape, undone
// (t36: "Refund~1Request" for the schema Refund/Request).
func TestRefNameUnescaped(t *testing.T) {
	for ref, want := range map[string]string{
		"./components/schemas.yaml#/Refund~1Request": "Refund/Request",
		"#/components/schemas/A~0B":                  "A~B",
		"#/components/schemas/Caf%C3%A9":             "Café",
		"#/components/schemas/Pet":                   "Pet",
		"schemas/Pet.yaml":                           "Pet",
	} {
		if got := refName(ref); got != want {
			t.Errorf("refName(%q) = %q, want %q", ref, got, want)
		}
	}
}
