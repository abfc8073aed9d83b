package browser

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	foliosite "folio/internal/site"
	"folio/internal/testkit"
)

// reviewBuild builds testkit's review repository, with one more edit of
// the setup page after v1.0 (a list item inserted, a table row changed,
// a paragraph removed), in review mode since v1.0, and serves it.
func reviewBuild(t *testing.T) string {
	t.Helper()
	r := testkit.NewReviewRepo(t, "")
	name := filepath.Join(r.Site, "en", "guide", "setup.md")
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	v3 := strings.NewReplacer("* A keyboard\n", "* A keyboard\n* A mouse\n", "| port    | 4000    |", "| port    | 8080    |",
		"\nRestart the tool.\n", "").Replace(string(b))
	r.Write(map[string]string{"en/guide/setup.md": v3})
	r.Commit("Alice Martin <alice@example.org>", "Setup: a mouse, another port")
	return serveWith(t, foliosite.Options{Dir: r.Site, Review: "v1.0"}).URL
}

// TestReviewBuild checks a site built in review mode as a reviewer sees
// it: the inserted and changed blocks outlined in two styles, the removed
// text in a collapsed note that opens, the banner linking to the first
// changed section, the sidebar's marks, seen and heard; and the index.
func TestReviewBuild(t *testing.T) {
	requireBrowser(t)
	base := reviewBuild(t)
	ctx := newTab(t, 1280, 900)
	open(t, ctx, base+"/en/guide/setup/")
	type state struct {
		Inserted, Changed []string
		InsertedText      string
		RemovedOpen       bool
		RemovedShown      bool
		Banner, FirstMark string
		FirstTarget       bool
		Marks             map[string]string
		MarksShown        int
		IndexLink         string
		Summary           string
	}
	st := eval[state](t, ctx, `(() => {
  const q = s => document.querySelector(s);
  const all = s => [...document.querySelectorAll(s)];
  const marks = {};
  for (const m of all(".nav-review")) marks[m.closest("a").getAttribute("href")] = m.dataset.review;
  return {
    Inserted: all(".review-inserted").map(e => e.tagName + " " + getComputedStyle(e).outlineStyle),
    Changed: all(".review-changed").map(e => e.tagName + " " + getComputedStyle(e).outlineStyle),
    InsertedText: q("li.review-inserted").textContent,
    RemovedOpen: q("details.review-removed").open,
    RemovedShown: q(".review-removed-body").checkVisibility(),
    Banner: q(".review-banner-title").innerText,
    FirstMark: q(".review-banner-title a").getAttribute("href"),
    FirstTarget: !!document.getElementById(q(".review-banner-title a").getAttribute("href").slice(1)),
    Marks: marks,
    MarksShown: all(".nav-review").filter(m => m.checkVisibility()).length,
    IndexLink: q(".review-banner-all a").getAttribute("href"),
    Summary: q("details.review-removed > summary").innerText,
  };
})()`)
	want := []string{"P solid", "LI solid", "TR solid"}
	if strings.Join(st.Inserted, ",") != "LI solid,TR solid,P solid" {
		t.Errorf("inserted blocks %q, want a list item, a row and a paragraph (any of %q), outlined solid", st.Inserted, want)
	}
	if strings.Join(st.Changed, ",") != "P dashed,LI dashed,TR dashed" {
		t.Errorf("changed blocks %q, want a paragraph, a list item and a row outlined dashed", st.Changed)
	}
	if st.InsertedText != "A mouse" {
		t.Errorf("inserted list item %q", st.InsertedText)
	}
	if st.RemovedOpen || st.RemovedShown || st.Summary != "Removed text" {
		t.Errorf("removed note: open %v, body shown %v, summary %q; want closed", st.RemovedOpen, st.RemovedShown, st.Summary)
	}
	if !strings.Contains(st.Banner, "Changed since v1.0") || !strings.Contains(st.Banner, "2 sections") || st.FirstMark != "#requirements" || !st.FirstTarget {
		t.Errorf("banner %q, first mark %q (target found %v)", st.Banner, st.FirstMark, st.FirstTarget)
	}
	wantMarks := map[string]string{
		"../../../en/guide/setup/": "changed", "../../../en/guide/install/": "renamed",
		"../../../en/guide/new-page/": "added", "../../../en/engagement/": "changed",
	}
	if len(st.Marks) != len(wantMarks) || st.MarksShown != len(wantMarks) {
		t.Errorf("sidebar marks %v (%d shown), want %v", st.Marks, st.MarksShown, wantMarks)
	}
	for href, status := range wantMarks {
		if st.Marks[href] != status {
			t.Errorf("sidebar entry %s marked %q, want %q", href, st.Marks[href], status)
		}
	}

	// The removed note opens, its text struck through.
	do(t, ctx, "open the removed note", chromedp.Click(chromedp.CSS("details.review-removed > summary")))
	waitFor(t, ctx, `document.querySelector(".review-removed-body").checkVisibility()`, `"still closed"`, "the removed note opens")
	removed := eval[[]string](t, ctx, `[...document.querySelectorAll(".review-removed-body p")].map(p => p.textContent + " " + getComputedStyle(p).textDecorationLine)`)
	if strings.Join(removed, ",") != "This paragraph will be removed. line-through,Restart the tool. line-through" {
		t.Errorf("removed text %q, want both paragraphs struck through", removed)
	}
	// Screen readers hear each mark's status in words.
	names, err := chromedp.Run(ctx, axNames(`.nav-link[href$="new-page/"], .nav-link[href$="install/"]`))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 2 || names[0][1] != "install (Moved since v1.0)" || names[1][1] != "new-page (New since v1.0)" {
		t.Errorf("accessible names %q", names)
	}

	// The index links to each changed section.
	index := eval[string](t, ctx, `document.querySelector(".review-banner-all a").href`)
	if index != base+"/en/_review/" {
		t.Fatalf("the banner links to the index at %s", index)
	}
	open(t, ctx, index)
	links := eval[[]string](t, ctx, `[...document.querySelectorAll(".review-table a")].map(a => a.getAttribute("href"))`)
	for _, w := range []string{"../../en/guide/setup/#requirements", "../../en/guide/setup/#configuration", "../../en/guide/install/"} {
		if !strings.Contains(strings.Join(links, " "), w) {
			t.Errorf("the index lacks a link to %s: %q", w, links)
		}
	}
	// On a short screen, so that the page scrolls to the section.
	section := eval[string](t, ctx, `document.querySelector('.review-table a[href$="#configuration"]').href`)
	do(t, ctx, "shorten the screen", chromedp.EmulateViewport(1280, 400))
	open(t, ctx, section)
	waitFor(t, ctx, `(h => scrollY > 0 && h.getBoundingClientRect().top >= 0 && h.getBoundingClientRect().bottom <= innerHeight)(document.getElementById("configuration"))`,
		`scrollY + " " + document.getElementById("configuration").getBoundingClientRect().top`, "a section link of the index scrolls to the changed section")
}

