// Package shortcode reads emoji shortcodes (":tada:"), for the pages
// (internal/markdown) and the titles of SUMMARY.md (internal/nav) alike.
//
// Emoji shortcodes are read by goldmark-emoji's inline parser,
// with GitHub's full set, so they become emoji in text only: never in
// code, link destinations, autolinks or raw HTML tags. folio adds two
// rules of its own. A shortcode stands alone: one glued to a letter or
// digit ("1:100:1", "https://example.com/a:x:b") is text. And the names
// folio knew before GitHub's set was used keep working (shortcodeExtras).
// Text inside HTML blocks, which goldmark does not parse, goes through
// Replace with the same rules.
package shortcode

import (
	"unicode"
	"unicode/utf8"

	emoji "github.com/yuin/goldmark-emoji"
	"github.com/yuin/goldmark-emoji/definition"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// set is GitHub's set and folio's extra names.
var set = func() definition.Emojis {
	set := definition.Github().Clone()
	var extra []definition.Emoji
	for name, s := range shortcodeExtras {
		if _, ok := set.Get(name); !ok {
			extra = append(extra, definition.NewEmoji(name, []rune(s), name))
		}
	}
	set.Add(definition.NewEmojis(extra...))
	return set
}()

// shortcodeExtras are the names of folio's former list that GitHub's set
// lacks.
var shortcodeExtras = map[string]string{"check": "✔️", "clock": "🕐", "lightning": "🌩️"}

// shortcodes is goldmark-emoji's parser, given only shortcodes that stand
// alone.
type shortcodes struct{ inner parser.InlineParser }

// Parser is the inline parser of shortcodes, which makes goldmark-emoji
// Emoji nodes (package github.com/yuin/goldmark-emoji/ast).
func Parser() parser.InlineParser {
	return shortcodes{emoji.NewParser(emoji.WithEmojis(set).(emoji.ParserOption))}
}

func (p shortcodes) Trigger() []byte { return p.inner.Trigger() }

func (p shortcodes) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if _, n := At(line, block.PrecendingCharacter()); n == 0 {
		return nil
	}
	return p.inner.Parse(parent, block, pc)
}

// At returns the emoji of the shortcode b starts with and its
// length, 0 when b does not start with a known shortcode that stands
// alone: prev, the character before b, and the one after it are no
// letter, digit or '_'.
func At(b []byte, prev rune) (string, int) {
	if len(b) < 3 || b[0] != ':' || wordRune(prev) {
		return "", 0
	}
	i := 1
	for i < len(b) && isShortcodeByte(b[i]) {
		i++
	}
	if i == 1 || i == len(b) || b[i] != ':' {
		return "", 0
	}
	if next, _ := utf8.DecodeRune(b[i+1:]); i+1 < len(b) && wordRune(next) {
		return "", 0
	}
	e, ok := set.Get(string(b[1:i]))
	if !ok || !e.IsUnicode() {
		return "", 0
	}
	return string(e.Unicode), i + 1
}

func isShortcodeByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '+' || c == '-'
}

// Replace replaces the shortcodes of a text run of an HTML
// block, returning it unchanged (and 0) when it has none.
func Replace(b []byte) ([]byte, int) {
	var out []byte
	n, at := 0, 0
	prev := rune('\n')
	for i := 0; i < len(b); {
		if b[i] == ':' {
			if e, k := At(b[i:], prev); k > 0 {
				out = append(append(out, b[at:i]...), e...)
				i += k
				at, n, prev = i, n+1, ':'
				continue
			}
		}
		r, size := utf8.DecodeRune(b[i:])
		prev = r
		i += size
	}
	if n == 0 {
		return b, 0
	}
	return append(out, b[at:]...), n
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
