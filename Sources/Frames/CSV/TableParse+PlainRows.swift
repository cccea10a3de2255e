/// What a row of plain numbers holds in one field: nothing read, or a number for a column.
enum PlainField {
    case skipped
    /// An integer (or a timestamp of Unix seconds) for the column built by `builder`.
    case integer(builder: Int)
    case double(builder: Int)
}

/// Rows of plain numbers, read in one pass over their bytes.
///
/// Most large files (a ratings table) are rows of unquoted numbers. For them the general path —
/// scan every field into a span, trim it, test it for missing-value markers, parse it — does
/// more than the row needs. A plain row is read here instead: each number parsed as it is
/// scanned, by ``FieldParsing``'s exact paths (``FieldParsing/leadingInteger(_:_:_:)``, up to
/// 18 digits; ``FieldParsing/leadingDecimal(_:_:_:)``, at most 15 significant digits), and
/// the values appended only once the whole row has read cleanly. Anything else in a row — a
/// quote, a carriage return, a space, an empty field, a missing-value marker, `nan` or `inf`, an
/// exponent, a longer number, a value outside a column's domain, a timestamp written as a date,
/// the file's last row without a line feed — sends that row to the general path, which reads
/// it, or reports its error, exactly as before; so the table and every error are the general
/// path's (`CSVPlainRowTests` compares them).
extension TableParse {
    /// What each field of a row holds, when every column read is a number and the separator is
    /// one byte; nil otherwise.
    func plainRowPlan(layout: RowLayout, builders: [ColumnBuilder], fieldCount: Int) -> [PlainField]? {
        guard readsPlainRowsQuickly, separator.count == 1, fieldCount >= 1, fieldCount <= 64 else { return nil }
        var plan = [PlainField](repeating: .skipped, count: fieldCount)
        for (builder, field) in layout.fieldOfColumn.enumerated() {
            guard field < fieldCount, case .skipped = plan[field] else { return nil }
            switch builders[builder].type {
            case .int, .timestamp: plan[field] = .integer(builder: builder)
            case .double: plan[field] = .double(builder: builder)
            case .string, .bool: return nil
            }
        }
        return plan
    }

    /// Reads the record at the scanner's position if it is a plain row (see the extension's
    /// discussion) and appends its values to `batch`; false, with nothing read or appended,
    /// otherwise.
    @inline(__always)
    func readPlainRecord(_ scanner: inout CSVScanner, plan: [PlainField], into batch: inout RowBatch) -> Bool {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: plan.count) { values in
            let start = scanner.position, end = bytes.count
            let separatorByte = separator[0]
            var cursor = start
            // Every field read and checked before anything is appended: integers as they are,
            // doubles as their bit patterns.
            for (field, kind) in plan.enumerated() {
                let terminator = field == plan.count - 1 ? 0x0A : separatorByte
                switch kind {
                case let .integer(builder):
                    guard let (number, stop) = FieldParsing.leadingInteger(bytes, cursor, end),
                          stop < end, bytes[stop] == terminator,
                          batch.builders[builder].allowedValues.map({ $0.contains(Double(number)) }) ?? true
                    else { return false }
                    values[field] = number
                    cursor = stop + 1
                    continue
                case let .double(builder):
                    guard let (number, stop) = FieldParsing.leadingDecimal(bytes, cursor, end),
                          stop < end, bytes[stop] == terminator,
                          batch.builders[builder].allowedValues.map({ $0.contains(number) }) ?? true
                    else { return false }
                    values[field] = Int(bitPattern: UInt(number.bitPattern))
                    cursor = stop + 1
                    continue
                case .skipped:
                    break  // scanned, not read
                }
                while cursor < end {
                    let byte = bytes[cursor]
                    if byte == separatorByte || byte <= 0x0D || byte == 0x22 || byte == 0x20 { break }
                    cursor += 1
                }
                guard cursor < end, bytes[cursor] == terminator else { return false }
                values[field] = 0
                cursor += 1
            }
            guard cursor - start <= limits.maxRecordBytes else { return false }
            for (field, kind) in plan.enumerated() {
                switch kind {
                case .skipped: break
                case let .integer(builder): batch.builders[builder].ints.append(values[field])
                case let .double(builder): batch.builders[builder].doubles.append(Double(bitPattern: UInt64(UInt(bitPattern: values[field]))))
                }
            }
            scanner.skipScannedRecord(to: cursor, fieldCount: plan.count)
            return true
        }
    }
}
