package search

import (
	"slices"
	"strings"
)

// The language data below travels inside every index (see Analysis), so
// search.js applies exactly the rules the index was built with and holds no
// copy of them. Keep every list short: a stop word or a stemming rule that
// is wrong costs recall, one that is missing costs only a little precision.

// foldGroups maps groups of lower-case characters to their folded form. It
// stands in for Unicode NFD decomposition plus removal of marks, which
// would need golang.org/x/text: the precomposed letters of Latin-1,
// Latin Extended-A and the common Latin Extended-B letters (Romanian,
// Pinyin), a few ligatures, final sigma, and Arabic letter variants.
// Combining marks (see marks) fold to nothing, so decomposed input folds
// the same way as precomposed input.
var foldGroups = [][2]string{
	{"àáâãäåāăąǎ", "a"},
	{"æ", "ae"},
	{"çćĉċč", "c"},
	{"ďđð", "d"},
	{"èéêëēĕėęě", "e"},
	{"ĝğġģ", "g"},
	{"ĥħ", "h"},
	{"ìíîïĩīĭįıǐ", "i"},
	{"ĳ", "ij"},
	{"ĵ", "j"},
	{"ķ", "k"},
	{"ĺļľŀł", "l"},
	{"ñńņňŉ", "n"},
	{"òóôõöøōŏőǒ", "o"},
	{"œ", "oe"},
	{"ŕŗř", "r"},
	{"śŝşšș", "s"},
	{"ß", "ss"},
	{"ţťŧț", "t"},
	{"þ", "th"},
	{"ùúûüũūŭůűųǔǖǘǚǜ", "u"},
	{"ŵ", "w"},
	{"ýÿŷ", "y"},
	{"źżž", "z"},
	{"ﬀ", "ff"},
	{"ﬁ", "fi"},
	{"ﬂ", "fl"},
	// Greek: tonos and dialytika, and final sigma.
	{"άἀ", "α"}, {"έ", "ε"}, {"ή", "η"}, {"ίϊΐ", "ι"}, {"ό", "ο"}, {"ύϋΰ", "υ"}, {"ώ", "ω"},
	{"ς", "σ"},
	// Cyrillic: ё is written е as often as not.
	{"ё", "е"},
	// Arabic: hamza and madda forms of alef, and alef maksura, are written
	// interchangeably; tatweel (U+0640) only stretches a word.
	{"أإآٱ", "ا"},
	{"ى", "ي"},
	{"\u0640", ""},
	// The zero-width non-joiner and joiner shape letters without
	// parting words: Persian writes می‌توانید with one, which many
	// keyboards leave out (t80: either spelling found nothing of the
	// other, and نسخه‌ای gave a word ای).
	{"\u200c\u200d", ""},
}

// marks are the combining characters removed by folding: the combining
// diacritical marks (U+0300–U+036F) that decomposed Latin text carries, and
// Arabic tashkeel (U+064B–U+065F, U+0670). Other scripts keep their marks,
// which are parts of letters there.
var marks = [][2]rune{{0x0300, 0x036F}, {0x064B, 0x065F}, {0x0670, 0x0670}}

