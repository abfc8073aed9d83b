package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// startProfile writes a CPU profile of the whole process to the file
// FOLIO_CPUPROFILE names, and a profile of its allocations to the file
// FOLIO_MEMPROFILE names, for finding where a build's time and memory
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
	return func() {
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
