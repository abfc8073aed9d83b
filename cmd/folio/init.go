package main

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"folio/internal/config"
	"folio/internal/content"
	"folio/internal/diag"
	"folio/internal/forge"
	"folio/internal/langname"
	"folio/internal/links"
	"folio/internal/markdown"
	"folio/internal/openapi"
	"folio/internal/search"
)

type initOpts struct {
	force, print bool
}

func initFlags(w io.Writer) (*flag.FlagSet, *initOpts) {
	o := &initOpts{}
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	fs.SetOutput(w)
	fs.BoolVar(&o.force, "force", false, "overwrite an existing site.yaml")
	fs.BoolVar(&o.print, "print", false, "write the configuration to standard output instead of DIR/site.yaml")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: folio init [flags] [DIR]\n\n"+
			"Writes DIR/site.yaml (default: the current directory) describing the GitBook\n"+
			"repository found there: a bare space, a HonKit book (book.json), a LANGS.md\n"+
			"book or a docs.yaml site.\n\nFlags:\n")
		printFlags(fs.Output(), fs)
	}
	return fs, o
}

// runInit is `folio init`: it describes the repository in DIR as a
// commented site.yaml, so that a team starts from what GitBook already
// declares instead of a blank page.
func runInit(_ context.Context, args []string, stdout, stderr io.Writer) int {
	flags, o := initFlags(stderr)
	pos, err := parseInterleaved(flags, args, stdout)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "folio init: one directory at most, got %s\n", strings.Join(pos, " "))
		return exitUsage
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	target := filepath.Join(dir, config.FileName)
	if !o.print && !o.force {
		if _, err := os.Stat(target); err == nil {
			fmt.Fprintf(stderr, "folio init: %s already exists; use --force to overwrite it or --print to see the result\n", target)
			return exitFail
		} else if !errors.Is(err, fs.ErrNotExist) {
			fmt.Fprintf(stderr, "folio init: %v\n", err)
			return exitFail
		}
	}
	c, ds, err := config.Detect(dir)
	if err != nil {
		fmt.Fprintf(stderr, "folio init: %v\n", err)
		return exitFail
	}
	choices, bds := chooseLanguages(c)
	ds = append(ds, bds...)
	if page := staticPage(c); page != "" {
		ds = append(ds, diag.Diagnostic{Path: "static", Severity: diag.Warning, Rule: "config",
			Msg:  fmt.Sprintf("static/ holds pages (%s): with site.yaml it is the site's static folder, copied as it is, and its pages are no longer pages", page),
			Hint: "rename the folder before you build"})
	}
	for _, d := range ds {
		fmt.Fprintln(stderr, d.String())
	}
	if c.RepoURL == "" {
		c.RepoURL = originURL(dir)
	}
	out := siteYAML(c, choices)
	if o.print {
		if _, err := stdout.Write(out); err != nil {
			fmt.Fprintf(stderr, "folio init: %v\n", err)
			return exitFail
		}
		return exitOK
	}
	if err := os.WriteFile(target, out, 0o644); err != nil {
		fmt.Fprintf(stderr, "folio init: %v\n", err)
		return exitFail
	}
	from := c.File
	if from == "" {
		from = bareKind(c)
	}
	langs := diag.Plural(len(c.Languages), "language")
	if len(c.Sections) > 1 {
		langs += " in " + diag.Plural(len(c.Sections), "section")
	}
	fmt.Fprintf(stderr, "wrote %s: %s from %s", target, langs, from)
	if n := diag.Count(ds, diag.Warning); n > 0 {
		fmt.Fprintf(stderr, ", %s", diag.Plural(n, "warning"))
	}
	if n := diag.Count(ds, diag.Error); n > 0 {
		fmt.Fprintf(stderr, ", %s", diag.Plural(n, "error"))
	}
	for i, ch := range choices {
		if ch.assumed {
			fmt.Fprintf(stderr, "; %s", ch.note(c, i))
		}
	}
	fmt.Fprintln(stderr)
	if gitKeeps(dir, "public") {
		fmt.Fprintf(stderr, "note: add public/ to %s: the built site, written there, is not to be committed with the pages\n",
			filepath.Join(dir, ".gitignore"))
	}
	return exitOK
}

