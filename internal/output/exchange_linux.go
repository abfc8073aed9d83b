package output

import "golang.org/x/sys/unix"

// exchange swaps the directory entries a and b in one step, so that a
// reader of either path never finds it missing (renameat2's
// RENAME_EXCHANGE). A variable, so that tests can make it fail.
var exchange = func(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
