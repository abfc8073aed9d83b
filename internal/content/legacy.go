package content

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v2"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/source"
)

// Book is the book.json of a legacy GitBook 3 / HonKit book.
type Book struct {
	Title       string
	Description string
	Language    string
	Direction   string // "rtl" or "ltr"; "" when unset
	// Variables are given to pages as `{{ book.x }}`.
	Variables map[string]any
	// Config is book.json as a whole, HonKit's `{{ config.x }}`.
	Config    map[string]any
	Root      string
	Structure struct {
		Readme, Summary, Glossary, Languages string
	}
	// order holds the keys of each object of Variables and Config, by the
	// object's map, in the order book.json writes them (see Keys).
	order map[uintptr][]string
}

// Keys returns the keys of m, an object of Variables or Config, in the
// order book.json writes them, as HonKit goes over them in
// `{% for key, value in … %}`; nil for another map, or one changed since.
func (b *Book) Keys(m map[string]any) []string {
	keys := b.order[reflect.ValueOf(m).Pointer()]
	if len(keys) != len(m) {
		return nil
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			return nil
		}
	}
	return keys
}

// keyOrder records in order, for each object of v (decoded from src),
// its keys in the order src writes them.
func keyOrder(src []byte, v any, order map[uintptr][]string) {
	dec := json.NewDecoder(bytes.NewReader(src))
	var walk func(v any) error
	walk = func(v any) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		d, ok := tok.(json.Delim)
		if !ok {
			return nil
		}
		switch d {
		case '{':
			m, _ := v.(map[string]any)
			var keys []string
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				k, _ := kt.(string)
				if !slices.Contains(keys, k) { // a key written twice keeps its first place
					keys = append(keys, k)
				}
				if err := walk(m[k]); err != nil {
					return err
				}
			}
			if m != nil {
				order[reflect.ValueOf(m).Pointer()] = keys
			}
		case '[':
			a, _ := v.([]any)
			for i := 0; dec.More(); i++ {
				var e any
				if i < len(a) {
					e = a[i]
				}
				if err := walk(e); err != nil {
					return err
				}
			}
		}
		_, err = dec.Token() // the closing delimiter
		return err
	}
	_ = walk(v) // src was decoded already: it reads
}

type bookJSON struct {
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Language    string         `json:"language"`
	Direction   string         `json:"direction"`
	Variables   map[string]any `json:"variables"` // decoded to report one that is not an object; Book's are config's
	Root        string         `json:"root"`
	Structure   struct {
		Readme    string `json:"readme"`
		Summary   string `json:"summary"`
		Glossary  string `json:"glossary"`
		Languages string `json:"languages"`
	} `json:"structure"`
}

// Book returns the space's book.json, read when the space was loaded
// (its diagnostics with the space's): nil when it has none or it cannot
// be read. HasBook says whether the file is there: a HonKit book still.
func (s *Space) Book() *Book { return s.book }

// HasBook reports whether the space has a book.json, readable or not.
func (s *Space) HasBook() bool { return s.hasBook }

// ReadBookFile reads the book.json in dir, the top of a book, through a
// handle on dir (a link out of it is refused); nil, false when there is
// none, nil, true when it cannot be read (reported in ds).
func ReadBookFile(dir, diagPath string, ds *[]diag.Diagnostic) (*Book, bool, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, false, fmt.Errorf("open content directory: %w", err)
	}
	defer root.Close()
	b, err := root.ReadFile("book.json")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, false, nil
	case err != nil:
		*ds = append(*ds, diag.Diagnostic{Path: diagPath, Severity: diag.Error, Rule: "book-json", Msg: fmt.Sprintf("book.json cannot be read: %v", err)})
		return nil, true, nil
	}
	src, nds, ok := source.Normalize(diagPath, b)
	*ds = append(*ds, nds...)
	if !ok {
		return nil, true, nil
	}
	book, bds := ParseBook(diagPath, src)
	*ds = append(*ds, bds...)
	return book, true, nil
}

// layout applies the book's root, structure.readme and structure.summary
// to gb, as .gitbook.yaml's: paths inside the book, the last two relative
// to its root. One that leads out of the book is reported and ignored.
func (b *Book) layout(gb config.GitBook, diagPath string, ds *[]diag.Diagnostic) config.GitBook {
	bad := func(key, val, using string) {
		*ds = append(*ds, diag.Diagnostic{Path: diagPath, Severity: diag.Error, Rule: "book-json",
			Msg: fmt.Sprintf("%s %q is outside the book; using %s", key, val, using)})
	}
	if r := strings.TrimSpace(b.Root); r != "" {
		if p, ok := Clean(".", strings.TrimLeft(r, "/")); ok {
			gb.Root = p
		} else {
			bad("root", r, "the book's directory")
		}
	}
	for _, f := range []struct {
		key, val string
		dst      *string
	}{{"structure.readme", b.Structure.Readme, &gb.Readme}, {"structure.summary", b.Structure.Summary, &gb.Summary}} {
		v := strings.TrimSpace(f.val)
		if v == "" {
			continue
		}
		if p, ok := Clean(".", strings.TrimLeft(v, "/")); ok && p != "." {
			*f.dst = p
		} else {
			bad(f.key, v, *f.dst)
		}
	}
	return gb
}

