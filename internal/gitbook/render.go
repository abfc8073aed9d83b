package gitbook

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"folio/internal/shortcode"
)

// hintLabels maps the hint styles to the keys of their accessible names.
var hintLabels = map[string]string{
	"info": "hint_info", "success": "hint_success", "warning": "hint_warning", "danger": "hint_danger",
}

// english are the words blocks print for readers, by the key of the
// theme string that gives them in another language. The renderer fills in
// {host}, the site of an embed, and {n}, the number of a tab (which
// Localise writes in the language's digits).
var english = map[string]string{
	"hint_info":         "Info",
	"hint_success":      "Success",
	"hint_warning":      "Warning",
	"hint_danger":       "Danger",
	"alert_note":        "Note",
	"alert_tip":         "Tip",
	"alert_important":   "Important",
	"alert_warning":     "Warning",
	"alert_caution":     "Caution",
	"alert_attention":   "Attention",
	"conditional_else":  "Otherwise",
	"conditional_elif":  "Alternatively",
	"show_more":         "Show more",
	"embed_load_from":   "Load content from {host}",
	"tab_untitled":      "Tab {n}",
	"mermaid_diagram":   "Mermaid diagram",
	"copy":              "Copy",
	"api_copy_url":      "Copy URL",
	"api_operation":     "Operation",
	"api_params":        "Parameters",
	"api_path_params":   "Path parameters",
	"api_query_params":  "Query parameters",
	"api_header_params": "Header parameters",
	"api_cookie_params": "Cookie parameters",
	"api_body":          "Body",
	"api_form_data":     "Form data",
	"api_responses":     "Responses",
	"api_required":      "required",
}

// blockWords lists, by tag name, the keys of the words a block prints.
// An inline API operation holds those of its sections, which are not
// blocks of their own.
var blockWords = map[string][]string{
	"hint": {"hint_info", "hint_success", "hint_warning", "hint_danger", // the one of its style or alert kind
		"alert_note", "alert_tip", "alert_important", "alert_warning", "alert_caution", "alert_attention"},
	"else":                 {"conditional_else"},
	"elif":                 {"conditional_elif"},
	"elsif":                {"conditional_elif"},
	"elseif":               {"conditional_elif"},
	"prompt":               {"show_more"},
	"embed":                {"embed_load_from"},
	"tab":                  {"tab_untitled"},
	"code-tabs-item":       {"tab_untitled"},
	"@mermaid/diagram":     {"mermaid_diagram"},
	"swagger":              opWords,
	"api-method":           opWords,
	"swagger-parameter":    {"api_required"},
	"api-method-parameter": {"api_required"},
}

var opWords = []string{"copy", "api_copy_url", "api_operation", "api_params", "api_path_params", "api_query_params",
	"api_header_params", "api_cookie_params", "api_body", "api_form_data", "api_responses"}

// HasWords reports whether a block of this tag name prints words for
// readers, which Localise gives in the page's language.
func HasWords(name string) bool { return blockWords[name] != nil }

// Localise gives the block the words it prints in the page's language:
// words are the theme's strings of that language, by key. A key words
// lacks, or leaves empty, keeps its English. The words are kept as
// `_word.`-prefixed attributes, which the renderer reads.
func (b *Block) Localise(words map[string]string) {
	keys := blockWords[b.Tag.Name]
	switch {
	case b.Tag.Name == "hint":
		keys = []string{b.labelKey(cmp.Or(hintStyle(b.Tag.get("style")), "info"))}
	case b.Tag.Name == "swagger" && b.api != apiOp:
		return // a spec's operation: the build renders it, in the page's language
	case isTab(b.Tag.Name) && strings.TrimSpace(b.Tag.get("title")) != "":
		return // its title is its author's
	}
	for _, k := range keys {
		v := words[k]
		if k == "tab_untitled" && strings.Contains(v, "{n}") {
			// The number in the language's digits, as its dates are.
			v = strings.ReplaceAll(v, "{n}", digits(strconv.Itoa(max(b.seq, 1)), words["digits"]))
		}
		if v != "" {
			b.Tag.Set("_word."+k, v)
		}
	}
}

// Digits writes the ASCII digits of n with ten, the ten digits of a
// language from 0 to 9 (the theme's digits string), as Localise writes a
// tab's number: n as it is unless ten holds ten.
func Digits(n, ten string) string { return digits(n, ten) }

