package theme

import (
	"bytes"
	"html/template"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"folio/internal/output"
	"folio/internal/review"
)

// reviewMarkup is every piece of markup issue 19 adds to a page; none of
// it may show on a page whose new fields are unset.
var reviewMarkup = []string{
	"page-meta", "page-stamp", "edit-link", "comment-link", "outdated-notice", "review-banner", "review-glyph",
	"nav-review", "book-links", "print-link", "review-link", "review-removed", "<time",
}

// reviewSiteOf is testSite in review mode, with a print page: Install
// changed, Links new, Hints & tabs moved.
func reviewSiteOf(th *Theme, s *Site) *Site {
	s.PrintURL = "print/"
	s.Review = &SiteReview{Since: "v1.0", URL: "_review/"}
	status := map[int]string{3: ReviewChanged, 8: ReviewAdded, 7: ReviewRenamed}
	var walk func([]*NavItem)
	walk = func(items []*NavItem) {
		for _, it := range items {
			it.Review = status[it.ID]
			walk(it.Children)
		}
	}
	for _, part := range s.Nav {
		walk(part.Items)
	}
	return s
}

// reviewContent is a page's content as review mode makes it: two
// versions diffed, the removals spliced in as notes, and a comment link
// in each heading.
func reviewContent(s *Site) string {
	old := `<h2 id="hints">Hints</h2>
<p>The first paragraph says what hints are for.</p>
<p>A paragraph that the new version no longer has at all.</p>
<ul>
<li>one</li>
<li>two</li>
</ul>
<h2 id="tabs">Tabs</h2>
<p>Tabs hold panels.</p>
`
	new := `<h2 id="hints">Hints</h2>
<p>The first paragraph says what hints are for, and more.</p>
<ul>
<li>one</li>
<li>two</li>
<li>three, a new item</li>
</ul>
<h2 id="tabs">Tabs</h2>
<p>Tabs hold panels.</p>
<p>A new paragraph about tabs.</p>
`
	r := review.Diff([]byte(old), []byte(new))
	out := string(r.Splice(func(rm review.Removal) []byte { return s.RemovedNote(rm.HTML) }))
	for _, h := range []struct{ id, text string }{{"hints", "Hints"}, {"tabs", "Tabs"}} {
		link := s.CommentLink("https://github.com/example/folio/issues/new?title=Blocks%3A+"+h.text+"&body=x", h.text)
		out = strings.Replace(out, `<h2 id="`+h.id+`">`+h.text+`</h2>`, `<h2 id="`+h.id+`">`+h.text+string(link)+`</h2>`, 1)
	}
	return out
}

// reviewPage is testPage with every field of issue 19 set.
func reviewPage(th *Theme) *Page {
	p := testPage(th, "")
	p.Site = reviewSiteOf(th, p.Site)
	p.Content = template.HTML(reviewContent(p.Site))
	p.Stamp = &Stamp{Date: time.Date(2024, time.March, 1, 9, 30, 0, 0, time.UTC), Commit: "abc1234", CommitURL: "https://github.com/example/folio/commit/abc1234"}
	p.EditURL = "https://github.com/example/folio/edit/main/guide/blocks.md"
	p.Review = &PageReview{Status: ReviewChanged, Sections: []ReviewSection{{ID: "hints", Title: "Hints"}, {ID: "tabs", Title: "Tabs"}}}
	p.Freshness = &Freshness{Original: LangLink{Code: "fr", Name: "Français", URL: "fr/guide/blocks/"}, Date: time.Date(2024, time.May, 2, 0, 0, 0, 0, time.UTC)}
	return p
}

