package site

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/diag"
	"folio/internal/testkit"
)

// TestPageAPIBudget: a page holding many copies of a big API block stops
// at maxPageAPI, with an error, where 250 copies made a page of 634 MB
// in 8.6 GB (t44).
func TestPageAPIBudget(t *testing.T) {
	var spec strings.Builder
	spec.WriteString(`{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"post": {"requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/A0"}}}}, "responses": {"200": {"description": "ok"}}}}}, "components": {"schemas": {`)
	for i := range 30 {
		fmt.Fprintf(&spec, `"A%d": {"type": "object", "properties": {"p0": {"$ref": "#/components/schemas/A%d"}, "p1": {"$ref": "#/components/schemas/A%d"}}}, `, i, i+1, i+1)
	}
	spec.WriteString(`"A30": {"type": "string"}}}}`)
	page := "# API\n\n" + strings.Repeat("{% openapi src=\"spec.json\" path=\"/a\" method=\"post\" %}\n[spec](spec.json)\n{% endopenapi %}\n\n", 40)
	dir := testkit.Site(t, map[string]string{"README.md": page, "spec.json": spec.String()})
	res, err := Build(context.Background(), Options{Dir: dir, Out: filepath.Join(t.TempDir(), "out")})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Diags, func(d diag.Diagnostic) bool {
		return d.Rule == "api-operation" && strings.Contains(d.Msg, "left out")
	}) {
		t.Errorf("no diagnostic of the page's API budget: %v", res.Diags)
	}
}
