package site

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/unicode/norm"

	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/links"
	"folio/internal/markdown"
	"folio/internal/nav"
	"folio/internal/search"
	"folio/internal/source"
	"folio/internal/suggest"
	"folio/internal/symlink"
)

// Link resolution: where each link, image and block reference of a page
// leads (locate, which discovery uses too), what it becomes in the output
// and what is wrong with it (resolve). Each page is resolved once, by a
// build's render workers or by a check, which report the same.

type locStatus int

const (
	locEmpty         locStatus = iota // "" or an anchor on the same page
	locFile                           // a file of the space
	locMissing                        // a relative path to nothing
	locOutside                        // a relative path that leaves the space
	locExternal                       // another site: left as written
	locPlaceholder                    // GitBook's marker for a link it lost
	locUnsafe                         // javascript: and friends
	locSpace                          // a GitBook editor link to a space no site maps
	locEditor                         // a link to GitBook's local editor server
	locUser                           // a mention of a GitBook user: their profile in the editor
	locOtherLang                      // a file of another language's space (../fr/page.md)
	locOtherSite                      // a GitBook space mapped to another site
	locStale                          // a link into gitbook_url that matches no page
	locShared                         // a file at a LANGS.md book's top, outside every language (../assets/logo.png)
	locSharedMissing                  // a path at a LANGS.md book's top, outside every language, to nothing
)

// location is where a link destination leads, before it is turned into a
// URL relative to the page that holds it.
type location struct {
	status  locStatus
	path    string // locFile: slash path relative to the space root; locShared: to the book's top
	anchor  string // fragment, percent-decoded
	query   string // "?…" kept for files and pages
	suggest string // locMissing: a close existing file
	url     string // locOtherSite: the absolute URL
	org     bool   // locSpace: an organisation's or collection's page, no space
	other   *lang  // locOtherLang: the language whose space holds path
	// guessed is the id of a GitBook space that gitbook_spaces does not
	// map, whose link leads to the one section that has its path.
	guessed string
}

// locate finds where dest, written in a file of directory dir (relative to
// the space root), leads. It does not report anything: discovery and
// resolution both call it.
func (l *lang) locate(dir, dest string) location {
	dest = strings.TrimSpace(dest)
	switch {
	case dest == "":
		return location{status: locEmpty}
	case links.Unsafe(dest):
		return location{status: locUnsafe}
	case links.Placeholder(dest):
		return location{status: locPlaceholder}
	case strings.HasPrefix(dest, "#"):
		return location{status: locEmpty, anchor: unescape(dest[1:])}
	}
	if links.UserLink(dest) {
		return location{status: locUser}
	}
	if sl, ok := links.ParseSpaceLink(dest); ok {
		if o := l.site.langOfDir(l.site.cfg.SpaceDirs[sl.Space]); o != nil && sl.Space != "" {
			// A space of this site: another section's, or a language.
			p, found := o.findURLPath(sl.Path)
			switch {
			case o == l && found:
				return location{status: locFile, path: p, anchor: unescape(sl.Anchor)}
			case o == l:
				return location{status: locMissing, path: sl.Path}
			case found:
				return location{status: locOtherLang, path: p, other: o, anchor: unescape(sl.Anchor)}
			}
			return location{status: locOtherLang, path: sl.Path, other: o}
		}
		target, mapped := l.site.cfg.Spaces[sl.Space]
		switch {
		case mapped && sl.Space != "" && target == "":
			if p, ok := l.findURLPath(sl.Path); ok {
				return location{status: locFile, path: p, anchor: unescape(sl.Anchor)}
			}
			// "This site" of several sections: the page may be another
			// section's, in the language of the link's page first.
			for _, same := range []bool{true, false} {
				for _, o := range l.site.langs {
					if o.def == l.def || sl.Path == "" || strings.EqualFold(o.space.Lang.Code, l.space.Lang.Code) != same {
						continue
					}
					if p, ok := o.findURLPath(sl.Path); ok {
						return location{status: locOtherLang, path: p, other: o, anchor: unescape(sl.Anchor)}
					}
				}
			}
			return location{status: locMissing, path: sl.Path}
		case mapped && sl.Space != "":
			u := strings.TrimSuffix(target, "/") + "/" + sl.Path
			if sl.Path != "" {
				u += "/"
			}
			if sl.Anchor != "" {
				u += "#" + sl.Anchor
			}
			return location{status: locOtherSite, url: u}
		case sl.Local:
			return location{status: locEditor}
		}
		if o, p := l.site.guessSpace(l, sl.Path); o != nil && sl.Space != "" {
			loc := location{status: locOtherLang, path: p, other: o, anchor: unescape(sl.Anchor), guessed: sl.Space}
			if o == l {
				loc.status, loc.other = locFile, nil
			}
			return loc
		}
		return location{status: locSpace, org: sl.Space == ""}
	}
	if g := l.site.cfg.GitBookURL; g != "" {
		if rest, ok := cutURLPrefix(dest, g); ok {
			p, frag, _ := strings.Cut(rest, "#")
			p, _, _ = strings.Cut(p, "?")
			o, p := l.site.sectionOfURL(l, unescape(p))
			switch file, ok := o.findURLPath(p); {
			case ok && o == l:
				return location{status: locFile, path: file, anchor: unescape(frag)}
			case ok:
				return location{status: locOtherLang, path: file, other: o, anchor: unescape(frag)}
			}
			return location{status: locStale}
		}
	}
	if b := l.site.base; b != "" {
		// The site's own address of a page, as a reader cites it
		// (https://example.org/docs/en/guide/setup/#requirements): made
		// relative, so that it works from a copy of the site, and checked.
		if rest, ok := cutURLPrefix(dest, b); ok {
			if loc, ok := l.ownURL(rest); ok {
				return loc
			}
		}
	}
	if links.IsExternal(dest) {
		return location{status: locExternal}
	}

	p, frag, _ := strings.Cut(dest, "#")
	p, q, hasQ := strings.Cut(p, "?")
	loc := location{anchor: unescape(frag)}
	if hasQ {
		loc.query = "?" + q
	}
	p = unescape(p)
	if p == "" {
		p = "."
	}
	clean, ok := content.Clean(dir, p)
	if !ok {
		clean, ok = l.backIn(dir, p)
	}
	if ok && l.nests {
		if o, op := l.otherLanguage(dir, p); o != nil {
			loc.status, loc.path, loc.other = locOtherLang, op, o
			return loc
		}
	}
	if !ok {
		loc.status = locOutside
		if o, op := l.otherLanguage(dir, p); o != nil {
			loc.status, loc.path, loc.other = locOtherLang, op, o
		} else if rel, found, ok := l.sharedFile(dir, p); ok {
			loc.status, loc.path = locShared, rel
			if !found {
				loc.status = locSharedMissing
			}
		}
		return loc
	}
	sp := l.space
	if !sp.Exists(clean) && !sp.IsDir(clean) && !sp.Exists(clean+".md") {
		// Named in another Unicode form than the file's (résumé.md that
		// macOS tools wrote decomposed), as macOS reads it.
		if n := sp.Normalized(clean); n != "" {
			clean = n
		} else if n := sp.Normalized(clean + ".md"); n != "" {
			clean = strings.TrimSuffix(n, ".md")
		}
	}
	switch {
	case sp.Exists(clean):
		loc.status, loc.path = locFile, clean
	case clean == "" && sp.Readme != "":
		// The space's home, which .gitbook.yaml may name (intro.md).
		loc.status, loc.path = locFile, sp.Readme
	case clean == "" || sp.IsDir(clean) || strings.HasSuffix(p, "/") || p == ".":
		if r := readmeIn(sp, clean); r != "" {
			loc.status, loc.path = locFile, r
		} else if first := l.firstPageIn(clean); first != "" {
			// A folder without README is a page group: GitBook sends
			// readers to its first page.
			loc.status, loc.path = locFile, first
		} else {
			loc.status, loc.path = locMissing, clean
		}
	case sp.Exists(clean + ".md"):
		loc.status, loc.path = locFile, clean+".md"
	default:
		loc.status, loc.path = locMissing, clean
		loc.suggest = sp.Suggest(clean)
		if md := l.pageOfHTML(clean); md != "" && l.legacy {
			// HonKit publishes setup.md as setup.html: its books link so.
			loc.status, loc.path, loc.suggest = locFile, md, ""
		}
	}
	return loc
}

