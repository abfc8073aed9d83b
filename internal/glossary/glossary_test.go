package glossary

import (
	"folio/internal/links"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	src := "# Glossary?\n\n## Python\n\nA *programming* [language](x.md).\n\n# Django\nA web\nframework.\n\n## Python\nagain\n\n```\n## not a term\n```\n"
	g, ds := Parse("GLOSSARY.md", "GLOSSARY.md", []byte(src), links.Slug)
	var got []string
	for _, term := range g.Terms {
		got = append(got, term.Name+"|"+term.ID+"|"+term.Desc)
	}
	// As in HonKit, the terms of a file with `## ` headings are those:
	// its `# ` headings are its title and groups.
	want := "Python|python|A programming language."
	if strings.Join(got, "|") != want || g.TopLevel {
		t.Errorf("terms = %q (top level %v)\nwant   %q", strings.Join(got, "|"), g.TopLevel, want)
	}
	// A file without `## ` headings has `# Term` terms, the first one too.
	g, _ = Parse("G.md", "G.md", []byte("# API\n\nApplication interface.\n\n# SDK\nKit.\n"), links.Slug)
	got = nil
	for _, term := range g.Terms {
		got = append(got, term.Name+"|"+term.Desc)
	}
	if strings.Join(got, "|") != "API|Application interface.|SDK|Kit." || !g.TopLevel {
		t.Errorf("top-level terms = %q (top level %v)", strings.Join(got, "|"), g.TopLevel)
	}
	if len(ds) != 1 || ds[0].Rule != "glossary-duplicate" || ds[0].Line != 11 {
		t.Errorf("diags = %v", ds)
	}
	_, ds = Parse("G.md", "G.md", []byte("no terms\n"), links.Slug)
	if len(ds) != 1 || ds[0].Rule != "glossary-empty" {
		t.Errorf("empty glossary: %v", ds)
	}
}

// TestParseNamesAndIDs: a closing run of # goes only after a space, as in
// CommonMark, and terms whose names slug alike get the suffixes a page's
// headings get, in their order.
func TestParseNamesAndIDs(t *testing.T) {
	src := "## C#\nx\n## F# ##\nx\n## C++\nx\n## Go #\nx\n## c\nx\n## ##\nx\n## a#b\nx\n"
	g, _ := Parse("G.md", "G.md", []byte(src), links.Slug)
	var got []string
	for _, term := range g.Terms {
		got = append(got, term.Name+"="+term.ID)
	}
	want := "C#=c F#=f C++=c-1 Go=go c=c-2 a#b=a-b"
	if strings.Join(got, " ") != want {
		t.Errorf("terms = %q\nwant    %q", strings.Join(got, " "), want)
	}
}

// TestParseSetextAndMarks: setext headings are terms as ATX ones are,
// and a term's name is its heading's text, without emphasis, code and
// link marks, as pages write it (tester: "Widget" over "------", `cli`
// and **Bold Term** were no terms, silently); an underscore inside a word
// stays, and a blank line or a lone "-" is no underline.
func TestParseSetextAndMarks(t *testing.T) {
	src := "Glossary\n========\n\nWidget\n------\nA thing.\n\n## `cli`\nCommand line.\n\n## **Bold Term**\nBold.\n\n## _Soft_\nEm.\n\n## max_width\nA key.\n\n## [Linked](x.md)\nL.\n\nTwo lines\nof text\n---\n\nNot a term\n\n-\n\n- see also\n---\n\n1. first\n---\n\n> quoted\n---\n"
	g, ds := Parse("G.md", "G.md", []byte(src), links.Slug)
	var got []string
	for _, term := range g.Terms {
		got = append(got, term.Name+"="+term.ID)
	}
	want := "Widget=widget cli=cli Bold Term=bold-term Soft=soft max_width=max-width Linked=linked"
	if strings.Join(got, " ") != want || g.TopLevel || len(ds) != 0 {
		t.Errorf("terms = %q (top level %v, %v)\nwant    %q", strings.Join(got, " "), g.TopLevel, ds, want)
	}
}

// FuzzParse: any file parses, and every term has a name and an ID.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"## A\nx\n", "A\n---\nx\n", "B\n===\n\n## `c`\n", "## **\n", "-\n--\n", "## [](x)\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		g, _ := Parse("G.md", "G.md", []byte(src), links.Slug)
		for _, term := range g.Terms {
			if term.Name == "" || term.ID == "" {
				t.Fatalf("term %+v of %q", term, src)
			}
		}
	})
}
