package diagram

import (
	"container/list"
	"fmt"
	"sync"
)

// cache holds drawings (and the errors of sources that do not draw) by the
// hash of what made them, least recently used first out when their size
// passes max. Callers asking for a key being drawn wait for that drawing
// rather than draw it again: the pages of two languages often share a
// diagram and are built at the same time.
type cache struct {
	mu    sync.Mutex
	m     map[[32]byte]*entry
	lru   list.List // of *entry, most recent first; only finished entries
	size  int
	max   int
	draws int // fills run, for tests
}

type entry struct {
	key  [32]byte
	done chan struct{}
	d    *Diagram
	err  error
	size int
	elem *list.Element
}

func newCache(max int) *cache {
	return &cache{m: map[[32]byte]*entry{}, max: max}
}

// get returns the cached result for key, or runs fill once for all the
// callers that ask meanwhile. fill's last result says whether to keep
// its result.
func (c *cache) get(key [32]byte, fill func() (*Diagram, error, bool)) (d *Diagram, err error) {
	c.mu.Lock()
	if e, ok := c.m[key]; ok {
		if e.elem != nil {
			c.lru.MoveToFront(e.elem)
		}
		c.mu.Unlock()
		<-e.done
		return e.d, e.err
	}
	e := &entry{key: key, done: make(chan struct{})}
	c.m[key] = e
	c.draws++
	c.mu.Unlock()

	keep := false
	defer func() {
		// A bug in folio's handling of some source must not stop the
		// build: it becomes that diagram's error, not kept.
		if r := recover(); r != nil {
			e.d, e.err, keep = nil, fmt.Errorf("folio failed to draw the diagram: %v", r), false
			d, err = e.d, e.err
		}
		c.mu.Lock()
		if keep {
			e.size = e.cost()
			e.elem = c.lru.PushFront(e)
			c.size += e.size
			for c.size > c.max && c.lru.Len() > 1 {
				old := c.lru.Remove(c.lru.Back()).(*entry)
				delete(c.m, old.key)
				c.size -= old.size
			}
		} else {
			delete(c.m, key)
		}
		c.mu.Unlock()
		close(e.done)
	}()
	e.d, e.err, keep = fill()
	return e.d, e.err
}

// cost is about the memory an entry holds.
func (e *entry) cost() int {
	n := 256
	if e.d != nil {
		for _, p := range e.d.drawing.parts {
			n += len(p) + 16
		}
		for _, t := range e.d.drawing.texts {
			n += len(t) + 16
		}
	}
	return n
}
