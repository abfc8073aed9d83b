// Package links holds folio's pure URL and path arithmetic: where a source
// file is published, how one output page links to another, how GitBook
// derives heading IDs, and how to recognise the special links GitBook's
// export leaves behind (placeholders for broken links, links into the
// GitBook editor), and whether a host is this machine (LoopbackHost).
//
// All paths here are slash-separated. A "site path" is a URL path relative
// to the site root without a leading slash: "" is the root page, "a/b/" a
// page, "a/img.png" a file. Site paths are kept unescaped; Escape turns one
// into the form written in href and src attributes.
package links

import (
	"net"
	"net/url"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// IsReadme reports whether the file name is a section index page. GitBook
// accepts README.md in any letter case.
func IsReadme(name string) bool {
	return strings.EqualFold(path.Base(name), "README.md")
}

// PageURL returns the site path of the page published from the Markdown
// file p (relative to its space): "a/b.md" → "a/b/", "a/README.md" → "a/",
// "README.md" → "". This matches the URLs GitBook publishes, so old links
// keep working on the new host.
func PageURL(p string) string {
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	if IsReadme(p) {
		d := path.Dir(p)
		if d == "." {
			return ""
		}
		return d + "/"
	}
	ext := path.Ext(p)
	if strings.EqualFold(ext, ".md") {
		p = p[:len(p)-len(ext)]
	}
	if p == "" {
		return ""
	}
	return p + "/"
}

// Escape percent-encodes each segment of a site path for use in an
// attribute value, keeping the slashes.
func Escape(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = escapeSegment(s)
	}
	return strings.Join(segs, "/")
}

func escapeSegment(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		clean = s[i] < 0x80 && !shouldEscape(s[i])
	}
	if clean {
		return s // most segments: nothing to escape, no copy
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || shouldEscape(c) {
			b.WriteByte('%')
			b.WriteByte("0123456789ABCDEF"[c>>4])
			b.WriteByte("0123456789ABCDEF"[c&15])
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// shouldEscape keeps the unreserved characters and the sub-delimiters that
// are harmless in a path segment; everything else (space, parentheses,
// quotes, '#', '?', '%', '<', '>') is encoded, and so is ':', which would
// make "a:b/" read as a URL with the scheme "a".
func shouldEscape(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return false
	}
	switch c {
	case '-', '.', '_', '~', '!', '$', '&', '*', '+', ',', ';', '=', '@':
		return false
	}
	return true
}

// Rel returns the relative URL that leads from the page at site path from
// (a directory URL such as "a/b/" or "") to the site path to. The result
// is escaped and never empty: the page itself is "./".
func Rel(from, to string) string {
	fromDir := from
	if i := strings.LastIndexByte(fromDir, '/'); i >= 0 {
		fromDir = fromDir[:i+1]
	} else {
		fromDir = ""
	}
	// Drop the directories both paths share.
	for {
		i := strings.IndexByte(fromDir, '/')
		if i < 0 || !strings.HasPrefix(to, fromDir[:i+1]) {
			break
		}
		fromDir = fromDir[i+1:]
		to = to[i+1:]
	}
	up := strings.Repeat("../", strings.Count(fromDir, "/"))
	r := up + Escape(to)
	if r == "" {
		return "./"
	}
	if up == "" && strings.HasPrefix(r, "/") {
		// A leading slash would read as a host ("//x") or the site root.
		r = "./" + r
	}
	return r
}

// Root returns the relative prefix from the page at site path from to the
// site root: "./" for the root, "../../" for "a/b/".
func Root(from string) string {
	n := strings.Count(from, "/")
	if n == 0 {
		return "./"
	}
	return strings.Repeat("../", n)
}

// GitHubSlug returns the id GitHub gives a heading whose plain text is
// text, before it tells duplicates apart: lower case, every character
// other than a letter, a mark, a digit, '_', '-' and the space dropped
// (punctuation, emoji), then each space a '-', none collapsed
// ("✨ What's new?" is "-whats-new"). Pages written on GitHub link to
// their sections so.
func GitHubSlug(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsNumber(r) || unicode.Is(unicode.Pc, r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Slug returns the heading ID GitBook gives a heading whose plain text is
// text (rule R3 of the syntax reference): lower case; every run of
// characters other than letters, digits, '.' and '-' becomes '-'; runs of
// '-' collapse; leading and trailing '-' are trimmed; an "id-" prefix when
// the result starts with a digit. Zero-width characters are dropped first,
// and accented letters are in their composed form (NFC).
func Slug(text string) string {
	// Most headings are ASCII: slugRunes's rule, a byte at a time.
	var b strings.Builder
	b.Grow(len(text))
	pendingDash := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c >= utf8.RuneSelf {
			return slugRunes(text)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' {
			if pendingDash && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingDash = false
			b.WriteByte(c)
			continue
		}
		pendingDash = true
	}
	s := b.String()
	if s != "" && '0' <= s[0] && s[0] <= '9' {
		s = "id-" + s
	}
	return s
}

// honkitDropped are the characters HonKit's heading IDs leave out
// (github-slugid): ASCII punctuation but '-', and a few typographic signs.
const honkitDropped = "[]!\"'#$%&()*+,./:;<=>?@\\^_`{|}~©∑®†“”‘’∂ƒ™℠…œŒ˚ºª•∆∞♥"

// HonKitSlug is the ID HonKit gives a heading of text: the text without
// honkitDropped, each space a '-' (a tab, which HonKit's parser expands,
// four), lower-cased, less one leading '-'. Unlike Slug it keeps runs of
// '-', a trailing '-', digits first and any other letter or sign, so that
// the anchors of a HonKit book's links keep working.
func HonKitSlug(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '\t':
			b.WriteString("----")
		case strings.ContainsRune(honkitDropped, r):
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimPrefix(strings.ToLower(b.String()), "-")
}

func slugRunes(text string) string {
	// One form of each accented letter: a heading typed with a combining
	// accent (e + U+0301) has the ID of one typed with é, which is what
	// an author types in a link.
	text = norm.NFC.String(text)
	var b strings.Builder
	b.Grow(len(text))
	pendingDash := false
	// A mark is kept only on a kept letter: not ⚠️'s U+FE0F, nor the
	// U+FE0F U+20E3 of the keycap 1️⃣ after its digit.
	afterLetter := false
	for _, r := range strings.ToLower(text) {
		switch {
		case isZeroWidth(r):
			continue
		case unicode.IsMark(r) && !afterLetter:
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '.':
			if pendingDash && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingDash, afterLetter = false, unicode.IsLetter(r) || unicode.IsMark(r)
			b.WriteRune(r)
		default: // '-' and every separator
			pendingDash, afterLetter = true, false
		}
	}
	s := b.String()
	if s != "" {
		if r, _ := utf8.DecodeRuneInString(s); unicode.IsDigit(r) {
			s = "id-" + s
		}
	}
	return s
}

// maxIDLen bounds an ID an author writes: longer ones are text pasted by
// mistake, not a name to link to.
const maxIDLen = 200

// ValidID reports whether id, written by an author (`# Title {#id}`), may
// be published as an element ID: letters, digits and combining marks of
// any script, '-', '_', '.' and ':', at most maxIDLen bytes. It is an
// allowlist, so that an ID never holds a space, a quote, '#', '%' or an
// invisible character, and reads the same in a URL fragment and in HTML.
func ValidID(id string) bool {
	if id == "" || len(id) > maxIDLen || !utf8.ValidString(id) {
		return false
	}
	for _, r := range id {
		switch {
		case r == '-' || r == '_' || r == '.' || r == ':':
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		default:
			return false
		}
	}
	return true
}

// mayContainFold reports whether s may hold sub, an ASCII lower-case
// string, as strings.EqualFold matches: in any case, and for any s with
// a byte past ASCII, which Unicode folding may match (K, the Kelvin
// sign, folds to k).
func mayContainFold(s, sub string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return true
		}
	}
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}

