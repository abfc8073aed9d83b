package site

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"folio/internal/diag"
	"folio/internal/forge"
	"folio/internal/history"
	"folio/internal/links"
	"folio/internal/output"
	"folio/internal/theme"
)

// Page history (issue 19): what git knows about the site's files gives
// each page the date and commit of its last change, tells which
// translations are older than their original (freshness.go) and which
// pages were moved away from an address readers may hold (moves.go).
//
// The history is read once per build, with one git log for the whole
// site folder and no other git process (none outside a work tree), on a
// goroutine that load starts: it runs while the spaces are read and the
// pages parsed, and the first thing that needs it waits (settle). A site
// inside a larger repository (a docs/ folder) reads that repository's
// history of its folder. A live-preview Session keeps the history of its
// last full build: a page edited and not yet committed keeps the stamp of
// its last commit, which is what the history says.
//
// Without git, outside a work tree, or in a shallow clone, pages have no
// stamps and no notices, and the build says why in one info line when the
// author could expect them (see noHistory).

// siteHistory is the history of a build's site and what the build made
// of it.
type siteHistory struct {
	ctx    context.Context
	cancel context.CancelFunc
	done   chan struct{} // closed once repo, log and err are set
	repo   *history.Repo
	log    *history.History
	err    error

	// links is the repository's host, as site.yaml gives it (nil without
	// repo_url and edit_url): comment links need nothing from git.
	links *forge.Repo

	// later holds the pages rendered while git was still reading the
	// history: their frames, which show it, are written once it is read.
	mu    sync.Mutex
	later []laterFrame

	once sync.Once // settle
	// After settle: the host with the site's folder and branch from git,
	// for edit links; each translation that is older than its original;
	// and each language's moved pages.
	edit     *forge.Repo
	outdated map[*page]*outdated
	moves    map[*lang][]move
	// drift, set by a check that lists translations, measures how far
	// each outdated translation's original moved (git diff).
	drift bool
}

// startHistory starts reading the history of the site folder.
func (s *site) startHistory() {
	ctx, cancel := context.WithCancel(context.Background())
	h := &siteHistory{ctx: ctx, cancel: cancel, done: make(chan struct{})}
	s.hist = h
	if s.cfg.RepoURL != "" || s.cfg.EditURL != "" {
		// site.yaml's values were checked when it was read.
		if f, err := forge.New(s.cfg.RepoURL, s.cfg.EditURL, s.cfg.Branch); err == nil {
			h.links = f
		}
	}
	go func() {
		defer close(h.done)
		h.repo, h.log, h.err = history.Read(ctx, s.cfg.Dir)
	}()
}

// stopHistory ends the reading of the history, if it is still under way.
func (s *site) stopHistory() {
	if s.hist != nil {
		s.hist.cancel()
		<-s.hist.done
	}
}

// gitHistory waits for the history and returns it; the error says why
// there is none (history.IsUnavailable: no git, no work tree, a shallow
// clone).
func (s *site) gitHistory() (*history.Repo, *history.History, error) {
	<-s.hist.done
	return s.hist.repo, s.hist.log, s.hist.err
}

// settle waits for the history, once, and works out what it says of the
// published pages: it needs prepare's pages, translations and addresses.
// Its diagnostics go to the site's.
func (s *site) settle() *siteHistory {
	h := s.hist
	h.once.Do(func() {
		_, log, err := s.gitHistory()
		h.edit = h.links
		if err != nil {
			s.noHistory(err)
			return
		}
		if h.links != nil {
			f := *h.links
			if f.Dir == "" {
				// repo_url names the repository: the site is its folder
				// Prefix. (A repo_url pointing into a folder says so itself.)
				f.Dir = h.repo.Prefix
			}
			if s.cfg.Branch == "" && !branchInURL(s.cfg.RepoURL) {
				if b := h.repo.Branch; b != "" {
					f.Branch = b
				}
			}
			h.edit = &f
		}
		h.outdated = s.findOutdated(log)
		h.moves = s.findMoves(log)
	})
	return h
}

// laterFrame is a rendered page waiting for its frame.
type laterFrame struct {
	l    *lang
	pg   *page
	body []byte
}

// frameLater keeps a page rendered while git is still reading the
// history, rather than have the render worker wait for git with the
// pages left to render: a build of many small pages would otherwise be
// slower by most of git's time. It reports whether it kept the page.
func (s *site) frameLater(l *lang, pg *page, body []byte) bool {
	h := s.hist
	select {
	case <-h.done:
		return false
	default:
	}
	h.mu.Lock()
	h.later = append(h.later, laterFrame{l, pg, body})
	h.mu.Unlock()
	return true
}

