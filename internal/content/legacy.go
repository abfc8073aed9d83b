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
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v2"

	"folio/internal/config"
	"folio/internal/diag"
	"folio/internal/links"
	"folio/internal/source"
)

// Book is the book.json of a legacy GitBook 3 / HonKit book.
type Book struct {
	Title       string
	Description string
	Language    string
	Direction   string // "rtl" or "ltr"; "" when unset
	// Variables are given to pages as `{{ book.x }}`.
	// File is the path diagnostics give the file the book was read from:
	// its book.json, or its book.js.
	File      string
	Variables map[string]any
	// Config is book.json as a whole, HonKit's `{{ config.x }}`.
	Config    map[string]any
	Root      string
	Structure struct {
		Readme, Summary, Glossary, Langs string
	}
	// at holds the line and column of the keys layout may report.
	at map[string][2]int
	// Links are links.sidebar's, in the order book.json writes them:
	// HonKit's theme shows them in the sidebar.
	Links []Link
	// order holds the keys of each object of Variables and Config, by the
	// object's map, in the order book.json writes them (see Keys).
	order map[uintptr][]string
}

// Link is an entry of book.json's links.sidebar: a title and an address,
// and where it is written (the book.json, a LANGS.md book's top one or its
// language's, as diagnostics name it, at its links key).
type Link struct {
	Title, URL string
	File       string
	Line, Col  int
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
			seen := map[string]bool{} // a lookup per key: a list would be quadratic in a big object
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return err
				}
				k, _ := kt.(string)
				_, kept := m[k]       // not one dropped for its type
				if kept && !seen[k] { // a key written twice keeps its first place
					seen[k] = true
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

// keyOffsets returns where each key of the objects of src, a JSON object,
// is written (the offset of its opening quote), by its path from the top
// ("structure.readme"); a key written twice at its last place, whose
// value the decoder keeps. Keys inside lists are left out.
func keyOffsets(src []byte) map[string]int {
	offs := map[string]int{}
	dec := json.NewDecoder(bytes.NewReader(src))
	var walk func(prefix string, record bool) error
	walk = func(prefix string, record bool) error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		d, ok := tok.(json.Delim)
		if !ok {
			return nil
		}
		for dec.More() {
			if d == '[' {
				if err := walk("", false); err != nil {
					return err
				}
				continue
			}
			// Between the token before and the key: spaces and a comma.
			off := int(dec.InputOffset())
			if i := bytes.IndexByte(src[off:], '"'); i >= 0 {
				off += i
			}
			kt, err := dec.Token()
			if err != nil {
				return err
			}
			k, _ := kt.(string)
			if record {
				offs[prefix+k] = off
			}
			if err := walk(prefix+k+".", record); err != nil {
				return err
			}
		}
		_, err = dec.Token() // the closing delimiter
		return err
	}
	_ = walk("", true) // src was decoded already: it reads
	return offs
}

// bookKeys are the keys of book.json folio reads, with the kind of value
// each must have, an object's before its own keys.
var bookKeys = []struct{ key, kind string }{
	{"title", "a string"}, {"description", "a string"}, {"language", "a string"},
	{"direction", "a string"}, {"root", "a string"}, {"variables", "an object"},
	{"structure", "an object"}, {"structure.readme", "a string"}, {"structure.summary", "a string"},
	{"structure.glossary", "a string"}, {"structure.langs", "a string"},
}

// structureKeys are the keys of book.json's structure HonKit reads.
var structureKeys = []string{"glossary", "langs", "readme", "summary"}

