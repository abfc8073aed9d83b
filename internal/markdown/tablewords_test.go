package markdown

import (
	"strings"
	"testing"
)

// TestTableLongWords: the body cells holding a token (an identifier, a
// UUID, a URL) too long to fit a printed page beside the other columns
// are marked long-words, widest tokens first, until the others fit;
// header cells are never marked, ordinary words and short code
// (`marketing`) only when the tokens are not enough (many columns), and a
// table whose words fit is not marked.
// Markdown and HTML tables alike.
func TestTableLongWords(t *testing.T) {
	url := "https://example.org/a/very/long/path/to/a/page/that/goes/on/and/on/and/on/and/on/and/further/still/index.html"
	uuid := "`3fa85f64-5717-4562-b3fc-2c963f66afa6`"
	for _, c := range []struct {
		name, src string
		marked    int // cells marked
	}{
		{"fits", "| Key | Type | Meaning |\n|---|---|---|\n| `gitbook_spaces` | map | Where the pages live now; see the guide. |\n", 0},
		{"long url", "| Key | Meaning |\n|---|---|\n| `base_url` | Such as " + url + " here. |\n| `out` | Folder. |\n", 1},
		// The tester's table: the identifiers and the UUIDs break, not
		// the headers (Champ, Type) nor the French words.
		{"fields", "| Champ | Type | Obligatoire | Valeur par défaut | Format | Exemple | Depuis | Description |\n" +
			"| --- | --- | --- | --- | --- | --- | --- | --- |\n" +
			"| `consentRecordIdentifier` | chaîne | oui | aucune | UUID v4 | " + uuid + " | 1.0 | Identifiant unique de l'enregistrement de consentement. |\n" +
			"| `dataProcessingPurpose` | énumération | oui | aucune | texte | `marketing` | 1.0 | Finalité du traitement des données. |\n", 3},
		{"many columns", "| " + strings.Repeat("word | ", 8) + "\n|" + strings.Repeat("---|", 8) + "\n| " + strings.Repeat("documentation | ", 8) + "\n", 5},
		{"html", "<table><thead><tr><th>Key</th><th>Meaning</th></tr></thead><tbody><tr><td>a</td><td>" + url + "</td></tr></tbody></table>\n", 2},
		{"html fits", "<table><tr><td>Key</td><td>Short words only</td></tr></table>\n", 0},
	} {
		out := string(convertSimple(t, c.src))
		if got := strings.Count(out, "long-words"); got != c.marked {
			t.Errorf("%s: %d cells marked, want %d:\n%s", c.name, got, c.marked, out)
		}
		if strings.Contains(out, `<th class="long-words"`) && !strings.HasPrefix(c.name, "html") {
			t.Errorf("%s: a header cell is marked:\n%s", c.name, out)
		}
	}
	if got := longColumns([]int{14, 7, 13, 70}); got[0] || got[1] || got[2] || !got[3] {
		t.Errorf("longColumns marks %v, want the last column only", got)
	}
	w := wordRun{}
	w.read([]byte("Identifiant unique de l'enregistrement, attribué."))
	w.end()
	if w.token != 0 || w.word != len("l'enregistrement,") {
		t.Errorf("French prose read as word %d, token %d", w.word, w.token)
	}
}

// convertSimple parses and renders src as a page with no links to
// resolve.
func convertSimple(t *testing.T, src string) []byte {
	t.Helper()
	conv := New()
	d := conv.Parse("page.md", []byte(src))
	d.Resolve(func(Ref) Resolution { return Resolution{Keep: true} })
	out, err := conv.Render(d)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
