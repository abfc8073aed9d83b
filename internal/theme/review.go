package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"
)

// What git and the repository's host tell about pages (issue 19): when a
// page last changed, where to edit it or comment on a section, what
// changed since a reference (review mode), which translations are older
// than their original, and the whole book on one page for print. The
// build fills the types below; the theme only shows them, and shows
// nothing of them when they are unset, so that a build without git,
// repo_url or --review gives the pages it gave before.

// The review status of a page: Page.Review.Status, NavItem.Review.
const (
	ReviewAdded   = "added"   // the page is new since the reference
	ReviewChanged = "changed" // its content changed
	ReviewRenamed = "renamed" // its source file was moved or renamed (and may have changed too)
)

// Stamp is the last change of a page's source file.
type Stamp struct {
	Date      time.Time // the author date of the last commit that changed the file
	Commit    string    // its short hash
	CommitURL string    // the commit on the repository's host (forge.Repo.CommitURL), or ""
}

// SiteReview is review mode for a whole language (Site.Review).
type SiteReview struct {
	// Since is the reference the review compares with, as the author gave
	// it: "v1.0", a branch, a commit.
	Since string
	// URL is the site-root-relative URL of this language's review index
	// ("en/_review/"), which RenderReviewIndex writes.
	URL string
}

// PageReview is a page's change since the reference (Page.Review). The
// build sets it on added, changed and moved pages only.
type PageReview struct {
	Status string // ReviewAdded, ReviewChanged or ReviewRenamed
	// From is, on a moved page, its former address: a site-root-relative
	// URL or a source path, shown as text.
	From string
	// Sections are the sections holding the changes, in page order (from
	// review.Result.Sections); the banner counts them and links to each.
	// Empty on an added page.
	Sections []ReviewSection
	// Title and Description are set when the page's title, or its
	// description, changed: the page's header marks them.
	Title, Description bool
}

// ReviewSection is a changed section of a page.
type ReviewSection struct {
	// ID is the id of the section's heading in the page; "" for a change
	// before the first heading, which links to the top of the page.
	ID    string
	Title string // the heading's text; unused when ID is ""
}

// Freshness says that the original of a translation changed after it
// (Page.Freshness): the page then shows a notice in its own language.
type Freshness struct {
	// Original is the original page: its language's code and name (in
	// that language) and its site-root-relative URL.
	Original LangLink
	// Date is when the original changed last (its last commit's author
	// date). The build sets Freshness only when that change came after
	// the translation's, or after the commit its translated_from names.
	Date time.Time
}

// ReviewIndex is the data of the review index page, /<lang>/_review/:
// every page changed, added, moved or removed since the reference. The
// entries come in the order the build gives (SUMMARY order for pages,
// path order for removed ones).
type ReviewIndex struct {
	Since     string // as in SiteReview
	Commit    string // the short hash of the commit Since names, or ""
	CommitURL string // that commit on the host, or ""
	Changed   []ReviewEntry
	Added     []ReviewEntry
	Renamed   []ReviewEntry // moved pages, changed or not
	Removed   []ReviewEntry
}

// ReviewEntry is one page of the review index.
type ReviewEntry struct {
	Title string
	URL   string // site-root-relative URL of the page now; "" for a removed page
	From  string // moved or removed: the former address, shown as text
	// Inserted, Changed and Removed count the page's marked blocks
	// (review.Result); Sections are its changed sections, linked.
	Inserted, Changed, Removed int
	Sections                   []ReviewSection
}

// PrintBook is the data of a language's print page, /<lang>/print/: the
// whole book in SUMMARY order, for print or a PDF.
type PrintBook struct {
	Built     time.Time // when the site was built, shown on the cover
	Commit    string    // short hash of the commit built, or ""
	CommitURL string    // that commit on the host, or ""
	Parts     []PrintPart
}

// PrintPart is a part of SUMMARY.md; Title is "" for the untitled first
// part. Each part starts on a new sheet; in a book of one part, each
// top-level page does.
type PrintPart struct {
	Title string
	// Lang is the language of Title when it is not the book's (a group
	// of the default language's SUMMARY.md, NavPart.Lang).
	Lang     string
	Sections []PrintSection
}

