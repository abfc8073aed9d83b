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

// TestGolden builds testdata/index/*.txtar: each file's "entries.json"
// ({"lang", "entries"}) → "want.json", the index pretty-printed one
// section per line.
func TestGolden(t *testing.T) {
	testkit.EachCase(t, "testdata/index/*.txtar", func(t *testing.T, file string, ar *txtar.Archive) {
		var in struct {
			Lang    string
			Entries []struct {
				URL, Title, HTML string
				Headings         []Heading
			}
		}
		if err := json.Unmarshal(section2(ar, "entries.json"), &in); err != nil {
			t.Fatal(err)
		}
		var entries []Entry
		for _, e := range in.Entries {
			entries = append(entries, Entry{URL: e.URL, Title: e.Title, Headings: e.Headings, HTML: []byte(e.HTML)})
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
