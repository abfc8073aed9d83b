package openapi

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"github.com/alecthomas/chroma/v2"
	"html"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"folio/internal/links"

	"github.com/getkin/kin-openapi/openapi3"
)

// Options says how to render a block on a page.
type Options struct {
	// ID is the operation's anchor on the page ("post-vouchers"); every id
	// the rendering writes starts with it.
	ID string
	// Level is the level of the operation's title heading, 2 to 6.
	Level int
	// Markdown renders a description (CommonMark) to HTML. Nil shows it as
	// escaped text.
	Markdown func(src string) []byte
	// Highlight writes code as the page's code blocks are written (a
	// <pre> with highlighting classes). Nil writes a plain <pre>.
	Highlight func(lang, code string) []byte
	// HighlightTokens writes, as Highlight does, code its writer split
	// into the highlighter's tokens itself (the code samples).
	HighlightTokens func(lang string, tokens []chroma.Token) []byte
	// Strings are the theme's UI strings of the page's language; a missing
	// key falls back to English.
	Strings map[string]string
	// Missing writes, in place of a schema the spec lacks among others it
	// has, what the page shows for a block of that one schema (a box that
	// names the spec), at anchor id. Nil writes nothing there.
	Missing func(name, id string) []byte
	// Lang and Dir are the language and writing direction of the spec's
	// own words (its titles and descriptions) when they are not the
	// page's, "" when they are: an English spec on a French page is read
	// in English (WCAG 3.1.2). The block's own words are the page's.
	Lang, Dir string
	// English marks the few words of the block's own that are English
	// whatever the page's language (a security scheme's description, "API
	// key in header X-Key"): ` lang="en"`, with dir="ltr" on a
	// right-to-left page; "" on an English page.
	English string
}

// langAttrs are the attributes that mark the spec's own words, "" when
// they are in the page's language.
func (o Options) langAttrs() string {
	if o.Lang == "" {
		return ""
	}
	s := ` lang="` + esc(o.Lang) + `"`
	if o.Dir != "" {
		s += ` dir="` + esc(o.Dir) + `"`
	}
	return s
}

// english are the UI strings the renderer falls back to.
var english = map[string]string{
	"api_colon":           ":",
	"api_deprecated":      "Deprecated",
	"api_servers":         "Servers",
	"api_server":          "Server",
	"api_copy_url":        "Copy URL",
	"copy":                "Copy",
	"api_authorizations":  "Authorizations",
	"api_path_params":     "Path parameters",
	"api_query_params":    "Query parameters",
	"api_header_params":   "Header parameters",
	"api_cookie_params":   "Cookie parameters",
	"api_body":            "Body",
	"api_responses":       "Responses",
	"api_samples":         "Code samples",
	"api_required":        "required",
	"api_read_only":       "read-only",
	"api_write_only":      "write-only",
	"api_nullable":        "nullable",
	"api_possible_values": "Possible values",
	"api_show_properties": "Show properties",
	"api_too_deep":        "Not shown here: nested too deeply",
	"api_one_of":          "One of",
	"api_auth_none":       "No authorization",
	"api_any_of":          "Any of",
	"api_circular":        "Circular reference to",
	"api_example":         "Example",
	"api_example_value":   "Example",
	"api_headers":         "Headers",
	"api_discriminator":   "Discriminator",
	"api_additional":      "Additional properties",
	"api_default":         "Default",
	"api_minimum":         "Minimum",
	"api_maximum":         "Maximum",
	"api_min_length":      "Minimum length",
	"api_max_length":      "Maximum length",
	"api_pattern":         "Pattern",
	"api_min_items":       "Minimum items",
	"api_max_items":       "Maximum items",
	"api_unique_items":    "Unique items",
	"api_multiple_of":     "Multiple of",
	"api_scopes":          "Scopes",
	"api_items":           "Items",
	"api_type_array_of":   "array of {type}",
	"api_type_one_of":     "one of",
	"api_type_any_of":     "any of",
	"api_type_unresolved": "unresolved $ref {ref}",
}

// label returns the string key followed by a colon, as the language
// writes one, escaped.
func (r *renderer) label(key string) string {
	return esc(r.o.str(key) + r.o.str("api_colon"))
}

func (o *Options) str(key string) string {
	if v := o.Strings[key]; v != "" {
		return v
	}
	return english[key]
}

