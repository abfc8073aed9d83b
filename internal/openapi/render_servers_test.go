package openapi

import (
	"fmt"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestServerChoices: a server whose variables' enums allow several values
// is one address per combination, the defaults first, each saying the
// values that make it (t73: a single server https://{region}.pets.test
// with enum eu, us showed eu alone, and no choice); long enums stop at
// maxServerChoices addresses, and the next server is still listed.
func TestServerChoices(t *testing.T) {
	one := openapi3.Servers{{URL: "https://{region}.pets.test/{v}/", Variables: map[string]*openapi3.ServerVariable{
		"region": {Default: "eu", Enum: []string{"us", "eu", "ap"}},
		"v":      {Default: "v1"},
	}}}
	got := fmt.Sprint(serverChoices(one))
	want := "[{https://eu.pets.test/v1 region: eu} {https://us.pets.test/v1 region: us} {https://ap.pets.test/v1 region: ap}]"
	if got != want {
		t.Errorf("serverChoices = %s, want %s", got, want)
	}
	var many []string
	for i := range 10 {
		many = append(many, fmt.Sprint("r", i))
	}
	big := openapi3.Servers{{URL: "https://{a}.{b}.test", Variables: map[string]*openapi3.ServerVariable{
		"a": {Default: "r0", Enum: many}, "b": {Default: "r0", Enum: many},
	}}, {URL: "https://other.test"}}
	if c := serverChoices(big); len(c) != maxServerChoices+1 || c[len(c)-1].url != "https://other.test" {
		t.Errorf("%d addresses, want %d and the other server's: %v", len(c), maxServerChoices+1, c)
	}
}
