package serve

import (
	"fmt"
	"net/http"
	"sync"
	"time"
)

// hub sends server-sent events to every connected browser tab.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]struct{}
	last    *event // the latest diagnostics, sent to tabs as they connect
	done    chan struct{}
}

type event struct {
	name string // "reload", "css" or "diagnostics"
	data string // one line of JSON
}

func newHub() *hub { return &hub{clients: map[chan event]struct{}{}, done: make(chan struct{})} }

// close ends every stream, so that the server can shut down.
func (h *hub) close() { close(h.done) }

// send delivers e to every tab. A tab too slow to keep up misses the
// event rather than slowing the others down; it reloads on the next one.
func (h *hub) send(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if e.name == "diagnostics" {
		h.last = &e
	}
	for c := range h.clients {
		select {
		case c <- e:
		default:
		}
	}
}

func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	c := make(chan event, 8)
	h.mu.Lock()
	h.clients[c] = struct{}{}
	if h.last != nil {
		c <- *h.last
	}
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, c)
		h.mu.Unlock()
	}()
	fmt.Fprint(w, "retry: 500\n\n")
	flusher.Flush()
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case e := <-c:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
			flusher.Flush()
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			flusher.Flush()
		}
	}
}