// gitKeeps reports whether dir is in a git work tree that does not ignore
// the folder name in it.
func gitKeeps(dir, name string) bool {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if exec.CommandContext(ctx, "git", "-C", dir, "rev-parse", "--is-inside-work-tree").Run() != nil {
		return false
	}
	// check-ignore exits 1 when the path is not ignored.
	err := exec.CommandContext(ctx, "git", "-C", dir, "check-ignore", "-q", name+"/").Run()
	var exit *exec.ExitError
	return errors.As(err, &exit) && exit.ExitCode() == 1
}

// originURL is the web address of the repository that holds dir, from
// git's remote origin, without credentials, when folio knows its host;
// "" otherwise (no git, no origin, an unknown host).
func originURL(dir string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "remote", "get-url", "origin")
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0")
	out, err := cmd.Output()
	if err != nil {
		return ""
	}
	r, err := forge.New(strings.TrimSpace(string(out)), "", "")
	if err != nil || r.Kind == forge.Unknown {
		return "" // what it says is the author's to write
	}
	return r.Base // https://host/owner/repo: no credentials, no .git
}

// pagesURL is where GitHub Pages publishes the repository at repoURL
// (https://owner.github.io/repo/), "" for another host.
func pagesURL(repoURL string) string {
	owner, repo, ok := strings.Cut(strings.TrimPrefix(repoURL, "https://github.com/"), "/")
	if !ok || !strings.HasPrefix(repoURL, "https://github.com/") || strings.Contains(repo, "/") {
		return ""
	}
	return "https://" + strings.ToLower(owner) + ".github.io/" + repo + "/"
}

// staticPage is the first Markdown file of the folder static/ when it is
// in a language's content: with the site.yaml init writes, static/ is the
// site's own, not content; "" when there is none.
func staticPage(c *config.Config) string {
	root := filepath.Join(c.Dir, "static")
	inContent := slices.ContainsFunc(c.Languages, func(l config.Language) bool {
		rel, err := filepath.Rel(filepath.Join(c.Dir, filepath.FromSlash(l.Dir)), root)
		return err == nil && filepath.IsLocal(rel)
	})
	if !inContent {
		return ""
	}
	found := ""
	_ = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err == nil && found == "" && !e.IsDir() && strings.EqualFold(filepath.Ext(p), ".md") {
			found, _ = filepath.Rel(c.Dir, p)
			found = filepath.ToSlash(found)
			return fs.SkipAll
		}
		return nil
	})
	return found
}

// langChoice is how init chose the code of a language that nothing
// configured (config.Language.Assumed).
type langChoice struct {
	assumed bool   // the configuration did not give the code
	from    string // "book.json", "text", or "" when the code stays folio's default
	det     search.Detection
}

// note says what the choice was, for the user.
func (ch langChoice) note(c *config.Config, i int) string {
	l := c.Languages[i]
	prefix := "language"
	if len(c.Languages) > 1 {
		prefix = "language of " + l.Dir
	}
	switch {
	case ch.from == "book.json":
		return fmt.Sprintf("%s %s from book.json", prefix, l.Code)
	case ch.from == "text" && ch.det.ByScript:
		return fmt.Sprintf("%s %s from the script of %s, too short to tell more", prefix, l.Code, scriptFrom(ch.det.Pages, ch.det.Of))
	case ch.from == "text":
		return fmt.Sprintf("%s %s detected from %s", prefix, l.Code, detectedFrom(ch.det.Pages, ch.det.Of))
	}
	return fmt.Sprintf("%s %s assumed: %s", prefix, l.Code, ch.why())
}

