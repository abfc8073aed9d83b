package openapi

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"
)

// unresolvedKey replaces the key of a $ref that does not resolve: the
// object is kept, empty, and says what it stood for (see typeTextAt).
const unresolvedKey = "x-folio-unresolved-ref"

// A $ref that does not resolve stops kin-openapi's whole load. When a load
// fails, checkRefs resolves every $ref the spec's load follows itself, as
// kin-openapi would: the file it names inside the loader's root, then the
// JSON pointer of its fragment in that file. Those that do not resolve are
// disabled where they are written (their key renamed to unresolvedKey, so
// that kin-openapi passes over them) all at once, and the spec is loaded
// again. What the check cannot tell (a pointer through another $ref, say)
// is left to kin-openapi: disableNamed then disables a $ref its error
// quotes, one per load.

// yamlRef is a `$ref` written in a document: its value and where its key
// is, as written.
type yamlRef struct {
	value     string
	line, col int // of the key, 1-based, the column in characters
}

// refChecker resolves the $refs of a spec's files.
type refChecker struct {
	l       *Loader
	sp      *Spec
	local   bool
	swagger bool
	docs    map[string]*refDoc
	walked  map[*yaml.Node]bool
	queue   []refTarget
	broken  []brokenRef
}

// refDoc is a file as the checker read it.
type refDoc struct {
	root *yaml.Node // the document's content, nil when err is set
	err  error      // why the file cannot be read or parsed
}

type refTarget struct {
	file string
	node *yaml.Node
}

type brokenRef struct {
	file  string
	ref   yamlRef
	cause string
}

// checkRefs resolves the $refs of sp that its load follows, records the
// ones that resolve in sp.resolved, and disables the others. It reports
// whether it disabled any.
func (l *Loader) checkRefs(sp *Spec, kind string, local bool) bool {
	c := &refChecker{l: l, sp: sp, local: local, swagger: kind == "swagger", docs: map[string]*refDoc{}, walked: map[*yaml.Node]bool{}}
	root := c.doc(sp.File)
	if root.err != nil {
		return false
	}
	c.queue = append(c.queue, refTarget{sp.File, root.root})
	for len(c.queue) > 0 {
		t := c.queue[0]
		c.queue = c.queue[1:]
		c.walk(t.file, t.node, false)
	}
	found := false
	for _, b := range c.broken {
		found = sp.disable(b.file, b.ref, b.cause) || found
	}
	sp.patch()
	return found
}

// doc reads and parses a file, once.
func (c *refChecker) doc(file string) *refDoc {
	if d, ok := c.docs[file]; ok {
		return d
	}
	d := &refDoc{}
	c.docs[file] = d
	b, err := c.sp.source(c.l, file)
	if err != nil {
		d.err = err
		return d
	}
	var n yaml.Node
	if err := yaml.Unmarshal(b, &n); err != nil {
		d.err = fmt.Errorf("the file is not YAML or JSON: %s", oneLine(err.Error()))
		return d
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		d.root = n.Content[0]
	} else {
		d.root = &n
	}
	return d
}

// literalKeys are the keywords whose values are data, not OpenAPI
// objects: kin-openapi follows no $ref inside them.
var literalKeys = map[string]bool{"example": true, "default": true, "enum": true, "const": true, "value": true}

// nameKeys are the keywords whose values map names (of properties,
// schemas, paths, status codes…) to objects: their keys are not keywords.
var nameKeys = map[string]bool{
	"properties": true, "patternProperties": true, "definitions": true, "$defs": true, "dependentSchemas": true,
	"schemas": true, "responses": true, "parameters": true, "requestBodies": true, "headers": true,
	"securitySchemes": true, "securityDefinitions": true, "links": true, "callbacks": true, "pathItems": true,
	"paths": true, "webhooks": true, "content": true, "encoding": true, "examples": true, "variables": true,
}

// walk checks the $refs in n, a node of file. In a mapping whose keys are
// names (names), no key is a keyword.
func (c *refChecker) walk(file string, n *yaml.Node, names bool) {
	if n == nil || c.walked[n] {
		return
	}
	c.walked[n] = true
	switch n.Kind {
	case yaml.SequenceNode:
		for _, item := range n.Content {
			c.walk(file, item, false)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if names {
				c.walk(file, v, false)
				continue
			}
			switch {
			case k.Value == "$ref" && v.Kind == yaml.ScalarNode:
				c.check(file, yamlRef{v.Value, k.Line, k.Column})
			case strings.HasPrefix(k.Value, "x-") || literalKeys[k.Value]:
			case k.Value == "examples" && (v.Kind != yaml.MappingNode || c.swagger):
				// A schema's examples (and Swagger 2.0's) are values.
			default:
				c.walk(file, v, nameKeys[k.Value])
			}
		}
	}
}

