package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	folioserve "folio/internal/serve"
	foliosite "folio/internal/site"
	"folio/internal/testkit"
)

// preview runs folio serve, as the command does, over dir until the test
// ends and returns the site's URL (with a trailing slash).
func preview(tb testing.TB, dir string) string {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	urls := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- folioserve.Run(ctx, folioserve.Options{Build: foliosite.Options{Dir: dir, NoMinify: true, Offline: true}, Addr: "127.0.0.1:0"},
			func(u string) { urls <- u })
	}()
	tb.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			tb.Errorf("serve: %v", err)
		}
	})
	select {
	case u := <-urls:
		return u
	case err := <-done:
		tb.Fatalf("serve: %v", err)
	case <-time.After(60 * time.Second):
		tb.Fatal("serve did not start")
	}
	return ""
}

// waitJS polls a JavaScript expression until it is true, through the
// reloads of the page.
func waitJS(t *testing.T, ctx context.Context, js string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var err error
	for time.Now().Before(deadline) {
		var ok bool
		if ok, err = chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: %v", js, err)
}

// previewPage has a paragraph, a <details> and a tab panel that each
// show the edit's number, and enough text below them to scroll.
func previewPage(n int) string {
	marker := fmt.Sprintf("edit-%d", n)
	var b strings.Builder
	fmt.Fprintf(&b, "# Page\n\nTop marker %s.\n\n<details>\n\n<summary>More</summary>\n\nInside marker %s.\n\n</details>\n\n", marker, marker)
	fmt.Fprintf(&b, "{%% tabs %%}\n{%% tab title=\"One\" %%}\none\n{%% endtab %%}\n{%% tab title=\"Two\" %%}\nTab marker %s.\n{%% endtab %%}\n{%% endtabs %%}\n\n", marker)
	b.WriteString("## Section\n\n```sh\necho hi\n```\n\n")
	for i := range 60 {
		fmt.Fprintf(&b, "Filler paragraph %d, long enough to wrap on a narrow screen and make the page scroll.\n\n", i)
	}
	return b.String()
}

// seenJS records, on every change of the page, how many times each
// "edit-N" shows in its rendered text (innerText leaves out what is
// hidden: a closed <details>, a tab panel not selected).
const seenJS = `(() => {
  window.folioProbe = true;
  window.folioSeen = {};
  const record = () => {
    const counts = {};
    for (const m of document.body.innerText.matchAll(/edit-(\d+)/g)) counts[m[1]] = (counts[m[1]] || 0) + 1;
    for (const k in counts) window.folioSeen[k] = Math.max(window.folioSeen[k] || 0, counts[k]);
  };
  new MutationObserver(record).observe(document.body, {subtree: true, childList: true, characterData: true});
  record();
  return true;
})()`

// previewEditPage previews a site whose page shows previewPage(0), opens
// that page in a new tab, and returns the site's folder and the tab.
func previewEditPage(t *testing.T) (string, context.Context) {
	t.Helper()
	requireBrowser(t)
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Page](page.md)\n",
		"README.md":  "# Home\n\nHello.\n",
		"page.md":    previewPage(0),
	})
	url := preview(t, dir)
	ctx := newTab(t, 1280, 800)
	open(t, ctx, url+"page/")
	return dir, ctx
}

