import Foundation
import Frames
import NotebookCore
import Outputs
import RecbookSupport

/// Reads a table: any delimited text file (`path:`), or one table of a MovieLens release
/// (`data:` and `table:`) in any of its layouts.
struct LoadStep: Step {
    static let name = "load"
    static let category = "Data"
    static let summary = "Load a delimited text file (CSV, TSV, …), or a MovieLens table from a release directory."
    static let discussion = """
    With `path`, reads any delimited text file: RFC 4180 quoting, LF, CRLF or CR line ends, a \
    UTF-8 byte order mark, blank lines skipped. Column types are inferred from every row as \
    pandas does (int, else double, else bool, else string; never timestamp) unless `types` \
    declares them. An empty field is a missing value, and so are pandas' markers (NA, NaN, \
    null, …) in columns of numbers, booleans and timestamps. Numbers must be finite: `inf` or \
    `1e400` is an error naming its line. `recbook check` reads the header and the first 64 KB \
    to know the table's columns and their likely types; declare `types` when the start of the \
    file is not typical of the rest. Refused before reading: anything but a regular file, files \
    over 8 GiB, rows over 16 MiB and rows of more than 10,000 fields.

    With `data` and `table`, reads every MovieLens layout: ml-latest, ml-latest-small, ml-20m, \
    ml-25m and ml-32m (CSV), ml-1m and ml-10m (`::`-separated .dat files) and ml-100k (u.data, \
    u.item). Each is normalised to the ml-latest schema: movies(movieId, title, genres as A|B), \
    ratings(userId, movieId, rating, timestamp), tags(userId, movieId, tag, timestamp); a release \
    without tags gives an empty tags table. Ratings must lie on the release's scale and a ratings \
    file must hold at least one rating.

    Every file read is hashed into the report's footer.
    """
    static let example = "path: data/sales.csv\ntypes:\n  day: timestamp\n  store: string\nas: sales"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .parameter(\.path, "path", doc: "A delimited text file to read (CSV, TSV, …). Give either `path` or `data`."),
        .parameter(\.data, "data", doc: "A MovieLens release directory, for example ml-latest-small; `table` says which table to read."),
        .parameter(\.table, "table", doc: "Which MovieLens table to read from `data`."),
        .parameter(
            \.delimiter, "delimiter",
            doc: "The field separator: any text of up to 16 bytes, such as `;`, `|` or `::`, or the word `tab`; by default a tab for .tsv and .tab files, else `,`.",
            .atMostBytes(16)
        ),
        .parameter(\.header, "header", doc: "Whether the first line names the columns."),
        .parameter(\.names, "names", doc: "Names for the columns, in order: for a file without a header, or to replace the header's (one per column)."),
        .parameter(\.encoding, "encoding", doc: "'auto' reads UTF-8 and falls back to Latin-1 for a file that is not valid UTF-8."),
        .parameter(\.quoting, "quoting", doc: "Whether fields may be quoted as RFC 4180 says, holding delimiters, quotes and line breaks."),
        .parameter(\.na, "na", doc: "More texts that mean a missing value, in every column (at most 100).", .atMostItems(100)),
        .parameter(
            \.types, "types",
            doc: "Column types by name; declared types win, the others are inferred. A timestamp column reads Unix seconds or ISO-8601 dates and date-times (2015-03-01, 2015-03-01 12:30:00, 2015-03-01T12:30:00Z, with offsets)."
        ),
        .parameter(\.columns, "columns", doc: "Read only these columns, in this order."),
        .parameter(\.rename, "rename", doc: "New names for columns read, old → new."),
        .parameter(
            \.ratingScale, "rating_scale",
            doc: "MovieLens ratings on another scale than the release's: [min, max]. By default 0.5 to 5 in half stars, or whole stars 1 to 5 for ml-100k and ml-1m."
        ),
        .parameter(\.preview, "preview", doc: "What to show of the table after loading it."),
    ]

    var path: FilePath?
    var data: FilePath?
    var table: MovieLensTableName?
    var delimiter: String?
    var header = true
    var names: [ColumnName] = []
    var encoding: TextEncoding = .auto
    var quoting = true
    var na: [String] = []
    var types = ColumnMapping<DeclaredColumnType>()
    var columns: [ColumnName] = []
    var rename = ColumnMapping<ColumnName>()
    var ratingScale: RatingScaleBounds?
    var preview: Preview = .table

    func validate() -> [ParameterProblem] {
        switch (path, data) {
        case (nil, nil):
            return [ParameterProblem("path", "'load' needs 'path' (a delimited text file) or 'data' and 'table' (a MovieLens release)")]
        case (_?, _?):
            return [ParameterProblem("data", "give either 'path' or 'data', not both")]
        case (_?, nil):
            return delimitedFileProblems()
        case (nil, _?):
            return releaseProblems()
        }
    }

    /// Problems with `data` and the parameters that go with it.
    private func releaseProblems() -> [ParameterProblem] {
        var problems: [ParameterProblem] = []
        if table == nil {
            problems.append(ParameterProblem("table", "'data' needs 'table': which of movies, ratings or tags to read"))
        }
        if ratingScale != nil, table != .ratings {
            problems.append(ParameterProblem("rating_scale", "'rating_scale' applies only to 'table: ratings'"))
        }
        let defaults = LoadStep()
        let fileOptions: [(String, Bool)] = [
            ("delimiter", delimiter != nil), ("header", header != defaults.header), ("names", !names.isEmpty),
            ("encoding", encoding != defaults.encoding), ("quoting", quoting != defaults.quoting), ("na", !na.isEmpty),
            ("types", !types.isEmpty), ("columns", !columns.isEmpty), ("rename", !rename.isEmpty),
        ]
        for (name, isSet) in fileOptions where isSet {
            problems.append(ParameterProblem(name, "'\(name)' applies to a delimited file read with 'path', not to a MovieLens release"))
        }
        return problems
    }

    func analyse(_ context: AnalysisContext) -> (any ValueShape)? {
        if let table, data != nil { return table.table.schema }
        return analyseDelimitedFile(context)
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let frame: DataFrame
        if let path {
            frame = try loadDelimitedFile(path, in: context)
        } else if let data, let table {
            let release = try MovieLens(directory: context.url(for: data))
            let scale = ratingScale.map { MovieLens.ratingScale(from: $0.lowest, to: $0.highest) }
            let loaded = try Self.load(table.table, of: release, ratingScale: scale, hashingIn: context)
            frame = loaded.frame
            if let note = Self.repeatedRatingsNote(loaded) { context.print(note) }
        } else {
            throw StepError("'load' needs 'path', or 'data' and 'table'")  // validate() has said so already
        }
        if let output = preview.output(frame) { context.emit(output) }
        return frame
    }
}

