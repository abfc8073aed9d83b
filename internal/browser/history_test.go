package browser

import (
	"net/url"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestHistoryLinks builds a site from a repository made in the test
// (testkit's review repository, with repo_url and a base URL) and reads
// a real page as a reader sees it: the comment link beside a heading
// opens the host's new-issue form filled in with the page and section
// titles, the section's citable address and its first lines; the page's
// last change and its edit link show; the old address of a moved page
// forwards to the new one, fragment included.
func TestHistoryLinks(t *testing.T) {
	requireBrowser(t)
	r := testkit.NewReviewRepo(t, "")
	r.Write(map[string]string{"site.yaml": "title: Review test\nbase_url: https://example.org/book/\nrepo_url: https://github.com/example/book\n" +
		"languages:\n  - code: en\n    name: English\n    dir: en\n    default: true\n  - code: fr\n    name: Français\n    dir: fr\n"})
	s := serve(t, r.Site)
	ctx := newTab(t, 1280, 900)
	open(t, ctx, s.URL+"/en/guide/setup/")
	type state struct {
		Comment, Order, Stamp, StampLink, Edit string
		StampShown, EditShown, CommentShown    bool
	}
	st := eval[state](t, ctx, `(() => {
  const q = s => document.querySelector(s);
  const shown = el => !!el && el.checkVisibility() && el.getBoundingClientRect().height > 0;
  return {
    Comment: q("#requirements > .comment-link").href,
    Order: [...q("#requirements").children].map(e => e.className).join(" "),
    Stamp: q(".page-stamp").textContent,
    StampLink: q(".page-stamp a").href,
    Edit: q(".edit-link").href,
    StampShown: shown(q(".page-stamp")),
    EditShown: shown(q(".edit-link")),
    CommentShown: shown(q("#requirements > .comment-link")),
  };
})()`)
	u, err := url.Parse(st.Comment)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme+"://"+u.Host+u.Path != "https://github.com/example/book/issues/new" || q.Get("title") != "Setup: Requirements" {
		t.Errorf("comment link %s", st.Comment)
	}
	if body := q.Get("body"); !strings.HasPrefix(body, "https://example.org/book/en/guide/setup/#requirements\n\n"+
		"> You need a computer with 4 GB of memory.\n> A keyboard\n> A large screen\n") {
		t.Errorf("issue body %q", body)
	}
	if st.Order != "heading-anchor comment-link" {
		t.Errorf("heading children %q: want the heading's # link, then the comment link", st.Order)
	}
	edit := r.Git("rev-parse", "--short", r.Commits["edit"])
	if !strings.Contains(st.Stamp, "January 3, 2024") || !strings.Contains(st.Stamp, edit) ||
		st.StampLink != "https://github.com/example/book/commit/"+r.Commits["edit"] {
		t.Errorf("stamp %q linked to %s", st.Stamp, st.StampLink)
	}
	if st.Edit != "https://github.com/example/book/edit/main/en/guide/setup.md" {
		t.Errorf("edit link %s", st.Edit)
	}
	if !st.StampShown || !st.EditShown || !st.CommentShown {
		t.Errorf("shown: stamp %v, edit link %v, comment link %v", st.StampShown, st.EditShown, st.CommentShown)
	}

	// A reader's old link to a section of the moved page.
	open(t, ctx, s.URL+"/en/guide/old-name/#requirements")
	waitFor(t, ctx, `location.pathname === "/en/guide/install/"`, `location.href`, "the old address forwards")
	if got := eval[string](t, ctx, `location.hash`); got != "#requirements" {
		t.Errorf("forwarded with fragment %q, want #requirements", got)
	}
}
