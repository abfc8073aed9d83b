// Package content loads one GitBook space from disk: its .gitbook.yaml,
// its SUMMARY.md, HonKit's book.json, its variables, tags and ignore files,
// and an index of every file it holds, so that links can be checked without
// touching the disk again (a file's size is read when a page uses the
// file). Where an ignore pattern matches a file, it asks git whether the
// file is tracked all the same (history.TrackedIgnored).
//
// Files are read beneath the space directory only: on Linux through a
// handle on it with openat2, which refuses links; elsewhere, and for a
// link, through an os.Root, which follows a symbolic link only while it
// stays inside the space.
package content

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/history"
	"folio/internal/links"
	"folio/internal/nav"
	"folio/internal/output"
	"folio/internal/source"
	"folio/internal/symlink"
)

// Space is one GitBook space: the content of one language.
type Space struct {
	Lang    config.Language
	Dir     string // absolute directory of the space root (after .gitbook.yaml's root)
	Rel     string // the same, slash-separated and relative to the site directory ("" for the site itself)
	GitBook config.GitBook
	// GitBookYAML is set when the space has a .gitbook.yaml: a GitBook
	// space, rather than a legacy GitBook 3 / HonKit book.
	GitBookYAML bool
	// GitBookYAMLPath is where diagnostics name the .gitbook.yaml: beside
	// the language folder, above the content a root moves the space to.
	GitBookYAMLPath string
	Summary         *nav.Summary // nil when the space has no SUMMARY.md
	// SummaryInferred: the space has no SUMMARY.md, and Summary lists its
	// pages by folder, as GitBook infers it.
	SummaryInferred bool
	Readme          string // home page, relative to the space root; "" when missing

	root  *os.Root
	files map[string]File     // every regular file, by slash path relative to Dir; Size -1 when Stat reads it
	sizes sync.Map            // path → size, read by Stat
	fold  map[string][]string // lower-cased path → actual paths, for suggestions
	// nfc holds the paths not in Unicode's composed form (NFC) by that
	// form: macOS tools may write résumé.md decomposed, which links
	// typed composed name as macOS does (Normalized).
	nfc   map[string]string
	dirs  map[string]bool // every directory
	links []string        // the files that are symbolic links (Links)
	// refused holds the symbolic links not followed (RefusedLink).
	refused map[string]bool

	ignore *Ignore // the ignore files of the space and the folders above it (IgnoredBy)
	// tracked holds the files git tracks though its ignore rules match
	// them, in a GitBook space (readTracked).
	tracked map[string]bool
	// book is the book.json at the top of a HonKit book (before its
	// root), nil when it has none or it cannot be read; hasBook says the
	// file is there.
	book    *Book
	hasBook bool
}

// inheritStructure gives a language of a LANGS.md book the top book.json's
// structure.readme and structure.summary where its own book.json names
// none: each language inherits the top book.json, these keys with the
// rest. The top book.json's problems are reported with the site's.
func inheritStructure(gb config.GitBook, top, own *Book) config.GitBook {
	if top == nil {
		return gb
	}
	var ignored []diag.Diagnostic
	b := &Book{}
	if own != nil {
		b.Structure = own.Structure
	}
	if b.Structure.Readme == "" {
		b.Structure.Readme = top.Structure.Readme
	}
	if b.Structure.Summary == "" {
		b.Structure.Summary = top.Structure.Summary
	}
	return b.layout(gb, "book.json", &ignored)
}

// langsTop reports whether lang is a language of a LANGS.md book, and
// returns the book.json at its top: nil when there is none or it cannot
// be read, whose problems are reported with the site's.
func langsTop(siteDir string, lang config.Language) (*Book, bool) {
	if lang.Dir == "." {
		return nil, false
	}
	if _, err := os.Stat(filepath.Join(siteDir, config.LangsFileOf(siteDir))); err != nil {
		return nil, false
	}
	var ignored []diag.Diagnostic
	top, _, _ := ReadBookFile(siteDir, "book.json", &ignored)
	return top, true
}

