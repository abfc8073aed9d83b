package search

import "unicode/utf8"

// nextWord returns the bounds of the first word of s at or after i, where
// fold is the Analysis's map of letters to fold (nil for none). Analysing
// each word alone must give the terms of the whole text (FuzzWords), so a
// word ends only where Tokens, reading the folded text, cannot join what
// comes before and after: at a character that is no word character, that
// folding does not change, and that is neither a connector nor a comma
// between two words (2,048; a comma between letters costs nothing, since
// Tokens cuts it). The signs of C++ and C#, and what follows them, stay
// in the word: whether Tokens keeps a sign depends on the folded text
// after it. A word may hold more than one token. start is -1 when there
// is none.
func nextWord(s string, i int, fold map[rune]string) (start, end int) {
	start = -1
	inWord := func(r rune) bool {
		if r < utf8.RuneSelf {
			return isWord(r)
		}
		_, folds := fold[r]
		return folds || isWord(r) || isIdeo(r) // ㌰ is a symbol of the Katakana script
	}
	prev := false // the last character was a word character
	for i < len(s) {
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(s[i:])
		}
		word := inWord(r)
		joins := false // a sign, or a connector or comma between two words
		if !word && start >= 0 {
			switch {
			case r == '+' || r == '#':
				joins = true
			case prev && i+w < len(s) && (isConnector(r) || r == ','):
				next, _ := utf8.DecodeRuneInString(s[i+w:])
				joins = inWord(next)
			}
		}
		switch {
		case word && start < 0:
			start = i
		case !word && !joins && start >= 0:
			return start, i
		}
		prev = word
		i += w
	}
	return start, len(s)
}
