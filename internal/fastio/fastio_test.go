package fastio

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWriteFile: the file is created, replaced whole, and an error names it.
func TestWriteFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "a.html")
	for _, want := range []string{"a longer first version", "short", ""} {
		if err := WriteFile(p, []byte(want)); err != nil {
			t.Fatal(err)
		}
		if got, err := os.ReadFile(p); err != nil || string(got) != want {
			t.Errorf("read back %q, %v; want %q", got, err, want)
		}
	}
	if st, err := os.Stat(p); err != nil || st.Mode().Perm()&0o600 != 0o600 {
		t.Errorf("mode %v, %v", st.Mode(), err)
	}
	bad := filepath.Join(t.TempDir(), "missing", "b.html")
	if err := WriteFile(bad, []byte("x")); err == nil || !strings.Contains(err.Error(), bad) {
		t.Errorf("error %v, want one naming %s", err, bad)
	}
}

func TestReadHead(t *testing.T) {
	p := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(p, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		n    int
		want string
	}{{4, "0123"}, {10, "0123456789"}, {100, "0123456789"}} {
		if got, err := ReadHead(p, tc.n); err != nil || string(got) != tc.want {
			t.Errorf("ReadHead(%d) = %q, %v; want %q", tc.n, got, err, tc.want)
		}
	}
	if _, err := ReadHead(p+"-missing", 4); err == nil {
		t.Error("no error for a missing file")
	}
}
