package browser

import (
	"bytes"
	"html/template"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"folio/internal/review"
	"folio/internal/theme"
)

// The review-mode and print pages of issue 19, written through the theme
// alone from the data the build will give it: a changed page with its
// marks, stamp, edit and comment links; the language's print page; its
// review index.

const reviewIssueURL = "https://github.com/example/book/issues/new?title=Guide%3A+Install&body=https%3A%2F%2Fdocs.example.com%2Fen%2Fguide%2F%23install%0A%0A%3E+Run+the+installer."

// reviewTabs is a tab set as the markdown package writes it; prefix
// makes its ids unique on the print page.
func reviewTabs(id func(string) string) string {
	return `<div class="tabs"><div class="tabs-list" role="tablist">` +
		`<button type="button" role="tab" id="` + id("tab-1-1") + `" aria-controls="` + id("panel-1-1") + `" aria-selected="true" tabindex="0" data-tab-key="windows">Windows</button>` +
		`<button type="button" role="tab" id="` + id("tab-1-2") + `" aria-controls="` + id("panel-1-2") + `" aria-selected="false" tabindex="-1" data-tab-key="linux">Linux</button></div>` +
		`<section class="tab-panel" role="tabpanel" id="` + id("panel-1-1") + `" aria-labelledby="` + id("tab-1-1") + `" data-tab-key="windows" tabindex="0"><p class="tab-panel-title">Windows</p><p>Run the installer.</p></section>` +
		`<section class="tab-panel" role="tabpanel" id="` + id("panel-1-2") + `" aria-labelledby="` + id("tab-1-2") + `" data-tab-key="linux" tabindex="0"><p class="tab-panel-title">Linux</p><p>Use the package manager.</p></section></div>`
}

