package config

import (
	"errors"
	"fmt"
	"path"
	"sort"
	"strings"

	"gopkg.in/yaml.v2"

	"folio/internal/diag"
	"folio/internal/source"
)

// GitBook is a space's .gitbook.yaml. All paths are slash-separated and
// cleaned; Root is relative to the space's directory, the others to Root.
type GitBook struct {
	Root      string     // default "."; `root: ./spec/` gives "spec"
	Readme    string     // default "README.md"
	Summary   string     // default "SUMMARY.md"
	Redirects []Redirect // sorted by From
}

// Redirect sends an old URL path of the space to a page.
type Redirect struct {
	From string // old URL path, no leading slash
	To   string // file path relative to Root
	Line int    // line in .gitbook.yaml, 0 if unknown
	Col  int    // column of its key, 0 if unknown
}

type rawGitBook struct {
	Root      string `yaml:"root"`
	Structure struct {
		Readme  string `yaml:"readme"`
		Summary string `yaml:"summary"`
	} `yaml:"structure"`
	Redirects map[string]string `yaml:"redirects"`
}

// ParseGitBook reads a .gitbook.yaml; path is only used in diagnostics. An
// empty file, as GitBook itself commits, gives the defaults. Zero-width
// characters are removed first (GitBook's docs example carries a U+200B
// before "structure:"). Unknown keys are warnings, since GitBook ignores
// them; paths that leave the space are errors and fall back to defaults.
func ParseGitBook(path string, b []byte) (GitBook, []diag.Diagnostic) {
	g := GitBook{Root: ".", Readme: "README.md", Summary: "SUMMARY.md"}
	text, ds, ok := source.Normalize(path, b)
	if !ok {
		return g, ds
	}
	text = source.CleanYAML(text)
	var raw rawGitBook
	if err := yaml.UnmarshalStrict(text, &raw); err != nil {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			raw = rawGitBook{}
		}
		for _, d := range source.YAMLError(path, text, 0, err) {
			if strings.HasPrefix(d.Msg, "unknown key") {
				d.Severity = diag.Warning
				d.Hint = "GitBook reads only root, structure.readme, structure.summary and redirects"
			}
			ds = append(ds, d)
		}
	}
	lines := newLineIndex(text)
	col := func(line int) int {
		if line == 0 {
			return 0
		}
		return source.FirstCol(text, line)
	}
	bad := func(line int, msg string) {
		ds = append(ds, diag.Diagnostic{Path: path, Line: line, Col: col(line), Severity: diag.Error, Rule: "gitbook-yaml", Msg: msg})
	}
	if raw.Root != "" {
		if p, ok := spacePath(".", raw.Root); ok {
			g.Root = p
		} else {
			bad(lines.top("root"), fmt.Sprintf("root %q is outside the space; using the space directory", raw.Root))
		}
	}
	for _, f := range []struct {
		key, val string
		dst      *string
	}{{"readme", raw.Structure.Readme, &g.Readme}, {"summary", raw.Structure.Summary, &g.Summary}} {
		if f.val == "" {
			continue
		}
		if p, ok := spacePath(g.Root, f.val); ok {
			*f.dst = p
		} else {
			bad(lines.under("structure", f.key), fmt.Sprintf("%s %q is outside the space; using %s", f.key, f.val, *f.dst))
		}
	}
	for _, from := range sortedKeys(raw.Redirects) {
		to := raw.Redirects[from]
		line := lines.under("redirects", from)
		clean := strings.Trim(from, "/")
		if strings.HasPrefix(from, "/") && clean != "" {
			ds = append(ds, diag.Diagnostic{Path: path, Line: line, Col: col(line), Severity: diag.Warning, Rule: "gitbook-yaml",
				Msg:  fmt.Sprintf("redirect %q: GitBook reads keys without a leading /; read as %q", from, clean),
				Hint: "write the old path without the leading /"})
		}
		if clean == "" || strings.TrimSpace(to) == "" {
			ds = append(ds, diag.Diagnostic{Path: path, Line: line, Col: col(line), Severity: diag.Warning, Rule: "gitbook-yaml",
				Msg: fmt.Sprintf("redirect %q: %q is ignored: both the old path and the page are needed", from, to)})
			continue
		}
		if strings.Contains(to, "://") || strings.HasPrefix(strings.TrimSpace(to), "//") {
			ds = append(ds, diag.Diagnostic{Path: path, Line: line, Col: col(line), Severity: diag.Warning, Rule: "gitbook-yaml",
				Msg:  fmt.Sprintf("redirect %q → %s is ignored: a GitBook redirect leads to a file of the space, not to an address", from, to),
				Hint: "name the page's file, such as setup.md"})
			continue
		}
		p, ok := spacePath(g.Root, to)
		if !ok {
			bad(line, fmt.Sprintf("redirect %q points outside the space: %q", from, to))
			continue
		}
		g.Redirects = append(g.Redirects, Redirect{From: clean, To: p, Line: line, Col: col(line)})
	}
	sort.SliceStable(g.Redirects, func(i, j int) bool { return g.Redirects[i].From < g.Redirects[j].From })
	return g, ds
}

// spacePath cleans p, written relative to root, and reports whether root/p
// stays inside the space. A leading "/" means the space root, not the disk.
func spacePath(root, p string) (string, bool) {
	p = strings.TrimLeft(strings.ReplaceAll(strings.TrimSpace(p), `\`, "/"), "/")
	if p == "" {
		p = "."
	}
	c := path.Clean(p)
	j := path.Join(root, c)
	if j == ".." || strings.HasPrefix(j, "../") {
		return "", false
	}
	return c, true
}
