import Testing
import RecbookSupport
@testable import Learning

/// Gradient checks of each layer's backward pass against central finite differences of its own
/// forward pass.
///
/// Every check reduces a layer's output to a scalar `J = Σ r·y` with fixed random weights `r`,
/// so that the backward pass is given `∂J/∂y = r` and must return `∂J/∂x`. Forward passes run in
/// float32 and `J` is summed in double; steps are 1e-2 for linear layers (where the difference
/// quotient is exact up to rounding) and 1e-3 for the curved ones.
@Suite struct NeuralLayerGradientTests {
    typealias Support = NeuralTestSupport

    /// `(J(x + h·eᵢ) − J(x − h·eᵢ)) / (2h)` for every `i`, using the step actually represented.
    static func numericGradient(at x: [Float], step: Float, _ objective: ([Float]) -> Double) -> [Double] {
        x.indices.map { index in
            var plus = x, minus = x
            plus[index] += step
            minus[index] -= step
            return (objective(plus) - objective(minus)) / (Double(plus[index]) - Double(minus[index]))
        }
    }

    static func dot(_ weights: [Float], _ values: [Float]) -> Double {
        zip(weights, values).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }

    static func expectClose(_ analytic: [Float], _ numeric: [Double], tolerance: Double = 1e-3) {
        #expect(analytic.count == numeric.count)
        for (index, (a, n)) in zip(analytic, numeric).enumerated() {
            #expect(Support.isClose(Double(a), n, absolute: tolerance, relative: tolerance), "component \(index): analytic \(a), numeric \(n)")
        }
    }

    // MARK: Embedding gather and concatenation

    static let embeddingWidth = 3
    static let contentWidth = 2
    static let users = [0, 2, 2, 4]
    static let movies = [1, 3, 1, 0]

    static func concatenate(userTable: [Float], movieTable: [Float], content: [Float]) -> [Float] {
        let width = 2 * embeddingWidth + contentWidth
        var output = [Float](repeating: .nan, count: users.count * width)
        userTable.withUnsafeBufferPointer { userTable in
            movieTable.withUnsafeBufferPointer { movieTable in
                content.withUnsafeBufferPointer { content in
                    output.withUnsafeMutableBufferPointer { output in
                        EmbeddingKernels.concatenateInputs(
                            userTable: userTable.baseAddress!, movieTable: movieTable.baseAddress!,
                            content: content.baseAddress!, embeddingWidth: embeddingWidth, contentWidth: contentWidth,
                            users: users, movies: movies, count: users.count, into: output.baseAddress!
                        )
                    }
                }
            }
        }
        return output
    }

    @Test func concatenationPlacesEmbeddingsThenContent() {
        // Table entries encode their own position: user u column c holds 10u + c, and so on.
        let userTable = (0..<5).flatMap { user in (0..<3).map { Float(10 * user + $0) } }
        let movieTable = (0..<4).flatMap { movie in (0..<3).map { Float(100 + 10 * movie + $0) } }
        let content = (0..<4).flatMap { movie in (0..<2).map { Float(1000 + 10 * movie + $0) } }
        let output = Self.concatenate(userTable: userTable, movieTable: movieTable, content: content)
        // Row 1 is user 2 and movie 3.
        #expect(Array(output[8..<16]) == [20, 21, 22, 130, 131, 132, 1030, 1031])
        // Row 3 is user 4 and movie 0.
        #expect(Array(output[24..<32]) == [40, 41, 42, 100, 101, 102, 1000, 1001])
    }

    @Test func embeddingGatherAndConcatenationGradient() {
        let userTable = Support.uniform(5 * 3, in: -1...1, seed: 1)
        let movieTable = Support.uniform(4 * 3, in: -1...1, seed: 2)
        let content = Support.uniform(4 * 2, in: 0...1, seed: 3)
        let width = 2 * Self.embeddingWidth + Self.contentWidth
        let weights = Support.uniform(Self.users.count * width, in: -1...1, seed: 4)

        var userGradient = [Float](repeating: 0, count: userTable.count)
        var movieGradient = [Float](repeating: 0, count: movieTable.count)
        weights.withUnsafeBufferPointer { weights in
            EmbeddingKernels.scatterInputGradient(
                weights.baseAddress!, gradientStride: width, embeddingWidth: Self.embeddingWidth,
                users: Self.users, movies: Self.movies, count: Self.users.count,
                userTableGradient: &userGradient, movieTableGradient: &movieGradient
            )
        }
        let numericUser = Self.numericGradient(at: userTable, step: 1e-2) {
            Self.dot(weights, Self.concatenate(userTable: $0, movieTable: movieTable, content: content))
        }
        let numericMovie = Self.numericGradient(at: movieTable, step: 1e-2) {
            Self.dot(weights, Self.concatenate(userTable: userTable, movieTable: $0, content: content))
        }
        Self.expectClose(userGradient, numericUser)
        Self.expectClose(movieGradient, numericMovie)
        // User 2 appears twice and users 1 and 3 never: repeated rows accumulate, absent rows stay 0.
        #expect(userGradient[3..<6].allSatisfy { $0 == 0 } && userGradient[9..<12].allSatisfy { $0 == 0 })
        #expect(userGradient[6] == weights[1 * width] + weights[2 * width])
    }

