package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"folio/internal/source"
)

// A HonKit book may configure itself in book.js rather than book.json:
// module.exports = { … }. folio runs no JavaScript of a book, but most
// book.js files export a literal object, which is JSON in JavaScript's
// spelling (unquoted keys, single quotes, comments, trailing commas):
// that object is read as book.json would be. One that computes a value
// (require, new Date(), "v" + x) is told where, and not read.

// BookJSError says where and why a book.js cannot be read without
// running it.
type BookJSError struct {
	Line, Col int
	Msg       string
}

func (e *BookJSError) Error() string { return e.Msg }

// ReadBookJSON reads the configuration of the book in dir: its book.json,
// else its book.js as JSON. name is the file read ("book.json" or
// "book.js"); an error satisfying errors.Is(err, fs.ErrNotExist) says there
// is neither, a *BookJSError that the book.js is not a literal object.
func ReadBookJSON(dir string) (name string, data []byte, err error) {
	data, err = source.ReadRegular(filepath.Join(dir, "book.json"))
	if !errors.Is(err, fs.ErrNotExist) {
		return "book.json", data, err
	}
	src, err := source.ReadRegular(filepath.Join(dir, "book.js"))
	if err != nil {
		return "book.js", nil, err
	}
	// As the space reads it: a BOM, UTF-16 (content.readBookJS).
	if text, _, ok := source.Normalize("book.js", src); ok {
		src = text
	}
	data, err = BookJSToJSON(src)
	return "book.js", data, err
}

// HasBookFile reports whether dir holds a book.json or a book.js.
func HasBookFile(dir string) bool {
	for _, n := range []string{"book.json", "book.js"} {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			return true
		}
	}
	return false
}

// BookJSToJSON turns a book.js that exports a literal object into the
// JSON of that object, its lines where they were in src, so that
// diagnostics about the JSON point at book.js's lines.
func BookJSToJSON(src []byte) ([]byte, error) {
	p := &jsLit{src: string(src)}
	p.space()
	p.statement(`"use strict"`, `'use strict'`)
	if !p.take("module.exports") {
		// exports = { … } exports nothing: Node gives HonKit {} (review).
		return nil, p.fail("book.js does not start with module.exports = { … }")
	}
	p.space()
	if !p.take("=") {
		return nil, p.fail("book.js does not start with module.exports = { … }")
	}
	p.space()
	if p.i >= len(p.src) || p.src[p.i] != '{' {
		return nil, p.fail("module.exports is not a literal object")
	}
	if err := p.value(0); err != nil {
		return nil, err
	}
	p.space()
	p.take(";")
	p.space()
	if p.i < len(p.src) {
		return nil, p.fail("book.js does more than export an object")
	}
	return []byte(p.out.String()), nil
}

type jsLit struct {
	src string
	i   int
	out strings.Builder
}

// fail is an error at p.i.
func (p *jsLit) fail(msg string) error {
	line := 1 + strings.Count(p.src[:p.i], "\n")
	col := 1 + utf8.RuneCountInString(p.src[strings.LastIndexByte(p.src[:p.i], '\n')+1:p.i])
	return &BookJSError{Line: line, Col: col, Msg: msg}
}

// space skips blanks and comments, writing their line breaks and the
// blanks.
func (p *jsLit) space() {
	for p.i < len(p.src) {
		switch c := p.src[p.i]; {
		case c == '\n':
			p.out.WriteByte('\n')
			p.i++
		case c == ' ' || c == '\t':
			p.out.WriteByte(c) // the columns of what follows, as written
			p.i++
		case c == '\r':
			p.i++
		case strings.HasPrefix(p.src[p.i:], "//"):
			for p.i < len(p.src) && p.src[p.i] != '\n' {
				p.i++
			}
		case strings.HasPrefix(p.src[p.i:], "/*"):
			end := strings.Index(p.src[p.i+2:], "*/")
			if end < 0 {
				p.i = len(p.src)
				return
			}
			p.out.WriteString(strings.Repeat("\n", strings.Count(p.src[p.i:p.i+2+end], "\n")))
			p.i += end + 4
		default:
			return
		}
	}
}

func (p *jsLit) take(s string) bool {
	if strings.HasPrefix(p.src[p.i:], s) {
		p.i += len(s)
		return true
	}
	return false
}

// statement skips one of the statements ss, and its semicolon.
func (p *jsLit) statement(ss ...string) {
	for _, s := range ss {
		if p.take(s) {
			p.space()
			p.take(";")
			p.space()
			return
		}
	}
}

const maxJSDepth = 100

// value translates one literal value.
func (p *jsLit) value(depth int) error {
	if depth > maxJSDepth {
		return p.fail("book.js nests its values too deeply")
	}
	p.space()
	if p.i >= len(p.src) {
		return p.fail("book.js ends inside its object")
	}
	switch c := p.src[p.i]; {
	case c == '{':
		return p.list('{', '}', depth, true)
	case c == '[':
		return p.list('[', ']', depth, false)
	case c == '"' || c == '\'' || c == '`':
		start := p.i
		s, err := p.str()
		if err != nil {
			return err
		}
		p.out.Write(jsonString(s))
		// A template's line breaks, after it: the lines after it stay
		// book.js's (review).
		p.out.WriteString(strings.Repeat("\n", strings.Count(p.src[start:p.i], "\n")))
	case c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9':
		return p.number()
	default:
		word := p.word()
		switch word {
		case "true", "false", "null":
			p.out.WriteString(word)
		case "undefined":
			p.out.WriteString("null")
		case "":
			return p.fail(fmt.Sprintf("book.js has %q where a value goes: folio reads only literal values", p.src[p.i:p.i+1]))
		default:
			p.i -= len(word)
			return p.fail(fmt.Sprintf("book.js computes a value (%s): folio runs no JavaScript, and reads only literal values", word))
		}
	}
	p.space()
	if p.i < len(p.src) && strings.IndexByte("+-*/?(.[`", p.src[p.i]) >= 0 {
		return p.fail("book.js computes a value here: folio runs no JavaScript, and reads only literal values")
	}
	return nil
}

