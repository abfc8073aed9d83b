package diag

import "slices"

// rules names every diagnostic's rule, in order: the names a site.yaml
// ignore entry may give, each described in the guide's checking.md (a
// test keeps the three in step).
var rules = []string{
	"api-operation", "api-ref", "api-spec", "api-spec-invalid", "api-spec-name",
	"api-spec-remote", "asset-reserved", "binary-file", "block-conditional",
	"block-include", "block-integration", "block-malformed", "block-misplaced",
	"block-stray-end", "block-too-deep", "block-unclosed", "book-json",
	"bookignore", "config", "docs-yaml", "edit-url", "encoding", "expression",
	"front-matter", "gitbook-yaml", "glossary-duplicate", "glossary-empty",
	"heading-id", "heading-skip", "hint-style", "history", "html-unbalanced",
	"icon-unknown", "image-alt", "include-cycle", "include-depth",
	"include-limit", "include-missing", "langs", "language-mismatch",
	"link-anchor", "link-editor-local", "link-external", "link-gitbook-space",
	"link-missing", "link-outside", "link-placeholder", "link-stale", "link-text",
	"math", "mermaid", "moved-page", "nesting", "orphan", "output",
	"page-not-in-summary", "page-size", "page-url-case", "page-url-conflict",
	"read", "redirect-target", "repo-url", "review", "space-readme",
	"stepper-child", "summary-builtin", "summary-duplicate", "summary-inferred",
	"summary-link", "summary-missing", "summary-syntax", "symlink", "tabs-child",
	"tags-yaml", "template-comment", "template-filter", "template-syntax",
	"template-undefined", "template-value", "theme-strings", "translated-from",
	"translation-key", "trust-raw-html", "unsafe-html", "unsafe-url",
	"unsupported", "update-date", "vars-yaml", "yaml",
}

// IsRule reports whether name is the rule of some diagnostic.
func IsRule(name string) bool {
	_, found := slices.BinarySearch(rules, name)
	return found
}

// Rules lists every rule, in order.
func Rules() []string { return slices.Clone(rules) }
