package theme

import (
	"fmt"
	"html/template"
	"strings"
	"sync"
)

// Site is what every page of one language shares. The build makes one per
// language and never changes it while pages render, so templates may read it
// from many goroutines.
type Site struct {
	Title, Description string
	BaseURL            string     // absolute URL of the site root with trailing slash, or "" when unknown
	Lang               string     // BCP 47 code of this language, e.g. "en"
	Dir                string     // "ltr" or "rtl"
	Home               string     // site-root-relative URL of this language's home, e.g. "" or "fr/"
	Languages          []LangLink // the languages of the section of the site the page is in; len 1 means no switcher
	// Sections are the site's sections, which the header links; nil for
	// a site without sections.
	Sections []SectionLink
	// SectionTitle is the title of the section of the site's pages, ""
	// for a site without sections: the print page names it.
	SectionTitle string
	Nav          []*NavPart
	Strings      map[string]string // from Theme.Strings(Lang)
	// English holds the keys of Strings that show English's words: the
	// language has none of its own (Theme.MissingStrings).
	English     map[string]bool
	Generator   string // "folio vX"
	Logo        string // site-root-relative URL of the logo shown in the header, or ""
	Favicon     []Icon // the site's icons, PNG before SVG; none means the theme's own
	SocialImage string // absolute URL of the picture of link previews (og:image), or "" (no base URL)
	// Links are the book's own links for the sidebar (book.json's
	// links.sidebar).
	Links []SiteLink
	// PrintURL is the site-root-relative URL of this language's print page
	// ("en/print/"), or "": the sidebar links to it (review.go).
	PrintURL string
	// Review is set in review mode (folio build --review REF): the sidebar
	// marks the items with a Review status and links to the index.
	Review *SiteReview

	navMu    sync.Mutex
	navCache map[navKey]*navTemplate // compiled nav lists, by first item
	navOnce  sync.Once               // facts
	facts    navFacts

	navScriptOnce sync.Once // NavScript
	navScript     []byte
	navScriptPath string

	sharedMu sync.Mutex
	shared   map[sharedKey]template.HTML // see Page.Shared
}

type sharedKey struct {
	name, root    string
	notFound, dev bool
	layout        Layout
}

// SiteLink is a link of the book's own: a title and an address, absolute,
// or site-root-relative when Relative.
type SiteLink struct {
	Title, URL string
	Relative   bool
}

// Icon is a favicon: its site-root-relative URL and its media type.
type Icon struct{ URL, Type string }

// SectionLink points to a section of the site (GitBook's Documentation,
// Developers…): the home of its default language. URL is
// site-root-relative.
type SectionLink struct {
	Title   string
	URL     string
	Current bool // the section of the page that shows it
	// Icon is the drawing of the section's icon, "" for none.
	Icon template.HTML
}

// LangLink points to a language of the site. URL is site-root-relative.
type LangLink struct {
	Code, Name, URL string
	// NameLang is the language Name is written in where it is not the
	// language's own (English, for LANGS.md's "Korean"): "" for Code.
	NameLang string
	// Untranslated marks a switcher target that is the language's home
	// because the page has no translation there. In Page.LangLinks, the
	// build may also set it on a fallback page (the original shown with a
	// notice), which is not a translation either.
	Untranslated bool
}

// NavPart is a group of the sidebar; Title is "" for the untitled first group.
type NavPart struct {
	Title string
	// Lang is the language of Title when it is not the page's: the
	// title of a group of the default language's SUMMARY.md that a
	// language with fallback copies shows whole (WCAG 3.1.2).
	Lang  string
	Items []*NavItem
}

// Shown reports whether the sidebar shows an entry of the part: one that
// is not hidden. A part without one is left out, title and all, rather
// than shown as a title over an empty list.
func (p *NavPart) Shown() bool {
	for _, it := range p.Items {
		if !it.Hidden {
			return true
		}
	}
	return false
}

