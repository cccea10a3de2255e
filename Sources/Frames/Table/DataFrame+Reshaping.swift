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

        if case let (codes?, dictionary) = values.encoded {
            return try explodedDictionary(codes, dictionary, missing: column.missingRows, separator: separator, into: output, trim: trim)
        }
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

    /// ``exploded(_:separator:into:trim:)`` of a dictionary-encoded column: each dictionary
    /// string is split once, and the parts are dictionary-encoded in turn.
    private func explodedDictionary(
        _ codes: [UInt32], _ dictionary: [String], missing: RowMask?, separator: String, into output: String, trim: Bool
    ) throws -> DataFrame {
        let separatorBytes = Array(separator.utf8)
        var partCodes: [ExactString: UInt32] = [:]
        var parts: [String] = [""]
        let entryParts: [[UInt32]] = dictionary.map { value in
            var list: [UInt32] = []
            guard !value.isEmpty else { return list }
            Self.split(value, at: separatorBytes) { part in
                let part = trim ? Self.trimmed(part) : part
                let key = ExactString(value: part)
                if let code = partCodes[key] { list.append(code); return }
                let code = UInt32(parts.count)
                partCodes[key] = code
                parts.append(part)
                list.append(code)
            }
            return list
        }
        var parentRows: [Int] = []
        var outputCodes: [UInt32] = []
        var missingRows: [Int] = []
        parentRows.reserveCapacity(codes.count)
        outputCodes.reserveCapacity(codes.count)
        for (row, code) in codes.enumerated() {
            let list = entryParts[Int(code)]
            if missing?[row] == true || list.isEmpty {
                missingRows.append(parentRows.count)
                parentRows.append(row)
                outputCodes.append(0)
                continue
            }
            for part in list {
                parentRows.append(row)
                outputCodes.append(part)
            }
        }
        var mask = RowMask(count: parentRows.count)
        for row in missingRows { mask[row] = true }
        var result = gatheringRows(parentRows)
        try result.setColumn(output, .make(.string(StringValues(codes: outputCodes, dictionary: parts)), missing: mask))
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

extension DataFrame {
    /// The type one column can hold the values of all of `types`: the type itself when they
    /// agree, a number when integers and numbers mix; nil otherwise.
    public static func commonType(_ types: [ColumnType]) -> ColumnType? {
        guard let first = types.first else { return nil }
        if types.allSatisfy({ $0 == first }) { return first }
        if types.allSatisfy(\.isNumeric) { return .double }
        return nil
    }

    /// Wide to long: each of `columns` becomes rows of a name column and a value column, the
    /// `ids` columns repeated, as pandas' `melt(id_vars=ids, value_vars=columns, var_name=…,
    /// value_name=…)` and tidyr's `pivot_longer` do. Rows come column by column: every row for
    /// the first column, then every row for the second, as pandas orders them.
    ///
    /// - Throws: ``DataError`` for an unknown column, output names that clash, or value columns
    ///   of types that do not share one (integers and numbers become numbers).
    /// - Complexity: O(rows × (ids + columns)).
    public func melted(ids: [String], columns valueNames: [String], namesTo: String, valuesTo: String) throws -> DataFrame {
        let values = try valueNames.map { try column($0) }
        guard let type = Self.commonType(values.map(\.type)) else {
            let listed = zip(valueNames, values).map { "'\($0)' holds \($1.type.pluralName)" }.joined(separator: ", ")
            throw DataError.invalidArgument("the columns to melt must hold values of one type (integers and numbers mix): \(listed)")
        }
        var names = ids
        for name in [namesTo, valuesTo] {
            guard !names.contains(name) else { throw DataError.duplicateColumnName(name) }
            names.append(name)
        }
        let repeatedRows = (0..<values.count).flatMap { _ in 0..<rowCount }
        var columns = try ids.map { try column($0).gathering(repeatedRows) }
        columns.append(.strings(valueNames.flatMap { Array(repeating: $0, count: rowCount) }))
        columns.append(Self.stacked(values, as: type))
        return try DataFrame(names: names, columns: columns)
    }

    /// The columns one after another, as one column of `type`.
    private static func stacked(_ columns: [Column], as type: ColumnType) -> Column {
        var missing = RowMask(count: columns.reduce(0) { $0 + $1.count })
        var offset = 0
        for column in columns {
            for row in 0..<column.count where column.isMissing(row) { missing[offset + row] = true }
            offset += column.count
        }
        let values: Column.Values
        switch type {
        case .double:
            values = .double(columns.flatMap { column -> [Double] in
                switch column.values {
                case let .double(doubles): return doubles
                case let .int(ints): return ints.map(Double.init)
                default: return []
                }
            })
        case .int, .timestamp:
            let ints = columns.flatMap { column -> [Int] in
                if case let .int(values) = column.values { return values }
                if case let .timestamp(values) = column.values { return values }
                return []
            }
            values = type == .int ? .int(ints) : .timestamp(ints)
        case .string:
            values = .string(columns.flatMap { column -> [String] in
                if case let .string(values) = column.values { return values.array }
                return []
            })
        case .bool:
            values = .bool(columns.flatMap { column -> [Bool] in
                if case let .bool(values) = column.values { return values }
                return []
            })
        }
        return .make(values, missing: missing)
    }
}
