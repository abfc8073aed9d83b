package browser

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"folio/internal/testkit"
)

// searchSite is a site in four languages, one of them right to left, for
// the search and interface tests: inflected Russian words, a Chinese
// phrase and its neighbours, a typo-prone name, many pages with the same
// word, a word deep in a long page, and an identifier too long to be a
// term of the index.
func searchSite(t *testing.T) string {
	t.Helper()
	files := map[string]string{
		"site.yaml": "title: Fixture\nlanguages:\n" +
			"  - {code: en, name: English, dir: en}\n" +
			"  - {code: ru, name: Русский, dir: ru}\n" +
			"  - {code: zh, name: 中文, dir: zh}\n" +
			"  - {code: fa, name: فارسی, dir: fa}\n",
		"en/README.md":  "# Home\n\nWelcome.\n",
		"en/django.md":  "# Frameworks\n\nInstall Django first, then write views.\n",
		"en/codes.md":   "# Error codes\n\n| Code | Meaning |\n| --- | --- |\n| `card_declined_insufficient_funds_or_limit_exceeded_by_issuer` | The bank refused the payment. |\n",
		"en/long.md":    "# Long page\n\nIntro.\n\n## Early\n\n" + strings.Repeat("Filler text about nothing in particular. ", 80) + "\n\n## Late\n\n" + strings.Repeat("More filler for the reader. ", 80) + "Here is the haystack needle, at last.\n",
		"ru/README.md":  "# Главная\n\nДобро пожаловать.\n",
		"ru/one.md":     "# Объявление\n\nОбъявите переменную перед циклом.\n",
		"ru/two.md":     "# Список\n\nСписок переменных программы.\n",
		"ru/three.md":   "# Другое\n\nНичего общего.\n",
		"zh/README.md":  "# 首页\n\n欢迎。\n",
		"zh/setup.md":   "# 检索\n\n检索设置很简单。\n",
		"zh/devices.md": "# 设备\n\n设备列表。\n",
		"fa/README.md": "# خانه\n\nبرای اجرا بنویسید `print(\"Ola\")` و ببینید.\n\nمجوز: <http://creativecommons.org/licenses/by-sa/4.0/>\n\n```python\n>>> print(\"Ola\")\nOla\n```\n\n" +
			"| ستون یک | ستون دو | ستون سه | ستون چهار | ستون پنج | ستون شش |\n| --- | --- | --- | --- | --- | --- |\n" +
			"| " + strings.Repeat("متن طولانی ", 12) + " | دو | سه | چهار | پنج | شش |\n",
	}
	summary := map[string]string{
		"en": "# Summary\n\n* [Home](README.md)\n* [Frameworks](django.md)\n* [Long page](long.md)\n* [Error codes](codes.md)\n",
		"ru": "# Summary\n\n* [Главная](README.md)\n* [Объявление](one.md)\n* [Список](two.md)\n* [Другое](three.md)\n",
		"zh": "# Summary\n\n* [首页](README.md)\n* [检索](setup.md)\n* [设备](devices.md)\n",
		"fa": "# Summary\n\n* [خانه](README.md)\n",
	}
	for i := range 25 {
		name := fmt.Sprintf("note-%02d.md", i)
		files["en/"+name] = fmt.Sprintf("# Note %d\n\nA common word on every note.\n", i)
		summary["en"] += fmt.Sprintf("* [Note %d](%s)\n", i, name)
	}
	for lang, s := range summary {
		files[lang+"/SUMMARY.md"] = s
	}
	return testkit.Site(t, files)
}

// searchState is what the search box shows: its options (the last one may
// be "More results"), the marked parts of the snippets, and its status.
type searchState struct {
	Options []string `json:"options"`
	Hrefs   []string `json:"hrefs"`
	Marks   []string `json:"marks"`
	More    bool     `json:"more"`
	Status  string   `json:"status"`
	Count   string   `json:"count"` // what the hidden live region says
	Focused bool     `json:"focused"`
}

