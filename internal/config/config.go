// Package config reads a folio site's configuration: site.yaml when there is
// one, or defaults for a bare GitBook repository, and each GitBook space's
// .gitbook.yaml.
//
// Content problems (unknown keys, wrong types, a missing content directory)
// are diagnostics: Load still returns a Config built from what was valid, so
// a build can go on and report everything at once. A Go error means there is
// no site at all.
package config

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/net/idna"
	"gopkg.in/yaml.v2"

	"folio/internal/diag"
	"folio/internal/source"
	"folio/internal/suggest"
	"folio/internal/symlink"
)

// FileName is the name of a folio site's configuration file.
const FileName = "site.yaml"

// Config is a site's configuration, defaults filled in.
type Config struct {
	Dir  string // absolute site directory
	File string // the file the languages come from: "site.yaml", "LANGS.md", "docs.yaml", or "" for a bare GitBook space
	// LangsBook is true for a book of languages as GitBook 3 and HonKit
	// lay it out: a LANGS.md at the top, one book per language in a
	// folder, a book.json and shared files at the top. A site.yaml
	// written by folio init from it still lists its languages so.
	LangsBook bool
	// LangsPath is that book's list of languages, relative to Dir
	// (LangsFileOf): "" for another site.
	LangsPath   string
	Title       string            // "" lets the build take the title from the space
	Description string            // site description for metadata
	BaseURL     string            // "" or an absolute http(s) URL ending in "/"
	BaseURLLine int               // the line of site.yaml that gives it, 0 if none
	Theme       string            // default "default"
	Out         string            // output directory as written (default "public"); resolving it is the CLI's job
	OutLine     int               // the line of site.yaml that gives it, 0 if none
	Minify      bool              // default true
	GitBookURL  string            // the site's old GitBook address, trailing slash trimmed, e.g. https://x.gitbook.io/book
	Spaces      map[string]string // GitBook space id → "" (this site) or the base URL of another site, ending in "/"
	// SpaceDirs maps a GitBook space id to the content directory of the
	// language that is that space here: a space of another section, or
	// one language of several. site.yaml's gitbook_spaces sets it, and
	// docs.yaml's space keys, which may be the spaces' ids.
	SpaceDirs map[string]string
	Languages []Language // at least one; Languages[0] is the default, of the top section; a section's languages follow each other, its default first
	// Broken is set when site.yaml is not valid YAML: nothing of it can be
	// trusted, so a build must not replace a good site with what the
	// defaults would make.
	Broken bool
	// TrustRawHTML keeps scripts, frames, event handlers and styles written
	// in pages' raw HTML (site.yaml trust_raw_html); they are removed by
	// default.
	TrustRawHTML bool
	// Ignore silences diagnostics by rule, everywhere or in some files.
	Ignore []Ignore
	// PageSizeLimit is the size in kB of a page's source above which it
	// is reported as too big to read comfortably (rule page-size).
	PageSizeLimit int
	// DefaultAtRoot puts the default language at the site root instead of
	// under /<code>/ (site.yaml's default_at_root).
	DefaultAtRoot bool
	// OpenAPI says where API blocks find their specs.
	OpenAPI OpenAPI
	// Strings overrides the theme's UI strings: language code → key →
	// text (site.yaml strings). The theme checks the keys.
	Strings map[string]map[string]string
	// StringsLine is the line of site.yaml's strings key, for diagnostics
	// about them; 0 when absent.
	StringsLine int
	// StringsLines are the lines of its language codes.
	StringsLines map[string]int
	// Logo is the image shown in the header beside the site's title, and
	// Favicon the icons of the browser tab (an SVG, a PNG for browsers
	// without SVG icons…): files of the site, slash-separated and relative
	// to its directory, checked to exist. None gives the theme's own icon.
	Logo    string
	Favicon []string
	// SocialImage is the picture that social networks and chat apps show
	// in the preview of a link to the site (Open Graph's og:image), a file
	// of the site as Logo is; it needs BaseURL, as previews need absolute
	// addresses.
	SocialImage string
	// RepoURL is the web address of the site's repository on its host
	// (site.yaml repo_url): pages link to their file there ("Edit this
	// page"), to the host's new-issue form beside each heading, and to
	// the commit of their last change. "" when unset or unusable (a
	// warning says why).
	RepoURL string
	// EditURL is the address of the host's editor for a page, where
	// {path} is the file's path in the repository and {branch} the
	// branch (site.yaml edit_url); without {path}, the page's path is
	// appended.
	EditURL string
	// Branch is the branch that edit links open (site.yaml branch); ""
	// leaves it to repo_url, else to the branch checked out, else main.
	Branch string
	// Review is site.yaml's review key: review mode's reference.
	Review Review
	// Sections are a docs.yaml site's sections, the default one first,
	// when it has several; each language says which it belongs to.
	Sections []Section
}

