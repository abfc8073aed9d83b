package site

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"folio/internal/diag"
	"folio/internal/links"
	"folio/internal/markdown"
	"folio/internal/openapi"
	"folio/internal/search"
	"folio/internal/source"
	"folio/internal/symlink"
	"folio/internal/theme"
)

// apiRefs renders the API reference blocks of a build from their specs.
// Each spec is loaded once per build, and each operation rendered once per
// language and anchor, however many pages show it.
type apiRefs struct {
	loader  *openapi.Loader
	fetcher *openapi.Fetcher

	mu       sync.Mutex
	rendered map[apiKey]apiRendering
	langs    map[string]string // the language of each spec's own words, by its File; "" if it cannot be told
}

// specLang returns the language the spec's titles and descriptions are
// written in, told once per spec; "" when they are too few to tell.
func (a *apiRefs) specLang(spec *openapi.Spec) string {
	a.mu.Lock()
	lang, ok := a.langs[spec.File]
	a.mu.Unlock()
	if ok {
		return lang
	}
	lang = search.DetectText(spec.Prose()).Lang
	a.mu.Lock()
	a.langs[spec.File] = lang
	a.mu.Unlock()
	return lang
}

// apiKey is what an API block's rendering depends on.
type apiKey struct {
	spec, tag, method, path, name, schemas, ids string
	level                                       int
	lang                                        string
}

type apiRendering struct {
	html   []byte
	titles []string
	err    error
	// left names what of the operation the block does not show, for an
	// unsupported info: its callbacks.
	left string
}

func newAPIRefs(root string, offline bool) *apiRefs {
	return &apiRefs{loader: openapi.NewLoader(root), fetcher: openapi.NewFetcher(offline), rendered: map[apiKey]apiRendering{}, langs: map[string]string{}}
}

// renderAPIs renders the API blocks of a freshly parsed page into its
// document, and returns what is wrong with them.
func (l *lang) renderAPIs(pg *page) []diag.Diagnostic {
	return l.renderAPIsFrom(l.site.apis, pg)
}

// renderAPIsFrom is renderAPIs with the specs apis reads: the site's, or
// review mode's, as they were at the reference. The site's also tell the
// page's spec files (page.specs), whose changes review mode shows.
func (l *lang) renderAPIsFrom(apis *apiRefs, pg *page) []diag.Diagnostic {
	blocks := pg.doc.APIBlocks()
	if len(blocks) == 0 {
		return nil
	}
	s := l.site
	var ds []diag.Diagnostic
	unread := map[string]bool{} // remote specs reported unreadable on this page: once each
	written := 0                // the API reference's bytes on the page so far (maxPageAPI)
	for _, a := range blocks {
		if a.Inline() {
			continue // rendered from the block itself
		}
		if written > maxPageAPI {
			// Each block is bounded, but a page may hold many: 250 copies
			// of a block made a page of 634 MB, in 8.6 GB (t44).
			ds = append(ds, blockDiag(a, diag.Error, "api-operation",
				fmt.Sprintf("the page's API reference is over %d MB: this block and the ones after it are left out", maxPageAPI>>20),
				"split the page"))
			pg.doc.UnsetAPI(a)
			continue
		}
		spec, where, lds := l.loadSpec(apis, pg, a, unread)
		ds = append(ds, lds...)
		if spec == nil {
			pg.doc.UnsetAPI(a)
			continue
		}
		key := apiKey{spec.File, a.Tag.Name, a.Get("method"), a.Get("path"), a.Get("name"), a.Get("schemas"),
			strings.Join(a.IDs, ","), a.Level, l.space.Lang.Code}
		if apis == s.apis && spec.File != "" {
			for _, f := range spec.Files() {
				if rel, err := filepath.Rel(s.cfg.Dir, f); err == nil && filepath.IsLocal(rel) && !slices.Contains(pg.specs, filepath.ToSlash(rel)) {
					pg.specs = append(pg.specs, filepath.ToSlash(rel))
				}
			}
		}
		apis.mu.Lock()
		r, done := apis.rendered[key]
		apis.mu.Unlock()
		if !done {
			r = l.renderAPI(spec, a)
			apis.mu.Lock()
			apis.rendered[key] = r
			apis.mu.Unlock()
		}
		if r.err != nil {
			// One error per name the spec lacks (a schemas block may
			// name several).
			errs := []error{r.err}
			if j, ok := r.err.(interface{ Unwrap() []error }); ok {
				errs = j.Unwrap()
			}
			for _, err := range errs {
				var nf *openapi.NotFoundError
				hint := ""
				if errors.As(err, &nf) && nf.Closest != "" {
					hint = "did you mean " + nf.Closest + "?"
				}
				ds = append(ds, blockDiag(a, diag.Error, "api-operation", fmt.Sprintf("%s: %v", where, err), hint))
			}
			pg.doc.UnsetAPI(a)
			if r.html == nil {
				continue
			}
			// Some of its schemas are there: they are shown, and the
			// outline leaves out the others (their titles are "").
		}
		if r.left != "" {
			ds = append(ds, blockDiag(a, diag.Info, "unsupported", fmt.Sprintf("%s: %s", where, r.left), ""))
		}
		pg.doc.SetAPI(a, r.html, r.titles)
		written += len(r.html)
	}
	return ds
}

