//go:build !linux

package output

// mountPoint reports whether the folder dir is a mount point; this
// system's are not looked for, and renaming one fails with its error.
var mountPoint = func(dir string) bool { return false }