// PrintSection is one page of the book.
type PrintSection struct {
	// URL is the page's site-root-relative URL: the section's id on the
	// print page is PrintAnchor(URL, "").
	URL   string
	Title string
	// Heading is the page's own heading when it differs from Title (a
	// HonKit book's page is titled by its SUMMARY.md label, and shows its
	// first heading): the section shows it, as the page does, and the
	// table of contents keeps Title.
	Heading string
	// TitleInBody: the page's title is an HTML <h1> of its body, which
	// the section shows in place of its own (Page.TitleInBody).
	TitleInBody bool
	TitleHTML   template.HTML // that title, which the section's header shows
	// Description is the page's description (its front matter's), which
	// the page shows under its title: a reader of the printed book reads
	// it there too.
	Description string
	// Level is the page's depth in SUMMARY.md, 1 for the top level: the
	// table of contents nests by it.
	Level int
	// Content is the page's rendered body, made for the print page:
	//   - every id is PrintAnchor(URL, id), and what refers to ids in it
	//     (href="#…", for, headers, aria-labelledby, aria-controls, …)
	//     refers to the new ids;
	//   - a link to a page of the book, or to a place in it, is
	//     PrintHref(thatURL, id) (id "" for the page itself);
	//   - other relative URLs (images, files, pages outside the book)
	//     work from the print page's own URL;
	//   - each heading with an id has data-cite="Site.CiteURL(URL, id)"
	//     when that is not "", which print shows under the heading.
	//   - every <details> is open, and nothing loads lazily.
	Content template.HTML
	Stamp   *Stamp // the page's last change, or nil
	// Lang is set on a page shown in another language than the book's
	// (a fallback original): its language code.
	Lang string
}

// PrintAnchor is the id on the print page of the page at url (id "") or
// of the element with that id on it. Both parts are escaped to letters,
// digits, "-", "_" and ".", so that the id needs no escaping in a URL and
// two pages never share one: "guide/install/" gives "p-guide_install_",
// its heading "setup" "p-guide_install_~setup".
func PrintAnchor(url, id string) string {
	var b strings.Builder
	b.WriteString("p-")
	printEscape(&b, url)
	if id != "" {
		b.WriteByte('~')
		printEscape(&b, id)
	}
	return b.String()
}

// PrintHref is the link on the print page to the page at url (id "") or
// to the element with that id on it.
func PrintHref(url, id string) string { return "#" + PrintAnchor(url, id) }

// printEscape writes s with letters, digits and "-" as they are, "/" as
// "_" and any other byte as "." and two hex digits.
func printEscape(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', c == '-':
			b.WriteByte(c)
		case c == '/':
			b.WriteByte('_')
		default:
			b.WriteByte('.')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
	}
}

// CiteURL is the address a reader can cite for the page at url (a
// site-root-relative URL) or for its section id: absolute, from BaseURL;
// "" when the site has no base URL, since a relative address cites
// nothing. It is written to be read on paper: letters of any script stay
// as they are (an IRI), only ASCII that a URL cannot hold is escaped.
func (s *Site) CiteURL(url, id string) string {
	if s == nil || s.BaseURL == "" {
		return ""
	}
	u := strings.TrimSuffix(s.BaseURL, "/") + "/" + strings.TrimPrefix(url, "/")
	if id != "" {
		const hex = "0123456789ABCDEF"
		var b strings.Builder
		b.WriteString(u + "#")
		for i := 0; i < len(id); i++ {
			c := id[i]
			if c >= 0x80 || urlSafeByte[c] && c != '#' && c != '%' {
				b.WriteByte(c)
				continue
			}
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
		}
		u = b.String()
	}
	return u
}

// T returns the UI string key of the site's language, English where
// the language lacks it; a nil site gives English.
func (s *Site) T(key string) string {
	if s != nil {
		if v, ok := s.Strings[key]; ok {
			return v
		}
	}
	return fallbackString(key)
}

// CommentLink is the "Comment on this section" link of a heading: href is
// the host's new-issue form (forge.Repo.IssueURL), heading the heading's
// text, which names the link for screen readers. The build puts it as the
// last child of the heading, after its text: <h2 id="x">Title<a
// class="comment-link" …></a></h2>; folio.js puts the heading's own link
// (#) before it. It has no text, so the heading's text stays its own.
// Its name is comment_section_named, the heading's text at {section},
// with the language's punctuation ("Commenter cette section : Titre");
// a site's string without {section}, or a comment_section the named form
// does not hold, is followed by ": " and the text.
func (s *Site) CommentLink(href, heading string) template.HTML {
	label := s.T("comment_section")
	name := label
	if h := strings.Join(strings.Fields(heading), " "); h != "" {
		// The named form must say the label: a site that renames the
		// link (comment_section) and not its named form keeps its word.
		if named := s.T("comment_section_named"); strings.Contains(named, "{section}") && strings.Contains(named, label) {
			name = strings.ReplaceAll(named, "{section}", h)
		} else {
			name += ": " + h
		}
	}
	return template.HTML(`<a class="comment-link" href="` + attrURL(href) +
		`" rel="nofollow" title="` + template.HTMLEscapeString(label) +
		`" aria-label="` + template.HTMLEscapeString(name) + `"></a>`)
}

