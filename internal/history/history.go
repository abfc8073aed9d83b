// Package history reads what git knows about a site: when each file last
// changed and in which commit, which files were renamed, the content of a
// file at another commit, and the files changed since a reference. It
// runs the git found on PATH, with explicit arguments and a timeout, and
// as few processes as it can: one git log reads the history of the whole
// site, one git cat-file reads every old file a review needs.
//
// Paths are slash-separated and relative to the site folder given to Read,
// which may be a subfolder of the repository; Repo.Prefix maps them to the
// repository root.
package history

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// Timeout bounds every git process, so that a stuck git (a network file
// system, a lock) cannot hang a build.
const Timeout = 2 * time.Minute

// Reason says why a site has no history.
type Reason int

const (
	// NoGit: git is not on PATH.
	NoGit Reason = iota + 1
	// NotWorkTree: the site folder is not inside a git work tree, or git
	// refuses to read it (a repository owned by another user, say).
	NotWorkTree
	// NoCommits: the repository has no commit yet.
	NoCommits
	// Shallow: the clone is shallow, so the history it holds stops at an
	// arbitrary commit and would date every older page to it.
	Shallow
)

// Unavailable is the error Read returns when there is no history to
// read. It is not a failure of the build: the build leaves the history
// out and turns the error into one info line.
type Unavailable struct {
	Reason Reason
	Detail string // git's own message, when it gave one
	// DotGit is set when a .git was found in the site folder or above
	// it: the site is in a repository, whatever git answered.
	DotGit bool
}

func (u *Unavailable) Error() string {
	var s string
	switch u.Reason {
	case NoGit:
		s = "git is not installed"
	case NotWorkTree:
		s = "not in a git work tree"
	case NoCommits:
		s = "the repository has no commits yet"
	case Shallow:
		s = "shallow clone: fetch the full history (git fetch --unshallow)"
	default:
		s = "no history"
	}
	if u.Detail != "" {
		s += " (" + u.Detail + ")"
	}
	return s
}

// IsUnavailable reports whether err says that there is no history to
// read, rather than that reading it failed.
func IsUnavailable(err error) bool {
	var u *Unavailable
	return errors.As(err, &u)
}

// ErrUnknownRevision is wrapped by the errors about a reference git does
// not know (a mistyped tag, a commit of another clone).
var ErrUnknownRevision = errors.New("unknown revision")

// Repo is the git work tree that holds a site.
type Repo struct {
	// Dir is the site folder, as given to Read.
	Dir string
	// Prefix is the site folder relative to the repository root: "" when
	// the site is the whole repository, else a slash path ending in "/".
	Prefix string
	// Shallow is set in a shallow clone, whose history stops at commits
	// it lacks the parents of: Read returns no history, but a review
	// still works when the clone holds the reference.
	Shallow bool
	// Branch is the branch checked out, "" when HEAD is detached (CI
	// often checks out a commit).
	Branch string
}

// Read finds the work tree holding the site folder dir and reads the
// history of the site, with one git process (see log), and none when dir
// is not in a work tree. When there is no history to read, the error is
// an *Unavailable, and the Repo is nil but in a shallow clone.
func Read(ctx context.Context, dir string) (*Repo, *History, error) {
	prefix, gitDir, err := workTree(dir)
	if err != nil {
		return nil, nil, err
	}
	r := &Repo{Dir: dir, Prefix: prefix, Branch: headBranch(gitDir)}
	h, err := r.log(ctx)
	if u := (*Unavailable)(nil); errors.As(err, &u) {
		u.DotGit = true // found by the walk, refused by git
	}
	if err != nil {
		if r.Shallow {
			return r, nil, err
		}
		return nil, nil, err
	}
	return r, h, nil
}

// repoPath returns the path relative to the repository root of a path
// relative to the site folder.
func (r *Repo) repoPath(sitePath string) string {
	return r.Prefix + sitePath
}

// sitePath returns the path relative to the site folder of a path
// relative to the repository root, and whether it is in the site folder.
func (r *Repo) sitePath(repoPath string) (string, bool) {
	if !strings.HasPrefix(repoPath, r.Prefix) {
		return "", false
	}
	return repoPath[len(r.Prefix):], true
}

// Resolve returns the full hash of the commit that rev (a tag, a branch,
// a hash or any of git's revision expressions) names, with one git
// process; the error wraps ErrUnknownRevision when there is none.
func (r *Repo) Resolve(ctx context.Context, rev string) (string, error) {
	out, err := run(ctx, r.Dir, "rev-parse", "--verify", "-q", "--end-of-options", rev+"^{commit}")
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 {
		return "", fmt.Errorf("%w %q", ErrUnknownRevision, rev)
	}
	if err != nil {
		return "", err
	}
	h := strings.TrimSpace(string(out))
	if !isHash(h) {
		return "", fmt.Errorf("git rev-parse %s: unexpected output %q", rev, out)
	}
	return h, nil
}

