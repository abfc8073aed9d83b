package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/internal/diag"
	"folio/internal/search"
	"folio/internal/testkit"
)

// TestSessionUpdate: an update after editing pages gives the same pages and
// diagnostics as a full build of the edited site, re-renders the pages that
// show something of the edited one, and leaves structural changes to a
// full build.
func TestSessionUpdate(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n* [B](b.md)\n* [C](c.md)\n",
		"README.md":  "# Home\n\n{% content-ref url=\"a.md\" %}\n[a.md](a.md)\n{% endcontent-ref %}\n",
		"a.md":       "---\ndescription: About A.\n---\n\n# A\n\n## Part one\n\nText of A.\n",
		"b.md":       "# B\n\nSee [part one](a.md#part-one).\n",
		"c.md":       "# C\n\nUnrelated.\n",
		"extra.md":   "# Extra\n",
	})
	ss, out := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	cBefore, _ := os.Stat(filepath.Join(out, "c/index.html"))
	time.Sleep(10 * time.Millisecond)

	// Retitle A and rename its heading: the home page's card, B's anchor
	// check and the neighbours' previous/next links must follow.
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\ndescription: All about A.\n---\n\n# A renamed\n\n## Part 1\n\nNew text of A.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, ok, err := ss.Update(context.Background(), []string{filepath.Join(dir, "a.md")})
	if err != nil || !ok {
		t.Fatalf("update: ok=%v err=%v", ok, err)
	}
	for file, want := range map[string]string{
		"a/index.html": "New text of A.",
		"index.html":   "A renamed", // card and next link
		"b/index.html": "A renamed", // previous link
	} {
		if b, _ := os.ReadFile(filepath.Join(out, file)); !strings.Contains(string(b), want) {
			t.Errorf("%s lacks %q after the update", file, want)
		}
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); !strings.Contains(string(b), "All about A.") {
		t.Error("the home page's card still shows the old description")
	}
	if cAfter, _ := os.Stat(filepath.Join(out, "c/index.html")); !cAfter.ModTime().Equal(cBefore.ModTime()) {
		t.Error("an unrelated page was rewritten")
	}
	// The same diagnostics as a full build of the edited site: B's anchor
	// is now broken.
	full, err := Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(res.Diags) != fmt.Sprint(full.Diags) {
		t.Errorf("update diagnostics differ from a full build:\nupdate: %v\nfull:   %v", res.Diags, full.Diags)
	}
	if !strings.Contains(fmt.Sprint(res.Diags), "anchor #part-one") {
		t.Errorf("B's broken anchor not reported: %v", res.Diags)
	}
	// The search index too: A's new words, not the build's merge.
	ss.search.Wait()
	fullOut := filepath.Join(t.TempDir(), "full")
	if _, err := Build(context.Background(), Options{Dir: dir, Out: fullOut, NoMinify: true, Dev: true}); err != nil {
		t.Fatal(err)
	}
	// The print page too: A's new title and text, in its place.
	if got, want := readTree(t, out)["print/index.html"], readTree(t, fullOut)["print/index.html"]; string(got) != string(want) || !strings.Contains(string(got), "New text of A.") {
		t.Errorf("print page after the update differs from a full build:\n%s\nwant\n%s", got, want)
	}
	if got, want := readTree(t, out)[search.ScriptName], readTree(t, fullOut)[search.ScriptName]; string(got) != string(want) {
		t.Error("search index after the update differs from a full build")
	}

	// Changes that are not the text of published pages need a full build.
	for _, c := range []struct {
		name, file, body string
	}{
		{"summary", "SUMMARY.md", "# S\n\n* [Home](README.md)\n* [C](c.md)\n"},
		{"link to an unpublished page", "c.md", "# C\n\n[extra](extra.md)\n"},
		{"new file", "new.md", "# New\n"},
		{"asset", "img.png", "x"},
	} {
		if err := os.WriteFile(filepath.Join(dir, c.file), []byte(c.body), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := ss.Update(context.Background(), []string{filepath.Join(dir, c.file)}); ok || err != nil {
			t.Errorf("%s: update ok=%v err=%v, want a full build", c.name, ok, err)
		}
	}
}

