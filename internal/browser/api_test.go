package browser

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"folio/internal/testkit"
)

// The fixture's operations and the ids the tests aim at. apiOp is shown
// in the page; apiFolded is inside a closed <details> of the page.
const (
	apiOp      = "post-vouchers-serialnumber"
	apiFolded  = "get-vouchers-serialnumber"
	apiAccount = apiOp + "-schema-account" // in the payee's closed "Show properties"
	apiProd    = "https://api.example.com/v1"
	apiSandbox = "https://sandbox.example.com/v2"
	apiLocal   = "/local/v3" // relative: no host
	apiPath    = "/vouchers/{serialNumber}"
)

const apiSpec = `openapi: 3.0.3
info:
  title: Vouchers
  version: "1.0"
servers:
  - url: https://api.example.com/v1
    description: Production
  - url: https://sandbox.example.com/v2
    description: Sandbox
  - url: /local/v3
    description: This site's own
paths:
  /vouchers/{serialNumber}:
    parameters:
      - name: serialNumber
        in: path
        required: true
        description: The voucher's serial number.
        schema:
          type: string
    get:
      summary: Get a voucher
      responses:
        "200":
          description: The voucher.
          content:
            application/json:
              schema:
                type: object
                properties:
                  status:
                    type: string
    post:
      summary: Redeem a voucher
      description: Redeems the voucher and pays the payee.
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [amount, payee]
              properties:
                amount:
                  type: number
                  format: float
                payee:
                  $ref: "#/components/schemas/Payee"
                method:
                  description: How the payee is paid.
                  oneOf:
                    - $ref: "#/components/schemas/Card"
                    - $ref: "#/components/schemas/Transfer"
      responses:
        "200":
          description: The voucher was redeemed.
          content:
            application/json:
              schema:
                type: object
                properties:
                  status:
                    type: string
        "404":
          description: No voucher has this serial number.
        "500":
          description: The payment failed.
components:
  schemas:
    Payee:
      type: object
      required: [name]
      properties:
        name:
          type: string
        account:
          $ref: "#/components/schemas/Account"
    Account:
      type: object
      properties:
        iban:
          type: string
        bank:
          type: string
    Card:
      title: Card
      type: object
      properties:
        card:
          type: string
    Transfer:
      title: Transfer
      type: object
      properties:
        iban:
          type: string
`

// apiSite writes a one-page site with two operations of apiSpec: one
// shown, one inside a closed <details>, and links to ids inside closed
// sections.
func apiSite(t *testing.T) string {
	t.Helper()
	return testkit.Site(t, map[string]string{
		"api.yaml":   apiSpec,
		"SUMMARY.md": "# Summary\n\n* [Vouchers](README.md)\n",
		"README.md": "# Vouchers\n\nSee [the account](#" + apiAccount + ") and [getting a voucher](#" + apiFolded + ").\n\n" +
			"## Redeem\n\n" +
			"{% openapi src=\"api.yaml\" path=\"/vouchers/{serialNumber}\" method=\"post\" %}\n[api.yaml](api.yaml)\n{% endopenapi %}\n\n" +
			"## More\n\n<details>\n<summary>Reading a voucher</summary>\n\n" +
			"{% openapi src=\"api.yaml\" path=\"/vouchers/{serialNumber}\" method=\"get\" %}\n[api.yaml](api.yaml)\n{% endopenapi %}\n\n" +
			"</details>\n",
	})
}

// step gives each part of a test its own deadline in a shared browser.
func step(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(cancel)
	return c
}

// do runs browser actions and fails the test on error.
func do(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// waitFor polls a JavaScript expression until it is true, and reports
// the state described by explain when it never is.
func waitFor(t *testing.T, ctx context.Context, js, explain, what string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(3*time.Second))); err != nil {
		t.Errorf("%s: %s (%v)", what, eval[string](t, ctx, explain), err)
	}
}

// detailsStateJS describes the <details> whose summary is sel: whether it
// is open, and whether its content is rendered.
const detailsStateJS = `(sel => {
  const s = document.querySelector(sel);
  if (!s) return null;
  const c = s.parentElement.querySelector(":scope > :not(summary)");
  return {open: s.parentElement.open, shown: !!c && c.checkVisibility()};
})(%q)`

