package config

import (
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"folio/internal/diag"
	"folio/internal/testkit"
)

var update = flag.Bool("update", false, "rewrite golden files")

func formatDiags(ds []diag.Diagnostic) string {
	slices.SortFunc(ds, diag.Compare)
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s [%s]\n", d, d.Rule)
	}
	return b.String()
}

func dumpConfig(c *Config) string {
	var b strings.Builder
	fmt.Fprintf(&b, "file %q\ntitle %q\ndescription %q\nbase_url %q\ntheme %q\nout %q\nminify %v\ngitbook_url %q\n",
		c.File, c.Title, c.Description, c.BaseURL, c.Theme, c.Out, c.Minify, c.GitBookURL)
	if c.DefaultAtRoot {
		b.WriteString("default_at_root true\n")
	}
	if c.Broken {
		b.WriteString("broken: nothing is built\n")
	}
	for _, id := range sortedKeys(c.Spaces) {
		fmt.Fprintf(&b, "space %q -> %q\n", id, c.Spaces[id])
	}
	for _, id := range sortedKeys(c.SpaceDirs) {
		fmt.Fprintf(&b, "space %q -> folder %q\n", id, c.SpaceDirs[id])
	}
	if c.Logo != "" {
		fmt.Fprintf(&b, "logo %q\n", c.Logo)
	}
	for _, f := range c.Favicon {
		fmt.Fprintf(&b, "favicon %q\n", f)
	}
	if c.SocialImage != "" {
		fmt.Fprintf(&b, "social_image %q\n", c.SocialImage)
	}
	for _, code := range slices.Sorted(maps.Keys(c.Strings)) {
		m := c.Strings[code]
		for _, k := range slices.Sorted(maps.Keys(m)) {
			fmt.Fprintf(&b, "string %s %s %q\n", code, k, m[k])
		}
	}
	if c.RepoURL != "" || c.EditURL != "" || c.Branch != "" {
		fmt.Fprintf(&b, "repo_url %q edit_url %q branch %q\n", c.RepoURL, c.EditURL, c.Branch)
	}
	if c.Review.Since != "" {
		fmt.Fprintf(&b, "review since %q line %d\n", c.Review.Since, c.Review.Line)
	}
	for _, l := range c.Languages {
		fmt.Fprintf(&b, "language %q name %q dir %q title %q description %q default %v",
			l.Code, l.Name, l.Dir, l.Title, l.Description, l.Default)
		if l.Fallback {
			b.WriteString(" fallback")
		}
		if l.Section > 0 {
			fmt.Fprintf(&b, " section %d", l.Section)
		}
		b.WriteString("\n")
	}
	for i, sec := range c.Sections {
		fmt.Fprintf(&b, "section %d %q path %q line %d order %d\n", i, sec.Title, sec.Path, sec.Line, sec.Order)
	}
	return b.String()
}

func dumpGitBook(g GitBook) string {
	var b strings.Builder
	fmt.Fprintf(&b, "root %q\nreadme %q\nsummary %q\n", g.Root, g.Readme, g.Summary)
	for _, r := range g.Redirects {
		fmt.Fprintf(&b, "redirect %q -> %q line %d\n", r.From, r.To, r.Line)
	}
	return b.String()
}

