package main

import (
	"fmt"
	"io"
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
	stopCPU := startFile("FOLIO_CPUPROFILE", "cpu profile", pprof.StartCPUProfile, pprof.StopCPUProfile)
	stopTrace := startFile("FOLIO_TRACE", "trace", trace.Start, trace.Stop)
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

// startFile starts a recording (start) into the file the environment
// variable env names, if any, and returns what stops it (stop) and
// closes the file.
func startFile(env, what string, start func(io.Writer) error, stop func()) func() {
	path := os.Getenv(env)
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "folio: %s: %v\n", what, err)
		return func() {}
	}
	if err := start(f); err != nil {
		fmt.Fprintf(os.Stderr, "folio: %s: %v\n", what, err)
		closeProfile(f)
		return func() {}
	}
	return func() {
		stop()
		closeProfile(f)
	}
}

func closeProfile(f *os.File) {
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "folio: profile:", err)
	}
}
