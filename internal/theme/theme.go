// Package theme turns page data into HTML with html/template and provides
// the theme's static files and UI strings.
//
// A theme is a directory with three parts:
//
//	templates/  page.html, redirect.html, 404.html, languages.html and any
//	            partials; each file is a template named by its path below
//	            templates/ (e.g. {{template "partials/nav.html" .}})
//	static/     copied by the build to <out>/_folio/
//	i18n/       <lang>.yaml: flat "key: string" maps of UI strings
//
// The embedded default theme (package folio/themes) is always the base. A
// site's <siteDir>/themes/<name>/ overrides it file by file, so a site can
// replace one partial or add one stylesheet without copying the rest; UI
// strings merge key by key. Files whose name starts with "." are ignored.
//
// Everything is read and parsed once by Load; a *Theme is then read-only and
// safe for concurrent use.
package theme

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"folio/internal/symlink"
	"folio/themes"
)

// CustomCSS is the style sheet a site adds to the theme, in its
// themes/<name>/static/ folder, for its colours and other changes that
// keep the rest of the theme's: the pages link it after the theme's own.
const CustomCSS = "custom.css"

// Names of the templates every theme must provide.
const (
	pageTemplate      = "page.html"
	redirectTemplate  = "redirect.html"
	notFoundTemplate  = "404.html"
	languagesTemplate = "languages.html"
)

// Theme is a loaded theme: parsed templates, merged static files and UI
// strings.
type Theme struct {
	name   string
	tmpl   *template.Template
	static fs.FS
	i18n   *i18n
	pre    *preMinified // the default theme's files minified ahead
	// ids are the element ids the templates write as they are
	// (id="folio-main"), which no heading of a page may take.
	ids map[string]bool
	// customCSS is set when the site's theme folder adds static/custom.css.
	customCSS bool
	// ownTemplates is set when the site overrides a template: a partial it
	// wrote may show the page, so Page.Shared renders it for every page.
	ownTemplates bool
	// minifyShared minifies what Page.Shared renders, once per rendering
	// (SetSharedMinifier): the template minifier must keep quotes around
	// values it cannot see, which the rendered text no longer needs.
	minifyShared func([]byte) ([]byte, error)

	mu      sync.Mutex
	strings map[string]map[string]string // lang → merged strings, filled by Strings
	english map[string]map[string]bool   // lang → keys shown in English, filled by English
	site    map[string]map[string]string // lower-case lang → the strings of site.yaml (SetSiteStrings)
}

// Load reads a theme. The site's own <siteDir>/themes/<name>/ files override
// the embedded default theme file by file. Name "default" (or "") needs no
// directory; any other name must exist under <siteDir>/themes/. siteDir ""
// loads the embedded default alone.
func Load(siteDir, name string) (*Theme, error) {
	return LoadMinified(siteDir, name, nil)
}

// linksInside reports the first symbolic link of the theme folder dir,
// or dir itself, that leads outside the site's folder: a theme's files
// are published (static/) or shape every page, and a repository's must
// not bring in a file of the machine it is built on.
func linksInside(siteDir, dir string) error {
	outside := func(p string) bool {
		if _, err := os.Stat(p); err != nil {
			return true // nowhere: not read either
		}
		return !symlink.Inside(p, siteDir)
	}
	if outside(dir) {
		return fmt.Errorf("%s is a symbolic link that leads outside the site's folder", dir)
	}
	return filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if e.Type()&fs.ModeSymlink != 0 && outside(p) {
			return fmt.Errorf("%s is a symbolic link that leads outside the site's folder or nowhere", p)
		}
		return nil
	})
}

