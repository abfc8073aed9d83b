package search

import "testing"

func TestPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<p>Hello <em>wor</em>ld</p><p>Next</p>", "Hello world Next"},
		{"<h2 id=x>Title</h2>text", "Title text"},
		{"<td>a</td><td>b</td>", "a b"},
		{"<script>if (a<b) { x = '</p>' }</script>after", "after"},
		{"<STYLE>p{}</STYLE>after", "after"},
		{"<svg><svg><text>no</text></svg><text>no</text></svg>yes", "yes"},
		{`Clip: <video controls src=c.mp4><a href=c.mp4>c.mp4</a></video><audio src=s.mp3><a href=s.mp3>s.mp3</a></audio> end`, "Clip: end"},
		{`<img src="a.png" alt="A &amp; B">`, "A & B"},
		{`<img alt='single' src=x>`, "single"},
		{`<a title="a > b" href="x">link</a>`, "link"},
		{"<!-- <p>hidden</p> -->shown", "shown"},
		{"x &lt; y &amp;&amp; z &eacute;", "x < y && z é"},
		{"a < b", "a < b"},
		{"<pre><code>go build ./...</code></pre>", "go build ./..."},
		// Parts of a card, a file, an update, side by side; a footnote.
		{"<a href=q/><span>Quickstart</span><span>Get running.</span></a>", "Quickstart Get running."},
		{"<span>Guide (2).pdf</span><span>15 B</span>", "Guide (2).pdf 15 B"},
		{"<p><time>December 25, 2025</time><span>new</span>", "December 25, 2025 new"},
		{"a footnote<sup><a href=#fn1>1</a></sup> here", "a footnote 1 here"},
		{"<p>Hello <em>wor</em>ld and <b>bo</b>ld<i>er</i></p>", "Hello world and bolder"},
		// In code, highlighted tokens side by side read as written.
		{"<pre><code><span>card</span><span>_declined</span>.<span>x</span></code></pre><span>a</span><span>b</span>", "card_declined.x a b"},
		// Controls and what is not shown are not the page's content.
		{`<div class=api-endpoint><code>GET /pets</code> <button type=button class=api-copy data-copy=x hidden>Copy</button></div><p>next`, "GET /pets next"},
		{`<div class=tabs><div class=tabs-list role=tablist><button type=button role=tab>cURL</button><BUTTON role=tab>HTTP</BUTTON></div><section class=tab-panel><p class=tab-panel-title>cURL</p><pre><code>curl x</code></pre></section></div>`, "cURL curl x"},
		{`<figure class="embed embed-card"><a class=embed-link href=x><span class=embed-host>youtube.com</span></a><button type=button class=embed-load hidden>Load content from youtube.com</button><figcaption>Our tour</figcaption></figure>`, "youtube.com Our tour"},
		{`<details class=api-children><summary>Show properties</summary><p>Cat</p></details>`, "Cat"},
		// A drawn diagram is read by its drawing's name, not its source's
		// markup (t42).
		{`<details class=diagram-source><summary>Mermaid source</summary><pre><code>A --&gt; B</code></pre></details>`, ""},
		{`<div class=diagram-drawing><svg role=img aria-label="Flowchart: Edit, Save"><text>Edit</text></svg></div>`, "Flowchart: Edit, Save"},
		{`<svg aria-hidden=true><path d=""/></svg>icon`, "icon"},
		{`<details class="prompt-more"><summary>Show more</summary></details><div>body</div>`, "body"},
		{`<details><summary>An author's title</summary><p>body</p></details>`, "An author's title body"},
		{`<details class=api-children><p>no summary</p><summary>late</summary></details>`, "no summary late"},
		{`<figure class="diagram diagram-mermaid"><figcaption class=diagram-label>Mermaid diagram</figcaption><pre><code>graph TD</code></pre></figure>`, "graph TD"},
		{`<figure><figcaption class=diagram-title>Flow</figcaption></figure>`, "Flow"},
		{`<table data-view=cards><tr><th>a</th><th data-hidden data-card-target class=col-hidden></th></tr><tr><td>Onboarding</td><td class="col-hidden card-target"><a href=x>onboarding.md</a></td><td class="col-hidden card-cover"><img src=y alt="cover"></td><td>Day one</td></tr></table>`, "a Onboarding Day one"},
		{`<th data-hidden="false">shown</th>`, "shown"},
		// data-hidden hides nothing by itself: the renderer gives a card
		// table's hidden columns the col-hidden class, which the theme
		// hides; elsewhere the page shows the text, and search has it.
		{`<div data-hidden>Shown by the page</div><p data-hidden="true">too</p>`, "Shown by the page too"},
		{`<table><tr><th data-hidden class=col-hidden>Cover</th><th>Name</th></tr><tr><td class=col-hidden>c.png</td><td>Ada</td></tr></table>`, "Name Ada"},
		{`<p>a<span aria-hidden="true">🚀</span> b<span aria-hidden=false>c</span></p>`, "a bc"},
		{`<p>fo<span hidden>x</span><b>o</b></p>`, "fo o"},
		{`<div hidden><div>x</div>y</div>z`, "z"},
		{`<DIV HIDDEN>x</div>z`, "z"},
		{`<div hidden="until-found">found</div>`, "found"},
		{`<span class=visually-hidden>(new tab)</span>link`, "link"},
		{`<img hidden alt=x><img aria-hidden=true alt=y><br hidden>after`, "after"},
		{`<p hidden/>after`, "after"},
		{`<select><option>One</option></select>after`, "after"},
		// Without its end tag, what follows is kept.
		{`<div hidden>never closed`, "never closed"},
		{`<button>never closed`, "never closed"},
		{"<p>unclosed <b", "unclosed"},
		{"<script>never closed", ""},
		{"<!-- never closed", ""},
		{"", ""},
	}
	for _, tc := range tests {
		if got := PlainText([]byte(tc.in)); got != tc.want {
			t.Errorf("PlainText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func FuzzPlainText(f *testing.F) {
	f.Add([]byte("<p>a<script>b</script><svg><x/></svg></p>"))
	f.Add([]byte("<img alt='x"))
	f.Fuzz(func(t *testing.T, b []byte) {
		PlainText(b)
	})
}

func FuzzTerms(f *testing.F) {
	f.Add("en", "Hello 4.15 site.yaml")
	f.Add("ar", "إِنَّ")
	f.Add("en", "") // once gave [""]
	f.Fuzz(func(t *testing.T, lang, s string) {
		a := NewAnalysis(lang)
		for _, term := range a.Terms(s) {
			if term == "" {
				t.Fatalf("empty term from %q", s)
			}
		}
	})
}

// FuzzCollapseSpace: the shortcut for text collapsed already gives what
// the full pass gives.
func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"a b", " a", "a  b", "a\tb", "é\u00a0x", "\xff", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w textWriter
		w.raw([]byte(s))
		if got, want := collapseSpace(s), string(w.buf); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
