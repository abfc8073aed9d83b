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
