package browser

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"folio/internal/testkit"
)

// axeScript returns the text of axe-core's axe.min.js, whose path is in
// FOLIO_AXE. axe-core is not vendored (the repository has no JavaScript
// dependencies), so the test skips when it is not given.
func axeScript(t *testing.T) string {
	t.Helper()
	p := os.Getenv("FOLIO_AXE")
	if p == "" {
		t.Skip("accessibility checks need FOLIO_AXE=path/to/axe-core/axe.min.js (npm install axe-core@4 in a temporary folder)")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("FOLIO_AXE=%s: %v", p, err)
	}
	return string(b)
}

// axeRunJS runs axe on the page with the WCAG 2.0 and 2.1 A and AA rules
// and keeps what the report needs: the number of rules run, and for each
// violation its rule, impact, node count and first node.
const axeRunJS = `(async () => {
  const r = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
  const brief = v => ({
    id: v.id, impact: v.impact || '', help: v.help, nodes: v.nodes.length,
    target: v.nodes.length ? v.nodes[0].target.map(String).join(' ') : '',
    summary: v.nodes.length ? (v.nodes[0].failureSummary || '') : '',
  });
  return {
    rules: r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length,
    violations: r.violations.map(brief),
    incomplete: r.incomplete.map(brief),
  };
})()`

type axeRule struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	Nodes   int    `json:"nodes"`
	Target  string `json:"target"`
	Summary string `json:"summary"`
}

type axeResult struct {
	Rules      int       `json:"rules"`
	Violations []axeRule `json:"violations"`
	Incomplete []axeRule `json:"incomplete"`
}

// setMedia emulates the reader's color scheme, and reduced motion so that
// no transition is caught half-way when axe measures colours.
func setMedia(scheme string) chromedp.Action[chromedp.Void] {
	return emulateMedia(emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{
		{Name: "prefers-color-scheme", Value: scheme},
		{Name: "prefers-reduced-motion", Value: "reduce"},
	}})
}

// runAxe loads url, injects axe and runs it.
func runAxe(ctx context.Context, script, url string) (axeResult, error) {
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		return axeResult{}, fmt.Errorf("open %s: %w", url, err)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](script)); err != nil {
		return axeResult{}, fmt.Errorf("inject axe into %s: %w", url, err)
	}
	r, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](axeRunJS, chromedp.EvalAwaitPromise))
	if err != nil {
		return axeResult{}, fmt.Errorf("run axe on %s: %w", url, err)
	}
	return r, nil
}

// htmlPages walks a built site for its pages: every index.html, as the
// site path of its directory, and 404.html. Redirect stubs are left out:
// their meta refresh leaves for another page while axe runs, and that
// page is checked on its own.
func htmlPages(t *testing.T, out string) (pages []string, redirects int) {
	t.Helper()
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if d.Name() != "index.html" && !(d.Name() == "404.html" && filepath.Dir(p) == out) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), `http-equiv=refresh`) || strings.Contains(string(b), `http-equiv="refresh"`) {
			redirects++
			return nil
		}
		rel, err := filepath.Rel(out, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.Name() == "index.html" {
			rel = strings.TrimSuffix(path.Dir(rel), ".") // "." for the root
			if rel != "" {
				rel += "/"
			}
		}
		pages = append(pages, "/"+rel)
		return nil
	})
	if err != nil {
		t.Fatalf("walk %s: %v", out, err)
	}
	slices.Sort(pages)
	return pages, redirects
}

// finding is one rule failing on one page in one color scheme.
type finding struct {
	page, scheme string
	rule         axeRule
}

// axeView is a width and a color scheme to check pages in; every says
// which pages: all of them (1), or one in every so many.
type axeView struct {
	w, h   int64
	scheme string
	every  int
}

// fullViews checks every page in light and dark mode, at a laptop's width.
var fullViews = []axeView{{1280, 800, "light", 1}, {1280, 800, "dark", 1}}

