package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

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

// Localise gives the page the words of its language: the date of every
// update block as date writes it (the machine-readable date stays as
// written), and the words blocks and Markdown extensions print for
// readers (a hint's name, the label of a conditional branch, a diagram's
// caption and the name of its kind in its text alternative, a task's
// state, a checkbox cell's…) from words, the theme's strings of the
// language by key. A word words lacks stays in English.
func (d *Doc) Localise(date func(string) string, words map[string]string) {
	if !d.hasWords() {
		return
	}
	boxes := d.Constructs["html-table"] > 0 // checkbox cells are in GitBook's HTML tables
	set := func(n ast.Node, key string) {
		if v := words[key]; v != "" {
			n.SetAttributeString(wordAttr, v)
		}
	}
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *gitbook.Block:
			if n.Tag.Name == "update" {
				if v, ok := n.Tag.Get("date"); ok {
					n.Tag.Set("_date", date(v))
				}
			}
			n.Localise(words)
		case *ast.FencedCodeBlock:
			if f, ok := n.AttributeString(diagramHTML); ok {
				f.(*figure).localise(n, words)
			} else if fenceLang(n, d.Source) == "mermaid" {
				set(n, "mermaid_diagram")
			}
			return ast.WalkSkipChildren, nil
		case *htmlBlock:
			if boxes {
				n.HTML = localiseCheckboxes(n.HTML, words)
			}
		case *htmlInline:
			if boxes {
				n.HTML = localiseCheckboxes(n.HTML, words)
			}
		case *east.TaskCheckBox:
			if n.IsChecked {
				set(n, "task_done")
			} else {
				set(n, "task_todo")
			}
		}
		return ast.WalkContinue, nil
	})
}

// hasWords reports whether the page has a construct that Localise gives
// words to: a page without one is not walked.
func (d *Doc) hasWords() bool {
	for name, k := range d.Constructs {
		if k > 0 && (name == "update" || name == "mermaid" || name == "task-list" || name == "html-table" || gitbook.HasWords(name)) {
			return true
		}
	}
	return false
}