// TestPreviewTenEdits makes ten edits 100 ms apart and finds every one in
// the page, in place: no reload, the scroll position, the open <details>
// and the selected tab kept.
func TestPreviewTenEdits(t *testing.T) {
	dir, ctx := previewEditPage(t)
	// The reader opens the <details>, chooses the second tab and scrolls.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(".content details > summary")),
		chromedp.Click(chromedp.CSS(".tabs [role=tab]:nth-child(2)")),
		chromedp.Evaluate[chromedp.Void](`window.scrollTo({top: 120, behavior: "instant"})`),
	); err != nil {
		t.Fatal(err)
	}
	scroll := eval[float64](t, ctx, "window.scrollY")
	if scroll < 100 {
		t.Fatalf("the page does not scroll: scrollY %v", scroll)
	}
	eval[bool](t, ctx, seenJS)

	for i := 1; i <= 10; i++ {
		testkit.WriteFiles(t, dir, map[string]string{"page.md": previewPage(i)})
		time.Sleep(100 * time.Millisecond)
	}
	waitJS(t, ctx, "(window.folioSeen || {})[10] === 3", 10*time.Second)

	if !eval[bool](t, ctx, "window.folioProbe === true") {
		t.Fatal("the page reloaded: an edit of text must update it in place")
	}
	seen := eval[map[string]int](t, ctx, "window.folioSeen")
	for i := 1; i <= 10; i++ {
		if n := seen[fmt.Sprint(i)]; n != 3 {
			t.Errorf("edit %d: shown in %d of its 3 places at most (seen: %v)", i, n, seen)
		}
	}
	if y := eval[float64](t, ctx, "window.scrollY"); y < scroll-2 || y > scroll+2 {
		t.Errorf("scroll position %v after the edits, was %v", y, scroll)
	}
	if !eval[bool](t, ctx, `document.querySelector(".content details").open`) {
		t.Error("the <details> the reader opened was closed by the update")
	}
	st := firstTabs(t, ctx)
	checkSelected(t, st, 1, "ten edits")

	// A changed heading is replaced whole and handed to window.folio.init,
	// which gives it back its anchor; the page does not reload.
	eval[bool](t, ctx, `(() => {
	  window.folioInitCalls = [];
	  window.folio = Object.assign({}, window.folio, {init(el) {
	    window.folioInitCalls.push(el.tagName);
	    if (el.matches(".content h2[id]") && !el.querySelector(".heading-anchor")) {
	      const a = document.createElement("a");
	      a.className = "heading-anchor";
	      el.appendChild(a);
	    }
	  }});
	  return true;
	})()`)
	testkit.WriteFiles(t, dir, map[string]string{"page.md": strings.Replace(previewPage(10), "## Section", "## Renamed section", 1)})
	waitJS(t, ctx, `(() => { const h = document.querySelector(".content h2");
	  return !!h && h.textContent.includes("Renamed section") && !!h.querySelector(".heading-anchor"); })()`, 10*time.Second)
	if !eval[bool](t, ctx, `window.folioProbe === true && window.folioInitCalls.includes("H2")`) {
		t.Errorf("a changed heading: reloaded, or window.folio.init not called on it (calls: %v)", eval[[]string](t, ctx, "window.folioInitCalls || []"))
	}
	// Without window.folio.init the page reloads, and folio.js enhances it.
	eval[bool](t, ctx, "delete window.folio, true")
	testkit.WriteFiles(t, dir, map[string]string{"page.md": strings.Replace(previewPage(10), "## Section", "## Renamed again", 1)})
	waitJS(t, ctx, `(() => { const h = document.querySelector(".content h2");
	  return window.folioProbe !== true && !!h && h.textContent.includes("Renamed again") && !!h.querySelector(".heading-anchor"); })()`, 10*time.Second)

	// A changed template is the frame: the page reloads, and keeps the
	// <details> the reader opened (t58: they all closed).
	eval[bool](t, ctx, seenJS)
	eval[bool](t, ctx, `document.querySelector(".content details").open = true`)
	testkit.WriteFiles(t, dir, map[string]string{"themes/default/templates/partials/footer.html": `<footer class="site-footer"><p>New footer</p></footer>`})
	// (The frame's change may reload the page more than once.)
	waitJS(t, ctx, `window.folioProbe !== true && document.body.innerText.includes("New footer") &&
	  document.readyState === "complete" && !!document.querySelector(".content details")?.open`, 10*time.Second)

	// The same burst adds a <details> before it: the one the reader
	// opened stays open, found by its id (t60 F8: all closed).
	eval[bool](t, ctx, seenJS)
	testkit.WriteFiles(t, dir, map[string]string{
		"themes/default/templates/partials/footer.html": `<footer class="site-footer"><p>Newer footer</p></footer>`,
		"page.md": strings.Replace(previewPage(10), "<details>", "<details>\n\n<summary>Added</summary>\n\nNew.\n\n</details>\n\n<details>", 1),
	})
	waitJS(t, ctx, `window.folioProbe !== true && document.body.innerText.includes("Newer footer") && document.readyState === "complete" &&
	  document.querySelectorAll(".content details").length === 2 && !!document.getElementById("more")?.open &&
	  !document.getElementById("added")?.open`, 10*time.Second)
}