// why says why a language was assumed (from is "").
func (ch langChoice) why() string {
	switch {
	case ch.det.Lang != "":
		return "the text reads as " + ch.det.Lang + ", which another language already is"
	case ch.det.Of == 0:
		return "the pages have too little text to tell"
	}
	return "no language is in a clear majority of the pages"
}

// chooseLanguages gives each language of c whose code nothing configured
// the language its HonKit book.json declares or, failing that, the one
// its pages are written in, when the text makes that clear (a language
// another space already has is not taken twice). It returns the choice
// made for each language, and book.json's diagnostics.
func chooseLanguages(c *config.Config) ([]langChoice, []diag.Diagnostic) {
	choices := make([]langChoice, len(c.Languages))
	var ds []diag.Diagnostic
	taken := func(code string, self int) bool {
		for i, l := range c.Languages {
			if i != self && !l.Assumed && search.SameLanguage(l.Code, code) {
				return true
			}
		}
		return false
	}
	for i := range c.Languages {
		l := &c.Languages[i]
		if !l.Assumed {
			continue
		}
		choices[i].assumed = true
		sp, lds, err := loadSpace(c.Dir, *l)
		if err != nil {
			continue // the build says what is wrong
		}
		for _, d := range lds {
			if d.Rule == "book-json" {
				ds = append(ds, d) // the language may come from it
			}
		}
		book := sp.Book()
		if code, ok := config.BookLanguage(bookLanguage(book)); ok && !taken(code, i) {
			setLanguage(l, code)
			choices[i].from = "book.json"
			_ = sp.Close()
			continue
		}
		var pages [][]byte
		for _, p := range sp.Files() {
			base := strings.ToUpper(path.Base(p))
			if !strings.EqualFold(path.Ext(p), ".md") || strings.HasPrefix(p, ".gitbook/") || sp.Ignored(p) ||
				base == "SUMMARY.MD" || base == "LANGS.MD" {
				continue
			}
			if src, _, ok := sp.ReadText(p); ok {
				pages = append(pages, src)
			}
		}
		_ = sp.Close()
		choices[i].det = search.DetectLanguage(pages)
		if code := choices[i].det.Lang; code != "" && !taken(code, i) {
			setLanguage(l, code)
			choices[i].from = "text"
		}
	}
	return choices, ds
}

// setLanguage gives l the code, and its name unless l has a name of its
// own (a docs.yaml space's title).
func setLanguage(l *config.Language, code string) {
	if l.Name == "English" || l.Name == l.Code {
		l.Name = languageName(code)
	}
	l.Code, l.Assumed = code, false
}

func bookLanguage(b *content.Book) string {
	if b == nil {
		return ""
	}
	return b.Language
}

// languageName is the name of a language in itself, or its code.
func languageName(code string) string {
	if n := langname.Self(code); n != "" {
		return n
	}
	return code
}

// bareKind names the repository init found where nothing lists the
// languages (no site.yaml, LANGS.md or docs.yaml): a HonKit book when it
// has a book.json, which the build reads as one (templating, glossary…),
// a bare GitBook space otherwise.
func bareKind(c *config.Config) string {
	if honKitBook(c) {
		return "a HonKit book (book.json)"
	}
	return "a bare GitBook space"
}

// honKitBook reports whether the single space of c is a HonKit book: it
// has a book.json.
func honKitBook(c *config.Config) bool {
	if c.File != "" || len(c.Languages) != 1 {
		return false
	}
	return config.HasBookFile(filepath.Join(c.Dir, filepath.FromSlash(c.Languages[0].Dir)))
}