type detailsState struct {
	Open  bool `json:"open"`
	Shown bool `json:"shown"`
}

// checkToggles clicks the summary sel, then presses Enter and Space on it,
// each twice: every action must flip the <details> and show or hide its
// content with it.
func checkToggles(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	state := func() detailsState {
		t.Helper()
		st := eval[*detailsState](t, ctx, fmt.Sprintf(detailsStateJS, sel))
		if st == nil {
			t.Fatalf("no %s in the page", sel)
		}
		return *st
	}
	st := state()
	if st.Open != st.Shown {
		t.Errorf("%s on load: open=%v but content shown=%v", sel, st.Open, st.Shown)
	}
	actions := []struct {
		name string
		act  chromedp.Action[chromedp.Void]
	}{
		{"click", chromedp.Click(chromedp.CSS(sel))},
		{"Enter", chromedp.KeyEvent(kb.Enter)},
		{"Space", chromedp.KeyEvent(" ")},
	}
	for _, a := range actions {
		for range 2 {
			want := !st.Open
			acts := []chromedp.Action[chromedp.Void]{a.act}
			if a.name != "click" {
				acts = []chromedp.Action[chromedp.Void]{chromedp.Focus(chromedp.CSS(sel)), a.act}
			}
			do(t, ctx, a.name+" on "+sel, acts...)
			st = state()
			if st.Open != want || st.Shown != want {
				t.Errorf("%s on %s: open=%v, content shown=%v; want both %v", a.name, sel, st.Open, st.Shown, want)
			}
		}
	}
}

// revealJS reports why the element with the id is not on view: missing,
// inside closed <details>, or not rendered; "" when it is on view.
const revealJS = `(id => {
  const e = document.getElementById(id);
  if (!e) return "no #" + id;
  let closed = 0;
  for (let d = e.closest("details"); d; d = d.parentElement.closest("details")) {
    if (!d.open && d !== e) closed++;
  }
  if (closed) return "#" + id + " is inside " + closed + " closed <details>";
  if (!e.checkVisibility()) return "#" + id + " is not rendered";
  return "";
})(%q)`

func checkRevealed(t *testing.T, ctx context.Context, id, what string) {
	t.Helper()
	js := fmt.Sprintf(revealJS, id)
	waitFor(t, ctx, js+` === ""`, js, what)
}

func checkHiddenFirst(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	if eval[string](t, ctx, fmt.Sprintf(revealJS, id)) == "" {
		t.Fatalf("#%s is on view before anything revealed it: the fixture does not test revealing", id)
	}
}

// grantClipboard lets the site's pages read and write the clipboard.
func grantClipboard(t *testing.T, ctx context.Context, origin string) {
	t.Helper()
	c := chromedp.FromContext(ctx)
	if c == nil || c.Browser == nil {
		t.Fatal("no browser in the context")
	}
	for _, p := range []*cdpbrowser.PermissionDescriptor{
		{Name: "clipboard-read"},
		{Name: "clipboard-write", AllowWithoutSanitization: true},
	} {
		if _, err := cdp.Call(ctx, c.Browser, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: p, Setting: cdpbrowser.PermissionSettingGranted, Origin: origin,
		}); err != nil {
			t.Fatalf("grant %s: %v", p.Name, err)
		}
	}
}

// clipboard returns the text on the clipboard.
func clipboard(t *testing.T, ctx context.Context) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("read the clipboard: %v", err)
	}
	return v
}

func setClipboard(t *testing.T, ctx context.Context, text string) {
	t.Helper()
	// The clipboard serves a focused document only, and a headless tab
	// opened beside others may not have the focus ("Document is not
	// focused"): the page is told it has it, as a reader's window would.
	focus := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true})
		return err
	})
	if _, err := chromedp.Run(ctx, focus); err != nil {
		t.Fatalf("emulate focus: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`navigator.clipboard.writeText(%q)`, text), chromedp.EvalAwaitPromise)); err != nil {
		t.Fatalf("write the clipboard: %v", err)
	}
}