// digits writes the ASCII digits of n with the ten of a language, 0 to 9
// (n as it is unless there are ten).
func digits(n, ten string) string {
	d := []rune(ten)
	if len(d) != 10 {
		return n
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return d[r-'0']
		}
		return r
	}, n)
}

// word returns what a block prints for key: the page's language's word
// that Localise gave it, or the English.
func (t *Tag) word(key string) string {
	if v := t.get("_word." + key); v != "" {
		return v
	}
	return english[key]
}

// hintAliases are the other styles of gitbook-plugin-hints, which HonKit
// books use, by the style GitBook shows them as.
var hintAliases = map[string]string{"tip": "success", "working": "info"}

// hintStyle is the style a hint is shown in, "" for an unknown one.
func hintStyle(s string) string {
	if a, ok := hintAliases[s]; ok {
		return a
	}
	if hintLabels[s] == "" {
		return ""
	}
	return s
}

type nodeRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindBlock, renderBlock)
	reg.Register(KindLabel, renderLabel)
	reg.Register(kindAPIPart, renderAPIPart)
}

var attrEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&#39;")

// esc escapes s for text content and double-quoted attribute values.
func esc(s string) string { return attrEscaper.Replace(s) }

// safeURL returns u percent-encoded and escaped for an attribute, or false
// for a script-capable scheme. The resolver drops those too; this is the
// second line of defence.
func safeURL(u string) (string, bool) {
	u = strings.TrimSpace(u)
	check := strings.Map(func(r rune) rune {
		if r < 0x20 {
			return -1 // browsers ignore tabs and newlines inside a scheme
		}
		return r
	}, u)
	if html.IsDangerousURL([]byte(check)) {
		return "", false
	}
	return esc(string(util.URLEscape([]byte(u), false))), true
}

// writeURLAttr writes ` name="u"` when u is safe to link to.
func writeURLAttr(w io.Writer, name, u string) {
	if v, ok := safeURL(u); ok && u != "" {
		fmt.Fprintf(w, ` %s="%s"`, name, v)
	}
}

func writeIcon(w util.BufWriter, t *Tag) {
	if icon, ok := t.Get("icon"); ok && icon != "" {
		fmt.Fprintf(w, ` data-icon="%s"`, esc(icon))
	}
}

