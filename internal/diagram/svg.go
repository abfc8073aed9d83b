package diagram

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The clean-up of the renderer's SVG, so that it can be inlined in a page:
// whatever the renderer or a hostile diagram puts in it, what comes out is
// drawing and text only. It is an allowlist: an element not listed is left
// out with everything in it (script, style, foreignObject, a, image, use,
// animate, …); an attribute not listed is dropped (on*, href, data-*, …).

// svgElements are the SVG elements kept.
var svgElements = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"svg": true, "g": true, "defs": true, "marker": true, "title": true, "desc": true,
		"path": true, "line": true, "polyline": true, "polygon": true, "rect": true, "circle": true, "ellipse": true,
		"text": true, "tspan": true,
		"linearGradient": true, "radialGradient": true, "stop": true, "clipPath": true,
	}
})

// svgAttrs are the attributes kept, on any kept element. None of them can
// load anything: the only URL form they take, url(…), is checked to point
// inside the drawing.
var svgAttrs = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"id": true, "class": true, "style": true, "transform": true,
		"x": true, "y": true, "x1": true, "y1": true, "x2": true, "y2": true, "dx": true, "dy": true,
		"cx": true, "cy": true, "r": true, "rx": true, "ry": true, "fx": true, "fy": true,
		"width": true, "height": true, "d": true, "points": true, "viewBox": true, "preserveAspectRatio": true,
		"fill": true, "fill-opacity": true, "fill-rule": true, "opacity": true,
		"stroke": true, "stroke-width": true, "stroke-dasharray": true, "stroke-dashoffset": true,
		"stroke-linecap": true, "stroke-linejoin": true, "stroke-miterlimit": true, "stroke-opacity": true,
		"font-size": true, "font-weight": true, "font-style": true, "font-family": true,
		"text-anchor": true, "dominant-baseline": true, "alignment-baseline": true, "baseline-shift": true,
		"letter-spacing": true, "text-decoration": true,
		"marker-start": true, "marker-mid": true, "marker-end": true,
		"markerWidth": true, "markerHeight": true, "markerUnits": true, "refX": true, "refY": true, "orient": true,
		"offset": true, "stop-color": true, "stop-opacity": true, "gradientUnits": true, "gradientTransform": true,
		"clip-path": true, "clipPathUnits": true,
	}
})

// styleProps are the CSS properties kept in a style attribute (the
// renderer writes the colours of classDef and style lines there).
var styleProps = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"fill": true, "fill-opacity": true, "stroke": true, "stroke-width": true, "stroke-dasharray": true,
		"stroke-opacity": true, "opacity": true, "color": true,
		"font-size": true, "font-weight": true, "font-style": true, "text-decoration": true,
	}
})

var (
	localURL = lazyRE(`url\(\s*['"]?#([A-Za-z0-9_.:-]+)['"]?\s*\)`)
	cssVar   = lazyRE(`var\(\s*(--[A-Za-z0-9_-]+)\s*\)`)
	longNum  = lazyRE(`-?\d+\.\d{4,}`)
)

// fillVars are the renderer's colours for areas. Without folio's style
// sheet (in a feed reader) they fall back to none, the others (text,
// lines, arrows) to the colour of the text: the drawing stays readable on
// a light or a dark background.
var fillVars = sync.OnceValue(func() map[string]bool {
	return map[string]bool{
		"--bg": true, "--_node-fill": true, "--_group-fill": true, "--_group-hdr": true, "--_key-badge": true,
	}
})

const (
	maxNodes = 200_000 // elements and texts of one drawing
	maxDepth = 64
)

var errTooComplex = errors.New("the drawing is too large")

// drawing is a cleaned SVG, cut where a per-diagram prefix goes: before
// every id and every reference to one, so that two diagrams on a page
// never share an id.
type drawing struct {
	parts []string
	// texts are the texts of the <text> elements in reading order: in the
	// order of the SVG, the labels of links last.
	texts []string
}

// annotate adds attributes to the root <svg> and a first child, both
// written as they are. The root's start tag is all in the first part (it
// keeps no id) and its attribute values are escaped, so it ends at the
// first '>'.
func (d *drawing) annotate(attrs, first string) {
	p := d.parts[0]
	i := strings.IndexByte(p, '>')
	if i < 0 {
		return
	}
	d.parts[0] = p[:i] + attrs + ">" + first + p[i+1:]
}

