package site

import (
	"bytes"
	"cmp"
	"encoding/xml"

	"folio/internal/links"
	"folio/internal/output"
)

// writeFeed writes the Atom feed of a page holding update blocks, beside
// the page, and returns its URL relative to the page ("" when the page has
// no updates). author names the feed's author: the site.
func (s *site) writeFeed(pg *page, author string, dir *output.Dir) (string, error) {
	if pg.doc.Constructs["update"] == 0 {
		return "", nil // most pages: no walk of the tree
	}
	ups := pg.doc.Updates()
	if len(ups) == 0 {
		return "", nil
	}
	const name = "updates.xml"
	abs := func(frag string) string {
		u := s.absURL(pg.url)
		if s.base == "" {
			u = "urn:folio:" + links.Escape(pg.url)
		}
		if frag != "" {
			u += "#" + frag
		}
		return u
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom">` + "\n")
	esc := func(tag, v string) {
		b.WriteString("<" + tag + ">")
		_ = xml.EscapeText(&b, []byte(v))
		b.WriteString("</" + tag + ">\n")
	}
	esc("title", pg.title())
	esc("id", abs(""))
	latest := ""
	for _, u := range ups {
		latest = max(latest, u.Date)
	}
	esc("updated", latest+"T00:00:00Z")
	// Atom wants an author, and each entry a link to what it is about
	// (t85: the feed did not validate): the site names itself, and the
	// links are relative to the feed, beside its page, without a base
	// URL.
	b.WriteString("<author>")
	esc("name", cmp.Or(author, pg.title()))
	b.WriteString("</author>\n")
	link := func(rel, frag string) {
		href := "./"
		if frag != "" {
			href += "#" + frag
		}
		if s.base != "" {
			href = abs(frag)
		}
		b.WriteString(`<link rel="` + rel + `" href="`)
		_ = xml.EscapeText(&b, []byte(href))
		b.WriteString(`"/>` + "\n")
	}
	link("alternate", "")
	if s.base != "" {
		b.WriteString(`<link rel="self" href="`)
		_ = xml.EscapeText(&b, []byte(s.absURL(pg.url)+name))
		b.WriteString(`"/>` + "\n")
	}
	for _, u := range ups {
		b.WriteString("<entry>\n")
		esc("title", u.Title)
		esc("id", abs(u.ID))
		esc("updated", u.Date+"T00:00:00Z")
		link("alternate", u.ID)
		if u.Summary != "" {
			esc("summary", u.Summary)
		}
		for _, t := range u.Tags {
			b.WriteString(`<category term="`)
			_ = xml.EscapeText(&b, []byte(t))
			b.WriteString(`"/>` + "\n")
		}
		b.WriteString("</entry>\n")
	}
	b.WriteString("</feed>\n")
	if err := dir.Write(pg.url+name, b.Bytes()); err != nil {
		return "", err
	}
	return name, nil
}
