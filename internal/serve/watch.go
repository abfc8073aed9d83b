package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/fsnotify/fsnotify"

	"folio/internal/content"
	"folio/internal/site"
)

// watcher turns the file events under a directory into batches: one
// batch per burst, however many events the burst holds (editors that save
// through a temporary file, a git checkout of many files).
type watcher struct {
	w      *fsnotify.Watcher
	skip   func(path string) bool // directories not to watch (output, .git)
	quiet  time.Duration          // how long a burst must be silent to end
	errors chan error
	// poll is how often a site folder that is gone (moved away, deleted
	// to be cloned again) is looked for: no event says it is back.
	poll time.Duration
	// grace is how much longer a burst that removed a file waits for it
	// to be written again: vim with a backup renames the file away and
	// writes the new one after it, tens of milliseconds later on a slow
	// disk, and a page deleted for that long is a full build, reported
	// errors, and open pages sent through the 404 page. A page emptied
	// waits as long, for the second step of a save in two.
	grace time.Duration
	// stirred counts the events of the sources, as they come, before any
	// burst ends: a build that it changed under may have read a file half
	// written.
	stirred atomic.Int64
}

// errRootGone says that the site's folder was moved away or deleted: the
// watcher waits for it to be back, then watches it anew (errRootBack).
var (
	errRootGone = errors.New("the site's folder is gone (moved or deleted): waiting for it to come back")
	errRootBack = errors.New("the site's folder is back: building the whole site again")
)

func newWatcher(root string, skip func(string) bool, quiet time.Duration) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{w: fw, skip: skip, quiet: quiet, errors: make(chan error, 1), poll: 100 * time.Millisecond, grace: 250 * time.Millisecond}
	if err := w.addTree(root); err != nil {
		fw.Close()
		return nil, err
	}
	return w, nil
}

// addTree watches dir and every directory below it: fsnotify is not
// recursive.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil // vanished or unreadable: nothing to watch
		}
		if !e.IsDir() {
			return nil
		}
		if p != dir && (w.skip(p) || content.NeverRead(e.Name())) {
			return filepath.SkipDir
		}
		return w.w.Add(p)
	})
}

// ignored reports whether an event on p is an editor's scratch file.
func ignored(p string) bool {
	base := filepath.Base(p)
	return strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") ||
		strings.HasPrefix(base, ".#") || base == "4913" || strings.HasSuffix(base, ".tmp")
}

// dropTransient removes from a burst the files it created and removed
// again: the temporary file of an editor's atomic save (or of sed -i),
// renamed over the real one. The site never saw them; keeping them would
// make a one-page save look like a new file, which needs a full build.
func dropTransient(paths []string, created map[string]bool) []string {
	kept := paths[:0]
	for _, p := range paths {
		if created[p] {
			if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
				continue
			}
		}
		kept = append(kept, p)
	}
	return kept
}

// removedFile reports whether a page or configuration file of the burst
// that was there before it (its first event created nothing) is gone now.
// An editor's temporary file, written in an earlier burst and renamed
// over the page in this one, is no page: its going needs no grace (t78:
// 250 ms more on every save where the rename came 10 ms after).
func removedFile(paths []string, created map[string]bool) bool {
	for _, p := range paths {
		if !created[p] && pageOrConfig(p) {
			if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
				return true
			}
		}
	}
	return false
}

// emptiedPage reports whether one of paths is a Markdown file or a
// configuration file that is empty now: most likely one saved in two
// steps, emptied then written, whose writing a slow disk or sync tool has
// not done yet (t58: the empty page was published, and the reader sent
// to its top; t60: a site without its title, between two reloads).
func emptiedPage(paths []string) bool {
	for _, p := range paths {
		if pageOrConfig(p) {
			if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
				return true
			}
		}
	}
	return false
}

// pageOrConfig reports whether p is a Markdown file or one of the files
// folio reads as configuration.
func pageOrConfig(p string) bool {
	return strings.EqualFold(filepath.Ext(p), ".md") || site.IsConfigName(filepath.Base(p))
}

// isDir reports whether p is a directory now.
func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// unwatchAll drops every watch: those of a site folder that is gone watch
// a folder elsewhere, under names that are no longer its.
func (w *watcher) unwatchAll() {
	for _, p := range w.w.WatchList() {
		_ = w.w.Remove(p)
	}
}

