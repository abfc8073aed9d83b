// Package nesting finds Markdown whose lists and block quotes nest too
// deep to parse: goldmark's time grows with the square of the nesting, so
// pages and SUMMARY.md are looked through first, in one pass.
package nesting

import "bytes"

// TooDeep finds the first line whose indentation or container markers
// (quote markers, and list markers, which may open several lists on one
// line: "- - - x", "1. 1. x", "> - > - x") nest deeper than limit levels,
// in one pass.
func TooDeep(src []byte, limit int) (line int, deep bool) {
	for n, i := 1, 0; i < len(src); n++ {
		cols, markers := 0, 0
	prefix:
		for i < len(src) {
			switch c := src[i]; {
			case c == ' ':
				cols++
			case c == '\t':
				cols += 4
			case c == '>':
				markers++
			case c == '-' || c == '*' || c == '+':
				if !markerEnd(src, i+1) {
					break prefix
				}
				markers++
				i++ // the space after it is the marker's, not indentation
			case c >= '0' && c <= '9':
				j := i
				for j < len(src) && j-i < 9 && src[j] >= '0' && src[j] <= '9' {
					j++
				}
				if j == len(src) || (src[j] != '.' && src[j] != ')') || !markerEnd(src, j+1) {
					break prefix
				}
				markers++
				i = j + 1
			default:
				break prefix
			}
			i++
		}
		// A nested list item is indented by 2 to 4 columns per level.
		if cols > 4*limit || markers > limit {
			return n, true
		}
		if j := bytes.IndexByte(src[i:], '\n'); j >= 0 {
			i += j + 1
		} else {
			i = len(src)
		}
	}
	return 0, false
}

// markerEnd reports whether a list marker ending before src[i] is one: a
// space or a tab follows it.
func markerEnd(src []byte, i int) bool {
	return i < len(src) && (src[i] == ' ' || src[i] == '\t')
}