// checkCopied clicks the button sel and checks that the clipboard then
// holds want and that the button says so.
func checkCopied(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	setClipboard(t, ctx, "before the copy")
	do(t, ctx, "click "+sel, chromedp.Click(chromedp.CSS(sel)))
	deadline := time.Now().Add(3 * time.Second)
	got := clipboard(t, ctx)
	for got != want && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		got = clipboard(t, ctx)
	}
	if got != want {
		t.Errorf("after a click on %s the clipboard holds %q, want %q", sel, got, want)
	}
	// The button says "Copied", and so does its live region, beside it:
	// inside, the button's label would hide it from screen readers.
	status := fmt.Sprintf(`(b => (b.querySelector("[role=status]") ? "inside the button: " : "") + b.textContent + " / " + [...b.parentElement.querySelectorAll(":scope > [role=status]")].map(s => s.textContent).join(""))(document.querySelector(%q))`, sel)
	waitFor(t, ctx, `(s => s.includes("/ Copied") && !s.startsWith("inside"))(`+status+`)`, status, "the copy status after a click on "+sel)
}

// TestAPIInteractive drives the fixture's operation as a reader would:
// sections and schemas collapse with the mouse and the keyboard, links
// open what they point into, the URL and samples copy, sample tabs switch
// and the server selector rewrites the URL.
func TestAPIInteractive(t *testing.T) {
	s := serve(t, apiSite(t))
	browser := startBrowser(t, 1280, 800)
	// Reduced motion: nothing scrolls smoothly under the mouse.
	do(t, browser, "emulate reduced motion", setMedia("light"))
	grantClipboard(t, browser, s.URL)
	page := s.URL + "/"
	op := "#" + apiOp + "-op"

	t.Run("collapse", func(t *testing.T) {
		ctx := step(t, browser)
		open(t, ctx, page)
		checkToggles(t, ctx, op+" > details.api-responses > summary")
		checkToggles(t, ctx, "#"+apiOp+"-schema-payee > details.api-children > summary")
		// A oneOf variant, once its field's properties are shown.
		oneOf := op + " .api-field:has(.api-variant) > details.api-children > summary"
		do(t, ctx, "show the oneOf field's properties", chromedp.Click(chromedp.CSS(oneOf)))
		checkToggles(t, ctx, op+" .api-variant > summary")
	})

	t.Run("reveal", func(t *testing.T) {
		ctx := step(t, browser)
		for _, id := range []string{apiAccount, apiFolded} {
			// On load.
			open(t, ctx, page)
			checkHiddenFirst(t, ctx, id)
			open(t, ctx, page+"#"+id)
			checkRevealed(t, ctx, id, "loading the page at #"+id)
			// On hashchange.
			open(t, ctx, page)
			eval[bool](t, ctx, fmt.Sprintf(`location.hash = %q, true`, "#"+id))
			checkRevealed(t, ctx, id, "changing location.hash to #"+id)
			// On a click on a link to the fragment already in the URL,
			// which changes no hash.
			eval[bool](t, ctx, fmt.Sprintf(`(e => { for (let d = e.closest("details"); d; d = d.parentElement.closest("details")) d.open = false; return true; })(document.getElementById(%q))`, id))
			checkHiddenFirst(t, ctx, id)
			// Chromium itself opens <details> around the target of a
			// fragment; a listener on window, which runs after folio.js's
			// on document and before the browser follows the link, tells
			// what folio.js did for browsers that do not.
			eval[bool](t, ctx, `addEventListener("click", () => { window.folioTestAtClick = `+fmt.Sprintf(revealJS, id)+` }, {once: true}), true`)
			do(t, ctx, "click the link to #"+id, chromedp.Click(chromedp.CSS(fmt.Sprintf(`.content a[href="#%s"]`, id))))
			if got := eval[string](t, ctx, `String(window.folioTestAtClick)`); got != "" {
				t.Errorf("when a link to #%s (the current fragment) is clicked, folio.js leaves %s", id, got)
			}
			checkRevealed(t, ctx, id, "a click on a link to #"+id+" (the current fragment)")
		}
	})

	t.Run("copy", func(t *testing.T) {
		ctx := step(t, browser)
		open(t, ctx, page)
		btn := op + " .api-endpoint .api-copy"
		if !eval[bool](t, ctx, fmt.Sprintf(`(b => !!b && !b.hidden && b.checkVisibility())(document.querySelector(%q))`, btn)) {
			t.Fatalf("%s is not shown with JavaScript on", btn)
		}
		checkCopied(t, ctx, btn, apiProd+apiPath)

		// The copy button of the code sample on view copies its code.
		panel := op + " .api-samples .tab-panel:not([hidden])"
		code := eval[string](t, ctx, fmt.Sprintf(`document.querySelector(%q).innerText.replace(/\n$/, "")`, panel+" pre code"))
		if !strings.Contains(code, apiProd+"/vouchers/") {
			t.Errorf("the sample on view does not call the operation's URL:\n%s", code)
		}
		checkCopied(t, ctx, panel+" .copy-button", code)
	})

	t.Run("samples", func(t *testing.T) {
		ctx := step(t, browser)
		open(t, ctx, page)
		// A tab chosen on an earlier visit would be selected on load.
		eval[bool](t, ctx, `localStorage.clear(), true`)
		open(t, ctx, page)
		if first := eval[string](t, ctx, `document.querySelector(".tabs [role=tablist]").closest(".api-samples").closest(".api-op").id`); first != apiOp+"-op" {
			t.Fatalf("the page's first tab set belongs to %q, want the samples of %s", first, apiOp)
		}
		st := firstTabs(t, ctx)
		if len(st.IDs) != 4 {
			t.Errorf("%d sample tabs %v, want 4 (cURL, HTTP, JavaScript, Python)", len(st.IDs), st.IDs)
		}
		checkSelected(t, st, 0, "loading")
		do(t, ctx, "click tab 2", chromedp.Click(chromedp.CSS("#"+st.IDs[1])))
		checkSelected(t, firstTabs(t, ctx), 1, "a click on tab 2")
		last := len(st.IDs) - 1
		for _, k := range []struct {
			key  string
			want int
		}{
			{kb.ArrowRight, 2}, {kb.ArrowLeft, 1}, {kb.End, last}, {kb.ArrowRight, 0}, {kb.ArrowLeft, last}, {kb.Home, 0},
		} {
			do(t, ctx, "press a key on the tabs", chromedp.KeyEvent(k.key))
			st := firstTabs(t, ctx)
			checkSelected(t, st, k.want, "a key on the tabs")
			if st.Focused != k.want {
				t.Errorf("after the key: focus on tab %d, want %d", st.Focused, k.want)
			}
		}
	})

	t.Run("servers", func(t *testing.T) {
		ctx := step(t, browser)
		open(t, ctx, page)
		sel := "#" + apiOp + "-server"
		got := eval[string](t, ctx, fmt.Sprintf(`(s => !s ? "no select" : !s.checkVisibility() ? "select not shown"
		  : s.closest(".api-servers").querySelector(":scope > ul").checkVisibility() ? "the list is shown beside the select"
		  : !s.labels.length || !s.labels[0].textContent.trim() ? "select without a label"
		  : [...s.options].map(o => o.value).join(" "))(document.querySelector(%q))`, sel))
		if got != apiProd+" "+apiSandbox+" "+apiLocal {
			t.Fatalf("server selector %s: %s, want the options %s %s %s", sel, got, apiProd, apiSandbox, apiLocal)
		}
		// The keyboard changes a closed select's value (and fires change).
		do(t, ctx, "choose the second server", chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent(kb.ArrowDown))
		state := fmt.Sprintf(`(op => op.querySelector(".api-server").textContent + " " + op.querySelector(".api-copy").dataset.copy)(document.getElementById(%q))`, apiOp+"-op")
		want := apiSandbox + " " + apiSandbox + apiPath
		waitFor(t, ctx, state+" === "+fmt.Sprintf("%q", want), state, "after choosing "+apiSandbox)
		checkCopied(t, ctx, "#"+apiOp+"-op .api-endpoint .api-copy", apiSandbox+apiPath)
		// The code samples call the chosen server.
		samples := eval[map[string]string](t, ctx, fmt.Sprintf(`Object.fromEntries([...document.querySelectorAll("#%s-op .api-samples .tab-panel")]
		  .map(p => [p.dataset.tabKey, p.querySelector("pre code").textContent]))`, apiOp))
		for key, want := range map[string]string{
			"curl":       "'" + apiSandbox + apiPath + "'",
			"http":       "POST /v2" + apiPath + " HTTP/1.1\nHost: sandbox.example.com\n",
			"javascript": `"` + apiSandbox + apiPath + `"`,
			"python":     `"` + apiSandbox + apiPath + `"`,
		} {
			if code := samples[key]; !strings.Contains(code, want) || strings.Contains(code, "api.example.com") {
				t.Errorf("after choosing %s, the %s sample:\n%s\nwant it to hold %q and not the first server", apiSandbox, key, code, want)
			}
		}
		// A relative server has no host: the HTTP sample's Host line goes,
		// and comes back with a server that has one (it stayed, naming the
		// server chosen before).
		httpSample := fmt.Sprintf(`document.querySelector("#%s-op .api-samples .tab-panel[data-tab-key=http] pre code").textContent`, apiOp)
		do(t, ctx, "choose the relative server", chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent(kb.ArrowDown))
		waitFor(t, ctx, httpSample+`.startsWith("POST /local/v3")`, httpSample, "after choosing "+apiLocal)
		if code := eval[string](t, ctx, httpSample); strings.Contains(code, "Host:") {
			t.Errorf("after choosing %s, the HTTP sample keeps a Host line:\n%s", apiLocal, code)
		}
		do(t, ctx, "choose the sandbox again", chromedp.Focus(chromedp.CSS(sel)), chromedp.KeyEvent(kb.ArrowUp))
		want = "POST /v2" + apiPath + " HTTP/1.1\nHost: sandbox.example.com\n"
		waitFor(t, ctx, httpSample+`.startsWith(`+fmt.Sprintf("%q", want)+`)`, httpSample, "after choosing "+apiSandbox+" again")
		// The other operation keeps its server.
		other := fmt.Sprintf(`document.querySelector("#%s-op .api-server").textContent`, apiFolded)
		if got := eval[string](t, ctx, other); got != apiProd {
			t.Errorf("choosing a server for %s changed %s's server to %q", apiOp, apiFolded, got)
		}
	})

	t.Run("print", func(t *testing.T) {
		ctx := step(t, browser)
		do(t, ctx, "emulate print", emulateMedia(emulation.SetEmulatedMediaParams{Media: "print"}))
		t.Cleanup(func() { _ = chromedp.Do(browser, setMedia("light")) })
		open(t, ctx, page)
		// What CSS alone shows, before folio.js opens anything.
		printJS := `(() => {
		  const bad = [];
		  const what = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).trim().split(/\s+/).join(".") : "");
		  for (const id of [%q, %q]) {
		    const op = document.getElementById(id + "-op");
		    for (const d of op.querySelectorAll("details")) {
		      for (const c of d.querySelectorAll(":scope > :not(summary)")) {
		        if (!d.open && !c.checkVisibility()) bad.push("hidden: " + what(c) + " in closed " + what(d) + " > summary " + JSON.stringify(d.querySelector("summary").textContent));
		      }
		    }
		    for (const p of op.querySelectorAll(".tab-panel")) {
		      if (!p.checkVisibility()) bad.push("hidden: sample panel " + what(p));
		    }
		    for (const e of op.querySelectorAll(".api-copy, .copy-button, .api-server-choice, .tabs-list, select")) {
		      if (e.checkVisibility()) bad.push("shown: " + what(e));
		    }
		    const list = op.querySelector(".api-servers > ul");
		    if (!list || !list.checkVisibility()) bad.push("the list of servers is not printed");
		  }
		  return bad;
		})()`
		js := fmt.Sprintf(printJS, apiOp, apiFolded)
		if bad := eval[[]string](t, ctx, js); len(bad) > 0 {
			t.Errorf("printed with print CSS alone:\n  %s", strings.Join(bad, "\n  "))
		}
		// folio.js opens every <details> before printing and closes them
		// again after.
		closedJS := `document.querySelectorAll(".content details:not([open])").length`
		closed := eval[int](t, ctx, closedJS)
		if closed == 0 {
			t.Fatal("no closed <details> in the fixture")
		}
		eval[bool](t, ctx, `dispatchEvent(new Event("beforeprint")), true`)
		if n := eval[int](t, ctx, closedJS); n != 0 {
			t.Errorf("after beforeprint, %d of %d closed <details> stay closed", n, closed)
		}
		if bad := eval[[]string](t, ctx, js); len(bad) > 0 {
			t.Errorf("printed after beforeprint:\n  %s", strings.Join(bad, "\n  "))
		}
		eval[bool](t, ctx, `dispatchEvent(new Event("afterprint")), true`)
		if n := eval[int](t, ctx, closedJS); n != closed {
			t.Errorf("after afterprint, %d <details> are closed, want the %d closed before printing", n, closed)
		}
	})
}

