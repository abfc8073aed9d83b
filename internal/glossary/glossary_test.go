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