// TestSessionUpdateAssetError: an asset that cannot be published during
// an update fails the update, as it fails a build; the page's render
// succeeding must not hide the error.
func TestSessionUpdateAssetError(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
		"README.md":  "# Home\n",
		"a.md":       "# A\n\nNo picture yet.\n",
		"pics/x.png": "not really a PNG",
	})
	ss, out := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	// A file where the asset's folder must go: linking the asset fails.
	if err := os.WriteFile(filepath.Join(out, "pics"), []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\n![A picture](pics/x.png)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := ss.Update(context.Background(), []string{filepath.Join(dir, "a.md")})
	if err == nil || !strings.Contains(err.Error(), "pics") {
		t.Errorf("update error = %v, want the failure to publish pics/x.png", err)
	}
}

// TestSessionSummaryReorder: reordering and relabelling SUMMARY.md
// re-frames the pages without a full build; the result is what a full
// build of the edited site gives.
func TestSessionSummaryReorder(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":  "# S\n\n* [Home](README.md)\n* [A](a.md)\n* [Glossary](GLOSSARY.md)\n* [B](b.md)\n",
		"README.md":   "# Home\n",
		"a.md":        "# A\n\nText A.\n",
		"b.md":        "# B\n\nText B.\n",
		"GLOSSARY.md": "# Glossary\n\n## Term\n\nWhat a term means.\n",
	})
	opts := Options{Dir: dir, NoMinify: true, Dev: true, BaseURL: "https://docs.example.org/"}
	ss, out := builtSession(t, opts)
	sum := filepath.Join(dir, "SUMMARY.md")
	if err := os.WriteFile(sum, []byte("# S\n\n## Part\n\n* [Home](README.md)\n* [Bee](b.md \"Bumblebee\")\n* [Glossary](GLOSSARY.md)\n* [A](a.md)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := ss.Update(context.Background(), []string{sum}); err != nil || !ok {
		t.Fatalf("summary reorder: ok=%v err=%v", ok, err)
	}
	ss.search.Wait()
	b := string(readTree(t, out)["b/index.html"])
	for _, want := range []string{"Bumblebee", "Part", `rel=next href=../GLOSSARY/`, "Text B."} {
		if !strings.Contains(b, want) {
			t.Errorf("b/index.html lacks %q after the reorder", want)
		}
	}
	// The same as a full build, page for page.
	full := filepath.Join(t.TempDir(), "full")
	opts.Out = full
	if _, err := Build(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	got, want := readTree(t, out), readTree(t, full)
	for _, name := range []string{"index.html", "a/index.html", "b/index.html", "GLOSSARY/index.html", search.ScriptName, "sitemap.xml", "print/index.html"} {
		if string(got[name]) != string(want[name]) {
			t.Errorf("%s differs from a full build", name)
		}
	}
}

// TestSessionLaterError: when what an update writes after the reload
// (search index, print page) cannot be written, the next result says so,
// as an error, once.
// TestSessionIconHidden: an edit that changes a page's icon or hidden
// flag, which every page's sidebar and its neighbours' links show, is
// not updated in place: the session asks for a full build.
func TestSessionIconHidden(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n* [B](b.md)\n",
		"README.md":  "# Home\n",
		"a.md":       "# A\n\nText.\n",
		"b.md":       "# B\n\nText.\n",
	})
	ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	b := filepath.Join(dir, "b.md")
	for _, src := range []string{"---\nicon: book\n---\n# B\n\nText.\n", "---\nicon: book\nhidden: true\n---\n# B\n\nText.\n"} {
		if err := os.WriteFile(b, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := ss.Update(context.Background(), []string{b}); err != nil || ok {
			t.Errorf("update of %q: ok=%v err=%v, want a full build", src, ok, err)
		}
		if _, err := ss.Build(context.Background(), filepath.Join(t.TempDir(), "site")); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSessionLaterError(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
		"README.md":  "# Home\n",
		"a.md":       "# A\n\nText A.\n",
	})
	ss, out := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	// A file where the print page's folder was: its page cannot be written.
	if err := os.RemoveAll(filepath.Join(out, "print")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "print"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	a := filepath.Join(dir, "a.md")
	update := func(text string) *Result {
		t.Helper()
		if err := os.WriteFile(a, []byte("# A\n\n"+text+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		res, ok, err := ss.Update(context.Background(), []string{a})
		if err != nil || !ok {
			t.Fatalf("update: ok=%v err=%v", ok, err)
		}
		return res
	}
	if res := update("One."); strings.Contains(fmt.Sprint(res.Diags), "[output]") {
		t.Errorf("first update reports an error before its writing: %v", res.Diags)
	}
	res := update("Two.")
	var found int
	for _, d := range res.Diags {
		if d.Rule == "output" && d.Severity == diag.Error && strings.Contains(d.Msg, "print") {
			found++
		}
	}
	if found != 1 {
		t.Errorf("second update: %d output errors for the print page, want 1: %v", found, res.Diags)
	}
}

// TestSessionGlossaryEdit: the glossary's terms are linked from every
// page of its language: an edit of it is not an update of the glossary
// page alone.
func TestSessionGlossaryEdit(t *testing.T) {
	for _, files := range []map[string]string{
		{"book.json": "{}\n"}, // a HonKit book
		{"site.yaml": "title: Site\n"},
	} {
		files["SUMMARY.md"] = "# S\n\n* [Home](README.md)\n* [Glossary](GLOSSARY.md)\n"
		files["README.md"] = "# Home\n\nA Widget is here.\n\nA Gadget too.\n"
		files["GLOSSARY.md"] = "# Glossary\n\n## Widget\n\nOLD DEFINITION.\n"
		dir := testkit.Site(t, files)
		ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
		g := filepath.Join(dir, "GLOSSARY.md")
		testkit.WriteFiles(t, dir, map[string]string{"GLOSSARY.md": "# Glossary\n\n## Widget\n\nNEW DEFINITION.\n\n## Gadget\n\nA gadget.\n"})
		if _, ok, err := ss.Update(context.Background(), []string{g}); ok || err != nil {
			t.Errorf("glossary edit: update ok=%v err=%v, want a full build", ok, err)
		}
	}
}

// TestSessionUpdateIncludedPage: a page that another includes is shown
// there too: an update of it re-renders the page that includes it.
func TestSessionUpdateIncludedPage(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [B](b.md)\n* [C](c.md)\n",
		"README.md":  "# Home\n\n{% include \"b.md\" %}\n",
		"b.md":       "Old text.\n",
		"c.md":       "# C\n\nUnrelated.\n",
	})
	ss, out := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	testkit.WriteFiles(t, dir, map[string]string{"b.md": "New text.\n"})
	if _, ok, err := ss.Update(context.Background(), []string{filepath.Join(dir, "b.md")}); !ok || err != nil {
		t.Fatalf("update: ok=%v err=%v", ok, err)
	}
	for _, file := range []string{"index.html", "b/index.html"} {
		if b, _ := os.ReadFile(filepath.Join(out, file)); !strings.Contains(string(b), "New text.") {
			t.Errorf("%s does not show the included page's new text", file)
		}
	}
}

// builtSession starts a live-preview session on opts and makes its first
// build, into a temporary folder it returns; the session closes when the
// test ends, before the folder goes.
func builtSession(t *testing.T, opts Options) (*Session, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "site")
	ss := NewSession(opts)
	t.Cleanup(ss.Close)
	if _, err := ss.Build(context.Background(), out); err != nil {
		t.Fatal(err)
	}
	return ss, out
}

