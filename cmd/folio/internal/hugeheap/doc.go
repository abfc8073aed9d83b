// Package hugeheap asks Linux to back the Go heap of a build with
// transparent huge pages. Imported for its effect by cmd/folio, its init
// runs before the packages that allocate at start-up (chroma's lexer
// registry, the JSON Schema meta-schemas), so they are served by it too:
// Go initialises packages in the order of their import paths once their
// own imports are, and folio/… comes before github.com/….
//
// Why: a build touches most of its heap once. Each first touch of a
// 4 KiB page is a page fault, and on virtual machines a fault costs
// 10–20 µs: without this, a third of a 700-page build and a quarter of
// a small one's start is spent in them. One 2 MiB page replaces 512
// faults. The Go runtime does not ask for huge pages itself, and most
// distributions give them only to memory that asks ("madvise").
//
// How: the runtime maps its heap as it grows and each new mapping loses
// the request, so the heap is first grown to reserve (address space,
// not memory: nothing is touched), the block freed, and the range from
// the heap's start to the block's end marked. Allocations then reuse
// that range from its low end. A heap that outgrows it continues on
// ordinary pages.
//
// When not: `folio serve`, which runs for hours, freeing memory the
// kernel would merge back into huge pages behind the runtime's back
// (Go issue 63334); a process whose address space or overcommit is
// limited, where the reservation could fail; the race detector, whose
// shadow memory follows the heap's; and GODEBUG=disablethp=1, Go's own
// switch for huge pages.
package hugeheap
