package site

import (
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"testing"

	"folio/internal/testkit"
)

// TestFeedAtom: a page's updates feed has what Atom requires, an author
// and a link for each entry, with or without a base URL, and its own
// address with one (t85: the feed did not validate).
func TestFeedAtom(t *testing.T) {
	dir := testkit.Site(t, map[string]string{
		"site.yaml":  "title: Acme docs\n",
		"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [News](news.md)\n",
		"README.md":  "# Home\n",
		"news.md": "# News\n\n{% updates format=\"full\" %}\n{% update date=\"2026-03-02\" %}\n## Redirects\n\nForwarding pages.\n{% endupdate %}\n" +
			"{% update date=\"2026-02-16\" %}\n## First release\n\nHello.\n{% endupdate %}\n{% endupdates %}\n",
	})
	type link struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	}
	type feed struct {
		Author  string `xml:"author>name"`
		Links   []link `xml:"link"`
		Entries []struct {
			ID    string `xml:"id"`
			Links []link `xml:"link"`
		} `xml:"entry"`
	}
	for _, c := range []struct {
		base       string
		feedLinks  []link
		entryLinks []string
	}{
		{"", []link{{"alternate", "./"}}, []string{"./#update-2026-03-02", "./#update-2026-02-16"}},
		{"https://example.org/docs/", []link{{"alternate", "https://example.org/docs/news/"}, {"self", "https://example.org/docs/news/updates.xml"}},
			[]string{"https://example.org/docs/news/#update-2026-03-02", "https://example.org/docs/news/#update-2026-02-16"}},
	} {
		out := filepath.Join(t.TempDir(), "public")
		if _, err := Build(context.Background(), Options{Dir: dir, Out: out, BaseURL: c.base}); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out, "news", "updates.xml"))
		if err != nil {
			t.Fatal(err)
		}
		var f feed
		if err := xml.Unmarshal(b, &f); err != nil {
			t.Fatalf("base %q: %v\n%s", c.base, err, b)
		}
		if f.Author != "Acme docs" {
			t.Errorf("base %q: author %q, want the site's title", c.base, f.Author)
		}
		if len(f.Links) != len(c.feedLinks) {
			t.Errorf("base %q: feed links %v, want %v", c.base, f.Links, c.feedLinks)
		} else {
			for i, l := range f.Links {
				if l != c.feedLinks[i] {
					t.Errorf("base %q: feed link %v, want %v", c.base, l, c.feedLinks[i])
				}
			}
		}
		if len(f.Entries) != len(c.entryLinks) {
			t.Fatalf("base %q: %d entries, want %d\n%s", c.base, len(f.Entries), len(c.entryLinks), b)
		}
		for i, e := range f.Entries {
			if len(e.Links) != 1 || e.Links[0] != (link{"alternate", c.entryLinks[i]}) {
				t.Errorf("base %q: entry %s links %v, want one to %s", c.base, e.ID, e.Links, c.entryLinks[i])
			}
		}
	}
}
