// Package openapi renders GitBook's API reference blocks from OpenAPI 3.0,
// 3.1 and Swagger 2.0 specifications: an operation, a webhook or a set of
// schemas, as server-side HTML that reads without JavaScript.
//
// Specs are parsed by github.com/getkin/kin-openapi (Swagger 2.0 through
// its openapi2conv, so there is one model and one renderer). A [Loader]
// loads each file once however many blocks use it, and reads only files
// inside the directory it is given: a `$ref` to another host or out of
// that directory is refused. kin-openapi loads objects into Go maps; the
// authored order of paths, properties and responses is recovered from the
// positions it records, or from the source's own mappings (see order.go).
package openapi

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
	"go.yaml.in/yaml/v4"

	"folio/internal/source"
)

// Spec is a loaded specification.
type Spec struct {
	Doc *openapi3.T
	// File is where it was read from: an absolute path, or the URL of a
	// downloaded spec.
	File string
	// Version is the version the file declares ("2.0", "3.0.3", "3.1.0").
	Version string
	// Problems are what kin-openapi's strict validation finds, none when
	// the spec passes: the first maxProblems of them in the file, in
	// order. Such a spec is still rendered.
	Problems []Problem
	// ProblemsNotShown counts the problems beyond those.
	ProblemsNotShown int
	// Unresolved are the $refs that do not resolve: each is rendered as
	// an empty object, and the rest of the spec as written.
	Unresolved []LoadError
	// Slips are the values of a type OpenAPI does not allow that are read
	// as their author meant, or left out (slips.go).
	Slips []Slip

	order *keyOrder
	// src is every file read, by absolute path, as written; files the
	// same as kin-openapi reads them, their disabled $refs renamed.
	src, files map[string][]byte
	disabled   map[refAt]bool   // the $refs disabled
	offsets    map[string][]int // the byte offsets in src of their keys, by file
	resolved   map[refAt]bool   // the $refs checkRefs saw resolve
	slipFixes  map[string][]slipFix
}

// Files are the files the spec was read from, the spec's own and those
// its $refs name, sorted.
func (sp *Spec) Files() []string {
	return slices.Sorted(maps.Keys(sp.src))
}

// addFile records the file's text as written and as kin-openapi reads it,
// its slips fixed once they are looked for (readSlips).
func (sp *Spec) addFile(file string, b []byte) {
	sp.src[file], sp.files[file] = b, b
	sp.order.add(b)
	if sp.slipFixes != nil && sp.addSlips(file) {
		sp.patch()
	}
}

// readSlips looks for the slips of the files read so far, and of those
// read after; it reports whether it found any.
func (sp *Spec) readSlips() bool {
	if sp.slipFixes != nil {
		return false // looked for already
	}
	sp.slipFixes = map[string][]slipFix{}
	found := false
	for _, file := range slices.Sorted(maps.Keys(sp.src)) {
		found = sp.addSlips(file) || found
	}
	if found {
		sp.patch()
	}
	return found
}

func (sp *Spec) addSlips(file string) bool {
	fixes, slips := findSlips(file, sp.src[file])
	if len(fixes) == 0 {
		return false
	}
	sp.slipFixes[file] = fixes
	sp.Slips = append(sp.Slips, slips...)
	return true
}

// LoadError is a spec that could not be loaded, with where it went wrong
// when that is known.
type LoadError struct {
	File string // absolute path of the file at fault (the spec or a file it refers to)
	Line int    // 1-based, 0 when unknown
	Col  int    // 1-based, 0 when unknown
	Ref  string // the `$ref` that did not resolve, "" for other errors
	Err  error
}

func (e *LoadError) Error() string {
	if e.Ref != "" {
		return fmt.Sprintf("$ref %q does not resolve: %v", e.Ref, e.Err)
	}
	return e.Err.Error()
}

func (e *LoadError) Unwrap() error { return e.Err }

// Loader loads specs from files inside Root, each once.
type Loader struct {
	root string // absolute, symbolic links resolved
	// read reads a file of the root in place of the disk (NewLoaderReading).
	read func(abs string) ([]byte, error)

	mu    sync.Mutex
	specs map[string]*loading
}

type loading struct {
	once sync.Once
	spec *Spec
	err  error
}

// NewLoader returns a loader that reads only files inside root.
func NewLoader(root string) *Loader {
	abs, err := filepath.Abs(root)
	if err == nil {
		if r, err := filepath.EvalSymlinks(abs); err == nil {
			abs = r
		}
	}
	return &Loader{root: abs, specs: map[string]*loading{}}
}