// check resolves a $ref of file: its target is walked in turn when it
// resolves, the ref disabled when it does not, and left to kin-openapi
// when the check cannot tell.
func (c *refChecker) check(file string, r yamlRef) {
	target, node, cause := c.resolve(file, r.value)
	if node != nil {
		if not := notObject(node); not != "" {
			// kin-openapi would stop the whole load on it.
			node, cause = nil, "it names "+not+", not an object (a schema, a parameter, a response…)"
		} else if c.refCycle(target, node) {
			node, cause = nil, "it is a cycle of $refs that never reaches a schema"
		}
	}
	switch {
	case node != nil:
		c.sp.resolved[refAt{file, r.line, r.col}] = true
		c.queue = append(c.queue, refTarget{target, node})
	case cause != "":
		c.broken = append(c.broken, brokenRef{file, r, cause})
	}
}

// resolve finds what ref, written in file, names: its file and node, or
// why it does not resolve. Both are empty when the check cannot tell.
func (c *refChecker) resolve(file, ref string) (target string, node *yaml.Node, cause string) {
	if ref == "" {
		return "", nil, ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return "", nil, "it is not a valid URI reference"
	}
	target = file
	switch {
	case u.Scheme != "" && u.Scheme != "file" || u.Host != "":
		if !c.local {
			return "", nil, "" // a downloaded spec: kin-openapi refuses it
		}
		return "", nil, "it points to another host"
	case u.Path != "" || u.Scheme == "file":
		if !c.local {
			return "", nil, ""
		}
		p := filepath.FromSlash(u.Path)
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(file), p)
		}
		target = filepath.Clean(p)
	}
	d := c.doc(target)
	if d.err != nil {
		return "", nil, fileCause(d.err)
	}
	fragment := u.Fragment
	if fragment == "" {
		return target, d.root, ""
	}
	if fragment[0] != '/' {
		return "", nil, "its fragment is not a JSON pointer (#/…)"
	}
	in := ""
	if target != file {
		in = strings.SplitN(ref, "#", 2)[0]
	}
	where := func(done string) string {
		switch {
		case done == "" && in == "":
			return "at the top level"
		case done == "":
			return "at the top level of " + in
		}
		return "in " + in + "#" + done
	}
	cur := d.root
	done := ""
	for part := range strings.SplitSeq(fragment[1:], "/") {
		token := pointerToken(part)
		cur = unalias(cur)
		var next *yaml.Node
		switch cur.Kind {
		case yaml.MappingNode:
			other := false // a $ref or merge key may bring the token in
			for i := 0; i+1 < len(cur.Content); i += 2 {
				switch k := cur.Content[i].Value; {
				case k == token && next == nil:
					next = cur.Content[i+1]
				case k == "$ref" || k == "<<":
					other = true
				}
			}
			if next == nil && (other || token == "") {
				return "", nil, ""
			}
			if next == nil {
				return "", nil, fmt.Sprintf("there is no %q %s", token, where(done))
			}
		case yaml.SequenceNode:
			i, err := strconv.Atoi(token)
			if err != nil || i < 0 || i >= len(cur.Content) {
				return "", nil, fmt.Sprintf("there is no item %q %s", token, where(done))
			}
			next = cur.Content[i]
		default:
			return "", nil, fmt.Sprintf("%s is not an object: it has no %q", strings.TrimPrefix(where(done), "in "), token)
		}
		cur = next
		done += "/" + part
	}
	return target, cur, ""
}

// refCycle reports whether node, of file, is a $ref alone that leads,
// $ref after $ref, back to itself: nothing is ever named (A is B, B is A),
// which kin-openapi reports as an unresolved ref, as if B were missing.
func (c *refChecker) refCycle(file string, node *yaml.Node) bool {
	seen := map[*yaml.Node]bool{}
	for n := node; n != nil; {
		if seen[n] {
			return true
		}
		seen[n] = true
		ref := onlyRef(n)
		if ref == "" {
			return false
		}
		file, n, _ = c.resolve(file, ref)
	}
	return false
}

