package site

import (
	"path"
	"strings"

	"folio/internal/links"
	"folio/internal/output"
)

// HonKit published a/b.md at a/b.html, and a LANGS.md book's languages
// under their folders' names (pt_BR/), where folio publishes a/b/ and
// pt-BR/. A HonKit book's old addresses get forwarding pages, so that the
// bookmarks, search results and links to a book that moves from HonKit
// to folio keep working. A README is at a/index.html in both, so it needs
// one only when its language's folder is not its prefix.

// maxNameBytes is the longest file name the common file systems take
// (NAME_MAX).
const maxNameBytes = 255

// honKitAddress is a page's address in HonKit: a site path
// ("guide/setup.html", "pt_BR/").
type honKitAddress struct {
	from string
	pg   *page
}

// honKitAddresses lists, in reading order, the HonKit addresses of the
// pages of a HonKit book that HonKit published elsewhere.
func (l *lang) honKitAddresses() []honKitAddress {
	if l.book == nil {
		return nil
	}
	prefix := l.prefix
	if l.site.cfg.LangsBook {
		// The language's folder in the book of languages.
		rel := strings.TrimPrefix(path.Clean(l.space.Lang.Dir), path.Dir(l.site.cfg.LangsPath)+"/")
		if rel != "." && rel != "" {
			prefix = rel + "/"
		}
	}
	own := make(map[string]bool, len(l.own))
	for _, f := range l.own {
		own[f] = true
	}
	var out []honKitAddress
	for _, pg := range l.pages {
		home := pg.path == l.space.Readme
		if pg.origin != nil || !pg.inSummary && !home && pg.path != l.glossary {
			continue // a fallback copy, or a page HonKit did not publish
		}
		var from string
		switch {
		case home:
			from = prefix
		case links.IsReadme(pg.path):
			from = prefix + links.PageURL(pg.path)
		default:
			from = prefix + strings.TrimSuffix(pg.path, path.Ext(pg.path)) + ".html"
		}
		file := strings.TrimPrefix(from, prefix) // the file HonKit would have copied there
		if file == "" || strings.HasSuffix(file, "/") {
			file += "index.html"
		}
		folder, _ := strings.CutSuffix(from, "index.html")
		if from == pg.url || l.byURL[folder] != nil || l.byURL[from+"/"] != nil || own[from] || own[from+"index.html"] || l.site.static[from] || l.space.Exists(file) || l.space.IsDir(file) {
			// The same address, or a page or file lives there, or a
			// folder of the book whose pages and files are published in
			// it (t99: foo.html.md; t102: foo.html/bar.md).
			continue
		}
		if len(path.Base(from)) > maxNameBytes {
			// Longer than a file system's names: HonKit could not have
			// written it either, so no reader has the address (t99: the
			// build stopped on "file name too long").
			continue
		}
		out = append(out, honKitAddress{from, pg})
	}
	return out
}

// writeHonKitForwards writes the forwarding page of each HonKit address
// of the language's pages.
func (s *site) writeHonKitForwards(l *lang, dir *output.Dir) error {
	for _, a := range l.honKitAddresses() {
		if err := s.writeForward(l, dir, a.from, a.pg, "", "HonKit address "+a.from); err != nil {
			return err
		}
	}
	return nil
}
