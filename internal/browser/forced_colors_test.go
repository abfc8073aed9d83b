package browser

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestForcedColorsIcons: in forced colours (Windows' high contrast), the
// icons drawn as masks keep a colour of their own, the text's, where the
// mode painted their background as the page's and they vanished (t42).
func TestForcedColorsIcons(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/en/guide/gitbook-blocks/")
	do(t, ctx, "forced colours", emulateMedia(emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "forced-colors", Value: "active"}}}))
	got := eval[map[string]string](t, ctx, `(() => {
	  const probe = document.createElement("span");
	  probe.style.color = "CanvasText"; probe.style.backgroundColor = "Canvas";
	  document.body.appendChild(probe);
	  const cs = getComputedStyle(probe), out = {text: cs.color, canvas: cs.backgroundColor};
	  out.theme = getComputedStyle(document.querySelector(".theme-icon")).backgroundColor;
	  out.hint = getComputedStyle(document.querySelector(".hint"), "::before").backgroundColor;
	  return out;
	})()`)
	// On a phone, the menu button's lines too (t45).
	do(t, ctx, "phone", chromedp.EmulateViewport(360, 740))
	got["menu"] = eval[string](t, ctx, `getComputedStyle(document.querySelector(".menu-icon")).backgroundColor`)
	for _, k := range []string{"theme", "hint", "menu"} {
		if got[k] != got["text"] || got[k] == got["canvas"] {
			t.Errorf("%s icon painted %s in forced colours, want the text's %s (page %s)", k, got[k], got["text"], got["canvas"])
		}
	}
}
