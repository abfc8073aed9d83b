package source

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"gopkg.in/yaml.v2"

	"folio/internal/diag"
)

// encodingWarning is an "encoding" warning of p.md at line:col.
func encodingWarning(line, col int, msg string) diag.Diagnostic {
	return diag.Diagnostic{Path: "p.md", Line: line, Col: col, Severity: diag.Warning, Rule: "encoding",
		Msg: msg, Hint: "save the file as UTF-8"}
}

// binaryError is a "binary-file" error of p.md at line:col.
func binaryError(line, col int) diag.Diagnostic {
	return diag.Diagnostic{Path: "p.md", Line: line, Col: col, Severity: diag.Error, Rule: "binary-file",
		Msg:  "file contains a NUL byte: it is binary, not text",
		Hint: "remove it from the content or give it a non-Markdown extension"}
}

// utf16Bytes encodes s as UTF-16 (big-endian when big), after the byte
// order mark when bom, then appends extra bytes.
func utf16Bytes(s string, big, bom bool, extra ...byte) string {
	var b []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		if big {
			b = binary.BigEndian.AppendUint16(b, u)
		} else {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
	}
	return string(append(b, extra...))
}

// utf32Bytes encodes s as UTF-32 after its byte order mark, then appends
// extra bytes.
func utf32Bytes(s string, big bool, extra ...byte) string {
	var b []byte
	for _, r := range "\ufeff" + s {
		if big {
			b = binary.BigEndian.AppendUint32(b, uint32(r))
		} else {
			b = binary.LittleEndian.AppendUint32(b, uint32(r))
		}
	}
	return string(append(b, extra...))
}