// reviewSiteDir writes the three pages and the theme's static files into
// a new directory (FOLIO_REVIEW_SITE keeps them, to look at), and
// returns it.
func reviewSiteDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("FOLIO_REVIEW_SITE")
	if dir == "" {
		dir = t.TempDir()
	}
	th, err := theme.Load("", "default")
	if err != nil {
		t.Fatal(err)
	}
	site := func(lang string) *theme.Site {
		return &theme.Site{
			Title: "Example Book", Description: "A book to review.", BaseURL: "https://docs.example.com/",
			Lang: lang, Dir: "ltr", Home: lang + "/",
			Languages: []theme.LangLink{{Code: "en", Name: "English", URL: "en/"}, {Code: "fr", Name: "Français", URL: "fr/"}},
			Nav: []*theme.NavPart{
				{Items: []*theme.NavItem{
					{ID: 1, Title: "Introduction", URL: lang + "/"},
					{ID: 2, Title: "Guide", URL: lang + "/guide/", Review: theme.ReviewChanged},
					{ID: 3, Title: "Reference", URL: lang + "/reference/", Review: theme.ReviewAdded},
				}},
			},
			Strings:  th.Strings(lang),
			PrintURL: lang + "/print/",
			Review:   &theme.SiteReview{Since: "v1.0", URL: lang + "/_review/"},
		}
	}
	en := site("en")

	old := `<p>Folio builds books.</p>
<h2 id="install">Install</h2>
<p>Download the archive and unpack it.</p>
<p>This paragraph is gone in the new version.</p>
<ul>
<li>Linux</li>
<li>Windows</li>
</ul>
<div class="table-wrap" role="region" aria-labelledby="folio-label-table" tabindex="0"><table>
<thead><tr><th>System</th><th>Package</th></tr></thead>
<tbody>
<tr><td>Debian</td><td>folio.deb</td></tr>
<tr><td>Fedora</td><td>folio.rpm</td></tr>
</tbody></table></div>
<div class="hint hint-warning" role="note" aria-label="Warning"><div class="hint-body"><p>Back up your files first.</p></div></div>
<pre><code>folio build</code></pre>
`
	new := `<p>Folio builds books.</p>
<h2 id="install">Install</h2>
<p>Download the archive and unpack it where you like.</p>
<ul>
<li>Linux</li>
<li>Windows</li>
<li>macOS, new in this version</li>
</ul>
<div class="table-wrap" role="region" aria-labelledby="folio-label-table" tabindex="0"><table>
<thead><tr><th>System</th><th>Package</th></tr></thead>
<tbody>
<tr><td>Debian</td><td>folio_1.0.deb</td></tr>
<tr><td>Fedora</td><td>folio.rpm</td></tr>
<tr><td>Alpine</td><td>folio.apk</td></tr>
</tbody></table></div>
<div class="hint hint-warning" role="note" aria-label="Warning"><div class="hint-body"><p>Back up your files first, all of them.</p></div></div>
<pre><code>folio build --review v1.0</code></pre>
<h2 id="use">Use</h2>
<p>A new paragraph, with <a href="https://example.com/spec">the specification</a>.</p>
`
	r := review.Diff([]byte(old), []byte(new))
	content := string(r.Splice(func(rm review.Removal) []byte { return en.RemovedNote(rm.HTML) }))
	content = strings.Replace(content, `<h2 id="install">Install</h2>`, `<h2 id="install">Install`+string(en.CommentLink(reviewIssueURL, "Install"))+`</h2>`, 1)
	content = strings.Replace(content, `>Use</h2>`, `>Use`+string(en.CommentLink(reviewIssueURL+"2", "Use"))+`</h2>`, 1)

	page := &theme.Page{
		Site: en, URL: "en/guide/", Root: "../../", Title: "Guide", Layout: theme.DefaultLayout(),
		Content: template.HTML(content),
		Outline: []theme.Heading{{Level: 2, ID: "install", Text: "Install"}, {Level: 2, ID: "use", Text: "Use"}},
		Trail:   []int{2},
		Stamp:   &theme.Stamp{Date: time.Date(2024, time.March, 1, 0, 0, 0, 0, time.UTC), Commit: "abc1234", CommitURL: "https://github.com/example/book/commit/abc1234"},
		EditURL: "https://github.com/example/book/edit/main/en/guide.md",
		Review:  &theme.PageReview{Status: theme.ReviewChanged, Sections: []theme.ReviewSection{{ID: "install", Title: "Install"}, {ID: "use", Title: "Use"}}},
	}
	// The French translation, older than this page.
	fr := site("fr")
	frPage := &theme.Page{
		Site: fr, URL: "fr/guide/", Root: "../../", Title: "Guide", Layout: theme.DefaultLayout(),
		Content:   `<p>Folio fabrique des livres.</p>`,
		Freshness: &theme.Freshness{Original: theme.LangLink{Code: "en", Name: "English", URL: "en/guide/"}, Date: time.Date(2024, time.March, 1, 0, 0, 0, 0, time.UTC)},
	}

	pid := func(url string) func(string) string {
		return func(id string) string { return theme.PrintAnchor(url, id) }
	}
	book := &theme.PrintBook{
		Built: time.Date(2024, time.June, 3, 0, 0, 0, 0, time.UTC), Commit: "abc1234", CommitURL: "https://github.com/example/book/commit/abc1234",
		Parts: []theme.PrintPart{
			{Sections: []theme.PrintSection{
				{URL: "en/", Title: "Introduction", Level: 1, Content: template.HTML(`<p>Read <a href="` + theme.PrintHref("en/guide/", "install") + `">how to install</a>, then <a href="https://example.com/spec">the specification</a> or <a href="https://example.com/">https://example.com/</a>.</p>`)},
			}},
			{Title: "Guides", Sections: []theme.PrintSection{
				{URL: "en/guide/", Title: "Guide", Level: 1, Stamp: page.Stamp, Content: template.HTML(
					`<h2 id="` + pid("en/guide/")("install") + `" data-cite="` + en.CiteURL("en/guide/", "install") + `">Install</h2>` +
						reviewTabs(pid("en/guide/")) +
						// As the build makes a body for print (theme.PrintSection):
						// every <details> open, nothing loading lazily.
						`<details open><summary>Troubleshooting</summary><p class="folded">Restart the computer.</p></details>` +
						`<div class="api-block"><details class="api-op-details" open><summary>GET /books</summary><p class="folded">Lists the books.</p></details></div>` +
						`<p><img src="../../img/dot.svg" alt="A dot" width="40" height="40"></p>`)},
				{URL: "en/reference/", Title: "Reference", Level: 2, Content: `<p>Everything.</p>`},
			}},
		},
	}

	files := map[string]func(*bytes.Buffer) error{
		"en/guide/index.html": func(b *bytes.Buffer) error { return th.RenderPage(b, page) },
		"fr/guide/index.html": func(b *bytes.Buffer) error { return th.RenderPage(b, frPage) },
		"en/print/index.html": func(b *bytes.Buffer) error {
			return th.RenderPrint(b, &theme.Page{Site: en, URL: "en/print/", Root: "../../"}, book)
		},
		"en/_review/index.html": func(b *bytes.Buffer) error {
			return th.RenderReviewIndex(b, &theme.Page{Site: en, URL: "en/_review/", Root: "../../", Layout: theme.DefaultLayout()}, reviewIndex())
		},
	}
	for name, render := range files {
		var b bytes.Buffer
		if err := render(&b); err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, name), b.Bytes())
	}
	writeFile(t, filepath.Join(dir, "img", "dot.svg"), []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5" fill="#0a58ca"/></svg>`))
	if err := os.RemoveAll(filepath.Join(dir, "_folio")); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "_folio"), th.Static()); err != nil {
		t.Fatal(err)
	}
	return dir
}

