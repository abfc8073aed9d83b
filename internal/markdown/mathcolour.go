package markdown

import (
	"math"
	"strconv"
	"strings"
)

// TeX colours (\color, \textcolor, \colorbox, \fcolorbox) are drawn in the
// theme's palette, the one GitBook's coloured text uses: each colour goes
// to the palette hue nearest its own. An author's exact #228B22 is not
// kept, but its meaning (this term is the green one) is, and the palette
// has a light and a dark variant that both meet WCAG AA contrast, which an
// arbitrary colour does not (black on the dark theme, yellow on white).

// texPalette names a colour's palette hue: "red" … "purple", "muted" for
// a grey, "" for black or white (the text's own colour). ok is false for a
// colour that cannot be read.
func texPalette(model, spec string) (hue string, ok bool) {
	r, g, b, ok := texRGB(model, spec)
	if !ok {
		return "", false
	}
	hi, lo := max(r, g, b), min(r, g, b)
	l := (hi + lo) / 2
	if hi-lo < 0.15 {
		if l < 0.2 || l > 0.9 {
			return "", true
		}
		return "muted", true
	}
	var h float64
	switch hi {
	case r:
		h = math.Mod((g-b)/(hi-lo)+6, 6)
	case g:
		h = (b-r)/(hi-lo) + 2
	default:
		h = (r-g)/(hi-lo) + 4
	}
	h *= 60
	switch {
	case h < 15 || h >= 335:
		return "red", true
	case h < 40:
		if l < 0.35 { // brown, maroon-ish orange: red is nearer its meaning
			return "red", true
		}
		return "orange", true
	case h < 70:
		return "yellow", true
	case h < 165:
		return "green", true
	case h < 260:
		return "blue", true
	default:
		return "purple", true
	}
}

// texRGB reads a colour as TeX and KaTeX write it: a CSS name, #rgb,
// #rrggbb or rrggbb, or xcolor's [HTML]{rrggbb}, [rgb]{r,g,b} (0–1) and
// [RGB]{r,g,b} (0–255). Components are from 0 to 1.
func texRGB(model, spec string) (r, g, b float64, ok bool) {
	spec = strings.TrimSpace(spec)
	switch model {
	case "":
	case "HTML":
		spec = "#" + spec
	case "rgb", "RGB":
		f := strings.Split(spec, ",")
		if len(f) != 3 {
			return 0, 0, 0, false
		}
		var c [3]float64
		scale := 1.0
		if model == "RGB" {
			scale = 255
		}
		for i, s := range f {
			v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
			if err != nil || v < 0 || v > scale {
				return 0, 0, 0, false
			}
			c[i] = v / scale
		}
		return c[0], c[1], c[2], true
	default:
		return 0, 0, 0, false
	}
	hex := strings.TrimPrefix(spec, "#")
	if named, found := cssColours[strings.ToLower(spec)]; found {
		hex = named
	} else if len(hex) == 3 || len(hex) == 4 {
		hex = string([]byte{hex[0], hex[0], hex[1], hex[1], hex[2], hex[2]}) // #rgba: the alpha is left out
	} else if len(hex) == 8 {
		hex = hex[:6]
	}
	if len(hex) != 6 {
		return 0, 0, 0, false
	}
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return 0, 0, 0, false
	}
	return float64(v>>16) / 255, float64(v>>8&0xff) / 255, float64(v&0xff) / 255, true
}

