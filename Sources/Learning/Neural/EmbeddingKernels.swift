import CKernels

/// Row gathers and scatters: the embedding lookups and the concatenation of the network input.
///
/// Concatenation costs nothing extra: each source (user embeddings, movie embeddings, the
/// per-movie content matrix) is gathered straight into its own column range of the batch's
/// input matrix, with the input's dropout applied on the way, and the backward pass scatters
/// the embedding columns back through the same mask. The loops are C (`Sources/CKernels`):
/// they prefetch the rows of the examples ahead, whose rows are scattered over tables larger
/// than the cache, and run eight lanes wide where the processor has AVX2.
enum EmbeddingKernels {
    /// Builds the network input: row `b` is `[users[b]'s embedding, movies[b]'s embedding,
    /// movies[b]'s content features]`, each gathered into its own column range and multiplied
    /// by its dropout multiplier when there is a mask.
    ///
    /// - Parameters:
    ///   - userTable: The user embeddings, `userCount × embeddingWidth`.
    ///   - movieTable: The movie embeddings, `movieCount × embeddingWidth`.
    ///   - content: The per-movie content matrix, `movieCount × contentWidth`.
    ///   - embeddingWidth: The embedding dimension.
    ///   - contentWidth: The number of content features.
    ///   - users: `count` user indices, already checked to be in range.
    ///   - movies: `count` movie indices, already checked to be in range.
    ///   - count: The batch size.
    ///   - mask: The input's dropout mask, a byte per value of `output` (see
    ///     ``DropoutMaskSampler``), or `nil`.
    ///   - scale: The multiplier of a kept value.
    ///   - output: `count × (2·embeddingWidth + contentWidth)` values, row-major.
    /// - Complexity: O(`count` × row width).
    static func concatenateInputs(
        userTable: UnsafePointer<Float>, movieTable: UnsafePointer<Float>, content: UnsafePointer<Float>,
        embeddingWidth: Int, contentWidth: Int,
        users: UnsafePointer<Int>, movies: UnsafePointer<Int>, count: Int,
        mask: UnsafePointer<UInt8>? = nil, scale: Float = 1,
        into output: UnsafeMutablePointer<Float>
    ) {
        recbook_gather_inputs(
            userTable, movieTable, content, embeddingWidth, contentWidth, users, movies, count, mask, scale, output
        )
    }

    /// The backward pass of ``concatenateInputs(userTable:movieTable:content:embeddingWidth:contentWidth:users:movies:count:mask:into:)``
    /// for the embeddings (the content features have no parameters): adds the first
    /// `embeddingWidth` columns of each gradient row, times its dropout multiplier when there
    /// is a mask, to its user's row of `userTableGradient`, and the next `embeddingWidth` to its
    /// movie's row of `movieTableGradient`.
    ///
    /// Rows are added in batch order, so repeated indices accumulate deterministically.
    static func scatterInputGradient(
        _ gradient: UnsafePointer<Float>, gradientStride: Int, embeddingWidth: Int,
        users: UnsafePointer<Int>, movies: UnsafePointer<Int>, count: Int,
        mask: UnsafePointer<UInt8>? = nil, maskStride: Int = 0, scale: Float = 1,
        userTableGradient: UnsafeMutablePointer<Float>, movieTableGradient: UnsafeMutablePointer<Float>
    ) {
        recbook_scatter_embedding_gradient(
            gradient, gradientStride, mask, maskStride, scale, embeddingWidth, users, movies, count,
            userTableGradient, movieTableGradient
        )
    }
}
