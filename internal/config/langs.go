package config

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"gopkg.in/yaml.v2"

	"folio/internal/diag"
	"folio/internal/langname"
	"folio/internal/source"
)

// Names of the files in which GitBook repositories declare their languages
// when there is no site.yaml.
const (
	LangsFile = "LANGS.md"  // GitBook 3 / HonKit: a list of [Name](dir/) entries
	DocsFile  = "docs.yaml" // GitBook's Git Sync site structure
)

// BookLanguage returns the language of a HonKit book.json (its language
// key) as a code, "pt_BR" giving "pt-BR", and false when it is empty or
// not a known language's code ("xx-invalid" is well-formed, but names no
// language). It configures a language whose code is Assumed.
func BookLanguage(s string) (string, bool) {
	code := strings.ReplaceAll(strings.TrimSpace(s), "_", "-")
	if !validCode(code) {
		return code, false
	}
	_, err := language.Parse(code)
	return code, err == nil
}

// langsEntryRe matches a LANGS.md list item: "* [🇫🇷 Français](fr/)", with
// an optional link title as Markdown allows.
var langsEntryRe = regexp.MustCompile(`^\s*[*+-]\s+\[(.*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)`)

// parseLangs reads a LANGS.md: each entry is a language whose code is its
// directory's name (as in HonKit), the first one being the default. Entries
// whose directory is missing or whose name is not a language code are
// dropped with a diagnostic.
func parseLangs(dir, name string, b []byte) (*Config, []diag.Diagnostic) {
	c := defaults(dir)
	c.File, c.LangsBook, c.LangsPath = name, true, name
	text, ds, ok := source.Normalize(name, b)
	if !ok {
		return c, ds
	}
	col := 0 // of the entry's link target, which each problem is about
	bad := func(line int, sev diag.Severity, msg, hint string) {
		ds = append(ds, diag.Diagnostic{Path: name, Line: line, Col: col, Severity: sev, Rule: "langs", Msg: msg, Hint: hint})
	}
	seen := map[string]bool{}
	type entry struct {
		line, col    int
		name, target string
		tmpl         int // the column of a template in its name, 0 for none
	}
	var entries []entry
	// The codes of the folders named by one (en/, pt_BR/): a folder named
	// with a word does not take them (t77: a chinese/ whose book.json,
	// copied from English, said en replaced the English book).
	claimed := map[string]bool{}
	for i, line := range strings.Split(string(text), "\n") {
		if m := langsEntryRe.FindStringSubmatch(line); m != nil {
			e := entry{line: i + 1, col: source.Col(line, strings.Index(line, "](")+2), name: strings.TrimSpace(m[1]), target: m[2]}
			if j := strings.Index(line, "{{"); j >= 0 && j < strings.Index(line, "](") {
				e.tmpl = source.Col(line, j)
			}
			entries = append(entries, e)
			if d, msg := cleanDir(strings.TrimPrefix(m[2], "/")); msg == "" {
				if code, known := BookLanguage(d); known {
					claimed[strings.ToLower(code)] = true
				}
			}
		}
	}
	top := readTopBook(dir)
	topNames := []string{top.Structure.Readme, top.Structure.Summary} // they apply to every language, as its other keys do
	root := top.bookRoot()                                            // the languages' folders are in it
	for _, e := range entries {
		n, name, target := e.line, e.name, e.target
		if e.tmpl > 0 {
			// As in SUMMARY.md (t102): shown as written, as HonKit shows
			// it, where the pages show the value.
			col = e.tmpl
			bad(n, diag.Warning, "a template in LANGS.md is shown as written: HonKit expands templates in pages, not in LANGS.md", "write the text itself")
		}
		col = e.col
		d, msg := cleanDir(strings.TrimPrefix(target, "/"))
		if msg == "" && (d == "." || strings.Contains(d, "/")) {
			msg = fmt.Sprintf("%q is not a language directory at the top of the book", target)
		}
		if msg != "" {
			bad(n, diag.Error, msg, "LANGS.md entries link to one directory per language, like [English](en/)")
			continue
		}
		code := strings.ReplaceAll(d, "_", "-") // HonKit names languages by their directory; "pt_BR" is a common spelling of "pt-BR"
		d = path.Join(root, d)
		if msg := checkDir(dir, d); msg != "" {
			bad(n, diag.Error, msg+"; language ignored", "")
			continue
		}
		if !isBook(dir, d, topNames) {
			bad(n, diag.Error, fmt.Sprintf("%q holds neither README.md nor SUMMARY.md; language ignored", d), "each language directory is a book of its own")
			continue
		}
		if _, known := BookLanguage(code); !known {
			// HonKit names a language by its folder, which may be a word
			// (english/, chinese/): its book.json's language, else the
			// language the folder or the entry names, is its code.
			folder, chosen, told := code, false, map[string]bool{}
			for _, g := range folderLanguages(dir, d, folder, name) {
				if k := strings.ToLower(g.code); claimed[k] || seen[k] {
					if !told[k] {
						told[k] = true
						bad(n, diag.Warning, fmt.Sprintf("directory %q is not a language code, and %s names %s, another entry's language", path.Base(d), g.from, g.code), "")
					}
					continue
				}
				code, chosen = g.code, true
				bad(n, diag.Info, fmt.Sprintf("directory %q is not a language code: the language is %s, from %s; its pages are published under %s/", path.Base(d), code, g.from, code), "")
				break
			}
			switch {
			case chosen:
			case !validCode(code):
				bad(n, diag.Error, fmt.Sprintf("directory %q is not a language code; language ignored", d),
					"rename the directory to a BCP 47 code such as fr or pt-BR, or list it in a site.yaml with a code")
				continue
			default:
				bad(n, diag.Warning, fmt.Sprintf("directory %q is not a known language's code: its pages are marked as written in %q", path.Base(d), code),
					"set its book.json's language to its code, or rename the directory to a BCP 47 code such as fr or pt-BR")
			}
		}
		if seen[strings.ToLower(code)] {
			bad(n, diag.Error, fmt.Sprintf("language %q is listed twice", code), "")
			continue
		}
		seen[strings.ToLower(code)] = true
		if name == "" {
			name = code
		}
		c.Languages = append(c.Languages, Language{Code: code, Name: name, Dir: d, Default: len(c.Languages) == 0, Line: n})
	}
	if len(c.Languages) == 0 {
		col = 0
		bad(0, diag.Error, "no usable language; building the repository root as one English space", "")
		c.Languages = []Language{{Code: "en", Name: "English", Dir: ".", Default: true, Assumed: true}}
	}
	return c, ds
}

