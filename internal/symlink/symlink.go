// Package symlink tells where a path leads once its symbolic links are
// followed, and whether that is inside a folder: a repository's links must
// not bring a file of the machine it is built on into the site, nor send
// its output out of it.
package symlink

import (
	"os"
	"path/filepath"
)

// Inside reports whether the folder or file p is in the folder top, or is
// it, once the symbolic links of both are followed.
func Inside(p, top string) bool {
	rel, err := filepath.Rel(Resolve(top), Resolve(p))
	return err == nil && filepath.IsLocal(rel)
}

// Resolve is p with its symbolic links resolved, as far as it exists: a
// link to a directory not made yet leads to that directory.
func Resolve(p string) string {
	for range 40 { // links to links, as the kernel follows them
		rest := ""
		q := p
		for {
			if _, err := os.Lstat(q); err == nil {
				break
			}
			if q == filepath.Dir(q) {
				return p
			}
			rest = filepath.Join(filepath.Base(q), rest)
			q = filepath.Dir(q)
		}
		if r, err := filepath.EvalSymlinks(q); err == nil {
			return filepath.Join(r, rest)
		}
		// A link whose target does not exist (yet): follow it by hand.
		to, err := os.Readlink(q)
		if err != nil {
			return p
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(q), to)
		}
		p = filepath.Join(to, rest)
	}
	return p
}
