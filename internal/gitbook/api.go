package gitbook

import (
	"fmt"
	"strings"

	"folio/internal/links"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Inline API operations: the legacy `{% swagger %}` without src (children
// swagger-description, swagger-parameter, swagger-response) and GitBook
// v2's `{% api-method %}` family. When the block closes, finishOp reshapes
// its children into the order of the API markup (the contract the theme
// styles): title, description, one section of fields per parameter
// location, the body, the responses. The renderer then only wraps each
// node as it walks the tree.

// apiRole is the place of a Block in an inline operation.
type apiRole uint8

const (
	apiNone     apiRole = iota
	apiOp               // the swagger or api-method block itself
	apiField            // a parameter, shown as a field
	apiResponse         // a response, shown as a <details>
)

// kindAPIPart is the node kind of [apiPart].
var kindAPIPart = ast.NewNodeKind("GitBookAPIPart")

// apiPart is a wrapper that finishOp adds around the children of an inline
// operation: its description, a section of parameters, the body and its
// media, the responses.
type apiPart struct {
	ast.BaseBlock
	role  string // "desc", "params", "body", "media" or "responses"
	label string // params: the section's title; media: its media type
}

// Kind implements ast.Node.
func (p *apiPart) Kind() ast.NodeKind { return kindAPIPart }

// Dump implements ast.Node.
func (p *apiPart) Dump(source []byte, level int) {
	ast.DumpHelper(p, source, level, map[string]string{"Role": p.role, "Label": p.label}, nil)
}

// apiFamily returns the operation tag a tag belongs to: "swagger" for
// swagger and its parts, "api-method" for api-method and its parts.
func apiFamily(name string) string {
	for _, op := range [...]string{"swagger", "api-method"} {
		if name == op || strings.HasPrefix(name, op+"-") {
			return op
		}
	}
	return ""
}

// paramGroups maps api-method's parameter containers to their location.
var paramGroups = map[string]string{
	"api-method-path-parameters":      "path",
	"api-method-query-parameters":     "query",
	"api-method-headers":              "header",
	"api-method-body-parameters":      "body",
	"api-method-form-data-parameters": "form",
}

// paramSections are the parameter sections in the order they are shown.
// The label is the key of their title's words.
var paramSections = [...]struct{ in, label string }{
	{"path", "api_path_params"},
	{"query", "api_query_params"},
	{"header", "api_header_params"},
	{"cookie", "api_cookie_params"},
	{"", "api_params"}, // an unknown or missing location
}

// paramIn normalizes a swagger-parameter's `in`.
func paramIn(in string) string {
	switch in = strings.ToLower(strings.TrimSpace(in)); in {
	case "path", "query", "header", "cookie", "body":
		return in
	case "headers":
		return "header"
	case "formdata", "form", "form-data":
		return "form"
	}
	return ""
}

// finishOp reshapes a closed inline operation. Wrapper tags (description,
// summary, spec, request, parameter lists) are dissolved; content that is
// in none of the known parts joins the description.
func finishOp(b *Block) {
	b.api = apiOp
	var title *Label
	desc := &apiPart{role: "desc"}
	params := map[string][]*Block{}
	var responses []*Block
	var walk func(n ast.Node, in string)
	walk = func(n ast.Node, in string) {
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			n.RemoveChild(n, c)
			cb, _ := c.(*Block)
			name := ""
			if cb != nil {
				name = cb.Tag.Name
			}
			switch {
			case name == "swagger-description" || name == "api-method-description":
				moveChildren(cb, desc)
			case name == "api-method-summary":
				if title == nil {
					title = takeLabel(cb, "api-title")
				}
				moveChildren(cb, desc)
			case name == "swagger-parameter":
				cb.api = apiField
				loc := paramIn(cb.Tag.get("in"))
				params[loc] = append(params[loc], cb)
			case name == "api-method-parameter":
				cb.api = apiField
				params[in] = append(params[in], cb)
			case paramGroups[name] != "":
				walk(cb, paramGroups[name])
			case name == "api-method-spec" || name == "api-method-request" || name == "api-method-response":
				walk(cb, in)
			case name == "swagger-response" || name == "api-method-response-example":
				cb.api = apiResponse
				finishResponse(cb)
				responses = append(responses, cb)
			default:
				desc.AppendChild(desc, c)
			}
			c = next
		}
	}
	walk(b, "")

	if title != nil {
		b.AppendChild(b, title)
	}
	if desc.HasChildren() {
		b.AppendChild(b, desc)
	}
	for _, s := range paramSections {
		if len(params[s.in]) > 0 {
			b.AppendChild(b, partOf("params", s.label, params[s.in]))
		}
	}
	if len(params["body"])+len(params["form"]) > 0 {
		body := &apiPart{role: "body"}
		if len(params["body"]) > 0 {
			body.AppendChild(body, partOf("media", "", params["body"]))
		}
		if len(params["form"]) > 0 {
			body.AppendChild(body, partOf("media", "api_form_data", params["form"]))
		}
		b.AppendChild(b, body)
	}
	if len(responses) > 0 {
		for _, r := range responses {
			if code, _ := responseStatus(r); statusClass(code) == "2xx" {
				r.open = true
				break
			}
		}
		b.AppendChild(b, partOf("responses", "", responses))
	}
}

// finishResponse turns api-method's response description into the
// response's summary: its first paragraph becomes the summary's text, the
// rest a description after it.
func finishResponse(r *Block) {
	for c := r.FirstChild(); c != nil; c = c.NextSibling() {
		d, ok := c.(*Block)
		if !ok || d.Tag.Name != "api-method-response-example-description" {
			continue
		}
		l := takeLabel(d, "api-response-desc")
		if d.HasChildren() {
			desc := &apiPart{role: "desc"}
			moveChildren(d, desc)
			r.ReplaceChild(r, d, desc)
		} else {
			r.RemoveChild(r, d)
		}
		if l != nil {
			r.InsertBefore(r, r.FirstChild(), l)
		}
		return
	}
}

// takeLabel removes the first child of b when it is a paragraph or a
// heading and returns its inline content as a Label with role, or nil.
func takeLabel(b *Block, role string) *Label {
	first := b.FirstChild()
	switch first.(type) {
	case *ast.Paragraph, *ast.Heading:
	default:
		return nil
	}
	if first.Lines().Len() == 0 {
		return nil
	}
	l := &Label{Role: role}
	l.SetLines(first.Lines())
	l.SetPos(first.Pos())
	b.RemoveChild(b, first)
	return l
}

func moveChildren(from, to ast.Node) {
	for c := from.FirstChild(); c != nil; c = from.FirstChild() {
		from.RemoveChild(from, c)
		to.AppendChild(to, c)
	}
}

func partOf(role, label string, blocks []*Block) *apiPart {
	p := &apiPart{role: role, label: label}
	for _, b := range blocks {
		p.AppendChild(p, b)
	}
	return p
}

// responseStatus returns the status code of a response block and its
// reason phrase when the status holds one (GitBook writes "200: OK").
func responseStatus(b *Block) (code, reason string) {
	s := b.Tag.get("status")
	if b.Tag.Name == "api-method-response-example" {
		s = b.Tag.get("httpCode")
	}
	code, reason, _ = strings.Cut(s, ":")
	return strings.TrimSpace(code), strings.TrimSpace(reason)
}

// statusClass returns the class suffix of a status code: "2xx" for 200
// or 2XX, "default" for anything else.
func statusClass(code string) string {
	if len(code) == 3 && code[0] >= '1' && code[0] <= '5' {
		return code[:1] + "xx"
	}
	return "default"
}

// opMethod is the block's method, lower case letters only.
func opMethod(b *Block) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' {
			return r
		}
		return -1
	}, strings.ToLower(b.Tag.get("method")))
}

