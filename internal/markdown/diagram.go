package markdown

import (
	"bytes"
	"errors"
	"html"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"folio/internal/diag"
	"folio/internal/diagram"
	"folio/internal/gitbook"
)

// Mermaid diagrams (```mermaid fences and GitBook's
// {% @mermaid/diagram content="…" %} blocks) are drawn at parse time, so
// that a diagram that does not draw is a diagnostic at its line, `folio
// check` reports it, and Render stays pure. The page's HTML for each one is
// kept on its fence (the diagramHTML attribute) and written by
// renderFencedCode; a GitBook block is replaced by such a fence.

// diagramHTML is the attribute of a mermaid fence that holds its HTML, a
// *figure.
const diagramHTML = "folio-diagram"

// figure is the HTML of a diagram around its one word for readers, which
// Localise gives in the page's language: the toggle that shows the source
// of a drawing, or the caption of a source shown as it is. A drawing's
// text alternative starts with the English name of its kind (kindName, at
// kindAt in head) and, when the title or labels follow, the English
// separator (sep: diagram.Separator), which the page's language replaces
// too, as it replaces the placeholder in the box of each ER entity
// without attributes (diagram.NoAttributes, at noAttrsAt in head): the
// drawing is cached by its source, so it cannot hold the language.
type figure struct {
	head, tail []byte
	word       string // the key of the word
	kind       string // the key of the kind's name, "" if the label has none
	kindName   string // the kind's name in English, as head holds it
	sep        string // the separator after kindName, as head holds it, "" if none
	kindAt     int    // where kindName starts in head
	noAttrsAt  []int  // where each diagram.NoAttributes starts in head, after kindAt
}

// wordAttr is the attribute of a node that holds the word it prints, in
// the page's language (see Localise); kindAttr holds the name of a
// drawing's kind, and sepAttr the separator after it.
const (
	wordAttr = "folio-word"
	kindAttr = "folio-kind-word"
	sepAttr  = "folio-kind-sep"
	// noAttrsAttr holds the word for diagram.NoAttributes.
	noAttrsAttr = "folio-no-attributes"
)

// sepKey is the key of the theme string that separates a drawing's kind
// from its title or labels in its text alternative.
const sepKey = "diagram_label_separator"

// noAttrsKey is the key of the theme string for diagram.NoAttributes, the
// placeholder of an ER entity without attributes.
const noAttrsKey = "diagram_er_no_attributes"

// noAttrsText is diagram.NoAttributes as a drawing holds it, after
// noAttrsLead: the renderer's italic <text>, not an entity or a
// relationship named so.
const (
	noAttrsLead = ` font-style="italic">`
	noAttrsText = noAttrsLead + diagram.NoAttributes + `</text>`
)

// kindKeys are the keys of the theme strings that name each kind of
// drawing in its text alternative.
var kindKeys = map[string]string{
	diagram.Flowchart: "diagram_flowchart",
	diagram.Sequence:  "diagram_sequence",
	diagram.State:     "diagram_state",
	diagram.Class:     "diagram_class",
	diagram.ER:        "diagram_er",
	diagram.XYChart:   "diagram_chart",
	diagram.C4:        "diagram_c4",
}

// english are the words Markdown and its extensions print for readers, by
// the key of the theme string that gives them in another language.
var english = map[string]string{
	"mermaid_diagram":    "Mermaid diagram",
	"mermaid_source":     "Mermaid source",
	"task_done":          "done",
	"task_todo":          "to do",
	"checkbox_yes":       "yes",
	"checkbox_no":        "no",
	"footnote_backref":   "Back to content",
	"footnote_backref_n": "Back to reference {n}",
	"footnotes":          "Footnotes",
	"size_bytes":         "{n} B",
	"size_kb":            "{n} kB",
	"size_mb":            "{n} MB",
	"size_gb":            "{n} GB",
	"decimal_separator":  ".",
	sepKey:               diagram.Separator,
	noAttrsKey:           diagram.NoAttributes,
}

// word returns what node prints for key: the word Localise gave it, or
// the English.
func word(n ast.Node, key string) string {
	if v, ok := n.AttributeString(wordAttr); ok {
		if s, _ := v.(string); s != "" {
			return s
		}
	}
	return english[key]
}

// diagramTransformer draws the page's diagrams. It runs after
// contentTransformer, which counts them.
type diagramTransformer struct{}

