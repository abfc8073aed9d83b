package markdown

import (
	emojiast "github.com/yuin/goldmark-emoji/ast"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Emoji shortcodes (":tada:") are read by package shortcode, the same way
// in the pages and in SUMMARY.md's titles.

// renderEmoji writes an emoji as its characters, as folio did before it
// read shortcodes with goldmark-emoji.
func (r *nodeRenderer) renderEmoji(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(string(node.(*emojiast.Emoji).Value.Unicode))
	}
	return ast.WalkContinue, nil
}
