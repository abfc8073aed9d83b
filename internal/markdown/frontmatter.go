package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	yaml4 "go.yaml.in/yaml/v4"
	"gopkg.in/yaml.v2"

	"folio/internal/diag"
	"folio/internal/gitbook"
	"folio/internal/source"
	"folio/internal/suggest"
)

// FrontMatter is the typed form of a page's YAML front matter. The keys
// GitBook writes have fields; every other key is kept in Extra for
// templates.
type FrontMatter struct {
	Description string
	Title       string
	Cover       string
	CoverY      float64
	HasCoverY   bool // coverY is written: 0 is a place (the image's top at the band's), not none
	// CoverLine and CoverCol are where the cover's value is written, for
	// the diagnostics of its image.
	CoverLine, CoverCol int
	Icon                string
	Hidden              bool
	NoIndex             bool
	TranslationKey      string
	// TranslatedFrom is the commit (or tag) of the original that a
	// translation follows (translated_from), and TranslatedFromLine the
	// line that says so: folio says the translation is outdated when the
	// original changed after that commit.
	TranslatedFrom     string
	TranslatedFromLine int
	Layout             Layout
	Extra              map[string]any
}

// Layout holds GitBook's layout visibility flags; nil means "not set".
// Width is GitBook's page width (layout.width): "default" or "wide" as
// written, "" when it is not set or is another value (checkLayout warns
// about those).
type Layout struct {
	Title, Description, TableOfContents, Outline, Pagination *bool
	Cover                                                    *bool // layout.cover.visible
	Width                                                    string
}

// layoutWidths are the values GitBook gives layout.width.
var layoutWidths = []string{"default", "wide"}

// frontMatterSource is a page's front matter between the check that found
// its fences (ParseWith) and the parse that decodes it (frontMatterParser).
type frontMatterSource struct {
	yaml  []byte // the text between the fences, as written
	lines int    // lines of the block, fences included; 0 when there is none
}

// splitFrontMatterFor finds front matter at byte 0 and returns the YAML
// text, the number of lines the block spans, and whether one was found,
// as a GitBook space (honkit false) or a HonKit book reads it. It runs
// before goldmark-meta, which on its own would take any first line made
// of dashes for an opening fence and swallow the whole page when no
// closing fence follows.
//
// In a GitBook space both lines are `---`, spaces and tabs after them
// allowed. GitBook is not known to read YAML's end of document `...` as
// the closing line: it does not close the block there
// (unclosedFrontMatterDiags says so).
//
// A HonKit book is read as HonKit reads it, with the npm package
// front-matter (2.3: /^(= yaml =|---)$([\s\S]*?)^(?:\1|\.\.\.)$/m, run
// on a page whose first line is the opening one): the opening line is
// `---` (or `= yaml =`) with nothing after it, and the closing line the
// same or `...`, also with nothing after it, so that `--- ` neither opens
// nor closes; `---` then `...` is empty front matter, as `---` then `---`.
// (front-matter also accepts a carriage return before each line's end:
// folio's pages have none left.)
func splitFrontMatterFor(src []byte, honkit bool) (yml []byte, lines int, ok bool) {
	first, rest, found := bytes.Cut(src, []byte("\n"))
	opener := isFence(first)
	if honkit {
		opener = string(first) == "---" || string(first) == "= yaml ="
	}
	if !found || !opener {
		return nil, 0, false
	}
	closes := func(line []byte) bool {
		if honkit {
			return bytes.Equal(line, first) || string(line) == "..."
		}
		return isFence(line)
	}
	off := len(first) + 1
	n := 1
	for len(rest) > 0 {
		line, tail, _ := bytes.Cut(rest, []byte("\n"))
		n++
		if closes(line) {
			return src[len(first)+1 : off], n, true
		}
		off += len(line) + 1
		rest = tail
	}
	return nil, 0, false
}

// unclosedFrontMatterDiags returns the warning for a page that opens
// front matter and does not close it (unclosedFrontMatter), as a GitBook
// space (honkit false) or a HonKit book reads it (splitFrontMatterFor);
// none when the front matter is closed or the page starts with a rule.
// Where a closing line would be (the first line after the opening one,
// before any blank line, that is --- or ..., spaces after it or not),
// the hint says why it does not close: in a GitBook space a `...`, which
// GitBook is not known to read; in a HonKit book spaces after the ---
// or the ..., or after the opening ---.
func unclosedFrontMatterDiags(path string, src []byte, honkit bool) []diag.Diagnostic {
	if _, _, ok := splitFrontMatterFor(src, honkit); ok || !unclosedFrontMatter(src) {
		return nil
	}
	msg := "front matter is not closed: no line --- after it, so it is shown as a rule and text"
	hint := "end the front matter with a line ---"
	first, _, _ := bytes.Cut(src, []byte("\n"))
	line, closer := frontMatterCloser(src)
	switch {
	case honkit && string(first) != "---":
		msg = "front matter is not read: HonKit reads its first line --- only with nothing after it, so it is shown as part of the page"
		hint = "remove the spaces after the --- of line 1"
	case honkit && line > 0:
		hint = fmt.Sprintf("remove the spaces after the %s of line %d: HonKit reads a closing line only with nothing after it", strings.TrimRight(closer, " \t"), line)
	case !honkit && line > 0 && strings.HasPrefix(closer, "..."):
		hint = fmt.Sprintf("end the front matter with a line --- in place of the ... of line %d: HonKit reads ... as its end, but GitBook is not known to, and folio does not in a GitBook space", line)
	}
	return []diag.Diagnostic{{Path: path, Line: 1, Col: 1, Severity: diag.Warning, Rule: "front-matter", Msg: msg, Hint: hint}}
}

