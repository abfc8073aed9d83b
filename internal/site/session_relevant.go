package site

import (
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"folio/internal/content"
	"folio/internal/diag"
)

// Which changed files matter to the live preview. A save of a file that
// no page uses and folio does not read (notes, a log, a file of another
// tool) must not rebuild the site: a rebuild takes time, and its log line
// may itself be such a file (folio serve > serve.log in the site), which
// would rebuild again, endlessly. Everything folio cannot rule out
// matters: a Markdown file, a file folio reads by its name or kind, the
// theme's and static/ files, a file a page publishes, includes or
// embeds, and a file whose name a diagnostic gives (a missing link target
// that has just been made).

// maxDirFiles bounds how many files of a new folder are looked at one by
// one: past it, the folder is taken to matter.
const maxDirFiles = 2000

// configNames are the files folio reads by their name (lower-cased),
// wherever they are: the site's, a space's or a book's configuration;
// the ignore files too (content.IgnoreFiles).
var configNames = map[string]bool{
	"site.yaml": true, "site.yml": true, "docs.yaml": true, "langs.md": true, "book.json": true, "book.js": true,
	".gitbook.yaml": true, ".bookignore": true, "summary.md": true, "glossary.md": true,
	"readme": true, ".mailmap": true,
}

// IsConfigName reports whether folio reads a file of this base name as
// configuration, wherever it is (configNames), whatever its case.
func IsConfigName(base string) bool { return configNames[strings.ToLower(base)] }

// readKinds are the extensions of the files that folio reads when a page
// or the configuration names them, or that may be pages: Markdown, and
// the YAML and JSON of variables, tags and API specs (whose $refs name
// further files).
var readKinds = map[string]bool{".md": true, ".markdown": true, ".mdx": true, ".yaml": true, ".yml": true, ".json": true}

// Relevant returns the files among changed (absolute paths) whose change
// may change the site; the caller rebuilds for those only. The others
// are remembered: the last build's index of the files does not know
// them, so a later update of a page that names one builds the whole site
// (mentionsStale).
func (ss *Session) Relevant(changed []string) []string {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	s := ss.s
	if s == nil || s.review != nil {
		// Nothing to judge by (no build, or a failed one), or review mode,
		// whose marks any file may change: everything matters.
		return changed
	}
	r := relevance{ss: ss, s: s}
	var out []string
	var inert []string
	for _, p := range changed {
		if names, ok := r.inert(p); ok {
			inert = append(inert, names...)
			continue
		}
		out = append(out, p)
	}
	if len(inert) > 0 {
		if ss.stale == nil {
			ss.stale = map[string]bool{}
		}
		for _, n := range inert {
			ss.stale[strings.ToLower(n)] = true
		}
	}
	return out
}

// relevance judges the files of one batch against the last build.
type relevance struct {
	ss *Session
	s  *site
	// said is every diagnostic's path, message and hint, lower-cased, one
	// per line; made when first needed.
	said        string
	saidDone    bool
	included    map[string]bool // the files pages include, as diagnostics name them
	targets     map[string]bool // the files the content's symbolic links lead to (linkTargets), read when first needed
	targetsRead bool
}