// svg returns the drawing with prefix before its ids.
func (d *drawing) svg(prefix string) string {
	return strings.Join(d.parts, prefix)
}

type cleaner struct {
	b     strings.Builder
	parts []string
	texts []string
	links []string // the texts of links' labels, after texts
	nodes int
	// left and right are the estimated ends of the drawing's text.
	left, right float64
}

// clean parses src, an SVG document, and writes it again with only the
// allowed elements and attributes.
func clean(src string) (*drawing, error) {
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(src), body)
	if err != nil {
		return nil, err
	}
	var svg *html.Node
	for _, n := range nodes {
		if n.Type == html.ElementNode && n.Namespace == "svg" && n.Data == "svg" {
			svg = n
			break
		}
	}
	if svg == nil {
		return nil, errors.New("the renderer returned no <svg>")
	}
	regions(svg)
	c := &cleaner{left: math.Inf(1), right: math.Inf(-1)}
	if err := c.element(svg, 0); err != nil {
		return nil, err
	}
	c.cut()
	d := &drawing{parts: c.parts, texts: append(c.texts, c.links...)}
	d.widen(attrOf(svg, "viewBox"), attrOf(svg, "width"), c.left, c.right)
	return d, nil
}

// regions draws the rect blocks of a sequence diagram as Mermaid does: a
// background behind everything else, with no frame and no label (the
// renderer draws a frame titled "rect", over the frame of a loop it holds).
// Its colour is the block's label, as prepare wrote it; any other label
// gets a neutral tint. The colour is toned down by an opacity, so that the
// text on it stays readable.
func regions(svg *html.Node) {
	var found []*html.Node
	for n := svg.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.Data == "g" && attrOf(n, "class") == "block" && attrOf(n, "data-type") == "rect" {
			found = append(found, n)
		}
	}
	for _, g := range found {
		svg.RemoveChild(g)
	}
	// Blocks are drawn first, the rects after the blocks they hold (the
	// renderer lists a block when it ends): each region goes before them,
	// the outer ones first.
	first := svg.FirstChild
	for first != nil && (first.Type != html.ElementNode || !svgElements()[first.Data] || first.Data == "defs" || first.Data == "title" || first.Data == "desc") {
		first = first.NextSibling
	}
	for _, g := range slices.Backward(found) {
		var frame *html.Node
		for k := g.FirstChild; k != nil && frame == nil; k = k.NextSibling {
			if k.Type == html.ElementNode && k.Data == "rect" {
				frame = k
			}
		}
		if frame == nil {
			continue
		}
		attrs := []html.Attribute{{Key: "class", Val: "region"}}
		for _, key := range []string{"x", "y", "width", "height"} {
			v, err := strconv.ParseFloat(attrOf(frame, key), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				attrs = nil
				break
			}
			attrs = append(attrs, html.Attribute{Key: key, Val: num(v)})
		}
		if attrs == nil {
			continue
		}
		fill, opacity := "currentColor", 0.08
		if c := attrOf(g, "data-label"); colourHex().MatchString(c) {
			a, _ := strconv.ParseUint(c[7:], 16, 8)
			fill, opacity = c[:7], min(float64(a)/255, 0.4)
			// On a dark page, half as strong: the pale colours rects
			// are given for white pages would light the background up
			// under light text. A browser without light-dark() keeps
			// the fill attribute.
			attrs = append(attrs, html.Attribute{Key: "style", Val: "fill:light-dark(" + fill + "," + fill + "80)"})
		}
		attrs = append(attrs, html.Attribute{Key: "fill", Val: fill}, html.Attribute{Key: "fill-opacity", Val: num(opacity)}, html.Attribute{Key: "stroke", Val: "none"})
		rect := &html.Node{Type: html.ElementNode, Data: "rect", Namespace: "svg", Attr: attrs}
		svg.InsertBefore(rect, first)
	}
}

