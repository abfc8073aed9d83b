package history

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"time"
)

// Commit is one commit of the history.
type Commit struct {
	Hash       string // full hash
	Short      string // abbreviated as git abbreviates it in this repository
	Author     string // the author's name, after .mailmap
	Email      string
	Date       time.Time // when the author made the change, in the author's time zone
	CommitDate time.Time // when it was committed, which a rebase moves
	seq        int       // position in the log: 0 is the newest
}

// After reports whether c is newer than d in the history. The log lists
// commits in date order without ever showing a parent before its child,
// so a commit is after every one of its ancestors, whatever the clocks
// said. A nil commit is older than any other.
func (c *Commit) After(d *Commit) bool {
	switch {
	case c == nil:
		return false
	case d == nil:
		return true
	}
	return c.seq < d.seq
}

// Rename is a file that a commit moved, as git's rename detection sees
// it: a file deleted and one added with at least half of its content.
type Rename struct {
	From, To string
	Commit   *Commit
}

// Move is an address that a rename emptied: From no longer exists, and
// its content lives at To now, through one rename or several.
type Move struct {
	From, To string
	Commit   *Commit // the commit that first moved From away
}

// History is the history of the files of a site, newest first.
type History struct {
	Repo        *Repo
	CommitCount int      // commits that changed a file of the site, merges left out
	Renames     []Rename // newest first
	files       map[string]*file
	grafted     bool // a commit of the log is a shallow clone's boundary
}

// file is the history of one path.
type file struct {
	commits []*Commit // newest first
	gone    bool      // the newest commit deleted it, or moved it away
}

// log reads the history of the site with one git log: every commit
// reachable from HEAD, but merges, that changed a file in the site
// folder, with the files it added, changed, deleted or renamed. It is the
// only git process of a build, so it also tells what there is no history
// for: the errors of Read.
func (r *Repo) log(ctx context.Context) (*History, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	// --date-order never shows a parent before its child, which After
	// relies on; -z ends every field with a NUL, so that any file name
	// reads back as it is; "." limits the log to the site folder, which
	// makes it faster in a larger repository. No ref decorates a commit
	// (a branch named "grafted" would pass for the graft below), which
	// also spares git the reading of every tag.
	cmd := command(ctx, r.Dir, "log", "-z", "--no-merges", "--date-order", "--no-color", "--find-renames", "--name-status",
		"--decorate-refs-exclude=*", "--format="+logFormat, "HEAD", "--", ".")
	// unavailable reads git's messages, in English whatever the user's
	// language.
	cmd.Env = append(cmd.Env, "LC_ALL=C")
	var stderr bytes.Buffer
	cmd.Stderr = &limited{w: &stderr, n: 4096}
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("git log: %w", err)
	}
	if err := cmd.Start(); err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return nil, &Unavailable{Reason: NoGit}
		}
		return nil, fmt.Errorf("git log: %w", err)
	}
	h, perr := parseLog(out, r)
	if perr != nil {
		// Drain, so that git does not block on a full pipe before the
		// wait below.
		_, _ = io.Copy(io.Discard, out)
	}
	if err := cmd.Wait(); err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			err = &gitError{args: []string{"log"}, err: err, msg: msg}
		} else {
			err = fmt.Errorf("git log in %s: %w", r.Dir, err)
		}
		if u := unavailable(err); u != nil {
			return nil, u
		}
		return nil, err
	}
	if perr != nil {
		return nil, fmt.Errorf("git log in %s: %w", r.Dir, perr)
	}
	if h.grafted {
		// The history stops at a commit whose parents the clone lacks,
		// and would date every older page to it.
		r.Shallow = true
		return nil, &Unavailable{Reason: Shallow}
	}
	return h, nil
}

// unavailable returns the reason why git log, failing with err, found no
// history to read, or nil when it failed otherwise.
func unavailable(err error) *Unavailable {
	var g *gitError
	var exit *exec.ExitError
	if !errors.As(err, &g) || !errors.As(err, &exit) || exit.ExitCode() != 128 { // git's fatal errors
		return nil
	}
	switch msg := g.msg; {
	case strings.Contains(msg, "does not have any commits yet"), strings.Contains(msg, "bad revision 'HEAD'"),
		strings.Contains(msg, "bad default revision 'HEAD'"), strings.Contains(msg, "unknown revision or path"):
		return &Unavailable{Reason: NoCommits}
	case strings.Contains(msg, "not a git repository"), strings.Contains(msg, "dubious ownership"),
		strings.Contains(msg, "safe.directory"), strings.Contains(msg, "cannot change to"):
		// git found no repository where workTree did (a file system
		// boundary, a .git file naming no git folder), refuses to read it
		// (another user's), or cannot enter dir (a file, or a path through
		// a missing folder, which workTree cleaned away).
		return &Unavailable{Reason: NotWorkTree, Detail: gitMessage(err)}
	}
	return nil
}

