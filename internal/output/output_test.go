package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestCommitReplacesAndAbortKeeps(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	write := func(body string, commit bool) {
		d, err := New(out, true)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Write("a/index.html", []byte("<p>  "+body+"  </p>\n")); err != nil {
			t.Fatal(err)
		}
		if commit {
			err = d.Commit()
		} else {
			err = d.Abort()
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	write("one", true)
	write("two", false)
	b, err := os.ReadFile(filepath.Join(out, "a/index.html"))
	if err != nil || !strings.Contains(string(b), "one") || strings.Contains(string(b), "  ") {
		t.Fatalf("after commit then abort: %q, %v (want the first build, minified)", b, err)
	}
	write("three", true)
	if b, _ := os.ReadFile(filepath.Join(out, "a/index.html")); !strings.Contains(string(b), "three") {
		t.Errorf("second commit not in place: %q", b)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.folio-*"))
	if len(left) != 0 {
		t.Errorf("staging directories left: %v", left)
	}
}

// TestCommitLeftOver: when the previous output cannot be removed, the new
// one is in place all the same, and the error says where the old one is.
func TestCommitLeftOver(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	for _, body := range []string{"one", "two"} {
		d, err := New(out, false)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Write("index.html", []byte(body)); err != nil {
			t.Fatal(err)
		}
		if body == "two" {
			removeOld = func(string) error { return fs.ErrPermission }
			t.Cleanup(func() { removeOld = removeAll })
		}
		err = d.Commit()
		if body == "one" && err != nil {
			t.Fatal(err)
		}
		if body == "two" {
			if !errors.Is(err, ErrLeftOver) || !errors.Is(err, fs.ErrPermission) || !strings.Contains(err.Error(), ".public.folio-") {
				t.Errorf("Commit = %v, want ErrLeftOver naming the old output, wrapping the cause", err)
			}
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "two" {
		t.Errorf("output holds %q, want the new build", b)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.folio-*.old")); len(left) != 1 {
		t.Errorf("old outputs beside: %v, want the one that could not be removed", left)
	}
}

func TestPathsStayInside(t *testing.T) {
	d, err := New(filepath.Join(t.TempDir(), "public"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for _, name := range []string{"../escape.html", "a/../../escape.html"} {
		_ = d.WriteRaw(name, []byte("x")) // clamped into the output
	}
	for _, name := range []string{"x\x00.html", ""} {
		if err := d.WriteRaw(name, []byte("x")); err == nil {
			t.Errorf("%q accepted", name)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(d.Staging()), "escape.html")); err == nil {
		t.Error("a file escaped the output directory")
	}
}

func TestOpenWritesInPlace(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "old.txt"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	d := Open(dir, false)
	if err := d.WriteRaw("old.txt", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Link("old.txt", "/nonexistent"); err != nil {
		t.Errorf("linking over an existing file in place: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "old.txt")); string(b) != "new" {
		t.Errorf("in-place write: %q", b)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); err != nil {
		t.Error("commit in place removed the directory")
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*.folio-tmp"))
	if len(left) != 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

// TestRemoveAll removes a deep, uneven tree, and a link in it without what
// it points to.
func TestRemoveAll(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	if err := os.WriteFile(outside, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "site")
	for i := range 40 {
		p := filepath.Join(dir, "big", fmt.Sprintf("p%d", i), "deeper")
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "index.html"), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "big", "link")); err != nil {
		t.Fatal(err)
	}
	if err := removeAll(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("tree still there: %v", err)
	}
	if b, err := os.ReadFile(outside); err != nil || string(b) != "keep" {
		t.Errorf("file behind the link: %q, %v", b, err)
	}
}

// TestLink publishes files into a folder it makes, then into the same
// folder, and fails on a source that does not exist.
func TestLink(t *testing.T) {
	root := t.TempDir()
	for _, n := range []string{"x.png", "y.png"} {
		if err := os.WriteFile(filepath.Join(root, n), []byte(n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	d, err := New(filepath.Join(root, "out"), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"x.png", "y.png"} {
		if err := d.Link("_gitbook/assets/"+n, filepath.Join(root, n)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Link("_gitbook/assets/z.png", filepath.Join(root, "z.png")); err == nil {
		t.Error("linking a missing file succeeded")
	}
	// From another file system, when the machine has one in memory: the
	// file is copied, into a folder made for it.
	other := ""
	if shm, err := os.MkdirTemp("/dev/shm", "folio-link-"); err == nil {
		defer os.RemoveAll(shm)
		other = filepath.Join(shm, "w.png")
		if err := os.WriteFile(other, []byte("w.png"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := d.Link("_gitbook/other/w.png", other); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"x.png", "y.png"} {
		if b, err := os.ReadFile(filepath.Join(root, "out", "_gitbook", "assets", n)); err != nil || string(b) != n {
			t.Errorf("%s: %q, %v", n, b, err)
		}
	}
	if other != "" {
		if b, err := os.ReadFile(filepath.Join(root, "out", "_gitbook", "other", "w.png")); err != nil || string(b) != "w.png" {
			t.Errorf("w.png from another file system: %q, %v", b, err)
		}
	}
}

// TestLinkToSymlink: an asset that is a symbolic link (to a file beside
// it) is published as the file it leads to, never as a link.
func TestLinkToSymlink(t *testing.T) {
	root := t.TempDir()
	if err := os.WriteFile(filepath.Join(root, "real.png"), []byte("png"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.png", filepath.Join(root, "alias.png")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	d, err := New(filepath.Join(root, "out"), false)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Link("imgs/alias.png", filepath.Join(root, "alias.png")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(root, "out", "imgs", "alias.png")
	fi, err := os.Lstat(p)
	if err != nil || fi.Mode()&fs.ModeSymlink != 0 {
		t.Fatalf("published as %v (%v), want a regular file", fi.Mode(), err)
	}
	if b, err := os.ReadFile(p); err != nil || string(b) != "png" {
		t.Errorf("alias.png: %q, %v", b, err)
	}
}

// TestMakeFolders: the folders of the given paths exist once MakeFolders'
// goroutine is done, with their parents, and files written there land in
// them, waiting for their folder; a path outside the output is refused.
func TestMakeFolders(t *testing.T) {
	d, err := New(filepath.Join(t.TempDir(), "out"), false)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"en/a/b/index.html", "en/a/index.html", "fr/index.html", "index.html"}
	if err := d.MakeFolders(names); err != nil {
		t.Fatal(err)
	}
	for _, n := range slices.Backward(names) { // the last folder first: it waits
		if err := d.WriteRaw(n, []byte("x")); err != nil {
			t.Error(err)
		}
	}
	d.wait()
	for _, dir := range []string{"en", "en/a", "en/a/b", "fr"} {
		if fi, err := os.Stat(filepath.Join(d.Staging(), dir)); err != nil || !fi.IsDir() {
			t.Errorf("%s: not made (%v)", dir, err)
		}
	}
	if err := d.WriteRaw("new/folder/page.html", []byte("x")); err != nil {
		t.Errorf("a folder MakeFolders did not know: %v", err)
	}
	if err := d.MakeFolders([]string{"en/a/c/index.html", "de/index.html"}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"en/a/c/index.html", "de/index.html", "en/a/b/other.html"} {
		if err := d.WriteRaw(n, []byte("x")); err != nil {
			t.Errorf("after a second MakeFolders: %v", err)
		}
	}
	if err := d.MakeFolders([]string{"\x00"}); err == nil {
		t.Error("an invalid path was accepted")
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
}

// TestMakeFoldersFails: a folder that cannot be made (a file stands in
// its parent's place) is an error for the files written in it and after
// it, not a wait without end.
func TestMakeFoldersFails(t *testing.T) {
	d, err := New(filepath.Join(t.TempDir(), "out"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if err := os.WriteFile(filepath.Join(d.Staging(), "en"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := d.MakeFolders([]string{"fr/index.html", "en/a/index.html", "de/index.html"}); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteRaw("fr/index.html", []byte("x")); err != nil {
		t.Errorf("a folder made before the failure: %v", err)
	}
	for _, n := range []string{"en/a/index.html", "de/index.html"} {
		if err := d.WriteRaw(n, []byte("x")); err == nil || !strings.Contains(err.Error(), "create output folder") {
			t.Errorf("%s: err = %v, want the folder's error", n, err)
		}
	}
}

// TestWriteOverLink: a file written where an asset was published (a hard
// link to the content) replaces the link and leaves the content as it
// was; an asset published where a file was written is refused with
// fs.ErrExist.
func TestWriteOverLink(t *testing.T) {
	content := filepath.Join(t.TempDir(), "index.html")
	if err := os.WriteFile(content, []byte("the author's file"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := New(filepath.Join(t.TempDir(), "public"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if err := d.Link("guide/index.html", content); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteRaw("guide/index.html", []byte("the page")); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(content); string(b) != "the author's file" {
		t.Fatalf("the content was written through the link: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(d.Staging(), "guide", "index.html")); string(b) != "the page" {
		t.Errorf("page %q", b)
	}
	if err := d.Link("guide/index.html", content); !errors.Is(err, fs.ErrExist) {
		t.Errorf("publishing over a written file: %v, want fs.ErrExist", err)
	}
}

// TestStaleStaging: a build removes the staging directories a killed
// build left beside its output an hour ago or more, and, where folders
// can be locked, those no build holds, a minute old (t47: 2 GB stayed
// after kill -9); not one another build holds, a second old (that build
// may not have locked it yet), nor those of another output.
func TestStaleStaging(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "pub[1]")
	mk := func(name string, age time.Duration) string {
		p := filepath.Join(root, name)
		if err := os.MkdirAll(filepath.Join(p, "a"), 0o755); err != nil {
			t.Fatal(err)
		}
		when := time.Now().Add(-age)
		if err := os.Chtimes(p, when, when); err != nil {
			t.Fatal(err)
		}
		return p
	}
	stale := mk(".pub[1].folio-111", 2*time.Hour)
	staleOld := mk(".pub[1].folio-222.old", 3*time.Hour)
	busy := mk(".pub[1].folio-333", time.Minute)
	other := mk(".pub1.folio-444", 2*time.Hour)
	killed := mk(".pub[1].folio-555", time.Minute)
	killedOld := mk(".pub[1].folio-666.old", time.Minute)
	young := mk(".pub[1].folio-777", time.Second)
	// A killed commit's staging folder holding the previous output's
	// .git: maybe its only copy, never removed (review).
	withGit := mk(".pub[1].folio-888", 2*time.Hour)
	if err := os.Mkdir(filepath.Join(withGit, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	when := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(withGit, when, when); err != nil {
		t.Fatal(err)
	}
	lock, err := lockDir(busy)
	locks := err == nil
	if locks {
		defer lock.Close()
	} else if !errors.Is(err, errors.ErrUnsupported) {
		t.Fatal(err)
	}
	d, err := New(out, false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	for p, want := range map[string]bool{stale: false, staleOld: false, busy: true, other: true, d.Staging(): true,
		killed: !locks, killedOld: !locks, young: true, withGit: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s: there %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}

// TestMinifyManyEntities: an HTML file with more entities than
// maxEntities is written as it is, where the minifier took minutes
// (its time grows with their number times the text's length); one with
// fewer is minified.
func TestMinifyManyEntities(t *testing.T) {
	d := &Dir{m: minifier}
	page := func(n int) []byte {
		return []byte("<p>  a  " + strings.Repeat("&amp;", n) + "</p>")
	}
	start := time.Now()
	big := page(maxEntities + 1)
	if out, err := d.Minify("x.html", big); err != nil || !bytes.Equal(out, big) {
		t.Errorf("%d entities: minified (err %v)", maxEntities+1, err)
	}
	if out, err := d.Minify("x.html", page(10)); err != nil || bytes.Contains(out, []byte("  a  ")) {
		t.Errorf("10 entities: not minified: %q (err %v)", out, err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("took %v", el)
	}
}

// TestCommitNeverMissing: while builds replace the output, a reader (a
// web server) always finds it (t34: between the two renames the folder
// was missing, 33 times in 30 builds). Linux swaps the two at once.
func TestCommitNeverMissing(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux swaps two folders at once")
	}
	probe := t.TempDir()
	if err := exchange(probe, t.TempDir()); err != nil {
		t.Skip("this file system swaps no folders at once:", err)
	}
	out := filepath.Join(t.TempDir(), "public")
	commit := func() {
		d, err := New(out, false)
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Write("index.html", []byte("page")); err != nil {
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	commit()
	var missing atomic.Int64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
				missing.Add(1)
			}
		}
	}()
	for range 50 {
		commit()
	}
	close(stop)
	<-done
	if n := missing.Load(); n > 0 {
		t.Errorf("the output was missing %d times while 50 builds replaced it", n)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".public.folio-*")); len(left) != 0 {
		t.Errorf("left beside: %v", left)
	}
}

// TestNewRestoresOld: a build killed between the two renames of a swap
// left the previous output aside and none in place; the next build puts
// it back before it starts, so that it stays if that build fails too.
func TestNewRestoresOld(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "public")
	put(t, filepath.Join(root, ".public.folio-123.old", "index.html"), "previous")
	d, err := New(out, false)
	if err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "previous" {
		t.Errorf("index.html = %q, want the previous output's", got)
	}
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "previous" {
		t.Errorf("after a failed build, index.html = %q", got)
	}
}

// TestCommitMountPoint: an output that is a mount point (a container's
// volume) cannot be renamed (t34: every build failed with "device or
// resource busy"): its files are replaced inside it, its .git and files
// only the previous build wrote included, and nothing of the build is left
// in it.
func TestCommitMountPoint(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	saved := mountPoint
	mountPoint = func(dir string) bool { return dir == out }
	t.Cleanup(func() { mountPoint = saved })
	// Renaming the folder itself fails, as it does on a mount point.
	failRename(t, string(filepath.Separator)+"public")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, files := range [][]string{{"index.html", "old.html", "a/b.html"}, {"index.html", "a/c.html"}} {
		d, err := New(out, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if err := d.Write(f, []byte("new "+f)); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.Commit(); err != nil {
			t.Fatalf("Commit: %v", err)
		}
		if len(files) == 3 {
			put(t, filepath.Join(out, ".git", "HEAD"), "ref")
		}
	}
	if got, want := tree(out, false), []string{".git/HEAD", "a/c.html", "index.html"}; !slices.Equal(got, want) {
		t.Errorf("output holds %v, want %v", got, want)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "new index.html" {
		t.Errorf("index.html = %q", got)
	}
}

// TestAbortRemovesMadeParents: a failed build into a folder whose parents
// did not exist leaves none of them (t34: "nothing written", and np/a/b
// were there).
func TestAbortRemovesMadeParents(t *testing.T) {
	root := t.TempDir()
	d, err := New(filepath.Join(root, "np", "a", "b", "public"), false)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Write("index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(root); len(left) != 0 {
		t.Errorf("left in the folder: %v", left)
	}
}

// TestCommitMountPointFails: when a move fails while the files of an
// output that is a mount point are replaced, everything goes back as it
// was: the previous files in place, none of the new, nothing left inside
// (review: a mix of both, the previous site hidden in a folder that a
// later build deleted).
func TestCommitMountPointFails(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	saved := mountPoint
	mountPoint = func(dir string) bool { return dir == out }
	t.Cleanup(func() { mountPoint = saved })
	put(t, filepath.Join(out, "index.html"), "old index")
	put(t, filepath.Join(out, "a", "old.html"), "old a")
	d, err := New(out, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"index.html", "a/new.html", "z.html"} {
		if err := d.Write(f, []byte("new")); err != nil {
			t.Fatal(err)
		}
	}
	noExchange(t)
	rename = func(from, to string) error {
		if filepath.Base(from) == "z.html" && filepath.Dir(to) == out {
			return &os.LinkError{Op: "rename", Old: from, New: to, Err: fs.ErrPermission}
		}
		return os.Rename(from, to)
	}
	t.Cleanup(func() { rename = os.Rename })
	if err := d.Commit(); !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("Commit = %v, want the move's error", err)
	}
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if got, want := tree(out, true), []string{"a", "a/old.html", "index.html"}; !slices.Equal(got, want) {
		t.Errorf("output holds %v, want the previous files only, %v", got, want)
	}
	if got := read(t, filepath.Join(out, "index.html")); got != "old index" {
		t.Errorf("index.html = %q", got)
	}
}

// TestSymlinkToMountPoint: an output that is a symbolic link to a mount
// point is replaced as a link is, its folder left alone (review: the
// files of the folder it leads to were replaced).
func TestSymlinkToMountPoint(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "volume")
	put(t, filepath.Join(target, "mine.txt"), "mine")
	out := filepath.Join(root, "public")
	if err := os.Symlink(target, out); err != nil {
		t.Skip("no symbolic links:", err)
	}
	saved := mountPoint
	mountPoint = func(dir string) bool { return true }
	t.Cleanup(func() { mountPoint = saved })
	d, err := New(out, false)
	if err != nil {
		t.Fatal(err)
	}
	if d.inside {
		t.Error("a link to a mount point is written inside it")
	}
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(target, "mine.txt")); got != "mine" {
		t.Errorf("mine.txt = %q", got)
	}
}

// tree lists what dir holds, slash-separated, in order: its files, and its
// folders too when dirs.
func tree(dir string, dirs bool) []string {
	var got []string
	_ = filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && p != dir && (dirs || !e.IsDir()) {
			rel, _ := filepath.Rel(dir, p)
			got = append(got, filepath.ToSlash(rel))
		}
		return err
	})
	return got
}

// TestParentNotWritable: an output folder the build may write in, under
// one it may not (a deploy user's /var/www/handbook under root's
// /var/www), is written as a mount point is, inside it (t63: "create
// staging directory: permission denied").
func TestParentNotWritable(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "handbook")
	if err := os.Mkdir(out, 0o755); err != nil {
		t.Fatal(err)
	}
	put(t, filepath.Join(out, "old.html"), "old")
	mkdirTemp = func(dir, pattern string) (string, error) {
		if dir == parent {
			return "", &fs.PathError{Op: "mkdirtemp", Path: dir, Err: fs.ErrPermission}
		}
		return os.MkdirTemp(dir, pattern)
	}
	t.Cleanup(func() { mkdirTemp = os.MkdirTemp })
	d, err := New(out, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Write("index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	if got, want := tree(out, false), []string{"index.html"}; !slices.Equal(got, want) {
		t.Errorf("output holds %v, want %v", got, want)
	}
	if left, _ := os.ReadDir(parent); len(left) != 1 {
		t.Errorf("beside the output: %v", left)
	}
}

// TestRemove: a live directory loses a file and the folders it leaves
// empty, never the output folder itself nor a folder still in use; a
// staging directory refuses.
func TestRemove(t *testing.T) {
	out := t.TempDir()
	d := Open(out, false)
	for _, name := range []string{"a/b/own.png", "a/kept.png"} {
		if err := d.WriteRaw(name, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Remove("a/b/own.png"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "a", "b")); !os.IsNotExist(err) {
		t.Errorf("a/b is left: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "a", "kept.png")); err != nil {
		t.Errorf("a/kept.png: %v", err)
	}
	if err := d.Remove("a/kept.png"); err != nil {
		t.Fatal(err)
	}
	if err := d.Remove("a/kept.png"); err != nil {
		t.Errorf("removing a file already gone: %v", err)
	}
	if _, err := os.Stat(out); err != nil {
		t.Errorf("the output folder went: %v", err)
	}
	if err := d.Remove("../outside"); err != nil {
		t.Fatal(err) // cleaned to /outside, inside the output: nothing there
	}
	staged, err := New(filepath.Join(t.TempDir(), "site"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer staged.Abort()
	if staged.Remove("x") == nil {
		t.Error("a staging directory removed a file")
	}
}

// TestLinkUnreadable: a file the build cannot read is not published by a
// hard link, which needs no right to read it (t91: published on the same
// file system, an error on another).
func TestLinkUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	root := t.TempDir()
	src := filepath.Join(root, "secret.png")
	if err := os.WriteFile(src, []byte("png"), 0o000); err != nil {
		t.Fatal(err)
	}
	d, err := New(filepath.Join(root, "out"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if err := d.Link("secret.png", src); !errors.Is(err, ErrSource) {
		t.Errorf("linking an unreadable file: %v, want ErrSource", err)
	}
	if _, err := os.Lstat(filepath.Join(d.Staging(), "secret.png")); err == nil {
		t.Error("the unreadable file was published")
	}
}

// TestUmask: the output's top folder has the mode the umask gives the
// folders and pages inside it (t91: 0755 over 0700 folders and 0600
// pages under umask 077).
func TestUmask(t *testing.T) {
	old := syscall.Umask(0o077)
	defer syscall.Umask(old)
	out := filepath.Join(t.TempDir(), "site")
	d, err := New(out, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteRaw("a/index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]fs.FileMode{".": 0o700, "a": 0o700, "a/index.html": 0o600} {
		fi, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", name, got, want)
		}
	}
}

// TestIsStaging: the names New gives the folders it makes beside an
// output, and inside one, are told apart from the author's.
func TestIsStaging(t *testing.T) {
	for _, c := range []struct {
		name, out string
		want      bool
	}{
		{".public.folio-123", "public", true},
		{".public.folio-123", "site", false},
		{".public.folio-123", "", true},
		{".folio-456", "", true},
		{"public", "public", false},
		{".public", "public", false},
		{"notes.folio-1", "", false},
	} {
		if got := IsStaging(c.name, c.out); got != c.want {
			t.Errorf("IsStaging(%q, %q) = %v, want %v", c.name, c.out, got, c.want)
		}
	}
	// What New makes is what IsStaging tells.
	out := filepath.Join(t.TempDir(), "public")
	d, err := New(out, false)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Abort()
	if name := filepath.Base(d.Staging()); !IsStaging(name, "public") || !IsStaging(name, "") {
		t.Errorf("the staging folder %s is not told as one", name)
	}
}
