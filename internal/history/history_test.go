package history

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"folio/internal/testkit"

	"github.com/google/go-cmp/cmp"
)

// open reads the history of the review repository's site.
func open(t *testing.T, r *testkit.ReviewRepo) (*Repo, *History) {
	t.Helper()
	repo, h, err := Read(context.Background(), r.Site)
	if err != nil {
		t.Fatal(err)
	}
	return repo, h
}

func TestLog(t *testing.T) {
	t.Parallel()
	for _, sub := range []string{"", "docs site/spéc"} {
		t.Run("sub="+sub, func(t *testing.T) {
			t.Parallel()
			r := testkit.NewReviewRepo(t, sub)
			if sub != "" {
				// A change outside the site folder is not in its history.
				r.Write(map[string]string{"README.md": "outside\n", "en/guide/setup.md": "outside too\n"})
				r.Commit("Dan <dan@example.org>", "Outside the site")
			}
			// A branch does not pass for the boundary of a shallow clone.
			r.Git("branch", "grafted")
			repo, h := open(t, r)
			want := ""
			if sub != "" {
				want = sub + "/"
			}
			if repo.Prefix != want {
				t.Errorf("Prefix = %q, want %q", repo.Prefix, want)
			}
			if repo.Shallow {
				t.Error("Shallow = true")
			}
			if h.CommitCount != 6 {
				t.Errorf("CommitCount = %d, want 6", h.CommitCount)
			}
			day := func(n int) time.Time { return testkit.GitEpoch.Add(time.Duration(n) * 24 * time.Hour) }
			for _, c := range []struct {
				path, commit, author string
				date                 time.Time
			}{
				{"site.yaml", "initial", "Alice Martin", day(0)},
				{"en/.gitbook/assets/schéma 1.svg", "initial", "Alice Martin", day(0)},
				{"fr/engagement.md", "translation", "Bob Tremblay", day(1)},
				{"en/guide/setup.md", "edit", "Alice Martin", day(2)},
				{"en/guide/install.md", "rename", "Carol Diaz", day(3)},
				{"en/engagement.md", "original", "Alice Martin", day(4)},
				{"en/guide/new-page.md", "add-remove", "Bob Tremblay", day(5)},
				{"en/SUMMARY.md", "add-remove", "Bob Tremblay", day(5)},
				{"en/guide/old-name.md", "", "", time.Time{}}, // renamed away
				{"en/obsolete.md", "", "", time.Time{}},       // deleted
				{"README.md", "", "", time.Time{}},            // not committed (or outside the site)
			} {
				got := h.Last(c.path)
				if c.commit == "" {
					if got != nil {
						t.Errorf("Last(%q) = %s, want nil", c.path, got.Hash)
					}
					continue
				}
				if got == nil {
					t.Errorf("Last(%q) = nil, want %s", c.path, c.commit)
					continue
				}
				if got.Hash != r.Commits[c.commit] || got.Author != c.author || !got.Date.Equal(c.date) || !got.CommitDate.Equal(c.date) {
					t.Errorf("Last(%q) = %s %s %s, want %s %s %s", c.path, got.Hash, got.Author, got.Date, r.Commits[c.commit], c.author, c.date)
				}
				if !strings.HasPrefix(got.Hash, got.Short) || len(got.Short) < 7 || !strings.HasSuffix(got.Email, "@example.org") {
					t.Errorf("Last(%q): short hash %q, email %q", c.path, got.Short, got.Email)
				}
			}
			if got := h.Commits("en/guide/setup.md"); len(got) != 2 || got[0].Hash != r.Commits["edit"] || got[1].Hash != r.Commits["initial"] {
				t.Errorf("Commits(setup) = %v", got)
			}
			// Translation freshness: the English engagement page changed after
			// its translation, the home page did not.
			if got := h.ChangedAfter("en/engagement.md", h.Last("fr/engagement.md")); len(got) != 1 || got[0].Hash != r.Commits["original"] {
				t.Errorf("ChangedAfter(engagement) = %v, want the commit original", got)
			}
			if got := h.LastBefore("en/engagement.md", h.Last("fr/engagement.md")); got == nil || got.Hash != r.Commits["initial"] {
				t.Errorf("LastBefore(engagement) = %v, want the commit initial", got)
			}
			if got := h.LastBefore("en/guide/new-page.md", h.Last("fr/engagement.md")); got != nil {
				t.Errorf("LastBefore(new-page) = %v, want nil", got)
			}
			if got := h.ChangedAfter("en/README.md", h.Last("fr/README.md")); len(got) != 0 {
				t.Errorf("ChangedAfter(README) = %v, want none", got)
			}
			if !h.Last("en/engagement.md").After(h.Last("fr/engagement.md")) || h.Last("fr/README.md").After(h.Last("fr/README.md")) {
				t.Error("After is wrong")
			}
			wantRenames := []Rename{{From: "en/guide/old-name.md", To: "en/guide/install.md", Commit: h.Last("en/guide/install.md")}}
			if d := cmp.Diff(wantRenames, h.Renames, cmp.Comparer(samePointer)); d != "" {
				t.Errorf("Renames (-want +got):\n%s", d)
			}
			wantMoves := []Move{{From: "en/guide/old-name.md", To: "en/guide/install.md", Commit: h.Last("en/guide/install.md")}}
			if d := cmp.Diff(wantMoves, h.Moves(), cmp.Comparer(samePointer)); d != "" {
				t.Errorf("Moves (-want +got):\n%s", d)
			}
			files := h.Files()
			if len(files) != 12 || files[0] != "en/.gitbook/assets/schéma 1.svg" {
				t.Errorf("Files() = %q", files)
			}
		})
	}
}