func TestNormalize(t *testing.T) {
	const (
		latin1 = "file is not valid UTF-8; read it as Windows-1252 (Latin-1)"
		le16   = "file is UTF-16 little-endian, not UTF-8; read it as UTF-16"
		be16   = "file is UTF-16 big-endian, not UTF-8; read it as UTF-16"
		le32   = "file is UTF-32 little-endian, not UTF-8; read it as UTF-32"
		be32   = "file is UTF-32 big-endian, not UTF-8; read it as UTF-32"
	)
	tests := []struct {
		name  string
		in    string
		want  string
		ok    bool
		diags []diag.Diagnostic
	}{
		// UTF-8, the common case: only the BOM and line endings change.
		{name: "plain", in: "a\nb\n", want: "a\nb\n", ok: true},
		{name: "empty", in: "", want: "", ok: true},
		{name: "BOM", in: "\xEF\xBB\xBF---\ntitle: x\n", want: "---\ntitle: x\n", ok: true},
		{name: "BOM only", in: "\xEF\xBB\xBF", want: "", ok: true},
		{name: "BOM only at start", in: "a\xEF\xBB\xBFb", want: "a\ufeffb", ok: true},
		{name: "CRLF", in: "a\r\nb\r\n\r\nc", want: "a\nb\n\nc", ok: true},
		{name: "lone CR", in: "a\rb\r\rc\r", want: "a\nb\n\nc\n", ok: true},
		{name: "mixed line endings", in: "a\r\n\rb\n\r\n", want: "a\n\nb\n\n", ok: true},
		{name: "UTF-8 kept", in: "Table des mati\xc3\xa8res\n", want: "Table des matières\n", ok: true},
		{name: "UTF-8 all planes kept", in: "é — 概要 😀 \ufffd\u0085\n", want: "é — 概要 😀 \ufffd\u0085\n", ok: true},
		{name: "UTF-8 starting with U+FFFE kept", in: "\xef\xbf\xbex", want: "\ufffex", ok: true},

		// No multi-byte UTF-8 character: the whole file is Windows-1252.
		{
			name: "Latin-1", in: "ok\nmati\xe8res \xe9t\xe9\r\n", want: "ok\nmatières été\n", ok: true,
			diags: []diag.Diagnostic{encodingWarning(2, 5, latin1)},
		},
		{
			name: "Windows-1252", in: "l\x92\xe9t\xe9 \x85 \x80\x81\x9f", want: "l’été … €\u0081Ÿ", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 2, latin1)},
		},
		{
			name: "Latin-1 after BOM and CRLF", in: "\xEF\xBB\xBFab\r\n\r\nxy\xff", want: "ab\n\nxyÿ", ok: true,
			diags: []diag.Diagnostic{encodingWarning(3, 3, latin1)},
		},
		{
			name: "Latin-1 after lone CR", in: "a\rb\r\xe9", want: "a\nb\né", ok: true,
			diags: []diag.Diagnostic{encodingWarning(3, 1, latin1)},
		},

		// UTF-8 with a few bytes that are not: only those are Windows-1252.
		{
			name: "stray byte", in: "# Mixed\n\nUTF-8 caf\xc3\xa9 then Latin-1 caf\xe9 on line 3.\n",
			want: "# Mixed\n\nUTF-8 café then Latin-1 café on line 3.\n", ok: true,
			diags: []diag.Diagnostic{encodingWarning(3, 28, `byte 0xE9 is not valid UTF-8; read it as Windows-1252 "é"`)},
		},
		{
			name: "stray bytes", in: "\xEF\xBB\xBF概要\r\n\r\n😀 \x93quoted\x94, caf\xe9\r\n\xe0 la",
			want: "概要\n\n😀 “quoted”, café\nà la", ok: true,
			diags: []diag.Diagnostic{encodingWarning(3, 3, "4 bytes are not valid UTF-8, the first here (0x93); read them as Windows-1252")},
		},
		{
			name: "stray byte on line 1 after BOM", in: "\xEF\xBB\xBF\xe9\xc3\xa9", want: "éé", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 1, `byte 0xE9 is not valid UTF-8; read it as Windows-1252 "é"`)},
		},
		{
			name: "truncated sequence", in: "\xc3\xa9t\xc3\n", want: "étÃ\n", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 3, `byte 0xC3 is not valid UTF-8; read it as Windows-1252 "Ã"`)},
		},
		{
			name: "encoded surrogate", in: "\xc3\xa9\xed\xa0\x80", want: "éí\u00a0€", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 2, "3 bytes are not valid UTF-8, the first here (0xED); read them as Windows-1252")},
		},

		// UTF-16 and UTF-32 with a byte order mark.
		{
			name: "UTF-16LE", in: utf16Bytes("# Café\r\n\r\n概要 😀\r\n", false, true), want: "# Café\n\n概要 😀\n", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 1, le16)},
		},
		{
			name: "UTF-16BE", in: utf16Bytes("# Café\n\n概要 😀\r", true, true), want: "# Café\n\n概要 😀\n", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 1, be16)},
		},
		{
			name: "UTF-16 U+FFFD kept", in: utf16Bytes("\ufffd\n\ufffd", true, true), want: "\ufffd\n\ufffd", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 1, be16)},
		},
		{
			name: "UTF-32 U+FFFD kept", in: utf32Bytes("\ufffd", false), want: "\ufffd", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 1, le32)},
		},
		{name: "UTF-16LE BOM only", in: "\xFF\xFE", want: "", ok: true, diags: []diag.Diagnostic{encodingWarning(1, 1, le16)}},
		{name: "UTF-16BE BOM only", in: "\xFE\xFF", want: "", ok: true, diags: []diag.Diagnostic{encodingWarning(1, 1, be16)}},
		{
			name: "UTF-16LE odd byte count", in: utf16Bytes("ab\r\ncé", false, true, 'x'), want: "ab\ncé\ufffd", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 1, le16),
				encodingWarning(2, 3, "a code unit does not decode as UTF-16 little-endian; read it as U+FFFD")},
		},
		{
			name: "UTF-16BE odd byte count", in: "\xFE\xFF\x00", want: "\ufffd", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 1, be16),
				encodingWarning(1, 1, "a code unit does not decode as UTF-16 big-endian; read it as U+FFFD")},
		},
		{
			name: "UTF-16 unpaired surrogates", in: utf16Bytes("é\n", false, true, 0x00, 0xD8, 'a', 0, 0x00, 0xDC, 0x3D, 0xD8),
			want: "é\n\ufffda\ufffd\ufffd", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 1, le16),
				encodingWarning(2, 1, "3 code units do not decode as UTF-16 little-endian, the first here; read them as U+FFFD")},
		},
		{
			name: "UTF-16 with NUL", in: utf16Bytes("é\r\nab\x00", true, true), want: "", ok: false,
			diags: []diag.Diagnostic{binaryError(2, 3)},
		},
		{name: "UTF-16 without BOM", in: utf16Bytes("ab", false, false), want: "", ok: false, diags: []diag.Diagnostic{binaryError(1, 2)}},
		{
			name: "UTF-32LE", in: utf32Bytes("é\r\n😀", false), want: "é\n😀", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 1, le32)},
		},
		{
			name: "UTF-32BE", in: utf32Bytes("é\r😀", true), want: "é\n😀", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 1, be32)},
		},
		{name: "UTF-32BE BOM only", in: "\x00\x00\xFE\xFF", want: "", ok: true, diags: []diag.Diagnostic{encodingWarning(1, 1, be32)}},
		{
			name: "UTF-32 invalid", in: utf32Bytes("a\n", true, 0x00, 0x11, 0x00, 0x00, 0, 0, 0xD8, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0),
			want: "a\n\ufffd\ufffd\ufffd\ufffd", ok: true,
			diags: []diag.Diagnostic{encodingWarning(1, 1, be32),
				encodingWarning(2, 1, "4 code units do not decode as UTF-32 big-endian, the first here; read them as U+FFFD")},
		},

		// NUL: binary.
		{name: "NUL", in: "a\r\nb\x00c", want: "", ok: false, diags: []diag.Diagnostic{binaryError(2, 2)}},
		{name: "NUL after invalid UTF-8", in: "\xc3\xa9\xe9\x00", want: "", ok: false, diags: []diag.Diagnostic{binaryError(1, 3)}},
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

