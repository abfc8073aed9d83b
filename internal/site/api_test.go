package site

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"folio/internal/diag"
	"folio/internal/testkit"
)

var (
	apiOpRE      = regexp.MustCompile(`<section class="?api-op[ "]`)
	apiMissingRE = regexp.MustCompile(`api-block-missing`)
)

// countAPI counts the operations rendered in full, and the API blocks left
// as a link, in every page of out (print pages, which repeat the others,
// left out).
func countAPI(t *testing.T, out string) (ops, missing int) {
	t.Helper()
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || filepath.Base(filepath.Dir(p)) == "print" {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		ops += len(apiOpRE.FindAll(b, -1))
		missing += len(apiMissingRE.FindAll(b, -1))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ops, missing
}

// copyTree copies a read-only corpus into a temporary folder that a test
// may add a site.yaml to.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// TestCorpusAPI builds both GovStack building-block specifications with
// every API block rendered as a full operation: 21 {% openapi %} blocks
// over local specs in bb-payments, and 42 {% swagger %} blocks over a
// remote URL in bb-consent, built offline through a site.yaml mapping of
// the URL to the repository's own copy of the spec.
func TestCorpusAPI(t *testing.T) {
	corpus := testkit.CorpusDir(t)
	consent := copyTree(t, filepath.Join(corpus, "govstack-bb-consent"))
	testkit.WriteFiles(t, consent, map[string]string{"site.yaml": `openapi:
  sources:
    "https://raw.githubusercontent.com/GovStackWorkingGroup/bb-consent/v23Q4/": "."
`})
	for _, c := range []struct {
		name string
		dir  string
		ops  int
	}{
		{"govstack-bb-payments", filepath.Join(corpus, "govstack-bb-payments"), 21},
		{"govstack-bb-consent", consent, 42},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, res := built(t, Options{Dir: c.dir, Offline: true})
			for _, d := range res.Diags {
				if strings.HasPrefix(d.Rule, "api-") && d.Severity == diag.Error {
					t.Errorf("API block error: %s", d)
				}
			}
			ops, missing := countAPI(t, out)
			if ops != c.ops || missing != 0 {
				t.Errorf("%d operations rendered in full and %d left as a link, want %d and 0", ops, missing, c.ops)
			}
		})
	}
}

// TestAPIDiagnostics checks what a build reports about API blocks: a
// missing operation (naming the closest), a $ref that does not resolve (at
// the spec's line), a spec that does not load, an unmapped spec name, and
// a remote spec that --offline keeps from downloading.
func TestAPIDiagnostics(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n",
		"README.md": `# Home

## Operations

{% openapi src="api.yaml" path="/pets/" method="GET" %}
[api.yaml](api.yaml)
{% endopenapi %}

{% openapi src="api.yaml" path="/pet" method="post" %}
{% endopenapi %}

{% openapi src="broken-ref.yaml" path="/a" method="get" %}
{% endopenapi %}

{% openapi src="not-yaml.yaml" path="/a" method="get" %}
{% endopenapi %}

{% openapi-operation spec="nowhere" path="/a" method="get" %}
{% endopenapi-operation %}

{% swagger src="https://example.invalid/spec.yaml" path="/a" method="get" %}
{% endswagger %}
`,
		"api.yaml": `openapi: 3.0.3
info: {title: Pets, version: "1"}
paths:
  /pets:
    get:
      summary: List pets
      responses:
        "200": {description: OK}
    post:
      summary: Add a pet
      responses:
        "201": {description: Created}
`,
		"broken-ref.yaml": `openapi: 3.0.3
info: {title: Broken, version: "1"}
paths:
  /a:
    get:
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema:
                $ref: "missing.yaml#/Thing"
`,
		"not-yaml.yaml": "openapi: 3.0.3\ninfo: [unclosed\n",
	})
	out, res := built(t, Options{Dir: dir, Offline: true})
	got := map[string]diag.Diagnostic{}
	for _, d := range res.Diags {
		if strings.HasPrefix(d.Rule, "api-") {
			got[d.Path+":"+d.Rule] = d
			t.Logf("%s", d)
		}
	}
	want := []struct {
		key, msg string
		line     int
		sev      diag.Severity
	}{
		{"README.md:api-operation", "POST /pet", 9, diag.Error},
		{"broken-ref.yaml:api-ref", "missing.yaml#/Thing", 12, diag.Error},
		{"README.md:api-spec", "does not load", 0, diag.Error},
		{"README.md:api-spec-name", `"nowhere"`, 18, diag.Error},
		{"README.md:api-spec-remote", "--offline", 21, diag.Warning},
	}
	for _, w := range want {
		d, ok := got[w.key]
		if !ok {
			t.Errorf("no %s diagnostic", w.key)
			continue
		}
		if !strings.Contains(d.Msg, w.msg) || w.line != 0 && d.Line != w.line || d.Severity != w.sev {
			t.Errorf("%s: got %s, want line %d, severity %v, message with %q", w.key, d, w.line, w.sev, w.msg)
		}
	}
	if d := got["README.md:api-operation"]; !strings.Contains(d.Hint, "POST /pets") {
		t.Errorf("the missing operation's hint does not name the closest: %s", d)
	}
	ops, missing := countAPI(t, out)
	// The GET matches leniently; broken-ref.yaml's operation is shown
	// without the schema its $ref names.
	if ops != 2 || missing != 4 {
		t.Errorf("%d operations rendered and %d left as a link, want 2 and 4", ops, missing)
	}
}

