package openapi

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"folio/internal/testkit"
)

// minimal is a spec with one operation whose 200 response has schema,
// an indented YAML block.
func minimal(schema string) string {
	return `openapi: 3.0.3
info:
  title: t
  version: "1"
paths:
  /things:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
` + schema
}

func loadErr(t *testing.T, root, file string) *LoadError {
	t.Helper()
	_, err := NewLoader(root).Load(file)
	var le *LoadError
	if !errors.As(err, &le) {
		t.Fatalf("Load(%s) = %v, want a *LoadError", file, err)
	}
	return le
}

// unresolved loads file, which must load with one $ref that does not
// resolve, and returns that.
func unresolved(t *testing.T, root, file string) *LoadError {
	t.Helper()
	sp, err := NewLoader(root).Load(file)
	if err != nil {
		t.Fatalf("Load(%s): %v, want it loaded without the broken $ref", file, err)
	}
	if len(sp.Unresolved) != 1 {
		t.Fatalf("Load(%s): %d unresolved $refs %v, want 1", file, len(sp.Unresolved), sp.Unresolved)
	}
	return &sp.Unresolved[0]
}

func TestRefToMissingFile(t *testing.T) {
	root := testkit.Site(t, map[string]string{
		"spec.yaml": minimal(`                $ref: "types.yaml#/Thing"` + "\n"),
		// The ref that fails is in the second file, on its line 4.
		"types.yaml": "Thing:\n  type: object\n  properties:\n    part: {$ref: \"parts/nope.yaml#/Part\"}\n",
	})
	le := unresolved(t, root, "spec.yaml")
	if le.Ref != "parts/nope.yaml#/Part" || le.File != filepath.Join(root, "types.yaml") || le.Line != 4 {
		t.Errorf("got Ref %q at %s:%d, want parts/nope.yaml#/Part at types.yaml:4 (%v)", le.Ref, le.File, le.Line, le)
	}

	// And in the spec itself.
	root = testkit.Site(t, map[string]string{"spec.yaml": minimal(`                $ref: "nope.yaml#/Thing"` + "\n")})
	le = unresolved(t, root, "spec.yaml")
	if le.Ref != "nope.yaml#/Thing" || le.File != filepath.Join(root, "spec.yaml") || le.Line != 14 {
		t.Errorf("got Ref %q at %s:%d, want nope.yaml#/Thing at spec.yaml:14 (%v)", le.Ref, le.File, le.Line, le)
	}
	if !strings.Contains(le.Error(), "does not exist") {
		t.Errorf("message %q does not say the file is missing", le.Error())
	}
}

func TestRefOutsideRootRefused(t *testing.T) {
	dir := t.TempDir()
	// A valid schema: were it read, the spec would load.
	if err := os.WriteFile(filepath.Join(dir, "outside.yaml"), []byte("Thing: {type: string}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(dir, "site")
	testkit.WriteFiles(t, root, map[string]string{
		"spec.yaml": minimal(`                $ref: "../outside.yaml#/Thing"` + "\n"),
		"link.yaml": minimal(`                $ref: "inside.yaml#/Thing"` + "\n"),
	})
	// A symbolic link inside the root to the file outside it is refused too.
	if err := os.Symlink(filepath.Join(dir, "outside.yaml"), filepath.Join(root, "inside.yaml")); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"spec.yaml", "link.yaml"} {
		le := unresolved(t, root, f)
		if le.Ref == "" || le.Line != 14 || !strings.Contains(le.Error(), "outside the repository") {
			t.Errorf("%s: got Ref %q line %d: %v; want the ref refused as outside the repository, line 14", f, le.Ref, le.Line, le)
		}
	}
	// The spec itself outside the root.
	if _, err := NewLoader(root).Load(filepath.Join(dir, "outside.yaml")); err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("loading a file outside the root: %v, want it refused", err)
	}
}

