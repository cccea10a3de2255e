import Foundation
@testable import Learning
import LinearAlgebra
import Testing

/// The batched paths that the evaluations take at scale give what the definitions give.
@Suite struct BatchedPredictionTests {
    /// Every (user, item) pair of the planted data, users interleaved and repeated, so that the
    /// grouping by user has to put the answers back in the caller's order.
    private func pairs(_ data: RatingDataset) -> (users: [Int], items: [Int]) {
        var users: [Int] = [], items: [Int] = []
        for item in 0..<data.itemCount {
            for user in stride(from: data.userCount - 1, through: 0, by: -1) {
                users.append(user)
                items.append(item)
            }
        }
        return (users + [3, 0, 3], items + [2, 2, 2])
    }

    @Test func itemKNNPredictsInBatchesWhatItPredictsPairByPair() throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        let model = try ItemKNNModel(fitting: data, configuration: .init(neighbourCount: 3, shrinkage: 7, storedNeighbours: 5))
        let (users, items) = pairs(data)
        let batched = try model.predictedRatings(users: users, items: items)
        for (index, (user, item)) in zip(users, items).enumerated() {
            #expect(batched[index] == (try model.predictedRating(for: try model.representation(ofUser: user), item: item)))
        }
        #expect(throws: ModelError.self) { try model.predictedRatings(users: [0], items: [data.itemCount]) }
        #expect(throws: ModelError.self) { try model.predictedRatings(users: [0, 1], items: [0]) }
    }

    @Test func blendPredictsInBatchesWhatItPredictsPairByPair() throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        var recipe = BlendedRatingModel.Recipe()
        recipe.factorization.factorCount = 4
        let model = try BlendedRatingModel(fitting: data, recipe: recipe)
        let (users, items) = pairs(data)
        let batched = try model.predictedRatings(users: users, items: items)
        for (index, (user, item)) in zip(users, items).enumerated() {
            #expect(batched[index] == (try model.predictedRating(for: try model.representation(ofUser: user), item: item)))
        }
    }

    /// Scoring many users at once (``Recommender/scores(for:)-([UserRepresentation])``) gives
    /// each user, bit for bit, what scoring them alone gives: known users and folded-in ones
    /// (a shortened history, so not a known user's representation) mixed in one batch of more
    /// than 64, for item-kNN's shared pass and for a blend whose parts batch their own.
    @Test func modelsScoreManyUsersAtOnceAsEachAlone() throws {
        let data = try RatingDataset(PlantedRatings.explicit())
        var recipe = BlendedRatingModel.Recipe()
        recipe.factorization.factorCount = 4
        let models: [any Recommender] = [
            try ItemKNNModel(fitting: data, configuration: .init(neighbourCount: 3, shrinkage: 7, storedNeighbours: 5)),
            try BlendedRatingModel(fitting: data, recipe: recipe),
            try BaselineModel(fitting: data),
        ]
        for model in models {
            var users: [UserRepresentation] = []
            for round in 0..<5 {
                for user in 0..<data.userCount {
                    let known = try model.representation(ofUser: user)
                    users.append(round % 2 == 0 ? known : try model.foldIn(Array(known.history.dropFirst(round))))
                }
            }
            #expect(users.count > 64, "\(type(of: model))")
            let batched = try model.scores(for: users)
            #expect(batched.rowCount == users.count && batched.columnCount == model.itemCount)
            for (row, user) in users.enumerated() {
                #expect(Array(batched.row(row)) == (try model.scores(for: user)), "\(type(of: model)) row \(row)")
            }
        }
    }

    /// The gathered block's two products against the sums they stand for, with and without the
    /// bias column, and a workspace reused for a longer row after a shorter one.
    @Test func gatheredRowsFormTheWeightedSumsOfTheirRows() {
        let k = 3
        let fixed: [Double] = (0..<(6 * k)).map { Double($0 % 7) - 2.5 + 0.1 * Double($0) }
        // More rows than one block, so that the blocked product crosses a block boundary.
        let neighbours = (0..<(GatheredRows.blockRows + 40)).map { ($0 * 5 + 1) % 6 }
        for width in [k, k + 1] {
            let rows = GatheredRows(width: width)
            for range in [1..<3, 0..<6, 3..<neighbours.count] {
                fixed.withUnsafeBufferPointer { f in
                    rows.gather(range, neighbours: neighbours, fixed: f.baseAddress!, factorCount: k,
                                weight: { 0.5 + Double($0 % 9) }, value: { Double($0 % 5) - 1 })
                }
                func feature(_ position: Int, _ d: Int) -> Double { d < k ? fixed[neighbours[position] * k + d] : 1 }
                let v = (0..<width).map { 0.3 * Double($0) - 0.4 }
                var product = [Double](repeating: 1, count: width), combined = product
                v.withUnsafeBufferPointer { v in rows.addWeightedGramProduct(v.baseAddress!, to: &product) }
                rows.combine(into: &combined) { weight, value in weight * value }
                for d in 0..<width {
                    var expectedProduct = 1.0, expectedCombined = 0.0
                    for position in range {
                        let weight = 0.5 + Double(position % 9), value = Double(position % 5) - 1
                        let dot = (0..<width).reduce(0.0) { $0 + feature(position, $1) * v[$1] }
                        expectedProduct += weight * dot * feature(position, d)
                        expectedCombined += weight * value * feature(position, d)
                    }
                    #expect(abs(product[d] - expectedProduct) <= 1e-12 * max(1, abs(expectedProduct)), "width \(width), rows \(range), d \(d)")
                    #expect(abs(combined[d] - expectedCombined) <= 1e-12 * max(1, abs(expectedCombined)), "width \(width), rows \(range), d \(d)")
                }
            }
        }
    }
}
