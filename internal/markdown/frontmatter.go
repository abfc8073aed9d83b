package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v2"

	"folio/internal/diag"
	"folio/internal/source"
)

// FrontMatter is the typed form of a page's YAML front matter. The keys
// GitBook writes have fields; every other key is kept in Extra for
// templates.
type FrontMatter struct {
	Description    string
	Title          string
	Cover          string
	CoverY         float64
	Icon           string
	Hidden         bool
	NoIndex        bool
	TranslationKey string
	Layout         Layout
	Extra          map[string]any
}

// Layout holds GitBook's layout visibility flags; nil means "not set".
type Layout struct {
	Title, Description, TableOfContents, Outline, Pagination *bool
}

// splitFrontMatter finds front matter at byte 0 (`---` line … `---` line)
// and returns the YAML text, the number of lines the block spans, and
// whether one was found. goldmark-meta is not used: it swallows the whole
// page when the closing `---` is missing, and leaves the raw YAML in the
// page when the YAML is invalid.
func splitFrontMatter(src []byte) (yml []byte, lines int, ok bool) {
	first, rest, found := bytes.Cut(src, []byte("\n"))
	if !found || !isFence(first) {
		return nil, 0, false
	}
	off := len(first) + 1
	n := 1
	for len(rest) > 0 {
		line, tail, _ := bytes.Cut(rest, []byte("\n"))
		n++
		if isFence(line) {
			return src[len(first)+1 : off], n, true
		}
		off += len(line) + 1
		rest = tail
	}
	return nil, 0, false
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

// parseFrontMatter decodes the YAML of a page's front matter. Errors are
// diagnostics at the line they concern; the page still builds.
func parseFrontMatter(path string, yml []byte) (FrontMatter, []diag.Diagnostic) {
	var fm FrontMatter
	var items yaml.MapSlice
	if err := yaml.Unmarshal(source.CleanYAML(yml), &items); err != nil {
		ds := source.YAMLError(path, 1, err)
		for i := range ds {
			ds[i].Rule = "front-matter"
			if line, quote := unclosedQuote(yml); line > 0 && strings.Contains(ds[i].Msg, "end of stream") {
				// The parser reads an open quote to the end of the block
				// and reports where it ran out: the mistake is where the
				// quote opened.
				ds[i].Line = line + 1
				ds[i].Msg = fmt.Sprintf("the value's opening %s is never closed", quote)
				ds[i].Hint = fmt.Sprintf("end the value with %s, or remove the opening one", quote)
				continue
			}
			if ds[i].Hint == "" {
				if strings.Contains(ds[i].Msg, "mapping values are not allowed") {
					ds[i].Hint = `a value holds ": ": quote the whole value ("…")`
				} else {
					ds[i].Hint = "quote values that contain ': ' or start with a special character"
				}
			}
		}
		return fm, ds
	}
	var ds []diag.Diagnostic
	bad := func(key, want string) {
		ds = append(ds, diag.Diagnostic{
			Path: path, Line: keyLine(yml, key), Col: 1, Severity: diag.Warning, Rule: "front-matter",
			Msg: fmt.Sprintf("front matter key %q should be %s; ignored", key, want),
		})
	}
	for _, it := range items {
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
			case "icon":
				fm.Icon = s
			default:
				fm.TranslationKey = s
			}
		case "coverY":
			switch v := it.Value.(type) {
			case int:
				fm.CoverY = float64(v)
			case float64:
				fm.CoverY = v
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
			if fm.Extra == nil {
				fm.Extra = map[string]any{}
			}
			fm.Extra[key] = plain(it.Value)
		default:
			if fm.Extra == nil {
				fm.Extra = map[string]any{}
			}
			fm.Extra[fmt.Sprint(it.Key)] = plain(it.Value)
		}
	}
	return fm, ds
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
		}
	}
	return l
}

// plain converts yaml.v2 values into types templates handle well: maps
// with string keys and slices.
func plain(v any) any {
	switch v := v.(type) {
	case yaml.MapSlice:
		m := make(map[string]any, len(v))
		for _, it := range v {
			m[fmt.Sprint(it.Key)] = plain(it.Value)
		}
		return m
	case map[any]any:
		m := make(map[string]any, len(v))
		for k, x := range v {
			m[fmt.Sprint(k)] = plain(x)
		}
		return m
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = plain(x)
		}
		return out
	}
	return v
}

// keyLine returns the file line of a top-level key in the front matter
// (which starts on line 2), or 1 when it cannot be found.
func keyLine(yml []byte, key string) int {
	for i, line := range strings.Split(string(yml), "\n") {
		if strings.HasPrefix(line, key+":") {
			return i + 2
		}
	}
	return 1
}

// unclosedQuote finds the first line (1-based, in yml) whose value opens a
// quoted scalar that the line does not close, and the quote; 0 when none.
// A quoted value may span lines in YAML, but in front matter that is
// almost always a forgotten closing quote.
func unclosedQuote(yml []byte) (int, string) {
	for i, line := range strings.Split(string(yml), "\n") {
		_, v, ok := strings.Cut(line, ": ")
		if !ok {
			t := strings.TrimSpace(line)
			if !strings.HasPrefix(t, "- ") {
				continue
			}
			v = t[2:]
		}
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		switch q := v[0]; q {
		case '"':
			closed := false
			for j := 1; j < len(v); j++ {
				if v[j] == '\\' {
					j++
				} else if v[j] == '"' {
					closed = true
					break
				}
			}
			if !closed {
				return i + 1, `"`
			}
		case '\'':
			// '' is an escaped quote inside a single-quoted value.
			if strings.Count(v[1:], "'")%2 == 0 {
				return i + 1, "'"
			}
		}
	}
	return 0, ""
}