// TestSessionWithoutDev: a session built without the live preview's Dev
// updates a page and its print page, without its reload script (its
// print book let its sections go, and the update panicked).
func TestSessionWithoutDev(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
		"README.md":  "# Home\n",
		"a.md":       "# A\n\nOld text.\n",
	})
	ss, out := builtSession(t, Options{Dir: dir, NoMinify: true})
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("# A\n\nNew text.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := ss.Update(context.Background(), []string{filepath.Join(dir, "a.md")}); err != nil || !ok {
		t.Fatalf("update: %v, %v", ok, err)
	}
	ss.Close() // the print page is written after the update
	b, _ := os.ReadFile(filepath.Join(out, "print/index.html"))
	if !strings.Contains(string(b), "New text.") || strings.Contains(string(b), "livereload") || strings.Contains(string(b), "_folio/live") {
		t.Errorf("print page:\n%.400s", b)
	}
}

// TestSessionHomeTitleNamesSite: where the home page names the site (no
// title in site.yaml), a new home title is a full build, as every page's
// header and tab show it (t41: they kept the old name); with a title of
// its own, the site's name stays and the home page updates in place.
func TestSessionHomeTitleNamesSite(t *testing.T) {
	for _, named := range []bool{false, true} {
		files := map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
			"README.md":  "# Handbook\n",
			"a.md":       "# A\n\nText.\n",
		}
		if named {
			files["site.yaml"] = "title: Named\n"
		}
		dir := testkit.Site(t, files)
		ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
		home := filepath.Join(dir, "README.md")
		if err := os.WriteFile(home, []byte("# Handbook renamed\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, ok, err := ss.Update(context.Background(), []string{home}); err != nil || ok != named {
			t.Errorf("site.yaml title %v: update ok=%v err=%v, want ok=%v", named, ok, err, named)
		}
	}
}

