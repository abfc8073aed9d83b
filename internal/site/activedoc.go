package site

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"maps"
	"net/http"
	"os"
	"path"
	"regexp"
	"strings"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"folio/internal/markdown"
)

// What a file a page links to may do when a reader opens it on its own,
// at the site's address. An image in an <img> runs nothing, but the same
// file opened in a tab is a document of the site: an HTML page or an SVG
// drawing with script would run it there, with the site's cookies and
// storage (t61, t76). Files are judged by an allowlist: an SVG or XML
// file is published when all it holds is drawing or data; an HTML
// document, which a page of folio's never needs, is not.

// activeDocs are the extensions of the documents a browser runs the
// scripts of, where folio cannot tell page from program: HTML and XHTML,
// XSLT style sheets, web archives, compressed SVG.
var activeDocs = map[string]bool{
	".html": true, ".htm": true, ".shtml": true, ".xhtml": true, ".xht": true,
	".xsl": true, ".xslt": true, ".mht": true, ".mhtml": true, ".svgz": true,
}

// activeDoc reports whether the file name is a document a browser runs
// the scripts of (activeDocs).
func activeDoc(name string) bool { return activeDocs[strings.ToLower(path.Ext(name))] }

// inertExts are the extensions static hosts serve as what they name (an
// image, a video, a PDF, an archive, text, code, a font, an office
// file): a file so named is not opened as a page, whatever it holds.
// The XML ones (xmlExts) are judged by what they hold (safeXML).
var inertExts = words(`.png .jpg .jpeg .gif .webp .avif .bmp .ico .tif .tiff .heic
	.mp4 .webm .ogg .ogv .oga .mp3 .wav .m4a .flac .mov .m4v .vtt .srt
	.pdf .txt .md .csv .tsv .json .yaml .yml .toml .ini .cfg .conf .log .patch .diff
	.zip .gz .tgz .tar .bz2 .xz .zst .7z .rar .jar .war .whl .deb .rpm .dmg .exe .msi .apk .iso
	.js .mjs .css .py .go .java .kt .c .h .cpp .hpp .cs .rs .rb .php .sh .ps1 .bat .sql .proto .graphql .tf .ipynb
	.woff .woff2 .ttf .otf .eot
	.doc .docx .xls .xlsx .ppt .pptx .odt .ods .odp .epub .rtf .key .numbers .pages
	.svg .xml .kml .gpx .rss .atom .rdf .xsd .opml`)

// xmlExts are the extensions of the XML files that a browser shows as
// XML, whose namespaces may hold script: published when safeXML finds
// nothing that runs.
var xmlExts = words(`.svg .xml .kml .gpx .rss .atom .rdf .xsd .opml`)

// sniffedDoc reports whether the file abs, published under a name whose
// extension hosts may not know (not in inertExts: none, .jsp, a trailing
// dot), starts as an HTML document holding more than the raw HTML
// allowlist admits (markdown.InertHTML), or is XML that runs something
// (safeXML): a host that tells a file's type by its first bytes serves it
// as a page, which runs its scripts at the site's address (t88). HTML the
// allowlist admits whole (a README's centred logo, a template of
// paragraphs) runs nothing, and is published (t92).
func (s *site) sniffedDoc(abs, name string) bool {
	if inertExts[strings.ToLower(path.Ext(name))] {
		return false
	}
	key := "sniff:" + abs
	if v, ok := s.scripted.Load(key); ok {
		return v.(bool)
	}
	// As much as a browser or http.DetectContentType looks at. A file that
	// cannot be read is told of when it is published.
	b, err := readHead(abs, 512)
	kind := http.DetectContentType(b)
	found := false
	switch {
	case err != nil:
	case strings.HasPrefix(kind, "text/html"):
		// Judged as HTML, as it would be served: XML's view (elements of
		// no namespace are data) would let a frame or a refresh through.
		all, err := os.ReadFile(abs)
		found = err == nil && !markdown.InertHTML(all)
	case strings.HasPrefix(kind, "text/xml"):
		found = s.scriptedXML(abs, false)
	}
	s.scripted.Store(key, found)
	return found
}

