package theme

import "testing"

func TestDirection(t *testing.T) {
	for _, tt := range []struct{ code, want string }{
		{"ar", "rtl"}, {"AR-eg", "rtl"}, {"fa", "rtl"}, {"he", "rtl"}, {"ur", "rtl"}, {"ps", "rtl"},
		{"sd", "rtl"}, {"ug", "rtl"}, {"yi", "rtl"}, {"dv", "rtl"}, {"ckb", "rtl"}, {"ckb-IQ", "rtl"},
		{"en", "ltr"}, {"fr", "ltr"}, {"pt-BR", "ltr"}, {"arn", "ltr"}, {"", "ltr"}, {"zh-Hant", "ltr"},
	} {
		if got := Direction(tt.code); got != tt.want {
			t.Errorf("Direction(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}
