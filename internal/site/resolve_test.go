package site

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"folio/internal/diag"
	"folio/internal/testkit"
)

// TestCoverDiagnosticAtItsLine: the diagnostics of a page's cover image
// are at the value of its cover: key, where other front matter
// diagnostics are (t33: at 1:1).
func TestCoverDiagnosticAtItsLine(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"README.md": "---\ndescription: x\ncover:   .gitbook/assets/none.png\n---\n# Home\n",
	})
	res, err := Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res.Diags, func(d diag.Diagnostic) bool {
		return d.Rule == "link-missing" && d.Path == "README.md" && d.Line == 3 && d.Col == 10
	}) {
		t.Errorf("no link-missing at README.md:3:10: %v", res.Diags)
	}
}

// TestOwnBaseURLLinks: a link to the site's own address of a page (as a
// reader cites it) leads there relatively, so that it works from a copy
// of the site, in this language or another, and is checked as a link to
// the page is (t35: left absolute, and a dead page or anchor said
// nothing). A file's address is left as written.
func TestOwnBaseURLLinks(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":   "title: T\nbase_url: https://example.org/docs/\nlanguages:\n  - {code: en, dir: en}\n  - {code: fr, dir: fr, fallback: true}\n",
		"en/other.md": "# Other\n",
		"en/README.md": "# Home\n\n[a](https://example.org/docs/en/guide/#install) [b](https://example.org/docs/fr/guide/index.html)" +
			" [c](https://example.org/docs/en/nope/) [d](https://example.org/docs/en/guide/#nope) [e](https://example.org/docs/en/logo.png)" +
			" [f](https://example.org/docs/) [g](https://example.org/docs/en/print/) [h](https://example.org/docs/fr/other/)" +
			" [i](https://example.org/docs/en/./x/../guide/)\n",
		"en/guide.md":  "# Guide\n\n## Install\n",
		"fr/README.md": "# Accueil\n",
		"fr/guide.md":  "# Guide\n",
	})
	out, res := built(t, Options{Dir: dir})
	home := readFile(t, filepath.Join(out, "en/index.html"))
	for _, want := range []string{`<a href="guide/#install">a</a>`, `<a href="guide/">i</a>`, `<a href="../fr/guide/">b</a>`, `<a href="https://example.org/docs/en/nope/">c</a>`, `<a href="https://example.org/docs/en/logo.png">e</a>`} {
		if !containsHTML(home, want) {
			t.Errorf("home lacks %s", want)
		}
	}
	var got []string
	for _, d := range res.Diags {
		if d.Severity != diag.Info {
			got = append(got, d.Rule)
		}
	}
	if want := []string{"link-stale", "link-anchor"}; !slices.Equal(got, want) {
		t.Errorf("diagnostics %v, want %v: the language index, a print page and a fallback copy are no stale addresses", res.Diags, want)
	}
	// A base URL at a host's root shares it with what else the host
	// serves: an address of no page there is left alone.
	dir = testkit.Site(t, map[string]string{
		"site.yaml": "title: T\nbase_url: https://example.org/\n",
		"README.md": "# Home\n\n[blog](https://example.org/blog/) [guide](https://example.org/guide/)\n",
		"guide.md":  "# Guide\n",
	})
	out, res = built(t, Options{Dir: dir})
	if home := readFile(t, filepath.Join(out, "index.html")); !containsHTML(home, `<a href="https://example.org/blog/">blog</a>`) || !containsHTML(home, `<a href="guide/">guide</a>`) {
		t.Errorf("home at the host's root: %s", home)
	}
	for _, d := range res.Diags {
		if d.Rule == "link-stale" {
			t.Errorf("a host root's other address reported: %v", d)
		}
	}
}

// TestBaseURLThisMachine: a base URL of this machine (a preview's address
// copied into CI) is a warning, at site.yaml's line or at the flag that
// gives it; folio serve's own is not (t34).
func TestBaseURLThisMachine(t *testing.T) {
	dir := testkit.Site(t, map[string]string{"site.yaml": "title: T\nbase_url: http://127.0.0.1:8080/docs/\n", "README.md": "# Home\n"})
	has := func(res *Result, path string) bool {
		return slices.ContainsFunc(res.Diags, func(d diag.Diagnostic) bool {
			return d.Rule == "config" && d.Path == path && strings.Contains(d.Msg, "this machine's")
		})
	}
	if res, err := Check(context.Background(), Options{Dir: dir}); err != nil || !has(res, "site.yaml") {
		t.Errorf("site.yaml's base URL: %v %v", res, err)
	}
	if res, err := Check(context.Background(), Options{Dir: dir, BaseURL: "http://localhost:4000/"}); err != nil || !has(res, "--base-url") {
		t.Errorf("--base-url: %v %v", res, err)
	}
	if res, err := Check(context.Background(), Options{Dir: dir, BaseURL: "https://example.org/"}); err != nil || has(res, "--base-url") || has(res, "site.yaml") {
		t.Errorf("a public base URL: %v %v", res, err)
	}
}

