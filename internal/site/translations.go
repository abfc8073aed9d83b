package site

import (
	"context"
	"fmt"
	"path"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"folio/internal/diag"
	"folio/internal/links"
	"folio/internal/theme"
)

// parseCopy parses the fallback copy pg from its original's file, of l,
// its API blocks rendered (t92: the copy showed their stubs). What is
// wrong in it was reported with the original.
func (l *lang) parseCopy(pg *page) {
	src, _, ok := l.space.ReadText(pg.path)
	if !ok {
		src = nil
	}
	pg.doc = l.site.conv.ParseWith(l.space.DiagPath(pg.path), src, l.opts)
	_ = l.renderAPIs(pg)
}

// Translations: a page of one language and a page of another are the same
// page when they share a key, which is the page's path relative to its
// space, or the translationKey of its front matter where the structure of
// the two spaces differs.

// key is the identity a page shares with its translations.
func (pg *page) key() string {
	if pg.doc != nil && pg.doc.Meta.TranslationKey != "" {
		return pg.doc.Meta.TranslationKey
	}
	if pg.role != "" {
		return pg.role
	}
	// In one Unicode form: macOS tools write accents decomposed (t99:
	// en/résumé.md and fr/résumé.md were no translations of each other).
	return norm.NFC.String(pg.path)
}

// The keys of the pages that have a role in their language; a path never
// starts with a NUL.
const (
	roleHome     = "\x00home"
	roleGlossary = "\x00glossary"
)

// matchTranslations fills every page's trans: its counterpart in each
// language, by index in s.langs (nil when untranslated). The languages of
// different sections are not translations of each other.
func (s *site) matchTranslations() {
	if len(s.langs) < 2 {
		return
	}
	byKey := make([]map[string]*page, len(s.langs))
	for li, l := range s.langs {
		byKey[li] = make(map[string]*page, len(l.pages))
		for _, pg := range l.pages {
			k := pg.key()
			if other, dup := byKey[li][k]; dup {
				s.diags.Add(diag.Diagnostic{Path: l.space.DiagPath(pg.path), Line: 1, Severity: diag.Warning, Rule: "translation-key",
					Msg: fmt.Sprintf("%s already names %q as its translation key; this page is not linked to its translations", other.path, k)})
				continue
			}
			byKey[li][k] = pg
		}
	}
	for li, l := range s.langs {
		for _, pg := range l.pages {
			pg.trans = make([]*page, len(s.langs))
			for oi, o := range s.langs {
				if oi == li {
					pg.trans[oi] = pg
				} else if o.def == l.def && byKey[oi][pg.key()] != nil {
					pg.trans[oi] = byKey[oi][pg.key()]
				}
			}
		}
	}
	s.lookalikeTranslations()
}

// lookalikeTranslations warns of a page of another language that no page
// of the default language matches, titled as a page of the default
// language that has no translation in it: most likely that translation,
// written at another path (t52: with fallback on, two "Prototype" entries
// in the French sidebar, and the English page's menu said "not
// translated", without a word from build or check).
func (s *site) lookalikeTranslations() {
	fold := func(pg *page) string { return strings.ToLower(strings.Join(strings.Fields(pg.title()), " ")) }
	for li, l := range s.langs {
		def := l.def
		if def == l {
			continue
		}
		var alone map[string]*page // the default language's untranslated pages, by title; nil for a title two share
		for _, pg := range l.pages {
			if pg.trans[def.index] != nil {
				continue
			}
			if alone == nil {
				alone = map[string]*page{}
				for _, o := range def.pages {
					if o.trans[li] == nil {
						if _, two := alone[fold(o)]; two {
							alone[fold(o)] = nil
						} else {
							alone[fold(o)] = o
						}
					}
				}
			}
			o := alone[fold(pg)]
			if o == nil || fold(pg) == "" {
				continue
			}
			s.diags.Add(diag.Diagnostic{Path: l.space.DiagPath(pg.path), Line: 1, Col: 1, Severity: diag.Warning, Rule: "translation-key",
				Msg: fmt.Sprintf("no page of %s is at this page's path, and %s, titled the same, has no %s translation: the two are not linked as translations",
					def.space.Lang.Code, def.space.DiagPath(o.path), l.space.Lang.Code),
				Hint: lookalikeHint(o)})
		}
	}
}

// lookalikeHint says how to link a page to o, its original: by o's
// translationKey when it has one, which its other translations share
// (t54: a new key for both unlinked them).
func lookalikeHint(o *page) string {
	if o.doc != nil && o.doc.Meta.TranslationKey != "" {
		return "if this page translates it, give it the translationKey of " + o.path + ": translationKey: " + yamlText(o.doc.Meta.TranslationKey)
	}
	return "if this page translates it, give both the same translationKey in their front matter, such as translationKey: " + strings.TrimSuffix(o.path, path.Ext(o.path))
}

// yamlText writes v as YAML reads it back as the same text: in quotes
// when YAML would read it otherwise (t55: "proto: v2" pasted as it is
// broke the front matter).
func yamlText(v string) string {
	if v == "" || strings.ContainsAny(v, ":#{}[],&*!|>'\"%@`") || strings.TrimSpace(v) != v || strings.ContainsAny(v[:1], "-?") {
		return strconv.Quote(v)
	}
	return v
}

