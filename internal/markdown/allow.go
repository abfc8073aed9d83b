package markdown

import (
	"strings"

	"folio/internal/links"
)

// The raw HTML a page may publish is an allowlist: the elements GitBook's
// editor and Git Sync write, those HonKit books commonly use, and the
// drawing parts of SVG and MathML, each with the attributes it may carry.
// Anything else is removed with an unsafe-html warning (sanitize), and the
// quick look that decides whether a block needs sanitizing (suspicious)
// asks the same table, so the two cannot disagree about a name. A new
// element or attribute is added here, with the guide's list (GitBook
// blocks › HTML in pages), which TestAllowlistDocumented keeps in step.

// attrKind says which values an allowed attribute may take.
type attrKind uint8

const (
	anyValue attrKind = iota // text the browser neither runs nor loads
	urlValue                 // a link or resource: links.Unsafe decides, as for Markdown links
	urlList                  // srcset: every URL in it as urlValue
	localRef                 // SVG <use>/<textPath> href: "#id" in the same page only
	paint                    // SVG fill, stroke, clip-path…: url(#id) only, never another document
	checkbox                 // <input type>: "checkbox" only
	colour                   // style of <mark>/<span>: GitBook's colours only, rewritten as classes (writeMark), never published
	relation                 // rel of <a>: link types that give the target page nothing (relTypes)
)

// allowTable lists the elements, grouped by the attributes they share
// beyond the global ones. An attribute is "name" (any value) or
// "name:kind" with kind url, urls, local, paint, checkbox, colour or rel.
var allowTable = []struct{ elements, attributes string }{
	// Text and structure.
	{"p div h1 h2 h3 h4 h5 h6 center", ""},
	{"span", "style:colour"},
	{"mark", "style:colour"},
	{"br", "clear"}, // <br clear="all"> after a floated image, a README's way to end the float
	{"hr wbr b i u s em strong small big sub sup kbd code samp var tt strike dfn abbr cite bdi ruby rt rp " +
		"section article aside header footer address hgroup figure figcaption dl dt dd summary caption", ""},
	{"bdo", ""},
	{"font", "color size face"},
	{"pre", ""},
	{"blockquote q", "cite:url"},
	{"del ins", "cite:url datetime"},
	{"time", "datetime"},
	{"data", "value"},
	{"ul", "type"},
	{"ol", "start reversed type"},
	{"li", "value type"},
	{"details", "open"},
	// Links and media.
	{"a", "href:url name target rel:rel hreflang type download"},
	{"img", "src:url srcset:urls sizes alt width height loading decoding border hspace vspace"},
	{"picture", ""},
	{"source", "src:url srcset:urls sizes media type width height"},
	{"video", "src:url poster:url width height controls autoplay loop muted playsinline preload"},
	{"audio", "src:url controls autoplay loop muted preload"},
	{"track", "src:url kind srclang label default"},
	// Tables, as GitBook writes them (typed columns, cards).
	{"table", "width border cellpadding cellspacing summary"},
	{"thead tbody tfoot", "valign"},
	{"tr", "valign"},
	{"th td", "colspan rowspan headers scope abbr width height valign nowrap"},
	{"colgroup col", "span width"},
	// GitBook's buttons, select columns and task cells; there is no
	// <form>, so none of them sends anything anywhere.
	{"button", "type disabled"},
	{"select", "disabled multiple"},
	{"option", "value label color selected disabled"},
	{"optgroup", "label disabled"},
	{"input", "type:checkbox checked disabled"},
	// SVG, its drawing elements only: no <script>, <foreignObject>,
	// <image>, animation (<animate>, <set>…, which can set a link to
	// javascript:), and <use> of the same page only.
	{"svg", "xmlns xmlns:xlink version viewbox preserveaspectratio width height x y focusable " + svgPresentation},
	{"g defs symbol", "viewbox preserveaspectratio " + svgPresentation},
	{"path", "d pathlength " + svgPresentation},
	{"rect", "x y width height rx ry pathlength " + svgPresentation},
	{"circle", "cx cy r pathlength " + svgPresentation},
	{"ellipse", "cx cy rx ry pathlength " + svgPresentation},
	{"line", "x1 y1 x2 y2 pathlength " + svgPresentation},
	{"polyline polygon", "points pathlength " + svgPresentation},
	{"text tspan", "x y dx dy rotate textlength lengthadjust " + svgPresentation},
	{"textpath", "href:local xlink:href:local startoffset method spacing side " + svgPresentation},
	{"use", "href:local xlink:href:local x y width height " + svgPresentation},
	{"desc", ""},
	{"lineargradient", "x1 y1 x2 y2 gradientunits gradienttransform spreadmethod href:local xlink:href:local"},
	{"radialgradient", "cx cy r fx fy fr gradientunits gradienttransform spreadmethod href:local xlink:href:local"},
	{"stop", "offset stop-color stop-opacity"},
	{"clippath", "clippathunits transform"},
	{"mask", "x y width height maskunits maskcontentunits " + svgPresentation},
	{"pattern", "x y width height patternunits patterncontentunits patterntransform viewbox preserveaspectratio"},
	{"marker", "viewbox refx refy markerwidth markerheight markerunits orient preserveaspectratio"},
	// MathML, presentation markup: no <annotation-xml>, which may hold
	// HTML, and no href, which MathML 3 allowed on any element.
	{"math", "xmlns display alttext"},
	{"mrow mi mn mo ms mtext mspace msup msub msubsup mfrac msqrt mroot munder mover munderover " +
		"mtable mtr mtd mstyle merror mpadded mphantom menclose mmultiscripts mprescripts none semantics annotation",
		"mathvariant mathsize displaystyle scriptlevel fence separator stretchy symmetric largeop movablelimits " +
			"accent accentunder lspace rspace minsize maxsize form linethickness columnalign rowalign columnspan " +
			"rowspan columnlines rowlines frame notation width height depth voffset encoding bevelled"},
}

