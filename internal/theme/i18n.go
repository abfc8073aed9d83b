package theme

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"sync"

	"gopkg.in/yaml.v2"

	"folio/themes"
)

// readI18n reads i18n/<lang>.yaml from every layer. Unlike templates and
// static files, strings merge key by key, so a site's en.yaml may change a
// single label without repeating the rest. Language codes are compared
// case-insensitively, so keys are lower case.
func readI18n(layers []fs.FS) (map[string]map[string]string, error) {
	out := map[string]map[string]string{}
	for _, layer := range layers {
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
			m, err := readStrings(layer, "i18n/"+name)
			if err != nil {
				return nil, err
			}
			lang := strings.ToLower(strings.TrimSuffix(name, ".yaml"))
			if out[lang] == nil {
				out[lang] = map[string]string{}
			}
			for k, v := range m {
				out[lang][k] = v
			}
		}
	}
	if _, ok := out["en"]; !ok {
		return nil, fmt.Errorf("missing i18n/en.yaml")
	}
	return out, nil
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
	m := make(map[string]string, len(t.i18n["en"]))
	for k, v := range t.i18n["en"] {
		m[k] = v
	}
	// Apply the base language first so that a regional file only needs the
	// keys that differ.
	if base, _, ok := strings.Cut(key, "-"); ok {
		for k, v := range t.i18n[base] {
			m[k] = v
		}
	}
	for k, v := range t.i18n[key] {
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
