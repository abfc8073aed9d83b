package gitbook

import (
	"html"
	"strings"
)

// Attr is one attribute of a tag. Key is empty for a positional argument,
// such as the path in `{% include "a.md" %}` or the expression of `{% if %}`.
type Attr struct{ Key, Val string }

// Tag is a lexed `{% name key="value" … %}`. Attrs keep the source order so
// that output never depends on map iteration.
type Tag struct {
	Name  string
	Attrs []Attr
}

// Get returns the value of the first attribute named key.
func (t *Tag) Get(key string) (string, bool) {
	for _, a := range t.Attrs {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// Set replaces the value of the first attribute named key, or appends it.
// The resolver uses it to rewrite URLs and to add `_`-prefixed values.
func (t *Tag) Set(key, val string) {
	for i := range t.Attrs {
		if t.Attrs[i].Key == key {
			t.Attrs[i].Val = val
			return
		}
	}
	t.Attrs = append(t.Attrs, Attr{key, val})
}

// get is Get for callers that only need the value.
func (t *Tag) get(key string) string {
	v, _ := t.Get(key)
	return v
}

// positional returns the first attribute without a key.
func (t *Tag) positional() string {
	return t.get("")
}

// String formats t back to `{% name key="value" %}`. Parsing the result gives
// t again (except for `_`-prefixed keys, which the lexer drops).
func (t Tag) String() string {
	var b strings.Builder
	b.WriteString("{% ")
	b.WriteString(t.Name)
	if isExprTag(t.Name) {
		// The expression is kept verbatim: it is JavaScript, not attributes.
		if e := t.positional(); e != "" {
			b.WriteByte(' ')
			b.WriteString(e)
		}
		b.WriteString(" %}")
		return b.String()
	}
	for _, a := range t.Attrs {
		b.WriteByte(' ')
		if a.Key != "" {
			b.WriteString(a.Key)
			b.WriteByte('=')
		}
		b.WriteByte('"')
		for i := 0; i < len(a.Val); i++ {
			switch c := a.Val[i]; c {
			case '\\', '"', '&':
				// The lexer decodes `\` + punctuation and entities, so escape
				// exactly the bytes that could start one of those.
				b.WriteByte('\\')
				b.WriteByte(c)
			default:
				b.WriteByte(c)
			}
		}
		b.WriteByte('"')
	}
	b.WriteString(" %}")
	return b.String()
}

// ParseTag lexes s, which must hold exactly one tag (surrounding white space
// allowed).
func ParseTag(s string) (Tag, bool) {
	i := skipSpace(s, 0)
	if !strings.HasPrefix(s[i:], "{%") {
		return Tag{}, false
	}
	t, end, err := lexTag(s, i)
	if err != lexOK || skipSpace(s, end) != len(s) {
		return Tag{}, false
	}
	return t, true
}

// lexResult tells why lexing stopped; lexEOFInQuote lets the block parser
// try again over the following lines (multi-line `content="…"`).
type lexResult int

const (
	lexOK lexResult = iota
	lexBad
	lexEOFInQuote
)

// isExprTag reports whether the tag's arguments are an expression kept as
// one positional string rather than attributes.
func isExprTag(name string) bool {
	return name == "if" || name == "elif" || name == "elsif" || name == "elseif" || name == "unless"
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

func isNameStart(c byte) bool { return c >= 'a' && c <= 'z' || c == '@' }

func isNameChar(c byte) bool {
	return isNameStart(c) || c >= '0' && c <= '9' || c == '/' || c == '_' || c == '.' || c == '-'
}

func isKeyStart(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' }

func isKeyChar(c byte) bool {
	return isKeyStart(c) || c >= '0' && c <= '9' || c == '-' || c == '.' || c == ':'
}

// atEnd reports whether s[i:] starts the closing `%}` (or Nunjucks' `-%}`).
func atEnd(s string, i int) (int, bool) {
	if strings.HasPrefix(s[i:], "%}") {
		return i + 2, true
	}
	if strings.HasPrefix(s[i:], "-%}") {
		return i + 3, true
	}
	return 0, false
}

// lexTag lexes the tag starting at s[i] == '{'. It returns the tag and the
// offset just after `%}`. Every byte is looked at a bounded number of times,
// so lexing is linear in len(s).
func lexTag(s string, i int) (Tag, int, lexResult) {
	return lexTagAt(s, i, nil)
}

// lexTagAt is lexTag that also appends to at, when it is not nil, the
// offset in s where each attribute of the tag starts (its key, or the
// value of a positional one): at[k] is where t.Attrs[k] is written.
func lexTagAt(s string, i int, at *[]int) (Tag, int, lexResult) {
	var t Tag
	add := func(a Attr, off int) {
		t.Attrs = append(t.Attrs, a)
		if at != nil {
			*at = append(*at, off)
		}
	}
	i += 2 // "{%"
	if i < len(s) && s[i] == '-' {
		i++
	}
	i = skipSpace(s, i)
	start := i
	if i >= len(s) || !isNameStart(s[i]) {
		return t, 0, lexBad
	}
	for i < len(s) && isNameChar(s[i]) {
		i++
	}
	t.Name = s[start:i]
	if isExprTag(t.Name) {
		t, end, res := lexExpr(t, s, i)
		if at != nil && len(t.Attrs) > 0 {
			*at = append(*at, skipSpace(s, i))
		}
		return t, end, res
	}
	for {
		sep := i
		i = skipSpace(s, i)
		if i >= len(s) {
			return t, 0, lexBad
		}
		if end, ok := atEnd(s, i); ok {
			return t, end, lexOK
		}
		if i == sep {
			// Arguments must be separated by white space: `{% hint"x" %}`
			// is not a tag.
			return t, 0, lexBad
		}
		switch c := s[i]; {
		case c == '"' || c == '\'':
			v, next, res := lexQuoted(s, i)
			if res != lexOK {
				return t, 0, res
			}
			add(Attr{"", v}, i)
			i = next
		case isKeyStart(c):
			k := i
			for i < len(s) && isKeyChar(s[i]) {
				i++
			}
			if eq := skipSpace(s, i); eq < len(s) && s[eq] == '=' {
				// Nunjucks, and books written for HonKit, allow white
				// space around the = (style = "info").
				key := s[k:i]
				i = valueStart(s, k, key)
				var v string
				if i < len(s) && (s[i] == '"' || s[i] == '\'') {
					var res lexResult
					v, i, res = lexQuoted(s, i)
					if res != lexOK {
						return t, 0, res
					}
				} else {
					v, i = lexBare(s, i)
				}
				if key[0] != '_' {
					add(Attr{key, v}, k)
				}
				continue
			}
			var v string
			v, i = lexBare(s, k)
			add(Attr{"", v}, k)
		default:
			start := i
			var v string
			v, i = lexBare(s, i)
			if i == sep {
				return t, 0, lexBad
			}
			add(Attr{"", v}, start)
		}
	}
}

// valueStart returns where the value of the attribute key, written at k,
// starts: past the = and the white space around it.
func valueStart(s string, k int, key string) int {
	i := skipSpace(s, k+len(key))
	if i < len(s) && s[i] == '=' {
		i++
	}
	if j := skipSpace(s, i); j < len(s) {
		if _, end := atEnd(s, j); !end {
			return j
		}
	}
	return i
}

// lexExpr keeps everything up to the closing `%}` (outside quotes) as one
// positional attribute.
func lexExpr(t Tag, s string, i int) (Tag, int, lexResult) {
	start := i
	for i < len(s) {
		c := s[i]
		if c == '"' || c == '\'' {
			_, next, res := lexQuoted(s, i)
			if res != lexOK {
				return t, 0, res
			}
			i = next
			continue
		}
		if end, ok := atEnd(s, i); ok {
			if i > start && !isSpace(s[start]) && start < len(s) {
				// `{% ifx %}` would have been lexed as a longer name; an
				// expression must follow white space.
				return t, 0, lexBad
			}
			if e := strings.TrimFunc(s[start:i], func(r rune) bool { return r < 0x80 && isSpace(byte(r)) }); e != "" {
				t.Attrs = append(t.Attrs, Attr{"", e})
			}
			return t, end, lexOK
		}
		i++
	}
	return t, 0, lexBad
}

// lexBare reads an unquoted value up to white space or `%}`.
func lexBare(s string, i int) (string, int) {
	start := i
	for i < len(s) && !isSpace(s[i]) {
		if _, ok := atEnd(s, i); ok && s[i] == '%' {
			break
		}
		i++
	}
	return decodeValue(s[start:i]), i
}

// lexQuoted reads a value quoted with s[i] and decodes it.
func lexQuoted(s string, i int) (string, int, lexResult) {
	q := s[i]
	i++
	start := i
	for i < len(s) {
		switch s[i] {
		case '\\':
			i += 2
			continue
		case q:
			return decodeValue(s[start:i]), i + 1, lexOK
		}
		i++
	}
	return "", 0, lexEOFInQuote
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

func isEntityChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#'
}

// decodeValue resolves Markdown backslash escapes (`\_` → `_`) and HTML
// entities (`&#x26;` → `&`) in one left-to-right pass, so an escaped `\&`
// stays a literal ampersand.
func decodeValue(v string) string {
	if !strings.ContainsAny(v, `\&`) {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); {
		c := v[i]
		if c == '\\' && i+1 < len(v) && isASCIIPunct(v[i+1]) {
			b.WriteByte(v[i+1])
			i += 2
			continue
		}
		if c == '&' {
			j := i + 1
			for j < len(v) && j-i < 40 && isEntityChar(v[j]) {
				j++
			}
			if j < len(v) && v[j] == ';' && j > i+1 {
				ent := v[i : j+1]
				if dec := html.UnescapeString(ent); dec != ent {
					b.WriteString(dec)
					i = j + 1
					continue
				}
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}
