package site

import (
	"fmt"
	"path"
	"strings"

	"folio/internal/diag"
	"folio/internal/history"
	"folio/internal/links"
	"folio/internal/output"
)

// Moved pages keep their addresses: when git saw a page's file renamed or
// moved, its old address gets a forwarding page to the new one, as a
// .gitbook.yaml redirect would, unless a page (or such a redirect) lives
// there now. Each is listed as an info line, so that authors can make it
// a permanent redirect.

// move is a page's former address.
type move struct {
	url    string // the old site path, "en/guide/old-name/"
	from   string // the old file, relative to the space
	target *page  // the page it moved to
	commit *history.Commit
}

// findMoves lists, for each language, the addresses its moved pages left.
func (s *site) findMoves(log *history.History) map[*lang][]move {
	moves := log.Moves()
	if len(moves) == 0 {
		return nil
	}
	out := map[*lang][]move{}
	for _, l := range s.langs {
		taken := map[string]bool{} // the .gitbook.yaml redirects' addresses
		for _, r := range l.space.GitBook.Redirects {
			taken[l.prefix+links.PageURL(r.From+".md")] = true
		}
		for _, m := range moves {
			from, ok1 := l.spacePathOf(m.From)
			to, ok2 := l.spacePathOf(m.To)
			if !ok1 || !ok2 || !isPage(from) || l.space.Ignored(from) {
				continue
			}
			target := l.byPath[to]
			if target == nil || target.origin != nil {
				continue // moved to a file that is not published
			}
			url := l.prefix + links.PageURL(from)
			if l.byURL[url] != nil || taken[url] || url == target.url {
				continue // a page lives there, or a redirect of the author's
			}
			taken[url] = true
			out[l] = append(out[l], move{url: url, from: from, target: target, commit: m.Commit})
			key := strings.TrimSuffix(from, path.Ext(from))
			conf := l.space.GitBookYAMLPath
			s.diags.Add(diag.Diagnostic{Path: l.space.DiagPath(to), Severity: diag.Info, Rule: "moved-page",
				Msg: fmt.Sprintf("moved from %s in %s: its old address /%s forwards here", l.space.DiagPath(from), m.Commit.Short, url),
				Hint: fmt.Sprintf("to keep the old address for good, add it to %s: redirects: {%s: %s}",
					conf, key, to)})
		}
	}
	return out
}

// spacePathOf returns the path in the space of a file given relative to
// the site, and whether it is in the space.
func (l *lang) spacePathOf(sitePath string) (string, bool) {
	if l.space.Rel == "" {
		return sitePath, true
	}
	return strings.CutPrefix(sitePath, l.space.Rel+"/")
}

// writeMoves writes the forwarding page of each address a moved page of
// the language left.
func (s *site) writeMoves(l *lang, dir *output.Dir) error {
	for _, m := range s.settle().moves[l] {
		if err := s.writeForward(l, dir, m.url, m.target, "", "forwarding page of "+m.from); err != nil {
			return err
		}
	}
	return nil
}