func renderBlock(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	b := node.(*Block)
	if !entering && b.RawClosers != "" {
		_, _ = w.WriteString(b.RawClosers)
	}
	t := &b.Tag
	name := t.Name
	switch b.api {
	case apiOp:
		return renderOp(w, b, entering), nil
	case apiField:
		renderField(w, b, entering)
		return ast.WalkContinue, nil
	case apiResponse:
		renderResponse(w, b, entering)
		return ast.WalkContinue, nil
	}
	switch {
	case name == "code-tabs":
		name = "tabs"
	case name == "code-tabs-item":
		name = "tab"
	case strings.HasPrefix(name, "swagger-"):
		name = "swagger-part"
	case name == "openapi" || name == "openapi-operation" || name == "openapi-schemas" || name == "openapi-webhook" || name == "swagger":
		name = "api"
	case name == "page-ref":
		name = "content-ref"
	case strings.HasPrefix(name, "@") && name != "@mermaid/diagram":
		name = "@"
	case isBranch(name):
		name = "branch"
	case tagKind(name) == kindUnknown:
		name = "unknown"
	}
	switch name {
	case "hint":
		renderHint(w, b, entering)
	case "tabs":
		renderTabs(w, b, entering)
	case "tab":
		renderTab(w, b, entering)
	case "code":
		renderCode(w, b, entering)
	case "embed":
		renderEmbed(w, b, entering)
	case "file":
		renderFile(w, b, entering)
	case "content-ref":
		return renderContentRef(w, b, entering), nil
	case "stepper":
		wrap(w, entering, `<ol class="stepper">`, `</ol>`)
	case "step":
		if p, ok := b.Parent().(*Block); ok && p.Tag.Name == "stepper" {
			wrap(w, entering, `<li class="step">`, `</li>`)
		} else {
			wrap(w, entering, `<div class="step">`, `</div>`)
		}
	case "columns":
		wrap(w, entering, `<div class="columns">`, `</div>`)
	case "column":
		open := `<div class="column">`
		if pct, ok := percent(t.get("width")); ok {
			open = `<div class="column" style="flex-basis:` + pct + `%">`
		}
		wrap(w, entering, open, `</div>`)
	case "updates":
		wrap(w, entering, `<div class="updates">`, `</div>`)
	case "update":
		renderUpdate(w, b, entering)
	case "prompt":
		renderPrompt(w, t, entering)
	case "if":
		wrap(w, entering, `<div class="conditional" data-condition="`+esc(t.positional())+`">`, `</div>`)
	case "branch":
		// An else has no condition of its own: its class says it is the
		// alternative to the branches before it, and its label says so to
		// the reader, who sees every branch. An elif's label says it is
		// another alternative: its condition is for machines (the reader
		// sees it in none of the other branches either).
		open := `<div class="conditional conditional-else">` + "\n" +
			`<p class="conditional-label">` + esc(t.word("conditional_else")) + `</p>`
		if t.Name != "else" {
			open = `<div class="conditional conditional-elif" data-condition="` + esc(t.positional()) + `">` + "\n" +
				`<p class="conditional-label">` + esc(t.word("conditional_elif")) + `</p>`
		}
		wrap(w, entering, open, `</div>`)
	case "raw":
	case "api":
		if b.APIHTML != nil {
			if entering {
				_, _ = w.Write(b.APIHTML)
				_ = w.WriteByte('\n')
			}
			return ast.WalkSkipChildren, nil
		}
		renderAPI(w, b, entering)
	case "swagger-part":
		open := `<div class="api-` + strings.TrimPrefix(t.Name, "swagger-") + `"`
		for _, a := range t.Attrs {
			if k := dataKey(a.Key); k != "" {
				open += ` data-` + k + `="` + esc(a.Val) + `"`
			}
		}
		wrap(w, entering, open+`>`, `</div>`)
	case "include":
		if entering {
			src := t.positional()
			if src == "" {
				src = t.get("src")
			}
			fmt.Fprintf(w, "<div class=\"gitbook-include\" data-src=\"%s\"></div>\n", esc(src))
		}
	case "@mermaid/diagram":
		if entering {
			content := strings.ReplaceAll(t.get("content"), `\n`, "\n")
			fmt.Fprintf(w, "<figure class=\"diagram diagram-mermaid\"><figcaption class=\"diagram-label\">%s</figcaption><pre class=\"mermaid language-mermaid\" tabindex=\"0\"><code>%s</code></pre></figure>\n", esc(t.word("mermaid_diagram")), esc(content))
		}
	case "@":
		if entering {
			integ := strings.TrimPrefix(t.Name, "@")
			fmt.Fprintf(w, `<div class="integration" data-integration="%s"><span class="integration-name">%s</span>`, esc(integ), esc(integ))
			if u := t.get("url"); u != "" {
				_, _ = w.WriteString(` <a class="integration-link"`)
				writeURLAttr(w, "href", u)
				fmt.Fprintf(w, `>%s</a>`, esc(u))
			}
			_, _ = w.WriteString("</div>\n")
		}
	default:
		if node.HasChildren() { // a tag alone, holding nothing, leaves no empty box
			wrap(w, entering, `<div class="gitbook-unknown" data-tag="`+esc(t.Name)+`">`, `</div>`)
		}
	}
	return ast.WalkContinue, nil
}

func wrap(w util.BufWriter, entering bool, open, close string) {
	if entering {
		_, _ = w.WriteString(open)
	} else {
		_, _ = w.WriteString(close)
	}
	_ = w.WriteByte('\n')
}