// onlyRef is the $ref of a mapping node that holds nothing else, "" for
// another node.
func onlyRef(n *yaml.Node) string {
	n = unalias(n)
	if n == nil || n.Kind != yaml.MappingNode || len(n.Content) != 2 || n.Content[0].Value != "$ref" {
		return ""
	}
	return n.Content[1].Value
}

// unalias is the node an alias (*name) stands for, n itself if it is none.
func unalias(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

// notObject says what the target n of a $ref is when that is not an
// object, which every $ref of OpenAPI names ("" when it is one): a Markdown
// file, say, reads as YAML text. A JSON Schema may be true or false.
func notObject(n *yaml.Node) string {
	n = unalias(n)
	switch {
	case n.Kind == yaml.MappingNode:
		return ""
	case n.Kind == yaml.ScalarNode && n.Tag == "!!bool":
		return ""
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case n.Kind == yaml.ScalarNode && n.Tag == "!!null":
		return "nothing"
	}
	return "a text"
}

// fileCause says why a file a $ref names cannot be had.
func fileCause(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "the file does not exist"
	case errors.Is(err, ErrOutside):
		return "the file is outside the repository"
	case errors.Is(err, syscall.EISDIR):
		return "it names a folder"
	}
	return oneLine(err.Error())
}

// refAt is where a $ref is written.
type refAt struct {
	file      string
	line, col int
}

// disable records ref, written in file, in sp.Unresolved, its key to be
// renamed to unresolvedKey by patch. It reports whether it did.
func (sp *Spec) disable(file string, r yamlRef, cause string) bool {
	at := refAt{file, r.line, r.col}
	if sp.disabled[at] {
		return false
	}
	off := keyOffset(sp.src[file], r.line, r.col)
	if off < 0 {
		return false
	}
	sp.disabled[at] = true
	sp.offsets[file] = append(sp.offsets[file], off)
	sp.Unresolved = append(sp.Unresolved, LoadError{File: file, Line: r.line, Col: r.col, Ref: r.value, Err: errors.New(cause)})
	return true
}

// patch makes what kin-openapi reads of sp's files: the keys of their
// disabled $refs renamed, and their slips fixed.
func (sp *Spec) patch() {
	for file := range sp.src {
		edits := sp.slipFixes[file]
		for _, off := range sp.offsets[file] {
			edits = append(edits, slipFix{off: off, n: len("$ref"), text: unresolvedKey})
		}
		if len(edits) == 0 {
			continue
		}
		slices.SortFunc(edits, func(a, b slipFix) int { return a.off - b.off })
		src := sp.src[file]
		var b bytes.Buffer
		b.Grow(len(src) + len(edits)*len(unresolvedKey))
		last := 0
		for _, e := range edits {
			if e.off < last {
				continue // one inside another: never, as they are a key or a value each
			}
			b.Write(src[last:e.off])
			b.WriteString(e.text)
			last = e.off + e.n
		}
		b.Write(src[last:])
		sp.files[file] = b.Bytes()
	}
}

// origCol is the column, in file as written, of what is at line and col
// of it once its disabled $refs are renamed and its slips fixed.
func (sp *Spec) origCol(file string, line, col int) int {
	shift := 0
	for at := range sp.disabled {
		if at.file == file && at.line == line && at.col < col {
			shift += len(unresolvedKey) - len("$ref")
		}
	}
	for _, f := range sp.slipFixes[file] {
		if f.line == line && f.col < col {
			shift += utf8.RuneCountInString(f.text) - utf8.RuneCount(sp.src[file][f.off:f.off+f.n])
		}
	}
	return max(col-shift, 1)
}