// apiPages are the pages with API blocks that the layout and
// accessibility checks visit, by site. axe visits the first page of each
// site only: the French guide page has the same markup as the English one.
var apiPages = []struct {
	name  string
	dir   func(t *testing.T) string
	paths []string
}{
	{"guide", func(*testing.T) string { return "../.." }, []string{"en/guide/api-reference/", "fr/guide/api-reference/"}},
	{"fixture", apiSite, []string{""}},
	{"govstack-bb-payments", func(t *testing.T) string {
		return filepath.Join(testkit.CorpusDir(t), "govstack-bb-payments")
	}, []string{"8-service-apis/8.2-voucher-management-apis/"}},
}

// openAllJS opens every <details> of the page's content, as a reader
// exploring the whole reference would.
const openAllJS = `(() => { const ds = document.querySelectorAll(".content details:not([open])"); ds.forEach(d => d.open = true); return ds.length; })()`

// checkHasAPI fails the test when the page on view has no API operation:
// a renamed page must not turn the checks into no-ops.
func checkHasAPI(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	if n := eval[int](t, ctx, `document.querySelectorAll(".content .api-op").length`); n == 0 {
		t.Fatalf("%s has no .api-op", url)
	}
}

// TestAPIWidths checks that pages with API blocks do not scroll sideways
// on a phone, as loaded and with every section and schema open.
func TestAPIWidths(t *testing.T) {
	browser := startBrowser(t, 360, 740)
	for _, site := range apiPages {
		t.Run(site.name, func(t *testing.T) {
			s := serve(t, site.dir(t))
			ctx := step(t, browser)
			for _, p := range site.paths {
				url := s.URL + "/" + p
				if msg := overflow(t, ctx, url); msg != "" {
					t.Errorf("/%s at 360 px: %s", p, msg)
				}
				checkHasAPI(t, ctx, url)
				if eval[int](t, ctx, openAllJS) == 0 {
					continue
				}
				if r := eval[overflowReport](t, ctx, overflowJS); r.ScrollWidth > r.InnerWidth {
					t.Errorf("/%s at 360 px with every <details> open: scrollWidth %d > innerWidth %d; overflowing: %s",
						p, r.ScrollWidth, r.InnerWidth, strings.Join(r.Culprits, ", "))
				}
			}
		})
	}
}