// NavItem is one entry of the sidebar.
type NavItem struct {
	ID       int    // unique within the site's nav, for Page.Trail
	Title    string // plain text
	URL      string // site-root-relative ("a/b/", "" for the home page) or absolute external URL
	External bool
	Label    bool // an entry without a page: its title alone, URL unused
	// Icon is drawn before the title: the page's front matter icon, as
	// decorative SVG; "" for none.
	Icon   template.HTML
	Hidden bool // front matter "hidden: true": not shown in the sidebar
	// Review is the page's status in review mode (ReviewAdded,
	// ReviewChanged or ReviewRenamed), marked in the sidebar; "" otherwise.
	Review string
	// ReviewInside: in review mode, an entry below this one is marked;
	// its group is shown open on every page, so that no mark is hidden
	// in a collapsed group (t95).
	ReviewInside bool
	// Lang is the language of Title when it is not the page's: the
	// title of a fallback copy, in the default language (WCAG 3.1.2).
	Lang     string
	Children []*NavItem
}

// HasVisibleChildren reports whether the sidebar shows a disclosure toggle for
// the item: hidden children do not count.
func (n *NavItem) HasVisibleChildren() bool {
	for _, c := range n.Children {
		if !c.Hidden {
			return true
		}
	}
	return false
}

// Heading is one entry of a page's outline.
type Heading struct {
	Level    int
	ID, Text string
}

// Link is a previous/next target. URL is site-root-relative.
type Link struct {
	Title, URL string
	Lang       string // the language of Title when it is not the page's (NavItem.Lang)
}

// Layout holds the visibility flags of a page. Its zero value hides
// everything, so builders should start from DefaultLayout. Wide is
// GitBook's layout.width: wide, a page whose content takes a wider
// column (the default theme's class "wide" on its .layout).
type Layout struct {
	Title, Description, TableOfContents, Outline, Pagination bool
	Cover                                                    bool
	Wide                                                     bool
}

// DefaultLayout returns the layout of a page whose front matter says nothing:
// everything visible.
func DefaultLayout() Layout {
	return Layout{Title: true, Description: true, TableOfContents: true, Outline: true, Pagination: true, Cover: true}
}

// Alternate is the same page in another language, for <link rel="alternate">.
// URL is absolute or site-root-relative.
type Alternate struct{ Lang, URL string }

// Page is everything the page template sees.
type Page struct {
	Site  *Site
	URL   string // site-root-relative URL of this page ("" = site root, "a/b/")
	Root  string // prefix from this page to the site root: "./", "../"; absolute ("/docs/") for 404 pages
	Title string
	// Heading is the text of the page's h1, when it is not its Title: in
	// a HonKit book, Title is the SUMMARY.md label and the page keeps its
	// own first heading. HeadingID is the h1's anchor, "" for none.
	Heading, HeadingID string
	// TitleInBody: the page's h1 is one of its body's, an HTML <h1>
	// (a README's centred logo and name), which the frame does not repeat.
	TitleInBody bool
	// TitleHTML is that title's HTML, the start of the body up to its end,
	// which the frame prints in the title's place; Content is the rest.
	TitleHTML template.HTML
	// Icon is the page's front matter icon, drawn before its h1.
	Icon        template.HTML
	Description string
	Content     template.HTML
	Outline     []Heading // h2 and h3 of the page
	Prev, Next  *Link
	Trail       []int // NavItem IDs from the top to the current page's item
	Layout      Layout
	NoIndex     bool
	Canonical   string      // absolute URL, "", or, on a fallback copy of a site without base URL, its original's URL relative to the page
	Alternates  []Alternate // may be empty
	LangLinks   []LangLink  // switcher targets: this page in other languages, or their home
	Dev         bool        // serve mode: load the live-reload script
	// Mermaid is set on a page with a diagram that folio does not draw:
	// it loads _folio/mermaid.min.js, which draws it in the browser.
	Mermaid bool
	Notice  template.HTML
	// Fallback is set on a page shown in this language's tree although it
	// has no translation: the language of the original and the original's
	// URL. The page then says so (FallbackNotice) and its content carries
	// the original's lang and dir.
	Fallback *LangLink
	Cover    string // front matter cover image, a URL relative to this page, or ""
	// CoverY is the cover's coverY: GitBook's offset of the image's top
	// in its band, in pixels, where the author dragged it.
	CoverY    float64
	HasCoverY bool           // 0 is a place too
	Feed      string         // Atom feed of the page's updates, relative to the page, or ""
	Meta      map[string]any // other front matter keys, for custom templates
	// From git and the repository's host (review.go); nothing of them
	// shows when they are unset.
	Stamp     *Stamp      // the page's last change, or nil without history
	EditURL   string      // "Edit this page" on the host, absolute, or ""
	Review    *PageReview // review mode: set on an added, changed or moved page
	Freshness *Freshness  // set on a translation whose original changed after it

	notFound bool   // set by RenderNotFound: no nav item is current
	theme    *Theme // set by the Render methods, for strings of other languages
}

