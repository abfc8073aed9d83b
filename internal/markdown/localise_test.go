package markdown

import (
	"strings"
	"testing"
)

// TestLocalise: the words Markdown and its extensions print (a diagram's
// caption and source toggle, the name of a drawing's kind that starts its
// text alternative, not an accTitle, the state of a task or of a checkbox
// cell) and those of GitBook blocks are the page's language's once
// Localise gives them, English otherwise; the date of an update is as
// date writes it.
func TestLocalise(t *testing.T) {
	src := "# Page\n\n- [x] Fait.\n- [ ] Pas fait.\n\n" +
		"```mermaid\ngraph LR\n  A --> B\n```\n\n" +
		"```mermaid\npie title Pets\n  \"Dogs\" : 3\n```\n\n" +
		"```mermaid\nsequenceDiagram\n  accTitle: Flowchart of greetings\n  Alice->>Bob: Hi\n```\n\n" +
		"<table><thead><tr><th data-type=\"checkbox\">Done</th></tr></thead><tbody><tr><td>true</td></tr><tr><td>false</td></tr></tbody></table>\n\n" +
		"{% hint style=\"warning\" %}\nAttention.\n{% endhint %}\n\n" +
		"{% updates %}\n{% update date=\"2026-03-14\" %}\nTexte.\n{% endupdate %}\n{% endupdates %}\n"
	fr := map[string]string{
		"mermaid_source": "Source Mermaid", "mermaid_diagram": "Diagramme Mermaid",
		"diagram_flowchart": "Organigramme", "diagram_sequence": "Diagramme de séquence",
		"task_done": "fait", "task_todo": "à faire", "checkbox_yes": "oui", "checkbox_no": "non", "hint_warning": "Avertissement",
	}
	conv := New()
	for _, tc := range []struct {
		words map[string]string
		want  []string
	}{
		{nil, []string{
			`<summary>Mermaid source</summary>`, `<figcaption class="diagram-label">Mermaid diagram</figcaption>`,
			`checked aria-label="done"`, `disabled aria-label="to do"`, `aria-label="Warning"`, `>2026-03-14</time>`,
			`checked aria-label="yes"`, `disabled aria-label="no"`,
			`aria-label="Flowchart: A, B"`, `aria-label="Flowchart of greetings"`,
		}},
		{fr, []string{
			`<summary>Source Mermaid</summary>`, `<figcaption class="diagram-label">Diagramme Mermaid</figcaption>`,
			`checked aria-label="fait"`, `disabled aria-label="à faire"`, `aria-label="Avertissement"`, `>14 mars 2026</time>`,
			`checked aria-label="oui"`, `disabled aria-label="non"`,
			`aria-label="Organigramme: A, B"`, `aria-label="Flowchart of greetings"`,
		}},
	} {
		doc := conv.Parse("page.md", []byte(src))
		doc.Resolve(func(Ref) Resolution { return Resolution{Keep: true} })
		if tc.words != nil {
			doc.Localise(func(string) string { return "14 mars 2026" }, tc.words)
		}
		html, err := conv.Render(doc)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(html), w) {
				t.Errorf("no %s in\n%s", w, html)
			}
		}
	}
}
