// Package bookgen writes a big multilingual HonKit book for the scale
// benchmarks: a LANGS.md book of many languages, each with its own
// SUMMARY.md, pages of prose, tables, links, images and code blocks. The
// code blocks are the same in every language, as in a translated book,
// so that work done once per distinct block shows. The output depends
// only on the options: two runs write the same bytes.
package bookgen

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Options size the book.
type Options struct {
	Langs  int // languages, at most len(Languages)
	Pages  int // pages per language, the README included
	Images int // images per language
}

// Default is the book the scale figures quote: 20 languages × 35 pages.
var Default = Options{Langs: 20, Pages: 35, Images: 12}

// Languages are the codes and names of the book's languages, in LANGS.md
// order.
var Languages = [][2]string{
	{"en", "English"}, {"fr", "Français"}, {"de", "Deutsch"}, {"es", "Español"},
	{"it", "Italiano"}, {"pt", "Português"}, {"nl", "Nederlands"}, {"pl", "Polski"},
	{"sv", "Svenska"}, {"da", "Dansk"}, {"fi", "Suomi"}, {"cs", "Čeština"},
	{"ro", "Română"}, {"hu", "Magyar"}, {"tr", "Türkçe"}, {"ru", "Русский"},
	{"uk", "Українська"}, {"el", "Ελληνικά"}, {"ja", "日本語"}, {"ko", "한국어"},
}

// Generate writes the book into dir, which it creates.
func Generate(dir string, o Options) error {
	if o.Langs < 1 || o.Langs > len(Languages) || o.Pages < 1 {
		return fmt.Errorf("bookgen: %d languages × %d pages: out of range", o.Langs, o.Pages)
	}
	w := writer{dir: dir}
	var langs strings.Builder
	langs.WriteString("# Languages\n\n")
	for _, l := range Languages[:o.Langs] {
		fmt.Fprintf(&langs, "* [%s](%s/)\n", l[1], l[0])
	}
	w.file("LANGS.md", langs.String())
	w.file("book.json", `{"title": "Generated book", "plugins": []}`+"\n")
	for li, l := range Languages[:o.Langs] {
		genLang(&w, l[0], li, o)
	}
	return w.err
}

type writer struct {
	dir string
	err error
}

func (w *writer) file(name, body string) { w.bytes(name, []byte(body)) }

func (w *writer) bytes(name string, b []byte) {
	if w.err != nil {
		return
	}
	p := filepath.Join(w.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		w.err = err
		return
	}
	w.err = os.WriteFile(p, b, 0o644)
}

// chapter is how pages group into folders: a README and its pages.
const chapter = 7

func pageName(i int) string {
	switch {
	case i == 0:
		return "README.md"
	case i%chapter == 0:
		return fmt.Sprintf("chapter-%02d/README.md", i/chapter)
	default:
		return fmt.Sprintf("chapter-%02d/page-%02d.md", i/chapter, i)
	}
}

func genLang(w *writer, code string, li int, o Options) {
	// One random stream per language: the prose differs between languages
	// while the code blocks, drawn from their own stream, do not.
	r := rand.New(rand.NewPCG(uint64(li)+1, 42))
	words := vocabulary(code)
	for i := range o.Images {
		w.bytes(fmt.Sprintf("%s/images/figure-%02d.png", code, i), pngImage(i))
	}
	var sum strings.Builder
	sum.WriteString("# Summary\n\n")
	for i := range o.Pages {
		title := titleCase(sentence(r, words, 2+r.IntN(3)))
		name := pageName(i)
		indent := ""
		if i%chapter != 0 {
			indent = "  "
		}
		fmt.Fprintf(&sum, "%s* [%s](%s)\n", indent, title, name)
		w.file(code+"/"+name, page(r, words, title, i, o))
	}
	w.file(code+"/SUMMARY.md", sum.String())
}