// TestPreviewEnhancedEdit edits a code block and a heading: the page is
// updated in place, without a reload, and folio.js's window.folio.init
// gives the new code block its copy button and the new heading its
// anchor, once each, however often it runs.
func TestPreviewEnhancedEdit(t *testing.T) {
	dir, ctx := previewEditPage(t)
	if !eval[bool](t, ctx, `typeof (window.folio || {}).init === "function" &&
	  document.querySelectorAll(".content .code-block > .copy-button").length === 1 &&
	  !!document.querySelector(".content h2 .heading-anchor")`) {
		t.Fatal("folio.js did not expose window.folio.init, or did not enhance the page on load")
	}
	eval[bool](t, ctx, seenJS)

	page := strings.Replace(previewPage(0), "echo hi", "echo edited", 1)
	page = strings.Replace(page, "## Section", "## Edited section", 1)
	testkit.WriteFiles(t, dir, map[string]string{"page.md": page})
	waitJS(t, ctx, `(() => {
	  const pre = [...document.querySelectorAll(".content pre")].find(p => p.textContent.includes("echo edited"));
	  const h = document.querySelector(".content h2");
	  return !!pre && !!pre.closest(".code-block") && !!pre.closest(".code-block").querySelector(":scope > .copy-button") &&
	    !!h && h.textContent.includes("Edited section") && !!h.querySelector(".heading-anchor");
	})()`, 10*time.Second)
	if !eval[bool](t, ctx, "window.folioProbe === true") {
		t.Fatal("the page reloaded: an edited code block or heading must be updated in place")
	}
	// Idempotent: enhancing the whole page again adds nothing.
	const counts = `[document.querySelectorAll(".content .copy-button").length,
	  document.querySelectorAll(".content .heading-anchor").length,
	  document.querySelectorAll(".content [role=tablist]").length]`
	before := eval[[]int](t, ctx, counts)
	eval[bool](t, ctx, `window.folio.init(document), window.folio.init(document.querySelector(".content")), true`)
	if after := eval[[]int](t, ctx, counts); !slices.Equal(before, after) {
		t.Errorf("window.folio.init again: copy buttons, anchors, tab lists %v, were %v", after, before)
	}
	if before[0] != 1 || before[1] != 1 {
		t.Errorf("copy buttons, anchors: %v, want one of each", before[:2])
	}
	// The tabs still work: a click selects the second one.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(".tabs [role=tab]:nth-child(2)"))); err != nil {
		t.Fatal(err)
	}
	checkSelected(t, firstTabs(t, ctx), 1, "after the update")
}

// overlayJS describes the diagnostics overlay: its text, and whether it
// overlaps the site's header (which holds the search box).
const overlayJS = `(() => {
  const o = document.getElementById("folio-overlay");
  if (!o) return {shown: false};
  const a = o.getBoundingClientRect();
  const h = document.querySelector(".site-header").getBoundingClientRect();
  const s = document.querySelector(".search").getBoundingClientRect();
  const meets = (b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  return {shown: true, text: o.innerText, tag: o.tagName, covers: meets(h) || meets(s)};
})()`

// overlayLinksJS lists where the overlay's links lead.
const overlayLinksJS = `[...document.querySelectorAll("#folio-overlay li a")].map(a => a.getAttribute("href")).join(" ")`

type overlayState struct {
	Shown  bool   `json:"shown"`
	Text   string `json:"text"`
	Tag    string `json:"tag"`
	Covers bool   `json:"covers"`
}