// lateFrontMatterDiags returns the warning for front matter that does not
// start the page, after blank lines or an HTML comment (t61): GitBook reads
// it only on the first line, and the page shows a rule and, from its
// `key: value` lines, a heading, which the outline lists.
func lateFrontMatterDiags(path string, src []byte) []diag.Diagnostic {
	at, line := 0, 1
	for at < len(src) {
		rest := src[at:]
		switch {
		case rest[0] == '\n':
			at++
			line++
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			end := bytes.Index(rest, []byte("-->"))
			if end < 0 {
				return nil
			}
			line += bytes.Count(rest[:end], []byte("\n"))
			at += end + 3
			continue
		case rest[0] == ' ' || rest[0] == '\t':
			if i := bytes.IndexByte(rest, '\n'); i >= 0 && len(bytes.TrimSpace(rest[:i])) == 0 {
				at += i
				continue
			}
		}
		break
	}
	// Key lines and a closing line: a rule, "Author: Jane" and text is
	// no front matter (t64).
	if _, _, closed := splitFrontMatterFor(src[at:], false); at == 0 || !closed || !unclosedFrontMatter(src[at:]) {
		return nil
	}
	return []diag.Diagnostic{{Path: path, Line: line, Col: 1, Severity: diag.Warning, Rule: "front-matter",
		Msg:  "front matter not on the page's first line is not read: it is shown as a rule and a heading",
		Hint: fmt.Sprintf("remove what comes before the --- of line %d", line)}}
}

// frontMatterCloser returns the line number and text of the first line
// after the first one, before any blank line, that is --- or ..., with
// or without spaces after it: where the front matter's closing line
// would be. 0 when there is none.
func frontMatterCloser(src []byte) (int, string) {
	lines := strings.Split(string(src), "\n")
	for i := 1; i < len(lines); i++ {
		switch t := strings.TrimRight(lines[i], " \t"); t {
		case "":
			return 0, ""
		case "---", "...":
			return i + 1, lines[i]
		}
	}
	return 0, ""
}

