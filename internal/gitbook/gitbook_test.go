package gitbook

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"folio/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

// md is shared by all tests, as the markdown package shares it between
// goroutines.
var md = goldmark.New(
	goldmark.WithExtensions(extension.GFM, Extension),
	goldmark.WithRendererOptions(html.WithUnsafe()),
)

// convert renders src and formats its diagnostics one per line.
func convert(t testing.TB, src []byte) (string, string) {
	t.Helper()
	pc := parser.NewContext()
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		t.Fatalf("render: %v", err)
	}
	var d strings.Builder
	for _, p := range Problems(pc) {
		fmt.Fprintf(&d, "%d:%d: %s: %s: %s\n", p.Line, p.Col, p.Severity, p.Rule, p.Msg)
	}
	return buf.String(), d.String()
}

func TestGolden(t *testing.T) {
	testkit.EachCase(t, "testdata/*.txtar", func(t *testing.T, file string, ar *txtar.Archive) {
		input, ok := testkit.Section(ar, "input.md")
		if !ok {
			t.Fatal("no input.md section")
		}
		gotHTML, gotDiag := convert(t, input)
		if *update {
			testkit.SetSection(ar, "want.html", []byte(gotHTML))
			testkit.SetSection(ar, "want.diag", []byte(gotDiag))
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		wantHTML, ok1 := testkit.Section(ar, "want.html")
		wantDiag, ok2 := testkit.Section(ar, "want.diag")
		if !ok1 || !ok2 {
			t.Fatal("missing want.html or want.diag; run with -update")
		}
		if d := cmp.Diff(string(wantHTML), gotHTML); d != "" {
			t.Errorf("HTML mismatch (-want +got):\n%s", d)
		}
		if d := cmp.Diff(string(wantDiag), gotDiag); d != "" {
			t.Errorf("diagnostics mismatch (-want +got):\n%s", d)
		}
	})
}

// wordsSrc holds a block of every kind that prints words for readers.
const wordsSrc = `{% hint style="info" %}
I.
{% endhint %}
{% hint style="success" %}
S.
{% endhint %}
{% hint style="warning" %}
W.
{% endhint %}
{% hint style="danger" %}
D.
{% endhint %}

{% if a %}
A.
{% elif b %}
B.
{% else %}
C.
{% endif %}

{% prompt defaultExpanded="partial" %}
Prompt.
{% endprompt %}

{% embed url="https://www.youtube.com/watch?v=abc" %}

{% tabs %}
{% tab %}
One.
{% endtab %}
{% tab title="Two" %}
Two.
{% endtab %}
{% tab %}
Three.
{% endtab %}
{% endtabs %}

{% api-method method="post" path="/cakes" %}
{% api-method-spec %}
{% api-method-request %}
{% api-method-path-parameters %}
{% api-method-parameter name="id" required=true %}
{% endapi-method-parameter %}
{% endapi-method-path-parameters %}
{% api-method-query-parameters %}
{% api-method-parameter name="q" %}
{% endapi-method-parameter %}
{% endapi-method-query-parameters %}
{% api-method-headers %}
{% api-method-parameter name="h" %}
{% endapi-method-parameter %}
{% endapi-method-headers %}
{% api-method-form-data-parameters %}
{% api-method-parameter name="photo" %}
{% endapi-method-parameter %}
{% endapi-method-form-data-parameters %}
{% endapi-method-request %}
{% api-method-response %}
{% api-method-response-example httpCode=200 %}
{% endapi-method-response-example %}
{% endapi-method-response %}
{% endapi-method-spec %}
{% endapi-method %}

{% swagger %}
{% swagger-parameter in="cookie" name="c" %}
{% endswagger-parameter %}
{% swagger-parameter name="x" %}
{% endswagger-parameter %}
{% endswagger %}

{% @mermaid/diagram content="graph TD; A-->B" %}
`

// TestLocalise: every word a block prints is in English, unless Localise
// gives the block the page's, escaped; a tab's number is in the
// language's digits.
func TestLocalise(t *testing.T) {
	src := []byte(wordsSrc)
	render := func(words map[string]string) string {
		doc := md.Parser().Parse(text.NewReader(src))
		for _, k := range AlertKinds() { // made by the markdown package, titled with their kind's word
			doc.AppendChild(doc, NewAlert(k, alertKinds[k].style, 1, true))
		}
		if words != nil {
			_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
				if b, ok := n.(*Block); ok && entering {
					b.Localise(words)
				}
				return ast.WalkContinue, nil
			})
		}
		var buf bytes.Buffer
		if err := md.Renderer().Render(&buf, src, doc); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	fill := strings.NewReplacer("{n}", "1", "{host}", "youtube.com")
	got := render(nil)
	for key, en := range english {
		if !strings.Contains(got, ">"+esc(fill.Replace(en))+"<") && !strings.Contains(got, `="`+esc(en)+`"`) {
			t.Errorf("English %s %q not printed:\n%s", key, en, got)
		}
	}
	words := map[string]string{"digits": "٠١٢٣٤٥٦٧٨٩"}
	for key, en := range english {
		words[key] = "<" + key + ">"
		for _, p := range []string{"{n}", "{host}"} {
			if strings.Contains(en, p) {
				words[key] += " " + p
			}
		}
	}
	got = render(words)
	for key := range english {
		want := esc(strings.NewReplacer("{n}", "١", "{host}", "youtube.com").Replace(words[key]))
		if !strings.Contains(got, want) {
			t.Errorf("%s: no %s in\n%s", key, want, got)
		}
	}
	if want := esc("<tab_untitled> ٣"); !strings.Contains(got, want) {
		t.Errorf("the third tab is not %s:\n%s", want, got)
	}
	for _, en := range []string{"Otherwise", "Alternatively", "Show more", "Tab ", ">required<", "Responses", "Form data", "Copy", "Mermaid diagram"} {
		if strings.Contains(got, en) {
			t.Errorf("English %q left:\n%s", en, got)
		}
	}
}
