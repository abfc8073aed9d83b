// Package review compares two versions of a page's content, both rendered
// to HTML by folio, block by block: paragraphs, headings, list items,
// table rows, code blocks, API operations, expandable blocks. It marks the
// blocks of the new version that were inserted or changed, collects the
// removed ones, and says which sections changed, for review mode.
//
// Comparing rendered blocks rather than Markdown lines makes a change of
// line wrapping, of list markers or of an include's source invisible, and
// a change of a shared snippet visible where it shows.
package review

import (
	"bytes"
	"cmp"
	"hash/fnv"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Kinds of marks, the values of the data-review attribute; the class is
// "review-" followed by the kind.
const (
	Inserted = "inserted"
	Changed  = "changed"
)

// Result is the new version of a page with its changes marked.
type Result struct {
	// HTML is the new version, with class="review-inserted" and
	// data-review="inserted" on each inserted block, "changed" on each
	// changed one, and nothing else altered. A text outside any element
	// is marked by a span around it.
	HTML []byte
	// Inserted, Changed and Removed count blocks.
	Inserted, Changed, Removed int
	// Sections holds the ids of the sections that changed, in page
	// order: the id of the heading nearest before each change (or of the
	// heading inside it, as in an API operation), and "" for a change
	// before the first heading.
	Sections []string
	// Removals are the runs of removed blocks, in page order.
	Removals []Removal
}

// Removal is a run of consecutive blocks of the old version that the new
// one no longer has.
type Removal struct {
	// Offset is where the run stood in Result.HTML: between two blocks,
	// and never inside a list or a table, where a note cannot stand.
	Offset int
	// Section is the id of the section of the new version where the run
	// stood (see Result.Sections).
	Section string
	// HTML holds the removed blocks, as they were, without the ids (which
	// the new version may use again) and the attributes that refer to
	// ids; list items come in a list and rows in a table, so that it is
	// valid wherever flow content is.
	HTML []byte
	// Blocks counts the blocks of the run.
	Blocks int
}

// Unchanged reports whether the two versions have the same blocks.
func (r *Result) Unchanged() bool { return r.Inserted+r.Changed+r.Removed == 0 }

// Splice returns Result.HTML with, at each removal's offset, what note
// returns for it: the removal's HTML in a collapsed "removed" note, say.
func (r *Result) Splice(note func(Removal) []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(r.HTML))
	last := 0
	for _, rm := range r.Removals {
		b.Write(r.HTML[last:rm.Offset])
		b.Write(note(rm))
		last = rm.Offset
	}
	b.Write(r.HTML[last:])
	return b.Bytes()
}

// block is one block of a page.
type block struct {
	n       *node
	hash    uint64
	kind    string   // tag and class: only blocks of one kind change into each other
	section string   // the section it belongs to (new version only)
	after   string   // the section current after it (new version only)
	grams   []uint64 // its text's trigrams, sorted, once computed
}

// Diff compares old and new, two renderings of a page's content, and
// marks the changes in new. Any input gives a result; the time it takes
// is bounded for large pages (see match).
func Diff(old, new []byte) *Result {
	ob := blocks(old, parse(old))
	nb := blocks(new, parse(new))
	sections(new, nb)
	oh := make([]uint64, len(ob))
	for i, b := range ob {
		oh[i] = b.hash
	}
	nh := make([]uint64, len(nb))
	for i, b := range nb {
		nh[i] = b.hash
	}
	var ops []op
	i, j := 0, 0
	for _, p := range append(match(oh, nh), pair{len(ob), len(nb)}) {
		ops = pairUp(ops, old, new, ob[i:p.i], nb[j:p.j])
		if p.i < len(ob) {
			ops = append(ops, op{kind: "", old: ob[p.i], new: nb[p.j]})
		}
		i, j = p.i+1, p.j+1
	}
	return mark(old, new, ops)
}

