package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// quickLinkify is goldmark's linkify parser behind a quick look: goldmark
// calls it at every space of every paragraph, and it then looks for an
// e-mail address in the word that follows. Most words are no link; only
// those that start like a URL or hold an '@' go on to goldmark.
type quickLinkify struct{ inner parser.InlineParser }

func (p quickLinkify) Trigger() []byte { return p.inner.Trigger() }

func (p quickLinkify) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, _ := block.PeekLine()
	if !mayLink(line) {
		return nil
	}
	return p.inner.Parse(parent, block, pc)
}

// mayLink reports whether goldmark's linkify parser could find a link at
// the start of line (after the character that triggered it): a URL
// starts with http:, https:, ftp: or www., and an e-mail address is a run
// of the characters of its local part up to an '@'.
func mayLink(line []byte) bool {
	if len(line) > 0 && bytes.IndexByte([]byte(" *_~("), line[0]) >= 0 {
		line = line[1:]
	}
	for _, p := range [...]string{"http:", "https:", "ftp:", "www."} {
		if bytes.HasPrefix(line, []byte(p)) {
			return true
		}
	}
	for _, c := range line {
		switch {
		case c == '@':
			return true
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			bytes.IndexByte([]byte(".!#$%&'*+/=?^_`{|}~-"), c) >= 0:
		default:
			return false
		}
	}
	return false
}
