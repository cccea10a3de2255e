@testable import Learning
import Testing

/// EASE's Gram matrix, built in parallel row bands, against its definition.
@Suite struct EASEGramTests {
    /// 300 users with 1–60 interactions each over 200 items, drawn by a fixed LCG.
    static func randomData() throws -> RatingDataset {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var rows: [(Int, Int, Double)] = []
        for user in 0..<300 {
            var seen = Set<Int>()
            for _ in 0..<(1 + next(60)) {
                // Skewed towards low item ids, as popularity is.
                let item = min(next(200), next(200))
                if seen.insert(item).inserted { rows.append((user, item, 4)) }
            }
        }
        return try RatingDataset(PlantedRatings.log(rows))
    }

    /// XᵀX's lower triangle straight from the definition: every ordered pair of a user's
    /// modelled items, in history order.
    static func definition(_ data: RatingDataset, positions: [Int32], count n: Int) -> [Float] {
        var gram = [Float](repeating: 0, count: n * n)
        for user in 0..<data.userCount {
            let range = data.histories.range(ofUser: user)
            for first in range {
                let a = Int(positions[data.histories.items[first]])
                guard a >= 0 else { continue }
                for second in range {
                    let b = Int(positions[data.histories.items[second]])
                    if b >= 0, a >= b { gram[a * n + b] += 1 }
                }
            }
        }
        return gram
    }

    @Test(arguments: [200, 57])
    func bandedGramEqualsTheDefinition(limit: Int) throws {
        let data = try Self.randomData()
        let modelled = EASEModel.mostInteracted(data.histories.itemCounts(itemCount: data.itemCount), limit: limit)
        var positions = [Int32](repeating: -1, count: data.itemCount)
        for (position, item) in modelled.enumerated() { positions[item] = Int32(position) }
        let gram = EASEModel.gram(of: data, positions: positions, count: modelled.count)
        let expected = Self.definition(data, positions: positions, count: modelled.count)
        #expect(gram == expected)
        // Not a vacuous comparison: the diagonal counts each modelled item's interactions.
        #expect(gram.reduce(0, +) > Float(data.histories.items.count) / 2)
    }

    @Test func bandsCoverEveryRowOnceWithBalancedWork() {
        let work = Array(0..<1_000)
        let bands = EASEModel.bandBoundaries(work: work, count: 8)
        #expect(bands.count == 9)
        #expect(bands.first == 0 && bands.last == 1_000)
        #expect(zip(bands, bands.dropFirst()).allSatisfy { $0 <= $1 })
        let total = work.reduce(0, +)
        for band in 0..<8 {
            let share = work[bands[band]..<bands[band + 1]].reduce(0, +)
            #expect(abs(share - total / 8) < 1_000, "band \(band) holds \(share) of \(total)")
        }
        // Fewer rows than bands: empty bands at the end, every row still in exactly one.
        #expect(EASEModel.bandBoundaries(work: [5, 5], count: 4) == [0, 1, 2, 2, 2])
    }
}
