package build

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// govstackSite makes a bilingual site over the two GovStack corpora: a
// site.yaml beside links to them, and a copy of the French space whose
// prototype page names its English counterpart with translationKey (the
// paths differ between the two languages).
func govstackSite(t *testing.T, frSettings string) string {
	t.Helper()
	corpus := corpusDir(t)
	dir := t.TempDir()
	if err := os.Symlink(filepath.Join(corpus, "govstack-playbook"), filepath.Join(dir, "en")); err != nil {
		t.Fatal(err)
	}
	fr := filepath.Join(dir, "fr")
	if err := os.CopyFS(fr, os.DirFS(filepath.Join(corpus, "govstack-playbook-fr"))); err != nil {
		t.Fatal(err)
	}
	proto := filepath.Join(fr, "govstack-implementation-playbook/design-and-delivery/prototype.md")
	b, err := os.ReadFile(proto)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), "---\n", "---\ntranslationKey: govstack-implementation-playbook/adopt-govstack/design-and-delivery/prototype.md\n", 1))
	if err := os.Chmod(proto, 0o644); err == nil {
		err = os.WriteFile(proto, b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	yaml := "title: GovStack\nbase_url: https://example.org/playbook/\nlanguages:\n  - code: en\n    name: English\n    dir: en\n    default: true\n  - code: fr\n    name: Français\n    dir: fr\n" + frSettings
	if err := os.WriteFile(filepath.Join(dir, "site.yaml"), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// switcherHref returns the href of the language switcher's link to code.
func switcherHref(t *testing.T, html, code string) string {
	t.Helper()
	re := regexp.MustCompile(`<a href="?([^" >]*)"? hreflang="?` + code + `"?`)
	m := re.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no switcher link to %s", code)
	}
	return m[1]
}

func TestGovStackBilingual(t *testing.T) {
	dir := govstackSite(t, "")
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Options{Dir: dir, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	if res.Stats.Languages != 2 {
		t.Fatalf("languages = %d", res.Stats.Languages)
	}
	// The French engagement page has the English page's path: the
	// switcher goes from one to the other and back.
	frEng := readFile(t, filepath.Join(out, "fr/govstack-implementation-playbook/2-description/engagement/index.html"))
	enEng := readFile(t, filepath.Join(out, "en/govstack-implementation-playbook/2-description/engagement/index.html"))
	if got := switcherHref(t, frEng, "en"); got != "../../../../en/govstack-implementation-playbook/2-description/engagement/" {
		t.Errorf("French engagement → English: %q", got)
	}
	if got := switcherHref(t, enEng, "fr"); got != "../../../../fr/govstack-implementation-playbook/2-description/engagement/" {
		t.Errorf("English engagement → French: %q", got)
	}
	// The prototype pages are linked through translationKey.
	frProto := readFile(t, filepath.Join(out, "fr/govstack-implementation-playbook/design-and-delivery/prototype/index.html"))
	if got := switcherHref(t, frProto, "en"); got != "../../../../en/govstack-implementation-playbook/adopt-govstack/design-and-delivery/prototype/" {
		t.Errorf("French prototype → English: %q", got)
	}
	enProto := readFile(t, filepath.Join(out, "en/govstack-implementation-playbook/adopt-govstack/design-and-delivery/prototype/index.html"))
	if got := switcherHref(t, enProto, "fr"); got != "../../../../../fr/govstack-implementation-playbook/design-and-delivery/prototype/" {
		t.Errorf("English prototype → French: %q", got)
	}
	// hreflang alternates, x-default included, in the head and the sitemap.
	for _, want := range []string{
		`hreflang="en" href="https://example.org/playbook/en/govstack-implementation-playbook/2-description/engagement/"`,
		`hreflang="fr" href="https://example.org/playbook/fr/govstack-implementation-playbook/2-description/engagement/"`,
		`hreflang="x-default" href="https://example.org/playbook/en/govstack-implementation-playbook/2-description/engagement/"`,
	} {
		if !strings.Contains(strings.ReplaceAll(frEng, "hreflang=", "hreflang=\""), strings.ReplaceAll(want, `hreflang="`, `hreflang=""`)) && !strings.Contains(frEng, want) {
			t.Errorf("French engagement page lacks %s", want)
		}
	}
	sitemap := readFile(t, filepath.Join(out, "sitemap.xml"))
	if !strings.Contains(sitemap, `<xhtml:link rel="alternate" hreflang="fr" href="https://example.org/playbook/fr/govstack-implementation-playbook/design-and-delivery/prototype/"/>`) {
		t.Error("sitemap lacks the French alternate of the prototype page")
	}
	// An English page with no French translation: the switcher leads to
	// the French home.
	enGov := readFile(t, filepath.Join(out, "en/govstack-implementation-playbook/2-description/governance-model/index.html"))
	if got := switcherHref(t, enGov, "fr"); got != "../../../../fr/" {
		t.Errorf("untranslated English page → French: %q, want the French home", got)
	}
	// The root page lists the languages; French has 38 untranslated pages.
	root := readFile(t, filepath.Join(out, "index.html"))
	if !strings.Contains(root, `en/`) || !strings.Contains(root, `fr/`) {
		t.Error("root page does not list the languages")
	}
	if u := res.Stats.Untranslated; len(u) != 1 || u[0].Code != "fr" || u[0].N != 37 {
		t.Errorf("untranslated = %+v", u)
	}
}

func TestGovStackFallback(t *testing.T) {
	dir := govstackSite(t, "    fallback: true\n")
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(context.Background(), Options{Dir: dir, Out: out}); err != nil {
		t.Fatal(err)
	}
	// The untranslated governance page exists in the French tree, with a
	// notice, its text marked as English and a canonical link to the
	// original.
	p := readFile(t, filepath.Join(out, "fr/govstack-implementation-playbook/2-description/governance-model/index.html"))
	for _, want := range []string{`notice`, `lang="en"`, `https://example.org/playbook/en/govstack-implementation-playbook/2-description/governance-model/`} {
		if !strings.Contains(p, want) {
			t.Errorf("fallback page lacks %q:\n%s", want, p)
		}
	}
	// The French navigation is complete: it links to every English page's
	// counterpart.
	if !strings.Contains(p, "govstack-implementation-playbook/scaling-strategy/") {
		t.Error("French navigation lacks the scaling strategy page")
	}
	checkOutputLinks(t, out)
}
