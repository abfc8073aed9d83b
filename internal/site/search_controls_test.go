package site

import (
	"path/filepath"
	"slices"
	"testing"

	"folio/internal/search"
	"folio/internal/testkit"
)

// TestSearchControls builds pages with the theme's controls and hidden
// parts, as the renderers write them, and checks that the search index
// holds their content and not the controls' words: an API operation's
// Copy button, its code samples' tabs and Show properties, an embed's
// load button, a diagram's source toggle, a card table's hidden columns.
// It fails when a renderer writes a control that search reads as text.
func TestSearchControls(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Orders](orders.md)\n* [Onboarding](onboarding.md)\n",
		"README.md": "# Home\n\n" +
			"<table data-view=\"cards\"><thead><tr><th></th><th data-hidden data-card-target data-type=\"content-ref\"></th></tr></thead>" +
			"<tbody><tr><td><strong>Start here</strong></td><td><a href=\"onboarding.md\">onboarding.md</a></td></tr></tbody></table>\n\n" +
			"{% embed url=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\" %}\nOur tooling tour\n{% endembed %}\n\n" +
			"```mermaid\ngraph LR\n  Dev[Developer] --> Registry\n```\n\n" +
			"{% tabs %}\n{% tab title=\"Windows\" %}\nRun the installer.\n{% endtab %}\n{% tab title=\"Linux\" %}\nUnpack the archive.\n{% endtab %}\n{% endtabs %}\n\n" +
			"<details>\n\n<summary>Troubleshooting</summary>\n\nRestart the daemon.\n\n</details>\n",
		"orders.md": "# Orders\n\n" +
			"{% swagger method=\"post\" path=\"/v1/orders\" baseUrl=\"https://shop.example\" summary=\"Create order\" %}\n" +
			"{% swagger-description %}\nCreates an order.\n{% endswagger-description %}\n\n" +
			"{% swagger-parameter in=\"body\" name=\"items\" type=\"array\" required=\"true\" %}\nItems to order\n{% endswagger-parameter %}\n\n" +
			"{% swagger-response status=\"201: Created\" description=\"Order created\" %}\n```json\n{\"id\": \"ord_123\"}\n```\n{% endswagger-response %}\n" +
			"{% endswagger %}\n",
		"onboarding.md": "# Onboarding\n\nDay one.\n",
	})
	out, _ := built(t, Options{Dir: dir})
	pages, sections := searchIndex(t, filepath.Join(out, "search-index.js"))
	text := map[string]string{} // page URL → its sections' text
	for _, s := range sections {
		u := pages[int(s[0].(float64))][0]
		text[u] += " " + s[2].(string) + " " + s[3].(string)
	}
	a := search.NewAnalysis("en")
	terms := func(u string) []string { return a.Terms(text[u]) }
	for u, words := range map[string][]string{
		"":        {"Start here", "Our tooling tour", "Developer", "Windows", "Linux", "Run the installer", "Unpack", "Troubleshooting", "Restart the daemon"},
		"orders/": {"Create order", "Creates an order", "items", "Order created", "ord_123"},
	} {
		for _, w := range words {
			for _, term := range a.Terms(w) {
				if !slices.Contains(terms(u), term) {
					t.Errorf("page %q: %q (%s) not indexed: %s", u, w, term, text[u])
				}
			}
		}
	}
	for u, words := range map[string][]string{
		"":        {"onboarding.md", "load", "mermaid", "source"},
		"orders/": {"copy"},
	} {
		for _, w := range words {
			for _, term := range a.Terms(w) {
				if slices.Contains(terms(u), term) {
					t.Errorf("page %q: %q (%s) is indexed: %s", u, w, term, text[u])
				}
			}
		}
	}
	// A tab's title once, from its panel, not again from its button.
	if n := countTerm(terms(""), a.Terms("Windows")[0]); n != 1 {
		t.Errorf("Windows indexed %d times, want once: %s", n, text[""])
	}
}

func countTerm(terms []string, t string) int {
	n := 0
	for _, x := range terms {
		if x == t {
			n++
		}
	}
	return n
}

// TestSearchDescription: the description a page shows under its title is
// searched; one its layout hides is not.
func TestSearchDescription(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Quiet](quiet.md)\n",
		"README.md":  "---\ndescription: A self-contained static website.\n---\n\n# Home\n\nWelcome.\n",
		"quiet.md":   "---\ndescription: Unshown marmalade.\nlayout:\n  description:\n    visible: false\n---\n\n# Quiet\n\nText.\n",
	})
	out, _ := built(t, Options{Dir: dir})
	pages, sections := searchIndex(t, filepath.Join(out, "search-index.js"))
	text := map[string]string{}
	for _, s := range sections {
		text[pages[int(s[0].(float64))][0]] += " " + s[3].(string)
	}
	a := search.NewAnalysis("en")
	if terms := a.Terms(text[""]); !slices.Contains(terms, a.Terms("self-contained")[0]) {
		t.Errorf("the home page's description is not searched: %q", text[""])
	}
	if terms := a.Terms(text["quiet/"]); slices.Contains(terms, a.Terms("marmalade")[0]) {
		t.Errorf("a description the layout hides is searched: %q", text["quiet/"])
	}
}
