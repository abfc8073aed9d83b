package search

import (
	"bytes"
	"sync"
	"testing"
)

// TestIndexer: pages added out of order, from several goroutines, make the
// index that Build makes of them in order; a language missing a page has
// no merged index, and its other pages are still analysed.
func TestIndexer(t *testing.T) {
	want, err := Build("en", testEntries)
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndexer([]*Analysis{NewAnalysis("en"), NewAnalysis("fr")}, []int{len(testEntries), 2})
	var run sync.WaitGroup
	run.Go(ix.Run)
	var workers sync.WaitGroup
	for i := len(testEntries) - 1; i >= 0; i-- {
		workers.Go(func() {
			text, err := Extract(testEntries[i])
			if err != nil {
				t.Error(err)
				return
			}
			ix.Add(0, i, text)
		})
	}
	text, err := Extract(Entry{URL: "fr/", Title: "Accueil", HTML: []byte("<p>Bienvenue.")})
	if err != nil {
		t.Fatal(err)
	}
	ix.Add(1, 1, text) // the French page at place 0 never comes
	workers.Wait()
	ix.Close()
	run.Wait()

	m := ix.Merged(0)
	if m == nil {
		t.Fatal("every English page was added, but there is no merged index")
	}
	got, err := m.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the indexer's index differs from Build's:\n%s\n%s", got, want)
	}
	if ix.Merged(1) != nil {
		t.Error("French is missing a page, yet has a merged index")
	}
	if fr := ix.Pages(1); fr[0] != nil || fr[1] == nil {
		t.Errorf("French pages = %v, want the second one only", fr)
	}
}
