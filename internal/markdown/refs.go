package markdown

import (
	"cmp"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"folio/internal/gitbook"
)

// RefKind says what a reference is expected to point at.
type RefKind int

const (
	// RefLink is a hyperlink: a page, an anchor, a file or an external URL.
	RefLink RefKind = iota
	// RefImage is an embedded resource: img, picture source, video, audio.
	RefImage
	// RefBlock is a URL attribute of a GitBook block ({% file src %}, {% embed url %}, …).
	RefBlock
)

// Ref is one link or asset reference found in a page.
type Ref struct {
	Dest string  // destination as the author meant it: escapes and entities resolved
	Kind RefKind //
	Tag  string  // HTML element or GitBook block name, "" for Markdown links and images
	Line int
	Col  int
	// Auto marks an address the text shows as it is (<https://…>, or
	// www.… linked by GFM): the author wrote an address, not a link.
	Auto bool
	// Mention is set on `<a data-mention>` and on `[text](page.md "mention")`:
	// the link text is a placeholder the resolver's Title replaces. It
	// is set on a card's link too, whose title attribute the Title is.
	Mention bool
	// Alt is an image's alternative text; HasAlt says whether it has one
	// at all (alt="" in HTML marks a decorative image; Markdown cannot).
	Alt    string
	HasAlt bool
	// Unnamed marks the src of an <img> whose alt is empty (or blanks)
	// that no <figcaption> with text names: screen readers skip it.
	Unnamed bool
	// Base is the path of the included file the reference was written in,
	// as ParseOptions.Include returned it; "" when it is in the page itself.
	// A relative Dest is relative to Base's directory when Base is set.
	Base string
	// Echo marks the link GitBook writes inside a {% content-ref %} to the
	// block's own target: the resolver reports the target's problems once,
	// at the tag.
	Echo bool
	// Included says Base is an included file (not the glossary's page,
	// whose term links are relative to it): in a HonKit book, whose
	// includes are text pasted into the page, Dest is then relative to
	// the page, as HonKit resolves it.
	Included bool
}

// Resolution is what the build decided about a Ref.
type Resolution struct {
	URL   string // the destination to write (already escaped); ignored when Keep or Plain
	Keep  bool   // write the destination unchanged (external URLs, mailto:, …)
	Plain bool   // no usable target: render the link's content as plain text
	// Class is the class of that text: "broken-link" when "", marked as a
	// link that leads nowhere; "mention" for a name the link only decorated.
	Class string
	Title string // tooltip of a plain-text link; title of the target page for page cards
	Desc  string // description of the target page, for page cards
	Icon  string // the target page's front matter icon, for page cards
	Size  int64  // size of the target file in bytes, when known (> 0)
	// Width and Height of the target image, when known (> 0).
	Width, Height int
	// Lang is the language of Title and Desc when it is not the text's
	// around the reference (a fallback copy's title in a translated
	// page), and Dir its writing direction when that differs too: the
	// card or the mention that shows the title carries them (WCAG 3.1.2).
	Lang, Dir string
}

// decodeDest resolves Markdown backslash escapes and entities in a link
// destination, so that `image8&#x20;(1).png` and `a\_b.md` name real files.
func decodeDest(b []byte) string {
	// Zero-width spaces pasted into a link target name no file.
	return stripZeroWidth(string(util.ResolveNumericReferences(util.ResolveEntityNames(util.UnescapePunctuations(b)))))
}