// corpusViews checks every page at a phone's width in light mode and at a
// laptop's in dark mode, and a third of the pages in the two other views:
// what depends on the width (a box that scrolls, a header that crowds)
// shows in the first, what depends on the colors in the second, and the
// sample catches what depends on both. FOLIO_AXE_FULL=1 checks every page
// in every view (four times the pages; too slow for every test run).
var corpusViews = []axeView{{360, 740, "light", 1}, {1280, 800, "dark", 1}, {360, 740, "dark", 3}, {1280, 800, "light", 3}}

// checkSite runs axe on every page of the site in dir, in light and dark
// mode, and returns the violations, the number of pages checked and the
// number of rules axe ran.
func checkSite(t *testing.T, script, dir string) (found []finding, pages, rules int) {
	return checkViews(t, script, dir, fullViews)
}

// checkViews runs axe on the pages of the site in dir in each view. A
// finding's page names the width when the views have more than one.
func checkViews(t *testing.T, script, dir string, views []axeView) (found []finding, pages, rules int) {
	t.Helper()
	s := serve(t, dir)
	list, redirects := htmlPages(t, s.Out)
	if len(list) == 0 {
		t.Fatalf("no pages in %s", s.Out)
	}
	t.Logf("%d pages (%d redirect stubs left out)", len(list), redirects)
	full := os.Getenv("FOLIO_AXE_FULL") == "1"
	widths := map[int64]bool{}
	for _, v := range views {
		widths[v.w] = true
	}
	ctx := startBrowser(t, views[0].w, views[0].h)
	incomplete := map[string]int{}
	runs := 0
	for vi, v := range views {
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(v.w, v.h), setMedia(v.scheme)); err != nil {
			t.Fatalf("emulate %d px, %s: %v", v.w, v.scheme, err)
		}
		for i, p := range list {
			// Each sampled view starts at another page, so that the samples
			// cover different pages.
			if !full && v.every > 1 && i%v.every != vi%v.every {
				continue
			}
			runs++
			r, err := runAxe(ctx, script, s.URL+p)
			if err != nil {
				t.Fatal(err)
			}
			rules = max(rules, r.Rules)
			name := p
			if len(widths) > 1 {
				name = fmt.Sprintf("%s at %d px", p, v.w)
			}
			for _, rule := range r.Violations {
				found = append(found, finding{page: name, scheme: v.scheme, rule: rule})
			}
			for _, rule := range r.Incomplete {
				incomplete[rule.ID] += rule.Nodes
			}
		}
	}
	t.Logf("%d page views checked", runs)
	if len(incomplete) > 0 {
		// Incomplete results are nodes axe could not decide (a colour
		// over an image, say): worth a look, not a failure.
		var ids []string
		for id, n := range incomplete {
			ids = append(ids, fmt.Sprintf("%s (%d nodes)", id, n))
		}
		slices.Sort(ids)
		t.Logf("axe could not decide, in every view together: %s", strings.Join(ids, ", "))
	}
	return found, len(list), rules
}