// RemovedNote is the note that shows, collapsed, a run of blocks review
// mode found removed (review.Removal.HTML), struck through; the build
// splices it in with review.Result.Splice.
func (s *Site) RemovedNote(removed []byte) []byte {
	var b bytes.Buffer
	b.WriteString(`<details class="review-removed" data-review="removed"><summary>`)
	b.WriteString(template.HTMLEscapeString(s.T("review_removed_text")))
	b.WriteString(`</summary><del class="review-removed-body">`)
	b.Write(removed)
	b.WriteString(`</del></details>`)
	return b.Bytes()
}

// reviewGlyphs are the marks of each status, beside a sidebar entry and
// in the banner: a shape, so that the status is not told by colour alone.
var reviewGlyphs = map[string]string{ReviewAdded: "+", ReviewChanged: "●", ReviewRenamed: "↪", "removed": "−"}

var reviewKeys = map[string]string{ReviewAdded: "review_added", ReviewChanged: "review_changed", ReviewRenamed: "review_renamed"}

// reviewStatus is what the status says in the site's language: "Changed
// since v1.0".
func (s *Site) reviewStatus(status string) string {
	key, ok := reviewKeys[status]
	if !ok {
		return ""
	}
	return strings.ReplaceAll(s.T(key), "{since}", s.since())
}

// since is the reference of review mode, or "".
func (s *Site) since() string {
	if s == nil || s.Review == nil {
		return ""
	}
	return s.Review.Since
}

// reviewMarks are the sidebar marks of each status, in review mode,
// written as the minifier leaves them (see navCompiler.list): the
// status's shape, hidden from screen readers, and its words, hidden from
// the eye.
func (s *Site) reviewMarks() map[string]string {
	if s == nil || s.Review == nil {
		return nil
	}
	m := map[string]string{}
	for status := range reviewKeys {
		m[status] = `<span class=nav-review data-review=` + status + ` aria-hidden=true>` + reviewGlyphs[status] +
			`</span><span class=visually-hidden> (` + minText(s.reviewStatus(status)) + `)</span>`
	}
	return m
}

// ReviewGlyph is the mark of a review status (HTML: html/template would
// write "+" as a character reference).
func (p *Page) ReviewGlyph(status string) template.HTML { return template.HTML(reviewGlyphs[status]) }

// ReviewStatus is what a review status says: "Changed since v1.0".
func (p *Page) ReviewStatus(status string) string { return p.Site.reviewStatus(status) }

// ReviewAll is the text of the link to the review index.
func (p *Page) ReviewAll() string {
	return strings.ReplaceAll(p.T("review_all"), "{since}", p.Site.since())
}

// ReviewTitle is the title of review mode's changes, "Changes since
// v1.0", which the print page's cover shows; "" when review mode is off.
func (p *Page) ReviewTitle() string {
	if p.Site.since() == "" {
		return ""
	}
	return strings.ReplaceAll(p.T("review_title"), "{since}", p.Site.since())
}

// Num writes n with the digits of the page's language.
func (p *Page) Num(n int) string {
	return localDigits(p.T("digits"), strconv.Itoa(n))
}

// SectionCount is "3 sections" in the page's language.
func (p *Page) SectionCount(n int) string {
	key := "review_sections"
	if n == 1 {
		key = "review_sections_one"
	}
	return strings.ReplaceAll(p.T(key), "{count}", p.Num(n))
}

// SectionHref is the link to a changed section of the page at url: its
// heading, or the top of the page for the section before any heading.
// url "" links within the page itself.
func (p *Page) SectionHref(url, id string) string {
	if url == "" {
		if id == "" {
			return "#folio-main"
		}
		return "#" + fragmentEscape(id)
	}
	if id == "" {
		return p.Href(url)
	}
	return p.Href(url) + "#" + fragmentEscape(id)
}

// SectionTitle is the name of a changed section in lists of them.
func (p *Page) SectionTitle(s ReviewSection) string {
	if s.ID == "" || s.Title == "" {
		return p.T("review_start")
	}
	return s.Title
}

