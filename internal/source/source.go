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
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"gopkg.in/yaml.v2"

	"folio/internal/diag"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// Normalize returns b as clean UTF-8 text with LF line endings: a leading BOM
// removed, CRLF and lone CR turned into LF. Text in another encoding is
// decoded, with a warning (rule "encoding") at the place that gave it away:
//
//   - UTF-16 or UTF-32 with a byte order mark is decoded as such (line 1,
//     column 1); a code unit that does not decode becomes U+FFFD, with a
//     second warning at the first one;
//   - UTF-8 with a few bytes that are not (a character typed in another
//     editor) keeps its UTF-8 and reads each of those bytes as Windows-1252,
//     warning at the first;
//   - text without a single multi-byte UTF-8 character is read as
//     Windows-1252 (Latin-1 with the printable characters that Windows puts at
//     0x80–0x9F), warning at the first byte that is not ASCII.
//
// A NUL byte or character means the file is binary: Normalize then reports
// an error (rule "binary-file") and ok=false. Path is only used in
// diagnostics. Line numbers are preserved. Positions are 1-based lines and
// columns in characters of the decoded text, a line break being LF, CR or
// CRLF.
func Normalize(path string, b []byte) (out []byte, ds []diag.Diagnostic, ok bool) {
	if len(b) >= 2 && b[0]|1 == 0xFF || len(b) >= 4 && b[0] == 0 {
		if out, ds, ok, isWide := decodeWide(path, b); isWide {
			return out, ds, ok
		}
	}
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return nil, []diag.Diagnostic{nulError(path, b, i)}, false
	}
	b = bytes.TrimPrefix(b, bom)
	if !utf8.Valid(b) {
		var d diag.Diagnostic
		b, d = decodeInvalid(path, b)
		ds = append(ds, d)
	}
	return lf(b), ds, true
}

// lf turns CRLF and lone CR into LF.
func lf(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b // LF already: most files
	}
	out := make([]byte, 0, len(b))
	for {
		i := bytes.IndexByte(b, '\r')
		if i < 0 {
			return append(out, b...)
		}
		out = append(append(out, b[:i]...), '\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
	}
}

// nulError is the error for the NUL at byte i of text b.
func nulError(path string, b []byte, i int) diag.Diagnostic {
	line, col := Pos(b, i)
	return diag.Diagnostic{
		Path: path, Line: line, Col: col, Severity: diag.Error, Rule: "binary-file",
		Msg:  "file contains a NUL byte: it is binary, not text",
		Hint: "remove it from the content or give it a non-Markdown extension",
	}
}

// decodeInvalid decodes b, which is not valid UTF-8. When b holds at least
// one valid multi-byte UTF-8 sequence it is UTF-8 where a few bytes are not,
// and only those bytes are read as Windows-1252; otherwise the whole of b is.
// The warning is at the first invalid byte.
func decodeInvalid(path string, b []byte) ([]byte, diag.Diagnostic) {
	first, bad, multi := -1, 0, false
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			if first < 0 {
				first = i
			}
			bad++
		} else {
			multi = true
		}
		i += n
	}
	line, col := Pos(b, first)
	d := diag.Diagnostic{Path: path, Line: line, Col: col, Severity: diag.Warning, Rule: "encoding",
		Hint: "save the file as UTF-8"}
	c := b[first]
	switch {
	case !multi:
		d.Msg = "file is not valid UTF-8; read it as Windows-1252 (Latin-1)"
	case bad == 1:
		d.Msg = fmt.Sprintf("byte 0x%02X is not valid UTF-8; read it as Windows-1252 %q", c, string(cp1252(c)))
	default:
		d.Msg = fmt.Sprintf("%d bytes are not valid UTF-8, the first here (0x%02X); read them as Windows-1252", bad, c)
	}
	out := make([]byte, 0, len(b)+bad*2)
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			out = append(out, b[i])
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			out = utf8.AppendRune(out, cp1252(b[i]))
		} else {
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out, d
}

// cp1252 is the character of byte c in Windows-1252. The five bytes that
// Windows-1252 leaves undefined are the C1 controls of the same value, as in
// Latin-1 and as browsers read them.
func cp1252(c byte) rune {
	if c >= 0x80 && c < 0xA0 {
		return cp1252C1[c-0x80]
	}
	return rune(c)
}

var cp1252C1 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// wide names a Unicode encoding in code units of two or four bytes, found by
// its byte order mark.
type wide struct {
	name string
	bom  string
	size int  // bytes in a code unit
	big  bool // big-endian
}

// wides are checked in order: UTF-32LE's mark starts with UTF-16LE's.
var wides = []wide{
	{"UTF-32 big-endian", "\x00\x00\xFE\xFF", 4, true},
	{"UTF-32 little-endian", "\xFF\xFE\x00\x00", 4, false},
	{"UTF-16 big-endian", "\xFE\xFF", 2, true},
	{"UTF-16 little-endian", "\xFF\xFE", 2, false},
}

