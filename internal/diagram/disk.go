package diagram

import (
	"cmp"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// disk keeps drawings between processes, in files named by their key:
// starting the renderer costs about a second (compiling the bundle) and
// each drawing some milliseconds to a second, while a stored drawing reads
// in microseconds. Only drawings are stored; errors are found again.
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

// stored is a Diagram as written to disk.
type stored struct {
	Kind, Title, Label, KindName string
	Ignored                      []string
	IgnoredAt                    []int
	Parts, Texts                 []string
}

func (k disk) path(key [32]byte) string {
	return filepath.Join(k.dir, hex.EncodeToString(key[:]))
}

func (k disk) load(key [32]byte) (*Diagram, bool) {
	if k.dir == "" {
		return nil, false
	}
	b, err := os.ReadFile(k.path(key))
	if err != nil {
		return nil, false
	}
	now := time.Now()
	_ = os.Chtimes(k.path(key), now, now) // used: kept by trim
	var s stored
	if json.Unmarshal(b, &s) != nil || len(s.Parts) == 0 || len(s.IgnoredAt) != len(s.Ignored) {
		// A damaged file, or one written before the features had their
		// lines: draw again.
		return nil, false
	}
	return &Diagram{Kind: s.Kind, Title: s.Title, Label: s.Label, KindName: s.KindName, Ignored: s.Ignored, IgnoredAt: s.IgnoredAt,
		drawing: &drawing{parts: s.Parts, texts: s.Texts}}, true
}

// save writes a drawing; failing to is no error, the cache only saves time.
func (k disk) save(key [32]byte, d *Diagram) {
	if k.dir == "" || d == nil || d.drawing == nil {
		return
	}
	b, err := json.Marshal(stored{Kind: d.Kind, Title: d.Title, Label: d.Label, KindName: d.KindName, Ignored: d.Ignored, IgnoredAt: d.IgnoredAt,
		Parts: d.drawing.parts, Texts: d.drawing.texts})
	if err != nil || os.MkdirAll(k.dir, 0o755) != nil {
		return
	}
	if k.prune != nil {
		k.prune.Do(func() { trim(k.dir, diskMax, diskKeep) })
	}
	tmp := fmt.Sprintf("%s.%d.tmp", k.path(key), os.Getpid())
	if os.WriteFile(tmp, b, 0o644) == nil {
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