// frontMatterKey matches a line that starts a YAML mapping: `title: x`.
var frontMatterKey = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_-]*:(\s|$)`)

// unclosedFrontMatter reports whether src opens front matter that it
// does not close: a first line --- followed by `key: value` lines, two
// or one in lower case (`title: x`). A page that starts with a rule goes
// on with text, which may be a label: `Note: the API changed.`
func unclosedFrontMatter(src []byte) bool {
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if !found || !isFence(first) {
		return false
	}
	keys := 0
	lower := false
	for len(rest) > 0 {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		line = bytes.TrimRight(line, " \t\r")
		if !frontMatterKey.Match(line) {
			break
		}
		if keys == 0 {
			lower = line[0] >= 'a' && line[0] <= 'z'
		}
		keys++
	}
	return keys >= 2 || keys == 1 && lower
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}

// blankLines replaces the first n lines of src by empty lines, so that the
// Markdown parser skips the front matter while every position in the rest
// of the page keeps its line number.
func blankLines(src []byte, n int) []byte {
	out := make([]byte, 0, len(src))
	rest := src
	for i := 0; i < n && len(rest) > 0; i++ {
		_, tail, found := bytes.Cut(rest, []byte("\n"))
		if !found {
			rest = nil
			break
		}
		out = append(out, '\n')
		rest = tail
	}
	return append(out, rest...)
}

// cutFrontMatter splits the page prepared for the parser, whose front
// matter lines were blanked (so the expander and the nesting check skip
// them), into the front matter block to put back where they were, fences
// included, and the rest of the page. The block holds the cleaned YAML
// (source.CleanYAML) that goldmark-meta decodes during the parse.
func (d *Doc) cutFrontMatter(src []byte) (block, body []byte) {
	n := d.fm.lines
	if n == 0 {
		return nil, src
	}
	// The leading empty lines are the blanked block, unless the expander
	// dropped some: the block then takes back their place.
	k := 0
	for k < n && k < len(src) && src[k] == '\n' {
		k++
	}
	if d.origins != nil && k < n {
		o := make([]sourceLine, n, n+len(d.origins)-k)
		for i := range o {
			o[i] = sourceLine{line: i + 1}
		}
		d.origins = append(o, d.origins[k:]...)
		if len(d.cols) > 0 {
			// The lines moved as the origins did.
			cols := make(map[int]colMap, len(d.cols))
			for i, m := range d.cols {
				if i >= k {
					cols[i+n-k] = m
				}
			}
			d.cols = cols
		}
	}
	yml := source.CleanYAML(d.fm.yaml)
	block = make([]byte, 0, len(yml)+8+len(src)-k)
	block = append(block, "---\n"...)
	block = append(block, yml...)
	block = append(block, "---\n"...)
	return block, src[k:]
}

// frontMatter has goldmark-meta decode the front matter during the parse,
// so that extensions read it with meta.Get as in any goldmark pipeline.
// goldmark-meta's own extender (meta.Meta) is not used: its parser opens on
// any first line made of dashes and closes on the next such line, and its
// transformer writes the YAML error into the page. frontMatterParser puts
// the fence check of splitFrontMatterFor in front of its parser.
type frontMatter struct{}

// Extend implements goldmark.Extender.
func (frontMatter) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(
		// Before every other parser: the block starts the page.
		util.Prioritized(frontMatterParser{inner: meta.NewParser()}, 0),
	))
}

// frontMatterParser is goldmark-meta's block parser, opened only on the
// block splitFrontMatterFor found and closed on its closing fence.
type frontMatterParser struct{ inner parser.BlockParser }

func (p frontMatterParser) Trigger() []byte { return p.inner.Trigger() }

func (p frontMatterParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if line, _ := reader.Position(); line != 0 {
		return nil, parser.NoChildren
	}
	if d, _ := pc.Get(docKey).(*Doc); d == nil || d.fm.lines == 0 {
		return nil, parser.NoChildren
	}
	return p.inner.Open(parent, reader, pc)
}

func (p frontMatterParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	d := pc.Get(docKey).(*Doc)
	if line, _ := reader.Position(); line < d.fm.lines-1 {
		// goldmark-meta would close the block on any line of dashes, such
		// as an empty list item, and show the rest of the YAML as text.
		_, seg := reader.PeekLine()
		node.Lines().Append(seg)
		return parser.Continue | parser.NoChildren
	}
	return p.inner.Continue(node, reader, pc)
}

// Close lets goldmark-meta decode the block (into the map of meta.Get and
// the ordered items of meta.GetItems), then types GitBook's keys from its
// items: folio does not decode the YAML again.
func (p frontMatterParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	p.inner.Close(node, reader, pc)
	// goldmark-meta leaves the block in the page when its YAML is invalid.
	if parent := node.Parent(); parent != nil {
		parent.RemoveChild(parent, node)
	}
	d := pc.Get(docKey).(*Doc)
	m, err := meta.TryGet(pc)
	items := meta.GetItems(pc)
	// Extensions read the same values as folio through meta.Get.
	yaml12(source.CleanYAML(d.fm.yaml), items, m)
	var ds []diag.Diagnostic
	d.Meta, ds = decodeFrontMatter(d.Path, d.fm.yaml, items, err)
	d.Diags = append(d.Diags, ds...)
}

func (p frontMatterParser) CanInterruptParagraph() bool { return p.inner.CanInterruptParagraph() }

func (p frontMatterParser) CanAcceptIndentedLine() bool { return p.inner.CanAcceptIndentedLine() }

// decodeFrontMatter types GitBook's keys from the items goldmark-meta
// decoded (in the page's order, duplicates kept: the last valid one wins), or
// turns its error into diagnostics at the line they concern; yml is the
// text between the fences, as written. The page builds either way.
func decodeFrontMatter(path string, yml []byte, items yaml.MapSlice, err error) (FrontMatter, []diag.Diagnostic) {
	var fm FrontMatter
	var ds []diag.Diagnostic
	if err == nil && len(items) == 0 {
		ds = append(ds, commentedHeading(path, yml)...)
	}
	if err != nil {
		if items == nil {
			return fm, frontMatterError(path, yml, err)
		}
		// goldmark-meta also decodes into a map with text keys, which
		// fails on a key that is a list or a mapping: the items hold the
		// rest, as they did before goldmark-meta read them.
		for _, e := range source.YAMLError(path, yml, 1, err) {
			e.Severity, e.Rule = diag.Warning, "front-matter"
			e.Msg = "a front matter key is a list or a mapping; keys are text"
			e.Hint = "quote the key, or remove it"
			ds = append(ds, e)
		}
	}
	seen := make(map[string]int, len(items)) // occurrences of each key so far
	var val any                              // the value of the key being read
	bad := func(key, want string) {
		hint := ""
		if want == "true or false" {
			hint = boolHint(val)
		}
		ds = append(ds, diag.Diagnostic{
			Path: path, Line: keyLine(yml, key, seen[key]), Col: 1, Severity: diag.Warning, Rule: "front-matter",
			Msg:  fmt.Sprintf("front matter key %q should be %s; ignored", key, want),
			Hint: hint,
		})
	}
	for _, it := range items {
		val = it.Value
		name := fmt.Sprint(it.Key)
		if seen[name]++; seen[name] == 2 {
			ds = append(ds, diag.Diagnostic{
				Path: path, Line: keyLine(yml, name, 2), Col: 1, Severity: diag.Warning, Rule: "front-matter",
				Msg:  fmt.Sprintf("front matter key %q is set more than once", name),
				Hint: "keep one: the last valid value is used",
			})
		}
		key, _ := it.Key.(string)
		switch key {
		case "description", "title", "cover", "icon", "translationKey":
			s, ok := scalarString(it.Value)
			if !ok {
				bad(key, "text")
				continue
			}
			switch key {
			case "description":
				fm.Description = s
			case "title":
				fm.Title = s
			case "cover":
				fm.Cover = s
				fm.CoverLine = keyLine(yml, key, seen[key])
				fm.CoverCol = valueCol(yml, fm.CoverLine, key)
			case "icon":
				fm.Icon = s
				if s != "" && !gitbook.KnownIcon(s) {
					ds = append(ds, diag.Diagnostic{Path: path, Line: keyLine(yml, key, seen[key]), Col: 1, Severity: diag.Info, Rule: "icon-unknown",
						Msg: fmt.Sprintf("icon %q is not in folio's icon set; the page is shown without it", s)})
				}
			default:
				fm.TranslationKey = s
			}
		case "translated_from":
			switch v := it.Value.(type) {
			case string:
				fm.TranslatedFrom = strings.TrimSpace(v)
			case int: // a hash of digits alone
				fm.TranslatedFrom = fmt.Sprint(v)
			default:
				bad(key, "a commit hash or tag, in quotes")
				continue
			}
			fm.TranslatedFromLine = keyLine(yml, key, seen[key])
		case "coverY":
			switch v := it.Value.(type) {
			case int:
				fm.CoverY, fm.HasCoverY = float64(v), true
			case float64:
				if math.IsNaN(v) || math.IsInf(v, 0) {
					bad(key, "a number") // YAML's .nan and .inf (t65: NaNpx)
					continue
				}
				fm.CoverY, fm.HasCoverY = v, true
			default:
				bad(key, "a number")
			}
		case "hidden", "noIndex", "noRobotsIndex":
			b, ok := it.Value.(bool)
			if !ok {
				bad(key, "true or false")
				continue
			}
			if key == "hidden" {
				fm.Hidden = b
			} else {
				fm.NoIndex = fm.NoIndex || b
			}
		case "layout":
			fm.Layout = parseLayout(it.Value)
			ds = append(ds, checkLayout(path, yml, seen[key], it.Value)...)
			if fm.Extra == nil {
				fm.Extra = map[string]any{}
			}
			fm.Extra[key] = plain(it.Value, nil)
		default:
			if near := nearKey(name, items); near != "" {
				ds = append(ds, diag.Diagnostic{
					Path: path, Line: keyLine(yml, name, seen[name]), Col: 1, Severity: diag.Warning, Rule: "front-matter",
					Msg:  fmt.Sprintf("unknown front matter key %q: neither GitBook nor folio reads it", name),
					Hint: "did you mean " + near + "?",
				})
			}
			if fm.Extra == nil {
				fm.Extra = map[string]any{}
			}
			fm.Extra[name] = plain(it.Value, nil)
		}
	}
	return fm, ds
}

// commentHeading matches a line of front matter that a Markdown reader
// takes for a heading and YAML for a comment: up to three spaces, one to
// six #, spaces, then text that starts with a letter (`# Hr page`,
// `## Étapes`); the text is the third group.
var commentHeading = regexp.MustCompile(`^( {0,3})(#{1,6})[ \t]+(\pL.*?)[ \t]*$`)

