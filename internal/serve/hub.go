package serve

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// hub tells every connected browser tab about new builds and diagnostics.
//
// Each build the tabs can see gets a version, "<boot>.<n>": boot names
// this server process, n counts its builds. Pages carry the version they
// were served at (handler.go), and a tab that connects, or reconnects,
// with an older version is told at once to update: an edit saved while a
// tab was reloading, or while its connection was down, is never lost.
//
// A tab is not sent a queue of events but the latest state, when it
// changes: a slow tab skips the builds it had no time for and still
// ends on the last one.
type hub struct {
	boot string
	// page returns the HTML of the page at a URL path in the site served
	// now, nil for none. An update carries the new HTML of the tab's page:
	// the tab shows it without asking for it.
	page func(path string) []byte

	mu      sync.Mutex
	clients map[chan struct{}]struct{}
	n       int    // the latest build's number; 0 before the first
	frameN  int    // the latest build that changed the frame (templates, scripts, assets)
	cssN    int    // the latest build that changed only stylesheets
	diags   string // the latest diagnostics, as JSON; "" before the first
	diagSeq int    // counts the diagnostics sent
	// moved holds, for a page's old URL path (/guides/a/), its new one,
	// where a build published the same file elsewhere (a section's path
	// renamed): a tab there follows it.
	moved map[string]string
	done  chan struct{}
}

// buildKind says what a build changed, and so what an open page does.
type buildKind int

const (
	changedText  buildKind = iota // pages' text or navigation: update the page in place
	changedCSS                    // only stylesheets: swap them
	changedFrame                  // templates, scripts, assets, configuration: reload
)

func newHub() *hub {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	return &hub{boot: hex.EncodeToString(b), clients: map[chan struct{}]struct{}{}, done: make(chan struct{})}
}

// close ends every stream, so that the server can shut down.
func (h *hub) close() { close(h.done) }

// version is the version of the latest build, as pages carry it.
func (h *hub) version() string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.token(h.n)
}

func (h *hub) token(n int) string { return h.boot + "." + strconv.Itoa(n) }

// published records a build that the server now serves and tells the
// tabs; moves maps the old URL path of each page it moved to its new one.
func (h *hub) published(kind buildKind, moves map[string]string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.n++
	for from, to := range moves {
		if h.moved == nil {
			h.moved = map[string]string{}
		}
		for old, at := range h.moved {
			if at == from {
				h.moved[old] = to // moved twice: to its latest place
			}
		}
		h.moved[from] = to
		delete(h.moved, to) // back where it was
	}
	switch kind {
	case changedFrame:
		h.frameN = h.n
	case changedCSS:
		h.cssN = h.n
	}
	h.wake()
}

// diagnostics records the diagnostics of the latest build, or of the
// failure of the latest attempt, and tells the tabs.
func (h *hub) diagnostics(list []diagJSON) {
	if list == nil {
		list = []diagJSON{}
	}
	b, _ := json.Marshal(list)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.diags = string(b)
	h.diagSeq++
	h.wake()
}

// wake tells every tab's stream to look at the state; h.mu is held.
func (h *hub) wake() {
	for c := range h.clients {
		select {
		case c <- struct{}{}:
		default: // already woken: it will read the latest state
		}
	}
}

// maxPushed is the largest page an update carries; a tab fetches
// larger ones.
const maxPushed = 4 << 20

// updateJSON is what an open page is told about a build it has not seen.
type updateJSON struct {
	Version string `json:"v"`
	Reload  bool   `json:"reload,omitempty"` // the frame changed: reload the page
	Moved   string `json:"moved,omitempty"`  // the tab's page is now at this URL path: go there
	CSS     bool   `json:"css,omitempty"`    // stylesheets changed: swap them
	HTML    string `json:"html,omitempty"`   // the tab's page at this version, when it has one
}

// parseVersion reads the build number of a version of this server: -1
// for another server's (the process was restarted), ok false for none.
func (h *hub) parseVersion(v string) (n int, ok bool) {
	if v == "" {
		return 0, false
	}
	boot, num, found := strings.Cut(v, ".")
	n, err := strconv.Atoi(num)
	if !found || boot != h.boot || err != nil || n < 0 {
		return -1, true
	}
	return n, true
}

func (h *hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")

	// The version the tab has: the last update it was sent on this
	// server (EventSource resends it on reconnecting), else the version
	// of the page it loaded. Without one, it is taken to be up to date.
	q := r.URL.Query()
	v := r.Header.Get("Last-Event-ID")
	if v == "" {
		v = q.Get("v")
	}
	// The tab's page, as location.pathname gives it: still URL-encoded.
	page, err := url.PathUnescape(q.Get("page"))
	if err != nil || h.page == nil {
		page = ""
	}
	wake := make(chan struct{}, 1)
	wake <- struct{}{} // send the current state at once
	h.mu.Lock()
	seen, known := h.parseVersion(v)
	switch {
	case !known:
		seen = h.n
	case seen > h.n:
		seen = -1 // a build this server never made: start afresh
	}
	sentDiag := 0
	h.clients[wake] = struct{}{}
	h.mu.Unlock()
	defer func() {
		h.mu.Lock()
		delete(h.clients, wake)
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
		case <-wake:
			h.mu.Lock()
			n, frameN, cssN, diags, diagSeq := h.n, h.frameN, h.cssN, h.diags, h.diagSeq
			moved := h.moved[page]
			h.mu.Unlock()
			// Diagnostics first: the page shows them while it updates.
			if diagSeq != sentDiag && diags != "" {
				fmt.Fprintf(w, "event: diagnostics\ndata: %s\n\n", diags)
				sentDiag = diagSeq
			}
			if n > seen {
				// seen is -1 for a page of another run of the server:
				// nothing it has is known to be current.
				u := updateJSON{Version: h.token(n), Reload: seen < frameN, CSS: seen < cssN, Moved: moved}
				if page != "" && !u.Reload {
					// Read after n: the file is of build n or a later one.
					if b := h.page(page); b != nil && len(b) <= maxPushed {
						u.HTML = string(stampVersion(b, u.Version))
					}
				}
				fmt.Fprintf(w, "event: update\nid: %s\ndata: ", u.Version)
				// HTML as it is, not with <, > and & as \u escapes: a third
				// fewer bytes to send and decode. JSON has no raw newline.
				enc := json.NewEncoder(w)
				enc.SetEscapeHTML(false)
				_ = enc.Encode(u) // ends with the event's first newline
				fmt.Fprint(w, "\n")
				seen = n
			}
			flusher.Flush()
		case <-ping.C:
			fmt.Fprint(w, ": ping\n\n")
			flusher.Flush()
		}
	}
}
