// Package output writes a site: into a staging directory beside the final
// one, minifying what it writes, and then swaps the staging directory in
// whole, so that a failed or interrupted build never leaves half a site.
package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// Dir is a staging directory that becomes the output directory on Commit.
type Dir struct {
	final   string // the output directory
	staging string
	m       *minify.M // nil: no minification
	inPlace bool      // writing into a live directory: see Open
	// folders is what MakeFolders makes, each with its parents: a file
	// written in one waits for it rather than making it.
	folders atomic.Pointer[folderPlan]
	// holdsGit: a failed Commit could not move the previous output's
	// .git back, and Abort leaves the staging folder that holds it.
	holdsGit bool
	// madeParents are the folders New made above the output, innermost
	// first.
	madeParents []string
	// inside: the output is a mount point (a container's volume), which
	// cannot be renamed: the staging folder is inside it, and Commit
	// moves the files instead of the folder.
	inside bool
	// lock is held on the staging folder while the build runs: a later
	// build removes a staging folder no process holds, a killed build's.
	lock *os.File
}

// folderPlan is the folders MakeFolders makes, in order, parents first,
// on a goroutine of its own beside the writers.
type folderPlan struct {
	at   map[string]int // a folder's place in the order; read-only
	made atomic.Int64   // how many, from the first, exist
	mu   sync.Mutex
	cond sync.Cond     // signalled as folders are made
	err  error         // why the folder at place made could not be made
	done chan struct{} // closed once the goroutine ends
}

// ready waits until the folder at place i exists.
func (fp *folderPlan) ready(i int) error {
	if int64(i) < fp.made.Load() {
		return nil
	}
	fp.mu.Lock()
	defer fp.mu.Unlock()
	for int64(i) >= fp.made.Load() && fp.err == nil {
		fp.cond.Wait()
	}
	if int64(i) < fp.made.Load() {
		return nil
	}
	return fp.err
}

// wait waits for the goroutine of the last MakeFolders, if any, to end.
func (d *Dir) wait() {
	if fp := d.folders.Load(); fp != nil {
		<-fp.done
	}
}

// Open returns a Dir that writes into the existing directory out, for the
// live preview's updates of a few pages: each file is written beside its
// place and renamed over it, so a reader never sees half a file. Commit
// and Abort do nothing.
func Open(out string, minifyOutput bool) *Dir {
	d := &Dir{final: out, staging: out, inPlace: true}
	if minifyOutput {
		d.m = minifier
	}
	return d
}

// mkdirTemp is os.MkdirTemp, which tests make fail.
var mkdirTemp = os.MkdirTemp

// New creates a staging directory next to out. out's parent must exist or
// be creatable.
func New(out string, minifyOutput bool) (*Dir, error) {
	out = filepath.Clean(out)
	parent := filepath.Dir(out)
	// The folders made for it, innermost first: Abort removes them, as a
	// failed build leaves nothing behind.
	var made []string
	for p := parent; ; p = filepath.Dir(p) {
		if _, err := os.Lstat(p); err == nil || filepath.Dir(p) == p {
			break
		}
		made = append(made, p)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create output parent: %w", err)
	}
	d := &Dir{final: out, madeParents: made}
	stagingIn, prefix := parent, stagingPrefix(filepath.Base(out))
	// Lstat: an output that is a symbolic link is replaced, never followed
	// (Commit), be its folder a mount point.
	if fi, err := os.Lstat(out); err == nil && fi.IsDir() && mountPoint(out) {
		d.inside, stagingIn, prefix = true, out, insidePrefix
	}
	staging, err := mkdirTemp(stagingIn, prefix)
	if errors.Is(err, fs.ErrPermission) && !d.inside {
		// The output's folder may be written, not the one above it (a
		// deploy user's /var/www/handbook under root's /var/www, t63):
		// the staging folder goes inside, as for a mount point.
		if fi, lerr := os.Lstat(out); lerr == nil && fi.IsDir() {
			d.inside, stagingIn, prefix = true, out, insidePrefix
			staging, err = mkdirTemp(stagingIn, prefix)
		}
	}
	if err == nil {
		// MkdirTemp makes it 0700: it gets the mode of the folders inside
		// it, which the umask gives, as the files do (t91: a 0755 top over
		// 0700 folders and 0600 pages under umask 077).
		var masked fs.FileMode
		if masked, err = umaskIn(staging); err == nil {
			err = os.Chmod(staging, 0o755&^masked)
		}
	}
	if err != nil {
		if staging != "" {
			_ = os.Remove(staging)
		}
		d.removeMadeParents()
		return nil, fmt.Errorf("create staging directory: %w", err)
	}
	d.staging = staging
	d.lock, _ = lockDir(staging) // without it, its age tells (removeStale)
	removeStale(out, stagingIn, prefix, staging)
	if minifyOutput {
		d.m = minifier
	}
	return d, nil
}

