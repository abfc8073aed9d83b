// Command folio builds static documentation sites from GitBook
// repositories. See `folio help`.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"folio/cmd/folio/internal/heapfloor"
	// For their inits, which run before the packages that allocate at start-up.
	_ "folio/cmd/folio/internal/earlyfloor"
	_ "folio/cmd/folio/internal/hugeheap"
	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/site"
)

func main() {
	heapfloor.Set()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	stopProfile := startProfile()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	stop()
	os.Exit(code)
}

const usage = `folio turns a GitBook repository into a static website.

Usage:
  folio build [flags] [DIR]   build the site in DIR (default: the current directory)
  folio check [flags] [DIR]   report every problem a build would find, writing nothing
  folio serve [flags] [DIR]   preview the site on http://127.0.0.1:4000/, rebuilding on every change
  folio init [flags] [DIR]    write a site.yaml describing the GitBook repository in DIR
  folio version               print folio's version
  folio help [COMMAND]        show this help, or a command's flags

DIR is a site directory holding site.yaml, or a bare GitBook or HonKit
repository (with .gitbook.yaml, docs.yaml, book.json, LANGS.md, SUMMARY.md
or README.md).

Exit codes: 0 done; 1 failed: a build that could not write the site or,
under --strict, found errors; a check that found errors, or under --strict
warnings; 2 bad usage.
`

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

const versionUsage = "Usage: folio version\n\nPrints folio's version.\n"

// run is main without the process: it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch cmd, rest := args[0], args[1:]; cmd {
	case "build":
		return runBuild(ctx, rest, stdout, stderr)
	case "check":
		return runCheck(ctx, rest, stdout, stderr)
	case "serve":
		return runServe(ctx, rest, stdout, stderr)
	case "init":
		return runInit(ctx, rest, stdout, stderr)
	case "version", "--version", "-version":
		if len(rest) == 1 && (rest[0] == "--help" || rest[0] == "-h" || rest[0] == "-help") {
			fmt.Fprint(stdout, versionUsage)
			return exitOK
		}
		if len(rest) > 0 {
			fmt.Fprintf(stderr, "folio: version takes no arguments\n")
			return exitUsage
		}
		fmt.Fprintf(stdout, "folio %s\n", site.Version)
		return exitOK
	case "help", "-h", "-help", "--help":
		if len(rest) == 0 {
			fmt.Fprint(stdout, usage)
			return exitOK
		}
		var fs *flag.FlagSet
		switch rest[0] {
		case "build":
			fs, _ = buildFlags(stdout)
		case "check":
			fs, _ = checkFlags(stdout)
		case "serve":
			fs, _ = serveFlags(stdout)
		case "init":
			fs, _ = initFlags(stdout)
		case "version":
			fmt.Fprint(stdout, versionUsage)
			return exitOK
		case "help", "-h", "-help", "--help": // folio help -h (t92)
			fmt.Fprint(stdout, usage)
			return exitOK
		default:
			fmt.Fprintf(stderr, "folio: no help for %q: not a command\n\n%s", rest[0], usage)
			return exitUsage
		}
		fs.Usage()
		return exitOK
	default:
		fmt.Fprintf(stderr, "folio: unknown command %q\n\n%s", cmd, usage)
		return exitUsage
	}
}

type buildOpts struct {
	out, baseURL, review             string
	strict, noMinify, quiet, offline bool
}

func buildFlags(w io.Writer) (*flag.FlagSet, *buildOpts) {
	o := &buildOpts{}
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(w)
	fs.StringVar(&o.out, "out", "", "output `directory` (default: site.yaml's out, else public/ in DIR); replaced whole; inside the content, it is not read as content")
	fs.StringVar(&o.baseURL, "base-url", "", "absolute `URL` the site is published at, e.g. https://example.org/docs/ (canonical links, sitemap)")
	fs.BoolVar(&o.strict, "strict", false, "exit 1 on any error diagnostic, and keep the previous output")
	fs.BoolVar(&o.noMinify, "no-minify", false, "write HTML, CSS and JS as they are, not minified")
	fs.BoolVar(&o.quiet, "quiet", false, "print errors only: no warnings, progress or summary")
	fs.BoolVar(&o.offline, "offline", false, offlineUsage)
	fs.StringVar(&o.review, "review", "", reviewUsage)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: folio build [flags] [DIR]\n\nBuilds the site in DIR (default: the current directory) into the output directory.\n"+
			"An API block whose spec is a URL that site.yaml's openapi.sources does not map to a folder\n"+
			"downloads it once into the user cache, unless --offline.\n\nFlags:\n")
		printFlags(fs.Output(), fs)
	}
	return fs, o
}

