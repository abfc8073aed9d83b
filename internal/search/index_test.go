package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"folio/internal/testkit"
)

var testEntries = []Entry{
	{URL: "", Title: "Welcome", HTML: []byte(`<p>Welcome to the guide.<h2 id=next-steps>Next steps</h2><p>Read how to install it.`),
		Headings: []Heading{{"next-steps", "Next steps"}}},
	{URL: "guide/install/", Title: "Install folio", HTML: []byte(`<p>Download a release.<h2 id=versions>Versions</h2><p>Version 4.15 is current.`),
		Headings: []Heading{{"versions", "Versions"}}},
	{URL: "guide/config/", Title: "Configuration",
		HTML:     []byte(`<p>Folio reads its configuration from files.</p><h2 id="files">Files</h2><p>The site.yaml file sets the title.</p><h3 id="servers">Servers</h3><p>Configuring servers is optional.</p>`),
		Headings: []Heading{{"files", "Files"}, {"servers", "Servers"}, {"missing", "Not in the text"}}},
}

func TestBuildDeterministic(t *testing.T) {
	a, err := Build("en", testEntries)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		b, err := Build("en", testEntries)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatal("two builds of the same entries differ")
		}
	}
	var v map[string]any
	if err := json.Unmarshal(a, &v); err != nil {
		t.Fatalf("index is not JSON: %v", err)
	}
}

func TestBuildBadURL(t *testing.T) {
	for _, u := range []string{"/abs/", "https://example.com/", "mailto:x", `\x`} {
		if _, err := Build("en", []Entry{{URL: u, Title: "x"}}); err == nil {
			t.Errorf("Build accepted URL %q", u)
		}
	}
	for _, u := range []string{"", "a/b/", "a/b.html", "a/b?c=d:e"} {
		if _, err := Build("en", []Entry{{URL: u, Title: "x"}}); err != nil {
			t.Errorf("Build refused URL %q: %v", u, err)
		}
	}
}

func TestBuildEmpty(t *testing.T) {
	b, err := Build("fr", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(`"pages":[],"sections":[],"terms":[],"postings":[]`)) {
		t.Errorf("empty index = %s", b)
	}
}

func TestPageSections(t *testing.T) {
	hs := []Heading{{"a", "A"}, {"gone", "Gone"}, {"b", "B"}, {"a-1", "A"}, {"x&y", "X & Y"}}
	got := pageSections([]byte(`<p>Intro A text.</p>
<h2 id="a">A<a href="#a">#</a></h2><p>Body a.</p>
<h3 id=b>B</h3><p>Body <em>b</em>.</p><h4 id="not-a-heading">Kept</h4>
<h2 id='a-1'>A</h2><p>Again.</p>
<h2 id="a">A</h2><p>Earlier heading: text stays.</p>
<h2 id="x&amp;y">X &amp; Y</h2>`), hs)
	want := []section{
		{"", "", "Intro A text."},
		{"a", "A", "Body a."},
		{"gone", "Gone", ""},
		{"b", "B", "Body b. Kept"},
		{"a-1", "A", "Again. A Earlier heading: text stays."},
		{"x&y", "X & Y", ""},
	}
	if d := cmp.Diff(want, got, cmp.AllowUnexported(section{})); d != "" {
		t.Errorf("sections mismatch (-want +got):\n%s", d)
	}
}