func (diagramTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	d, _ := pc.Get(docKey).(*Doc)
	// The renderer is started by the first diagram: a page without one
	// costs two look-ups, not a walk of its tree. contentTransformer
	// counted the diagrams as this walk finds them, a fence by fenceLang
	// (```Mermaid is one: a search of the text for "mermaid" missed it).
	if d == nil || d.Constructs["mermaid"]+d.Constructs["@mermaid/diagram"] == 0 {
		return
	}
	src := reader.Source()
	var found []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			if fenceLang(n, src) == "mermaid" {
				found = append(found, n)
			}
			return ast.WalkSkipChildren, nil
		case *gitbook.Block:
			if n.Tag.Name == "@mermaid/diagram" {
				found = append(found, n)
				return ast.WalkSkipChildren, nil
			}
		}
		return ast.WalkContinue, nil
	})
	for i, n := range found {
		// Each diagram's ids start with its own prefix: two diagrams on a
		// page would otherwise share their arrow heads' ids.
		prefix := "mermaid-" + strconv.Itoa(i+1) + "-"
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			code := codeLines(n, src)
			lines := n.Lines()
			at := func(line int) int { // the byte offset of a line of the diagram
				if line < 1 || line > lines.Len() {
					line = 1
				}
				if lines.Len() == 0 {
					return n.Pos()
				}
				return lines.At(line - 1).Start
			}
			n.SetAttributeString(diagramHTML, d.drawDiagram(string(code), prefix, at))
		case *gitbook.Block:
			v, _ := n.Tag.Get("content")
			code := strings.ReplaceAll(v, `\n`, "\n")
			pos := n.Pos()
			if n.Line >= 1 && n.Line <= len(d.lines.starts) {
				pos = d.lines.offset(n.Line, n.Col())
			}
			// The block's content is an attribute: its lines are not lines
			// of the page, so problems are reported at the tag.
			f := ast.NewFencedCodeBlock(nil)
			f.SetAttributeString(diagramHTML, d.drawDiagram(code, prefix, func(int) int { return pos }))
			n.Parent().ReplaceChild(n.Parent(), n, f)
		}
	}
}

// drawDiagram returns the HTML of a diagram: the drawing with a "show
// source" toggle, or its source when it does not draw, with a diagnostic
// at(line) for the line of the diagram concerned.
func (d *Doc) drawDiagram(code, prefix string, at func(line int) int) *figure {
	dg, err := diagram.Draw(code)
	if err != nil {
		var syn *diagram.SyntaxError
		var unsup *diagram.UnsupportedError
		switch {
		case errors.As(err, &unsup):
			d.report(at(1), diag.Info, "mermaid", unsup.Error()+" at build time; the page loads the mermaid script to draw it")
			d.MermaidClient++
			return mermaidClient(unsup.Type, code)
		case errors.As(err, &syn):
			d.report(at(syn.Line), diag.Warning, "mermaid", "Mermaid diagram not drawn: "+syn.Msg+"; the source is shown")
		default:
			d.report(at(1), diag.Warning, "mermaid", "Mermaid diagram not drawn: "+err.Error()+"; the source is shown")
		}
		return mermaidSource(code)
	}
	for i, f := range dg.Ignored {
		line := 1
		if i < len(dg.IgnoredAt) {
			line = dg.IgnoredAt[i] // where the source first uses it
		}
		d.report(at(line), diag.Info, "mermaid", "Mermaid "+f+" is not drawn by folio")
	}
	var b bytes.Buffer
	b.WriteString(`<figure class="diagram diagram-mermaid" data-diagram="` + dg.Kind + `">`)
	if dg.Title != "" {
		b.WriteString(`<figcaption class="diagram-title">` + html.EscapeString(dg.Title) + `</figcaption>`)
	}
	// tabindex: a drawing wider than a phone scrolls in its box, and
	// keyboard users can only scroll what takes focus.
	b.WriteString(`<div class="diagram-drawing" tabindex="0">`)
	svgAt := b.Len()
	b.WriteString(dg.SVG(prefix))
	b.WriteString(`</div><details class="diagram-source"><summary>`)
	f := &figure{head: bytes.Clone(b.Bytes()), word: "mermaid_source"}
	if key := kindKeys[dg.Kind]; key != "" && dg.KindName != "" {
		// The root <svg>'s label is the first in the drawing.
		at := ` aria-label="`
		if i := bytes.Index(f.head[svgAt:], []byte(at+html.EscapeString(dg.KindName))); i >= 0 {
			f.kind, f.kindName, f.kindAt = key, html.EscapeString(dg.KindName), svgAt+i+len(at)
			if sep := html.EscapeString(diagram.Separator); bytes.HasPrefix(f.head[f.kindAt+len(f.kindName):], []byte(sep)) {
				f.sep = sep
			}
		}
	}
	if dg.Kind == diagram.ER {
		// Found once: write puts the page's word in their place.
		for at := svgAt; ; {
			i := bytes.Index(f.head[at:], []byte(noAttrsText))
			if i < 0 {
				break
			}
			f.noAttrsAt = append(f.noAttrsAt, at+i+len(noAttrsLead))
			at += i + len(noAttrsText)
		}
	}
	b.Reset()
	b.WriteString(`</summary><pre class="language-mermaid" tabindex="0"><code>`)
	b.WriteString(html.EscapeString(code))
	b.WriteString("</code></pre></details></figure>\n")
	f.tail = bytes.Clone(b.Bytes())
	return f
}

