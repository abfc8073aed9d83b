package content

import (
	"path"
	"strings"
	"testing"
)

// cleanRef is Clean without its fast path: what Clean must return.
func cleanRef(dir, p string) (string, bool) {
	j := path.Join("/", dir, p)
	probe := path.Join("/x", dir, p)
	if strings.HasPrefix(p, "/") {
		j = path.Clean(p)
		probe = path.Join("/x", p)
	}
	if probe != "/x" && !strings.HasPrefix(probe, "/x/") {
		return "", false
	}
	return strings.TrimPrefix(j, "/"), true
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
