package markdown

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"gopkg.in/yaml.v2"

	"folio/internal/diag"
	"folio/internal/source"
)

// metaProbe is an extension of the kind goldmark-meta serves: a
// transformer that reads the front matter with meta.TryGet.
type metaProbe struct {
	got   map[string]any
	err   error
	found bool
}

func (p *metaProbe) Transform(_ *ast.Document, _ text.Reader, pc parser.Context) {
	p.got, p.err = meta.TryGet(pc)
	p.found = p.got != nil || p.err != nil
}

// TestFrontMatterMetaGet: extensions read the page's front matter through
// goldmark-meta, and only where folio found one.
func TestFrontMatterMetaGet(t *testing.T) {
	conv := New()
	probe := &metaProbe{}
	conv.md.Parser().AddOptions(parser.WithASTTransformers(util.Prioritized(probe, 1000)))
	for _, c := range []struct {
		name, src string
		want      map[string]any
		err       bool
	}{
		{"map", "---\ntitle: T\nlayout:\n  title:\n    visible: false\n---\n# P\n", map[string]any{"title": "T", "layout": map[any]any{"title": map[any]any{"visible": false}}}, false},
		{"empty", "---\n---\n# P\n", map[string]any{}, false},
		// As js-yaml reads it, and folio: YAML 1.2's booleans are true and
		// false alone.
		{"yaml12", "---\ny: 1\non: yes\nl: [no, true]\nm:\n  off: n\nt: true\n---\n# P\n",
			map[string]any{"y": 1, "on": "yes", "l": []any{"no", true}, "m": map[any]any{"off": "n"}, "t": true}, false},
		{"invalid", "---\ndescription: a: b\n---\n# P\n", nil, true},
		{"unclosed", "---\ntitle: T\n\n# P\n", nil, false},
		{"none", "# P\n\ntitle: T\n", nil, false},
		{"dashes", "----\ntitle: T\n----\n", nil, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			*probe = metaProbe{}
			conv.Parse("page.md", []byte(c.src))
			if d := cmp.Diff(c.want, probe.got); d != "" {
				t.Errorf("meta.Get (-want +got):\n%s", d)
			}
			if (probe.err != nil) != c.err {
				t.Errorf("meta.TryGet error %v, want one: %v", probe.err, c.err)
			}
		})
	}
}

// TestFrontMatterNormalized: a file with a byte order mark and CRLF line
// endings, read as the build reads it, gives the same page, front matter
// and diagnostics as the same file in LF.
func TestFrontMatterNormalized(t *testing.T) {
	conv := New()
	lf := "---\ndescription: Café\nhidden: maybe\n---\n\n# Title\n\nBody.\n"
	want := conv.Parse("page.md", []byte(lf))
	if !want.HasMeta || want.Meta.Description != "Café" {
		t.Fatalf("LF page: front matter %+v", want.Meta)
	}
	wantHTML, _ := conv.Render(want)
	for name, raw := range map[string]string{
		"bom":     "\ufeff" + lf,
		"crlf":    strings.ReplaceAll(lf, "\n", "\r\n"),
		"bom+cr":  "\ufeff" + strings.ReplaceAll(lf, "\n", "\r"),
		"crlf+ws": "\ufeff" + strings.ReplaceAll(strings.Replace(lf, "---\n", "--- \n", 2), "\n", "\r\n"),
	} {
		t.Run(name, func(t *testing.T) {
			src, ds, ok := source.Normalize("page.md", []byte(raw))
			if !ok || len(ds) > 0 {
				t.Fatalf("Normalize: %v %v", ok, ds)
			}
			got := conv.Parse("page.md", src)
			if d := cmp.Diff(want.Meta, got.Meta); d != "" {
				t.Errorf("front matter (-lf +got):\n%s", d)
			}
			if d := cmp.Diff(want.Diags, got.Diags); d != "" {
				t.Errorf("diagnostics (-lf +got):\n%s", d)
			}
			if html, _ := conv.Render(got); string(html) != string(wantHTML) {
				t.Errorf("page %q, want %q", html, wantHTML)
			}
		})
	}
}