// TestPreviewOverlay: the overlay shows a page's own diagnostics only (the
// home page's once showed everywhere), never over the header and search
// box, and folds into a badge that stays folded.
func TestPreviewOverlay(t *testing.T) {
	requireBrowser(t)
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md":                "# Summary\n\n* [Home](README.md)\n* [Broken](broken.md)\n* [Clean](clean.md)\n* [Gone](gone.md)\n* [Uses](uses.md)\n",
		"README.md":                 "# Home\n\n![x](home-missing.png)\n",
		"broken.md":                 "# Broken\n\n![x](broken-missing.png)\n",
		"clean.md":                  "# Clean\n\nNothing wrong.\n",
		"uses.md":                   "# Uses\n\n{% include \".gitbook/includes/snip.md\" %}\n",
		".gitbook/includes/snip.md": "![x](snip-missing.png)\n",
	})
	url := preview(t, dir)
	for _, w := range []int64{1280, 360} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			ctx := newTab(t, w, 740)
			state := func(page string) overlayState {
				open(t, ctx, url+page)
				time.Sleep(300 * time.Millisecond) // the diagnostics come over the event stream
				return eval[overlayState](t, ctx, overlayJS)
			}
			// A page without problems of its own shows the others' folded
			// into a badge, which unfolds on a click: a slip elsewhere (in
			// SUMMARY.md here) may be why the page changed.
			if st := state("clean/"); !st.Shown || st.Tag != "BUTTON" || strings.Contains(st.Text, "missing") {
				t.Errorf("clean page: overlay %+v, want a badge of the problems elsewhere", st)
			}
			// By keyboard: Enter on the badge unfolds it, focus on its Hide
			// button; Enter there folds it, focus back on the badge.
			eval[bool](t, ctx, `document.getElementById("folio-overlay").focus(), true`)
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
				t.Fatal(err)
			}
			if st := eval[overlayState](t, ctx, overlayJS); st.Tag == "BUTTON" || !strings.Contains(st.Text, "gone.md") || !strings.Contains(st.Text, "elsewhere") {
				t.Errorf("clean page, badge opened: overlay %+v, want the problems elsewhere listed", st)
			}
			if got := eval[string](t, ctx, `document.activeElement.textContent`); got != "Hide" {
				t.Errorf("badge opened by keyboard: focus on %q, want Hide", got)
			}
			// Elsewhere, to the other page's section; SUMMARY.md's problem
			// is in no page.
			if got := eval[string](t, ctx, overlayLinksJS); !strings.Contains(got, "/broken/#broken") || !strings.Contains(got, "/#home") || strings.Contains(got, "gone") {
				t.Errorf("clean page, problems elsewhere: links %q, want /broken/#broken and /#home", got)
			}
			if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
				t.Fatal(err)
			}
			if !eval[bool](t, ctx, `document.activeElement === document.getElementById("folio-overlay") && document.activeElement.tagName === "BUTTON"`) {
				t.Errorf("panel hidden by keyboard: focus on %s, want the badge", eval[string](t, ctx, `document.activeElement.tagName`))
			}
			st := state("broken/")
			if !st.Shown || !strings.Contains(st.Text, "broken-missing.png") {
				t.Fatalf("broken page: overlay %+v, want its missing image", st)
			}
			if strings.Contains(st.Text, "home-missing.png") || strings.Contains(st.Text, "gone.md") {
				t.Errorf("broken page shows other pages' problems: %q", st.Text)
			}
			if st.Covers {
				t.Error("the overlay covers the header or the search box")
			}
			// Each problem's place links to the section it is in.
			if got := eval[string](t, ctx, overlayLinksJS); got != "#broken" {
				t.Errorf("broken page: overlay links %q, want #broken", got)
			}
			// An included file's problem shows on the page that includes it.
			if st := state("uses/"); !st.Shown || !strings.Contains(st.Text, "snip-missing.png") {
				t.Errorf("page including a broken file: overlay %+v, want the file's problem", st)
			}
			if home := state(""); !home.Shown || !strings.Contains(home.Text, "home-missing.png") || strings.Contains(home.Text, "broken-missing.png") {
				t.Errorf("home page: overlay %+v, want its own problem only", home)
			}

			// Folded into a badge, it stays folded on the next page and
			// after an update, and unfolds on a click.
			open(t, ctx, url+"broken/")
			waitJS(t, ctx, `!!document.getElementById("folio-overlay")`, 5*time.Second)
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#folio-overlay button"))); err != nil {
				t.Fatal(err)
			}
			if st := eval[overlayState](t, ctx, overlayJS); st.Tag != "BUTTON" || strings.Contains(st.Text, "missing") || st.Covers {
				t.Errorf("folded overlay: %+v, want a badge", st)
			}
			testkit.WriteFiles(t, dir, map[string]string{"broken.md": "# Broken\n\n![x](broken-missing.png) ![y](another-" + fmt.Sprint(w) + ".png)\n"})
			waitJS(t, ctx, `document.body.innerText.includes("Broken") && (document.getElementById("folio-overlay") || {}).textContent === "⚠ 2"`, 10*time.Second)
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#folio-overlay"))); err != nil {
				t.Fatal(err)
			}
			if st := eval[overlayState](t, ctx, overlayJS); st.Tag == "BUTTON" || !strings.Contains(st.Text, "another-") {
				t.Errorf("unfolded overlay: %+v", st)
			}
			testkit.WriteFiles(t, dir, map[string]string{"broken.md": "# Broken\n\n![x](broken-missing.png)\n"})
		})
	}
}

