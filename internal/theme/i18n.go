package theme

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v2"

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
// missing key falls back to English. A regional code ("fr-CA") uses its own
// file when the theme has one, else the base language's ("fr"). The map is
// computed once per language and shared: callers must not modify it.
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
	// Apply the base language first so that a regional file only needs the
	// keys that differ.
	if base, _, ok := strings.Cut(key, "-"); ok {
		for k, v := range t.i18n.lang(base) {
			m[k] = v
		}
	}
	for k, v := range t.i18n.lang(key) {
		m[k] = v
	}
	t.strings[key] = m
	return m
}

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
