import Foundation

extension MovieLens {
    /// ml-100k's genres in the order of `u.item`'s flag fields, as its `u.genre` lists them.
    static let hundredKGenres = [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
        "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
        "Thriller", "War", "Western",
    ]

    /// Reads ml-100k's `u.item` (id | title | release date | video release date | IMDb URL |
    /// one 0/1 flag per genre) into the ml-latest movies schema.
    ///
    /// Genre names come from `u.genre` when present. "Children's" becomes "Children", "unknown"
    /// is dropped, and a movie left without genres gets "(no genres listed)", as in ml-latest.
    func loadHundredKMovies() throws -> LoadedTable {
        let itemURL = directory.appendingPathComponent("u.item")
        guard FileManager.default.fileExists(atPath: itemURL.path) else {
            throw DataError.missingDatasetFile(directory: directory.relativePath, file: "u.item")
        }
        var files = [itemURL]
        var genreNames = Self.hundredKGenres
        let genreURL = directory.appendingPathComponent("u.genre")
        if FileManager.default.fileExists(atPath: genreURL.path) {
            genreNames = try Self.readGenreNames(genreURL)
            files.append(genreURL)
        }

        let fixedFields = 5
        let flagColumns = genreNames.indices.map { CSVColumn("genre\($0)", .int, field: fixedFields + $0, allowsMissing: false) }
        let items = try CSVReader(format: CSVFormat(separator: "|", hasHeader: false, quoting: false)).read(
            CSVReader.contents(of: itemURL, file: "u.item"), file: "u.item",
            columns: [CSVColumn("movieId", .int, field: 0, allowsMissing: false), CSVColumn("title", .string, field: 1, allowsMissing: false)] + flagColumns
        )
        let flags = try flagColumns.map { try items.ints($0.name) }
        let genres = (0..<items.rowCount).map { row in
            let names = genreNames.indices
                .filter { flags[$0][row] != 0 && genreNames[$0] != "unknown" }
                .map { genreNames[$0] == "Children's" ? "Children" : genreNames[$0] }
            return names.isEmpty ? "(no genres listed)" : names.joined(separator: "|")
        }
        var movies = try items.selecting(["movieId", "title"])
        try movies.setColumn("genres", .strings(genres))
        return LoadedTable(frame: movies, files: files)
    }

    /// `u.genre`'s lines `name|index`, ordered by index.
    private static func readGenreNames(_ url: URL) throws -> [String] {
        let table = try CSVReader(format: CSVFormat(separator: "|", hasHeader: false, quoting: false)).read(
            CSVReader.contents(of: url, file: "u.genre"), file: "u.genre",
            columns: [CSVColumn("name", .string, allowsMissing: false), CSVColumn("index", .int, allowsMissing: false)]
        )
        let names = try table.strings("name")
        let indices = try table.ints("index")
        return names.indices.sorted { indices[$0] < indices[$1] }.map { names[$0] }
    }
}