func reviewIndex() *theme.ReviewIndex {
	return &theme.ReviewIndex{
		Since: "v1.0", Commit: "0f1e2d3", CommitURL: "https://github.com/example/book/commit/0f1e2d3",
		Changed: []theme.ReviewEntry{{Title: "Guide", URL: "en/guide/", Inserted: 2, Changed: 1, Removed: 1,
			Sections: []theme.ReviewSection{{ID: "install", Title: "Install"}, {ID: "use", Title: "Use"}}}},
		Added:   []theme.ReviewEntry{{Title: "Reference", URL: "en/reference/"}},
		Renamed: []theme.ReviewEntry{{Title: "Introduction", URL: "en/", From: "README.md"}},
		Removed: []theme.ReviewEntry{{Title: "Old FAQ", From: "faq.md"}},
	}
}

func writeFile(t *testing.T, name string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// serveDir serves dir until the test ends.
func serveDir(t *testing.T, dir string) string {
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// printMedia emulates paper: print media, light colours.
func printMedia() chromedp.Action[chromedp.Void] {
	return emulateMedia(emulation.SetEmulatedMediaParams{Media: "print", Features: []*emulation.MediaFeature{
		{Name: "prefers-color-scheme", Value: "light"}, {Name: "prefers-reduced-motion", Value: "reduce"},
	}})
}

// TestPrintPage checks the print page in print media as the browser
// lays it out, without the beforeprint event that a real print fires:
// nothing a reader needs is hidden, every block is open, the tabs are
// all shown, link targets and citable addresses are printed.
func TestPrintPage(t *testing.T) {
	requireBrowser(t)
	base := serveDir(t, reviewSiteDir(t))
	ctx := newTab(t, 1000, 900)
	open(t, ctx, base+"/en/print/")
	waitFor(t, ctx, `!document.querySelector(".print-button").hidden`, `"print button still hidden"`, "folio.js shows the print button")
	if !eval[bool](t, ctx, `document.querySelector(".tabs-list") && getComputedStyle(document.querySelector(".tabs-list")).display !== "none"`) {
		t.Error("on screen, folio.js did not make the tabs")
	}
	do(t, ctx, "emulate print", printMedia())
	type state struct {
		Sidebar, Bar, TabsList        bool
		Panels, PanelsShown           int
		Details, DetailsOpen, Folded  int
		FoldedShown                   int
		ExternalAfter, URLAfter, Cite string
		SectionCite, InternalAfter    string
		InternalTarget, Lazy, Images  int
		ImagesLoaded, CommentLinks    int
		TOCLinks, TOCTargets          int
		Cover                         string
	}
	st := eval[state](t, ctx, `(() => {
  const shown = el => !!el && el.checkVisibility() && el.getBoundingClientRect().height > 0;
  const after = el => el ? getComputedStyle(el, "::after").content : "";
  const all = sel => [...document.querySelectorAll(sel)];
  const internal = document.querySelector('.content a[href^="#"]');
  return {
    Sidebar: all(".sidebar, #folio-sidebar").some(shown),
    Bar: shown(document.querySelector(".print-bar")),
    TabsList: all(".tabs-list").some(shown),
    Panels: all(".tab-panel").length,
    PanelsShown: all(".tab-panel").filter(shown).length,
    Details: all("details").length,
    DetailsOpen: all("details[open]").length,
    Folded: all(".folded").length,
    FoldedShown: all(".folded").filter(shown).length,
    ExternalAfter: after(document.querySelector('.content a[href="https://example.com/spec"]')),
    URLAfter: after(document.querySelector('.content a[href="https://example.com/"]')),
    Cite: after(document.querySelector(".content h2[data-cite]")),
    SectionCite: after(document.querySelector(".print-section-title[data-cite]")),
    InternalAfter: after(internal),
    InternalTarget: internal && document.getElementById(internal.getAttribute("href").slice(1)) ? 1 : 0,
    Lazy: all("img[loading=lazy]").length,
    Images: all(".content img").length,
    ImagesLoaded: all(".content img").filter(i => i.complete && i.naturalWidth > 0).length,
    CommentLinks: all(".comment-link").filter(shown).length,
    TOCLinks: all(".print-toc a").length,
    TOCTargets: all(".print-toc a").filter(a => document.getElementById(a.getAttribute("href").slice(1))).length,
    Cover: document.querySelector(".print-cover").innerText,
  };
})()`)
	if st.Sidebar || st.Bar || st.TabsList {
		t.Errorf("in print: sidebar shown %v, screen bar shown %v, tab buttons shown %v", st.Sidebar, st.Bar, st.TabsList)
	}
	if st.Panels != 2 || st.PanelsShown != st.Panels {
		t.Errorf("in print: %d of %d tab panels shown", st.PanelsShown, st.Panels)
	}
	if st.Details != 2 || st.DetailsOpen != st.Details || st.FoldedShown != st.Folded || st.Folded != 2 {
		t.Errorf("in print: %d of %d <details> open, %d of %d folded blocks shown", st.DetailsOpen, st.Details, st.FoldedShown, st.Folded)
	}
	if !strings.Contains(st.ExternalAfter, "https://example.com/spec") {
		t.Errorf("an external link prints %s after it, want its address", st.ExternalAfter)
	}
	if strings.Contains(st.URLAfter, "example.com") {
		t.Errorf("a link whose text is its address prints it twice: %s", st.URLAfter)
	}
	if !strings.Contains(st.Cite, "https://docs.example.com/en/guide/#install") || !strings.Contains(st.SectionCite, "https://docs.example.com/en/") {
		t.Errorf("citable addresses printed: heading %s, page %s", st.Cite, st.SectionCite)
	}
	if st.InternalTarget != 1 || strings.Contains(st.InternalAfter, "http") {
		t.Errorf("a link within the book: target found %d, printed after it %s", st.InternalTarget, st.InternalAfter)
	}
	if st.Lazy != 0 || st.Images == 0 || st.ImagesLoaded != st.Images {
		t.Errorf("images: %d lazy, %d of %d loaded", st.Lazy, st.ImagesLoaded, st.Images)
	}
	if st.TOCLinks != 3 || st.TOCTargets != st.TOCLinks {
		t.Errorf("contents: %d links, %d with a target", st.TOCLinks, st.TOCTargets)
	}
	for _, w := range []string{"Example Book", "English", "June 3, 2024", "abc1234"} {
		if !strings.Contains(st.Cover, w) {
			t.Errorf("the cover lacks %q: %q", w, st.Cover)
		}
	}
	// A PDF of it: Chromium lays out every sheet without an error.
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF())
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("print to PDF: %v", err)
	}
}

