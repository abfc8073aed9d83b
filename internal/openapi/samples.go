package openapi

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/alecthomas/chroma/v2"
	"github.com/getkin/kin-openapi/openapi3"
)

// sample is one code sample of an operation.
type sample struct {
	key, label, lang, code string
	// tokens are the code's highlighter tokens, for a sample written
	// here; nil: the code is lexed.
	tokens []chroma.Token
}

// samples writes the operation's code samples: the spec's x-codeSamples
// when it has them, else cURL, HTTP, JavaScript and Python built here,
// calling base. choice says the reader may choose another server.
func (r *renderer) samples(op *Operation, base string, params []*openapi3.Parameter, choice bool) {
	list := r.specSamples(op)
	// data-server names the server the samples built here call, so that
	// choosing another one in the page (folio.js) rewrites them; the
	// spec's own samples are left as their author wrote them.
	server := ""
	if list == nil {
		list = r.buildSamples(op, base, params)
		if choice {
			server = fmt.Sprintf(` data-server="%s"`, esc(base))
		}
	}
	if len(list) == 0 {
		return
	}
	id := esc(r.o.ID)
	r.printf(`<details class="api-section api-samples"%s open><summary>%s</summary><div class="tabs"><div class="tabs-list" role="tablist">`, server, esc(r.o.str("api_samples")))
	for i, s := range list {
		sel, tab := "false", "-1"
		if i == 0 {
			sel, tab = "true", "0"
		}
		r.printf(`<button type="button" role="tab" id="%s-sample-tab-%d" aria-controls="%s-sample-%d" aria-selected="%s" tabindex="%s" data-tab-key="%s">%s</button>`,
			id, i+1, id, i+1, sel, tab, esc(s.key), esc(s.label))
	}
	r.write(`</div>`)
	for i, s := range list {
		r.printf(`<section class="tab-panel" role="tabpanel" id="%s-sample-%d" aria-labelledby="%s-sample-tab-%d" data-tab-key="%s" tabindex="0"><p class="tab-panel-title">%s</p>`,
			id, i+1, id, i+1, esc(s.key), esc(s.label))
		r.write(`<div class="code-block">`)
		r.codeTokens(s.lang, s.code, s.tokens)
		r.write(`</div></section>`)
	}
	r.write(`</div></details>`)
}

// specSamples reads x-codeSamples (or x-code-samples): [{lang, label,
// source}].
func (r *renderer) specSamples(op *Operation) []sample {
	raw, ok := op.Op.Extensions["x-codeSamples"].([]any)
	if !ok {
		raw, ok = op.Op.Extensions["x-code-samples"].([]any)
	}
	if !ok {
		return nil
	}
	var out []sample
	for _, e := range raw {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		lang, _ := m["lang"].(string)
		label, _ := m["label"].(string)
		src, _ := m["source"].(string)
		if src == "" {
			continue
		}
		if label == "" {
			label = lang
		}
		// The key is the tab's title as shown, as a GitBook tab's is
		// (gitbook.tabTitle): a slug of lang gave C# and C++ the one key c,
		// and choosing one selected the other on every page.
		key := strings.Join(strings.Fields(label), " ")
		out = append(out, sample{key: key, label: label, lang: strings.ToLower(lang), code: strings.TrimRight(src, "\n")})
	}
	return out
}

// call is what the built samples need to know of a request.
type call struct {
	method  string
	url     string
	headers [][2]string
	body    string // as sent
	media   string
	// form holds the fields of a multipart/form-data body, which each
	// client encodes itself (with a boundary of its own), instead of body.
	form []formField
	// file names the file a binary body uploads, instead of body: bytes
	// no example can show.
	file string
	// reply is how the samples read the answer: "json", "text", "binary"
	// (bytes that reading as text would corrupt), or "" when a success has
	// no content (204), which .json() fails on.
	reply string
}

// formField is a field of a multipart body: a value, or a file to upload.
type formField struct {
	name, value string
	file        bool
}

