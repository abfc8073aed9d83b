package browser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"folio/internal/testkit"
)

// TestInterfaceLanguage: each language's pages show the theme's words in
// that language, Persian right to left with its code left to right.
func TestInterfaceLanguage(t *testing.T) {
	s := serve(t, searchSite(t))
	ctx := newTab(t, 1280, 800)
	for _, c := range []struct{ page, dir, search, onPage string }{
		{"en/long/", "ltr", "Search", "On this page"},
		{"ru/", "ltr", "Поиск", ""},
		{"zh/", "ltr", "搜索", ""},
		{"fa/", "rtl", "جستجو", ""},
	} {
		open(t, ctx, s.URL+"/"+c.page)
		got := eval[[]string](t, ctx, `[document.documentElement.dir, document.getElementById("folio-search-input").placeholder,
		  (document.querySelector(".outline-title") || {textContent: ""}).textContent]`)
		if got[0] != c.dir || got[1] != c.search || got[2] != c.onPage {
			t.Errorf("/%s: dir %q, search %q, outline %q; want %q, %q, %q", c.page, got[0], got[1], got[2], c.dir, c.search, c.onPage)
		}
	}
	// On the Persian page, code reads left to right: the block, the inline
	// code, and the search box's key.
	open(t, ctx, s.URL+"/fa/")
	dirs := eval[map[string]string](t, ctx, `(() => {
	  const d = sel => { const e = document.querySelector(sel); return e ? getComputedStyle(e).direction : "missing"; };
	  return {pre: d(".content pre"), code: d(".content p code"), key: d(".search-key"), page: d(".content p"), url: d(".content a.is-url")};
	})()`)
	// A link whose text is its address too: /http://… otherwise.
	for _, k := range []string{"pre", "code", "key", "url"} {
		if dirs[k] != "ltr" {
			t.Errorf("on a Persian page, %s has direction %s, want ltr", k, dirs[k])
		}
	}
	if dirs["page"] != "rtl" {
		t.Errorf("the Persian text has direction %s, want rtl", dirs["page"])
	}
	// The quotes stay after the prompt: the line's first character on
	// screen is its first character.
	order := eval[bool](t, ctx, `(() => {
	  const code = document.querySelector(".content pre code"), r = document.createRange();
	  const text = code.firstChild.nodeType === 3 ? code.firstChild : code.querySelector("span").firstChild;
	  r.setStart(text, 0); r.setEnd(text, 1);
	  return r.getBoundingClientRect().left <= code.getBoundingClientRect().left + 20;
	})()`)
	if !order {
		t.Error(`on a Persian page, the code block's first line does not start at the left`)
	}
}

// headerJS describes the header at the current width: the boxes of its
// visible items, the ones that overlap or leave the screen, and whether
// the page scrolls sideways.
const headerJS = `(() => {
  const vw = document.documentElement.clientWidth, out = [];
  const items = [...document.querySelectorAll(".site-header-inner > *")].filter(e => e.checkVisibility());
  const boxes = items.map(e => ({name: e.className.split(" ")[0] || e.tagName, r: e.getBoundingClientRect()}));
  for (const b of boxes) {
    if (b.r.left < -0.5 || b.r.right > vw + 0.5) out.push(b.name + " is off screen (" + Math.round(b.r.left) + "–" + Math.round(b.r.right) + ")");
    if (b.r.width < 1) out.push(b.name + " has no width");
  }
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].r, b = boxes[j].r;
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom && b.top < a.bottom) out.push(boxes[i].name + " overlaps " + boxes[j].name);
  }
  if (document.documentElement.scrollWidth > vw) out.push("the page scrolls sideways (" + document.documentElement.scrollWidth + " > " + vw + ")");
  if (boxes.length < 4) out.push("only " + boxes.map(b => b.name).join(", ") + " shown");
  return out;
})()`

