import LinearAlgebra
import RecbookSupport
import Testing
@testable import Learning

/// Factors fitted elsewhere (Spark's ALS) read back: placed by id, scored as p_uᵀq_i, new users
/// folded in as Spark's ALS-WR solves a row, saved and loaded, and bad tables refused.
@Suite struct ExternalFactorsModelTests {
    typealias Table = ExternalFactorsModel.FactorTable

    let data: RatingDataset
    /// Item vectors by item index (k = 3), and user vectors by user index.
    let itemVectors: [[Double]]
    let userVectors: [[Double]]

    init() throws {
        data = try RatingDataset(PlantedRatings.explicit())
        var generator = SeededGenerator(seed: 41)
        itemVectors = (0..<data.itemCount).map { _ in (0..<3).map { _ in generator.nextDouble() * 2 - 0.5 } }
        userVectors = (0..<data.userCount).map { _ in (0..<3).map { _ in generator.nextDouble() } }
    }

    /// The vectors as tables keyed by external id, rows in reverse order, with extra ids the
    /// data does not have.
    func tables() -> (users: Table, items: Table) {
        func table(_ vectors: [[Double]], _ vocabulary: IdVocabulary, extra: Int) -> Table {
            let order = Array(vectors.indices.reversed())
            return Table(ids: order.map { vocabulary.id(at: $0) } + [extra], width: 3,
                         values: order.flatMap { vectors[$0] } + [9, 9, 9])
        }
        return (table(userVectors, data.users, extra: 99_999), table(itemVectors, data.items, extra: 88_888))
    }

    func makeModel(clipping: Bool = false, regularization: Double = 0.1) throws -> ExternalFactorsModel {
        let (users, items) = tables()
        return try ExternalFactorsModel(data: data, userFactors: users, itemFactors: items,
                                        configuration: .init(regularization: regularization, clipsPredictions: clipping))
    }

    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }

    @Test func scoresAreDotProductsOfTheVectorsPlacedById() throws {
        let model = try makeModel()
        for user in [0, 7, 19] {
            let scores = try model.scores(forUser: user)
            for item in 0..<data.itemCount {
                #expect(abs(scores[item] - Self.dot(userVectors[user], itemVectors[item])) < 1e-12, "user \(user), item \(item)")
            }
        }
        let batch = try model.scores(forUsers: [3, 11])
        #expect(abs(batch[1, 4] - Self.dot(userVectors[11], itemVectors[4])) < 1e-12)
        // Clipping to the training ratings' range (1…5) for predicted ratings only.
        let clipped = try makeModel(clipping: true)
        let low = try clipped.predictedRating(for: try clipped.representation(ofUser: 0), item: 0)
        #expect(low == max(1, min(5, Self.dot(userVectors[0], itemVectors[0]))))
    }

    /// Spark's ALS solves a user's row as min Σ (r − qᵀp)² + λ·n·|p|². Build the user vectors as
    /// that solve from the item vectors (one half-sweep by hand, normal equations by Cholesky);
    /// folding each user's own ratings in must then give back their vector.
    @Test func foldingInSolvesTheRowAsSparksALSDoes() throws {
        let lambda = 0.05
        var solved: [[Double]] = []
        for user in 0..<data.userCount {
            let history = data.histories.history(ofUser: user)
            var normal = Matrix(rowCount: 3, columnCount: 3)
            var rightHand = [Double](repeating: 0, count: 3)
            for entry in history {
                let q = itemVectors[entry.item]
                for a in 0..<3 {
                    rightHand[a] += entry.rating * q[a]
                    for b in 0..<3 { normal[a, b] += q[a] * q[b] }
                }
            }
            for a in 0..<3 { normal[a, a] += lambda * Double(history.count) }
            solved.append(try CholeskyFactorization(normal).solve(rightHand))
        }
        let users = Table(ids: data.users.ids, width: 3, values: solved.flatMap { $0 })
        let items = Table(ids: data.items.ids, width: 3, values: itemVectors.flatMap { $0 })
        let model = try ExternalFactorsModel(data: data, userFactors: users, itemFactors: items,
                                             configuration: .init(regularization: lambda, clipsPredictions: false))
        for user in 0..<data.userCount {
            let folded = try model.foldIn(data.histories.history(ofUser: user))
            for d in 0..<3 { #expect(abs(folded.factors[d] - solved[user][d]) < 1e-9, "user \(user), dimension \(d)") }
        }
    }

    /// Each term of an explanation is rⱼ·qⱼᵀx, x solving (Σ qⱼqⱼᵀ + λnI) x = q_i (solved here
    /// independently); together all terms make the folded-in user's score.
    @Test func explanationTermsAreTheScoresDecomposition() throws {
        let lambda = 0.1
        let model = try makeModel(regularization: lambda)
        let history = data.histories.history(ofUser: 4)
        let item = 7
        var normal = Matrix(rowCount: 3, columnCount: 3)
        for entry in history {
            let q = itemVectors[entry.item]
            for a in 0..<3 { for b in 0..<3 { normal[a, b] += q[a] * q[b] } }
        }
        for a in 0..<3 { normal[a, a] += lambda * Double(history.count) }
        let direction = try CholeskyFactorization(normal).solve(itemVectors[item])
        let allTerms = history.map { ($0.item, $0.rating * Self.dot(itemVectors[$0.item], direction)) }
        let score = try model.scores(for: try model.foldIn(history))[item]
        #expect(abs(allTerms.reduce(0) { $0 + $1.1 } - score) < 1e-9)

        let listed = try model.explain(item: item, for: try model.foldIn(history), limit: 3)
        let expected = allTerms.filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(3)
        #expect(listed.map(\.item) == expected.map(\.0))
        for (term, reference) in zip(listed, expected) { #expect(abs(term.weight - reference.1) < 1e-9) }
    }

    @Test func survivesTheArchive() throws {
        let model = try makeModel(clipping: true, regularization: 0.3)
        let decoded = try #require(try ModelArchive.decode(ModelArchive.encode(model)) as? ExternalFactorsModel)
        #expect(decoded.configuration == model.configuration)
        #expect(decoded.factors == model.factors)
        #expect(try decoded.scores(forUser: 5) == model.scores(forUser: 5))
    }

    @Test func badTablesAreRefusedWithWhatIsWrong() throws {
        let (users, items) = tables()
        func refusal(_ users: Table, _ items: Table, regularization: Double = 0.1) -> String {
            do {
                _ = try ExternalFactorsModel(data: data, userFactors: users, itemFactors: items,
                                             configuration: .init(regularization: regularization))
                return "accepted"
            } catch { return "\(error)" }
        }
        var missing = users
        let dropped = missing.ids.firstIndex(of: data.users.id(at: 2))!
        missing.ids.remove(at: dropped)
        missing.values.removeSubrange((dropped * 3)..<(dropped * 3 + 3))
        #expect(refusal(missing, items).contains("no factors for 1 of the 20 users"))
        #expect(refusal(missing, items).contains("user \(data.users.id(at: 2))"))

        var twice = items
        twice.ids[0] = twice.ids[1]
        #expect(refusal(users, twice).contains("item \(twice.ids[1]) has two vectors"))

        var infinite = items
        infinite.values[4] = .infinity
        #expect(refusal(users, infinite).contains("factor 2 is inf"))

        let narrow = Table(ids: items.ids, width: 1, values: Array(items.values.prefix(items.ids.count)))
        #expect(refusal(users, narrow).contains("user factors have 3 dimensions and the item factors 1"))
        #expect(refusal(users, items, regularization: 0).contains("regularization must be positive"))
    }
}
