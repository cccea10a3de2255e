import CKernels
import Foundation
import LinearAlgebra

/// Scores every movie for a user with a fitted network, without dropout: what
/// ``NeuralRecommender/predict(users:movies:)`` gives for every (user, movie) pair, computed
/// so that ranking a whole catalogue for every user is affordable at scale (162 k users ×
/// 59 k movies is 9.6 G pairs).
///
/// The first dense layer sees `[user embedding, movie embedding, content]`, so its
/// pre-activation splits into a user part `u·K_u` and a movie part `m·K_m + c·K_c + b`. The
/// movie part is computed once, when the scorer is made; per pair only the sum, the ReLU and
/// the small later layers run. Those run on tiles of movies held in scratch buffers of a few
/// hundred kilobytes: one product per later layer and tile, then the activation in place, so a
/// user's row costs no allocation and no pass over memory beyond its tiles. The element-wise
/// passes and the one-unit output layer are C (`Sources/CKernels`), with the arithmetic and
/// summation order of a four-lane loop. Where the processor has AVX-512 and the network is the
/// walk-through's shape (one hidden layer of 16 or 8 units before the output), every layer after
/// the first runs in registers, sixteen movies at a time (`recbook_score_movies`), with the same
/// bits: 4.5 against 6.4 ns per (user, movie) pair on two Zen 5 cores (`recbook-bench neural-scores
/// scored=2048`).
///
/// A scorer is immutable and may be shared between threads; each call uses scratch buffers of
/// its own.
public final class NeuralCatalogueScorer: Sendable {
    /// Movies per tile: the first layer's output for a tile (`tileSize × units` floats) stays in
    /// the core's cache while the later layers read it.
    static let tileSize = 1_024

    private let userCount: Int
    public let movieCount: Int
    private let embeddingDimension: Int
    /// The user embeddings, `userCount × embeddingDimension`.
    private let userEmbeddings: [Float]
    /// The first layer's user rows of its kernel, `embeddingDimension × units`.
    private let userKernel: [Float]
    /// `m·K_m + c·K_c + b` for every movie, `movieCount × units`.
    private let moviePart: [Float]
    private let firstUnits: Int
    /// The later layers: kernel (`inputs × units`, row-major), bias, and sizes.
    private let laterLayers: [(kernel: [Float], bias: [Float], inputs: Int, units: Int)]
    /// ``moviePart`` in blocks of 16 movies, unit-major within a block, for `recbook_score_movies`
    /// (all later layers in registers, sixteen movies at a time); empty when that kernel does not
    /// serve this network or this processor (it needs AVX-512 and one hidden layer of at most 16
    /// units before a one-unit output).
    private let movieColumns: [Float]

    /// Prepares the scorer of a network: the movie part of the first layer for every movie.
    ///
    /// - Complexity: O(movies × (embedding + content) × first-layer units).
    public init(_ network: NeuralRecommender) {
        let layout = network.layout
        userCount = layout.userCount
        movieCount = layout.movieCount
        embeddingDimension = layout.embeddingDimension
        let parameters = network.parameters
        userEmbeddings = Array(parameters[layout.userEmbeddingOffset..<layout.movieEmbeddingOffset])
        guard let first = layout.denseLayers.first else {
            (userKernel, moviePart, firstUnits, laterLayers, movieColumns) = ([], [], 0, [], [])
            return
        }
        let width = first.units
        firstUnits = width
        let kernel = Array(parameters[first.kernelOffset..<first.biasOffset])
        userKernel = Array(kernel[0..<(embeddingDimension * width)])
        moviePart = Self.moviePart(
            of: network, layout: layout, kernel: kernel, bias: Array(parameters[first.biasOffset..<(first.biasOffset + width)]))
        laterLayers = layout.denseLayers.dropFirst().map { layer in
            (Array(parameters[layer.kernelOffset..<layer.biasOffset]),
             Array(parameters[layer.biasOffset..<(layer.biasOffset + layer.units)]), layer.inputs, layer.units)
        }
        movieColumns = Self.movieColumns(moviePart, movieCount: movieCount, units: width, laterLayers: laterLayers)
    }

