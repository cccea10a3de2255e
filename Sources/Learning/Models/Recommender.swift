import LinearAlgebra
import RecbookSupport

/// What a model knows about one user when it scores items.
///
/// Every model reads what it needs: neighbourhood models (item-kNN, EASE) score from the
/// ``history``; factor models from ``factors`` and ``bias``. A known user's representation comes
/// from ``Recommender/representation(ofUser:)``; a new user's from
/// ``Recommender/foldIn(_:)``, and the same ``Recommender/scores(for:)`` serves both.
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

    public init(history: [RatedItem], factors: [Double] = [], bias: Double = 0, parts: [UserRepresentation] = []) {
        self.history = history
        self.factors = factors
        self.bias = bias
        self.parts = parts
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

/// A fitted model that ranks a catalogue of items for a user.
///
/// Models work on dense indices; their ``users`` and ``items`` vocabularies map those to the
/// external ids at the edges. Scores order items only (larger is better); for
/// ``RatingPredictor``s they are predicted ratings. Every model saves and loads itself in a
/// versioned binary layout (see ``ModelArchive``), so a fitted model can be cached.
public protocol Recommender: Sendable, BinaryCodable {
    /// The users the model was fitted on.
    var users: IdVocabulary { get }
    /// The catalogue: every item with at least one training interaction.
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
    ///   for items out of range, repeated items or non-finite ratings.
    func foldIn(_ history: [RatedItem]) throws -> UserRepresentation

    /// The score of every item for a user, indexed by dense item index.
    func scores(for user: UserRepresentation) -> [Double]

    /// The scores of every item for several known users, one row per user, by BLAS where the
    /// model allows. The default scores one user at a time.
    ///
    /// - Throws: ``ModelError/unknownUser(index:userCount:)`` for an index out of range.
    func scores(forUsers users: [Int]) throws -> Matrix

    /// The user's own ratings that contributed most to an item's score, largest first; only
    /// positive contributions, at most `limit` of them. Models without a per-rating
    /// decomposition (popularity, biases) return none.
    func explain(item: Int, for user: UserRepresentation, limit: Int) -> [Contribution]
}

/// A model that predicts the rating a user would give an item.
public protocol RatingPredictor: Recommender {
    /// The predicted rating of one item.
    ///
    /// - Precondition: `item` is a valid dense index (check with ``Recommender/items``).
    func predictedRating(for user: UserRepresentation, item: Int) -> Double
}

extension Recommender {
    /// The number of known users.
    public var userCount: Int { users.count }
    /// The number of items in the catalogue.
    public var itemCount: Int { items.count }

    /// The score of every item for a known user.
    ///
    /// - Throws: ``ModelError/unknownUser(index:userCount:)`` for an index out of range.
    public func scores(forUser user: Int) throws -> [Double] {
        scores(for: try representation(ofUser: user))
    }

    public func scores(forUsers users: [Int]) throws -> Matrix {
        var storage: [Double] = []
        storage.reserveCapacity(users.count * itemCount)
        for user in users { storage += scores(for: try representation(ofUser: user)) }
        return try Matrix(rowCount: users.count, columnCount: itemCount, storage: storage)
    }

    public func explain(item: Int, for user: UserRepresentation, limit: Int) -> [Contribution] { [] }

    /// The `count` best items for a user that are not in the user's history, best first.
    ///
    /// Ties in score go to the lower item index; see ``topScoringItems(_:count:excluding:)``.
    public func recommendations(for user: UserRepresentation, count: Int) -> [Int] {
        topScoringItems(scores(for: user), count: count, excluding: user.history.map(\.item))
    }

    /// Throws unless `user` indexes a known user.
    func checkUser(_ user: Int) throws {
        guard user >= 0, user < histories.userCount else {
            throw ModelError.unknownUser(index: user, userCount: histories.userCount)
        }
    }

    /// Checks a fold-in history: items in range, none repeated, ratings finite.
    func validateFoldIn(_ history: [RatedItem]) throws {
        var seen = Set<Int>()
        for entry in history {
            guard entry.item >= 0, entry.item < itemCount else {
                throw ModelError.unknownItem(index: entry.item, itemCount: itemCount)
            }
            guard entry.rating.isFinite else {
                throw ModelError.invalidData("item \(entry.item) has rating \(entry.rating)")
            }
            guard seen.insert(entry.item).inserted else {
                throw ModelError.invalidData("item \(entry.item) appears twice in the history")
            }
        }
    }
}

extension RatingPredictor {
    /// The predicted rating of one known user for one item.
    ///
    /// - Throws: ``ModelError/unknownUser(index:userCount:)`` or
    ///   ``ModelError/unknownItem(index:itemCount:)`` for indices out of range.
    public func predict(user: Int, item: Int) throws -> Double {
        guard item >= 0, item < itemCount else { throw ModelError.unknownItem(index: item, itemCount: itemCount) }
        return predictedRating(for: try representation(ofUser: user), item: item)
    }
}

/// Keeps the `limit` largest positive contributions, largest first (ties by item index).
func strongestContributions(_ contributions: [Contribution], limit: Int) -> [Contribution] {
    let positive = contributions.filter { $0.weight > 0 && $0.weight.isFinite }
    return Array(positive.sorted { ($0.weight, -$0.item) > ($1.weight, -$1.item) }.prefix(max(0, limit)))
}
