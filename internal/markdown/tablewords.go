package markdown

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	xhtml "golang.org/x/net/html"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// Printed, a table is no wider than the page: its cells wrap, and a token
// too long for its column must break inside. Breaking anywhere in every
// cell (CSS overflow-wrap: anywhere) lets the browser shrink a column of
// short words to a letter or two ("Cha|mp"), though the table would fit
// with them whole. So only what has no place to wrap and no business being
// whole, a token (an identifier, a UUID, a URL, code), may break anywhere:
// the columns whose tokens the page cannot hold are found, widest tokens
// first, until the rest fit, and in them the body cells holding such a
// token are marked long-words; the print style breaks words anywhere in
// those cells only. Header cells are never marked: a header is words.

// printWidth is how many characters of a table's words a printed page
// holds side by side, less the room each column's padding and border take
// (cellRoom): A4, the narrower of A4 and Letter, within folio's print
// margins is 178 mm (504 pt), and the table's 10 pt text averages a little
// over 5 pt a character in the usual fonts (DejaVu Sans is among the
// widest), code as prose; a cell's padding is 18 pt. A guess a
// little short marks a token that would have fitted; a little long, a
// table a little wider than the page, whose words break where they cross
// the edge of their cell (overflow-wrap: break-word) rather than nowhere.
const (
	printWidth = 96
	cellRoom   = 4
)

// markLongWords gives the body cells that must break their tokens the
// class long-words.
func markLongWords(table ast.Node, src []byte) {
	var heads, words, tokens []int // by column: the longest header word, word and token in characters
	for row := table.FirstChild(); row != nil; row = row.NextSibling() {
		_, header := row.(*east.TableHeader)
		col := 0
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			if col == len(words) {
				heads, words, tokens = append(heads, 0), append(words, 0), append(tokens, 0)
			}
			w := cellWords(cell, src)
			if header {
				// A header's words stay whole, whatever they look like.
				w.word = max(w.word, w.token)
				w.token = 0
				heads[col] = max(heads[col], w.word)
			}
			words[col] = max(words[col], w.word)
			tokens[col] = max(tokens[col], w.token)
			col++
		}
	}
	marked, anyWord := fitColumns(heads, words, tokens)
	for row := table.FirstChild(); row != nil; row = row.NextSibling() {
		if _, header := row.(*east.TableHeader); header {
			continue
		}
		col := 0
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			if _, ok := cell.(*east.TableCell); ok && col < len(marked) && marked[col] {
				if anyWord[col] || cellWords(cell, src).token > words[col] {
					cell.SetAttributeString("class", []byte("long-words"))
				}
			}
			col++
		}
	}
}

// longColumns returns, given the longest word of each column, the columns
// that must break their words anywhere for the rest to fit. It is for
// raw HTML tables, whose words are not told from tokens.
func longColumns(widest []int) []bool {
	none := make([]int, len(widest))
	marked, _ := fitColumns(none, none, widest)
	return marked
}

// fitColumns returns, given each column's longest header word, word and
// token, the columns that must break their tokens for the table to fit the
// page, widest tokens first; a column so marked is as wide as its longest
// word. Only when that is not enough are the body cells of columns of
// words marked too (anyWord), widest words first, down to their header's: a table cut off at the page's edge loses more than
// a word broken, and a column of prose, which the browser gives room in
// proportion to its text, is not squeezed to a letter a line as a column
// of short words would be.
func fitColumns(heads, words, tokens []int) (marked, anyWord []bool) {
	need := 0
	for i := range words {
		need += max(words[i], tokens[i]) + cellRoom
	}
	marked, anyWord = make([]bool, len(words)), make([]bool, len(words))
	for need > printWidth {
		k := -1
		for i := range tokens {
			if !marked[i] && tokens[i] > words[i] && (k < 0 || tokens[i] > tokens[k]) {
				k = i
			}
		}
		if k < 0 {
			break
		}
		marked[k] = true
		need -= tokens[k] - words[k]
	}
	// Words break only in a table clearly too wide: the estimate is rough,
	// and a table a little over it most often fits, its columns of prose
	// wrapping into more lines.
	if need <= printWidth+printWidth/5 {
		return marked, anyWord
	}
	for need > printWidth {
		k := -1
		for i := range words {
			if !anyWord[i] && (k < 0 || words[i] > words[k]) {
				k = i
			}
		}
		if k < 0 || words[k] <= heads[k] {
			break
		}
		marked[k], anyWord[k] = true, true
		need -= words[k] - heads[k] // its header's words stay whole
	}
	return marked, anyWord
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

// cellWords returns the longest word and the longest token of cell n (its
// text, code and link labels together).
func cellWords(n ast.Node, src []byte) wordRun {
	var w wordRun
	var walk func(n ast.Node, code bool)
	walk = func(n ast.Node, code bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch t := c.(type) {
			case *ast.Text:
				w.readAs(t.Segment.Value(src), code)
			case *ast.String:
				w.readAs(t.Value, code)
			case *ast.AutoLink:
				w.readAs(t.Label(src), true)
			case *ast.CodeSpan:
				walk(c, true)
			default:
				walk(c, code)
			}
		}
	}
	walk(n, false)
	w.end()
	return w
}

// wordRun follows, through text read piece by piece, the run of
// characters without a space, and the longest word and token so far. A
// token is a run that is code, or that reads as an identifier, a number
// with letters, a URL or a path: letters and digits mixed, a lower-case
// letter before a capital (camelCase), or a sign (_ / . : = @ …) between
// letters or digits. Other runs are words, which a reader expects whole.
type wordRun struct {
	run, longest   int
	word, token    int
	code           bool
	letter, digit  bool
	lower, camel   bool
	sign, interior bool
}

// shortToken is the length up to which a token is kept whole, as a word
// is: `marketing`, v1.2.3 or a short date cost little room, and split they
// read as two words.
//
// longestWord is the length past which a run of letters is no word a
// reader expects whole (German compounds are broken in print anyway).
const (
	shortToken  = 12
	longestWord = 30
)

func (w *wordRun) read(text []byte) { w.readAs(text, false) }

func (w *wordRun) readAs(text []byte, code bool) {
	for len(text) > 0 {
		r, size := utf8.DecodeRune(text)
		text = text[size:]
		if unicode.IsSpace(r) {
			w.end()
			continue
		}
		w.run++
		w.longest = max(w.longest, w.run)
		w.code = w.code || code
		switch {
		case unicode.IsLetter(r) || unicode.IsMark(r):
			w.interior = w.interior || w.sign
			w.camel = w.camel || w.lower && unicode.IsUpper(r)
			w.lower = unicode.IsLower(r)
			w.letter = true
		case unicode.IsDigit(r):
			w.interior = w.interior || w.sign
			w.digit = true
		case r == '\'' || r == '’' || r == '-' || r == '‑':
			// l'enregistrement, well-known: words, and a hyphen is a
			// place to wrap already.
		default:
			w.sign = w.letter || w.digit
		}
	}
}

// end closes the run read so far.
func (w *wordRun) end() {
	if w.run > 0 {
		if w.run > shortToken && (w.code || w.camel || w.interior || w.letter && w.digit || w.run > longestWord) {
			w.token = max(w.token, w.run)
		} else {
			w.word = max(w.word, w.run)
		}
	}
	*w = wordRun{longest: w.longest, word: w.word, token: w.token}
}
