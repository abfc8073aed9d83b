package theme

import (
	"fmt"
	"io"
	"testing"
)

// BenchmarkRenderPage renders a page of a site with 2,000 nav items, the
// size where the sidebar dominates.
func BenchmarkRenderPage(b *testing.B) {
	th, err := Load("", "default")
	if err != nil {
		b.Fatal(err)
	}
	p := testPage(th, "<p>Hello</p>")
	var items []*NavItem
	id := 100
	for i := range 200 {
		parent := &NavItem{ID: id, Title: fmt.Sprintf("Section %d", i), URL: fmt.Sprintf("s%d/", i)}
		id++
		for j := range 9 {
			parent.Children = append(parent.Children, &NavItem{ID: id, Title: fmt.Sprintf("Page %d", j), URL: fmt.Sprintf("s%d/p%d/", i, j)})
			id++
		}
		items = append(items, parent)
	}
	p.Site.Nav = append(p.Site.Nav, &NavPart{Title: "Big", Items: items})
	b.ReportAllocs()
	for b.Loop() {
		if err := th.RenderPage(io.Discard, p); err != nil {
			b.Fatal(err)
		}
	}
}
