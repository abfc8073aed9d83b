package testkit

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// GitRepo is a git repository that a test makes in a temporary
// directory, with commits at fixed dates by fixed authors, so that its
// hashes are the same on every run. Its git ignores the user's and the
// system's configuration.
type GitRepo struct {
	Dir  string
	tb   testing.TB
	next time.Time // the date of the next commit
}

// GitEpoch is the date of a GitRepo's first commit; each commit is one
// day after the one before.
var GitEpoch = time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)

// NewGitRepo makes an empty repository, with main as its branch, or
// skips the test when git is not installed.
func NewGitRepo(tb testing.TB) *GitRepo {
	tb.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		tb.Skip("git is not installed")
	}
	g := &GitRepo{Dir: tb.TempDir(), tb: tb, next: GitEpoch}
	g.Git("init", "-q")
	g.Git("symbolic-ref", "HEAD", "refs/heads/main")
	return g
}

// Git runs git in the repository and returns its output without the
// final newline; a failure fails the test.
func (g *GitRepo) Git(args ...string) string {
	g.tb.Helper()
	return g.gitEnv(nil, nil, args...)
}

func (g *GitRepo) gitEnv(env []string, stdin []byte, args ...string) string {
	g.tb.Helper()
	cmd := exec.Command("git", append([]string{"-c", "commit.gpgSign=false", "-c", "tag.gpgSign=false", "-c", "core.autocrlf=false"}, args...)...)
	cmd.Dir = g.Dir
	cmd.Env = append(GitEnv(), env...)
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		g.tb.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return strings.TrimSuffix(string(out), "\n")
}

// GitEnv is the environment of a test's git: the process's, without what
// would point git at another repository or configuration.
func GitEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv)
		}
	}
	return append(env, "GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0")
}

// Write writes files (slash path → content) into the work tree.
func (g *GitRepo) Write(files map[string]string) {
	g.tb.Helper()
	WriteFiles(g.tb, g.Dir, files)
}

// Remove deletes files (slash paths) from the work tree.
func (g *GitRepo) Remove(paths ...string) {
	g.tb.Helper()
	for _, p := range paths {
		if err := os.Remove(filepath.Join(g.Dir, filepath.FromSlash(p))); err != nil {
			g.tb.Fatal(err)
		}
	}
}

// Move renames a file of the work tree (slash paths).
func (g *GitRepo) Move(from, to string) {
	g.tb.Helper()
	dst := filepath.Join(g.Dir, filepath.FromSlash(to))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		g.tb.Fatal(err)
	}
	if err := os.Rename(filepath.Join(g.Dir, filepath.FromSlash(from)), dst); err != nil {
		g.tb.Fatal(err)
	}
}

// Commit commits every change of the work tree as author ("Name
// <email>"), one day after the previous commit, and returns its hash.
func (g *GitRepo) Commit(author, message string) string {
	g.tb.Helper()
	when := g.next
	g.next = g.next.Add(24 * time.Hour)
	name, email, _ := strings.Cut(strings.TrimSuffix(author, ">"), " <")
	date := when.Format(time.RFC3339)
	env := []string{
		"GIT_AUTHOR_NAME=" + name, "GIT_AUTHOR_EMAIL=" + email, "GIT_AUTHOR_DATE=" + date,
		"GIT_COMMITTER_NAME=" + name, "GIT_COMMITTER_EMAIL=" + email, "GIT_COMMITTER_DATE=" + date,
	}
	g.Git("add", "-A")
	g.gitEnv(env, nil, "commit", "-q", "--allow-empty", "-m", message)
	return g.Git("rev-parse", "HEAD")
}

// CommitAuthored commits as Commit does, at the next date, with the
// author's date authored: a commit rebased onto later ones.
func (g *GitRepo) CommitAuthored(author, message string, authored time.Time) string {
	g.tb.Helper()
	when := g.next
	g.next = g.next.Add(24 * time.Hour)
	name, email, _ := strings.Cut(strings.TrimSuffix(author, ">"), " <")
	env := []string{
		"GIT_AUTHOR_NAME=" + name, "GIT_AUTHOR_EMAIL=" + email, "GIT_AUTHOR_DATE=" + authored.Format(time.RFC3339),
		"GIT_COMMITTER_NAME=" + name, "GIT_COMMITTER_EMAIL=" + email, "GIT_COMMITTER_DATE=" + when.Format(time.RFC3339),
	}
	g.Git("add", "-A")
	g.gitEnv(env, nil, "commit", "-q", "--allow-empty", "-m", message)
	return g.Git("rev-parse", "HEAD")
}

