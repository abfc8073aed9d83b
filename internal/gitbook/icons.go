package gitbook

import (
	"html"
	"strings"
)

// IconSVG returns the inline SVG of a named icon, with its name as the
// accessible text. Names folio has not drawn get a neutral dot.
func IconSVG(name string) string {
	body, ok := icons[name]
	if !ok {
		body = iconUnknown
	}
	label := strings.ReplaceAll(name, "-", " ")
	return svg(name, `role="img" aria-label="`+html.EscapeString(label)+`"`, body)
}

// DecorativeIconSVG is the icon called name beside text that says what
// it means (a page's title): hidden from screen readers; "" for an icon
// folio has not drawn.
func DecorativeIconSVG(name string) string {
	body, ok := icons[name]
	if !ok {
		return ""
	}
	return svg(name, `aria-hidden="true"`, body)
}

// svg draws the icon name, its drawing body, with the attributes a11y
// say what it is to screen readers.
func svg(name, a11y, body string) string {
	return `<svg class="icon icon-` + html.EscapeString(name) + `" viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" ` +
		a11y + `>` + body + `</svg>`
}

// KnownIcon reports whether folio has drawn the icon called name.
func KnownIcon(name string) bool { _, ok := icons[name]; return ok }

const iconUnknown = `<circle cx="12" cy="12" r="4"/>`

