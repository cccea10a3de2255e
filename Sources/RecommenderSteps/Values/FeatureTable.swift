import Frames
import Learning
import LinearAlgebra
import NotebookCore
import TableSteps
import RecbookSupport

/// A table of rating rows with encoded features, stored the way a recommender uses them: one
/// row of features **per movie**, gathered by movie index when a row needs it, never copied per
/// rating. Shown, it looks like the original's ever-wider `movie_ratings` frame.
public struct FeatureTable: TabulatedMeasurements, TabularValue, FrameValue {
    public static let kind = ValueKind.featureTable
    public static let measurementTable = MeasurementTable<FeatureTable>([
        "rows": { Double($0.rows.rowCount) },
        "columns": { Double($0.tabularColumns.count) },
        "movies": { Double($0.movies.count) },
        "features": { Double($0.numericFeatureCount) },
    ])

    /// A block of features per movie.
    public enum Block: Sendable, Equatable {
        /// Numeric features: `values` has a row per movie (in `movies` order) and a column per name.
        case numeric(name: String, columns: [String], values: Matrix)
        /// One string per movie, for example its tags joined.
        case text(name: String, values: [String])

        public var name: String {
            switch self {
            case let .numeric(name, _, _), let .text(name, _): return name
            }
        }

        var columnNames: [String] {
            switch self {
            case let .numeric(_, columns, _): return columns
            case let .text(name, _): return [name]
            }
        }
    }

    /// How a numeric block turns a movie's description into features.
    public enum BlockEncoder: Sendable, Equatable {
        /// Multi-hot labels split on `separator`; the block's columns are the classes.
        case multiHot(separator: String)
        /// TF-IDF of a text, with the fitted vectorizer.
        case tfidf(TfidfVectorizer)
    }

    /// A label encoding of an id column: `name` holds each row's dense index in `vocabulary`.
    public struct Encoding: Sendable, Equatable {
        public var name: String
        public var source: String
        public var vocabulary: IdVocabulary
        /// Each row's dense index: the encoded column.
        public var indices: [Int]

        /// Encodes the column `source` of `rows` with the vocabulary of its own ids.
        ///
        /// - Throws: ``Frames/DataError`` when `rows` has no integer column `source`.
        public init(name: String, source: String, rows: DataFrame) throws {
            let ids = try rows.ints(source)
            let vocabulary = IdVocabulary(ids)
            self.name = name
            self.source = source
            self.vocabulary = vocabulary
            // Every id is in the vocabulary made from them.
            indices = ids.map { vocabulary.index(of: $0) ?? -1 }
        }
    }

    /// The rating rows (for example movies ⋈ ratings).
    public var rows: DataFrame
    /// The movies that have features, in ascending id order; per-movie blocks follow it.
    public var movies: IdVocabulary
    /// Each row's movie index in `movies`.
    public var movieOfRow: [Int]
    public var blocks: [Block]
    public var encodings: [Encoding]
    /// How each numeric block was made, so a new movie's features can be made the same way.
    public var encoders: [String: BlockEncoder] = [:]
    /// The rating scale seen in the rows, once recorded.
    public var targetRange: ClosedRange<Double>?
    /// The min–max scaling applied to the numeric blocks, once fitted.
    public var scaler: MinMaxScaler?

    public init(rows: DataFrame) throws {
        let ids = try rows.ints("movieId")
        let movies = IdVocabulary(ids)
        self.rows = rows
        self.movies = movies
        self.movieOfRow = ids.map { movies.index(of: $0) ?? 0 }
        self.blocks = []
        self.encodings = []
    }

    public var frame: DataFrame { rows }

    /// The numeric blocks side by side, one row per movie: the content features.
    public func contentMatrix(blocks names: [String]? = nil) throws -> (columns: [String], values: Matrix) {
        var columns: [String] = []
        var parts: [Matrix] = []
        for case let .numeric(name, blockColumns, values) in blocks where names?.contains(name) ?? true {
            columns += blockColumns
            parts.append(values)
        }
        if let names {
            for name in names where !blocks.contains(where: { $0.name == name }) {
                throw StepError("the feature table has no block '\(name)'; it has \(blocks.map { "'\($0.name)'" }.joined(separator: ", "))")
            }
        }
        var storage = [Double](repeating: 0, count: movies.count * columns.count)
        var offset = 0
        for part in parts {
            for movie in 0..<movies.count {
                for column in 0..<part.columnCount {
                    storage[movie * columns.count + offset + column] = part[movie, column]
                }
            }
            offset += part.columnCount
        }
        return (columns, try Matrix(rowCount: movies.count, columnCount: columns.count, storage: storage))
    }

