package browser

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"folio/internal/testkit"
)

// structureJS lists what a page lacks of the structure assistive
// technology relies on; an empty list is a well-formed page.
const structureJS = `(() => {
  const bad = [];
  const lang = document.documentElement.lang;
  if (!lang) bad.push("no lang on <html>");
  const seg = location.pathname.split("/")[1];
  if (lang && ["en", "fr"].includes(seg) && seg !== lang) bad.push("lang " + lang + " on " + location.pathname);
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) bad.push(h1 + " h1 elements");
  for (const sel of ["header", "nav", "main", "footer"]) {
    if (!document.querySelector(sel)) bad.push("no <" + sel + ">");
  }
  const first = document.querySelector("body a[href], body button, body input, body [tabindex]");
  const main = document.querySelector("main");
  if (!first || !first.classList.contains("skip-link")) bad.push("the first focusable element is not the skip link");
  else if (!main || first.getAttribute("href") !== "#" + main.id) bad.push("the skip link does not lead to <main>");
  const noAlt = [...document.querySelectorAll("main img:not([alt])")].length;
  if (noAlt) bad.push(noAlt + " images without alt");
  const decorative = [...document.querySelectorAll("main img[alt='']")].filter(i => i.getAttribute("role") === "img");
  if (decorative.length) bad.push("a decorative image is announced as an image");
  return bad;
})()`

// TestPageStructure checks every page of the guide, in both languages, for
// one h1, the landmarks, the skip link, lang and alt attributes.
func TestPageStructure(t *testing.T) {
	ctx := newTab(t, 1280, 800)
	s := serve(t, "../..")
	for _, p := range s.Pages {
		if !strings.HasPrefix(p, "en/") && !strings.HasPrefix(p, "fr/") {
			continue
		}
		open(t, ctx, s.URL+"/"+p)
		if bad := eval[[]string](t, ctx, structureJS); len(bad) > 0 {
			t.Errorf("/%s: %s", p, strings.Join(bad, "; "))
		}
	}
	t.Logf("%d pages checked", len(s.Pages))
}

// TestStructureDetected shows the structure check can fail: a page with
// a second h1 (raw HTML; a second "#" heading becomes an h2) and an image
// without alt.
func TestStructureDetected(t *testing.T) {
	ctx := newTab(t, 1280, 800)
	s := serve(t, testkit.Site(t, map[string]string{
		"README.md":  "# Home\n\n<h1>Second title</h1>\n\n<img src=\"https://example.org/x.png\">\n",
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n",
	}))
	open(t, ctx, s.URL+"/")
	bad := strings.Join(eval[[]string](t, ctx, structureJS), "; ")
	for _, want := range []string{"2 h1 elements", "1 images without alt"} {
		if !strings.Contains(bad, want) {
			t.Errorf("structure check on the broken page = %q, want it to report %q", bad, want)
		}
	}
}

// TestWidths checks every page of both languages at a phone's and a
// laptop's width: the page body never scrolls sideways.
func TestWidths(t *testing.T) {
	s := serve(t, "../..")
	for _, size := range []struct{ w, h int64 }{{360, 740}, {1280, 800}} {
		ctx := newTab(t, size.w, size.h)
		for _, p := range s.Pages {
			if msg := overflow(t, ctx, s.URL+"/"+p); msg != "" {
				t.Errorf("/%s at %d×%d: %s", p, size.w, size.h, msg)
			}
		}
	}
}

// TestPrint checks that printing a page shows the page alone: no header,
// sidebar, outline, previous/next or footer, and every tab panel.
func TestPrint(t *testing.T) {
	ctx := newTab(t, 1280, 800)
	s := serve(t, "../..")
	if err := chromedp.Do(ctx, emulateMedia(emulation.SetEmulatedMediaParams{Media: "print"})); err != nil {
		t.Fatalf("emulate print: %v", err)
	}
	open(t, ctx, s.URL+"/en/guide/gitbook-blocks/")
	shown := eval[[]string](t, ctx, `[".site-header", ".sidebar", ".outline", ".pagination", ".site-footer", ".skip-link"]
	  .filter(sel => { const e = document.querySelector(sel); return e && getComputedStyle(e).display !== "none"; })`)
	if len(shown) > 0 {
		t.Errorf("printed page shows %v", shown)
	}
	hidden := eval[int](t, ctx, `[...document.querySelectorAll(".tab-panel")].filter(p => getComputedStyle(p).display === "none").length`)
	if hidden > 0 {
		t.Errorf("%d tab panels hidden in print", hidden)
	}
	if !eval[bool](t, ctx, `getComputedStyle(document.querySelector("main")).display !== "none"`) {
		t.Error("the page itself is hidden in print")
	}
}