// icons are folio's own drawings (24×24, stroked) of the Font Awesome names
// GitBook pages use.
var icons = map[string]string{
	"github":               `<path d="M9 19c-4 1.5-4-2-6-2.5M15 21v-3.5a3 3 0 0 0-.9-2.3c3-.3 6-1.5 6-6.5a5 5 0 0 0-1.4-3.5 4.6 4.6 0 0 0-.1-3.5s-1.1-.3-3.6 1.4a12.3 12.3 0 0 0-6.4 0C6.1 1.4 5 1.7 5 1.7a4.6 4.6 0 0 0-.1 3.5A5 5 0 0 0 3.5 8.7c0 5 3 6.2 6 6.5a3 3 0 0 0-.9 2.3V21"/>`,
	"gitbook":              `<path d="M4 6l8 4 8-4-8-4z"/><path d="M4 12l8 4 8-4"/><path d="M4 18l8 4 8-4"/>`,
	"book":                 `<path d="M4 4h11a3 3 0 0 1 3 3v13H7a3 3 0 0 1-3-3z"/><path d="M4 17a3 3 0 0 1 3-3h11"/>`,
	"books":                `<rect x="3" y="4" width="5" height="16"/><rect x="9" y="4" width="5" height="16"/><path d="M15 5l4-1 3 15-4 1z"/>`,
	"book-open":            `<path d="M2 5h7a3 3 0 0 1 3 3v12a2 2 0 0 0-2-2H2z"/><path d="M22 5h-7a3 3 0 0 0-3 3v12a2 2 0 0 1 2-2h8z"/>`,
	"windows":              `<path d="M3 5l8-1v7H3zM13 4l8-1v8h-8zM3 13h8v7l-8-1zM13 13h8v8l-8-1z"/>`,
	"apple":                `<path d="M12 7c-1-1-4-2-6 0s-2 7 0 10 3 4 6 2c3 2 4 1 6-2 1-2 1-3 1-3-2-1-3-4-1-6-1-2-4-2-6-1z"/><path d="M12 7c0-2 1-4 3-4"/>`,
	"linux":                `<path d="M12 3c-2 0-3 2-3 4v3c-2 2-4 5-4 8 0 2 3 3 7 3s7-1 7-3c0-3-2-6-4-8V7c0-2-1-4-3-4z"/><circle cx="10.5" cy="8" r=".5"/><circle cx="13.5" cy="8" r=".5"/>`,
	"robot":                `<rect x="4" y="8" width="16" height="12" rx="2"/><path d="M12 4v4M9 13h.01M15 13h.01M9 17h6"/>`,
	"openai":               `<circle cx="12" cy="12" r="8"/><path d="M12 4v8l7 4M12 12l-7 4"/>`,
	"claude":               `<path d="M12 3v18M3 12h18M5.6 5.6l12.8 12.8M18.4 5.6L5.6 18.4"/>`,
	"cursor":               `<path d="M5 3l14 8-6 2-2 6z"/>`,
	"vscode":               `<path d="M17 3l4 2v14l-4 2L7 12zM17 3v18M7 12l-4-3M7 12l-4 3"/>`,
	"hand-pointer":         `<path d="M9 11V4a2 2 0 0 1 4 0v6h3a3 3 0 0 1 3 3v3a5 5 0 0 1-5 5h-2a5 5 0 0 1-4-2l-3-4a2 2 0 0 1 3-2l1 1"/>`,
	"rectangle-terminal":   `<rect x="2" y="4" width="20" height="16" rx="2"/><path d="M6 9l3 3-3 3M12 15h5"/>`,
	"terminal":             `<path d="M4 17l6-5-6-5M12 19h8"/>`,
	"money-bill-transfer":  `<rect x="2" y="6" width="20" height="12" rx="2"/><circle cx="12" cy="12" r="2.5"/>`,
	"gitbook-assistant":    `<path d="M12 3l2 5 5 2-5 2-2 5-2-5-5-2 5-2z"/>`,
	"sparkles":             `<path d="M12 3l2 5 5 2-5 2-2 5-2-5-5-2 5-2z"/>`,
	"magnifying-glass":     `<circle cx="11" cy="11" r="7"/><path d="M21 21l-5-5"/>`,
	"check":                `<path d="M5 12l5 5 9-10"/>`,
	"xmark":                `<path d="M6 6l12 12M18 6L6 18"/>`,
	"info":                 `<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7h.01"/>`,
	"circle-info":          `<circle cx="12" cy="12" r="9"/><path d="M12 11v6M12 7h.01"/>`,
	"triangle-exclamation": `<path d="M12 3l10 18H2z"/><path d="M12 10v5M12 18h.01"/>`,
	"lightbulb":            `<path d="M9 18h6M10 21h4M12 3a6 6 0 0 0-4 10c1 1 1 2 1 3h6c0-1 0-2 1-3a6 6 0 0 0-4-10z"/>`,
	"rocket":               `<path d="M5 19c0-3 2-5 2-5l3 3s-2 2-5 2zM9 14l-2-2c2-5 6-9 13-9 0 7-4 11-9 13z"/><circle cx="15" cy="9" r="1.5"/>`,
	"code":                 `<path d="M8 7l-5 5 5 5M16 7l5 5-5 5"/>`,
	"gear":                 `<circle cx="12" cy="12" r="3"/><path d="M12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1"/>`,
	"globe":                `<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c3 3 3 15 0 18M12 3c-3 3-3 15 0 18"/>`,
	"link":                 `<path d="M10 14a4 4 0 0 0 6 0l3-3a4 4 0 0 0-6-6l-1 1M14 10a4 4 0 0 0-6 0l-3 3a4 4 0 0 0 6 6l1-1"/>`,
	"file":                 `<path d="M6 2h8l5 5v15H6z"/><path d="M14 2v5h5"/>`,
	"folder":               `<path d="M3 6h6l2 2h10v11H3z"/>`,
	"users":                `<circle cx="9" cy="8" r="3"/><path d="M3 20a6 6 0 0 1 12 0M16 5a3 3 0 0 1 0 6M21 20a6 6 0 0 0-4-5.6"/>`,
	"user":                 `<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>`,
	"lock":                 `<rect x="4" y="11" width="16" height="10" rx="2"/><path d="M8 11V7a4 4 0 0 1 8 0v4"/>`,
	"bolt":                 `<path d="M13 2L4 14h7l-1 8 9-12h-7z"/>`,
	"star":                 `<path d="M12 3l3 6 6 1-4.5 4.5L18 21l-6-3-6 3 1.5-6.5L3 10l6-1z"/>`,
	"heart":                `<path d="M12 20s-8-5-8-11a4 4 0 0 1 8-1 4 4 0 0 1 8 1c0 6-8 11-8 11z"/>`,
	"arrow-right":          `<path d="M4 12h16M14 6l6 6-6 6"/>`,
	"download":             `<path d="M12 3v12M6 11l6 6 6-6M4 21h16"/>`,
	"slack":                `<path d="M10 3v8M14 13v8M3 14h8M13 10h8"/>`,
	"discord":              `<path d="M5 6c4-2 10-2 14 0l2 11c-2 2-4 3-6 3l-1-2c-2 .5-2 .5-4 0l-1 2c-2 0-4-1-6-3z"/><circle cx="9" cy="13" r="1"/><circle cx="15" cy="13" r="1"/>`,
	"x-twitter":            `<path d="M4 4l16 16M20 4L4 20"/>`,
	"docker":               `<path d="M2 13h18c1 0 2-2 2-3-1 0-2 0-3 1 0-2-1-3-2-3-1 2 0 3 0 3H2c0 5 4 8 9 8 6 0 9-3 10-6"/>`,
	"python":               `<path d="M12 3c-5 0-5 2-5 3v2h5v1H5c-2 0-3 2-3 4s1 4 3 4h2v-3c0-2 1-3 3-3h5c1 0 2-1 2-2V6c0-1-1-3-5-3z"/><path d="M12 21c5 0 5-2 5-3v-2h-5v-1h7c2 0 3-2 3-4"/>`,
}