// guess is a language a LANGS.md entry may be in, and what says so.
type guess struct{ code, from string }

// folderLanguages returns the languages a LANGS.md entry whose folder d
// (folder, as a code) names no language may be in, best first: that of
// its book.json, that its folder's name names and that the entry's text
// names, in English or in itself.
func folderLanguages(dir, d, folder, entry string) []guess {
	var out []guess
	if _, b, err := ReadBookJSON(filepath.Join(dir, filepath.FromSlash(d))); err == nil {
		var book struct {
			Language string `json:"language"`
		}
		if json.Unmarshal(b, &book) == nil {
			if c, ok := BookLanguage(book.Language); ok {
				out = append(out, guess{c, "its book.json"})
			}
		}
	}
	if c, ok := langname.Code(folder); ok {
		out = append(out, guess{c, "its name"})
	}
	if c, ok := langname.Code(entry); ok {
		out = append(out, guess{c, fmt.Sprintf("its entry's text %q", entry)})
	}
	return out
}

// rawDocs is the part of docs.yaml that folio reads; GitBook's other keys
// (icons, paths, localized titles…) are ignored.
type rawDocs struct {
	Site struct {
		Title       string    `yaml:"title"`
		Description string    `yaml:"description"`
		Structure   []docNode `yaml:"structure"`
	} `yaml:"site"`
}

// docNode is a section-group, section or space of docs.yaml.
type docNode struct {
	Type  string `yaml:"type"`
	Key   string `yaml:"key"`
	Title string `yaml:"title"`
	Path  string `yaml:"path"`
	Icon  string `yaml:"icon"` // a Font Awesome name
	// LocalizedTitle is a section's title in other languages, by code.
	LocalizedTitle map[string]string `yaml:"localizedTitle"`
	Default        bool              `yaml:"default"`
	Draft          bool              `yaml:"draft"` // not published on GitBook
	Children       []docNode         `yaml:"children"`
	Content        struct {
		Directory *string `yaml:"directory"` // nil: not synced from Git
		Language  string  `yaml:"language"`
	} `yaml:"content"`
}