// opID is the anchor of an operation's title: the build's, or one made
// as the build makes it.
func opID(b *Block) string {
	if b.APIID != "" {
		return b.APIID
	}
	if id := links.Key(b.Tag.get("method") + " " + b.Tag.get("path")); id != "" {
		return id
	}
	return "operation"
}

func opLevel(b *Block) int {
	if b.APILevel == 0 {
		return 2
	}
	return min(max(b.APILevel, 2), 6)
}

// renderOp writes an inline operation's section and title. The title is
// closed, and the endpoint written, here or by the title's Label.
func renderOp(w util.BufWriter, b *Block, entering bool) ast.WalkStatus {
	if b.APIHTML != nil {
		if entering {
			_, _ = w.Write(b.APIHTML)
			_ = w.WriteByte('\n')
		}
		return ast.WalkSkipChildren
	}
	if !entering {
		_, _ = w.WriteString("</section></div>\n")
		return ast.WalkContinue
	}
	id := esc(opID(b))
	fmt.Fprintf(w, `<div class="api-block"><section class="api-op" id="%s-op" aria-labelledby="%s"`, id, id)
	if m := opMethod(b); m != "" {
		fmt.Fprintf(w, ` data-method="%s"`, m)
	}
	fmt.Fprintf(w, `><h%d class="api-op-title" id="%s">`, opLevel(b), id)
	if l, ok := b.FirstChild().(*Label); ok && l.Role == "api-title" {
		return ast.WalkContinue
	}
	title := strings.TrimSpace(b.Tag.get("summary"))
	if title == "" {
		title = strings.TrimSpace(strings.ToUpper(opMethod(b)) + " " + b.Tag.get("path"))
	}
	if title == "" {
		title = b.Tag.word("api_operation")
	}
	_, _ = w.WriteString(esc(title))
	closeTitle(w, b)
	return ast.WalkContinue
}