// TestReviewBuildAxe runs axe on a changed page of a site built in review
// mode, with a removed note open and closed, and on its index.
func TestReviewBuildAxe(t *testing.T) {
	requireBrowser(t)
	script := axeScript(t)
	base := reviewBuild(t)
	ctx := startBrowser(t, 1280, 800)
	var found []finding
	for _, v := range []axeView{{1280, 800, "light", 1}, {1280, 800, "dark", 1}, {360, 740, "light", 1}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(v.w, v.h), setMedia(v.scheme)); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/en/guide/setup/", "/en/_review/", "/en/guide/install/"} {
			r, err := runAxe(ctx, script, base+p)
			if err != nil {
				t.Fatal(err)
			}
			if r.Rules == 0 {
				t.Fatalf("axe ran no rule on %s", p)
			}
			for _, rule := range r.Violations {
				found = append(found, finding{page: p, scheme: v.scheme, rule: rule})
			}
			if p != "/en/guide/setup/" {
				continue
			}
			// Again with the removed text shown.
			openAll := `document.querySelectorAll("details.review-removed").forEach(d => d.open = true)`
			r, err = chromedp.Run(ctx, chromedp.Evaluate[axeResult]("("+openAll+", "+axeRunJS+")", chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			for _, rule := range r.Violations {
				found = append(found, finding{page: p + " (removed text open)", scheme: v.scheme, rule: rule})
			}
		}
	}
	if len(found) > 0 {
		t.Errorf("%d accessibility violations:%s", len(found), report(found))
	}
}