// dataKey turns an attribute key into a safe data-* name.
func dataKey(k string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(k) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// percent validates a column width ("50%", "50", "33.3", and
// "66.66666666666666%" as GitBook writes twelfths) and returns the number
// without the sign, to four decimals at most.
func percent(s string) (string, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	if s == "" || len(s) > 24 {
		return "", false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		case c < '0' || c > '9':
			return "", false
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v <= 0 || v > 100 {
		return "", false
	}
	return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64), true
}

func renderHint(w util.BufWriter, b *Block, entering bool) {
	if !entering {
		_, _ = w.WriteString("</div>\n</div>\n")
		return
	}
	style := hintStyle(b.Tag.get("style"))
	if style == "" {
		style = "info"
	}
	l, hasTitle := b.FirstChild().(*Label)
	hasTitle = hasTitle && l.Role == "hint-title"
	// An alert without a title of its own is titled with its kind's
	// word, as GitHub titles it.
	wordTitle := !hasTitle && b.Tag.get("_alert.title") == "word"
	class := "hint hint-" + style
	if kind := b.Tag.get("_alert"); kind != "" {
		class += " alert-" + kind
	}
	if hasTitle || wordTitle {
		class += " hint-has-title"
	}
	icon := b.Tag.get("icon")
	if icon != "" {
		class += " hint-has-icon"
	}
	label := esc(cmp.Or(b.Tag.get("_alert.name"), b.Tag.word(b.labelKey(style))))
	fmt.Fprintf(w, `<div class="%s" role="note" aria-label="%s"`, class, label)
	writeIcon(w, &b.Tag)
	_, _ = w.WriteString(">\n")
	if icon != "" {
		// The author's icon replaces the style's; it is decoration, the
		// role and label above already say what the hint is.
		_, _ = w.WriteString(`<span class="hint-icon" aria-hidden="true">` + IconSVG(icon) + "</span>\n")
	}
	if wordTitle {
		_, _ = w.WriteString(`<p class="hint-title">` + label + "</p>\n")
	}
	if !hasTitle {
		_, _ = w.WriteString("<div class=\"hint-body\">\n")
	}
}

// tabTitle returns a tab's title and the key that folio.js selects it by
// in every tab set of the site, as GitBook syncs tabs of the same title.
// The key is the title as a reader sees it (white space collapsed): a slug
// would give "C", "C#" and "C++" one key, and a click on one would select
// another.
func tabTitle(b *Block) (title, key string) {
	title = b.Tag.get("title")
	if t, n := shortcode.Replace([]byte(title)); n > 0 {
		title = string(t) // "Node :rocket:", as headings and SUMMARY.md's labels show it (t61)
	}
	if strings.TrimSpace(title) == "" {
		title = strings.ReplaceAll(b.Tag.word("tab_untitled"), "{n}", strconv.Itoa(max(b.seq, 1)))
	}
	return title, strings.Join(strings.Fields(title), " ")
}

func renderTabs(w util.BufWriter, b *Block, entering bool) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return
	}
	_, _ = w.WriteString("<div class=\"tabs\">\n<div class=\"tabs-list\" role=\"tablist\">\n")
	for c := b.FirstChild(); c != nil; c = c.NextSibling() {
		tb, ok := c.(*Block)
		if !ok || !isTab(tb.Tag.Name) {
			continue
		}
		title, key := tabTitle(tb)
		selected, tabindex := "false", "-1"
		if tb.seq == 1 {
			selected, tabindex = "true", "0"
		}
		fmt.Fprintf(w, `<button type="button" role="tab" id="tabs-%d-tab-%d" aria-controls="tabs-%d-panel-%d" aria-selected="%s" tabindex="%s" data-tab-key="%s"`,
			b.seq, tb.seq, b.seq, tb.seq, selected, tabindex, esc(key))
		writeIcon(w, &tb.Tag)
		_, _ = w.WriteString(">")
		if icon := tb.Tag.get("icon"); icon != "" {
			_, _ = w.WriteString(`<span class="tab-icon" aria-hidden="true">` + IconSVG(icon) + `</span> `)
		}
		fmt.Fprintf(w, "%s</button>\n", esc(title))
	}
	_, _ = w.WriteString("</div>\n")
}

func renderTab(w util.BufWriter, b *Block, entering bool) {
	if !entering {
		_, _ = w.WriteString("</section>\n")
		return
	}
	title, key := tabTitle(b)
	if b.parent > 0 {
		fmt.Fprintf(w, `<section class="tab-panel" role="tabpanel" id="tabs-%d-panel-%d" aria-labelledby="tabs-%d-tab-%d" data-tab-key="%s" tabindex="0">`,
			b.parent, b.seq, b.parent, b.seq, esc(key))
	} else {
		fmt.Fprintf(w, `<section class="tab-panel" data-tab-key="%s">`, esc(key))
	}
	fmt.Fprintf(w, "<p class=\"tab-panel-title\">%s</p>\n", esc(title))
}

