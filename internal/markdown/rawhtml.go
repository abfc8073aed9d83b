package markdown

import (
	"bytes"
	"cmp"
	"fmt"
	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"html"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"

	"folio/internal/diag"
	"folio/internal/gitbook"
	"folio/internal/htmlname"
	"folio/internal/shortcode"
)

// segment is a byte range of the page source.
type segment struct{ start, stop int }

// urlAttrs are the attributes whose values are links or resources.
var urlAttrs = map[string]bool{"href": true, "src": true, "srcset": true, "poster": true}

// rewriteHTML tokenizes the raw HTML made of segs, reports every URL
// attribute to fn and rewrites it as fn's resolution says. It also adds
// loading="lazy" and known dimensions to images, and wraps tables in a box
// that scrolls on narrow screens. Text and tags without URLs are copied as
// they are. It reports whether the output differs from the input, and
// returns the title of the page an `<a data-mention>` start tag points
// at, so that the caller can replace the link text (a file name
// placeholder) with it. st is the block's state (Doc.rawState).
func rewriteHTML(d *Doc, st *rawState, node ast.Node, segs []segment, fn func(Ref, func(Resolution)), rewrite bool) ([]byte, bool, string) {
	mention := ""
	skipIcon := 0       // inside <i class="fa-…">: its ":name:" text is dropped
	skipLink := false   // inside a card cover link shown as its image
	skipSelect := false // inside a select column's <select> in a header cell: its options are read, not shown
	pendingText := false
	var expr *exprState // inside <code class="expression">
	inCode := 0         // inside <code>, <pre>, <kbd> or <samp>: shortcodes stay as written
	codeBoxes := 0      // open <div class="code-block"> around titled <pre>
	summaryAt := -1     // where the text of an open <summary> starts in out
	summaryPos := 0     // and where its tag is in in
	var tbl tableCols
	tables := 0 // opened in this piece of HTML
	var in []byte
	offs := make([]int, 0, len(segs)) // start of each segment within in
	for _, s := range segs {
		offs = append(offs, len(in))
		in = append(in, d.Source[s.start:s.stop]...)
	}
	pageOff := func(i int) int { // offset in in → offset in the page
		k := len(offs) - 1
		for k > 0 && offs[k] > i {
			k--
		}
		if k < 0 {
			return 0
		}
		return segs[k].start + i - offs[k]
	}
	// What the allowlist does not admit goes before anything is rewritten
	// or resolved: a removed src is not a reference to check, and folio's
	// own markup (icons, code boxes) is not the author's to judge.
	var at []offsetPair
	changed := false
	if !d.trustHTML {
		if clean, pairs, ok := d.sanitizeRaw(st, in, pageOff, rewrite); ok {
			in, at, changed = clean, pairs, true
		}
	}
	srcOff := func(i int) int {
		if at != nil {
			i = inputOffset(at, i)
		}
		return pageOff(i)
	}

	var out bytes.Buffer
	next, token := htmlTokens(in)
	pos := 0
	for {
		tt, raw := next()
		if tt == xhtml.ErrorToken {
			break
		}
		start := pos
		pos += len(raw)
		if skipLink {
			if tt == xhtml.EndTagToken && endTagName(raw) == "a" {
				skipLink = false
			}
			continue
		}
		if skipSelect {
			switch {
			case tt == xhtml.EndTagToken && endTagName(raw) == "select":
				skipSelect = false
			case tt != xhtml.EndTagToken && tagName(raw) == "option":
				tbl.option(token(raw))
			}
			changed = true
			continue
		}
		if skipIcon > 0 {
			if tt == xhtml.EndTagToken {
				if endTagName(raw) == "i" {
					skipIcon = 0
				}
			}
			continue
		}
		if d.trustHTML && tt != xhtml.TextToken && tt != xhtml.CommentToken && htmlname.Placeholder(raw) {
			// Trusted HTML is HTML: a placeholder (`<your-api-key>`) is
			// still text, which the allowlist's cut shows (t64).
			out.WriteString(html.EscapeString(string(raw)))
			changed = true
			continue
		}
		// Containers of raw HTML stay balanced on the page: an end tag no
		// raw start tag opened would close the theme's own.
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken: // <div/> opens a div
			if !rewrite {
				name := tagName(raw)
				switch {
				case balanced[name]:
					d.rawOpen = append(d.rawOpen, rawTag{name, srcOff(start), d.rawScope})
				case formatting[name] && tt == xhtml.StartTagToken && !(name == "i" && iconOpenRE.Match(raw)):
					// (An icon's <i> is drawn, its end tag dropped.)
					// The end of its container does not end it: the
					// browser opens it again in each block after, so
					// closedByScope writes its end tag there.
					d.rawOpen = append(d.rawOpen, rawTag{name, srcOff(start), d.rawScope})
				}
				if name != "details" && (containsFold(raw, "id") || name == "a" && containsFold(raw, "name")) {
					d.rawAnchors(raw, srcOff(start))
				}
			}
		case xhtml.EndTagToken:
			if name := endTagName(raw); formatting[name] {
				if !rewrite {
					d.closeFormatting(name)
				}
			} else if balanced[name] {
				at := srcOff(start)
				if !rewrite && !d.closeRaw(name) {
					st.dropAt(at)
					d.report(at, diag.Warning, "html-unbalanced", fmt.Sprintf("</%s> closes no <%s> of the page's HTML: removed", name, name))
				}
				if st.dropped(at) {
					changed = true
					continue
				}
			}
		}
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
		case xhtml.EndTagToken:
			name := endTagName(raw)
			if codeLike[name] && inCode > 0 {
				inCode--
			}
			switch name {
			case "td", "th", "tr", "table":
				// What follows the cell is no page link, nor a card's cover
				// or target.
				tbl.page, tbl.cover, tbl.target = false, false, false
			}
			if name == "table" {
				out.WriteString("</table></div>")
				changed = true
				continue
			}
			if name == "summary" && summaryAt >= 0 && summaryAt <= out.Len() {
				if moved, ok := moveSummaryLinks(out.Bytes()[summaryAt:]); ok {
					// A link inside the clickable <summary> is a control in a
					// control: keyboards and screen readers reach only one
					// (WCAG 4.1.2). Its text stays; the link goes below.
					out.Truncate(summaryAt)
					out.Write(moved)
					changed = true
					if !rewrite {
						d.report(srcOff(summaryPos), diag.Warning, "summary-link",
							"link inside <summary> moved below it: a control inside the clickable summary cannot be used by keyboard")
					}
					summaryAt = -1
					continue
				}
				summaryAt = -1
			}
			if name == "pre" && codeBoxes > 0 {
				out.Write(raw)
				out.WriteString("</div>")
				codeBoxes--
				changed = true
				continue
			}
			if name == "code" && expr != nil {
				if v, ok := htmlExpression(d, expr, srcOff, rewrite); ok {
					out.Truncate(expr.at)
					out.WriteString(html.EscapeString(v))
					changed, expr = true, nil
					continue
				}
				expr = nil
			}
			if expr != nil {
				expr.bad = true
			}
			out.Write(raw)
			continue
		case xhtml.TextToken:
			if expr != nil {
				expr.text.Write(raw)
			}
			if tbl.checkbox {
				tbl.checkbox = false
				switch strings.TrimSpace(string(raw)) {
				case "true":
					out.WriteString(checkboxYes)
					changed = true
					continue
				case "false":
					out.WriteString(checkboxNo)
					changed = true
					continue
				}
			}
			if pendingText && mention != "" {
				out.WriteString(html.EscapeString(mention))
				pendingText, changed = false, true
				continue
			}
			if inCode == 0 && expr == nil && bytes.IndexByte(raw, ':') >= 0 {
				if r, n := shortcode.Replace(raw); n > 0 {
					raw, changed = r, true
					if !rewrite {
						d.Constructs["emoji"] += n
					}
				}
			}
			if bytes.Contains(raw, []byte("\u200b")) {
				// Zero-width spaces from the export show nothing; drop them.
				out.Write(bytes.ReplaceAll(raw, []byte("\u200b"), nil))
				changed = true
				continue
			}
			out.Write(raw)
			continue
		default:
			out.Write(raw)
			continue
		}
		if expr != nil {
			expr.bad = true
		}
		name := tagName(raw)
		if codeLike[name] && tt == xhtml.StartTagToken {
			inCode++
		}
		switch name {
		case "code":
			if tok := token(raw); tt == xhtml.StartTagToken && attrVal(tok, "class") == "expression" {
				expr = &exprState{at: out.Len(), pos: start}
			}
			out.Write(raw)
			continue
		case "pre":
			tok := token(raw)
			if tt == xhtml.StartTagToken && !hasAttr(tok, "tabindex") && len(raw) > 4 {
				// A code block wider than the column scrolls sideways;
				// keyboard users can only scroll what takes focus.
				raw = append([]byte(`<pre tabindex="0"`), raw[4:]...)
				changed = true
			}
			if box := codeBox(tok); box != "" && tt == xhtml.StartTagToken && bytes.Contains(bytes.ToLower(in[pos:]), []byte("</pre>")) {
				// GitBook's HTML form of a code block with a title or
				// wrapping gets the box of {% code %}.
				out.WriteString(box)
				out.Write(raw)
				codeBoxes++
				changed = true
				continue
			}
			out.Write(raw)
			continue
		case "tr":
			tbl.col, tbl.row = 0, pos
			out.Write(raw)
			continue
		case "details", "h1", "h2", "h3", "h4", "h5", "h6":
			if id, ok := st.anchorID(srcOff(start)); ok && tt == xhtml.StartTagToken {
				if tok := token(raw); hasAttr(tok, "id") {
					t := tagEdit{tok: tok}
					t.set("id", id)
					t.write(&out, false)
				} else {
					// The tag as written, attributes and all, with its ID.
					out.Write(raw[:len(raw)-1])
					writeAttr(&out, "id", id)
					out.WriteByte('>')
				}
				changed = true
				continue
			}
			out.Write(raw)
			continue
		case "summary":
			out.Write(raw)
			if tt == xhtml.StartTagToken {
				summaryAt, summaryPos = out.Len(), start
			}
			continue
		case "th", "td":
			tok := token(raw)
			if out2, ok := tbl.cell(tok); ok {
				out.WriteString(out2)
				changed = true
			} else {
				out.Write(raw)
			}
			continue
		case "i":
			if tok := token(raw); iconName(tok) != "" {
				out.WriteString(iconHTML(iconName(tok)))
				changed = true
				if tt == xhtml.StartTagToken {
					skipIcon = 1
				}
				continue
			}
			out.Write(raw)
			continue
		case "select":
			// GitBook writes a select column's choices as a <select> in
			// its header cell: an editor's control, which a reader could
			// open but not use. Its options colour the cells instead.
			if tt == xhtml.StartTagToken && tbl.inHeader {
				skipSelect, changed = true, true
				continue
			}
			out.Write(raw)
			continue
		case "mark", "span":
			if tok := token(raw); tt == xhtml.StartTagToken && tbl.colors[attrVal(tok, "data-option")] != "" {
				out.WriteString(startTagWithClass(tok, "mark-bg-"+tbl.colors[attrVal(tok, "data-option")]))
				changed = true
				continue
			} else if hasAttr(tok, "style") {
				writeMark(&out, tok, tt == xhtml.SelfClosingTagToken)
				changed = true
				continue
			}
			out.Write(raw)
			continue
		}
		if !interesting[name] {
			// Most tags (p, td, strong…) carry no URL: copy them as they are
			// without building a token.
			out.Write(raw)
			continue
		}
		tok := token(raw)
		line, col := d.lines.pos(srcOff(start))
		t := tagEdit{tok: tok}
		if tok.Data == "a" && tbl.target && tt == xhtml.StartTagToken && hasAttr(tok, "href") {
			t.card = tbl.cardTitle(in[tbl.row:])
		}
		if tok.Data == "a" && t.card == "" && (hasAttr(tok, "data-mention") || tbl.page && tt == xhtml.StartTagToken) {
			// This link's page title, if it has one: not the last one's.
			mention = ""
			t.mention = &mention
		}
		// A card cover cell may hold a link to the image rather than the
		// image: GitBook shows the image.
		coverImg := tok.Data == "a" && tbl.cover && tt == xhtml.StartTagToken && isImagePath(attrVal(tok, "href"))
		for i, a := range tok.Attr {
			if !urlAttrs[a.Key] || a.Namespace != "" {
				continue
			}
			kind := RefImage
			if a.Key == "href" {
				kind = RefLink
			}
			if a.Key == "srcset" {
				// Other sizes of the same image: its alt text is theirs
				// (a <source>'s is its <picture>'s <img>).
				ref := Ref{Kind: kind, Tag: tok.Data, Line: line, Col: col, HasAlt: true}
				if tok.Data == "img" {
					ref.Alt, ref.HasAlt = altOf(tok)
				}
				t.srcset(i, a.Val, func(u string) string {
					ref.Dest = u
					return t.visit(fn, ref, i)
				})
				continue
			}
			ref := Ref{Dest: strings.TrimSpace(a.Val), Kind: kind, Tag: tok.Data, Line: line, Col: col, Mention: t.mention != nil || t.card != ""}
			if tok.Data == "img" && a.Key == "src" {
				ref.Alt, ref.HasAlt = altOf(tok)
				if tbl.cover && !ref.HasAlt {
					// A card's cover, which GitBook gives no way to
					// describe, is decoration, as one written as a link.
					t.ensure("alt", "")
					ref.HasAlt = true
				}
				// role="presentation" or aria-hidden="true" beside alt="" is
				// the author's own word that the image is decoration (t54);
				// a card's cover and an image the size of a line of text
				// (data-size="line", an icon in a sentence) have nowhere
				// GitBook lets one write what they show (t73).
				decorative := decorativeImg(tok) || tbl.cover || attrVal(tok, "data-size") == "line"
				ref.Unnamed = ref.HasAlt && strings.TrimSpace(ref.Alt) == "" && !decorative && !captioned(in[pos:])
			}
			if coverImg && a.Key == "href" {
				// A decorative image: the card's text says what it is.
				ref.Kind, ref.Tag, ref.HasAlt = RefImage, "img", true
			}
			t.attr[i] = t.visit(fn, ref, i)
		}
		if t.card != "" && !t.drop[hrefIndex(tok)] {
			// The card's link reads as the card's title, whatever it
			// held: the link covers the card, so its name must start
			// with the words the card shows (WCAG 2.5.3), which the
			// target page's title did not ("4.3.9 Check answers" on a
			// card reading "Outcome"); that title is the link's title
			// attribute (visit). Text rather than aria-labelledby and
			// the cells' ids: no ids to keep unique on the page, and the
			// same name where the page is read without the theme's
			// style sheet (a feed), which shows the link.
			t.write(&out, false)
			out.WriteString(html.EscapeString(t.card) + "</a>")
			skipLink, changed = true, true
			continue
		}
		if coverImg && !t.drop[hrefIndex(tok)] {
			out.WriteString(`<img src="` + html.EscapeString(t.attr[hrefIndex(tok)]) + `" alt="" loading="lazy">`)
			skipLink, changed = true, true
			continue
		}
		switch {
		case t.plainImage:
			out.WriteString(`<span class="broken-link"`)
			if t.title != "" {
				out.WriteString(` title="` + html.EscapeString(t.title) + `"`)
			}
			out.WriteString(">" + html.EscapeString(attrVal(tok, "alt")) + "</span>")
			changed = true
			continue
		case tok.Data == "table":
			tbl = tableCols{long: longColumns(htmlTableWords(in[pos:])), cards: attrVal(tok, "data-view") == "cards"}
			tables++
			if tables == 1 {
				out.WriteString(tableWrap(node, "table-wrap"))
			} else {
				// The block's name is its first table's: an id is once.
				out.WriteString(tableWrap(nil, "table-wrap"))
			}
			changed = true
		case tok.Data == "img":
			t.ensure("loading", "lazy")
		}
		if tok.Data == "a" && tt == xhtml.StartTagToken && hasAttr(tok, "href") && !hasAttr(tok, "title") &&
			!hasAttr(tok, "aria-label") && !hasAttr(tok, "aria-labelledby") &&
			(d.emptyLinks[segs[0].start] && len(segs) == 1 || emptyLinkAhead(in[pos:])) {
			// Readers see nothing to click and screen readers announce a
			// bare "link"; the title names it (WCAG 2.4.4).
			href := strings.TrimSpace(attrVal(tok, "href"))
			t.ensure("title", href)
			if !rewrite {
				d.report(srcOff(start), diag.Warning, "link-text", "link to "+href+" has no text")
			}
		}
		pendingText = t.mention != nil && mention != ""
		if !t.modified {
			out.Write(raw)
		} else {
			changed = true
			t.write(&out, tt == xhtml.SelfClosingTagToken)
		}
		if icon := attrVal(tok, "data-icon"); icon != "" && tt == xhtml.StartTagToken && (tok.Data == "a" || tok.Data == "button") {
			// A GitBook button's icon, drawn before its label.
			if svg := gitbook.DecorativeIconSVG(icon); svg != "" {
				out.WriteString(svg)
				changed = true
			} else if !rewrite {
				d.report(srcOff(start), diag.Info, "icon-unknown", fmt.Sprintf("icon %q is not in folio's icon set; it is left out", icon))
			}
		}
	}
	result := out.Bytes()
	return result, changed, mention
}

