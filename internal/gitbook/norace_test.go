//go:build !race

package gitbook

// slowdown: see race_test.go.
const slowdown = 1
