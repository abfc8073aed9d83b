// Package diagram draws Mermaid diagrams into SVG at build time, so that a
// page shows them without any script: with JavaScript off, in print, in
// feeds.
//
// The drawing is done by beautiful-mermaid, a JavaScript renderer that
// needs no DOM (vendored in themes/vendor/beautiful-mermaid), run in goja.
// Loading that script costs about a second, so nothing is started until
// the first diagram of the process; a site without diagrams never pays it.
// Runtimes are then kept in a small pool (a goja runtime is not safe for
// concurrent use), and every drawing is cached by content for the life of
// the process: an unchanged diagram is drawn once per build, across
// languages, and across the rebuilds of `folio serve`. Drawings are also
// kept on disk, in the user's cache directory, for later processes (see
// disk): cleaned as they were drawn, and trusted as Go trusts its build
// cache. Cleaning them again when read back made a build of 13 diagrams
// 15 % slower (t89, measured in review).
//
// Before drawing, folio reads the source itself (see prepare): it takes out
// the accessibility text and the title, rewrites the Mermaid syntax the
// renderer does not read (sequence participants with spaces in their
// names, flowchart node ids with a dot, C4 diagrams), and reports the
// mistakes the renderer would skip silently. A flowchart it can neither
// rewrite nor tell wrong is an *UnsupportedError, as a diagram type it
// does not draw: the page leaves it to Mermaid's script. After drawing,
// it cleans the SVG (see clean) so that it is safe to inline.
package diagram

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// rendererVersion names folio's handling of the vendored renderer in the
// cache key. Change it with layoutPatches, prepare or clean, or with what
// a Diagram holds (a drawing stored on disk before would lack it); the
// bundle is in the key by its hash (bundleSum).
const rendererVersion = "beautiful-mermaid fix-notes, folio 11"

// bundleSum is the SHA-256 of the vendored renderer
// (themes.BeautifulMermaid), in the cache key: a drawing of another bundle
// is not read back. Hashing the 3.7 MB bundle in each process took 7 ms
// and 4 MB; TestBundleSum fails when the bundle changes without it.
const bundleSum = "4e25199ec6bd56427e625b33fdf50c2aceaa0007296d69557d461912fbe24d01"

// Limits of one diagram.
const (
	MaxSource = 64 << 10 // bytes of Mermaid
	maxSVG    = 8 << 20  // bytes of SVG from the renderer
	// Timeout bounds the drawing of one diagram. The diagrams of real
	// specifications take well under a second; a flowchart of 60 nodes
	// with crossing links, about ten.
	Timeout = 20 * time.Second
	// maxTimeouts is how many diagrams a process lets run out of time
	// before it draws no new one: each may take a gigabyte and Timeout,
	// and a page of dense diagrams would hold a build, or every rebuild
	// of a preview, for minutes.
	maxTimeouts = 2
)

// Diagram is one drawn diagram.
type Diagram struct {
	Kind  string // Sequence, Flowchart, State, Class, ER, XYChart or C4
	Title string // from a `title` line or the front matter, "" if none
	// Label is the text alternative of the drawing: accTitle, or the kind
	// and the title or the first labels ("Sequence diagram: Alice, Bob").
	Label string
	// KindName is the English name of the kind that starts Label
	// ("Flowchart"), for a page in another language to replace, as it
	// replaces the Separator that follows it when Label goes on; "" when
	// Label is accTitle.
	KindName string
	// Ignored lists the Mermaid features the source uses that the drawing
	// leaves out ("autonumber", "box", …), in the order the source first
	// uses them.
	Ignored []string
	// IgnoredAt holds, for each feature of Ignored, the line of the
	// source given to Draw (1-based, as SyntaxError.Line) where it is
	// first used: a note about it belongs there.
	IgnoredAt []int
	drawing   *drawing
}

// Separator comes between KindName and the title or labels that follow
// it in Label ("Flowchart: A, B"). It is English punctuation, which a page
// in another language replaces by its own (French puts a no-break space
// before the colon); a Label that is KindName alone has none.
const Separator = ": "

// NoAttributes is what the renderer writes, in italics, in the box of an
// entity of an ER diagram that has no attributes: English, which a page in
// another language replaces by its own. It is no label of the drawing, so
// its text alternative leaves it out.
const NoAttributes = "(no attributes)"

// SVG returns the drawing, with prefix before each of its ids: give each
// diagram of a page its own.
func (d *Diagram) SVG(prefix string) string {
	return d.drawing.svg(prefix)
}

// SyntaxError is a mistake in the Mermaid source.
type SyntaxError struct {
	Line int // 1-based, in the source given to Draw; 0 when unknown
	Msg  string
}

