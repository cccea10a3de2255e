import Foundation
import Testing

/// Both notebooks run to the end on every layout `load` accepts: ml-latest CSV with and without
/// tags, ml-1m/ml-10m `::` files, and ml-100k's `u.data`/`u.item`.
@Suite struct ReleaseLayoutTests {
    /// One small release, written in each layout: 150 users, 60 movies (their ids include the
    /// ones the notebooks name: 6, 16, 858, 1213, 1221), 36 whole-star ratings per user.
    struct Release {
        static let genres = ["Action", "Comedy", "Drama", "Thriller", "Crime", "Romance", "Sci-Fi", "Horror"]
        static let movieIds = Array(1...55) + [858, 1213, 1221, 1300, 1301]

        let movies: [(id: Int, title: String, genres: [String])]
        let ratings: [(user: Int, movie: Int, rating: Int, time: Int)]
        let tags: [(user: Int, movie: Int, tag: String, time: Int)]

        init() {
            movies = Self.movieIds.enumerated().map { index, id in
                (id, "Movie \(id) (\(1970 + index % 40))", [Self.genres[index % 8], Self.genres[(index * 3 + 1) % 8]])
            }
            var ratings: [(Int, Int, Int, Int)] = []
            for user in 1...150 {
                for step in 0..<36 {
                    let index = (user * 7 + step * 11) % Self.movieIds.count
                    if ratings.contains(where: { $0.0 == user && $0.1 == Self.movieIds[index] }) { continue }
                    // Users of one taste (user % 3) like one third of the movies.
                    let rating = index % 3 == user % 3 ? 4 + (user + step) % 2 : 1 + (user * step) % 3
                    ratings.append((user, Self.movieIds[index], rating, 1_000_000_000 + user * 10_000 + step * 60))
                }
            }
            self.ratings = ratings
            let words = ["heist", "twist", "ending", "dark", "funny", "space", "classic", "slow"]
            tags = Self.movieIds.indices.flatMap { index in
                (0..<3).map { (1 + (index + $0) % 150, Self.movieIds[index], words[(index + $0 * 3) % 8] + " " + words[(index * 5 + $0) % 8], 1_100_000_000 + index) }
            }
        }

        func writeCSV(_ scratch: Scratch, at path: String, tags withTags: Bool) throws {
            try scratch.write("\(path)/movies.csv", "movieId,title,genres\n" + movies.map { "\($0.id),\($0.title),\($0.genres.joined(separator: "|"))\n" }.joined())
            try scratch.write("\(path)/ratings.csv", "userId,movieId,rating,timestamp\n" + ratings.map { "\($0.user),\($0.movie),\($0.rating).0,\($0.time)\n" }.joined())
            if withTags {
                try scratch.write("\(path)/tags.csv", "userId,movieId,tag,timestamp\n" + tags.map { "\($0.user),\($0.movie),\($0.tag),\($0.time)\n" }.joined())
            }
        }

        /// ml-1m: `users.dat` marks the whole-star release.
        func writeDat(_ scratch: Scratch, at path: String) throws {
            try scratch.write("\(path)/movies.dat", movies.map { "\($0.id)::\($0.title)::\($0.genres.joined(separator: "|"))\n" }.joined())
            try scratch.write("\(path)/ratings.dat", ratings.map { "\($0.user)::\($0.movie)::\($0.rating)::\($0.time)\n" }.joined())
            try scratch.write("\(path)/users.dat", (1...150).map { "\($0)::F::25::1::00000\n" }.joined())
        }

        func writeHundredK(_ scratch: Scratch, at path: String) throws {
            let order = ["unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
                         "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"]
            try scratch.write("\(path)/u.item", movies.map { movie in
                "\(movie.id)|\(movie.title)|01-Jan-1995||http://x|" + order.map { movie.genres.contains($0) ? "1" : "0" }.joined(separator: "|") + "\n"
            }.joined())
            try scratch.write("\(path)/u.data", ratings.map { "\($0.user)\t\($0.movie)\t\($0.rating)\t\($0.time)\n" }.joined())
        }
    }

    static let layouts = ["csv with tags", "csv without tags", "dat", "100k"]

    @Test(.enabled(if: RecbookBinary.isRelease, "needs the release build"), arguments: Self.layouts)
    func bothNotebooksRunToTheEnd(layout: String) throws {
        let scratch = try Scratch()
        let release = Release()
        switch layout {
        case "csv with tags": try release.writeCSV(scratch, at: "data", tags: true)
        case "csv without tags": try release.writeCSV(scratch, at: "data", tags: false)
        case "dat": try release.writeDat(scratch, at: "data")
        default: try release.writeHundredK(scratch, at: "data")
        }
        for notebook in ["movie-recommender", "model-comparison"] {
            let result = try RecbookBinary.run([
                "run", "notebooks/\(notebook).md", "--no-cache", "--quiet", "--output", scratch.url.appendingPathComponent("out").path,
                "--param", "data=\(scratch.url.appendingPathComponent("data").path)", "--param", "reference=false",
            ])
            #expect(result.status == 0, "\(notebook) on \(layout):\n\(result.stdout.suffix(3000))\(result.stderr.suffix(3000))")
            let html = try String(contentsOf: scratch.url.appendingPathComponent("out/\(notebook).html"), encoding: .utf8)
            if layout != "csv with tags", notebook == "model-comparison" {
                // What the release lacks is said, not silently skipped.
                #expect(html.contains("scored from its genres alone"), "\(notebook) on \(layout)")
            }
        }
    }
}
