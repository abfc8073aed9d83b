// Package diag holds the diagnostics that folio reports about content: a
// position in a source file, a severity, a stable rule name and a message.
//
// A diagnostic means the content is wrong and the build goes on; a Go error
// means the build cannot go on. The report formats (text, JSON, GitHub
// annotations, JUnit) are here too; only cmd/folio turns diagnostics into exit
// codes.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Severity orders diagnostics from informative to blocking.
type Severity int

// Severities, least severe first.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	default:
		return "error"
	}
}

// Diagnostic is one problem found in the content.
type Diagnostic struct {
	Path     string // slash-separated, relative to the site directory
	Line     int    // 1-based; 0 when the problem concerns the whole file
	Col      int    // 1-based, in characters; 0 when unknown
	Severity Severity
	Rule     string // stable name, e.g. "link-missing"
	Msg      string
	Hint     string // how to fix it, when known
}

// String formats d as path:line:col: severity: message.
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.Path)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	fmt.Fprintf(&b, ": %s: %s", d.Severity, d.Msg)
	if d.Hint != "" {
		fmt.Fprintf(&b, " (%s)", d.Hint)
	}
	return printable(b.String())
}

// printable escapes the control characters of s as Go writes them (\n,
// \x1b), and the bytes that are not UTF-8 (\xff): a file name may hold
// them, and a diagnostic is one line of text that must not drive the
// terminal.
func printable(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unicode.IsControl(r):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// Compare orders diagnostics by path, line, column, then message, so that
// reports are deterministic whatever order the workers found them in.
func Compare(a, b Diagnostic) int {
	return cmp.Or(
		strings.Compare(a.Path, b.Path),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		strings.Compare(a.Rule, b.Rule),
		strings.Compare(a.Msg, b.Msg),
	)
}

// List collects diagnostics from several goroutines.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add appends diagnostics to the list.
func (l *List) Add(ds ...Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, ds...)
	l.mu.Unlock()
}

// Sorted returns a sorted copy of the diagnostics, without exact duplicates.
func (l *List) Sorted() []Diagnostic {
	l.mu.Lock()
	out := slices.Clone(l.items)
	l.mu.Unlock()
	slices.SortFunc(out, Compare)
	return slices.Compact(out)
}

// Count returns how many diagnostics have severity s.
func Count(ds []Diagnostic, s Severity) int {
	n := 0
	for _, d := range ds {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// Plural writes a count of things for the reports: "1 page", "3 pages",
// "0 errors".
func Plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
