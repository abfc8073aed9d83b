package browser

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"folio/internal/testkit"
)

// printBookSite is a small book of two parts, built by folio: tabs, an
// expandable block, an API operation, an image, links between its pages
// (with anchors), a page outside its reading order and an external link.
var printBookSite = map[string]string{
	"site.yaml": "title: Handbook\nbase_url: https://docs.example.org/handbook/\n",
	"SUMMARY.md": "# Table of contents\n\n* [Welcome](README.md)\n\n## Guides\n\n* [Install](guide/install.md)\n" +
		"  * [Options](guide/options.md)\n\n## Reference\n\n* [API](reference/api.md)\n",
	"README.md": "# Welcome\n\nStart with [the installation](guide/install.md#on-linux), read [the options](guide/options.md)" +
		" and [the notes](notes.md), or see [the project site](https://example.org/project).\n\n## Overview\n\n" +
		"![A dot](.gitbook/assets/dot.svg)\n",
	"notes.md": "# Notes\n\nLinked, not in the summary.\n",
	"guide/install.md": "# Install\n\n{% tabs %}\n{% tab title=\"Linux\" %}\n## On Linux\n\nRun the script.[^1]\n{% endtab %}\n\n" +
		"{% tab title=\"Windows\" %}\nRun the installer.\n{% endtab %}\n{% endtabs %}\n\n<details>\n<summary>Troubleshooting</summary>\n\n" +
		"Restart, then read [the options](options.md#verbose).\n\n</details>\n\n[^1]: From the release page.\n",
	"guide/options.md": "# Options\n\n## Verbose {#verbose}\n\nBack to [installing](install.md) or [home](../README.md#overview).\n\n" +
		"{% tabs %}\n{% tab title=\"Short\" %}\nUse `-v`.\n{% endtab %}\n{% tab title=\"Long\" %}\nUse `--verbose`.\n{% endtab %}\n{% endtabs %}\n",
	"reference/api.md": "# API\n\n{% swagger method=\"get\" path=\"/books/{id}\" baseUrl=\"https://api.example.org\" summary=\"Get a book\" %}\n" +
		"{% swagger-description %}\nReturns one book.\n{% endswagger-description %}\n\n" +
		"{% swagger-parameter in=\"path\" name=\"id\" type=\"string\" required=\"true\" %}\nThe book's id.\n{% endswagger-parameter %}\n\n" +
		"{% swagger-response status=\"200: OK\" description=\"The book\" %}\n```json\n{\"id\": \"b1\"}\n```\n{% endswagger-response %}\n{% endswagger %}\n",
	".gitbook/assets/dot.svg": `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>`,
}

