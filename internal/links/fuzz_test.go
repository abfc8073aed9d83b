package links

import (
	"fmt"
	"html"
	"net/url"
	"path"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzSlug: IDs are never padded with dashes, never hold separators, and
// slugging an ID again changes nothing.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"4.15 Bulk payment", "UX/UI", "\u200bx", "Déjà vu", "--a--", "1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id := Slug(s)
		if want := slugRunes(s); id != want {
			t.Fatalf("Slug(%q) = %q, want %q as slugRunes", s, id, want)
		}
		if strings.HasPrefix(id, "-") || strings.HasSuffix(id, "-") || strings.Contains(id, "--") {
			t.Fatalf("Slug(%q) = %q", s, id)
		}
		if strings.ContainsAny(id, " /#?\"'<>") {
			t.Fatalf("Slug(%q) = %q holds a separator", s, id)
		}
		if utf8.ValidString(s) && Slug(id) != id {
			t.Fatalf("Slug(Slug(%q)) = %q, want %q", s, Slug(id), id)
		}
	})
}

// FuzzValidID: an ID ValidID admits needs no escaping in HTML, reads as
// one word in a URL fragment, and is its own slug's equal when it is
// lower-case ASCII words: nothing a browser would change or split.
func FuzzValidID(f *testing.F) {
	for _, s := range []string{"custom-id", "a b", "été", "a\u200b", "x:y.z_1", "#", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if !ValidID(id) {
			return
		}
		if html.EscapeString(id) != id || url.PathEscape(id) != escapeASCIIOnly(id) {
			t.Fatalf("ValidID(%q) admits a character HTML or a URL escapes", id)
		}
		for _, r := range id {
			if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("ValidID(%q) admits %U", id, r)
			}
		}
	})
}

// escapeASCIIOnly percent-encodes the bytes past ASCII of s, which is
// what url.PathEscape does to an ID made of letters, digits and -_.:.
func escapeASCIIOnly(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 {
			fmt.Fprintf(&b, "%%%02X", c)
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// FuzzRel: a relative URL between two site paths never reads as a URL
// with a scheme, never escapes upward more than the page is deep, and
// never holds a raw space or quote.
func FuzzRel(f *testing.F) {
	f.Add("a/b/", "a/c/")
	f.Add("", "x y/é.png")
	f.Add("a/", "c:d/")
	f.Fuzz(func(t *testing.T, from, to string) {
		// Site paths are clean: the build makes them with PageURL and
		// path.Clean.
		from = PageURL(from + ".md")
		dir := strings.HasSuffix(to, "/")
		to = strings.TrimPrefix(path.Clean("/"+to), "/")
		if dir && to != "" {
			to += "/"
		}
		r := Rel(from, to)
		if IsExternal(r) || Unsafe(r) {
			t.Fatalf("Rel(%q, %q) = %q reads as an absolute URL", from, to, r)
		}
		if strings.ContainsAny(r, " \"'<>") {
			t.Fatalf("Rel(%q, %q) = %q is not escaped", from, to, r)
		}
		up := 0
		for rest := r; strings.HasPrefix(rest, "../"); rest = rest[3:] {
			up++
		}
		if up > strings.Count(from, "/") {
			t.Fatalf("Rel(%q, %q) = %q climbs above the root", from, to, r)
		}
	})
}

// FuzzUnsafe holds Unsafe to the URL standard's reading of a scheme: a
// destination whose scheme, as a browser parses it, is not one folio
// publishes must be unsafe.
func FuzzUnsafe(f *testing.F) {
	for _, s := range []string{"javascript:x", " JaVa\tScript:x", "vbscript:", "data:text/html,x", "data:image/png,x", "page.md", "\x7fjavascript:", "İjavascript:", "\x00\x1fjava\r\nscript:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		scheme, ok := browserScheme(dest)
		if !ok || Unsafe(dest) {
			return
		}
		switch scheme {
		case "http", "https", "mailto", "tel":
		case "data":
			rest := strings.ToLower(strings.Map(func(r rune) rune {
				if r <= ' ' {
					return -1
				}
				return r
			}, dest[strings.IndexByte(dest, ':')+1:]))
			if strings.HasPrefix(rest, "image/") && !strings.HasPrefix(rest, "image/svg") {
				return
			}
			t.Errorf("Unsafe(%q) = false for a data: URL of %q", dest, rest)
		default:
			t.Errorf("Unsafe(%q) = false, but a browser reads the scheme %q", dest, scheme)
		}
	})
}

// browserScheme is the URL standard's scheme state, written plainly: the
// input trimmed of C0 controls and spaces, tabs and newlines removed,
// then an ASCII letter and letters, digits, '+', '-' or '.' up to ':'.
func browserScheme(dest string) (string, bool) {
	dest = strings.TrimFunc(dest, func(r rune) bool { return r <= ' ' })
	dest = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(dest)
	i := strings.IndexByte(dest, ':')
	if i <= 0 {
		return "", false
	}
	for j := 0; j < i; j++ {
		c := dest[j]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || j > 0 && ('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return "", false
		}
	}
	return strings.ToLower(dest[:i]), true
}

func FuzzParseSpaceLink(f *testing.F) {
	for _, s := range []string{"https://app.gitbook.com/s/X/a#b", "HTTP://APP.GITBOOK.COM/o/y/s/X/", "http://127.0.0.1:5000/s/X/", "//app.gitbook.com/s/x", "a/b.md", "https://example.org/", "https://app.gitboo\u212a.com/s/X/p"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		got, ok := ParseSpaceLink(dest)
		want, wok := parseSpaceLink(dest)
		if got != want || ok != wok {
			t.Errorf("ParseSpaceLink(%q) = %+v, %v; want %+v, %v as parsed", dest, got, ok, want, wok)
		}
	})
}