func renderCode(w util.BufWriter, b *Block, entering bool) {
	if !entering {
		if b.Tag.get("expandable") == "true" {
			// Opens the rest of the code, as the prompt's does (t98).
			fmt.Fprintf(w, `<details class="code-more"><summary>%s</summary></details>`, esc(b.Tag.word("show_more")))
		}
		_, _ = w.WriteString("</div>\n")
		return
	}
	t := &b.Tag
	class := "code-block"
	if t.get("overflow") == "wrap" {
		class += " code-wrap"
	}
	for _, f := range [...]struct{ key, class string }{
		{"lineNumbers", "code-line-numbers"}, {"expandable", "code-expandable"}, {"fullWidth", "code-full-width"},
	} {
		if t.get(f.key) == "true" {
			class += " " + f.class
		}
	}
	title := t.get("title")
	fmt.Fprintf(w, `<div class="%s"`, class)
	if title != "" {
		fmt.Fprintf(w, ` data-title="%s"><p class="code-title">%s</p>`, esc(title), esc(title))
	} else {
		_, _ = w.WriteString(">")
	}
	_ = w.WriteByte('\n')
}

var (
	videoExts = map[string]bool{".mp4": true, ".webm": true, ".ogv": true, ".mov": true}
	audioExts = map[string]bool{".mp3": true, ".ogg": true, ".wav": true, ".m4a": true}
)

// mediaKind returns "video" or "audio" for a direct media URL.
func mediaKind(t *Tag, u string) string {
	if m := t.get("_media"); m == "video" || m == "audio" {
		return m
	}
	p := u
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	ext := strings.ToLower(path.Ext(p))
	switch {
	case videoExts[ext]:
		return "video"
	case audioExts[ext]:
		return "audio"
	}
	return ""
}

// nothing reports whether the block b names nothing in attr, and has no
// caption either: nothing to show.
func nothing(b *Block, attr string) bool {
	return strings.TrimSpace(b.Tag.get(attr)) == "" && b.Tag.get("_broken") == "" && !b.HasChildren()
}

