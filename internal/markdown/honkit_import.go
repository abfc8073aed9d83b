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

// codeImportRE is a line of the include-codeblock plugin: `[import](file)`,
// with what to take and how after "import" (`:"marker"`, `:2-4`,
// `, title:"…", lang:"…"`), alone on its line after the markers of the
// block quotes and list items it stands in.
var codeImportRE = regexp.MustCompile(`^((?:[ \t]*(?:>|(?:[-*+]|[0-9]{1,9}[.)])[ \t]))*[ \t]*)\[import((?:[:,][^\]]*)?)\]\(\s*<?([^)\s>]+)>?\s*\)\s*$`)

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
	marker      string
	from, to    int
	title, lang string
	unindent    string // "true" takes the lines' common indentation away
}

// parseImportSpec reads what follows "import": `:"marker"` or `:2-4`,
// then `, key:"value"` options.
func parseImportSpec(s string) importSpec {
	var sp importSpec
	parts := strings.Split(s, ",")
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
			sp.marker = sel
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
	p, src, ds, err := e.opts.Include(from, target)
	if err != nil {
		e.reportAt(o, col, page, diag.Warning, "include-missing", "", "cannot import %s: %v; shown as a link", target, err)
		return false
	}
	e.diags = append(e.diags, ds...)
	sp := parseImportSpec(m[2])
	lines := strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n"), "\n")
	switch {
	case sp.marker != "":
		// Between the two lines that name the marker, `//! [marker]` or
		// `# [marker]` (or `start:marker` and `end:marker`), as the plugin
		// finds it.
		tag := "[" + sp.marker + "]"
		var at []int
		for i, l := range lines {
			l = strings.TrimSpace(l)
			if strings.HasSuffix(l, tag) || len(at) == 0 && strings.HasSuffix(l, "start:"+sp.marker) || len(at) == 1 && strings.HasSuffix(l, "end:"+sp.marker) {
				at = append(at, i)
			}
		}
		if len(at) < 2 {
			e.reportAt(o, col, page, diag.Warning, "include-missing", "mark the part's first and last lines with the marker, such as //! "+tag,
				"cannot import the part %s of %s: the file marks no such part; shown as a link", sp.marker, target)
			return false
		}
		lines = lines[at[0]+1 : at[1]]
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
