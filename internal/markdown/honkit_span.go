package markdown

import (
	"regexp"
	"strings"
)

// Block tags whose text runs to an end tag, on their line or a later
// one: macros, filter blocks.

// spanState says what textBelow found.
type spanState int

const (
	spanFound    spanState = iota
	spanNone               // no text over lines here: within a line of a loop, or a nested text
	spanUnclosed           // no end tag on the lines below
)

// blockBody reads the text of a block tag that ends at next, up to its
// end tag re (named name) on its line, before end, or on a later line:
// the text, the end tag as written, and goOn, which makes the page go on
// after the end tag and returns where the line goes on (after the end
// tag, or end when the page goes on at a later line). st is textBelow's;
// text and goOn are set for spanFound only.
func (s *lineScan) blockBody(re *regexp.Regexp, name string, next, end int) (text, endTag string, goOn func() int, st spanState) {
	if loc := s.endOnLine(re, name, next, end); loc != nil {
		return s.line[next : next+loc[0]], s.line[next+loc[0] : next+loc[1]], func() int { return next + loc[1] }, spanFound
	}
	text, endTag, k, endNext, st := s.textBelow(re, name, next)
	return text, endTag, func() int { s.goOnAt(k, endNext); return end }, st
}

// textBelow reads the text of a block tag that ends at next and whose end
// tag, re (named name), is on a later line of the file: the text, line
// breaks included, the end tag as written, and where it is, line k, its
// end at endNext.
func (s *lineScan) textBelow(re *regexp.Regexp, name string, next int) (text, endTag string, k, endNext int, st spanState) {
	e, ctx := s.e, s.e.ctx
	if ctx == nil || s.nested || ctx.i >= len(ctx.lines) || strings.TrimSuffix(ctx.lines[ctx.i], "\n") != s.line {
		return "", "", 0, 0, spanNone
	}
	k, endAt, endNext := e.endBelow(re, name, ctx)
	if endAt < 0 {
		return "", "", 0, 0, spanUnclosed
	}
	var b strings.Builder
	b.WriteString(s.line[next:] + "\n")
	for j := ctx.i + 1; j < k; j++ {
		b.WriteString(ctx.lines[j])
	}
	last := strings.TrimSuffix(ctx.lines[k], "\n")
	b.WriteString(last[:endAt])
	return b.String(), last[endAt:endNext], k, endNext, spanFound
}

// goOnAt makes the page go on at line k, byte at, after what the line
// has written so far: the rest of this line was taken by a text over
// lines.
func (s *lineScan) goOnAt(k, at int) {
	s.e.ctx.resume = &resume{line: k, at: at, prefix: s.b.String(), raw: s.taken}
	s.done = true
}

// endOnLine finds the end tag re (named name) in the line's text from
// next to end, nil when there is none. Whether the line holds the name
// at all after next is known once per line: a line of many tags that
// no end closes is read once, not once a tag (TestHonKitNestingBounded).
func (s *lineScan) endOnLine(re *regexp.Regexp, name string, next, end int) []int {
	if s.lastEnd == nil {
		s.lastEnd = map[string]int{}
	}
	last, ok := s.lastEnd[name]
	if !ok {
		last = strings.LastIndex(s.line[:end], name)
		s.lastEnd[name] = last
	}
	if last < next {
		return nil
	}
	return re.FindStringIndex(s.line[next:end])
}

// endBelow finds the end tag re (named name) on the lines of ctx after
// its current one: the line k it is on, where it starts and ends there,
// or -1 for endAt. A search that found none is not made again from
// there on, as the lines below do not change.
func (e *expander) endBelow(re *regexp.Regexp, name string, ctx *lineCtx) (k, endAt, endNext int) {
	if from, ok := e.noEnd[name]; ok && from <= ctx.i+1 && e.noEndCtx == ctx {
		return len(ctx.lines), -1, 0
	}
	for k = ctx.i + 1; k < len(ctx.lines); k++ {
		if loc := re.FindStringIndex(ctx.lines[k]); loc != nil {
			return k, loc[0], loc[1]
		}
	}
	if e.noEndCtx != ctx {
		e.noEnd, e.noEndCtx = map[string]int{}, ctx
	}
	e.noEnd[name] = ctx.i + 1
	return k, -1, 0
}
