extension DataFrame {
    /// One row per part of a string column split at `separator`, the other columns repeated:
    /// pandas' `df.assign(col=df[col].str.split(separator)).explode(col)`.
    ///
    /// A missing value, or an empty string, gives one row with a missing value (pandas' explode
    /// of an empty list gives NaN); empty parts between separators are kept as empty strings.
    ///
    /// - Parameters:
    ///   - name: the string column to split.
    ///   - separator: where to split; not empty.
    ///   - output: the column the parts go into: `name` (replaced in place) or a new column
    ///     added at the end, the original kept.
    ///   - trim: remove white space around each part.
    /// - Throws: ``DataError`` for an unknown or non-string column, an empty separator, or an
    ///   output name another column has.
    /// - Complexity: O(total bytes of the column + result rows × columns).
    public func exploded(_ name: String, separator: String, into output: String? = nil, trim: Bool = false) throws -> DataFrame {
        let column = try column(name)
        guard case let .string(values) = column.values else {
            throw DataError.columnTypeMismatch(column: name, actual: column.type, expected: [.string])
        }
        guard !separator.isEmpty else { throw DataError.invalidArgument("the separator to split at is empty") }
        let output = output ?? name
        if output != name, columnIndex(output) != nil { throw DataError.duplicateColumnName(output) }

        var parentRows: [Int] = []
        var parts: [String?] = []
        parentRows.reserveCapacity(values.count)
        parts.reserveCapacity(values.count)
        let separatorBytes = Array(separator.utf8)
        for (row, value) in values.enumerated() {
            if column.missingRows?[row] == true || value.isEmpty {
                parentRows.append(row)
                parts.append(nil)
                continue
            }
            Self.split(value, at: separatorBytes) { part in
                parentRows.append(row)
                parts.append(trim ? Self.trimmed(part) : part)
            }
        }
        var result = gatheringRows(parentRows)
        try result.setColumn(output, .strings(parts))
        return result
    }

    /// Calls `body` with each part of `text` between occurrences of `separator`, by UTF-8 bytes.
    private static func split(_ text: String, at separator: [UInt8], _ body: (String) -> Void) {
        var text = text
        text.makeContiguousUTF8()
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0, index = 0
            let last = bytes.count - separator.count
            while index <= last {
                if bytes[index] == separator[0], separator.count == 1 || bytes[index..<(index + separator.count)].elementsEqual(separator) {
                    body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                    index += separator.count
                    start = index
                } else {
                    index += 1
                }
            }
            body(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
        }
    }

    private static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
