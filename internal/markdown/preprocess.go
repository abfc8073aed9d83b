package markdown

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"folio/internal/diag"
	"folio/internal/source"
)

// TagLook is what .gitbook/tags.yaml says a tag looks like: a colour of
// GitBook's (green, $success…) and an icon's name, "" for none.
type TagLook struct{ Color, Icon string }

// maxIncludeDepth bounds nested {% include %}: past it the tag is reported
// and left out, so a chain of includes cannot blow the page up.
const maxIncludeDepth = 10

// maxIncludes and maxExpanded bound the work one page may ask for: a file
// that includes the same fragment several times at every level would
// otherwise grow exponentially within the depth limit.
const (
	maxIncludes = 200
	maxExpanded = 8 << 20
)

// ParseOptions give Parse what a page needs from the outside world. The
// zero value parses a GitBook page on its own, like Parse.
type ParseOptions struct {
	// Include returns the file named by an `{% include "target" %}` written
	// in the file from (the page's path for the page itself, else a path
	// Include returned earlier): its path, used in diagnostics and as
	// Ref.Base, its normalised text, and what reading it had to say (a
	// file not in UTF-8, converted). nil leaves includes unexpanded.
	Include func(from, target string) (path string, src []byte, ds []diag.Diagnostic, err error)
	// Vars are the book.json variables of a HonKit book. Non-nil turns on
	// HonKit's templating: `{{ book.x }}`, `{% set x = "…" %}`, `{{ x }}`.
	Vars map[string]any
	// Config is book.json as a whole, HonKit's `{{ config.x }}`.
	Config map[string]any
	// Plugins are the HonKit plugins book.json runs (content.Plugins):
	// image-captions changes what an image's title is.
	Plugins []string
	// BookUnread says book.json could not be read (an error reported
	// once): its values are not reported missing at each use.
	BookUnread bool
	// Language is the language folder of a HonKit book of several
	// languages (LANGS.md), HonKit's `{{ book.language }}`.
	Language string
	// Page holds what the build knows of the page in HonKit's `{{ page.x }}`
	// beyond its front matter, which it overrides: "title" (the page's
	// SUMMARY.md label), "level", "depth", "dir", "previous", "next".
	Page map[string]any
	// KeyOrder returns the keys of an object of book.json in the order the
	// file writes them, for {% for key, value in … %}; nil, or a nil
	// result, goes over them sorted.
	KeyOrder func(map[string]any) []string
	// Glossary terms are linked on their first use in the page.
	Glossary *Glossary
	// Defines is the glossary whose definitions the page holds: its
	// terms' headings take the IDs the other pages' links to them name,
	// and when the terms are `# Term` the first is not the page's title.
	Defines *Glossary
	// ThemeID reports whether the theme gives an id to an element of its
	// own (theme.OwnsID): a heading whose ID would be one gets a suffix,
	// as for a duplicate. Nil: none.
	ThemeID func(id string) bool
	// HonKitIDs gives headings the IDs HonKit gives them (links.HonKitSlug)
	// rather than GitBook's: a HonKit book's links name those.
	HonKitIDs bool
	// File is HonKit's `file` of a page: its path in the book.
	File map[string]any
	// ToolVersion is the version of the tool building the book, HonKit's
	// `{{ gitbook.version }}` and `{{ honkit.version }}`.
	ToolVersion string
	// TagLabels maps the tag slugs of `{% update tags="…" %}` to the labels
	// of .gitbook/tags.yaml.
	TagLabels map[string]string
	// TagLooks gives those tags the colour and the icon tags.yaml gives
	// them.
	TagLooks map[string]TagLook
	// TrustHTML keeps scripts, frames, event handlers and styles written
	// in raw HTML; by default they are removed with a warning.
	TrustHTML bool
	// SpaceVars are the space variables of .gitbook/vars.yaml, shown by
	// `<code class="expression">space.vars.name</code>`.
	SpaceVars map[string]string
}

// sourceLine is the file and line a line of the expanded source came
// from, as a page keeps it until it is rendered (Doc.origins).
type sourceLine struct {
	file string // "" for the page itself
	line int
}

// origin is the file and line a line of the expanded source came from,
// and its text, while the page expands.
type origin struct {
	file string // "" for the page itself
	line int
	text string // the line as written, for columns in characters (reportAt)
}