// TestSpecPublishedWithItsParts: a spec split over files that a page
// links for download is published with the files its $refs name, where
// they lead (t36: only the spec's own file, whose $refs led nowhere).
func TestSpecPublishedWithItsParts(t *testing.T) {
	spec := "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\":\n          description: ok\n" +
		"          content: {application/json: {schema: {$ref: 'parts/types.yaml#/Thing'}}}\n"
	dir := testkit.Site(t, map[string]string{
		"README.md":            "# Home\n\n{% openapi src=\"api/spec.yaml\" path=\"/a\" method=\"get\" %}\n[spec.yaml](api/spec.yaml)\n{% endopenapi %}\n\n[Download the spec](api/spec.yaml)\n",
		"api/spec.yaml":        spec,
		"api/parts/types.yaml": "Thing: {type: string}\n",
	})
	// A JSON spec written with sorted keys declares its version after
	// its components (t39: not taken for a spec, its parts not published).
	sorted := `{"components":{"schemas":{"T":{"$ref":"parts/more.json#/T"}}},"info":{"description":"` + strings.Repeat("x", 8000) +
		`","title":"T","version":"1"},"openapi":"3.0.3","paths":{}}`
	if err := os.WriteFile(filepath.Join(dir, "api/sorted.json"), []byte(sorted), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "api/parts/more.json"), []byte(`{"T":{"type":"string"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("# Home\n\n{% openapi src=\"api/spec.yaml\" path=\"/a\" method=\"get\" %}\n[spec.yaml](api/spec.yaml)\n{% endopenapi %}\n\n[Download the spec](api/spec.yaml) [sorted](api/sorted.json)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := built(t, Options{Dir: dir})
	for _, f := range []string{"api/spec.yaml", "api/parts/types.yaml", "api/sorted.json", "api/parts/more.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("%s not published: %v", f, err)
		}
	}
}

// TestSafeSVG: an SVG is published when all it holds is drawing; script
// by any name, namespace or encoding is not (t61, t76: a prefixed
// <s:script>, HTML in a foreignObject, an iframe's srcdoc and an entity
// that hid javascript: passed a scan for the words).
func TestSafeSVG(t *testing.T) {
	const ns = `xmlns="http://www.w3.org/2000/svg"`
	for svg, want := range map[string]bool{
		`<svg><script>alert(1)</script></svg>`:                                                false,
		`<svg onload="x()"></svg>`:                                                            false,
		`<svg><rect ONCLICK = "x()"/></svg>`:                                                  false,
		`<svg><a href="JavaScript:x()">a</a></svg>`:                                           false,
		`<svg ` + ns + ` xmlns:s="http://www.w3.org/2000/svg"><s:script>x()</s:script></svg>`: false,
		`<svg ` + ns + `><foreignObject><h:script xmlns:h="http://www.w3.org/1999/xhtml">x()</h:script></foreignObject></svg>`:        false,
		`<svg ` + ns + `><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" srcdoc="&lt;script&gt;"/></foreignObject></svg>`: false,
		`<svg ` + ns + ` xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="jav&#x61;script:x()">a</a></svg>`:                  false,
		`<svg ` + ns + `><a href=" java	script:x()">a</a></svg>`:                                                                      false,
		`<svg ` + ns + `><set attributeName="href" to="javascript:x()"/></svg>`:                                                       false,
		`<svg ` + ns + `><h1 xmlns="http://www.w3.org/1999/xhtml">x</h1></svg>`:                                                       true, // inert text
		`<svg ` + ns + `><iframe xmlns="http://www.w3.org/1999/xhtml" src="x.html"/></svg>`:                                           false,
		`<!DOCTYPE svg [<!ENTITY x "&lt;script&gt;">]><svg ` + ns + `>&x;</svg>`:                                                      false,
		`<?xml-stylesheet type="text/xsl" href="x.xsl"?><svg ` + ns + `/>`:                                                            false,
		`<svg ` + ns + `><image href="data:image/svg+xml;base64,PHN2Zz4="/></svg>`:                                                    true,
		`<svg ` + ns + `><handler>x()</handler></svg>`:                                                                                false,
		// t77: a default attribute from the document type, and XSLT
		// whose type hides behind another pseudo attribute.
		`<!DOCTYPE svg [<!ATTLIST svg onload CDATA "x()">]><svg ` + ns + `/>`:                                                               false,
		`<?xml-stylesheet type="text/xsl" href="evil.png" title="text/css"?><svg ` + ns + `/>`:                                              false,
		`<!DOCTYPE svg [<!ENTITY j "javascript">]><svg ` + ns + `><a href="&j;:x()">a</a></svg>`:                                            false,
		`<!DOCTYPE svg [<!ENTITY % p "x">]><svg ` + ns + `/>`:                                                                               false,
		`<svg ` + ns + `><foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="x()"/></div></foreignObject></svg>`: false,
		`<svg ` + ns + `><foreignObject><form xmlns="http://www.w3.org/1999/xhtml" action="https://x"/></foreignObject></svg>`:              false,
		`<svg><text>Click on = the button</text></svg>`:                                                                                     true,
		`<svg font-family="none" opacity="1"></svg>`:                                                                                        true,
		`<svg><text>online, ongoing, on</text></svg>`:                                                                                       true,
		`<svg><rect width="10" height="10"/></svg>`:                                                                                         true,
		// As Inkscape writes a drawing, with its own elements, metadata,
		// a style sheet, an embedded image and links.
		`<?xml version="1.0" encoding="UTF-8"?><?xml-stylesheet type="text/css" href="a.css"?>
<svg ` + ns + ` xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
 xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns:dc="http://purl.org/dc/elements/1.1/" inkscape:version="1.3">
<sodipodi:namedview id="n" inkscape:zoom="1"/><metadata><rdf:RDF><dc:title>Map &amp; key&nbsp;</dc:title></rdf:RDF></metadata>
<defs><linearGradient id="g"><stop offset="0"/></linearGradient><style>.a{fill:url(#g)}</style></defs>
<g inkscape:label="Layer"><path d="M0 0L1 1" class="a"/><use xlink:href="#g"/>
<image xlink:href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
<a href="https://example.org/"><text>Example</text></a><animate attributeName="opacity" values="0;1;0" dur="1s"/></g></svg>`: true,
		// t77: what editors write that the first allowlist refused: draw.io's
		// and Mermaid's HTML labels, Illustrator's entities and SVG fonts,
		// Inkscape's flowed text and mesh gradients, a declared encoding,
		// addresses of other schemes, a linked file, an SVG image.
		`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg ` + ns + `><foreignObject requiredExtensions="http://www.w3.org/1999/xhtml"><div xmlns="http://www.w3.org/1999/xhtml" style="display:flex"><div><b>Start</b><br/>here</div></div></foreignObject></svg>`: true,
		`<!DOCTYPE svg [<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/"><!ENTITY ns_svg 'http://www.w3.org/2000/svg'>]><svg xmlns="&ns_svg;" xmlns:i="&ns_ai;"><defs><font id="f"><font-face font-family="F"/><missing-glyph/><glyph unicode="a" d="M0 0"/><hkern u1="a" u2="b" k="1"/></font></defs></svg>`: true,
		`<svg ` + ns + `><flowRoot><flowRegion><rect/></flowRegion><flowPara>Text</flowPara></flowRoot><defs><meshgradient><meshrow><meshpatch><stop/></meshpatch></meshrow></meshgradient><color-profile name="p"/></defs></svg>`:                                                                                       true,
		"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><svg " + ns + "><text>caf\xe9</text></svg>":                                                                                                                       true,
		`<svg ` + ns + `><a href="tel:+33100000000"><text>Call</text></a><a href="ftp://x.org/f"/><image href="file:///home/me/a.png"/><image href="C:\Users\me\a.png"/><image href="data:image/jpg;base64,AA=="/></svg>`: true,
	} {
		if got := safeXML([]byte(svg), true); got != want {
			t.Errorf("safeXML(%s, true) = %v, want %v", svg, got, want)
		}
	}
}

