import Foundation
import LinearAlgebra

extension NeuralRecommender {
    /// Scores every movie for each user, without dropout: what ``predict(users:movies:)`` gives
    /// for every (user, movie) pair, about ten times faster.
    ///
    /// The first dense layer sees `[user embedding, movie embedding, content]`, so its
    /// pre-activation splits into a user part and a movie part: `u·K_u` and
    /// `m·K_m + c·K_c + b`. Both are computed once (two products per side instead of one per
    /// pair), and only the sum, the ReLU and the small later layers run per pair.
    ///
    /// - Parameter users: User indices in `0..<userCount`.
    /// - Returns: One row of `movieCount` scores in [0, 1] per user, in `users` order.
    /// - Throws: ``NeuralNetworkError`` for an index out of range.
    public func catalogueScores(forUsers users: [Int]) throws -> [[Float]] {
        try Self.checkIndices(users, below: configuration.userCount, kind: "user")
        guard let first = layout.denseLayers.first else { return users.map { _ in [] } }
        let dimension = configuration.embeddingDimension
        let contentWidth = configuration.contentDimension
        let movieCount = configuration.movieCount
        let width = first.units
        let userEmbeddings = self.userEmbeddings
        let movieEmbeddings = self.movieEmbeddings
        let parameters = self.parameters
        let kernel = Array(parameters[first.kernelOffset..<first.biasOffset])
        let bias = Array(parameters[first.biasOffset..<(first.biasOffset + width)])

        return SingleThreadedBLAS.run {
            // Movie part: m·K_m + c·K_c + b, movieCount × width.
            var moviePart = [Float](repeating: 0, count: movieCount * width)
            for movie in 0..<movieCount {
                for unit in 0..<width { moviePart[movie * width + unit] = bias[unit] }
            }
            kernel.withUnsafeBufferPointer { kernel in
                moviePart.withUnsafeMutableBufferPointer { part in
                    movieEmbeddings.withUnsafeBufferPointer { embeddings in
                        SinglePrecisionKernels.multiply(
                            embeddings.baseAddress, lda: dimension, kernel.baseAddress.map { $0 + dimension * width }, ldb: width,
                            into: part.baseAddress, ldc: width, rows: movieCount, columns: width, inner: dimension, accumulating: true)
                    }
                    if contentWidth > 0 {
                        contentFeatures.withUnsafeBufferPointer { content in
                            SinglePrecisionKernels.multiply(
                                content.baseAddress, lda: contentWidth, kernel.baseAddress.map { $0 + 2 * dimension * width }, ldb: width,
                                into: part.baseAddress, ldc: width, rows: movieCount, columns: width, inner: contentWidth, accumulating: true)
                        }
                    }
                }
            }
            var hidden = [Float](repeating: 0, count: movieCount * width)
            var userPart = [Float](repeating: 0, count: width)
            var rows: [[Float]] = []
            rows.reserveCapacity(users.count)
            for user in users {
                // User part: u·K_u, then the first layer's output for every movie.
                for unit in 0..<width {
                    var sum: Float = 0
                    for index in 0..<dimension { sum += userEmbeddings[user * dimension + index] * kernel[index * width + unit] }
                    userPart[unit] = sum
                }
                hidden.withUnsafeMutableBufferPointer { hidden in
                    moviePart.withUnsafeBufferPointer { moviePart in
                        userPart.withUnsafeBufferPointer { userPart in
                            for movie in 0..<movieCount {
                                let base = movie * width
                                for unit in 0..<width {
                                    hidden[base + unit] = max(0, moviePart[base + unit] + userPart[unit])
                                }
                            }
                        }
                    }
                }
                rows.append(finishLayers(hidden, rows: movieCount, width: width))
            }
            return rows
        }
    }

    /// Runs the dense layers after the first on `input` (`rows × width`), ReLU between, a
    /// sigmoid at the end.
    private func finishLayers(_ input: [Float], rows: Int, width: Int) -> [Float] {
        var current = input, currentWidth = width
        let layers = layout.denseLayers.dropFirst()
        for (position, layer) in layers.enumerated() {
            var output = [Float](repeating: 0, count: rows * layer.units)
            output.withUnsafeMutableBufferPointer { output in
                parameters.withUnsafeBufferPointer { weights in
                    for row in 0..<rows {
                        for unit in 0..<layer.units { output[row * layer.units + unit] = weights[layer.biasOffset + unit] }
                    }
                }
            }
            parameters.withUnsafeBufferPointer { weights in
                current.withUnsafeBufferPointer { input in
                    output.withUnsafeMutableBufferPointer { output in
                        SinglePrecisionKernels.multiply(
                            input.baseAddress, lda: currentWidth, weights.baseAddress.map { $0 + layer.kernelOffset }, ldb: layer.units,
                            into: output.baseAddress, ldc: layer.units, rows: rows, columns: layer.units, inner: currentWidth,
                            accumulating: true)
                    }
                }
            }
            let isLast = position == layers.count - 1
            output.withUnsafeMutableBufferPointer { output in
                if isLast {
                    for index in output.indices { output[index] = 1 / (1 + Foundation.exp(-output[index])) }
                } else {
                    for index in output.indices { output[index] = max(0, output[index]) }
                }
            }
            current = output
            currentWidth = layer.units
        }
        return current
    }
}
