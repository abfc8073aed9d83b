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
// of up to 64 characters of its local part, then an '@'.
func mayLink(line []byte) bool {
	if len(line) > 0 && linkTrigger[line[0]] {
		line = line[1:]
	}
	if len(line) == 0 {
		return false
	}
	switch line[0] {
	case 'h':
		if bytes.HasPrefix(line, []byte("http:")) || bytes.HasPrefix(line, []byte("https:")) {
			return true
		}
	case 'f':
		if bytes.HasPrefix(line, []byte("ftp:")) {
			return true
		}
	case 'w':
		if bytes.HasPrefix(line, []byte("www.")) {
			return true
		}
	}
	// goldmark reads at most 64 characters of local part. Most words end
	// at a space, which no local part holds: the scan stops there.
	for i := 0; i < len(line) && i <= 64; i++ {
		if line[i] == '@' {
			return i > 0
		}
		if !emailLocal[line[i]] {
			return false
		}
	}
	return false
}

var linkTrigger, emailLocal [256]bool

func init() {
	for _, c := range []byte(" *_~(") {
		linkTrigger[c] = true
	}
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.!#$%&'*+/=?^_`{|}~-") {
		emailLocal[c] = true
	}
}
