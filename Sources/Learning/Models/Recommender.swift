import LinearAlgebra
import RecbookSupport

/// What a model knows about one user when it scores items.
///
/// Every model reads what it needs: neighbourhood models (item-kNN, EASE) score from the
/// ``history``; factor models from ``factors`` and ``bias``; the neural hybrid from
/// ``knownUser``. A known user's representation comes from
/// ``Recommender/representation(ofUser:)``; a new user's from ``Recommender/foldIn(_:)``, and
/// the same ``Recommender/scores(for:)`` serves both.
public struct UserRepresentation: Sendable, Equatable {
    /// The user's ratings, oldest first.
    public var history: [RatedItem]
    /// The user's latent vector, in the model's factor space; empty for models without one.
    public var factors: [Double]
    /// The user's rating offset from the global mean; 0 for models without one.
    public var bias: Double
    /// The representations of the same user in each part of a composite model (a blend);
    /// empty otherwise.
    public var parts: [UserRepresentation]
    /// The user's index, for a model that looks a known user up among parameters of its own
    /// (the neural hybrid's user embeddings); nil for other models and for folded-in users.
    public var knownUser: Int?

    public init(history: [RatedItem], factors: [Double] = [], bias: Double = 0, parts: [UserRepresentation] = [],
                knownUser: Int? = nil) {
        self.history = history
        self.factors = factors
        self.bias = bias
        self.parts = parts
        self.knownUser = knownUser
    }
}

/// How much one of the user's own ratings pushed a recommended item's score up.
public struct Contribution: Sendable, Equatable {
    /// The dense index of the item the user rated.
    public var item: Int
    /// The rating the user gave it.
    public var rating: Double
    /// Its share of the recommended item's score, in the model's score units.
    public var weight: Double

    public init(item: Int, rating: Double, weight: Double) {
        self.item = item
        self.rating = rating
        self.weight = weight
    }
}

/// A fitted model that ranks a catalogue of items for a user: recbook's one model abstraction.
///
/// Every model is one: popularity, baselines, the factor models (biased MF, SVD++, implicit ALS,
/// the original's mean-centred SVD), item-kNN, EASE, blends, and the neural hybrid. Models work
/// on dense indices; their ``users`` and ``items`` vocabularies map those to the external ids at
/// the edges. Scores order items only (larger is better); for ``RatingPredictor``s they are
/// predicted ratings. Every model saves and loads itself in a versioned binary layout (see
/// ``ModelArchive``), so a fitted model can be cached.
///
/// What a model recommends is its ``catalogue``: the items with at least one rating in its
/// training data. For models fitted on a ``RatingDataset`` that is every item; the neural
/// hybrid can score every movie of its encoding, but recommends only those it was trained on.
/// ``RankingEvaluation`` ranks the same catalogue.
public protocol Recommender: Sendable, BinaryCodable {
    /// The users the model was fitted on.
    var users: IdVocabulary { get }
    /// Every item the model can score.
    var items: IdVocabulary { get }
    /// The training histories of the known users, oldest rating first.
    var histories: UserHistories { get }

    /// A known user's representation.
    ///
    /// - Throws: ``ModelError/unknownUser(index:userCount:)`` for an index out of range.
    func representation(ofUser user: Int) throws -> UserRepresentation

    /// A new user's representation, from a handful of ratings, without refitting.
    ///
    /// Factor models solve the regularised least-squares problem for the user's factors and
    /// bias with the item side held fixed; neighbourhood models keep the history.
    ///
    /// - Parameter history: The user's ratings, oldest first, by dense item index.
    /// - Throws: ``ModelError/unknownItem(index:itemCount:)`` or ``ModelError/invalidData(_:)``
    ///   for items out of range, repeated items or non-finite ratings;
    ///   ``ModelError/unsupported(_:)`` for a model that cannot fold a user in.
    func foldIn(_ history: [RatedItem]) throws -> UserRepresentation

    /// The score of every item for a user, indexed by dense item index.
    ///
    /// - Throws: ``ModelError/incompatible(_:)`` for a representation that is not one of this
    ///   model's (for example one with another number of factors).
    func scores(for user: UserRepresentation) throws -> [Double]

    /// The scores of every item for several known users, one row per user, by BLAS where the
    /// model allows. The default scores one user at a time.
    ///
    /// - Throws: ``ModelError/unknownUser(index:userCount:)`` for an index out of range.
    func scores(forUsers users: [Int]) throws -> Matrix

    /// The scores of every item for several users, known or folded in, one row per user: the
    /// same values as ``scores(for:)-(UserRepresentation)`` gives each. The default scores one
    /// user at a time; a model whose scoring shares work between users overrides it.
    ///
    /// - Throws: as ``scores(for:)-(UserRepresentation)``.
    func scores(for users: [UserRepresentation]) throws -> Matrix

    /// The user's own ratings that contributed most to an item's score, largest first; only
    /// positive contributions, at most `limit` of them. Models whose scores have no per-rating
    /// part (popularity, biases) return none.
    ///
    /// - Throws: ``ModelError/unsupported(_:)`` for a model whose scores do not split by
    ///   rating at all (the neural hybrid).
    func explain(item: Int, for user: UserRepresentation, limit: Int) throws -> [Contribution]
}

