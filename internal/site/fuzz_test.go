package site

import (
	"context"
	"strings"
	"testing"

	"folio/internal/diag"
	"folio/internal/markdown"

	"folio/internal/testkit"
)

// FuzzResolve: any link destination, written in any page, resolves
// without a panic to a URL that stays inside the site and never runs
// code.
func FuzzResolve(f *testing.F) {
	for _, s := range []string{"a.md", "../../etc/passwd", "%2e%2e/x", "#x", "javascript:alert(1)", "https://app.gitbook.com/s/x/y", "broken-reference",
		"guide/", "./#a", "<x y>", "https://example.gitbook.io/docs/a", "a.md?x=1#y", "\x00", "//evil.example/x"} {
		f.Add(s, "guide/install.md")
	}
	dir := testkit.Site(f, map[string]string{
		"site.yaml":        "title: F\ngitbook_url: https://example.gitbook.io/docs\n",
		"SUMMARY.md":       "# S\n\n* [Home](README.md)\n* [Install](guide/install.md)\n",
		"README.md":        "# Home\n",
		"guide/install.md": "# Install\n\n## A\n",
		"img/x.png":        "x",
	})
	s, err := load(context.Background(), Options{Dir: dir})
	if err != nil {
		f.Fatal(err)
	}
	defer s.close()
	if err := s.prepare(f.Context()); err != nil {
		f.Fatal(err)
	}
	l := s.langs[0]
	f.Fuzz(func(t *testing.T, dest, from string) {
		pg := l.byPath[from]
		if pg == nil {
			pg = l.pages[0]
		}
		r := l.resolve(pg, markdown.Ref{Dest: dest, Kind: markdown.RefLink, Line: 1, Col: 1}, func(diag.Diagnostic) {}, func(string) {})
		if r.Plain || r.Keep {
			return
		}
		u := r.URL
		if strings.Contains(strings.ToLower(u), "javascript:") || strings.HasPrefix(u, "//") {
			t.Fatalf("%q resolved to %q", dest, u)
		}
		if strings.Contains(u, "://") {
			return // another site, by configuration
		}
		depth := strings.Count(pg.url, "/")
		up := 0
		for rest := u; strings.HasPrefix(rest, "../"); rest = rest[3:] {
			up++
		}
		if up > depth {
			t.Fatalf("%q from %s resolved to %q, above the site root", dest, pg.path, u)
		}
	})
}
