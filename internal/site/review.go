package site

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/forge"
	"folio/internal/history"
	"folio/internal/links"
	"folio/internal/markdown"
	"folio/internal/openapi"
	"folio/internal/output"
	"folio/internal/review"
	"folio/internal/source"
	"folio/internal/theme"
)

// Review mode (folio build --review REF, or site.yaml's review: since):
// the pages added, changed or moved since REF are marked in the sidebar
// and get a banner, their changed blocks are marked, and each language
// gets an index of every change at /<lang>/_review/.
//
// The pages compared are those whose file, or a file they include, git
// lists as changed between REF and the commit checked out (one git diff):
// an edit not committed yet shows on a page that changed since REF, but
// marks no other. The comparison is between rendered blocks: the old
// version of each page is read from git (one git cat-file for the whole
// build), parsed and rendered like the page itself, its links resolved
// against the site as it is now (so that a link to the same page is the
// same link, and only what the author changed shows), its includes read
// at REF too; then review.Diff compares it with the page as it is. It
// runs once, after prepare and before any page is rendered, since the
// sidebar every page shows carries the result; a page whose rendering
// did not change (a line rewrapped, front matter edited) is not marked.
//
// Each language reviews its own files: a fallback copy (an untranslated
// page shown in another language) is not marked there.

// reviewIndexPath is the review index's folder under each language's root.
const reviewIndexPath = "_review/"

// reviewState is what review mode found, read-only once prepareReview is
// done, so that the render workers read it without locks.
type reviewState struct {
	since  string // the reference, as the author gave it
	commit string // the full hash it names
	pages  map[*page]*pageReview
	// removed lists, by language index, the pages whose file is gone since
	// the reference, by path.
	removed [][]theme.ReviewEntry
}

// pageReview is one page's change since the reference.
type pageReview struct {
	status string // theme.ReviewAdded, ReviewChanged or ReviewRenamed
	from   string // a moved page's former address
	// old is the old version rendered, and fresh the new one as
	// prepareReview rendered it; res their difference. All three are nil
	// for an added page and for a page moved without a change.
	old, fresh []byte
	res        *review.Result
	sections   []theme.ReviewSection
	// title and description are set when the page's title, or its
	// description, changed: the template marks them in its header.
	title, description bool
}

// reviewSince is the reference of review mode, "" when it is off, and
// where it was asked for, for diagnostics.
func (s *site) reviewSince(opts Options) (string, diag.Diagnostic) {
	if opts.Review != "" {
		return opts.Review, diag.Diagnostic{Path: "--review"}
	}
	return s.cfg.Review.Since, diag.Diagnostic{Path: cmp.Or(s.cfg.File, config.FileName), Line: s.cfg.Review.Line}
}

// prepareReview computes review mode's marks, after prepare. A reference
// that git does not know, or a site without git history, is an error
// diagnostic and leaves the site unmarked; a git that fails while it
// reads is an error of the build.
func (s *site) prepareReview(ctx context.Context, opts Options) error {
	since, at := s.reviewSince(opts)
	if since == "" {
		return nil
	}
	fail := func(msg, hint string) {
		d := at
		d.Severity, d.Rule, d.Msg, d.Hint = diag.Error, "review", msg, hint
		s.diags.Add(d)
	}
	// The build read the repository's history once, for every page
	// (history.go). A shallow clone has no usable log, but it may hold
	// the reference.
	repo, _, err := s.gitHistory()
	if repo != nil {
		err = nil
	}
	if history.IsUnavailable(err) {
		fail(fmt.Sprintf("review mode needs the git history of the site: %v; nothing is marked", err),
			"build from a git clone of the repository")
		return nil
	}
	if err != nil {
		return fmt.Errorf("review: %w", err)
	}
	commit, err := repo.Resolve(ctx, since)
	if errors.Is(err, history.ErrUnknownRevision) {
		fail(fmt.Sprintf("git knows no tag, branch or commit %q to review the changes since; nothing is marked", since),
			"git tag lists the tags; a shallow clone may lack it (git fetch --tags --unshallow)")
		return nil
	}
	if err != nil {
		return fmt.Errorf("review %s: %w", since, err)
	}
	changes, err := repo.Changes(ctx, commit)
	if err != nil {
		return fmt.Errorf("review %s: %w", since, err)
	}
	blobs, err := repo.Blobs(ctx, commit)
	if err != nil {
		return fmt.Errorf("review %s: %w", since, err)
	}
	rs := &reviewState{since: since, commit: commit, pages: map[*page]*pageReview{}, removed: make([][]theme.ReviewEntry, len(s.langs))}
	err = s.compareVersions(ctx, rs, changes, blobs)
	if cerr := blobs.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("review %s: %w", since, err)
	}
	for _, l := range s.langs {
		l.tsite.Review = &theme.SiteReview{Since: since, URL: links.Escape(l.prefix + reviewIndexPath)}
		markNav(l, rs)
	}
	s.review = rs
	return nil
}

