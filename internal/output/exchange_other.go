//go:build !linux

package output

import "errors"

// exchange would swap a and b in one step; this system has no such call,
// so Commit renames the previous output aside, then the new one in.
var exchange = func(a, b string) error { return errors.ErrUnsupported }
