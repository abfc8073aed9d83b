package markdown

import (
	"strings"
	"testing"
)

// TestGlossaryOverlapOrder: of two overlapping terms the longer is linked
// and the shorter at its next use, whichever order the glossary lists them
// and the sentence uses them.
func TestGlossaryOverlapOrder(t *testing.T) {
	web := GlossaryTerm{Name: "Web", ID: "web", Desc: "d"}
	service := GlossaryTerm{Name: "Web Service", ID: "web-service", Desc: "d"}
	conv := New()
	for _, terms := range [][]GlossaryTerm{{web, service}, {service, web}} {
		for _, page := range []string{"A Web Service and Web apps.\n", "Web apps and a Web Service.\n"} {
			doc := conv.ParseWith("page.md", []byte(page), ParseOptions{Glossary: &Glossary{Page: "GLOSSARY.md", Terms: terms}})
			doc.Resolve(func(r Ref) Resolution { return Resolution{URL: r.Dest} })
			html, err := conv.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{`#web-service" title="d" class="glossary-term">Web Service</a>`, `#web" title="d" class="glossary-term">Web</a>`} {
				if !strings.Contains(string(html), want) {
					t.Errorf("terms %s, %s: %q gives %s, without %s", terms[0].Name, terms[1].Name, page, html, want)
				}
			}
		}
	}
}

// BenchmarkGlossary links a glossary of 200 terms, half of them never
// used, in a page of about 1 MB of paragraphs, table cells and Japanese
// text, where the terms' uses overlap.
func BenchmarkGlossary(b *testing.B) {
	var terms []GlossaryTerm
	for i := range 100 {
		terms = append(terms,
			GlossaryTerm{Name: "Term" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + " web", ID: "t" + string(rune(i)), Desc: "d"},
			GlossaryTerm{Name: "用語" + string(rune('ア'+i)), ID: "j" + string(rune(i)), Desc: "d"})
	}
	terms = append(terms, GlossaryTerm{Name: "Web Service", ID: "ws", Desc: "d"}, GlossaryTerm{Name: "Web", ID: "w", Desc: "d"})
	var page strings.Builder
	for page.Len() < 1<<20 {
		page.WriteString("A Web Service and Web apps, then web services on the web of a Termxa web.\n\n")
		page.WriteString("| Call the Web Service | 用語アを使う用語イ |\n| --- | --- |\n| web | Web |\n\n")
		page.WriteString("エスプレッソを淹れるにはグラインダーが必要です。ウェブサービスとウェブ。\n\n")
	}
	src := []byte(page.String())
	conv := New()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		conv.ParseWith("page.md", src, ParseOptions{Glossary: &Glossary{Page: "GLOSSARY.md", Terms: terms}})
	}
}