func page(r *rand.Rand, words []string, title string, i int, o Options) string {
	var b strings.Builder
	up := ""
	if strings.Contains(pageName(i), "/") {
		up = "../"
	}
	fmt.Fprintf(&b, "# %s\n\n", title)
	for s := range 3 + r.IntN(3) {
		fmt.Fprintf(&b, "## %s\n\n", titleCase(sentence(r, words, 2+r.IntN(3))))
		for range 2 + r.IntN(3) {
			paragraph(&b, r, words)
		}
		switch (i + s) % 4 {
		case 0:
			fmt.Fprintf(&b, "- %s\n- %s\n- **%s** %s\n\n", sentence(r, words, 6), sentence(r, words, 8), words[r.IntN(len(words))], sentence(r, words, 5))
		case 1:
			fmt.Fprintf(&b, "| %s | %s |\n| --- | --- |\n", words[r.IntN(len(words))], words[r.IntN(len(words))])
			for row := range 4 {
				fmt.Fprintf(&b, "| %s | %d |\n", sentence(r, words, 3), row*17+i)
			}
			b.WriteString("\n")
		case 2:
			if o.Images > 0 {
				fmt.Fprintf(&b, "![%s](%simages/figure-%02d.png)\n\n", sentence(r, words, 3), up, (i+s)%o.Images)
			}
		case 3:
			target := pageName((i + 5) % o.Pages)
			fmt.Fprintf(&b, "> %s [%s](%s%s).\n\n", sentence(r, words, 9), sentence(r, words, 2), up, target)
		}
		// A third of the pages show code: the same blocks in every
		// language.
		if i%3 == 1 {
			b.WriteString(codeBlock(i*7 + s))
		}
	}
	return b.String()
}

func paragraph(b *strings.Builder, r *rand.Rand, words []string) {
	n := 3 + r.IntN(4)
	for k := range n {
		s := sentence(r, words, 8+r.IntN(12))
		b.WriteString(capitalize(s))
		b.WriteString(".")
		if k < n-1 {
			b.WriteString(" ")
		}
	}
	b.WriteString("\n\n")
}

func sentence(r *rand.Rand, words []string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = words[r.IntN(len(words))]
	}
	if n > 4 {
		parts[n/2] = "`" + parts[n/2] + "`"
	}
	return strings.Join(parts, " ")
}

func titleCase(s string) string { return capitalize(strings.ReplaceAll(s, "`", "")) }

// capitalize upper-cases the first letter, which may be several bytes long.
func capitalize(s string) string {
	for i, c := range s {
		if i == 0 && c == '`' {
			continue
		}
		return s[:i] + strings.ToUpper(string(c)) + s[i+utf8.RuneLen(c):]
	}
	return s
}

// vocabulary gives each language words of its own script, so that the
// search analysers see text of that language's shape.
func vocabulary(code string) []string {
	base := map[string]string{
		"en": "the of and to in is that for it as with was on be by this are from or have an they which one you were all we there can more when your documentation page build site search language review",
		"fr": "le de la et les des en un une du est pour que qui dans sur pas au plus par ne se avec documentation page site recherche langue examen construire",
		"de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als auch dokumentation seite suche sprache prüfung bauen",
		"es": "de la que el en y a los del se las por un para con no una su al lo documentación página sitio búsqueda idioma revisión construir",
		"it": "di e il la che in a per un è del non sono una le con si da documentazione pagina sito ricerca lingua revisione costruire",
		"pt": "de a o que e do da em um para é com não uma os no se na documentação página site pesquisa idioma revisão construir",
		"nl": "de en van het een in is dat op te zijn met voor niet aan er documentatie pagina site zoeken taal beoordeling bouwen",
		"pl": "i w nie na się z do że to jest jak o po co ale dokumentacja strona witryna wyszukiwanie język przegląd budować",
		"sv": "och i att det som en på är av för med till den har inte dokumentation sida webbplats sökning språk granskning bygga",
		"da": "og i at det en den til er som på de med for af ikke dokumentation side websted søgning sprog gennemgang bygge",
		"fi": "ja on ei se että hän oli ole kun mutta niin dokumentaatio sivu sivusto haku kieli tarkistus rakentaa",
		"cs": "a v se na je že s z do to jako o ale by dokumentace stránka web vyhledávání jazyk kontrola sestavit",
		"ro": "și de la în a cu că nu se pe din o un este dar documentație pagină site căutare limbă revizuire construi",
		"hu": "a az és hogy nem is egy de meg van csak dokumentáció oldal webhely keresés nyelv felülvizsgálat építeni",
		"tr": "ve bir bu da de için ile çok daha ne ama belgeler sayfa site arama dil inceleme oluşturmak",
		"ru": "и в не на я что он с как а то все она так его но документация страница сайт поиск язык проверка собрать",
		"uk": "і в не на що з як а та але це він до документація сторінка сайт пошук мова перевірка зібрати",
		"el": "και το να η της την ο του με για από σε τα οι τεκμηρίωση σελίδα ιστότοπος αναζήτηση γλώσσα έλεγχος",
		"ja": "これ は の に を と が で た し て ドキュメント ページ サイト 検索 言語 レビュー 構築",
		"ko": "이 그 는 을 를 에 의 가 와 과 하다 문서 페이지 사이트 검색 언어 검토 빌드",
	}[code]
	return strings.Fields(base)
}