// writeFramesLater writes the frames of the pages frameLater kept.
func (s *site) writeFramesLater(ctx context.Context, dir *output.Dir, opts Options) error {
	h := s.settle()
	h.mu.Lock()
	later := h.later
	h.later = nil
	h.mu.Unlock()
	return fanOut(ctx, len(later), func(i int) error {
		f := later[i]
		if err := s.writePage(f.l, f.pg, f.body, dir, opts); err != nil {
			return err
		}
		if !opts.Dev {
			f.pg.doc.Release() // as renderPage does
		}
		return nil
	})
}

// noHistory reports, once, why pages have no history, when the author
// could expect one: the site is in git (a shallow clone, no commit yet,
// a repository git refuses to read), site.yaml sets what needs it, or
// the check lists translations. A site that is not in git and asks for
// nothing of it builds silently.
func (s *site) noHistory(err error) {
	var u *history.Unavailable
	file := s.cfg.File
	if file == "" {
		file = "."
	}
	d := diag.Diagnostic{Path: file, Severity: diag.Info, Rule: "history",
		Msg: fmt.Sprintf("no page history: %v; pages show no last change, translation notices or forwarding of moved pages", err)}
	if !errors.As(err, &u) {
		// git ran and failed: not the usual absence of a history.
		d.Severity = diag.Warning
		s.diags.Add(d)
		return
	}
	want := u.Reason == history.Shallow || u.Reason == history.NoCommits || s.hist.drift ||
		s.cfg.RepoURL != "" || s.cfg.EditURL != "" || s.cfg.Review.Since != "" || u.DotGit
	if !want {
		return
	}
	switch u.Reason {
	case history.Shallow:
		d.Hint = "in CI, fetch the whole history: fetch-depth: 0 in actions/checkout, GIT_DEPTH: 0 in GitLab CI"
	case history.NoGit:
		d.Hint = "install git where folio builds the site"
	}
	s.diags.Add(d)
}

// historyData fills what a page shows of its history: its last change,
// its edit link and, on a translation older than its original, the
// notice.
func (s *site) historyData(l *lang, pg *page, p *theme.Page) {
	h := s.settle()
	src := l
	if pg.src != nil {
		src = pg.src // a fallback copy shows the original's file
	}
	file := src.space.DiagPath(pg.path)
	if h.edit != nil {
		p.EditURL = h.edit.EditURL(file)
	}
	p.Stamp = s.pageStamp(l, pg)
	if o := h.outdated[pg]; o != nil {
		def := l.def.space.Lang
		date := o.origLast.Date
		if c := s.pageCommit(l, pg); c != nil && !date.After(c.Date) {
			// Written before the translation's last change but committed
			// after it (a rebase): the commit's date, which does not
			// contradict the date the page shows for its own change.
			date = o.origLast.CommitDate
		}
		p.Freshness = &theme.Freshness{Original: theme.LangLink{Code: def.Code, Name: def.Name, URL: links.Escape(o.orig.url)}, Date: date}
	}
}

// pageStamp is the last change of a page published in language l (its
// file's, or an included file's), for its frame or the print page; nil
// without history or when the file is not committed.
func (s *site) pageStamp(l *lang, pg *page) *theme.Stamp {
	return s.stamp(s.pageCommit(l, pg))
}

// pageCommit is the commit of a page's last change, as pageStamp shows
// it; nil without history or when the file is not committed.
func (s *site) pageCommit(l *lang, pg *page) *history.Commit {
	if s.settle().log == nil {
		return nil
	}
	src := l
	if pg.src != nil {
		src = pg.src
	}
	return s.lastChange(pg, src.space.DiagPath(pg.path))
}

// stamp is what a page shows of commit c, its last change; nil for none.
func (s *site) stamp(c *history.Commit) *theme.Stamp {
	if c == nil {
		return nil
	}
	st := &theme.Stamp{Date: c.Date, Commit: c.Short}
	if h := s.settle(); h.edit != nil {
		st.CommitURL = h.edit.CommitURL(c.Hash)
	}
	return st
}

// lastChange is the newest commit that changed the page's file (file,
// relative to the site), a file it includes or the spec of one of its API
// blocks (t95: the page said it had not changed since the spec's change).
func (s *site) lastChange(pg *page, file string) *history.Commit {
	log := s.hist.log
	last := log.Last(file)
	var deps []string
	if pg.doc != nil {
		deps = pg.doc.Included
	}
	for _, dep := range slices.Concat(deps, pg.specs) {
		if c := log.Last(dep); c.After(last) {
			last = c
		}
	}
	return last
}

// branchInURL reports whether a repo_url names a branch (…/tree/dev,
// …/src/branch/dev, …/-/tree/dev), which then wins over git's.
func branchInURL(u string) bool {
	for _, seg := range []string{"/tree/", "/blob/", "/src/"} {
		if strings.Contains(u, seg) {
			return true
		}
	}
	return false
}