// walkRefs visits every reference of the document in source order. fn
// receives the reference and a function that applies its resolution.
func walkRefs(d *Doc, visit func(Ref, func(Resolution)), rewrite bool) {
	calls := 0
	fn := func(r Ref, apply func(Resolution)) {
		calls++
		if d.origins != nil {
			var file string
			r.Col = d.originCol(r.Line, r.Col)
			file, r.Line = d.origin(r.Line)
			if file != d.Path {
				r.Base, r.Included = file, true
			}
		}
		visit(r, apply)
	}
	var replace [][2]ast.Node
	// raw rewrites node n, raw HTML made of segs, or reuses what the
	// collect pass kept of it; wrap makes the node that replaces n. It
	// returns the title of the page a mention in it points at.
	raw := func(n ast.Node, segs []segment, wrap func([]byte) ast.Node) string {
		st := d.rawState(segs, !rewrite)
		switch {
		case st != nil && st.inert:
			return ""
		case st != nil && st.out != nil && rewrite:
			replace = append(replace, [2]ast.Node{n, wrap(st.out)})
			return ""
		}
		before := calls
		if !rewrite {
			d.enterRaw(n)
		}
		out, changed, mention := rewriteHTML(d, st, n, segs, fn, rewrite)
		if !rewrite && calls == before {
			st.noteNoRefs(out, changed)
		}
		if changed && rewrite {
			replace = append(replace, [2]ast.Node{n, wrap(out)})
		}
		return mention
	}
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			line, col := d.lines.pos(n.Pos())
			ref := Ref{Dest: decodeDest(n.Destination), Kind: RefLink, Line: line, Col: col}
			if d.glossaryLinks[n] {
				ref.Dest, ref.Base = string(n.Destination), d.glossary.Page
			}
			ref.Mention = string(n.Title) == "mention"
			if !rewrite {
				// Seen before resolving, which may replace the block.
				if b, ok := n.Parent().Parent().(*gitbook.Block); ok && holdsURL(b, ref.Dest) {
					if d.echoes == nil {
						d.echoes = map[*ast.Link]bool{}
					}
					d.echoes[n] = true
				}
			}
			ref.Echo = d.echoes[n]
			fn(ref, func(r Resolution) {
				switch {
				case r.Plain:
					replace = append(replace, [2]ast.Node{n, newPlainLink(r)})
				case !r.Keep:
					n.Destination = []byte(r.URL)
				}
				if ref.Mention && !r.Plain && rewrite {
					// GitBook's older mention form: the title only marks it.
					n.Title = nil
					if r.Title != "" {
						for c := n.FirstChild(); c != nil; c = n.FirstChild() {
							n.RemoveChild(n, c)
						}
						n.AppendChild(n, ast.NewString([]byte(r.Title)))
						setLang(n, r)
					}
				}
			})
		case *ast.AutoLink:
			// <scheme:…> and a linkified www. or https:// address are
			// links too: resolved as any link, so that a javascript: one
			// is removed and an address of the site's GitBook space or
			// site is followed, as written [text](…) would be.
			if n.AutoLinkType != ast.AutoLinkURL {
				return ast.WalkContinue, nil // an e-mail address: mailto:
			}
			line, col := d.lines.pos(n.Pos())
			dest := string(n.URL(d.Source))
			fn(Ref{Dest: dest, Kind: RefLink, Line: line, Col: col, Auto: true}, func(r Resolution) {
				label := ast.NewString(n.Label(d.Source))
				switch {
				case r.Plain:
					p := &plainLink{Title: r.Title, Class: cmp.Or(r.Class, "broken-link")}
					p.AppendChild(p, label)
					replace = append(replace, [2]ast.Node{n, p})
				case !r.Keep && r.URL != dest:
					link := ast.NewLink()
					link.Destination = []byte(r.URL)
					link.AppendChild(link, label)
					replace = append(replace, [2]ast.Node{n, link})
				}
			})
			return ast.WalkSkipChildren, nil
		case *ast.Image:
			line, col := d.lines.pos(n.Pos())
			alt := strings.TrimSpace(plainText(n, d.Source))
			ref := Ref{Dest: decodeDest(n.Destination), Kind: RefImage, Line: line, Col: col, Alt: alt, HasAlt: alt != ""}
			fn(ref, func(r Resolution) {
				switch {
				case r.Plain:
					// Its alternative text, as text: the image's children
					// are not walked, and the raw HTML among them is not
					// made safe (t76: a <script> in the alt of a missing
					// image ran).
					p := &plainLink{Title: r.Title, Class: cmp.Or(r.Class, "broken-link")}
					p.AppendChild(p, ast.NewString([]byte(alt)))
					replace = append(replace, [2]ast.Node{n, p})
					return
				case !r.Keep:
					n.Destination = []byte(r.URL)
				}
				n.SetAttributeString("loading", []byte("lazy"))
				if r.Width > 0 && r.Height > 0 {
					n.SetAttributeString("width", []byte(strconv.Itoa(r.Width)))
					n.SetAttributeString("height", []byte(strconv.Itoa(r.Height)))
				}
			})
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			var segs []segment
			for i := 0; i < n.Segments.Len(); i++ {
				s := n.Segments.At(i)
				segs = append(segs, segment{s.Start, s.Stop})
			}
			mention := raw(n, segs, func(b []byte) ast.Node { return &htmlInline{HTML: b} })
			if txt, ok := n.NextSibling().(*ast.Text); ok && mention != "" && rewrite {
				// The text of a mention is a file name placeholder: show the
				// title of the page instead.
				replace = append(replace, [2]ast.Node{txt, ast.NewString([]byte(mention))})
			}
		case *ast.HTMLBlock:
			var segs []segment
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				segs = append(segs, segment{s.Start, s.Stop})
			}
			if n.HasClosure() {
				s := n.ClosureLine
				segs = append(segs, segment{s.Start, s.Stop})
			}
			raw(n, segs, func(b []byte) ast.Node { return &htmlBlock{HTML: b} })
		case *gitbook.Block:
			for _, key := range gitbook.URLAttrs(n.Tag.Name) {
				v, ok := n.Tag.Get(key)
				if !ok {
					continue
				}
				line, col := n.Line, 1
				ref := Ref{Dest: v, Kind: RefBlock, Tag: n.Tag.Name, Line: line, Col: col}
				fn(ref, func(r Resolution) {
					switch {
					case r.Plain:
						// The block shows what was written, as text: a
						// card with nothing in it tells the reader nothing.
						n.Tag.Set(key, "")
						n.Tag.Set("_was."+key, v)
						n.Tag.Set("_broken", cmp.Or(r.Title, "broken link in the source"))
					case !r.Keep:
						n.Tag.Set(key, r.URL)
					}
					if r.Title != "" && !r.Plain {
						n.Tag.Set("_title", r.Title)
					}
					if r.Desc != "" {
						n.Tag.Set("_desc", r.Desc)
					}
					if r.Icon != "" && !r.Plain {
						n.Tag.Set("_icon", r.Icon)
					}
					if r.Lang != "" && !r.Plain {
						n.Tag.Set("_lang", r.Lang)
						if r.Dir != "" {
							n.Tag.Set("_dir", r.Dir)
						}
					}
					if r.Size > 0 {
						// In English until Localise writes it in the
						// page's language from _bytes.
						n.Tag.Set("_size", humanSize(r.Size, nil))
						n.Tag.Set("_bytes", strconv.FormatInt(r.Size, 10))
					}
				})
			}
		}
		return ast.WalkContinue, nil
	})
	for _, p := range replace {
		old, repl := p[0], p[1]
		if pl, ok := repl.(*plainLink); ok && pl.label {
			// A link's label, moved now that the walk has been through
			// it: its raw HTML is made safe like any other (t76).
			for c := old.FirstChild(); c != nil; {
				next := c.NextSibling()
				pl.AppendChild(pl, c)
				c = next
			}
		}
		old.Parent().ReplaceChild(old.Parent(), old, repl)
	}
}