const searchStateJS = `(() => {
  const opts = [...document.querySelectorAll("#folio-search-results [role=option]")];
  return {
    options: opts.map(o => (o.querySelector(".search-title") || o).textContent),
    hrefs: opts.map(o => o.dataset.href ? new URL(o.dataset.href, location.href).href : ""),
    marks: [...document.querySelectorAll("#folio-search-results .search-snippet mark")].map(m => m.textContent),
    more: !!document.getElementById("folio-search-more"),
    status: document.querySelector(".search-status").textContent,
    count: [...document.querySelectorAll("form.search [role=status]")].filter(e => !e.classList.contains("search-status")).map(e => e.textContent).join("|"),
    focused: document.activeElement === document.getElementById("folio-search-input"),
  };
})()`

// search types q into the search field (as a paste: any script) and waits
// for its results or its status to show.
func search(t *testing.T, ctx context.Context, q string) searchState {
	t.Helper()
	js := fmt.Sprintf(`(() => { const i = document.getElementById("folio-search-input"); i.focus(); i.value = %q;
	  i.dispatchEvent(new Event("input", {bubbles: true})); })()`, q)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatalf("type %q: %v", q, err)
	}
	shown := `(() => { const p = document.querySelector(".search-panel"); const s = document.querySelector(".search-status").textContent;
	  return !p.hidden && (document.querySelector("#folio-search-results [role=option]") !== null || (s !== "" && !/…$/.test(s))); })()`
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](shown, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("search %q: no results or status shown: %v", q, err)
	}
	return eval[searchState](t, ctx, searchStateJS)
}

// fileURL is the address of a page of a built site opened from disk.
func fileURL(out, page string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(out, page))}).String()
}

// TestSearchFromFile opens folio's guide from disk, as the README says to,
// searches it and follows a result: the index loads without a server, and
// the page it leads to marks the words searched for.
func TestSearchFromFile(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	open(t, ctx, fileURL(s.Out, "en/index.html"))
	st := search(t, ctx, "configuration")
	if len(st.Options) == 0 {
		t.Fatalf("no results from file://; status %q", st.Status)
	}
	if !strings.Contains(st.Hrefs[0], "/index.html?highlight=configuration") {
		t.Errorf("first result links to %s, want a page's index.html with ?highlight=", st.Hrefs[0])
	}
	leave(t, ctx)
	pollTrue(t, ctx, `document.querySelectorAll("mark.search-hit").length > 0`, "the page marks the words searched for")
	if got := eval[string](t, ctx, "location.search"); got != "" {
		t.Errorf("the address keeps %q after highlighting", got)
	}
}

// TestSearchLinked opens a linked search, ?q=, from disk and over http:
// the field holds the words, has the focus and lists the results (t80:
// an empty panel, as search.js runs before folio.js shows the field).
func TestSearchLinked(t *testing.T) {
	s := serve(t, searchSite(t))
	ctx := newTab(t, 1280, 800)
	for _, u := range []string{fileURL(s.Out, "en/index.html") + "?q=django", s.URL + "/en/?q=django"} {
		open(t, ctx, u)
		shown := `document.querySelector("#folio-search-results [role=option]") !== null`
		pollTrue(t, ctx, shown, u)
		st := eval[searchState](t, ctx, searchStateJS)
		if len(st.Options) == 0 || st.Options[0] != "Frameworks" || !st.Focused {
			t.Errorf("%s: results %q, focus in the field %v; want Frameworks first, and the focus", u, st.Options, st.Focused)
		}
	}
}

