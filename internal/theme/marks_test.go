package theme

import (
	"regexp"
	"testing"
)

// TestMarkContrast holds GitBook's text colours to WCAG 2.1 AA (4.5:1) on
// the page and on each of GitBook's background colours, in both schemes
// (t97: green on a tinted background measured 4.05 to 4.49).
func TestMarkContrast(t *testing.T) {
	th := loadDefault(t)
	css, err := readStatic(th, "content.css")
	if err != nil {
		t.Fatal(err)
	}
	page, err := readStatic(th, "folio.css")
	if err != nil {
		t.Fatal(err)
	}
	for _, scheme := range []struct {
		name, prefix, vars string
	}{
		{"light", `(?m)^`, ":root {"},
		{"dark", `:root\[data-theme="dark"\] `, `:root[data-theme="dark"] {`},
	} {
		colours := map[string]string{}
		for _, m := range regexp.MustCompile(scheme.prefix+`\.mark-([a-z]+) \{ color: (#[0-9a-f]{6}); \}`).FindAllStringSubmatch(css, -1) {
			colours[m[1]] = m[2]
		}
		bgs := map[string]string{"page": cssVars(t, page, scheme.vars)["--bg"]}
		if bgs["page"] == "" {
			bgs["page"] = cssVars(t, page, ":root {")["--bg"]
		}
		for _, m := range regexp.MustCompile(scheme.prefix+`mark\.mark-bg-([a-z]+), [^{]*\{ background: (#[0-9a-f]{6}); \}`).FindAllStringSubmatch(css, -1) {
			bgs[m[1]] = m[2]
		}
		if len(colours) != 6 || len(bgs) != 7 {
			t.Fatalf("%s: read %d colours and %d backgrounds, want 6 and 7", scheme.name, len(colours), len(bgs))
		}
		for fg, fc := range colours {
			for bg, bc := range bgs {
				if c := contrastRatio(t, fc, bc); c < 4.5 {
					t.Errorf("%s: %s text on %s: contrast %.2f, want 4.5", scheme.name, fg, bg, c)
				}
			}
		}
	}
}
