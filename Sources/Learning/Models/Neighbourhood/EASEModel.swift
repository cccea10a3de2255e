import Dispatch
import Foundation
import LinearAlgebra
import RecbookSupport

/// EASE, the embarrassingly shallow autoencoder (Steck 2019): an item-to-item weight matrix in
/// closed form, B = I − P·diag(1/diag(P)) with P = (XᵀX + λI)⁻¹ and X the binary user × item
/// matrix of training interactions, so diag(B) = 0.
///
/// A user's scores are x·B: every item scored from the items the user interacted with, so a
/// new user is scored from their history with no fold-in at all. With a ``RecencyWeighting``
/// the user's row x carries each interaction's recency weight instead of 1, which favours items
/// that follow the user's latest ones (on ml-latest-small's time-aware split, at λ = 100, it
/// lifts validation recall@10 from 0.092 to 0.119, and test recall@10 to 0.112 against the
/// 0.094 of plain EASE at λ = 250). Ratings' values are not used: EASE models what users
/// watch next, not how they rate it.
///
/// Only items with at least one training interaction exist (the dataset's catalogue), which is
/// also what keeps XᵀX + λI well conditioned. The Gram matrix, its inverse and B share one
/// n × n single-precision buffer: 4n² bytes (about 320 MB for ml-latest-small's 8,900 items),
/// factored and inverted by LAPACK's `spotrf` and `spotri` in O(n³).
///
/// That cost bounds the catalogue EASE can model: a catalogue of more than
/// ``Configuration/maximumItemCount`` items is modelled on that many of its items, those with the
/// most training interactions (ties to the lower index), as EASE is usually run on large data. The
/// other items are not scored (NaN, so they are never recommended) and take no part in a user's
/// row x. The default 15,000 items take 0.9 GB, where ML-25M's whole catalogue of 59,047 items
/// would take 14 GB.
public struct EASEModel: HistoryScoredRecommender {
    /// Hyper-parameters. The defaults were chosen on the validation part of ml-latest-small's
    /// time-aware split (`recbook-bench tune only=ease`); the paper's λ is 250 to 500 on larger data.
    public struct Configuration: Sendable, Equatable {
        /// λ, the ridge added to the Gram matrix's diagonal.
        public var regularization: Double
        /// Weights each user's recent interactions more when scoring; nil weighs all alike.
        public var recency: RecencyWeighting?
        /// The most items modelled (memory grows as 4n² bytes and time as n³): a larger catalogue
        /// is modelled on its most interacted-with items.
        public var maximumItemCount: Int

        public init(regularization: Double = 100, recency: RecencyWeighting? = RecencyWeighting(halfLife: 5, floor: 0.2),
                    maximumItemCount: Int = 15_000) {
            self.regularization = regularization
            self.recency = recency
            self.maximumItemCount = maximumItemCount
        }

        /// EASE as it is usually run: λ = 250, no recency weighting.
        public static let usualDefaults = Configuration(regularization: 250, recency: nil)

        func validate() throws {
            try require(regularization > 0 && regularization.isFinite, "EASE regularization must be positive, got \(regularization)")
            try require(maximumItemCount >= 1, "maximum item count must be at least 1")
            try recency?.validate()
        }
    }

    public private(set) var configuration: Configuration
    public let users: IdVocabulary
    public let items: IdVocabulary
    public let histories: UserHistories
    /// The modelled items, ascending: every item unless the catalogue is above the limit.
    let modelled: [Int]
    /// Each item's position among ``modelled``, or −1 for an item that is not modelled.
    let positions: [Int32]
    /// B over the modelled items, row-major: `weights[j * m + i]` is how much interacting with
    /// modelled item j adds to modelled item i's score (m = `modelled.count`).
    let weights: [Float]

    /// How many items the model scores: the catalogue, or the most interacted-with of them.
    public var modelledItemCount: Int { modelled.count }

    /// Fits B in closed form.
    ///
    /// - Throws: ``ModelError/invalidConfiguration(_:)`` for hyper-parameters out of range or a
    ///   catalogue above ``Configuration/maximumItemCount``; ``ModelError/invalidData(_:)`` when
    ///   LAPACK reports a failure.
    /// - Complexity: O(Σ_u n_u² + n³) time, 4n² bytes of memory for n items.
    public init(fitting data: RatingDataset, configuration: Configuration = Configuration()) throws {
        try configuration.validate()
        self.configuration = configuration
        users = data.users
        items = data.items
        histories = data.histories
        modelled = Self.mostInteracted(data.histories.itemCounts(itemCount: data.itemCount), limit: configuration.maximumItemCount)
        positions = Self.positions(of: modelled, itemCount: data.itemCount)
        weights = try Self.solve(data: data, positions: positions, count: modelled.count,
                                 regularization: Float(configuration.regularization))
    }

