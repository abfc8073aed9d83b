package gitbook

import "testing"

// TestIsOneLine: a block written on one line is one after the markers of
// block quotes and list items too, as the parser reads it there.
func TestIsOneLine(t *testing.T) {
	for line, want := range map[string]bool{
		`{% hint style="info" %}Text.{% endhint %}`:        true,
		"   {% if visitor.a %}A.{% else %}B.{% endif %}\n": true,
		"    {% if visitor.a %}A.{% endif %}":              false, // indented code
		"> {% if visitor.a %}A.{% else %}{% endif %}":      true,
		">{% hint %}Text.{% endhint %}":                    true,
		"> > {% hint %}Text.{% endhint %}":                 true,
		"- {% if visitor.a %}{% else %}B.{% endif %}":      true,
		"  * {% hint %}Text.{% endhint %}":                 true,
		"1. {% hint %}Text.{% endhint %}":                  true,
		"10) > {% hint %}Text.{% endhint %}":               true,
		"> - {% tab title=\"A\" %}Text.{% endtab %}":       true,
		"-{% hint %}Text.{% endhint %}":                    false, // no list marker
		"1.{% hint %}Text.{% endhint %}":                   false,
		"1234567890. {% hint %}Text.{% endhint %}":         false, // too long for a marker
		"- Text {% hint %}Text.{% endhint %}":              false,
		"> {% hint %}Text.":                                false,
		"- ":                                               false,
		">":                                                false,
		"":                                                 false,
	} {
		if got := IsOneLine(line); got != want {
			t.Errorf("IsOneLine(%q) = %v, want %v", line, got, want)
		}
	}
}
