package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"strings"
)

// What a file a page links to may do when a reader opens it on its own,
// at the site's address. An image in an <img> runs nothing, but the same
// file opened in a tab is a document of the site: an HTML page or an SVG
// drawing with script would run it there, with the site's cookies and
// storage (t61, t76). Files are judged by an allowlist: an SVG is
// published when all it holds is drawing; an HTML or XML document, which
// a page of folio's never needs, is not.

// activeDocs are the extensions of the documents a browser runs the
// scripts of (HTML, XHTML, and XML, which may hold XHTML or apply an
// XSLT that makes it), where folio cannot tell drawing from program.
var activeDocs = map[string]bool{
	".html": true, ".htm": true, ".shtml": true, ".xhtml": true, ".xht": true,
	".xml": true, ".xsl": true, ".xslt": true, ".mht": true, ".mhtml": true, ".svgz": true,
}

// activeDoc reports whether the file name is a document a browser runs
// the scripts of (activeDocs).
func activeDoc(name string) bool { return activeDocs[strings.ToLower(path.Ext(name))] }

// The namespaces of an SVG file's elements. Those of editors (Inkscape's,
// Sodipodi's) and of metadata (RDF, Dublin Core, Creative Commons) are
// inert: a browser shows and runs nothing of them.
const (
	svgNS   = "http://www.w3.org/2000/svg"
	xhtmlNS = "http://www.w3.org/1999/xhtml"
	mathNS  = "http://www.w3.org/1998/Math/MathML"
)

// svgElements are the SVG elements a drawing is made of; script,
// foreignObject (which holds HTML) and the rest are not among them.
var svgElements = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(`svg g defs symbol use image switch title desc metadata style view
		path rect circle ellipse line polyline polygon text tspan textPath a marker
		linearGradient radialGradient stop pattern clipPath mask filter
		feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
		feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR
		feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight
		feSpecularLighting feSpotLight feTile feTurbulence
		animate animateMotion animateTransform set mpath`) {
		m[n] = true
	}
	return m
}()

// urlValued are the attributes whose values are addresses, or which an
// animation makes one (to, from, by, values of <animate>/<set> aimed at
// an href).
var urlValued = map[string]bool{"href": true, "src": true, "to": true, "from": true, "by": true, "values": true}

// safeSVG reports whether an SVG file holds nothing but drawing: elements
// of svgElements (or of an inert namespace), no event attribute (on…), no
// address whose scheme is not http, https or mailto (a data: image
// aside), no entity of its own (which the browser would expand into
// markup) and no style sheet but CSS. What cannot be read is not safe.
func safeSVG(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false // as browsers forgive: unclosed <br>, stray &
	d.Entity = xml.HTMLEntity
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return true
		}
		if err != nil {
			return false
		}
		switch t := tok.(type) {
		case xml.Directive:
			if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
				return false
			}
		case xml.ProcInst:
			if t.Target == "xml-stylesheet" && !bytes.Contains(t.Inst, []byte("text/css")) {
				return false // XSLT, which may write HTML
			}
		case xml.StartElement:
			if !safeElement(t) {
				return false
			}
		}
	}
}

// safeElement judges one element of an SVG file, its namespace resolved.
func safeElement(t xml.StartElement) bool {
	local := t.Name.Local
	switch t.Name.Space {
	case "", svgNS:
		// An SVG element; one without a namespace (a file that declares
		// none) is not drawn, but is judged as SVG all the same.
		if !svgElements[local] {
			return false
		}
	case xhtmlNS, mathNS:
		return false
	default:
		// An editor's or metadata's, or a prefix declared nowhere:
		// inert, unless it names script by any means.
		if strings.EqualFold(local, "script") || strings.EqualFold(local, "foreignObject") {
			return false
		}
	}
	for _, a := range t.Attr {
		name := strings.ToLower(a.Name.Local)
		if strings.HasPrefix(name, "on") {
			return false
		}
		if a.Name.Space == "xmlns" || a.Name.Space == "" && name == "xmlns" {
			continue
		}
		if urlValued[name] {
			for v := range strings.SplitSeq(a.Value, ";") {
				if !safeAddress(v) {
					return false
				}
			}
		}
	}
	return true
}

// safeAddress reports whether an address may be in a drawing: relative,
// a fragment, http, https or mailto, or a data: image other than SVG.
func safeAddress(v string) bool {
	// As a browser reads it: without the white space and control
	// characters it skips.
	v = strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, v))
	scheme, _, found := strings.Cut(v, ":")
	if !found || strings.ContainsAny(scheme, "/?#") {
		return true // relative: no scheme
	}
	switch scheme {
	case "http", "https", "mailto":
		return true
	case "data":
		for _, ok := range []string{"data:image/png", "data:image/jpeg", "data:image/gif", "data:image/webp"} {
			if strings.HasPrefix(v, ok) {
				return true
			}
		}
	}
	return false
}