/// A model that predicts the rating a user would give an item.
public protocol RatingPredictor: Recommender {
    /// The predicted rating of one item.
    ///
    /// - Throws: ``ModelError/unknownItem(index:itemCount:)`` for an item out of range,
    ///   ``ModelError/incompatible(_:)`` for a representation that is not one of this model's.
    func predictedRating(for user: UserRepresentation, item: Int) throws -> Double

    /// The predicted ratings of many (known user, item) pairs. The default goes pair by pair;
    /// a model overrides it to batch the work.
    ///
    /// - Throws: as ``predictedRating(for:item:)``, and ``ModelError/unknownUser(index:userCount:)``.
    func predictedRatings(users: [Int], items: [Int]) throws -> [Double]
}

/// A model that has learned a vector per item, for "similar to movies you liked" explanations.
public protocol EmbeddingModel {
    /// Every item's vector, row after row (item-index order), and the vectors' width.
    var movieEmbeddings: (width: Int, values: [Float]) { get }
}

extension Recommender {
    /// The number of known users.
    public var userCount: Int { users.count }
    /// The number of items the model can score.
    public var itemCount: Int { items.count }

    /// How many of the model's users rated each item in training: an item's popularity.
    ///
    /// A history holds an item at most once, so this counts distinct users.
    public var trainingCounts: [Int] { histories.itemCounts(itemCount: itemCount) }

    /// The items the model recommends: those with at least one training rating, ascending.
    public var catalogue: [Int] { trainingCounts.indices.filter { trainingCounts[$0] > 0 } }

    /// The score of every item for a known user.
    ///
    /// - Throws: ``ModelError/unknownUser(index:userCount:)`` for an index out of range.
    public func scores(forUser user: Int) throws -> [Double] {
        try scores(for: try representation(ofUser: user))
    }

    public func scores(forUsers users: [Int]) throws -> Matrix {
        try scores(for: users.map { try representation(ofUser: $0) })
    }

    public func scores(for users: [UserRepresentation]) throws -> Matrix {
        var storage: [Double] = []
        storage.reserveCapacity(users.count * itemCount)
        for user in users { storage += try scores(for: user) }
        return try Matrix(rowCount: users.count, columnCount: itemCount, storage: storage)
    }

    public func explain(item: Int, for user: UserRepresentation, limit: Int) throws -> [Contribution] { [] }

    /// The `count` best catalogue items for a user that are not in the user's history, best first.
    ///
    /// Ties in score go to the lower item index; see ``topScoringItems(_:count:excluding:)``.
    public func recommendations(for user: UserRepresentation, count: Int) throws -> [Int] {
        topScoringItems(try scores(for: user), count: count, excluding: user.history.map(\.item))
    }

    /// Throws unless `user` indexes a known user.
    func checkUser(_ user: Int) throws {
        guard user >= 0, user < histories.userCount else {
            throw ModelError.unknownUser(index: user, userCount: histories.userCount)
        }
    }

    /// Throws unless `item` indexes an item the model can score.
    func checkItem(_ item: Int) throws {
        guard item >= 0, item < itemCount else { throw ModelError.unknownItem(index: item, itemCount: itemCount) }
    }

    /// Checks a fold-in history: items in range, none repeated, ratings finite.
    func validateFoldIn(_ history: [RatedItem]) throws {
        var seen = Set<Int>()
        for entry in history {
            try checkItem(entry.item)
            guard entry.rating.isFinite else {
                throw ModelError.invalidData("item \(entry.item) has rating \(entry.rating)")
            }
            guard seen.insert(entry.item).inserted else {
                throw ModelError.invalidData("item \(entry.item) appears twice in the history")
            }
        }
    }
}

/// A model that scores a user from their ratings alone (popularity, EASE): a known user is
/// their training history, and folding a new user in keeps the ratings given.
public protocol HistoryScoredRecommender: Recommender {}

extension HistoryScoredRecommender {
    public func representation(ofUser user: Int) throws -> UserRepresentation {
        try checkUser(user)
        return UserRepresentation(history: histories.history(ofUser: user))
    }

    public func foldIn(_ history: [RatedItem]) throws -> UserRepresentation {
        try validateFoldIn(history)
        return UserRepresentation(history: history)
    }
}

extension RatingPredictor {
    /// The predicted rating of one known user for one item.
    ///
    /// - Throws: ``ModelError/unknownUser(index:userCount:)`` or
    ///   ``ModelError/unknownItem(index:itemCount:)`` for indices out of range.
    public func predict(user: Int, item: Int) throws -> Double {
        try checkItem(item)
        return try predictedRating(for: try representation(ofUser: user), item: item)
    }

    public func predictedRatings(users: [Int], items: [Int]) throws -> [Double] {
        guard users.count == items.count else {
            throw ModelError.invalidData("\(users.count) users for \(items.count) items")
        }
        var representations: [Int: UserRepresentation] = [:]
        return try zip(users, items).map { user, item in
            let known: UserRepresentation
            if let cached = representations[user] {
                known = cached
            } else {
                known = try representation(ofUser: user)
                representations[user] = known
            }
            try checkItem(item)
            return try predictedRating(for: known, item: item)
        }
    }
}

/// Keeps the `limit` largest positive contributions, largest first (ties by item index).
func strongestContributions(_ contributions: [Contribution], limit: Int) -> [Contribution] {
    let positive = contributions.filter { $0.weight > 0 && $0.weight.isFinite }
    return Array(positive.sorted { ($0.weight, -$0.item) > ($1.weight, -$1.item) }.prefix(max(0, limit)))
}