// emptyLinkAhead reports whether the content of a link, starting at b,
// shows nothing up to its "</a>": spaces, encoded spaces and zero-width
// characters only.
func emptyLinkAhead(b []byte) bool {
	i := bytes.IndexByte(b, '<')
	if i < 0 || !invisible(b[:i]) {
		return false
	}
	t := b[i:]
	return hasPrefixFold(t, "</a") && len(t) > 3 && (t[3] == '>' || isHTMLSpace(t[3]))
}

// codeLike are the elements whose text shows code or keys as written.
var codeLike = map[string]bool{"code": true, "pre": true, "kbd": true, "samp": true}

// interesting are the elements rewriteHTML looks into: those with URL
// attributes, and tables, which it wraps.
var interesting = map[string]bool{
	"a": true, "area": true, "img": true, "source": true, "video": true, "audio": true,
	"track": true, "iframe": true, "embed": true, "link": true, "script": true, "table": true,
	"input": true, "image": true, "button": true,
}

// tagName returns the lower-cased name of the start tag raw ("<Img src…>").
func tagName(raw []byte) string {
	return nameAt(raw, 1)
}

// endTagName returns the lower-cased name of the end tag raw ("</Td>").
func endTagName(raw []byte) string {
	return nameAt(raw, 2)
}

