//go:build linux && (amd64 || arm64)

package hugeheap

import (
	"bufio"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

func TestDisabled(t *testing.T) {
	for godebug, want := range map[string]bool{
		"":                            false,
		"disablethp=1":                true,
		"gctrace=1, disablethp=1":     true,
		"disablethp=1,disablethp=0":   false,
		"disablethp=0":                false,
		"madvdontneed=1,disablethp=1": true,
		"xdisablethp=1":               false,
	} {
		if got := disabled(godebug); got != want {
			t.Errorf("disabled(%q) = %v, want %v", godebug, got, want)
		}
	}
}

// TestHeapMarked checks that memory the program allocates after start-up
// lies in a mapping marked for huge pages ("hg" in smaps).
func TestHeapMarked(t *testing.T) {
	if !wanted(os.Args, os.Getenv("GODEBUG")) {
		t.Skip("this process does not ask for huge pages here (kernel setting, limits, race detector)")
	}
	if !Marked {
		t.Fatal("init did not mark the heap")
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.HeapAlloc > reserve/2 {
		t.Fatalf("the reserved block was not freed: %d bytes on the heap", m.HeapAlloc)
	}
	p := make([]byte, 1<<20)
	addr := uintptr(unsafe.Pointer(&p[0]))
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	inside := false
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := vmaRange(line); ok {
			inside = lo <= addr && addr < hi
			continue
		}
		if inside && strings.HasPrefix(line, "VmFlags:") {
			if !strings.Contains(line+" ", " hg ") {
				t.Fatalf("the mapping of a fresh allocation is not marked: %s", line)
			}
			return
		}
	}
	t.Fatalf("no mapping holds %#x", addr)
}

func vmaRange(line string) (lo, hi uintptr, ok bool) {
	field, _, _ := strings.Cut(line, " ")
	a, b, found := strings.Cut(field, "-")
	if !found {
		return 0, 0, false
	}
	x, errA := strconv.ParseUint(a, 16, 64)
	y, errB := strconv.ParseUint(b, 16, 64)
	return uintptr(x), uintptr(y), errA == nil && errB == nil
}

func TestWanted(t *testing.T) {
	if wanted([]string{"folio", "serve", "--port", "9000"}, "") {
		t.Error("folio serve asks for huge pages")
	}
	if wanted([]string{"folio", "build"}, "disablethp=1") {
		t.Error("GODEBUG=disablethp=1 is not obeyed")
	}
	if onRequest() && !limited() && !raceEnabled && !wanted([]string{"folio", "build"}, "") {
		t.Error("folio build does not ask for huge pages where the kernel gives them")
	}
}
