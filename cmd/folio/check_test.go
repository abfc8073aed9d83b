package main

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"folio/internal/testkit"
)

var ruleOfKind = map[string]string{
	"missing target":               "link-missing",
	"broken-reference placeholder": "link-placeholder",
	"broken-page placeholder":      "link-placeholder",
	"GitBook space link":           "link-gitbook-space",
	"editor-local link":            "link-editor-local",
}

var defectLine = regexp.MustCompile(`^([^/]+)/(.+?):(\d+): (missing target|broken-reference placeholder|broken-page placeholder|GitBook space link|editor-local link)`)

// wantDefects reads DEFECTS.txt as "corpus → sorted file:line:rule".
func wantDefects(t *testing.T, c string) map[string][]string {
	f, err := os.Open(filepath.Join(c, "DEFECTS.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := defectLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		out[m[1]] = append(out[m[1]], fmt.Sprintf("%s:%s:%s", m[2], m[3], ruleOfKind[m[4]]))
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

// TestCheckFormatsReportExactlyTheDefects runs folio check on every corpus
// in every format and reads the errors back: they must be exactly the
// defects of DEFECTS.txt, no more, no fewer.
func TestCheckFormatsReportExactlyTheDefects(t *testing.T) {
	c := testkit.CorpusDir(t)
	isolateCache(t)
	want := wantDefects(t, c)
	ghLine := regexp.MustCompile(`^::error file=([^,]+),line=(\d+)(?:,col=\d+)?,title=folio ([a-z-]+)::`)
	textLine := regexp.MustCompile(`^(.+?):(\d+)(?::\d+)?: error: .*\[([a-z-]+)\]$`)
	for _, name := range []string{"govstack-playbook", "govstack-playbook-fr", "govstack-specs", "govstack-bb-consent", "govstack-bb-payments"} {
		root := "" // paths below a .gitbook.yaml root, as DEFECTS.txt gives them
		if name == "govstack-bb-consent" || name == "govstack-bb-payments" {
			root = "spec/"
		}
		for _, format := range []string{"text", "json", "github", "junit"} {
			code, out, errs := runCmd(t, "check", "--offline", "--format", format, filepath.Join(c, name))
			wantCode := exitFail
			if len(want[name]) == 0 {
				wantCode = exitOK
			}
			if code != wantCode {
				t.Errorf("%s %s: exit %d, want %d\n%s", name, format, code, wantCode, errs)
			}
			var got []string
			add := func(path, line, rule string) {
				got = append(got, strings.TrimPrefix(path, root)+":"+line+":"+rule)
			}
			switch format {
			case "text":
				for _, l := range strings.Split(out, "\n") {
					if m := textLine.FindStringSubmatch(l); m != nil {
						add(m[1], m[2], m[3])
					}
				}
			case "github":
				for _, l := range strings.Split(out, "\n") {
					if m := ghLine.FindStringSubmatch(l); m != nil {
						// Annotations name files from the current directory.
						file := strings.ReplaceAll(m[1], "%2C", ",")
						_, file, _ = strings.Cut(file, name+"/")
						add(file, m[2], m[3])
					}
				}
			case "json":
				var ds []struct {
					Path, Severity, Rule string
					Line                 int
				}
				if err := json.Unmarshal([]byte(out), &ds); err != nil {
					t.Fatalf("%s json: %v", name, err)
				}
				for _, d := range ds {
					if d.Severity == "error" {
						add(d.Path, fmt.Sprint(d.Line), d.Rule)
					}
				}
			case "junit":
				var doc struct {
					Suites []struct {
						Cases []struct {
							Failures []struct {
								Type string `xml:"type,attr"`
								Text string `xml:",chardata"`
							} `xml:"failure"`
						} `xml:"testcase"`
					} `xml:"testsuite"`
				}
				if err := xml.Unmarshal([]byte(out), &doc); err != nil {
					t.Fatalf("%s junit: %v", name, err)
				}
				for _, s := range doc.Suites {
					for _, tc := range s.Cases {
						for _, f := range tc.Failures {
							if m := textLine.FindStringSubmatch(f.Text + " [" + f.Type + "]"); m != nil {
								add(m[1], m[2], m[3])
							}
						}
					}
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, want[name]) {
				t.Errorf("%s, format %s: errors\n%s\nwant the defects\n%s", name, format, strings.Join(got, "\n"), strings.Join(want[name], "\n"))
			}
		}
	}
}

// TestCheckExternal runs folio check --external against a local server:
// the dead link is reported where it is written, the good one is not, and
// nothing is requested without --external.
func TestCheckExternal(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Path == "/dead" {
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	dir := testkit.Site(t, map[string]string{
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
		"README.md":  "# Home\n\n[good](" + srv.URL + "/ok) and\n[dead](" + srv.URL + "/dead)\n",
	})
	code, out, _ := runCmd(t, "check", dir)
	if code != exitOK || hits.Load() != 0 || strings.Contains(out, "link-external") {
		t.Fatalf("without --external: exit %d, %d requests, %s", code, hits.Load(), out)
	}
	cache := filepath.Join(t.TempDir(), "links.json")
	code, out, _ = runCmd(t, "check", "--external", "--external-cache", cache, dir)
	if code != exitOK || !strings.Contains(out, "README.md:4:1: warning: external link "+srv.URL+"/dead: 404") || strings.Contains(out, "/ok:") {
		t.Errorf("--external: exit %d\n%s", code, out)
	}
	if code, _, _ = runCmd(t, "check", "--external", "--strict", "--external-cache", cache, dir); code != exitFail {
		t.Errorf("--external --strict with a dead link: exit %d", code)
	}
	n := hits.Load()
	runCmd(t, "check", "--external", "--external-cache", cache, dir)
	if hits.Load() != n {
		t.Error("the cache did not spare the second run its requests")
	}
}

// TestCheckStopReportsInFormat: a site.yaml error that stops the check is
// written in the format asked for, at its line (t34: a JUnit file of 0
// bytes, no annotation on the line a pull request broke, empty JSON).
func TestCheckStopReportsInFormat(t *testing.T) {
	for name, yaml := range map[string]string{"missing": "title: x\ncontent: nope\n", "invalid": "title: x\nlanguages: [\n"} {
		dir := testkit.Site(t, map[string]string{"site.yaml": yaml, "README.md": "# Home\n"})
		code, out, errs := runCmd(t, "check", "--format", "junit", dir)
		var suites struct {
			Failures int `xml:"failures,attr"`
		}
		if err := xml.Unmarshal([]byte(out), &suites); err != nil || suites.Failures != 1 || code != exitFail {
			t.Errorf("%s: junit: exit %d, %d failures (%v):\n%s\nstderr: %s", name, code, suites.Failures, err, out, errs)
		}
		code, out, _ = runCmd(t, "check", "--format", "json", dir)
		var ds []struct {
			Path string
			Line int
		}
		if err := json.Unmarshal([]byte(out), &ds); err != nil || len(ds) != 1 || ds[0].Path != "site.yaml" || ds[0].Line < 2 || code != exitFail {
			t.Errorf("%s: json: exit %d, %+v (%v):\n%s", name, code, ds, err, out)
		}
		code, out, _ = runCmd(t, "check", "--format", "github", dir)
		if !strings.HasPrefix(out, "::error file=") || !strings.Contains(out, "site.yaml,line=") || code != exitFail {
			t.Errorf("%s: github: exit %d:\n%s", name, code, out)
		}
	}
}
