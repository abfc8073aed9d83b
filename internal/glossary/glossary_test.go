package glossary

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	src := "# Glossary?\n\n## Python\n\nA *programming* [language](x.md).\n\n# Django\nA web\nframework.\n\n## Python\nagain\n\n```\n## not a term\n```\n"
	g, ds := Parse("GLOSSARY.md", "GLOSSARY.md", []byte(src))
	var got []string
	for _, term := range g.Terms {
		got = append(got, term.Name+"|"+term.ID+"|"+term.Desc)
	}
	want := "Glossary?|glossary||Python|python|A programming language.|Django|django|A web framework."
	if strings.Join(got, "|") != want {
		t.Errorf("terms = %q\nwant   %q", strings.Join(got, "|"), want)
	}
	if len(ds) != 1 || ds[0].Rule != "glossary-duplicate" || ds[0].Line != 11 {
		t.Errorf("diags = %v", ds)
	}
	_, ds = Parse("G.md", "G.md", []byte("no terms\n"))
	if len(ds) != 1 || ds[0].Rule != "glossary-empty" {
		t.Errorf("empty glossary: %v", ds)
	}
}