// leave presses Enter in the search field and waits for the page it
// leads to: the old page's scripts are gone when the new one is ready.
func leave(t *testing.T, ctx context.Context) {
	t.Helper()
	from := eval[string](t, ctx, "location.href")
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		// Errors are expected while the old document goes away.
		if here, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.readyState === "complete" ? location.href : ""`)); err == nil && here != "" && here != from {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("Enter in the search field did not leave %s", from)
}

// pollTrue polls a JavaScript expression until it is true.
func pollTrue(t *testing.T, ctx context.Context, js, what string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
		t.Fatalf("%s: %s never became true: %v", what, js, err)
	}
}

// TestSearchFinds runs the searches readers make: inflected Russian, a
// typo, Chinese characters, many results, and the keyboard.
func TestSearchFinds(t *testing.T) {
	s := serve(t, searchSite(t))
	ctx := startBrowser(t, 1280, 800)

	t.Run("russian", func(t *testing.T) {
		ctx := stepCtx(t, ctx)
		open(t, ctx, s.URL+"/ru/")
		// переменные finds переменную and переменных: the same stem.
		st := search(t, ctx, "переменные ")
		if len(st.Options) != 2 {
			t.Errorf("переменные found %q, want the two pages with переменную and переменных", st.Options)
		}
		for _, m := range st.Marks {
			if !strings.HasPrefix(m, "переменн") {
				t.Errorf("marked %q", m)
			}
		}
	})

	t.Run("typo", func(t *testing.T) {
		ctx := stepCtx(t, ctx)
		open(t, ctx, s.URL+"/en/")
		st := search(t, ctx, "djnago")
		if len(st.Options) != 1 || st.Options[0] != "Frameworks" {
			t.Errorf("djnago found %q, want Frameworks", st.Options)
		}
		if len(st.Marks) != 1 || st.Marks[0] != "Django" {
			t.Errorf("djnago marked %q in the snippet, want Django", st.Marks)
		}
	})

	t.Run("chinese", func(t *testing.T) {
		ctx := stepCtx(t, ctx)
		open(t, ctx, s.URL+"/zh/")
		st := search(t, ctx, "设置")
		if len(st.Options) != 1 || st.Options[0] != "检索" {
			t.Errorf("设置 found %q, want 检索 only (设备 shares a character)", st.Options)
		}
		if len(st.Marks) != 1 || st.Marks[0] != "设置" {
			t.Errorf("设置 marked %q, want only its own two characters", st.Marks)
		}
	})

	t.Run("long identifier", func(t *testing.T) {
		ctx := stepCtx(t, ctx)
		open(t, ctx, s.URL+"/en/")
		// Indexed as its parts only: any prefix of it typed with its
		// underscores finds them.
		for _, q := range []string{"card_dec", "card_declined", "card_declined_insufficient", "card_declined_insufficient_funds_or_limit_exceeded_by_issuer"} {
			st := search(t, ctx, q)
			if len(st.Options) != 1 || st.Options[0] != "Error codes" {
				t.Errorf("%s found %q (%s), want Error codes", q, st.Options, st.Status)
			}
		}
	})

	t.Run("more", func(t *testing.T) {
		ctx := stepCtx(t, ctx)
		open(t, ctx, s.URL+"/en/")
		st := search(t, ctx, "common")
		if len(st.Options) != 11 || !st.More {
			t.Fatalf("common shows %d options (more: %v), want 10 results and More results", len(st.Options), st.More)
		}
		// Screen readers are told how many results there are, all of them
		// (WCAG 4.1.3; tester: the status said nothing).
		if st.Count != "Search results: 25" {
			t.Errorf("the live region says %q, want Search results: 25", st.Count)
		}
		// The last option shows the next ten, and the first of them is the
		// active one; a click on it shows the rest.
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		pollTrue(t, ctx, `document.querySelectorAll("#folio-search-results [role=option]").length === 21`, "More results adds ten results")
		if st = eval[searchState](t, ctx, searchStateJS); !st.More || !st.Focused {
			t.Errorf("after More results: more %v, focus in the field %v", st.More, st.Focused)
		}
		if got := eval[string](t, ctx, `document.getElementById("folio-search-input").getAttribute("aria-activedescendant")`); got != "folio-search-opt-10" {
			t.Errorf("active option %q, want the eleventh result", got)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#folio-search-more"))); err != nil {
			t.Fatal(err)
		}
		pollTrue(t, ctx, `document.querySelectorAll("#folio-search-results [role=option]").length === 25 && !document.getElementById("folio-search-more")`,
			"a click on More results shows the last five")
	})

	t.Run("ctrl-k", func(t *testing.T) {
		ctx := stepCtx(t, ctx)
		open(t, ctx, s.URL+"/en/django/")
		if eval[bool](t, ctx, searchStateJS+".focused") {
			t.Fatal("the search field has the focus on load")
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl))); err != nil {
			t.Fatal(err)
		}
		if !eval[searchState](t, ctx, searchStateJS).Focused {
			t.Error("Ctrl+K does not focus the search field")
		}
		// No key alone: one could not be turned off (WCAG 2.1.4, t79).
		eval[bool](t, ctx, `document.activeElement.blur(), true`)
		if err := chromedp.Do(ctx, chromedp.KeyEvent("/")); err != nil {
			t.Fatal(err)
		}
		if eval[searchState](t, ctx, searchStateJS).Focused {
			t.Error("/ alone focuses the search field")
		}
		if got := eval[string](t, ctx, `document.querySelector(".search-key").textContent + "|" + document.getElementById("folio-search-input").getAttribute("aria-keyshortcuts")`); got != "Ctrl K|Control+K Meta+K" {
			t.Errorf("the field shows and announces %q, want Ctrl K|Control+K Meta+K", got)
		}
	})

	t.Run("landing", func(t *testing.T) {
		ctx := stepCtx(t, ctx)
		open(t, ctx, s.URL+"/en/")
		st := search(t, ctx, "needle")
		if len(st.Options) != 1 || !strings.Contains(st.Hrefs[0], "#late") {
			t.Fatalf("needle found %q → %q, want the Late section of the long page", st.Options, st.Hrefs)
		}
		if len(st.Marks) != 1 || st.Marks[0] != "needle" {
			t.Errorf("the snippet marks %q, want needle: the sentence that holds it, not the start of the section", st.Marks)
		}
		leave(t, ctx)
		pollTrue(t, ctx, `(() => { const m = document.querySelector("mark.search-hit"); if (!m) return false;
		  const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight && m.textContent === "needle"; })()`,
			"the first mark is in view")
	})
}

// stepCtx gives a subtest its own deadline in a shared browser.
func stepCtx(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	c, cancel := context.WithTimeout(ctx, 40*time.Second)
	t.Cleanup(cancel)
	return c
}

// TestSearchSnippetShowsMatch searches the guide for a word that a long
// section uses only far into its text, and that titles and headings hold:
// those rank first, and every result's snippet shows the word.
func TestSearchSnippetShowsMatch(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/en/")
	st := search(t, ctx, "honkit ")
	if len(st.Options) == 0 {
		t.Fatalf("honkit found nothing; status %q", st.Status)
	}
	unmarked := eval[[]string](t, ctx, `[...document.querySelectorAll("#folio-search-results [role=option]")].
	  filter(o => o.querySelector(".search-snippet") && !o.querySelector(".search-snippet mark")).
	  map(o => o.textContent)`)
	if len(unmarked) > 0 {
		t.Errorf("results whose snippet lacks the word: %q", unmarked)
	}
	first := eval[string](t, ctx, `(o => o.querySelector(".search-title").textContent + " › " +
	  ((o.querySelector(".search-heading") || {}).textContent || ""))(document.querySelector("#folio-search-results [role=option]"))`)
	if !strings.Contains(strings.ToLower(first), "honkit") {
		t.Errorf("first result %q: want a page or section titled with HonKit first (pages: %q)", first, st.Options)
	}
}

// ctrlK stands for Ctrl+K in a list of keys to press.
const ctrlK = "\x00ctrl-k"

// TestSearchEscapeGivesFocusBack: a reader mid-page who opens search with
// a shortcut and leaves it with Escape goes on from where they were, not
// from the header (t52, WCAG 2.4.3); one who clicked into the field
// leaves it as before.
func TestSearchEscapeGivesFocusBack(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/en/guide/gitbook-blocks/")
	eval[bool](t, ctx, `(window.mid = document.querySelectorAll(".content a[href]")[10]).focus(), true`)
	for _, c := range []struct {
		what string
		keys []string
	}{
		{"Ctrl+K, a search and three Escapes", []string{ctrlK, "block", kb.Escape, kb.Escape, kb.Escape}},
		// Through the results panel by Tab, and back by Escape (t54).
		{"Ctrl+K, a search, Tab into the results and three Escapes", []string{ctrlK, "block", kb.Tab, kb.Escape, kb.Escape, kb.Escape}},
		// Ctrl+K again from the results panel is still the same search (t55).
		{"Ctrl+K, a search, Tab, Ctrl+K and three Escapes", []string{ctrlK, "block", kb.Tab, ctrlK, kb.Escape, kb.Escape, kb.Escape}},
	} {
		for _, key := range c.keys {
			press := chromedp.KeyEvent(key)
			if key == ctrlK {
				press = chromedp.KeyEvent("k", chromedp.KeyModifiers(chromedp.ModifierCtrl))
			}
			if err := chromedp.Do(ctx, press); err != nil {
				t.Fatalf("press %q: %v", key, err)
			}
			time.Sleep(100 * time.Millisecond)
		}
		if !eval[bool](t, ctx, `document.activeElement === window.mid`) {
			t.Errorf("after %s, focus is on %s, want the link it was on", c.what, eval[string](t, ctx, `document.activeElement.outerHTML.slice(0, 80)`))
		}
	}
	// Clicked into, the field is left without a place to go back to.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#folio-search-input"))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if !eval[bool](t, ctx, `document.activeElement === document.body`) {
		t.Errorf("Escape in a field clicked into: focus on %s, want none", eval[string](t, ctx, `document.activeElement.tagName`))
	}
}

// TestSearchClickFollows: a click on a result, which holds no link of its
// own (t52), leads to its page; a Ctrl+click leaves the page where it is
// (a new tab gets the result).
func TestSearchClickFollows(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/en/guide/configuration/")
	st := search(t, ctx, "theme")
	if len(st.Hrefs) == 0 || st.Hrefs[0] == "" {
		t.Fatalf("no result to follow: %+v", st)
	}
	from := eval[string](t, ctx, "location.href")
	at := eval[[]float64](t, ctx, `(r => [r.x + r.width / 2, r.y + r.height / 2])(document.querySelector("#folio-search-opt-0 .search-title").getBoundingClientRect())`)
	if err := chromedp.Do(ctx, chromedp.MouseClickXY(at[0], at[1], chromedp.ButtonModifiers(chromedp.ModifierCtrl))); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if got := eval[string](t, ctx, "location.href"); got != from {
		t.Errorf("Ctrl+click on a result left the page for %s", got)
	}
	search(t, ctx, "theme")
	want, _, _ := strings.Cut(st.Hrefs[0], "?")
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#folio-search-opt-0 .search-title"))); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		// Errors are expected while the old document goes away.
		// The page drops ?highlight= once it has marked the words.
		if here, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.origin + location.pathname`)); err == nil && here == want {
			return
		}
	}
	t.Errorf("a click on the first result did not lead to %s", want)
}