// nameAt returns the lower-cased element name that starts at byte i of a
// tag, "" past 11 bytes. Common names cost no allocation.
func nameAt(raw []byte, i int) string {
	start := i
	lower := true
	for i < len(raw) {
		c := raw[i]
		if c == '/' || c == '>' || isHTMLSpace(c) {
			break
		}
		if 'A' <= c && c <= 'Z' {
			lower = false
		}
		i++
	}
	if i-start > 11 || start > len(raw) {
		return ""
	}
	if lower {
		if n, ok := elementNames[string(raw[start:i])]; ok {
			return n
		}
	}
	return strings.ToLower(string(raw[start:i]))
}

// elementNames interns the names of the elements raw HTML holds most.
var elementNames = func() map[string]string {
	m := map[string]string{}
	for _, n := range strings.Fields(`a abbr b blockquote br caption code col colgroup dd details div dl dt em
		figcaption figure h1 h2 h3 h4 h5 h6 hr i img li mark ol p picture pre s source span strong sub
		summary sup table tbody td th thead tr u ul video audio iframe input kbd`) {
		m[n] = n
	}
	return m
}()

// tagEdit accumulates the changes to one start tag.
type tagEdit struct {
	tok        xhtml.Token
	attr       map[int]string // new values by attribute index
	drop       map[int]bool
	extra      []xhtml.Attribute
	modified   bool
	plainImage bool
	title      string
	mention    *string // set to the target page's title for <a data-mention>
	sized      bool    // width and height were added
	// card is the title of the card whose target this link is, its
	// text; the target page's title is its title attribute.
	card string
}