// versions are the sources of a page now and at the reference.
type versions struct {
	oldPath  string // the old file, relative to the space
	old, now []byte
	pr       *pageReview // its status and former address
}

// compareVersions finds, for every language, the pages added, changed
// or moved since the reference and the pages removed, into rs.
func (s *site) compareVersions(ctx context.Context, rs *reviewState, changes []history.Change, blobs *history.Blobs) error {
	changed := map[string]history.Change{} // by site path now
	var deleted []string
	for _, c := range changes {
		if c.Status == history.Deleted {
			deleted = append(deleted, c.Path)
		} else {
			changed[c.Path] = c
		}
	}
	type own struct {
		l  *lang
		pg *page
	}
	var pages []own
	for _, l := range s.langs {
		sp := l.space
		if sp.Rel == ".." || strings.HasPrefix(sp.Rel, "../") {
			continue // outside the site folder, which the history covers
		}
		for _, pg := range l.pages {
			if pg.origin == nil && pg.doc != nil {
				pages = append(pages, own{l, pg})
			}
		}
		// The files deleted, and those moved where no page is published.
		gone := slices.Clone(deleted)
		for to, c := range changed {
			if rel, ok := l.inSpace(to); c.Status == history.Renamed && (!ok || l.byPath[rel] == nil) {
				gone = append(gone, c.From)
			}
		}
		slices.Sort(gone)
		for _, p := range slices.Compact(gone) {
			rel, ok := l.inSpace(p)
			if !ok || !isPage(rel) || l.byPath[rel] != nil || l.space.Ignored(rel) || rel == l.glossary ||
				strings.EqualFold(path.Base(rel), "SUMMARY.md") || strings.EqualFold(rel, sp.GitBook.Summary) {
				continue
			}
			e := theme.ReviewEntry{Title: oldTitle(s.conv, rel, blobs, p), From: l.oldURL(rel)}
			rs.removed[l.index] = append(rs.removed[l.index], e)
		}
	}
	// On every core: while one worker waits for git, the others render.
	found := make([]*pageReview, len(pages))
	err := fanOut(ctx, len(pages), func(i int) error {
		var err error
		found[i], err = pages[i].l.comparePage(pages[i].pg, changed, blobs)
		return err
	})
	if err != nil {
		return err
	}
	for i, pr := range found {
		if pr != nil {
			rs.pages[pages[i].pg] = pr
		}
	}
	return nil
}

