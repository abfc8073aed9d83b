package theme

import (
	"fmt"
	"html/template"
	"strings"
	"testing"

	"folio/internal/output"
)

func TestAttrURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"../a/b/", "../a/b/"},
		{"https://example.com/?a=1&b=2", "https://example.com/?a=1&amp;b=2"},
		{"javascript:alert(1)", "#"},
		{"JavaScript:alert(1)", "#"},
		{"data:text/html,x", "#"},
		{"mailto:a@b.c", "mailto:a@b.c"},
		{"../a b/\"x\"<y>", "../a%20b/%22x%22%3Cy%3E"},
		{"../caf%C3%A9/", "../caf%C3%A9/"},
		{"../café/", "../caf%C3%A9/"},
		{"../it's/", "../it&#39;s/"},
		{"a/b:c/", "a/b:c/"},
	}
	for _, tc := range tests {
		if got := attrURL(tc.in); got != tc.want {
			t.Errorf("attrURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNavHTMLEscapes(t *testing.T) {
	p := &Page{Root: "../", URL: "x/", Site: &Site{}}
	got := string(p.NavHTML([]*NavItem{
		{ID: 1, Title: `<b>&"`, URL: "x/", Children: []*NavItem{{ID: 2, Title: "c", URL: "x/c/"}}},
		{ID: 3, Title: "evil", URL: "javascript:alert(1)", External: true},
		{ID: 4, Title: "hidden", URL: "h/", Hidden: true},
		{ID: 5, Title: "q", URL: "a b/?x=1"},
	}))
	want := `<li class=nav-item><a class=nav-link href=../x/ aria-current=page>&lt;b>&"</a>` +
		`<details class=nav-children open><summary><span class=visually-hidden>Sub-pages of &lt;b>&"</span></summary>` +
		`<ul class=nav-list><li class=nav-item><a class=nav-link href=../x/c/>c</a></li></ul></details></li>` +
		`<li class=nav-item><a class="nav-link external" href=# rel=noopener>evil</a></li>` +
		`<li class=nav-item><a class=nav-link href="../a%20b/?x=1">q</a></li>`
	if got != want {
		t.Errorf("NavHTML =\n%s\nwant\n%s", got, want)
	}
	if m := minified(t, got); m != got {
		t.Errorf("NavHTML is not minified:\n%s\nminified:\n%s", got, m)
	}
	// A root that needs quotes (a 404 page's base path) quotes every link.
	p = &Page{Root: "/my docs/", URL: "404.html", Site: &Site{}}
	got = string(p.NavHTML([]*NavItem{{ID: 1, Title: "Home", URL: ""}, {ID: 2, Title: "A", URL: "a/"}}))
	want = `<li class=nav-item><a class=nav-link href=/my%20docs/>Home</a></li><li class=nav-item><a class=nav-link href=/my%20docs/a/>A</a></li>`
	if got != want {
		t.Errorf("NavHTML with root %q =\n%s\nwant\n%s", p.Root, got, want)
	}
}

// minified is s as folio's HTML minifier leaves it.
func minified(t *testing.T, s string) string {
	t.Helper()
	b, err := output.MinifyFile("x.html", []byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func FuzzAttrURL(f *testing.F) {
	for _, s := range []string{"../a/", "javascript:x", "a b", "https://x/?a&b", "\x00\xff\"'<>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := attrURL(s)
		if strings.ContainsAny(got, "\"'<> \x00") {
			t.Errorf("attrURL(%q) = %q: unsafe byte in attribute", s, got)
		}
		if l := strings.ToLower(got); strings.HasPrefix(l, "javascript:") || strings.HasPrefix(l, "data:") || strings.HasPrefix(l, "vbscript:") {
			t.Errorf("attrURL(%q) = %q: dangerous scheme", s, got)
		}
	})
}

// TestOutlineNested: the h3s after an h2 are a list in its item, and an
// h3 before any h2 an item of its own (t79: a flat list, indented).
func TestOutlineNested(t *testing.T) {
	p := &Page{Outline: []Heading{{3, "a", "A"}, {2, "b", "B"}, {3, "c", "C"}, {3, "d", "D"}, {2, "e", "E"}, {2, "f", "F"}, {3, "g", "G"}}}
	item := func(level int, id string) string {
		return fmt.Sprintf(`<li class="outline-item level-%d"><a href=#%s>%s`, level, id, strings.ToUpper(id)) + "</a>"
	}
	want := item(3, "a") + "</li>" + item(2, "b") + "<ul>" + item(3, "c") + "</li>" + item(3, "d") + "</li></ul></li>" +
		item(2, "e") + "</li>" + item(2, "f") + "<ul>" + item(3, "g") + "</li></ul></li>"
	if got := string(p.OutlineItems()); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestOutlineAndPaginationEscape holds OutlineItems to what html/template
// made of the same markup once minified, and PaginationLinks too for the
// URLs a build gives it (site paths, escaped); odd URLs are escaped as
// NavHTML does.
func TestOutlineAndPaginationEscape(t *testing.T) {
	tmpl := template.Must(template.New("x").Parse(
		`{{with index .Outline 0}}<li class="outline-item level-{{.Level}}"><a href="#{{.ID}}">{{.Text}}</a>{{end}}` +
			`<ul>{{with index .Outline 1}}<li class="outline-item level-{{.Level}}"><a href="#{{.ID}}">{{.Text}}</a></li>{{end}}</ul></li>|` +
			`{{with .Prev}}<a class="pagination-link prev" rel="prev" href="{{$.Href .URL}}"><span class="pagination-label">{{$.T "previous"}}</span><span class="pagination-title">{{.Title}}</span></a>{{end}}` +
			`{{with .Next}}<a class="pagination-link next" rel="next" href="{{$.Href .URL}}"><span class="pagination-label">{{$.T "next"}}</span><span class="pagination-title">{{.Title}}</span></a>{{end}}`))
	odd := []string{"plain", "C++", "a b", `q"uote`, "it's", "a&b", "<x>", "é日本", "50%", "a/b?c#d", "javascript:alert(1)", "x\x00y", "id-1.2_3~"}
	paths := []string{"guide/", "a%20b/", "caf%C3%A9/", "x/y/", "q%22uote/"}
	for i, s := range odd {
		p := &Page{
			Site:    &Site{Strings: map[string]string{"previous": "Prev " + s, "next": "Next"}},
			Root:    "../",
			Outline: []Heading{{2, s, s}, {3, "id-" + s, "T " + s}},
			Prev:    &Link{Title: s, URL: paths[i%len(paths)]},
			Next:    &Link{Title: "n", URL: paths[(i+1)%len(paths)]},
		}
		var want strings.Builder
		if err := tmpl.Execute(&want, p); err != nil {
			t.Fatal(err)
		}
		// The places to wrap a long name are OutlineItems' own
		// (TestOutlineBreaks).
		got := strings.ReplaceAll(string(p.OutlineItems()), "<wbr>", "") + "|" + string(p.PaginationLinks())
		if got != minified(t, want.String()) {
			t.Errorf("%q:\ngot  %s\nwant %s", s, got, want.String())
		}
		p.Next.URL = s
		if got := string(p.PaginationLinks()); strings.Contains(got, `href=javascript`) || strings.Contains(got, `href=../<`) ||
			strings.Contains(got, `href=../javascript`) || strings.Contains(got, `href="javascript`) {
			t.Errorf("unsafe pagination link for %q: %s", s, got)
		}
	}
}

// TestSidebarParts holds SidebarParts to the markup the sidebar template
// wrote with html/template, minified; a part with no entry, or only
// hidden ones, is left out, title and all.
func TestSidebarParts(t *testing.T) {
	tmpl := template.Must(template.New("x").Parse(`{{- range $i, $part := .Site.Nav}}{{if .Shown}}
<div class="nav-part">
{{- if .Title}}
<p class="nav-part-title" id="folio-nav-{{$i}}">{{.Title}}</p>
{{- end}}
<ul class="nav-list"{{if .Title}} aria-labelledby="folio-nav-{{$i}}"{{end}}>
{{- $.NavHTML .Items}}
</ul>
</div>
{{- end}}{{end}}`))
	p := &Page{Site: &Site{Nav: []*NavPart{
		{Items: []*NavItem{{ID: 1, Title: "Home", URL: ""}}},
		{Title: "Empty"},
		{Title: `Guide & "more" <x> C++`, Items: []*NavItem{{ID: 2, Title: "A", URL: "a/"}, {ID: 3, Title: "B", URL: "b/"}}},
		{Title: "Hidden", Items: []*NavItem{{ID: 4, Title: "Secret", URL: "s/", Hidden: true}}},
		{Title: "Last", Items: []*NavItem{{ID: 5, Title: "C", URL: "c/"}}},
	}}, Root: "../"}
	var want strings.Builder
	if err := tmpl.Execute(&want, p); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(want.String(), "Empty") || strings.Contains(want.String(), "Hidden") {
		t.Fatalf("the reference shows a part without entries: %s", want.String())
	}
	if got := string(p.SidebarParts()); got != minified(t, want.String()) {
		t.Errorf("got  %s\nwant %s", got, want.String())
	}
}

// TestOutlineBreaks: a long identifier in the outline may wrap where its
// parts meet, not at whatever letter reaches the column's edge; short
// words and prose are left alone.
func TestOutlineBreaks(t *testing.T) {
	p := &Page{Outline: []Heading{
		{2, "a", "VoucherPreActivation"},
		{2, "b", "POST /vouchers/voucher_pre_activation"},
		{3, "c", "Short Words AreKept"},
		{3, "d", "x<y&amp; LongerThanSixteen"},
	}}
	got := string(p.OutlineItems())
	for _, want := range []string{
		">Voucher<wbr>Pre<wbr>Activation</a>",
		">POST /vouchers/<wbr>voucher_<wbr>pre_<wbr>activation</a>",
		">Short Words AreKept</a>",
		">x&lt;y&amp;amp; Longer<wbr>Than<wbr>Sixteen</a>",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("outline lacks %s:\n%s", want, got)
		}
	}
}

// TestNavHomeAnchor: an entry for a heading of the home page, whose URL
// is empty, is "#id" in the tree: from another page it leads to the home
// page, not to that page's own "#id" (t59).
func TestNavHomeAnchor(t *testing.T) {
	p := &Page{Root: "../", URL: "other/", Site: &Site{}}
	got := string(p.NavHTML([]*NavItem{{ID: 1, Title: "Home", URL: ""}, {ID: 2, Title: "New", URL: "#whats-new"}}))
	want := `<li class=nav-item><a class=nav-link href=../>Home</a></li><li class=nav-item><a class=nav-link href=../#whats-new>New</a></li>`
	if got != want {
		t.Errorf("NavHTML =\n%s\nwant\n%s", got, want)
	}
}
