package diag

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

var sample = []Diagnostic{
	{Path: "a/b.md", Line: 3, Col: 7, Severity: Error, Rule: "link-missing", Msg: "missing target x.md", Hint: "did you mean X.md?"},
	{Path: "SUMMARY.md", Line: 2, Col: 1, Severity: Warning, Rule: "summary-duplicate", Msg: "a, b: listed twice\nsecond line 100%"},
	{Path: "site.yaml", Severity: Info, Rule: "config", Msg: "note"},
}

func TestText(t *testing.T) {
	var b bytes.Buffer
	if err := WriteText(&b, sample, false); err != nil {
		t.Fatal(err)
	}
	want := "a/b.md:3:7: error: missing target x.md (did you mean X.md?) [link-missing]\n"
	if !strings.HasPrefix(b.String(), want) {
		t.Errorf("text = %q", b.String())
	}
	// One line per diagnostic, whatever a file name holds, and nothing
	// the terminal would act on.
	b.Reset()
	_ = WriteText(&b, []Diagnostic{{Path: "a\nb\x1b[2J.md", Line: 1, Severity: Warning, Msg: "name\twith\ttabs"}}, false)
	if got, want := b.String(), `a\nb\x1b[2J.md:1: warning: name\twith\ttabs`+"\n"; got != want {
		t.Errorf("control characters: text = %q, want %q", got, want)
	}
	b.Reset()
	_ = WriteText(&b, sample[:1], true)
	if !strings.Contains(b.String(), "\x1b[1;31merror:\x1b[0m") {
		t.Errorf("colour text = %q", b.String())
	}
}

// TestJSONSchema validates the JSON output against the schema committed
// beside the code, with a validator for the keywords the schema uses.
func TestJSONSchema(t *testing.T) {
	raw, err := os.ReadFile("diagnostics.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteJSON(&b, sample); err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if errs := validate(schema, doc, "$"); len(errs) > 0 {
		t.Errorf("output does not match the schema: %v", errs)
	}
	// The validator itself catches what it must.
	for _, bad := range []string{`{}`, `[{"path":"x"}]`, `[{"path":"a","line":1,"column":1,"severity":"fatal","rule":"r","message":"m","suggestion":""}]`,
		`[{"path":"a","line":-1,"column":1,"severity":"error","rule":"r","message":"m","suggestion":""}]`,
		`[{"path":"a","line":1,"column":1,"severity":"error","rule":"r","message":"m","suggestion":"","extra":1}]`} {
		var v any
		_ = json.Unmarshal([]byte(bad), &v)
		if len(validate(schema, v, "$")) == 0 {
			t.Errorf("validator accepts %s", bad)
		}
	}
}

// validate checks v against the JSON Schema keywords the schema uses:
// type, items, required, properties, additionalProperties, enum,
// minimum, minLength.
func validate(s map[string]any, v any, at string) []string {
	var errs []string
	fail := func(f string, a ...any) { errs = append(errs, at+": "+fmt.Sprintf(f, a...)) }
	switch s["type"] {
	case "array":
		arr, ok := v.([]any)
		if !ok {
			fail("not an array")
			return errs
		}
		items, _ := s["items"].(map[string]any)
		for i, x := range arr {
			errs = append(errs, validate(items, x, fmt.Sprintf("%s[%d]", at, i))...)
		}
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			fail("not an object")
			return errs
		}
		props, _ := s["properties"].(map[string]any)
		for _, r := range s["required"].([]any) {
			if _, ok := obj[r.(string)]; !ok {
				fail("missing %s", r)
			}
		}
		for k, x := range obj {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if s["additionalProperties"] == false {
					fail("unexpected %s", k)
				}
				continue
			}
			errs = append(errs, validate(ps, x, at+"."+k)...)
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			fail("not a string")
			return errs
		}
		if n, ok := s["minLength"].(float64); ok && len(str) < int(n) {
			fail("shorter than %v", n)
		}
		if enum, ok := s["enum"].([]any); ok {
			found := false
			for _, e := range enum {
				found = found || e == str
			}
			if !found {
				fail("%q not in %v", str, enum)
			}
		}
	case "integer":
		n, ok := v.(float64)
		if !ok || n != float64(int(n)) {
			fail("not an integer")
			return errs
		}
		if m, ok := s["minimum"].(float64); ok && n < m {
			fail("%v below %v", n, m)
		}
	}
	return errs
}

// ghCommand is the syntax of a workflow command as GitHub documents it:
// ::name key=value,key=value::message, with %, CR, LF escaped in the
// message and also : and , in property values.
var ghCommand = regexp.MustCompile(`^::(error|warning|notice) file=[^,:\r\n]+(,line=\d+(,col=\d+)?)?(,title=[^,:\r\n]+)?::[^\r\n]*$`)

func TestGitHub(t *testing.T) {
	var b bytes.Buffer
	if err := WriteGitHub(&b, sample); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != len(sample) {
		t.Fatalf("%d lines for %d diagnostics", len(lines), len(sample))
	}
	for _, l := range lines {
		if !ghCommand.MatchString(l) {
			t.Errorf("not a workflow command: %q", l)
		}
	}
	if want := "::warning file=SUMMARY.md,line=2,col=1,title=folio summary-duplicate::a, b: listed twice%0Asecond line 100%25"; lines[1] != want {
		t.Errorf("got  %q\nwant %q", lines[1], want)
	}
	if !strings.HasPrefix(lines[2], "::notice file=site.yaml,title=") {
		t.Errorf("info line: %q", lines[2])
	}
}

func TestJUnit(t *testing.T) {
	var b bytes.Buffer
	if err := WriteJUnit(&b, sample, []string{"a/b.md", "ok.md"}); err != nil {
		t.Fatal(err)
	}
	var doc junitSuites
	if err := xml.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	s := doc.Suites[0]
	if s.Tests != 4 || s.Failures != 2 || doc.Failures != 2 {
		t.Errorf("tests=%d failures=%d", s.Tests, s.Failures)
	}
	if s.Cases[1].Name != "ok.md" || len(s.Cases[1].Failures) != 0 {
		t.Errorf("passing file: %+v", s.Cases[1])
	}
	if f := s.Cases[0].Failures[0]; f.Type != "link-missing" || !strings.Contains(f.Text, "a/b.md:3:7") {
		t.Errorf("failure: %+v", f)
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := WriteFormat(&bytes.Buffer{}, "yaml", sample, nil, false); err == nil {
		t.Error("unknown format accepted")
	}
}

// TestControlBytesInNames: a file name's ESC, tab and bytes that are not
// UTF-8 are escaped in the text and GitHub formats, where the GitHub one
// wrote ESC and tab raw into the CI log and the text one the bytes (CI
// tester); a message's line break is still GitHub's %0A.
func TestControlBytesInNames(t *testing.T) {
	ds := []Diagnostic{{Path: "esc\x1b[31mred\tx\xff\xfe.md", Line: 1, Severity: Error, Msg: "two\nlines"}}
	var text, gh strings.Builder
	_ = WriteText(&text, ds, false)
	_ = WriteGitHub(&gh, ds)
	if got, want := text.String(), `esc\x1b[31mred\tx\xff\xfe.md:1: error: two\nlines`+"\n"; got != want {
		t.Errorf("text: %q\nwant  %q", got, want)
	}
	if got, want := gh.String(), `::error file=esc\x1b[31mred\tx\xff\xfe.md,line=1::two%0Alines`+"\n"; got != want {
		t.Errorf("github: %q\nwant    %q", got, want)
	}
}
