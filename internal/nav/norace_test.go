//go:build !race

package nav

// slowdown: see race_test.go.
const slowdown = 1
