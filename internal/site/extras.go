package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/links"
	"folio/internal/output"
	"folio/internal/symlink"
	"folio/internal/theme"
	"folio/themes"
)

// writeExtras writes what is neither a page nor a static file: redirects,
// 404.html, robots.txt, sitemap.xml, the language index and review mode's
// indexes.
func (s *site) writeExtras(dir *output.Dir, opts Options) error {
	for _, l := range s.langs {
		if err := s.writeRedirects(l, dir); err != nil {
			return err
		}
		if err := s.writeMoves(l, dir); err != nil { // moves.go
			return err
		}
		if err := s.writeHonKitForwards(l, dir); err != nil { // honkiturls.go
			return err
		}
		if l.tsite.SharedNav() {
			// A big sidebar, written once for every page (theme.NavScript),
			// among folio's own files, which no file of the site can clash with.
			if err := dir.WriteRaw(l.tsite.NavScript()); err != nil {
				return err
			}
		}
	}
	for _, def := range s.langs {
		// A section's languages, the site's without sections, are each
		// in a folder: the section's own address lists them.
		at := s.sectionPrefix(def)
		if def.def != def || def.prefix == at {
			continue
		}
		var buf bytes.Buffer
		title := s.cfg.Title
		if def.book != nil && title == "" {
			title = def.book.Title // a LANGS.md book names itself in book.json (t45: "Languages")
		}
		if sect := def.space.Lang.Section; sect > 0 {
			title = firstNonEmpty(title, s.siteTitle(def)) + " – " + s.cfg.Sections[sect].Name()
		}
		li := &theme.LanguageIndex{Title: title, Default: def.space.Lang.Code, URL: at, Root: links.Root(at), Base: s.base, Languages: s.langLinks(def), Site: def.tsite}
		if err := s.theme.RenderLanguages(&buf, li); err != nil {
			return fmt.Errorf("language index: %w", err)
		}
		if err := dir.Write(at+"index.html", buf.Bytes()); err != nil {
			return err
		}
	}
	if err := s.writeNotFound(dir, opts); err != nil {
		return err
	}
	if err := s.writeReview(dir, opts); err != nil {
		return err
	}
	robots := "User-agent: *\nAllow: /\n"
	if s.base != "" {
		robots += "Sitemap: " + s.base + "sitemap.xml\n"
		if err := s.writeSitemap(dir); err != nil {
			return err
		}
	}
	if s.static["robots.txt"] {
		return nil // the site's own, published from static/
	}
	return dir.WriteRaw("robots.txt", []byte(robots))
}

// writeStatic writes the theme's static files under _folio/, and the
// logo and favicons that static/ does not hold. The site's static/ folder
// is copied once prepare knows which of its files clash with folio's own
// (copyStatic).
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
	// The logo, favicons and social image that static/ does not hold,
	// each once: one file may be two of them.
	done := map[string]bool{}
	for _, p := range append([]string{s.cfg.Logo, s.cfg.SocialImage}, s.cfg.Favicon...) {
		if p == "" || strings.HasPrefix(p, "static/") || done[p] {
			continue
		}
		done[p] = true
		if err := dir.Link("_folio/site/"+p, filepath.Join(s.cfg.Dir, filepath.FromSlash(p))); err != nil {
			return fmt.Errorf("site files: %w", err)
		}
	}
	// GitHub Pages would hide the _folio and _gitbook folders otherwise.
	return dir.WriteRaw(".nojekyll", nil)
}

// mermaidScript is the site path of the script that draws diagrams in
// the browser.
const mermaidScript = "_folio/mermaid.min.js"

// writeMermaid publishes the mermaid script when one of pages has a
// diagram that it draws in the browser (theme.Page's Mermaid): a site
// without one does not ship it.
func writeMermaid(dir *output.Dir, pages []*page) error {
	if !slices.ContainsFunc(pages, func(pg *page) bool { return pg.doc != nil && pg.doc.MermaidClient > 0 }) {
		return nil
	}
	return dir.WriteRaw(mermaidScript, themes.Mermaid)
}