func TestReviewPage(t *testing.T) {
	th := loadDefault(t)
	min, err := LoadMinified("", "default", output.MinifyTemplate)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		// The stamp and the edit link, at the end of the article.
		`<footer class="page-meta">`,
		`<p class="page-stamp">Last changed on <time datetime="2024-03-01">March 1, 2024</time> (<a class="commit-link" href="https://github.com/example/folio/commit/abc1234"><code>abc1234</code></a>)</p>`,
		`<a class="edit-link" href="https://github.com/example/folio/edit/main/guide/blocks.md">Edit this page</a>`,
		// The freshness notice, in the page's language, the original named in its own.
		`<div class="notice outdated-notice" role="note">The original of this page (<a href="../../fr/guide/blocks/" hreflang="fr" lang="fr">Français</a>) changed on <time datetime="2024-05-02">May 2, 2024</time>, after this translation was last updated.</div>`,
		// The banner: status, count linked to the first section, each section, the index.
		`<div class="review-banner" role="note" data-review="changed">`,
		`<span class="review-glyph" aria-hidden="true">●</span> <strong>Changed since v1.0</strong> — <a href="#hints">2 sections</a></p>`,
		`<li><a href="#tabs">Tabs</a></li>`,
		`<p class="review-banner-all"><a href="../../_review/">All changes since v1.0</a></p>`,
		// The sidebar: marks with their words, and the links to the book.
		`<a class=nav-link href=../../start/install/>Install<span class=nav-review data-review=changed aria-hidden=true>●</span><span class=visually-hidden> (Changed since v1.0)</span></a>`,
		`Links<span class=nav-review data-review=added aria-hidden=true>+</span><span class=visually-hidden> (New since v1.0)</span></a>`,
		`Hints & tabs<span class=nav-review data-review=renamed aria-hidden=true>↪</span>`,
		`<a class="book-link review-link" href=../../_review/>All changes since v1.0</a>`,
		`<a class="book-link print-link" href=../../print/>Print this book</a>`,
		// The content: marks, the removed note, the comment links.
		`class="review-changed" data-review="changed"`,
		`<li class="review-inserted" data-review="inserted">three, a new item</li>`,
		`<details class="review-removed" data-review="removed"><summary>Removed text</summary><del class="review-removed-body"><p>A paragraph that the new version no longer has at all.</p></del></details>`,
		`<h2 id="tabs">Tabs<a class="comment-link" href="https://github.com/example/folio/issues/new?title=Blocks%3A+Tabs&amp;body=x" rel="nofollow" title="Comment on this section" aria-label="Comment on this section: Tabs"></a></h2>`,
	}
	out := render(t, th, reviewPage(th))
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("page lacks\n%s", w)
		}
	}
	// The templates as the build minifies them say the same: the minifier
	// drops quotes, so the text alone is compared, and the parts Go writes.
	tags := regexp.MustCompile(`<[^>]*>`)
	minOut := render(t, min, reviewPage(min))
	for _, w := range want {
		// The sidebar and the content are not the templates' to minify.
		if strings.Contains(w, "class=nav") || (strings.Contains(w, `data-review="`) && !strings.Contains(w, "review-banner")) || strings.Contains(w, "comment-link") {
			if !strings.Contains(minOut, w) {
				t.Errorf("minified templates: page lacks\n%s", w)
			}
			continue
		}
		if text := strings.TrimSpace(tags.ReplaceAllString(w, "")); text != "" && !strings.Contains(tags.ReplaceAllString(minOut, ""), text) {
			t.Errorf("minified templates: page text lacks %q", text)
		}
	}
	for _, class := range reviewMarkup {
		if class != "<time" && !strings.Contains(minOut, class) {
			t.Errorf("minified templates: no %s", class)
		}
	}
	// The notices come before the article, the stamp at its end.
	if i, j, k := strings.Index(out, "outdated-notice"), strings.Index(out, "review-banner"), strings.Index(out, "<article"); i < 0 || j < i || k < j {
		t.Error("the notice and the banner are not before the article, in that order")
	}
	if i, j := strings.Index(out, "page-meta"), strings.Index(out, "</article>"); i < 0 || j < i {
		t.Error("page-meta is not inside the article")
	}
}

// TestReviewPageEmpty: without git, repo_url or --review, nothing of this
// is in the output, and the page is byte for byte what it was (the page
// golden holds that).
func TestReviewPageEmpty(t *testing.T) {
	th := loadDefault(t)
	for _, p := range []*Page{testPage(th, "<p>Hello.</p>"), {Site: testSite(th), Layout: DefaultLayout(), Root: "./"}} {
		out := render(t, th, p)
		for _, s := range reviewMarkup {
			if strings.Contains(out, s) {
				t.Errorf("page without review fields holds %q", s)
			}
		}
	}
	// A review status on a nav item shows only in review mode.
	s := testSite(th)
	s.Nav[0].Items[0].Review = ReviewChanged
	if out := render(t, th, &Page{Site: s, Layout: DefaultLayout(), Root: "./"}); strings.Contains(out, "nav-review") {
		t.Error("nav mark without Site.Review")
	}
	// A stamp alone, an edit link alone.
	p := testPage(th, "")
	p.EditURL = "https://example.com/edit"
	if out := render(t, th, p); !strings.Contains(out, "edit-link") || strings.Contains(out, "page-stamp") {
		t.Error("edit link alone: wrong page-meta")
	}
}

