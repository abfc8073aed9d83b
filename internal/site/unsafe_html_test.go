package site

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"folio/internal/diag"
	"folio/internal/testkit"
)

// unsafePages is a site with one page per way raw HTML has carried script
// past sanitizers (issue #14). A line starting with "!" must be reported
// at its line, by unsafe-html; the "!" is not part of the page.
var unsafePages = map[string][]string{
	"form.md": {"# Form", "",
		`!<form action="javascript:alert(1)">`,
		`!<button formaction="javascript:alert(2)">Go</button>`,
		`</form>`},
	"svg-link.md": {"# SVG link", "",
		`<svg width="20" height="20">`,
		`!<a xlink:href="javascript:alert(1)"><text x="2" y="15">x</text></a>`,
		`</svg>`},
	"svg-animate.md": {"# SVG animation", "",
		`<svg width="20" height="20"><a>`,
		`!<animate attributeName="href" values="javascript:alert(1)"/>`,
		`!<set attributeName="href" to="javascript:alert(2)"/>`,
		`<text x="2" y="15">x</text></a></svg>`},
	"schemes.md": {"# Schemes", "",
		`!<p><a href="&#106;&#97;vascript:alert(1)">entities</a>`,
		`!<a href="JaVaScRiPt:alert(1)">mixed case</a>`,
		`!<a href="java&#x09;script:alert(1)">split</a>`,
		`!<a href="vbscript:msgbox(1)">vb</a> <a href="https://example.org/">fine</a></p>`, "",
		`!Inline <a href="data:text/html,<script>alert(1)</script>">data</a> and <img src="x.png" onerror="alert(1)">.`},
	"svg.md": {"# SVG", "",
		`!<svg width="20" height="20" onload="alert(1)">`,
		`!<script>alert(1)</script>`,
		`!<foreignObject><p>x</p></foreignObject>`,
		`!<use href="https://evil.example/sprite.svg#a"/>`,
		`<circle cx="10" cy="10" r="5" fill="url(#g)"/>`,
		`</svg>`},
	"mathml.md": {"# MathML", "",
		`<math>`,
		`!<mtext href="javascript:alert(1)">x</mtext>`,
		`!<annotation-xml encoding="text/html"><img src="x.png" onerror="alert(1)"></annotation-xml>`,
		`!<maction actiontype="statusline">y</maction>`,
		`</math>`},
	"base.md":   {"# Base", "", `!<base href="https://evil.example/">`},
	"meta.md":   {"# Meta", "", `!<meta http-equiv="refresh" content="0;url=https://evil.example/">`},
	"object.md": {"# Object", "", `!<object data="javascript:alert(1)"></object>`, "", `!<embed src="evil.swf">`},
	"srcdoc.md": {"# Srcdoc", "", `!<iframe srcdoc="<script>alert(1)</script>"></iframe>`},
	"style.md": {"# Style", "",
		`!<div style="background:url(javascript:alert(1))">x</div>`, "",
		`!Text <mark style="color:red;background:url(javascript:alert(1))">marked</mark> and <mark style="color:red;">red</mark>.`},
}

// unsafeSite writes unsafePages as a site, with site.yaml, and returns its
// directory and the lines that must be reported ("page.md:3").
func unsafeSite(t *testing.T, siteYAML string) (string, []string) {
	files := map[string]string{"site.yaml": siteYAML, "x.png": "png"}
	summary := "# Summary\n\n* [Home](README.md)\n"
	home := "# Home\n"
	var want []string
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for k := range unsafePages {
			if !yield(k) {
				return
			}
		}
	}) {
		lines := slices.Clone(unsafePages[name])
		for i, l := range lines {
			if rest, ok := strings.CutPrefix(l, "!"); ok {
				lines[i] = rest
				want = append(want, fmt.Sprintf("%s:%d", name, i+1))
			}
		}
		files[name] = strings.Join(lines, "\n") + "\n"
		summary += "* [" + name + "](" + name + ")\n"
	}
	files["SUMMARY.md"], files["README.md"] = summary, home
	return testkit.Site(t, files), want
}

// TestUnsafeHTMLSite builds the site of unsafePages: no page body may hold
// a script vector (parsed as a browser parses it), and every removal is
// reported at its line, nothing else.
func TestUnsafeHTMLSite(t *testing.T) {
	dir, want := unsafeSite(t, "title: Unsafe\n")
	bodies, ds := bodiesByURL(t, dir)
	for url, body := range bodies {
		if v := testkit.ScriptVector(body); v != "" {
			t.Errorf("/%s publishes %s:\n%s", url, v, body)
		}
	}
	var got []string
	for _, d := range ds {
		switch d.Rule {
		case "unsafe-html":
			at := fmt.Sprintf("%s:%d", d.Path, d.Line)
			if !slices.Contains(got, at) {
				got = append(got, at)
			}
		case "trust-raw-html":
			t.Errorf("trust_raw_html warning with trust_raw_html off: %s", d)
		}
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("unsafe-html reported at\n%v\nwant\n%v\nall diagnostics:\n%v", got, want, ds)
	}
}

