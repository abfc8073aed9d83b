package browser

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"folio/internal/testkit"
)

// TestSectionTabsInView: on a phone, the row of a docs.yaml site's
// section tabs is wider than the screen; the tab of the page's section,
// at its far end, is brought into view, left to right and right to left,
// and the row fades at the end where more tabs are hidden (t67: the
// reader could not tell which section they were in).
func TestSectionTabsInView(t *testing.T) {
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			var docs strings.Builder
			docs.WriteString("site:\n  title: Acme\n  structure:\n")
			files := map[string]string{}
			for i := range 6 {
				dir := fmt.Sprintf("s%d", i)
				fmt.Fprintf(&docs, "    - type: section\n      key: %s\n      title: Section number %d\n      path: %s\n      children:\n        - type: space\n          key: %s-sp\n          content:\n            directory: %s\n            language: %s\n", dir, i, dir, dir, dir, lang)
				files[dir+"/README.md"] = fmt.Sprintf("# Home %d\n\nText.\n", i)
			}
			files["docs.yaml"] = docs.String()
			s := serve(t, testkit.Site(t, files))
			ctx := newTab(t, 360, 640)
			open(t, ctx, s.URL+"/s5/")
			inView := `(() => { const ul = document.querySelector(".section-tabs ul"), a = ul.querySelector("[aria-current]");
				const b = ul.getBoundingClientRect(), r = a.getBoundingClientRect();
				return ul.scrollWidth > ul.clientWidth && r.left >= b.left && r.right <= b.right && ul.classList.contains("more-before"); })()`
			if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](inView, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
				t.Errorf("the current tab is not in the row's view, or the row does not fade where tabs are hidden: %s",
					eval[string](t, ctx, `(() => { const ul = document.querySelector(".section-tabs ul"), a = ul.querySelector("[aria-current]");
						return JSON.stringify([ul.className, ul.scrollLeft, ul.scrollWidth, ul.clientWidth, a.getBoundingClientRect().left, a.getBoundingClientRect().right]); })()`))
			}
		})
	}
}
