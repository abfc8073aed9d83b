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
}

var pluginTabAttrRE = regexp.MustCompile(`([A-Za-z_][\w-]*)\s*=\s*"([^"]*)"`)
var pluginContentRE = regexp.MustCompile(`^\s*content\s+(?:"([^"]*)"|'([^']*)')\s*$`)

// pluginTab rewrites the tags of gitbook-plugin-tabs, alone on their
// lines, as GitBook's: it reports false for any other tag.
func (s *lineScan) pluginTab(name, inside string) (string, bool) {
	e := s.e
	switch {
	case name == "tabs" && e.tabs == nil && strings.Contains(inside, "="):
		t := &pluginTabs{titles: map[string]string{}}
		for _, m := range pluginTabAttrRE.FindAllStringSubmatch(inside, -1) {
			t.titles[m[1]] = m[2]
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
			out = "{% endtab %}\n" + out
		}
		e.tabs.open = true
		return out, true
	case name == "endtabs" && e.tabs != nil:
		out := "{% endtabs %}"
		if e.tabs.open {
			out = "{% endtab %}\n" + out
		}
		e.tabs = nil
		return out, true
	}
	return "", false
}

// youtubeRE is the rest of a gitbook-plugin-youtube line: an address
// without quotes or blanks, then {% endyoutube %}.
var youtubeRE = regexp.MustCompile(`^\s*(https?://[^\s"'<>{}]+)\s*\{%-?\s*endyoutube\s*-?%\}\s*$`)

// inlineMathRE is the rest of a line after {% math %} or {% katex %}
// that closes it: the TeX (without $), then the end tag.
var inlineMathRE = map[string]*regexp.Regexp{
	"math":  regexp.MustCompile(`^([^$]*?)\{%-?\s*endmath\s*-?%\}`),
	"katex": regexp.MustCompile(`^([^$]*?)\{%-?\s*endkatex\s*-?%\}`),
}

// pluginEndRE are the end tags of pluginMarkdown's blocks; blankLineRE
// finds a blank line in a text over lines.
var (
	pluginEndRE = map[string]*regexp.Regexp{
		"math":    regexp.MustCompile(`\{%-?\s*endmath\s*-?%\}`),
		"katex":   regexp.MustCompile(`\{%-?\s*endkatex\s*-?%\}`),
		"mermaid": regexp.MustCompile(`\{%-?\s*endmermaid\s*-?%\}`),
	}
	blankLineRE = regexp.MustCompile(`\n[ \t]*\r?\n`)
)

// pluginMarkdown is the Markdown of the block tags of HonKit plugins whose
// work folio does itself (content.pluginsDone), alone on their lines:
// katex's and mathjax's {% math %} (whose shortcut is $$), katex forks'
// {% katex %}, and mermaid-gb3's {% mermaid %} (t51: grey boxes).
var pluginMarkdown = map[string]string{
	"math": "$$", "endmath": "$$", "katex": "$$", "endkatex": "$$",
	"mermaid": "```mermaid", "endmermaid": "```",
}
