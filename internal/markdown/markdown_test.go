package markdown

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"folio/internal/content"
	"folio/internal/diag"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestGolden converts testdata/*.txtar: input.md → want.html (every
// reference resolved to "RESOLVED:<dest>", or left as is when the
// destination starts with "keep:" and turned into plain text when it
// starts with "gone:", or "gone/" in raw HTML, which publishes no other
// scheme), want.diag, and want.doc (title, headings,
// references, front matter).
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no golden files: %v", err)
	}
	conv := New()
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			input := section(ar, "input.md")
			before := string(input)
			doc := conv.ParseWith("page.md", input, options(ar))
			got := map[string]string{"want.doc": dumpDoc(doc)}
			doc.Resolve(func(r Ref) Resolution {
				switch {
				case strings.HasPrefix(r.Dest, "keep:"):
					return Resolution{Keep: true}
				case strings.HasPrefix(r.Dest, "gone:") || strings.HasPrefix(r.Dest, "gone/"):
					return Resolution{Plain: true, Title: "gone"}
				}
				return Resolution{URL: "RESOLVED:" + r.Dest, Title: "Target", Desc: "About the target", Size: 1234, Width: 10, Height: 5}
			})
			html, err := conv.Render(doc)
			if err != nil {
				t.Fatal(err)
			}
			if string(input) != before {
				// An append to a slice of the source writes into it.
				t.Fatalf("converting the page changed its source:\n%s", input)
			}
			got["want.html"] = string(html)
			var ds strings.Builder
			for _, d := range doc.Diags {
				fmt.Fprintf(&ds, "%s [%s]\n", d, d.Rule)
			}
			got["want.diag"] = ds.String()
			if *update {
				for name, data := range got {
					setSection(ar, name, data)
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			for _, name := range []string{"want.html", "want.diag", "want.doc"} {
				if d := cmp.Diff(string(section(ar, name)), got[name]); d != "" {
					t.Errorf("%s mismatch (-want +got):\n%s", name, d)
				}
			}
		})
	}
}

// options builds ParseOptions from the archive: files "include/<path>"
// are includable, "vars" holds `key=value` lines (book.json variables),
// "book.json" a HonKit book.json (and the tool's version 9.9.9), "language" the language of a HonKit
// book of several, "pagefields" `key=value` lines of HonKit's page object,
// "spacevars" those of .gitbook/vars.yaml, and
// "glossary" `Name|id|description` lines, and "honkit" (empty) makes
// the page a HonKit book's.
func options(ar *txtar.Archive) ParseOptions {
	var o ParseOptions
	for _, f := range ar.Files {
		switch {
		case strings.HasPrefix(f.Name, "include/"):
			o.Include = func(from, target string) (string, []byte, []diag.Diagnostic, error) {
				p := path.Clean(path.Join(path.Dir(from), target))
				if strings.HasPrefix(target, "/") {
					p = strings.TrimPrefix(path.Clean(target), "/")
				}
				if b := section(ar, "include/"+p); b != nil {
					return p, b, nil, nil
				}
				return "", nil, nil, fmt.Errorf("no file %s: %w", p, fs.ErrNotExist)
			}
		case f.Name == "vars":
			o.Vars = map[string]any{}
			for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				k, v, _ := strings.Cut(l, "=")
				o.Vars[k] = v
			}
		case f.Name == "book.json":
			// A HonKit book: its variables are {{ book.x }}, the whole file
			// {{ config.x }}.
			if err := json.Unmarshal(f.Data, &o.Config); err != nil {
				panic(fmt.Sprintf("book.json: %v", err))
			}
			o.ToolVersion = "9.9.9"
			o.Plugins = content.Plugins(o.Config)
			o.Vars, _ = o.Config["variables"].(map[string]any)
			if o.Vars == nil {
				o.Vars = map[string]any{}
			}
		case f.Name == "language":
			o.Language = strings.TrimSpace(string(f.Data))
		case f.Name == "honkit":
			o.HonKitIDs = true // a HonKit book's page
		case f.Name == "pagefields":
			o.Page = map[string]any{}
			for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				k, v, _ := strings.Cut(l, "=")
				o.Page[k] = v
			}
		case f.Name == "spacevars":
			o.SpaceVars = map[string]string{}
			for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				k, v, _ := strings.Cut(l, "=")
				o.SpaceVars[k] = v
			}
		case f.Name == "tags":
			// slug=Label, or slug=Label|colour|icon.
			o.TagLabels, o.TagLooks = map[string]string{}, map[string]TagLook{}
			for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				k, v, _ := strings.Cut(l, "=")
				parts := strings.Split(v, "|")
				o.TagLabels[k] = parts[0]
				if len(parts) == 3 {
					o.TagLooks[k] = TagLook{Color: parts[1], Icon: parts[2]}
				}
			}
		case f.Name == "glossary":
			o.Glossary = &Glossary{Page: "GLOSSARY.md"}
			for _, l := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				p := strings.SplitN(l, "|", 3)
				if len(p) == 3 {
					o.Glossary.Terms = append(o.Glossary.Terms, GlossaryTerm{Name: p[0], ID: p[1], Desc: p[2]})
				}
			}
		}
	}
	return o
}

func dumpDoc(d *Doc) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title: %q\n", d.Title)
	if d.TitleInBody {
		b.WriteString("title in body\n")
	}
	if d.HasMeta {
		m := d.Meta
		fmt.Fprintf(&b, "meta: description=%q title=%q cover=%q hidden=%v noIndex=%v translationKey=%q extra=%v\n",
			m.Description, m.Title, m.Cover, m.Hidden, m.NoIndex, m.TranslationKey, m.Extra)
	}
	for _, h := range d.Headings {
		fmt.Fprintf(&b, "h%d #%s %q line %d\n", h.Level, h.ID, h.Text, h.Line)
	}
	for _, r := range d.Refs {
		fmt.Fprintf(&b, "ref %d:%d kind=%d tag=%q %q", r.Line, r.Col, r.Kind, r.Tag, r.Dest)
		if r.Base != "" {
			fmt.Fprintf(&b, " base=%q", r.Base)
		}
		if r.Mention {
			b.WriteString(" mention")
		}
		if r.Unnamed {
			b.WriteString(" unnamed")
		}
		b.WriteByte('\n')
	}
	for _, u := range d.Updates() {
		fmt.Fprintf(&b, "update %s #%s %q %q %q\n", u.Date, u.ID, u.Title, u.Summary, u.Tags)
	}
	if d.MermaidClient > 0 {
		fmt.Fprintf(&b, "mermaid client=%d\n", d.MermaidClient)
	}
	keys := slices.Sorted(maps.Keys(d.Constructs))
	for _, k := range keys {
		fmt.Fprintf(&b, "construct %s=%d\n", k, d.Constructs[k])
	}
	return b.String()
}

func section(ar *txtar.Archive, name string) []byte {
	for _, f := range ar.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

func setSection(ar *txtar.Archive, name, data string) {
	for i, f := range ar.Files {
		if f.Name == name {
			ar.Files[i].Data = []byte(data)
			return
		}
	}
	ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(data)})
}

// FuzzConvert: any input parses, resolves and renders without panicking,
// twice to the same bytes.
func FuzzConvert(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.txtar")
	for _, file := range files {
		if ar, err := txtar.ParseFile(file); err == nil {
			f.Add(section(ar, "input.md"))
		}
	}
	conv := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		render := func(cached bool) string {
			// The page includes itself and a fragment, and is read as a
			// HonKit book, so the expander is fuzzed too.
			d := conv.ParseWith("fuzz.md", src, ParseOptions{
				Include: func(from, target string) (string, []byte, []diag.Diagnostic, error) {
					if target == "self.md" {
						return "fuzz.md", src, nil, nil
					}
					return "inc/" + target, src, nil, nil
				},
				Vars:     map[string]any{"v": "x", "m": map[string]any{"k": 1}},
				Glossary: &Glossary{Page: "GLOSSARY.md", Terms: []GlossaryTerm{{Name: "term", ID: "term", Desc: "d"}}},
			})
			if !cached {
				for _, st := range d.raw {
					// The resolve pass tokenizes and rewrites every block again.
					st.out, st.inert = nil, false
				}
			}
			d.Resolve(func(r Ref) Resolution { return Resolution{URL: "x/" + r.Dest} })
			html, err := conv.Render(d)
			if err != nil {
				t.Fatal(err)
			}
			return string(html)
		}
		start := time.Now()
		a := render(true)
		if el := time.Since(start); el > 2*time.Second {
			t.Fatalf("conversion of %d bytes took %v", len(src), el)
		}
		if b := render(false); a != b {
			t.Fatalf("the conversion with what the collect pass kept (tokens, rewritings) differs from one without:\n%s\n%s", a, b)
		}
	})
}

// TestLineIndexLongLine: a column far into a long line, counted from
// block counts, is the one counted from the line's start, whatever
// characters the blocks split (t87: a 2 MB line of links took minutes).
func TestLineIndexLongLine(t *testing.T) {
	line := strings.Repeat("é [a](b) 日本 ", 2000)
	src := []byte("# Title\n\n" + line + "\nafter\n")
	idx := newLineIndex(src)
	start := len("# Title\n\n")
	for off := start; off <= start+len(line); off += 97 {
		for !utf8.RuneStart(src[off]) { // positions are at characters
			off++
		}
		if l, c := idx.pos(off); l != 3 || c != utf8.RuneCount(src[start:off])+1 {
			t.Fatalf("pos(%d) = %d:%d, want 3:%d", off, l, c, utf8.RuneCount(src[start:off])+1)
		}
	}
	if l, c := idx.pos(len(src) - 2); l != 4 || c != 5 {
		t.Errorf("pos on the next line = %d:%d, want 4:5", l, c)
	}
}
