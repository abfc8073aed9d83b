// Package forge makes the links a page gives to the host of its
// repository (GitHub, GitLab, Gitea or Forgejo, Bitbucket): edit this
// page, comment on this section (a new issue, filled in), and a commit.
// They are plain links: nothing is sent anywhere until a reader follows
// one and submits the host's form.
package forge

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"
)

// Kind is a family of hosts, which share their URLs.
type Kind int

const (
	Unknown   Kind = iota
	GitHub         // github.com, and GitHub Enterprise
	GitLab         // gitlab.com, and self-managed GitLab
	Gitea          // Gitea and Forgejo (Codeberg)
	Bitbucket      // bitbucket.org
)

func (k Kind) String() string {
	return [...]string{"unknown", "GitHub", "GitLab", "Gitea", "Bitbucket"}[k]
}

// MaxURL bounds the length of an issue link: hosts and browsers refuse
// longer ones (GitHub answers 414 above about 8 kB).
const MaxURL = 8000

// Repo is a repository on a host.
type Repo struct {
	Kind Kind
	// Base is the repository's web address, without a trailing slash:
	// https://github.com/owner/name.
	Base string
	// Branch is the branch that edit links open.
	Branch string
	// Dir is the site folder in the repository ("" for its root, else a
	// slash path ending in "/"), which file paths given to EditURL are
	// relative to. New sets it when repo_url points into a folder.
	Dir string
	// EditTemplate is the site's edit_url, if any.
	EditTemplate string
}

// New reads repo_url (a web address, or the address git clones, https or
// ssh), edit_url (optional) and the branch. The host's kind comes from
// its name (github, gitlab, gitea, forgejo, codeberg, bitbucket); on a
// host named otherwise, only edit_url gives edit links, and there are no
// issue or commit links. A repo_url pointing into a folder of a branch
// (…/tree/main/docs) gives Branch and Dir, when branch is "".
func New(repoURL, editURL, branch string) (*Repo, error) {
	r := &Repo{Branch: branch, EditTemplate: editURL}
	if editURL != "" {
		if u, err := url.Parse(strings.NewReplacer("{path}", "p", "{branch}", "b").Replace(editURL)); err != nil || !web(u) {
			return nil, fmt.Errorf("edit_url %q: not an http or https address", editURL)
		}
	}
	if repoURL == "" {
		if editURL == "" {
			return nil, errors.New("repo_url and edit_url are both empty")
		}
		if r.Branch == "" {
			r.Branch = "main" // for {branch}, as with a repo_url
		}
		return r, nil
	}
	u, err := parseRepoURL(repoURL)
	if err != nil {
		return nil, fmt.Errorf("repo_url %q: %w", repoURL, err)
	}
	host := strings.ToLower(u.Hostname())
	switch {
	case strings.Contains(host, "github"):
		r.Kind = GitHub
	case strings.Contains(host, "gitlab"):
		r.Kind = GitLab
	case strings.Contains(host, "gitea"), strings.Contains(host, "forgejo"), strings.Contains(host, "codeberg"):
		r.Kind = Gitea
	case strings.Contains(host, "bitbucket"):
		r.Kind = Bitbucket
	}
	segs := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(segs) < 2 || segs[0] == "" {
		return nil, fmt.Errorf("repo_url %q: no owner and repository in the path", repoURL)
	}
	// The repository's path ends where the host's own pages begin.
	n := 2
	var rest []string
	switch r.Kind {
	case GitLab: // groups nest: the repository ends before "/-/", or
		// before the /tree/ or /blob/ of GitLab's older addresses
		n = len(segs)
		if i := slices.Index(segs, "-"); i >= 0 {
			n, rest = i, segs[i+1:]
		} else {
			for i, s := range segs {
				if i >= 2 && (s == "tree" || s == "blob") && i+1 < len(segs) {
					n, rest = i, segs[i:]
					break
				}
			}
		}
	case GitHub, Gitea, Bitbucket:
		rest = segs[2:]
	default:
		n = len(segs)
	}
	if n < 2 {
		return nil, fmt.Errorf("repo_url %q: no owner and repository in the path", repoURL)
	}
	segs[n-1] = strings.TrimSuffix(segs[n-1], ".git")
	r.Base = "https://" + u.Host + "/" + strings.Join(segs[:n], "/")
	if u.Scheme == "http" {
		r.Base = "http://" + u.Host + "/" + strings.Join(segs[:n], "/")
	}
	// A folder of a branch: GitHub and GitLab …/tree/<branch>/<dir>,
	// Gitea …/src/branch/<branch>/<dir>, Bitbucket …/src/<branch>/<dir>.
	// A branch with a slash in its name cannot be told from a folder.
	if len(rest) > 0 && rest[0] == "src" && r.Kind == Gitea && len(rest) > 1 && rest[1] == "branch" {
		rest = rest[1:]
	}
	if len(rest) >= 2 && (rest[0] == "tree" || rest[0] == "blob" || rest[0] == "src" || rest[0] == "branch") {
		if r.Branch == "" {
			r.Branch = rest[1]
		}
		if dir := strings.Join(rest[2:], "/"); dir != "" {
			r.Dir = dir + "/"
		}
	}
	if r.Branch == "" {
		r.Branch = "main"
	}
	return r, nil
}