type bodyExample struct {
	media string
	mt    *openapi3.MediaType
	v     any
	ok    bool
}

// renderer writes one block. It is used by one goroutine.
type renderer struct {
	spec *Spec
	o    *Options
	b    bytes.Buffer
	// anchors are the ids of the schemas given one on this block, by
	// schemaID.
	anchors map[any]string
	// ids are the ids written on this block.
	ids map[string]bool
	// stack holds the schemas being expanded (their schemaID), to find
	// cycles.
	stack []any
	// request is true while writing a request (readOnly properties are
	// left out), false for a response (writeOnly left out).
	request bool
	// inBody is true inside a body's or a response's schema, where
	// read-only and write-only properties are left out.
	inBody       bool
	expandModels bool
	// choiceSaid is set while a field whose type reads "one of" draws its
	// variants: their list is not titled so again.
	choiceSaid bool
	// merged holds the merge of each schema drawn.
	merged map[*openapi3.Schema]*merged
	// fields counts the fields drawn, against maxFields.
	fields int
	// all shows read-only and write-only properties alike: a schemas
	// block describes the model, not one direction of a call.
	all bool
	// sent is the request body's first media type and its example, as
	// the body section made it, for the code samples to send.
	sent *bodyExample
}

func newRenderer(s *Spec, o *Options) *renderer {
	if o.Level < 2 || o.Level > 6 {
		o.Level = 2
	}
	return &renderer{spec: s, o: o, anchors: map[any]string{}, ids: map[string]bool{}, merged: map[*openapi3.Schema]*merged{}}
}

func esc(s string) string { return html.EscapeString(s) }

func (r *renderer) printf(format string, args ...any) { fmt.Fprintf(&r.b, format, args...) }
func (r *renderer) write(s string)                    { r.b.WriteString(s) }

// markdown writes a description as HTML inside a div of class.
func (r *renderer) markdown(class, src string) {
	src = strings.TrimSpace(src)
	if src == "" {
		return
	}
	r.printf(`<div class="%s"%s>`, class, r.o.langAttrs())
	if r.o.Markdown != nil {
		r.b.Write(r.o.Markdown(src))
	} else {
		r.printf("<p>%s</p>", esc(src))
	}
	r.write("</div>")
}

// Title returns what an operation's heading says: its summary, else its
// method and path.
func (op *Operation) Title() string {
	if s := strings.TrimSpace(op.Op.Summary); s != "" {
		return s
	}
	if op.Webhook != "" {
		return op.Webhook
	}
	return strings.ToUpper(op.Method) + " " + op.Path
}

// RenderOperation writes an operation (or a webhook) as HTML.
func (s *Spec) RenderOperation(op *Operation, o Options) []byte {
	r := newRenderer(s, &o)
	r.operation(op)
	return r.b.Bytes()
}

func boolExt(ext map[string]any, key string) bool {
	switch v := ext[key].(type) {
	case bool:
		return v
	case string:
		return v == "true"
	}
	return false
}