// pageOfHTML returns the page that a link to an HTML file stands for,
// where HonKit publishes it: setup.html for setup.md, a folder's
// index.html for its README; "" when there is none.
func (l *lang) pageOfHTML(clean string) string {
	base, ok := strings.CutSuffix(clean, ".html")
	if !ok {
		return ""
	}
	if path.Base(base) == "index" {
		dir := path.Dir(base)
		if dir == "." && l.space.Readme != "" {
			return l.space.Readme // structure.readme, at the top
		}
		if r := readmeIn(l.space, strings.TrimPrefix(dir, ".")); r != "" {
			return r
		}
	}
	if l.space.Exists(base + ".md") {
		return base + ".md"
	}
	return l.space.Normalized(base + ".md") // in the other Unicode form (t99)
}

func readmeIn(sp *content.Space, dir string) string {
	for _, name := range []string{"README.md", "readme.md", "Readme.md"} {
		p := path.Join(dir, name)
		if dir == "" {
			p = name
		}
		if sp.Exists(p) {
			return p
		}
		if n := sp.Normalized(p); n != "" {
			return n // the folder's name in the other Unicode form (t102)
		}
	}
	return ""
}

// firstPageIn returns the first published page, in reading order, inside
// directory dir.
func (l *lang) firstPageIn(dir string) string {
	for _, pg := range l.pages {
		if pg.order >= 0 && strings.HasPrefix(pg.path, dir+"/") {
			return pg.path
		}
	}
	return ""
}

// backIn returns the path in the space of a link written in its folder
// dir that leaves the space's folder and comes back into it
// (../guides/b.md in guides/a.md), as links to other sections' pages
// are written (t70); false for one that stays out.
func (l *lang) backIn(dir, p string) (string, bool) {
	if l.space.Rel == "" {
		return "", false
	}
	site, ok := content.Clean(path.Join(l.space.Rel, dir), p)
	if !ok {
		return "", false
	}
	if site == l.space.Rel {
		return ".", true
	}
	rest, ok := strings.CutPrefix(site, l.space.Rel+"/")
	return rest, ok
}

// findURLPath maps a path of the site as GitBook published it
// ("a/b" for a/b.md or a/b/README.md) to a file of the space, following
// the space's redirects for paths that moved.
func (l *lang) findURLPath(p string) (string, bool) {
	p = strings.Trim(path.Clean("/"+p), "/")
	sp := l.space
	if p == "" {
		return sp.Readme, sp.Readme != ""
	}
	for _, c := range []string{p + ".md", p + "/README.md"} {
		if sp.Exists(c) {
			return c, true
		}
	}
	for _, r := range sp.GitBook.Redirects {
		if strings.Trim(r.From, "/") == p && sp.Exists(r.To) {
			return r.To, true
		}
	}
	// A folder, or a group of SUMMARY.md (by its slug), leads to its
	// first page, where GitBook sends readers.
	if first := l.firstPageIn(p); first != "" {
		return first, true
	}
	if sm := sp.Summary; sm != nil {
		for _, part := range sm.Parts {
			slug := part.Slug
			if slug == "" {
				slug = links.Slug(part.Title)
			}
			if slug == "" || slug != p {
				continue
			}
			one := &nav.Summary{Parts: []*nav.Part{part}}
			for it := range one.Items {
				if it.Target == "" {
					continue
				}
				if loc := l.locate(path.Dir(sp.GitBook.Summary), it.Target); loc.status == locFile && l.byPath[loc.path] != nil {
					return loc.path, true
				}
			}
		}
	}
	return "", false
}

// ownURL locates rest, the part of a link after the site's base URL, when
// it is the address of a page ("en/guide/", "en/guide/index.html"): a page
// of this language or another; locStale, with base_url named, for the
// address of no page. A file's address (an image) is not looked for:
// false.
func (l *lang) ownURL(rest string) (location, bool) {
	p, frag, _ := strings.Cut(rest, "#")
	p, _, _ = strings.Cut(p, "?") // dropped, as of a page's relative link
	// As a browser reads it: /en/./guide/ and /en/x/../guide/ are /en/guide/.
	if c := path.Clean("/" + unescape(p)); c != "/" {
		slash := ""
		if strings.HasSuffix(p, "/") {
			slash = "/"
		}
		p = strings.TrimPrefix(c, "/") + slash
	} else {
		p = ""
	}
	p = strings.TrimSuffix(p, "index.html")
	if p != "" && !strings.HasSuffix(p, "/") {
		if path.Ext(p) != "" {
			return location{}, false
		}
		p += "/"
	}
	for _, o := range l.site.langs {
		if pg := o.byURL[p]; pg != nil {
			switch {
			case pg.origin != nil:
				return location{}, false // a fallback copy: published there, left as written
			case o == l:
				return location{status: locFile, path: pg.path, anchor: unescape(frag)}, true
			}
			return location{status: locOtherLang, path: pg.path, other: o, anchor: unescape(frag)}, true
		}
	}
	if !l.site.ownPath(p) {
		return location{}, false
	}
	return location{status: locStale, url: "base_url"}, true
}

// ownPath reports whether the site path p (of no page) is one the site
// would publish a page at, so that a link there leads nowhere: under a
// language's folder, or under the base URL's own path when it has one,
// but not the language index, a print page, the review index, a redirect
// or a folder of static/. A base URL at a host's root shares it with what
// else the host serves: an address there is no one's to check.
func (s *site) ownPath(p string) bool {
	base, err := url.Parse(s.base)
	under := err == nil && strings.Trim(base.Path, "/") != ""
	for _, l := range s.langs {
		if l.prefix != "" && strings.HasPrefix(p, l.prefix) {
			under = true
		}
		rest := strings.TrimPrefix(p, l.prefix)
		if rest == "print/" || strings.HasPrefix(rest, reviewIndexPath) {
			return false
		}
		for _, r := range l.redirects() {
			if r.from == p {
				return false
			}
		}
	}
	if p == "" || s.static[p+"index.html"] {
		return false
	}
	return under
}

func cutURLPrefix(dest, prefix string) (string, bool) {
	prefix = strings.TrimSuffix(prefix, "/")
	for _, pre := range []string{prefix, strings.Replace(prefix, "https://", "http://", 1)} {
		if len(dest) >= len(pre) && strings.EqualFold(dest[:len(pre)], pre) {
			rest := dest[len(pre):]
			if rest == "" || rest[0] == '/' || rest[0] == '#' || rest[0] == '?' {
				return strings.TrimPrefix(rest, "/"), true
			}
		}
	}
	return "", false
}

func unescape(s string) string {
	if u, err := url.PathUnescape(s); err == nil {
		return u
	}
	return s
}

// assetURL is the site path a file of the space is published at. The
// .gitbook folder is renamed: many static hosts hide dot folders.
func (l *lang) assetURL(p string) string {
	if rest, ok := strings.CutPrefix(p, ".gitbook/"); ok {
		p = "_gitbook/" + rest
	}
	return l.prefix + p
}

