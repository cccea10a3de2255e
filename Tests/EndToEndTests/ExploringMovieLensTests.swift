import Foundation
import Testing

/// `notebooks/exploring-movielens.md`, the analysis written only with the general table steps,
/// through the built binary: its five saved tables against pandas on ml-latest-small, and the same
/// notebook on a small release of each MovieLens layout.
@Suite(.serialized) struct ExploringMovieLensTests {
    static let notebook = RecbookBinary.packageRoot.appendingPathComponent("notebooks/exploring-movielens.md")

    // The expected tables below were computed once with pandas 3.0 on ml-latest-small, outside the
    // project, by this script (its printed output, rounded to 4 decimals, is what is written here):
    //
    //   r = pd.read_csv('ratings.csv'); m = pd.read_csv('movies.csv'); t = pd.read_csv('tags.csv')
    //   rm = r.merge(m, on='movieId')
    //   g = rm.assign(genre=rm.genres.str.split('|')).explode('genre')
    //   g = g[g.genre != '(no genres listed)']
    //   gs = g.groupby('genre').rating.agg(ratings='count', mean_rating='mean').reset_index()
    //   gs = gs[gs.ratings >= 1000].sort_values(['mean_rating', 'genre'], ascending=[False, True])
    //   r['year'] = pd.to_datetime(r.timestamp, unit='s', utc=True).dt.year
    //   ry = r.groupby('year').rating.agg(ratings='count', mean_rating='mean').reset_index()
    //   ms = r.groupby('movieId').rating.agg(ratings='count', mean_rating='mean').reset_index()
    //   ms = ms[ms.ratings >= 50].merge(m[['movieId', 'title']], on='movieId')
    //   tm = ms.sort_values(['mean_rating', 'ratings', 'movieId'], ascending=[False, False, True]).head(20)
    //   pu = r.groupby('userId').size()
    //   activity = [len(pu), pu.min(), pu.quantile(.25), pu.median(), pu.quantile(.75), pu.max(), pu.mean()]
    //   t['tag'] = t.tag.astype(str).str.strip().str.lower()
    //   tt = (t.groupby('tag').movieId.nunique().reset_index(name='movies')
    //          .sort_values(['movies', 'tag'], ascending=[False, True]).head(20))
    static let pandasGenreStats: [(String, Int, Double)] = [
        ("War", 4859, 3.808294), ("Documentary", 1219, 3.797785), ("Crime", 16681, 3.658294),
        ("Drama", 41928, 3.656184), ("Mystery", 7674, 3.632460), ("Animation", 6988, 3.629937),
        ("IMAX", 4145, 3.618335), ("Western", 1930, 3.583938), ("Musical", 4138, 3.563678),
        ("Adventure", 24161, 3.508609), ("Romance", 18124, 3.506511), ("Thriller", 26452, 3.493706),
        ("Fantasy", 11834, 3.491001), ("Sci-Fi", 17243, 3.455721), ("Action", 30635, 3.447984),
        ("Children", 9208, 3.412956), ("Comedy", 39053, 3.384721), ("Horror", 7291, 3.258195),
    ]
    static let pandasRatingsByYear: [(Int, Int, Double)] = [
        (1996, 6040, 3.535927), (1997, 1916, 3.727557), (1998, 507, 3.435897), (1999, 2439, 3.772448),
        (2000, 10061, 3.392506), (2001, 3922, 3.512239), (2002, 3478, 3.606958), (2003, 4014, 3.499377),
        (2004, 3279, 3.506099), (2005, 5813, 3.431533), (2006, 4059, 3.487928), (2007, 7114, 3.309039),
        (2008, 4351, 3.656746), (2009, 4158, 3.392496), (2010, 2301, 3.463494), (2011, 1690, 3.784024),
        (2012, 4656, 3.641323), (2013, 1664, 3.877404), (2014, 1439, 3.510771), (2015, 6616, 3.513830),
        (2016, 6703, 3.686334), (2017, 8198, 3.348805), (2018, 6418, 3.389062),
    ]
    static let pandasTopMovies: [(Int, String, Int, Double)] = [
        (318, "Shawshank Redemption, The (1994)", 317, 4.429022),
        (858, "Godfather, The (1972)", 192, 4.289062),
        (2959, "Fight Club (1999)", 218, 4.272936),
        (1276, "Cool Hand Luke (1967)", 57, 4.271930),
        (750, "Dr. Strangelove or: How I Learned to Stop Worrying and Love the Bomb (1964)", 97, 4.268041),
        (904, "Rear Window (1954)", 84, 4.261905),
        (1221, "Godfather: Part II, The (1974)", 129, 4.259690),
        (48516, "Departed, The (2006)", 107, 4.252336),
        (1213, "Goodfellas (1990)", 126, 4.250000),
        (912, "Casablanca (1942)", 100, 4.240000),
        (58559, "Dark Knight, The (2008)", 149, 4.238255),
        (50, "Usual Suspects, The (1995)", 204, 4.237745),
        (1197, "Princess Bride, The (1987)", 142, 4.232394),
        (260, "Star Wars: Episode IV - A New Hope (1977)", 251, 4.231076),
        (527, "Schindler's List (1993)", 220, 4.225000),
        (1208, "Apocalypse Now (1979)", 107, 4.219626),
        (2329, "American History X (1998)", 129, 4.217054),
        (1196, "Star Wars: Episode V - The Empire Strikes Back (1980)", 211, 4.215640),
        (1252, "Chinatown (1974)", 59, 4.211864),
        (1198, "Raiders of the Lost Ark (Indiana Jones and the Raiders of the Lost Ark) (1981)", 200, 4.207500),
    ]
    static let pandasUserActivity: [(String, Double)] = [
        ("users", 610), ("min", 20), ("q25", 35), ("median", 70.5), ("q75", 168), ("max", 2698), ("mean", 165.304918),
    ]
    static let pandasTopTags: [(String, Int)] = [
        ("in netflix queue", 131), ("atmospheric", 37), ("disney", 22), ("funny", 22), ("quirky", 22),
        ("religion", 22), ("superhero", 22), ("surreal", 22), ("comedy", 19), ("crime", 19),
        ("politics", 19), ("psychology", 19), ("sci-fi", 19), ("suspense", 19), ("thought-provoking", 19),
        ("visually appealing", 18), ("action", 16), ("dark", 16), ("dark comedy", 16), ("twist ending", 16),
    ]

