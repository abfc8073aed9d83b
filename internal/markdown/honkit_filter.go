package markdown

import (
	"strings"

	"folio/internal/diag"
)

var endfilterRE = blockTagRE("endfilter")

// filterBlock reads {% filter name(args) %}…{% endfilter %} (its {% at
// at, its inside between from and to, its text from next on): the text
// up to the {% endfilter %}, on its line or a later one, is expanded and
// written through the filter, as Nunjucks does (t51: an unknown block).
// It returns as macro does.
func (s *lineScan) filterBlock(at, from, to, next, end int) (after int, ok bool) {
	inside := s.line[from:to]
	start := from + strings.Index(inside, "filter") + len("filter")
	for start < to && (s.line[start] == ' ' || s.line[start] == '\t') {
		start++
	}
	if strings.TrimSpace(s.line[start:to]) == "" {
		return 0, false
	}
	write := func(text string) {
		body := &lineScan{e: s.e, page: s.page, file: s.file, line: text, o: s.o, depth: s.depth, nested: true}
		body.run(0, len(text))
		// The text is a value, __f, piped to the filter written where it
		// is in the line, so that the filter's diagnostics have its
		// column: "{% filter " is longer than "__f | ".
		const name, pipe = "__f", "__f | "
		old, had := s.e.sets[name]
		s.e.sets[name] = body.b.String()
		src := strings.Repeat(" ", start-len(pipe)) + pipe + s.line[start:to]
		p := &exprParser{e: s.e, page: s.page, o: s.o, src: src, pos: start - len(pipe), end: len(src), start: at}
		v := p.parse()
		if had {
			s.e.sets[name] = old
		} else {
			delete(s.e.sets, name)
		}
		if p.err != nil {
			s.e.reportAt(s.o, at+1, s.page, diag.Warning, "template-syntax", "",
				"cannot apply {%% filter %s %%}: %s; its text is shown unfiltered", strings.TrimSpace(s.line[start:to]), p.err.msg)
			s.b.WriteString(body.b.String())
			return
		}
		s.b.WriteString(s.print(p, v))
	}
	text, _, goOn, st := s.blockBody(endfilterRE, "endfilter", next, end)
	switch st {
	case spanNone:
		return 0, false
	case spanUnclosed:
		s.unclosed(at, "filter", "its text is shown unfiltered")
		return next, true // told: the tag goes
	}
	write(text)
	return goOn(), true
}