// staleAfter is the age past which a staging directory beside the output
// is a killed build's (SIGKILL, the kernel's out-of-memory killer), not
// one still being written: a build of thousands of pages takes seconds.
// One that no process holds (lockDir) is a killed build's once older than
// unlockedAfter, which leaves a build the moment between making its
// folder and locking it.
const (
	staleAfter    = time.Hour
	unlockedAfter = 10 * time.Second
)

// removeStale removes the staging directories of earlier builds of out
// (in dir, named prefix…) that were killed before they could remove them,
// but for mine: they would pile up beside the output, a copy of the site
// each.
func removeStale(out, dir, prefix, mine string) {
	old, _ := filepath.Glob(filepath.Join(dir, globEscape(prefix)+"*"))
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		// A build killed between Commit's two renames left the previous
		// output aside, and none in place: the newest goes back.
		var back string
		var at time.Time
		for _, p := range old {
			if fi, err := os.Lstat(p); err == nil && fi.IsDir() && strings.HasSuffix(p, ".old") && fi.ModTime().After(at) {
				back, at = p, fi.ModTime()
			}
		}
		if back != "" {
			_ = rename(back, out) // else it is removed as stale in time
		}
	}
	for _, p := range old {
		if strings.HasPrefix(filepath.Base(p), insideOld) {
			continue // the previous files of a commit killed midway: the only copy
		}
		fi, err := os.Lstat(p)
		if err != nil || p == mine || !fi.IsDir() {
			continue
		}
		if _, err := os.Lstat(filepath.Join(p, gitName)); err == nil {
			// The previous output's .git, which a failed or killed
			// commit left there (holdsGit): maybe its only copy (review).
			continue
		}
		if age := time.Since(fi.ModTime()); age > staleAfter || age > unlockedAfter && unlocked(p) {
			_ = removeAll(p) // what cannot be removed stays: it was not ours
		}
	}
}

