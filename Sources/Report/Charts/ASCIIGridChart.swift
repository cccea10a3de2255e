import Outputs

/// Histograms, lines, points and rules drawn on a character grid for a terminal.
///
/// ```
/// 2000 ┤      ▄█▆
///      │    ▂████▇▃
///    0 ┤▁▃▅▇███████▆▄▂
///      └┬──────┬──────┬
///       0      2.5    5
/// ```
///
/// The first histogram is drawn with eighth blocks (`▁`…`█`) for a finer height; other series
/// with their glyph. Rules are `┄` (horizontal) and `┆` (vertical) with their label. Lines are
/// drawn cell by cell between their points; a dashed line leaves every other pair of cells out.
struct ASCIIGridChart {
    let model: ChartModel
    let width: Int
    let height: Int

    func lines() -> [String] {
        guard let yScale = model.yScale, let xScale = Self.numericX(model.xScale) else { return [] }
        let yTicks = yScale.ticks
        let tickLabelWidth = yTicks.map { TerminalText.width($0.label) }.max() ?? 0
        let plotWidth = max(10, width - tickLabelWidth - 2)
        var canvas = CharacterCanvas(width: plotWidth, height: height)
        let mapping = GridMapping(xScale: xScale, yScale: yScale, columns: plotWidth, rows: height)

        for (index, histogram) in model.histograms.enumerated() {
            draw(histogram, smooth: index == 0, on: &canvas, mapping: mapping)
        }
        for rule in model.rules { draw(rule, on: &canvas, mapping: mapping) }
        for line in model.lines { draw(line, on: &canvas, mapping: mapping) }
        for series in model.points {
            let glyph = String(ChartPalette.glyph(forStyle: series.style))
            for point in series.points {
                if let cell = mapping.cell(point) { canvas.set(cell.column, cell.row, glyph) }
            }
        }
        for series in model.points {
            for point in series.points {
                guard let label = point.label, let cell = mapping.cell(point) else { continue }
                canvas.write(label, column: cell.column + 2, row: cell.row)
            }
        }

        var lines: [String] = []
        if !model.yAxis.label.isEmpty || model.yAxis.scale == .log {
            lines.append(Self.axisTitle(model.yAxis))
        }
        var rowLabels = [String?](repeating: nil, count: height)
        for tick in yTicks {
            if let row = mapping.row(tick.value), rowLabels[row] == nil { rowLabels[row] = tick.label }
        }
        for row in 0..<height {
            let label = TerminalText.padded(rowLabels[row] ?? "", toWidth: tickLabelWidth, alignment: .right)
            lines.append(label + " " + (rowLabels[row] == nil ? "│" : "┤") + canvas.line(row))
        }
        let indent = tickLabelWidth + 2
        lines += xAxisLines(xScale, mapping: mapping, plotWidth: plotWidth, indent: indent)
        if !model.xAxis.label.isEmpty || model.xAxis.scale == .log {
            lines.append(String(repeating: " ", count: indent)
                         + TerminalText.centered(Self.axisTitle(model.xAxis), inWidth: plotWidth))
        }
        return lines
    }

    /// The axis line with `┬` at each tick, and the tick labels centred under them (a label that
    /// would touch the previous one is left out).
    private func xAxisLines(_ scale: AxisScale, mapping: GridMapping, plotWidth: Int, indent: Int) -> [String] {
        var axis = [Character](repeating: "─", count: plotWidth)
        var labels = [Character](repeating: " ", count: indent + plotWidth)
        var nextFree = 0
        for tick in scale.ticks {
            guard let column = mapping.column(tick.value) else { continue }
            axis[column] = "┬"
            let text = Array(tick.label)
            let start = max(0, min(indent + column - text.count / 2, labels.count - text.count))
            guard start >= nextFree, start + text.count <= labels.count else { continue }
            for (offset, character) in text.enumerated() { labels[start + offset] = character }
            nextFree = start + text.count + 1
        }
        return [String(repeating: " ", count: indent - 1) + "└" + String(axis), String(labels)]
    }

    /// The x scale as numbers: categories become positions 0, 1, … with their names as ticks,
    /// each in the middle of its share of the axis.
    private static func numericX(_ scale: ChartModel.XScale?) -> AxisScale? {
        switch scale {
        case .numeric(let numeric): return numeric
        case .categories(let names):
            let ticks = names.enumerated().map {
                Tick(value: Double($0.offset), label: TerminalText.truncated($0.element, toWidth: 12))
            }
            return AxisScale(scale: .linear, lower: -0.5, upper: Double(names.count) - 0.5, ticks: ticks)
        case nil: return nil
        }
    }

    private static func axisTitle(_ axis: Axis) -> String {
        guard axis.scale == .log else { return axis.label }
        return axis.label.isEmpty ? "(log scale)" : axis.label + " (log scale)"
    }

    private func draw(_ histogram: ChartModel.HistogramModel, smooth: Bool, on canvas: inout CharacterCanvas,
                      mapping: GridMapping) {
        // The tallest bin over each column, so that narrow bins never vanish.
        var heights = [Double?](repeating: nil, count: canvas.width)
        for bin in histogram.bins {
            guard let columns = mapping.columns(from: bin.lower, to: bin.upper),
                  let fraction = mapping.yScale.fraction(of: bin.count) else { continue }
            for column in columns { heights[column] = max(heights[column] ?? 0, min(max(fraction, 0), 1)) }
        }
        let glyph = String(ChartPalette.glyph(forStyle: histogram.style))
        let partialBlocks = ["▁", "▂", "▃", "▄", "▅", "▆", "▇"]
        for (column, height) in heights.enumerated() {
            guard let height else { continue }
            if smooth {
                let eighths = Int((height * Double(canvas.height) * 8).rounded())
                for level in 0..<canvas.height {
                    let row = canvas.height - 1 - level
                    let filled = eighths - level * 8
                    if filled >= 8 {
                        canvas.set(column, row, "█")
                    } else if filled > 0 {
                        canvas.set(column, row, partialBlocks[filled - 1])
                    }
                }
            } else {
                let cells = Int((height * Double(canvas.height)).rounded())
                for level in 0..<min(cells, canvas.height) {
                    canvas.setIfBlank(column, canvas.height - 1 - level, glyph)
                }
            }
        }
    }

