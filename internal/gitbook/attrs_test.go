package gitbook

import (
	"strings"
	"testing"

	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// TestAttrHints: the golden files show no hints; the hint of an unknown
// attribute names the closest one, or what the tag takes.
func TestAttrHints(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{`{% hint type="danger" %}` + "\nx\n{% endhint %}\n", "did you mean style?"},
		{`{% code titel="a" %}` + "\n```\nx\n```\n{% endcode %}\n", "did you mean title?"},
		{`{% code linenumbers="true" %}` + "\n```\nx\n```\n{% endcode %}\n", "did you mean lineNumbers?"},
		{`{% embed url="u" autoplay="1" %}` + "\n", "{% embed %} takes url and caption"},
		{`{% tab label="x" %}` + "\nx\n{% endtab %}\n", "{% tab %} takes title and icon"},
		{`{% prompt open="x" %}` + "\nx\n{% endprompt %}\n", "{% prompt %} takes description, defaultExpanded, icon and openInAIProviders"},
		{`{% stepper numbered="true" %}` + "\n{% endstepper %}\n", "{% stepper %} takes no attributes"},
	} {
		pc := parser.NewContext()
		md.Parser().Parse(text.NewReader([]byte(tc.src)), parser.WithContext(pc))
		var got []string
		for _, p := range Problems(pc) {
			if p.Rule == "block-attribute" {
				got = append(got, p.Hint)
			}
		}
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("%q: hints %q, want [%q]", tc.src, got, tc.want)
		}
	}
}

// TestAttrOffsets: the lexer's attribute offsets are where each is written.
func TestAttrOffsets(t *testing.T) {
	for _, s := range []string{
		`{% code title="a b" overflow=wrap _x="y" 'pos' lineNumbers='true' %}`,
		`{%- include "a.md" -%}`,
		`{% if a === "b" %}`,
		"{% @m/d content=\"a\nb\" url=u %}",
	} {
		var at []int
		tg, _, res := lexTagAt(s, 0, &at)
		if res != lexOK || len(at) != len(tg.Attrs) {
			t.Fatalf("%q: %v, %d offsets for %d attributes", s, res, len(at), len(tg.Attrs))
		}
		for i, a := range tg.Attrs {
			want := a.Key
			if want == "" {
				want = a.Val
			}
			if got := s[at[i]:]; len(got) < len(want) || got[:len(want)] != want && got[1:min(len(got), len(want)+1)] != want {
				t.Errorf("%q: attribute %d (%q) at %d: %q", s, i, want, at[i], got)
			}
		}
	}
}

// TestValueHints: the hint of an unknown value names the nearest value the
// attribute takes, if one is, and lists them.
func TestValueHints(t *testing.T) {
	code := func(attrs string) string { return "{% code " + attrs + " %}\n```\nx\n```\n{% endcode %}\n" }
	for _, tc := range []struct{ src, rule, want string }{
		{code(`overflow="wrapp"`), "block-attribute", "did you mean wrap? overflow takes wrap or scroll"},
		{code(`lineNumbers="yes"`), "block-attribute", "did you mean true? lineNumbers takes true or false"},
		{code(`lineNumbers="FALSE"`), "block-attribute", "did you mean false? lineNumbers takes true or false"},
		{code(`expandable="maybe"`), "block-attribute", "expandable takes true or false"},
		{code(`fullWidth="fals"`), "block-attribute", "did you mean false? fullWidth takes true or false"},
		{"{% hint style=\"warn\" %}\nx\n{% endhint %}\n", "hint-style", "did you mean warning? style takes info, success, warning or danger"},
		{"{% hint style=\"note\" %}\nx\n{% endhint %}\n", "hint-style", "did you mean info? style takes info, success, warning or danger"},
		{"{% hint style=\"purple\" %}\nx\n{% endhint %}\n", "hint-style", "style takes info, success, warning or danger"},
		{"{% prompt defaultExpanded=\"ful\" %}\nx\n{% endprompt %}\n", "block-attribute", "did you mean full? defaultExpanded takes partial or full"},
		{"{% openapi-schemas spec=\"p\" grouped=\"t\" %}\n{% endopenapi-schemas %}\n", "block-attribute", "grouped takes true or false"},
		{"{% updates format=\"ful\" %}\n{% endupdates %}\n", "block-attribute", "did you mean full? format takes full"},
		{"{% columns %}\n{% column valign=\"center\" %}\nx\n{% endcolumn %}\n{% endcolumns %}\n", "block-attribute", "did you mean middle? valign takes top, middle or bottom"},
		{"{% swagger src=\"a.yaml\" path=\"/x\" method=\"PSOT\" %}\n{% endswagger %}\n", "block-attribute", "did you mean post? method takes get, post, put, patch, delete, head, options or trace"},
		{"{% api-method method=\"del\" path=\"/x\" %}\n{% endapi-method %}\n", "block-attribute", "did you mean delete? method takes get, post, put, patch, delete, head, options or trace"},
		{"{% swagger path=\"/x\" method=\"get\" %}\n{% swagger-parameter in=\"qurey\" name=\"a\" %}\n{% endswagger-parameter %}\n{% endswagger %}\n", "block-attribute", "did you mean query? in takes path, query, header, cookie or body"},
	} {
		pc := parser.NewContext()
		md.Parser().Parse(text.NewReader([]byte(tc.src)), parser.WithContext(pc))
		var got []string
		for _, p := range Problems(pc) {
			if p.Rule == tc.rule {
				got = append(got, p.Hint)
			}
		}
		if len(got) != 1 || got[0] != tc.want {
			t.Errorf("%q: hints %q, want [%q]", tc.src, got, tc.want)
		}
	}
}

// TestMediaName: a media file's name as a reader reads it, from GitBook's
// hosted URLs whose folders are one encoded segment.
func TestMediaName(t *testing.T) {
	mediaName := func(raw string) string { return lastSegment(strings.TrimSpace(raw)) }
	for raw, want := range map[string]string{
		"https://files.gitbook.com/v0/b/x/o/spaces%2FABC%2Fuploads%2FScreen%20Recording.mp4?alt=media&token=1": "Screen Recording.mp4",
		"../.gitbook/assets/clip.mp4#t=10": "clip.mp4",
		" sound.mp3 ":                      "sound.mp3",
		"https://example.com/":             "example.com",
	} {
		if got := mediaName(raw); got != want {
			t.Errorf("mediaName(%q) = %q, want %q", raw, got, want)
		}
	}
}