// boundary separates the parts of the multipart body the HTTP sample shows.
const boundary = "boundary"

// multipartText is a multipart body of fields as it goes on the wire,
// between boundary lines: the HTTP sample's, and a multipart example's.
func multipartText(fields []formField) string {
	var b strings.Builder
	for _, f := range fields {
		if f.file {
			fmt.Fprintf(&b, "--%s\nContent-Disposition: form-data; name=%s; filename=%s\nContent-Type: application/octet-stream\n\n(binary)\n",
				boundary, jsString(f.name), jsString(f.name))
			continue
		}
		fmt.Fprintf(&b, "--%s\nContent-Disposition: form-data; name=%s\n\n%s\n", boundary, jsString(f.name), f.value)
	}
	fmt.Fprintf(&b, "--%s--", boundary)
	return b.String()
}

func (r *renderer) buildSamples(op *Operation, base string, params []*openapi3.Parameter) []sample {
	opPath := op.Path
	var query, cookies []string
	for _, p := range params {
		switch p.In {
		case "path":
			// The spec's example stands in for the parameter, as in the
			// body: a {name} left in the address is what curl reads as a
			// pattern, and asks for /orders/orderId.
			if v, ok := r.paramValue(p); ok {
				opPath = strings.ReplaceAll(opPath, "{"+p.Name+"}", url.PathEscape(v))
			}
		case "query":
			if p.Required {
				query = append(query, r.queryPairs(p)...)
			}
		case "cookie":
			if p.Required {
				// %-escaped: a cookie's value holds no space, ; or , (and
				// + is no space in it).
				cookies = append(cookies, p.Name+"="+url.PathEscape(strings.Join(r.paramValues(p), ",")))
			}
		}
	}
	c := call{method: strings.ToUpper(op.Method), url: base + opPath, reply: r.reply(op)}
	for _, p := range params {
		if p.In == "header" && p.Required {
			c.headers = setHeader(c.headers, p.Name, strings.Join(r.paramValues(p), ","))
		}
	}
	// The credential overrides a header parameter of its name: a spec
	// may declare both (govstack-bb-payments' X-Callback-URL), and a
	// header sent twice is one the server reads as it likes.
	auth := r.auth(op)
	for _, h := range auth.headers {
		c.headers = setHeader(c.headers, h[0], h[1])
	}
	query = append(query, auth.query...)
	cookies = append(cookies, auth.cookies...)
	if len(query) > 0 {
		c.url += "?" + strings.Join(query, "&")
	}
	if len(cookies) > 0 {
		c.headers = setHeader(c.headers, "Cookie", strings.Join(cookies, "; "))
	}
	if b := r.sent; b != nil {
		c.media = b.media
		switch {
		case strings.HasPrefix(strings.ToLower(b.media), "multipart/form-data"):
			c.form = r.formFields(b.mt, b.v)
		case binaryBody(b.media, b.mt):
			c.file = fileName(b.media)
		case b.ok:
			c.body, _ = formatExample(r.spec.order, b.media, b.v, b.mt.Schema)
		}
	}
	if c.media != "" && c.form == nil {
		c.headers = setHeader(c.headers, "Content-Type", c.media)
	}
	var list []sample
	for _, s := range []struct {
		key, label, lang string
		code             code
	}{
		{"curl", "cURL", "bash", curlSample(c)},
		{"http", "HTTP", "http", httpSample(c)},
		{"javascript", "JavaScript", "javascript", fetchSample(c)},
		{"python", "Python", "python", pythonSample(c)},
	} {
		list = append(list, sample{key: s.key, label: s.label, lang: s.lang, code: s.code.String(), tokens: s.code.tokens()})
	}
	return list
}

// setHeader sets the header name to value, in place of one of that name
// (in any case: header names ignore it), else after the others.
func setHeader(headers [][2]string, name, value string) [][2]string {
	if i := slices.IndexFunc(headers, func(h [2]string) bool { return strings.EqualFold(h[0], name) }); i >= 0 {
		headers[i] = [2]string{name, value}
		return headers
	}
	return append(headers, [2]string{name, value})
}

