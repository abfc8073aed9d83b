package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"folio/internal/linkcheck"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"folio/internal/diag"
	"folio/internal/site"
)

type checkOpts struct {
	strict, translations, external, compat, offline bool
	format, cache, skip                             string
}

func checkFlags(w io.Writer) (*flag.FlagSet, *checkOpts) {
	o := &checkOpts{}
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(w)
	fs.BoolVar(&o.strict, "strict", false, "exit 1 on warnings too, not only on errors")
	fs.BoolVar(&o.translations, "translations", false, "list, for each language, the pages of the default language it has no translation of, and the translations older than their original (from git)")
	fs.BoolVar(&o.compat, "compat", false, "list every GitBook construct the site uses, with counts, and what folio does not support")
	fs.BoolVar(&o.external, "external", false, "also check links to other sites (HTTP, cached; never needed to build)")
	fs.StringVar(&o.cache, "external-cache", defaultLinkCache(), "`file` caching external link results between runs (\"\" for none)")
	fs.StringVar(&o.skip, "external-skip", "", "comma-separated `hosts` not to check, e.g. localhost,*.internal.example.org")
	fs.BoolVar(&o.offline, "offline", false, offlineUsage)
	fs.StringVar(&o.format, "format", "text", "`format` of the report: text (path:line:col: severity: message [rule]), json, github (annotations on pull requests) or junit")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: folio check [flags] [DIR]\n\nReports every problem that folio build would find in the site in DIR, without writing anything.\n"+
			"Remote API specs are downloaded once into the user cache, as folio build does, unless --offline.\nExit codes: 0 no errors; 1 errors (or warnings, with --strict); 2 bad usage.\n\nFlags:\n")
		printFlags(fs.Output(), fs)
	}
	return fs, o
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, o := checkFlags(stderr)
	dir, code, ok := parseDir(fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if !slices.Contains(diag.Formats, o.format) {
		fmt.Fprintf(stderr, "folio check: --format %q: want one of %s\n", o.format, strings.Join(diag.Formats, ", "))
		return exitUsage
	}
	var skip []string
	for _, h := range strings.Split(o.skip, ",") {
		if h = strings.TrimSpace(h); h == "" {
			continue
		}
		if err := linkcheck.ValidPattern(h); err != nil {
			fmt.Fprintf(stderr, "folio check: --external-skip: %v\n", err)
			return exitUsage
		}
		skip = append(skip, h)
	}
	res, err := site.Check(ctx, site.Options{Dir: dir, External: o.external, Offline: o.offline, Translations: o.translations})
	if stop := (*site.StopError)(nil); errors.As(err, &stop) {
		// The report says why in the format asked for: a CI's
		// annotation on site.yaml's line, a JUnit file that is one.
		if o.format == "github" {
			prefixPaths(stop.Diags, dir)
		}
		if err := diag.WriteFormat(stdout, o.format, stop.Diags, nil, o.format == "text" && colour(stdout)); err != nil {
			fmt.Fprintf(stderr, "folio: error: %v\n", err)
		}
		fmt.Fprintln(stderr, "folio: error: the configuration has an error that stops the check; nothing was checked")
		return exitFail
	}
	if err != nil {
		fmt.Fprintf(stderr, "folio: error: %v\n", err)
		return exitFail
	}
	if o.external {
		ds, err := checkExternal(ctx, res.External, linkcheck.Options{CacheFile: o.cache, Skip: skip})
		if err != nil && ctx.Err() != nil {
			fmt.Fprintln(stderr, "folio: interrupted")
			return exitFail
		}
		if err != nil {
			fmt.Fprintf(stderr, "folio: warning: %v\n", err)
		}
		res.Diags = append(res.Diags, ds...)
		slices.SortFunc(res.Diags, diag.Compare)
	}
	if o.format == "github" {
		// Annotations name files from the repository root, where CI runs:
		// diagnostics name them from the site.
		prefixPaths(res.Diags, dir)
	}
	files := slices.Sorted(maps.Keys(res.Pages))
	if err := diag.WriteFormat(stdout, o.format, res.Diags, files, o.format == "text" && colour(stdout)); err != nil {
		fmt.Fprintf(stderr, "folio: error: %v\n", err)
		return exitFail
	}
	if o.compat && o.format == "text" {
		names := slices.Sorted(maps.Keys(res.Stats.Constructs))
		fmt.Fprintln(stdout, "GitBook constructs used:")
		for _, n := range names {
			fmt.Fprintf(stdout, "  %-20s %d\n", n, res.Stats.Constructs[n])
		}
		var un []diag.Diagnostic
		for _, d := range res.Diags {
			if d.Rule == "unsupported" {
				un = append(un, d)
			}
		}
		fmt.Fprintf(stdout, "Not supported: %d\n", len(un))
		for _, d := range un {
			fmt.Fprintf(stdout, "  %s\n", d)
		}
	}
	if o.translations && o.format == "text" {
		for _, u := range res.Stats.Untranslated {
			paths := res.Untranslated[u.Code]
			fmt.Fprintf(stdout, "%s: %s untranslated\n", u.Code, diag.Plural(len(paths), "page"))
			for _, p := range paths {
				fmt.Fprintf(stdout, "  %s\n", p)
			}
		}
		printOutdated(stdout, res)
	}
	errs, warns := diag.Count(res.Diags, diag.Error), diag.Count(res.Diags, diag.Warning)
	fmt.Fprintf(stderr, "checked %s in %s: %s, %s\n", diag.Plural(res.Stats.Pages, "page"),
		res.Stats.Elapsed.Round(time.Millisecond), diag.Plural(warns, "warning"), diag.Plural(errs, "error"))
	if errs > 0 || o.strict && warns > 0 {
		return exitFail
	}
	return exitOK
}

