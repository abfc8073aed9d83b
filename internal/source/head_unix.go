//go:build unix

package source

import (
	"io/fs"
	"syscall"
)

// ReadHead returns up to n bytes from the start of the file name, in three
// system calls: os.Open readies every file for the poller (on Linux:
// fcntl, epoll_ctl, fcntl again), which a file read once never uses. A
// build reads the head of every image it publishes, for its size.
func ReadHead(name string, n int) ([]byte, error) {
	fd, err := retry(func() (int, error) { return syscall.Open(name, syscall.O_RDONLY|syscall.O_CLOEXEC, 0) })
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	defer syscall.Close(fd)
	b := make([]byte, n)
	got := 0
	for got < n {
		k, err := retry(func() (int, error) { return syscall.Read(fd, b[got:]) })
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

func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
