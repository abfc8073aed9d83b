package content

import (
	"strings"
	"testing"
)

func TestIgnore(t *testing.T) {
	ig := ParseIgnore([]byte("# comment\n.github\npackage.json\n/root-only.md\nbuild/\n*.log\n!keep.log\ndocs/**/draft.md\n"))
	for _, c := range []struct {
		path string
		want bool
	}{
		{".github/workflows/ci.yml", true},
		{"package.json", true},
		{"sub/package.json", true},
		{"root-only.md", true},
		{"sub/root-only.md", false},
		{"build/out.html", true},
		{"build", false}, // a file called build is not the directory
		{"a/b.log", true},
		{"keep.log", false},
		{"docs/x/y/draft.md", true},
		{"docs/draft.md", true},
		{"README.md", false},
	} {
		if got := ig.Match(c.path); got != c.want {
			t.Errorf("Match(%q) = %v, want %v", c.path, got, c.want)
		}
	}
	// "./" anchors at the root (git would match nothing).
	dot := ParseIgnore([]byte("./drafts/*.md\n.//tmp/\n"))
	for p, want := range map[string]bool{"drafts/a.md": true, "x/drafts/a.md": false, "tmp/y.md": true, "drafts.md": false} {
		if got := dot.Match(p); got != want {
			t.Errorf("./ patterns: Match(%q) = %v, want %v", p, got, want)
		}
	}
	var none *Ignore
	if none.Match("x") {
		t.Error("nil Ignore matched")
	}
}

func TestParseBook(t *testing.T) {
	b, ds := ParseBook("book.json", []byte(`{"title":"Tutorial","language":"fa","direction":"RTL","variables":{"django_version":"5.0","n":{"x":1}},"plugins":["ga"],"structure":{"glossary":"GLOSSARY.md"}}`))
	if len(ds) != 0 || b == nil {
		t.Fatalf("ParseBook: %v %v", b, ds)
	}
	if b.Title != "Tutorial" || b.Direction != "rtl" || b.Variables["django_version"] != "5.0" || b.Variables["title"] != "Tutorial" || b.Structure.Glossary != "GLOSSARY.md" {
		t.Errorf("ParseBook = %+v", b)
	}
	b, ds = ParseBook("book.json", []byte("{\n  \"title\": \"x\",\n  oops\n}"))
	if b != nil || len(ds) != 1 || ds[0].Line != 3 || ds[0].Rule != "book-json" {
		t.Errorf("bad JSON: %v %v", b, ds)
	}
	_, ds = ParseBook("book.json", []byte("{\n  \"direction\": \"up\"\n}"))
	if len(ds) != 1 || ds[0].Line != 2 || ds[0].Col != 3 {
		t.Errorf("bad direction not reported at its line: %v", ds)
	}
	// A value of the wrong type is told in JSON's words, not Go's.
	for src, want := range map[string]string{
		`{"variables": [1]}`: "variables must be an object, not a list",
		`{"title": 5}`:       "title must be a string, not a number",
	} {
		_, ds = ParseBook("book.json", []byte(src))
		if len(ds) != 1 || !strings.HasSuffix(ds[0].Msg, want) {
			t.Errorf("ParseBook(%s): %v, want %q", src, ds, want)
		}
	}
}

func TestParseTags(t *testing.T) {
	tags, ds := ParseTags("tags.yaml", []byte("- tag: new-releases\n  label: New releases\n  icon: rocket\n- tag: fixes\n- label: no slug\n"))
	if len(ds) != 1 || tags["new-releases"].Label != "New releases" || tags["fixes"].Label != "fixes" || len(tags) != 2 {
		t.Errorf("ParseTags = %v %v", tags, ds)
	}
	tags, ds = ParseTags("tags.yaml", []byte("tags:\n  - tag: a\n    label: A\n"))
	if len(ds) != 0 || TagLabels(tags)["a"] != "A" {
		t.Errorf("wrapped form: %v %v", tags, ds)
	}
	if _, ds := ParseTags("tags.yaml", []byte(": : :\n\t-")); len(ds) != 1 {
		t.Errorf("bad yaml: %v", ds)
	}
}

func TestParseVars(t *testing.T) {
	vars, ds := ParseVars(".gitbook/vars.yaml", []byte("latest_version: 2.4.1\nbeta: true\ncount: 3\nempty:\nlist: [a, b]\n"))
	want := map[string]string{"latest_version": "2.4.1", "beta": "true", "count": "3", "empty": ""}
	if len(vars) != len(want) {
		t.Errorf("ParseVars = %v, want %v", vars, want)
	}
	for k, v := range want {
		if vars[k] != v {
			t.Errorf("vars[%q] = %q, want %q", k, vars[k], v)
		}
	}
	if len(ds) != 1 || ds[0].Rule != "vars-yaml" || !strings.Contains(ds[0].Msg, "list") {
		t.Errorf("diagnostics = %v, want one about list", ds)
	}
	if vars, ds := ParseVars("v.yaml", []byte("a: [\n")); vars != nil || len(ds) != 1 {
		t.Errorf("bad YAML: %v %v", vars, ds)
	}
}

// TestBookKeyOrder: the objects of book.json keep the order the file
// writes their keys in (HonKit goes over them so), in variables and in
// the whole file, nested and in lists; a map that is not one of them has
// none.
func TestBookKeyOrder(t *testing.T) {
	src := `{"variables": {"zeta": 1, "langs": {"fr": "French", "en": "English", "de": "German"},
		"list": [{"b": 1, "a": 2}]}, "title": "T", "pluginsConfig": {"y": {}, "x": {}}}`
	b, ds := ParseBook("book.json", []byte(src))
	if b == nil || len(ds) > 0 {
		t.Fatalf("ParseBook: %v", ds)
	}
	langs, _ := b.Variables["langs"].(map[string]any)
	item := b.Variables["list"].([]any)[0].(map[string]any)
	plugins, _ := b.Config["pluginsConfig"].(map[string]any)
	for _, c := range []struct {
		m    map[string]any
		want string
	}{
		{langs, "fr en de"},
		{item, "b a"},
		{plugins, "y x"},
		{b.Config["variables"].(map[string]any), "zeta langs list"},
		{map[string]any{"fr": 1, "en": 2, "de": 3}, ""},
	} {
		if got := strings.Join(b.Keys(c.m), " "); got != c.want {
			t.Errorf("Keys(%v) = %q, want %q", c.m, got, c.want)
		}
	}
}