// jsonKind names the kind of a value decoded from JSON, in JSON's words.
func jsonKind(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case float64:
		return "a number"
	case bool:
		return "true or false"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "null"
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
	// Looked at before it is read: a FIFO's read would block for ever.
	fi, err := root.Stat("book.json")
	var b []byte
	switch {
	case err == nil && !fi.Mode().IsRegular():
		err = &fs.PathError{Op: "read", Path: "book.json", Err: source.ErrNotRegular}
	case err == nil:
		b, err = root.ReadFile("book.json")
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return readBookJS(root, path.Join(path.Dir(diagPath), "book.js"), ds)
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
	if book != nil {
		book.File = diagPath
	}
	return book, true, nil
}

// readBookJS reads a book.js, which GitBook 3 and HonKit run: folio runs
// no code of the book, but reads the literal object most export
// (config.BookJSToJSON). nil, false when there is none; nil, true when it
// computes its values, told at the first it computes.
func readBookJS(root *os.Root, diagPath string, ds *[]diag.Diagnostic) (*Book, bool, error) {
	fi, err := root.Stat("book.js")
	if err != nil {
		return nil, false, nil
	}
	var b []byte
	if !fi.Mode().IsRegular() {
		err = &fs.PathError{Op: "read", Path: "book.js", Err: source.ErrNotRegular}
	} else {
		b, err = root.ReadFile("book.js")
	}
	if err != nil {
		*ds = append(*ds, diag.Diagnostic{Path: diagPath, Severity: diag.Error, Rule: "book-json", Msg: fmt.Sprintf("book.js cannot be read: %v", err)})
		return nil, true, nil
	}
	src, nds, ok := source.Normalize(diagPath, b)
	*ds = append(*ds, nds...)
	if !ok {
		return nil, true, nil
	}
	js, err := config.BookJSToJSON(src)
	if err != nil {
		d := diag.Diagnostic{Path: diagPath, Severity: diag.Warning, Rule: "book-json", Msg: err.Error(),
			Hint: "until then its title, variables, structure and plugins are not applied: write the values themselves, or the object as book.json"}
		var je *config.BookJSError
		if errors.As(err, &je) {
			d.Line, d.Col = je.Line, je.Col
		}
		*ds = append(*ds, d)
		return nil, true, nil
	}
	book, bds := ParseBook(diagPath, js)
	*ds = append(*ds, bds...)
	if book != nil {
		book.File = diagPath
	}
	return book, true, nil
}

// file is the path diagnostics give the book's file: def for none.
// At returns the line and column book.json writes key at ("language"),
// 0 when it does not. For a book.js they are those of the JSON folio
// reads it as: the line is its, the column may be off (t102).
func (b *Book) At(key string) (line, col int) {
	at := b.at[key]
	return at[0], at[1]
}

func (b *Book) file(def string) string {
	if b != nil && b.File != "" {
		return b.File
	}
	return def
}

// layout applies the book's root, structure.readme and structure.summary
// to gb, as .gitbook.yaml's: paths inside the book, the last two relative
// to its root. One that leads out of the book is reported and ignored.
func (b *Book) layout(gb config.GitBook, diagPath string, ds *[]diag.Diagnostic) config.GitBook {
	bad := func(key, val, using string) {
		at := b.at[key]
		*ds = append(*ds, diag.Diagnostic{Path: diagPath, Line: at[0], Col: at[1], Severity: diag.Error, Rule: "book-json",
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
// and gives a nil Book. A key folio reads whose value has the wrong type
// is an error at the key and is dropped, the rest of the file applying;
// HonKit's plugins and custom styles, which folio does not apply, are
// told at info level (unsupported); links.sidebar is read (Links);
// other keys (pdf, …) are ignored.
func ParseBook(diagPath string, src []byte) (*Book, []diag.Diagnostic) {
	var whole map[string]any
	if err := json.Unmarshal(src, &whole); err != nil {
		line, col := 0, 0
		msg := fmt.Sprintf("book.json cannot be read: %v", err)
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			var off int
			off, msg = jsonSyntax(src, se)
			line, col = offsetPos(src, off)
		case errors.As(err, &te):
			// The file is a JSON value but not an object: say so in the
			// file's words, not Go's, at the value.
			line, col = offsetPos(src, len(src)-len(bytes.TrimLeft(src, " \t\r\n")))
			kind, _, _ := strings.Cut(te.Value, " ") // "number -5"
			msg = fmt.Sprintf("book.json cannot be read: it must be an object, not %s", cmp.Or(jsonValue[kind], te.Value))
		}
		// Its variables show nothing where pages use them: say why there.
		return nil, []diag.Diagnostic{{Path: diagPath, Line: line, Col: col, Severity: diag.Error, Rule: "book-json", Msg: msg,
			Hint: "until then the whole file is ignored: its title, structure and variables ({{ book.… }} shows nothing) do not apply"}}
	}
	offs := keyOffsets(src)
	var ds []diag.Diagnostic
	report := func(key string, sev diag.Severity, rule, msg, hint string) {
		line, col := 0, 0
		if off, ok := offs[key]; ok {
			line, col = offsetPos(src, off)
		}
		ds = append(ds, diag.Diagnostic{Path: diagPath, Line: line, Col: col, Severity: sev, Rule: rule, Msg: msg, Hint: hint})
	}
	// A key of the wrong type is dropped, from config too: the others
	// apply.
	for _, k := range bookKeys {
		parent, name := whole, k.key
		if obj, key, nested := strings.Cut(k.key, "."); nested {
			parent, _ = whole[obj].(map[string]any)
			name = key
		}
		v, set := parent[name]
		if !set || v == nil || jsonKind(v) == k.kind {
			continue
		}
		report(k.key, diag.Error, "book-json", fmt.Sprintf("%s must be %s, not %s; ignored", k.key, k.kind, jsonKind(v)), "")
		delete(parent, name)
	}
	str := func(m map[string]any, key string) string {
		s, _ := m[key].(string)
		return s
	}
	structure, _ := whole["structure"].(map[string]any)
	for _, k := range slices.Sorted(maps.Keys(structure)) {
		if !slices.Contains(structureKeys, k) {
			// HonKit ignores it: a book that names its LANGS.md there
			// has one language (t51: 0 pages, without a word).
			hint := "HonKit reads structure." + strings.Join(structureKeys, ", structure.")
			if k == "languages" {
				hint = "write structure.langs: GitBook's documentation named it languages, but HonKit reads langs"
			}
			report("structure."+k, diag.Warning, "book-json", fmt.Sprintf("structure.%s is not a key HonKit reads; ignored", k), hint)
		}
	}
	b := &Book{Config: whole, Title: str(whole, "title"), Description: str(whole, "description"),
		Language: str(whole, "language"), Direction: strings.ToLower(str(whole, "direction")), Root: str(whole, "root")}
	b.Structure.Readme, b.Structure.Summary = str(structure, "readme"), str(structure, "summary")
	b.at = map[string][2]int{}
	for _, k := range []string{"root", "structure.readme", "structure.summary", "language"} {
		if off, ok := offs[k]; ok {
			line, col := offsetPos(src, off)
			b.at[k] = [2]int{line, col}
		}
	}
	b.Structure.Glossary, b.Structure.Langs = str(structure, "glossary"), str(structure, "langs")
	if _, ok := config.BookLanguage(b.Language); b.Language != "" && !ok {
		report("language", diag.Warning, "book-json", fmt.Sprintf("language %q is not a language's code; ignored", b.Language),
			"use a BCP 47 code such as en, fr or pt-BR; until then the pages' language is told from their text")
		b.Language = ""
	}
	if b.Direction != "" && b.Direction != "rtl" && b.Direction != "ltr" {
		report("direction", diag.Warning, "book-json", fmt.Sprintf("direction %q is neither rtl nor ltr; ignored", str(whole, "direction")), "")
		b.Direction = ""
	}
	unapplied(whole, report)
	if pc, ok := whole["pluginsConfig"].(map[string]any); ok {
		if ic, ok := pc["image-captions"].(map[string]any); ok {
			if c, _ := ic["caption"].(string); strings.Contains(c, "_BOOK_IMAGE_NUMBER_") {
				// A page is parsed alone: it cannot count the images of
				// the pages before it. Told once, here, not on every page
				// (t77).
				report("pluginsConfig.image-captions.caption", diag.Warning, "unsupported",
					"_BOOK_IMAGE_NUMBER_ (the image's number in the whole book) is not supported: folio numbers images page by page, the page's level and the image's number on it (1.2.1)",
					"write _PAGE_LEVEL_._PAGE_IMAGE_NUMBER_ to number them so on purpose")
			}
		}
	}
	// The variables are config's (setVariables): the objects within are
	// the same maps, whose key order one walk of the file records.
	vars, _ := whole["variables"].(map[string]any)
	b.order = map[uintptr][]string{}
	keyOrder(src, whole, b.order)
	b.setVariables(vars)
	b.sidebarLinks(whole, report)
	for i := range b.Links {
		b.Links[i].File = diagPath
		if off, ok := offs["links"]; ok {
			b.Links[i].Line, b.Links[i].Col = offsetPos(src, off)
		}
	}
	return b, ds
}

// sidebarLinks reads links.sidebar, {"Title": "https://…"}. A title whose
// value is false or empty is no link, as in HonKit; an address that is
// neither a web or mail address nor a path (javascript:, tel:, data:…) is
// left out: the theme would not write it.
func (b *Book) sidebarLinks(whole map[string]any, report func(key string, sev diag.Severity, rule, msg, hint string)) {
	ls, _ := whole["links"].(map[string]any)
	side, _ := ls["sidebar"].(map[string]any)
	keys := b.Keys(side)
	if keys == nil {
		keys = slices.Sorted(maps.Keys(side))
	}
	for _, title := range keys {
		u, _ := side[title].(string)
		if u = strings.TrimSpace(u); u == "" || strings.TrimSpace(title) == "" {
			continue
		}
		switch scheme, _ := links.Scheme(u); scheme {
		case "", "http", "https", "mailto": // a path of the book, or a web or mail address
		default:
			report("links", diag.Warning, "unsafe-url", fmt.Sprintf("links.sidebar %q leads to %q, which is neither a web address nor a path of the book; left out", title, u),
				"write an https:// or mailto: address, or a page's path")
			continue
		}
		b.Links = append(b.Links, Link{Title: strings.TrimSpace(title), URL: u})
	}
}

// jsonSyntax says what a JSON syntax error is in an author's words, and
// where: the offset of the character at fault (a trailing comma, not the
// } after it).
func jsonSyntax(src []byte, se *json.SyntaxError) (int, string) {
	const cannot = "book.json cannot be read: "
	off := max(0, min(int(se.Offset)-1, len(src)))
	if len(bytes.TrimSpace(src)) == 0 {
		return 0, cannot + "it is empty: write {} for a book.json that sets nothing"
	}
	if se.Error() == "unexpected end of JSON input" || off >= len(src) {
		return len(src), cannot + "it ends before every { and [ is closed"
	}
	c := src[off]
	if r, _ := utf8.DecodeRune(src[off:]); r >= utf8.RuneSelf {
		if strings.ContainsRune("“”‘’«»", r) {
			return off, cannot + fmt.Sprintf("%q is a typographic quote: JSON writes strings between straight double quotes (\")", r)
		}
		return off, cannot + fmt.Sprintf("unexpected %q", r)
	}
	prev := len(bytes.TrimRight(src[:off], " \t\r\n")) - 1
	switch {
	case (c == '}' || c == ']') && prev >= 0 && src[prev] == ',':
		return prev, cannot + "a comma after the last entry: JSON allows none before " + string(c)
	case c == '\'':
		return off, cannot + "JSON writes strings and keys between double quotes, not single ones"
	case c == '/' || c == '#':
		return off, cannot + "JSON has no comments"
	case strings.Contains(se.Error(), "after object key:value pair") || strings.Contains(se.Error(), "after array element"):
		return off, cannot + "a comma is missing before this entry"
	case strings.Contains(se.Error(), "looking for beginning of object key string"):
		return off, cannot + "a key must be written between double quotes"
	case strings.Contains(se.Error(), "after object key"):
		return off, cannot + "a colon is missing after the key"
	}
	return off, cannot + fmt.Sprintf("unexpected %q", c)
}

// pluginsDone are the HonKit plugins whose work folio does itself: the
// hints and richquotes styles, {% filename %} labels (codeblock-label),
// heading anchors, a language menu, search, code highlighting, <!--sec
// ces--> sections (sectionx), the live preview's reload, and the theme;
// $$ math (katex, mathjax), ```mermaid diagrams (mermaid-gb3), copy
// buttons on code (copy-code-button, code) and a page's outline
// (page-toc); {% youtube %} embeds (youtube); gitbook-plugin-tabs' sets
// (tabs); [import](file) code blocks (include-codeblock); `> [!NOTE]`
// alerts (flexible-alerts); an image's title as its
// caption (image-captions); {% pdf src %} files (embed-pdf).
var pluginsDone = map[string]bool{
	"hints": true, "richquotes": true, "codeblock-label": true, "heading-anchors": true,
	"language-picker": true, "search": true, "lunr": true, "highlight": true,
	"sectionx": true, "sectionx-ex": true, "livereload": true, "theme-default": true,
	"katex": true, "mathjax": true, "mermaid-gb3": true, "copy-code-button": true, "code": true,
	"anchors": true, "page-toc": true, "youtube": true, "tabs": true, "include-codeblock": true,
	"flexible-alerts": true, "image-captions": true, "embed-pdf": true,
}

// Plugins are the names of the plugins a HonKit book.json (whole) runs,
// once each, in its order: "plugins": ["ga", "richquotes@0.0.7",
// "@scope/x", "-sharing"], or {"name": "ga"} entries, or a
// comma-separated string, as HonKit reads them. A version goes; "-x",
// which removes a plugin of HonKit's own, is none.
func Plugins(whole map[string]any) []string {
	run, _ := plugins(whole)
	return run
}

// plugins returns the names of the plugins book.json (whole) runs, and of
// those it removes ("-sharing").
func plugins(whole map[string]any) (run, removed []string) {
	var list []any
	switch v := whole["plugins"].(type) {
	case []any:
		list = v
	case string:
		for n := range strings.SplitSeq(v, ",") {
			list = append(list, n)
		}
	}
	for _, e := range list {
		var n string
		switch e := e.(type) {
		case string:
			n = strings.TrimSpace(e)
		case map[string]any:
			n, _ = e["name"].(string)
		}
		if !strings.HasPrefix(n, "@") {
			n, _, _ = strings.Cut(n, "@") // a version
		}
		if r, ok := strings.CutPrefix(n, "-"); ok {
			removed = append(removed, r)
			continue
		}
		if n == "" || slices.Contains(run, n) {
			continue
		}
		run = append(run, n)
	}
	return run, removed
}

// unapplied reports, at info level, what of book.json folio does not
// apply: HonKit's plugins (what they add to a page is not published)
// and the book's custom styles, naming each.
func unapplied(whole map[string]any, report func(key string, sev diag.Severity, rule, msg, hint string)) {
	var names []string
	run := map[string]bool{}
	on, off := plugins(whole)
	for _, n := range off {
		run[n] = true // removed: its pluginsConfig says nothing to a reader
	}
	for _, n := range on {
		run[n] = true
		if !pluginsDone[n] {
			names = append(names, n)
		}
	}
	if len(names) > 0 {
		their := "their"
		if len(names) == 1 {
			their = "its"
		}
		report("plugins", diag.Info, "unsupported",
			fmt.Sprintf("HonKit %s not applied, nor %s pluginsConfig: folio does not run HonKit plugins, so what they add to pages, such as analytics, comments or buttons, is not published",
				plural(names, "plugin", "is", "are"), their), "")
	}
	// pluginsConfig of a plugin not listed (one of HonKit's own), but for
	// those whose work folio does.
	if cfg, ok := whole["pluginsConfig"].(map[string]any); ok {
		var others []string
		for n := range cfg {
			if !run[n] && !pluginsDone[n] {
				others = append(others, n)
			}
		}
		if len(others) > 0 {
			slices.Sort(others)
			report("pluginsConfig", diag.Info, "unsupported",
				fmt.Sprintf("pluginsConfig for %s is not applied: folio does not run HonKit plugins", plural(others, "plugin", "", "")), "")
		}
	}
	if styles, ok := whole["styles"].(map[string]any); ok {
		var set []string
		for kind, v := range styles {
			if f, _ := v.(string); strings.TrimSpace(f) != "" {
				set = append(set, "styles."+kind+" ("+f+")")
			}
		}
		if len(set) > 0 {
			slices.Sort(set)
			report("styles", diag.Info, "unsupported",
				fmt.Sprintf("%s not applied: folio's theme does not load a book's own CSS", plural(set, "", "is", "are")), stylesHint)
		}
	}
}

// stylesHint is the advice for a book's custom CSS folio does not load.
const stylesHint = "to restyle the site, override the theme's files: see the guide's Themes page"

// plural writes "plugin ga is" or "plugins ga, disqus are", leaving out
// an empty noun or verb.
func plural(names []string, noun, one, many string) string {
	verb := one
	if len(names) > 1 {
		verb = many
		if noun != "" {
			noun += "s"
		}
	}
	var words []string
	for _, w := range []string{noun, strings.Join(names, ", "), verb} {
		if w != "" {
			words = append(words, w)
		}
	}
	return strings.Join(words, " ")
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
	b.Structure.Langs = pick(child.Structure.Langs, parent.Structure.Langs)
	vars, _ := b.Config["variables"].(map[string]any)
	b.setVariables(vars)
	b.sidebarLinks(b.Config, func(string, diag.Severity, string, string, string) {}) // told with each file
	for i, k := range b.Links {
		if w, ok := child.written(k); ok {
			b.Links[i] = w
		} else {
			b.Links[i], _ = parent.written(k)
		}
	}
	return b
}

// written returns the link k of links.sidebar as b writes it, with its
// place, false when b does not write it.
func (b *Book) written(k Link) (Link, bool) {
	for _, o := range b.Links {
		if o.Title == k.Title && o.URL == k.URL {
			return o, true
		}
	}
	return k, false
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
// a top level of their own, which the language joins as HonKit's
// {{ book.language }}. The title and description do not: HonKit's book
// object is the variables and the language alone, so {{ book.title }}
// is empty there unless the variables set it ({{ config.title }} is
// book.json's title).
func (b *Book) setVariables(vars map[string]any) {
	b.Variables = maps.Clone(vars)
	if b.Variables == nil {
		b.Variables = map[string]any{}
	} else {
		b.order[reflect.ValueOf(b.Variables).Pointer()] = b.order[reflect.ValueOf(vars).Pointer()]
	}
	if _, set := b.Variables["language"]; !set && b.Language != "" {
		b.Variables["language"] = b.Language
	}
}

// jsonValue names the JSON values json.UnmarshalTypeError names.
var jsonValue = map[string]string{"array": "a list", "object": "an object", "string": "a string", "number": "a number", "bool": "true or false"}

// offsetPos returns the 1-based line and column, in characters, of byte
// off of src.
func offsetPos(src []byte, off int) (int, int) {
	off = max(0, min(off, len(src)))
	line := bytes.Count(src[:off], []byte("\n")) + 1
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return line, source.Col(string(src[start:off]), off-start)
}

// IgnoreFiles are the files whose patterns (gitignore syntax) keep files
// out of a book, in the order HonKit reads them: where patterns of two
// files match a path, the later file's wins.
var IgnoreFiles = []string{".ignore", ".gitignore", ".bookignore"}

// Ignore is a list of ignore patterns, read from one or more ignore files
// (IgnoreFiles), each file's patterns relative to its folder.
type Ignore struct {
	rules []ignoreRule
	// folders holds folderBy's answers; adding or dropping rules
	// clears it.
	folders sync.Map
}

type ignoreRule struct {
	re      *regexp.Regexp
	negate  bool
	dirOnly bool
	// dir is the folder of the file the pattern was read from, relative
	// to where the paths matched start ("" there); file is that file as
	// diagnostics name it.
	dir, file string
}

// ParseIgnore parses gitignore-style patterns: `#` comments, `!` negation,
// a trailing `/` for directories, a `/` inside or in front to anchor the
// pattern at the root, `*`, `?` and `**`. A leading `./` anchors it too.
// The patterns are said to come from .bookignore.
func ParseIgnore(src []byte) *Ignore {
	ig := &Ignore{}
	ig.add(src, "", ".bookignore")
	return ig
}

// add appends the patterns of src, the ignore file named file in the
// folder dir.
func (ig *Ignore) add(src []byte, dir, file string) {
	ig.folders.Clear()
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimRight(line, " \t\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := ignoreRule{dir: dir, file: file}
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
				i++
				if i+1 < len(line) && line[i+1] == '/' {
					i++
					re.WriteString("(?:.*/)?") // any number of folders, none included
				} else {
					re.WriteString(".*")
				}
			case c == '*':
				re.WriteString("[^/]*")
			case c == '?':
				re.WriteString("[^/]")
			default:
				re.WriteString(regexp.QuoteMeta(string(c)))
			}
		}
		// The path itself: what lies below a folder it matches is
		// excluded with the folder (MatchedBy).
		re.WriteString("$")
		var err error
		if r.re, err = regexp.Compile(re.String()); err == nil {
			ig.rules = append(ig.rules, r)
		}
	}
}

// Match reports whether the slash path p is ignored: relative to the
// folder the ignore files were read from (ReadIgnore's), where patterns
// without a folder of their own start. Like git, the last matching rule
// wins.
func (ig *Ignore) Match(p string) bool { return ig.MatchedBy(p) != "" }

// MatchedBy returns the ignore file whose pattern excludes the slash path
// p, as diagnostics name the file; "" when p is not ignored. Like git, the
// last matching rule wins, a later file's over an earlier one's, and a
// file below an excluded folder stays excluded: git does not look into
// the folder, so no pattern re-includes what it holds.
func (ig *Ignore) MatchedBy(p string) string {
	if ig == nil || len(ig.rules) == 0 {
		return ""
	}
	if dir, _, ok := cutLast(p); ok {
		if by := ig.folderBy(dir); by != "" {
			return by
		}
	}
	return ig.last(p, false)
}

// FolderExcluded reports whether git does not look into the folder dir (a
// slash path): it, or a folder above it, is excluded.
func (ig *Ignore) FolderExcluded(dir string) bool {
	return ig != nil && len(ig.rules) > 0 && dir != "" && dir != "." && ig.folderBy(dir) != ""
}

// folderBy returns the ignore file that excludes the folder dir or a
// folder above it; "" when none does. The files of a folder share the
// answer: it is kept, by folder.
func (ig *Ignore) folderBy(dir string) string {
	if by, ok := ig.folders.Load(dir); ok {
		return by.(string)
	}
	by := ""
	if parent, _, ok := cutLast(dir); ok {
		by = ig.folderBy(parent)
	}
	if by == "" {
		by = ig.last(dir, true)
	}
	ig.folders.Store(dir, by)
	return by
}

// cutLast splits a slash path at its last slash.
func cutLast(p string) (dir, name string, ok bool) {
	i := strings.LastIndexByte(p, '/')
	if i < 0 {
		return "", p, false
	}
	return p[:i], p[i+1:], true
}

// last returns the ignore file of the last rule that matches the path q,
// a folder if dir; "" when none does or that rule is a negation.
func (ig *Ignore) last(q string, dir bool) string {
	by := ""
	for _, r := range ig.rules {
		if r.dirOnly && !dir {
			continue
		}
		rel := q
		if r.dir != "" {
			var ok bool
			if rel, ok = strings.CutPrefix(q, r.dir+"/"); !ok {
				continue
			}
		}
		if r.re.MatchString(rel) {
			by = r.file
			if r.negate {
				by = ""
			}
		}
	}
	return by
}

// keepFolder drops the patterns that exclude the folder rel itself, or a
// folder above it: read above a space's folder, they would leave nothing
// of the folder folio is asked to build (content generated into a folder
// git ignores, a LANGS.md book's top .gitignore naming a language).
func (ig *Ignore) keepFolder(rel string) {
	ig.folders.Clear()
	ig.rules = slices.DeleteFunc(ig.rules, func(r ignoreRule) bool {
		if r.negate {
			return false
		}
		q := rel
		if r.dir != "" {
			var below bool
			if q, below = strings.CutPrefix(rel, r.dir+"/"); !below {
				return false
			}
		}
		for {
			if r.re.MatchString(q) {
				return true // the folder or a folder above it
			}
			i := strings.LastIndexByte(q, '/')
			if i < 0 {
				return false
			}
			q = q[:i]
		}
	})
}

// ReadIgnore reads the ignore files (IgnoreFiles) at the top of the
// folder dir, whose patterns apply to the paths below it; a file that is
// missing is skipped. The files are named as diagnostics name them,
// relative to dir.
func ReadIgnore(dir string) (*Ignore, []diag.Diagnostic) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, []diag.Diagnostic{{Path: ".", Severity: diag.Error, Rule: "read", Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))}}
	}
	defer root.Close()
	ig := &Ignore{}
	ds := ig.read(root, "")
	return ig, ds
}

