package theme

import "strings"

// Direction returns the writing direction of a BCP 47 language code, "rtl"
// or "ltr": what a page's dir attribute says. Only the primary subtag
// counts: a script subtag such as "az-Arab" is rare enough in
// documentation to leave to a custom theme.
func Direction(code string) string {
	base, _, _ := strings.Cut(strings.ToLower(code), "-")
	switch base {
	case "ar", "fa", "he", "ur", "ps", "sd", "ug", "yi", "dv", "ckb":
		return "rtl"
	}
	return "ltr"
}
