/// The layer table that Keras's `model.summary()` prints for the neural recommender.
///
/// The rows are data, so a report can render them as a table of its own; ``text(lineLength:)``
/// reproduces Keras's terminal rendering character for character.
public struct NeuralModelSummary: Sendable, Hashable {
    /// One row of the table.
    public struct Layer: Sendable, Hashable {
        /// The Keras layer name, such as `user-embeddings` or `dense_1`.
        public var name: String
        /// The Keras layer class, such as `Embedding` or `Dense`.
        public var type: String
        /// The output shape; `nil` stands for the batch dimension (`None`).
        public var outputShape: [Int?]
        /// The number of weights.
        public var parameterCount: Int
        /// The inbound tensors, as Keras names them: `input_layer[0][0]`.
        public var connectedTo: [String]

        /// The shape as Keras prints it: `(None, 1, 64)`.
        public var formattedOutputShape: String {
            "(" + outputShape.map { $0.map(String.init) ?? "None" }.joined(separator: ", ") + ")"
        }
    }

    /// The model's name (`functional`, Keras's default for a functional model).
    public var modelName: String
    /// The layers in Keras's order.
    public var layers: [Layer]

    /// The total number of weights (669,889 for the notebook's 610 users, 9724 movies and 120
    /// content features).
    public var totalParameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }
    /// Every weight is trainable.
    public var trainableParameterCount: Int { totalParameterCount }
    /// There are no frozen weights.
    public var nonTrainableParameterCount: Int { 0 }

    /// Builds the table of an architecture.
    public init(_ configuration: NeuralRecommenderConfiguration) {
        let names = LayerNames(hiddenLayerCount: configuration.hiddenUnits.count)
        let layout = ParameterLayout(configuration)
        let embedding = configuration.embeddingDimension
        func connection(_ name: String) -> String { "\(name)[0][0]" }
        var layers: [Layer] = [
            Layer(name: names.userInput, type: "InputLayer", outputShape: [nil, 1], parameterCount: 0, connectedTo: []),
            Layer(name: names.movieInput, type: "InputLayer", outputShape: [nil, 1], parameterCount: 0, connectedTo: []),
            Layer(
                name: names.userEmbedding, type: "Embedding", outputShape: [nil, 1, embedding],
                parameterCount: configuration.userCount &* embedding, connectedTo: [connection(names.userInput)]
            ),
            Layer(
                name: names.movieEmbedding, type: "Embedding", outputShape: [nil, 1, embedding],
                parameterCount: configuration.movieCount &* embedding, connectedTo: [connection(names.movieInput)]
            ),
            Layer(
                name: names.userReshape, type: "Reshape", outputShape: [nil, embedding],
                parameterCount: 0, connectedTo: [connection(names.userEmbedding)]
            ),
            Layer(
                name: names.movieReshape, type: "Reshape", outputShape: [nil, embedding],
                parameterCount: 0, connectedTo: [connection(names.movieEmbedding)]
            ),
            Layer(
                name: names.contentInput, type: "InputLayer", outputShape: [nil, configuration.contentDimension],
                parameterCount: 0, connectedTo: []
            ),
            Layer(
                name: names.concatenate, type: "Concatenate", outputShape: [nil, layout.inputWidth], parameterCount: 0,
                connectedTo: [names.userReshape, names.movieReshape, names.contentInput].map(connection)
            ),
        ]
        var previous = names.concatenate
        var width = layout.inputWidth
        for (index, dense) in layout.denseLayers.enumerated() {
            layers.append(
                Layer(name: names.dropout[index], type: "Dropout", outputShape: [nil, width], parameterCount: 0,
                      connectedTo: [connection(previous)])
            )
            layers.append(
                Layer(name: names.dense[index], type: "Dense", outputShape: [nil, dense.units],
                      parameterCount: dense.parameterCount, connectedTo: [connection(names.dropout[index])])
            )
            previous = names.dense[index]
            width = dense.units
        }
        self.modelName = "functional"
        self.layers = layers
    }

    /// The names Keras gives the layers of the notebook's model: its explicit embedding names,
    /// and automatic names (`dense`, `dense_1`, …) for the rest.
    struct LayerNames {
        let userInput = "input_layer"
        let movieInput = "input_layer_1"
        let contentInput = "input_layer_2"
        let userEmbedding = "user-embeddings"
        let movieEmbedding = "movie-embeddings"
        let userReshape = "reshape"
        let movieReshape = "reshape_1"
        let concatenate = "concatenate"
        /// One per dense layer: the hidden layers, then the output layer.
        let dense: [String]
        /// One before each dense layer.
        let dropout: [String]

        init(hiddenLayerCount: Int) {
            func numbered(_ base: String, _ index: Int) -> String { index == 0 ? base : "\(base)_\(index)" }
            dense = (0...hiddenLayerCount).map { numbered("dense", $0) }
            dropout = (0...hiddenLayerCount).map { numbered("dropout", $0) }
        }
    }
}
