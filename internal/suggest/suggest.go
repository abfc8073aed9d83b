// Package suggest finds what a name that is not known was meant to be:
// the "did you mean" of folio's diagnostics. Its measure is the edit
// distance, in characters; its rule for names typed by hand (attributes,
// keys, front matter) is Nearest. Finders with other needs (a page's
// path, a reference's label, a rule's name) rank by EditDistance or
// EditDistanceAtMost with their own bounds.
package suggest

import "strings"

// Nearest returns the name of known that name is most likely a slip of
// the keyboard for: the same letters in another case (linenumbers for
// lineNumbers), or one letter added, dropped, changed or two swapped (titel
// for title); two for names of eight letters or more. "" when none is that
// near.
func Nearest(name string, known []string) string {
	limit := 1
	if len([]rune(name)) >= 8 {
		limit = 2
	}
	lower := strings.ToLower(name)
	best, bestD := "", limit+1
	for _, k := range known {
		if d := EditDistance(lower, strings.ToLower(k)); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// EditDistance is the optimal string alignment distance between a and b,
// in characters: insertions, deletions, substitutions and swaps of two
// neighbours each count one. "Did you mean" hints rank their candidates
// by it.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// d[i][j] for the prefixes ra[:i], rb[:j]; three rows are enough.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// EditDistanceAtMost is EditDistance when it is at most k, else k+1: only
// the diagonal band of alignments within k edits is computed, and it
// stops once a row holds nothing within k. A "did you mean" search over
// every page of a site, for each broken link, costs that much less
// (t48: 12.7 s for 2,000 pages whose links all missed).
func EditDistanceAtMost(a, b string, k int) int {
	var abuf, bbuf [64]rune
	ra, rb := appendRunes(abuf[:0], a), appendRunes(bbuf[:0], b)
	big := k + 1
	if d := len(ra) - len(rb); d > k || -d > k {
		return big
	}
	n := len(rb)
	var rows [3][65]int
	prev2, prev, cur := rows[0][:], rows[1][:], rows[2][:]
	if n >= len(rows[0]) {
		prev2, prev, cur = make([]int, n+1), make([]int, n+1), make([]int, n+1)
	}
	for j := 0; j <= n; j++ {
		prev[j] = min(j, big)
	}
	for i := 1; i <= len(ra); i++ {
		// Cells outside the band read as big: the one before it and the
		// one after it are set, those further out are never read.
		lo, hi := max(1, i-k), min(n, i+k)
		cur[lo-1] = big
		if lo == 1 {
			cur[0] = min(i, big)
		}
		rowMin := cur[lo-1]
		for j := lo; j <= hi; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			v = min(v, big)
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if hi < n {
			cur[hi+1] = big
		}
		if rowMin >= big {
			return big
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[n]
}

// appendRunes appends the runes of s to buf.
func appendRunes(buf []rune, s string) []rune {
	for _, r := range s {
		buf = append(buf, r)
	}
	return buf
}
