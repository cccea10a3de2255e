import Testing
@testable import Learning

/// `model.summary()` for the notebook's architecture, against Keras 3.15's own output (captured
/// with `model.summary(line_length=L, print_fn=...)` on the same layers, Rich console 200 wide).
@Suite struct NeuralSummaryTests {
    static let notebook = NeuralRecommenderConfiguration(userCount: 610, movieCount: 9724, contentDimension: 120)

    @Test func notebookParameterCount() {
        // 610·64 + 9724·64 + (248·32 + 32) + (32·16 + 16) + (16 + 1) = 39,040 + 622,336 + 7,968 + 528 + 17.
        #expect(Self.notebook.parameterCount == 669_889)
        let summary = NeuralModelSummary(Self.notebook)
        #expect(summary.totalParameterCount == 669_889)
        #expect(summary.trainableParameterCount == 669_889)
        #expect(summary.nonTrainableParameterCount == 0)
        #expect(summary.layers.map(\.parameterCount).filter { $0 > 0 } == [39_040, 622_336, 7_968, 528, 17])
    }

    @Test func rowsNameKerasLayers() {
        let layers = NeuralModelSummary(Self.notebook).layers
        #expect(layers.map(\.name) == [
            "input_layer", "input_layer_1", "user-embeddings", "movie-embeddings", "reshape", "reshape_1",
            "input_layer_2", "concatenate", "dropout", "dense", "dropout_1", "dense_1", "dropout_2", "dense_2",
        ])
        #expect(layers[2].formattedOutputShape == "(None, 1, 64)")
        #expect(layers[7].connectedTo == ["reshape[0][0]", "reshape_1[0][0]", "input_layer_2[0][0]"])
    }

    /// What a Jupyter notebook shows: Keras falls back to an 80-column terminal, so 76.
    @Test func jupyterWidthMatchesKeras() {
        let keras = """
Model: "functional"
┏━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)        ┃ Output Shape      ┃    Param # ┃ Connected to      ┃
┡━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━┩
│ input_layer         │ (None, 1)         │          0 │ -                 │
│ (InputLayer)        │                   │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ input_layer_1       │ (None, 1)         │          0 │ -                 │
│ (InputLayer)        │                   │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ user-embeddings     │ (None, 1, 64)     │     39,040 │ input_layer[0][0] │
│ (Embedding)         │                   │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ movie-embeddings    │ (None, 1, 64)     │    622,336 │ input_layer_1[0]… │
│ (Embedding)         │                   │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ reshape (Reshape)   │ (None, 64)        │          0 │ user-embeddings[… │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ reshape_1 (Reshape) │ (None, 64)        │          0 │ movie-embeddings… │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ input_layer_2       │ (None, 120)       │          0 │ -                 │
│ (InputLayer)        │                   │            │                   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ concatenate         │ (None, 248)       │          0 │ reshape[0][0],    │
│ (Concatenate)       │                   │            │ reshape_1[0][0],  │
│                     │                   │            │ input_layer_2[0]… │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ dropout (Dropout)   │ (None, 248)       │          0 │ concatenate[0][0] │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ dense (Dense)       │ (None, 32)        │      7,968 │ dropout[0][0]     │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ dropout_1 (Dropout) │ (None, 32)        │          0 │ dense[0][0]       │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ dense_1 (Dense)     │ (None, 16)        │        528 │ dropout_1[0][0]   │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ dropout_2 (Dropout) │ (None, 16)        │          0 │ dense_1[0][0]     │
├─────────────────────┼───────────────────┼────────────┼───────────────────┤
│ dense_2 (Dense)     │ (None, 1)         │         17 │ dropout_2[0][0]   │
└─────────────────────┴───────────────────┴────────────┴───────────────────┘
 Total params: 669,889 (2.56 MB)
 Trainable params: 669,889 (2.56 MB)
 Non-trainable params: 0 (0.00 B)
"""
        #expect(NeuralModelSummary(Self.notebook).text() == keras)
    }

    /// A wide terminal: Keras's default of 108.
    @Test func wideTerminalMatchesKeras() {
        let keras = """
Model: "functional"
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)                  ┃ Output Shape              ┃         Param # ┃ Connected to               ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ input_layer (InputLayer)      │ (None, 1)                 │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ input_layer_1 (InputLayer)    │ (None, 1)                 │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ user-embeddings (Embedding)   │ (None, 1, 64)             │          39,040 │ input_layer[0][0]          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ movie-embeddings (Embedding)  │ (None, 1, 64)             │         622,336 │ input_layer_1[0][0]        │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ reshape (Reshape)             │ (None, 64)                │               0 │ user-embeddings[0][0]      │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ reshape_1 (Reshape)           │ (None, 64)                │               0 │ movie-embeddings[0][0]     │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ input_layer_2 (InputLayer)    │ (None, 120)               │               0 │ -                          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ concatenate (Concatenate)     │ (None, 248)               │               0 │ reshape[0][0],             │
│                               │                           │                 │ reshape_1[0][0],           │
│                               │                           │                 │ input_layer_2[0][0]        │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dropout (Dropout)             │ (None, 248)               │               0 │ concatenate[0][0]          │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense (Dense)                 │ (None, 32)                │           7,968 │ dropout[0][0]              │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dropout_1 (Dropout)           │ (None, 32)                │               0 │ dense[0][0]                │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense_1 (Dense)               │ (None, 16)                │             528 │ dropout_1[0][0]            │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dropout_2 (Dropout)           │ (None, 16)                │               0 │ dense_1[0][0]              │
├───────────────────────────────┼───────────────────────────┼─────────────────┼────────────────────────────┤
│ dense_2 (Dense)               │ (None, 1)                 │              17 │ dropout_2[0][0]            │
└───────────────────────────────┴───────────────────────────┴─────────────────┴────────────────────────────┘
 Total params: 669,889 (2.56 MB)
 Trainable params: 669,889 (2.56 MB)
 Non-trainable params: 0 (0.00 B)
"""
        #expect(NeuralModelSummary(Self.notebook).text(lineLength: 108) == keras)
    }

    /// Another architecture and width: 3 users, 5 movies, 2 content features, one hidden layer.
    @Test func smallModelAtWidth88MatchesKeras() {
        let configuration = NeuralRecommenderConfiguration(userCount: 3, movieCount: 5, contentDimension: 2, hiddenUnits: [4])
        let keras = """
Model: "functional"
┏━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━┓
┃ Layer (type)            ┃ Output Shape         ┃      Param # ┃ Connected to         ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━┩
│ input_layer             │ (None, 1)            │            0 │ -                    │
│ (InputLayer)            │                      │              │                      │
├─────────────────────────┼──────────────────────┼──────────────┼──────────────────────┤
│ input_layer_1           │ (None, 1)            │            0 │ -                    │
│ (InputLayer)            │                      │              │                      │
├─────────────────────────┼──────────────────────┼──────────────┼──────────────────────┤
│ user-embeddings         │ (None, 1, 64)        │          192 │ input_layer[0][0]    │
│ (Embedding)             │                      │              │                      │
├─────────────────────────┼──────────────────────┼──────────────┼──────────────────────┤
│ movie-embeddings        │ (None, 1, 64)        │          320 │ input_layer_1[0][0]  │
│ (Embedding)             │                      │              │                      │
├─────────────────────────┼──────────────────────┼──────────────┼──────────────────────┤
│ reshape (Reshape)       │ (None, 64)           │            0 │ user-embeddings[0][… │
├─────────────────────────┼──────────────────────┼──────────────┼──────────────────────┤
│ reshape_1 (Reshape)     │ (None, 64)           │            0 │ movie-embeddings[0]… │
├─────────────────────────┼──────────────────────┼──────────────┼──────────────────────┤
│ input_layer_2           │ (None, 2)            │            0 │ -                    │
│ (InputLayer)            │                      │              │                      │
├─────────────────────────┼──────────────────────┼──────────────┼──────────────────────┤
│ concatenate             │ (None, 130)          │            0 │ reshape[0][0],       │
│ (Concatenate)           │                      │              │ reshape_1[0][0],     │
│                         │                      │              │ input_layer_2[0][0]  │
├─────────────────────────┼──────────────────────┼──────────────┼──────────────────────┤
│ dropout (Dropout)       │ (None, 130)          │            0 │ concatenate[0][0]    │
├─────────────────────────┼──────────────────────┼──────────────┼──────────────────────┤
│ dense (Dense)           │ (None, 4)            │          524 │ dropout[0][0]        │
├─────────────────────────┼──────────────────────┼──────────────┼──────────────────────┤
│ dropout_1 (Dropout)     │ (None, 4)            │            0 │ dense[0][0]          │
├─────────────────────────┼──────────────────────┼──────────────┼──────────────────────┤
│ dense_1 (Dense)         │ (None, 1)            │            5 │ dropout_1[0][0]      │
└─────────────────────────┴──────────────────────┴──────────────┴──────────────────────┘
 Total params: 1,041 (4.07 KB)
 Trainable params: 1,041 (4.07 KB)
 Non-trainable params: 0 (0.00 B)
"""
        #expect(NeuralModelSummary(configuration).text(lineLength: 88) == keras)
    }
}