// comparePage compares page pg with its version at the reference: nil
// when a reader sees no change.
func (l *lang) comparePage(pg *page, changed map[string]history.Change, blobs *history.Blobs) (*pageReview, error) {
	v, err := l.readVersions(pg, changed, blobs)
	if v == nil || err != nil {
		return nil, err
	}
	pr := v.pr
	if v.old == nil || pr.status == theme.ReviewRenamed && bytes.Equal(v.old, v.now) && len(pg.doc.Included) == 0 {
		return pr, nil // added, or moved as it was
	}
	old, oldDoc, err := l.renderVersion(pg, v.oldPath, v.old, l.includeAt(blobs), l.site.apisAt(blobs))
	if err != nil {
		return nil, err
	}
	now, nowDoc, err := l.renderVersion(pg, pg.path, v.now, l.include, l.site.apis)
	if err != nil {
		return nil, err
	}
	// The page's header, which the template shows above the body: its
	// title and its description.
	// (A title the body holds, an HTML <h1>, is a changed section of its
	// own: t66, "Start of the page" besides it.)
	pr.title = cmp.Or(oldDoc.Title, oldDoc.Meta.Title) != cmp.Or(nowDoc.Title, nowDoc.Meta.Title) && !(oldDoc.TitleInBody && nowDoc.TitleInBody)
	pr.description = oldDoc.Meta.Description != nowDoc.Meta.Description
	res := review.Diff(old, now)
	switch {
	case !res.Unchanged():
		pr.old, pr.fresh, pr.res = old, now, res
		pr.sections = reviewSections(pg, res.Sections)
	case pr.status != theme.ReviewRenamed && !pr.title && !pr.description:
		return nil, nil // nothing a reader sees changed
	}
	if (pr.title || pr.description) && (len(pr.sections) == 0 || pr.sections[0].ID != "") {
		// A change at the start of the page, where the banner links.
		pr.sections = append([]theme.ReviewSection{{}}, pr.sections...)
	}
	return pr, nil
}

// readVersions reads the source of page pg now and at the reference,
// when git lists it, or a file it includes, among the files changed
// (by site path); it returns nil for the other pages. v.old is nil for a
// new page.
func (l *lang) readVersions(pg *page, changed map[string]history.Change, blobs *history.Blobs) (*versions, error) {
	sp := l.space
	v := &versions{oldPath: pg.path, pr: &pageReview{status: theme.ReviewChanged}}
	oldFile := sp.DiagPath(pg.path) // relative to the site, as git's paths
	c, ok := changed[oldFile]
	switch {
	case !ok && !slices.ContainsFunc(pg.doc.Included, func(p string) bool { _, in := changed[p]; return in }) &&
		!slices.ContainsFunc(pg.specs, func(p string) bool { _, in := changed[p]; return in }):
		return nil, nil
	case c.Status == history.Added:
		v.pr.status = theme.ReviewAdded
		return v, nil
	case c.Status == history.Renamed:
		oldFile = c.From
		v.pr.status = theme.ReviewRenamed
		if rel, in := l.inSpace(c.From); in {
			v.oldPath = rel
			v.pr.from = l.oldURL(rel)
		} else {
			v.pr.from = c.From
		}
	}
	data, err := blobs.Read(oldFile)
	if errors.Is(err, fs.ErrNotExist) {
		v.pr.status = theme.ReviewAdded
		return v, nil
	}
	if err != nil {
		return nil, err
	}
	old, _, ok := source.Normalize(oldFile, data)
	if !ok {
		old = []byte{} // not text then: every block of the page is new
	}
	now, _, ok := sp.ReadText(pg.path)
	if !ok {
		return nil, nil // reported by the build
	}
	v.old, v.now = old, now
	return v, nil
}

// inSpace returns the path in the language's space of a path relative to
// the site folder, and whether the file is in the space.
func (l *lang) inSpace(sitePath string) (string, bool) {
	if l.space.Rel == "" {
		return sitePath, true
	}
	return strings.CutPrefix(sitePath, l.space.Rel+"/")
}

// oldURL is the site path a page file of the space was published at.
func (l *lang) oldURL(p string) string {
	if p == l.space.Readme {
		return l.prefix
	}
	return l.prefix + links.PageURL(p)
}

