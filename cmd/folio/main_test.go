package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/testkit"
)

func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// isolateCache gives the test an empty user cache folder, so that what
// earlier downloads left there (remote API specs, link results) cannot
// change its outcome.
func isolateCache(t *testing.T) {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", dir)
	t.Setenv("HOME", dir)
	t.Setenv("LocalAppData", dir)
}

func TestUsage(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		contains string
	}{
		{nil, exitUsage, "Usage:"},
		{[]string{"frobnicate"}, exitUsage, `unknown command "frobnicate"`},
		{[]string{"version"}, exitOK, "folio "},
		{[]string{"help"}, exitOK, "folio build"},
		{[]string{"help", "build"}, exitOK, "--base-url"},
		{[]string{"build", "--help"}, exitOK, "--no-minify"},
		{[]string{"help", "build"}, exitOK, "--offline"},
		{[]string{"help", "check"}, exitOK, "--offline"},
		{[]string{"help", "serve"}, exitOK, "--offline"},
		{[]string{"help", "init"}, exitOK, "Usage"},
		// The defaults the guide gives (t100).
		{[]string{"help", "serve"}, exitOK, "port to listen on (default 4000)"},
		{[]string{"help", "serve"}, exitOK, "(default 127.0.0.1)"},
		{[]string{"help", "check"}, exitOK, "or junit (default text)"},
		{[]string{"help", "nosuch"}, exitUsage, `no help for "nosuch"`},
		{[]string{"build", "--bogus"}, exitUsage, "folio build: unknown flag --bogus (folio build -h lists the flags)"},
		{[]string{"build", "--out"}, exitUsage, "folio build: --out needs a value"},
		// --out "$OUT" with OUT unset is no build into public/ (t63).
		{[]string{"build", "--out", ""}, exitUsage, "folio build: --out is empty"},
		{[]string{"build", "--out="}, exitUsage, "folio build: --out is empty"},
		{[]string{"build", "-nope=1"}, exitUsage, "folio build: unknown flag -nope (folio build -h lists the flags)"},
		{[]string{"serve", "--port", "x"}, exitUsage, `invalid value "x" for --port`},
		{[]string{"build", "--strict=maybe"}, exitUsage, `invalid boolean value "maybe" for --strict`},
		{[]string{"build", "a", "b"}, exitUsage, "one directory at most"},
		{[]string{"build", "--", "a", "--out", "x"}, exitUsage, "one directory at most"},
		{[]string{"version", "extra"}, exitUsage, "no arguments"},
		{[]string{"version", "--help"}, exitOK, "Usage: folio version"},
		{[]string{"help", "version"}, exitOK, "Usage: folio version"},
		{[]string{"help", "help"}, exitOK, "folio build"},
		{[]string{"help", "-h"}, exitOK, "folio build"},
		{[]string{"help", "--help"}, exitOK, "folio build"},
		// "--" as --out's value ends no flags: --strict is one.
		{[]string{"build", "--out", "--", "nosuchdir", "--strict"}, exitFail, "nosuchdir"},
		// A wrong flag value is a usage error, as a port out of range.
		{[]string{"build", "--base-url", "ftp://x", "../.."}, exitUsage, "--base-url"},
		{[]string{"build", "--base-url", "example.org/docs/", "../.."}, exitUsage, "--base-url"},
		{[]string{"serve", "--base-url", "https://u:p@example.org/", "../.."}, exitUsage, "--base-url"},
		// A flag as another's value is a slip, not a folder named "--strict".
		{[]string{"build", "nosuchdir", "--out", "--strict"}, exitUsage, "--out needs a value, but is followed by the flag --strict"},
		{[]string{"serve", "--port", "-open"}, exitUsage, "--port needs a value"},
		{[]string{"build", "--out", "--help"}, exitUsage, "--out needs a value"},
		{[]string{"build", "--out=--strict", "nosuchdir"}, exitFail, "nosuchdir"},
		{[]string{"build", "--out", "-x", "nosuchdir"}, exitFail, "nosuchdir"},
		{[]string{"build", t.TempDir()}, exitFail, "neither a folio site"},
	}
	for _, tc := range tests {
		code, out, errs := runCmd(t, tc.args...)
		if code != tc.code || !strings.Contains(out+errs, tc.contains) {
			t.Errorf("folio %s: exit %d, output %q; want exit %d containing %q", strings.Join(tc.args, " "), code, out+errs, tc.code, tc.contains)
		}
	}
	// Help asked for is on standard output, as folio help prints it
	// (t91: folio build -h | less showed nothing).
	for _, cmd := range []string{"build", "check", "serve", "init"} {
		for _, flag := range []string{"-h", "--help"} {
			code, out, errs := runCmd(t, cmd, flag)
			if code != exitOK || !strings.Contains(out, "Usage: folio "+cmd) || errs != "" {
				t.Errorf("folio %s %s: exit %d, stdout %q, stderr %q; want the usage on stdout", cmd, flag, code, out, errs)
			}
		}
	}
}

