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
		{[]string{"build", "--bogus"}, exitUsage, "flag provided but not defined"},
		{[]string{"build", "a", "b"}, exitUsage, "one directory at most"},
		{[]string{"build", "--base-url", "ftp://x", "../.."}, exitFail, "--base-url"},
		{[]string{"build", t.TempDir()}, exitFail, "neither a folio site"},
	}
	for _, tc := range tests {
		code, out, errs := runCmd(t, tc.args...)
		if code != tc.code || !strings.Contains(out+errs, tc.contains) {
			t.Errorf("folio %s: exit %d, output %q; want exit %d containing %q", strings.Join(tc.args, " "), code, out+errs, tc.code, tc.contains)
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
		"1 page, 1 language, 0 assets copied",
		"2 errors",
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
	code, _, errs = runCmd(t, "build", "--quiet", "--out", out, dir)
	if code != exitOK || strings.Contains(errs, "page") && !strings.Contains(errs, "error") {
		t.Errorf("--quiet: exit %d\n%s", code, errs)
	}
	if strings.Contains(errs, "assets copied") {
		t.Errorf("--quiet printed the summary:\n%s", errs)
	}
}
