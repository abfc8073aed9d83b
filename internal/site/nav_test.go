package site

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"folio/internal/testkit"
	"folio/internal/theme"
)

// navText writes a language's sidebar as text, an entry a line indented
// by its depth, then its reading order, and checks that its entries are
// numbered in order and that each page's trail leads to its entry.
func navText(t *testing.T, l *lang) string {
	t.Helper()
	var b strings.Builder
	id := 0
	trails := map[*page][]int{} // the trail of each page's first entry
	var walk func(items []*theme.NavItem, depth int, trail []int)
	walk = func(items []*theme.NavItem, depth int, trail []int) {
		for _, it := range items {
			id++
			if it.ID != id {
				t.Errorf("entry %q has ID %d, want %d", it.Title, it.ID, id)
			}
			tr := append(append([]int(nil), trail...), it.ID)
			fmt.Fprintf(&b, "%s- %s", strings.Repeat("  ", depth), it.Title)
			if !it.Label {
				b.WriteString(" → " + it.URL)
			}
			for _, f := range []struct {
				on   bool
				name string
			}{{it.Label, "label"}, {it.External, "external"}, {it.Hidden, "hidden"}, {it.Lang != "", "lang=" + it.Lang}} {
				if f.on {
					b.WriteString(" (" + f.name + ")")
				}
			}
			b.WriteString("\n")
			if pg := l.navPage(it); pg != nil && !strings.Contains(it.URL, "#") && trails[pg] == nil {
				trails[pg] = tr
			}
			walk(it.Children, depth+1, tr)
		}
	}
	for _, p := range l.nav {
		b.WriteString(strings.TrimSpace("## " + p.Title))
		if p.Lang != "" {
			b.WriteString(" (lang=" + p.Lang + ")")
		}
		b.WriteString("\n")
		walk(p.Items, 0, nil)
	}
	for pg, tr := range trails {
		if got := l.trails[pg]; fmt.Sprint(got) != fmt.Sprint(tr) {
			t.Errorf("trail of %s = %v, want %v", pg.url, got, tr)
		}
	}
	if len(l.trails) != len(trails) {
		t.Errorf("%d trails for %d pages in the sidebar", len(l.trails), len(trails))
	}
	b.WriteString("order:")
	for _, pg := range l.pages {
		if pg.order >= 0 {
			b.WriteString(" /" + pg.url)
		}
	}
	b.WriteString("\n")
	return b.String()
}

