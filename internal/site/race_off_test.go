//go:build !race

package site

const raceOn = false
