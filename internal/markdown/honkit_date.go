package markdown

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// HonKit's date filter is moment(value).format(layout), in moment's
// English. folio reads the value as moment does (ISO 8601, a few common
// spellings, or milliseconds since 1970) and formats it with moment's
// tokens. A time without an offset is shown as written, and one with an
// offset in that offset, where moment would show the building machine's
// local time: the same book builds to the same pages anywhere.

// momentDate gives the date filter's text for v formatted by layout
// (moment's default, ISO 8601 with its offset, when layout is "");
// "Invalid date", as moment says, for a value that is no date.
func momentDate(v any, layout string) string {
	t, ok := momentTime(v)
	if !ok {
		return "Invalid date"
	}
	if layout == "" {
		layout = "YYYY-MM-DDTHH:mm:ssZ"
	}
	return momentFormat(t, layout)
}

// momentLayouts are the spellings of a date read, in Go's notation.
var momentLayouts = []string{
	"2006-01-02", "2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04", "2006-01-02 15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05Z07:00",
	"2006-01-02T15:04:05.999999999Z07:00", "2006-01-02 15:04:05Z07:00", "2006-01", "2006",
	"January 2, 2006", "Jan 2, 2006", "2 January 2006", "2 Jan 2006", "2006/01/02", time.RFC1123, time.RFC1123Z,
}

func momentTime(v any) (time.Time, bool) {
	switch v := v.(type) {
	case time.Time:
		return v, true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > 8.64e15 {
			return time.Time{}, false
		}
		return time.UnixMilli(int64(v)).UTC(), true
	case string, safeString:
		s := strings.TrimSpace(toText(v))
		for _, l := range momentLayouts {
			if t, err := time.Parse(l, s); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// momentTokens are moment's format tokens, longest first where one is
// the start of another.
var momentTokens = []string{"YYYY", "YY", "Q", "MMMM", "MMM", "MM", "Mo", "M", "DDDD", "DDD", "Do", "DD", "D",
	"dddd", "ddd", "dd", "do", "d", "HH", "H", "hh", "h", "kk", "k", "mm", "m", "ss", "s", "SSS", "SS", "S",
	"A", "a", "ZZ", "Z", "X", "x", "wo", "ww", "w", "E", "e"}

// momentFormat formats t as moment's format(layout) does; text in
// [brackets] is kept as written.
func momentFormat(t time.Time, layout string) string {
	var b strings.Builder
	pad := func(n, w int) string {
		s := strconv.Itoa(n)
		for len(s) < w {
			s = "0" + s
		}
		return s
	}
	for i := 0; i < len(layout); {
		if layout[i] == '[' {
			if j := strings.IndexByte(layout[i:], ']'); j > 0 {
				b.WriteString(layout[i+1 : i+j])
				i += j + 1
				continue
			}
		}
		tok := ""
		for _, k := range momentTokens {
			if strings.HasPrefix(layout[i:], k) {
				tok = k
				break
			}
		}
		if tok == "" {
			b.WriteByte(layout[i])
			i++
			continue
		}
		i += len(tok)
		h12 := t.Hour() % 12
		if h12 == 0 {
			h12 = 12
		}
		_, week := t.ISOWeek()
		_, offset := t.Zone()
		sign := "+"
		if offset < 0 {
			sign, offset = "-", -offset
		}
		switch tok {
		case "YYYY":
			b.WriteString(pad(t.Year(), 4))
		case "YY":
			b.WriteString(pad(t.Year()%100, 2))
		case "Q":
			b.WriteString(strconv.Itoa((int(t.Month())-1)/3 + 1))
		case "MMMM":
			b.WriteString(t.Month().String())
		case "MMM":
			b.WriteString(t.Month().String()[:3])
		case "MM":
			b.WriteString(pad(int(t.Month()), 2))
		case "Mo":
			b.WriteString(ordinal(int(t.Month())))
		case "M":
			b.WriteString(strconv.Itoa(int(t.Month())))
		case "DDDD":
			b.WriteString(pad(t.YearDay(), 3))
		case "DDD":
			b.WriteString(strconv.Itoa(t.YearDay()))
		case "Do":
			b.WriteString(ordinal(t.Day()))
		case "DD":
			b.WriteString(pad(t.Day(), 2))
		case "D":
			b.WriteString(strconv.Itoa(t.Day()))
		case "dddd":
			b.WriteString(t.Weekday().String())
		case "ddd":
			b.WriteString(t.Weekday().String()[:3])
		case "dd":
			b.WriteString(t.Weekday().String()[:2])
		case "do":
			b.WriteString(ordinal(int(t.Weekday())))
		case "d", "e":
			b.WriteString(strconv.Itoa(int(t.Weekday())))
		case "E":
			b.WriteString(strconv.Itoa((int(t.Weekday())+6)%7 + 1))
		case "HH":
			b.WriteString(pad(t.Hour(), 2))
		case "H":
			b.WriteString(strconv.Itoa(t.Hour()))
		case "hh":
			b.WriteString(pad(h12, 2))
		case "h":
			b.WriteString(strconv.Itoa(h12))
		case "kk":
			b.WriteString(pad(cmpHour24(t.Hour()), 2))
		case "k":
			b.WriteString(strconv.Itoa(cmpHour24(t.Hour())))
		case "mm":
			b.WriteString(pad(t.Minute(), 2))
		case "m":
			b.WriteString(strconv.Itoa(t.Minute()))
		case "ss":
			b.WriteString(pad(t.Second(), 2))
		case "s":
			b.WriteString(strconv.Itoa(t.Second()))
		case "SSS", "SS", "S":
			b.WriteString(pad(t.Nanosecond()/1e6, 3)[:len(tok)])
		case "A", "a":
			ap := "AM"
			if t.Hour() >= 12 {
				ap = "PM"
			}
			if tok == "a" {
				ap = strings.ToLower(ap)
			}
			b.WriteString(ap)
		case "Z", "ZZ":
			sep := ":"
			if tok == "ZZ" {
				sep = ""
			}
			b.WriteString(sign + pad(offset/3600, 2) + sep + pad(offset%3600/60, 2))
		case "X":
			b.WriteString(strconv.FormatInt(t.Unix(), 10))
		case "x":
			b.WriteString(strconv.FormatInt(t.UnixMilli(), 10))
		case "wo":
			b.WriteString(ordinal(week))
		case "ww":
			b.WriteString(pad(week, 2))
		case "w":
			b.WriteString(strconv.Itoa(week))
		}
	}
	return b.String()
}

// cmpHour24 is moment's k: the hour from 1 to 24.
func cmpHour24(h int) int {
	if h == 0 {
		return 24
	}
	return h
}

// ordinal is moment's English ordinal: 1st, 2nd, 3rd, 11th, 22nd.
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}