// reviewUsage describes --review, which build and serve share.
const reviewUsage = "review mode: mark what changed since `REF` (a tag, branch or commit; the site must be in a git work tree), with an index at /<lang>/_review/; overrides site.yaml's review: since"

// offlineUsage describes --offline, which build, check and serve share.
const offlineUsage = "never download a remote OpenAPI spec: an API block whose spec is neither mapped by openapi.sources nor cached shows its link, with a warning"

// printFlags lists flags in the double-dash form users type.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		if name != "" {
			name = " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" {
			usage += " (default " + f.DefValue + ")" // t100: the guide gave them, help did not
		}
		fmt.Fprintf(w, "  --%s%s\n      %s\n", f.Name, name, usage)
	})
}

// parseDir parses a command's flags and its optional DIR argument
// (default "."). When it returns false the command must exit with code.
func parseDir(fs *flag.FlagSet, args []string, stdout, stderr io.Writer) (dir string, code int, ok bool) {
	pos, err := parseInterleaved(fs, args, stdout)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return "", exitOK, false
		}
		return "", exitUsage, false
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "folio %s: one directory at most, got %s\n", fs.Name(), strings.Join(pos, " "))
		return "", exitUsage, false
	}
	empty := ""
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "out" && f.Value.String() == "" {
			empty = f.Name
		}
	})
	if empty != "" {
		// --out "$OUT" with OUT unset, in a CI job (t63): not public/.
		fmt.Fprintf(stderr, "folio %s: --%s is empty: give a directory, or leave the flag out\n", fs.Name(), empty)
		return "", exitUsage, false
	}
	if len(pos) == 1 {
		return pos[0], 0, true
	}
	if q := fs.Lookup("quiet"); q != nil && q.Value.String() == "true" {
		return ".", 0, true // errors only (t100: the note was printed)
	}
	if above := siteAbove("."); above != "" {
		fmt.Fprintf(stderr, "folio: note: no %s here, but %s has one: this folder is taken as a site of its own (give the site's folder as DIR)\n", config.FileName, above)
	}
	return ".", 0, true
}

// siteAbove returns the nearest folder above dir that holds a site.yaml,
// relative to dir ("..", "../.."), within the git work tree that holds
// dir if any; "" when dir has its own or none is found. Run from a
// subfolder of a site, folio would build that subfolder alone.
func siteAbove(dir string) string {
	if _, err := os.Stat(filepath.Join(dir, config.FileName)); err == nil {
		return ""
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	rel := "."
	for i := 0; i < 8; i++ {
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			return "" // the top of the repository
		}
		parent := filepath.Dir(abs)
		if parent == abs {
			return ""
		}
		abs, rel = parent, filepath.Join(rel, "..")
		if _, err := os.Stat(filepath.Join(abs, config.FileName)); err == nil {
			return rel
		}
	}
	return ""
}

