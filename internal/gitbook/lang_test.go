package gitbook

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TestContentRefLang: a {% content-ref %} card whose resolved title is in
// another language than the page (a fallback copy's English title on a
// French page) says so on its title and description, with the direction
// when it differs too (WCAG 3.1.2); a card in the page's language, or one
// whose author writes _lang, carries none.
func TestContentRefLang(t *testing.T) {
	src := []byte("{% content-ref url=\"a.md\" %}\n[a.md](a.md)\n{% endcontent-ref %}\n" +
		"{% content-ref url=\"b.md\" %}\n[b.md](b.md)\n{% endcontent-ref %}\n" +
		"{% content-ref url=\"c.md\" %}\n[c.md](c.md)\n{% endcontent-ref %}\n" +
		"{% content-ref url=\"d.md\" _lang=\"x\" %}\n[d.md](d.md)\n{% endcontent-ref %}\n")
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext()))
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		b, ok := n.(*Block)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		u, _ := b.Tag.Get("url")
		b.Tag.Set("_title", "Page "+u)
		b.Tag.Set("_desc", "About "+u)
		switch u {
		case "a.md":
			b.Tag.Set("_lang", "en")
		case "b.md":
			b.Tag.Set("_lang", "ar")
			b.Tag.Set("_dir", "rtl")
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, want := range []string{
		`<span class="content-ref-title" lang="en">Page a.md</span><span class="content-ref-desc" lang="en">About a.md</span>`,
		`<span class="content-ref-title" lang="ar" dir="rtl">Page b.md</span><span class="content-ref-desc" lang="ar" dir="rtl">About b.md</span>`,
		`<span class="content-ref-title">Page c.md</span><span class="content-ref-desc">About c.md</span>`,
		`<span class="content-ref-title">Page d.md</span>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %s\n%s", want, got)
		}
	}
}
