package theme

import (
	"fmt"
	"strings"
	"testing"
)

// TestPrunedNav: past navPruneAbove entries, a page shows the top level
// and the sections on its way, not the whole tree.
func TestPrunedNav(t *testing.T) {
	th := loadDefault(t)
	site := &Site{Title: "Big", Lang: "en", Dir: "ltr", Strings: th.Strings("en")}
	part := &NavPart{}
	id := 0
	var target *NavItem
	var trail []int
	for s := range 10 {
		id++
		sec := &NavItem{ID: id, Title: fmt.Sprintf("Section %d", s), URL: fmt.Sprintf("s%d/", s)}
		for p := range 50 {
			id++
			it := &NavItem{ID: id, Title: fmt.Sprintf("Page %d-%d", s, p), URL: fmt.Sprintf("s%d/p%d/", s, p)}
			sec.Children = append(sec.Children, it)
			if s == 3 && p == 7 {
				target, trail = it, []int{sec.ID, it.ID}
			}
		}
		part.Items = append(part.Items, sec)
	}
	site.Nav = []*NavPart{part}
	p := &Page{Site: site, URL: target.URL, Root: "../../", Trail: trail}
	got := string(p.NavHTML(part.Items))
	for _, want := range []string{"Section 0", "Section 9", "Page 3-0", "Page 3-49", `href=../../s3/p7/ aria-current=page`, "<details class=nav-children open>"} {
		if !strings.Contains(got, want) {
			t.Errorf("pruned nav lacks %q", want)
		}
	}
	for _, not := range []string{"Page 2-0", "Page 4-49"} {
		if strings.Contains(got, not) {
			t.Errorf("pruned nav holds %q from a section off the page's way", not)
		}
	}
	// A small site keeps its whole tree.
	small := &Site{Title: "Small", Lang: "en", Dir: "ltr", Strings: th.Strings("en"), Nav: []*NavPart{{Items: part.Items[:1]}}}
	part.Items[0].Children = part.Items[0].Children[:5]
	sp := &Page{Site: small, URL: "s0/p1/", Root: "../../", Trail: []int{part.Items[0].ID, part.Items[0].Children[1].ID}}
	if got := string(sp.NavHTML(small.Nav[0].Items)); !strings.Contains(got, "Page 0-4") {
		t.Error("small nav was pruned")
	}
}