// TestRefTargetKinds: a $ref that names a file or a node that is no
// object (Markdown read as YAML text, a list, a folder) is an unresolved
// $ref at its line, the rest of the spec shown, where kin-openapi stopped
// the whole load with an error at the top of the spec; a $ref outside the
// root is refused as outside whether or not the file exists, which the
// message must not tell.
func TestRefTargetKinds(t *testing.T) {
	for ref, want := range map[string]string{
		"README.md":               "it names a text, not an object",
		"list.yaml":               "it names a list, not an object",
		"types.yaml#/Thing/enum":  "it names a list, not an object",
		"parts/":                  "it names a folder",
		"/etc/no-such-file-here":  "outside the repository",
		"../../no/such/file.yaml": "outside the repository",
	} {
		root := testkit.Site(t, map[string]string{
			"spec.yaml":    minimal(`                $ref: "` + ref + `"` + "\n"),
			"README.md":    "# Home\n\nText.\n",
			"list.yaml":    "- a\n- b\n",
			"types.yaml":   "Thing: {type: string, enum: [a, b]}\n",
			"parts/x.yaml": "X: {type: string}\n",
		})
		le := unresolved(t, root, "spec.yaml")
		if le.Ref != ref || le.Line != 14 || !strings.Contains(le.Error(), want) {
			t.Errorf("$ref %s: got Ref %q line %d: %v; want line 14 saying %q", ref, le.Ref, le.Line, le, want)
		}
	}
}

func TestRemoteRefRefused(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		fmt.Fprintln(w, "Thing: {type: string}")
	}))
	defer srv.Close()
	root := testkit.Site(t, map[string]string{"spec.yaml": minimal(`                $ref: "` + srv.URL + `/types.yaml#/Thing"` + "\n")})
	le := unresolved(t, root, "spec.yaml")
	if le.Ref == "" || le.Line != 14 || !strings.Contains(le.Error(), "another host") {
		t.Errorf("got Ref %q line %d: %v; want the ref refused as another host, line 14", le.Ref, le.Line, le)
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server got %d requests, want none", n)
	}

	// A downloaded spec may not refer to any other file.
	_, err := NewLoader(root).LoadData(srv.URL+"/spec.yaml", []byte(minimal(`                $ref: "types.yaml#/Thing"`+"\n")))
	if err == nil {
		t.Error("a downloaded spec with an external $ref loaded")
	}
	if n := hits.Load(); n != 0 {
		t.Errorf("the server got %d requests, want none", n)
	}
}

// TestRefPositionsAsWritten: on a line with a disabled $ref (minified
// JSON), what comes after it is placed in the file as written, not as
// kin-openapi reads it with the $ref's key renamed.
func TestRefPositionsAsWritten(t *testing.T) {
	spec := `{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"parameters":[` +
		`{"$ref":"#/components/parameters/Nope"},{"$ref":"#/components/parameters/Gone"},` +
		`{"name":"q","in":"nowhere","schema":{"type":"string"}}],"responses":{"200":{"description":"ok"}}}}}}`
	root := testkit.Site(t, map[string]string{"spec.json": spec})
	sp, err := NewLoader(root).Load("spec.json")
	if err != nil {
		t.Fatal(err)
	}
	col := func(s string) int { return strings.Index(spec, s) + 1 }
	if len(sp.Unresolved) != 2 || sp.Unresolved[0].Col != col(`{"$ref"`)+1 || sp.Unresolved[1].Col != col(`{"$ref":"#/components/parameters/Gone"`)+1 {
		t.Errorf("unresolved %v, want two at columns %d and %d", sp.Unresolved, col(`{"$ref"`)+1, col(`{"$ref":"#/components/parameters/Gone"`)+1)
	}
	if len(sp.Problems) != 1 || sp.Problems[0].Line != 1 || sp.Problems[0].Col != col(`"in"`) {
		t.Errorf("problems %v, want one at 1:%d (the 'in' of q)", sp.Problems, col(`"in"`))
	}
}

// TestRefsInValuesNotChecked: a $ref written inside an example or an
// extension is a value, which kin-openapi does not follow: it is neither
// reported nor renamed when the spec's other $refs are checked.
func TestRefsInValuesNotChecked(t *testing.T) {
	root := testkit.Site(t, map[string]string{"spec.yaml": minimal(`                type: object
                properties:
                  a: {$ref: "#/components/schemas/Nope"}
                  example: {type: string, example: {$ref: "#/nowhere"}}
                x-doc: {$ref: "nowhere.yaml"}
                example: {$ref: "#/nowhere/either"}
`)})
	le := unresolved(t, root, "spec.yaml")
	if le.Ref != "#/components/schemas/Nope" {
		t.Errorf("unresolved %v, want #/components/schemas/Nope", le)
	}
	sp, _ := NewLoader(root).Load("spec.yaml")
	s := sp.Doc.Paths.Value("/things").Get.Responses.Status(200).Value.Content["application/json"].Schema.Value
	if ex, ok := s.Example.(map[string]any); !ok || ex["$ref"] != "#/nowhere/either" {
		t.Errorf("the example is %v, want it as written", s.Example)
	}
}

