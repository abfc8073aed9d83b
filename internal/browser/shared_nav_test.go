package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"folio/internal/testkit"
)

// TestSharedNav: a site of more sidebar entries than each page carries
// (theme.navShareAbove) shows its whole tree in every page all the same,
// over http and from disk: the page's entry current and in view, the
// section on its way open, the others closed, links leading from the
// page's folder, and the page's own entries gone.
func TestSharedNav(t *testing.T) {
	requireBrowser(t)
	files := sharedNavSite()
	s := serve(t, testkit.Site(t, files))
	type state struct {
		Entries, Open int
		Current, Href string
		InView, Twice bool
	}
	const js = `(() => {
  const nav = document.getElementById("folio-sidebar"), cur = nav.querySelector("[aria-current=page]");
  const r = cur ? cur.getBoundingClientRect() : {top: -1, bottom: -1};
  return {
    Entries: nav.querySelectorAll(".nav-item").length,
    Open: nav.querySelectorAll("details[open]").length,
    Current: cur ? cur.textContent : "",
    Href: nav.querySelector(".nav-item a[href*='s8/p49/']").href,
    InView: r.top >= 0 && r.bottom <= innerHeight,
    Twice: nav.querySelectorAll(".nav-part").length !== 1,
  };
})()`
	for _, base := range []string{s.URL + "/", "file://" + s.Out + "/"} {
		ctx := newTab(t, 1280, 800)
		url, wantHref := base+"s7/p44/", base+"s8/p49/"
		if strings.HasPrefix(base, "file:") {
			// From disk, folio.js leads links to a folder's index.html.
			url, wantHref = url+"index.html", wantHref+"index.html"
		}
		open(t, ctx, url)
		got := eval[state](t, ctx, js)
		want := state{Entries: 1 + 9 + 9*50, Open: 1, Current: "Page 7-44", InView: true}
		if got.Href != wantHref {
			t.Errorf("%s: a link of the tree leads to %s, want %s", base, got.Href, wantHref)
		}
		got.Href = ""
		if got != want {
			t.Errorf("%s: sidebar %+v, want %+v", base, got, want)
		}
	}
}

// sharedNavSite has 460 entries in its sidebar: 9 sections of 50 pages.
func sharedNavSite() map[string]string {
	files := map[string]string{"README.md": "# Home\n"}
	var sum strings.Builder
	sum.WriteString("# Summary\n\n* [Home](README.md)\n")
	for s := range 9 {
		fmt.Fprintf(&sum, "* [Section %d](s%d/README.md)\n", s, s)
		files[fmt.Sprintf("s%d/README.md", s)] = fmt.Sprintf("# Section %d\n", s)
		for p := range 50 {
			fmt.Fprintf(&sum, "  * [Page %d-%d](s%d/p%d.md)\n", s, p, s, p)
			files[fmt.Sprintf("s%d/p%d.md", s, p)] = fmt.Sprintf("# Page %d-%d\n", s, p)
		}
	}
	files["SUMMARY.md"] = sum.String()
	return files
}

// TestSharedNavPreview: in the live preview, an edit of a page whose
// sidebar its script put in place is shown in place, and the sidebar
// stays whole; a new title, which the page's own sidebar entry shows
// (the entry has no text of its own), reloads the page, whose sidebar is
// whole again, its new script loaded (an earlier build's, kept by the
// browser, showed the former title).
func TestSharedNavPreview(t *testing.T) {
	requireBrowser(t)
	files := sharedNavSite()
	files["SUMMARY.md"] = strings.Replace(files["SUMMARY.md"], "[Page 7-44](s7/p44.md)", "[](s7/p44.md)", 1)
	dir := testkit.Site(t, files)
	url := preview(t, dir)
	ctx := newTab(t, 1280, 800)
	open(t, ctx, url+"s7/p44/")
	const whole = `document.querySelectorAll("#folio-sidebar .nav-item").length === 460`
	waitJS(t, ctx, whole, 10*time.Second)
	eval[bool](t, ctx, `window.folioProbe = true`)
	page := filepath.Join(dir, "s7", "p44.md")
	if err := os.WriteFile(page, []byte("# Page 7-44\n\nEdited marker.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitJS(t, ctx, `document.body.innerText.includes("Edited marker")`, 10*time.Second)
	if !eval[bool](t, ctx, whole+` && window.folioProbe === true`) {
		t.Error("after an edit in place, the sidebar is not whole, or the page was reloaded")
	}
	if err := os.WriteFile(page, []byte("# Renamed page\n\nEdited marker.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The page reloads: its sidebar is whole again once its script ran.
	waitJS(t, ctx, whole+` && document.querySelector("#folio-sidebar [aria-current=page]").textContent === "Renamed page"`, 15*time.Second)
}