// list translates an object (keys) or an array, trailing comma allowed.
func (p *jsLit) list(open, close byte, depth int, keys bool) error {
	p.i++
	p.out.WriteByte(open)
	first := true
	for {
		p.space()
		if p.i >= len(p.src) {
			return p.fail("book.js ends inside its object")
		}
		if p.src[p.i] == close {
			p.i++
			p.out.WriteByte(close)
			return nil
		}
		if !first {
			p.out.WriteByte(',')
		}
		first = false
		if keys {
			if err := p.key(); err != nil {
				return err
			}
		}
		if err := p.value(depth + 1); err != nil {
			return err
		}
		p.space()
		switch {
		case p.i < len(p.src) && p.src[p.i] == ',':
			p.i++
		case p.i < len(p.src) && p.src[p.i] == close:
		default:
			return p.fail(fmt.Sprintf("book.js misses a comma or a %q here", close))
		}
	}
}

// key translates an object's key and its colon.
func (p *jsLit) key() error {
	var k string
	if c := p.src[p.i]; c == '"' || c == '\'' {
		var err error
		if k, err = p.str(); err != nil {
			return err
		}
	} else if k = p.word(); k == "" {
		return p.fail("book.js has no key here")
	}
	p.space()
	if !p.take(":") {
		return p.fail(fmt.Sprintf("book.js has no colon after the key %s (folio reads only key: value)", k))
	}
	p.out.Write(jsonString(k))
	p.out.WriteByte(':')
	return nil
}

// word reads an identifier (or a number's digits).
func (p *jsLit) word() string {
	j := p.i
	for j < len(p.src) {
		c := p.src[j]
		if c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80 {
			j++
			continue
		}
		break
	}
	w := p.src[p.i:j]
	p.i = j
	return w
}

// str reads a quoted string, or a template without substitutions.
func (p *jsLit) str() (string, error) {
	q := p.src[p.i]
	start := p.i
	p.i++
	var b strings.Builder
	for p.i < len(p.src) {
		c := p.src[p.i]
		switch {
		case c == q:
			p.i++
			return b.String(), nil
		case c == '\n' && q != '`':
			p.i = start
			return "", p.fail("book.js has a string that does not end on its line")
		case q == '`' && strings.HasPrefix(p.src[p.i:], "${"):
			return "", p.fail("book.js computes a value in a template (${…}): folio runs no JavaScript, and reads only literal values")
		case c == '\\' && p.i+1 < len(p.src):
			p.i++
			e := p.src[p.i]
			p.i++
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'v':
				b.WriteByte('\v')
			case '0':
				b.WriteByte(0)
			case '\n':
			case 'x', 'u':
				n := 2
				if e == 'u' {
					n = 4
				}
				if p.i+n > len(p.src) {
					return "", p.fail("book.js has a bad escape")
				}
				v, err := strconv.ParseUint(p.src[p.i:p.i+n], 16, 32)
				if err != nil {
					return "", p.fail("book.js has a bad escape")
				}
				p.i += n
				b.WriteRune(rune(v))
			default:
				b.WriteByte(e)
			}
		default:
			b.WriteByte(c)
			p.i++
		}
	}
	p.i = start
	return "", p.fail("book.js has a string that does not end")
}

// jsonString is s as a JSON string.
func jsonString(s string) []byte {
	b, _ := json.Marshal(s) // a string always marshals
	return b
}

// number translates a numeric literal.
func (p *jsLit) number() error {
	start := p.i
	sign := ""
	if c := p.src[p.i]; c == '-' || c == '+' {
		if c == '-' {
			sign = "-"
		}
		p.i++
	}
	w := p.word()
	if p.i < len(p.src) && p.src[p.i] == '.' {
		p.i++
		w += "." + p.word()
	}
	if (strings.HasSuffix(w, "e") || strings.HasSuffix(w, "E")) && p.i < len(p.src) && (p.src[p.i] == '-' || p.src[p.i] == '+') {
		p.i++
		w += p.src[p.i-1:p.i] + p.word()
	}
	w = strings.ReplaceAll(w, "_", "")
	var f float64
	var err error
	if strings.HasPrefix(strings.ToLower(w), "0x") {
		var u uint64
		u, err = strconv.ParseUint(w[2:], 16, 64)
		f = float64(u)
	} else {
		f, err = strconv.ParseFloat(w, 64)
	}
	if err != nil || w == "" || math.IsInf(f, 0) || math.IsNaN(f) {
		// ParseFloat reads Infinity and NaN, which JSON has not (review).
		p.i = start
		return p.fail("book.js has a value folio cannot read here: it reads only literal values")
	}
	p.out.WriteString(sign + strconv.FormatFloat(f, 'g', -1, 64))
	p.space()
	if p.i < len(p.src) && strings.IndexByte("+-*/?(.[`", p.src[p.i]) >= 0 {
		return p.fail("book.js computes a value here: folio runs no JavaScript, and reads only literal values")
	}
	return nil
}