// commentedHeading warns, at the heading, when front matter holds nothing
// but comments and blank lines and one of the comments looks like a
// Markdown heading: a page that starts with a rule (---), then a heading,
// then another rule, which GitBook and HonKit read as front matter whose
// heading is a YAML comment, so that the heading is not shown. Empty front
// matter (--- then ---) and commented-out keys are common and say
// nothing: a comment whose text reads as a key (`# description: x`,
// `# TODO: …`, frontMatterKey) is not a heading; `# Step 1: install` is
// one. Comments beside keys are not looked at: the front matter is then
// meant.
func commentedHeading(path string, yml []byte) []diag.Diagnostic {
	lines := strings.Split(strings.TrimSuffix(string(yml), "\n"), "\n")
	found := -1
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t != "" && t[0] != '#' {
			return nil
		}
		if m := commentHeading.FindStringSubmatch(l); found < 0 && m != nil && !frontMatterKey.MatchString(m[3]) {
			found = i
		}
	}
	if found < 0 {
		return nil
	}
	m := commentHeading.FindStringSubmatch(lines[found])
	return []diag.Diagnostic{{
		Path: path, Line: found + 2, Col: len(m[1]) + 1, Severity: diag.Warning, Rule: "front-matter",
		Msg: fmt.Sprintf("lines 1 to %d are read as front matter that holds only YAML comments: the heading %q is not shown",
			len(lines)+2, m[2]+" "+m[3]),
		Hint: "if the page starts with a horizontal rule, put a blank line before it or write *** in its place; if not, remove the first ---",
	}}
}