// inert reports whether the file or folder abs cannot change the site,
// and the names of the files it holds (for mentionsStale).
func (r *relevance) inert(abs string) ([]string, bool) {
	rel, ok := r.siteRel(abs)
	if !ok || rel == "." {
		return nil, false // the site itself, or outside it: build it all
	}
	if content.NeverRead(path.Base(rel)) || content.InNotBook(rel) {
		return nil, true // HonKit's output, the tools' packages: never read
	}
	if r.byName(rel) {
		return nil, false
	}
	fi, err := os.Lstat(abs)
	switch {
	case err == nil && fi.Mode()&fs.ModeSymlink != 0:
		// A symbolic link: to a page, which it publishes, or to a folder
		// or out of the site, which a build warns of (t58: no build, no
		// warning). The watcher leaves out Emacs's lock files (.#name).
		return nil, false
	case err == nil && fi.IsDir():
		// A new folder (or one moved in): its files may never have had an
		// event of their own.
		if r.published(rel) || r.named(rel) {
			return nil, false
		}
		names := []string{path.Base(rel)}
		matters := false
		err := filepath.WalkDir(abs, func(p string, e fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case p == abs:
				return nil
			case e.IsDir() && content.NeverRead(e.Name()):
				return filepath.SkipDir // never content
			}
			frel, ok := r.siteRel(p)
			if !ok || len(names) > maxDirFiles || r.byName(frel) || r.published(frel) || r.usedFile(frel) || r.named(frel) {
				matters = true
				return fs.SkipAll
			}
			names = append(names, e.Name())
			return nil
		})
		if err != nil || matters {
			return nil, false
		}
		return names, true
	case err != nil:
		if names, ok := r.goneDir(rel); ok {
			return names, len(names) > 0
		}
	}
	if r.published(rel) || r.usedFile(rel) || r.named(rel) || r.linkTarget(abs) {
		return nil, false
	}
	return []string{path.Base(rel)}, true
}

// linkTarget reports whether a symbolic link of the content leads to the
// file abs: the site publishes the file it leads to under the link's
// name, so an edit of it is one of the link's.
func (r *relevance) linkTarget(abs string) bool {
	if !r.targetsRead {
		r.targets, r.targetsRead = r.s.linkTargets(), true
	}
	return len(r.targets) > 0 && r.targets[realPath(abs)]
}

