package site

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestFallbackCanonical: a fallback copy's canonical link leads to its
// original, absolute with a base URL and relative to the copy without
// one; the hreflang alternates of a translated page lead to the
// translations either way; and every link of the site leads to a file.
func TestFallbackCanonical(t *testing.T) {
	for _, base := range []string{"", "https://example.org/docs/"} {
		yaml := fallbackYAML
		if base != "" {
			yaml += "base_url: " + base + "\n"
		}
		dir := testkit.Site(t, map[string]string{
			"site.yaml":          yaml,
			"en/SUMMARY.md":      "# S\n\n* [Home](README.md)\n* [Guide](guide/README.md)\n  * [Deep](guide/deep.md)\n",
			"en/README.md":       "# Home\n",
			"en/guide/README.md": "# Guide\n",
			"en/guide/deep.md":   "# Deep\n",
			"fr/SUMMARY.md":      "# S\n\n* [Accueil](README.md)\n* [Guide](guide/README.md)\n",
			"fr/README.md":       "# Accueil\n",
			"fr/guide/README.md": "# Guide fr\n",
		})
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Options{Dir: dir, Out: out}); err != nil {
			t.Fatal(err)
		}
		copyPage := readFile(t, filepath.Join(out, "fr/guide/deep/index.html"))
		guide := readFile(t, filepath.Join(out, "fr/guide/index.html"))
		wants := map[string][]string{
			"copy":  {`rel=canonical href=../../../en/guide/deep/`},
			"guide": {`hreflang=en href=../../en/guide/`, `hreflang=fr href=../../fr/guide/`},
		}
		if base != "" {
			wants = map[string][]string{
				"copy":  {`rel=canonical href=https://example.org/docs/en/guide/deep/`},
				"guide": {`hreflang=en href=https://example.org/docs/en/guide/`, `rel=canonical href=https://example.org/docs/fr/guide/`},
			}
		}
		for name, page := range map[string]string{"copy": copyPage, "guide": guide} {
			for _, want := range wants[name] {
				if !strings.Contains(unquoteAttrs.Replace(page), want) {
					t.Errorf("base %q: the %s page lacks %s:\n%.1500s", base, name, want, page)
				}
			}
		}
		checkOutputLinks(t, out)
	}
}

// unquoteAttrs drops the quotes around attribute values, which the
// minifier keeps or removes by their characters.
var unquoteAttrs = strings.NewReplacer(`="`, "=", `"`, "")
