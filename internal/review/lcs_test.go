package review

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// lcsLen is the length of a longest common subsequence, by dynamic
// programming: the reference for match.
func lcsLen(a, b []uint64) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// checkPairs checks that pairs are equal elements, increasing in both.
func checkPairs(t *testing.T, a, b []uint64, ps []pair) {
	t.Helper()
	for k, p := range ps {
		if p.i < 0 || p.i >= len(a) || p.j < 0 || p.j >= len(b) || a[p.i] != b[p.j] {
			t.Fatalf("pair %v does not match", p)
		}
		if k > 0 && (p.i <= ps[k-1].i || p.j <= ps[k-1].j) {
			t.Fatalf("pairs %v then %v are not increasing", ps[k-1], p)
		}
	}
}

// TestMatchIsLCS compares match with dynamic programming on random
// sequences over small alphabets (many repeats), within the budget.
func TestMatchIsLCS(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n, m, k := rng.IntN(40), rng.IntN(40), 1+rng.IntN(6)
		a, b := make([]uint64, n), make([]uint64, m)
		for i := range a {
			a[i] = uint64(rng.IntN(k))
		}
		for i := range b {
			b[i] = uint64(rng.IntN(k))
		}
		ps := match(a, b)
		checkPairs(t, a, b, ps)
		if want := lcsLen(a, b); len(ps) != want {
			t.Fatalf("match(%v, %v) has %d pairs, want %d", a, b, len(ps), want)
		}
	}
}

// TestMatchBounded checks that two large pages with nothing in common, or
// with changes everywhere, are matched quickly: past the budget, the
// result is coarser, never slower.
func TestMatchBounded(t *testing.T) {
	const n = 20000
	rng := rand.New(rand.NewPCG(3, 4))
	a, b, c := make([]uint64, n), make([]uint64, n), make([]uint64, n)
	for i := range a {
		a[i] = rng.Uint64()
		b[i] = rng.Uint64()
		c[i] = a[i]
		if i%3 == 0 {
			c[i] = rng.Uint64() // a third of the blocks changed
		}
	}
	for name, pair := range map[string][2][]uint64{"disjoint": {a, b}, "a third changed": {a, c}} {
		start := time.Now()
		ps := match(pair[0], pair[1])
		checkPairs(t, pair[0], pair[1], ps)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: %v to match %d blocks", name, d, n)
		}
		if name != "disjoint" && len(ps) < n/2 {
			t.Errorf("%s: only %d of %d blocks matched", name, len(ps), 2*n/3)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	const n = 5000
	rng := rand.New(rand.NewPCG(5, 6))
	old := make([]uint64, n)
	for i := range old {
		old[i] = rng.Uint64()
	}
	for _, every := range []int{100, 10, 3} {
		new := append([]uint64(nil), old...)
		for i := 0; i < n; i += every {
			new[i] = rng.Uint64()
		}
		b.Run(fmt.Sprintf("1-in-%d", every), func(b *testing.B) {
			for b.Loop() {
				match(old, new)
			}
		})
	}
}
