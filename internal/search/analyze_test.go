package search

import (
	"encoding/json"
	"flag"
	"os"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files and testdata/vectors.json")

// vector is one case of testdata/vectors.json, shared with search.js
// (TestJSVectors): the analysis of In in language Lang.
type vector struct {
	Lang   string   `json:"lang"`
	In     string   `json:"in"`
	Fold   string   `json:"fold"`
	Tokens []string `json:"tokens"`
	Terms  []string `json:"terms"`
}

func readVectors(t *testing.T) []vector {
	t.Helper()
	data, err := os.ReadFile("testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vs []vector
	if err := json.Unmarshal(data, &vs); err != nil {
		t.Fatal(err)
	}
	if len(vs) == 0 {
		t.Fatal("no vectors")
	}
	return vs
}

func analyse(v vector) vector {
	a := NewAnalysis(v.Lang)
	v.Fold = a.Fold(v.In)
	v.Tokens = Tokens(v.Fold)
	v.Terms = a.Terms(v.In)
	return v
}

// TestVectors checks the Go analysis against testdata/vectors.json. With
// -update it fills in the expected results instead: review the diff.
func TestVectors(t *testing.T) {
	vs := readVectors(t)
	if *update {
		for i := range vs {
			vs[i] = analyse(vs[i])
		}
		var b strings.Builder
		b.WriteString("[\n")
		for i, v := range vs {
			line, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString("  " + string(line))
			if i < len(vs)-1 {
				b.WriteString(",")
			}
			b.WriteString("\n")
		}
		b.WriteString("]\n")
		if err := os.WriteFile("testdata/vectors.json", []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, v := range vs {
		got := analyse(v)
		if got.Fold != v.Fold || !slices.Equal(got.Tokens, v.Tokens) || !slices.Equal(got.Terms, v.Terms) {
			t.Errorf("%s %q:\n got fold %q tokens %q terms %q\nwant fold %q tokens %q terms %q",
				v.Lang, v.In, got.Fold, got.Tokens, got.Terms, v.Fold, v.Tokens, v.Terms)
		}
	}
}

func TestFold(t *testing.T) {
	a := NewAnalysis("en")
	tests := []struct{ in, want string }{
		{"Éléphant", "elephant"},
		{"e\u0301le\u0300ve", "eleve"}, // decomposed marks fold like precomposed letters
		{"ŒUVRE", "oeuvre"},
		{"Straße", "strasse"},
		{"ﬁn", "fin"},
		{"أحمد إسلام آمن", "احمد اسلام امن"},
		{"مُحَمَّد", "محمد"},     // tashkeel
		{"مــرحبا", "مرحبا"},     // tatweel
		{"Привет", "привет"},     // lower-cased, not transliterated
		{"हिंदी", "हिंदी"},       // Devanagari keeps its marks
		{"4.15 x_y", "4.15 x_y"}, // punctuation untouched
		{"\xff", "\ufffd"},       // invalid UTF-8 does not panic
	}
	for _, tc := range tests {
		if got := a.Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"hello world", []string{"hello", "world"}},
		{"version 4.15.", []string{"version", "4.15"}},
		{"1.2.3", []string{"1.2.3"}},
		{"site.yaml", []string{"site.yaml", "site", "yaml"}},
		{"max_width", []string{"max_width", "max", "width"}},
		{"a..b _x_ .5", []string{"5"}},
		{"l'installation", []string{"installation"}},
		{"x86-64", []string{"x86", "64"}},
		{"検索 go", []string{"検索", "go"}},
		{"検索設定", []string{"検索", "索設", "設定"}}, // bigrams
		{"一 二", []string{"一", "二"}},          // a character alone is a token
		{"インストール", []string{"イン", "ンス", "スト", "トー", "ール"}},
		{"설치를", []string{"설치", "치를"}},
		{"", nil},
		{strings.Repeat("z", 41) + " ok", []string{"ok"}},
	}
	for _, tc := range tests {
		if got := Tokens(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct{ lang, in, want string }{
		{"en", "configuration", "configur"},
		{"en", "configured", "configur"},
		{"en", "configuring", "configur"},
		{"en", "configure", "configur"},
		{"en", "configures", "configur"},
		{"en", "libraries", "librar"},
		{"en", "library", "librar"},
		{"en", "classes", "class"},
		{"en", "class", "class"},
		{"en", "status", "status"},
		{"en", "servers", "serv"},
		{"en", "users", "user"},
		{"en", "quickly", "quick"},
		{"en", "go", "go"},
		{"en", "v2", "v2"}, // not only letters: unchanged
		{"fr", "configurees", "configur"},
		{"fr", "configurer", "configur"},
		{"fr", "configuration", "configur"},
		{"fr", "chateaux", "chateau"},
		{"fr", "rapidement", "rapid"},
		{"es", "configuraciones", "configuracion"},
		{"es", "rapidos", "rapid"},
		{"pt", "configuracoes", "configurac"},
		{"pt", "configuracao", "configurac"},
		{"de", "variablen", "variabl"},
		{"de", "hauses", "haus"},
		{"it", "configurazioni", "configurazion"},
		{"nl", "mogelijkheden", "mogelijk"},
		{"ru", "переменные", "перемен"},
		{"ru", "переменными", "перемен"},
		{"ru", "перемен", "перемен"},
		{"uk", "змінних", "змін"},
		{"pl", "plikow", "plik"},
		{"cs", "promennych", "promenn"},
		{"tr", "degiskenlerin", "degisken"},
		{"ja", "設定", "設定"}, // no stemmer
		{"xx", "words", "words"},
	}
	for _, tc := range tests {
		if got := NewAnalysis(tc.lang).Stem(tc.in); got != tc.want {
			t.Errorf("%s: Stem(%q) = %q, want %q", tc.lang, tc.in, got, tc.want)
		}
	}
}

// TestStemIsPrefix checks the property search.js relies on for prefix
// search: a stem is always a prefix of its word.
func TestStemIsPrefix(t *testing.T) {
	words := strings.Fields("configuration configured libraries library classes servers quickly rapidement chateaux " +
		"jeux utilisateurs configurees heureuse serveur nesses ies ss s e eaux ation ement " +
		"переменными ями нн змінних ові lerinden ler atech ech heden bommen")
	for lang := range stemSteps {
		a := NewAnalysis(lang)
		for _, w := range words {
			if s := a.Stem(w); !strings.HasPrefix(w, s) || s == "" {
				t.Errorf("%s: Stem(%q) = %q, not a non-empty prefix", lang, w, s)
			}
		}
	}
}

// TestStemOrder: within a step the first matching rule applies, so a rule
// must not come after a shorter one that ends its suffix, which would
// always apply first.
func TestStemOrder(t *testing.T) {
	for lang, steps := range stemSteps {
		for i, step := range steps {
			if len(step) == 0 {
				t.Errorf("%s: step %d is empty", lang, i)
			}
			for j, r := range step {
				if r.Suffix == "" || r.Strip < 0 || r.Strip > len([]rune(r.Suffix)) {
					t.Errorf("%s: step %d: bad rule %+v", lang, i, r)
				}
				for _, earlier := range step[:j] {
					if strings.HasSuffix(r.Suffix, earlier.Suffix) {
						t.Errorf("%s: step %d: rule %q comes after %q, which shadows it", lang, i, r.Suffix, earlier.Suffix)
					}
				}
			}
		}
	}
}

func TestStopWordsFolded(t *testing.T) {
	for lang := range stopWords {
		a := NewAnalysis(lang)
		if len(a.StopWords) == 0 {
			t.Errorf("%s: no stop words", lang)
		}
		for _, w := range a.StopWords {
			if a.Fold(w) != w || len(Tokens(w)) != 1 {
				t.Errorf("%s: stop word %q is not a folded token", lang, w)
			}
		}
	}
}