// expander turns a page into the source the Markdown parser sees: includes
// expanded, HonKit templating applied, legacy HonKit comments turned into
// HTML. Lines inside fenced code and `{% raw %}` are left alone. Every output
// line remembers its origin so diagnostics point at the right file.
type expander struct {
	opts  ParseOptions
	out   bytes.Buffer
	lines []sourceLine
	diags []diag.Diagnostic
	sets  map[string]any // HonKit's {% set %}
	// macroDepth counts the macro calls being expanded, one within
	// another (maxMacroDepth); macroCalls all of them (maxMacroCalls).
	macroDepth, macroCalls int
	tabs                   *pluginTabs // an open gitbook-plugin-tabs set
	// imported are the names of each file the page imports, by path,
	// nil while the file is read (macroFile).
	imported map[string]map[string]any
	// noEnd records, for the lines of noEndCtx, from which line on an
	// end tag is known to be missing, by name (endBelow).
	noEnd    map[string]int
	noEndCtx *lineCtx
	// plugin is the end tag of the plugin block written as Markdown that
	// is open (pluginMarkdown), "" when none is.
	plugin string
	// loopSets are the names a {% set %} within a loop set for the loop
	// only: a use after it says so.
	loopSets map[string]bool
	// cols maps the columns of the output lines templating changed, by
	// index, to their line's as written.
	cols map[int]colMap
	// colCells is what is left of the page's budget for aligning changed
	// lines (maxPageColCells).
	colCells int
	legacy   bool
	stack    []string // files being expanded, for cycle detection
	used     map[string]int
	count    int // includes expanded so far
	// printed counts what the page's {{ … }} printed (maxPagePrinted);
	// printCut is set once past it.
	printed  int
	printCut bool
	// made counts the text the page's expressions made (maxPageMade);
	// madeCut is set once past it.
	made    int
	madeCut bool
	// colText, colOff and colVal are the line, byte offset and column of
	// the last report (reportAt).
	colText        string
	colOff, colVal int
	// loopDepth counts the loops running within one another
	// (maxLoopNest); nestCut is set once past it.
	loopDepth int
	nestCut   bool

	// macro is set from a {% macro %}, which folio does not read, to its
	// {% endmacro %}: its body is shown as written, its {{ }} being the
	// macro's arguments, not the book's variables.
	macro bool

	meta []byte // the page's front matter (YAML), for HonKit's {{ page.x }}
	// undefined are the page variable expressions reported as undefined.
	undefined map[string]bool
	book      map[string]any // HonKit's book object, made on first use
	pageMap   map[string]any // and its page object
	config    map[string]any // and its config object

	// imports: the book runs include-codeblock, whose [import](file)
	// lines are code blocks of the files (importCode); codeFiles are those
	// files, which the page shows.
	imports   bool
	codeFiles map[string]bool

	// unknown are the tags folio does not read that a file holds, each
	// told once, at its diagnostic, with a count of the others.
	unknown map[unknownTag]toldTag

	// Where the line being expanded sits, so that expressions in
	// indented code and <pre> blocks stay as written.
	blockLines
	prevQuote bool // the line before starts with >

	// Template syntax that goes on past its line: inside `{### … ###}`, or
	// inside a {% raw %} opened within a line.
	comment, rawSpan bool
	// closers are, for the file being expanded, the last line holding
	// `###}` and the last holding {% endraw %} (0-based, -1 if none), and
	// at the index of the line being expanded.
	closers struct{ comment, raw, at int }

	// What an include within a block quote or list item puts before the
	// lines it writes: pending before the first one, when hasPending,
	// indent before the others.
	indent, pending string
	hasPending      bool

	ctx   *lineCtx // the lines of the file being expanded
	conds []cond   // the {% if %} tags open, outermost first (honkit_flow.go)
	// openIfs are the {% if %} tags that nothing closes: they show all
	// that follows them. reported are those said so.
	openIfs, reported map[condKey]bool
	// carry is the text of a line whose line break a branch not shown
	// took: the next line written starts with it. carryAt is its line.
	carry   string
	carryAt origin
	// carrying is set while a line's text waits to go on the next one
	// (carry may be empty).
	carrying bool
	// trimNext is set when a tag's -%} ended a line: the blanks and line
	// breaks after it go.
	trimNext bool
	// Where the last tag or expression written ended, for {%-, which
	// takes blanks and line breaks up to it: byte keepCol of line keepLine
	// of the output (-1: none), or byte carryBarrier-1 of carry. tail is
	// the number of bytes after it in the line being written (-1: none).
	keepLine, keepCol, carryBarrier, tail int
	// loopsCut is set once loops wrote too much, or went round too
	// often: no loop goes on.
	loopsCut bool
	// loopSteps counts the times loops went round in the page, which
	// maxLoopSteps bounds; expanding a part again does not give them back.
	loopSteps int
	loopWork  int // the bytes of loop bodies read (maxLoopWork)
	// breakLine is the output line that the last line break of a file
	// included within a line started, after its blank lines, where the
	// text after the tag goes on (-1: none); breakSure is set once that
	// text was written there with a -%} after the tag, whose line break
	// the next line takes (takeBreak).
	breakLine int
	breakSure bool
}

// newExpander returns an expander for a page whose front matter is the
// YAML text meta (nil when it has none).
func newExpander(opts ParseOptions, meta []byte) *expander {
	return &expander{opts: opts, sets: map[string]any{}, loopSets: map[string]bool{}, cols: map[int]colMap{}, colCells: maxPageColCells, legacy: opts.Vars != nil, meta: meta, keepLine: -1, tail: -1, breakLine: -1,
		imports: opts.Vars != nil && slices.Contains(opts.Plugins, "include-codeblock")}
}

var (
	// includeRE is an include of a file named in quotes, alone on its
	// line after blanks and the markers of the block quotes and list items
	// it stands in (`> `, `- `, `1. `); a path joined from values
	// ("/parts/" ~ p ~ ".md") is an expression, and a dashed include
	// ({%- … -%}) trims the line breaks beside it, joining the file to the
	// lines around: the line's scan reads both (includeTarget). What
	// follows the name is its fourth group: `ignore missing`, or text that
	// Nunjucks would not read.
	includeRE = regexp.MustCompile(`^((?:[ \t]*(?:>|(?:[-*+]|[0-9]{1,9}[.)])[ \t]))*[ \t]*)\{%\s*include\s+(?:"([^"]*)"|'([^']*)')([^%~+]*[^-%~+])?%\}\s*$`)
	// ignoreMissingRE is what Nunjucks reads after an include's file name
	// to include nothing, without an error, when the file is missing.
	ignoreMissingRE = regexp.MustCompile(`^\s*ignore\s+missing\s*$`)
	secRE           = regexp.MustCompile(`^ {0,3}<!--sec\b(.*?)(ces-->)?\s*$`)
	endsecRE        = regexp.MustCompile(`^ {0,3}<!--\s*endsec\s*-->\s*$`)
	secAttrRE       = regexp.MustCompile(`data-([a-z]+)=(?:"([^"]*)"|'([^']*)'|(\S+))`)
	rawOpenRE       = regexp.MustCompile(`^ {0,3}\{%-?\s*raw\s*-?%\}\s*$`)
	rawCloseRE      = regexp.MustCompile(`^ {0,3}\{%-?\s*endraw\s*-?%\}\s*$`)
	preOpenRE       = regexp.MustCompile(`(?i)^ {0,3}<pre[\s>]`)
	preCloseRE      = regexp.MustCompile(`(?i)</pre>`)
	richRE          = regexp.MustCompile(`^( {0,3})>\s*(?:\*\*|__)([A-Za-z]+)[:.!]?(?:\*\*|__)`)
	listItemRE      = regexp.MustCompile(`^ {0,3}(?:[-*+]|[0-9]{1,9}[.)])(?:\s|$)`)
)

