import Foundation
import RecbookSupport

/// Where the bins of ``DataFrame/binned(_:_:labels:into:)`` start and end. Every bin is
/// right-open, `[start, end)`, as `pd.cut(right=False)` makes them.
public enum BinEdges: Sendable, Hashable {
    /// Bins of equal width, one edge at `origin`: `[origin + k × width, origin + (k + 1) × width)`
    /// for every whole number `k`, so every value falls in one.
    case width(Double, origin: Double)
    /// The bins between consecutive edges, which must increase; values outside them are missing.
    case edges([Double])
}

/// How ``DataFrame/binned(_:_:labels:into:)`` names each value's bin.
public enum BinLabel: String, Sendable, CaseIterable {
    /// The interval as text, `[3.5, 4.0)`.
    case interval
    /// The bin's start, as a number.
    case start
}

extension DataFrame {
    /// The most bins a width may make over a column's range of values: labels are made per bin.
    public static let maxBins = 100_000

    /// Adds a column naming the bin each value of the numeric column `name` falls in:
    /// `pd.cut(df[name], bins, right=False)`.
    ///
    /// - Parameters:
    ///   - name: an integer or double column; missing values stay missing.
    ///   - edges: the bins.
    ///   - labels: interval text, or each bin's start as a double.
    ///   - output: the new column's name; a column of that name is replaced.
    /// - Throws: ``DataError`` for an unknown or non-numeric column, edges that do not increase,
    ///   a width that is not positive, or a width that would make more than ``maxBins`` bins over
    ///   the column's values (checked before anything is allocated).
    /// - Complexity: O(*n*) for a width, O(*n* log *e*) for *e* edges.
    public func binned(_ name: String, _ edges: BinEdges, labels: BinLabel, into output: String) throws -> DataFrame {
        let column = try column(name)
        guard column.type.isNumeric else {
            throw DataError.columnTypeMismatch(column: name, actual: column.type, expected: [.int, .double])
        }
        let values = try doubles(name)
        let binner = try Binner(edges, values: values)
        var bins = [Int](repeating: -1, count: values.count)
        for (row, value) in values.enumerated() where !value.isNaN { bins[row] = binner.bin(of: value) ?? -1 }
        let binned: Column
        switch labels {
        case .start:
            binned = .doubles(bins.map { $0 < 0 ? .nan : binner.start(of: $0) })
        case .interval:
            var labelOfBin = [String?](repeating: nil, count: binner.count)
            for bin in bins where bin >= 0 && labelOfBin[bin] == nil {
                labelOfBin[bin] = "[\(Self.edgeText(binner.start(of: bin))), \(Self.edgeText(binner.start(of: bin + 1))))"
            }
            binned = .strings(bins.map { $0 < 0 ? nil : labelOfBin[$0] })
        }
        var result = self
        try result.setColumn(output, binned)
        return result
    }

    /// An edge as Python prints a float: `4.0`, `0.3`.
    static func edgeText(_ value: Double) -> String { Format.shortest(value) }
}

/// Finds bins: by arithmetic for equal widths, by binary search for given edges. Bin numbers
/// count from 0; bin `b` is `[start(b), start(b + 1))`.
private struct Binner {
    private let edges: BinEdges
    /// For widths: the `k` of bin 0.
    private let firstK: Int
    /// Where each bin starts, then where the last one ends. Computed edges are rounded to 12
    /// significant digits, so that the edge labelled `0.3` is 0.3 and holds the value 0.3, not
    /// 3 × 0.1 = 0.30000000000000004.
    private let starts: [Double]
    /// The number of bins.
    var count: Int { starts.count - 1 }

    init(_ edges: BinEdges, values: [Double]) throws {
        self.edges = edges
        switch edges {
        case let .edges(list):
            guard list.count >= 2 else { throw DataError.invalidArgument("bins need at least two edges, got \(list.count)") }
            for (a, b) in zip(list, list.dropFirst()) where !(a < b) {
                throw DataError.invalidArgument("bin edges must increase, but \(Format.shortest(b)) follows \(Format.shortest(a))")
            }
            firstK = 0
            starts = list
        case let .width(width, origin):
            guard width > 0, width.isFinite, origin.isFinite else {
                throw DataError.invalidArgument("a bin width must be a positive number, got \(Format.shortest(width))")
            }
            let present = values.filter { !$0.isNaN }
            let low = present.min() ?? origin, high = present.max() ?? origin
            let lowK = ((low - origin) / width).rounded(.down), highK = ((high - origin) / width).rounded(.down)
            let span = highK - lowK + 1
            // Bin numbers must fit an integer too: values of 1e30 in bins of width 1 are few bins but far from the origin.
            guard span <= Double(DataFrame.maxBins), abs(lowK) < 0x1p60, abs(highK) < 0x1p60 else {
                throw DataError.invalidArgument(
                    "a bin width of \(Format.shortest(width)) over values from \(Format.shortest(low)) to \(Format.shortest(high)) "
                        + "makes \(Format.number(span.rounded())) bins; at most \(DataFrame.maxBins) are allowed: use a wider bin"
                )
            }
            let firstK = Int(lowK) - 1
            self.firstK = firstK
            starts = (0...(Int(span) + 2)).map { bin in
                let edge = origin + Double(firstK + bin) * width
                return Double(String(format: "%.12g", edge)) ?? edge
            }
        }
    }

    /// The start of bin `bin` (and the end of bin `bin - 1`).
    func start(of bin: Int) -> Double { starts[bin] }

    /// The bin holding `value`, or nil outside the edges.
    func bin(of value: Double) -> Int? {
        switch edges {
        case let .edges(list):
            guard value >= list[0], value < list[list.count - 1] else { return nil }
            var low = 0, high = list.count - 1  // list[low] ≤ value < list[high]
            while high - low > 1 {
                let middle = (low + high) / 2
                if list[middle] <= value { low = middle } else { high = middle }
            }
            return low
        case let .width(width, origin):
            // Division may round across an edge; the edges in `starts` decide.
            var bin = Int(((value - origin) / width).rounded(.down)) - firstK
            if bin + 1 < count, start(of: bin + 1) <= value { bin += 1 }
            if bin > 0, start(of: bin) > value { bin -= 1 }
            return bin
        }
    }
}
