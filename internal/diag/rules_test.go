package diag

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestRulesSorted(t *testing.T) {
	if !slices.IsSorted(rules) {
		t.Fatal("rules are not in order: IsRule's search needs them so")
	}
	if !IsRule("link-missing") || IsRule("link-mising") || IsRule("") {
		t.Fatal("IsRule does not tell rules from other names")
	}
}

// TestRulesDocumented: the guide's tables of diagnostics, in both
// languages, name exactly the rules.
func TestRulesDocumented(t *testing.T) {
	row := regexp.MustCompile("(?m)\\| `([a-z][a-z-]+)` \\|$")
	for _, lang := range []string{"en", "fr"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "content", lang, "guide", "checking.md"))
		if err != nil {
			t.Fatal(err)
		}
		var doc []string
		for _, m := range row.FindAllStringSubmatch(string(b), -1) {
			doc = append(doc, m[1])
		}
		slices.Sort(doc)
		doc = slices.Compact(doc)
		if !slices.Equal(doc, rules) {
			t.Errorf("%s/guide/checking.md names %d rules, the code %d:\nonly in the guide: %v\nonly in the code: %v",
				lang, len(doc), len(rules), minus(doc, rules), minus(rules, doc))
		}
	}
}

// TestRulesUsed: every rule a diagnostic is given in the code is listed.
func TestRulesUsed(t *testing.T) {
	lit := regexp.MustCompile(`Rule(?:: *|, [^=\n]*= *| = *)"([a-z][a-z-]*)"|fail\("([a-z][a-z-]*)"`)
	var used []string
	err := filepath.WalkDir(filepath.Join("..", ".."), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "content" || strings.HasPrefix(d.Name(), ".") && p != filepath.Join("..", "..")) {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range lit.FindAllStringSubmatch(string(b), -1) {
			used = append(used, m[1]+m[2])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(used) < 40 {
		t.Fatalf("found only %d rules in the code: the pattern no longer matches how they are written", len(used))
	}
	for _, r := range used {
		if !IsRule(r) {
			t.Errorf("rule %q is given in the code but not listed in rules.go", r)
		}
	}
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}