// op is one step from the old version to the new: a block kept (kind ""),
// inserted, changed, or removed.
type op struct {
	kind     string
	old, new *block
}

const removed = "removed"

// pairUp appends the ops of a run of old blocks replaced by a run of new
// ones: a new block that looks like an old one of its kind (in order)
// changed it; the others are inserted, and the old blocks left are
// removed. Between two changed blocks, the removed ones come first, as a
// reader compares what was with what is.
func pairUp(ops []op, oldSrc, newSrc []byte, olds, news []*block) []op {
	const window = 32 // old blocks a new one is compared with
	var pairs []pair
	p := 0
	for j, nb := range news {
		for q := p; q < len(olds) && q < p+window; q++ {
			if olds[q].kind == nb.kind && similar(oldSrc, olds[q], newSrc, nb) {
				pairs = append(pairs, pair{q, j})
				p = q + 1
				break
			}
		}
	}
	i, j := 0, 0
	for _, pr := range append(pairs, pair{len(olds), len(news)}) {
		for _, ob := range olds[i:pr.i] {
			ops = append(ops, op{kind: removed, old: ob})
		}
		for _, nb := range news[j:pr.j] {
			ops = append(ops, op{kind: Inserted, new: nb})
		}
		if pr.i < len(olds) {
			ops = append(ops, op{kind: Changed, old: olds[pr.i], new: news[pr.j]})
		}
		i, j = pr.i+1, pr.j+1
	}
	return ops
}

// edit replaces src[pos:pos+del] with text. At one position, edits apply
// in order of rank: the end of a mark, then a removal's offset, then the
// start of a mark.
type edit struct {
	pos, del, rank int
	text           []byte
	removal        int // for rank 1, the index of the removal
}

// mark applies the ops to new.
func mark(oldSrc, newSrc []byte, ops []op) *Result {
	r := &Result{}
	var edits []edit
	seen := map[string]bool{}
	section := func(id string) {
		if !seen[id] {
			seen[id] = true
			r.Sections = append(r.Sections, id)
		}
	}
	// An expandable block that holds a mark or a removal is opened, so
	// that the reader sees what changed in it.
	opened := map[*node]bool{}
	openAround := func(n *node) {
		for ; n != nil; n = n.parent {
			if n.name != "details" || opened[n] || slices.ContainsFunc(n.attrs, func(a html.Attribute) bool { return a.Key == "open" }) {
				continue
			}
			opened[n] = true
			edits = append(edits, edit{pos: n.start, del: n.open - n.start, rank: 2, text: openTag(n.name, n.attrs)})
		}
	}
	var last *block // the last block of the new version passed
	var run []*block
	flush := func(next *block) {
		if len(run) == 0 {
			return
		}
		rm := Removal{HTML: removalHTML(oldSrc, run), Blocks: len(run)}
		// The run stands after the last block passed (or before the next
		// one), at the depth it had in the old version, and out of lists
		// and tables.
		var pos int
		switch {
		case last != nil:
			rm.Section = last.after
			e := outTo(last.n, run[0].n.depth)
			pos = e.end
			openAround(e.parent)
		case next != nil:
			e := outTo(next.n, run[0].n.depth)
			pos = e.start
			openAround(e.parent)
		}
		section(rm.Section)
		edits = append(edits, edit{pos: pos, rank: 1, removal: len(r.Removals)})
		r.Removals = append(r.Removals, rm)
		r.Removed += len(run)
		run = run[:0]
	}
	for _, o := range ops {
		if o.kind == removed {
			run = append(run, o.old)
			continue
		}
		flush(o.new)
		last = o.new
		if o.kind == "" {
			continue
		}
		if o.kind == Inserted {
			r.Inserted++
		} else {
			r.Changed++
		}
		n := o.new.n
		section(cmp.Or(detailsID(n), o.new.section))
		openAround(n.parent)
		if n.name == "" { // a text outside any element
			edits = append(edits,
				edit{pos: n.start, rank: 2, text: []byte(`<span class="review-` + o.kind + `" data-review="` + o.kind + `">`)},
				edit{pos: n.end, rank: 0, text: []byte(`</span>`)})
			continue
		}
		selfClosing := bytes.HasSuffix(newSrc[n.start:n.open], []byte("/>"))
		edits = append(edits, edit{pos: n.start, del: n.open - n.start, rank: 2, text: startTag(n.name, n.attrs, o.kind, selfClosing)})
	}
	flush(nil)

	slices.SortStableFunc(edits, func(a, b edit) int {
		return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.rank, b.rank))
	})
	out := make([]byte, 0, len(newSrc)+len(edits)*48)
	at := 0
	for _, e := range edits {
		e.pos = max(e.pos, at) // edits never overlap; this keeps a bug from panicking
		out = append(out, newSrc[at:e.pos]...)
		if e.rank == 1 {
			r.Removals[e.removal].Offset = len(out)
		}
		out = append(out, e.text...)
		at = e.pos + e.del
	}
	r.HTML = append(out, newSrc[at:]...)
	return r
}

