package markdown

import "testing"

// TestSuspicious holds the cheap look to what sanitize removes: every
// input below, from which sanitize removes something, must look
// suspicious (an attribute without a value, which does nothing, may
// pass), and ordinary prose must not.
func TestSuspicious(t *testing.T) {
	unsafe := []string{
		`<script>alert(1)</script>`,
		`<SCRIPT>x</SCRIPT>`,
		`<img src=x onerror=alert(1)>`,
		`<img/onerror=alert(1) src=x>`,
		"<img\tONLOAD = 'x' src=y>",
		"<a\nonclick=\"x\">a</a>",
		`<p style="color:red">x</p>`,
		`<iframe srcdoc="<b>x</b>"></iframe>`,
		`<frameset></frameset>`,
		`<button formaction=x>b</button>`,
		`<meta http-equiv=refresh content=0>`,
		`<link rel=stylesheet href=x>`,
		`<svg><script>x</script></svg>`,
		`<a title="a>b" onclick=x>y</a>`,
		`<a title=x"y onclick=z>y</a>`,
		`<p title="x"style="position:fixed">hi</p>`,
		`<p><img src="a.png"srcdoc="x"></p>`,
		`<a href="page.md"onclick="alert(1)">x</a>`,
		`<a href='page.md'onclick='alert(1)'>x</a>`,
	}
	for _, s := range unsafe {
		if _, removed := sanitize([]byte(s)); len(removed) == 0 {
			t.Errorf("sanitize(%q) removes nothing: not a test of suspicious", s)
		}
		if !suspicious([]byte(s)) {
			t.Errorf("suspicious(%q) = false, but sanitize removes something", s)
		}
	}
	safe := []string{
		`<p>Click on the button, then only one of them.</p>`,
		`<figure><img src="a.png" alt="on the left"><figcaption>Styles</figcaption></figure>`,
		`<table><tr><td>on</td><td>style</td></tr></table>`,
		`<a href="x" data-on="y">z</a>`,
	}
	for _, s := range safe {
		if suspicious([]byte(s)) {
			t.Errorf("suspicious(%q) = true", s)
		}
	}
}

// FuzzSuspicious: an element sanitize drops always looks suspicious.
func FuzzSuspicious(f *testing.F) {
	for _, s := range []string{"<script>x</script>", "<p>a</p><IFRAME src=x>", "<frameset>", "<scriptx>", "<a></script>", "<svg><style>x</style></svg>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_, removed := sanitize([]byte(s))
		for _, r := range removed {
			if r[0] == '<' && !suspicious([]byte(s)) {
				t.Fatalf("sanitize(%q) removes %s, suspicious says no", s, r)
			}
		}
	})
}