// stopWords are per language; NewAnalysis folds them. Single letters need
// no listing: the tokeniser drops them. Words this frequent match
// nearly every page, so they are left out of the index and of queries.
var stopWords = map[string]string{
	"en": `an and are as at be but by can do does for from has have how if in into is it its
		not of on or so that the their then there these this to was were what when where which
		who will with you your`,
	"fr": `au aux avec ce ces dans de des du elle en est et eux il ils je la le les leur lui mais
		me meme mes ne nous on ou par pas pour qu que qui sa se ses son sont sur ta te tes toi ton
		tu un une vos votre vous`,
	"es": `al como con de del el en es esta este esto la las lo los mas no para pero por que se
		sin su sus un una uno unos unas ya`,
	"pt": `ao aos as com como da das de do dos em esta este isso mais mas na nas no nos os ou
		para pela pelo por que se sem seu sua um uma`,
	"ar": `في من على الى عن ان او ما لا هذا هذه ذلك التي الذي هو هي مع كان كل ثم قد`,
	"de": `aber als am an auch auf aus bei bis da dann das dass dem den der des die dies diese
		dieser durch ein eine einem einen einer eines es fur hat ich ihr im in ist kann mit nach
		nicht noch nur oder sich sie sind so uber um und von vor war was wenn werden wie wird zu
		zum zur`,
	"it": `al alla alle anche che ci come con da dal dalla degli dei del della delle di gli ha il
		in la le lo ma ne nei nel nella non per piu se si sono su sul sulla tra un una uno`,
	"nl": `aan als bij dan dat de den der die dit door een en er het hij hoe in is je kan maar met
		na naar niet nog of om ook op over te tot uit van voor was wat wel wordt ze zich zijn`,
	"ru": `без бы во вот все вы да для до его ее если же за из или им их как ли мы на не нет но об
		он она они от по при со так то только уже что это`,
	"uk": `або але без би від вона вони все він до за із її їх коли ми на не ні по при про та так
		те то це чи що як`,
	"pl": `aby ale bo by czy do dla go ich jak jako jest je jego jej juz lub ma na nie od oraz po
		przez przy sa sie tak tam to tu we za ze`,
	"cs": `aby ale ani az by co do jak je jeho jej jsou kde ke na nebo neni od po pod pro se si ta
		tak te to ve za ze`,
	"tr": `ama bir bu da de diye gibi icin ile ise kadar ki mi ne olan olarak ve veya ya`,
}

// StemRule removes Strip runes from a word that ends with Suffix, provided
// MinStem runes remain. A rule with Strip 0 stops its step without
// changing the word ("ss" keeps "class" from losing its last s).
type StemRule struct {
	Suffix  string `json:"s"`
	Strip   int    `json:"n"`
	MinStem int    `json:"m"`
}

// cut returns rules that remove each of the space-separated suffixes
// whole, leaving at least minStem runes.
func cut(minStem int, suffixes string) []StemRule {
	var out []StemRule
	for _, s := range strings.Fields(suffixes) {
		out = append(out, StemRule{s, len([]rune(s)), minStem})
	}
	return out
}

// after returns rules that remove strip runes from words ending in suffix
// preceded by one of the letters of before: the German plural -s only
// after a consonant that takes it.
func after(before, suffix string, strip, minStem int) []StemRule {
	var out []StemRule
	for _, r := range before {
		out = append(out, StemRule{string(r) + suffix, strip, minStem})
	}
	return out
}

// doubled returns rules that remove the second of two equal final letters.
func doubled(letters string, minStem int) []StemRule {
	var out []StemRule
	for _, r := range letters {
		out = append(out, StemRule{string(r) + string(r), 1, minStem})
	}
	return out
}

