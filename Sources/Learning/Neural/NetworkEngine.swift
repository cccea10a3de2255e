/// The forward and backward passes of the network over one batch, in preallocated buffers.
///
/// An engine is made once per `fit` or `predict` call for a fixed largest batch, so no pass
/// allocates. It holds no weights: each pass reads them from the caller's flat parameter vector
/// (see ``ParameterLayout``), so the same engine serves every step and the validation passes.
///
/// Buffers, for a batch of `b` rows:
/// - `input`: `b × inputWidth`, the concatenated `[user, movie, content]` rows (after dropout in
///   training);
/// - `activations[l]`: `b × units` for each dense layer (after ReLU and dropout for hidden layers;
///   the predictions for the last);
/// - `dropoutMasks`: one per dropout layer (the input's, then each hidden layer's);
/// - `deltas[l]`: ∂loss/∂(pre-activation) of each dense layer;
/// - `embeddingGradient`: `b × 2·embeddingDimension`, ∂loss/∂(embedding columns of the input).
final class NetworkEngine {
    let layout: ParameterLayout
    /// The largest batch the buffers hold.
    let capacity: Int
    private let input: UnsafeMutablePointer<Float>
    private let activations: [UnsafeMutablePointer<Float>]
    /// The masks of each dropout layer, a byte per unit (1 keeps it, multiplied by
    /// ``dropoutScale``; 0 drops it); empty for an inference engine. Training fills them from a
    /// sampler; tests may write fixed masks.
    let dropoutMasks: [UnsafeMutablePointer<UInt8>]
    /// The multiplier of a kept unit, `1 / (1 − rate)`.
    var dropoutScale: Float = 1
    /// The width of each dropout layer: the input's, then each hidden layer's.
    let dropoutWidths: [Int]
    private let deltas: [UnsafeMutablePointer<Float>]
    private let embeddingGradient: UnsafeMutablePointer<Float>
    /// Whether the last forward pass applied the dropout masks, so backward must too.
    private var lastPassUsedDropout = false

    /// Allocates buffers for batches of up to `capacity` rows.
    ///
    /// - Parameters:
    ///   - layout: The network's parameter layout.
    ///   - capacity: The largest batch.
    ///   - training: Whether to allocate the dropout masks and gradient buffers.
    init(layout: ParameterLayout, capacity: Int, training: Bool) {
        self.layout = layout
        self.capacity = max(capacity, 1)
        let rows = self.capacity
        func buffer<Element: Numeric>(_ width: Int) -> UnsafeMutablePointer<Element> {
            let count = max(rows * width, 1)
            let values = UnsafeMutablePointer<Element>.allocate(capacity: count)
            values.initialize(repeating: 0, count: count)
            return values
        }
        input = buffer(layout.inputWidth)
        activations = layout.denseLayers.map { buffer($0.units) }
        dropoutWidths = [layout.inputWidth] + layout.denseLayers.dropLast().map(\.units)
        if training {
            dropoutMasks = dropoutWidths.map(buffer)
            deltas = layout.denseLayers.map { buffer($0.units) }
            embeddingGradient = buffer(2 * layout.embeddingDimension)
        } else {
            dropoutMasks = []
            deltas = []
            embeddingGradient = buffer(0)
        }
    }

    deinit {
        input.deallocate()
        for buffer in activations + deltas { buffer.deallocate() }
        for mask in dropoutMasks { mask.deallocate() }
        embeddingGradient.deallocate()
    }

    /// Draws fresh dropout masks for a batch of `count` rows.
    func sampleDropoutMasks(count: Int, using sampler: inout DropoutMaskSampler) {
        for (mask, width) in zip(dropoutMasks, dropoutWidths) {
            sampler.fill(mask, count: count * width)
        }
        dropoutScale = sampler.scale
    }