// NewLoaderReading returns a loader that reads the files inside root with
// read, not from the disk: a spec as it was at an earlier commit, which
// review mode compares with the spec now.
func NewLoaderReading(root string, read func(abs string) ([]byte, error)) *Loader {
	l := NewLoader(root)
	l.read = read
	return l
}

// Load loads the spec in file (an absolute path, or one relative to the
// root). A file is loaded once; later calls return the same Spec, which
// must not be modified.
func (l *Loader) Load(file string) (*Spec, error) {
	if !filepath.IsAbs(file) {
		file = filepath.Join(l.root, file)
	}
	file = filepath.Clean(file)
	return l.once(file, func() (*Spec, error) {
		data, err := l.readFile(file)
		if err != nil {
			return nil, &LoadError{File: file, Err: err}
		}
		return l.parse(file, data, true)
	})
}

// LoadData loads a spec whose bytes the caller read (a downloaded spec),
// under the name key. It may not refer to other files.
func (l *Loader) LoadData(key string, data []byte) (*Spec, error) {
	return l.once("data:"+key, func() (*Spec, error) { return l.parse(key, data, false) })
}

func (l *Loader) once(key string, load func() (*Spec, error)) (*Spec, error) {
	l.mu.Lock()
	e := l.specs[key]
	if e == nil {
		e = &loading{}
		l.specs[key] = e
	}
	l.mu.Unlock()
	e.once.Do(func() { e.spec, e.err = load() })
	return e.spec, e.err
}

// readFile reads a file inside the root, after following its symbolic
// links.
func (l *Loader) readFile(file string) ([]byte, error) {
	outside := func(p string) bool {
		rel, err := filepath.Rel(l.root, p)
		return err != nil || !filepath.IsLocal(rel)
	}
	// Judged as written before the file is looked at: whether a file
	// outside exists is not the spec's to learn (a CI log would tell).
	if outside(filepath.Clean(file)) {
		return nil, fmt.Errorf("%s is %w: not read", file, ErrOutside)
	}
	if l.read != nil {
		return l.read(filepath.Clean(file))
	}
	real, err := filepath.EvalSymlinks(file)
	if err != nil {
		return nil, err
	}
	if outside(real) {
		return nil, fmt.Errorf("%s is %w: not read", file, ErrOutside)
	}
	return os.ReadFile(real)
}

// ErrOutside is the error of a spec, or a file its $refs name, outside
// the folder the Loader reads from.
var ErrOutside = errors.New("outside the repository")

// source returns a file of sp as written, reading it (with l.readFile)
// the first time.
func (sp *Spec) source(l *Loader, file string) ([]byte, error) {
	if b, ok := sp.src[file]; ok {
		return b, nil
	}
	b, err := l.readFile(file)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	sp.addFile(file, b)
	return b, nil
}

var (
	versionRE     = regexp.MustCompile(`(?m)^["']?(openapi|swagger)["']?\s*:\s*["']?([0-9][0-9.]*)`)
	jsonVersionRE = regexp.MustCompile(`"(openapi|swagger)"\s*:\s*"([0-9][0-9.]*)"`)
	lineRE        = regexp.MustCompile(`line (\d+)`)
)

// validate validates doc, the disabled $refs' objects hidden.
func (sp *Spec) validate(doc *openapi3.T) []error {
	restore := func() {}
	if len(sp.Unresolved) > 0 {
		restore = hideDisabled(doc)
	}
	defer restore()
	return validate(doc, openapi3.DisableExamplesValidation())
}

