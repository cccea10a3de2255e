import Frames
import Learning
import LinearAlgebra
import NotebookCore
import TableSteps
import RecbookSupport

/// A sparse user × movie rating matrix with its id vocabularies: users and movies are external
/// ids at the edges and dense indices inside.
///
/// After centring, stored values are each rating minus its user's mean, and `userMeans` holds
/// the means; a missing entry then stands for "the user's usual rating".
public struct RatingMatrix: TabulatedMeasurements, TabularValue {
    public static let kind = ValueKind.ratingMatrix
    public static let measurementTable = MeasurementTable<RatingMatrix>([
        "users": { Double($0.users.count) },
        "movies": { Double($0.movies.count) },
        "ratings": { Double($0.values.nonZeroCount) },
        "density": { Double($0.values.nonZeroCount) / Double(max(1, $0.users.count * $0.movies.count)) },
    ])

    public var users: IdVocabulary
    public var movies: IdVocabulary
    /// Ratings (or centred ratings), users × movies.
    public var values: SparseMatrix
    /// Each user's mean observed rating, when the matrix is centred.
    public var userMeans: [Double]?

    public init(users: IdVocabulary, movies: IdVocabulary, values: SparseMatrix, userMeans: [Double]?) {
        self.users = users
        self.movies = movies
        self.values = values
        self.userMeans = userMeans
    }

    /// Builds the matrix like `pivot_table(index: user, columns: movie, values: rating)`:
    /// rows and columns in ascending id order, duplicate (user, movie) pairs averaged.
    public init(userIds: [Int], movieIds: [Int], ratings: [Double]) throws {
        let users = IdVocabulary(userIds)
        let movies = IdVocabulary(movieIds)
        let rows: [Int], columns: [Int]
        do {
            rows = try users.indices(of: userIds)
            columns = try movies.indices(of: movieIds)
        } catch {
            throw StepError("internal error: id missing from its own vocabulary")
        }
        let sums = try SparseMatrix(rowCount: users.count, columnCount: movies.count, rowIndices: rows,
                                    columnIndices: columns, values: ratings, duplicates: .sum)
        var values = sums.values
        if sums.nonZeroCount != ratings.count {
            let counts = try SparseMatrix(rowCount: users.count, columnCount: movies.count, rowIndices: rows,
                                          columnIndices: columns, values: [Double](repeating: 1, count: ratings.count),
                                          duplicates: .sum)
            for index in values.indices { values[index] /= counts.values[index] }
        }
        self.init(users: users, movies: movies, values: try sums.replacingValues(values), userMeans: nil)
    }

    /// The matrix with each user's mean subtracted from their observed ratings.
    ///
    /// - Throws: ``LinearAlgebra/LinearAlgebraError`` should the matrix's own structure be
    ///   inconsistent.
    public func centred() throws -> RatingMatrix {
        var means = [Double](repeating: 0, count: users.count)
        var centred = values.values
        for row in 0..<users.count {
            let range = values.rowOffsets[row]..<values.rowOffsets[row + 1]
            guard !range.isEmpty else { continue }
            var sum = 0.0
            for index in range { sum += values.values[index] }
            let mean = sum / Double(range.count)
            means[row] = mean
            for index in range { centred[index] -= mean }
        }
        return RatingMatrix(users: users, movies: movies, values: try values.replacingValues(centred), userMeans: means)
    }

    /// Each user's entries as training histories (movies in index order, since a matrix keeps no
    /// time), with the ratings as they were before centring.
    ///
    /// - Throws: ``Learning/ModelError/invalidData(_:)`` for a non-finite entry.
    public func histories() throws -> UserHistories {
        var ratings = values.values
        if let userMeans {
            for row in 0..<users.count {
                for index in values.rowOffsets[row]..<values.rowOffsets[row + 1] { ratings[index] += userMeans[row] }
            }
        }
        return try UserHistories(offsets: values.rowOffsets, items: values.columnIndices, ratings: ratings, itemCount: movies.count)
    }

    /// The movie indices a user has an entry for.
    public func ratedMovies(ofUser row: Int) -> ArraySlice<Int> {
        values.columnIndices[values.rowOffsets[row]..<values.rowOffsets[row + 1]]
    }

    public var summary: String {
        let density = Double(values.nonZeroCount) / Double(max(1, users.count * movies.count))
        return "\(userMeans == nil ? "" : "centred ")rating matrix \(users.count) × \(movies.count), \(values.nonZeroCount) ratings (\(Format.fixed(density * 100, 2))% filled)"
    }

    public var tabular: any TabularSource { PivotView(matrix: self) }

    public func encode(to writer: inout BinaryWriter) {
        writer.write(users)
        writer.write(movies)
        writer.write(values)
        writer.write(userMeans != nil)
        if let userMeans { writer.writeArray(userMeans) }
    }

    public init(from reader: inout BinaryReader) throws {
        users = try reader.read(IdVocabulary.self)
        movies = try reader.read(IdVocabulary.self)
        values = try reader.read(SparseMatrix.self)
        userMeans = try reader.read(Bool.self) ? try reader.readArray(Double.self) : nil
        guard values.rowCount == users.count, values.columnCount == movies.count,
              userMeans.map({ $0.count == users.count }) ?? true else {
            throw BinaryDecodingError.invalid("rating matrix shape does not match its vocabularies")
        }
    }
}

/// The matrix as pandas shows a pivot: users down, movie ids across, NaN where unrated.
struct PivotView: TabularSource {
    let matrix: RatingMatrix

    var rowCount: Int { matrix.users.count }
    var columnCount: Int { matrix.movies.count }
    var indexName: String? { "userId" }
    var columnsName: String? { "movieId" }
    func columnName(_ column: Int) -> String { String(matrix.movies.id(at: column)) }
    func isNumericColumn(_ column: Int) -> Bool { true }
    func rowLabel(_ row: Int) -> TableCell { .int(matrix.users.id(at: row)) }

    func cell(row: Int, column: Int) -> TableCell {
        let entries = matrix.values.rowOffsets[row]..<matrix.values.rowOffsets[row + 1]
        let columns = matrix.values.columnIndices[entries]
        // Column indices are sorted within a row.
        var low = columns.startIndex, high = columns.endIndex
        while low < high {
            let middle = (low + high) / 2
            if columns[middle] < column { low = middle + 1 } else { high = middle }
        }
        guard low < columns.endIndex, columns[low] == column else { return .missing }
        return .double(matrix.values.values[low])
    }
}