// visit asks fn about ref and records the new value of attribute i.
func (t *tagEdit) visit(fn func(Ref, func(Resolution)), ref Ref, i int) string {
	if t.attr == nil {
		t.attr = map[int]string{}
	}
	val := t.tok.Attr[i].Val
	fn(ref, func(r Resolution) {
		switch {
		case r.Plain:
			t.modified = true
			t.title = r.Title
			if t.tok.Data == "img" || t.tok.Data == "source" {
				t.plainImage = t.tok.Data == "img"
			}
			if t.drop == nil {
				t.drop = map[int]bool{}
			}
			t.drop[i] = true
			if t.tok.Data == "a" {
				t.extra = append(t.extra, xhtml.Attribute{Key: "class", Val: cmp.Or(r.Class, "broken-link")})
				if r.Title != "" {
					t.extra = append(t.extra, xhtml.Attribute{Key: "title", Val: r.Title})
				}
			}
		case !r.Keep:
			t.modified = true
			val = r.URL
		}
		if t.card != "" && !r.Plain && r.Title != "" && r.Title != t.card && !hasAttr(t.tok, "title") {
			t.extra = append(t.extra, xhtml.Attribute{Key: "title", Val: r.Title})
			t.modified = true
		}
		if t.mention != nil && !r.Plain && r.Title != "" {
			*t.mention = r.Title
			if r.Lang != "" && !hasAttr(t.tok, "lang") {
				// The title shown is in another language than the text.
				t.extra = append(t.extra, xhtml.Attribute{Key: "lang", Val: r.Lang})
				if r.Dir != "" && !hasAttr(t.tok, "dir") {
					t.extra = append(t.extra, xhtml.Attribute{Key: "dir", Val: r.Dir})
				}
				t.modified = true
			}
		}
		if t.tok.Data == "img" && r.Width > 0 && r.Height > 0 && !t.sized {
			t.sized = true // by its first URL: src, or srcset's first candidate
			t.size(r.Width, r.Height)
		}
	})
	return val
}

// size gives an img the dimensions its file has, w×h, so that the page
// does not move when it loads: both when the author wrote neither, and
// the other in proportion when the author wrote one in pixels. A size in
// percent or in words is left to the browser, which knows the box.
func (t *tagEdit) size(w, h int) {
	width, height := strings.TrimSpace(attrVal(t.tok, "width")), strings.TrimSpace(attrVal(t.tok, "height"))
	scale := func(n float64, to, from int) string {
		return strconv.Itoa(max(1, int(math.Round(n*float64(to)/float64(from)))))
	}
	switch {
	case width == "" && height == "":
		t.set("width", strconv.Itoa(w))
		t.set("height", strconv.Itoa(h))
	case height == "":
		if n, ok := pixels(width); ok {
			t.set("height", scale(n, h, w))
		}
	case width == "":
		if n, ok := pixels(height); ok {
			t.set("width", scale(n, w, h))
		}
	}
}

// pixels reads a width or height attribute written as a number of
// pixels, the only form whose proportion can be worked out here, as a
// browser reads it: its number, a fraction too, and a unit after it
// ignored ("100px", "100.5"), but not a percentage (t77).
func pixels(v string) (float64, bool) {
	end := 0
	for end < len(v) && ('0' <= v[end] && v[end] <= '9' || v[end] == '.') {
		end++
	}
	if end == 0 || strings.HasPrefix(strings.TrimSpace(v[end:]), "%") {
		return 0, false
	}
	n, err := strconv.ParseFloat(v[:end], 64)
	return n, err == nil && n > 0
}

// srcsetDescriptor is a srcset candidate's width or density: 640w, 1.5x.
var srcsetDescriptor = regexp.MustCompile(`^[0-9]+(?:\.[0-9]+)?[wxh]$`)

// srcset rewrites each URL of a srcset value. A candidate is a URL and
// an optional descriptor (2x, 640w); GitBook writes a file's path as it
// is, spaces included (.gitbook/assets/dark (1).png), so what comes
// before the descriptor, or the whole candidate when it has none, is the
// URL.
func (t *tagEdit) srcset(i int, v string, each func(string) string) {
	parts := strings.Split(v, ",")
	for k, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		u, desc := p, ""
		if j := strings.LastIndexAny(p, " \t\n"); j >= 0 && srcsetDescriptor.MatchString(p[j+1:]) {
			u, desc = strings.TrimSpace(p[:j]), " "+p[j+1:]
		}
		parts[k] = each(u) + desc
	}
	if t.attr == nil {
		t.attr = map[int]string{}
	}
	t.attr[i] = strings.Join(parts, ", ")
}

