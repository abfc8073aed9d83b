// Package hugeheap asks Linux to back the Go heap with transparent huge
// pages. Imported for its effect by cmd/folio, it runs before the
// packages that allocate at start-up (chroma's lexer registry, the JSON
// Schema meta-schemas), so they are served by it too.
//
// Why: a build touches most of its heap once. Each first touch of a
// 4 KiB page is a page fault, and on virtual machines a fault costs
// 10–20 µs: without this, a third of a 700-page build and a quarter of
// a small one's start is spent in them. One 2 MiB page replaces 512
// faults. The Go runtime does not ask for huge pages itself, and most
// distributions give them only to memory that asks ("madvise").
//
// How: the runtime maps its heap as it grows and each new mapping loses
// the request, so the heap is first grown to reserve (address space
// only: nothing is touched), the block freed, and the whole range
// marked. Allocations then reuse that range from its low end. A heap
// that outgrows it continues on ordinary pages.
//
// GODEBUG=disablethp=1, Go's own switch for huge pages, turns this off.
package hugeheap