// BenchmarkPreviewEdit measures, in Chromium, the time from writing a page
// of govstack-playbook (a copy) to its new text showing in the open page,
// through folio serve as a reader runs it: the watcher, the update, the
// event, the fetch and the update in place. It reports the median.
//
//	go test -run '^$' -bench PreviewEdit -benchtime 30x ./internal/browser
func BenchmarkPreviewEdit(b *testing.B) {
	corpus := testkit.CorpusDir(b)
	for _, page := range []string{
		"learning-and-exchange/capacity-building/academic-support", // a typical page: 24 kB of Markdown
		"digital-team-composition/user-profiles-taxonomy",          // the largest: 93 kB, 40 <details>
	} {
		b.Run(filepath.Base(page), func(b *testing.B) {
			dir := filepath.Join(benchDir(b), "site")
			if err := os.CopyFS(dir, os.DirFS(filepath.Join(corpus, "govstack-playbook"))); err != nil {
				b.Fatal(err)
			}
			src := filepath.Join(dir, "govstack-implementation-playbook", page+".md")
			orig, err := os.ReadFile(src)
			if err != nil {
				b.Fatal(err)
			}
			title, rest, _ := strings.Cut(string(orig), "\n")
			url := preview(b, dir)
			ctx := benchTab(b)
			if err := chromedp.Do(ctx, chromedp.Navigate(url+"govstack-implementation-playbook/"+page+"/"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
				b.Fatal(err)
			}
			var times []time.Duration
			for i := 0; b.Loop(); i++ {
				marker := fmt.Sprintf("folio-bench-%d", i)
				if err := os.WriteFile(src, []byte(title+"\n\nPreview edit "+marker+".\n"+rest), 0o644); err != nil {
					b.Fatal(err)
				}
				wrote := time.Now()
				// The page stamps the moment the text shows; the clocks are
				// the same machine's.
				// The page notes the time of the first paint that shows the
				// text: a task posted from the frame's animation callback
				// runs once that frame is painted. The clocks are the same
				// machine's.
				shown, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`new Promise(resolve => {
				  const has = () => document.body.textContent.includes("`+marker+`");
				  const done = () => requestAnimationFrame(() => {
				    const c = new MessageChannel();
				    c.port1.onmessage = () => resolve(performance.timeOrigin + performance.now());
				    c.port2.postMessage(0);
				  });
				  if (has()) return done();
				  const o = new MutationObserver(() => { if (has()) { o.disconnect(); done(); } });
				  o.observe(document.body, {subtree: true, childList: true, characterData: true});
				})`, chromedp.EvalAsValue, chromedp.EvalAwaitPromise))
				if err != nil {
					b.Fatal(err)
				}
				times = append(times, time.UnixMicro(int64(shown*1000)).Sub(wrote))
				if reloaded, _ := chromedp.Run(ctx, chromedp.Evaluate[bool]("window.folioBenchProbe !== true")); reloaded && i > 0 {
					b.Fatalf("edit %d reloaded the page", i)
				}
				if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("window.folioBenchProbe = true")); err != nil {
					b.Fatal(err)
				}
				// An editor's saves are some way apart: let the search
				// index that follows each update be written.
				time.Sleep(150 * time.Millisecond)
			}
			slices.Sort(times)
			b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "ms/median-write-to-visible")
			b.ReportMetric(float64(times[len(times)*9/10].Microseconds())/1000, "ms/p90")
		})
	}
}

