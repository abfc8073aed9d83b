package markdown

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"folio/internal/diag"
	"folio/internal/gitbook"
)

// alertRE reads the first line of a block quote that is an alert:
// GitHub's `[!NOTE]`; flexible-alerts' options after a bar
// (`[!NOTE|label:Read this]`); Obsidian's folding sign and title
// (`[!tip]- Before you start`). Groups: the kind, the options, the title.
var alertRE = regexp.MustCompile(`^\[!([A-Za-z]+)((?:\|[^\]\n]*)?)\][-+]?(?:[ \t]+(.*?))?[ \t]*$`)

// alert reads a block quote whose first line names an alert's kind and
// returns the hint that will show it, nil for any other quote. It takes
// the first line out of the quote's first paragraph (a title written
// after the kind becomes the hint's title, a Label the walk of
// pageTransformer then meets), so that the quote's children are the
// hint's once pageTransformer has moved them (swapAlerts). A kind folio
// does not know is a warning, and the quote stays as written, as GitHub
// shows it.
func (d *Doc) alert(q *ast.Blockquote, src []byte) *gitbook.Block {
	p, ok := q.FirstChild().(*ast.Paragraph)
	if !ok || p.Lines().Len() == 0 {
		return nil
	}
	first := p.Lines().At(0)
	line := strings.TrimRight(string(first.Value(src)), "\r\n")
	if !strings.HasPrefix(line, "[!") {
		return nil
	}
	m := alertRE.FindStringSubmatchIndex(line)
	if m == nil {
		return nil
	}
	kind := strings.ToLower(line[m[2]:m[3]])
	style, known := gitbook.AlertStyle(kind)
	if !known {
		style, known = d.alertStyles[kind]
	}
	if !known {
		hint := "GitHub's kinds are NOTE, TIP, IMPORTANT, WARNING and CAUTION"
		if near := gitbook.NearestValue(kind, gitbook.AlertKinds()); near != "" {
			hint = "did you mean [!" + strings.ToUpper(near) + "]? " + hint
		}
		d.reportHint(first.Start, diag.Warning, "alert-kind", "[!"+line[m[2]:m[3]]+"] is not a kind of alert folio knows: the quote is shown as written", hint)
		return nil
	}
	// The nodes of the first line, which must end there: a span that
	// runs on to the next line (`*a` then `b*`) leaves the quote a quote.
	lineEnd := first.Start + len(line)
	var nodes []ast.Node
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		nodes = append(nodes, c)
		if t, ok := c.(*ast.Text); ok && (t.SoftLineBreak() || t.HardLineBreak() || t.Segment.Stop >= lineEnd) {
			break
		}
		if hasLineBreak(c) {
			return nil
		}
	}
	// The title: flexible-alerts' label, or the text after the kind.
	label, hidden := alertOptions(line[m[4]:m[5]])
	if label == "" && m[6] < 0 {
		label = d.alertLabels[kind]
	}
	var title []ast.Node
	markEnd := first.Start + m[1]
	if m[6] >= 0 {
		markEnd = first.Start + m[6]
	}
	for _, c := range nodes {
		if t, ok := c.(*ast.Text); ok {
			t.SetSoftLineBreak(false)
			t.SetHardLineBreak(false)
			if t.Segment.Stop <= markEnd {
				p.RemoveChild(p, c)
				continue
			}
			if t.Segment.Start < markEnd {
				t.Segment = t.Segment.WithStart(markEnd)
			}
			if t.Segment.Stop > lineEnd {
				t.Segment = t.Segment.WithStop(lineEnd)
			}
		}
		p.RemoveChild(p, c)
		title = append(title, c)
	}
	if p.Lines().Len() > 1 {
		rest := text.NewSegments()
		for i := 1; i < p.Lines().Len(); i++ {
			rest.Append(p.Lines().At(i))
		}
		p.SetLines(rest)
	} else {
		q.RemoveChild(q, p)
	}
	switch {
	case label != "" && !hidden:
		l := &gitbook.Label{Role: "hint-title"}
		l.AppendChild(l, ast.NewString([]byte(label)))
		l.SetLines(text.NewSegments())
		l.Lines().Append(text.NewSegment(first.Start, lineEnd))
		q.InsertBefore(q, q.FirstChild(), l)
	case len(title) > 0 && !hidden:
		l := &gitbook.Label{Role: "hint-title"}
		for _, c := range title {
			l.AppendChild(l, c)
		}
		l.SetLines(text.NewSegments())
		l.Lines().Append(text.NewSegment(first.Start+m[6], lineEnd))
		q.InsertBefore(q, q.FirstChild(), l)
	}
	ln, _ := d.lines.pos(first.Start)
	b := gitbook.NewAlert(kind, style, ln, !hidden && label == "" && len(title) == 0)
	if _, ok := gitbook.AlertStyle(kind); !ok {
		// A kind of the book's own is named by its label, not by its
		// style's word (t102: a comment announced as "Success").
		b.Tag.Set("_alert.name", d.alertLabels[kind])
	}
	b.SetPos(q.Pos())
	return b
}

