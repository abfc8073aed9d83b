package markdown

import (
	"bytes"
	"strings"

	xhtml "golang.org/x/net/html"

	"folio/internal/gitbook"
)

// markColors maps GitBook's mark colours to the theme's colour classes.
// Semantic colours take the hue the theme gives them.
var markColors = map[string]string{
	"red": "red", "orange": "orange", "yellow": "yellow", "green": "green", "blue": "blue", "purple": "purple",
	"pink": "red", "violet": "purple", "cyan": "blue",
	"$primary": "blue", "$tint": "blue", "$info": "blue", "$success": "green", "$warning": "orange", "$danger": "red",
}

// markStyle reports whether a style of <mark> or <span> is one GitBook
// writes: text and background colours of markColors only, which
// writeMark turns into classes. Anything else in a style is removed by
// the sanitizer, with a warning, rather than dropped unsaid.
func markStyle(style string) bool {
	for _, decl := range strings.Split(style, ";") {
		if strings.TrimSpace(decl) == "" {
			continue
		}
		k, v, ok := strings.Cut(decl, ":")
		if !ok || markColors[strings.ToLower(strings.TrimSpace(v))] == "" {
			return false
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "color", "background-color", "background":
		default:
			return false
		}
	}
	return true
}

// writeMark writes a <mark> or <span> whose style GitBook uses for text and
// background colours as classes: a style attribute never reaches the page.
func writeMark(out *bytes.Buffer, tok xhtml.Token, selfClosing bool) {
	var classes []string
	for _, decl := range strings.Split(attrVal(tok, "style"), ";") {
		k, v, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		c := markColors[strings.ToLower(strings.TrimSpace(v))]
		if c == "" {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "color":
			classes = append(classes, "mark-"+c)
		case "background-color", "background":
			classes = append(classes, "mark-bg-"+c)
		}
	}
	out.WriteByte('<')
	out.WriteString(tok.Data)
	cls := strings.TrimSpace(attrVal(tok, "class") + " " + strings.Join(classes, " "))
	for _, a := range tok.Attr {
		if a.Key == "style" || a.Key == "class" || strings.HasPrefix(a.Key, "on") {
			continue
		}
		writeAttr(out, a.Key, a.Val)
	}
	if cls != "" {
		writeAttr(out, "class", cls)
	}
	if selfClosing {
		out.WriteString(" /")
	}
	out.WriteByte('>')
}

// iconName returns the Font Awesome name of `<i class="fa-name">`, "" for
// any other <i>.
func iconName(tok xhtml.Token) string {
	for _, c := range strings.Fields(attrVal(tok, "class")) {
		if n, ok := strings.CutPrefix(c, "fa-"); ok && n != "" && !faModifiers[n] {
			return n
		}
	}
	return ""
}

// rawIcon returns the Font Awesome name of the raw start tag
// `<i class="fa-name">`, "" for any other tag.
func rawIcon(raw []byte) string {
	if tagName(raw) != "i" {
		return ""
	}
	z := xhtml.NewTokenizer(bytes.NewReader(raw))
	if z.Next() != xhtml.StartTagToken {
		return ""
	}
	return iconName(z.Token())
}

// faModifiers are Font Awesome classes that are not icon names.
var faModifiers = map[string]bool{"solid": true, "regular": true, "light": true, "thin": true, "duotone": true,
	"brands": true, "sharp": true, "fw": true, "lg": true, "xs": true, "sm": true, "xl": true, "2x": true, "spin": true}

// iconHTML returns folio's drawing of the icon called name.
func iconHTML(name string) string { return gitbook.IconSVG(name) }

// KnownIcon reports whether folio has drawn the icon called name.
func KnownIcon(name string) bool { return gitbook.KnownIcon(name) }