func (e *SyntaxError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// UnsupportedError is a Mermaid diagram type folio does not draw, or a
// diagram of a type it draws that holds what it cannot draw right (a
// flowchart node written A@{ shape: … }): Mermaid is to draw it.
type UnsupportedError struct {
	Type string // as written: "gantt", "pie", …, "flowchart"
	// Feature is what folio cannot draw, quoted from line Line, or "" for
	// the whole type.
	Feature string
	Line    int
}

func (e *UnsupportedError) Error() string {
	if e.Feature != "" {
		return fmt.Sprintf("a Mermaid %s with %s (line %d) is not drawn by folio", e.Type, e.Feature, e.Line)
	}
	return fmt.Sprintf("Mermaid %s diagrams are not drawn by folio", e.Type)
}

// ErrTimeout is returned for a diagram that took longer than Timeout.
var ErrTimeout = errors.New("drawing the diagram took too long")

// ErrGaveUp is returned for a diagram not drawn because maxTimeouts
// others ran out of time before it.
var ErrGaveUp = errors.New("not drawn: other diagrams took too long to draw (split or simplify them)")

// Renderer draws diagrams. Its zero value is not usable; see New.
type Renderer struct {
	pool     *pool
	cache    *cache
	disk     disk
	timeout  time.Duration
	timeouts atomic.Int32 // diagrams that ran out of time
}

// New returns a renderer running at most runtimes goja runtimes at once,
// caching up to cacheBytes of drawings.
func New(runtimes, cacheBytes int) *Renderer {
	return &Renderer{pool: newPool(runtimes), cache: newCache(cacheBytes), timeout: Timeout}
}

// std is the renderer of Draw, shared by every build of the process; it
// also keeps its drawings in the user's cache directory, for later
// processes.
var std = sync.OnceValue(func() *Renderer {
	r := New(min(4, runtime.GOMAXPROCS(0)), 64<<20) // a runtime per core: drawing is computing
	r.disk = disk{dir: userDir(), prune: new(sync.Once)}
	return r
})

// Draw draws a Mermaid diagram with the process's shared renderer. The
// error is a *SyntaxError, an *UnsupportedError, ErrTimeout, or another
// error whose message says what went wrong. Safe for concurrent use.
func Draw(src string) (*Diagram, error) {
	return std().Draw(src)
}

// Draw draws a Mermaid diagram; see the package-level Draw.
func (r *Renderer) Draw(src string) (*Diagram, error) {
	if len(src) > MaxSource {
		return nil, fmt.Errorf("the diagram is larger than %d KiB", MaxSource>>10)
	}
	key := sha256.Sum256([]byte(rendererVersion + "\x00" + bundleSum + "\x00" + renderOptions + "\x00" + src))
	return r.cache.get(key, func() (*Diagram, error, bool) {
		if d, ok := r.disk.load(key); ok {
			return d, nil, true
		}
		if r.timeouts.Load() >= maxTimeouts {
			return nil, ErrGaveUp, false
		}
		d, err := r.draw(src)
		if err == nil {
			r.disk.save(key, d)
		}
		if errors.Is(err, ErrTimeout) {
			r.timeouts.Add(1)
		}
		// A timeout may come from a busy machine: the next process tries
		// again, this one does not (a preview would at every rebuild).
		return d, err, true
	})
}

func (r *Renderer) draw(src string) (*Diagram, error) {
	p, err := prepare(src)
	if err != nil {
		return nil, err
	}
	svg, err := r.pool.render(p.body, r.timeout)
	if err != nil {
		return nil, err
	}
	if p.hidden {
		svg = show.Replace(svg)
	}
	dr, err := clean(svg)
	if err != nil {
		return nil, err
	}
	d := &Diagram{Kind: p.kind, Title: p.title, Ignored: p.ignored, IgnoredAt: p.ignoredAt, drawing: dr}
	d.Label = p.accTitle
	if d.Label == "" {
		d.KindName = kindNames()[p.kind]
		d.Label = d.KindName
		switch {
		case p.title != "":
			d.Label += Separator + p.title
		default:
			labels := p.labels
			if labels == nil {
				labels = dr.texts
			}
			if l := firstLabels(labels, 5); l != "" {
				d.Label += Separator + l
			}
		}
	}
	desc := ""
	if p.accDescr != "" {
		desc = "<desc>" + html.EscapeString(p.accDescr) + "</desc>"
	}
	dr.annotate(` role="img" aria-label="`+html.EscapeString(d.Label)+`"`, desc)
	return d, nil
}

// firstLabels joins the first n distinct labels, each cut to 40
// characters, with an ellipsis when more are left out.
func firstLabels(labels []string, n int) string {
	seen := map[string]bool{}
	var out []string
	more := false
	for _, l := range labels {
		l = strings.Join(strings.Fields(strings.ReplaceAll(l, "\u200b", "")), " ")
		if l == "" || seen[l] {
			continue
		}
		if len(out) == n {
			more = true
			break
		}
		seen[l] = true
		if r := []rune(l); len(r) > 40 {
			l = string(r[:40]) + "…"
		}
		out = append(out, l)
	}
	s := strings.Join(out, ", ")
	if more {
		s += ", …"
	}
	return s
}

// renderOptions are the options given to renderMermaidSVG, as a JavaScript
// object literal. transparent: the page's background shows through.
const renderOptions = `{transparent: true, padding: 8}`

// lazyRE returns a function that compiles expr the first time it is
// called. The package's expressions (some with \p{L} classes, costly to
// compile) took milliseconds at the start of every process, and most
// builds have no diagram to use them; its tables (kindNames, svgAttrs, …)
// are made on first use too, with sync.OnceValue, for the same reason.
func lazyRE(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
