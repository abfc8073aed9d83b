//go:build unix

// Package fastio reads and writes whole files in the fewest system calls.
// os.Open and os.OpenFile ready every file for the poller (on Linux:
// fcntl, epoll_ctl, fcntl again), which a file read or written at once and
// closed never uses; a build opens hundreds of files.
package fastio

import (
	"io/fs"
	"syscall"
)

// WriteFile is os.WriteFile with mode 0644, in open, write and close.
func WriteFile(name string, data []byte) error {
	fd, err := Retry(func() (int, error) {
		return syscall.Open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := Retry(func() (int, error) { return syscall.Write(fd, data) })
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// ReadHead returns up to n bytes from the start of the file name.
func ReadHead(name string, n int) ([]byte, error) {
	fd, err := Retry(func() (int, error) { return syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0) })
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	b := make([]byte, n)
	got := 0
	for got < n {
		k, err := Retry(func() (int, error) { return syscall.Read(fd, b[got:]) })
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if k == 0 {
			break
		}
		got += k
	}
	return b[:got], nil
}

// Retry calls a system call again for as long as a signal interrupts it.
func Retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