// set gives the attribute key the value val, in its place if it has one.
func (t *tagEdit) set(key, val string) {
	t.modified = true
	for i, a := range t.tok.Attr {
		if a.Key == key && a.Namespace == "" {
			if t.attr == nil {
				t.attr = map[int]string{}
			}
			t.attr[i] = val
			return
		}
	}
	t.extra = append(t.extra, xhtml.Attribute{Key: key, Val: val})
}

func (t *tagEdit) ensure(key, val string) {
	if attrVal(t.tok, key) == "" {
		t.extra = append(t.extra, xhtml.Attribute{Key: key, Val: val})
		t.modified = true
	}
}

func (t *tagEdit) write(out *bytes.Buffer, selfClosing bool) {
	out.WriteByte('<')
	out.WriteString(t.tok.Data)
	for i, a := range t.tok.Attr {
		if t.drop[i] {
			continue
		}
		v := a.Val
		if nv, ok := t.attr[i]; ok {
			v = nv
		}
		if a.Key == "class" && t.hasExtra("class") {
			continue
		}
		writeAttr(out, a.Key, v)
	}
	for _, a := range t.extra {
		writeAttr(out, a.Key, a.Val)
	}
	if selfClosing {
		out.WriteString(" /")
	}
	out.WriteByte('>')
}

func (t *tagEdit) hasExtra(key string) bool {
	for _, a := range t.extra {
		if a.Key == key {
			return true
		}
	}
	return false
}

func writeAttr(out *bytes.Buffer, key, val string) {
	out.WriteByte(' ')
	out.WriteString(key)
	out.WriteString(`="`)
	out.WriteString(html.EscapeString(val))
	out.WriteByte('"')
}

func attrVal(tok xhtml.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(tok xhtml.Token, key string) bool {
	for _, a := range tok.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// The box of a checkbox cell, named in English (Localise names it in the
// page's language).
const (
	checkedOpen   = `<input type="checkbox" disabled checked aria-label="`
	uncheckedOpen = `<input type="checkbox" disabled aria-label="`
	checkboxYes   = checkedOpen + `yes">`
	checkboxNo    = uncheckedOpen + `no">`
)

// localiseCheckboxes names the boxes of checkbox cells in b with words'
// checkbox_yes and checkbox_no.
func localiseCheckboxes(b []byte, words map[string]string) []byte {
	if !bytes.Contains(b, []byte(`<input type="checkbox" disabled`)) {
		return b
	}
	for _, c := range [...]struct{ box, open, key string }{{checkboxYes, checkedOpen, "checkbox_yes"}, {checkboxNo, uncheckedOpen, "checkbox_no"}} {
		if v := words[c.key]; v != "" {
			b = bytes.ReplaceAll(b, []byte(c.box), []byte(c.open+html.EscapeString(v)+`">`))
		}
	}
	return b
}

// tableCols follows the columns of a GitBook HTML table, whose header cells
// carry the column's type (hidden, card target, cover, checkbox), and gives
// each body cell the class of its column so that the theme needs no script.
type tableCols struct {
	classes  []string // per column, "" for an ordinary one
	col      int
	checkbox bool // the next text is the value of a checkbox cell
	cover    bool // inside a card cover cell
	// pageCols marks the columns of type content-ref, whose cells link
	// to a page: GitBook shows its title, whatever text the link holds
	// (the file name, in what Git Sync writes). page: inside one.
	pageCols []bool
	page     bool
	// cards is set for a table shown as cards (data-view="cards"),
	// target inside a cell of its card target column, and row is where
	// the row being read starts in the block's HTML, after its <tr>.
	cards  bool
	target bool
	row    int
	// long marks the columns whose words break anywhere in print
	// (tablewords.go).
	long []bool
	// inHeader is true from a th to the next td.
	inHeader bool
	// colors are the colours of a select column's options, by value.
	colors map[string]string
}

// chipColors are the option colours GitBook's editor offers that the
// theme draws (its mark-bg-* backgrounds); others show a plain chip.
var chipColors = map[string]bool{
	"blue": true, "green": true, "orange": true, "red": true, "yellow": true, "purple": true,
}

// option reads an <option value="id" color="blue"> of a select column.
func (t *tableCols) option(tok xhtml.Token) {
	color := strings.ToLower(attrVal(tok, "color"))
	if v := attrVal(tok, "value"); v != "" && chipColors[color] {
		if t.colors == nil {
			t.colors = map[string]string{}
		}
		t.colors[v] = color
	}
}

// isLong reports whether column i breaks its words anywhere in print.
func (t *tableCols) isLong(i int) bool { return i < len(t.long) && t.long[i] }

// cell returns the rewritten start tag of a th or td, or false to keep it.
func (t *tableCols) cell(tok xhtml.Token) (string, bool) {
	t.inHeader = tok.Data == "th"
	if tok.Data == "th" {
		t.page = false
		var cls []string
		if hasAttr(tok, "data-hidden") {
			cls = append(cls, "col-hidden")
		}
		switch {
		case hasAttr(tok, "data-card-target"):
			cls = append(cls, "card-target")
		case hasAttr(tok, "data-card-cover-dark"):
			cls = append(cls, "card-cover-dark")
		case hasAttr(tok, "data-card-cover"):
			cls = append(cls, "card-cover")
		case attrVal(tok, "data-type") == "checkbox":
			cls = append(cls, "col-checkbox")
		}
		class := strings.Join(cls, " ")
		t.target = false
		t.pageCols = append(t.pageCols, attrVal(tok, "data-type") == "content-ref")
		var own []string // the header cell's own classes
		if hasAttr(tok, "data-hidden") {
			own = append(own, "col-hidden")
		}
		if t.isLong(len(t.classes)) {
			own = append(own, "long-words")
		}
		t.classes = append(t.classes, class)
		if len(own) == 0 {
			return "", false
		}
		return startTagWithClass(tok, strings.Join(own, " ")), true
	}
	i := t.col
	t.col++
	t.cover = false
	t.page = i < len(t.pageCols) && t.pageCols[i]
	t.target = t.cards && i < len(t.classes) && strings.Contains(t.classes[i], "card-target")
	class := ""
	if i < len(t.classes) {
		class = t.classes[i]
		t.cover = strings.Contains(class, "card-cover")
		t.checkbox = strings.HasSuffix(class, "col-checkbox")
	}
	if t.isLong(i) {
		class = strings.TrimSpace(class + " long-words")
	}
	if class == "" {
		return "", false
	}
	return startTagWithClass(tok, class), true
}

// cardTitle returns the text of the first cell of a card, row (its
// HTML from after its <tr>), that shows text, "" for none: the card's
// title, as a reader sees it. Hidden columns, the target, covers and
// checkboxes show none, and neither does an icon's ":name:" (it is
// drawn).
func (t *tableCols) cardTitle(row []byte) string {
	z := xhtml.NewTokenizer(bytes.NewReader(row))
	var b strings.Builder
	col, icon := -1, false
	// cell returns the text of the cell read, once it ends.
	cell := func() string {
		s := strings.Join(strings.Fields(stripZeroWidth(b.String())), " ")
		b.Reset()
		if r, n := shortcode.Replace([]byte(s)); n > 0 {
			s = string(r)
		}
		return s
	}
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return cell()
		case xhtml.StartTagToken:
			tok := z.Token()
			switch {
			case tok.Data == "td" || tok.Data == "th": // the end tag of the cell before may be left out
				if s := cell(); s != "" {
					return s
				}
				col++
			case tok.Data == "i" && iconName(tok) != "":
				icon = true
			case cardBreaks[tok.Data]:
				b.WriteByte(' ') // its lines' words apart (t98: "HintsSee all hints.")
			}
		case xhtml.SelfClosingTagToken:
			if name, _ := z.TagName(); cardBreaks[string(name)] {
				b.WriteByte(' ')
			}
		case xhtml.EndTagToken:
			switch name, _ := z.TagName(); string(name) {
			case "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6":
				b.WriteByte(' ')
			case "i":
				icon = false
			case "td", "th":
				if s := cell(); s != "" {
					return s
				}
			case "tr":
				return cell()
			}
		case xhtml.TextToken:
			if col >= 0 && !icon && (col >= len(t.classes) || t.classes[col] == "") {
				b.Write(z.Text())
			}
		}
	}
}

