import Foundation

extension DataFrame {
    /// Summary statistics of numeric columns: pandas' `describe()`.
    ///
    /// - Parameters:
    ///   - names: the columns to describe; by default every integer and double column.
    ///   - percentiles: quantiles to report, each in [0, 1], in increasing order whatever the order
    ///     given (pandas 3 reports exactly those given). Interpolated linearly, as pandas does.
    /// - Returns: a string column `statistic` (`count`, `mean`, `std`, `min`, the percentiles as
    ///   `25%`…, `max`), then one double column per described column. Missing values are left
    ///   out; `std` is the sample standard deviation (ddof = 1).
    /// - Throws: ``DataError`` for an unknown column or one that is not numeric, or a table
    ///   without numeric columns to describe.
    /// - Complexity: O(*n*) per column and percentile (selection, not sorting).
    public func describe(_ names: [String]? = nil, percentiles: [Double] = [0.25, 0.5, 0.75]) throws -> DataFrame {
        let names = names ?? zip(columnNames, columns).filter { $0.1.type.isNumeric }.map(\.0)
        guard !names.isEmpty else {
            throw DataError.invalidArgument("the table has no numeric columns to describe")
        }
        let quantiles = Array(Set(percentiles)).sorted()
        if let outside = quantiles.first(where: { !(0...1).contains($0) }) {
            throw DataError.invalidArgument("percentile \(outside) is outside [0, 1]")
        }
        let statistics = ["count", "mean", "std", "min"] + Self.percentileLabels(quantiles) + ["max"]
        var columns: [Column] = [.strings(statistics)]
        for name in names {
            let values = try doublesOfNumericColumn(name)
            columns.append(.doubles(Self.describe(values, quantiles)))
        }
        return try DataFrame(names: ["statistic"] + names, columns: columns)
    }

    private func doublesOfNumericColumn(_ name: String) throws -> [Double] {
        let column = try column(name)
        guard column.type.isNumeric else {
            throw DataError.columnTypeMismatch(column: name, actual: column.type, expected: [.int, .double])
        }
        return try doubles(name)
    }

    /// count, mean, std, min, the quantiles, max of the values that are not NaN.
    private static func describe(_ values: [Double], _ quantiles: [Double]) -> [Double] {
        var present = values.filter { !$0.isNaN }
        let count = Double(present.count)
        guard !present.isEmpty else {
            return [0] + [Double](repeating: .nan, count: quantiles.count + 4)
        }
        let mean = present.reduce(0, +) / count
        let squares = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let std = present.count < 2 ? Double.nan : (squares / (count - 1)).squareRoot()
        let minimum = present.min() ?? .nan, maximum = present.max() ?? .nan
        let reported = quantiles.map { OrderStatistics.quantile(&present, $0) }
        return [count, mean, std, minimum] + reported + [maximum]
    }

    /// Percent labels as pandas writes them: `25%`, `50%`, `2.5%`: the fewest decimals, at most
    /// three, that keep every label distinct and exact (`33.333%` for a third).
    static func percentileLabels(_ quantiles: [Double]) -> [String] {
        for decimals in 0...3 {
            let labels = quantiles.map { String(format: "%.\(decimals)f", $0 * 100) }
            let exact = zip(quantiles, labels).allSatisfy { quantile, label in
                abs((Double(label) ?? .nan) - quantile * 100) < 1e-9
            }
            if exact && Set(labels).count == labels.count || decimals == 3 {
                return labels.map { Self.trimmingZeros($0) + "%" }
            }
        }
        return []
    }

    private static func trimmingZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
