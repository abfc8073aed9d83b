package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// searchJS is the theme script that mirrors this package's analysis.
var searchJS, _ = filepath.Abs("../../themes/default/static/search.js")

// runNode runs script with node, the JSON of in on stdin, and decodes its
// stdout into out. Tests skip when node is not installed: the Go side is
// still pinned by TestVectors.
func runNode(t *testing.T, script string, in, out any) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, "-e", "const S = require(process.argv[1]);"+
		"let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const input=JSON.parse(s);"+
		script+"});", searchJS)
	cmd.Stdin = bytes.NewReader(data)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.Bytes())
	}
	if err := json.Unmarshal(res, out); err != nil {
		t.Fatalf("node output: %v\n%s", err, res)
	}
}

// TestJSVectors runs testdata/vectors.json through search.js's analyzer,
// fed with the Analysis that Build writes into the index: the two
// implementations must agree on every vector.
func TestJSVectors(t *testing.T) {
	type job struct {
		A  *Analysis `json:"a"`
		In string    `json:"in"`
	}
	vs := readVectors(t)
	jobs := make([]job, len(vs))
	for i, v := range vs {
		jobs[i] = job{NewAnalysis(v.Lang), v.In}
	}
	var got []vector
	runNode(t, `console.log(JSON.stringify(input.map(j => {
		const a = S.analyzer(j.a), f = a.fold(j.in), tk = a.tokens(f), tm = a.terms(j.in);
		return {fold: f, tokens: tk.length ? tk : null, terms: tm.length ? tm : null};
	})));`, jobs, &got)
	if len(got) != len(vs) {
		t.Fatalf("node returned %d results for %d vectors", len(got), len(vs))
	}
	for i, v := range vs {
		g := got[i]
		if g.Fold != v.Fold || !slices.Equal(g.Tokens, v.Tokens) || !slices.Equal(g.Terms, v.Terms) {
			t.Errorf("search.js %s %q:\n got fold %q tokens %q terms %q\nwant fold %q tokens %q terms %q",
				v.Lang, v.In, g.Fold, g.Tokens, g.Terms, v.Fold, v.Tokens, v.Terms)
		}
	}
}

// TestJSSearch builds an index and queries it with search.js.
func TestJSSearch(t *testing.T) {
	idx, err := Build("en", testEntries)
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"install", "configuring serv", "configura", "yaml", "welcome to", "install nothing", "site.ya", "4.15"}
	type result struct {
		URL, ID string
	}
	var got [][]result
	runNode(t, `const ix = new S.Index(input.index);
		console.log(JSON.stringify(input.queries.map(q => ix.search(q, 10).results.map(r => ({URL: r.url, ID: r.id})))));`,
		map[string]any{"index": json.RawMessage(idx), "queries": queries}, &got)
	want := [][]result{
		{{"guide/install/", ""}, {"", "next-steps"}}, // title beats a heading
		{{"guide/config/", "servers"}},               // both words in one section
		{{"guide/config/", ""}},                      // prefix of a stem
		{{"guide/config/", "files"}},                 // part of site.yaml
		{{"", ""}},                                   // the stop word being typed is left out
		{{"guide/install/", ""}, {"", "next-steps"}}, // no page holds both words: those that hold one
		{{"guide/config/", "files"}},                 // compound being typed
		{{"guide/install/", "versions"}},             // number kept whole
	}
	if len(got) != len(want) {
		t.Fatalf("got %d result lists, want %d", len(got), len(want))
	}
	for i, q := range queries {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("search %q = %v, want %v", q, got[i], want[i])
		}
	}
}

// TestJSScript loads an index the way a page does, as a script, and
// checks that it hands over the index unchanged, even with the line
// separators that older JavaScript did not allow in strings.
func TestJSScript(t *testing.T) {
	entries := []Entry{{URL: "a/", Title: "Line\u2028sep\u2029 </script>", HTML: []byte("<p>It's \"quoted\" \\ and \u2028.</p>")}}
	idx, err := Build("en", entries)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Same bool
		V    int
	}
	runNode(t, `const vm = require("vm"), ctx = {window: {}};
		vm.runInNewContext(input.script, ctx);
		const ix = ctx.window.folioSearchIndex;
		console.log(JSON.stringify({Same: JSON.stringify(ix) === JSON.stringify(JSON.parse(input.json)), V: ix.v}));`,
		map[string]string{"script": string(Script(idx)), "json": string(idx)}, &got)
	if !got.Same || got.V != Version {
		t.Errorf("the script gives v%d, same as the JSON: %v", got.V, got.Same)
	}
}

