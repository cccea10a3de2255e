import Frames

extension Column {
    /// The values as a chart's numbers: integers and doubles as they are, timestamps as seconds
    /// since 1970, NaN where a row has no value; nil for text and booleans, which a chart
    /// shows as categories.
    /// - Complexity: O(n).
    func chartNumbers() -> [Double]? {
        switch values {
        case .double(let doubles):
            return doubles
        case .int(let ints), .timestamp(let ints):
            guard let missingRows else { return ints.map(Double.init) }
            return ints.indices.map { missingRows[$0] ? .nan : Double(ints[$0]) }
        case .string, .bool:
            return nil
        }
    }
}

extension ColumnType {
    /// Whether a chart draws values of this type along a numeric axis (a date axis for
    /// timestamps) rather than as categories.
    var isChartNumeric: Bool { self == .int || self == .double || self == .timestamp }
}