// parseDocs reads a docs.yaml. A GitBook site holds sections (Documentation,
// Developers…), each with language variants: every section holding a space
// synced from Git is built, the default one (the one marked default, else
// the first synced) at the site's top and the others under their path.
// Within a section, each space with a directory is a language; spaces with
// "directory: null" (GitBook-side translations) are skipped.
func parseDocs(dir string, b []byte) (*Config, []diag.Diagnostic) {
	c := defaults(dir)
	c.File = DocsFile
	text, ds, ok := source.Normalize(DocsFile, b)
	bad := func(line int, sev diag.Severity, msg, hint string) {
		ds = append(ds, diag.Diagnostic{Path: DocsFile, Line: line, Severity: sev, Rule: "docs-yaml", Msg: msg, Hint: hint})
	}
	var raw rawDocs
	if ok {
		text = source.CleanYAML(text)
		if err := yaml.Unmarshal(text, &raw); err != nil {
			ds = append(ds, source.YAMLError(DocsFile, text, 0, err)...)
			raw = rawDocs{}
			// Nothing of it can be trusted: the repository's root built
			// as one space would replace the site (t68).
			c.Broken = true
		} else if !bytes.Contains(text, []byte("<<")) {
			// GitBook adds keys of its own, which a strict reading of
			// the types would refuse; a generic one finds what yaml.v2
			// otherwise takes silently, a key given twice in one mapping.
			// A merge (<<: *base) gives keys that the mapping then sets
			// again, as meant: yaml.v2 calls them twice (t77).
			var generic any
			for _, dd := range source.YAMLError(DocsFile, text, 0, yaml.UnmarshalStrict(text, &generic)) {
				dd.Severity, dd.Rule, dd.Msg = diag.Warning, "docs-yaml", dd.Msg+" in one mapping; the last one is used"
				ds = append(ds, dd)
			}
		}
	}
	d := docsReader{dir: dir, lines: strings.Split(string(text), "\n"), bad: bad, dirs: map[string]string{}}
	c.Title, c.Description = raw.Site.Title, raw.Site.Description
	sections := d.sections(raw.Site.Structure, c.Title)
	paths := map[string]string{} // the sections' paths, to the section at each
	for _, sec := range d.builtOrder(sections) {
		secLine := d.lineOf("key", sec.node.Key)
		pathLine := cmp.Or(d.lineOf("path", sec.node.Path), secLine)
		first := len(c.Languages) // the section's languages start here
		out := Section{Title: cmp.Or(strings.TrimSpace(sec.node.Title), sec.node.Key), Titles: sec.node.LocalizedTitle, Icon: sec.node.Icon, Line: secLine, Order: sec.order}
		if first > 0 {
			// The first section with a usable space is at the top; the
			// others need a path of their own.
			p, msg := sectionPath(sec.node)
			if msg != "" {
				bad(pathLine, diag.Error, fmt.Sprintf("section %q: %s; section ignored", sectionName(sec.node), msg), "give it a path such as developers")
				continue
			}
			if other, ok := paths[strings.ToLower(p)]; ok {
				bad(pathLine, diag.Error, fmt.Sprintf("section %q: path %q is already the path of section %q; section ignored", sectionName(sec.node), p, other), "")
				continue
			}
			paths[strings.ToLower(p)] = sectionName(sec.node)
			out.Path, out.Line = p, pathLine
		}
		c.Sections = append(c.Sections, out)
		d.addSpaces(c, sec)
		if len(c.Languages) == first {
			// Every space of the section was left out.
			c.Sections = c.Sections[:len(c.Sections)-1]
		}
	}
	c.dropSectionsInLanguages(bad)
	for key, folder := range c.SpaceDirs {
		if !slices.ContainsFunc(c.Languages, func(l Language) bool { return l.Dir == folder }) {
			delete(c.SpaceDirs, key) // a space of a section left out
		}
	}
	if len(c.Languages) == 0 {
		if !c.Broken { // else nothing is built, as the YAML error says
			bad(0, diag.Error, "no space synced from Git; building the repository root as one English space", "")
		}
		c.Languages = []Language{{Code: "en", Name: "English", Dir: ".", Assumed: true}}
	}
	if len(c.Sections) < 2 {
		c.Sections = nil // one section: nothing to choose between
	}
	c.Languages[0].Default = true
	return c, ds
}