// frontMatterKeys are the top-level keys of a page's front matter that
// GitBook writes or folio reads. Other keys are the page's own, for
// templates (title and metaLinks in some spaces, owner, date…): only one
// that is a slip of the keyboard for one of these (gitbook.Nearest) is
// reported.
var frontMatterKeys = []string{
	"description", "title", "cover", "coverY", "coverHeight", "icon", "hidden", "noIndex", "noRobotsIndex",
	"layout", "tags", "vars", "metaLinks", "translationKey", "translated_from",
}

// nearKey returns the known key that name, which is none, is most likely
// a misspelling of; "" when there is none, or when that key is in the
// front matter too (name is then a key of the page's own).
func nearKey(name string, items yaml.MapSlice) string {
	if slices.Contains(frontMatterKeys, name) {
		return ""
	}
	near := suggest.Nearest(name, frontMatterKeys)
	if near == "" {
		return "" // most unknown keys: no need to look at the others (t87)
	}
	for _, it := range items {
		if fmt.Sprint(it.Key) == near {
			return ""
		}
	}
	return near
}

// layoutKeys are the keys of GitBook's layout: each but width is a
// mapping with visible: true|false (cover also has size and mask); width
// is default or wide (layoutWidths).
var layoutKeys = []string{
	"title", "description", "tableOfContents", "outline", "pagination", "metadata", "tags", "actions", "width", "cover",
}

// checkLayout reports what of a layout: mapping folio and GitBook do not
// read, at its key: a key layout does not have (titel:), a flag written
// as a value (outline: false, where GitBook writes outline: {visible:
// false}), a visible that is not true or false, and a key inside a flag
// other than visible; a width that is neither default nor wide (width:
// full, width: Wide). A layout that is no mapping (layout: post) is left
// alone: it is another tool's key, as Jekyll's. nth is the occurrence of
// layout in the front matter.
func checkLayout(path string, yml []byte, nth int, v any) []diag.Diagnostic {
	m, ok := v.(yaml.MapSlice)
	if !ok {
		return nil
	}
	var ds []diag.Diagnostic
	warn := func(keys []string, msg, hint string) {
		line, col := nestedKeyPos(yml, nth, keys)
		ds = append(ds, diag.Diagnostic{Path: path, Line: line, Col: col, Severity: diag.Warning, Rule: "front-matter", Msg: msg, Hint: hint})
	}
	for _, it := range m {
		key, ok := it.Key.(string)
		if !ok {
			continue
		}
		if !slices.Contains(layoutKeys, key) {
			hint := "layout takes " + diag.Enumerate(layoutKeys)
			if near := suggest.Nearest(key, layoutKeys); near != "" {
				hint = "did you mean " + near + "?"
			}
			warn([]string{"layout", key}, fmt.Sprintf("unknown layout key %q: it is ignored", key), hint)
			continue
		}
		if key == "width" {
			if w, ok := it.Value.(string); ok && slices.Contains(layoutWidths, w) {
				continue
			}
			var val string
			switch v := it.Value.(type) {
			case nil:
				val = "empty"
			case string:
				val = fmt.Sprintf("%q", v)
			case yaml.MapSlice:
				val = "a mapping"
			case []any:
				val = "a list"
			default:
				val = fmt.Sprint(v)
			}
			hint := "GitBook's page width is default or wide"
			if w, ok := it.Value.(string); ok {
				if near := suggest.Nearest(w, layoutWidths); near != "" {
					hint = "did you mean " + near + "?"
				}
			}
			warn([]string{"layout", key}, fmt.Sprintf("layout.width is %s, neither default nor wide: it is ignored", val), hint)
			continue
		}
		sub, ok := it.Value.(yaml.MapSlice)
		if !ok {
			val := "empty"
			if it.Value != nil {
				val = fmt.Sprint(plain(it.Value, nil))
			}
			flag := "false"
			if b, ok := it.Value.(bool); ok && b {
				flag = "true"
			}
			warn([]string{"layout", key}, fmt.Sprintf("layout.%s is %s, not a mapping: it is ignored", key, val),
				fmt.Sprintf("write %s: {visible: %s}, as GitBook does", key, flag))
			continue
		}
		subKeys := []string{"visible"}
		if key == "cover" {
			subKeys = append(subKeys, "size", "mask")
		}
		for _, s := range sub {
			name, ok := s.Key.(string)
			if !ok {
				continue
			}
			switch {
			case name == "visible":
				if _, ok := s.Value.(bool); !ok {
					warn([]string{"layout", key, name}, fmt.Sprintf("layout.%s.visible should be true or false; ignored", key), boolHint(s.Value))
				}
			case !slices.Contains(subKeys, name):
				hint := fmt.Sprintf("layout.%s takes only visible", key)
				if key == "cover" {
					hint = "layout.cover takes visible, size and mask"
				}
				if near := suggest.Nearest(name, subKeys); near != "" {
					hint = "did you mean " + near + "?"
				}
				warn([]string{"layout", key, name}, fmt.Sprintf("unknown key %q in layout.%s: it is ignored", name, key), hint)
			}
		}
	}
	return ds
}

