package site

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"strings"

	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/glossary"
	"folio/internal/links"
	"folio/internal/markdown"
	"folio/internal/nav"
)

// setupSpace reads what a space declares beside its pages, once per
// build: a HonKit book.json (variables, title, direction), a glossary, and
// GitBook's tags for update blocks. It fills the options every page of the
// language is parsed with.
//
// In a LANGS.md book, root is the book.json at the top of the repository,
// which each language's own book.json inherits as in HonKit, and
// templating is on in every language, with or without a book.json.
func (l *lang) setupSpace(root *content.Book) {
	sp := l.space
	book := sp.Book()
	l.opts = markdown.ParseOptions{Include: l.include, TrustHTML: l.site.cfg.TrustRawHTML, ToolVersion: Version, ThemeID: l.site.theme.OwnsID}
	if l.site.cfg.LangsBook {
		book = content.Inherit(root, book)
	}
	if book == nil && (l.site.cfg.LangsBook || sp.HasBook()) {
		// A HonKit book still, whose book.json is missing or unreadable
		// (reported): templating stays on.
		book = &content.Book{}
	}
	l.opts.BookUnread = sp.HasBook() && sp.Book() == nil
	if book != nil {
		l.book = book
		l.opts.Vars = book.Variables
		if l.opts.Vars == nil {
			l.opts.Vars = map[string]any{} // a HonKit book: templating on
		}
		l.opts.Config = book.Config
		l.opts.Plugins = content.Plugins(book.Config)
		l.opts.KeyOrder = book.Keys
		if l.site.cfg.LangsBook {
			// HonKit's book.language, and config.language unless book.json
			// sets it, is the book's folder in LANGS.md.
			l.opts.Language = path.Base(l.space.Lang.Dir)
			if _, set := l.opts.Config["language"]; !set {
				cfg := maps.Clone(l.opts.Config)
				if cfg == nil {
					cfg = map[string]any{}
				}
				cfg["language"] = l.opts.Language
				l.opts.Config = cfg
			}
		}
	}
	l.legacy = (book != nil || l.site.cfg.LangsBook) && !sp.GitBookYAML
	// A HonKit book's headings have HonKit's IDs, which its links name.
	l.opts.HonKitIDs = l.legacy
	if l.legacy && sp.Summary != nil {
		l.honkitSummary(sp.Summary)
	}
	slug := links.Slug
	if l.legacy {
		slug = links.HonKitSlug
	}
	vars, ds := sp.ReadVars()
	l.site.diags.Add(ds...)
	l.opts.SpaceVars = vars
	tags, ds := sp.ReadTags()
	l.site.diags.Add(ds...)
	if len(tags) > 0 {
		l.opts.TagLabels = content.TagLabels(tags)
		l.opts.TagLooks = make(map[string]markdown.TagLook, len(tags))
		for slug, tg := range tags {
			l.opts.TagLooks[slug] = markdown.TagLook{Color: tg.Color, Icon: tg.Icon}
		}
	}
	file := "GLOSSARY.md"
	if book != nil && book.Structure.Glossary != "" {
		file = book.Structure.Glossary
	}
	if sp.Exists(file) {
		src, ds, ok := sp.ReadText(file)
		l.site.diags.Add(ds...)
		if ok {
			if l.opts.Vars != nil {
				// Its definitions are the terms' tooltips on every page:
				// with the book's variables, as the glossary page shows
				// them (t74: "{{ book.product }}" in each tooltip).
				src = markdown.Expand(sp.DiagPath(file), src, l.opts)
			}
			g, gds := glossary.Parse(sp.DiagPath(file), sp.DiagPath(file), src, slug)
			l.site.diags.Add(gds...)
			if len(g.Terms) > 0 {
				l.opts.Glossary = g
				l.glossary = file
			}
		}
	}
}

// honkitSummary reads a HonKit book's SUMMARY.md as HonKit does: a link's
// title (a tooltip there) is not the page's label, which GitBook takes
// it for, and a home page it leaves out comes first, named by its
// heading.
func (l *lang) honkitSummary(sum *nav.Summary) {
	sp := l.space
	listed := false
	sumDir := path.Dir(sp.GitBook.Summary)
	for it := range sum.Items {
		it.Label = ""
		if it.Target != "" {
			if loc := l.locate(sumDir, it.Target); loc.status == locFile && loc.path == sp.Readme {
				listed = true
			}
		}
	}
	if !listed && sp.Readme != "" && len(sum.Parts) > 0 {
		first := sum.Parts[0]
		// HonKit's own title for it, whatever the book's language.
		first.Items = append([]*nav.Item{{Title: "Introduction", Target: relPath(sumDir, sp.Readme)}}, first.Items...)
	}
}

