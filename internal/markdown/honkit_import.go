package markdown

import (
	"cmp"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"folio/internal/diag"
)

// codeImportRE is a line of the include-codeblock plugin: `[import](file)`
// (or `[include](file)`, the same),
// with what to take and how after "import" (`:"marker"`, `:2-4`,
// `, title:"…", lang:"…"`), alone on its line after the markers of the
// block quotes and list items it stands in.
var codeImportRE = regexp.MustCompile(`^((?:[ \t]*(?:>|(?:[-*+]|[0-9]{1,9}[.)])[ \t]))*[ \t]*)\[(?:import|include)((?:[:,][^\]]*)?)\]\(\s*<?([^)\s>]+)>?\s*\)\s*$`)

// importLangs are the languages of code files by extension, where the
// extension is not the name chroma knows them by.
var importLangs = map[string]string{
	"js": "javascript", "mjs": "javascript", "ts": "typescript", "py": "python", "rb": "ruby", "sh": "bash",
	"yml": "yaml", "md": "markdown", "kt": "kotlin", "rs": "rust", "cs": "csharp", "h": "c", "hpp": "cpp", "ps1": "powershell",
}

// importSpec is what an import line asks for: a marked region or a range
// of lines (1-based, 0 for the file's end), and the block's title and
// language.
type importSpec struct {
	markers     []string // parts joined in this order
	from, to    int
	title, lang string
	unindent    string // "true" takes the lines' common indentation away
}

// parseImportSpec reads what follows "import": `:"marker"` (or several,
// `:"m1,m2"`) or `:2-4`, then `, key:"value"` options; a comma in quotes
// is the value's (t94: "Hello, world" was "Hello").
func parseImportSpec(s string) importSpec {
	var sp importSpec
	parts := splitTopLevel(s)
	if sel, ok := strings.CutPrefix(parts[0], ":"); ok {
		sel = strings.Trim(strings.TrimSpace(sel), `"'`)
		a, b, isRange := strings.Cut(sel, "-")
		n, errA := strconv.Atoi(strings.TrimSpace(a))
		m, errB := strconv.Atoi(strings.TrimSpace(b))
		switch {
		case isRange && (errA == nil || a == "") && (errB == nil || b == ""):
			sp.from, sp.to = max(n, 1), m
		case !isRange && errA == nil:
			sp.from, sp.to = n, n
		default:
			for _, m := range strings.Split(sel, ",") {
				if m = strings.TrimSpace(m); m != "" {
					sp.markers = append(sp.markers, m)
				}
			}
		}
	}
	for _, p := range parts[1:] {
		k, v, _ := strings.Cut(p, ":")
		v = strings.Trim(strings.TrimSpace(v), `"'`)
		switch strings.TrimSpace(k) {
		case "title":
			sp.title = v
		case "lang":
			sp.lang = v
		case "unindent":
			sp.unindent = v
		}
	}
	return sp
}

