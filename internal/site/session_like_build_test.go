package site

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"folio/internal/testkit"
)

// TestSessionLikeBuild: after an edit, what a session serves is what a
// fresh build of the edited site publishes, file for file, whether the
// session updated in place or built anew (t58's missed edits).
func TestSessionLikeBuild(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		edit  map[string]string // file → new text
		link  [2]string         // a symbolic link, name → target, made before the first build
	}{{
		// Pages beside hidden ones, and pages sharing a neighbour, link to
		// the nearest visible page: all of them show its new title.
		name: "hidden neighbours",
		files: map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Intro](intro.md)\n* [Reference](ref/README.md)\n  * [API](ref/api.md)\n  * [CLI](ref/cli.md)\n* [Extra](extra.md)\n",
			"README.md":  "# Home\n", "intro.md": "# Intro\n\nText.\n",
			"ref/README.md": "---\nhidden: true\n---\n# Reference\n\nText.\n", "ref/api.md": "# API\n\nText.\n", "ref/cli.md": "# CLI\n\nText.\n",
			"extra.md": "# Extra\n\nText.\n",
		},
		edit: map[string]string{"extra.md": "# Extra renamed\n\nText.\n"},
	}, {
		// The French pages beside a fallback copy show its new title.
		name: "fallback neighbours",
		files: map[string]string{
			"site.yaml":     "title: Docs\nlanguages:\n  - {code: en, name: English, dir: en, default: true}\n  - {code: fr, name: Français, dir: fr, fallback: true}\n",
			"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n* [B](b.md)\n* [C](c.md)\n",
			"en/README.md":  "# Home\n", "en/a.md": "# A\n\nText.\n", "en/b.md": "# Page B\n\nText.\n", "en/c.md": "# C\n\nText.\n",
			"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n* [A](a.md)\n* [B](b.md)\n* [C](c.md)\n",
			"fr/README.md":  "# Accueil\n", "fr/a.md": "# A\n\nTexte.\n", "fr/c.md": "# C\n\nTexte.\n",
		},
		edit: map[string]string{"en/b.md": "# Page B renamed\n\nText.\n"},
	}, {
		// A French link to a heading of the English page, through its
		// fallback copy, follows the heading's new id (t60).
		name: "fallback anchors",
		files: map[string]string{
			"site.yaml":     "title: Docs\nlanguages:\n  - {code: en, name: English, dir: en, default: true}\n  - {code: fr, name: Français, dir: fr, fallback: true}\n",
			"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n* [B](b.md)\n",
			"en/README.md":  "# Home\n", "en/a.md": "# A\n\nText.\n", "en/b.md": "# B\n\n## What's new\n\nText.\n",
			"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n* [A](a.md)\n* [B](b.md)\n",
			"fr/README.md":  "# Accueil\n", "fr/a.md": "# A\n\nVoir [B](b.md#whats-new).\n",
		},
		edit: map[string]string{"en/b.md": "# B\n\n## What is new\n\nText.\n"},
	}, {
		// A sidebar entry without text that leads to a page of another
		// section shows its new title (t69: the old one, in place).
		name: "section entry title",
		files: map[string]string{
			"docs.yaml": "site:\n  structure:\n    - type: section\n      key: docs\n      default: true\n      children:\n        - {type: space, key: d, content: {directory: docs, language: en}}\n" +
				"    - type: section\n      key: guides\n      path: guides\n      children:\n        - {type: space, key: g, content: {directory: guides, language: en}}\n",
			"docs/SUMMARY.md":   "# S\n\n* [Home](README.md)\n* [](../guides/a.md)\n",
			"docs/README.md":    "# Home\n",
			"guides/SUMMARY.md": "# S\n\n* [Guides](README.md)\n* [A](a.md)\n",
			"guides/README.md":  "# Guides\n", "guides/a.md": "# Old title\n\nText.\n",
		},
		edit: map[string]string{"guides/a.md": "# New title\n\nText.\n"},
	}, {
		// A HonKit book's pages are titled by SUMMARY.md, its site by the
		// home page's heading, in every page's header.
		name: "honkit home heading",
		files: map[string]string{
			"book.json":  "{}\n",
			"SUMMARY.md": "# Summary\n\n* [Introduction](README.md)\n* [A](a.md)\n",
			"README.md":  "# Tutorial\n\nText.\n", "a.md": "# A\n\nText.\n",
		},
		edit: map[string]string{"README.md": "# Tutorial renamed\n\nText.\n"},
	}, {
		// A page published under a symbolic link's name shows its
		// target's new text.
		name: "symbolic link",
		files: map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Real](real.md)\n* [Alias](alias.md)\n",
			"README.md":  "# Home\n", "real.md": "# Real\n\nOld text.\n",
		},
		link: [2]string{"alias.md", "real.md"},
		edit: map[string]string{"real.md": "# Real\n\nNew text.\n"},
	}, {
		// SUMMARY.md relabelled in place: the print page keeps the pages'
		// descriptions.
		name: "summary relabel",
		files: map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
			"README.md":  "# Home\n", "a.md": "---\ndescription: About A.\n---\n# A\n\nText.\n",
		},
		edit: map[string]string{"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A relabelled](a.md)\n"},
	}, {
		// noIndex leaves the page out of the search index.
		name: "noIndex",
		files: map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
			"README.md":  "# Home\n", "a.md": "# A\n\nSearchable words.\n",
		},
		edit: map[string]string{"a.md": "---\nnoIndex: true\n---\n# A\n\nSearchable words.\n"},
	}, {
		// A README's title becomes an HTML <h1>: the site's name, the
		// print section and the page drop the title they printed.
		name: "html title",
		files: map[string]string{
			"README.md": "# Home\n\nText.\n", "a.md": "# A\n\nText.\n",
		},
		edit: map[string]string{"README.md": "<h1 align=\"center\">Acme</h1>\n\nText.\n"},
	}, {
		// An empty English page gets its text: its French copy is
		// titled by it, as it was by its SUMMARY.md label (t60 F2).
		name: "fallback empty page",
		files: map[string]string{
			"site.yaml":     "title: Docs\nlanguages:\n  - {code: en, name: English, dir: en, default: true}\n  - {code: fr, name: Français, dir: fr, fallback: true}\n",
			"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Group](group.md)\n  * [Child](group/child.md)\n",
			"en/README.md":  "# Home\n", "en/group.md": "",
			"en/group/child.md": "# Child\n\nText.\n",
			"fr/SUMMARY.md":     "# S\n\n* [Accueil](README.md)\n",
			"fr/README.md":      "# Accueil\n",
		},
		edit: map[string]string{"en/group.md": "# Group of pages\n\nText.\n"},
	}, {
		// A French page that the French SUMMARY.md does not list, placed
		// in the sidebar by the English one, is emptied: every sidebar,
		// its parent's cards, the print page and the search index name
		// it anew (t60 F3).
		name: "unlisted translation emptied",
		files: map[string]string{
			"site.yaml":     "title: Docs\nlanguages:\n  - {code: en, name: English, dir: en, default: true}\n  - {code: fr, name: Français, dir: fr, fallback: true}\n",
			"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Group](group.md)\n  * [Child](group/child.md)\n",
			"en/README.md":  "# Home\n", "en/group.md": "",
			"en/group/child.md": "# Child\n\nText.\n",
			"fr/SUMMARY.md":     "# S\n\n* [Accueil](README.md)\n",
			"fr/README.md":      "# Accueil\n", "fr/group.md": "",
			"fr/group/child.md": "# Enfant titré\n\nTexte.\n",
		},
		edit: map[string]string{"fr/group/child.md": ""},
	}, {
		// A page its SUMMARY.md label titles, relabelled: the card of
		// another page, the print page and the search index name it anew
		// (t86: the old label stayed).
		name: "summary relabel titles",
		files: map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Alpha](alpha.md)\n* [Beta](beta.md)\n",
			"README.md":  "# Home\n", "alpha.md": "Text only.\n",
			"beta.md": "# Beta\n\n{% content-ref url=\"alpha.md\" %}\n[alpha.md](alpha.md)\n{% endcontent-ref %}\n",
		},
		edit: map[string]string{"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Alpha Two](alpha.md)\n* [Beta](beta.md)\n"},
	}, {
		// A redirect's forwarding page names its page's new title (t86).
		name: "redirect title",
		files: map[string]string{
			".gitbook.yaml": "redirects:\n  old: a.md\n",
			"SUMMARY.md":    "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
			"README.md":     "# Home\n", "a.md": "# A\n\nText.\n",
		},
		edit: map[string]string{"a.md": "# A renamed\n\nText.\n"},
	}, {
		// A spec newly linked for download is published with the files
		// its $refs name, as a build publishes it (t86).
		name: "spec newly linked",
		files: map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n",
			"README.md":  "# Home\n",
			"specs/pets.yaml": "openapi: 3.0.0\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n" +
				"          content:\n            application/json:\n              schema: {$ref: 'schemas.yaml#/Pet'}\n",
			"specs/schemas.yaml": "Pet:\n  type: object\n  properties:\n    name: {type: string}\n",
		},
		edit: map[string]string{"README.md": "# Home\n\nDownload [the spec](specs/pets.yaml).\n"},
	}, {
		// A page stops using an image, which another page still shows,
		// and another that no page shows any more, and drops its updates
		// feed: the files no page publishes go (t86).
		name: "files no longer published",
		files: map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
			"README.md":  "# Home\n\n![Shared](img/shared.png)\n",
			"a.md": "# A\n\n![Shared](img/shared.png)\n\n![Own](img/own/own.png)\n\n" +
				"{% updates format=\"full\" %}\n{% update date=\"2026-03-02\" %}\n## New search\n\nBetter.\n{% endupdate %}\n{% endupdates %}\n",
			"img/shared.png": "png", "img/own/own.png": "png",
		},
		edit: map[string]string{"a.md": "# A\n\nNo pictures now.\n"},
	}, {
		// The last diagram drawn in the browser goes, and its script.
		name: "last client diagram",
		files: map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
			"README.md":  "# Home\n", "a.md": "# A\n\n```mermaid\ngitGraph\n  commit\n```\n",
		},
		edit: map[string]string{"a.md": "# A\n\nNo diagram now.\n"},
	}, {
		// Of two pages that link a spec for download, one drops its
		// link: the spec and the file its $ref names stay, for the other
		// page; the image only the edited page showed goes.
		name: "spec still linked",
		files: map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
			"README.md":  "# Home\n\nDownload [the spec](specs/pets.yaml).\n",
			"a.md":       "# A\n\nDownload [the spec](specs/pets.yaml).\n\n![Own](own.png)\n",
			"own.png":    "png",
			"specs/pets.yaml": "openapi: 3.0.0\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n" +
				"          content:\n            application/json:\n              schema: {$ref: 'schemas.yaml#/Pet'}\n",
			"specs/schemas.yaml": "Pet:\n  type: object\n  properties:\n    name: {type: string}\n",
		},
		edit: map[string]string{"a.md": "# A\n\nNo download here.\n"},
	}, {
		// The first diagram drawn in the browser: the page and the print
		// page load the script.
		name: "first client diagram",
		files: map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n",
			"README.md":  "# Home\n", "a.md": "# A\n\nNo diagram yet.\n",
		},
		edit: map[string]string{"a.md": "# A\n\n```mermaid\ngitGraph\n  commit\n```\n"},
	}, {
		// An English page with an API block, edited: its French copy shows
		// the operation still (t92: a copy showed the block's stub).
		name: "fallback api",
		files: map[string]string{
			"site.yaml":     "title: Docs\nlanguages:\n  - {code: en, name: English, dir: en, default: true}\n  - {code: fr, name: Français, dir: fr, fallback: true}\n",
			"en/SUMMARY.md": "# S\n\n* [Home](README.md)\n* [Pets](pets.md)\n",
			"en/README.md":  "# Home\n",
			"en/pets.md":    "# Pets\n\n{% openapi src=\"spec.yaml\" path=\"/pets\" method=\"get\" %}\n[spec.yaml](spec.yaml)\n{% endopenapi %}\n",
			"en/spec.yaml":  "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n      summary: List the pets\n      responses:\n        '200': {description: ok}\n",
			"fr/SUMMARY.md": "# S\n\n* [Accueil](README.md)\n",
			"fr/README.md":  "# Accueil\n",
		},
		edit: map[string]string{"en/pets.md": "# Pets\n\nThe pets.\n\n{% openapi src=\"spec.yaml\" path=\"/pets\" method=\"get\" %}\n[spec.yaml](spec.yaml)\n{% endopenapi %}\n"},
	}, {
		// Pages of a site that names no language, rewritten in French:
		// the site is French, as a build finds it (t86: it stayed English
		// until a full build).
		name: "language detected",
		files: map[string]string{
			"SUMMARY.md": "# S\n\n* [Home](README.md)\n* [A](a.md)\n* [B](b.md)\n",
			"README.md":  "# Home\n\n" + english, "a.md": "# A\n\n" + english, "b.md": "# B\n\n" + english,
		},
		edit: map[string]string{"README.md": "# Home\n\n" + french, "a.md": "# A\n\n" + french, "b.md": "# B\n\n" + french},
	}} {
		t.Run(c.name, func(t *testing.T) {
			dir := testkit.Site(t, c.files)
			if c.link[0] != "" {
				if err := os.Symlink(c.link[1], filepath.Join(dir, c.link[0])); err != nil {
					t.Skip("no symbolic links here:", err)
				}
			}
			opts := Options{Dir: dir, NoMinify: true, Dev: true}
			ss, out := builtSession(t, opts)
			var changed []string
			for f, text := range c.edit {
				testkit.WriteFiles(t, dir, map[string]string{f: text})
				changed = append(changed, filepath.Join(dir, f))
			}
			_, ok, err := ss.Update(context.Background(), changed)
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				if _, err := ss.Build(context.Background(), out); err != nil {
					t.Fatal(err)
				}
			}
			ss.search.Wait() // the search index and print pages follow the update
			if ds := ss.laterDiags(); len(ds) > 0 {
				t.Fatal(ds)
			}
			fresh := filepath.Join(t.TempDir(), "fresh")
			if _, err := Build(context.Background(), Options{Dir: dir, Out: fresh, NoMinify: true, Dev: true}); err != nil {
				t.Fatal(err)
			}
			got, want := readTree(t, out), readTree(t, fresh)
			var names []string
			for f := range want {
				names = append(names, f)
			}
			slices.Sort(names)
			for _, f := range names {
				if string(got[f]) != string(want[f]) {
					t.Errorf("%s (updated in place: %v) differs from a fresh build's:\n%s\nwant\n%s", f, ok, got[f], want[f])
				}
			}
			for f := range got {
				if _, ok := want[f]; !ok {
					t.Errorf("%s is left in the session's output, which a fresh build does not write", f)
				}
			}
		})
	}
}

const (
	english = "This page tells you how the pages of the site are built, and what you can do with them when you write them. " +
		"It is the first of the pages that the team wrote for the people who use the tool every day, and it will be read by all of them.\n"
	french = "Cette page vous dit comment les pages du site sont construites, et ce que vous pouvez en faire quand vous les écrivez. " +
		"Elle est la première des pages que l'équipe a écrites pour les personnes qui utilisent l'outil tous les jours, et elle sera lue par elles.\n"
)
