package theme

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// overlay is a read-only fs.FS made of layers where a file of a later layer
// replaces the file of the same path in earlier ones, and directories merge.
// The file list is computed once so that Open and ReadDir are consistent.
type overlay struct {
	files map[string]fs.FS         // file path → layer that provides it
	dirs  map[string][]fs.DirEntry // dir path → sorted entries
}

func newOverlay(layers ...fs.FS) (*overlay, error) {
	o := &overlay{files: map[string]fs.FS{}, dirs: map[string][]fs.DirEntry{}}
	isDir := map[string]bool{".": true}
	for _, layer := range layers {
		err := fs.WalkDir(layer, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				// Editor and OS litter (.DS_Store, .#x) is never part of a theme.
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if _, ok := o.files[p]; ok {
					return fmt.Errorf("%s is a file in one layer and a directory in another", p)
				}
				isDir[p] = true
				return nil
			}
			if isDir[p] {
				return fmt.Errorf("%s is a directory in one layer and a file in another", p)
			}
			o.files[p] = layer
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("read theme files: %w", err)
		}
	}
	children := map[string]map[string]bool{}
	add := func(p string) {
		dir := path.Dir(p)
		if children[dir] == nil {
			children[dir] = map[string]bool{}
		}
		children[dir][path.Base(p)] = true
	}
	for p := range isDir {
		if p != "." {
			add(p)
		}
	}
	for p := range o.files {
		add(p)
	}
	for dir := range isDir {
		names := make([]string, 0, len(children[dir]))
		for n := range children[dir] {
			names = append(names, n)
		}
		slices.Sort(names)
		entries := make([]fs.DirEntry, 0, len(names))
		for _, n := range names {
			full := path.Join(dir, n)
			if isDir[full] {
				entries = append(entries, fs.FileInfoToDirEntry(dirInfo(n)))
				continue
			}
			info, err := fs.Stat(o.files[full], full)
			if err != nil {
				return nil, fmt.Errorf("read theme files: %w", err)
			}
			entries = append(entries, fs.FileInfoToDirEntry(info))
		}
		o.dirs[dir] = entries
	}
	return o, nil
}

// Open implements fs.FS.
func (o *overlay) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if layer, ok := o.files[name]; ok {
		return layer.Open(name)
	}
	if entries, ok := o.dirs[name]; ok {
		return &dirFile{name: name, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir implements fs.ReadDirFS.
func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	entries, ok := o.dirs[name]
	if !ok {
		if _, isFile := o.files[name]; isFile {
			return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return slices.Clone(entries), nil
}

// dirInfo describes a merged directory.
type dirInfo string

func (d dirInfo) Name() string       { return string(d) }
func (d dirInfo) Size() int64        { return 0 }
func (d dirInfo) Mode() fs.FileMode  { return fs.ModeDir | 0o555 }
func (d dirInfo) ModTime() time.Time { return time.Time{} }
func (d dirInfo) IsDir() bool        { return true }
func (d dirInfo) Sys() any           { return nil }

// dirFile is an open merged directory.
type dirFile struct {
	name    string
	entries []fs.DirEntry
	off     int
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return dirInfo(path.Base(d.name)), nil }
func (d *dirFile) Close() error               { return nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}

// ReadDir implements fs.ReadDirFile.
func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return slices.Clone(rest), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return slices.Clone(rest[:n]), nil
}
