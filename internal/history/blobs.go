package history

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strconv"
	"strings"
	"sync"
)

// MaxBlob is the largest file Blobs reads: a page is far smaller, and a
// larger file is not worth a review.
const MaxBlob = 64 << 20

// Blobs reads the files of the site as they were at one commit, through
// one git cat-file process however many files it reads. It is safe for
// concurrent use; Close ends the process.
type Blobs struct {
	repo   *Repo
	commit string
	cancel context.CancelFunc
	done   chan error // the result of Wait

	mu  sync.Mutex
	in  io.WriteCloser
	out *bufio.Reader
	err error // once set, every Read fails with it
}

// Blobs starts reading files at commit, a full hash (see Resolve). The
// process lives until Close, or until ctx ends or Timeout passes.
func (r *Repo) Blobs(ctx context.Context, commit string) (*Blobs, error) {
	if !isHash(commit) {
		return nil, fmt.Errorf("git cat-file: %q is not a full commit hash", commit)
	}
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	cmd := command(ctx, r.Dir, "cat-file", "--batch")
	var stderr bytes.Buffer
	cmd.Stderr = &limited{w: &stderr, n: 4096}
	in, err := cmd.StdinPipe()
	if err != nil {
		cancel()
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	if err := cmd.Start(); err != nil {
		cancel()
		return nil, fmt.Errorf("git cat-file: %w", err)
	}
	b := &Blobs{repo: r, commit: commit, cancel: cancel, done: make(chan error, 1), in: in, out: bufio.NewReaderSize(out, 64<<10)}
	go func() {
		err := cmd.Wait()
		if err != nil && stderr.Len() > 0 {
			err = &gitError{args: []string{"cat-file"}, err: err, msg: strings.TrimSpace(stderr.String())}
		}
		b.done <- err
	}()
	return b, nil
}

// Read returns the content of the file at path (relative to the site
// folder) at the commit. The error wraps fs.ErrNotExist when the commit
// has no such file.
func (b *Blobs) Read(path string) ([]byte, error) {
	if strings.ContainsAny(path, "\n\x00") {
		// cat-file reads one name a line.
		return nil, fmt.Errorf("%s at %.7s: %w", path, b.commit, fs.ErrNotExist)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return nil, b.err
	}
	data, err := b.read(path)
	var nf notFile
	if errors.As(err, &nf) {
		return nil, fmt.Errorf("%s at %.7s: %w", path, b.commit, fs.ErrNotExist)
	}
	if err != nil {
		// The protocol is out of step, or git is gone: no later read can
		// be trusted.
		b.err = fmt.Errorf("git cat-file: %w", err)
		return nil, b.err
	}
	return data, nil
}

// notFile is a name that cat-file found no blob for.
type notFile struct{}

func (notFile) Error() string { return "not a file" }

// read asks for one object and reads the answer: "<oid> <type> <size>\n",
// the content and "\n"; or "<name> missing\n".
func (b *Blobs) read(path string) ([]byte, error) {
	name := b.commit + ":" + b.repo.repoPath(path)
	if _, err := io.WriteString(b.in, name+"\n"); err != nil {
		return nil, err
	}
	line, err := b.out.ReadString('\n')
	if err != nil {
		return nil, err
	}
	line = strings.TrimSuffix(line, "\n")
	if rest, ok := strings.CutPrefix(line, name+" "); ok {
		if rest == "missing" || rest == "ambiguous" {
			return nil, notFile{}
		}
		return nil, fmt.Errorf("unexpected answer %q", line)
	}
	fields := strings.Fields(line)
	if len(fields) != 3 || !isHash(fields[0]) {
		return nil, fmt.Errorf("unexpected answer %q", line)
	}
	size, err := strconv.ParseInt(fields[2], 10, 64)
	if err != nil || size < 0 {
		return nil, fmt.Errorf("unexpected answer %q", line)
	}
	if fields[1] != "blob" || size > MaxBlob {
		// A folder, a submodule, or a file too large: skip its content.
		if _, err := b.out.Discard(int(size) + 1); err != nil {
			return nil, err
		}
		return nil, notFile{}
	}
	data := make([]byte, size+1)
	if _, err := io.ReadFull(b.out, data); err != nil {
		return nil, err
	}
	if data[size] != '\n' {
		return nil, errors.New("object not followed by a newline")
	}
	return data[:size], nil
}

// Close ends the git process.
func (b *Blobs) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cancel == nil {
		return nil
	}
	b.in.Close() // cat-file exits at the end of its input
	err := <-b.done
	b.cancel()
	b.cancel = nil
	if b.err == nil {
		b.err = errors.New("git cat-file: closed")
	}
	if err != nil {
		return fmt.Errorf("git cat-file: %w", err)
	}
	return nil
}