// formFields lists the fields of a multipart example, those the schema
// says are binary as files.
func (r *renderer) formFields(mt *openapi3.MediaType, v any) []formField {
	var m *merged
	if mt.Schema != nil && mt.Schema.Value != nil {
		m = r.merge(mt.Schema.Value)
	}
	var out []formField
	each(r.spec.order, v, func(k string, val any) {
		file := false
		if m != nil {
			if i := slices.IndexFunc(m.props, func(p prop) bool { return p.name == k }); i >= 0 {
				file = isBinary(m.props[i].ref)
			}
		}
		for _, f := range formValues(val) {
			out = append(out, formField{name: k, value: f, file: file})
		}
	})
	if out == nil {
		out = []formField{} // a multipart body with no fields is still one
	}
	return out
}

// isBinary reports whether a property holds a file: a binary string, or
// an array of them.
func isBinary(sr *openapi3.SchemaRef) bool {
	for depth := 0; sr != nil && sr.Value != nil && depth < maxDepth; depth++ {
		s := sr.Value
		if !s.Type.Includes("array") {
			return binaryString(s)
		}
		sr = s.Items
	}
	return false
}

// binaryString reports whether s is a file's bytes: OpenAPI 3.0's format
// binary, or 3.1's contentMediaType of a media type that is no text, the
// bytes as they are (a contentEncoding, base64, makes them text).
func binaryString(s *openapi3.Schema) bool {
	return s.Format == "binary" || s.ContentMediaType != "" && s.ContentEncoding == "" && !textMedia(s.ContentMediaType)
}

// binaryBody reports whether a body of the media type is a file's bytes:
// its schema says so, or the media type is no text and the schema a mere
// string (OpenAPI 3.1 asks for no format, and lets the schema of
// application/octet-stream be left out); format byte is base64, text.
func binaryBody(media string, mt *openapi3.MediaType) bool {
	var s *openapi3.Schema
	if mt.Schema != nil {
		s = mt.Schema.Value
	}
	if s != nil && binaryString(s) {
		return true
	}
	return !textMedia(media) && (s == nil || s.Type.Is("string") && s.Format == "" && s.ContentEncoding == "")
}

// textMedia reports whether a media type is text: text/*, JSON, XML,
// YAML, or a form.
func textMedia(media string) bool {
	m := strings.ToLower(media)
	return strings.HasPrefix(m, "text/") || strings.HasPrefix(m, "multipart/") ||
		strings.Contains(m, "json") || strings.Contains(m, "xml") || strings.Contains(m, "yaml") || strings.Contains(m, "x-www-form-urlencoded")
}

// fileName is the name of the file a sample uploads as a body of the
// media type: file.png for image/png; file.bin when the subtype makes no
// usual extension (octet-stream, vnd.ms-excel).
func fileName(media string) string {
	_, sub, _ := strings.Cut(strings.ToLower(media), "/")
	sub, _, _ = strings.Cut(sub, ";")
	sub = strings.TrimSpace(sub)
	if sub == "" || len(sub) > 4 || strings.ContainsFunc(sub, func(c rune) bool { return (c < 'a' || c > 'z') && (c < '0' || c > '9') }) {
		sub = "bin"
	}
	return "file." + sub
}

// reply says how a client reads the operation's answer: its first
// success's first media type, JSON or text ("json" when the spec says
// nothing of its successes); "" when that success has no content.
func (r *renderer) reply(op *Operation) string {
	if op.Op.Responses == nil {
		return "json"
	}
	codes := slices.Sorted(maps.Keys(op.Op.Responses.Map()))
	for _, code := range codes {
		ref := op.Op.Responses.Value(code)
		if !strings.HasPrefix(code, "2") || ref == nil || ref.Value == nil {
			continue
		}
		if len(ref.Value.Content) == 0 {
			return ""
		}
		media := orderedKeys(r.spec.order, ref.Value.Content)[0]
		switch {
		case strings.Contains(strings.ToLower(media), "json"):
			return "json"
		case ref.Value.Content[media] != nil && binaryBody(media, ref.Value.Content[media]):
			return "binary"
		}
		return "text"
	}
	return "json"
}