func samePointer(a, b *Commit) bool { return a == b }

func TestChangesAndBlobs(t *testing.T) {
	t.Parallel()
	r := testkit.NewReviewRepo(t, "docs")
	repo, _ := open(t, r)
	ctx := context.Background()
	v1, err := repo.Resolve(ctx, "v1.0")
	if err != nil {
		t.Fatal(err)
	}
	if v1 != r.Commits["translation"] {
		t.Fatalf("Resolve(v1.0) = %s, want %s", v1, r.Commits["translation"])
	}
	if _, err := repo.Resolve(ctx, "v9"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("Resolve(v9): %v, want ErrUnknownRevision", err)
	}
	if _, err := repo.Resolve(ctx, "--output=/tmp/x"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("Resolve(an option): %v, want ErrUnknownRevision", err)
	}
	changes, err := repo.Changes(ctx, v1)
	if err != nil {
		t.Fatal(err)
	}
	want := []Change{
		{Status: Modified, Path: "en/SUMMARY.md"},
		{Status: Modified, Path: "en/engagement.md"},
		{Status: Renamed, Path: "en/guide/install.md", From: "en/guide/old-name.md", Score: 100},
		{Status: Added, Path: "en/guide/new-page.md"},
		{Status: Modified, Path: "en/guide/setup.md"},
		{Status: Deleted, Path: "en/obsolete.md"},
	}
	if d := cmp.Diff(want, changes); d != "" {
		t.Errorf("Changes (-want +got):\n%s", d)
	}
	// The work tree, which a build publishes: an edit not committed yet,
	// and a file git does not track, are changes too (tester: serve
	// --review published them unmarked); an ignored file is none.
	r.Write(map[string]string{
		"docs/en/README.md": "# Home\n\nAn edit not committed.\n", "docs/en/draft.md": "# Draft\n",
		"docs/.gitignore": "notes.txt\n", "docs/notes.txt": "mine\n",
	})
	changes, err = repo.Changes(ctx, v1)
	if err != nil {
		t.Fatal(err)
	}
	want = append([]Change{{Status: Added, Path: ".gitignore"}, {Status: Modified, Path: "en/README.md"}}, want...)
	want = append(want, Change{Status: Added, Path: "en/draft.md"})
	got := map[string]Change{}
	for _, c := range changes {
		got[c.Path] = c
	}
	for _, c := range want {
		if got[c.Path] != c {
			t.Errorf("Changes lacks %+v: %+v", c, changes)
		}
	}
	if len(changes) != len(want) {
		t.Errorf("Changes: %+v, want %+v", changes, want)
	}
	r.Remove("docs/en/draft.md", "docs/.gitignore", "docs/notes.txt")
	r.Git("checkout", "--", "docs/en/README.md")

	blobs, err := repo.Blobs(ctx, v1)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 4 { // concurrent readers share the process
		wg.Go(func() {
			for _, p := range []string{"en/guide/setup.md", "en/.gitbook/assets/schéma 1.svg", "en/guide/old-name.md"} {
				got, err := blobs.Read(p)
				if err != nil {
					t.Error(err)
					continue
				}
				if want := r.Git("show", "v1.0:docs/"+p) + "\n"; string(got) != want {
					t.Errorf("Read(%q) = %q, want %q", p, got, want)
				}
			}
		})
	}
	wg.Wait()
	for _, p := range []string{"en/guide/new-page.md", "en/guide", "a\nb.md", "", "../README.md"} {
		if _, err := blobs.Read(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Read(%q): %v, want fs.ErrNotExist", p, err)
		}
	}
	if got, err := blobs.Read("en/README.md"); err != nil || !strings.Contains(string(got), "under review") {
		t.Errorf("Read after misses = %q, %v", got, err)
	}
	if err := blobs.Close(); err != nil {
		t.Error(err)
	}
	if _, err := blobs.Read("en/README.md"); err == nil {
		t.Error("Read after Close succeeded")
	}
	if err := blobs.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := repo.Blobs(ctx, "v1.0"); err == nil {
		t.Error("Blobs(a tag name) succeeded: it wants a hash")
	}
}

