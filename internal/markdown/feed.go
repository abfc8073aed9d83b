package markdown

import (
	"cmp"
	"html"
	"strconv"
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
// state, a checkbox cell's, the name of a footnote's link back to the
// text, a file's size…) from words, the theme's strings of the language
// by key. A word words lacks stays in English.
func (d *Doc) Localise(date func(string) string, words map[string]string) {
	if !d.hasWords() {
		return
	}
	var backrefs []*east.FootnoteBacklink
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
			if n.Tag.Name == "file" {
				// The size Resolve found, as the language writes it.
				v, _ := n.Tag.Get("_bytes")
				if b, err := strconv.ParseInt(v, 10, 64); err == nil {
					n.Tag.Set("_size", humanSize(b, words))
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
		case *east.FootnoteBacklink:
			backrefs = append(backrefs, n) // replaced after the walk, which it would stop
		case *east.FootnoteList:
			n.SetAttributeString(footnotesAttr, cmp.Or(words["footnotes"], english["footnotes"]))
		case *htmlInline:
			if b, ok := n.AttributeString(backrefAttr); ok {
				n.HTML = backrefHTML(b.(*east.FootnoteBacklink), words) // named again, in this language
			} else if boxes {
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
	for _, b := range backrefs {
		h := &htmlInline{HTML: backrefHTML(b, words)}
		h.SetAttributeString(backrefAttr, b)
		b.Parent().ReplaceChild(b.Parent(), b, h)
	}
}

// backrefAttr is the attribute of the HTML that stands for a footnote's
// link back to the text once Localise named it: the link it stands for,
// which a later Localise names again.
const backrefAttr = "folio-backref"

// backrefHTML is a footnote's link back to where the text calls it, as
// goldmark's footnote extension writes it (the converter's options hold
// one language for every page), with an accessible name in the page's
// language, which screen readers read instead of the arrow:
// footnote_backref, or footnote_backref_n with the number of the call,
// in the language's digits, for a note called more than once.
func backrefHTML(n *east.FootnoteBacklink, words map[string]string) []byte {
	word := func(key string) string { return cmp.Or(words[key], english[key]) }
	label := word("footnote_backref")
	if n.RefCount > 1 {
		label = strings.ReplaceAll(word("footnote_backref_n"), "{n}", gitbook.Digits(strconv.Itoa(n.RefIndex+1), words["digits"]))
	}
	id := "fnref"
	if n.RefIndex > 0 {
		id += strconv.Itoa(n.RefIndex)
	}
	id += ":" + strconv.Itoa(n.Index)
	return []byte(`&#160;<a href="#` + id + `" class="footnote-backref" role="doc-backlink" aria-label="` +
		html.EscapeString(label) + `">&#x21a9;&#xfe0e;</a>`)
}

// hasWords reports whether the page has a construct that Localise gives
// words to: a page without one is not walked.
func (d *Doc) hasWords() bool {
	for name, k := range d.Constructs {
		if k > 0 && (name == "update" || name == "mermaid" || name == "task-list" || name == "html-table" || name == "footnote" || name == "file" || name == "alert" || gitbook.HasWords(name)) {
			return true
		}
	}
	return false
}
