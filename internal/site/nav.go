package site

import (
	"fmt"
	"html/template"
	"net/url"
	"path"
	"slices"
	"strings"

	"folio/internal/diag"
	"folio/internal/gitbook"
	"folio/internal/links"
	"folio/internal/nav"
	"folio/internal/theme"
)

// Navigation: the sidebar of each language, the trail of entries that
// leads to each page (which the sidebar opens), and the reading order
// behind the previous and next links.

// buildNav turns SUMMARY.md into the sidebar, once per language, and
// records for each page the trail of entries that leads to it.
func (l *lang) buildNav() {
	if l.index > 0 && len(l.fallbacks) > 0 {
		l.buildFallbackNav(l.site.langs[0])
		return
	}
	l.trails = map[*page][]int{}
	l.navHidden = map[*page]bool{}
	id := 0
	sp := l.space
	if sp.Summary == nil {
		part := &theme.NavPart{}
		for _, pg := range l.pages {
			if pg.order < 0 {
				continue
			}
			id++
			part.Items = append(part.Items, &theme.NavItem{ID: id, Title: pg.title(), URL: links.Escape(pg.url)})
			l.trails[pg] = []int{id}
		}
		l.nav = []*theme.NavPart{part}
		return
	}
	sumDir := path.Dir(sp.GitBook.Summary)
	// hidden: the entries are under a hidden page's, which hides them too.
	var conv func(items []*nav.Item, trail []int, hidden bool) []*theme.NavItem
	conv = func(items []*nav.Item, trail []int, hidden bool) []*theme.NavItem {
		var out []*theme.NavItem
		for _, it := range items {
			id++
			ni := &theme.NavItem{ID: id, Title: navLabel(it)}
			t := append(slices.Clip(trail), id)
			linked := false
			if it.Target != "" {
				loc := l.locate(sumDir, it.Target)
				switch loc.status {
				case locUnsafe:
					scheme, _ := links.Scheme(it.Target)
					l.site.diags.Add(diag.Diagnostic{Path: sp.DiagPath(sp.GitBook.Summary), Line: it.Line, Col: it.Col,
						Severity: diag.Warning, Rule: "unsafe-url",
						Msg:  fmt.Sprintf("SUMMARY.md entry %q: link to a %s: URL removed; its title is shown alone", it.Title, scheme),
						Hint: "only http, https, mailto, tel and relative links are published"})
				case locExternal, locOtherSite:
					ni.URL, ni.External, linked = it.Target, true, true
					if loc.status == locOtherSite {
						ni.URL = loc.url
					}
				case locFile:
					if pg := l.byPath[loc.path]; pg != nil {
						ni.URL, linked = links.Escape(pg.url), true
						ni.Title = firstNonEmpty(ni.Title, pg.title())
						ni.Hidden = pg.doc != nil && pg.doc.Meta.Hidden
						ni.Icon = pageIcon(pg)
						if loc.anchor != "" {
							ni.URL += "#" + url.PathEscape(loc.anchor)
						} else if _, seen := l.trails[pg]; !seen {
							// The entry that places the page decides whether
							// the previous and next links skip it; one to a
							// heading of it, or a second one, does not.
							l.trails[pg] = t
							l.navHidden[pg] = hidden || ni.Hidden
						}
					}
				}
			}
			ni.Children = conv(it.Children, t, hidden || ni.Hidden)
			if !linked {
				// A plain-text entry or a missing page (already reported)
				// is its title alone, as HonKit shows it, children or
				// not: a link to its first child would be that child's
				// link twice.
				ni.Label = true
			}
			out = append(out, ni)
		}
		return out
	}
	for _, p := range sp.Summary.Parts {
		part := &theme.NavPart{Title: p.Title, Items: conv(p.Items, nil, false)}
		if len(part.Items) > 0 || part.Title != "" {
			l.nav = append(l.nav, part)
		}
	}
}