    // MARK: Dense

    static let batch = 3
    static let inputs = 4
    static let units = 2

    static func dense(input: [Float], kernel: [Float], bias: [Float]) -> [Float] {
        var output = [Float](repeating: .nan, count: batch * units)
        DenseKernels.forward(
            input: input, batch: batch, inputs: inputs, kernel: kernel, bias: bias, units: units, output: &output
        )
        return output
    }

    @Test func denseForwardMatchesTheDefinition() {
        let input: [Float] = [1, 2, 3, 4, 0, -1, 0.5, 2, 0, 0, 0, 0]
        let kernel: [Float] = [1, 0, 0, 1, 1, 1, -1, 2]  // 4 × 2
        let bias: [Float] = [0.5, -0.5]
        // Row 0: [1·1 + 3·1 − 4, 2 + 3 + 8] + bias = [0.5, 12.5]; row 1: [0 + 0.5 − 2, −1 + 0.5 + 4] + bias
        // = [−1, 3]; row 2 is the bias alone.
        #expect(Self.dense(input: input, kernel: kernel, bias: bias) == [0.5, 12.5, -1, 3, 0.5, -0.5])
    }

    @Test func denseGradient() {
        let input = Support.uniform(Self.batch * Self.inputs, in: -1...1, seed: 5)
        let kernel = Support.uniform(Self.inputs * Self.units, in: -1...1, seed: 6)
        let bias = Support.uniform(Self.units, in: -1...1, seed: 7)
        let weights = Support.uniform(Self.batch * Self.units, in: -1...1, seed: 8)

        var kernelGradient = [Float](repeating: .nan, count: kernel.count)
        var biasGradient = [Float](repeating: .nan, count: bias.count)
        var inputGradient = [Float](repeating: .nan, count: input.count)
        var partialInputGradient = [Float](repeating: .nan, count: Self.batch * 2)
        DenseKernels.backward(
            input: input, batch: Self.batch, inputs: Self.inputs, kernel: kernel, units: Self.units,
            outputGradient: weights, kernelGradient: &kernelGradient, biasGradient: &biasGradient,
            inputGradient: &inputGradient, inputGradientColumns: Self.inputs
        )
        DenseKernels.backward(
            input: input, batch: Self.batch, inputs: Self.inputs, kernel: kernel, units: Self.units,
            outputGradient: weights, kernelGradient: &kernelGradient, biasGradient: &biasGradient,
            inputGradient: &partialInputGradient, inputGradientColumns: 2
        )
        Self.expectClose(inputGradient, Self.numericGradient(at: input, step: 1e-2) {
            Self.dot(weights, Self.dense(input: $0, kernel: kernel, bias: bias))
        })
        Self.expectClose(kernelGradient, Self.numericGradient(at: kernel, step: 1e-2) {
            Self.dot(weights, Self.dense(input: input, kernel: $0, bias: bias))
        })
        Self.expectClose(biasGradient, Self.numericGradient(at: bias, step: 1e-2) {
            Self.dot(weights, Self.dense(input: input, kernel: kernel, bias: $0))
        })
        // Asking for the first two input columns gives exactly those columns.
        for row in 0..<Self.batch {
            #expect(Array(partialInputGradient[(2 * row)..<(2 * row + 2)]) == Array(inputGradient[(4 * row)..<(4 * row + 2)]))
        }
    }

    // MARK: Activations, dropout, losses

    static func applied(_ values: [Float], _ transform: (UnsafeMutablePointer<Float>, Int) -> Void) -> [Float] {
        var copy = values
        copy.withUnsafeMutableBufferPointer { transform($0.baseAddress!, $0.count) }
        return copy
    }

    @Test func reluGradient() {
        // Values at least 0.1 from the kink, so a 1e-3 step never crosses it.
        let values: [Float] = [-1.5, -0.2, 0.1, 0.7, 2.5, -0.3]
        let weights = Support.uniform(values.count, in: -1...1, seed: 9)
        let output = Self.applied(values) { ActivationKernels.relu($0, count: $1) }
        #expect(output == [0, 0, 0.1, 0.7, 2.5, 0])
        var gradient = weights
        ActivationKernels.reluBackward(output: output, gradient: &gradient, count: values.count)
        Self.expectClose(gradient, Self.numericGradient(at: values, step: 1e-3) {
            Self.dot(weights, Self.applied($0) { ActivationKernels.relu($0, count: $1) })
        })
    }