// Section is a part of a docs.yaml site with spaces of its own (GitBook's
// Documentation, Developers, Guides…), which readers switch between.
type Section struct {
	Title  string
	Titles map[string]string // the title in other languages, by code (localizedTitle)
	Icon   string            // the name of a Font Awesome icon shown beside the title, or ""
	Order  int               // the position of the section in docs.yaml, where readers see it
	// Path is the site path the section's languages are published under,
	// without slashes at its ends: "" for the default section, at the top.
	Path string
	Line int // in docs.yaml; 0 when unknown
}

// Name names the section in a message: its title, else its path.
func (s Section) Name() string {
	return cmp.Or(s.Title, s.Path, "(top level)")
}

// Review is review mode as site.yaml sets it: review: {since: v1.0}.
type Review struct {
	// Since is the tag, branch or commit the pages are compared with; ""
	// when review mode is off.
	Since string `yaml:"since"`
	// Line is where site.yaml sets it, for diagnostics; 0 when absent.
	Line int `yaml:"-"`
}

// OpenAPI is site.yaml's openapi key.
type OpenAPI struct {
	// Specs maps the names that `{% openapi-operation spec="name" %}` and
	// its kin use to a spec file (relative to the site directory) or URL.
	Specs map[string]string `yaml:"specs"`
	// Sources maps a URL prefix to a folder of the site (relative to the
	// site directory): a spec whose URL starts with the prefix is read
	// from the folder instead of downloaded.
	Sources map[string]string `yaml:"sources"`
}

// Language is one language of the site, read from one content directory (a
// GitBook space).
type Language struct {
	Code        string // BCP 47, checked loosely: letters, digits and '-'
	Name        string // display name, default Code
	Dir         string // content directory, slash-separated, relative to Config.Dir; "." allowed
	Title       string // overrides the site's title when not ""
	Description string // overrides the site's description when not ""
	Default     bool   // true for Languages[0] only
	// Fallback renders the default language's page, with a notice, where
	// this language has no translation, so its navigation stays complete.
	Fallback bool
	// Assumed is set when nothing configures the language and Code is
	// folio's default, English: a bare GitBook space, a site.yaml without
	// language, a docs.yaml space without content.language. A HonKit
	// book.json's language (BookLanguage) or the language detected in the
	// pages' text may then replace it.
	Assumed bool
	// Section is the index in Config.Sections of the section the
	// language's space belongs to; 0 for a site without sections.
	Section int
	// Line is where File configures the language (site.yaml's language
	// or the entry's code, the LANGS.md entry, the docs.yaml space), for
	// diagnostics about it; 0 when unknown.
	Line int
}

// rawConfig is site.yaml as written.
type rawConfig struct {
	Title         string                       `yaml:"title"`
	Description   string                       `yaml:"description"`
	BaseURL       string                       `yaml:"base_url"`
	Theme         string                       `yaml:"theme"`
	Out           string                       `yaml:"out"`
	Minify        opt[bool]                    `yaml:"minify"`
	GitBookURL    string                       `yaml:"gitbook_url"`
	GitBookSpaces map[string]string            `yaml:"gitbook_spaces"`
	Content       opt[string]                  `yaml:"content"`
	Language      string                       `yaml:"language"`
	LanguageName  string                       `yaml:"language_name"`
	Languages     []rawLanguage                `yaml:"languages"`
	DefaultAtRoot bool                         `yaml:"default_at_root"`
	Ignore        []Ignore                     `yaml:"ignore"`
	PageSizeLimit opt[int]                     `yaml:"page_size_limit"`
	TrustRawHTML  bool                         `yaml:"trust_raw_html"`
	OpenAPI       OpenAPI                      `yaml:"openapi"`
	Strings       map[string]map[string]string `yaml:"strings"`
	Logo          string                       `yaml:"logo"`
	Favicon       stringList                   `yaml:"favicon"`
	SocialImage   string                       `yaml:"social_image"`
	RepoURL       string                       `yaml:"repo_url"`
	EditURL       string                       `yaml:"edit_url"`
	Branch        string                       `yaml:"branch"`
	Review        Review                       `yaml:"review"`
}

// stringList is a YAML string or list of strings.
type stringList []string

// UnmarshalYAML implements yaml.Unmarshaler.
func (l *stringList) UnmarshalYAML(unmarshal func(any) error) error {
	var one string
	if err := unmarshal(&one); err == nil {
		*l = []string{one}
		return nil
	}
	var many []string
	if err := unmarshal(&many); err != nil {
		return err
	}
	*l = many
	return nil
}