// stemSteps are the light stemmers: per language, steps applied in order,
// each applying its first matching rule. They remove inflections
// (plurals, cases, gender) and a few common endings, after folding, so
// they are written without accents. Rules only ever remove letters, so a
// stem is always a prefix of its word; search.js relies on that for
// prefix search on the word being typed. The rules for de, es, pt, it, ru
// and cs follow the light stemmers of J. Savoy (as in Lucene's
// *LightStemmer), without their letter substitutions; nl, uk and pl are in
// the same spirit. Turkish stacks suffixes too freely for a few rules: it
// loses its plurals here, and the rest is left to prefix matching (see
// prefixLangs).
var stemSteps = map[string][][]StemRule{
	"en": {
		// Plurals.
		{{"sses", 2, 3}, {"ies", 3, 3}, {"ss", 0, 0}, {"us", 0, 0}, {"is", 0, 0}, {"s", 1, 3}},
		// Common suffixes: configuration, configured, configuring,
		// configure → configur; quickly → quick; library → librar.
		{{"ation", 5, 3}, {"ment", 4, 4}, {"ness", 4, 3}, {"ing", 3, 3}, {"ed", 2, 3},
			{"ly", 2, 5}, {"er", 2, 4}, {"e", 1, 3}, {"y", 1, 4}},
	},
	"fr": {
		// Plurals: -s, and -x after -eau/-eu.
		{{"eaux", 1, 2}, {"eux", 1, 2}, {"ss", 0, 0}, {"s", 1, 3}},
		// Common suffixes, accents already folded: configuration,
		// configurer, configure(e), configurez → configur.
		{{"ement", 5, 4}, {"ation", 5, 3}, {"euse", 4, 3}, {"eur", 3, 3}, {"ee", 2, 3},
			{"er", 2, 3}, {"ez", 2, 3}, {"e", 1, 3}},
	},
	// Variablen, Variable → variabl; Einstellungen → einstellung.
	"de": {
		slices.Concat(cut(3, "ern em en er es"), after("bdfghklmnt", "s", 1, 3), cut(3, "e")),
		slices.Concat(cut(3, "est"), after("bdfghklmnt", "st", 2, 3), cut(3, "er en")),
	},
	// servidores → servidor; rápida, rápidos → rapid.
	"es": {slices.Concat([]StemRule{{"eses", 2, 3}}, cut(3, "os as es"), cut(4, "a o e"))},
	// configurações, configuração → configurac; possíveis, possível → possiv.
	"pt": {
		slices.Concat(cut(3, "oes ais eis"), []StemRule{{"res", 2, 3}, {"zes", 2, 3}, {"ses", 2, 3}, {"ss", 0, 0}}, cut(3, "s")),
		slices.Concat(cut(3, "ao al el"), cut(4, "a e o")),
	},
	// configurazione, configurazioni → configurazion.
	"it": {slices.Concat(cut(4, "ie he hi ii ia io"), cut(5, "e i a o"))},
	// bestanden → bestand; mogelijkheden, mogelijkheid → mogelijk.
	"nl": {
		slices.Concat(cut(3, "heden heid tjes tje jes ens en je"), []StemRule{{"is", 0, 0}, {"us", 0, 0}, {"ss", 0, 0}}, cut(3, "s e")),
		// bommen → bomm → bom.
		doubled("bdfgklmnprt", 3),
	},
	// переменные, переменная, переменных → перемен.
	"ru": {
		slices.Concat(cut(3, "иями оями"),
			cut(3, "иям иях оях ями оям ами его ему ери ими ого ому ыми оев"),
			cut(3, "ая яя ях юю ах ею их ия ию ою ую ям ых ея ам ем ей ев ий ое ом ой ые ый им ым ов ие ее"),
			cut(3, "а е и й о у ы ь ю я")),
		slices.Concat([]StemRule{{"нн", 1, 3}}, cut(3, "ь и")),
	},
	// змінні, змінна, змінних → змін.
	"uk": {
		slices.Concat(cut(3, "ами ями ові еві єві ого ому ими іми"),
			cut(3, "ах ях ів їв ом ем єм ям ам ою ею єю ий ій ої ей им ім их іх"),
			cut(3, "а я у ю і и о е ь ї є й")),
		slices.Concat([]StemRule{{"нн", 1, 3}}, cut(3, "ь")),
	},
	// zmienna, zmiennych, zmiennymi → zmienn; plików, plikach → plik.
	"pl": {slices.Concat(cut(3, "owie ami ach ych ich ymi imi ego emu owi iem om ow em ej ym im ie a e i y o u"))},
	// proměnná, proměnných → promenn; souborech, soubory → soubor.
	"cs": {
		slices.Concat(cut(3, "atech etem atum"),
			cut(3, "ech ich eho emi emu ete eti iho imi imu ach ata aty ych ama ami ove ovi ymi"),
			cut(3, "em es im um at am os us ym mi ou a e i o u y")),
		slices.Concat(cut(4, "ov in uv")),
	},
	// değişkenler, değişkenlerin → degisken.
	"tr": {slices.Concat(cut(3, "lerinden larindan lerinde larinda lerini larini lerine larina lerden lardan lerin larin leri lari lerde larda lere lara ler lar"))},
}

// prefixLangs match every word of a query as the start of longer words, not
// only the word being typed: their words take suffixes that light
// stemming leaves on.
var prefixLangs = map[string]bool{"tr": true}

// base returns the language part of a code: "fr-CA" → "fr".
func base(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}