// report formats the findings grouped by rule, then by page; a page with
// the same finding in light and dark mode gets one line.
func report(found []finding) string {
	byRule := map[string][]finding{}
	for _, f := range found {
		byRule[f.rule.ID] = append(byRule[f.rule.ID], f)
	}
	ids := make([]string, 0, len(byRule))
	for id := range byRule {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var b strings.Builder
	for _, id := range ids {
		fs := byRule[id]
		nodes := 0
		for _, f := range fs {
			nodes += f.rule.Nodes
		}
		fmt.Fprintf(&b, "\n%s (%s): %s; %d nodes in %d page views\n", id, fs[0].rule.Impact, fs[0].rule.Help, nodes, len(fs))
		type line struct{ page, text string }
		var lines []line
		schemes := map[line][]string{}
		lastSummary := ""
		for _, f := range fs {
			text := fmt.Sprintf("%d nodes, e.g. %s", f.rule.Nodes, f.rule.Target)
			// The failure summary is long and mostly the same for every
			// page; it is printed when it changes (contrast ratios do).
			if s := strings.Join(strings.Fields(f.rule.Summary), " "); s != lastSummary {
				text += "\n      " + s
				lastSummary = s
			}
			l := line{f.page, fmt.Sprintf("%d nodes, e.g. %s", f.rule.Nodes, f.rule.Target)}
			if _, ok := schemes[l]; !ok {
				lines = append(lines, line{f.page, text})
			}
			schemes[l] = append(schemes[l], f.scheme)
		}
		for _, l := range lines {
			key := line{l.page, strings.SplitN(l.text, "\n", 2)[0]}
			fmt.Fprintf(&b, "  %s [%s] %s\n", l.page, strings.Join(schemes[key], " "), l.text)
		}
	}
	return b.String()
}

func TestAxe(t *testing.T) {
	requireBrowser(t)
	script := axeScript(t)
	corpus := func(name string) func(t *testing.T) string {
		return func(t *testing.T) string { return filepath.Join(testkit.CorpusDir(t), name) }
	}
	sites := []struct {
		name  string
		dir   func(t *testing.T) string
		views []axeView
	}{
		// The repository's site.yaml builds content/, both languages.
		{"folio", func(*testing.T) string { return "../.." }, append(slices.Clone(fullViews), axeView{360, 740, "light", 3}, axeView{360, 740, "dark", 3})},
		{"govstack-playbook", corpus("govstack-playbook"), corpusViews},
		// Five languages, one of them right to left, with a language menu.
		{"djangogirls-extensions", corpus("djangogirls-extensions"), corpusViews},
	}
	for _, st := range sites {
		t.Run(st.name, func(t *testing.T) {
			// Each site in a browser of its own, side by side: axe's checks
			// are most of the time the browser tests take.
			t.Parallel()
			found, pages, rules := checkViews(t, script, st.dir(t), st.views)
			t.Logf("%d pages; axe ran %d rules per page", pages, rules)
			if len(found) > 0 {
				t.Errorf("%d accessibility violations (rule, page, color scheme):%s", len(found), report(found))
			}
		})
	}
}

// TestAxeDetects checks the checker: light grey text on white and a
// button with no name must be reported. (An empty link is not a test of
// the checker any more: folio names it with its address.)
func TestAxeDetects(t *testing.T) {
	requireBrowser(t)
	script := axeScript(t)
	dir := testkit.Site(t, map[string]string{
		"README.md":  "# Home\n\nSee [bad](bad.md).\n",
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Bad](bad.md)\n",
		// Style attributes are removed from raw HTML unless the site
		// trusts it.
		"site.yaml": "title: fixture\ntrust_raw_html: true\n",
		"bad.md":    "# Bad\n\n<p style=\"color: #ddd; background: #fff\">faint</p>\n\n<p><button type=\"button\"></button></p>\n",
	})
	found, _, _ := checkSite(t, script, dir)
	got := map[string]bool{}
	for _, f := range found {
		if f.page == "/bad/" && f.scheme == "light" {
			got[f.rule.ID] = true
		}
	}
	for _, id := range []string{"color-contrast", "button-name"} {
		if !got[id] {
			t.Errorf("rule %s not reported on /bad/ in light mode; found:%s", id, report(found))
		}
	}
}

// TestAxeSearchOpen runs axe with the search panel open and a result
// active, light and dark: the page-by-page checks never open it (t52
// found links nested in its options, which axe calls serious).
func TestAxeSearchOpen(t *testing.T) {
	requireBrowser(t)
	script := axeScript(t)
	s := serve(t, "../..")
	for _, scheme := range []string{"light", "dark"} {
		ctx := newTab(t, 1280, 800)
		if err := chromedp.Do(ctx, setMedia(scheme)); err != nil {
			t.Fatal(err)
		}
		open(t, ctx, s.URL+"/en/guide/configuration/")
		if st := search(t, ctx, "theme"); len(st.Options) < 2 {
			t.Fatalf("search for theme: %d results", len(st.Options))
		}
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](script)); err != nil {
			t.Fatalf("inject axe: %v", err)
		}
		r, err := chromedp.Run(ctx, chromedp.Evaluate[axeResult](axeRunJS, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("run axe: %v", err)
		}
		var found []finding
		for _, v := range r.Violations {
			found = append(found, finding{page: "/en/guide/configuration/ (search open)", scheme: scheme, rule: v})
		}
		if len(found) > 0 {
			t.Errorf("%d accessibility violations with the search panel open:%s", len(found), report(found))
		}
	}
}
