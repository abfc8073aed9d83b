package search

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"slices"
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
		{},                                           // every word must match
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
