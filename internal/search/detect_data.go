package search

// Language data used only to tell languages apart (detect.go); the search
// analysis does not use it.

// detectStopWords are stop words of languages the analyser has no rules
// for but that a site may well be written in. Their use is to recognise
// those languages, and above all to keep their text from passing for a
// neighbour's: without Swedish, a Swedish page scores a little in Danish,
// Dutch and English and nothing else. Danish and Norwegian share most of
// theirs, so text in either is left undecided rather than guessed. Only
// frequent function words: a rare word listed wrongly costs nothing, a
// frequent word of another language listed here costs accuracy.
var detectStopWords = map[string]string{
	"sv": `och att det som en på är av för med till den har de inte om ett men var jag sig så kan
		eller från vid när hur vi ska detta här också`,
	"da": `og at det som en på er af for med til den har de ikke om et men var jeg sig så kan
		eller fra ved når hvordan vi skal dette her der også`,
	"nb": `og at det som en på er av for med til den har de ikke om et men var jeg seg så kan
		eller fra ved når hvordan vi skal dette her der også`,
	"fi": `ja on ei se että ovat oli kun mutta tai jos niin kuin myös sekä tämä joka voi sen ole
		kanssa mukaan vain voit`,
	"hu": `az és hogy nem egy ez meg de van volt csak már mint vagy ha azt ki mi kell lehet ezt
		való`,
	"ro": `și în la cu pe un este care nu din pentru sau mai ca ce sunt ale lui cum dacă acest
		această fi`,
	"id": `yang dan di ke dari ini itu dengan untuk pada adalah dalam tidak akan atau juga ada oleh
		saya kami anda bisa dapat`,
	"vi": `của và các là có được cho trong này không với một những để khi người đã thì từ đến bạn`,
	"sk": `je sa na to že ako aj pre do so by ale alebo sú len ktorý ktoré som si zo ste ich`,
	"bg": `на се да за от не че по са като това което но или при до ще така то`,
}

// hanForms are frequent characters that simplified and traditional
// Chinese write differently, simplified first in each pair: the counts
// of each side tell the two apart. Japanese is recognised by its kana
// before these are looked at.
const hanForms = "这這个個们們来來说說时時会會为為发發对對过過还還进進应應么麼没沒当當经經样樣现現" +
	"动動实實关關开開问問题題长長从從网網页頁数數据據请請设設载載务務码碼语語单單击擊选選项項" +
	"显顯输輸户戶录錄链鏈图圖标標体體"

// Letters that mark one language among those sharing a script.
const (
	ukLetters     = "іїєґ"    // Ukrainian: not in Russian or Bulgarian
	ruLetters     = "ыэё"     // Russian: not in Ukrainian or Bulgarian
	faLetters     = "پچژگکی"  // Persian (and Urdu) forms: pe, che, zhe, gaf, keheh, farsi yeh
	arabicLetters = "يكة"     // Arabic forms that Persian and Urdu write otherwise, or rarely
	urLetters     = "ٹڈڑںےہھ" // Urdu only: retroflex letters, noon ghunna, bari ye, heh goal, do-chashmi he
)
