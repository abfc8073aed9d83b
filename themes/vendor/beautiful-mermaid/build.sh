#!/bin/sh
# Rebuilds beautiful-mermaid.js, the one-file bundle internal/diagram runs in
# goja, and copies the licences of everything in it. Needs node and npm.
# After running it, bump rendererVersion in internal/diagram (the cache key)
# and run `go test ./internal/diagram -update` to refresh the golden files.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund beautiful-mermaid@1.1.3 esbuild@0.28.2 >/dev/null
echo "export { renderMermaidSVG } from 'beautiful-mermaid'" >entry.js
# One fix to the package (multi-line notes); fix-notes.js says which.
node "$here/fix-notes.js" node_modules/beautiful-mermaid/dist/index.js

# es2017: goja lacks some newer syntax. esbuild drops the packages' own
# comments, so the banner carries their copyright notices.
banner='/*! beautiful-mermaid 1.1.3 (with fix-notes.js), Copyright (c) 2026 Craft Docs, MIT licence (LICENSE).
 * elkjs 0.11.1, Copyright (c) 2017 Kiel University and others, Eclipse Public
 * License 2.0 (LICENSE.elkjs.md), SPDX-License-Identifier: EPL-2.0; source:
 * https://github.com/kieler/elkjs and https://github.com/eclipse/elk.
 * entities 7.0.1, Copyright (c) Felix Böhm, BSD-2-Clause (LICENSE.entities).
 * Bundled for folio by themes/vendor/beautiful-mermaid/build.sh. */'
npx esbuild entry.js --bundle --format=iife --global-name=beautifulMermaid \
	--target=es2017 --legal-comments=inline --banner:js="$banner" \
	--outfile="$here/beautiful-mermaid.js"
cp node_modules/beautiful-mermaid/LICENSE "$here/LICENSE"
cp node_modules/elkjs/LICENSE.md "$here/LICENSE.elkjs.md"
cp node_modules/entities/LICENSE "$here/LICENSE.entities"
