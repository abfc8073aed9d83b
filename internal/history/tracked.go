package history

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
)

// TrackedIgnored returns the files below dir that git tracks although its
// ignore rules match them (added with git add -f), relative to dir and
// slash-separated: GitBook publishes them, as git holds them. It returns
// nil when dir is in no work tree, git cannot be run or refuses the
// repository (as it refuses to read its history); the error says, in
// one line, why git failed otherwise.
func TrackedIgnored(ctx context.Context, dir string) (map[string]bool, error) {
	if _, _, err := workTree(dir); err != nil {
		return nil, nil // not in a repository: nothing is tracked
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, nil
	}
	out, err := run(ctx, dir, "ls-files", "-z", "--cached", "--ignored", "--exclude-standard")
	if unavailable(err) != nil {
		return nil, nil // git refuses the repository (another user's…): as none
	}
	if err != nil {
		if msg := gitMessage(err); msg != "" {
			return nil, fmt.Errorf("git ls-files: %s", msg) // its first line: a diagnostic is one line
		}
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