// maxPageAPI bounds the API reference a page holds, all blocks told.
const maxPageAPI = 32 << 20

func (l *lang) renderAPI(spec *openapi.Spec, a *markdown.APIBlock) apiRendering {
	s := l.site
	opts := openapi.Options{ID: a.IDs[0], Level: a.Level, Markdown: s.conv.Fragment, Highlight: markdown.Highlight, HighlightTokens: markdown.HighlightTokens, Strings: s.theme.Strings(l.space.Lang.Code)}
	if lang := s.apis.specLang(spec); lang != "" && !search.SameLanguage(lang, l.space.Lang.Code) {
		// An English spec on a French page: its words are read in English.
		opts.Lang, opts.Dir = lang, theme.Direction(lang)
	}
	if page := l.space.Lang.Code; !search.SameLanguage("en", page) {
		opts.English = ` lang="en"`
		if theme.Direction(page) == "rtl" {
			opts.English += ` dir="ltr"`
		}
	}
	switch a.Tag.Name {
	case "openapi-schemas":
		opts.Missing = func(name, id string) []byte { return l.missingSchema(a, name, id) }
		names := a.Schemas()
		html, err := spec.RenderSchemas(names, a.IDs, a.Get("grouped") != "false", opts)
		titles := slices.Clone(names)
		for i, n := range titles {
			if !spec.HasSchema(n) {
				titles[i] = ""
			}
		}
		return apiRendering{html: html, titles: titles, err: err}
	case "openapi-webhook":
		op, err := spec.FindWebhook(a.Get("name"), a.Get("method"))
		if err != nil {
			return apiRendering{err: err}
		}
		return apiRendering{html: spec.RenderOperation(op, opts), titles: []string{op.Title()}}
	}
	op, err := spec.Find(a.Get("path"), a.Get("method"))
	if err != nil {
		return apiRendering{err: err}
	}
	r := apiRendering{html: spec.RenderOperation(op, opts), titles: []string{op.Title()}}
	if cbs := op.Op.Callbacks; len(cbs) > 0 {
		r.left = fmt.Sprintf("the operation's callbacks (%s) are not shown", strings.Join(slices.Sorted(maps.Keys(cbs)), ", "))
	}
	return r
}

// missingSchema is what the page shows in place of a schema its spec
// lacks, in a block that names others the spec has: what a block of that
// schema alone shows (the page's renderer writes it), named name, at
// anchor id.
func (l *lang) missingSchema(a *markdown.APIBlock, name, id string) []byte {
	t := a.Tag
	t.Attrs = slices.Clone(t.Attrs)
	// The block's only anchor is "schema-" and the key of its name: the
	// key of an anchor is itself.
	key := strings.TrimPrefix(id, "schema-")
	t.Set("schemas", key)
	box := bytes.TrimSpace(l.site.conv.Fragment(t.String() + "\n{% end" + t.Name + " %}\n"))
	// The box names its schema by the key it was given: as written.
	return bytes.Replace(box, []byte("<code>"+html.EscapeString(key)+"</code>"), []byte("<code>"+html.EscapeString(name)+"</code>"), 1)
}