// docsReader reads the structure of a docs.yaml in the site dir.
type docsReader struct {
	dir   string
	lines []string // docs.yaml's, for the lines of diagnostics
	bad   func(line int, sev diag.Severity, msg, hint string)
	dirs  map[string]string // the spaces' directories, to the section using each
}

// docSection is a section of docs.yaml and its spaces.
type docSection struct {
	node   docNode
	spaces []docNode
	order  int // the position of its first entry in docs.yaml
}

func (d *docsReader) lineOf(key, value string) int { return lineOf(d.lines, key, value) }

// sections lists the sections of structure: spaces at the top level form
// a section of their own, as do the sections of a section-group; drafts
// are left out.
func (d *docsReader) sections(structure []docNode, siteTitle string) []docSection {
	var sections []docSection
	var loose []docNode
	looseAt, entries := 0, 0
	keys := map[string]int{} // how often each key is given
	given := func(key string) {
		if key == "" {
			return
		}
		if keys[key]++; keys[key] > 1 {
			// A space's key may be its id, which links name.
			d.bad(nthLineOf(d.lines, "key", key, keys[key]), diag.Warning, fmt.Sprintf("key %q is given twice", key), "give each section and space a key of its own")
		}
	}
	var walk func(nodes []docNode)
	walk = func(nodes []docNode) {
		for _, n := range nodes {
			entries++
			given(n.Key)
			if n.Type == "section" {
				for _, ch := range n.Children {
					given(ch.Key)
				}
			}
			if n.Draft {
				d.bad(d.lineOf("key", n.Key), diag.Info, fmt.Sprintf("%s %q is a draft: not published", n.Type, sectionName(n)), "")
				continue
			}
			switch n.Type {
			case "space":
				if len(loose) == 0 {
					looseAt = entries
				}
				loose = append(loose, n)
			case "section":
				s := docSection{node: n, order: entries}
				for _, ch := range n.Children {
					if ch.Type == "space" && !ch.Draft {
						s.spaces = append(s.spaces, ch)
					}
				}
				sections = append(sections, s)
			case "section-group":
				walk(n.Children)
			default:
				d.bad(d.lineOf("key", n.Key), diag.Warning, fmt.Sprintf("entry %q of unknown type %q: its children are read as a section-group's", sectionName(n), n.Type),
					"the types are section, section-group and space")
				walk(n.Children)
			}
		}
	}
	walk(structure)
	if len(loose) > 0 {
		// Spaces outside any section are a section of their own, the top
		// one unless a section is marked default. Its path, where it is
		// not at the top, is its first space's.
		top := docNode{Title: cmp.Or(strings.TrimSpace(loose[0].Title), siteTitle), Key: loose[0].Key, Path: loose[0].Path,
			Default: !slices.ContainsFunc(sections, func(s docSection) bool { return s.node.Default })}
		sections = append([]docSection{{node: top, spaces: loose, order: looseAt}}, sections...)
	}
	return sections
}

// builtOrder returns the sections to build, the top one first: the one
// marked default, else the first with a space synced from Git.
func (d *docsReader) builtOrder(sections []docSection) []docSection {
	synced := func(s docSection) bool {
		return slices.ContainsFunc(s.spaces, func(sp docNode) bool { return sp.Content.Directory != nil })
	}
	chosen := -1
	for i, s := range sections {
		if s.node.Default && synced(s) {
			if chosen >= 0 {
				d.bad(d.lineOf("key", s.node.Key), diag.Warning, fmt.Sprintf("section %q is marked default, as %q is: the first is at the top of the site", sectionName(s.node), sectionName(sections[chosen].node)), "mark one section default")
				continue
			}
			chosen = i
		}
	}
	for _, s := range sections {
		for _, sp := range s.spaces {
			if sp.Content.Directory == nil {
				d.bad(d.lineOf("key", sp.Key), diag.Info, fmt.Sprintf("space %q is translated on GitBook's side (directory: null): not built", sectionName(sp)), "")
			}
		}
	}
	if chosen < 0 {
		chosen = slices.IndexFunc(sections, synced)
	}
	if chosen < 0 {
		return nil
	}
	out := []docSection{sections[chosen]}
	for i, s := range sections {
		if i != chosen && synced(s) {
			out = append(out, s)
		}
	}
	return out
}

