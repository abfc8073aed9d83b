package theme

import (
	"fmt"
	"strings"
	"time"
)

// Dates are formatted from four UI strings, so that a theme or a site can
// add a language without code:
//
//	date_format  the pattern, with {day}, {month} and {year}
//	months       the twelve month names, comma-separated ("," or "،")
//	day_one      how the first day of a month is written ("1er" in French)
//	digits       the ten digits of the language, "0123456789" by default
//
// Without a usable months list, the date stays in ISO form (2006-01-02),
// which every reader can read.

// formatDateValue formats v (a time.Time or a "YYYY-MM-DD…" string) with
// the strings of a language; s may be nil (English).
func formatDateValue(s map[string]string, v any) string {
	var d time.Time
	switch x := v.(type) {
	case time.Time:
		d = x
	case *time.Time:
		if x == nil {
			return ""
		}
		d = *x
	case string:
		t, ok := parseDate(x)
		if !ok {
			return x
		}
		d = t
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
	if s == nil {
		s = fallbackStrings()
	}
	return formatDate(s, d)
}

// parseDate reads "YYYY-MM-DD", alone or at the start of an RFC 3339 time.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) > 10 && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// formatDate writes d with the date strings of one language.
func formatDate(s map[string]string, d time.Time) string {
	// Arabic script writes its comma "،"; accept both.
	months := strings.FieldsFunc(s["months"], func(r rune) bool { return r == ',' || r == '،' })
	format := s["date_format"]
	if len(months) != 12 || format == "" {
		return localDigits(s["digits"], d.Format(time.DateOnly))
	}
	day := fmt.Sprint(d.Day())
	if d.Day() == 1 && s["day_one"] != "" {
		day = s["day_one"]
	}
	out := strings.NewReplacer(
		"{day}", day,
		"{month}", strings.TrimSpace(months[d.Month()-1]),
		"{year}", fmt.Sprint(d.Year()),
	).Replace(format)
	return localDigits(s["digits"], out)
}

// localDigits replaces ASCII digits by the language's own, when digits
// holds exactly ten characters.
func localDigits(digits, s string) string {
	ds := []rune(digits)
	if len(ds) != 10 || digits == "0123456789" {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return ds[r-'0']
		}
		return r
	}, s)
}
