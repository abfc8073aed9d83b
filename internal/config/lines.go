package config

import (
	"regexp"
	"strconv"
	"strings"

	"folio/internal/source"
)

// lineIndex finds the lines of keys in block-style YAML, which yaml.v2 does
// not report once decoding succeeded. It is a best effort: flow style
// ({a: b}) gives 0, a diagnostic for the whole file.
type lineIndex struct {
	keys []lineKey // one per line of the file
	// cols is each line's first column (source.FirstCol), 0 for blank.
	cols []int
	// subs maps a top-level key to the lines of the keys under it, made
	// once per key: a .gitbook.yaml of 20,000 redirects looked each one up
	// from the block's start (t48: 2.5 s).
	subs map[string]map[string]int
}

type lineKey struct {
	indent int    // -1 for blank and comment lines
	dash   bool   // the line starts a list item
	key    string // "" when the line holds no key
	hasKey bool   // the line holds a key, "" included
}

var (
	prefixRe = regexp.MustCompile(`^(\s*)(-(?:\s+|$))?`)
	keyRe    = regexp.MustCompile(`^("[^"]*"|'[^']*'|[^\s:#'"][^:#]*?)\s*:(?:\s|$)`)
)

func newLineIndex(text []byte) *lineIndex {
	x := &lineIndex{}
	for _, l := range strings.Split(string(text), "\n") {
		x.cols = append(x.cols, source.FirstCol([]byte(l), 1))
		t := strings.TrimSpace(l)
		if t == "" || strings.HasPrefix(t, "#") {
			x.keys = append(x.keys, lineKey{indent: -1})
			continue
		}
		m := prefixRe.FindStringSubmatch(l)
		k := lineKey{indent: len(m[1]), dash: m[2] != ""}
		if km := keyRe.FindStringSubmatch(l[len(m[0]):]); km != nil {
			k.key, k.hasKey = km[1], true
			if u, err := strconv.Unquote(k.key); err == nil {
				k.key = u
			} else if len(k.key) >= 2 && k.key[0] == '\'' {
				k.key = strings.ReplaceAll(k.key[1:len(k.key)-1], "''", "'")
			}
		}
		x.keys = append(x.keys, k)
	}
	return x
}

// top returns the 1-based line of a top-level key, 0 if absent.
// TopKeyLine returns the line of the YAML text where its top-level key
// is written, bare or quoted; 0 when it is not.
func TopKeyLine(text []byte, key string) int { return newLineIndex(text).top(key) }

func (x *lineIndex) top(key string) int {
	if i := x.topIndex(key); i >= 0 {
		return i + 1
	}
	return 0
}

func (x *lineIndex) topIndex(key string) int {
	for i, k := range x.keys {
		if k.indent == 0 && !k.dash && k.key == key {
			return i
		}
	}
	return -1
}

// block returns the line indexes [start, end) nested under a top-level key.
func (x *lineIndex) block(key string) (int, int) {
	i := x.topIndex(key)
	if i < 0 {
		return 0, 0
	}
	end := i + 1
	for ; end < len(x.keys); end++ {
		if k := x.keys[end]; k.indent == 0 && !k.dash {
			break
		}
	}
	return i + 1, end
}

// under returns the line of sub in the mapping under a top-level key,
// falling back to the key's own line.
func (x *lineIndex) under(key, sub string) int {
	lines, ok := x.subs[key]
	if !ok {
		lines = map[string]int{}
		start, end := x.block(key)
		for i := start; i < end; i++ {
			if k := x.keys[i]; k.hasKey && lines[k.key] == 0 {
				lines[k.key] = i + 1
			}
		}
		if x.subs == nil {
			x.subs = map[string]map[string]int{}
		}
		x.subs[key] = lines
	}
	if l, ok := lines[sub]; ok {
		return l
	}
	return x.top(key)
}

// col returns the first column of a 1-based line, 0 for none.
func (x *lineIndex) col(line int) int {
	if line < 1 || line > len(x.cols) {
		return 0
	}
	return x.cols[line-1]
}

// item returns the line of sub in the n-th list item under a top-level key,
// falling back to the item's first line, then to the key's line.
func (x *lineIndex) item(key string, n int, sub string) int {
	start, end := x.block(key)
	indent := -1
	var items []int
	for i := start; i < end; i++ {
		k := x.keys[i]
		if !k.dash {
			continue
		}
		if indent < 0 {
			indent = k.indent
		}
		if k.indent == indent {
			items = append(items, i)
		}
	}
	if n >= len(items) {
		return x.top(key)
	}
	stop := end
	if n+1 < len(items) {
		stop = items[n+1]
	}
	for i := items[n]; i < stop; i++ {
		if x.keys[i].key == sub {
			return i + 1
		}
	}
	return items[n] + 1
}
