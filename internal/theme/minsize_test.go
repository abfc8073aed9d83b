package theme_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/internal/output"
	"folio/internal/site"
	"folio/internal/testkit"
)

// goParts finds, in a page of the default theme, the markup that the Go
// code writes rather than a template: the sidebar's lists (SidebarParts),
// the outline's items (OutlineItems) and the previous/next links
// (PaginationLinks).
var goParts = map[string]*regexp.Regexp{
	"sidebar":    regexp.MustCompile(`<div class=sidebar-inner>(.*?)</div></nav>`),
	"outline":    regexp.MustCompile(`<ul class=outline-list>(.*?)</ul>`),
	"pagination": regexp.MustCompile(`<nav class=pagination[^>]*>(.*?)</nav>`),
}

// TestPagesMinified holds every page that folio build writes for each
// shared corpus to within 0.5 % of what re-minifying it gives, and the
// parts the Go code writes to exactly their minified form: they are most
// of a page, and writing them minified spares minifying each page whole.
func TestPagesMinified(t *testing.T) {
	if testing.Short() {
		t.Skip("builds every corpus")
	}
	corpus := testkit.CorpusDir(t)
	entries, err := os.ReadDir(corpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "public")
			if _, err := site.Build(context.Background(), site.Options{Dir: filepath.Join(corpus, e.Name()), Out: out, Offline: true}); err != nil {
				t.Fatal(err)
			}
			var pages, total, minTotal int
			found := map[string]int{}
			worst, worstPage := 0.0, ""
			err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
					return err
				}
				rel, _ := filepath.Rel(out, p)
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				m, err := output.MinifyFile(p, b)
				if err != nil {
					return err
				}
				pages++
				total += len(b)
				minTotal += len(m)
				over := float64(len(b)-len(m)) / float64(len(m))
				if over > worst {
					worst, worstPage = over, rel
				}
				if over > 0.005 {
					t.Errorf("%s: %d bytes, %d re-minified: %.2f %% over, want at most 0.5 %%", rel, len(b), len(m), 100*over)
				}
				for name, re := range goParts {
					for _, sub := range re.FindAllSubmatch(b, -1) {
						found[name]++
						part := sub[1]
						if m, err := output.MinifyFile("part.html", part); err != nil || string(m) != string(part) {
							t.Errorf("%s: the %s is not minified:\n%s\nminified:\n%s", rel, name, part, m)
						}
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if pages == 0 {
				t.Fatal("no pages built")
			}
			for name := range goParts {
				if found[name] == 0 {
					t.Errorf("no %s found in any page: has the theme's markup changed?", name)
				}
			}
			t.Logf("%d pages, %d bytes, %d re-minified (%.2f %% over); worst %s (%.2f %%)", pages, total, minTotal,
				100*float64(total-minTotal)/float64(minTotal), worstPage, 100*worst)
		})
	}
}
