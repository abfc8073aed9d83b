package config

import "testing"

// TestAssumed checks which languages are configured and which are only
// folio's default, English, that a build may replace by the language of
// the text; and where configured ones are written.
func TestAssumed(t *testing.T) {
	type lang struct {
		code    string
		assumed bool
		line    int
	}
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  []lang
	}{
		{"bare space", map[string]string{"README.md": "# Guide\n"}, []lang{{"en", true, 0}}},
		{"site.yaml without language", map[string]string{"README.md": "", "site.yaml": "title: Guide\n"}, []lang{{"en", true, 0}}},
		{"site.yaml language", map[string]string{"README.md": "", "site.yaml": "title: Guide\nlanguage: en\n"}, []lang{{"en", false, 2}}},
		{"site.yaml languages", map[string]string{"en/README.md": "", "fr/README.md": "",
			"site.yaml": "languages:\n  - code: en\n    dir: en\n  - dir: fr\n    code: fr\n"}, []lang{{"en", false, 2}, {"fr", false, 5}}},
		{"LANGS.md", map[string]string{"en/README.md": "", "fr/README.md": "", "LANGS.md": "* [English](en/)\n* [Français](fr/)\n"},
			[]lang{{"en", false, 1}, {"fr", false, 2}}},
		{"docs.yaml without language", map[string]string{"docs/README.md": "",
			"docs.yaml": "site:\n  structure:\n    - type: space\n      key: guide\n      content: {directory: docs}\n"}, []lang{{"en", true, 4}}},
		{"docs.yaml language", map[string]string{"docs/README.md": "",
			"docs.yaml": "site:\n  structure:\n    - type: space\n      key: guide\n      content: {directory: docs, language: fr}\n"}, []lang{{"fr", false, 4}}},
	} {
		dir := t.TempDir()
		writeFiles(t, dir, tt.files)
		c, ds, err := Load(dir)
		if err != nil || len(ds) > 0 {
			t.Fatalf("%s: %v %v", tt.name, err, ds)
		}
		var got []lang
		for _, l := range c.Languages {
			got = append(got, lang{l.Code, l.Assumed, l.Line})
		}
		if len(got) != len(tt.want) {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
				break
			}
		}
	}
}

func TestBookLanguage(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"fr", "fr", true}, {" pt_BR ", "pt-BR", true}, {"zh-hans", "zh-hans", true},
		{"", "", false}, {"French", "French", false}, {"fr FR", "fr FR", false}, {"1", "1", false}, {"xx-invalid", "xx-invalid", false},
	} {
		if got, ok := BookLanguage(tt.in); got != tt.want || ok != tt.ok {
			t.Errorf("BookLanguage(%q) = %q, %v", tt.in, got, ok)
		}
	}
}