// emit writes a line of output, after the prefix of the block quote or
// list item an include stands in.
func (e *expander) emit(line string, o origin) {
	pre := e.indent
	if e.hasPending {
		pre, e.hasPending = e.pending, false
	}
	e.emitRaw(pre+line, o)
}

// emitRaw writes line as it is. A value with line breaks makes several
// lines, each remembered as coming from o.
func (e *expander) emitRaw(line string, o origin) {
	if e.breakLine >= 0 {
		// The line an include's last line break started is written
		// again, with a -%} after the tag: see takeBreak. Any other
		// line ends that.
		sure := !e.breakSure && e.trimNext && len(e.lines) == e.breakLine
		if !sure {
			e.breakLine = -1
		}
		e.breakSure = sure
	}
	at := -1 // where a tag ends in line
	if e.tail >= 0 {
		at = len(line) - e.tail
	}
	if e.carrying {
		if at >= 0 {
			at += len(e.carry)
		} else if e.carryBarrier > 0 {
			at = e.carryBarrier - 1
		}
		line, e.carry, e.carryBarrier, e.carrying = e.carry+line, "", 0, false
	}
	e.out.WriteString(line)
	e.out.WriteByte('\n')
	if o.text != "" && line != o.text && !strings.Contains(line, "\n") {
		e.cols[len(e.lines)] = colShift(line, o.text, &e.colCells)
	} else {
		delete(e.cols, len(e.lines))
	}
	// Without its text, which only reports need.
	sl := sourceLine{o.file, o.line}
	e.lines = append(e.lines, sl)
	for k := strings.Count(line, "\n"); k > 0; k-- {
		e.lines = append(e.lines, sl)
	}
	if at >= 0 {
		last := strings.LastIndexByte(line, '\n') + 1
		e.keepLine, e.keepCol = len(e.lines)-1, max(at-last, 0)
	}
}

// barrierHere notes that what follows is not text of the line written
// last (an include ended): {%- takes no blank before it.
func (e *expander) barrierHere() {
	e.keepLine, e.keepCol = len(e.lines)-1, len(e.lastLine())
}

// lastLine returns the last line written.
func (e *expander) lastLine() string {
	b := e.out.Bytes()
	if len(b) == 0 {
		return ""
	}
	return string(b[bytes.LastIndexByte(b[:len(b)-1], '\n')+1 : len(b)-1])
}

// unemit takes back the last line written.
func (e *expander) unemit() string {
	b := e.out.Bytes()
	start := bytes.LastIndexByte(b[:len(b)-1], '\n') + 1
	last := string(b[start : len(b)-1])
	e.out.Truncate(start)
	e.lines = e.lines[:len(e.lines)-1]
	delete(e.cols, len(e.lines))
	if e.keepLine >= len(e.lines) {
		// The line taken back held the last tag: whoever takes it keeps
		// that; the lines before it are not to be joined.
		e.barrierHere()
	}
	return last
}

