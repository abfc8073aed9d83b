package linkcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// cacheVersion changes when the file format does; files of another version are ignored.
const cacheVersion = 1

// cacheFile is the JSON layout of Options.CacheFile.
type cacheFile struct {
	Version int     `json:"version"`
	Entries []entry `json:"entries"`
}

// entry is what is remembered of one URL.
type entry struct {
	URL     string    `json:"url"`
	Status  int       `json:"status"`
	Checked time.Time `json:"checked"`
	Err     string    `json:"error,omitempty"`
}

// fresh reports whether e may stand for a request made at now.
func (e entry) fresh(now time.Time, o Options) bool {
	age := now.Sub(e.Checked)
	limit := o.FailAge
	if (Result{Status: e.Status, Err: e.Err}).OK() {
		limit = o.MaxAge
	}
	// A check from the future (clock moved back) is not trusted.
	return age >= 0 && age < limit
}

// loadCache reads the cache file. A missing, unreadable or malformed file is an empty
// cache: it only costs requests, and the file is rewritten afterwards.
func loadCache(path string) map[string]entry {
	m := make(map[string]entry)
	data, err := os.ReadFile(path)
	if err != nil {
		return m
	}
	var f cacheFile
	if json.Unmarshal(data, &f) != nil || f.Version != cacheVersion {
		return m
	}
	for _, e := range f.Entries {
		if e.URL != "" {
			m[e.URL] = e
		}
	}
	return m
}

// saveCache writes the entries still fresh at now, sorted by URL so that the file is
// deterministic, replacing the file atomically.
func saveCache(path string, m map[string]entry, now time.Time, o Options) error {
	f := cacheFile{Version: cacheVersion, Entries: []entry{}}
	for _, e := range m {
		if e.fresh(now, o) {
			e.Checked = e.Checked.UTC().Truncate(time.Second)
			f.Entries = append(f.Entries, e)
		}
	}
	slices.SortFunc(f.Entries, func(a, b entry) int { return strings.Compare(a.URL, b.URL) })
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("link cache: %w", err)
	}
	data = append(data, '\n')
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("link cache: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".linkcheck-*.json")
	if err != nil {
		return fmt.Errorf("link cache: %w", err)
	}
	// CreateTemp makes the file private; the cache holds nothing secret.
	werr := tmp.Chmod(0o644)
	if werr == nil {
		_, werr = tmp.Write(data)
	}
	cerr := tmp.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(tmp.Name(), path)
	}
	if werr != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("link cache: %w", werr)
	}
	return nil
}