// sharedFile finds, in a LANGS.md book, the file at the book's top,
// outside every language's folder, that the relative path p written in
// the folder dir of this language's space leads to: HonKit books keep
// the images all languages show there (../assets/logo.png), and HonKit
// publishes them at the top of the book. It returns the path from the
// book's top and whether a file is there; ok is false for a path that is
// no such file's (a page, a hidden or output folder, a link out of the
// book).
func (l *lang) sharedFile(dir, p string) (rel string, found, ok bool) {
	if !l.site.cfg.LangsBook || l.space.Rel == "" {
		return "", false, false
	}
	rel, ok = content.Clean(path.Join(l.space.Rel, dir), p)
	if !ok || !l.site.mayShare(rel) {
		return "", false, false
	}
	abs, ok := l.site.topFile(rel, l.site.mayShare)
	if !ok {
		return "", false, false
	}
	fi, err := os.Stat(abs)
	return rel, err == nil && fi.Mode().IsRegular(), true
}

// topFile returns the file on disk of rel, a path from a LANGS.md book's
// top that may share, and whether where it leads may share too: a
// symbolic link is judged as the link itself is, a file of the book's
// top, not of a language, a hidden or an output folder, nor outside the
// book.
func (s *site) topFile(rel string, may func(string) bool) (string, bool) {
	top := symlink.Resolve(s.cfg.Dir)
	abs := symlink.Resolve(s.sharedPath(rel))
	real, err := filepath.Rel(top, abs)
	if err != nil || !within(abs, top) || !may(filepath.ToSlash(real)) {
		return "", false
	}
	for _, o := range s.outs {
		if within(abs, o) {
			return "", false
		}
	}
	return abs, true
}

// readTop reads the text file rel at a LANGS.md book's top (atTop), and
// what reading it says (a file not in UTF-8, converted).
func (s *site) readTop(rel string) ([]byte, []diag.Diagnostic, error) {
	abs, ok := s.topFile(rel, s.atTop)
	if !ok {
		return nil, nil, fmt.Errorf("%s leads outside the book, or into a folder that is not the book's", rel)
	}
	b, err := os.ReadFile(abs)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("%s: %w", rel, fs.ErrNotExist)
		}
		return nil, nil, fmt.Errorf("%s: %w", rel, err)
	}
	src, ds, ok := source.Normalize(rel, b)
	if !ok {
		return nil, nil, errors.New(rel + " is not a text file")
	}
	return src, ds, nil
}

// notShared are the files and folders at a book's top that are no
// book's: the tools' and the build's.
var notShared = map[string]bool{"book.json": true, "book.js": true, "site.yaml": true, "docs.yaml": true, "node_modules": true, "_book": true}

// mayShare tells whether rel, a path from a LANGS.md book's top, may be a
// file the languages share: not a page, not in a language's folder or
// where a language is published, not hidden, not the tools'.
func (s *site) mayShare(rel string) bool {
	return !strings.EqualFold(path.Ext(rel), ".md") && s.atTop(rel)
}

// atTop tells whether rel, a path from a LANGS.md book's top, is a file
// of the book outside its languages: not in a language's folder or where
// a language is published, not hidden, not the tools'.
func (s *site) atTop(rel string) bool {
	if rel == "" || rel == "." {
		return false
	}
	under := func(p, d string) bool {
		return d == "" || strings.EqualFold(p, d) || strings.HasPrefix(strings.ToLower(p), strings.ToLower(d)+"/")
	}
	pub := s.sharedURL(rel) // where it is published: not where a language is
	for _, o := range s.langs {
		if under(rel, o.space.Rel) || o.prefix != "" && under(pub, strings.TrimSuffix(o.prefix, "/")) {
			return false
		}
	}
	for seg := range strings.SplitSeq(rel, "/") {
		if strings.HasPrefix(seg, ".") && seg != ".gitbook" || notShared[seg] {
			return false
		}
	}
	return true
}

// sharedPath is the file on disk of a LANGS.md book's shared file rel.
func (s *site) sharedPath(rel string) string {
	return filepath.Join(s.cfg.Dir, filepath.FromSlash(rel))
}

// sharedURL is the site path a LANGS.md book's shared file rel is
// published at: the same place as in the book (in the folder book.json's
// root names, if any), unless a language is
// published at the top, whose own files could be there. A file of a
// language's space (an image of another section) is published where
// that language publishes it (t67: .gitbook/ as it is, a second copy).
func (s *site) sharedURL(rel string) string {
	for _, o := range s.innerFirst {
		if r, ok := strings.CutPrefix(rel, o.space.Rel+"/"); ok || o.space.Rel == "" {
			if o.space.Rel == "" {
				r = rel
			}
			return o.assetURL(r)
		}
	}
	for _, l := range s.langs {
		if l.prefix == "" {
			return "_shared/" + rel
		}
	}
	if root := path.Dir(s.cfg.LangsPath); root != "." {
		// The book is in the folder book.json's root names: HonKit
		// publishes that folder's files at the site's top (t72, t74).
		if r, ok := strings.CutPrefix(rel, root+"/"); ok {
			return r
		}
	}
	return rel
}

// assetFile is where a file that a page of language l uses is published,
// and where it is read from: p is a path of l's space, or "/" and the
// path of a LANGS.md book's shared file.
func (s *site) assetFile(l *lang, p string) (url, abs string) {
	if rel, ok := strings.CutPrefix(p, "/"); ok {
		// The file a link leads to, never the link: a link published
		// as it is could lead a server anywhere.
		return s.sharedURL(rel), symlink.Resolve(s.sharedPath(rel))
	}
	return l.assetURL(p), l.space.AbsPath(p)
}

// otherLanguage finds the language whose space holds the relative path p
// written in the folder dir of this language's space (`../fr/page.md`),
// and the file's path in that space; nil if none. The spaces are a
// LANGS.md book's languages or site.yaml's.
func (l *lang) otherLanguage(dir, p string) (*lang, string) {
	site, ok := content.Clean(path.Join(l.space.Rel, dir), p)
	if !ok {
		return nil, ""
	}
	for _, o := range l.site.innerFirst {
		if o == l {
			continue
		}
		rest, ok := strings.CutPrefix(site, o.space.Rel+"/")
		switch {
		case site == o.space.Rel:
			rest, ok = "", true // ../fr/: its home
		case o.space.Rel == "":
			rest, ok = site, true
		}
		if !ok {
			continue
		}
		switch {
		case rest != "" && o.space.Exists(rest):
			return o, rest
		case rest == "" && o.space.Readme != "":
			return o, o.space.Readme
		}
		if r := readmeIn(o.space, rest); r != "" {
			return o, r
		}
		if rest != "" && o.space.Exists(rest+".md") {
			return o, rest + ".md"
		}
		if md := o.pageOfHTML(rest); md != "" && o.legacy {
			return o, md // as HonKit publishes it, as in the book's own language
		}
		return o, rest // missing there
	}
	return nil, ""
}

// ownFile reports whether folio writes a file of its own at the site
// path u (the theme's files, the site's static/ files and extras, the
// search index, a page), where an asset published there would collide
// with it.
func (l *lang) ownFile(u string) bool {
	switch {
	case l.site.static[u], strings.HasPrefix(u, "_folio/"), slices.Contains(l.own, u):
		return true
	case path.Base(u) == "index.html":
		return l.byURL[strings.TrimSuffix(u, "index.html")] != nil
	}
	return false
}

// ownAbove returns the file of folio's own (ownPath) that the site path u
// is, or that is a folder above u: a page or a file there would make a
// folder of it (t102: robots.txt/page.md stopped the build); "" for none.
func (l *lang) ownAbove(u string) string {
	for p := strings.TrimSuffix(u, "/"); p != "" && p != "."; p = path.Dir(p) {
		if l.ownPath(p) {
			return p
		}
	}
	return ""
}

// ownPath reports whether folio writes a file of its own at the site path
// u, not a page's: the theme's, the site's static/ files, and those of
// ownNames.
func (l *lang) ownPath(u string) bool {
	if rest, ok := strings.CutPrefix(u, "_folio/"); ok {
		fi, err := fs.Stat(l.site.theme.Static(), rest)
		return err == nil && !fi.IsDir()
	}
	return l.site.static[u] || slices.Contains(l.own, u)
}

