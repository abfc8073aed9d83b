package review

import (
	"slices"
	"sort"
)

// budget bounds the work of matching two pages, in steps of Myers's
// algorithm (about a nanosecond each) and cells of its trace (4 bytes
// each): a few milliseconds and megabytes at most. Two pages that differ
// in more than about a thousand blocks get a coarser diff, not a slow one.
const budget = 1 << 20

// pair is a block of the old page (i) equal to one of the new page (j).
type pair struct{ i, j int }

// match returns pairs of equal elements of a and b, increasing in both i
// and j: a longest common subsequence while the budget lasts. Beyond it,
// the blocks that are unique in both pages anchor the match (as in
// patience diff), and the gaps between anchors are matched in turn, or
// left unmatched when the budget is spent.
func match(a, b []uint64) []pair {
	left := budget
	var out []pair
	matchInto(&out, a, b, 0, 0, &left)
	return out
}

func matchInto(out *[]pair, a, b []uint64, ai, bj int, left *int) {
	for len(a) > 0 && len(b) > 0 && a[0] == b[0] {
		*out = append(*out, pair{ai, bj})
		a, b, ai, bj = a[1:], b[1:], ai+1, bj+1
	}
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	ma, mb := a[:len(a)-n], b[:len(b)-n]
	if len(ma) > 0 && len(mb) > 0 {
		// Myers gets half of what is left, so that a failure leaves the
		// other half to the anchors and the gaps between them.
		half := *left / 2
		rest := half
		ps, ok := myers(ma, mb, &rest)
		*left -= half - rest
		if ok {
			for _, p := range ps {
				*out = append(*out, pair{ai + p.i, bj + p.j})
			}
		} else if *left > 0 {
			*left -= len(ma) + len(mb)
			pi, pj := 0, 0
			for _, p := range anchors(ma, mb) {
				matchInto(out, ma[pi:p.i], mb[pj:p.j], ai+pi, bj+pj, left)
				*out = append(*out, pair{ai + p.i, bj + p.j})
				pi, pj = p.i+1, p.j+1
			}
			matchInto(out, ma[pi:], mb[pj:], ai+pi, bj+pj, left)
		}
	}
	for k := range n {
		*out = append(*out, pair{ai + len(ma) + k, bj + len(mb) + k})
	}
}

// myers returns a longest common subsequence of a and b by Myers's
// O((N+M)D) algorithm, or false when that costs more than the budget left.
func myers(a, b []uint64, left *int) ([]pair, bool) {
	n, m := len(a), len(b)
	max := n + m
	off := max + 1
	v := make([]int32, 2*max+3) // v[off+k]: furthest x on diagonal k
	var trace [][]int32         // v[off-d : off+d+1] after each d
	for d := 0; d <= max; d++ {
		*left -= 2*d + 1
		if *left < 0 {
			return nil, false
		}
		for k := -d; k <= d; k += 2 {
			var x int
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = int(v[off+k+1]) // down: an insertion
			} else {
				x = int(v[off+k-1]) + 1 // right: a deletion
			}
			y := x - k
			sx := x
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			*left -= x - sx
			v[off+k] = int32(x)
			if x >= n && y >= m {
				trace = append(trace, slices.Clone(v[off-d:off+d+1]))
				return backtrack(trace, n, m), true
			}
		}
		trace = append(trace, slices.Clone(v[off-d:off+d+1]))
	}
	return nil, false // not reached: d = n+m always ends
}

// backtrack walks the trace of myers back from (n, m) and returns the
// diagonal moves, which are the common elements.
func backtrack(trace [][]int32, n, m int) []pair {
	var ps []pair
	x, y := n, m
	for d := len(trace) - 1; d > 0; d-- {
		prev := trace[d-1] // prev[k+d-1] is diagonal k after step d-1
		k := x - y
		var pk int
		if k == -d || k != d && prev[k-1+d-1] < prev[k+1+d-1] {
			pk = k + 1
		} else {
			pk = k - 1
		}
		px := int(prev[pk+d-1])
		py := px - pk
		// The step from (px, py) lands on (sx, sy), and a snake of equal
		// elements leads on to (x, y).
		sx, sy := px, py+1
		if pk == k-1 {
			sx, sy = px+1, py
		}
		for x > sx && y > sy {
			x, y = x-1, y-1
			ps = append(ps, pair{x, y})
		}
		x, y = px, py
	}
	for x > 0 && y > 0 {
		x, y = x-1, y-1
		ps = append(ps, pair{x, y})
	}
	slices.Reverse(ps)
	return ps
}

// anchors returns the elements that occur once in a and once in b, and
// of those the longest run increasing in both (patience sorting).
func anchors(a, b []uint64) []pair {
	type count struct{ a, b, i int }
	counts := map[uint64]*count{}
	for i, h := range a {
		c := counts[h]
		if c == nil {
			c = &count{}
			counts[h] = c
		}
		c.a++
		c.i = i
	}
	for _, h := range b {
		if c := counts[h]; c != nil {
			c.b++
		}
	}
	var cands []pair // by j
	for j, h := range b {
		if c := counts[h]; c != nil && c.a == 1 && c.b == 1 {
			cands = append(cands, pair{c.i, j})
		}
	}
	// Longest increasing run of i among the candidates, which are in
	// increasing j.
	var tails []int // tails[l]: index in cands of the smallest tail of a run of length l+1
	prev := make([]int, len(cands))
	for c, p := range cands {
		l := sort.Search(len(tails), func(t int) bool { return cands[tails[t]].i >= p.i })
		if l > 0 {
			prev[c] = tails[l-1]
		} else {
			prev[c] = -1
		}
		if l == len(tails) {
			tails = append(tails, c)
		} else {
			tails[l] = c
		}
	}
	if len(tails) == 0 {
		return nil
	}
	run := make([]pair, len(tails))
	for l, c := len(tails)-1, tails[len(tails)-1]; l >= 0; l, c = l-1, prev[c] {
		run[l] = cands[c]
	}
	return run
}