    @Test func sigmoidGradientAndSaturation() {
        let values: [Float] = [-3, -0.5, 0, 0.25, 1, 4]
        let weights = Support.uniform(values.count, in: -1...1, seed: 10)
        let output = Self.applied(values) { ActivationKernels.sigmoid($0, count: $1) }
        // σ(0) = 1/2 and σ(1) = 1/(1 + e⁻¹) = 0.7310585786300049.
        #expect(output[2] == 0.5)
        #expect(abs(output[4] - 0.7310585786) < 1e-7)
        var gradient = weights
        ActivationKernels.sigmoidBackward(output: output, gradient: &gradient, count: values.count)
        Self.expectClose(gradient, Self.numericGradient(at: values, step: 1e-3) {
            Self.dot(weights, Self.applied($0) { ActivationKernels.sigmoid($0, count: $1) })
        }, tolerance: 2e-3)
        // Far outside the float range of e^x the output saturates instead of becoming NaN.
        let saturated = Self.applied([-200, 200]) { ActivationKernels.sigmoid($0, count: $1) }
        #expect(saturated == [0, 1])
    }

    /// The masked gather and scatter, at widths with an eight-wide part and a tail: each value
    /// is the source times its multiplier (gather), and each table row gains its rows' gradient
    /// times their multipliers, in batch order (scatter).
    @Test func maskedGatherAndScatterApplyTheDropoutMultipliers() {
        let (embedding, contentWidth) = (11, 9)
        let width = 2 * embedding + contentWidth
        let users = [1, 0, 1, 2], movies = [2, 2, 0, 1]
        let userTable = Support.uniform(3 * embedding, in: -1...1, seed: 31)
        let movieTable = Support.uniform(3 * embedding, in: -1...1, seed: 32)
        let content = Support.uniform(3 * contentWidth, in: 0...1, seed: 33)
        let mask = (0..<(users.count * width)).map { UInt8(($0 * 5 + 1) % 7 < 2 ? 0 : 1) }
        let scale: Float = 1 / 0.7
        var output = [Float](repeating: .nan, count: users.count * width)
        EmbeddingKernels.concatenateInputs(
            userTable: userTable, movieTable: movieTable, content: content, embeddingWidth: embedding,
            contentWidth: contentWidth, users: users, movies: movies, count: users.count, mask: mask, scale: scale, into: &output
        )
        for row in users.indices {
            let source = Array(userTable[(users[row] * embedding)...].prefix(embedding))
                + Array(movieTable[(movies[row] * embedding)...].prefix(embedding))
                + Array(content[(movies[row] * contentWidth)...].prefix(contentWidth))
            let expected = source.enumerated().map { $1 * (mask[row * width + $0] == 0 ? 0 : scale) }
            #expect(Array(output[(row * width)..<((row + 1) * width)]) == expected, "row \(row)")
        }

        let gradient = Support.uniform(users.count * 2 * embedding, in: -1...1, seed: 34)
        var userGradient = [Float](repeating: 0, count: userTable.count)
        var movieGradient = [Float](repeating: 0, count: movieTable.count)
        EmbeddingKernels.scatterInputGradient(
            gradient, gradientStride: 2 * embedding, embeddingWidth: embedding, users: users, movies: movies,
            count: users.count, mask: mask, maskStride: width, scale: scale,
            userTableGradient: &userGradient, movieTableGradient: &movieGradient
        )
        var expectedUsers = [Float](repeating: 0, count: userTable.count), expectedMovies = expectedUsers
        for row in users.indices {
            for column in 0..<embedding {
                let multiplier = { (offset: Int) in mask[row * width + offset] == 0 ? Float(0) : scale }
                expectedUsers[users[row] * embedding + column] += gradient[row * 2 * embedding + column] * multiplier(column)
                expectedMovies[movies[row] * embedding + column] +=
                    gradient[row * 2 * embedding + embedding + column] * multiplier(embedding + column)
            }
        }
        #expect(userGradient == expectedUsers)
        #expect(movieGradient == expectedMovies)
    }

