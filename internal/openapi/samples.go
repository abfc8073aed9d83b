package openapi

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"folio/internal/links"

	"github.com/getkin/kin-openapi/openapi3"
)

// sample is one code sample of an operation.
type sample struct {
	key, label, lang, code string
}

// samples writes the operation's code samples: the spec's x-codeSamples
// when it has them, else cURL, HTTP, JavaScript and Python built here.
func (r *renderer) samples(op *Operation, base string, params []*openapi3.Parameter) {
	list := r.specSamples(op)
	if list == nil {
		list = r.buildSamples(op, base, params)
	}
	if len(list) == 0 {
		return
	}
	id := esc(r.o.ID)
	r.printf(`<details class="api-section api-samples" open><summary>%s</summary><div class="tabs"><div class="tabs-list" role="tablist">`, esc(r.o.str("api_samples")))
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
		r.code(s.lang, s.code)
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
		out = append(out, sample{key: links.Key(lang), label: label, lang: strings.ToLower(lang), code: strings.TrimRight(src, "\n")})
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
}

// formField is a field of a multipart body: a value, or a file to upload.
type formField struct {
	name, value string
	file        bool
}

// boundary separates the parts of the multipart body the HTTP sample shows.
const boundary = "boundary"

func (r *renderer) buildSamples(op *Operation, base string, params []*openapi3.Parameter) []sample {
	c := call{method: strings.ToUpper(op.Method), url: base + op.Path}
	var query []string
	for _, p := range params {
		switch p.In {
		case "query":
			if p.Required {
				query = append(query, url.QueryEscape(p.Name)+"="+url.QueryEscape(r.paramExample(p)))
			}
		case "header":
			if p.Required {
				c.headers = append(c.headers, [2]string{p.Name, r.paramExample(p)})
			}
		}
	}
	if len(query) > 0 {
		c.url += "?" + strings.Join(query, "&")
	}
	c.headers = append(c.headers, r.authHeaders(op)...)
	if b := r.sent; b != nil {
		c.media = b.media
		switch {
		case strings.HasPrefix(strings.ToLower(b.media), "multipart/form-data"):
			c.form = r.formFields(b.mt, b.v)
		case b.ok:
			c.body, _ = formatExample(r.spec.order, b.media, b.v)
		}
	}
	if c.media != "" && c.form == nil {
		c.headers = append(c.headers, [2]string{"Content-Type", c.media})
	}
	return []sample{
		{"curl", "cURL", "bash", curlSample(c)},
		{"http", "HTTP", "http", httpSample(c)},
		{"javascript", "JavaScript", "javascript", fetchSample(c)},
		{"python", "Python", "python", pythonSample(c)},
	}
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
			return s.Format == "binary" || s.ContentMediaType == "application/octet-stream"
		}
		sr = s.Items
	}
	return false
}

func (r *renderer) paramExample(p *openapi3.Parameter) string {
	if p.Example != nil {
		return scalarText(p.Example)
	}
	g := exampler{order: r.spec.order, request: true}
	if v, ok := g.value(p.Schema, 0); ok && isScalar(v) && v != nil {
		return scalarText(v)
	}
	return p.Name
}