// TestNavMarksMinified: the sidebar with marks is written as the
// minifier leaves it, as TestPagesMinified requires of the whole sidebar.
func TestNavMarksMinified(t *testing.T) {
	th := loadDefault(t)
	for _, lang := range []string{"en", "fr", "ar", "ja"} {
		s := reviewSiteOf(th, testSite(th))
		s.Strings = th.Strings(lang)
		s.Review.Since = `v1.0 <"beta"> & co`
		p := &Page{Site: s, Root: "../", URL: "start/install/", Layout: DefaultLayout()}
		got := string(p.SidebarParts())
		if !strings.Contains(got, "nav-review") {
			t.Fatalf("%s: no marks in\n%s", lang, got)
		}
		if m := minified(t, got); m != got {
			t.Errorf("%s: sidebar with marks is not minified:\n%s\nminified:\n%s", lang, got, m)
		}
	}
}

func TestCommentLink(t *testing.T) {
	th := loadDefault(t)
	s := testSite(th)
	s.Strings = th.Strings("fr")
	got := string(s.CommentLink("https://gitlab.com/o/r/-/issues/new?issue[title]=A&issue[description]=\"x\"", "  Les <b>blocs</b>\n & co "))
	want := `<a class="comment-link" href="https://gitlab.com/o/r/-/issues/new?issue[title]=A&amp;issue[description]=%22x%22" rel="nofollow" title="Commenter cette section" aria-label="Commenter cette section` + "\u00a0: " + `Les &lt;b&gt;blocs&lt;/b&gt; &amp; co"></a>`
	if got != want {
		t.Errorf("CommentLink =\n%s\nwant\n%s", got, want)
	}
	if got := string(s.CommentLink("javascript:alert(1)", "x")); !strings.Contains(got, `href="#"`) {
		t.Errorf("a javascript: URL is kept: %s", got)
	}
}

func TestStampText(t *testing.T) {
	th := loadDefault(t)
	p := &Page{Site: multiSite(th, "fr", "ltr", "fr/"), Root: "../"}
	d := time.Date(2024, time.March, 1, 23, 59, 0, 0, time.FixedZone("", -5*3600))
	tests := []struct {
		stamp *Stamp
		want  string
	}{
		{nil, ""},
		{&Stamp{Commit: "abc"}, ""},
		{&Stamp{Date: d, Commit: "abc1234"}, `Dernière modification le <time datetime="2024-03-01">1er mars 2024</time> (<code>abc1234</code>)`},
		{&Stamp{Date: d}, `Dernière modification le <time datetime="2024-03-01">1er mars 2024</time>`},
		{&Stamp{Date: d, Commit: "<x>", CommitURL: "https://h/commit/<x>"}, `Dernière modification le <time datetime="2024-03-01">1er mars 2024</time> (<a class="commit-link" href="https://h/commit/%3Cx%3E"><code>&lt;x&gt;</code></a>)`},
	}
	for _, tc := range tests {
		if got := string(p.StampText(tc.stamp)); got != tc.want {
			t.Errorf("StampText(%+v) =\n%s\nwant\n%s", tc.stamp, got, tc.want)
		}
	}
	// Japanese writes the commit in full-width parentheses, which go too.
	p.Site = multiSite(th, "ja", "ltr", "ja/")
	if got := string(p.StampText(&Stamp{Date: d})); strings.ContainsAny(got, "（）()") {
		t.Errorf("ja without commit: %s", got)
	}
}