// nestedKeyPos returns the file line and column of the key at keys: the
// nth occurrence of the top-level key keys[0], then each next key after the
// one before it, within the top-level key's lines. It reads block style
// and flow style ({outline: false}); where a key cannot be found, the
// position of the last one found.
func nestedKeyPos(yml []byte, nth int, keys []string) (int, int) {
	lines := strings.Split(string(yml), "\n")
	top := keyLine(yml, keys[0], nth)
	line, col := top, 1
	i := top - 2 // index of the top-level key's line in lines
	if i < 0 || i >= len(lines) {
		return line, col
	}
	end := i + 1
	for end < len(lines) {
		l := lines[end]
		if t := strings.TrimSpace(l); t != "" && t[0] != '#' && l[0] != ' ' && l[0] != '\t' {
			break
		}
		end++
	}
	li, from := i, len(keys[0])+1
	for _, k := range keys[1:] {
		found := false
		for j := li; j < end && !found; j++ {
			s := lines[j]
			p := 0
			if j == li {
				p = from
			}
			for p <= len(s) {
				idx := strings.Index(s[p:], k)
				if idx < 0 {
					break
				}
				idx += p
				before := idx == 0 || strings.ContainsRune(" \t{,\"'", rune(s[idx-1]))
				after := strings.TrimLeft(strings.TrimLeft(s[idx+len(k):], "\"'"), " \t")
				if before && strings.HasPrefix(after, ":") {
					li, from = j, idx+len(k)
					if idx > 0 && (s[idx-1] == '"' || s[idx-1] == '\'') {
						idx-- // at the key's opening quote
					}
					line, col = j+2, source.Col(s, idx)
					found = true
					break
				}
				p = idx + 1
			}
		}
		if !found {
			break
		}
	}
	return line, col
}

// frontMatterError turns the YAML error of a page's front matter into
// diagnostics, with the line the author should look at and a hint.
func frontMatterError(path string, yml []byte, err error) []diag.Diagnostic {
	ds := source.YAMLError(path, yml, 1, err)
	if kind := notMapping(err); kind != "" && len(ds) > 0 {
		// One diagnostic for the block, not one per item of the list.
		d := ds[0]
		d.Rule = "front-matter"
		d.Msg = fmt.Sprintf(`front matter is %s, not "key: value" lines`, kind)
		d.Hint = "write one `key: value` per line; to start the page with a horizontal rule, write `***`"
		return []diag.Diagnostic{d}
	}
	lines := strings.Split(string(yml), "\n")
	for i := range ds {
		ds[i].Rule = "front-matter"
		if line, _, quote := source.UnclosedQuote(yml); line > 0 && strings.Contains(ds[i].Msg, "end of stream") {
			// The parser reads an open quote to the end of the block
			// and reports where it ran out: the mistake is where the
			// quote opened.
			ds[i].Line = line + 1
			ds[i].Col = source.FirstCol(yml, line)
			ds[i].Msg = fmt.Sprintf("the value's opening %s is never closed", quote)
			ds[i].Hint = fmt.Sprintf("end the value with %s, or remove the opening one", quote)
			continue
		}
		if ds[i].Hint == "" {
			if l := ds[i].Line - 2; l >= 0 && l < len(lines) && strings.ContainsRune(lines[l][:len(lines[l])-len(strings.TrimLeft(lines[l], " \t"))], '\t') {
				ds[i].Hint = "indent with spaces: YAML does not allow tabs in indentation"
			} else if strings.Contains(ds[i].Msg, "mapping values are not allowed") {
				ds[i].Hint = `a value holds ": ": quote the whole value ("…")`
				// At that ": ", which YAML does not place (t90: column 1).
				if l := ds[i].Line - 2; l >= 0 && l < len(lines) {
					if k := strings.Index(lines[l], ": "); k >= 0 {
						if v := strings.Index(lines[l][k+2:], ": "); v >= 0 {
							ds[i].Col = source.Col(lines[l], k+2+v)
						}
					}
				}
			} else {
				ds[i].Hint = "quote values that contain ': ' or start with a special character"
			}
		}
	}
	return ds
}