// loadSpec finds and loads the spec of an API block: its src (relative to
// the page, or a URL), or the file site.yaml maps its spec name to. A URL
// under a prefix of site.yaml's openapi.sources is read from the mapped
// folder; any other is downloaded once (not with --offline). It returns
// the spec (nil when it cannot be had), how later messages name it, and
// what went wrong; a remote spec in unread was reported on the page before.
func (l *lang) loadSpec(apis *apiRefs, pg *page, a *markdown.APIBlock, unread map[string]bool) (*openapi.Spec, string, []diag.Diagnostic) {
	s := l.site
	fail := func(sev diag.Severity, rule, msg, hint string) (*openapi.Spec, string, []diag.Diagnostic) {
		return nil, "", []diag.Diagnostic{blockDiag(a, sev, rule, msg, hint)}
	}
	src := a.Get("src")
	fromSite := false // src is relative to the site, not to the page
	if name := a.Get("spec"); name != "" && (a.Tag.Name != "openapi" && a.Tag.Name != "swagger" || src == "") {
		mapped, ok := s.cfg.OpenAPI.Specs[name]
		switch {
		case ok:
			src, fromSite = mapped, true
		case a.Link != "" && !links.IsExternal(a.Link):
			// The spec the block's body links to, a file of the space, as
			// GitBook's export echoes it: the syntax reference's fallback
			// (t61: an error, no operation).
			src = a.Link
		default:
			return fail(diag.Error, "api-spec-name", fmt.Sprintf("spec %q is not mapped to a file", name),
				fmt.Sprintf("add it to site.yaml: openapi: {specs: {%s: path/to/spec.yaml}}", name))
		}
	}
	if src == "" {
		return fail(diag.Error, "api-spec", "the block names no spec (src= or spec=)", "")
	}
	var file string
	if links.IsExternal(src) {
		if local, ok := openapi.MapSource(s.cfg.OpenAPI.Sources, src); ok {
			file, fromSite = local, true
		} else {
			data, err := apis.fetcher.Fetch(src)
			if err != nil && unread[src] {
				return nil, "", nil
			}
			if err != nil {
				unread[src] = true
				// Not the content's fault: the network or --offline. The
				// block shows its link, as a page without the spec would.
				hint := "map the URL to a folder of the repository with openapi.sources in site.yaml"
				if !errors.Is(err, openapi.ErrOffline) {
					hint += ", or check the address"
				}
				return fail(diag.Warning, "api-spec-remote", fmt.Sprintf("spec %s could not be read: %v", src, err), hint)
			}
			spec, err := apis.loader.LoadData(src, data)
			if err != nil {
				return fail(diag.Error, "api-spec", fmt.Sprintf("spec %s does not load: %v", src, err), "")
			}
			return spec, src, nil
		}
	} else {
		file = src
	}
	var abs string
	if fromSite {
		abs = filepath.Join(s.cfg.Dir, filepath.FromSlash(file))
	} else {
		dir := path.Dir(pg.path)
		if a.Base != "" {
			dir = path.Dir(l.spacePath(a.Base))
		}
		p := file
		if u, err := url.PathUnescape(p); err == nil && !l.space.Exists(path.Join(dir, p)) {
			p = u
		}
		abs = l.space.AbsPath(path.Join(dir, p))
	}
	where := s.specPath(abs)
	spec, err := apis.loader.Load(abs)
	if err != nil && !fromSite && (errors.Is(err, fs.ErrNotExist) || errors.Is(err, openapi.ErrOutside)) {
		return nil, "", nil // the block's src is a link: link-missing or link-outside says it, once
	}
	if err != nil {
		var le *openapi.LoadError
		if errors.As(err, &le) && le.Ref != "" {
			return nil, "", []diag.Diagnostic{
				{Path: s.specPath(le.File), Line: le.Line, Col: 1, Severity: diag.Error, Rule: "api-ref",
					Msg: fmt.Sprintf("$ref %q does not resolve: %v", le.Ref, le.Err)},
				blockDiag(a, diag.Error, "api-spec", fmt.Sprintf("spec %s does not load: a $ref does not resolve", where), ""),
			}
		}
		if errors.As(err, &le) && le.Line > 0 {
			// Said at the spec's line, where it is to be fixed; the
			// block says which spec it could not show.
			at := diag.Diagnostic{Path: s.specPath(le.File), Line: le.Line, Severity: diag.Error, Rule: "api-spec",
				Msg: fmt.Sprintf("the spec does not load: %v", le.Err)}
			if text, err := os.ReadFile(le.File); err == nil {
				at.Col = source.FirstCol(text, le.Line)
				if qline, qcol, quote := source.UnclosedQuote(text); qline > 0 && strings.Contains(le.Err.Error(), "end of stream") {
					at.Line, at.Col = qline, qcol
					at.Msg = fmt.Sprintf("the spec does not load: the value's opening %s is never closed", quote)
				}
			}
			return nil, "", []diag.Diagnostic{at,
				blockDiag(a, diag.Error, "api-spec", fmt.Sprintf("spec %s does not load (see %s:%d)", where, at.Path, at.Line), "")}
		}
		return fail(diag.Error, "api-spec", fmt.Sprintf("spec %s does not load: %v", where, err), "")
	}
	var ds []diag.Diagnostic
	for _, u := range spec.Unresolved {
		ds = append(ds, diag.Diagnostic{Path: s.specPath(u.File), Line: u.Line, Col: u.Col, Severity: diag.Error, Rule: "api-ref",
			Msg:  fmt.Sprintf("$ref %q does not resolve: %v; the rest of the spec is shown without it", u.Ref, u.Err),
			Hint: "correct the $ref, or add what it names"})
	}
	for _, sl := range spec.Slips {
		ds = append(ds, diag.Diagnostic{Path: s.specPath(sl.File), Line: sl.Line, Col: sl.Col, Severity: diag.Warning, Rule: "api-spec-invalid",
			Msg:  sl.Msg,
			Hint: "write the value as OpenAPI wants it"})
	}
	for _, p := range spec.Problems {
		ds = append(ds, diag.Diagnostic{Path: where, Line: max(p.Line, 1), Col: max(p.Col, 1), Severity: diag.Warning, Rule: "api-spec-invalid",
			Msg:  "the spec does not pass strict OpenAPI validation (it is rendered as far as it loads): " + p.Msg,
			Hint: "fix the spec, or ignore the rule for this file in site.yaml"})
	}
	if n := spec.ProblemsNotShown; n > 0 {
		// As diag.Cap says it of a page, after the last one shown.
		last := spec.Problems[len(spec.Problems)-1]
		ds = append(ds, diag.Diagnostic{Path: where, Line: max(last.Line, 1), Col: max(last.Col, 1), Severity: diag.Warning, Rule: "api-spec-invalid",
			Msg: fmt.Sprintf("%d more of rule api-spec-invalid in this file, not shown", n)})
	}
	return spec, where, ds
}

