/// Just enough of the GFM table grammar to find a table's header row in the source: how cmark-gfm's
/// table extension splits a row into cells, and what its delimiter row looks like.
enum GFMTableRow {
    /// The number of cells in `line` read as a table row: unescaped pipes separate cells, and a
    /// leading and a trailing pipe are optional.
    static func cellCount(_ line: ArraySlice<UInt8>) -> Int {
        cells(line).count
    }

    /// The number of columns if `line` is a delimiter row such as `| --- | :-: |`, otherwise `nil`.
    /// Every cell must be `-` characters with an optional `:` at either end, padded by spaces or tabs.
    static func delimiterColumnCount(_ line: ArraySlice<UInt8>) -> Int? {
        let cells = cells(line)
        guard !cells.isEmpty, cells.allSatisfy(isDelimiterCell) else { return nil }
        return cells.count
    }

    private static func cells(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var row = trimmed(line)
        if row.first == pipe { row.removeFirst() }
        if row.last == pipe, !isEscaped(row.index(before: row.endIndex), in: row) { row.removeLast() }
        guard !trimmed(row).isEmpty else { return [] }
        var cells: [ArraySlice<UInt8>] = []
        var cellStart = row.startIndex
        for index in row.indices where row[index] == pipe && !isEscaped(index, in: row) {
            cells.append(row[cellStart..<index])
            cellStart = row.index(after: index)
        }
        cells.append(row[cellStart...])
        return cells
    }

    private static func isDelimiterCell(_ cell: ArraySlice<UInt8>) -> Bool {
        var marker = trimmed(cell)
        if marker.first == colon { marker.removeFirst() }
        if marker.last == colon { marker.removeLast() }
        return !marker.isEmpty && marker.allSatisfy { $0 == hyphen }
    }

    private static func isEscaped(_ index: ArraySlice<UInt8>.Index, in row: ArraySlice<UInt8>) -> Bool {
        index > row.startIndex && row[row.index(before: index)] == backslash
    }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var bytes = bytes
        while let first = bytes.first, SourceText.isSpaceOrTab(first) { bytes.removeFirst() }
        while let last = bytes.last, SourceText.isSpaceOrTab(last) { bytes.removeLast() }
        return bytes
    }

    private static let pipe = UInt8(ascii: "|")
    private static let backslash = UInt8(ascii: "\\")
    private static let colon = UInt8(ascii: ":")
    private static let hyphen = UInt8(ascii: "-")
}