// siteYAML writes the site.yaml describing c. Every key is commented, and
// the options folio cannot guess are shown commented out, so the file
// documents itself.
func siteYAML(c *config.Config, choices []langChoice) []byte {
	var b bytes.Buffer
	src := c.File
	if src == "" {
		src = bareKind(c)
	}
	fmt.Fprintf(&b, "# folio site configuration, written by `folio init` from %s.\n", src)
	b.WriteString("# The guide's \"Configuration\" page describes every key.\n\n")

	def := c.Languages[0]
	// The site keeps the titles its build without site.yaml shows, even
	// a home page's "Welcome": running init changes nothing readers see.
	titles := builtTitles(c)
	title := titles[0]
	b.WriteString("# Site title, shown in the header and the browser tab.\n")
	switch {
	case len(c.Sections) > 1 && slices.ContainsFunc(titles, func(t string) bool { return t != title }):
		// site.yaml cannot title the spaces of docs.yaml's sections one
		// by one: without a title, each keeps its home page's.
		b.WriteString("# Without it, each space is titled by its home page.\n")
		b.WriteString("# title: My documentation\n")
	case title == "":
		b.WriteString("# title: My documentation\n")
	case config.PlaceholderTitle(title):
		b.WriteString("# The home page's heading, which names no site: write the site's name.\n")
		fmt.Fprintf(&b, "title: %s\n", yamlString(title))
	default:
		fmt.Fprintf(&b, "title: %s\n", yamlString(title))
	}
	if c.Description != "" {
		fmt.Fprintf(&b, "description: %s\n", yamlString(c.Description))
	} else {
		b.WriteString("# description: One sentence for search engines and link previews.\n")
	}
	b.WriteString("# Address the site is published at: canonical links, hreflang and sitemap.xml.\n")
	fmt.Fprintf(&b, "# base_url: %s\n", cmp.Or(pagesURL(c.RepoURL), "https://example.org/docs/"))
	if c.RepoURL != "" {
		b.WriteString("# The repository (git's origin): edit links, last changes and comments, see the guide's \"Reviewing\" page.\n")
		fmt.Fprintf(&b, "repo_url: %s\n", yamlString(c.RepoURL))
	}
	b.WriteString("# Output directory, relative to this file.\n# out: public\n\n")

	if len(c.Languages) == 1 && c.File == "" {
		// The files as the build finds them, which .gitbook.yaml or
		// book.json may move and rename (root, structure).
		summary, readme, assets := spaceFiles(c)
		if honKitBook(c) {
			fmt.Fprintf(&b, "# The content: a HonKit book (book.json, %s, %s).\n", summary, readme)
		} else {
			fmt.Fprintf(&b, "# The content: a GitBook space (%s, %s, %s).\n", summary, readme, assets)
		}
		fmt.Fprintf(&b, "content: %s\n", yamlString(def.Dir))
		b.WriteString("# The language of the content (a BCP 47 code such as en, fr or pt-BR).\n")
		writeChoice(&b, "", choices[0])
		fmt.Fprintf(&b, "language: %s\n", yamlString(def.Code))
		b.WriteString("# Its name, in that language.\n")
		fmt.Fprintf(&b, "language_name: %s\n", yamlString(def.Name))
		writeAPISources(&b, apiSources(c))
		return b.Bytes()
	}

	if len(c.Sections) > 1 {
		// site.yaml cannot list sections: without languages of its own,
		// it takes them from docs.yaml, and completes it.
		b.WriteString("# The sections and their languages are read from docs.yaml:\n")
		for i, sec := range c.Sections {
			var spaces []string
			for _, l := range c.Languages {
				if l.Section == i {
					spaces = append(spaces, l.Code+" in "+l.Dir)
				}
			}
			at := "the site's top"
			if sec.Path != "" {
				at = sec.Path + "/"
			}
			fmt.Fprintf(&b, "#   %s, at %s: %s\n", sec.Title, at, strings.Join(spaces, ", "))
		}
		b.WriteString("# GitBook's links to another space (https://app.gitbook.com/s/<space id>/page)\n")
		b.WriteString("# lead to the page of the space whose content folder its id is mapped to\n")
		b.WriteString("# (a space's key in docs.yaml counts as its id).\n")
		if ids := spaceIDs(c); len(ids) > 0 {
			// The ids the pages use, each mapped to the one folder that
			// holds the pages its links name, if one does.
			b.WriteString("gitbook_spaces:\n")
			for _, id := range ids {
				switch {
				case id.dir != "":
					fmt.Fprintf(&b, "  %s: %s # %s, %s found there\n", yamlString(id.id), yamlString(id.dir), diag.Plural(id.links, "link"), diag.Plural(id.found, "page"))
				default:
					fmt.Fprintf(&b, "  # %s: # %s, to pages found in no folder, or in several\n", yamlString(id.id), diag.Plural(id.links, "link"))
				}
			}
		} else {
			b.WriteString("# gitbook_spaces:\n")
			fmt.Fprintf(&b, "#   <space id>: %s\n", c.Languages[len(c.Languages)-1].Dir)
		}
		writeAPISources(&b, apiSources(c))
		return b.Bytes()
	}

	b.WriteString("# One entry per language: a BCP 47 code, the name shown in the language\n")
	b.WriteString("# switcher and the content directory (a GitBook space of its own). The first\n")
	b.WriteString("# language is the default; pages are matched across languages by their path.\n")
	b.WriteString("languages:\n")
	for i, l := range c.Languages {
		writeChoice(&b, "  ", choices[i])
		fmt.Fprintf(&b, "  - code: %s\n", yamlString(l.Code))
		fmt.Fprintf(&b, "    name: %s\n", yamlString(l.Name))
		fmt.Fprintf(&b, "    dir: %s\n", yamlString(l.Dir))
		if i == 0 {
			continue
		}
		// A language titled otherwise than the site keeps its title; one
		// titled as the site takes site.yaml's.
		if t := titles[i]; t != "" && t != title {
			fmt.Fprintf(&b, "    title: %s\n", yamlString(t))
		}
		fmt.Fprintf(&b, "    # Show %s pages, with a notice, where this language has no translation.\n", def.Name)
		b.WriteString("    # fallback: true\n")
	}
	fmt.Fprintf(&b, "\n# Serve %s at the site root instead of under /%s/.\n", def.Name, def.Code)
	b.WriteString("# default_at_root: true\n")
	writeAPISources(&b, apiSources(c))
	return b.Bytes()
}