// oldTitle is the title of a removed page, from its last version.
func oldTitle(conv *markdown.Converter, rel string, blobs *history.Blobs, sitePath string) string {
	// The file is gone at HEAD, so git has its content at the reference.
	if data, err := blobs.Read(sitePath); err == nil {
		if src, _, ok := source.Normalize(sitePath, data); ok {
			doc := conv.Parse(sitePath, src)
			if t := cmp.Or(doc.Title, doc.Meta.Title); t != "" {
				return t
			}
		}
	}
	return strings.TrimSuffix(path.Base(rel), path.Ext(rel))
}

// renderVersion parses and renders a version of page pg: its source src,
// written at path p of the space, its includes read by include. It is
// parsed with the options of the page's language and its links resolved
// as the page's are, relative to the page's URL now; what is wrong in it
// is not reported (the old version is history, the new one the page
// itself reports).
func (l *lang) renderVersion(pg *page, p string, src []byte, include func(from, target string) (string, []byte, []diag.Diagnostic, error), apis *apiRefs) ([]byte, *markdown.Doc, error) {
	// The page's own options, so that only what the version changed
	// shows as changed; its file is where the version was written.
	opts := l.parseOptions(pg)
	opts.Include = include
	if opts.File != nil {
		opts.File = map[string]any{"path": p}
	}
	v := &page{path: p, url: pg.url, navTitle: pg.navTitle, order: pg.order, inSummary: pg.inSummary, folder: pg.folder}
	v.doc = l.site.conv.ParseWith(l.space.DiagPath(p), src, opts)
	v.ids = make(map[string]bool, len(v.doc.Headings))
	for _, h := range v.doc.Headings {
		v.ids[h.ID] = true
	}
	l.renderAPIsFrom(apis, v)
	drop := func(diag.Diagnostic) {}
	v.doc.Resolve(func(r markdown.Ref) markdown.Resolution { return l.resolve(v, r, drop, func(string) {}) })
	l.localise(v.doc)
	body, err := l.site.conv.Render(v.doc)
	if err != nil {
		return nil, nil, fmt.Errorf("render %s at the review reference: %w", l.space.DiagPath(p), err)
	}
	return body, v.doc, nil
}

// apisAt reads the API specs as they were at the reference (the first
// call's blobs), as apis reads them now: a change of a spec shows on the
// pages that show its operations (t95: nothing was marked).
func (s *site) apisAt(blobs *history.Blobs) *apiRefs {
	s.oldAPIs.once.Do(func() {
		a := newAPIRefs(s.cfg.Dir, true)
		a.fetcher = s.apis.fetcher // a spec of another site is the same then
		a.loader = openapi.NewLoaderReading(s.cfg.Dir, func(abs string) ([]byte, error) {
			rel, err := filepath.Rel(s.cfg.Dir, abs)
			if err != nil {
				return nil, err
			}
			return blobs.Read(filepath.ToSlash(rel))
		})
		s.oldAPIs.refs = a
	})
	return s.oldAPIs.refs
}

// includeAt reads included files as they were at the reference, as
// include reads them now: a change of an included file shows where it
// is included.
func (l *lang) includeAt(blobs *history.Blobs) func(from, target string) (string, []byte, []diag.Diagnostic, error) {
	return func(from, target string) (string, []byte, []diag.Diagnostic, error) {
		o, name, err := l.includePath(from, target)
		if err != nil {
			return "", nil, nil, err
		}
		if o != nil {
			name = o.space.DiagPath(name)
		}
		data, err := blobs.Read(name)
		if err != nil {
			return "", nil, nil, err
		}
		src, _, ok := source.Normalize(name, data)
		if !ok {
			return "", nil, nil, errors.New(name + " is not a text file")
		}
		return name, src, nil, nil
	}
}

// reviewSections names the changed sections of a page by their headings.
func reviewSections(pg *page, ids []string) []theme.ReviewSection {
	out := make([]theme.ReviewSection, 0, len(ids))
	for _, id := range ids {
		sec := theme.ReviewSection{ID: id}
		if id != "" {
			for _, h := range pg.doc.Headings {
				if h.ID == id {
					sec.Title = h.Text
					break
				}
			}
		}
		out = append(out, sec)
	}
	return out
}