// closeTitle ends an operation's title and writes its endpoint: method,
// server and path (with its `{id}` or `:id` parameters marked), and the
// copy button.
func closeTitle(w util.BufWriter, b *Block) {
	fmt.Fprintf(w, "</h%d>\n<div class=\"api-endpoint\">", opLevel(b))
	if m := opMethod(b); m != "" {
		fmt.Fprintf(w, `<span class="api-method api-method-%s">%s</span> `, m, strings.ToUpper(m))
	}
	server := b.Tag.get("baseUrl")
	if b.Tag.Name == "api-method" {
		server = b.Tag.get("host")
	}
	server = strings.TrimSpace(server)
	if _, ok := safeURL(server); !ok {
		server = ""
	}
	p := strings.TrimSpace(b.Tag.get("path"))
	if strings.HasPrefix(p, "/") {
		server = strings.TrimRight(server, "/")
	}
	_, _ = w.WriteString(`<code class="api-url">`)
	if server != "" {
		fmt.Fprintf(w, `<span class="api-server">%s</span>`, esc(server))
	}
	_, _ = w.WriteString(`<span class="api-path">`)
	writePath(w, p)
	_, _ = w.WriteString(`</span></code>`)
	if server+p != "" {
		fmt.Fprintf(w, ` <button type="button" class="api-copy" data-copy="%s" aria-label="%s" hidden>%s</button>`,
			esc(server+p), esc(b.Tag.word("api_copy_url")), esc(b.Tag.word("copy")))
	}
	_, _ = w.WriteString("</div>\n")
}

// writePath writes a path with its parameters marked: `{id}`, and `:id`
// at the start of a segment.
func writePath(w util.BufWriter, p string) {
	isName := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
	}
	start := 0
	for i := 0; i < len(p); i++ {
		end := -1
		switch {
		case p[i] == '{':
			if j := strings.IndexByte(p[i:], '}'); j > 0 {
				end = i + j + 1
			}
		case p[i] == ':' && (i == 0 || p[i-1] == '/'):
			j := i + 1
			for j < len(p) && isName(p[j]) {
				j++
			}
			if j > i+1 {
				end = j
			}
		}
		if end < 0 {
			continue
		}
		_, _ = w.WriteString(esc(p[start:i]))
		fmt.Fprintf(w, `<span class="api-path-param">%s</span>`, esc(p[i:end]))
		start, i = end, end-1
	}
	_, _ = w.WriteString(esc(p[start:]))
}