// logFormat is a commit's header: its fields, each ended by a NUL as -z
// ends the file names that follow. The third, %D, is the commit's
// decorations, which say "grafted" on a commit whose parents a shallow
// clone lacks; it is not last, so that an empty one is still ended by a
// NUL at the end of the output.
const logFormat = "%H%x00%h%x00%D%x00%aN%x00%aE%x00%aI%x00%cI"

// headerFields is the number of fields in logFormat.
const headerFields = 7

// parseLog reads the output of git log -z --name-status --format=logFormat
// as it streams: a header, then for each file a status (a letter, and a
// similarity score after R and C) and one path, or two after R and C.
// The first status of a commit follows a newline; a commit that changed
// nothing (an empty commit) has none, so the next token is a hash.
func parseLog(rd io.Reader, repo *Repo) (*History, error) {
	h := &History{Repo: repo, files: map[string]*file{}}
	t := tokens{r: bufio.NewReaderSize(rd, 64<<10)}
	var (
		c     *Commit
		chunk []Commit // commits are allocated in chunks, for speed
	)
	for {
		tok, err := t.next()
		if err == io.EOF {
			return h, nil
		}
		if err != nil {
			return nil, err
		}
		if isHash(tok) {
			if len(chunk) == cap(chunk) {
				chunk = make([]Commit, 0, 256)
			}
			chunk = append(chunk, Commit{Hash: string(tok), seq: h.CommitCount})
			c = &chunk[len(chunk)-1]
			h.CommitCount++
			grafted, err := t.header(c)
			if err != nil {
				return nil, err
			}
			h.grafted = h.grafted || grafted
			continue
		}
		if c == nil {
			return nil, fmt.Errorf("log starts with %q, not a commit", tok)
		}
		status := bytes.TrimLeft(tok, "\n")
		if len(status) == 0 {
			return nil, fmt.Errorf("commit %s: empty status", c.Short)
		}
		kind := status[0]
		path, err := t.field()
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", c.Short, err)
		}
		switch kind {
		case 'R', 'C':
			from := string(path)
			to, err := t.field()
			if err != nil {
				return nil, fmt.Errorf("commit %s: %w", c.Short, err)
			}
			toPath := h.touch(string(to), c, false)
			if kind == 'R' {
				if fromPath := h.touch(from, c, true); fromPath != "" && toPath != "" {
					h.Renames = append(h.Renames, Rename{From: fromPath, To: toPath, Commit: c})
				}
			}
		case 'D':
			h.touch(string(path), c, true)
		default: // A, M, T: the file exists after the commit
			h.touch(string(path), c, false)
		}
	}
}

// touch records that commit c changed the file at repoPath, deleting it
// when gone, and returns its path in the site ("" outside the site).
func (h *History) touch(repoPath string, c *Commit, gone bool) string {
	p, ok := h.Repo.sitePath(repoPath)
	if !ok {
		return ""
	}
	f := h.files[p]
	if f == nil {
		f = &file{gone: gone}
		h.files[p] = f
	}
	// A commit lists a path once, but a rename and a change may name the
	// same path in one commit (a file moved and another put in its place).
	if n := len(f.commits); n == 0 || f.commits[n-1] != c {
		f.commits = append(f.commits, c)
	}
	return p
}

// tokens splits git's -z output at NULs.
type tokens struct {
	r   *bufio.Reader
	buf []byte
}

