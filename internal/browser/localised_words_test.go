package browser

import (
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestLocalisedPunctuation: on a French page, what screen readers read is
// written as French writes it: the language menu's button and the link
// folio.js adds beside a heading put a no-break space before their colon
// (the template and the script wrote "Langue: ", "Lien vers cette
// section: "), a footnote's links back to the text are named in French
// (they had no name but the arrow), and a file's size is in French units
// with a decimal comma (it was "12.3 kB").
func TestLocalisedPunctuation(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml": "title: Fixture\nlanguages:\n" +
			"  - {code: en, name: English, dir: en}\n" +
			"  - {code: fr, name: Français, dir: fr}\n",
		"en/README.md":  "# Home\n\nWelcome.\n",
		"en/SUMMARY.md": "# Summary\n\n* [Home](README.md)\n",
		"fr/README.md": "# Accueil\n\n## Premiers pas\n\nUne note[^a], une autre[^b], encore la première[^a].\n\n" +
			"{% file src=\"deck.pdf\" %}\nDiapositives.\n{% endfile %}\n\n[^a]: Appelée deux fois.\n[^b]: Appelée une fois.\n",
		"fr/deck.pdf":   strings.Repeat("x", 12345),
		"fr/SUMMARY.md": "# Summary\n\n* [Accueil](README.md)\n",
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/fr/")
	waitFor(t, ctx, `!!document.querySelector("#premiers-pas .heading-anchor")`, `"no heading anchor"`, "folio.js adds the heading's link")
	got := eval[map[string]any](t, ctx, `({
	  summary: document.querySelector(".lang-menu > summary .visually-hidden").textContent,
	  anchor: document.querySelector("#premiers-pas .heading-anchor").getAttribute("aria-label"),
	  backrefs: [...document.querySelectorAll(".footnote-backref")].map(a => a.getAttribute("aria-label")),
	  size: document.querySelector(".file-size").textContent,
	})`)
	want := map[string]any{
		"summary":  "Langue\u00a0: ",
		"anchor":   "Lien vers cette section\u00a0: Premiers pas",
		"backrefs": []any{"Retour à l’appel de note 1", "Retour à l’appel de note 2", "Retour au texte"},
		"size":     "12,3\u00a0ko",
	}
	for k, w := range want {
		if g := got[k]; !equalJSON(g, w) {
			t.Errorf("%s: %q, want %q", k, g, w)
		}
	}
}

// equalJSON compares two values decoded from JSON.
func equalJSON(a, b any) bool {
	as, aok := a.([]any)
	bs, bok := b.([]any)
	if aok != bok {
		return false
	}
	if !aok {
		return a == b
	}
	if len(as) != len(bs) {
		return false
	}
	for i := range as {
		if as[i] != bs[i] {
			return false
		}
	}
	return true
}