func renderEmbed(w util.BufWriter, b *Block, entering bool) {
	if nothing(b, "url") {
		return // reported (block-malformed): an empty box would tell a reader nothing
	}
	if !entering {
		_, _ = w.WriteString("</figure>\n")
		return
	}
	t := &b.Tag
	raw := t.get("url")
	if broken := t.get("_broken"); raw == "" && broken != "" {
		fmt.Fprintf(w, `<figure class="embed embed-card"><span class="embed-link broken-link" title="%s"><span class="embed-url">%s</span></span>`,
			esc(broken), esc(t.get("_was.url")))
		return
	}
	if strings.TrimSpace(raw) == "" {
		_, _ = w.WriteString(`<figure class="embed">`) // its caption alone: nothing to embed
		return
	}
	if m := mediaKind(t, raw); m != "" {
		if src, ok := safeURL(raw); ok && raw != "" {
			// A file of another site is fetched when the reader plays it,
			// not as the page opens, as other sites' players wait for a
			// click; the site's own shows its length at once. The link
			// is for browsers that play neither.
			preload, name := "metadata", lastSegment(strings.TrimSpace(raw))
			if u, err := url.Parse(strings.TrimSpace(raw)); err == nil && u.Host != "" {
				preload = "none"
			}
			fmt.Fprintf(w, `<figure class="embed embed-media"><%s controls preload="%s" src="%s"><a href="%s">%s</a></%s>`,
				m, preload, src, src, esc(name), m)
			return
		}
	}
	u, _ := url.Parse(strings.TrimSpace(raw))
	host := t.get("_host")
	player := ""
	if u != nil {
		if host == "" {
			host = strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
		player = playerURL(u)
	}
	_, _ = w.WriteString(`<figure class="embed embed-card"`)
	if player != "" {
		fmt.Fprintf(w, ` data-embed-src="%s"`, esc(player))
	}
	_, _ = w.WriteString(`><a class="embed-link"`)
	writeURLAttr(w, "href", raw)
	_, _ = w.WriteString(">")
	if host != "" {
		fmt.Fprintf(w, `<span class="embed-host">%s</span> `, esc(host))
	}
	fmt.Fprintf(w, `<span class="embed-url">%s</span></a>`, esc(raw))
	if player != "" {
		fmt.Fprintf(w, `<button type="button" class="embed-load" hidden>%s</button>`, esc(strings.ReplaceAll(t.word("embed_load_from"), "{host}", host)))
	}
}

// playerURL returns the privacy-friendly player address of a known
// third-party embed, or "" for anything else. IDs are validated so the
// result never carries input the theme would load blindly.
func playerURL(u *url.URL) string {
	if u.Scheme != "https" && u.Scheme != "http" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	seg := strings.Split(strings.Trim(u.EscapedPath(), "/"), "/")
	at := func(i int) string {
		if i < len(seg) {
			return seg[i]
		}
		return ""
	}
	switch host {
	case "youtube.com", "m.youtube.com", "youtube-nocookie.com":
		id := ""
		switch at(0) {
		case "watch":
			id = u.Query().Get("v")
		case "embed", "shorts", "live":
			id = at(1)
		}
		if isID(id) {
			return "https://www.youtube-nocookie.com/embed/" + id + youtubeStart(u)
		}
	case "youtu.be":
		if isID(at(0)) {
			return "https://www.youtube-nocookie.com/embed/" + at(0) + youtubeStart(u)
		}
	case "vimeo.com":
		if id := at(0); id != "" && strings.Trim(id, "0123456789") == "" {
			return "https://player.vimeo.com/video/" + id
		}
	case "loom.com":
		if at(0) == "share" && isID(at(1)) {
			return "https://www.loom.com/embed/" + at(1)
		}
	case "figma.com":
		switch at(0) {
		case "file", "design", "proto", "board":
			return "https://www.figma.com/embed?embed_host=share&url=" + url.QueryEscape(u.String())
		}
	case "open.spotify.com":
		switch at(0) {
		case "track", "album", "playlist", "episode", "show", "artist":
			if isID(at(1)) {
				return "https://open.spotify.com/embed/" + at(0) + "/" + at(1)
			}
		}
	case "codepen.io":
		if at(1) == "pen" && isID(at(0)) && isID(at(2)) {
			return "https://codepen.io/" + at(0) + "/embed/" + at(2) + "?default-tab=result"
		}
	}
	return ""
}

// youtubeStart is the player's start time, "?start=90", of a link that
// starts a video later: t=90, t=90s, t=1m30s, t=90.5 or start=90, in
// the query or the fragment (#t=2m); "" for none.
func youtubeStart(u *url.URL) string {
	q := u.Query()
	t := cmp.Or(q.Get("t"), q.Get("start"))
	if t == "" {
		if f, err := url.ParseQuery(u.Fragment); err == nil {
			t = f.Get("t")
		}
	}
	t, _, _ = strings.Cut(t, ".") // a second's fraction: the player starts at whole seconds
	secs, n := 0, 0
	for _, c := range t {
		switch {
		case c >= '0' && c <= '9':
			if n = n*10 + int(c-'0'); n > 1e6 {
				return "" // no video is that long
			}
		case c == 'h':
			secs, n = secs+n*3600, 0
		case c == 'm':
			secs, n = secs+n*60, 0
		case c == 's':
			secs, n = secs+n, 0
		default:
			return ""
		}
	}
	if secs += n; secs <= 0 {
		return ""
	}
	return "?start=" + strconv.Itoa(secs)
}

func isID(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// lastSegment returns the display name of a path or URL: its last segment,
// percent-decoded, and of that the part after a slash it encoded
// (GitBook's hosted files hold their folders in one segment:
// …/o/spaces%2FX%2Fuploads%2Fclip.mp4?alt=media is clip.mp4).
func lastSegment(u string) string {
	p := u
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	p = strings.TrimRight(p, "/")
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		p = p[i+1:]
	}
	if d, err := url.PathUnescape(p); err == nil {
		p = d
	}
	if i := strings.LastIndexByte(p, '/'); i >= 0 && i < len(p)-1 {
		p = p[i+1:]
	}
	if p == "" || p == "." || p == ".." {
		return u
	}
	return p
}

func renderFile(w util.BufWriter, b *Block, entering bool) {
	if nothing(b, "src") {
		return // reported (block-malformed)
	}
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return
	}
	t := &b.Tag
	src := t.get("src")
	broken := t.get("_broken")
	if broken != "" && src == "" {
		src = t.get("_was.src") // shown as written, not linked
	} else {
		broken = ""
	}
	if strings.TrimSpace(src) == "" {
		_, _ = w.WriteString(`<div class="file-card">`) // its caption alone: no file
		return
	}
	name := cmp.Or(t.get("_name"), lastSegment(src))
	ext := dataKey(strings.TrimPrefix(path.Ext(lastSegment(src)), "."))
	end := "</a>"
	if broken != "" {
		fmt.Fprintf(w, `<div class="file-card"><span class="file-link broken-link" title="%s">`, esc(broken))
		end = "</span>"
	} else {
		_, _ = w.WriteString(`<div class="file-card"><a class="file-link"`)
		writeURLAttr(w, "href", src)
		_, _ = w.WriteString(" download>")
	}
	fmt.Fprintf(w, `<span class="file-icon" data-ext="%s" aria-hidden="true"></span><span class="file-name">%s</span>`, ext, esc(name))
	if size := t.get("_size"); size != "" && broken == "" {
		fmt.Fprintf(w, `<span class="file-size">%s</span>`, esc(size))
	}
	_, _ = w.WriteString(end)
}

