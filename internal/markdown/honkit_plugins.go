package markdown

import (
	"cmp"
	"regexp"
	"strings"
)

// pluginTabs is an open gitbook-plugin-tabs set: {% tabs a="A", b="B" %}
// names its tabs, {% content "a" %} starts each, {% endtabs %} ends it.
// Written as GitBook's tabs (t51: an unknown block and empty boxes).
type pluginTabs struct {
	titles map[string]string
	open   bool // a {% tab %} is open
	inner  int  // GitBook's own {% tabs %} open in it, whose {% endtabs %} are theirs (t94)
}

var pluginTabAttrRE = regexp.MustCompile(`([A-Za-z_][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')`)
var pluginContentRE = regexp.MustCompile(`^\s*content\s+(?:"([^"]*)"|'([^']*)')\s*$`)

// pluginTab rewrites the tags of gitbook-plugin-tabs, alone on their
// lines, as GitBook's: it reports false for any other tag. cont is what
// a line of the list item or quote the tag stands in starts with: the
// end of a tab it adds goes on a line of its own there (t93: the next tab
// left the list).
func (s *lineScan) pluginTab(name, inside, cont string) (string, bool) {
	e := s.e
	switch {
	case name == "tabs" && e.tabs != nil && !strings.Contains(inside, "="):
		e.tabs.inner++
	case name == "endtabs" && e.tabs != nil && e.tabs.inner > 0:
		e.tabs.inner--
	case name == "tabs" && e.tabs == nil && strings.Contains(inside, "="):
		t := &pluginTabs{titles: map[string]string{}}
		for _, m := range pluginTabAttrRE.FindAllStringSubmatch(inside, -1) {
			t.titles[m[1]] = m[2] + m[3] // in either quotes, as Nunjucks reads them (t93)
		}
		if len(t.titles) == 0 {
			return "", false
		}
		e.tabs = t
		return "{% tabs %}", true
	case name == "content" && e.tabs != nil:
		m := pluginContentRE.FindStringSubmatch(inside)
		if m == nil {
			return "", false
		}
		key := m[1] + m[2]
		title := cmp.Or(e.tabs.titles[key], key)
		out := `{% tab title="` + strings.ReplaceAll(title, `"`, "&quot;") + `" %}`
		if e.tabs.open {
			out = "{% endtab %}\n" + cont + out
		}
		e.tabs.open = true
		return out, true
	case name == "endtabs" && e.tabs != nil:
		out := "{% endtabs %}"
		if e.tabs.open {
			out = "{% endtab %}\n" + cont + out
		}
		e.tabs = nil
		return out, true
	}
	return "", false
}

// youtubeRE is the rest of a gitbook-plugin-youtube line: an address
// without quotes or blanks, or a video's id (t93), then {% endyoutube %}.
var youtubeRE = regexp.MustCompile(`^\s*(https?://[^\s"'<>{}]+|[A-Za-z0-9_-]{11})\s*\{%-?\s*endyoutube\s*-?%\}\s*$`)

// pdfSrcRE reads the file of gitbook-plugin-embed-pdf's {% pdf %} tag,
// in double or single quotes; pdfEndRE, its end tag right after it.
var (
	pdfSrcRE = regexp.MustCompile(`\bsrc\s*=\s*(?:"([^"]+)"|'([^']+)')`)
	pdfEndRE = regexp.MustCompile(`^\s*\{%-?\s*endpdf\s*-?%\}\s*$`)
)

// inlineMathRE is the rest of a line after {% math %} or {% katex %}
// that closes it: the TeX (without $), then the end tag.
var inlineMathRE = map[string]*regexp.Regexp{
	"math":  regexp.MustCompile(`^([^$]*?)\{%-?\s*endmath\s*-?%\}`),
	"katex": regexp.MustCompile(`^([^$]*?)\{%-?\s*endkatex\s*-?%\}`),
}

// pluginEndRE are the end tags of pluginMarkdown's blocks.
var (
	pluginEndRE = map[string]*regexp.Regexp{}
)

// pluginOpenRE are the start tags of pluginMarkdown's blocks.
var pluginOpenRE = map[string]*regexp.Regexp{}

func init() {
	for name := range pluginMarkdown {
		if !strings.HasPrefix(name, "end") {
			pluginOpenRE[name], pluginEndRE[name] = blockTagRE(name), blockTagRE("end"+name)
		}
	}
}

// pluginBody reads the lines below a plugin block's start tag, name, up
// to its end tag alone on its line: found when one closes it before
// another start of the same block, and outside code fences, which HonKit
// leaves as written (t55: an end tag shown in code below closed it, and
// the fence took the rest of the page again). blank reports a blank line
// between them, in a quote or list item too.
func (s *lineScan) pluginBody(name string) (blank bool, st spanState) {
	ctx := s.e.ctx
	if ctx == nil || s.nested || ctx.i >= len(ctx.lines) || strings.TrimSuffix(ctx.lines[ctx.i], "\n") != s.line {
		return false, spanNone
	}
	alone := func(re *regexp.Regexp, text string) bool {
		loc := re.FindStringIndex(text)
		return loc != nil && loc[0] == 0 && loc[1] == len(text)
	}
	var open fence
	for k := ctx.i + 1; k < len(ctx.lines); k++ {
		line := ctx.lines[k]
		body := strings.TrimSpace(line[len(containerLead.FindString(line)):])
		if f := fenceOf(line); f.ch != 0 {
			switch {
			case open.ch == 0:
				open = f
			case f.ch == open.ch && f.n >= open.n && strings.TrimSpace(f.info) == "":
				open = fence{}
			}
		}
		switch {
		case open.ch != 0:
		case alone(pluginEndRE[name], body):
			return blank, spanFound
		case alone(pluginOpenRE[name], body):
			return false, spanUnclosed
		case body == "":
			blank = true
		}
	}
	return false, spanUnclosed
}

// pluginMarkdown is the Markdown of the block tags of HonKit plugins whose
// work folio does itself (content.pluginsDone), alone on their lines:
// katex's and mathjax's {% math %} (whose shortcut is $$), katex forks'
// {% katex %}, and mermaid-gb3's {% mermaid %} (t51: grey boxes). The
// diagrams folio does not draw (PlantUML, Graphviz, charts) are their
// source, as code: read as Markdown, a mind map was a list and a class a
// heading (t93).
var pluginMarkdown = map[string]string{
	"math": "$$", "endmath": "$$", "katex": "$$", "endkatex": "$$",
	"mermaid": "```mermaid", "endmermaid": "```",
	"uml": "```plantuml", "enduml": "```", "plantuml": "```plantuml", "endplantuml": "```", "puml": "```plantuml", "endpuml": "```",
	"dot": "```dot", "enddot": "```", "graphviz": "```dot", "endgraphviz": "```",
	"chart": "```json", "endchart": "```",
}
