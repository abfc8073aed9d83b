package links

import (
	"strings"
	"testing"
)

func TestPageURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"README.md", ""},
		{"readme.md", ""},
		{"a/README.md", "a/"},
		{"a/b/Readme.md", "a/b/"},
		{"a/b.md", "a/b/"},
		{"a/B.MD", "a/B/"},
		{"./a/./b.md", "a/b/"},
		{"1-intro.md", "1-intro/"},
		{"espace é.md", "espace é/"},
	}
	for _, tc := range tests {
		if got := PageURL(tc.in); got != tc.want {
			t.Errorf("PageURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{".gitbook/assets/image8 (1).png", ".gitbook/assets/image8%20%281%29.png"},
		{"a/18 Jan '23-1.jpg", "a/18%20Jan%20%2723-1.jpg"},
		{"a/é.png", "a/%C3%A9.png"},
		{"a/100%.png", "a/100%25.png"},
		{"a/x#y?.png", "a/x%23y%3F.png"},
		{"a/b/", "a/b/"},
	}
	for _, tc := range tests {
		if got := Escape(tc.in); got != tc.want {
			t.Errorf("Escape(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestRel(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"", "", "./"},
		{"", "a/", "a/"},
		{"a/", "a/", "./"},
		{"a/b/", "a/c/", "../c/"},
		{"a/b/", "", "../../"},
		{"a/b/", "a/b/c/", "c/"},
		{"a/b/", ".gitbook/assets/x y.png", "../../.gitbook/assets/x%20y.png"},
		{"ab/", "a/", "../a/"},
		{"a/", "ab/", "../ab/"},
		{"", "c:d/", "c%3Ad/"},
		{"x/", "_folio/folio.css", "../_folio/folio.css"},
	}
	for _, tc := range tests {
		if got := Rel(tc.from, tc.to); got != tc.want {
			t.Errorf("Rel(%q, %q) = %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestRoot(t *testing.T) {
	for in, want := range map[string]string{"": "./", "a/": "../", "a/b/": "../../"} {
		if got := Root(in); got != want {
			t.Errorf("Root(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Overview", "overview"},
		{"⚠️ Important", "important"},
		{"Important ⚠️", "important"},
		// A keycap is a digit and two marks: the digit alone is kept (t35).
		{"1️⃣ First step", "id-1-first-step"},
		{"Step 2️⃣", "step-2"},
		// The marks of a word stay.
		{"हिन्दी", "हिन्दी"},
		{"Tea ☕️ time", "tea-time"},
		{"नमस्ते दुनिया", "नमस्ते-दुनिया"},
		{"Cafe\u0301", "café"}, // composed: as an author types it in a link
		{"Cafe\u0301 cre\u0300me", "café-crème"},
		{"4.15 Bulk payment service", "id-4.15-bulk-payment-service"},
		{"8.3.1 billInquiryBiller", "id-8.3.1-billinquirybiller"},
		{"UX/UI Designers", "ux-ui-designers"},
		{"What is it? (short)", "what-is-it-short"},
		{"  Trailing - dash -", "trailing-dash"},
		{"A__b", "a-b"},
		{"\u200bStructure\u200c", "structure"},
		{"Déjà vu", "déjà-vu"},
		{"", ""},
		{"!!!", ""},
		{"9.2-universal", "id-9.2-universal"},
		{"Step 1: Install", "step-1-install"},
	}
	for _, tc := range tests {
		if got := Slug(tc.in); got != tc.want {
			t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"custom-id": true, "a_b.c:d": true, "été": true, "日本語": true, "id-4.15": true, "x\u0301": true,
		"": false, "a b": false, "a\"b": false, "a#b": false, "a%20b": false, "a/b": false, "<x>": false,
		"a\u200bb": false, "a\u00a0b": false, "\xff": false, strings.Repeat("a", 201): false, strings.Repeat("a", 200): true,
	} {
		if got := ValidID(id); got != want {
			t.Errorf("ValidID(%q) = %v, want %v", id, got, want)
		}
	}
}

func TestUnsafe(t *testing.T) {
	for _, in := range []string{"javascript:alert(1)", "JavaScript:x", " java\tscript:x", "java\nscript:x", "\x01javascript:x",
		"vbscript:x", "data:text/html,<b>", "DATA:TEXT/HTML;base64,xx", "data:image/svg+xml,<svg onload=x>",
		"data:application/xhtml+xml,x", "file:///etc/passwd", "ftp://x", "C:\\Users\\a.png", "x-unknown:y",
		"averyveryverylongscheme:x", "javascript\x00:x", "data:i\x05mage/png,x"} {
		if !Unsafe(in) {
			t.Errorf("Unsafe(%q) = false, want true", in)
		}
	}
	for _, in := range []string{"https://x", "HTTP://x", "a.md", "image (1).png", "data:image/png;base64,xx", " data:IMAGE/JPEG,xx", "data: ima\nge/gif,x",
		"mailto:a@b", "tel:+33", "#javascript:", "?a=b:c", "//example.org/x", "a/b:c", "İjavascript:x", "", "./javascript:x"} {
		if Unsafe(in) {
			t.Errorf("Unsafe(%q) = true, want false", in)
		}
	}
}

func TestPlaceholder(t *testing.T) {
	for _, in := range []string{"broken-reference", "./broken-reference", "/broken/pages/9GkSq1w7C4R1T0i5DG7P", "/broken/spaces/a/pages/b", "broken-reference#x"} {
		if !Placeholder(in) {
			t.Errorf("Placeholder(%q) = false, want true", in)
		}
	}
	for _, in := range []string{"a/broken.md", "https://github.com/x/broken-reference/README.md", "broken-references"} {
		if Placeholder(in) {
			t.Errorf("Placeholder(%q) = true, want false", in)
		}
	}
}

func TestParseSpaceLink(t *testing.T) {
	tests := []struct {
		in   string
		want string // space|path|anchor|local, or "no"
	}{
		{"https://app.gitbook.com/s/4D3oEcPGpYoKnwkQmCzJ/govstack-implementation-playbook/adopt-govstack/design-and-delivery/user-journeys", "4D3oEcPGpYoKnwkQmCzJ|govstack-implementation-playbook/adopt-govstack/design-and-delivery/user-journeys||false"},
		{"https://app.gitbook.com/o/pxm/s/4D3/~/changes/389/a/b#design-lead", "4D3|a/b|design-lead|false"},
		{"https://app.gitbook.com/s/Nk/~/revisions/r1/guide/setup", "Nk|guide/setup||false"},
		{"https://app.gitbook.com/o/ORG/s/Nk/~/edit/drafts/abc123/guide/setup#x", "Nk|guide/setup|x|false"},
		{"https://app.gitbook.com/o/pxm/s/zdX/", "zdX|||false"},
		{"https://app.gitbook.com/o/pxm/c/4Q4PE", "|||false"},
		{"https://app.gitbook.com/s/undefined/", "undefined|||false"},
		{"http://127.0.0.1:5000/o/pxm/s/zdX/", "zdX|||true"},
		{"https://app.gitbook.com/u/UJbY", "no"},
		{"https://example.org/s/x", "no"},
		{"a/b.md", "no"},
		{"HTTPS://App.GitBook.com/s/X/p", "X|p||false"},
		{"http://localhost:5000/s/X/", "X|||true"},
		{"https://%61pp.gitbook.com/s/X/", "no"},
		{"https://app.gitboo\u212a.com/s/X/p", "X|p||false"}, // the Kelvin sign folds to k
	}
	for _, tc := range tests {
		l, ok := ParseSpaceLink(tc.in)
		got := "no"
		if ok {
			got = strings.Join([]string{l.Space, l.Path, l.Anchor, map[bool]string{true: "true", false: "false"}[l.Local]}, "|")
		}
		if got != tc.want {
			t.Errorf("ParseSpaceLink(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIsExternal(t *testing.T) {
	for in, want := range map[string]bool{
		"https://x": true, "mailto:a@b": true, "//cdn/x": true, "tel:+1": true,
		"a.md": false, "a:b/c.md": true, "./a:b.md": false, "#x": false, "/abs/x.md": false, "1:2": false,
	} {
		if got := IsExternal(in); got != want {
			t.Errorf("IsExternal(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Windows", "windows"},
		{"macOS", "macos"},
		{"Linux / Ünïcode!", "linux-ünïcode"},
		{"  --  ", ""},
		{"Node.js 20", "node-js-20"},
		{"POST /vouchers/{serialNumber}", "post-vouchers-serialnumber"},
	}
	for _, tc := range tests {
		if got := Key(tc.in); got != tc.want {
			t.Errorf("Key(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestHonKitSlug: the IDs HonKit 6 gives these headings (checked with
// honkit build).
func TestHonKitSlug(t *testing.T) {
	for text, want := range map[string]string{
		"What's new?":                 "whats-new",
		"C++ & C#":                    "c--c",
		"1.2.3 Setup":                 "123-setup",
		"foo_bar baz":                 "foobar-baz",
		"Emoji 🎉 party":               "emoji-🎉-party",
		"A -- B":                      "a----b",
		"Ünïcode Ça va":               "ünïcode-ça-va",
		"Spaces  inside":              "spaces--inside",
		"tab\there":                   "tab----here",
		"Quote “smart” – dash — em":   "quote-smart-–-dash-—-em",
		"Brackets [x] (y) {z}":        "brackets-x-y-z",
		"Hash #1 @home":               "hash-1-home",
		`Slash a/b\c`:                 "slash-abc",
		"Tilde ~ caret ^ back `tick`": "tilde--caret--back-tick",
		"Dot. Comma, semi; colon:":    "dot-comma-semi-colon",
		"日本語 見出し":                     "日本語-見出し",
		"Ends with dash -":            "ends-with-dash--",
		"Pipe | and plus +":           "pipe--and-plus-",
		"Dollar $5 percent 50%":       "dollar-5-percent-50",
		"Equals = less < greater >":   "equals--less--greater-",
		"- leading":                   "-leading", // one leading dash goes
	} {
		if got := HonKitSlug(text); got != want {
			t.Errorf("HonKitSlug(%q) = %q, want %q", text, got, want)
		}
	}
}

func TestGitHubSlug(t *testing.T) {
	for in, want := range map[string]string{
		"✨ Highlights":          "-highlights",
		"What's new?":           "whats-new",
		"Quick start 🚀":         "quick-start-",
		"Q&A":                   "qa",
		"foo_bar":               "foo_bar",
		"[v1.2.0] - 2024-01-01": "v120---2024-01-01",
		"Café crème":            "café-crème",
		"Установка":             "установка",
		"C++ and C#":            "c-and-c",
		"  two  spaces":         "--two--spaces",
		"x² ½":                  "x²-½",
		"\u00a0no-break":        "no-break",
		"“Quoted” — dash":       "quoted--dash",
	} {
		if got := GitHubSlug(in); got != want {
			t.Errorf("GitHubSlug(%q) = %q, want %q", in, got, want)
		}
	}
}
