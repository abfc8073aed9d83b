package diag

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// Formats lists the output formats of WriteFormat.
var Formats = []string{"text", "json", "github", "junit"}

// WriteFormat writes diagnostics in one of Formats. color applies to text
// only. files lists every source checked, for formats that report passing
// files too (junit); it may be nil.
func WriteFormat(w io.Writer, format string, ds []Diagnostic, files []string, color bool) error {
	switch format {
	case "text":
		return WriteText(w, ds, color)
	case "json":
		return WriteJSON(w, ds)
	case "github":
		return WriteGitHub(w, ds)
	case "junit":
		return WriteJUnit(w, ds, files)
	}
	return fmt.Errorf("unknown format %q (want %s)", format, strings.Join(Formats, ", "))
}

// WriteText writes one diagnostic per line: path:line:col: severity:
// message [rule], with a hint when there is one. color marks severities
// with ANSI colours, for terminals.
func WriteText(w io.Writer, ds []Diagnostic, color bool) error {
	for _, d := range ds {
		line := d.String()
		if d.Rule != "" {
			line += " [" + d.Rule + "]"
		}
		if color {
			sev := d.Severity.String() + ":"
			code := map[Severity]string{Error: "31", Warning: "33", Info: "36"}[d.Severity]
			line = strings.Replace(line, " "+sev, " \x1b[1;"+code+"m"+sev+"\x1b[0m", 1)
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

// jsonDiag is the JSON form of a diagnostic; diagnostics.schema.json
// describes it.
type jsonDiag struct {
	Path       string `json:"path"`
	Line       int    `json:"line"`
	Column     int    `json:"column"`
	Severity   string `json:"severity"`
	Rule       string `json:"rule"`
	Message    string `json:"message"`
	Suggestion string `json:"suggestion"`
}

// WriteJSON writes one JSON array of objects with path, line, column,
// severity, rule, message and suggestion.
func WriteJSON(w io.Writer, ds []Diagnostic) error {
	out := make([]jsonDiag, len(ds))
	for i, d := range ds {
		out[i] = jsonDiag{d.Path, d.Line, d.Col, d.Severity.String(), d.Rule, d.Msg, d.Hint}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteGitHub writes GitHub Actions workflow commands, so that each problem
// shows as an annotation on the line of the pull request:
// ::error file=…,line=…,col=…,title=…::message
func WriteGitHub(w io.Writer, ds []Diagnostic) error {
	for _, d := range ds {
		cmd := map[Severity]string{Error: "error", Warning: "warning", Info: "notice"}[d.Severity]
		// Escaped as in the text format first: GitHub's own escaping keeps
		// an ESC or a tab of a file name, which would reach the CI log.
		props := []string{"file=" + printable(ghProperty(d.Path))}
		if d.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", d.Line))
			if d.Col > 0 {
				props = append(props, fmt.Sprintf("col=%d", d.Col))
			}
		}
		if d.Rule != "" {
			props = append(props, "title="+ghProperty("folio "+d.Rule))
		}
		msg := d.Msg
		if d.Hint != "" {
			msg += " (" + d.Hint + ")"
		}
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), printable(ghData(msg))); err != nil {
			return err
		}
	}
	return nil
}

// ghData escapes a workflow command's message, as GitHub's toolkit does.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a workflow command's property value.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	Failures  []junitFailure `xml:"failure"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes a JUnit XML report for CI dashboards: one test case
// per file checked, failing with its errors and warnings.
func WriteJUnit(w io.Writer, ds []Diagnostic, files []string) error {
	byFile := map[string][]Diagnostic{}
	var order []string
	add := func(f string) {
		if _, ok := byFile[f]; !ok {
			byFile[f] = nil
			order = append(order, f)
		}
	}
	for _, f := range files {
		add(f)
	}
	for _, d := range ds {
		add(d.Path)
		byFile[d.Path] = append(byFile[d.Path], d)
	}
	suite := junitSuite{Name: "folio check"}
	for _, f := range order {
		c := junitCase{Name: f, Classname: "folio"}
		for _, d := range byFile[f] {
			if d.Severity < Warning {
				continue
			}
			c.Failures = append(c.Failures, junitFailure{Message: d.Msg, Type: d.Rule, Text: d.String()})
		}
		suite.Tests++
		if len(c.Failures) > 0 {
			suite.Failures++
		}
		suite.Cases = append(suite.Cases, c)
	}
	doc := junitSuites{Name: "folio", Tests: suite.Tests, Failures: suite.Failures, Suites: []junitSuite{suite}}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// Enumerate writes items as a message lists them: "a", "a and b", "a, b
// and c".
func Enumerate(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