// TestPrintBook follows "Print this book" from a built site's page to the
// print page, and checks it in print media as the browser lays it out:
// no sidebar, every tab panel and expandable block shown, links between
// pages of the book leading within the print page, one document with
// unique ids, external link targets and citable addresses printed, the
// image loaded from the print page's address; then makes a PDF of it.
func TestPrintBook(t *testing.T) {
	requireBrowser(t)
	s := serve(t, testkit.Site(t, printBookSite))
	// TestAxe checks the pages htmlPages finds: the print page is one.
	if list, _ := htmlPages(t, s.Out); !slices.Contains(list, "/print/") {
		t.Errorf("the pages axe checks, %q, lack the print page", list)
	}
	ctx := newTab(t, 1000, 900)
	open(t, ctx, s.URL+"/guide/options/")
	do(t, ctx, "follow Print this book", chromedp.Click(chromedp.CSS(".print-link")), chromedp.WaitReady(chromedp.CSS(".print-cover")))
	if p := eval[string](t, ctx, `location.pathname`); p != "/print/" {
		t.Fatalf("the sidebar's link leads to %s, want /print/", p)
	}
	// The cover is there before the styles and the image are: on a busy
	// machine the checks below ran on the page unstyled.
	pollTrue(t, ctx, `document.readyState === "complete"`, "loading the print page")
	do(t, ctx, "emulate print", printMedia())
	type state struct {
		Sidebar, TabsList             bool
		Panels, PanelsShown           int
		Details, DetailsOpen          int
		Hidden                        []string
		Internal, InternalTargets     int
		LeavesBook                    []string
		DuplicateIDs                  []string
		ExternalAfter, Cite, PageCite string
		Images, ImagesLoaded          int
		Sections, TOCLinks            int
		Operation                     bool
	}
	st := eval[state](t, ctx, `(() => {
  const shown = el => !!el && el.checkVisibility() && el.getBoundingClientRect().height > 0;
  const after = el => el ? getComputedStyle(el, "::after").content : "";
  const all = sel => [...document.querySelectorAll(sel)];
  const internal = all('.content a[href^="#"]');
  const ids = all("[id]").map(e => e.id);
  return {
    Sidebar: all(".sidebar, #folio-sidebar").some(shown),
    TabsList: all(".tabs-list").some(shown),
    Panels: all(".tab-panel").length,
    PanelsShown: all(".tab-panel").filter(shown).length,
    Details: all(".content details").length,
    DetailsOpen: all(".content details[open]").length,
    Hidden: all(".content p, .content li, .content pre, .content td").filter(e => !shown(e)).map(e => e.textContent.slice(0, 40)),
    Internal: internal.length,
    InternalTargets: internal.filter(a => document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)))).length,
    LeavesBook: all(".content a[href]").map(a => a.getAttribute("href")).filter(h => !h.startsWith("#") && !/^https?:/.test(h)),
    DuplicateIDs: ids.filter((id, i) => ids.indexOf(id) !== i),
    ExternalAfter: after(document.querySelector('.content a[href="https://example.org/project"]')),
    Cite: after(document.querySelector(".content h2[data-cite]")),
    PageCite: after(document.querySelector(".print-section-title[data-cite]")),
    Images: all(".content img").length,
    ImagesLoaded: all(".content img").filter(i => i.complete && i.naturalWidth > 0).length,
    Sections: all(".print-section").length,
    TOCLinks: all(".print-toc a").filter(a => document.getElementById(a.getAttribute("href").slice(1))).length,
    Operation: shown(document.querySelector(".api-op")),
  };
})()`)
	if st.Sidebar || st.TabsList {
		t.Errorf("in print: sidebar shown %v, tab buttons shown %v", st.Sidebar, st.TabsList)
	}
	if st.Panels != 4 || st.PanelsShown != st.Panels {
		t.Errorf("in print: %d of %d tab panels shown, want 4", st.PanelsShown, st.Panels)
	}
	if st.Details == 0 || st.DetailsOpen != st.Details {
		t.Errorf("in print: %d of %d <details> open", st.DetailsOpen, st.Details)
	}
	if len(st.Hidden) > 0 {
		t.Errorf("in print, content hidden: %q", st.Hidden)
	}
	// Links: to the installation's anchor, the options (twice), back to
	// installing, home's overview, the footnote and its way back.
	if st.Internal < 7 || st.InternalTargets != st.Internal {
		t.Errorf("%d links within the print page, %d with a target", st.Internal, st.InternalTargets)
	}
	if len(st.LeavesBook) != 1 || st.LeavesBook[0] != "../notes/" {
		t.Errorf("links that leave the print page: %q, want the notes page outside the book alone", st.LeavesBook)
	}
	if len(st.DuplicateIDs) > 0 {
		t.Errorf("ids used twice on the print page: %q", st.DuplicateIDs)
	}
	if !strings.Contains(st.ExternalAfter, "https://example.org/project") {
		t.Errorf("the external link prints %s after it, want its address", st.ExternalAfter)
	}
	if !strings.Contains(st.Cite, "https://docs.example.org/handbook/") || !strings.Contains(st.PageCite, "https://docs.example.org/handbook/") {
		t.Errorf("citable addresses printed: heading %s, page %s", st.Cite, st.PageCite)
	}
	if st.Images != 1 || st.ImagesLoaded != 1 {
		t.Errorf("images: %d of %d loaded", st.ImagesLoaded, st.Images)
	}
	if st.Sections != 4 || st.TOCLinks != 4 {
		t.Errorf("%d sections, %d contents entries with a target; want 4 (notes.md is not in SUMMARY.md)", st.Sections, st.TOCLinks)
	}
	if !st.Operation {
		t.Error("the API operation is not shown in print")
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF())
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("print to PDF: %v", err)
	}
}