// unwatchGone drops the watches of folders no longer where their watch
// says: moved with a folder above them, or deleted.
func (w *watcher) unwatchGone() {
	for _, p := range w.w.WatchList() {
		if !isDir(p) {
			_ = w.w.Remove(p)
		}
	}
}

// report hands err to the server without waiting: a report already
// pending says enough.
func (w *watcher) report(err error) {
	select {
	case w.errors <- err:
	default:
	}
}

// run sends one batch of changed paths per burst of events until ctx ends.
// A nil batch means that anything may have changed: the kernel's queue
// of events overflowed, and the events it dropped are lost, or the site's
// folder was moved or deleted (each burst then tries the build, which
// says why it fails) and is back, watched anew.
func (w *watcher) run(ctx context.Context, root string, batches chan<- []string) {
	defer w.w.Close()
	var pending []string
	// seen maps each path of the burst to whether its first event
	// created it.
	seen := map[string]bool{}
	overflow := false
	// vanished is set when something was renamed or removed in the
	// burst: a folder may have been moved with folders in it.
	vanished := false
	// moved is set when the site's folder itself was moved or deleted in
	// the burst; gone while it is missing, when poll looks for it.
	moved, gone := false, false
	// removed is set when a path of the burst was renamed or removed;
	// graced once the burst waited the grace for it to come back.
	removed, graced := false, false
	var poll <-chan time.Time
	var ticker *time.Ticker
	defer func() {
		if ticker != nil {
			ticker.Stop()
		}
	}()
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-poll:
			if !isDir(root) {
				continue
			}
			// Back: watched anew, and built whole once the burst of its
			// return (a clone writing its files) is over.
			ticker.Stop()
			ticker, poll, gone = nil, nil, false
			_ = w.addTree(root)
			w.report(fmt.Errorf("%s: %w", root, errRootBack))
			overflow = true
			timer.Reset(w.quiet)
		case err, ok := <-w.w.Errors:
			if !ok {
				return
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				overflow = true
				timer.Reset(w.quiet)
			}
			w.report(err)
		case ev, ok := <-w.w.Events:
			if !ok {
				return
			}
			if ev.Name == root {
				if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
					moved = true
					timer.Reset(w.quiet)
				}
				continue
			}
			if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
				vanished = true
			}
			if ignored(ev.Name) || w.skip(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Rename) || ev.Has(fsnotify.Remove) {
				removed = true
			}
			w.stirred.Add(1)
			if _, ok := seen[ev.Name]; !ok {
				seen[ev.Name] = ev.Has(fsnotify.Create)
				pending = append(pending, ev.Name)
			}
			timer.Reset(w.quiet)
		case <-timer.C:
			if !graced && !overflow && !moved && (removed && removedFile(pending, seen) || emptiedPage(pending)) {
				graced = true
				timer.Reset(w.grace)
				continue
			}
			removed, graced = false, false
			if !isDir(root) {
				// Moved away or deleted: the watches left watch it where it
				// went. The build is tried, and says why it fails; the
				// folder is looked for until it is back.
				if !gone {
					gone = true
					w.unwatchAll()
					w.report(fmt.Errorf("%s: %w", root, errRootGone))
					ticker = time.NewTicker(w.poll)
					poll = ticker.C
				}
				moved, overflow = false, true
			} else if moved {
				// Moved or deleted, and back already: maybe another folder
				// (a new clone) under the same name.
				w.unwatchAll()
				moved, overflow = false, true
			}
			// The directories of the burst are watched once it is over: a
			// folder renamed in it has been moved out of its old watch by
			// then (fsnotify drops the watch of a moved directory, which
			// is also the new name's if it was added before). The folders
			// under it keep their watches under the old name, which
			// events would carry: those go first, to be made again
			// under the new one.
			if vanished {
				w.unwatchGone() // a stat per watched folder: not on every save
				vanished = false
			}
			for _, p := range pending {
				if st, err := os.Lstat(p); err == nil && st.IsDir() {
					_ = w.addTree(p)
				}
			}
			var batch []string
			if overflow {
				if !gone {
					_ = w.addTree(root) // watches may be missing too
				}
			} else {
				batch = dropTransient(pending, seen)
				if len(batch) == 0 {
					pending, seen = nil, map[string]bool{}
					continue
				}
			}
			select {
			case batches <- batch:
			case <-ctx.Done():
				return
			}
			pending, seen, overflow = nil, map[string]bool{}, false
		}
	}
}