// defaultStyles reports the styles/website.css of a HonKit book whose
// book.json (its own, or the top one of a LANGS.md book, top) sets no
// styles: HonKit's theme links it from every page all the same, and
// folio's does not load it.
func (s *Space) defaultStyles(top *Book) []diag.Diagnostic {
	const css = "styles/website.css"
	for _, b := range []*Book{s.book, top} {
		if b != nil && b.Config["styles"] != nil {
			return nil // reported at the key
		}
	}
	if !s.Exists(css) {
		return nil
	}
	return []diag.Diagnostic{{Path: s.DiagPath(css), Severity: diag.Info, Rule: "unsupported",
		Msg: css + " is not applied: HonKit's theme links it from every page when book.json sets no styles, but folio's theme does not load a book's own CSS", Hint: stylesHint}}
}

// File is a regular file of the space, as Stat gives it.
type File struct {
	Size int64
}

// Load opens the space of language lang under the site directory siteDir.
// outs are output directories: those inside the space (and the staging
// directories beside them) are not content.
func Load(ctx context.Context, siteDir string, lang config.Language, outs ...string) (*Space, []diag.Diagnostic, error) {
	langDir := filepath.Join(siteDir, filepath.FromSlash(lang.Dir))
	if !symlink.Inside(langDir, siteDir) {
		// The book's files are its own: a symbolic link must not make the
		// build read, and publish, a folder of the machine.
		return nil, nil, fmt.Errorf("open content directory: %s is a symbolic link that leads outside the site's folder: not read", lang.Dir)
	}
	var ds []diag.Diagnostic
	rel := func(p string) string { return joinRel(filepath.ToSlash(mustRel(siteDir, langDir)), p) }

	gb := config.GitBook{Root: ".", Readme: "README.md", Summary: "SUMMARY.md"}
	hasYAML, yamlBroken := false, false
	if b, err := source.ReadRegular(filepath.Join(langDir, ".gitbook.yaml")); err == nil {
		hasYAML = true
		norm, nds, ok := source.Normalize(rel(".gitbook.yaml"), b)
		ds = append(ds, nds...)
		if ok {
			var gds []diag.Diagnostic
			gb, gds = config.ParseGitBook(rel(".gitbook.yaml"), norm)
			yamlBroken = diag.Count(gds, diag.Error) > 0
			ds = append(ds, gds...)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, ds, fmt.Errorf("read .gitbook.yaml: %w", err)
	}
	// A HonKit book's book.json, at the top of the book, may move it as
	// .gitbook.yaml does (root, structure.readme and structure.summary).
	var book, top *Book
	hasBook, langsBook := false, false
	if !hasYAML {
		var err error
		book, hasBook, err = ReadBookFile(langDir, rel("book.json"), &ds)
		if err != nil {
			return nil, ds, err
		}
		if book != nil {
			gb = book.layout(gb, book.File, &ds)
		}
		top, langsBook = langsTop(siteDir, lang)
		gb = inheritStructure(gb, top, book)
	}

	dir := filepath.Join(langDir, filepath.FromSlash(gb.Root))
	if fi, err := os.Stat(dir); gb.Root != "." && (err != nil || !fi.IsDir() || !symlink.Inside(dir, siteDir)) {
		// A root that names no folder: the rest of the repository still
		// builds, as with a root outside it.
		what := "is not a folder of the"
		if err == nil && fi.IsDir() {
			what = "is a symbolic link that leads outside the"
		}
		d := diag.Diagnostic{Path: book.file(rel("book.json")), Severity: diag.Error, Rule: "book-json",
			Msg: fmt.Sprintf("root %q %s book; using the book's directory", gb.Root, what)}
		if hasYAML {
			d = diag.Diagnostic{Path: rel(".gitbook.yaml"), Line: gb.RootAt.Line, Col: gb.RootAt.Col, Severity: diag.Error, Rule: "gitbook-yaml",
				Msg: fmt.Sprintf("root %q %s space; using the space directory", gb.Root, what)}
		}
		ds = append(ds, d)
		gb.Root, dir = ".", langDir
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, ds, fmt.Errorf("open content directory: %w", err)
	}
	s := &Space{
		Lang:            lang,
		Dir:             dir,
		Rel:             filepath.ToSlash(mustRel(siteDir, dir)),
		GitBook:         gb,
		root:            root,
		GitBookYAML:     hasYAML,
		GitBookYAMLPath: rel(".gitbook.yaml"),
		book:            book,
		hasBook:         hasBook,
		files:           map[string]File{},
		fold:            map[string][]string{},
		dirs:            map[string]bool{"": true},
	}
	if s.Rel == "." {
		s.Rel = ""
	}
	walked := s.index(outs)
	ds = append(ds, s.readIgnore(siteDir)...)
	for _, w := range walked {
		// What an ignore file keeps out of the book is not looked at: its
		// links and unreadable folders are no one's business (a copy of
		// folio's source in tools/, ignored, failed --strict).
		if !s.Ignored(w.path) {
			ds = append(ds, w.d)
		}
	}
	if !hasBook && !langsBook {
		ds = append(ds, s.readTracked(ctx)...)
	}
	if hasBook || langsBook {
		ds = append(ds, s.defaultStyles(top)...)
	}

	// A readme named in .gitbook.yaml or book.json that is not there is
	// told at that file, as a summary is: the home page's path names no
	// file to look at.
	readmeAt := diag.Diagnostic{Path: s.DiagPath(gb.Readme)}
	switch {
	case gb.Readme == "README.md":
	case hasYAML:
		readmeAt = diag.Diagnostic{Path: rel(".gitbook.yaml"), Line: gb.ReadmeAt.Line, Col: gb.ReadmeAt.Col}
	case book != nil && book.Structure.Readme != "":
		readmeAt = diag.Diagnostic{Path: book.file(rel("book.json"))}
	case hasBook || langsBook:
		readmeAt = diag.Diagnostic{Path: top.file("book.json")} // the top one of a LANGS.md book
	}
	var noReadme *diag.Diagnostic
	if s.Exists(gb.Readme) {
		s.Readme = gb.Readme
	} else if alt, ok := s.findReadme(); ok {
		s.Readme = alt
		if gb.Readme != "README.md" {
			d := readmeAt
			d.Severity, d.Rule = diag.Warning, "space-readme"
			d.Msg = fmt.Sprintf("structure.readme %q names no file of the book; %s is the home page", gb.Readme, alt)
			if hasYAML {
				d.Msg = fmt.Sprintf("readme %q names no file of the space; %s is the home page", gb.Readme, alt)
			}
			if near := s.Suggest(gb.Readme); near != "" {
				d.Hint = "did you mean " + near + "?"
			}
			ds = append(ds, d)
		}
	} else {
		noReadme = &readmeAt
		noReadme.Severity, noReadme.Rule = diag.Error, "space-readme"
		noReadme.Msg = "the space has no home page " + gb.Readme
		if yamlBroken {
			// Most likely the root or the readme .gitbook.yaml failed to give.
			noReadme.Hint = ".gitbook.yaml has an error, and its root or structure.readme may be among what was ignored"
		} else if near := s.Suggest(gb.Readme); near != "" {
			noReadme.Hint = "did you mean " + near + "? (names are case-sensitive)"
		}
	}
	switch {
	case s.Exists(gb.Summary):
		src, rds, ok := s.ReadText(gb.Summary)
		ds = append(ds, rds...)
		if ok {
			sum, sds := nav.Parse(s.DiagPath(gb.Summary), src, hasBook || langsBook)
			ds = append(ds, sds...)
			s.Summary = sum
			if sum != nil && !slices.ContainsFunc(sum.Parts, func(p *nav.Part) bool { return len(p.Items) > 0 }) {
				// An empty table of contents, said nowhere (t47).
				ds = append(ds, diag.Diagnostic{Path: s.DiagPath(gb.Summary), Line: 1, Col: 1, Severity: diag.Warning, Rule: "summary-syntax",
					Msg:  gb.Summary + " lists no page: the home page is the only page published",
					Hint: "list the pages as entries, * [Title](page.md), one per line"})
			}
		}
	case gb.Summary != "SUMMARY.md":
		// A file named in .gitbook.yaml or book.json: a slip there, most
		// likely, which a build should not pass over as it does a space
		// without a table of contents.
		// A language of a LANGS.md book is a HonKit book, with or without
		// a book.json of its own (t43: one without got GitBook's
		// navigation by folder).
		honkit := hasBook || langsBook
		what := "the home page is its only page"
		if !honkit {
			what = "the navigation lists every page by folder"
		}
		from := book.file(rel("book.json"))
		if book == nil || book.Structure.Summary == "" {
			// The top one of a LANGS.md book, which the language inherits:
			// one warning for the languages it does the same in, and one
			// for each that differs.
			from = top.file("book.json")
			if hasBook {
				what = "in " + lang.Dir + "/, " + what
			}
		}
		d := diag.Diagnostic{Path: from, Severity: diag.Warning, Rule: "book-json",
			Msg: fmt.Sprintf("structure.summary %q names no file of the book; %s", gb.Summary, what)}
		if hasYAML {
			d = diag.Diagnostic{Path: rel(".gitbook.yaml"), Line: gb.SummaryAt.Line, Col: gb.SummaryAt.Col, Severity: diag.Warning, Rule: "gitbook-yaml",
				Msg: fmt.Sprintf("summary %q names no file of the space; the navigation lists every page by folder", gb.Summary)}
		}
		ds = append(ds, d)
		switch {
		case !honkit:
			// Made at the top of the space, whose paths its entries hold.
			s.GitBook.Summary = "SUMMARY.md"
			sum, _ := nav.Parse(s.DiagPath(s.GitBook.Summary), s.inferSummary(), false)
			s.Summary = sum
		case s.Readme != "":
			s.Summary = s.honkitSummary(gb.Summary)
		}
	case !hasBook && !langsBook:
		// GitBook infers the table of contents of a space without one
		// from its folders; a HonKit book without one has its home only,
		// a language of a LANGS.md book too.
		// folio's own text, whose entries have no title on purpose (the
		// pages are named by their headings): what nav.Parse says of it
		// is not the author's to fix.
		sum, _ := nav.Parse(s.DiagPath(gb.Summary), s.inferSummary(), false)
		s.Summary, s.SummaryInferred = sum, true
		ds = append(ds, diag.Diagnostic{Path: s.DiagPath(gb.Summary), Severity: diag.Info, Rule: "summary-inferred",
			Msg: "no " + gb.Summary + ": the navigation lists every page by folder, as GitBook does"})
	case s.Readme != "":
		s.Summary = s.honkitSummary(gb.Summary)
	}
	if noReadme != nil {
		// GitBook's home is then the first page of the table of contents:
		// it is published at the space's root.
		if first := s.firstPage(); first != "" {
			s.Readme = first
			noReadme.Msg += "; the first page of the table of contents, " + first + ", is the home page"
			if !hasBook && !langsBook && gb.Readme == "README.md" && !yamlBroken {
				// As GitBook has it: nothing to fix.
				noReadme.Severity = diag.Info
				noReadme.Msg = "no " + gb.Readme + ": the first page of the table of contents, " + first + ", is the home page, as in GitBook"
			}
		}
		ds = append(ds, *noReadme)
	}
	return s, ds, nil
}

// firstPage is the first Markdown page of the space's table of contents
// that exists, or "".
func (s *Space) firstPage() string {
	if s.Summary == nil {
		return ""
	}
	dir := path.Dir(s.GitBook.Summary)
	for it := range s.Summary.Items {
		dest, _, _ := strings.Cut(it.Target, "#")
		if dest == "" || links.IsExternal(dest) {
			continue
		}
		if u, err := url.PathUnescape(dest); err == nil {
			dest = u
		}
		if p := path.Join(dir, dest); strings.EqualFold(path.Ext(p), ".md") && s.Exists(p) {
			return p
		}
	}
	return ""
}

// readIgnore reads the ignore files (IgnoreFiles) of the space's folder
// and of each folder above it up to the site's, top first, as git reads
// the .gitignore files of a repository: HonKit reads those at the top of
// the book, above its root, and of a LANGS.md book's top; GitBook never
// has a file that git ignores.
func (s *Space) readIgnore(siteDir string) []diag.Diagnostic {
	s.ignore = &Ignore{}
	var ds []diag.Diagnostic
	if s.Rel != "" && s.Rel != ".." && !strings.HasPrefix(s.Rel, "../") {
		if top, err := os.OpenRoot(siteDir); err == nil {
			dir := ""
			for elem := range strings.SplitSeq(path.Dir(s.Rel+"/x"), "/") {
				ds = append(ds, s.ignore.read(top, dir)...)
				dir = joinRel(dir, elem)
			}
			_ = top.Close()
		}
		s.ignore.keepFolder(s.Rel)
	}
	// The space's own, read through its handle, as its other files are.
	for _, name := range IgnoreFiles {
		if !s.Exists(name) {
			continue
		}
		src, ids, ok := s.ReadText(name)
		ds = append(ds, ids...)
		if ok {
			s.ignore.add(src, s.Rel, s.DiagPath(name))
		}
	}
	// The .gitignore files of its folders, as git reads them: a folder's
	// after those above it, so that its patterns win; one in a folder
	// already excluded is not read.
	var subs []string
	for p := range s.files {
		if path.Base(p) == ".gitignore" && p != ".gitignore" {
			subs = append(subs, p)
		}
	}
	slices.SortFunc(subs, func(a, b string) int {
		return cmp.Or(strings.Count(a, "/")-strings.Count(b, "/"), strings.Compare(a, b))
	})
	for _, p := range subs {
		if s.ignore.FolderExcluded(s.DiagPath(path.Dir(p))) {
			continue // git does not look into the folder; a pattern naming the file itself does not keep git from reading it
		}
		src, ids, ok := s.ReadText(p)
		ds = append(ds, ids...)
		if ok {
			s.ignore.add(src, s.DiagPath(path.Dir(p)), s.DiagPath(p))
		}
	}
	return ds
}

// readTracked finds the files of a GitBook space that git tracks although
// a .gitignore pattern matches them (git add -f): GitBook publishes what
// git holds. HonKit knows nothing of git, and ignores them. git is run
// only when a .gitignore matches some file of the space.
func (s *Space) readTracked(ctx context.Context) []diag.Diagnostic {
	matched := false
	for p := range s.files {
		if path.Base(s.IgnoredBy(p)) == ".gitignore" {
			matched = true
			break
		}
	}
	if !matched {
		return nil
	}
	tracked, err := history.TrackedIgnored(ctx, s.Dir)
	if err != nil {
		return []diag.Diagnostic{{Path: s.DiagPath("."), Severity: diag.Warning, Rule: "history",
			Msg: fmt.Sprintf("cannot tell which files git tracks, so the files .gitignore names are left out: %v", err)}}
	}
	s.tracked = tracked
	return nil
}

// honkitSummary is HonKit's table of contents of a book without one (or
// whose book.json names a file it lacks): its home, titled Introduction,
// which page.title, page.level and the sidebar say.
func (s *Space) honkitSummary(name string) *nav.Summary {
	sum, _ := nav.Parse(s.DiagPath(name), []byte("# Summary\n\n* [Introduction]("+links.Escape(s.Readme)+")\n"), true)
	return sum
}

// naturalCompare orders names as people number them: a run of digits by
// its value, so 2-setup.md comes before 10-faq.md; otherwise byte by byte,
// whatever the case of ASCII letters, and two names of one value (01-a,
// 1-a, A, a) as text, so that the order never depends on the order they
// came in.
func naturalCompare(a, b string) int {
	return cmp.Or(natural(a, b), strings.Compare(a, b))
}

func natural(a, b string) int {
	for a != "" && b != "" {
		da, db := digitRun(a), digitRun(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if c := cmp.Or(cmp.Compare(len(na), len(nb)), strings.Compare(na, nb)); c != 0 {
				return c
			}
			a, b = a[da:], b[db:]
			continue
		}
		if ca, cb := lowerASCII(a[0]), lowerASCII(b[0]); ca != cb {
			return cmp.Compare(ca, cb)
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

// lowerASCII folds an ASCII capital: apple.md, Mango.md and zebra.md
// are in that order, as a file manager lists them.
func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func digitRun(s string) int {
	n := 0
	for n < len(s) && '0' <= s[n] && s[n] <= '9' {
		n++
	}
	return n
}

// notBook are the folders that are never part of a space or a book, as
// HonKit ignores them: git's, the tools' packages and HonKit's own
// output, whose old pages a link would publish again (t74).
var notBook = map[string]bool{".git": true, "node_modules": true, "_book": true}

// NeverRead reports whether a folder of this name is never part of a
// book (notBook), wherever it is.
func NeverRead(name string) bool { return notBook[name] }

// InNotBook reports whether the slash path p lies under one of the
// folders that are never part of a book (notBook).
func InNotBook(p string) bool {
	dirs := strings.Split(p, "/")
	return slices.ContainsFunc(dirs[:len(dirs)-1], func(d string) bool { return notBook[d] })
}

// NotContent reports whether the file p of a space lies under a folder
// that holds no pages of the book: a folder whose name starts with a dot
// (.github's issue templates, .vscode…), which neither GitBook nor HonKit
// publishes (_book and node_modules are not read: notBook). Its Markdown
// files are not orphans, nor in the sidebar made for a space without
// SUMMARY.md: nobody meant them for the sidebar. The folders are still
// read, so that a page can link to a file there (.gitbook/assets/… is
// one) and the link works as it does anywhere else.
func NotContent(p string) bool {
	dirs := strings.Split(p, "/")
	for _, d := range dirs[:len(dirs)-1] {
		if strings.HasPrefix(d, ".") {
			return true
		}
	}
	return false
}

// inferSummary writes the SUMMARY.md of a space that has none, as GitBook
// infers its table of contents: the home page, then in each folder its
// pages by name and its folders, a folder's README (any case) being the
// folder's page and the others under it. A folder without a README is an
// entry without a page, its name, with its pages under it.
func (s *Space) inferSummary() []byte {
	pages := map[string][]string{} // folder → its Markdown files
	folders := map[string][]string{}
	known := map[string]bool{}
	for p := range s.files {
		if !strings.EqualFold(path.Ext(p), ".md") || p == s.Readme ||
			strings.EqualFold(path.Base(p), "SUMMARY.md") || s.Ignored(p) || NotContent(p) {
			continue
		}
		dir := path.Dir(p)
		pages[dir] = append(pages[dir], p)
		for d := dir; d != "." && !known[d]; d = path.Dir(d) {
			known[d] = true // and its parents, by the time it was
			folders[path.Dir(d)] = append(folders[path.Dir(d)], d)
		}
	}
	var b bytes.Buffer
	b.WriteString("# Summary\n\n")
	// An entry without text: the page is named as any page is, by its
	// heading when it has one, when it is parsed.
	item := func(depth int, p string) {
		fmt.Fprintf(&b, "%s* [](%s)\n", strings.Repeat("  ", depth), links.Escape(p))
	}
	if strings.EqualFold(path.Ext(s.Readme), ".md") {
		item(0, s.Readme)
	}
	var walk func(dir string, depth int)
	walk = func(dir string, depth int) {
		files := pages[dir]
		slices.SortFunc(files, naturalCompare)
		for _, p := range files {
			item(depth, p)
		}
		subs := folders[dir]
		slices.SortFunc(subs, naturalCompare)
		for _, d := range subs {
			readme := ""
			for _, p := range pages[d] {
				if links.IsReadme(p) {
					readme = p
					break
				}
			}
			if readme == "" {
				// An entry without a page, titled by the folder's name, so
				// that its pages are seen to be together (guides/intro.md
				// and api/intro.md apart).
				fmt.Fprintf(&b, "%s* %s\n", strings.Repeat("  ", depth), folderTitle(path.Base(d)))
				walk(d, depth+1)
				continue
			}
			item(depth, readme)
			pages[d] = slices.DeleteFunc(slices.Clone(pages[d]), func(p string) bool { return p == readme })
			walk(d, depth+1)
		}
	}
	walk(".", 0)
	return b.Bytes()
}

// folderTitle is the sidebar's title of a folder without a README, as
// Markdown text: its name, words apart and capitalised ("getting-started"
// → "Getting started"), its Markdown characters escaped.
func folderTitle(name string) string {
	name = strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ").Replace(name)), " ")
	if r, n := utf8.DecodeRuneInString(name); n > 0 {
		name = string(unicode.ToUpper(r)) + name[n:]
	}
	var b strings.Builder
	for _, r := range name {
		if strings.ContainsRune("\\`*_{}[]<>()#+-.!|~&:", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Close releases the space's directory handle.
func (s *Space) Close() error {
	return s.root.Close()
}

// cleanRel reports whether p is a relative path that path.Clean leaves as
// it is and that has no ".." element.
func cleanRel(p string) bool {
	if p == "" || p[0] == '/' || p[len(p)-1] == '/' {
		return false
	}
	for elem := range strings.SplitSeq(p, "/") {
		if elem == "" || elem == "." || elem == ".." {
			return false
		}
	}
	return true
}

func mustRel(base, p string) string {
	r, err := filepath.Rel(base, p)
	if err != nil {
		return p
	}
	return r
}

func joinRel(dir, p string) string {
	if dir == "" || dir == "." {
		return p
	}
	return dir + "/" + p
}

// DiagPath returns the path of a space file as diagnostics show it:
// relative to the site directory.
func (s *Space) DiagPath(p string) string { return joinRel(s.Rel, p) }

// walkDiag is a diagnostic of the walk of the space's folder, at the
// path (relative to the space) it is about.
type walkDiag struct {
	path string
	d    diag.Diagnostic
}

// index walks the space once and records every file and directory. Its
// diagnostics wait for the ignore files, which the walk finds.
func (s *Space) index(outs []string) []walkDiag {
	var ds []walkDiag
	fsys := s.root.FS()
	// The output directories inside the space, and the staging
	// directories a build makes beside them (output.New), are skipped.
	var skipped []string
	for _, out := range outs {
		rel, err := filepath.Rel(symlink.Resolve(s.Dir), out)
		if out != "" && err == nil && rel != "." && filepath.IsLocal(rel) {
			skipped = append(skipped, filepath.ToSlash(rel))
		}
	}
	skip := func(p string) bool {
		for _, o := range skipped {
			if p == o || (path.Dir(p) == path.Dir(o) && output.IsStaging(path.Base(p), path.Base(o))) {
				return true
			}
		}
		return false
	}
	_ = fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			ds = append(ds, walkDiag{p, diag.Diagnostic{Path: s.DiagPath(p), Severity: diag.Warning, Rule: "read",
				Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))}})
			return nil
		}
		if p == "." {
			return nil
		}
		if skip(p) && !e.IsDir() {
			return nil // an output or static/ that is a symbolic link: not content either
		}
		if e.IsDir() {
			if notBook[e.Name()] || skip(p) {
				return fs.SkipDir
			}
			s.dirs[p] = true
			s.noteForm(p)
			return nil
		}
		if e.Type().IsRegular() {
			// Its size is read when it is asked for (Stat): a space holds
			// many files that no page uses.
			s.files[p] = File{Size: -1}
			s.record(p)
			return nil
		}
		info, err := e.Info()
		if err == nil && e.Type()&fs.ModeSymlink != 0 {
			info, err = fs.Stat(fsys, p) // follows links that stay inside the space
		}
		if err != nil {
			if e.Type()&fs.ModeSymlink != 0 {
				ds = append(ds, walkDiag{p, diag.Diagnostic{Path: s.DiagPath(p), Severity: diag.Warning, Rule: "symlink",
					Msg: "symbolic link leads outside the content directory or nowhere; ignored"}})
				s.refuse(p)
			}
			return nil
		}
		if info.IsDir() {
			// A link to a directory is not followed: it could loop.
			ds = append(ds, walkDiag{p, diag.Diagnostic{Path: s.DiagPath(p), Severity: diag.Warning, Rule: "symlink",
				Msg: "symbolic link to a directory is not followed"}})
			s.refuse(p)
			return nil
		}
		if !info.Mode().IsRegular() {
			// A named pipe would block the build that read it.
			ds = append(ds, walkDiag{p, diag.Diagnostic{Path: s.DiagPath(p), Severity: diag.Warning, Rule: "read",
				Msg: fmt.Sprintf("%s, not a regular file; ignored", fileKind(info.Mode()))}})
			return nil
		}
		s.links = append(s.links, p)
		s.files[p] = File{Size: info.Size()}
		s.record(p)
		return nil
	})
	return ds
}

// fileKind names the kind of file that is neither a regular file nor a
// directory.
func fileKind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (s *Space) findReadme() (string, bool) {
	for _, name := range []string{"README.md", "readme.md", "Readme.md", "README"} {
		if s.Exists(name) {
			return name, true
		}
	}
	return "", false
}

// Exists reports whether the space holds the regular file p.
func (s *Space) Exists(p string) bool {
	_, ok := s.files[p]
	return ok
}

// Stat returns the file p of the space.
func (s *Space) Stat(p string) (File, bool) {
	f, ok := s.files[p]
	if !ok || f.Size >= 0 {
		return f, ok
	}
	if v, ok := s.sizes.Load(p); ok {
		return File{Size: v.(int64)}, true
	}
	if info, err := s.root.Stat(filepath.FromSlash(p)); err == nil {
		f.Size = info.Size()
	} else {
		f.Size = 0
	}
	s.sizes.Store(p, f.Size)
	return f, true
}

// IsDir reports whether p is a directory of the space.
func (s *Space) IsDir(p string) bool { return s.dirs[p] }

// record notes the file p for Suggest and Normalized.
func (s *Space) record(p string) {
	low := strings.ToLower(p)
	s.fold[low] = append(s.fold[low], p)
	s.noteForm(p)
}

// noteForm notes the file or folder p for Normalized when its path is not
// in the composed form.
func (s *Space) noteForm(p string) {
	if !norm.NFC.IsNormalString(p) {
		if s.nfc == nil {
			s.nfc = map[string]string{}
		}
		s.nfc[norm.NFC.String(p)] = p
	}
}

// Normalized returns the file or folder whose path p names in another
// Unicode form (composed or decomposed accents), as macOS's file system
// reads it; "" when there is none.
func (s *Space) Normalized(p string) string {
	n := norm.NFC.String(p)
	if n != p && (s.Exists(n) || s.IsDir(n)) {
		return n
	}
	return s.nfc[n]
}

// Suggest returns the file whose path differs from p only in letter case,
// or "" when there is none.
func (s *Space) Suggest(p string) string {
	if m := s.fold[strings.ToLower(p)]; len(m) > 0 {
		return m[0]
	}
	return ""
}

// refuse notes that the symbolic link p is not followed.
func (s *Space) refuse(p string) {
	if s.refused == nil {
		s.refused = map[string]bool{}
	}
	s.refused[p] = true
}

// RefusedLink returns the symbolic link of the space that p is, or that
// p goes through, which folio does not follow (it leads outside the space
// or nowhere, or to a folder); "" for none. A link to p is told so, not
// that the file is missing (t47, t50).
func (s *Space) RefusedLink(p string) string {
	for d := p; d != "." && d != "/" && d != ""; d = path.Dir(d) {
		if s.refused[d] {
			return d
		}
	}
	return ""
}

// Links returns the files of the space that are symbolic links (to a
// file inside it), in the order they were found.
func (s *Space) Links() []string { return s.links }

// Files returns every file path of the space, sorted.
func (s *Space) Files() []string {
	out := make([]string, 0, len(s.files))
	for p := range s.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Open opens a file of the space for reading.
func (s *Space) Open(p string) (*os.File, error) {
	return s.root.Open(filepath.FromSlash(p))
}

// AbsPath returns the file's path on disk.
func (s *Space) AbsPath(p string) string {
	return filepath.Join(s.Dir, filepath.FromSlash(p))
}

// ReadText reads a text file of the space and normalises it (UTF-8, LF).
// ok is false when the file cannot be used as text.
func (s *Space) ReadText(p string) ([]byte, []diag.Diagnostic, bool) {
	b, err := s.root.ReadFile(filepath.FromSlash(p))
	if err != nil {
		return nil, []diag.Diagnostic{{Path: s.DiagPath(p), Severity: diag.Error, Rule: "read",
			Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))}}, false
	}
	return source.Normalize(s.DiagPath(p), b)
}

// Clean resolves the slash path p against the directory dir of the space
// and reports whether the result stays inside the space.
func Clean(dir, p string) (string, bool) {
	if cleanRel(p) && (dir == "." || dir == "" || cleanRel(dir)) {
		return joinRel(dir, p), true // most links: no "." or ".." to resolve, nothing to clean
	}
	full := p
	if !strings.HasPrefix(p, "/") {
		full = dir + "/" + p
	}
	depth := 0
	for elem := range strings.SplitSeq(full, "/") {
		switch elem {
		case "", ".":
		case "..":
			if depth == 0 {
				return "", false // above the space's root
			}
			depth--
		default:
			depth++
		}
	}
	return strings.TrimPrefix(path.Clean("/"+full), "/"), true
}