// ParseBook parses a book.json. A syntax error is a diagnostic at its line
// and gives a nil Book; unknown keys (plugins, pdf, …) are ignored.
func ParseBook(diagPath string, src []byte) (*Book, []diag.Diagnostic) {
	var raw bookJSON
	if err := json.Unmarshal(src, &raw); err != nil {
		line, col := 0, 0
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			line, col = offsetPos(src, int(se.Offset))
		case errors.As(err, &te):
			line, col = offsetPos(src, int(te.Offset))
		}
		msg := fmt.Sprintf("book.json cannot be read: %v", err)
		if te != nil && te.Field != "" {
			// In the file's words, not Go's.
			msg = fmt.Sprintf("book.json cannot be read: %s must be %s, not %s", te.Field, jsonKind(te.Type), jsonValueOf(te.Value))
		}
		return nil, []diag.Diagnostic{{Path: diagPath, Line: line, Col: col, Severity: diag.Error, Rule: "book-json", Msg: msg}}
	}
	var whole map[string]any
	_ = json.Unmarshal(src, &whole) // it read as a bookJSON: it reads as a map
	// The variables are config's (setVariables): the objects within are
	// the same maps, whose key order one walk of the file records.
	vars, _ := whole["variables"].(map[string]any)
	b := &Book{Config: whole, Title: raw.Title, Description: raw.Description, Language: raw.Language,
		Direction: strings.ToLower(raw.Direction), Root: raw.Root}
	b.Structure.Readme, b.Structure.Summary = raw.Structure.Readme, raw.Structure.Summary
	b.Structure.Glossary, b.Structure.Languages = raw.Structure.Glossary, raw.Structure.Languages
	var ds []diag.Diagnostic
	if b.Direction != "" && b.Direction != "rtl" && b.Direction != "ltr" {
		line, col := 0, 0
		if i := bytes.Index(src, []byte(`"direction"`)); i >= 0 {
			line, col = offsetPos(src, i)
		}
		ds = append(ds, diag.Diagnostic{Path: diagPath, Line: line, Col: col, Severity: diag.Warning, Rule: "book-json",
			Msg: fmt.Sprintf("direction %q is neither rtl nor ltr; ignored", raw.Direction)})
		b.Direction = ""
	}
	b.order = map[uintptr][]string{}
	keyOrder(src, whole, b.order)
	b.setVariables(vars)
	return b, ds
}

// Inherit returns the book of a language of a LANGS.md book: its own
// book.json (child; nil when it has none) over the one at the top of the
// repository (parent), merged object by object as HonKit merges them, the
// language's values winning. Either may be nil.
func Inherit(parent, child *Book) *Book {
	if parent == nil {
		return child
	}
	if child == nil {
		child = &Book{}
	}
	b := &Book{order: map[uintptr][]string{}}
	maps.Copy(b.order, parent.order)
	maps.Copy(b.order, child.order)
	b.Config = b.merge(parent, child, parent.Config, child.Config)
	pick := func(c, p string) string {
		if c != "" {
			return c
		}
		return p
	}
	b.Title, b.Description = pick(child.Title, parent.Title), pick(child.Description, parent.Description)
	b.Language, b.Direction = pick(child.Language, parent.Language), pick(child.Direction, parent.Direction)
	b.Structure.Readme = pick(child.Structure.Readme, parent.Structure.Readme)
	b.Structure.Summary = pick(child.Structure.Summary, parent.Structure.Summary)
	b.Structure.Glossary = pick(child.Structure.Glossary, parent.Structure.Glossary)
	b.Structure.Languages = pick(child.Structure.Languages, parent.Structure.Languages)
	vars, _ := b.Config["variables"].(map[string]any)
	b.setVariables(vars)
	return b
}