// benchTab is newTab for a benchmark.
func benchTab(b *testing.B) context.Context {
	if _, err := os.Stat(chromiumPath); err != nil {
		b.Skipf("needs Chromium at %s", chromiumPath)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(b.TempDir()),
		chromedp.WindowSize(1280, 800),
	)
	ctx, cancel := chromedp.NewContext(alloc)
	b.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1280, 800)); err != nil {
		b.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// benchDir is a directory in memory when the machine has one, so that the
// figures measure folio rather than the disk.
func benchDir(b *testing.B) string {
	if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
		if d, err := os.MkdirTemp("/dev/shm", "folio-preview-bench-"); err == nil {
			b.Cleanup(func() { os.RemoveAll(d) })
			b.Setenv("TMPDIR", d) // the server's output beside its sources
			return d
		}
	}
	return b.TempDir()
}

// TestPreviewHiddenTab: a hidden tab holds no stream, so that six open
// tabs do not take the six connections a browser allows to a host (t41:
// the seventh tab never loaded); shown again, it catches up at once.
func TestPreviewHiddenTab(t *testing.T) {
	dir, ctx := previewEditPage(t)
	eval[bool](t, ctx, seenJS)
	const setVisibility = `(state) => {
	  Object.defineProperty(document, "visibilityState", {configurable: true, get: () => state});
	  document.dispatchEvent(new Event("visibilitychange"));
	  return true;
	}`
	eval[bool](t, ctx, "("+setVisibility+`)("hidden")`)
	testkit.WriteFiles(t, dir, map[string]string{"page.md": previewPage(1)})
	time.Sleep(1500 * time.Millisecond)
	if eval[bool](t, ctx, "(window.folioSeen || {})[1] > 0") {
		t.Fatal("a hidden tab was updated: it still holds its stream")
	}
	eval[bool](t, ctx, "("+setVisibility+`)("visible")`)
	waitJS(t, ctx, "(window.folioSeen || {})[1] > 0", 5*time.Second) // the paragraph; <details> and the second tab are closed
	if !eval[bool](t, ctx, "window.folioProbe === true") {
		t.Error("the tab shown again reloaded: it should update in place")
	}
}

// TestPreviewFailedBuild: a build that fails (a broken template, whose
// error has a file) shows on every open page as the page's own problem,
// unfolded, not as another page's badge (t41).
func TestPreviewFailedBuild(t *testing.T) {
	requireBrowser(t)
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n\nNothing wrong.\n",
	})
	url := preview(t, dir)
	ctx := newTab(t, 1280, 740)
	open(t, ctx, url)
	testkit.WriteFiles(t, dir, map[string]string{"themes/default/templates/partials/footer.html": "{{ if }}broken"})
	waitJS(t, ctx, `!!document.getElementById("folio-overlay")`, 10*time.Second)
	if st := eval[overlayState](t, ctx, overlayJS); st.Tag == "BUTTON" || !strings.Contains(st.Text, "The build failed") || !strings.Contains(st.Text, "footer.html") ||
		!strings.Contains(st.Text, "this is the last site that built") {
		t.Errorf("failed build: overlay %+v, want the failure listed, unfolded, over the last site", st)
	}
}

