package history

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
)

// workTree finds, without running git, the work tree holding the site
// folder dir, as git finds it: the nearest folder, from dir up, that holds
// a .git (a git folder, or a file naming one, in a linked work tree or a
// submodule), without going up into a folder of GIT_CEILING_DIRECTORIES,
// which command keeps for git too. It returns dir relative to the top of
// the work tree: "", or a slash path ending in "/".
//
// git log, which runs next, looks again; when it sees otherwise (a
// repository of another user, a file system boundary), it fails, and log
// says so (see unavailable).
//
// It also returns the git folder, where HEAD names the branch checked
// out. When there is no work tree, the error is an *Unavailable whose
// DotGit says whether a .git was seen on the way up all the same.
func workTree(dir string) (prefix, gitDir string, err error) {
	abs, err := filepath.Abs(dir)
	if err == nil {
		// git works in the real path of its folder.
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return "", "", &Unavailable{Reason: NotWorkTree, Detail: err.Error()}
	}
	ceiling := gitCeiling(abs)
	seen := false
	for d := abs; ; {
		dotGit := filepath.Join(d, ".git")
		fi, err := os.Stat(dotGit)
		seen = seen || err == nil
		switch {
		case err != nil:
		case fi.Mode().IsRegular():
			// git stops at any .git file: it names the git folder, or
			// git fails.
			b, err := os.ReadFile(dotGit)
			name, ok := bytes.CutPrefix(bytes.TrimSpace(b), []byte("gitdir: "))
			if err != nil || !ok || len(bytes.TrimSpace(name)) == 0 {
				return "", "", &Unavailable{Reason: NotWorkTree, Detail: "invalid gitfile format: " + dotGit, DotGit: true}
			}
			gitDir := string(bytes.TrimSpace(name))
			if !filepath.IsAbs(gitDir) {
				gitDir = filepath.Join(d, gitDir)
			}
			return relPrefix(d, abs), gitDir, nil
		case fi.IsDir() && isGitDir(dotGit):
			return relPrefix(d, abs), dotGit, nil
		}
		if isGitDir(d) {
			// dir is in a git folder, or in a bare repository.
			return "", "", &Unavailable{Reason: NotWorkTree, DotGit: seen}
		}
		parent := filepath.Dir(d)
		if parent == d || !below(parent, ceiling) {
			return "", "", &Unavailable{Reason: NotWorkTree, DotGit: seen}
		}
		d = parent
	}
}

// headBranch returns the branch that the HEAD of the git folder gitDir
// names, "" when HEAD is detached or cannot be read.
func headBranch(gitDir string) string {
	b, err := os.ReadFile(filepath.Join(gitDir, "HEAD"))
	if err != nil {
		return ""
	}
	ref, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "ref: refs/heads/")
	if !ok {
		return ""
	}
	return ref
}

// relPrefix returns dir relative to top, as Repo.Prefix.
func relPrefix(top, dir string) string {
	rel, err := filepath.Rel(top, dir)
	if err != nil || rel == "." {
		return ""
	}
	return filepath.ToSlash(rel) + "/"
}

// isGitDir reports whether dir is a git folder, by git's own test: a HEAD
// that names a branch or a commit, and the objects and refs folders, in
// the common folder of a linked work tree.
func isGitDir(dir string) bool {
	head := filepath.Join(dir, "HEAD")
	fi, err := os.Lstat(head)
	if err != nil {
		return false
	}
	if fi.Mode().IsRegular() {
		b, err := os.ReadFile(head)
		b = bytes.TrimSpace(b)
		if err != nil || !bytes.HasPrefix(b, []byte("ref:")) && !isHash(b) {
			return false
		}
	} else if fi.Mode()&os.ModeSymlink == 0 {
		return false
	}
	common := dir
	if b, err := os.ReadFile(filepath.Join(dir, "commondir")); err == nil {
		common = strings.TrimRight(string(b), "\r\n")
		if !filepath.IsAbs(common) {
			common = filepath.Join(dir, common)
		}
	}
	for _, sub := range []string{"objects", "refs"} {
		if fi, err := os.Stat(filepath.Join(common, sub)); err != nil || !fi.IsDir() {
			return false
		}
	}
	return true
}

// gitCeiling returns the deepest folder of GIT_CEILING_DIRECTORIES above
// dir (a real path), which git does not look into, or "" when none is.
// As in git, relative entries are ignored, and the entries after an
// empty one are taken as they are rather than resolved.
func gitCeiling(dir string) string {
	var ceiling string
	resolve := true
	for _, c := range filepath.SplitList(os.Getenv("GIT_CEILING_DIRECTORIES")) {
		if c == "" {
			resolve = false
			continue
		}
		if !filepath.IsAbs(c) {
			continue
		}
		if resolve {
			var err error
			if c, err = filepath.EvalSymlinks(c); err != nil {
				continue
			}
		}
		c = filepath.Clean(c)
		if below(dir, c) && len(c) > len(ceiling) {
			ceiling = c
		}
	}
	return ceiling
}

// below reports whether dir is strictly inside the folder ceiling; any
// folder is when ceiling is "".
func below(dir, ceiling string) bool {
	if ceiling == "" {
		return true
	}
	if !strings.HasSuffix(ceiling, string(filepath.Separator)) {
		ceiling += string(filepath.Separator)
	}
	return len(dir) > len(ceiling) && strings.HasPrefix(dir, ceiling)
}
