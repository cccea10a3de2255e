import Foundation

/// Formats the shown cells of one column the way pandas' HTML display does.
public enum CellFormatting {
    /// pandas' `display.precision`.
    private static let digits = 6

    /// Display strings for one column's shown cells.
    ///
    /// Numbers in a column that holds any double share one format (see ``formatFloats(_:)``);
    /// integers show as they are; timestamps as `YYYY-MM-DD HH:MM:SS`, or as dates alone when
    /// every shown one is at midnight; strings as they are; missing values as `NaN` (`NaT` in a
    /// column of timestamps).
    public static func format(_ cells: [TableCell]) -> [String] {
        var hasDouble = false, hasInt = false, hasTimestamp = false, hasOther = false
        for cell in cells {
            switch cell {
            case .double: hasDouble = true
            case .int: hasInt = true
            case .timestamp: hasTimestamp = true
            case .string, .bool: hasOther = true
            case .missing: break
            }
        }
        if hasTimestamp && !hasDouble && !hasInt && !hasOther {
            return formatTimestamps(cells)
        }
        if hasDouble && !hasTimestamp && !hasOther {
            return formatFloats(cells.map { cell in
                switch cell {
                case let .double(value): return value
                case let .int(value): return Double(value)
                default: return nil
                }
            })
        }
        // Mixed kinds (an object column in pandas terms): the doubles still share one format.
        let doubles = formatFloats(cells.compactMap { if case let .double(value) = $0 { return value } else { return nil } })
        var nextDouble = doubles.makeIterator()
        return cells.map { cell in
            switch cell {
            case let .int(value): return String(value)
            case .double: return nextDouble.next() ?? ""
            case let .string(value): return value
            case let .timestamp(seconds): return CivilDateTime(secondsSinceEpoch: seconds).description
            case let .bool(value): return value ? "True" : "False"
            case .missing: return "NaN"
            }
        }
    }

    private static func formatTimestamps(_ cells: [TableCell]) -> [String] {
        let times = cells.map { cell -> CivilDateTime? in
            if case let .timestamp(seconds) = cell { return CivilDateTime(secondsSinceEpoch: seconds) }
            return nil
        }
        let datesOnly = times.allSatisfy { $0?.isMidnight ?? true }
        return times.map { time in
            guard let time else { return "NaT" }
            return datesOnly ? time.dateString : time.description
        }
    }

    /// pandas' `FloatArrayFormatter`: six decimals, then as many trailing zeros cut from every
    /// value as all of them have, keeping at least one decimal (`4.0`, `4.5`, `4.428785`). Columns
    /// with a nonzero magnitude below 1e-6, or a value above 1e6 together with a value longer
    /// than 12 characters, switch to scientific notation (`1.234568e+07`). nil is a missing value.
    static func formatFloats(_ values: [Double?]) -> [String] {
        let fixed = trimmingZeros(values.map { format($0, style: "f") })
        var hasLarge = false, hasSmall = false
        for case let value? in values where !value.isNaN {
            let magnitude = abs(value)
            if magnitude > 1e6 { hasLarge = true }
            if magnitude > 0 && magnitude < 1e-6 { hasSmall = true }
        }
        let tooLong = (fixed.map(\.count).max() ?? 0) > digits + 6
        guard hasSmall || (tooLong && hasLarge) else { return fixed }
        return values.map { format($0, style: "e") }
    }

    private static func format(_ value: Double?, style: String) -> String {
        guard let value, !value.isNaN else { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return String(format: "%.\(digits)\(style)", value)
    }

    /// pandas' `_trim_zeros_float`: cuts trailing zeros from all plain decimals equally.
    private static func trimmingZeros(_ strings: [String]) -> [String] {
        let isDecimal = strings.map(isPlainDecimal)
        guard isDecimal.contains(true) else { return strings }
        var trimmed = strings.map { Substring($0) }
        while zip(trimmed, isDecimal).allSatisfy({ !$1 || $0.last == "0" }) {
            for index in trimmed.indices where isDecimal[index] { trimmed[index].removeLast() }
        }
        return zip(trimmed, isDecimal).map { text, decimal in
            decimal && text.last == "." ? text + "0" : String(text)
        }
    }

    /// Whether `text` is digits, a point and digits, with an optional sign (`^[+-]?[0-9]+\.[0-9]*$`).
    private static func isPlainDecimal(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        guard let point = bytes.firstIndex(of: UInt8(ascii: ".")), point != bytes.startIndex else { return false }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        return bytes[..<point].allSatisfy(isDigit) && bytes[bytes.index(after: point)...].allSatisfy(isDigit)
    }
}
