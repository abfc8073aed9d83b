package review

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// node is an element or a text of a parsed fragment, with the byte
// offsets of its source: marks are spliced into the fragment as it is,
// rather than into a re-serialisation of it.
type node struct {
	name     string // lower-case tag name; "" for a text
	attrs    []html.Attribute
	start    int // the start tag (or the text) begins
	open     int // the start tag ends; for a text, open == end
	end      int // the end tag (or the text) ends
	depth    int // the number of its ancestors, the root being 0
	parent   *node
	children []*node
}

func (n *node) attr(key string) string {
	for _, a := range n.attrs {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hidden reports whether n is an element not shown (the hidden
// attribute): a table's name, which is no block of the page.
func (n *node) hidden() bool {
	return n.name != "" && slices.ContainsFunc(n.attrs, func(a html.Attribute) bool { return a.Key == "hidden" })
}

// hasClass reports whether n's class attribute holds c.
func (n *node) hasClass(c string) bool {
	for f := range strings.FieldsSeq(n.attr("class")) {
		if f == c {
			return true
		}
	}
	return false
}

// IsVoid reports whether the element name has no content and no end tag
// (img, br…).
func IsVoid(name string) bool { return voids[name] }

// voids are the elements without content or end tag.
var voids = set("area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr")

// parse reads a fragment into a tree of nodes under a root with no name.
// It follows the tokenizer, closing what an end tag closes and the few
// elements that a start tag closes (a paragraph before a block, a list
// item before the next); folio writes well-formed HTML, so this is enough
// to find its blocks, and any input gives some tree.
func parse(src []byte) *node {
	root := &node{end: len(src)}
	cur := root
	var arena []node // nodes are allocated in chunks, for speed
	alloc := func(n node) *node {
		if len(arena) == cap(arena) {
			arena = make([]node, 0, 256)
		}
		arena = append(arena, n)
		return &arena[len(arena)-1]
	}
	z := html.NewTokenizer(bytes.NewReader(src))
	pos := 0
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		start := pos
		pos += len(z.Raw())
		switch tt {
		case html.TextToken:
			cur.children = append(cur.children, alloc(node{start: start, open: pos, end: pos, parent: cur, depth: cur.depth + 1}))
		case html.StartTagToken, html.SelfClosingTagToken:
			name, more := z.TagName()
			n := alloc(node{name: string(name), start: start, open: pos, end: pos})
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				n.attrs = append(n.attrs, html.Attribute{Key: string(k), Val: string(v)})
			}
			for cur != root && closes(n.name, cur.name) {
				cur.end = start
				cur = cur.parent
			}
			n.parent, n.depth = cur, cur.depth+1
			cur.children = append(cur.children, n)
			if tt == html.StartTagToken && !voids[n.name] && n.depth < maxDepth {
				cur = n
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			for m := cur; m != root && cur.depth-m.depth < maxDepth; m = m.parent {
				if m.name == string(name) {
					for c := cur; c != m; c = c.parent {
						c.end = start
					}
					m.end = pos
					cur = m.parent
					break
				}
			}
		}
	}
	for c := cur; c != root; c = c.parent {
		c.end = len(src)
	}
	return root
}

// maxDepth bounds the nesting of elements: deeper, an element holds
// nothing, and an end tag is looked for this far up. Without it, a page of
// stray end tags would take time quadratic in its size.
const maxDepth = 256

// closes reports whether a start tag named next ends the open element
// named cur, as HTML's parser would.
func closes(next, cur string) bool {
	switch cur {
	case "p":
		return blockLevel[next]
	case "li":
		return next == "li"
	case "dt", "dd":
		return next == "dt" || next == "dd"
	case "tr":
		return next == "tr" || next == "tbody" || next == "thead" || next == "tfoot"
	case "td", "th":
		return next == "td" || next == "th" || next == "tr" || next == "tbody" || next == "thead" || next == "tfoot"
	case "thead", "tbody", "tfoot":
		return next == "tbody" || next == "thead" || next == "tfoot"
	case "option":
		return next == "option" || next == "optgroup"
	}
	return false
}

// blockLevel are the elements that make a block of the page, rather than
// a part of a line.
var blockLevel = set("address", "article", "aside", "blockquote", "caption", "colgroup", "dd", "details", "dialog", "div",
	"dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
	"hgroup", "hr", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot",
	"thead", "tr", "ul")

// containers are the elements whose blocks are compared one by one,
// rather than as one block, when they hold only blocks. An expandable
// block (<details>) is one: its summary is a block, and so is each block
// it holds; one that holds a mark is opened (mark).
var containers = set("article", "aside", "blockquote", "details", "dl", "div", "footer", "header", "li", "main", "menu",
	"nav", "ol", "section", "table", "tbody", "tfoot", "thead", "ul")

// atomic are the classes of folio's containers that make one block: an
// API operation or model, a code block with its title, a formula, the
// buttons of tabs.
var atomic = []string{"api-op", "api-model", "code-block", "math", "tabs-list"}

// isContainer reports whether n is compared block by block: a container
// that holds blocks only (and no text or inline element, which would be
// left out of every block).
func isContainer(src []byte, n *node) bool {
	if !containers[n.name] || len(n.children) == 0 {
		return false
	}
	if slices.ContainsFunc(atomic, n.hasClass) {
		return false
	}
	for _, c := range n.children {
		if c.name == "" {
			if len(bytes.TrimSpace(src[c.start:c.end])) > 0 {
				return false
			}
			continue
		}
		if !blockLevel[c.name] && !c.hidden() {
			return false
		}
	}
	return true
}

// restricted are the elements where a removal note cannot stand, as they
// hold only some elements (list items, rows).
var restricted = set("ul", "ol", "menu", "dl", "table", "thead", "tbody", "tfoot", "tr", "colgroup", "select", "optgroup")

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}