// decodeWide decodes b when it starts with the byte order mark of UTF-16 or
// UTF-32 (isWide), with a warning at line 1, column 1 that names the
// encoding, and another at the first code unit that does not decode (an
// unpaired surrogate, a value beyond U+10FFFF, bytes left over at the end),
// which becomes U+FFFD.
func decodeWide(path string, b []byte) (out []byte, ds []diag.Diagnostic, ok, isWide bool) {
	var w wide
	for _, w = range wides {
		if bytes.HasPrefix(b, []byte(w.bom)) {
			isWide = true
			break
		}
	}
	if !isWide {
		return nil, nil, false, false
	}
	b = b[len(w.bom):]
	unit := func(i int) rune {
		if w.size == 2 {
			if w.big {
				return rune(binary.BigEndian.Uint16(b[i:]))
			}
			return rune(binary.LittleEndian.Uint16(b[i:]))
		}
		if w.big {
			return rune(binary.BigEndian.Uint32(b[i:]))
		}
		return rune(binary.LittleEndian.Uint32(b[i:]))
	}
	out = make([]byte, 0, len(b)/w.size*3/2+4)
	first, bad := -1, 0
	for i := 0; i < len(b); i += w.size {
		r := rune(-1) // does not decode
		switch {
		case i+w.size > len(b): // bytes left over
		case w.size == 4:
			if u := unit(i); utf8.ValidRune(u) {
				r = u
			}
		case !utf16.IsSurrogate(unit(i)):
			r = unit(i)
		case i+4 <= len(b):
			if u := utf16.DecodeRune(unit(i), unit(i+2)); u != utf8.RuneError {
				r = u
				i += 2
			}
		}
		if r < 0 {
			if first < 0 {
				first = len(out)
			}
			bad++
			r = utf8.RuneError
		}
		out = utf8.AppendRune(out, r)
	}
	if i := bytes.IndexByte(out, 0); i >= 0 {
		return nil, []diag.Diagnostic{nulError(path, out, i)}, false, true
	}
	ds = append(ds, diag.Diagnostic{Path: path, Line: 1, Col: 1, Severity: diag.Warning, Rule: "encoding",
		Msg: "file is " + w.name + ", not UTF-8; read it as " + w.name[:len("UTF-16")], Hint: "save the file as UTF-8"})
	if bad > 0 {
		line, col := Pos(out, first)
		msg := "a code unit does not decode as " + w.name + "; read it as U+FFFD"
		if bad > 1 {
			msg = fmt.Sprintf("%d code units do not decode as %s, the first here; read them as U+FFFD", bad, w.name)
		}
		ds = append(ds, diag.Diagnostic{Path: path, Line: line, Col: col, Severity: diag.Warning, Rule: "encoding",
			Msg: msg, Hint: "save the file as UTF-8"})
	}
	return lf(out), ds, true, true
}

// Pos returns the 1-based line and column of byte offset i of b, counting
// CR, LF and CRLF as one line break each, as Normalize does, and columns in
// characters, a byte that is not UTF-8 being one.
func Pos(b []byte, i int) (line, col int) {
	i = min(i, len(b))
	line = 1
	start := 0
	for j := 0; j < i; j++ {
		switch b[j] {
		case '\n':
			line++
			start = j + 1
		case '\r':
			if j+1 < i && b[j+1] == '\n' {
				j++
			}
			line++
			start = j + 1
		}
	}
	return line, utf8.RuneCount(b[start:i]) + 1
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
	blockScalarRE = regexp.MustCompile(`:\s+[|>][-+0-9]*$`)
	lineRe        = regexp.MustCompile(`^line (\d+): (.*)$`)
	notFoundRe    = regexp.MustCompile(`^field (.+) not found in type .+$`)
	alreadyRe     = regexp.MustCompile(`^(?:field (.+) already set in type .+|key (.+) already set in map)$`)
	typeRe        = regexp.MustCompile("^cannot unmarshal (!!\\w+|\\S+)(?: `(.*)`)? into (.+)$")
)

// parserProblems are the problems of yaml.v2's parser (parserc.go) whose
// line it names counting from 0. "did not find expected key" and "… '-'
// indicator" are too: the line at fault is looked for from there on
// (misindented), else it is the next (t44).
var parserProblems = map[string]bool{
	"did not find expected node content": true, "did not find expected ',' or ']'": true,
	"did not find expected ',' or '}'": true, "did not find expected <document start>": true,
}

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
				if parserProblems[sm[2]] {
					// yaml.v2 counts a parser's problem from line 0, and
					// a scanner's from line 1 (its decode.go, fail): one
					// line too early (t41).
					d.Line++
				}
			}
			m = sm[2]
		}
		d.Msg = humanize(m)
		if m == "could not find expected ':'" {
			// yaml.v2 notices on a later line: the line at fault is the
			// one before, whose key lacks its colon.
			if n := colonless(text, d.Line-lineOffset); n > 0 {
				d.Line, d.Msg = n+lineOffset, "this line has no ':' after its key: write key: value"
			}
		}
		if last := lineOffset + lineCount(text); text != nil && d.Line > last {
			d.Line = last // yaml.v2 may name the line after the last, at the end of the text
		}
		if m == "did not find expected key" || m == "did not find expected '-' indicator" {
			// yaml.v2 names the line that opened the block; the line at
			// fault is a later one, indented to no level of it.
			if n, ind := misindented(text, d.Line-lineOffset); n > 0 {
				d.Line = n + lineOffset
				d.Msg = fmt.Sprintf("this line is indented by %d spaces, which is no level of the lines above it: indent it as the other lines of its level", ind)
			} else if text == nil || d.Line < lineOffset+lineCount(text) {
				d.Line++
			}
		}
		d.Col = FirstCol(text, d.Line-lineOffset)
		ds = append(ds, d)
	}
	return ds
}