// TestSafeSVGUTF16: a drawing in UTF-16, which its byte order mark and
// declaration say, is read (t77: refused as unreadable).
func TestSafeSVGUTF16(t *testing.T) {
	for _, src := range []string{
		`<?xml version="1.0" encoding="UTF-16"?><svg xmlns="http://www.w3.org/2000/svg"><text>café</text></svg>`,
		`<?xml version="1.0" encoding="UTF-16"?><svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>`,
	} {
		b := []byte{0xff, 0xfe}
		for _, r := range src {
			b = append(b, byte(r), byte(r>>8))
		}
		if got, want := safeXML(b, true), !strings.Contains(src, "script"); got != want {
			t.Errorf("safeXML(UTF-16 %s, true) = %v, want %v", src, got, want)
		}
	}
}

// TestSafeSVGCorpus: the drawing of a real repository is published.
func TestSafeSVGCorpus(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(testkit.CorpusDir(t), "govstack-bb-payments/spec/.gitbook/assets/Payments.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if !safeXML(b, true) {
		t.Error("the payments corpus's drawing is not safe")
	}
}

// TestScriptedXMLUnread: a file that cannot be read is not called unsafe
// here; its publication tells that it cannot be read (t92).
func TestScriptedXMLUnread(t *testing.T) {
	s := &site{}
	if s.scriptedXML(filepath.Join(t.TempDir(), "missing.svg"), true) {
		t.Error("a file that cannot be read is called unsafe")
	}
}
