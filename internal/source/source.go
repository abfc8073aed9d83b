// Package source turns the bytes of a content file into the text that the
// rest of folio parses: UTF-8 with LF line endings, and the same line numbers
// as the file on disk so that diagnostics point where an editor does.
//
// It also owns the small fixes that GitBook repositories need before YAML is
// parsed (zero-width characters copied from GitBook's own docs) and the
// translation of gopkg.in/yaml.v2 errors into diagnostics.
package source

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v2"

	"folio/internal/diag"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// Normalize returns b as clean UTF-8 text with LF line endings: a leading BOM
// removed, CRLF and lone CR turned into LF, and invalid UTF-8 decoded as
// Latin-1 with a warning (rule "encoding"). A NUL byte means the file is
// binary: Normalize then reports an error (rule "binary-file") and ok=false.
// Path is only used in diagnostics. Line numbers are preserved.
func Normalize(path string, b []byte) (out []byte, ds []diag.Diagnostic, ok bool) {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return nil, []diag.Diagnostic{{
			Path: path, Line: lineAt(b, i), Severity: diag.Error, Rule: "binary-file",
			Msg:  "file contains a NUL byte: it is binary, not text",
			Hint: "remove it from the content or give it a non-Markdown extension",
		}}, false
	}
	b = bytes.TrimPrefix(b, bom)
	if !utf8.Valid(b) {
		ds = append(ds, diag.Diagnostic{
			Path: path, Line: lineAt(b, firstInvalid(b)), Severity: diag.Warning, Rule: "encoding",
			Msg:  "file is not valid UTF-8; read it as Latin-1",
			Hint: "save the file as UTF-8",
		})
		b = latin1(b)
	}
	if bytes.IndexByte(b, '\r') < 0 {
		return b, ds, true // LF already: most files
	}
	out = make([]byte, 0, len(b))
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			return append(out, b...), ds, true
		}
		out = append(append(out, b[:i]...), '\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
	}
}

// lineAt returns the 1-based line of byte offset i, counting CR, LF and CRLF
// as one line break each, as Normalize does.
func lineAt(b []byte, i int) int {
	line := 1
	for j := 0; j < i && j < len(b); j++ {
		switch b[j] {
		case '\n':
			line++
		case '\r':
			if j+1 < len(b) && b[j+1] == '\n' {
				j++
			}
			line++
		}
	}
	return line
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// latin1 decodes b byte by byte: every byte is the code point of the same value.
func latin1(b []byte) []byte {
	out := make([]byte, 0, len(b)+len(b)/4)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return out
}

// CleanYAML removes zero-width characters (U+200B, U+200C, U+200D, U+FEFF,
// U+2060) and turns U+00A0 into a space, so that "\u200bstructure:" is the
// key "structure:". GitBook's own .gitbook.yaml example carries these, and
// repositories copied it. Line breaks are kept, so YAML line numbers still
// match the file.
func CleanYAML(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			out = append(out, b[i])
		case isZeroWidth(r):
		case r == '\u00a0':
			out = append(out, ' ')
		default:
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

func isZeroWidth(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\ufeff', '\u2060':
		return true
	}
	return false
}

var (
	lineRe     = regexp.MustCompile(`^line (\d+): (.*)$`)
	notFoundRe = regexp.MustCompile(`^field (.+) not found in type .+$`)
	alreadyRe  = regexp.MustCompile(`^(?:field (.+) already set in type .+|key (.+) already set in map)$`)
	typeRe     = regexp.MustCompile("^cannot unmarshal (!!\\w+|\\S+)(?: `(.*)`)? into (.+)$")
)

// YAMLError turns an error from gopkg.in/yaml.v2 into diagnostics (rule
// "yaml") at the right line: lineOffset is added to every line, for YAML that
// starts further down a file, like front matter. Go type names are rewritten
// out of the messages so that a writer reads `unknown key "foo"` or
// `"abc" is not a boolean`. A nil error gives no diagnostics.
func YAMLError(path string, text []byte, lineOffset int, err error) []diag.Diagnostic {
	if err == nil {
		return nil
	}
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	ds := make([]diag.Diagnostic, 0, len(msgs))
	for _, m := range msgs {
		d := diag.Diagnostic{Path: path, Severity: diag.Error, Rule: "yaml"}
		// yaml.v2 leaves the line out when the problem is on the first
		// line of the YAML text.
		d.Line = lineOffset + 1
		if sm := lineRe.FindStringSubmatch(m); sm != nil {
			if n, err := strconv.Atoi(sm[1]); err == nil && n > 0 {
				d.Line = n + lineOffset
			}
			m = sm[2]
		}
		d.Msg = humanize(m)
		d.Col = FirstCol(text, d.Line-lineOffset)
		ds = append(ds, d)
	}
	return ds
}

// FirstCol is the 1-based column of the first character that is not a
// space or tab on line (1-based) of text, where a YAML mistake on that line
// is pointed at; 0 when the line is blank or not there.
func FirstCol(text []byte, line int) int {
	for n := 1; len(text) > 0 || n == line; n++ {
		l, rest, _ := bytes.Cut(text, []byte("\n"))
		if n == line {
			if i := bytes.IndexFunc(l, func(r rune) bool { return r != ' ' && r != '\t' && r != '\r' }); i >= 0 {
				return i + 1
			}
			return 0
		}
		text = rest
	}
	return 0
}

// humanize rewrites one yaml.v2 message in the words of a site author.
func humanize(m string) string {
	if sm := notFoundRe.FindStringSubmatch(m); sm != nil {
		return fmt.Sprintf("unknown key %q", sm[1])
	}
	if sm := alreadyRe.FindStringSubmatch(m); sm != nil {
		k := sm[1] + sm[2]
		if uq, err := strconv.Unquote(k); err == nil {
			k = uq
		}
		return fmt.Sprintf("duplicate key %q", k)
	}
	if sm := typeRe.FindStringSubmatch(m); sm != nil {
		want := kindOf(sm[3])
		switch sm[1] {
		case "!!seq":
			return "expected " + want + ", found a list"
		case "!!map":
			return "expected " + want + ", found a mapping"
		}
		return fmt.Sprintf("%q is not %s", sm[2], want)
	}
	return m
}

// kindOf names a Go type as a YAML author knows it.
func kindOf(goType string) string {
	switch {
	case goType == "bool":
		return "a boolean"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"):
		return "an integer"
	case strings.HasPrefix(goType, "float"):
		return "a number"
	case goType == "string":
		return "a string"
	case strings.HasPrefix(goType, "[]"):
		return "a list"
	default:
		return "a mapping"
	}
}