    @Test(.enabled(if: RecbookBinary.movieLensSmall != nil, "needs ../shared/datasets/ml-latest-small"))
    func theSavedTablesMatchPandasOnMovieLensSmall() throws {
        let scratch = try Scratch()
        let result = try RecbookBinary.run([
            "run", Self.notebook.path, "--output", scratch.url.appendingPathComponent("out").path,
            "--no-cache", "--quiet", "--param", "data=\(RecbookBinary.movieLensSmall!.path)",
        ], in: scratch.url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")

        let genres = try SavedTable(scratch, "out/genre_stats.csv")
        #expect(genres.header == ["genre", "ratings", "mean_rating"])
        #expect(genres.rows.count == Self.pandasGenreStats.count)
        for (row, expected) in zip(genres.rows, Self.pandasGenreStats) {
            #expect(row[0] == expected.0 && Int(row[1]) == expected.1 && agrees(row[2], expected.2), "\(row) ≠ \(expected)")
        }

        let years = try SavedTable(scratch, "out/ratings_by_year.csv")
        #expect(years.header == ["year", "ratings", "mean_rating"])
        #expect(years.rows.count == Self.pandasRatingsByYear.count)
        for (row, expected) in zip(years.rows, Self.pandasRatingsByYear) {
            #expect(Int(row[0]) == expected.0 && Int(row[1]) == expected.1 && agrees(row[2], expected.2), "\(row) ≠ \(expected)")
        }

        let movies = try SavedTable(scratch, "out/top_movies.csv")
        #expect(movies.header == ["movieId", "title", "ratings", "mean_rating"])
        #expect(movies.rows.count == 20)
        for (row, expected) in zip(movies.rows, Self.pandasTopMovies) {
            #expect(Int(row[0]) == expected.0 && row[1] == expected.1 && Int(row[2]) == expected.2 && agrees(row[3], expected.3), "\(row) ≠ \(expected)")
        }

        let activity = try SavedTable(scratch, "out/user_activity.csv")
        #expect(activity.header == ["statistic", "value"])
        #expect(activity.rows.map { $0[0] } == Self.pandasUserActivity.map(\.0))
        for (row, expected) in zip(activity.rows, Self.pandasUserActivity) {
            #expect(agrees(row[1], expected.1), "\(row) ≠ \(expected)")
        }

        let tags = try SavedTable(scratch, "out/top_tags.csv")
        #expect(tags.header == ["tag", "movies"])
        #expect(tags.rows.map { $0[0] } == Self.pandasTopTags.map(\.0))
        #expect(tags.rows.map { Int($0[1]) } == Self.pandasTopTags.map(\.1))

        // The prose's inline figures are rendered from the run.
        let html = try scratch.read("out/exploring-movielens.html")
        #expect(html.contains(#"<span class="inline-value">War</span> is rated highest"#))
        #expect(html.contains(#"<span class="inline-value">317</span> ratings"#))
    }

    // MARK: - The other layouts

    /// Five users, five movies: the tables below are worked out by hand from these rows.
    static let ratings: [(user: Int, movie: Int, stars: Int, time: Int)] = {
        let stars = [
            (1, [4, 3, 5, 4, 2]), (2, [5, 4, 1, 5, 3]), (3, [2, 2, 4, 3, 5]), (4, [3, 5, 2, 4, 4]),
        ]
        var rows: [(Int, Int, Int, Int)] = []
        for (user, values) in stars {
            for (index, value) in values.enumerated() { rows.append((user, index + 1, value, 964_982_000 + rows.count * 10)) }
        }
        rows.append((5, 1, 5, 1_000_000_000))
        rows.append((5, 3, 4, 1_000_000_100))
        return rows
    }()
    static let movies: [(id: Int, title: String, genres: [String])] = [
        (1, "Toy Story (1995)", ["Adventure", "Animation", "Children", "Comedy", "Fantasy"]),
        (2, "American President, The (1995)", ["Comedy", "Drama", "Romance"]),
        (3, "<script>alert(1)</script> (2001)", ["Horror"]),
        (4, "Heat (1995)", ["Action", "Crime", "Thriller"]),
        (5, "Amélie (2001)", ["Comedy", "Romance"]),
    ]

    // Per movie (ratings, mean): 1 → (5, 3.8), 2 → (4, 3.5), 3 → (5, 3.2), 4 → (4, 4.0), 5 → (4, 3.5).
    // Comedy holds movies 1, 2 and 5: (19 + 14 + 14) / 13 = 3.615385; Romance 2 and 5: 28 / 8 = 3.5.
    static let genreStats: [(String, Int, Double)] = [
        ("Action", 4, 4.0), ("Crime", 4, 4.0), ("Thriller", 4, 4.0), ("Adventure", 5, 3.8), ("Animation", 5, 3.8),
        ("Children", 5, 3.8), ("Fantasy", 5, 3.8), ("Comedy", 13, 3.615385), ("Drama", 4, 3.5), ("Romance", 8, 3.5),
        ("Horror", 5, 3.2),
    ]
    static let topMovieIds = [4, 1, 2, 5, 3]
    // Users 1-4 rated in 2000 (70 stars over 20 ratings), user 5 in 2001 (9 over 2).
    static let ratingsByYear: [(Int, Int, Double)] = [(2000, 20, 3.5), (2001, 2, 4.5)]
    // Ratings per user: 5, 5, 5, 5, 2.
    static let userActivity: [Double] = [5, 2, 5, 5, 5, 5, 4.4]

    enum Layout: String, CaseIterable { case latest, latestWithoutTags, tenMillion, oneMillion, hundredK }

    @Test(arguments: Layout.allCases)
    func runsOnEveryLayout(_ layout: Layout) throws {
        let scratch = try Scratch()
        try Self.writeRelease(layout, in: scratch)
        let result = try RecbookBinary.run([
            "run", Self.notebook.path, "--output", scratch.url.appendingPathComponent("out").path, "--quiet",
            "--param", "data=\(scratch.url.appendingPathComponent("data").path)", "--param", "reference=false",
            "--param", "min_genre_ratings=1", "--param", "min_movie_ratings=1",
        ], in: scratch.url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")

        let genres = try SavedTable(scratch, "out/genre_stats.csv")
        #expect(genres.rows.map { $0[0] } == Self.genreStats.map(\.0))
        for (row, expected) in zip(genres.rows, Self.genreStats) {
            #expect(Int(row[1]) == expected.1 && agrees(row[2], expected.2), "\(row) ≠ \(expected)")
        }
        let movies = try SavedTable(scratch, "out/top_movies.csv")
        #expect(movies.rows.map { Int($0[0]) } == Self.topMovieIds)
        #expect(movies.rows.map { $0[1] }.contains("Amélie (2001)"), "the Latin-1 title must read back")
        let years = try SavedTable(scratch, "out/ratings_by_year.csv")
        #expect(years.rows.map { Int($0[0]) } == Self.ratingsByYear.map(\.0))
        #expect(zip(years.rows, Self.ratingsByYear).allSatisfy { Int($0[1]) == $1.1 && agrees($0[2], $1.2) })
        let activity = try SavedTable(scratch, "out/user_activity.csv")
        #expect(zip(activity.rows, Self.userActivity).allSatisfy { agrees($0[1], $1) } && activity.rows.count == 7)

        let tags = try SavedTable(scratch, "out/top_tags.csv")
        #expect(tags.header == ["tag", "movies"])
        if layout == .latest || layout == .tenMillion {
            #expect(tags.rows.map { $0 } == [["funny", "2"], ["scary", "1"]])
        } else {
            #expect(tags.rows.isEmpty, "a release without tags gives an empty table")
        }
        let html = try scratch.read("out/exploring-movielens.html")
        #expect(!html.contains("<script>alert(1)"), "a title from the data must be escaped")
    }

    static func writeRelease(_ layout: Layout, in scratch: Scratch) throws {
        let tags = [(1, 3, "Scary", 964_982_000), (2, 3, " scary ", 964_982_001), (1, 1, "funny", 964_982_002), (3, 5, "Funny", 964_982_003)]
        switch layout {
        case .latest, .latestWithoutTags:
            try scratch.write("data/movies.csv", "movieId,title,genres\n" + movies.map { "\($0.id),\(csvField($0.title)),\($0.genres.joined(separator: "|"))\n" }.joined())
            try scratch.write("data/ratings.csv", "userId,movieId,rating,timestamp\n" + ratings.map { "\($0.user),\($0.movie),\($0.stars).0,\($0.time)\n" }.joined())
            if layout == .latest {
                try scratch.write("data/tags.csv", "userId,movieId,tag,timestamp\n" + tags.map { "\($0.0),\($0.1),\(csvField($0.2)),\($0.3)\n" }.joined())
            }
        case .tenMillion, .oneMillion:
            try write(latin1: movies.map { "\($0.id)::\($0.title)::\($0.genres.joined(separator: "|"))\n" }.joined(), to: "data/movies.dat", in: scratch)
            try scratch.write("data/ratings.dat", ratings.map { "\($0.user)::\($0.movie)::\($0.stars)::\($0.time)\n" }.joined())
            if layout == .tenMillion {
                try scratch.write("data/tags.dat", tags.map { "\($0.0)::\($0.1)::\($0.2)::\($0.3)\n" }.joined())
            } else {
                try scratch.write("data/users.dat", (1...5).map { "\($0)::F::1::10::48067\n" }.joined())
            }
        case .hundredK:
            let genreNames = ["unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary",
                              "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
                              "Thriller", "War", "Western"]
            try scratch.write("data/u.genre", genreNames.enumerated().map { "\($1)|\($0)\n" }.joined())
            let items = movies.map { movie in
                let flags = genreNames.map { name in movie.genres.contains(name == "Children's" ? "Children" : name) ? "1" : "0" }
                return "\(movie.id)|\(movie.title)|01-Jan-1995||http://example.org/|\(flags.joined(separator: "|"))\n"
            }
            try write(latin1: items.joined(), to: "data/u.item", in: scratch)
            try scratch.write("data/u.data", ratings.map { "\($0.user)\t\($0.movie)\t\($0.stars)\t\($0.time)\n" }.joined())
        }
    }

    private static func write(latin1 text: String, to path: String, in scratch: Scratch) throws {
        let url = scratch.url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try #require(text.data(using: .isoLatin1)).write(to: url)
    }

    private static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") || text.hasPrefix(" ") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

/// Agreement to 4 decimals, as the issue asks of the saved means.
private func agrees(_ field: String, _ expected: Double) -> Bool {
    guard let value = Double(field) else { return false }
    return abs(value - expected) < 0.5e-4
}

/// A CSV file `save` wrote: its header and rows, read as RFC 4180 says.
private struct SavedTable {
    var header: [String]
    var rows: [[String]]

    init(_ scratch: Scratch, _ path: String) throws {
        var records = Self.records(try scratch.read(path))
        header = records.isEmpty ? [] : records.removeFirst()
        rows = records
    }

    static func records(_ text: String) -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, characters = Array(text), index = 0
        if characters.last != "\n" { characters.append("\n") }
        while index < characters.count {
            let character = characters[index]
            if quoted {
                if character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" { field.append("\""); index += 1 } else { quoted = false }
                } else { field.append(character) }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                record.append(field); field = ""
            } else if character == "\n" || character == "\r\n" {
                record.append(field); field = ""
                records.append(record); record = []
            } else if character != "\r" {
                field.append(character)
            }
            index += 1
        }
        return records
    }
}
