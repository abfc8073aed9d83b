package site

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"folio/internal/diag"
	"folio/internal/history"
)

// Translation freshness: a translation is outdated when its original (the
// default language's page with the same key) changed after it. By
// default the two files' last commits say so; a translation's front
// matter translated_from names the commit of the original it follows,
// which wins over dates: the translation is outdated when the original
// changed after that commit.

// outdated is a translation older than its original.
type outdated struct {
	orig     *page
	origPath string          // the original's file, relative to the site
	origLast *history.Commit // the original's last change
	// since is what the translation follows: its translated_from (as
	// written, or abbreviated when it is a commit of the log), or the
	// short hash of its own last change; rev is the same for git (a full
	// hash when known).
	since, rev string
	fromMeta   bool // since comes from translated_from
	// drift is how far the original moved since rev, measured for a check
	// that lists translations; nil when not measured.
	drift *history.Drift
}

// findOutdated finds the translations older than their original.
func (s *site) findOutdated(log *history.History) map[*page]*outdated {
	if len(s.langs) < 2 {
		return nil
	}
	var known *commitIndex // every commit of the log, when a translation names one
	out := map[*page]*outdated{}
	for _, l := range s.langs {
		def := l.def
		if def == l {
			for _, pg := range def.pages {
				if pg.origin == nil && pg.doc != nil && pg.doc.Meta.TranslatedFrom != "" {
					s.diags.Add(diag.Diagnostic{Path: def.space.DiagPath(pg.path), Line: pg.doc.Meta.TranslatedFromLine, Col: 1,
						Severity: diag.Warning, Rule: "translated-from",
						Msg: "translated_from on a page of the default language, which is translated from nothing: ignored"})
				}
			}
			continue
		}
		for _, pg := range l.pages {
			if pg.origin != nil || pg.doc == nil {
				continue // a fallback copy is the original
			}
			var orig *page
			if pg.trans != nil {
				orig = pg.trans[def.index]
			}
			path := l.space.DiagPath(pg.path)
			tf, line := pg.doc.Meta.TranslatedFrom, pg.doc.Meta.TranslatedFromLine
			if orig == nil || orig.origin != nil {
				if tf != "" {
					s.diags.Add(diag.Diagnostic{Path: path, Line: line, Col: 1, Severity: diag.Warning, Rule: "translated-from",
						Msg: fmt.Sprintf("translated_from: the page has no original in %s (same path or translationKey): ignored", def.space.Lang.Code)})
				}
				continue
			}
			o := &outdated{orig: orig, origPath: def.space.DiagPath(orig.path)}
			if o.origLast = log.Last(o.origPath); o.origLast == nil {
				continue // the original is not committed: nothing to compare
			}
			if tf != "" {
				if known == nil {
					known = newCommitIndex(log)
				}
				changed, err := s.changedSince(log, known, o, tf)
				if err == nil {
					if changed {
						out[pg] = o
					}
					continue
				}
				msg := fmt.Sprintf("translated_from: %v; the translation is compared with its original by date", err)
				if errors.Is(err, history.ErrUnknownRevision) {
					msg = fmt.Sprintf("translated_from: git knows no commit %q; the translation is compared with its original by date", tf)
				}
				s.diags.Add(diag.Diagnostic{Path: path, Line: line, Col: 1, Severity: diag.Warning, Rule: "translated-from", Msg: msg,
					Hint: "give the hash of the commit of the original that the translation follows"})
				o.fromMeta, o.drift = false, nil
			}
			last := log.Last(path)
			if last == nil {
				continue // the translation is not committed yet: being written
			}
			if o.origLast.After(last) {
				o.since, o.rev = last.Short, last.Hash
				out[pg] = o
			}
		}
	}
	return out
}

// changedSince reports whether the original of o changed after the
// commit rev (a translation's translated_from), and sets o's since. A
// commit the log holds is compared in the log; anything else (a tag, a
// commit that changed no file of the site) asks git.
func (s *site) changedSince(log *history.History, known *commitIndex, o *outdated, rev string) (bool, error) {
	o.since, o.rev, o.fromMeta = rev, rev, true
	if c := known.find(rev); c != nil {
		o.since, o.rev = c.Short, c.Hash
		return len(log.ChangedAfter(o.origPath, c)) > 0, nil
	}
	d, err := log.Drift(s.hist.ctx, rev, o.origPath)
	if err != nil {
		return false, err
	}
	o.rev, o.drift = d.From, &d
	return d.Changed(), nil
}

// commitIndex finds the commits of a log by full or abbreviated hash.
type commitIndex struct {
	hashes  []string // sorted
	commits map[string]*history.Commit
}

func newCommitIndex(log *history.History) *commitIndex {
	x := &commitIndex{commits: map[string]*history.Commit{}}
	for _, f := range log.Files() {
		for _, c := range log.Commits(f) {
			if x.commits[c.Hash] == nil {
				x.commits[c.Hash] = c
				x.hashes = append(x.hashes, c.Hash)
			}
		}
	}
	slices.Sort(x.hashes)
	return x
}

// find returns the commit whose hash is rev or starts with it (at least
// four hexadecimal digits, as git abbreviates), or nil when the log holds
// none or more than one.
func (x *commitIndex) find(rev string) *history.Commit {
	rev = strings.ToLower(rev)
	if len(rev) < 4 || strings.Trim(rev, "0123456789abcdef") != "" {
		return nil
	}
	i, _ := slices.BinarySearch(x.hashes, rev)
	if i == len(x.hashes) || !strings.HasPrefix(x.hashes[i], rev) {
		return nil
	}
	if i+1 < len(x.hashes) && strings.HasPrefix(x.hashes[i+1], rev) {
		return nil // ambiguous: git decides
	}
	return x.commits[x.hashes[i]]
}

// OutdatedTranslation is a translation whose original changed after it,
// as folio check --translations lists it.
type OutdatedTranslation struct {
	Lang     string // the translation's language
	Path     string // the translation's file, as diagnostics name it
	Original string // the original's file
	// OriginalCommit and OriginalDate are the original's last change.
	OriginalCommit string
	OriginalDate   time.Time
	// Since is the commit the translation follows: its translated_from
	// (FromMeta; abbreviated when the log holds it), else the short hash
	// of its own last change.
	Since    string
	FromMeta bool
	// Measured is set when git counted the lines of the original added
	// and removed since (Insertions, Deletions; Binary when it could not).
	Measured              bool
	Insertions, Deletions int
	Binary                bool
}

// outdatedList lists the outdated translations, language by language in
// reading order, measuring each original's change when the check asks.
func (s *site) outdatedList() []OutdatedTranslation {
	h := s.settle()
	var out []OutdatedTranslation
	for _, l := range s.langs {
		if l.def == l {
			continue // translates nothing
		}
		for _, pg := range l.pages {
			o := h.outdated[pg]
			if o == nil {
				continue
			}
			t := OutdatedTranslation{Lang: l.name(), Path: l.space.DiagPath(pg.path), Original: o.origPath,
				OriginalCommit: o.origLast.Short, OriginalDate: o.origLast.Date, Since: o.since, FromMeta: o.fromMeta}
			if h.drift && o.drift == nil {
				if d, err := h.log.Drift(h.ctx, o.rev, o.origPath); err == nil {
					o.drift = &d
				}
			}
			if d := o.drift; d != nil {
				t.Measured, t.Insertions, t.Deletions, t.Binary = true, d.Insertions, d.Deletions, d.Binary
			}
			out = append(out, t)
		}
	}
	return out
}
