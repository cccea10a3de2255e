/// Row gathers and scatters: the embedding lookups and the concatenation of the network input.
///
/// Concatenation costs nothing extra: each source (user embeddings, movie embeddings, the
/// per-movie content matrix) is gathered straight into its own column range of the batch's
/// input matrix, and the backward pass scatters the embedding columns back.
enum EmbeddingKernels {
    /// Copies `table[indices[b]]` into row `b` of `output`.
    ///
    /// - Parameters:
    ///   - table: A row-major table with rows of `width` values.
    ///   - width: The number of values per row.
    ///   - indices: `count` row indices, already checked to be in range.
    ///   - count: The number of rows to gather.
    ///   - output: The first destination value; row `b` starts at `output + b · outputStride`.
    ///   - outputStride: The distance between destination rows.
    /// - Complexity: O(`count · width`).
    static func gather(
        table: UnsafePointer<Float>, width: Int,
        indices: UnsafePointer<Int>, count: Int,
        into output: UnsafeMutablePointer<Float>, outputStride: Int
    ) {
        for row in 0..<count {
            (output + row * outputStride).update(from: table + indices[row] * width, count: width)
        }
    }

    /// Adds row `b` of `gradient` into `tableGradient[indices[b]]`: the backward pass of
    /// ``gather(table:width:indices:count:into:outputStride:)``.
    ///
    /// Rows are added in batch order, so repeated indices accumulate deterministically.
    ///
    /// - Parameters:
    ///   - gradient: The first gradient value; row `b` starts at `gradient + b · gradientStride`.
    ///   - gradientStride: The distance between gradient rows.
    ///   - width: The number of values per table row.
    ///   - indices: `count` row indices, already checked to be in range.
    ///   - count: The number of rows to scatter.
    ///   - tableGradient: The gradient of the table, accumulated into.
    /// - Complexity: O(`count · width`).
    static func scatterAdd(
        gradient: UnsafePointer<Float>, gradientStride: Int, width: Int,
        indices: UnsafePointer<Int>, count: Int,
        into tableGradient: UnsafeMutablePointer<Float>
    ) {
        for row in 0..<count {
            let source = gradient + row * gradientStride
            let destination = tableGradient + indices[row] * width
            for column in 0..<width {
                destination[column] += source[column]
            }
        }
    }
}

extension EmbeddingKernels {
    /// Builds the network input: row `b` is `[users[b]'s embedding, movies[b]'s embedding,
    /// movies[b]'s content features]`, each gathered into its own column range.
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
    ///   - output: `count × (2·embeddingWidth + contentWidth)` values, row-major.
    static func concatenateInputs(
        userTable: UnsafePointer<Float>, movieTable: UnsafePointer<Float>, content: UnsafePointer<Float>,
        embeddingWidth: Int, contentWidth: Int,
        users: UnsafePointer<Int>, movies: UnsafePointer<Int>, count: Int,
        into output: UnsafeMutablePointer<Float>
    ) {
        let width = 2 * embeddingWidth + contentWidth
        gather(table: userTable, width: embeddingWidth, indices: users, count: count, into: output, outputStride: width)
        gather(
            table: movieTable, width: embeddingWidth, indices: movies, count: count,
            into: output + embeddingWidth, outputStride: width
        )
        if contentWidth > 0 {
            gather(
                table: content, width: contentWidth, indices: movies, count: count,
                into: output + 2 * embeddingWidth, outputStride: width
            )
        }
    }

    /// The backward pass of ``concatenateInputs(userTable:movieTable:content:embeddingWidth:contentWidth:users:movies:count:into:)``
    /// for the embeddings (the content features have no parameters): adds the first
    /// `embeddingWidth` columns of each gradient row to its user's row of `userTableGradient`,
    /// and the next `embeddingWidth` to its movie's row of `movieTableGradient`.
    static func scatterInputGradient(
        _ gradient: UnsafePointer<Float>, gradientStride: Int, embeddingWidth: Int,
        users: UnsafePointer<Int>, movies: UnsafePointer<Int>, count: Int,
        userTableGradient: UnsafeMutablePointer<Float>, movieTableGradient: UnsafeMutablePointer<Float>
    ) {
        scatterAdd(
            gradient: gradient, gradientStride: gradientStride, width: embeddingWidth,
            indices: users, count: count, into: userTableGradient
        )
        scatterAdd(
            gradient: gradient + embeddingWidth, gradientStride: gradientStride, width: embeddingWidth,
            indices: movies, count: count, into: movieTableGradient
        )
    }
}
