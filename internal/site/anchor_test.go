package site

import "testing"

// TestMatchAnchorComposes: an anchor typed with combining accents finds
// the heading whose ID links.Slug composed, and one typed composed finds
// it as it is; an "id-" prefix and letter case are still forgiven.
func TestMatchAnchorComposes(t *testing.T) {
	ids := map[string]bool{"café-crème": true, "id-2.1-étape": true}
	for _, tc := range []struct{ in, want string }{
		{"café-crème", "café-crème"},
		{"cafe\u0301-cre\u0300me", "café-crème"},
		{"Cafe\u0301-Cre\u0300me", "café-crème"},
		{"2.1-e\u0301tape", "id-2.1-étape"},
	} {
		if got, ok := matchAnchor(ids, tc.in); !ok || got != tc.want {
			t.Errorf("matchAnchor(%q) = %q, %v; want %q", tc.in, got, ok, tc.want)
		}
	}
	if _, ok := matchAnchor(ids, "cafe-creme"); ok {
		t.Error("an anchor without the accents matched")
	}
}

// TestUnsafeURLWords: the unsafe-url message reads "an" before a vowel,
// and an address that is a host and port (<localhost:3000>) is told to
// write http://.
func TestUnsafeURLWords(t *testing.T) {
	for word, want := range map[string]string{"irc": "an", "about": "an", "javascript": "a", "Urn": "an", "": "a"} {
		if got := indefinite(word); got != want {
			t.Errorf("indefinite(%q) = %q, want %q", word, got, want)
		}
	}
	for dest, want := range map[string]bool{
		"localhost:3000": true, "docs.example.com:8080/path": true, "host:port": false,
		"javascript:alert(1)": false, "irc://x:6667": false, "tel:12345": true, "ftp:123456": false,
	} {
		if got := hostLike(dest); got != want {
			t.Errorf("hostLike(%q) = %v, want %v", dest, got, want)
		}
	}
}