// detailsID returns the id of the innermost expandable block with an id
// that holds n, or is n: the change is there, which a link opens, rather
// than at the top of its section (t95: a long page of issues sent the
// reviewer to its start).
func detailsID(n *node) string {
	for ; n != nil; n = n.parent {
		if n.name == "details" {
			if id := n.attr("id"); id != "" {
				return id
			}
		}
	}
	return ""
}

// outTo returns the ancestor of n (or n) at depth d, or less deep, that
// is not in a list or a table.
func outTo(n *node, d int) *node {
	for n.parent != nil && (n.depth > d || restricted[n.parent.name]) {
		n = n.parent
	}
	return n
}

// startTag writes a start tag with its attributes, the class review-kind
// and the attribute data-review=kind added when kind is set, and the
// attributes that refer to ids left out when it is not.
func startTag(name string, attrs []html.Attribute, kind string, selfClosing bool) []byte {
	var b bytes.Buffer
	b.WriteString("<" + name)
	classDone := false
	for _, a := range attrs {
		val := a.Val
		switch {
		case a.Key == "data-review":
			continue
		case kind == "" && idAttrs[a.Key]:
			continue
		case a.Key == "class" && kind != "":
			if classDone {
				continue // a second class attribute is ignored by browsers
			}
			val, classDone = strings.TrimSpace(val+" review-"+kind), true
		}
		b.WriteString(" " + a.Key + `="` + html.EscapeString(val) + `"`)
	}
	if kind != "" {
		if !classDone {
			b.WriteString(` class="review-` + kind + `"`)
		}
		b.WriteString(` data-review="` + kind + `"`)
	}
	if selfClosing {
		b.WriteString("/>")
	} else {
		b.WriteString(">")
	}
	return b.Bytes()
}

// openTag writes the start tag of an expandable block the marking opens:
// its attributes, then open and data-review="open", which say so.
func openTag(name string, attrs []html.Attribute) []byte {
	var b bytes.Buffer
	b.WriteString("<" + name)
	for _, a := range attrs {
		b.WriteString(" " + a.Key + `="` + html.EscapeString(a.Val) + `"`)
	}
	b.WriteString(` open data-review="open">`)
	return b.Bytes()
}

// idAttrs are the attributes that name an element or refer to one by id.
var idAttrs = set("id", "for", "headers", "aria-activedescendant", "aria-controls", "aria-describedby", "aria-details",
	"aria-errormessage", "aria-flowto", "aria-labelledby", "aria-owns")