// TestFrontMatterDeepPage: a page shown as text for its nesting keeps its
// front matter, and the nesting is reported at its line in the file.
func TestFrontMatterDeepPage(t *testing.T) {
	src := "---\ndescription: Deep\n---\n\nText.\n" + strings.Repeat(">", maxNesting+1) + " deep\n"
	d := New().Parse("page.md", []byte(src))
	if d.Meta.Description != "Deep" {
		t.Errorf("front matter %+v, want its description", d.Meta)
	}
	var nesting []diag.Diagnostic
	for _, g := range d.Diags {
		if g.Rule == "nesting" {
			nesting = append(nesting, g)
		}
	}
	if len(nesting) != 1 || nesting[0].Line != 6 {
		t.Errorf("nesting diagnostics %v, want one on line 6", nesting)
	}
	html, _ := New().Render(d)
	if strings.Contains(string(html), "description") || !strings.Contains(string(html), "Text.") {
		t.Errorf("page %q: want the page as text, without its front matter", html)
	}
}

// TestCutFrontMatter: the front matter goes back where its blank lines
// were, also when the expander dropped some of them, and the origins of
// the lines stay those of the page.
func TestCutFrontMatter(t *testing.T) {
	for _, c := range []struct {
		name, src string
		origins   []sourceLine
		body      string
	}{
		{"kept", "\n\n\n\nText\n", nil, "\nText\n"},
		{"dropped", "\nText\n", []sourceLine{{line: 3}, {line: 5}}, "Text\n"},
		{"end of file", "\n\n", nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := &Doc{fm: frontMatterSource{yaml: []byte("a: \u200bb\n"), lines: 3}, origins: c.origins}
			block, body := d.cutFrontMatter([]byte(c.src))
			if string(block) != "---\na: b\n---\n" || string(body) != c.body {
				t.Errorf("block %q body %q, want the cleaned block and %q", block, body, c.body)
			}
			if c.origins != nil {
				want := []sourceLine{{line: 1}, {line: 2}, {line: 3}, {line: 5}}
				if diff := cmp.Diff(want, d.origins, cmp.AllowUnexported(sourceLine{})); diff != "" {
					t.Errorf("origins (-want +got):\n%s", diff)
				}
			}
		})
	}
}

// FuzzFrontMatter: whatever the front matter, folio's fence check decides
// whether there is one; goldmark-meta then decodes exactly the text
// between the fences (the same front matter and diagnostics as decoding it
// directly), every front matter diagnostic is on one of its lines, and the
// rest of the page is the page that blank lines in its place would give.
func FuzzFrontMatter(f *testing.F) {
	for _, s := range []string{
		"---\ndescription: x\n---\n# T\n", "---\ntitle: [\n---\n", "---\n---\n", "---\nlayout:\n  title:\n    visible: false\n---\n", "---\na: b\n",
		"---\nlist:\n-\n- a\n----\n---\n", "---\na: 1\na: 2\n---\n", "---\n- a\n---\n", "---\n[a]: x\n---\n", "---\na:\n\tb: 1\n---\n===\n",
		"---\na: b\n---", "---\n\u200bhidden: true\n---\n    code\n", "---\na: '\n---\n{% hint %}\nx\n{% endhint %}\n",
		"---\nhidden: yes\nn: [on, &a off, *a]\nm: {y: Y, <<: {z: no}}\n---\n",
	} {
		f.Add(s)
	}
	conv := New()
	f.Fuzz(func(t *testing.T, src string) {
		d := conv.Parse("p.md", []byte(src))
		yml, n, ok := splitFrontMatterFor([]byte(src), false)
		if ok != d.HasMeta {
			t.Fatalf("HasMeta %v, fences found %v", d.HasMeta, ok)
		}
		if !ok {
			return
		}
		want, wantDs := decodeDirectly(yml)
		slices.SortStableFunc(wantDs, diag.Compare)
		if diff := cmp.Diff(want, d.Meta, cmpopts.EquateNaNs()); diff != "" {
			t.Fatalf("front matter differs from the direct decoding (-want +got):\n%s", diff)
		}
		var got []diag.Diagnostic
		for _, g := range d.Diags {
			if g.Rule == "front-matter" {
				got = append(got, g)
				if g.Line < 1 || g.Line > n {
					t.Fatalf("diagnostic outside the front matter's %d lines: %v", n, g)
				}
			}
		}
		if diff := cmp.Diff(wantDs, got, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("diagnostics differ from the direct decoding (-want +got):\n%s", diff)
		}
		blank := conv.Parse("p.md", blankLines([]byte(src), n))
		h1, err1 := conv.Render(d)
		h2, err2 := conv.Render(blank)
		if err1 != nil || err2 != nil || string(h1) != string(h2) {
			t.Fatalf("the page with its front matter %q (%v), with blank lines instead %q (%v)", h1, err1, h2, err2)
		}
		if diff := cmp.Diff(blank.Headings, d.Headings); diff != "" {
			t.Fatalf("headings (-blank +front matter):\n%s", diff)
		}
	})
}

