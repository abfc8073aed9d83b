package site

import (
	"cmp"
	"fmt"
	"html/template"
	"iter"
	"net/url"
	"path"
	"slices"
	"strings"

	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/gitbook"
	"folio/internal/links"
	"folio/internal/nav"
	"folio/internal/theme"
)

// Navigation: the sidebar of each language, the trail of entries that
// leads to each page (which the sidebar opens), and the reading order
// behind the previous and next links.

// clearNavTitles forgets which pages a sidebar shows the title of, before
// every language's sidebar is built anew: one language's may show the
// title of a page of another section (buildOwnNav sets it).
func (s *site) clearNavTitles() {
	for _, l := range s.langs {
		for _, pg := range l.pages {
			pg.navShowsTitle = false
		}
	}
}

// buildNav turns SUMMARY.md into the sidebar, once per language, and
// records for each page the trail of entries that leads to it. A
// language that asks for fallback copies then gets, in its sidebar, every
// page of the default language's.
func (l *lang) buildNav() {
	l.buildOwnNav()
	l.indexHeadPlaced()
	if l.def != l && l.space.Lang.Fallback {
		l.placeFallbacks(l.def)
	}
	l.numberNav()
}

// buildOwnNav builds the sidebar of the language's own SUMMARY.md.
func (l *lang) buildOwnNav() {
	sp := l.space
	if sp.Summary == nil {
		part := &theme.NavPart{}
		for _, pg := range l.pages {
			if pg.order < 0 || pg.origin != nil {
				// A fallback copy has a place once a sidebar was built:
				// placeFallbacks gives it one again.
				continue
			}
			part.Items = append(part.Items, &theme.NavItem{Title: pg.title(), URL: links.Escape(pg.url)})
		}
		l.nav = []*theme.NavPart{part}
		return
	}
	sumDir := path.Dir(sp.GitBook.Summary)
	var conv func(items []*nav.Item) []*theme.NavItem
	conv = func(items []*nav.Item) []*theme.NavItem {
		var out []*theme.NavItem
		for _, it := range items {
			ni := &theme.NavItem{Title: navLabel(it)}
			linked := false
			if it.Target != "" {
				loc := l.locate(sumDir, it.Target)
				if loc.guessed != "" {
					o := cmp.Or(loc.other, l)
					l.site.diags.Add(diag.Diagnostic{Path: sp.DiagPath(sp.GitBook.Summary), Line: it.Line, Col: it.Col, Severity: diag.Warning, Rule: "link-gitbook-space",
						Msg:  fmt.Sprintf("SUMMARY.md entry %q: space %s is not mapped; it leads to %s, the only section with a page at that path", it.Title, loc.guessed, o.space.DiagPath(loc.path)),
						Hint: "map the space id in site.yaml gitbook_spaces: " + loc.guessed + ": " + o.space.Lang.Dir})
				}
				switch loc.status {
				case locUnsafe:
					scheme, _ := links.Scheme(it.Target)
					l.site.diags.Add(diag.Diagnostic{Path: sp.DiagPath(sp.GitBook.Summary), Line: it.Line, Col: it.Col,
						Severity: diag.Warning, Rule: "unsafe-url",
						Msg:  fmt.Sprintf("SUMMARY.md entry %q: link to %s %s: URL removed; its title is shown alone", it.Title, indefinite(scheme), scheme),
						Hint: "only http, https, mailto, tel and relative links are published"})
				case locSpace:
					// Another GitBook space no site maps: kept, as in a
					// page, for those who can open GitBook (t46: a dead
					// label, untold).
					hint := "map the space id in site.yaml gitbook_spaces, or list the page directly"
					if loc.org {
						hint = "list a page of this site"
					}
					l.site.diags.Add(diag.Diagnostic{Path: sp.DiagPath(sp.GitBook.Summary), Line: it.Line, Col: it.Col, Severity: diag.Error,
						Rule: "link-gitbook-space", Msg: fmt.Sprintf("SUMMARY.md entry %q: %s", it.Title, spaceLinkMsg(it.Target, loc.org)), Hint: hint})
					ni.URL, ni.External, linked = it.Target, true, true
				case locOtherLang:
					// A page of another section (or language) of the
					// site, as GitBook links another space.
					pg := loc.other.byPath[loc.path]
					if pg == nil || pg.origin != nil {
						l.site.diags.Add(diag.Diagnostic{Path: sp.DiagPath(sp.GitBook.Summary), Line: it.Line, Col: it.Col, Severity: diag.Error,
							Rule: "summary-missing", Msg: fmt.Sprintf("SUMMARY.md entry %q points to %s, which is not a page of %s", it.Title, loc.other.space.DiagPath(loc.path), loc.other.what(l))})
					} else {
						ni.URL, linked = links.Escape(pg.url), true
						if loc.anchor != "" {
							id, ok := pg.anchorID(loc.anchor)
							if !ok {
								d := diag.Diagnostic{Path: sp.DiagPath(sp.GitBook.Summary), Line: it.Line, Col: it.Col, Severity: diag.Warning, Rule: "link-anchor",
									Msg: fmt.Sprintf("SUMMARY.md entry %q: anchor #%s matches no heading in %s", it.Title, loc.anchor, loc.other.space.DiagPath(loc.path))}
								d.Hint = anchorHint(pg.ids, loc.anchor)
								l.site.diags.Add(d)
							}
							ni.URL += "#" + url.PathEscape(id)
						}
						if ni.Title == "" {
							ni.Title = pg.title()
							ni.Lang, _ = l.foreignTitle(pg)
							pg.navShowsTitle = true // a change of it changes this sidebar (t69)
						}
					}
				case locExternal, locOtherSite:
					ni.URL, ni.External, linked = it.Target, true, true
					if loc.status == locOtherSite {
						ni.URL = loc.url
					}
				case locFile, locMissing:
					pg := l.byPath[loc.path]
					if loc.status == locMissing {
						pg = l.fallbackEntry(sp, it, loc.path)
					}
					if pg != nil {
						ni.URL, linked = links.Escape(pg.url), true
						if pg.origin != nil {
							// A copy listed here: this language's label,
							// which titles it when its page does not (t64).
							pg.navTitle = ni.Title
						}
						if ni.Title == "" {
							ni.Lang = pg.copyLang() // the copied page's title
						}
						if ni.Title == "" {
							pg.navShowsTitle = true
						}
						ni.Title = firstNonEmpty(ni.Title, pg.title())
						ni.Hidden = pg.doc != nil && pg.doc.Meta.Hidden
						ni.Icon = pageIcon(pg)
						if loc.anchor != "" {
							// The heading's ID as the page has it (an "id-"
							// prefix, letter case, composed accents).
							id, ok := pg.anchorID(loc.anchor)
							if !ok {
								file := sp.DiagPath(loc.path)
								if pg.src != nil {
									file = pg.src.space.DiagPath(pg.path) // a fallback copy's original
								}
								d := diag.Diagnostic{Path: sp.DiagPath(sp.GitBook.Summary), Line: it.Line, Col: it.Col,
									Severity: diag.Warning, Rule: "link-anchor",
									Msg: fmt.Sprintf("SUMMARY.md entry %q: anchor #%s matches no heading in %s", ni.Title, loc.anchor, file)}
								d.Hint = anchorHint(pg.ids, loc.anchor)
								l.site.diags.Add(d)
							}
							ni.URL += "#" + url.PathEscape(id)
						}
					}
				}
			}
			ni.Children = conv(it.Children)
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
		// A group without entries (a "## Title" followed by the next one)
		// is left out: its title would head an empty list.
		part := &theme.NavPart{Title: p.Title, Items: conv(p.Items)}
		if len(part.Items) > 0 {
			l.nav = append(l.nav, part)
		}
	}
}

// fallbackOrigin returns the default language's page at path p of a
// language that asks for fallback copies, where the language has no file
// at p: its SUMMARY.md may list a page the translators have not reached
// yet, and the copy of the original stands for it. Nil otherwise.
func (l *lang) fallbackOrigin(p string) *page {
	if l.def == l || !l.space.Lang.Fallback {
		return nil
	}
	return l.def.byPath[p]
}

// fallbackPage returns the page that stands for the default language's
// page at path p in a language that asks for fallback copies and has no
// file at p: the original's copy, or its translation at another path;
// nil otherwise.
func (l *lang) fallbackPage(p string) *page {
	if orig := l.fallbackOrigin(p); orig != nil {
		return l.counterpart(orig)
	}
	return nil
}

// fallbackEntry returns the page that SUMMARY.md entry it of a fallback
// language stands for, when the language lacks the file at p: the
// original's counterpart here (its copy, or a translation at another
// path). Discover left the entry alone for it; with no such page, the
// entry is reported missing here, and is its title alone.
func (l *lang) fallbackEntry(sp *content.Space, it *nav.Item, p string) *page {
	if l.fallbackOrigin(p) == nil {
		return nil
	}
	if c := l.fallbackPage(p); c != nil {
		return c
	}
	l.site.diags.Add(diag.Diagnostic{Path: sp.DiagPath(sp.GitBook.Summary), Line: it.Line, Col: it.Col,
		Severity: diag.Error, Rule: "summary-missing",
		Msg: fmt.Sprintf("SUMMARY.md entry %q points to a missing file %s", it.Title, p)})
	return nil
}

// placeFallbacks completes the sidebar of a language that asks for
// fallback copies, so that it has an entry for every page of the default
// language's sidebar. The language's own SUMMARY.md keeps its groups,
// titles, labels, external links, order and nesting: where the two
// differ, the translators' choice wins. Each entry of the default
// language whose page this sidebar lacks (a fallback copy, or a
// translation that SUMMARY.md leaves out) is added where the default
// language has it. When its parent has an entry here, it goes under that
// entry, after the nearest earlier sibling there (before the nearest
// later one, else last). Otherwise it goes beside its nearest sibling
// listed here, wherever this language lists it, else last under the entry
// of its nearest ancestor listed here, else last in the group that holds
// the entries of its group. A group of the default language none of
// whose pages this language lists comes whole, with its own title (its
// pages are in that language), marked as in that language (NavPart.Lang),
// after the group that holds the entries of the group before it. An added
// entry keeps the default language's title for a copy, whose text is in
// that language, and takes a translation's own. The reading order follows
// the sidebar.
func (l *lang) placeFallbacks(def *lang) {
	// Where each entry of the language's sidebar is: the group, and the
	// entry it is under (nil at the top of the group).
	type slot struct {
		part   *theme.NavPart
		parent *theme.NavItem
	}
	list := func(s slot) *[]*theme.NavItem {
		if s.parent != nil {
			return &s.parent.Children
		}
		return &s.part.Items
	}
	slotOf := map[*theme.NavItem]slot{}
	listed := map[*page]*theme.NavItem{} // the entry that places each page
	own := map[*page]bool{}              // the pages SUMMARY.md has an entry for
	var index func(p *theme.NavPart, parent *theme.NavItem, items []*theme.NavItem)
	index = func(p *theme.NavPart, parent *theme.NavItem, items []*theme.NavItem) {
		for _, it := range items {
			slotOf[it] = slot{part: p, parent: parent}
			if pg := l.navPage(it); pg != nil {
				own[pg] = true
			}
			if pg := l.placedPage(it); pg != nil && listed[pg] == nil {
				listed[pg] = it
			}
			index(p, it, it.Children)
		}
	}
	for _, p := range l.nav {
		index(p, nil, p.Items)
	}

	// missing is the page of this language that a default-language entry
	// stands for, when the sidebar lacks it; nil otherwise.
	missing := func(it *theme.NavItem) *page {
		if dp := def.navPage(it); dp != nil {
			if c := l.counterpart(dp); c != nil && !own[c] {
				return c
			}
		}
		return nil
	}
	added := map[*theme.NavItem]*theme.NavItem{} // default-language entry → its copy here
	entryOf := func(it *theme.NavItem) *theme.NavItem {
		if n := added[it]; n != nil {
			return n
		}
		if dp := def.placedPage(it); dp != nil {
			if c := l.counterpart(dp); c != nil {
				return listed[c]
			}
		}
		return nil
	}
	// place adds the entries of items that this sidebar lacks; at is where
	// they go by default: under the entry of their parent or nearest
	// listed ancestor, or at the top of their group. parent is set when
	// their parent itself has an entry here, whose children they join.
	var place func(items []*theme.NavItem, at slot, parent *theme.NavItem)
	place = func(items []*theme.NavItem, at slot, parent *theme.NavItem) {
		for i, it := range items {
			if c := missing(it); c != nil {
				_, frag, _ := strings.Cut(it.URL, "#")
				n := &theme.NavItem{Title: it.Title, URL: links.Escape(c.url), Hidden: c.doc != nil && c.doc.Meta.Hidden, Icon: pageIcon(c)}
				if frag != "" {
					n.URL += "#" + frag
				} else if c.origin == nil {
					// A translation its language's SUMMARY.md does not
					// list: its own title, which every page's sidebar
					// shows (t60 F3: an edit kept the old one there).
					n.Title = firstNonEmpty(c.navTitle, c.title())
					c.navShowsTitle = c.navTitle == ""
				}
				if frag != "" || c.origin != nil {
					n.Lang = def.space.Lang.Code // the default language's title
				}
				// Beside its nearest sibling listed here: under their
				// parent's entry when it has one, anywhere otherwise.
				to := at
				dst, pos := list(to), -1
			find:
				for _, dir := range []int{-1, 1} {
					for j := i + dir; j >= 0 && j < len(items); j += dir {
						e := entryOf(items[j])
						if e == nil || parent != nil && slotOf[e].parent != parent {
							continue
						}
						to = slotOf[e]
						dst = list(to)
						pos = slices.Index(*dst, e)
						if dir < 0 {
							pos++
						}
						break find
					}
				}
				if pos < 0 {
					pos = len(*dst)
				}
				*dst = slices.Insert(*dst, pos, n)
				added[it], slotOf[n] = n, to
				if frag == "" && listed[c] == nil {
					listed[c] = n
				}
			}
			if e := entryOf(it); e != nil {
				place(it.Children, slot{part: slotOf[e].part, parent: e}, e)
			} else {
				place(it.Children, at, nil)
			}
		}
	}
	var last *theme.NavPart // the group the previous group's entries are in
	for _, dp := range def.nav {
		var home *theme.NavPart // the group that holds the entries of dp
		var lacks bool
		var find func(items []*theme.NavItem)
		find = func(items []*theme.NavItem) {
			for _, it := range items {
				if e := entryOf(it); e != nil && home == nil {
					home = slotOf[e].part
				}
				lacks = lacks || missing(it) != nil
				find(it.Children)
			}
		}
		find(dp.Items)
		if home == nil {
			if !lacks {
				continue
			}
			home = &theme.NavPart{Title: dp.Title}
			if dp.Title != "" {
				home.Lang = def.space.Lang.Code // its title, from the default language's SUMMARY.md
			}
			l.nav = slices.Insert(l.nav, slices.Index(l.nav, last)+1, home)
		}
		place(dp.Items, slot{part: home}, nil)
		last = home
	}

	l.indexHeadPlaced() // with the entries added

	// Reading order: the order of the navigation.
	for _, pg := range l.pages {
		pg.order = -1
	}
	n := 0
	var walk func(items []*theme.NavItem)
	walk = func(items []*theme.NavItem) {
		for _, it := range items {
			if pg := l.placedPage(it); pg != nil && pg.order < 0 {
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

// numberNav numbers the entries of the sidebar in order, an entry before
// its children, and records for each page the trail of entries that
// leads to it and whether the previous and next links skip it: the entry
// that places the page decides, not one to a heading of it nor a second
// one; an entry under a hidden page's is hidden too.
func (l *lang) numberNav() {
	l.trails = map[*page][]int{}
	l.navHidden = map[*page]bool{}
	id := 0
	var number func(items []*theme.NavItem, trail []int, hidden bool)
	number = func(items []*theme.NavItem, trail []int, hidden bool) {
		for _, it := range items {
			id++
			it.ID = id
			t := append(slices.Clip(trail), id)
			if pg := l.placedPage(it); pg != nil && l.trails[pg] == nil {
				l.trails[pg] = t
				l.navHidden[pg] = hidden || it.Hidden
			}
			number(it.Children, t, hidden || it.Hidden)
		}
	}
	for _, p := range l.nav {
		number(p.Items, nil, false)
	}
}

// placedPage is the page an entry places: navPage, for an entry to the
// page itself rather than to a heading of it, or for the first entry to
// a heading of a page that no entry names itself (headPlaced).
func (l *lang) placedPage(it *theme.NavItem) *page {
	if strings.Contains(it.URL, "#") {
		if pg := l.navPage(it); pg != nil && l.headPlaced[pg] == it {
			return pg
		}
		return nil
	}
	return l.navPage(it)
}

// indexHeadPlaced finds the pages that the sidebar reaches only through
// entries to headings of them (* [Setup](guide.md#setup)), and the first
// such entry of each, which places the page: in the reading order, the
// print page and the trail the sidebar opens, as an entry to the page
// itself would.
func (l *lang) indexHeadPlaced() {
	named := map[*page]bool{}
	var anchored []*theme.NavItem
	for it := range navItems(l.nav) {
		if pg := l.navPage(it); pg != nil {
			if strings.Contains(it.URL, "#") {
				anchored = append(anchored, it)
			} else {
				named[pg] = true
			}
		}
	}
	l.headPlaced = map[*page]*theme.NavItem{}
	for _, it := range anchored {
		if pg := l.navPage(it); !named[pg] && l.headPlaced[pg] == nil {
			l.headPlaced[pg] = it
		}
	}
}

// navItems yields every entry of a sidebar, depth first in reading order.
func navItems(parts []*theme.NavPart) iter.Seq[*theme.NavItem] {
	return func(yield func(*theme.NavItem) bool) {
		var walk func(items []*theme.NavItem) bool
		walk = func(items []*theme.NavItem) bool {
			for _, it := range items {
				if !yield(it) || !walk(it.Children) {
					return false
				}
			}
			return true
		}
		for _, p := range parts {
			if !walk(p.Items) {
				return
			}
		}
	}
}

// anchoredIn reports whether a sidebar entry of some language names a
// heading of pg (page.md#setup): the entry's link and its check follow
// pg's heading IDs.
func (s *site) anchoredIn(pg *page) bool {
	for _, l := range s.langs {
		for it := range navItems(l.nav) {
			if it.External || it.Label || !strings.Contains(it.URL, "#") {
				continue
			}
			// A fallback copy's IDs are its original's; an entry may
			// lead to a page of another section.
			p := l.navPage(it)
			if p == nil {
				u, _, _ := strings.Cut(it.URL, "#")
				for _, o := range s.langs {
					if p = o.byURL[unescape(u)]; p != nil {
						break
					}
				}
			}
			if p != nil && (p == pg || p.origin == pg) {
				return true
			}
		}
	}
	return false
}

// navPage is the page of the language that a sidebar entry leads to, a
// heading of it included; nil for a label or another site's page.
func (l *lang) navPage(it *theme.NavItem) *page {
	if it.External || it.Label {
		return nil
	}
	u, _, _ := strings.Cut(it.URL, "#")
	return l.byURL[unescape(u)]
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

// foreignTitle is the language, and the writing direction when it is not
// the text's either, of target's title where the text of l shows it (a
// {% content-ref %} card, a mention): the default language's for a
// fallback copy's title in a translated page, the translation's for its
// title in a fallback copy; "" when the title is in l's language.
func (l *lang) foreignTitle(target *page) (code, dir string) {
	if target.titledHere() && target.home == l {
		return "", "" // a copy titled by this language's label (t65)
	}
	o := target.src // a fallback copy's text, its title included
	if o == nil {
		for _, c := range l.site.langs {
			if c.byURL[target.url] == target {
				o = c
				break
			}
		}
	}
	if o == nil || o == l || o.space.Lang.Code == l.space.Lang.Code {
		return "", ""
	}
	code = o.space.Lang.Code
	if d := o.dir(); d != l.dir() {
		dir = d
	}
	return code, dir
}

// dir is the writing direction of the language's text.
func (l *lang) dir() string {
	if l.tsite != nil && l.tsite.Dir != "" {
		return l.tsite.Dir
	}
	return theme.Direction(l.space.Lang.Code)
}