// jsResult is a search result as TestJSFinds reads it: the page, and its
// snippet with the marked parts.
type jsResult struct {
	URL     string   `json:"url"`
	Snippet string   `json:"snippet"`
	Marked  []string `json:"marked"`
}

// jsSearch builds an index of entries in lang and runs each query through
// search.js: the results, each with its snippet and marked words.
func jsSearch(t *testing.T, lang string, entries []Entry, queries []string) [][]jsResult {
	t.Helper()
	idx, err := Build(lang, entries)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]jsResult
	runNode(t, `const ix = new S.Index(input.index);
		console.log(JSON.stringify(input.queries.map(q => {
			const res = ix.search(q);
			return res.results.map(r => {
				const sn = ix.snippet(r.text, res.hit);
				return {url: r.url, snippet: sn.text, marked: sn.marks.map(m => sn.text.slice(m[0], m[1]))};
			});
		})));`, map[string]any{"index": json.RawMessage(idx), "queries": queries}, &got)
	if len(got) != len(queries) {
		t.Fatalf("node returned %d result lists for %d queries", len(got), len(queries))
	}
	return got
}

func urls(rs []jsResult) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.URL)
	}
	return out
}

// TestJSFinds: inflected words, typos, ideographs and suffixed Turkish
// words find their pages, and snippets show and mark what matched.
func TestJSFinds(t *testing.T) {
	page := func(url, text string) Entry {
		return Entry{URL: url, Title: url, HTML: []byte("<p>" + text + "</p>")}
	}
	cases := []struct {
		lang    string
		entries []Entry
		query   string
		want    []string // the pages found, in order
		marked  []string // the marked parts of the first result's snippet
	}{
		{"ru", []Entry{page("a/", "Объявите переменную."), page("b/", "Список переменных."), page("c/", "Другое.")},
			"переменные ", []string{"a/", "b/"}, []string{"переменную"}},
		{"en", []Entry{page("a/", "Install Django first."), page("b/", "Install Flask.")},
			"djnago", []string{"a/"}, []string{"Django"}},
		{"en", []Entry{page("a/", "Install Django first."), page("b/", "Install Flask.")},
			"djnago install ", []string{"a/"}, []string{"Install", "Django"}},
		{"en", []Entry{page("a/", "The configuration file.")},
			"confgiuration ", []string{"a/"}, []string{"configuration"}},
		// A word being typed that the index holds is not the start of a
		// shorter word's ending (tester: username found every "user").
		{"en", []Entry{page("a/", "The user list."), page("b/", "Enter your username.")},
			"username", []string{"b/"}, []string{"username"}},
		// One that no term holds or starts is: the stem of utilisateurs is
		// utilis, which utilisat passed.
		{"fr", []Entry{page("a/", "Les utilisateurs."), page("b/", "Autre chose.")},
			"utilisat", []string{"a/"}, []string{"utilisateurs"}},
		// A hyphenated word of the query ranks the pages that write it
		// joined first, though the index holds its words apart (tester:
		// the X-Road definition came after three roadmaps).
		{"en", []Entry{page("a/", "The roadmap. The road map of the road to the road ahead."), page("b/", "X-Road is a data exchange layer.")},
			"x-road", []string{"b/", "a/"}, []string{"Road"}},
		// The word in the page's title, which has no text of its own, and
		// in a section's text: that section is the result, with a snippet
		// (tester: the title's empty section won, an empty snippet).
		{"fr", []Entry{{URL: "a/", Title: "API des utilisateurs", Headings: []Heading{{ID: "get", Text: "GET /users/{id}"}},
			HTML: []byte(`<h2 id="get">GET /users/{id}</h2><p>Renvoie un utilisateur. Les utilisateurs sont identifiés par un numéro.</p>`)}},
			"utilisateur ", []string{"a/"}, []string{"utilisateur", "utilisateurs"}},
		// The query's words as a phrase, in order, rank their section
		// first, though other pages hold them too, in their titles (t42).
		{"fr", []Entry{{URL: "a/", Title: "Ligne de commande", HTML: []byte("<p>Les options de la ligne de commande. Hors du dossier, rien.</p>")},
			{URL: "b/", Title: "Liens", HTML: []byte("<p>Les pages se lisent hors ligne, sans réseau.</p>")}},
			"hors ligne", []string{"b/", "a/"}, []string{"hors", "ligne"}},
		{"en", []Entry{{URL: "a/", Title: "Works", HTML: []byte("<p>Offline maps. Everything works.</p>")},
			{URL: "b/", Title: "Search", HTML: []byte("<p>It is meant to work offline.</p>")}},
			"works offline", []string{"b/", "a/"}, []string{"work", "offline"}},
		// A page titled as the query stays first, ahead of a page whose
		// text holds the phrase (t45).
		{"en", []Entry{{URL: "a/", Title: "Reviewing", HTML: []byte("<p>Start the live preview first, then review.</p>")},
			{URL: "b/", Title: "Live preview", HTML: []byte("<p>Run folio serve to see your pages while you write them.</p>")}},
			"live preview", []string{"b/", "a/"}, nil},
		// Stop words between the query's words keep it a phrase.
		{"fr", []Entry{{URL: "a/", Title: "Pages", HTML: []byte("<p>Du HTML écrit à la main. Les pages se lisent.</p>")},
			{URL: "b/", Title: "Guide", HTML: []byte("<p>Le HTML dans les pages est filtré.</p>")}},
			"html pages", []string{"b/", "a/"}, []string{"HTML", "pages"}},
		// A version typed with its v finds the number written without
		// one, as the number finds the version (t42).
		{"en", []Entry{page("a/", "Version 1.2.4 is out."), page("b/", "Nothing here.")},
			"v1.2.4", []string{"a/"}, []string{"1.2.4"}},
		{"en", []Entry{page("a/", "Release v1.2.4 is out."), page("b/", "Nothing here.")},
			"v1.2.4", []string{"a/"}, []string{"v1.2.4"}},
		// A version is found by its number (tester: 2.0 found "OAuth
		// 2.0", not "v2.0").
		{"en", []Entry{page("a/", "Version v2.0 is planned."), page("b/", "Nothing here.")},
			"2.0 ", []string{"a/"}, []string{"v2.0"}},
		// A word being typed with a typo finds the words it starts from
		// their first letter on (tester: xroad found the roadmaps).
		{"en", []Entry{page("a/", "The roadmap."), page("b/", "The configuration.")},
			"xroad", nil, nil},
		{"en", []Entry{page("a/", "The roadmap."), page("b/", "The configuration.")},
			"confgiur", []string{"b/"}, []string{"configuration"}},
		// A typo keeps the first letter: xroad is not broad (t42).
		{"en", []Entry{page("a/", "A broad view."), page("b/", "The configuration.")},
			"xroad ", nil, nil},
		// Four letters: no typo allowed.
		{"en", []Entry{page("a/", "Read the docs.")}, "dosc ", nil, nil},
		{"zh", []Entry{page("a/", "检索设置很简单。"), page("b/", "设备列表。")},
			"设置", []string{"a/"}, []string{"设置"}},
		{"zh", []Entry{page("a/", "检索设置很简单。"), page("b/", "设备列表。")},
			"设", []string{"a/", "b/"}, []string{"设"}},
		{"ko", []Entry{page("a/", "설치를 시작합니다.")}, "설치", []string{"a/"}, []string{"설치"}},
		{"tr", []Entry{page("a/", "Değişkenin değeri."), page("b/", "Başka.")},
			"değişken ", []string{"a/"}, []string{"Değişkenin"}},
		{"de", []Entry{page("a/", "Alle Einstellungen."), page("b/", "Nichts.")},
			"einstellung ", []string{"a/"}, []string{"Einstellungen"}},
		// A language named by a letter and a sign is a word (t42).
		{"en", []Entry{page("a/", "Written in C++ and C#."), page("b/", "Written in C and Go.")},
			"C++", []string{"a/"}, []string{"C++"}},
		{"en", []Entry{page("a/", "Written in C++ and C#."), page("b/", "Written in C and Go.")},
			"c#", []string{"a/"}, []string{"C#"}},
		// A number with thousands separators is the number, either way
		// (t42).
		{"en", []Entry{page("a/", "Keys of 2,048 bits."), page("b/", "Keys of 4096 bits.")},
			"2048", []string{"a/"}, []string{"2,048"}},
		{"en", []Entry{page("a/", "Keys of 2048 bits."), page("b/", "Keys of 4096 bits.")},
			"2,048 ", []string{"a/"}, []string{"2048"}},
		// A grouped number being typed finds the numbers it starts (t49),
		// once it has a group of three.
		{"en", []Entry{page("a/", "Rows: 1,234,567."), page("b/", "Keys of 4096 bits.")},
			"1,234", []string{"a/"}, []string{"1,234,567"}},
		{"en", []Entry{page("a/", "It costs 3,500.75 dollars."), page("b/", "Keys of 4096 bits.")},
			"3,500.", []string{"a/"}, []string{"3,500.75"}},
		{"en", []Entry{page("a/", "It costs 3,500.75 dollars."), page("b/", "Keys of 4096 bits.")},
			"3,500.7", []string{"a/"}, []string{"3,500.75"}},
		// A decimal being typed with a comma is no grouped number (t50).
		{"fr", []Entry{page("a/", "Un taux de 12,50 pour cent."), page("b/", "Un taux de 0,125.")},
			"12,5", []string{"a/"}, []string{"12", "50"}},
		{"fr", []Entry{page("a/", "Un taux de 2,5 pour cent."), page("b/", "Autre chose.")},
			"2,5", []string{"a/"}, []string{"2", "5"}},
		// A decimal is no grouped number, 0,125 in French; a grouped
		// number keeps its decimals (t49).
		{"fr", []Entry{page("a/", "Le taux est de 0,125."), page("b/", "Autre chose.")},
			"125 ", []string{"a/"}, []string{"125"}},
		{"en", []Entry{page("a/", "It costs 3,500.75 dollars."), page("b/", "Keys of 4096 bits.")},
			"3500", []string{"a/"}, []string{"3,500.75"}},
		// The snippet is the sentence that holds the match, not the start.
		{"en", []Entry{page("a/", "Folio builds sites. It writes pages fast. Search works offline too. The end.")},
			"offline ", []string{"a/"}, []string{"offline"}},
	}
	for _, c := range cases {
		got := jsSearch(t, c.lang, c.entries, []string{c.query})[0]
		if !slices.Equal(urls(got), c.want) {
			t.Errorf("%s %q found %v, want %v", c.lang, c.query, urls(got), c.want)
			continue
		}
		if len(got) > 0 && !slices.Equal(got[0].Marked, c.marked) {
			t.Errorf("%s %q: snippet %q marks %q, want %q", c.lang, c.query, got[0].Snippet, got[0].Marked, c.marked)
		}
	}
}

