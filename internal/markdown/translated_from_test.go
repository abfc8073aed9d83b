package markdown

import "testing"

// translated_from names the commit a translation follows: kept as text,
// whatever YAML makes of it, with the line that says it.
func TestTranslatedFrom(t *testing.T) {
	for _, c := range []struct {
		src, want string
		line      int
		diags     int
	}{
		{"---\ntitle: T\ntranslated_from: 3f2a9c1\n---\n# T\n", "3f2a9c1", 3, 0},
		{"---\ntranslated_from: \" v1.0 \"\n---\n# T\n", "v1.0", 2, 0},
		{"---\ntranslated_from: 1234567\n---\n# T\n", "1234567", 2, 0},
		{"---\ntranslated_from: [a, b]\n---\n# T\n", "", 0, 1},
		{"# T\n", "", 0, 0},
	} {
		d := New().Parse("p.md", []byte(c.src))
		if d.Meta.TranslatedFrom != c.want || d.Meta.TranslatedFromLine != c.line {
			t.Errorf("%q: translated_from %q line %d, want %q line %d", c.src, d.Meta.TranslatedFrom, d.Meta.TranslatedFromLine, c.want, c.line)
		}
		if len(d.Diags) != c.diags {
			t.Errorf("%q: diagnostics %v, want %d", c.src, d.Diags, c.diags)
		}
		if _, ok := d.Meta.Extra["translated_from"]; ok {
			t.Errorf("%q: translated_from also in Extra", c.src)
		}
	}
}
