import RecbookSupport

/// The cache format of a table, version 1:
///
/// ```
/// u8 version (1) · u64 rowCount · u64 columnCount ·
/// per column: string name · u8 type (0 int, 1 double, 2 string, 3 timestamp, 4 bool) ·
///             values (an array of i64 or f64 as raw little-endian bytes, or a count and strings) ·
///             bool hasMask · [u64 array of mask words, bit r of word r/64 set for a missing row]
/// ```
extension DataFrame: BinaryCodable {
    private static let formatVersion: UInt8 = 1

    public func encode(to writer: inout BinaryWriter) {
        writer.write(Self.formatVersion)
        writer.write(UInt64(rowCount))
        writer.write(UInt64(columnCount))
        for (name, column) in zip(columnNames, columns) {
            writer.write(name)
            switch column.values {
            case let .int(values):
                writer.write(UInt8(0))
                writer.writeArray(values.map(Int64.init))
            case let .double(values):
                writer.write(UInt8(1))
                writer.writeArray(values)
            case let .string(values):
                switch values.encoded {
                case let (codes?, dictionary):
                    writer.write(UInt8(5))
                    writer.writeArray(codes)
                    writer.write(dictionary)
                case let (nil, strings):
                    writer.write(UInt8(2))
                    writer.write(strings)
                }
            case let .timestamp(values):
                writer.write(UInt8(3))
                writer.writeArray(values.map(Int64.init))
            case let .bool(values):
                writer.write(UInt8(4))
                writer.writeArray(values.map { $0 ? UInt8(1) : UInt8(0) })
            }
            writer.write(column.missingRows != nil)
            if let mask = column.missingRows { writer.writeArray(mask.words) }
        }
    }

    public init(from reader: inout BinaryReader) throws {
        let version = try reader.read(UInt8.self)
        guard version == Self.formatVersion else {
            throw BinaryDecodingError.invalid("table format version \(version); this recbook reads version \(Self.formatVersion)")
        }
        let rowCount = try reader.read(UInt64.self)
        let columnCount = try reader.read(UInt64.self)
        guard rowCount <= UInt64(Int.max), columnCount <= UInt64(reader.remaining) else {
            throw BinaryDecodingError.invalid("table size \(rowCount) × \(columnCount)")
        }
        var names: [String] = []
        var columns: [Column] = []
        for _ in 0..<Int(columnCount) {
            let name = try reader.read(String.self)
            let values: Column.Values
            switch try reader.read(UInt8.self) {
            case 0: values = .int(try reader.readArray(Int64.self).map { Int($0) })
            case 1: values = .double(try reader.readArray(Double.self))
            case 2: values = .string(try reader.read([String].self))
            case 3: values = .timestamp(try reader.readArray(Int64.self).map { Int($0) })
            case 4: values = .bool(try reader.readArray(UInt8.self).map { $0 != 0 })
            case 5:
                let codes = try reader.readArray(UInt32.self)
                let dictionary = try reader.read([String].self)
                guard codes.allSatisfy({ Int($0) < dictionary.count }) else {
                    throw BinaryDecodingError.invalid("column '\(name)' has a code beyond its \(dictionary.count) strings")
                }
                values = .string(StringValues(codes: codes, dictionary: dictionary))
            case let tag: throw BinaryDecodingError.invalid("column type tag \(tag)")
            }
            var mask: RowMask?
            if try reader.read(Bool.self) {
                let words = try reader.readArray(UInt64.self)
                guard words.count == (Int(rowCount) + 63) / 64 else {
                    throw BinaryDecodingError.invalid("missing-value mask of column '\(name)' has \(words.count) words")
                }
                mask = RowMask(count: Int(rowCount), words: words)
            }
            let column = Column(values: values, missingRows: mask)
            guard column.count == Int(rowCount) else {
                throw BinaryDecodingError.invalid("column '\(name)' has \(column.count) values; the table has \(rowCount) rows")
            }
            names.append(name)
            columns.append(column)
        }
        do {
            try self.init(names: names, columns: columns)
        } catch {
            throw BinaryDecodingError.invalid("\(error)")
        }
        if columns.isEmpty && rowCount != 0 {
            throw BinaryDecodingError.invalid("a table without columns has \(rowCount) rows")
        }
    }
}