// TestMissingSpecOnce: a spec file that is not there is one error, the
// src link's, with the echo of it GitBook writes in the block silent.
func TestMissingSpecOnce(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n\n{% openapi src=\"api/missing.yaml\" path=\"/x\" method=\"get\" %}\n[api/missing.yaml](api/missing.yaml)\n{% endopenapi %}\n",
	})
	res, err := Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diags) != 1 || res.Diags[0].Rule != "link-missing" || res.Diags[0].Line != 3 {
		t.Errorf("diagnostics: %v", res.Diags)
	}
}

// TestSpecYAMLError: a spec whose YAML does not load is said at its own
// line and column (an unclosed quote where it opens, not where the file
// ends), and the block says which spec it could not show.
func TestSpecYAMLError(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n\n{% openapi src=\"api.yaml\" path=\"/x\" method=\"get\" %}\n{% endopenapi %}\n",
		"api.yaml":   "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /x:\n    get:\n      summary: \"unterminated\n      responses:\n        '200': {description: ok}\n",
	})
	res, err := Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags {
		got = append(got, fmt.Sprintf("%s:%d:%d %s", d.Path, d.Line, d.Col, d.Rule))
	}
	want := []string{"README.md:3:1 api-spec", "api.yaml:6:16 api-spec"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("diagnostics %v, want %v: %v", got, want, res.Diags)
	}
}

// TestSpecNamedDots: a spec whose name starts with two dots is inside
// the site, and its diagnostics name it as the others' are, relative to
// the site (it was named by its absolute path, as a file outside is).
func TestSpecNamedDots(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n\n{% openapi src=\"..api.yaml\" path=\"/x\" method=\"get\" %}\n{% endopenapi %}\n",
		"..api.yaml": "openapi: 3.0.0\ninfo: {title: T, version: '1'}\npaths:\n  /x:\n    get:\n      summary: \"unterminated\n",
	})
	res, err := Check(context.Background(), Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range res.Diags {
		got = append(got, d.Path)
	}
	if want := "..api.yaml|README.md"; strings.Join(got, "|") != want {
		t.Errorf("diagnostics name %v, want %s: %v", got, want, res.Diags)
	}
}

// TestSchemasSomeMissing: a schemas block that names a schema the spec
// lacks among others it has shows those it has, and in place of each it
// lacks what a block of that schema alone shows; the error names each one
// and the outline only those shown (tester: the whole block was a bare
// box, the schemas it has left out).
func TestSchemasSomeMissing(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
		"site.yaml":  "openapi: {specs: {p31: spec.json}}\n",
		"spec.json": `{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
 "components": {"schemas": {"Item": {"type": "object", "properties": {"id": {"type": "string"}}}}}}`,
		"README.md": `# Home

{% openapi-schemas spec="p31" schemas="Gone" grouped="true" %}
{% endopenapi-schemas %}

{% openapi-schemas spec="p31" schemas="Item,Nope" grouped="true" %}
{% endopenapi-schemas %}

{% openapi-schemas spec="p31" schemas="Nope,Item,Lost" grouped="false" %}
{% endopenapi-schemas %}
`,
	})
	out, res := built(t, Options{Dir: dir})
	var got []string
	for _, d := range res.Diags {
		got = append(got, fmt.Sprintf("%d %s %s | %s", d.Line, d.Rule, d.Msg, d.Hint))
	}
	want := []string{
		"3 api-operation spec.json: the spec has no schema Gone | did you mean Item?",
		"6 api-operation spec.json: the spec has no schema Nope | did you mean Item?",
		"9 api-operation spec.json: the spec has no schema Lost | did you mean Item?",
		"9 api-operation spec.json: the spec has no schema Nope | did you mean Item?",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	page := string(readFileBytes(t, filepath.Join(out, "index.html")))
	body := page[strings.Index(page, "<h1"):]
	body = body[:strings.Index(body, "</article>")]
	// The boxes in page order, and the models, by their ids.
	box := regexp.MustCompile(`<div class="?api-block api-block-missing"? id="?([a-z0-9-]+)"?>(.*?)</div>|id="?(schema-[a-z0-9-]+)-model"?`)
	var order []string
	var alone string // the box of the block of Gone alone
	for _, m := range box.FindAllStringSubmatch(body, -1) {
		if m[3] != "" {
			order = append(order, "model "+m[3])
			continue
		}
		order = append(order, "box "+m[1])
		// Each box names its schema, as written (t73); the rest is alike.
		name := map[string]string{"schema-gone": "Gone", "schema-nope": "Nope", "schema-nope-1": "Nope", "schema-lost": "Lost"}[m[1]]
		held, ok := strings.CutPrefix(m[2], "<p class=api-op-line><code>"+name+"</code></p>")
		if !ok {
			t.Errorf("box %s does not name %s first: %s", m[1], name, m[2])
		}
		if alone == "" {
			alone = held
		} else if held != alone {
			t.Errorf("box %s holds %s, unlike the block of one missing schema: %s", m[1], held, alone)
		}
	}
	wantOrder := "box schema-gone|model schema-item|box schema-nope|box schema-nope-1|model schema-item-1|box schema-lost"
	if strings.Join(order, "|") != wantOrder {
		t.Errorf("page shows %s, want %s", strings.Join(order, "|"), wantOrder)
	}
	if !strings.Contains(alone, "p31") {
		t.Errorf("the box does not name the spec: %s", alone)
	}
	// The outline leads to the models shown, not to the boxes.
	for _, id := range []string{"schema-item", "schema-item-1"} {
		if !regexp.MustCompile(`href="?#` + id + `[" >]`).MatchString(page) {
			t.Errorf("no link to #%s in the page's outline", id)
		}
	}
	for _, id := range []string{"schema-gone", "schema-nope", "schema-nope-1", "schema-lost"} {
		if regexp.MustCompile(`href="?#` + id + `[" >]`).MatchString(page) {
			t.Errorf("the outline links to the box #%s", id)
		}
	}
}
