import Outputs

/// Draws a ``Figure`` as plain text for a terminal.
///
/// Bar charts become horizontal bars, one line per category and series, with the value at the
/// end. Histograms, lines, points and rules are drawn on a character grid (``height`` rows) with a
/// y axis on the left and an x axis below. Series are told apart by fill characters (`█ ▓ ▒ ░`)
/// and glyphs (`* + o x # %`) named in a legend. Heat maps shade their cells with ` ░▒▓█`. The
/// output uses box-drawing and block characters but no colour or escape sequences, and has no
/// trailing spaces.
public struct ASCIIChartRenderer: Sendable {
    /// The number of terminal columns the chart may use.
    public var width: Int
    /// The number of rows of a grid chart's plot area.
    public var height: Int

    /// - Parameters:
    ///   - width: columns available; at least 30 is used.
    ///   - height: plot rows for grid charts; at least 4 is used.
    public init(width: Int = 72, height: Int = 16) {
        self.width = max(30, width)
        self.height = max(4, height)
    }

    /// The figure as lines of text joined by newlines, without a trailing newline.
    public func render(_ figure: Figure) -> String {
        let model = ChartModel(figure, xTickTarget: 5, yTickTarget: 4)
        var lines: [String] = []
        if !figure.title.isEmpty { lines.append(TerminalText.truncated(figure.title, toWidth: width)) }
        if model.isEmpty {
            lines.append("(no data to plot)")
            return lines.joined(separator: "\n")
        }
        let usesBars = !model.bars.isEmpty
        if let heatmap = model.heatmap {
            lines += ASCIIHeatmap(heatmap: heatmap, width: width).lines()
        } else if usesBars {
            lines += legend(model, usesBars: true)
            lines += ASCIIBarChart(model: model, width: width).lines()
        } else {
            lines += legend(model, usesBars: false)
            lines += ASCIIGridChart(model: model, width: width, height: height).lines()
        }
        if model.omittedMarkCount > 0 { lines.append(model.omittedMarksNote) }
        let unshown = usesBars ? model.lines.count + model.points.count : 0
        if unshown > 0 {
            lines.append("(\(unshown) line or point series over categories are drawn only in the HTML report)")
        }
        return lines.map(TerminalText.trimmingTrailingSpaces).joined(separator: "\n")
    }

    /// The legend as lines of `symbol name` entries two spaces apart, wrapped to the width.
    private func legend(_ model: ChartModel, usesBars: Bool) -> [String] {
        guard !model.legend.isEmpty else { return [] }
        let firstHistogramStyle = model.histograms.first?.style
        let entries = model.legend.map { entry -> String in
            let symbol: Character
            switch entry.symbol {
            case .box where usesBars: symbol = ChartPalette.barFill(forStyle: entry.style)
            case .box where entry.style == firstHistogramStyle: symbol = "█"
            default: symbol = ChartPalette.glyph(forStyle: entry.style)
            }
            return "\(symbol) \(entry.name)"
        }
        return Self.wrapped(entries, width: width)
    }

    /// `entries` two spaces apart, wrapped into lines of at most `width` columns (an entry wider
    /// than that has a line of its own).
    static func wrapped(_ entries: [String], width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for entry in entries {
            if !current.isEmpty, TerminalText.width(current) + 2 + TerminalText.width(entry) > width {
                lines.append(current)
                current = ""
            }
            current += (current.isEmpty ? "" : "  ") + entry
        }
        lines.append(current)
        return lines
    }
}