// Ignore silences the diagnostics of one rule (e.g. link-anchor), in every
// file or in the files matching Paths: globs relative to the site, where
// * matches within a path segment and ** any number of segments.
type Ignore struct {
	Rule  string   `yaml:"rule"`
	Paths []string `yaml:"paths"`
}

// Silences reports whether the rule is ignored for the file path.
func (c *Config) Silences(rule, file string) bool {
	for _, ig := range c.Ignore {
		if ig.Rule != rule {
			continue
		}
		if len(ig.Paths) == 0 {
			return true
		}
		for _, p := range ig.Paths {
			if globMatch(p, file) {
				return true
			}
		}
	}
	return false
}

// checkGlob tells what is wrong with an ignore entry's path pattern.
func checkGlob(pattern string) error {
	if pattern == "" {
		return errors.New("empty")
	}
	for seg := range strings.SplitSeq(pattern, "/") {
		if _, err := path.Match(seg, ""); err != nil {
			return fmt.Errorf("%w (an unclosed [ or a \\ at the end)", err)
		}
	}
	return nil
}

// globMatch matches a slash-separated path against a glob where ** stands
// for any number of segments.
func globMatch(pattern, name string) bool {
	ps, ns := strings.Split(pattern, "/"), strings.Split(name, "/")
	var match func(ps, ns []string) bool
	match = func(ps, ns []string) bool {
		for len(ps) > 0 {
			if ps[0] == "**" {
				for i := 0; i <= len(ns); i++ {
					if match(ps[1:], ns[i:]) {
						return true
					}
				}
				return false
			}
			if len(ns) == 0 {
				return false
			}
			if ok, _ := path.Match(ps[0], ns[0]); !ok {
				return false
			}
			ps, ns = ps[1:], ns[1:]
		}
		return len(ns) == 0
	}
	return match(ps, ns)
}

type rawLanguage struct {
	Code        string      `yaml:"code"`
	Name        string      `yaml:"name"`
	Dir         opt[string] `yaml:"dir"`
	Title       string      `yaml:"title"`
	Description string      `yaml:"description"`
	Default     bool        `yaml:"default"`
	Fallback    bool        `yaml:"fallback"`
}

// Load reads the site in dir. Without a site.yaml, the languages come from
// GitBook's docs.yaml, else from a legacy LANGS.md; failing both, a
// directory holding .gitbook.yaml, SUMMARY.md, README.md or a HonKit
// book.json is a bare GitBook space, built as one language from ".". The error is non-nil only when dir is not a
// site at all or cannot be read.
func Load(dir string) (*Config, []diag.Diagnostic, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("load site %s: %w", dir, err)
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, nil, fmt.Errorf("load site: %w", err)
	} else if !fi.IsDir() {
		return nil, nil, fmt.Errorf("load site: %s is not a directory", dir)
	}
	b, err := source.ReadRegular(filepath.Join(abs, FileName))
	switch {
	case err == nil:
		c, ds := parse(abs, b)
		return c, ds, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, nil, fmt.Errorf("load site: %w", err)
	}
	return detect(abs, dir)
}

// Detect reads the site in dir as if it had no site.yaml: from docs.yaml,
// LANGS.md, or as a bare GitBook space. `folio init` uses it to describe an
// existing repository.
func Detect(dir string) (*Config, []diag.Diagnostic, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("detect site %s: %w", dir, err)
	}
	if fi, err := os.Stat(abs); err != nil {
		return nil, nil, fmt.Errorf("detect site: %w", err)
	} else if !fi.IsDir() {
		return nil, nil, fmt.Errorf("detect site: %s is not a directory", dir)
	}
	return detect(abs, dir)
}

// detect is Detect on an absolute directory; dir is the name the user gave.
func detect(abs, dir string) (*Config, []diag.Diagnostic, error) {
	langs := LangsFileOf(abs)
	for _, f := range []struct {
		name  string
		parse func(string, []byte) (*Config, []diag.Diagnostic)
	}{{DocsFile, parseDocs}, {langs, func(dir string, b []byte) (*Config, []diag.Diagnostic) { return parseLangs(dir, langs, b) }}} {
		b, err := source.ReadRegular(filepath.Join(abs, f.name))
		switch {
		case err == nil:
			c, ds := f.parse(abs, b)
			return c, ds, nil
		case !errors.Is(err, fs.ErrNotExist):
			return nil, nil, fmt.Errorf("load site: %w", err)
		}
	}
	for _, name := range []string{".gitbook.yaml", "SUMMARY.md", "README.md", "readme.md", "Readme.md", "README", "book.json", "book.js"} {
		if _, err := os.Stat(filepath.Join(abs, name)); err == nil {
			c := defaults(abs)
			c.Languages = []Language{{Code: "en", Name: "English", Dir: ".", Default: true, Assumed: true}}
			return c, nil, nil
		}
	}
	return nil, nil, fmt.Errorf("%s is neither a folio site (no %s) nor a GitBook repository (no .gitbook.yaml, SUMMARY.md, README.md, book.json, LANGS.md or docs.yaml)", dir, FileName)
}