// parseRepoURL reads a web address or a clone address: https://host/o/r,
// ssh://git@host/o/r.git, or git@host:o/r.git.
func parseRepoURL(s string) (*url.URL, error) {
	if !strings.Contains(s, "://") {
		// scp-like syntax: [user@]host:path
		at := strings.Index(s, "@")
		colon := strings.Index(s, ":")
		if colon <= at+1 {
			return nil, errors.New("not a repository address")
		}
		s = "ssh://" + s[:colon] + "/" + strings.TrimPrefix(s[colon+1:], "/")
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, errors.New("not a repository address")
	}
	switch u.Scheme {
	case "http", "https", "ssh", "git":
	default:
		return nil, fmt.Errorf("scheme %q: want https or ssh", u.Scheme)
	}
	if u.Host == "" {
		return nil, errors.New("no host")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		// The web address is on the same host, over https, without the
		// user and the ssh port.
		u.Host = u.Hostname()
		u.User = nil
		u.Scheme = "https"
	}
	return u, nil
}

func web(u *url.URL) bool { return (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" }

// escapePath escapes each segment of a slash path, keeping the slashes.
func escapePath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	return strings.Join(segs, "/")
}

// EditURL returns the address of the host's editor for the file at path
// (slash path relative to the site folder), or "" when there is none.
// edit_url may hold {path} (the path in the repository) and {branch};
// without {path}, the path is appended to it, as GitBook and Docusaurus do.
func (r *Repo) EditURL(path string) string {
	file := escapePath(r.Dir + path)
	if r.EditTemplate != "" {
		t := strings.ReplaceAll(r.EditTemplate, "{branch}", escapePath(r.Branch))
		if strings.Contains(t, "{path}") {
			return strings.ReplaceAll(t, "{path}", file)
		}
		return strings.TrimSuffix(t, "/") + "/" + escapePath(path)
	}
	branch := escapePath(r.Branch)
	switch r.Kind {
	case GitHub:
		return r.Base + "/edit/" + branch + "/" + file
	case GitLab:
		return r.Base + "/-/edit/" + branch + "/" + file
	case Gitea:
		return r.Base + "/_edit/" + branch + "/" + file
	case Bitbucket:
		return r.Base + "/src/" + branch + "/" + file + "?mode=edit"
	}
	return ""
}

// FileURL returns the address at which the host shows the file or folder
// at path (slash path from the repository's root) on the branch, or "" on
// an unknown host.
func (r *Repo) FileURL(path string, dir bool) string {
	file, branch := escapePath(path), escapePath(r.Branch)
	kind := "blob"
	if dir {
		kind = "tree"
	}
	switch r.Kind {
	case GitHub:
		return r.Base + "/" + kind + "/" + branch + "/" + file
	case GitLab:
		return r.Base + "/-/" + kind + "/" + branch + "/" + file
	case Gitea:
		return r.Base + "/src/branch/" + branch + "/" + file
	case Bitbucket:
		return r.Base + "/src/" + branch + "/" + file
	}
	return ""
}

// CommitURL returns the address of a commit (a full or short hash), or ""
// on an unknown host.
func (r *Repo) CommitURL(hash string) string {
	hash = url.PathEscape(hash)
	switch r.Kind {
	case GitHub, Gitea:
		return r.Base + "/commit/" + hash
	case GitLab:
		return r.Base + "/-/commit/" + hash
	case Bitbucket:
		return r.Base + "/commits/" + hash
	}
	return ""
}

// IssueURL returns the address of the host's form for a new issue, filled
// in with title and a body that holds the section's address (cite) and
// the first lines of its text as a Markdown quote; "" on an unknown host.
// The quote is cut (at a line, else in a word, marked with "…") so that
// the address stays within MaxURL bytes; the title is cut to 200
// characters.
func (r *Repo) IssueURL(title, cite, text string) string {
	var base, titleKey, bodyKey string
	switch r.Kind {
	case GitHub, Gitea:
		base, titleKey, bodyKey = r.Base+"/issues/new", "title", "body"
	case GitLab:
		base, titleKey, bodyKey = r.Base+"/-/issues/new", "issue[title]", "issue[description]"
	case Bitbucket:
		base, titleKey, bodyKey = r.Base+"/issues/new", "title", "content"
	default:
		return ""
	}
	title = cut(strings.Join(strings.Fields(title), " "), 200)
	head := base + "?" + url.QueryEscape(titleKey) + "=" + url.QueryEscape(title) + "&" + url.QueryEscape(bodyKey) + "="
	body := ""
	if cite != "" {
		body = cite + "\n"
	}
	room := MaxURL - len(head)
	if len(url.QueryEscape(body)) > room {
		// Not even the address fits (a very long base): leave it out.
		return head
	}
	lines := quoteLines(text)
	quote := ""
	for i, line := range lines {
		prefix := "> "
		if i == 0 && body != "" {
			prefix = "\n> " // a blank line between the address and the quote
		}
		next := quote + prefix + line + "\n"
		if len(url.QueryEscape(body+next)) <= room {
			quote = next
			continue
		}
		// The line does not fit: as much of it as fits, if that is some.
		runes := []rune(line)
		lo, hi := 0, len(runes)
		for lo < hi { // the longest prefix that fits
			mid := (lo + hi + 1) / 2
			if len(url.QueryEscape(body+quote+prefix+string(runes[:mid])+"…\n")) <= room {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		if lo > 0 {
			quote += prefix + string(runes[:lo]) + "…\n"
		}
		break
	}
	return head + url.QueryEscape(body+quote)
}

// QuoteLines is the number of lines of a section an issue quotes.
const QuoteLines = 6

// quoteLines returns the first QuoteLines lines of text that are not
// blank, with spaces collapsed.
func quoteLines(text string) []string {
	var lines []string
	for line := range strings.SplitSeq(text, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" {
			continue
		}
		if lines = append(lines, line); len(lines) == QuoteLines {
			break
		}
	}
	return lines
}

// cut shortens s to n characters, marking the cut with "…".
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
