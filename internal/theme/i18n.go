package theme

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v2"

	"folio/internal/suggest"
	"folio/themes"
)

// i18n holds the UI strings of a theme's layers. Unlike templates and
// static files, strings merge key by key, so a site's en.yaml may change a
// single label without repeating the rest. Language codes are compared
// case-insensitively, so keys are lower case.
//
// The embedded default theme has a file for each of its languages and a
// site uses one or two of them: those are parsed when first asked for
// (their syntax is held by the tests). A site's own files are parsed at
// load, so that their errors stop the build.
type i18n struct {
	base   fs.FS
	lazy   map[string]string            // lang → path in base, not parsed yet
	parsed map[string]map[string]string // lang → base strings, parsed
	over   map[string]map[string]string // lang → the site's strings, merged over base
}

func readI18n(layers []fs.FS) (*i18n, error) {
	out := &i18n{base: layers[0], lazy: map[string]string{}, parsed: map[string]map[string]string{}, over: map[string]map[string]string{}}
	for li, layer := range layers {
		entries, err := fs.ReadDir(layer, "i18n")
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("read i18n: %w", err)
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || path.Ext(name) != ".yaml" || strings.HasPrefix(name, ".") {
				continue
			}
			lang := strings.ToLower(strings.TrimSuffix(name, ".yaml"))
			if li == 0 {
				out.lazy[lang] = "i18n/" + name
				continue
			}
			m, err := readStrings(layer, "i18n/"+name)
			if err != nil {
				return nil, err
			}
			if out.over[lang] == nil {
				out.over[lang] = map[string]string{}
			}
			for k, v := range m {
				out.over[lang][k] = v
			}
		}
	}
	if _, ok := out.lazy["en"]; !ok && out.over["en"] == nil {
		return nil, fmt.Errorf("missing i18n/en.yaml")
	}
	return out, nil
}

// lang returns the strings of one language file of the theme, base and
// overrides merged; nil when no layer has it. The caller holds Theme.mu.
func (in *i18n) lang(lang string) map[string]string {
	base, ok := in.parsed[lang]
	if p, lazy := in.lazy[lang]; lazy && !ok {
		var err error
		if base, err = readStrings(in.base, p); err != nil {
			base = nil // the embedded files parse: see TestI18nKeys
		}
		in.parsed[lang] = base
	}
	over := in.over[lang]
	if over == nil {
		return base
	}
	m := make(map[string]string, len(base)+len(over))
	for k, v := range base {
		m[k] = v
	}
	for k, v := range over {
		m[k] = v
	}
	return m
}