// parseInterleaved parses flags that may come before or after the
// positional arguments, as users type them; after "--", every argument is
// positional, as in other commands.
func parseInterleaved(fs *flag.FlagSet, args []string, help io.Writer) ([]string, error) {
	if err := flagAsValue(fs, args); err != nil {
		fmt.Fprintf(fs.Output(), "folio %s: %v\n", fs.Name(), err)
		return nil, err
	}
	var pos []string
	for {
		if err := parseQuiet(fs, args, help); err != nil {
			return nil, err
		}
		if read := len(args) - fs.NArg(); read > 0 && args[read-1] == "--" && !(read > 1 && takesValue(fs, args[read-2])) {
			return append(pos, fs.Args()...), nil
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseQuiet is fs.Parse, which prints the usage text after a mistake:
// a mistake is told on one line, in the words the user typed (--nope, not
// -nope) and with the command to see the flags (t47); -h prints the usage
// on help.
func parseQuiet(fs *flag.FlagSet, args []string, help io.Writer) error {
	out, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	switch {
	case err == nil:
		return nil
	case errors.Is(err, flag.ErrHelp):
		// Asked for: on standard output, as folio help prints it (t91:
		// folio build -h | less showed nothing).
		fs.SetOutput(help)
		fs.Usage()
		fs.SetOutput(out)
		return err
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		msg = "unknown flag " + typed(args, name)
	} else if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		msg = typed(args, name) + " needs a value"
	} else {
		// invalid value "x" for flag -port, invalid boolean value "maybe"
		// for -strict.
		msg = strings.Replace(strings.Replace(msg, " for flag -", " for -", 1), " for -", " for --", 1)
		msg = strings.TrimSuffix(msg, ": parse error") // Go's words, which say nothing more (t50)
	}
	fmt.Fprintf(out, "folio %s: %s (folio %s -h lists the flags)\n", fs.Name(), msg, fs.Name())
	return err
}

// typed returns the flag called name as args hold it, -name or --name
// (with its value, if written with =, cut off).
func typed(args []string, name string) string {
	for _, a := range args {
		if a == "--" {
			break
		}
		if flag, _, _ := strings.Cut(a, "="); flag == "-"+name || flag == "--"+name {
			return flag
		}
	}
	return "--" + name
}

// flagAsValue reports a flag that takes a value followed by another of
// the command's flags (`--out --strict`), which the flag package would
// take as the value: a slip that would write the site into a folder
// named "--strict" and drop the flag. --out=--strict still means it.
func flagAsValue(fs *flag.FlagSet, args []string) error {
	for i := 0; i+1 < len(args); i++ {
		if args[i] == "--" {
			return nil
		}
		if !takesValue(fs, args[i]) {
			continue
		}
		next := args[i+1]
		name, _, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(next, "-"), "-"), "=")
		if strings.HasPrefix(next, "-") && (fs.Lookup(name) != nil || name == "help" || name == "h") {
			return fmt.Errorf("%s needs a value, but is followed by the flag %s (write %s=%s if that is the value)", args[i], next, args[i], next)
		}
		i++ // the value
	}
	return nil
}

// baseURLOK reports whether the --base-url given to command is one, and
// says why not: a wrong value of a flag is a usage error, as a port out
// of range is.
func baseURLOK(command, u string, stderr io.Writer) bool {
	if u == "" {
		return true
	}
	if _, err := config.NormalizeBaseURL(u); err != nil {
		fmt.Fprintf(stderr, "folio %s: --base-url: %v\n", command, err)
		return false
	}
	return true
}

// takesValue reports whether arg is a flag of fs whose value is the next
// argument (--out, not --out=x nor --strict): a "--" after it is its value.
func takesValue(fs *flag.FlagSet, arg string) bool {
	name := strings.TrimPrefix(strings.TrimPrefix(arg, "-"), "-")
	if !strings.HasPrefix(arg, "-") || strings.Contains(name, "=") {
		return false
	}
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	b, isBool := f.Value.(interface{ IsBoolFlag() bool })
	return !isBool || !b.IsBoolFlag()
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, o := buildFlags(stderr)
	dir, code, ok := parseDir(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if !baseURLOK("build", o.baseURL, stderr) {
		return exitUsage
	}
	opts := site.Options{Dir: dir, Out: o.out, BaseURL: o.baseURL, NoMinify: o.noMinify, Strict: o.strict, Offline: o.offline, Review: o.review}
	var prog *progress
	if !o.quiet && isTerminal(stderr) && os.Getenv("TERM") != "dumb" {
		prog = &progress{w: stderr}
		opts.Progress = prog.update
	}
	res, err := site.Build(ctx, opts)
	prog.clear()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintln(stderr, "folio: interrupted; the output folder was not touched")
			return exitFail
		}
		fmt.Fprintf(stderr, "folio: error: %v\n", err)
		return exitFail
	}
	for _, d := range res.Diags {
		if o.quiet && d.Severity < diag.Error {
			continue
		}
		fmt.Fprintln(stderr, d.String())
	}
	errs, warns := diag.Count(res.Diags, diag.Error), diag.Count(res.Diags, diag.Warning)
	if !o.quiet {
		st := res.Stats
		langs := diag.Plural(st.Languages, "language")
		if st.Sections > 1 {
			langs += " in " + diag.Plural(st.Sections, "section")
		}
		fmt.Fprintf(stderr, "%s, %s, %s, %s, %s, %s in %s",
			diag.Plural(st.Pages, "page"), langs, diag.Plural(st.Assets, "asset")+" copied",
			diag.Plural(st.Unpublished, "Markdown file")+" not published", diag.Plural(warns, "warning"), diag.Plural(errs, "error"),
			st.Elapsed.Round(time.Millisecond))
		for _, u := range st.Untranslated {
			if u.N > 0 {
				fmt.Fprintf(stderr, "; %s untranslated (%s)", diag.Plural(u.N, "page"), u.Code)
			}
		}
		switch _, err := os.Stat(res.Out); {
		case res.Written:
			fmt.Fprintf(stderr, " → %s\n", res.Out)
		case err != nil:
			fmt.Fprintf(stderr, "; --strict: nothing written to %s\n", res.Out)
		default:
			fmt.Fprintf(stderr, "; --strict: %s left unchanged\n", res.Out)
		}
		fmt.Fprintln(stderr, compatLine(st.Constructs, res.Diags))
		if line := languageLine(st.Language); line != "" {
			fmt.Fprintln(stderr, line)
		}
	}
	if o.strict && errs > 0 {
		return exitFail
	}
	return exitOK
}