// untranslated lists, for a language, the pages of its section's default
// language that have no translation in it.
func (s *site) untranslated(li int) []*page {
	var out []*page
	for _, pg := range s.langs[li].def.pages {
		if pg.trans == nil || pg.trans[li] == nil {
			out = append(out, pg)
		}
	}
	return out
}

// addFallbacks publishes, in each language that asks for it, a copy of
// every untranslated page of its section's default language, so that its navigation
// stays complete. The copy is parsed again: resolving links rewrites the
// syntax tree, and the copy's links lead to the pages of its own language.
func (s *site) addFallbacks(ctx context.Context) error {
	for li, l := range s.langs {
		def := l.def
		if def == l || !l.space.Lang.Fallback {
			continue
		}
		var copies []*page
		for _, orig := range s.untranslated(li) {
			url := l.prefix + strings.TrimPrefix(orig.url, def.prefix)
			if l.byURL[url] != nil {
				continue // a page of the language already lives there
			}
			fb := &page{path: orig.path, url: url, order: -1, src: def, home: l, origin: orig, folder: orig.folder}
			fb.trans = append([]*page(nil), orig.trans...)
			fb.trans[li] = fb
			copies = append(copies, fb)
			l.byURL[url] = fb
		}
		err := fanOut(ctx, len(copies), func(i int) error {
			fb := copies[i]
			def.parseCopy(fb)
			fb.ids, fb.github = fb.origin.ids, fb.origin.github
			if s.regrow {
				fb.doc.Release()
			}
			return nil
		})
		if err != nil {
			return err
		}
		l.fallbacks = copies
		l.copyOf = make(map[*page]*page, len(copies))
		for _, fb := range copies {
			l.copyOf[fb.origin] = fb
		}
		l.pages = append(l.pages, copies...)
	}
	return nil
}

// copyLang is the language of a fallback copy's text, its original's;
// "" for a page of the language it is published in.
func (pg *page) copyLang() string {
	if pg.origin == nil {
		return ""
	}
	return pg.src.space.Lang.Code
}

// counterpart returns the page of language l that stands for page target
// of another language: its translation, or its fallback copy.
func (l *lang) counterpart(target *page) *page {
	if target.trans != nil && target.trans[l.index] != nil {
		return target.trans[l.index]
	}
	return l.copyOf[target]
}

// translationData fills what a page shows about its translations: the
// language switcher targets, the hreflang alternates and, for a fallback
// copy, the notice and the canonical link to the original.
func (s *site) translationData(l *lang, pg *page, p *theme.Page) {
	if len(s.langs) < 2 {
		return
	}
	for oi, o := range s.langs {
		t := pg.trans[oi]
		if t == nil && pg.origin == nil {
			t = o.copyOf[pg] // the language shows this page untranslated, at the same place
		}
		if t == nil || o == l {
			continue
		}
		p.LangLinks = append(p.LangLinks, theme.LangLink{Code: o.space.Lang.Code, Name: o.space.Lang.Name, URL: links.Escape(t.url), Untranslated: t.origin != nil})
	}
	if pg.origin != nil {
		// A copy of the default language's page: it points search engines
		// to the original, and the theme tells readers why it is not
		// translated. Without a base URL the link is relative to the
		// copy: the theme writes it as it is, and a site path would
		// resolve under the page.
		def := pg.src.space.Lang
		p.Canonical = s.absURL(pg.origin.url)
		if s.base == "" {
			p.Canonical = links.Rel(pg.url, pg.origin.url)
		}
		p.Fallback = &theme.LangLink{Code: def.Code, Name: def.Name, URL: links.Escape(pg.origin.url)}
		return
	}
	p.Alternates = s.alternates(pg)
}

// alternates lists the translations of pg for hreflang links, with the
// default language's page as x-default, the language choice for the home
// pages where the site has one; nil when pg has no translation.
func (s *site) alternates(pg *page) []theme.Alternate {
	var out []theme.Alternate
	n := 0
	for oi, o := range s.langs {
		t := pg.trans[oi]
		if t == nil || t.origin != nil {
			continue
		}
		n++
		out = append(out, theme.Alternate{Lang: o.space.Lang.Code, URL: s.absURL(t.url)})
		if o.def == o {
			x := t.url
			if at := s.sectionPrefix(o); t == o.byPath[o.space.Readme] && o.prefix != at {
				// The home pages' default is the page that lets the
				// reader choose among them, as that page says (t85: it
				// named itself, the homes the default language's).
				x = at
			}
			out = append(out, theme.Alternate{Lang: "x-default", URL: s.absURL(x)})
		}
	}
	if n < 2 {
		return nil
	}
	return out
}

// absURL makes a site path absolute when the base URL is known, so that
// search engines can follow it from anywhere. Without a base URL it is
// the escaped site path, which is only right where the theme makes it
// relative to the page (Page.Href, as for Alternates).
func (s *site) absURL(u string) string {
	if s.base != "" {
		return s.base + links.Escape(u)
	}
	return links.Escape(u)
}
