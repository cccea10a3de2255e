import Frames
import NotebookCore
import TableSteps
import RecbookSupport

/// Turns ratings into a sparse user × movie matrix, like `pivot_table`.
struct PivotStep: Step {
    static let name = "pivot"
    static let category = "Collaborative filtering"
    static let summary = "Arrange ratings as a sparse user × movie matrix (rows and columns in id order)."
    static let discussion = """
    Like pandas' `pivot_table(index=user, columns=movie, values=rating)`: a (user, movie) pair \
    rated more than once gets the mean of its ratings. The matrix stays sparse; a preview shows \
    only its corner.
    """
    static let example = "ratings: split.train\nas: matrix"
    static let produces: ValueKind? = .ratingMatrix
    static let schema: ParameterSchema<Self> = [
        .input(\.ratings, "ratings", kind: .table, doc: "The ratings to arrange."),
        .parameter(\.userColumn, "user", doc: "The user id column."),
        .parameter(\.movieColumn, "movie", doc: "The movie id column."),
        .parameter(\.ratingColumn, "rating", doc: "The rating column."),
        .parameter(\.preview, "preview", doc: "What to show of the matrix."),
    ]

    var ratings = ValueRef()
    var userColumn = "userId"
    var movieColumn = "movieId"
    var ratingColumn = "rating"
    var preview: Preview = .head

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let frame = try context.frame(ratings)
        let matrix = try RatingMatrix(
            userIds: try frame.ints(userColumn), movieIds: try frame.ints(movieColumn), ratings: try frame.doubles(ratingColumn)
        )
        if let output = preview.output(matrix.tabular) { context.emit(output) }
        return matrix
    }
}

/// Subtracts each user's mean rating from their ratings.
struct CenterStep: Step {
    static let name = "center"
    static let category = "Collaborative filtering"
    static let summary = "Centre each user's ratings on their own mean; missing entries stay zero."
    static let example = "matrix: matrix\nas: centered"
    static let produces: ValueKind? = .ratingMatrix
    static let schema: ParameterSchema<Self> = [
        .input(\.matrix, "matrix", kind: .ratingMatrix, doc: "The matrix to centre."),
    ]

    var matrix = ValueRef()

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let input = try context.value(matrix, as: RatingMatrix.self)
        guard input.userMeans == nil else { throw StepError("'\(matrix)' is already centred") }
        let centred = try input.centred()
        let means = (centred.userMeans ?? []).enumerated().filter { !centred.ratedMovies(ofUser: $0.offset).isEmpty }.map(\.element)
        if let lowest = means.min(), let highest = means.max() {
            context.print("Centred \(centred.values.nonZeroCount) ratings of \(centred.users.count) users on their own means "
                + "(from \(Format.fixed(lowest, 2))★ to \(Format.fixed(highest, 2))★).")
        }
        return centred
    }
}
