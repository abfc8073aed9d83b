package openapi

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

var update = flag.Bool("update", false, "rewrite the expected .html files of testdata")

// TestGolden renders what each testdata/*/cases.txt names and compares it
// with the .html file beside it. A case file holds, one a line:
//
//	spec FILE                   load FILE (relative to the case's directory; may hold spaces)
//	op NAME METHOD PATH         render an operation with ID NAME into NAME.html
//	webhook NAME HOOK [METHOD]  render a webhook the same way
//	schemas NAME S1,S2… [ungrouped]  render a schemas block (ids schema-s1, …) into NAME.html; ungrouped: each in a block of its own
//	invalid                     the spec loaded must fail strict validation
//	valid                       the spec loaded must pass it
//	unresolved REF FILE:LINE[:COL]  the spec loaded has a $ref REF, written
//	                            at FILE:LINE (and COL), that does not resolve
//	unresolved-count N          the spec loaded has N such $refs
//	has TEXT                    the last rendering holds TEXT
//	not TEXT                    the last rendering lacks TEXT
//	order T1 | T2 | …           the last rendering holds these in this order
//	within FROM [| TO]          has, not and order look only from the first
//	                            FROM to the next TO (or the end), until the
//	                            next within or rendering
//
// and # comments. The assertions say what each case is for, so that a
// wrong rendering fails even after -update rewrote the .html files.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*/cases.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata/*/cases.txt: %v", err)
	}
	for _, file := range files {
		dir := filepath.Dir(file)
		t.Run(filepath.Base(dir), func(t *testing.T) { runCases(t, dir, file) })
	}
}

func runCases(t *testing.T, dir, file string) {
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	loader := NewLoader(dir)
	var spec *Spec
	var last, scope []byte
	var lastName string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		verb, rest, _ := strings.Cut(line, " ")
		args := strings.Fields(rest)
		at := fmt.Sprintf("%s:%d", file, n)
		need := func(k int) {
			if len(args) < k {
				t.Fatalf("%s: %s needs %d arguments", at, verb, k)
			}
		}
		render := func(name string, out []byte, prefixes ...string) {
			if err := checkHTML(out, prefixes...); err != nil {
				t.Errorf("%s: %s.html is not well-formed: %v", at, name, err)
			}
			compareGolden(t, filepath.Join(dir, name+".html"), out)
			last, scope, lastName = out, out, name
		}
		switch verb {
		case "spec":
			spec, err = loader.Load(rest)
			if err != nil {
				t.Fatalf("%s: %v", at, err)
			}
		case "unresolved":
			need(2)
			found := false
			for _, u := range spec.Unresolved {
				where := fmt.Sprintf("%s:%d", filepath.Base(u.File), u.Line)
				if strings.Count(args[1], ":") > 1 {
					where += fmt.Sprintf(":%d", u.Col)
				}
				found = found || u.Ref == args[0] && where == args[1]
			}
			if !found {
				t.Errorf("%s: no unresolved $ref %s at %s in %v", at, args[0], args[1], spec.Unresolved)
			}
		case "unresolved-count":
			need(1)
			if n := fmt.Sprint(len(spec.Unresolved)); n != args[0] {
				t.Errorf("%s: %s unresolved $refs, want %s: %v", at, n, args[0], spec.Unresolved)
			}
		case "valid":
			if len(spec.Problems) > 0 {
				t.Errorf("%s: the spec fails validation: %v", at, spec.Problems)
			}
		case "invalid":
			if len(spec.Problems) == 0 {
				t.Errorf("%s: the spec passes validation; want it invalid", at)
			}
		case "op":
			need(3)
			op, err := spec.Find(args[2], args[1])
			if err != nil {
				t.Fatalf("%s: %v", at, err)
			}
			render(args[0], spec.RenderOperation(op, Options{ID: args[0], Level: 2}), args[0])
		case "webhook":
			need(2)
			method := ""
			if len(args) > 2 {
				method = args[2]
			}
			op, err := spec.FindWebhook(args[1], method)
			if err != nil {
				t.Fatalf("%s: %v", at, err)
			}
			render(args[0], spec.RenderOperation(op, Options{ID: args[0], Level: 3}), args[0])
		case "schemas":
			need(2)
			names := strings.Split(args[1], ",")
			var ids []string
			for _, s := range names {
				ids = append(ids, "schema-"+strings.ToLower(s))
			}
			grouped := len(args) < 3 || args[2] != "ungrouped"
			out, err := spec.RenderSchemas(names, ids, grouped, Options{ID: ids[0], Level: 2})
			if err != nil {
				t.Fatalf("%s: %v", at, err)
			}
			render(args[0], out, "schema-")
		case "within":
			if last == nil {
				t.Fatalf("%s: within before any rendering", at)
			}
			from, to, _ := strings.Cut(rest, " | ")
			i := bytes.Index(last, []byte(from))
			if i < 0 {
				t.Fatalf("%s: %s.html lacks %s", at, lastName, from)
			}
			scope = last[i:]
			if j := bytes.Index(scope[len(from):], []byte(to)); to != "" && j >= 0 {
				scope = scope[:len(from)+j]
			} else if to != "" {
				t.Fatalf("%s: %s.html lacks %s after %s", at, lastName, to, from)
			}
		case "has", "not":
			if last == nil {
				t.Fatalf("%s: %s before any rendering", at, verb)
			}
			if got := bytes.Contains(scope, []byte(rest)); got != (verb == "has") {
				t.Errorf("%s: %s.html: %s %s", at, lastName, verb, rest)
			}
		case "order":
			if last == nil {
				t.Fatalf("%s: order before any rendering", at)
			}
			from := 0
			for _, s := range strings.Split(rest, " | ") {
				i := bytes.Index(scope[from:], []byte(s))
				if i < 0 {
					t.Errorf("%s: %s.html: %q missing or out of order", at, lastName, s)
					break
				}
				from += i + len(s)
			}
		default:
			t.Fatalf("%s: unknown verb %q", at, verb)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// blockStart matches the start of the tags a golden file breaks its lines
// before, so that a diff shows which part of the block changed. The
// rendering itself has no line breaks between tags.
var blockStart = regexp.MustCompile(`><(/?(?:section|div|details|ul|dl|pre)\b|(?:summary|li|p|dt|dd|h[1-6]|button)\b)`)

// pretty breaks a rendering into lines for its golden file.
func pretty(b []byte) []byte {
	return append(blockStart.ReplaceAll(b, []byte(">\n<$1")), '\n')
}

func compareGolden(t *testing.T, file string, got []byte) {
	t.Helper()
	if bytes.Contains(got, []byte(">\n<")) {
		t.Errorf("%s: the rendering has a line break between tags, which the golden file cannot tell from its own", file)
	}
	got = pretty(got)
	if *update {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if d := cmp.Diff(string(want), string(got)); d != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", file, d)
	}
}
