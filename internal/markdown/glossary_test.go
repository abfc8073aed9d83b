package markdown

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzWordIndexFold: a match is inside s, is the word in some case, and
// stands as a whole word; letters whose lower case has another length
// (Ⱥ, İ) around it change nothing. Beside a letter of a script written
// without spaces (Japanese, Thai…), or at such a letter of the word, no
// boundary is needed; a combining mark never follows a match.
func FuzzWordIndexFold(f *testing.F) {
	for _, s := range []string{"ȺȺȺȺȺȺ ab", "İİİİ AB", "xab ab", "ab", "aİb ab"} {
		f.Add(s, "ab")
	}
	f.Add("エスプレッソを淹れる", "エスプレッソ")
	f.Add("にはグラインダーが必要", "グラインダー")
	f.Add("APIs, APIを使う", "api")
	f.Add("กรุณา กร", "กร")
	f.Add("cafe\u0301 cafe", "cafe")
	f.Add("\u212aelvin kelvin", "kelvin") // the Kelvin sign folds to k
	f.Add("\xe3\x81a \xa9", "\xa9")
	f.Fuzz(func(t *testing.T, s, word string) {
		if word == "" {
			return
		}
		i, n := wordIndexFold([]byte(s), word)
		// It passes over the bytes no use starts with: it finds what
		// reading s character by character finds.
		ref := -1
		for k := 0; k < len(s); {
			if _, ok := wordAt([]byte(s), k, word); ok {
				ref = k
				break
			}
			_, size := utf8.DecodeRuneInString(s[k:])
			k += size
		}
		if i != ref {
			t.Fatalf("wordIndexFold(%q, %q) = %d, reading character by character finds %d", s, word, i, ref)
		}
		if i < 0 {
			return
		}
		if i+n > len(s) || !strings.EqualFold(s[i:i+n], word) {
			t.Fatalf("wordIndexFold(%q, %q) = %d, %d: %q is not the word", s, word, i, n, s[max(0, min(i, len(s))):min(len(s), i+n)])
		}
		wordRune := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
		first, _ := utf8.DecodeRuneInString(s[i:])
		last, _ := utf8.DecodeLastRuneInString(s[:i+n])
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+n:])
		if i > 0 && wordRune(before) && !spaceless(before) && !spaceless(first) {
			t.Fatalf("wordIndexFold(%q, %q) = %d: %q before it", s, word, i, before)
		}
		if i+n < len(s) && (wordRune(after) && !spaceless(after) && !spaceless(last) || unicode.Is(unicode.M, after)) {
			t.Fatalf("wordIndexFold(%q, %q) = %d: %q after it", s, word, i, after)
		}
		if from := i + 1; from <= len(s) {
			if j, _ := wordIndexFoldFrom([]byte(s), from, word); j >= 0 && j < from {
				t.Fatalf("wordIndexFoldFrom(%q, %d, %q) = %d", s, from, word, j)
			}
		}
	})
}

func TestWordIndexFold(t *testing.T) {
	for _, c := range []struct {
		s, word string
		want    int
	}{
		{"ȺȺȺȺȺȺ ab", "ab", 13},
		{"İİİİ AB", "ab", 9},
		{"xab ab", "ab", 4},
		{"The Build Cache.", "build cache", 4},
		{"abc", "ab", -1},
		{"APIs API", "api", 5},
		// Scripts written without spaces between words need no boundary.
		{"エスプレッソを淹れる", "エスプレッソ", 0},
		{"にはグラインダーが", "グラインダー", 6},
		{"xエスプレッソx", "エスプレッソ", 1},
		{"我喜欢咖啡。", "咖啡", 9},
		{"ฉันชอบกาแฟมาก", "กาแฟ", 18},
		// Nor does a Latin term next to them.
		{"APIを使う", "api", 0},
		{"使うAPI", "api", 6},
		// A combining mark belongs to the letter before it.
		{"กรุณา กร", "กร", 16},
		{"cafe\u0301 cafe", "cafe", 7},
	} {
		if i, _ := wordIndexFold([]byte(c.s), c.word); i != c.want {
			t.Errorf("wordIndexFold(%q, %q) = %d, want %d", c.s, c.word, i, c.want)
		}
	}
}

// TestGlossaryOverlapOrder: of two overlapping terms the longer is linked
// and the shorter at its next use, whichever order the glossary lists them
// and the sentence uses them.
func TestGlossaryOverlapOrder(t *testing.T) {
	web := GlossaryTerm{Name: "Web", ID: "web", Desc: "d"}
	service := GlossaryTerm{Name: "Web Service", ID: "web-service", Desc: "d"}
	conv := New()
	for _, terms := range [][]GlossaryTerm{{web, service}, {service, web}} {
		for _, page := range []string{"A Web Service and Web apps.\n", "Web apps and a Web Service.\n"} {
			doc := conv.ParseWith("page.md", []byte(page), ParseOptions{Glossary: &Glossary{Page: "GLOSSARY.md", Terms: terms}})
			doc.Resolve(func(r Ref) Resolution { return Resolution{URL: r.Dest} })
			html, err := conv.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{`#web-service" title="d" class="glossary-term">Web Service</a>`, `#web" title="d" class="glossary-term">Web</a>`} {
				if !strings.Contains(string(html), want) {
					t.Errorf("terms %s, %s: %q gives %s, without %s", terms[0].Name, terms[1].Name, page, html, want)
				}
			}
		}
	}
}

// BenchmarkGlossary links a glossary of 200 terms, half of them never
// used, in a page of about 1 MB of paragraphs, table cells and Japanese
// text, where the terms' uses overlap.
func BenchmarkGlossary(b *testing.B) {
	var terms []GlossaryTerm
	for i := range 100 {
		terms = append(terms,
			GlossaryTerm{Name: "Term" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + " web", ID: "t" + string(rune(i)), Desc: "d"},
			GlossaryTerm{Name: "用語" + string(rune('ア'+i)), ID: "j" + string(rune(i)), Desc: "d"})
	}
	terms = append(terms, GlossaryTerm{Name: "Web Service", ID: "ws", Desc: "d"}, GlossaryTerm{Name: "Web", ID: "w", Desc: "d"})
	var page strings.Builder
	for page.Len() < 1<<20 {
		page.WriteString("A Web Service and Web apps, then web services on the web of a Termxa web.\n\n")
		page.WriteString("| Call the Web Service | 用語アを使う用語イ |\n| --- | --- |\n| web | Web |\n\n")
		page.WriteString("エスプレッソを淹れるにはグラインダーが必要です。ウェブサービスとウェブ。\n\n")
	}
	src := []byte(page.String())
	conv := New()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		conv.ParseWith("page.md", src, ParseOptions{Glossary: &Glossary{Page: "GLOSSARY.md", Terms: terms}})
	}
}