// widen makes room in the view box for text that spills out of it: the
// renderer lays out the boxes, but a long message label at the edge of a
// sequence diagram goes past them and would be cut. left and right are
// the estimated ends of the text.
func (d *drawing) widen(viewBox, width string, left, right float64) {
	vb := strings.Fields(strings.ReplaceAll(viewBox, ",", " "))
	if len(vb) != 4 || math.IsInf(left, 0) {
		return
	}
	var v [4]float64
	for i, f := range vb {
		x, err := strconv.ParseFloat(f, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		v[i] = x
	}
	const margin = 4
	x0, x1 := v[0], v[0]+v[2]
	if left >= x0 && right <= x1 || v[2] <= 0 {
		return
	}
	if left < x0 {
		x0 = left - margin
	}
	if right > x1 {
		x1 = right + margin
	}
	newBox := fmt.Sprintf("%s %s %s %s", num(x0), num(v[1]), num(x1-x0), num(v[3]))
	// The attributes as clean wrote them.
	wroteBox, _ := safeValue(viewBox)
	wroteWidth, _ := safeValue(width)
	root := d.parts[0]
	end := strings.IndexByte(root, '>')
	if end < 0 {
		return
	}
	tag := strings.Replace(root[:end], ` viewBox="`+escapeAttr(wroteBox)+`"`, ` viewBox="`+newBox+`"`, 1)
	if w, err := strconv.ParseFloat(width, 64); err == nil && w > 0 {
		tag = strings.Replace(tag, ` width="`+escapeAttr(wroteWidth)+`"`, ` width="`+num(w*(x1-x0)/v[2])+`"`, 1)
	}
	d.parts[0] = tag + root[end:]
}

func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*1000)/1000, 'f', -1, 64)
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// extent records where the text of a <text> element reaches: each line
// (the element, or each of its tspans) from its x, anchor and font size.
// Widths are guessed from DejaVu Sans, wider than most fonts a page uses:
// too much room is harmless, too little cuts text.
func (c *cleaner) extent(n *html.Node) {
	var walk func(n *html.Node, x, size float64, anchor string)
	walk = func(n *html.Node, x, size float64, anchor string) {
		if v, err := strconv.ParseFloat(attrOf(n, "x"), 64); err == nil {
			x = v
		}
		if v, err := strconv.ParseFloat(strings.TrimSuffix(attrOf(n, "font-size"), "px"), 64); err == nil {
			size = v
		}
		if a := attrOf(n, "text-anchor"); a != "" {
			anchor = a
		}
		var line strings.Builder
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			switch {
			case k.Type == html.TextNode:
				line.WriteString(k.Data)
			case k.Type == html.ElementNode && k.Data == "tspan":
				walk(k, x, size, anchor)
			}
		}
		w := textWidth(strings.TrimSpace(line.String()), size)
		if w == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		l := x
		switch anchor {
		case "middle":
			l = x - w/2
		case "end":
			l = x - w
		}
		c.left, c.right = math.Min(c.left, l), math.Max(c.right, l+w)
	}
	walk(n, 0, 16, "start")
}

// transformed reports whether n or an ancestor has a transform: its x is
// then not in the coordinates of the view box.
func transformed(n *html.Node) bool {
	for ; n != nil; n = n.Parent {
		if attrOf(n, "transform") != "" {
			return true
		}
	}
	return false
}

// textWidth guesses the width of s at font size size.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		switch {
		case r == ' ' || strings.ContainsRune("iljI.,:;'|!()[]{}", r):
			w += 0.32
		case r >= 'A' && r <= 'Z' || r == 'm' || r == 'w' || r == '_':
			w += 0.72
		case r < 0x80:
			w += 0.6
		default:
			w += 1 // CJK, emoji
		}
	}
	return w * size
}

// cut ends a part: the prefix goes here.
func (c *cleaner) cut() {
	c.parts = append(c.parts, c.b.String())
	c.b.Reset()
}

func (c *cleaner) element(n *html.Node, depth int) error {
	c.nodes++
	if c.nodes > maxNodes || depth > maxDepth {
		return errTooComplex
	}
	c.b.WriteByte('<')
	c.b.WriteString(n.Data)
	isRoot := depth == 0
	if isRoot {
		c.b.WriteString(` xmlns="http://www.w3.org/2000/svg"`)
	}
	for _, a := range n.Attr {
		if a.Namespace != "" || !svgAttrs()[a.Key] {
			continue
		}
		if isRoot && a.Key != "viewBox" && a.Key != "width" && a.Key != "height" && a.Key != "preserveAspectRatio" {
			// The root keeps its geometry only (its style holds the
			// renderer's colours, folio's style sheet sets them), so that
			// its start tag has no id to cut at: see annotate.
			continue
		}
		c.attr(a.Key, a.Val)
	}
	c.b.WriteByte('>')
	for k := n.FirstChild; k != nil; k = k.NextSibling {
		switch k.Type {
		case html.ElementNode:
			if k.Namespace != "svg" || !svgElements()[k.Data] {
				continue
			}
			if k.Data == "text" {
				switch t := textOf(k); {
				case n.Data == "g" && attrOf(n, "class") == "edge-label":
					c.links = append(c.links, t)
				case t == NoAttributes && attrOf(k, "font-style") == "italic" && attrOf(n, "class") == "entity":
					// An ER entity's placeholder names nothing: the text
					// alternative said "CUSTOMER, (no attributes), ORDER".
				default:
					c.texts = append(c.texts, t)
				}
				if !transformed(k) {
					c.extent(k)
				}
			}
			if err := c.element(k, depth+1); err != nil {
				return err
			}
		case html.TextNode:
			if n.Data == "text" || n.Data == "tspan" || n.Data == "title" || n.Data == "desc" {
				c.nodes++
				c.b.WriteString(escapeText(k.Data))
			}
		}
	}
	c.b.WriteString("</")
	c.b.WriteString(n.Data)
	c.b.WriteByte('>')
	return nil
}

