// Package testkit holds what folio's tests share: writing a site to a
// temporary directory, finding the shared corpus of real GitBook
// repositories, and reading and rewriting the sections of golden txtar
// files. Only tests import it.
package testkit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// WriteFiles writes files (slash path → content) under dir.
func WriteFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Site writes files into a new temporary directory and returns it.
func Site(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	WriteFiles(t, dir, files)
	return dir
}

// ArchiveSite writes the sections of a golden archive, but its want.*
// sections, into a new temporary directory and returns it.
func ArchiveSite(t testing.TB, ar *txtar.Archive) string {
	t.Helper()
	files := map[string]string{}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want.") {
			files[f.Name] = string(f.Data)
		}
	}
	return Site(t, files)
}

// CorpusDir returns ../shared/corpus beside the module root, or skips the
// test when it is absent.
func CorpusDir(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("no go.mod above the test")
		}
		dir = parent
	}
	c := filepath.Join(dir, "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(c, "DEFECTS.txt")); err != nil {
		t.Skip("corpus not found at ../shared/corpus")
	}
	return c
}

// Section returns the content of the archive's file name, and whether it
// has one.
func Section(ar *txtar.Archive, name string) ([]byte, bool) {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data, true
		}
	}
	return nil, false
}

// SetSection replaces the content of the archive's file name, adding the
// file when it is missing.
func SetSection(ar *txtar.Archive, name string, data []byte) {
	for i, f := range ar.Files {
		if f.Name == name {
			ar.Files[i].Data = data
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: data})
}

// EachCase runs fn as a subtest for every txtar file matching pattern,
// named after the file; it fails when nothing matches, so a moved testdata
// folder cannot pass silently.
func EachCase(t *testing.T, pattern string, fn func(t *testing.T, file string, ar *txtar.Archive)) {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases match %s: %v", pattern, err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fn(t, file, ar)
		})
	}
}
