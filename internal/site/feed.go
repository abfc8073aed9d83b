package site

import (
	"bytes"
	"encoding/xml"

	"folio/internal/links"
	"folio/internal/output"
)

// writeFeed writes the Atom feed of a page holding update blocks, beside
// the page, and returns its URL relative to the page ("" when the page has
// no updates).
func (s *site) writeFeed(pg *page, dir *output.Dir) (string, error) {
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
	if s.base != "" {
		b.WriteString(`<link rel="alternate" href="`)
		_ = xml.EscapeText(&b, []byte(abs("")))
		b.WriteString(`"/>` + "\n")
	}
	for _, u := range ups {
		b.WriteString("<entry>\n")
		esc("title", u.Title)
		esc("id", abs(u.ID))
		esc("updated", u.Date+"T00:00:00Z")
		if s.base != "" {
			b.WriteString(`<link href="`)
			_ = xml.EscapeText(&b, []byte(abs(u.ID)))
			b.WriteString(`"/>` + "\n")
		}
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