    /// Runs the network on `count ≤ capacity` examples.
    ///
    /// - Parameters:
    ///   - parameters: The flat parameter vector.
    ///   - content: The per-movie content matrix, `movieCount × contentDimension`.
    ///   - users: `count` user indices, already checked to be in range.
    ///   - movies: `count` movie indices, already checked to be in range.
    ///   - count: The batch size.
    ///   - dropout: Whether to multiply by the current dropout masks (training).
    /// - Returns: The `count` predictions, valid until the next pass.
    @discardableResult
    func forward(
        parameters: UnsafePointer<Float>, content: UnsafePointer<Float>,
        users: UnsafePointer<Int>, movies: UnsafePointer<Int>, count: Int, dropout: Bool
    ) -> UnsafePointer<Float> {
        precondition(count <= capacity && (!dropout || !dropoutMasks.isEmpty), "batch exceeds the engine")
        EmbeddingKernels.concatenateInputs(
            userTable: parameters + layout.userEmbeddingOffset, movieTable: parameters + layout.movieEmbeddingOffset,
            content: content, embeddingWidth: layout.embeddingDimension, contentWidth: layout.contentDimension,
            users: users, movies: movies, count: count, mask: dropout ? UnsafePointer(dropoutMasks[0]) : nil, scale: dropoutScale, into: input
        )
        var layerInput = UnsafePointer(input)
        for (index, layer) in layout.denseLayers.enumerated() {
            let output = activations[index]
            DenseKernels.forward(
                input: layerInput, batch: count, inputs: layer.inputs,
                kernel: parameters + layer.kernelOffset, bias: parameters + layer.biasOffset,
                units: layer.units, output: output
            )
            let values = count * layer.units
            if index == layout.denseLayers.count - 1 {
                ActivationKernels.sigmoid(output, count: values)
            } else {
                ActivationKernels.relu(output, count: values)
                if dropout {
                    Dropout.apply(mask: dropoutMasks[index + 1], scale: dropoutScale, to: output, count: values)
                }
            }
            layerInput = UnsafePointer(output)
        }
        lastPassUsedDropout = dropout
        return UnsafePointer(activations[activations.count - 1])
    }

    /// Back-propagates the mean squared error of the last forward pass.
    ///
    /// Overwrites the dense layers' parts of `gradient` and *adds* the embedding rows' gradients
    /// into its embedding part (which the caller zeroes between batches). The L2 penalty is not
    /// included; see ``AdamOptimizer``.
    ///
    /// - Parameters:
    ///   - parameters: The flat parameter vector used by the forward pass.
    ///   - users: The forward pass's user indices.
    ///   - movies: The forward pass's movie indices.
    ///   - targets: `count` targets.
    ///   - count: The forward pass's batch size.
    ///   - gradient: The flat gradient, laid out like `parameters`.
    func backward(
        parameters: UnsafePointer<Float>,
        users: UnsafePointer<Int>, movies: UnsafePointer<Int>, targets: UnsafePointer<Float>, count: Int,
        gradient: UnsafeMutablePointer<Float>
    ) {
        precondition(count <= capacity && !deltas.isEmpty, "backward needs a training engine")
        let layers = layout.denseLayers
        let last = layers.count - 1
        let outputDelta = deltas[last]
        let predictions = activations[last]
        LossKernels.meanSquaredErrorGradient(predictions: predictions, targets: targets, count: count, into: outputDelta)
        ActivationKernels.sigmoidBackward(output: predictions, gradient: outputDelta, count: count)

        for index in stride(from: last, through: 0, by: -1) {
            let layer = layers[index]
            let layerInput = index == 0 ? input : activations[index - 1]
            let inputGradient = index == 0 ? embeddingGradient : deltas[index - 1]
            DenseKernels.backward(
                input: layerInput, batch: count, inputs: layer.inputs,
                kernel: parameters + layer.kernelOffset, units: layer.units,
                outputGradient: deltas[index],
                kernelGradient: gradient + layer.kernelOffset, biasGradient: gradient + layer.biasOffset,
                inputGradient: inputGradient,
                inputGradientColumns: index == 0 ? 2 * layout.embeddingDimension : layer.inputs
            )
            if index > 0 {
                let values = count * layer.inputs
                if lastPassUsedDropout {
                    Dropout.apply(mask: dropoutMasks[index], scale: dropoutScale, to: inputGradient, count: values)
                }
                ActivationKernels.reluBackward(
                    output: activations[index - 1], gradient: inputGradient, count: values
                )
            }
        }

        EmbeddingKernels.scatterInputGradient(
            embeddingGradient, gradientStride: 2 * layout.embeddingDimension, embeddingWidth: layout.embeddingDimension,
            users: users, movies: movies, count: count,
            mask: lastPassUsedDropout ? UnsafePointer(dropoutMasks[0]) : nil, maskStride: layout.inputWidth, scale: dropoutScale,
            userTableGradient: gradient + layout.userEmbeddingOffset,
            movieTableGradient: gradient + layout.movieEmbeddingOffset
        )
    }
}