// golden runs every testdata/<dir>/*.txtar; run returns the want sections.
func golden(t *testing.T, dir string, run func(t *testing.T, ar *txtar.Archive) map[string]string) {
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases in %s: %v", dir, err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			got := run(t, ar)
			if *update {
				var kept []txtar.File
				for _, f := range ar.Files {
					if !strings.HasPrefix(f.Name, "want.") {
						kept = append(kept, f)
					}
				}
				for _, name := range []string{"want.txt", "want.diag", "want.err"} {
					if g, ok := got[name]; ok {
						kept = append(kept, txtar.File{Name: name, Data: []byte(g)})
					}
				}
				ar.Files = kept
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := map[string]string{}
			for _, f := range ar.Files {
				if strings.HasPrefix(f.Name, "want.") {
					want[f.Name] = string(f.Data)
				}
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	golden(t, "load", func(t *testing.T, ar *txtar.Archive) map[string]string {
		dir := testkit.ArchiveSite(t, ar)
		c, ds, err := Load(dir)
		if err != nil {
			return map[string]string{"want.err": strings.ReplaceAll(err.Error(), dir, "$DIR") + "\n"}
		}
		if c.Dir != dir {
			t.Errorf("Dir = %q, want %q", c.Dir, dir)
		}
		if len(c.Languages) == 0 || !c.Languages[0].Default {
			t.Errorf("no default language first: %+v", c.Languages)
		}
		for _, l := range c.Languages[1:] {
			if l.Default {
				t.Errorf("second default %+v", l)
			}
		}
		return map[string]string{"want.txt": dumpConfig(c), "want.diag": formatDiags(ds)}
	})
}

func TestLoadRelativeDir(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "SUMMARY.md"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	c, _, err := Load(".")
	if err != nil {
		t.Fatal(err)
	}
	if !filepath.IsAbs(c.Dir) || c.File != "" {
		t.Errorf("Dir %q File %q", c.Dir, c.File)
	}
	if _, _, err := Load("missing"); err == nil {
		t.Error("no error for a missing directory")
	}
}

func TestParseGitBook(t *testing.T) {
	golden(t, "gitbook", func(t *testing.T, ar *txtar.Archive) map[string]string {
		var src []byte
		for _, f := range ar.Files {
			if f.Name == ".gitbook.yaml" {
				src = f.Data
			}
		}
		g, ds := ParseGitBook(".gitbook.yaml", src)
		return map[string]string{"want.txt": dumpGitBook(g), "want.diag": formatDiags(ds)}
	})
}

func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found")
		}
		dir = parent
	}
}

func TestCorpus(t *testing.T) {
	corpus := filepath.Join(moduleRoot(t), "..", "shared", "corpus")
	if _, err := os.Stat(corpus); err != nil {
		t.Skipf("corpus not found: %v", err)
	}
	for _, tt := range []struct {
		space, root string
		rootAt      Pos
		readmeAt    Pos
		summaryAt   Pos
	}{
		{"govstack-bb-consent", "spec", Pos{1, 1}, Pos{4, 5}, Pos{5, 5}},
		{"govstack-bb-payments", "spec", Pos{1, 1}, Pos{4, 5}, Pos{5, 5}},
		{"govstack-playbook", ".", Pos{}, Pos{}, Pos{}},
		{"govstack-specs", ".", Pos{}, Pos{}, Pos{}},
	} {
		t.Run(tt.space, func(t *testing.T) {
			dir := filepath.Join(corpus, tt.space)
			b, err := os.ReadFile(filepath.Join(dir, ".gitbook.yaml"))
			if err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
			g, ds := ParseGitBook(".gitbook.yaml", b)
			if len(ds) > 0 {
				t.Errorf("diagnostics:\n%s", formatDiags(ds))
			}
			want := GitBook{Root: tt.root, RootAt: tt.rootAt, ReadmeAt: tt.readmeAt, SummaryAt: tt.summaryAt, Readme: "README.md", Summary: "SUMMARY.md"}
			if diff := cmp.Diff(want, g); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
			if _, err := os.Stat(filepath.Join(dir, g.Root, g.Summary)); err != nil {
				t.Error(err)
			}
			c, ds, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(ds) > 0 || c.File != "" || len(c.Languages) != 1 || c.Languages[0].Dir != "." {
				t.Errorf("Load: %+v %v", c, ds)
			}
		})
	}
}

func TestCheckURL(t *testing.T) {
	for _, tt := range []struct {
		in string
		ok bool
	}{
		{"https://example.org/", true},
		{"http://example.org/docs", true},
		{"https://example.org/docs/?x=1", false},
		{"https://example.org/#top", false},
		{"ftp://example.org/", false},
		{"example.org/docs", false},
		{"https:///docs", false},
		{"https://exa mple.org/", false},
		{"", false},
	} {
		_, msg := checkURL(tt.in)
		if (msg == "") != tt.ok {
			t.Errorf("checkURL(%q) message %q, want ok=%v", tt.in, msg, tt.ok)
		}
	}
}

func TestCleanDir(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"", ".", true},
		{".", ".", true},
		{"./docs/", "docs", true},
		{`docs\fr`, "docs/fr", true},
		{"a/../b", "b", true},
		{"../other", ".", false},
		{"a/../../b", ".", false},
		{"/abs", ".", false},
	} {
		got, msg := cleanDir(tt.in)
		if got != tt.want || (msg == "") != tt.ok {
			t.Errorf("cleanDir(%q) = %q, %q; want %q ok=%v", tt.in, got, msg, tt.want, tt.ok)
		}
	}
}

