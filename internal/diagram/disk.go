package diagram

import (
	"cmp"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// disk keeps the renderer's drawings between processes, in files named by
// their key: starting the renderer costs about a second (compiling the
// bundle) and each drawing some milliseconds to a second, while a stored
// drawing reads in microseconds. Only the renderer's SVG is stored, as it
// drew it: the process cleans and labels it again (finish), so what a
// file holds reaches a page only as clean lets it (t89: a drawing edited
// on disk was inlined as it was, script and all). Errors are found again.
type disk struct {
	dir   string     // "" stores nothing
	prune *sync.Once // the first save of the process bounds the folder (trim)
}

// diskMax is the number of drawings past which the folder is trimmed to
// diskKeep, the most recently used kept: each book a user builds adds its
// diagrams, and nothing else ever removed them (t48: 5,000 files, 18 MB,
// from one tester's runs). A drawing used is touched (load).
const (
	diskMax  = 10000
	diskKeep = 8000
)

func (k disk) path(key [32]byte) string {
	return filepath.Join(k.dir, hex.EncodeToString(key[:]))
}

// load returns the renderer's drawing stored under key.
func (k disk) load(key [32]byte) (string, bool) {
	if k.dir == "" {
		return "", false
	}
	b, err := os.ReadFile(k.path(key))
	if err != nil || len(b) == 0 || len(b) > maxSVG {
		return "", false
	}
	now := time.Now()
	_ = os.Chtimes(k.path(key), now, now) // used: kept by trim
	return string(b), true
}

// save writes the renderer's drawing; failing to is no error, the cache
// only saves time.
func (k disk) save(key [32]byte, svg string) {
	if k.dir == "" || svg == "" || os.MkdirAll(k.dir, 0o755) != nil {
		return
	}
	if k.prune != nil {
		k.prune.Do(func() { trim(k.dir, diskMax, diskKeep) })
	}
	tmp := fmt.Sprintf("%s.%d.tmp", k.path(key), os.Getpid())
	if os.WriteFile(tmp, []byte(svg), 0o644) == nil {
		_ = os.Rename(tmp, k.path(key))
	}
}

// trim removes, when dir holds more than most files, the least recently
// used until keep are left. Failing to is no error: the cache only saves
// time.
func trim(dir string, most, keep int) {
	es, err := os.ReadDir(dir)
	if err != nil || len(es) <= most {
		return
	}
	type file struct {
		name string
		used time.Time
	}
	var fs []file
	for _, e := range es {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			fs = append(fs, file{e.Name(), info.ModTime()})
		}
	}
	slices.SortFunc(fs, func(a, b file) int { return cmp.Or(a.used.Compare(b.used), strings.Compare(a.name, b.name)) })
	for _, f := range fs[:max(0, len(fs)-keep)] {
		_ = os.Remove(filepath.Join(dir, f.name))
	}
}

// userDir is where the process's renderer keeps drawings: folio/diagrams
// in the user's cache directory, "" when there is none.
func userDir() string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "folio", "diagrams")
}