// Tag tags HEAD with a lightweight tag.
func (g *GitRepo) Tag(name string) {
	g.tb.Helper()
	g.Git("tag", name)
}

// ReviewRepo is a bilingual GitBook site (English, the default, and
// French) in a repository with the history that review mode reads.
// Commits, oldest first (each by its label in Commits; dates one day
// apart from GitEpoch):
//
//	initial      Alice   site.yaml and the English pages
//	translation  Bob     the French pages; fr/guide/setup.md says
//	                     translated_from: <initial>; tagged v1.0
//	edit         Alice   en/guide/setup.md: a paragraph changed, one
//	                     inserted, one removed, a list item changed, a
//	                     table row added
//	rename       Carol   en/guide/old-name.md → en/guide/install.md
//	original     Alice   en/engagement.md changed: fr/engagement.md is
//	                     now older than its original
//	add-remove   Bob     en/guide/new-page.md added, en/obsolete.md
//	                     removed
//
// The English setup page shows an image whose name holds a space and
// non-ASCII letters (en/.gitbook/assets/schéma 1.svg).
type ReviewRepo struct {
	*GitRepo
	Site    string            // the site folder: Dir, or the subfolder given
	Commits map[string]string // label → full hash
}

// NewReviewRepo makes the repository of ReviewRepo, with the site in the
// subfolder sub of the repository ("" for its root).
func NewReviewRepo(tb testing.TB, sub string) *ReviewRepo {
	tb.Helper()
	r := &ReviewRepo{GitRepo: NewGitRepo(tb), Commits: map[string]string{}}
	r.Site = filepath.Join(r.Dir, filepath.FromSlash(sub))
	in := func(files map[string]string) map[string]string {
		out := map[string]string{}
		for name, data := range files {
			out[path.Join(sub, name)] = data
		}
		return out
	}
	const (
		alice = "Alice Martin <alice@example.org>"
		bob   = "Bob Tremblay <bob@example.org>"
		carol = "Carol Diaz <carol@example.org>"
	)
	summary := func(pages ...string) string {
		var b strings.Builder
		b.WriteString("# Summary\n\n* [Home](README.md)\n")
		for _, p := range pages {
			fmt.Fprintf(&b, "* [%s](%s)\n", strings.TrimSuffix(path.Base(p), ".md"), p)
		}
		return b.String()
	}
	r.Write(in(map[string]string{
		"site.yaml": "title: Review test\nlanguages:\n  - code: en\n    name: English\n    dir: en\n    default: true\n" +
			"  - code: fr\n    name: Français\n    dir: fr\n",
		"en/README.md":                    "# Home\n\nThe specification under review.\n",
		"en/SUMMARY.md":                   summary("guide/setup.md", "guide/old-name.md", "engagement.md", "obsolete.md"),
		"en/guide/setup.md":               setupV1,
		"en/guide/old-name.md":            "# Installing\n\nDownload the archive and unpack it anywhere.\n\nNo administrator rights are needed.\n",
		"en/engagement.md":                "# Engagement\n\nStakeholders are engaged early.\n\n## Workshops\n\nEach workshop has a facilitator.\n",
		"en/obsolete.md":                  "# Obsolete\n\nThis page is going away.\n",
		"en/.gitbook/assets/schéma 1.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>` + "\n",
	}))
	r.Commits["initial"] = r.Commit(alice, "Initial English pages")
	r.Write(in(map[string]string{
		"fr/README.md":      "# Accueil\n\nLa spécification en cours d'examen.\n",
		"fr/SUMMARY.md":     "# Sommaire\n\n* [Accueil](README.md)\n* [Mise en place](guide/setup.md)\n* [Engagement](engagement.md)\n",
		"fr/guide/setup.md": "---\ntranslated_from: " + r.Commits["initial"] + "\n---\n\n# Mise en place\n\nInstallez l'outil, puis configurez-le.\n",
		"fr/engagement.md":  "# Engagement\n\nLes parties prenantes sont engagées tôt.\n\n## Ateliers\n\nChaque atelier a un animateur.\n",
	}))
	r.Commits["translation"] = r.Commit(bob, "Traduction française")
	r.Tag("v1.0")
	r.Write(in(map[string]string{"en/guide/setup.md": setupV2}))
	r.Commits["edit"] = r.Commit(alice, "Revise the setup page")
	r.Move(path.Join(sub, "en/guide/old-name.md"), path.Join(sub, "en/guide/install.md"))
	r.Write(in(map[string]string{"en/SUMMARY.md": summary("guide/setup.md", "guide/install.md", "engagement.md", "obsolete.md")}))
	r.Commits["rename"] = r.Commit(carol, "Rename the installation page")
	r.Write(in(map[string]string{
		"en/engagement.md": "# Engagement\n\nStakeholders are engaged early and often.\n\n## Workshops\n\nEach workshop has a facilitator and a note taker.\n",
	}))
	r.Commits["original"] = r.Commit(alice, "Engagement: more often")
	r.Remove(path.Join(sub, "en/obsolete.md"))
	r.Write(in(map[string]string{
		"en/guide/new-page.md": "# New page\n\nAdded after the review.\n",
		"en/SUMMARY.md":        summary("guide/setup.md", "guide/install.md", "guide/new-page.md", "engagement.md"),
	}))
	r.Commits["add-remove"] = r.Commit(bob, "Add a page, remove another")
	return r
}