// merge returns the objects a (of book p) and c (of book ch) merged into
// a new map, c's values winning and objects in both merged in turn; the
// new map's keys are in a's order, then c's new keys in c's order.
func (b *Book) merge(p, ch *Book, a, c map[string]any) map[string]any {
	m := make(map[string]any, len(a)+len(c))
	keys := slices.Clone(orderedKeys(p, a))
	maps.Copy(m, a)
	for _, k := range orderedKeys(ch, c) {
		v := c[k]
		if am, ok := m[k].(map[string]any); ok {
			if cm, ok := v.(map[string]any); ok {
				v = b.merge(p, ch, am, cm)
			}
		}
		if _, seen := m[k]; !seen {
			keys = append(keys, k)
		}
		m[k] = v
	}
	b.order[reflect.ValueOf(m).Pointer()] = keys
	return m
}

// orderedKeys lists m's keys in the order its book wrote them, else
// sorted.
func orderedKeys(b *Book, m map[string]any) []string {
	if keys := b.Keys(m); keys != nil {
		return keys
	}
	return slices.Sorted(maps.Keys(m))
}

// setVariables sets the book's Variables from vars, config's variables:
// a top level of their own, which title, description and language join
// as HonKit's {{ book.title }} and friends.
func (b *Book) setVariables(vars map[string]any) {
	b.Variables = maps.Clone(vars)
	if b.Variables == nil {
		b.Variables = map[string]any{}
	} else {
		b.order[reflect.ValueOf(b.Variables).Pointer()] = b.order[reflect.ValueOf(vars).Pointer()]
	}
	for k, v := range map[string]string{"title": b.Title, "description": b.Description, "language": b.Language} {
		if _, set := b.Variables[k]; !set && v != "" {
			b.Variables[k] = v
		}
	}
}

// jsonValue names the JSON values json.UnmarshalTypeError names.
var jsonValue = map[string]string{"array": "a list", "object": "an object", "string": "a string", "number": "a number", "bool": "true or false"}

func jsonValueOf(v string) string {
	kind, _, _ := strings.Cut(v, " ") // "number -5"
	return cmp.Or(jsonValue[kind], v)
}

// jsonKind names the JSON value a Go type of bookJSON is decoded from.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Map, reflect.Struct:
		return "an object"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Bool:
		return "true or false"
	}
	return "a " + t.Kind().String()
}

func offsetPos(src []byte, off int) (int, int) {
	off = max(0, min(off, len(src)))
	line := bytes.Count(src[:off], []byte("\n")) + 1
	col := off - bytes.LastIndexByte(src[:off], '\n')
	return line, col
}

// Ignore is a parsed .bookignore (gitignore syntax).
type Ignore struct {
	rules []ignoreRule
}

type ignoreRule struct {
	re      *regexp.Regexp
	negate  bool
	dirOnly bool
}