// TestSessionUpdateIncludeFile: an edit of a file that pages include
// (.gitbook/includes/…, no page of its own) updates those pages in place,
// where it was a full build (t41: a second on a big book); a page that
// does not include it is left alone.
func TestSessionUpdateIncludeFile(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":                  "# S\n\n* [Home](README.md)\n* [B](b.md)\n* [C](c.md)\n",
		"README.md":                   "# Home\n\n{% include \".gitbook/includes/shared.md\" %}\n",
		"b.md":                        "# B\n\n{% include \".gitbook/includes/shared.md\" %}\n",
		"c.md":                        "# C\n\nUnrelated.\n",
		".gitbook/includes/shared.md": "Old shared text.\n",
	})
	ss, out := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	before, _ := os.Stat(filepath.Join(out, "c", "index.html"))
	testkit.WriteFiles(t, dir, map[string]string{".gitbook/includes/shared.md": "New shared text.\n"})
	res, ok, err := ss.Update(context.Background(), []string{filepath.Join(dir, ".gitbook", "includes", "shared.md")})
	if !ok || err != nil {
		t.Fatalf("update: ok=%v err=%v", ok, err)
	}
	for _, file := range []string{"index.html", "b/index.html"} {
		if b, _ := os.ReadFile(filepath.Join(out, file)); !strings.Contains(string(b), "New shared text.") {
			t.Errorf("%s does not show the included file's new text", file)
		}
	}
	if after, _ := os.Stat(filepath.Join(out, "c", "index.html")); !after.ModTime().Equal(before.ModTime()) {
		t.Error("c/, which includes nothing, was written again")
	}
	if res.Stats.Pages != 2 {
		t.Errorf("%d pages updated, want 2", res.Stats.Pages)
	}
}

// TestSessionUpdateTwoIncludeFiles: two included files saved together
// (a git checkout) update in place, where the second, whose only page
// includes the first too, found its page already among the edits and
// asked for a full build.
func TestSessionUpdateTwoIncludeFiles(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":             "# S\n\n* [Home](README.md)\n* [B](b.md)\n",
		"README.md":              "# Home\n\n{% include \".gitbook/includes/a.md\" %}\n\n{% include \".gitbook/includes/b.md\" %}\n",
		"b.md":                   "# B\n\n{% include \".gitbook/includes/a.md\" %}\n",
		".gitbook/includes/a.md": "Old A.\n",
		".gitbook/includes/b.md": "Old B.\n",
	})
	ss, out := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	testkit.WriteFiles(t, dir, map[string]string{".gitbook/includes/a.md": "New A.\n", ".gitbook/includes/b.md": "New B.\n"})
	_, ok, err := ss.Update(context.Background(), []string{
		filepath.Join(dir, ".gitbook", "includes", "a.md"),
		filepath.Join(dir, ".gitbook", "includes", "b.md"),
	})
	if !ok || err != nil {
		t.Fatalf("update: ok=%v err=%v, want an update in place", ok, err)
	}
	for file, want := range map[string][]string{"index.html": {"New A.", "New B."}, "b/index.html": {"New A."}} {
		b, _ := os.ReadFile(filepath.Join(out, file))
		for _, w := range want {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s does not show %q", file, w)
			}
		}
	}
}

