package main

import (
	"context"
	"html"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/internal/site"
	"folio/internal/testkit"
)

// siteNameRe finds the site's name in the header of a built page.
var siteNameRe = regexp.MustCompile(`class="?site-name"?>([^<]*)<`)

// builtSiteNames builds the site in dir and returns the name each home
// page's header shows, by the page's path in the output.
func builtSiteNames(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	if _, err := site.Build(context.Background(), site.Options{Dir: dir, Out: out, Offline: true}); err != nil {
		t.Fatal(err)
	}
	homes, err := filepath.Glob(filepath.Join(out, "*", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, f := range append(homes, filepath.Join(out, "index.html")) {
		b, err := os.ReadFile(f)
		if err != nil {
			continue // a site of languages may have no page at its top
		}
		rel, _ := filepath.Rel(out, f)
		if m := siteNameRe.FindSubmatch(b); m != nil {
			names[filepath.ToSlash(rel)] = html.UnescapeString(string(m[1]))
		}
	}
	return names
}

// TestInitKeepsSiteTitle: the site.yaml init writes titles the site as a
// build without it does, so that running init changes no header or tab
// (testers: a README "# Welcome" became the folder's name, book.json's
// root and structure were not read, and a SUMMARY.md title such as "Table
// of contents for my book" or "目录" became the site's).
func TestInitKeepsSiteTitle(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		title string // the title line init writes
	}{
		{"placeholder home", map[string]string{
			"README.md":  "# Welcome\n\nThe handbook.\n",
			"SUMMARY.md": "# Table of contents\n\n* [Welcome](README.md)\n",
		}, "title: Welcome"},
		{"book.json root and structure", map[string]string{
			"book.json":      `{"root": "docs", "structure": {"readme": "INTRO.md", "summary": "TOC.md"}}`,
			"docs/INTRO.md":  "# Rocket Manual\n\nHow to fly.\n",
			"docs/TOC.md":    "# Summary\n\n* [Intro](INTRO.md)\n",
			"docs/README.md": "# Notes for GitHub\n",
		}, "title: Rocket Manual"},
		{"summary title", map[string]string{
			"README.md":  "# Introduction\n\nSome words.\n",
			"SUMMARY.md": "# Table of contents for my book\n\n* [Introduction](README.md)\n",
		}, "title: Introduction"},
		{"summary title in Chinese", map[string]string{
			"README.md":  "# Introduction\n\nSome words.\n",
			"SUMMARY.md": "# 目录\n\n* [Introduction](README.md)\n",
			"book.json":  "{}",
		}, "title: Introduction"},
		{"untitled home, summary label", map[string]string{
			"README.md":  "Some words, no heading.\n",
			"SUMMARY.md": "# Contents\n\n* [Getting to Mars](README.md)\n",
		}, "title: Getting to Mars"},
		{"no README, first page", map[string]string{
			"SUMMARY.md": "# Field Manual\n\n* [Start](start.md)\n",
			"start.md":   "# Start here\n",
		}, "title: Start here"},
		{"templated heading", map[string]string{
			"book.json": `{"variables": {"product": "Rocket"}}`,
			"README.md": "# {{ book.product }} Guide\n",
		}, "title: Rocket Guide"},
		{"HTML heading", map[string]string{
			"README.md": "<h1 align=\"center\">\n  Acme Toolkit\n</h1>\n\nAcme does things.\n",
		}, "title: Acme Toolkit"},
		{"sections titled by their spaces", map[string]string{
			"docs.yaml": "site:\n  structure:\n" +
				"    - type: section\n      key: docs\n      title: Documentation\n      default: true\n" +
				"      children:\n        - type: space\n          key: docs-en\n          content: {directory: docs, language: en}\n" +
				"    - type: section\n      key: dev\n      title: Developers\n      path: developers\n" +
				"      children:\n        - type: space\n          key: dev-en\n          content: {directory: developers, language: en}\n",
			"docs/README.md":       "# Acme\n",
			"developers/README.md": "# Acme API\n",
		}, "# title: My documentation"},
		{"languages of their own titles", map[string]string{
			"LANGS.md":     "* [English](en/)\n* [Français](fr/)\n",
			"book.json":    `{"title": "The Widget Book"}`,
			"en/book.json": `{"title": "Widgets"}`,
			"en/README.md": "# Introduction\n",
			"fr/README.md": "# Introduction\n",
		}, "title: Widgets"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "acme-docs")
			testkit.WriteFiles(t, dir, tt.files)
			want := builtSiteNames(t, dir)
			if code, _, errs := runInitCmd(t, dir); code != exitOK {
				t.Fatalf("init: exit %d: %s", code, errs)
			}
			written, err := os.ReadFile(filepath.Join(dir, "site.yaml"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains("\n"+string(written), "\n"+tt.title+"\n") {
				t.Errorf("site.yaml lacks %q:\n%s", tt.title, written)
			}
			if got := builtSiteNames(t, dir); !maps.Equal(got, want) {
				t.Errorf("site names after init %v, before %v; site.yaml:\n%s", got, want, written)
			}
		})
	}
}