// Current reports whether item is this page. The trail decides when the build
// gave one, because the same URL may appear twice in a SUMMARY.
func (p *Page) Current(item *NavItem) bool {
	if item == nil || p.notFound {
		return false
	}
	if len(p.Trail) > 0 {
		return p.Trail[len(p.Trail)-1] == item.ID
	}
	return !item.External && item.URL == p.URL
}

// InTrail reports whether item is this page or one of its ancestors, so that
// its section starts open.
func (p *Page) InTrail(item *NavItem) bool {
	if item == nil {
		return false
	}
	for _, id := range p.Trail {
		if id == item.ID {
			return true
		}
	}
	return len(p.Trail) == 0 && p.Current(item)
}

// T returns the UI string for key in the page's language.
func (p *Page) T(key string) string {
	if p.Site != nil {
		if s, ok := p.Site.Strings[key]; ok {
			return s
		}
	}
	return fallbackString(key)
}

// UILang returns the language attributes of an element that shows the
// UI string for key, when the page's language has no word of its own for
// it and shows English's: lang="en" dir="ltr", so that a screen reader
// reads it as English and a right-to-left page keeps its punctuation in
// place (t97); nothing otherwise.
func (p *Page) UILang(key string) template.HTMLAttr {
	if p.Site != nil && p.Site.English[key] {
		return ` lang="en" dir="ltr"`
	}
	return ""
}

// UIEnglish reports whether the page shows every one of keys in English
// (UILang): folio.js then marks what it writes with them as English.
func (p *Page) UIEnglish(keys ...string) bool {
	for _, k := range keys {
		if p.Site == nil || !p.Site.English[k] {
			return false
		}
	}
	return len(keys) > 0
}

// ShownTitle is the text of the page's h1.
func (p *Page) ShownTitle() string {
	if p.Heading != "" {
		return p.Heading
	}
	return p.Title
}

// FullTitle is the document title: "Page — Site", or the site title alone
// on the home page or when the page has no title of its own.
func (p *Page) FullTitle() string {
	site := ""
	if p.Site != nil {
		site = p.Site.Title
	}
	switch {
	case p.Title == "" || p.Title == site:
		return site
	case site == "":
		return p.Title
	}
	return p.Title + " — " + site
}

// ShowLanguages reports whether the header has a language switcher.
func (p *Page) ShowLanguages() bool {
	return p.Site != nil && len(p.Site.Languages) > 1
}

// Switcher lists every language of the site with the best target for this
// page: the page itself for the current language, the translation from
// LangLinks when there is one, otherwise that language's home marked
// Untranslated. On the 404 page every target is a home, unmarked.
func (p *Page) Switcher() []LangLink {
	if p.Site == nil {
		return nil
	}
	out := make([]LangLink, len(p.Site.Languages))
	for i, l := range p.Site.Languages {
		out[i] = l
		out[i].Untranslated = false
		if p.notFound {
			continue // each language's home
		}
		if l.Code == p.Site.Lang {
			out[i].URL = p.URL
			continue
		}
		out[i].Untranslated = true
		for _, ll := range p.LangLinks {
			if ll.Code == l.Code {
				out[i].URL, out[i].Untranslated = ll.URL, ll.Untranslated
				break
			}
		}
	}
	return out
}

// TFor returns the UI string for key in another language, e.g. to mark a
// switcher entry "not translated yet" in the language of its target.
func (p *Page) TFor(lang, key string) string {
	if p.theme != nil {
		if s, ok := p.theme.Strings(lang)[key]; ok {
			return s
		}
	}
	return p.T(key)
}