// blockDiag is a diagnostic at an API block.
func blockDiag(a *markdown.APIBlock, sev diag.Severity, rule, msg, hint string) diag.Diagnostic {
	return diag.Diagnostic{Path: a.File, Line: a.Line, Col: a.Col, Severity: sev, Rule: rule, Msg: msg, Hint: hint}
}

// specPath is how diagnostics name a spec file: relative to the site.
func (s *site) specPath(abs string) string {
	if rel, err := filepath.Rel(s.cfg.Dir, abs); err == nil && filepath.IsLocal(rel) {
		return filepath.ToSlash(rel)
	}
	return abs
}

// specParts are the files of l's space that the OpenAPI spec published
// from p (abs) refers to, to be published beside it where its $refs lead
// (t36: a reader's download of a spec split over files had $refs to
// nothing). None for a file that is no spec, or a spec of one file; a
// file outside the space is not published.
func (s *site) specParts(l *lang, p, abs string) []string {
	switch strings.ToLower(path.Ext(p)) {
	case ".yaml", ".yml", ".json":
	default:
		return nil
	}
	// A data file linked for download is not parsed: its text is looked
	// through for the version a spec declares, anywhere (JSON with sorted
	// keys has it after components), which is cheap (review: a 24 MB JSON
	// file took 12 s and 4 GB, parsed as a spec).
	data, err := os.ReadFile(abs)
	if err != nil || !openapi.LooksLikeSpec(data) {
		return nil
	}
	spec, err := s.apis.loader.Load(abs)
	if err != nil {
		return nil
	}
	var parts []string
	for _, f := range spec.Files() {
		rel, err := filepath.Rel(symlink.Resolve(l.space.Dir), f) // as the loader names its files
		if err != nil || f == abs || !filepath.IsLocal(rel) {
			continue
		}
		if rel = filepath.ToSlash(rel); l.space.Exists(rel) && l.space.IgnoredBy(rel) == "" {
			parts = append(parts, rel)
		}
	}
	return parts
}