// siteRel is abs as a slash path relative to the site's folder.
func (r *relevance) siteRel(abs string) (string, bool) {
	rel, err := filepath.Rel(r.s.cfg.Dir, abs)
	if err != nil || !filepath.IsLocal(rel) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// byName reports whether rel matters for its name or place alone: a page
// or a file folio reads, the theme's and static/ files.
func (r *relevance) byName(rel string) bool {
	base := strings.ToLower(path.Base(rel))
	if readKinds[path.Ext(base)] || configNames[base] || slices.Contains(content.IgnoreFiles, base) {
		return true
	}
	if strings.HasSuffix(rel, "/styles/website.css") || rel == "styles/website.css" {
		return true // HonKit's default style sheet: folio says it is not applied
	}
	top, _, _ := strings.Cut(rel, "/")
	if top == "themes" || top == "static" {
		return true
	}
	cfg := r.s.cfg
	if rel == cfg.Logo || rel == cfg.SocialImage {
		return true
	}
	for _, f := range cfg.Favicon {
		if rel == f {
			return true
		}
	}
	for _, l := range r.s.langs {
		p, ok := spaceRel(l, rel)
		if !ok {
			continue
		}
		gb := l.space.GitBook
		if p == "" || p == gb.Readme || p == gb.Summary || p == l.space.Readme || p == l.glossary || p == glossaryFile(l) {
			return true
		}
		if b := l.book; b != nil && (p == b.Structure.Readme || p == b.Structure.Summary || p == b.Structure.Glossary || p == b.Structure.Langs) {
			return true
		}
	}
	return false
}

// glossaryFile is the file the glossary of l is read from, as setupSpace
// reads it, terms or not.
func glossaryFile(l *lang) string {
	if l.book != nil && l.book.Structure.Glossary != "" {
		return l.book.Structure.Glossary
	}
	return "GLOSSARY.md"
}

// spaceRel is the site path rel as a path of l's space.
func spaceRel(l *lang, rel string) (string, bool) {
	sp := l.space.Rel
	switch {
	case sp == "":
		return rel, true
	case rel == sp:
		return "", true
	}
	rest, ok := strings.CutPrefix(rel, sp+"/")
	return rest, ok
}

// published reports whether the last build published something where
// the file or folder rel would be: an asset a page uses (a LANGS.md
// book's shared file included), or a folder of them. The output is the
// record of what the pages used: a changed or deleted asset is there.
func (r *relevance) published(rel string) bool {
	out := r.ss.out
	exists := func(u string) bool {
		if u == "" {
			return false
		}
		_, err := os.Lstat(filepath.Join(out, filepath.FromSlash(u)))
		return err == nil
	}
	for _, l := range r.s.langs {
		if p, ok := spaceRel(l, rel); ok && p != "" && exists(l.assetURL(p)) {
			return true
		}
	}
	return r.s.cfg.LangsBook && exists(r.s.sharedURL(rel))
}

// goneDir judges rel, which is gone, when it was a folder of a space as
// the last build indexed it: ok is set, and names holds the names of the
// files it held, or nothing when one of them mattered (then the folder
// does). A folder moved away has no event for its files.
func (r *relevance) goneDir(rel string) (names []string, ok bool) {
	for _, l := range r.s.langs {
		p, in := spaceRel(l, rel)
		if !in || !l.space.IsDir(p) {
			continue
		}
		if p == "" {
			return nil, true // the whole space
		}
		ok = true
		names = append(names, path.Base(rel))
		for _, f := range l.space.Files() {
			if !strings.HasPrefix(f, p+"/") {
				continue
			}
			frel := path.Join(l.space.Rel, f)
			if len(names) > maxDirFiles || r.byName(frel) || r.published(frel) || r.usedFile(frel) || r.named(frel) {
				return nil, true
			}
			names = append(names, path.Base(f))
		}
	}
	return names, ok
}

// usedFile reports whether a page includes rel.
func (r *relevance) usedFile(rel string) bool {
	if r.included == nil {
		r.included = r.s.includedFiles()
	}
	return r.included[rel]
}

// named reports whether a diagnostic of the last build names the file
// rel: a missing link target, include, cover or logo that it may be, a
// case-insensitive near miss, a problem of the file itself. Any mention
// of its name counts: reading too much into a message would miss one.
func (r *relevance) named(rel string) bool {
	if !r.saidDone {
		r.saidDone = true
		var b strings.Builder
		for _, d := range r.s.diags.Sorted() {
			b.WriteString(d.Path + "\x00" + d.Msg + "\x00" + d.Hint + "\n")
		}
		for _, l := range r.s.langs {
			for _, pg := range l.pages {
				for _, ds := range [][]diag.Diagnostic{pg.diags, pg.rdiags} {
					for _, d := range ds {
						b.WriteString(d.Path + "\x00" + d.Msg + "\x00" + d.Hint + "\n")
					}
				}
			}
		}
		r.said = strings.ToLower(b.String())
	}
	return mentions(r.said, path.Base(rel))
}

// mentions reports whether text, lower-cased, holds the file name name,
// as written or escaped as in a link.
func mentions(text, name string) bool {
	name = strings.ToLower(name)
	if name == "" {
		return false
	}
	return strings.Contains(text, name) || strings.Contains(text, strings.ToLower(url.PathEscape(name)))
}

// mentionsStale reports whether the freshly parsed page pg may use a file
// that changed since the last build without rebuilding the site (see
// Relevant): the build's index of the files is out of date for it, so
// the page must be built with the whole site.
func (ss *Session) mentionsStale(pg *page) bool {
	if len(ss.stale) == 0 || pg.doc == nil {
		return false
	}
	var b strings.Builder
	b.Write(pg.doc.Source)
	for _, r := range pg.doc.Refs {
		b.WriteString("\n" + r.Dest)
		if u, err := url.PathUnescape(r.Dest); err == nil {
			b.WriteString("\n" + u)
		}
	}
	for _, d := range pg.diags {
		b.WriteString("\n" + d.Msg + "\n" + d.Hint)
	}
	text := strings.ToLower(b.String())
	for name := range ss.stale {
		if mentions(text, name) {
			return true
		}
	}
	return false
}
