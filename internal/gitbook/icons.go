package gitbook

import (
	"html"
	"strings"
)

// IconSVG returns the inline SVG of a named icon, with its name as the
// accessible text. Names folio has not drawn get a neutral dot. The names
// are Font Awesome's, in English, and marked so: a French page's screen
// reader read "rocket" as French (t42).
func IconSVG(name string) string {
	body, ok := iconBody(name)
	if !ok {
		body = iconUnknown
	}
	return svg(name, `role="img" lang="en" aria-label="`+html.EscapeString(IconLabel(name))+`"`, body)
}

// IconLabel is what screen readers read for the icon called name, which
// IconSVG names so: its name in words ("arrow right").
func IconLabel(name string) string { return strings.ReplaceAll(name, "-", " ") }

// DecorativeIconSVG is the icon called name beside text that says what
// it means (a page's title): hidden from screen readers; "" for an icon
// folio has not drawn.
func DecorativeIconSVG(name string) string {
	body, ok := iconBody(name)
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
func KnownIcon(name string) bool { _, ok := iconBody(name); return ok }

// iconBody is the drawing of the icon called name, or of the one it is a
// variant of (iconVariants).
func iconBody(name string) (string, bool) {
	if b, ok := icons[name]; ok {
		return b, true
	}
	b, ok := icons[iconVariants[name]]
	return b, ok
}

// iconVariants are Font Awesome names drawn as another of folio's icons:
// the same object, in another style or a Pro edition (t46).
var iconVariants = map[string]string{"rocket-launch": "rocket"}

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
	"upload":               `<path d="M12 21V9M6 13l6-6 6 6M4 3h16"/>`,
	"wand-magic-sparkles":  `<path d="M4 20L15 9"/><path d="M14 7l2-2 3 3-2 2z"/><path d="M19 13v3M17.5 14.5h3M8 3v3M6.5 4.5h3"/>`,
	"brain":                `<path d="M11 4.5A3 3 0 0 0 6 6a3 3 0 0 0-2 5 3 3 0 0 0 1 5 3 3 0 0 0 4 3.5 2 2 0 0 0 2-1z"/><path d="M13 4.5A3 3 0 0 1 18 6a3 3 0 0 1 2 5 3 3 0 0 1-1 5 3 3 0 0 1-4 3.5 2 2 0 0 1-2-1z"/>`,
	"fingerprint":          `<path d="M6 11a6 6 0 0 1 12 0v1"/><path d="M9 20c1-2 1.5-5 1.5-8a1.5 1.5 0 0 1 3 0c0 3-.5 6-1.5 8"/><path d="M5.5 16c.5-1.5.5-3 .5-5M18 15c0 2-.5 3.5-1 5"/>`,
	"gitlab":               `<path d="M12 21l-9-7 2.5-10 3 8h7l3-8 2.5 10z"/>`,
	"aws":                  `<path d="M7 12a3.5 3.5 0 0 1 .5-7 5 5 0 0 1 9 1.5A3 3 0 0 1 17 12z"/><path d="M3 16c5 3.5 13 3.5 18 0"/><path d="M18 15l3 1-1 3"/>`,
	"js":                   `<rect x="3" y="3" width="18" height="18" rx="2"/><path d="M11 9v6a2 2 0 0 1-4 0M18 9.5a2 2 0 0 0-3.5 1c0 2.5 3.5 1.5 3.5 4a2 2 0 0 1-3.5 1"/>`,
	"slack":                `<path d="M10 3v8M14 13v8M3 14h8M13 10h8"/>`,
	"discord":              `<path d="M5 6c4-2 10-2 14 0l2 11c-2 2-4 3-6 3l-1-2c-2 .5-2 .5-4 0l-1 2c-2 0-4-1-6-3z"/><circle cx="9" cy="13" r="1"/><circle cx="15" cy="13" r="1"/>`,
	"x-twitter":            `<path d="M4 4l16 16M20 4L4 20"/>`,
	"docker":               `<path d="M2 13h18c1 0 2-2 2-3-1 0-2 0-3 1 0-2-1-3-2-3-1 2 0 3 0 3H2c0 5 4 8 9 8 6 0 9-3 10-6"/>`,
	"python":               `<path d="M12 3c-5 0-5 2-5 3v2h5v1H5c-2 0-3 2-3 4s1 4 3 4h2v-3c0-2 1-3 3-3h5c1 0 2-1 2-2V6c0-1-1-3-5-3z"/><path d="M12 21c5 0 5-2 5-3v-2h-5v-1h7c2 0 3-2 3-4"/>`,
	"house":                `<path d="M3 11l9-7 9 7"/><path d="M5 10v10h5v-6h4v6h5V10"/>`,
	"circle-question":      `<circle cx="12" cy="12" r="9"/><path d="M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17h.01"/>`,
	"question":             `<path d="M8.5 8a3.5 3.5 0 1 1 5 3.2c-.9.4-1.5 1.2-1.5 2.2V15M12 19h.01"/>`,
	"circle-check":         `<circle cx="12" cy="12" r="9"/><path d="M8 12l3 3 5-6"/>`,
	"circle-exclamation":   `<circle cx="12" cy="12" r="9"/><path d="M12 7v6M12 16.5h.01"/>`,
	"flag":                 `<path d="M5 21V4M5 4h11l-2 4 2 4H5"/>`,
	"shield":               `<path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z"/>`,
	"shield-halved":        `<path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z"/><path d="M12 3v18"/>`,
	"key":                  `<circle cx="8" cy="15" r="4"/><path d="M11 12l9-9M16 7l3 3M14 9l2 2"/>`,
	"cloud":                `<path d="M7 18h10a4 4 0 0 0 .5-8 6 6 0 0 0-11.5 1.5A3.5 3.5 0 0 0 7 18z"/>`,
	"database":             `<ellipse cx="12" cy="5" rx="8" ry="3"/><path d="M4 5v14c0 1.7 3.6 3 8 3s8-1.3 8-3V5M4 12c0 1.7 3.6 3 8 3s8-1.3 8-3"/>`,
	"server":               `<rect x="3" y="4" width="18" height="7" rx="1"/><rect x="3" y="13" width="18" height="7" rx="1"/><path d="M7 7.5h.01M7 16.5h.01"/>`,
	"plug":                 `<path d="M9 3v5M15 3v5M6 8h12v3a6 6 0 0 1-12 0zM12 17v4"/>`,
	"puzzle-piece":         `<path d="M4 8h4a2 2 0 1 1 4 0h4v4a2 2 0 1 1 0 4v4H4v-4a2 2 0 1 0 0-4z"/>`,
	"list":                 `<path d="M9 6h11M9 12h11M9 18h11M4 6h.01M4 12h.01M4 18h.01"/>`,
	"list-check":           `<path d="M11 6h9M11 12h9M11 18h9M3 6l1.5 1.5L7 5M3 12l1.5 1.5L7 11M3 18l1.5 1.5L7 17"/>`,
	"pen":                  `<path d="M4 20l4-1L19 8l-3-3L5 16z"/><path d="M14 7l3 3"/>`,
	"pencil":               `<path d="M4 20l4-1L19 8l-3-3L5 16z"/><path d="M14 7l3 3"/>`,
	"wrench":               `<path d="M15 4a5 5 0 0 0-5 6l-7 7a2 2 0 0 0 3 3l7-7a5 5 0 0 0 6-5l-3 3-3-1-1-3z"/>`,
	"screwdriver-wrench":   `<path d="M15 4a5 5 0 0 0-5 6l-7 7a2 2 0 0 0 3 3l7-7a5 5 0 0 0 6-5l-3 3-3-1-1-3z"/><path d="M4 4l5 5"/>`,
	"box":                  `<path d="M3 7l9-4 9 4-9 4z"/><path d="M3 7v10l9 4 9-4V7M12 11v10"/>`,
	"cube":                 `<path d="M12 2l9 5v10l-9 5-9-5V7z"/><path d="M3 7l9 5 9-5M12 12v10"/>`,
	"graduation-cap":       `<path d="M2 9l10-5 10 5-10 5z"/><path d="M6 11v5c3 2 9 2 12 0v-5M22 9v6"/>`,
	"clipboard":            `<rect x="5" y="4" width="14" height="17" rx="2"/><path d="M9 4V3h6v1M9 10h6M9 14h6"/>`,
	"calendar":             `<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M3 10h18M8 3v4M16 3v4"/>`,
	"clock":                `<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 3"/>`,
	"bell":                 `<path d="M6 16v-5a6 6 0 0 1 12 0v5l2 2H4z"/><path d="M10 20a2 2 0 0 0 4 0"/>`,
	"envelope":             `<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>`,
	"comments":             `<path d="M3 4h13v9H8l-5 4z"/><path d="M19 8h2v11l-4-3h-6v-3"/>`,
	"message":              `<path d="M4 5h16v11H9l-5 4z"/>`,
	"bug":                  `<rect x="7" y="8" width="10" height="12" rx="5"/><path d="M12 8V5M9 5l1 3M15 5l-1 3M3 13h4M17 13h4M4 8l3 2M20 8l-3 2M4 19l3-2M20 19l-3-2"/>`,
	"flask":                `<path d="M9 3h6M10 3v6l-5 9a2 2 0 0 0 2 3h10a2 2 0 0 0 2-3l-5-9V3"/><path d="M7 15h10"/>`,
	"map":                  `<path d="M3 6l6-3 6 3 6-3v15l-6 3-6-3-6 3z"/><path d="M9 3v15M15 6v15"/>`,
	"compass":              `<circle cx="12" cy="12" r="9"/><path d="M15.5 8.5l-2 5-5 2 2-5z"/>`,
	"chart-line":           `<path d="M3 3v18h18"/><path d="M7 15l4-4 3 3 6-6"/>`,
	"chart-simple":         `<path d="M4 20V10M10 20V4M16 20v-7M21 20H3"/>`,
	"table":                `<rect x="3" y="4" width="18" height="16" rx="1"/><path d="M3 10h18M3 15h18M10 4v16"/>`,
	"layer-group":          `<path d="M12 3l9 5-9 5-9-5z"/><path d="M3 13l9 5 9-5"/>`,
	"palette":              `<path d="M12 3a9 9 0 1 0 0 18c1 0 2-1 1.5-2-.6-1.3.3-3 2-3H18a3 3 0 0 0 3-3 9 9 0 0 0-9-10z"/><circle cx="7.5" cy="11" r="1"/><circle cx="10" cy="7" r="1"/><circle cx="15" cy="7.5" r="1"/>`,
	"mobile":               `<rect x="7" y="2" width="10" height="20" rx="2"/><path d="M11 18h2"/>`,
	"desktop":              `<rect x="2" y="4" width="20" height="13" rx="1"/><path d="M8 21h8M12 17v4"/>`,
	"laptop":               `<rect x="4" y="5" width="16" height="11" rx="1"/><path d="M2 19h20"/>`,
	"play":                 `<path d="M7 4l13 8-13 8z"/>`,
	"image":                `<rect x="3" y="4" width="18" height="16" rx="2"/><circle cx="9" cy="10" r="2"/><path d="M21 16l-5-5-9 9"/>`,
	"tag":                  `<path d="M3 3h8l10 10-8 8L3 11z"/><circle cx="7.5" cy="7.5" r="1.2"/>`,
	"bookmark":             `<path d="M6 3h12v18l-6-4-6 4z"/>`,
	"eye":                  `<path d="M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12z"/><circle cx="12" cy="12" r="3"/>`,
	"trash":                `<path d="M4 7h16M9 7V4h6v3M6 7l1 14h10l1-14"/>`,
	"plus":                 `<path d="M12 5v14M5 12h14"/>`,
	"newspaper":            `<rect x="3" y="4" width="15" height="16" rx="1"/><path d="M18 8h3v10a2 2 0 0 1-2 2M7 8h7M7 12h7M7 16h4"/>`,
	"file-lines":           `<path d="M6 2h8l5 5v15H6z"/><path d="M14 2v5h5M9 12h7M9 16h7"/>`,
	"sitemap":              `<rect x="9" y="3" width="6" height="5"/><rect x="3" y="16" width="6" height="5"/><rect x="15" y="16" width="6" height="5"/><path d="M12 8v4M6 16v-4h12v4"/>`,
	"microchip":            `<rect x="6" y="6" width="12" height="12" rx="1"/><path d="M9 2v4M15 2v4M9 18v4M15 18v4M2 9h4M2 15h4M18 9h4M18 15h4"/>`,
	"building":             `<rect x="5" y="3" width="14" height="18"/><path d="M9 7h.01M15 7h.01M9 11h.01M15 11h.01M9 15h.01M15 15h.01M10 21v-3h4v3"/>`,
	"life-ring":            `<circle cx="12" cy="12" r="9"/><circle cx="12" cy="12" r="4"/><path d="M5.6 5.6l3.6 3.6M14.8 14.8l3.6 3.6M18.4 5.6l-3.6 3.6M9.2 14.8l-3.6 3.6"/>`,
	"paper-plane":          `<path d="M22 2L2 10l8 3 3 8z"/><path d="M10 13L22 2"/>`,
	"cart-shopping":        `<path d="M3 4h2l3 11h11l2-8H7"/><circle cx="9" cy="19" r="1.5"/><circle cx="17" cy="19" r="1.5"/>`,
	"credit-card":          `<rect x="2" y="5" width="20" height="14" rx="2"/><path d="M2 10h20M6 15h4"/>`,
	"flag-checkered":       `<path d="M5 21V4M5 4h14v8H5"/><path d="M9 4v8M13 4v8M5 8h14"/>`,
}
