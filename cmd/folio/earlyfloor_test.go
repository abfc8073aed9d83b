package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestEarlyFloorFirst checks that earlyfloor's init runs before the
// libraries that allocate in theirs, which is its whole point: an
// import added to it that Go initialises late would move it after them.
// It reads the order from this test binary's own start-up trace.
func TestEarlyFloorFirst(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	at := map[string]int{}
	for i, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 1 && f[0] == "init" {
			at[f[1]] = i + 1
		}
	}
	early, ok := at["folio/cmd/folio/internal/earlyfloor"]
	if !ok {
		t.Fatalf("no init of earlyfloor in the trace:\n%s", out)
	}
	for _, late := range []string{
		"folio/cmd/folio/internal/hugeheap",
		"github.com/alecthomas/chroma/v2/lexers",
		"github.com/santhosh-tekuri/jsonschema/v6",
	} {
		if line, ok := at[late]; !ok || line < early {
			t.Errorf("%s is initialised at line %d of the trace, before earlyfloor (line %d)", late, line, early)
		}
	}
}