func strExt(ext map[string]any, key string) string {
	switch v := ext[key].(type) {
	case string:
		return v
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

func (r *renderer) operation(op *Operation) {
	o := r.o
	id := o.ID
	ext := op.Op.Extensions
	r.expandModels = boolExt(ext, "x-expandAllModelSections")
	r.ids[id], r.ids[id+"-op"] = true, true
	r.write(`<div class="api-block">`)
	r.printf(`<section class="api-op" id="%s-op" aria-labelledby="%s" data-method="%s">`, esc(id), esc(id), op.Method)
	title := esc(op.Title())
	if o.Lang != "" && strings.TrimSpace(op.Op.Summary) != "" {
		title = `<span` + o.langAttrs() + `>` + title + `</span>` // the spec's words, not a method and path
	}
	r.printf(`<h%d class="api-op-title" id="%s">%s</h%d>`, o.Level, esc(id), title, o.Level)

	badges := ""
	if op.Op.Deprecated {
		badges += `<span class="api-badge api-badge-deprecated">` + esc(o.str("api_deprecated")) + `</span>`
	}
	if st := strExt(ext, "x-stability"); st != "" {
		badges += `<span class="api-badge api-badge-stability">` + esc(st) + `</span>`
	}
	if badges != "" {
		r.write(`<p class="api-badges">` + badges + `</p>`)
	}

	var servers openapi3.Servers
	base := ""
	if op.Webhook == "" {
		// A webhook is a call the API makes to the reader's server: the
		// API's own servers are not its address.
		servers = r.servers(op)
	}
	// The first server's address, its variables at their defaults, is
	// the one shown; the others are choices.
	choices := serverChoices(servers)
	if len(choices) > 0 {
		base = choices[0].url
	}
	r.write(`<div class="api-endpoint">`)
	label := strings.ToUpper(op.Method)
	if op.Webhook != "" {
		label = "WEBHOOK " + label
	}
	r.printf(`<span class="api-method api-method-%s">%s</span> `, op.Method, esc(label))
	r.write(`<code class="api-url">`)
	if base != "" {
		r.printf(`<span class="api-server">%s</span>`, esc(base))
	}
	r.write(`<span class="api-path">`)
	r.pathHTML(op.Path)
	r.write(`</span></code>`)
	if op.Webhook == "" {
		r.printf(` <button type="button" class="api-copy" data-copy="%s" aria-label="%s" hidden>%s</button>`,
			esc(base+op.Path), esc(o.str("api_copy_url")), esc(o.str("copy")))
	}
	r.write(`</div>`)
	if len(choices) > 1 {
		r.printf(`<div class="api-servers" data-for="%s"><p class="api-servers-label">%s</p><ul>`, esc(id), esc(o.str("api_servers")))
		for _, c := range choices {
			r.printf(`<li><code class="api-server-url">%s</code>`, esc(c.url))
			if c.desc != "" {
				r.printf(` <span class="api-server-desc"%s>%s</span>`, o.langAttrs(), esc(c.desc))
			}
			r.write(`</li>`)
		}
		r.write(`</ul></div>`)
	}
	desc := op.Op.Description
	if desc == "" && op.Item != nil {
		desc = op.Item.Description
	}
	r.markdown("api-desc", desc)

	r.security(op)
	params := r.parameters(op)
	for _, in := range []string{"path", "query", "header", "cookie"} {
		var list []*openapi3.Parameter
		for _, p := range params {
			if p.In == in {
				list = append(list, p)
			}
		}
		if len(list) == 0 {
			continue
		}
		r.printf(`<details class="api-section api-params" open><summary>%s</summary><ul class="api-fields">`, esc(o.str("api_"+in+"_params")))
		for _, p := range list {
			r.parameter(p)
		}
		r.write(`</ul></details>`)
	}
	// A webhook's request is the API's (its read-only properties are in
	// it), the answer its receiver's: the other way round.
	webhook := op.Webhook != ""
	if rb := op.Op.RequestBody; rb != nil && rb.Value != nil && !boolExt(rb.Value.Extensions, "x-internal") {
		r.request = !webhook
		r.printf(`<details class="api-section api-body" open><summary>%s</summary>`, esc(o.str("api_body")))
		if rb.Value.Required {
			r.printf(`<p class="api-body-required"><span class="api-required">%s</span></p>`, esc(o.str("api_required")))
		}
		r.markdown("api-desc", rb.Value.Description)
		r.content(rb.Value.Content)
		r.write(`</details>`)
		r.request = false
	}
	r.request = webhook
	r.responses(op)
	r.request = false
	if !boolExt(ext, "x-hideSample") && op.Webhook == "" {
		r.samples(op, base, params, len(choices) > 1)
	}
	r.write(`</section></div>`)
}

// pathHTML writes a path with its {parameters} marked.
func (r *renderer) pathHTML(p string) {
	for p != "" {
		i := strings.IndexByte(p, '{')
		j := strings.IndexByte(p[max(i, 0):], '}')
		if i < 0 || j < 0 {
			r.write(esc(p))
			return
		}
		j += i
		r.write(esc(p[:i]))
		r.printf(`<span class="api-path-param">%s</span>`, esc(p[i:j+1]))
		p = p[j+1:]
	}
}

func (r *renderer) servers(op *Operation) openapi3.Servers {
	if op.Op.Servers != nil && len(*op.Op.Servers) > 0 {
		return *op.Op.Servers
	}
	if op.Item != nil && len(op.Item.Servers) > 0 {
		return op.Item.Servers
	}
	return r.spec.Doc.Servers
}

// serverChoice is an address a reader may call, and what says which.
type serverChoice struct{ url, desc string }

// maxServerChoices bounds the addresses the variables of one server make:
// a few regions or versions, not every product of long enums.
const maxServerChoices = 8

// serverChoices lists the addresses of servers a reader may call: each
// server's, and for one with variables whose enums allow other values,
// one per combination of them, the defaults first (t73: a server
// https://{region}.pets.test with enum eu, us showed eu alone). Each has
// the server's description, and the values that make it when there are
// several.
func serverChoices(servers openapi3.Servers) []serverChoice {
	var out []serverChoice
	for _, sv := range servers {
		if sv == nil {
			continue
		}
		var names []string
		for _, name := range slices.Sorted(maps.Keys(sv.Variables)) {
			if sv.Variables[name] != nil {
				names = append(names, name)
			}
		}
		combos := [][]string{nil} // values of names, by index
		var varying []int         // the names with more than one value
		for i, name := range names {
			v := sv.Variables[name]
			values := []string{v.Default}
			for _, e := range v.Enum {
				if !slices.Contains(values, e) {
					values = append(values, e)
				}
			}
			if len(values) > 1 {
				varying = append(varying, i)
			}
			var next [][]string
			for _, c := range combos {
				for _, val := range values {
					if len(next) < maxServerChoices {
						next = append(next, append(slices.Clip(c), val))
					}
				}
			}
			combos = next
		}
		for _, c := range combos {
			var said []string
			if d := strings.TrimSpace(sv.Description); d != "" {
				said = append(said, d)
			}
			u := sv.URL
			for i, name := range names {
				u = strings.ReplaceAll(u, "{"+name+"}", c[i])
			}
			if len(combos) > 1 {
				for _, i := range varying {
					said = append(said, names[i]+": "+c[i])
				}
			}
			// No trailing slash: paths start with one.
			out = append(out, serverChoice{url: strings.TrimRight(u, "/"), desc: strings.Join(said, ", ")})
		}
	}
	return out
}

func (r *renderer) security(op *Operation) {
	reqs := r.spec.Doc.Security
	if op.Op.Security != nil {
		reqs = *op.Op.Security
	}
	if len(reqs) == 0 {
		return
	}
	var schemes openapi3.SecuritySchemes
	if r.spec.Doc.Components != nil {
		schemes = r.spec.Doc.Components.SecuritySchemes
	}
	scheme := func(req openapi3.SecurityRequirement, name string) string {
		var b strings.Builder
		fmt.Fprintf(&b, `<code>%s</code>`, esc(name))
		if ref := schemes[name]; ref != nil && ref.Value != nil {
			fmt.Fprintf(&b, ` <span class="api-type"%s>%s</span>`, r.o.English, esc(schemeText(ref.Value)))
			if d := strings.TrimSpace(ref.Value.Description); d != "" {
				fmt.Fprintf(&b, ` <span class="api-auth-desc"%s>%s</span>`, r.o.langAttrs(), esc(d))
			}
		}
		if scopes := req[name]; len(scopes) > 0 {
			fmt.Fprintf(&b, `<p class="api-scopes">%s`, r.label("api_scopes"))
			for _, sc := range scopes {
				fmt.Fprintf(&b, ` <code>%s</code>`, esc(sc))
			}
			b.WriteString(`</p>`)
		}
		return b.String()
	}
	// One requirement: each of its schemes is needed, an item each.
	// Several: any one will do, an item each, its schemes joined by +
	// (an API key and a session cookie, both needed).
	var items []string
	seen := map[string]bool{}
	for _, req := range reqs {
		var parts []string
		for _, name := range orderedKeys(r.spec.order, req) {
			parts = append(parts, scheme(req, name))
		}
		if len(reqs) == 1 {
			items = append(items, parts...)
			continue
		}
		it := strings.Join(parts, ` <span class="api-and">+</span> `)
		if len(req) == 0 {
			// {}: a request may carry none, one choice among the others.
			it = fmt.Sprintf(`<span class="api-auth-none">%s</span>`, esc(r.o.str("api_auth_none")))
		}
		if !seen[it] {
			seen[it] = true
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return
	}
	r.printf(`<details class="api-section api-auth" open><summary>%s</summary>`, esc(r.o.str("api_authorizations")))
	if len(items) > 1 && len(reqs) > 1 {
		// Each requirement is enough on its own: the list is a choice,
		// not what a request needs all of.
		r.printf(`<p class="api-variants-label">%s</p>`, esc(r.o.str("api_one_of")))
	}
	r.write(`<ul class="api-auths">`)
	for _, it := range items {
		r.write(`<li>` + it + `</li>`)
	}
	r.write(`</ul></details>`)
}

// schemeText describes a security scheme in a few words.
func schemeText(s *openapi3.SecurityScheme) string {
	switch strings.ToLower(s.Type) {
	case "http":
		t := "HTTP " + s.Scheme
		if s.BearerFormat != "" {
			t += " (" + s.BearerFormat + ")"
		}
		return t
	case "apikey":
		return "API key in " + s.In + " " + s.Name
	case "oauth2":
		var flows []string
		if f := s.Flows; f != nil {
			if f.AuthorizationCode != nil {
				flows = append(flows, "authorization code")
			}
			if f.Implicit != nil {
				flows = append(flows, "implicit")
			}
			if f.Password != nil {
				flows = append(flows, "password")
			}
			if f.ClientCredentials != nil {
				flows = append(flows, "client credentials")
			}
		}
		if len(flows) > 0 {
			return "OAuth 2.0 (" + strings.Join(flows, ", ") + ")"
		}
		return "OAuth 2.0"
	case "openidconnect":
		return "OpenID Connect"
	case "mutualtls":
		return "Mutual TLS"
	}
	return s.Type
}

// parameters merges the path item's parameters with the operation's, which
// override them by name and location, and leaves out internal ones and
// those OpenAPI 3 says to ignore.
func (r *renderer) parameters(op *Operation) []*openapi3.Parameter {
	var out []*openapi3.Parameter
	add := func(ps openapi3.Parameters) {
		for _, ref := range ps {
			if ref == nil || ref.Value == nil {
				continue
			}
			p := ref.Value
			if boolExt(p.Extensions, "x-internal") || boolExt(p.Extensions, "x-gitbook-ignore") || r.ignoredHeader(p) {
				continue
			}
			if i := slices.IndexFunc(out, func(q *openapi3.Parameter) bool { return q.Name == p.Name && q.In == p.In }); i >= 0 {
				out[i] = p
				continue
			}
			out = append(out, p)
		}
	}
	if op.Item != nil {
		add(op.Item.Parameters)
	}
	add(op.Op.Parameters)
	if op.Webhook == "" {
		// A {name} of the path the spec does not declare (validation says
		// so) is still one a request fills: listed as text, required.
		for _, m := range pathParamRE.FindAllStringSubmatch(op.Path, -1) {
			if !slices.ContainsFunc(out, func(q *openapi3.Parameter) bool { return q.In == "path" && q.Name == m[1] }) {
				out = append(out, &openapi3.Parameter{Name: m[1], In: "path", Required: true,
					Schema: &openapi3.SchemaRef{Value: &openapi3.Schema{Type: &openapi3.Types{"string"}}}})
			}
		}
	}
	return out
}

// ignoredHeader reports whether p is a header parameter that OpenAPI 3
// says to ignore: Accept, Content-Type and Authorization, which the media
// types and the security schemes say. Listed, they were sent twice (t84).
// Swagger 2.0 says no such thing, and its specs often give the
// Authorization header as a parameter, with no security scheme.
func (r *renderer) ignoredHeader(p *openapi3.Parameter) bool {
	return p.In == "header" && strings.HasPrefix(r.spec.Version, "3") &&
		(strings.EqualFold(p.Name, "Accept") || strings.EqualFold(p.Name, "Content-Type") || strings.EqualFold(p.Name, "Authorization"))
}

// pathParamRE finds the parameters of a path template.
var pathParamRE = regexp.MustCompile(`\{([^{}/]+)\}`)

func (r *renderer) parameter(p *openapi3.Parameter) {
	sr := p.Schema
	if sr == nil {
		for _, mt := range p.Content {
			if mt != nil && mt.Schema != nil {
				sr = mt.Schema
				break
			}
		}
	}
	f := field{name: p.Name, ref: sr, required: p.Required || p.In == "path", desc: p.Description, deprecated: p.Deprecated, example: p.Example}
	if f.example == nil {
		for _, k := range orderedKeys(r.spec.order, p.Examples) {
			if ex := p.Examples[k]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
				f.example = ex.Value.Value
				break
			}
		}
	}
	r.field(f)
}

// content writes each media type of a body or a response.
func (r *renderer) content(c openapi3.Content) {
	for _, mtName := range orderedKeys(r.spec.order, c) {
		mt := c[mtName]
		if mt == nil {
			continue
		}
		r.printf(`<div class="api-media"><p class="api-media-type"><code>%s</code></p>`, esc(mtName))
		if mt.Schema != nil && mt.Schema.Value != nil {
			r.markdown("api-desc", r.merge(mt.Schema.Value).desc)
			r.schemaRoot(mt.Schema)
		}
		ex, ok := r.mediaExample(mtName, mt)
		if r.request && r.sent == nil {
			// The code samples send the first media type's example.
			r.sent = &bodyExample{media: mtName, mt: mt, v: ex, ok: ok}
		}
		switch named := r.namedExamples(mt); {
		case len(named) > 1:
			// Each of the spec's named examples, by its summary; the
			// code samples send the first.
			for i, e := range named {
				r.exampleTitled(mtName, e.v, mt.Schema, r.o.str("api_example")+": "+e.title, i == 0)
			}
		case ok:
			r.example(mtName, ex, mt.Schema)
		}
		r.write(`</div>`)
	}
}

// mediaExample is the example a media type shows: the spec's own, else one
// made from the schema; none for a file's bytes, which no text shows.
func (r *renderer) mediaExample(media string, mt *openapi3.MediaType) (any, bool) {
	if mt.Example != nil {
		return mt.Example, true
	}
	for _, k := range orderedKeys(r.spec.order, mt.Examples) {
		if ex := mt.Examples[k]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			return ex.Value.Value, true
		}
	}
	if mt.Schema == nil || binaryBody(media, mt) {
		return nil, false
	}
	g := exampler{order: r.spec.order, request: r.request}
	v, ok := g.value(mt.Schema, 0)
	return v, ok
}

// namedExample is one of a media type's named examples.
type namedExample struct {
	title string // its summary, else its name
	v     any
}

// namedExamples lists a media type's named examples, in the spec's order,
// when it gives no single example.
func (r *renderer) namedExamples(mt *openapi3.MediaType) []namedExample {
	if mt.Example != nil {
		return nil
	}
	var out []namedExample
	for _, k := range orderedKeys(r.spec.order, mt.Examples) {
		if ex := mt.Examples[k]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			out = append(out, namedExample{title: cmp.Or(strings.TrimSpace(ex.Value.Summary), k), v: ex.Value.Value})
		}
	}
	return out
}