func defaults(dir string) *Config {
	return &Config{Dir: dir, Theme: "default", Out: "public", Minify: true, PageSizeLimit: 500}
}

// parse builds a Config from the bytes of site.yaml in dir.
func parse(dir string, b []byte) (*Config, []diag.Diagnostic) {
	c := defaults(dir)
	c.File = FileName
	text, ds, ok := source.Normalize(FileName, b)
	var raw rawConfig
	if ok {
		text = source.CleanYAML(text)
		if err := yaml.UnmarshalStrict(text, &raw); err != nil {
			yds := source.YAMLError(FileName, text, 0, err)
			for i, d := range yds {
				var key string
				if _, e := fmt.Sscanf(d.Msg, "unknown key %q", &key); e == nil {
					switch near := suggest.Nearest(key, siteKeys()); {
					case near == key:
						// Known, at another level: one list holds them all.
						yds[i].Hint = key + " belongs at another level of site.yaml: check its indentation"
					case near != "":
						yds[i].Hint = "did you mean " + near + "?"
					}
				}
			}
			ds = append(ds, yds...)
			var te *yaml.TypeError
			var top any
			_ = yaml.Unmarshal(text, &top)
			_, mapping := top.(map[any]any)
			if !errors.As(err, &te) || top != nil && !mapping {
				// A syntax error, or a file that is not a mapping of
				// keys (a list): nothing of it can be trusted.
				raw = rawConfig{}
				c.Broken = true
			}
		}
	}
	lines := newLineIndex(text)
	errAt := func(line int, msg, hint string) {
		ds = append(ds, diag.Diagnostic{Path: FileName, Line: line, Severity: diag.Error, Rule: "config", Msg: msg, Hint: hint})
	}

	c.Title, c.Description = raw.Title, raw.Description
	c.DefaultAtRoot = raw.DefaultAtRoot
	c.Ignore = raw.Ignore
	c.TrustRawHTML = raw.TrustRawHTML
	if c.TrustRawHTML {
		// Said once per build, here, rather than on every page whose HTML
		// would otherwise have lost something.
		ds = append(ds, diag.Diagnostic{Path: FileName, Line: lines.top("trust_raw_html"), Severity: diag.Warning, Rule: "trust-raw-html",
			Msg:  "trust_raw_html is on: raw HTML in pages is published as written, scripts and event handlers included",
			Hint: "turn it off unless every author of the site is trusted to run code in its readers' browsers"})
	}
	c.OpenAPI = raw.OpenAPI
	c.StringsLine = lines.top("strings")
	for code, m := range raw.Strings {
		if c.StringsLines == nil {
			c.StringsLines = map[string]int{}
		}
		c.StringsLines[code] = lines.under("strings", code)
		if !validCode(code) {
			errAt(lines.under("strings", code), fmt.Sprintf("strings: %q is not a language code", code), "use a BCP 47 code such as en or pt-BR")
			continue
		}
		if c.Strings == nil {
			c.Strings = map[string]map[string]string{}
		}
		c.Strings[code] = m
	}
	if raw.Logo != "" {
		if p, msg := checkFile(dir, raw.Logo, imageTypes); msg != "" {
			errAt(lines.top("logo"), "logo: "+msg, "give the path of an image file of the site, such as static/logo.svg")
		} else {
			c.Logo = p
		}
	}
	for _, f := range raw.Favicon {
		if p, msg := checkFile(dir, f, iconTypes); msg != "" {
			errAt(lines.top("favicon"), "favicon: "+msg, "give the path of an icon file of the site, such as static/favicon.svg")
		} else {
			c.Favicon = append(c.Favicon, p)
		}
	}
	if raw.SocialImage != "" {
		if p, msg := checkFile(dir, raw.SocialImage, socialTypes); msg != "" {
			errAt(lines.top("social_image"), "social_image: "+msg, "give the path of a PNG or JPEG file of the site, such as static/social.png")
		} else {
			c.SocialImage = p
		}
	}
	for i, ig := range c.Ignore {
		switch {
		case ig.Rule == "":
			errAt(lines.item("ignore", i, "rule"), "an ignore entry needs a rule", "write - rule: link-anchor")
		case !diag.IsRule(ig.Rule):
			ds = append(ds, diag.Diagnostic{Path: FileName, Line: lines.item("ignore", i, "rule"), Severity: diag.Warning, Rule: "config",
				Msg: fmt.Sprintf("ignore: no diagnostic has the rule %q: this entry silences nothing", ig.Rule), Hint: diag.UnknownRuleHint(ig.Rule)})
		}
		for _, p := range ig.Paths {
			if err := checkGlob(p); err != nil {
				errAt(lines.item("ignore", i, "paths"), fmt.Sprintf("ignore: path pattern %q: %v", p, err),
					"write a path relative to the site, where * matches within a folder and ** any number of folders")
			}
		}
	}
	switch {
	case !raw.PageSizeLimit.Set:
	case raw.PageSizeLimit.V > 0:
		c.PageSizeLimit = raw.PageSizeLimit.V
	default: // 0 too: it silently meant the default
		errAt(lines.top("page_size_limit"), fmt.Sprintf("page_size_limit is %d: it must be a positive number of kB", raw.PageSizeLimit.V),
			fmt.Sprintf("remove it to keep the default of %d kB, or silence the rule with ignore: page-size", c.PageSizeLimit))
	}
	if raw.Theme != "" {
		if msg, hint := checkTheme(dir, raw.Theme); msg != "" {
			// Told where it is written (t100: a stat error stopped the
			// build, with no line); the site keeps the default theme.
			errAt(lines.top("theme"), msg, hint)
		} else {
			c.Theme = raw.Theme
		}
	}
	if raw.Out != "" {
		// The repository chooses where its site goes inside its folder;
		// elsewhere, a build of a repository cloned from anyone would
		// write wherever it says (--out, typed by the user, may).
		if _, msg := cleanDir(raw.Out); msg != "" {
			errAt(lines.top("out"), "out: "+msg+": the site is written to public/", "write the site elsewhere with folio build --out")
		} else {
			c.Out, c.OutLine = raw.Out, lines.top("out")
		}
	}
	if raw.Minify.Set {
		c.Minify = raw.Minify.V
	}
	if raw.BaseURL != "" {
		if u, err := NormalizeBaseURL(raw.BaseURL); err != nil {
			errAt(lines.top("base_url"), "base_url: "+err.Error(), "write it like https://example.org/docs/")
		} else {
			c.BaseURL, c.BaseURLLine = u, lines.top("base_url")
		}
	}
	if raw.GitBookURL != "" {
		if u, msg := checkURL(raw.GitBookURL); msg != "" {
			errAt(lines.top("gitbook_url"), "gitbook_url: "+msg, "")
		} else {
			c.GitBookURL = strings.TrimRight(u, "/")
		}
	}
	if len(raw.GitBookSpaces) > 0 {
		c.Spaces = make(map[string]string, len(raw.GitBookSpaces))
		for _, id := range sortedKeys(raw.GitBookSpaces) {
			v := raw.GitBookSpaces[id]
			if v == "" {
				c.Spaces[id] = ""
				continue
			}
			if !strings.Contains(v, "://") {
				// Checked once the languages are known.
				if c.SpaceDirs == nil {
					c.SpaceDirs = map[string]string{}
				}
				c.SpaceDirs[id] = v
				continue
			}
			if u, msg := checkURL(v); msg != "" {
				errAt(lines.under("gitbook_spaces", id), fmt.Sprintf("gitbook_spaces: %s: %s", id, msg), `use "" for this site, the content folder of one of its spaces, or the base URL of another site`)
			} else {
				c.Spaces[id] = strings.TrimSuffix(u, "/") + "/"
			}
		}
	}

	c.repository(raw, lines, &ds)

	single := raw.Content.Set || raw.Language != "" || raw.LanguageName != ""
	docs, docsErr := source.ReadRegular(filepath.Join(dir, DocsFile))
	if docsErr == nil && (len(raw.Languages) > 0 || single) {
		// Its sections and space keys are not the site's (t68: links by
		// space key failed without a word why). folio init lists the
		// languages of a docs.yaml of one section, which loses nothing.
		if dc, _ := parseDocs(dir, docs); len(dc.Sections) > 1 {
			var named []string // the keys that say what the content is
			line := 0
			for _, k := range []string{"languages", "content", "language", "language_name"} {
				if l := lines.top(k); l > 0 {
					named, line = append(named, k), cmp.Or(line, l)
				}
			}
			ds = append(ds, diag.Diagnostic{Path: FileName, Line: line, Severity: diag.Info, Rule: "docs-yaml",
				Msg:  fmt.Sprintf("the %d sections of docs.yaml are not built: site.yaml names the content (%s)", len(dc.Sections), strings.Join(named, ", ")),
				Hint: "remove " + strings.Join(named, " and ") + " from site.yaml to build docs.yaml's sections, with site.yaml's other settings"})
		}
	}
	switch {
	case len(raw.Languages) == 0 && !single && docsErr == nil:
		// site.yaml adds its settings to GitBook's description of the
		// site, which says where the spaces are.
		dc, dds := parseDocs(dir, docs)
		ds = append(ds, dds...)
		c.Languages, c.Sections, c.Broken = dc.Languages, dc.Sections, c.Broken || dc.Broken
		for id, d := range dc.SpaceDirs {
			_, mapped := c.Spaces[id]
			if _, ok := c.SpaceDirs[id]; !ok && !mapped {
				if c.SpaceDirs == nil {
					c.SpaceDirs = map[string]string{}
				}
				c.SpaceDirs[id] = d
			}
		}
		c.Title, c.Description = cmp.Or(c.Title, dc.Title), cmp.Or(c.Description, dc.Description)
	case len(raw.Languages) > 0:
		if single {
			errAt(lines.top("languages"), "site.yaml has both languages and content/language/language_name",
				"list every content directory under languages, or use content alone for a one-language site")
		}
		c.Languages = languages(dir, raw.Languages, lines, errAt)
		if c.Languages == nil {
			// Every language was ignored: building site.yaml's own
			// folder instead would publish it over the output.
			c.Languages, c.Broken = []Language{{Code: "en", Name: "English", Dir: ".", Default: true}}, true
		}
		langs := LangsFileOf(dir)
		if _, err := os.Stat(filepath.Join(dir, langs)); err == nil {
			c.LangsBook, c.LangsPath = true, langs
		}
	default:
		l := Language{Code: "en", Name: "English", Dir: ".", Default: true, Assumed: raw.Language == ""}
		if raw.Language != "" {
			l.Code, l.Name, l.Line = raw.Language, raw.Language, lines.top("language")
			if !validCode(l.Code) {
				errAt(lines.top("language"), fmt.Sprintf("language %q is not a language code", l.Code), "use a BCP 47 code such as en or pt-BR")
			}
		}
		if raw.LanguageName != "" {
			l.Name = raw.LanguageName
		}
		line := lines.top("content")
		if raw.Content.Set {
			d, msg := cleanDir(raw.Content.V)
			if msg != "" {
				// Not the site's folder in its place: the build would
				// publish site.yaml's folder, and replace the output.
				errAt(line, "content directory "+msg, "")
				c.Broken = true
			}
			l.Dir = d
		}
		if msg := checkDir(dir, l.Dir); msg != "" && !c.Broken {
			errAt(line, msg, "")
		}
		c.Languages = []Language{l}
	}
	for _, id := range sortedKeys(c.SpaceDirs) {
		v := c.SpaceDirs[id]
		d, msg := cleanDir(v)
		i := slices.IndexFunc(c.Languages, func(l Language) bool { return l.Dir == d })
		if msg == "" && i < 0 {
			msg = fmt.Sprintf("%q is not the content folder of a language of the site", v)
		}
		if msg != "" {
			errAt(lines.under("gitbook_spaces", id), fmt.Sprintf("gitbook_spaces: %s: %s", id, msg), `use "" for this site, the content folder of one of its spaces, or the base URL of another site`)
			delete(c.SpaceDirs, id)
			continue
		}
		c.SpaceDirs[id] = d
	}
	for i, d := range ds {
		if d.Path == FileName && d.Col == 0 {
			ds[i].Col = source.FirstCol(text, d.Line) // the key the line holds
		}
	}
	return c, ds
}

