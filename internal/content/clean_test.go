package content

import (
	"strings"
	"testing"
)

// cleanRef is what Clean must return, element by element: "." and empty
// elements go, ".." takes back the element before it, and a ".." with
// nothing before it leaves the space.
func cleanRef(dir, p string) (string, bool) {
	full := p
	if !strings.HasPrefix(p, "/") {
		full = dir + "/" + p
	}
	var stack []string
	for _, elem := range strings.Split(full, "/") {
		switch elem {
		case "", ".":
		case "..":
			if len(stack) == 0 {
				return "", false
			}
			stack = stack[:len(stack)-1]
		default:
			stack = append(stack, elem)
		}
	}
	return strings.Join(stack, "/"), true
}

func TestClean(t *testing.T) {
	for _, tc := range []struct {
		dir, p, want string
		ok           bool
	}{
		{".", "a/b.md", "a/b.md", true},
		{"", "b.md", "b.md", true},
		{"a", "b.md", "a/b.md", true},
		{"a", "../b.md", "b.md", true},
		{"a", "./b.md", "a/b.md", true},
		{"a", "b//c.md", "a/b/c.md", true},
		{"a", "b/", "a/b", true},
		{"a", ".", "a", true},
		{"a", "/c.md", "c.md", true},
		{"a", "../../c.md", "", false},
		{".", "..", "", false},
		{"a/b", "../../c", "c", true},
		{".", "../x/b.md", "", false}, // once taken for x/b.md
		{"a", "/../b", "", false},
	} {
		got, ok := Clean(tc.dir, tc.p)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Clean(%q, %q) = %q, %v; want %q, %v", tc.dir, tc.p, got, ok, tc.want, tc.ok)
		}
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range [][2]string{{".", "a/b.md"}, {"a", "../b"}, {"a/b", "./c/../d"}, {"", "/x"}, {"a", "b/"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, dir, p string) {
		got, ok := Clean(dir, p)
		want, wok := cleanRef(dir, p)
		if got != want || ok != wok {
			t.Errorf("Clean(%q, %q) = %q, %v; want %q, %v", dir, p, got, ok, want, wok)
		}
	})
}
