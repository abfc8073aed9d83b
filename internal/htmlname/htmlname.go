// Package htmlname knows the names of the elements of HTML, SVG and
// MathML. A tag of another name (`<name>`, `List<String>`,
// `<your-api-key>`) is a placeholder in a page's text, which a browser
// would hide: folio shows it as the text it is, as GitBook does.
package htmlname

import "strings"

// names are the elements of HTML, SVG and MathML, current and obsolete,
// in lower case as a tokenizer gives them.
const names = "a abbr acronym address applet area article aside audio b base basefont bdi bdo bgsound big blink " +
	"blockquote body br button canvas caption center cite code col colgroup data datalist dd del details dfn " +
	"dialog dir div dl dt em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 " +
	"head header hgroup hr html i iframe image img input ins isindex kbd keygen label legend li link listing " +
	"main map mark marquee menu menuitem meta meter multicol nav nextid nobr noembed noframes noscript object " +
	"ol optgroup option output p param picture plaintext portal pre progress q rb rp rt rtc ruby s samp script " +
	"search section select selectedcontent slot small source spacer span strike strong style sub summary sup " +
	"table tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp " +
	// SVG
	"svg animate animatemotion animatetransform circle clippath cursor defs desc discard ellipse feblend " +
	"fecolormatrix fecomponenttransfer fecomposite feconvolvematrix fediffuselighting fedisplacementmap " +
	"fedistantlight fedropshadow feflood fefunca fefuncb fefuncg fefuncr fegaussianblur feimage femerge " +
	"femergenode femorphology feoffset fepointlight fespecularlighting fespotlight fetile feturbulence filter " +
	"font-face font-face-format font-face-name font-face-src font-face-uri foreignobject g glyph glyphref hkern " +
	"line lineargradient marker mask metadata missing-glyph mpath path pattern polygon polyline radialgradient " +
	"rect set stop switch symbol text textpath tref tspan use view vkern " +
	// MathML
	"math annotation annotation-xml maction maligngroup malignmark menclose merror mfenced mfrac mglyph mi " +
	"mlabeledtr mlongdiv mmultiscripts mn mo mover mpadded mphantom mprescripts mroot mrow ms mscarries " +
	"mscarry msgroup msline mspace msqrt msrow mstack mstyle msub msubsup msup mtable mtd mtext mtr munder " +
	"munderover none semantics"

var known = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range strings.Fields(names) {
		m[n] = true
	}
	return m
}()

// PlaceholderName reports whether a tag named name (lower case, as a
// tokenizer gives it) names no element: text that looks like a tag. A
// tag's name starts with a letter: a comment (`<!-- -->`), a doctype or
// `<?xml` is markup of another kind, and so is a namespaced name
// (`<o:p>`, Word's).
func PlaceholderName(name string) bool {
	return name != "" && name[0] >= 'a' && name[0] <= 'z' && !known[name] && !strings.Contains(name, ":")
}

// Placeholder reports whether the inline tag raw (`<name>`, `</T>`) is a
// placeholder (PlaceholderName).
func Placeholder(raw []byte) bool {
	if len(raw) < 3 || raw[0] != '<' {
		return false
	}
	i := 1
	if raw[i] == '/' {
		i++
	}
	j := i
	for j < len(raw) && !strings.ContainsRune(" \t\n\r\f/>", rune(raw[j])) {
		j++
	}
	return PlaceholderName(strings.ToLower(string(raw[i:j])))
}