// TestTrustRawHTMLSite: with trust_raw_html the same site publishes its raw
// HTML as written, with one warning for the whole build and no other
// about raw HTML.
func TestTrustRawHTMLSite(t *testing.T) {
	dir, _ := unsafeSite(t, "title: Unsafe\ntrust_raw_html: true\n")
	bodies, ds := bodiesByURL(t, dir)
	n := 0
	for _, d := range ds {
		switch d.Rule {
		case "trust-raw-html":
			n++
		case "unsafe-html":
			t.Errorf("raw HTML reported though trusted: %s", d)
		}
	}
	if n != 1 {
		t.Errorf("%d trust-raw-html warnings, want 1: %v", n, ds)
	}
	if b := string(bodies["srcdoc/"]); !strings.Contains(b, `<iframe srcdoc="<script>alert(1)</script>"></iframe>`) {
		t.Errorf("trusted raw HTML not published as written:\n%s", b)
	}
}

// bodiesByURL renders every page's body as a build does (renderBodies),
// by URL, with the diagnostics of the whole build.
func bodiesByURL(t *testing.T, dir string) (map[string][]byte, []diag.Diagnostic) {
	t.Helper()
	pages, ds := renderBodies(t, dir)
	bodies := map[string][]byte{}
	for _, r := range pages {
		bodies[r.j.pg.url] = r.body
	}
	return bodies, ds
}

// TestUnsafeAutolinks: an autolink (<scheme:…>) is a link like any other:
// one to a javascript:, vbscript:, data: or file: address is published as
// its text, with an unsafe-url warning at its line and column, in any
// letter case; web and mail addresses stay links.
func TestUnsafeAutolinks(t *testing.T) {
	page := strings.Join([]string{
		"# Autolinks", "",
		"Plain: <javascript:alert(document.domain)>", "",
		"Upper: <JAVASCRIPT:alert(1)>", "",
		"Data: <data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>", "",
		"VB: <vbscript:msgbox(1)> and file: <file:///etc/passwd>", "",
		"Web: <https://example.com/a>, www.example.org and <mailto:a@example.com>.", "",
	}, "\n")
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Autolinks](auto.md)\n",
		"README.md":  "# Home\n", "auto.md": page,
	})
	bodies, ds := bodiesByURL(t, dir)
	body := string(bodies["auto/"])
	if v := testkit.ScriptVector(bodies["auto/"]); v != "" {
		t.Errorf("the page publishes %s:\n%s", v, body)
	}
	for _, gone := range []string{"javascript:", "JAVASCRIPT:", "vbscript:", "data:", "file:"} {
		if strings.Contains(body, `href="`+gone) || strings.Contains(body, "href="+gone) {
			t.Errorf("a %s autolink is still a link:\n%s", gone, body)
		}
	}
	for _, kept := range []string{`<a href="https://example.com/a">`, `<a href="http://www.example.org">`, `<a href="mailto:a@example.com">`} {
		if !strings.Contains(body, kept) {
			t.Errorf("missing %s:\n%s", kept, body)
		}
	}
	var got []string
	for _, d := range ds {
		if d.Rule == "unsafe-url" {
			got = append(got, fmt.Sprintf("%s:%d:%d", d.Path, d.Line, d.Col))
		}
	}
	want := []string{"auto.md:3:8", "auto.md:5:8", "auto.md:7:7", "auto.md:9:5", "auto.md:9:36"}
	if !slices.Equal(got, want) {
		t.Errorf("unsafe-url at %v, want %v; all: %v", got, want, ds)
	}
}

// TestTrustedPlaceholders: trusted raw HTML is HTML, and a placeholder
// (`<your-api-key>`) is still text, as it is without trust (t64: the
// browser hid it).
func TestTrustedPlaceholders(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml": "title: T\ntrust_raw_html: true\n",
		"README.md": "# T\n\nUse <your-api-key> and List<String>, <b>bold</b>.\n\n<div>\n<token>\n</div>\n",
	})
	bodies, _ := bodiesByURL(t, dir)
	b := string(bodies[""])
	for _, want := range []string{"&lt;your-api-key&gt;", "List&lt;String&gt;", "<b>bold</b>", "&lt;token&gt;"} {
		if !strings.Contains(b, want) {
			t.Errorf("no %s in\n%s", want, b)
		}
	}
}
