package testkit

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"gopkg.in/yaml.v2"
)

// ThemeEnglish returns the default theme's English strings
// (themes/default/i18n/en.yaml), by key.
func ThemeEnglish(t testing.TB) map[string]string {
	t.Helper()
	_, here, _, _ := runtime.Caller(0)
	b, err := os.ReadFile(filepath.Join(filepath.Dir(here), "..", "..", "themes", "default", "i18n", "en.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	en := map[string]string{}
	if err := yaml.UnmarshalStrict(b, &en); err != nil {
		t.Fatal(err)
	}
	return en
}

// CheckEnglish fails t for each word of table, a package's copy of the
// theme's English strings (the packages that print words for readers
// cannot import the theme), that en.yaml lacks or writes otherwise: the
// copies cannot drift. It returns en.yaml's strings.
func CheckEnglish(t testing.TB, table map[string]string) map[string]string {
	t.Helper()
	en := ThemeEnglish(t)
	for k, v := range table {
		if w, ok := en[k]; !ok {
			t.Errorf("english[%q]: no such key in en.yaml", k)
		} else if w != v {
			t.Errorf("english[%q] = %q, en.yaml has %q", k, v, w)
		}
	}
	return en
}
