//go:build race

package site

// raceOn: the race detector slows the code tenfold, which the tests that
// bound a time leave unbounded.
const raceOn = true
