package site

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestRepoFileLinks: a page of docs/ links files of its git repository
// outside the content (../src/main.go, ../LICENSE). With repo_url they
// lead to the repository's host, on its branch; without it, each is an
// error that says to set it, and a missing one is missing (t57: errors
// and plain text, so that --strict failed).
func TestRepoFileLinks(t *testing.T) {
	g := testkit.NewGitRepo(t)
	g.Write(map[string]string{
		"src/main.go":    "package main\n",
		"LICENSE":        "MIT\n",
		"src/a b.go":     "package main\n",
		"docs/README.md": "# Docs\n\nSee [main](../src/main.go#L1), [src](../src/), [licence](../LICENSE), [gone](../nope.go), [text](../src/main.go?plain=1) and [spaced](../src/a%20b.go).\n",
	})
	g.Commit("Ann", "first")
	dir := filepath.Join(g.Dir, "docs")
	for _, c := range []struct {
		yaml  string
		links []string
		rules []string
	}{
		{"", nil, []string{"link-outside", "link-outside", "link-outside", "link-outside", "link-outside", "link-outside"}},
		{"repo_url: https://github.com/acme/tool\n", []string{
			`href=https://github.com/acme/tool/blob/main/src/main.go#L1>main</a>`,
			`href=https://github.com/acme/tool/tree/main/src>src</a>`,
			`href=https://github.com/acme/tool/blob/main/LICENSE>licence</a>`,
			`href="https://github.com/acme/tool/blob/main/src/main.go?plain=1">text</a>`,
			`href=https://github.com/acme/tool/blob/main/src/a%20b.go>spaced</a>`,
		}, []string{"link-outside"}},
	} {
		if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(c.yaml), 0o644); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "out")
		res, err := Build(context.Background(), Options{Dir: dir, Out: out})
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range c.links {
			if !strings.Contains(string(b), want) {
				t.Errorf("repo_url %q: no %s in\n%s", c.yaml, want, b)
			}
		}
		var rules []string
		for _, d := range res.Diags {
			if strings.HasPrefix(d.Rule, "link-") {
				rules = append(rules, d.Rule)
				if c.yaml == "" && strings.Contains(d.Msg, "nope.go") == strings.Contains(d.Hint, "repo_url") {
					t.Errorf("%s: the hint names repo_url for a file that is not there, or not for one that is: %q", d, d.Hint)
				}
			}
		}
		if !slices.Equal(rules, c.rules) {
			t.Errorf("repo_url %q: link diagnostics %v, want %v", c.yaml, rules, c.rules)
		}
	}
}