// languages converts the languages list, dropping entries that cannot be
// used and putting the default language first.
func languages(dir string, raws []rawLanguage, lines *lineIndex, errAt func(int, string, string)) []Language {
	var out []Language
	seen := map[string]bool{}
	def := -1
	for i, r := range raws {
		switch {
		case r.Code == "":
			errAt(lines.item("languages", i, "code"), "language has no code", "add code: en (a BCP 47 language code)")
			continue
		case !validCode(r.Code):
			errAt(lines.item("languages", i, "code"), fmt.Sprintf("language %q is not a language code", r.Code), "use a BCP 47 code such as en or pt-BR")
			continue
		case seen[strings.ToLower(r.Code)]:
			errAt(lines.item("languages", i, "code"), fmt.Sprintf("language %q is listed twice", r.Code), "")
			continue
		case !r.Dir.Set:
			errAt(lines.item("languages", i, "code"), fmt.Sprintf("language %q has no dir", r.Code), "add dir: the content directory of this language")
			continue
		}
		seen[strings.ToLower(r.Code)] = true
		l := Language{Code: r.Code, Name: r.Name, Title: r.Title, Description: r.Description, Fallback: r.Fallback,
			Line: lines.item("languages", i, "code")}
		if l.Name == "" {
			l.Name = l.Code
		}
		d, msg := cleanDir(r.Dir.V)
		if msg == "" {
			msg = checkDir(dir, d)
		}
		if msg != "" {
			// The other languages are built all the same.
			errAt(lines.item("languages", i, "dir"), msg+"; language ignored", "")
			continue
		}
		l.Dir = d
		if r.Default {
			if def >= 0 {
				errAt(lines.item("languages", i, "default"), fmt.Sprintf("languages %q and %q are both marked default", out[def].Code, l.Code), "mark one language only")
			} else {
				def = len(out)
			}
		}
		out = append(out, l)
	}
	if len(out) == 0 {
		return nil // every one ignored, each with its error
	}
	if def < 0 {
		def = 0
	}
	d := out[def]
	d.Default = true
	d.Fallback = false // nothing to fall back to
	out = slices.Delete(out, def, def+1)
	return slices.Insert(out, 0, d)
}

