package search

import "strings"

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
	// Arabic: hamza and madda forms of alef, and alef maksura, are written
	// interchangeably; tatweel (U+0640) only stretches a word.
	{"أإآٱ", "ا"},
	{"ى", "ي"},
	{"\u0640", ""},
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
}

// StemRule removes Strip runes from a word that ends with Suffix, provided
// MinStem runes remain. A rule with Strip 0 stops its step without
// changing the word ("ss" keeps "class" from losing its last s).
type StemRule struct {
	Suffix  string `json:"s"`
	Strip   int    `json:"n"`
	MinStem int    `json:"m"`
}

// stemSteps are the light stemmers: per language, steps applied in order,
// each applying its first matching rule. Rules only ever remove letters,
// so a stem is always a prefix of its word; search.js relies on that for
// prefix search on the word being typed. Only en and fr have stemmers;
// other languages are matched by their folded words.
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
}

// base returns the language part of a code: "fr-CA" → "fr".
func base(lang string) string {
	lang = strings.ToLower(lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}
