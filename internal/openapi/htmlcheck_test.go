package openapi

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// voidElements have no end tag.
var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true,
}

// checkHTML reports what is wrong with a rendered block: a tag closed out
// of order or never, an element the HTML parser would move or close on its
// own (a <div> inside a <p>, an <li> outside a list), an id used twice or
// not starting with prefix, or a fragment link (href="#…", aria-controls,
// aria-labelledby) to an id the block lacks. prefixes lists the starts an
// id may have; none checks nothing.
func checkHTML(b []byte, prefixes ...string) error {
	z := html.NewTokenizer(bytes.NewReader(b))
	var stack []string
	ids := map[string]bool{}
	var refs []string
	starts := 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				return z.Err()
			}
			if len(stack) > 0 {
				return fmt.Errorf("unclosed elements: %v", stack)
			}
			return checkTree(b, starts, ids, refs)
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			starts++
			for _, a := range tok.Attr {
				switch a.Key {
				case "id":
					if ids[a.Val] {
						return fmt.Errorf("id %q used twice", a.Val)
					}
					if a.Val == "" {
						return fmt.Errorf("empty id on <%s>", tok.Data)
					}
					if len(prefixes) > 0 && !hasAnyPrefix(a.Val, prefixes) {
						return fmt.Errorf("id %q does not start with %q", a.Val, prefixes)
					}
					ids[a.Val] = true
				case "href":
					if target, ok := strings.CutPrefix(a.Val, "#"); ok {
						refs = append(refs, target)
					}
				case "aria-controls", "aria-labelledby":
					refs = append(refs, strings.Fields(a.Val)...)
				}
			}
			if tt == html.StartTagToken && !voidElements[tok.Data] {
				stack = append(stack, tok.Data)
			}
		case html.EndTagToken:
			tok := z.Token()
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				return fmt.Errorf("</%s> closes %v", tok.Data, stack)
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// checkTree parses the block as the browser would, inside a <div>, and
// fails when the parser made a different number of elements than the
// block has start tags: it closed, opened or dropped one on its own.
func checkTree(b []byte, starts int, ids map[string]bool, refs []string) error {
	ctx := &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div}
	nodes, err := html.ParseFragment(bytes.NewReader(b), ctx)
	if err != nil {
		return err
	}
	n := 0
	var count func(*html.Node)
	count = func(x *html.Node) {
		if x.Type == html.ElementNode {
			n++
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			count(c)
		}
	}
	for _, x := range nodes {
		count(x)
	}
	if n != starts {
		return fmt.Errorf("the HTML parser builds %d elements from %d start tags: an element is misplaced", n, starts)
	}
	for _, r := range refs {
		if !ids[r] {
			return fmt.Errorf("link to #%s, which the block lacks", r)
		}
	}
	return nil
}
