/// The colours and glyphs that tell a figure's series apart.
///
/// Colours are the Okabe–Ito palette (safe for the common forms of colour blindness) without its
/// yellow, which is unreadable on white, and its black, which is the text colour. An SVG carries
/// the light-theme colour of each series as a presentation attribute on a group with the class
/// `s0`…`s5`; the report's stylesheet overrides those classes with CSS variables, which follow
/// the page's light or dark theme. A lone SVG still shows the light colours.
enum ChartPalette {
    /// Light-theme colours, in series order.
    static let lightColors = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9"]

    /// Lighter variants of the same hues, readable on a dark background.
    static let darkColors = ["#56B4E9", "#F0B33C", "#2BC59A", "#E39BC6", "#F07A3A", "#9AD3F5"]

    /// The CSS class of series `style`: `s0`…`s5`, repeating after six series.
    static func cssClass(forStyle style: Int) -> String {
        "s\(style % lightColors.count)"
    }

    static func lightColor(forStyle style: Int) -> String {
        lightColors[style % lightColors.count]
    }

    /// Characters that draw lines and points of series `style` in a terminal.
    static func glyph(forStyle style: Int) -> Character {
        let glyphs: [Character] = ["*", "+", "o", "x", "#", "%"]
        return glyphs[style % glyphs.count]
    }

    /// Characters that fill bars of series `style` in a terminal: solid, then lighter shades.
    static func barFill(forStyle style: Int) -> Character {
        let fills: [Character] = ["█", "▓", "▒", "░"]
        return fills[style % fills.count]
    }

    /// Viridis at nine evenly spaced points, from its dark purple to its yellow.
    ///
    /// Viridis is the sequential scale of heat maps: it is perceptually uniform, reads in the
    /// common forms of colour blindness and in greyscale (its lightness rises steadily), and
    /// both of its ends stand apart from a white and from a near-black page, so one set of cell
    /// colours serves the light and the dark theme.
    static let sequentialStops: [(red: Double, green: Double, blue: Double)] = [
        (0x44, 0x01, 0x54), (0x47, 0x2D, 0x7B), (0x3B, 0x52, 0x8B), (0x2C, 0x72, 0x8E), (0x21, 0x91, 0x8C),
        (0x28, 0xAE, 0x80), (0x5E, 0xC9, 0x62), (0xAD, 0xDC, 0x30), (0xFD, 0xE7, 0x25),
    ]

    /// The colour at `fraction` (0 to 1) of the sequential scale, as `#rrggbb`, interpolated
    /// between the stops.
    static func sequentialColor(at fraction: Double) -> String {
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let position = clamped * Double(sequentialStops.count - 1)
        let index = min(Int(position), sequentialStops.count - 2)
        let weight = position - Double(index)
        let (from, to) = (sequentialStops[index], sequentialStops[index + 1])
        func channel(_ a: Double, _ b: Double) -> String {
            let value = Int((a + (b - a) * weight).rounded())
            let hex = String(min(max(value, 0), 255), radix: 16, uppercase: true)
            return hex.count == 1 ? "0" + hex : hex
        }
        return "#" + channel(from.red, to.red) + channel(from.green, to.green) + channel(from.blue, to.blue)
    }

    /// Characters that shade heat-map cells in a terminal, from the lowest values to the highest.
    static let shades: [Character] = [" ", "░", "▒", "▓", "█"]

    /// The shade of a cell at `fraction` (0 to 1) of the heat map's range: the range cut into
    /// as many equal parts as there are shades, the highest value in the last.
    static func shadeIndex(at fraction: Double) -> Int {
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        return min(Int(clamped * Double(shades.count)), shades.count - 1)
    }
}
