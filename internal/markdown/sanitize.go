package markdown

import (
	"bytes"
	"html"
	"slices"
	"strings"

	xhtml "golang.org/x/net/html"

	"folio/internal/htmlname"
	"folio/internal/links"
)

// Raw HTML is cut to the allowlist of allow.go before folio rewrites it:
// what is not on it is removed, with a warning at its line, unless the
// site trusts its raw HTML. Most blocks hold nothing to remove; a quick
// look (suspicious) lets them through without tokenizing them twice.

// suspicious reports whether sanitize may change b: it reads the tags of
// b as the tokenizer does and returns true at the first element or
// attribute the allowlist does not admit, at a value it cannot judge
// without decoding entities, at a comment, doctype or other markup that
// is not a tag, at a '<' in text, and at a tag left open at the end of b
// (a block of raw HTML is published beside other blocks: nothing of it
// may spill into the next). It asks the allowlist the same questions
// sanitize does, so that a false answer means sanitize would leave b as
// it is, which the tests and FuzzSuspicious hold it to.
func suspicious(b []byte) bool {
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return false
		}
		i += j + 1
		if i == len(b) {
			return true // a '<' the next block could complete
		}
		end := false
		if b[i] == '/' {
			end = true
			i++
			if i == len(b) {
				return true
			}
		}
		if !isASCIILetter(b[i]) {
			return true // comments, doctypes, "</ ", and a '<' in text, which sanitize escapes
		}
		n, ok := scanTag(b[i:], end)
		if !ok {
			return true
		}
		i += n
	}
}

// scanTag reads the tag whose name starts b (after "<" or "</") up to its
// '>', as the HTML tokenizer reads it, and reports how many bytes it took
// and whether the allowlist admits it as it is: its element, and for a
// start tag each attribute and value. An end tag's attributes mean
// nothing to a browser; they are read past.
func scanTag(b []byte, end bool) (int, bool) {
	i := 0
	for i < len(b) && !isHTMLSpace(b[i]) && b[i] != '/' && b[i] != '>' {
		i++
	}
	attrs, ok := allowed[string(lowerBytes(b[:i]))]
	if !ok {
		return 0, false
	}
	for {
		for i < len(b) && (isHTMLSpace(b[i]) || b[i] == '/') {
			i++
		}
		if i == len(b) {
			return 0, false // open at the end
		}
		if b[i] == '>' {
			return i + 1, true
		}
		// An attribute name runs to a space, '/', '>' or '=', though a
		// name may start with '='.
		start := i
		i++
		for i < len(b) && !isHTMLSpace(b[i]) && b[i] != '/' && b[i] != '>' && b[i] != '=' {
			i++
		}
		key := lowerBytes(b[start:i])
		j := i
		for j < len(b) && isHTMLSpace(b[j]) {
			j++
		}
		var val []byte
		if j < len(b) && b[j] == '=' {
			j++
			for j < len(b) && isHTMLSpace(b[j]) {
				j++
			}
			if j == len(b) {
				return 0, false
			}
			switch q := b[j]; q {
			case '"', '\'':
				k := bytes.IndexByte(b[j+1:], q)
				if k < 0 {
					return 0, false
				}
				val = b[j+1 : j+1+k]
				j += k + 2
			case '>': // "a=>": an empty value, and the end of the tag
			default:
				k := j
				for k < len(b) && !isHTMLSpace(b[k]) && b[k] != '>' {
					k++
				}
				val = b[j:k]
				j = k
			}
			i = j
		}
		if end {
			continue
		}
		kind, ok := attrs[string(key)]
		if !ok {
			kind, ok = globalAttrs[string(key)]
		}
		if !ok && !ariaAttr(string(key)) {
			return 0, false
		}
		if kind != anyValue {
			// Entities must be decoded as the browser decodes them before
			// the value is judged: sanitize does it with the tokenizer.
			if bytes.IndexByte(val, '&') >= 0 || !valueAllowed(kind, string(val)) {
				return 0, false
			}
		}
	}
}

