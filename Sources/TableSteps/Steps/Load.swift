import Foundation
import Frames
import NotebookCore
import Outputs

/// Reads one table of a MovieLens release, in any of its layouts.
struct LoadStep: Step {
    static let name = "load"
    static let category = "Data"
    static let summary = "Load a MovieLens table (movies, ratings or tags) from a release directory."
    static let discussion = """
    Reads every MovieLens layout: ml-latest, ml-latest-small, ml-20m, ml-25m and ml-32m \
    (CSV), ml-1m and ml-10m (`::`-separated .dat files) and ml-100k (u.data, u.item). Each is \
    normalised to the ml-latest schema: movies(movieId, title, genres as A|B), \
    ratings(userId, movieId, rating, timestamp), tags(userId, movieId, tag, timestamp); a release \
    without tags gives an empty tags table. Every file read is hashed into the report's footer.
    """
    static let example = "data: ${data}\ntable: ratings\nas: ratings"
    static let produces: ValueKind? = .table
    static let schema: ParameterSchema<Self> = [
        .parameter(\.data, "data", doc: "The release directory, for example ml-latest-small.", required: true),
        .parameter(\.table, "table", doc: "Which table to read.", required: true),
        .parameter(\.preview, "preview", doc: "What to show of the table after loading it."),
    ]

    var data = FilePath("")
    var table: MovieLensTableName = .ratings
    var preview: Preview = .table

    func run(in context: StepContext) throws -> (any NotebookValue)? {
        let release = try MovieLens(directory: context.url(for: data))
        let loaded = try release.load(table.table)
        for file in loaded.files { try context.recordRead(of: file) }
        if let output = preview.output(loaded.frame) { context.emit(output) }
        return loaded.frame
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
