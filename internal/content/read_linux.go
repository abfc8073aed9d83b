package content

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/sys/unix"

	"folio/internal/fastio"
)

// fastReader reads the files of a space through a handle on its
// directory, with openat2: the kernel refuses any path that leaves the
// directory or crosses a symbolic link, which is what os.Root checks
// component by component, and the file is read in four system calls
// where os.Root.ReadFile makes twelve (os.OpenFile readies every file for
// the poller). A space is read page by page on every build.
type fastReader struct {
	dir  int    // the handle
	path string // and the directory's path
}

func openFastReader(dir string) *fastReader {
	fd, err := unix.Open(dir, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	return &fastReader{fd, dir}
}

// open opens the slash path p beneath the directory, through no link.
func (r *fastReader) open(p string, flags uint64) (int, error) {
	return fastio.Retry(func() (int, error) {
		return unix.Openat2(r.dir, p, &unix.OpenHow{
			Flags:   flags | unix.O_CLOEXEC,
			Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
		})
	})
}

// read returns the file at the slash path p, or ok=false when it must be
// read another way: through a symbolic link, or on a kernel without
// openat2.
func (r *fastReader) read(p string) (b []byte, ok bool, err error) {
	if r == nil {
		return nil, false, nil
	}
	fd, err := r.open(p, unix.O_RDONLY)
	switch {
	case errors.Is(err, unix.ENOENT) || errors.Is(err, unix.ENOTDIR) || errors.Is(err, unix.EISDIR):
		return nil, true, &fs.PathError{Op: "open", Path: p, Err: err}
	case err != nil:
		return nil, false, nil // a link, an old kernel…: os.Root decides
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, true, &fs.PathError{Op: "stat", Path: p, Err: err}
	}
	b = make([]byte, 0, st.Size+1)
	for {
		n, err := fastio.Retry(func() (int, error) { return unix.Read(fd, b[len(b):cap(b)]) })
		if err != nil {
			return nil, true, &fs.PathError{Op: "read", Path: p, Err: err}
		}
		if n == 0 {
			return b, true, nil
		}
		b = b[:len(b)+n]
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew: room for more
		}
	}
}

// size returns the size of the file at the slash path p, or ok=false
// when it must be found another way (see read).
func (r *fastReader) size(p string) (n int64, ok bool) {
	if r == nil {
		return 0, false
	}
	fd, err := r.open(p, unix.O_PATH)
	if err != nil {
		return 0, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return 0, false
	}
	return st.Size, true
}

// readDir lists the directory at the slash path p, sorted by name, or
// returns ok=false when it must be listed another way. os.Root lists a
// directory with a stat of each entry; a directory opened here is listed
// with the types the kernel gives. The listing is named by its full
// path: an entry's Info looks the entry up by it.
func (r *fastReader) readDir(p string) (es []fs.DirEntry, ok bool, err error) {
	if r == nil {
		return nil, false, nil
	}
	fd, err := r.open(p, unix.O_RDONLY|unix.O_DIRECTORY)
	if err != nil {
		return nil, false, nil // os.Root decides, and says what is wrong
	}
	f := os.NewFile(uintptr(fd), filepath.Join(r.path, filepath.FromSlash(p)))
	defer f.Close()
	if es, err = f.ReadDir(-1); err != nil {
		return nil, true, &fs.PathError{Op: "readdirent", Path: p, Err: unwrapPath(err)}
	}
	slices.SortFunc(es, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return es, true, nil
}

func (r *fastReader) close() {
	if r != nil {
		unix.Close(r.dir)
	}
}