    /// The `limit` items with the most interactions (ties to the lower index), ascending; every
    /// item when there are no more than `limit`.
    static func mostInteracted(_ counts: [Int], limit: Int) -> [Int] {
        guard counts.count > limit else { return Array(counts.indices) }
        let chosen = counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }.prefix(limit)
        return chosen.sorted()
    }

    private static func positions(of modelled: [Int], itemCount: Int) -> [Int32] {
        var positions = [Int32](repeating: -1, count: itemCount)
        for (position, item) in modelled.enumerated() { positions[item] = Int32(position) }
        return positions
    }

    /// Builds XᵀX + λI over the modelled items, inverts it, and turns the inverse into B in place.
    private static func solve(data: RatingDataset, positions: [Int32], count n: Int, regularization: Float) throws -> [Float] {
        var matrix = gram(of: data, positions: positions, count: n)
        matrix.withUnsafeMutableBufferPointer { gram in
            for item in 0..<n { gram[item * n + item] += regularization }
        }
        do {
            try invertSymmetricPositiveDefinite(&matrix, dimension: n)
        } catch {
            throw ModelError.invalidData("EASE: the regularised Gram matrix could not be inverted: \(error)")
        }

        // P[i, j] (i < j) now sits at row-major (j, i). B[i, j] = −P[i, j] / P[j, j].
        matrix.withUnsafeMutableBufferPointer { p in
            let diagonal = (0..<n).map { p[$0 * n + $0] }
            for j in 0..<n {
                for i in 0..<j {
                    let value = p[j * n + i]
                    p[i * n + j] = -value / diagonal[j]
                    p[j * n + i] = -value / diagonal[i]
                }
                p[j * n + j] = 0
            }
        }
        return matrix
    }

    /// XᵀX over the modelled items: the row-major lower triangle (row ≥ column), which LAPACK
    /// reads as the column-major upper triangle; the rest is zero.
    ///
    /// Each user's modelled positions are sorted once, so a user adds to row p[i] the columns
    /// p[0]…p[i] in ascending order. The rows are cut into bands of about equal work, one thread
    /// per band, each thread reading every user but writing only its own rows. The counts are
    /// integers (exact in `Float` below 2²⁴), so the result is the same whatever the order.
    static func gram(of data: RatingDataset, positions: [Int32], count n: Int) -> [Float] {
        var offsets = [Int](repeating: 0, count: data.userCount + 1)
        var sorted: [Int32] = []
        sorted.reserveCapacity(data.histories.items.count)
        for user in 0..<data.userCount {
            let start = sorted.count
            for index in data.histories.range(ofUser: user) {
                let position = positions[data.histories.items[index]]
                if position >= 0 { sorted.append(position) }
            }
            sorted[start...].sort()
            offsets[user + 1] = sorted.count
        }
        // Row p[i] of a user's sorted list takes i + 1 entries (more with repeated items):
        // balance the bands on that.
        var rowWork = [Int](repeating: 0, count: n)
        for user in 0..<data.userCount {
            for (rank, index) in (offsets[user]..<offsets[user + 1]).enumerated() { rowWork[Int(sorted[index])] += rank + 1 }
        }
        let bands = bandBoundaries(work: rowWork, count: 4 * max(1, ProcessInfo.processInfo.activeProcessorCount))
        var matrix = [Float](repeating: 0, count: n * n)
        let lists = sorted, starts = offsets, userCount = data.userCount
        matrix.withUnsafeMutableBufferPointer { buffer in
            let gram = SharedBuffer(buffer)
            DispatchQueue.concurrentPerform(iterations: bands.count - 1) { band in
                let low = Int32(bands[band]), high = Int32(bands[band + 1])
                guard low < high else { return }
                lists.withUnsafeBufferPointer { list in
                    for user in 0..<userCount {
                        let start = starts[user], end = starts[user + 1]
                        var i = start
                        while i < end, list[i] < low { i += 1 }
                        while i < end, list[i] < high {
                            let own = list[i], row = Int(own) * n
                            var j = start
                            while j < end, list[j] <= own {
                                gram[row + Int(list[j])] += 1
                                j += 1
                            }
                            i += 1
                        }
                    }
                }
            }
        }
        return matrix
    }

    /// Cuts `0..<work.count` into `count` contiguous bands of about equal total work; the
    /// returned boundaries start at 0 and end at `work.count`.
    static func bandBoundaries(work: [Int], count: Int) -> [Int] {
        let total = max(1, work.reduce(0, +))
        var boundaries = [0], accumulated = 0
        for (row, value) in work.enumerated() {
            accumulated += value
            if boundaries.count < count, accumulated * count >= total * boundaries.count { boundaries.append(row + 1) }
        }
        while boundaries.count < count { boundaries.append(work.count) }
        boundaries.append(work.count)
        return boundaries
    }

    /// The same weights B with another recency weighting of the users' interactions.
    ///
    /// Recency only changes how a user's row x is formed at scoring time, so trying several
    /// weightings needs one fit, not one per weighting.
    public func reweighted(recency: RecencyWeighting?) throws -> EASEModel {
        try recency?.validate()
        var copy = self
        copy.configuration.recency = recency
        return copy
    }

    /// x·B, with x the user's (recency-weighted) interactions; NaN for an item not modelled.
    ///
    /// - Throws: ``ModelError/unknownItem(index:itemCount:)`` for a history item out of range.
    public func scores(for user: UserRepresentation) throws -> [Double] {
        let m = modelled.count
        for entry in user.history { try checkItem(entry.item) }
        var accumulator = [Float](repeating: 0, count: m)
        let interactionWeights = interactionWeights(of: user.history)
        weights.withUnsafeBufferPointer { b in
            accumulator.withUnsafeMutableBufferPointer { sum in
                for (entry, weight) in zip(user.history, interactionWeights) {
                    let row = Int(positions[entry.item])
                    guard row >= 0 else { continue }
                    SinglePrecisionKernels.add(b.baseAddress.map { $0 + row * m }, scaledBy: Float(weight), to: sum.baseAddress, count: m)
                }
            }
        }
        guard m < itemCount else { return accumulator.map(Double.init) }
        var scores = [Double](repeating: .nan, count: itemCount)
        for (position, item) in modelled.enumerated() { scores[item] = Double(accumulator[position]) }
        return scores
    }

    /// Scores users in parallel; each is a sum of B's rows, cheaper than a dense product.
    public func scores(forUsers users: [Int]) throws -> Matrix {
        for user in users { try checkUser(user) }
        var storage = [Double](repeating: 0, count: users.count * itemCount)
        let n = itemCount
        try storage.withUnsafeMutableBufferPointer { output in
            let shared = SharedBuffer(output)
            try forEachChunk(of: users.count, minimumChunk: 4) { rows in
                for row in rows {
                    let values = try scores(for: UserRepresentation(history: histories.history(ofUser: users[row])))
                    for column in 0..<n { shared[row * n + column] = values[column] }
                }
            }
        }
        return try Matrix(rowCount: users.count, columnCount: n, storage: storage)
    }

    /// Each interaction's exact share of the item's score: x_j · B[j, i]; none for an item that
    /// is not modelled, and none from history items that are not.
    public func explain(item: Int, for user: UserRepresentation, limit: Int) throws -> [Contribution] {
        try checkItem(item)
        for entry in user.history { try checkItem(entry.item) }
        let column = Int(positions[item])
        guard column >= 0 else { return [] }
        let m = modelled.count
        let contributions = zip(user.history, interactionWeights(of: user.history)).compactMap { entry, weight -> Contribution? in
            let row = Int(positions[entry.item])
            guard row >= 0 else { return nil }
            return Contribution(item: entry.item, rating: entry.rating, weight: weight * Double(weights[row * m + column]))
        }
        return strongestContributions(contributions, limit: limit)
    }

    private func interactionWeights(of history: [RatedItem]) -> [Double] {
        configuration.recency?.weights(count: history.count) ?? [Double](repeating: 1, count: history.count)
    }
}

