package markdown

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark/ast"

	"folio/internal/testkit"
)

// vectors are ways raw HTML has carried script past sanitizers: the cases
// of issue #14, OWASP's XSS filter evasion cheat sheet, and mutation XSS
// through SVG and MathML. Each must lose something to sanitize, look
// suspicious, and leave no vector (testkit.ScriptVector) in what it publishes.
var vectors = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>`,
	`<ScRiPt>alert(1)</sCrIpT>`,
	`<img src=x onerror=alert(1)>`,
	`<img/onerror=alert(1) src=x>`,
	"<img\tONLOAD = 'x' src=y>",
	"<a\nonclick=\"x\">a</a>",
	`<a href="page.md"onclick="alert(1)">x</a>`,
	`<p title="x"style="position:fixed">hi</p>`,
	`<a title=x"y onclick=z>y</a>`,
	// Issue #14: a form, an SVG link and an SVG animation.
	`<form action="javascript:alert(1)"><button>Go</button></form>`,
	`<button formaction="javascript:alert(1)">Go</button>`,
	`<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>`,
	`<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text x="20" y="20">Click</text></a></svg>`,
	`<svg><set attributeName="href" to="javascript:alert(1)"/></svg>`,
	`<svg><animateTransform attributeName="transform" type="rotate"/></svg>`,
	// Schemes: mixed case, entities, white space, controls.
	`<a href="JaVaScRiPt:alert(1)">x</a>`,
	`<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>`,
	`<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>`,
	`<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">x</a>`,
	"<a href=\"jav\tascript:alert(1);\">x</a>",
	`<a href="jav&#x09;ascript:alert(1);">x</a>`,
	`<a href="jav&#x0A;ascript:alert(1);">x</a>`,
	`<a href=" &#14;  javascript:alert(1);">x</a>`,
	`<a href="javascript&colon;alert(1)">x</a>`,
	`<a href="vbscript:msgbox(1)">x</a>`,
	`<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`,
	`<img src="data:image/svg+xml,<svg onload=alert(1)>">`,
	`<img srcset="ok.png 1x, javascript:alert(1) 2x">`,
	`<video poster="javascript:alert(1)"></video>`,
	`<blockquote cite="javascript:alert(1)">q</blockquote>`,
	`<table background="javascript:alert(1)"><tr><td>x</td></tr></table>`,
	`<object data="javascript:alert(1)"></object>`,
	`<object type="text/x-scriptlet" data="http://xss.rocks/scriptlet.html"></object>`,
	`<embed src="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv MjAwMC9zdmciIHhtbG5zOnhsaW5rPSJodHRwOi8vd3d3LnczLm9yZy8xOTk5L3hs aW5rIiB2ZXJzaW9uPSIxLjAiIHg9IjAiIHk9IjAiIHdpZHRoPSIxOTQiIGhlaWdodD0iMjAw IiBpZD0ieHNzIj48c2NyaXB0IHR5cGU9InRleHQvZWNtYXNjcmlwdCI+YWxlcnQoIlh TUyIpOzwvc2NyaXB0Pjwvc3ZnPg==">`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<iframe srcdoc="<script>alert(1)</script>"></iframe>`,
	`<frameset><frame src="javascript:alert(1)"></frameset>`,
	`<base href="javascript:alert(1)//">`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<link rel="stylesheet" href="javascript:alert(1)">`,
	`<style>@import 'http://xss.rocks/xss.css';</style>`,
	`<div style="background-image: url(javascript:alert(1))">x</div>`,
	`<div style="width: expression(alert(1))">x</div>`,
	`<p style="color:red">x</p>`,
	`<input type="image" src="javascript:alert(1)">`,
	`<input onfocus=alert(1) autofocus>`,
	`<details open ontoggle=alert(1)>`,
	`<body onload=alert(1)>`,
	`<marquee onstart=alert(1)>`,
	`<isindex action="javascript:alert(1)" type=image>`,
	`<math href="javascript:alert(1)">CLICKME</math>`,
	`<math><mtext href="javascript:alert(1)">x</mtext></math>`,
	`<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">CLICKME</maction></math>`,
	`<math><annotation-xml encoding="text/html"><img src=x onerror=alert(1)></annotation-xml></math>`,
	// SVG and MathML: script, foreign objects, other documents.
	`<svg onload=alert(1)>`,
	`<svg><script>alert(1)</script></svg>`,
	`<svg><script xlink:href="data:,alert(1)"/></svg>`,
	`<svg><foreignObject><iframe src="javascript:alert(1)"></iframe></foreignObject></svg>`,
	`<svg><use href="https://evil.example/sprite.svg#x"/></svg>`,
	`<svg><use xlink:href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x"/></svg>`,
	`<svg><image href="javascript:alert(1)"/></svg>`,
	`<svg><rect fill="url(https://evil.example/p.svg#a)"/></svg>`,
	// Mutation XSS: elements whose text the tokenizer and a browser in
	// SVG read differently.
	`<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">`,
	`<svg><title><img src=x onerror=alert(1)></title></svg>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<svg><desc><style><img src=x onerror=alert(1)></style></desc></svg>`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	`<textarea><img src=x onerror=alert(1)></textarea>`,
	`<xmp><img src=x onerror=alert(1)></xmp>`,
	`<plaintext><img src=x onerror=alert(1)>`,
	`<template><img src=x onerror=alert(1)></template>`,
	// Comments and tags left open, which would swallow what follows.
	`<!--`,
	`<!--><img src=x onerror=alert(1)>-->`,
	`<div title="`,
	`<![CDATA[><img src=x onerror=alert(1)>]]>`,
	`<a href="x" title="a`,
	`<p>a <`,
	`x </`,
	`a < b and c <3 d`,
	// Theme hooks: the script acts on these.
	`<figure class="embed-card" data-embed-src="https://evil.example/"><button class="embed-load">x</button></figure>`,
	`<button class="api-copy" data-copy="rm -rf ~">Copy</button>`,
	`<img name="querySelector" src="a.png">`,
}

