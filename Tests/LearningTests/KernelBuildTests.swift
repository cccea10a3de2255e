import CKernels
import Foundation
import Testing
@testable import Learning

/// The C kernels (`Sources/CKernels`) exist twice in the program: the version the dynamic
/// loader chose for this processor (AVX-512 or AVX2 where it has them) and a baseline x86-64 build under
/// names ending in `_baseline`. Every result must be the same bits in both, so that a fit or a
/// ranking does not depend on the machine's instruction set. On a processor without AVX2 both
/// are the baseline build and these tests compare it with itself.
///
/// Lengths and widths are chosen to reach every path: sixteen lanes, eight, a group of four, and the
/// scalar remainder.
@Suite struct KernelBuildTests {
    typealias Support = NeuralTestSupport

    static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

    @Test(arguments: [false, true])
    func adamUpdatesAgree(penalised: Bool) {
        let count = 2 * 1024 + 13
        let start = Support.uniform(count, in: -1...1, seed: 71)
        var dispatched = (w: start, g: [Float](), m: [Float](repeating: 0, count: count), v: [Float](repeating: 0, count: count))
        var baseline = dispatched
        let coefficients = recbook_adam_coefficients(firstDecay: 0.1, secondDecay: 0.001, epsilon: 1e-7, stepSize: 0.00123)
        for step in 0..<4 {
            let gradient = Support.uniform(count, in: -1...1, seed: 80 + UInt64(step))
            dispatched.g = gradient
            baseline.g = gradient
            let a = recbook_adam_update(&dispatched.w, &dispatched.g, &dispatched.m, &dispatched.v, count, penalised ? 1 : 0, 0.01, coefficients)
            let b = recbook_adam_update_baseline(&baseline.w, &baseline.g, &baseline.m, &baseline.v, count, penalised ? 1 : 0, 0.01, coefficients)
            #expect(a.bitPattern == b.bitPattern, "step \(step): Σw² \(a) vs \(b)")
            #expect(Self.bits(dispatched.w) == Self.bits(baseline.w), "step \(step): weights")
            #expect(Self.bits(dispatched.m) == Self.bits(baseline.m) && Self.bits(dispatched.v) == Self.bits(baseline.v), "step \(step): moments")
            #expect(Self.bits(dispatched.g) == Self.bits(baseline.g), "step \(step): gradient")
        }
    }

    @Test func dropoutSamplesAndMultipliersAgree() {
        var state = recbook_xorshift_lanes()
        withUnsafeMutableBytes(of: &state) { bytes in
            for index in 0..<(bytes.count / 4) { bytes.storeBytes(of: UInt32(index * 2_654_435_761 & 0xFFFF_FFFF) | 1, toByteOffset: 4 * index, as: UInt32.self) }
        }
        var other = state
        var first = [UInt8](repeating: 9, count: 1_003), second = first
        recbook_dropout_sample(&state, 19_661, &first, first.count)
        recbook_dropout_sample_baseline(&other, 19_661, &second, second.count)
        #expect(first == second)
        #expect(withUnsafeBytes(of: state) { Array($0) } == withUnsafeBytes(of: other) { Array($0) })

        var values = Support.uniform(first.count, in: -2...2, seed: 72), copy = values
        recbook_dropout_apply(&values, first, 1 / 0.7, values.count)
        recbook_dropout_apply_baseline(&copy, first, 1 / 0.7, copy.count)
        #expect(Self.bits(values) == Self.bits(copy))
    }

    @Test func gathersAndScattersAgree() {
        let (embedding, content, rows, tableRows) = (21, 13, 37, 9)
        let width = 2 * embedding + content
        let users = (0..<rows).map { ($0 * 5) % tableRows }, movies = (0..<rows).map { ($0 * 7 + 3) % tableRows }
        let userTable = Support.uniform(tableRows * embedding, in: -1...1, seed: 73)
        let movieTable = Support.uniform(tableRows * embedding, in: -1...1, seed: 74)
        let contentTable = Support.uniform(tableRows * content, in: 0...1, seed: 75)
        let mask = (0..<(rows * width)).map { UInt8(($0 * 11 + 2) % 10 < 3 ? 0 : 1) }
        var gathered = [Float](repeating: .nan, count: rows * width), gatheredBaseline = gathered
        recbook_gather_inputs(userTable, movieTable, contentTable, embedding, content, users, movies, rows, mask, 1 / 0.7, &gathered)
        recbook_gather_inputs_baseline(userTable, movieTable, contentTable, embedding, content, users, movies, rows, mask, 1 / 0.7, &gatheredBaseline)
        #expect(Self.bits(gathered) == Self.bits(gatheredBaseline))

        var userGradient = [Float](repeating: 0, count: userTable.count), movieGradient = userGradient
        var userBaseline = userGradient, movieBaseline = userGradient
        recbook_scatter_embedding_gradient(gathered, width, mask, width, 1 / 0.7, embedding, users, movies, rows, &userGradient, &movieGradient)
        recbook_scatter_embedding_gradient_baseline(gathered, width, mask, width, 1 / 0.7, embedding, users, movies, rows, &userBaseline, &movieBaseline)
        #expect(Self.bits(userGradient) == Self.bits(userBaseline) && Self.bits(movieGradient) == Self.bits(movieBaseline))
    }