// svgPresentation are SVG's presentation attributes: how a shape is
// drawn. Those that take a paint or a reference accept url(#id) only.
const svgPresentation = "transform fill:paint fill-opacity fill-rule stroke:paint stroke-width stroke-linecap " +
	"stroke-linejoin stroke-dasharray stroke-dashoffset stroke-opacity stroke-miterlimit opacity " +
	"clip-path:paint clip-rule mask:paint marker-start:paint marker-mid:paint marker-end:paint " +
	"font-family font-size font-weight font-style text-anchor dominant-baseline alignment-baseline " +
	"color visibility display vector-effect shape-rendering text-rendering"

// globalAttrs may be on any allowed element. aria-* attributes are too
// (ariaAttr), and the data-* attributes GitBook writes; other data-*
// attributes are not, since the theme's script acts on some of its own
// (data-embed-src loads a frame, data-copy fills the clipboard).
var globalAttrs = map[string]attrKind{}

const globalNames = "id class title lang dir role tabindex hidden translate align " +
	"data-view data-header-hidden data-full-width data-search data-card-size data-card-wrap data-type " +
	"data-hidden data-card-target data-card-cover data-card-cover-dark data-option data-mention data-size " +
	"data-with-frame data-icon data-action data-query data-title data-overflow data-line-numbers " +
	"data-gb-custom-block data-gb-custom-inline data-tag data-code data-style data-id"

// allowed maps each allowed element to its own attributes.
var allowed = map[string]map[string]attrKind{}

func init() {
	kinds := map[string]attrKind{"url": urlValue, "urls": urlList, "local": localRef, "paint": paint, "checkbox": checkbox, "colour": colour, "rel": relation}
	parse := func(spec string, into map[string]attrKind) {
		for _, a := range strings.Fields(spec) {
			name, kind := a, anyValue
			if i := strings.LastIndexByte(a, ':'); i > 0 && kinds[a[i+1:]] != 0 {
				name, kind = a[:i], kinds[a[i+1:]]
			}
			into[name] = kind
		}
	}
	parse(globalNames, globalAttrs)
	for _, row := range allowTable {
		for _, el := range strings.Fields(row.elements) {
			if allowed[el] == nil {
				allowed[el] = map[string]attrKind{}
			}
			parse(row.attributes, allowed[el])
		}
	}
}

// elementAllowed reports whether the element called name (lower case)
// may be published.
func elementAllowed(name string) bool {
	_, ok := allowed[name]
	return ok
}

// attrRule returns the kind of values the attribute key (lower case) of
// the element el may take, and false when it may not be there at all.
func attrRule(el, key string) (attrKind, bool) {
	if k, ok := allowed[el][key]; ok {
		return k, true
	}
	if k, ok := globalAttrs[key]; ok {
		return k, true
	}
	return anyValue, ariaAttr(key)
}

// ariaAttr reports whether key is an ARIA attribute: "aria-" and letters.
func ariaAttr(key string) bool {
	rest, ok := strings.CutPrefix(key, "aria-")
	if !ok || rest == "" {
		return false
	}
	for i := 0; i < len(rest); i++ {
		if rest[i] < 'a' || rest[i] > 'z' {
			return false
		}
	}
	return true
}

// valueAllowed reports whether val, as the browser reads it (entities
// decoded), is one the attribute may take.
func valueAllowed(kind attrKind, val string) bool {
	switch kind {
	case urlValue:
		return !links.Unsafe(val)
	case urlList:
		// A srcset is URLs and descriptors separated by commas and spaces;
		// a data: URL holds a comma of its own. Every piece that could be
		// a URL is checked: a descriptor ("2x", "640w") is a relative path
		// to links.Unsafe.
		for _, f := range strings.FieldsFunc(val, func(r rune) bool { return r == ',' || r <= ' ' }) {
			if links.Unsafe(f) {
				return false
			}
		}
		return true
	case localRef:
		v := strings.TrimSpace(val)
		return strings.HasPrefix(v, "#") && !strings.ContainsAny(v, "()")
	case paint:
		return localPaint(val)
	case checkbox:
		return strings.EqualFold(strings.TrimSpace(val), "checkbox")
	case colour:
		return markStyle(val)
	case relation:
		for _, t := range strings.Fields(strings.ToLower(val)) {
			if !relTypes[t] {
				return false
			}
		}
		return true
	}
	return true // anyValue
}

// relTypes are the link types a page's <a rel> may give: none hands the
// page it opens a hold on this one, as "opener" does (with target=_blank,
// the opened page could send this tab elsewhere).
var relTypes = map[string]bool{
	"noopener": true, "noreferrer": true, "nofollow": true, "external": true, "ugc": true, "sponsored": true,
	"author": true, "help": true, "license": true, "tag": true, "bookmark": true, "me": true,
	"next": true, "prev": true, "alternate": true, "privacy-policy": true, "terms-of-service": true,
}

// localPaint reports whether an SVG paint or reference value points at
// nothing or at an element of the same page: every "url(" in it must be
// followed by "#".
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