// langs lists the languages the theme has strings for.
func (in *i18n) langs() []string {
	var out []string
	for l := range in.lazy {
		out = append(out, l)
	}
	for l := range in.over {
		if _, ok := in.lazy[l]; !ok {
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}

func readStrings(fsys fs.FS, name string) (map[string]string, error) {
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	m := map[string]string{}
	if err := yaml.UnmarshalStrict(src, &m); err != nil {
		return nil, fmt.Errorf("parse %s: %w", name, err)
	}
	return m, nil
}

// Strings returns the UI strings of lang: its own file over en.yaml, so a
// missing key falls back to English, and the site's own strings
// (SetSiteStrings) over both. A regional code ("fr-CA") uses its own file
// when the theme has one, else the base language's ("fr"); Chinese goes
// by script (chain). The map is computed once per language and shared:
// callers must not modify it.
func (t *Theme) Strings(lang string) map[string]string {
	key := strings.ToLower(lang)
	t.mu.Lock()
	defer t.mu.Unlock()
	if m, ok := t.strings[key]; ok {
		return m
	}
	en := t.i18n.lang("en")
	m := make(map[string]string, len(en))
	for k, v := range en {
		m[k] = v
	}
	// The site's English comes after the theme's English only: it is what
	// a language shows for a key that neither the theme nor the site
	// translates.
	for k, v := range t.site["en"] {
		m[k] = v
	}
	for _, code := range chain(key) {
		for k, v := range t.i18n.lang(code) {
			m[k] = v
		}
		for k, v := range t.site[code] {
			m[k] = v
		}
	}
	t.strings[key] = m
	return m
}

// English returns, as a set, the keys that lang shows in English
// (MissingStrings); nil when it has none. The set is computed once per
// language and shared: callers must not modify it.
func (t *Theme) English(lang string) map[string]bool {
	key := strings.ToLower(lang)
	t.mu.Lock()
	m, ok := t.english[key]
	t.mu.Unlock()
	if ok {
		return m
	}
	for _, k := range t.MissingStrings(lang) {
		if m == nil {
			m = map[string]bool{}
		}
		m[k] = true
	}
	t.mu.Lock()
	t.english[key] = m
	t.mu.Unlock()
	return m
}

// chain lists the string files of a language code from the most general to
// the most specific: "fr-CA" → fr, fr-ca. The base language comes first so
// that a regional file only needs the keys that differ. Chinese is written
// in two scripts, which its codes name in several ways: Traditional for
// zh-Hant, zh-TW, zh-HK and zh-MO (zh-tw.yaml), Simplified for the rest
// (zh.yaml).
func chain(key string) []string {
	base, rest, ok := strings.Cut(key, "-")
	if !ok {
		return []string{key}
	}
	if base == "zh" {
		for _, sub := range strings.Split(rest, "-") {
			switch sub {
			case "hant", "tw", "hk", "mo":
				return []string{"zh", "zh-tw", key}
			case "hans":
				return []string{"zh", key}
			}
		}
	}
	return []string{base, key}
}

// SetSiteStrings sets the strings a site gives in site.yaml, by language
// code, over the theme's. Call it before rendering anything.
func (t *Theme) SetSiteStrings(site map[string]map[string]string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.site = make(map[string]map[string]string, len(site))
	for code, m := range site {
		t.site[strings.ToLower(code)] = m
	}
	clear(t.strings)
	clear(t.english)
}

// MissingStrings lists, sorted, the keys of the English strings that lang
// lacks and shows in English: none for English itself, every key when the
// theme has no strings for the language. A theme is complete for its
// languages (TestI18nKeys); a site in another language learns here what to
// translate in site.yaml's strings.
func (t *Theme) MissingStrings(lang string) []string {
	key := strings.ToLower(lang)
	t.mu.Lock()
	defer t.mu.Unlock()
	ch := chain(key)
	if ch[0] == "en" {
		return nil
	}
	// The language's own strings: the theme's and the site's, along the
	// chain, each map looked up once.
	var own []map[string]string
	for _, code := range ch {
		own = append(own, t.i18n.lang(code), t.site[code])
	}
	var missing []string
	for k := range t.i18n.lang("en") {
		if !slices.ContainsFunc(own, func(m map[string]string) bool { _, ok := m[k]; return ok }) {
			missing = append(missing, k)
		}
	}
	slices.Sort(missing)
	return missing
}

// HasStrings reports whether the theme or the site has strings for lang,
// or for its base language.
func (t *Theme) HasStrings(lang string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, code := range chain(strings.ToLower(lang)) {
		if len(t.i18n.lang(code)) > 0 || len(t.site[code]) > 0 {
			return true
		}
	}
	return false
}

// UnknownStrings lists, by language then key, the strings of the site
// (SetSiteStrings) whose key the theme does not have: a typo, or a key
// the theme no longer uses.
func (t *Theme) UnknownStrings() []UnknownString {
	t.mu.Lock()
	defer t.mu.Unlock()
	en := t.i18n.lang("en")
	keys := slices.Sorted(maps.Keys(en))
	var out []UnknownString
	for code, m := range t.site {
		for k := range m {
			if _, ok := en[k]; !ok {
				out = append(out, UnknownString{Code: code, Key: k, Near: suggest.Nearest(k, keys)})
			}
		}
	}
	slices.SortFunc(out, func(a, b UnknownString) int {
		return cmp.Or(strings.Compare(a.Code, b.Code), strings.Compare(a.Key, b.Key))
	})
	return out
}

// UnknownString is a key of a site's strings that the theme has no string
// for: in which language, and the nearest key it has ("" for none).
type UnknownString struct{ Code, Key, Near string }

// fallbackStrings are the embedded default theme's English strings, used
// when page data carries no strings (e.g. a Site built by hand in a test).
var fallbackStrings = sync.OnceValue(func() map[string]string {
	m, err := readStrings(themes.Default, "default/i18n/en.yaml")
	if err != nil {
		return map[string]string{}
	}
	return m
})

// fallbackString returns the English string for key, or key itself so that a
// missing string shows up in the page instead of vanishing.
func fallbackString(key string) string {
	if s, ok := fallbackStrings()[key]; ok {
		return s
	}
	return key
}
