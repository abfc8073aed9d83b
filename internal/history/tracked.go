package history

import (
	"bytes"
	"context"
	"os/exec"
)

// TrackedIgnored returns the files below dir that git tracks although its
// ignore rules match them (added with git add -f), relative to dir and
// slash-separated: GitBook publishes them, as git holds them. It returns
// nil when dir is in no work tree or git cannot be run; the error says
// why git failed.
func TrackedIgnored(ctx context.Context, dir string) (map[string]bool, error) {
	if _, _, err := workTree(dir); err != nil {
		return nil, nil // not in a repository: nothing is tracked
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, nil
	}
	out, err := run(ctx, dir, "ls-files", "-z", "--cached", "--ignored", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	files := map[string]bool{}
	for p := range bytes.SplitSeq(out, []byte{0}) {
		if len(p) > 0 {
			files[string(p)] = true
		}
	}
	return files, nil
}
