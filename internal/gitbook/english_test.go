package gitbook

import (
	"os"
	"path/filepath"
	"testing"

	"gopkg.in/yaml.v2"
)

// TestEnglishWords holds the English words blocks print (english) to the
// theme's, which this package cannot import: each key is in en.yaml, with
// the same text; and each key blockWords names has its English there.
func TestEnglishWords(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "themes", "default", "i18n", "en.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	en := map[string]string{}
	if err := yaml.UnmarshalStrict(b, &en); err != nil {
		t.Fatal(err)
	}
	for k, v := range english {
		if w, ok := en[k]; !ok {
			t.Errorf("english[%q]: no such key in en.yaml", k)
		} else if w != v {
			t.Errorf("english[%q] = %q, en.yaml has %q", k, v, w)
		}
	}
	for name, keys := range blockWords {
		for _, k := range keys {
			if _, ok := english[k]; !ok {
				t.Errorf("blockWords[%q]: %q has no English in english", name, k)
			}
		}
	}
}