func TestOutdatedNotice(t *testing.T) {
	th := loadDefault(t)
	p := &Page{Site: multiSite(th, "fr", "ltr", "fr/"), URL: "fr/guide/", Root: "../../",
		Freshness: &Freshness{Original: LangLink{Code: "en", Name: "English <en>", URL: "en/guide/"}, Date: time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)}}
	want := `L’original de cette page (<a href="../../en/guide/" hreflang="en" lang="en">English &lt;en&gt;</a>) a été modifié le <time datetime="2025-01-01">1er janvier 2025</time>, après la dernière mise à jour de cette traduction.`
	if got := string(p.OutdatedNotice()); got != want {
		t.Errorf("OutdatedNotice =\n%s\nwant\n%s", got, want)
	}
	// Arabic writes the date with its own digits.
	p.Site = multiSite(th, "ar", "rtl", "ar/")
	if got := string(p.OutdatedNotice()); !strings.Contains(got, "٢٠٢٥") || !strings.Contains(got, `hreflang="en"`) {
		t.Errorf("ar notice: %s", got)
	}
	// A site string without the placeholders still links the original.
	p.Site.Strings = map[string]string{"outdated_notice": "Outdated <b>."}
	if got := string(p.OutdatedNotice()); got != `Outdated &lt;b&gt;. <a href="../../en/guide/" hreflang="en" lang="en">English &lt;en&gt;</a>` {
		t.Errorf("notice without {language}: %s", got)
	}
	p.Freshness = nil
	if p.OutdatedNotice() != "" {
		t.Error("notice without Freshness")
	}
}

func TestReviewBannerStatuses(t *testing.T) {
	th := loadDefault(t)
	p := reviewPage(th)
	p.Site.Strings = th.Strings("de")
	p.Review = &PageReview{Status: ReviewAdded}
	out := render(t, th, p)
	if !strings.Contains(out, `<span class="review-glyph" aria-hidden="true">+</span> <strong>Neu seit v1.0</strong></p>`) || strings.Contains(out, "review-sections") {
		t.Errorf("added banner:\n%s", bannerOf(out))
	}
	p.Review = &PageReview{Status: ReviewRenamed, From: "guide/old.md", Sections: []ReviewSection{{ID: "", Title: "ignored"}}}
	out = render(t, th, p)
	for _, w := range []string{
		`<strong>Verschoben seit v1.0</strong> <span class="review-from">(Früher <code>guide/old.md</code>)</span> — <a href="#folio-main">1 Abschnitt</a></p>`,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("renamed banner lacks %s:\n%s", w, bannerOf(out))
		}
	}
	if strings.Contains(out, "review-sections") {
		t.Error("a single section is listed")
	}
	// Without an index URL, no link to it.
	p.Site.Review.URL = ""
	if out := render(t, th, p); strings.Contains(out, "review-banner-all") || strings.Contains(out, "review-link") {
		t.Error("link to an index that does not exist")
	}
}

func bannerOf(page string) string {
	i := strings.Index(page, `<div class="review-banner"`)
	if i < 0 {
		return "(no banner)"
	}
	j := strings.Index(page[i:], "</div>")
	return page[i : i+j+6]
}

func TestPrintAnchor(t *testing.T) {
	tests := []struct{ url, id, want string }{
		{"", "", "p-"},
		{"guide/install/", "", "p-guide_install_"},
		{"guide/install/", "setup", "p-guide_install_~setup"},
		{"a_b/", "", "p-a.5fb_"},
		{"café/", "ünï", "p-caf.c3.a9_~.c3.bcn.c3.af"},
		{"a.html", "x~y", "p-a.2ehtml~x.7ey"},
	}
	for _, tc := range tests {
		if got := PrintAnchor(tc.url, tc.id); got != tc.want {
			t.Errorf("PrintAnchor(%q, %q) = %q, want %q", tc.url, tc.id, got, tc.want)
		}
		if got := PrintHref(tc.url, tc.id); got != "#"+tc.want {
			t.Errorf("PrintHref(%q, %q) = %q", tc.url, tc.id, got)
		}
	}
	// Anchors of different pages or headings never meet, and need no escaping.
	seen := map[string][2]string{}
	safe := regexp.MustCompile(`^[A-Za-z0-9._~-]+$`)
	for _, u := range []string{"", "a/", "a/b/", "a_b/", "a/_b/", "a.b/", "a~b/", "a-b/", "a/b", "ab/", "a.5fb/"} {
		for _, id := range []string{"", "b", "b_", "_b", "x~y", "x", "5fb"} {
			a := PrintAnchor(u, id)
			if prev, dup := seen[a]; dup {
				t.Errorf("PrintAnchor(%q, %q) = PrintAnchor(%q, %q) = %q", u, id, prev[0], prev[1], a)
			}
			seen[a] = [2]string{u, id}
			if !safe.MatchString(a) {
				t.Errorf("PrintAnchor(%q, %q) = %q needs escaping", u, id, a)
			}
		}
	}
}