// writeChoice writes, as a comment, where init found a language that
// nothing configured.
func writeChoice(b *bytes.Buffer, indent string, ch langChoice) {
	switch ch.from {
	case "book.json":
		fmt.Fprintf(b, "%s# From book.json.\n", indent)
	case "text":
		fmt.Fprintf(b, "%s# Detected from the text of %d of %s: correct it if it is wrong.\n", indent, ch.det.Pages, diag.Plural(ch.det.Of, "page"))
	default:
		if ch.assumed {
			// Said as the detected one is (t47): a build no longer says
			// that it was assumed once site.yaml sets it.
			fmt.Fprintf(b, "%s# Assumed, as %s: correct it if it is wrong.\n", indent, ch.why())
		}
	}
}

// writeAPISources writes the openapi.sources of site.yaml, if any.
func writeAPISources(b *bytes.Buffer, sources []apiSource) {
	if len(sources) == 0 {
		return
	}
	b.WriteString("\n# The API blocks name OpenAPI specs by URL, and the repository holds them. A\n")
	b.WriteString("# spec whose URL starts with a prefix below is read from the folder (relative\n")
	b.WriteString("# to this file), the rest of the URL being its path there, instead of being\n")
	b.WriteString("# downloaded: the build then works offline, from the repository's copy.\n")
	b.WriteString("openapi:\n  sources:\n")
	for _, s := range sources {
		fmt.Fprintf(b, "    %s: %s\n", yamlString(s.prefix), yamlString(s.dir))
	}
}

