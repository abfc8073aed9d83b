package markdown

import (
	"bytes"
	"slices"
	"strings"

	xhtml "golang.org/x/net/html"
)

// GitBook's export never writes scripts, frames, plug-ins, event handlers
// or inline styles in raw HTML: when a page holds some, someone typed them
// by hand, and a documentation site should not run them. They are
// removed, with a warning, unless the site trusts its raw HTML.

// dropped are the elements removed with their tags; for those in
// droppedContent, what they hold goes too.
var (
	dropped        = map[string]bool{"script": true, "style": true, "iframe": true, "frame": true, "frameset": true, "object": true, "embed": true, "applet": true, "base": true, "meta": true, "link": true, "noscript": true}
	droppedContent = map[string]bool{"script": true, "style": true, "noscript": true}
)

// suspicious is a cheap look at raw HTML before it is tokenized again:
// true when a tag may be one that sanitize drops, or an attribute with a
// value may be one it removes. It errs on the side of true: text that
// merely reads "<script" or " onion =" costs a sanitize pass, nothing
// more. Attribute names follow white space, '/' or the closing quote of
// the value before, as the tokenizer reads them; an attribute without a
// value does nothing, and passes.
func suspicious(b []byte) bool {
	for i, c := range b {
		switch suspectClass[c] {
		case 0:
			continue
		case '<':
			if dropped[tagName(b[i:])] { // an end tag names "": its start tag decides
				return true
			}
		default: // a separator before an attribute name
			if i+1 < len(b) && attrStart[b[i+1]] && hasRemovedAttr(b[i+1:]) {
				return true
			}
		}
	}
	return false
}

// suspectClass marks the bytes after which suspicious looks further:
// '<', and the separators before attribute names. attrStart marks the
// first letters of the attributes sanitize removes.
var (
	suspectClass [256]byte
	attrStart    [256]bool
)

func init() {
	suspectClass['<'] = '<'
	for _, c := range []byte(" \t\n\r\f/\"'") {
		suspectClass[c] = 's'
	}
	for _, c := range []byte("oOsSfF") {
		attrStart[c] = true
	}
}

func hasRemovedAttr(b []byte) bool {
	if !hasPrefixFold(b, "on") && !hasPrefixFold(b, "style") && !hasPrefixFold(b, "srcdoc") && !hasPrefixFold(b, "formaction") {
		return false
	}
	i := 0
	for i < len(b) && !isHTMLSpace(b[i]) && b[i] != '/' && b[i] != '=' && b[i] != '>' {
		i++ // the rest of the name, as the tokenizer reads it
	}
	for i < len(b) && isHTMLSpace(b[i]) {
		i++
	}
	return i < len(b) && b[i] == '='
}

func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// hasPrefixFold reports whether b starts with the lower-case ASCII prefix,
// in any case.
func hasPrefixFold(b []byte, prefix string) bool {
	if len(b) < len(prefix) {
		return false
	}
	for i := 0; i < len(prefix); i++ {
		if b[i]|0x20 != prefix[i] {
			return false
		}
	}
	return true
}

// sanitize removes from b what a page must not run, and names what it
// removed ("<script>", "onclick", "style"…), in order, once each.
func sanitize(b []byte) ([]byte, []string) {
	var out bytes.Buffer
	var removed []string
	note := func(s string) {
		if !slices.Contains(removed, s) {
			removed = append(removed, s)
		}
	}
	z := xhtml.NewTokenizer(bytes.NewReader(b))
	skip := "" // inside an element whose content goes too
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			break
		}
		raw := z.Raw()
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken, xhtml.EndTagToken:
			tok := z.Token()
			if skip != "" {
				if tt == xhtml.EndTagToken && tok.Data == skip {
					skip = ""
				}
				continue
			}
			if dropped[tok.Data] {
				if tt != xhtml.EndTagToken {
					note("<" + tok.Data + ">")
				}
				if tt == xhtml.StartTagToken && droppedContent[tok.Data] {
					skip = tok.Data
				}
				continue
			}
			if tt == xhtml.EndTagToken {
				out.Write(raw)
				continue
			}
			kept := tok.Attr[:0]
			for _, a := range tok.Attr {
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "srcdoc" || a.Key == "formaction" {
					note(a.Key)
					continue
				}
				kept = append(kept, a)
			}
			if len(kept) == len(tok.Attr) {
				out.Write(raw)
				continue
			}
			tok.Attr = kept
			out.WriteByte('<')
			out.WriteString(tok.Data)
			for _, a := range kept {
				writeAttr(&out, a.Key, a.Val)
			}
			if tt == xhtml.SelfClosingTagToken {
				out.WriteString(" /")
			}
			out.WriteByte('>')
		default:
			if skip == "" {
				out.Write(raw)
			}
		}
	}
	return out.Bytes(), removed
}
