import Frames
import Learning
import LinearAlgebra
import NotebookCore
import TableSteps
import RecbookSupport

/// The original's collaborative filter: a truncated SVD of the user-mean-centred rating matrix.
/// A prediction is the user's mean plus the rank-k reconstruction of the centred matrix.
public struct SVDModel: RecommenderModel, TabularValue {
    public static let kind = ValueKind.factorisation

    /// The centred matrix it was fitted on (for the vocabularies, means and rated movies).
    public var matrix: RatingMatrix
    public var svd: TruncatedSVD

    public init(matrix: RatingMatrix, svd: TruncatedSVD) {
        self.matrix = matrix
        self.svd = svd
    }

    public var displayName: String { "SVD (k=\(svd.rank))" }
    public var users: IdVocabulary { matrix.users }
    public var movies: IdVocabulary { matrix.movies }

    private func mean(_ user: Int) -> Double { matrix.userMeans?[user] ?? 0 }

    public func predict(user: Int, movie: Int) -> Double {
        mean(user) + svd.reconstructedEntry(row: user, column: movie)
    }

    public func scores(forUser user: Int) -> [Double] {
        let offset = mean(user)
        return svd.reconstructedRow(user).map { $0 + offset }
    }

    public func trainingMovies(ofUser user: Int) -> [Int] { Array(matrix.ratedMovies(ofUser: user)) }

    public var summary: String {
        "truncated SVD, k = \(svd.rank), of a \(matrix.users.count) × \(matrix.movies.count) matrix"
    }

    public func measurement(_ name: String) -> Double? {
        switch name {
        case "k": return Double(svd.rank)
        case "largest-singular-value": return svd.singularValues.first
        case "smallest-singular-value": return svd.singularValues.last
        default: return nil
        }
    }

    public var tabular: any TabularSource { PredictedRatingsView(model: self) }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(matrix)
        writer.write(svd)
    }

    public init(from reader: inout BinaryReader) throws {
        matrix = try reader.read(RatingMatrix.self)
        svd = try reader.read(TruncatedSVD.self)
        guard svd.rowCount == matrix.users.count, svd.columnCount == matrix.movies.count else {
            throw BinaryDecodingError.invalid("SVD shape does not match its matrix")
        }
    }
}

/// Every user's predicted rating for every movie, computed only for the cells a preview shows.
struct PredictedRatingsView: TabularSource {
    let model: SVDModel

    var rowCount: Int { model.users.count }
    var columnCount: Int { model.movies.count }
    var indexName: String? { "userId" }
    var columnsName: String? { "movieId" }
    func columnName(_ column: Int) -> String { String(model.movies.id(at: column)) }
    func isNumericColumn(_ column: Int) -> Bool { true }
    func rowLabel(_ row: Int) -> TableCell { .int(model.users.id(at: row)) }
    func cell(row: Int, column: Int) -> TableCell { .double(model.predict(user: row, movie: column)) }
}