// builtTitles returns, for each language of c, the title its build
// without site.yaml gives the site (internal/site's siteTitle): docs.yaml's
// title, else the book.json's (a LANGS.md book's language inherits the
// one at its top), else the home page's own title; "" where there is none.
// A home page titled "Introduction" keeps it: without repo_url, which only
// site.yaml gives, the build has no better name for the site.
func builtTitles(c *config.Config) []string {
	var top *content.Book
	if c.LangsBook {
		var ds []diag.Diagnostic // the build reports them
		top, _, _ = content.ReadBookFile(c.Dir, "book.json", &ds)
	}
	titles := make([]string, len(c.Languages))
	for i, l := range c.Languages {
		titles[i] = cmp.Or(c.Title, spaceTitle(c, l, top))
	}
	return titles
}

// spaceTitle is the title the build gives the site in the language l
// from its space: its book.json's title, over top's in a LANGS.md book,
// else its home page's own title, as internal/site's page.ownTitle gives
// it. The space is read as the build reads it (loadSpace), with the
// root and structure of .gitbook.yaml or book.json, and the home page is
// parsed as the build parses it, so that a setext or HTML heading counts.
func spaceTitle(c *config.Config, l config.Language, top *content.Book) string {
	sp, _, err := loadSpace(c.Dir, l)
	if err != nil {
		return "" // the build says what is wrong
	}
	defer sp.Close()
	book := sp.Book()
	if c.LangsBook {
		book = content.Inherit(top, book)
	}
	if book != nil && book.Title != "" {
		return book.Title
	}
	if sp.Readme == "" {
		return ""
	}
	var opts markdown.ParseOptions
	if book != nil || c.LangsBook || sp.HasBook() {
		// A HonKit book's page is templated as the build templates it:
		// its heading may be "# {{ book.product }} Guide".
		opts.Vars, opts.HonKitIDs = map[string]any{}, !sp.GitBookYAML
		if book != nil {
			opts.Config = book.Config
			if book.Variables != nil {
				opts.Vars = book.Variables
			}
		}
	}
	src, _, _ := sp.ReadText(sp.Readme)
	doc := markdown.New().ParseWith(sp.DiagPath(sp.Readme), src, opts)
	return cmp.Or(doc.Title, doc.Meta.Title, summaryLabel(sp, sp.Readme), pageName(c.Dir, sp.Readme))
}

// summaryLabel is the label of the first entry of the space's SUMMARY.md
// that leads to the page p, which titles a page without a heading; ""
// when none does. The entries are read as the build finds the first page
// of a space without README.md.
func summaryLabel(sp *content.Space, p string) string {
	if sp.Summary == nil {
		return ""
	}
	dir := path.Dir(sp.GitBook.Summary)
	for it := range sp.Summary.Items {
		dest, _, _ := strings.Cut(it.Target, "#")
		if dest == "" || links.IsExternal(dest) {
			continue
		}
		if u, err := url.PathUnescape(dest); err == nil {
			dest = u
		}
		if path.Join(dir, dest) == p {
			return cmp.Or(it.Label, it.Title)
		}
	}
	return ""
}

// pageName is the title the build gives a page that names itself no
// other way: its file's name, or its folder's for a README, the site's
// folder for the README at the space's top.
func pageName(siteDir, p string) string {
	name := strings.TrimSuffix(path.Base(p), path.Ext(p))
	if links.IsReadme(p) {
		name = path.Base(path.Dir(p))
	}
	if name == "." {
		name = filepath.Base(siteDir)
	}
	return name
}

// spaceFiles names the table of contents, the home page and the assets
// folder of c's single space, relative to the site, as the build finds
// them: .gitbook.yaml and book.json may move them (root) and rename the
// first two (structure).
func spaceFiles(c *config.Config) (summary, readme, assets string) {
	sp, _, err := loadSpace(c.Dir, c.Languages[0])
	if err != nil {
		return "SUMMARY.md", "README.md", ".gitbook/assets"
	}
	defer sp.Close()
	return sp.DiagPath(sp.GitBook.Summary), sp.DiagPath(cmp.Or(sp.Readme, sp.GitBook.Readme)), sp.DiagPath(".gitbook/assets")
}

