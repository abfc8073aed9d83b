//go:build linux && (amd64 || arm64)

package hugeheap

import (
	"os"
	"runtime"
	"strings"
	"syscall"
	"unsafe"
)

// reserve is larger than a big book's heap (a 700-page, 20-language book
// peaks near 170 MB); it costs address space, not memory.
const reserve = 256 << 20

// arena is the runtime's heap arena size on these systems: the heap
// starts in the first such block, at or after its boundary.
const arena = 64 << 20

// Marked tells whether init marked the heap, for the test.
var Marked bool

func init() {
	if !wanted(os.Args, os.Getenv("GODEBUG")) {
		return
	}
	block := make([]byte, reserve)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(block)))
	block = nil
	runtime.GC()
	from := start &^ (arena - 1)
	// The range is passed as numbers: it is no Go object, and a Go
	// pointer to freed heap memory would trouble the collector.
	// ENOMEM says part of the range is not mapped (the first arena
	// may hold a gap); the mapped parts are marked all the same. Any
	// other failure leaves ordinary pages, which work as before.
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, from, start+reserve-from, syscall.MADV_HUGEPAGE)
	Marked = errno == 0 || errno == syscall.ENOMEM
}

// wanted tells whether this process asks for huge pages (see the
// package comment for when it does not).
func wanted(args []string, godebug string) bool {
	switch {
	case raceEnabled, disabled(godebug), len(args) > 1 && args[1] == "serve":
		return false
	}
	return onRequest() && !limited()
}

// limited tells whether the process's address space or the system's
// overcommit is limited, where reserving could fail.
func limited() bool {
	var r syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &r); err != nil || r.Cur != ^uint64(0) {
		return true
	}
	b, err := os.ReadFile("/proc/sys/vm/overcommit_memory")
	return err != nil || strings.TrimSpace(string(b)) == "2"
}

// disabled reads GODEBUG as the runtime does: the last disablethp wins.
func disabled(godebug string) bool {
	off := false
	for _, kv := range strings.Split(godebug, ",") {
		if v, ok := strings.CutPrefix(strings.TrimSpace(kv), "disablethp="); ok {
			off = v == "1"
		}
	}
	return off
}

// onRequest tells whether the kernel gives huge pages to memory that
// asks for them and only to it. With "always" the heap has them already;
// with "never", or without the setting, asking is pointless.
func onRequest() bool {
	b, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && strings.Contains(string(b), "[madvise]")
}
