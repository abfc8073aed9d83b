package imagesize

import (
	"bytes"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

func encode(t *testing.T, enc func(*bytes.Buffer, image.Image) error, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := enc(&b, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRead(t *testing.T) {
	dir := t.TempDir()
	jpg := encode(t, func(b *bytes.Buffer, m image.Image) error { return jpeg.Encode(b, m, nil) }, 30, 20)
	// An APP1 segment of 20 kB after the SOI marker: the size is past the
	// first bytes read, as in a photo with a large EXIF header.
	app1 := append([]byte{0xFF, 0xE1, 0x50, 0x00}, make([]byte, 0x5000-2)...)
	bigJPEG := append(append(append([]byte{}, jpg[:2]...), app1...), jpg[2:]...)
	files := map[string][]byte{
		"a.png":        encode(t, func(b *bytes.Buffer, m image.Image) error { return png.Encode(b, m) }, 12, 7),
		"b.gif":        encode(t, func(b *bytes.Buffer, m image.Image) error { return gif.Encode(b, m, nil) }, 5, 9),
		"c.jpg":        jpg,
		"big.jpg":      bigJPEG,
		"d.svg":        []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="120.4px" height='40.6'></svg>`),
		"relative.svg": []byte(`<svg width="100%" height="50%"></svg>`),
		"e.png":        []byte("not really a PNG"),
	}
	for name, b := range files {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		name string
		w, h int
	}{
		{"a.png", 12, 7}, {"b.gif", 5, 9}, {"c.jpg", 30, 20}, {"big.jpg", 30, 20},
		{"d.svg", 120, 41}, {"relative.svg", 0, 0}, {"e.png", 0, 0}, {"missing.png", 0, 0},
	} {
		if w, h := Read(filepath.Join(dir, tt.name)); w != tt.w || h != tt.h {
			t.Errorf("Read(%s) = %d×%d, want %d×%d", tt.name, w, h, tt.w, tt.h)
		}
	}
}

// TestCacheReadsOnce: a file changed after its first measure keeps the
// size the cache read, as every page of one build must agree.
func TestCacheReadsOnce(t *testing.T) {
	p := filepath.Join(t.TempDir(), "x.svg")
	if err := os.WriteFile(p, []byte(`<svg width="10" height="20"></svg>`), 0o644); err != nil {
		t.Fatal(err)
	}
	var c Cache
	if w, h := c.Size(p); w != 10 || h != 20 {
		t.Fatalf("Size = %d×%d, want 10×20", w, h)
	}
	if err := os.WriteFile(p, []byte(`<svg width="30" height="40"></svg>`), 0o644); err != nil {
		t.Fatal(err)
	}
	if w, h := c.Size(p); w != 10 || h != 20 {
		t.Errorf("second Size = %d×%d, want the first read's 10×20", w, h)
	}
}
