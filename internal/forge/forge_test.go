package forge

import (
	"net/url"
	"strings"
	"testing"
)

func TestNew(t *testing.T) {
	for _, c := range []struct {
		repoURL, branch                string
		kind                           Kind
		base, wantBranch, dir, wantErr string
	}{
		{repoURL: "https://github.com/acme/specs", kind: GitHub, base: "https://github.com/acme/specs", wantBranch: "main"},
		{repoURL: "https://github.com/acme/specs.git", branch: "draft", kind: GitHub, base: "https://github.com/acme/specs", wantBranch: "draft"},
		{repoURL: "https://github.com/acme/specs/", kind: GitHub, base: "https://github.com/acme/specs", wantBranch: "main"},
		{repoURL: "git@github.com:acme/specs.git", kind: GitHub, base: "https://github.com/acme/specs", wantBranch: "main"},
		{repoURL: "ssh://git@github.example.org:2222/acme/specs.git", kind: GitHub, base: "https://github.example.org/acme/specs", wantBranch: "main"},
		{repoURL: "https://github.com/acme/specs/tree/v2/docs/en", kind: GitHub, base: "https://github.com/acme/specs", wantBranch: "v2", dir: "docs/en/"},
		{repoURL: "https://github.com/acme/specs/tree/v2/docs", branch: "main", kind: GitHub, base: "https://github.com/acme/specs", wantBranch: "main", dir: "docs/"},
		{repoURL: "https://gitlab.com/gov/tac/specs", kind: GitLab, base: "https://gitlab.com/gov/tac/specs", wantBranch: "main"},
		{repoURL: "https://gitlab.gnome.org/gov/specs/-/tree/master/docs", kind: GitLab, base: "https://gitlab.gnome.org/gov/specs", wantBranch: "master", dir: "docs/"},
		{repoURL: "git@gitlab.com:gov/tac/specs.git", kind: GitLab, base: "https://gitlab.com/gov/tac/specs", wantBranch: "main"},
		// GitLab's older addresses, without "/-/" (tester: links went into
		// …/tree/main/docs/-/edit/…).
		{repoURL: "https://gitlab.com/grp/proj/tree/main/docs", kind: GitLab, base: "https://gitlab.com/grp/proj", wantBranch: "main", dir: "docs/"},
		{repoURL: "https://gitlab.com/grp/sub/proj/tree/dev", kind: GitLab, base: "https://gitlab.com/grp/sub/proj", wantBranch: "dev"},
		// A subgroup named tree: the newer form's /-/ decides (reviewer).
		{repoURL: "https://gitlab.com/grp/tree/proj/-/tree/main/docs", kind: GitLab, base: "https://gitlab.com/grp/tree/proj", wantBranch: "main", dir: "docs/"},
		{repoURL: "https://codeberg.org/acme/specs", kind: Gitea, base: "https://codeberg.org/acme/specs", wantBranch: "main"},
		{repoURL: "https://gitea.example.org/acme/specs/src/branch/dev/docs", kind: Gitea, base: "https://gitea.example.org/acme/specs", wantBranch: "dev", dir: "docs/"},
		{repoURL: "https://forgejo.example.org/acme/specs", kind: Gitea, base: "https://forgejo.example.org/acme/specs", wantBranch: "main"},
		{repoURL: "https://bitbucket.org/acme/specs/src/main/docs/", kind: Bitbucket, base: "https://bitbucket.org/acme/specs", wantBranch: "main", dir: "docs/"},
		{repoURL: "http://git.example.org/acme/specs", kind: Unknown, base: "http://git.example.org/acme/specs", wantBranch: "main"},
		{repoURL: "https://github.com/acme", wantErr: "no owner and repository"},
		{repoURL: "ftp://github.com/acme/specs", wantErr: "scheme"},
		{repoURL: "specs", wantErr: "not a repository address"},
		{repoURL: "https:///acme/specs", wantErr: "no host"},
		{repoURL: "https://gitlab.com/-/specs", wantErr: "no owner and repository"},
	} {
		r, err := New(c.repoURL, "", c.branch)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("New(%q): %v, want an error with %q", c.repoURL, err, c.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("New(%q): %v", c.repoURL, err)
			continue
		}
		if r.Kind != c.kind || r.Base != c.base || r.Branch != c.wantBranch || r.Dir != c.dir {
			t.Errorf("New(%q) = %v %q %q %q, want %v %q %q %q", c.repoURL, r.Kind, r.Base, r.Branch, r.Dir, c.kind, c.base, c.wantBranch, c.dir)
		}
	}
	if _, err := New("", "", ""); err == nil {
		t.Error("New with nothing succeeded")
	}
	if _, err := New("", "javascript:alert(1)/{path}", ""); err == nil {
		t.Error("New accepted a javascript: edit_url")
	}
}