// notMapping names what the front matter is when the error says it is not
// a mapping: "a list" or "text"; "" for any other error.
func notMapping(err error) string {
	var te *yaml.TypeError
	if !errors.As(err, &te) || len(te.Errors) == 0 {
		return ""
	}
	switch {
	case strings.HasSuffix(te.Errors[0], " into yaml.MapItem"):
		return "a list"
	case strings.HasSuffix(te.Errors[0], " into yaml.MapSlice"):
		return "text"
	}
	return ""
}

// scalarString accepts the scalars YAML may produce for a text value
// (`description: 2024` is an int to YAML, text to the author).
func scalarString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case int, int64, float64, bool:
		return fmt.Sprint(v), true
	case nil:
		return "", true
	}
	return "", false
}

func parseLayout(v any) Layout {
	var l Layout
	m, ok := v.(yaml.MapSlice)
	if !ok {
		return l
	}
	for _, it := range m {
		if w, ok := it.Value.(string); ok && it.Key == "width" && slices.Contains(layoutWidths, w) {
			l.Width = w
		}
		sub, ok := it.Value.(yaml.MapSlice)
		if !ok {
			continue
		}
		var vis *bool
		for _, s := range sub {
			if s.Key == "visible" {
				if b, ok := s.Value.(bool); ok {
					vis = &b
				}
			}
		}
		switch it.Key {
		case "title":
			l.Title = vis
		case "description":
			l.Description = vis
		case "tableOfContents":
			l.TableOfContents = vis
		case "outline":
			l.Outline = vis
		case "pagination":
			l.Pagination = vis
		case "cover":
			l.Cover = vis
		}
	}
	return l
}

// plain converts yaml.v2 values into types templates handle well: maps
// with string keys and slices. It is the one way YAML's maps reach the
// templates (book.json's come from JSON), so that they handle one kind
// of map. A JavaScript object keeps its keys in the order they were
// written, and HonKit's templates go over them so: where order is not
// nil, it records that order for each map made from a MapSlice, by the
// map's address (mapID).
func plain(v any, order map[uintptr][]string) any {
	switch v := v.(type) {
	case yaml.MapSlice:
		m := make(map[string]any, len(v))
		keys := make([]string, 0, len(v))
		for _, it := range v {
			k := fmt.Sprint(it.Key)
			if _, seen := m[k]; !seen {
				keys = append(keys, k)
			}
			m[k] = plain(it.Value, order)
		}
		if order != nil {
			order[mapID(m)] = keys
		}
		return m
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[fmt.Sprint(k)] = plain(x, order)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x, order)
		}
		return out
	}
	return v
}

// mapID is a map's identity, which stays while the map lives.
func mapID(m map[string]any) uintptr { return reflect.ValueOf(m).Pointer() }

// keyLine returns the file line of the nth occurrence of a top-level key in
// the front matter (which starts on line 2), or of its first one when there
// are fewer, or 1 when it cannot be found.
func keyLine(yml []byte, key string, nth int) int {
	first, seen := 1, 0
	for i, line := range strings.Split(string(yml), "\n") {
		if strings.HasPrefix(line, key+":") {
			if seen++; seen == 1 {
				first = i + 2
			}
			if seen == nth {
				return i + 2
			}
		}
	}
	return first
}

// valueCol is the column of the value of key on the front matter's line
// (keyLine's count: the opening --- is line 1), 1 when it cannot tell.
func valueCol(yml []byte, line int, key string) int {
	lines := strings.Split(string(yml), "\n")
	if line < 2 || line-2 >= len(lines) {
		return 1
	}
	t, ok := strings.CutPrefix(lines[line-2], key+":")
	if !ok {
		return 1
	}
	rest := strings.TrimLeft(t, " \t")
	if rest == "" {
		return 1
	}
	return len(key) + 1 + len(t) - len(rest) + 1
}