// TestReviewPrintCite: on paper, a heading review mode marks shows its
// citable address, as the others do, and the marks' words are the book's
// language (t95: the address was lost to the mark's spoken words).
func TestReviewPrintCite(t *testing.T) {
	requireBrowser(t)
	g := testkit.NewGitRepo(t)
	g.Write(map[string]string{
		"site.yaml":  "title: Spec\nlanguage: fr\nbase_url: https://spec.example.org/\n",
		"README.md":  "# Accueil\n\nBienvenue.\n",
		"SUMMARY.md": "# Sommaire\n\n* [Accueil](README.md)\n* [Exigences](req.md)\n",
		"req.md":     "# Exigences\n\n## REQ-012 Sujet unique\n\nTexte.\n\n## REQ-013 Liste\n\nTexte.\n",
	})
	g.Commit("Alice <alice@example.org>", "first")
	g.Tag("v1")
	g.Write(map[string]string{"req.md": "# Exigences\n\n## REQ-012 Sujet unique et stable\n\nTexte.\n\n## REQ-013 Liste\n\nTexte.\n"})
	g.Commit("Alice <alice@example.org>", "second")
	s := serveWith(t, foliosite.Options{Dir: g.Dir, Review: "v1"})
	ctx := newTab(t, 1280, 900)
	open(t, ctx, s.URL+"/print/")
	do(t, ctx, "emulate print", emulateMedia(emulation.SetEmulatedMediaParams{Media: "print"}))
	got := eval[[]string](t, ctx, `[...document.querySelectorAll(".content h2[data-cite]")].map(h => h.className + " " + getComputedStyle(h, "::after").content)`)
	if len(got) != 2 || !strings.Contains(got[0], "review-changed") || !strings.Contains(got[0], `"https://spec.example.org/req/#`) || !strings.Contains(got[1], `"https://spec.example.org/req/#`) {
		t.Errorf("on paper, the headings show %q; want each its address, the changed one too", got)
	}
	do(t, ctx, "emulate screen", emulateMedia(emulation.SetEmulatedMediaParams{Media: "screen"}))
	if said := eval[string](t, ctx, `getComputedStyle(document.querySelector(".content .review-changed"), "::after").content`); strings.Contains(said, "changed") {
		t.Errorf("the French print page says %s after a changed block, in English", said)
	}
}

// TestPrintGlossaryTerm: on paper, a glossary term folio links shows no
// "(→ Glossary)" in the sentence, where a link the author wrote shows its
// target (t95: arrows in normative sentences).
func TestPrintGlossaryTerm(t *testing.T) {
	requireBrowser(t)
	dir := testkit.Site(t, map[string]string{
		"book.json":   "{}\n",
		"SUMMARY.md":  "# Summary\n\n* [Intro](README.md)\n* [Rules](rules.md)\n* [Glossary](GLOSSARY.md)\n",
		"README.md":   "# Intro\n\nText.\n",
		"rules.md":    "# Rules\n\nThe registry keeps a record of each subject. See [the intro](README.md).\n",
		"GLOSSARY.md": "## subject\n\nThe person the data is about.\n",
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 900)
	open(t, ctx, s.URL+"/print/")
	do(t, ctx, "emulate print", emulateMedia(emulation.SetEmulatedMediaParams{Media: "print"}))
	got := eval[[]string](t, ctx, `[...document.querySelectorAll(".content a[data-print-to]")].map(a => a.className + "=" + getComputedStyle(a, "::after").content)`)
	term, link := "", ""
	for _, g := range got {
		if strings.HasPrefix(g, "glossary-term=") {
			term = g
		} else {
			link = g
		}
	}
	if term == "" || link == "" {
		t.Fatalf("links with a print target: %q; want a glossary term and the author's link", got)
	}
	if term != "glossary-term=none" || !strings.Contains(link, "→") {
		t.Errorf("on paper: %q and %q; want no arrow after the term, one after the link", term, link)
	}
}