// ownNames are the site paths of the files folio writes for the site or
// the language, but for the theme's (_folio/) and the pages'.
func (l *lang) ownNames() []string {
	names := []string{"404.html", l.prefix + "404.html", "robots.txt", ".nojekyll", "index.html", l.prefix + search.ScriptName}
	if l.site.base != "" {
		names = append(names, "sitemap.xml")
	}
	return names
}

// siteFile reports whether the relative path p, written in the folder dir
// of the space, names a file of the site's folder (outside the space, as
// an API spec may be), not one out of the site.
func (l *lang) siteFile(dir, p string) bool {
	abs := filepath.Clean(l.space.AbsPath(path.Join(dir, p)))
	if !within(abs, l.site.cfg.Dir) {
		return false
	}
	fi, err := os.Stat(abs)
	return err == nil && fi.Mode().IsRegular()
}

// scriptedXML reports whether the SVG or XML file abs holds more than
// drawing or data (safeXML); each file is read once.
func (s *site) scriptedXML(abs string, svg bool) bool {
	if v, ok := s.scripted.Load(abs); ok {
		return v.(bool)
	}
	// A file that cannot be read is told as such when it is published
	// (t92: called unsafe).
	b, err := os.ReadFile(abs)
	found := err == nil && !safeXML(b, svg)
	s.scripted.Store(abs, found)
	return found
}

// gitbookTwin returns the file of a .gitbook folder that is published at
// the address of the file abs, a file of a _gitbook folder beside it
// (.gitbook/ is published as _gitbook/), "" if there is none.
func gitbookTwin(abs string) string {
	if !strings.Contains(abs, "_gitbook") {
		return "" // nearly every asset: no walk up its path
	}
	dir, rest := abs, ""
	for {
		base := filepath.Base(dir)
		if base == "_gitbook" {
			twin := filepath.Join(filepath.Dir(dir), ".gitbook", rest)
			if _, err := os.Stat(twin); err == nil {
				return filepath.ToSlash(filepath.Join(".gitbook", rest))
			}
			return ""
		}
		up := filepath.Dir(dir)
		if up == dir {
			return ""
		}
		rest = filepath.Join(base, rest)
		dir = up
	}
}

// repoFileLink is the address on the repository's host (repo_url) of a
// file or folder of the git repository outside the content that pg links
// to: a README in docs/ links ../src/main.go, or ../LICENSE, which GitHub
// shows (t57: an error and plain text, so --strict failed). An image is
// no link: it stays outside.
func (l *lang) repoFileLink(pg *page, r markdown.Ref) (string, bool) {
	f := l.site.hist.links
	if f == nil || r.Kind == markdown.RefImage {
		return "", false
	}
	u, err := url.Parse(r.Dest)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return "", false
	}
	abs := filepath.Clean(l.space.AbsPath(path.Join(l.refDir(pg, r), u.Path)))
	rel, ok := l.repoFile(abs)
	if !ok {
		return "", false
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return "", false
	}
	link := f.FileURL(filepath.ToSlash(rel), fi.IsDir())
	if link == "" {
		return "", false
	}
	if u.RawQuery != "" {
		link += "?" + u.RawQuery // ?plain=1: the file's text, not its rendering (t65)
	}
	if u.Fragment != "" {
		link += "#" + u.EscapedFragment() // a line of the file: #L10
	}
	return link, true
}

// gitRoot is the folder of the git repository that holds the site's
// folder (the nearest one above it with a .git), "" when there is none.
// It is looked for once.
func (s *site) gitRoot() string {
	s.gitRootOnce.Do(func() {
		dir, err := filepath.Abs(s.cfg.Dir)
		if err != nil {
			return
		}
		for {
			if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
				s.gitRootDir = dir
				return
			}
			up := filepath.Dir(dir)
			if up == dir {
				return
			}
			dir = up
		}
	})
	return s.gitRootDir
}

// repoFile returns the path from the repository's root of the file abs,
// when it is a file of the site's git repository outside the language's
// content: back into the content (../docs/page.md) is no file of the
// host's, nor is git's own folder (t65).
func (l *lang) repoFile(abs string) (string, bool) {
	root := l.site.gitRoot()
	rel, err := filepath.Rel(root, abs)
	if root == "" || err != nil || !filepath.IsLocal(rel) || within(abs, l.space.Dir) || within(abs, filepath.Join(root, ".git")) {
		return "", false
	}
	return rel, true
}

// staticLink is what a reference of pg to a file of static/ becomes:
// static/ publishes its files at the site's root, and a page may name
// one where it lies (../static/logo.png, as a forge's preview shows it),
// which is no file of the content.
func (l *lang) staticLink(pg *page, r markdown.Ref) (markdown.Resolution, bool) {
	u, err := url.Parse(r.Dest)
	if len(l.site.static) == 0 || err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
		return markdown.Resolution{}, false
	}
	abs := filepath.Clean(l.space.AbsPath(path.Join(l.refDir(pg, r), u.Path)))
	rel, err := filepath.Rel(filepath.Join(l.site.cfg.Dir, "static"), abs)
	rel = filepath.ToSlash(rel)
	if err != nil || !l.site.static[rel] {
		return markdown.Resolution{}, false
	}
	res := markdown.Resolution{URL: links.Rel(pg.url, rel)}
	if u.Fragment != "" {
		res.URL += "#" + url.PathEscape(u.Fragment)
	}
	if r.Kind == markdown.RefImage {
		res.Width, res.Height = l.site.images.Size(abs)
	}
	return res, true
}

// linkWord is the tooltip of a link's text that folio leaves unlinked,
// in the page's language (English where its strings lack key), with
// target for {target}.
func (l *lang) linkWord(key, target string) string {
	return strings.ReplaceAll(l.tsite.T(key), "{target}", target)
}

