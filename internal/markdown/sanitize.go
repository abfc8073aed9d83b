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

// suspicious is a cheap look at raw HTML before it is tokenized again.
func suspicious(b []byte) bool {
	low := bytes.ToLower(b)
	for _, s := range []string{"<script", "<style", "<iframe", "<frame", "<object", "<embed", "<applet", "<base", "<meta", "<link", "<noscript", " on", "\ton", "\non", "style=", "srcdoc", "formaction"} {
		if bytes.Contains(low, []byte(s)) {
			return true
		}
	}
	return false
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