// TestPreviewFirstBuildFails: when no build has succeeded yet, the page
// that waits for one lists the problems without calling itself the last
// site that built (t58).
func TestPreviewFirstBuildFails(t *testing.T) {
	requireBrowser(t)
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n",
		"themes/default/templates/partials/footer.html": "{{ if }}broken",
	})
	url := preview(t, dir)
	ctx := newTab(t, 1280, 740)
	open(t, ctx, url)
	waitJS(t, ctx, `!!document.getElementById("folio-overlay")`, 10*time.Second)
	// The waiting page has no header: the overlay's text alone.
	if text := eval[string](t, ctx, `document.getElementById("folio-overlay").innerText`); !strings.Contains(text, "no site has built yet") || strings.Contains(text, "last site") {
		t.Errorf("first build failed: overlay %q, want it to say no site has built yet", text)
	}
}

// TestPreviewFollowsMovedPage: a tab whose page a build publishes at
// another address (a docs.yaml section's path renamed) goes there, at the
// same heading, rather than reload to "Page not found" (t70).
func TestPreviewFollowsMovedPage(t *testing.T) {
	requireBrowser(t)
	docs := "site:\n  structure:\n    - type: section\n      key: docs\n      default: true\n      children:\n        - {type: space, key: d, content: {directory: docs, language: en}}\n" +
		"    - type: section\n      key: guides\n      path: guides\n      children:\n        - {type: space, key: g, content: {directory: guides, language: en}}\n"
	dir := testkit.Site(t, map[string]string{
		"docs.yaml":         docs,
		"docs/README.md":    "# Home\n",
		"guides/SUMMARY.md": "# S\n\n* [Guides](README.md)\n* [A](a.md)\n",
		"guides/README.md":  "# Guides\n", "guides/a.md": "# A\n\n## Part\n\nText.\n",
	})
	url := preview(t, dir)
	ctx := newTab(t, 1280, 740)
	open(t, ctx, url+"guides/a/#part")
	time.Sleep(300 * time.Millisecond) // the event stream connects
	testkit.WriteFiles(t, dir, map[string]string{"docs.yaml": strings.Replace(docs, "path: guides", "path: howto", 1)})
	waitJS(t, ctx, `location.pathname === "/howto/a/" && location.hash === "#part" && document.querySelector("h1") !== null && document.querySelector("h1").textContent.includes("A")`, 20*time.Second)
}

// TestPreviewSearchFollowsEdits: a search in an open tab of the live
// preview finds what an edit wrote, in another page than the one shown,
// without a reload of the page (t78: the index loaded first was kept).
func TestPreviewSearchFollowsEdits(t *testing.T) {
	requireBrowser(t)
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Other](other.md)\n",
		"README.md":  "# Home\n\nWelcome to the handbook of the project.\n",
		"other.md":   "# Other\n\nNothing special here.\n",
	})
	url := preview(t, dir)
	ctx := newTab(t, 1280, 740)
	open(t, ctx, url)
	time.Sleep(300 * time.Millisecond) // the event stream connects
	if st := search(t, ctx, "zanzibarword"); len(st.Options) != 0 {
		t.Fatalf("before the edit, the search found %v", st.Options)
	}
	testkit.WriteFiles(t, dir, map[string]string{"other.md": "# Other\n\nThe zanzibarword is here now.\n"})
	for deadline := time.Now().Add(20 * time.Second); ; {
		eval[bool](t, ctx, `(() => { const i = document.getElementById("folio-search-input"); i.value = "";
		  i.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
		if st := search(t, ctx, "zanzibarword"); len(st.Options) > 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("after the edit, the search never found the new word")
		}
		time.Sleep(200 * time.Millisecond)
	}
}
