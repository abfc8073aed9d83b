package themes

import _ "embed"

// BeautifulMermaid is the beautiful-mermaid renderer (and the elkjs and
// entities packages it uses) bundled into one script, which package
// internal/diagram runs in goja to draw Mermaid diagrams at build time.
// vendor/beautiful-mermaid/build.sh makes it; README.md there says what it
// holds and under which licences.
//
//go:embed vendor/beautiful-mermaid/beautiful-mermaid.js
var BeautifulMermaid string

// Mermaid is the official mermaid package's single-file browser script
// (an IIFE defining the global mermaid). A build publishes it as
// _folio/mermaid.min.js for the pages whose diagrams folio does not draw;
// vendor/mermaid/README.md says which version and under which licence.
//
//go:embed vendor/mermaid/mermaid.min.js
var Mermaid []byte
