import Foundation
import Testing
@testable import Frames

@Suite("MovieLens layouts")
struct MovieLensTests {
    // MARK: ml-latest family (CSV)

    static func writeLatest(_ directory: TemporaryDirectory, tags: Bool = true) throws {
        try directory.write("movies.csv", """
            movieId,title,genres
            1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
            11,"American President, The (1995)",Comedy|Drama|Romance
            72,\"\"\"Great Performances\"\" Cats (1998)\",Musical
            73,"Misérables, Les (1995)",Drama|War
            193609,Andrew Dice Clay: Dice Rules (1991),(no genres listed)

            """)
        try directory.write("ratings.csv", """
            userId,movieId,rating,timestamp
            1,1,4.0,964982703
            1,11,5.0,964981247
            5,1,0.5,847434962

            """)
        if tags {
            try directory.write("tags.csv", """
                userId,movieId,tag,timestamp
                2,60756,funny,1445714994
                2,60756,"Highly quotable, really",1445714996

                """)
        }
        try directory.write("links.csv", "movieId,imdbId,tmdbId\n1,0114709,862\n")
    }

    @Test("ml-latest: quoted titles, escaped quotes, UTF-8")
    func latest() throws {
        let directory = try TemporaryDirectory()
        try Self.writeLatest(directory)
        let release = try MovieLens(directory: directory.url)
        #expect(release.layout == .csv)

        let movies = try release.load(.movies)
        #expect(movies.frame.columnNames == ["movieId", "title", "genres"])
        #expect(try movies.frame.ints("movieId") == [1, 11, 72, 73, 193_609])
        #expect(try movies.frame.strings("title") == [
            "Toy Story (1995)", "American President, The (1995)", "\"Great Performances\" Cats (1998)",
            "Misérables, Les (1995)", "Andrew Dice Clay: Dice Rules (1991)",
        ])
        #expect(try movies.frame.strings("genres")[4] == "(no genres listed)")
        #expect(movies.files.map(\.lastPathComponent) == ["movies.csv"])

        let ratings = try release.load(.ratings)
        #expect(ratings.frame.columnNames == ["userId", "movieId", "rating", "timestamp"])
        #expect(ratings.frame.columns.map(\.type) == [.int, .int, .double, .int])
        #expect(try ratings.frame.doubles("rating") == [4.0, 5.0, 0.5])
        #expect(try ratings.frame.ints("timestamp") == [964_982_703, 964_981_247, 847_434_962])

        let tags = try release.load(.tags)
        #expect(try tags.frame.strings("tag") == ["funny", "Highly quotable, really"])
        #expect(release.files(for: .tags).map(\.lastPathComponent) == ["tags.csv"])
    }

    @Test("errors inside a release name the file relative to the release directory")
    func errorInsideRelease() throws {
        let directory = try TemporaryDirectory()
        try Self.writeLatest(directory)
        try directory.write("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,x,964982703\n")
        let release = try MovieLens(directory: directory.url)
        #expect(dataErrorMessage { _ = try release.load(.ratings) } == "ratings.csv:3: column 'rating': expected a number, got 'x'")
        try directory.write("movies.csv", "movieId,title,genres\n1,Toy Story (1995),\n")
        #expect(dataErrorMessage { _ = try release.load(.movies) } == "movies.csv:2: column 'genres': expected text, got an empty field")
        try directory.write("ratings.csv", "userId,movieId,timestamp\n1,1,964982703\n")
        #expect(
            dataErrorMessage { _ = try release.load(.ratings) }
                == "ratings.csv: missing column 'rating' (the header has userId, movieId, timestamp)"
        )
    }

    @Test("a release without tags gives an empty tags table with the usual columns")
    func missingTags() throws {
        let directory = try TemporaryDirectory()
        try Self.writeLatest(directory, tags: false)
        let tags = try MovieLens(directory: directory.url).load(.tags)
        #expect(tags.frame.rowCount == 0)
        #expect(tags.frame.columnNames == ["userId", "movieId", "tag", "timestamp"])
        #expect(tags.frame.columns.map(\.type) == [.int, .int, .string, .int])
        #expect(tags.files.isEmpty)
    }

    // MARK: ml-1m and ml-10m (`::`)

    @Test("ml-1m: Latin-1 movies.dat, Children's renamed, no tags")
    func oneMillion() throws {
        let directory = try TemporaryDirectory()
        try directory.write("movies.dat", bytes: latin1("""
            1::Toy Story (1995)::Animation|Children's|Comedy
            73::Misérables, Les (1995)::Drama|Musical
            1203::12 Angry Men (1957)::Drama

            """))
        try directory.write("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n")
        try directory.write("users.dat", "1::F::1::10::48067\n")
        let release = try MovieLens(directory: directory.url)
        #expect(release.layout == .dat)
        let movies = try release.load(.movies).frame
        #expect(try movies.ints("movieId") == [1, 73, 1203])
        #expect(try movies.strings("title")[1] == "Misérables, Les (1995)")
        #expect(try movies.strings("genres") == ["Animation|Children|Comedy", "Drama|Musical", "Drama"])
        let ratings = try release.load(.ratings).frame
        #expect(ratings.columnNames == ["userId", "movieId", "rating", "timestamp"])
        #expect(try ratings.doubles("rating") == [5, 3])
        #expect(try ratings.ints("movieId") == [1193, 661])
        #expect(try release.load(.tags).frame.rowCount == 0)
    }

    @Test("ml-10m: UTF-8 movies.dat and tags.dat")
    func tenMillion() throws {
        let directory = try TemporaryDirectory()
        try directory.write("movies.dat", """
            1::Toy Story (1995)::Adventure|Animation|Children|Comedy|Fantasy
            2::"Great Performances" Cats (1998)::Musical
            65130::Café Flesh (1982)::(no genres listed)

            """)
        try directory.write("ratings.dat", "1::122::5::838985046\n1::185::4.5::838983525\n")
        try directory.write("tags.dat", "15::4973::excellent!::1215184630\n20::1747::politics::1188263867\n")
        let release = try MovieLens(directory: directory.url)
        let movies = try release.load(.movies).frame
        #expect(try movies.strings("title") == ["Toy Story (1995)", "\"Great Performances\" Cats (1998)", "Café Flesh (1982)"])
        #expect(try movies.strings("genres")[2] == "(no genres listed)")
        #expect(try release.load(.ratings).frame.doubles("rating") == [5, 4.5])
        let tags = try release.load(.tags)
        #expect(try tags.frame.strings("tag") == ["excellent!", "politics"])
        #expect(try tags.frame.ints("timestamp") == [1_215_184_630, 1_188_263_867])
        #expect(tags.files.map(\.lastPathComponent) == ["tags.dat"])
    }

    // MARK: ml-100k

    static let genreFile = """
        unknown|0
        Action|1
        Adventure|2
        Animation|3
        Children's|4
        Comedy|5
        Crime|6
        Documentary|7
        Drama|8
        Fantasy|9
        Film-Noir|10
        Horror|11
        Musical|12
        Mystery|13
        Romance|14
        Sci-Fi|15
        Thriller|16
        War|17
        Western|18


        """

    static func flags(_ set: [Int]) -> String {
        (0..<19).map { set.contains($0) ? "1" : "0" }.joined(separator: "|")
    }

    static func writeHundredK(_ directory: TemporaryDirectory, genreFile: Bool) throws {
        let item = [
            "1|Toy Story (1995)|01-Jan-1995||http://us.imdb.com/M/title-exact?Toy%20Story%20(1995)|" + flags([3, 4, 5]),
            "267|unknown||||" + flags([0]),
            "1358|Misérables, Les (1995)|01-Jan-1995||http://x|" + flags([8]),
            "1373|Good Morning (1971)|4-Feb-1971||http://x|" + flags([0, 5]),
        ].joined(separator: "\n") + "\n"
        try directory.write("u.item", bytes: latin1(item))
        try directory.write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n")
        if genreFile { try directory.write("u.genre", Self.genreFile) }
    }

    @Test("ml-100k: genre flags become ml-latest genre strings", arguments: [true, false])
    func hundredK(withGenreFile: Bool) throws {
        let directory = try TemporaryDirectory()
        try Self.writeHundredK(directory, genreFile: withGenreFile)
        let release = try MovieLens(directory: directory.url)
        #expect(release.layout == .hundredK)
        let movies = try release.load(.movies)
        #expect(movies.frame.columnNames == ["movieId", "title", "genres"])
        #expect(try movies.frame.ints("movieId") == [1, 267, 1358, 1373])
        #expect(try movies.frame.strings("title") == [
            "Toy Story (1995)", "unknown", "Misérables, Les (1995)", "Good Morning (1971)",
        ])
        #expect(try movies.frame.strings("genres") == [
            "Animation|Children|Comedy", "(no genres listed)", "Drama", "Comedy",
        ])
        #expect(movies.files.map(\.lastPathComponent) == (withGenreFile ? ["u.item", "u.genre"] : ["u.item"]))

        let ratings = try release.load(.ratings)
        #expect(ratings.frame.columnNames == ["userId", "movieId", "rating", "timestamp"])
        #expect(try ratings.frame.ints("userId") == [196, 186])
        #expect(try ratings.frame.doubles("rating") == [3, 3])
        #expect(ratings.files.map(\.lastPathComponent) == ["u.data"])
        #expect(try release.load(.tags).frame.rowCount == 0)
    }

    @Test("a u.item row with too few genre flags names its line")
    func hundredKShortRow() throws {
        let directory = try TemporaryDirectory()
        try Self.writeHundredK(directory, genreFile: true)
        try directory.write("u.item", "1|Toy Story (1995)|||x|" + Self.flags([3]) + "\n2|Short|||x|0|1\n")
        #expect(dataErrorMessage { _ = try MovieLens(directory: directory.url).load(.movies) } == "u.item:2: expected 24 fields, found 7")
    }

    // MARK: Data that must be refused

    static let halfStars = "the release's rating scale (0.5 to 5 in half stars, as in ml-latest); "
        + "give load a rating_scale: [min, max] for another scale"

    @Test("ratings off the release's scale name their file and line", arguments: [
        ("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.5,964982703\n1,2,7,964982703\n",
         "ratings.csv:3: column 'rating': 7 is outside " + halfStars),
        ("ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.25,964982703\n",
         "ratings.csv:2: column 'rating': 4.25 is outside " + halfStars),
        ("ratings.csv", "userId,movieId,rating,timestamp\n1,1,0,964982703\n",
         "ratings.csv:2: column 'rating': 0 is outside " + halfStars),
        ("u.data", "196\t242\t3\t881250949\n186\t302\t3.5\t891717742\n",
         "u.data:2: column 'rating': 3.5 is outside the release's rating scale (1 to 5 in whole stars, as in ml-100k); "
            + "give load a rating_scale: [min, max] for another scale"),
        ("ratings.dat", "1::1193::5::978300760\n1::661::0.5::978302109\n",
         "ratings.dat:2: column 'rating': 0.5 is outside the release's rating scale (1 to 5 in whole stars, as in ml-1m); "
            + "give load a rating_scale: [min, max] for another scale"),
    ])
    func ratingScale(file: String, ratings: String, expected: String) throws {
        let directory = try TemporaryDirectory()
        switch file {
        case "ratings.csv": try Self.writeLatest(directory)
        case "u.data": try Self.writeHundredK(directory, genreFile: false)
        default:
            try directory.write("movies.dat", "1::Toy Story (1995)::Comedy\n")
            try directory.write("users.dat", "1::F::1::10::48067\n")
        }
        try directory.write(file, ratings)
        #expect(dataErrorMessage { _ = try MovieLens(directory: directory.url).load(.ratings) } == expected)
    }

    @Test("ml-10m's .dat ratings are in half stars; another scale can be given")
    func otherScales() throws {
        let directory = try TemporaryDirectory()
        try directory.write("movies.dat", "1::Toy Story (1995)::Comedy\n")
        try directory.write("ratings.dat", "1::122::0.5::838985046\n1::185::10::838983525\n")
        let release = try MovieLens(directory: directory.url)
        #expect(release.ratingScale == NumericDomain(0.5, 5, step: 0.5, description: "the release's rating scale (0.5 to 5 in half stars, as in ml-10m); give load a rating_scale: [min, max] for another scale"))
        #expect(dataErrorMessage { _ = try release.load(.ratings) }?.hasPrefix("ratings.dat:2: column 'rating': 10 is outside the release's rating scale (0.5 to 5 in half stars, as in ml-10m)") == true)
        let tenPoint = try release.load(.ratings, ratingScale: MovieLens.ratingScale(from: 0.5, to: 10))
        #expect(try tenPoint.frame.doubles("rating") == [0.5, 10])
        #expect(
            dataErrorMessage { _ = try release.load(.ratings, ratingScale: MovieLens.ratingScale(from: 1, to: 5)) }
                == "ratings.dat:1: column 'rating': 0.5 is outside the rating scale 1 to 5"
        )
    }

    @Test("a ratings file without ratings is refused, naming the file")
    func emptyRatings() throws {
        let directory = try TemporaryDirectory()
        try Self.writeLatest(directory)
        try directory.write("ratings.csv", "userId,movieId,rating,timestamp\n")
        #expect(dataErrorMessage { _ = try MovieLens(directory: directory.url).load(.ratings) } == "ratings.csv: has a header but no ratings")
        try Self.writeHundredK(directory, genreFile: false)
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("movies.csv"))
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("ratings.csv"))
        try directory.write("u.data", "\n")
        #expect(dataErrorMessage { _ = try MovieLens(directory: directory.url).load(.ratings) } == "u.data: the file holds no ratings")
        // Tags may be empty: most releases have few.
        try Self.writeLatest(directory)
        try directory.write("tags.csv", "userId,movieId,tag,timestamp\n")
        #expect(try MovieLens(directory: directory.url).load(.tags).frame.rowCount == 0)
    }

    @Test("a release file that is a named pipe is refused without blocking", .timeLimit(.minutes(1)))
    func pipeInRelease() throws {
        let directory = try TemporaryDirectory()
        try Self.writeLatest(directory)
        let ratings = directory.url.appendingPathComponent("ratings.csv")
        try FileManager.default.removeItem(at: ratings)
        #expect(mkfifo(ratings.path, 0o600) == 0)
        #expect(
            dataErrorMessage { _ = try MovieLens(directory: directory.url).load(.ratings) }
                == "cannot read 'ratings.csv': not a regular file (it is a named pipe)"
        )
    }

    // MARK: Directory errors

    @Test("a missing directory suggests fetching a release")
    func missingDirectory() {
        let message = dataErrorMessage { _ = try MovieLens(directory: URL(fileURLWithPath: "/no/such/ml-latest-small")) }
        #expect(message == "dataset directory '/no/such/ml-latest-small' does not exist; download a MovieLens release with "
            + "'recbook fetch ml-latest-small' and pass --param data=<dir>")
    }

    @Test("a directory without MovieLens files says what was looked for")
    func unrecognizedDirectory() throws {
        let directory = try TemporaryDirectory()
        try directory.write("README.txt", "hello")
        let path = directory.url.path
        #expect(dataErrorMessage { _ = try MovieLens(directory: directory.url) } == "dataset directory '\(path)' holds no "
            + "MovieLens files (looked for movies.csv, ratings.csv, movies.dat, ratings.dat, u.item, u.data)")

        try Self.writeLatest(directory.subdirectory("ml-latest-small"))
        #expect(dataErrorMessage { _ = try MovieLens(directory: directory.url) } == "dataset directory '\(path)' holds no "
            + "MovieLens files (looked for movies.csv, ratings.csv, movies.dat, ratings.dat, u.item, u.data); "
            + "its subdirectory 'ml-latest-small' has them: pass --param data=\(path)/ml-latest-small")
    }

    @Test("a release lacking a required file names it")
    func missingFile() throws {
        let directory = try TemporaryDirectory()
        try directory.write("movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\n")
        let release = try MovieLens(directory: directory.url)
        #expect(try release.load(.movies).frame.rowCount == 1)
        #expect(release.files(for: .ratings).isEmpty)
        #expect(
            dataErrorMessage { _ = try release.load(.ratings) }
                == "dataset directory '\(directory.url.path)' has no ratings.csv, which its MovieLens layout needs"
        )
    }

    @Test("directories are named as the caller gave them")
    func relativeDirectory() throws {
        let url = URL(fileURLWithPath: "no-such-release", relativeTo: URL(fileURLWithPath: "/tmp"))
        #expect(dataErrorMessage { _ = try MovieLens(directory: url) }?.hasPrefix("dataset directory 'no-such-release' does not exist") == true)
    }
}
