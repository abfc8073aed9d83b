package search

// Indexer analyses the pages of a build on one goroutine (Run), beside the
// workers that render them, and merges each language's pages into its
// index in reading order as soon as they and the pages before them are
// analysed. Analysis is mostly looking words up in the vocabulary it has
// seen: one vocabulary learnt once costs less than one learnt by each
// worker, and the merge is done by the time the last page is rendered.
type Indexer struct {
	queue chan indexJob
	langs []*langIndex
}

type indexJob struct {
	lang, pos int
	text      *Text
}

// langIndex is the merge of one language's index under way.
type langIndex struct {
	a     *Analysis
	m     *Merger
	pages []*Page // analysed, by place in reading order
	next  int     // the first page not merged yet
}

// NewIndexer prepares the index of each language: langs[i] is its
// analysis, and it will have sizes[i] pages.
func NewIndexer(langs []*Analysis, sizes []int) *Indexer {
	ix := &Indexer{queue: make(chan indexJob, 64), langs: make([]*langIndex, len(langs))}
	for i, a := range langs {
		ix.langs[i] = &langIndex{a: a, m: NewMerger(a), pages: make([]*Page, sizes[i])}
	}
	return ix
}

// Add queues the text of the page at place pos of language lang. It may
// be called from several goroutines at once, while Run runs and until
// Close; it waits when Run is far behind.
func (ix *Indexer) Add(lang, pos int, t *Text) {
	ix.queue <- indexJob{lang, pos, t}
}

// Close says that no page will be added.
func (ix *Indexer) Close() { close(ix.queue) }

// Run analyses and merges the pages as they are added, and returns once
// Close was called and every page added is analysed.
func (ix *Indexer) Run() {
	for j := range ix.queue {
		li := ix.langs[j.lang]
		li.pages[j.pos] = li.a.AnalyseText(j.text)
		for li.next < len(li.pages) && li.pages[li.next] != nil {
			li.m.Add(li.pages[li.next])
			li.next++
		}
	}
}

// Pages returns, once Run has returned, the analysed pages of language
// lang by place; nil for a page that was not added.
func (ix *Indexer) Pages(lang int) []*Page { return ix.langs[lang].pages }

// Merged returns, once Run has returned, the index of language lang when
// every one of its pages was added and merged; nil otherwise.
func (ix *Indexer) Merged(lang int) *Merger {
	li := ix.langs[lang]
	if li.next < len(li.pages) {
		return nil
	}
	return li.m
}
