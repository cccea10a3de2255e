import LinearAlgebra

/// A model that scores with latent factors, r̂(u, i) = μ + b_u + b_i + p_uᵀq_i: biased matrix
/// factorisation, SVD++, implicit ALS (no biases) and the original's mean-centred SVD.
///
/// The models differ in how they fit their ``LatentFactors`` and how they fold a new user in;
/// once fitted they score alike, so the scoring is written once, here. Because an item is
/// scored from its factors and bias alone, a factor model can also score an item it never saw
/// once that item is given factors (for example by ``ItemContentRegression`` from its genres
/// and tags).
public protocol FactorRecommender: Recommender {
    /// The fitted factors and biases.
    var factors: LatentFactors { get }
}

extension FactorRecommender {
    /// q_i for every item, as the rows of an items × k matrix.
    public var itemFactors: Matrix { factors.itemFactors }
    /// b_i for every item (zeros for models without item biases).
    public var itemBiases: [Double] { factors.itemBiases }

    public func representation(ofUser user: Int) throws -> UserRepresentation {
        try checkUser(user)
        return factors.representation(ofUser: user, history: histories.history(ofUser: user))
    }

    public func scores(for user: UserRepresentation) throws -> [Double] {
        try factors.scores(factors: user.factors, bias: user.bias)
    }

    /// One `dgemm` of the users' factors against the items', then the biases.
    public func scores(forUsers users: [Int]) throws -> Matrix {
        for user in users { try checkUser(user) }
        return try factors.scores(forUsers: users)
    }

    /// The score of an item described only by its factors and bias, μ + b_u + b + pᵀq,
    /// clamped like every prediction.
    ///
    /// - Throws: ``ModelError/incompatible(_:)`` when `itemFactors` is neither empty (biases
    ///   only) nor of the model's k, or the user's factors are not.
    public func score(for user: UserRepresentation, itemFactors: [Double], itemBias: Double) throws -> Double {
        try factors.checkFactorCount(user.factors)
        try factors.checkFactorCount(itemFactors)
        var value = factors.globalMean + user.bias + itemBias
        if user.factors.count == itemFactors.count {
            for (a, b) in zip(user.factors, itemFactors) { value += a * b }
        }
        return factors.clip(value)
    }
}

extension FactorRecommender where Self: RatingPredictor {
    public func predictedRating(for user: UserRepresentation, item: Int) throws -> Double {
        try factors.predictedRating(factors: user.factors, bias: user.bias, item: item)
    }
}
