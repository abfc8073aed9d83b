// Package langname names languages: in their own language, as a language
// menu shows them, and back from the names authors give them in folder
// names and lists ("english/", "[Français](french/)", "中文").
package langname

import (
	"strings"
	"unicode"
)

// language is a language folio detects in text or names: its code, its
// name in itself and in English.
type language struct{ code, self, english string }

var languages = []language{
	{"ar", "العربية", "Arabic"}, {"bg", "Български", "Bulgarian"}, {"bn", "বাংলা", "Bengali"},
	{"cs", "Čeština", "Czech"}, {"da", "Dansk", "Danish"}, {"de", "Deutsch", "German"},
	{"el", "Ελληνικά", "Greek"}, {"en", "English", "English"}, {"es", "Español", "Spanish"},
	{"fa", "فارسی", "Persian"}, {"fi", "Suomi", "Finnish"}, {"fr", "Français", "French"},
	{"he", "עברית", "Hebrew"}, {"hi", "हिन्दी", "Hindi"}, {"hu", "Magyar", "Hungarian"},
	{"hy", "Հայերեն", "Armenian"}, {"id", "Bahasa Indonesia", "Indonesian"}, {"it", "Italiano", "Italian"},
	{"ja", "日本語", "Japanese"}, {"ka", "ქართული", "Georgian"}, {"ko", "한국어", "Korean"},
	{"nb", "Norsk bokmål", "Norwegian"}, {"nl", "Nederlands", "Dutch"}, {"pl", "Polski", "Polish"},
	{"pt", "Português", "Portuguese"}, {"ro", "Română", "Romanian"}, {"ru", "Русский", "Russian"},
	{"sk", "Slovenčina", "Slovak"}, {"sv", "Svenska", "Swedish"}, {"ta", "தமிழ்", "Tamil"},
	{"th", "ไทย", "Thai"}, {"tr", "Türkçe", "Turkish"}, {"uk", "Українська", "Ukrainian"},
	{"ur", "اردو", "Urdu"}, {"vi", "Tiếng Việt", "Vietnamese"}, {"zh", "中文", "Chinese"},
	{"zh-Hant", "繁體中文", "Traditional Chinese"},
}

var byCode, byName = func() (map[string]string, map[string]string) {
	codes, names := map[string]string{}, map[string]string{}
	for _, l := range languages {
		codes[l.code] = l.self
		names[fold(l.self)] = l.code
		names[fold(l.english)] = l.code
	}
	// Names authors often give the two written forms of Chinese.
	for name, code := range map[string]string{"简体中文": "zh-Hans", "simplified chinese": "zh-Hans", "繁体中文": "zh-Hant", "norsk": "nb"} {
		names[fold(name)] = code
	}
	return codes, names
}()

// Self returns the name of a language in that language: "fr" →
// "Français", and "pt-BR" → "Português" by its language; "" for a
// language it does not know.
func Self(code string) string {
	if n, ok := byCode[code]; ok {
		return n
	}
	base, _, _ := strings.Cut(code, "-")
	return byCode[base]
}

// Code returns the code of the language a name names, in that language
// or in English, whatever its case, flags and punctuation around it
// ("🇫🇷 Français", "english", "Chinese"); false for another name.
func Code(name string) (string, bool) {
	code, ok := byName[fold(name)]
	return code, ok
}

// Written returns the language the name of the language code is written
// in: English for its English name ("Korean" for ko, as LANGS.md lists
// often write them, or "Portuguese (Brazil)" for pt-BR), else the
// language itself. A screen reader reads each name in the voice of its
// language (WCAG 3.1.2).
func Written(code, name string) string {
	base, _, _ := strings.Cut(code, "-")
	for _, c := range []string{code, base} {
		for _, l := range languages {
			if l.code == c {
				// With a region or script after it, "Portuguese (Brazil)".
				if n, e := fold(name), fold(l.english); c != "en" && (n == e || strings.HasPrefix(n, e+" ")) {
					return "en"
				}
				return code
			}
		}
	}
	return code
}

// fold keeps a name's letters and inner spaces, lower-cased: flags,
// underscores and other marks around it go.
func fold(name string) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case r == '_' || r == '-':
			return ' '
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsSpace(r):
			return unicode.ToLower(r)
		}
		return -1
	}, name)
	return strings.Join(strings.Fields(name), " ")
}
