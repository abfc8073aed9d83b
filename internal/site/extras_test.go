package site

import (
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestRedirectText: the forwarding page of a .gitbook.yaml redirect
// names its target by the page's title, in the language of the space,
// and links to it by its address relative to the forwarding page.
func TestRedirectText(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":         fallbackYAML,
		"en/SUMMARY.md":     "# S\n\n* [Home](README.md)\n* [Quickstart](start/quick.md)\n",
		"en/README.md":      "# Home\n",
		"en/start/quick.md": "# Quickstart\n",
		"en/.gitbook.yaml":  "redirects:\n  old/quickstart: start/quick.md\n",
		"fr/SUMMARY.md":     "# S\n\n* [Accueil](README.md)\n* [Démarrage rapide](start/quick.md)\n",
		"fr/README.md":      "# Accueil\n",
		"fr/start/quick.md": "# Démarrage rapide\n",
		"fr/.gitbook.yaml":  "redirects:\n  old/quickstart: start/quick.md\n",
	})
	out, _ := built(t, Options{Dir: dir})
	for lang, want := range map[string]string{
		"en": `<a href=../../start/quick/index.html>Quickstart</a>`,
		"fr": `<a href=../../start/quick/index.html>Démarrage rapide</a>`,
	} {
		page := readFile(t, filepath.Join(out, lang, "old/quickstart/index.html"))
		if !strings.Contains(unquoteAttrs.Replace(page), want) {
			t.Errorf("%s forwarding page lacks %s:\n%s", lang, want, page)
		}
	}
}
