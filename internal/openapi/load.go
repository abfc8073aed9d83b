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
// source's own mappings (see order.go).
package openapi

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi2"
	"github.com/getkin/kin-openapi/openapi2conv"
	"github.com/getkin/kin-openapi/openapi3"
)

// Spec is a loaded specification.
type Spec struct {
	Doc *openapi3.T
	// File is where it was read from: an absolute path, or the URL of a
	// downloaded spec.
	File string
	// Version is the version the file declares ("2.0", "3.0.3", "3.1.0").
	Version string
	// Invalid is kin-openapi's strict validation error, "" when the spec
	// passes. Such a spec is still rendered.
	Invalid string
	// InvalidLine is the line of the spec Invalid points at, when known.
	InvalidLine int

	order keyOrder
	files map[string][]byte // every file read, by absolute path, for error positions
}

// LoadError is a spec that could not be loaded, with where it went wrong
// when that is known.
type LoadError struct {
	File string // absolute path of the file at fault (the spec or a file it refers to)
	Line int    // 1-based, 0 when unknown
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

// Root returns the directory the loader reads from.
func (l *Loader) Root() string { return l.root }

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
	real, err := filepath.EvalSymlinks(file)
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(l.root, real)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
		return nil, fmt.Errorf("%s is outside the repository: not read", file)
	}
	return os.ReadFile(real)
}

var versionRE = regexp.MustCompile(`(?m)^["']?(openapi|swagger)["']?\s*:\s*["']?([0-9][0-9.]*)`)

func (l *Loader) parse(file string, data []byte, local bool) (*Spec, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	sp := &Spec{File: file, files: map[string][]byte{file: data}}
	sp.order.add(data)
	kind, version := "", ""
	if m := versionRE.FindSubmatch(data); m != nil {
		kind, version = string(m[1]), string(m[2])
	} else if m := regexp.MustCompile(`"(openapi|swagger)"\s*:\s*"([0-9][0-9.]*)"`).FindSubmatch(data); m != nil {
		kind, version = string(m[1]), string(m[2])
	}
	if kind == "" {
		return nil, &LoadError{File: file, Err: errors.New("not an OpenAPI or Swagger document: it has no openapi or swagger version field")}
	}
	sp.Version = version

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
		if b, ok := sp.files[p]; ok {
			return b, nil
		}
		b, err := l.readFile(p)
		if err != nil {
			return nil, err
		}
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		sp.files[p] = b
		sp.order.add(b)
		return b, nil
	}
	loc := &url.URL{Path: filepath.ToSlash(file)}
	if !local {
		loc = nil
	}
	var doc *openapi3.T
	var err error
	if kind == "swagger" {
		var d2 openapi2.T
		if err = openapi2.UnmarshalFromData(data, &d2); err == nil {
			doc, err = openapi2conv.ToV3WithLoader(&d2, loader, loc)
		}
	} else if local {
		loader.IncludeOrigin = true
		doc, err = loader.LoadFromDataWithPath(data, loc)
	} else {
		doc, err = loader.LoadFromData(data)
	}
	if err != nil {
		return nil, sp.loadError(err)
	}
	sp.Doc = doc
	if verr := doc.Validate(context.Background(), openapi3.DisableExamplesValidation()); verr != nil {
		sp.Invalid = oneLine(verr.Error())
		sp.InvalidLine = sp.lineOf(file, verr.Error())
	}
	return sp, nil
}

var refInErrRE = regexp.MustCompile(`(?:ref|reference|\$ref)[^"]*"([^"]+)"`)

// loadError places a load failure: the file and line of a `$ref` that
// does not resolve, or of a YAML syntax error.
func (sp *Spec) loadError(err error) error {
	msg := err.Error()
	e := &LoadError{File: sp.File, Err: errors.New(oneLine(msg))}
	if m := refInErrRE.FindStringSubmatch(msg); m != nil && (strings.Contains(msg, "resolve") || strings.Contains(msg, "not found") ||
		strings.Contains(msg, "no such file") || strings.Contains(msg, "outside the repository") || strings.Contains(msg, "another host")) {
		e.Ref = m[1]
		e.Err = errors.New(refCause(msg))
		// The ref as written: find the file that holds it.
		for f, b := range sp.files {
			if line := lineOfText(b, m[1]); line > 0 {
				e.File, e.Line = f, line
				if f == sp.File {
					break
				}
			}
		}
		return e
	}
	if m := regexp.MustCompile(`line (\d+)`).FindStringSubmatch(msg); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
	}
	return e
}

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

// lineOf guesses the line of a validation error from the names it quotes.
func (sp *Spec) lineOf(file, msg string) int {
	b := sp.files[file]
	for _, m := range regexp.MustCompile(`"([^"]{2,})"`).FindAllStringSubmatch(msg, -1) {
		if line := lineOfText(b, m[1]); line > 0 {
			return line
		}
	}
	return 0
}

// lineOfText returns the 1-based line of the first occurrence of s in b
// as a key or a quoted value, 0 when absent.
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