func TestSpacePath(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"./spec/", "spec", true},
		{"/docs", "docs", true},
		{"SUMMARY.md\u200b", "SUMMARY.md\u200b", true}, // CleanYAML runs before, not here
		{"a/../README.md", "README.md", true},
		{"../README.md", "", false}, // above root: not synced
		{"../../x.md", "", false},
		{"..", "", false},
	} {
		got, ok := spacePath(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("spacePath(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func FuzzParseGitBook(f *testing.F) {
	files, _ := filepath.Glob("testdata/gitbook/*.txtar")
	for _, file := range files {
		if ar, err := txtar.ParseFile(file); err == nil && len(ar.Files) > 0 {
			f.Add(ar.Files[0].Data)
		}
	}
	f.Add([]byte("root: ./spec/\n\n\u200bstructure:\n  summary: SUMMARY.md\u200b\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		g, _ := ParseGitBook(".gitbook.yaml", b)
		for _, p := range []string{g.Root, g.Readme, g.Summary} {
			if p == "" || strings.HasPrefix(p, "/") {
				t.Errorf("bad path %q", p)
			}
		}
		if !slices.IsSortedFunc(g.Redirects, func(a, b Redirect) int { return strings.Compare(a.From, b.From) }) {
			t.Error("redirects not sorted")
		}
	})
}

// TestNormalizeBaseURL: the address a site is published at is written one
// way, wherever it is given (site.yaml, --base-url) and used (canonical
// links, sitemap, robots.txt, 404.html): a // in its path made 404.html
// load its scripts from another host, and the sitemap kept a raw space
// that the canonical links escaped (CI tester).
func TestNormalizeBaseURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/docs":         "https://example.org/docs/",
		"https://example.org//docs/":       "https://example.org/docs/",
		"https://example.org/a/../b/":      "https://example.org/b/",
		"https://Example.ORG/my docs/a&b/": "https://example.org/my%20docs/a&b/",
		`https://example.org/a"b/`:         "https://example.org/a%22b/",
		"https://example.org/a%2Fb/":       "https://example.org/a%2Fb/",
		"https://例え.jp/文档":                 "https://xn--r8jz45g.jp/%E6%96%87%E6%A1%A3/",
		"http://example.org:8080":          "http://example.org:8080/",
		"https://example.org":              "https://example.org/",
		// t100: an IP address is no name for IDNA; a scheme's own port
		// and the folder's index.html name nothing more.
		"http://[::1]:8080/docs/":               "http://[::1]:8080/docs/",
		"http://[2001:DB8:0:0::1]/":             "http://[2001:db8::1]/",
		"http://127.0.0.1:8080/docs":            "http://127.0.0.1:8080/docs/",
		"https://example.org:443/docs":          "https://example.org/docs/",
		"http://example.org:80/":                "http://example.org/",
		"https://example.org:0443/":             "https://example.org/",
		"http://example.org:08080/":             "http://example.org:8080/",
		"https://example.org:80/":               "https://example.org:80/",
		"https://example.org/docs/index.html":   "https://example.org/docs/",
		"https://example.org/docs/INDEX.HTM":    "https://example.org/docs/",
		"https://example.org/docs/index.html/x": "https://example.org/docs/index.html/x/",
	} {
		got, err := NormalizeBaseURL(in)
		if err != nil || got != want {
			t.Errorf("NormalizeBaseURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"ftp://x/", "https:///x/", "https://u:p@example.org/", "https://example.org/?q", "https://example.org/#f", "/docs/"} {
		if got, err := NormalizeBaseURL(in); err == nil {
			t.Errorf("NormalizeBaseURL(%q) = %q, want an error", in, got)
		}
	}
}

func TestSiteTitleFallbacks(t *testing.T) {
	for _, tt := range []struct {
		title string
		want  bool
	}{{"Introduction", true}, {" overview ", true}, {"Welcome 👋", true}, {"👋 Welcome!", true}, {"Table des matières", true}, {"Übersicht", true},
		{"GovStack Implementation Playbook", false}, {"Introduction to Go", false}, {"", false}} {
		if got := PlaceholderTitle(tt.title); got != tt.want {
			t.Errorf("PlaceholderTitle(%q) = %v, want %v", tt.title, got, tt.want)
		}
	}
}
