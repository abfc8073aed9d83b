package review

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"folio/internal/testkit"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/*.txtar")

// note is the removal note of the golden files.
func note(rm Removal) []byte {
	return fmt.Appendf(nil, "<div class=\"review-removed\" data-section=%q>%s</div>", rm.Section, rm.HTML)
}

// TestGolden diffs old.html and new.html of each testdata/*.txtar: want.html
// is the new version marked, with each removal in a note, and want.txt the
// counts and sections.
func TestGolden(t *testing.T) {
	testkit.EachCase(t, "testdata/*.txtar", func(t *testing.T, file string, ar *txtar.Archive) {
		old, _ := testkit.Section(ar, "old.html")
		new, _ := testkit.Section(ar, "new.html")
		r := Diff(old, new)
		// A txtar section ends with a newline.
		spliced := string(r.Splice(note))
		if !strings.HasSuffix(spliced, "\n") {
			spliced += "\n"
		}
		got := map[string]string{"want.html": spliced, "want.txt": summary(r)}
		if *update {
			for name, data := range got {
				testkit.SetSection(ar, name, []byte(data))
			}
			if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
				t.Fatal(err)
			}
		} else {
			for _, name := range []string{"want.html", "want.txt"} {
				want, _ := testkit.Section(ar, name)
				if d := cmp.Diff(string(want), got[name]); d != "" {
					t.Errorf("%s (-want +got):\n%s", name, d)
				}
			}
		}
		checkInvariants(t, old, new, r)
	})
}

func summary(r *Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "inserted %d, changed %d, removed %d\n", r.Inserted, r.Changed, r.Removed)
	fmt.Fprintf(&b, "sections %q\n", r.Sections)
	for _, rm := range r.Removals {
		fmt.Fprintf(&b, "removal of %d in %q\n", rm.Blocks, rm.Section)
	}
	return b.String()
}

// checkInvariants checks what holds for any pair of pages: a page has no
// changes from itself; the marks alter nothing else in the new version;
// the counts add up; removals are in page order, between tags.
func checkInvariants(t *testing.T, old, new []byte, r *Result) {
	t.Helper()
	if same := Diff(new, new); !same.Unchanged() || !bytes.Equal(same.HTML, new) || len(same.Sections) != 0 {
		t.Errorf("a page differs from itself: %+v", same)
	}
	if got, want := unmark(t, r.HTML), unmark(t, new); got != want {
		t.Errorf("the marks change the page:\n%s\nwant\n%s", got, want)
	}
	ob, nb := blocks(old, parse(old)), blocks(new, parse(new))
	kept := len(nb) - r.Inserted - r.Changed
	if kept < 0 || len(ob)-r.Removed-r.Changed != kept {
		t.Errorf("counts do not add up: %d old blocks, %d new, %+v", len(ob), len(nb), r)
	}
	if !slices.IsSortedFunc(r.Removals, func(a, b Removal) int { return a.Offset - b.Offset }) {
		t.Error("removals out of order")
	}
	sum := 0
	for _, rm := range r.Removals {
		sum += rm.Blocks
		if rm.Offset > 0 && rm.Offset < len(r.HTML) && r.HTML[rm.Offset-1] != '>' && r.HTML[rm.Offset] != '<' {
			t.Errorf("removal at %d, inside a text: %q", rm.Offset, r.HTML[max(rm.Offset-20, 0):rm.Offset])
		}
	}
	if sum != r.Removed {
		t.Errorf("removals hold %d blocks, Removed is %d", sum, r.Removed)
	}
}

// unmark parses page, takes the review marks out of it and renders it.
func unmark(t *testing.T, page []byte) string {
	t.Helper()
	nodes, err := html.ParseFragment(bytes.NewReader(page), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	var clean func(n *html.Node)
	clean = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			clean(c)
			c = next
		}
		if n.Type != html.ElementNode {
			return
		}
		review, opened := false, false
		n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool {
			review = review || a.Key == "data-review"
			opened = opened || a.Key == "data-review" && a.Val == "open"
			return a.Key == "data-review"
		})
		if opened { // an expandable block the marks opened
			n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool { return a.Key == "open" })
		}
		if !review {
			return
		}
		for i, a := range n.Attr {
			if a.Key == "class" {
				classes := slices.DeleteFunc(strings.Fields(a.Val), func(c string) bool { return strings.HasPrefix(c, "review-") })
				n.Attr[i].Val = strings.Join(classes, " ")
				if len(classes) == 0 {
					n.Attr = slices.Delete(n.Attr, i, i+1)
				}
				break
			}
		}
		if n.Data == "span" && len(n.Attr) == 0 && n.Parent != nil { // a marked text
			for c := n.FirstChild; c != nil; {
				next := c.NextSibling
				n.RemoveChild(c)
				n.Parent.InsertBefore(c, n)
				c = next
			}
			n.Parent.RemoveChild(n)
		}
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	clean(body)
	for n := body.FirstChild; n != nil; n = n.NextSibling {
		if err := html.Render(&b, n); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}