// snippets are the code blocks every language shares.
var snippets = []struct{ lang, code string }{
	{"go", "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n)\n\nfunc main() {\n\tif len(os.Args) < 2 {\n\t\tfmt.Fprintln(os.Stderr, \"usage: hello NAME\")\n\t\tos.Exit(2)\n\t}\n\tfor i, a := range os.Args[1:] {\n\t\tfmt.Printf(\"%d: hello, %s\\n\", i, a)\n\t}\n}\n"},
	{"python", "import json\nimport sys\n\n\ndef load(path):\n    \"\"\"Read a settings file.\"\"\"\n    with open(path, encoding=\"utf-8\") as f:\n        return json.load(f)\n\n\nif __name__ == \"__main__\":\n    cfg = load(sys.argv[1])\n    for key, value in sorted(cfg.items()):\n        print(f\"{key} = {value!r}\")\n"},
	{"javascript", "const items = document.querySelectorAll('[data-item]');\nfor (const el of items) {\n  el.addEventListener('click', (ev) => {\n    ev.preventDefault();\n    const id = el.dataset.item;\n    fetch(`/api/items/${id}`)\n      .then((r) => r.json())\n      .then((data) => console.log(data.name, data.count * 2));\n  });\n}\n"},
	{"bash", "#!/usr/bin/env bash\nset -euo pipefail\nfor f in docs/*.md; do\n  if grep -q 'TODO' \"$f\"; then\n    echo \"$f: has TODO\" >&2\n  fi\ndone\nexport OUT=${OUT:-public}\nfolio build --out \"$OUT\"\n"},
	{"json", "{\n  \"name\": \"example\",\n  \"version\": \"1.2.3\",\n  \"private\": true,\n  \"scripts\": {\"build\": \"folio build\", \"test\": \"go test ./...\"},\n  \"keywords\": [\"docs\", \"static\", 42, null, false]\n}\n"},
	{"yaml", "title: Example\nlanguages:\n  - code: en\n    name: English\n  - code: fr\n    name: Français\nbase_url: https://docs.example.org/\nsearch: true # the index is built for each language\n"},
	{"html", "<!doctype html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Example</title></head>\n<body>\n  <main id=\"content\" class=\"page\">\n    <h1>Hello</h1>\n    <p>Some <em>text</em> &amp; a <a href=\"/x\">link</a>.</p>\n  </main>\n</body>\n</html>\n"},
	{"sql", "SELECT p.id, p.title, COUNT(c.id) AS comments\nFROM pages AS p\nLEFT JOIN comments AS c ON c.page_id = p.id\nWHERE p.published_at >= '2026-01-01'\nGROUP BY p.id, p.title\nORDER BY comments DESC\nLIMIT 20;\n"},
}

func codeBlock(k int) string {
	s := snippets[k%len(snippets)]
	return "```" + s.lang + "\n" + s.code + "```\n\n"
}

// pngImage is a small striped picture, different for each index.
func pngImage(i int) []byte {
	const w, h = 160, 90
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			v := uint8((x*(i+1) + y*3) % 256)
			img.Set(x, y, color.NRGBA{v, uint8(255 - int(v)), uint8(i * 20), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err) // encoding into memory cannot fail
	}
	return buf.Bytes()
}