// decodeDirectly decodes front matter as goldmark-meta does, without it.
func decodeDirectly(yml []byte) (FrontMatter, []diag.Diagnostic) {
	clean := source.CleanYAML(yml)
	m := map[string]any{}
	errMap := yaml.Unmarshal(clean, &m)
	items := yaml.MapSlice{}
	err := yaml.Unmarshal(clean, &items)
	if err != nil {
		items = nil
	} else {
		err = errMap
	}
	yaml12(clean, items, nil)
	fm, ds := decodeFrontMatter("p.md", yml, items, err)
	return fm, ds
}

// TestDecodeDirectly checks the fuzz target's reference on the cases where
// the map and the items of goldmark-meta disagree.
func TestDecodeDirectly(t *testing.T) {
	fm, ds := decodeDirectly([]byte("[a]: x\ndescription: d\n"))
	if fm.Description != "d" || len(ds) != 1 || ds[0].Severity != diag.Warning || ds[0].Line != 2 {
		t.Errorf("list key: %+v %v", fm, ds)
	}
	// YAML's .nan is no place for a cover: told, and left out (t65:
	// object-position 50% NaNpx).
	fm, ds = decodeDirectly([]byte("coverY: .nan\n"))
	if fm.HasCoverY || len(ds) != 1 {
		t.Errorf("NaN: %+v %v", fm, ds)
	}
	if _, ds = decodeFrontMatter("p.md", nil, nil, errors.New("yaml: line 2: boom")); len(ds) != 1 || ds[0].Line != 3 {
		t.Errorf("error line: %v", ds)
	}
}

// BenchmarkFrontMatter converts a page of the size GitBook writes, with the
// front matter GitBook writes (layout, cover), and lists.
func BenchmarkFrontMatter(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("---\ndescription: >-\n  How to configure the service, step by step,\n  with examples.\ncover: .gitbook/assets/cover.png\ncoverY: 0\nlayout:\n  title:\n    visible: true\n  description:\n    visible: true\n  tableOfContents:\n    visible: true\n  outline:\n    visible: false\n  pagination:\n    visible: true\n---\n\n# Configuration\n\n")
	for i := 0; sb.Len() < 4<<10; i++ {
		fmt.Fprintf(&sb, "## Step %d\n\nText with a [link](page%d.md) and `code`.\n\n- one\n- two\n  - nested\n\n", i, i)
	}
	src := []byte(sb.String())
	conv := New()
	b.ReportAllocs()
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		d := conv.Parse("page.md", src)
		if !d.HasMeta || d.Meta.Cover == "" {
			b.Fatal("front matter not read")
		}
		d.Resolve(func(r Ref) Resolution { return Resolution{URL: r.Dest} })
		if _, err := conv.Render(d); err != nil {
			b.Fatal(err)
		}
	}
}