// plainYAML is what may stay unquoted in YAML whatever the parser: letters,
// digits and a few inner punctuation marks.
var (
	plainYAML  = regexp.MustCompile(`^[\p{L}\p{N}][\p{L}\p{N} ._/()’'-]*$`)
	numberYAML = regexp.MustCompile(`^[0-9._-]+$`)
)

// yamlString writes s as a YAML scalar, quoted unless it is plain text that
// YAML 1.1 would not read as something else ("no", "on", "1.0").
func yamlString(s string) string {
	switch strings.ToLower(s) {
	case ".":
		return s
	case "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~":
		return fmt.Sprintf("%q", s)
	}
	if plainYAML.MatchString(s) && !numberYAML.MatchString(s) && !strings.HasSuffix(s, " ") {
		return s
	}
	// Go's quoting escapes are a subset of YAML's double-quoted ones.
	return fmt.Sprintf("%q", s)
}

// apiSource is an openapi.sources entry: a URL prefix read from a folder
// of the site.
type apiSource struct {
	prefix, dir string
}

// apiSources proposes openapi.sources for the remote specs of the site's
// API blocks (`{% openapi src="https://…" %}`, `{% swagger src=… %}`) that
// the repository holds: the longest tail of the URL's path that is a file
// of the site gives the prefix before it and the folder the file is in.
// One entry per prefix, sorted.
func apiSources(c *config.Config) []apiSource {
	urls := remoteSpecs(c)
	if len(urls) == 0 {
		return nil
	}
	files := siteFiles(c.Dir)
	sources := map[string]string{}
	for _, u := range urls {
		if local, ok := openapi.MapSource(sources, u); ok && files[path.Clean(local)] {
			continue // an earlier prefix already covers it
		}
		prefix, dir, ok := matchSpecFile(u, files)
		if !ok {
			continue
		}
		if _, taken := sources[prefix]; taken {
			continue // the prefix reads another folder for another spec
		}
		sources[prefix] = dir
	}
	out := make([]apiSource, 0, len(sources))
	for p, d := range sources {
		out = append(out, apiSource{p, d})
	}
	slices.SortFunc(out, func(a, b apiSource) int { return strings.Compare(a.prefix, b.prefix) })
	return out
}

// remoteSpecs returns the distinct http(s) specs that the openapi and
// swagger blocks of the site's pages name, sorted.
func remoteSpecs(c *config.Config) []string {
	conv := markdown.New()
	seen := map[string]bool{}
	for _, l := range c.Languages {
		sp, _, err := loadSpace(c.Dir, l)
		if err != nil {
			continue
		}
		for _, p := range sp.Files() {
			if !strings.EqualFold(path.Ext(p), ".md") {
				continue
			}
			src, _, ok := sp.ReadText(p)
			if !ok || !bytes.Contains(src, []byte("{%")) || !bytes.Contains(src, []byte("openapi")) && !bytes.Contains(src, []byte("swagger")) {
				continue
			}
			for _, a := range conv.Parse(p, src).APIBlocks() {
				if a.Tag.Name != "openapi" && a.Tag.Name != "swagger" {
					continue
				}
				if u := a.Get("src"); strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
					seen[u] = true
				}
			}
		}
		_ = sp.Close()
	}
	return slices.Sorted(maps.Keys(seen))
}

// siteFiles returns the regular files under the site directory, as slash
// paths relative to it, leaving out version control and dependencies.
func siteFiles(dir string) map[string]bool {
	files := map[string]bool{}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			switch d.Name() {
			case ".git", ".hg", ".svn", "node_modules":
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if rel, err := filepath.Rel(dir, p); err == nil {
			files[filepath.ToSlash(rel)] = true
		}
		return nil
	})
	return files
}

