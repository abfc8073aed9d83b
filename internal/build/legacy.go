package build

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"folio/internal/content"
	"folio/internal/links"
	"folio/internal/markdown"
	"folio/internal/output"
)

// setupSpace reads what a space declares beside its pages, once per
// build: a HonKit book.json (variables, title, direction), a glossary, and
// GitBook's tags for update blocks. It fills the options every page of the
// language is parsed with.
func (l *lang) setupSpace() {
	sp := l.space
	book, ds := sp.ReadBook()
	l.site.diags.Add(ds...)
	l.opts = markdown.ParseOptions{Include: l.include, TrustHTML: l.site.cfg.TrustRawHTML}
	if book != nil {
		l.book = book
		l.opts.Vars = book.Variables
		if l.opts.Vars == nil {
			l.opts.Vars = map[string]any{} // a HonKit book: templating on
		}
	}
	vars, ds := sp.ReadVars()
	l.site.diags.Add(ds...)
	l.opts.SpaceVars = vars
	tags, ds := sp.ReadTags()
	l.site.diags.Add(ds...)
	if len(tags) > 0 {
		l.opts.TagLabels = content.TagLabels(tags)
	}
	glossary := "GLOSSARY.md"
	if book != nil && book.Structure.Glossary != "" {
		glossary = book.Structure.Glossary
	}
	if sp.Exists(glossary) {
		src, ds, ok := sp.ReadText(glossary)
		l.site.diags.Add(ds...)
		if ok {
			g, gds := content.ParseGlossary(sp.DiagPath(glossary), sp.DiagPath(glossary), src)
			l.site.diags.Add(gds...)
			if len(g.Terms) > 0 {
				l.opts.Glossary = g
				l.glossary = glossary
			}
		}
	}
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
// the language's root.
func (l *lang) include(from, target string) (string, []byte, error) {
	target = strings.TrimSpace(target)
	var p string
	if rest, ok := strings.CutPrefix(target, "/"); ok {
		p = path.Clean(rest)
	} else {
		var inside bool
		p, inside = content.Clean(path.Dir(l.spacePath(from)), target)
		if !inside {
			return "", nil, fmt.Errorf("%s leads outside the content directory", target)
		}
	}
	if !l.space.Exists(p) {
		return "", nil, fmt.Errorf("%s: %w", p, fs.ErrNotExist)
	}
	src, _, ok := l.space.ReadText(p)
	if !ok {
		return "", nil, errors.New(p + " is not a text file")
	}
	return l.space.DiagPath(p), src, nil
}

// writeFeed writes the Atom feed of a page holding update blocks, beside
// the page, and returns its URL relative to the page ("" when the page has
// no updates).
func (s *site) writeFeed(pg *page, dir *output.Dir) (string, error) {
	if pg.doc.Constructs["update"] == 0 {
		return "", nil // most pages: no walk of the tree
	}
	ups := pg.doc.Updates()
	if len(ups) == 0 {
		return "", nil
	}
	const name = "updates.xml"
	abs := func(frag string) string {
		u := s.absURL(pg.url)
		if s.base == "" {
			u = "urn:folio:" + links.Escape(pg.url)
		}
		if frag != "" {
			u += "#" + frag
		}
		return u
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom">` + "\n")
	esc := func(tag, v string) {
		b.WriteString("<" + tag + ">")
		_ = xml.EscapeText(&b, []byte(v))
		b.WriteString("</" + tag + ">\n")
	}
	esc("title", pg.title())
	esc("id", abs(""))
	latest := ""
	for _, u := range ups {
		latest = max(latest, u.Date)
	}
	esc("updated", latest+"T00:00:00Z")
	if s.base != "" {
		b.WriteString(`<link rel="alternate" href="`)
		_ = xml.EscapeText(&b, []byte(abs("")))
		b.WriteString(`"/>` + "\n")
	}
	for _, u := range ups {
		b.WriteString("<entry>\n")
		esc("title", u.Title)
		esc("id", abs(u.ID))
		esc("updated", u.Date+"T00:00:00Z")
		if s.base != "" {
			b.WriteString(`<link href="`)
			_ = xml.EscapeText(&b, []byte(abs(u.ID)))
			b.WriteString(`"/>` + "\n")
		}
		if u.Summary != "" {
			esc("summary", u.Summary)
		}
		for _, t := range u.Tags {
			b.WriteString(`<category term="`)
			_ = xml.EscapeText(&b, []byte(t))
			b.WriteString(`"/>` + "\n")
		}
		b.WriteString("</entry>\n")
	}
	b.WriteString("</feed>\n")
	if err := dir.Write(pg.url+name, b.Bytes()); err != nil {
		return "", err
	}
	return name, nil
}

// compat sums the GitBook constructs the pages use, for the build's
// closing line and folio check --compat.
func (s *site) compat() map[string]int {
	m := map[string]int{}
	for _, l := range s.langs {
		for _, pg := range l.pages {
			if pg.origin != nil || pg.doc == nil {
				continue
			}
			for k, n := range pg.doc.Constructs {
				m[k] += n
			}
		}
	}
	return m
}