// TestLayoutShapes: only GitBook's shape of a layout flag sets it; the
// others are warned about and leave it unset.
func TestLayoutShapes(t *testing.T) {
	fm, ds := decodeDirectly([]byte("layout:\n  outline: false\n  title: {visible: false}\n  pagination: {visible: \"no\"}\n  titel: {visible: true}\n"))
	if fm.Layout.Outline != nil || fm.Layout.Pagination != nil || fm.Layout.Title == nil || *fm.Layout.Title {
		t.Errorf("layout %+v", fm.Layout)
	}
	var got []string
	for _, d := range ds {
		got = append(got, fmt.Sprintf("%d:%d %s", d.Line, d.Col, d.Rule))
	}
	if want := []string{"3:3 front-matter", "5:16 front-matter", "6:3 front-matter"}; !slices.Equal(got, want) {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
}

// TestLayoutWidth: layout.width is default or wide, as GitBook writes it;
// any other value is warned about, at its key, and leaves Width unset.
func TestLayoutWidth(t *testing.T) {
	for _, c := range []struct {
		yml, width, msg, hint string
	}{
		{"layout:\n  width: wide\n", "wide", "", ""},
		{"layout:\n  width: default\n  outline:\n    visible: false\n", "default", "", ""},
		{"layout: {title: {visible: true}, width: wide}\n", "wide", "", ""},
		{"layout:\n  width: full\n", "", `layout.width is "full", neither default nor wide: it is ignored`, "GitBook's page width is default or wide"},
		{"layout:\n  width: Wide\n", "", `layout.width is "Wide", neither default nor wide: it is ignored`, "did you mean wide?"},
		{"layout:\n  width: 1200\n", "", "layout.width is 1200, neither default nor wide: it is ignored", "GitBook's page width is default or wide"},
		{"layout:\n  width: {visible: true}\n", "", "layout.width is a mapping, neither default nor wide: it is ignored", "GitBook's page width is default or wide"},
		{"layout:\n  width:\n", "", "layout.width is empty, neither default nor wide: it is ignored", "GitBook's page width is default or wide"},
	} {
		fm, ds := decodeDirectly([]byte(c.yml))
		if fm.Layout.Width != c.width {
			t.Errorf("%q: Width %q, want %q", c.yml, fm.Layout.Width, c.width)
		}
		if c.msg == "" {
			if len(ds) != 0 {
				t.Errorf("%q: diagnostics %v", c.yml, ds)
			}
			continue
		}
		if len(ds) != 1 || ds[0].Msg != c.msg || ds[0].Hint != c.hint || ds[0].Rule != "front-matter" || ds[0].Severity != diag.Warning || ds[0].Line != 3 || ds[0].Col != 3 {
			t.Errorf("%q: diagnostics %+v, want one warning at 3:3 %q (%q)", c.yml, ds, c.msg, c.hint)
		}
	}
}

func TestNestedKeyPos(t *testing.T) {
	yml := []byte("layout:\n  title:\n    visible: true\n  outline:\n    visible: false\nother:\n  outline: x\nlayout: {outline: {'visible': 1}}\n")
	for _, tc := range []struct {
		nth       int
		keys      []string
		line, col int
	}{
		{1, []string{"layout", "outline"}, 5, 3},
		{1, []string{"layout", "outline", "visible"}, 6, 5},
		{1, []string{"layout", "title", "visible"}, 4, 5},
		{1, []string{"layout", "missing"}, 2, 1},
		{2, []string{"layout", "outline"}, 9, 10},
		{2, []string{"layout", "outline", "visible"}, 9, 20},
		{1, []string{"other", "outline"}, 8, 3},
	} {
		if line, col := nestedKeyPos(yml, tc.nth, tc.keys); line != tc.line || col != tc.col {
			t.Errorf("nestedKeyPos(%d, %q) = %d:%d, want %d:%d", tc.nth, tc.keys, line, col, tc.line, tc.col)
		}
	}
}

// TestSplitFrontMatterHonKit: a HonKit book's front matter is read as the
// npm package front-matter 2.3 reads it (the results below are its own,
// run on each page): `...` closes as `---` does, also when the front
// matter is empty; a line with spaces after --- or ... neither opens nor
// closes; `= yaml =` opens and closes. A GitBook space keeps its reading:
// `...` does not close, spaces after --- are allowed.
func TestSplitFrontMatterHonKit(t *testing.T) {
	for _, c := range []struct {
		name, src      string
		honkit, gitbok string // the YAML found, or "-" for none
	}{
		{"dots", "---\ndescription: dots\n...\n\n# Dots\n", "description: dots\n", "-"},
		{"empty dots", "---\n...\n# T\n", "", "-"},
		{"empty dashes", "---\n---\n# T\n", "", ""},
		{"dots then dashes", "---\ndescription: x\n...\nmore\n---\n# T\n", "description: x\n", "description: x\n...\nmore\n"},
		{"dots with space", "---\ndescription: x\n... \n# T\n", "-", "-"},
		{"four dots", "---\ndescription: x\n....\n# T\n", "-", "-"},
		{"closer with space", "---\ndescription: x\n--- \n# T\n", "-", "description: x\n"},
		{"opener with space", "--- \ndescription: x\n---\n# T\n", "-", "description: x\n"},
		{"yaml opener", "= yaml =\ndescription: x\n...\n# T\n", "description: x\n", "-"},
		{"yaml closer", "= yaml =\ndescription: x\n= yaml =\n# T\n", "description: x\n", "-"},
		{"dashes do not close yaml", "= yaml =\ndescription: x\n---\n# T\n", "-", "-"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, mode := range []struct {
				honkit bool
				want   string
			}{{true, c.honkit}, {false, c.gitbok}} {
				yml, n, ok := splitFrontMatterFor([]byte(c.src), mode.honkit)
				got := "-"
				if ok {
					got = string(yml)
					if lines := strings.Count(got, "\n") + 2; n != lines {
						t.Errorf("honkit=%v: %d lines, want %d", mode.honkit, n, lines)
					}
				}
				if got != mode.want {
					t.Errorf("honkit=%v: front matter %q, want %q", mode.honkit, got, mode.want)
				}
			}
		})
	}
}