// paramValue is the value of the path parameter p a sample sends: one
// the spec gives (its example, its schema's example, default or first
// value of an enum); false when it gives none, a 0 made up from the type
// reading as a real identifier where {petId} says what to put.
func (r *renderer) paramValue(p *openapi3.Parameter) (string, bool) {
	given := r.paramGiven(p)
	if p.Schema != nil && p.Schema.Value != nil {
		s := p.Schema.Value
		given = append(given, s.Example)
		given = append(given, s.Examples...) // OpenAPI 3.1's list
		given = append(given, s.Default)
		if len(s.Enum) > 0 {
			given = append(given, s.Enum[0])
		}
	}
	for _, v := range given {
		if v != nil && isScalar(v) && scalarText(v) != "" {
			return scalarText(v), true
		}
	}
	return "", false
}

// paramValues are the values a sample sends for the query, header or
// cookie parameter p: an array's items (OpenAPI's default, style form
// with explode, repeats a query parameter for each: tags=a&tags=b), else
// one value, its name when the spec gives none.
func (r *renderer) paramValues(p *openapi3.Parameter) []string {
	v := r.paramExample(p)
	if len(p.Content) > 0 && v != nil {
		// Serialised by its media type (X-Meta: {"a":1}), one value: a
		// JSON one quotes a string too.
		if isScalar(v) && !r.paramJSON(p) {
			return []string{scalarText(v)}
		}
		if b, err := encodeJSON(r.spec.order, v, ""); err == nil {
			return []string{string(b)}
		}
	}
	list, isList := v.([]any)
	if !isList {
		if v != nil && isScalar(v) {
			return []string{scalarText(v)}
		}
		return []string{p.Name}
	}
	var out []string
	for _, e := range list {
		if isScalar(e) && e != nil {
			out = append(out, scalarText(e))
		}
	}
	if len(out) == 0 {
		return []string{p.Name}
	}
	if p.In != "query" || !explode(p) {
		return []string{strings.Join(out, delimiter(p))} // one value, the items joined
	}
	return out
}

// paramExample is the value the spec gives the parameter p (its example,
// its first named example), else one made from its schema.
func (r *renderer) paramExample(p *openapi3.Parameter) any {
	if given := r.paramGiven(p); len(given) > 0 {
		return given[0]
	}
	g := exampler{order: r.spec.order, request: true}
	schema := p.Schema
	if schema == nil {
		if mt := r.paramMedia(p); mt != nil {
			schema = mt.Schema
		}
	}
	v, _ := g.value(schema, 0)
	return v
}

// paramJSON reports whether the parameter p is serialised as JSON.
func (r *renderer) paramJSON(p *openapi3.Parameter) bool {
	for _, k := range orderedKeys(r.spec.order, p.Content) {
		return strings.Contains(strings.ToLower(k), "json")
	}
	return false
}

// paramMedia is the media type of a parameter defined by its content,
// not its schema (OpenAPI allows one), or nil.
func (r *renderer) paramMedia(p *openapi3.Parameter) *openapi3.MediaType {
	for _, k := range orderedKeys(r.spec.order, p.Content) {
		return p.Content[k]
	}
	return nil
}

// paramGiven are the values the parameter p itself gives, in order: its
// example, its first named example.
func (r *renderer) paramGiven(p *openapi3.Parameter) []any {
	given := r.examples(nil, p.Example, p.Examples)
	if mt := r.paramMedia(p); mt != nil {
		given = r.examples(given, mt.Example, mt.Examples)
	}
	return given
}

