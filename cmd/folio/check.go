package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"folio/internal/build"
	"folio/internal/diag"
)

type checkOpts struct {
	strict, translations bool
	format               string
}

func checkFlags(w io.Writer) (*flag.FlagSet, *checkOpts) {
	o := &checkOpts{}
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.SetOutput(w)
	fs.BoolVar(&o.strict, "strict", false, "exit 1 on warnings too, not only on errors")
	fs.BoolVar(&o.translations, "translations", false, "list, for each language, the pages of the default language it has no translation of")
	fs.StringVar(&o.format, "format", "text", "`format` of the report: text (path:line:col: severity: message [rule]), json, github (annotations on pull requests) or junit")
	fs.Usage = func() {
		fmt.Fprint(w, "Usage: folio check [flags] [DIR]\n\nReports every problem that folio build would find in the site in DIR, without writing anything.\nExit codes: 0 no errors; 1 errors (or warnings, with --strict); 2 bad usage.\n\nFlags:\n")
		printFlags(w, fs)
	}
	return fs, o
}

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs, o := checkFlags(stderr)
	pos, err := parseInterleaved(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if len(pos) > 1 {
		fmt.Fprintf(stderr, "folio check: one directory at most, got %s\n", strings.Join(pos, " "))
		return exitUsage
	}
	if !slices.Contains(diag.Formats, o.format) {
		fmt.Fprintf(stderr, "folio check: --format %q: want one of %s\n", o.format, strings.Join(diag.Formats, ", "))
		return exitUsage
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	res, err := build.Build(ctx, build.Options{Dir: dir, Check: true})
	if err != nil {
		fmt.Fprintf(stderr, "folio: error: %v\n", err)
		return exitFail
	}
	files := slices.Sorted(maps.Keys(res.Pages))
	if err := diag.WriteFormat(stdout, o.format, res.Diags, files, o.format == "text" && isTerminal(stdout)); err != nil {
		fmt.Fprintf(stderr, "folio: error: %v\n", err)
		return exitFail
	}
	if o.translations && o.format == "text" {
		for _, u := range res.Stats.Untranslated {
			paths := res.Untranslated[u.Code]
			fmt.Fprintf(stdout, "%s: %s untranslated\n", u.Code, plural(len(paths), "page"))
			for _, p := range paths {
				fmt.Fprintf(stdout, "  %s\n", p)
			}
		}
	}
	errs, warns := diag.Count(res.Diags, diag.Error), diag.Count(res.Diags, diag.Warning)
	fmt.Fprintf(stderr, "checked %s in %s: %s, %s\n", plural(res.Stats.Pages, "page"),
		res.Stats.Elapsed.Round(time.Millisecond), plural(warns, "warning"), plural(errs, "error"))
	if errs > 0 || o.strict && warns > 0 {
		return exitFail
	}
	return exitOK
}