// authHeaders are placeholders for the credentials the operation needs
// (the first requirement only: one way to call it is enough).
func (r *renderer) authHeaders(op *Operation) [][2]string {
	reqs := r.spec.Doc.Security
	if op.Op.Security != nil {
		reqs = *op.Op.Security
	}
	if len(reqs) == 0 || r.spec.Doc.Components == nil {
		return nil
	}
	var out [][2]string
	for _, name := range orderedKeys(r.spec.order, reqs[0]) {
		ref := r.spec.Doc.Components.SecuritySchemes[name]
		if ref == nil || ref.Value == nil {
			continue
		}
		s := ref.Value
		switch strings.ToLower(s.Type) {
		case "http":
			if strings.EqualFold(s.Scheme, "basic") {
				out = append(out, [2]string{"Authorization", "Basic <credentials>"})
			} else {
				out = append(out, [2]string{"Authorization", "Bearer <token>"})
			}
		case "oauth2", "openidconnect":
			out = append(out, [2]string{"Authorization", "Bearer <token>"})
		case "apikey":
			if strings.EqualFold(s.In, "header") {
				out = append(out, [2]string{s.Name, "<api-key>"})
			}
		}
	}
	return out
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func curlSample(c call) string {
	var b strings.Builder
	fmt.Fprintf(&b, "curl -X %s %s", c.method, shellQuote(c.url))
	for _, h := range c.headers {
		fmt.Fprintf(&b, " \\\n  -H %s", shellQuote(h[0]+": "+h[1]))
	}
	for _, f := range c.form {
		v := f.value
		if f.file {
			v = "@" + f.name
		}
		fmt.Fprintf(&b, " \\\n  -F %s", shellQuote(f.name+"="+v))
	}
	if c.body != "" {
		fmt.Fprintf(&b, " \\\n  --data %s", shellQuote(c.body))
	}
	return b.String()
}

// braces puts back the braces of path parameters that URL parsing escaped.
var braces = strings.NewReplacer("%7B", "{", "%7D", "}")

func httpSample(c call) string {
	var b strings.Builder
	u, err := url.Parse(c.url)
	target, host := c.url, ""
	if err == nil && u.Host != "" {
		host = u.Host
		target = u.RequestURI()
		if strings.Contains(u.EscapedPath(), "%7B") {
			target = braces.Replace(target)
		}
	}
	fmt.Fprintf(&b, "%s %s HTTP/1.1\n", c.method, target)
	if host != "" {
		fmt.Fprintf(&b, "Host: %s\n", host)
	}
	for _, h := range c.headers {
		fmt.Fprintf(&b, "%s: %s\n", h[0], h[1])
	}
	if c.form != nil {
		fmt.Fprintf(&b, "Content-Type: %s; boundary=%s\n\n", c.media, boundary)
		for _, f := range c.form {
			if f.file {
				fmt.Fprintf(&b, "--%s\nContent-Disposition: form-data; name=%s; filename=%s\nContent-Type: application/octet-stream\n\n(binary)\n",
					boundary, jsString(f.name), jsString(f.name))
				continue
			}
			fmt.Fprintf(&b, "--%s\nContent-Disposition: form-data; name=%s\n\n%s\n", boundary, jsString(f.name), f.value)
		}
		fmt.Fprintf(&b, "--%s--", boundary)
	}
	if c.body != "" {
		fmt.Fprintf(&b, "Content-Length: %d\n\n%s", len(c.body), c.body)
	}
	return strings.TrimRight(b.String(), "\n")
}

// jsString quotes s as a JavaScript or Python string literal.
func jsString(s string) string {
	b, _ := encodeJSON(nil, s, "")
	return string(b)
}

func fetchSample(c call) string {
	var b strings.Builder
	if c.form != nil {
		b.WriteString("const form = new FormData();\n")
		for _, f := range c.form {
			if f.file {
				fmt.Fprintf(&b, "form.append(%s, file); // a File or Blob\n", jsString(f.name))
			} else {
				fmt.Fprintf(&b, "form.append(%s, %s);\n", jsString(f.name), jsString(f.value))
			}
		}
	}
	fmt.Fprintf(&b, "const response = await fetch(%s, {\n  method: %s,\n", jsString(c.url), jsString(c.method))
	if len(c.headers) > 0 {
		b.WriteString("  headers: {\n")
		for i, h := range c.headers {
			sep := ","
			if i == len(c.headers)-1 {
				sep = ""
			}
			fmt.Fprintf(&b, "    %s: %s%s\n", jsString(h[0]), jsString(h[1]), sep)
		}
		b.WriteString("  },\n")
	}
	if c.form != nil {
		b.WriteString("  body: form,\n")
	}
	if c.body != "" {
		if strings.Contains(c.media, "json") {
			fmt.Fprintf(&b, "  body: JSON.stringify(%s),\n", indentLines(c.body, "  "))
		} else {
			fmt.Fprintf(&b, "  body: %s,\n", jsString(c.body))
		}
	}
	b.WriteString("});\n")
	if strings.Contains(c.media, "json") || c.media == "" {
		b.WriteString("const data = await response.json();")
	} else {
		b.WriteString("const data = await response.text();")
	}
	return b.String()
}

func pythonSample(c call) string {
	var b strings.Builder
	b.WriteString("import requests\n\n")
	fmt.Fprintf(&b, "response = requests.request(\n    %s,\n    %s,\n", jsString(c.method), jsString(c.url))
	if len(c.headers) > 0 {
		b.WriteString("    headers={\n")
		for _, h := range c.headers {
			fmt.Fprintf(&b, "        %s: %s,\n", jsString(h[0]), jsString(h[1]))
		}
		b.WriteString("    },\n")
	}
	var data, files []string
	for _, f := range c.form {
		if f.file {
			files = append(files, fmt.Sprintf("        %s: open(%s, \"rb\"),\n", jsString(f.name), jsString(f.name)))
		} else {
			data = append(data, fmt.Sprintf("        %s: %s,\n", jsString(f.name), jsString(f.value)))
		}
	}
	for _, part := range []struct {
		arg   string
		lines []string
	}{{"data", data}, {"files", files}} {
		if len(part.lines) > 0 {
			fmt.Fprintf(&b, "    %s={\n%s    },\n", part.arg, strings.Join(part.lines, ""))
		}
	}
	if c.body != "" {
		if strings.Contains(c.media, "json") {
			fmt.Fprintf(&b, "    json=%s,\n", pythonLiteral(indentLines(c.body, "    ")))
		} else {
			fmt.Fprintf(&b, "    data=%s,\n", jsString(c.body))
		}
	}
	b.WriteString(")\ndata = response.json()")
	return b.String()
}

// pythonLiteral turns JSON into the Python literal with the same value.
func pythonLiteral(js string) string {
	var b strings.Builder
	inStr := false
	for i := 0; i < len(js); i++ {
		ch := js[i]
		if inStr {
			b.WriteByte(ch)
			if ch == '\\' && i+1 < len(js) {
				i++
				b.WriteByte(js[i])
			} else if ch == '"' {
				inStr = false
			}
			continue
		}
		switch {
		case ch == '"':
			inStr = true
			b.WriteByte(ch)
		case strings.HasPrefix(js[i:], "true"):
			b.WriteString("True")
			i += 3
		case strings.HasPrefix(js[i:], "false"):
			b.WriteString("False")
			i += 4
		case strings.HasPrefix(js[i:], "null"):
			b.WriteString("None")
			i += 3
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

func indentLines(s, indent string) string {
	return strings.ReplaceAll(s, "\n", "\n"+indent)
}