// TestPageSectionsTabTitles: a tab's title, at the top of its panel, is
// in the section of the tab's content. When the content starts with a
// heading of a section, the title goes there with it, not at the end of
// the section before the tabs; so do the titles of tabs nested in it.
func TestPageSectionsTabTitles(t *testing.T) {
	tabs := func(panels ...string) string {
		s := `<div class=tabs><div class=tabs-list role=tablist><button type=button role=tab>Linux</button><button type=button role=tab>Windows</button></div>`
		for _, p := range panels {
			s += `<section class=tab-panel role=tabpanel>` + p + `</section>`
		}
		return s + `</div>`
	}
	hs := []Heading{{"setup", "Setup"}, {"on-windows", "On Windows"}, {"deep", "Deep"}, {"after", "After"}}
	for _, c := range []struct {
		html string
		want []section
	}{
		{`<p>Intro.</p><h2 id=setup>Setup</h2><p>Some setup text.</p>` +
			tabs(`<p class=tab-panel-title>Linux</p><p>Unpack the archive.</p>`,
				`<p class="tab-panel-title">Windows</p><h2 id=on-windows>On Windows</h2><p>Run the installer.</p>`) +
			`<h2 id=after>After</h2><p>Done.</p>`,
			[]section{{"", "", "Intro."}, {"setup", "Setup", "Some setup text. Linux Unpack the archive."},
				{"on-windows", "On Windows", "Windows Run the installer."}, {"deep", "Deep", ""}, {"after", "After", "Done."}}},
		// The heading right after the tabs' own: the section before is empty.
		{`<h2 id=setup>Setup</h2>` + tabs(`<p class=tab-panel-title>Linux &amp; BSD</p><h3 id=deep>Deep</h3>Text.`),
			[]section{{"", "", ""}, {"setup", "Setup", ""}, {"on-windows", "On Windows", ""}, {"deep", "Deep", "Linux & BSD Text."}, {"after", "After", ""}}},
		// Nested tabs: both titles go with the heading that starts them.
		{`<h2 id=setup>Setup</h2><p>Text.</p>` + tabs(`<p class=tab-panel-title>Outer</p>`+tabs(`<p class=tab-panel-title>Inner</p><h3 id=deep>Deep</h3><p>In.</p>`)),
			[]section{{"", "", ""}, {"setup", "Setup", "Text."}, {"on-windows", "On Windows", ""}, {"deep", "Deep", "Outer Inner In."}, {"after", "After", ""}}},
		// A tab with nothing in it keeps its title where it is.
		{`<h2 id=setup>Setup</h2>` + tabs(`<p class=tab-panel-title>Empty</p>`, `<p class=tab-panel-title>Full</p><p>Body.</p>`) + `<h2 id=after>After</h2>`,
			[]section{{"", "", ""}, {"setup", "Setup", "Empty Full Body."}, {"on-windows", "On Windows", ""}, {"deep", "Deep", ""}, {"after", "After", ""}}},
	} {
		got := pageSections([]byte(c.html), hs)
		if d := cmp.Diff(c.want, got, cmp.AllowUnexported(section{})); d != "" {
			t.Errorf("%s: sections mismatch (-want +got):\n%s", c.html, d)
		}
	}
}

// TestDescription: the description a page shows under its title is
// searched with its introduction, before the introduction's text.
func TestDescription(t *testing.T) {
	for _, c := range []struct{ html, desc, want string }{
		{"<p>Intro.</p><h2 id=a>A</h2><p>Text.</p>", "A fast,  self-contained site.", "A fast, self-contained site. Intro."},
		{"<h2 id=a>A</h2><p>Text.</p>", "Version pour l'examen du TAC", "Version pour l'examen du TAC"},
		{"<p>Intro.</p>", "", "Intro."},
	} {
		tx, err := Extract(Entry{URL: "p/", Title: "P", HTML: []byte(c.html), Headings: []Heading{{"a", "A"}}, Description: c.desc})
		if err != nil {
			t.Fatal(err)
		}
		if got := tx.sections[0].text; got != c.want {
			t.Errorf("%q with description %q: introduction %q, want %q", c.html, c.desc, got, c.want)
		}
	}
}

