package build

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"folio/internal/diag"
	"folio/internal/links"
	"folio/internal/nav"
	"folio/internal/output"
	"folio/internal/theme"
	"folio/themes"
)

// buildNav turns SUMMARY.md into the sidebar, once per language, and
// records for each page the trail of entries that leads to it.
func (l *lang) buildNav() {
	if l.index > 0 && len(l.fallbacks) > 0 {
		l.buildFallbackNav(l.site.langs[0])
		return
	}
	l.trails = map[*page][]int{}
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
	var conv func(items []*nav.Item, trail []int) []*theme.NavItem
	conv = func(items []*nav.Item, trail []int) []*theme.NavItem {
		var out []*theme.NavItem
		for _, it := range items {
			id++
			ni := &theme.NavItem{ID: id, Title: navLabel(it)}
			t := append(slices.Clip(trail), id)
			ni.Children = conv(it.Children, t)
			linked := false
			if it.Target != "" {
				loc := l.locate(sumDir, it.Target)
				switch loc.status {
				case locExternal, locOtherSite:
					ni.URL, ni.External, linked = it.Target, true, true
					if loc.status == locOtherSite {
						ni.URL = loc.url
					}
				case locFile:
					if pg := l.byPath[loc.path]; pg != nil {
						ni.URL, linked = links.Escape(pg.url), true
						if loc.anchor != "" {
							ni.URL += "#" + url.PathEscape(loc.anchor)
						} else if _, seen := l.trails[pg]; !seen {
							l.trails[pg] = t
						}
						ni.Hidden = pg.doc != nil && pg.doc.Meta.Hidden
					}
				}
			}
			if !linked {
				// A plain-text entry or a missing page (already reported):
				// it leads to its first child, or is dropped.
				if len(ni.Children) == 0 {
					continue
				}
				ni.URL, ni.External = ni.Children[0].URL, ni.Children[0].External
			}
			out = append(out, ni)
		}
		return out
	}
	for _, p := range sp.Summary.Parts {
		part := &theme.NavPart{Title: p.Title, Items: conv(p.Items, nil)}
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
	covered := map[*page]bool{}
	id := 0
	var clone func(items []*theme.NavItem, trail []int) []*theme.NavItem
	clone = func(items []*theme.NavItem, trail []int) []*theme.NavItem {
		out := make([]*theme.NavItem, 0, len(items))
		for _, it := range items {
			id++
			n := &theme.NavItem{ID: id, Title: it.Title, URL: it.URL, External: it.External, Hidden: it.Hidden}
			t := append(slices.Clip(trail), id)
			if !it.External {
				u, frag, _ := strings.Cut(it.URL, "#")
				if dp := def.byURL[unescape(u)]; dp != nil {
					if c := l.counterpart(dp); c != nil {
						n.URL = links.Escape(c.url)
						if frag != "" {
							n.URL += "#" + frag
						} else if l.trails[c] == nil {
							l.trails[c] = t
						}
						if c.origin == nil {
							n.Title = firstNonEmpty(c.navTitle, c.title())
						}
						covered[c] = true
					}
				}
			}
			n.Children = clone(it.Children, t)
			out = append(out, n)
		}
		return out
	}
	l.nav = nil
	for _, p := range def.nav {
		l.nav = append(l.nav, &theme.NavPart{Title: p.Title, Items: clone(p.Items, nil)})
	}
	var rest []*theme.NavItem
	for _, pg := range l.pages {
		if pg.origin == nil && pg.inSummary && !covered[pg] {
			id++
			rest = append(rest, &theme.NavItem{ID: id, Title: firstNonEmpty(pg.navTitle, pg.title()), URL: links.Escape(pg.url)})
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

// writeExtras writes what is neither a page nor a static file: redirects,
// 404.html, robots.txt, sitemap.xml and the language index.
func (s *site) writeExtras(dir *output.Dir, opts Options) error {
	for _, l := range s.langs {
		if err := s.writeRedirects(l, dir); err != nil {
			return err
		}
	}
	if len(s.langs) > 1 && s.langs[0].prefix != "" {
		var buf bytes.Buffer
		li := &theme.LanguageIndex{Title: s.cfg.Title, Default: s.langs[0].space.Lang.Code, Root: "./", Languages: s.langLinks(), Site: s.langs[0].tsite}
		if err := s.theme.RenderLanguages(&buf, li); err != nil {
			return fmt.Errorf("language index: %w", err)
		}
		if err := dir.Write("index.html", buf.Bytes()); err != nil {
			return err
		}
	}
	if err := s.writeNotFound(dir, opts); err != nil {
		return err
	}
	robots := "User-agent: *\nAllow: /\n"
	if s.base != "" {
		robots += "Sitemap: " + s.base + "sitemap.xml\n"
		if err := s.writeSitemap(dir); err != nil {
			return err
		}
	}
	return dir.WriteRaw("robots.txt", []byte(robots))
}

// writeStatic writes the theme's static files under _folio/ and copies
// the site's static/ folder.
func (s *site) writeStatic(dir *output.Dir) error {
	err := fs.WalkDir(s.theme.Static(), ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		if dir.Minifying() {
			if b, ok := s.theme.Minified(p); ok {
				return dir.WriteRaw(path.Join("_folio", p), b)
			}
		}
		b, err := fs.ReadFile(s.theme.Static(), p)
		if err != nil {
			return err
		}
		return dir.Write(path.Join("_folio", p), b)
	})
	if err != nil {
		return fmt.Errorf("theme static files: %w", err)
	}
	if err := s.copyStatic(dir); err != nil {
		return err
	}
	// The logo and favicons that static/ does not hold.
	for _, p := range append([]string{s.cfg.Logo}, s.cfg.Favicon...) {
		if p == "" || strings.HasPrefix(p, "static/") {
			continue
		}
		if err := dir.Link("_folio/site/"+p, filepath.Join(s.cfg.Dir, filepath.FromSlash(p))); err != nil {
			return fmt.Errorf("site files: %w", err)
		}
	}
	// GitHub Pages would hide the _folio and _gitbook folders otherwise.
	return dir.WriteRaw(".nojekyll", nil)
}

// writeMermaid publishes the mermaid script as _folio/mermaid.min.js when
// one of pages has a diagram that it draws in the browser (theme.Page's
// Mermaid): a site without one does not ship it.
func writeMermaid(dir *output.Dir, pages []*page) error {
	if !slices.ContainsFunc(pages, func(pg *page) bool { return pg.doc != nil && pg.doc.MermaidClient > 0 }) {
		return nil
	}
	return dir.WriteRaw("_folio/mermaid.min.js", themes.Mermaid)
}

// copyStatic publishes the site's static/ folder as it is.
func (s *site) copyStatic(dir *output.Dir) error {
	root := filepath.Join(s.cfg.Dir, "static")
	if _, err := os.Stat(root); err != nil {
		return nil
	}
	return filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("static files: %w", err)
		}
		if !e.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		return dir.Link(filepath.ToSlash(rel), p)
	})
}