// rootBook reads the book.json at the top of a LANGS.md book, which
// every language inherits; nil for another site, or when there is none.
func (s *site) rootBook() *content.Book {
	if !s.cfg.LangsBook {
		return nil
	}
	var ds []diag.Diagnostic
	book, _, err := content.ReadBookFile(s.cfg.Dir, "book.json", &ds)
	s.diags.Add(ds...)
	if err != nil {
		s.diags.Add(diag.Diagnostic{Path: "book.json", Severity: diag.Error, Rule: "book-json", Msg: fmt.Sprintf("book.json cannot be read: %v", err)})
	}
	return book
}

// spacePath turns a path as diagnostics give it back into a path of the
// space.
func (l *lang) spacePath(diagPath string) string {
	if l.space.Rel == "" {
		return diagPath
	}
	return strings.TrimPrefix(diagPath, l.space.Rel+"/")
}

// include reads the file an {% include %} names: GitBook's form is
// relative to the file that includes it, HonKit's "/x.md" is relative to
// the language's root. The name it returns is the file's path in the
// site, as diagnostics and Doc.Included give it.
func (l *lang) include(from, target string) (string, []byte, []diag.Diagnostic, error) {
	o, p, err := l.includePath(from, target)
	if err != nil {
		return "", nil, nil, err
	}
	if o == nil {
		// A file at a LANGS.md book's top, which every language may
		// include, as HonKit reads it (../shared/note.md in en/x.md).
		src, ds, err := l.site.readTop(p)
		return p, src, ds, err
	}
	name := o.space.DiagPath(p)
	if o == l {
		name = p // as the space's own links are told
	}
	if !o.space.Exists(p) {
		if o.space.IsDir(p) {
			return "", nil, nil, errors.New(name + " is a folder: include a file of it")
		}
		return "", nil, nil, fmt.Errorf("%s: %w", name, fs.ErrNotExist)
	}
	// What reading it says (a file in Latin-1, converted) is told on the
	// pages that include it, once (t74).
	src, ds, ok := o.space.ReadText(p)
	if !ok {
		return "", nil, nil, errors.New(name + " is not a text file")
	}
	return o.space.DiagPath(p), src, ds, nil
}

// includePath finds the file an {% include %} in the file from names: a
// path of the space of o, the language whose folder holds it (l, or
// another: ../fr/part.md); or, with o nil, a path of the site at a
// LANGS.md book's top, outside every language's folder.
func (l *lang) includePath(from, target string) (*lang, string, error) {
	target = strings.TrimSpace(target)
	if rest, ok := strings.CutPrefix(target, "/"); ok {
		if p, inside := content.Clean("", rest); inside {
			return l, p, nil
		}
		return nil, "", fmt.Errorf("%s leads outside the content directory", target)
	}
	// Relative to the including file (from, a path of the site), which
	// may be of another language or at the book's top: an included file
	// includes in turn (t77).
	if site, ok := content.Clean(path.Dir(from), target); ok {
		if o, p := l.site.ownerOf(site); o != nil {
			return o, p, nil
		}
		if l.site.cfg.LangsBook {
			if l.site.atTop(site) {
				return nil, site, nil
			}
			return nil, "", fmt.Errorf("%s is not a file of the book: not of a language, nor one the languages share (node_modules/, _book/, hidden folders and the tools' files are not)", site)
		}
	}
	return nil, "", fmt.Errorf("%s leads outside the content directory", target)
}

// ownerOf returns the language whose space holds the file at the site
// path p, the innermost, and the file's path in that space; nil when p
// is in no language's folder.
func (s *site) ownerOf(p string) (*lang, string) {
	for _, o := range s.innerFirst {
		if o.space.Rel == "" {
			return o, p
		}
		if rest, ok := strings.CutPrefix(p, o.space.Rel+"/"); ok {
			return o, rest
		}
	}
	return nil, ""
}
