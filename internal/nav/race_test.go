//go:build race

package nav

// slowdown is how much slower the race detector makes the parser: the
// time limits of the hostile-input tests are stretched by it.
const slowdown = 10
