import LinearAlgebra
import RecbookSupport

/// Per-column rescaling to a target range, exactly as scikit-learn's `MinMaxScaler`.
///
/// Fitting records each column's minimum and maximum; then `scale = (high − low) / range` and
/// `offset = low − minimum · scale` (scikit-learn's `scale_` and `min_`), where a range below
/// 10 machine epsilons, such as a constant column's 0, counts as 1. Transforming computes
/// `x · scale + offset`, rounding after each step as NumPy does. Values outside the fitted
/// range map outside the target range: there is no clipping.
public struct MinMaxScaler: Sendable, Equatable {
    /// Each column's smallest fitted value (`data_min_`).
    public let dataMinimum: [Double]
    /// Each column's largest fitted value (`data_max_`).
    public let dataMaximum: [Double]
    /// Each column's multiplier (`scale_`).
    public let scale: [Double]
    /// Each column's additive term after scaling (`min_`).
    public let offset: [Double]

    /// Fits on some rows of a matrix.
    ///
    /// - Parameters:
    ///   - matrix: The data, one sample per row.
    ///   - rows: The rows to fit on; repeats are allowed and change nothing, so a caller that
    ///     stores one row per distinct item can pass each training sample's item row. `nil`
    ///     means every row.
    ///   - featureRange: The target range; (0, 1) by default.
    /// - Throws: ``FeatureError/emptyInput(_:)`` when there are no rows to fit on,
    ///   ``FeatureError/invalidParameter(_:)`` for an empty target range or a row out of range.
    ///   NaNs are ignored, as `numpy.nanmin` ignores them.
    public init(fitting matrix: Matrix, rows: [Int]? = nil, featureRange: (low: Double, high: Double) = (0, 1)) throws {
        guard featureRange.low < featureRange.high else {
            throw FeatureError.invalidParameter("feature range (\(featureRange.low), \(featureRange.high)) is empty")
        }
        let selected = rows ?? Array(0..<matrix.rowCount)
        guard !selected.isEmpty else { throw FeatureError.emptyInput("no rows to fit the min-max scaler on") }
        if let bad = selected.first(where: { $0 < 0 || $0 >= matrix.rowCount }) {
            throw FeatureError.invalidParameter("row \(bad) is outside the matrix's \(matrix.rowCount) rows")
        }
        var minimum = [Double](repeating: .nan, count: matrix.columnCount)
        var maximum = [Double](repeating: .nan, count: matrix.columnCount)
        for row in selected {
            for (column, value) in matrix.row(row).enumerated() where !value.isNaN {
                if minimum[column].isNaN || value < minimum[column] { minimum[column] = value }
                if maximum[column].isNaN || value > maximum[column] { maximum[column] = value }
            }
        }
        let span = featureRange.high - featureRange.low
        let nearlyConstant = 10 * Double.ulpOfOne
        dataMinimum = minimum
        dataMaximum = maximum
        scale = zip(minimum, maximum).map { low, high in
            let range = high - low
            return span / (range < nearlyConstant ? 1 : range)
        }
        offset = zip(minimum, scale).map { featureRange.low - $0 * $1 }
    }

    /// Rescales every row of a matrix.
    ///
    /// - Throws: ``FeatureError/lengthMismatch(_:)`` when the matrix's width differs from the
    ///   fitted one.
    public func transform(_ matrix: Matrix) throws -> Matrix {
        guard matrix.columnCount == scale.count else {
            throw FeatureError.lengthMismatch("matrix has \(matrix.columnCount) columns, the scaler was fitted on \(scale.count)")
        }
        var result = matrix
        let width = scale.count
        result.withUnsafeMutableBufferPointer { storage in
            for start in stride(from: 0, to: storage.count, by: max(width, 1)) {
                for column in 0..<width {
                    let scaled = storage[start + column] * scale[column]
                    storage[start + column] = scaled + offset[column]
                }
            }
        }
        return result
    }

    /// Rescales one row.
    ///
    /// - Throws: ``FeatureError/lengthMismatch(_:)`` when the row's length differs from the
    ///   fitted width.
    public func transform(row: [Double]) throws -> [Double] {
        guard row.count == scale.count else {
            throw FeatureError.lengthMismatch("row has \(row.count) values, the scaler was fitted on \(scale.count)")
        }
        return row.indices.map { column in
            let scaled = row[column] * scale[column]
            return scaled + offset[column]
        }
    }

    public static func == (lhs: MinMaxScaler, rhs: MinMaxScaler) -> Bool {
        // Bit patterns, so that NaNs from all-NaN columns compare equal.
        func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
        return bits(lhs.dataMinimum) == bits(rhs.dataMinimum) && bits(lhs.dataMaximum) == bits(rhs.dataMaximum)
            && bits(lhs.scale) == bits(rhs.scale) && bits(lhs.offset) == bits(rhs.offset)
    }
}

extension MinMaxScaler: BinaryCodable {
    /// Writes the four per-column arrays.
    public func encode(to writer: inout BinaryWriter) {
        writer.writeArray(dataMinimum)
        writer.writeArray(dataMaximum)
        writer.writeArray(scale)
        writer.writeArray(offset)
    }

    public init(from reader: inout BinaryReader) throws {
        dataMinimum = try reader.readArray(Double.self)
        dataMaximum = try reader.readArray(Double.self)
        scale = try reader.readArray(Double.self)
        offset = try reader.readArray(Double.self)
        let width = dataMinimum.count
        guard dataMaximum.count == width, scale.count == width, offset.count == width else {
            throw BinaryDecodingError.invalid("min-max scaler arrays differ in length")
        }
    }
}
