// Package themes embeds the themes that ship with folio.
//
// fs.Sub(Default, "default") is the default theme: templates/, static/ and
// i18n/. Package internal/theme loads it and lets a site override it file by
// file.
package themes

import "embed"

// Default holds the default theme under the directory "default".
//
//go:embed default
var Default embed.FS

// Minified holds the default theme's static files and templates as folio
// build minifies them, under "minified/default", with the SHA-256 of each
// source file in "minified/default/SUMS". A build uses these rather than
// minifying the same files again, as long as the sums match the sources.
// `go test ./themes -update` writes them.
//
//go:embed minified
var Minified embed.FS
