package links

import (
	"path"
	"strings"
	"testing"
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

func FuzzUnsafe(f *testing.F) {
	for _, s := range []string{"javascript:x", " JaVa\tScript:x", "vbscript:", "data:text/html,x", "page.md", "\x7fjavascript:", "İjavascript:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, dest string) {
		if got, want := Unsafe(dest), unsafeRunes(dest); got != want {
			t.Errorf("Unsafe(%q) = %v, want %v", dest, got, want)
		}
	})
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