func (l *Loader) parse(file string, data []byte, local bool) (*Spec, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	sp := &Spec{File: file, src: map[string][]byte{}, files: map[string][]byte{}, order: &keyOrder{},
		disabled: map[refAt]bool{}, offsets: map[string][]int{}, resolved: map[refAt]bool{}}
	kind, version := specVersion(data)
	if kind == "" {
		// Say first why a file that is not YAML (nor JSON) is not, where.
		sp.src[file] = data
		var n yaml.Node
		if err := yaml.Unmarshal(data, &n); err != nil {
			return nil, sp.loadError(err)
		}
		return nil, &LoadError{File: file, Line: 1, Err: errors.New("not an OpenAPI or Swagger document: it has no openapi or swagger version field")}
	}
	sp.addFile(file, data)
	sp.Version = version

	doc, err := l.loadAll(sp, kind, local)
	if err != nil && sp.readSlips() {
		// A value of the wrong type stops the load too: the spec's slips
		// are looked for only then, so that a spec without any costs
		// nothing more (slips.go).
		doc, err = l.loadAll(sp, kind, local)
	}
	if err != nil {
		return nil, sp.loadError(err)
	}
	verrs := sp.validate(doc)
	if slices.ContainsFunc(verrs, func(e error) bool { return strings.Contains(e.Error(), "found unresolved ref") }) && l.checkRefs(sp, kind, local) {
		// A load that succeeds may still hold $refs that name nothing (a
		// cycle of $refs): checkRefs says which, and they are disabled.
		if d, err := l.load(sp, kind, local); err == nil {
			doc = d
			verrs = sp.validate(doc)
		}
	}
	sp.Doc = doc
	for _, verr := range verrs {
		if aboutDisabled(verr) {
			continue // an object of a disabled $ref lacks what it must have
		}
		p := Problem{Msg: oneLine(verr.Error())}
		p.Line, p.Col = sp.errorPos(verr, file)
		if p.Col > 0 {
			p.Col = sp.origCol(file, p.Line, p.Col)
		}
		if !slices.Contains(sp.Problems, p) {
			sp.Problems = append(sp.Problems, p)
		}
	}
	// The first in the file are the ones shown.
	slices.SortStableFunc(sp.Problems, func(a, b Problem) int { return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col)) })
	if len(sp.Problems) > maxProblems {
		sp.ProblemsNotShown = len(sp.Problems) - maxProblems
		sp.Problems = sp.Problems[:maxProblems:maxProblems]
	}
	return sp, nil
}

// specVersion returns the kind of spec data declares (openapi or
// swagger) and its version; "" for a file that is no spec.
func specVersion(data []byte) (kind, version string) {
	if !bytes.Contains(data, []byte("openapi")) && !bytes.Contains(data, []byte("swagger")) {
		return "", "" // quickly, for a large file of data
	}
	if m := versionRE.FindSubmatch(data); m != nil {
		return string(m[1]), string(m[2])
	}
	if m := jsonVersionRE.FindSubmatch(data); m != nil {
		return string(m[1]), string(m[2])
	}
	return "", ""
}

// LooksLikeSpec reports whether a file's text declares an OpenAPI or
// Swagger version: a cheap test, without parsing, before a file linked
// for download is loaded as a spec.
func LooksLikeSpec(data []byte) bool {
	kind, _ := specVersion(data)
	return kind != ""
}

// loadAll loads the spec. A $ref that does not resolve stops
// kin-openapi's whole load: the ones that do not are disabled where they
// are written and the load tried again, so one bad $ref costs its own
// object, not every operation of the spec (see refs.go).
func (l *Loader) loadAll(sp *Spec, kind string, local bool) (*openapi3.T, error) {
	doc, err := l.load(sp, kind, local)
	if err != nil && l.checkRefs(sp, kind, local) {
		doc, err = l.load(sp, kind, local)
	}
	for i := 0; err != nil && i < maxReloads && sp.disableNamed(err); i++ {
		doc, err = l.load(sp, kind, local)
	}
	return doc, err
}

// maxProblems bounds the validation problems a spec reports.
const maxProblems = 20

// aboutDisabled reports whether a validation error is about the object
// of a $ref that was disabled.
func aboutDisabled(err error) bool {
	return walkErrors(err, func(e error) bool {
		o := errorOrigin(e)
		return o != nil && slices.ContainsFunc(o.Fields, func(f openapi3.Location) bool { return f.Name == unresolvedKey })
	})
}

// Problem is a place where a spec breaks OpenAPI's rules.
type Problem struct {
	Msg  string
	Line int // in the spec's file, 0 when unknown
	Col  int // 0 when unknown
}

// maxReloads bounds the loads of a spec with $refs that do not resolve
// which checkRefs cannot tell.
const maxReloads = 16

