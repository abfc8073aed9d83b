package site

import (
	"fmt"
	"slices"

	"folio/internal/links"
	"folio/internal/output"
	"folio/internal/search"
)

// The search index: a build analyses each page as it is rendered, on a
// search.Indexer beside the render workers, which merges each language's
// index in reading order; a session's update analyses its pages in place
// and merges the language again from every page's analysis.

// indexed reports whether a page goes into its language's search index:
// every page but those with noIndex in their front matter, a fallback
// copy too. A copy is in its language's sidebar, so its readers look for
// it in their search: the index of its language holds it, at the copy's
// address, with its text analysed as that language's (the same analysis
// as the queries typed there, so its words are found as written).
func indexed(pg *page) bool { return !pg.doc.Meta.NoIndex }

// searchEntry is what the search index holds of a page.
func searchEntry(pg *page, body []byte) search.Entry {
	e := search.Entry{URL: links.Escape(pg.url), Title: pg.title(), Heading: heading(pg), HTML: body, Lang: pg.copyLang()}
	if layout(pg.doc.Meta.Layout).Description {
		e.Description = pg.doc.Meta.Description // as the page shows it under its title
	}
	for _, h := range pg.doc.Headings {
		if h.Level > 1 && h.Text != "" { // not an empty heading, nor an API block not shown
			e.Headings = append(e.Headings, search.Heading{ID: h.ID, Text: h.Text})
		}
	}
	return e
}

// writeSearch writes each language's search index, its pages in reading
// order, at the root of the language.
func (s *site) writeSearch(dir *output.Dir) error {
	for _, l := range s.langs {
		if err := s.writeIndex(l, dir); err != nil {
			return err
		}
	}
	return nil
}

// writeSearchFor writes the search index of l, whose pages a session
// analysed anew (l.merged is nil) or put in a new order, and that of any
// other language whose merged index no longer follows its reading order:
// the fallback copies of a language follow the default language's
// SUMMARY.md, which a session may reorder.
func (s *site) writeSearchFor(l *lang, dir *output.Dir) error {
	if err := s.writeIndex(l, dir); err != nil {
		return err
	}
	for _, o := range s.langs {
		// A language without a merged index is being updated: the
		// session writes it too.
		if o != l && o.merged != nil && !slices.Equal(o.merged.Pages(), searchPages(o)) {
			o.merged = nil
			if err := s.writeIndex(o, dir); err != nil {
				return err
			}
		}
	}
	return nil
}

// searchPages returns the analyses of l's pages in reading order.
func searchPages(l *lang) []*search.Page {
	var out []*search.Page
	for _, pg := range l.pages {
		if pg.search != nil {
			out = append(out, pg.search)
		}
	}
	return out
}

// writeIndex writes l's search index, merged again from its pages'
// analyses when l.merged is nil; the merge is kept for the next check of
// writeSearchFor.
func (s *site) writeIndex(l *lang, dir *output.Dir) error {
	m := l.merged
	if m == nil {
		m = search.NewMerger(l.search)
		for _, p := range searchPages(l) {
			m.Add(p)
		}
		l.merged = m
	}
	idx, err := m.Bytes()
	if err != nil {
		return fmt.Errorf("search index %s: %w", l.space.Lang.Code, err)
	}
	// The index is written without white space: nothing to minify. It is
	// a script rather than JSON so that search works from file:// too.
	return dir.WriteRaw(l.prefix+search.ScriptName, search.Script(idx))
}

// newIndexer prepares the search analysis of a build's pages.
func (s *site) newIndexer() *search.Indexer {
	analyses := make([]*search.Analysis, len(s.langs))
	sizes := make([]int, len(s.langs))
	for i, l := range s.langs {
		analyses[i] = l.search
		for _, pg := range l.pages {
			if indexed(pg) {
				sizes[i]++
			}
		}
	}
	return search.NewIndexer(analyses, sizes)
}

// keepSearch keeps, once ix has analysed every page, each page's analysis
// for later updates, and each language's merged index for writeSearch.
func (s *site) keepSearch(ix *search.Indexer) {
	for i, l := range s.langs {
		analysed := ix.Pages(i)
		pos := 0
		for _, pg := range l.pages {
			if indexed(pg) {
				pg.search = analysed[pos]
				pos++
			}
		}
		l.merged = ix.Merged(i)
	}
}