// colour reports whether diagnostics written to w are coloured: on a
// terminal, unless the reader asks for none (NO_COLOR, no-color.org) or
// the terminal cannot show it.
func colour(w io.Writer) bool {
	return isTerminal(w) && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// progress prints a one-line counter on a terminal, at most ten times a
// second.
type progress struct {
	mu    sync.Mutex
	w     io.Writer
	last  time.Time
	shown bool
}

func (p *progress) update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < 100*time.Millisecond && done != total {
		return
	}
	p.last = time.Now()
	p.shown = true
	fmt.Fprintf(p.w, "\rrendering %d/%d pages", done, total)
}

func (p *progress) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// compatLine sums up the GitBook constructs the site uses and how many of
// them folio does not support (see folio check --compat).
func compatLine(constructs map[string]int, ds []diag.Diagnostic) string {
	total := 0
	for _, n := range constructs {
		total += n
	}
	unsupported := 0
	for _, d := range ds {
		if d.Rule == "unsupported" {
			unsupported++
		}
	}
	return fmt.Sprintf("GitBook constructs: %d used, of %d kinds; %d unsupported (folio check --compat lists them)",
		total, len(constructs), unsupported)
}

// detectedFrom says how many pages a detected language was read in: of
// is the number of pages with enough text to tell, which may be fewer
// than the site's (a page of links and images says nothing).
func detectedFrom(pages, of int) string {
	if pages == of {
		return "the text of the " + diag.Plural(of, "page") + " with enough text to tell"
	}
	return fmt.Sprintf("the text of %d of the %d pages with enough text to tell", pages, of)
}

// scriptFrom says which pages' script gave a site's language.
func scriptFrom(pages, of int) string {
	if of == 1 {
		return "the page"
	}
	if pages == of {
		return "the " + diag.Plural(of, "page")
	}
	return fmt.Sprintf("%d of the %d pages", pages, of)
}

// languageLine says which language folio took for a site that configures
// none, and how, so that a wrong guess is seen; "" when configured.
func languageLine(c *site.LanguageChoice) string {
	switch {
	case c == nil:
		return ""
	case c.From == "book.json":
		return fmt.Sprintf("language: %s, from book.json", c.Code)
	case c.From == "text":
		return fmt.Sprintf("language: %s, detected from %s (set language in site.yaml to keep it; folio init writes it)", c.Code, detectedFrom(c.Pages, c.Of))
	case c.From == "script":
		return fmt.Sprintf("language: %s, from the script of %s, too short to tell more (set language in site.yaml)", c.Code, scriptFrom(c.Pages, c.Of))
	case c.Of == 0:
		return fmt.Sprintf("language: %s, assumed: the pages have too little text to tell (set language in site.yaml)", c.Code)
	default:
		return fmt.Sprintf("language: %s, assumed: no language is in a clear majority of the pages (set language in site.yaml)", c.Code)
	}
}