// markNav gives each sidebar entry that leads to a marked page its
// status. An entry that only groups pages (a label) and one that leads
// to a section of a page are not marked.
func markNav(l *lang, rs *reviewState) {
	var walk func(items []*theme.NavItem) bool
	walk = func(items []*theme.NavItem) bool {
		marked := false
		for _, it := range items {
			if walk(it.Children) {
				it.ReviewInside, marked = true, true
			}
			if pr := rs.pages[l.placedPage(it)]; pr != nil {
				it.Review, marked = pr.status, true
			}
		}
		return marked
	}
	for _, part := range l.nav {
		walk(part.Items)
	}
}

// reviewBody marks the changes in the rendered body of a page, with the
// removed blocks in collapsed notes. It returns nil when review mode is
// off or the page is not changed.
func (s *site) reviewBody(l *lang, pg *page, body []byte) []byte {
	if s.review == nil {
		return nil
	}
	pr := s.review.pages[pg]
	if pr == nil || pr.old == nil {
		return nil
	}
	res := pr.res
	if !bytes.Equal(body, pr.fresh) {
		res = review.Diff(pr.old, body) // a live preview's update
	}
	return res.Splice(func(rm review.Removal) []byte { return l.tsite.RemovedNote(rm.HTML) })
}

// pageReview is the banner of a page in review mode, or nil.
func (s *site) pageReview(pg *page) *theme.PageReview {
	if s.review == nil {
		return nil
	}
	pr := s.review.pages[pg]
	if pr == nil {
		return nil
	}
	return &theme.PageReview{Status: pr.status, From: pr.from, Sections: pr.sections, Title: pr.title, Description: pr.description}
}

// writeReview writes the review index of each language: every page
// changed, added, moved or removed since the reference, in reading order.
func (s *site) writeReview(dir *output.Dir, opts Options) error {
	rs := s.review
	if rs == nil {
		return nil
	}
	for _, l := range s.langs {
		idx := &theme.ReviewIndex{Since: rs.since, Commit: rs.commit[:7], Removed: rs.removed[l.index]}
		if s.cfg.RepoURL != "" {
			if f, err := forge.New(s.cfg.RepoURL, s.cfg.EditURL, s.cfg.Branch); err == nil {
				idx.CommitURL = f.CommitURL(rs.commit)
			}
		}
		for _, pg := range l.pages {
			pr := rs.pages[pg]
			if pr == nil {
				continue
			}
			e := theme.ReviewEntry{Title: pg.title(), URL: links.Escape(pg.url), From: pr.from, Sections: pr.sections}
			if pr.res != nil {
				e.Inserted, e.Changed, e.Removed = pr.res.Inserted, pr.res.Changed, pr.res.Removed
			}
			switch pr.status {
			case theme.ReviewAdded:
				idx.Added = append(idx.Added, e)
			case theme.ReviewRenamed:
				idx.Renamed = append(idx.Renamed, e)
			default:
				idx.Changed = append(idx.Changed, e)
			}
		}
		url := l.prefix + reviewIndexPath
		if l.byURL[url] != nil {
			s.diags.Add(diag.Diagnostic{Path: l.space.DiagPath(l.byURL[url].path), Severity: diag.Warning, Rule: "review",
				Msg: fmt.Sprintf("a page is published at /%s, where review mode puts its index: the index is left out", url)})
			continue
		}
		p := &theme.Page{Site: l.tsite, URL: links.Escape(url), Root: links.Root(url), Layout: theme.DefaultLayout(), Dev: opts.Dev}
		var buf bytes.Buffer
		if err := s.theme.RenderReviewIndex(&buf, p, idx); err != nil {
			return fmt.Errorf("review index %s: %w", url, err)
		}
		if err := dir.WriteRaw(url+"index.html", buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}
