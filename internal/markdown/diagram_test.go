package markdown

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"folio/internal/testkit"
)

// TestEnglishWords holds the English words this package prints (english)
// to the theme's, which it cannot import: each key is in en.yaml, with the
// same text, and so is each key of a drawing's kind (kindKeys).
func TestEnglishWords(t *testing.T) {
	en := testkit.CheckEnglish(t, english)
	for kind, k := range kindKeys {
		if _, ok := en[k]; !ok {
			t.Errorf("kindKeys[%q] = %q: no such key in en.yaml", kind, k)
		}
	}
}

// TestDiagramForms: a diagram is drawn whatever the case of its fence's
// language, as fenceLang reads it (```Mermaid on a page that never writes
// "mermaid" in lower case was shown as its source), and in GitBook's
// block form.
func TestDiagramForms(t *testing.T) {
	conv := New()
	for _, src := range []string{
		"# Page\n\n```Mermaid\ngraph LR\n  A --> B\n```\n",
		"# Page\n\n```MERMAID {title=\"Steps\"}\ngraph LR\n  A --> B\n```\n",
		"# Page\n\n{% @mermaid/diagram content=\"graph LR\\n  A --> B\" %}\n",
	} {
		d := conv.Parse("page.md", []byte(src))
		d.Resolve(func(Ref) Resolution { return Resolution{Keep: true} })
		html, err := conv.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(string(html), `<div class="diagram-drawing" tabindex="0"><svg `); got != 1 {
			t.Errorf("%q: %d diagrams drawn, want 1:\n%s", src, got, html)
		}
		for _, dg := range d.Diags {
			t.Errorf("%q: %s", src, dg)
		}
	}
}

