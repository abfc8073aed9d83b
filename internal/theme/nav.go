package theme

import (
	"html"
	"html/template"
	"strings"
)

// NavHTML renders the sidebar tree of the page's site: nested lists where an
// item with visible children gets a <details> disclosure next to its link
// (the link stays separately clickable), the current page carries
// aria-current="page" and the sections on the way to it start open.
//
// It is Go rather than a recursive template because it runs once per page
// over the whole nav: on sites of thousands of pages the template version
// costs about ten times as much. Custom themes that want other markup can
// still recurse over .Site.Nav with Current, InTrail, Href and the "nav"
// template function.
func (p *Page) NavHTML(items []*NavItem) template.HTML {
	var b strings.Builder
	b.Grow(len(items) * 128)
	p.writeNav(&b, items)
	return template.HTML(b.String())
}

func (p *Page) writeNav(b *strings.Builder, items []*NavItem) {
	subPages := html.EscapeString(p.T("sub_pages"))
	for _, it := range items {
		if it.Hidden {
			continue
		}
		title := html.EscapeString(it.Title)
		b.WriteString("\n<li class=\"nav-item\">")
		if it.External {
			b.WriteString(`<a class="nav-link external" href="`)
			b.WriteString(attrURL(it.URL))
			b.WriteString(`" rel="noopener">`)
		} else {
			b.WriteString(`<a class="nav-link" href="`)
			b.WriteString(attrURL(p.Href(it.URL)))
			b.WriteString(`"`)
			if p.Current(it) {
				b.WriteString(` aria-current="page"`)
			}
			b.WriteString(`>`)
		}
		b.WriteString(title)
		b.WriteString(`</a>`)
		if it.HasVisibleChildren() {
			b.WriteString("\n<details class=\"nav-children\"")
			if p.InTrail(it) {
				b.WriteString(" open")
			}
			b.WriteString(`><summary><span class="visually-hidden">`)
			b.WriteString(subPages)
			b.WriteString(" ")
			b.WriteString(title)
			b.WriteString("</span></summary>\n<ul class=\"nav-list\">")
			p.writeNav(b, it.Children)
			b.WriteString("\n</ul>\n</details>")
		}
		b.WriteString("\n</li>")
	}
}

// attrURL makes u safe inside a double-quoted href: URLs with a scheme other
// than http(s), mailto and tel become "#" (as html/template would filter
// them), bytes that are not valid in a URL are percent-encoded without
// touching existing escapes, and HTML specials are escaped.
func attrURL(u string) string {
	if scheme, _, ok := strings.Cut(u, ":"); ok && !strings.ContainsAny(scheme, "/?#") && scheme != "" {
		switch strings.ToLower(scheme) {
		case "http", "https", "mailto", "tel":
		default:
			return "#"
		}
	}
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			strings.IndexByte("-._~:/?#[]@!$()*+,;=%", c) >= 0:
			b.WriteByte(c)
		case c == '&':
			b.WriteString("&amp;")
		case c == '\'':
			b.WriteString("&#39;")
		default:
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
	return b.String()
}