// readHead reads the first n bytes of the file abs, or all of a shorter
// one.
func readHead(abs string, n int) ([]byte, error) {
	f, err := os.Open(abs)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	k, err := io.ReadFull(f, b)
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		err = nil
	}
	return b[:k], err
}

// The namespaces of a drawing's or an XML file's elements. Those of
// editors (Inkscape's, Sodipodi's, Adobe's) and of metadata (RDF, Dublin
// Core, Creative Commons) are inert: a browser shows and runs nothing of
// them, nor of an XML file's own elements (a pom.xml).
const (
	svgNS   = "http://www.w3.org/2000/svg"
	xhtmlNS = "http://www.w3.org/1999/xhtml"
	mathNS  = "http://www.w3.org/1998/Math/MathML"
)

// words makes a set of the fields of s.
func words(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// svgElements are the SVG elements a drawing is made of, those of SVG 1.1
// and 2 and of the editors' drafts (Inkscape's flowed text and mesh
// gradients, SVG fonts); script and the rest are not among them.
var svgElements = words(`svg g defs symbol use image switch title desc metadata style view cursor
	path rect circle ellipse line polyline polygon text tspan textPath tref a marker discard
	linearGradient radialGradient meshgradient meshGradient meshrow meshRow meshpatch meshPatch
	hatch hatchpath hatchPath solidcolor solidColor stop pattern clipPath mask filter color-profile
	feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
	feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR
	feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight
	feSpecularLighting feSpotLight feTile feTurbulence
	animate animateColor animateMotion animateTransform set mpath
	font font-face font-face-src font-face-uri font-face-format font-face-name glyph missing-glyph
	hkern vkern altGlyph altGlyphDef altGlyphItem glyphRef
	flowRoot flowRegion flowRegionExclude flowPara flowSpan flowDiv flowLine flowRegionBreak flowRef
	foreignObject`)

// htmlElements are the HTML elements a drawing's foreignObject may hold:
// the labels draw.io and Mermaid write, text and its formatting. No
// script, frame, form, link, meta or base.
var htmlElements = words(`div span p br hr b i u s em strong small big sub sup mark code pre kbd
	font center label ul ol li dl dt dd table thead tbody tfoot tr th td caption col colgroup
	h1 h2 h3 h4 h5 h6 blockquote a img style section article header footer nav abbr q cite
	strike tt wbr figure figcaption`)

// urlValued are the attributes whose values are addresses, or which an
// animation makes one (to, from, by, values of <animate>/<set> aimed at
// an href).
var urlValued = words(`href src to from by values action formaction background poster data`)

// safeXML reports whether an XML file runs nothing when a browser opens
// it: its elements are a drawing's (of svgElements, HTML of htmlElements
// in a foreignObject, or of an inert namespace), no attribute is an event
// (on…) or frame's (srcdoc), no address has a scheme that runs (entities
// decoded, as the browser decodes them: those the file declares too),
// its document type gives no attribute a default (ATTLIST) and declares
// no entity that holds markup, and no style sheet but CSS applies to it.
// In an SVG file (svg), an element without a namespace is judged as SVG;
// in another XML file it is the file's own data. What cannot be read is
// not safe.
func safeXML(b []byte, svg bool) bool {
	if len(b) > 1 && (b[0] == 0xff && b[1] == 0xfe || b[0] == 0xfe && b[1] == 0xff) {
		// UTF-16, which its byte order mark tells: read as UTF-8, the
		// encoding its declaration names then being this one.
		u, _, err := transform.Bytes(unicode.BOMOverride(unicode.UTF8.NewDecoder()), b)
		if err != nil {
			return false
		}
		b = u
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false // as browsers forgive: unclosed <br>, stray &
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		if strings.HasPrefix(strings.ToLower(label), "utf-16") {
			return in, nil // decoded above
		}
		return charset.NewReaderLabel(label, in)
	}
	entities := maps.Clone(xml.HTMLEntity)
	d.Entity = entities
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
			if !declareEntities(t, entities) {
				return false
			}
		case xml.ProcInst:
			if t.Target == "xml-stylesheet" && !strings.EqualFold(pseudoAttr(string(t.Inst), "type"), "text/css") {
				return false // XSLT, which may write HTML
			}
		case xml.StartElement:
			if !safeElement(t, svg) {
				return false
			}
		}
	}
}

