package search

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// skipped elements hold no visible text.
var skipped = map[string]bool{"script": true, "style": true, "template": true, "svg": true, "math": true, "noscript": true}

// inline elements do not separate words: "foo<em>bar</em>" reads "foobar".
// Every other tag separates words, so "<td>a</td><td>b</td>" reads "a b".
var inline = map[string]bool{
	"a": true, "abbr": true, "b": true, "bdi": true, "bdo": true, "cite": true, "code": true,
	"data": true, "del": true, "dfn": true, "em": true, "i": true, "ins": true, "kbd": true,
	"mark": true, "q": true, "s": true, "samp": true, "small": true, "span": true, "strong": true,
	"sub": true, "sup": true, "time": true, "u": true, "var": true, "wbr": true,
}

var altRE = regexp.MustCompile(`(?is)\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))`)

// PlainText returns the text a reader sees in a rendered page body, with
// runs of white space collapsed to one space. Script, style, SVG and
// template contents are skipped; image alt texts are kept. Code is kept
// too, at the weight of body text: readers of documentation do search for
// command names, flags and identifiers.
//
// The scanner is deliberately small instead of a full HTML parser: it reads
// the HTML that folio itself renders, and on malformed input it only
// produces less tidy text.
func PlainText(src []byte) string {
	var b strings.Builder
	for len(src) > 0 {
		lt := bytes.IndexByte(src, '<')
		if lt < 0 {
			b.WriteString(html.UnescapeString(string(src)))
			break
		}
		b.WriteString(html.UnescapeString(string(src[:lt])))
		src = src[lt:]
		if bytes.HasPrefix(src, []byte("<!--")) {
			end := bytes.Index(src[4:], []byte("-->"))
			if end < 0 {
				break
			}
			src = src[4+end+3:]
			continue
		}
		if len(src) < 2 || !isTagStart(src[1]) {
			b.WriteByte('<')
			src = src[1:]
			continue
		}
		end := tagEnd(src)
		tag := src[:end]
		src = src[end:]
		name := tagName(tag)
		if !inline[name] {
			b.WriteByte(' ')
		}
		if tag[1] == '/' {
			continue
		}
		if name == "img" || name == "area" {
			if m := altRE.FindSubmatch(tag); m != nil {
				b.WriteString(html.UnescapeString(string(m[1]) + string(m[2]) + string(m[3])))
				b.WriteByte(' ')
			}
		}
		if skipped[name] && !bytes.HasSuffix(tag, []byte("/>")) {
			src = skipTo(src, name)
		}
	}
	return collapseSpace(b.String())
}

// collapseSpace trims s and turns every run of white space into one
// space, in one pass: pages are long, and splitting them into a slice of
// words only to join it again costs more than the rest of the scan.
func collapseSpace(s string) string {
	if isCollapsed(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isTagStart(c byte) bool {
	return c == '/' || c == '!' || c == '?' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// tagEnd returns the length of the tag at the start of src, quotes
// respected; an unclosed tag runs to the end.
func tagEnd(src []byte) int {
	var quote byte
	for i := 1; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i + 1
		}
	}
	return len(src)
}

// tagName returns the lower-case element name of a tag ("<P class=x>" →
// "p", "</div>" → "div").
func tagName(tag []byte) string {
	i := 1
	if i < len(tag) && tag[i] == '/' {
		i++
	}
	j := i
	for j < len(tag) && tag[j] != '>' && tag[j] != '/' && tag[j] != ' ' && tag[j] != '\t' && tag[j] != '\n' && tag[j] != '\r' && tag[j] != '\f' {
		j++
	}
	return strings.ToLower(string(tag[i:j]))
}

// skipTo returns src after the end tag of name, or nothing when there is
// none. Elements of the same name nested inside (svg in svg) are counted.
func skipTo(src []byte, name string) []byte {
	if name == "script" || name == "style" {
		// Raw text: no tags inside, only the end tag counts.
		i := bytes.Index(bytes.ToLower(src), []byte("</"+name))
		if i < 0 {
			return nil
		}
		return src[i+tagEnd(src[i:]):]
	}
	depth := 1
	for {
		lt := bytes.IndexByte(src, '<')
		if lt < 0 {
			return nil
		}
		src = src[lt:]
		end := tagEnd(src)
		if len(src) > 1 && isTagStart(src[1]) && tagName(src[:end]) == name {
			if src[1] == '/' {
				depth--
			} else if !bytes.HasSuffix(src[:end], []byte("/>")) {
				depth++
			}
		}
		src = src[end:]
		if depth == 0 {
			return src
		}
	}
}

// isCollapsed reports whether s has no white space to collapse: callers
// often pass text collapsed already.
func isCollapsed(s string) bool {
	prevSpace := true // a leading space is to trim
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, w := utf8.DecodeRuneInString(s[i:])
			if unicode.IsSpace(r) {
				return false // non-ASCII white space: the full pass turns it into a space
			}
			prevSpace = false
			i += w
			continue
		}
		sp := c == ' '
		if c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || sp && prevSpace {
			return false
		}
		prevSpace = sp
		i++
	}
	return !prevSpace || s == ""
}
