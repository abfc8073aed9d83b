package diag

import (
	"slices"

	"folio/internal/suggest"
)

// rules names every diagnostic's rule, in order: the names a site.yaml
// ignore entry may give, each described in the guide's checking.md (a
// test keeps the three in step).
var rules = []string{
	"alert-kind", "api-operation", "api-ref", "api-spec", "api-spec-invalid", "api-spec-name",
	"api-spec-remote", "asset-reserved", "asset-url-case", "binary-file", "block-attribute", "block-conditional",
	"block-include", "block-integration", "block-malformed", "block-misplaced",
	"block-stray-end", "block-too-deep", "block-unclosed", "book-json",
	"bookignore", "code-unclosed", "config", "docs-yaml", "edit-url", "encoding", "expression",
	"front-matter", "gitbook-yaml", "glossary-duplicate", "glossary-empty",
	"heading-empty", "heading-id", "heading-skip", "heading-space", "hint-style", "history", "html-id", "html-unbalanced",
	"icon-unknown", "ignore-rule", "image-alt", "image-alt-empty", "include-cycle", "include-depth",
	"include-limit", "include-missing", "langs", "language-mismatch",
	"link-anchor", "link-editor-local", "link-external", "link-gitbook-space",
	"link-missing", "link-outside", "link-placeholder", "link-reference", "link-space", "link-stale", "link-text",
	"math", "mermaid", "moved-page", "nesting", "orphan", "output",
	"page-empty", "page-not-in-summary", "page-size", "page-url-case", "page-url-conflict",
	"read", "redirect-target", "remote-image", "repo-url", "review", "space-readme",
	"stepper-child", "summary-builtin", "summary-duplicate", "summary-inferred",
	"summary-link", "summary-missing", "summary-syntax", "symlink", "tabs-child",
	"tags-yaml", "template-comment", "template-filter", "template-syntax",
	"template-undefined", "template-value", "theme-strings", "title-link", "translated-from",
	"translation-key", "trust-raw-html", "unsafe-html", "unsafe-url",
	"unsupported", "update-date", "update-tag", "vars-yaml", "yaml",
}

// IsRule reports whether name is the rule of some diagnostic.
func IsRule(name string) bool {
	_, found := slices.BinarySearch(rules, name)
	return found
}

// ClosestRule is the rule whose name is nearest to name, "" when none is
// near enough to be what was meant.
func ClosestRule(name string) string {
	best, bestD := "", max(len(name)/3, 2)+1
	for _, r := range rules {
		if d := suggest.EditDistance(name, r); d < bestD {
			best, bestD = r, d
		}
	}
	return best
}

// UnknownRuleHint is the advice for a rule name that is no rule.
func UnknownRuleHint(name string) string {
	if near := ClosestRule(name); near != "" {
		return "did you mean " + near + "?"
	}
	return "folio check ends each diagnostic with its rule in brackets"
}
