package site

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"folio/internal/diag"
	"folio/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestSites builds each small site of testdata/sites/*.txtar (its files
// are the archive's sections, except want.* and edit/*) and compares the
// body HTML of every page and the diagnostics with want.html and
// want.diag. An archive with edit/* sections is a live-preview case: the
// site is built by a Session, the edit/ files replace theirs, and the
// pages and diagnostics compared are the session's after its Update,
// which must also be what a fresh build of the edited site gives.
func TestSites(t *testing.T) {
	testkit.EachCase(t, "testdata/sites/*.txtar", func(t *testing.T, file string, ar *txtar.Archive) {
		files, edits := map[string]string{}, map[string]string{}
		for _, f := range ar.Files {
			if p, ok := strings.CutPrefix(f.Name, "edit/"); ok {
				edits[p] = string(f.Data)
			} else if !strings.HasPrefix(f.Name, "want.") {
				files[f.Name] = string(f.Data)
			}
		}
		dir := testkit.Site(t, files)
		var gotHTML, gotDiag string
		if len(edits) == 0 {
			gotHTML, gotDiag = renderSite(t, dir, true)
			// A big site's pages are parsed again to be rendered
			// (bigTrees): that must change nothing.
			regrownHTML, regrownDiag := renderSiteWith(t, dir, true, true)
			if d := cmp.Diff(gotHTML, regrownHTML); d != "" {
				t.Errorf("pages parsed again render otherwise (-kept +regrown):\n%s", d)
			}
			if d := cmp.Diff(gotDiag, regrownDiag); d != "" {
				t.Errorf("pages parsed again report otherwise (-kept +regrown):\n%s", d)
			}
		} else {
			gotHTML, gotDiag = updateSite(t, dir, edits)
		}
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

// rendered is a page's body as a build renders it, before its frame.
type rendered struct {
	j      job
	assets []string // the files of the space it publishes
	body   []byte
}

// renderBodies prepares the site in dir as a build does (prepare: every
// language's space set-up, includes, glossary and variables, pages,
// translations, fallback copies, navigation), then resolves and renders
// every page in a build's order, without a theme or output. It returns
// the pages and the diagnostics of the whole build.
func renderBodies(t *testing.T, dir string) ([]rendered, []diag.Diagnostic) {
	return renderBodiesWith(t, dir, false)
}

// renderBodiesWith is renderBodies, with every tree released after its
// parse and grown again to be rendered when regrow is set.
func renderBodiesWith(t *testing.T, dir string, regrow bool) ([]rendered, []diag.Diagnostic) {
	t.Helper()
	s, err := load(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	s.regrow = regrow
	if err := s.prepare(context.Background()); err != nil {
		t.Fatal(err)
	}
	var out []rendered
	for _, j := range s.jobs() {
		r := rendered{j: j}
		body, err := s.renderBody(j.src, j.pg, func(p string) { r.assets = append(r.assets, p) })
		if err != nil {
			t.Fatal(err)
		}
		r.body = body
		out = append(out, r)
	}
	return out, s.allDiags()
}

// renderSite renders the site in dir (renderBodies) as text: each page's
// heading line, then its body; and the diagnostics, one a line.
func renderSite(t *testing.T, dir string, assets bool) (string, string) {
	t.Helper()
	return renderSiteWith(t, dir, assets, false)
}

// renderSiteWith is renderSite, with regrown trees when regrow is set.
func renderSiteWith(t *testing.T, dir string, assets, regrow bool) (string, string) {
	t.Helper()
	pages, ds := renderBodiesWith(t, dir, regrow)
	var html strings.Builder
	for _, r := range pages {
		writeHeading(&html, r.j.pg)
		if assets && len(r.assets) > 0 {
			html.WriteString(" assets: " + strings.Join(r.assets, ", "))
		}
		html.WriteString("\n")
		html.Write(r.body)
	}
	return html.String(), diagText(ds)
}

// writeHeading writes the line that introduces a page in want.html.
func writeHeading(b *strings.Builder, pg *page) {
	b.WriteString("== /" + pg.url + " (" + pg.title() + ")")
	if pg.origin != nil {
		b.WriteString(" copy of /" + pg.origin.url)
	}
}

func diagText(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String() + " [" + d.Rule + "]\n")
	}
	return b.String()
}

// updateSite builds the site in dir with a Session, writes the edited
// files and updates the session with them. It returns the pages the
// session holds then and the update's diagnostics, as renderSite does
// (without assets), after checking that the update did not need a full
// build and that a fresh build of the edited site gives the same.
func updateSite(t *testing.T, dir string, edits map[string]string) (string, string) {
	t.Helper()
	ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	testkit.WriteFiles(t, dir, edits)
	var changed []string
	for p := range edits {
		changed = append(changed, filepath.Join(dir, filepath.FromSlash(p)))
	}
	res, ok, err := ss.Update(context.Background(), changed)
	if err != nil || !ok {
		t.Fatalf("update: ok=%v err=%v, want an update in place", ok, err)
	}
	var html strings.Builder
	for _, j := range ss.s.jobs() {
		writeHeading(&html, j.pg)
		html.WriteString("\n")
		html.Write(j.pg.body)
	}
	got, gotDiag := html.String(), diagText(res.Diags)
	fresh, freshDiag := renderSite(t, dir, false)
	if d := cmp.Diff(fresh, got); d != "" {
		t.Errorf("the session's pages after the update differ from a fresh build's (-fresh +session):\n%s", d)
	}
	if d := cmp.Diff(freshDiag, gotDiag); d != "" {
		t.Errorf("the update's diagnostics differ from a fresh build's (-fresh +session):\n%s", d)
	}
	return got, gotDiag
}

func sectionString(ar *txtar.Archive, name string) string {
	b, _ := testkit.Section(ar, name)
	return string(b)
}