// StampText is "Last changed on March 1, 2024 (abc1234)" for s, with the
// date in a <time> element and the commit linked when s has its URL.
func (p *Page) StampText(s *Stamp) template.HTML {
	if s == nil || s.Date.IsZero() {
		return ""
	}
	date := `<time datetime="` + s.Date.Format(time.DateOnly) + `">` + template.HTMLEscapeString(p.Date(s.Date)) + `</time>`
	commit := `<code>` + template.HTMLEscapeString(s.Commit) + `</code>`
	if s.CommitURL != "" {
		commit = `<a class="commit-link" href="` + attrURL(s.CommitURL) + `">` + commit + `</a>`
	}
	text := p.T("last_changed")
	if s.Commit == "" {
		// Without a commit, the parentheses around it go too.
		text = strings.TrimSpace(strings.NewReplacer("({commit})", "", "（{commit}）", "", "{commit}", "").Replace(text))
	}
	return fill(text, map[string]string{"{date}": date, "{commit}": commit})
}

// OutdatedNotice is the notice of a translation whose original changed
// after it (Freshness): outdated_notice with {language} a link to the
// original, named in its own language, and {date} the original's change.
// Empty on other pages.
func (p *Page) OutdatedNotice() template.HTML {
	f := p.Freshness
	if f == nil {
		return ""
	}
	date := ""
	if !f.Date.IsZero() {
		date = `<time datetime="` + f.Date.Format(time.DateOnly) + `">` + template.HTMLEscapeString(p.Date(f.Date)) + `</time>`
	}
	text := p.T("outdated_notice")
	if !strings.Contains(text, "{language}") {
		text += " {language}"
	}
	return fill(text, map[string]string{"{language}": p.langLink(f.Original), "{date}": date})
}

