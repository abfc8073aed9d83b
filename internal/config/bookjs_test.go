package config

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestBookJSToJSON(t *testing.T) {
	src := "// The book's configuration.\n\"use strict\";\nmodule.exports = {\n  title: 'Polyglot \\'Book\\'',\n  /* several\n     lines */\n  \"gitbook\": `3.x.x`,\n  plugins: ['a', \"b\",],\n  variables: { year: 2024, ratio: -0.5, hex: 0x1F, on: true, off: false, none: null, gone: undefined, },\n};\n"
	b, err := BookJSToJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	vars := got["variables"].(map[string]any)
	if got["title"] != "Polyglot 'Book'" || got["gitbook"] != "3.x.x" || len(got["plugins"].([]any)) != 2 ||
		vars["year"] != 2024.0 || vars["ratio"] != -0.5 || vars["hex"] != 31.0 || vars["on"] != true || vars["none"] != nil {
		t.Errorf("got %v", got)
	}
	// Its lines are book.js's: a diagnostic at a key points at it there.
	if strings.Count(string(b), "\n") != strings.Count(src, "\n") || !strings.Contains(strings.Split(string(b), "\n")[7], `"plugins"`) {
		t.Errorf("lines moved:\n%s", b)
	}
}

// TestBookJSComputed: a book.js that computes a value is told at that
// value, and not read.
func TestBookJSComputed(t *testing.T) {
	for _, tt := range []struct {
		src       string
		line, col int
	}{
		{"module.exports = {\n  title: pkg.name,\n};\n", 2, 10},
		{"module.exports = {\n  year: new Date().getFullYear()\n}\n", 2, 9},
		{"module.exports = {\n  title: 'v' + version\n}\n", 2, 14},
		{"module.exports = {\n  title: `v${version}`\n}\n", 2, 12},
		{"const pkg = require('./package.json');\nmodule.exports = {}\n", 1, 1},
		{"module.exports = {\n  title: 'x'\n  description: 'y'\n}\n", 3, 3},
		{"module.exports = { title: 'x' };\nconsole.log('hi');\n", 2, 1},
		{"module.exports = {" + strings.Repeat("a:{", 200), 1, 0},
		{"module.exports = {\n  a: -Infinity\n}\n", 2, 6},
		{"module.exports = {\n  a: +NaN\n}\n", 2, 6},
		{"exports = { title: 'x' }\n", 1, 1},
	} {
		_, err := BookJSToJSON([]byte(tt.src))
		var je *BookJSError
		if !errors.As(err, &je) {
			t.Errorf("%q: error %v, want a BookJSError", tt.src, err)
			continue
		}
		if je.Line != tt.line || tt.col != 0 && je.Col != tt.col {
			t.Errorf("%q: at %d:%d (%s), want %d:%d", tt.src, je.Line, je.Col, je.Msg, tt.line, tt.col)
		}
	}
}

func FuzzBookJS(f *testing.F) {
	for _, s := range []string{"module.exports = {a: 1, 'b': [\"c\", `d`,], e: {f: -1.5e3}};", "module.exports = {a: x}",
		"module.exports = {/* c */ a: 'x\\u00e9'}", "module.exports = {a: 'unterminated", "module.exports = {a: -Infinity, b: +NaN}",
		"module.exports = {a: `two\nlines`, b: 1}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		b, err := BookJSToJSON([]byte(src))
		if err != nil {
			return
		}
		if !json.Valid(b) {
			t.Fatalf("%q gave invalid JSON %q", src, b)
		}
	})
}

// TestBookJSTemplateLines: a template over several lines keeps the lines
// after it where book.js has them (review).
func TestBookJSTemplateLines(t *testing.T) {
	src := "module.exports = {\n  a: `one\ntwo`,\n  b: 1,\n}\n"
	b, err := BookJSToJSON([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(string(b), "\n"); len(lines) != strings.Count(src, "\n")+1 || !strings.Contains(lines[3], `"b"`) {
		t.Errorf("lines moved:\n%s", b)
	}
}