    /// The movie part regrouped for `recbook_score_movies`, or empty where it does not apply.
    private static func movieColumns(
        _ part: [Float], movieCount: Int, units: Int, laterLayers: [(kernel: [Float], bias: [Float], inputs: Int, units: Int)]
    ) -> [Float] {
        guard laterLayers.count == 2, laterLayers[1].units == 1, movieCount > 0,
              // An empty call says whether the kernel runs here.
              recbook_score_movies(nil, 0, units, nil, nil, nil, laterLayers[0].units, nil, 0, nil) == 1
        else { return [] }
        let blocks = (movieCount + 15) / 16
        var columns = [Float](repeating: 0, count: blocks * 16 * units)
        for movie in 0..<movieCount {
            let base = (movie / 16) * 16 * units + movie % 16
            for unit in 0..<units { columns[base + 16 * unit] = part[movie * units + unit] }
        }
        return columns
    }

    /// `m·K_m + c·K_c + b`, `movieCount × units`, by two products.
    private static func moviePart(of network: NeuralRecommender, layout: ParameterLayout, kernel: [Float], bias: [Float]) -> [Float] {
        let (dimension, contentWidth, movieCount, width) = (
            layout.embeddingDimension, layout.contentDimension, layout.movieCount, bias.count)
        var part = [Float](repeating: 0, count: movieCount * width)
        for movie in 0..<movieCount {
            for unit in 0..<width { part[movie * width + unit] = bias[unit] }
        }
        let movieEmbeddings = Array(network.parameters[layout.movieEmbeddingOffset..<layout.regularizedCount])
        kernel.withUnsafeBufferPointer { kernel in
            part.withUnsafeMutableBufferPointer { part in
                guard let kernel = kernel.baseAddress, let part = part.baseAddress else { return }
                movieEmbeddings.withUnsafeBufferPointer { embeddings in
                    guard let embeddings = embeddings.baseAddress else { return }
                    DenseKernels.multiply(
                        embeddings, lda: dimension, kernel + dimension * width, ldb: width,
                        into: part, ldc: width, rows: movieCount, columns: width, inner: dimension, accumulating: true)
                }
                guard contentWidth > 0 else { return }
                network.contentFeatures.withUnsafeBufferPointer { content in
                    guard let content = content.baseAddress else { return }
                    DenseKernels.multiply(
                        content, lda: contentWidth, kernel + 2 * dimension * width, ldb: width,
                        into: part, ldc: width, rows: movieCount, columns: width, inner: contentWidth, accumulating: true)
                }
            }
        }
        return part
    }

    /// Every movie's score in [0, 1] for each user, passed tile by tile to `tile`.
    ///
    /// The movies are taken a tile at a time, and each tile is scored for every user before the
    /// next: the tile's share of the first layer stays in the core's cache while it is reused,
    /// instead of every user streaming the whole catalogue's from memory.
    ///
    /// - Parameters:
    ///   - users: User indices in `0..<userCount`.
    ///   - tile: Called with a user's position in `users`, the first movie of the tile, and the
    ///     tile's scores (at most ``tileSize`` movies); the buffer is reused for the next call.
    /// - Throws: ``NeuralNetworkError`` for an index out of range.
    /// - Complexity: O(users × movies × (first-layer units × second-layer units + …)).
    public func scores(forUsers users: [Int], tile: (_ position: Int, _ firstMovie: Int, UnsafeBufferPointer<Float>) throws -> Void) throws {
        try NeuralRecommender.checkIndices(users, below: userCount, kind: "user")
        guard firstUnits > 0 else { return }
        var userParts = [Float](repeating: 0, count: users.count * firstUnits)
        for (position, user) in users.enumerated() { computeUserPart(user, into: &userParts, at: position * firstUnits) }
        let widest = laterLayers.reduce(firstUnits) { max($0, $1.units) }
        var scratch = [Float](repeating: 0, count: 2 * Self.tileSize * widest)
        var output = [Float](repeating: 0, count: Self.tileSize)
        do {
            for start in stride(from: 0, to: movieCount, by: Self.tileSize) {
                let movies = start..<min(start + Self.tileSize, movieCount)
                for position in users.indices {
                    scratch.withUnsafeMutableBufferPointer { scratch in
                        output.withUnsafeMutableBufferPointer { output in
                            userParts.withUnsafeBufferPointer { parts in
                                let part = UnsafeBufferPointer(rebasing: parts[(position * firstUnits)..<((position + 1) * firstUnits)])
                                scoreTile(movies, userPart: part, scratch: scratch, into: output)
                            }
                        }
                    }
                    try output.withUnsafeBufferPointer { output in
                        try tile(position, start, UnsafeBufferPointer(rebasing: output[0..<movies.count]))
                    }
                }
            }
        }
    }

