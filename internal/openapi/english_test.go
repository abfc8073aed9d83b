package openapi

import (
	"testing"

	"folio/internal/testkit"
)

// TestEnglishWords holds the renderer's English strings (english), a copy
// of the theme's that this package cannot import, to en.yaml.
func TestEnglishWords(t *testing.T) {
	testkit.CheckEnglish(t, english)
}