// reportAt reports at column col of the line o, given in bytes (1-based)
// and reported in characters.
func (e *expander) reportAt(o origin, col int, page string, sev diag.Severity, rule, hint, format string, args ...any) {
	if col > 1 {
		// The column in characters: counted on from the last report's
		// when it is on the same line, after it (t44: 100,000 tags on a
		// line counted the line 100,000 times).
		off := col - 1
		if o.text == e.colText && off >= e.colOff && e.colOff > 0 {
			col = e.colVal + utf8.RuneCountInString(o.text[e.colOff:min(off, len(o.text))])
		} else {
			col = source.Col(o.text, off)
		}
		e.colText, e.colOff, e.colVal = o.text, min(off, len(o.text)), col
	}
	p := o.file
	if p == "" {
		p = page
	}
	e.diags = append(e.diags, diag.Diagnostic{Path: p, Line: o.line, Col: col, Severity: sev, Rule: rule,
		Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// expand appends the lines of src (a file called file; "" for the page)
// to the output.
func (e *expander) expand(page, file string, src []byte, depth int) {
	e.expandFrom(page, file, src, depth, 1)
	if depth == 0 && e.carry != "" {
		e.emitRaw("", e.carryAt) // the page ended in a branch not shown
	}
}

// expandFrom is expand for a src whose first line is line first of file.
// An {% if %} it leaves open (HonKit stops on it) is reported, and the
// file is expanded again with that tag showing all that follows it: a
// forgotten {% endif %} must not hide the rest of the page.
func (e *expander) expandFrom(page, file string, src []byte, depth, first int) {
	n := len(e.conds)
	var snap *expandState
	if e.legacy && bytes.Contains(src, []byte("{%")) {
		snap = e.snapshot()
	}
	e.expandLines(page, file, src, depth, first, nil)
	// (Not when whitespace control took back lines written before the
	// file: they cannot be put back.)
	if snap != nil && len(e.conds) > n && len(e.lines) >= snap.lines && e.out.Len() >= snap.out {
		again := false
		for _, c := range e.conds[n:] {
			if k := c.key(); !e.openIfs[k] {
				if e.openIfs == nil {
					e.openIfs = map[condKey]bool{}
				}
				e.openIfs[k], again = true, true
			}
		}
		if again {
			e.restore(snap)
			e.expandLines(page, file, src, depth, first, nil)
		}
	}
	e.closeConds(page, n)
}

// expandState is what expanding a file changes in the expander, kept to
// expand it again.
type expandState struct {
	out, lines, diags, count                 int
	used                                     map[string]int
	sets                                     map[string]any
	conds                                    []cond
	carry, indent, pending                   string
	carryAt                                  origin
	hasPending, loopsCut, trimNext, carrying bool
	keepLine, keepCol, carryBarrier          int
	// What is printed is taken back with the output; what was made is
	// not (the budget bounds the work of both readings), but its cut is
	// told again, as the other diagnostics are (review).
	printed                    int
	printCut, madeCut, nestCut bool
}

func (e *expander) snapshot() *expandState {
	return &expandState{out: e.out.Len(), lines: len(e.lines), diags: len(e.diags), count: e.count,
		used: maps.Clone(e.used), sets: maps.Clone(e.sets), conds: slices.Clone(e.conds),
		carry: e.carry, indent: e.indent, pending: e.pending, carryAt: e.carryAt,
		hasPending: e.hasPending, loopsCut: e.loopsCut, trimNext: e.trimNext, carrying: e.carrying,
		keepLine: e.keepLine, keepCol: e.keepCol, carryBarrier: e.carryBarrier,
		printed: e.printed, printCut: e.printCut, madeCut: e.madeCut, nestCut: e.nestCut}
}

func (e *expander) restore(s *expandState) {
	e.out.Truncate(s.out)
	for i := s.lines; i < len(e.lines); i++ {
		delete(e.cols, i)
	}
	e.lines, e.diags, e.count = e.lines[:s.lines], e.diags[:s.diags], s.count
	e.used, e.sets, e.conds = s.used, s.sets, s.conds
	e.carry, e.indent, e.pending, e.carryAt = s.carry, s.indent, s.pending, s.carryAt
	e.hasPending, e.loopsCut, e.trimNext, e.carrying = s.hasPending, s.loopsCut, s.trimNext, s.carrying
	e.keepLine, e.keepCol, e.carryBarrier = s.keepLine, s.keepCol, s.carryBarrier
	e.printed, e.printCut, e.madeCut, e.nestCut = s.printed, s.printCut, s.madeCut, s.nestCut
	e.breakLine, e.breakSure = -1, false
}

// takeBreak is a line that goes on the line before it, after a -%}: when
// that is the line an included file's last line break started (the tag's
// text after it, nothing), the line goes there, right after the file's
// text, as in Nunjucks, where a -%} trims the page's line break, not the
// file's. A {%- on it takes nothing before it.
func (e *expander) takeBreak() {
	if e.breakSure && e.breakLine == len(e.lines)-1 && !e.carrying && strings.TrimSpace(e.lastLine()) == "" {
		sl := e.lines[e.breakLine]
		e.unemit()
		e.toCarry("", 1, origin{file: sl.file, line: sl.line})
	}
	e.breakLine, e.breakSure = -1, false
}

// region is a part of a file that a loop over lines repeats: from byte
// start of its first line, after text (what the line shows before it,
// its container prefix when raw, its barrier as lineScan's), to byte end
// of its last line, whose text up to there is left in tail (with
// tailRaw, tailBarrier) rather than written: the line goes on after the
// loop's tag.
type region struct {
	start, end      int
	text            string
	raw             bool
	barrier         int
	tail            string
	tailRaw         bool
	tailBarrier     int
	lastLineScanned bool
}

// expandLines expands the lines of src, the first of them line first of
// file; r, when not nil, says which part of them.
func (e *expander) expandLines(page, file string, src []byte, depth, first int, r *region) {
	var f fence
	inRaw := false
	// An included file starts its own blocks; the including one goes on
	// after it where it was.
	saved := [...]bool{e.prevBlank, e.inList, e.inIndented, e.inPre, e.prevQuote, e.comment, e.rawSpan}
	savedClosers, savedCols := e.closers, e.listCols
	defer func() {
		e.prevBlank, e.inList, e.inIndented, e.inPre, e.prevQuote, e.comment, e.rawSpan = saved[0], saved[1], saved[2], saved[3], saved[4], saved[5], saved[6]
		e.closers, e.listCols = savedClosers, savedCols
	}()
	e.listCols = nil
	e.prevBlank, e.inList, e.inIndented, e.inPre, e.prevQuote, e.comment, e.rawSpan = true, false, false, false, false, false, false
	lines := strings.SplitAfter(string(src), "\n")
	if n := len(lines); n > 0 && lines[n-1] == "" {
		lines = lines[:n-1]
	}
	e.closers.comment, e.closers.raw = -1, -1
	if e.legacy && bytes.Contains(src, []byte("###}")) || bytes.Contains(src, []byte("endraw")) {
		for i, l := range lines {
			if strings.Contains(l, "###}") {
				e.closers.comment = i
			}
			if endrawRE.MatchString(l) {
				e.closers.raw = i
			}
		}
	}
	savedCtx := e.ctx
	ctx := &lineCtx{lines: lines, first: first}
	e.ctx = ctx
	defer func() { e.ctx = savedCtx }()
	// lineFrom expands line i from byte at, after text.
	lineFrom := func(i, at int, text string, raw bool, barrier int, joinNext bool) {
		line := strings.TrimSuffix(lines[i], "\n")
		s := &lineScan{e: e, page: page, file: file, line: line, o: origin{file, first + i, line}, depth: depth, spans: true, joins: true, joinNext: joinNext}
		s.b.WriteString(text)
		s.taken, s.barrier = raw, barrier
		if r == nil || i < len(lines)-1 {
			s.finish(at)
			return
		}
		// The region's last line: its text up to the region's end goes on
		// after the loop's tag.
		if e.trimNext {
			// A -%} took the line breaks up to here, and takes the blanks
			// up to the tag.
			for at < r.end && (line[at] == ' ' || line[at] == '\t') {
				at++
			}
			e.trimNext = false
		}
		s.run(at, r.end)
		r.tail, r.tailRaw, r.tailBarrier, r.lastLineScanned = s.b.String(), s.taken, s.barrier, true
	}
	for i := 0; i < len(lines) || ctx.resume != nil; i++ {
		if res := ctx.resume; res != nil {
			// A {% for %} within a line repeated the lines up to its
			// {% endfor %}: the line of that tag goes on after it.
			ctx.resume, i, ctx.i = nil, res.line, res.line
			e.closers.at = i
			lineFrom(i, res.at, res.prefix, res.raw, len(res.prefix)+1, res.joinNext)
			e.prevBlank, e.inIndented = false, false
			continue
		}
		if r != nil && r.lastLineScanned {
			break
		}
		ctx.i = i
		line := strings.TrimSuffix(lines[i], "\n")
		o := origin{file, first + i, line}
		e.closers.at = i
		if r != nil && (i == 0 || i == len(lines)-1) {
			if i == 0 {
				lineFrom(0, r.start, r.text, r.raw, r.barrier, false)
				e.prevBlank = false // the body starts within a line
			} else {
				lineFrom(i, 0, "", false, 0, false)
			}
			continue
		}
		if e.trimNext {
			// A tag's -%} took the line break before this line, and takes
			// its blanks: a blank line goes, another goes on the line of
			// the tag (but a fence still opens its code block).
			if strings.TrimSpace(line) == "" {
				continue
			}
			e.trimNext = false
			e.takeBreak()
			if e.active() && !e.comment && !e.rawSpan && !inRaw && f.ch == 0 && fenceOf(line).ch == 0 {
				// Text that goes on a line: it opens no block.
				e.prevBlank, e.inIndented = false, false
				e.scanFrom(page, file, line, o, depth, len(line)-len(strings.TrimLeft(line, " \t")), false)
				continue
			}
		}
		if !e.active() && !e.comment && !e.rawSpan {
			// A branch not taken: only its control tags count, and the
			// text after one that shows it again.
			s := &lineScan{e: e, page: page, file: file, line: line, o: o, depth: depth, spans: true, joins: true}
			if k := s.skipHidden(0, len(line)); e.active() {
				e.scanFrom(page, file, line, o, depth, k, s.joinNext)
			}
			continue
		}
		if e.comment || e.rawSpan {
			e.scan(page, file, line, o, depth, true)
			continue
		}
		if !inRaw && f.ch != 0 && f.ends(line) {
			f.ch = 0 // its block quote or list item ended
		}
		if g := fenceOf(line); g.ch != 0 && !inRaw {
			switch {
			case f.ch == 0:
				f = g
				f.list = f.list || e.inList && f.indent >= 2
			case g.ch == f.ch && g.n >= f.n && strings.TrimSpace(g.info) == "":
				f.ch = 0
			}
			e.emit(line, o)
			continue
		}
		if f.ch != 0 {
			if e.legacy && (f.quotes > 0 || f.list) && strings.Contains(line, "{") {
				e.scanCode(page, line, o)
				continue
			}
			e.emit(line, o)
			continue
		}
		if inRaw {
			inRaw = !rawCloseRE.MatchString(line)
			e.emit(line, o)
			continue
		}
		kind := e.inCode(line)
		if kind == codeNone {
			e.trackList(line)
		}
		if kind == codeNone && e.imports && (strings.Contains(line, "[import") || strings.Contains(line, "[include")) {
			// include-codeblock's [import](file): a code block of the file
			// (t93: a link named "import").
			if m := codeImportRE.FindStringSubmatch(line); m != nil && e.importCode(page, cmp.Or(file, page), m, o) {
				continue
			}
		}
		if kind == codeIndented {
			e.emit(line, o)
			continue
		}
		pre := kind == codePre
		if e.legacy && !pre {
			e.richquote(line, o)
		}
		if !pre {
			line = e.text(page, line, o)
		}
		if !strings.Contains(line, "{") && !strings.Contains(line, "<!--") {
			e.emit(line, o)
			continue
		}
		switch {
		case pre:
		case rawOpenRE.MatchString(line):
			inRaw = true
			e.emit(line, o)
			continue
		case e.opts.Include != nil && includeRE.MatchString(line):
			m := includeRE.FindStringSubmatchIndex(line)
			optional := e.includeRest(page, line, m[8], m[9], o)
			e.barrierHere()
			e.includeBlock(page, file, line[max(m[4], 0):max(m[5], 0)]+line[max(m[6], 0):max(m[7], 0)], line[m[2]:m[3]], o, depth, optional)
			e.barrierHere()
			continue
		}
		if m := secRE.FindStringSubmatch(line); m != nil && !pre {
			attrs := m[1]
			if m[2] == "" && i+1 < len(lines) && strings.Contains(lines[i+1], "ces-->") {
				// The comment goes on on the next line: the line is consumed
				// here and replaced by an empty one.
				next := strings.TrimSuffix(lines[i+1], "\n")
				attrs += " " + next[:strings.Index(next, "ces-->")]
				lines[i+1] = ""
			}
			e.openSection(attrs, o)
			continue
		}
		if !pre && endsecRE.MatchString(line) {
			e.emit("", o)
			e.emit("</details>", o)
			e.emit("", o)
			continue
		}
		e.scan(page, file, line, o, depth, !pre)
	}
}

// fence is a fenced code block being followed: its character (0 when
// none is open), the length of its opening run, where it stands.
type fence struct {
	ch     byte
	n      int
	quotes int    // block quote markers before it
	indent int    // its indentation inside them
	list   bool   // it stands in a list item
	info   string // the text after the run
}

// fenceOf reads a line as the opening or closing line of a fenced code
// block, after the block quote markers and list item marker before it
// (ch is 0 when it is neither).
func fenceOf(line string) fence {
	var f fence
	var rest string
	f.quotes, rest = quoted(line)
	f.indent = indent(rest)
	rest = strings.TrimLeft(rest, " \t")
	if m := listItemRE.FindString(rest); m != "" && len(rest) > len(m) {
		// The item's content, the code, starts after the marker.
		f.list = true
		after := strings.TrimLeft(rest[len(m):], " \t")
		f.indent += len(rest) - len(after)
		rest = after
	}
	n := fenceRun(rest)
	if n < 3 || rest[0] == '`' && strings.Contains(rest[n:], "`") {
		return fence{}
	}
	f.ch, f.n, f.info = rest[0], n, rest[n:]
	return f
}

// FenceRun is the run of backticks or tildes with which line, after any
// quote or list markers, opens or closes a fenced code block; "" for
// another line.
func FenceRun(line string) string {
	f := fenceOf(line)
	return strings.Repeat(string(f.ch), f.n)
}

// ends reports whether line lies outside the block quote or list item the
// fence f stands in, which closes the fence.
func (f fence) ends(line string) bool {
	quotes, rest := quoted(line)
	if quotes < f.quotes {
		return true
	}
	return f.list && strings.TrimSpace(rest) != "" && indent(rest) < f.indent && !listItemRE.MatchString(strings.TrimLeft(rest, " \t"))
}

// quoted returns the number of block quote markers line starts with and
// the text after them.
func quoted(line string) (int, string) {
	n := 0
	for {
		t := strings.TrimLeft(line, " ")
		if len(line)-len(t) > 3 || !strings.HasPrefix(t, ">") {
			return n, line
		}
		n++
		line = strings.TrimPrefix(t[1:], " ")
	}
}

// unknownTag is a tag folio does not read, in a file.
type unknownTag struct{ file, name string }

// toldTag is where an unknown tag was told (an index in expander.diags),
// and how many more times the file holds it.
type toldTag struct{ at, more int }

// What inCode finds a line to be.
const (
	codeNone = iota
	codeIndented
	codePre
)

// blockLines follows the blocks of a page line by line, outside fenced
// code, for what must tell code from text before goldmark parses the
// page: HonKit's templating, and the checks of loose lines.
type blockLines struct {
	prevBlank, inList, inIndented, inPre bool
	listCols                             []int // see trackList
	// quote is how many block quotes the last line stood in, and
	// quoteCols the list items inside them (trackCols): a quote is a
	// context of its own, whose lists are not the page's (t94).
	quote     int
	quoteCols []int
}

// inCode follows the blocks of the page line by line and reports whether
// line belongs to an indented code block, which shows its text as written,
// or a <pre> HTML block, which HonKit templates but where code spans mean
// nothing. An indented line inside a list is a continuation of the item,
// not code, unless it stands four blanks past the item's text: a list
// item's later paragraphs count as much as its first. A line that is
// neither goes to trackList next.
func (e *blockLines) inCode(line string) int {
	// A block quote's content is read as the page is (t92: its indented
	// code was rewritten), with the lists it holds (t94).
	q, line := quoted(line)
	if q != e.quote {
		e.quote, e.quoteCols = q, nil
	}
	cols := e.listCols
	if q > 0 {
		cols = e.quoteCols
		defer func() {
			if !e.inIndented && !e.inPre {
				e.quoteCols = trackCols(e.quoteCols, line)
			}
		}()
	}
	blank := strings.TrimSpace(line) == ""
	prevBlank := e.prevBlank
	e.prevBlank = blank
	if e.inPre {
		e.inPre = !preCloseRE.MatchString(line)
		return codePre
	}
	if blank {
		if e.inIndented {
			return codeIndented
		}
		return codeNone
	}
	if indent(line) >= 4 {
		// Code starts after a blank line and goes on, at four blanks past
		// the text of the item the line is in; a line less indented is
		// the item's paragraph (t92: taken for code after a command).
		code := indent(line) >= colOf(cols, indent(line))+4
		e.inIndented = code && (prevBlank || e.inIndented)
		if e.inIndented {
			return codeIndented
		}
		return codeNone
	}
	e.inIndented = false
	e.inList = listItemRE.MatchString(line)
	if preOpenRE.MatchString(line) {
		e.inPre = !preCloseRE.MatchString(line)
		return codePre
	}
	return codeNone
}

// itemCol is the content column of the innermost list item a line
// indented width blanks continues, 0 outside lists.
func (e *blockLines) itemCol(width int) int { return colOf(e.listCols, width) }

// colOf is the content column of the innermost list item of cols a line
// indented width blanks continues, 0 outside lists.
func colOf(cols []int, width int) int {
	col := 0
	for _, c := range cols {
		if c <= width {
			col = max(col, c)
		}
	}
	return col
}

// richQuotes are the labels HonKit's richquotes plugin styles.
var richQuotes = map[string]bool{"note": true, "info": true, "tip": true, "hint": true, "warning": true,
	"caution": true, "danger": true, "important": true, "success": true, "error": true}

// richquote marks a block quote whose first line starts with a bold label
// (`> **Note** …`, HonKit's richquotes plugin) with a comment line the tree
// transformer turns into the quote's class.
func (e *expander) richquote(line string, o origin) {
	quote := strings.HasPrefix(strings.TrimLeft(line, " "), ">")
	first := quote && !e.prevQuote
	e.prevQuote = quote
	if !first {
		return
	}
	if m := richRE.FindStringSubmatch(line); m != nil && richQuotes[strings.ToLower(m[2])] {
		e.emit(m[1]+"<!--folio:richquote "+strings.ToLower(m[2])+"-->", o)
	}
}

// indent returns the width of the leading blanks of line, tabs to 4.
func indent(line string) int {
	n := 0
	for _, c := range line {
		switch c {
		case ' ':
			n++
		case '\t':
			n += 4 - n%4
		default:
			return n
		}
	}
	return n
}

// text replaces space variable expressions in a line of text. Emoji
// shortcodes are left to the parser, which sees text apart from code,
// URLs and HTML (emoji.go).
func (e *expander) text(page, line string, o origin) string {
	if strings.Contains(line, "expression") {
		line = e.expressions(page, line, o)
	}
	return line
}

// openSection writes HonKit's `<!--sec data-title=… ces-->` as the start of
// a <details> block whose body is Markdown.
func (e *expander) openSection(attrs string, o origin) {
	vals := map[string]string{}
	for _, m := range secAttrRE.FindAllStringSubmatch(attrs, -1) {
		vals[m[1]] = m[2] + m[3] + m[4]
	}
	open := vals["collapse"] != "true" || vals["show"] == "true"
	tag := `<details class="section"`
	if id := vals["id"]; id != "" {
		tag += ` id="` + html.EscapeString(id) + `"`
	}
	if open {
		tag += " open"
	}
	title := vals["title"]
	if title == "" {
		title = "Section"
	}
	e.emit("", o)
	e.emit(tag+">", o)
	e.emit("", o)
	e.emit("<summary>"+html.EscapeString(title)+"</summary>", o)
	e.emit("", o)
}

// includeRest reads what follows an include's file name in line, from
// byte from to to (-1 when nothing does): it reports whether it is
// `ignore missing`, and warns of other text, which Nunjucks would not
// read and folio leaves out.
func (e *expander) includeRest(page, line string, from, to int, o origin) bool {
	if from < 0 || strings.TrimSpace(line[from:to]) == "" {
		return false
	}
	if ignoreMissingRE.MatchString(line[from:to]) {
		return true
	}
	at := from + len(line[from:to]) - len(strings.TrimLeft(line[from:to], " \t"))
	e.reportAt(o, at+1, page, diag.Warning, "template-syntax", `write {% include "file.md" %}, or {% include "file.md" ignore missing %}`,
		"the text after the included file's name (%s) is left out: an include takes no arguments", strings.TrimSpace(line[from:to]))
	return false
}

// includeAt expands the file target names, included from the file from.
// An inline include (within a line of text) puts the file's text where
// the tag stands: it writes no blank lines around it, and leaves out those
// the file starts with. The blank lines it ends with stay, with its last
// line break, as Nunjucks pastes them: the text after the tag starts the
// line after them (HonKit 6.1.7: `Version {% include "v.txt" %} is out.`,
// v.txt `5.0.1` then a blank line, is two paragraphs, and the line after
// such a tag that ends its line does not go on in the file's last
// paragraph). A file ending with one line break, as most do, loses it:
// the text after the tag goes on on the file's last line, which reads
// the same within a paragraph.
// col is the byte (1-based) of the tag's line where its diagnostics
// point. An optional file (ignore missing) that is missing is left out
// without a word.
func (e *expander) includeAt(page, from, target string, o origin, col, depth int, inline, optional bool) {
	if depth >= maxIncludeDepth {
		e.reportAt(o, col, page, diag.Error, "include-depth", "", "includes nested more than %d deep; %q is left out", maxIncludeDepth, target)
		return
	}
	if e.count >= maxIncludes || e.out.Len() > maxExpanded {
		e.reportAt(o, col, page, diag.Error, "include-limit", "", "the page includes too much (%d files or %d MB); %q is left out", maxIncludes, maxExpanded>>20, target)
		return
	}
	e.count++
	fromPath := from
	if fromPath == "" {
		fromPath = page
	}
	p, src, ds, err := e.opts.Include(fromPath, target)
	e.diags = append(e.diags, ds...)
	if err != nil && optional && errors.Is(err, fs.ErrNotExist) {
		return
	}
	if err != nil {
		e.reportAt(o, col, page, diag.Error, "include-missing", "", "cannot include %q: %v", target, err)
		return
	}
	if p == page || containsStr(e.stack, p) {
		chain := append(append([]string{page}, e.stack...), p)
		e.reportAt(o, col, page, diag.Error, "include-cycle", "", "include cycle %s: the last include is left out", strings.Join(chain, " → "))
		return
	}
	if e.used == nil {
		e.used = map[string]int{}
	}
	e.used[p]++
	if _, n, ok := splitFrontMatterFor(src, e.opts.HonKitIDs); ok {
		src = blankLines(src, n)
	}
	e.stack = append(e.stack, p)
	// As in Nunjucks, the included file sees the page's variables, and
	// what it sets stays its own (t43: a {% set %} in it leaked into the
	// page).
	outer := maps.Clone(e.sets)
	defer func() { e.sets = outer }()
	if inline {
		first := 1
		for len(src) > 0 && strings.TrimSpace(string(src[:bytes.IndexByte(append(src, '\n'), '\n')])) == "" {
			_, src, _ = bytes.Cut(src, []byte("\n"))
			first++
		}
		text := bytes.TrimRight(src, " \t\n")
		if len(text) > 0 {
			e.expandFrom(page, p, text, depth+1, first)
			last := first + bytes.Count(text, []byte("\n"))
			if breaks := bytes.Count(src[len(text):], []byte("\n")); breaks > 1 {
				for k := 1; k <= breaks; k++ {
					e.emit("", origin{file: p, line: last + k})
				}
				e.breakLine, e.breakSure = len(e.lines)-1, false
			}
		}
	} else if e.hasPending && opensItem(e.pending) {
		// On the marker line of a list item, which the file's first line
		// starts: an item that starts with a blank line cannot interrupt
		// a paragraph, and ends at a second one (a file's front matter).
		// A blank line after the file keeps a line of text after the tag
		// from running on in its last paragraph. Before the next item,
		// it would make the list loose: so it does in HonKit, where the
		// file's last line break and the tag's line's make one.
		first := 1
		for len(src) > 0 && strings.TrimSpace(string(src[:bytes.IndexByte(append(src, '\n'), '\n')])) == "" {
			_, src, _ = bytes.Cut(src, []byte("\n"))
			first++
		}
		nextLine := ""
		if c := e.ctx; c != nil && c.i+1 < len(c.lines) {
			nextLine = c.lines[c.i+1]
		}
		if len(src) > 0 {
			e.expandFrom(page, p, src, depth+1, first)
		}
		if _, rest := quoted(nextLine); e.legacy || e.hasPending || strings.TrimSpace(rest) != "" && !listItemRE.MatchString(strings.TrimLeft(rest, " \t")) {
			e.emit("", o)
		}
	} else if e.legacy {
		// HonKit pastes the file's text in place of the tag: its lines
		// continue a paragraph or a table before it. The file's last line
		// break and the tag line's own make a blank line, which ends that
		// paragraph: the line after starts another (t43; HonKit 6.1.7).
		e.expand(page, p, src, depth+1)
		if bytes.HasSuffix(src, []byte("\n")) {
			e.emit("", o)
		}
	} else {
		// GitBook's includes are blocks of reusable content: blank lines
		// around the included text keep it from merging with a paragraph
		// before or after it.
		e.emit("", o)
		e.expand(page, p, src, depth+1)
		e.emit("", o)
	}
	e.stack = e.stack[:len(e.stack)-1]
}

// includeBlock expands an include alone on its line after lead: blanks,
// and the markers of the block quotes and list items the tag stands in.
// After blanks alone, the included lines start where the content of the
// list item that the tag's line continues starts (at the margin outside
// a list), as if written there: at the margin, they would end the list,
// and at the tag's own indentation, four blanks outside a list would make
// them code. After markers, they are the content of those containers:
// the first line written after the markers, the others after the quote
// markers and, for a list item, indented to its content column.
func (e *expander) includeBlock(page, from, target, lead string, o origin, depth int, optional bool) {
	prefix := e.blockPrefix(lead)
	first := e.indent
	if e.hasPending {
		first = e.pending
	}
	savedIndent, savedPending, savedHas := e.indent, e.pending, e.hasPending
	e.indent += continuation(prefix)
	e.pending, e.hasPending = first+prefix, true
	mark := len(e.lines)
	e.includeAt(page, from, target, o, len(lead)+1, depth, false, optional)
	if len(e.lines) == mark && strings.TrimSpace(lead) != "" {
		// Nothing was written (an error): the quote or item stays.
		e.emit("", o)
	}
	e.indent, e.pending = savedIndent, savedPending
	if len(e.lines) == mark {
		e.hasPending = savedHas
	}
}

// opensItem reports whether prefix, the container markers before a
// block, ends with a list item's marker: the block starts that item.
func opensItem(prefix string) bool {
	if !containerRE.MatchString(prefix) {
		return false
	}
	t := strings.TrimRight(prefix, " \t")
	k := strings.LastIndexAny(t, " \t>") + 1
	return k < len(t) && listItemRE.MatchString(t[k:])
}

func containsStr(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// fenceRun returns the length of the run of backticks or tildes s starts with.
func fenceRun(s string) int {
	if s == "" || s[0] != '`' && s[0] != '~' {
		return 0
	}
	n := 0
	for n < len(s) && s[n] == s[0] {
		n++
	}
	return n
}

// needsExpansion reports whether src holds anything the expander changes,
// so ordinary pages skip it.
func needsExpansion(src []byte, opts ParseOptions) bool {
	// The commonest first: most GitBook pages hold a {% block %}. What a
	// HonKit page has to expand (tags, expressions, comments, a richquote's
	// `> **Note**`) holds a brace, or a quote marker and bold.
	return bytes.Contains(src, []byte("{%")) ||
		opts.Vars != nil && (bytes.IndexByte(src, '{') >= 0 ||
			bytes.IndexByte(src, '>') >= 0 && (bytes.Contains(src, []byte("**")) || bytes.Contains(src, []byte("__")))) ||
		bytes.Contains(src, []byte(`class="expression"`)) || bytes.Contains(src, []byte("<!--sec")) || bytes.Contains(src, []byte("<!--endsec")) ||
		(bytes.Contains(src, []byte("[import")) || bytes.Contains(src, []byte("[include"))) && opts.Vars != nil && slices.Contains(opts.Plugins, "include-codeblock")
}

// colMap maps the columns (in characters) of a line that templating
// changed to those of the line as written: before the first change and
// after the last they move by what the changes added; between two
// changes, the text left as written (runs) keeps its characters, and a
// column inside a change goes to the change's start.
type colMap struct {
	pre, suf   int // characters the lines share at their start and end
	outN, srcN int // their lengths in characters
	// runs are the stretches of text between the first change and the
	// last that the two lines share, in order.
	runs []colRun
}

// colRun is a stretch of n characters at out in the changed line and at
// src in the line as written (0-based).
type colRun struct{ out, src, n int }

// minColRun is the shortest shared stretch between two changes that
// counts as text left as written: a shorter one (a space between two
// values) may as well be a letter inside a change.
const minColRun = 4

// maxColCells bounds the work of aligning the middles of the two lines
// (their lengths multiplied): a longer line maps as one change.
const maxColCells = 1 << 20

// maxPageColCells bounds that work over a page: every line templating
// changed is aligned, whether a diagnostic asks for its columns or not,
// and a page of long templated lines would otherwise take seconds and
// gigabytes (1,000 lines of 1,000 characters: 6 s, 3.9 GB allocated).
// Past it, a line maps as one change, as it did before alignment.
const maxPageColCells = 1 << 22

func colShift(out, src string, budget *int) colMap {
	pre := 0
	for pre < len(out) && pre < len(src) && out[pre] == src[pre] {
		pre++
	}
	for pre > 0 && pre < len(out) && !utf8.RuneStart(out[pre]) {
		pre-- // not inside a character
	}
	suf := 0
	for suf < len(out)-pre && suf < len(src)-pre && out[len(out)-1-suf] == src[len(src)-1-suf] {
		suf++
	}
	for suf > 0 && !utf8.RuneStart(out[len(out)-suf]) {
		suf--
	}
	m := colMap{pre: utf8.RuneCountInString(out[:pre]), suf: utf8.RuneCountInString(out[len(out)-suf:]),
		outN: utf8.RuneCountInString(out), srcN: utf8.RuneCountInString(src)}
	m.runs = sharedRuns([]rune(out[pre:len(out)-suf]), []rune(src[pre:len(src)-suf]), m.pre, budget)
	return m
}

// sharedRuns aligns a and b, the middles of the two lines (from
// character off on), by their longest common subsequence, and returns
// the stretches of at least minColRun characters that it pairs.
func sharedRuns(a, b []rune, off int, budget *int) []colRun {
	cells := len(a) * len(b)
	if len(a) < minColRun || len(b) < minColRun || cells > maxColCells || cells > *budget {
		return nil
	}
	*budget -= cells
	w := len(b) + 1
	// lcs[i*w+j] is the length of the longest common subsequence of
	// a[i:] and b[j:].
	lcs := make([]int32, (len(a)+1)*w)
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			switch {
			case a[i] == b[j]:
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
				lcs[i*w+j] = lcs[(i+1)*w+j]
			default:
				lcs[i*w+j] = lcs[i*w+j+1]
			}
		}
	}
	var runs []colRun
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] == b[j]: // a match is always part of a longest one
			n := 0
			for i+n < len(a) && j+n < len(b) && a[i+n] == b[j+n] {
				n++
			}
			if n >= minColRun {
				runs = append(runs, colRun{out: off + i, src: off + j, n: n})
			}
			i, j = i+n, j+n
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return runs
}

// col maps the 1-based column c of the changed line.
func (m colMap) col(c int) int {
	switch {
	case c-1 < m.pre:
		return c
	case c-1 >= m.outN-m.suf:
		return m.srcN - (m.outN - c)
	}
	start := m.pre // where the change holding c starts in the line as written
	for _, r := range m.runs {
		switch {
		case c-1 < r.out:
			return start + 1
		case c-1 < r.out+r.n:
			return r.src + (c - 1 - r.out) + 1
		}
		start = r.src + r.n
	}
	return start + 1
}