// TestNormalizeUntouched checks that valid UTF-8 with LF line endings and
// no BOM comes back as the same slice: the common case copies nothing.
func TestNormalizeUntouched(t *testing.T) {
	in := []byte("# Café\n\n概要 😀\n")
	out, ds, ok := Normalize("p.md", in)
	if !ok || ds != nil || &out[0] != &in[0] || len(out) != len(in) {
		t.Errorf("Normalize(%q) = %q, %v, %v: want the input itself", in, out, ds, ok)
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
		// A problem of yaml.v2's parser, whose line it counts from 0 (t41).
		{"parser", "title: x\nlangs: [: bad\n", 0, []string{"f.yaml:2: error: did not find expected node content"}},
		{"parser offset", "title: x\n\nlangs: [a, b\nport: 1\n", 2, []string{"f.yaml:6: error: did not find expected ',' or ']'"}},
		{"parser key", "title: T\n\n\n\n- x\n", 0, []string{"f.yaml:5: error: did not find expected key"}},
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
	for _, s := range []string{
		"", "a\r\nb", "\xEF\xBB\xBF\r\r\n\n", "caf\xe9\r", "x\x00", "\u200b\u00a0",
		"caf\xc3\xa9 caf\xe9\r\n\x93", "\xc3\xa9\xed\xa0\x80\xc3",
		utf16Bytes("a\r\né😀", false, true, 0), utf16Bytes("a\rb\n", true, true),
		"\xFF\xFE\x00\xD8a\x00", "\xFE\xFF", utf32Bytes("é\r\n😀", false, 1), utf32Bytes("x", true),
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		out, ds, ok := Normalize("f", b)
		for _, d := range ds {
			if d.Line < 1 || d.Col < 1 {
				t.Errorf("diagnostic without line and column: %v", d)
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
		if again, _, _ := Normalize("f", out); !bytes.Equal(again, bytes.TrimPrefix(out, bom)) {
			t.Errorf("not idempotent: %q → %q", out, again)
		}
		if want, ok := decodeWideRef(b); ok {
			// UTF-16 or UTF-32: the same text as unicode/utf16 decodes.
			if string(out) != want {
				t.Errorf("wide: out %q, want %q (in %q)", out, want, b)
			}
			if len(ds) == 0 || ds[0].Line != 1 || ds[0].Col != 1 || ds[0].Rule != "encoding" {
				t.Errorf("wide without a warning at 1:1: %v", ds)
			}
			for _, d := range ds[1:] {
				if r := runeAt(out, d.Line, d.Col); r != utf8.RuneError {
					t.Errorf("%v points at %q, not U+FFFD (out %q)", d, r, out)
				}
			}
			return
		}
		breaks := bytes.Count(b, []byte("\r\n"))
		breaks += bytes.Count(b, []byte("\r")) - bytes.Count(b, []byte("\r\n"))
		breaks += bytes.Count(b, []byte("\n")) - bytes.Count(b, []byte("\r\n"))
		if got := bytes.Count(out, []byte("\n")); got != breaks {
			t.Errorf("%d line breaks, want %d (in %q, out %q)", got, breaks, b, out)
		}
		// Every character and every byte that is not UTF-8 is one
		// character of the output, but for the CR of a CRLF.
		in := bytes.TrimPrefix(b, bom)
		if got, want := utf8.RuneCount(out), utf8.RuneCount(in)-bytes.Count(in, []byte("\r\n")); got != want {
			t.Errorf("%d characters, want %d (in %q, out %q)", got, want, b, out)
		}
		first := -1
		for i := 0; i < len(in); {
			r, n := utf8.DecodeRune(in[i:])
			if r == utf8.RuneError && n == 1 {
				first = i
				break
			}
			i += n
		}
		switch {
		case first < 0:
			if len(ds) != 0 {
				t.Errorf("diagnostics for valid UTF-8: %v", ds)
			}
			if bytes.IndexByte(b, '\r') < 0 && !bytes.HasPrefix(b, bom) && !bytes.Equal(out, b) {
				t.Errorf("valid UTF-8 changed: %q → %q", b, out)
			}
		case len(ds) != 1:
			t.Errorf("want one diagnostic, got %v", ds)
		case runeAt(out, ds[0].Line, ds[0].Col) != cp1252(in[first]):
			t.Errorf("%v points at %q, not at byte 0x%02X (out %q)", ds[0], runeAt(out, ds[0].Line, ds[0].Col), in[first], out)
		}
	})
}

// decodeWideRef decodes b as UTF-16 or UTF-32 when it starts with its byte
// order mark, as the standard library does, with LF line endings.
func decodeWideRef(b []byte) (string, bool) {
	var rs []rune
	switch {
	case bytes.HasPrefix(b, []byte("\x00\x00\xFE\xFF")), bytes.HasPrefix(b, []byte("\xFF\xFE\x00\x00")):
		order := binary.ByteOrder(binary.LittleEndian)
		if b[0] == 0 {
			order = binary.BigEndian
		}
		for b = b[4:]; len(b) > 0; b = b[min(4, len(b)):] {
			r := utf8.RuneError
			if len(b) >= 4 {
				if u := order.Uint32(b); u <= unicode.MaxRune && utf8.ValidRune(rune(u)) {
					r = rune(u)
				}
			}
			rs = append(rs, r)
		}
	case bytes.HasPrefix(b, []byte("\xFE\xFF")), bytes.HasPrefix(b, []byte("\xFF\xFE")):
		order := binary.ByteOrder(binary.LittleEndian)
		if b[0] == 0xFE {
			order = binary.BigEndian
		}
		var units []uint16
		for b = b[2:]; len(b) >= 2; b = b[2:] {
			units = append(units, order.Uint16(b))
		}
		rs = utf16.Decode(units)
		if len(b) == 1 {
			rs = append(rs, utf8.RuneError)
		}
	default:
		return "", false
	}
	s := strings.ReplaceAll(string(rs), "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n"), true
}

// runeAt is the character at 1-based line and column of text, -1 when
// there is none.
func runeAt(text []byte, line, col int) rune {
	lines := strings.Split(string(text), "\n")
	if line < 1 || line > len(lines) || col < 1 {
		return -1
	}
	rs := []rune(lines[line-1])
	if col > len(rs) {
		return -1
	}
	return rs[col-1]
}

// BenchmarkNormalize measures the common case, on every page of every
// build: the guide's pages, valid UTF-8 with LF line endings and no BOM.
func BenchmarkNormalize(b *testing.B) {
	files, err := filepath.Glob("../../content/en/guide/*.md")
	if err != nil || len(files) == 0 {
		b.Skip("no guide pages")
	}
	var pages [][]byte
	size := 0
	for _, f := range files {
		p, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		pages = append(pages, p)
		size += len(p)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, p := range pages {
			if _, _, ok := Normalize("p.md", p); !ok {
				b.Fatal("not ok")
			}
		}
	}
}

// TestYAMLErrorColonless: a key whose colon is missing is reported at its
// own line, not at the next one where yaml.v2 notices.
func TestYAMLErrorColonless(t *testing.T) {
	text := []byte("root: ./docs/\nstructure:\n  readme: intro.md\n  summary SUMMARY.md\n\n# redirects\nredirects:\n  old: intro.md\n")
	var v map[string]any
	err := yaml.Unmarshal(text, &v)
	ds := YAMLError(".gitbook.yaml", text, 0, err)
	if len(ds) != 1 || ds[0].Line != 4 || ds[0].Col != 3 || !strings.Contains(ds[0].Msg, "no ':'") {
		t.Errorf("diagnostics %v, want one at 4:3 saying the colon is missing", ds)
	}
}

// TestYAMLErrorMisindented: where yaml.v2 names the line that opened a
// block ("did not find expected key", "… '-' indicator"), the diagnostic
// is at the later line indented to no level above it (tester: site.yaml's
// second language was reported at its "- code" line, the mistake being
// the next line's three spaces). A block scalar's text may go deeper.
func TestYAMLErrorMisindented(t *testing.T) {
	for _, c := range []struct {
		src  string
		line int
	}{
		{"title: T\nlanguages:\n  - code: en\n    name: English\n  - code: fr\n   name: F\n    dir: fr\n", 6},
		{"a:\n  b: 1\n c: 2\n", 3},
		{"a:\n    b: 1\n  c: 2\nd: 3\n", 3},
		{"a:\n  t: |\n      deep\n    less\n  b: 1\n c: 2\n", 6},
		{"# head\na:\n  - x: 1\n\n    y: 2\n   z: 3\n", 6},
	} {
		var v any
		err := yaml.Unmarshal([]byte(c.src), &v)
		if err == nil {
			t.Errorf("%q: no error", c.src)
			continue
		}
		ds := YAMLError("site.yaml", []byte(c.src), 0, err)
		if len(ds) != 1 || ds[0].Line != c.line || !strings.Contains(ds[0].Msg, "is no level") {
			t.Errorf("%q (%v): %v, want line %d", c.src, err, ds, c.line)
		}
	}
}

// FuzzYAMLError: any text's YAML error becomes diagnostics at one of its
// lines.
func FuzzYAMLError(f *testing.F) {
	for _, s := range []string{"a:\n  b: 1\n c: 2\n", "x:\n  - a: 1\n   b: 2\n", "t: |\n  x\n y: 1\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var v any
		err := yaml.Unmarshal([]byte(src), &v)
		n := strings.Count(src, "\n") + 1
		for _, d := range YAMLError("f.yaml", []byte(src), 0, err) {
			if d.Line < 1 || d.Line > n {
				t.Fatalf("%q: line %d of %d", src, d.Line, n)
			}
		}
	})
}
