//go:build !race

package testkit

// Slowdown: see race.go.
const Slowdown = 1