// LoadMinified is Load with every template minified once, before it is
// parsed, by minify (which must keep template actions intact; the build's
// is output.MinifyTemplate, which made the default theme's copies in
// themes.Minified that stand in for it). Pages rendered from such
// templates need no minification of their own apart from the content put
// into them, which saves minifying the same markup on every page.
func LoadMinified(siteDir, name string, minify func([]byte) ([]byte, error)) (*Theme, error) {
	if name == "" {
		name = "default"
	}
	if name != path.Base(name) || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return nil, fmt.Errorf("theme %q: invalid name", name)
	}
	base, err := fs.Sub(themes.Default, "default")
	if err != nil {
		return nil, fmt.Errorf("theme %s: %w", name, err)
	}
	layers := []fs.FS{base}
	if siteDir != "" {
		dir := filepath.Join(siteDir, "themes", name)
		switch st, err := os.Stat(dir); {
		case err == nil && st.IsDir():
			if err := linksInside(siteDir, dir); err != nil {
				return nil, fmt.Errorf("theme %s: %w", name, err)
			}
			layers = append(layers, os.DirFS(dir))
		case err == nil:
			return nil, fmt.Errorf("theme %s: %s is not a directory", name, dir)
		case errors.Is(err, fs.ErrNotExist) && name == "default":
			// The default theme needs no overrides.
		default:
			return nil, fmt.Errorf("theme %s: %w", name, err)
		}
	} else if name != "default" {
		return nil, fmt.Errorf("theme %s: no site directory to load it from", name)
	}

	merged, err := newOverlay(layers...)
	if err != nil {
		return nil, fmt.Errorf("theme %s: %w", name, err)
	}
	t := &Theme{name: name, strings: map[string]map[string]string{}, english: map[string]map[string]bool{}, pre: newPreMinified(merged, base)}
	for p, layer := range merged.files {
		if strings.HasPrefix(p, "templates/") && layer != base {
			t.ownTemplates = true
			break
		}
	}
	// A site's own style sheet, linked after the theme's (assets.html).
	if layer, ok := merged.files["static/"+CustomCSS]; ok && layer != base {
		t.customCSS = true
	}
	t.ids = map[string]bool{}
	if t.tmpl, err = parseTemplates(merged, minify, t.pre, t.ids); err != nil {
		var te *TemplateError
		if errors.As(err, &te) && merged.files[te.File] != base {
			te.File = path.Join("themes", name, te.File) // the site's own
		}
		return nil, fmt.Errorf("theme %s: %w", name, err)
	}
	if t.i18n, err = readI18n(layers); err != nil {
		return nil, fmt.Errorf("theme %s: %w", name, err)
	}
	if t.static, err = fs.Sub(merged, "static"); err != nil {
		return nil, fmt.Errorf("theme %s: %w", name, err)
	}
	return t, nil
}

// Minified returns the static file name (relative to static/) as a build
// minifies it, when the file is the default theme's own and was minified
// ahead (see themes.Minified); the build minifies the others itself.
func (t *Theme) Minified(name string) ([]byte, bool) {
	return t.pre.get("static/" + name)
}

// preMinified gives the minified copies of the default theme's files
// (themes.Minified) for the files a theme takes from it unchanged. A copy
// counts only if its source still has the sum it was made from: a source
// edited since is minified by the build as any other file. A sum is
// checked each time its file is asked for, on whichever core asks.
type preMinified struct {
	merged *overlay
	base   fs.FS
	sums   map[string]string // path in the theme → SHA-256 of its source
}

func newPreMinified(merged *overlay, base fs.FS) *preMinified {
	pm := &preMinified{merged: merged, base: base, sums: map[string]string{}}
	b, err := fs.ReadFile(themes.Minified, "minified/default/SUMS")
	if err != nil {
		return pm // no copies: the build minifies everything
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if sum, name, ok := strings.Cut(line, "  "); ok {
			pm.sums[name] = sum
		}
	}
	return pm
}

// get returns the minified copy of the file at path (e.g. "static/folio.css").
func (pm *preMinified) get(path string) ([]byte, bool) {
	sum, ok := pm.sums[path]
	if !ok || pm.merged.files[path] != pm.base {
		return nil, false // none, or overridden by the site's theme
	}
	src, err := fs.ReadFile(pm.base, path)
	if err != nil {
		return nil, false
	}
	if h := sha256.Sum256(src); hex.EncodeToString(h[:]) != sum {
		return nil, false
	}
	min, err := fs.ReadFile(themes.Minified, "minified/default/"+path)
	return min, err == nil
}

// funcs are the template functions; page data methods (T, Href, Current…)
// cover the rest.
var funcs = template.FuncMap{
	// nav bundles the page with a list of items so that the recursive
	// "nav-items" template can still ask the page about each item.
	"nav": func(p *Page, items []*NavItem) navList { return navList{p, items} },
}

// navList is the argument of the recursive sidebar template.
type navList struct {
	Page  *Page
	Items []*NavItem
}

// templateIDRE finds an id the template writes as it is: id="folio-main",
// or id=folio-main once minified; an id made by an action ({{…}}) is not.
var templateIDRE = regexp.MustCompile(`\sid=("?)([A-Za-z][A-Za-z0-9_:.-]*)(?:"|[\s/>])`)

// IDs are the element ids the theme's templates write as they are.
func (t *Theme) IDs() map[string]bool { return t.ids }

// OwnsID reports whether the theme gives id to an element of its own on
// a page: one its templates write (IDs), a sidebar group's title
// (folio-nav-N, navPartIDPrefix), or one its search script makes
// (folio-search-opt-N, folio-search-more). A heading must not take one:
// an outline link would lead to the theme's element, a label would name
// the wrong thing.
func (t *Theme) OwnsID(id string) bool {
	if t.ids[id] || id == "folio-search-more" {
		return true
	}
	for _, family := range []string{navPartIDPrefix, "folio-search-opt-"} {
		if n, ok := strings.CutPrefix(id, family); ok && n != "" && strings.Trim(n, "0123456789") == "" {
			return true
		}
	}
	return false
}