// cssColours are CSS's named colours, which KaTeX accepts.
var cssColours = func() map[string]string {
	m := map[string]string{}
	f := strings.Fields(`aliceblue f0f8ff antiquewhite faebd7 aqua 00ffff aquamarine 7fffd4 azure f0ffff
	beige f5f5dc bisque ffe4c4 black 000000 blanchedalmond ffebcd blue 0000ff blueviolet 8a2be2 brown a52a2a
	burlywood deb887 cadetblue 5f9ea0 chartreuse 7fff00 chocolate d2691e coral ff7f50 cornflowerblue 6495ed
	cornsilk fff8dc crimson dc143c cyan 00ffff darkblue 00008b darkcyan 008b8b darkgoldenrod b8860b
	darkgray a9a9a9 darkgreen 006400 darkgrey a9a9a9 darkkhaki bdb76b darkmagenta 8b008b darkolivegreen 556b2f
	darkorange ff8c00 darkorchid 9932cc darkred 8b0000 darksalmon e9967a darkseagreen 8fbc8f
	darkslateblue 483d8b darkslategray 2f4f4f darkslategrey 2f4f4f darkturquoise 00ced1 darkviolet 9400d3
	deeppink ff1493 deepskyblue 00bfff dimgray 696969 dimgrey 696969 dodgerblue 1e90ff firebrick b22222
	floralwhite fffaf0 forestgreen 228b22 fuchsia ff00ff gainsboro dcdcdc ghostwhite f8f8ff gold ffd700
	goldenrod daa520 gray 808080 green 008000 greenyellow adff2f grey 808080 honeydew f0fff0 hotpink ff69b4
	indianred cd5c5c indigo 4b0082 ivory fffff0 khaki f0e68c lavender e6e6fa lavenderblush fff0f5
	lawngreen 7cfc00 lemonchiffon fffacd lightblue add8e6 lightcoral f08080 lightcyan e0ffff
	lightgoldenrodyellow fafad2 lightgray d3d3d3 lightgreen 90ee90 lightgrey d3d3d3 lightpink ffb6c1
	lightsalmon ffa07a lightseagreen 20b2aa lightskyblue 87cefa lightslategray 778899 lightslategrey 778899
	lightsteelblue b0c4de lightyellow ffffe0 lime 00ff00 limegreen 32cd32 linen faf0e6 magenta ff00ff
	maroon 800000 mediumaquamarine 66cdaa mediumblue 0000cd mediumorchid ba55d3 mediumpurple 9370db
	mediumseagreen 3cb371 mediumslateblue 7b68ee mediumspringgreen 00fa9a mediumturquoise 48d1cc
	mediumvioletred c71585 midnightblue 191970 mintcream f5fffa mistyrose ffe4e1 moccasin ffe4b5
	navajowhite ffdead navy 000080 oldlace fdf5e6 olive 808000 olivedrab 6b8e23 orange ffa500
	orangered ff4500 orchid da70d6 palegoldenrod eee8aa palegreen 98fb98 paleturquoise afeeee
	palevioletred db7093 papayawhip ffefd5 peachpuff ffdab9 peru cd853f pink ffc0cb plum dda0dd
	powderblue b0e0e6 purple 800080 rebeccapurple 663399 red ff0000 rosybrown bc8f8f royalblue 4169e1
	saddlebrown 8b4513 salmon fa8072 sandybrown f4a460 seagreen 2e8b57 seashell fff5ee sienna a0522d
	silver c0c0c0 skyblue 87ceeb slateblue 6a5acd slategray 708090 slategrey 708090 snow fffafa
	springgreen 00ff7f steelblue 4682b4 tan d2b48c teal 008080 thistle d8bfd8 tomato ff6347
	turquoise 40e0d0 violet ee82ee wheat f5deb3 white ffffff whitesmoke f5f5f5 yellow ffff00
	yellowgreen 9acd32`)
	for i := 0; i+1 < len(f); i += 2 {
		m[f[i]] = f[i+1]
	}
	return m
}()

// colour reads the colour argument of \color and its kin ([model]{spec})
// and returns its palette class: mark-red or mark-bg-red (background),
// math-muted, or "" for the text's own colour. A colour that cannot be
// read is noted and drawn in the text's colour.
func (p *texParser) colour(background bool) (string, error) {
	model := ""
	if p.skipSpace(); p.i < len(p.s) && p.s[p.i] == '[' {
		k := strings.IndexByte(p.s[p.i:], ']')
		if k < 0 {
			return "", texError("missing ]")
		}
		model, p.i = strings.TrimSpace(p.s[p.i+1:p.i+k]), p.i+k+1
	}
	spec, err := p.rawGroup()
	if err != nil {
		return "", err
	}
	hue, ok := texPalette(model, spec)
	switch {
	case !ok:
		if model != "" {
			spec = "[" + model + "]{" + spec + "}"
		}
		p.notes = append(p.notes, `TeX colour `+strconv.Quote(spec)+` is not known to folio: it is drawn in the text's colour`)
		return "", nil
	case hue == "":
		return "", nil
	case hue == "muted":
		if background {
			return "math-bg-muted", nil
		}
		return "math-muted", nil
	case background:
		return "mark-bg-" + hue, nil
	}
	return "mark-" + hue, nil
}