// lowerBytes returns b as the tokenizer names an element or attribute:
// in ASCII lower case, NUL read as U+FFFD. Most names need no change,
// and then no copy: the map lookups of scanTag do not allocate.
func lowerBytes(b []byte) []byte {
	for _, c := range b {
		if 'A' <= c && c <= 'Z' || c == 0 {
			return []byte(strings.ToLower(strings.ReplaceAll(string(b), "\x00", "\ufffd")))
		}
	}
	return b
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// hasPrefixFold reports whether b starts with the lower-case ASCII prefix,
// in any case.
func hasPrefixFold(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if lowerASCII(b[i]) != prefix[i] {
			return false
		}
	}
	return true
}

// lowerASCII is c in lower case, if it is an ASCII capital. (c|0x20 is
// that only for letters: it took the control characters for '"', '='
// and '>', t89.)
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// removal is what sanitize took out of one tag: the element itself, or
// some of its attributes.
type removal struct {
	off     int    // of the tag in the input
	element string // the tag's element
	whole   bool   // the element went, with its content when the tokenizer reads that as text
	open    bool   // the tag is left open at the end of the block
	attrs   []string
}

// message describes the removal for the unsafe-html warning.
func (r removal) message() string {
	if r.open {
		return "raw HTML ends inside the tag <" + r.element + ">: the tag is removed"
	}
	if r.whole {
		if textContent[r.element] {
			return "raw HTML <" + r.element + "> removed with its content: not on folio's allowlist"
		}
		return "raw HTML <" + r.element + "> removed, its content kept: not on folio's allowlist"
	}
	return "raw HTML <" + r.element + ">: " + strings.Join(r.attrs, ", ") + " removed: not on folio's allowlist"
}

// textContent are the elements whose content the tokenizer reads as text
// up to their end tag. None is on the allowlist: their content goes with
// them, for a browser may read it as markup (inside <svg>, <style> holds
// elements).
var textContent = map[string]bool{"script": true, "style": true, "title": true, "textarea": true, "xmp": true,
	"iframe": true, "noembed": true, "noframes": true, "noscript": true, "plaintext": true}

// InertHTML reports whether the HTML b holds nothing the raw HTML
// allowlist takes out: opened on its own, as a page, it runs nothing.
func InertHTML(b []byte) bool {
	_, removed, _ := sanitize(b)
	return len(removed) == 0
}