func isZeroWidth(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\ufeff', '\u2060':
		return true
	}
	return false
}

// Unsafe reports whether a link or resource URL may not be published.
// It is an allowlist: a URL is safe when it is relative (a path, a
// query or a fragment, "//host/…" included) or when its scheme is http,
// https, mailto or tel, or data: for a raster image (which cannot run
// code). Everything else is unsafe: javascript:, vbscript:, data:text/html,
// and the schemes folio does not know, which could be the next of these.
// dest is the value a browser sees: entities already decoded.
func Unsafe(dest string) bool {
	scheme, rest := Scheme(dest)
	switch scheme {
	case "", "http", "https", "mailto", "tel":
		return false
	case "data":
		return !rasterData(rest)
	}
	return true
}

// Scheme returns the scheme of dest as a browser reads it, in lower
// case, and what follows its colon; "" for a relative URL. Browsers skip
// control characters and spaces around a URL and drop tabs and newlines
// inside it ("java\tscript:"); Scheme skips every such byte, so it may
// find a scheme where a browser sees a relative path ("java script:"),
// never the reverse.
func Scheme(dest string) (scheme, rest string) {
	var buf [16]byte
	n := 0 // scheme letters seen; past len(buf) only counted
	for i := 0; i < len(dest); i++ {
		c := dest[i]
		switch {
		case c <= ' ' || c == 0x7f:
			continue
		case c == ':':
			if n == 0 {
				return "", dest
			}
			if n > len(buf) {
				return "?", dest[i+1:] // longer than any scheme folio allows
			}
			return string(buf[:n]), dest[i+1:]
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z':
		case n > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.'):
		default:
			return "", dest // '/', '?', '#', non-ASCII…: a relative URL
		}
		if n < len(buf) {
			buf[n] = c
		}
		n++
	}
	return "", dest
}

