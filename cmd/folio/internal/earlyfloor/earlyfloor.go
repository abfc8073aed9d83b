// Package earlyfloor applies heapfloor's smallest goal from the first
// package initialisations of the process, before the libraries' own:
// chroma builds its registry of about 250 lexers, and kin-openapi's
// JSON Schema compiles its meta-schemas, in their inits. At Go's 4 MiB
// starting goal the collector ran two or three times during them; with
// the floor it does not run at all, and `folio version` starts 5–8 ms
// sooner (a sixth of a small book's build; see the commit message).
//
// heapfloor cannot do this itself: it imports runtime/debug, and Go
// initialises packages in the order of their import paths once their
// own imports are, so runtime/debug, and heapfloor after it, would be
// initialised after every github.com/… package. This package imports
// only os, which those libraries import too, so that it runs first
// (TestEarlyFloorFirst in cmd/folio checks the order). It reaches the
// runtime's setter under the name runtime/debug gives it, which the
// runtime exports for that package (go:linkname). heapfloor.Set, at the
// start of main, takes over from there.
//
// Like heapfloor, it changes nothing when the user set GOGC or
// GOMEMLIMIT.
package earlyfloor

import (
	"os"
	_ "unsafe" // for go:linkname
)

// Percent is heapfloor.Percent(0): the GOGC whose goal, with nothing
// live yet, is heapfloor.Floor.
const Percent = 400

// Applied tells whether init set the floor, for the tests.
var Applied bool

//go:linkname setGCPercent runtime/debug.setGCPercent
func setGCPercent(int32) int32

func init() {
	if os.Getenv("GOGC") == "" && os.Getenv("GOMEMLIMIT") == "" {
		setGCPercent(Percent)
		Applied = true
	}
}