func TestLinks(t *testing.T) {
	const path = "guide/données & résultats #1.md"
	const esc = "guide/donn%C3%A9es%20&%20r%C3%A9sultats%20%231.md"
	for _, c := range []struct {
		repoURL, editURL, branch string
		edit, commit, issue      string
	}{
		{
			repoURL: "https://github.com/acme/specs/tree/main/docs",
			edit:    "https://github.com/acme/specs/edit/main/docs/" + esc,
			commit:  "https://github.com/acme/specs/commit/abc1234",
			issue:   "https://github.com/acme/specs/issues/new?title=Setup%3A+Requirements&body=",
		},
		{
			repoURL: "https://gitlab.com/gov/tac/specs", branch: "feature/review",
			edit:   "https://gitlab.com/gov/tac/specs/-/edit/feature/review/" + esc,
			commit: "https://gitlab.com/gov/tac/specs/-/commit/abc1234",
			issue:  "https://gitlab.com/gov/tac/specs/-/issues/new?issue%5Btitle%5D=Setup%3A+Requirements&issue%5Bdescription%5D=",
		},
		{
			repoURL: "https://codeberg.org/acme/specs",
			edit:    "https://codeberg.org/acme/specs/_edit/main/" + esc,
			commit:  "https://codeberg.org/acme/specs/commit/abc1234",
			issue:   "https://codeberg.org/acme/specs/issues/new?title=Setup%3A+Requirements&body=",
		},
		{
			repoURL: "https://bitbucket.org/acme/specs",
			edit:    "https://bitbucket.org/acme/specs/src/main/" + esc + "?mode=edit",
			commit:  "https://bitbucket.org/acme/specs/commits/abc1234",
			issue:   "https://bitbucket.org/acme/specs/issues/new?title=Setup%3A+Requirements&content=",
		},
		{
			repoURL: "https://git.example.org/acme/specs", editURL: "https://git.example.org/acme/specs/edit/{branch}/site/{path}", branch: "v2",
			edit: "https://git.example.org/acme/specs/edit/v2/site/" + esc,
		},
		{
			editURL: "https://github.com/acme/specs/edit/main/docs/",
			edit:    "https://github.com/acme/specs/edit/main/docs/" + esc,
		},
		{
			editURL: "https://example.org/{branch}/edit/", branch: "v3",
			edit: "https://example.org/v3/edit/" + esc,
		},
		{
			// No branch given: main, as with a repo_url (tester: an empty
			// {branch}, edit//guide/…).
			editURL: "https://git.acme.internal/edit/{branch}/{path}",
			edit:    "https://git.acme.internal/edit/main/" + esc,
		},
		{repoURL: "https://git.example.org/acme/specs"}, // an unknown host without edit_url: no links
	} {
		r, err := New(c.repoURL, c.editURL, c.branch)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.EditURL(path); got != c.edit {
			t.Errorf("%s: EditURL = %q, want %q", c.repoURL, got, c.edit)
		}
		if got := r.CommitURL("abc1234"); got != c.commit {
			t.Errorf("%s: CommitURL = %q, want %q", c.repoURL, got, c.commit)
		}
		issue := r.IssueURL("Setup:  Requirements", "", "")
		if issue != c.issue {
			t.Errorf("%s: IssueURL = %q, want %q", c.repoURL, issue, c.issue)
		}
	}
}

// TestIssueBody checks the body of an issue as the host reads it back.
func TestIssueBody(t *testing.T) {
	r, err := New("https://github.com/acme/specs", "", "")
	if err != nil {
		t.Fatal(err)
	}
	text := "First line with & and # and %20 and +.\n\n  Second   line, <b>not bold</b>.\n3\n4\n5\n6\n7 is not quoted\n"
	got := r.IssueURL("Réglages — Exigences", "https://docs.example.org/fr/guide/setup/#exigences", text)
	u, err := url.Parse(got)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if q.Get("title") != "Réglages — Exigences" {
		t.Errorf("title = %q", q.Get("title"))
	}
	want := "https://docs.example.org/fr/guide/setup/#exigences\n\n" +
		"> First line with & and # and %20 and +.\n> Second line, <b>not bold</b>.\n> 3\n> 4\n> 5\n> 6\n"
	if q.Get("body") != want {
		t.Errorf("body = %q, want %q", q.Get("body"), want)
	}
	if len(q) != 2 {
		t.Errorf("query %v has more than title and body", q)
	}
}

// TestIssueCap checks that a long section or title keeps the address
// under MaxURL, cut at a line, then in a line, without breaking a
// character.
func TestIssueCap(t *testing.T) {
	r, err := New("https://gitlab.com/gov/specs", "", "")
	if err != nil {
		t.Fatal(err)
	}
	cite := "https://docs.example.org/en/setup/#requirements"
	for name, text := range map[string]string{
		"one long line": strings.Repeat("é€ ", 5000),
		"long lines":    strings.Repeat(strings.Repeat("word ", 300)+"\n", 6),
	} {
		got := r.IssueURL(strings.Repeat("Title ", 100), cite, text)
		if len(got) > MaxURL {
			t.Errorf("%s: %d bytes", name, len(got))
		}
		u, err := url.Parse(got)
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		if title := q.Get("issue[title]"); len([]rune(title)) != 200 || !strings.HasSuffix(title, "…") {
			t.Errorf("%s: title %q", name, title)
		}
		body := q.Get("issue[description]")
		if !strings.HasPrefix(body, cite+"\n\n> ") || !strings.HasSuffix(body, "…\n") || !strings.Contains(body, "> ") {
			t.Errorf("%s: body %q", name, body)
		}
		if len(got) < MaxURL-200 {
			t.Errorf("%s: %d bytes, the quote could be longer", name, len(got))
		}
	}
}