// checkStaticClashes leaves out of static/ the files published where
// folio writes a file of its own (a page, a 404 page, a search index, the
// sitemap, the theme's _folio/), with a warning, in check as in build:
// which of the two was published depended on which was written last.
// robots.txt takes the place of folio's, as the guide says.
func (s *site) checkStaticClashes() {
	// The forwarding pages of .gitbook.yaml's redirects, once for all.
	redirected := map[string]bool{}
	for _, l := range s.langs {
		for _, r := range l.redirects() {
			if r.target != nil && r.clash == "" {
				redirected[r.from+"index.html"] = true
			}
		}
	}
	for _, rel := range slices.Sorted(maps.Keys(s.static)) {
		if rel == "robots.txt" || rel == ".nojekyll" || !redirected[rel] && !s.writesItself(rel) {
			continue
		}
		delete(s.static, rel)
		s.diags.Add(diag.Diagnostic{Path: "static/" + rel, Severity: diag.Warning, Rule: "asset-reserved",
			Msg:  "published at " + rel + ", where folio writes a file of its own: not published",
			Hint: "rename the file or move it to another folder of static/"})
	}
}

// writesItself reports whether folio writes a file of its own at the site
// path rel, whatever static/ holds, but for redirects' forwarding pages,
// which checkStaticClashes gathers once.
func (s *site) writesItself(rel string) bool {
	if strings.HasPrefix(rel, "_folio/") {
		return true
	}
	dir := path.Dir(rel) + "/" // the page URL it would be a file of
	if dir == "./" {
		dir = ""
	}
	for _, l := range s.langs {
		switch path.Base(rel) {
		case "index.html":
			// A page, the print page, review mode's index (reserved
			// whether on or not).
			if l.byURL[dir] != nil || dir == l.prefix+"print/" || dir == l.prefix+reviewIndexPath {
				return true
			}
		case "updates.xml": // a page's feed
			if l.byURL[dir] != nil {
				return true
			}
		}
		if slices.Contains(l.ownNames(), rel) {
			return true
		}
	}
	return false
}

