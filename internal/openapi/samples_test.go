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
