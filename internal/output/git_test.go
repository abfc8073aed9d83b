package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// build writes files into a new staging folder for out and commits it.
func build(t *testing.T, out string, files ...string) (*Dir, error) {
	t.Helper()
	d, err := New(out, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := d.WriteRaw(f, []byte("new "+f)); err != nil {
			t.Fatal(err)
		}
	}
	err = d.Commit()
	if err != nil {
		_ = d.Abort()
	}
	return d, err
}

func put(t *testing.T, p, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCommitKeepsGit: a repository's .git folder and a worktree's .git
// file stay in the output folder, moved (the same file, not a copy),
// while the rest is replaced.
func TestCommitKeepsGit(t *testing.T) {
	for _, kind := range []string{"folder", "file"} {
		t.Run(kind, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			if _, err := build(t, out, "index.html", "_folio/a.css"); err != nil {
				t.Fatal(err)
			}
			git := filepath.Join(out, ".git")
			probe := git // the file whose identity must survive
			if kind == "folder" {
				probe = filepath.Join(git, "HEAD")
			}
			put(t, probe, "gitdir: /somewhere/.git/worktrees/public\n")
			before, err := os.Stat(probe)
			if err != nil {
				t.Fatal(err)
			}
			_, err = build(t, out, "index.html", "_folio/a.css")
			if err != nil {
				t.Fatal(err)
			}
			after, err := os.Stat(probe)
			if err != nil {
				t.Fatalf("%s lost: %v", probe, err)
			}
			if !os.SameFile(before, after) {
				t.Error(".git was copied, not moved")
			}
			if got := read(t, filepath.Join(out, "index.html")); got != "new index.html" {
				t.Errorf("index.html = %q", got)
			}
			if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.folio-*")); len(left) != 0 {
				t.Errorf("left beside: %v", left)
			}
		})
	}
}

// TestCommitGitSymlink: a .git that is a symbolic link is moved as the
// link; what it leads to is neither moved nor removed.
func TestCommitGitSymlink(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if _, err := build(t, out, "index.html"); err != nil {
		t.Fatal(err)
	}
	repo := filepath.Join(root, "repo.git")
	put(t, filepath.Join(repo, "HEAD"), "ref")
	if err := os.Symlink(repo, filepath.Join(out, ".git")); err != nil {
		t.Fatal(err)
	}
	if _, err := build(t, out, "index.html"); err != nil {
		t.Fatal(err)
	}
	if target, err := os.Readlink(filepath.Join(out, ".git")); err != nil || target != repo {
		t.Errorf(".git link = %q, %v", target, err)
	}
	if got := read(t, filepath.Join(repo, "HEAD")); got != "ref" {
		t.Errorf("the link's target changed: %q", got)
	}
}

// TestCommitSymlinkOutput: an output folder that is a symbolic link is
// replaced as the link: the folder it leads to keeps its .git and its
// files.
func TestCommitSymlinkOutput(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "elsewhere")
	put(t, filepath.Join(target, ".git", "HEAD"), "ref")
	put(t, filepath.Join(target, "CNAME"), "example.org")
	out := filepath.Join(root, "public")
	if err := os.Symlink(target, out); err != nil {
		t.Fatal(err)
	}
	_, err := build(t, out, "index.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{".git/HEAD", "CNAME"} {
		if _, err := os.Stat(filepath.Join(target, f)); err != nil {
			t.Errorf("%s gone from the link's target: %v", f, err)
		}
	}
	if _, err := os.Lstat(filepath.Join(out, ".git")); err == nil {
		t.Error(".git taken from the link's target")
	}
}

// TestCommitStaticGit: a .git the build wrote (a static/ folder that is a
// submodule) gives way to the previous output's.
func TestCommitStaticGit(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, out, "index.html"); err != nil {
		t.Fatal(err)
	}
	put(t, filepath.Join(out, ".git", "HEAD"), "ref")
	if _, err := build(t, out, "index.html", ".git"); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, ".git", "HEAD")); got != "ref" {
		t.Errorf(".git/HEAD = %q", got)
	}
}

// noExchange makes Commit swap with two renames, as on systems without
// an exchange of two paths, for tests that make one of them fail.
func noExchange(t *testing.T) {
	saved := exchange
	exchange = func(a, b string) error { return errors.ErrUnsupported }
	t.Cleanup(func() { exchange = saved })
}

