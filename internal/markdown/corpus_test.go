package markdown

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"
)

// TestCorpusPages converts every page of every corpus in ../shared/corpus
// (Parse, Resolve with a trivial resolver, Render) and checks the visible
// text: no `{%` tag text, no `&#x20;`, no U+200B; and no construct is
// reported unsupported.
func TestCorpusPages(t *testing.T) {
	root := filepath.Join("..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		t.Skipf("corpus not available: %v", err)
	}
	conv := New()
	pages := 0
	total := map[string]int{}
	err := filepath.WalkDir(root, func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !strings.HasSuffix(p, ".md") || strings.Contains(p, "/.gitbook/") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		rel, _ := filepath.Rel(root, p)
		pages++
		d := conv.Parse(rel, src)
		d.Resolve(func(r Ref) Resolution { return Resolution{Keep: true, Title: "Title"} })
		html, err := conv.Render(d)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		for k, n := range d.Constructs {
			total[k] += n
		}
		for _, dg := range d.Diags {
			if dg.Rule == "unsupported" {
				t.Errorf("%s", dg)
			}
		}
		txt := visibleText(html)
		for _, bad := range []string{"{%", "&#x20;", "\u200b"} {
			if i := strings.Index(txt, bad); i >= 0 {
				t.Errorf("%s: visible text holds %q: …%s…", rel, bad, txt[max(0, i-60):min(len(txt), i+60)])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 100 {
		t.Fatalf("converted %d pages; expected the whole corpus", pages)
	}
	t.Logf("%d pages; constructs: %v", pages, total)
}

var spaceRE = regexp.MustCompile(`\s+`)

// visibleText returns the text a reader sees: text nodes outside <pre>,
// <code>, <script> and <style>, entities decoded.
func visibleText(page []byte) string {
	z := xhtml.NewTokenizer(bytes.NewReader(page))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return spaceRE.ReplaceAllString(b.String(), " ")
		case xhtml.StartTagToken:
			switch name, _ := z.TagName(); string(name) {
			case "pre", "code", "script", "style":
				skip++
			}
		case xhtml.EndTagToken:
			switch name, _ := z.TagName(); string(name) {
			case "pre", "code", "script", "style":
				skip = max(0, skip-1)
			}
		case xhtml.TextToken:
			if skip == 0 {
				b.Write(z.Text())
				b.WriteByte(' ')
			}
		}
	}
}
