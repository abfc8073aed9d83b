package site

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"folio/internal/testkit"
)

// TestPlaybookFreshness: the English and French GovStack playbooks as one
// two-language site in a repository; a later commit changes the English
// engagement page, and the French one, translated before, says so.
func TestPlaybookFreshness(t *testing.T) {
	t.Parallel()
	corpus := testkit.CorpusDir(t)
	g := testkit.NewGitRepo(t)
	for lang, name := range map[string]string{"en": "govstack-playbook", "fr": "govstack-playbook-fr"} {
		// The pages and what GitBook reads beside them; the images are
		// left out, which only costs warnings about them.
		src := os.DirFS(filepath.Join(corpus, name))
		err := fs.WalkDir(src, ".", func(p string, e fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return err
			case e.IsDir() && p == ".gitbook/assets":
				return fs.SkipDir
			case e.IsDir():
				return nil
			}
			b, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			testkit.WriteFiles(t, g.Dir, map[string]string{path.Join(lang, p): string(b)})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	g.Write(map[string]string{"site.yaml": "title: GovStack\nlanguages:\n  - code: en\n    name: English\n    dir: en\n    default: true\n" +
		"  - code: fr\n    name: Français\n    dir: fr\n"})
	g.Commit("Alice Martin <alice@example.org>", "The playbook in English and French")
	const engagement = "govstack-implementation-playbook/2-description/engagement.md"
	en := filepath.Join(g.Dir, "en", filepath.FromSlash(engagement))
	b, err := os.ReadFile(en)
	if err != nil {
		t.Fatal(err)
	}
	g.Write(map[string]string{"en/" + engagement: string(b) + "\nCountries can also engage through regional programmes.\n"})
	g.Commit("Bob Tremblay <bob@example.org>", "Engagement: regional programmes")

	out, _ := histBuild(t, g.Dir, false)
	fr := histRead(t, out, "fr/govstack-implementation-playbook/2-description/engagement/index.html")
	for _, want := range []string{`<div class="notice outdated-notice" role="note">`,
		`<a href="../../../../en/govstack-implementation-playbook/2-description/engagement/" hreflang="en" lang="en">English</a>`,
		`<time datetime="2024-01-02">2 janvier 2024</time>`} {
		if !strings.Contains(fr, want) {
			t.Errorf("the French engagement page lacks %s", want)
		}
	}
	for _, p := range []string{"fr/index.html", "en/govstack-implementation-playbook/2-description/engagement/index.html"} {
		if strings.Contains(histRead(t, out, p), "outdated-notice") {
			t.Errorf("%s has a freshness notice", p)
		}
	}

	res, err := Check(context.Background(), Options{Dir: g.Dir, Translations: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Outdated) != 1 {
		t.Fatalf("outdated translations: %+v, want the engagement page", res.Outdated)
	}
	if o := res.Outdated[0]; o.Path != "fr/"+engagement || o.Original != "en/"+engagement || !o.Measured || o.Insertions != 2 || o.Deletions != 0 {
		t.Errorf("outdated translation %+v", o)
	}
}
