package langname

import "testing"

func TestCode(t *testing.T) {
	for name, want := range map[string]string{
		"english": "en", "English": "en", "🇫🇷 Français": "fr", "français": "fr", "FRENCH": "fr",
		"中文": "zh", "chinese": "zh", "简体中文": "zh-Hans", "繁體中文": "zh-Hant", "traditional_chinese": "zh-Hant",
		"Português": "pt", "العربية": "ar", " Deutsch ": "de", "bahasa-indonesia": "id",
	} {
		if got, ok := Code(name); !ok || got != want {
			t.Errorf("Code(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	for _, name := range []string{"docs", "styles", "v2", "", "English again", "xx"} {
		if got, ok := Code(name); ok {
			t.Errorf("Code(%q) = %q, want none", name, got)
		}
	}
}

func TestSelf(t *testing.T) {
	for code, want := range map[string]string{"fr": "Français", "pt-BR": "Português", "zh-Hant": "繁體中文", "xx": ""} {
		if got := Self(code); got != want {
			t.Errorf("Self(%q) = %q, want %q", code, got, want)
		}
	}
}

func TestWritten(t *testing.T) {
	for _, c := range []struct{ code, name, want string }{
		{"ko", "Korean", "en"}, {"ko", "한국어", "ko"}, {"es", "spanish", "en"}, {"pt-BR", "Portuguese", "en"},
		{"zh-Hant", "Traditional Chinese", "en"}, {"en", "English", "en"}, {"fr", "Français", "fr"},
		{"fr", "Français (France)", "fr"}, {"xx", "Klingon", "xx"},
		{"pt-BR", "Portuguese (Brazil)", "en"}, {"zh-TW", "Chinese (Traditional)", "en"}, {"pt-BR", "Português (Brasil)", "pt-BR"},
	} {
		if got := Written(c.code, c.name); got != c.want {
			t.Errorf("Written(%q, %q) = %q, want %q", c.code, c.name, got, c.want)
		}
	}
}