    /// The content features in single precision, one row per movie of `movies` (another
    /// vocabulary's order, such as a network's movie encoding), row-major.
    ///
    /// - Throws: ``NotebookCore/StepError`` for a movie of `movies` that has no features here,
    ///   or an unknown block.
    public func contentFeatures(for movies: IdVocabulary, blocks names: [String]? = nil) throws -> (columns: [String], values: [Float]) {
        let (columns, content) = try contentMatrix(blocks: names)
        var values = [Float](repeating: 0, count: movies.count * columns.count)
        for movie in 0..<movies.count {
            guard let row = self.movies.index(of: movies.id(at: movie)) else {
                throw StepError("movie \(movies.id(at: movie)) has no content features in the feature table")
            }
            for column in 0..<columns.count { values[movie * columns.count + column] = Float(content[row, column]) }
        }
        return (columns, values)
    }

    public func encoding(named name: String) -> Encoding? { encodings.first { $0.name == name } }

    public var summary: String {
        let numeric = numericFeatureCount
        var text = "feature table: \(rows.rowCount) rows; \(numeric) numeric features per movie for \(movies.count) movies"
        if scaler != nil { text += ", min–max scaled" }
        return text
    }

    /// The numeric features per movie, over every numeric block.
    public var numericFeatureCount: Int {
        blocks.reduce(0) { total, block in
            if case let .numeric(_, columns, _) = block { return total + columns.count }
            return total
        }
    }

    public var tabular: any TabularSource { FeatureTableView(table: self) }

    /// What a preview shows: the rows' columns, each block's columns, then the encodings.
    var tabularColumns: [(name: String, numeric: Bool, cell: @Sendable (Int) -> TableCell)] {
        var columns: [(name: String, numeric: Bool, cell: @Sendable (Int) -> TableCell)] = []
        let rows = self.rows, movieOfRow = self.movieOfRow
        for index in 0..<rows.columnCount {
            columns.append((rows.columnName(index), rows.isNumericColumn(index), { rows.cell(row: $0, column: index) }))
        }
        for block in blocks {
            switch block {
            case let .numeric(_, names, values):
                let allIntegral = values.storage.allSatisfy { $0 == $0.rounded() }
                for (column, name) in names.enumerated() {
                    columns.append((name, true, { row in
                        let value = values[movieOfRow[row], column]
                        return allIntegral ? .int(Int(value)) : .double(value)
                    }))
                }
            case let .text(name, values):
                columns.append((name, false, { .string(values[movieOfRow[$0]]) }))
            }
        }
        for encoding in encodings {
            let indices = encoding.indices
            columns.append((encoding.name, true, { .int(indices[$0]) }))
        }
        return columns
    }

    // MARK: Cache format

    public func encode(to writer: inout BinaryWriter) {
        writer.write(UInt8(2))
        writer.write(rows)
        writer.write(movies)
        writer.write(UInt64(blocks.count))
        for block in blocks {
            switch block {
            case let .numeric(name, columns, values):
                writer.write(UInt8(0))
                writer.write(name)
                writer.write(columns)
                writer.write(values)
            case let .text(name, values):
                writer.write(UInt8(1))
                writer.write(name)
                writer.write(values)
            }
        }
        writer.write(UInt64(encodings.count))
        for encoding in encodings {
            writer.write(encoding.name)
            writer.write(encoding.source)
            writer.write(encoding.vocabulary)
        }
        writer.write(targetRange != nil)
        if let targetRange {
            writer.write(targetRange.lowerBound)
            writer.write(targetRange.upperBound)
        }
        writer.write(optional: scaler)
        let named = encoders.sorted { $0.key < $1.key }
        writer.write(UInt64(named.count))
        for (name, encoder) in named {
            writer.write(name)
            switch encoder {
            case let .multiHot(separator):
                writer.write(UInt8(0))
                writer.write(separator)
            case let .tfidf(vectorizer):
                writer.write(UInt8(1))
                writer.write(vectorizer)
            }
        }
    }