// mermaidSource is the HTML of a diagram shown as its labelled source.
func mermaidSource(code string) *figure {
	return &figure{
		head: []byte(`<figure class="diagram diagram-mermaid"><figcaption class="diagram-label">`),
		tail: []byte(`</figcaption><pre class="language-mermaid" tabindex="0"><code>` + html.EscapeString(code) + "</code></pre></figure>\n"),
		word: "mermaid_diagram",
	}
}

// mermaidClient is the HTML of a diagram of a type folio does not draw: its
// labelled source, which the mermaid script replaces by a drawing in the
// browser. The script reads the text of each pre.mermaid, so the source
// is not in a <code>; only these blocks have that class, so the script
// leaves the sources of diagrams with errors alone.
func mermaidClient(kind, code string) *figure {
	return &figure{
		head: []byte(`<figure class="diagram diagram-mermaid diagram-client" data-diagram="` + html.EscapeString(kind) + `"><figcaption class="diagram-label">`),
		tail: []byte(`</figcaption><pre class="mermaid language-mermaid" tabindex="0">` + html.EscapeString(code) + "</pre></figure>\n"),
		word: "mermaid_diagram",
	}
}

// localise gives n, the fence that holds the figure, the words of the
// page's language (the theme's strings by key) for write: a word words
// lacks, or leaves empty, stays in English.
func (f *figure) localise(n ast.Node, words map[string]string) {
	if v := words[f.word]; v != "" {
		n.SetAttributeString(wordAttr, v)
	}
	if v := words[noAttrsKey]; len(f.noAttrsAt) > 0 && v != "" {
		n.SetAttributeString(noAttrsAttr, v)
	}
	if f.kind == "" {
		return
	}
	if v := words[f.kind]; v != "" {
		n.SetAttributeString(kindAttr, v)
	}
	if v := words[sepKey]; f.sep != "" && v != "" {
		n.SetAttributeString(sepAttr, v)
	}
}

// write writes the figure with its words, as Localise gave them to n.
func (f *figure) write(w util.BufWriter, n ast.Node) {
	head := f.head
	done := 0 // the bytes of head written
	if f.kind != "" {
		name, sep := f.kindName, f.sep
		if v, ok := n.AttributeString(kindAttr); ok {
			if s := html.EscapeString(v.(string)); s != "" {
				name = s
			}
		}
		if v, ok := n.AttributeString(sepAttr); ok && sep != "" {
			if s := html.EscapeString(v.(string)); s != "" {
				sep = s
			}
		}
		if name != f.kindName || sep != f.sep {
			_, _ = w.Write(head[:f.kindAt])
			_, _ = w.WriteString(name)
			_, _ = w.WriteString(sep)
			done = f.kindAt + len(f.kindName) + len(f.sep)
		}
	}
	if v, ok := n.AttributeString(noAttrsAttr); ok && len(f.noAttrsAt) > 0 {
		// The placeholders are in the drawing, after its root's label.
		if s := html.EscapeString(v.(string)); s != "" {
			for _, at := range f.noAttrsAt {
				_, _ = w.Write(head[done:at])
				_, _ = w.WriteString(s)
				done = at + len(diagram.NoAttributes)
			}
		}
	}
	_, _ = w.Write(head[done:])
	_, _ = w.WriteString(html.EscapeString(word(n, f.word)))
	_, _ = w.Write(f.tail)
}
