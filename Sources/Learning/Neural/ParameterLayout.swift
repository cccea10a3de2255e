/// Where each weight matrix lives inside the network's single flat parameter vector.
///
/// All parameters sit in one contiguous `[Float]`, in Keras's weight order:
/// user embeddings, movie embeddings, then each dense layer's kernel and bias. One buffer makes
/// the Adam update a single pass, a best-weights snapshot a single copy, and the cache format a
/// single array. The two embedding matrices come first so that the L2-regularised parameters are
/// the prefix `0..<regularizedCount`.
struct ParameterLayout: Sendable, Hashable {
    /// One dense layer: `output = input · kernel + bias`, with the kernel stored `inputs × units`
    /// row-major, as Keras stores it.
    struct DenseLayer: Sendable, Hashable {
        let inputs: Int
        let units: Int
        let kernelOffset: Int
        var biasOffset: Int { kernelOffset &+ inputs &* units }
        var kernelCount: Int { inputs &* units }
        var parameterCount: Int { kernelCount &+ units }
    }

    let userCount: Int
    let movieCount: Int
    let embeddingDimension: Int
    let contentDimension: Int
    /// The hidden layers followed by the single-unit sigmoid output layer.
    let denseLayers: [DenseLayer]
    /// The total number of parameters.
    let count: Int

    /// Lays out a configuration. Arithmetic wraps rather than traps, so an unvalidated
    /// configuration yields a meaningless layout instead of a crash; callers validate first.
    init(_ configuration: NeuralRecommenderConfiguration) {
        userCount = configuration.userCount
        movieCount = configuration.movieCount
        embeddingDimension = configuration.embeddingDimension
        contentDimension = configuration.contentDimension
        var offset = (userCount &+ movieCount) &* embeddingDimension
        var layers: [DenseLayer] = []
        var inputs = 2 &* embeddingDimension &+ contentDimension
        for units in configuration.hiddenUnits + [1] {
            let layer = DenseLayer(inputs: inputs, units: units, kernelOffset: offset)
            layers.append(layer)
            offset = offset &+ layer.parameterCount
            inputs = units
        }
        denseLayers = layers
        count = offset
    }

    var userEmbeddingOffset: Int { 0 }
    var movieEmbeddingOffset: Int { userCount &* embeddingDimension }
    /// The parameters under the L2 penalty: both embedding matrices.
    var regularizedCount: Int { (userCount &+ movieCount) &* embeddingDimension }
    /// The width of the concatenated `[user, movie, content]` input.
    var inputWidth: Int { 2 &* embeddingDimension &+ contentDimension }
    /// The widest layer input or output, for sizing scratch buffers.
    var widestLayer: Int { denseLayers.reduce(inputWidth) { max($0, $1.units) } }
}