// fill escapes text and replaces its placeholders with the given HTML.
func fill(text string, html map[string]string) template.HTML {
	var b strings.Builder
	for text != "" {
		i := strings.IndexByte(text, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(text[i:], '}')
		if j < 0 {
			break
		}
		ph := text[i : i+j+1]
		h, ok := html[ph]
		b.WriteString(template.HTMLEscapeString(text[:i]))
		if ok {
			b.WriteString(h)
		} else {
			b.WriteString(template.HTMLEscapeString(ph))
		}
		text = text[i+j+1:]
	}
	b.WriteString(template.HTMLEscapeString(text))
	return template.HTML(b.String())
}

// Names of the templates of review mode and of the print page.
const (
	reviewTemplate = "review.html"
	printTemplate  = "print.html"
)

// reviewView is what review.html sees: the page around the index.
type reviewView struct {
	*Page
	Index *ReviewIndex
}

// Empty reports whether nothing changed since the reference.
func (r *ReviewIndex) Empty() bool {
	return len(r.Changed)+len(r.Added)+len(r.Renamed)+len(r.Removed) == 0
}

// RenderReviewIndex writes the review index of a language: p is the page
// around it (Site, URL "en/_review/", Root, LangLinks…, as for any page
// of the language; Title defaults to "Changes since v1.0"). The page is
// never indexed by search engines.
func (t *Theme) RenderReviewIndex(w io.Writer, p *Page, idx *ReviewIndex) error {
	if p == nil || p.Site == nil || idx == nil {
		return fmt.Errorf("theme %s: render %s: no site or no index", t.name, reviewTemplate)
	}
	data := *p
	data.theme = t
	data.NoIndex = true
	if data.Title == "" {
		data.Title = strings.ReplaceAll(data.T("review_title"), "{since}", idx.Since)
	}
	if t.tmpl.Lookup(reviewTemplate) == nil {
		return fmt.Errorf("theme %s: missing templates/%s", t.name, reviewTemplate)
	}
	return t.execute(w, reviewTemplate, &reviewView{Page: &data, Index: idx})
}

// printView is what print.html sees.
type printView struct {
	*Page
	Book *PrintBook
	// Parts are the book's parts, their sections' content made ready for
	// print, and TOC the table of contents.
	Parts []printPart
	TOC   []*tocEntry
}

type printPart struct {
	Title, Lang string
	Break       bool // starts a new sheet
	Sections    []printSection
}

// Dir is the writing direction of a part's title in another language.
func (p printPart) Dir() string { return Direction(p.Lang) }

type printSection struct {
	PrintSection
	ID    string // PrintAnchor(URL, "")
	Cite  string // the page's citable address, or ""
	Break bool   // starts a new sheet
}

// Dir is the writing direction of a section in another language.
func (s printSection) Dir() string { return Direction(s.Lang) }

// FallbackNotice is the notice over a section in another language than
// the book's (an untranslated page's original), in the book's language,
// as the page itself shows it; "" for a section in the book's language.
func (v *printView) FallbackNotice(s printSection) template.HTML {
	if s.Lang == "" {
		return ""
	}
	name := s.Lang
	for _, l := range v.Site.Languages {
		if l.Code == s.Lang && l.Name != "" {
			name = l.Name
		}
	}
	return v.notTranslated(fmt.Sprintf(`<span lang="%s">%s</span>`, template.HTMLEscapeString(s.Lang), template.HTMLEscapeString(name)))
}

// tocEntry is an entry of the print page's table of contents.
type tocEntry struct {
	Title, Href string
	// Lang is the language of Title when it is not the book's: a
	// fallback copy's title, or a part's from the default language.
	Lang     string
	Part     bool // a part's title, not a page
	Children []*tocEntry
}

// Dir is the writing direction of an entry's title in another language.
func (e *tocEntry) Dir() string { return Direction(e.Lang) }

// LanguageName is the name of the site's language, for the cover.
func (v *printView) LanguageName() string {
	for _, l := range v.Site.Languages {
		if l.Code == v.Site.Lang && l.Name != "" {
			return l.Name
		}
	}
	return v.Site.Lang
}

// RenderPrint writes the print page of a language: p is the page around
// the book (Site, URL "en/print/", Root, Mermaid when a page of the book
// has a diagram for mermaid.min.js…; Title defaults to the site's). The
// page is never indexed: it repeats every page of the site.
func (t *Theme) RenderPrint(w io.Writer, p *Page, book *PrintBook) error {
	if p == nil || p.Site == nil || book == nil {
		return fmt.Errorf("theme %s: render %s: no site or no book", t.name, printTemplate)
	}
	if t.tmpl.Lookup(printTemplate) == nil {
		return fmt.Errorf("theme %s: missing templates/%s", t.name, printTemplate)
	}
	data := *p
	data.theme = t
	data.NoIndex = true
	if data.Title == "" {
		data.Title = data.Site.Title
	}
	v := &printView{Page: &data, Book: book}
	// A book of one part breaks before each top-level page instead.
	onePart := len(book.Parts) == 1
	for i, part := range book.Parts {
		pp := printPart{Title: part.Title, Lang: part.Lang, Break: i > 0}
		var stack []*tocEntry // the open entries, by level
		top := &v.TOC
		if part.Title != "" {
			e := &tocEntry{Title: part.Title, Lang: part.Lang, Part: true}
			v.TOC = append(v.TOC, e)
			top = &e.Children
		}
		for j, s := range part.Sections {
			ps := printSection{PrintSection: s, ID: PrintAnchor(s.URL, ""), Cite: data.Site.CiteURL(s.URL, "")}
			level := max(s.Level, 1)
			ps.Break = onePart && level == 1 && j > 0
			pp.Sections = append(pp.Sections, ps)

			// A fallback copy's section is in its original's language,
			// its title as well.
			e := &tocEntry{Title: s.Title, Href: PrintHref(s.URL, ""), Lang: s.Lang}
			for len(stack) >= level {
				stack = stack[:len(stack)-1]
			}
			if len(stack) == 0 {
				*top = append(*top, e)
			} else {
				parent := stack[len(stack)-1]
				parent.Children = append(parent.Children, e)
			}
			stack = append(stack, e)
		}
		v.Parts = append(v.Parts, pp)
	}
	return t.execute(w, printTemplate, v)
}

// Text is a UI string with {since} replaced by the reference.
func (v *reviewView) Text(key string) string {
	return strings.ReplaceAll(v.T(key), "{since}", v.Index.Since)
}

// reviewGroup is a list of the review index: its heading's id and
// string, the status whose mark it shows, and whether its pages come in
// a table with their changed sections and counts.
type reviewGroup struct {
	ID, Key, Status string
	Table           bool
	Entries         []ReviewEntry
}

// Glyph is the mark of the group's status, as in the sidebar.
func (g reviewGroup) Glyph() template.HTML { return template.HTML(reviewGlyphs[g.Status]) }

// Groups are the index's non-empty lists, in the order a reviewer reads
// them: changed pages, new ones, moved ones, removed ones.
func (v *reviewView) Groups() []reviewGroup {
	all := []reviewGroup{
		{"review-changed", "review_changed_pages", ReviewChanged, true, v.Index.Changed},
		{"review-added", "review_added_pages", ReviewAdded, false, v.Index.Added},
		{"review-renamed", "review_renamed_pages", ReviewRenamed, true, v.Index.Renamed},
		{"review-removed", "review_removed_pages", "removed", false, v.Index.Removed},
	}
	var out []reviewGroup
	for _, g := range all {
		if len(g.Entries) > 0 {
			out = append(out, g)
		}
	}
	return out
}