// FallbackNotice is the notice of a fallback page: not_translated_notice
// with {language} replaced by a link to the original, named in its own
// language. Empty on other pages.
func (p *Page) FallbackNotice() template.HTML {
	if p.Fallback == nil {
		return ""
	}
	return p.notTranslated(p.langLink(*p.Fallback))
}

// notTranslated is the notice over an untranslated page's original, which
// language (HTML) names.
func (p *Page) notTranslated(language string) template.HTML {
	text := p.T("not_translated_notice")
	if !strings.Contains(text, "{language}") {
		text += " {language}"
	}
	return fill(text, map[string]string{"{language}": language})
}

// langLink is a link to the page of another language at l.URL, named and
// marked in that language, for a notice.
func (p *Page) langLink(l LangLink) string {
	name := l.Name
	if name == "" {
		name = l.Code
	}
	return fmt.Sprintf(`<a href="%s" hreflang="%s" lang="%s">%s</a>`,
		template.HTMLEscapeString(p.Href(l.URL)), template.HTMLEscapeString(l.Code),
		template.HTMLEscapeString(l.Code), template.HTMLEscapeString(name))
}

// FallbackDir is the writing direction of a fallback page's original.
func (p *Page) FallbackDir() string {
	if p.Fallback == nil {
		return ""
	}
	return Direction(p.Fallback.Code)
}

// Date formats a date in the page's language: a time.Time, or a string
// "YYYY-MM-DD" (a longer RFC 3339 time keeps its date part). Anything else
// is returned as text, unchanged.
func (p *Page) Date(v any) string {
	if p.Site == nil {
		return formatDateValue(nil, v)
	}
	return p.Site.Date(v)
}

// Date formats a date in the site's language, as Page.Date does.
func (s *Site) Date(v any) string {
	return formatDateValue(s.Strings, v)
}

// Href turns a site-root-relative URL into one that works from this page.
// Absolute URLs are returned unchanged.
func (p *Page) Href(url string) string {
	return join(p.Root, url)
}

// Shared renders the template name for this page and hands the same markup
// to every page of the site at the same depth (same Root) and with the
// same Layout: for partials that use nothing of the page but its site,
// Root, Layout and Dev, such as the search box, or the header of a site
// in one language. html/template costs a few microseconds per action and
// a site has many pages; such a partial is then rendered once per
// language and depth. A site that overrides templates gets no sharing:
// a partial of its own may show the page.
func (p *Page) Shared(name string) (template.HTML, error) {
	return p.shared(name)
}

// CustomCSS reports whether the site adds a style sheet of its own to
// the theme (static/custom.css), which the pages link after the theme's.
func (p *Page) CustomCSS() bool { return p.theme != nil && p.theme.customCSS }

// SharedAttrs is Shared for a partial that writes attributes, such as the
// data attributes of <body>.
func (p *Page) SharedAttrs(name string) (template.HTMLAttr, error) {
	h, err := p.sharedAs(name, true)
	return template.HTMLAttr(h), err
}

func (p *Page) shared(name string) (template.HTML, error) { return p.sharedAs(name, false) }

// sharedAs renders a shared partial; attrs says it writes the attributes
// of a start tag rather than elements.
func (p *Page) sharedAs(name string, attrs bool) (template.HTML, error) {
	if p.Site == nil || p.theme == nil {
		return "", fmt.Errorf("Shared %s: page not being rendered", name)
	}
	render := func() (template.HTML, error) {
		var b strings.Builder
		err := p.theme.tmpl.ExecuteTemplate(&b, name, p)
		if err != nil || p.theme.minifyShared == nil || p.theme.ownTemplates {
			return template.HTML(b.String()), err
		}
		return template.HTML(minifyPart(p.theme.minifyShared, b.String(), attrs)), nil
	}
	if p.theme.ownTemplates {
		return render()
	}
	k := sharedKey{name, p.Root, p.notFound, p.Dev, p.Layout}
	s := p.Site
	s.sharedMu.Lock()
	h, ok := s.shared[k]
	s.sharedMu.Unlock()
	if ok {
		return h, nil
	}
	h, err := render()
	if err != nil {
		return "", err
	}
	s.sharedMu.Lock()
	if s.shared == nil {
		s.shared = map[sharedKey]template.HTML{}
	}
	s.shared[k] = h
	s.sharedMu.Unlock()
	return h, nil
}