// importCode writes, in place of an include-codeblock line (m, of
// codeImportRE) of the file from, a code block of the file it names, or of
// the part it asks for. It reports false, the line left as the link it
// is, when the file cannot be read or holds no such part.
func (e *expander) importCode(page, from string, m []string, o origin) bool {
	lead, target := m[1], m[3]
	col := len(lead) + 1
	if e.opts.Include == nil {
		return false
	}
	if strings.Contains(target, "://") {
		e.reportAt(o, col, page, diag.Warning, "include-missing", "copy the file into the book and import it from there",
			"cannot import %s: a file of another site is not imported; shown as a link", target)
		return false
	}
	p, src, ds, err := e.opts.Include(from, target)
	if err != nil {
		e.reportAt(o, col, page, diag.Warning, "include-missing", "", "cannot import %s: %v; shown as a link", target, err)
		return false
	}
	e.diags = append(e.diags, ds...)
	sp := parseImportSpec(m[2])
	lines := strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n"), "\n")
	switch {
	case len(sp.markers) > 0:
		var part []string
		for _, mk := range sp.markers {
			got, ok := markedPart(lines, mk)
			if !ok {
				e.reportAt(o, col, page, diag.Warning, "include-missing", "mark the part's first and last lines with the marker, such as //! ["+mk+"]",
					"cannot import the part %s of %s: the file marks no such part; shown as a link", mk, target)
				return false
			}
			part = append(part, got...)
		}
		lines = part
	case sp.from > 0:
		to := len(lines)
		if sp.to > 0 {
			to = min(sp.to, to)
		}
		if sp.from > to {
			e.reportAt(o, col, page, diag.Warning, "include-missing", "", "cannot import lines %d to %d of %s: it has %d; shown as a link", sp.from, to, target, len(lines))
			return false
		}
		lines = lines[sp.from-1 : to]
	}
	if sp.unindent == "true" || sp.unindent == "" && e.importUnindent() {
		lines = unindent(lines)
	}
	lang := sp.lang
	if lang == "" {
		ext := strings.TrimPrefix(strings.ToLower(path.Ext(target)), ".")
		lang = cmp.Or(importLangs[ext], ext)
	}
	fence := "```"
	for slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, fence) }) {
		fence += "`"
	}
	cont := continuation(lead)
	first := lead
	if sp.title != "" {
		e.emit(first+`{% code title="`+strings.ReplaceAll(sp.title, `"`, "&quot;")+`" %}`, o)
		first = cont
	}
	info := "" // one word: a lang with blanks would give the fence more
	if f := strings.Fields(lang); len(f) > 0 {
		info = f[0]
	}
	e.emit(first+fence+info, o)
	for _, l := range lines {
		e.emit(cont+l, o)
	}
	e.emit(cont+fence, o)
	if sp.title != "" {
		e.emit(cont+"{% endcode %}", o)
	}
	if e.codeFiles == nil {
		e.codeFiles = map[string]bool{}
	}
	e.codeFiles[p] = true
	return true
}

// importUnindent reports whether book.json's pluginsConfig asks
// include-codeblock to take the common indentation away.
func (e *expander) importUnindent() bool {
	pc, _ := e.opts.Config["pluginsConfig"].(map[string]any)
	ic, _ := pc["include-codeblock"].(map[string]any)
	return ic["unindent"] == true || ic["unindent"] == "true"
}

// unindent takes from lines the blanks they all start with, blank lines
// aside.
func unindent(lines []string) []string {
	common := -1
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		n := len(l) - len(strings.TrimLeft(l, " \t"))
		if common < 0 || n < common {
			common = n
		}
	}
	if common <= 0 {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		if len(l) >= common {
			out[i] = l[common:]
		}
	}
	return out
}

// markerLineRE is a line that marks a part for include-codeblock: a
// comment (//, #, %, /* … */, <!-- … -->) holding only `[name]`, after
// an optional "!".
var markerLineRE = regexp.MustCompile(`^\s*(?://+|#+|%+|/\*|<!--)!?\s*\[([^\]]+)\]\s*(?:\*/|-->)?\s*$`)

// markedPart returns the lines between the two that mark the part name
// (markerLineRE, or `start:name` and `end:name`), without the lines that
// mark other parts inside it, as the plugin takes them.
func markedPart(lines []string, name string) ([]string, bool) {
	first, last := -1, -1
	for i, l := range lines {
		m := markerLineRE.FindStringSubmatch(l)
		t := strings.TrimSpace(l)
		switch {
		case first < 0 && (m != nil && m[1] == name || strings.HasSuffix(t, "start:"+name)):
			first = i
		case first >= 0 && (m != nil && m[1] == name || strings.HasSuffix(t, "end:"+name)):
			last = i
		}
		if last >= 0 {
			break
		}
	}
	if first < 0 || last < 0 {
		return nil, false
	}
	var out []string
	for _, l := range lines[first+1 : last] {
		if !markerLineRE.MatchString(l) {
			out = append(out, l)
		}
	}
	return out, true
}