// copyStatic publishes the site's static/ folder as it is: the files
// load listed (staticFiles).
func (s *site) copyStatic(dir *output.Dir) error {
	root := filepath.Join(s.cfg.Dir, "static")
	for rel := range s.static {
		err := dir.Link(rel, filepath.Join(root, filepath.FromSlash(rel)))
		if errors.Is(err, fs.ErrExist) {
			// A file folio wrote there first (ownFile keeps content assets
			// from these paths).
			s.diags.Add(diag.Diagnostic{Path: "static/" + rel, Severity: diag.Warning, Rule: "asset-reserved",
				Msg: "published at " + rel + ", where folio writes a file of its own: not published"})
			continue
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// staticFiles lists the files of the site's static/ folder by the site
// path they are published at, which content assets may not take; none
// without the folder. A link to a file is published as the file, if where
// it leads, written relative or absolute, is in static/; a folder or file
// that cannot be read is left out with a warning, as in the content.
func staticFiles(siteDir string) (map[string]bool, []diag.Diagnostic, error) {
	root := filepath.Join(siteDir, "static")
	files := map[string]bool{}
	if _, err := os.Stat(root); err != nil {
		return files, nil, nil
	}
	if !symlink.Inside(root, siteDir) {
		return files, []diag.Diagnostic{{Path: "static", Severity: diag.Warning, Rule: "symlink",
			Msg: "static/ is a symbolic link that leads outside the site's folder; not published"}}, nil
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		return nil, nil, fmt.Errorf("static files: %w", err)
	}
	defer r.Close()
	var ds []diag.Diagnostic
	warn := func(p, msg string) {
		ds = append(ds, diag.Diagnostic{Path: "static/" + p, Severity: diag.Warning, Rule: "symlink", Msg: msg})
	}
	err = fs.WalkDir(r.FS(), ".", func(p string, e fs.DirEntry, err error) error {
		switch {
		case err != nil && p == ".":
			return fmt.Errorf("static files: %w", err)
		case err != nil:
			var pe *fs.PathError
			if errors.As(err, &pe) {
				err = pe.Err
			}
			ds = append(ds, diag.Diagnostic{Path: "static/" + p, Severity: diag.Warning, Rule: "read",
				Msg: fmt.Sprintf("cannot read: %v; not published", err)})
			if e != nil && e.IsDir() {
				return fs.SkipDir
			}
			return nil
		case e.Type().IsRegular():
			files[p] = true
		case e.Type()&fs.ModeSymlink != 0:
			// Followed whether it is written relative or absolute, so long
			// as where it leads is in static/.
			real, err := filepath.EvalSymlinks(filepath.Join(root, filepath.FromSlash(p)))
			var fi fs.FileInfo
			if err == nil && within(real, symlink.Resolve(root)) {
				fi, err = os.Stat(real)
			} else if err == nil {
				err = fs.ErrPermission
			}
			switch {
			case err != nil:
				warn(p, "symbolic link leads outside static/ or nowhere; not published")
			case fi.Mode().IsRegular():
				files[p] = true
			default:
				warn(p, "symbolic link to a directory is not followed") // as the content says of it
			}
		}
		return nil
	})
	return files, ds, err
}

// redirect is a redirect of .gitbook.yaml that needs a forwarding page:
// its old path is not a page any more.
type redirect struct {
	from   string // the site path it forwards from
	target *page  // the page it forwards to; nil when that is not a published page
	gb     config.Redirect
	// clash says why no forwarding page can be written at from: a file
	// is there, or would be on a host that ignores case; "" if none.
	clash, rule string
}

// redirects lists the redirects of l's .gitbook.yaml that need a
// forwarding page: a real page wins over a redirect, as on GitBook, and
// so does a file (writeRedirects skips those that clash with one).
func (l *lang) redirects() []redirect {
	var out []redirect
	var folded map[string]string // page URLs by their lower case, when needed
	for _, r := range l.space.GitBook.Redirects {
		from := l.prefix + links.PageURL(r.From+".md")
		if pg := l.byURL[from]; pg != nil {
			// The page wins, as on GitBook; said, since the redirect
			// does nothing (t63: dropped without a word).
			out = append(out, redirect{from: from, gb: r, rule: "gitbook-yaml", clash: "the page " + pg.path + " is published at its path, and a page wins over a redirect"})
			continue
		}
		target := l.byPath[r.To]
		if target == nil {
			target = l.fallbackPage(r.To) // a page not translated yet
		}
		rd := redirect{from: from, target: target, gb: r, rule: "gitbook-yaml"}
		if folded == nil {
			folded = make(map[string]string, len(l.byURL))
			for u := range l.byURL {
				folded[strings.ToLower(u)] = u
			}
		}
		other := l.innerLangAt(from)
		own, exact := l.ownFileAbove(strings.TrimSuffix(from, "/"))
		switch {
		case other != nil:
			rd.clash = "its path is in the folder of " + other.folderName() + ", whose pages and files are there"
		case strings.HasPrefix(strings.ToLower(from), "_folio/"):
			rd.clash = "folio writes its own files in _folio/"
		case l.space.Exists(r.From) && !isPage(r.From):
			// Published there once a page links it; a page's own file
			// (old.md) is published elsewhere, at its folder address.
			rd.clash = "the space's file " + r.From + " has this path, and a file wins over a redirect"
		case own != "" && exact:
			rd.clash = "folio writes a file of its own at " + own
		case folded[strings.ToLower(from)] != "":
			rd.rule = "page-url-case"
			rd.clash = "its path differs from that of the page at " + folded[strings.ToLower(from)] + " only in case: a host that ignores case would serve one for the other"
		case own != "":
			rd.rule = "page-url-case"
			rd.clash = "its path differs from " + own + ", a file of folio's own, only in case: a host that ignores case would serve one for the other"
		}
		out = append(out, rd)
	}
	return out
}

// ownFileAbove returns the file of folio's own (ownFile) that the site
// path u or a folder above it is, exact, else one it names in other
// letter case, which a host that ignores case takes for it; "" if none. A
// forwarding page at u/index.html would need a folder there.
func (l *lang) ownFileAbove(u string) (own string, exact bool) {
	for a := u; a != "." && a != "/" && a != ""; a = path.Dir(a) {
		if l.ownFile(a) {
			return a, true
		}
	}
	for a := u; a != "." && a != "/" && a != ""; a = path.Dir(a) {
		for f := range l.site.static {
			if strings.EqualFold(f, a) {
				return f, false
			}
		}
		for _, f := range l.own {
			if strings.EqualFold(f, a) {
				return f, false
			}
		}
	}
	return "", false
}

// checkRedirects reports the redirects that clash with a file or a page
// (gitbook-yaml, page-url-case) or whose target is not a published page
// (redirect-target); build and check share it through prepare.
func (s *site) checkRedirects(l *lang) {
	for _, r := range l.redirects() {
		switch {
		case r.clash != "":
			s.diags.Add(diag.Diagnostic{Path: l.space.GitBookYAMLPath, Line: r.gb.Line, Col: max(r.gb.Col, 1), Severity: diag.Warning,
				Rule: r.rule, Msg: fmt.Sprintf("redirect %s → %s is ignored: %s", r.gb.From, r.gb.To, r.clash)})
		case r.target == nil:
			// Its old address is a dead end, as a broken link is (t63).
			s.diags.Add(diag.Diagnostic{Path: l.space.GitBookYAMLPath, Line: r.gb.Line, Col: max(r.gb.Col, 1), Severity: diag.Error,
				Rule: "redirect-target", Msg: fmt.Sprintf("redirect %s → %s: the target is not a published page", r.gb.From, r.gb.To)})
		case r.gb.Anchor != "" && !hasAnchor(r.target, r.gb.Anchor):
			s.diags.Add(diag.Diagnostic{Path: l.space.GitBookYAMLPath, Line: r.gb.Line, Col: max(r.gb.Col, 1), Severity: diag.Warning,
				Rule: "link-anchor", Msg: fmt.Sprintf("redirect %s → %s: anchor #%s matches no heading in %s; it leads to the top of the page", r.gb.From, r.gb.To, r.gb.Anchor, r.gb.To)})
		}
	}
}

// writeRedirects writes a forwarding page for each redirect of
// .gitbook.yaml whose old path is not a page any more and whose target
// is (checkRedirects reported the others).
func (s *site) writeRedirects(l *lang, dir *output.Dir) error {
	for _, r := range l.redirects() {
		if r.target == nil || r.clash != "" {
			continue
		}
		anchor, _ := r.target.anchorID(r.gb.Anchor)
		if err := s.writeForward(l, dir, r.from, r.target, anchor, "redirect "+r.gb.From); err != nil {
			return err
		}
	}
	return nil
}

// writeForward writes the page at the site path from (a folder's, or a
// file's such as a/b.html) that forwards its readers to target (a
// .gitbook.yaml redirect, a moved page's old address, a HonKit address),
// at the heading whose id is anchor when it is not ""; what names it in
// an error.
func (s *site) writeForward(l *lang, dir *output.Dir, from string, target *page, anchor, what string) error {
	frag := ""
	if anchor != "" {
		frag = "#" + url.PathEscape(anchor)
	}
	rd := &theme.Redirect{Site: l.tsite, From: from, To: links.Rel(from, target.url) + frag, Root: links.Root(from), Title: target.title()}
	if s.base != "" {
		rd.Canonical = s.absURL(target.url)
	}
	var buf bytes.Buffer
	if err := s.theme.RenderRedirect(&buf, rd); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	name := from
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	// Written as the template made it: minifying a page this small saved
	// a few bytes, and its script cost a twentieth of a build of HonKit
	// addresses (each page of a 700-page book has one).
	if err := dir.WriteRaw(name, buf.Bytes()); err != nil {
		return err
	}
	s.stats.Redirects++
	if s.forwarded == nil {
		s.forwarded = map[*page]bool{}
	}
	s.forwarded[target] = true
	return nil
}

// writeNotFound writes 404.html, and each language's in its folder
// (fr/404.html), so that a reader lost under /fr/ is told in French, in
// the language's direction: folio serve and the hosts that look for the
// nearest 404.html serve it there; the others serve the site's own, the
// first language's. Static hosts serve it at any depth, so its links
// start from the base URL's path rather than a relative root; folio
// serve serves the site at its own root, whatever the base URL.
func (s *site) writeNotFound(dir *output.Dir, opts Options) error {
	root := "/"
	if s.base != "" && !opts.Dev {
		if u, err := url.Parse(s.base); err == nil && u.Path != "" {
			root = u.EscapedPath() // as written: a %2F is no folder
		}
	}
	for i, l := range s.langs {
		names := []string{l.prefix + "404.html"}
		if i == 0 && l.prefix != "" {
			names = append(names, "404.html") // the site's own
		}
		for _, name := range names {
			p := &theme.Page{Site: l.tsite, URL: name, Root: root, Title: l.tsite.Strings["not_found_title"],
				Layout: theme.DefaultLayout(), NoIndex: true, Dev: opts.Dev}
			var buf bytes.Buffer
			if err := s.theme.RenderNotFound(&buf, p); err != nil {
				return fmt.Errorf("404 page %s: %w", name, err)
			}
			if err := dir.Write(name, buf.Bytes()); err != nil {
				return err
			}
		}
	}
	return nil
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
