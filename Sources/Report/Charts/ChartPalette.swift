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
}