// TestJSSnippet: a long section gives a snippet around its best sentence,
// cut with ellipses.
func TestJSSnippet(t *testing.T) {
	filler := strings.Repeat("Nothing to see in this sentence at all. ", 20)
	text := filler + "Here the folio search finds its words, both search and folio. " + filler
	got := jsSearch(t, "en", []Entry{{URL: "a/", Title: "A", HTML: []byte("<p>" + text + "</p>")}}, []string{"folio search "})[0]
	if len(got) != 1 {
		t.Fatalf("found %v", urls(got))
	}
	sn := got[0].Snippet
	if !strings.HasPrefix(sn, "…Here the folio search") || !strings.HasSuffix(sn, "…") || len([]rune(sn)) > 170 {
		t.Errorf("snippet %q: want the matching sentence, cut with ellipses", sn)
	}
	if want := []string{"folio", "search", "search", "folio"}; !slices.Equal(got[0].Marked, want) {
		t.Errorf("marked %q, want %q", got[0].Marked, want)
	}
}

// TestJSMany: every page that matches is returned, past the ten a page
// of results shows.
func TestJSMany(t *testing.T) {
	var entries []Entry
	for i := range 25 {
		entries = append(entries, Entry{URL: fmt.Sprintf("p%d/", i), Title: "Page", HTML: []byte("<p>common words</p>")})
	}
	if got := jsSearch(t, "en", entries, []string{"common"})[0]; len(got) != 25 {
		t.Errorf("found %d pages, want 25", len(got))
	}
}

