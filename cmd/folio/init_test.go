package main

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/rogpeppe/go-internal/txtar"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/openapi"
	"folio/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

func runInitCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := runInit(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestInitGolden runs `folio init --print` over each testdata/init/*.txtar
// and checks that the result loads back as the same languages.
func TestInitGolden(t *testing.T) {
	testkit.EachCase(t, "testdata/init/*.txtar", func(t *testing.T, file string, ar *txtar.Archive) {
		in := map[string]string{}
		want := map[string]string{}
		for _, f := range ar.Files {
			if strings.HasPrefix(f.Name, "want.") {
				want[f.Name] = string(f.Data)
			} else {
				in[f.Name] = string(f.Data)
			}
		}
		dir := testkit.Site(t, in)
		code, out, errs := runInitCmd(t, "--print", dir)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		got := map[string]string{"want.yaml": out, "want.stderr": strings.ReplaceAll(errs, dir, "$DIR")}
		if *update {
			var kept []txtar.File
			for _, f := range ar.Files {
				if !strings.HasPrefix(f.Name, "want.") {
					kept = append(kept, f)
				}
			}
			kept = append(kept, txtar.File{Name: "want.yaml", Data: []byte(got["want.yaml"])}, txtar.File{Name: "want.stderr", Data: []byte(got["want.stderr"])})
			ar.Files = kept
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
		} else if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}

		// The file must mean what was detected, languages chosen as init
		// chooses them.
		detected, _, err := config.Detect(dir)
		if err != nil {
			t.Fatal(err)
		}
		chooseLanguages(detected)
		if err := os.WriteFile(filepath.Join(dir, config.FileName), []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
		loaded, ds, err := config.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) > 0 {
			t.Errorf("written site.yaml has diagnostics: %v", ds)
		}
		// init adds the translated titles it finds, and the languages are
		// now configured, at other lines; the rest must match.
		if diff := cmp.Diff(detected.Languages, loaded.Languages, cmpopts.IgnoreFields(config.Language{}, "Title", "Assumed", "Line")); diff != "" {
			t.Errorf("languages differ after a round trip (-detected +loaded):\n%s", diff)
		}
		if detected.Title != "" && loaded.Title != detected.Title {
			t.Errorf("title %q, want %q", loaded.Title, detected.Title)
		}
		// Every spec URL a proposed source maps is a file of the repository.
		for _, u := range remoteSpecs(loaded) {
			if local, ok := openapi.MapSource(loaded.OpenAPI.Sources, u); ok {
				if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(local))); err != nil {
					t.Errorf("openapi.sources maps %s to a missing file: %v", u, err)
				}
			}
		}
	})
}

func TestMatchSpecFile(t *testing.T) {
	files := map[string]bool{
		"api/consent-openapi.yaml":                  true,
		"spec/.gitbook/assets/consent-openapi.yaml": true,
		"a/openapi.yaml":                            true,
		"b/openapi.yaml":                            true,
		"specs/v2/pets.json":                        true,
	}
	for _, tt := range []struct {
		url, prefix, dir string
		ok               bool
	}{
		{"https://raw.githubusercontent.com/Org/bb-consent/v23Q4/api/consent-openapi.yaml", "https://raw.githubusercontent.com/Org/bb-consent/v23Q4/", ".", true},
		{"https://example.org/x/api/consent-openapi.yaml?raw=1#top", "https://example.org/x/", ".", true},
		{"https://example.org/v2/pets.json", "https://example.org/", "specs", true},
		{"https://example.org/pets.json", "https://example.org/", "specs/v2", true},
		{"https://example.org/c/openapi.yaml", "", "", false}, // a/ or b/: ambiguous
		{"https://example.org/a/openapi.yaml", "https://example.org/", ".", true},
		{"https://example.org/missing.yaml", "", "", false},
		{"https://example.org/api/", "", "", false},
		{"https://example.org", "", "", false},
	} {
		prefix, dir, ok := matchSpecFile(tt.url, files)
		if prefix != tt.prefix || dir != tt.dir || ok != tt.ok {
			t.Errorf("matchSpecFile(%s) = %q, %q, %v; want %q, %q, %v", tt.url, prefix, dir, ok, tt.prefix, tt.dir, tt.ok)
		}
	}
}

func TestInitWrites(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"LANGS.md":     "* [English](en/)\n* [Français](fr/)\n",
		"en/README.md": "# Guide\n",
		"fr/README.md": "# Guide\n",
	})
	code, out, errs := runInitCmd(t, dir)
	if code != exitOK || out != "" || !strings.Contains(errs, "2 languages from LANGS.md") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	target := filepath.Join(dir, config.FileName)
	first, err := os.ReadFile(target)
	if err != nil {
		t.Fatal(err)
	}
	c, _, err := config.Load(dir)
	if err != nil || c.File != config.FileName || len(c.Languages) != 2 || c.Title != "Guide" {
		t.Fatalf("Load after init: %+v %v", c, err)
	}

	// A second run refuses to overwrite, even with another layout on disk.
	if err := os.WriteFile(target, []byte("title: Mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs = runInitCmd(t, dir)
	if code != exitFail || !strings.Contains(errs, "already exists") {
		t.Errorf("second run: exit %d, %q", code, errs)
	}
	if b, _ := os.ReadFile(target); string(b) != "title: Mine\n" {
		t.Errorf("site.yaml overwritten without --force: %q", b)
	}
	// --print never writes, even when site.yaml exists.
	if code, out, _ = runInitCmd(t, "--print", dir); code != exitOK || out != string(first) {
		t.Errorf("--print: exit %d, %q", code, out)
	}
	if code, _, errs = runInitCmd(t, dir, "--force"); code != exitOK {
		t.Errorf("--force: exit %d, %q", code, errs)
	}
	if b, _ := os.ReadFile(target); !bytes.Equal(b, first) {
		t.Errorf("--force did not rewrite site.yaml: %q", b)
	}
}

// TestInitLanguage checks that init says which language it chose for a
// space that nothing configured, and writes language: fr for the French
// playbook.
func TestInitLanguage(t *testing.T) {
	french := "Ce guide explique comment publier la documentation de votre projet. Le programme lit les pages " +
		"écrites en Markdown, et il produit un site que vous pouvez ouvrir dans un navigateur. Si la " +
		"configuration manque, il utilise les valeurs par défaut.\n"
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"detected", map[string]string{"README.md": "# Guide\n\n" + french, "a.md": french}, "1 language from a bare GitBook space; language fr detected from the text of the 2 pages with enough text to tell"},
		{"book.json", map[string]string{"README.md": "# Guide\n\n" + french, "book.json": `{"language": "es"}`}, "1 language from a HonKit book (book.json); language es from book.json"},
		{"too little text", map[string]string{"README.md": "# Guide\n\nBonjour.\n"}, "language en assumed: the pages have too little text to tell"},
		{"short in its own script", map[string]string{"README.md": "# الرئيسية\n\nمرحبا بكم في الموقع.\n"}, "language ar from the script of the page, too short to tell more"},
		{"mixed", map[string]string{"README.md": "# Guide\n\n" + french,
			"en.md": "This guide explains how to publish the documentation of your project. The program reads the pages " +
				"written in Markdown, and it makes a site that you can open in a browser. If the configuration is " +
				"missing, it uses the default values.\n"},
			"language en assumed: no language is in a clear majority of the pages"},
		// A docs.yaml space without a language, in the language of another.
		{"taken", map[string]string{"fr/README.md": "# Guide\n\n" + french, "b/README.md": "# Guide\n\n" + french,
			"docs.yaml": "site:\n  structure:\n    - type: space\n      content: {directory: fr, language: fr}\n" +
				"    - type: space\n      key: b\n      content: {directory: b}\n"},
			"language of b en assumed: the text reads as fr, which another language already is"},
		// LANGS.md names the languages: nothing to detect or say.
		{"configured", map[string]string{"LANGS.md": "* [English](en/)\n", "en/README.md": "# Guide\n\n" + french}, "1 language from LANGS.md\n"},
	} {
		dir := testkit.Site(t, tt.files)
		code, _, errs := runInitCmd(t, dir)
		if code != exitOK || !strings.Contains(errs, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want %q", tt.name, code, errs, tt.want)
		}
	}

	// site.yaml says the language was assumed, as it says one detected
	// (t47: it wrote the code alone).
	if code, out, _ := runInitCmd(t, "--print", testkit.Site(t, map[string]string{"README.md": "# Guide\n\nBonjour.\n"})); code != exitOK ||
		!strings.Contains(out, "# Assumed, as the pages have too little text to tell: correct it if it is wrong.\nlanguage: en\n") {
		t.Errorf("too little text: exit %d, site.yaml:\n%s", code, out)
	}

	dir := filepath.Join(testkit.CorpusDir(t), "govstack-playbook-fr")
	code, out, errs := runInitCmd(t, "--print", dir)
	if code != exitOK || !strings.Contains(out, "\nlanguage: fr\n") || !strings.Contains(out, "\nlanguage_name: Français\n") {
		t.Errorf("French playbook: exit %d, stderr %q, site.yaml:\n%s", code, errs, out)
	}
}

func TestInitUsage(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"--help"}, exitOK, "--force"},
		{[]string{"--bogus"}, exitUsage, "folio init: unknown flag --bogus"},
		{[]string{"a", "b"}, exitUsage, "one directory at most"},
		{[]string{t.TempDir()}, exitFail, "neither a folio site"},
		{[]string{filepath.Join(t.TempDir(), "missing")}, exitFail, "no such file"},
	} {
		code, out, errs := runInitCmd(t, tc.args...)
		if code != tc.code || !strings.Contains(out+errs, tc.contains) {
			t.Errorf("folio init %s: exit %d, output %q; want exit %d containing %q", strings.Join(tc.args, " "), code, out+errs, tc.code, tc.contains)
		}
	}
}

func TestYAMLString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"en", "en"},
		{"pt-BR", "pt-BR"},
		{"Français", "Français"},
		{"Português (Brasil)", "Português (Brasil)"},
		{"no", `"no"`},
		{"On", `"On"`},
		{"1.0", `"1.0"`},
		{"🇺🇸 English", `"🇺🇸 English"`},
		{"Docs: the guide", `"Docs: the guide"`},
		{"#hash", `"#hash"`},
		{"", `""`},
		{`say "hi"`, `"say \"hi\""`},
	} {
		if got := yamlString(tt.in); got != tt.want {
			t.Errorf("yamlString(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestInitStaticPages: a repository whose content holds a static/ folder
// of pages is warned that, with the site.yaml init writes, static/ is
// the site's own folder and its pages are no longer pages (regression
// tester: a working repository broke after init, without a word). A
// static/ of images only, or outside the content, is not.
func TestInitStaticPages(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":      "# S\n\n* [Home](README.md)\n* [Notes](static/notes.md)\n",
		"README.md":       "# Home\n",
		"static/notes.md": "# Notes\n",
	})
	if _, _, errs := runInitCmd(t, "--print", dir); !strings.Contains(errs, "static: warning: static/ holds pages (static/notes.md)") {
		t.Errorf("static/ of pages: stderr %q", errs)
	}
	dir = testkit.Site(t, map[string]string{"README.md": "# Home\n", "static/logo.png": "png"})
	if _, _, errs := runInitCmd(t, "--print", dir); strings.Contains(errs, "static/") {
		t.Errorf("static/ of images: stderr %q", errs)
	}
}

// TestInitRepository: in a clone, init writes the repository's web
// address from git's origin, without its credentials, suggests the GitHub
// Pages address as base_url, and says to ignore public/ (tester: a
// writer could commit the built site to the branch Git Sync watches).
func TestInitRepository(t *testing.T) {
	r := testkit.NewGitRepo(t)
	r.Write(map[string]string{"README.md": "# Widgets\n\nThe guide.\n"})
	r.Git("remote", "add", "origin", "https://user:token@github.com/Acme/widgets-docs.git")
	code, _, errs := runInitCmd(t, r.Dir)
	if code != exitOK || !strings.Contains(errs, "note: add public/ to") {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	b, err := os.ReadFile(filepath.Join(r.Dir, config.FileName))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"repo_url: \"https://github.com/Acme/widgets-docs\"\n", "# base_url: https://acme.github.io/widgets-docs/\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("site.yaml lacks %q:\n%s", want, b)
		}
	}
	if strings.Contains(string(b), "token") {
		t.Error("site.yaml holds the origin's credentials")
	}
	c, ds, err := config.Load(r.Dir)
	if err != nil || c.RepoURL != "https://github.com/Acme/widgets-docs" || diag.Count(ds, diag.Warning) > 0 {
		t.Errorf("Load after init: %+v %v %v", c, ds, err)
	}
	// Once ignored, no note.
	r.Write(map[string]string{".gitignore": "public/\n"})
	if _, _, errs = runInitCmd(t, r.Dir, "--force"); strings.Contains(errs, "note: add public/") {
		t.Errorf("the note with public/ ignored: %q", errs)
	}
}

// TestInitPlaceholderTitle: a home page titled "Introduction" names the
// site as the build without site.yaml names it, by that title, not by
// the folder's name (tester: the header changed after init); site.yaml
// says to write the site's name instead.
func TestInitPlaceholderTitle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "widget-docs")
	testkit.WriteFiles(t, dir, map[string]string{"README.md": "# Introduction\n", "SUMMARY.md": "# Table of contents\n\n* [Introduction](README.md)\n"})
	code, out, errs := runInitCmd(t, "--print", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if want := "\n# The home page's heading, which names no site: write the site's name.\ntitle: Introduction\n"; !strings.Contains(out, want) {
		t.Errorf("init did not write %q:\n%s", want, out)
	}
}