func TestBuildExitCodes(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Gone](gone.md)\n",
		"README.md":  "# Home\n\n[x](missing.md)\n",
	})
	out := filepath.Join(t.TempDir(), "site")

	// Flags after the directory work as well as before it.
	code, _, errs := runCmd(t, "build", dir, "--out", out)
	if code != exitOK {
		t.Fatalf("build without --strict: exit %d\n%s", code, errs)
	}
	for _, want := range []string{
		"SUMMARY.md:4:1: error: SUMMARY.md entry \"Gone\" points to a missing file gone.md",
		"README.md:3:1: error: missing target missing.md",
		"1 page, 1 language, 0 assets copied, 0 Markdown files not published, 0 warnings, 2 errors",
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Fatal("no output written")
	}

	code, _, errs = runCmd(t, "build", "--strict", "--out", out, dir)
	if code != exitFail || !strings.Contains(errs, "left unchanged") {
		t.Errorf("--strict with errors: exit %d\n%s", code, errs)
	}
	// Without a previous output, it says nothing was written (not that
	// a folder that does not exist was left unchanged).
	fresh := filepath.Join(t.TempDir(), "fresh")
	if code, _, errs = runCmd(t, "build", "--strict", "--out", fresh, dir); code != exitFail || !strings.Contains(errs, "--strict: nothing written to "+fresh) {
		t.Errorf("--strict with errors, no output before: exit %d\n%s", code, errs)
	}
	code, _, errs = runCmd(t, "build", "--quiet", "--out", out, dir)
	if code != exitOK || strings.Contains(errs, "page") && !strings.Contains(errs, "error") {
		t.Errorf("--quiet: exit %d\n%s", code, errs)
	}
	if strings.Contains(errs, "assets copied") {
		t.Errorf("--quiet printed the summary:\n%s", errs)
	}
}

// TestBuildOffline builds a page whose API block names a remote spec that
// site.yaml does not map: --offline downloads nothing, the block shows its
// link and the build reports it as a warning, so that even --strict (which
// fails on errors only) writes the site.
func TestBuildOffline(t *testing.T) {
	isolateCache(t)
	const spec = "https://specs.invalid/acme/v1/api/openapi.yaml"
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [API](api.md)\n",
		"README.md":  "# Home\n",
		"api.md": "# API\n\n{% openapi src=\"" + spec + "\" path=\"/pets\" method=\"get\" %}\n" +
			"[" + spec + "](" + spec + ")\n{% endopenapi %}\n",
	})
	out := filepath.Join(t.TempDir(), "site")
	wantDiag := "api.md:3:1: warning: spec " + spec + " could not be read: not downloaded: --offline forbids downloads"
	for _, args := range [][]string{
		{"build", "--offline", "--out", out, dir},
		{"build", "--offline", "--strict", "--out", out, dir},
	} {
		if err := os.RemoveAll(out); err != nil {
			t.Fatal(err)
		}
		code, _, errs := runCmd(t, args...)
		if code != exitOK {
			t.Errorf("folio %s: exit %d\n%s", strings.Join(args, " "), code, errs)
		}
		if !strings.Contains(errs, wantDiag) {
			t.Errorf("folio %s: no offline diagnostic for the block:\n%s", strings.Join(args, " "), errs)
		}
		if !strings.Contains(errs, "1 warning, 0 errors") {
			t.Errorf("folio %s: summary:\n%s", strings.Join(args, " "), errs)
		}
		page, err := os.ReadFile(filepath.Join(out, "api", "index.html"))
		if err != nil {
			t.Fatalf("folio %s: %v", strings.Join(args, " "), err)
		}
		if !strings.Contains(string(page), spec) {
			t.Errorf("folio %s: the page does not link the spec:\n%s", strings.Join(args, " "), page)
		}
	}
	// check fails on warnings under --strict, and on errors only without.
	if code, _, errs := runCmd(t, "check", "--offline", dir); code != exitOK {
		t.Errorf("check --offline: exit %d\n%s", code, errs)
	}
	if code, out, _ := runCmd(t, "check", "--offline", "--strict", dir); code != exitFail || !strings.Contains(out, "[api-spec-remote]") {
		t.Errorf("check --offline --strict: exit %d\n%s", code, out)
	}
}

// TestSiteAbove: run from a subfolder of a site, folio says where the
// site's folder is; not from the site's folder, nor past the top of a
// git work tree.
func TestSiteAbove(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"site/site.yaml", "site/guide/deep/x.md", "repo/.git/HEAD", "repo/docs/a.md", "site.yaml"} {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for dir, want := range map[string]string{
		"site": "", "site/guide": "..", "site/guide/deep": filepath.Join("..", ".."),
		"repo/docs": "", // the work tree's top is reached first
	} {
		if got := siteAbove(filepath.Join(root, dir)); got != want {
			t.Errorf("siteAbove(%s) = %q, want %q", dir, got, want)
		}
	}
}

// TestQuietSiteAbove: run with --quiet from a subfolder of a site, folio
// prints no note about the site above, errors only (t100).
func TestQuietSiteAbove(t *testing.T) {
	root := testkit.Site(t, map[string]string{
		"site.yaml":       "title: T\n",
		"SUMMARY.md":      "# Summary\n\n* [Home](README.md)\n",
		"README.md":       "# Home\n",
		"guide/README.md": "# Guide\n",
	})
	t.Chdir(filepath.Join(root, "guide"))
	out := filepath.Join(t.TempDir(), "site")
	if code, _, errs := runCmd(t, "build", "--quiet", "--out", out); code != exitOK || errs != "" {
		t.Errorf("--quiet: exit %d, stderr:\n%s", code, errs)
	}
	if code, _, errs := runCmd(t, "build", "--out", out); code != exitOK || !strings.Contains(errs, "note: no site.yaml here") {
		t.Errorf("without --quiet: exit %d, stderr:\n%s", code, errs)
	}
}

// TestServeBadHost: a host that names no address of this machine is told
// to be checked, not to choose another port (t50).
func TestServeBadHost(t *testing.T) {
	dir := testkit.Site(t, map[string]string{"README.md": "# Home\n"})
	var out, errs strings.Builder
	code := run(context.Background(), []string{"serve", dir, "--host", "192.0.2.1", "--port", "0"}, &out, &errs)
	if code != exitFail || !strings.Contains(errs.String(), "check --host") || strings.Contains(errs.String(), "--port") {
		t.Errorf("exit %d, stderr %q", code, errs.String())
	}
}
