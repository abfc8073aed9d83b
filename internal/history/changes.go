package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
)

// Status is how a file changed between two commits.
type Status byte

const (
	Added    Status = 'A'
	Modified Status = 'M'
	Deleted  Status = 'D'
	Renamed  Status = 'R'
	Copied   Status = 'C'
)

// Change is a file of the site that changed between two commits.
type Change struct {
	Status Status
	Path   string // the path at HEAD; for Deleted, the path at the older commit
	From   string // for Renamed and Copied, the path at the older commit
	Score  int    // for Renamed and Copied, the similarity in percent
}

// Changes lists the files of the site that differ between commit (a full
// hash, see Resolve) and the work tree, which the build publishes, edits
// not yet committed included: one git diff, in git's order (by path),
// then the files git does not track yet (and does not ignore), Added. A
// file moved out of the site folder is Deleted, one moved in is Added,
// and a change of type (a file become a symbolic link) is Modified.
func (r *Repo) Changes(ctx context.Context, commit string) ([]Change, error) {
	if !isHash(commit) {
		return nil, fmt.Errorf("git diff: %q is not a full commit hash", commit)
	}
	out, err := run(ctx, r.Dir, "diff", "-z", "--no-color", "--no-ext-diff", "--no-textconv", "--ignore-submodules=all", "--find-renames", "--name-status", commit, "--", ".")
	if err != nil {
		return nil, err
	}
	cs, err := r.parseChanges(out)
	if err != nil {
		return nil, fmt.Errorf("git diff in %s: %w", r.Dir, err)
	}
	out, err = run(ctx, r.Dir, "ls-files", "-z", "--full-name", "--others", "--exclude-standard", "--", ".")
	if err != nil {
		return nil, err
	}
	for p := range bytes.SplitSeq(out, []byte{0}) {
		if len(p) == 0 {
			continue
		}
		if path, in := r.sitePath(string(p)); in && path != "" {
			cs = append(cs, Change{Status: Added, Path: path})
		}
	}
	return cs, nil
}

// parseChanges reads the output of git diff -z --name-status: a status,
// then one path, or two after R and C, each ended by a NUL.
func (r *Repo) parseChanges(out []byte) ([]Change, error) {
	var cs []Change
	fields := bytes.Split(out, []byte{0})
	if n := len(fields); len(fields[n-1]) == 0 {
		fields = fields[:n-1]
	}
	for i := 0; i < len(fields); {
		status := fields[i]
		if len(status) == 0 {
			return nil, fmt.Errorf("empty status at field %d", i)
		}
		c := Change{Status: Status(status[0])}
		paths := 1
		if c.Status == Renamed || c.Status == Copied {
			paths = 2
			c.Score, _ = strconv.Atoi(string(status[1:]))
		}
		if i+paths >= len(fields) {
			return nil, errors.New("output ends in the middle of a change")
		}
		// A path outside the site folder is left out, in case git shows
		// one (the pathspec "." keeps it to the folder).
		if paths == 2 {
			var in bool
			c.From, in = r.sitePath(string(fields[i+1]))
			c.Path, _ = r.sitePath(string(fields[i+2]))
			if !in {
				c.Status, c.From, c.Score = Added, "", 0
			}
		} else {
			c.Path, _ = r.sitePath(string(fields[i+1]))
		}
		i += 1 + paths
		if c.Status != Added && c.Status != Deleted && c.Status != Renamed && c.Status != Copied {
			c.Status = Modified
		}
		if c.Path != "" {
			cs = append(cs, c)
		}
	}
	return cs, nil
}

// Drift is how far the original of a translation has moved since the
// commit the translation says it follows (front matter translated_from).
type Drift struct {
	// From is the full hash of the commit the translation follows.
	From string
	// Ancestor is set when From is the original's last commit or one of
	// its ancestors. When it is not, From is newer than every change of
	// the original (and Changed is false), or on another line of history.
	Ancestor bool
	// Insertions and Deletions count the lines of the original that
	// changed from From to HEAD; both are 0 when it did not change.
	Insertions, Deletions int
	// Binary is set when git cannot count lines (the original is not
	// text); Changed then says whether it differs.
	Binary bool
}

// Changed reports whether the original differs from what it was at From.
func (d Drift) Changed() bool { return d.Insertions+d.Deletions > 0 || d.Binary }

// Drift compares the original at path (relative to the site folder) with
// its version at rev, which a translation says it follows: three git
// processes (rev-parse, merge-base and diff), to run only for the pages
// whose front matter names a commit. The error wraps ErrUnknownRevision
// when git does not know rev.
func (h *History) Drift(ctx context.Context, rev, path string) (Drift, error) {
	last := h.Last(path)
	if last == nil {
		return Drift{}, fmt.Errorf("%s: not in the history", path)
	}
	from, err := h.Repo.Resolve(ctx, rev)
	if err != nil {
		return Drift{}, err
	}
	d := Drift{From: from}
	_, err = run(ctx, h.Repo.Dir, "merge-base", "--is-ancestor", from, last.Hash)
	var exit *exec.ExitError
	switch {
	case err == nil:
		d.Ancestor = true
	case errors.As(err, &exit) && exit.ExitCode() == 1:
	default:
		return Drift{}, err
	}
	out, err := run(ctx, h.Repo.Dir, "diff", "-z", "--no-color", "--no-ext-diff", "--no-textconv", "--ignore-submodules=all", "--no-renames", "--numstat", from, "HEAD", "--", path)
	if err != nil {
		return Drift{}, err
	}
	// One line per file, "added\tdeleted\tpath", "-\t-\tpath" for a binary
	// file; the path is relative to the site folder, so there is one.
	for line := range bytes.SplitSeq(out, []byte{0}) {
		f := bytes.SplitN(line, []byte{'\t'}, 3)
		if len(f) != 3 {
			continue
		}
		if string(f[0]) == "-" {
			d.Binary = true
			continue
		}
		ins, err1 := strconv.Atoi(string(f[0]))
		del, err2 := strconv.Atoi(string(f[1]))
		if err1 != nil || err2 != nil {
			return Drift{}, fmt.Errorf("git diff --numstat: unexpected output %q", line)
		}
		d.Insertions += ins
		d.Deletions += del
	}
	return d, nil
}
