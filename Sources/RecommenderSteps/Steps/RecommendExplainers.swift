import Learning
import RecbookSupport

/// Why `recommend` recommends an item: one explainer per `explain` mode, each giving the lines
/// printed under a recommendation.
protocol RecommendationExplainer {
    /// The lines explaining the recommendation of `item` (a dense index of the model's items).
    ///
    /// - Throws: when the model cannot explain this way (the neural hybrid's scores do not
    ///   split by rating).
    func reasons(for item: Int) throws -> [String]
}

/// `explain: original`: the SVD's generic reason, as the original printed it.
struct OriginalReason: RecommendationExplainer {
    func reasons(for item: Int) throws -> [String] {
        ["  Reason: Based on patterns learned from your past ratings and similar users/items."]
    }
}

/// A popularity model's reason: the same list for everyone, ranked by how many rated it.
struct PopularityReason: RecommendationExplainer {
    let model: PopularityModel

    func reasons(for item: Int) throws -> [String] {
        let count = model.counts[item]
        let counted = model.configuration.minimumRating.map { " \(RecommendStep.stars($0))★ or more" } ?? ""
        return ["  Reason: Popular: \(count) user\(count == 1 ? "" : "s") rated it\(counted) in the training data (the same list for everyone)."]
    }
}

/// `explain: similar-liked`: the user's well-rated movies nearest the recommendation in the
/// model's learned embedding space.
struct SimilarLikedReason: RecommendationExplainer {
    let embeddings: CachedEmbeddings
    /// The user's movies rated at least `liked`, as dense indices.
    let likedMovies: [Int]
    let count: Int
    let liked: Double
    let titles: (Int) -> String

    func reasons(for item: Int) throws -> [String] {
        let nearest = RecommendStep.nearest(to: item, among: likedMovies, in: embeddings, count: count)
        guard !nearest.isEmpty else {
            return ["  Reason: You have rated no movie \(Format.shortest(liked))★ or higher that the model knows."]
        }
        let names = nearest.map { RecommendStep.pythonRepr(titles($0)) }
        return ["  Reason: Based on similarity to movies you liked: [\(names.joined(separator: ", "))]"]
    }
}

/// `explain: original-mixup`: the original DNN's faulty reason, reproduced for comparison.
struct OriginalMixupReason: RecommendationExplainer {
    let embeddings: CachedEmbeddings
    let itemCount: Int
    let catalogue: Catalogue

    func reasons(for item: Int) throws -> [String] {
        // The original: the five nearest of all movies (after the nearest, taken to be the
        // movie itself), their encoder indices then used as row positions in `movies`.
        let neighbours = RecommendStep.nearest(to: item, among: Array(0..<itemCount), in: embeddings, count: 5)
        let names = neighbours.map { RecommendStep.pythonRepr(catalogue.title(atRow: $0)) }
        return ["  Reason: Based on similarity to movies you liked: [\(names.joined(separator: ", "))]"]
    }
}

/// `explain: contributions`: the user's own ratings that drove the score, and with `tags` the
/// tags the recommendation shares with them.
struct ContributionReason: RecommendationExplainer {
    let model: any Recommender
    let representation: UserRepresentation
    let count: Int
    let tagsByMovie: [Int: Set<String>]
    let catalogue: Catalogue

    func reasons(for item: Int) throws -> [String] {
        let drivers = try model.explain(item: item, for: representation, limit: count)
        guard !drivers.isEmpty else {
            return ["  Because: it is popular with people whose ratings resemble yours (no single rating of yours drives it)."]
        }
        let named = drivers.map { "\(catalogue.title(of: model.items.id(at: $0.item))) \(Format.shortest($0.rating))★" }
        var lines = ["  Because you rated " + RecommendStep.naturalList(named) + "."]
        let recommendedTags = tagsByMovie[model.items.id(at: item)] ?? []
        let shared = drivers.reduce(into: Set<String>()) { set, driver in
            set.formUnion(recommendedTags.intersection(tagsByMovie[model.items.id(at: driver.item)] ?? []))
        }
        if !shared.isEmpty { lines.append("  Shared tags: " + shared.sorted().prefix(6).joined(separator: ", ") + ".") }
        return lines
    }
}