// TestHeaderOnPhones: at phone widths, on a site with a language menu,
// the header's items fit side by side in both directions; the search
// field, folded, opens over the header when it gets the focus.
func TestHeaderOnPhones(t *testing.T) {
	s := serve(t, searchSite(t))
	ctx := startBrowser(t, 320, 700)
	for _, w := range []int64{320, 360, 390} {
		for _, page := range []string{"en/long/", "fa/"} {
			ctx := stepCtx(t, ctx)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, 700)); err != nil {
				t.Fatal(err)
			}
			open(t, ctx, s.URL+"/"+page)
			if bad := eval[[]string](t, ctx, headerJS); len(bad) > 0 {
				t.Errorf("%d px, /%s: %s", w, page, strings.Join(bad, "; "))
			}
			// A tap on the search box opens the search, not the language menu.
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#folio-search-input"))); err != nil {
				t.Fatal(err)
			}
			st := eval[map[string]any](t, ctx, `(() => { const i = document.getElementById("folio-search-input"), r = i.getBoundingClientRect();
			  return {focus: document.activeElement === i, width: r.width, lang: document.querySelector(".lang-menu").open,
			    scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth}; })()`)
			if st["focus"] != true || st["lang"] != false || st["width"].(float64) < float64(w)/2 || st["scroll"].(float64) > 0 {
				t.Errorf("%d px, /%s: after a tap on search: %v; want the field focused, wide, the language menu closed, nothing sideways", w, page, st)
			}
		}
	}
}

// TestHeaderCheckerFails checks the checker: two items on top of each
// other are reported.
func TestHeaderCheckerFails(t *testing.T) {
	s := serve(t, searchSite(t))
	ctx := newTab(t, 360, 700)
	open(t, ctx, s.URL+"/en/")
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`document.querySelector(".lang-menu").style.marginInlineStart = "-60px"`)); err != nil {
		t.Fatal(err)
	}
	if bad := eval[[]string](t, ctx, headerJS); len(bad) == 0 {
		t.Error("a language menu moved over its neighbour was not reported")
	}
}

// TestThemeSwitch: the theme menu's choice applies at once, lasts from
// page to page, and is in place before the style sheets are read.
func TestThemeSwitch(t *testing.T) {
	s := serve(t, searchSite(t))
	ctx := newTab(t, 1280, 800)
	if err := chromedp.Do(ctx, setMedia("light")); err != nil {
		t.Fatal(err)
	}
	open(t, ctx, s.URL+"/en/")
	bg := `getComputedStyle(document.body).backgroundColor`
	light := eval[string](t, ctx, bg)
	choose := func(choice string) {
		t.Helper()
		if err := chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(".theme-menu > summary")),
			chromedp.Click(chromedp.CSS(fmt.Sprintf(`[data-theme-choice=%q]`, choice)))); err != nil {
			t.Fatalf("choose %s: %v", choice, err)
		}
	}
	choose("dark")
	dark := eval[string](t, ctx, bg)
	if dark == light || eval[string](t, ctx, `document.documentElement.dataset.theme`) != "dark" {
		t.Fatalf("after Dark: background %s (light was %s), data-theme %q", dark, light, eval[string](t, ctx, `document.documentElement.dataset.theme`))
	}
	if got := eval[string](t, ctx, `document.querySelector("[data-theme-choice=dark]").getAttribute("aria-pressed")`); got != "true" {
		t.Errorf("Dark is not marked pressed: %q", got)
	}
	// Another page, in another language: dark from the start. The theme is
	// set by a script that comes before the first style sheet.
	open(t, ctx, s.URL+"/fa/")
	if got := eval[string](t, ctx, bg); got != dark {
		t.Errorf("the next page's background is %s, want the dark %s", got, dark)
	}
	early := eval[bool](t, ctx, `(() => { const h = [...document.head.children];
	  const css = h.findIndex(e => e.matches("link[rel=stylesheet]")), js = h.findIndex(e => e.matches("script:not([src])") && e.textContent.includes("folio-theme"));
	  return js >= 0 && js < css; })()`)
	if !early {
		t.Error("the theme is not restored before the style sheets load: the page would flash light")
	}
	choose("system")
	if got := eval[string](t, ctx, bg); got != light || eval[bool](t, ctx, `document.documentElement.hasAttribute("data-theme")`) {
		t.Errorf("after System in a light system: background %s, want %s, and no data-theme", got, light)
	}
	open(t, ctx, s.URL+"/en/")
	if got := eval[string](t, ctx, bg); got != light {
		t.Errorf("System did not last: background %s", got)
	}
}