// TestJSWithin1 holds the typo check to a plain edit distance.
func TestJSWithin1(t *testing.T) {
	pairs := [][2]string{{"django", "djnago"}, {"django", "djang"}, {"django", "djangoo"}, {"django", "dxango"},
		{"django", "django"}, {"django", "dnjago"}, {"django", "flask"}, {"ab", "ba"}, {"abc", "cab"}, {"", "a"}, {"", "ab"}}
	var got []bool
	runNode(t, `console.log(JSON.stringify(input.map(p => S.within1(p[0], p[1]))));`, pairs, &got)
	want := []bool{true, true, true, true, true, false, false, true, false, true, false}
	if !slices.Equal(got, want) {
		t.Errorf("within1 %v = %v, want %v", pairs, got, want)
	}
}

// TestJSLongCompound: an identifier too long to be a term of its own
// (maxTermLen) is indexed as its parts only. A compound query term that
// the index lacks, any prefix of the identifier typed with its
// underscores or dots, finds the section that holds all its parts; a page
// with the compound itself ranks first.
func TestJSLongCompound(t *testing.T) {
	code := "card_declined_insufficient_funds_or_limit_exceeded_by_issuer"
	table := func(url, cell string) Entry {
		return Entry{URL: url, Title: url, HTML: []byte("<table><tr><td>" + cell + "</td><td>The payment was refused.</td></tr></table>")}
	}
	cases := []struct {
		entries []Entry
		want    map[string][]string // query → the pages found, in order
	}{
		{[]Entry{table("codes/", code), {URL: "other/", Title: "other/", HTML: []byte("<p>Nothing about payments.</p>")}},
			map[string][]string{
				"card": {"codes/"}, "card_dec": {"codes/"}, code: {"codes/"}, code + " ": {"codes/"},
				"card_declined": {"codes/"}, "card_declined ": {"codes/"}, "card_declined_insufficient": {"codes/"},
				"card_declined_insufficient_funds_or_li": {"codes/"}, "card.declined.insufficient": {"codes/"},
				"card-declined-insufficient": {"codes/"}, "CARD_DECLINED_INSUFFICIENT_FUNDS ": {"codes/"},
				// Every part must match.
				"card_declined_stolen": nil, "card_declined_stolen ": nil,
			}},
		// The parts in one section, not anywhere on the page.
		{[]Entry{table("codes/", code), {URL: "split/", Title: "split/", Headings: []Heading{{"card", "Card"}, {"declined", "Declined"}}, HTML: []byte("<h2 id=\"card\">Card</h2><p>A card.</p><h2 id=\"declined\">Declined</h2><p>Declined.</p>")}},
			map[string][]string{"card_declined ": {"codes/"}, "card_declined_insufficient": {"codes/"}}},
		// The page with the compound itself comes first, though the other
		// one has its parts in its title.
		{[]Entry{{URL: "card-declined/", Title: "Card declined", HTML: []byte("<p>" + code + ": the card was declined.</p>")}, table("short/", "card_declined")},
			map[string][]string{"card_declined": {"short/", "card-declined/"}, "card_declined ": {"short/", "card-declined/"}}},
	}
	for _, c := range cases {
		queries := slices.Sorted(maps.Keys(c.want))
		for i, got := range jsSearch(t, "en", c.entries, queries) {
			if q := queries[i]; !slices.Equal(urls(got), c.want[q]) {
				t.Errorf("%q found %v, want %v", q, urls(got), c.want[q])
			}
		}
	}
}

