package search

import (
	"slices"
	"strings"
	"testing"
)

// TestJSReaderQueries: searches as a reader types them, from t80's
// round: a typo in a word being typed, a page titled as the query, a
// query no page holds every word of, and one of letters alone and signs.
func TestJSReaderQueries(t *testing.T) {
	page := func(url, title, text string) Entry {
		return Entry{URL: url, Title: title, HTML: []byte("<p>" + text + "</p>")}
	}
	cases := []struct {
		lang    string
		entries []Entry
		query   string
		want    []string // the pages found, in order
	}{
		// A typo in the word being typed beats the shorter words it
		// passed (previwe found pre and prev).
		{"en", []Entry{page("a/", "Live preview", "The preview updates."), page("b/", "Code", "The pre element and prev link.")},
			"previwe", []string{"a/"}},
		{"en", []Entry{page("a/", "Multilingual", "Each language has its folder."), page("b/", "Flags", "The lang flag and langs list.")},
			"langauge", []string{"a/"}},
		// A word passed by two letters at most is its stem, whatever
		// word is a typo away (t83: registrat found registrar).
		{"en", []Entry{page("a/", "Sign up", "The registration form."), page("b/", "Terms", "The registrar of domains.")},
			"registrat", []string{"a/"}},
		// A word passed still finds its stem when no word is a typo away.
		{"fr", []Entry{page("a/", "Comptes", "Les utilisateurs."), page("b/", "Autre", "Autre chose.")},
			"utilisat", []string{"a/"}},
		// A page titled as the query comes first, before pages that say
		// the word more often; so does one whose title the word being
		// typed starts.
		{"en", []Entry{page("a/", "User journeys", "Journey maps: a journey per user, each journey drawn."), page("b/", "Journey", "What a journey is.")},
			"journey ", []string{"b/", "a/"}},
		{"en", []Entry{page("a/", "GitBook repositories", "The config file, the config keys, config everywhere."), page("b/", "Configuration", "Keys of site.yaml: config.")},
			"config", []string{"b/", "a/"}},
		{"en", []Entry{page("a/", "Overview", "Security requirements, security requirements and requirements."), page("b/", "5 Security Requirements", "The list.")},
			"security requirements ", []string{"b/", "a/"}},
		// No page holds every word: those that hold the most of them.
		{"en", []Entry{page("a/", "Multilingual sites", "Translate the book into French."), page("b/", "Other", "A book.")},
			"translate my book to french ", []string{"a/"}},
		// Every word held somewhere still finds only the pages that hold
		// them all.
		{"en", []Entry{page("a/", "A", "Install Django."), page("b/", "B", "Install Flask.")},
			"install django ", []string{"a/"}},
		// Letters alone and signs: found in the titles and headings.
		{"en", []Entry{page("a/", "Q&A", "Questions."), page("b/", "Other", "Nothing.")},
			"Q&A", []string{"a/"}},
		{"en", []Entry{page("a/", "Q&A", "Questions."), page("b/", "Other", "Nothing.")},
			"&", nil},
	}
	for _, c := range cases {
		got := jsSearch(t, c.lang, c.entries, []string{c.query})[0]
		if !slices.Equal(urls(got), c.want) {
			t.Errorf("%s %q found %v, want %v", c.lang, c.query, urls(got), c.want)
		}
	}
}

// TestJSPersianJoiner: a Persian word is found written with or without
// its zero-width non-joiner, and marked whole (t80: either spelling
// found nothing of the other, and نسخه‌ای matched این by its ای).
func TestJSPersianJoiner(t *testing.T) {
	entries := []Entry{
		{URL: "a/", Title: "a", HTML: []byte("<p>شما می\u200cتوانید یک نسخه\u200cای بسازید.</p>")},
		{URL: "b/", Title: "b", HTML: []byte("<p>این صفحه دیگر است.</p>")},
	}
	for _, q := range []string{"میتوانید ", "می\u200cتوانید ", "نسخهای "} {
		got := jsSearch(t, "fa", entries, []string{q})[0]
		var marked []string
		if len(got) > 0 {
			marked = got[0].Marked
		}
		if !slices.Equal(urls(got), []string{"a/"}) || len(marked) != 1 || !strings.Contains(marked[0], "\u200c") {
			t.Errorf("%q found %v, marked %q; want a/, the word marked whole", q, urls(got), marked)
		}
	}
}
