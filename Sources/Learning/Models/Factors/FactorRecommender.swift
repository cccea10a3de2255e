import LinearAlgebra

/// A model that scores an item from a latent vector and a bias, r̂ = μ + b_u + b_i + p_uᵀq_i,
/// and so can score an item it never saw once that item is given factors (for example by
/// ``ItemContentRegression`` from its genres and tags).
public protocol FactorRecommender: Recommender {
    /// q_i for every item, as the rows of an items × k matrix.
    var itemFactors: Matrix { get }
    /// b_i for every item (zeros for models without item biases).
    var itemBiases: [Double] { get }
    /// The score of an item described only by its factors and bias.
    ///
    /// - Precondition: `itemFactors` has k elements.
    func score(for user: UserRepresentation, itemFactors: [Double], itemBias: Double) -> Double
}

extension LatentFactors {
    /// μ + b_u + b + pᵀq for an item given by its factors, clamped like every prediction.
    func score(factors user: [Double], bias: Double, itemFactors: [Double], itemBias: Double) -> Double {
        var value = globalMean + bias + itemBias
        if user.count == itemFactors.count {
            for (a, b) in zip(user, itemFactors) { value += a * b }
        }
        return clip(value)
    }
}

extension MatrixFactorizationModel: FactorRecommender {
    public var itemFactors: Matrix { factors.itemFactors }
    public var itemBiases: [Double] { factors.itemBiases }
    public func score(for user: UserRepresentation, itemFactors: [Double], itemBias: Double) -> Double {
        factors.score(factors: user.factors, bias: user.bias, itemFactors: itemFactors, itemBias: itemBias)
    }
}

extension SVDPlusPlusModel: FactorRecommender {
    public var itemFactors: Matrix { factors.itemFactors }
    public var itemBiases: [Double] { factors.itemBiases }
    public func score(for user: UserRepresentation, itemFactors: [Double], itemBias: Double) -> Double {
        factors.score(factors: user.factors, bias: user.bias, itemFactors: itemFactors, itemBias: itemBias)
    }
}

extension ImplicitALSModel: FactorRecommender {
    public var itemFactors: Matrix { factors.itemFactors }
    public var itemBiases: [Double] { factors.itemBiases }
    public func score(for user: UserRepresentation, itemFactors: [Double], itemBias: Double) -> Double {
        factors.score(factors: user.factors, bias: 0, itemFactors: itemFactors, itemBias: itemBias)
    }
}

extension MeanCenteredSVDModel: FactorRecommender {
    public var itemFactors: Matrix { factors.itemFactors }
    public var itemBiases: [Double] { factors.itemBiases }
    public func score(for user: UserRepresentation, itemFactors: [Double], itemBias: Double) -> Double {
        factors.score(factors: user.factors, bias: user.bias, itemFactors: itemFactors, itemBias: itemBias)
    }
}