// resolve decides what a reference of page pg becomes in the output and
// reports what is wrong with it. used receives the assets to publish.
func (l *lang) resolve(pg *page, r markdown.Ref, report func(diag.Diagnostic), used func(string)) markdown.Resolution {
	if r.Echo {
		report = func(diag.Diagnostic) {} // said at the block's tag
	}
	loc := l.locate(l.refDir(pg, r), r.Dest)
	d := diag.Diagnostic{Path: l.space.DiagPath(pg.path), Line: r.Line, Col: r.Col, Severity: diag.Error}
	if r.Base != "" {
		d.Path = r.Base // written in an included file
	}
	if loc.guessed != "" {
		w := d
		o := cmp.Or(loc.other, l)
		w.Severity, w.Rule = diag.Warning, "link-gitbook-space"
		w.Msg = fmt.Sprintf("GitBook space link %s: space %s is not mapped; it leads to %s, the only section with a page at that path", r.Dest, loc.guessed, o.space.DiagPath(loc.path))
		w.Hint = "map the space id in site.yaml gitbook_spaces: " + loc.guessed + ": " + o.space.Lang.Dir
		report(w)
	}
	if r.Kind == markdown.RefImage && (r.Tag == "" || r.Tag == "img") && !r.HasAlt {
		w := d
		w.Severity, w.Rule, w.Msg = diag.Warning, "image-alt", "image without alternative text: "+r.Dest
		w.Hint = "describe the image for readers who cannot see it, or write alt=\"\" in HTML if it is decorative"
		if !l.legacy {
			// In a space, GitBook writes alt="" where nothing was given
			// (image-alt-empty): decoration says so with a role (t54).
			w.Hint = "describe the image for readers who cannot see it; if it is only decoration, write it in HTML with alt=\"\" role=\"presentation\""
		}
		report(w)
	}
	if r.Unnamed && !l.legacy {
		// GitBook writes alt="" for every image whose alternative text
		// was never filled in: not the author's word that it is
		// decorative (t52: 40 of the playbook's 94 images hidden from
		// screen readers without a word).
		w := d
		w.Severity, w.Rule, w.Msg = diag.Warning, "image-alt-empty", "image without alternative text or caption (alt=\"\" is what GitBook writes when none was given): screen readers skip it: "+r.Dest
		w.Hint = "describe it in GitBook's image settings, or give it a caption; if it is only decoration, add role=\"presentation\""
		report(w)
	}
	fail := func(rule, msg, hint string) {
		d.Rule, d.Msg, d.Hint = rule, msg, hint
		if r.Base != "" && r.Included && l.legacy {
			// HonKit reads the link from the page the text is pasted
			// into: it may work from one including page and not another.
			d.Msg += fmt.Sprintf(" (from %s, which includes this file: as in HonKit, its links are relative to the page)", l.space.DiagPath(pg.path))
		}
		report(d)
	}
	excluded := func(by string) markdown.Resolution {
		d.Severity = diag.Warning
		fail("bookignore", loc.path+" is excluded by "+by+": not published", "remove the link, or the file's pattern from "+by)
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
	}
	switch loc.status {
	case locEmpty:
		if loc.anchor == "" {
			if r.Kind == markdown.RefLink && r.Tag == "" && !strings.Contains(r.Dest, "#") {
				// [text](): a link the author meant to fill in (t47).
				d.Severity = diag.Warning
				fail("link-missing", "link without a target: it leads to the top of this page", "write the page's file or address between the parentheses")
			}
			return markdown.Resolution{Keep: true}
		}
		id, ok := pg.anchorID(loc.anchor)
		if !ok {
			d.Severity = diag.Warning
			fail("link-anchor", fmt.Sprintf("anchor #%s matches no heading on this page", loc.anchor), pg.anchorHint(pg, loc.anchor))
		}
		return markdown.Resolution{URL: "#" + url.PathEscape(id)}
	case locExternal:
		if l.site.external != nil {
			l.site.external(r.Dest, d)
		}
		if r.Kind == markdown.RefImage && (r.Tag == "" || r.Tag == "img") {
			// The site is meant to work offline and tell no one who reads it.
			d.Severity = diag.Warning
			host := r.Dest
			if u, err := url.Parse(r.Dest); err == nil && u.Host != "" {
				host = u.Host
			}
			hint := "save the image in the repository and link the copy"
			if own := l.site.ownRawFile(r.Dest); own != "" {
				hint = "the repository holds it, " + own + ": link that file, with a path relative to the page"
			}
			fail("remote-image", "image loaded from another site, "+host+": readers offline do not see it, and that site learns who reads the page", hint)
		}
		return markdown.Resolution{Keep: true}
	case locUnsafe:
		d.Severity = diag.Warning
		scheme, _ := links.Scheme(r.Dest)
		hint := "only http, https, mailto, tel and relative links are published"
		if hostLike(r.Dest) {
			// <localhost:3000> reads as a scheme: the author meant a host.
			hint = "for a web address, write http://" + r.Dest
		}
		fail("unsafe-url", "link to "+indefinite(scheme)+" "+scheme+": URL removed", hint)
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_unsafe", "")}
	case locPlaceholder:
		if strings.Contains(r.Dest, "/broken/") {
			fail("link-placeholder", "broken-page placeholder "+r.Dest+": GitBook lost the target of this link", "link the page again in the source")
		} else {
			fail("link-placeholder", "broken-reference placeholder: GitBook lost the target of this link", "link the page again in the source")
		}
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_broken_source", "")}
	case locSpace:
		if r.Auto && loc.org {
			// An address of GitBook's app in the text ("log in at
			// https://app.gitbook.com/o/…/home"), which leads to no
			// space: what it says is for those who can open it.
			return markdown.Resolution{Keep: true}
		}
		if loc.org {
			// No space to map: the organisation's home in GitBook's app.
			fail("link-gitbook-space", spaceLinkMsg(r.Dest, true), "write the address as plain text, which is kept as it is, or link a page of this site")
			return markdown.Resolution{Keep: true}
		}
		fail("link-gitbook-space", spaceLinkMsg(r.Dest, false), "map the space id in site.yaml gitbook_spaces, or link the page directly")
		return markdown.Resolution{Keep: true}
	case locUser:
		// Readers cannot open a profile in GitBook's editor: the name
		// alone, as GitBook's published docs show it.
		return markdown.Resolution{Plain: true, Class: "mention"}
	case locEditor:
		fail("link-editor-local", "editor-local link "+r.Dest+": it only works on the author's machine", "link the page directly")
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_editor", "")}
	case locOtherSite:
		return markdown.Resolution{URL: loc.url}
	case locStale:
		d.Severity = diag.Warning
		fail("link-stale", "link into "+cmp.Or(loc.url, "gitbook_url")+" matches no page of this site: "+r.Dest, "")
		return markdown.Resolution{Keep: true}
	case locOtherLang:
		if target := loc.other.byPath[loc.path]; target != nil && r.Kind != markdown.RefImage {
			if !slices.Contains(pg.targets, target) {
				pg.targets = append(pg.targets, target) // its anchors are checked
			}
			res := markdown.Resolution{URL: links.Rel(pg.url, target.url), Title: target.title()}
			res.Lang, res.Dir = l.foreignTitle(target)
			if loc.anchor != "" {
				id, ok := target.anchorID(loc.anchor)
				if !ok {
					d.Severity = diag.Warning
					fail("link-anchor", fmt.Sprintf("anchor #%s matches no heading in %s", loc.anchor, loc.other.space.DiagPath(loc.path)), pg.anchorHint(target, loc.anchor))
				}
				res.URL += "#" + url.PathEscape(id)
			}
			return res
		}
		if isPage(loc.path) && r.Kind != markdown.RefImage && loc.other.space.Exists(loc.path) {
			// A page that language does not publish, never its source
			// (t68: the .md published under _shared/).
			msg := "link to " + r.Dest + ": " + loc.other.space.DiagPath(loc.path) + " is a page of " + loc.other.what(l) + " that is not published"
			hint := "list it in its SUMMARY.md, or link it from one of its pages"
			if o := loc.other.innerLangAt(loc.other.pageURL(loc.path)); o != nil {
				msg = "link to " + r.Dest + ", which is not published: its address is in the folder of " + o.folderName()
				hint = "rename the page or its folder"
			}
			fail("link-missing", msg, hint)
			return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
		}
		if _, ok := loc.other.space.Stat(loc.path); ok && loc.other.byPath[loc.path] == nil {
			// A file of that language (an image its pages show too):
			// published where the book has it, as HonKit leaves it.
			if by := loc.other.space.IgnoredBy(loc.path); by != "" {
				return excluded(by)
			}
			return l.assetLink(pg, r, loc, "/"+path.Join(loc.other.space.Rel, loc.path), fail, used)
		}
		what := "a page or file of " + loc.other.what(l)
		if r.Kind == markdown.RefImage {
			what = "a file of " + loc.other.what(l)
		}
		hint := ""
		if near := loc.other.nearestPage(loc.path); near != "" {
			// As the link would be written, from the page's folder to
			// the other space's file (t72: the hint was lost).
			hint = "did you mean " + relPath(path.Join(l.space.Rel, l.refDir(pg, r)), path.Join(loc.other.space.Rel, near)) + "?"
		}
		fail("link-missing", "missing target "+r.Dest+": "+loc.other.space.DiagPath(loc.path)+" is not "+what, hint)
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_missing", r.Dest)}
	case locShared:
		if by := l.site.topIgnore.MatchedBy(loc.path); by != "" {
			return excluded(by)
		}
		return l.assetLink(pg, r, loc, "/"+loc.path, fail, used)
	case locSharedMissing:
		fail("link-missing", "missing target "+r.Dest+": the book has no file "+loc.path, "")
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_missing", r.Dest)}
	case locOutside:
		if res, ok := l.staticLink(pg, r); ok {
			return res
		}
		if r.Kind == markdown.RefBlock && (r.Tag == "openapi" || r.Tag == "swagger") {
			// The block reads its spec itself, from the site's folder: one
			// kept beside the content (api/ at the site's top) is fine.
			if l.siteFile(l.refDir(pg, r), r.Dest) {
				return markdown.Resolution{Keep: true}
			}
			fail("link-outside", "spec "+r.Dest+" is outside the site's folder: not read", "")
			return markdown.Resolution{Keep: true}
		}
		if u, ok := l.repoFileLink(pg, r); ok {
			return markdown.Resolution{URL: u}
		}
		hint := ""
		if l.site.hist.links == nil && r.Kind != markdown.RefImage {
			dest, _, _ := strings.Cut(r.Dest, "#")
			dest, _, _ = strings.Cut(dest, "?")
			if d, err := url.PathUnescape(dest); err == nil {
				dest = d // ../src/with%20space/a%20b.go (t65)
			}
			abs := filepath.Clean(l.space.AbsPath(path.Join(l.refDir(pg, r), dest)))
			if _, ok := l.repoFile(abs); ok {
				if _, err := os.Stat(abs); err == nil {
					hint = "set repo_url in site.yaml: a link to a file of the repository outside the content leads to it on the repository's host"
				}
			}
		}
		fail("link-outside", "link points outside the content directory: "+r.Dest, hint)
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_outside", "")}
	case locMissing:
		if res, ok := l.staticLink(pg, r); ok {
			return res
		}
		if fb := l.copyOf[l.def.byPath[loc.path]]; fb != nil && r.Kind != markdown.RefImage {
			// An untranslated page: this language publishes its
			// original as a fallback copy, at the same place.
			return l.pageLink(pg, r, loc, fb, d, report)
		}
		if link := l.space.RefusedLink(loc.path); link != "" {
			fail("link-missing", "link to "+r.Dest+": "+refusedLink(link), "")
			return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
		}
		if content.InNotBook(loc.path) {
			fail("link-missing", "link to "+r.Dest+": .git/, node_modules/ and _book/, HonKit's output, are never part of the book, as HonKit ignores them: not published", "")
			return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
		}
		hint := ""
		slashed := strings.ReplaceAll(r.Dest, `\`, "/")
		if lit := l.literalFile(l.refDir(pg, r), r.Dest); lit != "" {
			hint = lit
		} else if slashed != r.Dest && l.locate(l.refDir(pg, r), slashed).status == locFile {
			// A path copied from Windows (t47).
			hint = "write / between folders: " + slashed
		} else if md := l.pageOfHTML(loc.path); md != "" {
			if _, frag, ok := strings.Cut(r.Dest, "#"); ok {
				md += "#" + frag
			}
			hint = "link to the page's Markdown file, " + relPath(l.refDir(pg, r), md) + ": folio chooses where pages are published"
		} else if loc.suggest != "" {
			// As the link would be written, from where it is (t47).
			hint = "did you mean " + relPath(l.refDir(pg, r), loc.suggest) + "? The letter case differs"
		} else if pg.nearHints < diag.PerRule {
			// As many as the page tells (diag.Cap): each looks through
			// every file of the space (t87: 10,000 broken links took 25 s).
			pg.nearHints++
			if near := l.nearestPage(loc.path); near != "" {
				hint = "did you mean " + relPath(l.refDir(pg, r), near) + "?"
			} else if near := l.nearestFile(loc.path); near != "" {
				// Not published yet: the link, mended, publishes it (t82).
				hint = "did you mean " + relPath(l.refDir(pg, r), near) + "?"
			}
		}
		fail("link-missing", "missing target "+r.Dest, hint)
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_missing", r.Dest)}
	}

	// A file of the space: a page, or an asset to publish, unless an
	// ignore file keeps it out of the book.
	if by := l.space.IgnoredBy(loc.path); by != "" {
		return excluded(by)
	}
	target := l.byPath[loc.path]
	if target == nil && l.isSummary(loc.path) && r.Kind != markdown.RefImage {
		fail("link-missing", "link to "+loc.path+", the table of contents, which is not a page", "link a page, such as the home page")
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_missing", r.Dest)}
	}
	if target == nil && l.dropped[loc.path] {
		// A page that another published at its URL displaced (reported
		// there): the link leads to that URL, the other page's.
		target = l.byURL[l.pageURL(loc.path)]
		if o := l.innerLangAt(l.pageURL(loc.path)); target == nil && o != nil && r.Kind != markdown.RefImage {
			fail("link-missing", "link to "+loc.path+", which is not published: its address is in the folder of "+o.folderName(), "rename the page or its folder")
			return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
		}
	}
	if target != nil && pg.home != nil {
		// A fallback copy links to the pages of the language it is
		// published in, unless the heading it links to is only in the
		// original's language (a translated heading has another ID).
		if c := pg.home.counterpart(target); c != nil && (loc.anchor == "" || hasAnchor(c, loc.anchor) || !hasAnchor(target, loc.anchor)) {
			target = c
		}
	}
	if target != nil && r.Kind != markdown.RefImage {
		return l.pageLink(pg, r, loc, target, d, report)
	}
	return l.assetLink(pg, r, loc, loc.path, fail, used)
}

// assetLink is what a reference of pg to a file published as an asset
// becomes: key is the file as used publishes it (a path of the space, or
// "/" and a LANGS.md book's shared file; see assetFile).
func (l *lang) assetLink(pg *page, r markdown.Ref, loc location, key string, fail func(rule, msg, hint string), used func(string)) markdown.Resolution {
	site, abs := l.site.assetFile(l, key)
	if o := l.innerLangAt(site); o != nil && !strings.HasPrefix(key, "/") {
		// A file of this space at an address in another language's
		// folder, where that language's own file may be (t72).
		fail("asset-reserved", fmt.Sprintf("%s is published at %s, in the folder of %s: not published", r.Dest, site, o.folderName()),
			"move the file out of that folder")
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
	}
	if l.ownFile(site) {
		fail("asset-reserved", fmt.Sprintf("%s is a file of the site that folio writes itself (%s): not published", r.Dest, site),
			"rename the file or move it to another folder")
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
	}
	if own := l.ownAbove(path.Dir(site)); own != "" {
		fail("asset-reserved", fmt.Sprintf("%s is published at %s, inside /%s, a file folio writes itself: not published", r.Dest, site, own),
			"move the file to another folder")
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
	}
	if other := l.byURL[site+"/"]; other != nil {
		// The page's folder: the first written of the two stopped the
		// build (t99: told at the write, with no line, and not by check).
		fail("asset-reserved", fmt.Sprintf("%s is published at %s, the folder of the page %s: not published", r.Dest, site, other.path),
			"rename the file or the page")
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
	}
	if twin := gitbookTwin(abs); twin != "" {
		// .gitbook/ is published as _gitbook/: two files at one address,
		// of which one would be served for both (t63), from any language
		// (t65).
		fail("asset-reserved", fmt.Sprintf("%s is published at %s, the address of %s: not published", r.Dest, site, twin),
			"rename the _gitbook folder: folio publishes .gitbook/ under that name")
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
	}
	if ext := strings.ToLower(path.Ext(key)); !l.site.cfg.TrustRawHTML && xmlExts[ext] && l.site.scriptedXML(abs, ext == ".svg") {
		// In an <img> its script does not run; opened on its own (a
		// link, a new tab), it runs at the site's address (t61): not
		// published, as a <script> in a page is not.
		fail("unsafe-html", fmt.Sprintf("%s holds more than drawing or data (script, an on… attribute, a javascript: link, HTML beyond text, an XSLT style sheet, a default attribute), which would run at the site's address when the file is opened on its own: not published", r.Dest),
			"remove it from the file, a drawing needs none; trust_raw_html: true in site.yaml publishes it")
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
	}
	if !l.site.cfg.TrustRawHTML && activeDoc(key) {
		// An HTML or XML document runs its scripts at the site's address
		// when it is opened (t76); a page of the site needs none.
		fail("unsafe-html", fmt.Sprintf("%s is an HTML document or an XSLT style sheet, which would run its scripts at the site's address when opened: not published", r.Dest),
			"link the page's Markdown instead, or publish the document elsewhere; trust_raw_html: true in site.yaml publishes it")
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
	}
	if !l.site.cfg.TrustRawHTML && l.site.sniffedDoc(abs, key) {
		fail("unsafe-html", fmt.Sprintf("%s starts like an HTML or XML document and holds what folio's raw HTML allowlist does not admit (script, an on… attribute, a frame…); named without an extension that every host knows, it may be served as a page, which would run at the site's address: not published", r.Dest),
			"give the file the extension of what it holds (.txt for text), or link the page's Markdown instead; trust_raw_html: true in site.yaml publishes it")
		return markdown.Resolution{Plain: true, Title: l.linkWord("link_not_published", r.Dest)}
	}
	used(key)
	res := markdown.Resolution{URL: links.Rel(pg.url, site) + loc.query}
	if loc.anchor != "" {
		res.URL += "#" + url.PathEscape(loc.anchor)
	}
	if f, ok := l.space.Stat(key); ok {
		res.Size = f.Size
	} else if fi, err := os.Stat(abs); err == nil && key != loc.path {
		res.Size = fi.Size() // a shared file, outside the space's index
	}
	if r.Kind == markdown.RefImage {
		res.Width, res.Height = l.site.images.Size(abs)
	}
	return res
}

// pageLink is what a reference of pg to the published page target
// becomes; a missing anchor is a warning at d's place.
func (l *lang) pageLink(pg *page, r markdown.Ref, loc location, target *page, d diag.Diagnostic, report func(diag.Diagnostic)) markdown.Resolution {
	if !slices.Contains(pg.targets, target) {
		pg.targets = append(pg.targets, target)
	}
	// A query the author wrote is kept, as it is for files: a script of
	// the page may read it (t61: page.md?tab=python lost it).
	u := links.Rel(pg.url, target.url) + loc.query
	if loc.anchor != "" {
		id, ok := target.anchorID(loc.anchor)
		if !ok {
			d.Severity, d.Rule, d.Msg = diag.Warning, "link-anchor", fmt.Sprintf("anchor #%s matches no heading in %s", loc.anchor, loc.path)
			d.Hint = pg.anchorHint(target, loc.anchor)
			report(d)
		}
		u += "#" + url.PathEscape(id)
	}
	res := markdown.Resolution{URL: u}
	if r.Kind == markdown.RefBlock || r.Mention {
		res.Title = target.title()
		res.Lang, res.Dir = l.foreignTitle(target)
		if target.doc != nil {
			res.Desc, res.Icon = target.doc.Meta.Description, target.doc.Meta.Icon
		}
	}
	return res
}

// ownRawFile is the file of the site's folder that a GitHub address of
// a file's raw content names, when the folder holds it: a README's
// https://raw.githubusercontent.com/owner/repo/main/docs/logo.png, or
// https://github.com/owner/repo/blob/main/docs/logo.png?raw=true, for
// docs/logo.png (t57: the hint said to save in the repository an image
// that was there). "" otherwise.
func (s *site) ownRawFile(dest string) string {
	u, err := url.Parse(dest)
	if err != nil {
		return ""
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	switch {
	case u.Host == "raw.githubusercontent.com" && len(segs) > 3:
		segs = segs[3:] // owner, repository, branch
	case u.Host == "github.com" && len(segs) > 4 && (segs[2] == "blob" || segs[2] == "raw"):
		segs = segs[4:]
	default:
		return ""
	}
	// The site's folder may be the repository's or one of its folders:
	// the longest end of the path that it holds.
	for i := range segs {
		rel := strings.Join(segs[i:], "/")
		if !filepath.IsLocal(filepath.FromSlash(rel)) {
			continue
		}
		if fi, err := os.Stat(filepath.Join(s.cfg.Dir, filepath.FromSlash(rel))); err == nil && fi.Mode().IsRegular() {
			return rel
		}
	}
	return ""
}

// hasAnchor tells whether the anchor a leads to a heading of pg.
func hasAnchor(pg *page, a string) bool {
	_, ok := pg.anchorID(a)
	return ok
}

// anchorID finds the id of pg that the anchor a means: as matchAnchor
// finds it, or else the heading GitHub would have given that id, for a
// page written there ("#whats-new" for "What's new?", which GitBook and
// folio call "what-s-new"). GitHub tells headings of the same id apart as
// it meets them, "-1", "-2" after the first.
func (pg *page) anchorID(a string) (string, bool) {
	if id, ok := matchAnchor(pg.ids, a); ok || pg.doc == nil || pg.github == nil {
		return id, ok
	}
	if id, ok := pg.github.of(pg.doc.Headings)[strings.ToLower(a)]; ok {
		return id, true
	}
	return a, false
}

// githubIDs maps the ids GitHub would give a page's headings to the ids
// folio gives them, made once, on the first link that needs it, by any
// of the goroutines that resolve the pages linking to it (t59: made
// for each link, 5,000 links to a page took 4.7 s).
type githubIDs struct {
	once sync.Once
	ids  map[string]string
}

// of is the map for the page's headings hs.
func (g *githubIDs) of(hs []markdown.Heading) map[string]string {
	g.once.Do(func() {
		g.ids = map[string]string{}
		seen := map[string]int{}
		for _, h := range hs {
			if h.Level == 0 {
				continue // a <details> or a hint's title: no heading on GitHub
			}
			slug := links.GitHubSlug(h.Text)
			id := slug
			for {
				if _, taken := seen[id]; !taken {
					break
				}
				seen[slug]++
				id = slug + "-" + strconv.Itoa(seen[slug])
			}
			seen[id] = 0
			if _, ok := g.ids[id]; !ok {
				g.ids[id] = h.ID
			}
		}
	})
	return g.ids
}

// matchAnchor finds the heading ID an anchor means, tolerating a missing
// or extra "id-" prefix as GitBook does.
func matchAnchor(ids map[string]bool, a string) (string, bool) {
	switch {
	case ids[a]:
		return a, true
	case ids["id-"+a]:
		return "id-" + a, true
	case strings.HasPrefix(a, "id-") && ids[a[3:]]:
		return a[3:], true
	case ids[strings.ToLower(a)]:
		return strings.ToLower(a), true
	}
	if c := norm.NFC.String(a); c != a {
		// An anchor typed with combining accents names the heading
		// typed with composed ones (links.Slug composes).
		return matchAnchor(ids, c)
	}
	return a, false
}

// nearestPath returns the path of paths closest to the missing p, by edit
// distance, when it is close enough to be a typo or a moved file; ""
// otherwise.
func nearestPath(p string, paths []string) string {
	// Near enough to be a typo: a third of the name, the extension left
	// out (nope.md is not a typo of angle.md).
	// Scores are twice the distance, so that a file of the same name in
	// another folder, moved, scores 3: behind a one-letter typo, ahead of
	// a two-letter one (t103: chapter-04/page-34.md suggested
	// chapter-03/page-24.md over chapter-4b/page-34.md).
	best, bestScore := "", 2*(len(strings.TrimSuffix(p, path.Ext(p)))/3+1)
	lower, base := strings.ToLower(p), path.Base(p)
	for _, q := range paths {
		// Past bestScore, a distance changes nothing: the band of edits
		// within it is enough.
		d := suggest.EditDistanceAtMost(lower, strings.ToLower(q), bestScore/2)
		score := 2 * d
		if d > 0 && path.Base(q) == base {
			score = min(score, 3)
		}
		if score < bestScore || score == bestScore && best != "" && q < best {
			best, bestScore = q, score
		}
	}
	return best
}

// spaceLinkMsg says why a link to GitBook's app, dest, leads nowhere for
// readers: to a space no site maps, or to an organisation's pages (org).
func spaceLinkMsg(dest string, org bool) string {
	if org {
		return "link to GitBook's app " + dest + ": it names no space, and readers outside GitBook cannot follow it"
	}
	return "GitBook space link " + dest + ": readers outside GitBook cannot follow it"
}

// refusedLink says why a file at or under the symbolic link link is not
// published.
func refusedLink(link string) string {
	return link + " is a symbolic link folio does not follow (out of the space, to nowhere or to a folder): not published"
}

// anchorHint is anchorHint for a link of pg to target, for the page's
// first maxAnchorHints broken anchors: each reads all of target's ids
// (t59: 20,000 broken anchors to a page of 23,000 headings took minutes).
func (pg *page) anchorHint(target *page, anchor string) string {
	if pg.anchorHints >= maxAnchorHints {
		return ""
	}
	pg.anchorHints++
	return anchorHint(target.ids, anchor)
}

// maxAnchorHints is how many broken anchors of a page are given a near id.
const maxAnchorHints = 20

// anchorHint names the heading ID of ids closest to an anchor that
// matches none, when it is close enough to be a typo (a third of its
// length, as nearestPath has it); "" otherwise (t47).
func anchorHint(ids map[string]bool, anchor string) string {
	near := nearestPath(anchor, slices.Sorted(maps.Keys(ids)))
	if near == "" {
		return ""
	}
	return "did you mean #" + near + "?"
}

// nearestFile is nearestPage for a SUMMARY.md entry: among the space's
// Markdown files, published or not (a misspelt entry leaves its page
// unpublished).
func (l *lang) nearestFile(p string) string {
	if !isPage(p) {
		return ""
	}
	l.pageFilesOnce.Do(func() {
		l.pageFiles = slices.DeleteFunc(l.space.Files(), func(f string) bool { return !isPage(f) || l.isSummary(f) || l.space.Ignored(f) })
	})
	return nearestPath(p, l.pageFiles)
}

// nearestPage returns the published page whose path is closest to the
// missing p, by edit distance, when it is close enough to be a typo or a
// moved file; "" otherwise.
func (l *lang) nearestPage(p string) string {
	if !isPage(p) {
		return ""
	}
	l.pagePathsOnce.Do(func() {
		for _, pg := range l.pages {
			if pg.origin == nil {
				l.pagePaths = append(l.pagePaths, pg.path)
			}
		}
	})
	best := nearestPath(p, l.pagePaths)
	if best == "" {
		// Renamed, its title kept: logs.md, now logging.md titled
		// "Logs". Only in the same folder, and only one.
		stem := links.Key(strings.TrimSuffix(path.Base(p), path.Ext(p)))
		for _, pg := range l.pages {
			if pg.origin == nil && stem != "" && path.Dir(pg.path) == path.Dir(p) && links.Key(pg.title()) == stem {
				if best != "" {
					return ""
				}
				best = pg.path
			}
		}
	}
	return best
}

// literalFile explains a missing target dest, written in folder dir,
// whose characters taken as written name a file: a # (an anchor), a ?
// (a query) or a % (an escape) in a file name must be escaped in a link.
// "" when there is no such file.
func (l *lang) literalFile(dir, dest string) string {
	dest = strings.TrimSpace(dest)
	if !strings.ContainsAny(dest, "#?%") || links.IsExternal(dest) {
		return ""
	}
	lit, ok := content.Clean(dir, dest)
	if !ok || !l.space.Exists(lit) {
		return ""
	}
	esc := strings.NewReplacer("%", "%25", "#", "%23", "?", "%3F").Replace(dest)
	return fmt.Sprintf("the file %s exists, but in a link # starts an anchor, ? a query and %% an escape: write %s", lit, esc)
}

// relPath writes target relative to the directory dir, as a link would.
func relPath(dir, target string) string {
	if dir == "." {
		dir = ""
	}
	up := ""
	for dir != "" && !strings.HasPrefix(target, dir+"/") {
		up += "../"
		dir = path.Dir(dir)
		if dir == "." {
			dir = ""
		}
	}
	if dir != "" {
		target = strings.TrimPrefix(target, dir+"/")
	}
	return up + target
}

// resolvePage resolves every reference of a page, its cover included, and
// reports what is wrong with them. A build and a check share it, so that
// they agree on every diagnostic.
func (s *site) resolvePage(l *lang, pg *page, used func(string)) {
	if pg.doc.Released() {
		s.regrowTree(l, pg)
	}
	var ds []diag.Diagnostic
	pg.targets = pg.targets[:0]
	pg.anchorHints, pg.nearHints = 0, 0
	pg.doc.Resolve(func(r markdown.Ref) markdown.Resolution {
		return l.resolve(pg, r, func(d diag.Diagnostic) { ds = append(ds, d) }, used)
	})
	if c := pg.doc.Meta.Cover; c != "" {
		// The cover is an image like any other, written in front matter.
		at := pg.doc.Meta
		r := l.resolve(pg, markdown.Ref{Dest: c, Kind: markdown.RefImage, Line: max(at.CoverLine, 1), Col: max(at.CoverCol, 1), HasAlt: true},
			func(d diag.Diagnostic) { ds = append(ds, d) }, used)
		switch {
		case r.Keep:
			pg.cover = c
		case !r.Plain:
			pg.cover = r.URL
		}
	}
	if pg.doc.Blank() && !hasCards(l, pg) && !slices.ContainsFunc(pg.diags, func(d diag.Diagnostic) bool { return d.Severity == diag.Error }) {
		// A file made and never written: readers find a page with
		// nothing under its title (t47). One that could not be read
		// (binary) is told so already.
		ds = append(ds, diag.Diagnostic{Path: l.space.DiagPath(pg.path), Line: 1, Col: 1, Severity: diag.Warning, Rule: "page-empty",
			Msg: "the page is empty: readers find nothing under its title", Hint: "write its content, or make its SUMMARY.md entry a title without a link"})
	}
	// Capped as the page's parse is (t82: 25 broken links were 25
	// lines where the guide promises 20 and a count).
	slices.SortStableFunc(ds, diag.Compare)
	pg.rdiags = diag.Cap(groupRemoteImages(ds), diag.PerRule)
}

// remoteImagesTold is how many remote-image warnings a page gets for the
// images of one host; the last of them counts the others (t57: a README
// of 9,000 badges buried the other warnings of its check).
const remoteImagesTold = 3

// groupRemoteImages keeps a page's first remoteImagesTold remote-image
// warnings of each host (their messages name it), the last counting the
// ones left out.
func groupRemoteImages(ds []diag.Diagnostic) []diag.Diagnostic {
	total := map[string]int{}
	for _, d := range ds {
		if d.Rule == "remote-image" {
			total[d.Msg]++
		}
	}
	if len(total) == 0 {
		return ds
	}
	seen := map[string]int{}
	out := ds[:0]
	for _, d := range ds {
		if d.Rule == "remote-image" {
			n := total[d.Msg]
			seen[d.Msg]++
			switch k := seen[d.Msg]; {
			case k > remoteImagesTold:
				continue
			case k == remoteImagesTold && n > k:
				d.Msg += fmt.Sprintf(" (and %d more images from there on this page, not told one by one)", n-k)
			}
		}
		out = append(out, d)
	}
	return out
}

// indefinite is "a" or "an" before word, as it is read: "an irc: URL".
func indefinite(word string) string {
	if word != "" && strings.ContainsRune("aeiouAEIOU", rune(word[0])) {
		return "an"
	}
	return "a"
}

// hostLike reports whether dest, read as scheme:rest, is rather a host
// and port (localhost:3000, docs.example.com:8080/path).
func hostLike(dest string) bool {
	host, rest, ok := strings.Cut(dest, ":")
	if !ok || host == "" || strings.HasPrefix(rest, "//") {
		return false
	}
	port, _, _ := strings.Cut(rest, "/")
	if port == "" || len(port) > 5 {
		return false
	}
	for _, c := range port {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