// kept is raw HTML GitBook, HonKit and folio's guide write: sanitize must
// leave it as it is, and suspicious must say so without tokenizing.
var kept = []string{
	`<p>Click on the button, then only one of them.</p>`,
	`<figure><img src="a.png" alt="on the left"><figcaption><p>Styles</p></figcaption></figure>`,
	`<figure><img src="../.gitbook/assets/image (1).png" alt="" data-size="line"><figcaption></figcaption></figure>`,
	`<table data-view="cards" data-full-width="true"><thead><tr><th width="335.125"></th><th data-hidden data-card-target data-type="content-ref"></th><th data-hidden data-card-cover data-type="files"></th></tr></thead><tbody><tr><td><strong>A</strong></td><td><a href="a.md">a.md</a></td><td><a href="cover.png">cover.png</a></td></tr></tbody></table>`,
	`<table data-header-hidden><thead><tr><th></th></tr></thead><tbody><tr><td><select><option value="x" label="CREATE" color="blue"></option></select><span data-option="x">CREATE</span></td></tr></tbody></table>`,
	`<a href="https://example.org" class="button primary" data-icon="gitbook-assistant">Go</a>`,
	`<button type="button" class="button primary" data-action="ask" data-query="How?">Ask</button>`,
	`<i class="fa-github">:github:</i>`,
	`<a data-mention href="getting-started/quickstart.md">quickstart.md</a>`,
	`<mark style="color:red;">red</mark> <span style="background-color:$primary;">x</span>`,
	`<picture><source srcset="dark.png" media="(prefers-color-scheme: dark)"><img src="light.png" alt="x"></picture>`,
	`<details open><summary>More <code>x</code></summary></details>`,
	`<pre class="language-yaml" data-title="a.yaml" data-overflow="wrap"><code class="lang-yaml">a: 1
<strong>b: 2
</strong></code></pre>`,
	`<div data-with-frame="true"><figure><img src="a.png" alt=""></figure></div>`,
	`<div align="center"><img src="a.png" width="375"></div>`,
	`<kbd>Ctrl</kbd> <sup>1</sup> <sub>2</sub> <u>u</u> <a href="mailto:a@example.org">mail</a> <a href="tel:+331">tel</a>`,
	`<a href="#x" id="x"></a><a name="old-anchor"></a>`,
	`<span data-gb-custom-inline data-tag="emoji" data-code="2705">✅</span>`,
	`<div data-gb-custom-block data-tag="hint" data-style="success" class="hint hint-success"><p>x</p></div>`,
	`<video src="a.mp4" controls poster="a.png"></video><img src="data:image/png;base64,iVBORw0KGgo=" alt="">`,
	`<svg viewBox="0 0 24 24" width="1em" fill="none" stroke="currentColor" role="img" aria-label="x"><path d="M1 1h2"/><circle cx="1" cy="1" r="1"/><use href="#a"/><rect fill="url(#g)"/></svg>`,
	`<math display="block"><mrow><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mfrac><mn>1</mn><mi>y</mi></mfrac></mrow></math>`,
	`<ol start="3"><li>x</li></ol><dl><dt>a</dt><dd>b</dd></dl><hr><br/>`,
	`x</b>y`,
	`<input type="checkbox" disabled checked aria-label="yes">`,
	`</div></p>`,
}