// entityDecl is an internal general entity declaration with its value,
// in single or double quotes.
var entityDecl = regexp.MustCompile(`<!ENTITY\s+([^\s%"']+)\s+(?:"([^"]*)"|'([^']*)')\s*>`)

// declareEntities reads a document type declaration: it adds the general
// entities it declares to entities, and reports false for what a browser
// would turn into markup or attributes: a default attribute (ATTLIST), a
// parameter or external entity, an entity whose value holds markup or
// references. Illustrator declares its namespaces so (ns_ai).
func declareEntities(dir xml.Directive, entities map[string]string) bool {
	s := string(dir)
	if !strings.HasPrefix(strings.ToUpper(s), "DOCTYPE") {
		return true // a comment's or CDATA's leftovers: inert
	}
	open := strings.IndexByte(s, '[')
	if open < 0 {
		return true // a public DTD, which browsers do not load
	}
	subset := s[open:]
	if strings.Contains(strings.ToUpper(subset), "ATTLIST") {
		return false
	}
	decls := entityDecl.FindAllStringSubmatch(subset, -1)
	if strings.Count(strings.ToUpper(subset), "<!ENTITY") != len(decls) {
		return false // one this does not read: a parameter or external entity
	}
	for _, m := range decls {
		v := m[2] + m[3]
		if strings.ContainsAny(v, "<&%") {
			return false
		}
		entities[m[1]] = v
	}
	return true
}

// pseudoAttr returns the value of a processing instruction's pseudo
// attribute (type="text/css"), "" when it has none.
func pseudoAttr(inst, name string) string {
	for inst != "" {
		inst = strings.TrimLeft(inst, " \t\r\n")
		k, rest, ok := strings.Cut(inst, "=")
		if !ok {
			return ""
		}
		rest = strings.TrimLeft(rest, " \t\r\n")
		if rest == "" || rest[0] != '"' && rest[0] != '\'' {
			return ""
		}
		end := strings.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return ""
		}
		if strings.TrimSpace(k) == name {
			return rest[1 : 1+end]
		}
		inst = rest[end+2:]
	}
	return ""
}

// safeElement judges one element of an XML file, its namespace resolved.
func safeElement(t xml.StartElement, svg bool) bool {
	local := t.Name.Local
	switch ns := t.Name.Space; {
	case ns == svgNS || ns == "" && svg:
		// An SVG element; one without a namespace (a file that declares
		// none) is not drawn, but is judged as SVG all the same.
		if !svgElements[local] {
			return false
		}
	case ns == xhtmlNS:
		if !htmlElements[strings.ToLower(local)] {
			return false
		}
	case ns == mathNS:
		return false
	default:
		// An editor's, metadata's or the file's own data: inert, unless it
		// names script or a frame by any means.
		switch strings.ToLower(local) {
		case "script", "iframe", "frame", "object", "embed", "foreignobject":
			return false
		}
	}
	for _, a := range t.Attr {
		name := strings.ToLower(a.Name.Local)
		if strings.HasPrefix(name, "on") || name == "srcdoc" || name == "srcset" {
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
// a fragment, of a scheme that runs nothing in the page (http, https,
// mailto, tel, ftp, file, a Windows drive's letter) or a data: image.
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
	if !found || strings.ContainsAny(scheme, "/?#") || len(scheme) == 1 {
		return true // relative, or C:\… from the drawing's machine
	}
	switch scheme {
	case "http", "https", "mailto", "tel", "ftp", "file":
		return true
	case "data":
		// An image: in an <image> it runs nothing, even an SVG one; a
		// link to a data: address is not followed by browsers.
		return strings.HasPrefix(v, "data:image/")
	}
	return false
}
