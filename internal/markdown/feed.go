package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"

	"folio/internal/gitbook"
)

// Update is one entry of an `{% updates %}` block, for the page's Atom feed.
type Update struct {
	Date    string   // YYYY-MM-DD
	ID      string   // anchor of the entry on the page
	Title   string   // text of its first heading, or its date
	Summary string   // plain text of its first paragraph
	Tags    []string // tag labels (slugs when tags.yaml has none)
}

// Updates lists the dated entries of the page's update blocks in page
// order. The build writes them as an Atom feed beside the page: one feed
// per page that has updates.
func (d *Doc) Updates() []Update {
	var out []Update
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		b, ok := n.(*gitbook.Block)
		if !entering || !ok || b.Tag.Name != "update" || b.Anchor() == "" {
			return ast.WalkContinue, nil
		}
		date, _ := b.Tag.Get("date")
		u := Update{Date: date, ID: b.Anchor(), Title: date}
		for _, tg := range strings.Split(tagsOf(b), ",") {
			if tg = strings.TrimSpace(tg); tg == "" {
				continue
			}
			if l := d.tagLabels[tg]; l != "" {
				tg = l
			}
			u.Tags = append(u.Tags, tg)
		}
		for c := b.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Heading:
				if u.Title == date {
					if txt := strings.TrimSpace(plainText(c, d.Source)); txt != "" {
						u.Title = txt
					}
				}
			case *ast.Paragraph:
				if u.Summary == "" {
					u.Summary = strings.TrimSpace(plainText(c, d.Source))
				}
			}
		}
		out = append(out, u)
		return ast.WalkSkipChildren, nil
	})
	return out
}

// Localise gives the page's blocks the words of its language: the date
// of every update block as date writes it (the machine-readable date
// stays as written), and otherwise as the label of every else branch.
func (d *Doc) Localise(date func(string) string, otherwise string) {
	if d.Constructs["update"] == 0 && d.Constructs["else"] == 0 {
		return
	}
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		b, ok := n.(*gitbook.Block)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		switch b.Tag.Name {
		case "update":
			if v, ok := b.Tag.Get("date"); ok {
				b.Tag.Set("_date", date(v))
			}
		case "else":
			if otherwise != "" {
				b.Tag.Set("_label", otherwise)
			}
		}
		return ast.WalkContinue, nil
	})
}