func (r *renderer) example(mediaType string, v any, sr *openapi3.SchemaRef) {
	r.exampleTitled(mediaType, v, sr, r.o.str("api_example"), true)
}

// exampleTitled writes an example of the schema sr under the title, open
// or folded.
func (r *renderer) exampleTitled(mediaType string, v any, sr *openapi3.SchemaRef, title string, open bool) {
	text, lang := formatExample(r.spec.order, mediaType, v, sr)
	if strings.HasPrefix(strings.ToLower(mediaType), "multipart/form-data") {
		// Its parts, as the HTTP sample sends them: not JSON.
		text, lang = multipartText(r.formFields(&openapi3.MediaType{Schema: sr}, v)), "text"
	}
	attr := ""
	if open {
		attr = " open"
	}
	r.printf(`<details class="api-example"%s><summary>%s</summary><div class="code-block">`, attr, esc(title))
	if lang == "json" {
		var k code
		k.value(text, inJSON)
		r.codeTokens(lang, text, k.tokens())
	} else {
		r.code(lang, text)
	}
	r.write(`</div></details>`)
}

// statusOrder puts responses in the order a reader wants them: 2xx first,
// then the others as written, `default` last.
func statusOrder(keys []string) []string {
	var ok, other, def []string
	for _, k := range keys {
		switch {
		case strings.EqualFold(k, "default"):
			def = append(def, k)
		case strings.HasPrefix(k, "2"):
			ok = append(ok, k)
		default:
			other = append(other, k)
		}
	}
	return append(append(ok, other...), def...)
}