// Redirect is the data of a page that forwards to another URL.
type Redirect struct {
	Site      *Site
	From      string // site-root-relative URL of the redirect page
	To        string // relative to the redirect page, or absolute
	Canonical string // absolute URL of the target, or ""
	Root      string
	// Title is the target page's title, the text of the link to it; ""
	// for a target that is not a page, whose link shows To.
	Title string
}

// Href turns a site-root-relative URL into one that works from the
// redirect page.
func (r *Redirect) Href(url string) string {
	return join(r.Root, url)
}

// ToIndex is To naming the index.html of a folder on the same site, which
// works opened from disk (file:, where a folder shows a directory listing)
// as well as on a host.
func (r *Redirect) ToIndex() string {
	if r.To == "" || strings.Contains(r.To, "://") || strings.HasPrefix(r.To, "//") {
		return r.To
	}
	path, rest := r.To, ""
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path, rest = path[:i], path[i:]
	}
	if !strings.HasSuffix(path, "/") {
		return r.To
	}
	return path + "index.html" + rest
}

// T returns the UI string for key in the site's language.
func (r *Redirect) T(key string) string {
	if r.Site != nil {
		if s, ok := r.Site.Strings[key]; ok {
			return s
		}
	}
	return fallbackString(key)
}

// LanguageIndex is the root page of a multilingual site.
type LanguageIndex struct {
	Title     string
	Languages []LangLink
	Default   string // code of the default language
	URL       string // site-root-relative URL of the index: "" at the top, a section's path
	Root      string
	Base      string // the site's absolute base URL (base_url), or ""
	Site      *Site  // the default language's, for the site's icons; may be nil

	strings   map[string]string // set by RenderLanguages from the default language
	customCSS bool              // set by RenderLanguages: see Page.CustomCSS
	prompts   []Prompt          // set by RenderLanguages: see Prompts
}

// Prompt is a text of the language index in one language.
type Prompt struct{ Code, Dir, Text string }

// Prompts is "Choose a language" in each other language of the site whose
// words differ from the default language's: a reader whose browser's
// language is none of the site's, or who runs no script, reads it in
// their own (t62).
func (l *LanguageIndex) Prompts() []Prompt { return l.prompts }

// CustomCSS reports whether the site adds static/custom.css to the theme.
func (l *LanguageIndex) CustomCSS() bool { return l.customCSS }

// T returns the UI string for key in the default language.
func (l *LanguageIndex) T(key string) string {
	if s, ok := l.strings[key]; ok {
		return s
	}
	return fallbackString(key)
}

// Dir is the writing direction of the default language.
func (l *LanguageIndex) Dir() string { return Direction(l.Default) }

// Href turns a site-root-relative URL into one that works from the index.
func (l *LanguageIndex) Href(url string) string {
	return join(l.Root, url)
}

// AbsHref is Href made absolute when the site has a base URL, as search
// engines want the alternate-language links of a page.
func (l *LanguageIndex) AbsHref(url string) string {
	if l.Base != "" {
		return join(l.Base, url)
	}
	return l.Href(url)
}

// join prefixes root to a site-root-relative url and leaves absolute URLs
// (with a scheme, protocol-relative or rooted) and fragments alone.
func join(root, url string) string {
	if isAbsURL(url) {
		return url
	}
	return root + url
}

func isAbsURL(u string) bool {
	if strings.HasPrefix(u, "/") || strings.HasPrefix(u, "#") {
		return true
	}
	for i := 0; i < len(u); i++ {
		switch c := u[i]; {
		case c == ':':
			return i > 0
		case c == '/' || c == '?' || c == '#':
			return false
		}
	}
	return false
}

// minifyPart minifies a rendered partial, attributes inside a start tag
// made for the purpose; on failure it is kept as rendered.
func minifyPart(m func([]byte) ([]byte, error), h string, attrs bool) string {
	in := h
	if attrs {
		in = "<b " + h + ">"
	}
	out, err := m([]byte(in))
	if err != nil {
		return h
	}
	o := string(out)
	if attrs {
		if !strings.HasPrefix(o, "<b ") || !strings.HasSuffix(o, ">") {
			return h
		}
		o = o[3 : len(o)-1]
	}
	return o
}