// TestJSCompound: a compound query term (client_id, foo.bar) is one term,
// as the index analyses the words of a page: it finds the sections that
// hold it, not those that hold its parts apart (client, identity), typed
// whole or being typed; either connector finds it within a longer
// identifier. A word with a hyphen is words, on both sides (e-mail: mail).
func TestJSCompound(t *testing.T) {
	page := func(url, text string) Entry { return Entry{URL: url, Title: url, HTML: []byte("<p>" + text + "</p>")} }
	entries := []Entry{
		page("a/", "Send an e-mail with the client_id to foo.bar today."),
		page("b/", "The client sends mail. Its id and identity; foo and bar and barrel."),
		page("c/", "Set oauth.client.id_token in the file."),
	}
	want := map[string][]string{
		"client_id": {"a/", "c/"}, "client_id ": {"a/", "c/"}, "client_i": {"a/"}, "CLIENT_ID ": {"a/", "c/"},
		"foo.bar": {"a/"}, "foo.bar ": {"a/"}, "foo.ba": {"a/"},
		"client.id ": {"a/", "c/"}, "client.id_tok": {"c/"},
		// client id: the pages that write the words side by side (client_id,
		// client.id_token) first, as a phrase, then the one holding them apart.
		"e-mail ": {"a/", "b/"}, "client id ": {"a/", "c/", "b/"},
	}
	queries := slices.Sorted(maps.Keys(want))
	got := jsSearch(t, "en", entries, queries)
	for i, q := range queries {
		if !slices.Equal(urls(got[i]), want[q]) {
			t.Errorf("%q found %v, want %v", q, urls(got[i]), want[q])
		}
	}
}