// TestUnclosedFrontMatterDiags: the warning for front matter that is not
// closed says, where a closing line would be, why it does not close.
func TestUnclosedFrontMatterDiags(t *testing.T) {
	for _, c := range []struct {
		name, src string
		honkit    bool
		want      string // the hint, "" for no warning
	}{
		{"closed", "---\ndescription: x\n...\n# T\n", true, ""},
		{"gitbook dots", "---\ndescription: dots\n...\n\n# Dots\n", false,
			"end the front matter with a line --- in place of the ... of line 3: HonKit reads ... as its end, but GitBook is not known to, and folio does not in a GitBook space"},
		{"gitbook dots with space", "---\ndescription: dots\n...  \n", false,
			"end the front matter with a line --- in place of the ... of line 3: HonKit reads ... as its end, but GitBook is not known to, and folio does not in a GitBook space"},
		{"gitbook none", "---\ndescription: x\n\n...\n", false, "end the front matter with a line ---"},
		{"honkit none", "---\ndescription: x\n\n# T\n", true, "end the front matter with a line ---"},
		{"honkit closer with space", "---\ndescription: x\n--- \n# T\n", true,
			"remove the spaces after the --- of line 3: HonKit reads a closing line only with nothing after it"},
		{"honkit dots with space", "---\ndescription: x\n...\t\n# T\n", true,
			"remove the spaces after the ... of line 3: HonKit reads a closing line only with nothing after it"},
		{"honkit opener with space", "--- \ndescription: x\n---\n# T\n", true, "remove the spaces after the --- of line 1"},
		{"rule", "---\nNote: the API changed.\n", true, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			ds := unclosedFrontMatterDiags("p.md", []byte(c.src), c.honkit)
			got := ""
			if len(ds) > 0 {
				got = ds[0].Hint
				if ds[0].Line != 1 || ds[0].Rule != "front-matter" {
					t.Errorf("diagnostic %v [%s], want one on line 1 [front-matter]", ds[0], ds[0].Rule)
				}
			}
			if len(ds) > 1 || got != c.want {
				t.Errorf("hint %q (%d diagnostics), want %q", got, len(ds), c.want)
			}
		})
	}
}

// TestCommentedHeading: front matter of comments and blank lines alone is
// reported when one comment looks like a Markdown heading, at it.
func TestCommentedHeading(t *testing.T) {
	for _, c := range []struct {
		yml  string
		line int // of the diagnostic, 0 for none
		col  int
	}{
		{"\n# Hr page\n\n", 3, 1},
		{"   # Étapes\n", 2, 4},
		{"# description: x\n###### Deep one\n", 3, 1},
		{"# Deep: one\n", 0, 0}, // one word and a colon: a key
		{"", 0, 0},
		{"\n\n", 0, 0},
		{"# description: x\n# hidden: true\n", 0, 0},
		{"# TODO: later\n", 0, 0},
		{"#Title\n", 0, 0},
		{"# 2024\n", 0, 0},
		{"    # Indented four\n", 0, 0},
		{"####### Seven\n", 0, 0},
		{"# Title\ndescription: x\n", 0, 0}, // keys: the front matter is meant
	} {
		ds := commentedHeading("p.md", []byte(c.yml))
		switch {
		case c.line == 0 && len(ds) > 0:
			t.Errorf("%q: unexpected %v", c.yml, ds)
		case c.line > 0 && (len(ds) != 1 || ds[0].Line != c.line || ds[0].Col != c.col || ds[0].Severity != diag.Warning || ds[0].Rule != "front-matter"):
			t.Errorf("%q: got %v, want a front-matter warning at %d:%d", c.yml, ds, c.line, c.col)
		}
	}
}