// next returns the next token, valid until the following call; io.EOF
// when the output ends between tokens.
func (t *tokens) next() ([]byte, error) {
	b, err := t.r.ReadSlice(0)
	if err == nil {
		return b[:len(b)-1], nil
	}
	if err == bufio.ErrBufferFull { // a token longer than the buffer
		t.buf = append(t.buf[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = t.r.ReadSlice(0)
			t.buf = append(t.buf, b...)
		}
		if err == nil {
			return t.buf[:len(t.buf)-1], nil
		}
	}
	if err == io.EOF && len(b) > 0 {
		// The last token: git ends the output without a NUL when the
		// last commit has no files. Any other case is a truncated output.
		return b, nil
	}
	return nil, err
}

// field returns the next token, which must be there.
func (t *tokens) field() ([]byte, error) {
	b, err := t.next()
	if err == io.EOF {
		return nil, errors.New("log ends in the middle of a commit")
	}
	return b, err
}

// header reads the fields of a commit's header after its hash, and
// reports whether the commit is grafted.
func (t *tokens) header(c *Commit) (bool, error) {
	var fields [headerFields - 1]string
	var grafted bool
	for i := range fields {
		b, err := t.field()
		if err != nil {
			return false, fmt.Errorf("commit %s: %w", c.Hash, err)
		}
		if i == 1 { // %D: only a graft matters
			for d := range bytes.SplitSeq(b, []byte(", ")) {
				grafted = grafted || string(d) == "grafted"
			}
			continue
		}
		fields[i] = strings.ToValidUTF8(string(b), "\uFFFD")
	}
	c.Short, c.Author, c.Email = fields[0], fields[2], fields[3]
	var err error
	if c.Date, err = time.Parse(time.RFC3339, fields[4]); err != nil {
		return false, fmt.Errorf("commit %s: author date: %w", c.Hash, err)
	}
	if c.CommitDate, err = time.Parse(time.RFC3339, fields[5]); err != nil {
		return false, fmt.Errorf("commit %s: commit date: %w", c.Hash, err)
	}
	return grafted, nil
}

// Last returns the newest commit that changed the file at path (relative
// to the site folder), or nil when the history does not hold it: the file
// is not committed, or the newest commit that named it deleted it.
func (h *History) Last(path string) *Commit {
	f := h.files[path]
	if f == nil || f.gone {
		return nil
	}
	return f.commits[0]
}

// Commits returns the commits that changed the file at path, newest
// first; they do not follow the file through renames.
func (h *History) Commits(path string) []*Commit {
	if f := h.files[path]; f != nil {
		return f.commits
	}
	return nil
}

// ChangedAfter returns the commits that changed the file at path after
// commit c, newest first: none when c (the last commit of a translation,
// say) is newer than every change of the file (its original).
func (h *History) ChangedAfter(path string, c *Commit) []*Commit {
	cs := h.Commits(path)
	i := 0
	for i < len(cs) && cs[i].After(c) {
		i++
	}
	return cs[:i]
}

// LastBefore returns the newest commit that changed the file at path and
// is not newer than c: the version of an original that a translation
// made at commit c followed. It is nil when the file changed only after c.
func (h *History) LastBefore(path string, c *Commit) *Commit {
	for _, fc := range h.Commits(path) {
		if !fc.After(c) {
			return fc
		}
	}
	return nil
}

// Files returns the paths of the files the history knows and that exist
// at HEAD, sorted.
func (h *History) Files() []string {
	var ps []string
	for p, f := range h.files {
		if !f.gone {
			ps = append(ps, p)
		}
	}
	slices.Sort(ps)
	return ps
}

// Moves returns the addresses that renames emptied, sorted by From: for
// each file renamed away and not recreated since, the path its content
// has now, following renames after renames. A file whose content was
// later deleted has no move. Renames from or to outside the site folder
// are not seen, as the log does not look there.
func (h *History) Moves() []Move {
	// Renames by source, oldest first, to follow a chain forward in time.
	from := map[string][]Rename{}
	for i := len(h.Renames) - 1; i >= 0; i-- {
		r := h.Renames[i]
		from[r.From] = append(from[r.From], r)
	}
	var moves []Move
	for path, rs := range from {
		if f := h.files[path]; f == nil || !f.gone {
			continue // something lives at the old address again
		}
		// The newest rename of path is the one that emptied it for good.
		first := rs[len(rs)-1]
		to, c := first.To, first.Commit
		for range len(h.Renames) { // a chain cannot be longer; also stops a cycle
			next, ok := nextRename(from[to], c)
			if !ok {
				break
			}
			to, c = next.To, next.Commit
		}
		if h.Last(to) != nil && to != path {
			moves = append(moves, Move{From: path, To: to, Commit: first.Commit})
		}
	}
	slices.SortFunc(moves, func(a, b Move) int { return strings.Compare(a.From, b.From) })
	return moves
}

// nextRename returns the oldest of rs (oldest first) that is newer than c.
func nextRename(rs []Rename, c *Commit) (Rename, bool) {
	for _, r := range rs {
		if r.Commit.After(c) {
			return r, true
		}
	}
	return Rename{}, false
}