    @Test func dropoutWithFixedMaskGradient() {
        let values = Support.uniform(11, in: -2...2, seed: 11)
        let scale = Float(1 / (1 - 0.3))
        // Eleven units: one group of eight and three more, as the kernel takes them.
        let mask: [UInt8] = [1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1]
        let weights = Support.uniform(values.count, in: -1...1, seed: 12)
        let forward = { (x: [Float]) in Self.applied(x) { Dropout.apply(mask: mask, scale: scale, to: $0, count: $1) } }
        #expect(forward(values) == zip(values, mask).map { $1 == 0 ? 0 : $0 * scale })
        // The backward pass multiplies the incoming gradient by the same mask.
        let gradient = Self.applied(weights) { Dropout.apply(mask: mask, scale: scale, to: $0, count: $1) }
        Self.expectClose(gradient, Self.numericGradient(at: values, step: 1e-2) { Self.dot(weights, forward($0)) })
    }

    @Test func dropoutSamplerKeepsAboutOneMinusRate() {
        var sampler = DropoutMaskSampler(rate: 0.3, seed: 99)
        var mask = [UInt8](repeating: 7, count: 100_001)
        sampler.fill(&mask, count: mask.count)
        #expect(sampler.scale == Float(1 / 0.7))
        #expect(mask.allSatisfy { $0 == 0 || $0 == 1 })
        let kept = Double(mask.filter { $0 != 0 }.count) / Double(mask.count)
        // Binomial standard deviation √(0.3·0.7/100001) ≈ 0.0014; allow four of them.
        #expect(abs(kept - 0.7) < 0.006)
    }

    /// The sampler's bits are eight xorshift128 streams: lane k of the first step decides units
    /// k (low half) and 8 + k (high half). Checked against the recurrence written out here, for
    /// a count that ends inside a group of sixteen (whose unused draws are skipped).
    @Test func dropoutSamplerFollowsTheXorshiftStreams() {
        let (rate, seed) = (0.3, UInt64(5))
        var generator = SeededGenerator(seed: seed)
        var words = (0..<32).map { _ in UInt32(truncatingIfNeeded: generator.next() >> 32) }
        for lane in 24..<32 { words[lane] |= 1 }
        let threshold = UInt32((rate * 65536).rounded())
        var expected: [UInt8] = []
        for _ in 0..<3 {
            var draws = [UInt32](repeating: 0, count: 8)
            for lane in 0..<8 {
                let (x, w) = (words[lane], words[24 + lane])
                let t = x ^ (x << 11)
                let next = w ^ (w >> 19) ^ t ^ (t >> 8)
                (words[lane], words[8 + lane], words[16 + lane], words[24 + lane]) = (words[8 + lane], words[16 + lane], w, next)
                draws[lane] = next
            }
            expected += draws.map { $0 & 0xFFFF >= threshold ? 1 : 0 } + draws.map { $0 >> 16 >= threshold ? 1 : 0 }
        }
        var sampler = DropoutMaskSampler(rate: rate, seed: seed)
        var first = [UInt8](repeating: 9, count: 21)
        var second = [UInt8](repeating: 9, count: 16)
        sampler.fill(&first, count: first.count)
        sampler.fill(&second, count: second.count)
        #expect(first == Array(expected[0..<21]))
        #expect(second == Array(expected[32..<48]))
    }

    @Test func meanSquaredErrorGradient() {
        let predictions: [Float] = [0.2, 0.9, 0.5, 0.35]
        let targets: [Float] = [0.25, 0.5, 0.5, 1]
        let loss = { (p: [Float]) -> Double in
            p.withUnsafeBufferPointer { LossKernels.errorSums(predictions: $0.baseAddress!, targets: targets, count: 4).squared / 4 }
        }
        // (0.05² + 0.4² + 0 + 0.65²) / 4 = (0.0025 + 0.16 + 0.4225) / 4 = 0.14625.
        #expect(abs(loss(predictions) - 0.14625) < 1e-7)
        var gradient = [Float](repeating: .nan, count: 4)
        LossKernels.meanSquaredErrorGradient(predictions: predictions, targets: targets, count: 4, into: &gradient)
        Self.expectClose(gradient, Self.numericGradient(at: predictions, step: 1e-2, loss))
        let absolute = LossKernels.errorSums(predictions: predictions, targets: targets, count: 4).absolute
        #expect(abs(absolute - 1.1) < 1e-6)
    }

    @Test func l2PenaltyGradient() {
        let weights = Support.uniform(37, in: -1...1, seed: 13)
        let l2: Float = 0.01
        let penalty = { (w: [Float]) in Double(l2) * LossKernels.sumOfSquares(w, count: w.count) }
        let exact = weights.reduce(0.0) { $0 + Double($1) * Double($1) }
        #expect(abs(LossKernels.sumOfSquares(weights, count: weights.count) - exact) < 1e-5)
        var gradient = [Float](repeating: 0, count: weights.count)
        LossKernels.addL2Gradient(weights: weights, count: weights.count, l2: l2, into: &gradient)
        Self.expectClose(gradient, Self.numericGradient(at: weights, step: 1e-2, penalty), tolerance: 1e-4)
    }
}