// printOutdated lists, for each language but the default, the
// translations whose original changed after them: both commits, and how
// many lines of the original changed since.
func printOutdated(w io.Writer, res *site.Result) {
	for _, u := range res.Stats.Untranslated {
		var list []site.OutdatedTranslation
		for _, o := range res.Outdated {
			if o.Lang == u.Code {
				list = append(list, o)
			}
		}
		if res.OutdatedUnknown {
			// Not none: they cannot be known (t100: "0 translations
			// outdated").
			fmt.Fprintf(w, "%s: outdated translations unknown: no git history\n", u.Code)
			continue
		}
		fmt.Fprintf(w, "%s: %s outdated\n", u.Code, diag.Plural(len(list), "translation"))
		for _, o := range list {
			since := o.Since + " (its last change)"
			if o.FromMeta {
				since = o.Since + " (its translated_from)"
			}
			size := ""
			switch {
			case o.Measured && o.Binary:
				size = ": not text"
			case o.Measured:
				size = fmt.Sprintf(": +%d -%d lines since", o.Insertions, o.Deletions)
			}
			fmt.Fprintf(w, "  %s: %s changed in %s on %s, after %s%s\n", o.Path, o.Original, o.OriginalCommit,
				o.OriginalDate.Format(time.DateOnly), since, size)
		}
	}
}

// checkExternal requests every external link once and reports, at each
// place it is written, the links that do not answer well. They are
// warnings: a site far away may be down for a moment, and --strict still
// fails on them.
func checkExternal(ctx context.Context, ls []site.Link, opts linkcheck.Options) ([]diag.Diagnostic, error) {
	urls := make([]string, len(ls))
	for i, l := range ls {
		urls[i] = l.URL
	}
	results, err := linkcheck.Check(ctx, urls, opts)
	var ds []diag.Diagnostic
	for _, l := range ls {
		r := results[l.URL]
		if r.Skipped || r.OK() {
			continue
		}
		d := l.At
		d.Severity, d.Rule, d.Msg = diag.Warning, "link-external", "external link "+l.URL+": "+r.Problem()
		ds = append(ds, d)
	}
	return ds, err
}

// defaultLinkCache is where external link results are kept between runs.
func defaultLinkCache() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "folio", "links.json")
}

// prefixPaths makes the diagnostics' paths relative to the current
// directory instead of the site directory dir.
func prefixPaths(ds []diag.Diagnostic, dir string) {
	cwd, err := os.Getwd()
	if err != nil {
		return
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return
	}
	rel, err := filepath.Rel(cwd, abs)
	if err != nil || rel == "." {
		return
	}
	for i := range ds {
		ds[i].Path = filepath.ToSlash(filepath.Join(rel, filepath.FromSlash(ds[i].Path)))
	}
}
