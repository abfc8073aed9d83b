package markdown

import (
	"bytes"
	"regexp"
	"sort"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"folio/internal/diag"
	"folio/internal/suggest"
)

// fullRefRE matches a full or collapsed reference, [text][label] or
// [text][]: text without brackets (escaped ones allowed), a label
// without them.
var fullRefRE = regexp.MustCompile(`\[((?:[^\[\]\\\n]|\\.)+)\]\[([^\[\]]*)\]`)

// codeTags are the inline HTML elements whose text is code, not prose.
var codeTags = map[string]bool{"code": true, "kbd": true, "samp": true}

// undefinedRefs tells a reference link whose label no definition gives,
// [text][label] or [text][]: Markdown shows it as written, brackets and
// all, where the author meant a link (t47). A shortcut, [text] alone, is
// not told: brackets in prose are common. The brackets must be text of
// the block, outside code, links and HTML, and not follow a letter or a
// closing parenthesis (a[i][j] and f()[0][1] are indexes).
func (t *transform) undefinedRefs(n ast.Node) {
	lines := n.Lines()
	if lines.Len() == 0 {
		return
	}
	from, to := lines.At(0).Start, lines.At(lines.Len()-1).Stop
	refs, notes := bytes.Contains(t.src[from:to], []byte("][")), bytes.Contains(t.src[from:to], []byte("[^"))
	if !refs && !notes {
		return // most blocks
	}
	var spans [][2]int // the block's own text, in source order
	code := 0          // within raw <code>, <kbd> or <samp> (t54)
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			if code == 0 {
				spans = append(spans, [2]int{c.Segment.Start, c.Segment.Stop})
			}
		case *ast.RawHTML:
			raw := rawText(c, t.src)
			switch {
			case len(raw) > 1 && raw[1] == '/' && codeTags[endTagName(raw)]:
				code = max(code-1, 0)
			case len(raw) > 1 && raw[1] != '/' && codeTags[tagName(raw)]:
				code++
			}
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan, *ast.Link, *ast.Image, *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	inText := func(i int) bool {
		k := sort.Search(len(spans), func(k int) bool { return spans[k][1] > i })
		return k < len(spans) && spans[k][0] <= i
	}
	for _, seg := range lines.Sliced(0, lines.Len()) {
		line := t.src[seg.Start:seg.Stop]
		if notes {
			for _, m := range footnoteRefRE.FindAllSubmatchIndex(line, -1) {
				s, e := seg.Start+m[0], seg.Start+m[1]-1
				if inText(s) && inText(s+1) && inText(e) && (s == 0 || t.src[s-1] != '\\') {
					t.footnotes = append(t.footnotes, undefinedNote{string(line[m[2]:m[3]]), s})
				}
			}
		}
		if !refs {
			continue
		}
		for _, m := range fullRefRE.FindAllSubmatchIndex(line, -1) {
			s, mid, e := seg.Start+m[0], seg.Start+m[3], seg.Start+m[1]-1
			if !inText(s) || !inText(mid) || !inText(mid+1) || !inText(e) {
				continue
			}
			if s > 0 {
				// A ) of the text ends a call, f()[0][1]; a link's does not
				// (t55: [docs](url)[more][nolabel]).
				if b := t.src[s-1]; b == '\\' || b == ']' || b == ')' && inText(s-1) || util.IsAlphaNumeric(b) || b >= 0x80 {
					continue
				}
			}
			text, label := line[m[2]:m[3]], line[m[4]:m[5]]
			if len(label) == 0 {
				label = text
			}
			if len(label) > 0 && label[0] == '^' {
				continue // a footnote's reference
			}
			what, at := "link", s
			if s > 0 && t.src[s-1] == '!' {
				what, at = "image", s-1
			}
			hint := "define it on a line of its own: [" + string(label) + "]: https://…"
			if near := t.nearestRef(string(label)); near != "" {
				hint = "did you mean [" + near + "]?"
			}
			t.d.reportHint(at, diag.Warning, "link-reference",
				"["+string(label)+"] is not defined: this "+what+" is shown as written, brackets and all", hint)
		}
	}
}

// footnoteRefRE matches a footnote's reference, [^label]: one that is
// still text is undefined, goldmark makes a defined one a link.
var footnoteRefRE = regexp.MustCompile(`\[\^([^\]\s]+)\]`)

// undefinedNote is a footnote reference no definition gives: its label
// and where it is.
type undefinedNote struct {
	label string
	at    int
}

// undefinedFootnotes tells the footnote references that no definition
// gives, [^label]: Markdown shows them as written, and the note the
// author meant is nowhere (t57). A near label of a definition is named.
// The page's definitions are known once its whole tree has been walked.
func (t *transform) undefinedFootnotes() {
	for i, n := range t.footnotes {
		if i == diag.PerRule {
			break
		}
		hint := "define it on a line of its own: [^" + n.label + "]: the note"
		if k := nearestLabel(n.label, t.noteLabels); k >= 0 {
			hint = "did you mean [^" + t.noteLabels[k] + "]?"
		}
		t.d.reportHint(n.at, diag.Warning, "link-reference", "[^"+n.label+"] is not defined: this footnote reference is shown as written, and no note goes with it", hint)
	}
}

// nearestRef is the defined reference label nearest to label, "" when
// none is near enough to be a typo of it. Only the page's first
// diag.PerRule undefined labels, which the page shows, are looked for:
// each look reads every label (t54: 10,000 of each took 14 s).
func (t *transform) nearestRef(label string) string {
	if t.refHints >= diag.PerRule {
		return ""
	}
	t.refHints++
	if t.refNames == nil {
		// Asked only here: goldmark makes the list for each call.
		t.refs = t.pc.References()
		t.refNames = make([]string, len(t.refs))
		for i, r := range t.refs {
			t.refNames[i] = string(util.ToLinkReference(r.Label()))
		}
	}
	if k := nearestLabel(string(util.ToLinkReference([]byte(label))), t.refNames); k >= 0 {
		return string(t.refs[k].Label())
	}
	return ""
}

// nearestLabel is the index of the label of labels nearest to want, near
// enough to be a typo of it (a third of its length), -1 if none.
func nearestLabel(want string, labels []string) int {
	best, bestD := -1, len(want)/3+1
	for i, name := range labels {
		if d := suggest.EditDistanceAtMost(want, name, bestD-1); d < bestD {
			best, bestD = i, d
		}
	}
	return best
}