// read adds the ignore files of the folder dir of root, in the order of
// IgnoreFiles; one that is missing, or not a regular file, is skipped.
func (ig *Ignore) read(root *os.Root, dir string) []diag.Diagnostic {
	var ds []diag.Diagnostic
	for _, name := range IgnoreFiles {
		p := joinRel(dir, name)
		info, err := root.Stat(filepath.FromSlash(p))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			continue
		case err == nil && !info.Mode().IsRegular():
			continue
		case err == nil:
			var b []byte
			if b, err = root.ReadFile(filepath.FromSlash(p)); err == nil {
				src, nds, ok := source.Normalize(p, b)
				ds = append(ds, nds...)
				if ok {
					ig.add(src, dir, p)
				}
				continue
			}
		}
		ds = append(ds, diag.Diagnostic{Path: p, Severity: diag.Error, Rule: "read",
			Msg: fmt.Sprintf("cannot read: %v", unwrapPath(err))})
	}
	return ds
}

// Ignored reports whether an ignore file (IgnoreFiles) excludes the file
// p of the space.
func (s *Space) Ignored(p string) bool { return s.IgnoredBy(p) != "" }

// IgnoredBy returns the ignore file whose pattern excludes the file p of
// the space, named as diagnostics name it (.gitignore, en/.bookignore…);
// "" when none does. The ignore files of the space's folder apply, and
// those of each folder above it up to the site's, their patterns relative
// to their own folder, as git reads them; a LANGS.md book's top ones so
// apply to every language, as HonKit applies them.
func (s *Space) IgnoredBy(p string) string {
	by := s.ignore.MatchedBy(joinRel(s.Rel, p))
	if s.tracked[p] && path.Base(by) == ".gitignore" {
		return "" // git holds it all the same (readTracked)
	}
	return by
}

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
		ds := source.YAMLError(diagPath, src, 0, err)
		for i := range ds {
			ds[i].Severity, ds[i].Rule = diag.Warning, "vars-yaml"
			ds[i].Msg = "vars.yaml cannot be read: " + ds[i].Msg
		}
		return nil, ds
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
			line := config.TopKeyLine(src, k)
			ds = append(ds, diag.Diagnostic{Path: diagPath, Line: line, Col: min(line, 1), Severity: diag.Warning, Rule: "vars-yaml",
				Msg: fmt.Sprintf("variable %q is a list or a map, which a page cannot show; ignored", k)})
		}
	}
	return out, ds
}
