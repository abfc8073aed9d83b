package earlyfloor

import (
	"os"
	"runtime/debug"
	"testing"
)

func TestApplied(t *testing.T) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		if Applied {
			t.Fatal("the floor was set although the user set GOGC or GOMEMLIMIT")
		}
		t.Skip("the user's GOGC or GOMEMLIMIT rules here")
	}
	got := debug.SetGCPercent(Percent)
	if !Applied || got != Percent {
		t.Fatalf("GOGC at start = %d (applied %v), want %d", got, Applied, Percent)
	}
}