enum MovieLensTableName: String, ChoiceParameter {
    case movies, ratings, tags

    var table: MovieLens.Table {
        switch self {
        case .movies: return .movies
        case .ratings: return .ratings
        case .tags: return .tags
        }
    }
}

/// How a delimited file's bytes become text.
enum TextEncoding: String, ChoiceParameter {
    case utf8 = "utf-8"
    case latin1 = "latin-1"
    case auto

    var encoding: CSVFormat.Encoding {
        switch self {
        case .utf8: return .utf8
        case .latin1: return .latin1
        case .auto: return .utf8OrLatin1
        }
    }
}

/// `[min, max]`: the lowest and highest rating, finite, the lowest below the highest.
struct RatingScaleBounds: ParameterType, Hashable {
    var lowest: Double
    var highest: Double

    static var typeName: String { "[min, max]" }
    static var jsonSchema: JSONValue { ["type": "array", "items": ["type": "number"], "minItems": 2, "maxItems": 2] }

    init(parameter node: ParameterNode) throws(ParameterError) {
        guard case let .sequence(items) = node.content, items.count == 2 else {
            throw ParameterError("expects [min, max]: two numbers, the lower first, got \(node.shortDescription)", at: node.location)
        }
        lowest = try Double(parameter: items[0])
        highest = try Double(parameter: items[1])
        guard lowest < highest else {
            throw ParameterError("expects [min, max] with min below max, got \(node.canonicalText)", at: node.location)
        }
    }

    var canonicalText: String { "[\(lowest.canonicalText), \(highest.canonicalText)]" }
    var jsonValue: JSONValue { [.double(lowest), .double(highest)] }
}

extension LoadStep {
    /// Says which (user, movie) pairs a ratings file rates more than once, by line, and what
    /// later steps make of them; nil when there are none.
    static func repeatedRatingsNote(_ loaded: MovieLens.LoadedTable) -> String? {
        let repeated = loaded.repeatedRatings
        guard let file = loaded.files.first?.lastPathComponent, !repeated.isEmpty else { return nil }
        let shown = repeated.prefix(3).map { pair in
            "user \(pair.userId) rates movie \(pair.movieId) on lines \(Self.listed(pair.lines.map(String.init)))"
        }
        let more = repeated.count > shown.count ? "; and \(Format.grouped(repeated.count - shown.count)) more pairs" : ""
        return "\(file): \(Format.grouped(repeated.count)) (user, movie) pair\(repeated.count == 1 ? " is" : "s are") rated more than once: "
            + shown.joined(separator: "; ") + more
            + ". pivot and train take the mean of each pair's ratings, as pandas' pivot_table does."
    }

    /// "2 and 7", "2, 5 and 7".
    private static func listed(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }
}

extension LoadStep {
    /// Reads `table` while another thread hashes its files into `context` for the report's
    /// footer: hashing a 700 MB ratings file takes as long as a fifth of reading it, and need
    /// not wait for it. An error reading the table comes before an error hashing it.
    static func load(
        _ table: MovieLens.Table, of release: MovieLens, ratingScale: NumericDomain?, hashingIn context: StepContext
    ) throws -> MovieLens.LoadedTable {
        let hashing = FileHashing(files: release.files(for: table), context: context)
        // A thread of its own, not the shared pool's: on two cores the pool ran the hashing and
        // the second half of a large file's rows one after the other on one worker, so that
        // half finished last; three threads share the two cores evenly.
        let hashed = DedicatedThread { hashing.run() }
        let loaded = Result { try release.load(table, ratingScale: ratingScale) }
        hashed.wait()
        let table = try loaded.get()
        try hashing.finish()
        return table
    }
}

/// Hashes the files a step reads into its context on another thread.
///
/// `@unchecked Sendable`: while ``run()`` runs, the step's thread does not touch the context
/// (it reads the files), and it calls ``finish()`` only after waiting for ``run()`` to return.
private final class FileHashing: @unchecked Sendable {
    private let files: [URL]
    private let context: StepContext
    private var error: (any Error)?

    init(files: [URL], context: StepContext) {
        self.files = files
        self.context = context
    }

    func run() {
        do {
            for file in files { try context.recordRead(of: file) }
        } catch {
            self.error = error
        }
    }

    func finish() throws {
        if let error { throw error }
    }
}