    private func draw(_ rule: Rule, on canvas: inout CharacterCanvas, mapping: GridMapping) {
        switch rule.orientation {
        case .horizontal:
            guard let row = mapping.row(rule.at) else { return }
            for column in 0..<canvas.width { canvas.setIfBlank(column, row, "┄") }
            if !rule.label.isEmpty {
                let text = TerminalText.truncated(rule.label, toWidth: canvas.width / 2)
                canvas.write(text, column: canvas.width - TerminalText.width(text), row: row, over: ["┄"])
            }
        case .vertical:
            guard let column = mapping.column(rule.at) else { return }
            for row in 0..<canvas.height { canvas.setIfBlank(column, row, "┆") }
            if !rule.label.isEmpty {
                let text = TerminalText.truncated(rule.label, toWidth: canvas.width / 2)
                let start = column + 2 + TerminalText.width(text) <= canvas.width
                    ? column + 2 : column - 1 - TerminalText.width(text)
                canvas.write(text, column: max(0, start), row: 0)
            }
        }
    }

    private func draw(_ line: ChartModel.LineModel, on canvas: inout CharacterCanvas, mapping: GridMapping) {
        let glyph = String(ChartPalette.glyph(forStyle: line.style))
        var step = 0
        for segment in line.segments {
            let cells = segment.compactMap(mapping.cell)
            if cells.count == 1, let only = cells.first { canvas.set(only.column, only.row, glyph) }
            for (from, to) in zip(cells, cells.dropFirst()) {
                let steps = max(abs(to.column - from.column), abs(to.row - from.row))
                for index in 0...steps {
                    defer { step += 1 }
                    // Dashes: two cells drawn, two left out.
                    if line.dashed, step % 4 >= 2 { continue }
                    let t = steps == 0 ? 0 : Double(index) / Double(steps)
                    let column = Int((Double(from.column) + t * Double(to.column - from.column)).rounded())
                    let row = Int((Double(from.row) + t * Double(to.row - from.row)).rounded())
                    canvas.set(column, row, glyph)
                }
            }
        }
    }
}

/// Maps data values to cells of a grid whose row 0 is at the top.
private struct GridMapping {
    let xScale: AxisScale
    let yScale: AxisScale
    let columns: Int
    let rows: Int

    func column(_ value: Double) -> Int? {
        xScale.fraction(of: value).map { Self.index($0, count: columns) }
    }

    func row(_ value: Double) -> Int? {
        yScale.fraction(of: value).map { rows - 1 - Self.index($0, count: rows) }
    }

    func cell(_ point: ChartModel.Point) -> (column: Int, row: Int)? {
        guard let column = column(point.x), let row = row(point.y) else { return nil }
        return (column, row)
    }

    /// The columns a span of x values covers: the cells whose extent overlaps it, at least one.
    func columns(from lower: Double, to upper: Double) -> ClosedRange<Int>? {
        guard let start = xScale.fraction(of: lower), let end = xScale.fraction(of: upper) else { return nil }
        let first = Int(min(max(start, 0), 1) * Double(columns))
        let last = Int((min(max(end, 0), 1) * Double(columns)).rounded(.up)) - 1
        let clampedFirst = min(max(first, 0), columns - 1)
        return clampedFirst...min(max(last, clampedFirst), columns - 1)
    }

    /// The cell a fraction of the axis falls in, with 0 and 1 at the first and last cell.
    private static func index(_ fraction: Double, count: Int) -> Int {
        let clamped = min(max(fraction, 0), 1)
        return Int((clamped * Double(count - 1)).rounded())
    }
}

/// A grid of terminal cells. A wide character takes its cell and leaves the next one empty, so
/// that every row stays the same number of columns wide.
private struct CharacterCanvas {
    let width: Int
    let height: Int
    private var cells: [[String]]

    init(width: Int, height: Int) {
        self.width = width
        self.height = height
        cells = Array(repeating: Array(repeating: " ", count: width), count: height)
    }

    mutating func set(_ column: Int, _ row: Int, _ text: String) {
        guard (0..<width).contains(column), (0..<height).contains(row) else { return }
        cells[row][column] = text
    }

    mutating func setIfBlank(_ column: Int, _ row: Int, _ text: String) {
        guard (0..<width).contains(column), (0..<height).contains(row), cells[row][column] == " " else { return }
        cells[row][column] = text
    }

    /// Writes `text` from `column` into blank cells (and cells holding one of `over`), cutting it
    /// with `…` where something is in the way or the grid ends.
    mutating func write(_ text: String, column: Int, row: Int, over: Set<String> = []) {
        guard (0..<height).contains(row), column >= 0 else { return }
        var room = 0
        while column + room < width, cells[row][column + room] == " " || over.contains(cells[row][column + room]) {
            room += 1
        }
        guard room >= 2 else { return }
        var position = column
        for character in TerminalText.truncated(text, toWidth: room) {
            let characterWidth = TerminalText.width(of: character)
            guard position + max(1, characterWidth) <= column + room else { break }
            cells[row][position] = String(character)
            if characterWidth == 2 { cells[row][position + 1] = "" }
            position += max(1, characterWidth)
        }
    }

    func line(_ row: Int) -> String {
        cells[row].joined()
    }
}