// load runs kin-openapi on the spec's files as they are now in sp.files.
func (l *Loader) load(sp *Spec, kind string, local bool) (*openapi3.T, error) {
	data := sp.files[sp.File]
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = local
	loader.ReadFromURIFunc = func(_ *openapi3.Loader, u *url.URL) ([]byte, error) {
		if !local {
			return nil, fmt.Errorf("%s: a downloaded spec may not refer to other files", u)
		}
		if u.Scheme != "" && u.Scheme != "file" || u.Host != "" {
			return nil, fmt.Errorf("%s: reading from another host is not allowed; map it to a local file", u)
		}
		p := filepath.Clean(filepath.FromSlash(u.Path))
		if _, err := sp.source(l, p); err != nil {
			return nil, err
		}
		return sp.files[p], nil
	}
	loc := &url.URL{Path: filepath.ToSlash(sp.File)}
	if !local {
		loc = nil
	}
	// Origins are where each object is written: they order map entries
	// (see orderedKeys) and place validation errors.
	loader.IncludeOrigin = true
	switch {
	case kind == "swagger":
		var d2 openapi2.T
		if err := openapi2.UnmarshalFromData(data, &d2); err != nil {
			return nil, err
		}
		return openapi2conv.ToV3WithLoader(&d2, loader, loc)
	case local:
		return loader.LoadFromDataWithPath(data, loc)
	default:
		return loader.LoadFromData(data)
	}
}

// keyOffset is the byte offset of the `$ref` of a key at line and column
// (1-based, the column in characters), which may be quoted; -1 when it
// is not there.
func keyOffset(b []byte, line, col int) int {
	off := 0
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(b[off:], '\n')
		if j < 0 {
			return -1
		}
		off += j + 1
	}
	for i := 1; i < col && off < len(b) && b[off] != '\n'; i++ {
		_, size := utf8.DecodeRune(b[off:])
		off += size
	}
	if k := bytes.Index(b[off:min(off+6, len(b))], []byte("$ref")); k >= 0 {
		return off + k
	}
	return -1
}

var refInErrRE = regexp.MustCompile(`(?:ref|reference|\$ref)[^"]*"([^"]+)"`)

// loadError places a load failure: the file and line of a `$ref` that
// does not resolve, or of a YAML syntax error.
func (sp *Spec) loadError(err error) error {
	msg := err.Error()
	e := &LoadError{File: sp.File, Err: errors.New(oneLine(msg))}
	if m := refInErrRE.FindStringSubmatch(msg); m != nil && isRefFailure(msg) {
		e.Ref = m[1]
		e.Err = errors.New(refCause(msg))
		// The ref as written: find the file that holds it.
		for f, b := range sp.src {
			if line := lineOfText(b, m[1]); line > 0 {
				e.File, e.Line = f, line
				if f == sp.File {
					break
				}
			}
		}
		return e
	}
	src := sp.src[sp.File]
	var syn *json.SyntaxError
	var v any
	if trimmed := bytes.TrimSpace(src); len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') && errors.As(json.Unmarshal(src, &v), &syn) {
		// JSON, which YAML's error would describe too: JSON's alone, where
		// it is.
		e.Err = fmt.Errorf("not valid JSON: %s", syn)
		e.Line, e.Col = source.Pos(src, max(int(syn.Offset)-1, 0)) // Offset is just past its place
		return e
	}
	if m := yamlPosRE.FindStringSubmatch(msg); m != nil {
		// The YAML constructor's own place (at L3.C40), which "line 1"
		// before it is not.
		e.Line, _ = strconv.Atoi(m[1])
		e.Col, _ = strconv.Atoi(m[2])
	} else if m := lineRE.FindStringSubmatch(msg); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
	}
	return e
}

// yamlPosRE finds the place go-yaml's constructor gives an error.
var yamlPosRE = regexp.MustCompile(`\bat L(\d+)\.C(\d+)\b`)

// refCause is the end of kin-openapi's error chain: why the ref failed.
func refCause(msg string) string {
	switch {
	case strings.Contains(msg, "no such file"):
		return "the file does not exist"
	case strings.Contains(msg, "outside the repository"):
		return "the file is outside the repository"
	case strings.Contains(msg, "another host"):
		return "it points to another host"
	}
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return oneLine(msg[i+2:])
	}
	return oneLine(msg)
}

var (
	quotedRE   = regexp.MustCompile(`"([^"]*)"`) // empty quotes too, so that the next quote opens
	bracketsRE = regexp.MustCompile(`\[([^\]]+)\]`)
)

