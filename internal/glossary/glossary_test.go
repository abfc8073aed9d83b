package glossary

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"folio/internal/links"
)

func TestParse(t *testing.T) {
	src := "# Glossary?\n\n## Python\n\nA *programming* [language](x.md).\n\n# Django\nA web\nframework.\n\n## Python\nagain\n\n```\n## not a term\n```\n"
	g, ds := Parse("GLOSSARY.md", "GLOSSARY.md", []byte(src), links.Slug)
	var got []string
	for _, term := range g.Terms {
		got = append(got, term.Name+"|"+term.ID+"|"+term.Desc)
	}
	// As in HonKit, the terms of a file with `## ` headings are those:
	// its `# ` headings are its title and groups.
	want := "Python|python|A programming language."
	if strings.Join(got, "|") != want || g.TopLevel {
		t.Errorf("terms = %q (top level %v)\nwant   %q", strings.Join(got, "|"), g.TopLevel, want)
	}
	// A file without `## ` headings has `# Term` terms, the first one too.
	// The tooltip is the definition's first paragraph, as in HonKit (t43).
	g, _ = Parse("G.md", "G.md", []byte("# API\n\nApplication interface.\n\nSecond paragraph, on the page only.\n\n# SDK\n> Kit.\n>\n> More, on the page only.\n"), links.Slug)
	got = nil
	for _, term := range g.Terms {
		got = append(got, term.Name+"|"+term.Desc)
	}
	if strings.Join(got, "|") != "API|Application interface.|SDK|Kit." || !g.TopLevel {
		t.Errorf("top-level terms = %q (top level %v)", strings.Join(got, "|"), g.TopLevel)
	}
	if len(ds) != 1 || ds[0].Rule != "glossary-duplicate" || ds[0].Line != 11 {
		t.Errorf("diags = %v", ds)
	}
	_, ds = Parse("G.md", "G.md", []byte("no terms\n"), links.Slug)
	if len(ds) != 1 || ds[0].Rule != "glossary-empty" {
		t.Errorf("empty glossary: %v", ds)
	}
}

// TestParseNamesAndIDs: a closing run of # goes only after a space, as in
// CommonMark, and terms whose names slug alike get the suffixes a page's
// headings get, in their order.
func TestParseNamesAndIDs(t *testing.T) {
	src := "## C#\nx\n## F# ##\nx\n## C++\nx\n## Go #\nx\n## c\nx\n## ##\nx\n## a#b\nx\n"
	g, _ := Parse("G.md", "G.md", []byte(src), links.Slug)
	var got []string
	for _, term := range g.Terms {
		got = append(got, term.Name+"="+term.ID)
	}
	want := "C#=c F#=f C++=c-1 Go=go c=c-2 a#b=a-b"
	if strings.Join(got, " ") != want {
		t.Errorf("terms = %q\nwant    %q", strings.Join(got, " "), want)
	}
}

// TestParseSetextAndMarks: setext headings are terms as ATX ones are,
// and a term's name is its heading's text, without emphasis, code and
// link marks, as pages write it (tester: "Widget" over "------", `cli`
// and **Bold Term** were no terms, silently); an underscore inside a word
// stays, and a blank line or a lone "-" is no underline.
func TestParseSetextAndMarks(t *testing.T) {
	src := "Glossary\n========\n\nWidget\n------\nA thing.\n\n## `cli`\nCommand line.\n\n## **Bold Term**\nBold.\n\n## _Soft_\nEm.\n\n## max_width\nA key.\n\n## [Linked](x.md)\nL.\n\nTwo lines\nof text\n---\n\nNot a term\n\n-\n\n- see also\n---\n\n1. first\n---\n\n> quoted\n---\n"
	g, ds := Parse("G.md", "G.md", []byte(src), links.Slug)
	var got []string
	for _, term := range g.Terms {
		got = append(got, term.Name+"="+term.ID)
	}
	want := "Widget=widget cli=cli Bold Term=bold-term Soft=soft max_width=max-width Linked=linked"
	if strings.Join(got, " ") != want || g.TopLevel || len(ds) != 0 {
		t.Errorf("terms = %q (top level %v, %v)\nwant    %q", strings.Join(got, " "), g.TopLevel, ds, want)
	}
}

// FuzzParse: any file parses, and every term has a name and an ID.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"## A\nx\n", "A\n---\nx\n", "B\n===\n\n## `c`\n", "## **\n", "-\n--\n", "## [](x)\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		g, _ := Parse("G.md", "G.md", []byte(src), links.Slug)
		for _, term := range g.Terms {
			if term.Name == "" || term.ID == "" {
				t.Fatalf("term %+v of %q", term, src)
			}
		}
	})
}

