package site

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestSessionEmptyParentSummary: an empty parent page lists its children
// as SUMMARY.md has them; after a session relabels a child and moves
// another page under the parent, the parent shows what a full build
// shows (the session put it in a new frame around its old body, with the
// old cards; it now asks for a full build).
func TestSessionEmptyParentSummary(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Parent](parent.md)\n  * [Child](child.md)\n* [Other](other.md)\n",
		"README.md":  "# Home\n\nHi.\n",
		"parent.md":  "# Parent\n",
		"child.md":   "# Child\n\nText.\n",
		"other.md":   "# Other\n\nText.\n",
	})
	opts := Options{Dir: dir, NoMinify: true, Dev: true}
	ss, out := builtSession(t, opts)
	sum := filepath.Join(dir, "SUMMARY.md")
	if err := os.WriteFile(sum, []byte("# S\n\n* [Home](README.md)\n* [Parent](parent.md)\n  * [Renamed kid](child.md)\n  * [Other](other.md)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Update may ask for a full build (false), which the preview then runs.
	if _, ok, err := ss.Update(context.Background(), []string{sum}); err != nil {
		t.Fatal(err)
	} else if !ok {
		if _, err := ss.Build(context.Background(), out); err != nil {
			t.Fatal(err)
		}
	}
	ss.search.Wait()
	full := filepath.Join(t.TempDir(), "full")
	opts.Out = full
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	got, want := readTree(t, out)["parent/index.html"], readTree(t, full)["parent/index.html"]
	if !strings.Contains(string(want), "Renamed kid") || !strings.Contains(string(want), `href="../other/"`) {
		t.Fatalf("a full build's parent page lacks its new cards:\n%s", want)
	}
	if string(got) != string(want) {
		t.Errorf("the session's parent page differs from a full build's:\n%s\n----\n%s", got, want)
	}
}

// TestSessionLaterOwnErrors: what the writing after an update fails with
// is reported by the next result, once, even when it fails before the
// update's own result is made (TestSessionLaterError saw it twice, now
// and then, on a loaded machine).
func TestSessionLaterOwnErrors(t *testing.T) {
	ss := &Session{gen: 1}
	ss.later(func() error { return errors.New("write print/index.html: not a directory") })
	ss.search.Wait() // it failed before this update's result
	if ds := ss.laterDiags(); len(ds) != 0 {
		t.Errorf("the update's own result reports its later failure: %v", ds)
	}
	ss.gen++ // the next update
	if ds := ss.laterDiags(); len(ds) != 1 {
		t.Errorf("the next result reports %d failures, want 1: %v", len(ds), ds)
	}
	if ds := ss.laterDiags(); len(ds) != 0 {
		t.Errorf("a failure reported twice: %v", ds)
	}
}
