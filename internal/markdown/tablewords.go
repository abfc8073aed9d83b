package markdown

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Printed, a table is no wider than the page: its cells wrap, and a word
// too long for its column must break inside. Breaking anywhere in every
// cell (CSS overflow-wrap: anywhere) lets the browser shrink a column of
// short words to a letter or two, though the table would fit with them
// whole. So the columns whose longest words the page cannot hold are
// marked, widest words first, until the rest fit; the print style breaks
// words anywhere in those columns only.

// printWidth is how many characters of a table's words a printed page
// holds side by side, less the room each column's padding takes
// (cellRoom): Letter or A4 within folio's margins, at the table's size of
// text. It errs on the short side: a column marked that did not need it
// only risks a word broken where it would have fitted.
const (
	printWidth = 66
	cellRoom   = 3
)

// markLongWords gives the cells of the columns that must break their
// words the class long-words.
func markLongWords(table ast.Node, src []byte) {
	var widest []int // by column: the longest word's length in characters
	for row := table.FirstChild(); row != nil; row = row.NextSibling() {
		col := 0
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			if col == len(widest) {
				widest = append(widest, 0)
			}
			widest[col] = max(widest[col], longestWord(cell, src))
			col++
		}
	}
	marked := longColumns(widest)
	for row := table.FirstChild(); row != nil; row = row.NextSibling() {
		col := 0
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			if _, ok := cell.(*east.TableCell); ok && col < len(marked) && marked[col] {
				cell.SetAttributeString("class", []byte("long-words"))
			}
			col++
		}
	}
}

// longColumns returns, given the longest word of each column, the columns
// that must break their words anywhere for the rest to fit.
func longColumns(widest []int) []bool {
	need := 0
	for _, w := range widest {
		need += w + cellRoom
	}
	marked := make([]bool, len(widest))
	for need > printWidth {
		k := -1
		for i, w := range widest {
			if !marked[i] && (k < 0 || w > widest[k]) {
				k = i
			}
		}
		if k < 0 {
			break
		}
		marked[k] = true
		need -= widest[k] - 1 // a column breaking anywhere can be a letter wide
	}
	return marked
}

// htmlTableWords returns the longest word of each column of the HTML
// table that in starts inside (after its start tag), up to its end tag or
// the end of in. The cells of a table within it count for its cell.
func htmlTableWords(in []byte) []int {
	var widest []int
	z := xhtml.NewTokenizer(bytes.NewReader(in))
	depth, col := 0, -1
	var cell wordRun
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return widest
		case xhtml.StartTagToken, xhtml.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "table":
				if tt == xhtml.StartTagToken {
					depth++
				} else if depth--; depth < 0 {
					return widest
				}
			case "tr":
				if depth == 0 {
					col = -1
				}
			case "td", "th":
				if depth == 0 && tt == xhtml.StartTagToken {
					col++
					cell = wordRun{}
					if col == len(widest) {
						widest = append(widest, 0)
					}
				}
			case "br", "p", "div", "li":
				cell.run = 0
			}
		case xhtml.TextToken:
			if col >= 0 {
				cell.read(z.Text())
				widest[col] = max(widest[col], cell.longest)
			}
		}
	}
}

// longestWord returns the length in characters of the longest run of
// text without a space in n (its text, code and link labels together).
func longestWord(n ast.Node, src []byte) int {
	var w wordRun
	var walk func(n ast.Node)
	walk = func(n ast.Node) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				w.read(t.Segment.Value(src))
			case *ast.String:
				w.read(t.Value)
			case *ast.AutoLink:
				w.read(t.Label(src))
			default:
				walk(c)
			}
		}
	}
	walk(n)
	return w.longest
}

// wordRun follows, through text read piece by piece, the run of
// characters without a space, and the longest so far.
type wordRun struct{ run, longest int }

func (w *wordRun) read(text []byte) {
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		if unicode.IsSpace(r) {
			w.run = 0
			continue
		}
		w.run++
		w.longest = max(w.longest, w.run)
	}
}
