package openapi

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// The code samples and JSON examples are written here, so their writer
// knows what each piece is: it hands the highlighter its tokens instead of
// having a lexer find them again. The tokens are those chroma's lexers
// give for the same code (TestSampleTokens compares them), merged as
// chroma.Coalesce merges them, so the HTML is the same; lexing them was a
// third of the CPU of a build of an API reference.

// code is a piece of code being written, as highlighter tokens.
type code struct {
	toks []chroma.Token
	// lex is set when the code holds something the lexer splits in a way
	// this writer does not follow (a number with an exponent in
	// JavaScript, a % in a Python string): the lexer must lex it.
	lex bool
}

// add appends s as a token of type t, merged with the last token when it
// has the same type.
func (c *code) add(t chroma.TokenType, s string) {
	if s == "" {
		return
	}
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // as the lexer reads it: each bad byte a U+FFFD
	}
	if n := len(c.toks); n > 0 && c.toks[n-1].Type == t {
		c.toks[n-1].Value += s
		return
	}
	c.toks = append(c.toks, chroma.Token{Type: t, Value: s})
}

// text appends s as plain text.
func (c *code) text(s string) { c.add(chroma.Text, s) }

func (c code) String() string {
	var b strings.Builder
	for _, t := range c.toks {
		b.WriteString(t.Value)
	}
	return b.String()
}

// tokens returns the tokens, or nil when the code must be lexed.
func (c code) tokens() []chroma.Token {
	if c.lex {
		return nil
	}
	return c.toks
}

// trimNewlines drops the line ends the code ends with.
func (c *code) trimNewlines() {
	for n := len(c.toks); n > 0; n = len(c.toks) {
		t := &c.toks[n-1]
		if t.Type != chroma.Text || !strings.HasSuffix(t.Value, "\n") {
			return
		}
		t.Value = strings.TrimRight(t.Value, "\n")
		if t.Value != "" {
			return
		}
		c.toks = c.toks[:n-1]
	}
}

// dialect is the language a JSON value is written in.
type dialect int

const (
	inJSON   dialect = iota
	inJS             // a JavaScript object literal
	inPython         // a Python dict literal: True, False, None
)

// value appends js, valid JSON (as encodeJSON writes it, any indentation),
// as the value d writes.
func (c *code) value(js string, d dialect) {
	for i := 0; i < len(js); {
		ch := js[i]
		switch {
		case isJSONSpace(ch):
			j := i + 1
			for j < len(js) && isJSONSpace(js[j]) {
				j++
			}
			c.text(js[i:j])
			i = j
		case ch == '"':
			j := stringEnd(js, i)
			c.str(js[i:j], d, isKey(js, j))
			i = j
		case ch == ':':
			if d == inJS {
				c.add(chroma.Operator, ":")
			} else {
				c.add(chroma.Punctuation, ":")
			}
			i++
		case ch == '-' || ch >= '0' && ch <= '9':
			j := i + 1
			float := false
			for j < len(js) && strings.IndexByte("0123456789.eE+-", js[j]) >= 0 {
				float = float || js[j] == '.' || js[j] == 'e' || js[j] == 'E'
				j++
			}
			num := js[i:j]
			if d != inJSON && ch == '-' {
				// JavaScript and Python read the sign as an operator.
				c.add(chroma.Operator, "-")
				num = num[1:]
			}
			c.lex = c.lex || d == inJS && strings.ContainsAny(num, "eE")
			if float {
				c.add(chroma.LiteralNumberFloat, num)
			} else {
				c.add(chroma.LiteralNumberInteger, num)
			}
			i = j
		case strings.HasPrefix(js[i:], "true"), strings.HasPrefix(js[i:], "false"), strings.HasPrefix(js[i:], "null"):
			n := 4
			if ch == 'f' {
				n = 5
			}
			word := js[i : i+n]
			if d == inPython {
				word = map[string]string{"true": "True", "false": "False", "null": "None"}[word]
			}
			c.add(chroma.KeywordConstant, word)
			i += n
		default: // {}[],
			c.add(chroma.Punctuation, js[i:i+1])
			i++
		}
	}
}

// stringEnd returns the end of the JSON string that starts at i.
func stringEnd(js string, i int) int {
	for j := i + 1; j < len(js); j++ {
		switch js[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(js)
}

// isKey reports whether the string that ends at j is an object's key.
func isKey(js string, j int) bool {
	for j < len(js) && isJSONSpace(js[j]) {
		j++
	}
	return j < len(js) && js[j] == ':'
}

// isJSONSpace reports whether c is white space between JSON tokens.
func isJSONSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

// str appends a quoted JSON string: a key in JSON is a name tag; Python
// shows its escapes apart.
func (c *code) str(s string, d dialect, key bool) {
	switch {
	case d == inJSON && key:
		c.add(chroma.NameTag, s)
	case d == inPython:
		c.pythonString(s)
	default:
		c.add(chroma.LiteralStringDouble, s)
	}
}

// Python colours the fields of printf and str.format in every string
// (chroma's rules, with .NET's \w and \d, which are Unicode's).
var (
	pyPercent = regexp.MustCompile(`^%(\([\p{L}\p{Mn}\p{Nd}\p{Pc}]+\))?[-#0 +]*(\p{Nd}+|[*])?(\.(\p{Nd}+|[*]))?[hlL]?[E-GXc-giorsaux%]`)
	pyFormat  = regexp.MustCompile(`^\{(([\p{L}\p{Mn}\p{Nd}\p{Pc}]+)((\.[\p{L}\p{Mn}\p{Nd}\p{Pc}]+)|(\[[^\]]+\]))*)?(![sra])?(:(.?[<>=^])?[-+ ]?#?0?(\p{Nd}+)?,?(\.\p{Nd}+)?[E-GXb-gnosx%]?)?\}`)
)

// pythonString appends a quoted JSON string as Python's lexer splits it:
// escapes and format fields apart.
func (c *code) pythonString(s string) {
	for i := 0; i < len(s); {
		switch s[i] {
		case '\\':
			n := 2
			if i+1 < len(s) && s[i+1] == 'u' {
				n = 6
			}
			n = min(n, len(s)-i)
			c.add(chroma.LiteralStringEscape, s[i:i+n])
			i += n
			continue
		case '%', '{':
			re := pyPercent
			if s[i] == '{' {
				re = pyFormat
			}
			if m := re.FindString(s[i:]); m != "" {
				c.add(chroma.LiteralStringInterpol, m)
				i += len(m)
				continue
			}
			n := 1
			if strings.HasPrefix(s[i:], "{{") {
				n = 2 // the lexer takes {{ whole
			}
			c.add(chroma.LiteralStringDouble, s[i:i+n])
			i += n
			continue
		}
		j := i + 1
		for j < len(s) && s[j] != '\\' && s[j] != '%' && s[j] != '{' {
			j++
		}
		c.add(chroma.LiteralStringDouble, s[i:j])
		i = j
	}
}

// shellQuoted appends s quoted for a POSIX shell, as shellQuote writes it.
func (c *code) shellQuoted(s string) {
	for i, part := range strings.Split(s, "'") {
		if i > 0 {
			c.add(chroma.LiteralStringEscape, `\'`)
		}
		c.add(chroma.LiteralStringSingle, "'"+part+"'")
	}
}
