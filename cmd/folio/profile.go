package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// startProfile writes a CPU profile of the whole process to the file
// FOLIO_CPUPROFILE names, a profile of its allocations to the file
// FOLIO_MEMPROFILE names, and an execution trace (go tool trace) to the
// file FOLIO_TRACE names, for finding where a build's time and memory
// go as a user would run it. It returns the function that finishes them.
func startProfile() func() {
	stopCPU := func() {}
	if path := os.Getenv("FOLIO_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "folio: cpu profile:", err)
		} else {
			stopCPU = func() {
				pprof.StopCPUProfile()
				closeProfile(f)
			}
		}
	}
	stopTrace := func() {}
	if path := os.Getenv("FOLIO_TRACE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = trace.Start(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "folio: trace:", err)
		} else {
			stopTrace = func() {
				trace.Stop()
				closeProfile(f)
			}
		}
	}
	return func() {
		stopTrace()
		stopCPU()
		if path := os.Getenv("FOLIO_MEMPROFILE"); path != "" {
			runtime.GC() // the profile counts what the last collection saw
			f, err := os.Create(path)
			if err == nil {
				err = pprof.Lookup("allocs").WriteTo(f, 0)
				closeProfile(f)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "folio: memory profile:", err)
			}
		}
	}
}

func closeProfile(f *os.File) {
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "folio: profile:", err)
	}
}
