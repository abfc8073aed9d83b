package theme

import (
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v2"
)

// TestLabelInName: a button whose accessible name differs from its visible
// word must contain that word (WCAG 2.5.3, label in name): a reader who
// says "click Copy" to speech control, or who reads the button, must find
// it by the word shown. The copy button shows copy and is named
// copy_code, in every language of the theme. The word is matched whole,
// ignoring case, except beside characters of scripts written without
// spaces (コードをコピー holds コピー); he and hu named it by another form
// of the word (העתקה / העתקת, Másolás / másolása).
func TestLabelInName(t *testing.T) {
	fsys := os.DirFS("../../themes/default/i18n")
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no language files: %v", err)
	}
	pairs := [][2]string{{"copy", "copy_code"}}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			t.Fatal(err)
		}
		var strs map[string]string
		if err := yaml.Unmarshal(b, &strs); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range pairs {
			shown, label := strs[p[0]], strs[p[1]]
			if shown == "" || label == "" {
				continue
			}
			if !containsWords(label, shown) {
				t.Errorf("%s: %s %q does not contain %s %q", path.Base(name), p[1], label, p[0], shown)
			}
		}
	}
}

// containsWords reports whether s holds word, case aside, not as part of
// a longer word.
func containsWords(s, word string) bool {
	s, word = strings.ToLower(s), strings.ToLower(word)
	for i := 0; ; {
		j := strings.Index(s[i:], word)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(word)
		before, _ := utf8.DecodeLastRuneInString(s[:start])
		after, _ := utf8.DecodeRuneInString(s[end:])
		if !joins(before) && !joins(after) {
			return true
		}
		i = start + 1
	}
}

// joins reports whether r, beside a match, would make it part of a longer
// word: a letter or digit of a script written with spaces between words.
func joins(r rune) bool {
	if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) {
		return false
	}
	return !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar)
}