// TestGolden builds testdata/index/*.txtar: each file's "entries.json"
// ({"lang", "entries"}) → "want.json", the index pretty-printed one
// section per line.
func TestGolden(t *testing.T) {
	testkit.EachCase(t, "testdata/index/*.txtar", func(t *testing.T, file string, ar *txtar.Archive) {
		var in struct {
			Lang    string
			Entries []struct {
				URL, Title, Heading, HTML string
				Headings                  []Heading
			}
		}
		if err := json.Unmarshal(section2(ar, "entries.json"), &in); err != nil {
			t.Fatal(err)
		}
		var entries []Entry
		for _, e := range in.Entries {
			entries = append(entries, Entry{URL: e.URL, Title: e.Title, Heading: e.Heading, Headings: e.Headings, HTML: []byte(e.HTML)})
		}
		idx, err := Build(in.Lang, entries)
		if err != nil {
			t.Fatal(err)
		}
		got := pretty(t, idx)
		if *update {
			setSection(ar, "want.json", got)
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		if d := cmp.Diff(string(section2(ar, "want.json")), got); d != "" {
			t.Errorf("want.json mismatch (-want +got):\n%s", d)
		}
	})
}

// pretty prints an index with one top-level value per line and one entry
// of pages, sections and terms per line, so golden diffs stay readable.
func pretty(t *testing.T, idx []byte) string {
	var ix struct {
		V        int
		Analysis json.RawMessage
		Pages    []json.RawMessage
		Sections []json.RawMessage
		Terms    []string
		Postings []json.RawMessage
	}
	if err := json.Unmarshal(idx, &ix); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "v: %d\nanalysis: %d bytes\n", ix.V, len(ix.Analysis))
	for i, p := range ix.Pages {
		fmt.Fprintf(&b, "page %d: %s\n", i, p)
	}
	for i, s := range ix.Sections {
		fmt.Fprintf(&b, "section %d: %s\n", i, s)
	}
	for i, term := range ix.Terms {
		fmt.Fprintf(&b, "%q: %s\n", term, ix.Postings[i])
	}
	return b.String()
}