// opt is a value that may be absent from the YAML. A pointer would not do:
// yaml.v2 allocates it before finding that the value has the wrong type.
type opt[T any] struct {
	Set bool
	V   T
}

// UnmarshalYAML implements yaml.Unmarshaler.
func (o *opt[T]) UnmarshalYAML(unmarshal func(any) error) error {
	var v T
	if err := unmarshal(&v); err != nil {
		return err
	}
	o.Set, o.V = true, v
	return nil
}

var codeRe = regexp.MustCompile(`^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$`)

func validCode(s string) bool { return codeRe.MatchString(s) }

// checkURL validates an absolute http(s) URL without query or fragment and
// returns it, or a message saying what is wrong.
func checkURL(s string) (string, string) {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "", fmt.Sprintf("%q is not a URL", s)
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Sprintf("%q must start with https:// or http://", s)
	case u.Host == "":
		return "", fmt.Sprintf("%q has no host", s)
	case strings.ContainsAny(s, "?#"):
		return "", fmt.Sprintf("%q must not have a query or fragment", s)
	}
	return s, ""
}

// NormalizeBaseURL checks the address a site is published at and writes
// it as every page, the sitemap and robots.txt give it: an http(s) URL
// with a host and neither query, fragment nor credentials (which every
// page would publish), its host in lower case and in ASCII (an IDN's
// punycode), its path %-escaped once, without . or .. segments nor //
// (a path starting with // is another host's to a browser), ending in /.
func NormalizeBaseURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	switch {
	case err != nil:
		return "", fmt.Errorf("%q is not a URL", s)
	case u.Scheme != "http" && u.Scheme != "https":
		return "", fmt.Errorf("%q must start with https:// or http://", s)
	case u.Host == "":
		return "", fmt.Errorf("%q has no host", s)
	case u.RawQuery != "" || u.Fragment != "" || u.ForceQuery || strings.ContainsAny(s, "?#"):
		return "", fmt.Errorf("%q must not have a query or fragment", s)
	case u.User != nil:
		return "", fmt.Errorf("%q holds credentials, which every page would publish", s)
	}
	var host string
	if ip := net.ParseIP(u.Hostname()); ip != nil {
		host = ip.String() // no name for IDNA (t100: [::1] was refused)
	} else if host, err = idna.Lookup.ToASCII(strings.ToLower(u.Hostname())); err != nil {
		return "", fmt.Errorf("%q: its host is not a valid name: %v", s, err)
	}
	// The scheme's own port names the same address without it (t100:
	// https://example.org:443/ in every canonical link).
	p := u.Port()
	if n, err := strconv.Atoi(p); err == nil {
		p = strconv.Itoa(n) // :0443 is :443 (t102)
	}
	if p != "" && !(u.Scheme == "http" && p == "80" || u.Scheme == "https" && p == "443") {
		host = net.JoinHostPort(host, p)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]" // IPv6
	}
	// Cleaned as written, so that an escaped / (%2F) stays in its
	// segment; then escaped as a URL's path is. A folder's index.html is
	// the folder: its name would make one more folder of every address.
	p = path.Clean("/" + u.EscapedPath())
	if b := strings.ToLower(path.Base(p)); b == "index.html" || b == "index.htm" {
		p = path.Dir(p)
	}
	if p != "/" {
		p += "/"
	}
	unescaped, err := url.PathUnescape(p)
	if err != nil {
		return "", fmt.Errorf("%q: its path is not valid: %v", s, err)
	}
	out := url.URL{Scheme: u.Scheme, Host: host, Path: unescaped, RawPath: p}
	return out.String(), nil
}

