package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// TestMayLinkEmailChars: every byte goldmark accepts in the local part of
// an address keeps mayLink looking.
func TestMayLinkEmailChars(t *testing.T) {
	for c := range 256 {
		line := []byte{' ', 'a', byte(c), '@', 'x', '.', 'y'}
		if util.FindEmailIndex(line[1:]) >= 0 && !mayLink(line) {
			t.Errorf("byte %q: goldmark sees an address, mayLink does not look", byte(c))
		}
	}
}

// linkifyPair renders with goldmark's own linkify and with quickLinkify.
func linkifyPair(src []byte) (string, string) {
	var a, b bytes.Buffer
	_ = goldmark.New(goldmark.WithExtensions(extension.Linkify)).Convert(src, &a)
	_ = goldmark.New(goldmark.WithParserOptions(parser.WithInlineParsers(
		util.Prioritized(quickLinkify{extension.NewLinkifyParser()}, 999)))).Convert(src, &b)
	return a.String(), b.String()
}

func TestQuickLinkify(t *testing.T) {
	for _, src := range []string{
		"see https://example.com/a_(b) and www.example.org.", "mail me@example.com, or (x@y.org)",
		"*http://a.b* _www.c.d_ ~ftp://e.f~", "a@b no.tld@x text", "plain words only", "über@例え.jp x@y.z",
		"x " + strings.Repeat("a", 63) + "@b.cd", "x " + strings.Repeat("a", 64) + "@b.cd", "x " + strings.Repeat("a", 65) + "@b.cd",
	} {
		if a, b := linkifyPair([]byte(src)); a != b {
			t.Errorf("%q:\ngoldmark %s\nquick    %s", src, a, b)
		}
	}
}

func FuzzQuickLinkify(f *testing.F) {
	f.Add([]byte("x https://a.b/c www.d.e f@g.h"))
	f.Add([]byte("(mailto me.you+x@host.example.)"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if a, b := linkifyPair(src); a != b {
			t.Fatalf("%q:\ngoldmark %s\nquick    %s", src, a, b)
		}
	})
}