// rasterData reports whether the rest of a data: URL (after "data:")
// holds a raster image: PNG, JPEG, GIF, WebP or AVIF. SVG is not one: an
// SVG document opened on its own runs its scripts.
func rasterData(rest string) bool {
	// Read as a browser reads it: tabs and newlines dropped, spaces
	// before the type skipped; any other control character is kept, and
	// makes no image type.
	var b strings.Builder
	for i := 0; i < len(rest) && b.Len() < 11; i++ {
		switch c := rest[i]; {
		case c == '\t' || c == '\n' || c == '\r':
		case (c == ' ' || c == '\f') && b.Len() == 0:
		default:
			b.WriteByte(c)
		}
	}
	mime := strings.ToLower(b.String())
	for _, t := range []string{"image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"} {
		if rest, ok := strings.CutPrefix(mime, t); ok && (rest == "" || rest[0] == ';' || rest[0] == ',') {
			return true
		}
	}
	return false
}

// Placeholder reports whether dest is one of the markers GitBook writes for
// a link it could not resolve: "broken-reference", "/broken/pages/<id>" or
// "/broken/spaces/<id>/pages/<id>".
func Placeholder(dest string) bool {
	d := strings.TrimPrefix(strings.TrimPrefix(dest, "./"), "/")
	d, _, _ = strings.Cut(d, "#")
	if d == "broken-reference" || strings.HasSuffix(d, "/broken-reference") && !strings.Contains(dest, "://") {
		return true
	}
	return strings.HasPrefix(dest, "/broken/pages/") || strings.HasPrefix(dest, "/broken/spaces/")
}

// SpaceLink is a link into GitBook's editor or its local preview server.
type SpaceLink struct {
	Space  string // space id; "" for a collection or organisation link
	Path   string // page path inside the space, without leading or trailing slash
	Anchor string // fragment without '#'
	Local  bool   // written by the editor's local server (127.0.0.1:5000)
}

// ParseSpaceLink recognises https://app.gitbook.com/s/<id>/<path>,
// https://app.gitbook.com/o/<org>/s/<id>/[~/changes/<n>/]<path> (or
// ~/revisions/<id>/, ~/edit/drafts/<id>/), other
// app.gitbook.com/o/<org>/… links (collections) and the same forms on
// http://127.0.0.1:5000. User profile links (/u/<id>) are not space links.
func ParseSpaceLink(dest string) (SpaceLink, bool) {
	if !strings.Contains(dest, "//") || !strings.Contains(dest, ":5000") && !mayContainFold(dest, "app.gitbook.com") {
		// No host, or not one of GitBook's: most links, decided without
		// parsing. (url.Parse refuses a host with ASCII percent-encoded.)
		return SpaceLink{}, false
	}
	return parseSpaceLink(dest)
}

func parseSpaceLink(dest string) (SpaceLink, bool) {
	u, err := url.Parse(dest)
	if err != nil || u.Host == "" {
		return SpaceLink{}, false
	}
	var l SpaceLink
	switch {
	case strings.EqualFold(u.Host, "app.gitbook.com"):
	case u.Host == "127.0.0.1:5000" || u.Host == "localhost:5000":
		l.Local = true
	default:
		return SpaceLink{}, false
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(segs) >= 2 && segs[0] == "o" {
		segs = segs[2:]
		if len(segs) == 0 || segs[0] != "s" {
			// An organisation or collection page: not a space, still not
			// reachable by readers outside GitBook.
			l.Anchor = u.Fragment
			return l, true
		}
	}
	if len(segs) == 0 || segs[0] != "s" {
		return SpaceLink{}, false
	}
	segs = segs[1:]
	if len(segs) > 0 {
		l.Space = segs[0]
		segs = segs[1:]
	}
	switch {
	case len(segs) >= 3 && segs[0] == "~" && (segs[1] == "changes" || segs[1] == "revisions"):
		// A change request or a revision: its page, as published.
		segs = segs[3:]
	case len(segs) >= 4 && segs[0] == "~" && segs[1] == "edit" && segs[2] == "drafts":
		// The editor's older drafts.
		segs = segs[4:]
	}
	l.Path = strings.Trim(strings.Join(segs, "/"), "/")
	l.Anchor = u.Fragment
	return l, true
}

// UserLink reports whether dest is a GitBook user's profile in the
// editor, https://app.gitbook.com/u/<id>, which a user mention links to.
func UserLink(dest string) bool {
	if !mayContainFold(dest, "app.gitbook.com") {
		return false
	}
	u, err := url.Parse(dest)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && strings.EqualFold(u.Host, "app.gitbook.com") &&
		strings.HasPrefix(u.Path, "/u/") && len(u.Path) > len("/u/")
}

// IsExternal reports whether dest has a scheme or is protocol-relative, so
// that it does not point into the site's files.
func IsExternal(dest string) bool {
	if strings.HasPrefix(dest, "//") {
		return true
	}
	i := strings.IndexAny(dest, ":/?#")
	if i <= 0 || dest[i] != ':' {
		return false
	}
	for j := 0; j < i; j++ {
		c := dest[j]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || j > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return true
}

// Key makes a short identifier of a name: its letters and digits in lower
// case, every other run of characters one dash ("POST /vouchers/{id}" →
// "post-vouchers-id"). Tab keys and the anchors of API operations and
// schemas use it.
func Key(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		dash = true
	}
	return b.String()
}

// LoopbackHost reports whether host (a name or an IP address, without a
// port) names this machine only: localhost or a loopback address.
func LoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
