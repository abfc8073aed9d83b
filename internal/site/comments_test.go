package site

import (
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"folio/internal/forge"
	"folio/internal/markdown"
	"folio/internal/theme"
)

// TestScanSections: the headings asked for are found in quoted and
// minified markup, each with where its end tag is and the first lines of
// the text that follows, up to the next heading of its level or above.
func TestScanSections(t *testing.T) {
	body := `<p>Intro.</p>
<h2 id=a>A <code>x</code></h2><p>First
line, wrapped.<script>var x = 1</script><img src=x.png hidden></p><ul><li>One<li>Two</ul>
<h3 id="b">B</h3><pre><code>code one
code two</code></pre><div class="tabs"><button type=button role=tab>Tab title</button><p>Panel</p></div>
<h4 id="not-asked">N</h4><p>Under n.</p>
<div class=table-wrap><span id=folio-table-1 hidden>Table name</span><table><tr><th>K<th>V<tr><td>k<td>v</table></div>
<h2 id="c">C</h2><details class="review-removed" data-review="removed"><summary>Removed text</summary><del><details><p>Old</p></details><p>Older</p></del></details><p>Now.</p>
<h2 id="a">Again A</h2><p>A duplicate id is left alone.</p>`
	secs := scanSections([]byte(body), map[string]string{"a": "A x", "b": "B", "c": "C"})
	type got struct{ ID, Text, Before string }
	var gs []got
	for _, s := range secs {
		gs = append(gs, got{s.id, s.text.String(), body[s.at-12 : s.at]})
	}
	want := []got{
		// The first lines (a <pre> counts as one), subheadings included,
		// without scripts, buttons or what is hidden (a table's name; a
		// hidden image, which has no end tag, hides nothing after it).
		{"a", "First line, wrapped.\nOne\nTwo\nB\ncode one\ncode two\nPanel\n", ""},
		{"b", "code one\ncode two\nPanel\nN\nUnder n.\nK V\nk v\n", `<h3 id="b">B`},
		// Review mode's removed text is not quoted. The next h2 ends the
		// section; it is a duplicate id, left alone.
		{"c", "Now.\n", `<h2 id="c">C`},
	}
	want[0].Before = body[strings.Index(body, "</h2>")-12 : strings.Index(body, "</h2>")]
	if d := cmp.Diff(want, gs); d != "" {
		t.Errorf("sections (-want +got):\n%s", d)
	}
}

// TestSectionCut: a long section is quoted up to quoteRunes, cut at a
// word.
func TestSectionCut(t *testing.T) {
	long := strings.Repeat("word ", 200)
	secs := scanSections([]byte(`<h2 id=a>A</h2><p>`+long+`</p>`), map[string]string{"a": "A"})
	if len(secs) != 1 {
		t.Fatalf("%d sections", len(secs))
	}
	text := secs[0].text.String()
	if !strings.HasSuffix(text, "word…") || len([]rune(text)) > quoteRunes+1 {
		t.Errorf("cut text %q", text)
	}
}

// FuzzCommentLinks: on any body, comment links are only ever inserted,
// each right before the end tag of a heading: taking them out gives the
// body back.
func FuzzCommentLinks(f *testing.F) {
	for _, s := range []string{
		`<h2 id=a>A</h2><p>x</p><h3 id="b">B</h3>`,
		`<h2 id="a">A<h2 id=b>B</h2>`,
		`<h2 id=a>A</h3></h2>`,
		`<script><h2 id=a>A</h2></script><h2 id=a>A</h2>`,
		`<h2 id="&#97;">A</h2>`,
		`<svg><h2 id=a>x</h2></svg><pre><h2 id=b>`,
	} {
		f.Add(s, "a", "b")
	}
	fg, err := forge.New("https://github.com/o/r", "", "")
	if err != nil {
		f.Fatal(err)
	}
	s := &site{hist: &siteHistory{links: fg}}
	l := &lang{tsite: &theme.Site{BaseURL: "https://example.org/", Strings: map[string]string{}}}
	link := regexp.MustCompile(`<a class="comment-link" href="[^"]*" rel="nofollow" title="[^"]*" aria-label="[^"]*"></a>`)
	f.Fuzz(func(t *testing.T, body, id1, id2 string) {
		pg := &page{path: "a.md", url: "a/", doc: &markdown.Doc{Title: "T", Headings: []markdown.Heading{{Level: 2, ID: id1, Text: id1}, {Level: 3, ID: id2, Text: "<" + id2}}}}
		out := string(s.addCommentLinks(l, pg, []byte(body)))
		links := link.FindAllStringIndex(out, -1)
		if len(links) > 2 {
			t.Fatalf("%d links for 2 headings", len(links))
		}
		for _, m := range links {
			if rest := out[m[1]:]; !strings.HasPrefix(rest, "</h2") && !strings.HasPrefix(rest, "</h3") &&
				!strings.HasPrefix(rest, "</H2") && !strings.HasPrefix(rest, "</H3") {
				t.Fatalf("a link not before a heading's end tag: %q", out)
			}
		}
		if back := link.ReplaceAllString(out, ""); back != body && !link.MatchString(body) {
			t.Fatalf("the body changed beyond the links:\n%q\n%q", body, back)
		}
	})
}
