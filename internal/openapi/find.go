package openapi

import (
	"maps"
	"slices"
	"strings"

	"folio/internal/suggest"

	"github.com/getkin/kin-openapi/openapi3"
)

// Operation is one operation of a spec, found by path and method.
type Operation struct {
	Path   string // as the spec writes it
	Method string // lower case
	Item   *openapi3.PathItem
	Op     *openapi3.Operation
	// Webhook is the webhook's name when the operation is one (OpenAPI
	// 3.1 webhooks), "" for a path.
	Webhook string
}

// NotFoundError is an operation, a webhook or a schema the spec lacks,
// with the closest one it has; or one a block does not name whole (it
// lacks path= or method=), with the one it fits when only one does. The
// message names only what is missing: the closest is for the caller to
// offer, once ("did you mean …?").
type NotFoundError struct {
	Kind    string // "operation", or "" when What says it ("webhook x", "schema X")
	What    string // "POST /vouchers"; when Unnamed is set, what the block names ("path /vouchers") or ""
	Closest string // "POST /vouchers/" or ""
	// Unnamed is what the block lacks to name one ("method=", "path= or
	// method="), "" when it names one the spec lacks.
	Unnamed string
}

func (e *NotFoundError) Error() string {
	switch {
	case e.Unnamed != "" && e.What != "":
		return "the block names " + e.What + " but no " + e.Unnamed
	case e.Unnamed != "":
		return "the block names no " + e.Unnamed
	case e.Kind != "":
		return "the spec has no " + e.Kind + " " + e.What
	}
	return "the spec has no " + e.What
}

// normPath is a path as operations match: a trailing slash on either side
// is ignored.
func normPath(p string) string {
	p = strings.TrimSpace(p)
	if len(p) > 1 {
		p = strings.TrimRight(p, "/")
	}
	if p == "" {
		p = "/"
	}
	return p
}

// Find returns the operation at path and method. They match leniently:
// method in any case, a trailing slash on either side.
func (s *Spec) Find(path, method string) (*Operation, error) {
	method = strings.ToLower(strings.TrimSpace(method))
	path = strings.TrimSpace(path)
	want := normPath(path)
	var all, fits []string
	if s.Doc.Paths != nil {
		for _, p := range s.PathKeys() {
			item := s.Doc.Paths.Value(p)
			if item == nil {
				continue
			}
			for _, m := range Methods {
				if op := item.GetOperation(strings.ToUpper(m)); op != nil {
					// A block without a path names none, where normPath
					// reads "" as /.
					if path != "" && normPath(p) == want && m == method {
						return &Operation{Path: p, Method: m, Item: item, Op: op}, nil
					}
					all = append(all, strings.ToUpper(m)+" "+p)
					if (path == "" || normPath(p) == want) && (method == "" || m == method) {
						fits = append(fits, all[len(all)-1])
					}
				}
			}
		}
	}
	if path == "" || method == "" {
		// Said so, where the message read "the spec has no operation  "
		// (t84); the operation meant is offered when only one fits.
		e := &NotFoundError{Unnamed: "path= or method="}
		switch {
		case path != "":
			e.What, e.Unnamed = "path "+path, "method="
		case method != "":
			e.What, e.Unnamed = "method "+strings.ToUpper(method), "path="
		}
		if len(fits) == 1 {
			e.Closest = fits[0]
		}
		return nil, e
	}
	what := strings.ToUpper(method) + " " + path
	return nil, &NotFoundError{Kind: "operation", What: what, Closest: closest(what, all)}
}

// FindWebhook returns the webhook name's operation for method ("" takes
// the first it has).
func (s *Spec) FindWebhook(name, method string) (*Operation, error) {
	method = strings.ToLower(strings.TrimSpace(method))
	name = strings.TrimSpace(name)
	var all, fits []string
	for _, n := range orderedKeys(s.order, s.Doc.Webhooks) {
		item := s.Doc.Webhooks[n]
		if item == nil {
			continue
		}
		for _, m := range Methods {
			op := item.GetOperation(strings.ToUpper(m))
			if op == nil {
				continue
			}
			if n == name && (method == "" || m == method) {
				return &Operation{Path: n, Method: m, Item: item, Op: op, Webhook: n}, nil
			}
			all = append(all, "webhook "+n+" "+strings.ToUpper(m))
			if method == "" || m == method {
				fits = append(fits, all[len(all)-1])
			}
		}
	}
	if name == "" {
		e := &NotFoundError{Unnamed: "name="}
		if method != "" {
			e.What = "method " + strings.ToUpper(method)
		}
		if len(fits) == 1 {
			e.Closest = fits[0]
		}
		return nil, e
	}
	what := "webhook " + name
	if method != "" {
		what += " " + strings.ToUpper(method)
	}
	return nil, &NotFoundError{What: what, Closest: closest(what, all)}
}

// HasSchema reports whether the spec's components have a schema name.
func (s *Spec) HasSchema(name string) bool {
	if s.Doc.Components == nil {
		return false
	}
	sr := s.Doc.Components.Schemas[name]
	return sr != nil && sr.Value != nil
}

// PathKeys returns the spec's paths in authored order.
func (s *Spec) PathKeys() []string {
	if s.Doc.Paths == nil {
		return nil
	}
	return orderedKeys(s.order, s.Doc.Paths.Map())
}

// closest returns the candidate nearest to want by edit distance, "" when
// none is reasonably near.
func closest(want string, candidates []string) string {
	best, bestD := "", -1
	w := strings.ToLower(want)
	for _, c := range candidates {
		d := suggest.EditDistance(w, strings.ToLower(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	// The one candidate there is, however far: the spec has nothing else.
	if bestD < 0 || bestD > max(len(want)/2, 3) && len(candidates) > 1 {
		return ""
	}
	return best
}

// Prose returns the spec's own words, its titles and descriptions, as
// one text whose language can be told (search.DetectText reads its
// start): that of the info, then of each operation in path order.
func (s *Spec) Prose() string {
	var b strings.Builder
	add := func(t string) {
		if t = strings.TrimSpace(t); t != "" {
			b.WriteString(t)
			b.WriteString(".\n")
		}
	}
	if info := s.Doc.Info; info != nil {
		add(info.Title)
		add(info.Description)
	}
	for _, p := range s.PathKeys() {
		item := s.Doc.Paths.Value(p)
		if item == nil {
			continue
		}
		for _, m := range httpMethods {
			if op := item.GetOperation(m); op != nil {
				add(op.Summary)
				add(op.Description)
			}
		}
		if b.Len() > 16<<10 {
			break // more than detection reads
		}
	}
	if s.Doc.Components != nil && b.Len() < 16<<10 {
		// A spec of schemas alone says what it means in their descriptions.
		for _, n := range slices.Sorted(maps.Keys(s.Doc.Components.Schemas)) {
			if sr := s.Doc.Components.Schemas[n]; sr != nil && sr.Value != nil {
				add(sr.Value.Description)
			}
		}
	}
	return b.String()
}
