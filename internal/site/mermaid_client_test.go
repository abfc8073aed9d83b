package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/testkit"
	"folio/themes"
)

// TestMermaidClient: a site with a diagram that folio does not draw (a
// pie chart) publishes the mermaid script, and only the page with the
// diagram loads it; a site whose diagrams all draw at build time neither
// publishes nor loads it.
func TestMermaidClient(t *testing.T) {
	pie := "# Pets\n\n```mermaid\npie title Pets\n  \"Dogs\" : 386\n  \"Cats\" : 85\n```\n"
	flow := "# Flow\n\n```mermaid\ngraph TD\n  A --> B\n```\n"
	summary := "# Summary\n\n* [Home](README.md)\n* [Pets](pets.md)\n"

	dir := testkit.Site(t, map[string]string{"README.md": flow, "pets.md": pie, "SUMMARY.md": summary})
	out, _ := built(t, Options{Dir: dir})
	b, err := os.ReadFile(filepath.Join(out, "_folio/mermaid.min.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, themes.Mermaid) {
		t.Error("_folio/mermaid.min.js is not the vendored script")
	}
	pets := readFile(t, filepath.Join(out, "pets/index.html"))
	for _, want := range []string{"../_folio/mermaid.min.js", "mermaid.initialize(", `securityLevel:"strict"`, `class="mermaid language-mermaid"`} {
		if !strings.Contains(pets, want) {
			t.Errorf("pets/index.html lacks %s", want)
		}
	}
	if home := readFile(t, filepath.Join(out, "index.html")); strings.Contains(home, "mermaid.min.js") {
		t.Error("index.html, whose diagram is drawn at build time, loads the mermaid script")
	}

	// No diagram for the browser: no script.
	dir = testkit.Site(t, map[string]string{"README.md": flow, "pets.md": "# Pets\n\nDogs.\n", "SUMMARY.md": summary})
	out = filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Dir: dir, Out: out}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "_folio/mermaid.min.js")); err == nil {
		t.Error("_folio/mermaid.min.js published for a site that does not use it")
	}
	for _, p := range []string{"index.html", "pets/index.html"} {
		if strings.Contains(readFile(t, filepath.Join(out, p)), "mermaid.min.js") {
			t.Errorf("%s loads the mermaid script", p)
		}
	}
}