    @Test(arguments: [16, 13])
    func scoringPassesAgree(width: Int) {
        let rows = 41
        let left = Support.uniform(rows * width, in: -1...1, seed: 76), right = Support.uniform(width, in: -1...1, seed: 77)
        var rectified = [Float](repeating: .nan, count: rows * width), rectifiedBaseline = rectified
        recbook_add_rectify(left, right, rows, width, 0, &rectified)
        recbook_add_rectify_baseline(left, right, rows, width, 0, &rectifiedBaseline)
        #expect(Self.bits(rectified) == Self.bits(rectifiedBaseline))
        #expect(rectified.allSatisfy { $0 >= 0 && $0.sign == .plus })

        let kernel = Support.uniform(width, in: -1...1, seed: 78)
        var scores = [Float](repeating: .nan, count: rows), scoresBaseline = scores
        recbook_rectified_sigmoid_output(left, rows, width, right, kernel, 0.25, &scores)
        recbook_rectified_sigmoid_output_baseline(left, rows, width, right, kernel, 0.25, &scoresBaseline)
        #expect(Self.bits(scores) == Self.bits(scoresBaseline))
        // The output layer written out with a four-lane sum, as the kernel documents it.
        for row in 0..<rows {
            var lanes = [Float](repeating: 0, count: 4)
            var index = 0
            while index + 4 <= width {
                for lane in 0..<4 {
                    let sum = left[row * width + index + lane] + right[index + lane]
                    lanes[lane] += (sum > 0 ? sum : 0) * kernel[index + lane]
                }
                index += 4
            }
            var total = ((lanes[0] + lanes[1]) + lanes[2]) + lanes[3]
            while index < width {
                let sum = left[row * width + index] + right[index]
                total += (sum > 0 ? sum : 0) * kernel[index]
                index += 1
            }
            #expect(scores[row] == 1 / (1 + expf(-(0.25 + total))), "row \(row)")
        }
    }

    /// The layers after the first, sixteen movies at a time (`recbook_score_movies`), against
    /// the same layers one by one in the baseline build: the same bits. Movie counts that leave
    /// a partial block of sixteen and both hidden widths the kernel takes. Where the processor
    /// has no AVX-512 the kernel declines (returns 0) and the scorer runs the layers one by one,
    /// which the other tests cover.
    @Test(arguments: [(37, 16), (16, 8), (5, 16)])
    func movieBlocksAgreeWithTheLayersOneByOne(movies: Int, hidden: Int) {
        let units = 32
        let moviePart = Support.uniform(movies * units, in: -1...1, seed: 90)
        let userPart = Support.uniform(units, in: -1...1, seed: 91)
        let kernel = Support.uniform(units * hidden, in: -1...1, seed: 92)
        let bias = Support.uniform(hidden, in: -0.5...0.5, seed: 93)
        let output = Support.uniform(hidden, in: -1...1, seed: 94)
        // The layers one by one, baseline build.
        var first = [Float](repeating: 0, count: movies * units)
        recbook_add_rectify_baseline(moviePart, userPart, movies, units, 0, &first)
        var second = [Float](repeating: 0, count: movies * hidden)
        recbook_multiply_baseline(0, 0, movies, hidden, units, first, units, kernel, hidden, &second, hidden, 0)
        var expected = [Float](repeating: 0, count: movies)
        recbook_rectified_sigmoid_output_baseline(second, movies, hidden, bias, output, -0.125, &expected)
        // Sixteen movies at a time.
        var columns = [Float](repeating: 0, count: (movies + 15) / 16 * 16 * units)
        for movie in 0..<movies {
            for unit in 0..<units { columns[(movie / 16) * 16 * units + 16 * unit + movie % 16] = moviePart[movie * units + unit] }
        }
        var scores = [Float](repeating: .nan, count: movies + 1)
        let ran = recbook_score_movies(columns, movies, units, userPart, kernel, bias, hidden, output, -0.125, &scores)
        #expect(recbook_score_movies_baseline(columns, movies, units, userPart, kernel, bias, hidden, output, -0.125, &scores) == 0)
        guard ran == 1 else { return }
        #expect(Self.bits(Array(scores.prefix(movies))) == Self.bits(expected))
        #expect(scores[movies].isNaN, "nothing is written past the last movie")
    }
}