// removalHTML returns the HTML of a run of removed blocks: their source
// without ids, list items in a list and rows in a table, as their old
// parents were.
func removalHTML(src []byte, run []*block) []byte {
	var b bytes.Buffer
	for i := 0; i < len(run); {
		parent := run[i].n.parent
		var chain []string // restricted ancestors, innermost first
		for e := parent; e != nil && restricted[e.name]; e = e.parent {
			chain = append(chain, e.name)
		}
		for k := len(chain) - 1; k >= 0; k-- {
			b.WriteString("<" + chain[k] + ">")
		}
		for ; i < len(run) && run[i].n.parent == parent; i++ {
			b.Write(stripIDs(src[run[i].n.start:run[i].n.end]))
		}
		for _, name := range chain {
			b.WriteString("</" + name + ">")
		}
	}
	return b.Bytes()
}

// stripIDs returns src with the id attributes, and those that refer to
// ids, left out of its start tags, and its headings made text (role=none).
func stripIDs(src []byte) []byte {
	var b bytes.Buffer
	z := html.NewTokenizer(bytes.NewReader(src))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return b.Bytes()
		}
		raw := z.Raw()
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			b.Write(raw)
			continue
		}
		selfClosing := bytes.HasSuffix(raw, []byte("/>"))
		raw = bytes.Clone(raw) // TagName and TagAttr may change it
		name, more := z.TagName()
		var attrs []html.Attribute
		strip := false
		for more {
			var k, v []byte
			k, v, more = z.TagAttr()
			strip = strip || idAttrs[string(k)]
			attrs = append(attrs, html.Attribute{Key: string(k), Val: string(v)})
		}
		if len(name) == 2 && name[0] == 'h' && '1' <= name[1] && name[1] <= '6' {
			// A removed heading is text: no heading of the page, which a
			// screen reader's list of headings would offer.
			attrs = append(attrs, html.Attribute{Key: "role", Val: "none"})
			strip = true
		}
		if !strip {
			b.Write(raw)
			continue
		}
		b.Write(startTag(string(name), attrs, "", selfClosing))
	}
}

// blocks splits a parsed fragment into its blocks, in page order.
func blocks(src []byte, root *node) []*block {
	var bs []*block
	var buf []byte // reused by hashNode
	var walk func(n *node)
	walk = func(n *node) {
		for _, c := range n.children {
			switch {
			case c.name == "":
				if len(bytes.TrimSpace(src[c.start:c.end])) > 0 {
					var h uint64
					h, buf = hashNode(src, c, buf)
					bs = append(bs, &block{n: c, hash: h, kind: "#text"})
				}
			case c.hidden():
				// Shown to no one: a change in it is none.
			case isContainer(src, c):
				walk(c)
			default:
				var h uint64
				h, buf = hashNode(src, c, buf)
				bs = append(bs, &block{n: c, hash: h, kind: c.name + "." + c.attr("class")})
			}
		}
	}
	walk(root)
	return bs
}

// hashNode hashes what a block shows: its elements, their attributes but
// ids and references to ids (which shift when another block is
// inserted), and its text, with spaces collapsed outside <pre>. It
// writes this into buf, which it returns for the next call.
func hashNode(src []byte, n *node, buf []byte) (uint64, []byte) {
	buf = buf[:0]
	var walk func(n *node, pre bool)
	walk = func(n *node, pre bool) {
		if n.name == "" {
			text := src[n.start:n.end]
			if bytes.IndexByte(text, '&') >= 0 {
				text = []byte(html.UnescapeString(string(text)))
			}
			if pre {
				buf = append(buf, text...)
			} else {
				buf = appendCollapsed(buf, text)
			}
			buf = append(buf, 0)
			return
		}
		pre = pre || n.name == "pre"
		buf = append(buf, '<')
		buf = append(buf, n.name...)
		attrs := n.attrs
		if !slices.IsSortedFunc(attrs, byKey) {
			attrs = slices.SortedFunc(slices.Values(attrs), byKey)
		}
		for _, a := range attrs {
			if !idAttrs[a.Key] {
				buf = append(buf, ' ')
				buf = append(buf, a.Key...)
				buf = append(buf, '=')
				buf = append(buf, a.Val...)
				buf = append(buf, 0)
			}
		}
		buf = append(buf, '>')
		for _, c := range n.children {
			walk(c, pre)
		}
		buf = append(buf, "</>"...)
	}
	walk(n, false)
	h := fnv.New64a()
	h.Write(buf)
	return h.Sum64(), buf
}