// TestSessionBigSummaryEditIsFullBuild: a SUMMARY.md edit changes every
// page's sidebar; past maxSummaryInPlace pages it is a full build, swapped
// in whole, rather than pages rewritten one by one under readers (t41).
func TestSessionBigSummaryEditIsFullBuild(t *testing.T) {
	for _, n := range []int{3, maxSummaryInPlace + 1} {
		files := map[string]string{"README.md": "# Home\n"}
		var sum strings.Builder
		sum.WriteString("# S\n\n* [Home](README.md)\n")
		for i := range n {
			name := fmt.Sprintf("p%d.md", i)
			files[name] = fmt.Sprintf("# P%d\n", i)
			fmt.Fprintf(&sum, "* [P%d](%s)\n", i, name)
		}
		files["SUMMARY.md"] = sum.String()
		dir := testkit.Site(t, files)
		ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
		testkit.WriteFiles(t, dir, map[string]string{"SUMMARY.md": strings.Replace(sum.String(), "[P0]", "[First]", 1)})
		_, ok, err := ss.Update(context.Background(), []string{filepath.Join(dir, "SUMMARY.md")})
		if err != nil || ok != (n <= maxSummaryInPlace) {
			t.Errorf("%d pages: update ok=%v err=%v", n, ok, err)
		}
	}
}

// TestSessionLinkedOnlyPage: an edit of a page that links to a page
// published only through links is a full build, which publishes it or not
// and tells page-not-in-summary at the link still there (t47: the warning
// stayed at a line without a link, and the page stayed published); a page
// linking only listed pages is updated in place.
func TestSessionLinkedOnlyPage(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
		"README.md":  "# Home\n\nSee [b](b.md).\n",
		"a.md":       "# A\n\nSee [home](README.md).\n",
		"b.md":       "# B\n",
	})
	ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	for _, c := range []struct {
		file, text string
		inPlace    bool
	}{
		{"a.md", "# A\n\nSee [home](README.md), and again.\n", true},
		{"README.md", "# Home\n\nNo link now.\n", false},
		{"a.md", "# A\n\nSee [b](b.md).\n", false},
	} {
		if ok, err := saveAndUpdate(t, ss, dir, c.file, c.text); err != nil || ok != c.inPlace {
			t.Errorf("%s → %q: update in place %v (err %v), want %v", c.file, c.text, ok, err, c.inPlace)
		}
		if !c.inPlace {
			if _, err := ss.Build(context.Background(), t.TempDir()); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestSessionSummaryPastShared: a SUMMARY.md edit that takes the sidebar
// past the entries a page carries is a full build, which writes the
// shared sidebar's script (review: updated in place, pages loaded a
// script nothing wrote).
func TestSessionSummaryPastShared(t *testing.T) {
	files := map[string]string{"README.md": "# Home\n"}
	sum := "# Summary\n\n* [Home](README.md)\n"
	for i := range 20 {
		sum += fmt.Sprintf("* [P%d](p%d.md)\n", i, i)
		files[fmt.Sprintf("p%d.md", i)] = fmt.Sprintf("# P%d\n", i)
	}
	files["SUMMARY.md"] = sum
	dir := testkit.Site(t, files)
	ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
	var more strings.Builder
	for i := range 400 {
		fmt.Fprintf(&more, "* [Site %d](https://example.org/%d)\n", i, i)
	}
	if ok, err := saveAndUpdate(t, ss, dir, "SUMMARY.md", sum+more.String()); err != nil || ok {
		t.Errorf("SUMMARY.md past 400 entries: update in place %v (err %v), want a full build", ok, err)
	}
}

// TestSessionUntitledEntry: a new title of a page that an entry of
// SUMMARY.md without text shows in every page's sidebar is a full build,
// also when another entry lists it with a title (t49: updated in place,
// the sidebars kept the former title).
func TestSessionUntitledEntry(t *testing.T) {
	for _, sum := range []string{"* [](a.md)\n", "* [A](a.md)\n* [](a.md)\n"} {
		dir := testkit.Site(t, map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n" + sum,
			"README.md":  "# Home\n",
			"a.md":       "# A\n",
		})
		ss, _ := builtSession(t, Options{Dir: dir, NoMinify: true, Dev: true})
		if ok, err := saveAndUpdate(t, ss, dir, "a.md", "# Renamed\n"); err != nil || ok {
			t.Errorf("%q: update in place %v (err %v), want a full build", sum, ok, err)
		}
	}
}

// saveAndUpdate writes text to the site file name, as an editor saves it,
// and gives the session the change: whether it updated in place.
func saveAndUpdate(t *testing.T, ss *Session, dir, name, text string) (bool, error) {
	t.Helper()
	abs := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.WriteFile(abs, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	_, ok, err := ss.Update(context.Background(), []string{abs})
	return ok, err
}
