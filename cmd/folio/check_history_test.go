package main

import (
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestCheckTranslationsOutdated: folio check --translations lists, after
// the untranslated pages, the translations older than their original,
// with both commits and the original's change in lines; plain check lists
// the moved page.
func TestCheckTranslationsOutdated(t *testing.T) {
	isolateCache(t)
	r := testkit.NewReviewRepo(t, "")
	short := func(label string) string { return r.Git("rev-parse", "--short", r.Commits[label]) }
	code, out, errs := runCmd(t, "check", "--translations", r.Site)
	if code != exitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	want := "fr: 2 pages untranslated\n  en/guide/install.md\n  en/guide/new-page.md\n" +
		"fr: 2 translations outdated\n" +
		"  fr/guide/setup.md: en/guide/setup.md changed in " + short("edit") + " on 2024-01-03, after " + short("initial") +
		" (its translated_from): +4 -3 lines since\n" +
		"  fr/engagement.md: en/engagement.md changed in " + short("original") + " on 2024-01-05, after " + short("translation") +
		" (its last change): +2 -2 lines since\n"
	if !strings.HasSuffix(out, want) {
		t.Errorf("check --translations ends with\n%s\nwant\n%s", out, want)
	}
	if !strings.Contains(out, "en/guide/install.md: info: moved from en/guide/old-name.md in "+short("rename")) {
		t.Errorf("check does not list the moved page:\n%s", out)
	}
}

// TestCheckTranslationsNoHistory: without a git history, the outdated
// translations are said to be unknown, not none (t100).
func TestCheckTranslationsNoHistory(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":     "title: T\nlanguages:\n  - code: en\n    dir: en\n  - code: fr\n    dir: fr\n",
		"en/README.md":  "# Home\n",
		"en/SUMMARY.md": "* [Home](README.md)\n",
		"fr/README.md":  "# Accueil\n",
		"fr/SUMMARY.md": "* [Accueil](README.md)\n",
	})
	code, out, errs := runCmd(t, "check", "--translations", dir)
	if code != exitOK || !strings.Contains(out, "fr: outdated translations unknown: no git history\n") || strings.Contains(out, "translations outdated") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
}
