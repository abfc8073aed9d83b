package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"folio/internal/gitbook"
)

// maxHighlight bounds the code chroma highlights. Its lexers are regular
// expressions with backtracking; past this size the code is shown plain so
// a huge or hostile block cannot slow the build down.
const maxHighlight = 64 << 10

// codeLines returns the text of a code block, with the leading U+200C some
// GitBook exports put before the first character removed (a real ZWNJ never
// starts a text).
func codeLines(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	l := n.Lines()
	for i := 0; i < l.Len(); i++ {
		s := l.At(i)
		b.Write(s.Value(src))
	}
	return bytes.TrimPrefix(b.Bytes(), []byte("\u200c"))
}

// fenceLang returns the language of a fence: the first word of its info
// string, lower-cased.
func fenceLang(n *ast.FencedCodeBlock, src []byte) string {
	if n.Info == nil {
		return ""
	}
	info := n.Info.Segment.Value(src)
	if i := bytes.IndexAny(info, " \t{"); i >= 0 {
		info = info[:i]
	}
	return strings.ToLower(string(util.UnescapePunctuations(info)))
}

// fenceTitleRE reads the file name other tools write after a fence's
// language: title="app.js" (Docusaurus, Material for MkDocs),
// filename="app.js" (Nextra), [app.js] (VitePress).
var fenceTitleRE = regexp.MustCompile(`^\S+\s+(?:.*\s)?(?:(?:title|filename)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'{}]+))|\[([^\]]+)\])`)

// fenceTitle is the title a fence's info string gives its code, "" if
// none.
func fenceTitle(n *ast.FencedCodeBlock, src []byte) string {
	if n.Info == nil {
		return ""
	}
	m := fenceTitleRE.FindSubmatch(n.Info.Segment.Value(src))
	if m == nil {
		return ""
	}
	return strings.TrimSpace(string(bytes.Join(m[1:], nil)))
}

// langClass keeps the characters of a language name that are safe in a
// class name.
func langClass(lang string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '+' || r == '#' {
			return r
		}
		return -1
	}, lang)
}

func (r *nodeRenderer) renderFencedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	// A Mermaid diagram, drawn at parse time (diagram.go).
	if f, ok := n.AttributeString(diagramHTML); ok {
		f.(*figure).write(w, n)
		return ast.WalkSkipChildren, nil
	}
	lang := fenceLang(n, src)
	code := codeLines(n, src)
	if lang == "mermaid" {
		mermaidSource(string(code)).write(w, n)
		return ast.WalkSkipChildren, nil
	}
	title := ""
	if v, ok := n.AttributeString("data-title"); ok {
		title, _ = v.(string)
	}
	// A fence in a {% code %} block is already wrapped; others get the same
	// box so the copy button and the file label have a place.
	wrapped := false
	if b, ok := n.Parent().(*gitbook.Block); ok && b.Tag.Name == "code" {
		wrapped = true
	}
	if !wrapped {
		_, _ = w.WriteString(`<div class="code-block">`)
		if title != "" {
			_, _ = w.WriteString(`<p class="code-title">` + html.EscapeString(title) + `</p>`)
		}
	}
	writeHighlighted(w, lang, code)
	if !wrapped {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) renderIndentedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<div class="code-block">`)
		writeHighlighted(w, "", codeLines(node, src))
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkSkipChildren, nil
}

// highlights holds the HTML of every code block highlighted in this
// process, keyed by what the HTML depends on: the language and the code.
// A block that repeats, in the pages of a translated book or in the
// rebuilds of `folio serve`, is lexed once. Being keyed by content, an
// entry is right for any page and any build, so the cache is shared by
// every Converter. It is emptied when it holds more than highlightCacheBytes
// bytes of code and HTML, which bounds it in a long `folio serve`.
var highlights struct {
	sync.RWMutex
	m    map[string][]byte
	size int
}

const highlightCacheBytes = 64 << 20

// writeHighlighted writes code as <pre><code>, one <span class="line"> per
// line (for line numbers), with chroma's token classes. The theme colours
// the classes for light and dark mode, so no style is inlined.
func writeHighlighted(w util.BufWriter, lang string, code []byte) {
	key := lang + "\x00" + string(code)
	highlights.RLock()
	h, ok := highlights.m[key]
	highlights.RUnlock()
	if !ok {
		h = highlight(lang, code)
		highlights.Lock()
		if highlights.m == nil || highlights.size > highlightCacheBytes {
			highlights.m, highlights.size = map[string][]byte{}, 0
		}
		highlights.m[key] = h
		highlights.size += len(key) + len(h)
		highlights.Unlock()
	}
	_, _ = w.Write(h)
}

func highlight(lang string, code []byte) []byte {
	var lexer chroma.Lexer
	if lang != "" && len(code) <= maxHighlight {
		lexer = lexers.Get(lang)
	}
	var tokens []chroma.Token
	if lexer != nil {
		it, err := chroma.Coalesce(lexer).Tokenise(nil, string(code))
		if err == nil {
			tokens = it.Tokens()
		}
	}
	if tokens == nil {
		tokens = []chroma.Token{{Type: chroma.Text, Value: string(code)}}
	}
	return writeTokens(lang, tokens, len(code))
}

// writeTokens writes highlighted code from its tokens; size is the length
// of the code, for the buffer.
func writeTokens(lang string, tokens []chroma.Token, size int) []byte {
	var w bytes.Buffer
	w.Grow(size * 3)
	class := "chroma"
	if lc := langClass(lang); lc != "" {
		class += " language-" + lc
	}
	// tabindex: a line wider than the column scrolls the block sideways,
	// and keyboard users can only scroll what takes focus.
	w.WriteString(`<pre class="` + class + `" tabindex="0"><code>`)
	for _, line := range chroma.SplitTokensIntoLines(tokens) {
		w.WriteString(`<span class="line">`)
		nl := false
		for _, t := range line {
			v := t.Value
			if strings.HasSuffix(v, "\n") {
				v, nl = v[:len(v)-1], true
			}
			if v == "" {
				continue
			}
			if c := tokenClass(t.Type); c != "" {
				w.WriteString(`<span class="` + c + `">` + html.EscapeString(v) + `</span>`)
			} else {
				w.WriteString(html.EscapeString(v))
			}
		}
		w.WriteString("</span>")
		if nl {
			w.WriteByte('\n')
		}
	}
	w.WriteString("</code></pre>")
	return bytes.Clone(w.Bytes()) // without the spare capacity the cache would keep
}

// tokenClass returns chroma's short class name of a token type, falling
// back to its category (chroma's HTML formatter does the same).
func tokenClass(t chroma.TokenType) string {
	if t == chroma.Text || t == chroma.TextWhitespace {
		return ""
	}
	for _, c := range [...]chroma.TokenType{t, t.SubCategory(), t.Category()} {
		if s, ok := chroma.StandardTypes[c]; ok && s != "" {
			return s
		}
	}
	return ""
}