func renderContentRef(w util.BufWriter, b *Block, entering bool) ast.WalkStatus {
	t := &b.Tag
	attr := "url"
	if t.Name == "page-ref" {
		attr = "page"
	}
	title := t.get("_title")
	if title == "" && b.HasChildren() {
		wrap(w, entering, `<div class="content-ref">`, `</div>`)
		return ast.WalkContinue
	}
	if !entering {
		return ast.WalkContinue
	}
	u := t.get(attr)
	if broken := t.get("_broken"); u == "" && broken != "" {
		if title == "" {
			title = lastSegment(t.get("_was." + attr))
		}
		fmt.Fprintf(w, `<span class="content-ref broken-link" title="%s"><span class="content-ref-title">%s</span></span>`+"\n", esc(broken), esc(title))
		return ast.WalkSkipChildren
	}
	if title == "" {
		title = lastSegment(u)
	}
	// _lang: the resolved title's language, when not the page's (a
	// fallback copy's title on a translated page), and _dir its direction.
	pageCard(w, u, title, t.get("_desc"), t.get("_icon"), t.get("_lang"), t.get("_dir"))
	return ast.WalkSkipChildren
}

// PageCard writes the card {% content-ref %} shows for a page: a link to
// href, with the page's icon, title and description. lang, unless "", is
// the language of the words, when it is not the page's around the card.
func PageCard(w io.Writer, href, title, desc, icon, lang string) {
	pageCard(w, href, title, desc, icon, lang, "")
}

// pageCard is PageCard with dir, unless "", the writing direction of the
// title and description when it is not the page's either.
func pageCard(w io.Writer, href, title, desc, icon, lang, dir string) {
	if lang != "" {
		lang = ` lang="` + esc(lang) + `"`
		if dir != "" {
			lang += ` dir="` + esc(dir) + `"`
		}
	}
	_, _ = io.WriteString(w, `<a class="content-ref"`)
	writeURLAttr(w, "href", href)
	// The icon is the page's as its title shows it: beside words that
	// say what it means, hidden from screen readers.
	fmt.Fprintf(w, `><span class="content-ref-title"%s>%s%s</span>`, lang, DecorativeIconSVG(icon), esc(title))
	if desc != "" {
		fmt.Fprintf(w, `<span class="content-ref-desc"%s>%s</span>`, lang, esc(desc))
	}
	_, _ = io.WriteString(w, "</a>\n")
}

func renderUpdate(w util.BufWriter, b *Block, entering bool) {
	if !entering {
		_, _ = w.WriteString("</article>\n")
		return
	}
	t := &b.Tag
	_, _ = w.WriteString(`<article class="update"`)
	if b.anchor != "" {
		fmt.Fprintf(w, ` id="%s"`, esc(b.anchor))
	}
	_, _ = w.WriteString(">")
	var tags []string
	for _, tg := range strings.Split(t.get("tags"), ",") {
		if tg = strings.TrimSpace(tg); tg != "" {
			tags = append(tags, tg)
		}
	}
	// A date that is no date (2024-02-30) is shown as written (t90: the
	// entry lost it), but not as a <time>, which it is not.
	written := ""
	if b.anchor == "" {
		written = strings.TrimSpace(t.get("date"))
	}
	if b.anchor != "" || written != "" || len(tags) > 0 {
		_, _ = w.WriteString(`<p class="update-meta">`)
		if written != "" {
			fmt.Fprintf(w, `<span class="update-date">%s</span>`, esc(written))
		}
		if b.anchor != "" {
			// The build may give the date as the page's language writes it.
			d, shown := esc(t.get("date")), t.get("_date")
			if shown == "" {
				shown = t.get("date")
			}
			fmt.Fprintf(w, `<time datetime="%s">%s</time>`, d, esc(shown))
		}
		for _, tg := range tags {
			// The build may give a tag its label from .gitbook/tags.yaml.
			label := t.get("_label." + tg)
			if label == "" {
				label = tg
			}
			class := "update-tag"
			if c := t.get("_color." + tg); c != "" {
				class += " mark-bg-" + c // the theme's palette, in both schemes
			}
			icon := ""
			if name := t.get("_icon." + tg); name != "" {
				icon = DecorativeIconSVG(name) // its label says what it is
			}
			fmt.Fprintf(w, `<span class="%s" data-tag="%s">%s%s</span>`, class, esc(tg), icon, esc(label))
		}
		_, _ = w.WriteString("</p>")
	}
	_ = w.WriteByte('\n')
}