func TestDrift(t *testing.T) {
	t.Parallel()
	r := testkit.NewReviewRepo(t, "")
	_, h := open(t, r)
	ctx := context.Background()
	// fr/guide/setup.md follows the initial commit; its original was
	// edited since.
	d, err := h.Drift(ctx, r.Commits["initial"][:10], "en/guide/setup.md")
	if err != nil {
		t.Fatal(err)
	}
	if d.From != r.Commits["initial"] || !d.Ancestor || !d.Changed() || d.Insertions != 4 || d.Deletions != 3 {
		t.Errorf("Drift since initial = %+v", d)
	}
	// A commit newer than the original's last change: nothing to do.
	d, err = h.Drift(ctx, "HEAD", "en/guide/setup.md")
	if err != nil {
		t.Fatal(err)
	}
	if d.Ancestor || d.Changed() {
		t.Errorf("Drift since HEAD = %+v", d)
	}
	// The original's last commit itself.
	d, err = h.Drift(ctx, r.Commits["edit"], "en/guide/setup.md")
	if err != nil || !d.Ancestor || d.Changed() {
		t.Errorf("Drift since edit = %+v, %v", d, err)
	}
	if _, err := h.Drift(ctx, "0123456789abcdef", "en/guide/setup.md"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("Drift(unknown): %v", err)
	}
	if _, err := h.Drift(ctx, "HEAD", "en/none.md"); err == nil {
		t.Error("Drift of a file without history succeeded")
	}
}

func TestUnavailable(t *testing.T) {
	ctx := context.Background()
	reason := func(err error) Reason {
		var u *Unavailable
		if !errors.As(err, &u) {
			t.Fatalf("error %v is not an *Unavailable", err)
		}
		if !IsUnavailable(err) || u.Error() == "" {
			t.Fatal("IsUnavailable is false, or the message empty")
		}
		return u.Reason
	}
	t.Run("not a work tree", func(t *testing.T) {
		dir := t.TempDir()
		t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
		_, _, err := Read(ctx, dir)
		if reason(err) != NotWorkTree {
			t.Errorf("Read: %v", err)
		}
		_, _, err = Read(ctx, filepath.Join(dir, "missing"))
		if reason(err) != NotWorkTree {
			t.Errorf("Read(missing folder): %v", err)
		}
	})
	t.Run("inside .git", func(t *testing.T) {
		g := testkit.NewGitRepo(t)
		g.Write(map[string]string{"a.md": "a\n"})
		g.Commit("A <a@example.org>", "a")
		for _, dir := range []string{".git", ".git/refs/heads"} {
			if _, _, err := Read(ctx, filepath.Join(g.Dir, dir)); reason(err) != NotWorkTree {
				t.Errorf("Read(%s): %v", dir, err)
			}
		}
	})
	t.Run("no commits", func(t *testing.T) {
		g := testkit.NewGitRepo(t)
		if _, _, err := Read(ctx, g.Dir); reason(err) != NoCommits {
			t.Errorf("Read: %v", err)
		}
	})
	t.Run("shallow", func(t *testing.T) {
		r := testkit.NewReviewRepo(t, "")
		dir := filepath.Join(t.TempDir(), "clone")
		cmd := exec.Command("git", "clone", "-q", "--depth", "1", "file://"+r.Dir, dir)
		cmd.Env = testkit.GitEnv()
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git clone: %v\n%s", err, out)
		}
		repo, h, err := Read(ctx, dir)
		if reason(err) != Shallow {
			t.Errorf("Read: %v", err)
		}
		if repo == nil || !repo.Shallow || h != nil {
			t.Errorf("Read returned %+v and %v, want a shallow Repo and no history", repo, h)
		}
	})
	t.Run("no git", func(t *testing.T) {
		r := testkit.NewReviewRepo(t, "")
		t.Setenv("PATH", t.TempDir())
		if _, _, err := Read(ctx, r.Dir); reason(err) != NoGit {
			t.Errorf("Read: %v", err)
		}
	})
}