// yaml12 reads y, n, yes, no, on and off, and their capitalised forms,
// as text, in the keys and values of items, which yaml.v2 (through
// goldmark-meta) decoded as YAML 1.1 booleans. HonKit and GitBook read
// front matter with js-yaml, whose schema is YAML 1.2's there: for them
// `enabled: yes` is the text "yes" and `y: 1` a key "y"; true and false
// alone are booleans. yml is the text yaml.v2 read, whose nodes tell
// which scalars were written bare; m is goldmark-meta's map of the same
// front matter (nil when there is none), whose entries are fixed too.
// Both are changed in place; yaml12 reports whether anything changed.
func yaml12(yml []byte, items yaml.MapSlice, m map[string]any) bool {
	if !hasBool(items) || !yaml11Word.Match(yml) {
		return false // the common case (GitBook's visible: true): no second parse
	}
	var doc yaml4.Node
	if yaml4.Unmarshal(yml, &doc) != nil || doc.Kind != yaml4.DocumentNode || len(doc.Content) != 1 {
		return false
	}
	root := doc.Content[0]
	if root.Kind != yaml4.MappingNode || len(root.Content) != 2*len(items) || hasMerge(root) {
		return false
	}
	changed := false
	for i := range items {
		k, v := root.Content[2*i], root.Content[2*i+1]
		key, kc := fixYAML12(k, items[i].Key)
		val, vc := fixYAML12(v, items[i].Value)
		if !kc && !vc {
			continue
		}
		changed = true
		items[i].Key, items[i].Value = key, val
		if m != nil && k.Kind == yaml4.ScalarNode {
			// yaml.v2 keys this map with each key as written.
			m[k.Value] = mapOfAny(val)
		}
	}
	return changed
}

// fixYAML12 returns v, the value yaml.v2 decoded from the node n, with
// the YAML 1.1 booleans in it written bare made text, and whether it
// changed anything. Where the node and the value do not match (a merge
// key, which yaml.v2 expands), v is left as it is.
func fixYAML12(n *yaml4.Node, v any) (any, bool) {
	for n.Kind == yaml4.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	switch x := v.(type) {
	case bool:
		if n.Kind == yaml4.ScalarNode && n.Style == 0 && !slices.Contains(yaml12Bools, n.Value) {
			return n.Value, true
		}
	case yaml.MapSlice:
		if n.Kind != yaml4.MappingNode || len(n.Content) != 2*len(x) || hasMerge(n) {
			return v, false
		}
		var out yaml.MapSlice
		for i, it := range x {
			key, kc := fixYAML12(n.Content[2*i], it.Key)
			val, vc := fixYAML12(n.Content[2*i+1], it.Value)
			if (kc || vc) && out == nil {
				out = slices.Clone(x) // an alias's value is shared
			}
			if out != nil {
				out[i] = yaml.MapItem{Key: key, Value: val}
			}
		}
		if out != nil {
			return out, true
		}
	case []any:
		if n.Kind != yaml4.SequenceNode || len(n.Content) != len(x) {
			return v, false
		}
		var out []any
		for i, y := range x {
			val, c := fixYAML12(n.Content[i], y)
			if c && out == nil {
				out = slices.Clone(x)
			}
			if out != nil {
				out[i] = val
			}
		}
		if out != nil {
			return out, true
		}
	}
	return v, false
}

// boolHint is the hint for a key that wants true or false and has v: a
// word that YAML 1.1 takes for a boolean, which GitBook and HonKit read
// as text, says so.
func boolHint(v any) string {
	w, ok := v.(string)
	if !ok || !slices.Contains([]string{"y", "n", "yes", "no", "on", "off"}, strings.ToLower(w)) {
		return ""
	}
	want := "true"
	if slices.Contains([]string{"n", "no", "off"}, strings.ToLower(w)) {
		want = "false"
	}
	return fmt.Sprintf("write %s, without quotes: GitBook and HonKit read %s as text, not as a boolean", want, w)
}

// yaml11Word finds the words yaml12 reads as text, and more: where it
// finds none, there is nothing to change.
var yaml11Word = regexp.MustCompile(`(?i)(?:^|[\s\[{,:?-])(?:y|n|yes|no|on|off)(?:$|[\s,\]}:#])`)

// yaml12Bools are the booleans of YAML 1.2's core schema.
var yaml12Bools = []string{"true", "True", "TRUE", "false", "False", "FALSE"}

// hasMerge reports whether the mapping n has a merge key (<<), whose
// entries yaml.v2 puts in its place.
func hasMerge(n *yaml4.Node) bool {
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml4.ScalarNode && k.Value == "<<" && k.Style == 0 {
			return true
		}
	}
	return false
}

// hasBool reports whether a key or value of v is a boolean.
func hasBool(v any) bool {
	switch x := v.(type) {
	case bool:
		return true
	case yaml.MapSlice:
		return slices.ContainsFunc(x, func(it yaml.MapItem) bool { return hasBool(it.Key) || hasBool(it.Value) })
	case []any:
		return slices.ContainsFunc(x, hasBool)
	}
	return false
}

// mapOfAny turns the MapSlices in v into the maps yaml.v2 decodes into
// an interface: goldmark-meta's map holds those.
func mapOfAny(v any) any {
	switch x := v.(type) {
	case yaml.MapSlice:
		m := make(map[any]any, len(x))
		for _, it := range x {
			m[it.Key] = mapOfAny(it.Value)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, y := range x {
			out[i] = mapOfAny(y)
		}
		return out
	}
	return v
}