func TestSanitize(t *testing.T) {
	for _, s := range vectors {
		out, removed, _ := sanitize([]byte(s))
		if len(removed) == 0 && bytes.Equal(out, []byte(s)) {
			t.Errorf("sanitize(%q) removes nothing", s)
		}
		if !suspicious([]byte(s)) {
			t.Errorf("suspicious(%q) = false", s)
		}
		if v := testkit.ScriptVector(cleanRaw([]byte(s))); v != "" {
			t.Errorf("%q publishes %s: %q", s, v, cleanRaw([]byte(s)))
		}
	}
	for _, s := range kept {
		if suspicious([]byte(s)) {
			t.Errorf("suspicious(%q) = true", s)
		}
		if out, removed, _ := sanitize([]byte(s)); len(removed) > 0 || string(out) != s {
			t.Errorf("sanitize(%q) = %q, removing %v", s, out, removed)
		}
	}
}

// TestSanitizeReports: each removal names what went, at its tag.
func TestSanitizeReports(t *testing.T) {
	in := "<p>a</p>\n<div onclick=\"x\" style=\"y\" class=\"c\">b</div>\n<a href=\"java\tscript:x\">c</a>\n" +
		"<script>alert(1)</script><blink>d</blink>\n<div title=\""
	out, removed, _ := sanitize([]byte(in))
	var got []string
	for _, r := range removed {
		got = append(got, fmt.Sprintf("%d %s", r.off, r.message()))
	}
	at := func(s string) int { return strings.Index(in, s) }
	want := []string{
		fmt.Sprint(at("<div onclick"), " raw HTML <div>: onclick, style removed: not on folio's allowlist"),
		fmt.Sprint(at("<a href"), ` raw HTML <a>: href="javascript:…" removed: not on folio's allowlist`),
		fmt.Sprint(at("<script>"), " raw HTML <script> removed with its content: not on folio's allowlist"),
		fmt.Sprint(at("<blink>"), " raw HTML <blink> removed, its content kept: not on folio's allowlist"),
		fmt.Sprint(at("<div title"), " raw HTML ends inside the tag <div>: the tag is removed"),
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("removals:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if w := "<p>a</p>\n<div class=\"c\">b</div>\n<a>c</a>\nd\n"; string(out) != w {
		t.Errorf("sanitize = %q, want %q", out, w)
	}
}

// cleanRaw is what a page publishes of a block of raw HTML: rewriteHTML,
// the quick look and sanitize, then folio's rewriting (mark colours as
// classes, icons, tables), every link kept as written.
func cleanRaw(b []byte) []byte {
	d := &Doc{Source: b, lines: newLineIndex(b)}
	keep := func(_ Ref, apply func(Resolution)) { apply(Resolution{Keep: true}) }
	out, changed, _ := rewriteHTML(d, nil, ast.NewDocument(), []segment{{0, len(b)}}, keep, true)
	if !changed {
		return b
	}
	return out
}

// FuzzSuspicious: when the quick look lets a block through, sanitize would
// have left it as it is. Blind spots of the quick look are thus found by
// comparing it with the tokenizer, not with itself.
func FuzzSuspicious(f *testing.F) {
	for _, s := range append(append([]string{}, vectors...), kept...) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if suspicious([]byte(s)) {
			return
		}
		if out, removed, _ := sanitize([]byte(s)); len(removed) > 0 || string(out) != s {
			t.Fatalf("suspicious(%q) = false, but sanitize gives %q, removing %v", s, out, removed)
		}
	})
}

// FuzzSanitize feeds random HTML through what a page publishes of raw HTML
// (the quick look, then sanitize) and parses the result as a browser
// would: no element may have an event attribute, no URL attribute a
// script scheme, and no <script>, <iframe>, <object>, <embed>, <base>,
// <meta http-equiv> or <foreignObject> may survive. A page holds many
// blocks side by side, so two blocks cut from the input are published
// one after the other too: neither may change how the other parses.
func FuzzSanitize(f *testing.F) {
	for _, s := range append(append([]string{}, vectors...), kept...) {
		f.Add(s, uint16(len(s)/2))
	}
	f.Add(`<div title="`, uint16(12))
	f.Add(`<div title="x"><span title="--><img src=x onerror=alert(1)>">`, uint16(15))
	f.Add(`<!-- a --><a title="--><img src=x onerror=alert(1)>">`, uint16(4))
	f.Fuzz(func(t *testing.T, s string, cut uint16) {
		b := []byte(s)
		if v := testkit.ScriptVector(cleanRaw(b)); v != "" {
			t.Fatalf("%q publishes %s: %q", s, v, cleanRaw(b))
		}
		k := int(cut) % (len(b) + 1)
		two := append(append([]byte{}, cleanRaw(b[:k])...), cleanRaw(b[k:])...)
		if v := testkit.ScriptVector(two); v != "" {
			t.Fatalf("%q cut at %d publishes %s: %q", s, k, v, two)
		}
	})
}