func section2(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

func setSection(ar *txtar.Archive, name, data string) {
	for i := range ar.Files {
		if ar.Files[i].Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}

func TestAppendNumber(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{0, "0"}, {31, "v"}, {32, "B0"}, {33, "B1"}, {1023, "/v"}, {1024, "BA0"}}
	for _, tc := range tests {
		if got := string(appendNumber(nil, tc.n)); got != tc.want {
			t.Errorf("appendNumber(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

// TestJSAlphabets keeps search.js's posting decoder on appendNumber's digits.
func TestJSAlphabets(t *testing.T) {
	src, err := os.ReadFile(searchJS)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("var LAST = %q, MORE = %q;", lastDigits, moreDigits)
	if !bytes.Contains(src, []byte(want)) {
		t.Errorf("search.js does not declare %s", want)
	}
}

// TestIndexShards: the index does not depend on the number of cores that
// analysed its pages, and its terms are sorted.
func TestIndexShards(t *testing.T) {
	entries := generated(30)
	entries[3].HTML = append(entries[3].HTML, "<p>Ünïcode 42 _x zz Été مرحبا 日本</p>"...)
	var want []byte
	for _, procs := range []int{1, 2, 3, 8} {
		old := runtime.GOMAXPROCS(procs)
		got, err := Build("fr", entries)
		runtime.GOMAXPROCS(old)
		if err != nil {
			t.Fatal(err)
		}
		if want == nil {
			want = got
			var ix struct{ Terms []string }
			if err := json.Unmarshal(got, &ix); err != nil {
				t.Fatal(err)
			}
			if !slices.IsSorted(ix.Terms) || len(ix.Terms) < 100 {
				t.Fatalf("%d terms, sorted: %v", len(ix.Terms), slices.IsSorted(ix.Terms))
			}
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("GOMAXPROCS=%d: index differs from GOMAXPROCS=1", procs)
		}
	}
}

// TestAppendJSONString holds the fast path to encoding/json.
func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", "café", "a\"b", `back\slash`, "tab\tnl\n", "\x00\x1f", "<&>", "\u2028\u2029", "bad\xffutf8", "日本語", "x\u007fy"} {
		var buf bytes.Buffer
		e := json.NewEncoder(&buf)
		e.SetEscapeHTML(false)
		_ = e.Encode(s)
		want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestLongCompound: a word of many parts has more terms than a block of
// slot pointers holds at its end.
func TestLongCompound(t *testing.T) {
	word := strings.Repeat("ab.", 600) + "cd"
	html := []byte("<p>" + strings.Repeat(word+" ", 3) + "</p>")
	if _, err := Build("en", []Entry{{URL: "x/", Title: "x", HTML: html}}); err != nil {
		t.Fatal(err)
	}
}

// TestClipKeepsEveryWord: a long section's stored text holds every word
// the section is found by, so that its snippet can show it, and stays
// near textLen (the tester's "honkit" past the cut gave a snippet
// without it).
func TestClipKeepsEveryWord(t *testing.T) {
	filler := strings.Repeat("Filler text about nothing in particular. ", 150)
	text := filler + "Only here the word HonKit appears, once. " + filler + "And zebra at the end"
	got := clip(text)
	for _, w := range []string{"HonKit appears", "zebra at the end"} {
		if !strings.Contains(got, w) {
			t.Errorf("clipped text lacks %q", w)
		}
	}
	if n := utf8.RuneCountInString(got); n > textLen+400 {
		t.Errorf("clipped text is %d runes long, want about %d", n, textLen)
	}
	if !utf8.ValidString(got) {
		t.Error("clipped text is not valid UTF-8")
	}
	if short := "A short section."; clip(short) != short {
		t.Errorf("clip(%q) = %q", short, clip(short))
	}
}

// TestHeadingOutranksText: a word in a heading scores its section above a
// section that only mentions it, however often.
func TestHeadingOutranksText(t *testing.T) {
	idx, err := Build("en", []Entry{
		{URL: "a/", Title: "Checking", HTML: []byte(`<p>` + strings.Repeat("HonKit and more HonKit. ", 20) + `</p>`)},
		{URL: "b/", Title: "Books", HTML: []byte(`<p>Intro.</p><h2 id=h>HonKit</h2><p>A book format.</p>`), Headings: []Heading{{"h", "HonKit"}}},
		{URL: "c/", Title: "HonKit books", HTML: []byte(`<p>Read them.</p>`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Terms    []string `json:"terms"`
		Postings []string `json:"postings"`
	}
	if err := json.Unmarshal(idx, &v); err != nil {
		t.Fatal(err)
	}
	i := slices.Index(v.Terms, "honkit")
	if i < 0 {
		t.Fatalf("no term honkit in %q", v.Terms)
	}
	// Sections: a's intro (0), b's intro (1), b#h (2), c's intro (3).
	scores := map[int]int{}
	sec := 0
	for _, n := range decodeNumbers(v.Postings[i]) {
		sec += n >> 4
		scores[sec] = n & 15
	}
	if !(scores[3] > scores[2] && scores[2] > scores[0] && scores[0] > 0) {
		t.Errorf("scores of honkit by section %v: want the title (3) above the heading (2) above the text (0)", scores)
	}
}

// decodeNumbers reads a posting list written by appendNumber.
func decodeNumbers(s string) []int {
	var out []int
	n := 0
	for i := 0; i < len(s); i++ {
		if d := strings.IndexByte(lastDigits, s[i]); d >= 0 {
			out = append(out, n*32+d)
			n = 0
			continue
		}
		n = n*32 + strings.IndexByte(moreDigits, s[i])
	}
	return out
}

// TestEntryLang: a page whose text is in another language than the
// index's has its language after its title, and only such a page.
func TestEntryLang(t *testing.T) {
	idx, err := Build("fr", []Entry{{URL: "fr/", Title: "Accueil"}, {URL: "fr/api/", Title: "API", Lang: "en"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := `"pages":[["fr/","Accueil"],["fr/api/","API","en"]]`; !bytes.Contains(idx, []byte(want)) {
		t.Errorf("index %s\nlacks %s", idx, want)
	}
}
