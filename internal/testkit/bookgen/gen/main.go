// Command gen writes the big generated book that the scale benchmarks
// build (see package bookgen):
//
//	go run ./internal/testkit/bookgen/gen -out /tmp/bigbook
//	../shared/bench/vs-hugo /tmp/bigbook
package main

import (
	"flag"
	"fmt"
	"os"

	"folio/internal/testkit/bookgen"
)

func main() {
	o := bookgen.Default
	out := flag.String("out", "", "folder to write the book into (must not exist)")
	flag.IntVar(&o.Langs, "langs", o.Langs, "languages")
	flag.IntVar(&o.Pages, "pages", o.Pages, "pages per language")
	flag.IntVar(&o.Images, "images", o.Images, "images per language")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: gen -out DIR [-langs N] [-pages N] [-images N]")
		os.Exit(2)
	}
	if _, err := os.Stat(*out); err == nil {
		fmt.Fprintf(os.Stderr, "gen: %s exists; remove it first\n", *out)
		os.Exit(1)
	}
	if err := bookgen.Generate(*out, o); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
