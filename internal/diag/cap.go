package diag

import "fmt"

// PerRule is how many diagnostics of one rule a file reports (Cap).
const PerRule = 20

// Cap keeps at most n diagnostics of each rule and file, in order, and
// says in one more how many of that rule it left out: a line of 5,000
// unclosed {{ is one problem to its author, not 5,000.
func Cap(ds []Diagnostic, n int) []Diagnostic {
	if len(ds) <= n {
		return ds // a page's usual few: nothing to count
	}
	type key struct{ path, rule string }
	count := map[key]int{}
	over := false
	for _, d := range ds {
		k := key{d.Path, d.Rule}
		count[k]++
		over = over || count[k] > n
	}
	if !over {
		return ds
	}
	// The summary takes the gravest severity of those it stands for.
	worst := map[key]Severity{}
	seen := map[key]int{}
	for _, d := range ds {
		k := key{d.Path, d.Rule}
		if seen[k]++; seen[k] > n && (seen[k] == n+1 || d.Severity > worst[k]) {
			worst[k] = d.Severity
		}
	}
	out := make([]Diagnostic, 0, len(ds))
	clear(seen)
	for _, d := range ds {
		k := key{d.Path, d.Rule}
		seen[k]++
		switch c := seen[k]; {
		case c <= n:
			out = append(out, d)
		case c == n+1:
			d.Msg = fmt.Sprintf("%d more of rule %s in this file, not shown", count[k]-n, d.Rule)
			d.Hint = ""
			d.Severity = worst[k]
			out = append(out, d)
		}
	}
	return out
}