// renderField writes a parameter as a field: name, type, whether it is
// required, and its children as the description.
func renderField(w util.BufWriter, b *Block, entering bool) {
	if !entering {
		if b.HasChildren() {
			_, _ = w.WriteString("</div>")
		}
		_, _ = w.WriteString("</li>\n")
		return
	}
	t := &b.Tag
	fmt.Fprintf(w, `<li class="api-field"><div class="api-field-head"><code class="api-field-name">%s</code>`, esc(t.get("name")))
	if typ := strings.TrimSpace(t.get("type")); typ != "" {
		fmt.Fprintf(w, ` <span class="api-type">%s</span>`, esc(typ))
	}
	if strings.EqualFold(strings.TrimSpace(t.get("required")), "true") {
		fmt.Fprintf(w, ` <span class="api-required">%s</span>`, esc(t.word("api_required")))
	}
	_, _ = w.WriteString("</div>")
	if b.HasChildren() {
		_, _ = w.WriteString("<div class=\"api-field-desc\">\n")
	}
}

// renderResponse writes a response as a <details> whose summary shows the
// status and the short description (an attribute, or api-method's
// description Label, which closes the summary itself).
//
// A response with nothing to show beyond that is a row, as an OpenAPI
// block shows it: a control that opened on nothing would mislead.
func renderResponse(w util.BufWriter, b *Block, entering bool) {
	label, labelled := b.FirstChild().(*Label)
	labelled = labelled && label.Role == "api-response-desc"
	empty := b.FirstChild() == nil || labelled && label.NextSibling() == nil
	if !entering {
		if empty {
			_, _ = w.WriteString("</div>\n")
		} else {
			_, _ = w.WriteString("</details>\n")
		}
		return
	}
	code, reason := responseStatus(b)
	open := ""
	if b.open {
		open = " open"
	}
	if empty {
		fmt.Fprintf(w, `<div class="api-response api-response-empty"><p class="api-response-head"><span class="api-status api-status-%s">%s</span> `, statusClass(code), esc(code))
	} else {
		fmt.Fprintf(w, `<details class="api-response"%s><summary><span class="api-status api-status-%s">%s</span> `, open, statusClass(code), esc(code))
	}
	if labelled {
		return // the label writes the description, and ends the head
	}
	desc := strings.TrimSpace(b.Tag.get("description"))
	if desc == "" {
		desc = reason
	}
	fmt.Fprintf(w, "<span class=\"api-response-desc\">%s</span>%s\n", esc(desc), responseHeadEnd(empty))
}

// responseHeadEnd ends the head of a response: its <summary>, or the
// paragraph of one with nothing to expand.
func responseHeadEnd(empty bool) string {
	if empty {
		return "</p>"
	}
	return "</summary>"
}

func renderAPIPart(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	p := node.(*apiPart)
	// The words of an operation's sections are the operation's.
	word := func(key string) string { return english[key] }
	for n := p.Parent(); n != nil; n = n.Parent() {
		if b, ok := n.(*Block); ok && b.api == apiOp {
			word = func(key string) string { return b.Tag.word(key) }
			break
		}
	}
	switch p.role {
	case "desc":
		wrap(w, entering, `<div class="api-desc">`, `</div>`)
	case "params":
		wrap(w, entering, `<details class="api-section api-params" open><summary>`+esc(word(p.label))+`</summary><ul class="api-fields">`, `</ul></details>`)
	case "body":
		wrap(w, entering, `<details class="api-section api-body" open><summary>`+esc(word("api_body"))+`</summary>`, `</details>`)
	case "media":
		open := `<div class="api-media">`
		if p.label != "" {
			open += `<p class="api-media-type">` + esc(word(p.label)) + `</p>`
		}
		wrap(w, entering, open+`<div class="api-schema"><ul class="api-fields">`, `</ul></div></div>`)
	case "responses":
		wrap(w, entering, `<details class="api-section api-responses" open><summary>`+esc(word("api_responses"))+`</summary>`, `</details>`)
	}
	return ast.WalkContinue, nil
}