// addSpaces adds the spaces of sec, the last of c.Sections, as its
// languages: one per language, the default space first, so that of two of
// one language (GitBook's versions of a space) it is the one built.
func (d *docsReader) addSpaces(c *Config, sec docSection) {
	seen := map[string]string{} // the languages of the section, to the space of each
	spaces := slices.Clone(sec.spaces)
	rank := func(sp docNode) int {
		if sp.Default && sp.Content.Directory != nil {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(spaces, func(a, b docNode) int { return cmp.Compare(rank(a), rank(b)) })
	for _, sp := range spaces {
		if sp.Content.Directory == nil {
			continue // translated on GitBook's side, nothing in the repository
		}
		line := cmp.Or(d.lineOf("key", sp.Key), d.lineOf("directory", *sp.Content.Directory))
		code, assumed := sp.Content.Language, sp.Content.Language == ""
		if assumed {
			code = "en"
			if len(sec.spaces) > 1 {
				d.bad(line, diag.Warning, fmt.Sprintf("space %q has no content.language; assuming en", sectionName(sp)), "")
			}
		}
		if !validCode(code) {
			d.bad(line, diag.Error, fmt.Sprintf("space %q: language %q is not a language code; space ignored", sectionName(sp), code), "")
			continue
		}
		if other, ok := seen[strings.ToLower(code)]; ok {
			d.bad(line, diag.Error, fmt.Sprintf("space %q: language %q is already that of space %q in its section; space ignored", sectionName(sp), code, other),
				"a section has one space per language, the default one first: versions of a space can be built as sections of their own")
			continue
		}
		// "/docs" is relative to the repository root, "docs" and
		// "./docs" to the Git Sync directory: both are the site here.
		dir, msg := cleanDir(strings.TrimPrefix(*sp.Content.Directory, "/"))
		if msg == "" {
			msg = checkDir(d.dir, dir)
		}
		if msg == "" && d.dirs[dir] != "" {
			msg = fmt.Sprintf("directory %q is already the space of section %q", dir, d.dirs[dir])
		}
		if msg != "" {
			d.bad(line, diag.Error, fmt.Sprintf("space %q: %s; space ignored", sectionName(sp), msg), "")
			continue
		}
		seen[strings.ToLower(code)] = sectionName(sp)
		d.dirs[dir] = sectionName(sec.node)
		if _, twice := c.SpaceDirs[sp.Key]; sp.Key != "" && !twice {
			// GitBook's links to a space name it by its id, which may be
			// the key docs.yaml gives it.
			if c.SpaceDirs == nil {
				c.SpaceDirs = map[string]string{}
			}
			c.SpaceDirs[sp.Key] = dir
		}
		name := strings.TrimSpace(sp.Title)
		if name == "" {
			name = code
		}
		c.Languages = append(c.Languages, Language{Code: code, Name: name, Dir: dir, Assumed: assumed, Line: line, Section: len(c.Sections) - 1})
	}
}

// dropSectionsInLanguages leaves out each section whose path is in the
// folder of a language of another section of several languages (fr/ of
// the top section, multi/en/ of the section at multi): the two would be
// published at one address. The other sections are numbered anew.
func (c *Config) dropSectionsInLanguages(bad func(line int, sev diag.Severity, msg, hint string)) {
	folders := map[string]int{} // each language folder of a section of several, to its section
	count := make([]int, len(c.Sections))
	for _, l := range c.Languages {
		count[l.Section]++
	}
	for _, l := range c.Languages {
		if count[l.Section] > 1 {
			folders[strings.ToLower(path.Join(c.Sections[l.Section].Path, l.Code))] = l.Section
		}
	}
	renumber := make([]int, len(c.Sections))
	var kept []Section
	for i, sec := range c.Sections {
		renumber[i] = len(kept)
		dropped := false
		for p := strings.ToLower(sec.Path); i > 0 && p != "." && p != ""; p = path.Dir(p) {
			if other, ok := folders[p]; ok && other != i {
				bad(sec.Line, diag.Error, fmt.Sprintf("section %q: path %q is in the folder where section %q publishes a language; section ignored", sec.Name(), sec.Path, c.Sections[other].Name()), "give it another path")
				dropped = true
				break
			}
		}
		if dropped {
			renumber[i] = -1
			continue
		}
		kept = append(kept, sec)
	}
	if len(kept) == len(c.Sections) {
		return
	}
	var langs []Language
	for _, l := range c.Languages {
		if n := renumber[l.Section]; n >= 0 {
			l.Section = n
			langs = append(langs, l)
		}
	}
	c.Sections, c.Languages = kept, langs
}

// sectionPathRe is what a section's path may be: words of a URL, without
// characters a path would need to escape.
var sectionPathRe = regexp.MustCompile(`^[\p{L}\p{N}._~-]+(/[\p{L}\p{N}._~-]+)*$`)

// sectionPath returns the site path of a section that is not the default
// one, without slashes at its ends, or a message saying why it has none.
func sectionPath(n docNode) (string, string) {
	p := strings.Trim(strings.TrimSpace(n.Path), "/")
	switch {
	case p == "":
		return "", "no path"
	case !sectionPathRe.MatchString(p) || slices.ContainsFunc(strings.Split(p, "/"), func(seg string) bool { return seg[0] == '.' || seg[0] == '_' }):
		return "", fmt.Sprintf("path %q is not a path of the site", n.Path)
	}
	for seg := range strings.SplitSeq(strings.ToLower(p), "/") {
		if slices.Contains(ownFiles, seg) {
			return "", fmt.Sprintf("path %q names %s, a file that folio writes", n.Path, seg)
		}
	}
	return p, ""
}

// ownFiles are the files that a build writes at the top of the site or of
// a language, which no section's folder may be.
var ownFiles = []string{"404.html", "index.html", "robots.txt", "search-index.js", "sitemap.xml"}

// isBook reports whether the directory d of the site holds a book.
func isBook(site, d string, topNames []string) bool {
	for _, name := range append([]string{"README.md", "SUMMARY.md", "book.json", "book.js"}, topNames...) {
		if name == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(d), name)); err == nil {
			return true
		}
	}
	return false
}