func TestCiteURL(t *testing.T) {
	s := &Site{BaseURL: "https://docs.example.com/fr/"}
	tests := []struct{ url, id, want string }{
		{"guide/", "", "https://docs.example.com/fr/guide/"},
		{"/guide/", "été-2024", "https://docs.example.com/fr/guide/#été-2024"},
		{"", "a b#c%d\"e", "https://docs.example.com/fr/#a%20b%23c%25d%22e"},
	}
	for _, tc := range tests {
		if got := s.CiteURL(tc.url, tc.id); got != tc.want {
			t.Errorf("CiteURL(%q, %q) = %q, want %q", tc.url, tc.id, got, tc.want)
		}
	}
	if got := (&Site{}).CiteURL("guide/", "x"); got != "" {
		t.Errorf("CiteURL without a base URL = %q", got)
	}
}

// TestI18nReviewPlaceholders: every language's strings of issue 19 keep
// the placeholders of the English ones (review_sections_one may write
// its number as a word).
func TestI18nReviewPlaceholders(t *testing.T) {
	th := loadDefault(t)
	ph := regexp.MustCompile(`\{[a-z]+\}`)
	en := th.i18n.lang("en")
	keys := []string{"last_changed", "outdated_notice", "review_added", "review_changed", "review_renamed",
		"review_sections", "review_sections_one", "review_all", "review_title", "review_intro", "review_none"}
	for _, lang := range th.i18n.langs() {
		m := th.i18n.lang(lang)
		for _, k := range keys {
			want := ph.FindAllString(en[k], -1)
			for _, p := range want {
				if k == "review_sections_one" && p == "{count}" {
					continue
				}
				if !strings.Contains(m[k], p) {
					t.Errorf("%s: %s = %q lacks %s", lang, k, m[k], p)
				}
			}
			for _, p := range ph.FindAllString(m[k], -1) {
				if !strings.Contains(en[k], p) {
					t.Errorf("%s: %s = %q has unknown %s", lang, k, m[k], p)
				}
			}
		}
	}
}

// reviewIndexFixture is a review index with a page of each kind.
func reviewIndexFixture() *ReviewIndex {
	return &ReviewIndex{
		Since: "v1.0", Commit: "0f1e2d3", CommitURL: "https://github.com/example/folio/commit/0f1e2d3",
		Changed: []ReviewEntry{
			{Title: "Install", URL: "start/install/", Inserted: 2, Changed: 1, Removed: 1,
				Sections: []ReviewSection{{ID: "", Title: "Install"}, {ID: "requirements", Title: "Requirements"}}},
			{Title: "Blocks", URL: "guide/blocks/", Changed: 3, Sections: []ReviewSection{{ID: "tabs", Title: "Tabs & panels"}}},
		},
		Added:   []ReviewEntry{{Title: "Links", URL: "guide/links/"}},
		Renamed: []ReviewEntry{{Title: "Hints & tabs", URL: "guide/blocks/hints/", From: "guide/hints.md", Inserted: 1, Sections: []ReviewSection{{ID: "hints", Title: "Hints"}}}},
		Removed: []ReviewEntry{{Title: "Old FAQ", From: "faq.md"}},
	}
}

// printBookFixture is a book of two parts: nested pages, blocks that
// print must open, links within the book and out of it, a fallback page.
func printBookFixture(s *Site) *PrintBook {
	cite := func(url, id string) string { return s.CiteURL(url, id) }
	return &PrintBook{
		Built:  time.Date(2024, time.June, 3, 12, 0, 0, 0, time.UTC),
		Commit: "9a8b7c6", CommitURL: "https://github.com/example/folio/commit/9a8b7c6",
		Parts: []PrintPart{
			{Sections: []PrintSection{
				{URL: "", Title: "Introduction", Level: 1, Content: template.HTML(`<p>Welcome. See <a href="` + PrintHref("start/install/", "requirements") + `">the requirements</a> and <a href="https://example.com/spec">the specification</a>.</p>`)},
				{URL: "start/", Title: "Getting started", Description: "Install folio and build a first site.", Level: 1, Stamp: &Stamp{Date: time.Date(2024, time.May, 30, 0, 0, 0, 0, time.UTC), Commit: "1a2b3c4"},
					Content: template.HTML(`<h2 id="` + PrintAnchor("start/", "why") + `" data-cite="` + cite("start/", "why") + `">Why</h2><p>Because.</p>`)},
				{URL: "start/install/", Title: "Install", Level: 2,
					Content: template.HTML(`<h2 id="` + PrintAnchor("start/install/", "requirements") + `" data-cite="` + cite("start/install/", "requirements") + `">Requirements</h2>` +
						`<details><summary>Details</summary><p>Hidden on screen until opened.</p></details>` +
						`<p><img src="../../.gitbook/assets/shot.png" alt="A screenshot" loading="lazy"></p>`)},
			}},
			{Title: "Guides", Sections: []PrintSection{
				{URL: "guide/", Title: "Writing pages", Level: 1, Lang: "fr", Content: `<p lang="fr">Une page pas encore traduite.</p>`},
				{URL: "guide/blocks/", Title: "Blocks", Level: 2, Content: template.HTML(`<div class="tabs"><section class="tab-panel" id="` + PrintAnchor("guide/blocks/", "panel-1-1") + `"><p class="tab-panel-title">One</p><p>First.</p></section><section class="tab-panel" id="` + PrintAnchor("guide/blocks/", "panel-1-2") + `"><p class="tab-panel-title">Two</p><p>Second.</p></section></div>`)},
				{URL: "guide/blocks/hints/", Title: "Hints & tabs", Level: 3, Content: `<p>Deep.</p>`},
				{URL: "guide/links/", Title: "Links", Level: 2, Content: `<p>Last.</p>`},
			}},
		},
	}
}