func renderAPI(w util.BufWriter, b *Block, entering bool) {
	if !entering {
		_, _ = w.WriteString("</div>\n")
		return
	}
	t := &b.Tag
	// The page's outline and links lead to it, by the operation's ID.
	_, _ = w.WriteString(`<div class="api-block api-block-missing"`)
	if b.APIID != "" {
		fmt.Fprintf(w, ` id="%s"`, esc(b.APIID))
	}
	_ = w.WriteByte('>')
	method := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, strings.ToLower(t.get("method")))
	p := t.get("path")
	if method != "" || p != "" {
		_, _ = w.WriteString(`<p class="api-op-line">`)
		if method != "" {
			fmt.Fprintf(w, `<span class="api-method api-method-%s">%s</span> `, method, strings.ToUpper(method))
		}
		fmt.Fprintf(w, `<code>%s</code></p>`, esc(p))
	}
	switch src := t.get("src"); {
	case b.FirstChild() != nil:
		// Its body shows the spec: GitBook writes a link to it there.
	case src != "":
		_, _ = w.WriteString(`<p class="api-spec"><a`)
		writeURLAttr(w, "href", src)
		fmt.Fprintf(w, `>%s</a></p>`, esc(lastSegment(src)))
	case t.get("spec") != "":
		fmt.Fprintf(w, `<p class="api-spec">%s</p>`, esc(t.get("spec")))
	}
	_ = w.WriteByte('\n')
}

func renderLabel(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	l := node.(*Label)
	parent := ""
	if p, ok := l.Parent().(*Block); ok {
		parent = p.Tag.Name
	}
	var open, close string
	switch {
	case l.Role == "api-title":
		if !entering {
			closeTitle(w, l.Parent().(*Block))
		}
		return ast.WalkContinue, nil
	case l.Role == "api-response-desc":
		open, close = `<span class="api-response-desc">`, "</span>"+responseHeadEnd(l.NextSibling() == nil)+"\n"
	case l.Role == "hint-title":
		open, close = `<p class="hint-title">`, "</p>\n<div class=\"hint-body\">\n"
		if id, ok := l.AttributeString("id"); ok {
			open = `<p class="hint-title" id="` + esc(string(id.([]byte))) + `">`
		}
	case parent == "file":
		open, close = `<div class="file-caption">`, "</div>"
	default:
		open, close = `<figcaption>`, "</figcaption>"
	}
	if entering {
		_, _ = w.WriteString(open)
	} else {
		_, _ = w.WriteString(close)
	}
	return ast.WalkContinue, nil
}

// renderPrompt draws a {% prompt %}: its title (description and icon), and
// for defaultExpanded="partial" a body cut to a few lines with a "Show
// more" <details> before it, which the theme reads with a sibling selector
// so that no script is needed. openInAIProviders would send the prompt to
// other sites: a static page leaves it out.
func renderPrompt(w util.BufWriter, t *Tag, entering bool) {
	expanded := t.get("defaultExpanded")
	if !entering {
		if expanded == "partial" {
			_, _ = w.WriteString("</div>")
		}
		wrap(w, false, "", `</div>`)
		return
	}
	class := "prompt"
	switch expanded {
	case "partial":
		class += " prompt-partial"
	case "full":
		class += " prompt-full"
	}
	open := `<div class="` + class + `">`
	d, icon := t.get("description"), t.get("icon")
	if d != "" || icon != "" {
		open += `<p class="prompt-title">`
		switch {
		case icon != "" && d != "":
			open += DecorativeIconSVG(icon) // the description says what it is (t52)
		case icon != "":
			open += IconSVG(icon)
		}
		open += esc(d) + `</p>`
	}
	if expanded == "partial" {
		open += `<details class="prompt-more"><summary>` + esc(t.word("show_more")) + `</summary></details><div class="prompt-body">`
	}
	wrap(w, true, open, "")
}
