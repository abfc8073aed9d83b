package site

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"

	"folio/internal/forge"
	"folio/internal/links"
	"folio/internal/review"
)

// Comment links: with repo_url on a host folio knows, every heading of a
// page's body (levels 2 to 4, with an id) ends with "Comment on this
// section", a link to the host's new-issue form filled in with the page's
// and the section's titles, the section's citable address and its first
// lines as a quote. They are added to the page's final body, after the
// search analysis (their text is not the page's) and review mode's marks.
// The page's title, in the frame, has none.

// quoteRunes bounds the text of a section that an issue quotes: a few
// lines of a list or a paragraph or two, so that a page with many
// headings does not grow by kilobytes per heading (forge.IssueURL cuts
// it again to fit in a URL).
const quoteRunes = 480

// addCommentLinks returns body with a comment link at the end of each of
// its headings, or body itself when the site has no host to comment on.
func (s *site) addCommentLinks(l *lang, pg *page, body []byte) []byte {
	f := s.hist.links
	if f == nil || f.Kind == forge.Unknown || pg.doc == nil {
		return body
	}
	want := map[string]string{} // id → heading text
	for _, h := range pg.doc.Headings {
		if h.Level >= 2 && h.Level <= 4 && !h.API {
			want[h.ID] = h.Text
		}
	}
	if len(want) == 0 {
		return body
	}
	secs := scanSections(body, want)
	if len(secs) == 0 {
		return body
	}
	title := pg.title()
	out := make([]byte, 0, len(body)+len(secs)*1024)
	last := 0
	for _, sec := range secs {
		cite := l.tsite.CiteURL(links.Escape(pg.url), sec.id)
		if cite == "" {
			// No base URL: the page's address from the site's root.
			cite = "/" + links.Escape(pg.url) + "#" + links.Escape(sec.id)
		}
		heading := want[sec.id]
		issue := f.IssueURL(title+": "+heading, cite, sec.text.String())
		out = append(out, body[last:sec.at]...)
		out = append(out, l.tsite.CommentLink(issue, heading)...)
		last = sec.at
	}
	return append(out, body[last:]...)
}

// section is a heading of a rendered body and the start of its text.
type section struct {
	id    string
	level int
	at    int // offset of the heading's end tag, where its link goes
	text  strings.Builder
	runes int
	lines int  // lines of text ended
	full  bool // no more text wanted
}

// add appends text to the section, within quoteRunes.
func (s *section) add(text string) {
	if s.full {
		return
	}
	if b := s.text.String(); b == "" || b[len(b)-1] == '\n' {
		// A line starts with its text, not with the spaces between tags.
		if text = strings.TrimLeft(text, " \t\n"); text == "" {
			return
		}
	}
	if n := utf8.RuneCountInString(text); s.runes+n > quoteRunes {
		// Cut at a word, and mark the cut.
		r := []rune(text)[:quoteRunes-s.runes]
		if i := strings.LastIndexAny(string(r), " \n"); i > 0 {
			r = []rune(string(r)[:i])
		}
		s.text.WriteString(string(r) + "…")
		s.full = true
		return
	}
	s.text.WriteString(text)
	s.runes += utf8.RuneCountInString(text)
}

// newline ends a line of the section's text, when it has one.
func (s *section) newline() {
	if s.full || s.text.Len() == 0 {
		return
	}
	b := s.text.String()
	if b[len(b)-1] == '\n' {
		return
	}
	if strings.TrimSpace(b[strings.LastIndexByte(b, '\n')+1:]) == "" {
		return
	}
	s.text.WriteByte('\n')
	if s.lines++; s.lines == forge.QuoteLines {
		s.full = true
	}
}

// Elements whose text is not the section's (scripts, icons, the buttons
// of tabs and code samples), and elements that end a line of text.
// Headings inside the first are not given links either.
var (
	quoteSkip  = map[string]bool{"script": true, "style": true, "template": true, "svg": true, "button": true, "noscript": true}
	quoteBlock = map[string]bool{"p": true, "div": true, "li": true, "ul": true, "ol": true, "pre": true, "blockquote": true,
		"table": true, "tr": true, "dt": true, "dd": true, "details": true, "summary": true, "figure": true, "figcaption": true,
		"section": true, "hr": true, "br": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true}
)

// scanSections reads a rendered body once and returns, in order, its
// headings whose id is in want, each with where its end tag is and the
// start of the text that follows it, up to the next heading of its level
// or above. What review mode shows as removed is not the section's text.
func scanSections(body []byte, want map[string]string) []*section {
	var (
		secs     []*section
		active   []*section // sections whose text is being read
		cur      *section   // the heading being read
		skipTag  string     // the element whose content is left out, if any
		skipping int        // its depth, counting elements of the same name in it
		pre      int        // depth in <pre>
		pos      int
	)
	seen := map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := pos
		pos += len(z.Raw())
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			if skipping > 0 {
				if tag == skipTag && tt == html.StartTagToken {
					skipping++
				}
				continue
			}
			var id, mark string
			hidden := false
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "id":
					id = string(v)
				case "data-review":
					mark = string(v)
				case "hidden":
					// Not shown, nor what it holds (a table's name); a
					// void one holds nothing and has no end to wait for.
					hidden = !review.IsVoid(tag)
				}
			}
			if quoteSkip[tag] || mark == "removed" || hidden {
				if tt == html.StartTagToken {
					skipTag, skipping = tag, 1
				}
				continue
			}
			if tag == "pre" && tt == html.StartTagToken {
				pre++
			}
			if level := headingLevel(tag); level > 0 {
				// A heading ends the sections of its level and below.
				kept := active[:0]
				for _, a := range active {
					if a.level < level {
						kept = append(kept, a)
					}
				}
				active = kept
				if _, ok := want[id]; ok && !seen[id] && tt == html.StartTagToken {
					seen[id] = true
					cur = &section{id: id, level: level}
				}
			}
			switch {
			case quoteBlock[tag]:
				for _, a := range active {
					a.newline()
				}
			case tag == "td" || tag == "th":
				for _, a := range active {
					a.add(" ") // a minified table has nothing between its cells
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if skipping > 0 {
				if tag == skipTag {
					skipping--
				}
				continue
			}
			if tag == "pre" {
				pre = max(pre-1, 0)
			}
			if level := headingLevel(tag); level > 0 && cur != nil && cur.level == level {
				cur.at = start
				secs = append(secs, cur)
				active = append(active, cur)
				cur = nil
				continue
			}
			if quoteBlock[tag] {
				for _, a := range active {
					a.newline()
				}
			}
		case html.TextToken:
			if skipping > 0 || len(active) == 0 {
				continue
			}
			text := string(z.Text())
			if pre == 0 {
				text = strings.ReplaceAll(text, "\n", " ")
			}
			for _, a := range active {
				a.add(text)
			}
		}
	}
	return secs // a heading never closed gets no link
}

// headingLevel is the level of a heading element's tag name, 0 for
// another element.
func headingLevel(tag string) int {
	if len(tag) == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' {
		return int(tag[1] - '0')
	}
	return 0
}