// FuzzIndex: a match is inside s, is the word in some case, and
// stands as a whole word; letters whose lower case has another length
// (Ⱥ, İ) around it change nothing. Beside a letter of a script written
// without spaces (Japanese, Thai…), or at such a letter of the word, no
// boundary is needed; a combining mark never follows a match.
func FuzzIndex(f *testing.F) {
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
		i, n := Index([]byte(s), 0, word)
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
			t.Fatalf("Index(%q, %q) = %d, reading character by character finds %d", s, word, i, ref)
		}
		if i < 0 {
			return
		}
		if i+n > len(s) || !strings.EqualFold(s[i:i+n], word) {
			t.Fatalf("Index(%q, %q) = %d, %d: %q is not the word", s, word, i, n, s[max(0, min(i, len(s))):min(len(s), i+n)])
		}
		wordRune := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
		first, _ := utf8.DecodeRuneInString(s[i:])
		last, _ := utf8.DecodeLastRuneInString(s[:i+n])
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[i+n:])
		if i > 0 && wordRune(before) && !spaceless(before) && !spaceless(first) {
			t.Fatalf("Index(%q, %q) = %d: %q before it", s, word, i, before)
		}
		if i+n < len(s) && (wordRune(after) && !spaceless(after) && !spaceless(last) || unicode.Is(unicode.M, after)) {
			t.Fatalf("Index(%q, %q) = %d: %q after it", s, word, i, after)
		}
		if from := i + 1; from <= len(s) {
			if j, _ := Index([]byte(s), from, word); j >= 0 && j < from {
				t.Fatalf("Index(%q, %d, %q) = %d", s, from, word, j)
			}
		}
	})
}

func TestIndex(t *testing.T) {
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
		if i, _ := Index([]byte(c.s), 0, c.word); i != c.want {
			t.Errorf("Index(%q, %q) = %d, want %d", c.s, c.word, i, c.want)
		}
	}
}

// FuzzFirstUses: the terms' index finds, for each term, the first use
// that looking for that term alone finds (Index) outside every use of a
// term ruled out, and nothing else.
func FuzzFirstUses(f *testing.F) {
	f.Add("A Web Service and Web apps, web.", "Web\nWeb Service\nservice")
	f.Add("APIs, APIを使う; the API key", "API\nAPI key\napi")
	f.Add("我喜欢咖啡。エスプレッソを", "咖啡\nエスプレッソ\n喜")
	f.Add("\u212aelvin, .NET and C++ (C#)", "kelvin\n.NET\nC++\nC#\nc")
	f.Add("cafe\u0301 cafe \xa9x \xa9", "cafe\n\xa9\n\xe3")
	f.Add("C++ and C++ then C", "C\nx\ny\nz\nC++") // C++ ruled out: the C of its later use is none
	f.Fuzz(func(t *testing.T, s, names string) {
		g := &Glossary{}
		for _, n := range strings.Split(names, "\n") {
			g.Terms = append(g.Terms, Term{Name: n})
		}
		skip := func(k int) bool { return k%5 == 4 }
		all := func(name string) []Use { // every use, in order
			var us []Use
			for from := 0; from <= len(s); {
				i, n := Index([]byte(s), from, name)
				if i < 0 {
					break
				}
				us = append(us, Use{i, i + n, 0})
				_, size := utf8.DecodeRuneInString(s[i:])
				from = i + max(size, 1)
			}
			return us
		}
		var blocks []Use
		for k, term := range g.Terms {
			if term.Name != "" && skip(k) {
				blocks = append(blocks, all(term.Name)...)
			}
		}
		var want []Use
		for k, term := range g.Terms {
			if term.Name == "" || skip(k) {
				continue
			}
			for _, u := range all(term.Name) {
				if !slices.ContainsFunc(blocks, func(b Use) bool { return b.Start <= u.Start && u.Stop <= b.Stop }) {
					want = append(want, Use{u.Start, u.Stop, k})
					break
				}
			}
		}
		slices.SortStableFunc(want, func(a, b Use) int { return a.Start - b.Start })
		if got := g.FirstUses([]byte(s), skip); !slices.Equal(got, want) {
			t.Fatalf("FirstUses(%q) with terms %q = %v, looking for each term finds %v", s, names, got, want)
		}
	})
}

// TestCovered: a span lies within a use of a linked term, or not.
func TestCovered(t *testing.T) {
	g := &Glossary{Terms: []Term{{Name: "C"}, {Name: "C++"}, {Name: "Web Service"}}}
	s := []byte("C++ and C++ then C; a web service, web")
	linked := func(k int) bool { return k > 0 }
	for _, c := range []struct {
		start, stop int
		want        bool
	}{
		{8, 9, true},    // the C of the second C++
		{17, 18, false}, // C alone
		{22, 25, true},  // web, in web service
		{35, 38, false}, // web alone
	} {
		if got := g.Covered(s, c.start, c.stop, linked); got != c.want {
			t.Errorf("Covered(%q) = %v, want %v", s[c.start:c.stop], got, c.want)
		}
	}
}
