package diagram

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hostile is SVG a renderer (or a diagram that fooled it) could return.
const hostile = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" width="10" height="10" style="--bg:#fff" onload="alert(1)">
<style>@import url('https://fonts.example/x.css'); svg{}</style>
<script>alert(1)</script>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="https://x.example/a.png"></div></foreignObject>
<a href="javascript:alert(1)"><text x="1" y="1">link</text></a>
<image href="https://x.example/i.png"/>
<use href="https://x.example/s.svg#a"/>
<animate attributeName="href" to="javascript:alert(1)"/>
<defs><marker id="arrow&quot; onclick=&quot;x"><path d="M0 0"/></marker></defs>
<rect x="1" y="1" width="2" height="2" fill="url(https://x.example/p.svg#g)" stroke="u\rl(https://x.example)" onclick="alert(1)" data-x="1" style="fill:red;background:url(https://x.example/b.png);stroke:var(--_line)"/>
<line x1="0" y1="0" x2="1" y2="1" marker-end="url(#arrow)" stroke="var(--_line)"/>
<text x="2" y="2" fill="var(--_text)">&lt;b&gt; &amp; text</text>
</svg>`

func TestCleanHostile(t *testing.T) {
	d, err := clean(hostile)
	if err != nil {
		t.Fatal(err)
	}
	got := d.svg("p1-")
	for _, bad := range []string{"script", "style>", "@import", "foreignObject", "<img", "<a", "image", "<use", "animate",
		"javascript", "example", "onload=", "onclick=", "data-x", "background", "u\\rl", `style="--bg`} {
		if strings.Contains(got, bad) {
			t.Errorf("cleaned SVG holds %q:\n%s", bad, got)
		}
	}
	for _, want := range []string{
		// Widened on the right for the text, whose estimate passes 10.
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 93.04 10" width="93.04" height="10">`,
		`<marker id="p1-arrowonclickx">`,
		`marker-end="url(#p1-arrow)"`,
		`style="fill:red;stroke:var(--_line,currentColor)"`,
		`stroke="var(--_line,currentColor)"`,
		`>&lt;b&gt; &amp; text</text>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("cleaned SVG lacks %q:\n%s", want, got)
		}
	}
}

// FuzzClean holds clean to its promise whatever the renderer returns: what
// it writes parses back to the allowed elements and attributes only, with
// no reference outside the drawing, every id under the prefix.
func FuzzClean(f *testing.F) {
	f.Add(hostile)
	f.Add(`<svg viewBox="0 0 1 1"><text x="0" y="0">a<tspan x="1">b</tspan></text></svg>`)
	f.Add(`<svg><g transform="rotate(90)"><text x="-5e300" text-anchor="end" font-size="1e308">x</text></g></svg>`)
	f.Add(`<svg viewBox="0,0,1,1" width="1"><path id="a" d="M0 0" clip-path="url( '#a' )" fill="url(#a) url(x)"/></svg>`)
	f.Add(`<svg><title>t</title><desc>d</desc><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient><rect fill="url(#g)"/></svg>`)
	f.Add(`<svg><g class="block" data-type="rect" data-label="#ff000080"><rect x="1" y="2" width="3" height="4"/><text>rect</text></g><g class="block" data-type="rect" data-label="red"><rect x="NaN"/></g></svg>`)
	f.Fuzz(func(t *testing.T, src string) {
		d, err := clean(src)
		if err != nil {
			return
		}
		out := d.svg("PFX-")
		nodes, err := html.ParseFragment(strings.NewReader(out), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
		if err != nil {
			t.Fatalf("output does not parse: %v\n%s", err, out)
		}
		var check func(n *html.Node)
		check = func(n *html.Node) {
			if n.Type == html.ElementNode {
				if n.Namespace != "svg" || !svgElements()[n.Data] {
					t.Fatalf("element %s:%s published:\n%s", n.Namespace, n.Data, out)
				}
				for _, a := range n.Attr {
					if a.Namespace != "" || !svgAttrs()[a.Key] && a.Key != "xmlns" {
						t.Fatalf("attribute %s published:\n%s", a.Key, out)
					}
					low := strings.ToLower(a.Val)
					if a.Key == "id" && !strings.HasPrefix(a.Val, "PFX-") {
						t.Fatalf("id %q without the prefix:\n%s", a.Val, out)
					}
					rest := low
					for {
						i := strings.Index(rest, "url(")
						if i < 0 {
							break
						}
						if !strings.HasPrefix(rest[i:], "url(#pfx-") {
							t.Fatalf("reference outside the drawing in %s=%q", a.Key, a.Val)
						}
						rest = rest[i+4:]
					}
					if strings.ContainsAny(a.Val, "\\") || strings.Contains(low, "javascript:") || strings.Contains(low, "@import") {
						t.Fatalf("unsafe value %s=%q", a.Key, a.Val)
					}
				}
			}
			for k := n.FirstChild; k != nil; k = k.NextSibling {
				check(k)
			}
		}
		for _, n := range nodes {
			check(n)
		}
	})
}