// writeRedirects writes a forwarding page for each redirect of
// .gitbook.yaml whose old path is not a page any more.
func (s *site) writeRedirects(l *lang, dir *output.Dir) error {
	for _, r := range l.space.GitBook.Redirects {
		from := l.prefix + links.PageURL(r.From+".md")
		if l.byURL[from] != nil {
			continue // a real page wins over a redirect, as on GitBook
		}
		target := l.byPath[r.To]
		if target == nil {
			s.diags.Add(diag.Diagnostic{Path: l.space.DiagPath(".gitbook.yaml"), Line: r.Line, Col: 1, Severity: diag.Warning,
				Rule: "redirect-target", Msg: fmt.Sprintf("redirect %s → %s: the target is not a published page", r.From, r.To)})
			continue
		}
		rd := &theme.Redirect{Site: l.tsite, From: from, To: links.Rel(from, target.url), Root: links.Root(from)}
		if s.base != "" {
			rd.Canonical = s.base + links.Escape(target.url)
		}
		var buf bytes.Buffer
		if err := s.theme.RenderRedirect(&buf, rd); err != nil {
			return fmt.Errorf("redirect %s: %w", r.From, err)
		}
		if err := dir.Write(from+"index.html", buf.Bytes()); err != nil {
			return err
		}
		s.stats.Redirects++
	}
	return nil
}

// writeNotFound writes 404.html. Static hosts serve it at any depth, so
// its links start from the base URL's path rather than a relative root.
func (s *site) writeNotFound(dir *output.Dir, opts Options) error {
	l := s.langs[0]
	root := "/"
	if s.base != "" {
		if u, err := url.Parse(s.base); err == nil && u.Path != "" {
			root = u.Path
		}
	}
	p := &theme.Page{Site: l.tsite, URL: "404.html", Root: root, Title: l.tsite.Strings["not_found_title"],
		Layout: theme.DefaultLayout(), NoIndex: true, Dev: opts.Dev}
	var buf bytes.Buffer
	if err := s.theme.RenderNotFound(&buf, p); err != nil {
		return fmt.Errorf("404 page: %w", err)
	}
	return dir.Write("404.html", buf.Bytes())
}

func (s *site) writeSitemap(dir *output.Dir) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, l := range s.langs {
		for _, pg := range l.pages {
			if pg.origin != nil || pg.doc != nil && pg.doc.Meta.NoIndex {
				continue // fallback copies point to their original
			}
			buf.WriteString("<url><loc>")
			_ = xml.EscapeText(&buf, []byte(s.base+links.Escape(pg.url)))
			buf.WriteString("</loc>")
			if pg.trans != nil {
				for _, a := range s.alternates(pg) {
					buf.WriteString(`<xhtml:link rel="alternate" hreflang="`)
					_ = xml.EscapeText(&buf, []byte(a.Lang))
					buf.WriteString(`" href="`)
					_ = xml.EscapeText(&buf, []byte(a.URL))
					buf.WriteString(`"/>`)
				}
			}
			buf.WriteString("</url>\n")
		}
	}
	buf.WriteString("</urlset>\n")
	return dir.Write("sitemap.xml", buf.Bytes())
}