    public init(from reader: inout BinaryReader) throws {
        guard try reader.read(UInt8.self) == 2 else { throw BinaryDecodingError.invalid("feature table version") }
        try self.init(rows: try reader.read(DataFrame.self))
        let storedMovies = try reader.read(IdVocabulary.self)
        guard storedMovies == movies else { throw BinaryDecodingError.invalid("feature table movies") }
        let blockCount = try reader.read(UInt64.self)
        guard blockCount <= UInt64(reader.remaining) else { throw BinaryDecodingError.invalid("block count") }
        for _ in 0..<blockCount {
            switch try reader.read(UInt8.self) {
            case 0:
                let name = try reader.read(String.self)
                let columns = try reader.read([String].self)
                let values = try reader.read(Matrix.self)
                guard values.rowCount == movies.count, values.columnCount == columns.count else {
                    throw BinaryDecodingError.invalid("feature block '\(name)' has the wrong shape")
                }
                blocks.append(.numeric(name: name, columns: columns, values: values))
            case 1:
                let name = try reader.read(String.self)
                let values = try reader.read([String].self)
                guard values.count == movies.count else { throw BinaryDecodingError.invalid("text block '\(name)'") }
                blocks.append(.text(name: name, values: values))
            case let other:
                throw BinaryDecodingError.invalid("feature block tag \(other)")
            }
        }
        let encodingCount = try reader.read(UInt64.self)
        guard encodingCount <= UInt64(reader.remaining) else { throw BinaryDecodingError.invalid("encoding count") }
        for _ in 0..<encodingCount {
            let name = try reader.read(String.self), source = try reader.read(String.self)
            let vocabulary = try reader.read(IdVocabulary.self)
            let encoding: Encoding
            do {
                encoding = try Encoding(name: name, source: source, rows: rows)
            } catch {
                throw BinaryDecodingError.invalid("feature table encoding '\(name)': \(error)")
            }
            guard encoding.vocabulary == vocabulary else {
                throw BinaryDecodingError.invalid("feature table encoding '\(name)' does not match its rows' column '\(source)'")
            }
            encodings.append(encoding)
        }
        if try reader.read(Bool.self) {
            let low = try reader.read(Double.self), high = try reader.read(Double.self)
            guard low <= high else { throw BinaryDecodingError.invalid("target range") }
            targetRange = low...high
        }
        scaler = try reader.read(optional: MinMaxScaler.self)
        let encoderCount = try reader.read(UInt64.self)
        guard encoderCount <= UInt64(reader.remaining) else { throw BinaryDecodingError.invalid("encoder count") }
        for _ in 0..<encoderCount {
            let name = try reader.read(String.self)
            switch try reader.read(UInt8.self) {
            case 0: encoders[name] = .multiHot(separator: try reader.read(String.self))
            case 1: encoders[name] = .tfidf(try reader.read(TfidfVectorizer.self))
            case let other: throw BinaryDecodingError.invalid("block encoder tag \(other)")
            }
        }
    }

    /// The content features a movie with these labels (genres, "A|B") and this text (its tags)
    /// would have: each numeric block encoded as it was for the known movies, then scaled like
    /// them.
    public func contentFeatures(labels: String, text: String) throws -> [Double] {
        var features: [Double] = []
        for case let .numeric(name, columns, _) in blocks {
            switch encoders[name] {
            case let .multiHot(separator)?:
                let set = Set(labels.split(separator: separator).map { $0.trimmingCharacters(in: .whitespaces) })
                features += columns.map { set.contains($0) ? 1 : 0 }
            case let .tfidf(vectorizer)?:
                features += Array(vectorizer.transform([text]).row(0))
            case nil where columns.isEmpty:
                // An empty block (the TF-IDF of a release without tags) describes no movie.
                continue
            case nil:
                throw StepError("the feature block '\(name)' cannot be made for a new movie (it was not made by `encode`)")
            }
        }
        if let scaler { features = try scaler.transform(row: features) }
        return features
    }
}

/// The feature table as the original's wide `movie_ratings` frame, computed cell by cell.
struct FeatureTableView: TabularSource {
    let columns: [(name: String, numeric: Bool, cell: @Sendable (Int) -> TableCell)]
    let rowCount: Int

    init(table: FeatureTable) {
        columns = table.tabularColumns
        rowCount = table.rows.rowCount
    }

    var columnCount: Int { columns.count }
    func columnName(_ column: Int) -> String { columns[column].name }
    func isNumericColumn(_ column: Int) -> Bool { columns[column].numeric }
    func cell(row: Int, column: Int) -> TableCell { columns[column].cell(row) }
}