// TestAPIAxe runs axe (WCAG 2.0 and 2.1, A and AA) on pages with API
// blocks at a laptop's and a phone's width, in light and dark mode.
func TestAPIAxe(t *testing.T) {
	requireBrowser(t)
	script := axeScript(t)
	browser := startBrowser(t, 1280, 800)
	for _, site := range apiPages {
		t.Run(site.name, func(t *testing.T) {
			s := serve(t, site.dir(t))
			var found []finding
			for _, size := range []struct{ w, h int64 }{{1280, 800}, {360, 740}} {
				do(t, browser, "set the viewport", chromedp.EmulateViewport(size.w, size.h))
				for _, scheme := range []string{"light", "dark"} {
					do(t, browser, "emulate "+scheme, setMedia(scheme))
					for _, p := range site.paths[:1] {
						r, err := runAxe(browser, script, s.URL+"/"+p)
						if err != nil {
							t.Fatal(err)
						}
						checkHasAPI(t, browser, s.URL+"/"+p)
						for _, v := range r.Violations {
							found = append(found, finding{page: fmt.Sprintf("/%s at %d px", p, size.w), scheme: scheme, rule: v})
						}
					}
				}
			}
			if len(found) > 0 {
				t.Errorf("%d accessibility violations (rule, page, color scheme):%s", len(found), report(found))
			}
		})
	}
}