// setLang marks a link whose text is now its target's title, r.Title,
// with the title's language and direction when they are not the text's.
func setLang(n *ast.Link, r Resolution) {
	if r.Lang == "" {
		return
	}
	n.SetAttributeString("lang", []byte(r.Lang))
	if r.Dir != "" {
		n.SetAttributeString("dir", []byte(r.Dir))
	}
}

// noteNoRefs keeps what the collect pass learnt of a block of raw HTML
// without references: resolving cannot change its rewriting, so the
// resolve pass skips a block left as it was (most raw HTML: <br>, <mark>,
// table cells) and reuses the rewriting of the others (tables, which get
// their scrolling box).
func (st *rawState) noteNoRefs(out []byte, changed bool) {
	if st == nil {
		return
	}
	if changed {
		st.out = out
	} else {
		st.inert = true
	}
}

// collectRefs lists the references of a freshly parsed document.
func collectRefs(d *Doc) []Ref {
	var refs []Ref
	walkRefs(d, func(r Ref, _ func(Resolution)) { refs = append(refs, r) }, false)
	d.finishRaw()
	return refs
}

// Resolve rewrites every reference of the document with fn's decision.
// fn is called once per reference, in the same order as Refs.
func (d *Doc) Resolve(fn func(Ref) Resolution) {
	walkRefs(d, func(r Ref, apply func(Resolution)) { apply(fn(r)) }, true)
}

