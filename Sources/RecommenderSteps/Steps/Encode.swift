import Frames
import Learning
import LinearAlgebra
import NotebookCore
import TableSteps
import RecbookSupport

/// Every feature transformation the original makes, one per block: multi-hot genres, tags
/// joined per movie, TF-IDF, label encoding, the rating scale, and min–max scaling.
struct EncodeStep: Step {
    static let name = "encode"
    static let category = "Features"
    static let summary = "Add features to rating rows: multi-hot genres, joined tags, TF-IDF, label encoding, rating scale, min–max scaling."
    static let discussion = """
    Each call adds one transformation to a feature table (a plain table becomes one). Features \
    are kept per movie and gathered by movie index, never copied per rating row. Transforms:
    - `multi-hot`: one 0/1 column per label of `column` split on `separator` (scikit-learn's \
    MultiLabelBinarizer), classes fitted on `source` (default: the rows) and sorted.
    - `join-tags`: each movie's tags from the `tags` table joined with `separator`, in file \
    order; movies without tags get "".
    - `tfidf`: scikit-learn's TfidfVectorizer on the text block `column`, one document per row: \
    lowercase, tokens of two or more word characters, the `max_features` most frequent terms \
    (ties alphabetical), smooth idf ln((1+n)/(1+df))+1, rows L2-normalised.
    - `label`: dense indices for the id columns `columns`, named `names` (LabelEncoder); prints \
    the counts.
    - `target`: records the rating scale of `column` and prints its minimum and maximum; \
    models normalise ratings to [0, 1] with it.
    - `minmax`: scikit-learn's MinMaxScaler on every numeric block, fitted on the movies of the \
    rows in `fit_on` only.
    """
    static let example = "table: movie_ratings\ntransform: multi-hot\ncolumn: genres\nsource: movies\nas: movie_ratings"
    static let produces: ValueKind? = .featureTable
    static let schema: ParameterSchema<Self> = [
        .input(\.table, "table", kind: .table, doc: "The rating rows (a table or a feature table)."),
        .parameter(\.transform, "transform", doc: "Which transformation to add.", required: true),
        .parameter(\.column, "column", doc: "multi-hot: the label column; tfidf: the text block; join-tags: the tags table's text column; target: the rating column."),
        .input(\.source, "source", kind: .table, doc: "multi-hot: the table (keyed by movieId) whose labels are encoded; default the rows."),
        .parameter(\.separator, "separator", doc: "multi-hot: the label separator (default '|'); join-tags: the joiner (default ' ')."),
        .input(\.tags, "tags", kind: .table, doc: "join-tags: the tags table (movieId and a text column)."),
        .parameter(\.maxFeatures, "max_features", doc: "tfidf: keep this many most frequent terms.", .inRange(1...100_000)),
        .parameter(\.columns, "columns", doc: "label: the id columns to encode."),
        .parameter(\.names, "names", doc: "label: the names of the encoded columns (default: the columns' names without 'Id')."),
        .input(\.fitOn, "fit_on", kind: .table, doc: "minmax: the rows whose movies the scaler is fitted on (the training part)."),
        .parameter(\.preview, "preview", doc: "What to show of the result."),
    ]

    enum Transform: String, ChoiceParameter {
        case multiHot = "multi-hot", joinTags = "join-tags", tfidf, label, target, minmax
    }

    var table = ValueRef()
    var transform: Transform = .multiHot
    var column: String? = nil
    var source: ValueRef? = nil
    var separator: String? = nil
    var tags: ValueRef? = nil
    var maxFeatures: Int? = nil
    var columns: [String] = []
    var names: [String] = []
    var fitOn: ValueRef? = nil
    var preview: Preview = .head

    /// Which parameters each transform takes, and which it needs.
    private static let applicable: [Transform: (allowed: Set<String>, required: Set<String>)] = [
        .multiHot: (["column", "source", "separator"], ["column"]),
        .joinTags: (["tags", "column", "separator"], ["tags"]),
        .tfidf: (["column", "max_features"], ["column"]),
        .label: (["columns", "names"], ["columns"]),
        .target: (["column"], []),
        .minmax: (["fit_on"], ["fit_on"]),
    ]