extension EASEModel: BinaryCodable {
    static let formatTag = "ease"
    static let formatVersion: UInt16 = 2

    /// Header, λ, recency, the item limit, vocabularies and histories, the modelled items, then
    /// B as raw floats.
    public func encode(to writer: inout BinaryWriter) {
        ModelFormat.writeHeader(tag: Self.formatTag, version: Self.formatVersion, to: &writer)
        writer.write(configuration.regularization)
        RecencyWeighting.write(configuration.recency, to: &writer)
        writer.write(Int64(configuration.maximumItemCount))
        ModelFormat.writeVocabularies(users: users, items: items, histories: histories, to: &writer)
        writer.writeArray(modelled.map(Int64.init))
        writer.writeArray(weights)
    }

    public init(from reader: inout BinaryReader) throws {
        try ModelFormat.readHeader(tag: Self.formatTag, version: Self.formatVersion, from: &reader)
        let regularization = try reader.read(Double.self)
        let recency = try RecencyWeighting.read(from: &reader)
        let limit = Int(try reader.read(Int64.self))
        configuration = Configuration(regularization: regularization, recency: recency, maximumItemCount: limit)
        do { try configuration.validate() } catch { throw BinaryDecodingError.invalid("\(error)") }
        (users, items, histories) = try ModelFormat.readVocabularies(from: &reader)
        let itemCount = items.count
        let modelled = try reader.readArray(Int64.self).map { Int($0) }
        guard modelled.count <= min(itemCount, limit), zip(modelled, modelled.dropFirst()).allSatisfy({ $0 < $1 }),
              modelled.allSatisfy({ $0 >= 0 && $0 < itemCount }) else {
            throw BinaryDecodingError.invalid("EASE's modelled items are not ascending item indices within the limit")
        }
        self.modelled = modelled
        positions = Self.positions(of: modelled, itemCount: itemCount)
        weights = try reader.readArray(Float.self)
        guard weights.count == modelled.count * modelled.count else {
            throw BinaryDecodingError.invalid("EASE weights hold \(weights.count) values for \(modelled.count) items")
        }
    }
}
