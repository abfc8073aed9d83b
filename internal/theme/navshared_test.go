package theme

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestSharedNav: past navShareAbove entries, a page holds only the parts'
// top levels and the entries on its way (the sections that hold it, open,
// itself, current, and its own entries) and the script that puts the
// whole tree in their place;
// the script, named by its content, holds every entry once, with its ID,
// and links written from the site's root. A small site keeps its whole tree in every page.
func TestSharedNav(t *testing.T) {
	th := loadDefault(t)
	site := &Site{Title: "Big", Lang: "fr", Dir: "ltr", Home: "fr/", Strings: th.Strings("fr")}
	part := &NavPart{Title: "Guide"}
	other := &NavPart{Title: "Other", Items: []*NavItem{{ID: 9999, Title: "Elsewhere", URL: "fr/else/"}}}
	id := 0
	var target *NavItem
	var trail []int
	for s := range 10 {
		id++
		sec := &NavItem{ID: id, Title: fmt.Sprintf("Section %d", s), URL: fmt.Sprintf("fr/s%d/", s)}
		for p := range 50 {
			id++
			it := &NavItem{ID: id, Title: fmt.Sprintf("Page %d-%d", s, p), URL: fmt.Sprintf("fr/s%d/p%d/", s, p)}
			if s == 3 && p == 7 {
				target, trail = it, []int{sec.ID, it.ID}
				it.Children = []*NavItem{{ID: 5000, Title: "Child A", URL: "fr/s3/p7/a/",
					Children: []*NavItem{{ID: 5001, Title: "Grandchild", URL: "fr/s3/p7/a/g/"}}}}
			}
			sec.Children = append(sec.Children, it)
		}
		part.Items = append(part.Items, sec)
	}
	site.Nav = []*NavPart{part, other}
	if !site.SharedNav() {
		t.Fatalf("%d entries: not shared", site.navFacts().count)
	}
	src, script := site.NavScript()
	if !regexp.MustCompile(`^_folio/fr/sidebar-[0-9a-f]{10}\.js$`).MatchString(src) {
		t.Errorf("script at %s, want _folio/fr/sidebar-HASH.js", src)
	}
	p := &Page{Site: site, URL: target.URL, Root: "../../../", Trail: trail}
	got := string(p.SidebarParts())
	for _, want := range []string{"Guide", "Section 3", `href=../../../fr/s3/p7/ aria-current=page`, "<details class=nav-children open>", "Child A",
		`<script src=../../../` + src + ` data-root=../../../ data-trail="154 162"></script>`} {
		if !strings.Contains(got, want) {
			t.Errorf("page's sidebar lacks %q:\n%s", want, got)
		}
	}
	// The parts' top levels, 11 entries, are in every page, for readers
	// without scripts (t49), but not the sections off the page's way.
	for _, want := range []string{"Section 2", "Other", "Elsewhere", `<li class=nav-item><a class=nav-link href=../../../fr/s2/>Section 2</a></li>`} {
		if !strings.Contains(got, want) {
			t.Errorf("page's sidebar lacks %q, a part's top level", want)
		}
	}
	for _, not := range []string{"Page 2-0", "Page 3-6", "Page 3-8", "Grandchild"} {
		if strings.Contains(got, not) {
			t.Errorf("page's sidebar holds %q, off its way", not)
		}
	}
	// A page off the nav holds the top levels, and the script.
	if got := string((&Page{Site: site, URL: "fr/x/", Root: "../../"}).SidebarParts()); !strings.Contains(got, "Section 9") || strings.Contains(got, "Page 0-0") || !strings.Contains(got, "<script") {
		t.Errorf("a page off the nav: %s", got)
	}
	// Past 100 top-level entries, a page holds its own way alone: the
	// pages would grow with the site again.
	var flat []*NavItem
	for i := range 450 {
		flat = append(flat, &NavItem{ID: 10000 + i, Title: fmt.Sprintf("Flat %d", i), URL: fmt.Sprintf("f%d/", i)})
	}
	fs := &Site{Title: "Flat", Lang: "en", Dir: "ltr", Strings: th.Strings("en"), Nav: []*NavPart{{Items: flat}}}
	if got := string((&Page{Site: fs, URL: "f7/", Root: "../", Trail: []int{10007}}).SidebarParts()); !strings.Contains(got, "Flat 7") || strings.Contains(got, "Flat 8") {
		t.Errorf("a page of a flat list of 450: %.300s", got)
	}
	js := string(script)
	head, arg, ok := strings.Cut(js, ")(")
	if !ok || !strings.HasPrefix(head, "(function(h){") || !strings.HasSuffix(arg, ")\n") {
		t.Fatalf("script: %.200s", js)
	}
	var markup string
	if err := json.Unmarshal([]byte(strings.TrimSuffix(arg, ")\n")), &markup); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Section 0", "Page 9-49", "Grandchild", "Elsewhere", `<li class=nav-item data-nav=162><a class=nav-link href=` + "\x00" + `fr/s3/p7/>`} {
		if !strings.Contains(markup, want) {
			t.Errorf("shared tree lacks %q", want)
		}
	}
	if strings.Contains(markup, "aria-current") || strings.Contains(markup, " open") {
		t.Error("shared tree marks a page")
	}
	// A section's children, as a theme may pass them to NavHTML: the
	// entries on the page's way among them (review: nothing); a list
	// outside the nav, whole.
	if got := string(p.NavHTML(part.Items[3].Children)); !strings.Contains(got, "Page 3-7") || strings.Contains(got, "Page 3-8") {
		t.Errorf("NavHTML of the page's section: %s", got)
	}
	if got := string(p.NavHTML(part.Items[2].Children)); got != "" {
		t.Errorf("NavHTML of a section off the way: %s", got)
	}
	own := []*NavItem{{ID: 7000, Title: "Theme's own", URL: "fr/own/"}, {ID: 7001, Title: "Second", URL: "fr/second/"}}
	if got := string(p.NavHTML(own)); !strings.Contains(got, "Theme's own") || !strings.Contains(got, "Second") {
		t.Errorf("NavHTML of a list outside the nav: %s", got)
	}
	// Shared past 400 entries, not at 400 (review).
	at := func(n int) bool {
		items := make([]*NavItem, n)
		for i := range items {
			items[i] = &NavItem{ID: i + 1, Title: "x", URL: "x/"}
		}
		return (&Site{Nav: []*NavPart{{Items: items}}}).SharedNav()
	}
	if at(400) || !at(401) {
		t.Errorf("shared at 400 entries %v, at 401 %v; want false, true", at(400), at(401))
	}
	// A small site keeps its whole tree.
	small := &Site{Title: "Small", Lang: "en", Dir: "ltr", Strings: th.Strings("en"), Nav: []*NavPart{{Items: part.Items[:2]}}}
	part.Items[0].Children = part.Items[0].Children[:5]
	part.Items[1].Children = part.Items[1].Children[:5]
	sp := &Page{Site: small, URL: "fr/s0/p1/", Root: "../../", Trail: []int{part.Items[0].ID, part.Items[0].Children[1].ID}}
	if got := string(sp.SidebarParts()); !strings.Contains(got, "Page 0-4") || !strings.Contains(got, "Section 1") || strings.Contains(got, "<script") {
		t.Errorf("small nav was not whole: %s", got)
	}
}
