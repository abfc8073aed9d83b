package htmlname

import "testing"

func TestPlaceholder(t *testing.T) {
	for raw, want := range map[string]bool{
		"<name>": true, "</T>": true, "<your-api-key>": true, "<String>": true, `<token id="x">`: true,
		"<b>": false, "</div>": false, "<!-- todo -->": false, "<!doctype html>": false, "<?xml version='1.0'?>": false, "</ name>": false, "<path d='M0'/>": false, "<mi>": false, "<o:p>": false, "<": false, "text": false,
	} {
		if got := Placeholder([]byte(raw)); got != want {
			t.Errorf("Placeholder(%q) = %v, want %v", raw, got, want)
		}
	}
}