func statusClass(code string) string {
	if strings.EqualFold(code, "default") {
		return "default"
	}
	if len(code) > 0 && code[0] >= '1' && code[0] <= '5' {
		return code[:1] + "xx"
	}
	return "default"
}

func (r *renderer) responses(op *Operation) {
	if op.Op.Responses == nil || op.Op.Responses.Len() == 0 {
		return
	}
	all := boolExt(op.Op.Extensions, "x-expandAllResponses")
	r.printf(`<details class="api-section api-responses" open><summary>%s</summary>`, esc(r.o.str("api_responses")))
	opened := false
	for _, code := range statusOrder(orderedKeys(r.spec.order, op.Op.Responses.Map())) {
		ref := op.Op.Responses.Value(code)
		if ref == nil || ref.Value == nil || boolExt(ref.Value.Extensions, "x-internal") {
			continue
		}
		resp := ref.Value
		open := ""
		if all || !opened && strings.HasPrefix(code, "2") {
			open = " open"
			opened = opened || strings.HasPrefix(code, "2")
		}
		desc := ""
		if resp.Description != nil {
			desc = strings.TrimSpace(*resp.Description)
		}
		first, rest, _ := strings.Cut(desc, "\n")
		more := strings.TrimSpace(rest) != "" || first != plainText(first)
		if !more && len(resp.Headers) == 0 && !hasMedia(resp.Content) {
			// Nothing to disclose: a row, not a control that opens on
			// nothing (a tab stop announced as collapsed).
			r.printf(`<div class="api-response api-response-empty"><p class="api-response-head"><span class="api-status api-status-%s">%s</span> <span class="api-response-desc"%s>%s</span></p></div>`,
				statusClass(code), esc(code), r.o.langAttrs(), esc(plainText(first)))
			continue
		}
		r.printf(`<details class="api-response"%s><summary><span class="api-status api-status-%s">%s</span> <span class="api-response-desc"%s>%s</span></summary>`,
			open, statusClass(code), esc(code), r.o.langAttrs(), esc(plainText(first)))
		if more {
			r.markdown("api-desc", desc)
		}
		if len(resp.Headers) > 0 {
			r.printf(`<p class="api-subhead">%s</p><ul class="api-fields">`, esc(r.o.str("api_headers")))
			for _, name := range orderedKeys(r.spec.order, resp.Headers) {
				h := resp.Headers[name]
				if h == nil || h.Value == nil {
					continue
				}
				r.field(field{name: name, ref: h.Value.Schema, required: h.Value.Required, desc: h.Value.Description, deprecated: h.Value.Deprecated, example: h.Value.Example})
			}
			r.write(`</ul>`)
		}
		r.content(resp.Content)
		r.write(`</details>`)
	}
	r.write(`</details>`)
}