// TestFallbackControlsLanguage: on a page a language shows untranslated,
// the controls the script adds inside its article (a heading's and an
// expandable block's links, the copy button and its status) say the
// interface's words in the interface's language, and are marked so
// within the English article (t97: Arabic words marked English).
func TestFallbackControlsLanguage(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":     "title: T\nlanguages:\n  - code: en\n    dir: en\n  - code: ar\n    dir: ar\n    fallback: true\n",
		"en/SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Only](only.md)\n",
		"en/README.md":  "# Home\n",
		"en/only.md": "# Only\n\n## Section\n\n```sh\necho hi\n```\n\n<details id=\"more\">\n<summary>More</summary>\n\nHidden.\n\n</details>\n\n" +
			"{% openapi src=\"api.yaml\" path=\"/vouchers/{serialNumber}\" method=\"get\" %}\n[api.yaml](api.yaml)\n{% endopenapi %}\n",
		"en/api.yaml":   apiSpec,
		"ar/SUMMARY.md": "# الملخص\n\n* [الرئيسية](README.md)\n",
		"ar/README.md":  "# الرئيسية\n",
	})
	s := serve(t, dir)
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/ar/only/")
	got := eval[map[string]string](t, ctx, `(() => {
	  const l = sel => { const e = document.querySelector(sel); return e ? (e.closest("[lang]").lang + " " + (e.closest("[dir]") || {dir: ""}).dir) : "missing"; };
	  return {article: l(".page p, .page h2"), heading: l(".heading-anchor"), details: l(".details-anchor"), copy: l(".copy-button"), status: l(".copy-button + [role=status]")};
	})()`)
	if got["article"] != "en ltr" {
		t.Fatalf("the untranslated article is %q, want en ltr", got["article"])
	}
	for _, k := range []string{"heading", "details", "copy", "status"} {
		if got[k] != "ar rtl" {
			t.Errorf("the %s control is in %q, want ar rtl", k, got[k])
		}
	}
	// An API block's copy button says the page's words, marked English,
	// and the interface's after a click, marked so while it does (t102).
	const api = `document.querySelector(".api-endpoint .api-copy")`
	before := eval[string](t, ctx, `(b => b.textContent + "|" + b.closest("[lang]").lang)(`+api+`)`)
	eval[bool](t, ctx, api+`.click(), true`)
	pollTrue(t, ctx, `(b => b.textContent + "|" + b.closest("[lang]").lang)(`+api+`) !== `+fmt.Sprintf("%q", before), "the API copy button says something else after a click")
	if after := eval[string](t, ctx, `(b => b.closest("[lang]").lang + " " + b.closest("[dir]").dir)(`+api+`)`); after != "ar rtl" {
		t.Errorf("the API copy button's message (before it: %q) is in %q, want ar rtl", before, after)
	}
	pollTrue(t, ctx, `(b => b.textContent + "|" + b.closest("[lang]").lang)(`+api+`) === `+fmt.Sprintf("%q", before), "the API copy button is itself again 2 s after")
}

// TestSearchStatusDirection: on a right-to-left page whose language the
// theme has no words for, the search's English message reads left to
// right (t97: ".No results"), and what the script writes in the theme's
// English words is marked English.
func TestSearchStatusDirection(t *testing.T) {
	s := serve(t, testkit.Site(t, map[string]string{
		"site.yaml":     "title: T\nlanguages:\n  - code: en\n    dir: en\n  - code: ur\n    dir: ur\n",
		"en/SUMMARY.md": "# Summary\n\n* [Home](README.md)\n",
		"en/README.md":  "# Home\n\nText.\n",
		"ur/SUMMARY.md": "# خلاصہ\n\n* [سرورق](README.md)\n",
		"ur/README.md":  "# سرورق\n\nیہ ایک صفحہ ہے۔\n\n## الف\n\n```sh\necho hi\n```\n",
	}))
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/ur/")
	// What the script writes in the theme's words is English, and so
	// marked.
	if got := eval[string](t, ctx, `[".copy-button", ".heading-anchor"].map(s => { const e = document.querySelector(s); return e ? e.lang + " " + e.dir : "missing"; }).join(", ")`); got != "en ltr, en ltr" {
		t.Errorf("the copy button and the heading's link are %q, want en ltr", got)
	}
	st := search(t, ctx, "zzzzqqq")
	dir := eval[string](t, ctx, `getComputedStyle(document.querySelector(".search-status")).direction`)
	if !strings.HasPrefix(st.Status, "No results") || dir != "ltr" {
		t.Errorf("status %q reads %s, want No results… left to right", st.Status, dir)
	}
}