// prepared loads and prepares the site made of files as a build does,
// up to the navigation.
func prepared(t *testing.T, files map[string]string) *site {
	t.Helper()
	s, err := load(context.Background(), Options{Dir: testkit.Site(t, files)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.close)
	if err := s.prepare(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

const fallbackYAML = "title: T\nlanguages:\n  - code: en\n    name: English\n    dir: en\n    default: true\n  - code: fr\n    name: Français\n    dir: fr\n    fallback: true\n"

// TestFallbackNav: a language with fallback copies keeps the groups,
// titles, labels, external links and order of its own SUMMARY.md, and
// each page of the default language's sidebar that it lacks comes beside
// its nearest sibling there, under its parent, or in its group; a group
// none of whose pages the language has comes whole, after the group of
// the group before it. The reading order follows the sidebar, and a
// second build of the sidebar (the live preview's) gives the same.
func TestFallbackNav(t *testing.T) {
	cases := []struct {
		name  string
		fr    []string // the French pages, besides README.md
		files map[string]string
		root  bool // the default language at the site root
		want  string
		// missing lists the targets reported as summary-missing.
		missing []string
	}{{
		// The tester's book: same structure, one page untranslated,
		// hidden; its group, labels and external link are French.
		name: "same structure",
		fr:   []string{"start.md", "guides.md"},
		files: map[string]string{
			"en/SUMMARY.md":  "# S\n\n* [Welcome](README.md)\n\n## Getting started\n\n* [Quickstart](start.md)\n* [Guides](guides.md)\n  * [Internal](internal.md)\n* Extras\n\n## Reference\n\n* [Status page](https://status.example)\n",
			"en/internal.md": "---\nhidden: true\n---\n# Internal notes\n",
			"fr/SUMMARY.md":  "# S\n\n* [Bienvenue](README.md)\n\n## Premiers pas\n\n* [Démarrage](start.md)\n* [Guides](guides.md)\n* En plus\n\n## Référence\n\n* [Page de statut](https://status.example)\n",
		},
		want: `##
- Bienvenue → fr/
## Premiers pas
- Démarrage → fr/start/
- Guides → fr/guides/
  - Internal → fr/internal/ (hidden) (lang=en)
- En plus (label)
## Référence
- Page de statut → https://status.example (external)
order: /fr/ /fr/start/ /fr/guides/ /fr/internal/
`,
	}, {
		// French orders, nests and groups otherwise: an untranslated
		// page follows its nearest English sibling wherever French puts
		// it, or precedes the next one, or goes under its parent; an
		// English group without a French page comes whole, in English,
		// after the group where French put the group before it.
		name: "other structure",
		fr:   []string{"a.md", "c.md", "g1.md"},
		files: map[string]string{
			"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n\n## Start\n\n* [A](a.md)\n* [B](b.md)\n* [C](c.md)\n  * [C1](c1.md)\n  * [C2](c2.md)\n\n## Guides\n\n* [G0](g0.md)\n* [G1](g1.md)\n* [G2](g2.md)\n  * [G2a](g2a.md)\n\n## Advanced\n\n* [X](x.md)\n  * [X1](x1.md)\n* [Y](y.md)\n\n## Reference\n\n* [R](r.md)\n* [R2](r.md#two)\n",
			"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n\n## Démarrer\n\n* [C fr](c.md)\n* [A fr](a.md)\n* Note\n\n## Référence\n\n* [R fr](r.md)\n  * [G1 fr](g1.md)\n",
			"fr/r.md":       "# fr r\n\n## Deux {#two}\n",
		},
		want: `##
- Accueil → fr/
## Démarrer
- C fr → fr/c/
  - C1 → fr/c1/ (lang=en)
  - C2 → fr/c2/ (lang=en)
- A fr → fr/a/
- B → fr/b/ (lang=en)
- Note (label)
## Référence
- R fr → fr/r/
  - G0 → fr/g0/ (lang=en)
  - G1 fr → fr/g1/
  - G2 → fr/g2/ (lang=en)
    - G2a → fr/g2a/ (lang=en)
## Advanced (lang=en)
- X → fr/x/ (lang=en)
  - X1 → fr/x1/ (lang=en)
- Y → fr/y/ (lang=en)
order: /fr/ /fr/c/ /fr/c1/ /fr/c2/ /fr/a/ /fr/b/ /fr/r/ /fr/g0/ /fr/g1/ /fr/g2/ /fr/g2a/ /fr/x/ /fr/x1/ /fr/y/
`,
	}, {
		// An untranslated page whose parent has an entry in French goes
		// under it, even when French lists its sibling elsewhere.
		name: "parent first",
		fr:   []string{"a.md"},
		files: map[string]string{
			"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n  * [B](b.md)\n    * [C](c.md)\n    * [A](a.md)\n  * [X](x.md)\n",
			"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n  * [A fr](a.md)\n",
		},
		want: `##
- Accueil → fr/
  - A fr → fr/a/
  - B → fr/b/ (lang=en)
    - C → fr/c/ (lang=en)
  - X → fr/x/ (lang=en)
order: /fr/ /fr/a/ /fr/b/ /fr/c/ /fr/x/
`,
	}, {
		// A translated page that French's SUMMARY.md leaves out has its
		// English place, with its French title; under an English label
		// French lacks, a page goes where its label's group goes.
		name: "unlisted translation",
		fr:   []string{"a.md"},
		files: map[string]string{
			"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n* Topics\n  * [T](t.md)\n",
			"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n\n## Groupe\n\n* [A fr](a.md)\n",
			"fr/a.md":       "# fr a\n\nVoir [t](t.md).\n",
			"fr/t.md":       "# fr t\n",
		},
		want: `##
- Accueil → fr/
- fr t → fr/t/
## Groupe
- A fr → fr/a/
order: /fr/ /fr/t/ /fr/a/
`,
	}, {
		// Without a SUMMARY.md of its own, the language's pages come
		// first, and the copies where English has them.
		name: "no French summary",
		fr:   []string{"a.md"},
		files: map[string]string{
			"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n* [B](b.md)\n",
		},
		want: `##
- fr README → fr/
- fr a → fr/a/
- B → fr/b/ (lang=en)
order: /fr/ /fr/a/ /fr/b/
`,
	}, {
		// With the default language at the site root, its home page is
		// at the empty URL: a French SUMMARY.md without it still gets it.
		name: "home at the root",
		fr:   []string{"a.md"},
		root: true,
		files: map[string]string{
			"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n* [B](b.md)\n",
			"fr/SUMMARY.md": "# S\n\n* [A fr](a.md)\n",
		},
		want: `##
- fr README → fr/
- A fr → fr/a/
- B → fr/b/ (lang=en)
order: /fr/ /fr/a/ /fr/b/
`,
	}, {
		// A French entry for a page only English has stands for its
		// copy, under its French title, once; one for a page neither
		// has is reported and shows its title alone.
		name: "listed, untranslated",
		fr:   []string{"a.md"},
		files: map[string]string{
			"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n* [B](b.md)\n",
			"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n* [B fr](b.md)\n* [A fr](a.md)\n* [Z fr](z.md)\n",
		},
		want: `##
- Accueil → fr/
- B fr → fr/b/
- A fr → fr/a/
- Z fr (label)
order: /fr/ /fr/b/ /fr/a/
`,
		missing: []string{"z.md"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			yaml := fallbackYAML
			if c.root {
				yaml = "default_at_root: true\n" + yaml
			}
			files := map[string]string{"site.yaml": yaml, "fr/README.md": "# fr README\n"}
			for _, p := range []string{"README.md", "a.md", "b.md", "c.md", "c1.md", "c2.md", "start.md", "guides.md",
				"internal.md", "g0.md", "g1.md", "g2.md", "g2a.md", "x.md", "x1.md", "y.md", "r.md", "t.md"} {
				files["en/"+p] = "# en " + strings.TrimSuffix(p, ".md") + "\n"
			}
			for _, p := range c.fr {
				files["fr/"+p] = "# fr " + strings.TrimSuffix(p, ".md") + "\n"
			}
			for p, v := range c.files {
				files[p] = v
			}
			s := prepared(t, files)
			fr := s.langs[1]
			got := navText(t, fr)
			if d := cmp.Diff(c.want, got); d != "" {
				t.Errorf("French sidebar (-want +got):\n%s", d)
			}
			var missing []string
			for _, d := range s.diags.Sorted() {
				if d.Rule == "summary-missing" {
					missing = append(missing, d.Msg[strings.LastIndex(d.Msg, " ")+1:])
				}
			}
			if d := cmp.Diff(c.missing, missing); d != "" {
				t.Errorf("summary-missing targets (-want +got):\n%s", d)
			}
			fr.nav = nil
			fr.buildNav()
			if d := cmp.Diff(got, navText(t, fr)); d != "" {
				t.Errorf("built again, the French sidebar differs (-first +again):\n%s", d)
			}
		})
	}
}

// TestEmptyPart: a group of SUMMARY.md with no entries ("## Empty group"
// followed by the next group) has no part in the sidebar, rather than its
// title over an empty list; an untitled group before it and the groups
// after it keep theirs.
func TestEmptyPart(t *testing.T) {
	s := prepared(t, map[string]string{
		"SUMMARY.md":   "# Summary\n\n* [Home](README.md)\n\n## Empty group\n\n## Tools\n\n* [C++](tools/cpp.md)\n\n## Also empty\n",
		"README.md":    "# Home\n",
		"tools/cpp.md": "# C++\n",
	})
	want := `##
- Home → 
## Tools
- C++ → tools/cpp/
order: / /tools/cpp/
`
	if d := cmp.Diff(want, navText(t, s.langs[0])); d != "" {
		t.Errorf("sidebar (-want +got):\n%s", d)
	}
}

// TestSpaceLinkEntry: an entry linking to another GitBook space is linked
// as written in the sidebar, where it was a label leading nowhere (t46).
func TestSpaceLinkEntry(t *testing.T) {
	s := prepared(t, map[string]string{
		"SUMMARY.md": "# Summary\n\n* [Home](README.md)\n* [Other](https://app.gitbook.com/s/AbC123/intro)\n",
		"README.md":  "# Home\n",
	})
	want := `##
- Home → 
- Other → https://app.gitbook.com/s/AbC123/intro (external)
order: /
`
	if d := cmp.Diff(want, navText(t, s.langs[0])); d != "" {
		t.Errorf("sidebar (-want +got):\n%s", d)
	}
}
