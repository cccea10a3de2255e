import Foundation
import RecbookSupport

/// A MovieLens release on disk, in any of the layouts GroupLens has published, read into tables
/// of the ml-latest schema:
///
/// | table   | columns                                                         |
/// |---------|-----------------------------------------------------------------|
/// | movies  | movieId (int), title (string), genres (string, `A\|B`)          |
/// | ratings | userId (int), movieId (int), rating (double), timestamp (int)   |
/// | tags    | userId (int), movieId (int), tag (string), timestamp (int)      |
///
/// Releases without tags (ml-100k, ml-1m) give an empty tags table with the same columns.
/// Messages name files relative to the release directory (`ratings.csv:17: …`) and the directory
/// as the caller gave it.
public struct MovieLens: Sendable {
    /// How a release lays out its files.
    public enum Layout: String, Hashable, Sendable, CaseIterable {
        /// `movies.csv`, `ratings.csv`, `tags.csv`: RFC 4180 with a header, UTF-8
        /// (ml-latest, ml-latest-small, ml-20m, ml-25m, ml-32m).
        case csv
        /// `movies.dat`, `ratings.dat`, `tags.dat`: `::`-separated, no header, no quoting; Latin-1
        /// in ml-1m, UTF-8 in ml-10m (ml-1m, ml-10m).
        case dat
        /// `u.data` (tab-separated ratings) and `u.item` (`|`-separated movies with 19 genre
        /// flags), Latin-1, no header (ml-100k).
        case hundredK

        /// The releases published in this layout.
        public var releases: [String] {
            switch self {
            case .csv: return ["ml-latest", "ml-latest-small", "ml-20m", "ml-25m", "ml-32m"]
            case .dat: return ["ml-1m", "ml-10m"]
            case .hundredK: return ["ml-100k"]
            }
        }

        /// The files whose presence marks the layout.
        var markerFiles: [String] {
            switch self {
            case .csv: return ["movies.csv", "ratings.csv"]
            case .dat: return ["movies.dat", "ratings.dat"]
            case .hundredK: return ["u.item", "u.data"]
            }
        }
    }

    /// The tables a release holds.
    public enum Table: String, Hashable, Sendable, CaseIterable {
        case movies, ratings, tags

        /// The table's columns, in order, as every layout is normalised to.
        public var columnNames: [String] {
            switch self {
            case .movies: return ["movieId", "title", "genres"]
            case .ratings: return ["userId", "movieId", "rating", "timestamp"]
            case .tags: return ["userId", "movieId", "tag", "timestamp"]
            }
        }

        /// The types of ``columnNames``.
        public var columnTypes: [ColumnType] {
            switch self {
            case .movies: return [.int, .string, .string]
            case .ratings: return [.int, .int, .double, .int]
            case .tags: return [.int, .int, .string, .int]
            }
        }

        /// The table's columns and types, known without reading anything.
        public var schema: TableSchema {
            TableSchema(zip(columnNames, columnTypes).map { TableSchema.Column($0, $1) })
        }
    }

    /// A table read from a release, with the files it came from (for provenance and cache keys).
    public struct LoadedTable: Sendable {
        public var frame: DataFrame
        /// The files read, in the order read; empty for a tags table the release does not have.
        public var files: [URL]
        /// For a ratings table: the (user, movie) pairs rated more than once, with their lines.
        public var repeatedRatings: [RepeatedRating] = []

        public init(frame: DataFrame, files: [URL], repeatedRatings: [RepeatedRating] = []) {
            self.frame = frame
            self.files = files
            self.repeatedRatings = repeatedRatings
        }
    }

    /// The release directory.
    public let directory: URL
    /// The detected layout.
    public let layout: Layout