// TestCorpusDiagrams converts the pages of the GovStack corpora that hold
// Mermaid diagrams: every diagram is drawn (an <svg> in a
// .diagram-drawing), none is shown as code, and no diagram diagnostic is
// more than informative.
func TestCorpusDiagrams(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	conv := New()
	total := 0
	for _, name := range []string{"govstack-bb-payments", "govstack-bb-consent"} {
		dir := filepath.Join(root, name)
		if _, err := os.Stat(dir); err != nil {
			t.Skipf("corpus not available: %v", err)
		}
		err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
			if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") {
				return err
			}
			src, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			want := strings.Count(string(src), "```mermaid")
			if want == 0 {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			d := conv.Parse(rel, []byte(strings.ReplaceAll(string(src), "\r\n", "\n")))
			d.Resolve(func(r Ref) Resolution { return Resolution{Keep: true} })
			html, err := conv.Render(d)
			if err != nil {
				t.Fatal(err)
			}
			s := string(html)
			if got := strings.Count(s, `<div class="diagram-drawing" tabindex="0"><svg `); got != want {
				t.Errorf("%s: %d diagrams drawn, want %d", rel, got, want)
			}
			if strings.Contains(s, `class="diagram-label"`) {
				t.Errorf("%s: a diagram is shown as code", rel)
			}
			for _, dg := range d.Diags {
				if dg.Rule == "mermaid" && dg.Severity > 0 {
					t.Errorf("%s", dg)
				}
			}
			total += want
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if total < 20 {
		t.Errorf("%d diagrams in the corpora, want at least 20", total)
	}
}

// TestDiagramLabelSeparator: the separator between a drawing's kind and
// its labels in its text alternative is the page's language's (French
// puts a no-break space before the colon), with or without the kind's
// name in that language; a label that is the kind alone, or an accTitle,
// has none to replace.
func TestDiagramLabelSeparator(t *testing.T) {
	src := "# Page\n\n```mermaid\ngraph LR\n  A --> B\n```\n\n" +
		"```mermaid\nclassDiagram\n```\n\n" +
		"```mermaid\nsequenceDiagram\n  accTitle: Flowchart: greetings\n  Alice->>Bob: Hi\n```\n"
	conv := New()
	for _, tc := range []struct {
		words map[string]string
		want  []string
	}{
		{nil, []string{`aria-label="Flowchart: A, B"`, `aria-label="Class diagram"`, `aria-label="Flowchart: greetings"`}},
		{map[string]string{"diagram_flowchart": "Flowchart", "diagram_class": "Class diagram", "diagram_label_separator": ": "},
			[]string{`aria-label="Flowchart: A, B"`, `aria-label="Class diagram"`, `aria-label="Flowchart: greetings"`}},
		{map[string]string{"diagram_flowchart": "Organigramme", "diagram_class": "Diagramme de classes", "diagram_label_separator": "\u00a0: "},
			[]string{`aria-label="Organigramme` + "\u00a0" + `: A, B"`, `aria-label="Diagramme de classes"`, `aria-label="Flowchart: greetings"`}},
		{map[string]string{"diagram_label_separator": "\u00a0: "},
			[]string{`aria-label="Flowchart` + "\u00a0" + `: A, B"`, `aria-label="Class diagram"`, `aria-label="Flowchart: greetings"`}},
		{map[string]string{"diagram_flowchart": "流程图", "diagram_label_separator": "："},
			[]string{`aria-label="流程图：A, B"`, `aria-label="Class diagram"`, `aria-label="Flowchart: greetings"`}},
	} {
		d := conv.Parse("page.md", []byte(src))
		d.Resolve(func(Ref) Resolution { return Resolution{Keep: true} })
		n := 0
		for c := d.root.FirstChild(); c != nil; c = c.NextSibling() {
			if f, ok := c.AttributeString(diagramHTML); ok && tc.words != nil {
				f.(*figure).localise(c, tc.words)
				n++
			}
		}
		if tc.words != nil && n != 3 {
			t.Fatalf("%d drawings, want 3", n)
		}
		html, err := conv.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range tc.want {
			if !strings.Contains(string(html), w) {
				t.Errorf("%q: no %s in\n%s", tc.words, w, html)
			}
		}
	}
}

// TestDiagramWordsGolden converts the input.md of each testdata/*.txtar
// that has a want.<lang>.html section (TestGolden checks its English
// want.html) with the default theme's strings of lang given by Localise,
// every reference kept: the words of its diagrams, drawn in English and
// cached, are the language's. -update rewrites these sections.
func TestDiagramWordsGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	conv := New()
	n := 0
	for _, file := range files {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		changed := false
		for i, f := range ar.Files {
			lang, ok := strings.CutPrefix(f.Name, "want.")
			lang, ok2 := strings.CutSuffix(lang, ".html")
			if !ok || !ok2 || lang == "" {
				continue
			}
			n++
			doc := conv.Parse("page.md", section(ar, "input.md"))
			doc.Resolve(func(Ref) Resolution { return Resolution{Keep: true} })
			doc.Localise(func(d string) string { return d }, themeWords(t, lang))
			html, err := conv.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			if *update {
				ar.Files[i].Data, changed = html, true
			} else if d := cmp.Diff(string(f.Data), string(html)); d != "" {
				t.Errorf("%s: %s mismatch (-want +got):\n%s", file, f.Name, d)
			}
		}
		if changed {
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n == 0 {
		t.Error("no want.<lang>.html section in testdata")
	}
}

// TestDiagramNoAttributes: the placeholder of an ER entity without
// attributes is the word Localise gave, escaped, in each entity's box,
// whether the kind's name is replaced too or not; an empty word leaves
// the English.
func TestDiagramNoAttributes(t *testing.T) {
	src := "# Page\n\n```mermaid\nerDiagram\n  A ||--o{ B : has\n```\n"
	conv := New()
	for _, tc := range []struct {
		words map[string]string
		want  string
		n     int
	}{
		{nil, `>(no attributes)</text>`, 2},
		{map[string]string{"diagram_er_no_attributes": ""}, `>(no attributes)</text>`, 2},
		{map[string]string{"diagram_er_no_attributes": "<rien> & co"}, `>&lt;rien&gt; &amp; co</text>`, 2},
		{map[string]string{"diagram_er_no_attributes": "(aucun attribut)", "diagram_er": "ER"}, `>(aucun attribut)</text>`, 2},
	} {
		d := conv.Parse("page.md", []byte(src))
		d.Resolve(func(Ref) Resolution { return Resolution{Keep: true} })
		d.Localise(func(s string) string { return s }, tc.words)
		html, err := conv.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(string(html), tc.want); got != tc.n {
			t.Errorf("%q: %d of %s, want %d:\n%s", tc.words, got, tc.want, tc.n, html)
		}
		if v := tc.words["diagram_er"]; v != "" && !strings.Contains(string(html), `aria-label="`+v+`: A, B, has"`) {
			t.Errorf("%q: the kind's name is not replaced:\n%s", tc.words, html)
		}
	}
}
