package site

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// searchIndex reads a language's search-index.js: its pages ([url,
// title]) and sections ([page, id, heading, text]).
func searchIndex(t *testing.T, file string) (pages [][]string, sections [][4]any) {
	t.Helper()
	src := readFile(t, file)
	src = strings.TrimPrefix(src, "window.folioSearchIndex=")
	src = strings.TrimSuffix(src, ";\n")
	var ix struct {
		Pages    [][]string
		Sections [][4]any
	}
	if err := json.Unmarshal([]byte(src), &ix); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return ix.Pages, ix.Sections
}

var fallbackSearchSite = map[string]string{
	"site.yaml":      fallbackYAML,
	"en/SUMMARY.md":  "# S\n\n* [Home](README.md)\n* [Guide](guide.md)\n* [Advanced](advanced.md)\n* [API](api.md)\n* [Hidden](hidden.md)\n",
	"en/README.md":   "# Home\n\nWelcome.\n",
	"en/guide.md":    "# Guide\n\nRead on.\n",
	"en/advanced.md": "# Advanced\n\nTuning knobs.\n\n## Caching\n\nThe cache keeps rendered fragments.\n",
	"en/api.md":      "# API\n\nEndpoints.\n",
	"en/hidden.md":   "---\nnoIndex: true\n---\n\n# Hidden\n\nSecret words.\n",
	"fr/SUMMARY.md":  "# S\n\n* [Accueil](README.md)\n* [Guide](guide.md)\n",
	"fr/README.md":   "# Accueil\n\nBienvenue.\n",
	"fr/guide.md":    "# Guide\n\nLisez la suite.\n",
}

// TestSearchFallback: the pages a language shows from the default one
// (fallback: true) are in its search index, at their own addresses in
// that language, in its reading order; noIndex still leaves one out. The
// default language's index is unchanged by them.
func TestSearchFallback(t *testing.T) {
	dir := testkit.Site(t, fallbackSearchSite)
	out, _ := built(t, Options{Dir: dir})
	pages, sections := searchIndex(t, filepath.Join(out, "fr/search-index.js"))
	var urls []string
	for _, p := range pages {
		urls = append(urls, p[0]+" "+p[1])
	}
	if got, want := strings.Join(urls, " | "), "fr/ Accueil | fr/guide/ Guide | fr/advanced/ Advanced | fr/api/ API"; got != want {
		t.Errorf("French index pages:\n got %s\nwant %s", got, want)
	}
	for _, p := range pages {
		lang := ""
		if len(p) > 2 {
			lang = p[2]
		}
		if want := map[bool]string{true: "en"}[p[0] == "fr/advanced/" || p[0] == "fr/api/"]; lang != want {
			t.Errorf("French index: page %s has lang %q, want %q", p[0], lang, want)
		}
	}
	found := false
	for _, s := range sections {
		if s[1] == "caching" && s[3] == "The cache keeps rendered fragments." && pages[int(s[0].(float64))][0] == "fr/advanced/" {
			found = true
		}
	}
	if !found {
		t.Errorf("French index lacks the copy's section #caching: %v", sections)
	}
	enPages, _ := searchIndex(t, filepath.Join(out, "en/search-index.js"))
	if len(enPages) != 4 || enPages[2][0] != "en/advanced/" {
		t.Errorf("English index pages: %v", enPages)
	}

	// The same bytes from a second build.
	again := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Dir: dir, Out: again}); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"en/search-index.js", "fr/search-index.js"} {
		if readFile(t, filepath.Join(out, f)) != readFile(t, filepath.Join(again, f)) {
			t.Errorf("%s differs between two builds", f)
		}
	}
}

// TestSearchFallbackSession: a session's update keeps the fallback
// copies' entries as a full build makes them: after an edit of their
// original, and after a reorder of the default language's SUMMARY.md,
// which moves them in the other language's reading order.
func TestSearchFallbackSession(t *testing.T) {
	dir := testkit.Site(t, fallbackSearchSite)
	opts := Options{Dir: dir, NoMinify: true, Dev: true}
	ss, out := builtSession(t, opts)
	sameAsBuild := func(step string) {
		t.Helper()
		ss.search.Wait()
		full := filepath.Join(t.TempDir(), "full")
		o := opts
		o.Out = full
		if _, err := Build(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"en/search-index.js", "fr/search-index.js"} {
			if got, want := readFile(t, filepath.Join(out, f)), readFile(t, filepath.Join(full, f)); got != want {
				t.Errorf("%s: %s differs from a full build:\n%s\nwant\n%s", step, f, got, want)
			}
		}
	}

	adv := filepath.Join(dir, "en/advanced.md")
	if err := os.WriteFile(adv, []byte("# Advanced\n\nTuning dials.\n\n## Caching\n\nThe cache keeps pages.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := ss.Update(context.Background(), []string{adv}); err != nil || !ok {
		t.Fatalf("page edit: ok=%v err=%v", ok, err)
	}
	sameAsBuild("page edit")
	if !strings.Contains(readFile(t, filepath.Join(out, "fr/search-index.js")), "The cache keeps pages.") {
		t.Error("the French index lacks the copy's new text")
	}

	sum := filepath.Join(dir, "en/SUMMARY.md")
	if err := os.WriteFile(sum, []byte("# S\n\n* [Home](README.md)\n* [API](api.md)\n* [Guide](guide.md)\n* [Advanced](advanced.md)\n* [Hidden](hidden.md)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := ss.Update(context.Background(), []string{sum}); err != nil || !ok {
		t.Fatalf("summary reorder: ok=%v err=%v", ok, err)
	}
	sameAsBuild("summary reorder")
	pages, _ := searchIndex(t, filepath.Join(out, "fr/search-index.js"))
	if len(pages) != 4 || pages[1][0] != "fr/api/" {
		t.Errorf("French index pages after the reorder: %v", pages)
	}
}
