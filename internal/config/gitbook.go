package config

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"gopkg.in/yaml.v2"

	"folio/internal/diag"
	"folio/internal/source"
	"folio/internal/suggest"
)

// GitBook is a space's .gitbook.yaml. All paths are slash-separated and
// cleaned; Root is relative to the space's directory, the others to Root.
type GitBook struct {
	Root      string     // default "."; `root: ./spec/` gives "spec"
	Readme    string     // default "README.md"
	Summary   string     // default "SUMMARY.md"
	Redirects []Redirect // sorted by From
	// Where .gitbook.yaml gives root and structure.summary, for
	// diagnostics about the folder or file they name; zero if it does not.
	RootAt, ReadmeAt, SummaryAt Pos
}

// Pos is a place in a file: line and column from 1.
type Pos struct{ Line, Col int }

// Redirect sends an old URL path of the space to a page.
type Redirect struct {
	From string // old URL path, no leading slash
	To   string // file path relative to Root
	// Anchor is the section of the page it leads to (to: page.md#anchor);
	// "" for the top of the page.
	Anchor string
	Line   int // line in .gitbook.yaml, 0 if unknown
	Col    int // column of its key, 0 if unknown
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
// A syntax error costs only the top-level key it is in (see
// decodeGitBook).
func ParseGitBook(path string, b []byte) (GitBook, []diag.Diagnostic) {
	g := GitBook{Root: ".", Readme: "README.md", Summary: "SUMMARY.md"}
	text, ds, ok := source.Normalize(path, b)
	if !ok {
		return g, ds
	}
	text = source.CleanYAML(text)
	raw, yds := decodeGitBook(path, text)
	ds = append(ds, yds...)
	lines := newLineIndex(text)
	col := lines.col
	bad := func(line int, msg string) {
		ds = append(ds, diag.Diagnostic{Path: path, Line: line, Col: col(line), Severity: diag.Error, Rule: "gitbook-yaml", Msg: msg})
	}
	if raw.Root != "" {
		if p, ok := spacePath(raw.Root); ok {
			g.Root, g.RootAt = p, Pos{lines.top("root"), col(lines.top("root"))}
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
		if p, ok := spacePath(f.val); ok {
			*f.dst = p
			line := lines.under("structure", f.key)
			if f.key == "summary" {
				g.SummaryAt = Pos{line, col(line)}
			} else {
				g.ReadmeAt = Pos{line, col(line)}
			}
		} else {
			bad(lines.under("structure", f.key), fmt.Sprintf("%s %q is outside the space%s; using %s", f.key, f.val, aboveRoot(g.Root), *f.dst))
		}
	}
	at := map[string]int{} // the index in g.Redirects of each address's redirect
	for _, from := range sortedKeys(raw.Redirects) {
		to := raw.Redirects[from]
		line := lines.under("redirects", from)
		// As a browser asks for it: a \ is a /, and %-escapes name the
		// characters a host's file has (caf%C3%A9 is café, %2e%2e is ..).
		clean := strings.ReplaceAll(from, `\`, "/")
		if u, err := url.PathUnescape(clean); err == nil {
			clean = u
		}
		if strings.ContainsFunc(clean, unicode.IsControl) {
			bad(line, fmt.Sprintf("redirect %q: an old path with control characters is no address a reader asks for; ignored", from))
			continue
		}
		clean = strings.Trim(clean, "/")
		if strings.HasPrefix(from, "/") && clean != "" {
			ds = append(ds, diag.Diagnostic{Path: path, Line: line, Col: col(line), Severity: diag.Warning, Rule: "gitbook-yaml",
				Msg:  fmt.Sprintf("redirect %q: GitBook reads keys without a leading /; read as %q", from, clean),
				Hint: "write the old path without the leading /"})
		}
		if strings.HasSuffix(strings.ToLower(clean), ".md") {
			// A file's name where the address a reader asked for goes
			// (t61: published as old.md/index.html, which no one asks for).
			addr := strings.TrimSuffix(clean[:len(clean)-3], "/")
			if i := strings.LastIndexByte(addr, '/'); strings.EqualFold(addr[i+1:], "readme") {
				addr = addr[:max(i, 0)]
			}
			msg := fmt.Sprintf("redirect %q: GitBook's old paths are addresses, without .md; read as %q", from, addr)
			if addr == "" {
				msg = fmt.Sprintf("redirect %q: GitBook's old paths are addresses, without .md; this one is the space's home page, which no redirect replaces: ignored", from)
			}
			ds = append(ds, diag.Diagnostic{Path: path, Line: line, Col: col(line), Severity: diag.Warning, Rule: "gitbook-yaml",
				Msg: msg, Hint: "write the old page's address without .md"})
			if addr == "" {
				continue
			}
			clean = addr
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
		if slices.ContainsFunc(strings.Split(clean, "/"), func(seg string) bool { return seg == "." || seg == ".." }) {
			// A browser resolves them before it asks: no reader's address
			// keeps them, and ../ would lead out of the site.
			bad(line, fmt.Sprintf("redirect %q: an old path with . or .. segments is no address a reader asks for; ignored", from))
			continue
		}
		file, anchor, _ := strings.Cut(to, "#")
		p, ok := spacePath(file)
		if !ok {
			bad(line, fmt.Sprintf("redirect %q points outside the space%s: %q", from, aboveRoot(g.Root), to))
			continue
		}
		r := Redirect{From: clean, To: p, Anchor: anchor, Line: line, Col: col(line)}
		if k, ok := at[clean]; ok {
			// Two keys read as one address (z and z.md, y and /y): the
			// one written as the address is kept (t65: the last one won,
			// silently).
			keep, drop := g.Redirects[k], r
			if from == clean {
				keep, drop = r, g.Redirects[k]
				g.Redirects[k] = r
			}
			ds = append(ds, diag.Diagnostic{Path: path, Line: drop.Line, Col: drop.Col, Severity: diag.Warning, Rule: "gitbook-yaml",
				Msg: fmt.Sprintf("redirect from %q is ignored: line %d redirects from that address too, to %s", clean, keep.Line, keep.To)})
			continue
		}
		at[clean] = len(g.Redirects)
		g.Redirects = append(g.Redirects, r)
	}
	sort.SliceStable(g.Redirects, func(i, j int) bool { return g.Redirects[i].From < g.Redirects[j].From })
	return g, ds
}

// aboveRoot says what the space is when root is not the repository: a
// path relative to root that leads above it is in the repository, yet
// not in the space.
func aboveRoot(root string) string {
	if root == "." {
		return ""
	}
	return " (the folder " + root + ", which root names)"
}

// spacePath cleans p, written relative to the folder the space is read
// from (the repository for root, root for the others), and reports
// whether it stays in that folder: GitBook syncs nothing above root. A
// leading "/" means that folder, not the disk.
func spacePath(p string) (string, bool) {
	p = strings.TrimLeft(strings.ReplaceAll(strings.TrimSpace(p), `\`, "/"), "/")
	if p == "" {
		p = "."
	}
	c := path.Clean(p)
	if c == ".." || strings.HasPrefix(c, "../") {
		return "", false
	}
	return c, true
}

// decodeGitBook decodes .gitbook.yaml and turns its errors into
// diagnostics. When the YAML does not parse, the file is read again one
// top-level key at a time (with the lines under it), so that one
// mis-indented line under structure: does not also lose a valid root: on
// its own line, which would send the build to the wrong folder and report
// a missing home page elsewhere. Of a key whose lines do not parse, the
// lines before the error are kept when they parse; its error says what is
// read and what is ignored.
func decodeGitBook(path string, text []byte) (rawGitBook, []diag.Diagnostic) {
	var raw rawGitBook
	err := yaml.UnmarshalStrict(text, &raw)
	lines := strings.Split(string(text), "\n")
	var whole []diag.Diagnostic
	var te *yaml.TypeError
	switch {
	case err != nil && !errors.As(err, &te):
		whole = source.YAMLError(path, text, 0, err)
	case indentedTop(lines) > 0:
		// yaml.v2 reads such a file up to the first line indented less
		// than the first key, and drops the rest without a word.
		line := indentedTop(lines)
		key := "the first key"
		if m := keyRe.FindStringSubmatch(strings.TrimLeft(lines[line-1], " \t")); m != nil {
			key = m[1]
		}
		whole = []diag.Diagnostic{{Path: path, Line: line, Col: source.FirstCol(text, line), Severity: diag.Error, Rule: "yaml",
			Msg: fmt.Sprintf("%s is indented, and a key below it is not", key)}}
	default:
		return raw, gitBookYAMLError(path, text, 0, err)
	}
	raw = rawGitBook{}
	var starts []int
	for i, l := range lines {
		if l != "" && l[0] != ' ' && l[0] != '\t' && l[0] != '\r' && l[0] != '#' || i == 0 {
			starts = append(starts, i)
		}
	}
	type failure struct {
		d    diag.Diagnostic
		lost string
	}
	var ds []diag.Diagnostic
	var failed []failure
	for k, start := range starts {
		end := len(lines)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		part := []byte(strings.Join(lines[start:end], "\n"))
		var r rawGitBook
		err := yaml.UnmarshalStrict(part, &r)
		if err != nil && !errors.As(err, &te) {
			// Keep the lines before the error, when they parse.
			e := source.YAMLError(path, part, start, err)[0]
			key := "lines " + strconv.Itoa(start+1) + "–" + strconv.Itoa(end)
			if m := keyRe.FindStringSubmatch(lines[start]); m != nil {
				key = m[1]
			}
			lost := key
			r = rawGitBook{}
			if n := e.Line - 1 - start; n > 1 && n < end-start {
				var p rawGitBook
				if perr := yaml.UnmarshalStrict([]byte(strings.Join(lines[start:start+n], "\n")), &p); perr == nil || errors.As(perr, &te) {
					r, err = p, perr
					lost = fmt.Sprintf("%s from line %d on", key, e.Line)
				}
			}
			failed = append(failed, failure{e, lost})
			if err != nil && !errors.As(err, &te) {
				continue
			}
		}
		ds = append(ds, gitBookYAMLError(path, part, start, err)...)
		if r.Root != "" {
			raw.Root = r.Root
		}
		if r.Structure.Readme != "" {
			raw.Structure.Readme = r.Structure.Readme
		}
		if r.Structure.Summary != "" {
			raw.Structure.Summary = r.Structure.Summary
		}
		for from, to := range r.Redirects {
			if raw.Redirects == nil {
				raw.Redirects = map[string]string{}
			}
			raw.Redirects[from] = to
		}
	}
	var read []string
	for _, f := range []struct {
		name string
		set  bool
	}{{"root", raw.Root != ""}, {"structure.readme", raw.Structure.Readme != ""},
		{"structure.summary", raw.Structure.Summary != ""}, {"redirects", len(raw.Redirects) > 0}} {
		if f.set {
			read = append(read, f.name)
		}
	}
	if len(failed) == 0 {
		// Every key parses on its own: the file as a whole does not.
		hint := "start each top-level key at the beginning of its line"
		if len(read) > 0 {
			hint += "; folio reads them one by one: " + diag.Enumerate(read)
		}
		for _, d := range whole {
			d.Hint = hint
			ds = append(ds, d)
		}
		return raw, ds
	}
	var lost []string
	for _, f := range failed {
		lost = append(lost, f.lost)
	}
	outcome := "folio ignores " + diag.Enumerate(lost) + ": the defaults apply"
	if len(read) > 0 {
		outcome = "folio reads " + diag.Enumerate(read) + ", and ignores " + diag.Enumerate(lost)
	}
	for _, f := range failed {
		d := f.d
		if msg, advice, ok := overIndented(lines, d.Line-1); ok {
			d.Msg = msg
			d.Hint = advice + "; " + outcome
		} else {
			d.Hint = outcome
		}
		ds = append(ds, d)
	}
	return raw, ds
}

// indentedTop returns the 1-based line of the first key when it is
// indented and a later line is indented less; 0 otherwise.
func indentedTop(lines []string) int {
	first, indent := 0, 0
	for i, l := range lines {
		t := strings.TrimLeft(l, " \t")
		if t == "" || t == "\r" || t[0] == '#' {
			continue
		}
		n := len(l) - len(t)
		if first == 0 {
			if n == 0 {
				return 0
			}
			first, indent = i+1, n
			continue
		}
		if n < indent {
			return first
		}
	}
	return 0
}

// gitBookYAMLError turns the error of decoding text, which starts on line
// offset+1 of .gitbook.yaml, into diagnostics: an unknown key is a warning,
// whose hint names the key it is a slip for, if any.
func gitBookYAMLError(path string, text []byte, offset int, err error) []diag.Diagnostic {
	ds := source.YAMLError(path, text, offset, err)
	for i, d := range ds {
		var key string
		if _, e := fmt.Sscanf(d.Msg, "unknown key %q", &key); e != nil {
			continue
		}
		ds[i].Severity = diag.Warning
		ds[i].Hint = gitBookKeyHint(key, d.Col <= 1)
	}
	return ds
}

// gitBookKeyHint is the advice for an unknown key of .gitbook.yaml, at the
// top level or under structure: (the only mapping of known keys). A key
// of the other level (readme: beside root:) is named with where it goes:
// its name alone is right, so the author would not see what is wrong.
func gitBookKeyHint(key string, top bool) string {
	const known = "GitBook reads only root, structure.readme, structure.summary and redirects"
	here, there := []string{"root", "structure", "redirects"}, []string{"readme", "summary"}
	if !top {
		here, there = there, []string{"root", "redirects"}
	}
	if near := suggest.Nearest(key, here); near != "" {
		if !top {
			near = "structure." + near
		}
		return "did you mean " + near + "? " + known
	}
	near := suggest.Nearest(key, there)
	if near == "" {
		return known
	}
	switch {
	case top && key == near:
		return "write it under structure:, as structure." + near
	case top:
		return "did you mean structure." + near + "? it goes under structure:"
	case key == near:
		return "write it at the top level, not under structure:"
	}
	return "did you mean " + near + "? it goes at the top level, not under structure:"
}

// overIndented tells whether line i (0-based) holds a key indented more
// than the key: value line above it, the usual slip that YAML reports as
// "mapping values are not allowed in this context"; it returns the
// message and the advice that say so.
func overIndented(lines []string, i int) (msg, advice string, ok bool) {
	if i <= 0 || i >= len(lines) {
		return "", "", false
	}
	indent := func(l string) int { return len(l) - len(strings.TrimLeft(l, " ")) }
	cur := keyRe.FindStringSubmatch(strings.TrimLeft(lines[i], " "))
	j := i - 1
	for j >= 0 && (strings.TrimSpace(lines[j]) == "" || strings.HasPrefix(strings.TrimSpace(lines[j]), "#")) {
		j--
	}
	if cur == nil || j < 0 || indent(lines[i]) <= indent(lines[j]) {
		return "", "", false
	}
	prev := keyRe.FindStringSubmatch(strings.TrimLeft(lines[j], " "))
	if prev == nil {
		return "", "", false
	}
	v := strings.TrimSpace(strings.TrimLeft(strings.TrimLeft(lines[j], " ")[len(prev[0]):], " "))
	if v == "" || strings.HasPrefix(v, "#") || v[0] == '|' || v[0] == '>' {
		return "", "", false // a mapping or a block of text may follow
	}
	return fmt.Sprintf("%s is indented more than %s above it", cur[1], prev[1]),
		fmt.Sprintf("indent %s as %s", cur[1], prev[1]), true
}
