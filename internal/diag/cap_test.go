package diag

import (
	"fmt"
	"testing"
)

func TestCap(t *testing.T) {
	var ds []Diagnostic
	for i := 1; i <= 30; i++ {
		ds = append(ds, Diagnostic{Path: "a.md", Line: 1, Col: i, Severity: Warning, Rule: "template-syntax", Msg: "{{ is not closed"})
	}
	ds = append(ds, Diagnostic{Path: "a.md", Line: 2, Severity: Error, Rule: "link-missing", Msg: "x"},
		Diagnostic{Path: "b.md", Line: 1, Severity: Warning, Rule: "template-syntax", Msg: "y"})
	got := Cap(ds, 20)
	if len(got) != 23 {
		t.Fatalf("%d diagnostics, want 20 + 1 summary + 2 others: %v", len(got), got)
	}
	if s := got[20]; s.Col != 21 || s.Msg != "10 more of rule template-syntax in this file, not shown" {
		t.Errorf("summary %s", s)
	}
	if got[21].Rule != "link-missing" || got[22].Path != "b.md" {
		t.Errorf("other rules and files are kept: %v", got[21:])
	}
	// The summary is as grave as the worst it stands for.
	mixed := []Diagnostic{{Path: "a.md", Rule: "heading-id", Severity: Info}, {Path: "a.md", Rule: "heading-id", Severity: Info},
		{Path: "a.md", Rule: "heading-id", Severity: Warning}}
	if got := Cap(mixed, 1); len(got) != 2 || got[1].Severity != Warning {
		t.Errorf("summary of hidden info and warning: %v", got)
	}
	few := ds[:3]
	if fmt.Sprint(Cap(few, 20)) != fmt.Sprint(few) {
		t.Error("under the cap, the list changed")
	}
}
