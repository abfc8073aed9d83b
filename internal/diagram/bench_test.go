package diagram

import (
	"fmt"
	"testing"

	"github.com/dop251/goja"

	"folio/themes"
)

// The cost of a diagram, from the coldest start to the cache:
//
//	BenchmarkDiagramCompile     compiling the renderer's script: once per process
//	BenchmarkDiagramCold/*      a new runtime (loading the compiled script) and the first drawing in it
//	BenchmarkDiagramWarm/*      drawing in a warm runtime, not cached (an edited diagram in folio serve)
//	BenchmarkDiagramCached/*    a diagram already drawn (the same diagram in another language, an unchanged one in a rebuild)
//
// go test -run '^$' -bench Diagram ./internal/diagram

var benchSources = []struct{ name, src string }{
	{"sequence", `sequenceDiagram
  title Voucher redemption
  participant Merchant as Source BB (Merchant Interface)
  participant PBB as Payment BB
  participant FSP
  Merchant->>PBB: Submit voucher and merchant details
  alt Error 400
    PBB-->>Merchant: Invalid request
  end
  PBB->>PBB: Check voucher
  PBB->>FSP: Debit request
  FSP-->>PBB: Debit successful
  Note over PBB,FSP: Voucher consumed
  PBB-->>Merchant: Amount credited`},
	{"flowchart", `flowchart LR
  subgraph Source[GitBook repository]
    SUMMARY.md-->Pages
    Pages-->Assets
  end
  subgraph Site[Static site]
    HTML-->Search[(Index)]
    HTML-->Feed
  end
  Pages-- folio build -->HTML
  Assets-->HTML`},
}

func BenchmarkDiagramCompile(b *testing.B) {
	script, err := patchLayout(themes.BeautifulMermaid)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := goja.Compile("beautiful-mermaid.js", script, false); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDiagramCold(b *testing.B) {
	if _, err := program(); err != nil {
		b.Fatal(err)
	}
	for _, s := range benchSources {
		b.Run(s.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := New(1, 1<<20).Draw(s.src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDiagramWarm(b *testing.B) {
	for _, s := range benchSources {
		b.Run(s.name, func(b *testing.B) {
			r := New(1, 1<<20)
			if _, err := r.Draw(s.src); err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				i++
				// A comment makes the source new to the cache, not to the renderer.
				if _, err := r.Draw(fmt.Sprintf("%s\n%%%% %d", s.src, i)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDiagramCached(b *testing.B) {
	for _, s := range benchSources {
		b.Run(s.name, func(b *testing.B) {
			r := New(1, 1<<20)
			if _, err := r.Draw(s.src); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				d, err := r.Draw(s.src)
				if err != nil {
					b.Fatal(err)
				}
				_ = d.SVG("mermaid-1-")
			}
		})
	}
}
