import Frames
import RecbookSupport

/// The distinct values of a column, as a chart names them, and each row's category: a bar
/// chart's bars, a heat map's rows and columns, the series a `series` column splits rows into.
///
/// Categories are numbered in the order they first appear. Names read as the values do: text as
/// it is, integers in full, doubles in their shortest form, booleans as `false` and `true`,
/// timestamps as dates (with the time of day unless every one is at midnight).
struct ChartCategories {
    /// Each category's name, in order of first appearance.
    private(set) var names: [String] = []
    /// Each row's category, or -1 for a row without a value.
    private(set) var codes: [Int] = []
    /// Each category's value, for sorting by label: numbers by value, text by its characters.
    private var keys: [Key] = []

    private enum Key: Comparable {
        case number(Double)
        case text(String)
    }

    /// The categories of `column`'s rows.
    /// - Complexity: O(n) expected, for n rows.
    init(_ column: Column) {
        codes.reserveCapacity(column.count)
        switch column.values {
        case .string(let values):
            encode(values.array, column) { (.text($0), $0) }
        case .int(let values):
            encode(values, column) { (.number(Double($0)), String($0)) }
        case .double(let values):
            // -0.0 and 0.0 are one category, as they are one value.
            encode(values.map { $0 == 0 ? 0 : $0 }, column) { (.number($0), Format.shortest($0)) }
        case .bool(let values):
            encode(values, column) { (.number($0 ? 1 : 0), $0 ? "true" : "false") }
        case .timestamp(let values):
            let datesOnly = values.indices.allSatisfy {
                column.isMissing($0) || CivilDateTime(secondsSinceEpoch: values[$0]).isMidnight
            }
            encode(values, column) { seconds in
                let time = CivilDateTime(secondsSinceEpoch: seconds)
                return (.number(Double(seconds)), datesOnly ? time.dateString : time.description)
            }
        }
    }

    private mutating func encode<Value: Hashable>(
        _ values: [Value], _ column: Column, describe: (Value) -> (Key, String)
    ) {
        var codeOfValue: [Value: Int] = [:]
        for (row, value) in values.enumerated() {
            if column.isMissing(row) {
                codes.append(-1)
                continue
            }
            if let code = codeOfValue[value] {
                codes.append(code)
                continue
            }
            let code = names.count
            codeOfValue[value] = code
            let (key, name) = describe(value)
            keys.append(key)
            names.append(name)
            codes.append(code)
        }
    }

    /// The number of categories.
    var count: Int { names.count }

    /// The categories in ascending order of their values: numbers by value, text by its
    /// characters.
    func labelOrder() -> [Int] {
        names.indices.sorted { keys[$0] < keys[$1] }
    }

    /// The place of each category in `order`, a permutation of the categories.
    static func places(of order: [Int]) -> [Int] {
        var places = [Int](repeating: 0, count: order.count)
        for (place, category) in order.enumerated() { places[category] = place }
        return places
    }
}
