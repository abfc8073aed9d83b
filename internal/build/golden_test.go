package build

import (
	"context"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"folio/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSites builds each small site of testdata/sites/*.txtar (its files
// are the archive's sections, except want.*) and compares the body HTML of
// every page and the diagnostics with want.html and want.diag.
func TestSites(t *testing.T) {
	testkit.EachCase(t, "testdata/sites/*.txtar", func(t *testing.T, file string, ar *txtar.Archive) {
		gotHTML, gotDiag := renderSite(t, testkit.ArchiveSite(t, ar))
		if *update {
			testkit.SetSection(ar, "want.html", []byte(gotHTML))
			testkit.SetSection(ar, "want.diag", []byte(gotDiag))
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if d := cmp.Diff(sectionString(ar, "want.html"), gotHTML); d != "" {
			t.Errorf("HTML mismatch (-want +got):\n%s", d)
		}
		if d := cmp.Diff(sectionString(ar, "want.diag"), gotDiag); d != "" {
			t.Errorf("diagnostics mismatch (-want +got):\n%s", d)
		}
	})
}

// renderSite runs the pipeline up to the page bodies, without a theme or
// output, and returns every page's body and the diagnostics as text.
func renderSite(t *testing.T, dir string) (string, string) {
	t.Helper()
	s, err := load(Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	var html strings.Builder
	for _, l := range s.langs {
		l.discover(context.Background())
		l.buildNav()
		for _, pg := range l.pages {
			var used []string
			body, err := s.renderBody(l, pg, func(p string) { used = append(used, p) })
			if err != nil {
				t.Fatal(err)
			}
			html.WriteString("== /" + pg.url + " (" + pg.title() + ")")
			if len(used) > 0 {
				html.WriteString(" assets: " + strings.Join(used, ", "))
			}
			html.WriteString("\n")
			html.Write(body)
		}
	}
	var ds strings.Builder
	for _, d := range s.allDiags() {
		ds.WriteString(d.String() + " [" + d.Rule + "]\n")
	}
	return html.String(), ds.String()
}

func sectionString(ar *txtar.Archive, name string) string {
	b, _ := testkit.Section(ar, name)
	return string(b)
}