// TestReviewGolden renders the review index and the print page and
// compares them with testdata/review/*.txtar (-update rewrites them).
func TestReviewGolden(t *testing.T) {
	th := loadDefault(t)
	for _, name := range []string{"index", "print", "print-one-part"} {
		t.Run(name, func(t *testing.T) {
			file := filepath.Join("testdata", "review", name+".txtar")
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			s := reviewSiteOf(th, testSite(th))
			switch name {
			case "index":
				err = th.RenderReviewIndex(&buf, &Page{Site: s, URL: "_review/", Root: "../", Layout: DefaultLayout()}, reviewIndexFixture())
			case "print":
				err = th.RenderPrint(&buf, &Page{Site: s, URL: "print/", Root: "../"}, printBookFixture(s))
			case "print-one-part":
				b := printBookFixture(s)
				b.Parts = b.Parts[:1]
				b.Commit, b.CommitURL = "", ""
				s.BaseURL = ""
				err = th.RenderPrint(&buf, &Page{Site: s, URL: "print/", Root: "../"}, b)
			}
			if err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			if *update {
				setSection(ar, "want.html", got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(section(ar, "want.html")), string(got)); diff != "" {
				t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
			}
		})
	}
}

func TestRenderPrint(t *testing.T) {
	th := loadDefault(t)
	s := reviewSiteOf(th, testSite(th))
	var buf bytes.Buffer
	if err := th.RenderPrint(&buf, &Page{Site: s, URL: "print/", Root: "../"}, printBookFixture(s)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, w := range []string{
		`<meta name="robots" content="noindex">`,
		`<link rel="stylesheet" href="../_folio/print.css">`,
		`<title>Folio Docs (English)</title>`, // the language names the PDF
		`<h1 class="print-title" dir="auto">Folio Docs</h1>`,
		`<p class="print-address">https://docs.example.com/</p>`,
		`<dd>English</dd>`,
		`<dd><time datetime="2024-06-03">June 3, 2024</time></dd>`,
		`<a href="https://github.com/example/folio/commit/9a8b7c6"><code>9a8b7c6</code></a>`,
		// The contents nest as SUMMARY.md does; parts are groups.
		`<li><a href="#p-start_">Getting started</a><ol class="print-toc-list">` + "\n" + `<li><a href="#p-start_install_">Install</a></li>`,
		`<li class="print-toc-part"><span class="print-toc-part-title">Guides</span><ol class="print-toc-list">`,
		`<li><a href="#p-guide_blocks_hints_">Hints &amp; tabs</a></li>`,
		// Sections: ids, citable titles, stamps, other languages, breaks.
		`<section class="print-section" id="p-start_install_">`,
		`<h1 class="print-section-title" data-cite="https://docs.example.com/start/install/">Install</h1>`,
		`<p class="page-stamp">Last changed on <time datetime="2024-05-30">May 30, 2024</time> (<code>1a2b3c4</code>)</p>`,
		`<section class="print-section" id="p-guide_" lang="fr" dir="ltr">`,
		`<div class="print-part print-break">` + "\n" + `<h1 class="print-part-title">Guides</h1>`,
		// Content as the build made it for print.
		`data-cite="https://docs.example.com/start/install/#requirements"`,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("print page lacks\n%s", w)
		}
	}
	for _, no := range []string{"sidebar", "search.js", "folio-search"} {
		if strings.Contains(out, no) {
			t.Errorf("print page holds %q", no)
		}
	}
	// One part: each top-level page but the first starts a sheet.
	b := printBookFixture(s)
	b.Parts = b.Parts[:1]
	buf.Reset()
	if err := th.RenderPrint(&buf, &Page{Site: s, URL: "print/", Root: "../"}, b); err != nil {
		t.Fatal(err)
	}
	out = buf.String()
	if !strings.Contains(out, `<section class="print-section print-break" id="p-start_">`) || strings.Contains(out, `print-break" id="p-"`) || strings.Contains(out, `print-break" id="p-start_install_"`) {
		t.Error("one-part book: wrong breaks")
	}
	// Bad calls.
	if err := th.RenderPrint(&buf, &Page{}, b); err == nil {
		t.Error("RenderPrint without a site")
	}
	if err := th.RenderReviewIndex(&buf, &Page{Site: s}, nil); err == nil {
		t.Error("RenderReviewIndex without an index")
	}
}

func TestRenderReviewIndex(t *testing.T) {
	th := loadDefault(t)
	s := reviewSiteOf(th, testSite(th))
	var buf bytes.Buffer
	if err := th.RenderReviewIndex(&buf, &Page{Site: s, URL: "_review/", Root: "../", Layout: DefaultLayout()}, reviewIndexFixture()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, w := range []string{
		`<title>Changes since v1.0 — Folio Docs</title>`,
		`<meta name="robots" content="noindex">`,
		`<h2 id="review-changed"><span class="review-glyph" data-review="changed" aria-hidden="true">●</span> Changed pages <span class="review-count">(2)</span></h2>`,
		`<div class="table-wrap" role="region" aria-labelledby="review-changed" tabindex="0">`,
		`<td><a href="../start/install/">Install</a></td><td><a href="../start/install/">Start of the page</a>, <a href="../start/install/#requirements">Requirements</a></td><td class="num">2</td><td class="num">1</td><td class="num">1</td>`,
		`<a href="../guide/blocks/#tabs">Tabs &amp; panels</a>`,
		`<li><a href="../guide/links/">Links</a></li>`,
		`<span class="review-from">Formerly <code>guide/hints.md</code></span>`,
		`<li>Old FAQ <code class="review-from">faq.md</code></li>`,
		`<a href="https://github.com/example/folio/commit/0f1e2d3"><code>0f1e2d3</code></a>`,
	} {
		if !strings.Contains(out, w) {
			t.Errorf("review index lacks\n%s", w)
		}
	}
	// The groups come in reading order.
	last := -1
	for _, id := range []string{"review-changed", "review-added", "review-renamed", "review-removed"} {
		i := strings.Index(out, `<h2 id="`+id+`"`)
		if i < last {
			t.Errorf("%s out of order", id)
		}
		last = i
	}
	// Nothing changed: says so, no empty lists.
	buf.Reset()
	s.Strings = th.Strings("fr")
	if err := th.RenderReviewIndex(&buf, &Page{Site: s, URL: "_review/", Root: "../", Layout: DefaultLayout()}, &ReviewIndex{Since: "main~3"}); err != nil {
		t.Fatal(err)
	}
	out = buf.String()
	if !strings.Contains(out, "<p>Rien n’a changé depuis main~3.</p>") || strings.Contains(out, "<h2") || !strings.Contains(out, "<h1 class=\"page-title\">Modifications depuis main~3</h1>") {
		t.Errorf("empty index:\n%s", out)
	}
	// Numbers in the language's digits.
	s.Strings = th.Strings("fa")
	buf.Reset()
	if err := th.RenderReviewIndex(&buf, &Page{Site: s, URL: "_review/", Root: "../", Layout: DefaultLayout()}, reviewIndexFixture()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `<td class="num">۲</td>`) {
		t.Error("fa: counts not in Persian digits")
	}
}

// TestReviewContrast holds the colours of the review marks and notices
// to WCAG 2.1 AA in both schemes: 4.5:1 for text (the glyphs and the
// removed note's summary, on the page and on the current sidebar entry),
// 3:1 for the outlines around marked blocks.
func TestReviewContrast(t *testing.T) {
	th := loadDefault(t)
	b, err := readStatic(th, "folio.css")
	if err != nil {
		t.Fatal(err)
	}
	light := cssVars(t, b, ":root {")
	dark := cssVars(t, b, `:root[data-theme="dark"] {`)
	for scheme, v := range map[string]map[string]string{"light": light, "dark": dark} {
		get := func(name string) string {
			if c, ok := v[name]; ok {
				return c
			}
			return light[name] // dark inherits what it does not set
		}
		// The glyphs stand on the page, on the current sidebar entry, on
		// a hovered one and in the banner.
		var text [][2]string
		for _, fg := range []string{"--review-added", "--review-changed", "--review-renamed", "--review-removed"} {
			for _, bg := range []string{"--bg", "--accent-bg", "--surface", "--info-bg"} {
				text = append(text, [2]string{fg, bg})
			}
		}
		text = append(text, [][2]string{
			{"--muted", "--bg"}, {"--fg", "--info-bg"}, {"--accent", "--info-bg"},
			{"--fg", "--success-bg"}, {"--fg", "--warning-bg"}, {"--accent", "--success-bg"}, {"--accent", "--warning-bg"},
		}...)
		for _, pair := range text {
			if c := contrastRatio(t, get(pair[0]), get(pair[1])); c < 4.5 {
				t.Errorf("%s: %s on %s: contrast %.2f, want 4.5", scheme, pair[0], pair[1], c)
			}
		}
		for _, pair := range [][2]string{{"--review-added", "--bg"}, {"--review-changed", "--bg"}, {"--review-removed", "--bg"}} {
			if c := contrastRatio(t, get(pair[0]), get(pair[1])); c < 3 {
				t.Errorf("%s: outline %s on %s: contrast %.2f, want 3", scheme, pair[0], pair[1], c)
			}
		}
	}
}

func readStatic(th *Theme, name string) (string, error) {
	f, err := th.Static().Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b bytes.Buffer
	_, err = b.ReadFrom(f)
	return b.String(), err
}

// cssVars reads the colour variables (#rrggbb) of the blocks that open
// with start, later blocks over earlier ones.
func cssVars(t *testing.T, css, start string) map[string]string {
	t.Helper()
	i := strings.Index(css, start)
	if i < 0 {
		t.Fatalf("no %s block", start)
	}
	m := map[string]string{}
	for rest := css[i:]; ; {
		block := rest[:strings.Index(rest, "}")]
		for _, sm := range regexp.MustCompile(`(--[a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\b`).FindAllStringSubmatch(block, -1) {
			m[sm[1]] = sm[2]
		}
		j := strings.Index(rest[len(block):], start)
		if j < 0 {
			return m
		}
		rest = rest[len(block)+j:]
	}
}

func contrastRatio(t *testing.T, a, b string) float64 {
	t.Helper()
	lum := func(hex string) float64 {
		if len(hex) != 7 {
			t.Fatalf("colour %q", hex)
		}
		var l [3]float64
		for i := range 3 {
			n, err := strconv.ParseUint(hex[1+2*i:3+2*i], 16, 8)
			if err != nil {
				t.Fatal(err)
			}
			c := float64(n) / 255
			if c <= 0.03928 {
				l[i] = c / 12.92
			} else {
				l[i] = math.Pow((c+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	la, lb := lum(a), lum(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestReviewTemplatesMinified: the print page and the review index
// render from the templates as the build minifies them.
func TestReviewTemplatesMinified(t *testing.T) {
	th, err := LoadMinified("", "default", output.MinifyTemplate)
	if err != nil {
		t.Fatal(err)
	}
	s := reviewSiteOf(th, testSite(th))
	var buf bytes.Buffer
	if err := th.RenderPrint(&buf, &Page{Site: s, URL: "print/", Root: "../"}, printBookFixture(s)); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"print-toc", "p-guide_blocks_hints_", "Hints &amp; tabs", "June 3, 2024"} {
		if !strings.Contains(buf.String(), w) {
			t.Errorf("minified print page lacks %s", w)
		}
	}
	buf.Reset()
	if err := th.RenderReviewIndex(&buf, &Page{Site: s, URL: "_review/", Root: "../", Layout: DefaultLayout()}, reviewIndexFixture()); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Changes since v1.0", "review-table", "Tabs &amp; panels", "faq.md", "Formerly"} {
		if !strings.Contains(buf.String(), w) {
			t.Errorf("minified review index lacks %s", w)
		}
	}
}