// sanitize removes from b what the allowlist does not admit and reports
// each tag it changed; a doctype goes silently. What it keeps is copied
// as written, but for what could make markup with what is next to it: a
// tag left open at the end is dropped, a comment closed, a '<' in text
// escaped. at maps offsets in the output back to
// the input: entry k is the start of a token in both.
func sanitize(b []byte) (out []byte, removed []removal, at []offsetPair) {
	var buf bytes.Buffer
	buf.Grow(len(b))
	z := xhtml.NewTokenizer(bytes.NewReader(b))
	skip := "" // inside an element whose text content goes too
	pos := 0
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			if pos < len(b) {
				// A tag open at the end: the tokenizer returns nothing for
				// it, and so does sanitize.
				removed = append(removed, removal{off: pos, element: string(lowerBytes(tagNameBytes(b[pos:]))), open: true})
			}
			break
		}
		raw := z.Raw()
		start := pos
		pos += len(raw)
		at = append(at, offsetPair{buf.Len(), start})
		switch tt {
		case xhtml.TextToken:
			if skip != "" {
				continue
			}
			// A '<' in text is no tag to the tokenizer. Next to a removed
			// tag, or to the next block ("<" then "script …"), a browser
			// could read one: it is escaped.
			if bytes.IndexByte(raw, '<') >= 0 {
				raw = bytes.ReplaceAll(raw, []byte("<"), []byte("&lt;"))
			}
			buf.Write(raw)
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			if skip != "" {
				if string(name) == skip {
					skip = ""
				}
				continue
			}
			if htmlname.PlaceholderName(string(name)) {
				writeAsText(&buf, raw)
			} else if elementAllowed(string(name)) {
				buf.Write(raw)
			}
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			if skip != "" {
				continue
			}
			tok := z.Token()
			if htmlname.PlaceholderName(tok.Data) {
				writeAsText(&buf, raw)
				continue
			}
			if !elementAllowed(tok.Data) {
				removed = append(removed, removal{off: start, element: tok.Data, whole: true})
				if tt == xhtml.StartTagToken && textContent[tok.Data] {
					skip = tok.Data
				}
				continue
			}
			kept := tok.Attr[:0]
			var gone []string
			for _, a := range tok.Attr {
				kind, ok := attrRule(tok.Data, a.Key)
				switch {
				case !ok:
					gone = appendOnce(gone, a.Key)
				case !valueAllowed(kind, a.Val):
					gone = appendOnce(gone, a.Key+`="`+shortValue(kind, a.Val)+`"`)
				default:
					kept = append(kept, a)
				}
			}
			if gone == nil {
				buf.Write(raw)
				continue
			}
			removed = append(removed, removal{off: start, element: tok.Data, attrs: gone})
			if tok.Data == "img" && !slices.ContainsFunc(kept, func(a xhtml.Attribute) bool { return a.Key == "src" || a.Key == "srcset" }) {
				// An image whose address went shows nothing: its
				// alternative text stands in its place, as text (t85: an
				// <img> without src, which HTML does not allow).
				for _, a := range kept {
					if a.Key == "alt" {
						buf.WriteString(html.EscapeString(a.Val))
					}
				}
				continue
			}
			buf.WriteByte('<')
			buf.WriteString(tok.Data)
			for _, a := range kept {
				writeAttr(&buf, a.Key, a.Val)
			}
			if tt == xhtml.SelfClosingTagToken {
				buf.WriteString(" /")
			}
			buf.WriteByte('>')
		case xhtml.CommentToken:
			// Written anew, so that one left open at the end is closed
			// and swallows nothing after the block.
			if skip == "" {
				raw := z.Raw()
				open := !bytes.HasSuffix(raw, []byte("-->")) && !bytes.HasSuffix(raw, []byte("--!>")) &&
					string(raw) != "<!-->" && string(raw) != "<!--->"
				buf.WriteString("<!--")
				buf.WriteString(z.Token().Data)
				buf.WriteString("-->")
				if open {
					buf.WriteByte('\n') // it ran to the block's end, as a block ends
				}
			}
		}
		// Doctypes: nothing.
	}
	return buf.Bytes(), removed, at
}

// offsetPair ties an offset in sanitize's output to one in its input.
type offsetPair struct{ out, in int }

// inputOffset maps an offset of sanitize's output back to its input.
func inputOffset(at []offsetPair, off int) int {
	k := len(at) - 1
	for k > 0 && at[k].out > off {
		k--
	}
	if k < 0 {
		return off
	}
	return at[k].in + off - at[k].out
}

// tagNameBytes returns the name of the tag b starts with ("<div …").
func tagNameBytes(b []byte) []byte {
	i := 1
	if i < len(b) && b[i] == '/' {
		i++
	}
	j := i
	for j < len(b) && !isHTMLSpace(b[j]) && b[j] != '/' && b[j] != '>' {
		j++
	}
	return b[min(i, len(b)):j]
}

// shortValue shows the part of a removed value that made it go: the
// scheme of a URL, the start of anything else.
func shortValue(kind attrKind, v string) string {
	switch kind {
	case urlValue:
		if s, _ := links.Scheme(v); s != "" {
			return s + ":…"
		}
	case urlList:
		for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r <= ' ' }) {
			if s, _ := links.Scheme(f); s != "" && !valueAllowed(urlValue, f) {
				return s + ":…"
			}
		}
	}
	if len(v) > 20 {
		return strings.ToValidUTF8(v[:20], "") + "…"
	}
	return v
}

func appendOnce(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

// writeAsText writes the tag raw as the text it shows: `<name>` for a
// placeholder in a sentence.
func writeAsText(buf *bytes.Buffer, raw []byte) {
	buf.WriteString(html.EscapeString(string(raw)))
}
