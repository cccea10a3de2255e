import RecbookSupport

/// The top-k singular triplets of a matrix A: A ≈ U·diag(σ)·Vᵀ.
///
/// Build one with ``init(of:rank:method:)``. Unlike `scipy.sparse.linalg.svds`, which returns
/// the singular values in ascending order, the triplets here are ordered largest first, and
/// each triplet's sign is fixed (see ``init(of:rank:method:)``), so results are reproducible.
///
/// The reconstruction helpers compute single entries or rows from σ-scaled dot products, so a
/// caller never needs the m×n dense product unless it asks for it with ``reconstructed()``.
public struct TruncatedSVD: Sendable, Equatable {
    /// The left singular vectors as the columns of an m×k matrix.
    public let u: Matrix
    /// The singular values, largest first.
    public let singularValues: [Double]
    /// The right singular vectors as the rows of a k×n matrix.
    public let vt: Matrix

    /// Creates a decomposition from its factors.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(operation:left:right:)`` when the
    ///   factors' inner dimensions differ from the number of singular values.
    public init(u: Matrix, singularValues: [Double], vt: Matrix) throws {
        guard u.columnCount == singularValues.count, vt.rowCount == singularValues.count else {
            throw LinearAlgebraError.dimensionMismatch(
                operation: "truncated SVD factors (\(singularValues.count) singular values)",
                left: u.shape, right: vt.shape)
        }
        self.u = u
        self.singularValues = singularValues
        self.vt = vt
    }

    /// The number of singular triplets, k.
    public var rank: Int { singularValues.count }

    /// The number of rows of the decomposed matrix, m.
    public var rowCount: Int { u.rowCount }

    /// The number of columns of the decomposed matrix, n.
    public var columnCount: Int { vt.columnCount }

    /// One entry of the rank-k approximation: Σᵢ U[row, i]·σᵢ·Vᵀ[i, column].
    ///
    /// - Complexity: O(k).
    public func reconstructedEntry(row: Int, column: Int) -> Double {
        precondition(row >= 0 && row < rowCount && column >= 0 && column < columnCount,
                     "entry (\(row), \(column)) out of range for a \(rowCount)×\(columnCount) decomposition")
        var sum = 0.0
        for component in 0..<rank {
            sum += u[row, component] * singularValues[component] * vt[component, column]
        }
        return sum
    }

    /// One row of the rank-k approximation: (U[row, :]·diag(σ))·Vᵀ, by one `dgemv`.
    ///
    /// - Throws: ``LinearAlgebraError`` should BLAS reject the dimensions.
    /// - Complexity: O(k·n).
    public func reconstructedRow(_ row: Int) throws -> [Double] {
        let weights = zip(u.row(row), singularValues).map { $0 * $1 }
        return try vt.multiplied(by: weights, transposingSelf: true)
    }

    /// The whole m×n rank-k approximation U·diag(σ)·Vᵀ, by one `dgemm`.
    ///
    /// - Throws: ``LinearAlgebraError`` should BLAS reject the dimensions.
    /// - Complexity: O(m·n·k) time and O(m·n) memory.
    public func reconstructed() throws -> Matrix {
        var scaled = u
        for row in 0..<rowCount {
            for component in 0..<rank { scaled[row, component] *= singularValues[component] }
        }
        return try scaled.multiplied(by: vt)
    }
}

extension TruncatedSVD: BinaryCodable {
    /// The version of the layout written by ``encode(to:)``.
    static let formatVersion: UInt8 = 1

    /// Writes a format version byte, then U, the singular values and Vᵀ.
    public func encode(to writer: inout BinaryWriter) {
        writer.write(Self.formatVersion)
        writer.write(u)
        writer.writeArray(singularValues)
        writer.write(vt)
    }

    public init(from reader: inout BinaryReader) throws {
        let version = try reader.read(UInt8.self)
        guard version == Self.formatVersion else {
            throw BinaryDecodingError.invalid("truncated SVD format version \(version), expected \(Self.formatVersion)")
        }
        let u = try reader.read(Matrix.self)
        let singularValues = try reader.readArray(Double.self)
        let vt = try reader.read(Matrix.self)
        do {
            try self.init(u: u, singularValues: singularValues, vt: vt)
        } catch {
            throw BinaryDecodingError.invalid("\(error)")
        }
    }
}