func parseTemplates(fsys fs.FS, minify func([]byte) ([]byte, error), pre *preMinified, ids map[string]bool) (*template.Template, error) {
	root := template.New("").Funcs(funcs)
	err := fs.WalkDir(fsys, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		name := strings.TrimPrefix(p, "templates/")
		if minify != nil {
			if min, ok := pre.get(p); ok {
				src = min
			} else if src, err = minify(src); err != nil {
				return fmt.Errorf("minify %s: %w", p, err)
			}
		}
		for _, m := range templateIDRE.FindAllSubmatch(src, -1) {
			ids[string(m[2])] = true
		}
		if _, err := root.New(name).Parse(string(src)); err != nil {
			if minify != nil {
				// The minified copy has lines of its own: the file's say
				// where the mistake is.
				if orig, rerr := fs.ReadFile(fsys, p); rerr == nil {
					if _, perr := template.New(name).Funcs(funcs).Parse(string(orig)); perr != nil {
						err = perr
					}
				}
			}
			return templateError(p, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, name := range []string{pageTemplate, redirectTemplate, notFoundTemplate, languagesTemplate} {
		if root.Lookup(name) == nil {
			return nil, fmt.Errorf("missing templates/%s", name)
		}
	}
	return root, nil
}

// TemplateError is a template of the theme that does not parse, where
// its file says so.
type TemplateError struct {
	// File is the template's path: in the theme ("templates/page.html"),
	// or in the site ("themes/default/templates/page.html") for a site's
	// own, once Load returns it.
	File string
	Line int // 0 when the parser gives none
	Msg  string
}

func (e *TemplateError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// templateParseRE reads text/template's "template: name:line: message".
var templateParseRE = regexp.MustCompile(`^template: .*?:(\d+): (.*)$`)

func templateError(file string, err error) *TemplateError {
	e := &TemplateError{File: file, Msg: err.Error()}
	if m := templateParseRE.FindStringSubmatch(err.Error()); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		e.Msg = m[2]
	}
	return e
}

// RenderPage writes a content page.
func (t *Theme) RenderPage(w io.Writer, p *Page) error {
	if p == nil || p.Site == nil {
		return fmt.Errorf("theme %s: render %s: no site", t.name, pageTemplate)
	}
	data := *p
	data.theme = t
	return t.execute(w, pageTemplate, &data)
}

// RenderRedirect writes a page that forwards to r.To.
func (t *Theme) RenderRedirect(w io.Writer, r *Redirect) error {
	if r == nil {
		return fmt.Errorf("theme %s: render %s: no redirect", t.name, redirectTemplate)
	}
	return t.execute(w, redirectTemplate, r)
}

// RenderNotFound writes the 404 page. It is served at any depth, so p.Root
// must be the absolute base path of the site (e.g. "/" or "/docs/"). No nav
// item is marked current and the language links go to each home.
func (t *Theme) RenderNotFound(w io.Writer, p *Page) error {
	if p == nil || p.Site == nil {
		return fmt.Errorf("theme %s: render %s: no site", t.name, notFoundTemplate)
	}
	nf := *p
	nf.notFound = true
	nf.theme = t
	return t.execute(w, notFoundTemplate, &nf)
}

// RenderLanguages writes the root page of a multilingual site, with UI
// strings in the default language.
func (t *Theme) RenderLanguages(w io.Writer, l *LanguageIndex) error {
	if l == nil {
		return fmt.Errorf("theme %s: render %s: no language index", t.name, languagesTemplate)
	}
	data := *l
	data.strings = t.Strings(l.Default)
	data.customCSS = t.customCSS
	seen := map[string]bool{data.T("choose_language"): true}
	for _, lang := range l.Languages {
		if s := t.Strings(lang.Code)["choose_language"]; s != "" && !seen[s] {
			seen[s] = true
			data.prompts = append(data.prompts, Prompt{Code: lang.Code, Dir: Direction(lang.Code), Text: s})
		}
	}
	return t.execute(w, languagesTemplate, &data)
}

func (t *Theme) execute(w io.Writer, name string, data any) error {
	// html/template writes many small pieces; buffer them unless the caller
	// already does.
	var bw *bufio.Writer
	switch w.(type) {
	case *bytes.Buffer, *bufio.Writer, *strings.Builder:
	default:
		bw = bufio.NewWriterSize(w, 32<<10)
		w = bw
	}
	if err := t.tmpl.ExecuteTemplate(w, name, data); err != nil {
		return fmt.Errorf("theme %s: render %s: %w", t.name, name, err)
	}
	if bw != nil {
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("theme %s: render %s: %w", t.name, name, err)
		}
	}
	return nil
}

// Static returns the theme's static files (default merged with overrides),
// which the build copies to <out>/_folio/.
func (t *Theme) Static() fs.FS { return t.static }

// SetSharedMinifier has what Page.Shared and Page.SharedAttrs render
// minified by m (an HTML minifier), once per rendering.
func (t *Theme) SetSharedMinifier(m func([]byte) ([]byte, error)) { t.minifyShared = m }