// cardBreaks are the elements whose start ends a line of a card's text.
var cardBreaks = map[string]bool{"br": true, "p": true, "div": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true}

func startTagWithClass(tok xhtml.Token, class string) string {
	var b bytes.Buffer
	b.WriteByte('<')
	b.WriteString(tok.Data)
	for _, a := range tok.Attr {
		if a.Key == "class" {
			class = strings.TrimSpace(a.Val + " " + class)
			continue
		}
		if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
			continue
		}
		writeAttr(&b, a.Key, a.Val)
	}
	writeAttr(&b, "class", class)
	b.WriteByte('>')
	return b.String()
}

// altOf returns an img tag's alt text and whether it has an alt attribute.
// decorativeImg reports whether an <img> says it is decoration: a role
// of presentation or none (the first of its roles that a browser knows,
// in any case), or aria-hidden="true" (t55).
func decorativeImg(tok xhtml.Token) bool {
	if strings.EqualFold(strings.TrimSpace(attrVal(tok, "aria-hidden")), "true") {
		return true
	}
	roles := strings.Fields(strings.ToLower(attrVal(tok, "role")))
	return len(roles) > 0 && (roles[0] == "presentation" || roles[0] == "none")
}

// captioned reports whether the HTML after an <img>, rest, closes a
// <figure> after a <figcaption> with text: GitBook's figure of an image,
// <figure><img …><figcaption><p>Text</p></figcaption></figure>, in one
// block of HTML.
func captioned(rest []byte) bool {
	end := bytes.Index(rest, []byte("</figure>"))
	if end < 0 || bytes.Contains(rest[:end], []byte("<figure")) {
		return false // in no figure, or before another
	}
	rest = rest[:end]
	i := bytes.Index(rest, []byte("<figcaption"))
	if i < 0 {
		return false
	}
	// Its text, tags and what shows nothing aside (blanks, no-break and
	// zero-width spaces, t55).
	inTag := false
	var text []byte
	for _, c := range rest[i:] {
		switch {
		case c == '<':
			inTag = true
		case c == '>':
			inTag = false
		case !inTag:
			text = append(text, c)
		}
	}
	return !invisible(text)
}

func altOf(tok xhtml.Token) (string, bool) {
	for _, a := range tok.Attr {
		if a.Key == "alt" {
			return a.Val, true
		}
	}
	return "", false
}

// htmlExpression evaluates the expression element e of raw HTML, reporting
// at parse time (rewrite false) one folio cannot evaluate.
func htmlExpression(d *Doc, e *exprState, srcOff func(int) int, rewrite bool) (string, bool) {
	if e.bad {
		return "", false
	}
	val, ok, msg := d.expression(exprName(e.text.String()))
	if !ok && msg != "" && !rewrite {
		d.report(srcOff(e.pos), diag.Warning, "expression", msg)
	}
	return val, ok
}

// codeBox returns the opening of the box a `<pre class="language-x"
// data-title="…" data-overflow="wrap">` is shown in, as the {% code %} block
// draws it; "" for a <pre> without a title or wrapping.
func codeBox(tok xhtml.Token) string {
	title, wrap := attrVal(tok, "data-title"), attrVal(tok, "data-overflow") == "wrap"
	if title == "" && !wrap {
		return ""
	}
	class := "code-block"
	if wrap {
		class += " code-wrap"
	}
	if title == "" {
		return `<div class="` + class + `">`
	}
	t := html.EscapeString(title)
	return `<div class="` + class + `" data-title="` + t + `"><p class="code-title">` + t + `</p>`
}

// hrefIndex returns the index of the href attribute of tok, -1 if none.
func hrefIndex(tok xhtml.Token) int {
	for i, a := range tok.Attr {
		if a.Key == "href" {
			return i
		}
	}
	return -1
}