// attr writes one attribute whose name is allowed, if its value is safe.
func (c *cleaner) attr(key, val string) {
	if key == "id" {
		id := safeID(val)
		if id == "" {
			return
		}
		c.b.WriteString(` id="`)
		c.cut()
		c.b.WriteString(id + `"`)
		return
	}
	if key == "style" {
		val = cleanStyle(val)
	}
	val, ok := safeValue(val)
	if !ok || val == "" && key == "style" {
		return
	}
	c.b.WriteByte(' ')
	c.b.WriteString(key)
	c.b.WriteString(`="`)
	// A local url(#id) gets the prefix too.
	for {
		m := localURL().FindStringSubmatchIndex(val)
		if m == nil {
			break
		}
		c.b.WriteString(escapeAttr(val[:m[0]]) + "url(#")
		c.cut()
		c.b.WriteString(escapeAttr(safeID(val[m[2]:m[3]])) + ")")
		val = val[m[1]:]
	}
	c.b.WriteString(escapeAttr(val))
	c.b.WriteByte('"')
}

// safeValue rejects a value that could load something or hide something
// from these checks (a CSS escape, a url() that is not local), adds
// fallbacks to the renderer's colour variables, and shortens long
// decimals.
func safeValue(v string) (string, bool) {
	if strings.ContainsAny(v, "\\\x00") {
		return "", false
	}
	low := strings.ToLower(localURL().ReplaceAllString(v, ""))
	for _, bad := range []string{"url(", "expression(", "javascript:", "@import", "image(", "image-set(", "src("} {
		if strings.Contains(low, bad) {
			return "", false
		}
	}
	v = cssVar().ReplaceAllStringFunc(v, func(m string) string {
		name := cssVar().FindStringSubmatch(m)[1]
		if fillVars()[name] {
			return "var(" + name + ",none)"
		}
		return "var(" + name + ",currentColor)"
	})
	v = longNum().ReplaceAllStringFunc(v, func(m string) string {
		f, err := strconv.ParseFloat(m, 64)
		if err != nil {
			return m
		}
		return strconv.FormatFloat(math.Round(f*1000)/1000, 'f', -1, 64)
	})
	return v, true
}

// cleanStyle keeps the declarations of a style attribute whose property is
// allowed.
func cleanStyle(s string) string {
	var out []string
	for _, decl := range strings.Split(s, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		prop = strings.ToLower(strings.TrimSpace(prop))
		val = strings.TrimSpace(val)
		if !ok || !styleProps()[prop] || val == "" || strings.ContainsAny(val, "{}<>\"'") {
			continue
		}
		out = append(out, prop+":"+val)
	}
	return strings.Join(out, ";")
}

// safeID keeps the characters of an id that need no escaping anywhere.
func safeID(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return -1
	}, s)
}

// textOf is the text of an element, its tspans joined by spaces.
func textOf(n *html.Node) string {
	var parts []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for k := n.FirstChild; k != nil; k = k.NextSibling {
			switch k.Type {
			case html.TextNode:
				if t := strings.TrimSpace(k.Data); t != "" {
					parts = append(parts, t)
				}
			case html.ElementNode:
				walk(k)
			}
		}
	}
	walk(n)
	return strings.Join(parts, " ")
}

var (
	textEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")
)

func escapeText(s string) string { return textEscaper.Replace(s) }
func escapeAttr(s string) string { return attrEscaper.Replace(s) }
