package gitbook

import "sort"

// Alerts are block quotes whose first line names a kind: GitHub's
// `> [!NOTE]`, which HonKit's flexible-alerts plugin and Obsidian read
// too. folio shows one as a hint of the kind's style, titled with the
// kind's word in the page's language, as GitHub titles it.

// alertKinds maps the kinds of alert folio knows to the hint style each
// is shown in and the key of the word that names it: GitHub's five, the
// "attention" of flexible-alerts, and the hint styles by their own names.
var alertKinds = map[string]struct{ style, word string }{
	"note":      {"info", "alert_note"},
	"tip":       {"success", "alert_tip"},
	"important": {"info", "alert_important"},
	"warning":   {"warning", "alert_warning"},
	"caution":   {"danger", "alert_caution"},
	"attention": {"danger", "alert_attention"},
	"info":      {"info", "hint_info"},
	"success":   {"success", "hint_success"},
	"danger":    {"danger", "hint_danger"},
}

// IsAlertKind reports whether kind (lower case) is one folio shows.
func IsAlertKind(kind string) bool {
	_, ok := alertKinds[kind]
	return ok
}

// AlertKinds lists the kinds folio shows, in order, for messages.
func AlertKinds() []string {
	k := make([]string, 0, len(alertKinds))
	for name := range alertKinds {
		k = append(k, name)
	}
	sort.Strings(k)
	return k
}

// AlertStyle returns the hint style an alert of kind (lower case) is shown
// in, and whether folio knows the kind. A name that is no kind, such as
// a className of flexible-alerts (`tip`, `info`), gives its style too.
func AlertStyle(kind string) (string, bool) {
	k, ok := alertKinds[kind]
	return k.style, ok
}

// NewAlert returns the hint that shows an alert of kind (lower case) in
// style, its quote's children still to be moved into it. titled says
// whether the hint shows the kind's word as its title: not when the
// author gave a title of their own (a hint-title Label, the caller's to
// add) or hid it (flexible-alerts' labelVisibility:hidden).
func NewAlert(kind, style string, line int, titled bool) *Block {
	b := &Block{Tag: Tag{Name: "hint"}, Line: line, closed: true}
	b.Tag.Set("style", style)
	b.Tag.Set("_alert", kind)
	if titled {
		b.Tag.Set("_alert.title", "word")
	}
	return b
}

// IsAlert reports whether the block shows an alert.
func (b *Block) IsAlert() bool { return b.Tag.get("_alert") != "" }

// labelKey is the key of the word that names a hint to assistive
// technologies: its alert kind's, or its style's.
func (b *Block) labelKey(style string) string {
	if k, ok := alertKinds[b.Tag.get("_alert")]; ok {
		return k.word
	}
	return hintLabels[style]
}
