package diagram

import (
	"encoding/base64"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/dop251/goja"

	"folio/themes"
)

// program is the renderer's script, with layoutPatches, compiled once for
// all runtimes (a compiled goja program may be run by several). Compiling
// it is most of the cost of the first diagram.
var program = sync.OnceValues(func() (*goja.Program, error) {
	script, err := patchLayout(themes.BeautifulMermaid)
	if err != nil {
		return nil, err
	}
	return goja.Compile("beautiful-mermaid.js", script, false)
})

// environment is what the script expects of its host: the bundled layout
// engine (elkjs) looks for a global object under the name "global" and
// writes to the console; its fake worker schedules with setTimeout, which
// beautiful-mermaid replaces while it starts it and which is otherwise
// never needed to draw.
const environment = `var global = globalThis;
var console = {log: function() {}, warn: function() {}, error: function() {}, err: function() {},
	group: function() {}, groupCollapsed: function() {}, groupEnd: function() {}};
function setTimeout() { return 0; }
function clearTimeout() {}`

// maxCallStack bounds the script's recursion, so that a hostile diagram
// ends with an error rather than growing the stack without end.
const maxCallStack = 20000

// vm is one runtime with the script loaded.
type vm struct {
	rt     *goja.Runtime
	render goja.Callable
	opts   goja.Value
}

func newVM() (*vm, error) {
	prog, err := program()
	if err != nil {
		return nil, fmt.Errorf("loading the diagram renderer: %w", err)
	}
	rt := goja.New()
	rt.SetMaxCallStackSize(maxCallStack)
	// atob decodes to a "binary string", one character per byte, as in
	// browsers (the entities package decodes its tables with it).
	if err := rt.Set("atob", func(s string) (string, error) {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return "", err
		}
		r := make([]rune, len(b))
		for i, c := range b {
			r[i] = rune(c)
		}
		return string(r), nil
	}); err != nil {
		return nil, err
	}
	if _, err := rt.RunString(environment); err != nil {
		return nil, err
	}
	if _, err := rt.RunProgram(prog); err != nil {
		return nil, fmt.Errorf("loading the diagram renderer: %w", err)
	}
	bm := rt.Get("beautifulMermaid")
	if bm == nil {
		return nil, errors.New("loading the diagram renderer: no beautifulMermaid")
	}
	render, ok := goja.AssertFunction(bm.ToObject(rt).Get("renderMermaidSVG"))
	if !ok {
		return nil, errors.New("loading the diagram renderer: no renderMermaidSVG")
	}
	opts, err := rt.RunString("(" + renderOptions + ")")
	if err != nil {
		return nil, err
	}
	return &vm{rt: rt, render: render, opts: opts}, nil
}

// pool keeps the runtimes: at most cap(slots) exist at once, and those not
// in use wait in idle.
type pool struct {
	slots chan struct{}
	idle  chan *vm
}

func newPool(n int) *pool {
	n = max(n, 1)
	return &pool{slots: make(chan struct{}, n), idle: make(chan *vm, n)}
}

// get returns an idle runtime, or makes one when fewer than the maximum
// exist, or waits for one.
func (p *pool) get() (*vm, error) {
	select {
	case v := <-p.idle:
		return v, nil
	default:
	}
	select {
	case v := <-p.idle:
		return v, nil
	case p.slots <- struct{}{}:
		v, err := newVM()
		if err != nil {
			<-p.slots
			return nil, err
		}
		return v, nil
	}
}

// put gives a runtime back; drop forgets it (after an interruption its
// state is unknown) and frees its slot.
func (p *pool) put(v *vm) { p.idle <- v }
func (p *pool) drop()     { <-p.slots }

// render runs renderMermaidSVG(body) in a runtime of the pool, and
// interrupts it after timeout.
func (p *pool) render(body string, timeout time.Duration) (svg string, err error) {
	v, err := p.get()
	if err != nil {
		return "", err
	}
	keep := false
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the diagram renderer failed: %v", r)
			keep = false
		}
		if keep {
			p.put(v)
		} else {
			p.drop()
		}
	}()
	timer := time.AfterFunc(timeout, func() { v.rt.Interrupt(ErrTimeout) })
	res, err := v.render(goja.Undefined(), v.rt.ToValue(body), v.opts)
	// A timer that fired may have interrupted the runtime after the call
	// returned: such a runtime is not reused.
	keep = timer.Stop()
	var interrupted *goja.InterruptedError
	switch {
	case errors.As(err, &interrupted):
		return "", ErrTimeout
	case err != nil:
		var ex *goja.Exception
		if errors.As(err, &ex) {
			return "", &SyntaxError{Msg: jsMessage(ex)}
		}
		return "", err
	}
	svg = res.String()
	if len(svg) > maxSVG {
		return "", fmt.Errorf("the drawing is larger than %d MiB", maxSVG>>20)
	}
	return svg, nil
}

// jsMessage is the message of a JavaScript exception, without the stack.
func jsMessage(ex *goja.Exception) string {
	if o, ok := ex.Value().(*goja.Object); ok {
		if m := o.Get("message"); m != nil && !goja.IsUndefined(m) {
			return m.String()
		}
	}
	return ex.Value().String()
}