// TestReviewMarksInPage checks a changed page in review mode: the marks
// differ in shape, the removed text is struck through in a closed note,
// the comment link goes to the host's form beside the heading's own
// link, the sidebar says which pages changed, in words too; and in
// print, the controls go.
func TestReviewMarksInPage(t *testing.T) {
	requireBrowser(t)
	base := serveDir(t, reviewSiteDir(t))
	ctx := newTab(t, 1280, 900)
	open(t, ctx, base+"/en/guide/")
	waitFor(t, ctx, `!!document.querySelector("#install > .heading-anchor")`, `"no heading anchor"`, "folio.js adds the heading's link")
	type state struct {
		Inserted, Changed     string
		RemovedOpen           bool
		Struck                string
		CommentHref, Order    string
		CommentName, NavMark  string
		BannerRole, FirstMark string
		StampLink, EditLink   string
		PrintLink, ReviewLink string
	}
	st := eval[state](t, ctx, `(() => {
  const q = s => document.querySelector(s);
  const h = q("#install");
  return {
    Inserted: getComputedStyle(q(".review-inserted")).outlineStyle,
    Changed: getComputedStyle(q(".review-changed")).outlineStyle,
    RemovedOpen: q("details.review-removed").open,
    Struck: getComputedStyle(q(".review-removed-body p")).textDecorationLine,
    CommentHref: q("#install > .comment-link").href,
    Order: [...h.children].map(c => c.className).join(" "),
    CommentName: q("#install > .comment-link").getAttribute("aria-label"),
    NavMark: q('.nav-link[href$="guide/"]').textContent,
    BannerRole: q(".review-banner").getAttribute("role"),
    FirstMark: q(".review-banner-title a").getAttribute("href"),
    StampLink: q(".page-stamp a").href,
    EditLink: q(".edit-link").href,
    PrintLink: q(".print-link").getAttribute("href"),
    ReviewLink: q(".review-link").getAttribute("href"),
  };
})()`)
	if st.Inserted != "solid" || st.Changed != "dashed" {
		t.Errorf("marks: inserted %s, changed %s; want solid and dashed", st.Inserted, st.Changed)
	}
	if st.RemovedOpen || !strings.Contains(st.Struck, "line-through") {
		t.Errorf("removed note open %v, its text decorated %q", st.RemovedOpen, st.Struck)
	}
	if st.CommentHref != reviewIssueURL {
		t.Errorf("comment link goes to %s, want %s", st.CommentHref, reviewIssueURL)
	}
	if st.Order != "heading-anchor comment-link" {
		t.Errorf("heading children %q: want the # link, then the comment link", st.Order)
	}
	if st.CommentName != "Comment on this section: Install" {
		t.Errorf("comment link named %q", st.CommentName)
	}
	if st.NavMark != "Guide● (Changed since v1.0)" {
		t.Errorf("sidebar entry reads %q", st.NavMark)
	}
	if st.BannerRole != "note" || st.FirstMark != "#install" {
		t.Errorf("banner role %q, first mark %q", st.BannerRole, st.FirstMark)
	}
	if st.StampLink != "https://github.com/example/book/commit/abc1234" || st.EditLink != "https://github.com/example/book/edit/main/en/guide.md" {
		t.Errorf("stamp links to %s, edit to %s", st.StampLink, st.EditLink)
	}
	if st.PrintLink != "../../en/print/" || st.ReviewLink != "../../en/_review/" {
		t.Errorf("book links %q, %q", st.PrintLink, st.ReviewLink)
	}
	// Screen readers hear the status without the shape.
	names, err := chromedp.Run(ctx, axNames(`.nav-link[href$="guide/"], #install > .comment-link`))
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 2 || names[0][1] != "Guide (Changed since v1.0)" || names[1][1] != "Comment on this section: Install" {
		t.Errorf("accessible names %q", names)
	}
	// The comment link is hidden until hovered or focused where a pointer
	// hovers, and shown in full where none does (a touch screen, and
	// headless Chromium), and reached by the keyboard after the heading's
	// own link, with a focus ring.
	hover := eval[bool](t, ctx, `matchMedia("(hover: hover)").matches`)
	if op := eval[string](t, ctx, `getComputedStyle(document.querySelector("#install > .comment-link")).opacity`); (op == "1") == hover {
		t.Errorf("comment link's opacity %s before hover or focus, where the pointer hovers: %v", op, hover)
	}
	do(t, ctx, "tab from the heading's link", chromedp.Focus(chromedp.CSS("#install > .heading-anchor")), chromedp.KeyEvent(kb.Tab))
	if !eval[bool](t, ctx, `document.activeElement.matches("#install > .comment-link")`) {
		t.Fatalf("Tab after the heading's link reaches %s", eval[string](t, ctx, "document.activeElement.outerHTML.slice(0, 80)"))
	}
	waitFor(t, ctx, `(e => getComputedStyle(e).opacity === "1" && getComputedStyle(e).outlineStyle !== "none")(document.activeElement)`,
		`(e => getComputedStyle(e).opacity + " " + getComputedStyle(e).outlineStyle)(document.activeElement)`, "the focused comment link shows, with a ring")

	do(t, ctx, "emulate print", printMedia())
	hidden := eval[[]string](t, ctx, `[".sidebar", ".comment-link", ".page-edit", ".review-banner-all", ".book-links"]
  .filter(s => [...document.querySelectorAll(s)].some(el => el.checkVisibility()))`)
	if len(hidden) > 0 {
		t.Errorf("in print, still shown: %q", hidden)
	}
	if !eval[bool](t, ctx, `document.querySelector(".review-banner").checkVisibility() && document.querySelector(".page-stamp").checkVisibility()`) {
		t.Error("in print, the banner or the stamp is hidden")
	}
}

// TestReviewAxe runs axe on the pages of review mode and the print page,
// in light and dark mode.
func TestReviewAxe(t *testing.T) {
	requireBrowser(t)
	script := axeScript(t)
	base := serveDir(t, reviewSiteDir(t))
	ctx := startBrowser(t, 1280, 800)
	var found []finding
	for _, v := range []axeView{{1280, 800, "light", 1}, {1280, 800, "dark", 1}, {360, 740, "light", 1}} {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(v.w, v.h), setMedia(v.scheme)); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{"/en/guide/", "/fr/guide/", "/en/print/", "/en/_review/"} {
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
		}
	}
	if len(found) > 0 {
		t.Errorf("%d accessibility violations:%s", len(found), report(found))
	}
}