    /// Opens the release in `directory` and detects its layout.
    ///
    /// - Throws: ``DataError/missingDatasetDirectory(path:)`` when the directory does not exist,
    ///   and ``DataError/unrecognizedDataset(path:lookedFor:subdirectory:)`` when it holds no
    ///   known layout's files.
    public init(directory: URL) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataError.missingDatasetDirectory(path: directory.relativePath)
        }
        guard let layout = Self.detectLayout(in: directory) else {
            throw DataError.unrecognizedDataset(
                path: directory.relativePath,
                lookedFor: Layout.allCases.flatMap(\.markerFiles),
                subdirectory: Self.releaseSubdirectory(of: directory)
            )
        }
        self.directory = directory
        self.layout = layout
    }

    private static func detectLayout(in directory: URL) -> Layout? {
        Layout.allCases.first { layout in
            layout.markerFiles.contains { FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path) }
        }
    }

    /// The one subdirectory that holds a release, if there is exactly one (the user passed the
    /// folder a release was unpacked into).
    private static func releaseSubdirectory(of directory: URL) -> String? {
        let children = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let releases = children.sorted().filter { detectLayout(in: directory.appendingPathComponent($0)) != nil }
        return releases.count == 1 ? releases[0] : nil
    }

    /// The files that loading `table` reads, as they exist now: hash them to key a cache before loading.
    public func files(for table: Table) -> [URL] {
        let names: [String]
        switch (layout, table) {
        case (.csv, _): names = ["\(table.rawValue).csv"]
        case (.dat, _): names = ["\(table.rawValue).dat"]
        case (.hundredK, .movies): names = ["u.item", "u.genre"]
        case (.hundredK, .ratings): names = ["u.data"]
        case (.hundredK, .tags): names = []
        }
        return names.map(url(of:)).filter { FileManager.default.fileExists(atPath: $0.path) }
    }

    /// Reads `table`, normalised to the ml-latest schema (see ``MovieLens``).
    ///
    /// Ratings must lie on `ratingScale`, by default the release's own (``ratingScale``), and a
    /// ratings table must have at least one row.
    ///
    /// - Throws: ``DataError``: a missing required file, or a malformed one (naming its line).
    /// - Complexity: O(*n*) in the size of the files read.
    public func load(_ table: Table, ratingScale: NumericDomain? = nil) throws -> LoadedTable {
        let scale = ratingScale ?? self.ratingScale
        switch (layout, table) {
        case (.csv, _):
            return try loadDelimited(table, file: "\(table.rawValue).csv", format: .csv, byName: true, scale: scale)
        case (.dat, _):
            let format = CSVFormat(separator: "::", hasHeader: false, quoting: false)
            var loaded = try loadDelimited(table, file: "\(table.rawValue).dat", format: format, byName: false, scale: scale)
            if table == .movies {
                try loaded.frame.setColumn("genres", .strings(try loaded.frame.strings("genres").map(Self.normalisedGenres)))
            }
            return loaded
        case (.hundredK, .movies):
            return try loadHundredKMovies()
        case (.hundredK, .ratings):
            let format = CSVFormat(separator: "\t", hasHeader: false, quoting: false)
            return try loadDelimited(.ratings, file: "u.data", format: format, byName: false, scale: scale)
        case (.hundredK, .tags):
            return LoadedTable(frame: Self.emptyTags, files: [])
        }
    }

    private func url(of file: String) -> URL { directory.appendingPathComponent(file) }

    /// The columns to read for `table`. Every field must be present except a tag's text, so that
    /// an empty id, rating, title or genre list is reported with its line.
    private static func columns(of table: Table, byName: Bool, scale: NumericDomain) -> [CSVColumn] {
        zip(table.columnNames, table.columnTypes).enumerated().map { position, column in
            CSVColumn(
                column.0, column.1, field: byName ? nil : position, allowsMissing: column.0 == "tag",
                allowedValues: column.0 == "rating" ? scale : nil
            )
        }
    }

    private static var emptyTags: DataFrame {
        // Four fixed, distinct names of equal (zero) length: the initializer cannot fail.
        (try? DataFrame(names: Table.tags.columnNames, columns: [.ints([]), .ints([]), .strings([]), .ints([])])) ?? DataFrame()
    }

    private func loadDelimited(
        _ table: Table, file: String, format: CSVFormat, byName: Bool, scale: NumericDomain
    ) throws -> LoadedTable {
        let location = url(of: file)
        guard FileManager.default.fileExists(atPath: location.path) else {
            if table == .tags { return LoadedTable(frame: Self.emptyTags, files: []) }
            throw DataError.missingDatasetFile(directory: directory.relativePath, file: file)
        }
        let reader = CSVReader(format: format)
        let data = try CSVReader.contents(of: location, file: file)
        let frame = try reader.read(data, file: file, columns: Self.columns(of: table, byName: byName, scale: scale))
        guard table == .ratings else { return LoadedTable(frame: frame, files: [location]) }
        // Every analysis of ratings needs some; an empty table would fail later, far from its file.
        if frame.rowCount == 0 {
            throw DataError.noRows(file: file, rows: "ratings", hasHeader: format.hasHeader)
        }
        let repeated = try Self.repeatedRatings(in: frame, data: data, reader: reader, file: file)
        BackgroundRelease.drop(consume data)  // unmapping a large file takes a while
        return LoadedTable(frame: frame, files: [location], repeatedRatings: repeated)
    }

    /// ml-1m writes "Children's" where later releases write "Children".
    static func normalisedGenres(_ genres: String) -> String {
        genres.split(separator: "|", omittingEmptySubsequences: false)
            .map { $0 == "Children's" ? "Children" : String($0) }
            .joined(separator: "|")
    }
}