// failRename makes the rename of a path ending in suffix fail.
func failRename(t *testing.T, suffix string) {
	noExchange(t)
	rename = func(from, to string) error {
		if strings.HasSuffix(from, suffix) {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: fs.ErrPermission}
		}
		return os.Rename(from, to)
	}
	t.Cleanup(func() { rename = os.Rename })
}

// TestCommitGitFails: when .git cannot be moved, or the swap fails after
// it was, Commit fails and the previous output is in place with its .git
// (Abort removes only the staging folder).
func TestCommitGitFails(t *testing.T) {
	for _, step := range []string{".git", "public", ".folio-"} {
		t.Run(strings.TrimPrefix(step, "."), func(t *testing.T) {
			root := t.TempDir()
			out := filepath.Join(root, "public")
			if _, err := build(t, out, "index.html"); err != nil {
				t.Fatal(err)
			}
			put(t, filepath.Join(out, ".git", "HEAD"), "ref")
			put(t, filepath.Join(out, "CNAME"), "example.org")
			if step == ".folio-" {
				// The staging folder's rename into place: the name
				// New picks is random; any path with it will do.
				noExchange(t)
				rename = func(from, to string) error {
					if strings.Contains(filepath.Base(from), ".folio-") && !strings.HasSuffix(from, ".old") && to == out {
						return &os.LinkError{Op: "rename", Old: from, New: to, Err: fs.ErrPermission}
					}
					return os.Rename(from, to)
				}
				t.Cleanup(func() { rename = os.Rename })
			} else {
				failRename(t, step)
			}
			if _, err := build(t, out, "index.html", "other.html"); !errors.Is(err, fs.ErrPermission) {
				t.Fatalf("Commit = %v, want the rename's error", err)
			}
			for f, want := range map[string]string{".git/HEAD": "ref", "CNAME": "example.org", "index.html": "new index.html"} {
				if got := read(t, filepath.Join(out, f)); got != want {
					t.Errorf("%s = %q, want %q", f, got, want)
				}
			}
			if _, err := os.Stat(filepath.Join(out, "other.html")); err == nil {
				t.Error("the new output is in place")
			}
			left, _ := filepath.Glob(filepath.Join(root, ".public.folio-*"))
			if len(left) != 0 {
				t.Errorf("left beside: %v", left)
			}
		})
	}
}

// TestAbortKeepsStrandedGit: when .git could not be moved back after a
// failed swap, Abort leaves the staging folder that holds it.
func TestAbortKeepsStrandedGit(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	if _, err := build(t, out, "index.html"); err != nil {
		t.Fatal(err)
	}
	put(t, filepath.Join(out, ".git", "HEAD"), "ref")
	d, err := New(out, false)
	if err != nil {
		t.Fatal(err)
	}
	noExchange(t)
	n := 0
	rename = func(from, to string) error {
		if n++; n == 1 { // .git into the staging folder
			return os.Rename(from, to)
		}
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: fs.ErrPermission}
	}
	t.Cleanup(func() { rename = os.Rename })
	err = d.Commit()
	if err == nil || !strings.Contains(err.Error(), d.Staging()) {
		t.Errorf("Commit = %v, want an error saying where .git is", err)
	}
	if err := d.Abort(); err == nil {
		t.Error("Abort removed the staging folder holding .git")
	}
	if got := read(t, filepath.Join(d.Staging(), ".git", "HEAD")); got != "ref" {
		t.Errorf(".git/HEAD = %q", got)
	}
}

// TestCommitRemoved: what the previous output held that the new one
// lacks is removed, files added by hand included; .git is kept.
func TestCommitRemoved(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, out, "index.html", "gone/index.html", "kept/index.html"); err != nil {
		t.Fatal(err)
	}
	put(t, filepath.Join(out, "CNAME"), "example.org")
	put(t, filepath.Join(out, ".well-known", "x"), "x")
	put(t, filepath.Join(out, ".git", "HEAD"), "ref")
	put(t, filepath.Join(out, "kept", "extra"), "x")
	if _, err := build(t, out, "index.html", "kept/index.html"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"CNAME", ".well-known", "gone", "kept/extra"} {
		if _, err := os.Lstat(filepath.Join(out, f)); err == nil {
			t.Errorf("%s still there", f)
		}
	}
	if _, err := os.Stat(filepath.Join(out, ".git", "HEAD")); err != nil {
		t.Errorf(".git lost: %v", err)
	}
}