func byKey(a, b html.Attribute) int { return strings.Compare(a.Key, b.Key) }

// appendCollapsed appends text to buf with each run of spaces made one
// space, and none at either end.
func appendCollapsed(buf, text []byte) []byte {
	space := false
	start := len(buf)
	for _, c := range text {
		switch c {
		case ' ', '\t', '\n', '\r', '\f':
			space = true
			continue
		}
		if space && len(buf) > start {
			buf = append(buf, ' ')
		}
		space = false
		buf = append(buf, c)
	}
	return buf
}

// sections sets the section of each block of the new version.
func sections(src []byte, bs []*block) {
	cur := ""
	for _, b := range bs {
		first, last := headings(b.n)
		b.section = cmp.Or(first, cur)
		cur = cmp.Or(last, cur)
		b.after = cur
	}
}

// headings returns the ids of the first and the last heading in n.
func headings(n *node) (first, last string) {
	var walk func(n *node)
	walk = func(n *node) {
		switch n.name {
		case "h1", "h2", "h3", "h4", "h5", "h6":
			if id := n.attr("id"); id != "" {
				if first == "" {
					first = id
				}
				last = id
			}
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(n)
	return first, last
}

// similar reports whether two blocks share enough of their text to be
// two versions of one block: a Dice coefficient of at least 0.4 on the
// sets of trigrams of their text (which works for every script, spaces
// between words or not). Two blocks without text (two images) are similar.
func similar(oldSrc []byte, a *block, newSrc []byte, b *block) bool {
	ga, gb := a.trigrams(oldSrc), b.trigrams(newSrc)
	if len(ga) == 0 || len(gb) == 0 {
		return len(ga) == len(gb)
	}
	common := 0
	for i, j := 0, 0; i < len(ga) && j < len(gb); {
		switch {
		case ga[i] < gb[j]:
			i++
		case ga[i] > gb[j]:
			j++
		default:
			common, i, j = common+1, i+1, j+1
		}
	}
	return 5*common >= len(ga)+len(gb)
}

// maxText bounds the text of a block that similar compares, in bytes.
const maxText = 4096

// trigrams returns the sorted set of the trigrams of the block's text,
// lower-cased, spaces collapsed.
func (b *block) trigrams(src []byte) []uint64 {
	if b.grams != nil {
		return b.grams
	}
	text := make([]rune, 1, 256)
	text[0] = ' ' // a space around the text gives a word of one letter a trigram
	space := true
	size := 0
	var walk func(n *node)
	walk = func(n *node) {
		if size > maxText {
			return
		}
		if n.name == "" {
			s := html.UnescapeString(string(src[n.start:n.end]))
			for _, r := range s {
				size += utf8.RuneLen(r)
				if unicode.IsSpace(r) {
					if !space {
						text = append(text, ' ')
					}
					space = true
					continue
				}
				text, space = append(text, unicode.ToLower(r)), false
			}
			// Words of two elements (cells of a row) are apart, and the
			// text ends with a space.
			if !space {
				text, space = append(text, ' '), true
			}
			return
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(b.n)
	grams := make([]uint64, 0, max(len(text)-2, 0))
	for i := 0; i+2 < len(text); i++ {
		grams = append(grams, uint64(text[i])<<42|uint64(text[i+1])<<21|uint64(text[i+2]))
	}
	slices.Sort(grams)
	b.grams = slices.Compact(grams)
	if b.grams == nil {
		b.grams = []uint64{}
	}
	return b.grams
}
