package search

import "unicode/utf8"

// nextWord returns the bounds of the first word of s at or after i: a run
// of word characters with the connectors that join two of them. Analysing
// each word alone gives the terms of the whole text, since tokens never
// cross a word's ends. start is -1 when there is none.
func nextWord(s string, i int) (start, end int) {
	start = -1
	prevWord := false
	for i < len(s) {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		word := isWord(r)
		if !word && isConnector(r) && prevWord && i+w < len(s) {
			next, _ := utf8.DecodeRuneInString(s[i+w:])
			word = isWord(next)
		}
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			if c := s[start] | 0x20; i == start+1 && c >= 'a' && c <= 'z' {
				return start, i + signs(s[i:]) // C++, C#: Tokens keeps the sign
			}
			return start, i
		}
		prevWord = word && !isConnector(r)
		i += w
	}
	return start, len(s)
}