// TestEnvironment checks that a hook's GIT_DIR, relative to the root of
// another repository, does not make git read that one.
func TestEnvironment(t *testing.T) {
	r := testkit.NewReviewRepo(t, "site")
	other := testkit.NewGitRepo(t)
	other.Write(map[string]string{"x.md": "x\n"})
	other.Commit("O <o@example.org>", "other")
	t.Setenv("GIT_DIR", filepath.Join(other.Dir, ".git"))
	t.Setenv("GIT_WORK_TREE", other.Dir)
	repo, h, err := Read(context.Background(), r.Site)
	if err != nil {
		t.Fatal(err)
	}
	if c := h.Last("en/guide/new-page.md"); c == nil || c.Hash != r.Commits["add-remove"] || repo.Prefix != "site/" {
		t.Errorf("Read read %v with prefix %q", c, repo.Prefix)
	}
}

// TestCancel checks that a cancelled context stops git.
func TestCancel(t *testing.T) {
	t.Parallel()
	r := testkit.NewReviewRepo(t, "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := Read(ctx, r.Dir); err == nil || IsUnavailable(err) {
		t.Errorf("Read with a cancelled context: %v, want a failure", err)
	}
	if _, err := os.Stat(r.Dir); err != nil {
		t.Fatal(err)
	}
}

