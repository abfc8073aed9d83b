package markdown

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"

	"folio/internal/diag"
	"folio/internal/gitbook"
)

// Other tools' admonitions, which Markdown, GitBook and folio show as
// text: Docusaurus' and VitePress' `:::tip` containers, and Material for
// MkDocs' `!!! note "Title"` (`???` when it folds). The group is the kind.
var (
	colonAdmonitionRE  = regexp.MustCompile(`^:{3,}[ \t]*([A-Za-z][\w-]*)(?:[ \t{\[].*)?$`)
	mkdocsAdmonitionRE = regexp.MustCompile(`^(?:!!!|\?\?\?\+?)[ \t]+([a-z][\w-]*)(?:[ \t]+"[^"]*")?[ \t]*$`)
)

// admonitionHints is the hint style of an admonition kind, for the
// message's advice; other kinds are info.
var admonitionHints = map[string]string{
	"tip": "success", "hint": "success", "success": "success", "check": "success", "done": "success",
	"warning": "warning", "caution": "warning", "attention": "warning",
	"danger": "danger", "error": "danger", "failure": "danger", "bug": "danger",
}

// otherSyntax tells a paragraph that starts in another tool's syntax,
// which the page shows as text (t57): an admonition, or Hugo's TOML
// front matter (`+++` lines) at the top of the page. Migrated pages keep
// them; the message says what GitBook writes instead.
func (t *transform) otherSyntax(p ast.Node) {
	lines := p.Lines()
	if lines.Len() == 0 {
		return
	}
	first := lines.At(0)
	line := bytes.TrimRight(first.Value(t.src), " \t\r\n")
	if len(line) < 3 || line[0] != ':' && line[0] != '!' && line[0] != '?' && line[0] != '+' {
		return
	}
	if string(line) == "+++" {
		if p.Parent() != nil && p.Parent().Kind() == ast.KindDocument && p.PreviousSibling() == nil && lines.Len() > 1 {
			t.d.reportHint(first.Start, diag.Warning, "front-matter",
				"TOML front matter (between +++ lines, as Hugo writes it) is not read: it is shown as text",
				"write it as YAML between --- lines")
		}
		return
	}
	m := colonAdmonitionRE.FindSubmatch(line)
	if m == nil {
		m = mkdocsAdmonitionRE.FindSubmatch(line)
	}
	if m == nil {
		return
	}
	kind := string(bytes.ToLower(m[1]))
	style := admonitionHints[kind]
	if style == "" {
		style = "info"
	}
	hint := `write {% hint style="` + style + `" %} … {% endhint %}`
	if gitbook.IsAlertKind(kind) {
		hint += ", or a quote that starts with > [!" + strings.ToUpper(kind) + "]"
	}
	t.d.reportHint(first.Start, diag.Warning, "unsupported",
		string(line)+" is another tool's admonition (Docusaurus, VitePress, MkDocs): it is shown as text", hint)
}
