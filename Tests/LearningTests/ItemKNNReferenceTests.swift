import Foundation
@testable import Learning
import LinearAlgebra
import RecbookSupport
import Testing

@Suite struct ItemKNNReferenceTests {
    @Test func similaritiesFollowTheShrunkPearsonBaselineFormula() throws {
        let log = try PlantedRatings.explicit()
        let data = try RatingDataset(log)
        let model = try ItemKNNModel(fitting: data, configuration: .init(shrinkage: 7, storedNeighbours: nil))
        let baseline = model.baseline
        // Residual of every (user, item) pair, straight from the definition.
        var residual: [[Double?]] = Array(repeating: Array(repeating: nil, count: data.itemCount), count: data.userCount)
        for user in 0..<data.userCount {
            for entry in data.histories.history(ofUser: user) {
                residual[user][entry.item] = entry.rating - baseline.globalMean - baseline.userBiases[user] - baseline.itemBiases[entry.item]
            }
        }
        for item in 0..<data.itemCount {
            let stored = Dictionary(uniqueKeysWithValues: model.neighbours(of: item).map { ($0.item, $0.similarity) })
            for other in 0..<data.itemCount where other != item {
                var products = 0.0, own = 0.0, theirs = 0.0, common = 0
                for user in 0..<data.userCount {
                    guard let a = residual[user][item], let b = residual[user][other] else { continue }
                    products += a * b
                    own += a * a
                    theirs += b * b
                    common += 1
                }
                let similarity = products / (own * theirs).squareRoot() * Double(common - 1) / Double(common - 1 + 7)
                if similarity > 0 {
                    #expect(abs((stored[other] ?? .nan) - similarity) < 1e-12, "sim(\(item), \(other))")
                } else {
                    #expect(stored[other] == nil)
                }
            }
            // Most similar first.
            let values = model.neighbours(of: item).map(\.similarity)
            #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
        }
    }

    /// Scoring a whole catalogue for one user gives, bit for bit, what walking each item's own
    /// list gives (the definition: the first k listed items the user rated, fewer than the
    /// minimum → the baseline), for every user, several k and minimums, and pruned lists;
    /// users who rated a few items as well as most of them.
    @Test(arguments: [(2, 1, 3), (40, 1, nil), (3, 3, 4), (1, 0, 2), (2, 3, nil)] as [(Int, Int, Int?)])
    func catalogueScoresEqualEachItemsOwnListWalked(setting: (k: Int, minimum: Int, stored: Int?)) throws {
        let (k, minimum, stored) = setting
        // The planted users rate two items in three; a few sparse users besides.
        var sparse: [(Int, Int, Double)] = []
        for (index, user) in [9001, 9002, 9003].enumerated() {
            for item in 0...index { sparse.append((user, PlantedRatings.itemId(item * 3 + 1), 2 + Double(item))) }
        }
        let data = try RatingDataset(try PlantedRatings.explicit().appending(PlantedRatings.log(sparse)))
        let model = try ItemKNNModel(fitting: data, configuration: .init(
            neighbourCount: k, minimumNeighbours: minimum, shrinkage: 7, storedNeighbours: stored))
        let baseline = model.baseline
        for user in 0..<data.userCount {
            let representation = try model.representation(ofUser: user)
            var residuals = [Double?](repeating: nil, count: data.itemCount)
            for entry in representation.history {
                residuals[entry.item] = entry.rating - baseline.globalMean - representation.bias - baseline.itemBiases[entry.item]
            }
            let scores = try model.scores(for: representation)
            for item in 0..<data.itemCount {
                let used = model.neighbours(of: item).filter { residuals[$0.item] != nil }.prefix(k)
                let base = baseline.globalMean + representation.bias + baseline.itemBiases[item]
                var expected = base
                if used.count >= minimum, !used.isEmpty {
                    var weighted = 0.0, total = 0.0
                    for neighbour in used {
                        weighted += neighbour.similarity * (residuals[neighbour.item] ?? 0)
                        total += neighbour.similarity
                    }
                    if total > 0 { expected = base + weighted / total }
                }
                #expect(scores[item] == expected, "user \(user), item \(item)")
            }
        }
    }

    /// Scoring users 64 at a time gives each user, bit for bit, what scoring them alone gives
    /// (which the test above holds to the definition): groups that are full and partial, a
    /// user twice in one group, several k and minimums, and pruned lists.
    @Test(arguments: [(2, 1, 3), (40, 1, nil), (3, 3, 4), (1, 0, 2), (2, 3, nil)] as [(Int, Int, Int?)])
    func batchedScoresEqualEachUsersOwn(setting: (k: Int, minimum: Int, stored: Int?)) throws {
        var sparse: [(Int, Int, Double)] = []
        for (index, user) in [9001, 9002, 9003].enumerated() {
            for item in 0...index { sparse.append((user, PlantedRatings.itemId(item * 3 + 1), 2 + Double(item))) }
        }
        let data = try RatingDataset(try PlantedRatings.explicit().appending(PlantedRatings.log(sparse)))
        let model = try ItemKNNModel(fitting: data, configuration: .init(
            neighbourCount: setting.k, minimumNeighbours: setting.minimum, shrinkage: 7, storedNeighbours: setting.stored))
        var generator = SeededGenerator(seed: 3)
        var users = (0..<(100 / data.userCount + 1)).flatMap { _ in 0..<data.userCount }.shuffled(using: &generator)
        if users.count % 64 == 0 { users.removeLast() }
        #expect(users.count > 64 && users.count % 64 != 0)
        let batched = try model.scores(forUsers: users)
        for (row, user) in users.enumerated() {
            let alone = try model.scores(for: try model.representation(ofUser: user))
            #expect(Array(batched.row(row)) == alone, "user \(user) in row \(row)")
        }
    }

    @Test func predictsTheBaselinePlusTheWeightedNeighbourResidual() throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        let model = try ItemKNNModel(fitting: data, configuration: .init(neighbourCount: 2, shrinkage: 7))
        let user = 4, item = 2  // (4 + 2) is divisible by 3: unrated
        let representation = try model.representation(ofUser: user)
        let rated = Dictionary(uniqueKeysWithValues: representation.history.map { ($0.item, $0.rating) })
        let baseline = model.baseline
        // The two most similar items among those the user rated.
        let chosen = model.neighbours(of: item).filter { rated[$0.item] != nil }.prefix(2)
        var weighted = 0.0, total = 0.0
        for (neighbour, similarity) in chosen {
            let residual = (rated[neighbour] ?? 0) - baseline.globalMean - baseline.userBiases[user] - baseline.itemBiases[neighbour]
            weighted += similarity * residual
            total += similarity
        }
        let expected = baseline.globalMean + baseline.userBiases[user] + baseline.itemBiases[item] + weighted / total
        #expect(abs(try model.predict(user: user, item: item) - min(5, max(1, expected))) < 1e-12)
    }
}