// TestRefThroughRefLeftToKin: a pointer through another $ref is not
// resolved by checkRefs; kin-openapi's error names it, and it is
// disabled then.
func TestRefThroughRefLeftToKin(t *testing.T) {
	root := testkit.Site(t, map[string]string{"spec.yaml": minimal(`                $ref: "#/components/schemas/A/properties/b"`+"\n") +
		"components:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n    B: {type: object, properties: {c: {type: string}}}\n"})
	le := unresolved(t, root, "spec.yaml")
	if le.Ref != "#/components/schemas/A/properties/b" || le.Line != 14 || le.Col != 17 {
		t.Errorf("unresolved %v at %d:%d, want #/components/schemas/A/properties/b at 14:17", le, le.Line, le.Col)
	}
}

// TestProblemsCapped: a spec with many problems reports the first
// maxProblems and counts the others.
func TestProblemsCapped(t *testing.T) {
	var b strings.Builder
	b.WriteString("openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n")
	for i := range 30 {
		fmt.Fprintf(&b, "  /p%d:\n    get:\n      responses:\n        \"200\": {}\n", i)
	}
	root := testkit.Site(t, map[string]string{"spec.yaml": b.String()})
	sp, err := NewLoader(root).Load("spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(sp.Problems) != 20 || sp.ProblemsNotShown != 10 {
		t.Errorf("%d problems and %d not shown, want 20 and 10", len(sp.Problems), sp.ProblemsNotShown)
	}
}

func TestNotASpec(t *testing.T) {
	root := testkit.Site(t, map[string]string{
		"broken.yaml": "openapi: 3.0.3\ninfo:\n  title: [unclosed\n  version: 1\npaths: {}\n",
		"tabs.yaml":   "swagger: \"2.0\"\ninfo:\n\ttitle: t\n",
		"prose.md":    "# Title\n\nSome *text*: with a colon.\n  - and: [a list\n",
		"other.yaml":  "name: not a spec\nversion: 2\n",
		"json.json":   "{\"openapi\": \"3.0.0\",\n \"info\": {\"title\": \"t\",\n",
	})
	for _, f := range []string{"broken.yaml", "tabs.yaml", "prose.md", "other.yaml", "json.json"} {
		le := loadErr(t, root, f)
		if le.Line <= 0 || le.File != filepath.Join(root, f) {
			t.Errorf("%s: LoadError at %s:%d (%v); want the file and a line", f, le.File, le.Line, le)
		}
	}
}

const findSpec = `openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /vouchers:
    post:
      responses: {"201": {description: ok}}
  /vouchers/{serial}/:
    get:
      responses: {"200": {description: ok}}
  /orders:
    get:
      responses: {"200": {description: ok}}
`

func TestFind(t *testing.T) {
	root := testkit.Site(t, map[string]string{"spec.yaml": findSpec})
	spec, err := NewLoader(root).Load("spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ method, path, want string }{
		{"POST", "/vouchers", "/vouchers"},
		{"post", "/vouchers/", "/vouchers"},
		{" Post ", "/vouchers", "/vouchers"},
		{"GET", "/vouchers/{serial}", "/vouchers/{serial}/"},
		{"get", "/vouchers/{serial}/", "/vouchers/{serial}/"},
	} {
		op, err := spec.Find(c.path, c.method)
		if err != nil {
			t.Errorf("Find(%q, %q): %v", c.path, c.method, err)
			continue
		}
		if op.Path != c.want || op.Method != strings.ToLower(strings.TrimSpace(c.method)) {
			t.Errorf("Find(%q, %q) = %s %s, want %s", c.path, c.method, op.Method, op.Path, c.want)
		}
	}
	for _, c := range []struct{ method, path, closest string }{
		{"GET", "/vouchers", "POST /vouchers"},
		{"POST", "/voucher", "POST /vouchers"},
		{"GET", "/order", "GET /orders"},
		{"DELETE", "/vouchers/{serial}", "GET /vouchers/{serial}/"},
	} {
		_, err := spec.Find(c.path, c.method)
		var nf *NotFoundError
		if !errors.As(err, &nf) {
			t.Errorf("Find(%q, %q) = %v, want a *NotFoundError", c.path, c.method, err)
			continue
		}
		if nf.Closest != c.closest {
			t.Errorf("Find(%q, %q): closest %q, want %q", c.path, c.method, nf.Closest, c.closest)
		}
	}
	var nf *NotFoundError
	if _, err := spec.FindWebhook("x", ""); !errors.As(err, &nf) {
		t.Errorf("FindWebhook in a spec without webhooks = %v, want a *NotFoundError", err)
	}
}