    func validate() -> [ParameterProblem] {
        let given: [String: Bool] = [
            "column": column != nil, "source": source != nil, "separator": separator != nil, "tags": tags != nil,
            "max_features": maxFeatures != nil, "columns": !columns.isEmpty, "names": !names.isEmpty, "fit_on": fitOn != nil,
        ]
        guard let rule = Self.applicable[transform] else { return [] }
        var problems: [ParameterProblem] = []
        for (name, isGiven) in given.sorted(by: { $0.key < $1.key }) {
            if isGiven, !rule.allowed.contains(name) {
                let users = Self.applicable.filter { $0.value.allowed.contains(name) }.map(\.key.rawValue).sorted()
                problems.append(ParameterProblem(name, "parameter '\(name)' does not apply to transform '\(transform.rawValue)' (only to \(users.map { "'\($0)'" }.joined(separator: ", ")))"))
            }
            if !isGiven, rule.required.contains(name) {
                problems.append(ParameterProblem(name, "transform '\(transform.rawValue)' needs parameter '\(name)'"))
            }
        }
        if transform == .label, !names.isEmpty, names.count != columns.count {
            problems.append(ParameterProblem("names", "'names' must name each of the \(columns.count) columns"))
        }
        return problems
    }

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let input = try context.anyValue(table)
        var features: FeatureTable
        switch input {
        case let existing as FeatureTable: features = existing
        case let frame as DataFrame: features = try FeatureTable(rows: frame)
        default: throw StepError("'\(table)' is \(input.kind.withArticle), not a table")
        }
        switch transform {
        case .multiHot: try addMultiHot(to: &features, context: context)
        case .joinTags: try addJoinedTags(to: &features, context: context)
        case .tfidf: try addTfidf(to: &features, context: context)
        case .label: try addLabels(to: &features, context: context)
        case .target: try addTarget(to: &features, context: context)
        case .minmax: try scale(&features, context: context)
        }
        if let output = preview.output(features.tabular) { context.emit(output) }
        return features
    }

    // MARK: Transforms

    private func addMultiHot(to features: inout FeatureTable, context: StepContext) throws {
        let column = self.column ?? "genres"
        let separator = self.separator ?? "|"
        let sourceFrame = try source.map { try context.value($0, as: (any FrameValue).self).frame } ?? features.rows
        let ids = try sourceFrame.ints("movieId")
        // One character ("|") splits as a character: the same pieces, without a substring search.
        let character = separator.count == 1 ? separator.first : nil
        let labels = try sourceFrame.strings(column).map { text in
            (character.map { text.split(separator: $0, omittingEmptySubsequences: false) }
                ?? text.split(separator: separator, omittingEmptySubsequences: false)).map(String.init)
        }
        let binarizer = MultiLabelBinarizer(fitting: labels)
        var labelsByMovie: [Int: [String]] = [:]
        for (id, set) in zip(ids, labels) where labelsByMovie[id] == nil { labelsByMovie[id] = set }
        let perMovie = try features.movies.ids.map { id in
            guard let set = labelsByMovie[id] else {
                throw StepError("movie \(id) has no '\(column)' in the source table")
            }
            return set
        }
        features.blocks.append(.numeric(name: column, columns: binarizer.classes, values: binarizer.transform(perMovie)))
        features.encoders[column] = .multiHot(separator: separator)
    }

    private func addJoinedTags(to features: inout FeatureTable, context: StepContext) throws {
        guard let tags else { return }
        let column = self.column ?? "tag"
        let tagFrame = try context.value(tags, as: (any FrameValue).self).frame
        let joined = try tagFrame.joinedStrings(of: column, by: "movieId", separator: separator ?? " ")
        let byMovie = Dictionary(zip(try joined.ints("movieId"), try joined.strings(column)), uniquingKeysWith: { first, _ in first })
        features.blocks.append(.text(name: column, values: features.movies.ids.map { byMovie[$0] ?? "" }))
    }

    private func addTfidf(to features: inout FeatureTable, context: StepContext) throws {
        let name = column ?? "tag"
        guard let block = features.blocks.first(where: { $0.name == name }), case let .text(_, documents) = block else {
            throw StepError("the feature table has no text block '\(name)'; add one with transform 'join-tags'")
        }
        // One document per rating row, as the original fits it: a movie's document counts once per rating.
        var multiplicities = [Int](repeating: 0, count: features.movies.count)
        for movie in features.movieOfRow { multiplicities[movie] += 1 }
        guard documents.contains(where: { !TfidfVectorizer.tokens(in: $0).isEmpty }) else {
            // A release without tags (ml-100k, ml-1m): an empty block, so later steps still run.
            context.print("No movie has a tag with a word of two or more letters; the TF-IDF block is empty.")
            features.blocks.append(.numeric(name: "tfidf", columns: [], values: Matrix(rowCount: features.movies.count, columnCount: 0)))
            return
        }
        let (vectorizer, values) = try TfidfVectorizer.fitTransform(documents, multiplicities: multiplicities, maxFeatures: maxFeatures)
        features.blocks.append(.numeric(name: "tfidf", columns: vectorizer.vocabulary, values: values))
        features.encoders["tfidf"] = .tfidf(vectorizer)
    }

    private func addLabels(to features: inout FeatureTable, context: StepContext) throws {
        let names = self.names.isEmpty ? columns.map(Self.defaultEncodedName) : self.names
        for (column, name) in zip(columns, names) {
            let encoding = try FeatureTable.Encoding(name: name, source: column, rows: features.rows)
            features.encodings.removeAll { $0.name == name }
            features.encodings.append(encoding)
            // The original prints with print("Total users: ", n): two spaces.
            context.print("Total \(name)s:  \(encoding.vocabulary.count)")
        }
    }

    static func defaultEncodedName(_ column: String) -> String {
        column.hasSuffix("Id") ? String(column.dropLast(2)) : column + "_index"
    }

    private func addTarget(to features: inout FeatureTable, context: StepContext) throws {
        let ratings = try features.rows.doubles(column ?? "rating").filter { !$0.isNaN }
        guard let low = ratings.min(), let high = ratings.max(), low < high else {
            throw StepError("column '\(column ?? "rating")' needs at least two different ratings to define a scale")
        }
        features.targetRange = low...high
        context.print("Minimum rating:  \(Format.shortest(low))")
        context.print("Maximum rating:  \(Format.shortest(high))")
    }

    private func scale(_ features: inout FeatureTable, context: StepContext) throws {
        guard let fitOn else { return }
        guard features.scaler == nil else { throw StepError("'\(table)' is already min–max scaled") }
        let fitFrame = try context.value(fitOn, as: (any FrameValue).self).frame
        let movieRows = Array(Set(try fitFrame.ints("movieId").compactMap { features.movies.index(of: $0) })).sorted()
        guard !movieRows.isEmpty else { throw StepError("none of the rows in '\(fitOn)' has a movie of the feature table") }
        let (_, content) = try features.contentMatrix()
        let scaler = try MinMaxScaler(fitting: content, rows: movieRows)
        let scaled = try scaler.transform(content)
        var offset = 0
        let movieCount = features.movies.count
        features.blocks = try features.blocks.map { block in
            guard case let .numeric(name, columns, _) = block else { return block }
            // The block's columns of every scaled row.
            var part = [Double]()
            part.reserveCapacity(movieCount * columns.count)
            scaled.withUnsafeBufferPointer { values in
                for movie in 0..<movieCount {
                    let start = movie * scaled.columnCount + offset
                    part.append(contentsOf: values[start..<(start + columns.count)])
                }
            }
            offset += columns.count
            return .numeric(name: name, columns: columns, values: try Matrix(rowCount: movieCount, columnCount: columns.count, storage: part))
        }
        features.scaler = scaler
        context.print("Min–max scaled \(offset) content features, fitted on the \(movieRows.count) movies of \(fitFrame.rowCount) rows.")
    }
}