// examples appends to given an example and the first of named examples,
// those that are there.
func (r *renderer) examples(given []any, example any, named openapi3.Examples) []any {
	if example != nil {
		given = append(given, example)
	}
	for _, k := range orderedKeys(r.spec.order, named) {
		if ex := named[k]; ex != nil && ex.Value != nil && ex.Value.Value != nil {
			return append(given, ex.Value.Value)
		}
	}
	return given
}

// explode tells whether a query parameter's list or object is spread
// over several pairs: OpenAPI's default for style form.
func explode(p *openapi3.Parameter) bool {
	if p.Explode != nil {
		return *p.Explode
	}
	return p.Style == "" || p.Style == "form" || p.Style == "deepObject"
}

// delimiter joins a list's items in one value, as the parameter's style
// says.
func delimiter(p *openapi3.Parameter) string {
	switch p.Style {
	case "pipeDelimited":
		return "|"
	case "spaceDelimited":
		return " "
	}
	return ","
}

// queryPairs are the query's name=value pairs a sample sends for p, as
// its style says: an array's items repeated or joined, an object's
// properties as pairs of their own (form), as name[key] (deepObject), or
// joined (form without explode).
func (r *renderer) queryPairs(p *openapi3.Parameter) []string {
	pair := func(k, v string) string { return url.QueryEscape(k) + "=" + url.QueryEscape(v) }
	if len(p.Content) > 0 {
		// Serialised by its media type, not its style: one pair.
		return []string{pair(p.Name, r.paramValues(p)[0])}
	}
	v := r.paramExample(p)
	if _, isObj := v.(*object); isObj || isMap(v) {
		var fields []string
		var out []string
		each(r.spec.order, v, func(k string, val any) {
			if !isScalar(val) || val == nil {
				return
			}
			switch {
			case p.Style == "deepObject":
				out = append(out, pair(p.Name+"["+k+"]", scalarText(val)))
			case explode(p):
				out = append(out, pair(k, scalarText(val)))
			default:
				fields = append(fields, k, scalarText(val))
			}
		})
		if fields != nil {
			out = append(out, pair(p.Name, strings.Join(fields, ",")))
		}
		if len(out) > 0 {
			return out
		}
	}
	var out []string
	for _, s := range r.paramValues(p) {
		out = append(out, pair(p.Name, s))
	}
	return out
}

// isMap reports whether v is an object of the spec (a Go map).
func isMap(v any) bool {
	_, ok := v.(map[string]any)
	return ok
}

// credentials are placeholders for what the operation needs to be
// called: headers, query parameters and cookies.
type credentials struct {
	headers        [][2]string
	query, cookies []string
}

