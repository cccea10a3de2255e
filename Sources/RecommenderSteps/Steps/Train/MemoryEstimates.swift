import Learning
import LinearAlgebra
import NotebookCore
import RecbookSupport

// What the memory-heavy models allocate, estimated from the data's sizes before fitting, so that
// a size the machine cannot hold is refused with a message instead of aborting the process.
// Each estimate counts the structures that grow with a parameter, times the copies the fit
// keeps of them (factors, their previous values or gradients, solver workspace); it is meant
// to be within a small factor, not exact.

/// Bytes per stored value.
private let doubleSize = 8, floatSize = 4

enum MemoryEstimates {
    /// Latent factors for every user and item, `copies` times over.
    static func latentFactors(
        _ what: String, users: Int, items: Int, factors: Int, copies: Int, parameter: String = "factors"
    ) -> MemoryEstimate {
        let rows = MemoryEstimate.sum(users, items)
        return MemoryEstimate(
            what, bytes: MemoryEstimate.product(rows, factors, doubleSize, copies),
            detail: "(\(Format.grouped(users)) users + \(Format.grouped(items)) movies) × \(Format.grouped(factors)) \(parameter) "
                + "× \(doubleSize) bytes × \(copies) copies",
            remedy: "lower '\(parameter)'")
    }

    /// A truncated SVD of a users × items matrix: the Gram matrix of the smaller side, or the
    /// bases of the randomised method or of ARPACK's Lanczos iteration (at most 2k + 10 vectors
    /// per side, within the 4 copies of k + 10 counted).
    static func truncatedSVD(_ what: String, users: Int, items: Int, rank: Int, method: TruncatedSVD.Method) -> MemoryEstimate {
        let side = min(users, items)
        let usesGram: Bool
        switch method {
        case .gram: usesGram = true
        case .randomized, .arpack: usesGram = false
        case .auto: usesGram = side <= TruncatedSVD.Method.gramDimensionLimit
        }
        if usesGram {
            // The Gram matrix, its eigenvectors, and LAPACK's workspace.
            return MemoryEstimate(
                what, bytes: MemoryEstimate.product(side, side, doubleSize, 3),
                detail: "a \(Format.grouped(side)) × \(Format.grouped(side)) Gram matrix × \(doubleSize) bytes × 3 copies",
                remedy: "use method 'randomized' or a smaller matrix")
        }
        return latentFactors(what, users: users, items: items, factors: rank + 10, copies: 4, parameter: "k")
    }
}

extension MatrixFactorizationParameters {
    func memoryEstimate(for data: RatingDataset) -> MemoryEstimate? {
        MemoryEstimates.latentFactors(
            "train model: mf", users: data.userCount, items: data.itemCount, factors: configuration.factorCount + 1, copies: 3)
    }
}

extension SVDPlusPlusParameters {
    func memoryEstimate(for data: RatingDataset) -> MemoryEstimate? {
        // p for users; q and y for items.
        MemoryEstimates.latentFactors(
            "train model: svdpp", users: data.userCount, items: MemoryEstimate.product(data.itemCount, 2),
            factors: configuration.factorCount, copies: 2)
    }
}

extension ImplicitALSParameters {
    func memoryEstimate(for data: RatingDataset) -> MemoryEstimate? {
        MemoryEstimates.latentFactors(
            "train model: ials", users: data.userCount, items: data.itemCount, factors: configuration.factorCount, copies: 3)
    }
}

extension MeanCenteredSVDParameters {
    func memoryEstimate(for data: RatingDataset) -> MemoryEstimate? {
        MemoryEstimates.truncatedSVD(
            "train model: svd", users: data.userCount, items: data.itemCount, rank: configuration.rank, method: configuration.method)
    }
}

extension EASEParameters {
    func memoryEstimate(for data: RatingDataset) -> MemoryEstimate? {
        // Only the most rated `max_items` are modelled.
        let n = min(data.itemCount, configuration.maximumItemCount)
        // The Gram matrix, inverted in place into B, plus a second n × n buffer while scoring.
        return MemoryEstimate(
            "train model: ease", bytes: MemoryEstimate.product(n, n, floatSize, 2),
            detail: "a \(Format.grouped(n)) × \(Format.grouped(n)) item matrix × \(floatSize) bytes × 2 copies",
            remedy: "lower 'max_items'")
    }
}

extension NeuralParameters {
    /// The weights with their gradients and Adam's two moments (four copies, in Float), and a
    /// batch's activations through the widest layer (forward and backward).
    static func memoryEstimate(_ architecture: NeuralRecommenderConfiguration, batchSize: Int) -> MemoryEstimate {
        let users = architecture.userCount, movies = architecture.movieCount, width = architecture.embeddingDimension
        let embeddings = MemoryEstimate.product(MemoryEstimate.sum(users, movies), width, floatSize, 4)
        let layerWidth = MemoryEstimate.sum(2 * width, architecture.contentDimension, architecture.hiddenUnits.max() ?? 0)
        let activations = MemoryEstimate.product(batchSize, layerWidth, floatSize, 2 * (architecture.hiddenUnits.count + 2))
        return MemoryEstimate(
            "train model: dnn", bytes: MemoryEstimate.sum(embeddings, activations),
            detail: "(\(Format.grouped(users)) users + \(Format.grouped(movies)) movies) × \(width) embedding_dim × \(floatSize) bytes "
                + "× 4 copies, and \(Format.grouped(batchSize)) batch_size × \(Format.grouped(layerWidth)) activations per layer",
            remedy: "lower 'embedding_dim' or 'batch_size'")
    }
}