// TestFindUnnamed: a block that lacks path= or method= (or a webhook's
// name=) is told what it names and what it lacks, where the message read
// "the spec has no operation  " (t84); the one operation it fits is
// offered.
func TestFindUnnamed(t *testing.T) {
	root := testkit.Site(t, map[string]string{"spec.yaml": findSpec})
	spec, err := NewLoader(root).Load("spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ path, method, msg, closest string }{
		{"", "", "the block names no path= or method=", ""},
		{" ", " ", "the block names no path= or method=", ""},
		{"/orders", "", "the block names path /orders but no method=", "GET /orders"},
		{"", "post", "the block names method POST but no path=", "POST /vouchers"},
		{"", "get", "the block names method GET but no path=", ""},
	} {
		_, err := spec.Find(c.path, c.method)
		var nf *NotFoundError
		if !errors.As(err, &nf) {
			t.Errorf("Find(%q, %q) = %v, want a *NotFoundError", c.path, c.method, err)
			continue
		}
		if nf.Error() != c.msg || nf.Closest != c.closest {
			t.Errorf("Find(%q, %q) = %q, closest %q; want %q, closest %q", c.path, c.method, nf, nf.Closest, c.msg, c.closest)
		}
	}
	if _, err := spec.FindWebhook("", "post"); err == nil || err.Error() != "the block names method POST but no name=" {
		t.Errorf("FindWebhook without a name = %v", err)
	}
	// No path is not the path /.
	root2, err := NewLoader(t.TempDir()).LoadData("root.yaml", []byte("openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /:\n    get:\n      responses: {\"200\": {description: ok}}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if op, err := root2.Find("", "get"); err == nil {
		t.Errorf("Find(\"\", get) = %s %s, want an error", op.Method, op.Path)
	}
	if _, err := root2.Find("/", "get"); err != nil {
		t.Errorf("Find(/, get): %v", err)
	}
}

func TestPathKeysInAuthoredOrder(t *testing.T) {
	spec, err := NewLoader("testdata/order").Load("spec.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(spec.PathKeys(), " "), "/zebras /apes /mice"; got != want {
		t.Errorf("PathKeys = %s, want %s", got, want)
	}
}

func TestInvalidSpecStillRenders(t *testing.T) {
	root := testkit.Site(t, map[string]string{
		// The path parameter {id} is not declared: strict validation fails.
		"spec.yaml": "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /a/{id}:\n    get:\n      summary: Get A\n      responses:\n        \"200\":\n          description: ok\n",
		// An unknown top-level key, named in brackets by the message.
		"extra.yaml": "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\":\n          description: ok\nheaders:\n  X: 1\n",
	})
	l := NewLoader(root)
	for _, c := range []struct {
		file string
		line int
	}{{"spec.yaml", 4}, {"extra.yaml", 9}} {
		spec, err := l.Load(c.file)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if len(spec.Problems) != 1 || spec.Problems[0].Line != c.line {
			t.Errorf("%s: problems %v, want one at line %d", c.file, spec.Problems, c.line)
		}
	}
	spec, _ := l.Load("spec.yaml")
	op, err := spec.Find("/a/{id}", "GET")
	if err != nil {
		t.Fatal(err)
	}
	if html := spec.RenderOperation(op, Options{ID: "a"}); !strings.Contains(string(html), ">Get A</h2>") {
		t.Errorf("the invalid spec's operation does not render:\n%s", html)
	}
}

func TestLineOf(t *testing.T) {
	sp := &Spec{files: map[string][]byte{"f": []byte("openapi: 3.1.0\ninfo:\n  headers: 1\npaths: {}\nheaders:\n  Thing: {}\n")}}
	for msg, want := range map[string]int{
		"extra sibling fields: [headers]":          5, // the top-level key, not the nested one
		"extra sibling fields: [nope headers]":     5,
		`schema "Thing": bad`:                      6,
		"nothing quoted":                           0,
		`value "absent" is not in the file at all`: 0,
	} {
		if got := sp.lineOf("f", msg); got != want {
			t.Errorf("lineOf(%q) = %d, want %d", msg, got, want)
		}
	}
}

func TestLoadOnce(t *testing.T) {
	root := testkit.Site(t, map[string]string{"spec.yaml": findSpec})
	l := NewLoader(root)
	var wg sync.WaitGroup
	specs := make([]*Spec, 8)
	for i := range specs {
		wg.Go(func() {
			// Relative and absolute names of one file are one spec.
			name := "spec.yaml"
			if i%2 == 1 {
				name = filepath.Join(root, "spec.yaml")
			}
			s, err := l.Load(name)
			if err != nil {
				t.Error(err)
			}
			specs[i] = s
		})
	}
	wg.Wait()
	for i, s := range specs {
		if s == nil || s != specs[0] {
			t.Fatalf("Load %d returned %p, want the same spec as the first (%p)", i, s, specs[0])
		}
	}
	a, _ := l.LoadData("https://x/spec.yaml", []byte(findSpec))
	b, _ := l.LoadData("https://x/spec.yaml", []byte(findSpec))
	if a == nil || a != b {
		t.Errorf("LoadData twice gave %p and %p, want one spec", a, b)
	}
}

func TestMapSource(t *testing.T) {
	sources := map[string]string{
		"https://api.example.com/":         "specs",
		"https://api.example.com/v2/":      "specs/v2/",
		"https://api.example.com/v2/beta/": "",
	}
	for _, c := range []struct {
		url, want string
		ok        bool
	}{
		{"https://api.example.com/openapi.yaml", "specs/openapi.yaml", true},
		{"https://api.example.com/v2/openapi.yaml?x=1#frag", "specs/v2/openapi.yaml", true},
		{"https://api.example.com/v2/beta/spec.json", "./spec.json", true},
		{"https://other.example.com/openapi.yaml", "", false},
	} {
		got, ok := MapSource(sources, c.url)
		if got != c.want || ok != c.ok {
			t.Errorf("MapSource(%s) = %q, %v; want %q, %v", c.url, got, ok, c.want, c.ok)
		}
	}
}

func TestFetcher(t *testing.T) {
	var hits atomic.Int32
	body := "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {}\n"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		switch r.URL.Path {
		case "/spec.yaml":
			fmt.Fprint(w, body)
		case "/big.yaml":
			fmt.Fprint(w, strings.Repeat("y", 2000))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := t.TempDir()

	f := &Fetcher{Dir: dir, Client: srv.Client(), MaxSize: 1000}
	for range 3 {
		b, err := f.Fetch(srv.URL + "/spec.yaml")
		if err != nil || string(b) != body {
			t.Fatalf("Fetch = %q, %v", b, err)
		}
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("3 fetches made %d requests, want 1", n)
	}

	// A later build, offline, reads the cache.
	off := &Fetcher{Dir: dir, Offline: true, Client: srv.Client()}
	if b, err := off.Fetch(srv.URL + "/spec.yaml"); err != nil || string(b) != body {
		t.Errorf("offline Fetch from the cache = %q, %v", b, err)
	}
	if _, err := off.Fetch(srv.URL + "/other.yaml"); !errors.Is(err, ErrOffline) {
		t.Errorf("offline Fetch of an uncached URL = %v, want ErrOffline", err)
	}
	empty := &Fetcher{Dir: t.TempDir(), Offline: true, Client: srv.Client()}
	if _, err := empty.Fetch(srv.URL + "/spec.yaml"); !errors.Is(err, ErrOffline) {
		t.Errorf("offline Fetch with an empty cache = %v, want ErrOffline", err)
	}
	if n := hits.Load(); n != 1 {
		t.Errorf("offline fetches made requests: %d in all, want 1", n)
	}

	if _, err := f.Fetch(srv.URL + "/big.yaml"); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("Fetch of 2000 bytes with MaxSize 1000 = %v, want a size error", err)
	}
	if _, err := os.Stat(f.cachePath(srv.URL + "/big.yaml")); err == nil {
		t.Error("the spec over the size limit was cached")
	}
	if _, err := f.Fetch(srv.URL + "/missing.yaml"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Errorf("Fetch of a missing spec = %v, want the 404", err)
	}
	if _, err := f.Fetch("ftp://example.com/spec.yaml"); err == nil {
		t.Error("Fetch of an ftp URL succeeded")
	}
}

// TestFetcherCachesOnlySpecs: a body that is no spec, an error page
// served with 200, is returned for the loader to say so, but not cached,
// so that the next build downloads the spec; it was kept for good (t84).
// A page that shows a spec's text is no spec either, and a cached file
// that is none is downloaded again.
func TestFetcherCachesOnlySpecs(t *testing.T) {
	const spec = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {}\n"
	var body atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, body.Load())
	}))
	defer srv.Close()
	dir := t.TempDir()
	url := srv.URL + "/spec.yaml"
	for _, page := range []string{"<html>Rate limited</html>", "<html><pre>\n" + spec + "</pre></html>"} {
		body.Store(page)
		f := &Fetcher{Dir: dir, Client: srv.Client()}
		if b, err := f.Fetch(url); err != nil || string(b) != page {
			t.Fatalf("Fetch = %q, %v; want the page", b, err)
		}
		if _, err := os.Stat(f.cachePath(url)); err == nil {
			t.Errorf("the page %q was cached", page)
		}
	}
	body.Store(spec)
	f := &Fetcher{Dir: dir, Client: srv.Client()}
	if b, err := f.Fetch(url); err != nil || string(b) != spec {
		t.Fatalf("Fetch after the page = %q, %v; want the spec", b, err)
	}
	if b, err := os.ReadFile(f.cachePath(url)); err != nil || string(b) != spec {
		t.Errorf("cached %q, %v; want the spec", b, err)
	}

	// A page an earlier release cached.
	if err := os.WriteFile(f.cachePath(url), []byte("<html>Rate limited</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if b, err := (&Fetcher{Dir: dir, Client: srv.Client()}).Fetch(url); err != nil || string(b) != spec {
		t.Errorf("Fetch with a page cached = %q, %v; want the spec", b, err)
	}
}

