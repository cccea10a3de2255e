import LinearAlgebra
import RecbookSupport

/// Gives factors to items that have content features but no ratings: a ridge regression from
/// an item's features (genres, tag TF-IDF, …) to its factors and bias in a fitted
/// ``FactorRecommender``, learnt on the items the model knows.
///
/// With F the known items' features (plus a constant column) and T their targets [q_i, b_i],
/// the weights are W = (FᵀF + λI)⁻¹FᵀT, the constant column unpenalised. A new item with
/// features f gets [q, b] = [f, 1]·W, and the model scores it for any user with
/// ``FactorRecommender/score(for:itemFactors:itemBias:)``. Without informative features the
/// prediction falls back to the mean item: the mean factors and the mean bias.
public struct ItemContentRegression: Sendable, Equatable {
    /// The number of content features an item has.
    public let featureCount: Int
    /// k, the number of factors predicted (the bias comes after them).
    public let factorCount: Int
    /// (features + 1) × (k + 1), row-major; the last row is the intercept.
    let weights: Matrix

    /// Fits the regression.
    ///
    /// - Parameters:
    ///   - model: A fitted factor model.
    ///   - features: One row per item of `model.items`, in the same order.
    ///   - regularization: λ, the ridge on the feature weights.
    /// - Throws: ``ModelError/incompatible(_:)`` when `features` has another number of rows;
    ///   ``ModelError/invalidConfiguration(_:)`` for a negative λ; ``ModelError/invalidData(_:)``
    ///   when the system is singular (λ = 0 with collinear features).
    /// - Complexity: O(n·f² + f³ + n·f·k) for n items and f features.
    public init(model: some FactorRecommender, features: Matrix, regularization: Double = 1) throws {
        guard features.rowCount == model.itemCount else {
            throw ModelError.incompatible("\(features.rowCount) feature rows for \(model.itemCount) items")
        }
        try require(regularization >= 0 && regularization.isFinite, "regularization must be non-negative, got \(regularization)")
        featureCount = features.columnCount
        factorCount = model.itemFactors.columnCount
        let width = featureCount + 1, outputs = factorCount + 1
        var design = Matrix(rowCount: features.rowCount, columnCount: width, repeating: 1)
        var targets = Matrix(rowCount: features.rowCount, columnCount: outputs)
        for item in 0..<features.rowCount {
            for column in 0..<featureCount { design[item, column] = features[item, column] }
            for column in 0..<factorCount { targets[item, column] = model.itemFactors[item, column] }
            targets[item, factorCount] = model.itemBiases[item]
        }
        var normal = try design.multiplied(by: design, transposingSelf: true)
        for column in 0..<featureCount { normal[column, column] += regularization }
        let moments = try design.multiplied(by: targets, transposingSelf: true)
        do {
            weights = try CholeskyFactorization(normal).solve(moments)
        } catch LinearAlgebraError.notPositiveDefinite {
            throw ModelError.invalidData("content regression is singular; use a positive regularization")
        }
    }

    /// The factors and bias predicted for an item from its features.
    ///
    /// - Throws: ``ModelError/incompatible(_:)`` for a feature vector of the wrong length.
    public func itemFactors(for features: [Double]) throws -> (factors: [Double], bias: Double) {
        guard features.count == featureCount else {
            throw ModelError.incompatible("\(features.count) features, the regression was fitted on \(featureCount)")
        }
        let output = try weights.multiplied(by: features + [1], transposingSelf: true)
        return (Array(output.prefix(factorCount)), output[factorCount])
    }
}

extension ItemContentRegression: BinaryCodable {
    static let formatVersion: UInt8 = 1

    public func encode(to writer: inout BinaryWriter) {
        writer.write(Self.formatVersion)
        writer.write(Int64(featureCount))
        writer.write(Int64(factorCount))
        writer.write(weights)
    }

    public init(from reader: inout BinaryReader) throws {
        let version = try reader.read(UInt8.self)
        guard version == Self.formatVersion else {
            throw BinaryDecodingError.invalid("content regression format version \(version), expected \(Self.formatVersion)")
        }
        featureCount = Int(try reader.read(Int64.self))
        factorCount = Int(try reader.read(Int64.self))
        weights = try ModelFormat.readMatrix(rows: featureCount + 1, columns: factorCount + 1, "content weights", from: &reader)
    }
}
