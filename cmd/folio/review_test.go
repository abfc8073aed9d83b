package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestBuildReview: --review marks the pages changed since the reference;
// one git does not know is an error, which --strict makes fatal.
func TestBuildReview(t *testing.T) {
	r := testkit.NewReviewRepo(t, "docs")
	out := filepath.Join(t.TempDir(), "site")
	code, _, errs := runCmd(t, "build", r.Site, "--out", out, "--review", "v1.0")
	if code != exitOK {
		t.Fatalf("build --review v1.0: exit %d\n%s", code, errs)
	}
	// The site is a folder of the repository: its paths are git's less
	// the folder.
	b, err := os.ReadFile(filepath.Join(out, "en", "_review", "index.html"))
	if err != nil || !strings.Contains(string(b), "Changes since v1.0") || !strings.Contains(string(b), "en/obsolete/") {
		t.Errorf("no review index, or without the removed page (%v)", err)
	}
	b, err = os.ReadFile(filepath.Join(out, "en", "guide", "setup", "index.html"))
	if err != nil || !strings.Contains(string(b), "review-changed") {
		t.Errorf("the setup page is not marked (%v)", err)
	}

	code, _, errs = runCmd(t, "build", r.Site, "--out", out, "--strict", "--review", "v9")
	if code != exitFail || !strings.Contains(errs, `--review: error: git knows no tag, branch or commit "v9" to review the changes since`) {
		t.Errorf("build --strict --review v9: exit %d\n%s", code, errs)
	}
	if code, out, errs := runCmd(t, "help", "serve"); code != exitOK || !strings.Contains(out+errs, "--review REF") {
		t.Errorf("folio help serve does not give --review REF:\n%s", out+errs)
	}
}
