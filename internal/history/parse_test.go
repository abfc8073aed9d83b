package history

import (
	"bytes"
	"strings"
	"testing"
)

// header is a commit's header as git log -z --format=logFormat writes it.
func header(n int, author string) string {
	hash := strings.Repeat(string(rune('a'+n)), 40)
	return hash + "\x00" + hash[:7] + "\x00\x00" + author + "\x00" + strings.ToLower(author) + "@example.org\x00" +
		"2024-01-0" + string(rune('1'+n)) + "T10:00:00+02:00\x002024-01-0" + string(rune('1'+n)) + "T10:00:00+02:00\x00"
}

func TestParseLog(t *testing.T) {
	out := header(3, "Dora") + "\nR087\x00docs/a b.md\x00docs/c\td.md\x00M\x00docs/new\nline.md\x00M\x00outside.md\x00" +
		header(2, "Carl") + // an empty commit
		header(1, "Bea") + "\nD\x00docs/gone.md\x00C100\x00docs/x.md\x00docs/y.md\x00" +
		header(0, "Al") + "\nA\x00docs/a b.md\x00A\x00docs/x.md\x00A\x00docs/gone.md\x00A\x00docs/\xff.md\x00"
	h, err := parseLog(strings.NewReader(out), &Repo{Prefix: "docs/"})
	if err != nil {
		t.Fatal(err)
	}
	if h.CommitCount != 4 {
		t.Errorf("CommitCount = %d", h.CommitCount)
	}
	for path, want := range map[string]string{
		"c\td.md":       "Dora",
		"new\nline.md":  "Dora",
		"x.md":          "Al",
		"y.md":          "Bea",
		"\xff.md":       "Al",
		"a b.md":        "",
		"gone.md":       "",
		"outside.md":    "",
		"../outside.md": "",
	} {
		c := h.Last(path)
		switch {
		case want == "" && c != nil:
			t.Errorf("Last(%q) = %s, want nil", path, c.Author)
		case want != "" && (c == nil || c.Author != want):
			t.Errorf("Last(%q) = %v, want %s", path, c, want)
		}
	}
	if c := h.Last("x.md"); c.Date.Format("2006-01-02T15:04Z07:00") != "2024-01-01T10:00+02:00" || c.Short != "aaaaaaa" || c.Email != "al@example.org" {
		t.Errorf("commit fields: %+v", c)
	}
	if len(h.Renames) != 1 || h.Renames[0].From != "a b.md" || h.Renames[0].To != "c\td.md" || h.Renames[0].Commit.Author != "Dora" {
		t.Errorf("Renames = %+v", h.Renames)
	}
	if got := h.Commits("a b.md"); len(got) != 2 || got[0].Author != "Dora" || got[1].Author != "Al" {
		t.Errorf("Commits(a b.md) = %v", got)
	}
}

func TestParseLogErrors(t *testing.T) {
	for name, out := range map[string]string{
		"status first":   "M\x00a.md\x00",
		"truncated":      header(0, "Al")[:50],
		"no path":        header(0, "Al") + "\nM\x00",
		"rename one":     header(0, "Al") + "\nR100\x00a.md\x00",
		"bad date":       strings.Replace(header(0, "Al"), "2024-01-01T10", "yesterday", 1),
		"empty status":   header(0, "Al") + "\n\x00a.md\x00",
		"header cut off": strings.Repeat("a", 40) + "\x00aaaaaaa\x00",
	} {
		if _, err := parseLog(strings.NewReader(out), &Repo{}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	// A token longer than the reader's buffer.
	long := strings.Repeat("p", 200<<10)
	h, err := parseLog(strings.NewReader(header(0, "Al")+"\nA\x00"+long+"\x00"), &Repo{})
	if err != nil || h.Last(long) == nil {
		t.Errorf("long path: %v", err)
	}
}

// TestParseLogGrafted: the boundary of a shallow clone is the commit
// whose decorations (%D) say "grafted", alone or after HEAD.
func TestParseLogGrafted(t *testing.T) {
	for deco, want := range map[string]bool{"": false, "HEAD": false, "grafted": true, "HEAD, grafted": true, "tag: grafted": false} {
		h0 := header(0, "Al")
		h0 = strings.Replace(h0, h0[40:49], h0[40:49]+deco, 1) // after the short hash
		h, err := parseLog(strings.NewReader(header(1, "Bea")+"\nM\x00a.md\x00"+h0+"\nA\x00a.md\x00"), &Repo{})
		if err != nil {
			t.Fatal(err)
		}
		if h.grafted != want || h.Last("a.md").Author != "Bea" {
			t.Errorf("%%D %q: grafted = %v, want %v", deco, h.grafted, want)
		}
	}
}

func TestMoves(t *testing.T) {
	// Newest first: b.md → c.md, then a new a.md, then a.md → b.md, and
	// d.md → e.md with e.md deleted since.
	out := header(4, "E") + "\nD\x00e.md\x00" +
		header(3, "D") + "\nR100\x00b.md\x00c.md\x00" +
		header(2, "C") + "\nR100\x00d.md\x00e.md\x00" +
		header(1, "B") + "\nR100\x00a.md\x00b.md\x00" +
		header(0, "A") + "\nA\x00a.md\x00A\x00d.md\x00"
	h, err := parseLog(strings.NewReader(out), &Repo{})
	if err != nil {
		t.Fatal(err)
	}
	moves := h.Moves()
	var got []string
	for _, m := range moves {
		got = append(got, m.From+"→"+m.To+"@"+m.Commit.Author)
	}
	if want := "a.md→c.md@B b.md→c.md@D"; strings.Join(got, " ") != want {
		t.Errorf("Moves = %s, want %s", strings.Join(got, " "), want)
	}
}

func TestParseChanges(t *testing.T) {
	r := &Repo{Prefix: "site/"}
	out := "M\x00site/a.md\x00R095\x00site/b.md\x00site/c.md\x00R100\x00other/d.md\x00site/d.md\x00D\x00site/e.md\x00T\x00site/f.md\x00M\x00x.md\x00"
	cs, err := r.parseChanges([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cs {
		got = append(got, string(c.Status)+" "+c.From+">"+c.Path)
	}
	if want := "M >a.md|R b.md>c.md|A >d.md|D >e.md|M >f.md"; strings.Join(got, "|") != want {
		t.Errorf("got %s, want %s", strings.Join(got, "|"), want)
	}
	if cs[1].Score != 95 {
		t.Errorf("score %d", cs[1].Score)
	}
	if _, err := r.parseChanges([]byte("R100\x00site/a.md\x00")); err == nil {
		t.Error("a cut rename parsed")
	}
}

func FuzzParseLog(f *testing.F) {
	f.Add([]byte(header(1, "Bea") + "\nR050\x00a\x00b\x00" + header(0, "Al") + "\nA\x00a\x00"))
	f.Add([]byte(header(0, "Al")))
	f.Fuzz(func(t *testing.T, out []byte) {
		h, err := parseLog(bytes.NewReader(out), &Repo{})
		if err == nil {
			h.Moves()
			h.Files()
		}
		(&Repo{}).parseChanges(out)
	})
}