// TestJSResultLang: a result carries the language of its page's text
// when the index gives one (Entry.Lang), and none otherwise.
func TestJSResultLang(t *testing.T) {
	idx, err := Build("fr", []Entry{
		{URL: "fr/", Title: "Accueil", HTML: []byte("<p>Bienvenue sur le guide.</p>")},
		{URL: "fr/advanced/", Title: "Advanced", Lang: "en", HTML: []byte("<p>The guide to tuning.</p>")},
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]string
	runNode(t, `const ix = new S.Index(input);
		console.log(JSON.stringify(ix.search("guide").results.map(r => ({url: r.url, lang: r.lang}))));`, json.RawMessage(idx), &got)
	want := []map[string]string{{"url": "fr/", "lang": ""}, {"url": "fr/advanced/", "lang": "en"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("results %v, want %v", got, want)
	}
}

// TestJSStopWords: a query of stop words alone, which the index leaves
// out, finds the titles and headings that start with them, in their
// order (t62: "qu'est-ce que" and "what is" found nothing).
func TestJSStopWords(t *testing.T) {
	fr, err := Build("fr", []Entry{
		{URL: "fr/integrite/", Title: "Qu’est-ce que l’intégrité ?", HTML: []byte(`<p>Elle est vérifiée.</p>`)},
		{URL: "fr/api/", Title: "Référence", HTML: []byte(`<p>Texte.</p><h2 id="ce-que">Ce que folio affiche</h2><p>Ce que vous lisez.</p>`),
			Headings: []Heading{{"ce-que", "Ce que folio affiche"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	en, err := Build("en", []Entry{
		{URL: "check/", Title: "Checking", HTML: []byte(`<p>It is done.</p><h2 id="what-is-checked">What is checked</h2><p>Links.</p>`),
			Headings: []Heading{{"what-is-checked", "What is checked"}}},
		{URL: "faq/", Title: "FAQ", HTML: []byte(`<p>Questions.</p><h2 id="what-is-this">1. What is this</h2><p>A tool.</p>`),
			Headings: []Heading{{"what-is-this", "1. What is this"}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	type result struct{ URL, ID string }
	var got [][]result
	runNode(t, `const ix = [new S.Index(input.fr), new S.Index(input.en)];
		console.log(JSON.stringify(input.queries.map(q => ix[q[0]].search(q[1], 10).results.map(r => ({URL: r.url, ID: r.id})))));`,
		map[string]any{"fr": json.RawMessage(fr), "en": json.RawMessage(en),
			"queries": [][2]any{{0, "qu'est-ce que"}, {0, "Qu’est-ce"}, {0, "ce que"}, {0, "est"}, {1, "what is"}, {1, "is"}}}, &got)
	want := [][]result{
		{{"fr/integrite/", ""}},
		{{"fr/integrite/", ""}},
		{{"fr/api/", "ce-que"}},
		{},
		{{"check/", "what-is-checked"}, {"faq/", "what-is-this"}},
		{},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d result lists, want %d", len(got), len(want))
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("search %d = %v, want %v", i, got[i], want[i])
		}
	}
}

// TestJSOwnHeading: a page titled by its SUMMARY.md label is found by
// the words of the heading it shows, which its result shows under the
// title (tester: "extensions" did not find "Django Girls Tutorial:
// Extensions", titled Introduction).
func TestJSOwnHeading(t *testing.T) {
	idx, err := Build("en", []Entry{
		{URL: "", Title: "Introduction", Heading: "Django Girls Tutorial: Extensions", HTML: []byte(`<p>This work is licensed.</p>`)},
		{URL: "start/", Title: "Start", Heading: "Welcome", HTML: []byte(`<p>Read on.</p>`)},
		{URL: "other/", Title: "Other", HTML: []byte(`<p>Nothing to see.</p>`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	type result struct{ URL, Heading string }
	var got [][]result
	runNode(t, `const ix = new S.Index(input.index);
		console.log(JSON.stringify(input.queries.map(q => ix.search(q).results.map(r => ({URL: r.url, Heading: r.heading})))));`,
		map[string]any{"index": json.RawMessage(idx), "queries": []string{"extensions", "welcome", "introduction"}}, &got)
	want := [][]result{
		{{"", "Django Girls Tutorial: Extensions"}},
		{{"start/", "Welcome"}},
		{{"", "Django Girls Tutorial: Extensions"}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("results %v, want %v", got, want)
	}
}
