//go:build race

package testkit

// Slowdown is how much slower the race detector makes folio's code: the
// time limits of the hostile-input tests are stretched by it (deep
// nesting took 7 s under -race against 0.5 s without).
const Slowdown = 10
