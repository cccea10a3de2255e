import Dispatch
import Foundation

/// The Gram operator x ↦ Bᵀ·(B·x) of a sparse r×d matrix B, applied in one pass over B's rows
/// without forming Bᵀ·B or storing Bᵀ.
///
/// Each row b of B is read once: its dot product with x, then that number times b added into
/// the result, while the row is still in cache. This is half the memory traffic of two separate
/// products (A·x, then Aᵀ·y), and needs no transposed copy. Column indices are kept as 32-bit
/// numbers, a third less to read per entry than 64-bit ones.
///
/// The rows are cut into a fixed number of parts by stored entries, a number that depends on
/// the matrix only, never on the machine: each part adds its rows into its own accumulator, in
/// row order, and the accumulators are summed in part order. Any number of threads therefore
/// gives the same bits.
///
/// The columns are renumbered by decreasing number of entries, so that the entries of x and of
/// the accumulators that most rows touch sit together in cache (popular movies are spread over
/// the ids). Only the numbering changes, not the order of the additions, so the result is the
/// same bits as without it.
struct SparseGramOperator: Sendable {
    /// d, the operator's order: B's column count.
    let dimension: Int
    private let rowOffsets: [Int]
    /// Each entry's column, renumbered: its position in ``columnOrder``.
    private let columns: [UInt32]
    private let values: [Double]
    /// The columns by decreasing number of entries (ties by column): renumbered column → column.
    let columnOrder: [Int]
    /// Row boundaries of the parts, first 0, last r.
    let partBoundaries: [Int]

    /// The most parts, and so the most accumulators of d numbers each.
    static let maximumPartCount = 16

    /// - Parameters:
    ///   - matrix: B, whose column count (the operator's order) must fit in 32 bits.
    ///   - entriesPerPart: The fewest stored entries worth a part of their own (and an
    ///     accumulator of d numbers); smaller matrices are cut into fewer parts.
    /// - Throws: ``LinearAlgebraError/invalidShape(_:)`` for more than 2³² columns.
    init(_ matrix: SparseMatrix, entriesPerPart: Int = 100_000) throws {
        guard matrix.columnCount <= Int(UInt32.max) else {
            throw LinearAlgebraError.invalidShape(
                "the Gram operator of a \(matrix.shape) matrix: at most \(UInt32.max) columns")
        }
        dimension = matrix.columnCount
        rowOffsets = matrix.rowOffsets
        var entriesPerColumn = [Int](repeating: 0, count: matrix.columnCount)
        for column in matrix.columnIndices { entriesPerColumn[column] += 1 }
        columnOrder = entriesPerColumn.indices.sorted {
            (entriesPerColumn[$0], $1) > (entriesPerColumn[$1], $0)
        }
        var renumbered = [UInt32](repeating: 0, count: matrix.columnCount)
        for (position, column) in columnOrder.enumerated() { renumbered[column] = UInt32(truncatingIfNeeded: position) }
        columns = matrix.columnIndices.map { renumbered[$0] }
        values = matrix.values
        let parts = max(1, min(Self.maximumPartCount, matrix.rowCount, matrix.nonZeroCount / max(1, entriesPerPart)))
        partBoundaries = Self.balancedBoundaries(matrix.rowOffsets, parts: parts)
    }

    /// The number of parts, and of d-long accumulators ``apply(_:into:scratch:concurrently:)`` needs.
    var partCount: Int { partBoundaries.count - 1 }

    /// The scratch `apply` needs: x renumbered, and one accumulator per part.
    var scratchCount: Int { (partCount + 1) * dimension }

