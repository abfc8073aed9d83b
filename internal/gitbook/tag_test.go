package gitbook

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseTag(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Tag
		ok   bool
	}{
		{"plain", `{% hint style="info" %}`, Tag{"hint", []Attr{{"style", "info"}}}, true},
		{"no space before end", `{% endhint%}`, Tag{Name: "endhint"}, true},
		{"order kept", `{% code title="a" overflow="wrap" lineNumbers="true" %}`,
			Tag{"code", []Attr{{"title", "a"}, {"overflow", "wrap"}, {"lineNumbers", "true"}}}, true},
		{"percent in value", `{% embed url="https://x.com/a%2Fb?w=50%" %}`, Tag{"embed", []Attr{{"url", "https://x.com/a%2Fb?w=50%"}}}, true},
		{"end marker in value", `{% embed url="a%}b" %}`, Tag{"embed", []Attr{{"url", "a%}b"}}}, true},
		{"hash", `{% embed url="https://x.com/\#/" %}`, Tag{"embed", []Attr{{"url", "https://x.com/#/"}}}, true},
		{"entity", `{% embed url="a?x=1&#x26;y=2&amp;z" %}`, Tag{"embed", []Attr{{"url", "a?x=1&y=2&z"}}}, true},
		{"unknown entity kept", `{% embed url="a&nope;b" %}`, Tag{"embed", []Attr{{"url", "a&nope;b"}}}, true},
		{"backslash escapes", `{% code title="ITEM\_MODEL \"x\" \q" %}`, Tag{"code", []Attr{{"title", `ITEM_MODEL "x" \q`}}}, true},
		{"single quotes", `{% hint style='info' %}`, Tag{"hint", []Attr{{"style", "info"}}}, true},
		{"unquoted", `{% api-method-parameter name=id required=false %}`,
			Tag{"api-method-parameter", []Attr{{"name", "id"}, {"required", "false"}}}, true},
		{"unquoted before end", `{% x a=b%}`, Tag{"x", []Attr{{"a", "b"}}}, true},
		{"reserved dropped", `{% embed _title="x" url="u" _size=3 %}`, Tag{"embed", []Attr{{"url", "u"}}}, true},
		{"positional", `{% include "../a b.md" %}`, Tag{"include", []Attr{{"", "../a b.md"}}}, true},
		{"bare word", `{% include x %}`, Tag{"include", []Attr{{"", "x"}}}, true},
		// Nunjucks allows white space around =, and HonKit books write it.
		{"spaced =", `{% hint style = "success" %}`, Tag{"hint", []Attr{{"style", "success"}}}, true},
		{"spaced = bare", "{% set x =\t'y' %}", Tag{"set", []Attr{{"x", "y"}}}, true},
		{"= then end", `{% code title= %}`, Tag{"code", []Attr{{"title", ""}}}, true},
		{"lone =", `{% include = %}`, Tag{"include", []Attr{{"", "="}}}, true},
		{"integration", `{% @github-files/github-code-block url="u" %}`, Tag{"@github-files/github-code-block", []Attr{{"url", "u"}}}, true},
		{"multi-line value", "{% @mermaid/diagram content=\"a\nb\" %}", Tag{"@mermaid/diagram", []Attr{{"content", "a\nb"}}}, true},
		{"expression", `{% if !visitor.a === "x %}" %}`, Tag{"if", []Attr{{"", `!visitor.a === "x %}"`}}}, true},
		{"nunjucks dash", `{%- raw -%}`, Tag{Name: "raw"}, true},
		{"surrounding space", "  {% tabs %}  \n", Tag{Name: "tabs"}, true},
		{"trailing text", `{% hint %} text`, Tag{}, false},
		{"no name", `{% %}`, Tag{}, false},
		{"upper-case name", `{% Hint %}`, Tag{}, false},
		{"unterminated quote", `{% hint style="info %}`, Tag{}, false},
		{"unterminated tag", `{% hint style="info"`, Tag{}, false},
		{"glued argument", `{% hint"x" %}`, Tag{}, false},
		{"not a tag", `{{ book.x }}`, Tag{}, false},
		{"empty", ``, Tag{}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ParseTag(tc.in)
			if ok != tc.ok {
				t.Fatalf("ParseTag(%q) ok = %v, want %v", tc.in, ok, tc.ok)
			}
			if d := cmp.Diff(tc.want, got, cmpopts.EquateEmpty()); d != "" {
				t.Errorf("ParseTag(%q) mismatch (-want +got):\n%s", tc.in, d)
			}
		})
	}
}

func TestTagString(t *testing.T) {
	tests := []struct {
		in   Tag
		want string
	}{
		{Tag{Name: "tabs"}, `{% tabs %}`},
		{Tag{"hint", []Attr{{"style", "info"}}}, `{% hint style="info" %}`},
		{Tag{"x", []Attr{{"t", `a"b\c&d`}}}, `{% x t="a\"b\\c\&d" %}`},
		{Tag{"include", []Attr{{"", "a.md"}}}, `{% include "a.md" %}`},
		{Tag{"if", []Attr{{"", `a === "b"`}}}, `{% if a === "b" %}`},
	}
	for _, tc := range tests {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("%#v.String() = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTagGetSet(t *testing.T) {
	tg := Tag{"embed", []Attr{{"url", "a"}}}
	tg.Set("url", "b")
	tg.Set("_title", "T")
	if v, ok := tg.Get("url"); !ok || v != "b" {
		t.Errorf("Get(url) = %q, %v; want b, true", v, ok)
	}
	if v, ok := tg.Get("_title"); !ok || v != "T" {
		t.Errorf("Get(_title) = %q, %v; want T, true", v, ok)
	}
	if _, ok := tg.Get("missing"); ok {
		t.Error("Get(missing) found a value")
	}
	if len(tg.Attrs) != 2 {
		t.Errorf("Attrs = %v, want 2 entries", tg.Attrs)
	}
}

func TestURLAttrs(t *testing.T) {
	tests := []struct {
		tag  string
		want []string
	}{
		{"embed", []string{"url"}},
		{"file", []string{"src"}},
		{"content-ref", []string{"url"}},
		{"openapi", []string{"src"}},
		{"swagger", []string{"src"}},
		{"page-ref", []string{"page"}},
		{"@github-files/github-code-block", []string{"url"}},
		{"@mermaid/diagram", nil},
		{"hint", nil},
	}
	for _, tc := range tests {
		if got := URLAttrs(tc.tag); !cmp.Equal(got, tc.want, cmpopts.EquateEmpty()) {
			t.Errorf("URLAttrs(%q) = %q, want %q", tc.tag, got, tc.want)
		}
	}
}

func TestPercent(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"50%", "50", true},
		{"33.3", "33.3", true},
		{"", "", false},
		{"50%;x:y", "", false},
		{".5", "", false},
		{"1.2.3", "", false},
	}
	for _, tc := range tests {
		if got, ok := percent(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("percent(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{
		`{% hint style="info" %}`, `{% embed url="a%}b&#x26;c\_d" %}`, `{% include "x" %}`,
		`{% if a === "b" %}`, `{% x a=b c='d' %}`, "{% @m/d content=\"a\nb\" %}", `{%- raw -%}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		t1, ok := ParseTag(s)
		if !ok {
			return
		}
		out := t1.String()
		t2, ok := ParseTag(out)
		if !ok {
			t.Fatalf("ParseTag(%q) failed on String() of ParseTag(%q)", out, s)
		}
		if !cmp.Equal(t1, t2, cmpopts.EquateEmpty()) {
			t.Fatalf("round trip of %q via %q: %#v != %#v", s, out, t1, t2)
		}
	})
}