// auth gives the credentials of the operation's first security
// requirement (one way to call it is enough), every scheme of it: an API
// key in a header, the query or a cookie.
func (r *renderer) auth(op *Operation) credentials {
	reqs := r.spec.Doc.Security
	if op.Op.Security != nil {
		reqs = *op.Op.Security
	}
	var out credentials
	if len(reqs) == 0 || r.spec.Doc.Components == nil {
		return out
	}
	for _, name := range orderedKeys(r.spec.order, reqs[0]) {
		ref := r.spec.Doc.Components.SecuritySchemes[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		s := ref.Value
		switch strings.ToLower(s.Type) {
		case "http":
			if strings.EqualFold(s.Scheme, "basic") {
				out.headers = append(out.headers, [2]string{"Authorization", "Basic <credentials>"})
			} else {
				out.headers = append(out.headers, [2]string{"Authorization", "Bearer <token>"})
			}
		case "oauth2", "openidconnect":
			out.headers = append(out.headers, [2]string{"Authorization", "Bearer <token>"})
		case "apikey":
			switch strings.ToLower(s.In) {
			case "header":
				out.headers = append(out.headers, [2]string{s.Name, "<api-key>"})
			case "query":
				out.query = append(out.query, url.QueryEscape(s.Name)+"=%3Capi-key%3E")
			case "cookie":
				out.cookies = append(out.cookies, s.Name+"=<api-key>")
			}
		}
	}
	return out
}

func curlSample(c call) code {
	var k code
	k.text("curl -X " + c.method + " ")
	if strings.ContainsAny(c.url, "{}[]") {
		// A parameter the spec gives no example of is left as {name}:
		// without --globoff, curl reads it as a pattern and asks for name.
		k.text("--globoff ")
	}
	k.shellQuoted(c.url)
	next := func(opt, arg string) {
		k.text(" ")
		k.add(chroma.LiteralStringEscape, "\\\n")
		k.text("  " + opt + " ")
		k.shellQuoted(arg)
	}
	for _, h := range c.headers {
		next("-H", h[0]+": "+h[1])
	}
	for _, f := range c.form {
		v := f.value
		if f.file {
			v = "@" + f.name
		}
		next("-F", f.name+"="+v)
	}
	if c.body != "" {
		next("--data", c.body)
	}
	if c.file != "" {
		next("--data-binary", "@"+c.file)
	}
	return k
}

// braces puts back the braces of path parameters that URL parsing escaped.
var braces = strings.NewReplacer("%7B", "{", "%7D", "}")

// httpMethods are the request methods chroma's HTTP lexer knows.
var httpMethods = []string{"GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "TRACE", "PATCH", "CONNECT"}

// httpSample writes the request as it goes on the wire. The lexer is left
// to lex what it colours by rules of its own (a body other than JSON) or
// does not know (another method, a header name with a space).
func httpSample(c call) code {
	u, err := url.Parse(c.url)
	target, host := c.url, ""
	if err == nil && u.Host != "" {
		host = u.Host
		target = u.RequestURI()
		if strings.Contains(u.EscapedPath(), "%7B") {
			target = braces.Replace(target)
		}
	}
	var k code
	ok := slices.Contains(httpMethods, c.method) && target != "" && !strings.ContainsAny(target, " \t\r\n")
	k.add(chroma.NameFunction, c.method)
	k.text(" ")
	k.add(chroma.NameNamespace, target)
	k.text(" ")
	k.add(chroma.KeywordReserved, "HTTP")
	k.add(chroma.Operator, "/")
	k.add(chroma.LiteralNumber, "1.1")
	k.text("\n")
	contentType := "" // the last Content-Type, which the lexer colours the body by
	header := func(name, value string) {
		ok = ok && name != "" && !strings.ContainsAny(name, ": \t\r\n") && value != "" && !strings.ContainsAny(value, "\r\n") &&
			value[0] != ' '
		if strings.EqualFold(name, "content-type") {
			contentType, _, _ = strings.Cut(value, ";")
		}
		k.add(chroma.Name, name)
		k.add(chroma.Operator, ":")
		k.text(" ")
		k.add(chroma.Literal, value)
		k.text("\n")
	}
	if host != "" {
		header("Host", host)
	}
	for _, h := range c.headers {
		header(h[0], h[1])
	}
	if c.form != nil {
		ok = false
		k.text(fmt.Sprintf("Content-Type: %s; boundary=%s\n\n", c.media, boundary))
		k.text(multipartText(c.form))
	}
	if c.file != "" {
		ok = false
		k.text("\n(binary)")
	}
	if c.body != "" {
		header("Content-Length", strconv.Itoa(len(c.body)))
		k.text("\n")
		// The lexer colours a body by its Content-Type: JSON as JSON.
		ok = ok && strings.TrimSpace(contentType) == "application/json"
		k.value(c.body, inJSON)
	}
	k.trimNewlines()
	k.lex = k.lex || !ok
	return k
}

// jsString quotes s as a JavaScript or Python string literal.
func jsString(s string) string {
	b, _ := encodeJSON(nil, s, "")
	return string(b)
}

func fetchSample(c call) code {
	var k code
	str := func(s string) { k.add(chroma.LiteralStringDouble, jsString(s)) }
	// declare writes `const name = `.
	declare := func(name string) {
		k.add(chroma.KeywordReserved, "const")
		k.text(" ")
		k.add(chroma.NameOther, name)
		k.text(" ")
		k.add(chroma.Operator, "=")
		k.text(" ")
	}
	if c.form != nil {
		declare("form")
		k.add(chroma.Keyword, "new")
		k.text(" ")
		k.add(chroma.NameOther, "FormData")
		k.add(chroma.Punctuation, "();")
		k.text("\n")
		for _, f := range c.form {
			k.add(chroma.NameOther, "form")
			k.add(chroma.Punctuation, ".")
			k.add(chroma.NameOther, "append")
			k.add(chroma.Punctuation, "(")
			str(f.name)
			k.add(chroma.Punctuation, ",")
			k.text(" ")
			if f.file {
				k.add(chroma.NameOther, "file")
				k.add(chroma.Punctuation, ");")
				k.text(" ")
				k.add(chroma.CommentSingle, "// a File or Blob\n")
			} else {
				str(f.value)
				k.add(chroma.Punctuation, ");")
				k.text("\n")
			}
		}
	}
	if c.file != "" {
		// The file a reader picks in a page, which the other samples read
		// from disk.
		declare("file")
		k.add(chroma.NameBuiltin, "document")
		k.add(chroma.Punctuation, ".")
		k.add(chroma.NameOther, "querySelector")
		k.add(chroma.Punctuation, "(")
		str("input[type=file]")
		k.add(chroma.Punctuation, ").")
		k.add(chroma.NameOther, "files")
		k.add(chroma.Punctuation, "[")
		k.add(chroma.LiteralNumberInteger, "0")
		k.add(chroma.Punctuation, "];")
		k.text("\n")
	}
	declare("response")
	k.add(chroma.KeywordReserved, "await")
	k.text(" ")
	k.add(chroma.NameOther, "fetch")
	k.add(chroma.Punctuation, "(")
	str(c.url)
	k.add(chroma.Punctuation, ",")
	k.text(" ")
	k.add(chroma.Punctuation, "{")
	field := func(name string) {
		k.text("\n  ")
		k.add(chroma.NameOther, name)
		k.add(chroma.Operator, ":")
		k.text(" ")
	}
	field("method")
	str(c.method)
	k.add(chroma.Punctuation, ",")
	if len(c.headers) > 0 {
		field("headers")
		k.add(chroma.Punctuation, "{")
		for i, h := range c.headers {
			k.text("\n    ")
			str(h[0])
			k.add(chroma.Operator, ":")
			k.text(" ")
			str(h[1])
			if i < len(c.headers)-1 {
				k.add(chroma.Punctuation, ",")
			}
		}
		k.text("\n  ")
		k.add(chroma.Punctuation, "},")
	}
	if c.form != nil {
		field("body")
		k.add(chroma.NameOther, "form")
		k.add(chroma.Punctuation, ",")
	}
	if c.file != "" {
		field("body")
		k.add(chroma.NameOther, "file")
		k.add(chroma.Punctuation, ",")
	}
	if c.body != "" {
		field("body")
		if strings.Contains(c.media, "json") {
			k.add(chroma.NameOther, "JSON")
			k.add(chroma.Punctuation, ".")
			k.add(chroma.NameOther, "stringify")
			k.add(chroma.Punctuation, "(")
			k.value(indentLines(c.body, "  "), inJS)
			k.add(chroma.Punctuation, ")")
		} else {
			str(c.body)
		}
		k.add(chroma.Punctuation, ",")
	}
	k.text("\n")
	k.add(chroma.Punctuation, "});")
	if c.reply == "" {
		return k // no content to read
	}
	k.text("\n")
	declare("data")
	k.add(chroma.KeywordReserved, "await")
	k.text(" ")
	k.add(chroma.NameOther, "response")
	k.add(chroma.Punctuation, ".")
	if c.reply == "binary" {
		k.add(chroma.NameOther, "blob")
	} else {
		k.add(chroma.NameOther, c.reply)
	}
	k.add(chroma.Punctuation, "();")
	return k
}

func pythonSample(c call) code {
	var k code
	str := func(s string) { k.str(jsString(s), inPython, false) }
	k.add(chroma.KeywordNamespace, "import")
	k.text(" ")
	k.add(chroma.NameNamespace, "requests")
	k.text("\n\n")
	k.add(chroma.Name, "response")
	k.text(" ")
	k.add(chroma.Operator, "=")
	k.text(" ")
	k.add(chroma.Name, "requests")
	k.add(chroma.Operator, ".")
	k.add(chroma.Name, "request")
	k.add(chroma.Punctuation, "(")
	k.text("\n    ")
	str(c.method)
	k.add(chroma.Punctuation, ",")
	k.text("\n    ")
	str(c.url)
	k.add(chroma.Punctuation, ",")
	// dict writes name={ "key": value, … },
	dict := func(name string, n int, entry func(i int)) {
		if n == 0 {
			return
		}
		k.text("\n    ")
		k.add(chroma.Name, name)
		k.add(chroma.Operator, "=")
		k.add(chroma.Punctuation, "{")
		for i := range n {
			k.text("\n        ")
			entry(i)
			k.add(chroma.Punctuation, ",")
		}
		k.text("\n    ")
		k.add(chroma.Punctuation, "},")
	}
	dict("headers", len(c.headers), func(i int) {
		str(c.headers[i][0])
		k.add(chroma.Punctuation, ":")
		k.text(" ")
		str(c.headers[i][1])
	})
	var data, files []formField
	for _, f := range c.form {
		if f.file {
			files = append(files, f)
		} else {
			data = append(data, f)
		}
	}
	dict("data", len(data), func(i int) {
		str(data[i].name)
		k.add(chroma.Punctuation, ":")
		k.text(" ")
		str(data[i].value)
	})
	dict("files", len(files), func(i int) {
		str(files[i].name)
		k.add(chroma.Punctuation, ":")
		k.text(" ")
		k.add(chroma.NameBuiltin, "open")
		k.add(chroma.Punctuation, "(")
		str(files[i].name)
		k.add(chroma.Punctuation, ",")
		k.text(" ")
		str("rb")
		k.add(chroma.Punctuation, ")")
	})
	if c.body != "" {
		k.text("\n    ")
		if strings.Contains(c.media, "json") {
			k.add(chroma.Name, "json")
			k.add(chroma.Operator, "=")
			k.value(indentLines(c.body, "    "), inPython)
		} else {
			k.add(chroma.Name, "data")
			k.add(chroma.Operator, "=")
			str(c.body)
		}
		k.add(chroma.Punctuation, ",")
	}
	if c.file != "" {
		k.text("\n    ")
		k.add(chroma.Name, "data")
		k.add(chroma.Operator, "=")
		k.add(chroma.NameBuiltin, "open")
		k.add(chroma.Punctuation, "(")
		str(c.file)
		k.add(chroma.Punctuation, ",")
		k.text(" ")
		str("rb")
		k.add(chroma.Punctuation, "),")
	}
	k.text("\n")
	k.add(chroma.Punctuation, ")")
	if c.reply == "" {
		return k // no content to read
	}
	k.text("\n")
	k.add(chroma.Name, "data")
	k.text(" ")
	k.add(chroma.Operator, "=")
	k.text(" ")
	k.add(chroma.Name, "response")
	k.add(chroma.Operator, ".")
	switch c.reply {
	case "json":
		k.add(chroma.Name, "json")
		k.add(chroma.Punctuation, "()") // a method; text and content are properties
	case "binary":
		k.add(chroma.Name, "content")
	default:
		k.add(chroma.Name, "text")
	}
	return k
}

func indentLines(s, indent string) string {
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}
