package openapi

import (
	"strings"
	"testing"

	"folio/internal/markdown"
)

// sameAsLexed fails t unless the code samples and JSON example written
// with their own tokens show exactly as chroma's lexers colour their text.
// It returns how many were compared (a sample the lexer must lex is not).
func sameAsLexed(t testing.TB, c call) int {
	t.Helper()
	n := 0
	for _, s := range []struct {
		lang string
		code code
	}{
		{"bash", curlSample(c)},
		{"http", httpSample(c)},
		{"javascript", fetchSample(c)},
		{"python", pythonSample(c)},
	} {
		toks := s.code.tokens()
		if toks == nil {
			continue
		}
		n++
		text := s.code.String()
		if got, want := string(markdown.HighlightTokens(s.lang, toks)), string(markdown.Highlight(s.lang, text)); got != want {
			t.Errorf("%s sample of %+v:\n%s\nwritten as\n%s\nlexed as\n%s", s.lang, c, text, got, want)
		}
	}
	if c.body != "" && strings.Contains(c.media, "json") {
		var k code
		k.value(c.body, inJSON)
		n++
		if got, want := string(markdown.HighlightTokens("json", k.tokens())), string(markdown.Highlight("json", c.body)); got != want {
			t.Errorf("JSON example:\n%s\nwritten as\n%s\nlexed as\n%s", c.body, got, want)
		}
	}
	return n
}

// jsonBody is v as an example body is written.
func jsonBody(t testing.TB, v any) string {
	b, err := encodeJSON(nil, v, "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSampleTokens: the samples folio writes with their own tokens show
// byte for byte as the lexers would show them; those the lexers split in
// ways of their own are left to the lexers.
func TestSampleTokens(t *testing.T) {
	body := map[string]any{
		"id": "text", "count": 3.0, "ratio": -0.25, "big": 1e300, "tiny": -2e-9, "neg": -7.0,
		"ok": true, "off": false, "none": nil, "list": []any{1.0, "two", []any{}, map[string]any{}},
		"nested":  map[string]any{"a": map[string]any{"b": []any{true, nil}}},
		"escapes": "quote \" back \\ tab \t line \n nul \u0001 <tag> & é ✓",
		"format":  "50% of {name} and {0:>10} and {{literal}} and %(key)s and %d and {a.b[c]!r}",
		"braces":  "{ not a field } and {} and {é}",
		"unicode": "Grüße 日本語",
	}
	calls := []call{
		{method: "GET", url: "https://api.example.org/v1/items?limit=10"},
		{method: "GET", url: "/relative/{id}"},
		{method: "DELETE", url: "https://h.example/x/{id}", headers: [][2]string{{"Authorization", "Bearer <token>"}, {"X-Quote", "it's \"quoted\""}}},
		{method: "POST", url: "https://h.example/items", media: "application/json", body: jsonBody(t, body),
			headers: [][2]string{{"X-Percent", "100% {x}"}, {"Content-Type", "application/json"}}},
		{method: "PUT", url: "/items/{id}", media: "application/json", body: jsonBody(t, []any{"a", 1.0, nil})},
		{method: "PATCH", url: "/s", media: "application/json", body: jsonBody(t, "just a string")},
		{method: "POST", url: "/n", media: "application/json", body: jsonBody(t, -12.5)},
		{method: "POST", url: "/form", media: "multipart/form-data", form: []formField{{name: "file", file: true}, {name: "note", value: "it's 100% {ok}"}}},
		{method: "POST", url: "/empty-form", media: "multipart/form-data", form: []formField{}},
		{method: "POST", url: "/text", media: "text/plain", body: "plain 'text' with % and {x}"},
		{method: "POST", url: "/xml", media: "application/xml", body: "<a b=\"c\">d</a>"},
		{method: "POST", url: "/vnd", media: "application/vnd.api+json", body: jsonBody(t, map[string]any{"a": 1.0})},
		{method: "QUERY", url: "/unknown-method"},
		{method: "GET", url: "/h", headers: [][2]string{{"X-Payer FI-ID", "text"}, {"X-Empty", ""}, {"X-Space", " lead"}}},
		{method: "GET", url: "https://h.example/path with space"},
		{method: "PUT", url: "https://h.example/avatar", media: "image/png", file: "file.png", headers: [][2]string{{"Content-Type", "image/png"}}, reply: "binary"},
		{method: "GET", url: "https://h.example/report", reply: "json"},
		{method: "GET", url: "https://h.example/report.txt", reply: "text"},
	}
	compared := 0
	for _, c := range calls {
		compared += sameAsLexed(t, c)
	}
	// Most samples are written with their own tokens: the lexers are
	// left only what they colour their own way.
	if compared < 40 {
		t.Errorf("only %d samples compared", compared)
	}
	// Those the lexers must lex, because they colour them their own way:
	// a body other than JSON, a method or header the lexer does not know.
	for _, c := range []call{calls[9], calls[10], calls[11], calls[12], calls[13]} {
		if httpSample(c).tokens() != nil {
			t.Errorf("HTTP sample of %+v: written with its own tokens", c)
		}
	}
	// A number with an exponent (not one folio writes; a guard): the
	// JavaScript lexer reads 1.5e3 as 1.5 and a name.
	exp := call{method: "POST", url: "/e", media: "application/json", body: `{"a": -1.5e3, "b": 2E+4}`,
		headers: [][2]string{{"Content-Type", "application/json"}}}
	if fetchSample(exp).tokens() != nil {
		t.Error("a JavaScript number with an exponent: written with its own tokens")
	}
	if sameAsLexed(t, exp) != 4 {
		t.Error("the other samples of a body with exponents are not written with their own tokens")
	}
}

// FuzzSampleTokens: whatever the strings and numbers of a request, the
// samples written with their own tokens show as the lexers show them.
func FuzzSampleTokens(f *testing.F) {
	f.Add("name", "value with 'quote' \" and % {x}", 12.5, "/p/{id}")
	f.Add("X-A", "%(a)s {0!r:>{1}} {{x}} \\", -3.0, "https://h.example/?q=1")
	f.Add("é", "\u2028\x00", 1e21, "")
	f.Fuzz(func(t *testing.T, key, val string, num float64, path string) {
		body := jsonBody(t, map[string]any{key: val, "n": num, "l": []any{val, num, true, nil}})
		c := call{method: "POST", url: path, media: "application/json", body: body,
			headers: [][2]string{{key, val}, {"Content-Type", "application/json"}}}
		sameAsLexed(t, c)
		c.body, c.media, c.form = "", "multipart/form-data", []formField{{name: key, value: val}, {name: val, file: true}}
		sameAsLexed(t, c)
	})
}