// TestValidateFindsWhatKinFinds checks validate, which cuts $refs to
// validate each schema once, against kin-openapi's own doc.Validate, on
// specs whose only fault is in a schema reached through nested $refs.
func TestValidateFindsWhatKinFinds(t *testing.T) {
	const head = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    get:\n      responses:\n        \"200\":\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: \"#/components/schemas/A\"}\ncomponents:\n  schemas:\n"
	cases := map[string]string{
		"valid":     "    A: {type: object, properties: {b: {$ref: \"#/components/schemas/B\"}}}\n    B: {type: object, properties: {a: {$ref: \"#/components/schemas/A\"}}}\n",
		"component": "    A: {type: object, properties: {b: {$ref: \"#/components/schemas/B\"}}}\n    B: {type: bogus}\n",
		"deep":      "    A: {type: array, items: {allOf: [{$ref: \"#/components/schemas/B\"}]}}\n    B: {type: object, properties: {c: {$ref: \"#/components/schemas/C\"}}}\n    C: {type: string, pattern: \"([\"}\n",
		"file":      "    A: {type: object, properties: {x: {$ref: \"other.yaml#/X\"}}}\n",
		"mapping":   "    A: {oneOf: [{$ref: \"#/components/schemas/B\"}], discriminator: {propertyName: k, mapping: {b: \"#/components/schemas/B\"}}}\n    B: {type: object, required: [k, k]}\n",
	}
	for name, schemas := range cases {
		root := testkit.Site(t, map[string]string{"spec.yaml": head + schemas, "other.yaml": "X: {type: object, properties: {y: {type: integer, multipleOf: -1}}}\n"})
		l := openapi3.NewLoader()
		l.IsExternalRefsAllowed = true
		doc, err := l.LoadFromFile(filepath.Join(root, "spec.yaml"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := doc.Validate(context.Background())
		a := doc.Components.Schemas["A"].Value
		got := validate(doc)
		if (got == nil) != (want == nil) {
			t.Errorf("%s: validate = %v, kin-openapi's Validate = %v", name, got, want)
		}
		if (name == "valid") != (want == nil) {
			t.Errorf("%s: kin-openapi's Validate = %v, the case is not what it means to be", name, want)
		}
		// The cut $refs are restored.
		if doc.Components.Schemas["A"].Value != a || doc.Validate(context.Background()) == nil != (want == nil) {
			t.Errorf("%s: validate left the document changed", name)
		}
		for _, sr := range a.Properties {
			if sr.Value == nil || sr.Ref != "" && sr.Value.Type == nil && sr.Value.Properties == nil {
				t.Errorf("%s: property still cut after validate: %+v", name, sr)
			}
		}
	}
}

// TestConcurrentRender renders one spec from several goroutines, as a
// build does for its pages; run with -race.
func TestConcurrentRender(t *testing.T) {
	spec, err := NewLoader("testdata/json").Load("spec.json")
	if err != nil {
		t.Fatal(err)
	}
	op, err := spec.Find("/items/{itemId}", "GET")
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 4)
	var wg sync.WaitGroup
	for i := range out {
		wg.Go(func() { out[i] = string(spec.RenderOperation(op, Options{ID: "get-item"})) })
	}
	wg.Wait()
	for i := range out {
		if out[i] != out[0] {
			t.Fatalf("rendering %d differs from the first", i)
		}
	}
}

// TestRenderSchemasSomeMissing: the schemas the spec has are written, with
// o.Missing's box in place of each it lacks, each lacking one an error;
// none there writes nothing.
func TestRenderSchemasSomeMissing(t *testing.T) {
	spec, err := NewLoader(t.TempDir()).LoadData("https://x/spec.json", []byte(`{"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
 "components": {"schemas": {"Item": {"type": "string"}, "Other": {"type": "integer"}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	o := Options{ID: "a", Level: 2, Missing: func(name, id string) []byte { return []byte("[" + name + " " + id + "]") }}
	out, err := spec.RenderSchemas([]string{"Nope", "Item", "Lost", "Other"}, []string{"a", "b", "c", "d"}, true, o)
	var nf *NotFoundError
	if err == nil || !errors.As(err, &nf) || nf.What != "schema Nope" || !strings.Contains(err.Error(), "schema Lost") {
		t.Errorf("error %v, want one of Nope and one of Lost", err)
	}
	got := regexp.MustCompile(`\[[^]]*\]|<div class="api-block api-schemas">|</div>$|id="[a-z]-model"`).FindAllString(string(out), -1)
	want := `[Nope a]|<div class="api-block api-schemas">|id="b-model"|[Lost c]|<div class="api-block api-schemas">|id="d-model"|</div>`
	if strings.Join(got, "|") != want {
		t.Errorf("got %s\nwant %s", strings.Join(got, "|"), want)
	}
	out, err = spec.RenderSchemas([]string{"Nope"}, []string{"a"}, true, o)
	if out != nil || !errors.As(err, &nf) || nf.What != "schema Nope" {
		t.Errorf("none there: %q, %v", out, err)
	}
}

// TestFetchLinkLocalRefused: a spec is never downloaded from a link-local
// address, a cloud's metadata service among them (a repository built in
// CI must not read it with the build's rights); the default client says
// so before any byte is sent. Loopback stays open (a spec served by the
// API under development).
func TestFetchLinkLocalRefused(t *testing.T) {
	for _, u := range []string{"http://169.254.169.254/latest/meta-data/", "http://[fe80::1]:9/x.yaml", "http://0.0.0.0:9/x.yaml"} {
		f := &Fetcher{}
		if _, err := f.Fetch(u); err == nil || !strings.Contains(err.Error(), "not downloaded from") {
			t.Errorf("Fetch(%s): %v, want it refused as link-local", u, err)
		}
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "openapi: 3.0.0") }))
	defer srv.Close()
	if b, err := (&Fetcher{}).Fetch(srv.URL + "/spec.yaml"); err != nil || !strings.Contains(string(b), "openapi") {
		t.Errorf("Fetch from loopback: %q, %v", b, err)
	}
}

// TestRefCycleWithoutSchema: $refs that lead to each other and never to a
// schema (A is B, B is A) are an unresolved $ref that says so, where
// kin-openapi's "found unresolved ref" read as if a target were missing.
func TestRefCycleWithoutSchema(t *testing.T) {
	root := testkit.Site(t, map[string]string{
		"spec.yaml": "openapi: 3.0.3\ninfo: {title: T, version: \"1\"}\npaths:\n  /loop:\n    get:\n      responses:\n        \"200\":\n          description: OK\n" +
			"          content:\n            application/json:\n              schema: {$ref: \"#/components/schemas/A\"}\n" +
			"components:\n  schemas:\n    A: {$ref: \"#/components/schemas/B\"}\n    B: {$ref: \"#/components/schemas/A\"}\n    C: {type: object, properties: {self: {$ref: \"#/components/schemas/C\"}}}\n",
	})
	sp, err := NewLoader(root).Load(filepath.Join(root, "spec.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, le := range sp.Unresolved {
		got = append(got, fmt.Sprintf("%d:%s", le.Line, le.Err))
	}
	if len(got) == 0 || !strings.Contains(strings.Join(got, "\n"), "cycle of $refs that never reaches a schema") {
		t.Errorf("unresolved: %q, want the cycle said", got)
	}
	// A schema that refers to itself through a property is no such cycle.
	if strings.Contains(strings.Join(got, "\n"), "17:") {
		t.Errorf("C, recursive through a property, reported: %q", got)
	}
}

// TestLoadErrorPlaces: a JSON spec that is not valid JSON is said so at
// its place, without YAML's description of the same text; an error of
// YAML's constructor is at the line it gives (at L3.C40), not at the
// "line 1" before it.
func TestLoadErrorPlaces(t *testing.T) {
	root := testkit.Site(t, map[string]string{
		"bad.json":  "{\n  \"openapi\": \"3.0.0\",\n  \"info\": {\"title\": \"T\", \"version\": \"1\"},,\n  \"paths\": {}\n}\n",
		"bomb.yaml": "openapi: 3.0.0\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n",
	})
	_, err := NewLoader(root).Load(filepath.Join(root, "bad.json"))
	var le *LoadError
	if !errors.As(err, &le) || le.Line != 3 || !strings.HasPrefix(le.Err.Error(), "not valid JSON: ") || strings.Contains(le.Error(), "yaml") {
		t.Errorf("bad.json: %v (line %d), want not valid JSON at line 3, without YAML's error", err, le.Line)
	}
	_, err = NewLoader(root).Load(filepath.Join(root, "bomb.yaml"))
	if !errors.As(err, &le) || le.Line < 2 {
		t.Errorf("bomb.yaml: %v (line %d), want the line the constructor gives", err, le.Line)
	}
}

// renderChain renders POST /a of a spec whose request body, in media,
// is A0 of a chain of n schemas, A%d written by schema from its next
// one's $ref, and returns how long it took and what it wrote.
func renderChain(t *testing.T, media string, n int, schema func(i int, next string) string) (time.Duration, int) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, `{"openapi": "3.0.0", "info": {"title": "t", "version": "1"}, "paths": {"/a": {"post": {`+
		`"requestBody": {"content": {%q: {"schema": {"$ref": "#/components/schemas/A0"}}}},`+
		`"responses": {"200": {"description": "ok", "content": {%q: {"schema": {"$ref": "#/components/schemas/A0"}}}}}}}},`+
		`"components": {"schemas": {`, media, media)
	for i := range n {
		fmt.Fprintf(&b, `"A%d": %s,`, i, schema(i, fmt.Sprintf(`{"$ref": "#/components/schemas/A%d"}`, i+1)))
	}
	fmt.Fprintf(&b, `"A%d": {"type": "object", "properties": {"end": {"type": "string"}}}}}}`, n)
	spec, err := NewLoader(t.TempDir()).LoadData("spec.json", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	op, err := spec.Find("/a", "POST")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	out := spec.RenderOperation(op, Options{ID: "a"})
	return time.Since(start), len(out)
}

// TestSharedPartsBounded: schemas that use the same schema twice at each
// level of a chain (allOf: [A1, A1], oneOf: [A1, A1] and anyOf: [A1]) are
// drawn in bounded time and size: the example took time in 2 to the
// power of the chain's length, and the variants drew 2 kB of spec as a
// page of 499 MB (t40). So is an XML example of an allOf chain using the
// same schema five times at each level (t44: 19 s at 12 levels).
func TestSharedPartsBounded(t *testing.T) {
	for kind, schema := range map[string]func(int, string) string{
		"allOf": func(i int, next string) string {
			return fmt.Sprintf(`{"allOf": [%s, %s], "properties": {"p%d": {"type": "string"}}}`, next, next, i)
		},
		"oneOf": func(_ int, next string) string {
			return fmt.Sprintf(`{"oneOf": [%s, %s], "anyOf": [%s]}`, next, next, next)
		},
	} {
		if d, size := renderChain(t, "application/json", 30, schema); d > 3*time.Second || size > 4<<20 {
			t.Errorf("%s chain: %v, %d bytes", kind, d, size)
		}
	}
	xml := func(_ int, next string) string {
		return fmt.Sprintf(`{"allOf": [%s, %s, %s, %s, %s], "properties": {"z": {"type": "string"}, "y": {"type": "string"}}}`, next, next, next, next, next)
	}
	if d, _ := renderChain(t, "application/xml", 14, xml); d > 3*time.Second {
		t.Errorf("XML example: %v", d)
	}
}