// isRefFailure reports whether a load error of kin-openapi's is a $ref
// that does not resolve.
func isRefFailure(msg string) bool {
	for _, s := range []string{"resolve", "not found", "no such file", "outside the repository", "another host"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// disableNamed finds, in the files read, a $ref that err, kin-openapi's,
// says does not resolve and that checkRefs did not see resolve, and
// disables it. It reports whether it found one.
func (sp *Spec) disableNamed(err error) bool {
	msg := err.Error()
	if !isRefFailure(msg) {
		return false
	}
	var quoted []string
	for _, m := range quotedRE.FindAllStringSubmatch(msg, -1) {
		quoted = append(quoted, m[1])
	}
	found := false
	for _, f := range slices.Sorted(maps.Keys(sp.src)) {
		for _, r := range refsOf(sp.src[f]) {
			at := refAt{f, r.line, r.col}
			if sp.disabled[at] || sp.resolved[at] {
				continue
			}
			// kin-openapi quotes a Swagger 2.0 ref converted.
			if slices.Contains(quoted, r.value) || slices.Contains(quoted, openapi2conv.ToV3Ref(r.value)) {
				found = sp.disable(f, r, refCause(msg)) || found
			}
		}
	}
	sp.patch()
	return found
}

// refsOf lists the $refs written in a document.
func refsOf(b []byte) []yamlRef {
	var root yaml.Node
	if yaml.Unmarshal(b, &root) != nil {
		return nil
	}
	var refs []yamlRef
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(n.Content); i += 2 {
				if k, v := n.Content[i], n.Content[i+1]; k.Value == "$ref" && v.Kind == yaml.ScalarNode {
					refs = append(refs, yamlRef{v.Value, k.Line, k.Column})
				}
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(&root)
	return refs
}

// isDisabled reports whether an object, by its extensions, is what a
// disabled $ref left.
func isDisabled(ext map[string]any) bool {
	_, ok := ext[unresolvedKey]
	return ok
}

// hideDisabled keeps strict validation from faulting the objects that
// disabled $refs left for what they lack, until restore is called:
// parameters and headers are taken out of their lists and maps, responses
// given a description and request bodies a content. (For OpenAPI 3.x
// aboutDisabled would tell such a problem by its origin; Swagger 2.0
// converted has none.)
func hideDisabled(doc *openapi3.T) (restore func()) {
	var undo []func()
	params := func(ps *openapi3.Parameters) {
		kept := slices.DeleteFunc(slices.Clone(*ps), func(p *openapi3.ParameterRef) bool {
			return p != nil && p.Value != nil && isDisabled(p.Value.Extensions)
		})
		if len(kept) == len(*ps) {
			return
		}
		old := *ps
		*ps = kept
		undo = append(undo, func() { *ps = old })
	}
	response := func(r *openapi3.ResponseRef) {
		if r == nil || r.Value == nil || r.Value.Description != nil || !isDisabled(r.Value.Extensions) {
			return
		}
		v := r.Value
		v.Description = new(string)
		undo = append(undo, func() { v.Description = nil })
	}
	body := func(b *openapi3.RequestBodyRef) {
		if b == nil || b.Value == nil || b.Value.Content != nil || !isDisabled(b.Value.Extensions) {
			return
		}
		v := b.Value
		v.Content = openapi3.Content{}
		undo = append(undo, func() { v.Content = nil })
	}
	headers := func(hs openapi3.Headers) {
		for name, h := range hs {
			if h != nil && h.Value != nil && isDisabled(h.Value.Extensions) {
				delete(hs, name)
				undo = append(undo, func() { hs[name] = h })
			}
		}
	}
	var item func(*openapi3.PathItem)
	seen := map[*openapi3.PathItem]bool{}
	item = func(pi *openapi3.PathItem) {
		if pi == nil || seen[pi] {
			return
		}
		seen[pi] = true
		params(&pi.Parameters)
		for _, op := range pi.Operations() {
			params(&op.Parameters)
			body(op.RequestBody)
			if op.Responses != nil {
				for _, r := range op.Responses.Map() {
					response(r)
					if r != nil && r.Value != nil {
						headers(r.Value.Headers)
					}
				}
			}
			for _, cb := range op.Callbacks {
				if cb != nil && cb.Value != nil {
					for _, p := range cb.Value.Map() {
						item(p)
					}
				}
			}
		}
	}
	if doc.Paths != nil {
		for _, p := range doc.Paths.Map() {
			item(p)
		}
	}
	for _, p := range doc.Webhooks {
		item(p)
	}
	if c := doc.Components; c != nil {
		for name, p := range c.Parameters {
			if p != nil && p.Value != nil && isDisabled(p.Value.Extensions) {
				delete(c.Parameters, name)
				undo = append(undo, func() { c.Parameters[name] = p })
			}
		}
		for _, r := range c.Responses {
			response(r)
			if r != nil && r.Value != nil {
				headers(r.Value.Headers)
			}
		}
		for _, b := range c.RequestBodies {
			body(b)
		}
		headers(c.Headers)
	}
	return func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
}

// pointerToken undoes the escapes of a JSON pointer's token: ~1 is /, ~0
// is ~.
func pointerToken(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~1", "/"), "~0", "~")
}