// errorPos is the line and column (0 when unknown) in file that a
// validation error is about, line 0 when unknown. Many of kin-openapi's
// error types carry the Origin of the object at fault, with where each
// of its fields is: the field the message quotes ('in', 'type') is the
// place; an extra field is found among that object's keys.
func (sp *Spec) errorPos(err error, file string) (line, col int) {
	msg := err.Error()
	walkErrors(err, func(e error) bool {
		o := errorOrigin(e)
		if o == nil {
			return false
		}
		if sib, ok := e.(*openapi3.ExtraSiblingFieldsError); ok {
			// The origin is the parent's (its key, none for the document
			// itself): look for the extra key inside it.
			from, to, depth := 0, 0, 0
			if o.Key != nil {
				from, to, depth = o.Key.Line, o.Key.EndLine, -1
			}
			for _, k := range keysOf(sp.files[file]) {
				if slices.Contains(sib.Fields, k.name) && k.line > from && (to == 0 || k.line <= to) && (depth < 0 || k.depth == depth) {
					line = k.line
					return true
				}
			}
		}
		for _, f := range o.Fields {
			if f.Line > 0 && (f.File == "" || filepath.FromSlash(f.File) == file) &&
				(strings.Contains(msg, "'"+f.Name+"'") || strings.Contains(msg, `"`+f.Name+`"`)) {
				line, col = f.Line, f.Column
				return true
			}
		}
		if o.Key != nil && o.Key.Line > 0 && (o.Key.File == "" || filepath.FromSlash(o.Key.File) == file) {
			line, col = o.Key.Line, o.Key.Column
			return true
		}
		return false
	})
	if line == 0 {
		line = sp.lineOf(file, msg)
	}
	return line, col
}

// errorOrigin returns the Origin field of one of kin-openapi's error
// types, nil when it has none.
func errorOrigin(e error) *openapi3.Origin {
	v := reflect.ValueOf(e)
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	f := v.FieldByName("Origin")
	if !f.IsValid() || f.Type() != reflect.TypeFor[*openapi3.Origin]() || f.IsNil() {
		return nil
	}
	return f.Interface().(*openapi3.Origin)
}

// walkErrors calls fn on err and the errors it wraps, depth first, until
// fn returns true.
func walkErrors(err error, fn func(error) bool) bool {
	if err == nil {
		return false
	}
	if fn(err) {
		return true
	}
	switch e := err.(type) {
	case openapi3.MultiError:
		for _, c := range e {
			if walkErrors(c, fn) {
				return true
			}
		}
	case interface{ Unwrap() []error }:
		for _, c := range e.Unwrap() {
			if walkErrors(c, fn) {
				return true
			}
		}
	case interface{ Unwrap() error }:
		return walkErrors(e.Unwrap(), fn)
	}
	return false
}

// lineOf guesses the line of a validation error from the names it
// quotes ("schema \"Pet\"") or lists in brackets ("extra sibling fields:
// [headers]"): the first key of that name, preferring the document's top
// level, else the first place the text appears.
func (sp *Spec) lineOf(file, msg string) int {
	b := sp.files[file]
	var names []string
	for _, m := range bracketsRE.FindAllStringSubmatch(msg, -1) {
		names = append(names, strings.FieldsFunc(m[1], func(r rune) bool { return r == ' ' || r == ',' })...)
	}
	for _, m := range quotedRE.FindAllStringSubmatch(msg, -1) {
		if m[1] != "" {
			names = append(names, m[1])
		}
	}
	if len(names) == 0 {
		return 0
	}
	keys := keysOf(b)
	for _, top := range []bool{true, false} {
		for _, n := range names {
			for _, k := range keys {
				if k.name == n && (!top || k.depth == 0) {
					return k.line
				}
			}
		}
	}
	for _, n := range names {
		if line := lineOfText(b, n); line > 0 {
			return line
		}
	}
	return 0
}

// yamlKey is a key of a YAML or JSON document: its name, line and how
// many mappings hold it (0 for the top level).
type yamlKey struct {
	name        string
	line, depth int
}

// keysOf lists the keys of a document in the order they are written.
func keysOf(b []byte) []yamlKey {
	var root yaml.Node
	if yaml.Unmarshal(b, &root) != nil {
		return nil
	}
	var keys []yamlKey
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		switch n.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(n.Content); i += 2 {
				keys = append(keys, yamlKey{n.Content[i].Value, n.Content[i].Line, depth})
				walk(n.Content[i+1], depth+1)
			}
		case yaml.SequenceNode, yaml.DocumentNode:
			for _, c := range n.Content {
				walk(c, depth)
			}
		}
	}
	walk(&root, 0)
	return keys
}

// lineOfText returns the 1-based line of the first occurrence of s in b,
// 0 when absent.
func lineOfText(b []byte, s string) int {
	i := bytes.Index(b, []byte(s))
	if i < 0 {
		return 0
	}
	return bytes.Count(b[:i], []byte{'\n'}) + 1
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 300 {
		s = s[:297] + "…"
	}
	return s
}

// Methods lists the HTTP methods an operation may have, in the order a
// reference shows them.
var Methods = []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}