// cleanDir cleans a slash-separated directory that must stay inside the
// site; on a bad one it returns "." and a message.
func cleanDir(s string) (string, string) {
	s = strings.ReplaceAll(strings.TrimSpace(s), `\`, "/")
	if s == "" {
		return ".", ""
	}
	if path.IsAbs(s) || filepath.IsAbs(s) {
		return ".", fmt.Sprintf("%q must be relative to the site directory", s)
	}
	c := path.Clean(s)
	if c == ".." || strings.HasPrefix(c, "../") {
		return ".", fmt.Sprintf("%q is outside the site directory", s)
	}
	return c, ""
}

// checkTheme says what is wrong with the theme name of the site in dir:
// "default", or a folder of its themes/.
func checkTheme(dir, name string) (msg, hint string) {
	if name == "default" || dir == "" {
		return "", ""
	}
	if name != path.Base(name) || name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return fmt.Sprintf("theme %q is not a folder name: the default theme is used", name), "name a folder of themes/, or leave theme out"
	}
	if fi, err := os.Stat(filepath.Join(dir, "themes", name)); err == nil && fi.IsDir() {
		return "", ""
	}
	known := []string{"default"}
	if entries, err := os.ReadDir(filepath.Join(dir, "themes")); err == nil {
		for _, e := range entries {
			if e.IsDir() {
				known = append(known, e.Name())
			}
		}
	}
	hint = "name a folder of themes/, or leave theme out"
	if near := suggest.Nearest(name, known); near != "" {
		hint = "did you mean " + near + "?"
	}
	return fmt.Sprintf("theme %q: themes/%s/ is not a folder of the site: the default theme is used", name, name), hint
}

func checkDir(site, d string) string {
	fi, err := os.Stat(filepath.Join(site, filepath.FromSlash(d)))
	switch {
	case err != nil:
		return fmt.Sprintf("content directory %q does not exist", d)
	case !fi.IsDir():
		return fmt.Sprintf("content directory %q is not a directory", d)
	}
	return ""
}

// Image types a page can show, by extension, and those of favicons.
var (
	imageTypes = map[string]string{".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
		".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif"}
	iconTypes = map[string]string{".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon", ".gif": "image/gif"}
	// socialTypes are those every network's link preview shows (not SVG).
	socialTypes = map[string]string{".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
)

// MediaType returns the media type of an image or icon file by its
// extension, or "".
func MediaType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := iconTypes[ext]; ok {
		return t
	}
	return imageTypes[ext]
}

// checkFile validates the path of a file of the site, relative to its
// directory and with one of the extensions of types, and returns it clean
// and slash-separated, or a message saying what is wrong. A symbolic link
// is refused: what it points to may be anywhere.
func checkFile(site, s string, types map[string]string) (string, string) {
	if strings.TrimSpace(s) == "" || strings.Contains(s, "://") {
		return "", fmt.Sprintf("%q is not a file of the site", s)
	}
	c, msg := cleanDir(s)
	if msg != "" {
		return "", msg
	}
	if _, ok := types[strings.ToLower(path.Ext(c))]; !ok {
		exts := make([]string, 0, len(types))
		for e := range types {
			exts = append(exts, e)
		}
		slices.Sort(exts)
		return "", fmt.Sprintf("%q is not one of %s", s, strings.Join(exts, ", "))
	}
	full := filepath.Join(site, filepath.FromSlash(c))
	fi, err := os.Lstat(full)
	switch {
	case err != nil:
		return "", fmt.Sprintf("%q does not exist", c)
	case !fi.Mode().IsRegular():
		return "", fmt.Sprintf("%q is not a regular file", c)
	case !symlink.Inside(full, site):
		return "", fmt.Sprintf("%q is in a folder that is a symbolic link leading outside the site's folder", c)
	}
	return c, ""
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// siteKeys are the keys site.yaml knows, at any level, for the hint of an
// unknown one (base-url for base_url).
var siteKeys = sync.OnceValue(func() []string {
	var keys []string
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Slice || t.Kind() == reflect.Pointer || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
			if name != "" && name != "-" && !slices.Contains(keys, name) {
				keys = append(keys, name)
			}
			walk(f.Type)
		}
	}
	walk(reflect.TypeFor[rawConfig]())
	return keys
})
