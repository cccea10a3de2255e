import Frames
import Learning
import NotebookCore
import TableSteps
import RecbookSupport

/// Ranking metrics of any model against held-out ratings, with the protocol defined once:
///
/// - candidates: every movie in the model's training data, minus those the user rated there;
/// - relevant: the user's held-out movies rated at least `threshold` (a movie the model never
///   saw counts too, as a certain miss);
/// - users counted: those with at least one relevant held-out movie.
struct RankingReport {
    var cutoff: Int
    var threshold: Double
    /// Mean metrics at `cutoff` over the counted users.
    var metrics: RankingMetrics
    /// Recall at each K in 1…curveLength, when asked for.
    var recallCurve: [Double]
    var coverage: Double
    /// The number of candidate movies (the model's catalogue).
    var catalogueSize: Int
    var novelty: Double
    var usersCounted: Int
    var usersWithoutRelevant: Int
    var usersUnknown: Int
    /// Per counted user (external id): recall at `cutoff`, for breakdowns.
    var recallByUser: [Int: Double]

    static func evaluate(
        _ model: any RecommenderModel, heldOut frame: DataFrame, cutoff: Int, threshold: Double, curveLength: Int = 0
    ) throws -> RankingReport {
        let userIds = try frame.ints("userId"), movieIds = try frame.ints("movieId"), ratings = try frame.doubles("rating")
        var relevantByUser: [Int: Set<Int>] = [:]
        var heldOutUsers = Set<Int>()
        for row in userIds.indices {
            heldOutUsers.insert(userIds[row])
            if ratings[row] >= threshold { relevantByUser[userIds[row], default: []].insert(movieIds[row]) }
        }
        let counted = relevantByUser.keys.filter { model.users.index(of: $0) != nil }.sorted()
        let catalogueList = model.catalogue
        let catalogue = Set(catalogueList)
        let depth = max(cutoff, curveLength)
        var rankings: [[Int]] = []
        var perUser: [RankingMetrics] = []
        var curveSums = [Double](repeating: 0, count: curveLength)
        var recallByUser: [Int: Double] = [:]
        var interactionCounts = [Int](repeating: 0, count: model.movies.count)
        for user in 0..<model.users.count {
            for movie in Set(model.trainingMovies(ofUser: user)) where movie < interactionCounts.count { interactionCounts[movie] += 1 }
        }
        let notInCatalogue = (0..<model.movies.count).filter { !catalogue.contains($0) }
        for batch in stride(from: 0, to: counted.count, by: 256) {
            let ids = Array(counted[batch..<min(batch + 256, counted.count)])
            let indices = ids.compactMap { model.users.index(of: $0) }
            let scores = try model.scores(forUsers: indices)
            for (position, userId) in ids.enumerated() {
                let excluded = model.trainingMovies(ofUser: indices[position]) + notInCatalogue
                let top = topScoringItems(scores[position], count: depth, excluding: excluded)
                rankings.append(top)
                let ranking = top.map { model.movies.id(at: $0) }
                let relevant = relevantByUser[userId] ?? []
                guard let metrics = RankingMetrics(ranking: ranking, relevant: relevant, cutoff: cutoff) else { continue }
                perUser.append(metrics)
                recallByUser[userId] = metrics.recall
                if curveLength > 0 {
                    var hits = 0
                    for k in 1...curveLength {
                        if k <= ranking.count, relevant.contains(ranking[k - 1]) { hits += 1 }
                        curveSums[k - 1] += Double(hits) / Double(relevant.count)
                    }
                }
            }
        }
        guard let mean = RankingMetrics.mean(perUser) else {
            throw StepError("no held-out user known to the model has a movie rated at least \(Format.shortest(threshold))")
        }
        let trainingUsers = model.users.count
        let catalogueIndex = Dictionary(catalogueList.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return RankingReport(
            cutoff: cutoff, threshold: threshold, metrics: mean,
            recallCurve: curveSums.map { $0 / Double(perUser.count) },
            coverage: catalogueCoverage(
                rankings.map { $0.compactMap { catalogueIndex[$0] } }, cutoff: cutoff, catalogueSize: catalogue.count
            ),
            catalogueSize: catalogue.count,
            novelty: (try? meanNovelty(rankings, cutoff: cutoff, interactionCounts: interactionCounts, userCount: max(1, trainingUsers))) ?? .nan,
            usersCounted: perUser.count,
            usersWithoutRelevant: heldOutUsers.count - relevantByUser.count,
            usersUnknown: relevantByUser.keys.filter { model.users.index(of: $0) == nil }.count,
            recallByUser: recallByUser
        )
    }
}
