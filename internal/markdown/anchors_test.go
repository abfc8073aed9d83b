package markdown

import (
	"bytes"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"folio/internal/links"
)

// FuzzAnchors: whatever the page, the IDs links can point at (headings,
// API blocks, expandable blocks) are unique; each written heading ID
// ValidID admits; and every <details> the page publishes with an ID is
// one of them, never twice, so that a link to it resolves and lands on it.
func FuzzAnchors(f *testing.F) {
	for _, s := range []string{
		"# T {#t}\n\n## A {#a}\n\n## A {#a}\n\n<details>\n\n<summary>A</summary>\n\nx\n\n</details>\n",
		"<details id=\"a b\"><summary>x</summary></details>\n\n## X {id=\"x y\"}\n",
		"<details id=\"\" id=\"z\">\n<summary>\n\n**S**\n\n</summary>\n\n</details>\n\n## S\n",
		"Setext {#s .c k=v}\n===\n\n<details open><summary>S</summary><details><summary>S</summary></details></details>\n",
		"<!--sec data-title=\"T\" data-id=\"t\" ces-->\nx\n<!--endsec-->\n\n# T {#t}\n",
	} {
		f.Add(s)
	}
	conv := New()
	f.Fuzz(func(t *testing.T, src string) {
		d := conv.ParseWith("fuzz.md", []byte(src), ParseOptions{Vars: map[string]any{}})
		ids := map[string]bool{}
		for _, h := range d.Headings {
			if ids[h.ID] {
				t.Fatalf("ID %q given twice: %+v", h.ID, d.Headings)
			}
			ids[h.ID] = true
		}
		d.Resolve(func(r Ref) Resolution { return Resolution{Keep: true} })
		out, err := conv.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		published := map[string]bool{}
		z := xhtml.NewTokenizer(bytes.NewReader(out))
		for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
			if tt != xhtml.StartTagToken {
				continue
			}
			tok := z.Token()
			id, ok := "", false
			for _, a := range tok.Attr {
				if a.Key == "id" {
					id, ok = a.Val, true
					break
				}
			}
			if !ok {
				continue
			}
			switch tok.Data {
			case "details":
				if !links.ValidID(id) {
					continue // the author's, refused: not an anchor
				}
				if !ids[id] {
					t.Fatalf("<details id=%q> is not among the page's anchors %v", id, ids)
				}
				if published[id] {
					t.Fatalf("<details id=%q> published twice", id)
				}
				published[id] = true
			case "h2", "h3", "h4", "h5", "h6":
				if published[id] {
					t.Fatalf("<%s id=%q>: the ID of a <details> too", tok.Data, id)
				}
			}
		}
	})
}

// TestThemeIDsTaken: a heading whose ID would be one the page's other
// elements have (the theme's, a tab's, a drawing's) gets a suffix, and an
// ID written for it is refused with a warning; others are untouched.
func TestThemeIDsTaken(t *testing.T) {
	src := "# T\n\n## Folio main\n\n## Tabs 1 tab 1\n\n## Tabs 2 panel 3\n\n## Mermaid 1 arrowhead\n\n" +
		"## Folio build\n\n## Tabs one\n\n## Own {#folio-main}\n"
	d := New().ParseWith("p.md", []byte(src), ParseOptions{ThemeID: func(id string) bool { return id == "folio-main" }})
	var got []string
	for _, h := range d.Headings[1:] {
		got = append(got, h.ID)
	}
	want := "folio-main-1 tabs-1-tab-1-1 tabs-2-panel-3-1 mermaid-1-arrowhead-1 folio-build tabs-one folio-main-2"
	if strings.Join(got, " ") != want {
		t.Errorf("IDs %q, want %q", strings.Join(got, " "), want)
	}
	if len(d.Diags) != 1 || !strings.Contains(d.Diags[0].Msg, `"folio-main" is already used`) {
		t.Errorf("diagnostics %v, want one for the written folio-main", d.Diags)
	}
}
