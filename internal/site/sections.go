package site

import (
	"cmp"
	"html/template"
	"slices"
	"strings"

	"folio/internal/gitbook"
	"folio/internal/theme"
)

// Sections: a docs.yaml site's sections (Documentation, Developers…) are
// languages of the site grouped by config.Language.Section, each group
// with its default language first (lang.def), published under the
// section's path. They are not translations of each other; links between
// them, by path, by GitBook space id or by the site's old address, lead to
// each other's pages.

// name is how messages name the language: its code, after its section's
// path in a site with sections (api/fr).
func (l *lang) name() string {
	if l.space.Lang.Section > 0 {
		return l.site.cfg.Sections[l.space.Lang.Section].Path + "/" + l.space.Lang.Code
	}
	return l.space.Lang.Code
}

// innerLangAt returns the language other than l whose pages are
// published in a folder of l's at the site path u: another section's,
// or a language's beside a default language at the site's top. A
// section's own address is its language index's, when it has one.
func (l *lang) innerLangAt(u string) *lang {
	for _, o := range l.inner {
		if hasFoldPrefix(u, o.prefix) {
			return o
		}
		if at := l.site.sectionPrefix(o); o.def == o && at != o.prefix && len(at) > len(l.prefix) && strings.EqualFold(u, at) {
			return o
		}
	}
	return nil
}

// findInner sets each language's inner: the languages whose folder, or
// whose section's language index, is in its folder. Most sites have none,
// and the pages and files of a language, which innerLangAt checks, need
// not look at the others.
func (s *site) findInner() {
	for _, l := range s.langs {
		for _, o := range s.langs {
			if o != l && len(o.prefix) > len(l.prefix) && hasFoldPrefix(o.prefix, l.prefix) {
				l.inner = append(l.inner, o)
			}
		}
	}
}

// hasFoldPrefix reports whether s starts with prefix, in any letter case.
func hasFoldPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// folderName names, in a message, the language or section whose pages
// are in l's folder: "section Developers" or "the language fr".
func (l *lang) folderName() string {
	if sect := l.space.Lang.Section; sect > 0 && l.def == l {
		return "section " + l.site.cfg.Sections[sect].Name()
	}
	return "the language " + l.name()
}

// what names l in a message about a link from a page of from: "that
// language", or "that section" for a language of another section.
func (l *lang) what(from *lang) string {
	if l.def != from.def {
		return "that section"
	}
	return "that language"
}

// sectionLinks lists the site's sections, each linked to the home of its
// default language, for the pages of l; nil for a site without sections.
// They are in docs.yaml's order, the top section where docs.yaml has it.
func (s *site) sectionLinks(l *lang) []theme.SectionLink {
	if len(s.cfg.Sections) < 2 {
		return nil
	}
	defs := make([]*lang, len(s.cfg.Sections)) // each section's default language
	for _, o := range s.langs {
		if o.def == o {
			defs[o.space.Lang.Section] = o
		}
	}
	order := make([]int, len(defs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(s.cfg.Sections[a].Order, s.cfg.Sections[b].Order) })
	var out []theme.SectionLink
	for _, i := range order {
		o := defs[i]
		if o == nil {
			continue
		}
		// The section's home in the reader's language, if it has it.
		home := o
		for _, c := range s.langs {
			if c.def == o && strings.EqualFold(c.space.Lang.Code, l.space.Lang.Code) {
				home = c
			}
		}
		sec := s.cfg.Sections[i]
		title := firstNonEmpty(localized(sec.Titles, l.space.Lang.Code), sec.Title, s.siteTitle(o))
		out = append(out, theme.SectionLink{Title: title, URL: home.prefix, Current: o == l.def, Icon: template.HTML(gitbook.DecorativeIconSVG(sec.Icon))})
	}
	return out
}

// sectionPrefix is the site path of the section of l: "" for the top
// section, as for a site without sections.
func (s *site) sectionPrefix(l *lang) string {
	if sect := l.space.Lang.Section; sect > 0 {
		return s.cfg.Sections[sect].Path + "/"
	}
	return ""
}

// localized returns the text of titles (by language code) for the
// language code, or for its base language (fr for fr-CA); "" for none.
func localized(titles map[string]string, code string) string {
	for _, c := range []string{code, strings.SplitN(code, "-", 2)[0]} {
		for k, v := range titles {
			if strings.EqualFold(k, c) && strings.TrimSpace(v) != "" {
				return strings.TrimSpace(v)
			}
		}
	}
	return ""
}

// sectionOfURL returns the language whose pages a path of the site's old
// GitBook address leads to, and the path within it: a section's path
// leads into that section, the rest of the site is the top section's, as
// GitBook composes the addresses. Of a section's languages, the one of l
// (the language of the page that links), else the section's default.
func (s *site) sectionOfURL(l *lang, p string) (*lang, string) {
	if len(s.cfg.Sections) < 2 {
		return l, p
	}
	p = strings.Trim(p, "/")
	sect, rest := 0, p
	for i, sec := range s.cfg.Sections {
		// The longest path that leads there: guides/v2 before guides.
		n := len(sec.Path)
		if i > 0 && hasFoldPrefix(p, sec.Path) && (len(p) == n || p[n] == '/') && len(p)-n < len(rest) {
			sect, rest = i, p[n:]
		}
	}
	if sect == l.space.Lang.Section {
		return l, rest
	}
	var o *lang
	for _, c := range s.langs {
		if c.space.Lang.Section != sect {
			continue
		}
		if o == nil {
			o = c // the section's default, its first
		}
		if strings.EqualFold(c.space.Lang.Code, l.space.Lang.Code) {
			o = c
			break
		}
	}
	return o, rest
}

// guessSpace finds, in a site of sections, the page that a link to a
// GitBook space that gitbook_spaces does not map leads to: the page at
// path p in the one section that has one, in l's language if that
// section has it (GitBook's links between the spaces of a site, where
// docs.yaml does not give their ids). Nil when no section, or several,
// have the page.
func (s *site) guessSpace(l *lang, p string) (*lang, string) {
	if len(s.cfg.Sections) < 2 || strings.Trim(p, "/") == "" {
		return nil, ""
	}
	var found *lang
	file := ""
	for _, o := range s.langs {
		f, ok := o.findURLPath(p)
		switch {
		case !ok:
			continue
		case found != nil && found.def != o.def:
			return nil, "" // in two sections: no telling which
		case found == nil || strings.EqualFold(o.space.Lang.Code, l.space.Lang.Code) && !strings.EqualFold(found.space.Lang.Code, l.space.Lang.Code):
			found, file = o, f
		}
	}
	return found, file
}

// langOfDir returns the language whose content folder is d (a folder
// gitbook_spaces maps a space to), nil for none.
func (s *site) langOfDir(d string) *lang {
	if d == "" {
		return nil
	}
	for _, o := range s.langs {
		if o.space.Lang.Dir == d {
			return o
		}
	}
	return nil
}

// sectionSize is the number of languages in the section of l.
func (s *site) sectionSize(l *lang) int {
	n := 0
	for _, o := range s.langs {
		if o.def == l.def {
			n++
		}
	}
	return n
}

// sectionDefault returns the first language of the section sect, its
// default, nil before it is loaded.
func (s *site) sectionDefault(sect int) *lang {
	for _, l := range s.langs {
		if l.space.Lang.Section == sect {
			return l
		}
	}
	return nil
}