// TestUserConfig checks that settings of the user's git configuration
// that change git's output do not change what folio reads.
func TestUserConfig(t *testing.T) {
	r := testkit.NewReviewRepo(t, "docs")
	config := filepath.Join(t.TempDir(), "gitconfig")
	err := os.WriteFile(config, []byte(`[color]
	ui = always
[log]
	showSignature = true
	follow = true
	abbrevCommit = true
	decorate = full
[diff]
	relative = true
	renames = copies
	external = false
	noprefix = true
[core]
	quotePath = true
[format]
	pretty = oneline
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("GIT_CONFIG_GLOBAL", config)
	ctx := context.Background()
	repo, h, err := Read(ctx, r.Site)
	if err != nil {
		t.Fatal(err)
	}
	if c := h.Last("en/.gitbook/assets/schéma 1.svg"); c == nil || c.Hash != r.Commits["initial"] {
		t.Errorf("Last(schéma 1.svg) = %v", c)
	}
	if len(h.Moves()) != 1 || h.CommitCount != 6 {
		t.Errorf("%d commits, moves %v", h.CommitCount, h.Moves())
	}
	changes, err := repo.Changes(ctx, r.Commits["translation"])
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 6 || changes[2].From != "en/guide/old-name.md" {
		t.Errorf("Changes = %v", changes)
	}
}

// TestWorkTree checks that Read finds the work tree as git does: through
// a symbolic link, in a linked work tree, past a .git folder that is not
// a repository's, and not above GIT_CEILING_DIRECTORIES.
func TestWorkTree(t *testing.T) {
	r := testkit.NewReviewRepo(t, "docs")
	ctx := context.Background()
	read := func(t *testing.T, dir, prefix string) {
		t.Helper()
		repo, h, err := Read(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		if repo.Prefix != prefix || h.CommitCount != 6 {
			t.Errorf("Read(%s): prefix %q, %d commits", dir, repo.Prefix, h.CommitCount)
		}
	}
	t.Run("symbolic link", func(t *testing.T) {
		link := filepath.Join(t.TempDir(), "link")
		if err := os.Symlink(r.Site, link); err != nil {
			t.Skip(err)
		}
		read(t, link, "docs/")
	})
	t.Run("linked work tree", func(t *testing.T) {
		wt := filepath.Join(t.TempDir(), "wt")
		r.Git("worktree", "add", "-q", "--detach", wt)
		read(t, filepath.Join(wt, "docs"), "docs/")
		read(t, wt, "")
	})
	t.Run("empty .git folder", func(t *testing.T) {
		if err := os.Mkdir(filepath.Join(r.Site, "en", ".git"), 0o755); err != nil {
			t.Fatal(err)
		}
		defer os.Remove(filepath.Join(r.Site, "en", ".git"))
		repo, h, err := Read(ctx, filepath.Join(r.Site, "en"))
		if err != nil {
			t.Fatal(err)
		}
		if repo.Prefix != "docs/en/" || h.Last("guide/setup.md") == nil {
			t.Errorf("prefix %q", repo.Prefix)
		}
	})
	t.Run("invalid .git file", func(t *testing.T) {
		sub := filepath.Join(r.Site, "fr")
		testkit.WriteFiles(t, sub, map[string]string{".git": "not a gitfile\n"})
		defer os.Remove(filepath.Join(sub, ".git"))
		if _, _, err := Read(ctx, sub); !IsUnavailable(err) {
			t.Errorf("Read: %v, want NotWorkTree", err)
		}
	})
	t.Run("ceiling", func(t *testing.T) {
		t.Setenv("GIT_CEILING_DIRECTORIES", "relative"+string(os.PathListSeparator)+r.Dir)
		_, _, err := Read(ctx, r.Site)
		var u *Unavailable
		if !errors.As(err, &u) || u.Reason != NotWorkTree {
			t.Errorf("Read under the ceiling: %v, want NotWorkTree", err)
		}
		read(t, r.Dir, "") // the ceiling itself is looked in
	})
}

// TestRepositoryRunsNoPrograms: a .git/config that came with the site
// (an archive) names programs as core.fsmonitor and as a filter driver
// that .gitattributes applies to the pages; reading the history and the
// changes since a commit, with a page edited in the work tree, runs none
// of them (t40: git ran them).
func TestRepositoryRunsNoPrograms(t *testing.T) {
	g := testkit.NewGitRepo(t)
	g.Write(map[string]string{"README.md": "# Home\n", ".gitattributes": "*.md filter=evil diff=evil\n"})
	first := g.Commit("A <a@example.org>", "first")
	marker := filepath.Join(t.TempDir(), "ran")
	for key, val := range map[string]string{
		"core.fsmonitor":       "touch " + marker + "-fsmonitor; false",
		"filter.evil.clean":    "touch " + marker + "-clean; cat",
		"filter.evil.smudge":   "touch " + marker + "-smudge; cat",
		"filter.evil.process":  "touch " + marker + "-process",
		"filter.evil.required": "true",
		"diff.evil.textconv":   "touch " + marker + "-textconv; cat",
		"diff.evil.command":    "touch " + marker + "-diff",
	} {
		g.Git("config", key, val)
	}
	g.Write(map[string]string{"README.md": "# Home, edited\n"})
	ctx := context.Background()
	repo, _, err := Read(ctx, g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	changes, err := repo.Changes(ctx, first)
	if err != nil {
		t.Fatal(err)
	}
	if len(changes) != 1 || changes[0].Path != "README.md" {
		t.Errorf("changes %v, want README.md modified", changes)
	}
	if _, err := TrackedIgnored(ctx, g.Dir); err != nil {
		t.Fatal(err)
	}
	ran, _ := filepath.Glob(marker + "*")
	if len(ran) > 0 {
		t.Errorf("git ran the repository's programs: %v", ran)
	}
}

// TestRepositoryRunsNoProgramsOddNames: a filter driver whose name holds
// "=" is neutralised too (t44: -c split its key at the "="), and a partial
// clone does not fetch, which would run remote.*.uploadpack.
func TestRepositoryRunsNoProgramsOddNames(t *testing.T) {
	g := testkit.NewGitRepo(t)
	g.Write(map[string]string{"README.md": "# Home\n", ".gitattributes": "*.md filter=x=y\n"})
	first := g.Commit("A <a@example.org>", "first")
	marker := filepath.Join(t.TempDir(), "ran")
	g.Git("config", "filter.x=y.clean", "touch "+marker+"-clean; cat")
	g.Git("config", "filter.x=y.required", "true")
	g.Write(map[string]string{"README.md": "# Home, edited\n"})
	ctx := context.Background()
	repo, _, err := Read(ctx, g.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := repo.Changes(ctx, first); err != nil {
		t.Fatal(err)
	}
	if ran, _ := filepath.Glob(marker + "*"); len(ran) > 0 {
		t.Errorf("git ran the repository's programs: %v", ran)
	}
}

// TestWorktreeDiff: only a diff of one commit against the work tree reads
// the filter drivers first (review).
func TestWorktreeDiff(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want bool
	}{
		{[]string{"diff", "-z", "--name-status", "abc", "--", "."}, true},
		{[]string{"diff", "-z", "--numstat", "abc", "HEAD", "--", "x.md"}, false},
		{[]string{"log", "-z", "HEAD", "--", "."}, false},
	} {
		if got := worktreeDiff(tt.args); got != tt.want {
			t.Errorf("worktreeDiff(%q) = %v, want %v", tt.args, got, tt.want)
		}
	}
}
