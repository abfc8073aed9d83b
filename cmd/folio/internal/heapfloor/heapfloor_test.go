package heapfloor

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"

	"folio/cmd/folio/internal/earlyfloor"
)

func TestPercent(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 400},        // nothing live yet: 4 MiB × 4 = the floor
		{1 << 20, 400},  // the runtime's minimum, scaled, is the floor
		{4 << 20, 300},  // 4 MiB × 4 = 16 MiB
		{8 << 20, 100},  // twice the live heap is the floor
		{12 << 20, 100}, // above: Go's default
		{1 << 30, 100},
	} {
		if got := Percent(c.live); got != c.want {
			t.Errorf("Percent(%d MiB) = %d, want %d", c.live>>20, got, c.want)
		}
		// The goal it gives is never under the floor nor under twice
		// the live heap.
		g := uint64(Percent(c.live))
		goal := max(c.live*(100+g)/100, runtimeMin*g/100)
		if goal < Floor || goal < 2*c.live {
			t.Errorf("live %d MiB: goal %d MiB", c.live>>20, goal>>20)
		}
	}
}

// TestEarlyPercent checks that earlyfloor, which cannot import this
// package, starts the process at this package's goal for an empty heap.
func TestEarlyPercent(t *testing.T) {
	if got := Percent(0); got != earlyfloor.Percent {
		t.Fatalf("earlyfloor.Percent = %d, Percent(0) = %d", earlyfloor.Percent, got)
	}
}

func TestWanted(t *testing.T) {
	env := func(k, v string) func(string) string {
		return func(name string) string {
			if name == k {
				return v
			}
			return ""
		}
	}
	if !wanted(env("", "")) {
		t.Error("no setting: floor not wanted")
	}
	if wanted(env("GOGC", "50")) || wanted(env("GOGC", "off")) || wanted(env("GOMEMLIMIT", "1GiB")) {
		t.Error("the user's GOGC or GOMEMLIMIT is overridden")
	}
}

// TestFollowsCollections checks that the setting is renewed after each
// collection, as the live heap grows and shrinks.
func TestFollowsCollections(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	adjust()
	keep := make([]byte, 64<<20)
	waitGOGC(t, func(g uint64) bool { return g == 100 }, "a 64 MiB live heap")
	runtime.KeepAlive(keep)
	keep = nil
	waitGOGC(t, func(g uint64) bool { return g > 100 }, "a small live heap")
}

func waitGOGC(t *testing.T, ok func(uint64) bool, what string) {
	t.Helper()
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}}
	for deadline := time.Now().Add(5 * time.Second); ; {
		runtime.GC()
		time.Sleep(5 * time.Millisecond) // the finalizer runs after the collection
		metrics.Read(s)
		if ok(s[0].Value.Uint64()) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("with %s, GOGC stays %d", what, s[0].Value.Uint64())
		}
	}
}