// hasMedia reports whether c has a media type to show.
func hasMedia(c openapi3.Content) bool {
	for _, mt := range c {
		if mt != nil {
			return true
		}
	}
	return false
}

var (
	// literalRE finds what stands as written: a code span's text, and a
	// character escaped by a backslash.
	literalRE = regexp.MustCompile("`+([^`]+)`+|\\\\([!-/:-@\\[-`{-~])")
	// A link or an image is its text; a reference link too ([text][ref]).
	linkRE     = regexp.MustCompile(`!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])`)
	autolinkRE = regexp.MustCompile(`<((?:https?|mailto):[^<>\s]*)>`)
	htmlTagRE  = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>`)
	// Emphasis by *, a run of them left to strongMarks; by _ only between
	// words' edges, as CommonMark reads snake_case_name as it stands.
	starRE      = regexp.MustCompile(`\*([^\s*](?:[^*]*[^\s*])?)\*`)
	underRE     = regexp.MustCompile(`(^|[^\pL\pN_])_([^\s_](?:[^_]*[^\s_])?)_($|[^\pL\pN_])`)
	strongMarks = strings.NewReplacer("**", "", "__", "", "~~", "")
)

// plainText is a one-line summary as a reader sees it once its Markdown
// is rendered: a link's text, no HTML tags, no emphasis marks, its
// entities and escapes undone; a code span's text as it stands. A
// response's summary is a control, not a place for HTML, and the
// Markdown as written read as noise there (t84).
func plainText(s string) string {
	s = linkRE.ReplaceAllString(strings.TrimSpace(s), "$1")
	s = autolinkRE.ReplaceAllString(s, "$1")
	var b strings.Builder
	for {
		m := literalRE.FindStringSubmatchIndex(s)
		if m == nil {
			b.WriteString(inlineText(s))
			return b.String()
		}
		b.WriteString(inlineText(s[:m[0]]))
		if m[2] >= 0 {
			b.WriteString(s[m[2]:m[3]])
		} else {
			b.WriteString(s[m[4]:m[5]])
		}
		s = s[m[1]:]
	}
}

// inlineText is plainText of text between code spans and escapes.
func inlineText(s string) string {
	s = htmlTagRE.ReplaceAllString(s, "")
	s = strongMarks.Replace(s)
	s = starRE.ReplaceAllString(s, "$1")
	s = underRE.ReplaceAllString(s, "$1$2$3")
	return html.UnescapeString(s)
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// RenderSchemas writes the named component schemas, each with its title
// heading; ids gives each schema's anchor, in the order of names. A name
// the spec lacks is a *NotFoundError (several are joined, in the order of
// names); when none of the names is there, it writes nothing, else it
// writes the others, with o.Missing's box in place of each it lacks.
// grouped puts them in one block, else each is in a block of its own.
func (s *Spec) RenderSchemas(names, ids []string, grouped bool, o Options) ([]byte, error) {
	var schemas openapi3.Schemas
	if s.Doc.Components != nil {
		schemas = s.Doc.Components.Schemas
	}
	var errs []error
	for _, n := range names {
		if schemas[n] == nil || schemas[n].Value == nil {
			errs = append(errs, &NotFoundError{What: "schema " + n, Closest: closest(n, orderedKeys(s.order, schemas))})
		}
	}
	if len(errs) == len(names) {
		return nil, errors.Join(errs...)
	}
	r := newRenderer(s, &o)
	r.all = true
	base := o.ID
	ids = slices.Clone(ids)
	for i, n := range names {
		if i >= len(ids) {
			ids = append(ids, base+"-"+links.Key(n))
		}
		if schemas[n] == nil || schemas[n].Value == nil {
			continue
		}
		// Each model's heading is the anchor of its schema: a circular
		// reference to it, in this model or another, links there.
		if _, done := r.anchors[schemaID(schemas[n].Value)]; !done {
			r.anchors[schemaID(schemas[n].Value)] = ids[i]
		}
		r.ids[ids[i]], r.ids[ids[i]+"-model"] = true, true
	}
	open := false // the block of models
	for i, n := range names {
		id := ids[i]
		sr := schemas[n]
		if sr == nil || sr.Value == nil {
			// A box of its own, between blocks of models, as the page
			// shows a block of it alone.
			if open {
				r.write(`</div>`)
				open = false
			}
			if o.Missing != nil {
				r.b.Write(o.Missing(n, id))
			}
			continue
		}
		if !open {
			r.write(`<div class="api-block api-schemas">`)
			open = true
		}
		r.printf(`<section class="api-model" id="%s-model" aria-labelledby="%s">`, esc(id), esc(id))
		r.printf(`<h%d class="api-model-title" id="%s">%s</h%d>`, o.Level, esc(id), esc(n), o.Level)
		r.markdown("api-desc", sr.Value.Description)
		r.o.ID = id
		ref := &openapi3.SchemaRef{Ref: "#/components/schemas/" + n, Value: sr.Value}
		r.schemaRoot(ref)
		if v, ok := (&exampler{order: s.order, all: true}).value(ref, 0); ok {
			r.example("application/json", v, ref)
		}
		r.write(`</section>`)
		if !grouped {
			r.write(`</div>`) // a block of its own
			open = false
		}
	}
	if open {
		r.write(`</div>`)
	}
	return r.b.Bytes(), errors.Join(errs...)
}

// code writes a block of code: highlighted by the page's highlighter when
// there is one. A <pre> takes the focus, so that keyboard users can scroll
// a line wider than the column.
// codeTokens writes code whose writer split it into highlighter tokens
// (nil: it is lexed).
func (r *renderer) codeTokens(lang, text string, tokens []chroma.Token) {
	if tokens != nil && r.o.HighlightTokens != nil {
		r.b.Write(r.o.HighlightTokens(lang, tokens))
		return
	}
	r.code(lang, text)
}

func (r *renderer) code(lang, text string) {
	if r.o.Highlight != nil {
		r.b.Write(r.o.Highlight(lang, text))
		return
	}
	r.printf(`<pre tabindex="0"><code class="language-%s">%s</code></pre>`, esc(lang), esc(text))
}
