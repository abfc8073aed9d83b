package source

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v2"

	"folio/internal/diag"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  string
		ok    bool
		diags []diag.Diagnostic
	}{
		{name: "plain", in: "a\nb\n", want: "a\nb\n", ok: true},
		{name: "empty", in: "", want: "", ok: true},
		{name: "BOM", in: "\xEF\xBB\xBF---\ntitle: x\n", want: "---\ntitle: x\n", ok: true},
		{name: "BOM only at start", in: "a\xEF\xBB\xBFb", want: "a\ufeffb", ok: true},
		{name: "CRLF", in: "a\r\nb\r\n\r\nc", want: "a\nb\n\nc", ok: true},
		{name: "lone CR", in: "a\rb\r\rc\r", want: "a\nb\n\nc\n", ok: true},
		{name: "mixed", in: "a\r\n\rb\n\r\n", want: "a\n\nb\n\n", ok: true},
		{name: "UTF-8 kept", in: "Table des mati\xc3\xa8res\n", want: "Table des matières\n", ok: true},
		{
			name: "Latin-1", in: "ok\nmati\xe8res \xe9t\xe9\r\n", want: "ok\nmatières été\n", ok: true,
			diags: []diag.Diagnostic{{Path: "p.md", Line: 2, Severity: diag.Warning, Rule: "encoding",
				Msg: "file is not valid UTF-8; read it as Latin-1", Hint: "save the file as UTF-8"}},
		},
		{
			name: "NUL", in: "a\r\nb\x00c", want: "", ok: false,
			diags: []diag.Diagnostic{{Path: "p.md", Line: 2, Severity: diag.Error, Rule: "binary-file",
				Msg:  "file contains a NUL byte: it is binary, not text",
				Hint: "remove it from the content or give it a non-Markdown extension"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, ds, ok := Normalize("p.md", []byte(tt.in))
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if string(out) != tt.want {
				t.Errorf("out = %q, want %q", out, tt.want)
			}
			if diff := cmp.Diff(tt.diags, ds); diff != "" {
				t.Errorf("diagnostics (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCleanYAML(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"ZWSP key", "root: ./spec/\n\n\u200bstructure:  \n    summary: SUMMARY.md\u200b\n",
			"root: ./spec/\n\nstructure:  \n    summary: SUMMARY.md\n"},
		{"all zero-width", "a\u200c\u200d\ufeff\u2060b", "ab"},
		{"NBSP", "title:\u00a0Hello\u00a0world", "title: Hello world"},
		{"invalid bytes kept", "a\xffb\n", "a\xffb\n"},
		{"other unicode kept", "title: Été — 概要\n", "title: Été — 概要\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(CleanYAML([]byte(tt.in))); got != tt.want {
				t.Errorf("CleanYAML(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	// The point of CleanYAML: the key parses as "structure".
	var v map[string]any
	if err := yaml.Unmarshal(CleanYAML([]byte("\u200bstructure:\n  readme: a.md\n")), &v); err != nil {
		t.Fatal(err)
	}
	if _, ok := v["structure"]; !ok {
		t.Errorf("key structure not found in %v", v)
	}
}

func TestYAMLError(t *testing.T) {
	type target struct {
		Title  string   `yaml:"title"`
		Minify bool     `yaml:"minify"`
		Port   int      `yaml:"port"`
		Langs  []string `yaml:"langs"`
		Map    struct {
			A string `yaml:"a"`
		} `yaml:"map"`
	}
	tests := []struct {
		name   string
		src    string
		offset int
		want   []string // formatted diagnostics
	}{
		{"syntax", "title: a\nminify: b: c\n", 0, []string{"f.yaml:2: error: mapping values are not allowed in this context"}},
		{"syntax offset", "title: a\nminify: b: c\n", 1, []string{"f.yaml:3: error: mapping values are not allowed in this context"}},
		{"unknown key", "title: a\n\nfoo: 1\n", 0, []string{`f.yaml:3: error: unknown key "foo"`}},
		{"bool", "minify: abc\n", 0, []string{`f.yaml:1: error: "abc" is not a boolean`}},
		{"int", "port: x\n", 0, []string{`f.yaml:1: error: "x" is not an integer`}},
		{"list for string", "title:\n  - a\n", 0, []string{`f.yaml:2: error: expected a string, found a list`}},
		{"scalar for list", "langs: en\n", 0, []string{`f.yaml:1: error: "en" is not a list`}},
		{"scalar for struct", "map: x\n", 4, []string{`f.yaml:5: error: "x" is not a mapping`}},
		{"duplicate", "title: a\ntitle: b\n", 0, []string{`f.yaml:2: error: duplicate key "title"`}},
		{"several", "foo: 1\nminify: no way\nbar: 2\n", 10, []string{
			`f.yaml:11: error: unknown key "foo"`,
			`f.yaml:12: error: "no way" is not a boolean`,
			`f.yaml:13: error: unknown key "bar"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v target
			err := yaml.UnmarshalStrict([]byte(tt.src), &v)
			if err == nil {
				t.Fatal("no error from yaml")
			}
			var got []string
			for _, d := range YAMLError("f.yaml", nil, tt.offset, err) {
				if d.Rule != "yaml" {
					t.Errorf("rule = %q", d.Rule)
				}
				got = append(got, d.String())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("(-want +got):\n%s\nerror was: %v", diff, err)
			}
		})
	}
	if ds := YAMLError("f.yaml", nil, 0, nil); ds != nil {
		t.Errorf("nil error gave %v", ds)
	}
	ds := YAMLError("f.yaml", nil, 3, errors.New("yaml: control characters are not allowed"))
	// yaml.v2 drops "line 1:" from errors on the first line of the text.
	if len(ds) != 1 || ds[0].Line != 4 || ds[0].Msg != "control characters are not allowed" {
		t.Errorf("line-less error: %+v", ds)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"", "a\r\nb", "\xEF\xBB\xBF\r\r\n\n", "caf\xe9\r", "x\x00", "\u200b\u00a0"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out, ds, ok := Normalize("f", b)
		for _, d := range ds {
			if d.Line < 1 {
				t.Errorf("diagnostic without line: %v", d)
			}
		}
		if !ok {
			if bytes.IndexByte(b, 0) < 0 {
				t.Fatal("not ok without NUL")
			}
			return
		}
		if !utf8.Valid(out) {
			t.Errorf("output not UTF-8: %q", out)
		}
		if bytes.IndexByte(out, '\r') >= 0 {
			t.Errorf("output has CR: %q", out)
		}
		breaks := bytes.Count(b, []byte("\r\n"))
		breaks += bytes.Count(b, []byte("\r")) - bytes.Count(b, []byte("\r\n"))
		breaks += bytes.Count(b, []byte("\n")) - bytes.Count(b, []byte("\r\n"))
		if got := bytes.Count(out, []byte("\n")); got != breaks {
			t.Errorf("%d line breaks, want %d (in %q, out %q)", got, breaks, b, out)
		}
		if again, _, _ := Normalize("f", out); !bytes.Equal(again, bytes.TrimPrefix(out, bom)) {
			t.Errorf("not idempotent: %q → %q", out, again)
		}
	})
}
