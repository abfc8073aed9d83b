package themes_test

import (
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/output"
	"folio/themes"
)

var update = flag.Bool("update", false, "rewrite minified/ from the default theme's files")

// TestMinifiedUpToDate holds minified/ to what a build would make of the
// default theme's static files and templates: the minified bytes, and the
// sums of their sources in minified/default/SUMS. After editing a file of
// default/static or default/templates, run `go test ./themes -update`.
func TestMinifiedUpToDate(t *testing.T) {
	var sums strings.Builder
	made := map[string]bool{"minified/default/SUMS": true}
	for _, dir := range []string{"static", "templates"} {
		err := fs.WalkDir(themes.Default, "default/"+dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			name := strings.TrimPrefix(p, "default/")
			b, err := fs.ReadFile(themes.Default, p)
			if err != nil {
				return err
			}
			h := sha256.Sum256(b) // before minifying: the minifier may reuse b
			var min []byte
			if dir == "templates" {
				min, err = output.MinifyTemplate(b)
			} else {
				min, err = output.MinifyFile(name, b)
			}
			if err != nil {
				return err
			}
			if dir == "templates" && string(min) == string(b) && strings.Contains(string(b), ">\n<") {
				// The minifier gives up on a template silently: a quote in
				// a template comment, which it reads as the start of a
				// string, is enough.
				t.Errorf("%s: the minifier left it as it is (is there an apostrophe in a {{/* comment */}}?)", name)
			}
			fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(h[:]), name)
			made[path.Join("minified/default", name)] = true
			check(t, path.Join("minified/default", name), min)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	check(t, "minified/default/SUMS", []byte(sums.String()))
	// A copy whose source is gone would stay embedded for nothing.
	err := fs.WalkDir(themes.Minified, "minified/default", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || made[p] {
			return err
		}
		if *update {
			return os.Remove(p)
		}
		t.Errorf("%s has no source in default/: run go test ./themes -update", p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func check(t *testing.T, p string, want []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := fs.ReadFile(themes.Minified, p)
	if err != nil || string(got) != string(want) {
		t.Errorf("%s is out of date: run go test ./themes -update", p)
	}
}