// TestSearchBack: Back from a result shows the search again, the query
// in the field and its results listed, where a page the browser did not
// keep came back with an empty field (t80); once: a reload after that
// shows the page alone.
func TestSearchBack(t *testing.T) {
	s := serve(t, "../..")
	ctx := newTab(t, 1280, 800)
	open(t, ctx, s.URL+"/en/guide/configuration/")
	// An unload listener keeps the page out of the back-forward cache:
	// it comes back loaded anew, as many pages do.
	eval[bool](t, ctx, `addEventListener("unload", () => {}), true`)
	if st := search(t, ctx, "theme"); len(st.Options) == 0 {
		t.Fatalf("no results for theme: %+v", st)
	}
	from := eval[string](t, ctx, "location.href")
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	// Errors are expected while a document goes away.
	settled := func(js, what string) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
				return
			}
		}
		t.Fatalf("%s: %s never became true", what, js)
	}
	settled(fmt.Sprintf(`location.href !== %q && document.readyState === "complete"`, from), "Enter follows the first result")
	if err := chromedp.Do(ctx, chromedp.NavigateBack()); err != nil {
		t.Fatal(err)
	}
	settled(fmt.Sprintf(`location.href === %q && document.readyState === "complete"`, from), "Back comes back")
	pollTrue(t, ctx, `document.getElementById("folio-search-input").value === "theme" && document.querySelectorAll("#folio-search-results [role=option]").length > 0`,
		"the field holds theme and its results are listed")
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	if got := eval[string](t, ctx, `document.getElementById("folio-search-input").value`); got != "" {
		t.Errorf("after a reload the field holds %q, want it empty", got)
	}
}