// setupV1 and setupV2 are the English setup page before and after the
// commit "edit".
const (
	setupV1 = `# Setup

Install the tool, then configure it.

![Schéma](<../.gitbook/assets/schéma 1.svg>)

## Requirements

You need a computer.

* A keyboard
* A screen
* A network connection

| Setting | Default |
| ------- | ------- |
| port    | 4000    |
| host    | localhost |

## Configuration

Edit the configuration file.

This paragraph will be removed.

Restart the tool.
`
	setupV2 = `# Setup

Install the tool, then configure it.

![Schéma](<../.gitbook/assets/schéma 1.svg>)

## Requirements

You need a computer with 4 GB of memory.

* A keyboard
* A large screen
* A network connection

| Setting | Default |
| ------- | ------- |
| port    | 4000    |
| host    | localhost |
| timeout | 30s     |

## Configuration

Edit the configuration file.

Check it with the validate command.

Restart the tool.
`
)

// GenerateGitRepo makes a repository of commits commits and files files
// (Markdown pages in 20 folders) with one git fast-import, in well under
// a second for thousands of commits: the first commit adds every file,
// each later one changes three, and every 50th also renames one. The
// work tree is checked out.
func GenerateGitRepo(tb testing.TB, commits, files int) *GitRepo {
	tb.Helper()
	g := NewGitRepo(tb)
	var s bytes.Buffer
	w := bufio.NewWriter(&s)
	names := make([]string, files)
	for i := range names {
		names[i] = fmt.Sprintf("part-%02d/page %03d.md", i%20, i)
	}
	data := func(format string, args ...any) {
		text := fmt.Sprintf(format, args...)
		fmt.Fprintf(w, "data %d\n%s\n", len(text), text)
	}
	page := func(i, version int) {
		fmt.Fprintf(w, "M 100644 inline %s\n", quoteFastImport(names[i]))
		data("# Page %d\n\nVersion %d of page %d.\n\nSome text that stays the same, so that renames are found.\nAnd more of it.\n", i, version, i)
	}
	for c := range commits {
		when := GitEpoch.Add(time.Duration(c) * time.Hour).Unix()
		author := []string{"Alice <alice@example.org>", "Bob <bob@example.org>", "Carol <carol@example.org>"}[c%3]
		fmt.Fprintf(w, "commit refs/heads/main\nmark :%d\nauthor %s %d +0000\ncommitter %s %d +0000\n", c+1, author, when, author, when)
		data("Commit %d", c)
		if c == 0 {
			for i := range names {
				page(i, 0)
			}
			continue
		}
		fmt.Fprintf(w, "from :%d\n", c)
		for _, i := range []int{c * 7 % files, (c*13 + 1) % files, (c*31 + 2) % files} {
			page(i, c)
		}
		if c%50 == 0 {
			i := c * 17 % files
			old := names[i]
			names[i] = fmt.Sprintf("part-%02d/moved %03d-%d.md", i%20, i, c)
			fmt.Fprintf(w, "R %s %s\n", quoteFastImport(old), quoteFastImport(names[i]))
		}
	}
	if err := w.Flush(); err != nil {
		tb.Fatal(err)
	}
	// glibc's malloc gives memory back to the system after each object
	// fast-import compresses, 30,000 system calls that make it four
	// times slower; the tunable keeps the memory (other libcs ignore it).
	g.gitEnv([]string{"GLIBC_TUNABLES=glibc.malloc.trim_threshold=268435456"}, s.Bytes(), "fast-import", "--quiet")
	g.Git("reset", "-q", "--hard")
	return g
}

// quoteFastImport quotes a path for fast-import when it needs quotes (it
// holds a space, a quote or a backslash).
func quoteFastImport(p string) string {
	if !strings.ContainsAny(p, " \"\\\n") {
		return p
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(p) + `"`
}