// imageExts are the extensions of files a card cover link may show.
var imageExts = map[string]bool{".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".webp": true, ".avif": true}

// isImagePath reports whether the link u names an image file.
func isImagePath(u string) bool {
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	return imageExts[strings.ToLower(path.Ext(u))]
}

// moveSummaryLinks takes the inside of a <summary> (as rewritten so far)
// and, if it holds links, returns it with the <a> tags removed, then
// </summary> and a paragraph holding the original inside, links and all.
func moveSummaryLinks(inner []byte) ([]byte, bool) {
	var text bytes.Buffer
	found := false
	z := xhtml.NewTokenizer(bytes.NewReader(inner))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		if tt == xhtml.StartTagToken || tt == xhtml.EndTagToken || tt == xhtml.SelfClosingTagToken {
			if name, _ := z.TagName(); string(name) == "a" {
				found = true
				continue
			}
		}
		text.Write(z.Raw())
	}
	if !found {
		return nil, false
	}
	text.WriteString(`</summary><p class="summary-link">`)
	text.Write(bytes.TrimSpace(inner))
	text.WriteString("</p>")
	return text.Bytes(), true
}

// sanitizeRaw cuts the raw HTML in to the allowlist, and reports whether
// that changed it, with what is left and the map of its offsets back to
// in. The collect pass decides and reports each removal at its line (in
// the included file it was written in); the resolve pass reuses its
// result. pageOff maps an offset in in to the page.
func (d *Doc) sanitizeRaw(st *rawState, in []byte, pageOff func(int) int, rewrite bool) ([]byte, []offsetPair, bool) {
	if rewrite && st != nil {
		return st.clean, st.at, st.clean != nil
	}
	if !suspicious(in) {
		return nil, nil, false
	}
	clean, removed, at := sanitize(in)
	if !rewrite {
		for _, r := range removed {
			d.reportHint(pageOff(r.off), diag.Warning, "unsafe-html", r.message(),
				`the allowlist is in the guide, "HTML in pages"; trust_raw_html: true in site.yaml publishes raw HTML as written`)
		}
	}
	if len(removed) == 0 && bytes.Equal(clean, in) {
		return nil, nil, false // looked at for an entity in a URL, say: nothing to remove
	}
	if st != nil {
		st.clean, st.at = clean, at
	}
	return clean, at, true
}

// rawState is what the collect pass learnt of one block of raw HTML, kept
// for the resolve pass by the start of the block's first segment.
type rawState struct {
	inert bool         // no references and left as it was: resolving skips it
	drop  map[int]bool // end tags that close nothing, by their offset in the page
	clean []byte       // the block cut to the allowlist, nil when it needed no cut
	at    []offsetPair // offsets of clean back to the block
	out   []byte       // without references but rewritten (a table): the rewriting, which resolving reuses
	// ids are the IDs pageTransformer gave the <details> of the block
	// (from their summary, or made unique), by the offset of their start
	// tag in the page.
	ids map[int]string
}

// balanced are the containers whose raw start and end tags are matched
// over the page (rewriteHTML): those whose stray end tag would close the
// theme's elements, and whose open start tag would take in what follows.
var balanced = map[string]bool{
	"div": true, "details": true, "section": true, "article": true, "aside": true, "nav": true,
	"header": true, "footer": true, "main": true, "figure": true, "blockquote": true, "table": true,
}

// formatting are the elements the browser keeps open past the end of the
// block they are written in (the HTML parser's formatting elements): one
// a page leaves open is closed at its end, as the containers are, where
// the theme's footer was bold too.
var formatting = map[string]bool{
	"a": true, "b": true, "big": true, "code": true, "em": true, "font": true, "i": true, "nobr": true,
	"s": true, "small": true, "strike": true, "strong": true, "tt": true, "u": true,
}

// closeFormatting closes the innermost open formatting element name, and
// that one only: the browser closes misnested ones (<b><i></b></i>) one by
// one. An end tag that closes none is left as written: the browser
// ignores it.
func (d *Doc) closeFormatting(name string) {
	for i := len(d.rawOpen) - 1; i >= 0; i-- {
		if d.rawOpen[i].name == name {
			d.rawOpen = slices.Delete(d.rawOpen, i, i+1)
			return
		}
	}
}

// rawTag is a start tag of raw HTML still open, where it is, and the
// container it was written in (rawScope).
type rawTag struct {
	name  string
	pos   int
	scope ast.Node
}

// enterRaw prepares the collecting pass for the raw HTML node n: it
// notes n's container, the innermost list item, table cell, block quote
// or GitBook block holding it (nil: the page), and forgets the elements
// opened in containers n is not in, which their container's end closed.
func (d *Doc) enterRaw(n ast.Node) {
	d.rawScope = nil
	var chain []ast.Node
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p.(type) {
		case *ast.ListItem, *extast.TableCell, *ast.Blockquote, *gitbook.Block:
			if d.rawScope == nil {
				d.rawScope = p
			}
			chain = append(chain, p)
		}
	}
	// Containers nest as the stack does: those left are on its top.
	for n := len(d.rawOpen); n > 0; n-- {
		if t := d.rawOpen[n-1]; t.scope == nil || slices.Contains(chain, t.scope) {
			break
		}
		d.closedByScope(d.rawOpen[n-1])
		d.rawOpen = d.rawOpen[:n-1]
	}
}

// closedByScope reports the raw element t that the end of its container
// closes: what follows it there is inside it (a <details> opened within a
// line hides the rest of its hint, step or list item in a box). A GitBook
// block closes it itself (RawClosers): its own </div> would close the
// element and leave the block open.
func (d *Doc) closedByScope(t rawTag) {
	var where string
	switch s := t.scope.(type) {
	case *ast.ListItem:
		where = "its list item"
	case *extast.TableCell:
		where = "its table cell"
	case *ast.Blockquote:
		where = "its quote"
	case *gitbook.Block:
		where = "its {% " + s.Tag.Name + " %} block"
		s.RawClosers += rawCloser(t.name)
	default:
		return
	}
	if _, ok := t.scope.(*gitbook.Block); !ok && formatting[t.name] {
		// The container's end tag leaves a formatting element open (the
		// browser opens it again in every block after, to the page's
		// footer): its own end tag is written before the container's.
		// The container's children are all visited by now.
		t.scope.AppendChild(t.scope, &rawClose{html: rawCloser(t.name)})
	}
	d.report(t.pos, diag.Warning, "html-unbalanced", fmt.Sprintf("<%s> is not closed: it is closed at the end of %s", t.name, where))
}