    /// Writes Bᵀ·(B·x) into `output`.
    ///
    /// - Parameters:
    ///   - input: x, d numbers.
    ///   - output: d numbers.
    ///   - scratch: ``scratchCount`` numbers, overwritten.
    ///   - concurrently: Whether the parts run on several threads; the result is the same.
    func apply(
        _ input: UnsafeBufferPointer<Double>, into output: UnsafeMutableBufferPointer<Double>,
        scratch: UnsafeMutableBufferPointer<Double>, concurrently: Bool = true
    ) {
        precondition(input.count == dimension && output.count == dimension && scratch.count >= scratchCount)
        rowOffsets.withUnsafeBufferPointer { offsets in
            columns.withUnsafeBufferPointer { columns in
                values.withUnsafeBufferPointer { values in
                    columnOrder.withUnsafeBufferPointer { order in
                        let work = GramPass(
                            offsets: offsets, columns: columns, values: values, order: order, input: input,
                            output: output, scratch: scratch, boundaries: partBoundaries, dimension: dimension)
                        work.renumberInput()
                        Self.forEach(partCount, concurrently: concurrently, work.accumulatePart)
                        // Sum the accumulators in part order, in blocks of entries, each block on one thread.
                        let blocks = min(dimension, 4 * Self.maximumPartCount)
                        Self.forEach(blocks, concurrently: concurrently && partCount > 1) { block in
                            work.sumAccumulators(dimension * block / blocks..<dimension * (block + 1) / blocks)
                        }
                    }
                }
            }
        }
    }

    private static func forEach(_ count: Int, concurrently: Bool, _ body: @Sendable (Int) -> Void) {
        if concurrently, count > 1 {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        } else {
            for index in 0..<count { body(index) }
        }
    }

    /// Row boundaries that split the stored entries into about equal parts.
    private static func balancedBoundaries(_ offsets: [Int], parts: Int) -> [Int] {
        let rows = offsets.count - 1, entries = offsets[rows]
        var boundaries = [0]
        var row = 0
        for part in 1..<parts {
            let target = entries * part / parts
            while row < rows, offsets[row] < target { row += 1 }
            if row > boundaries.last! { boundaries.append(row) }
        }
        if boundaries.last! < rows || boundaries.count == 1 { boundaries.append(rows) }
        return boundaries
    }
}

/// The buffers of one application. Parts write disjoint accumulators and blocks disjoint ranges
/// of the output, which Swift cannot prove, hence `@unchecked Sendable`.
private struct GramPass: @unchecked Sendable {
    let offsets: UnsafeBufferPointer<Int>
    let columns: UnsafeBufferPointer<UInt32>
    let values: UnsafeBufferPointer<Double>
    let order: UnsafeBufferPointer<Int>
    let input: UnsafeBufferPointer<Double>
    let output: UnsafeMutableBufferPointer<Double>
    /// x renumbered, then one accumulator per part, each `dimension` long.
    let scratch: UnsafeMutableBufferPointer<Double>
    let boundaries: [Int]
    let dimension: Int

    /// Copies x into the start of the scratch in the renumbered order.
    func renumberInput() {
        for position in 0..<dimension { scratch[position] = input[order[position]] }
    }

    /// Adds (b·x)·b into the part's accumulator for every row b of the part.
    func accumulatePart(_ part: Int) {
        let accumulator = scratch.baseAddress! + (part + 1) * dimension
        accumulator.initialize(repeating: 0, count: dimension)
        let x = UnsafePointer(scratch.baseAddress!), column = columns.baseAddress!, value = values.baseAddress!
        for row in boundaries[part]..<boundaries[part + 1] {
            let start = offsets[row], end = offsets[row + 1]
            // Four running sums break the chain of dependent additions.
            var sum0 = 0.0, sum1 = 0.0, sum2 = 0.0, sum3 = 0.0
            var position = start
            while position + 4 <= end {
                sum0 += value[position] * x[Int(column[position])]
                sum1 += value[position + 1] * x[Int(column[position + 1])]
                sum2 += value[position + 2] * x[Int(column[position + 2])]
                sum3 += value[position + 3] * x[Int(column[position + 3])]
                position += 4
            }
            while position < end {
                sum0 += value[position] * x[Int(column[position])]
                position += 1
            }
            let product = (sum0 + sum1) + (sum2 + sum3)
            for position in start..<end {
                accumulator[Int(column[position])] += product * value[position]
            }
        }
    }

    /// Sums the accumulators in part order and writes the sums back in the original numbering.
    func sumAccumulators(_ range: Range<Int>) {
        let first = scratch.baseAddress! + dimension
        for part in 1..<boundaries.count - 1 {
            let partial = first + part * dimension
            for position in range { first[position] += partial[position] }
        }
        for position in range { output[order[position]] = first[position] }
    }
}