// lineCount is the number of lines of text, at least 1: a final line
// break ends the last line, and starts none.
func lineCount(text []byte) int {
	n := bytes.Count(text, []byte("\n"))
	if len(text) > 0 && text[len(text)-1] != '\n' {
		n++
	}
	return max(n, 1)
}

// misindented returns the first line (1-based) after line of text whose
// indentation is no level open above it, and that indentation; 0 when
// there is none. A level is the indentation of a line, or the column of
// a list item's content; a line deeper than the level above it opens one
// only after a line ending with a colon.
func misindented(text []byte, line int) (int, int) {
	levels := []int{0}
	opens := false // the line before ends with ':': the next may go deeper
	scalar := -1   // the indentation of a key whose value is a block scalar (key: |)
	for i, l := range strings.Split(string(text), "\n") {
		t := strings.TrimSpace(l)
		ind := len(l) - len(strings.TrimLeft(l, " "))
		if t == "" || scalar >= 0 && ind > scalar {
			continue // the scalar's text, indented as it likes
		}
		scalar = -1
		if strings.HasPrefix(t, "#") {
			continue
		}
		for len(levels) > 1 && levels[len(levels)-1] > ind {
			levels = levels[:len(levels)-1]
		}
		if top := levels[len(levels)-1]; ind != top {
			if !opens && i+1 > line {
				return i + 1, ind
			}
			levels = append(levels, ind)
		}
		for item := strings.TrimLeft(l, " "); strings.HasPrefix(item, "- "); {
			// A list item's content is a level: its mapping's next keys.
			col := len(l) - len(item) + 2
			rest := strings.TrimLeft(item[2:], " ")
			col += len(item[2:]) - len(rest)
			levels = append(levels, col)
			item = rest
		}
		opens = strings.HasSuffix(t, ":")
		if blockScalarRE.MatchString(t) {
			scalar = ind
		}
	}
	return 0, 0
}

// colonless returns the last line (1-based) before line of text that is
// neither blank, a comment nor a list item, if it has no colon: a key
// whose colon was forgotten; 0 when there is none.
func colonless(text []byte, line int) int {
	lines := strings.Split(string(text), "\n")
	for n := min(line-1, len(lines)); n >= 1; n-- {
		t := strings.TrimSpace(lines[n-1])
		switch {
		case t == "" || strings.HasPrefix(t, "#"):
			continue
		case strings.HasPrefix(t, "- ") || strings.Contains(t, ":"):
			return 0
		}
		return n
	}
	return 0
}

// Col returns the 1-based column, in characters, of byte off of line:
// columns count characters everywhere in folio's diagnostics, as editors
// count them, a byte that is not UTF-8 being one.
func Col(line string, off int) int {
	return utf8.RuneCountInString(line[:max(0, min(off, len(line)))]) + 1
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

// UnclosedQuote finds the first line (1-based, in yml) whose value opens a
// quoted scalar that the line does not close, the quote's column and the
// quote; line 0 when none. A quoted value may span lines in YAML, but in
// front matter or a spec that is almost always a forgotten closing quote,
// which the parser reports where the file ends.
func UnclosedQuote(yml []byte) (line, col int, quote string) {
	for i, line := range strings.Split(string(yml), "\n") {
		_, v, ok := strings.Cut(line, ": ")
		if !ok {
			t := strings.TrimSpace(line)
			if !strings.HasPrefix(t, "- ") {
				continue
			}
			v = t[2:]
		}
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		switch q := v[0]; q {
		case '"':
			closed := false
			for j := 1; j < len(v); j++ {
				if v[j] == '\\' {
					j++
				} else if v[j] == '"' {
					closed = true
					break
				}
			}
			if !closed {
				return i + 1, Col(line, len(strings.TrimRight(line, " \t\r"))-len(v)), `"`
			}
		case '\'':
			// '' is an escaped quote inside a single-quoted value.
			if strings.Count(v[1:], "'")%2 == 0 {
				return i + 1, Col(line, len(strings.TrimRight(line, " \t\r"))-len(v)), "'"
			}
		}
	}
	return 0, 0, ""
}

// ErrNotRegular is the error of ReadRegular for a path that is no regular
// file: a FIFO, a device or a folder, whose read could block for ever.
var ErrNotRegular = errors.New("not a regular file")

// ReadRegular reads the file at path p, which must be a regular file (a
// symbolic link to one will do): a repository's book.json or site.yaml
// made a FIFO hung the build, beyond Ctrl-C's reach.
func ReadRegular(p string) ([]byte, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: p, Err: ErrNotRegular}
	}
	return os.ReadFile(p)
}