// ParseIgnore parses gitignore-style patterns: `#` comments, `!` negation,
// a trailing `/` for directories, a `/` inside or in front to anchor the
// pattern at the root, `*`, `?` and `**`. A leading `./` anchors it too.
func ParseIgnore(src []byte) *Ignore {
	ig := &Ignore{}
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimRight(line, " \t\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := ignoreRule{}
		if strings.HasPrefix(line, "!") {
			r.negate, line = true, line[1:]
		}
		line = strings.TrimPrefix(line, `\`)
		if strings.HasSuffix(line, "/") {
			r.dirOnly, line = true, strings.TrimSuffix(line, "/")
		}
		// Git reads "./docs/*.md" literally and matches nothing; its
		// author means the docs folder at the root.
		for strings.HasPrefix(line, "./") {
			line = "/" + strings.TrimLeft(line[2:], "/")
		}
		anchored := strings.Contains(line, "/")
		line = strings.TrimPrefix(line, "/")
		if line == "" {
			continue
		}
		var re strings.Builder
		if anchored {
			re.WriteString("^")
		} else {
			re.WriteString("^(?:.*/)?")
		}
		for i := 0; i < len(line); i++ {
			switch c := line[i]; {
			case c == '*' && i+1 < len(line) && line[i+1] == '*':
				re.WriteString(".*")
				i++
				if i+1 < len(line) && line[i+1] == '/' {
					i++
					re.WriteString("/?")
				}
			case c == '*':
				re.WriteString("[^/]*")
			case c == '?':
				re.WriteString("[^/]")
			default:
				re.WriteString(regexp.QuoteMeta(string(c)))
			}
		}
		// A pattern matches the path itself or anything below it.
		re.WriteString("(?:/.*)?$")
		var err error
		if r.re, err = regexp.Compile(re.String()); err == nil {
			ig.rules = append(ig.rules, r)
		}
	}
	return ig
}

// Match reports whether the slash path p (relative to the space root) is
// ignored. Like git, the last matching rule wins.
func (ig *Ignore) Match(p string) bool {
	if ig == nil {
		return false
	}
	ignored := false
	for _, r := range ig.rules {
		if r.dirOnly {
			// A directory pattern matches the files below the directory.
			dir := path.Dir(p)
			if dir == "." || !r.re.MatchString(dir) {
				continue
			}
		} else if !r.re.MatchString(p) {
			continue
		}
		ignored = !r.negate
	}
	return ignored
}

// Ignored reports whether the space's .bookignore excludes the file p.
// Spaces without a .bookignore ignore nothing.
func (s *Space) Ignored(p string) bool {
	return s.ignore.Match(p) || s.topIgnore != nil && s.topIgnore.Match(path.Join(s.Rel, p))
}

// InheritIgnore makes the .bookignore at the top of a LANGS.md book,
// whose patterns are relative to the top, apply to this language's book
// too, as HonKit applies it.
func (s *Space) InheritIgnore(top *Ignore) { s.topIgnore = top }

// Tag is an entry of `.gitbook/tags.yaml`, used by `{% update tags="…" %}`
// and the page `tags:` front matter.
type Tag struct {
	Slug  string `yaml:"tag"`
	Label string `yaml:"label"`
	Icon  string `yaml:"icon"`
	Color string `yaml:"color"`
}

// ReadTags reads the space's .gitbook/tags.yaml; nil when there is none.
func (s *Space) ReadTags() (map[string]Tag, []diag.Diagnostic) {
	const p = ".gitbook/tags.yaml"
	if !s.Exists(p) {
		return nil, nil
	}
	src, ds, ok := s.ReadText(p)
	if !ok {
		return nil, ds
	}
	tags, tds := ParseTags(s.DiagPath(p), src)
	return tags, append(ds, tds...)
}

// ParseTags parses a tags.yaml: a list of {tag, label, icon, color}, or a
// map with such a list under `tags`.
func ParseTags(diagPath string, src []byte) (map[string]Tag, []diag.Diagnostic) {
	var list []Tag
	if err := yaml.Unmarshal(src, &list); err != nil {
		var wrapped struct {
			Tags []Tag `yaml:"tags"`
		}
		if err2 := yaml.Unmarshal(src, &wrapped); err2 != nil {
			return nil, []diag.Diagnostic{{Path: diagPath, Severity: diag.Warning, Rule: "tags-yaml",
				Msg: fmt.Sprintf("tags.yaml cannot be read: %v", err)}}
		}
		list = wrapped.Tags
	}
	out := map[string]Tag{}
	var ds []diag.Diagnostic
	for _, t := range list {
		if t.Slug == "" {
			ds = append(ds, diag.Diagnostic{Path: diagPath, Severity: diag.Warning, Rule: "tags-yaml", Msg: "a tag has no `tag:` slug; ignored"})
			continue
		}
		if t.Label == "" {
			t.Label = t.Slug
		}
		out[t.Slug] = t
	}
	return out, ds
}

// TagLabels returns slug → label, the form markdown.ParseOptions takes.
func TagLabels(tags map[string]Tag) map[string]string {
	out := make(map[string]string, len(tags))
	for k, t := range tags {
		out[k] = t.Label
	}
	return out
}

// ReadVars reads the space's .gitbook/vars.yaml (`key: value` lines), the
// space variables of `<code class="expression">space.vars.key</code>`; nil
// when there is none.
func (s *Space) ReadVars() (map[string]string, []diag.Diagnostic) {
	const p = ".gitbook/vars.yaml"
	if !s.Exists(p) {
		return nil, nil
	}
	src, ds, ok := s.ReadText(p)
	if !ok {
		return nil, ds
	}
	vars, vds := ParseVars(s.DiagPath(p), src)
	return vars, append(ds, vds...)
}

// ParseVars parses a vars.yaml: a map of names to scalar values, written
// as text. A value that is a list or a map cannot be shown in a page: it is
// left out with a warning.
func ParseVars(diagPath string, src []byte) (map[string]string, []diag.Diagnostic) {
	var raw yaml.MapSlice
	if err := yaml.Unmarshal(src, &raw); err != nil {
		return nil, []diag.Diagnostic{{Path: diagPath, Severity: diag.Warning, Rule: "vars-yaml",
			Msg: fmt.Sprintf("vars.yaml cannot be read: %v", err)}}
	}
	out := make(map[string]string, len(raw))
	var ds []diag.Diagnostic
	for _, it := range raw {
		k := fmt.Sprint(it.Key)
		switch v := it.Value.(type) {
		case nil:
			out[k] = ""
		case string, bool, int, int64, uint64, float64:
			out[k] = fmt.Sprint(v)
		default:
			ds = append(ds, diag.Diagnostic{Path: diagPath, Severity: diag.Warning, Rule: "vars-yaml",
				Msg: fmt.Sprintf("variable %q is not a single value; ignored", k)})
		}
	}
	return out, ds
}