// buildFallbackNav gives a language with fallback copies the navigation
// of the default language, each entry leading to the translation when
// there is one and to the copy otherwise, so that nothing is missing.
// Pages of the language that this structure does not reach follow in a
// last group. The reading order follows the navigation.
func (l *lang) buildFallbackNav(def *lang) {
	l.trails = map[*page][]int{}
	l.navHidden = map[*page]bool{}
	covered := map[*page]bool{}
	id := 0
	var clone func(items []*theme.NavItem, trail []int, hidden bool) []*theme.NavItem
	clone = func(items []*theme.NavItem, trail []int, hidden bool) []*theme.NavItem {
		out := make([]*theme.NavItem, 0, len(items))
		for _, it := range items {
			id++
			n := &theme.NavItem{ID: id, Title: it.Title, URL: it.URL, External: it.External, Label: it.Label, Hidden: it.Hidden, Icon: it.Icon}
			t := append(slices.Clip(trail), id)
			if !it.External && !it.Label {
				u, frag, _ := strings.Cut(it.URL, "#")
				if dp := def.byURL[unescape(u)]; dp != nil {
					if c := l.counterpart(dp); c != nil {
						n.URL = links.Escape(c.url)
						if frag != "" {
							n.URL += "#" + frag
						} else if l.trails[c] == nil {
							l.trails[c] = t
							l.navHidden[c] = hidden || it.Hidden
						}
						if c.origin == nil {
							n.Title = firstNonEmpty(c.navTitle, c.title())
						}
						covered[c] = true
					}
				}
			}
			n.Children = clone(it.Children, t, hidden || it.Hidden)
			out = append(out, n)
		}
		return out
	}
	l.nav = nil
	for _, p := range def.nav {
		l.nav = append(l.nav, &theme.NavPart{Title: p.Title, Items: clone(p.Items, nil, false)})
	}
	var rest []*theme.NavItem
	for _, pg := range l.pages {
		if pg.origin == nil && pg.inSummary && !covered[pg] {
			id++
			rest = append(rest, &theme.NavItem{ID: id, Title: firstNonEmpty(pg.navTitle, pg.title()), URL: links.Escape(pg.url), Icon: pageIcon(pg)})
			l.trails[pg] = []int{id}
		}
	}
	if len(rest) > 0 {
		l.nav = append(l.nav, &theme.NavPart{Items: rest})
	}

	// Reading order: the order of the navigation.
	for _, pg := range l.pages {
		pg.order = -1
	}
	n := 0
	var walk func(items []*theme.NavItem)
	walk = func(items []*theme.NavItem) {
		for _, it := range items {
			if pg := l.byURL[unescape(it.URL)]; pg != nil && !it.External && pg.order < 0 {
				pg.order = n
				n++
			}
			walk(it.Children)
		}
	}
	if home := l.byURL[l.prefix]; home != nil {
		home.order = n
		n++
	}
	for _, p := range l.nav {
		walk(p.Items)
	}
	slices.SortStableFunc(l.pages, func(a, b *page) int {
		switch {
		case a.order < 0 && b.order < 0:
			return 0
		case a.order < 0:
			return 1
		case b.order < 0:
			return -1
		}
		return a.order - b.order
	})
}

// neighbour returns the page before (step -1) or after (step 1) the page
// at position i of the reading order, for its previous and next links.
func (l *lang) neighbour(i, step int) *page {
	// Hidden pages, and those under a hidden page's entry, are left out,
	// as the sidebar leaves them out.
	for i += step; i >= 0 && i < len(l.pages) && l.pages[i].order == i; i += step {
		if pg := l.pages[i]; !l.navHidden[pg] && (pg.doc == nil || !pg.doc.Meta.Hidden) {
			return pg
		}
	}
	return nil
}

// pageIcon is the icon a page's front matter names, drawn beside its
// title; "" for none or one folio has not drawn.
func pageIcon(pg *page) template.HTML {
	if pg.doc == nil || pg.doc.Meta.Icon == "" {
		return ""
	}
	return template.HTML(gitbook.DecorativeIconSVG(pg.doc.Meta.Icon))
}

func navLabel(it *nav.Item) string {
	if it.Label != "" {
		return it.Label
	}
	return it.Title
}
