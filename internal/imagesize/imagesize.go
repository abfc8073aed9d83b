// Package imagesize reads the pixel size of the images a site publishes
// (PNG, JPEG, GIF, SVG) from their first bytes, so that pages can give
// each image its width and height and keep still while images load. A
// Cache reads each file once per build, however many pages show it.
package imagesize

import (
	"bufio"
	"image"
	_ "image/gif" // register the decoders whose headers give the size
	_ "image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Cache remembers the size of each file it has read. It is safe for
// concurrent use.
type Cache struct {
	sizes sync.Map // absolute path → [2]int
}

// Size returns the pixel size of the image file abs, or zeros when it is
// not an image folio can measure. Each file is read once.
func (c *Cache) Size(abs string) (int, int) {
	if v, ok := c.sizes.Load(abs); ok {
		d := v.([2]int)
		return d[0], d[1]
	}
	w, h := Read(abs)
	c.sizes.Store(abs, [2]int{w, h})
	return w, h
}

var svgSizeRE = regexp.MustCompile(`(?s)<svg\b[^>]*?\bwidth\s*=\s*["']([0-9.]+)(?:px)?["'][^>]*?\bheight\s*=\s*["']([0-9.]+)(?:px)?["']`)

// Read returns the pixel size of the image file abs, or zeros: an SVG's
// width and height attributes (in pixels), a raster image's header.
func Read(abs string) (int, int) {
	f, err := os.Open(abs)
	if err != nil {
		return 0, 0
	}
	defer f.Close()
	// Every format gives its size in its first bytes, but for a JPEG with
	// a large header (EXIF, a colour profile), which reads on.
	const headSize = 4 << 10
	r := bufio.NewReaderSize(f, headSize)
	if strings.EqualFold(filepath.Ext(abs), ".svg") {
		head, _ := r.Peek(headSize)
		if m := svgSizeRE.FindSubmatch(head); m != nil {
			w, _ := strconv.ParseFloat(string(m[1]), 64)
			h, _ := strconv.ParseFloat(string(m[2]), 64)
			return int(w + 0.5), int(h + 0.5)
		}
		return 0, 0
	}
	cfg, _, err := image.DecodeConfig(r)
	if err != nil {
		return 0, 0
	}
	return cfg.Width, cfg.Height
}