    /// `u·K_u` for one user, into `parts[offset..<offset + units]`.
    private func computeUserPart(_ user: Int, into parts: inout [Float], at offset: Int) {
        for unit in 0..<firstUnits {
            var sum: Float = 0
            for index in 0..<embeddingDimension {
                sum += userEmbeddings[user * embeddingDimension + index] * userKernel[index * firstUnits + unit]
            }
            parts[offset + unit] = sum
        }
    }

    /// Scores the movies in `tile` into `output[0..<tile.count]`.
    ///
    /// The first layer is added and rectified in one vector pass; each later hidden layer is
    /// one `sgemm` and one pass adding its bias and rectifying; the single-unit output layer is
    /// a dot product and the sigmoid per movie.
    private func scoreTile(
        _ tile: Range<Int>, userPart: UnsafeBufferPointer<Float>, scratch: UnsafeMutableBufferPointer<Float>,
        into output: UnsafeMutableBufferPointer<Float>
    ) {
        guard let base = scratch.baseAddress, let userPart = userPart.baseAddress,
              let target = output.baseAddress else { return }
        let rows = tile.count
        if !movieColumns.isEmpty, tile.lowerBound % 16 == 0 {
            let (hidden, final) = (laterLayers[0], laterLayers[1])
            let scored = movieColumns.withUnsafeBufferPointer { columns in
                hidden.kernel.withUnsafeBufferPointer { kernel in
                    hidden.bias.withUnsafeBufferPointer { bias in
                        final.kernel.withUnsafeBufferPointer { output in
                            recbook_score_movies(
                                columns.baseAddress.map { $0 + tile.lowerBound * firstUnits }, rows, firstUnits, userPart,
                                kernel.baseAddress, bias.baseAddress, hidden.units, output.baseAddress, final.bias[0], target)
                        }
                    }
                }
            }
            if scored == 1 { return }
        }
        // Two halves of the scratch: a layer reads one and writes the other.
        var current = base, other = base + scratch.count / 2
        moviePart.withUnsafeBufferPointer { moviePart in
            guard let movies = moviePart.baseAddress.map({ $0 + tile.lowerBound * firstUnits }) else { return }
            if laterLayers.isEmpty {
                // The first layer is the output layer: one unit, the sigmoid.
                for row in 0..<rows { target[row] = 1 / (1 + expf(-(movies[row] + userPart[0]))) }
            } else {
                Self.addAndRectify(movies, userPart, rows: rows, width: firstUnits, into: current)
            }
        }
        guard let final = laterLayers.last else { return }
        var width = firstUnits
        // The bias of the layer whose pre-activations `current` holds, still to be added and
        // rectified; nil once they are (the first layer's are).
        var pendingBias: [Float]?
        for layer in laterLayers.dropLast() {
            if let bias = pendingBias {
                bias.withUnsafeBufferPointer { bias in
                    guard let bias = bias.baseAddress else { return }
                    Self.addAndRectify(current, bias, rows: rows, width: width, into: current)
                }
            }
            layer.kernel.withUnsafeBufferPointer { kernel in
                guard let kernel = kernel.baseAddress else { return }
                DenseKernels.multiply(
                    current, lda: width, kernel, ldb: layer.units,
                    into: other, ldc: layer.units, rows: rows, columns: layer.units, inner: width)
            }
            pendingBias = layer.bias
            swap(&current, &other)
            width = layer.units
        }
        let hiddenBias = pendingBias ?? [Float](repeating: 0, count: width)
        final.kernel.withUnsafeBufferPointer { kernel in
            hiddenBias.withUnsafeBufferPointer { hiddenBias in
                guard let kernel = kernel.baseAddress, let hiddenBias = hiddenBias.baseAddress else { return }
                recbook_rectified_sigmoid_output(current, rows, width, hiddenBias, kernel, final.bias[0], target)
            }
        }
    }

    /// `output[r, j] = max(0, left[r, j] + right[r·rowStride + j])` for `rows × width` values;
    /// `rowStride` 0 adds the same row (a bias) to every row. `recbook_add_rectify` in C
    /// (`Sources/CKernels`), eight lanes wide where the processor has AVX2.
    private static func addAndRectify(
        _ left: UnsafePointer<Float>, _ right: UnsafePointer<Float>, rows: Int, width: Int, rowStride: Int = 0,
        into output: UnsafeMutablePointer<Float>
    ) {
        recbook_add_rectify(left, right, rows, width, rowStride, output)
    }
}