// matchSpecFile finds the file of the site whose path ends in the longest
// tail of the URL's path (whole segments, at least the file name). It
// returns the URL up to that tail and the folder holding the rest; false
// when no file matches, or when two match equally well.
func matchSpecFile(rawURL string, files map[string]bool) (prefix, dir string, ok bool) {
	u := rawURL
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	scheme := strings.Index(u, "://")
	if scheme < 0 {
		return "", "", false
	}
	slash := strings.IndexByte(u[scheme+3:], '/')
	if slash < 0 {
		return "", "", false
	}
	pathStart := scheme + 3 + slash + 1 // after the path's leading slash
	segs := strings.Split(u[pathStart:], "/")
	if segs[len(segs)-1] == "" {
		return "", "", false
	}
	best, bestN, tie := "", 0, false
	for f := range files {
		parts := strings.Split(f, "/")
		n := 0
		for n < len(parts) && n < len(segs) && parts[len(parts)-1-n] == segs[len(segs)-1-n] {
			n++
		}
		switch {
		case n == 0:
		case n > bestN:
			best, bestN, tie = f, n, false
		case n == bestN:
			tie = true
		}
	}
	if bestN == 0 || tie {
		return "", "", false
	}
	tail := strings.Join(segs[len(segs)-bestN:], "/")
	prefix = u[:len(u)-len(tail)]
	dir = strings.TrimSuffix(best, tail)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		dir = "."
	}
	return prefix, dir, true
}

// spaceID is a GitBook space id that the pages link to, with the content
// folder that holds the pages its links name.
type spaceID struct {
	id           string
	links, found int
	dir          string // "" when no folder, or several, hold them
}

// gitbookAddressRe finds the addresses of GitBook's app in a page's text,
// which links.ParseSpaceLink reads as the build does.
var gitbookAddressRe = regexp.MustCompile(`https?://app\.gitbook\.com/[^\s)"'<>\]]*`)

// spaceIDs lists, in order, the ids of the GitBook spaces the pages of c
// link to that docs.yaml does not give as keys, each with the one folder
// of c's languages where the pages its links name are, if there is one:
// a site of sections built from GitBook links its spaces by id.
func spaceIDs(c *config.Config) []spaceID {
	paths := map[string][]string{} // the page paths each id's links name
	for _, l := range c.Languages {
		root := filepath.Join(c.Dir, filepath.FromSlash(l.Dir))
		_ = filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if e.IsDir() {
				if p != root && (strings.HasPrefix(e.Name(), ".") || slices.ContainsFunc(c.Languages, func(o config.Language) bool {
					return filepath.Join(c.Dir, filepath.FromSlash(o.Dir)) == p
				})) {
					return filepath.SkipDir // hidden, or another space's
				}
				return nil
			}
			if !strings.EqualFold(filepath.Ext(p), ".md") {
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil
			}
			for _, m := range gitbookAddressRe.FindAll(b, -1) {
				if sl, ok := links.ParseSpaceLink(string(m)); ok && sl.Space != "" && !sl.Local {
					paths[sl.Space] = append(paths[sl.Space], sl.Path)
				}
			}
			return nil
		})
	}
	var out []spaceID
	for _, id := range slices.Sorted(maps.Keys(paths)) {
		if _, ok := c.SpaceDirs[id]; ok {
			continue // a docs.yaml key: mapped already
		}
		s := spaceID{id: id, links: len(paths[id])}
		for _, l := range c.Languages {
			found := 0
			for _, p := range paths[id] {
				base := filepath.Join(c.Dir, filepath.FromSlash(l.Dir), filepath.FromSlash(p))
				if p == "" || fileExists(base+".md") || fileExists(filepath.Join(base, "README.md")) {
					found++
				}
			}
			switch {
			case found > s.found:
				s.found, s.dir = found, l.Dir
			case found == s.found && found > 0:
				s.dir = "" // as many in two folders: no telling
			}
		}
		out = append(out, s)
	}
	return out
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// loadSpace reads a space as the build reads it. folio init is over in
// moments, and Ctrl-C ends it: the git that content.Load may run for the
// files git tracks although ignored needs no context of its own.
func loadSpace(dir string, l config.Language) (*content.Space, []diag.Diagnostic, error) {
	return content.Load(context.Background(), dir, l)
}
