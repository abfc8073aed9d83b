//go:build unix

package output

import (
	"os"
	"syscall"
)

// lockDir takes dir's lock, held while the open file is: the system lets
// it go when the process ends, however it ends.
func lockDir(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// unlocked reports whether no process holds dir's lock.
func unlocked(dir string) bool {
	f, err := lockDir(dir)
	if err != nil {
		return false
	}
	f.Close()
	return true
}