// topBook is the structure of a book's top book.json that applies before
// its languages are read.
type topBook struct {
	Root      string
	Structure struct{ Readme, Summary, Langs string }
}

// bookRoot returns the folder the book in dir is in, by its book.json's
// root (HonKit's): "." when it names none or one out of dir.
func (b topBook) bookRoot() string {
	if p, ok := spacePath(b.Root); ok {
		return p
	}
	return "."
}

// readTopBook reads the book.json in dir; zero when there is none or it
// cannot be read. A key of the wrong type is left empty, the others read,
// as content.ParseBook reads them.
func readTopBook(dir string) topBook {
	var top topBook
	_, b, err := ReadBookJSON(dir)
	if err != nil {
		return top
	}
	var te *json.UnmarshalTypeError
	if err := json.Unmarshal(b, &top); err != nil && !errors.As(err, &te) {
		return topBook{}
	}
	return top
}

// LangsFileOf returns the path in dir of the list of languages of the
// book in dir: LANGS.md, or the file its book.json names as HonKit reads
// it (structure.langs), in the folder its root names, if any.
func LangsFileOf(dir string) string {
	top := readTopBook(dir)
	name := LangsFile
	if p, ok := spacePath(top.Structure.Langs); ok && p != "." {
		name = p
	}
	return path.Join(top.bookRoot(), name)
}

func sectionName(n docNode) string {
	switch {
	case n.Title != "":
		return n.Title
	case n.Key != "":
		return n.Key
	}
	return "(top level)"
}

// lineOf returns the 1-based line of "key: value" in a YAML text, 0 when not
// found; yaml.v2 does not report positions of decoded values.
func lineOf(lines []string, key, value string) int {
	return nthLineOf(lines, key, value, 1)
}

// nthLineOf is lineOf for the nth line that holds "key: value", in a
// mapping written over lines or on one (- {type: space, key: en, …}).
func nthLineOf(lines []string, key, value string, n int) int {
	if value == "" {
		return 0
	}
	for i, l := range lines {
		for _, part := range strings.FieldsFunc(l, func(r rune) bool { return r == '{' || r == '}' || r == ',' }) {
			k, v, ok := strings.Cut(part, ":")
			if ok && strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(k), "- ")) == key && strings.Trim(strings.TrimSpace(v), `"'`) == value {
				if n--; n == 0 {
					return i + 1
				}
				break
			}
		}
	}
	return 0
}