// closeRaw closes the innermost open raw element name (and those opened
// inside it, which the browser closes with it); false when none is open.
func (d *Doc) closeRaw(name string) bool {
	for i := len(d.rawOpen) - 1; i >= 0; i-- {
		if d.rawOpen[i].name == name {
			d.rawOpen = d.rawOpen[:i]
			return true
		}
	}
	return false
}

// finishRaw reports the raw elements the page leaves open and has Render
// close them at its end, where they would otherwise take in the theme's
// markup.
func (d *Doc) finishRaw() {
	// Those opened in a list item, a table cell or a quote are closed by
	// its end; only the page's own are closed here.
	d.rawOpen = slices.DeleteFunc(d.rawOpen, func(t rawTag) bool {
		if t.scope != nil {
			d.closedByScope(t)
		}
		return t.scope != nil
	})
	const shown = 10 // of a page's open elements, the outermost are reported
	// Built once: added to the string one by one, they were copied anew
	// for each (t87: quadratic in a line of unclosed tags).
	var closers strings.Builder
	closers.WriteString(d.closers)
	for i := len(d.rawOpen) - 1; i >= 0; i-- {
		t := d.rawOpen[i]
		switch {
		case i < shown:
			d.report(t.pos, diag.Warning, "html-unbalanced", fmt.Sprintf("<%s> is not closed: it is closed at the end of the page", t.name))
		case i == len(d.rawOpen)-1:
			d.report(d.rawOpen[shown].pos, diag.Warning, "html-unbalanced",
				fmt.Sprintf("%d more elements from here on are not closed: they are closed at the end of the page", len(d.rawOpen)-shown))
		}
		closers.WriteString(rawCloser(t.name))
	}
	d.closers = closers.String()
	d.rawOpen = nil
}

// rawClose is the end tag of a raw formatting element that its list item,
// table cell or quote left open, written as the container's last child.
type rawClose struct {
	ast.BaseBlock
	html string
}

var kindRawClose = ast.NewNodeKind("RawClose")

func (n *rawClose) Kind() ast.NodeKind         { return kindRawClose }
func (n *rawClose) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// rawCloser is what closes a raw element folio closes for the page.
func rawCloser(name string) string {
	if name == "table" {
		return "</table></div>" // its wrapper too
	}
	return "</" + name + ">"
}

func (st *rawState) dropAt(pos int) {
	if st == nil {
		return
	}
	if st.drop == nil {
		st.drop = map[int]bool{}
	}
	st.drop[pos] = true
}

func (st *rawState) dropped(pos int) bool { return st != nil && st.drop[pos] }

// anchorID returns the ID to write on the <details> or HTML heading whose
// start tag is at offset pos of the page, if pageTransformer gave it one.
func (st *rawState) anchorID(pos int) (string, bool) {
	if st == nil || st.ids == nil {
		return "", false
	}
	id, ok := st.ids[pos]
	return id, ok
}

// rawState returns the state of the block made of segs, made when create
// is set; nil for a block without segments.
func (d *Doc) rawState(segs []segment, create bool) *rawState {
	if len(segs) == 0 {
		return nil
	}
	st := d.raw[segs[0].start]
	if st == nil && create {
		if d.raw == nil {
			d.raw = map[int]*rawState{}
		}
		st = &rawState{}
		d.raw[segs[0].start] = st
	}
	return st
}

// htmlTokens returns the tokens of a block of raw HTML: next gives each
// token's type and raw bytes in turn, token parses the current tag. The
// collect and resolve passes each tokenize the block: keeping the tokens
// of the first for the second was worth under 2 % of a build.
func htmlTokens(in []byte) (next func() (xhtml.TokenType, []byte), token func(raw []byte) xhtml.Token) {
	z := xhtml.NewTokenizer(bytes.NewReader(in))
	next = func() (xhtml.TokenType, []byte) {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return tt, nil
		}
		return tt, z.Raw()
	}
	token = func([]byte) xhtml.Token { return z.Token() }
	return next, token
}

// rawAnchors notes the id of an element of the page's raw HTML, and the
// name of an <a>, which links may lead to as they do to headings (older
// GitBook and HonKit books mark places with <a name="…"></a>). A
// <details>' ID is a heading's (headings.go: addDetails).
//
// An id that a heading of the page or the page's frame has too is a
// warning at pos, the tag's place: a link to it lands on whichever comes
// first, and the theme's scripts find the first.
func (d *Doc) rawAnchors(raw []byte, pos int) {
	// A tokenizer of its own: token, the block's, parses a tag once, and
	// the pass may need it after.
	z := xhtml.NewTokenizer(bytes.NewReader(raw))
	z.Next()
	tok := z.Token()
	for _, a := range tok.Attr {
		if a.Val == "" || a.Key != "id" && (a.Key != "name" || tok.Data != "a") {
			continue
		}
		d.Anchors = append(d.Anchors, a.Val)
		if a.Key != "id" {
			continue
		}
		if d.notOurs(a.Val) {
			d.report(pos, diag.Warning, "html-id", fmt.Sprintf("id %q is one the theme or a block of the page gives its own element: a link to it may land on either, and the page's scripts find the theme's", a.Val))
			continue
		}
		line, _ := d.lines.pos(pos)
		for _, h := range d.Headings {
			if h.ID == a.Val && !(headingTag(tok.Data) && h.Line == line) { // not itself, an HTML heading (addDetails)
				d.report(pos, diag.Warning, "html-id", fmt.Sprintf("id %q is also the id of the heading %q: a link to it lands on whichever comes first", a.Val, h.Text))
				break
			}
		}
	}
}

func headingTag(name string) bool {
	return len(name) == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6'
}

// containsFold reports whether b holds s, lower-case ASCII, in any case,
// without a lower-cased copy of b: it runs on every start tag.
func containsFold(b []byte, s string) bool {
next:
	for i := 0; i+len(s) <= len(b); i++ {
		for j := 0; j < len(s); j++ {
			if lowerASCII(b[i+j]) != s[j] {
				continue next
			}
		}
		return true
	}
	return false
}