// sizeUnits are the keys of the theme strings that write a size in
// bytes, kilobytes, megabytes and gigabytes.
var sizeUnits = [...]string{"size_bytes", "size_kb", "size_mb", "size_gb"}

// humanSize writes a size of n bytes for readers in the language whose
// strings (by key) are words, English where words lacks one (nil: all
// English): in bytes below a kilobyte, else in kilobytes, megabytes or
// gigabytes (of 1000) with one decimal; the unit where the language's
// pattern puts it ("{n} kB", "{n} ko"), the decimal after its separator
// (decimal_separator) and the number in its digits: 12.3 kB, 12,3 ko,
// ١٢٫٣ ك.بايت.
func humanSize(n int64, words map[string]string) string {
	word := func(key string) string { return cmp.Or(words[key], english[key]) }
	unit, num := 0, strconv.FormatInt(n, 10)
	if n >= 1000 {
		v := float64(n) / 1000
		// Up a unit from what one decimal rounds to 1000 (999,950 bytes
		// is 1.0 MB, not 1000.0 kB).
		for unit = 1; unit < len(sizeUnits)-1 && v >= 999.95; unit++ {
			v /= 1000
		}
		num = strings.Replace(strconv.FormatFloat(v, 'f', 1, 64), ".", word("decimal_separator"), 1)
	}
	pattern := word(sizeUnits[unit])
	if !strings.Contains(pattern, "{n}") {
		pattern = "{n} " + pattern
	}
	return strings.ReplaceAll(pattern, "{n}", gitbook.Digits(num, words["digits"]))
}

// plainLink replaces a link that leads nowhere: its content stays, as
// plain text with a tooltip that says why.
type plainLink struct {
	ast.BaseInline
	Title, Class string
	label        bool // takes the label of the link it replaces (walkRefs)
}

var kindPlainLink = ast.NewNodeKind("PlainLink")

func (n *plainLink) Kind() ast.NodeKind { return kindPlainLink }

func (n *plainLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Title": n.Title}, nil)
}

// newPlainLink is what a link that leads nowhere becomes: its label
// moves into it once the walk is done (walkRefs).
func newPlainLink(r Resolution) ast.Node {
	return &plainLink{Title: r.Title, Class: cmp.Or(r.Class, "broken-link"), label: true}
}

// htmlInline and htmlBlock carry raw HTML whose URLs were rewritten.
type htmlInline struct {
	ast.BaseInline
	HTML []byte
}

type htmlBlock struct {
	ast.BaseBlock
	HTML []byte
}

var (
	kindHTMLInline = ast.NewNodeKind("RewrittenRawHTML")
	kindHTMLBlock  = ast.NewNodeKind("RewrittenHTMLBlock")
)

func (n *htmlInline) Kind() ast.NodeKind { return kindHTMLInline }
func (n *htmlBlock) Kind() ast.NodeKind  { return kindHTMLBlock }
func (n *htmlBlock) IsRaw() bool         { return true }

func (n *htmlInline) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }
func (n *htmlBlock) Dump(src []byte, level int)  { ast.DumpHelper(n, src, level, nil, nil) }

// holdsURL reports whether dest is the address an attribute of block b
// gives ({% content-ref url=… %}, {% openapi src=… %}): a link to it in
// the block is GitBook's echo of it.
func holdsURL(b *gitbook.Block, dest string) bool {
	for _, key := range gitbook.URLAttrs(b.Tag.Name) {
		if v, ok := b.Tag.Get(key); ok && strings.TrimSpace(v) == dest {
			return true
		}
	}
	return false
}