// TestAllowlistDocumented: the guide's "HTML in pages", in each language,
// names every element of the allowlist and every global attribute other
// than GitBook's data-* ones, so that what authors read is what folio
// publishes.
func TestAllowlistDocumented(t *testing.T) {
	for lang, heading := range map[string]string{"en": "## HTML in pages", "fr": "## HTML dans les pages"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "content", lang, "guide", "gitbook-blocks.md"))
		if err != nil {
			t.Fatal(err)
		}
		_, sec, ok := strings.Cut(string(b), "\n"+heading+"\n")
		if !ok {
			t.Errorf("%s: no section %q", lang, heading)
			continue
		}
		sec, _, _ = strings.Cut(sec, "\n## ")
		sec = strings.ToLower(sec)
		for el := range allowed {
			if !strings.Contains(sec, "`"+el+"`") {
				t.Errorf("%s guide does not list the element %s", lang, el)
			}
		}
		for a := range globalAttrs {
			if !strings.HasPrefix(a, "data-") && !strings.Contains(sec, "`"+a+"`") {
				t.Errorf("%s guide does not list the global attribute %s", lang, a)
			}
		}
	}
}

func TestContainsFold(t *testing.T) {
	for _, tc := range []struct {
		b, s string
		want bool
	}{{"<a ID=x>", "id", true}, {"<a Name=x>", "name", true}, {"<img src=x>", "id", false}, {"", "id", false}, {"i", "id", false}, {"<div class=guide>", "id", true},
		// Only letters have a case (t89: c|0x20 matched '=' with 0x1D).
		{"data-view\x1d\x02cards\x02", `data-view="cards"`, false}, {`DATA-VIEW="CARDS"`, `data-view="cards"`, true}} {
		if got := containsFold([]byte(tc.b), tc.s); got != tc.want {
			t.Errorf("containsFold(%q, %q) = %v", tc.b, tc.s, got)
		}
	}
}

// FuzzPageSafe: a whole page, its raw HTML anywhere Markdown lets it be
// (an image's alternative text, a link's label, a heading, a table, a
// GitBook block), publishes no script vector whatever its links resolve
// to: a page, nothing (a missing image shows its alt text, t76), or as
// written.
func FuzzPageSafe(f *testing.F) {
	for _, v := range vectors {
		f.Add("![a" + v + "](missing.png)")
		f.Add("# H [x" + v + "](nope.md)\n\n| c |\n| - |\n| ![" + v + "](x.png) |\n")
		f.Add("{% hint style=\"info\" %}\n" + v + " [![" + v + "](a.png)](b.md)\n{% endhint %}\n")
		f.Add("Text[^1].\n\n[^1]: ![" + v + "](gone.png)\n")
	}
	conv := New()
	f.Fuzz(func(t *testing.T, src string) {
		d := conv.ParseWith("fuzz.md", []byte(src), ParseOptions{})
		n := 0
		d.Resolve(func(r Ref) Resolution {
			n++
			switch n % 3 {
			case 0:
				return Resolution{Plain: true, Title: "missing"}
			case 1:
				return Resolution{URL: "x/" + r.Dest}
			}
			return Resolution{Keep: true}
		})
		html, err := conv.Render(d)
		if err != nil {
			t.Fatal(err)
		}
		if v := testkit.ScriptVector(html); v != "" {
			t.Fatalf("%q publishes %s: %q", src, v, html)
		}
	})
}

// TestSanitizeImageWithoutSource: an image whose address the allowlist
// removes is its alternative text, where it was an <img> without src,
// which HTML does not allow (t85); one with a srcset left keeps it.
func TestSanitizeImageWithoutSource(t *testing.T) {
	for in, want := range map[string]string{
		`a<img src="file:///C:/clip.gif" alt="" data-size="line">b`: `ab`,
		`a<img src="javascript:x" alt="A & B" width="10">b`:         `aA &amp; Bb`,
		`<img src="javascript:x" srcset="pic.png 2x" alt="P">`:      `<img srcset="pic.png 2x" alt="P">`,
		`<img src="pic.png" onerror="x()" alt="kept">`:              `<img src="pic.png" alt="kept">`,
	} {
		out, removed, _ := sanitize([]byte(in))
		if string(out) != want || len(removed) != 1 {
			t.Errorf("sanitize(%s) = %s, %d removals; want %s, 1", in, out, len(removed), want)
		}
	}
}
