package config

import (
	"fmt"
	"strings"

	"folio/internal/diag"
	"folio/internal/forge"
)

// repository reads the keys about the site's repository: repo_url,
// edit_url, branch and review. A value that cannot be used is a warning
// and is left out, with the links it would have given: the pages still
// build.
func (c *Config) repository(raw rawConfig, lines *lineIndex, ds *[]diag.Diagnostic) {
	warn := func(key, rule, msg, hint string) {
		*ds = append(*ds, diag.Diagnostic{Path: FileName, Line: lines.top(key), Severity: diag.Warning, Rule: rule, Msg: msg, Hint: hint})
	}
	c.Branch = strings.TrimSpace(raw.Branch)
	if c.Branch == "" && lines.top("branch") > 0 {
		warn("branch", "repo-url", "branch is empty: edit links open the branch checked out, else main", "")
	}
	if e := strings.TrimSpace(raw.EditURL); e != "" {
		if _, err := forge.New("", e, ""); err != nil {
			warn("edit_url", "edit-url", err.Error()+": pages have no edit link",
				"write the address of the host's editor, with {path} where the file's path goes, such as https://example.org/edit/{branch}/{path}")
		} else {
			c.EditURL = e
		}
	}
	if r := strings.TrimSpace(raw.RepoURL); r != "" {
		switch f, err := forge.New(r, "", ""); {
		case err != nil:
			warn("repo_url", "repo-url", err.Error()+": pages have no edit, comment or commit links",
				"write the repository's web address, such as https://github.com/owner/repo")
		case f.Kind == forge.Unknown:
			left := "comment and commit links are left out"
			if c.EditURL == "" {
				left = "edit, comment and commit links are left out"
			}
			warn("repo_url", "repo-url",
				fmt.Sprintf("repo_url: the host %s is not one folio knows (GitHub, GitLab, Gitea, Forgejo, Bitbucket): %s", hostOf(f.Base), left),
				"a self-hosted GitLab or Gitea is recognised when its host name says so, like gitlab.example.org; set edit_url for edit links on any host")
			c.RepoURL = r
		default:
			c.RepoURL = r
		}
	}
	c.Review = Review{Since: strings.TrimSpace(raw.Review.Since), Line: lines.top("review")}
	if c.Review.Since == "" && c.Review.Line > 0 {
		*ds = append(*ds, diag.Diagnostic{Path: FileName, Line: c.Review.Line, Severity: diag.Warning, Rule: "config",
			Msg: "review has no since: review mode is off", Hint: "write review: {since: v1.0} with the tag, branch or commit to compare with"})
	}
	if c.Review.Since == "" {
		c.Review.Line = 0
	}
}

// UnmarshalYAML implements yaml.Unmarshaler: review is a mapping
// (review: {since: v1.0}), or the reference alone (review: v1.0).
func (r *Review) UnmarshalYAML(unmarshal func(any) error) error {
	var ref string
	if err := unmarshal(&ref); err == nil {
		r.Since = ref
		return nil
	}
	var m struct {
		Since string `yaml:"since"`
	}
	if err := unmarshal(&m); err != nil {
		return err
	}
	r.Since = m.Since
	return nil
}

// hostOf returns the host of an address https://host/path.
func hostOf(base string) string {
	h := base[strings.Index(base, "://")+3:]
	h, _, _ = strings.Cut(h, "/")
	return h
}