// globEscape escapes the characters filepath.Match reads as a pattern.
func globEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(`*?[\`, r) {
			b.WriteRune('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Staging returns the directory being written.
func (d *Dir) Staging() string { return d.staging }

// htmlMinifier keeps the document structure and end tags: the output
// stays valid HTML that other tools can parse.
var htmlMinifier = &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepDefaultAttrVals: true, KeepSpecialComments: true}

// minifier serves every build of the process: it is safe for concurrent
// use, and its set-up (regular expressions) is done once.
var minifier = newMinifier()

func newMinifier() *minify.M {
	m := minify.New()
	m.Add("text/html", htmlMinifier)
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return m
}

// MinifyTemplate minifies the source of an HTML template, keeping its
// {{ … }} actions intact.
func MinifyTemplate(src []byte) ([]byte, error) {
	return templateMinifier.Bytes("text/html", src)
}

var templateMinifier = func() *minify.M {
	m := minify.New()
	h := *htmlMinifier
	h.TemplateDelims = html.GoTemplateDelims
	m.Add("text/html", &h)
	return m
}()

var mediaTypes = map[string]string{
	".html": "text/html",
	".css":  "text/css",
	".js":   "application/javascript",
	".svg":  "image/svg+xml",
	".json": "application/json",
	".xml":  "text/xml",
}

// maxEntities is the number of & in an HTML file above which it is not
// minified (see Minify): a long page of code has a few thousand.
const maxEntities = 50_000

// Minify returns b minified according to the extension of name, or b
// unchanged when minification is off or the type is not minified.
func (d *Dir) Minify(name string, b []byte) ([]byte, error) {
	mt, ok := mediaTypes[strings.ToLower(path.Ext(name))]
	if d.m == nil || !ok {
		return b, nil
	}
	if mt == "text/html" && bytes.Count(b, []byte("&")) > maxEntities {
		// The minifier decodes each entity of a text by moving the rest
		// of the text: its time grows with their number times the text's
		// length (480,000 &amp; in a page took a minute, and a build
		// cannot be stopped inside it). Such a page is written as it is.
		return b, nil
	}
	out, err := d.m.Bytes(mt, b)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	return out, nil
}

// path returns the staging path of a site path, refusing paths that would
// escape the output directory.
func (d *Dir) path(name string) (string, error) {
	c := path.Clean("/" + name)
	if c == "/" || strings.Contains(name, "\x00") {
		return "", fmt.Errorf("invalid output path %q", name)
	}
	return filepath.Join(d.staging, filepath.FromSlash(c[1:])), nil
}

// MakeFolders makes the folders of the site paths names (each file's
// folder, with its parents), each with one system call, parents first
// and in the order of names, on a goroutine of its own: a file written
// in one of them waits until it exists, rather than making it, and the
// writers need not wait for the folders of pages after theirs. (Making
// a folder is kernel work that costs tens of microseconds where a
// previous output was just deleted: a 700-page site's folders took
// 30–80 ms while the other core had nothing to do.) Files written in
// other folders make their own. Commit and Abort wait for the goroutine.
// A second call waits for the first's folders.
func (d *Dir) MakeFolders(names []string) error {
	d.wait()
	at := map[string]int{}
	if old := d.folders.Load(); old != nil {
		if old.err != nil {
			return old.err
		}
		for dir := range old.at {
			at[dir] = -1 // made
		}
	}
	var dirs []string
	var chain []string
	for _, name := range names {
		p, err := d.path(name)
		if err != nil {
			return err
		}
		chain = chain[:0]
		for dir := filepath.Dir(p); len(dir) > len(d.staging); dir = filepath.Dir(dir) {
			if _, ok := at[dir]; ok {
				break
			}
			chain = append(chain, dir)
		}
		for _, dir := range slices.Backward(chain) { // parents first
			at[dir] = len(dirs)
			dirs = append(dirs, dir)
		}
	}
	fp := &folderPlan{at: at, done: make(chan struct{})}
	fp.cond.L = &fp.mu
	d.folders.Store(fp)
	go func() {
		defer close(fp.done)
		for _, dir := range dirs {
			err := os.Mkdir(dir, 0o755)
			if err != nil && !errors.Is(err, fs.ErrExist) {
				fp.mu.Lock()
				fp.err = fmt.Errorf("create output folder: %w", err)
				fp.cond.Broadcast()
				fp.mu.Unlock()
				return
			}
			fp.made.Add(1)
			fp.mu.Lock()
			fp.cond.Broadcast()
			fp.mu.Unlock()
		}
	}()
	return nil
}

// folderReady waits for dir when MakeFolders makes it, and tells whether
// it did.
func (d *Dir) folderReady(dir string) (bool, error) {
	fp := d.folders.Load()
	if fp == nil {
		return false, nil
	}
	i, ok := fp.at[dir]
	if !ok {
		return false, nil
	}
	if i < 0 {
		return true, nil
	}
	return true, fp.ready(i)
}

// mkdir makes dir and its parents. Most pages are a folder of their own
// in a folder that exists: one mkdir call does, where os.MkdirAll would
// first look at the folder and its parent.
func mkdir(dir string) error {
	err := os.Mkdir(dir, 0o755)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return nil
	}
	return os.MkdirAll(dir, 0o755)
}

// umaskIn returns the permission bits the process's umask takes from a
// folder made in dir, by making one: syscall.Umask would change it, for
// every thread, to read it.
func umaskIn(dir string) (fs.FileMode, error) {
	p := filepath.Join(dir, ".umask")
	if err := os.Mkdir(p, 0o777); err != nil {
		return 0, err
	}
	fi, err := os.Stat(p)
	if rerr := os.Remove(p); err == nil {
		err = rerr
	}
	if err != nil {
		return 0, err
	}
	return 0o777 &^ fi.Mode().Perm(), nil
}

// MinifyFile returns b minified as a build minifies the file name (by its
// extension), or b unchanged for types that are not minified.
func MinifyFile(name string, b []byte) ([]byte, error) {
	return (&Dir{m: minifier}).Minify(name, b)
}

// Minifying reports whether the directory minifies what it writes.
func (d *Dir) Minifying() bool { return d.m != nil }

// Write minifies b (by the name's extension) and writes it at the site
// path name.
func (d *Dir) Write(name string, b []byte) error {
	b, err := d.Minify(name, b)
	if err != nil {
		return err
	}
	return d.WriteRaw(name, b)
}

// WriteRaw writes b at the site path name as it is.
func (d *Dir) WriteRaw(name string, b []byte) error {
	p, err := d.path(name)
	if err != nil {
		return err
	}
	dir := filepath.Dir(p)
	planned, err := d.folderReady(dir)
	if err == nil && !planned {
		err = mkdir(dir)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if d.inPlace {
		tmp := p + ".folio-tmp"
		if err := os.WriteFile(tmp, b, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		if err := os.Rename(tmp, p); err != nil {
			_ = os.Remove(tmp)
			return fmt.Errorf("write %s: %w", name, err)
		}
		return nil
	}
	if err := writeNew(p, b); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// writeNew writes b into a new file p. A file already there is an asset
// published at the same place (a hard link to the content): it is
// removed first, never written through.
func writeNew(p string, b []byte) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		if err := os.Remove(p); err != nil {
			return err
		}
		f, err = os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	return errors.Join(err, f.Close())
}

// Link publishes the file src at the site path name. It makes a hard link
// when it can (same file system: no bytes copied) and copies otherwise.
// A file already at name (one folio wrote) stays: the error then wraps
// fs.ErrExist.
func (d *Dir) Link(name, src string) error {
	p, err := d.path(name)
	if err != nil {
		return err
	}
	if d.inPlace {
		if _, err := os.Lstat(p); err == nil {
			return nil // published already: assets change through a full build
		}
	}
	// A hard link to a symbolic link is that link, not its file: the
	// site would hold a link, relative to the content, that leads nowhere.
	if fi, err := os.Lstat(src); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		real, err := filepath.EvalSymlinks(src)
		if err != nil {
			return fmt.Errorf("publish %s: %w", name, err)
		}
		src = real
	}
	// A hard link needs no right to read its file: one the build cannot
	// read, nor likely the web server, was published all the same, where
	// a copy (another file system) fails (t91).
	f, err := os.Open(src)
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("publish %s: %w: %w", name, ErrSource, err)
	}
	if err == nil {
		f.Close()
	}
	// Assets share a few folders: the folder is made when the link finds
	// it missing, not before every link.
	err = os.Link(src, p)
	if errors.Is(err, fs.ErrNotExist) {
		if err := mkdir(filepath.Dir(p)); err != nil {
			return fmt.Errorf("publish %s: %w", name, err)
		}
		err = os.Link(src, p)
	}
	if err == nil {
		return nil
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("publish %s: %w", name, err)
	}
	// Another file system, or none that links: the folder is there (the
	// link got past it), the file is copied.
	return copyFile(p, src)
}

// Remove removes the file at the site path name from a directory written
// in place (a live preview's), and the folders it leaves empty: a page
// that no longer uses an image or writes a feed leaves no file a build
// would not write. A file already gone is no error.
func (d *Dir) Remove(name string) error {
	if !d.inPlace {
		return fmt.Errorf("remove %s: not a live directory", name)
	}
	p, err := d.path(name)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", name, err)
	}
	root := filepath.Clean(d.staging)
	for dir := filepath.Dir(p); strings.HasPrefix(dir, root+string(filepath.Separator)); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break // not empty: the rest is in use
		}
	}
	return nil
}

// ErrSource is the error of Link when the file to publish cannot be read
// (no permission): the file's fault, not the output's, which the build
// reports at the file and goes on without.
var ErrSource = errors.New("cannot be read")

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("copy %s: %w: %w", src, ErrSource, err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copy %s: %w", src, err)
	}
	if err := out.Close(); err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return nil
}

// Commit replaces the output directory with the staging directory. The
// previous output is moved aside first and removed only once the new one
// is in place. The new output is in place when the error wraps
// ErrLeftOver: only the previous one could not be removed.
//
// The previous output's top-level version-control entry, .git (a
// repository's folder, or a worktree's file), is moved into the new
// output before the swap, by a rename: a gh-pages checkout in the output
// folder stays one, and git there sees what the build changed. If it
// cannot be moved, Commit fails and the previous output stays in place
// with it. Whatever else the previous output held is removed with it:
// without a list of what the last build wrote, a file added by hand (a
// CNAME) cannot be told from a page since deleted, so neither is named.
func (d *Dir) Commit() error {
	d.wait()
	if d.inPlace {
		return nil
	}
	defer d.unlock()
	if d.inside {
		return d.commitInside()
	}
	fi, err := os.Lstat(d.final)
	if errors.Is(err, fs.ErrNotExist) {
		if err := rename(d.staging, d.final); err != nil {
			return fmt.Errorf("replace %s: %w", d.final, err)
		}
		return nil
	} else if err != nil {
		return fmt.Errorf("replace %s: %w", d.final, err)
	}
	// A symbolic link is replaced, never followed: the folder it leads
	// to stays as it is, .git and all, and nothing in it is removed.
	real := fi.IsDir()
	kept := false // the previous output's .git is in the staging folder
	if real {
		if kept, err = d.keepGit(); err != nil {
			return err
		}
	}
	// undo moves .git back into the folder at dir, the previous output.
	undo := func(dir string) error {
		if !kept {
			return nil
		}
		if err := rename(filepath.Join(d.staging, gitName), filepath.Join(dir, gitName)); err != nil {
			// Abort must not remove it with the staging folder.
			d.holdsGit = true
			return fmt.Errorf("%s is left in %s: move it back by hand: %w", gitName, d.staging, err)
		}
		return nil
	}
	// Where the system swaps the two at once, a web server reading the
	// folder never finds it missing, not even between two renames.
	old := d.staging + ".old"
	if err := exchange(d.staging, d.final); err == nil {
		prev := d.staging // now the previous output
		if rename(prev, old) == nil {
			prev = old // named as such, if left over
		}
		if err := removeOld(prev); err != nil {
			return fmt.Errorf("%w: %s: %w", ErrLeftOver, prev, err)
		}
		return nil
	}
	if err := rename(d.final, old); err != nil {
		return errors.Join(fmt.Errorf("replace %s: %w", d.final, err), undo(d.final))
	}
	if err := rename(d.staging, d.final); err != nil {
		err = fmt.Errorf("replace %s: %w", d.final, err)
		if err2 := rename(old, d.final); err2 != nil {
			return errors.Join(err, fmt.Errorf("the previous output is in %s: %w", old, err2), undo(old))
		}
		return errors.Join(err, undo(d.final))
	}
	if err := removeOld(old); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrLeftOver, old, err)
	}
	return nil
}

// gitName is the version-control entry a build keeps at the top of the
// output folder.
const gitName = ".git"

// stagingPrefix begins the name of the staging folder New makes beside
// the output folder named out.
func stagingPrefix(out string) string { return "." + out + ".folio-" }

// IsStaging reports whether name, a base name, is a folder a build makes
// beside the output folder named out (its staging folder, or a killed
// build's), or, for out "", beside any output or inside one: what the
// content and a preview's watcher are not to read.
func IsStaging(name, out string) bool {
	if out == "" {
		return strings.HasPrefix(name, ".") && strings.Contains(name, insidePrefix)
	}
	return strings.HasPrefix(name, stagingPrefix(out))
}

// insidePrefix begins the names of the folders a build keeps inside an
// output that is a mount point: its staging folder, and insideOld, the
// previous output's files on their way out.
const (
	insidePrefix = ".folio-"
	insideOld    = ".folio-old-"
)

// commitInside replaces the files of an output that is a mount point:
// the previous ones are moved into a folder inside it, the new ones out of
// the staging folder, then the previous ones are removed. Each move is a
// rename, quick, but the site is not swapped in one step: a reader may
// find a file missing for that moment. A move that fails puts everything
// back as it was. The previous output's .git stays.
func (d *Dir) commitInside() error {
	old, err := os.MkdirTemp(d.final, insideOld)
	if err != nil {
		return fmt.Errorf("replace %s: %w", d.final, err)
	}
	prev, err := os.ReadDir(d.final)
	if err != nil {
		return errors.Join(fmt.Errorf("replace %s: %w", d.final, err), os.Remove(old))
	}
	var moved, placed []string // previous files moved out, new ones in
	// back undoes what was done: the new files go back to the staging
	// folder, then the previous ones to their places.
	back := func(err error) error {
		for _, name := range slices.Backward(placed) {
			if e := rename(filepath.Join(d.final, name), filepath.Join(d.staging, name)); e != nil {
				return errors.Join(err, fmt.Errorf("%s holds new files and the previous ones are in %s: %w", d.final, old, e))
			}
		}
		for _, name := range moved {
			if e := rename(filepath.Join(old, name), filepath.Join(d.final, name)); e != nil {
				return errors.Join(err, fmt.Errorf("the previous output's %s is in %s: %w", name, old, e))
			}
		}
		return errors.Join(err, os.Remove(old))
	}
	keptGit := false
	for _, e := range prev {
		name := e.Name()
		p := filepath.Join(d.final, name)
		if p == d.staging || p == old || strings.HasPrefix(name, insidePrefix) {
			continue
		}
		if name == gitName {
			keptGit = true
			continue
		}
		if err := rename(p, filepath.Join(old, name)); err != nil {
			return back(fmt.Errorf("replace %s: %w", d.final, err))
		}
		moved = append(moved, name)
	}
	next, err := os.ReadDir(d.staging)
	if err != nil {
		return back(fmt.Errorf("replace %s: %w", d.final, err))
	}
	for _, e := range next {
		if e.Name() == gitName && keptGit {
			continue // the previous output's stays, as in Commit
		}
		if err := rename(filepath.Join(d.staging, e.Name()), filepath.Join(d.final, e.Name())); err != nil {
			return back(fmt.Errorf("replace %s: %w", d.final, err))
		}
		placed = append(placed, e.Name())
	}
	_ = os.RemoveAll(d.staging) // empty, but for a .git that gave way
	if err := removeOld(old); err != nil {
		return fmt.Errorf("%w: %s: %w", ErrLeftOver, old, err)
	}
	return nil
}

// keepGit moves the previous output's .git, if any, into the staging
// folder, where a .git the build wrote (from a static/ folder that is a
// git submodule) gives way to it. It reports whether it moved one.
func (d *Dir) keepGit() (bool, error) {
	src := filepath.Join(d.final, gitName)
	if _, err := os.Lstat(src); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("keep %s: %w", src, err)
	}
	dst := filepath.Join(d.staging, gitName)
	if err := os.RemoveAll(dst); err != nil {
		return false, fmt.Errorf("keep %s: %w", src, err)
	}
	if err := rename(src, dst); err != nil {
		return false, fmt.Errorf("keep %s: %w", src, err)
	}
	return true, nil
}

// rename is os.Rename. A variable, so that tests can make it fail.
var rename = os.Rename

// Wrote reports whether dir is an output folio wrote: it holds folio's
// own _folio folder.
func Wrote(dir string) bool {
	st, err := os.Stat(filepath.Join(dir, "_folio"))
	return err == nil && st.IsDir()
}

// ErrLeftOver is a previous output that Commit put aside and could not
// remove.
var ErrLeftOver = errors.New("the previous output could not be removed")

// removeOld removes the previous output. A variable, so that tests can
// make it fail, as no file mode makes it fail for root.
var removeOld = removeAll

// removeAll is os.RemoveAll with the top-level entries removed in
// parallel: a site is thousands of small files in many folders.
func removeAll(dir string) error {
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		return os.Remove(dir) // the link, never what it leads to
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	errs := make([]error, len(entries))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, e := range entries {
		wg.Go(func() {
			sem <- struct{}{}
			errs[i] = os.RemoveAll(filepath.Join(dir, e.Name()))
			<-sem
		})
	}
	wg.Wait()
	// The first error and how many more: one per file would make a
	// message of thousands of lines.
	errs = slices.DeleteFunc(errs, func(err error) bool { return err == nil })
	if len(errs) > 1 {
		return fmt.Errorf("%w (and %d more)", errs[0], len(errs)-1)
	}
	if len(errs) == 1 {
		return errs[0]
	}
	return os.Remove(dir)
}

// Abort removes the staging directory, leaving the output as it was. It
// leaves it when it holds the previous output's .git, which a failed
// Commit could not move back.
func (d *Dir) Abort() error {
	d.wait()
	if d.inPlace {
		return nil
	}
	defer d.unlock()
	if d.holdsGit {
		return fmt.Errorf("%s holds the previous output's %s: left in place", d.staging, gitName)
	}
	if err := os.RemoveAll(d.staging); err != nil {
		return err
	}
	d.removeMadeParents()
	return nil
}

// unlock lets go of the staging folder's lock.
func (d *Dir) unlock() {
	if d.lock != nil {
		_ = d.lock.Close()
		d.lock = nil
	}
}

// removeMadeParents removes the folders New made above the output.
func (d *Dir) removeMadeParents() {
	for _, p := range d.madeParents {
		if os.Remove(p) != nil {
			break // not empty: another build's, or a file put there since
		}
	}
}