// alertOptions reads flexible-alerts' options, `|label:Read this` and
// `|labelVisibility:hidden`; its others (style, icon, className) change
// only the plugin's own look and are read as nothing.
func alertOptions(opts string) (label string, hidden bool) {
	for _, o := range strings.Split(opts, "|") {
		k, v, _ := strings.Cut(o, ":")
		switch strings.TrimSpace(k) {
		case "label":
			label = strings.TrimSpace(v)
		case "labelVisibility":
			hidden = strings.TrimSpace(v) == "hidden"
		}
	}
	return label, hidden
}

// alertConfig reads the pluginsConfig of HonKit's flexible-alerts plugin
// for a book in language: the label of a kind (text, or text by
// language), and the kinds the book defines, shown in the style their
// className names (`info` when it names none folio knows) and titled
// with their name when no label is given. Its other options (style,
// icon) change only the plugin's own look.
func alertConfig(config map[string]any, language string) (labels, styles map[string]string) {
	pc, _ := config["pluginsConfig"].(map[string]any)
	fa, _ := pc["flexible-alerts"].(map[string]any)
	for k, v := range fa {
		o, ok := v.(map[string]any)
		if !ok {
			continue // "style": "flat"
		}
		kind := strings.ToLower(k)
		label := ""
		switch l := o["label"].(type) {
		case string:
			label = l
		case map[string]any:
			label, _ = l[language].(string)
		}
		if label = strings.TrimSpace(label); label != "" {
			if labels == nil {
				labels = map[string]string{}
			}
			labels[kind] = label
		}
		if _, ok := gitbook.AlertStyle(kind); !ok {
			if label == "" && kind != "" {
				// The plugin titles it with its name.
				if labels == nil {
					labels = map[string]string{}
				}
				r, n := utf8.DecodeRuneInString(kind)
				labels[kind] = string(unicode.ToUpper(r)) + kind[n:]
			}
			class, _ := o["className"].(string)
			style, ok := gitbook.AlertStyle(strings.ToLower(strings.TrimSpace(class)))
			if !ok {
				style = "info"
			}
			if styles == nil {
				styles = map[string]string{}
			}
			styles[kind] = style
		}
	}
	return labels, styles
}

// hasLineBreak reports whether an inline node holds a line's end.
func hasLineBreak(n ast.Node) bool {
	found := false
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering && (t.SoftLineBreak() || t.HardLineBreak()) {
			found = true
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found
}

// swapAlerts puts each alert's hint in place of its quote, the quote's
// children in it.
func swapAlerts(alerts []alertQuote) {
	for _, a := range alerts {
		for c := a.quote.FirstChild(); c != nil; {
			next := c.NextSibling()
			a.hint.AppendChild(a.hint, c)
			c = next
		}
		a.quote.Parent().ReplaceChild(a.quote.Parent(), a.quote, a.hint)
	}
}

// alertQuote is a block quote that is an alert, and the hint that shows it.
type alertQuote struct {
	quote *ast.Blockquote
	hint  *gitbook.Block
}