// command prepares git with args in dir. The environment loses the
// variables that would make git read another repository than the one
// holding dir (a hook sets GIT_DIR relative to the repository root), and
// pathspecs are literal, so that a file named "*.md" means that file.
func command(ctx context.Context, dir string, args ...string) *exec.Cmd {
	// The settings that would change the output parsed here are set back
	// to their defaults, whatever the user's configuration says.
	pre := []string{"-C", dir, "-c", "diff.relative=false", "-c", "log.showSignature=false", "-c", "log.follow=false"}
	// What keeps the repository's own configuration from running
	// programs (t40, t44): a .git/config that came with the site (an
	// archive, a CI artifact) may name one as core.fsmonitor, as a filter
	// driver, or as the program a partial clone runs to fetch a missing
	// object (remote.*.uploadpack, core.sshCommand). The settings go in
	// the environment, which takes keys as they are, where -c splits a key
	// holding "=" (filter."x=y".clean) at it.
	safe := [][2]string{{"core.fsmonitor", "false"}, {"core.hooksPath", os.DevNull}, {"protocol.allow", "never"}}
	if worktreeDiff(args) {
		safe = append(safe, noFilters(ctx, dir)...)
	}
	for _, kv := range safe {
		if !strings.Contains(kv[0], "=") {
			// On -c too: git before 2.31 reads no GIT_CONFIG_COUNT (review).
			pre = append(pre, "-c", kv[0]+"="+kv[1])
		}
	}
	cmd := exec.CommandContext(ctx, "git", append(pre, args...)...)
	env := os.Environ()
	kept := env[:0:0]
	for _, kv := range env {
		name, _, _ := strings.Cut(kv, "=")
		switch {
		case name == "GIT_DIR", name == "GIT_WORK_TREE", name == "GIT_INDEX_FILE", name == "GIT_PREFIX", name == "GIT_COMMON_DIR",
			name == "GIT_OBJECT_DIRECTORY", name == "GIT_LITERAL_PATHSPECS", name == "GIT_GLOB_PATHSPECS",
			name == "GIT_NOGLOB_PATHSPECS", name == "GIT_ICASE_PATHSPECS", name == "GIT_CONFIG_COUNT",
			strings.HasPrefix(name, "GIT_CONFIG_KEY_"), strings.HasPrefix(name, "GIT_CONFIG_VALUE_"):
			continue
		}
		kept = append(kept, kv)
	}
	kept = append(kept, "GIT_LITERAL_PATHSPECS=1", "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0", "GIT_NO_LAZY_FETCH=1",
		"GIT_CONFIG_COUNT="+strconv.Itoa(len(safe)))
	for i, kv := range safe {
		kept = append(kept, fmt.Sprintf("GIT_CONFIG_KEY_%d=%s", i, kv[0]), fmt.Sprintf("GIT_CONFIG_VALUE_%d=%s", i, kv[1]))
	}
	cmd.Env = kept
	// A process git leaves behind holding the pipes must not hold the
	// build after git itself has exited.
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// worktreeDiff reports whether args are a git diff of one commit against
// the work tree, the only one that reads files through filter drivers:
// between two commits (a translation's drift, once per page) no filter
// runs, and no git config need be read first (review).
func worktreeDiff(args []string) bool {
	if args[0] != "diff" {
		return false
	}
	revs := 0
	for _, a := range args[1:] {
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") {
			revs++
		}
	}
	return revs == 1
}

// noFilters returns the settings that keep the repository's own filter
// drivers from running when git diff reads the work tree: a .git/config
// may name a program as a driver that .gitattributes applies to the
// pages, and git would run it to compare them (t40). The diffs also turn
// external drivers and textconv off (--no-ext-diff, --no-textconv), and
// leave submodules alone, whose own configuration git reads to look at
// them (t44). The drivers are read from the configuration, which runs
// nothing: each is set to pass text through. Only a diff needs them, so
// that a plain build still runs one git.
func noFilters(ctx context.Context, dir string) [][2]string {
	var out [][2]string
	cfg, _ := run(ctx, dir, "config", "-z", "--get-regexp", `^filter\.`)
	seen := map[string]bool{}
	for entry := range bytes.SplitSeq(cfg, []byte{0}) {
		key, _, _ := bytes.Cut(entry, []byte{'\n'})
		name, ok := strings.CutPrefix(string(key), "filter.")
		if i := strings.LastIndexByte(name, '.'); ok && i > 0 && !seen[name[:i]] {
			name = name[:i]
			seen[name] = true
			out = append(out, [2]string{"filter." + name + ".clean", "cat"}, [2]string{"filter." + name + ".smudge", "cat"},
				[2]string{"filter." + name + ".process", ""}, [2]string{"filter." + name + ".required", "false"})
		}
	}
	return out
}

// run runs git with args in dir, within Timeout, and returns its output.
// A failure carries git's message.
func run(ctx context.Context, dir string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	cmd := command(ctx, dir, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &limited{w: &stderr, n: 4096}
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			err = &gitError{args: args, err: err, msg: msg}
		} else {
			err = fmt.Errorf("git %s: %w", args[0], err)
		}
	}
	return out, err
}

// gitError is a git process that failed, with what it said.
type gitError struct {
	args []string
	err  error
	msg  string
}

func (e *gitError) Error() string { return fmt.Sprintf("git %s: %v: %s", e.args[0], e.err, e.msg) }
func (e *gitError) Unwrap() error { return e.err }

// gitMessage returns the first line of what git said on failing, without
// its "fatal: " prefix.
func gitMessage(err error) string {
	var g *gitError
	if !errors.As(err, &g) {
		return ""
	}
	line, _, _ := strings.Cut(g.msg, "\n")
	return strings.TrimPrefix(line, "fatal: ")
}

// limited writes the first n bytes written to it to w, and drops the
// rest: git's stderr is only quoted in errors.
type limited struct {
	w *bytes.Buffer
	n int
}

func (l *limited) Write(p []byte) (int, error) {
	if room := l.n - l.w.Len(); room > 0 {
		l.w.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// isHash reports whether s is a full SHA-1 or SHA-256 object name.
func isHash[T string | []byte](s T) bool {
	if len(s) != 40 && len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}
