//go:build !unix

// Package fastio reads and writes whole files in the fewest system calls;
// on this system, through package os.
package fastio

import (
	"io"
	"os"
)

// WriteFile is os.WriteFile with mode 0644.
func WriteFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

// ReadHead returns up to n bytes from the start of the file name.
func ReadHead(name string, n int) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	k, err := io.ReadFull(f, b)
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		err = nil
	}
	return b[:k], err
}
