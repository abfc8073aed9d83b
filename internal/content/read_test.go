package content

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"folio/internal/config"
	"folio/internal/diag"
)

// TestReadText reads pages plainly, through a link that stays inside the
// space, and refuses a link that leaves it and a path that climbs out.
func TestReadText(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(site, "README.md"), "# Home\r\n")
	write(filepath.Join(site, "a", "b", "page.md"), "deep")
	write(filepath.Join(root, "secret.md"), "secret")
	if err := os.Symlink(filepath.Join("a", "b", "page.md"), filepath.Join(site, "inside.md")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(root, "secret.md"), filepath.Join(site, "outside.md")); err != nil {
		t.Fatal(err)
	}
	sp, _, err := Load(context.Background(), site, config.Language{Code: "en", Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	for p, want := range map[string]string{"README.md": "# Home\n", "a/b/page.md": "deep", "inside.md": "deep"} {
		if b, ds, ok := sp.ReadText(p); !ok || string(b) != want {
			t.Errorf("ReadText(%s) = %q, %v, %v; want %q", p, b, ok, ds, want)
		}
	}
	for _, p := range []string{"outside.md", "../secret.md", "missing.md"} {
		if b, ds, ok := sp.ReadText(p); ok || len(ds) == 0 {
			t.Errorf("ReadText(%s) = %q, ok %v, %v: want a diagnostic", p, b, ok, ds)
		}
	}
}

// TestIndex: the walk records files and folders at every depth, follows a
// symbolic link to a file inside the space, and reports the links it does
// not follow.
func TestIndex(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	for _, p := range []string{"README.md", "a/b/page.md", ".gitbook/assets/x y.png", ".git/HEAD"} {
		if err := os.MkdirAll(filepath.Join(site, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, p), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(root, "secret.md"), []byte("s"), 0o644); err != nil {
		t.Fatal(err)
	}
	for link, target := range map[string]string{"inside.md": "a/b/page.md", "folder": "a", "outside.md": "../secret.md"} {
		if err := os.Symlink(filepath.FromSlash(target), filepath.Join(site, link)); err != nil {
			t.Fatal(err)
		}
	}
	sp, ds, err := Load(context.Background(), site, config.Language{Code: "en", Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	if got, want := strings.Join(sp.Files(), " "), ".gitbook/assets/x y.png README.md a/b/page.md inside.md"; got != want {
		t.Errorf("files %q, want %q", got, want)
	}
	for _, d := range []string{"a", "a/b", ".gitbook/assets"} {
		if !sp.IsDir(d) {
			t.Errorf("IsDir(%s) = false", d)
		}
	}
	if sp.IsDir(".git") || sp.IsDir("folder") {
		t.Error(".git or the linked folder indexed")
	}
	for _, p := range []string{"a/b/page.md", ".gitbook/assets/x y.png", "inside.md"} {
		if f, ok := sp.Stat(p); !ok || f.Size != 1 {
			t.Errorf("Stat(%s) = %+v, %v; want size 1", p, f, ok)
		}
	}
	if _, ok := sp.Stat("outside.md"); ok {
		t.Error("Stat found the link that leaves the space")
	}
	var msgs []string
	for _, d := range ds {
		msgs = append(msgs, d.Path+": "+d.Msg)
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{"folder: symbolic link to a directory is not followed", "outside.md: symbolic link leads outside"} {
		if !strings.Contains(got, want) {
			t.Errorf("diagnostics %q lack %q", got, want)
		}
	}
}

// TestIndexNamedPipe: a named pipe among the files (which would block the
// build that read it) is left out with a warning at its path, whose link
// from a page is then reported missing: not taken for a page gone.
func TestIndexNamedPipe(t *testing.T) {
	site := t.TempDir()
	if err := os.WriteFile(filepath.Join(site, "README.md"), []byte("# Home\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(site, "page.md"), 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	sp, ds, err := Load(context.Background(), site, config.Language{Code: "en", Dir: "."})
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	if sp.Exists("page.md") {
		t.Error("the named pipe is a file of the space")
	}
	if !slices.ContainsFunc(ds, func(d diag.Diagnostic) bool {
		return d.Path == "page.md" && d.Msg == "a named pipe (FIFO), not a regular file; ignored"
	}) {
		t.Errorf("diagnostics %+v, want one at page.md saying it is a named pipe", ds)
	}
}

// TestIndexIgnoredLinks: the symbolic links of a folder an ignore file
// keeps out of the book are not reported (tester: a copy of folio's own
// source in tools/, in .bookignore, made check --strict fail on its test
// data's links).
func TestIndexIgnoredLinks(t *testing.T) {
	for _, ignore := range []string{".bookignore", ".gitignore"} {
		site := t.TempDir()
		for p, data := range map[string]string{"README.md": "x", ignore: "tools/\n", "tools/a.md": "x", "kept/b.md": "x"} {
			if err := os.MkdirAll(filepath.Join(site, filepath.Dir(p)), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(site, p), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		for _, link := range []string{"tools/loop", "kept/loop"} {
			if err := os.Symlink("..", filepath.Join(site, link)); err != nil {
				t.Fatal(err)
			}
		}
		sp, ds, err := Load(context.Background(), site, config.Language{Code: "en", Dir: "."})
		if err != nil {
			t.Fatal(err)
		}
		sp.Close()
		var got []string
		for _, d := range ds {
			if d.Rule == "symlink" {
				got = append(got, d.Path)
			}
		}
		if strings.Join(got, " ") != "kept/loop" {
			t.Errorf("%s: symlink diagnostics at %v, want kept/loop alone", ignore, got)
		}
	}
}

// TestIndexSkipsOutput: an output directory inside the space, and the
// staging directories beside it, are not content.
func TestIndexSkipsOutput(t *testing.T) {
	site := t.TempDir()
	for _, p := range []string{"README.md", "public/index.html", "public/_folio/folio.css", ".public.folio-123/index.html", "publication/page.md", "other/.public.folio-9/x.md"} {
		if err := os.MkdirAll(filepath.Join(site, filepath.Dir(p)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, p), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sp, _, err := Load(context.Background(), site, config.Language{Code: "en", Dir: "."}, filepath.Join(site, "public"), "")
	if err != nil {
		t.Fatal(err)
	}
	defer sp.Close()
	if got, want := strings.Join(sp.Files(), " "), "README.md other/.public.folio-9/x.md publication/page.md"; got != want {
		t.Errorf("files %q, want %q", got, want)
	}
}
