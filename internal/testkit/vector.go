package testkit

import (
	"bytes"
	"strings"

	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ScriptVector parses published HTML as a browser does and names the
// first way it could run script, load another document into the page, or
// act as the theme's own markup; "" if there is none. It is written apart
// from folio's allowlist, as a list of what must never come out, for the
// tests of the sanitizer.
func ScriptVector(page []byte) string {
	doc, err := xhtml.Parse(bytes.NewReader(page))
	if err != nil {
		return "unparsable HTML: " + err.Error()
	}
	var found string
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if found != "" {
			return
		}
		if n.Type == xhtml.ElementNode {
			if v := elementVector(n); v != "" {
				found = v
				return
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// elementVector judges one parsed element. It is written apart from the
// allowlist, as a list of what must never come out.
func elementVector(n *xhtml.Node) string {
	switch n.DataAtom {
	case atom.Script, atom.Iframe, atom.Frame, atom.Frameset, atom.Object, atom.Embed, atom.Applet, atom.Base,
		atom.Link, atom.Style, atom.Form, atom.Noscript, atom.Template, atom.Textarea, atom.Xmp, atom.Plaintext:
		return "<" + n.Data + ">"
	case atom.Meta:
		for _, a := range n.Attr {
			if a.Key == "http-equiv" {
				return "<meta http-equiv>"
			}
		}
	}
	switch strings.ToLower(n.Data) {
	case "foreignobject", "animate", "set", "animatetransform", "animatemotion", "discard", "annotation-xml", "maction":
		return "<" + n.Data + ">"
	}
	for _, a := range n.Attr {
		key := strings.ToLower(a.Key)
		if a.Namespace != "" {
			key = a.Namespace + ":" + key
		}
		switch {
		case strings.HasPrefix(key, "on"):
			return "event attribute " + key
		case key == "style" && (n.DataAtom == atom.Th || n.DataAtom == atom.Td) && cellAlign(a.Val):
			// A Markdown table's column alignment, as goldmark writes it.
		case key == "style" || key == "srcdoc" || key == "formaction" || key == "action" || key == "data-embed-src" || key == "data-copy":
			return "attribute " + key
		case key == "name" && n.DataAtom == atom.Img:
			return "img name"
		}
		switch key {
		case "href", "src", "srcset", "poster", "cite", "background", "data", "xlink:href", "codebase", "longdesc",
			"lowsrc", "dynsrc", "usemap", "ping", "manifest", "icon", "values", "to", "from", "by":
			urls := []string{a.Val}
			if key == "srcset" {
				urls = strings.FieldsFunc(a.Val, func(r rune) bool { return r == ',' || r <= ' ' })
			}
			for _, u := range urls {
				if scriptScheme(u) {
					return key + "=" + a.Val
				}
			}
			if (n.Namespace == "svg" || n.Namespace == "math") && (key == "href" || key == "xlink:href") &&
				!strings.HasPrefix(strings.TrimSpace(a.Val), "#") && n.Data != "a" {
				return n.Data + " " + key + " to another document"
			}
		}
		if strings.Contains(strings.ToLower(a.Val), "url(") && n.Namespace == "svg" && !localPaint(a.Val) {
			return key + " loads another document"
		}
	}
	return ""
}

// cellAlign reports whether style is a table cell's alignment alone.
func cellAlign(style string) bool {
	switch style {
	case "text-align:left", "text-align:right", "text-align:center":
		return true
	}
	return false
}

// scriptScheme reports whether a browser would run u, or show it as a
// document of its own: javascript:, vbscript: and data: other than a
// raster image, read the way the URL standard reads a scheme.
func scriptScheme(u string) bool {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(strings.ToLower(u))
	for _, s := range []string{"javascript:", "vbscript:", "livescript:", "mocha:"} {
		if strings.HasPrefix(u, s) {
			return true
		}
	}
	if rest, ok := strings.CutPrefix(u, "data:"); ok {
		// The fetch standard strips white space around a data: URL's type.
		rest = strings.TrimLeft(rest, " \f")
		return !strings.HasPrefix(rest, "image/") || strings.HasPrefix(rest, "image/svg")
	}
	return false
}

// localPaint reports whether every url( in an SVG attribute value
// points into the same page.
func localPaint(val string) bool {
	v := strings.ToLower(val)
	for {
		i := strings.Index(v, "url(")
		if i < 0 {
			return true
		}
		v = strings.TrimLeft(v[i+4:], " \t\n\r\f\"'")
		if !strings.HasPrefix(v, "#") {
			return false
		}
	}
}
