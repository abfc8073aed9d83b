package site

import (
	"bytes"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"

	"folio/internal/testkit"
	"folio/internal/theme"
)

// TestPrintPages builds each site of testdata/print/*.txtar and compares
// the main element of every language's print page, and the link to it in
// the sidebar of the language's home page, with want.html, and the
// build's diagnostics with want.diag.
func TestPrintPages(t *testing.T) {
	testkit.EachCase(t, "testdata/print/*.txtar", func(t *testing.T, file string, ar *txtar.Archive) {
		files := map[string]string{}
		for _, f := range ar.Files {
			if !strings.HasPrefix(f.Name, "want.") {
				files[f.Name] = string(f.Data)
			}
		}
		dir := testkit.Site(t, files)
		out, res := built(t, Options{Dir: dir, NoMinify: true})
		var got strings.Builder
		for _, p := range printPages(t, out) {
			b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(p), "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			home := strings.TrimSuffix(strings.TrimSuffix(p, "print/"), "_")
			hb, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(home), "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			got.WriteString("== /" + p + " (sidebar of /" + home + ": " + printLink(hb) + ")\n")
			got.WriteString(mainElement(t, b) + "\n")
		}
		gotDiag := diagText(res.Diags)
		if *update {
			testkit.SetSection(ar, "want.html", []byte(got.String()))
			testkit.SetSection(ar, "want.diag", []byte(gotDiag))
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if d := cmp.Diff(sectionString(ar, "want.html"), got.String()); d != "" {
			t.Errorf("print pages mismatch (-want +got):\n%s", d)
		}
		if d := cmp.Diff(sectionString(ar, "want.diag"), gotDiag); d != "" {
			t.Errorf("diagnostics mismatch (-want +got):\n%s", d)
		}
	})
}

// printPages lists the site paths of the print pages in out, sorted.
func printPages(t *testing.T, out string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if bytes.Contains(b, []byte(`class="print-book"`)) || bytes.Contains(b, []byte(`class=print-book`)) {
			rel, _ := filepath.Rel(out, filepath.Dir(p))
			pages = append(pages, filepath.ToSlash(rel)+"/")
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	return pages
}

var printLinkRE = regexp.MustCompile(`<a class="?[^">]*\bprint-link\b[^>]*href="?([^" >]*)`)

// printLink is the address the sidebar's "Print this book" leads to, or
// "none".
func printLink(page []byte) string {
	if m := printLinkRE.FindSubmatch(page); m != nil {
		return string(m[1])
	}
	return "none"
}

// mainElement is the <main> element of a page, as written.
func mainElement(t *testing.T, page []byte) string {
	t.Helper()
	s := string(page)
	i, j := strings.Index(s, "<main"), strings.LastIndex(s, "</main>")
	if i < 0 || j < i {
		t.Fatalf("no <main> in %.200s", s)
	}
	return s[i : j+len("</main>")]
}

func TestPrintBody(t *testing.T) {
	pl := &printLinks{
		page:  "en/guide/install/",
		print: "en/print/",
		inBook: map[string]bookPage{
			"en/":               {url: "en/", title: "home", ids: map[string]bool{"home": true, "intro": true}},
			"en/guide/install/": {url: "en/guide/install/", title: "install", ids: map[string]bool{"install": true, "setup": true}},
			"en/guide/café/":    {url: "en/guide/caf%C3%A9/"},
		},
		cite: func(url, id string) string { return "https://x.org/" + url + "#" + id },
	}
	a := func(id string) string { return theme.PrintAnchor("en/guide/install/", id) }
	tests := []struct{ name, in, want string }{
		{"heading", `<h2 id=setup>Setup</h2>`,
			`<h2 id=` + a("setup") + ` data-cite=https://x.org/en/guide/install/#setup>Setup</h2>`},
		{"forward reference", `<button id=t1 aria-controls="p1 other">T</button><section id=p1 aria-labelledby=t1></section>`,
			`<button id=` + a("t1") + ` aria-controls="` + a("p1") + ` other">T</button><section id=` + a("p1") + ` aria-labelledby=` + a("t1") + `></section>`},
		{"fragment in the page", `<a href="#fn:1">1</a><p id="fn:1">note</p>`,
			`<a href=#` + a("fn:1") + `>1</a><p id=` + a("fn:1") + `>note</p>`},
		{"escaped fragment", `<a href="#caf%C3%A9">x</a><h3 id="café">C</h3>`,
			`<a href=#` + a("café") + `>x</a><h3 id=` + a("café") + ` data-cite=https://x.org/en/guide/install/#café>C</h3>`},
		{"theme's ids stay; a broken anchor leads to the section", `<div aria-labelledby=folio-label-table><a href="#nowhere">x</a></div>`,
			`<div aria-labelledby=folio-label-table><a href=#` + a("") + `>x</a></div>`},
		{"page of the book", `<a href="../../#intro">x</a><a href="./">self</a><a href="../caf%C3%A9/">c</a>`,
			`<a href=` + theme.PrintHref("en/", "intro") + `>x</a><a href=` + theme.PrintHref("en/guide/install/", "") + `>self</a><a href=` + theme.PrintHref("en/guide/caf%C3%A9/", "") + `>c</a>`},
		{"title of a page", `<a href="../../#home">h</a><a href="#install">i</a>`,
			`<a href=` + theme.PrintHref("en/", "") + `>h</a><a href=` + theme.PrintHref("en/guide/install/", "") + `>i</a>`},
		{"the page itself by its path", `<a href="../install/#fn:1">n</a><a href="../install/#gone">g</a><p id="fn:1">`,
			`<a href=#` + a("fn:1") + `>n</a><a href=#` + a("") + `>g</a><p id=` + a("fn:1") + `>`},
		{"anchor a page lacks", `<a href="../../#gone">g</a><a href="#gone">h</a>`,
			`<a href=` + theme.PrintHref("en/", "") + `>g</a><a href=#` + a("") + `>h</a>`},
		{"page outside the book", `<a href="../../notes/#a">n</a><a href="../../../fr/guide/install/">fr</a>`,
			`<a href=../notes/#a>n</a><a href=../../fr/guide/install/>fr</a>`},
		{"assets", `<img src="../../_gitbook/assets/a%20b.png" srcset="../../_gitbook/assets/a.png 1x, ../../_gitbook/assets/b.png 2x" alt="">`,
			`<img src=../_gitbook/assets/a%20b.png srcset="../_gitbook/assets/a.png 1x, ../_gitbook/assets/b.png 2x" alt>`},
		{"asset of the site root", `<a href="../../../_gitbook/assets/f.pdf?x=1&amp;y=2">f</a>`,
			`<a href="../../_gitbook/assets/f.pdf?x=1&amp;y=2">f</a>`},
		{"unchanged", `<a href="https://example.org/a">e</a><a href="mailto:a@b.c">m</a><a href="/abs">a</a><img src="data:image/png;base64,AA==" alt="">`,
			`<a href="https://example.org/a">e</a><a href="mailto:a@b.c">m</a><a href="/abs">a</a><img src="data:image/png;base64,AA==" alt="">`},
		{"svg", `<svg><defs><marker id=m1-arrow></marker></defs><line marker-end="url(#m1-arrow)" fill="url(#none)"/><use href="#m1-arrow"/><desc title="url(#m1-arrow)"></desc></svg>`,
			`<svg><defs><marker id=` + a("m1-arrow") + `></marker></defs><line marker-end=url(#` + a("m1-arrow") + `) fill="url(#none)"/><use href="#` + a("m1-arrow") + `"/><desc title="url(#m1-arrow)"></desc></svg>`},
		{"self-closing", `<img src="../x.png"/><img src="../y.png" alt=""/><br id="b"/><use href="#b"/>`,
			`<img src=../guide/x.png /><img src=../guide/y.png alt /><br id=` + a("b") + ` /><use href="#` + a("b") + `"/>`},
		{"api server list", `<section id=get-books-op></section><div data-for=get-books></div><div data-for=other></div>`,
			`<section id=` + a("get-books-op") + `></section><div data-for=` + a("get-books") + `></div><div data-for=other></div>`},
		{"legacy anchor", `<a name=old></a><a href="#old">x</a>`,
			`<a name=` + a("old") + `></a><a href=#` + a("old") + `>x</a>`},
		{"empty id", `<a id name="">x</a>`, `<a id name>x</a>`},
		{"text and other tags untouched", `<p class=x>a &amp; b<!-- c --><code>&lt;i id=no&gt;</code></p>`,
			`<p class=x>a &amp; b<!-- c --><code>&lt;i id=no&gt;</code></p>`},
		{"quotes in values", `<h2 id='a"b'>Q</h2>`,
			`<h2 id=` + a(`a"b`) + ` data-cite="https://x.org/en/guide/install/#a&#34;b">Q</h2>`},
		{"details open", `<details class=hint><summary>S</summary><p>x</p></details><details open id=d><summary>T</summary></details>`,
			`<details class=hint open><summary>S</summary><p>x</p></details><details open id=` + a("d") + `><summary>T</summary></details>`},
		{"nothing lazy", `<img src=https://x.org/a.png alt="A &amp; B" loading=lazy width=10><iframe src=https://x.org/v loading=LAZY></iframe><img src=https://x.org/b.png loading=eager>`,
			`<img src=https://x.org/a.png alt="A &amp; B" width=10><iframe src=https://x.org/v></iframe><img src=https://x.org/b.png loading=eager>`},
		{"text and scripts untouched", `<pre><code>&lt;details&gt; loading="lazy"</code></pre><script>var s = "<details>";</script>`,
			`<pre><code>&lt;details&gt; loading="lazy"</code></pre><script>var s = "<details>";</script>`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(printBody([]byte(tc.in), pl)); got != tc.want {
				t.Errorf("printBody(%s)\n got %s\nwant %s", tc.in, got, tc.want)
			}
		})
	}
}

func TestPrintBodyWithoutCite(t *testing.T) {
	pl := &printLinks{page: "", print: "print/", inBook: map[string]bookPage{"": {}}, cite: (&theme.Site{}).CiteURL}
	got := string(printBody([]byte(`<h2 id=a>A</h2><a href="guide/">g</a>`), pl))
	want := `<h2 id=` + theme.PrintAnchor("", "a") + `>A</h2><a href=../guide/>g</a>`
	if got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestMapSrcset(t *testing.T) {
	up := func(u string) string { return "U(" + u + ")" }
	for in, want := range map[string]string{
		"a.png":                          "U(a.png)",
		"a.png 1x, b.png 2x":             "U(a.png) 1x, U(b.png) 2x",
		"  a.png  100w ,b.png, c.png 3x": "U(a.png) 100w, U(b.png), U(c.png) 3x",
		"a.png,b.png 2x":                 "U(a.png,b.png) 2x", // a URL runs to white space
		"data:image/png;base64,AA== 1x":  "U(data:image/png;base64,AA==) 1x",
		"":                               "",
	} {
		if got := mapSrcset(in, up); got != want {
			t.Errorf("mapSrcset(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPrintURL checks where the print page goes when a page or a
// redirect has its address.
func TestPrintURL(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string // the print page's folder, "" for none
	}{
		{"free", map[string]string{"README.md": "# Home\n"}, "print/"},
		{"a page there", map[string]string{"README.md": "# Home\n", "SUMMARY.md": "* [Home](README.md)\n* [Print](print.md)\n", "print.md": "# Print\n"}, "_print/"},
		{"a redirect there", map[string]string{"README.md": "# Home\n", ".gitbook.yaml": "redirects:\n  print: README.md\n"}, "_print/"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := testkit.Site(t, tc.files)
			out, _ := built(t, Options{Dir: dir})
			got := printPages(t, out)
			if !slices.Equal(got, []string{tc.want}) {
				t.Errorf("print pages %q, want %q", got, tc.want)
			}
			home, err := os.ReadFile(filepath.Join(out, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if l := printLink(home); l != "./"+tc.want {
				t.Errorf("the sidebar links to %q, want %q", l, tc.want)
			}
		})
	}
}

var printIDRE = regexp.MustCompile(`\sid="?([^" >]+)`)

// pageIDs maps each page of the site in out (its site path) to the ids
// it holds, in order.
func pageIDs(t *testing.T, out string) map[string][]string {
	t.Helper()
	m := map[string][]string{}
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "index.html" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		var ids []string
		for _, s := range printIDRE.FindAllSubmatch(b, -1) {
			ids = append(ids, html.UnescapeString(string(s[1])))
		}
		m[filepath.ToSlash(rel)] = ids
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestStableIDs checks that heading ids, and so the citable addresses and
// the print page's anchors, are the same from one build to the next, and
// that changing a heading's text changes its id alone: the ids after it,
// on its page and in the print page, stay.
func TestStableIDs(t *testing.T) {
	files := map[string]string{
		"site.yaml":  "title: Stable\nbase_url: https://docs.example.org/\n",
		"SUMMARY.md": "* [Home](README.md)\n* [Guide](guide.md)\n",
		"README.md":  "# Home\n\n## Start here\n\n## Start here\n\nSee [setup](guide.md#setup).\n",
		"guide.md":   "# Guide\n\n## Setup\n\n## Configure the server\n\n## Custom {#custom-anchor}\n\n## Setup\n\n{% tabs %}\n{% tab title=\"A\" %}\nOne.\n{% endtab %}\n{% endtabs %}\n",
	}
	build := func(dir string) map[string][]string {
		out, _ := built(t, Options{Dir: dir})
		return pageIDs(t, out)
	}
	dir := testkit.Site(t, files)
	first, second := build(dir), build(dir)
	if d := cmp.Diff(first, second); d != "" {
		t.Fatalf("two builds of the same site differ in ids (-first +second):\n%s", d)
	}
	guide := first["guide/index.html"]
	for _, id := range []string{"setup", "configure-the-server", "custom-anchor", "setup-1"} {
		if !slices.Contains(guide, id) {
			t.Errorf("guide ids %q lack %q", guide, id)
		}
	}
	if !slices.Contains(first["print/index.html"], theme.PrintAnchor("guide/", "configure-the-server")) {
		t.Errorf("print page ids %q lack the anchor of configure-the-server", first["print/index.html"])
	}

	testkit.WriteFiles(t, dir, map[string]string{"guide.md": strings.Replace(files["guide.md"], "## Configure the server", "## Configure the proxy", 1)})
	third := build(dir)
	for page, ids := range first {
		changed := 0
		for i, id := range ids {
			if i >= len(third[page]) || third[page][i] != id {
				changed++
				if !strings.Contains(id, "configure-the-server") || !strings.Contains(third[page][i], "configure-the-proxy") {
					t.Errorf("%s: id %q became %q", page, id, third[page][i])
				}
			}
		}
		if len(ids) != len(third[page]) {
			t.Errorf("%s: %d ids, then %d", page, len(ids), len(third[page]))
		}
		if want := map[bool]int{true: 1, false: 0}[page == "guide/index.html" || page == "print/index.html"]; changed != want {
			t.Errorf("%s: %d ids changed, want %d", page, changed, want)
		}
	}
	if !slices.Equal(slices.Sorted(maps.Keys(first)), slices.Sorted(maps.Keys(third))) {
		t.Errorf("pages %q, then %q", slices.Sorted(maps.Keys(first)), slices.Sorted(maps.Keys(third)))
	}
}

// TestPrintDeterministic builds a site twice: the print pages are the
// same bytes (no build time, no order of the render workers in them).
func TestPrintDeterministic(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/print/book.txtar")
	if err != nil {
		t.Fatal(err)
	}
	dir := testkit.ArchiveSite(t, ar)
	var pages [2][]byte
	for i := range pages {
		out, _ := built(t, Options{Dir: dir})
		if pages[i], err = os.ReadFile(filepath.Join(out, "print", "index.html")); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(pages[0], pages[1]) {
		t.Error("two builds of the same site give different print pages")
	}
}

// FuzzPrintBody checks that any body comes out as HTML whose every id is
// the print page's form, without a panic.
func FuzzPrintBody(f *testing.F) {
	for _, s := range []string{
		`<h2 id=a>A</h2><a href="#a">x</a>`,
		`<button id=t aria-controls=p></button><section id=p aria-labelledby=t>`,
		`<svg><marker id=m></marker><path marker-end="url(#m"/><path fill="url(#m)url(#m)"/></svg>`,
		`<img srcset=", ,a 1x,,b" src="../x"><a href="..//%zz">`,
		`<a href="../../x/?q#f" name=n id=n>`,
		`<A id>`,
	} {
		f.Add(s)
	}
	pl := &printLinks{page: "a/b/", print: "print/", inBook: map[string]bookPage{"a/": {url: "a/", title: "a"}}, cite: (&theme.Site{BaseURL: "https://x.org/"}).CiteURL}
	f.Fuzz(func(t *testing.T, in string) {
		out := printBody([]byte(in), pl)
		z := html.NewTokenizer(bytes.NewReader(out))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			_, more := z.TagName()
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				if string(k) == "id" && len(v) > 0 && !strings.HasPrefix(string(v), "p-a_b_~") {
					t.Fatalf("id %q in %q from %q", v, out, in)
				}
			}
		}
	})
}

// TestPrintHistory builds a book kept in git: the cover is dated by the
// newest change of its pages, with that commit linked on the host, and
// each section shows its page's last change.
func TestPrintHistory(t *testing.T) {
	g := testkit.NewGitRepo(t)
	g.Write(map[string]string{
		"site.yaml":  "title: Kept\nrepo_url: https://github.com/example/kept\n",
		"SUMMARY.md": "* [Home](README.md)\n* [Guide](guide.md)\n",
		"README.md":  "# Home\n\nWelcome.\n",
		"guide.md":   "# Guide\n\nFirst.\n",
	})
	g.Commit("Ann <ann@example.org>", "first")
	g.Write(map[string]string{"guide.md": "# Guide\n\nSecond.\n"})
	second := g.Commit("Bob <bob@example.org>", "second")
	g.Write(map[string]string{"site.yaml": "title: Kept\nrepo_url: https://github.com/example/kept\ndescription: Later.\n"})
	g.Commit("Ann <ann@example.org>", "not a page")
	out, _ := built(t, Options{Dir: g.Dir, NoMinify: true})
	b, err := os.ReadFile(filepath.Join(out, "print", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	short := g.Git("rev-parse", "--short", second)
	for _, want := range []string{
		`<dd><time datetime="2024-01-02">January 2, 2024</time></dd>`,
		`<a href="https://github.com/example/kept/commit/` + second + `"><code>` + short + `</code></a>`,
		`<time datetime="2024-01-01">January 1, 2024</time>`, // the home page's stamp
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the print page lacks %s", want)
		}
	}
	if n := strings.Count(page, `class="page-stamp"`); n != 2 {
		t.Errorf("%d sections with a stamp, want 2", n)
	}
}

// TestPrintNotIndexed: the print page repeats every page; search engines
// are told not to index it, and neither the sitemap nor the search index
// lists it.
func TestPrintNotIndexed(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":  "title: T\nbase_url: https://docs.example.org/\n",
		"SUMMARY.md": "* [Home](README.md)\n* [Guide](guide.md)\n",
		"README.md":  "# Home\n\nWelcome.\n",
		"guide.md":   "# Guide\n\nText.\n",
	})
	out, _ := built(t, Options{Dir: dir})
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if p := read("print/index.html"); !regexp.MustCompile(`<meta name="?robots"? content="?noindex"?>`).MatchString(p) {
		t.Error("the print page does not say noindex")
	}
	sitemap := read("sitemap.xml")
	if !strings.Contains(sitemap, "https://docs.example.org/guide/") || strings.Contains(sitemap, "print/") {
		t.Errorf("sitemap:\n%s", sitemap)
	}
	if idx := read("search-index.js"); strings.Contains(idx, "print/") {
		t.Error("the search index lists the print page")
	}
}

// TestPrintHonKitHeading: a HonKit book's page is titled by its SUMMARY.md
// label and shows its first heading; its section of the print page shows
// that heading too, and the table of contents the label.
func TestPrintHonKitHeading(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"book.json":  "{}\n",
		"SUMMARY.md": "# Summary\n\n* [Intro](README.md)\n* [Chapter 1](ch1.md)\n",
		"README.md":  "# Welcome\n",
		"ch1.md":     "# Chapter 1: Basics\n\nText.\n",
	})
	out, _ := built(t, Options{Dir: dir})
	b, err := os.ReadFile(filepath.Join(out, "print", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	var headings []string
	for _, m := range regexp.MustCompile(`class="?print-section-title"?[^>]*>([^<]*)<`).FindAllStringSubmatch(string(b), -1) {
		headings = append(headings, m[1])
	}
	if want := []string{"Welcome", "Chapter 1: Basics"}; !slices.Equal(headings, want) {
		t.Errorf("section headings %q, want %q", headings, want)
	}
	if toc := string(b[:bytes.Index(b, []byte("print-section-title"))]); !strings.Contains(toc, ">Chapter 1<") {
		t.Errorf("the table of contents lacks the label Chapter 1:\n%s", toc)
	}
}
